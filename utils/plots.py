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
