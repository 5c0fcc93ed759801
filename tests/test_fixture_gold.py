"""The invented fixture report (tests/fixtures/hollingford_flood.txt) against its own gold: time
expressions, dated events and entities (quotes, attributions and hedges are in test_sources.py).

The gold was made by reading the fixture (DCT 2025-03-06, a Thursday). Where the system misses,
the test names the miss, so a change that fixes or breaks one shows up here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from utils.chronology import temporal_expressions, timeline
from utils.entities import entity_frequencies
from utils.timeml import score

FIXTURES = Path(__file__).parent / "fixtures"
DCT = "2025-03-06"


@pytest.fixture(scope="module")
def fixture_text() -> str:
    return (FIXTURES / "hollingford_flood.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((FIXTURES / "hollingford_flood.gold.json").read_text(encoding="utf-8"))


def test_fixture_timexes_against_gold(fixture_text, gold):
    g = pd.DataFrame(gold["temporal_expressions"])
    g["start"] = [fixture_text.index(t) for t in g.text]  # every gold text occurs once in the fixture
    g["end"] = g.start + g.text.str.len()
    found = temporal_expressions(fixture_text, DCT)
    table = score([(g, found)]).set_index("measure")
    # 12 gold timexes; missed: "overnight" (s2); "about four in the afternoon" (s5) is found without
    # "about" (not strict); nothing spurious
    assert (table.loc["strict", "correct"], table.loc["strict", "system"], table.loc["strict", "gold"]) == (10, 11, 12)
    assert set(g.text) - set(found.text) == {"overnight", "about four in the afternoon"}
    # one wrong value: "the night" (s3) is the night of the flood (4 March), the tagger takes the DCT's
    assert table.loc["value", "correct"] == 9
    assert found.set_index("text").loc["the night", "value"] == "2025-03-06TNI"


def test_fixture_dated_events_against_gold(fixture_text, gold):
    events = timeline(fixture_text, DCT)
    values = {(int(r.sentence_id), r.trigger): r.value for r in events.itertuples()}
    # the gold's dated events that the timeline has; "said" (s1) is a reporting verb, not an event
    # here, and the council's meeting (s19) is the event noun "meeting" after the light verb "hold"
    assert values[(1, "failed")] == "2025-03-04"
    assert values[(7, "replaced")] == "2019"
    assert values[(17, "built")] == "1962"
    assert values[(19, "meeting")] == "2025-03-12"
    assert (1, "said") not in values
    # the meeting is announced ("will hold"): dated, but not realised; the 1962 building is
    assert not events.set_index("trigger").loc["meeting", "realis"]
    assert events.set_index("trigger").loc["built", "realis"]


def test_fixture_entities_against_gold(fixture_text, gold):
    found = entity_frequencies(fixture_text).set_index("entity")
    want = {e["entity"]: e for e in gold["entities"]}
    # 9 of the 10 gold entities are found; "River Wenn" (s1) is missed by the model
    assert set(want) - set(found.index) == {"River Wenn"}
    assert set(found.index) <= set(want)
    # labels: 6 agree; Hollingford (GPE) and Storm Edda (EVENT) come out as ORG, Marlow Quay (FAC) as LOC
    wrong = {name for name in found.index if found.loc[name, "label"] != want[name]["label"]}
    assert wrong == {"Hollingford", "Storm Edda", "Marlow Quay"}
    # mentions: "Oyelaran" joins "Margaret Oyelaran" (2); the model misses the second "Hollingford"
    # ("Hollingford harbour", s18) but the rule repeated_names finds it; Storm Edda loses one
    assert found.loc["Margaret Oyelaran", "mentions"] == 2
    assert found.loc["Hollingford", "mentions"] == want["Hollingford"]["mentions"] == 2
    short = {name for name in found.index if found.loc[name, "mentions"] != want[name]["mentions"]}
    assert short == {"Storm Edda"}
