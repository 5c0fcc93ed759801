"""utils.entities: mentions, correction rules, canonical entities, counts, evaluation.

Report values were counted by reading data/report.txt; every correction rule is also tested on
sentences that are NOT from the report, so that we know it generalises.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from utils.entities import (
    ABLATION_COLUMNS,
    EVAL_COLUMNS,
    FREQUENCY_COLUMNS,
    MENTION_COLUMNS,
    MERGE_NAMES,
    PRONOUN_RULE_NAMES,
    RULE_NAMES,
    Candidate,
    _deletion_index,
    _misspelt_keys,
    _two_genders,
    abbreviates,
    acronym_anywhere,
    affiliation,
    affiliation_acronym,
    affiliation_cut,
    apply_rules,
    bracketed_acronym,
    bracketed_alias,
    canonical_entity,
    canonical_names,
    capitals,
    capitals_no_person,
    company_short_form,
    company_short_forms,
    compass_region,
    consistent_types,
    cooccurrence,
    cooccurrence_edges,
    country_code,
    country_of_demonym,
    demonym_table,
    entity_frequencies,
    entity_mentions,
    et_al_author,
    evaluate_mentions,
    full_name_again,
    gazetteer_places,
    given_name_gender,
    given_name_person,
    gold_for,
    honorific_gender,
    hyphen_suffix,
    initials,
    interview_answers,
    is_bracket_alias,
    join_split_person,
    load_gold,
    mention_errors,
    merges_table,
    named_after,
    news_outlet,
    nickname_of,
    normalise,
    place_apposition,
    place_context,
    place_gazetteer,
    place_possessive_name,
    place_surname_person,
    pronoun_mentions,
    pronoun_rules_table,
    raw_mentions,
    repeated_names,
    role_noun_person,
    rule_ablation_table,
    rules_table,
    score_sides,
    speaker_person,
    spelling_variants,
    split_at_comma,
    split_at_lower_word,
    strip_article,
    strip_possessive,
    structure_name,
    surname_owner,
    surname_person,
    team_places,
    title_person,
    trim_common_nouns,
    trim_edges,
    whole_hyphenated,
)
from utils.text import parse


def _cand(text: str, surface: str, label: str, nth: int = 0) -> Candidate:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Candidate(start, start + len(surface), label)


def _spans(text: str, cands) -> list[tuple[str, str]]:
    return [(text[c.start:c.end], c.label) for c in cands]


# --- the contract on the report ---------------------------------------------------------------


def test_contract_columns_and_offsets(text):
    m = entity_mentions(text)
    assert list(m.columns[: len(MENTION_COLUMNS)]) == MENTION_COLUMNS
    assert m.mention_id.tolist() == list(range(1, len(m) + 1))
    assert m.sentence_id.min() == 1 and m.sentence_id.max() == 17
    assert all(text[s:e] == t for s, e, t in zip(m.start, m.end, m.text, strict=True))
    assert m.start.is_monotonic_increasing


def test_assad_count_equals_hand_count(text):
    # by hand: "Bashar al-Assad" (s1), "al-Assad’s" (s2), "Assad" in s3, s4, s5, s7, s8, s10, s13,
    # s15 and twice in s16 = 12 mentions in 11 sentences; first in sentence 1
    freq = entity_frequencies(text).set_index("entity")
    assert freq.loc["Bashar al-Assad", "mentions"] == 12
    assert freq.loc["Bashar al-Assad", "sentences"] == 11
    assert freq.loc["Bashar al-Assad", "aliases"] == "al-Assad; Assad; Bashar al-Assad"
    assert freq.index[0] == "Bashar al-Assad"


def test_putin_count_equals_hand_count(text):
    # by hand: "Vladimir Putin" (s3), "Putin" (s7), "Putin" (s16) = 3
    freq = entity_frequencies(text).set_index("entity")
    assert freq.loc["Vladimir Putin", "mentions"] == 3
    assert freq.loc["Vladimir Putin", "label"] == "PERSON"
    assert "Putin" not in freq.index


@pytest.mark.parametrize("place", ["Aleppo", "Hama", "Homs", "Damascus", "Doha", "Tartus", "Khmeimim"])
def test_places_are_places(text, place):
    m = entity_mentions(text)
    rows = m[m.text == place]
    assert len(rows) == 1 and rows.label.iloc[0] == "GPE"


@pytest.mark.parametrize("org", ["N1", "Bloomberg", "HTS", "Kremlin"])
def test_organisations(text, org):
    m = entity_mentions(text)
    assert set(m[m.text == org].label) == {"ORG"}


def test_raw_model_errors_are_what_the_issue_lists(text):
    raw = raw_mentions(text).set_index("text")
    assert raw.loc["Aleppo", "label"] == "PERSON"
    assert raw.loc["Khmeimim", "label"] == "PERSON"
    assert raw.loc["Tartus", "label"] == "ORG"
    assert raw.loc["N1", "label"] == "GPE"
    assert "Hama days" in raw.index and "HTS" not in raw.index
    assert (raw.rules == "").all()


def test_demonyms_on_and_off(text):
    # by hand: "Russian" x7 + "Russians" x1 = 8 demonym mentions, "Russia" x3
    # "Syrian" x4, "Syria" x6; "Iranian" and "Turkish" once each
    on = entity_frequencies(text, include_demonyms=True).set_index("entity")
    off = entity_frequencies(text, include_demonyms=False).set_index("entity")
    assert (on.loc["Russia", "mentions"], on.loc["Russia", "demonym_mentions"]) == (11, 8)
    assert off.loc["Russia", "mentions"] == 3
    assert (on.loc["Syria", "mentions"], off.loc["Syria", "mentions"]) == (10, 6)
    assert (on.loc["Iran", "mentions"], off.loc["Iran", "mentions"]) == (2, 1)
    assert (on.loc["Turkey", "mentions"], off.loc["Turkey", "mentions"]) == (2, 1)
    assert off.demonym_mentions.sum() == 0
    assert list(on.reset_index().columns[: len(FREQUENCY_COLUMNS)]) == FREQUENCY_COLUMNS


def test_metonyms_stay_their_own_entities(text):
    freq = entity_frequencies(text).set_index("entity")
    # "Moscow" (s1, s10 "Moscow-based", s13) and "Kremlin" (s6, s7, s14): 3 each, not Russia
    assert freq.loc["Moscow", "mentions"] == 3
    assert freq.loc["Kremlin", "mentions"] == 3


def test_corrected_pipeline_on_gold(text):
    gold = load_gold()
    assert len(gold) == 64  # every named mention, by hand
    assert all(text[s:e] == t for s, e, t in zip(gold.start, gold.end, gold.text, strict=True))
    scores = evaluate_mentions(entity_mentions(text), gold).set_index("level")
    assert scores.loc["mention (span + type)", "f1"] >= 0.9  # the issue's bar
    # what notebook 03 reports: the corrected pipeline reproduces all 64 gold mentions, nothing extra
    assert scores.loc["mention (span + type)", ["tp", "fp", "fn"]].tolist() == [64, 0, 0]
    raw = evaluate_mentions(raw_mentions(text), gold).set_index("level")
    # raw: 57 of 64 right; 2 spans too long, 1 missed, 4 wrong types
    assert raw.loc["mention (span + type)", ["tp", "fp", "fn"]].tolist() == [57, 6, 7]
    assert raw.loc["mention (span + type)", "f1"] < scores.loc["mention (span + type)", "f1"]


def test_gold_for_other_text_is_none():
    assert gold_for("Angela Merkel met Emmanuel Macron in Paris.") is None


# --- canonical_entity ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Pukhov", "Ruslan Pukhov"),
        ("Mr Pukhov", "Ruslan Pukhov"),
        ("Ruslan Pukhov, head of the Moscow-based Center", "Ruslan Pukhov"),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
        ("al-Assad’s", "Bashar al-Assad"),
        ("the Russians", "Russia"),
        ("the Kremlin", "Kremlin"),
        ("one of the sources", None),
        ("insiders", None),
        ("", None),
    ],
)
def test_canonical_entity(text, name, expected):
    assert canonical_entity(name, text) == expected


def test_canonical_entity_rejects_non_str(text):
    with pytest.raises(TypeError):
        canonical_entity(None, text)


# --- each rule on sentences that are not from the report -------------------------------------


def test_split_at_comma_rule():
    s = "Fighters held the airfield at Taftanaz, Kyodo writes."
    out = split_at_comma(parse(s), [_cand(s, "Taftanaz, Kyodo", "ORG")])
    assert _spans(s, out) == [("Taftanaz", "ORG"), ("Kyodo", "ORG")]
    # with the later rules: a place after "airfield at", an outlet before "writes"
    m = entity_mentions(s)
    assert list(zip(m.text, m.label, strict=True)) == [("Taftanaz", "GPE"), ("Kyodo", "ORG")]


def test_strip_possessive_rule():
    s = "Ahmed al-Sharaa’s convoy reached the border. Biden's aides and the Senate's vote."
    doc = parse(s)
    out = strip_possessive(doc, [_cand(s, "Ahmed al-Sharaa’s", "PERSON"), _cand(s, "Biden's", "PERSON")])
    assert _spans(s, out) == [("Ahmed al-Sharaa", "PERSON"), ("Biden", "PERSON")]
    assert all(c.rules == ("strip_possessive",) for c in out)


def test_trim_common_nouns_rule():
    s = "Troops left Idlib weeks later and reached Raqqa yesterday."
    doc = parse(s)
    out = trim_common_nouns(doc, [_cand(s, "Idlib weeks", "GPE"), _cand(s, "Raqqa", "GPE")])
    assert _spans(s, out) == [("Idlib", "GPE"), ("Raqqa", "GPE")]
    assert out[1].rules == ()


def test_trim_common_nouns_drops_a_span_without_a_name():
    # spaCy tags "the quay wall" as ORG in the fixture report; nothing in it is a name
    s = "Engineers may also raise the quay wall, which was built in 1962."
    doc = parse(s)
    out = trim_common_nouns(doc, [_cand(s, "the quay wall", "ORG"), _cand(s, "1962", "DATE")])
    assert _spans(s, out) == [("1962", "DATE")]


def test_gazetteer_places_rule():
    s = "Rebels seized Latakia and marched on Mosul. Michael Jordan met fans; Jordan smiled."
    doc = parse(s)
    cands = [
        _cand(s, "Latakia", "PERSON"),
        _cand(s, "Mosul", "ORG"),
        _cand(s, "Michael Jordan", "PERSON"),
        _cand(s, "Jordan", "PERSON", nth=1),
    ]
    out = gazetteer_places(doc, cands)
    # Jordan is a country, but here it is the last name of a person of this text; an ORG named like
    # a city is left alone (mostly a club or an institution: "Leeds had fined Bowyer")
    assert [c.label for c in out] == ["GPE", "ORG", "PERSON", "PERSON"]


def test_gazetteer_keeps_demonyms():
    s = "The Russian said nothing."
    out = gazetteer_places(parse(s), [_cand(s, "Russian", "NORP")])
    assert out[0].label == "NORP"


def test_place_context_rule():
    s = "Drones hit the airfield at Qamishli, the naval port of Latakia and the town of Zabadani."
    doc = parse(s)
    out = place_context(doc, [_cand(s, "Qamishli", "PERSON"), _cand(s, "Latakia", "ORG")])
    spans = _spans(s, sorted(out, key=lambda c: c.start))
    assert spans == [("Qamishli", "GPE"), ("Latakia", "GPE"), ("Zabadani", "GPE")]
    t = "She is a lifelong resident of Kestrelton and met the mayor of Orsk on Friday."
    out = place_context(parse(t), [_cand(t, "Kestrelton", "ORG")])
    # residents and mayors are of places
    assert _spans(t, sorted(out, key=lambda c: c.start)) == [("Kestrelton", "GPE"), ("Orsk", "GPE")]


def test_place_context_leaves_buildings_and_institutions():
    s = ("Residents of Brill Plaza said no. Residents of Kestrel Senior Living complained, and natives of "
         "Valdor Valley agreed. Smoke reached a town near Orsk University. A resident of Kestrelton left.")
    cands = [_cand(s, "Brill Plaza", "FAC"), _cand(s, "Kestrel Senior Living", "ORG"), _cand(s, "Valdor Valley", "LOC"),
             _cand(s, "Orsk University", "ORG"), _cand(s, "Kestrelton", "ORG")]
    # a building, a care home, a valley and a university are no town; a one-word name there is
    assert [c.label for c in place_context(parse(s), cands)] == ["FAC", "ORG", "LOC", "ORG", "GPE"]


def test_place_apposition_rule():
    s = "The school in Orsk, Valdoria, must pay. In Orsk, Cole said no. Orsk, Kestrel, and Acme bid."
    cands = [_cand(s, "Orsk", "GPE"), _cand(s, "Valdoria", "PERSON"), _cand(s, "Orsk", "GPE", nth=1),
             _cand(s, "Cole", "PERSON"), _cand(s, "Orsk", "GPE", nth=2), _cand(s, "Kestrel", "ORG")]
    # the larger place after a comma; not the subject of a clause, not an item of a list
    assert [c.label for c in place_apposition(parse(s), cands)] == ["GPE", "GPE", "GPE", "PERSON", "GPE", "ORG"]


def test_place_apposition_needs_an_apposition():
    s = ("Welcome back to Orsk, Emma. It is good to be in Brill, Ken. The biggest employer in Kestrelton, "
         "Brixo, said it would hire. The mill in Orsk, Valdoria, closed.")
    cands = [_cand(s, "Orsk", "GPE"), _cand(s, "Emma", "PERSON"), _cand(s, "Brill", "GPE"), _cand(s, "Ken", "PERSON"),
             _cand(s, "Kestrelton", "GPE"), _cand(s, "Brixo", "ORG"), _cand(s, "Orsk", "GPE", nth=1),
             _cand(s, "Valdoria", "PERSON")]
    # a person spoken to and a firm named after the place are no larger place; a true apposition is
    t = "The union in Kestrelton, Brill Metall, disagreed."
    assert _spans(t, place_apposition(parse(t), [_cand(t, "Kestrelton", "GPE"), _cand(t, "Brill Metall", "ORG")]))[1] \
        == ("Brill Metall", "ORG")  # an organisation renaming "the union", though parsed as the place's apposition
    assert [c.label for c in place_apposition(parse(s), cands)] == ["GPE", "PERSON", "GPE", "PERSON", "GPE", "ORG",
                                                                    "GPE", "GPE"]


def test_bracketed_acronym_rule():
    s = "Fighters of Jaish al-Fatah (JAF) entered the town. Later JAF withdrew."
    doc = parse(s)
    out = bracketed_acronym(doc, [_cand(s, "Jaish al-Fatah", "PERSON")])
    assert _spans(s, sorted(out, key=lambda c: c.start)) == [
        ("Jaish al-Fatah", "ORG"), ("JAF", "ORG"), ("JAF", "ORG")
    ]
    m = entity_mentions(s)
    assert set(m[m.text == "JAF"].entity) == {"Jaish al-Fatah"}


def test_bracketed_acronym_without_a_name_before():
    s = "Groups led by the former affiliate (HTS) advanced."
    out = bracketed_acronym(parse(s), [])
    assert _spans(s, out) == [("HTS", "ORG")]


@pytest.mark.parametrize(
    "sentence, outlet",
    [
        ("The minister resigned on Friday, Kyodo writes.", "Kyodo"),
        ("The minister resigned on Friday, one official told Kyodo.", "Kyodo"),
        ("The talks failed, according to Kyodo.", "Kyodo"),
    ],
)
def test_news_outlet_rule(sentence, outlet):
    out = news_outlet(parse(sentence), [_cand(sentence, outlet, "GPE")])
    assert _spans(sentence, out) == [(outlet, "ORG")]
    assert out[0].rules == ("news_outlet",)


def test_news_outlet_leaves_people_and_addressees_alone():
    s = "Officials told Biden to leave, Smith writes."
    out = news_outlet(parse(s), [_cand(s, "Biden", "GPE"), _cand(s, "Smith", "PERSON")])
    # "told Biden to leave" is not a reporting frame; a PERSON may write
    assert [c.label for c in out] == ["GPE", "PERSON"]


def test_news_outlet_knows_writers():
    s = "Lena Farrow chaired the board. In a memo, Farrow wrote that the plan had failed."
    out = news_outlet(parse(s), [_cand(s, "Lena Farrow", "FAC"), _cand(s, "Farrow", "GPE", nth=1)])
    # the last word of a full name in the text (whatever the model typed it) writes as a person
    assert _spans(s, out) == [("Lena Farrow", "FAC"), ("Farrow", "PERSON")]
    t = "Voters queued for hours in the rain. Pelham reported from Denver."
    assert _spans(t, news_outlet(parse(t), [_cand(t, "Pelham", "GPE")])) == [("Pelham", "PERSON")]  # a reporter's line
    u = "The minister resigned, Pelham writes."
    assert _spans(u, news_outlet(parse(u), [_cand(u, "Pelham", "GPE")])) == [("Pelham", "ORG")]  # an outlet


def test_news_outlet_adds_the_whole_name_and_no_title():
    s = "Forty people were hurt, according to the Valdor Transport Ministry."
    assert _spans(s, news_outlet(parse(s), [])) == [("Valdor Transport Ministry", "ORG")]
    t = "The plan failed, according to Ambassador Orsk."
    assert news_outlet(parse(t), []) == []  # a person after a title, no outlet
    u = "Prices rose, according to the Valdorian Harbour Ministry. Rents fell, according to the Orsk Rail Board."
    cands = [_cand(u, "Valdorian", "NORP"), _cand(u, "Orsk", "GPE")]
    # the model's parts of two missed names give way to the whole names
    assert _spans(u, news_outlet(parse(u), cands)) == [("Valdorian Harbour Ministry", "ORG"), ("Orsk Rail Board", "ORG")]


def test_news_outlet_adds_a_missed_outlet():
    s = "Prices rose sharply, N1 writes."
    out = news_outlet(parse(s), [])
    assert _spans(s, out) == [("N1", "ORG")]


def test_apply_rules_rejects_unknown_rule():
    with pytest.raises(ValueError, match="Unknown rule"):
        apply_rules(parse("Paris."), [], ["no_such_rule"])
    assert len(RULE_NAMES) == 37


# --- canonical names, demonyms ---------------------------------------------------------------


def test_person_alias_merging_outside_the_report():
    s = "Angela Merkel spoke. Later Merkel left; Olaf Scholz said Merkel’s plan was right."
    cands = [_cand(s, "Angela Merkel", "PERSON"), _cand(s, "Merkel", "PERSON", nth=1),
             _cand(s, "Olaf Scholz", "PERSON"), _cand(s, "Merkel’s", "PERSON")]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names == ["Angela Merkel", "Angela Merkel", "Olaf Scholz", "Angela Merkel"]


def test_same_last_name_goes_to_the_full_name_named_first():
    # news names the story's person first: her father, named second, is named in full each time
    s = "Ana Roe won the race. Her father, Luis Roe, watched from the stands. Roe said the course was hard."
    cands = [_cand(s, "Ana Roe", "PERSON"), _cand(s, "Luis Roe", "PERSON"), _cand(s, "Roe", "PERSON", nth=2)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Ana Roe", "Luis Roe", "Ana Roe"]


@pytest.mark.xfail(strict=True, reason="the cost of the named-first rule: a succession story that names the son "
                   "second and then uses the bare surname for him (on 84 PolNeAR articles the first-named person "
                   "was right for 53 of the 54 bare names the nearest got wrong)")
def test_a_bare_surname_after_a_succession_is_the_successor():
    s = "Hafez al-Assad ruled Syria. His son Bashar al-Assad followed. Then Assad fled."
    cands = [_cand(s, "Hafez al-Assad", "PERSON"), _cand(s, "Bashar al-Assad", "PERSON"),
             _cand(s, "Assad", "PERSON", nth=2)]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names == ["Hafez al-Assad", "Bashar al-Assad", "Bashar al-Assad"]


def test_demonym_linking_is_flagged():
    s = "The French and the Germans met."
    cands = [_cand(s, "French", "NORP"), _cand(s, "Germans", "NORP")]
    assert canonical_names(parse(s), cands) == [("France", True), ("Germany", True)]


def test_demonym_table():
    table = demonym_table()
    assert len(table) > 200
    assert table["Russian"] == "Russia" and table["Turkish"] == "Turkey"
    assert country_of_demonym("Russians") == "Russia"
    assert country_of_demonym("Iranian") == "Iran"
    assert country_of_demonym("Frenchmen") is None


def test_normalise():
    assert normalise("the Kremlin’s") == "Kremlin"
    assert normalise("  Bashar   al-Assad ") == "Bashar al-Assad"


# --- co-occurrence ---------------------------------------------------------------------------


def test_cooccurrence(text):
    g = cooccurrence(text)
    # by hand: Assad and Russia share sentences 2 (Russian), 4, 5 (Russian), 8 (Russian),
    # 10 (Russians), 13 (Russian), 15 (Russian) and 16 = 8 sentences
    assert g["Bashar al-Assad"]["Russia"]["weight"] == 8
    assert g.nodes["Vladimir Putin"]["mentions"] == 3
    off = cooccurrence(text, include_demonyms=False)
    # without demonyms only sentences 4 and 16 name both
    assert off["Bashar al-Assad"]["Russia"]["weight"] == 2
    edges = cooccurrence_edges(entity_mentions(text))
    assert (edges.source < edges.target).all()
    assert edges.weight.is_monotonic_decreasing


# --- evaluation on a tiny hand-made case ----------------------------------------------------


def test_evaluate_mentions_tiny_case():
    gold = pd.DataFrame(
        {"start": [0, 10, 20], "end": [5, 15, 25], "label": ["PERSON", "GPE", "ORG"], "entity": ["A", "B", "C"]}
    )
    pred = pd.DataFrame(
        {"start": [0, 10, 30], "end": [5, 15, 35], "label": ["PERSON", "ORG", "ORG"], "entity": ["A", "B", "D"]}
    )
    scores = evaluate_mentions(pred, gold).set_index("level")
    assert list(scores.reset_index().columns) == EVAL_COLUMNS
    # span + type: only (0,5,PERSON) right -> tp 1, fp 2, fn 2, P = R = F = 1/3
    assert scores.loc["mention (span + type)", ["tp", "fp", "fn"]].tolist() == [1, 2, 2]
    assert scores.loc["mention (span + type)", "f1"] == pytest.approx(1 / 3)
    # span only: (0,5) and (10,15) -> tp 2, fp 1, fn 1
    assert scores.loc["mention (span)", "f1"] == pytest.approx(2 / 3)
    # entities {A,B,D} vs {A,B,C}
    assert scores.loc["entity", ["tp", "fp", "fn"]].tolist() == [2, 1, 1]
    errors = mention_errors(pred.assign(text="x"), gold.assign(text="x"))
    assert errors.kind.tolist() == ["wrong type", "missed", "spurious"]


def test_evaluate_mentions_bad_input():
    with pytest.raises(TypeError):
        evaluate_mentions([], pd.DataFrame())
    with pytest.raises(ValueError, match="lacks"):
        evaluate_mentions(pd.DataFrame({"start": []}), load_gold())


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, 42, b"Assad"])
def test_non_str_raises(bad):
    with pytest.raises(TypeError):
        entity_mentions(bad)


@pytest.mark.parametrize("bad", ["", "   \n ", "123 456 !!"])
def test_empty_or_letterless_raises(bad):
    with pytest.raises(ValueError):
        entity_mentions(bad)


def test_text_without_names_gives_empty_frames():
    s = "the cat sat on the mat."
    assert entity_mentions(s).empty
    assert entity_frequencies(s).empty
    assert canonical_entity("cat", s) is None
    assert cooccurrence(s).number_of_nodes() == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("abcXYZ Paris’s.-(\n"), min_size=1, max_size=60))
@example("PP\n ")  # once gave a mention ending in a line break
def test_offsets_always_give_the_surface(s):
    if not s.strip() or not any(ch.isalpha() for ch in s):
        return
    m = entity_mentions(s)
    assert all(s[a:b] == t for a, b, t in zip(m.start, m.end, m.text, strict=True))
    assert all(t.strip() == t and t for t in m.text)


# --- figures (utils.plots, section 03) -------------------------------------------------------


def test_entity_figures(text):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from utils import plots
    from utils.text import sentences

    freq, m = entity_frequencies(text), entity_mentions(text)
    bars = plots.top_entities_by_type(freq, n=10)
    assert isinstance(bars, Figure)
    # ten entities, two bar segments each (own mentions, demonyms)
    assert len(bars.axes[0].patches) == 20
    disp = plots.entity_dispersion(m, sentences(text), n=5)
    # Assad 12 + Russia 11 + Syria 10 + Moscow 3 + Putin 3 marks (Moscow, Putin and Kremlin tie
    # at 3; Kremlin is named last, in sentence 6, so it is the one left out)
    assert sum(len(c.get_offsets()) for c in disp.axes[0].collections if hasattr(c, "get_offsets")) == 39
    # the colours are explained: a legend of the types drawn (the five are 2 PERSON, 3 GPE)
    assert [t.get_text() for t in disp.axes[0].get_legend().get_texts()] == ["GPE", "PERSON"]
    net = plots.cooccurrence_network(cooccurrence_edges(m), freq, min_weight=2)
    assert isinstance(net, Figure)
    # node labels are one line each, long names shortened ("Center for Analysis of Strategies ...")
    full = plots.cooccurrence_network(cooccurrence_edges(m), freq, min_weight=1)
    labels = [t.get_text() for t in full.axes[0].texts]
    assert "Bashar al-Assad" in labels and "Center for Analysis\u2026" in labels
    assert all("\n" not in t and len(t) <= 22 for t in labels if not t.isdigit() and not t.startswith("node size"))
    with pytest.raises(ValueError):
        plots.top_entities_by_type(pd.DataFrame({"entity": []}))
    with pytest.raises(TypeError):
        plots.cooccurrence_network([], freq)
    plt.close("all")


def test_returned_frames_are_copies(text):
    first = entity_mentions(text)
    first.loc[:, "entity"] = "changed"
    assert "changed" not in set(entity_mentions(text).entity)


def test_frequencies_agree_with_a_plain_pandas_count(text):
    """The counting loop gives what groupby gives, on the gold mentions (read by hand) and on
    the model's: same entities, counts, sentences, first sentences and types."""
    from collections import Counter

    from utils.entities import frequencies_from_mentions

    for mentions in (load_gold(), entity_mentions(text)):
        freq = frequencies_from_mentions(mentions).set_index("entity")
        for entity, g in mentions.groupby("entity"):
            row = freq.loc[entity]
            assert row.mentions == len(g)
            assert row.sentences == g.sentence_id.nunique()
            assert row.first_sentence == g.sentence_id.min()
            assert row.demonym_mentions == g.is_demonym.sum()
            own = g[~g.is_demonym]
            assert row.label == (Counter(own.label).most_common(1)[0][0] if len(own) else "GPE")
        assert len(freq) == mentions.entity.nunique()
    # by hand: the report names "Russia" 3 times and has "Russian" 7 times, "Russians" once
    russia = frequencies_from_mentions(load_gold()).set_index("entity").loc["Russia"]
    assert (russia.mentions, russia.demonym_mentions) == (11, 8)
    without = frequencies_from_mentions(load_gold(), include_demonyms=False).set_index("entity")
    assert without.loc["Russia"].mentions == 3 and without.demonym_mentions.sum() == 0


