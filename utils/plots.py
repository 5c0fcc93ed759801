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


# --- 01 text analysis ----------------------------------------------------------------------------


def top_words(freq: pd.DataFrame, n: int = 15, title: str = "Most frequent words") -> Figure:
    """Horizontal bars: the ``n`` most frequent words of :func:`utils.text.word_frequencies`."""
    _require(freq, ["word", "count"], "top_words")
    top = freq.head(n).iloc[::-1]
    with style():
        fig, ax = figure(6.5, max(2.0, 0.28 * len(top) + 1))
        ax.barh(top.word, top["count"], color=COLORS["accent"])
        ax.set_xlabel("count")
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        fig.tight_layout()
    return fig


def collocation_scatter(pmi: pd.DataFrame, llr: pd.DataFrame, label: int = 8) -> Figure:
    """Each n-gram as a point: PMI against log-likelihood, the size showing its count.

    ``pmi`` and ``llr`` are :func:`utils.text.collocations` with ``measure="pmi"`` and ``"llr"``
    for the same text and settings; the ``label`` best n-grams by log-likelihood are named.
    """
    _require(pmi, ["ngram", "count", "score"], "collocation_scatter")
    _require(llr, ["ngram", "score"], "collocation_scatter")
    both = pmi.merge(llr[["ngram", "score"]], on="ngram", suffixes=("_pmi", "_llr"))
    with style():
        fig, ax = figure(7, 4.5)
        ax.scatter(both.score_pmi, both.score_llr, s=18 * both["count"] ** 1.5, alpha=0.45,
                   color=COLORS["accent"], edgecolor="white")
        # n-grams with the same counts share a point: name one and say how many
        points = both.groupby(["score_pmi", "score_llr"], sort=False).ngram.agg(["first", "size"])
        points = points.reset_index().nlargest(label, "score_llr")
        points = pd.concat([points, both.nlargest(1, "score_pmi")[["score_pmi", "score_llr"]].merge(
            both.groupby(["score_pmi", "score_llr"]).ngram.agg(["first", "size"]).reset_index())])
        middle = (both.score_pmi.min() + both.score_pmi.max()) / 2 if len(both) else 0
        for row in points.drop_duplicates(["score_pmi", "score_llr"]).itertuples():
            name = row.first if row.size == 1 else f"{row.first} (+{row.size - 1} more)"
            right = row.score_pmi > middle
            ax.annotate(name, (row.score_pmi, row.score_llr), fontsize=8, ha="right" if right else "left",
                        xytext=(-6 if right else 6, 4), textcoords="offset points")
        ax.set_xlabel("PMI (bits)")
        ax.set_ylabel("log-likelihood ratio G²")
        ax.set_title("Collocations: PMI rewards rarity, G² rewards evidence (size = count)")
        fig.tight_layout()
    return fig


def dispersion_plot(disp: pd.DataFrame, n_sentences: int | None = None, x: str = "sentence_id") -> Figure:
    """Lexical dispersion: a tick for each occurrence of each target, one row per target.

    ``disp`` is :func:`utils.text.dispersion`; ``x`` is ``"sentence_id"`` or ``"word_index"``.
    Targets keep the order in which they were asked for (top row first).
    """
    _require(disp, ["word", x], "dispersion_plot")
    targets = list(dict.fromkeys(disp.word))
    with style():
        fig, ax = figure(8, 0.45 * max(len(targets), 1) + 1.4)
        for i, target in enumerate(targets):
            xs = disp.loc[disp.word == target, x]
            ax.scatter(xs, [i] * len(xs), marker="|", s=300, color=COLORS["accent"], linewidths=2)
        ax.set_yticks(range(len(targets)), targets)
        ax.set_ylim(len(targets) - 0.5, -0.5)
        if n_sentences and x == "sentence_id":
            ax.set_xlim(0.5, n_sentences + 0.5)
            ax.set_xticks(range(1, n_sentences + 1))
        ax.set_xlabel("sentence" if x == "sentence_id" else "word offset")
        ax.set_title("Lexical dispersion")
        ax.grid(axis="y", visible=False)
        fig.tight_layout()
    return fig


