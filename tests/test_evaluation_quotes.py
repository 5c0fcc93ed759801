"""Scorers of utils.evaluation.quotes on hand-made fixtures (tests/fixtures/gold/polnear_quotes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from utils.evaluation import COLUMNS
from utils.evaluation.polnear import read_polnear
from utils.evaluation.quotes import (
    evaluate,
    gold_quotes,
    matches,
    overlap,
    quote_measures,
    quotes_found,
    same_speaker,
    score_attributions,
    score_beliefs,
    score_quotes,
    score_speech_recall,
    speech_cue,
)

GOLD = Path(__file__).parent / "fixtures" / "gold"


@pytest.fixture(scope="module")
def ferry():
    return read_polnear(GOLD / "polnear_quotes")[0]


def test_gold_quotes_first_and_continuation(ferry):
    quotes = gold_quotes(ferry)
    # the belief ("Critics hope ...") and the indirect claim ("Ruiz added that ...") are not direct quotes
    assert [ferry.text[q.start : q.end] for q in quotes] == [
        "“The ferry will run again on Monday,”", "“We checked every cable.”", "It is too late,",
        "for the people who missed work.",
    ]
    # "... said. “We checked ...”" continues after a sentence end; "..., one passenger said, “for ...”" does not
    assert [q.continuation for q in quotes] == [False, True, False, False]
    assert [q.source for q in quotes] == ["the harbour master, Ana Ruiz"] * 2 + ["one passenger"] * 2


def test_overlap_and_half_of_the_shorter():
    assert overlap(((0, 10),), ((8, 20), (5, 6))) == 3
    assert matches(((0, 4),), ((0, 10),))  # 4 of the shorter 4
    assert not matches(((0, 10),), ((8, 20),))  # 2 of the shorter 10
    assert matches(((0, 10),), ((5, 20),))  # 5 of 10: exactly half counts
    assert not matches(((0, 10),), ((10, 20),))  # touching is not overlapping


def test_same_speaker_by_span_or_by_name():
    assert same_speaker("Donald Trump", None, "Trump", ((0, 5),))
    assert same_speaker("Brian Fallon", None, "Clinton campaign spokesman Brian Fallon", ((0, 39),))
    assert same_speaker("Ana Ruiz", None, "Ruiz, who runs the port", ((0, 23),))
    assert not same_speaker("Hillary Clinton", None, "the Clinton campaign", ((0, 20),))
    assert not same_speaker("Donald Trump", None, "he", ((0, 2),))  # a pronoun needs the same span
    assert same_speaker("Donald Trump", (40, 42), "he", ((40, 42),))
    assert not same_speaker(None, None, "Trump", ((0, 5),))


def _found(text: str, rows: list[tuple[str, str | None, str | None]]) -> pd.DataFrame:
    """A quotes() frame by hand: (quoted text, speaker, speaker phrase as written or None)."""
    out = []
    for quoted, speaker, phrase in rows:
        start = text.index(quoted)
        s_start = text.index(phrase) if phrase else None
        out.append({"start": start, "end": start + len(quoted), "speaker": speaker, "speaker_start": s_start,
                    "speaker_end": s_start + len(phrase) if phrase else None})
    return pd.DataFrame(out)


def test_score_quotes_hand_computed(ferry):
    text = ferry.text
    found = _found(text, [
        ("The ferry will run again", "Ana Ruiz", "Ana Ruiz"),  # 24 of 34 characters: found, not exact
        ("We checked every cable.", None, None),  # found, exact, no speaker
        ("It is too late,", "passenger", None),  # right by name ("one passenger" ends in "passenger")
    ])  # "for the people who missed work." is not found
    scored = score_quotes(text, gold_quotes(ferry), found)
    assert scored.found.tolist() == [True, True, True, False]
    assert scored.exact.tolist() == [False, True, True, False]
    assert scored.speaker_right.tolist() == [True, False, True, False]
    measures = quote_measures(scored).set_index("measure")
    assert measures.loc["direct quote found"].tolist() == [0.75, 4]
    assert measures.loc["direct quote span exact (of found)"].tolist() == [pytest.approx(2 / 3), 3]
    assert measures.loc["speaker accuracy, first quote"].tolist() == [pytest.approx(2 / 3), 3]
    assert measures.loc["speaker accuracy, continuation quote"].tolist() == [0.0, 1]


def test_score_attributions_hand_computed():
    gold = [[((0, 10),), ((20, 30),), ((40, 50), (60, 70))], [((0, 10),)]]
    found = [[((0, 4),), ((25, 45),), ((80, 90),)], []]
    table = score_attributions(gold, found).set_index("measure")
    # right: (0,4) and (25,45) (5 of the shorter 10 with (20,30)); recalled: 2 of the 4 gold
    assert table.loc["attribution precision"].tolist() == [pytest.approx(2 / 3), 3]
    assert table.loc["attribution recall"].tolist() == [0.5, 4]
    assert table.loc["attribution F1", "value"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    with pytest.raises(ValueError, match="one list per article"):
        score_attributions(gold, found[:1])


def test_speech_cue_from_the_word_list():
    for cue in ("said", "told reporters", "in a statement", "According to", "has vowed", "admitted",
                "argues", "was asked about", "pointed out", "tweeted", "a spokeswoman for", "criticized"):
        assert speech_cue(cue), cue
    for cue in ("hopes", "plans", "believes", "backed", "thinks", "expected", "sees", ":", ""):
        assert not speech_cue(cue), cue


def test_score_speech_recall_hand_computed():
    gold = [[((0, 10),), ((20, 30),), ((40, 50),)], [((0, 10),)]]
    cues = [["said", "hopes", "told reporters"], ["in a statement"]]
    found = [[((0, 4),), ((22, 28),)], []]
    table = score_speech_recall(gold, cues, found).set_index("measure")
    # speech cues: said (found), told (missed), statement (missed); other: hopes (found)
    assert table.loc["attribution recall, speech cues"].tolist() == [pytest.approx(1 / 3), 3]
    assert table.loc["attribution recall, other cues"].tolist() == [1.0, 1]
    only_speech = score_speech_recall([[((0, 10),)]], [["says"]], [[]])
    assert only_speech.measure.tolist() == ["attribution recall, speech cues"]
    with pytest.raises(ValueError, match="one cue per gold attribution"):
        score_speech_recall(gold, [["said"], ["said"]], found)


def test_score_beliefs_hand_computed():
    gold = [[((0, 10),), ((20, 30),), ((40, 50),)]]
    cues = [["said", "hopes", "fears"]]
    speech, beliefs = [[((0, 8),)]], [[((21, 29),), ((60, 70),)]]
    table = score_beliefs(gold, cues, speech, beliefs).set_index("measure")
    # together: 2 of 3 found are right, 2 of 3 gold recalled; other cues: hopes found, fears not
    assert table.loc["attribution precision, beliefs included"].tolist() == [pytest.approx(2 / 3), 3]
    assert table.loc["attribution recall, beliefs included"].tolist() == [pytest.approx(2 / 3), 3]
    assert table.loc["attribution recall, other cues, beliefs included"].tolist() == [0.5, 2]
    assert table.loc["belief or plan precision"].tolist() == [0.5, 2]
    assert "belief or plan precision, cue matched" not in table.index  # only with the cue spans


def test_score_beliefs_cue_matched_hand_computed():
    gold = [[((0, 10),), ((20, 30),)]]
    gold_cue_spans = [[((12, 16),), ((32, 37),)]]  # cues of "said" and "hopes"
    # both beliefs match a gold content; only the second has its cue on the gold cue
    beliefs, belief_cues = [[((1, 9),), ((21, 29),)]], [[((40, 45),), ((33, 36),)]]
    table = score_beliefs(gold, [["said", "hopes"]], [[]], beliefs, gold_cue_spans, belief_cues).set_index("measure")
    assert table.loc["belief or plan precision"].tolist() == [1.0, 2]
    assert table.loc["belief or plan precision, cue matched"].tolist() == [0.5, 2]
    with pytest.raises(ValueError, match="one cue per attribution"):
        score_beliefs(gold, [["said", "hopes"]], [[]], beliefs, gold_cue_spans, [[((40, 45),)]])


def test_evaluate_on_a_fixture_folder(tmp_path):
    shutil.copytree(GOLD / "polnear_quotes", tmp_path / "gold" / "polnear")
    frame = evaluate(tmp_path)
    assert list(frame.columns) == COLUMNS
    dev = frame[frame["sample"] == "development"]
    assert set(dev.dataset) == {"PolNeAR train (every 7th article, 1 docs)"}
    assert dev.set_index("measure").loc["direct quote found", "n"] == 4
    # three speech cues (said, added, said) and one belief ("Critics hope the fares will fall")
    assert dev.set_index("measure").loc["attribution recall, speech cues", "n"] == 3
    assert dev.set_index("measure").loc["attribution recall, other cues", ["value", "n"]].tolist() == [0.0, 1]
    # with beliefs and plans the belief is found, and the speech-only rows above stay as they were
    assert dev.set_index("measure").loc["attribution recall, other cues, beliefs included",
                                        ["value", "n"]].tolist() == [1.0, 1]
    assert dev.set_index("measure").loc["belief or plan precision", ["value", "n"]].tolist() == [1.0, 1]
    assert dev.set_index("measure").loc["belief or plan precision, cue matched", ["value", "n"]].tolist() == [1.0, 1]
    inside = frame[frame["sample"] == "in-sample"].set_index("measure")
    assert set(inside.index) >= {"attribution precision", "source kind right (of matched)"}
    # the bundled report has one direct quote (Pukhov's), and its speaker is found
    assert inside.loc["speaker accuracy, first quote", ["value", "n"]].tolist() == [1.0, 1]


def test_quotes_found_against_one_gold_quote_per_sentence():
    text = "He said: \"The bridge is shut. It opens in May.\" Then he left. \"No comment.\""
    first, second = text.index('"The bridge is shut.'), text.index("It opens")
    # gold as GUM marks it: one quote per sentence, the first with its opening mark
    gold = [(first, second - 1), (second, text.index("May.") + 5), (text.index("Then"), text.index("left.") + 5)]
    start = first + 1
    found = pd.DataFrame({"start": [start], "end": [text.index('" Then')]})
    # both sentences of the found quote match (each is the shorter side); "Then he left." is not quoted
    assert quotes_found(text, gold, found) == (2, 3)
