"""Holidays with a computable date: fixed days, Easter-based days, n-th weekdays of a month.

:data:`HOLIDAYS` is a table ``(pattern, rule)``: ``("fixed", month, day)``, ``("easter", offset)``
(Western Easter Sunday + offset days), ``("orthodox", offset)`` and ``("nth", month, weekday, n)``
(``n = -1`` for the last), ``("fixed, not on sunday", month, day[, first year])`` (the Saturday
before when the day is a Sunday: the Dutch King's Day, 27 April since 2014) and ``("hebrew", month, day, moves)``
(a day of the fixed Hebrew calendar, see :func:`hebrew_to_date`). Holidays of lunar calendars (Ramadan, Diwali ...) are out of scope.
"""

from __future__ import annotations

import datetime as _dt
import re

HOLIDAYS: list[tuple[str, tuple]] = [
    (r"christmas eve|xmas eve", ("fixed", 12, 24)),
    (r"christmas(?: day)?|xmas(?: day)?", ("fixed", 12, 25)),
    (r"boxing day", ("fixed", 12, 26)),
    (r"new year'?s'? eve", ("fixed", 12, 31)),
    (r"new year'?s'?(?: day)?", ("fixed", 1, 1)),
    (r"valentine'?s?'?(?: day)?", ("fixed", 2, 14)),
    (r"(?:st\.?|saint) (?:patrick|paddy)'?s'?(?: day)?", ("fixed", 3, 17)),
    (r"april fools'?(?: day)?", ("fixed", 4, 1)),
    (r"earth day", ("fixed", 4, 22)),
    (r"independence day|fourth of july|4th of july", ("fixed", 7, 4)),
    (r"halloween", ("fixed", 10, 31)),
    (r"all saints'? day", ("fixed", 11, 1)),
    (r"veterans'? day|armistice day", ("fixed", 11, 11)),
    (r"boss'?s?'? day", ("fixed", 10, 16)),
    (r"king'?s day", ("fixed, not on sunday", 4, 27, 2014)),  # Queen's Day (30 April) before 2014
    (r"easter mon(?:day|\.)?", ("easter", 1)),
    (r"easter(?: sunday)?", ("easter", 0)),
    (r"good friday", ("easter", -2)),
    (r"holy saturday", ("easter", -1)),
    (r"maundy thursday|holy thursday", ("easter", -3)),
    (r"palm sunday", ("easter", -7)),
    (r"ash wednesday", ("easter", -46)),
    (r"shrove tuesday|mardi gras|pancake day", ("easter", -47)),
    (r"ascension(?: day)?", ("easter", 39)),
    (r"pentecost|whit ?sunday", ("easter", 49)),
    (r"whit ?monday", ("easter", 50)),
    (r"trinity sunday", ("easter", 56)),
    (r"corpus christi", ("easter", 60)),
    (r"orthodox easter(?: sunday)?", ("orthodox", 0)),
    (r"orthodox (?:good|great) friday|great friday", ("orthodox", -2)),
    (r"clean monday", ("orthodox", -48)),
    (r"lazarus saturday", ("orthodox", -8)),
    (r"thanksgiving(?: day)?", ("nth", 11, 3, 4)),
    (r"black friday", ("thanksgiving+", 1)),
    (r"cyber monday", ("thanksgiving+", 4)),
    (r"(?:martin luther king(?:'s|s)?|mlk)(?: jr\.?)? day", ("nth", 1, 0, 3)),
    (r"presidents'? day|washington'?s birthday", ("nth", 2, 0, 3)),
    (r"mother'?s'? day", ("nth", 5, 6, 2)),
    (r"memorial day", ("nth", 5, 0, -1)),
    (r"father'?s'? day", ("nth", 6, 6, 3)),
    (r"labou?r day", ("nth", 9, 0, 1)),
    (r"columbus day", ("nth", 10, 0, 2)),
    # Hebrew calendar (month from Nisan = 1); the day the name denotes, not the evening before it
    (r"rosh hashanah|rosh hashana", ("hebrew", 7, 1, "")),
    (r"yom kippur", ("hebrew", 7, 10, "")),
    (r"sukkot|succoth", ("hebrew", 7, 15, "")),
    (r"shemini atzeret", ("hebrew", 7, 22, "")),
    (r"simchat torah|simhat torah", ("hebrew", 7, 23, "")),
    (r"hanukkah|hanukah|chanukkah|chanukah", ("hebrew", 9, 25, "")),
    (r"tu (?:bishvat|b'?shevat|b'?shvat)", ("hebrew", 11, 15, "")),
    (r"shushan purim", ("hebrew", 12, 15, "")),
    (r"purim", ("hebrew", 12, 14, "")),
    (r"passover|pesach", ("hebrew", 1, 15, "")),
    (r"yom hashoah", ("hebrew", 1, 27, "shoah")),
    (r"yom hazikaron", ("hebrew", 2, 4, "zikaron")),  # always the eve of Yom HaAtzmaut, wherever that moves
    (r"yom haatzmaut", ("hebrew", 2, 5, "atzmaut")),
    (r"lag b'?a?'?omer|lag la'?omer", ("hebrew", 2, 18, "")),
    (r"shavuot", ("hebrew", 3, 6, "")),
    (r"tisha b'?av", ("hebrew", 5, 9, "av")),
]
# in table order: a longer name comes before the name it starts with ("easter monday" before "easter");
# the words of four letters and more in the patterns trigger the rule (spell them out, not as a?b)
HOLIDAY_PATTERN = "|".join(p for p, _ in HOLIDAYS)
_COMPILED = [(re.compile(p, re.I), rule) for p, rule in HOLIDAYS]


