"""Calendar arithmetic and the vocabulary of time shared by the tagger's rules.

Pure functions on dates and TimeML values: shifting a day or a value by n units at its own
granularity, the year of a month given without one, the nearest weekday, TimeML durations.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
}
VAGUE = {"few", "a few", "several", "some", "many", "the", "recent", "past"}
UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_TENS_WORDS = r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?"


def _num(word: str) -> float | None:
    word = word.lower().replace(",", "")
    if word in NUMBERS:
        return NUMBERS[word]
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return float(word)
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _duration(n: float | None, unit: str) -> str:
    """TimeML duration value: ``P3D``, ``PXY`` (unknown count), ``PT5H``, ``P20Y`` for two decades,
    ``P3Q`` for three quarters (TimeML's own unit, which TimeBank uses in most files that count quarters)."""
    if unit == "DE":
        unit, n = "Y", None if n is None else n * 10
    elif unit == "CE":
        unit, n = "Y", None if n is None else n * 100
    elif unit == "WE":
        unit, n = "D", None if n is None else n * 2
    if n is not None and not float(n).is_integer():  # half a year -> P6M
        smaller = {"Y": ("M", 12), "M": ("D", 30), "D": ("TH", 24), "W": ("D", 7), "TH": ("TM", 60)}
        if unit in smaller:
            unit, factor = smaller[unit]
            n = n * factor
    count = "X" if n is None else _fmt_num(n)
    return f"PT{count}{unit[1]}" if unit.startswith("T") else f"P{count}{unit}"


def _shift(day: _dt.date, unit: str, n: int) -> str:
    """``day`` moved by n units, at the granularity of the unit."""
    if unit in ("D", "TH", "TM", "TS"):
        return (day + _dt.timedelta(days=n)).isoformat()
    if unit in ("W", "WE"):
        y, w, _ = (day + _dt.timedelta(weeks=n)).isocalendar()
        return f"{y}-W{w:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "M":
        m = day.year * 12 + day.month - 1 + n
        return f"{m // 12}-{m % 12 + 1:02d}"
    if unit == "Q":
        q = day.year * 4 + (day.month - 1) // 3 + n
        return f"{q // 4}-Q{q % 4 + 1}"
    if unit == "Y":
        return str(day.year + n)
    if unit == "DE":
        return str((day.year + 10 * n) // 10)
    if unit == "CE":
        return str((day.year + 100 * n) // 100)
    return day.isoformat()


def _shift_value(value: str, unit: str, n: int) -> str | None:
    """Move a TimeML value (e.g. '1989-Q3', '2024-12-08', '1989') by n units, keeping its granularity."""
    m = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if m and unit == "Y":
        return f"{int(m.group(1)) + n}-Q{m.group(2)}"
    if m and unit == "Q":
        q = int(m.group(1)) * 4 + int(m.group(2)) - 1 + n
        return f"{q // 4}-Q{q % 4 + 1}"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        day = _dt.date(*map(int, m.groups()))
        if unit == "Y":
            try:
                return day.replace(year=day.year + n).isoformat()
            except ValueError:
                return day.replace(year=day.year + n, day=28).isoformat()
        return _shift(day, unit, n) if unit in ("D", "W", "M") else None
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and unit in ("M", "Y"):
        k = int(m.group(1)) * 12 + int(m.group(2)) - 1 + n * (12 if unit == "Y" else 1)
        return f"{k // 12}-{k % 12 + 1:02d}"
    m = re.fullmatch(r"(\d{4})", value)
    if m and unit == "Y":
        return str(int(value) + n)
    return None


def _weekday(dct: _dt.date, wd: int, when: str) -> _dt.date:
    diff = (dct.weekday() - wd) % 7  # days back to the last such day (0: the DCT itself)
    past = dct - _dt.timedelta(days=diff)
    future = dct + _dt.timedelta(days=(wd - dct.weekday()) % 7)
    if when == "past":
        return past
    if when == "future":
        return future
    return past if diff <= 3 else future


def _month_year(dct: _dt.date, month: int, when: str, day: int = 0) -> int:
    """The year of a month (and day) given without one.

    The nearest such date to the DCT (the 15th for a bare month), where a date on the side that
    contradicts the tense (after the DCT in a past-tense clause, before it in a future one) counts
    as three times as far plus 75 days: a past clause may report a date set a few days ahead ("the
    bids are due by Sept. 4"), hardly one half a year ahead. A tie goes to the earlier year. In a narrative (``when`` is
    'narrative', ``dct`` the story's reference day) the year of the reference."""
    if when == "narrative":
        return dct.year
    def cost(y: int) -> tuple[float, int]:
        """How far the date in year ``y`` lies from the DCT, weighted against the tense (see above); then the year."""
        try:
            there = _dt.date(y, month, day or 15)
        except ValueError:
            there = _dt.date(y, month, 28)
        gap = (there - dct).days
        wrong_side = (when == "past" and gap > (0 if day else 31)) or (when == "future" and gap < (0 if day else -31))
        return abs(gap) * (3 if wrong_side else 1) + (75 if wrong_side else 0), y
    return min((dct.year - 1, dct.year, dct.year + 1), key=cost)


def _year(word: str, dct: _dt.date) -> int | None:
    m = re.fullmatch(r"'?(\d{2})", word)
    if m:
        y = int(m.group(1))
        return 2000 + y if 2000 + y <= dct.year + 10 else 1900 + y
    m = re.fullmatch(r"(1\d{3}|20\d{2})", word)
    return int(word) if m else None


def _unit_code(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "CE"
    return UNITS[word.rstrip("s")]


def _granularity(unit: str) -> str:
    """The granularity code used by :func:`_shift_value` for a unit code from :data:`UNITS`."""
    return {"TH": "D", "TM": "D", "TS": "D", "WE": "W", "DE": "Y", "CE": "Y"}.get(unit, unit)


_SEASON_CODES = ("SP", "SU", "FA", "WI")


def season_index(day: _dt.date) -> int:
    """A running number of the (meteorological) season holding ``day``: 4 * year + (0 spring,
    1 summer, 2 fall, 3 winter). A winter belongs to the year of its December, so January and
    February fall in the winter of the year before."""
    k = (day.month - 3) % 12 // 3  # Mar-May 0, Jun-Aug 1, Sep-Nov 2, Dec-Feb 3
    return 4 * (day.year - (1 if day.month < 3 else 0)) + k


def season_value(index: int) -> str:
    """TimeML value of a season numbered as in :func:`season_index`: '2012-WI'."""
    return f"{index // 4}-{_SEASON_CODES[index % 4]}"


def nearest_season(day: _dt.date, season: int, step: int) -> str:
    """The season numbered ``season`` (0 spring ... 3 winter) nearest ``day`` in direction ``step``:
    for -1 ("last spring", "this past spring") the latest one that ended before the season holding
    ``day`` began; for +1 ("next spring", "the coming spring") the first one that begins after it
    (in October, last spring is that year's)."""
    now = season_index(day)
    return season_value(now - ((now - season) % 4 or 4) if step < 0 else now + ((season - now) % 4 or 4))


def month_weeks(year: int, month: int) -> list[_dt.date]:
    """The Mondays of the ISO weeks that belong to a month: those whose Thursday lies in it
    (the rule by which an ISO week belongs to a year)."""
    first = _dt.date(year, month, 1)
    thursdays = [first + _dt.timedelta(days=i) for i in range(31)]
    return [t - _dt.timedelta(days=3) for t in thursdays if t.month == month and t.weekday() == 3]


def _unknown_day(last: str | None) -> str | None:
    """A day in the month or year ``last`` names, its number unknown: "1944-06" -> "1944-06-XX"
    ("the next day" after "In June 1944 ..." is some day of that June, not a day of the DCT's month)."""
    if last and re.fullmatch(r"\d{4}-\d{2}", last):
        return last + "-XX"
    year = re.fullmatch(r"(\d{4})(?:-(?:SP|SU|FA|WI|Q\d|H\d|W\d\d))?", last or "")  # a year, or a season of it ...
    return year.group(1) + "-XX-XX" if year else None
