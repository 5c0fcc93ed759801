"""Every figure of the project: each function takes a DataFrame and returns a matplotlib Figure.

One shared look (:func:`figure`), colours that mean the same thing in every notebook, no global
state changed: the style is applied through a context, so a notebook's own plots stay untouched.
Sections below are ordered like the notebooks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

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


# --- 04 chronology -------------------------------------------------------------------------------


def _date_axis_segments(days: list) -> list[tuple]:
    """Split sorted dates into clusters separated by gaps of more than a year (for a broken axis)."""
    segments: list[list] = []
    for day in sorted(set(days)):
        if segments and (day - segments[-1][-1]).days <= 366:
            segments[-1].append(day)
        else:
            segments.append([day])
    return [(seg[0], seg[-1]) for seg in segments]


def events_on_a_date_axis(events: pd.DataFrame) -> Figure:
    """Dated events on a broken date axis: one panel per cluster of dates (2006, 2015, Dec 2024 ...).

    ``events`` is :func:`utils.chronology.timeline`. An event is drawn as a bar from ``earliest`` to
    ``latest`` (a year-valued event spans its whole year) when both bounds are known; events with
    only one bound or none are left out (listed in the title count), because the text does not
    place them.
    """
    _require(events, ["event_id", "trigger", "earliest", "latest", "story_order"], "events_on_a_date_axis")
    import datetime as _dt

    import matplotlib.dates as mdates

    dated = events[events.earliest.notna() & events.latest.notna()].sort_values("story_order")
    with style():
        if dated.empty:
            fig, ax = figure(7, 2)
            ax.text(0.5, 0.5, "no event with a known date", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        segs = _date_axis_segments(list(dated.earliest))
        widths = [max(((b - a).days + 1), 30) for a, b in segs]
        fig, axes = plt.subplots(
            1, len(segs), figsize=(9, 0.45 * len(dated) + 1.6), sharey=True,
            gridspec_kw={"width_ratios": [max(w, sum(widths) * 0.18) for w in widths]}, squeeze=False,
        )
        axes = axes[0]
        labels = [f"{r.trigger} ({r.event_id})" for r in dated.itertuples()]
        ys = range(len(dated))
        for ax, (a, b) in zip(axes, segs, strict=True):
            for y, r in zip(ys, dated.itertuples(), strict=True):
                start, end = r.earliest, r.latest
                if end < a or start > b + _dt.timedelta(days=366):
                    continue
                span = (end - start).days + 1
                if span > 1:
                    ax.barh(y, span, left=mdates.date2num(start), height=0.5, color=COLORS["muted"])
                ax.plot(mdates.date2num(start + (end - start) / 2), y, "o", color=COLORS["accent"])
            lo = min(a, max(dated.earliest[dated.earliest <= b + _dt.timedelta(days=366)]))
            hi = max(dated.latest[(dated.earliest >= a) & (dated.earliest <= b + _dt.timedelta(days=366))])
            pad = max(2, ((hi - lo).days) // 12)
            ax.set_xlim(mdates.date2num(lo - _dt.timedelta(days=pad)), mdates.date2num(hi + _dt.timedelta(days=pad)))
            locator = mdates.AutoDateLocator(maxticks=4)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
            ax.tick_params(axis="x", labelsize=8)
        axes[0].set_yticks(list(ys))
        axes[0].set_yticklabels(labels)
        axes[0].invert_yaxis()
        for ax in axes[1:]:
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0)
        left_out = len(events) - len(dated)
        fig.suptitle(
            f"Events with a date the text supports ({len(dated)} of {len(events)}; {left_out} undated left out)",
            fontweight="bold", fontsize=11,
        )
        fig.supxlabel("date (the axis is broken between clusters of years)", fontsize=9)
        fig.tight_layout()
    return fig


def story_vs_narrative_order(events: pd.DataFrame) -> Figure:
    """Scatter of narrative order (x, when it is told) against story order (y, when it happened).

    ``events`` is :func:`utils.chronology.timeline`. Points on the diagonal are told in the order
    they happened; points far below it are flashbacks (told late, happened early). Dated events
    are filled, events placed only by the narrative are hollow.
    """
    _require(events, ["event_id", "trigger", "story_order", "narrative_order", "value"], "story_vs_narrative_order")
    with style():
        fig, ax = figure(7, 6)
        n = max(len(events), 1)
        ax.plot([1, n], [1, n], color=COLORS["muted"], lw=1, ls="--", label="told in the order it happened")
        dated = events.value.astype(str).str.match(r"^\d{4}")
        ax.scatter(events.narrative_order[dated], events.story_order[dated], color=COLORS["accent"], s=40,
                   label="dated by a time expression", zorder=3)
        ax.scatter(events.narrative_order[~dated], events.story_order[~dated], facecolors="none",
                   edgecolors=COLORS["neutral"], s=30, label="placed by cues and narrative position", zorder=2)
        for r in events[dated].itertuples():
            ax.annotate(f"{r.trigger} ({r.value})", (r.narrative_order, r.story_order), fontsize=8,
                        xytext=(4, -10), textcoords="offset points")
        ax.set_xlabel("narrative order (position in the text)")
        ax.set_ylabel("story order (position in time)")
        ax.set_title("Story order against narrative order: flashbacks fall below the diagonal")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8)
        fig.tight_layout()
    return fig
