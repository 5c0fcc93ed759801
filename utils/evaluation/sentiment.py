"""Sentiment against the project's hand labels of the bundled report (in-sample only).

There is no external sentiment gold in ../shared, so every row here is in-sample: one annotator's
labels of the report's 17 sentences (``data/gold/sentiment_labels.csv``). The majority baseline
and Cohen's kappa (both from :func:`utils.sentiment.hand_label_summary`) say how much of the
agreement is chance.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from utils.evaluation import row, rows_frame


def evaluate(shared: Path | None = None, limit: int | None = None) -> pd.DataFrame:
    """VADER's sentence labels against the hand labels of the bundled report (in-sample rows)."""
    from utils.report import load_report
    from utils.sentiment import (
        hand_label_agreement,
        hand_label_summary,
        load_hand_labels,
        reference_comparison,
    )

    text = load_report().text
    summary = hand_label_summary(hand_label_agreement(text, load_hand_labels()))
    dataset = "bundled report (17 sentences, 1 annotator)"
    rows = [row("sentiment", dataset, m, v, n, "in-sample") for m, n, v in zip(summary.measure, summary.n,
                                                                               summary.value, strict=True)]
    ref = reference_comparison(text)
    rows.append(row("sentiment", "bundled report (17 sentences)", "NLTK VADER = vaderSentiment (compound, 1e-4)",
                    float((ref.compound - ref.compound_ref).abs().le(1e-4).mean()), len(ref), "in-sample"))
    return rows_frame(rows)
