"""Rules of the temporal tagger (utils.temporal), each with a sentence written for the test.

Narrative anchoring, grammar rules and precision rules; the reference date of every sentence is
given with it. None of these sentences comes from a gold file.
"""

from __future__ import annotations

import datetime as _dt

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
    frame = temporal_expressions("The page was retrieved on 2011-06-03T08:15:00 from the archive.", "2012-01-01")
    assert frame[["text", "type", "value"]].values.tolist() == [["2011-06-03T08:15:00", "TIME", "2011-06-03T08:15:00"]]


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        temporal_expressions(text, "2024-05-01")


def test_columns_unchanged() -> None:
    frame = temporal_expressions(CANAL, "2024-05-01")
    assert isinstance(frame, pd.DataFrame) and list(frame.columns)[:3] == ["timex_id", "sentence_id", "start"]


# ---------------------------------------------------------------- the grammar table, rule by rule
# (rule name, sentence of our own, reference date, expected timex text, expected value)
RULE_CASES = [
    ("day and clock time", "The ferry leaves on Friday at 8 pm from pier two.", "2025-01-15", "Friday at 8 pm",
     "2025-01-17T20:00"),
    ("day and clock time", "Registration closes tomorrow at 9:15 am sharp.", "2025-01-15", "tomorrow at 9:15 am",
     "2025-01-16T09:15"),
    ("holiday", "The shop stays closed over Thanksgiving 2026, the owner said.", "2025-01-15", "Thanksgiving 2026",
     "2026-11-26"),
    ("holiday", "The choir will sing on Easter Sunday.", "2025-01-15", "Easter Sunday", "2025-04-20"),
    ("nth weekday of month", "Elections will fall on the first Tuesday of October.", "2025-01-15",
     "the first Tuesday of October", "2025-10-07"),
    ("in a named month", "The fair opens on the first Monday of next month.", "2025-01-15",
     "the first Monday of next month", "2025-02-03"),
    ("in a named month", "Rent was due on the 11th of the previous month.", "2025-01-15",
     "the 11th of the previous month", "2024-12-11"),
    ("nth week of month", "The fair opens in the first week of October 2024.", "2025-01-15",
     "the first week of October 2024", "2024-W41"),
    ("last week of year", "Sales peaked in the last week of 2019.", "2025-01-15", "the last week of 2019", "2019-W52"),
    ("quarter", "Profits rose in the 4th quarter of 2018.", "2025-01-15", "the 4th quarter of 2018", "2018-Q4"),
    ("weekday the ordinal", "We will meet on Tuesday the 21st.", "2025-01-15", "Tuesday the 21st", "2025-01-21"),
    ("ordinal of month", "The hearing is set for the fourth of June.", "2025-01-15", "the fourth of June",
     "2025-06-04"),
    ("month the ordinal", "The hearing is set for March the 2nd.", "2025-01-15", "March the 2nd", "2025-03-02"),
    ("day month year slashed", "The ledger was stamped 12/Mar/1988 by a clerk.", "2025-01-15", "12/Mar/1988",
     "1988-03-12"),
    ("month/day/year", "The invoice dated 4/9/2016 was never paid.", "2025-01-15", "4/9/2016", "2016-04-09"),
    ("month/year", "The permit expires 2/2027 unless renewed.", "2025-01-15", "2/2027", "2027-02"),
    ("month/day", "The vote moved to 3/27 after a delay.", "2025-01-15", "3/27", "2025-03-27"),
    ("on month/day", "The council will vote on 6/4 after the hearings.", "2025-01-15", "6/4", "2025-06-04"),
    ("the ordinal", "Rent is due on the 28th and not later.", "2025-01-15", "the 28th", "2025-01-28"),
    ("decade", "Prices rose sharply in the mid-90s.", "2025-01-15", "the mid-90s", "199"),
    ("century", "The wall dates from the 2nd century BC.", "2025-01-15", "the 2nd century BC", "BC01"),
    ("year BC", "The city was founded about 312 BC by traders.", "2025-01-15", "312 BC", "BC0312"),
    ("weekdays from now", "The pool reopens four Saturdays from now.", "2025-01-15", "four Saturdays from now",
     "2025-02-08"),
    ("weekday of a week", "The parcel comes Monday of next week.", "2025-01-15", "Monday of next week", "2025-01-20"),
    ("weekday modified", "The vote is this coming Monday.", "2025-01-15", "this coming Monday", "2025-01-20"),
    ("weekday modified", "We meet Monday after next.", "2025-01-15", "Monday after next", "2025-01-27"),
    ("upcoming units", "Tickets go on sale in the coming week.", "2025-01-15", "the coming week", "2025-W04"),
    ("relative day", "The storm hit on 3 May 2020. The next morning the roads were closed.", "2025-01-15",
     "The next morning", "2020-05-04TMO"),
    ("day after tomorrow", "The results come the day after tomorrow.", "2025-01-15", "the day after tomorrow",
     "2025-01-17"),
    ("fraction of a unit", "The climb took two and a quarter hours in the rain.", "2025-01-15",
     "two and a quarter hours", "PT2H15M"),
    ("duration range", "The detour adds two to three weeks to the trip.", "2025-01-15", "two to three weeks", "PXW"),
    ("compound duration", "The operation lasted three hours and 20 minutes.", "2025-01-15",
     "three hours and 20 minutes", "PT3H20M"),
    ("compound duration", "The repairs took two and a half years.", "2025-01-15", "two and a half years", "P2Y6M"),
    ("clock hh:mm", "The alarm sounded at 16:45 in the hall.", "2025-01-15", "16:45", "2025-01-15T16:45"),
    ("clock European h", "The train left at 17h45 for the coast.", "2025-01-15", "17h45", "2025-01-15T17:45"),
    ("clock past/to", "The doors opened at half past noon.", "2025-01-15", "half past noon", "2025-01-15T12:30"),
    ("clock in words", "The last bus leaves at eight fifteen p.m. from the square.", "2025-01-15",
     "eight fifteen p.m.", "2025-01-15T20:15"),
    ("clock half", "The shift starts at half seven, said the foreman.", "2025-01-15", "half seven",
     "2025-01-15T07:30"),
    ("clock hour am/pm", "The lights go out at ten PM in the camp.", "2025-01-15", "ten PM", "2025-01-15T22:00"),
    ("clock at military", "The patrol returned at 1145 without losses.", "2025-01-15", "1145", "2025-01-15T11:45"),
    ("clock at military", "The patrol left at 0930.", "2025-01-15", "0930", "2025-01-15T09:30"),
    ("clock at military", "Trading opened at 0915 GMT.", "2025-01-15", "0915", "2025-01-15T09:15"),
    ("clock military hours", "The curfew begins at 1930 hours in the old town.", "2025-01-15", "1930 hours",
     "2025-01-15T19:30"),
    ("at the time", "Nobody saw the danger at the time, the report says.", "2025-01-15", "the time", "PAST_REF"),
    ("at the moment", "The museum is closed at the moment for repairs.", "2025-01-15", "the moment", "PRESENT_REF"),
    ("clock in a part of day", "The ferry leaves at 9 in the evening from the pier.", "2025-01-15", "9 in the evening",
     "2025-01-15T21:00"),
    ("ordinal of month", "The survey closed on 22nd Sep 1981 at the latest.", "2025-01-15", "22nd Sep 1981", "1981-09-22"),
    ("holiday", "Markets close on Easter Monday.", "2025-01-15", "Easter Monday", "2025-04-21"),
    ("month of that year", "The fort fell in 1702. The town surrendered in March of that year.", "2025-01-15",
     "March of that year", "1702-03"),
    ("that day", "The treaty was signed on 3 May 1815. That same day the army left.", "2025-01-15", "That same day",
     "1815-05-03"),
    ("part of a unit", "The plant will close by the end of the year, the owners said.", "2025-01-15", "the end of the year",
     "2025"),
    ("season and year", "The bridge reopened in summer 2007 after repairs.", "2025-01-15", "summer 2007", "2007-SU"),
    ("half of a year", "Sales fell in the second half of 2013.", "2025-01-15", "the second half of 2013", "2013-H2"),
    ("noon, midnight", "The curfew starts at midnight for everyone.", "2025-01-15", "midnight", "2025-01-15T24:00"),
    # everyday forms (issue 14); 2025-01-15 is a Wednesday
    ("weekday abbreviation", "The plumber comes Thurs.", "2025-01-15", "Thurs", "2025-01-16"),
    ("weekday abbreviation", "The market opened Wed. at dawn.", "2025-01-17", "Wed.", "2025-01-15"),
    ("unit of the reference", "Margins shrank in the previous qtr.", "2025-01-15", "the previous qtr", "2024-Q4"),
    ("unit of the reference", "Taxes for the current quarter are due in March.", "2025-01-15", "the current quarter",
     "2025-Q1"),
    ("following unit", "The council meets the following month.", "2025-01-15", "the following month", "2025-02"),
    ("weekday after a told day", "The dam burst on 12 April 1931. The following Monday the valley was evacuated.",
     "2025-01-15", "The following Monday", "1931-04-13"),
    ("past unit", "Ticket sales have slipped over the past year, the theatre says.", "2025-01-15", "the past year",
     "2024"),
    ("previous unit", "The canal opened in 1912. The previous year, floods had held up the digging.", "2025-01-15",
     "The previous year", "1911"),
    ("quarter compact", "Guidance for 2027Q2 was cut.", "2025-01-15", "2027Q2", "2027-Q2"),
    ("numeric date with dashes or dots", "The deed is dated 11-23-1961 in the registry.", "2025-01-15", "11-23-1961",
     "1961-11-23"),
    ("numeric date with dashes or dots", "The letter was stamped 04.05.1999 in Vienna.", "2025-01-15", "04.05.1999",
     "1999-05-04"),
    ("ISO date without zeros", "The backup from 2021-7-4 was restored.", "2025-01-15", "2021-7-4", "2021-07-04"),
    ("ISO year-month", "The 2019-07 statement shows a deficit.", "2025-01-15", "2019-07", "2019-07"),
    ("day-month-two-digit year", "The ticket reads 9-Jun-88 in faded ink.", "2025-01-15", "9-Jun-88", "1988-06-09"),
    ("month name and day", "The fair will close Jun 9.", "2025-01-15", "Jun 9", "2025-06-09"),
    ("month name and day", "Board meeting: Tue, Sep 23.", "2025-01-15", "Tue, Sep 23", "2025-09-23"),
    ("dated day and clock time", "The gala starts at 6:45 PM on Tue, Sep 23.", "2025-01-15", "6:45 PM on Tue, Sep 23",
     "2025-09-23T18:45"),
    ("dated day and clock time", "The inspection will begin at 0930 on Monday.", "2025-01-15", "0930 on Monday",
     "2025-01-20T09:30"),
    ("clock with a letter", "Doors open 5:40p sharp.", "2025-01-15", "5:40p", "2025-01-15T17:40"),
    ("hour with a letter", "Call me at 5p.", "2025-01-15", "5p", "2025-01-15T17:00"),
    ("run-together clock", "The bus leaves at 845 pm.", "2025-01-15", "845 pm", "2025-01-15T20:45"),
    ("run-together clock in a part of day", "Dinner is served at 645 in the evening.", "2025-01-15",
     "645 in the evening", "2025-01-15T18:45"),
    ("clock about military", "The convoy arrived around 0945.", "2025-01-15", "0945", "2025-01-15T09:45"),
    ("clock in words after at", "We met at four forty.", "2025-01-15", "four forty", "2025-01-15T16:40"),
    ("clock this part of day", "The speech is at 7 this evening.", "2025-01-15", "7 this evening", "2025-01-15T19:00"),
    ("units from a day", "The permit expires two weeks from tomorrow.", "2025-01-15", "two weeks from tomorrow",
     "2025-01-30"),
    ("season of the reference", "The lake froze twice in the current winter.", "2025-02-10", "the current winter",
     "2024-WI"),
    ("season of the reference", "The garden flooded this past autumn.", "2025-12-20", "this past autumn", "2025-FA"),
    ("season of the reference", "Leaves fell early this autumn.", "2025-12-01", "this autumn", "2025-FA"),
    ("date with a part of day", "The rescue ended late in the evening of 3 February 1927.", "2025-01-15",
     "late in the evening of 3 February 1927", "1927-02-03TEV"),
    ("weekend of the reference", "We went hiking this past week-end.", "2025-01-15", "this past week-end",
     "2025-W02-WE"),
    ("weekend of the reference", "The fair runs this coming weekend.", "2025-01-15", "this coming weekend",
     "2025-W03-WE"),
    ("week of a date", "The audit is planned for the week of May 4.", "2025-01-15", "the week of May 4", "2025-W18"),
    ("week of a date", "The audit ran in the week of June 3, 2026.", "2025-01-15", "the week of June 3, 2026",
     "2026-W23"),
    ("nth last day of month", "Applications close on the last day of June 2026.", "2025-01-15",
     "the last day of June 2026", "2026-06-30"),
    ("nth last week", "Exams fall in the second last week of 2026.", "2025-01-15", "the second last week of 2026",
     "2026-W52"),
    ("date with a part of day", "The concert is on the evening of June 3.", "2025-01-15", "the evening of June 3",
     "2025-06-03TEV"),
    ("date with a part of day", "Rain fell in the early morning hours of 4 May 2026.", "2025-01-15",
     "the early morning hours of 4 May 2026", "2026-05-04TMO"),
    ("date with a part of day", "Guards left on the night of Friday, June 5, 2026.", "2025-01-15",
     "the night of Friday, June 5, 2026", "2026-06-05TNI"),
    ("days from a dated day", "The shop will reopen two days before Christmas.", "2025-01-15",
     "two days before Christmas", "2025-12-23"),
    ("nth weekday from a dated day", "The fair is held the first Monday after Easter 2026.", "2025-01-15",
     "the first Monday after Easter 2026", "2026-04-06"),
    ("ides", "The rent is due on the ides of May 2026.", "2025-01-15", "the ides of May 2026", "2026-05-15"),
    ("year AD", "The abbey was built in AD 1066.", "2025-01-15", "AD 1066", "1066"),
    ("month after next", "The lease ends June after next.", "2025-01-15", "June after next", "2026-06"),
    ("minutes from a clock time", "Boarding closes ten minutes before 6 pm.", "2025-01-15", "ten minutes before 6 pm",
     "2025-01-15T17:50"),
    ("weekday of a week's", "The memo came out last week's Tuesday.", "2025-01-15", "last week's Tuesday",
     "2025-01-07"),
    ("night of two days", "Sirens sounded through the night of 9-10 June 2022.", "2025-01-15",
     "the night of 9-10 June 2022", "2022-06-09TNI"),
    ("dated day and clock time", "Report to the gate by 2015 hrs tonight.", "2025-01-15", "2015 hrs tonight",
     "2025-01-15T20:15"),
    ("holiday", "The office closes for Yom Kippur 2026.", "2025-01-15", "Yom Kippur 2026", "2026-09-21"),
    ("clock -ish", "Let's meet sixish at the pub.", "2025-01-15", "sixish", "2025-01-15T18:00"),
    ("part of day -ish", "I can call tomorrow eveningish.", "2025-01-15", "tomorrow eveningish", "2025-01-16TEV"),
    ("days ahead at a clock time", "The results arrive in three days at noon.", "2025-01-15", "three days at noon",
     "2025-01-18T12:00"),
    ("holiday", "The palace opens its gardens on King's Day 2025.", "2025-01-15", "King's Day 2025", "2025-04-26"),
    ("month the ordinal", "The deadline is june third 2026.", "2025-01-15", "june third 2026", "2026-06-03"),
    ("rate per unit", "The mill earns $4 million a year from rents.", "2025-01-15", "a year", "P1Y"),
    ("rate per unit", "The bakery sells 2,000 loaves a week, roughly 300 a day.", "2025-01-15", "a day", "P1D"),
    ("decade BC", "Trade with the coast grew in the 540s BC.", "2025-01-15", "the 540s BC", "BC054"),
    ("span of years BC", "The temple was rebuilt in 520-515 BC.", "2025-01-15", "515 BC", "BC0515"),
    ("compound duration", "The flash lasts two secs at most.", "2025-01-15", "two secs", "PT2S"),
]