# --- rules that generalise (issue 15): each with a sentence of our own ----------------------------------


def test_strip_article_rule():
    s = "Delegates from the United Nations met The Riverside Council."
    out = strip_article(parse(s), [_cand(s, "the United Nations", "ORG"), _cand(s, "The Riverside Council", "ORG")])
    assert _spans(s, out) == [("United Nations", "ORG"), ("Riverside Council", "ORG")]
    assert out[0].rules == ("strip_article",)


def test_whole_hyphenated_rule():
    s = "Reporters asked Choi Min-jun about the vote."
    out = whole_hyphenated(parse(s), [_cand(s, "Choi Min-", "PERSON")])
    assert _spans(s, out) == [("Choi Min-jun", "PERSON")]


def test_trim_common_nouns_keeps_acronyms_and_hyphenated_names():
    s = "Talks between Europe and the US resumed after Lee Ka-wing spoke."
    out = trim_common_nouns(parse(s), [_cand(s, "US", "GPE"), _cand(s, "Lee Ka-wing", "PERSON")])
    # "US" is not the stop word "us"; "wing" after a hyphen is part of the given name
    assert _spans(s, out) == [("US", "GPE"), ("Lee Ka-wing", "PERSON")]


def test_split_at_comma_keeps_a_company_with_its_legal_form():
    s = "Analysts at Barlow, Finch & Co raised the forecast."
    out = split_at_comma(parse(s), [_cand(s, "Barlow, Finch & Co", "ORG")])
    assert _spans(s, out) == [("Barlow, Finch & Co", "ORG")]


def test_title_person_rule():
    s = "Finance Minister Clara Vos met Mayor Jan Hollis at General Motors."
    cands = [_cand(s, "Clara Vos", "ORG"), _cand(s, "Mayor Jan Hollis", "PERSON"), _cand(s, "General Motors", "ORG")]
    out = title_person(parse(s), cands)
    # a title before a name makes it a person's and is not part of it; "General Motors" is no general
    assert _spans(s, out) == [("Clara Vos", "PERSON"), ("Jan Hollis", "PERSON"), ("General Motors", "ORG")]


def test_gazetteer_is_gated_by_context():
    s = "Paris said the deal was fair. Later the team flew to Leeds."
    out = gazetteer_places(parse(s), [_cand(s, "Paris", "PERSON"), _cand(s, "Leeds", "PERSON")])
    # the subject of "said" is a speaker, not a city; Leeds is still a place
    assert [c.label for c in out] == ["PERSON", "GPE"]


def test_gazetteer_has_no_alternate_city_names():
    assert "Paris" in place_gazetteer() and "Google" not in place_gazetteer()


def test_speaker_person_rule():
    s = "Havlik told reporters he would stay, and Norway said nothing."
    out = speaker_person(parse(s), [_cand(s, "Havlik", "GPE"), _cand(s, "Norway", "GPE")])
    # places do not speak, but a country in the gazetteer speaks for its government
    assert [c.label for c in out] == ["PERSON", "GPE"]


def test_the_north_that_speaks_is_no_person():
    s = "North Ostria fired rockets. The North said the drills were a threat, and West denied it."
    cands = [_cand(s, "North Ostria", "GPE"), _cand(s, "North", "LOC", nth=1), _cand(s, "West", "LOC")]
    # a compass word, or a one-word place after "the", speaks for a state, not as a person
    assert [c.label for c in speaker_person(parse(s), cands)] == ["GPE", "LOC", "LOC"]
    s = "Sales fell. The Velmar said it would appeal."
    assert [c.label for c in speaker_person(parse(s), [_cand(s, "Velmar", "GPE")])] == ["GPE"]


def test_consistent_types_rule():
    s = "Mara Lind spoke first. Then Mara Lind left, and Mara Lind came back."
    cands = [_cand(s, "Mara Lind", "PERSON"), _cand(s, "Mara Lind", "ORG", nth=1), _cand(s, "Mara Lind", "PERSON", nth=2)]
    out = consistent_types(parse(s), cands)
    assert [c.label for c in out] == ["PERSON", "PERSON", "PERSON"]
    assert out[1].rules == ("consistent_types",)


def test_consistent_types_of_a_one_word_name():
    s = "Orlex hired staff. Orlex grew, Orlex paid well, and critics of Orlex wrote."
    cands = [_cand(s, "Orlex", "ORG"), _cand(s, "Orlex", "ORG", nth=1), _cand(s, "Orlex", "ORG", nth=2),
             _cand(s, "Orlex", "GPE", nth=3)]
    out = consistent_types(parse(s), cands)
    assert [c.label for c in out] == ["ORG", "ORG", "ORG", "ORG"]  # a clear majority of group-or-place votes
    assert out[3].rules == ("consistent_types",)
    t = "Jordan spoke. Jordan left. Jordan won."
    cands = [_cand(t, "Jordan", "PERSON"), _cand(t, "Jordan", "GPE", nth=1), _cand(t, "Jordan", "GPE", nth=2)]
    # a one-word name the model once reads as a person is left alone, and so is a tie
    assert [c.label for c in consistent_types(parse(t), cands)] == ["PERSON", "GPE", "GPE"]
    cands = [_cand(t, "Jordan", "ORG"), _cand(t, "Jordan", "GPE", nth=1)]
    assert [c.label for c in consistent_types(parse(t), cands)] == ["ORG", "GPE"]


