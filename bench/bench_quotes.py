"""How the sourcing functions grow with the number of quotes: 100, 400 and 1,600 quotes.

    PYTHONPATH=$PWD .venv/bin/python -m bench.bench_quotes [--sizes 100 400 1600]

The text is invented: paragraphs of a made-up local story, each with a few quotes (after and
before their cue, continued in the next sentence, with "according to" and indirect claims), copied
until the text holds the wanted number of quotes. The parse is timed once per size; each function
is then timed on the cached parse. The first call of ``quotes`` also builds the layers it shares
with the other analyses (sentence rows, entity mentions for canonical names); "quotes again" is
the quote rules alone. A linear function keeps the same share of the parse time at every size
(issue 16: 1,600 quotes in under 5% of the parse time on top of the parse).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import time
import warnings

from utils import sources as S
from utils.text import parse

PARAGRAPHS = [
    "“We will rebuild the bridge by spring,” said Mara Quell, the county engineer. “The steel is ordered.”",
    "Officials said the repairs would cost more than planned. “It is not enough,” one resident told the "
    "Valley Herald.",
    "“The council voted twice,” Tomas Ebert said on Tuesday. He added that nobody had listened.",
    "According to a person close to the council, the mayor knew of the cracks in March. The mayor, "
    "Ilse Brandt, said: “I learned of it from the newspaper.”",
    "“Nobody asked us,” said a spokesman for the ferry company, Owen Marsh. Marsh warned that fares "
    "could rise.",
]
QUOTES_PER_ROUND = sum(p.count("“") for p in PARAGRAPHS)


def story(quotes: int) -> str:
    """An invented text with about ``quotes`` direct quotes (whole rounds of :data:`PARAGRAPHS`)."""
    rounds = max(1, round(quotes / QUOTES_PER_ROUND))
    return "\n\n".join(PARAGRAPHS * rounds) + "\n"


def timed(fn, text: str) -> float:
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fn(text)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1600])
    args = ap.parse_args()
    calls = {"quotes": S.quotes, "attributions": S.attributions, "sourcing_summary": S.sourcing_summary,
             "anonymous_share": S.anonymous_share, "sourcing_chain": S.sourcing_chain, "hedges": S.hedges}
    S.quotes("“Warm up,” said Ada Lind.")  # the model and the entity gazetteers load outside the timings
    print(f"# {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
          f"Python {platform.python_version()}")
    print("| quotes | characters | parse s | " + " | ".join(f"{c} s" for c in calls)
          + " | quotes again s | first quotes / parse | quotes again / parse |")
    print("|---:|---:|---:|" + "---:|" * len(calls) + "---:|---:|---:|")
    for size in args.sizes:
        text = story(size)
        parse_s = timed(parse, text)
        times = {name: timed(fn, text) for name, fn in calls.items()}
        again = timed(S.quotes, text)
        print(f"| {text.count('“'):,} | {len(text):,} | {parse_s:.2f} | "
              + " | ".join(f"{t:.2f}" for t in times.values())
              + f" | {again:.2f} | {times['quotes'] / parse_s:.1%} | {again / parse_s:.1%} |")


if __name__ == "__main__":
    main()