@pytest.mark.parametrize(("rule", "sentence", "dct", "text", "value"), RULE_CASES,
                         ids=[f"{c[0]}: {c[3]}" for c in RULE_CASES])
def test_rule(rule: str, sentence: str, dct: str, text: str, value: str) -> None:
    values = _values(sentence, dct)
    assert values.get(text) == value, values


def test_every_rule_has_a_case() -> None:
    from utils.temporal_rules import RULE_NAMES

    assert set(RULE_NAMES) == {c[0] for c in RULE_CASES}


@pytest.mark.parametrize("sentence", ["Nice day for a walk by the river.", "It was a great month for the shop.",
                                      "The convoy drove 2000 kilometers north.", "The bag cost $2016 at the market.",
                                      "Two to three weeks of work remain, but a 2/3 majority is needed.",
                                      "She may first ask the board.", "The old dog sat.",
                                      "We sat in the sun for an hour, then looked at the Sun."])
def test_precision_no_date(sentence: str) -> None:
    frame = temporal_expressions(sentence, "2025-01-15")
    assert not (frame["type"].isin(["DATE", "TIME"])).any(), frame[["text", "value"]].values.tolist()


@pytest.mark.parametrize(("name", "year", "day"), [
    ("passover", 2024, "2024-04-23"), ("yom kippur", 2021, "2021-09-16"), ("purim", 2024, "2024-03-24"),
    ("hanukkah", 2024, "2024-12-26"), ("rosh hashanah", 2023, "2023-09-16"), ("tisha b'av", 2024, "2024-08-13"),
    ("tisha b'av", 2025, "2025-08-03"), ("tu bishvat", 2025, "2025-02-13"), ("shushan purim", 2025, "2025-03-15"),
    ("yom hashoah", 2025, "2025-04-24"), ("yom hazikaron", 2025, "2025-04-30"), ("yom haatzmaut", 2025, "2025-05-01"),
    ("yom hazikaron", 2024, "2024-05-13"), ("yom haatzmaut", 2024, "2024-05-14"), ("lag b'omer", 2025, "2025-05-16"),
    ("shemini atzeret", 2025, "2025-10-14")])