def diversity_curve_plot(curve: pd.DataFrame) -> Figure:
    """TTR and root TTR against the number of words read (:func:`utils.text.diversity_curve`)."""
    _require(curve, ["words", "ttr", "root_ttr"], "diversity_curve_plot")
    with style():
        fig, ax = figure(7, 3.6)
        ax.plot(curve.words, curve.ttr, marker="o", ms=3, color=COLORS["accent"], label="TTR (left)")
        ax.set_xlabel("words read from the start")
        ax.set_ylabel("TTR = types / tokens")
        ax.set_ylim(0, 1.05)
        right = ax.twinx()
        right.plot(curve.words, curve.root_ttr, marker="s", ms=3, color=COLORS["ORG"], label="root TTR (right)")
        right.set_ylabel("root TTR = types / √tokens")
        right.grid(False)
        lines = ax.get_lines() + right.get_lines()
        ax.legend(lines, [ln.get_label() for ln in lines], loc="lower right")
        ax.set_title("TTR falls as a text grows; root TTR rises")
        fig.tight_layout()
    return fig


def sentence_length_histogram(lengths: pd.DataFrame, bins: int = 10) -> Figure:
    """Histogram of words per sentence (:func:`utils.text.sentence_lengths`), mean marked."""
    _require(lengths, ["words"], "sentence_length_histogram")
    with style():
        fig, ax = figure(6, 3.2)
        ax.hist(lengths.words, bins=bins, color=COLORS["accent"], edgecolor="white")
        if len(lengths):
            mean = lengths.words.mean()
            ax.axvline(mean, color=COLORS["negative"], linestyle="--")
            ax.text(mean, ax.get_ylim()[1] * 0.95, f" mean {mean:.1f}", color=COLORS["negative"], va="top")
        ax.set_xlabel("words per sentence")
        ax.set_ylabel("sentences")
        ax.set_title("How long are the sentences?")
        fig.tight_layout()
    return fig


def pos_bars(profile: pd.DataFrame) -> Figure:
    """Share of each part of speech (:func:`utils.text.pos_profile`), proper nouns highlighted."""
    _require(profile, ["pos", "share"], "pos_bars")
    top = profile.iloc[::-1]
    with style():
        fig, ax = figure(6, max(2.0, 0.28 * len(top) + 1))
        colors = [COLORS["PERSON"] if p == "PROPN" else COLORS["muted"] for p in top.pos]
        ax.barh(top.pos, 100 * top.share, color=colors)
        ax.set_xlabel("% of tokens (punctuation excluded)")
        ax.set_title("Part-of-speech profile")
        ax.grid(axis="y", visible=False)
        fig.tight_layout()
    return fig


def keyword_bars(keys: pd.DataFrame, n: int = 15) -> Figure:
    """Top keywords (:func:`utils.text.keywords`): bars of log-likelihood, log ratio written beside."""
    _require(keys, ["word", "ll", "log_ratio"], "keyword_bars")
    top = keys.head(n).iloc[::-1]
    with style():
        fig, ax = figure(6.5, max(2.0, 0.28 * len(top) + 1))
        ax.barh(top.word, top.ll, color=COLORS["accent"])
        for y, (ll, lr) in enumerate(zip(top.ll, top.log_ratio, strict=True)):
            ax.text(ll, y, f"  ×{2 ** lr:,.0f}", va="center", fontsize=8, color=COLORS["neutral"])
        ax.set_xlabel("log-likelihood G² against general English (wordfreq)")
        ax.set_title("Keywords (label: times more frequent than in general English)")
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, top.ll.max() * 1.25 if len(top) else 1)
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