def easter(year: int) -> _dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    w = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * w) // 451
    month, day = divmod(h + w - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)


def orthodox_easter(year: int) -> _dt.date:
    """Orthodox Easter Sunday (Julian computus, given in the Gregorian calendar, 1900-2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return _dt.date(year, month, day + 1) + _dt.timedelta(days=13)


def _nth(year: int, month: int, weekday: int, n: int) -> _dt.date:
    days = [d for d in (_dt.date(year, month, 1) + _dt.timedelta(days=i) for i in range(31))
            if d.month == month and d.weekday() == weekday]
    return days[n - 1] if n > 0 else days[n]


def holiday_date(name: str, year: int) -> _dt.date | None:
    """The date of the holiday called ``name`` in ``year`` (None for an unknown name)."""
    for pattern, rule in _COMPILED:
        if pattern.fullmatch(name.strip()):
            kind = rule[0]
            if kind == "fixed":
                return _dt.date(year, rule[1], rule[2])
            if kind == "easter":
                return easter(year) + _dt.timedelta(days=rule[1])
            if kind == "orthodox":
                return orthodox_easter(year) + _dt.timedelta(days=rule[1])
            if kind == "fixed, not on sunday":  # moved to the Saturday before when it falls on a Sunday
                if len(rule) > 3 and year < rule[3]:
                    return None  # the holiday did not exist yet under that name
                day = _dt.date(year, rule[1], rule[2])
                return day - _dt.timedelta(days=1) if day.weekday() == 6 else day
            if kind == "hebrew":
                return _hebrew_holiday(year, rule[1], rule[2], rule[3])
            if kind == "thanksgiving+":
                return _nth(year, 11, 3, 4) + _dt.timedelta(days=rule[1])
            return _nth(year, rule[1], rule[2], rule[3])
    return None


def holiday_value(name: str, ref: _dt.date, which: str = "", year: int | None = None, when: str = "") -> str | None:
    """TimeML value of a holiday: in ``year`` if given; else 'last' = the one before ``ref``,
    'next' and 'this' = the next one on or after ``ref``; else the nearest, on the side of the tense."""
    if year is not None:
        day = holiday_date(name, year)
        return day.isoformat() if day else None
    days = [d for d in (holiday_date(name, y) for y in (ref.year - 1, ref.year, ref.year + 1)) if d]
    if not days:
        return None
    before = [d for d in days if d < ref]
    after = [d for d in days if d >= ref]
    if which == "last" or (when == "past" and which not in ("next", "this")):
        return before[-1].isoformat() if before else None
    if which in ("next", "this") or when == "future":
        return after[0].isoformat() if after else None
    if when == "narrative":
        return holiday_date(name, ref.year).isoformat()
    return min(days, key=lambda d: abs((d - ref).days)).isoformat()


# ---------------------------------------------------------------- the Hebrew calendar
# Arithmetic of the fixed Hebrew calendar (Dershowitz and Reingold, Calendrical Calculations):
# months are numbered from Nisan (1) to Adar (12) and Adar II (13, leap years only); a day is
# given as a Python ordinal (1 = 1 January of year 1, proleptic Gregorian).

_HEBREW_EPOCH = -1373427  # 1 Tishri of year 1 (7 October 3761 BCE, Julian)


def _hebrew_leap(year: int) -> bool:
    """True for a leap year of the Hebrew calendar (7 of every 19 years, with a second Adar)."""
    return (7 * year + 1) % 19 < 7


def _hebrew_elapsed_days(year: int) -> int:
    """Days from the calendar's epoch to Tishri 1 of ``year`` by the molad, with the first postponement rule."""
    months = (235 * year - 234) // 19
    parts = 12084 + 13753 * months
    days = 29 * months + parts // 25920
    return days + 1 if (3 * (days + 1)) % 7 < 3 else days


