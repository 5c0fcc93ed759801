"""Time the text-analysis functions of notebook 01 on the bundled report.

    .venv/bin/python bench/text_analysis.py [--repeat 5]

The spaCy parse is cached per text, so the first call (cold) includes parsing and model loading;
the following calls (warm) measure the analysis alone. Prints one row per function: the cold
time of the first call and the median of ``--repeat`` warm calls.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import time

from utils import load_report
from utils import text as T


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = load_report().text
    calls = {
        "tokens (parse)": lambda: T.tokens(text),
        "word_frequencies": lambda: T.word_frequencies(text),
        "ngrams n=2": lambda: T.ngrams(text, 2),
        "collocations pmi": lambda: T.collocations(text, measure="pmi"),
        "collocations llr n=3": lambda: T.collocations(text, n=3, measure="llr", min_count=1),
        "kwic Assad": lambda: T.kwic(text, "Assad"),
        "dispersion 5 words": lambda: T.dispersion(text, ["Assad", "Putin", "Russia", "Syria", "rebels"]),
        "lexical_diversity": lambda: T.lexical_diversity(text),
        "readability": lambda: T.readability(text),
        "pos_profile": lambda: T.pos_profile(text),
        "keywords": lambda: T.keywords(text),
    }
    print(f"# {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
          f"{platform.processor() or platform.system()}, Python {platform.python_version()}")
    print(f"{'function':<24}{'cold s':>10}{'warm ms':>10}")
    for name, call in calls.items():
        start = time.perf_counter()
        call()
        cold = time.perf_counter() - start
        warm = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            call()
            warm.append(time.perf_counter() - start)
        print(f"{name:<24}{cold:>10.3f}{1000 * statistics.median(warm):>10.1f}")


if __name__ == "__main__":
    main()