def test_hebrew_calendar_holidays(name: str, year: int, day: str) -> None:
    # dates checked against published Jewish calendars; Purim 2024 falls in Adar II (a leap year),
    # Tisha B'Av 2025 (9 Av on a Sabbath) moves to the Sunday; Yom HaShoah 2025 (27 Nisan on a Friday)
    # moves to the Thursday; Yom HaAtzmaut 2025 (5 Iyar on a Saturday) to the Thursday and 2024 (on a
    # Monday) to the Tuesday, Yom HaZikaron always the day before it
    from utils.holidays import holiday_date

    assert holiday_date(name, year).isoformat() == day


def test_the_new_year_of_another_calendar_is_not_the_first_of_january() -> None:
    values = _values("Fireworks marked the Lunar New Year in the port; New Year's Day was quiet.", "2025-03-01")
    assert values.get("New Year's Day") == "2025-01-01" and "2025-01-01" not in {
        v for k, v in values.items() if k != "New Year's Day"}, values


def test_everyday_forms_keep_their_limits() -> None:
    # an age is no clock time; '2010-12' may be two years, '2019-07' cannot; hh00 after 'around' only from 0
    assert _values("A twentyish man waved from the boat.", "2025-01-15") == {}
    assert _values("Output fell in 2010-12 and again later.", "2025-01-15").get("2010-12") != "2010-12"
    assert _values("The ferry left around 0800 from the pier.", "2025-01-15").get("0800") == "2025-01-15T08:00"
    assert "1500" not in _values("The fort was built around 1500 by monks.", "2025-01-15")


def test_a_number_before_tomorrow_is_no_clock_time() -> None:
    values = _values("They marched with signs: merger today, Chapter 11 tomorrow.", "2025-01-15")
    assert values.get("tomorrow") == "2025-01-16" and "11 tomorrow" not in values


def test_four_digits_that_may_be_a_year_or_a_count_are_no_clock_time() -> None:
    assert _values("The bridge was built in 1930.", "2025-01-15") == {"1930": "1930"}
    for sentence in ["The show starts at 1930.", "The plane flew at 1200 feet.", "Prices are back at 2015 levels."]:
        frame = temporal_expressions(sentence, "2025-01-15")
        assert not (frame["type"] == "TIME").any(), frame[["text", "value"]].values.tolist()


@pytest.mark.parametrize(("sentence", "year"), [
    ("The town received its market rights in 1147.", "1147"),
    ("The chapel was rebuilt around 1230 by the monks.", "1230"),
    ("A bridge stood there from about 1052.", None),  # one bare number in a text: no guess at all
    # a year before 1800 after a preposition of time, in a text that tells of old times again
    ("The abbey was founded in the 12th century. A bridge stood there from about 1052.", "1052"),
])
def test_a_medieval_year_is_no_clock_time(sentence: str, year: str | None) -> None:
    # a four-digit number that reads as hh:mm (1001-1259) is a year unless "around/about" marks a clock
    frame = temporal_expressions(sentence, "2025-01-15")
    assert not (frame["type"] == "TIME").any(), frame[["text", "value"]].values.tolist()
    assert (year in frame["value"].tolist()) if year else frame.empty


def test_until_weekday_in_a_past_clause_looks_ahead() -> None:
    # written on Thursday 2025-01-16: the ferries stay cancelled up to the coming Sunday
    values = _values("Ferries to the islands were cancelled until Sunday, the operator said.", "2025-01-16")
    assert values["Sunday"] == "2025-01-19"
    assert _values("The ferries ran on Sunday, the operator said.", "2025-01-16")["Sunday"] == "2025-01-12"


def test_background_month_follows_the_story_in_a_mostly_past_text() -> None:
    # most years far before the DCT, but deictic words too (not a pure history): a past-tense month
    # without a year belongs to the story's last date
    text = ("The mayor spoke on Monday and again yesterday about the mill, which was built in 1821 and rebuilt in "
            "1840, 1852, 1866 and 1871. In 1902 a flood hit it. In April the wheel was replaced.")
    assert _values(text, "2024-05-01")["April"] == "1902-04"


def test_narrative_following_year() -> None:
    values = _values(CANAL + " The following year the towpath was paved.", "2024-05-01")
    assert values["The following year"] == "1843"


def test_spelled_counts_and_just() -> None:
    values = _values("Seventeen years ago the bridge fell; just yesterday it was rebuilt.", "2017-05-01")
    assert values["Seventeen years ago"] == "2000"
    assert values.get("just yesterday", values.get("yesterday")) == "2017-04-30"


def test_future_years_do_not_make_a_story() -> None:
    import datetime as dt

    plan = ("The city plans to cut emissions by 2030, 2035, 2040, 2045 and 2050. Yesterday the council "
            "approved the plan.")
    assert not narrative_style(plan, dt.date(2014, 7, 28))
    assert _values(plan, "2014-07-28")["Yesterday"] == "2014-07-27"


def test_verbless_fragment_names_a_coming_time() -> None:
    # a diary line without a verb points ahead; with a past verb the same weekday looks back
    assert _values("Choir practice: Monday, 7 pm.", "2025-01-15")["Monday, 7 pm"] == "2025-01-20T19:00"
    assert _values("The choir practised on Monday.", "2025-01-15")["Monday"] == "2025-01-13"


# ---------------------------------------------------------------- ranges and lists: one TIMEX3 per part
# (range rule, sentence of our own, reference date, [(timex text, value), ...])
RANGE_CASES = [
    ("month day list", "Strikes were called for Sep 8, 9, 11 and 12.", "2024-10-01",
     [("Sep 8", "2024-09-08"), ("9", "2024-09-09"), ("11", "2024-09-11"), ("12", "2024-09-12")]),
    ("day list month", "The ferry sailed on the 2nd, 9th and 16th of May 2021.", "2024-10-01",
     [("the 2nd", "2021-05-02"), ("9th", "2021-05-09"), ("16th of May 2021", "2021-05-16")]),
    ("day list month", "Markets open on 4, 11, 18 and 25 March 2023.", "2024-10-01",
     [("4", "2023-03-04"), ("11", "2023-03-11"), ("18", "2023-03-18"), ("25 March 2023", "2023-03-25")]),
    ("month day list", "Rallies were held on May 1, 2 and 3.", "2024-10-01",
     [("May 1", "2024-05-01"), ("2", "2024-05-02"), ("3", "2024-05-03")]),
    ("month day list", "Rallies were held on May 1, 2, and 3, 2019.", "2024-10-01",
     [("May 1", "2019-05-01"), ("2", "2019-05-02"), ("3, 2019", "2019-05-03")]),
    ("month day and day", "The talks were held on Oct 21 and 22 in Rome.", "2024-10-01",
     [("Oct 21", "2024-10-21"), ("22", "2024-10-22")]),
    ("month day and day", "Talks on Oct. 21-22, 2019 failed.", "2024-10-01",
     [("Oct. 21", "2019-10-21"), ("22, 2019", "2019-10-22")]),
    ("day and day month", "The fair runs 16 to 18 July.", "2024-05-01",
     [("16", "2024-07-16"), ("18 July", "2024-07-18")]),
    ("day and day month", "The fair ran on the 3rd and 4th of May, 2019.", "2024-10-01",
     [("the 3rd", "2019-05-03"), ("4th of May, 2019", "2019-05-04")]),
    ("clock range", "The office is open from 9 to 11 am on weekdays.", "2024-10-01",
     [("9", "2024-10-01T09:00"), ("11 am", "2024-10-01T11:00")]),
    ("clock range", "Lunch is served from 11 to 1 pm.", "2024-10-01",
     [("11", "2024-10-01T11:00"), ("1 pm", "2024-10-01T13:00")]),
    ("year range", "Output fell sharply in 1990-95.", "2024-10-01", [("1990", "1990"), ("95", "1995")]),
    ("year range", "Prices rose between 2001 and 2003.", "2024-10-01", [("2001", "2001"), ("2003", "2003")]),
    ("year range", "From 1990 to 1995 he taught in Leeds.", "2024-10-01", [("1990", "1990"), ("1995", "1995")]),
    ("list of years", "Floods came in 1994, 1996 and 1999.", "2024-10-01",
     [("1994", "1994"), ("1996", "1996"), ("1999", "1999")]),
    ("range of years BC", "The colony thrived in 611-584 BC.", "2024-10-01", [("611", "BC0611"), ("584 BC", "BC0584")]),
    ("range of years BC", "The siege lasted from 357 to 355 B.C. by most accounts.", "2024-10-01",
     [("357", "BC0357"), ("355 B.C.", "BC0355")]),
    ("months of a year", "It rained from March to May 2003.", "2024-10-01", [("March", "2003-03"), ("May 2003", "2003-05")]),
    ("weekday and weekday", "The ferries sail Monday and Tuesday.", "2024-10-02",
     [("Monday", "2024-09-30"), ("Tuesday", "2024-10-01")]),
    ("weekday and weekday", "The band plays on Friday and Saturday nights.", "2024-10-02",
     [("Friday", "XXXX-WXX-5TNI"), ("Saturday nights", "XXXX-WXX-6TNI")]),
    ("weekday and weekday", "The band will play on Friday and Saturday night.", "2024-10-02",
     [("Friday", "2024-10-04TNI"), ("Saturday night", "2024-10-05TNI")]),
]


