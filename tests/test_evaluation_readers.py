"""Readers of external gold, on tiny hand-made files in tests/fixtures/gold (never on ../shared)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from utils.evaluation import (
    accuracy_table,
    bootstrap_f1,
    interval_rows,
    interval_table,
    measures_starting,
    prf,
    row,
    rows_frame,
    to_markdown,
)
from utils.evaluation.gum import GumError, read_gum, read_gum_folder
from utils.evaluation.polnear import PolnearError, read_ann, read_polnear

GOLD = Path(__file__).parent / "fixtures" / "gold"


@pytest.fixture(scope="module")
def mini():
    return read_gum(GOLD / "mini.conllu")


def test_gum_text_is_rebuilt_with_paragraphs_spaces_and_multiword_tokens(mini):
    assert mini.text == 'Mayor Ana Ruiz spoke Monday.\n\n"It\'s done," she said in Lyon.'
    assert [mini.text[s:e] for s, e in mini.sentences] == ["Mayor Ana Ruiz spoke Monday.", '"It\'s done," she said in Lyon.']
    assert mini.doc_id == "GUM_news_mini" and mini.genre == "news" and mini.dct == dt.date(2021, 3, 4)
    # the empty node 8.1 adds nothing; the words of "It's" get their own parts of the multiword token
    assert len(mini.tokens) == 17
    assert [mini.text[t.start:t.end] for t in mini.tokens[6:10]] == ['"', "It", "'s", "done"]


def test_gum_mentions_types_identities_minspans_and_chains(mini):
    got = [(m.text, m.etype, m.entity_id, m.identity) for m in mini.mentions]
    assert got == [("Mayor Ana Ruiz", "person", "1", "Ana_Ruiz"), ("Monday", "time", "2", None),
                   ("It", "event", "3", None), ("she", "person", "1", "Ana_Ruiz"), ("Lyon", "place", "4", "Lyon")]
    ruiz = mini.mentions[0]
    assert [mini.tokens[i].form for i in ruiz.head_tokens()] == ["Ana", "Ruiz"]
    assert [m.text for m in mini.chains()["1"]] == ["Mayor Ana Ruiz", "she"]
    assert all(mini.text[m.start:m.end] == m.text for m in mini.mentions)


def test_gum_dates_and_quotes(mini):
    assert [(d.text, d.value) for d in mini.dates] == [("Monday", "2021-03-01")]
    assert [q.text for q in mini.quotes] == ['"It\'s done,"']


def test_gum_token_heads_are_document_indices(mini):
    said = next(i for i, t in enumerate(mini.tokens) if t.form == "said")
    assert mini.tokens[said].head == -1 or mini.tokens[mini.tokens[said].head].form == "she"
    lyon = next(t for t in mini.tokens if t.form == "Lyon")
    assert mini.tokens[lyon.head].form == "said"


def test_gum_bad_input_gets_a_clear_error(tmp_path):
    bad = tmp_path / "GUM_bad.conllu"
    bad.write_text("1\tWord\tword\tNOUN\n", encoding="utf-8")
    with pytest.raises(GumError, match="10 tab-separated columns"):
        read_gum(bad)
    unclosed = tmp_path / "GUM_open.conllu"
    unclosed.write_text("\t".join(["1", "A", "a", "X", "_", "_", "0", "root", "_",
                                   "Entity=(7-person-new-s-c-1-sgl"]) + "\n", encoding="utf-8")
    with pytest.raises(GumError, match="never closed: 7"):
        read_gum(unclosed)
    with pytest.raises(FileNotFoundError):
        read_gum_folder(tmp_path / "nothing")


def test_polnear_reads_one_annotator_per_article_with_exact_offsets():
    docs = read_polnear(GOLD / "polnear")
    assert len(docs) == 1 and docs[0].annotator == "ab12"
    doc = docs[0]
    got = [(doc.surface(a.source), doc.surface(a.cue), doc.surface(a.content)) for a in doc.attributions]
    assert got == [("Senator Bo Lee", "said", "taxes will rise"), ("he", "added", "We have no choice,")]


def test_polnear_discontinuous_spans_and_bad_offsets():
    text = "Taxes, she said, will rise."
    ann = "T1\tContent 0 5;17 27\tTaxes will rise.\nT2\tCue 11 15\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2\n"
    (attr,) = read_ann(ann, text)
    assert attr.content == ((0, 5), (17, 27)) and attr.source == ()
    assert attr.extent(attr.content) == (0, 27)
    with pytest.raises(PolnearError, match="past the end"):
        read_ann("T1\tCue 0 99\tx\n", text)
    with pytest.raises(PolnearError, match="not numbers"):
        read_ann("T1\tCue a b\tx\n", text)


def test_prf_rows_and_the_markdown_round_trip(tmp_path):
    assert prf(3, 1, 2) == pytest.approx((0.75, 0.6, 2 * 0.75 * 0.6 / 1.35))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="sample must be"):
        row("entities", "x", "F1", 1.0, 3, "held-out")
    frame = rows_frame([row("entities", "GUM train (35 docs)", "strict F1", 0.61234, 1234, "development"),
                        row("sources", "bundled report", "quotes found", 7, 7, "in-sample")])
    path = tmp_path / "ACCURACY.md"
    path.write_text("# title\n\nsome text | with a bar\n\n" + to_markdown(frame), encoding="utf-8")
    back = accuracy_table(path=path)
    assert back.to_dict("records") == [
        {"analysis": "entities", "dataset": "GUM train (35 docs)", "measure": "strict F1", "value": 0.612,
         "n": 1234, "sample": "development"},
        {"analysis": "sources", "dataset": "bundled report", "measure": "quotes found", "value": 7.0,
         "n": 7, "sample": "in-sample"}]
    assert len(accuracy_table("sources", path=path)) == 1
    with pytest.raises(FileNotFoundError, match="python -m bench.evaluate"):
        accuracy_table(path=tmp_path / "missing.md")



def test_sentiment_rows_are_in_sample_and_name_the_baseline():
    from utils.evaluation.sentiment import evaluate

    table = evaluate().set_index("measure")
    assert (table["sample"] == "in-sample").all() and (table["n"] == 17).all()
    assert table.loc["VADER label = hand label", "value"] == pytest.approx(8 / 17)
    assert table.loc["majority baseline (always 'negative')", "value"] == pytest.approx(9 / 17)
    assert table.loc["NLTK VADER = vaderSentiment (compound, 1e-4)", "value"] == pytest.approx(16 / 17)


def test_accuracy_comparison_and_its_sentence(tmp_path):
    from utils.evaluation import accuracy_comparison, gap_sentence

    frame = rows_frame([row("entities", "GUM (35 docs)", "strict F1", 0.6, 1500, "development"),
                        row("entities", "bundled report", "strict F1", 1.0, 50, "in-sample"),
                        row("entities", "bundled report", "other", 0.5, 50, "in-sample")])
    path = tmp_path / "ACCURACY.md"
    path.write_text(to_markdown(frame), encoding="utf-8")
    comparison = accuracy_comparison("entities", ["strict F1"], path)
    assert list(comparison["dataset"]) == ["bundled report", "GUM (35 docs)"]
    sentence = gap_sentence(comparison)
    assert "1.000 (n=50)" in sentence and "0.600 on GUM (35 docs) (strict F1, n=1,500)" in sentence
    assert "at least 0.40 lower than in-sample" in sentence
    only_inside = comparison[comparison["sample"] == "in-sample"]
    assert gap_sentence(only_inside).startswith("There is no development data")


def test_bootstrap_interval_of_pooled_f1():
    import pandas as pd

    same = pd.DataFrame({"correct": [3, 3, 3], "system": [4, 4, 4], "gold": [5, 5, 5]})
    # every draw pools identical documents: P 3/4, R 3/5, F1 = 2*0.75*0.6/1.35 = 2/3 at both ends
    assert bootstrap_f1(same) == pytest.approx((2 / 3, 2 / 3))
    mixed = pd.DataFrame({"correct": [10, 0], "system": [10, 10], "gold": [10, 10]})
    low, high = bootstrap_f1(mixed)
    # a draw holds the perfect document 0, 1 or 2 times: F1 0.0, 0.5 or 1.0, each end at one of them
    assert low == 0.0 and high == 1.0
    # the same seed gives the same interval, on a table whose interval depends on the draws (another
    # seed gives another one, so a missing seed would show)
    spread = pd.DataFrame({"correct": [1, 2, 3, 4, 5], "system": [5] * 5, "gold": [5] * 5})
    assert bootstrap_f1(spread, seed=1, resamples=50) == bootstrap_f1(spread, seed=1, resamples=50)
    assert bootstrap_f1(spread, seed=1, resamples=50) != bootstrap_f1(spread, seed=2, resamples=50)
    rows = interval_rows("entities", "toy", "strict F1", same, 15)
    assert [r["measure"] for r in rows] == ["strict F1, 90% interval over resampled documents: low",
                                            "strict F1, 90% interval over resampled documents: high"]


def test_bootstrap_refuses_bad_input():
    import pandas as pd

    with pytest.raises(TypeError, match="DataFrame"):
        bootstrap_f1([(1, 2, 3)])
    with pytest.raises(ValueError, match="gold"):
        bootstrap_f1(pd.DataFrame({"correct": [1], "system": [1]}))
    with pytest.raises(ValueError, match="no documents"):
        bootstrap_f1(pd.DataFrame(columns=["correct", "system", "gold"]))
    with pytest.raises(ValueError, match="level"):
        bootstrap_f1(pd.DataFrame({"correct": [1], "system": [1], "gold": [1]}), level=90)


def test_interval_table_joins_the_bounds(tmp_path):
    import pandas as pd

    counts = pd.DataFrame({"correct": [3, 3], "system": [4, 4], "gold": [5, 5]})
    frame = rows_frame([row("entities", "set A", "strict F1", 0.7, 10, "development"),
                        *interval_rows("entities", "set A", "strict F1", counts, 10),
                        row("entities", "set B", "strict F1", 0.5, 4, "development"),
                        row("entities", "report", "strict F1", 1.0, 5, "in-sample")])
    path = tmp_path / "ACCURACY.md"
    path.write_text(to_markdown(frame), encoding="utf-8")
    table = interval_table("entities", "strict F1", path)
    assert table.dataset.tolist() == ["set A", "set B"]   # development rows only
    assert table.loc[0, ["value", "low", "high", "n"]].tolist() == pytest.approx([0.7, 0.667, 0.667, 10])
    assert table.loc[1, ["low", "high"]].isna().all()


def test_measures_starting_cuts_the_prefix(tmp_path):
    frame = rows_frame([row("entities", "GUM", "strict F1 change without rule a", -0.01, 9, "development"),
                        row("entities", "GUM", "strict F1 change without rule b", 0.0, 9, "development"),
                        row("entities", "GUM", "strict F1", 0.7, 9, "development"),
                        row("chronology", "TB", "strict F1 change without rule c", 0.2, 3, "development")])
    path = tmp_path / "ACCURACY.md"
    path.write_text(to_markdown(frame), encoding="utf-8")
    table = measures_starting("entities", "strict F1 change without rule ", "rule", path)
    assert table.to_dict("list") == {"rule": ["a", "b"], "value": [-0.01, 0.0], "n": [9, 9]}