def test_surname_person_rule():
    s = "Finance Minister Clara Vos met bankers on Monday. Vos promised lower taxes."
    out = surname_person(parse(s), [_cand(s, "Clara Vos", "PERSON")])
    assert _spans(s, sorted(out, key=lambda c: c.start)) == [("Clara Vos", "PERSON"), ("Vos", "PERSON")]
    # retyped where the model mistyped it
    out = surname_person(parse(s), [_cand(s, "Clara Vos", "PERSON"), _cand(s, "Vos", "ORG", nth=1)])
    assert [c.label for c in out] == ["PERSON", "PERSON"]


def test_surname_person_leaves_a_shared_surname_alone():
    s = "Glenn Lawhon and Lester Lawhon farmed. Lawhon sold the land."
    out = surname_person(parse(s), [_cand(s, "Glenn Lawhon", "PERSON"), _cand(s, "Lester Lawhon", "PERSON")])
    assert len(out) == 2  # whose "Lawhon"? not ours to guess


def test_surname_owner():
    s = "Finance Minister Clara Vos met bankers on Monday. Vos promised lower taxes."
    m = entity_mentions(s)
    assert surname_owner("Vos", m) == ("Clara Vos", "PERSON")
    assert surname_owner("Vos's", m) == ("Clara Vos", "PERSON")
    assert surname_owner("Monday", m) is None
    with pytest.raises(TypeError, match="entity_mentions frame"):
        surname_owner("Vos", [])


def test_bracketed_acronym_leaves_a_person_before_a_country_code():
    s = "Casey Ruud (USA) won the race."
    out = bracketed_acronym(parse(s), [_cand(s, "Casey Ruud", "PERSON")])
    assert _spans(s, sorted(out, key=lambda c: c.start)) == [("Casey Ruud", "PERSON"), ("USA", "ORG")]


def test_initials_and_abbreviations():
    assert initials("Jaish al-Fatah") == ("JF", "JAF")
    assert abbreviates("PLO", "Palestine Liberation Organisation")
    assert abbreviates("U.S.", "United States")
    assert not abbreviates("US", "Casey Ruud")


def test_the_scholz_paragraph_from_the_issue():
    s = ("German Chancellor Olaf Scholz met Ukrainian President Volodymyr Zelensky in Berlin on Monday. "
         "Scholz promised more air defence systems, while Zelensky thanked German voters.")
    m = entity_mentions(s)
    assert m[m.entity == "Olaf Scholz"].label.tolist() == ["PERSON", "PERSON"]
    assert m[m.entity == "Volodymyr Zelensky"].label.tolist() == ["PERSON", "PERSON"]
    assert "Germany" in set(entity_frequencies(s).entity)
    assert "Germany" not in set(entity_frequencies(s, include_demonyms=False).entity)


def test_person_merging_that_generalises():
    s = ("Kim Yoon-man met Martin Luther King Jr. and Glenn Lawhon. Kim said King and Lester Lawhon "
         "agreed; Tibor Aslan nodded. Tibor left.")
    cands = [_cand(s, n, "PERSON") for n in ("Kim Yoon-man", "Martin Luther King Jr.", "Glenn Lawhon")]
    cands += [_cand(s, "Kim", "PERSON", nth=1), _cand(s, "King", "PERSON", nth=1)]
    cands += [_cand(s, n, "PERSON") for n in ("Lester Lawhon", "Tibor Aslan")]
    cands += [_cand(s, "Tibor", "PERSON", nth=1)]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names == ["Kim Yoon-man", "Martin Luther King", "Glenn Lawhon", "Kim Yoon-man", "Martin Luther King",
                     "Lester Lawhon", "Tibor Aslan", "Tibor Aslan"]


def test_organisation_short_forms_and_acronyms_anywhere():
    s = ("Santa Fe Pacific Gold Corp and the Palestine Liberation Organisation met in the United States. "
         "Santa Fe said the PLO and U.S. officials agreed.")
    cands = [_cand(s, "Santa Fe Pacific Gold Corp", "ORG"), _cand(s, "Palestine Liberation Organisation", "ORG"),
             _cand(s, "United States", "GPE"), _cand(s, "Santa Fe", "ORG", nth=1), _cand(s, "PLO", "ORG"),
             _cand(s, "U.S.", "GPE")]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names == ["Santa Fe Pacific Gold Corp", "Palestine Liberation Organisation", "United States",
                     "Santa Fe Pacific Gold Corp", "Palestine Liberation Organisation", "United States"]


def test_rules_given_as_one_name():
    s = "The minister resigned on Friday, Kyodo writes."
    one = entity_mentions(s, rules="news_outlet")
    assert one.equals(entity_mentions(s, rules=["news_outlet"]))
    with pytest.raises(ValueError, match="Unknown rule"):
        entity_mentions(s, rules="no_such_rule")
    with pytest.raises(TypeError, match="rule names"):
        entity_mentions(s, rules=[3])


def test_trim_edges_rule():
    s = "A pro-Moscow Civic Union leader cheered as Norway 2 - 1 won; fans of Garage 77 danced with pro-Moscow voters."
    cands = [_cand(s, "pro-Moscow Civic Union", "ORG"), _cand(s, "Norway 2", "GPE"), _cand(s, "Garage 77", "ORG"),
             _cand(s, "pro-Moscow", "NORP", nth=1)]
    out = trim_edges(parse(s), cands)
    t = "Voters then backed Ann Wu."
    assert _spans(t, trim_edges(parse(t), [_cand(t, "Ann Wu.", "PERSON")])) == [("Ann Wu", "PERSON")]
    # a lower-case modifier and a score are not part of a name; a number inside one is; a span that
    # is nothing but the modifier is left as it is
    assert _spans(s, out) == [("Civic Union", "ORG"), ("Norway", "GPE"), ("Garage 77", "ORG"), ("pro-Moscow", "NORP")]


def test_names_of_one_country_are_one_entity():
    s = ("Exports from America fell, a minister of Umbria University said; US buyers and the United States "
         "Treasury waited while the DPRK and Pyongyang's ally, the Republic of Korea, talked.")
    cands = [_cand(s, "America", "GPE"), _cand(s, "Umbria University", "ORG"), _cand(s, "US", "GPE"),
             _cand(s, "United States", "GPE"), _cand(s, "DPRK", "ORG"), _cand(s, "Republic of Korea", "GPE")]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    # "US" is not the initials of "Umbria University": it is a country's short form
    assert names == ["United States", "Umbria University", "United States", "United States", "North Korea",
                     "South Korea"]
    assert (country_code("the U.S."), country_code("Moldova Republic"), country_code("us")) == ("USA", "MDA", None)


def test_trim_edges_drops_a_caption_credit_label():
    s = "The mayor greets Ana Ruiz Photo: City Hall.\n\nLater, Ruiz left."
    out = trim_edges(parse(s), [_cand(s, "Ana Ruiz Photo", "PERSON"), _cand(s, "City Hall", "FAC")])
    assert _spans(s, out) == [("Ana Ruiz", "PERSON"), ("City Hall", "FAC")]
    t = "Mayor Li was interviewed by the Harbour Herald Monday, May 4. The Harbour Herald said more."
    out = trim_edges(parse(t), [_cand(t, "Harbour Herald Monday", "ORG"), _cand(t, "Harbour Herald", "ORG", nth=1)])
    assert _spans(t, out) == [("Harbour Herald", "ORG"), ("Harbour Herald", "ORG")]
    u = "The Federal Savings Bank Governor spoke in the Office of the President."
    out = trim_edges(parse(u), [_cand(u, "Federal Savings Bank Governor", "ORG"), _cand(u, "Office of the President", "ORG")])
    assert _spans(u, out) == [("Federal Savings Bank", "ORG"), ("Office of the President", "ORG")]
    v = "The UK Treasury Office and the Treasury Office agreed."
    cands = [_cand(v, "UK Treasury Office", "ORG"), _cand(v, "Treasury Office", "ORG", nth=1)]
    # a leading country short form ("UK") may be dropped, as a leading place name may
    assert [e for e, _ in canonical_names(parse(v), cands)] == ["UK Treasury Office", "UK Treasury Office"]


def test_named_after_splits_an_event_from_the_name_it_carries():
    s = "Norbank said profits rose. Crowds came to the Norbank Film Festival and the Orla Art Collection."
    cands = [_cand(s, "Norbank", "ORG"), _cand(s, "Norbank Film Festival", "ORG"),
             _cand(s, "Orla Art Collection", "ORG")]
    out = sorted(named_after(parse(s), cands), key=lambda c: (c.start, c.end))
    # Orla is named nowhere alone: the collection carries no second mention
    assert _spans(s, out) == [("Norbank", "ORG"), ("Norbank", "ORG"), ("Norbank Film Festival", "EVENT"),
                              ("Orla Art Collection", "WORK_OF_ART")]
    m = entity_mentions(s)
    assert m[m.entity == "Norbank"].label.tolist() == ["ORG", "ORG"]


def test_one_person_spelt_two_ways():
    s = "Warden Mirela Praxmar opened the show. Mirella Praxmar said Praxmar would stay; Glenn Lawhon and Lester Lawhon came."
    cands = [_cand(s, "Mirela Praxmar", "PERSON"), _cand(s, "Mirella Praxmar", "PERSON"), _cand(s, "Praxmar", "ORG", nth=2),
             _cand(s, "Glenn Lawhon", "PERSON"), _cand(s, "Lester Lawhon", "PERSON")]
    out = surname_person(parse(s), cands)
    assert out[2].label == "PERSON"  # the last name of the one person, however her given name is spelt
    names = [e for e, _ in canonical_names(parse(s), out)]
    assert names == ["Mirela Praxmar", "Mirela Praxmar", "Mirela Praxmar", "Glenn Lawhon", "Lester Lawhon"]
    assert not spelling_variants("Jan Berg", "Jon Berg") and spelling_variants("Jonathan Berg", "Johnathan Berg")
    t = 'Curator Mara Hollins spoke first.\n\nHollins said, "the walls were bare."'
    out = surname_person(parse(t), [_cand(t, "Mara Hollins", "PERSON"), _cand(t, "Hollins", "ORG", nth=1)])
    assert out[1].label == "PERSON"  # a sentence's first word the model took for a name is retyped too


def test_organisation_short_forms_that_keep_the_head():
    s = ("The Portuguese Supreme Court of Audit and the Arts Council of Ireland met. The Supreme Court "
         "ruled, the Arts Council paid and the Court left.")
    cands = [_cand(s, "Portuguese Supreme Court of Audit", "ORG"), _cand(s, "Arts Council of Ireland", "ORG"),
             _cand(s, "Supreme Court", "ORG", nth=1), _cand(s, "Arts Council", "ORG", nth=1),
             _cand(s, "Court", "ORG", nth=2)]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    # "the Court": the head word of the one court the text names
    assert names == ["Portuguese Supreme Court of Audit", "Arts Council of Ireland", "Portuguese Supreme Court of Audit",
                     "Arts Council of Ireland", "Portuguese Supreme Court of Audit"]
    t = "The High Court and the Family Court met. The Court said no."
    cands = [_cand(t, "High Court", "ORG"), _cand(t, "Family Court", "ORG"), _cand(t, "Court", "ORG", nth=2)]
    assert [e for e, _ in canonical_names(parse(t), cands)] == ["High Court", "Family Court", "Court"]  # two courts


def test_split_at_lower_word():
    s = ("Donors thanked Vance the Norbank founder, the Bank of the West, Newcastle upon Tyne, "
         "Stratford-on-Avon and Bruno Esposito di Vita.")
    cands = [_cand(s, "Vance the Norbank", "ORG"), _cand(s, "Bank of the West", "ORG"),
             _cand(s, "Newcastle upon Tyne", "GPE"), _cand(s, "Stratford-on-Avon", "GPE"),
             _cand(s, "Bruno Esposito di Vita", "PERSON")]
    out = split_at_lower_word(parse(s), cands)
    assert _spans(s, out) == [("Vance", "ORG"), ("Norbank", "ORG"), ("Bank of the West", "ORG"),
                              ("Newcastle upon Tyne", "GPE"), ("Stratford-on-Avon", "GPE"),
                              ("Bruno Esposito di Vita", "PERSON")]


def test_split_at_lower_word_keeps_titles_and_bodies():
    # a work's title is a phrase; a body or a treaty takes a preposition inside its name
    s = "She told Ask the Mayor that the Senate Committee on Fisheries and the Convention against Piracy failed."
    cands = [_cand(s, "Ask the Mayor", "WORK_OF_ART"), _cand(s, "Senate Committee on Fisheries", "ORG"),
             _cand(s, "Convention against Piracy", "LAW")]
    assert _spans(s, split_at_lower_word(parse(s), cands)) == [
        ("Ask the Mayor", "WORK_OF_ART"), ("Senate Committee on Fisheries", "ORG"), ("Convention against Piracy", "LAW")]
    s = "Lena Vos at Norbank Arena waved."
    out = split_at_lower_word(parse(s), [_cand(s, "Lena Vos at Norbank Arena", "PERSON")])
    assert _spans(s, out) == [("Lena Vos", "PERSON"), ("Norbank Arena", "PERSON")]


def test_a_person_name_ends_at_a_possessive_inside():
    s = "Ana visited Vos’s Danish cousins and Ann Lee’s brother."
    cands = [_cand(s, "Vos’s Danish", "PERSON"), _cand(s, "Ann Lee’s", "PERSON")]
    assert _spans(s, strip_possessive(parse(s), cands)) == [("Vos", "PERSON"), ("Ann Lee", "PERSON")]
    s = "As Norbank’s Ida Rusk wrote, rates rose."
    assert _spans(s, strip_possessive(parse(s), [_cand(s, "Norbank’s Ida Rusk", "PERSON")])) == [("Ida Rusk", "PERSON")]