@pytest.mark.parametrize(("rule", "sentence", "dct", "expected"), RANGE_CASES)
def test_range_is_split(rule: str, sentence: str, dct: str, expected: list[tuple[str, str]]) -> None:
    frame = temporal_expressions(sentence, dct)
    assert list(zip(frame["text"], frame["value"], strict=True)) == expected
    assert all(sentence[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["text"], strict=True))
    if sentence not in SPLIT_WITHOUT_RANGE_RULE:  # with the range rule off the parts are not split this way
        off = temporal_expressions(sentence, dct, without=[rule])
        assert list(zip(off["text"], off["value"], strict=True)) != expected


# the parser already cuts these at the connective (both sides name a time), so the rule changes nothing
SPLIT_WITHOUT_RANGE_RULE = {"Prices rose between 2001 and 2003.", "From 1990 to 1995 he taught in Leeds.",
                            "The ferries sail Monday and Tuesday."}


def test_every_range_rule_has_a_case() -> None:
    from utils.temporal_rules import RANGE_NAMES

    assert set(RANGE_NAMES) == {case[0] for case in RANGE_CASES}


@pytest.mark.parametrize("sentence", ["He served 5 to 10 years.", "The rate rose from 3 to 4 percent in May.",
                                      "It may 2 and 3 times fail.", "The plan for 2001-03 was cut."])
def test_not_a_range_of_dates(sentence: str) -> None:
    from utils.temporal_rules import split_ranges

    assert split_ranges(sentence) == []


def test_rules_can_be_switched_off() -> None:
    sentence = "We left at 17h45 sharp, on the first Tuesday of October."
    both = {"17h45": "2024-10-01T17:45", "the first Tuesday of October": "2024-10-01"}
    assert _values(sentence, "2024-10-01") == both
    off = temporal_expressions(sentence, "2024-10-01", without=["clock European h", "nth weekday of month"])
    assert off[["text", "value"]].values.tolist() == [["the first Tuesday of October", "XXXX"]]
    assert _values(sentence, "2024-10-01") == both  # the cache keeps the two apart
    with pytest.raises(ValueError, match="Unknown rule"):
        temporal_expressions(sentence, "2024-10-01", without=["no such rule"])


# ---------------------------------------------------------------- narrative anchoring (issue 14)


def test_news_with_background_years_stays_news() -> None:
    import datetime as dt

    # recent years among the far ones count against a story: a report, and its weekday looks back from the DCT
    text = ("The dispute over the dam started in 2009 and flared up in 2011, 2013, 2016 and 2019. Mediation in "
            "2023 and 2024 went nowhere. On Tuesday farmers blocked the road, the police said.")
    assert not narrative_style(text, dt.date(2024, 6, 13))
    assert _values(text, "2024-06-13")["Tuesday"] == "2024-06-11"


def test_a_weekday_after_a_story_of_years_is_a_day_of_the_news() -> None:
    # a life told in years, then the news of the week (written on Wednesday 2024-06-12): the weekdays are
    # no days of the last year told, and none lies after the DCT unless the clause looks ahead
    text = ("The painter grew up in a port town in 1938, showed in 1956 and 1961, taught from 1967 and won a prize "
            "in 1983 and in 1994. He died at home on Sunday, his gallery said. A memorial is planned for Friday.")
    assert narrative_style(text, _dt.date(2024, 6, 12))
    values = _values(text, "2024-06-12")
    assert values["Sunday"] == "2024-06-09" and values["Friday"] == "2024-06-14"


def test_a_long_chronicle_reaching_up_to_the_dct_is_a_history() -> None:
    # twenty far years and no "yesterday": a history, though its last years lie near the DCT
    far = " ".join(f"The river flooded the valley in {y}." for y in range(1990, 2010))
    text = far + " New dikes were raised in 2023 and 2024. In June the last gap was closed."
    assert narrative_style(text, _dt.date(2024, 12, 1))
    assert not narrative_style(text + " On Monday and Tuesday officials said so." * 5, _dt.date(2024, 12, 1))


def test_a_look_back_does_not_move_the_story() -> None:
    # "a year earlier" dates an aside; the month after it stays in the story's year
    text = ("The mill opened in 1850, burned in 1861, reopened in 1866 and closed in 1871. In 1880 a new owner "
            "arrived; he had bought a farm a year earlier. In March he rebuilt the wheel.")
    values = _values(text, "2024-05-01")
    assert values["a year earlier"] == "1879"
    assert values["March"] == "1880-03"


def test_a_story_in_bc_years_counts_on_a_mirror_calendar() -> None:
    text = ("Colonists settled the bay in 720 BC. Raids hit them in 715 BC, 709 BC and 704 BC. In 700 BC a "
            "harbour was dug. The following year a temple rose on the hill. In the summer a drought came.")
    values = _values(text, "2020-06-01")
    assert values["The following year"] == "BC0699"  # the year after 700 BC
    assert values["the summer"] == "BC0699-SU"


def test_the_next_day_after_a_month_is_a_day_of_that_month() -> None:
    text = ("The rebels took the port in 1911, lost it in 1913, and took it back in 1915 and 1917. In June 1919 "
            "the fleet arrived. The next day it shelled the forts.")
    assert _values(text, "2024-05-01")["The next day"] == "1919-06-XX"


@pytest.mark.parametrize(("text", "timex", "value"), [
    ("The storm reached the coast on the night of 17 March 1911.", "the night of 17 March 1911", "1911-03-17TNI"),
    ("The fire spread during the late evening hours of Jan. 9, 1962.", "the late evening hours of Jan. 9, 1962",
     "1962-01-09TEV"),
    ("Traders met late in the afternoon of 7 October 1871 at the inn.", "late in the afternoon of 7 October 1871",
     "1871-10-07TAF"),
    ("Nomads crossed the pass in early winter of 215 BC with herds.", "early winter of 215 BC", "BC0215-WI"),
])
def test_a_part_of_a_date_is_one_expression(text: str, timex: str, value: str) -> None:
    # TimeML takes "the night of <date>" whole: a part of that day (a season of that year)
    assert _values(text, "2020-06-01") == {timex: value}


def test_a_planned_event_lies_ahead_and_a_participle_after_a_noun_looks_back() -> None:
    # written on Wednesday 2025-03-05
    assert _values("The delegation planned to fly home on Friday.", "2025-03-05")["Friday"] == "2025-03-07"
    assert _values("The museum was scheduled to reopen Monday after repairs.", "2025-03-05")["Monday"] == "2025-03-10"
    assert _values("The court upheld the order issued Saturday by the mayor.", "2025-03-05")["Saturday"] == "2025-03-01"
    # a plan told in the past perfect was overtaken: the weekday looks back
    assert _values("The vote had been scheduled to close on Monday.", "2025-03-05")["Monday"] == "2025-03-03"


def test_financial_quarters() -> None:
    # written on 2021-02-03: the fourth quarter has not begun this year, so the one reported on is 2020's
    assert _values("Sales rose 8% in the fourth quarter.", "2021-02-03")["the fourth quarter"] == "2020-Q4"
    assert _values("Sales will rise in the fourth quarter.", "2021-02-03")["the fourth quarter"] == "2021-Q4"
    # "year-ago" is one compound word: the quarter a year before the last one reported
    text = "Profit was $4 million, up from $3 million in the year-ago quarter."
    assert _values(text, "2021-11-02") == {"the year-ago quarter": "2020-Q3"}
    assert _values("Costs were lower than in the year-earlier six months.", "2021-11-02") == {
        "the year-earlier six months": "P6M"}


def test_coming_units_in_the_plural_are_a_vague_stretch() -> None:
    values = _values("Prices should ease in coming months and in the coming year.", "2021-11-02")
    assert values["coming months"] == "PXM"  # not one month
    assert values["the coming year"] == "2022"


@pytest.mark.parametrize(("text", "timex", "value"), [
    # a hedge or an article keeps the value of the time it hedges
    ("The merger should close sometime next year.", "sometime next year", "2022"),
    ("The bonds mature around Dec. 1, the bank said.", "around Dec. 1", "2021-12-01"),
    # counts written with a fraction or "a hundred"
    ("The tunnel took 3 1/2 years to dig.", "3 1/2 years", "P3Y6M"),
    ("The mill has stood for almost a hundred years.", "almost a hundred years", "P100Y"),
    ("The contract was extended for an additional year.", "an additional year", "P1Y"),
    # the reference's own day or year, not a stretch of time
    ("Sales had slowed earlier in the year.", "earlier in the year", "2021"),
    ("The firm expects a profit for the full year.", "the full year", "2021"),
    ("The plant will close by year-end.", "year-end", "2021"),
    ("Revenue rose in the current fiscal year.", "the current fiscal year", "2021"),
    ("The trial is set for the week of Jan. 10.", "the week of Jan. 10", "2022-W02"),
    # financial comparisons
    ("Margins were thinner than in the same period a year earlier.", "the same period a year earlier", "2020-Q3"),
    ("Earnings beat the 2020 quarter.", "the 2020 quarter", "2020-Q3"),
])
def test_hedges_fractions_and_the_reference_unit(text: str, timex: str, value: str) -> None:
    # written on Tuesday 2021-11-02
    assert _values(text, "2021-11-02")[timex] == value


@pytest.mark.parametrize(("phrase", "value"), [
    ("an Oct. 3, 2019", "2019-10-03"), ("as long as a month", "P1M"), ("a two day", "P2D"),
    ("later in the day", "2021-11-02"),
])
def test_normalize_drops_hedges_and_articles(phrase: str, value: str) -> None:
    import datetime as dt

    from utils.chronology import normalize

    assert normalize(phrase, dt.date(2021, 11, 2), "past")[1] == value


