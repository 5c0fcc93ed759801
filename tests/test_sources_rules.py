"""utils.sources, rule by rule: each rule with the invented sentence that motivated it (issue 16)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from utils.sources import attributions, quotes


def _quotes(text: str) -> list[list]:
    """``[quote, speaker, speaker_kind]`` of every quote; fails on any unbalanced-mark warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = quotes(text)
    rows = frame[["quote", "speaker", "speaker_kind"]].values.tolist()
    return [[None if pd.isna(v) else v for v in r] for r in rows]


# --- quotation marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # two apostrophes for a double mark (the convention of some newspapers' archives)
    ("''We will reopen the mill,'' said Dora Fenwick.", [["We will reopen the mill,", "Dora Fenwick", "person"]]),
    # a curly opening mark closed by a straight one
    ("“The roof held,\" said Ivo Grant.", [["The roof held,", "Ivo Grant", "person"]]),
    # straight marks inside a curly quote are a quote within the quote
    ("“She told me \"wait\" and left,” Omar Reyes said.", [["She told me \"wait\" and left,", "Omar Reyes", "person"]]),
    # single marks inside double ones
    ("“They call it ‘the long winter’ here,” said Lena Ko.",
     [["They call it ‘the long winter’ here,", "Lena Ko", "person"]]),
    ("«We stay here,» said Paul Girard.", [["We stay here,", "Paul Girard", "person"]]),
    ("„We stay here,“ said Anna Weber.", [["We stay here,", "Anna Weber", "person"]]),
])
def test_quotation_mark_conventions(text, expected):
    assert _quotes(text) == expected


def test_inch_marks_and_empty_quotes_give_nothing():
    assert _quotes("The board is 6\" wide. “It fits,” said Ivo Grant.") == [["It fits,", "Ivo Grant", "person"]]
    assert _quotes("He typed \"\" into the box. “Done,” said Ivo Grant.") == [["Done,", "Ivo Grant", "person"]]
    assert _quotes("The form had a blank “” where the name goes.") == []


def test_two_apostrophe_quotes_are_attributions_too():
    found = attributions("''The dam will hold,'' said Dora Fenwick.")
    assert found[["type", "source", "claim"]].values.tolist() == [["direct", "Dora Fenwick", "The dam will hold,"]]


# --- speakers ----------------------------------------------------------------------------------------


def test_a_quote_continuing_the_previous_one_inherits_its_speaker():
    text = "“The pool closes in May,” said Mara Quell, the county engineer. “We have no lifeguards.”"
    frame = quotes(text)
    assert frame[["speaker", "speaker_rule"]].values.tolist() == [["Mara Quell", "nearby cue"],
                                                                  ["Mara Quell", "continuation"]]
    assert frame.continues.tolist() == [pd.NA, 1]
    # the continuation is a direct attribution of the same speaker with the same cue
    found = attributions(text)
    assert found[["source", "cue", "claim"]].values.tolist() == [
        ["Mara Quell", "said", "The pool closes in May,"], ["Mara Quell", "said", "We have no lifeguards."]]


def test_a_sentence_in_between_ends_the_continuation():
    text = "“We lost the vote,” Tomas Ebert said. The council disagreed. “Nobody listened.”"
    assert _quotes(text) == [["We lost the vote,", "Tomas Ebert", "person"], ["Nobody listened.", None, None]]


def test_a_cue_after_a_quote_stays_in_the_quote_paragraph():
    text = ("“The steel is ordered,” said Owen Marsh. “It arrives on Monday.”\n\n"
            "Ilse Brandt said the bridge would open in June.")
    assert [q[1] for q in _quotes(text)] == ["Owen Marsh", "Owen Marsh"]


def test_a_quote_split_by_its_cue_has_one_speaker():
    text = "“The risk,” said Ada Lind, an economist at the harbour board, “is that the fares rise.”"
    frame = quotes(text)
    assert frame[["quote", "speaker", "speaker_rule"]].values.tolist() == [
        ["The risk,", "Ada Lind", "nearby cue"], ["is that the fares rise.", "Ada Lind", "interrupted"]]


