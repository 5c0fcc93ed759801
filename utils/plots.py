"""Every figure of the project: each function takes a DataFrame and returns a matplotlib Figure.

One shared look (:func:`figure`), colours that mean the same thing in every notebook, no global
state changed: the style is applied through a context, so a notebook's own plots stay untouched.
Sections below are ordered like the notebooks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

STYLE = {
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
}

# colours with one meaning across the notebooks
COLORS = {
    "negative": "#c0392b",
    "neutral": "#7f8c8d",
    "positive": "#27ae60",
    "PERSON": "#2c7fb8",
    "ORG": "#e6550d",
    "GPE": "#31a354",
    "LOC": "#74c476",
    "NORP": "#756bb1",
    "DATE": "#636363",
    "accent": "#2c7fb8",
    "muted": "#bdbdbd",
}


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the project's plotting style inside a ``with`` block."""
    with plt.rc_context(STYLE):
        yield
        # Jupyter's inline backend switches interactive mode on when the first figure is made, inside
        # this block; rc_context would switch it off again on exit, and later figures would not show
        interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)


def figure(width: float = 7.0, height: float = 4.0, **kwargs) -> tuple[Figure, plt.Axes]:
    """A new Figure with one Axes in the project style (call inside :func:`style`)."""
    fig, ax = plt.subplots(figsize=(width, height), **kwargs)
    return fig, ax


def _require(frame: pd.DataFrame, columns: list[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} expects a pandas DataFrame, got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} needs the columns {columns}; missing: {missing}.")


# --- 00 the report -------------------------------------------------------------------------------


def sentence_lengths_by_paragraph(sents: pd.DataFrame, toks: pd.DataFrame) -> Figure:
    """Bar chart: words per sentence, sentences grouped and coloured by paragraph.

    ``sents`` is :func:`utils.text.sentences`, ``toks`` is :func:`utils.text.tokens`.
    """
    _require(sents, ["sentence_id", "paragraph_id"], "sentence_lengths_by_paragraph")
    _require(toks, ["sentence_id", "is_alpha"], "sentence_lengths_by_paragraph")
    words = toks[toks.is_alpha].groupby("sentence_id").size()
    frame = sents.assign(words=sents.sentence_id.map(words).fillna(0).astype(int))
    with style():
        fig, ax = figure(8, 3.2)
        shades = [COLORS["accent"] if p % 2 else COLORS["muted"] for p in frame.paragraph_id]
        ax.bar(frame.sentence_id, frame.words, color=shades)
        for pid, group in frame.groupby("paragraph_id"):
            ax.text(group.sentence_id.mean(), group.words.max() + 1, f"¶{pid}", ha="center", fontsize=8)
        ax.set_xlabel("sentence")
        ax.set_ylabel("words (alphabetic tokens)")
        ax.set_title("Sentence length, paragraph by paragraph")
        ax.set_xticks(frame.sentence_id)
        ax.set_ylim(0, frame.words.max() + 6 if len(frame) else 1)
        fig.tight_layout()
    return fig


# --- 05 sources ----------------------------------------------------------------------------------

SOURCE_COLORS = {
    "person": COLORS["PERSON"],
    "organisation": COLORS["ORG"],
    "anonymous": "#3d3d3d",
    "outlet": COLORS["NORP"],
    "unknown": COLORS["muted"],
}


def _kind_legend(ax: plt.Axes, kinds: list[str], **kwargs) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=SOURCE_COLORS.get(k, COLORS["muted"]), label=k) for k in kinds]
    ax.legend(handles=handles, **kwargs)


def who_speaks(attrs: pd.DataFrame) -> Figure:
    """Horizontal bars: attributed claims per source, coloured by the kind of source.

    ``attrs`` is :func:`utils.sources.attributions`; the outlet's signature of the whole report
    (``scope == "report"``) is left out, as in the anonymous share.
    """
    _require(attrs, ["source", "source_kind", "scope"], "who_speaks")
    claims = attrs[attrs.scope != "report"]
    counts = (claims.groupby(["source", "source_kind"]).size().rename("claims").reset_index()
              .sort_values(["claims", "source"], ascending=[True, False]))
    with style():
        fig, ax = figure(7, 0.45 * max(len(counts), 2) + 1.2)
        ax.barh(counts.source, counts.claims,
                color=[SOURCE_COLORS.get(k, COLORS["muted"]) for k in counts.source_kind])
        ax.set_xlabel("attributed claims")
        ax.set_title("Who speaks in the report, and how often")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", visible=False)
        kinds = [k for k in SOURCE_COLORS if k in set(counts.source_kind)]
        if kinds:
            _kind_legend(ax, kinds, loc="center left", bbox_to_anchor=(1.01, 0.5), title="kind of source")
        fig.tight_layout()
    return fig


