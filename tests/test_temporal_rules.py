"""Rules of the temporal tagger (utils.temporal), each with a sentence written for the test.

Narrative anchoring, grammar rules and precision rules; the reference date of every sentence is
given with it. None of these sentences comes from a gold file.
"""

from __future__ import annotations

import pandas as pd
import pytest

from utils.chronology import narrative_style, temporal_expressions

CANAL = ("The canal was begun in 1821 and finished in 1825. Floods damaged it in 1831, 1836 and 1840. "
         "In March the engineers returned. Two years later the locks were rebuilt. Today the canal is a museum.")


def _values(text: str, dct: str) -> dict[str, str]:
    frame = temporal_expressions(text, dct)
    return dict(zip(frame["text"], frame["value"], strict=True))


def test_narrative_style_is_decided_from_the_text() -> None:
    import datetime as dt

    assert narrative_style(CANAL, dt.date(2024, 5, 1))
    news = "The council met on Monday. It had last met in 2019, 2020, 2021, 2022 and 2023, and today it voted."
    assert not narrative_style(news, dt.date(2024, 5, 1))  # years near the DCT, deictic words


def test_narrative_month_takes_the_year_of_the_story() -> None:
    values = _values(CANAL, "2024-05-01")
    assert values["March"] == "1840-03"  # not March 2024
    assert values["Two years later"] == "1842-03"
    assert values["Today"] == "PRESENT_REF"  # a history's "today" is the time of writing


def test_news_month_stays_with_the_dct() -> None:
    values = _values("The council met on Monday. In March the engineers returned after the flood of 2022.", "2024-05-01")
    assert values["March"] == "2024-03" and values["Monday"] == "2024-04-29"


def test_iso_date_time_is_one_expression() -> None:
    frame = temporal_expressions("The page was retrieved on 2009-12-19T17:00:00 from the archive.", "2010-01-01")
    assert frame[["text", "type", "value"]].values.tolist() == [["2009-12-19T17:00:00", "TIME", "2009-12-19T17:00:00"]]


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        temporal_expressions(text, "2024-05-01")


def test_columns_unchanged() -> None:
    frame = temporal_expressions(CANAL, "2024-05-01")
    assert isinstance(frame, pd.DataFrame) and list(frame.columns)[:3] == ["timex_id", "sentence_id", "start"]