def _hebrew_new_year(year: int) -> int:
    """The ordinal day (Python ``date.toordinal``) of Tishri 1 of ``year``, with the remaining postponement rules."""
    ny0, ny1, ny2 = (_hebrew_elapsed_days(y) for y in (year - 1, year, year + 1))
    correction = 2 if ny2 - ny1 == 356 else 1 if ny1 - ny0 == 382 else 0
    return _HEBREW_EPOCH + ny1 + correction


def _hebrew_month_length(month: int, year: int) -> int:
    """Days (29 or 30) of Hebrew month ``month`` (1 = Nisan ... 13 = Adar II) in ``year``."""
    days_in_year = _hebrew_new_year(year + 1) - _hebrew_new_year(year)
    if month in (2, 4, 6, 10, 13) or (month == 12 and not _hebrew_leap(year)):
        return 29
    if (month == 8 and days_in_year % 10 != 5) or (month == 9 and days_in_year % 10 == 3):
        return 29  # Marheshvan is long only in a 'complete' year, Kislev short in a 'deficient' one
    return 30


def hebrew_to_date(year: int, month: int, day: int) -> _dt.date:
    """The Gregorian date of a day of the Hebrew calendar (year of the world, month from Nisan)."""
    ordinal = _hebrew_new_year(year) + day - 1
    last = 13 if _hebrew_leap(year) else 12
    months = list(range(7, month)) if month >= 7 else [*range(7, last + 1), *range(1, month)]
    return _dt.date.fromordinal(ordinal + sum(_hebrew_month_length(m, year) for m in months))


def _hebrew_holiday(year: int, month: int, day: int, moves: str = "") -> _dt.date:
    """A Hebrew-calendar holiday in Gregorian ``year``: Tishri to Kislev fall in the Hebrew year
    that begins that autumn, the other months in the one that began the autumn before. ``moves``
    names the weekday rules of Israeli remembrance days and of Tisha B'Av (Yom HaZikaron is the day
    before Yom HaAtzmaut after that one has moved)."""
    hyear = year + (3761 if month in (7, 8, 9) else 3760)
    if month == 12 and _hebrew_leap(hyear):
        month = 13  # Purim falls in Adar II in a leap year
    if moves == "zikaron":
        return _hebrew_holiday(year, month, day + 1, "atzmaut") - _dt.timedelta(days=1)
    day_ = hebrew_to_date(hyear, month, day)
    shift = {"shoah": {4: -1, 6: 1}, "atzmaut": {4: -1, 5: -2, 0: 1}, "av": {5: 1}}.get(moves, {})
    return day_ + _dt.timedelta(days=shift.get(day_.weekday(), 0))
