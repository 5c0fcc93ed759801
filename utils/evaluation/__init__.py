"""Evaluation on external gold: readers return plain records, scorers are pure functions.

Every analysis module of this package (``entities``, ``timex``, ``quotes``) exposes
``evaluate(shared, limit=None) -> DataFrame`` with the columns :data:`COLUMNS`:

``analysis``  which layer is measured (``entities``, ``chronology``, ``sources``)
``dataset``   the data set, with its split (``GUM train (35 docs)``, ``bundled report`` ...)
``measure``   what is measured (``strict F1``, ``value F1``, ``speaker accuracy, first quote`` ...)
``value``     the number (a share or F1 between 0 and 1, or a count)
``n``         how many gold items the measure is computed over
``sample``    ``in-sample`` (the bundled report, on which the rules were written) or
              ``development`` (../shared gold, read only by ``python -m bench.evaluate``)

The command ``python -m bench.evaluate`` runs them all and writes ``bench/ACCURACY.md``;
:func:`accuracy_table` reads that file back for the notebooks.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

COLUMNS = ["analysis", "dataset", "measure", "value", "n", "sample"]
SAMPLES = ("in-sample", "development")
ACCURACY_FILE = Path(__file__).resolve().parent.parent.parent / "bench" / "ACCURACY.md"


def f1(p: float, r: float) -> float:
    """The harmonic mean of a precision and a recall; 0.0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts; 0.0 where a denominator is 0."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, f1(p, r)


def bootstrap_f1(counts: pd.DataFrame, resamples: int = 1000, level: float = 0.90,
                 seed: int = 0) -> tuple[float, float]:
    """A ``level`` percentile interval of the micro-averaged F1 when whole documents are resampled.

    ``counts`` has one row per document with ``correct`` (true positives), ``system`` (predicted
    items) and ``gold`` (gold items). Each of ``resamples`` draws takes as many documents as there
    are, with replacement, and pools their counts; the interval is the central ``level`` share of
    the draws' F1. It shows how much the figure depends on which documents were annotated, not how
    far rules written on these documents carry to others. Deterministic for a given ``seed``.
    """
    if not isinstance(counts, pd.DataFrame):
        raise TypeError(f"counts must be a DataFrame, got {type(counts).__name__}")
    missing = [c for c in ("correct", "system", "gold") if c not in counts.columns]
    if missing:
        raise ValueError(f"counts lacks the columns {missing}")
    if counts.empty:
        raise ValueError("counts has no documents")
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, not {level}")
    table = counts[["correct", "system", "gold"]].to_numpy(dtype=float)
    draws = np.random.default_rng(seed).integers(0, len(table), size=(resamples, len(table)))
    sums = table[draws].sum(axis=1)
    correct, system, gold = sums[:, 0], sums[:, 1], sums[:, 2]
    p = np.divide(correct, system, out=np.zeros_like(correct), where=system > 0)
    r = np.divide(correct, gold, out=np.zeros_like(correct), where=gold > 0)
    scores = np.divide(2 * p * r, p + r, out=np.zeros_like(p), where=p + r > 0)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(scores, [tail, 100 - tail])
    return float(low), float(high)


def interval_rows(analysis: str, dataset: str, measure: str, counts: pd.DataFrame, n: int,
                  sample: str = "development") -> list[dict]:
    """Two rows giving the 90% document-bootstrap interval (:func:`bootstrap_f1`) of ``measure``."""
    low, high = bootstrap_f1(counts)
    what = f"{measure}{INTERVAL}"
    return [row(analysis, dataset, f"{what}: low", low, n, sample),
            row(analysis, dataset, f"{what}: high", high, n, sample)]


def row(analysis: str, dataset: str, measure: str, value: float, n: int, sample: str) -> dict:
    """One result row; ``sample`` must be one of :data:`SAMPLES`."""
    if sample not in SAMPLES:
        raise ValueError(f"sample must be one of {SAMPLES}, not {sample!r}")
    return {"analysis": analysis, "dataset": dataset, "measure": measure,
            "value": float(value), "n": int(n), "sample": sample}


def rows_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """A results frame with exactly :data:`COLUMNS` (an empty frame keeps the columns)."""
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    return frame.astype({"value": float, "n": int}) if len(frame) else frame


def to_markdown(frame: pd.DataFrame) -> str:
    """The results as a Markdown table (values with 3 decimals, n with thousands separators)."""
    lines = ["| analysis | data set | measure | value | n | sample |", "|---|---|---|---:|---:|---|"]
    for r in frame.itertuples(index=False):
        value = f"{r.value:.3f}" if abs(r.value) < 10 else f"{r.value:,.0f}"
        lines.append(f"| {r.analysis} | {r.dataset} | {r.measure} | {value} | {r.n:,} | {r.sample} |")
    return "\n".join(lines) + "\n"


