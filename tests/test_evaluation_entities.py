"""Scorers of utils.evaluation.entities on hand-made gold (tests/fixtures/gold), numbers computed by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from utils.entities import MERGE_NAMES
from utils.evaluation.entities import (
    COUNT_COLUMNS,
    LABEL_TO_TYPE,
    SCORE_COLUMNS,
    canonical_counts,
    gum_named_mentions,
    gum_pronouns,
    judged_only,
    merge_ablation,
    predicted_mentions,
    rule_ablation,
    score_mentions,
    score_pronouns,
    score_pronouns_by_kind,
    strict_counts_by_document,
)
from utils.evaluation.gum import read_gum

GOLD = Path(__file__).parent / "fixtures" / "gold"


def _frame(rows, columns=("doc", "start", "end", "type", "entity")):
    return pd.DataFrame(rows, columns=list(columns))


def test_gold_named_mentions_follow_the_documented_convention():
    doc = read_gum(GOLD / "names.conllu")
    g = gum_named_mentions(doc)
    assert [doc.text[s:e] for s, e in zip(g.start, g.end, strict=True)] == g.text.tolist()
    # titles are dropped, "the" is not part of a name, "of" joins an organisation's name, the nested
    # place does not count (flat names); "Germans" (a demonym) and "a Star Wars fan" (described, not
    # named) are not names
    assert list(zip(g.text, g.type, strict=True)) == [
        ("Mara Lind", "person"), ("Riverton Rovers", "organization"), ("Tom Okafor", "person"),
        ("Lind", "person"), ("Bank of England", "organization"), ("Rovers", "organization"),
    ]
    assert g.entity.tolist() == ["1", "2", "3", "1", "4", "2"]


def test_strict_and_relaxed_scores_by_hand():
    gold = _frame([("d", 0, 9, "person", "a"), ("d", 20, 30, "place", "b"), ("d", 40, 50, "organization", "c"),
                   ("e", 0, 5, "person", "x")])
    pred = _frame([("d", 0, 9, "person", "A"),          # strict hit
                   ("d", 16, 30, "place", "B"),         # relaxed hit only (overlap, same type)
                   ("d", 40, 50, "person", "C"),        # right span, wrong type: a miss in both
                   ("d", 60, 65, "place", "D"),         # spurious
                   ("e", 0, 5, "person", "X")])         # strict hit in another document
    s = score_mentions(pred, gold).set_index(["type", "match"])
    assert list(s.reset_index().columns) == SCORE_COLUMNS
    # strict: tp 2 (d 0-9, e 0-5), fp 3, fn 2 -> P 2/5, R 2/4, F1 = 2*0.4*0.5/0.9 = 0.444
    assert tuple(s.loc[("all", "strict"), ["tp", "fp", "fn"]]) == (2, 3, 2)
    assert s.loc[("all", "strict"), "f1"] == pytest.approx(4 / 9)
    # relaxed: the place counts too: tp 3, fp 2, fn 1 -> P 0.6, R 0.75, F1 = 0.9/1.35 = 0.667
    assert tuple(s.loc[("all", "relaxed"), ["tp", "fp", "fn"]]) == (3, 2, 1)
    assert s.loc[("all", "relaxed"), "f1"] == pytest.approx(2 / 3)
    # per type: person strict tp 2 of 3 predicted, 2 gold -> P 2/3, R 1; organisation 0 of 1
    assert s.loc[("person", "strict"), "precision"] == pytest.approx(2 / 3)
    assert s.loc[("person", "strict"), "recall"] == 1.0
    assert s.loc[("organization", "strict"), "f1"] == 0.0
    # per document: d has 1 strict hit of 4 predictions and 3 gold mentions, e 1 of 1 and 1
    by_doc = strict_counts_by_document(pred, gold)
    assert by_doc.values.tolist() == [["d", 1, 4, 3], ["e", 1, 1, 1]]


def test_relaxed_match_is_one_to_one():
    gold = _frame([("d", 0, 20, "organization", "a")])
    pred = _frame([("d", 0, 5, "organization", "A"), ("d", 10, 20, "organization", "B")])
    s = score_mentions(pred, gold).set_index(["type", "match"])
    assert tuple(s.loc[("all", "relaxed"), ["tp", "fp", "fn"]]) == (1, 1, 0)


def test_canonical_counts_by_hand():
    gold = pd.DataFrame({"doc": "d", "start": [0, 30, 60, 90, 120], "end": [10, 35, 65, 95, 125],
                         "entity": ["1", "1", "1", "2", "2"], "text": ["Mara Lind", "Lind", "Lind", "Oslo", "Oslo"]})
    # entity 1: one predicted entity with 3 mentions -> right; entity 2: the second "Oslo" is missed
    pred = pd.DataFrame({"doc": "d", "start": [0, 30, 60, 90], "end": [10, 35, 65, 95],
                         "entity": ["Mara Lind"] * 3 + ["Oslo"]})
    c = canonical_counts(pred, gold)
    assert list(c.columns) == COUNT_COLUMNS
    assert c.right.tolist() == [True, False]
    assert c.text.tolist() == ["Mara Lind", "Oslo"]
    assert c.pred_mentions.tolist() == [3, 1]
    # a split entity is wrong even when the counts add up
    split = pred.assign(entity=["Mara Lind", "Lind", "Lind", "Oslo"])
    assert canonical_counts(split, gold).right.tolist() == [False, False]


def test_scorers_refuse_frames_without_the_columns():
    with pytest.raises(ValueError, match="lacks the columns"):
        score_mentions(pd.DataFrame({"start": [1]}), _frame([]))
    with pytest.raises(TypeError, match="must be a DataFrame"):
        canonical_counts([], _frame([]))


def test_predicted_mentions_map_labels_to_gum_types():
    text = "Engineers from Siemens met German officials in Berlin."
    p = predicted_mentions("x", text)
    assert set(p.type) <= set(LABEL_TO_TYPE.values())
    # ORG -> organization, GPE -> place; "German" (NORP) is not scored
    assert list(zip(p.text, p.type, strict=True)) == [("Siemens", "organization"), ("Berlin", "place")]


def test_rule_ablation_has_a_row_per_rule():
    texts = {"x": "Olaf Scholz met Siemens engineers in Berlin. Scholz said so."}
    gold = _frame([("x", 0, 11, "person", "1"), ("x", 37, 43, "place", "2"), ("x", 45, 51, "person", "1")])
    a = rule_ablation(texts, gold, rules=["strip_possessive"])
    assert a.rule.tolist() == ["(all rules)", "(no rules)", "strip_possessive"]
    assert a.delta.iloc[0] == 0.0


def test_merge_ablation_by_hand():
    t = "Mayor Nora Lindqvist opened the bridge in Oslo on Monday. Lindqvist said it was safe."
    i = t.index("Lindqvist said")
    gold = pd.DataFrame([("x", 6, 20, "person", "1", "Nora Lindqvist"), ("x", i, i + 9, "person", "1", "Lindqvist")],
                        columns=["doc", "start", "end", "type", "entity", "text"])
    a = merge_ablation({"x": t}, gold).set_index("step")
    assert a.index.tolist() == ["(all steps)", *MERGE_NAMES]
    # with every step the one gold entity is counted right (2 mentions); without shared_surname the bare
    # "Lindqvist" is an entity of its own, so the share drops from 1 to 0; no other step matters here
    assert a.loc["(all steps)", "right"] == 1.0
    assert a.delta[a.delta != 0].to_dict() == {"shared_surname": -1.0}


def test_relaxed_is_never_below_strict():
    # nested gold: "Bank of England" (organization) holds "England" (place); the place prediction
    # must not be used up by the organisation it overlaps
    gold = _frame([("d", 0, 15, "organization", "a"), ("d", 8, 15, "place", "b")])
    pred = _frame([("d", 8, 15, "place", "B")])
    s = score_mentions(pred, gold).set_index(["type", "match"])
    assert tuple(s.loc[("all", "strict"), ["tp", "fp", "fn"]]) == (1, 0, 1)
    assert tuple(s.loc[("all", "relaxed"), ["tp", "fp", "fn"]]) == (1, 0, 1)


def test_score_pronouns_by_hand():
    # gold chain "1" is named at 0-9 and referred to by pronouns at 20-22 and 40-43; chain "2" at 60-65
    gold = _frame([("d", 0, 9, "person", "1"), ("d", 60, 65, "person", "2")])
    gold_pron = pd.DataFrame({"doc": "d", "start": [20, 40], "end": [22, 43], "entity": ["1", "1"]})
    pred = _frame([("d", 0, 9, "person", "Mara Lind"), ("d", 60, 65, "person", "Okafor")])
    # right (20-22 -> Mara Lind = chain 1), wrong (40-43 -> Okafor = chain 2), spurious (70-72)
    pron = pd.DataFrame({"doc": "d", "start": [20, 40, 70, 80], "end": [22, 43, 72, 82],
                         "entity": ["Mara Lind", "Okafor", "Okafor", None]})
    s = score_pronouns(pron, pred, gold_pron, gold).iloc[0]
    assert (s.tp, s.fp, s.fn) == (1, 2, 1)
    assert s.precision == pytest.approx(1 / 3) and s.recall == 0.5


def test_score_pronouns_by_kind_by_hand():
    gold = _frame([("d", 0, 9, "person", "1"), ("d", 60, 65, "organization", "2")])
    gold_pron = pd.DataFrame({"doc": "d", "start": [20, 40, 50], "end": [22, 43, 54], "text": ["he", "I", "They"],
                              "entity": ["1", "1", "2"]})
    pred = _frame([("d", 0, 9, "person", "Tom Lind"), ("d", 60, 65, "organization", "Norbank")])
    # "he" right; "I" unresolved; "They" given to the person, and another "they" spurious
    pron = pd.DataFrame({"doc": "d", "start": [20, 40, 50, 70], "end": [22, 43, 54, 74], "kind": ["he", "I", "they", "they"],
                         "entity": ["Tom Lind", None, "Tom Lind", "Norbank"]})
    s = score_pronouns_by_kind(pron, pred, gold_pron, gold).set_index("kind")
    assert s.index.tolist() == ["he/she", "they", "I"]
    assert tuple(s.loc["he/she", ["tp", "fp", "fn"]]) == (1, 0, 0)
    assert tuple(s.loc["they", ["tp", "fp", "fn"]]) == (0, 2, 1)
    assert tuple(s.loc["I", ["tp", "fp", "fn"]]) == (0, 0, 1) and s.loc["I", "f1"] == 0.0


def test_gum_pronouns_of_named_chains():
    doc = read_gum(GOLD / "mini.conllu")
    named = gum_named_mentions(doc)
    p = gum_pronouns(doc, named)
    # "she" belongs to Ana Ruiz's chain; "It" (an event) is no pronoun of a named chain
    assert list(zip(p.text, p.entity, strict=True)) == [("she", "1")]


def test_gold_names_in_apposition_roles_and_split_chains():
    doc = read_gum(GOLD / "roles.conllu")
    g = gum_named_mentions(doc)
    # "Geologist Pia Sandoval": the name stands beside the role noun (GUM's minimal span holds only the
    # noun); "the Chief Treasurer" is a role, not a name; the title "Professor" heads its mention and
    # is not part of the name; the second "Sandoval" is in a chain of its own in the file, but its
    # Wikipedia identity is Pia Sandoval's, so it is the same gold entity
    assert list(zip(g.text, g.type, g.entity, strict=True))[:6] == [
        ("Pia Sandoval", "person", "1"), ("Sandoval", "person", "1"), ("Tom Reed", "person", "4"),
        ("Reed", "person", "4"),
        ("Estmark", "place", "5"),  # a place named in apposition to a common noun, as a person is
        ("Ada Player", "person", "7"),  # "Woman of the Year" is a role; a surname may be an occupation noun
    ]


def test_nicknames_and_a_surname_before_of_stay_names():
    g = gum_named_mentions(read_gum(GOLD / "roles.conllu"))
    # "the Lamplighter" ends in no role noun: a nickname is a name; "Wu of the Green Party" is a surname
    assert ("Lamplighter", "person") in set(zip(g.text, g.type, strict=True))
    assert ("Wu", "person") in set(zip(g.text, g.type, strict=True))
    assert not set(g.text) & {"Treasurer", "Chief Treasurer", "Woman"}
    # a title heading proper nouns that are its compounds is a character's name, title and all
    assert g.text.iloc[-1] == "Captain Comet"


def test_a_person_name_starts_after_a_title_and_a_place_inside_it():
    g = gum_named_mentions(read_gum(GOLD / "titles.conllu"))
    # a proper noun before a title modifies the office, not a character's name ("Captain Comet");
    # a place GUM marks inside the person's mention is a name of its own, not part of the person's
    assert list(zip(g.text, g.type, strict=True)) == [
        ("Ann Cole", "person"), ("Valdor Islands", "place"), ("Ben Ortiz", "person")]


def test_chains_join_by_identity_only_with_one_type():
    g = gum_named_mentions(read_gum(GOLD / "roles.conllu"))
    # the council and the village share the identity "Estmark" but are two things; the second
    # "Estmark" (a place with that identity) joins the village's chain
    assert list(zip(g.text, g.type, g.entity, strict=True))[-3:-1] == [
        ("Estmark Council", "organization", "11"), ("Estmark", "place", "5")]


def test_judged_only_leaves_out_names_gold_marks_no_mention_for():
    gold = _frame([("d", 10, 20, "person", "1")])
    mentions = pd.DataFrame({"doc": ["d", "d", "d"], "start": [0, 40, 60], "end": [25, 45, 90]})
    pred = _frame([("d", 4, 9, "organization", "A"),     # inside a longer mention, none of its own: left out
                   ("d", 12, 20, "person", "B"),         # overlaps a gold name
                   ("d", 40, 45, "place", "C"),          # holds a gold mention (a named one or not)
                   ("d", 70, 75, "organization", "A"),   # a modifier inside "the X alliance": left out
                   ("e", 0, 5, "place", "D")])           # a document without gold mentions
    assert judged_only(pred, mentions, gold).entity.tolist() == ["B", "C"]


def test_judged_only_agrees_with_the_pairwise_definition():
    import random

    rnd = random.Random(7)

    def spans(n, doc):
        out = []
        for _ in range(n):
            s = rnd.randrange(0, 200)
            out.append((doc, s, s + rnd.randrange(1, 15)))
        return out

    mentions = pd.DataFrame(spans(60, "d") + spans(20, "e"), columns=["doc", "start", "end"])
    gold = _frame([(*x, "person", "g") for x in spans(25, "d")])
    pred = _frame([(*x, "person", str(k)) for k, x in enumerate(spans(80, "d") + spans(10, "f"))])
    want = [e for d, ps, pe, e in zip(pred.doc, pred.start, pred.end, pred.entity, strict=True)
            if any(md == d and ms >= ps and me <= pe for md, ms, me in zip(mentions.doc, mentions.start, mentions.end, strict=True))
            or any(gd == d and gs < pe and ge > ps for gd, gs, ge in zip(gold.doc, gold.start, gold.end, strict=True))]
    assert judged_only(pred, mentions, gold).entity.tolist() == want and 0 < len(want) < len(pred)