def test_sets_parts_of_day_seasons_and_signals() -> None:
    # written on Tuesday 2021-11-02
    assert _values("The ferry sails each Thursday.", "2021-11-02") == {"each Thursday": "XXXX-WXX-4"}
    assert _values("The fair is held every July.", "2021-11-02") == {"every July": "XXXX-07"}
    assert _values("The ferry left port mid-afternoon yesterday.", "2021-11-02") == {"mid-afternoon yesterday": "2021-11-01TAF"}
    # in November, "this past spring" is this year's spring
    assert _values("Prices peaked this past spring.", "2021-11-02") == {"this past spring": "2021-SP"}
    # "as soon as" and "soon after" relate two times; they are not a time themselves
    assert _values("The team will leave as soon as the road opens.", "2021-11-02") == {}
    assert _values("The mayor resigned soon after the vote.", "2021-11-02") == {}
    assert _values("The firm will sell the unit as soon as possible.", "2021-11-02") == {"soon": "FUTURE_REF"}


def test_years_said_aloud_and_every_day() -> None:
    # a broadcast transcript spells its years; "every day" is a set even where the parser sees no date
    values = _values("In nineteen eighty-four the mine closed. Since then the town has shrunk.", "1998-01-01")
    assert values["nineteen eighty-four"] == "1984"
    assert list(_values("She walks the dog almost every day.", "1998-01-01").values()) == ["P1D"]


def test_since_and_a_describing_year_do_not_move_the_story() -> None:
    # "since 1802" names when a state began; the year after the story's 1850 is 1851, not 1803
    text = ("The port was founded in 1790 and grew in 1795, 1800 and 1805. In 1850 the river, which had "
            "been a border since 1802, flooded. The following year the town moved uphill.")
    assert _values(text, "2024-05-01")["The following year"] == "1851"
    # a year before the story that only describes a thing ("the flood of 1831") leaves the story in 1850
    text = ("The port was founded in 1790 and grew in 1795, 1800 and 1805. In June 1850 the council recalled "
            "the flood of 1831. On 3 July the river flooded again.")
    assert _values(text, "2024-05-01")["3 July"] == "1850-07-03"


def test_a_bare_season_is_a_time_but_the_fall_of_a_city_is_not() -> None:
    text = ("The siege began in 1790 and was renewed in 1795, 1800 and 1805. In 1812 the army waited for "
            "spring. The fall of the dynasty followed in the autumn.")
    values = _values(text, "2024-05-01")
    assert values["spring"] == "1812-SP" and values["the autumn"] == "1812-FA"
    assert "The fall" not in values
    assert "Summer" not in _values("Dancers led the Summer of Unity parade on Monday.", "2024-05-01")


def test_financial_anaphora_and_the_year_of_a_month() -> None:
    # written on Tuesday 2021-11-02
    text = "The chain cut prices in March. The following month it closed ten stores."
    values = _values(text, "2021-11-02")
    assert values["March"] == "2021-03"  # a past clause: not the coming March, eight months ahead
    assert values["The following month"] == "2021-04"  # "following" counts from the time just told
    assert _values("The deadline for bids was pushed back to Nov. 9.", "2021-11-02")["Nov. 9"] == "2021-11-09"  # ahead
    text = "Profit was $5 million in the third quarter. Sales in the latest period rose 4%."
    assert _values(text, "2021-11-02")["the latest period"] == "2021-Q3"


def test_the_year_decades_and_comparisons_in_reports() -> None:
    # written on Tuesday 1998-11-03
    assert _values("For the year, sales were flat.", "1998-11-03")["the year"] == "1998"
    assert _values("Net income for the year ended June 30 rose.", "1998-11-03")["the year"] == "P1Y"
    assert _values("Rents soared in the nineties.", "1998-11-03")["the nineties"] == "199"  # not the 2090s
    assert _values("Rents soared in the nineties.", "2024-11-03")["the nineties"] == "199"
    # a comparison does not become the reference of the next one
    text = "Profit rose from $3 million a year ago. Sales were $9 million, against $8 million a year earlier."
    values = _values(text, "1998-11-03")
    assert values["a year ago"] == values["a year earlier"] == "1997"


def test_vague_counts_decades_and_fractions() -> None:
    values = _values("The road was shut for several years and then for a few days in 1997.", "1998-01-01")
    assert values["several years"] == "PXY" and values["a few days"] == "PXD"  # counts, not judgements
    assert _values("Prices held for almost two decades.", "1998-01-01") == {"almost two decades": "P20Y"}
    text = ("The port was founded in 1790 and grew in 1795, 1800 and 1805. A canal opened in 1851; the plan "
            "for it had been drawn up two decades earlier.")
    assert _values(text, "2024-05-01")["two decades earlier"] == "183"  # the decade 20 years before 1851
    assert _values("Three quarters of the crew fell ill.", "1998-01-01") == {}  # a fraction, not nine months


def test_long_adjectives_and_bare_plural_shifts() -> None:
    values = _values("After a year-long siege and a decades-long feud, the town fell.", "2000-01-01")
    assert values["year-long"] == "P1Y" and values["decades-long"] == "PXY"
    assert _values("Weeks earlier the dam had cracked.", "2000-01-01")["Weeks earlier"] == "PAST_REF"  # not one week


def test_that_unit_and_weekday_with_its_date() -> None:
    text = "The mill burned on March 3, 1998. Earlier that day a storm had passed, and later that year it reopened."
    values = _values(text, "2000-01-10")
    assert values["Earlier that day"] == "1998-03-03" and values["later that year"] == "1998"
    # after a month told, "later that day" is a day of that month, its number unknown (as "that day" alone)
    assert _values("The mill closed in March 1998. Later that day the owner left.", "2000-01-10")["Later that day"] == \
        "1998-03-XX"
    # written on Tuesday 2026-10-06
    assert _values("The concert is this coming Friday, October ninth.", "2026-10-06") == {
        "this coming Friday, October ninth": "2026-10-09"}
    # "Friday, its third drop in a row": the ordinal counts drops, it is no day of the month
    assert _values("The index slipped once more on Friday, its third drop in a row.", "2026-05-06")["Friday"] == \
        "2026-05-01"


def test_this_year_the_following_year_and_a_stretch_of_a_year() -> None:
    # written on Tuesday 2012-02-14
    assert _values("Turnout at this year's harvest fair was low.", "2012-02-14") == {"this year": "2012"}
    text = "The bridge was closed in 1994, and the following year it was torn down."
    assert _values(text, "2012-02-14")["the following year"] == "1995"
    assert _values("Imports fell in the first seven months of 2011.", "2012-02-14") == {
        "the first seven months": "P7M", "2011": "2011"}
    assert "This Week" not in _values('She was a guest on "This Week In Farming" on Sunday.', "2012-02-14")


def test_a_clock_time_is_on_the_day_just_told() -> None:
    # written on Wednesday 2026-05-06 about a broken pipe on Tuesday
    text = "A water main collapsed under the square on Tuesday. Flooding started near 6:20 p.m., residents recalled."
    values = _values(text, "2026-05-06")
    assert values["Tuesday"] == "2026-05-05"
    assert next(v for k, v in values.items() if "6:20" in k) == "2026-05-05T18:20"


def test_last_date_previous_weekday_and_a_ranged_stretch() -> None:
    # written on Tuesday 2027-03-02
    assert _values("She moved here last Sept. 14 from the coast.", "2027-03-02")["last Sept. 14"] == "2026-09-14"
    assert _values("Rents may climb during the next 6 to 9 months.", "2027-03-02") == {"the next 6 to 9 months": "PXM"}
    # "the previous Thursday" counts back from the Thursday just told, not from the DCT
    text = "The fund was priced at 41.20 on Thursday, June 4, 2% above the previous Thursday."
    assert _values(text, "2026-06-08")["the previous Thursday"] == "2026-05-28"


def test_a_noun_before_a_time_is_not_part_of_it() -> None:
    # the parser sometimes takes a preceding noun or count into the date entity
    assert _values("The general took control in a bloodless putsch last year.", "2026-05-06") == {"last year": "2025"}
    assert _values("The chain has 40 shops, against 31 a year ago.", "2026-05-06") == {"a year ago": "2025"}
    values = _values("She wrote the letter in a hotel several months before her arrest.", "2026-05-06")
    assert values == {"several months": "PXM"}


def test_the_near_term_and_a_later_date() -> None:
    values = _values("Wages may lag in the near term, and the vote was put off to a later date.", "2026-05-06")
    assert values == {"the near term": "FUTURE_REF", "a later date": "FUTURE_REF"}
    assert _values("Tenants gain little over the short term.", "2026-05-06") == {"the short term": "FUTURE_REF"}


def test_early_in_spring_and_the_next_year_in_a_story() -> None:
    text = ("The port was founded in 1790 and grew in 1795, 1800 and 1805. In 1850 the army rested. "
            "Late in summer the caravan turned west, and late the next year it reached the hills.")
    values = _values(text, "2024-01-01")
    assert values["Late in summer"] == "1850-SU"
    assert values["late the next year"] == "1851"  # in a story, the year after the story's, not a year's length


def test_an_entity_holding_two_times_joined_by_in_is_split() -> None:
    values = _values("Exports grew by 5 percent a month in the first half of 2016.", "2017-03-08")
    assert values.get("the first half of 2016") == "2016-H1"