def test_a_participle_takes_the_subject_of_its_clause():
    text = "Sarah Mitchell defended the plan, saying “the bridge cannot wait.”"
    assert _quotes(text) == [["the bridge cannot wait.", "Sarah Mitchell", "person"]]
    text = "Sarah Mitchell defended the plan, adding that the bridge could not wait."
    found = attributions(text)
    assert found[["source", "cue", "claim"]].values.tolist() == [["Sarah Mitchell", "adding", "the bridge could not wait"]]


def test_verbs_that_introduce_quotes_only():
    assert _quotes("“Why now?” asked Tomas Ebert.") == [["Why now?", "Tomas Ebert", "person"]]
    assert _quotes("“And another thing,” Mara Quell continued.") == [["And another thing,", "Mara Quell", "person"]]
    # a question is not a claim: "asked whether" gives the question as a topic row ("ask a question",
    # one of TOPIC_CUE_RULES), never a claim of a speech verb of its own
    found = attributions("Tomas Ebert asked whether the bridge would open.")
    assert found[["source", "cue_rule", "claim"]].values.tolist() == [
        ["Tomas Ebert", "ask a question", "whether the bridge would open"]]
    assert attributions("“Why now?” asked Tomas Ebert.").cue_rule.tolist() == [None]


def test_a_quote_anywhere_in_the_clause_of_its_verb():
    text = "Sarah Mitchell wrote to her neighbours on Friday, “The hall stays open.”"
    assert _quotes(text) == [["The hall stays open.", "Sarah Mitchell", "person"]]
    # a quoted phrase inside a reported clause belongs to the speaker, not to the subject of the clause
    text = "Sarah Mitchell told the council that the contractor “never once answered the phone.”"
    assert _quotes(text) == [["never once answered the phone.", "Sarah Mitchell", "person"]]


def test_an_infinitive_of_saying_takes_the_subject_of_its_verb():
    text = "Sarah Mitchell went on to say, “We will rebuild.”"
    assert _quotes(text) == [["We will rebuild.", "Sarah Mitchell", "person"]]


def test_a_spokesman_named_in_apposition_is_the_person():
    frame = quotes("“We are ready,” said a spokeswoman for the city, Maria Lopez.")
    assert frame[["speaker", "speaker_kind", "speaker_role"]].values.tolist() == [
        ["Maria Lopez", "person", "a spokeswoman for the city"]]
    frame = attributions("A spokesman for the harbour trust, Brian Smith, said the ferry would run.")
    assert frame[["source", "source_kind", "claim"]].values.tolist() == [["Brian Smith", "person", "the ferry would run"]]


def test_he_is_the_last_person_named_as_a_subject():
    text = ("Ruslan Okafor, who advises Vladimir Petrov, spoke first. “The talks failed,” he said.")
    assert _quotes(text) == [["The talks failed,", "Ruslan Okafor", "person"]]


def test_she_passes_over_a_man_named_since():
    # the last subject is a man ("Tom"): "she" goes back to the woman, as the given names tell
    text = ("Ann Lee chairs the housing committee. On Monday, Tom Ruiz criticised the budget in a long speech. "
            "“It is far too late for that,” she said.")
    assert _quotes(text) == [["It is far too late for that,", "Ann Lee", "person"]]
    # a bare surname is judged by its full name ("Costa" is "Maria Costa")
    text = ("Peter Hall leads the dockers' union. Maria Costa runs the port. On Friday, Costa met the union. "
            "“The cranes are old,” he said.")
    assert _quotes(text) == [["The cranes are old,", "Peter Hall", "person"]]
    # a given name of no known gender still counts
    text = ("Maria Costa runs the port. Peter Hall, her deputy, spoke after Costa. Okonkwo Zed agreed. "
            "“The cranes are old,” he said.")
    assert _quotes(text) == [["The cranes are old,", "Okonkwo Zed", "person"]]