def accuracy_table(analysis: str | None = None, path: str | Path | None = None) -> pd.DataFrame:
    """Read the results table of ``bench/ACCURACY.md`` back (optionally one analysis only).

    Returns :data:`COLUMNS`; raises FileNotFoundError naming the command that writes the file.
    """
    path = Path(path) if path is not None else ACCURACY_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist: run `python -m bench.evaluate` to write it")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != len(COLUMNS) or cells[0] in ("analysis", "") or set(cells[0]) <= set("-:"):
            continue
        value = float(cells[3].replace(",", ""))
        rows.append(dict(zip(COLUMNS, [cells[0], cells[1], cells[2], value, int(cells[4].replace(",", "")),
                                       cells[5]], strict=True)))
    frame = rows_frame(rows)
    if analysis is not None:
        frame = frame[frame["analysis"] == analysis].reset_index(drop=True)
    return frame


def accuracy_comparison(analysis: str, measures: Iterable[str], path: str | Path | None = None) -> pd.DataFrame:
    """In-sample and development rows of some measures of one analysis, in-sample first.

    Reads ``bench/ACCURACY.md`` (or ``path``); columns ``sample, dataset, measure, value, n``.
    """
    wanted = list(measures)
    frame = accuracy_table(analysis, path)
    frame = frame[frame["measure"].isin(wanted)].copy()
    frame["_order"] = frame["sample"].map({"in-sample": 0, "development": 1})
    frame["_measure"] = frame["measure"].map({m: k for k, m in enumerate(wanted)})
    frame = frame.sort_values(["_order", "_measure"], kind="stable")
    return frame[["sample", "dataset", "measure", "value", "n"]].reset_index(drop=True)


def measures_starting(analysis: str, prefix: str, column: str = "item",
                      path: str | Path | None = None) -> pd.DataFrame:
    """The rows of one analysis in ``bench/ACCURACY.md`` (or ``path``) whose measure starts with
    ``prefix``, the rest of the measure in ``column``: ``column, value, n`` (e.g. the rule ablation,
    prefix "strict F1 change without rule ")."""
    frame = accuracy_table(analysis, path)
    frame = frame[frame["measure"].str.startswith(prefix)]
    out = frame.assign(**{column: frame["measure"].str.removeprefix(prefix)})
    return out[[column, "value", "n"]].reset_index(drop=True)


INTERVAL = ", 90% interval over resampled documents"


def interval_table(analysis: str, measure: str, path: str | Path | None = None) -> pd.DataFrame:
    """The development figures of one measure with their document-bootstrap interval
    (:func:`interval_rows`), read from ``bench/ACCURACY.md`` (or ``path``).

    Columns ``dataset, value, low, high, n``; one row per data set that has the measure; ``low``
    and ``high`` are NaN where no interval was computed.
    """
    frame = accuracy_table(analysis, path)
    frame = frame[frame["sample"] == "development"]
    out = frame[frame["measure"] == measure][["dataset", "value", "n"]].copy()
    for end in ("low", "high"):
        bound = frame[frame["measure"] == f"{measure}{INTERVAL}: {end}"].set_index("dataset")["value"]
        out[end] = out["dataset"].map(bound)
    return out[["dataset", "value", "low", "high", "n"]].reset_index(drop=True)


def gap_sentence(comparison: pd.DataFrame) -> str:
    """One sentence comparing the best in-sample figure with the development figures of a comparison."""
    inside = comparison[comparison["sample"] == "in-sample"]
    outside = comparison[comparison["sample"] == "development"]
    if outside.empty:
        return ("There is no development data for this analysis: every figure here is in-sample, "
                "so nothing yet says how well it does on a report of your own.")
    parts = [f"{r.value:.3f} on {r.dataset} ({r.measure}, n={r.n:,})" for r in outside.itertuples()]
    low, high = outside["value"].min(), outside["value"].max()
    if inside.empty:
        return "On development data (external gold): " + "; ".join(parts) + "."
    best = inside.iloc[0]
    drop = best.value - high
    spread = f"{high:.2f}" if abs(high - low) < 0.005 else f"{low:.2f}-{high:.2f}"
    verdict = (f"at least {drop:.2f} lower than in-sample: on a report of your own, expect a figure nearer "
               f"{spread} than {best.value:.2f}" if drop > 0.005 else
               "about as good as in-sample: the rules carry over to other texts")
    return (f"In-sample, on the bundled report, {best.measure} is {best.value:.3f} (n={best.n:,}); on development "
            "data (external gold the rules were not first written on) it is " + "; ".join(parts)
            + f". That is {verdict}.")
