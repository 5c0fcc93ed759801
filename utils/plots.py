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
from matplotlib.ticker import MaxNLocator

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


def sentence_lengths_by_paragraph(sents: pd.DataFrame, toks: pd.DataFrame | None = None) -> Figure:
    """Bar chart: words per sentence, sentences grouped and coloured by paragraph.

    ``sents`` is :func:`utils.text.sentence_lengths` (it has the ``words`` column); or
    :func:`utils.text.sentences` with ``toks`` from :func:`utils.text.tokens`, whose alphabetic
    tokens are counted.
    """
    _require(sents, ["sentence_id", "paragraph_id"], "sentence_lengths_by_paragraph")
    if toks is None:
        _require(sents, ["words"], "sentence_lengths_by_paragraph (without toks)")
        frame = sents
    else:
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
        ax.set_title("Collocations: PMI (strength) against G² (strength and evidence); size = count")
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


# --- 02 sentiment --------------------------------------------------------------------------------


def _sign_colors(values: pd.Series, threshold: float = 0.05) -> list[str]:
    return [
        COLORS["positive"] if v >= threshold else COLORS["negative"] if v <= -threshold else COLORS["neutral"]
        for v in values
    ]


def sentiment_arc_plot(arc: pd.DataFrame, threshold: float = 0.05) -> Figure:
    """Bars of VADER's compound per sentence in reading order, coloured by label, with the rolling
    mean as a line and paragraph boundaries as dotted lines. ``arc`` is
    :func:`utils.sentiment.sentiment_arc`."""
    _require(arc, ["sentence_id", "paragraph_id", "compound", "rolling_mean"], "sentiment_arc_plot")
    with style():
        fig, ax = figure(8.5, 3.6)
        ax.axhspan(-threshold, threshold, color=COLORS["muted"], alpha=0.3, lw=0, label="neutral band")
        ax.bar(arc.sentence_id, arc.compound, color=_sign_colors(arc.compound, threshold), width=0.7)
        ax.plot(arc.sentence_id, arc.rolling_mean, color="black", lw=1.6, marker="o", ms=3, label="rolling mean")
        firsts = arc.groupby("paragraph_id").sentence_id.min()
        for pid, first in firsts.items():
            if first != arc.sentence_id.min():
                ax.axvline(first - 0.5, color=COLORS["muted"], ls=":", lw=1)
            ax.text(first - 0.4, 1.02, f"¶{pid}", fontsize=7, color="dimgray", va="bottom")
        ax.axhline(0, color="black", lw=0.6)
        ax.set_ylim(-1.05, 1.12)
        ax.set_xticks(arc.sentence_id)
        ax.set_xlabel("sentence (reading order)")
        ax.set_ylabel("VADER compound")
        ax.set_title("Sentiment arc: sentence by sentence, paragraph by paragraph")
        ax.legend(loc="lower left", fontsize=8)
        fig.tight_layout()
    return fig


def reference_agreement_plot(comp: pd.DataFrame) -> Figure:
    """Per sentence, NLTK's score minus the reference's, for compound and for neu (the share of
    neutral words), with the reason of each difference written above the sentence. ``comp`` is
    :func:`utils.sentiment.reference_comparison`."""
    _require(comp, ["sentence_id", "compound", "compound_ref", "neu", "neu_ref", "reason"],
             "reference_agreement_plot")
    d_compound = comp.compound - comp.compound_ref
    d_neu = comp.neu - comp.neu_ref
    with style():
        fig, ax = figure(8.5, 3.6)
        ax.bar(comp.sentence_id - 0.2, d_compound, width=0.4, color=COLORS["accent"], label="compound")
        ax.bar(comp.sentence_id + 0.2, d_neu, width=0.4, color=COLORS["muted"], label="neu")
        ax.axhline(0, color="black", lw=0.6)
        top = max(float(d_compound.abs().max()), float(d_neu.abs().max()), 0.01)
        for sid, reason in zip(comp.sentence_id, comp.reason, strict=True):
            if reason:
                ax.text(sid, top * 1.08, reason.replace(", ", "\n"), ha="center", va="bottom", fontsize=6.5,
                        rotation=90)
        ax.set_ylim(-top * 1.15, top * 2.6)
        ax.set_xticks(comp.sentence_id)
        ax.set_xlabel("sentence")
        ax.set_ylabel("NLTK minus reference")
        agree = int(comp.agree.sum()) if "agree" in comp else ""
        ax.set_title(f"NLTK vs vaderSentiment: all four scores agree (to 1e-4) on {agree} of {len(comp)} sentences")
        ax.legend(loc="lower left", fontsize=8)
        fig.tight_layout()
    return fig


