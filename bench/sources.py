"""Time the sourcing functions of notebook 05 on the bundled report and the invented fixture.

    .venv/bin/python bench/sources.py [--repeat 5]

The spaCy parse is cached per text, so the first call (cold) includes parsing (and, for the first
text, loading the model); the following calls (warm) measure the rules alone. Prints one row per
function and text: the cold time of the first call and the median of ``--repeat`` warm calls.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import time
from pathlib import Path

from utils import load_report
from utils import sources as S

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "hollingford_flood.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = {"bundled": load_report().text, "fixture": load_report(FIXTURE).text}
    calls = {
        "quotes": S.quotes,
        "attributions": S.attributions,
        "anonymous_share": S.anonymous_share,
        "sourcing_chain": S.sourcing_chain,
        "hedges": S.hedges,
    }
    print(f"# {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
          f"Python {platform.python_version()}")
    print(f"| text | function | cold ms | warm ms (median of {args.repeat}) |")
    print("|---|---|---:|---:|")
    for label, text in texts.items():
        for name, fn in calls.items():
            t0 = time.perf_counter()
            fn(text)
            cold = time.perf_counter() - t0
            warm = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                fn(text)
                warm.append(time.perf_counter() - t0)
            print(f"| {label} | {name} | {cold * 1000:.1f} | {statistics.median(warm) * 1000:.1f} |")


if __name__ == "__main__":
    main()