def sourcing_chain(chain: pd.DataFrame) -> Figure:
    """The chain of relays from the sources to the reader, drawn left to right.

    ``chain`` is :func:`utils.sources.sourcing_chain`. A solid arrow: the text names that channel
    ("one of the sources told Bloomberg"); dashed: the source simply appears in the outlet's text.
    The number on an arrow counts the claims that travel along it.
    """
    _require(chain, ["source", "source_kind", "relayed_by", "stated", "attributions"], "sourcing_chain")
    nodes = chain.drop_duplicates("source").set_index("source")
    children: dict[str, list[str]] = {}
    for r in chain.itertuples():
        if isinstance(r.relayed_by, str) and r.relayed_by in nodes.index and r.source != r.relayed_by:
            children.setdefault(r.relayed_by, []).append(r.source)
    roots = [n for n in nodes.index if not any(n in c for c in children.values())]
    pos: dict[str, tuple[float, float]] = {}
    next_row = [0.0]

    def place(name: str, depth: int) -> float:
        # a tidy tree: leaves take consecutive rows, a relay sits level with the middle of its sources
        kids = [k for k in children.get(name, []) if k not in pos]
        pos[name] = (0.0, 0.0)
        if kids:
            rows = [place(k, depth + 1) for k in kids]
            y = sum(rows) / len(rows)
        else:
            y, next_row[0] = next_row[0], next_row[0] + 1
        pos[name] = (depth, y)
        return y

    for root in roots:
        place(root, 0)
    top = max((p[0] for p in pos.values()), default=0)
    pos = {n: (top - d, -y) for n, (d, y) in pos.items()}  # sources left, the outlet right
    with style():
        fig, ax = figure(2.6 * (top + 1) + 2.0, 0.55 * max(next_row[0], 2) + 1.4)
        ax.axis("off")
        boxes = {}
        for name, (x, y) in pos.items():
            kind = nodes.loc[name, "source_kind"]
            boxes[name] = ax.text(x, y, name, ha="center", va="center", fontsize=9, color="white",
                                  bbox={"boxstyle": "round,pad=0.4", "ec": "none",
                                        "fc": SOURCE_COLORS.get(kind, COLORS["muted"])})
        for r in chain.itertuples():
            if not isinstance(r.relayed_by, str) or r.relayed_by not in boxes or r.source == r.relayed_by:
                continue
            ax.annotate("", xy=(0, 0.5), xycoords=boxes[r.relayed_by], xytext=(1, 0.5),
                        textcoords=boxes[r.source],
                        arrowprops={"arrowstyle": "->", "color": COLORS["neutral"], "lw": 1.3,
                                    "linestyle": "-" if r.stated else "--", "shrinkA": 6, "shrinkB": 6})
            if r.attributions:
                (x0, y0), (x1, y1) = pos[r.source], pos[r.relayed_by]
                ax.text(x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0) + 0.15, str(r.attributions),
                        ha="center", fontsize=8, color=COLORS["neutral"])
        for root in roots:
            x, y = pos[root]
            ax.annotate("reader", xy=(1, 0.5), xycoords=boxes[root], xytext=(x + 0.7, y), textcoords="data",
                        ha="left", va="center", fontsize=9, style="italic",
                        arrowprops={"arrowstyle": "<-", "color": COLORS["neutral"], "shrinkA": 4, "shrinkB": 6})
        ys = [p[1] for p in pos.values()] or [0]
        ax.set_xlim(-0.7, top + 1.1)
        ax.set_ylim(min(ys) - 0.7, max(ys) + 0.5)
        kinds = [k for k in SOURCE_COLORS if k in set(nodes.source_kind)]
        if kinds:
            _kind_legend(ax, kinds, loc="upper center", bbox_to_anchor=(0.5, 0.02), ncol=len(kinds), fontsize=8)
        ax.set_title("Sourcing chain: who relays whom (solid arrow: the text names the channel)")
        fig.tight_layout()
    return fig


def sourcing_map(sents: pd.DataFrame, attrs: pd.DataFrame) -> Figure:
    """One cell per sentence, coloured by the kinds of source its claims rest on.

    ``sents`` is :func:`utils.text.sentences`, ``attrs`` is :func:`utils.sources.attributions`.
    A pale cell is a sentence in the writer's own voice; the outlet's signature of the whole report
    (``scope == "report"``) is left out.
    """
    _require(sents, ["sentence_id", "start", "end"], "sourcing_map")
    _require(attrs, ["source_kind", "claim_start", "claim_end", "scope"], "sourcing_map")
    claims = attrs[attrs.scope != "report"]
    with style():
        fig, ax = figure(9, 1.8)
        for s in sents.itertuples():
            kinds = [c.source_kind for c in claims.itertuples() if c.claim_start < s.end and s.start < c.claim_end]
            kinds = list(dict.fromkeys(kinds)) or [None]
            for k, kind in enumerate(kinds):
                color = SOURCE_COLORS.get(kind, COLORS["muted"]) if kind else "#eeeeee"
                ax.bar(s.sentence_id, 1 / len(kinds), bottom=k / len(kinds), width=0.9, color=color)
        ax.set_xticks(sents.sentence_id)
        ax.set_yticks([])
        ax.grid(False)
        ax.set_xlabel("sentence")
        ax.set_title("Which sentences rest on a source (pale: the writer's own voice)")
        kinds = [k for k in SOURCE_COLORS if k in set(claims.source_kind)]
        if kinds:
            _kind_legend(ax, kinds, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
        fig.tight_layout()
    return fig