def contributions_plot(contrib: pd.DataFrame, title: str = "What carried the score") -> Figure:
    """Horizontal bars: the contribution of every word that moved the score (after VADER's rules),
    with its plain lexicon valence as a hollow marker. ``contrib`` is
    :func:`utils.sentiment.sentiment_contributions`."""
    _require(contrib, ["position", "word", "lexicon", "contribution"], "contributions_plot")
    rows = contrib[(contrib.contribution != 0) | (contrib.lexicon != 0)].iloc[::-1]
    with style():
        fig, ax = figure(6.0, 0.45 * max(len(rows), 2) + 1.3)
        labels = [f"{w} (#{p})" if k == "word" else w for w, p, k in
                  zip(rows.word, rows.position, rows.get("kind", ["word"] * len(rows)), strict=True)]
        ax.barh(labels, rows.contribution, color=_sign_colors(rows.contribution, 1e-9), height=0.6,
                label="contribution (after rules)")
        ax.scatter(rows.lexicon, labels, facecolor="none", edgecolor="black", zorder=3, label="lexicon valence")
        ax.axvline(0, color="black", lw=0.6)
        total = contrib.contribution.sum()
        ax.set_xlabel(f"valence (total before normalisation: {total:+.3f})")
        ax.set_title(title)
        ax.legend(loc="best", fontsize=8)
        fig.tight_layout()
    return fig


def method_comparison_plot(frame: pd.DataFrame, annotate: int = 4) -> Figure:
    """VADER's compound against TextBlob's polarity, one dot per sentence, the ``annotate``
    sentences with the largest gap labelled. ``frame`` is :func:`utils.sentiment.method_comparison`."""
    _require(frame, ["sentence_id", "compound", "polarity", "gap", "same_sign"], "method_comparison_plot")
    with style():
        fig, ax = figure(5.0, 4.6)
        ax.axhline(0, color="black", lw=0.6)
        ax.axvline(0, color="black", lw=0.6)
        colors = [COLORS["accent"] if s else COLORS["negative"] for s in frame.same_sign]
        ax.scatter(frame.compound, frame.polarity, c=colors, s=30)
        for row in frame.nlargest(annotate, "gap").itertuples():
            ax.annotate(f"s{row.sentence_id}", (row.compound, row.polarity), xytext=(5, 4),
                        textcoords="offset points", fontsize=8)
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("VADER compound")
        ax.set_ylabel("TextBlob polarity")
        ax.set_title("Two lexicons, one report (red: labels differ)")
        fig.tight_layout()
    return fig


def entity_sentiment_plot(frame: pd.DataFrame) -> Figure:
    """Mean compound of the sentences mentioning each entity, with the range (min to max) as a
    line and the number of sentences written beside each bar. ``frame`` is
    :func:`utils.sentiment.entity_sentiment`."""
    _require(frame, ["entity", "sentences", "mean_compound", "min_compound", "max_compound"],
             "entity_sentiment_plot")
    rows = frame.sort_values("mean_compound")
    with style():
        fig, ax = figure(6.5, 0.42 * max(len(rows), 2) + 1.4)
        ax.barh(rows.entity, rows.mean_compound, color=_sign_colors(rows.mean_compound), height=0.6)
        ax.hlines(rows.entity, rows.min_compound, rows.max_compound, color="black", lw=1)
        for row in rows.itertuples():
            ax.text(1.02, row.entity, f"n={row.sentences}", va="center", fontsize=8,
                    transform=ax.get_yaxis_transform())
        ax.axvline(0, color="black", lw=0.6)
        ax.set_xlim(-1, 1)
        ax.set_xlabel("mean compound of the sentences naming it (line: lowest to highest)")
        ax.set_title("Entity-targeted sentiment (sentence level)")
        fig.tight_layout()
    return fig