def test_a_name_without_its_generic_last_word():
    s = "Norbridge City voted. Kestrel Magazine reported that Norbridge and Kestrel agreed."
    cands = [_cand(s, "Norbridge City", "ORG"), _cand(s, "Kestrel Magazine", "ORG"),
             _cand(s, "Norbridge", "ORG", nth=1), _cand(s, "Kestrel", "ORG", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Norbridge City", "Kestrel Magazine",
                                                                "Norbridge City", "Kestrel Magazine"]
    # a step of its own: without it the short name stays itself, the acronyms and short forms still join
    no_tail = [m for m in MERGE_NAMES if m != "generic_tail"]
    assert [e for e, _ in canonical_names(parse(s), cands, merges=no_tail)][2:] == ["Norbridge", "Kestrel"]
    # a place named "X City" is mostly another place than "X": a state and its city stay apart
    s = ("Voters in Kansas backed the levy. In Kansas City, the mayor praised the vote, but Kansas lawmakers "
         "called it too costly.")
    cands = [_cand(s, "Kansas", "GPE"), _cand(s, "Kansas City", "GPE"), _cand(s, "Kansas", "GPE", nth=2)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Kansas", "Kansas City", "Kansas"]
    # a club named after its town is not the town
    s = "Norbridge City won at home. Fans in Norbridge cheered until Norbridge scored again."
    cands = [_cand(s, "Norbridge City", "ORG"), _cand(s, "Norbridge", "GPE", nth=1), _cand(s, "Norbridge", "ORG", nth=2)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Norbridge City", "Norbridge", "Norbridge City"]


def test_given_name_person():
    s = "Fans of Lena Marsh queued. Lena waved; Paris Hilton and the Paris Opera were far away; Paris smiled."
    cands = [_cand(s, "Lena Marsh", "ORG"), _cand(s, "Lena", "PERSON", nth=1), _cand(s, "Paris Hilton", "ORG"),
             _cand(s, "Paris Opera", "ORG"), _cand(s, "Paris", "PERSON", nth=2)]
    out = given_name_person(parse(s), cands)
    # "Paris" is a place and begins two names: those keep their types
    assert [c.label for c in out] == ["PERSON", "PERSON", "ORG", "ORG", "PERSON"]
    assert [e for e, _ in canonical_names(parse(s), out)][:2] == ["Lena Marsh", "Lena Marsh"]


def test_a_family_name_misspelt_by_one_letter():
    s = "Registrar Anna Dorrell met Tom Fields. Dorell said yes; Field said no."
    cands = [_cand(s, "Anna Dorrell", "PERSON"), _cand(s, "Tom Fields", "PERSON"), _cand(s, "Dorell", "PERSON"),
             _cand(s, "Field", "PERSON", nth=1)]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    # a letter dropped inside the word is a slip; a plural "s" makes another word
    assert names == ["Anna Dorrell", "Tom Fields", "Anna Dorrell", "Field"]


def test_join_split_person():
    s = "Voters backed Dara Vo and the veteran Ilse Brand in Bergen, while Norwegian Kai Lund lost."
    cands = [_cand(s, "Dara", "PERSON"), _cand(s, "Vo", "PERSON", nth=1), _cand(s, "Brand", "PERSON"),
             _cand(s, "Bergen", "GPE"), _cand(s, "Lund", "PERSON")]
    out = join_split_person(parse(s), cands)
    # "Kai" is taken too; "Norwegian" is a demonym and stays out
    assert _spans(s, out) == [("Dara Vo", "PERSON"), ("Ilse Brand", "PERSON"), ("Bergen", "GPE"),
                              ("Kai Lund", "PERSON")]


def test_join_split_person_leaves_an_office_out():
    # an office right before a name is no given name: a role noun, a title, or the end of "Chief of X"
    s = "The Water Agency Director Mirela Dobre visited the dam on Monday."
    assert ["Mirela Dobre", "PERSON"] in entity_mentions(s)[["text", "label"]].values.tolist()
    s = "Reporters waited for Speaker Halvard Moe and his allies."
    assert entity_mentions(s).text.tolist() == ["Halvard Moe"]
    s = "Talks were led by Chief of Staff Mirela Dobre, who arrived late."
    assert entity_mentions(s).text.tolist() == ["Mirela Dobre"]
    s = "Voters cheered as Majority Leader Vik and Dara Vo arrived."
    cands = [_cand(s, "Vik", "PERSON"), _cand(s, "Dara Vo", "PERSON")]
    assert _spans(s, join_split_person(parse(s), cands)) == [("Vik", "PERSON"), ("Dara Vo", "PERSON")]
    s = "Readers of the HARBOR Vik column wrote in."
    assert _spans(s, join_split_person(parse(s), [_cand(s, "Vik", "PERSON")])) == [("Vik", "PERSON")]


def test_given_name_person_leaves_an_institution_alone():
    # a foundation or a company named after a person is no person
    s = "Mrs. Dlamini founded the firm in 1990. Dlamini said sales were up. The Dlamini Foundation gave $2 million."
    m = entity_mentions(s)
    assert m[m.text == "Dlamini Foundation"].label.tolist() == ["ORG"]
    s = "Okafor said he would stay. Okafor Holdings L.P. and the Okafor Tower were sold."
    cands = [_cand(s, "Okafor", "PERSON"), _cand(s, "Okafor Holdings L.P.", "ORG"), _cand(s, "Okafor Tower", "FAC")]
    assert [c.label for c in given_name_person(parse(s), cands)] == ["PERSON", "ORG", "FAC"]
    t = "Vell says rents rose. The Vell Report, a research firm, ranks landlords."
    cands = [_cand(t, "Vell", "PERSON"), _cand(t, "Vell Report", "ORG")]
    assert [c.label for c in given_name_person(parse(t), cands)] == ["PERSON", "ORG"]  # a publication's name


def test_a_report_is_no_company_by_its_head_word():
    s = "Judge Ida Brill led the inquiry. Valdoria's Brill Report was released on Monday."
    cands = [_cand(s, "Ida Brill", "PERSON"), _cand(s, "Valdoria", "GPE")]
    # "Report" ends a document's name as often as a firm's: nothing is typed by it
    assert _spans(s, place_possessive_name(parse(s), cands)) == _spans(s, cands)


def test_speaker_person_skips_capitals():
    # a dateline's city or a state's postal code in capitals is no person, even as the subject of "said"
    s = "KELSO said on Monday that the bridge would close, and Havlik said nothing."
    out = speaker_person(parse(s), [_cand(s, "KELSO", "GPE"), _cand(s, "Havlik", "GPE")])
    assert [c.label for c in out] == ["GPE", "PERSON"]


def test_title_person_skips_a_lower_case_adjective():
    # "major" before a name is an adjective here, not a military rank
    s = "The club is backed by a group of major NBA donors."
    assert entity_mentions(s)[["text", "label"]].values.tolist() == [["NBA", "ORG"]]


def test_organisation_named_by_what_follows_of():
    s = "The Society of Lumen opened a school. Lumen said it would grow."
    cands = [_cand(s, "Society of Lumen", "ORG"), _cand(s, "Lumen", "ORG", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Society of Lumen", "Society of Lumen"]
    # the short form is the organisation's even when the model took it for a place
    cands = [_cand(s, "Society of Lumen", "ORG"), _cand(s, "Lumen", "GPE", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Society of Lumen", "Society of Lumen"]


# --- pronoun-aware counts ------------------------------------------------------------------------


def test_pronoun_mentions_by_the_documented_rule():
    s = ("Finance Minister Clara Vos met the bankers of Norbank on Monday. She said they had to lend more. "
         '"I will not wait," Vos said. Later Tom Berg arrived; he thanked her.')
    p = pronoun_mentions(s)
    assert list(p.columns) == ["pronoun_id", "sentence_id", "start", "end", "text", "kind", "entity"]
    assert all(s[a:b] == t for a, b, t in zip(p.start, p.end, p.text, strict=True))
    # "She": the latest person; "they" looks for a group in its own sentence only (Norbank is in the
    # one before: unresolved); "I" in the quote: its speaker; "he": the latest person; "her" skips
    # Tom Berg (a "he") for Clara Vos
    assert list(zip(p.text, p.entity.fillna("-"), strict=True)) == [
        ("She", "Clara Vos"), ("they", "-"), ("I", "Clara Vos"), ("he", "Tom Berg"), ("her", "Clara Vos")]


def test_a_speaker_is_not_he_in_her_own_quote():
    s = 'Tom Berg left. "He was late again," Clara Vos said.'
    p = pronoun_mentions(s)
    assert p.entity.tolist() == ["Tom Berg"]


def test_pronoun_counts_are_a_separate_column():
    s = "Finance Minister Clara Vos met bankers on Monday. She said Vos would not wait, and she left."
    assert "pronoun_mentions" not in entity_frequencies(s).columns  # only when asked for
    f = entity_frequencies(s, pronouns=True).set_index("entity")
    assert f.loc["Clara Vos", "mentions"] == 2  # by name only
    assert f.loc["Clara Vos", "pronoun_mentions"] == 2
    assert f.loc["Clara Vos", "mentions_with_pronouns"] == 4


def test_report_pronoun_counts(text):
    # by hand in data/report.txt: sentence 3, "Vladimir Putin decided to save his ally when he concluded
    # that he could do nothing more", refers to Putin with 3 pronouns, and sentence 8, "According to
    # insiders, he is still trying ...", with one more (Putin is the subject of sentence 7, Assad named
    # after him there); the counts by name stay as they were
    f = entity_frequencies(text, pronouns=True).set_index("entity")
    assert f.loc["Bashar al-Assad", "mentions"] == 12 and f.loc["Vladimir Putin", "mentions"] == 3
    assert f.loc["Vladimir Putin", "pronoun_mentions"] == 4
    assert f.loc["Vladimir Putin", "mentions_with_pronouns"] == 7


def test_rules_table_renders_angle_brackets_in_html():
    table = rules_table()
    assert table.rule.tolist() == RULE_NAMES
    html = table.style.format(escape="html").to_html()
    assert "&lt;place noun&gt;" in html and "<place noun>" not in html


def test_repeated_names_rule():
    s = ("Shares of Norbank fell on Monday. Analysts said Norbank had lent too much, "
         "while the pro-Norbank camp and Norbank Holdings stayed calm.")
    out = repeated_names(parse(s), [_cand(s, "Norbank", "ORG")])
    spans = _spans(s, sorted(out, key=lambda c: c.start))
    # the second "Norbank" is added; the part of a hyphenated word and of a longer name are not
    assert spans == [("Norbank", "ORG"), ("Norbank", "ORG")]
    assert sorted(out, key=lambda c: c.start)[1].rules == ("repeated_names",)


def test_repeated_names_does_not_spread_a_guess():
    s = "Vela said yes. Later Vela left for Vela, where Vela spoke."
    out = repeated_names(parse(s), [_cand(s, "Vela", "PERSON"), _cand(s, "Vela", "GPE", nth=2)])
    assert len(out) == 2  # the model typed "Vela" two ways: nothing is added
    t = "Orvex hired staff. Orvex grew. Orvex moved to Orvex Park. Critics of Orvex said no."
    out = repeated_names(parse(t), [_cand(t, "Orvex", "ORG"), _cand(t, "Orvex", "ORG", nth=1),
                                    _cand(t, "Orvex", "GPE", nth=2)])
    # a clear majority (two ORG to one GPE) is no guess: the last "Orvex" is added as an ORG
    assert _spans(t, sorted(out, key=lambda c: c.start))[-1:] == [("Orvex", "ORG")] and len(out) == 4


def test_repeated_names_spreads_a_person_only_with_a_full_name():
    s = "Veltrix launched a probe in May. Engineers said Veltrix would reach the comet. Veltrix is small."
    out = repeated_names(parse(s), [_cand(s, "Veltrix", "PERSON")])
    assert len(out) == 1  # a one-word "person" the text never names in full: not spread
    t = "Dana Orlex won. Orlex said she was glad, and fans cheered Orlex at home."
    out = repeated_names(parse(t), [_cand(t, "Dana Orlex", "PERSON"), _cand(t, "Orlex", "PERSON", nth=1)])
    assert _spans(t, sorted(out, key=lambda c: c.start))[-1] == ("Orlex", "PERSON") and len(out) == 3


def test_repeated_names_does_not_spread_another_type_over_a_person():
    s = "Kerrow spoke in Ohio. Kerrow aides left. Kerrow said no. Crowds booed Kerrow later."
    cands = [_cand(s, "Kerrow", "ORG"), _cand(s, "Kerrow", "ORG", nth=1), _cand(s, "Kerrow", "PERSON", nth=2)]
    out = repeated_names(parse(s), cands)
    assert len(out) == 3  # the model reads "Kerrow" as a person once: its majority ORG is not spread
    t = "Brixo hired. Brixo grew. Brixo sold. Brixo won. Workers at Brixo cheered."
    cands = [_cand(t, "Brixo", "ORG", nth=k) for k in range(3)] + [_cand(t, "Brixo", "PERSON", nth=3)]
    out = repeated_names(parse(t), cands)
    # ORG three times to PERSON once is a clear company: the last "Brixo" is added as an ORG
    assert _spans(t, sorted(out, key=lambda c: c.start))[-1] == ("Brixo", "ORG") and len(out) == 5
    u = "Orlex said yes. Orlex left. Orlex and Orlex fans cheered."
    cands = [_cand(u, "Orlex", "PERSON"), _cand(u, "Orlex", "PERSON", nth=1), _cand(u, "Orlex", "PERSON", nth=2)]
    # a person's name at most of the places that spell it is spread without a full name
    assert len(repeated_names(parse(u), cands)) == 4


def test_company_short_form_rule():
    s = "Halvorsen Freight Inc. reported higher profits. Halvorsen Freight and Brenna said they would hire."
    t = "Brenna Inc. grew. Brenna said it would hire 200 drivers, and Brenna shares rose."
    cands = [_cand(t, "Brenna Inc.", "ORG"), _cand(t, "Brenna", "PERSON", nth=1), _cand(t, "Brenna", "GPE", nth=2)]
    out = company_short_form(parse(t), cands)
    # the company named with its legal form is the company where the text drops the legal form
    assert _spans(t, out) == [("Brenna Inc.", "ORG"), ("Brenna", "ORG"), ("Brenna", "ORG")]
    assert out[1].rules == ("company_short_form",)
    assert company_short_forms(parse(s), [_cand(s, "Halvorsen Freight Inc.", "ORG")]) == {"Halvorsen Freight"}
    u = "Pundits call it Norway Inc. now. Norway voted."
    assert company_short_forms(parse(u), [_cand(u, "Norway Inc.", "ORG")]) == set()  # a place is no short form


def test_company_short_form_leaves_a_namesake_person_alone():
    s = "Marta Quill founded Quill L.P. in 1990. Quill estimates the market at $5 billion."
    cands = [_cand(s, "Marta Quill", "PERSON"), _cand(s, "Quill L.P.", "ORG"), _cand(s, "Quill", "ORG", nth=2)]
    # "Quill" is both her last name and the firm's: company_short_form and surname_person leave the model's type
    as_person = cands[:2] + [_cand(s, "Quill", "PERSON", nth=2)]
    assert _spans(s, company_short_form(parse(s), as_person))[2] == ("Quill", "PERSON")
    assert _spans(s, sorted(surname_person(parse(s), cands), key=lambda c: c.start))[2] == ("Quill", "ORG")
    no_firm = [cands[0], cands[2]]
    assert _spans(s, surname_person(parse(s), no_firm))[1] == ("Quill", "PERSON")  # without the firm: hers


def test_capitals_no_person_rule():
    s = "Voters backed the VLP again. VLP's Ann Cole won, and Pro-Valdor VLP gained. Henry VIII was a king."
    cands = [_cand(s, "VLP", "PERSON", nth=1), _cand(s, "Pro-Valdor VLP", "PERSON"), _cand(s, "Henry VIII", "PERSON")]
    assert _spans(s, capitals_no_person(parse(s), cands)) == [("VLP", "ORG"), ("Pro-Valdor VLP", "ORG"),
                                                              ("Henry VIII", "PERSON")]
    t = "ORSK, Ont. - The vote was close. A NOTE BY ANN LEE followed. Photo: PIA B. MARSH via Kestrel."
    cands = [_cand(t, "ORSK", "PERSON"), _cand(t, "LEE", "PERSON"), _cand(t, "PIA B. MARSH", "PERSON")]
    # a dateline, a line in capitals, a name written all in capitals
    assert [c.label for c in capitals_no_person(parse(t), cands)] == ["PERSON", "PERSON", "PERSON"]


def test_capitals_no_person_leaves_letters_after_a_name():
    s = "Jo Marsh CBE opened the hall. Ann Lee FRSE spoke, Mary Lou McKee TD agreed, and Reed QC left."
    cands = [_cand(s, n, "PERSON") for n in ("Jo Marsh CBE", "Ann Lee FRSE", "Mary Lou McKee TD", "Reed QC")]
    # an honour or a seat after a name, and capitals after a full name, are no organisation's acronym
    assert [c.label for c in capitals_no_person(parse(s), cands)] == ["PERSON"] * 4


def test_surname_person_takes_no_acronym_for_a_surname():
    s = "Pro-Valdor VLP won seats. Later VLP said it would govern."
    out = surname_person(parse(s), [_cand(s, "Pro-Valdor VLP", "PERSON"), _cand(s, "VLP", "ORG", nth=1)])
    assert _spans(s, out)[1] == ("VLP", "ORG")


def test_affiliation_rule():
    s = "Ann Cole of Civic Hope spoke first. Then Civic Hope's Tom Reed and Ida Marsh of the Norvik answered."
    cands = [_cand(s, "Ann Cole", "PERSON"), _cand(s, "Civic Hope", "PERSON"), _cand(s, "Civic Hope", "PERSON", nth=1),
             _cand(s, "Tom Reed", "PERSON"), _cand(s, "Ida Marsh", "PERSON"), _cand(s, "Norvik", "PERSON")]
    # where a person belongs is an organisation, not a person
    assert _spans(s, affiliation(parse(s), cands)) == [
        ("Ann Cole", "PERSON"), ("Civic Hope", "ORG"), ("Civic Hope", "ORG"), ("Tom Reed", "PERSON"),
        ("Ida Marsh", "PERSON"), ("Norvik", "ORG")]
    t = "We met Lena Vos of Kestrel and Joan of Arc fans."
    out = affiliation_cut(parse(t), [_cand(t, "Lena Vos of Kestrel", "PERSON"), _cand(t, "Joan of Arc", "PERSON")])
    # a span run over "of" is cut; one word before "of" is one name
    assert _spans(t, out) == [("Lena Vos", "PERSON"), ("Kestrel", "ORG"), ("Joan of Arc", "PERSON")]
    u = "Pia Lund of VLP and Ola Berg of the UK spoke. Then Ada Holm of NOTE IT sang."
    cands = [_cand(u, "Pia Lund", "PERSON"), _cand(u, "Ola Berg", "PERSON"), _cand(u, "Ada Holm", "PERSON")]
    # a missed acronym after "<full name> of" is her organisation; not a country, not a line in capitals
    assert _spans(u, sorted(affiliation_acronym(parse(u), cands), key=lambda c: c.start)) == [
        ("Pia Lund", "PERSON"), ("VLP", "ORG"), ("Ola Berg", "PERSON"), ("Ada Holm", "PERSON")]


def test_affiliation_leaves_a_person_and_a_state_code():
    s = "Senator Ann Marsh won in May. Marsh's Tom Reed spoke, and Ida Holm of NY agreed."
    cands = [_cand(s, "Ann Marsh", "PERSON"), _cand(s, "Marsh", "PERSON", nth=1), _cand(s, "Tom Reed", "PERSON"),
             _cand(s, "Ida Holm", "PERSON")]
    # the boss of an aide is a person of the text; a state's postal code is a place, not an acronym
    doc = parse(s)
    assert _spans(s, sorted(affiliation_acronym(doc, affiliation(doc, cands)), key=lambda c: c.start)) == [
        ("Ann Marsh", "PERSON"), ("Marsh", "PERSON"), ("Tom Reed", "PERSON"), ("Ida Holm", "PERSON"), ("NY", "GPE")]


def test_hyphen_suffix_rule():
    s = "The harbour pilot Ho Ka-yan was promoted on Sunday."
    assert _spans(s, hyphen_suffix(parse(s), [_cand(s, "Ho Ka", "PERSON")])) == [("Ho Ka-yan", "PERSON")]
    t = "The Ann Cole-era rules were dropped in May."
    assert _spans(t, hyphen_suffix(parse(t), [_cand(t, "Ann Cole-era", "PERSON")])) == [("Ann Cole", "PERSON")]
    u = "He wants a Tom Reed-type of leader. Call her Ann Cole-come-lately now. Orsk-bound trains left."
    cands = [_cand(u, "Tom Reed", "PERSON"), _cand(u, "Ann Cole", "PERSON"), _cand(u, "Orsk", "PERSON")]
    # an article of its own, another hyphen after the suffix, a one-word name: no suffix is taken
    assert _spans(u, hyphen_suffix(parse(u), cands)) == [("Tom Reed", "PERSON"), ("Ann Cole", "PERSON"),
                                                         ("Orsk", "PERSON")]


def test_full_name_again_rule():
    s = "We spoke to the geologist Ilse Varga.\n\nIlse Varga studies caves. Senator Mott agreed, and Mott left."
    cands = [_cand(s, "Ilse Varga", "PERSON"), _cand(s, "Varga", "PERSON", nth=1), _cand(s, "Senator Mott", "PERSON"),
             _cand(s, "Mott", "PERSON", nth=1)]
    out = sorted(full_name_again(parse(s), cands), key=lambda c: c.start)
    # the given name left out is taken back; a name opening with a title is not spread
    assert _spans(s, out) == [("Ilse Varga", "PERSON"), ("Ilse Varga", "PERSON"), ("Senator Mott", "PERSON"),
                              ("Mott", "PERSON")]
    assert out[1].rules == ("full_name_again",)


def test_full_name_again_guards():
    s = ("Senator Mott and Ann Mott spoke. Later Senator Mott left. Ann Mott-Reyes came. Ida Holm-Ann Mott ran. "
         "The Ann Mott Fund paid.")
    cands = [_cand(s, "Senator Mott", "PERSON"), _cand(s, "Ann Mott", "PERSON"), _cand(s, "Mott", "PERSON", nth=2),
             _cand(s, "Ann", "PERSON", nth=1), _cand(s, "Mott", "PERSON", nth=4), _cand(s, "Ann", "PERSON", nth=3)]
    out = sorted(full_name_again(parse(s), cands), key=lambda c: c.start)
    # after a title the title is left out on purpose; a name joined by a hyphen to another word, or running on
    # into a longer name, is another name
    assert _spans(s, out) == _spans(s, cands) and all(c.rules == () for c in out)


def test_named_after_takes_a_plural_event_head_alone():
    s = "Crowds cheered when the Games opened in Brill, and the Kestrel Championships drew more. Fair said no."
    cands = [_cand(s, "Games", "ORG"), _cand(s, "Brill", "GPE"), _cand(s, "Kestrel Championships", "ORG"),
             _cand(s, "Fair", "PERSON")]
    # a capitalised plural event head stands for the event by itself; a singular one-word name is left
    assert _spans(s, named_after(parse(s), cands)) == [("Games", "EVENT"), ("Brill", "GPE"),
                                                       ("Kestrel Championships", "EVENT"), ("Fair", "PERSON")]


def test_structure_name_rule():
    s = "Crews reached Brill Station and Orsk Towers. Valdor Bridge President Ann Cole met Kay Hall there."
    cands = [_cand(s, "Brill Station", "PERSON"), _cand(s, "Orsk Towers", "ORG"), _cand(s, "Valdor Bridge", "ORG"),
             _cand(s, "Ann Cole", "PERSON"), _cand(s, "Kay Hall", "PERSON")]
    # a group with a president is no building; "Hall", also a family name, is no structure head here
    assert [c.label for c in structure_name(parse(s), cands)] == ["FAC", "FAC", "ORG", "PERSON", "PERSON"]


SPORT = "The coach praised the team after the match. "  # three words of sport: a text that reports games


def test_team_places_rule():
    s = SPORT + ("Norway beat North Ostria 3-0 at the stadium in Lima. Ostria's coach said his side was tired, "
                 "and Norway now meets Peru. Fans in Norway cheered, and the governor of Ostria wept.")
    names = [("Norway", 0), ("North Ostria", 0), ("Lima", 0), ("Ostria", 1), ("Norway", 1), ("Peru", 0),
             ("Norway", 2), ("Ostria", 2)]
    out = team_places(parse(s), [_cand(s, n, "GPE", nth=k) for n, k in names])
    # the sides of the result are teams at every mention; the city of the match, a country named only
    # outside a result (Peru), a place phrase and a place that names an office stay places
    assert [c.label for c in out] == ["ORG", "ORG", "GPE", "ORG", "ORG", "GPE", "GPE", "GPE"]
    assert out[0].rules == ("team_places",)
    assert [c.label for c in team_places(parse(s[len(SPORT):]), [_cand(s, "Norway", "GPE")])] == ["GPE"]  # no sport
    t = SPORT + "Northern Ireland beat Wales 1-0. Ireland is a state of its own."
    cands = [_cand(t, "Northern Ireland", "GPE"), _cand(t, "Wales", "GPE"), _cand(t, "Ireland", "GPE", nth=1)]
    # the last word of a side's name is that side only when it names no country itself
    assert [c.label for c in team_places(parse(t), cands)] == ["ORG", "ORG", "GPE"]


def test_score_sides_rule():
    s = SPORT + "Group B: Norway 2 – 1 Valdor Rovers. Read Chapter 3-4 of the Lund Report. Norway beat Chile 3-1 Saturday."
    cands = [_cand(s, "Norway", "GPE"), _cand(s, "Lund Report", "LAW"), _cand(s, "Norway", "GPE", nth=1),
             _cand(s, "Chile", "GPE")]
    out = sorted(score_sides(parse(s), cands), key=lambda c: c.start)
    # the side the model missed, beside the side it found, is a team; a chapter range is no result,
    # and a day after a score is no side
    assert _spans(s, out) == [("Norway", "GPE"), ("Valdor Rovers", "ORG"), ("Lund Report", "LAW"), ("Norway", "GPE"),
                              ("Chile", "GPE")]
    assert out[1].rules == ("score_sides",)
    t = SPORT + "Valdor Rovers 2 – 1 Lund Town."
    assert score_sides(parse(t), []) == []  # neither side found: no evidence of a result


def test_team_places_needs_a_match_result():
    ranges = ["Unemployment in Chile fell 1-2 percent, and Peru cut rates.",  # a noun after it
              "Tickets cost $5-10 for Chile fans, Peru said.",  # money
              "Chile sent 1-2 million doses to Peru.",  # a number after it
              "In Chile v. Peru, No. 12-345, Chile lost.",  # a case number
              "Chile went 3-2-1 and Peru watched.",  # a chain of numbers
              "Chile held talks with Peru from May 3-4.",  # a month before it
              "Chile and Peru signed the deal 10-11 May.",  # a month after it
              "Chile voted 52-48 against Peru's plan."]  # a vote
    for s in ranges:
        s = SPORT + s
        cands = [_cand(s, "Chile", "GPE"), _cand(s, "Peru", "GPE")]
        assert [c.label for c in team_places(parse(s), cands)] == ["GPE", "GPE"], s
    s = SPORT + "Florida Senator Ann Cole finished 1-2 with Ben Ortiz in Ohio."
    cands = [_cand(s, "Florida", "GPE"), _cand(s, "Ohio", "GPE")]
    # a place that modifies a noun, and a place phrase, are no sides
    assert [c.label for c in team_places(parse(s), cands)] == ["GPE", "GPE"]


def test_structure_name_leaves_people_with_a_structure_surname():
    s = ("Congressman Ted Castle lost. Lee Avenue spoke first, and Avenue told reporters. Detective Amy Road "
         "said no. Nia Bridge, a nurse, agreed. Crews reached Brill Station and Orsk Castle.")
    names = ["Ted Castle", "Lee Avenue", "Amy Road", "Nia Bridge", "Brill Station"]
    cands = [_cand(s, n, "PERSON") for n in names] + [_cand(s, "Avenue", "PERSON", nth=1), _cand(s, "Orsk Castle", "ORG")]
    out = {s[c.start:c.end]: c.label for c in structure_name(parse(s), cands)}
    # a family name that is also a structure's head, a person after a title or whose surname stands alone
    assert out == {"Ted Castle": "PERSON", "Lee Avenue": "PERSON", "Amy Road": "PERSON", "Nia Bridge": "PERSON",
                   "Brill Station": "FAC", "Avenue": "PERSON", "Orsk Castle": "FAC"}


def test_bracketed_acronym_of_words_that_are_no_name():
    s = "He won the Player of the Month (POTM) award. Members of Partito 7 Rinnovo (P7R) voted."
    out = bracketed_acronym(parse(s), [_cand(s, "Partito 7 Rinnovo", "ORG")])
    # "POTM" abbreviates words the model did not take for a name; "P7R" abbreviates a name (digits count)
    assert _spans(s, sorted(out, key=lambda c: c.start)) == [("Partito 7 Rinnovo", "ORG"), ("P7R", "ORG")]


def test_a_place_is_not_the_short_form_of_an_outlet_named_after_it():
    s = "Floods hit New York. The New York Times and the University of Texas reported it; Texas agreed."
    cands = [_cand(s, "New York", "ORG"), _cand(s, "New York Times", "ORG"),
             _cand(s, "University of Texas", "ORG"), _cand(s, "Texas", "ORG", nth=1)]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names == ["New York", "New York Times", "University of Texas", "Texas"]


def test_a_known_surname_that_opens_a_sentence_as_its_subject():
    s = "Gardener Jo Dawkins planted the hedge.\n\nDawkins ordered more seedlings for the spring."
    out = surname_person(parse(s), [_cand(s, "Jo Dawkins", "PERSON")])
    # the tagger reads the second "Dawkins" as a common noun, but it is the sentence's subject
    assert _spans(s, out) == [("Jo Dawkins", "PERSON"), ("Dawkins", "PERSON")]
    t = "Farmer Ana Brown sold eggs. Brown eggs sold well in the market."
    out = surname_person(parse(t), [_cand(t, "Ana Brown", "PERSON")])
    assert _spans(t, out) == [("Ana Brown", "PERSON")]  # an adjective opening a sentence stays a word


def test_a_full_name_that_ends_in_a_known_surname():
    s = "Fans cheered Ivo Brandt at the gate. Brandt waved to the crowd."
    cands = [_cand(s, "Ivo Brandt", "PRODUCT"), _cand(s, "Brandt", "PERSON", nth=1)]
    assert [c.label for c in given_name_person(parse(s), cands)] == ["PERSON", "PERSON"]


def test_join_a_given_name_of_another_type_to_its_surname():
    s = "Dara Vo scored twice. Later Dara Vo missed a penalty."
    cands = [_cand(s, "Dara Vo", "PERSON"), _cand(s, "Dara", "ORG", nth=1), _cand(s, "Vo", "PERSON", nth=1)]
    # the text names "Dara Vo" in full, so "Dara" (ORG) + "Vo" (PERSON) is that name cut in two
    assert _spans(s, join_split_person(parse(s), cands)) == [("Dara Vo", "PERSON"), ("Dara Vo", "PERSON")]


def test_role_noun_person():
    s = "The museum hired the sculptor Ilka Varga on Friday, and the writer Tom Vell Orrin Bax spoke."
    out = role_noun_person(parse(s), [])
    # a run of capitals after an occupation noun is a name; four capitalised words are not clearly one
    assert _spans(s, out) == [("Ilka Varga", "PERSON")]
    t = "Fans met the painter Ilka Varga in Oslo."
    out = role_noun_person(parse(t), [_cand(t, "Ilka Varga", "ORG"), _cand(t, "Oslo", "GPE")])
    assert _spans(t, out) == [("Ilka Varga", "PERSON"), ("Oslo", "GPE")]
    u = "She met the singer Florence Ward and the painter New York."  # a city's name may be a given name
    assert _spans(u, role_noun_person(parse(u), [])) == [("Florence Ward", "PERSON")]



def test_a_shared_last_name_goes_to_the_person_named_most_often():
    s = ("Ana Roe won the prize. Ana Roe thanked her school, and Ana Roe's coach cheered. Her father Luis Roe "
         "was proud. Roe said the work had been hard.")
    cands = [_cand(s, "Ana Roe", "PERSON", nth=k) for k in range(3)]
    cands += [_cand(s, "Luis Roe", "PERSON"), _cand(s, "Roe", "ORG", nth=4)]
    out = surname_person(parse(s), cands)
    assert out[4].label == "PERSON"  # a last name two people share is a person's all the same
    names = [e for e, _ in canonical_names(parse(s), out)]
    # the nearest full name before is the father's, but the text is clearly about Ana Roe
    assert names == ["Ana Roe", "Ana Roe", "Ana Roe", "Luis Roe", "Ana Roe"]
    t = "Ana Roe won. Ana Roe thanked her school. Her father Luis Roe was proud. Roe said it was hard."
    cands = [_cand(t, "Ana Roe", "PERSON"), _cand(t, "Ana Roe", "PERSON", nth=1), _cand(t, "Luis Roe", "PERSON"),
             _cand(t, "Roe", "PERSON", nth=3)]
    # two to one is no clear subject: the one named first, as news names anyone who shares the surname in full
    assert canonical_names(parse(t), cands)[-1][0] == "Ana Roe"


def test_a_shared_last_name_goes_to_the_person_named_first():
    s = ("Jo Hale opened the bakery in May. Her brother, Sam Hale, had lent her the money; Sam Hale still works "
         "there. Hale said the first year was hard.")
    cands = [_cand(s, "Jo Hale", "PERSON"), _cand(s, "Sam Hale", "PERSON"), _cand(s, "Sam Hale", "PERSON", nth=1),
             _cand(s, "Hale", "PERSON", nth=3)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Jo Hale", "Sam Hale", "Sam Hale", "Jo Hale"]
    # a title in capitals that the model took into the name does not make a first-named person of its own
    s = "Ex-AG Hale spoke. Former Attorney General Sam Hale told the court that Hale would appeal."
    cands = [_cand(s, "AG Hale", "PERSON"), _cand(s, "Sam Hale", "PERSON"), _cand(s, "Hale", "PERSON", nth=2)]
    assert [e for e, _ in canonical_names(parse(s), cands)][-1] == "Sam Hale"


def test_an_honorific_tells_which_of_two_people_a_last_name_is():
    s = ("Tom Lane and his wife, Nora Lane, run the inn. Mr. Lane cooks, Mrs. Lane keeps the books, and "
         "Ms. Lane's sister helps. Dr. Lane was away.")
    cands = [_cand(s, "Tom Lane", "PERSON"), _cand(s, "Nora Lane", "PERSON")]
    cands += [_cand(s, "Lane", "PERSON", nth=k) for k in (2, 3, 4, 5)]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    # "Dr." says nothing of gender: the person named first
    assert names == ["Tom Lane", "Nora Lane", "Tom Lane", "Nora Lane", "Nora Lane", "Tom Lane"]
    assert honorific_gender(s, s.index("Lane", 50)) == "he" and honorific_gender(s, 0) is None
    assert given_name_gender("Nora Lane") == "she" and given_name_gender("Tom") == "he"
    assert given_name_gender("Jordan Lane") is None  # a given name of both genders


def test_an_honorific_that_fits_no_full_name_is_someone_else():
    s = "John Carter, a miner, died on Friday. Mrs. Carter said she had warned him."
    cands = [_cand(s, "John Carter", "PERSON"), _cand(s, "Carter", "PERSON", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["John Carter", "Carter"]
    s = "Nora Lane won the seat. Mr. Lane, her husband, thanked the volunteers."
    cands = [_cand(s, "Nora Lane", "PERSON"), _cand(s, "Lane", "PERSON", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Nora Lane", "Lane"]
    # a given name of either gender could be hers: the one full name still owns it
    s = "Jordan Carter spoke first. Mrs. Carter said more."
    cands = [_cand(s, "Jordan Carter", "PERSON"), _cand(s, "Carter", "PERSON", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Jordan Carter", "Jordan Carter"]


def test_misspelt_surnames_are_found_through_an_index():
    index = _deletion_index(["tolliver", "brandt", "lawhon"])
    # a letter dropped, added, changed or two swapped; the ends kept; not two letters off
    assert _misspelt_keys("toliver", index) == ["tolliver"] and _misspelt_keys("brand", index) == []
    assert _misspelt_keys("brendt", index) == ["brandt"] and _misspelt_keys("lahwon", index) == ["lawhon"]
    assert _misspelt_keys("lawhan", index) == ["lawhon"] and _misspelt_keys("lowhan", index) == []
    s = "Anna Tolliver won the seat. Toliver thanked the voters."
    cands = [_cand(s, "Anna Tolliver", "PERSON"), _cand(s, "Toliver", "PERSON")]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Anna Tolliver", "Anna Tolliver"]


def test_the_verb_miss_is_no_honorific():
    s = ("Tom Lane and his sister Nora Lane founded the club. Tom Lane retired this year, and members say they "
         "will miss Lane.")
    assert honorific_gender(s, s.rindex("Lane")) is None
    assert honorific_gender("They thanked Miss Lane.", 18) == "she"
    cands = [_cand(s, "Tom Lane", "PERSON"), _cand(s, "Nora Lane", "PERSON"), _cand(s, "Tom Lane", "PERSON", nth=1),
             _cand(s, "Lane", "PERSON", nth=3)]
    assert [e for e, _ in canonical_names(parse(s), cands)][-1] == "Tom Lane"  # the person named first


def test_hilary_is_no_womans_name_only():
    # Hilary is a man's name too (British news): the given name says nothing of the gender
    assert given_name_gender("Hilary Benn") is None
    # the lists hold names common among US and UK births, not the names a news year happens to repeat
    assert given_name_gender("Vladimir Orlov") is None and given_name_gender("Heather Moss") == "she"
    s = "Labour MP Hilary Benn met Sarah Jones on Monday. He said the bill would pass."
    assert pronoun_mentions(s).entity.tolist() == ["Hilary Benn"]


def test_bracketed_alias():
    s = ("Choirs sang in the Dom Sankt Ulrich (Saint Ulrich Cathedral) at dawn. The board of FVA (Federation of "
         "Valley Anglers) met Acme Corp (New York) and Ann Cole (Green Party).")
    cands = [_cand(s, "Dom Sankt Ulrich", "FAC"), _cand(s, "FVA", "ORG"), _cand(s, "Acme Corp", "ORG"),
             _cand(s, "Ann Cole", "PERSON")]
    out = sorted(bracketed_alias(parse(s), cands), key=lambda c: c.start)
    # a translation and an expansion are added; a place says where, a party is Ann Cole's, not her name
    assert _spans(s, out) == [("Dom Sankt Ulrich", "FAC"), ("Saint Ulrich Cathedral", "FAC"), ("FVA", "ORG"),
                              ("Federation of Valley Anglers", "ORG"), ("Acme Corp", "ORG"), ("Ann Cole", "PERSON")]
    names = [e for e, _ in canonical_names(parse(s), out)]
    # one entity each (the acronym is named by its expansion, as for any acronym of the text)
    assert names[:4] == ["Dom Sankt Ulrich", "Dom Sankt Ulrich", "Federation of Valley Anglers", "Federation of Valley Anglers"]


def test_place_surname_person():
    s = "The award went to Tom Lincoln this year. Boston and Denver sent teams, and Lincoln thanked both."
    cands = [_cand(s, "Tom", "GPE"), _cand(s, "Lincoln", "GPE"), _cand(s, "Boston", "GPE"),
             _cand(s, "Denver", "GPE"), _cand(s, "Lincoln", "GPE", nth=1)]
    out = place_surname_person(parse(s), cands)
    # "Tom" is no place and modifies "Lincoln": one person; "Boston and Denver" are two places
    assert _spans(s, out) == [("Tom Lincoln", "PERSON"), ("Boston", "GPE"), ("Denver", "GPE"), ("Lincoln", "GPE")]
    # the bare family name then follows the person (surname_person)
    assert _spans(s, surname_person(parse(s), out))[-1] == ("Lincoln", "PERSON")


def test_organisation_named_by_its_last_words_or_without_a_possessive():
    s = ("Members of the Valdor Tenants' Association wrote to the Valdor Harbour Board. Three weeks later the "
         "Harbour Board replied, and the Valdor Tenants Association (VTA) called the reply weak.")
    cands = [_cand(s, "Valdor Tenants' Association", "ORG"), _cand(s, "Valdor Harbour Board", "ORG"),
             _cand(s, "Harbour Board", "ORG", nth=1), _cand(s, "Valdor Tenants Association", "ORG"),
             _cand(s, "VTA", "ORG")]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    # the acronym too: the two spellings are one name, so its initials point to one organisation
    assert names == ["Valdor Tenants' Association", "Valdor Harbour Board", "Valdor Harbour Board",
                     "Valdor Tenants' Association", "Valdor Tenants' Association"]


def test_repeated_names_completes_a_name_cut_short():
    s = "Floods closed every road into New Amber Springs, so the miners of New Amber Springs waited."
    out = apply_rules(parse(s), [_cand(s, "New Amber", "GPE"), _cand(s, "New Amber Springs", "GPE", nth=1)],
                      "repeated_names")  # the first mention cut short
    assert _spans(s, out) == [("New Amber Springs", "GPE"), ("New Amber Springs", "GPE")]


def test_consistent_types_with_a_work_and_an_organisation():
    s = "Readers of The Norland Herald wrote in. Papers including The Norland Herald, Kestrel and Vox reported it."
    cands = [_cand(s, "The Norland Herald", "WORK_OF_ART"), _cand(s, "The Norland Herald", "ORG", nth=1)]
    assert [c.label for c in consistent_types(parse(s), cands)] == ["ORG", "ORG"]  # a tie: the organisation


def test_a_name_repeated_with_a_typo_is_one_organisation():
    s = "Boats of the Coastal Guild, then of the Caostal Guild (sic), and of the Coastal Guide Fund sailed."
    cands = [_cand(s, "Coastal Guild", "ORG"), _cand(s, "Caostal Guild", "ORG"), _cand(s, "Coastal Guide Fund", "ORG")]
    # two letters swapped inside a word is a slip; another word count is another name
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Coastal Guild", "Coastal Guild", "Coastal Guide Fund"]
    assert spelling_variants("Jonathan Berg", "Jonahtan Berg") and not spelling_variants("Anna Berg", "Nana Berg")


def test_compass_region():
    s = "Prices rose in the West. Ships crossed the North Sea, and wages in the East fell; go to the south."
    out = compass_region(parse(s), [_cand(s, "North Sea", "LOC")])
    assert _spans(s, sorted(out, key=lambda c: c.start)) == [("West", "LOC"), ("North Sea", "LOC"), ("East", "LOC")]


def test_place_possessive_name():
    s = ("Tourists climbed Valdor's Kestrel Tower before lunch. Valdor's Water Safety Board closed the beach, but "
         "Valdor's Web Browser 9 stayed online. Farms in Valdor's Amber County flooded. At noon the Green "
         "League's Pia Sandoval, a surgeon, spoke, and the Green League's Student Union marched.")
    cands = [_cand(s, "Valdor", "GPE", nth=k) for k in range(4)]
    cands += [_cand(s, "Green League", "ORG"), _cand(s, "Green League", "ORG", nth=1)]
    out = sorted(place_possessive_name(parse(s), cands), key=lambda c: c.start)
    # a building, an institution and an area by their last word, a person before ", a <noun>";
    # nothing for a product with its number
    assert [x for x in _spans(s, out) if x[0] not in {"Valdor", "Green League"}] == [
        ("Kestrel Tower", "FAC"), ("Water Safety Board", "ORG"), ("Amber County", "GPE"), ("Pia Sandoval", "PERSON"),
        ("Student Union", "ORG")]


def test_a_completed_name_takes_the_type_of_the_full_name():
    s = "Readers of the Norland Times wrote in. The Norland Times agreed."
    out = apply_rules(parse(s), [_cand(s, "Norland Times", "ORG"), _cand(s, "Norland", "NORP", nth=1)], "repeated_names")
    assert _spans(s, out) == [("Norland Times", "ORG"), ("Norland Times", "ORG")]


def test_role_noun_person_leaves_firms_teams_and_channels_alone():
    s = ("Shares of Kestrel fell after its rival Acme Motors reported losses. The striker joined champion "
         "Valdor City in May, while the veteran Green League members resigned and the anchor Kestrel News "
         "hired quit.")
    assert role_noun_person(parse(s), []) == []  # no person added after a role noun
    t = "Shares of Kestrel fell after its rival Orbit Kline reported losses, and the chemist Orbit Kline sold."
    cands = [_cand(t, "Orbit Kline", "ORG"), _cand(t, "Orbit Kline", "ORG", nth=1)]
    # the model's ORG stands after "rival" (firms have rivals too), and the text types the name ORG twice
    assert [c.label for c in role_noun_person(parse(t), cands)] == ["ORG", "ORG"]


def test_place_possessive_name_features_roles_and_no_guess():
    s = ("Hikers crossed Valdor's Arvo Forest and swam in Valdor's Lake Mirren. Valdor's Mont Pelar drew "
         "climbers. Valdor's Amber Lantern fell, and Valdor's Supreme Leader met the press.")
    cands = [_cand(s, "Valdor", "GPE", nth=k) for k in range(5)]
    out = [x for x in _spans(s, sorted(place_possessive_name(parse(s), cands), key=lambda c: c.start))
           if x[0] != "Valdor"]
    # natural features are LOC by a word of their name; a firm or a person falling and a title are
    # not decided by the possessive alone, so nothing is added for them
    assert out == [("Arvo Forest", "LOC"), ("Lake Mirren", "LOC"), ("Mont Pelar", "LOC")]


def test_is_bracket_alias():
    assert is_bracket_alias("FVA", "Federation of Valley Anglers")  # an expansion
    assert is_bracket_alias("Federation of Valley Anglers", "FVA")  # an acronym
    assert is_bracket_alias("Dom Sankt Ulrich", "Saint Ulrich Cathedral")  # a translation
    assert not is_bracket_alias("Valdor Rovers", "Northern Premier League")  # its league
    assert not is_bracket_alias("Kestrel", "Orbit Stock Exchange")  # its market
    assert not is_bracket_alias("Acme Music", "Asia Pacific")  # a region
    assert not is_bracket_alias("Acme Music", "Orbit Music")  # its parent: both are English names of firms
    assert not is_bracket_alias("Kestrel", "Norwegian Football Association")  # a demonym: where it plays


def test_bracketed_names_that_say_where_stay_apart():
    s = "Shares in Kestrel Foods (Orbit Stock Exchange) rose, and Acme Music (Asia Pacific) hired."
    cands = [_cand(s, "Kestrel Foods", "ORG"), _cand(s, "Acme Music", "ORG")]
    assert _spans(s, sorted(bracketed_alias(parse(s), cands), key=lambda c: c.start)) == [
        ("Kestrel Foods", "ORG"), ("Acme Music", "ORG")]
    cands = [_cand(s, "Kestrel Foods", "ORG"), _cand(s, "Orbit Stock Exchange", "ORG"), _cand(s, "Acme Music", "ORG")]
    # the model found the market itself: it is not merged into the company
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Kestrel Foods", "Orbit Stock Exchange", "Acme Music"]


def test_a_firm_named_after_a_person_stays_a_firm():
    s = "Ada Marsh left the show. Marsh said she was sad. Shares in KB Marsh rose."
    cands = [_cand(s, "Ada Marsh", "PERSON"), _cand(s, "Marsh", "PERSON", nth=1), _cand(s, "KB Marsh", "ORG")]
    assert [c.label for c in given_name_person(parse(s), cands)] == ["PERSON", "PERSON", "ORG"]


def test_works_never_outvote_a_person():
    s = "Readers loved Anna Vell. The novel Anna Vell sold well, and Anna Vell the film flopped."
    cands = [_cand(s, "Anna Vell", "PERSON"), _cand(s, "Anna Vell", "WORK_OF_ART", nth=1),
             _cand(s, "Anna Vell", "WORK_OF_ART", nth=2)]
    assert [c.label for c in consistent_types(parse(s), cands)] == ["PERSON", "WORK_OF_ART", "WORK_OF_ART"]


def test_et_al_author():
    s = "The method follows Okafor et al. (2019). Brightwater et al. counted 40 nests. As Ada Lund et al. showed, it works."
    cands = [_cand(s, "Brightwater et al", "ORG"), _cand(s, "Ada Lund", "ORG")]
    out = sorted(et_al_author(parse(s), cands), key=lambda c: c.start)
    assert _spans(s, out) == [("Okafor", "PERSON"), ("Brightwater", "PERSON"), ("Ada Lund", "PERSON")]


def test_an_organisation_before_et_al_is_no_person():
    s = "A survey by the WMO et al. found warming, and NASA et al. released the data."
    cands = [_cand(s, "WMO", "ORG"), _cand(s, "NASA", "ORG")]
    assert _spans(s, et_al_author(parse(s), cands)) == [("WMO", "ORG"), ("NASA", "ORG")]


def test_the_north_and_the_south_of_a_divided_country():
    s = ("North Yemen and South Yemen signed nothing. Later the North won, and the South lost; "
         "prices in the West rose.")
    cands = [_cand(s, "North Yemen", "GPE"), _cand(s, "South Yemen", "GPE"), _cand(s, "North", "LOC", nth=1),
             _cand(s, "South", "LOC", nth=1), _cand(s, "West", "LOC")]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names == ["North Yemen", "South Yemen", "North Yemen", "South Yemen", "West"]
    # two states are no divided country: "the South" is the region
    s = "North Carolina and South Carolina voted early, as did most of the South."
    cands = [_cand(s, "North Carolina", "GPE"), _cand(s, "South Carolina", "GPE"), _cand(s, "South", "LOC", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["North Carolina", "South Carolina", "South"]


def test_the_east_and_the_west_are_blocs_not_halves():
    s = "East Germany and West Germany were rivals. Moscow backed the East, while the West armed its allies."
    cands = [_cand(s, "East Germany", "GPE"), _cand(s, "West Germany", "GPE"), _cand(s, "East", "LOC", nth=1),
             _cand(s, "West", "LOC", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["East Germany", "West Germany", "East", "West"]


def test_a_short_given_name_joins_the_full_one():
    s = "Penelope Quist chaired. Penny Quist and Bill Marlow met Will Marlow; later Penny left."
    cands = [_cand(s, n, "PERSON") for n in ("Penelope Quist", "Penny Quist", "Bill Marlow", "Will Marlow")]
    cands.append(_cand(s, "Penny", "PERSON", nth=1))
    names = [e for e, _ in canonical_names(parse(s), cands)]
    # two short forms of William ("Bill", "Will") may be two people: they stay apart
    assert names == ["Penelope Quist", "Penelope Quist", "Bill Marlow", "Will Marlow", "Penelope Quist"]
    assert nickname_of("Penny", "Penelope") and not nickname_of("Bill", "Will") and not nickname_of("Ann", "Anna")


def test_a_short_given_name_that_fits_two_full_names_stays_apart():
    s = "Pat Lee, a nurse, spoke first. Patricia Lee, her sister, and Patrick Lee, a lawyer, spoke later."
    cands = [_cand(s, n, "PERSON") for n in ("Pat Lee", "Patricia Lee", "Patrick Lee")]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Pat Lee", "Patricia Lee", "Patrick Lee"]
    s = "Christopher Evans, the actor, and Christine Evans, a judge, met Chris Evans, the radio host."
    cands = [_cand(s, n, "PERSON") for n in ("Christopher Evans", "Christine Evans", "Chris Evans")]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Christopher Evans", "Christine Evans", "Chris Evans"]
    # one full name that fits: merged
    s = "Patrick Lee, a lawyer, spoke. Pat Lee said he was glad."
    cands = [_cand(s, n, "PERSON") for n in ("Patrick Lee", "Pat Lee")]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Patrick Lee", "Patrick Lee"]


def test_a_given_name_in_its_own_right_is_no_short_form():
    s = "Will Smith starred in the film. William Smith, a retired teacher from Ohio, watched it."
    cands = [_cand(s, n, "PERSON") for n in ("Will Smith", "William Smith")]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Will Smith", "William Smith"]
    s = "Jack Orme, the senator, met John Orme, the author. Liam Payne sang; William Payne, his uncle, did not."
    cands = [_cand(s, n, "PERSON") for n in ("Jack Orme", "John Orme", "Liam Payne", "William Payne")]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Jack Orme", "John Orme", "Liam Payne",
                                                                "William Payne"]
    s = "Prince Harry visited. Henry Ford built cars, and Harry Ford, his grandson, sold them."
    cands = [_cand(s, "Harry", "PERSON"), _cand(s, "Henry Ford", "PERSON"), _cand(s, "Harry Ford", "PERSON")]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names[1] == "Henry Ford" and names[2] == "Harry Ford" and names[0] != "Henry Ford"
    for short, full in (("Sandra", "Alexandra"), ("Liam", "William"), ("Jack", "John"), ("Drew", "Andrew"),
                        ("Tina", "Christina"), ("Harry", "Henry"), ("Frank", "Francis"), ("Theo", "Theodore"),
                        ("Eliza", "Elizabeth"), ("Will", "William")):
        assert not nickname_of(short, full), short
    assert nickname_of("Larry", "Lawrence") and nickname_of("Bob", "Robert")


def test_acronym_anywhere():
    s = ("NovaDesk released a tool and the Harbour Pilots Guild met. Critics said ND moved fast; the HPG "
         "agreed. McKay phoned MK. The ND Cloud Suite costs ND $ 5.")
    cands = [_cand(s, "NovaDesk", "ORG"), _cand(s, "Harbour Pilots Guild", "ORG"), _cand(s, "McKay", "ORG")]
    out = sorted(acronym_anywhere(parse(s), cands), key=lambda c: c.start)
    # "MK" is no acronym of "McKay" ("Mc" is a family name's prefix, not a word); an acronym opening a longer
    # name or an amount is left alone
    assert _spans(s, out) == [("NovaDesk", "ORG"), ("Harbour Pilots Guild", "ORG"), ("ND", "ORG"), ("HPG", "ORG"),
                              ("McKay", "ORG")]
    assert [e for e, _ in canonical_names(parse(s), out)] == ["NovaDesk", "Harbour Pilots Guild", "NovaDesk",
                                                              "Harbour Pilots Guild", "McKay"]
    assert capitals("NovaDesk") == "ND" and capitals("Nova Desk") == "" and capitals("NOVA") == ""


@pytest.mark.parametrize("s, org", [
    ("Care Excellence Organisation said its CEO resigned on Friday.", "Care Excellence Organisation"),
    ("Pacific Mining shares fell after the PM said taxes would rise.", "Pacific Mining"),
    ("Metro Power raised prices, and a local MP complained.", "Metro Power"),
    ("Insight Technologies cut 200 IT jobs.", "Insight Technologies"),
    ("Harbor Realty said HR staff would move to Boston.", "Harbor Realty"),
    ("Data North America sponsored the DNA study.", "Data North America"),
    ("Global Data Partners said GDP grew 3 percent.", "Global Data Partners"),
    ("Tech Vision bought a TV station. Tech Vision said TV ads rose.", "Tech Vision"),
    ("Lark Valley Mills said a new LVM plant would open.", "Lark Valley Mills"),
])
def test_an_abbreviation_used_as_a_common_noun_is_no_name(s, org):
    # roles, fields and things ("its CEO", "a local MP", "IT jobs", "GDP") are not the firm's short name
    out = acronym_anywhere(parse(s), [_cand(s, org, "ORG")])
    assert [c for c in out if "acronym_anywhere" in c.rules] == []


def test_an_acronym_before_a_noun_is_a_name_when_the_text_uses_it_alone():
    s = "Lark Valley Mills cut jobs. LVM workers walked out, and LVM said it would talk."
    out = acronym_anywhere(parse(s), [_cand(s, "Lark Valley Mills", "ORG")])
    assert _spans(s, [c for c in out if "acronym_anywhere" in c.rules]) == [("LVM", "ORG"), ("LVM", "ORG")]


def test_rule_ablation_table_on_the_report(text):
    table = rule_ablation_table(text, load_gold()).set_index("rule")
    assert list(table.reset_index().columns) == ABLATION_COLUMNS
    assert list(table.index) == ["(all rules)", *RULE_NAMES]
    assert tuple(table.loc["(all rules)", ["mentions", "changed", "strict_f1"]]) == (64, 0, 1.0)
    # without place_context the model's types stay: Tartus an ORG and Khmeimim a PERSON (2 retyped = 4
    # changed); 62 of 64 right on both sides gives F1 62/64
    assert tuple(table.loc["place_context", ["mentions", "changed"]]) == (64, 4)
    assert table.loc["place_context", "strict_f1"] == pytest.approx(62 / 64)
    # without bracketed_acronym the "(HTS)" after the group's full name is lost: 63 found, 1 changed
    assert tuple(table.loc["bracketed_acronym", ["mentions", "changed"]]) == (63, 1)
    no_gold = rule_ablation_table("Talks began at the Kremlin. Lavrov met Blinken. Sergei Lavrov said the talks "
                                  "went well.").set_index("rule")
    assert no_gold.strict_f1.isna().all()
    # only surname_person matters here: without it the first "Lavrov" stays the model's ORG (1 gone, 1 new)
    assert no_gold.changed[no_gold.changed > 0].to_dict() == {"surname_person": 2}


def test_a_university_is_also_called_by_its_place():
    s = ("Ilse Brandt, of the University of Bergen, studies moss. Her fieldwork has been based at Bergen since 2019, "
         "after a degree at Halden College; Halden and Bergen are both towns she loves.")
    cands = [_cand(s, "University of Bergen", "ORG"), _cand(s, "Bergen", "ORG", nth=1),
             _cand(s, "Halden College", "ORG"), _cand(s, "Halden", "ORG", nth=1), _cand(s, "Bergen", "GPE", nth=2)]
    # typed as an organisation, the bare name is the school; typed as a place, a city is the city
    assert [e for e, _ in canonical_names(parse(s), cands)] == [
        "University of Bergen", "University of Bergen", "Halden College", "Halden College", "Bergen"]
    # a part of a university is not what its short name names ("Halden's president"), nor is one of two schools
    s = "The Halden University Law School sued. Halden's president said Halden College and Halden University differ."
    cands = [_cand(s, "Halden University Law School", "ORG"), _cand(s, "Halden", "ORG", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Halden University Law School", "Halden"]
    cands = [_cand(s, "Halden", "ORG", nth=1), _cand(s, "Halden College", "ORG"), _cand(s, "Halden University", "ORG", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Halden", "Halden College", "Halden University"]


def test_a_country_named_without_north_or_south():
    s = "North Macedonia joined the alliance in 2020. Macedonia had waited for years, said its envoy."
    cands = [_cand(s, "North Macedonia", "GPE"), _cand(s, "Macedonia", "GPE", nth=1)]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names[0] == names[1]
    # both halves named: the bare name is neither; a country of its own or a continent stays itself
    s = "North Korea and South Korea met; Korea was once one. South Sudan left Sudan. South Africa leads Africa."
    cands = [_cand(s, n, "GPE") for n in ("North Korea", "South Korea")] + [_cand(s, "Korea", "GPE", nth=2)]
    cands += [_cand(s, "South Sudan", "GPE"), _cand(s, "Sudan", "GPE", nth=1), _cand(s, "South Africa", "GPE"),
              _cand(s, "Africa", "LOC", nth=1)]
    names = [e for e, _ in canonical_names(parse(s), cands)]
    assert names[2] == "Korea" and names[4] != names[3] and names[6] == "Africa"
    # a bare "Korea" in news is the South: beside only North Korea it stays itself
    s = "North Korea fired a missile on Sunday. Korea's largest carmaker said its plants were safe."
    cands = [_cand(s, "North Korea", "GPE"), _cand(s, "Korea", "GPE", nth=1)]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["North Korea", "Korea"]


def test_a_man_and_a_woman_are_no_spelling_variants():
    s = "Eric Lund died in 2014. His daughter Erica Lund spoke, and Daniela Roe thanked Daniel Roe."
    cands = [_cand(s, n, "PERSON") for n in ("Eric Lund", "Erica Lund", "Daniela Roe", "Daniel Roe")]
    assert [e for e, _ in canonical_names(parse(s), cands)] == ["Eric Lund", "Erica Lund", "Daniela Roe", "Daniel Roe"]
    # a woman's name with an "a" or "e" added is the same woman's name spelt another way, not a man's and a
    # woman's (the merge itself also needs spelling_variants, which asks for four letters or more)
    assert not _two_genders("Ann Cole", "Anne Cole") and _two_genders("Eric Lund", "Erica Lund")
    s = "Mirela Praxmar won. Mirella Praxmar thanked her coach."  # one letter inside the name: one person
    cands = [_cand(s, "Mirela Praxmar", "PERSON"), _cand(s, "Mirella Praxmar", "PERSON")]
    assert len({e for e, _ in canonical_names(parse(s), cands)}) == 1


def test_i_in_the_answers_of_an_interview_is_the_interviewee():
    s = ("Harbour pilot Mara Olsen has guided ships for thirty years. Ada Brook spoke with Mara Olsen in May.\n\n"
         "What drew you to the sea?\n\n"
         "My father was a fisherman, and I loved the boats. When I was twelve I steered one.\n\n"
         "Do you still sail?\n\n"
         "I do, every weekend.")
    p = pronoun_mentions(s)
    # the introduction names Mara Olsen twice and Ada Brook once; the questions are the interviewer's
    assert p.entity.tolist() == ["Mara Olsen"] * 5
    # an answer may end on a question of its own: a long paragraph is no question
    long_answer = "I think so. " + "We sail when the wind is kind and the sea is calm. " * 10 + "Why not?"
    u = s.replace("I do, every weekend.", long_answer + "\n\nIs it safe?\n\nMostly.")
    assert pronoun_mentions(u).entity.tolist() == ["Mara Olsen"] * 5
    # no questions, no interview: a first person outside quotes is left alone
    t = "Mara Olsen guides ships. I met her in May, and my notes say so."
    assert pronoun_mentions(t).set_index("text").entity.isna().tolist() == [True, False, True]


_QA = "\n\nWhy did you stay?\n\nI waited long enough. My family agreed.\n\nAnd next?\n\nI rest."


def test_the_interviewee_is_the_one_an_interview_verb_points_to():
    # the reporter is named more often than the person she questions
    s = ("Our reporter Ada Brook sat down with the ferry captain Mara Olsen in May. Ada Brook has followed the "
         "ferry strike since spring, and Ada Brook wrote these questions." + _QA)
    assert pronoun_mentions(s).entity.tolist() == ["Mara Olsen"] * 3
    # the introduction is about a historical figure, named more often than the historian questioned
    s = ("Carl Jensen has written three books about Winston Churchill. Winston Churchill led Britain through the "
         "war, and Winston Churchill wrote his own speeches. The Harbour Herald interviewed Jensen about his new book." + _QA)
    assert pronoun_mentions(s).entity.tolist()[-3:] == ["Carl Jensen"] * 3
    # other forms: the person who told a news outlet, the founder in apposition, the passive
    mentions = entity_mentions
    for intro in ("Tom Berg heads the union. Tom Berg called the strike, and Ilse Brandt told the Harbour Herald why.",
                  "Tom Berg left in May; Tom Berg sold it. The Harbour Herald interviewed its founder, Ilse Brandt.",
                  "Tom Berg and Tom Berg's team lost. Ilse Brandt was interviewed by the Harbour Herald."):
        s = intro + _QA
        assert interview_answers(s, mentions(s))[0] == "Ilse Brandt", intro
    s = "Nora Lane\n\nTom Berg and Tom Berg's crew left. The Harbour Herald spoke with Nora Lane." + _QA  # a name alone
    assert interview_answers(s, mentions(s))[0] == "Nora Lane"


def test_an_explainer_with_question_subheads_is_no_interview():
    s = ("Prime Minister David Lane announced a levy on sweet drinks on Monday. David Lane said it would start "
         "in May.\n\nWhat is the levy?\n\nA charge on every can. I asked a grocer what she thought, and she "
         "shrugged.\n\nWho pays?\n\nThe makers pay, though prices may rise.")
    assert interview_answers(s, entity_mentions(s)) == (None, [])
    assert pronoun_mentions(s).set_index("text").loc[["I"], "entity"].isna().all()


def test_the_interviewee_is_not_someone_the_questions_name():
    # with no interview verb: the person named most who is not asked about (questions name third parties)
    s = ("Lena Dahl bakes in Oslo. Her cake named after the mayor, Jon Holm, sold out. Jon Holm had mocked "
         "bakers, and Jon Holm later laughed.\n\nWhat did Jon Holm say about the cake?\n\nHe called it "
         "too sweet. I disagreed.\n\nWill you bake more?\n\nI will.")
    assert interview_answers(s, entity_mentions(s))[0] == "Lena Dahl"
    assert pronoun_mentions(s).set_index("text").loc[["I"], "entity"].tolist() == ["Lena Dahl"] * 2


def test_he_and_she_follow_the_given_name():
    s = "Nora Lane met Tom Berg. She said the plan was good."
    # the nearest person has a man's given name: "She" is the woman named before him
    assert pronoun_mentions(s).entity.tolist() == ["Nora Lane"]
    s = "Tom Berg met Nora Lane on Monday. He thanked her."
    assert pronoun_mentions(s).entity.tolist() == ["Tom Berg", "Nora Lane"]
    s = "Jordan Reyes met Sam Kowal. He said the plan was good."  # given names of both genders: the subject
    assert pronoun_mentions(s).entity.tolist() == ["Jordan Reyes"]
    assert pronoun_mentions(s, pronoun_rules=["recent_person"]).entity.tolist() == ["Sam Kowal"]  # else the nearest


def test_they_is_a_group_that_is_the_subject_of_its_clause():
    s = "Norbank said on Monday that they would lend more. Staff at Norbank said they were tired."
    p = pronoun_mentions(s)
    # the bank is the subject in the first sentence; in the second the staff, not the bank, are tired
    assert p.entity.fillna("-").tolist() == ["Norbank", "-"]
    # only "they" as the subject of what the group says: not a group in a relative clause, nor "their"
    s = ("People who used Norbank said they were tired. Norbank and Orbit showed their plans, and critics "
         "praised them.")
    assert pronoun_mentions(s).entity.isna().all()


def test_a_quote_keeps_its_speaker_into_the_next_sentences():
    s = ('After the vote, Clara Vos, the mayor, said, "I am glad." Tom Berg said. "I will go home. My feet hurt."\n\n'
         '"I disagree," wrote a reader.')
    p = pronoun_mentions(s)
    # the speaker is the head of a two-word name ("Vos"); the quote after "Tom Berg said." is his;
    # a new paragraph starts without a speaker
    assert p.entity.fillna("-").tolist() == ["Clara Vos", "Tom Berg", "Tom Berg", "-"]


def test_merges_are_a_table_of_named_steps():
    table = merges_table()
    assert table.step.tolist() == MERGE_NAMES and table.reason.str.len().min() > 10
    s = "Nora Lane of the Halden Rowing Club spoke. Lane said the HRC would race."
    cands = [_cand(s, "Nora Lane", "PERSON"), _cand(s, "Halden Rowing Club", "ORG"), _cand(s, "Lane", "PERSON", nth=1),
             _cand(s, "HRC", "ORG")]
    doc = parse(s)
    assert [e for e, _ in canonical_names(doc, cands)] == ["Nora Lane", "Halden Rowing Club", "Nora Lane",
                                                           "Halden Rowing Club"]
    # each step can be left out by name: without "organisations" the acronym stays itself
    assert [e for e, _ in canonical_names(doc, cands, merges=["shared_surname"])] == ["Nora Lane", "Halden Rowing Club",
                                                                              "Nora Lane", "HRC"]
    assert [e for e, _ in canonical_names(doc, cands, merges=[])][2] == "Lane"
    with pytest.raises(ValueError, match="unknown merges"):
        canonical_names(doc, cands, merges=["people"])


# --- the person rules and pronoun rules, one named row each (review s5 S5) ---------------------


def _merged(s: str, cands, merges=None) -> list[str]:
    return [e for e, _ in canonical_names(parse(s), cands, merges=merges)]


def _without(rule: str) -> list[str]:
    return [m for m in MERGE_NAMES if m != rule]


@pytest.mark.parametrize("rule, s, people, merged, apart", [
    ("longer_full_name", "Maria T. Olsen opened the clinic. Maria Olsen said it would stay open.",
     ["Maria T. Olsen", "Maria Olsen"], ["Maria T. Olsen"] * 2, ["Maria T. Olsen", "Maria Olsen"]),
    ("spelling_variant", "Katharina Novak won the vote. Katarina Novak thanked her staff.",
     ["Katharina Novak", "Katarina Novak"], ["Katarina Novak"] * 2, ["Katharina Novak", "Katarina Novak"]),
    ("short_given_name", "Robert Hale chaired the board. Bob Hale thanked the staff.",
     ["Robert Hale", "Bob Hale"], ["Robert Hale"] * 2, ["Robert Hale", "Bob Hale"]),
    ("shared_surname", "Ilse Varga opened the bakery. Varga said bread would stay cheap.",
     ["Ilse Varga", "Varga"], ["Ilse Varga"] * 2, ["Ilse Varga", "Varga"]),
    ("given_name_alone", "Oskar Lindqvist coached the team. Oskar said the players were tired.",
     ["Oskar Lindqvist", "Oskar"], ["Oskar Lindqvist"] * 2, ["Oskar Lindqvist", "Oskar"]),
    ("misspelt_surname", "Greta Halvorsen led the survey. Halvorson said the ice was thinning.",
     ["Greta Halvorsen", "Halvorson"], ["Greta Halvorsen"] * 2, ["Greta Halvorsen", "Halvorson"]),
])
def test_each_person_rule_joins_its_own_sentence(rule, s, people, merged, apart):
    # the row's own sentence: with every rule the names are one person; with the row switched off, two
    cands = [_cand(s, people[0], "PERSON"), _cand(s, people[1], "PERSON", nth=1 if people[1] in people[0] else 0)]
    assert _merged(s, cands) == merged
    assert _merged(s, cands, merges=_without(rule)) == apart


def test_longer_full_name_rule():
    # two full names that share only the family name are two people
    s = "Glenn Arvid Lawhon sued. Lester Lawhon, his brother, did not."
    cands = [_cand(s, "Glenn Arvid Lawhon", "PERSON"), _cand(s, "Lester Lawhon", "PERSON")]
    assert _merged(s, cands, merges=["longer_full_name"]) == ["Glenn Arvid Lawhon", "Lester Lawhon"]


def test_spelling_variant_rule():
    # a man's and a woman's given name are not one name misspelt
    s = "Eric Lund founded the firm. Erica Lund runs it now."
    assert _merged(s, [_cand(s, "Eric Lund", "PERSON"), _cand(s, "Erica Lund", "PERSON")]) == ["Eric Lund", "Erica Lund"]


def test_short_given_name_rule():
    # a short given name that fits two people joins neither
    s = "Patricia Lee and Patrick Lee argued. Pat Lee left."
    cands = [_cand(s, n, "PERSON") for n in ("Patricia Lee", "Patrick Lee", "Pat Lee")]
    assert _merged(s, cands) == ["Patricia Lee", "Patrick Lee", "Pat Lee"]


def test_shared_surname_rule():
    # an honorific that fits no one leaves the bare name to herself (and stops the later person rules)
    s = "John Carter, a miner, died. Mrs. Carter said she had warned him."
    cands = [_cand(s, "John Carter", "PERSON"), _cand(s, "Carter", "PERSON", nth=1)]
    assert _merged(s, cands) == ["John Carter", "Carter"]


def test_given_name_alone_rule():
    # a given name two full names start with stays itself
    s = "Oskar Lindqvist and Oskar Berg coached. Oskar said the players were tired."
    cands = [_cand(s, "Oskar Lindqvist", "PERSON"), _cand(s, "Oskar Berg", "PERSON"),
             _cand(s, "Oskar", "PERSON", nth=2)]
    assert _merged(s, cands) == ["Oskar Lindqvist", "Oskar Berg", "Oskar"]


def test_misspelt_surname_rule():
    # short family names are not guessed: one letter changes a short name into another name
    s = "Greta Hale led the survey. Hall said the ice was thinning."
    assert _merged(s, [_cand(s, "Greta Hale", "PERSON"), _cand(s, "Hall", "PERSON")]) == ["Greta Hale", "Hall"]


def test_person_rules_are_rows_of_the_merges_table():
    table = merges_table()
    persons = table.head(6)  # they come first, as the one step they were did
    assert persons.step.tolist() == ["longer_full_name", "spelling_variant", "short_given_name", "shared_surname",
                                     "given_name_alone", "misspelt_surname"]
    assert all(t.startswith("test_") and t in globals() for t in table.test)  # every row names a test of this file


_PRONOUN_CASES = {
    "subject_person": ("Maria Olsen met Eva Lund on Monday. She said the talks went well.", "She", "Maria Olsen"),
    "recent_person": ("The clinic hired Maria Olsen on Monday. She said it would stay open.", "She", "Maria Olsen"),
    "group_said_they": ("The Halden Rowing Club told Norbank that they would race in May.", "they",
                        "Halden Rowing Club"),
    "group_subject_they": ("The Halden Rowing Club lost on Sunday, and their coach resigned.", "their",
                           "Halden Rowing Club"),
    "plural_group_they": ("The vote went badly for the Greens. They lost four seats.", "They", "Greens"),
    "quote_speaker": ('Maria Olsen said: "I will keep the clinic open."', "I", "Maria Olsen"),
    "interviewee": ("Harbour pilot Mara Olsen has guided ships for years. Ada Brook spoke with Mara Olsen.\n\n"
                    "Why did you stay?\n\nI liked the work.\n\nAnd next?\n\nA rest.", "I", "Mara Olsen"),
}


def _resolved(s: str, word: str, pronoun_rules=None):
    p = pronoun_mentions(s, pronoun_rules=pronoun_rules)
    return p.loc[p.text == word, "entity"].iloc[0]


@pytest.mark.parametrize("rule", list(_PRONOUN_CASES))
def test_each_pronoun_rule_resolves_its_own_sentence(rule):
    s, word, entity = _PRONOUN_CASES[rule]
    assert _resolved(s, word) == entity
    # switched off: unresolved, or (a rule that prefers one person to another) the other
    off = _resolved(s, word, [r for r in PRONOUN_RULE_NAMES if r != rule])
    assert off == "Eva Lund" if rule == "subject_person" else pd.isna(off)
    assert _resolved(s, word, [rule]) == entity  # the row alone does it


def test_subject_person_rule():
    s, word, entity = _PRONOUN_CASES["subject_person"]
    assert _resolved(s, word, ["subject_person"]) == entity
    # a name in apposition is no new subject
    p = pronoun_mentions("Maria Olsen wrote to her sister, Eva Lund, when she left.")
    assert p.entity.tolist() == ["Maria Olsen", "Maria Olsen"]
    assert _resolved("Maria Olsen wrote to her sister, Eva Lund, when she left.", "she", ["recent_person"]) == "Eva Lund"
    # another woman named in the pronoun's own sentence, not in apposition, is the nearer topic
    assert _resolved("Maria Olsen spoke. The board thanked Eva Lund, and she smiled.", "she") == "Eva Lund"
    # only a subject "she" goes on with the subject: an object is the nearest person
    assert _resolved("Maria Olsen met Eva Lund. The mayor thanked her.", "her") == "Eva Lund"
    # only the subject of the main clause (or one joined to it) goes on: not of what was said, nor of "after ..."
    assert _resolved("John Smith said Tom Ford had lied. He added that he would sue.", "He") == "John Smith"
    assert _resolved("Ida Berg resigned after Eva Lund's report. She gave no reason.", "She") == "Ida Berg"
    assert _resolved("Paul Hart left on Friday, and Tom Ford stayed. He was tired.", "He") == "Tom Ford"
    # no further back than the nearest-person rule looks: the name, not a she resolved to it, must be that near
    p = pronoun_mentions("Maria Olsen opened the clinic. It was full. She said so. She smiled.")
    assert p.entity.iloc[0] == "Maria Olsen" and pd.isna(p.entity.iloc[1])


def test_recent_person_rule():
    s, word, entity = _PRONOUN_CASES["recent_person"]
    assert _resolved(s, word, ["recent_person"]) == entity
    assert pd.isna(_resolved(s.replace("She", "He"), "He"))  # the given name is a woman's


def test_group_said_they_rule():
    s, word, entity = _PRONOUN_CASES["group_said_they"]
    assert _resolved(s, word, "group_said_they") == entity
    # whatever stands between the group and its "they": a plural noun, another organisation
    s = "The Halden Rowing Club said after two meetings with Norbank that they would race."
    assert _resolved(s, "they") == "Halden Rowing Club"
    assert pd.isna(_resolved("The Halden Rowing Club lost, and their coach left.", "their", "group_said_they"))


def test_group_subject_they_rule():
    s, word, entity = _PRONOUN_CASES["group_subject_they"]
    assert _resolved(s, word, "group_subject_they") == entity
    assert _resolved("The Halden Rowing Club said they would race in May.", "they") == "Halden Rowing Club"
    assert _resolved("Norbank said a part of their plan failed.", "their") == "Norbank"  # a subject around "their"
    assert _resolved("Norbank hired Tom Berg, and they started in May.", "they") == "Norbank"  # one person is no "they"
    for s, word in [
        ("The Halden Rowing Club said the new boats were late, and they cost too much.", "they"),  # the boats
        ("The Halden Rowing Club thanked them.", "them"),  # would be "themselves"
        ("The rowers the Halden Rowing Club hired said they were tired.", "they"),  # the rowers
        ("Norbank and Orbit showed their plans.", "their"),  # both
        ("Norbank reported that the ministry was waiting until they could check the loans.", "they"),  # the ministry
        ("Norbank hired Mara Olsen and Tom Berg, and they started in May.", "they"),  # the two hired
        ("Norbank said Orbit had cheated. They will sue.", "They"),  # Norbank, if anyone: not a reported subject
    ]:
        assert pd.isna(_resolved(s, word)), s


def test_plural_group_they_rule():
    s, word, entity = _PRONOUN_CASES["plural_group_they"]
    assert _resolved(s, word, "plural_group_they") == entity
    assert _resolved("The vote went badly for the Liberals. They lost four seats.", "They") == "Liberals"
    # a later sentence's "they", or a subject "they", is rather the plural subject of the group's clause
    assert pd.isna(_resolved("The new rules do not cover the Liberals. They start in May.", "They"))
    assert pd.isna(_resolved("The farmers voted for the Greens, and they now march every week.", "they"))
    # or its subject when the group is its object and the subject is no person
    assert pd.isna(_resolved("The alliance beat the Liberals. They won most seats.", "They"))
    assert _resolved("Ida Berg joined the Greens in May. They gave her a seat.", "They") == "Greens"
    # a group that is a subject nearby makes it a guess; a group after a plural noun and "of" describes it
    assert pd.isna(_resolved("The Liberals hope to win Greens to their side.", "their"))
    assert pd.isna(_resolved("Fans of the Greens painted their faces green at the rally.", "their"))
    # a people named by a demonym is not the country its entity is
    assert pd.isna(_resolved("Norway taxes oil. Norwegians say they pay a lot.", "they"))


def test_quote_speaker_rule():
    s, word, entity = _PRONOUN_CASES["quote_speaker"]
    assert _resolved(s, word, ["quote_speaker"]) == entity
    # two apostrophes for a quotation mark, as some wires write them
    assert _resolved("Maria Olsen said, ''I am glad the clinic is open.''", "I") == "Maria Olsen"
    # `` opens and '' closes: the narration after it is outside quotes, and so a later "..." quote is a quote
    s = "Maria Olsen said, ``I am glad the clinic is open.'' Tom Berg said he agreed. \"I do too,\" said Tom Berg."
    assert pronoun_mentions(s).entity.tolist() == ["Maria Olsen", "Tom Berg", "Tom Berg"]
    s = "Maria Olsen said, ``The clinic is open.'' Then she left, and Eva Lund said I was wrong."
    assert _resolved(s, "she") == "Maria Olsen" and pd.isna(_resolved(s, "I"))
    # in a text that opens with ``, a '' with nothing open closes nothing (here a quote ran into a new paragraph)
    s = "Maria Olsen said, ``We open today.\n\nWe stay open all week.'' Eva Lund agreed. \"I do too,\" said Tom Berg."
    assert _resolved(s, "I") == "Tom Berg"
    # '' after a number is an inch mark, no quote
    assert _resolved("Tom Berg said the door was 30'' wide. Maria Olsen said, \"I like it.\"", "I") == "Maria Olsen"
    # outside quotes, in no interview, "I" is left alone even with every rule
    assert pd.isna(_resolved("Maria Olsen opened the clinic, and I went.", "I"))


def test_interviewee_rule():
    s, word, entity = _PRONOUN_CASES["interviewee"]
    assert _resolved(s, word, ["interviewee"]) == entity


def test_pronoun_rules_are_a_table_of_named_rules():
    table = pronoun_rules_table()
    assert table.rule.tolist() == PRONOUN_RULE_NAMES == ["subject_person", "recent_person", "group_said_they", "group_subject_they",
                                                         "plural_group_they", "quote_speaker", "interviewee"]
    assert table.pronouns.tolist() == ["he, she", "he, she", "they", "they", "they", "I", "I"] and table.reason.str.len().min() > 10
    assert all(t in globals() for t in table.test)
    s = _PRONOUN_CASES["recent_person"][0]
    assert pronoun_mentions(s, pronoun_rules=[]).entity.isna().all()
    with pytest.raises(ValueError, match="unknown pronoun rules"):
        pronoun_mentions(s, pronoun_rules=["she"])


def test_entity_mentions_with_merges_named():
    s = "Mayor Nora Lindqvist opened the bridge on Monday. Lindqvist said it was safe."
    assert entity_mentions(s).entity.tolist() == ["Nora Lindqvist", "Nora Lindqvist"]
    without = [m for m in MERGE_NAMES if m != "shared_surname"]
    assert entity_mentions(s, merges=without).entity.tolist() == ["Nora Lindqvist", "Lindqvist"]
    with pytest.raises(ValueError, match="unknown merges"):
        entity_mentions(s, merges=["persons"])
