"""utils.timeline after the split into event extraction, dating and story ordering (sentences written for the test)."""

from __future__ import annotations

from utils.timeline import timeline


def test_pronoun_takes_the_subject_of_an_earlier_sentence_before_a_nearer_object() -> None:
    # "He" has no fitting mention in its own sentence; of the earlier ones, the subject wins over the nearer object
    text = "Lena Novak visited the Brisk Council on Monday. The engineers met Olav Berg there. He promised a new bridge."
    events = timeline(text, "2025-03-06").set_index("trigger")
    assert events.loc["promised", "summary"] == "Lena Novak promised a new bridge"
    assert events.loc["promised", "participants"] == "Lena Novak"
    assert events.loc["visited", "value"] == "2025-03-03"


def test_a_second_mention_of_an_event_shares_its_date() -> None:
    # same lemma, a shared participant, in a later paragraph: the date of the first mention
    text = ("Olav Berg resigned from the Brisk Council on 3 March 2025.\n\n"
            "The council met the builders. Olav Berg resigned because of the flood, the builders said.")
    events = timeline(text, "2025-03-06")
    second = events[events.trigger == "resigned"].iloc[1]
    assert (second.value, second.timex_id, second.relation) == ("2025-03-03", events.timex_id.iloc[0],
                                                                "same event as resigned")
    assert second.story_order > events.story_order.iloc[0]  # the second mention is told, and ordered, after the first
