"""Run every scorer of utils.evaluation on every gold set present and write bench/ACCURACY.md.

    python -m bench.evaluate                      # all analyses, all data, writes bench/ACCURACY.md
    python -m bench.evaluate --only entities      # one analysis (prints; writes only with --write)
    python -m bench.evaluate --limit 5            # the first 5 documents of each set: a quick check
    python -m bench.evaluate --no-ablation        # without the tagger's rule ablation (about 30 s less)

The external gold is read from ../shared (``--shared`` to change it); a set that is not there is
left out with a note. In-sample rows (the bundled report, on which the rules were written) and
development rows (../shared gold) are labelled in the ``sample`` column.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import platform
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from utils.evaluation import ACCURACY_FILE, COLUMNS, rows_frame, to_markdown

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"
ANALYSES = {"sentiment": "utils.evaluation.sentiment", "entities": "utils.evaluation.entities",
            "chronology": "utils.evaluation.timex", "sources": "utils.evaluation.quotes"}


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run(shared: Path, only: list[str] | None = None, limit: int | None = None,
        ablation: bool = True) -> tuple[pd.DataFrame, list[str]]:
    """Results of every analysis (or ``only`` those) and the notes on what was left out; with
    ``ablation`` also the tagger's rule ablation on TimeBank+AQUAINT (the entity ablation is always in)."""
    frames, notes = [], []
    for name, module in ANALYSES.items():
        if only and name not in only:
            continue
        t0 = time.perf_counter()
        try:
            evaluate = importlib.import_module(module).evaluate
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            notes.append(f"{name}: no scorer module yet ({module})")
            continue
        frames.append(evaluate(shared, limit=limit))
        if name == "chronology" and ablation:
            from utils.evaluation.timex import ablation_rows

            frames.append(rows_frame(ablation_rows(shared, limit)))
        notes.append(f"{name}: {time.perf_counter() - t0:.1f} s")
    frame = pd.concat(frames, ignore_index=True) if frames else rows_frame([])
    return frame[COLUMNS], notes


def header(seconds: float, limit: int | None) -> str:
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    scope = f", first {limit} documents of each set" if limit else ""
    return (f"# Accuracy of the analyses\n\nWritten by `python -m bench.evaluate` on {when}, commit "
            f"{_commit()}, {platform.machine()}, Python {platform.python_version()}; {seconds:.0f} s{scope}.\n\n"
            "`in-sample`: the bundled report, on which the rules were written (optimistic). `development`: "
            "external gold in ../shared (GUM Wikinews, WikiWars, TimeBank+AQUAINT, Duckling cases, PolNeAR); "
            "the rules were improved against these sets too, so they are not held-out either: expect "
            "somewhat lower numbers on a report of your own. `n` counts the gold items of each measure.\n\n")


def readme_with(readme: str, table: str) -> str:
    """The README text with the part between the accuracy markers replaced by ``table``."""
    head, found, rest = readme.partition(START)
    _, found_end, tail = rest.partition(END)
    if not (found and found_end):
        raise ValueError(f"README.md has no {START} ... {END} markers around its accuracy table")
    return f"{head}{START}\n{table}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder holding gold/ and tempeval3/")
    ap.add_argument("--only", action="append", choices=sorted(ANALYSES), help="one analysis (repeatable)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many documents per data set")
    ap.add_argument("--no-ablation", action="store_true", help="leave out the tagger's rule ablation (about 30 s)")
    ap.add_argument("--write", action="store_true", help="write bench/ACCURACY.md even with --only or --limit")
    ap.add_argument("--out", type=Path, default=ACCURACY_FILE, help="where to write the Markdown table")
    args = ap.parse_args(argv)
    if not args.shared.is_dir():
        print(f"no gold folder at {args.shared}: pass --shared PATH", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    frame, notes = run(args.shared, args.only, args.limit, ablation=not args.no_ablation)
    seconds = time.perf_counter() - t0
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60,
                           "display.float_format", "{:.3f}".format):
        print(frame.to_string(index=False))
    print("\n" + "; ".join(notes) + f"; total {seconds:.1f} s")
    if args.write or not (args.only or args.limit):
        args.out.write_text(header(seconds, args.limit) + to_markdown(frame), encoding="utf-8")
        print(f"wrote {args.out}")
        if args.out == ACCURACY_FILE and not (args.only or args.limit):
            README.write_text(readme_with(README.read_text(encoding="utf-8"), to_markdown(frame)), encoding="utf-8")
            print(f"updated the accuracy table of {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