def test_since_looks_back_fractions_and_doubled_words() -> None:
    # written on Tuesday 2027-03-02: "since" names a past time, so Sept. 30 is last September's
    text = "Volunteers have cleared debris ever since the Sept. 30 landslide."
    assert _values(text, "2027-03-02")["Sept. 30"] == "2026-09-30"
    assert _values("The surgery took 7 3/4 hours.", "2027-03-02") == {"7 3/4 hours": "PT7H45M"}
    assert _values("Bids close in in late June.", "2027-03-02") == {"late June": "2027-06"}


def test_a_march_is_not_always_a_month() -> None:
    assert _values("The Great Lantern March set out in April 1911.", "2000-01-01") == {"April 1911": "1911-04"}
    assert _values("The pilgrims began the march across the plateau.", "2000-01-01") == {}
    assert _values("Pilgrims march in May; others march in June.", "2000-01-01") == {"May": "2000-05", "June": "2000-06"}
    # a text that writes no month with a capital keeps its lower-case months (written on 2022-10-20)
    assert _values("we met in march and again in june.", "2022-10-20") == {"march": "2022-03", "june": "2022-06"}
    assert _values("Sales rose in march, the company said.", "2022-10-20") == {"march": "2022-03"}
    assert _values("By March the troops had left.", "2000-01-01") == {"March": "1999-03"}
    assert "March 3" in _values("Report Released March 3 Shows Growth", "2000-01-01")  # a title-case headline


def test_a_plan_ahead_and_a_look_back_with_ago_leave_the_story_in_place() -> None:
    text = ("The port was founded in 1790 and grew in 1795, 1800 and 1805. In 1850 the rebels feared the city "
            "would fall in a campaign in 1852. On 3 May the walls were breached. The mayor said the treaty of "
            "two years ago had failed. On 9 May the city fell.")
    values = _values(text, "2024-01-01")
    assert values["3 May"] == "1850-05-03"  # the planned 1852 is not where the story is
    assert values["two years ago"] == "1848"
    assert values["9 May"] == "1850-05-09"  # nor is the look back


def test_until_a_later_date_leaves_the_story_in_place() -> None:
    text = ("The port was founded in 1790 and grew in 1795, 1800 and 1805. In March 1850 a siege began that "
            "held until the surrender of the garrison in January 1851. By the middle of June the rebels held the coast.")
    assert _values(text, "2024-01-01")["the middle of June"] == "1850-06"


def test_in_splits_two_times_but_keeps_a_time_and_its_year() -> None:
    assert _values("Sales peaked in the last quarter in 2019.", "2020-01-10") == {"the last quarter in 2019": "2019-Q4"}
    assert _values("The fair opens the second week in May.", "2020-01-10") == {"the second week in May": "2020-W20"}


def test_a_name_before_a_number_stays() -> None:
    assert _values("The parade falls on Easter 2031 this time.", "2030-06-01") == {"Easter 2031": "2031-04-13"}


def test_small_regressions_of_the_review() -> None:
    # written on Thursday 2022-10-20
    assert _values("The drop in rents continued this fall.", "2022-10-20") == {"this fall": "2022-FA"}  # a drop, a season
    assert _values("The truce lasted until midnight on Sunday.", "2022-10-20") == {"midnight on Sunday": "2022-10-16T24:00"}
    assert _values("The blockade held until Sunday.", "2022-10-20") == {"Sunday": "2022-10-16"}  # a verb of lasting ends there
    assert _values('"C\'mon." he laughed.', "2022-10-20") == {}
    assert _values("The Thu Lan canal was dredged.", "2022-10-20") == {}
    assert _values("See you Thu Nov 3.", "2022-10-20") == {"Thu Nov 3": "2022-11-03"}  # a month after it: a weekday
    assert list(_values("Guards searched the cell around 0800 hours.", "2022-10-20").values()) == ["2022-10-20T08:00"]


def test_a_season_of_the_year_told() -> None:
    values = _values("The depot opened in 2011. The following spring it added a second line.", "2022-10-20")
    assert values["The following spring"] == "2012-SP"
    values = _values("She moved to the coast in 1987. That winter she opened a bakery.", "2022-10-20")
    assert values["That winter"] == "1987-WI"


def test_units_later_count_from_the_year_of_any_date_told() -> None:
    # written on 2022-10-20: the year of a season, a half or a year BC is where the count starts
    assert _values("The mine shut in the winter of 1983 and reopened four years later.", "2022-10-20")[
        "four years later"] == "1987"
    assert _values("The colony was founded in 640 BC. Three years later a wall was built.", "2022-10-20")[
        "Three years later"] == "BC0637"


def test_a_company_profile_then_the_news_of_the_week() -> None:
    # five far years make a history, but a present-tense "next year" counts from the time of writing
    text = ("The ferry line started in 1958, bought its second ship in 1969, went public in 1981, merged in 1990 "
            "and added a route in 2003. Its shares slid on Wednesday, and the board sees a loss next year.")
    values = _values(text, "2024-06-14")
    assert values["Wednesday"] == "2024-06-12" and values["next year"] == "2025"


def test_a_weekday_after_an_article_is_any_such_day() -> None:
    # "a Friday" names no particular Friday (written on Thursday 2022-10-20)
    assert _values("Payday always falls on a Friday.", "2022-10-20") == {"Friday": "XXXX-WXX-5"}
    assert _values("The market opened on Friday.", "2022-10-20") == {"Friday": "2022-10-14"}


def test_a_holiday_has_no_date_before_it_existed() -> None:
    from utils.holidays import holiday_date

    # the Dutch King's Day dates from 2014 (Queen's Day before); 27 April 2025 is a Sunday, so the 26th
    assert holiday_date("king's day", 2010) is None and holiday_date("king's day", 2025).isoformat() == "2025-04-26"


def test_the_weekend_ahead_in_a_plan_or_a_forecast() -> None:
    # written on Thursday 2022-10-20: the weekend of a forecast is the coming one, of a past clause the last one
    assert _values("Snow is forecast to fall over the weekend.", "2022-10-20")["the weekend"] == "2022-W42-WE"
    assert _values("Showers are expected over the weekend.", "2022-10-20")["the weekend"] == "2022-W42-WE"
    assert _values("It snowed over the weekend.", "2022-10-20")["the weekend"] == "2022-W41-WE"


def test_a_participle_clause_shares_the_time_of_its_main_clause() -> None:
    # written on 2024-10-28: "climbing ... from $33 in February" tells of the past like "swung", not of February 2025
    vals = _values("The stock swung widely on rumours, climbing to a peak of $51 in August from $33 in February.",
                   "2024-10-28")
    assert vals["February"] == "2024-02" and vals["August"] == "2024-08"
    assert _values("The firm will expand, hiring 300 workers in February.", "2024-10-28")["February"] == "2025-02"


def test_year_ago_counts_from_now_not_from_an_older_or_a_forecast_period() -> None:
    # written on 2021-10-28: "ago" is deictic; "the 2020 period" is already the year-ago one, and a forecast
    # quarter is not the quarter reported on; "year-earlier" still counts back from the year told
    dct = "2021-10-28"
    assert _values("Profit fell to $3 million in the 2020 period. The year-ago results included a tax gain.",
                   dct)["The year-ago"] == "2020"
    assert _values("Profit rose in the third quarter. The year-ago results included a charge.", dct)["year-ago"] == "2020-Q3"
    assert _values("The firm expects profit to rise in the second quarter of 2022. In the year-ago quarter it "
                   "earned $4 million.", dct)["the year-ago quarter"] == "2020-Q3"
    assert _values("Sales reached $5 million in 1985, up from $4 million in year-earlier sales.", dct)["year-earlier"] == "1984"


def test_the_time_a_vote_is_put_off_to_or_arranged_for_lies_ahead() -> None:
    # written on Thursday 2023-05-11: the day a past verb of postponing or arranging points to is a coming one
    dct = "2023-05-11"
    assert _values("The council postponed the vote until Tuesday.", dct)["Tuesday"] == "2023-05-16"
    assert _values("The regulator extended the deadline to Monday.", dct)["Monday"] == "2023-05-15"
    assert _values("Farmers planned a large march in the capital on Saturday.", dct)["Saturday"] == "2023-05-13"
    assert _values("Officials set a vote for Friday.", dct)["Friday"] == "2023-05-12"
    # but not the day of the act itself, a plan told as past, or a verb that does not point ahead
    assert _values("The council met on Tuesday and postponed the vote.", dct)["Tuesday"] == "2023-05-09"
    assert _values("The union had planned a strike on Monday but called it off.", dct)["Monday"] == "2023-05-08"
    assert _values("Stocks set a record Tuesday.", dct)["Tuesday"] == "2023-05-09"
    assert _values("The talks lasted until Monday.", dct)["Monday"] == "2023-05-08"


def test_all_day_or_the_day_before_a_weekday_is_that_day() -> None:
    # written on Thursday 2023-05-11: "all day Tuesday" is Tuesday (it was XXXX)
    assert _values("Rain fell all day Tuesday.", "2023-05-11")["all day Tuesday"] == "2023-05-09"
    assert _values("Crews cleared the road during the day Sunday.", "2023-05-11")["the day Sunday"] == "2023-05-07"
    assert _values("The day before yesterday was cold.", "2023-05-11")["The day before yesterday"] == "2023-05-09"