def test_a_speaker_named_three_sentences_back_is_still_found():
    # utils.entities.pronoun_mentions looks two sentences back only and leaves this "she" unresolved
    text = ("Ann Lee spoke for an hour. The hall was full. Many stood at the back. The heating failed. "
            "“We will meet again in May,” she said.")
    assert _quotes(text) == [["We will meet again in May,", "Ann Lee", "person"]]


def test_a_bare_surname_takes_the_full_name_it_ends():
    # the tagger marks the bare "Paris" as a place and "Lincoln" as an organisation
    text = "Mayor Laura Paris opened the port. “It is quiet,” Paris said."
    assert _quotes(text) == [["It is quiet,", "Laura Paris", "person"]]
    text = "The mayor, Kevin Lincoln, opened the port. “It is quiet,” Lincoln said."
    assert _quotes(text) == [["It is quiet,", "Kevin Lincoln", "person"]]


# --- indirect claims ---------------------------------------------------------------------------------


def test_a_fronted_adverbial_is_never_the_claim():
    found = attributions("On Sunday, the ministry announced new rules for the ferries.")
    assert found[["source", "cue", "claim"]].values.tolist() == [["ministry", "announced", "new rules for the ferries"]]
    found = attributions("The dam held, officials said on Friday.")
    assert found[["source", "claim"]].values.tolist() == [["officials", "The dam held"]]
    assert attributions("On Sunday, the ministry said.").empty


def test_a_cue_after_a_quote_must_be_in_its_sentence_and_have_no_claim_of_its_own():
    # "said" has its own claim ("the plan would fail"): it does not speak the quote before it
    text = "“We will finish by May.” Sarah Mitchell said the plan would fail."
    assert _quotes(text) == [["We will finish by May.", None, None]]
    text = "“We will finish by May.” The crowd cheered. Sarah Mitchell said nothing more, Tomas Ebert recalled."
    assert _quotes(text)[0][1] is None


def test_quotes_and_attributions_agree_and_the_speaker_table_counts_them():
    text = ("“The pool closes in May,” said Mara Quell. “We have no lifeguards.” "
            "According to a council insider, the budget was cut. Mara Quell added that the lake stays open.")
    direct = attributions(text).query("type == 'direct'")
    assert direct[["source", "claim"]].values.tolist() == quotes(text)[["speaker", "quote"]].values.tolist()
    from utils.sources import speaker_table

    table = speaker_table(text)
    assert table.values.tolist() == [
        ["Mara Quell", "person", 3, 2, 1, [1, 2, 4]], ["council insider", "anonymous", 1, 0, 1, [3]]]


def test_according_to_after_a_quote_speaks_it_only_at_the_clause_end():
    assert _quotes("“The budget was cut,” according to a council insider.") == [
        ["The budget was cut,", "council insider", "anonymous"]]
    assert _quotes("“We are closed.” According to a council insider, the budget was cut.") == [
        ["We are closed.", None, None]]


def test_a_dash_byline_names_the_speaker():
    assert _quotes("“Every vote counts.” ― Maria Lopez") == [["Every vote counts.", "Maria Lopez", "person"]]
    assert _quotes("“Every vote counts.” — Maria Lopez, mayor of the town.") == [
        ["Every vote counts.", "Maria Lopez", "person"]]
    # a dash that goes on with a clause is not a byline
    assert _quotes("“Every vote counts” - the slogan of Maria Lopez - was painted on the wall.")[0][1] is None


def test_an_opening_mark_typed_for_a_closing_one():
    assert _quotes("“The roof held,“ said Ivo Grant.") == [["The roof held,", "Ivo Grant", "person"]]


def test_told_with_a_participle_is_not_an_order():
    text = "“The roof held,” Sarah Mitchell told the crowd waiting outside."
    assert _quotes(text) == [["The roof held,", "Sarah Mitchell", "person"]]
    # "told X to do" is an order: no claim handed to anyone
    assert attributions("Sarah Mitchell told the crowd to wait outside.").empty


def test_a_statement_announced_at_the_end_of_the_paragraph_before():
    text = ("When the dam broke in 1998, Mayor Sarah Mitchell released the following statement:\n\n"
            "“Our thoughts are with every family in the valley.”")
    assert _quotes(text) == [["Our thoughts are with every family in the valley.", "Sarah Mitchell", "person"]]


