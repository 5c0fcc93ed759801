"""utils.sources: beliefs and plans (BELIEF_RULES), each rule with a sentence of our own, and the
false positives they must not give."""

from __future__ import annotations

import warnings

import pytest

from utils.sources import (
    _CUE_VERBS,
    _RULE_LEMMAS,
    ATTRIBUTION_COLUMNS,
    BELIEF_KIND,
    BELIEF_RULES,
    COMPLEMENTS,
    SPEECH_NOUNS,
    attributions,
)


def _beliefs(text: str) -> list[list]:
    """``[source, cue, cue_rule, claim]`` of every belief or plan found."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = attributions(text, include_beliefs=True)
    found = found[found.cue_kind == BELIEF_KIND]
    return found[["source", "cue", "cue_rule", "claim"]].values.tolist()


def test_the_rule_table_is_well_formed():
    names = [r.name for r in BELIEF_RULES]
    assert len(names) == len(set(names))
    for rule in BELIEF_RULES:
        assert rule.part in ("verb", "adjective", "noun") and rule.complements and rule.reason
        assert set(rule.complements) <= set(COMPLEMENTS)
    # no belief verb is also a speech or claim verb: the two kinds never compete for a word
    verbs = set().union(*(r.words for r in BELIEF_RULES if r.part == "verb"))
    assert not verbs & (_CUE_VERBS | _RULE_LEMMAS)
    nouns = set().union(*(r.words for r in BELIEF_RULES if r.part == "noun"))
    assert not nouns & SPEECH_NOUNS


@pytest.mark.parametrize("rule", BELIEF_RULES, ids=lambda r: r.name)
def test_every_rule_reads_its_own_example(rule):
    found = _beliefs(rule.example)
    assert [r[2] for r in found] == [rule.name]


@pytest.mark.parametrize(("text", "expected"), [
    ("The coach believes that the team can still win the league.",
     [["coach", "believes", "believe that", "the team can still win the league"]]),
    ("The farmers hope the rain will come before the harvest.",
     [["farmers", "hope", "hope to", "the rain will come before the harvest"]]),
    ("The mayor plans to run for a third term.", [["mayor", "plans", "plan to", "to run for a third term"]]),
    # the object of "want" or "expect" is the subject of the infinitive, and part of the content
    ("The union expects the talks to fail.", [["union", "expects", "expect", "the talks to fail"]]),
    ("The senator wants the council to act.", [["senator", "wants", "hope to", "the council to act"]]),
    ("The engineers are confident that the bridge will hold.",
     [["engineers", "confident", "be sure that", "the bridge will hold"]]),
    ("The board is convinced that the plan works.", [["board", "convinced", "be sure that", "the plan works"]]),
    ("Residents are worried that prices will rise.", [["Residents", "worried", "be sure that", "prices will rise"]]),
    ("The nurses are determined to keep the clinic open.",
     [["nurses", "determined", "be eager to", "to keep the clinic open"]]),
    # a relative clause: the holder is the noun the clause hangs on
    ("The senator, who hopes to win, spoke on Monday.", [["senator", "hopes", "hope to", "to win"]]),
    # the tagger's lemma of "hopes" and "hoped" can be "hop": the regular endings still find "hope"
    ("Critics hoped that the law would fail.", [["Critics", "hoped", "hope to", "the law would fail"]]),
    # any noun or pronoun of people can hold a belief, beyond the nouns of people who speak
    ("Few parents think the school will close.", [["Few parents", "think", "believe that", "the school will close"]]),
    ("The union leadership worries that the cuts will cost jobs.",
     [["union leadership", "worries", "fear that", "the cuts will cost jobs"]]),
    # a bare quantifier holds a belief
    ("Of the parents we asked, most believe the school will stay open.",
     [["most", "believe", "believe that", "the school will stay open"]]),
    # "which" hangs the clause on a group: its wish
    ("The town's rowing club, which hopes to host the regatta, met on Monday.",
     [["town's rowing club", "hopes", "hope to", "to host the regatta"]]),
    # a verb joined to a relative clause: the holder is still the noun the clause hangs on
    ("The baker Dana Whitlock, who sold her shop and decided to open a café, spoke.",
     [["Dana Whitlock", "decided", "plan to", "to open a café"]]),
    # the regular endings of a verb the tagger lemmatised wrongly still lead to the belief verb
    ("The mayor is hoping to keep her seat.", [["mayor", "hoping", "hope to", "to keep her seat"]]),
    # set in its content, between commas
    ("The dam, engineers believe, will hold until spring.",
     [["engineers", "believe", "believe that", "The dam, engineers believe, will hold until spring"]]),
    # a noun of belief or intention with a possessive holder
    ("The council's hope that the factory would reopen faded.",
     [["council", "hope", "his hope that", "the factory would reopen"]]),
])
def test_beliefs_and_plans(text, expected):
    assert _beliefs(text) == expected


@pytest.mark.parametrize("text", [
    # the writer's own voice: "we" and "I" outside a quote are never a source
    "We hope the council will listen.",
    "I think the bridge will hold.",
    # a passive forecast has no one who expects anything
    "The vote is expected to pass.",
    "The bridge, which is expected to open in May, is late.",
    # a wish with a noun object only: no content clause
    "Ann Lee wants a new car.",
    # negated, as negated speech verbs are
    "The mayor does not think the dam will fail.",
    "The mayor is not sure that the dam will hold.",
    # a question is not a belief, and "make sure" holds nothing
    "The company knows what happened.",
    "Make sure that the door is locked.",
    # a subject that holds no belief
    "The storm is expected to hit on Monday.",
    "It seems sure that the river will rise.",
    # a thing's purpose is no one's plan; intentions need a holder that can speak
    "The bill aims to cut taxes.",
    "The new rules, which aim to cut waste, start in May.",
    # "may want to" is advice, not a wish of the subject
    "Voters may want to read the bill first.",
    # the writer's "I" set between commas, a noun with the writer's or no holder
    "The plan, I think, is sound.",
    "Our hope is that the bridge holds.",
    "The decision to close the school angered parents.",
    # a passive participle with a thing as subject: "determined" and "prepared" are no attitude here
    "A spark from the heater was determined to be the cause.",
    "The meal was prepared to feed 500 guests.",
    # only whole endings come off: "planted" is no form of "plan", "hopped" none of "hope"
    "He planted trees to stop the erosion.",
    "The rabbit hopped to escape the fox.",
    # a question infinitive is no plan yet
    "The mayor must decide whether to close the road.",
    "The senator decided how to vote.",
    # a generic holder is the writer's own voice
    "One would think that the council had learned its lesson.",
    "Everyone knows that the plan will fail.",
    "Anyone who thinks the river is safe is wrong.",
    # a belief under "if" or "whether", or in a question, is not asserted
    "If the mayor thinks the dam is safe, he is wrong.",
    "Does the mayor truly believe the dam is safe?",
    "Reporters asked whether the mayor knows that the dam leaks.",
])
def test_no_belief_where_none_is_held(text):
    assert _beliefs(text) == []


def test_a_belief_inside_a_quote_belongs_to_the_quote():
    # the quote is already its speaker's words; "I think" in it gives no second row
    found = attributions("“I think the bridge is safe,” said Ann Lee.", include_beliefs=True)
    assert found[["type", "source", "cue", "cue_kind"]].values.tolist() == [["direct", "Ann Lee", "said", "speech"]]


def test_a_belief_reported_in_speech_is_a_row_of_its_own():
    assert attributions("Ann Lee said she believes the plan will fail.", include_beliefs=True)[
        ["source", "cue", "cue_kind", "claim"]].values.tolist() == [
        ["Ann Lee", "said", "speech", "she believes the plan will fail"],
        ["Ann Lee", "believes", BELIEF_KIND, "the plan will fail"]]


def test_beliefs_are_off_by_default_and_leave_the_speech_rows_alone():
    text = ("The mayor said the dam was safe. The farmers fear that the river will rise. "
            "“We are ready,” the coach said. The union plans to strike on Friday.")
    plain = attributions(text)
    both = attributions(text, include_beliefs=True)
    assert list(plain.columns) == list(both.columns) == ATTRIBUTION_COLUMNS
    assert set(plain.cue_kind) == {"speech"}
    assert both[["cue", "cue_kind"]].values.tolist() == [
        ["said", "speech"], ["fear", BELIEF_KIND], ["said", "speech"], ["plans", BELIEF_KIND]]
    speech = both[both.cue_kind == "speech"].drop(columns="attribution_id").reset_index(drop=True)
    assert speech.equals(plain.drop(columns="attribution_id"))
