"""Readers and scorers of utils.evaluation.duckling and utils.evaluation.timex on hand-made fixtures.

tests/fixtures/timex-cases holds four invented cases (reference date Tuesday 2021-03-09) and two
negatives; tests/fixtures/wikiwars one invented TimeML document whose gold says P2M for "eight
weeks" on purpose, so that value F1 is 2/3 when the tagger gives P8W.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from utils.evaluation import COLUMNS
from utils.evaluation.duckling import (
    CASE_COLUMNS,
    not_timeml,
    read_cases,
    read_negatives,
    same_value,
    score_cases,
    score_negatives,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _frame(*rows: tuple[int, int, str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["start", "end", "value"])


def test_read_cases_gives_records_with_dates_and_value_tuples() -> None:
    cases = read_cases(FIXTURES / "timex-cases" / "duckling.jsonl")
    assert len(cases) == 4
    assert cases[0].text == "see you on 3/14" and cases[0].dct == dt.date(2021, 3, 9)
    assert (cases[0].exp_start, cases[0].exp_end, cases[0].exp_values) == (8, 15, ("2021-03-14",))
    assert cases[0].text[cases[0].exp_start : cases[0].exp_end] == cases[0].exp_text


def test_read_cases_names_the_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "d.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="d.jsonl:1"):
        read_cases(bad)
    with pytest.raises(FileNotFoundError):
        read_cases(tmp_path / "missing.jsonl")


def test_read_negatives() -> None:
    dct, texts = read_negatives(FIXTURES / "timex-cases" / "duckling_negative.json")
    assert dct == dt.date(2021, 3, 9) and texts == ["a pair of shoes", "room 12"]


def test_not_timeml_rules() -> None:
    cases = read_cases(FIXTURES / "timex-cases" / "duckling.jsonl")
    # 2021-03-09 is a Tuesday: the coming Friday is the 12th, Duckling expects the 19th
    assert [not_timeml(c) for c in cases] == ["", "next weekday = of next week", "clock time of the reference", ""]


def test_timeml_reading_of_a_count_after_in_and_of_a_hebrew_holiday() -> None:
    from utils.evaluation.duckling import TimeCase, timeml_values

    ref = dt.date(2021, 3, 9)
    weeks = TimeCase("back in three weeks", ref, "in three weeks", 5, 19, "DATE", ("2021-03-30",))
    eve = TimeCase("passover 2024", ref, "passover 2024", 0, 13, "DATE", ("2024-04-22",))  # first Seder night
    plain = TimeCase("friday", ref, "friday", 0, 6, "DATE", ("2021-03-12",))
    # the cases stay in the TimeML subset, scored against the TimeML value
    assert not_timeml(weeks) == not_timeml(eve) == ""
    assert timeml_values(weeks) == (("P3W",), "count after 'in' as a duration")
    assert timeml_values(eve) == (("2024-04-23",), "Hebrew holiday by its day")  # 15 Nisan 5784
    assert timeml_values(plain) == (("2021-03-12",), "")
    scored = score_cases([weeks, eve, eve], [_frame((8, 19, "P3W")), _frame((0, 13, "2024-04-23")),
                                             _frame((0, 13, "2024-04-22"))])  # the last one is a day early
    assert scored["timeml_correct"].tolist() == [True, True, False]
    assert scored["value_correct"].tolist() == [False, False, True]  # against Duckling's own values


def test_same_value_conventions() -> None:
    assert same_value("PT2H30M", "PT150M")  # one length written two ways
    assert same_value("P1M15D", "P45D")  # a month counts as 30 days
    assert same_value("P2Y3M", "P27M")
    assert same_value("2021-03-09T24:00", "2021-03-10T00:00")
    assert same_value("2021-03-09T10:05", "2021-03-09T10:05:00")
    assert not same_value("PT2H", "PT150M")
    assert not same_value("2021-03-14", "2021-03-13")


def test_score_cases_found_exact_value() -> None:
    cases = read_cases(FIXTURES / "timex-cases" / "duckling.jsonl")
    tagged = [_frame((11, 15, "2021-03-14")),  # "3/14": found, not Duckling's extent, value right
              _frame((0, 11, "2021-03-12")),  # exact extent, the TimeML value (not Duckling's)
              _frame(),  # nothing
              _frame((0, 20, "PT2H30M"))]  # exact, the same length
    scored = score_cases(cases, tagged)
    assert list(scored.columns) == CASE_COLUMNS
    assert scored["found"].tolist() == [True, True, False, True]
    assert scored["exact"].tolist() == [False, True, False, True]
    assert scored["value_correct"].tolist() == [True, False, False, True]
    assert scored.loc[0, "system_text"] == "3/14"
    with pytest.raises(ValueError, match="4 cases but 1"):
        score_cases(cases, tagged[:1])


def test_score_negatives() -> None:
    scored = score_negatives(["a pair of shoes", "room 12"], [_frame(), _frame((5, 7, "2012"))])
    assert scored["timexes"].tolist() == [0, 1]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shared")
    shutil.copytree(FIXTURES / "wikiwars", root / "gold" / "wikiwars")
    shutil.copytree(FIXTURES / "timex-cases", root / "gold" / "timex-cases")
    return root


def test_evaluate_on_fixture_sets(shared: Path) -> None:
    from utils.evaluation.timex import evaluate

    frame = evaluate(shared)
    assert list(frame.columns) == COLUMNS
    ww = frame[frame["dataset"].str.startswith("WikiWars")].set_index("measure")
    assert ww.loc["strict extent F1", "value"] == pytest.approx(1.0)
    assert ww.loc["value F1", "value"] == pytest.approx(2 / 3)
    assert (ww["n"] == 3).all()
    # one fixture document: every resample is that document, so the interval is the figure itself
    assert ww.loc["value F1, 90% interval over resampled documents: low", "value"] == pytest.approx(2 / 3)
    assert ww.loc["value F1, 90% interval over resampled documents: high", "value"] == pytest.approx(2 / 3)
    duck = frame[frame["dataset"].str.startswith("Duckling EN cases")].set_index("measure")
    assert duck.loc["value accuracy, TimeML-following", "n"] == 2
    assert duck.loc["value accuracy, all", "n"] == 4
    assert set(frame["sample"]) == {"development", "in-sample"}
    assert "TimeBank+AQUAINT" not in " ".join(frame["dataset"])  # not in the fixture folder: left out


def test_tei_agrees() -> None:
    from utils.evaluation.timex import tei_agrees

    assert tei_agrees("2015", "2015") and not tei_agrees("2015-09", "2015")
    assert tei_agrees("2013-10-09", "2013-10-09") and tei_agrees("2013-10-09TMO", "2013-10-09")
    assert tei_agrees("2013-10", "--10") and tei_agrees("2014-10-02", "--10") and not tei_agrees("2013-11", "--10")
    assert tei_agrees("2013-10-09T21:00", "21:00:00") and not tei_agrees("2013-10-09", "21:00:00")
    assert not tei_agrees("2013-10-08", "2013-10-09")


def test_score_gum_dates_on_the_mini_fixture() -> None:
    from utils.evaluation.gum import read_gum
    from utils.evaluation.timex import GUM_DATE_COLUMNS, score_gum_dates

    doc = read_gum(FIXTURES / "gold" / "mini.conllu")
    start = doc.text.index("Monday")
    right = pd.DataFrame([(start, start + 6, "2021-03-01")], columns=["start", "end", "value"])
    wrong = pd.DataFrame([(start, start + 6, "2021-03-08")], columns=["start", "end", "value"])
    scored = score_gum_dates([doc, doc, doc], [right, wrong, _frame()])
    assert list(scored.columns) == GUM_DATE_COLUMNS
    assert scored["found"].tolist() == [True, True, False]
    assert scored["value_correct"].tolist() == [True, False, False]
    assert scored.loc[0, "system_text"] == "Monday" and scored.loc[0, "when"] == "2021-03-01"


RANGE_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>ferry</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2019-11-02" functionInDocument="CREATION_TIME">2019-11-02</TIMEX3></DCT>
<TEXT>
The ferry was idle on <TIMEX3 tid="t1" type="DATE" value="2019-10-21">Oct 21</TIMEX3> and <TIMEX3 tid="t2" type="DATE" value="2019-10-22">22</TIMEX3> while the crew left at <TIMEX3 tid="t3" type="TIME" value="2019-10-21T17:45">17h45</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_rule_ablation_on_an_invented_document(tmp_path: Path) -> None:
    from utils.evaluation.timex import ablation_rows, rule_ablation
    from utils.timeml import read_folder

    folder = tmp_path / "tempeval3"
    for name in ("TimeBank", "AQUAINT"):
        (folder / name).mkdir(parents=True)
    (folder / "TimeBank" / "ferry.tml").write_text(RANGE_TML, encoding="utf-8")
    docs = read_folder(folder / "TimeBank")
    table = rule_ablation(docs).set_index("rule")
    assert table.loc["(all rules)", "value_f1"] == pytest.approx(2 / 3)  # 17h45 is put on Oct 22, the day told last
    # without the range rule only "Oct 21" is found, and 17h45 goes on that day: 2 of 2 system, 2 of 3 gold
    assert table.loc["month day and day", "value_f1"] == pytest.approx(0.8)
    assert table.loc["month day and day", "delta"] == pytest.approx(0.8 - 2 / 3)
    # without it 17h45 is not found: its wrong value no longer costs precision (F1 2/2, 2/3 -> 0.8)
    assert table.loc["clock European h", "delta"] == pytest.approx(0.8 - 2 / 3)
    assert "decade" not in table.index  # rules that do not occur are left out
    rows = ablation_rows(tmp_path)
    assert {r["measure"] for r in rows} >= {"value F1 change without rule month day and day"}
    assert all(r["n"] == 3 and r["dataset"] == "TimeBank+AQUAINT (1 docs)" for r in rows)


def test_value_counts_by_document() -> None:
    from utils.evaluation.timex import value_counts_by_document

    def timexes(*rows: tuple[int, int, str, str]) -> pd.DataFrame:
        return pd.DataFrame(list(rows), columns=["start", "end", "type", "value"])

    first = (timexes((0, 6, "DATE", "2001-05-04"), (10, 15, "DATE", "2001")),
             timexes((0, 6, "DATE", "2001-05-04"), (10, 15, "DATE", "2002"), (20, 25, "TIME", "2001-05-04TEV")))
    second = (timexes((3, 8, "DURATION", "P2D")), timexes())
    counts = value_counts_by_document([first, second])
    # first: one value right of 3 system and 2 gold timexes; second: nothing found of 1 gold
    assert counts[["correct", "system", "gold"]].values.tolist() == [[1, 3, 2], [0, 0, 1]]


def test_documents_without_a_creation_date_are_refused() -> None:
    from utils.evaluation.timex import dcts_of
    from utils.timeml import TimeMLDocument

    dated = TimeMLDocument(doc_id="a", dct=dt.date(2003, 7, 1), text="It rained on Monday.")
    undated = TimeMLDocument(doc_id="b", dct=None, text="It rained on Monday.")
    assert dcts_of([dated]) == [dt.date(2003, 7, 1)]
    with pytest.raises(ValueError, match=r"without a creation date.*\['b'\]"):
        dcts_of([dated, undated])
