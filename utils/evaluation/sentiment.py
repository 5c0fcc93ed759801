"""Sentiment against the project's hand labels of the bundled report (in-sample only).

There is no external sentiment gold in ../shared, so every row here is in-sample: one annotator's
labels of the report's 17 sentences (``data/gold/sentiment_labels.csv``). The majority baseline
(always the most frequent hand label) and Cohen's kappa say how much of the agreement is chance.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from utils.evaluation import row, rows_frame


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two equally long label lists (1 = perfect, 0 = chance); 0.0 when undefined."""
    if len(a) != len(b):
        raise ValueError(f"kappa needs two label lists of one length, got {len(a)} and {len(b)}")
    if not a:
        return 0.0
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 0.0


def label_agreement(system: list[str], gold: list[str]) -> pd.DataFrame:
    """Accuracy, majority baseline and kappa of system labels against gold labels.

    Columns: ``measure, value, n``.
    """
    n = len(gold)
    accuracy = sum(s == g for s, g in zip(system, gold, strict=True)) / n if n else 0.0
    majority = Counter(gold).most_common(1)[0][1] / n if n else 0.0
    return pd.DataFrame({"measure": ["label accuracy", "majority baseline", "Cohen's kappa"],
                         "value": [accuracy, majority, cohen_kappa(system, gold)], "n": [n, n, n]})


def evaluate(shared: Path | None = None, limit: int | None = None) -> pd.DataFrame:
    """VADER's sentence labels against the hand labels of the bundled report (in-sample rows)."""
    from utils.report import load_report
    from utils.sentiment import hand_label_agreement, load_hand_labels, reference_comparison

    text = load_report().text
    agree = hand_label_agreement(text, load_hand_labels())
    table = label_agreement(list(agree.label), list(agree.hand_label))
    rows = [row("sentiment", "bundled report (17 sentences, 1 annotator)", f"VADER vs hand labels: {m}", v, n,
                "in-sample") for m, v, n in table.itertuples(index=False)]
    ref = reference_comparison(text)
    rows.append(row("sentiment", "bundled report (17 sentences)", "NLTK VADER = vaderSentiment (compound, 1e-4)",
                    float((ref.compound - ref.compound_ref).abs().le(1e-4).mean()), len(ref), "in-sample"))
    return rows_frame(rows)