def test_a_participle_borrows_the_subject_of_the_nearest_clause():
    text = "Sarah Mitchell issued a statement on Tuesday saying, “The roof held.”"
    assert _quotes(text) == [["The roof held.", "Sarah Mitchell", "person"]]
    text = "“But you have to get over it,” Sarah Mitchell went on."
    assert _quotes(text) == [["But you have to get over it,", "Sarah Mitchell", "person"]]


def test_a_name_after_the_verb_of_an_inverted_cue():
    # the parser gives "said" no subject here and tags "Wembly" as an adverb (a name ending in -ly): the
    # name after the verb is the speaker, of a kind the rules cannot place without a tag
    text = "“Keeping the old bridge open is costly,” said Wembly, explaining that repairs matter."
    assert _quotes(text) == [["Keeping the old bridge open is costly,", "Wembly", "unknown"]]


# --- claim-verb rules (CLAIM_VERB_RULES): verbs whose complement holds the claim -------------------------


def _claims(text: str) -> list[list]:
    """``[source, cue, claim]`` of every indirect attribution."""
    found = attributions(text)
    found = found[found["type"] == "indirect"]
    return found[["source", "cue", "claim"]].values.tolist()


@pytest.mark.parametrize(("text", "expected"), [
    # promise to: a promise or a threat with a to-infinitive
    ("The coach vowed to win the next game.", [["coach", "vowed", "to win the next game"]]),
    ("The council has promised to repair the bridge by May.",
     [["council", "promised", "to repair the bridge by May"]]),
    # call it: an object with what it is called
    ("The mayor called the plan a waste of money.", [["mayor", "called", "the plan a waste of money"]]),
    ("Greta Holm described the flood as the worst in a century.",
     [["Greta Holm", "described", "the flood as the worst in a century"]]),
    # demand: urge someone to, call for / on, propose
    ("The mayor urged residents to stay indoors.", [["mayor", "urged", "residents to stay indoors"]]),
    ("The union called for a strike on Monday.", [["union", "called", "for a strike on Monday"]]),
    ("The senator proposed a new law on rents.", [["senator", "proposed", "a new law on rents"]]),
    # accuse of: an object and what it is accused of
    ("The mayor accused the builder of cutting corners.",
     [["mayor", "accused", "the builder of cutting corners"]]),
    ("Omar Reyes blamed the delay on the weather.", [["Omar Reyes", "blamed", "the delay on the weather"]]),
    # cite a reason: the reason or source someone gave
    ("The council cancelled the fair, citing the cost of security.",
     [["council", "citing", "the cost of security"]]),
    # judge aloud: praise or blame with an object
    ("The senator criticized the budget plan.", [["senator", "criticized", "the budget plan"]]),
    ("The governor praised the volunteers for their work.",
     [["governor", "praised", "the volunteers for their work"]]),
])
def test_claim_verb_rules(text, expected):
    assert _claims(text) == expected


def test_claim_verbs_need_their_complement():
    # "called the police" is a phone call, "a group called Clean Air" a name, "refused to criticize" no claim
    assert attributions("The mayor called the police.").empty
    assert attributions("A group called Clean Air sued the city.").empty
    assert attributions("The mayor did not criticize the plan.").empty
    # the claim ends with the verb's phrase: the relative clause's vow is not the main clause's news;
    # its source is the noun the clause hangs on, not the pronoun "who" (an earlier version of this
    # test asserted "who", which was wrong)
    assert _claims("The union leader, who has vowed to strike, met the board on Monday.") == [
        ["union leader", "vowed", "to strike"]]


def test_claim_verbs_do_not_speak_quotes():
    # "called" hands over a claim but does not become the speaker cue of a quote: "said" is
    text = "“We will win,” the coach said, calling the loss a lesson."
    assert _quotes(text) == [["We will win,", "coach", "anonymous"]]
    assert _claims(text) == [["coach", "calling", "the loss a lesson"]]