def test_a_clock_time_with_its_time_zone_and_a_date_is_one_expression() -> None:
    # written on Wednesday 2023-05-10: "5 p.m. EDT, May 19" is the deadline's day, not 5 p.m. today
    assert _values("The offer expires at 5 p.m. EDT, May 19.", "2023-05-10")["5 p.m. EDT, May 19"] == "2023-05-19T17:00"
    assert _values("The talks ended at 9 p.m. PST, Monday.", "2023-05-10")["9 p.m. PST, Monday"] == "2023-05-08T21:00"


def test_the_day_set_beside_a_date_is_that_date() -> None:
    # written on 2023-05-10: "April 27, the day before the deadline" is two expressions naming one day
    vals = _values("Ballots were printed on April 27, the day before the deadline.", "2023-05-10")
    assert vals["April 27"] == "2023-04-27" and vals["the day"] == "2023-04-27"
    # with no date beside it, no date is borrowed from elsewhere (the storm's day is not known)
    assert "2023" not in _values("The shop opened on May 2. It closed the day after the storm.", "2023-05-10")["the day"]


def test_a_weekend_abbreviated_wkend() -> None:
    # "wkend" is a common written short form of "weekend"; the last weekend of May 2025 is 31 May-1 June (ISO week 22)
    assert _values("The fair takes place on the last wkend of May 2025.", "2025-01-15") == {
        "the last wkend of May 2025": "2025-W22-WE"}


def test_last_next_and_this_past_season_count_alike() -> None:
    # written on 2025-10-20 (autumn): last spring is this year's, next spring the coming year's, and
    # "this past"/"the coming" count as "last"/"next" do (one function decides all four)
    text = "The pond froze last winter and flooded last spring; it may freeze next spring."
    assert _values(text, "2025-10-20") == {"last winter": "2024-WI", "last spring": "2025-SP", "next spring": "2026-SP"}
    assert _values("The pond flooded this past spring.", "2025-10-20") == {"this past spring": "2025-SP"}
    assert _values("Repairs start the coming spring.", "2025-10-20") == {"the coming spring": "2026-SP"}


def test_soon_in_a_past_clause_is_no_time() -> None:
    # "soon" in a past clause means shortly after the event just told: TimeML marks no time there
    assert _values("The dam cracked in May, and the valley was soon flooded.", "2025-01-15") == {"May": "2024-05"}
    assert _values("The ferry line soon went bankrupt.", "2025-01-15") == {}
    # ahead of the time of writing it is a time
    assert _values("The ferry line will soon reopen.", "2025-01-15") == {"soon": "FUTURE_REF"}
    # a future told from a past time keeps it: "going to", "about to", "was to", "would"
    for sentence in ["She said the talks were going to resume soon.", "The plan was soon to be unveiled.",
                     "They were about to leave soon.", "He said the firm would soon open a branch."]:
        assert _values(sentence, "2025-01-15") == {"soon": "FUTURE_REF"}, sentence
    assert _values("He was soon forced to flee.", "2025-01-15") == {}  # the infinitive is not what "soon" modifies


def test_a_span_of_years_bc_taken_whole_counts_down() -> None:
    from utils.temporal_rules import Ctx, rule_value

    ctx = Ctx(_dt.date(2025, 1, 15))
    assert rule_value("520-515 BC", ctx) == ("DURATION", "P6Y", "span of years BC", "")
    assert rule_value("515-520 BC", ctx) is None  # years before Christ count down: no such span


def test_a_rate_is_a_set_but_a_stretch_stays_a_duration() -> None:
    frame = temporal_expressions("The mill earns $4 million a year, after she waited for a year.", "2025-01-15")
    assert list(zip(frame["text"], frame["type"], frame["value"], strict=True)) == [
        ("a year", "SET", "P1Y"), ("a year", "DURATION", "P1Y")]


def test_a_year_before_1800_after_a_preposition_but_no_amount() -> None:
    assert _values("The keep dates from c. 1250 and burned in 1347.", "2025-01-15") == {"c. 1250": "1250", "1347": "1347"}
    for sentence in ["The toll rose from 1052 to 1100 coins.", "The debt grew by 1200.",
                     "The army numbered about 1600 by then.", "He ran the race in 1500 and won."]:
        assert temporal_expressions(sentence, "2025-01-15").empty, sentence
    # a day or "hours" in the sentence makes it a clock time, even in a history
    assert _values("The abbey grew rich after 1120. Guards kept watch since 1500 on Tuesday.", "2025-06-15") == {
        "1120": "1120", "Tuesday": "2025-06-10"}


def test_quarters_of_time_count_quarters_and_a_quarter_of_a_thing_is_none() -> None:
    # a count of quarters keeps TimeML's unit Q (P3Q), as most TimeBank files that count quarters write it
    assert _values("Freight volumes may shrink for two more quarters.", "2025-01-15") == {"two more quarters": "P2Q"}
    assert _values("Margins have narrowed in recent quarters.", "2025-01-15") == {"recent quarters": "PXQ"}
    assert _values("Funds hold more than a quarter of the market.", "2025-01-15") == {}


def test_a_count_before_previous_and_the_years_before_a_year() -> None:
    assert _values("Sales were lower in the three previous months.", "2025-01-15") == {"the three previous months": "P3M"}
    assert _values("Rents stayed flat in the years 1972-1975.", "2025-01-15") == {"the years 1972": "1972", "1975": "1975"}


def test_a_bare_part_of_day_is_any_such_part() -> None:
    # "at night" with no day told or meant is a part of any day (TimeML XXXX-XX-XXTNI); "last night" is one
    assert _values("Smugglers crossed the border at night.", "2025-01-15") == {"night": "XXXX-XX-XXTNI"}
    assert _values("The guards slept badly last night.", "2025-01-15") == {"last night": "2025-01-14TNI"}


def test_a_half_not_yet_begun_told_in_the_past_is_last_years() -> None:
    # written in June 2025: results "rose in the second half" report on 2024's, as a quarter would
    assert _values("The retailer said sales rose in the second half.", "2025-06-15") == {"the second half": "2024-H2"}
    assert _values("The retailer expects sales will rise in the second half.", "2025-06-15") == {
        "the second half": "2025-H2"}
    # only a past clause makes it last year's: a forecast in the present tense is about this year's
    assert _values("The company expects growth in the second half.", "2025-06-15") == {"the second half": "2025-H2"}
    assert _values("The brewer expects a rebound in the fourth quarter.", "2025-06-15") == {
        "the fourth quarter": "2025-Q4"}


def test_units_previously_count_back_from_the_time_told() -> None:
    assert _values("The mill closed in 2010. Three years previously it had been sold.", "2025-06-15") == {
        "2010": "2010", "Three years previously": "2007"}


def test_a_name_right_after_a_date_is_not_part_of_it() -> None:
    # the parser may take the subject of the clause into the date entity
    assert _values("The army pushed north, and on June 4 Pavia was taken.", "2025-01-15") == {"June 4": "2024-06-04"}
    assert _values("Toward the end of April the Fourth Regiment reached the coast.", "2025-01-15") == {
        "the end of April": "2024-04"}
    assert _values("The blackout started at 6:12 a.m., October 8 PST.", "2025-06-15") == {
        "6:12 a.m., October 8 PST": "2024-10-08T06:12"}  # a time zone stays


@pytest.mark.parametrize(("sentence", "span", "value"), [
    ("Troops landed on the morning of Christmas Day.", "the morning of Christmas Day", "2024-12-25TMO"),
    ("Troops landed on the morning of 1944-06-06.", "the morning of 1944-06-06", "1944-06-06TMO"),
    ("The audit ran in the week of Monday, June 2.", "the week of Monday, June 2", "2025-W23"),
    ("The audit ran the week of Christmas.", "the week of Christmas", "2024-W52"),
    ("The audit ran the week of 6/2/2025.", "the week of 6/2/2025", "2025-W23"),
])
def test_week_and_part_of_any_phrase_naming_a_day(sentence: str, span: str, value: str) -> None:
    # written on 2025-06-15: the day inside may be a holiday, an ISO or numeric date, a weekday with its date
    assert _values(sentence, "2025-06-15") == {span: value}


def test_part_of_that_day_takes_the_day_told() -> None:
    text = "The mill burned on March 3, 1998. On the evening of the same day it rained."
    assert _values(text, "2025-06-15") == {"March 3, 1998": "1998-03-03", "the evening of the same day": "1998-03-03TEV"}


def test_a_unit_that_counts_from_an_event_is_no_rate() -> None:
    # "a day after the report" is an offset from the report, not once a day
    assert _values("Shares fell 5% a day after the report.", "2025-06-15") == {}
    assert _values("Prices rose 3% a week before the vote.", "2025-06-15") == {}


