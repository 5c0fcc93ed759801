"""Duckling-style time cases: a reader for ``../shared/gold/timex-cases`` and a pure scorer.

``duckling.jsonl`` holds one JSON object a line (``text, dct, exp_text, exp_start, exp_end,
exp_type, exp_values, value_mode, grain, source``); any of ``exp_values`` counts as right.
``duckling_negative.json`` holds ``{"dct": ..., "texts": [...]}``: texts that must yield no time.

Conventions of the scorer (stated, since Duckling's differ from TimeML's):

* *found*: a system timex overlaps the expected span; *exact*: one has the same start and end
  (Duckling puts prepositions inside its spans, "on 2/15", TimeML leaves them out, so exact
  extent is low by design and is not a TimeML measure).
* *value correct*: the value of the system timex that overlaps the expected span most is one of
  ``exp_values``. Two durations are equal when they denote the same length (Duckling writes
  every duration in one unit, ``PT90M`` for TimeML's ``PT1H30M``; a year is 12 months or
  365 days, a month 30 days), and ``T24:00`` equals ``T00:00`` of the next day.

The *TimeML-following subset* leaves out the cases whose expectation contradicts TimeML
(:data:`NOT_TIMEML`, each a named rule with its reason) and scores a few others against the
value TimeML gives them (:data:`TIMEML_READING`: a Hebrew holiday by its day, not its eve;
"in two weeks" as a duration), computed from Duckling's expectation alone.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.calendar_values import NUMBERS

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class TimeCase:
    """One Duckling case: the text, its reference date and the expected timex."""

    text: str
    dct: _dt.date
    exp_text: str
    exp_start: int
    exp_end: int
    exp_type: str
    exp_values: tuple[str, ...]
    grain: str = ""
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def read_cases(path: str | Path) -> list[TimeCase]:
    """Read ``duckling.jsonl`` (one JSON object a line) into :class:`TimeCase` records."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No Duckling cases at '{path}'.")
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            known = {"text", "dct", "exp_text", "exp_start", "exp_end", "exp_type", "exp_values", "grain", "source"}
            cases.append(TimeCase(
                text=obj["text"], dct=_dt.date.fromisoformat(obj["dct"][:10]), exp_text=obj["exp_text"],
                exp_start=int(obj["exp_start"]), exp_end=int(obj["exp_end"]), exp_type=obj["exp_type"],
                exp_values=tuple(obj["exp_values"]), grain=obj.get("grain", ""), source=obj.get("source", ""),
                extra={k: v for k, v in obj.items() if k not in known}))
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a Duckling case ({exc})") from exc
    return cases


def read_negatives(path: str | Path) -> tuple[_dt.date, list[str]]:
    """Read ``duckling_negative.json``: the reference date and the texts that must yield no time."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No negative cases at '{path}'.")
    obj = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(obj, dict) or not isinstance(obj.get("texts"), list):
        raise ValueError(f"{path}: expected an object with a list 'texts'")
    return _dt.date.fromisoformat(obj["dct"][:10]), [str(t) for t in obj["texts"]]


# ---------------------------------------------------------------- the TimeML-following subset


def _next_weekday_of_next_week(case: TimeCase) -> bool:
    """'next Friday' expected as the Friday of next week, not the coming one."""
    m = re.search(r"\bnext (" + "|".join(w[:3] for w in WEEKDAY_NAMES) + r")[a-z]*\b", case.text.lower())
    if not m:
        return False
    wd = [w[:3] for w in WEEKDAY_NAMES].index(m.group(1))
    coming = case.dct + _dt.timedelta(days=(wd - case.dct.weekday()) % 7 or 7)
    return coming.isoformat() not in case.exp_values


def _next_day_by_reference_clock(case: TimeCase) -> bool:
    """A clock time expected on the next day because it is earlier than the reference's clock."""
    if re.search(r"tomorrow|tmrw|next|\d{1,2}(?:st|nd|rd|th)|/|" + "|".join(WEEKDAY_NAMES), case.text.lower()):
        return False
    nxt = (case.dct + _dt.timedelta(days=1)).isoformat()
    return any(re.fullmatch(rf"{nxt}T\d\d:\d\d(?::\d\d)?", v) for v in case.exp_values)