def test_a_cue_set_off_inside_its_claim():
    # "added" and "note" need a claim; set off by commas inside one, the whole sentence is it
    assert _claims("The ferry, the captain added, would sail at noon.") == [
        ["captain", "added", "The ferry, the captain added, would sail at noon"]]
    assert _claims("The new road, the engineer said, will open in spring.") == [
        ["engineer", "said", "The new road, the engineer said, will open in spring"]]
    # at the end of the sentence the claim is the clause before it, as before
    assert _claims("Prices will rise, the bank added.") == [["bank", "added", "Prices will rise"]]


def test_point_out_is_a_phrasal_speech_verb():
    assert _claims("Ms. Lund pointed out that the dam had never been inspected.") == [
        ["Lund", "pointed", "the dam had never been inspected"]]
    assert _quotes("“The dam is old,” Greta Holm pointed out.") == [["The dam is old,", "Greta Holm", "person"]]
    # with only an object it may be a gesture: no claim
    assert attributions("He pointed out the window.").empty


def test_cite_as_names_a_reason():
    assert _claims("Ms. Lund cited the storm as proof of the need for a new dam.") == [
        ["Lund", "cited", "the storm as proof of the need for a new dam"]]


def test_a_speech_noun_with_a_possessive_speaker():
    assert _claims("Residents doubted the council's statement that the bridge was safe.") == [
        ["council", "statement", "the bridge was safe"]]
    assert _claims("The mayor's warning that the river would rise came too late.") == [
        ["mayor", "warning", "the river would rise"]]
    assert _claims("He broke his pledge to cut taxes.")[0][1:] == ["pledge", "to cut taxes"]
    assert _claims("His call for a recount was rejected.")[0][1:] == ["call", "for a recount"]
    # a noun that names no speech ("plan", "idea"), or one with no speaker, is no cue
    assert attributions("The company's plan to cut jobs angered workers.").empty
    assert attributions("The idea that the town was dying spread.").empty


def test_a_claim_verb_inside_a_claim_does_not_cut_it():
    assert _claims("The mayor said the council called the plan a waste.") == [
        ["mayor", "said", "the council called the plan a waste"], ["council", "called", "the plan a waste"]]


def test_speech_verbs_that_need_a_clause():
    assert _claims("Ms. Lund mentioned that the ferry had been late twice.") == [
        ["Lund", "mentioned", "the ferry had been late twice"]]
    assert _claims("The union demanded that the director resign.") == [["union", "demanded", "the director resign"]]
    # with only an object they name the topic of what was said, which the "mention" rule of
    # CLAIM_VERB_RULES hands over as such (PolNeAR annotates it so); before that rule it gave nothing
    assert _claims("He mentioned the weather.") == [["He", "mentioned", "the weather"]]


def test_a_cue_in_an_as_clause_hands_over_the_clause_it_hangs_on():
    assert _claims("As the mayor noted, the bridge is older than the town hall.") == [
        ["mayor", "noted", "the bridge is older than the town hall"]]
    assert _claims("The plan failed, as the mayor noted.") == [["mayor", "noted", "The plan failed"]]
    # with an object of its own, "as" means "while": the main clause is not what was said
    assert attributions("As the chairman added his signature, the deal was done.").empty
    assert attributions("As the guide explained the route, the rain started.").empty


def test_note_a_fact_with_an_object():
    assert _claims("The report noted the low turnout in the north.") == [
        ["report", "noted", "the low turnout in the north"]]


@pytest.mark.parametrize("text", [
    "The storm threatened to flood the low streets.",  # no one speaks: the subject cannot
    "The river threatens to burst its banks.",
    "The new season promises to be exciting.",  # a forecast: a copula after "promise to"
    "The council's plan promised to be costly from the start.",
])
def test_promise_to_needs_a_speaker_and_an_act(text):
    assert attributions(text).empty


def test_promise_to_with_people():
    assert _claims("Two librarians vowed to keep the branch open.") == [
        ["Two librarians", "vowed", "to keep the branch open"]]
    # a vow to stay as one is is still a vow; only "promise/threaten to be" is read as a forecast
    assert _claims("The senator vowed to remain in office.") == [["senator", "vowed", "to remain in office"]]