# --- 03 entities ---------------------------------------------------------------------------------


def _label_color(label: str) -> str:
    return COLORS.get(label, COLORS["neutral"])


def _type_legend(ax: plt.Axes, labels, **where) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=_label_color(lab), label=lab) for lab in sorted(set(labels))]
    ax.legend(handles=handles, fontsize=8, title="type", title_fontsize=8, **({"loc": "lower right"} | where))


def top_entities_by_type(freq: pd.DataFrame, n: int = 15) -> Figure:
    """Horizontal bars: mentions of the ``n`` most mentioned entities, coloured by type; the part
    that comes from demonyms ("Russian" for Russia) is hatched.

    ``freq`` is :func:`utils.entities.entity_frequencies`.
    """
    _require(freq, ["entity", "label", "mentions"], "top_entities_by_type")
    top = freq.head(n).iloc[::-1]
    demonyms = top["demonym_mentions"] if "demonym_mentions" in top else pd.Series(0, index=top.index)
    with style():
        fig, ax = figure(8, 0.32 * max(len(top), 3) + 1.4)
        colors = [_label_color(lab) for lab in top.label]
        own = top.mentions - demonyms
        ax.barh(top.entity, own, color=colors)
        ax.barh(top.entity, demonyms, left=own, color=colors, alpha=0.45, hatch="///", edgecolor="white")
        for y, (m, d) in enumerate(zip(top.mentions, demonyms, strict=True)):
            ax.text(m + 0.1, y, f"{m}" + (f"  ({d} from demonyms)" if d else ""), va="center", fontsize=8)
        ax.set_xlabel("mentions (hatched part: demonyms, e.g. \u201cRussian\u201d for Russia)")
        ax.set_title(f"The {len(top)} most mentioned entities")
        ax.set_xlim(0, (top.mentions.max() if len(top) else 1) * 1.35)
        ax.grid(axis="y", visible=False)
        _type_legend(ax, top.label)
        fig.tight_layout()
    return fig


def entity_dispersion(mentions: pd.DataFrame, sents: pd.DataFrame, n: int = 12) -> Figure:
    """Dispersion plot: one row per entity (the ``n`` most mentioned, ties broken by the earlier
    first mention), one mark per sentence that names it ("\u00d72" when it is named twice there);
    hollow marks are demonyms. Shaded bands are every other paragraph.

    ``mentions`` is :func:`utils.entities.entity_mentions`, ``sents`` :func:`utils.text.sentences`.
    """
    import textwrap

    _require(mentions, ["sentence_id", "entity", "label"], "entity_dispersion")
    _require(sents, ["sentence_id", "paragraph_id"], "entity_dispersion")
    counts = mentions.groupby("entity").size()
    first = mentions.groupby("entity").sentence_id.min()
    # the n most mentioned (ties: earlier first mention), then drawn in order of first mention
    top = sorted(counts.index, key=lambda e: (-counts[e], first[e], e))[:n]
    keep = sorted(top, key=lambda e: (first[e], -counts[e], e))
    rows = {e: i for i, e in enumerate(reversed(keep))}
    demonym = mentions["is_demonym"] if "is_demonym" in mentions else pd.Series(False, index=mentions.index)
    with style():
        fig, ax = figure(9, 0.32 * max(len(keep), 3) + 1.4)
        for pid, group in sents.groupby("paragraph_id"):
            if pid % 2 == 0:
                ax.axvspan(group.sentence_id.min() - 0.5, group.sentence_id.max() + 0.5, color=COLORS["muted"], alpha=0.25, lw=0)
        for (_, m), dem in zip(mentions.iterrows(), demonym, strict=True):
            if m.entity not in rows:
                continue
            c = _label_color(m.label if not dem else "GPE")
            ax.scatter(m.sentence_id, rows[m.entity], s=55, marker="o",
                       facecolors="none" if dem else c, edgecolors=c, linewidths=1.3, zorder=3)
        shown = mentions[mentions.entity.isin(rows)]
        for (entity, sid), k in shown.groupby(["entity", "sentence_id"]).size().items():
            if k > 1:  # several mentions in one sentence share a mark: say how many
                ax.annotate(f"\u00d7{k}", (sid, rows[entity]), xytext=(6, 4), textcoords="offset points", fontsize=7)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([textwrap.shorten(e, 34, placeholder="\u2026") for e in reversed(keep)])
        last = int(sents.sentence_id.max()) if len(sents) else 1
        ax.set_xticks(range(1, last + 1))
        ax.set_xlim(0.5, last + 0.5)
        ax.set_xlabel("sentence (grey bands: every other paragraph; hollow mark: demonym)")
        ax.set_title("Where each entity appears in the report")
        ax.grid(axis="x", visible=False)
        if keep:  # colours as in the other entity figures; a demonym counts for its country (GPE)
            _type_legend(ax, ["GPE" if d else lab for lab, d, e in zip(mentions.label, demonym, mentions.entity,
                                                                      strict=True) if e in rows],
                         loc="upper left", bbox_to_anchor=(1.01, 1.0))
        fig.tight_layout()
    return fig