def _finer_than_the_unit(case: TimeCase) -> bool:
    """'two years ago' expected as a month or a day, finer than the unit counted."""
    m = re.search(r"\b(weeks?|months?|years?) (?:ago|hence|from now)\b", case.text.lower())
    if not m:
        return False
    longest = {"w": 8, "m": 7, "y": 4}[m.group(1)[0]]  # 2013-W05, 2013-01, 2013
    return all(len(v) > longest for v in case.exp_values)


def _clock_from_reference(case: TimeCase) -> bool:
    """'in 2 minutes' and the like expected as a clock time counted from the reference's clock."""
    relative = re.search(r"\b(in|within)\b|from now|hence|\bago\b", case.text.lower())
    clock_word = re.search(r"\d\s*(?:[ap]\.?m|:|h\d)|o'?clock|noon|midnight|\bat\b", case.text.lower())
    return bool(relative) and not clock_word and any(re.search(r"T\d\d:\d\d", v) for v in case.exp_values)


_HEBREW_HOLIDAY = re.compile(
    r"\b(?:rosh hashana(?:h)?|yom kippur|sukkot|shemini atzeret|simchat torah|hanukk?ah|chanukk?ah|tu b[' ]?i?shvat|"
    r"(?:shushan )?purim|passover|pesach|shavuot|lag b[' ]?omer|tisha b[' ]?av|yom ha'?atzmaut|yom hashoah|"
    r"yom hazikaron|yom yerushalayim)\b", re.I)


def _hebrew_holiday_by_its_day(case: TimeCase) -> tuple[str, ...] | None:
    """The day after each expected date when the text names a holiday of the Hebrew calendar
    (Duckling gives the evening the holiday begins, TimeML the day it is kept); else None.
    Computed from Duckling's own expectation, never from the tagger."""
    if not _HEBREW_HOLIDAY.search(case.text) or not case.exp_values:
        return None
    if not all(re.fullmatch(r"\d{4}-\d\d-\d\d", v) for v in case.exp_values):
        return None
    return tuple((_dt.date.fromisoformat(v) + _dt.timedelta(days=1)).isoformat() for v in case.exp_values)


def _count_after_in_as_a_duration(case: TimeCase) -> tuple[str, ...] | None:
    """The duration of "in <count> <unit>" expected as a date (DURATION P2W for "in two weeks"); else None."""
    m = re.fullmatch(r"(?:in|within) (a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (day|week|month|year)s?",
                     case.exp_text.lower().strip())
    if case.exp_type != "DATE" or not m:
        return None
    count = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
    return (f"P{count}{m.group(2)[0].upper()}",)


#: (name, function, reason): when a function returns values for a case, the case stays in the
#: TimeML-following subset and is scored against those values instead of Duckling's.
TIMEML_READING: list[tuple[str, Callable[[TimeCase], tuple[str, ...] | None], str]] = [
    ("Hebrew holiday by its day", _hebrew_holiday_by_its_day,
     "Duckling dates a holiday of the Hebrew calendar by the evening it begins (Yom Kippur 2025 as "
     "2025-10-01); the TIMEX3 value of the name is the day it is kept, one day later (2025-10-02; a fast "
     "of 9 Av that falls on a Sabbath is kept on the Sunday, and Duckling's eve is then the Saturday)"),
    ("count after 'in' as a duration", _count_after_in_as_a_duration,
     "'in two weeks' expected as the date two weeks ahead; TimeBank tags the count after 'in' as a DURATION "
     "('in <TIMEX3 type=\"DURATION\" value=\"P2W\">two weeks</TIMEX3>')"),
]


def timeml_values(case: TimeCase) -> tuple[tuple[str, ...], str]:
    """The values a TimeML annotator would expect for ``case`` and the :data:`TIMEML_READING` rule
    that gave them (Duckling's own values and '' when no rule applies)."""
    for name, reading, _reason in TIMEML_READING:
        values = reading(case)
        if values is not None:
            return values, name
    return case.exp_values, ""


