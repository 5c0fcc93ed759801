"""Timeline rules (utils.timeline), each with sentences written for the test."""

from __future__ import annotations

from utils.chronology import timeline


def _event(text: str, dct: str, trigger: str):
    events = timeline(text, dct)
    return events[events.trigger == trigger].iloc[0]


def test_pronoun_agent_resolves_to_its_antecedent() -> None:
    text = "Lena Novak, the mayor, met the builders on Monday. She promised them a new contract."
    promised = _event(text, "2025-03-06", "promised")
    assert promised.participants.split("; ")[0] == "Lena Novak"
    assert promised.summary.startswith("Lena Novak promised")


def test_she_is_not_a_man_named_since() -> None:
    # the last person named is a man ("Tom"): "she" goes back to the woman ("Ann")
    text = "Ann Lee chairs the housing committee. On Monday, Tom Ruiz criticised the budget. She resigned on Tuesday."
    resigned = _event(text, "2025-03-06", "resigned")
    assert resigned.participants.split("; ")[0] == "Ann Lee"
    assert resigned.summary == "Ann Lee resigned"


def test_he_offered_him_is_not_one_person() -> None:
    # a non-reflexive object pronoun cannot share the subject's referent: the agent is found higher up
    text = ("Norway managed to persuade Olav Berg that he was wrong and offered him a flat if he moved at once.")
    offered = _event(text, "2025-03-06", "offered")
    assert offered.participants.split("; ")[0] == "Norway"


def test_source_is_not_a_participant() -> None:
    text = "According to a Brisk Council insider, the bridge was closed to avoid accidents."
    closed = _event(text, "2025-03-06", "closed")
    assert "Brisk Council" not in closed.participants


def test_irrealis_event_gets_no_date_after_the_dct() -> None:
    text = "The council decided to rebuild the bridge. The engineers feared it would collapse."
    events = timeline(text, "2025-03-06")
    for trigger in ("rebuild", "collapse"):
        row = events[events.trigger == trigger].iloc[0]
        assert not row.realis
        assert row.earliest is None or str(row.earliest) <= "2025-03-06"
        assert row.latest is None or str(row.latest) <= "2025-03-06"


def test_at_the_time_puts_the_event_before_the_lead_event() -> None:
    text = ("The dam broke on Sunday, flooding the valley. Engineers had warned of cracks for years. "
            "The inspectors failed to see the danger at the time.")
    events = timeline(text, "2025-03-06")
    failed = events[events.trigger == "failed"].iloc[0]
    broke = events[events.trigger == "broke"].iloc[0]
    assert failed.story_order < broke.story_order
