"""Temporal expressions on external gold: TempEval-3 measures, Duckling cases, the bundled report.

:func:`evaluate` gives, with :data:`utils.evaluation.COLUMNS`:

* TimeBank+AQUAINT (``../shared/tempeval3``) and WikiWars (``../shared/gold/wikiwars``), both
  TimeML: strict and relaxed extent F1, type F1 and value F1 as in TempEval-3 Task A
  (:func:`utils.timeml.score`); ``n`` is the number of gold timexes.
* Duckling cases (``../shared/gold/timex-cases``): value accuracy on all cases, on the subset
  whose expectation follows TimeML (:data:`utils.evaluation.duckling.NOT_TIMEML` says which are
  left out and why; :data:`utils.evaluation.duckling.TIMEML_READING` which are scored against the
  TimeML value), found share, and the share of negative texts left without a time.
* GUM dates (``../shared/gold/gum``): TEI ``<date when>`` values of whole date phrases, scored
  by :func:`score_gum_dates` (a gold phrase is matched by every system timex that overlaps it;
  the value is right when one of them agrees with every part the TEI value gives, see
  :func:`tei_agrees`).
* The bundled report's ``data/gold/timex.csv`` (in-sample): value accuracy.

``limit`` keeps the first ``limit`` documents of each TimeML set (and the first ``20 * limit``
Duckling cases) for a quick check.

Rule ablation (:func:`rule_ablation`, :func:`ablation_rows`: rows "value F1 change without rule
X" on TimeBank+AQUAINT for every rule that occurs there) is not part of :func:`evaluate`, which
must stay within its time budget: run ``python -m utils.evaluation.timex --ablation``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from utils.chronology import compare_timexes, gold_timexes_for, tag_doc
from utils.evaluation import interval_rows, row, rows_frame
from utils.evaluation.duckling import read_cases, read_negatives, score_cases, score_negatives
from utils.temporal import ENGINE_RULE_NAMES
from utils.temporal_rules import RANGE_NAMES, RULE_NAMES
from utils.text import parse_many
from utils.timeml import TimeMLDocument, read_folder, score

ROOT = Path(__file__).resolve().parent.parent.parent
ANALYSIS = "chronology"


def dcts_of(docs: Sequence) -> list[_dt.date]:
    """The creation dates of ``docs`` (TimeML or GUM documents); a ValueError names the documents
    without one, since their relative dates could only be scored against an arbitrary day."""
    missing = [d.doc_id for d in docs if d.dct is None]
    if missing:
        raise ValueError(f"{len(missing)} document(s) without a creation date (DCT), e.g. {missing[:3]}: "
                         "relative dates cannot be scored; give them a DCT or leave them out")
    return [d.dct for d in docs]


def tag_texts(texts: list[str], dcts: list[_dt.date]) -> list[pd.DataFrame]:
    """System timexes (``start, end, text, type, value, anchor``) of each text with its DCT."""
    return [tag_doc(doc, dct) for doc, dct in zip(parse_many(texts, batch_size=16), dcts, strict=True)]


def timeml_rows(docs: list[TimeMLDocument], dataset: str) -> list[dict]:
    """Strict/relaxed extent F1, type F1 and value F1 of the tagger on TimeML documents."""
    tagged = tag_texts([d.text for d in docs], dcts_of(docs))
    pairs = [(d.timexes, t) for d, t in zip(docs, tagged, strict=True)]
    table = score(pairs).set_index("measure")
    n = int(table.loc["value", "gold"])
    names = {"strict": "strict extent F1", "relaxed": "relaxed extent F1", "type": "type F1", "value": "value F1"}
    rows = [row(ANALYSIS, dataset, label, table.loc[m, "f1"], n, "development") for m, label in names.items()]
    return rows + interval_rows(ANALYSIS, dataset, "value F1", value_counts_by_document(pairs), n)


def value_counts_by_document(pairs: Sequence[tuple[pd.DataFrame, pd.DataFrame]]) -> pd.DataFrame:
    """Value matches per document (``correct, system, gold`` of :func:`utils.timeml.score`'s
    ``value`` row) for (gold, system) timex pairs, one row per pair."""
    rows = [score([pair]).set_index("measure").loc["value", ["correct", "system", "gold"]] for pair in pairs]
    return pd.DataFrame(rows).reset_index(drop=True)


def rule_ablation(docs: list[TimeMLDocument], rules: Sequence[str] | None = None) -> pd.DataFrame:
    """Value F1 on TimeML ``docs`` with each rule switched off, one rule at a time.

    Columns ``rule``, ``docs`` (documents where the rule's pattern occurs: only these are tagged
    again), ``value_f1`` and ``delta`` (F1 without the rule - F1 with all; negative: the rule
    helps). The first row, ``(all rules)``, has delta 0. ``rules`` defaults to every rule of
    :data:`utils.temporal_rules.RULES` and :data:`~utils.temporal_rules.RANGES` that occurs in some
    document, and every rule of :data:`utils.temporal.ENGINE_RULES` (tagged again on every
    document). Each document is parsed once.
    """
    from utils.temporal_rules import rules_in

    dcts = dcts_of(docs)
    parsed = list(parse_many([d.text for d in docs], batch_size=16))
    base = [tag_doc(doc, dct) for doc, dct in zip(parsed, dcts, strict=True)]
    golds = [d.timexes for d in docs]

    def value_f1(tagged: list[pd.DataFrame]) -> float:
        table = score(list(zip(golds, tagged, strict=True))).set_index("measure")
        return float(table.loc["value", "f1"])

    engine = set(ENGINE_RULE_NAMES)  # rules of the tagger's engine read the parse: they may act anywhere
    occurs = [set(rules_in(d.text)) | engine for d in docs]
    names = [n for n in RULE_NAMES + RANGE_NAMES + ENGINE_RULE_NAMES if any(n in o for o in occurs)] \
        if rules is None else list(rules)
    full = value_f1(base)
    out = [("(all rules)", len(docs), full, 0.0)]
    for name in names:
        where = [k for k, o in enumerate(occurs) if name in o]
        tagged = list(base)
        for k in where:
            tagged[k] = tag_doc(parsed[k], dcts[k], without=[name])
        f1 = value_f1(tagged)
        out.append((name, len(where), f1, f1 - full))
    return pd.DataFrame(out, columns=["rule", "docs", "value_f1", "delta"])


def ablation_rows(shared: Path, limit: int | None = None) -> list[dict]:
    """Rows "value F1 change without rule X" on TimeBank+AQUAINT (not part of :func:`evaluate`:
    it tags the documents where each rule occurs again; run ``python -m utils.evaluation.timex --ablation``)."""
    tb = [Path(shared) / "tempeval3" / name for name in ("TimeBank", "AQUAINT")]
    if not all(f.is_dir() for f in tb):
        return []
    docs = read_folder(*tb)
    docs = docs[:limit] if limit else docs
    n = sum(len(d.timexes) for d in docs)
    dataset = f"TimeBank+AQUAINT ({len(docs)} docs)"
    return [row(ANALYSIS, dataset, f"value F1 change without rule {r.rule}", r.delta, n, "development")
            for r in rule_ablation(docs).itertuples() if r.rule != "(all rules)"]


def duckling_rows(folder: Path, limit: int | None = None) -> list[dict]:
    """Value accuracy (all, TimeML-following), found share, and negatives left empty."""
    cases = read_cases(folder / "duckling.jsonl")
    if limit:
        cases = cases[: 20 * limit]
    scored = score_cases(cases, tag_texts([c.text for c in cases], [c.dct for c in cases]))
    timeml = scored[scored["not_timeml"] == ""]
    dataset = f"Duckling EN cases ({len(cases)})"
    rows = [row(ANALYSIS, dataset, "value accuracy, all", scored["value_correct"].mean(), len(scored), "development"),
            row(ANALYSIS, dataset, "value accuracy, TimeML-following", timeml["timeml_correct"].mean(), len(timeml),
                "development"),
            row(ANALYSIS, dataset, "found", scored["found"].mean(), len(scored), "development")]
    negative = folder / "duckling_negative.json"
    if negative.is_file():
        dct, texts = read_negatives(negative)
        neg = score_negatives(texts, tag_texts(texts, [dct] * len(texts)))
        rows.append(row(ANALYSIS, "Duckling EN negatives", "no time found", (neg["timexes"] == 0).mean(), len(neg),
                        "development"))
    return rows


def tei_agrees(system: str, when: str) -> bool:
    """True when a TimeML value agrees with a TEI ``when`` on every part the TEI value gives.

    ``2015`` needs the year 2015 (and nothing finer: ``2015-09`` is another expression);
    ``2013-10-09`` that day (a part of day or clock time added by TimeML, ``2013-10-09TMO``, agrees);
    ``--10`` (month without year) any value in October; ``21:00:00`` that clock time on any day.
    """
    m = re.fullmatch(r"(\d\d:\d\d)(?::\d\d)?", when)
    if m:
        return bool(re.search(rf"T{m.group(1)}", system))
    m = re.fullmatch(r"--(\d\d)(?:-(\d\d))?", when)
    if m:
        s = re.fullmatch(r"\d{4}-(\d\d)(?:-(\d\d))?.*", system)
        return bool(s) and s.group(1) == m.group(1) and (m.group(2) is None or s.group(2) == m.group(2))
    m = re.fullmatch(r"(\d{4}(?:-\d\d(?:-\d\d)?)?)(?:T(\d\d:\d\d).*)?", when)
    if not m:
        return system == when
    date, clock = m.groups()
    if not system.startswith(date):
        return False
    rest = system[len(date):]
    if clock:
        return rest.startswith(f"T{clock}")
    return rest == "" or (len(date) == 10 and rest.startswith("T"))


GUM_DATE_COLUMNS = ["doc_id", "start", "end", "text", "when", "system_text", "system_value", "found", "value_correct"]


def score_gum_dates(docs: Sequence, tagged: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """One row per GUM ``<date>`` with a ``when`` value (columns :data:`GUM_DATE_COLUMNS`).

    ``docs`` are :class:`utils.evaluation.gum.GumDocument` records (``doc_id``, ``text``, ``dates``
    with ``start, end, text, value``), ``tagged[i]`` the system timexes of ``docs[i].text``. A
    gold phrase is *found* when a system timex overlaps it, and its value is right when one of the
    overlapping timexes agrees with it (:func:`tei_agrees`); GUM marks whole date phrases
    ("Tuesday, September 1, 2015"), where TimeML may give two timexes.
    """
    if len(docs) != len(tagged):
        raise ValueError(f"{len(docs)} documents but {len(tagged)} tagged frames")
    rows = []
    for doc, frame in zip(docs, tagged, strict=True):
        system = list(frame[["start", "end", "value"]].itertuples(index=False, name=None))
        for date in doc.dates:
            if not date.value:
                continue
            hits = [(s, e, v) for s, e, v in system if min(e, date.end) > max(s, date.start)]
            right = [h for h in hits if tei_agrees(str(h[2]), date.value)]
            shown = (right or hits or [(0, 0, "")])[0]
            rows.append((doc.doc_id, date.start, date.end, date.text, date.value, doc.text[shown[0]:shown[1]],
                         str(shown[2]), bool(hits), bool(right)))
    return pd.DataFrame(rows, columns=GUM_DATE_COLUMNS)


def gum_rows(folder: Path, limit: int | None = None) -> list[dict]:
    """GUM date value accuracy (and found share) over the dates with a ``when`` value."""
    from utils.evaluation.gum import read_gum_folder

    docs = read_gum_folder(folder)
    docs = docs[:limit] if limit else docs
    tagged = tag_texts([d.text for d in docs], dcts_of(docs))
    scored = score_gum_dates(docs, tagged)
    dataset = f"GUM train dates ({len(docs)} docs)"
    return [row(ANALYSIS, dataset, "date value accuracy (overlap)", scored["value_correct"].mean(), len(scored),
                "development"),
            row(ANALYSIS, dataset, "date found (overlap)", scored["found"].mean(), len(scored), "development")]


def report_rows() -> list[dict]:
    """In-sample: value accuracy on the bundled report's ``data/gold/timex.csv`` (strict extent + value)."""
    from utils.report import load_report

    report = load_report()
    compared = compare_timexes(gold_timexes_for(report.text), tag_texts([report.text], [report.dct])[0])
    return [row(ANALYSIS, "bundled report", "extent, type and value right", compared.right.mean(), len(compared),
                "in-sample")]


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
    gum = shared / "gold" / "gum"
    if gum.is_dir() and any(gum.glob("GUM_*.conllu")):
        rows += gum_rows(gum, limit)
    cases = shared / "gold" / "timex-cases"
    if (cases / "duckling.jsonl").is_file():
        rows += duckling_rows(cases, limit)
    rows += report_rows()
    return rows_frame(rows)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Chronology evaluation; --ablation: value F1 without each rule.")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="folder holding tempeval3/")
    parser.add_argument("--limit", type=int, default=None, help="at most this many documents per data set")
    parser.add_argument("--ablation", action="store_true", help="rule ablation on TimeBank+AQUAINT only")
    args = parser.parse_args()
    frame = rows_frame(ablation_rows(args.shared, args.limit)) if args.ablation else evaluate(args.shared, args.limit)
    print(frame.to_string(index=False))
