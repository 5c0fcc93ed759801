"""Score the temporal tagger of utils.chronology on TimeML folders (TempEval-3 Task A measures).

Usage: python bench/eval_timex.py DIR [DIR ...]   e.g. ../shared/tempeval3/TimeBank ../shared/tempeval3/AQUAINT

Parses every document once with nlp.pipe, tags it with the document's own DCT, and prints
strict/relaxed extent F1, type F1 and value F1 per folder and over all folders, the distance
from HeidelTime's value F1 of 0.776 on the TempEval-3 test set, and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from utils.chronology import tag_doc
from utils.text import parse_many
from utils.timeml import read_folder, score

HEIDELTIME_VALUE_F1 = 0.7761  # TempEval-3 test set, UzZaman et al. 2013, Table 3


def evaluate(folder: str) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    docs = read_folder(folder)
    parsed = parse_many([d.text for d in docs], batch_size=16)
    return [(d.timexes, tag_doc(doc, d.dct)) for d, doc in zip(docs, parsed, strict=False)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", help="folders holding .tml files")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    pairs_all = []
    pd.set_option("display.float_format", "{:.3f}".format)
    for folder in args.folders:
        pairs = evaluate(folder)
        pairs_all += pairs
        print(f"\n== {folder} ({len(pairs)} documents)")
        print(score(pairs).to_string(index=False))
    table = score(pairs_all)
    if len(args.folders) > 1:
        print(f"\n== all ({len(pairs_all)} documents)")
        print(table.to_string(index=False))
    value = float(table.set_index("measure").loc["value", "f1"])
    print(f"\nvalue F1 {value:.3f}; HeidelTime {HEIDELTIME_VALUE_F1:.3f} (TempEval-3 test set): "
          f"{HEIDELTIME_VALUE_F1 - value:+.3f} to go")
    print(f"time: {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
