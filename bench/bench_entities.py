"""Speed of utils.entities on the bundled report and on longer texts made of it (not a test).

    .venv/bin/python bench/bench_entities.py
"""

from __future__ import annotations

import datetime as dt
import platform
import time

from utils.entities import _cached_mentions, canonical_entity, entity_frequencies, entity_mentions
from utils.report import load_report
from utils.text import parse


def _time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    text = load_report().text
    print(f"# bench_entities  {dt.date.today()}  {platform.machine()}  Python {platform.python_version()}")
    print(f"{'case':44} {'chars':>7} {'seconds':>8}")
    for copies in (1, 5, 20):
        doc_text = "\n".join([text] * copies)
        parse(doc_text)  # the shared parse is cached; time our layer on top of it

        def cold(t=doc_text):
            _cached_mentions.cache_clear()
            entity_mentions(t)

        print(f"{f'entity_mentions, rules, {copies} x report (cold)':44} {len(doc_text):7d} {_time(cold):8.3f}")
    print(f"{'entity_mentions (warm cache)':44} {len(text):7d} {_time(lambda: entity_mentions(text)):8.4f}")
    print(f"{'entity_frequencies (warm)':44} {len(text):7d} {_time(lambda: entity_frequencies(text)):8.4f}")
    print(f"{'canonical_entity x 20 (warm)':44} {len(text):7d} "
          f"{_time(lambda: [canonical_entity('Pukhov', text) for _ in range(20)]):8.4f}")


if __name__ == "__main__":
    main()