@pytest.mark.parametrize(("name", "text", "with_rule", "without_rule"), [
    ("soon in a past clause", "The dam cracked in May, and the valley was soon flooded.",
     {"May": "2024-05"}, {"May": "2024-05", "soon": "FUTURE_REF"}),
    ("year before 1800", "The abbey was founded in the 12th century. A bridge stood there from about 1052.",
     {"the 12th century": "11", "about 1052": "1052"}, {"the 12th century": "11"}),
    ("bare part of day", "Smugglers crossed the border at night.", {"night": "XXXX-XX-XXTNI"}, {"night": "2025-01-15TNI"}),
    ("units previously", "The mill closed in 2010. Three years previously it had been sold.",
     {"2010": "2010", "Three years previously": "2007"}, {"2010": "2010", "Three years": "P3Y"}),
    ("name after a date", "The army pushed north, and on June 4 Pavia was taken.",
     {"June 4": "2024-06-04"}, {"June 4 Pavia": "XXXX"}),
])
def test_each_engine_rule_is_named_and_can_be_switched_off(name: str, text: str, with_rule: dict, without_rule: dict) -> None:
    from utils.temporal import ENGINE_RULE_NAMES

    assert name in ENGINE_RULE_NAMES
    assert _values(text, "2025-01-15") == with_rule
    frame = temporal_expressions(text, "2025-01-15", without=[name])
    assert dict(zip(frame["text"], frame["value"], strict=True)) == without_rule


@pytest.mark.parametrize(("text", "timex", "value", "anchor"), [
    # anchored on the date told before, as "the year before" is
    ("The ferry sank on 9 June 2016. The preceding week, inspectors had passed it.", "The preceding week", "2016-W22",
     "previous timex (2016-06-09)"),
    ("Turnout reached a record in March 2018, up from the prior month.", "the prior month", "2018-02",
     "previous timex (2018-03)"),
    # no date told: the unit before the reference day
    ("Exports were down on the previous month, the agency said.", "the previous month", "2024-12", "DCT"),
])
def test_previous_unit_counts_back_from_the_date_told(text: str, timex: str, value: str, anchor: str) -> None:
    frame = temporal_expressions(text, "2025-01-15").set_index("text")
    assert frame.loc[timex, "value"] == value
    assert frame.loc[timex, "anchor"].startswith(anchor)


@pytest.mark.parametrize(("text", "timex", "value"), [
    ("The fair opened on 2 May 2019. The next Thursday night a storm tore the tents.", "The next Thursday night",
     "2019-05-09TNI"),
    # no day told: the first such weekday after the reference day (a Wednesday)
    ("The board will decide the following Wednesday.", "the following Wednesday", "2025-01-22"),
])
def test_weekday_after_a_told_day(text: str, timex: str, value: str) -> None:
    assert _values(text, "2025-01-15")[timex] == value


@pytest.mark.parametrize(("text", "timex", "value"), [
    ("The ballot closed on 4 March 2022. Counting ended at 4 a.m. the next day.", "4 a.m. the next day",
     "2022-03-05T04:00"),
    ("The ship docked on 9 July 1990. At 6:20 the following morning it sailed again.", "6:20 the following morning",
     "1990-07-10T06:20"),
    ("The ship docked on 9 July 1990. The next day at 5 p.m. the crew went ashore.", "The next day at 5 p.m.",
     "1990-07-10T17:00"),
])
def test_a_clock_time_on_the_day_after_the_day_told(text: str, timex: str, value: str) -> None:
    frame = temporal_expressions(text, "2025-01-15").set_index("text")
    assert frame.loc[timex, "value"] == value
    assert frame.loc[timex, "anchor"].startswith("previous timex")


@pytest.mark.parametrize(("text", "timex", "value"), [
    # a length per day is no sum of units (it was P2D and PT24H20M)
    ("The pumps ran 24 hours a day through the flood.", "24 hours", "PT24H"),
    ("She practised the violin 40 minutes a day.", "40 minutes", "PT40M"),
    # a real sum still goes from larger units to smaller ones
    ("The crossing took three hours and 20 minutes.", "three hours and 20 minutes", "PT3H20M"),
])
def test_a_compound_duration_goes_from_larger_to_smaller_units(text: str, timex: str, value: str) -> None:
    assert _values(text, "2025-01-15")[timex] == value


@pytest.mark.parametrize(("text", "timex", "value"), [
    ("Orders should pick up in the second half of the year.", "the second half of the year", "2025-H2"),
    ("Orders slumped in the first half of last year.", "the first half of last year", "2024-H1"),
    # a half of a decade keeps the decade (TimeML marks the half as a modifier)
    ("Rents doubled in the first half of the 1970s.", "the first half of the 1970s", "197"),
    ("Rents doubled in the latter half of the '60s.", "the latter half of the '60s", "196"),
])
def test_a_half_of_the_year_or_of_a_decade(text: str, timex: str, value: str) -> None:
    assert _values(text, "2025-01-15")[timex] == value


def test_a_relative_pronoun_is_not_part_of_the_time() -> None:
    values = _values("Profit rose in the quarter that ended June 30.", "2025-08-20")
    assert "the quarter that" not in values
    assert values["the quarter"] == "2025-Q2"


@pytest.mark.parametrize(("text", "timex", "value"), [
    ("Bus fares went up twice in the last year.", "the last year", "2024"),
    ("Bus fares went up twice over the past three years.", "the past three years", "P3Y"),  # a count: a stretch
    # only 'year': 'the last week' and 'the last month' stay lengths
    ("Bus fares went up twice in the last month.", "the last month", "P1M"),
    ("Pump prices have climbed over the past week.", "the past week", "P1W"),
])
def test_the_past_year_is_the_year_before_the_reference(text: str, timex: str, value: str) -> None:
    assert _values(text, "2025-01-15")[timex] == value


@pytest.mark.parametrize(("text", "timex"), [
    ("The painter spent the last year of her life in Lisbon.", "the last year"),  # 'of' follows: that life's year
    ("In the last year of the lease, the shop paid double.", "the last year"),
    ("Fares will rise twice in the last year of the plan.", "the last year"),
    ("The new grant will fund the last year.", "the last year"),  # a future clause: not a year gone by
])
def test_the_past_year_refuses_an_of_after_it_and_a_future_clause(text: str, timex: str) -> None:
    assert _values(text, "2025-01-15")[timex] == "P1Y"


def test_the_past_year_is_off_in_a_narrative() -> None:
    # a history (five far years, no deictic word): the rule is off, so no year before the DCT
    text = ("The mill opened in 1850. It burned in 1853 and was rebuilt in 1855. Over the past year, its owner "
            "wrote in 1858, the looms had doubled. He sold it in 1861.")
    assert _values(text, "2025-01-15")["the past year"] == "P1Y"


@pytest.mark.parametrize(("text", "value", "anchor"), [
    # a month or a year told: a day in it, not the reference's; nothing told: the weekday by tense
    ("The bridge opened in 2019. The following Monday, tolls began.", "2019-XX-XX", "previous timex (2019)"),
    ("The dam burst in April 1931. The following Monday the valley was evacuated.", "1931-04-XX",
     "previous timex (1931-04)"),
    ("The mayor met the governor the following Monday.", "2025-01-13", "DCT 2025-01-15 (past tense)"),
    ("The mayor will meet the governor the following Monday.", "2025-01-20", "DCT 2025-01-15"),
])
def test_the_following_weekday_after_a_coarse_date_or_none(text: str, value: str, anchor: str) -> None:
    row = temporal_expressions(text, "2025-01-15").set_index("text").iloc[-1]
    assert row.value == value and row.anchor.startswith(anchor)


@pytest.mark.parametrize(("text", "timex", "value"), [
    # only a year or a month told before: the rule falls back on the reference, and says so
    ("The strike began in May 2019. The previous week, talks had failed.", "The previous week", "2025-W02"),
    ("The treaty was signed in 1939. The previous month, talks had failed.", "The previous month", "2024-12"),
])
def test_a_coarser_date_told_before_is_not_the_anchor(text: str, timex: str, value: str) -> None:
    frame = temporal_expressions(text, "2025-01-15").set_index("text")
    assert frame.loc[timex, "value"] == value
    assert not frame.loc[timex, "anchor"].startswith("previous timex")


@pytest.mark.parametrize(("text", "timex", "value"), [
    # a month told: the day in it is unknown, not the reference's day
    ("Rebels advanced in November 2024. The next day at 5 p.m. they took the bridge.", "The next day at 5 p.m.",
     "2024-11-XXT17:00"),
    ("Rebels advanced in November 2024. The same day at noon they took the bridge.", "The same day at noon",
     "2024-11-XXT12:00"),
])
def test_a_clock_time_on_a_day_of_a_month_told(text: str, timex: str, value: str) -> None:
    frame = temporal_expressions(text, "2025-06-15").set_index("text")
    assert frame.loc[timex, "value"] == value
    assert frame.loc[timex, "anchor"] == "previous timex (2024-11)"


@pytest.mark.parametrize(("text", "timex", "value"), [
    # a half not yet begun, told in a past clause, is last year's (as 'the second half' alone)
    ("Revenue grew in the second half of the year.", "the second half of the year", "2024-H2"),
    ("Revenue will grow in the second half of the year.", "the second half of the year", "2025-H2"),
    ("Revenue grew in the first half of the year.", "the first half of the year", "2025-H1"),
    ("Crops failed in the last half of 1846.", "the last half of 1846", "1846-H2"),  # 'last half' is the second
])
def test_a_half_of_the_year_follows_the_tense(text: str, timex: str, value: str) -> None:
    assert _values(text, "2025-06-15")[timex] == value


def test_a_half_of_that_year_is_in_the_year_told() -> None:
    frame = temporal_expressions("The canal opened in 1912. Traffic doubled in the second half of that year.",
                                 "2025-06-15").set_index("text")
    assert frame.loc["the second half of that year", "value"] == "1912-H2"
    assert frame.loc["the second half of that year", "anchor"] == "previous timex (1912)"