def test_call_out_for_is_a_rebuke():
    assert _claims("The inspector called the landlord out for the broken heating.") == [
        ["inspector", "called", "the landlord out for the broken heating"]]
    assert attributions("The lost hikers called out for help.").empty


@pytest.mark.parametrize(("text", "expected"), [
    # a clause joined to the claim verb is the writer's, not the speaker's
    ("The teacher praised the pupils and the parents cheered.", [["teacher", "praised", "the pupils"]]),
    ("The report criticized the delays, and the minister resigned.", [["report", "criticized", "the delays"]]),
    ("The mayor noted the delay and left the room.", [["mayor", "noted", "the delay"]]),
    # a cue set off inside its claim: the claim is the clause around it, not a clause joined to that
    ("The bill, she said, would pass easily, but the bridge remains closed.",
     [["she", "said", "The bill, she said, would pass easily"]]),
    # ... but a verb phrase joined without a subject of its own is still the speaker's
    ("A slower pace, she said, would calm the town and save money.",
     [["she", "said", "A slower pace, she said, would calm the town and save money"]]),
    # a cue set off in a later clause takes that clause, not the clause before it
    ("The park was closed last year, and the pond, the warden said, had dried up.",
     [["warden", "said", "the pond, the warden said, had dried up"]]),
])
def test_a_claim_does_not_run_into_a_joined_clause(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text", [
    "The mayor accused the builder on Monday.",  # a date is not what someone is accused of
    "The bank credited the money to his account on Friday.",  # banking: "credit with/for" only
    "Residents called the hotline for help.",  # a phone call: "call for" has no object
    "The police officer cited the driver for speeding.",  # a ticket
    "The study cited 40 earlier papers.",  # a reference
    "He noted the number on a slip of paper.",  # written down, not stated
    "The senator highlighted the passage with a yellow pen.",  # "highlight" needs a clause
    "She underlined the title twice.",
    "As the mayor noted the damage, the crowd grew quiet.",  # "as" meaning "while"
])
def test_claim_verbs_in_other_senses(text):
    assert attributions(text).empty


@pytest.mark.parametrize(("text", "expected"), [
    ("The nurses credited the new doctor with saving the ward.",
     [["nurses", "credited", "the new doctor with saving the ward"]]),
    ("The inspector faulted the firm for the late repairs.",
     [["inspector", "faulted", "the firm for the late repairs"]]),
    ("The report highlighted that the school roof leaked.",
     [["report", "highlighted", "the school roof leaked"]]),
])
def test_claim_verbs_in_their_speech_sense(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an "as" clause of time whose verb has a clause of its own: that clause is the claim
    ("The room fell silent as she noted how long the repairs had taken.",
     [["she", "noted", "how long the repairs had taken"]]),
    # a claim verb keeps its own complement in an "as" clause of time
    ("As he was criticizing the mayor, the lights went out.", [["he", "criticizing", "the mayor"]]),
    # a promise in a participle: the subject is the clause's above it
    ("The candidate won the crowd by promising to lower prices.",
     [["candidate", "promising", "to lower prices"]]),
    # evidence cited
    ("The inspector cited no evidence that the bridge was unsafe.",
     [["inspector", "cited", "no evidence that the bridge was unsafe"]]),
])
def test_claim_verbs_in_clauses_of_time_and_participles(text, expected):
    assert _claims(text) == expected


def test_the_rule_that_made_a_cue_is_in_the_output():
    text = ("The mayor said the dam was safe. The union promised to strike. "
            "The board's warning that costs would rise was ignored. “We are ready,” the coach said.")
    found = attributions(text)
    assert found[["cue", "cue_rule"]].values.tolist() == [
        ["said", None], ["promised", "promise to"], ["warning", "speech noun"], ["said", None]]


def test_a_claim_in_a_relative_clause_ends_with_it():
    # the source is the noun the clause hangs on; the main clause's verb is the writer's news
    assert _claims("The mayor, who said the bridge was safe, resigned on Monday.") == [
        ["mayor", "said", "the bridge was safe"]]
