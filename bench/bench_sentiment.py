"""Speed of utils.sentiment on the bundled report (printed, never asserted).

    .venv/bin/python bench/bench_sentiment.py
"""

from __future__ import annotations

import datetime as dt
import platform
import time

from utils.report import load_report
from utils.sentiment import (
    method_comparison,
    reference_comparison,
    report_contributions,
    sentence_sentiment,
    sentiment_contributions,
)
from utils.text import parse


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    text = load_report().text
    parse(text)  # the spaCy parse is cached; time the sentiment work, not the parse
    sentence_sentiment(text)  # warm the VADER lexicon
    cases = {
        "sentence_sentiment (17 sentences)": lambda: sentence_sentiment(text),
        "sentiment_contributions (whole text)": lambda: sentiment_contributions(text),
        "report_contributions (17 sentences)": lambda: report_contributions(text),
        "reference_comparison": lambda: reference_comparison(text),
        "method_comparison (TextBlob)": lambda: method_comparison(text),
    }
    print(f"# utils.sentiment, {dt.date.today()}, {platform.machine()}, Python {platform.python_version()}")
    print("| function | best of 5 (ms) |")
    print("|---|---|")
    for name, fn in cases.items():
        print(f"| {name} | {best_of(fn) * 1000:.1f} |")


if __name__ == "__main__":
    main()