#: (name, predicate, reason): a case for which a predicate holds does not follow TimeML.
NOT_TIMEML: list[tuple[str, Callable[[TimeCase], bool], str]] = [
    ("next weekday = of next week", _next_weekday_of_next_week,
     "Duckling reads 'next Wednesday' (said on a Tuesday) as Wednesday of next week; TimeML "
     "annotators give the coming Wednesday"),
    ("next day by the reference clock", _next_day_by_reference_clock,
     "'at 3 am' said at 04:30 is tomorrow's 3 am for Duckling; TimeML resolves against a DCT date, today"),
    ("finer than the unit", _finer_than_the_unit,
     "Duckling gives 'two years ago' a month (2011-02) and 'a week ago' a day; TimeML keeps the unit's "
     "granularity (2011, 2013-W05)"),
    ("clock time of the reference", _clock_from_reference,
     "'in 2 minutes', 'in 7 days' resolved to a clock time from the reference 04:30; a TimeML DCT "
     "is a date, and TimeML tags 'in 7 days' as a duration or a date without the reference clock"),
]


def not_timeml(case: TimeCase) -> str:
    """The name of the first :data:`NOT_TIMEML` rule that holds for ``case`` ('' if none)."""
    for name, predicate, _reason in NOT_TIMEML:
        if predicate(case):
            return name
    return ""


# ---------------------------------------------------------------- value comparison

_DURATION = re.compile(r"P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?")


def _duration_lengths(value: str) -> tuple[tuple[float, float], float] | None:
    """(months, seconds) and the approximate seconds (year 365 days, month 30 days) of a duration."""
    m = _DURATION.fullmatch(value)
    if not m or value in ("P", "PT"):
        return None
    y, mo, w, d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    months = 12 * y + mo
    seconds = ((7 * w + d) * 24 + h) * 3600 + mi * 60 + s
    return (months, seconds), round(y * 365 * 86400 + mo * 30 * 86400 + seconds, 3)


def _canonical_time(value: str) -> str:
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T24:00(?::00)?", value)
    if m:
        return (_dt.date.fromisoformat(m.group(1)) + _dt.timedelta(days=1)).isoformat() + "T00:00"
    return re.sub(r"(T\d\d:\d\d):00$", r"\1", value)


def same_value(system: str, expected: str) -> bool:
    """True when a system value equals an expected one under the conventions of the module doc."""
    if system == expected or _canonical_time(system) == _canonical_time(expected):
        return True
    a, b = _duration_lengths(system), _duration_lengths(expected)
    return a is not None and b is not None and (a[0] == b[0] or a[1] == b[1])


# ---------------------------------------------------------------- scoring

CASE_COLUMNS = ["text", "exp_text", "exp_values", "system_text", "system_value", "found", "exact",
                "value_correct", "not_timeml", "timeml_values", "timeml_correct", "timeml_reading"]


def score_cases(records: Sequence[TimeCase], tagged: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """One row per case: columns :data:`CASE_COLUMNS`.

    ``tagged[i]`` holds the system timexes of ``records[i].text`` (``start, end, value``).
    ``system_text``/``system_value`` are those of the timex overlapping the expected span most
    ('' when none); ``not_timeml`` names the :data:`NOT_TIMEML` rule that excludes the case;
    ``timeml_values`` are the values of :func:`timeml_values` ('|'-joined), ``timeml_correct`` says
    whether the system value is one of them and ``timeml_reading`` names the rule that gave them.
    """
    if len(records) != len(tagged):
        raise ValueError(f"{len(records)} cases but {len(tagged)} tagged frames")
    rows = []
    for case, frame in zip(records, tagged, strict=True):
        best, best_overlap, exact = None, 0, False
        for r in frame[["start", "end", "value"]].itertuples(index=False):
            overlap = min(r.end, case.exp_end) - max(r.start, case.exp_start)
            exact = exact or (r.start, r.end) == (case.exp_start, case.exp_end)
            if overlap > best_overlap:
                best, best_overlap = r, overlap
        value = "" if best is None else str(best.value)
        expected, reading = timeml_values(case)
        rows.append((case.text, case.exp_text, "|".join(case.exp_values),
                     "" if best is None else case.text[best.start : best.end], value, best is not None, exact,
                     best is not None and any(same_value(value, v) for v in case.exp_values), not_timeml(case),
                     "|".join(expected), best is not None and any(same_value(value, v) for v in expected), reading))
    return pd.DataFrame(rows, columns=CASE_COLUMNS)


def score_negatives(texts: Sequence[str], tagged: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """One row per negative text: ``text, timexes`` (how many the system found; 0 is right)."""
    if len(texts) != len(tagged):
        raise ValueError(f"{len(texts)} texts but {len(tagged)} tagged frames")
    return pd.DataFrame([(t, len(f)) for t, f in zip(texts, tagged, strict=True)], columns=["text", "timexes"])