def cooccurrence_network(edges: pd.DataFrame, freq: pd.DataFrame, min_weight: int = 1, seed: int = 7) -> Figure:
    """The co-occurrence network: entities as nodes (size = mentions, colour = type), an edge for
    entities named in the same sentence (width = number of shared sentences), all labelled; the
    layout is a seeded spring layout, so the same data gives the same picture.

    ``edges`` is :func:`utils.entities.cooccurrence_edges`, ``freq`` :func:`utils.entities.entity_frequencies`.
    """
    import textwrap

    import networkx as nx

    _require(edges, ["source", "target", "weight"], "cooccurrence_network")
    _require(freq, ["entity", "label", "mentions"], "cooccurrence_network")
    graph = nx.Graph()
    for row in freq.itertuples():
        graph.add_node(row.entity, label=row.label, mentions=row.mentions)
    for row in edges[edges.weight >= min_weight].itertuples():
        if row.source in graph and row.target in graph:
            graph.add_edge(row.source, row.target, weight=row.weight)
    graph.remove_nodes_from([v for v in list(graph) if graph.degree(v) == 0])
    with style():
        fig, ax = figure(9, 7)
        ax.axis("off")
        if graph.number_of_nodes():
            pos = nx.spring_layout(graph, weight="weight", seed=seed, k=2.4 / max(graph.number_of_nodes(), 1) ** 0.5)
            for weight in sorted({graph.edges[e]["weight"] for e in graph.edges}):
                chosen = [e for e in graph.edges if graph.edges[e]["weight"] == weight]
                nx.draw_networkx_edges(graph, pos, edgelist=chosen, ax=ax, width=0.5 + 1.1 * weight,
                                       edge_color=COLORS["neutral"] if weight > 1 else COLORS["muted"],
                                       alpha=min(0.35 + 0.15 * weight, 0.9))
            nx.draw_networkx_nodes(
                graph, pos, ax=ax,
                node_size=[120 + 90 * graph.nodes[v]["mentions"] for v in graph],
                node_color=[_label_color(graph.nodes[v]["label"]) for v in graph], alpha=0.9,
            )
            names = {v: textwrap.shorten(v, 22, placeholder="\u2026") for v in graph}  # one line each
            nx.draw_networkx_labels(graph, pos, labels=names, ax=ax, font_size=8)
            heavy = {e: graph.edges[e]["weight"] for e in graph.edges if graph.edges[e]["weight"] > 2}
            nx.draw_networkx_edge_labels(graph, pos, edge_labels=heavy, ax=ax, font_size=7,
                                         bbox={"alpha": 0.7, "color": "white", "lw": 0})
            _type_legend(ax, [graph.nodes[v]["label"] for v in graph])
        ax.set_title("Which entities are named in the same sentence")
        ax.text(0.0, -0.02, f"node size: mentions; edge width: shared sentences (shown if \u2265 {min_weight}; "
                "number printed when > 2)", transform=ax.transAxes, fontsize=8, color=COLORS["neutral"])
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
    ``latest`` (a year-valued event spans its whole year, hatched: its position in it is unknown)
    or a dot (one day) when both bounds are known; events with
    only one bound or none are left out (listed in the title count), because the text does not
    place them. Mentions with the same trigger and the same dates are drawn as one row
    ("fled (e1, e40)").
    """
    _require(events, ["event_id", "trigger", "earliest", "latest", "story_order"], "events_on_a_date_axis")
    import datetime as _dt

    import matplotlib.dates as mdates

    dated = events[events.earliest.notna() & events.latest.notna()].sort_values("story_order")
    # mentions of one event (same trigger, same dates: "fled" in sentences 1 and 15) share a row
    n_dated = len(dated)
    ids = dated.groupby(["trigger", "earliest", "latest"], sort=False).event_id.transform(", ".join)
    dated = dated.assign(event_id=ids).drop_duplicates(["trigger", "earliest", "latest"])
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
                if span > 1:  # only a period is known: the event lies somewhere in it (no point is claimed)
                    ax.barh(y, span, left=mdates.date2num(start), height=0.5, color=COLORS["muted"], hatch="//",
                            edgecolor=COLORS["accent"], linewidth=0.5)
                else:
                    ax.plot(mdates.date2num(start), y, "o", color=COLORS["accent"])
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
        left_out = len(events) - n_dated
        fig.suptitle(
            f"Events with a date the text supports ({n_dated} of {len(events)}; {left_out} undated left out)",
            fontweight="bold", fontsize=11,
        )
        fig.supxlabel("date (the axis is broken between clusters of years); dot: the day; hatched bar: approximate, "
                      "somewhere in that period", fontsize=9)
        fig.tight_layout()
    return fig


def _label_offsets(xs: list[float], ys: list[float], n: float) -> list[tuple[float, float, str]]:
    """Text offsets (points) and alignment for point labels so that labels of neighbours do not overlap.

    A label goes to the right of its point, or to the left in the right quarter of the plot; labels
    on the same side whose points are close are stacked 11 points apart.
    """
    placed: list[tuple[float, float, float]] = []  # (x, y, vertical offset) of labels already placed
    out = []
    for x, y in zip(xs, ys, strict=True):
        right = x > 0.75 * n
        dy = -3.0
        while any(abs(px - x) < n / 4 and (px > 0.75 * n) == right and abs((py - y) * 300 / n - (pdy - dy)) < 11
                  for px, py, pdy in placed):
            dy -= 11
        placed.append((x, y, dy))
        out.append((-6.0 if right else 6.0, dy, "right" if right else "left"))
    return out


def story_vs_narrative_order(events: pd.DataFrame) -> Figure:
    """Scatter of narrative order (x, when it is told) against story order (y, when it happened).

    ``events`` is :func:`utils.chronology.timeline`, or a selection of its rows (e.g. the realised
    events, ``events[events.realis]``): both orders are re-ranked 1..n among the rows drawn. Points
    on the diagonal are told in the order they happened; points far below it are flashbacks (told
    late, happened early). Dated events are filled and labelled, events placed only by the
    narrative are hollow.
    """
    _require(events, ["event_id", "trigger", "story_order", "narrative_order", "value"], "story_vs_narrative_order")
    x = events.narrative_order.rank(method="first")
    y = events.story_order.rank(method="first")
    with style():
        fig, ax = figure(7, 6)
        n = max(len(events), 1)
        ax.plot([1, n], [1, n], color=COLORS["muted"], lw=1, ls="--", label="told in the order it happened")
        dated = events.value.astype(str).str.match(r"^\d{4}")
        ax.scatter(x[dated], y[dated], color=COLORS["accent"], s=40, label="dated by a time expression", zorder=3)
        ax.scatter(x[~dated], y[~dated], facecolors="none",
                   edgecolors=COLORS["neutral"], s=30, label="placed by cues and narrative position", zorder=2)
        order = sorted(events.index[dated], key=lambda i: -y[i])
        offsets = _label_offsets([x[i] for i in order], [y[i] for i in order], n)
        for i, (dx, dy, ha) in zip(order, offsets, strict=True):
            r = events.loc[i]
            ax.annotate(f"{r.trigger} ({r.value})", (x[i], y[i]), fontsize=8, xytext=(dx, dy), ha=ha,
                        textcoords="offset points", va="top",
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8})
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(f"narrative order (position in the text, 1 = told first; {n} events)")
        ax.set_ylabel("story order (position in time, 1 = happened first)")
        ax.set_title("Story order against narrative order: flashbacks fall below the diagonal")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8)
        fig.tight_layout()
    return fig


# --- 05 sources ----------------------------------------------------------------------------------

SOURCE_COLORS = {
    "person": COLORS["PERSON"],
    "organisation": COLORS["ORG"],
    "anonymous": "#3d3d3d",
    "outlet": COLORS["NORP"],
    "record": COLORS["GPE"],  # a poll, a survey or records that show a finding
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


# --- 07 corpus -----------------------------------------------------------------------------------


def corpus_sentiment(sentiment: pd.DataFrame) -> Figure:
    """Every sentence's VADER compound, one row of dots per report, with the report's mean (|).

    ``sentiment`` is the corpus frame of :func:`utils.sentiment.sentence_sentiment`
    (``report_id, compound, label``), e.g. ``analyse(...)["sentence_sentiment"]``.
    """
    _require(sentiment, ["report_id", "compound", "label"], "corpus_sentiment")
    reports = list(dict.fromkeys(sentiment.report_id))
    with style():
        fig, ax = figure(8, 0.9 + 0.55 * max(len(reports), 1))
        for y, rid in enumerate(reports):
            rows = sentiment[sentiment.report_id == rid]
            colors = [COLORS.get(lab, COLORS["muted"]) for lab in rows.label]
            ax.scatter(rows.compound, [y] * len(rows), c=colors, s=28, alpha=0.75, edgecolors="none")
            ax.plot([rows.compound.mean()] * 2, [y - 0.3, y + 0.3], color="black", lw=2)
        ax.set_yticks(range(len(reports)), reports)
        ax.invert_yaxis()
        ax.axvline(0, color=COLORS["muted"], lw=1)
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel("VADER compound of each sentence (black bar: the report's mean)")
        ax.set_title("Sentence sentiment, report by report")
        fig.tight_layout()
    return fig


def corpus_dates(events: pd.DataFrame) -> Figure:
    """The days each report's events are dated to, one row per report on a shared time axis.

    ``events`` is the corpus frame of :func:`utils.chronology.timeline` (``report_id, earliest,
    latest``); an event dated to a span is drawn as a line from ``earliest`` to ``latest``, an
    event on one day as a dot. Undated events are left out.
    """
    _require(events, ["report_id", "earliest", "latest"], "corpus_dates")
    reports = list(dict.fromkeys(events.report_id))
    dated = events[events.earliest.notna() & events.latest.notna()]
    with style():
        fig, ax = figure(8, 0.9 + 0.55 * max(len(reports), 1))
        for y, rid in enumerate(reports):
            rows = dated[dated.report_id == rid]
            early = pd.to_datetime(rows.earliest)
            late = pd.to_datetime(rows.latest)
            day = early == late
            ax.scatter(early[day], [y] * int(day.sum()), color=COLORS["accent"], s=30, zorder=3)
            for a, b in zip(early[~day], late[~day], strict=True):
                ax.plot([a, b], [y, y], color=COLORS["DATE"], lw=3, alpha=0.5, solid_capstyle="butt")
        ax.set_yticks(range(len(reports)), reports)
        ax.invert_yaxis()
        ax.set_xlabel("date (dot: an event on one day; bar: an event dated to a span)")
        ax.set_title("When the reported events happened, report by report")
        fig.autofmt_xdate()
        fig.tight_layout()
    return fig
