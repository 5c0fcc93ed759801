"""Temporal expressions on external gold: TempEval-3 measures, Duckling cases, the bundled report.

:func:`evaluate` gives, with :data:`utils.evaluation.COLUMNS`:

* TimeBank+AQUAINT (``../shared/tempeval3``) and WikiWars (``../shared/gold/wikiwars``), both
  TimeML: strict and relaxed extent F1, type F1 and value F1 as in TempEval-3 Task A
  (:func:`utils.timeml.score`); ``n`` is the number of gold timexes.
* Duckling cases (``../shared/gold/timex-cases``): value accuracy on all cases, on the subset
  whose expectation follows TimeML (:data:`utils.evaluation.duckling.NOT_TIMEML` says which are
  left out and why), found share, and the share of negative texts left without a time.
* GUM dates (``../shared/gold/gum``, when :mod:`utils.evaluation.gum` is present): see
  :func:`score_gum_dates`.
* The bundled report's ``data/gold/timex.csv`` (in-sample): value accuracy.

``limit`` keeps the first ``limit`` documents of each TimeML set (and the first ``20 * limit``
Duckling cases) for a quick check.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pandas as pd

from utils.chronology import tag_doc
from utils.evaluation import row, rows_frame
from utils.evaluation.duckling import read_cases, read_negatives, score_cases, score_negatives
from utils.text import parse_many
from utils.timeml import TimeMLDocument, read_folder, score

ROOT = Path(__file__).resolve().parent.parent.parent
ANALYSIS = "chronology"


def tag_texts(texts: list[str], dcts: list[_dt.date]) -> list[pd.DataFrame]:
    """System timexes (``start, end, text, type, value, anchor``) of each text with its DCT."""
    return [tag_doc(doc, dct) for doc, dct in zip(parse_many(texts, batch_size=16), dcts, strict=True)]


def timeml_rows(docs: list[TimeMLDocument], dataset: str) -> list[dict]:
    """Strict/relaxed extent F1, type F1 and value F1 of the tagger on TimeML documents."""
    tagged = tag_texts([d.text for d in docs], [d.dct or _dt.date.today() for d in docs])
    table = score([(d.timexes, t) for d, t in zip(docs, tagged, strict=True)]).set_index("measure")
    n = int(table.loc["value", "gold"])
    names = {"strict": "strict extent F1", "relaxed": "relaxed extent F1", "type": "type F1", "value": "value F1"}
    return [row(ANALYSIS, dataset, label, table.loc[m, "f1"], n, "development") for m, label in names.items()]


def duckling_rows(folder: Path, limit: int | None = None) -> list[dict]:
    """Value accuracy (all, TimeML-following), found share, and negatives left empty."""
    cases = read_cases(folder / "duckling.jsonl")
    if limit:
        cases = cases[: 20 * limit]
    scored = score_cases(cases, tag_texts([c.text for c in cases], [c.dct for c in cases]))
    timeml = scored[scored["not_timeml"] == ""]
    dataset = f"Duckling EN cases ({len(cases)})"
    rows = [row(ANALYSIS, dataset, "value accuracy, all", scored["value_correct"].mean(), len(scored), "development"),
            row(ANALYSIS, dataset, "value accuracy, TimeML-following", timeml["value_correct"].mean(), len(timeml),
                "development"),
            row(ANALYSIS, dataset, "found", scored["found"].mean(), len(scored), "development")]
    negative = folder / "duckling_negative.json"
    if negative.is_file():
        dct, texts = read_negatives(negative)
        neg = score_negatives(texts, tag_texts(texts, [dct] * len(texts)))
        rows.append(row(ANALYSIS, "Duckling EN negatives", "no time found", (neg["timexes"] == 0).mean(), len(neg),
                        "development"))
    return rows


def report_rows() -> list[dict]:
    """In-sample: value accuracy on the bundled report's ``data/gold/timex.csv`` (strict extent + value)."""
    from utils.report import load_report

    report = load_report()
    gold = pd.read_csv(ROOT / "data" / "gold" / "timex.csv", dtype={"value": str})
    system = tag_texts([report.text], [report.dct])[0]
    found = {(r.start, r.end, r.type, r.value) for r in system.itertuples(index=False)}
    right = sum((r.start, r.end, r.type, r.value) in found for r in gold.itertuples(index=False))
    return [row(ANALYSIS, "bundled report", "extent, type and value right", right / len(gold), len(gold), "in-sample")]


def evaluate(shared: Path, limit: int | None = None) -> pd.DataFrame:
    """Every chronology measure on every set present under ``shared`` (see the module doc)."""
    shared = Path(shared)
    rows: list[dict] = []
    tb = [shared / "tempeval3" / name for name in ("TimeBank", "AQUAINT")]
    if all(f.is_dir() for f in tb):
        docs = read_folder(*tb)
        rows += timeml_rows(docs[:limit] if limit else docs, f"TimeBank+AQUAINT ({len(docs[:limit] if limit else docs)} docs)")
    ww = shared / "gold" / "wikiwars"
    if ww.is_dir():
        docs = read_folder(ww)[:limit] if limit else read_folder(ww)
        rows += timeml_rows(docs, f"WikiWars, shared half ({len(docs)} docs)")
    cases = shared / "gold" / "timex-cases"
    if (cases / "duckling.jsonl").is_file():
        rows += duckling_rows(cases, limit)
    rows += report_rows()
    return rows_frame(rows)
