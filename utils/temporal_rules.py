"""Grammar of time expressions as data: a table of small named rules, and a short engine.

Each :class:`Rule` has a name, a regular expression (matched case-insensitively, on word
boundaries), a builder that turns the match and a :class:`Ctx` (reference day, tense, previous
value) into a TimeML ``(type, value)``, a one-line reason and the example that motivated it.
The engine knows no particular words:

* :func:`find_spans` scans a text with every rule and returns the character spans of the
  matches (candidates the parser's entities miss: "17h45", "3/27", "the 4th of June");
* :func:`rule_value` gives the value of a phrase that one rule matches whole.

Rules are tried in table order (longer, more specific patterns first); ``disabled`` switches
rules off by name, so the evaluation can show what each rule buys (ablation). Rules that read the
parse (tense, parts of speech) live in the tagger's engine, each named in
:data:`utils.temporal.ENGINE_RULES` with the function that applies it, and are switched off the same way.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from utils.calendar_values import (
    DAY_PARTS,
    MONTHS,
    NUMBERS,
    WEEKDAYS,
    _month_year,
    _shift,
    _shift_value,
    _unknown_day,
    _weekday,
    month_weeks,
    nearest_season,
    season_index,
    season_value,
)
from utils.holidays import HOLIDAY_PATTERN, holiday_value


@dataclass(frozen=True)
class Ctx:
    """What a builder may read: the reference day, the tense ('past', 'future', 'present',
    'narrative' or ''), the previous dated value, and ``resolve`` for a part of the phrase."""

    dct: _dt.date
    when: str = ""
    last: str | None = None
    resolve: Callable[[str], tuple[str, str]] | None = None
    preceding: str = ""  # the text just before the phrase (for rules with a ``before`` context)
    following: str = ""  # the text just after the phrase (for rules with a ``not_after`` context)


@dataclass(frozen=True)
class Rule:
    """One named rule: ``pattern`` -> ``build(match, ctx)`` -> ``(type, value)`` or None; a builder
    that counted from ``ctx.last`` returns ``(type, value, 'previous timex')``."""

    name: str
    pattern: str
    build: Callable[[re.Match, Ctx], tuple[str, ...] | None]
    reason: str
    example: str
    before: str = ""  # a regex the text just before a match must end with (for finding it in a text)
    not_after: str = ""  # a regex the text just after a match must not start with ("the last year| of his life")


# ---------------------------------------------------------------- vocabulary (sub-patterns)

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
MON = rf"(?:{_MON})\.?"
WDS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s"
WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
_SMALL = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
          "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty")
NUMWORD = rf"(?:(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|{_SMALL})"
_ORD_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_ORD_WORD_RE = (r"(?:(?:twenty|thirty)[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
                + "|".join(sorted(_ORD_WORDS, key=len, reverse=True)) + ")")
ORD = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORD_RE})"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
AMPM = r"(?:a\.?m\b\.?|p\.?m\b\.?)"
DAYPART = r"(?:morning|afternoon|evening|night|tonight)"


def ordinal(word: str) -> int | None:
    """1 for '1st' or 'first', 23 for 'twenty-third'; None otherwise."""
    word = word.lower().replace("-", " ").strip()
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    if m:
        return int(m.group(1))
    if word in _ORD_WORDS:
        return _ORD_WORDS[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in ("twenty", "thirty") and parts[1] in _ORD_WORDS:
        return NUMBERS[parts[0]] + _ORD_WORDS[parts[1]]
    if len(parts) == 1 and word[:6] in ("twenty", "thirty") and word[6:] in _ORD_WORDS:
        return NUMBERS[word[:6]] + _ORD_WORDS[word[6:]]
    return None


def number(word: str) -> int | None:
    """A whole number written in digits or words up to fifty-nine."""
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    parts = re.split(r"[- ]", word)
    if all(p in NUMBERS for p in parts) and len(parts) <= 2:
        return int(sum(NUMBERS[p] for p in parts))
    return None


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _weekday_index(word: str) -> int:
    w = word.lower().rstrip(".")
    return next(i for name, i in WEEKDAYS.items() if name.startswith(w[:3]))


def _year_of(text: str | None, ctx: Ctx) -> int | None:
    if not text:
        return None
    t = text.lower().strip()
    if re.fullmatch(r"\d{4}", t):
        return int(t)
    return ctx.dct.year + {"this year": 0, "last year": -1, "next year": 1}.get(t, 0)


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- clock times


def clock(hour: int, minute: int = 0, ampm: str = "", hint: str = "") -> str | None:
    """'HH:MM' for an hour, minute, am/pm marker and part-of-day hint; None when impossible.

    Without am/pm or a part of day, 1-6 o'clock is read as afternoon and 7-11 as morning
    (the hours of a working day: "at 3" is 15:00, "at 8" 08:00)."""
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    a = ampm.lower().replace(".", "")[:1]
    if a and not 1 <= hour <= 12:
        return None
    if a == "p" and hour < 12:
        hour += 12
    elif a == "a" and hour == 12:
        hour = 0
    elif not a and hour < 12 and hint in ("afternoon", "evening", "night", "tonight", "pm") and not (
            hint == "night" and hour < 5):
        hour += 12
    elif not a and not hint and 1 <= hour <= 6:
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def _on_day(day: str, hhmm: str | None) -> tuple[str, str] | None:
    return None if hhmm is None else ("TIME", f"{day}T{hhmm}")


def _clock_hhmm(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    hhmm = clock(int(m["h"]), int(m["m"]), m["ap"] or "")
    if hhmm and m["s"]:
        hhmm += f":{m['s']}"
    return _on_day(ctx.dct.isoformat(), hhmm)


def _clock_h(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    h = number(m["h"])
    return None if h is None else _on_day(ctx.dct.isoformat(), clock(h, int(m["m"] or 0), m["ap"] or ""))


def _clock_military(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    return _on_day(ctx.dct.isoformat(), clock(int(m["h"]), int(m["m"]), "", "24h"))


def _clock_past_to(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    minutes = {"a quarter": 15, "quarter": 15, "half": 30}.get(m["n"].lower(), None)
    minutes = minutes if minutes is not None else number(m["n"])
    hour = 12 if m["hour"].lower() == "noon" else 0 if m["hour"].lower() == "midnight" else number(m["hour"])
    if minutes is None or hour is None:
        return None
    vague_number = m["n"].lower() not in ("a quarter", "quarter", "half") and "minute" not in m[0].lower()
    if vague_number and m["rel"].lower() in ("to", "till") and not (m["ap"] or m["hour"].lower() in ("noon", "midnight")):
        return None  # "two to three weeks"
    total = hour * 60 + (minutes if m["rel"].lower() in ("past", "after") else -minutes)
    h, mi = divmod(total % (24 * 60), 60)
    if m["hour"].lower() in ("noon", "midnight"):
        return "TIME", f"{ctx.dct.isoformat()}T{h:02d}:{mi:02d}"
    return _on_day(ctx.dct.isoformat(), clock(h, mi, m["ap"] or ""))


def _clock_spelled(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'ten thirty am', 'seven forty-five p.m.': an hour and its minutes in words."""
    h, mi = number(m["h"]), number(m["m"].replace(" ", "-"))
    if h is None or mi is None or not 0 <= mi < 60:
        return None
    return _on_day(ctx.dct.isoformat(), clock(h, mi, m["ap"] or ""))


def _clock_half(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    h = number(m["h"])
    return None if h is None else _on_day(ctx.dct.isoformat(), clock(h, 30, m["ap"] or ""))


def _noon(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    return "TIME", f"{ctx.dct.isoformat()}T{'24:00' if m[0].lower() == 'midnight' else '12:00'}"


def _clock_in_part_of_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    h = number(m["h"])
    part = (m["part"] or "tonight").lower()
    return None if h is None else _on_day(ctx.dct.isoformat(), clock(h, int(m["m"] or 0), "", part))


def _day_and_clock(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """A day (or a day with a part of day) joined to a clock time, in either order."""
    if ctx.resolve is None:
        return None
    day_text, clock_text = (m["d1"], m["c1"]) if m["d1"] else (m["d2"], m["c2"])
    t, day = ctx.resolve(day_text)
    dm = re.match(r"(\d{4}-\d{2}-\d{2})(?:T(MO|AF|EV|NI))?$", day)
    if not dm:
        return None
    hint = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}.get(dm.group(2) or "", "")
    if not hint and re.search(r"\btonight\b", day_text, re.I):
        hint = "night"
    cm = re.fullmatch(rf"(?:at |@ ?|around |about )?(?P<h>\d{{1,2}}|{NUMWORD})(?:[:.](?P<m>\d\d))? ?(?P<ap>{AMPM})?"
                      r"(?: ?o'?clock)?", clock_text.strip(), re.I)
    if cm:
        h = number(cm["h"])
        hhmm = None if h is None else clock(h, int(cm["m"] or 0), cm["ap"] or "", hint)
        return _on_day(dm.group(1), hhmm)
    t2, v2 = ctx.resolve(clock_text)
    tm = re.search(r"T(\d\d:\d\d)$", v2)
    return ("TIME", f"{dm.group(1)}T{tm.group(1)}") if tm else None


# ---------------------------------------------------------------- calendar dates


def _month_day(month: int, day: int, year: int | None, ctx: Ctx) -> tuple[str, str] | None:
    y = year if year is not None else _month_year(ctx.dct, month, ctx.when, day)
    value = _date(y, month, day)
    return None if value is None else ("DATE", value)


def _md_slash(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    year = m["y"] and (int(m["y"]) + (0 if len(m["y"]) == 4 else 2000 if int(m["y"]) < 50 else 1900))
    return _month_day(int(m["mo"]), int(m["d"]), year or None, ctx)


def _month_slash_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    mo = int(m["mo"])
    return ("DATE", f"{m['y']}-{mo:02d}") if 1 <= mo <= 12 else None


def _ordinal_of_month(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    g = m.groupdict()
    d_text, mon, y = (g["d"], g["mon"], g["y"]) if g.get("d") else (g.get("d2"), g.get("mon2"), g.get("y2"))
    d = ordinal(d_text or "")
    return None if d is None else _month_day(_month(mon), d, _year_of(y, ctx), ctx)


_NAME_NEXT = re.compile(r" [A-Z]")  # a capital word right after a match (matched in place: no copy of the text)


def _month_the_ordinal(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'March the 2nd', 'June first'; a bare spelled ordinal only after a capitalised month or
    before a year ('may first' is a verb, 'may first 2027' a date)."""
    if not m["the"] and not m["d"][0].isdigit() and not m["mon"][0].isupper() and not m["y"]:
        return None
    if m["the"] and m["d"][0].isupper() and not m["y"] and _NAME_NEXT.match(m.string, m.end()):
        return None  # "toward the end of April the Fourth Regiment marched": the ordinal begins a name
    return _ordinal_of_month(m, ctx)


def _day_month_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    return _month_day(_month(m["mon"]), int(m["d"]), int(m["y"]), ctx)


def _weekday_the_ordinal(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'Friday the 24th': the month next to the reference in which that day is that weekday
    (in a future clause the next such month)."""
    d, wd = ordinal(m["d"]), _weekday_index(m["wd"])
    ahead = ctx.when == "future"  # a plan looks only forward, up to a year
    for shift in range(12) if ahead else (0, 1, -1, 2, -2):
        k = ctx.dct.year * 12 + ctx.dct.month - 1 + shift
        value = _date(k // 12, k % 12 + 1, d or 0)
        if value and _dt.date.fromisoformat(value).weekday() == wd:
            return "DATE", value
    return None


def _the_ordinal(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'on the 15th': that day of the month of the reference (or of the next one if the tense says so)."""
    d = ordinal(m["d"])
    if d is None or not 1 <= d <= 31:
        return None
    k = ctx.dct.year * 12 + ctx.dct.month - 1
    if ctx.when == "past" and d > ctx.dct.day:
        k -= 1
    elif ctx.when != "past" and d < ctx.dct.day:
        k += 1
    value = _date(k // 12, k % 12 + 1, d)
    return None if value is None else ("DATE", value)


def _nth_weekday_of_month(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    wd, mon = _weekday_index(m["wd"]), _month(m["mon"])
    year = _year_of(m["y"], ctx) or _month_year(ctx.dct, mon, ctx.when)
    days = [day for day in (_dt.date(year, mon, 1) + _dt.timedelta(days=i) for i in range(31))
            if day.month == mon and day.weekday() == wd]
    n = -1 if m["n"].lower() == "last" else (ordinal(m["n"]) or 0) - 1
    if not -len(days) <= n < len(days):
        return None
    if not m["y"] and ((ctx.when == "future" and days[n] < ctx.dct) or (ctx.when == "past" and days[n] > ctx.dct)):
        return _nth_weekday_of_month(m, Ctx(ctx.dct.replace(year=year + (1 if ctx.when == "future" else -1), month=mon,
                                                          day=1), "narrative"))
    return "DATE", days[n].isoformat()


def _named_month(ctx: Ctx, which: str) -> tuple[int, int]:
    """(year, month) of 'this/the/current month' (0), 'last/previous month' (-1), 'next/following month' (+1)."""
    shift = {"last": -1, "previous": -1, "next": 1, "following": 1}.get(which.lower().split()[-1], 0)
    year, month = _shift(ctx.dct, "M", shift).split("-")
    return int(year), int(month)


def _in_named_month(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the second Thursday of this month', '11th of the previous month'."""
    year, mon = _named_month(ctx, m["which"])
    if m["wd"]:
        wd = _weekday_index(m["wd"])
        days = [d for d in (_dt.date(year, mon, 1) + _dt.timedelta(days=i) for i in range(31))
                if d.month == mon and d.weekday() == wd]
        n = -1 if m["n"].lower() == "last" else (ordinal(m["n"]) or 0) - 1
        return ("DATE", days[n].isoformat()) if -len(days) <= n < len(days) else None
    d = ordinal(m["n"])
    value = _date(year, mon, d) if d else None
    return None if value is None else ("DATE", value)


def _nth_week_of_month(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the third week of March 2027': the n-th week that begins (on a Monday) in the month."""
    mon = _month(m["mon"])
    year = _year_of(m["y"], ctx) or _month_year(ctx.dct, mon, ctx.when)
    mondays = [d for d in (_dt.date(year, mon, 1) + _dt.timedelta(days=i) for i in range(31))
               if d.month == mon and d.weekday() == 0]
    weekend = bool(m["we"])
    if weekend:
        mondays = [d - _dt.timedelta(days=2) for d in (_dt.date(year, mon, 1) + _dt.timedelta(days=i)
                                                       for i in range(2, 33)) if d.weekday() == 0 and
                   (d - _dt.timedelta(days=2)).month == mon]
    n = -1 if m["n"].lower() == "last" else (ordinal(m["n"]) or 0) - 1
    if n == -1 and not weekend:
        mondays = month_weeks(year, mon)  # the last week is the last that holds a Thursday of the month
    if not -len(mondays) <= n < len(mondays):
        return None
    y, w, _ = mondays[n].isocalendar()
    return "DATE", f"{y}-W{w:02d}" + ("-WE" if weekend else "")


def _last_week_of_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    year = _year_of(m["y"], ctx) or ctx.dct.year
    y, w, _ = _dt.date(year, 12, 28).isocalendar()
    return "DATE", f"{y}-W{w:02d}"


def year_of_period_unsaid(first_month: int, day: _dt.date, when: str) -> int:
    """The year of a part of a year named without one ('the fourth quarter', 'the second half'),
    given the month it begins with: ``day``'s year, except that a part not yet begun, told in a past
    clause ('sales rose in the fourth quarter'), is last year's (a result being reported on)."""
    return day.year - (1 if first_month > day.month and when == "past" else 0)


def quarter_of_year_unsaid(q: int, day: _dt.date, when: str) -> str:
    """'the fourth quarter' without a year (see :func:`year_of_period_unsaid`): 'YYYY-Q4'."""
    return f"{year_of_period_unsaid(3 * q - 2, day, when)}-Q{q}"


def _quarter(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the fourth quarter (of 2018)': YYYY-Qn; without a year see :func:`quarter_of_year_unsaid`."""
    q = ordinal(m["q"]) if m["q"] else int(m["qn"])
    if not q or not 1 <= q <= 4:
        return None
    if not (m["y"] or m["y2"]):
        return "DATE", quarter_of_year_unsaid(q, ctx.dct, ctx.when)
    return "DATE", f"{_year_of(m['y'], ctx) or int(m['y2'])}-Q{q}"


# ---------------------------------------------------------------- decades, centuries, BC


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _decade(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the seventies', 'the mid-90s': the decade as its first three digits (197), in the century nearest the reference."""
    digit = _DECADE_WORDS.get((m["w"] or "").lower())
    if digit is None and m["dd"]:
        digit = int(m["dd"][0])
    if digit is None:
        return None
    century = ctx.dct.year // 100 - (1 if digit > (ctx.dct.year % 100) // 10 else 0)  # the latest such decade
    return "DATE", f"{century}{digit}"


def _century(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    n = ordinal(m["n"])
    if not n:
        return None
    return "DATE", (f"BC{n - 1:02d}" if m["bc"] else f"{n - 1:02d}")


def _year_bc(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    prefix = f"BC{int(m['y']):04d}"
    return "DATE", prefix + (f"-{_month(m['mon']):02d}" if m["mon"] else "")


def _rate(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'$4 million a year', '300 loaves a week, 45 a day': once each unit after an amount, a set (P1Y, P1D; PT1H for
    an hour)."""
    return "SET", duration_value([(1, _UNIT[m["u"].lower()])])


def _years_bc(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'520-515 BC' taken whole: the years between (BC years count down, so the first is larger)."""
    a, b = int(m["a"]), int(m["b"])
    return ("DURATION", f"P{a - b + 1}Y") if b < a <= b + 100 else None


# ---------------------------------------------------------------- relative to the reference


def _upcoming(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the upcoming two weeks', 'in coming months': the unit that many steps ahead, or PX<unit> for a plural without a count."""
    n = number(m["n"] or m["n2"] or "one") or 1
    code = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}[m["u"].lower().rstrip("s")]
    if m["u"].lower().endswith("s") and not (m["n"] or m["n2"]):
        return "DURATION", f"PX{code}"  # "in coming months": a stretch ahead of unsaid length, not one month
    return "DATE", _shift(ctx.dct, code, n)


def _weekdays_from_now(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'two Fridays from now', 'three Mondays ago': the n-th such weekday ahead of (or back from) the reference."""
    n, wd = number(m["n"]), _weekday_index(m["wd"][:3])
    if not n:
        return None
    ahead = m["rel"].lower() not in ("ago", "back")
    first = _weekday(ctx.dct, wd, "future" if ahead else "past")
    if first == ctx.dct:
        first += _dt.timedelta(days=7 if ahead else -7)
    return "DATE", (first + _dt.timedelta(weeks=(n - 1) * (1 if ahead else -1))).isoformat()


def _weekday_of_week(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'Monday of this week', 'Wednesday next week', 'Sunday from last week'."""
    shift = {"this": 0, "next": 1, "last": -1, "previous": -1, "the following": 1, "the previous": -1}[
        m["which"].lower()]
    monday = ctx.dct - _dt.timedelta(days=ctx.dct.weekday()) + _dt.timedelta(weeks=shift)
    return "DATE", (monday + _dt.timedelta(days=_weekday_index(m["wd"]))).isoformat()


def _weekday_modified(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'this coming Monday', 'the previous Wednesday', 'Wednesday after next'."""
    wd = _weekday_index(m["wd"])
    mod = (m["mod"] or m["mod2"] or "").lower()
    if mod in ("this coming", "the coming", "coming", "this upcoming", "upcoming"):
        day = _weekday(ctx.dct, wd, "future")
        return "DATE", (day if day != ctx.dct else day + _dt.timedelta(days=7)).isoformat()
    if mod in ("the previous", "previous") and ctx.last and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.last[:10]):
        told = _dt.date.fromisoformat(ctx.last[:10]) - _dt.timedelta(days=1)  # "previous" counts from the day just told
        return "DATE", _weekday(told, wd, "past").isoformat()
    if mod in ("the previous", "previous", "this past", "the past", "past"):
        day = _weekday(ctx.dct, wd, "past")
        return "DATE", (day if day != ctx.dct else day - _dt.timedelta(days=7)).isoformat()
    if mod == "after next":
        day = _weekday(ctx.dct, wd, "future")
        return "DATE", (day + _dt.timedelta(days=7 if day != ctx.dct else 14)).isoformat()
    return None


def _past_unit(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'over the past year': the calendar year before the reference's, as TimeBank and GUM mostly
    write it (a DATE, 1997 for a March 1998 story), while a count ('the past three years') stays a
    duration. Not in a narrative or a future clause (a past year is told in the past or present),
    and not before 'of' (the rule's ``not_after``: 'the last year of a reign' is that reign's)."""
    if ctx.when in ("narrative", "future"):
        return None
    return "DATE", _shift(ctx.dct, "Y", -1)


def _weekday_following(m: re.Match, ctx: Ctx) -> tuple[str, ...] | None:
    """'the following Monday', 'the next Friday evening': the first such weekday after the day told
    before, with its part of day. After only a month or a year told, a day of that month or year
    ('1931-04-XX'). With no date told, in a past clause no value from this rule (the weekday then
    follows the tense of its verb, as a bare 'Monday' does: the day followed something already past);
    otherwise the first such weekday after the reference day."""
    told = _from_last(ctx.last, 10)
    coarse = None if told else _from_last(ctx.last, 7) or _from_last(ctx.last, 4)
    if coarse:
        day = coarse + "-XX" * (3 - len(coarse.split("-")))
    elif told or ctx.when != "past":
        start = (_dt.date.fromisoformat(told) if told else ctx.dct) + _dt.timedelta(days=1)
        day = _weekday(start, _weekday_index(m["wd"]), "future").isoformat()
    else:
        return None
    part = DAY_PARTS.get((m["part"] or "").lower())
    out = ("TIME", f"{day}T{part}") if part else ("DATE", day)
    return (*out, "previous timex") if told or coarse else out


def _relative_day(m: re.Match, ctx: Ctx) -> tuple[str, ...] | None:
    """'the next day', 'the following morning', 'the same day', 'the previous day': from the last date."""
    base = ctx.last if ctx.last and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.last[:10]) else None
    day = _dt.date.fromisoformat(base[:10]) if base else ctx.dct
    shift = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[m["which"].lower()]
    unit = {"week": "W", "month": "M", "year": "Y"}.get(m["u"].lower())
    if unit:  # only in a story: in news "the next month" is mostly a stretch of time ("over the next month")
        if ctx.when != "narrative":
            return None
        out = "DATE", _shift(ctx.dct, unit, shift)  # a story's reference is the date told before
        return (*out, "previous timex") if _from_last(ctx.last, 4) else out
    part = DAY_PARTS.get(m["u"].lower())
    value = (day + _dt.timedelta(days=shift)).isoformat() if base else _unknown_day(ctx.last)
    told = value is not None
    if value is None:
        value = ctx.dct.isoformat()[:10] if not shift else (ctx.dct + _dt.timedelta(days=shift)).isoformat()
    out = ("TIME", f"{value}T{part}") if part else ("DATE", value)
    return (*out, "previous timex") if told else out


def _from_last(last: str | None, length: int) -> str | None:
    """The previous dated value cut to a granularity (4: year, 7: month, 10: day), if it has it."""
    last = last or ""
    return last[:length] if re.match(r"\d{4}-\d\d-\d\d" if length == 10 else r"\d{4}-\d\d" if length == 7 else r"\d{4}", last) else None


def _of_that_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'March of that year', 'July 25 of the same year': the year of the previous date."""
    year = _from_last(ctx.last, 4) or str(ctx.dct.year)
    mon = _month(m["mon"])
    if m["d"]:
        value = _date(int(year), mon, int(m["d"]))
        return None if value is None else ("DATE", value)
    return "DATE", f"{year}-{mon:02d}"


def that_unit(unit: str, last: str | None) -> str | None:
    """'that day', 'the same month', 'that year' (also after 'later', 'earlier in'): the previous dated
    value ``last`` cut to that unit; a day of unknown number in the month or year told; else None."""
    value = _from_last(last, {"day": 10, "month": 7, "year": 4}[unit])
    return _unknown_day(last) if value is None and unit == "day" else value


def _that_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'that same day', 'that year': the previous date at that granularity."""
    value = that_unit(m["u"].lower(), ctx.last)
    return None if value is None else ("DATE", value)


def _part_of_unit(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the end of the year', 'the latter part of the month': that year or month (of the story)."""
    unit = m["u"].lower()
    length = {"year": 4, "month": 7}[unit]
    value = _from_last(ctx.last, length) if m["which"].lower() == "that" or ctx.when == "narrative" else None
    return "DATE", value or (str(ctx.dct.year) if unit == "year" else ctx.dct.isoformat()[:7])


def _season_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    code = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}[m["s"].lower()]
    return "DATE", f"{m['y']}-{code}"


def _half_year(m: re.Match, ctx: Ctx) -> tuple[str, ...] | None:
    """'the second half of 2013', 'the first half of the year' (TimeML H1, H2); 'the year' alone
    is the reference's, or last year's for a half not yet begun told in a past clause (as 'the
    second half' alone, see :func:`year_of_period_unsaid`); 'that year' (and any year in a
    narrative) is the year told before. A half of a decade is the decade ('the latter half of the '60s': 196)."""
    if m["dec"]:
        return None if ctx.resolve is None else ctx.resolve(m["dec"])
    half = 1 if m["w"].lower() in ("first", "1st", "former", "early") else 2
    ref = (m["ref"] or "").lower()
    if m["y"]:
        return "DATE", f"{m['y']}-H{half}"
    if ref in ("last year", "next year"):
        return "DATE", f"{ctx.dct.year + (1 if ref == 'next year' else -1)}-H{half}"
    told = _from_last(ctx.last, 4) if ref == "that year" or ctx.when == "narrative" else None
    if told:
        return "DATE", f"{told}-H{half}", "previous timex"
    if ref == "this year":
        return "DATE", f"{ctx.dct.year}-H{half}"
    return "DATE", f"{year_of_period_unsaid(6 * half - 5, ctx.dct, ctx.when)}-H{half}"


def _day_after_tomorrow(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    return "DATE", (ctx.dct + _dt.timedelta(days=2 if m["rel"].lower() == "after" else -2)).isoformat()


_OTHER_NEW_YEAR = re.compile(r"\b(?:chinese|lunar|islamic|hijri|muslim|jewish|hebrew|persian|parsi|iranian|thai|tamil|"
                             r"sinhala|vietnamese|korean|tibetan|bengali|nepali|orthodox|ethiopian|coptic)(?: lunar)? $", re.I)


def _holiday(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """A named holiday (with its year, this/next/last, or a part of its day) valued by :func:`utils.holidays.holiday_value`."""
    before = m.string[max(0, m.start() - 24) : m.start()] if m.start() else ctx.preceding
    if re.match(r"new year", m["name"], re.I) and _OTHER_NEW_YEAR.search(before):
        return None  # the Chinese, Islamic, Persian ... New Year is another calendar's, not 1 January
    value = holiday_value(m["name"], ctx.dct, (m["which"] or "").lower(), _year_of(m["y"], ctx), ctx.when)
    if value and m["part"]:
        return "TIME", f"{value}T{ {'morning': 'MO', 'afternoon': 'AF', 'evening': 'EV', 'night': 'NI'}[m['part'].lower()]}"
    return None if value is None else ("DATE", value)


# ---------------------------------------------------------------- durations


_UNIT = {"second": "S", "sec": "S", "s": "S", "minute": "M", "min": "M", "hour": "H", "hr": "H", "h": "H",
         "day": "D", "week": "W", "month": "MO", "year": "Y"}
_SECONDS = {"S": 1, "M": 60, "H": 3600, "D": 86400, "W": 604800}
UNIT_RE = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
_FRACTION = r"(?:and (?:a |an |one )?(?:half|quarter|three quarters?|two quarters?))"
AMOUNT = rf"(?:\d+(?:\.\d+)?|an?|{NUMWORD})(?: {_FRACTION})?"


def _amount(text: str) -> float | None:
    text = text.lower().strip()
    m = re.fullmatch(r"(.+?) and (?:a |an |one )?(half|quarter|three quarters?|two quarters?)", text)
    frac = 0.0
    if m:
        text, frac = m.group(1), {"half": 0.5, "quarter": 0.25}.get(m.group(2), 0.75 if m.group(2).startswith("three") else 0.5)
    if text in ("a", "an"):
        return 1 + frac
    try:
        return float(text) + frac
    except ValueError:
        n = number(text)
        return None if n is None else n + frac


def duration_value(parts: Iterable[tuple[float, str]]) -> str:
    """TimeML duration of (amount, unit code) parts: 'P2Y3M', 'PT1H45M', 'PT150M' for 2.5 hours."""
    months = sum(n * (12 if u == "Y" else 1) for n, u in parts if u in ("Y", "MO"))
    seconds = sum(n * _SECONDS[u] for n, u in parts if u in _SECONDS)
    out = "P"
    if months:
        y, mo = divmod(months, 12)
        out += (f"{y:g}Y" if y and float(mo).is_integer() else "") + (f"{mo:g}M" if mo and float(mo).is_integer() else "")
        if not float(mo).is_integer():
            out = f"P{months * 30:g}D"
    days, rest = divmod(seconds, 86400)
    if days and not rest and days % 7:
        out += f"{days:g}D"
    elif days and not rest:
        out += f"{days / 7:g}W"
    elif seconds:
        h, rest = divmod(seconds, 3600)
        mi, s = divmod(rest, 60)
        out += "T" + (f"{h:g}H" if h else "") + (f"{mi:g}M" if mi else "") + (f"{s:g}S" if s else "")
    return out if out != "P" else "PT0S"


_SIZE = {u: i for i, u in enumerate(dict.fromkeys(_UNIT.values()))}  # unit codes from small to large


def _compound_duration(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'three hours and 20 minutes': the parts of a sum go from larger units to smaller ones, so
    '24 hours a day', '20 minutes a week' (a length per unit, a rate) are no sum."""
    parts = []
    for n_text, unit in re.findall(rf"({AMOUNT}) ?(?:more |extra |additional |less |fewer )?({UNIT_RE})\b", m[0], re.I):
        n = _amount(n_text)
        if n is None:
            return None
        parts.append((n, _UNIT[re.sub(r"s$", "", unit.lower()) if unit.lower() not in ("s",) else "s"]))
        if len(parts) > 1 and _SIZE[parts[-1][1]] >= _SIZE[parts[-2][1]]:
            return None
    tail = re.search(rf"(?:and )?(?P<n>\d+|{NUMWORD})$", m[0], re.I)
    if parts and tail and not re.search(UNIT_RE + "$", m[0], re.I):
        smaller = {"H": "M", "M": "S", "Y": "MO", "D": "H"}.get(parts[-1][1])
        n = number(tail["n"])
        if smaller and n is not None:
            parts.append((n, smaller))
    if parts and re.search(r"\band (?:a |an )?half$", m[0], re.I) and not re.search(UNIT_RE + "$", m[0], re.I):
        parts.append((0.5, parts[-1][1]))
    return ("DURATION", duration_value(parts)) if parts else None


def _duration_range(unit: str) -> tuple[str, str]:
    code = _UNIT[re.sub(r"s$", "", unit.lower())]
    return "DURATION", ("PTX" + code if code in ("H", "M", "S") else "PX" + ("M" if code == "MO" else code))


def _fraction_of_unit(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'two and a quarter hours', 'half an hour', '1/2 day'."""
    whole = number(m["w"]) if m["w"] else 0
    frac = {"half": 0.5, "a half": 0.5, "1/2": 0.5, "quarter": 0.25, "a quarter": 0.25, "one quarter": 0.25,
            "1/4": 0.25, "three quarters": 0.75, "three quarter": 0.75, "3/4": 0.75, "two quarters": 0.5,
            "two quarter": 0.5}.get(re.sub(r"^(an?|one) (?=half)", "", m["f"].lower().strip()))
    if whole is None or frac is None:
        return None
    return "DURATION", duration_value([(whole + frac, _UNIT[m["u"].lower().rstrip("s")])])


def _quarter_any(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    if m["y2"]:
        return "DATE", f"{m['y2']}-Q{m['qn2']}"
    return _quarter(m, ctx)


def _month_slash_year_any(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    mo, y = (m["mo"], m["y"]) if m["mo"] else (m["mo2"], m["y2"])
    mo_i = int(mo)
    return ("DATE", f"{y}-{mo_i:02d}") if 1 <= mo_i <= 12 else None


def _md_any(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    mo, d = (m["mo"], m["d"]) if m["mo"] else (m["mo2"], m["d2"])
    return _month_day(int(mo), int(d), None, ctx)


def _decade_any(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    if m["dd2"] is not None and m["c"]:
        return "DATE", f"{m['c']}{m['dd2']}"
    return _decade(m, ctx)


def _weekday_modified_any(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    class _M(dict):
        def __getitem__(self, k: str) -> str | None:
            return dict.get(self, k)
    return _weekday_modified(_M(wd=m["wd"] or m["wd2"], mod=m["mod"], mod2=m["mod2"]), ctx)  # type: ignore[arg-type]


def _day_after_tomorrow_any(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    shift = 2 if m["rel"] else -2
    return "DATE", (ctx.dct + _dt.timedelta(days=shift)).isoformat()


def _clock_h_any(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    h = number(m["h"] or m["h2"])
    if h is None:
        return None
    return _on_day(ctx.dct.isoformat(), clock(h, int(m["m"] or 0), m["ap"] or ""))


def _clock_military_h(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    return _on_day(ctx.dct.isoformat(), clock(int(m["h"]), int(m["m"] or 0), "", "24h"))


# ---------------------------------------------------------------- everyday forms (issue 14)
# Abbreviations, numeric dates, clock times joined to dated days, seasons, weekends and counted
# weeks: the builders of the rows grouped under "everyday forms" at the end of RULES.


def _weekday_abbreviation(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'Thurs', 'Tues.': a weekday resolved like a written-out one (by the tense; ahead in a
    fragment). Mon, Wed, Sat and Sun are also words: in running text they need a period, all but
    Mon a capital, and none may follow 'the' (the Sun newspaper). None is part of a longer word
    ("C'mon") or followed by a capitalised word that is no month (a name: "the Thu Bon river")."""
    word = m["wd"]
    whole = m.start() == 0 and m.end() == len(m.string)
    if m.start() > 0 and (m.string[m.start() - 1].isalpha() or m.string[m.start() - 1] in "'’"):
        return None
    after = re.match(r"\s+([A-Z][a-z]+)", m.string[m.end() : m.end() + 20])
    if after and after.group(1).lower() not in MONTHS:
        return None
    if word.lower() in ("mon", "wed", "sat", "sun") and not whole and (
            not m["dot"] or (word.lower() != "mon" and not word[0].isupper())
            or m.string[max(0, m.start() - 4) : m.start()].lower() == "the "):
        return None
    return "DATE", _weekday(ctx.dct, _weekday_index(m["wd"]), ctx.when).isoformat()


def _unit_of_reference(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the previous qtr', 'the current quarter': the year, quarter, month or week named from the reference."""
    which, unit = m["which"].lower(), m["u"].lower()
    if which != "current" and unit in ("year", "quarter", "month", "week"):
        return None  # 'this year', 'last month': the general branches of normalize
    code = {"y": "Y", "q": "Q", "m": "M", "w": "W"}[unit[0]]
    return "DATE", _shift(ctx.dct, code, {"this": 0, "current": 0, "next": 1, "last": -1, "previous": -1}[which])


def _unit_from_told(m: re.Match, ctx: Ctx) -> tuple[str, ...] | None:
    """'the following month', 'the previous year': the month (week, year) after or before the date
    told before, else (none told, or one coarser than the unit) after or before the reference."""
    code = {"week": "W", "month": "M", "year": "Y"}[m["u"].lower()]
    shift = 1 if m["which"].lower() == "following" else -1
    day = _from_last(ctx.last, 10)
    told = None if day or code == "W" else _from_last(ctx.last, 7 if code == "M" else 4)  # a month or year told
    if told:
        return "DATE", _shift_value(told, code, shift), "previous timex"
    if day:
        return "DATE", _shift(_dt.date.fromisoformat(day), code, shift), "previous timex"
    return "DATE", _shift(ctx.dct, code, shift)


def _quarter_compact(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'2027Q2', 'Q2 27': a quarter written in short form, YYYY-Qn (a two-digit year is 20yy)."""
    year = int(m["y"]) if m["y"] else 2000 + int(m["yy"])
    return "DATE", f"{year}-Q{m['q'] or m['q2']}"


def _two_digit_year(text: str) -> int:
    """A year from two or four digits: 00-49 is 20yy, 50-99 is 19yy."""
    y = int(text)
    return y if len(text) == 4 else 2000 + y if y < 50 else 1900 + y


def _numeric_date(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'10-31-1974', '31.10.1974', '3-4-2021': a number over 12 is the day; otherwise dots are
    European (day first), dashes American (month first), as with slashes."""
    a, b = int(m["a"]), int(m["b"])
    if a > 12 or (b <= 12 and m["sep"] == "."):
        a, b = b, a
    value = _date(_two_digit_year(m["y"]), a, b)
    return None if value is None else ("DATE", value)


def _iso_loose(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'2015-3-3': an ISO date written without leading zeros."""
    value = _date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return None if value is None else ("DATE", value)


def _iso_month(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'2019-07' is July 2019. '2010-12' may also be the years 2010 to 2012 (or a fiscal year,
    '2005-06'): a month is read only where the two digits cannot end a range of years (they are
    not later than the year's own last two)."""
    year, mo = int(m["y"]), int(m["mo"])
    return None if mo > year % 100 else ("DATE", f"{year}-{mo:02d}")


def _day_mon_yy(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'9-Jun-88': day, month name and a two-digit year, YYYY-MM-DD."""
    value = _date(_two_digit_year(m["y"]), _month(m["mon"]), int(m["d"]))
    return None if value is None else ("DATE", value)


def _month_number_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'Sep 9', 'Monday, Mar 3', 'Oct 7, Wed': a capitalised month with a day number. A weekday
    said with it fixes the year: the nearest year (from the one the tense picks) in which the day
    falls on that weekday."""
    if not m["mon"][0].isupper():
        return None  # 'may 5' is a verb and a number
    mon, d = _month(m["mon"]), int(m["d"])
    if m["y"]:
        return _month_day(mon, d, int(m["y"]), ctx)
    wd = m["wd"] or m["wd2"]
    if wd:
        base = _month_year(ctx.dct, mon, ctx.when, d)
        for y in (base, base + 1, base - 1, base + 2, base - 2, base + 3, base + 4, base + 5, base + 6):
            value = _date(y, mon, d)
            if value and _dt.date.fromisoformat(value).weekday() == _weekday_index(wd):
                return "DATE", value
    return _month_day(mon, d, None, ctx)


_CLOCK_TEXT = re.compile(rf"(?:at |@ ?|for |around |about )?(?:(?P<h>\d{{1,2}}|{NUMWORD})(?:[:.](?P<m>[0-5]\d))? ?"
                         rf"(?P<ap>{AMPM}|[ap]\b\.?)?(?: ?o'?clock)?|(?P<eh>[01]?\d|2[0-3])h(?P<em>[0-5]\d)?|"
                         rf"(?P<mh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?: ?(?:hours|hrs?))?|(?P<noon>noon|midday|midnight))", re.I)


def clock_text(text: str, hint: str = "") -> str | None:
    """'HH:MM' of a clock time written 7:30 PM, 3p, 19h30, 16h, 0930 (hrs), eight, noon; None otherwise."""
    c = _CLOCK_TEXT.fullmatch(text.strip())
    if c is None:
        return None
    if c["noon"]:
        return "24:00" if c["noon"].lower() == "midnight" else "12:00"
    if c["eh"] or c["mh"]:
        return clock(int(c["eh"] or c["mh"]), int(c["em"] or c["mm"] or 0), "", "24h")
    h = number(c["h"])
    return None if h is None else clock(h, int(c["m"] or 0), c["ap"] or "", hint)


def _dated_day_and_clock(m: re.Match, ctx: Ctx) -> tuple[str, ...] | None:
    """A clock time and a day that carries a date, a holiday or a numeric date, in either order
    ('at 6:45 PM on Tue, Sep 23'; 'Wed, Oct 7, 2026 18h30'; '6/14 at 9h'; 'at 0715 on Thursday')."""
    if ctx.resolve is None:
        return None
    day_text, clock_part = (m["d1"], m["c1"]) if m["d1"] else (m["d2"], m["c2"])
    day = ctx.resolve(day_text)[1]
    if not re.fullmatch(r"\d{4}-\d{2}-(?:\d{2}|XX)(?:T(?:MO|AF|EV|NI))?", day):
        return None  # a day in a month told ('November 2024 ... the next day at 5 p.m.') keeps its XX
    hint = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}.get(day[11:], "")
    out = _on_day(day[:10], clock_text(clock_part, hint))
    told = re.match(r"the (?:next|following|previous|same) ", day_text, re.I) and _from_last(ctx.last, 7)
    return (*out, "previous timex") if out and told else out


def _clock_letter(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'3:15p', 'at 7p': a/p for am/pm written as one letter."""
    return _on_day(ctx.dct.isoformat(), clock(int(m["h"]), int(m.groupdict().get("m") or 0), m["ap"] + "m"))


def _clock_run_together(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'845 p.m.', '1030am': hour and minutes written without a colon, before am/pm."""
    g = m.groupdict()
    return _on_day(ctx.dct.isoformat(), clock(int(m["h"]), int(m["m"]), g.get("ap") or "", (g.get("part") or "").lower()))


def _clock_about(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'around 0945': hh:mm in four digits after an approximating word (which stays outside, as
    TimeBank mostly leaves it). The approximating word is required, in the match or just before it
    (in the text or in ``ctx.preceding``): a lone "1215" is a year ("sealed in 1215"). From 1000
    on the four digits are read as a year even so ("built around 1150"): only a leading zero
    ("around 0945") marks a clock time for certain."""
    word = re.compile(r"\b(?:around|about|approximately) $", re.I)
    if not (m.group(0)[:1].isalpha() or word.search(m.string, max(0, m.start() - 15), m.start())
            or word.search(ctx.preceding)) or m["h"][0] != "0":
        return None
    return _on_day(ctx.dct.isoformat(), clock(int(m["h"]), int(m["m"]), "", "24h"))


def _clock_ish(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'sixish', '4ish pm': the hour on the reference day (more than 12 is an age, not a time)."""
    h = number(m["h"])
    return None if h is None or h > 12 else _on_day(ctx.dct.isoformat(), clock(h, 0, m["ap"] or ""))  # 'twentyish' is an age


def _part_of_day_ish(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'tomorrow eveningish': the part of day (TMO, TAF, TEV) of today, tomorrow or yesterday."""
    shift = {"today": 0, "tomorrow": 1, "yesterday": -1}[(m["day"] or "today").lower()]
    return "TIME", f"{(ctx.dct + _dt.timedelta(days=shift)).isoformat()}T{DAY_PARTS[m['part'].lower()]}"


def _days_ahead_at(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'in three days at noon': the clock time on the day that many days (or weeks) ahead."""
    n, hhmm = number(m["n"]), clock_text(m["t"])
    if n is None:
        return None
    days = n * (7 if m["u"].lower().startswith("week") else 1)
    return _on_day((ctx.dct + _dt.timedelta(days=days)).isoformat(), hhmm)


def _clock_words_at(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'at four forty': an hour and its minutes in words after 'at' (working-day hours, as for 'at 4')."""
    h, mi = number(m["h"]), number(m["m"].replace(" ", "-"))
    if h is None or mi is None or not 0 < mi < 60 or h > 12:
        return None
    return _on_day(ctx.dct.isoformat(), clock(h, mi))


def _clock_this_part(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'7 this evening', 'this morning at nine', 'in the afternoon at four': today at that hour."""
    h = number(m["h"] or m["h2"])
    mi = int(m["m"] or m["m2"] or 0)
    part = (m["part"] or m["part2"]).lower()
    return None if h is None else _on_day(ctx.dct.isoformat(), clock(h, mi, "", part))


def _units_from_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'three weeks from today', 'a year from tomorrow': counted from a day, so a day."""
    n = number(m["n"])
    start = ctx.dct + _dt.timedelta(days={"today": 0, "tomorrow": 1, "yesterday": -1}[m["day"].lower()])
    code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[m["u"].lower().rstrip("s")]
    if n is None:
        return None
    value = _shift_value(start.isoformat(), code if code != "W" else "D", n * (7 if code == "W" else 1))
    return None if value is None else ("DATE", value)


def _season_of_reference(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the current winter', 'this past autumn', 'the coming season': seasons counted from the one
    holding the reference (a winter is that of its December: in February 2030 the current winter is
    2029-WI). 'This autumn' is the autumn of the reference's year unless the reference is in it. 'This past'
    and 'the coming' count as 'last' and 'next' do (:func:`utils.calendar_values.nearest_season`); 'last' and
    'next' with a season's name are left to the general branch of :func:`utils.temporal.normalize`, which
    also knows the story's time in a narrative."""
    now = season_index(ctx.dct)
    which, name = m["which"].lower(), m["s"].lower()
    if name == "season":
        return "DATE", season_value(now + {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[
            which.split()[-1]])
    k = {"spring": 0, "summer": 1, "fall": 2, "autumn": 2, "winter": 3}[name]
    if which in ("this past", "the coming", "this coming"):
        return "DATE", nearest_season(ctx.dct, k, -1 if which == "this past" else 1)
    if which in ("last", "next"):
        return None
    return "DATE", season_value(now) if k == now % 4 else f"{ctx.dct.year}-{season_value(k)[-2:]}"


def _weekend_of_reference(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'this past week-end' (the last one), 'the coming weekend' (the next one unless it is now)."""
    which = m["which"].lower()
    in_weekend = ctx.dct.weekday() >= 5
    shift = {"this past": -1 if not in_weekend else 0, "last": -1, "past": -1, "next": 1,
             "this coming": 0 if not in_weekend else 1, "the coming": 0 if not in_weekend else 1, "this": 0}[which]
    return "DATE", _shift(ctx.dct, "WE", shift)


def _week_of_date(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the week of March 3': the ISO week holding that day."""
    if ctx.resolve is None:
        return None
    day = ctx.resolve(m["day"])[1]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    y, w, _ = _dt.date.fromisoformat(day).isocalendar()
    return "DATE", f"{y}-W{w:02d}"


def _nth_last_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the last day of April 2029', 'the third last day of May': counted back from the month's end."""
    mon = _month(m["mon"])
    year = _year_of(m["y"], ctx) or _month_year(ctx.dct, mon, ctx.when)
    n = ordinal(m["n"]) if m["n"] else 1
    nxt = _dt.date(year + mon // 12, mon % 12 + 1, 1)
    return None if not n or n > 28 else ("DATE", (nxt - _dt.timedelta(days=n)).isoformat())


def _nth_last_week(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the second last week of March 2027', 'the third last week of 2026': ISO weeks counted
    back from the last one that belongs to the month (holds one of its Thursdays) or year."""
    n = ordinal(m["n"]) if m["n"] else 1
    if m["mon"]:
        mon = _month(m["mon"])
        year = _year_of(m["y"], ctx) or _month_year(ctx.dct, mon, ctx.when)
        last = month_weeks(year, mon)[-1]
    else:
        year = _year_of(m["y2"], ctx) or ctx.dct.year
        last = _dt.date(year, 12, 28)
    if not n:
        return None
    y, w, _ = (last - _dt.timedelta(weeks=n - 1)).isocalendar()
    return "DATE", f"{y}-W{w:02d}"


def _date_part_of_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the 9th of November in the morning', 'the evening of March 3': a part of a dated day."""
    if ctx.resolve is None:
        return None
    day = ctx.resolve(m["day"] or m["day2"])[1]
    part = (m["part"] or m["part2"]).lower()
    if not re.fullmatch(r"(?:BC)?\d{4}-\d{2}-(?:\d{2}|XX)", day):  # a day of unknown number too ('that day' in May)
        return None
    return "TIME", f"{day}T{DAY_PARTS[part]}"


def _shift_from_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'four days after Easter', 'two weeks before May 5': a count of days or weeks from a dated day."""
    if ctx.resolve is None:
        return None
    day = ctx.resolve(m["day"])[1]
    n = number(m["n"])
    if n is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    days = n * (7 if m["u"].lower().startswith("week") else 1) * (-1 if m["rel"].lower() == "before" else 1)
    return "DATE", (_dt.date.fromisoformat(day) + _dt.timedelta(days=days)).isoformat()


def _nth_weekday_from_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the second Tuesday after Christmas 2026', 'the first Monday before May 5'."""
    if ctx.resolve is None:
        return None
    day = ctx.resolve(m["day"])[1]
    n, wd = ordinal(m["n"]), _weekday_index(m["wd"])
    if not n or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    start = _dt.date.fromisoformat(day)
    if m["rel"].lower() == "after":
        first = start + _dt.timedelta(days=(wd - start.weekday()) % 7 or 7)
        return "DATE", (first + _dt.timedelta(weeks=n - 1)).isoformat()
    first = start - _dt.timedelta(days=(start.weekday() - wd) % 7 or 7)
    return "DATE", (first - _dt.timedelta(weeks=n - 1)).isoformat()


def _ides(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """The Roman ides: the 15th of March, May, July and October, the 13th of the other months."""
    mon = _month(m["mon"])
    return _month_day(mon, 15 if mon in (3, 5, 7, 10) else 13, _year_of(m["y"], ctx), ctx)


def _year_ad(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'2014 AD', 'AD 800': a year of the common era."""
    return "DATE", f"{int(m['y'] or m['y2']):04d}"


def _month_after_next(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'March after next': the March after the coming one."""
    mon = _month(m["mon"])
    year = ctx.dct.year + (1 if mon <= ctx.dct.month else 0) + 1
    return "DATE", f"{year}-{mon:02d}"


def _night_of_two_days(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the night of 9-10 June': the night that begins on the first of two following days."""
    d1, d2 = int(m["d1"] or m["e1"]), int(m["d2"] or m["e2"])
    mon = m["mon"] or m["mon2"]
    if d2 != d1 + 1:
        return None
    value = _month_day(_month(mon), d1, _year_of(m["y"] or m["y2"], ctx), ctx)
    return None if value is None else ("TIME", f"{value[1]}TNI")


def _clock_from_clock(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'15 minutes after 1 pm', 'twenty minutes to 2pm tomorrow': minutes counted from a clock time."""
    n, hhmm = number(m["n"]), clock_text(m["t"], "night" if (m["day"] or "").lower() == "tonight" else "")
    if n is None or hhmm is None:
        return None
    day = ctx.dct + _dt.timedelta(days=1 if (m["day"] or "").lower() == "tomorrow" else 0)
    at = _dt.datetime.combine(day, _dt.time()) + _dt.timedelta(hours=int(hhmm[:2]), minutes=int(hhmm[3:]))
    sign = -1 if m["rel"].lower() in ("to", "before") else 1
    return "TIME", (at + _dt.timedelta(minutes=sign * n)).isoformat(timespec="minutes")


# ---------------------------------------------------------------- the table

# words that may follow a clock time in digits ("at 0930 on Monday"); any other word makes the
# number a count or a year ("at 1200 feet", "at 2015 prices")
_AFTER_CLOCK = r"(?:on|local|gmt|utc|today|tomorrow|yesterday|tonight|sharp|this|that)\b"
_AFTER_CLOCK_TOO = r"(?:from|in|at|and|or|when|before|after|to|until|with|by)\b"  # a count is followed by its noun
_DAYPHRASE = (rf"(?:(?:today|tomorrow|yesterday|tonight|(?:this|tomorrow|yesterday) {DAYPART}|{WD}(?: {DAYPART})?|"
              rf"{MON} {ORD}|{ORD} of {MON}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|the {ORD}|in the {DAYPART}|"
              rf"(?:next|last|this) {WD}))")
_CLOCK = (rf"(?:(?:\d{{1,2}}[:.]\d\d|\d{{1,2}}|{NUMWORD})(?: ?{AMPM})?(?: ?o'?clock)?|noon|midnight|"
          rf"(?:a )?quarter (?:past|to) \d{{1,2}}(?: ?{AMPM})?)")

# sub-patterns of the everyday forms
_WD_SURE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues?\.?|thu(?:rs?)?\.?|fri\.?|(?-i:Mon|Wed|Sat|Sun)\.?)"
_DATED_DAY = (rf"(?:(?:{_WD_SURE},? )?{MON} ?\d{{1,2}}(?:st|nd|rd|th)?(?:,? {YEAR})?|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|"
              rf"{_WD_SURE}|today|tomorrow|tonight|{HOLIDAY_PATTERN}|"
              r"the (?:next|following|previous|same) (?:day|morning|afternoon|evening|night))")  # "at 9:15 the next morning"
_DATED_CLOCK = (rf"(?:\d{{1,2}}(?::[0-5]\d)? ?(?:{AMPM}|[ap]\b\.?)|\d{{1,2}}:[0-5]\d|(?:[01]?\d|2[0-3])h(?:[0-5]\d)?(?![a-z])|"
                r"[012]\d[0-5]\d ?(?:hours|hrs?)\b|(?:(?<=at )|^)[012]\d[0-5]\d|noon|midnight)")
_ZONE = r"(?-i:[ECMP][SD]T|GMT|UTC)"  # a time zone after a clock time in news ("5 p.m. EST")
_DATE_WORDS = (rf"(?:{MON} (?:the )?{ORD}|{MON} \d{{1,2}}|(?:the )?(?:{ORD}|\d{{1,2}}) of {MON}|\d{{1,2}}(?:st|nd|rd|th)? {MON})"
               rf"(?:,? {YEAR})?")
_ANCHOR_DAY = rf"(?:{HOLIDAY_PATTERN})(?: {YEAR})?|{MON} \d{{1,2}}(?:st|nd|rd|th)?(?:,? {YEAR})?"
# any phrase that names one day, valued whole by the tagger (``Ctx.resolve``): a date in words (with its
# weekday), a holiday, an ISO or numeric date, a weekday, a day named from the reference or the story
_DAY_PHRASE = (rf"(?:(?:{WD},? )?{_DATE_WORDS}|(?:{HOLIDAY_PATTERN})(?:,? {YEAR})?|\d{{4}}-\d\d-\d\d"
               rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|{_WD_SURE}|today|tomorrow|yesterday"
               rf"|(?:that|the same|the next|the following|the previous) day)")


RULES: list[Rule] = [
    Rule("day and clock time", rf"(?P<d1>{_DAYPHRASE}),? (?:at|@|around|about) ?(?P<c1>{_CLOCK})|"
         rf"(?P<c2>\d{{1,2}}:\d\d(?: ?{AMPM})?|(?:\d{{1,2}}|{NUMWORD}) ?{AMPM}|noon|midnight|\d{{1,2}}(?= (?:tonight|tomorrow|today)))"
         rf",? (?:on )?(?P<d2>{_DAYPHRASE})",
         _day_and_clock, "a clock time and the day it falls on are one TIMEX3", "Friday at 8 pm; 9:15 am tomorrow"),
    Rule("holiday", rf"(?:(?P<part>morning|afternoon|evening|night) of )?(?:(?P<which>this|next|last|the) )?"
         rf"(?P<name>{HOLIDAY_PATTERN})(?: (?:of |in )?(?P<y>{YEAR}|this year|next year|last year))?",
         _holiday, "holidays with a computable date (fixed, Easter-based, n-th weekday)", "Thanksgiving 2023"),
    Rule("nth weekday of month", rf"(?:the )?(?P<n>{ORD}|last) (?P<wd>{WD}) (?:of|in) (?P<mon>{MON})(?:,? (?P<y>{YEAR}))?",
         _nth_weekday_of_month, "the n-th weekday of a month is a calendar day", "the first Tuesday of October"),
    Rule("in a named month", rf"(?:the )?(?P<n>{ORD}|\d{{1,2}}|last)(?: (?P<wd>{WD})| day)? (?:of|in) (?P<which>this|"
         r"the|the current|current|last|the last|the previous|previous|next|the next|the following) month",
         _in_named_month, "a day or n-th weekday of this, last or next month", "the first Monday of next month"),
    Rule("nth week of month", rf"(?:the )?(?P<n>{ORD}|last) (?:(?P<we>week ?-?end|wkend)|week) (?:of|in) (?P<mon>{MON})"
         rf"(?:,? (?P<y>{YEAR}))?", _nth_week_of_month, "a week counted within a month is an ISO week",
         "the last weekend of October"),
    Rule("last week of year", rf"(?:the )?last week of (?P<y>{YEAR}|this year|next year|last year)", _last_week_of_year,
         "the last week of a year is its last ISO week", "the last week of 2019"),
    Rule("quarter", rf"(?:the )?(?:(?P<q>{ORD}) (?:quarter|qtr)|q(?P<qn>[1-4]))(?:,? (?:of )?(?P<y>{YEAR}|this year|"
         rf"next year|last year))?|(?P<y2>{YEAR}) q(?P<qn2>[1-4])", lambda m, c: _quarter_any(m, c),
         "a numbered quarter of a year", "the 4th quarter of 2018"),
    Rule("weekday the ordinal", rf"(?P<wd>{WD}),? (?:the )?(?P<d>\d{{1,2}}(?:st|nd|rd|th)|(?<=the ){_ORD_WORD_RE})"
         r"(?! (?!(?:and|or|at|in|on|of|to|for|when)\b)[a-z])", _weekday_the_ordinal,
         "a weekday with a day of the month fixes the month", "Friday the 24th"),
    Rule("ordinal of month", rf"(?:the )?(?P<d>{ORD}|\d{{1,2}})(?: day)? of (?P<mon>{MON})(?:,? (?P<y>{YEAR}))?"
         rf"|(?P<d2>\d{{1,2}}(?:st|nd|rd|th)) (?P<mon2>{MON})(?:,? (?P<y2>{YEAR}))?",
         _ordinal_of_month, "a spelled or numbered day of a month", "the fourth of June"),
    Rule("month the ordinal", rf"(?P<mon>{MON}) (?P<the>the )?(?P<d>{ORD})(?:,? (?P<y>{YEAR}))?", _month_the_ordinal,
         "a month followed by an ordinal day", "March the 2nd"),
    Rule("day month year slashed", rf"(?P<d>\d{{1,2}})[/-](?P<mon>{_MON})[/-](?P<y>{YEAR})", _day_month_year,
         "day, month name and year joined by slashes or hyphens", "12/Mar/1988"),
    Rule("month/day/year", r"(?P<mo>1[0-2]|0?[1-9]) ?/ ?(?P<d>3[01]|[12]\d|0?[1-9]) ?/ ?(?P<y>\d{4}|\d{2})(?![/\d])",
         _md_slash, "a numeric date in American order", "4/9/2016"),
    Rule("month/year", rf"(?P<mo>1[0-2]|0?[1-9])/(?P<y>{YEAR})(?![/\d])|(?P<y2>{YEAR})/(?P<mo2>1[0-2]|0?[1-9])(?![/\d])",
         lambda m, c: _month_slash_year_any(m, c), "a month and a year in digits", "11/2021"),
    Rule("month/day", r"(?P<mo>1[0-2]|0?[1-9]) ?/ ?(?P<d>3[01]|1[3-9]|2\d)(?![/\d])", lambda m, c: _md_any(m, c),
         "month/day without a year when the day is over 12 (2/3 is a fraction too)", "3/27"),
    Rule("on month/day", r"(?P<mo>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![/\d])", lambda m, c: _md_any(m, c),
         "after 'on' a month/day is a date also when the day is 12 or less", "on 6/4", before=r"\bon "),
    Rule("the ordinal", r"the (?P<d>\d{1,2}(?:st|nd|rd|th))(?! (?!(?:and|or|at|in|to|through|until|for)\b)[a-z])",
         _the_ordinal, "'the 28th' after a preposition of time is a day of the current month", "by the 28th",
         before=r"\b(?:on|by|until|till|since|before|after|from) "),
    Rule("decade", r"the (?:(?:early|mid|late)[- ])?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties"
         r"|nineties)|(?:the (?:(?:early|mid|late)[- ])?|(?:early|mid|late)[- ]|')'?(?P<dd>[2-9]0)'?s"
         r"|(?:the )?(?:(?:early|mid|late)[- ])?(?P<c>1[5-9]|20)(?P<dd2>\d)0'?s",
         lambda m, c: _decade_any(m, c), "a decade named by words or digits", "the mid-90s"),
    Rule("decade BC", r"(?:the )?(?:(?:early|mid|late)[- ])?(?P<d>\d{1,3})0s (?:bc|bce|b\.c\.?)(?![a-z])",
         lambda m, c: ("DATE", f"BC{int(m['d']):03d}"), "a decade before Christ (TimeML: BC054 for the 540s BC)",
         "the 540s BC"),
    Rule("century", rf"(?:the )?(?:(?:early|mid|late)[- ])?(?P<n>{ORD}) century(?: (?P<bc>bc|bce|b\.c\.?))?",
         _century, "a century, before or after Christ (TimeML: BC01 for the 2nd century BC)", "the 2nd century BC"),
    Rule("year BC", rf"(?:(?P<mon>{MON}) )?(?P<y>\d{{1,4}}) ?(?:bc|bce|b\.c\.?)(?![a-z])", _year_bc,
         "a year before Christ (TimeML: BC0312)", "312 BC"),
    Rule("span of years BC", r"(?P<a>\d{1,4}) ?[-–] ?(?P<b>\d{1,4}) ?(?:bc|bce|b\.c\.?)(?![a-z])", _years_bc,
         "'520-515 BC': a span of years before Christ, counted down (split into its two years as a range)",
         "rebuilt in 520-515 BC"),
    Rule("weekdays from now", rf"(?P<n>\d+|{NUMWORD}) (?P<wd>{WDS}) (?P<rel>from now|hence|ago|back)",
         _weekdays_from_now, "the n-th such weekday ahead of or before the reference", "four Saturdays from now"),
    Rule("weekday of a week", rf"(?P<wd>{WD}) (?:of |from |in )?(?P<which>this|next|last|previous|the following|"
         r"the previous) week", _weekday_of_week, "a weekday of a named week", "Thursday of this week"),
    Rule("weekday after a told day", rf"the (?:next|following) (?P<wd>{WD})(?: (?P<part>morning|afternoon|evening|night))?",
         _weekday_following, "'the following Monday' is the first Monday after the day told before, as 'the "
         "previous Wednesday' is the last one before it", "the following Monday"),
    Rule("weekday modified", rf"(?P<mod>this coming|the coming|this upcoming|the previous|this past) (?P<wd>{WD})|"
         rf"(?P<wd2>{WD}) (?P<mod2>after next)", lambda m, c: _weekday_modified_any(m, c),
         "a weekday with a direction word", "this coming Monday; Monday after next"),
    Rule("upcoming units", r"(?:the )?(?:(?P<n>\d+|" + NUMWORD + r") )?(?:upcoming|coming) (?:(?P<n2>\d+|" + NUMWORD
         + r") )?(?P<u>days?|weeks?|months?|quarters?|years?)", _upcoming,
         "'the coming week' is the next one, 'two upcoming weeks' the one after it", "the coming week"),
    Rule("relative day", r"the (?P<which>next|following|previous|preceding|same) (?P<u>day|morning|afternoon|evening|night"
         r"|week|month|year)",
         _relative_day, "a day counted from the last date of the text", "the next morning"),
    Rule("month of that year", rf"(?P<mon>{MON})(?: (?P<d>\d{{1,2}}))? of (?:that|the same) year", _of_that_year,
         "a month 'of that year' takes the year of the date told before", "March of that year"),
    Rule("that day", r"(?:that|the) (?:same |very )?(?P<u>day|month|year)(?<!the day)(?<!the month)(?<!the year)",
         _that_day, "'that same day', 'that year': the date told before", "that same day"),
    Rule("part of a unit", r"the (?:very )?(?:end|start|beginning|middle|latter part|early part|rest|remainder|close) of "
         r"(?P<which>the|that|this) (?P<u>year|month)", _part_of_unit,
         "a part of 'the year' is a date in that year, not a duration", "by the end of the year"),
    Rule("season and year", rf"(?:the )?(?P<s>spring|summer|fall|autumn|winter),? (?:of )?(?P<y>{YEAR})", _season_year,
         "a season with its year", "summer 2007"),
    Rule("half of a year", rf"(?:the )?(?P<w>first|second|latter|former|last|1st|2nd) half of (?:(?P<y>{YEAR})|"
         r"(?P<ref>the year|this year|that year|last year|next year)|(?P<dec>the (?:1[0-9]|20)?'?\d0'?s))", _half_year,
         "a half of a year (TimeML H1, H2), of the year told or of a decade", "the second half of the year"),
    Rule("day after tomorrow", r"(?:the )?day (?P<rel>after) tomorrow|(?:the )?day (?P<rel2>before) yesterday",
         lambda m, c: _day_after_tomorrow_any(m, c), "two days from the reference", "the day after tomorrow"),
    Rule("clock military hours", r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d) ?(?:hours|hrs|hr)\b", _clock_military,
         "four digits with 'hours' after a preposition is a 24-hour clock time, also 19xx and 20xx", "by 1930 hours",
         before=r"\b(?:at|by|until|till|from|since|before|around|about|approximately) "),
    Rule("fraction of a unit", rf"(?:(?P<w>\d+|{NUMWORD}) and )?(?P<f>(?:a |an |one )?(?:half|quarter|three quarters?|two "
         r"quarters?)|1/2|1/4|3/4) ?(?:an? |of an? |of )?(?P<u>hours?|h|days?|minutes?|mins?)",
         _fraction_of_unit, "a fraction of a unit is a duration", "two and a quarter hours"),
    Rule("duration range", rf"(?P<a>\d+|{NUMWORD}) (?:to|or|-) (?P<b>\d+|{NUMWORD}) (?P<u>{UNIT_RE})",
         lambda m, c: _duration_range(m["u"]),
         "a range of amounts of one unit is a duration of unknown length", "two to three weeks"),
    Rule("compound duration", rf"{AMOUNT} ?{UNIT_RE}(?:(?:,| and|, and)? ?{AMOUNT} ?{UNIT_RE})+"
         rf"|{AMOUNT} (?:hours?|hrs?|years?)(?: and)? (?:\d+|{NUMWORD})(?! ?[a-z0-9])"
         rf"|(?:\d+|{NUMWORD}) (?:more|extra|additional|less|fewer) {UNIT_RE}|(?:\d+ ?|(?:{NUMWORD}|an?) )(?:mins?|secs?|hrs?)\b"
         rf"|{AMOUNT} {UNIT_RE} and (?:a |an )?half|(?:\d+|{NUMWORD}|an?) {_FRACTION} {UNIT_RE}|\d+\.\d+ ?{UNIT_RE}",
         _compound_duration, "durations of several units, fractions, decimals and abbreviations",
         "three hours and 20 minutes; two and a half years"),
    Rule("clock hh:mm", rf"(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?: ?(?P<ap>{AMPM}))?",
         _clock_hhmm, "a clock time in digits", "4:23 am"),
    Rule("clock European h", r"(?P<h>[01]?\d|2[0-3])h(?P<m>[0-5]\d)?(?![a-z])", _clock_military_h,
         "the European 17h45: hours, the letter h, minutes", "17h45"),
    Rule("clock past/to", rf"(?P<n>a quarter|quarter|half|\d{{1,2}}|{NUMWORD})(?: minutes?)? (?P<rel>past|after|to|till)"
         rf" (?P<hour>noon|midnight|\d{{1,2}}|{NUMWORD})(?: ?(?P<ap>{AMPM}))?", _clock_past_to,
         "minutes before or after an hour", "a quarter past 8 pm; half past noon"),
    Rule("clock in words", rf"(?P<h>{_SMALL}) (?P<m>(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|"
         rf"seven|eight|nine))?|fifteen|ten|five) ?(?P<ap>{AMPM})", _clock_spelled,
         "an hour and minutes in words with am/pm", "eight fifteen p.m."),
    Rule("clock half", rf"half (?P<h>\d{{1,2}}|{NUMWORD})(?: ?(?P<ap>{AMPM}))?", _clock_half,
         "British 'half seven' is 7:30", "half seven"),
    Rule("clock hour am/pm", rf"(?P<h>\d{{1,2}}|{NUMWORD})(?::(?P<m>\d\d))? ?(?P<ap>{AMPM})(?=$|[\s,;)])|"
         rf"(?P<h2>\d{{1,2}}|{NUMWORD}) o'?clock", lambda m, c: _clock_h_any(m, c), "an hour with am/pm or o'clock",
         "ten PM; 8 o'clock"),
    Rule("clock at military", rf"(?P<h>0\d|1[0-8]|2[1-3])(?P<m>[0-5]\d)(?!\d| ?(?!{_AFTER_CLOCK})[a-z%])", _clock_military,
         "'at 0930', 'at 1145' is a 24-hour clock time; 19xx and 20xx after 'at' may be years and need 'hours'",
         "at 0930", before=r"\bat "),
    Rule("at the time", r"the time(?=\s*[.,;:)]|$)", lambda m, c: ("DATE", "PAST_REF"),
         "'at the time' closing a clause points back to the time of the events told", "failed to see it at the time.",
         before=r"\bat "),
    Rule("rate per unit", r"an? (?P<u>hour|day|week|month|year)(?! (?:after|before|later|ago|earlier)\b)", _rate,
         "an amount 'a day', 'a year' is a rate: a set, once each such unit (TimeML SET P1D); not an offset "
         "('5% a day after the report')", "earns $4 million a year",
         before=r"(?:\d|%|\b(?:hundred|thousand|million|billion|trillion|percent|dollars|cents)) "),
    Rule("noon, midnight", r"noon|midnight|mid-? ?day", _noon, "noon and midnight are clock times", "until midnight"),
    Rule("at the moment", r"the moment|this time|present", lambda m, c: ("DATE", "PRESENT_REF"),
         "'at the moment', 'at this time', 'at present' mean now", "is closed at the moment", before=r"\bat "),
    Rule("clock in a part of day", rf"(?P<h>\d{{1,2}}|{NUMWORD})(?::(?P<m>\d\d))?(?: o'?clock)? (?:in the (?P<part>morning|"
         r"afternoon|evening|night)|(?P<tonight>tonight))", _clock_in_part_of_day,
         "an hour with a part of day: '6 in the evening' is 18:00", "at 6 in the evening"),

    # ---- everyday forms (issue 14): abbreviations, numeric dates, clock times on dated days,
    # seasons and weekends of the reference, weeks and days counted back, shifts from a dated day
    Rule("weekday abbreviation", r"(?P<wd>tues?|thu(?:rs?)?|fri|mon|wed|sat|sun)(?P<dot>\.)?", _weekday_abbreviation,
         "'Thurs', 'Tues.' are weekdays; Sat, Sun, Wed only with a capital and a period", "see you Thurs"),
    Rule("past unit", r"the (?:past|last) year", _past_unit, "'the past year' (no count) names the year before "
         "the reference, not a stretch; not 'the last year of' a reign", "over the past year", not_after=r" of\b"),
    Rule("previous unit", r"the (?P<which>previous|preceding|prior) (?P<u>week|month|year)", _unit_from_told,
         "'the previous year' is the year before the date told before (or before the reference), as "
         "'the year before' is", "the previous month"),
    Rule("unit of the reference", r"(?:the )?(?P<which>current|this|next|last|previous) (?P<u>yr|qtr|year|quarter|month|week)",
         _unit_of_reference, "'qtr' and 'yr' abbreviate quarter and year; 'the current quarter' is this one", "previous qtr"),
    Rule("following unit", r"the (?P<which>following) (?P<u>week|month|year)", _unit_from_told,
         "'the following month' is the month after the date told before (or after the reference)", "the following month"),
    Rule("quarter compact", rf"(?P<y>{YEAR}) ?q(?P<q>[1-4])|(?P<yy>\d\d)q(?P<q2>[1-4])", _quarter_compact,
         "a year and a quarter run together ('2027Q2', '27q2')", "2027Q2"),
    Rule("numeric date with dashes or dots", r"(?P<a>\d{1,2})(?P<sep>[-.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|(?<=-)\d\d)",
         _numeric_date, "day, month and year in digits joined by dashes or dots", "11-23-1961"),
    Rule("ISO date without zeros", rf"(?<!=\")(?P<y>{YEAR})-(?P<mo>1[0-2]|0?[1-9])-(?P<d>3[01]|[12]\d|0?[1-9])(?![<>\"])",
         _iso_loose,
         "an ISO date may drop leading zeros", "2021-7-4"),
    Rule("ISO year-month", rf"(?<!=\")(?P<y>{YEAR})-(?P<mo>0[1-9]|1[0-2])(?![<>\"])", _iso_month,
         "year-month in ISO form is a month, unless it reads as a fiscal year", "2019-07"),
    Rule("day-month-two-digit year", rf"(?P<d>\d{{1,2}})[-/](?P<mon>{_MON})[-/](?P<y>\d\d)", _day_mon_yy,
         "day, month name and a two-digit year joined by dashes", "9-Jun-88"),
    Rule("month name and day", rf"(?<!=\")(?:(?P<wd>{WD}),? )?(?P<mon>{MON}) ?(?P<d>[0-3]?\d)(?!\d|:|[.,]\d|st|nd|rd|th|\s*(?:%|percent))"
         rf"(?:,? (?P<y>{YEAR})|,? (?P<wd2>{WD}))?(?![<>\"])", _month_number_day,
         "a capitalised month with a day number; a weekday with it picks the year", "Tue, Sep 21"),
    Rule("dated day and clock time", rf"(?P<d1>{_DATED_DAY}),? (?:at |@ ?|for )?(?P<c1>{_DATED_CLOCK})|"
         rf"(?:at |@ ?|by )?(?P<c2>{_DATED_CLOCK})(?: {_ZONE})?,? (?:on |for )?(?P<d2>{_DATED_DAY})", _dated_day_and_clock,
         "a clock time (with its time zone) and a dated day, holiday or numeric date are one TIMEX3",
         "at 6:45 PM on Tue, Sep 21; 5 p.m. EDT, May 19"),
    Rule("clock with a letter", r"(?P<h>1[0-2]|0?[1-9]):(?P<m>[0-5]\d)(?P<ap>[ap])\.?", _clock_letter,
         "a or p after the minutes stands for am or pm", "5:40p"),
    Rule("hour with a letter", r"(?P<h>1[0-2]|0?[1-9])(?P<ap>[ap])\.?", _clock_letter,
         "'at 5p': an hour with a or p after 'at'", "at 5p", before=r"\bat "),
    Rule("run-together clock", rf"(?P<h>1[0-2]|0?[1-9])(?P<m>[0-5]\d) ?(?P<ap>{AMPM})", _clock_run_together,
         "hour and minutes without a colon before am/pm", "845 pm"),
    Rule("run-together clock in a part of day", r"(?P<h>1[0-2]|0?[1-9])(?P<m>[0-5]\d) in the (?P<part>morning|afternoon|"
         r"evening|night)", _clock_run_together, "hour and minutes without a colon in a part of day", "645 in the evening"),
    Rule("clock about military", r"(?:(?<=around )|(?<=about )|(?<=approximately )|^(?:(?:around|about|approximately) )?)"
         r"(?P<h>0\d|1[0-2])(?P<m>[0-5][1-9]|[1-5]0|(?<=0\d)00)"
         rf"(?!\d| ?(?!{_AFTER_CLOCK}|{_AFTER_CLOCK_TOO})[a-z%])", _clock_about,
         "'around 0945': a 24-hour clock time with a leading zero after around/about (1000 on may be a year)", "around 0945"),
    Rule("clock -ish", rf"(?P<h>\d{{1,2}}|{NUMWORD})ish(?: ?(?P<ap>{AMPM}))?", _clock_ish,
         "'sixish', '4ish pm': an approximate hour", "sixish"),
    Rule("part of day -ish", r"(?:(?P<day>today|tomorrow|yesterday) )?(?P<part>morning|afternoon|evening)ish", _part_of_day_ish,
         "'tomorrow eveningish': an approximate part of a day", "tomorrow eveningish"),
    Rule("days ahead at a clock time", rf"(?P<n>\d+|{NUMWORD}|an?) (?P<u>days?|weeks?) at (?P<t>{_DATED_CLOCK})",
         _days_ahead_at, "'in three days at noon' is a point in time: the day ahead at that hour", "in three days at noon",
         before=r"\bin "),
    Rule("clock in words after at", r"(?P<h>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?P<m>(?:twenty"
         r"|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|fifteen|ten|five)", _clock_words_at,
         "'at four forty': hour and minutes in words after 'at'", "at four forty", before=r"\bat "),
    Rule("clock this part of day", rf"(?P<h>\d{{1,2}}|{NUMWORD})(?::(?P<m>[0-5]\d))?(?: ?o'?clock)? this (?P<part>morning|"
         rf"afternoon|evening)|(?:this|in the|the) (?P<part2>morning|afternoon|evening|night),? at (?P<h2>\d{{1,2}}|{NUMWORD})"
         r"(?::(?P<m2>[0-5]\d))?(?!\s*[a-z%$])", _clock_this_part, "an hour with a part of today", "7 this evening"),
    Rule("units from a day", rf"(?P<n>\d+|{NUMWORD}|an?) (?P<u>days?|weeks?|months?|years?) from (?P<day>today|tomorrow|"
         r"yesterday)", _units_from_day, "counted from a named day, so a day", "two weeks from tomorrow"),
    Rule("season of the reference", r"(?P<which>this past|this coming|the coming|the current|this|current|last|next) "
         r"(?P<s>spring|summer|fall|autumn|winter|season)", _season_of_reference,
         "seasons counted from the one holding the reference; a winter is that of its December", "the current winter"),
    Rule("weekend of the reference", r"(?P<which>this past|this coming|the coming|this|last|next) week[- ]?end",
         _weekend_of_reference, "'this past week-end' is the last one, 'this coming weekend' the next",
         "this coming weekend"),
    Rule("week of a date", rf"the week of (?P<day>{_DAY_PHRASE})", _week_of_date,
         "'the week of May 4' is the ISO week holding that day (any phrase naming one day)", "the week of May 4"),
    Rule("nth last day of month", rf"(?:the )?(?:(?P<n>{ORD})(?:[- ]to)?[- ])?last day (?:of|in) (?P<mon>{MON})"
         rf"(?:,? (?P<y>{YEAR}))?", _nth_last_day, "days counted back from the end of a month", "the last day of June 2026"),
    Rule("nth last week", rf"(?:the )?(?P<n>{ORD})(?:[- ]to)?[- ]last week (?:of|in) (?:(?P<mon>{MON})(?:,? (?P<y>{YEAR}))?"
         rf"|(?P<y2>{YEAR}))", _nth_last_week, "ISO weeks counted back from the last of a month or year",
         "the second last week of 2026"),
    Rule("date with a part of day", rf"(?P<day>{_DATE_WORDS}) in the (?P<part>morning|afternoon|evening|night)|"
         rf"(?:(?:early|late) )?(?:in )?(?:the )?(?:(?:early|late|mid-?) ?)?(?P<part2>morning|afternoon|evening|night)"
         rf"(?: hours)? of (?P<day2>{_DAY_PHRASE})",
         _date_part_of_day,
         "a part of a dated day (any phrase naming one day) is one TIMEX3 (TimeML 2026-06-03TEV)", "the evening of June 3"),
    Rule("days from a dated day", rf"(?P<n>\d+|{NUMWORD}|an?) (?P<u>days?|weeks?) (?P<rel>after|before) (?P<day>{_ANCHOR_DAY})",
         _shift_from_day, "a count of days or weeks from a holiday or a date", "two days before Christmas"),
    Rule("nth weekday from a dated day", rf"(?:the )?(?P<n>{ORD}) (?P<wd>{WD}) (?P<rel>after|before) (?P<day>{_ANCHOR_DAY})",
         _nth_weekday_from_day, "the n-th such weekday after or before a holiday or a date", "the first Monday after Easter"),
    Rule("ides", rf"the ides of (?P<mon>{MON})(?:,? (?P<y>{YEAR}))?", _ides,
         "the Roman ides: the 15th of March, May, July, October, else the 13th", "the ides of May"),
    Rule("year AD", r"(?P<y>\d{1,4}) ?(?-i:AD|A\.D\.?|CE|C\.E\.?)(?![a-z])|(?-i:AD|A\.D\.) (?P<y2>\d{1,4})", _year_ad,
         "a year of the common era", "AD 1066"),
    Rule("month after next", rf"(?P<mon>{MON}) after next", _month_after_next, "the month after the coming one",
         "June after next"),
    Rule("minutes from a clock time", rf"(?P<n>\d+|{NUMWORD}) minutes? (?P<rel>from|after|to|before) (?P<t>\d{{1,2}}"
         rf"(?::[0-5]\d)? ?{AMPM}|noon|midnight)(?: (?P<day>today|tomorrow|tonight))?", _clock_from_clock,
         "minutes counted from a clock time", "ten minutes before 6 pm"),
    Rule("night of two days", rf"the night of (?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? ?(?:[-–/]|to) ?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
         rf" (?:of )?(?P<mon>{MON})(?:,? (?P<y>{YEAR}))?|(?P<mon2>{MON}) (?P<e1>\d{{1,2}}) ?(?:[-–/]|to) ?(?P<e2>\d{{1,2}})"
         rf"(?:,? (?P<y2>{YEAR}))?)", _night_of_two_days,
         "'the night of 9-10 June' is one night, which begins on the first day (TimeML 2026-06-09TNI)",
         "the night of 9-10 June"),
    Rule("weekday of a week's", rf"(?P<which>this|next|last) week'?s (?P<wd>{WD})", _weekday_of_week,
         "'last week's Tuesday' is the Tuesday of last week", "last week's Tuesday"),
]


# ---------------------------------------------------------------- ranges and lists
# TimeML marks each end of a range or each member of a list as its own TIMEX3 ("October 21 and
# 22" is two); the part that names less borrows the month, year or am/pm of the part that names it.

_SEP = r"(?: ?[-–] ?| (?:to|through|thru|until|till|and|or|&) )"
_WD_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NOT_COUNTED = r"(?!\s*(?:%|percent|per\b|" + UNIT_RE[3:-1] + r"))"


@dataclass(frozen=True)
class RangeRule:
    """A range or list of time expressions: ``pattern`` has groups ``a``, ``b`` and maybe ``mid``
    (the parts' extents, in text order); ``phrases(match)`` gives the phrase each part stands for,
    or None."""

    name: str
    pattern: str
    phrases: Callable[[re.Match], tuple[str, ...] | None]
    reason: str
    example: str


def _capital(word: str) -> bool:
    return word[:1].isupper()  # a month name is written with a capital ("may 2 and 3" is a verb)


def _year_suffix(m: re.Match) -> str:
    return f" {m['y']}" if m["y"] else ""


def _days_of_month(m: re.Match) -> tuple[str, ...] | None:
    """'Oct 21 and 22', '16 to 18 July': one phrase per day, each with the month (and year); None unless
    the month is capitalised and the days rise within 1-31."""
    days = [int(d) for g in ("da", "mid", "db") if m.re.groupindex.get(g) and m[g] for d in re.findall(r"\d+", m[g])]
    if not (_capital(m["mon"]) and 1 <= days[0] and days == sorted(set(days)) and days[-1] <= 31):
        return None
    mon, y = m["mon"].rstrip("."), _year_suffix(m)
    return tuple(f"{mon} {d}{y}" if m.start("mon") < m.start("da") else f"{d} {mon}{y}" for d in days)


def _clock_range(m: re.Match) -> tuple[str, str] | None:
    h1, h2 = int(m["h1"]), int(m["h2"])
    if not (1 <= h1 <= 12 and 1 <= h2 <= 12) or h1 == h2:
        return None
    t1, t2 = f"{h1}:{m['m1'] or '00'}", f"{h2}:{m['m2'] or '00'}"
    if m["part"]:
        return f"{h1} in the {m['part']}", f"{h2} in the {m['part']}"
    ap = m["ap"].lower().replace(".", "")[:1]
    # "11 to 1 pm", "10 to 12 pm": the first hour lies before noon
    ap1 = ("a" if ap == "p" else "p") if (h1 > h2 and h1 != 12) or (h2 == 12 and h1 != 12) else ap
    return f"{t1} {ap1}m", f"{t2} {ap}m"


def _year_range(m: re.Match) -> tuple[str, str] | None:
    a, b = m["a"], m["b"]
    if len(b) == 2:
        if re.fullmatch(r"[-–]", m["sep"].strip()) is None or int(b) <= 12:
            return None  # "2001-03" may be March 2001; a two-digit end needs a plain dash
        b = a[:2] + b
    return (a, b) if int(a) < int(b) <= int(a) + 100 else None


def _years_listed(m: re.Match) -> tuple[str, ...] | None:
    years = [m["a"], *re.findall(r"\d{4}", m["mid"]), m["b"]]
    return tuple(years) if len(set(years)) == len(years) else None


def _years_bc_range(m: re.Match) -> tuple[str, str] | None:
    a, b = int(m["a"]), int(m["b_y"])
    return (f"{m['a']} {m['bc']}", m["b"]) if b < a <= b + 100 else None


def _months_of_year(m: re.Match) -> tuple[str, str] | None:
    if not (_capital(m["a"]) and _capital(m["mon2"])) or _month(m["a"]) == _month(m["mon2"]):
        return None
    return f"{m['a'].rstrip('.')} {m['y']}", f"{m['mon2'].rstrip('.')} {m['y']}"


def _weekdays(m: re.Match) -> tuple[str, str] | None:
    if m["a"].lower() == m["wd2"].lower():
        return None
    return m["a"] + (m["pod"] or ""), m["b"]


_DAY_LIST = r"\d{1,2}(?:st|nd|rd|th)?(?:, \d{1,2}(?:st|nd|rd|th)?)*"  # the middle of a list: '2, 3, 4'

RANGES: list[RangeRule] = [
    RangeRule("month day list", rf"(?P<a>(?P<mon>{MON}) (?P<da>\d{{1,2}}(?:st|nd|rd|th)?)), (?P<mid>{_DAY_LIST}),?"
              rf" (?:and|or|&) (?P<b>(?P<db>\d{{1,2}}(?:st|nd|rd|th)?)(?:,? (?P<y>{YEAR}))?){_NOT_COUNTED}", _days_of_month,
              "each day of a list of three or more borrows the month (and year) of the first", "May 1, 2 and 3"),
    RangeRule("day list month", rf"(?P<a>(?P<da>\d{{1,2}})(?:st|nd|rd|th)?), (?P<mid>{_DAY_LIST}),? (?:and|or|&) "
              rf"(?P<b>(?P<db>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{MON})(?:,? (?P<y>{YEAR}))?)", _days_of_month,
              "each day of a list of three or more borrows the month (and year) of the last", "the 2nd, 9th and 16th of May"),
    RangeRule("month day and day", rf"(?P<a>(?P<mon>{MON}) (?P<da>\d{{1,2}}(?:st|nd|rd|th)?)){_SEP}(?P<b>(?P<db>\d{{1,2}}(?:st|nd|rd|th)?)"
              rf"(?:,? (?P<y>{YEAR}))?){_NOT_COUNTED}", _days_of_month,
              "the second day of a range or list borrows the month (and year) of the first", "Oct 21 and 22"),
    RangeRule("day and day month", rf"(?P<a>(?P<da>\d{{1,2}})(?:st|nd|rd|th)?){_SEP}(?P<b>(?P<db>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?"
              rf"(?P<mon>{MON})(?:,? (?P<y>{YEAR}))?)", _days_of_month,
              "the first day of a range or list borrows the month (and year) of the last", "16 to 18 July"),
    RangeRule("clock range", rf"(?P<a>(?P<h1>\d{{1,2}})(?::(?P<m1>[0-5]\d))?){_SEP}(?P<b>(?P<h2>\d{{1,2}})(?::(?P<m2>[0-5]\d))?"
              rf"(?: ?(?P<ap>{AMPM})| in the (?P<part>morning|afternoon|evening)))", _clock_range,
              "the first hour of a clock range borrows am/pm or the part of day of the last", "from 9 to 11 am"),
    RangeRule("list of years", rf"(?P<a>{YEAR}), (?P<mid>{YEAR}(?:, {YEAR})*),? (?:and|or|&) (?P<b>{YEAR}){_NOT_COUNTED}",
              _years_listed, "each year of a list of three or more is a year of its own", "in 1994, 1996 and 1999"),
    RangeRule("range of years BC", rf"(?P<a>\d{{1,4}})(?P<sep>{_SEP})(?P<b>(?P<b_y>\d{{1,4}}) ?(?P<bc>bce?|b\.c\.?))(?![a-z])",
              _years_bc_range, "the first year of a range before Christ is BC too (the larger number)", "611-584 BC"),
    RangeRule("year range", rf"(?P<a>{YEAR})(?P<sep>{_SEP})(?P<b>{YEAR}|\d\d)(?![-/]?\d){_NOT_COUNTED}", _year_range,
              "the end of a year range is a year of its own; '1990-95' borrows the century", "1990-95"),
    RangeRule("months of a year", rf"(?P<a>{MON}){_SEP}(?P<b>(?P<mon2>{MON}),? (?P<y>{YEAR}))", _months_of_year,
              "the first month of a range borrows the year of the last", "March to May 2003"),
    RangeRule("weekday and weekday", rf"(?P<a>{_WD_FULL}){_SEP}(?P<b>(?P<wd2>{_WD_FULL})(?P<pod> (?:morning|afternoon|evening|night)s?)?)",
              _weekdays,
              "two weekdays joined by 'and' or 'to' are two dates; the first borrows the part of day of the last",
              "Monday and Tuesday; Friday and Saturday nights"),
]
_RANGES = [(rule, re.compile(rf"(?<![\w/:.-])(?:{rule.pattern})(?![\w/:-]|\.\d)", re.I)) for rule in RANGES]
# every range holds a digit or weekday, a separator and another (or a month, a separator, a month and a year)
_RANGE_NEEDS = re.compile(rf"(?:\d|day)(?:st|nd|rd|th)?,?{_SEP}(?:\d|\w+day)|[a-z]\.?{_SEP}[a-z]+\.?,? \d", re.I)
RANGE_NAMES = [rule.name for rule in RANGES]
_FULL_MONTHS = {_dt.date(2000, k, 1).strftime("%B").lower() for k in range(1, 13)}


def _sentence_stop(part: str) -> int:
    """1 when the final period of ``part`` ends the sentence ("18 July.", "1 pm."), not an abbreviation."""
    last = part[:-1].split()[-1].lower() if part.endswith(".") and len(part) > 1 else ""
    return int(last in _FULL_MONTHS or bool(re.fullmatch(r"\d*[ap]m", last)))


def _part_bounds(m: re.Match) -> list[tuple[int, int]]:
    """(start, end) of each part of a range match: ``a``, each comma-separated item of ``mid``, ``b``."""
    bounds = []
    for g in ("a", "mid", "b"):
        if not (m.re.groupindex.get(g) and m[g]):
            continue
        if g == "mid":
            bounds += [(m.start(g) + x.start(), m.start(g) + x.end()) for x in re.finditer(r"[^,\s](?:[^,]*[^,\s])?", m[g])]
        else:
            bounds.append((m.start(g), m.end(g) - (g == "b" and _sentence_stop(m[g]))))
    return bounds


def split_ranges(text: str, disabled: Iterable[str] = ()) -> list[tuple[tuple[tuple[int, int, str], ...], str]]:
    """Ranges and lists of time expressions in ``text``: per match its parts as ``(start, end,
    phrase)`` in text order (``phrase`` is what the part stands for: "22" in "Oct 21 and 22"
    stands for "Oct 22") and the rule name; the first rule to match a place wins."""
    off = set(disabled)
    found: list[tuple[tuple[tuple[int, int, str], ...], str]] = []
    taken: list[tuple[int, int]] = []
    for a, b in _near(_RANGE_NEEDS, text):
        for rule, pattern in _RANGES:
            if rule.name in off:
                continue
            for m in pattern.finditer(text, a, b):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                phrases = rule.phrases(m)
                if phrases is not None:
                    taken.append((m.start(), m.end()))
                    found.append((tuple((s, e, p) for (s, e), p in zip(_part_bounds(m), phrases, strict=True)), rule.name))
    return sorted(found)


_PROBE = Ctx(_dt.date(2000, 1, 3), "", "2000-01-03", lambda phrase: ("DATE", "2000-01-03"))
_COMPILED = [(rule, re.compile(rf"(?<![\w/:.-])(?:{rule.pattern})(?![\w/:-]|\.\d)", re.I)) for rule in RULES]
_WHOLE = [(rule, re.compile(rf"(?:{rule.pattern})", re.I)) for rule in RULES]
RULE_NAMES = [rule.name for rule in RULES]


def rule_value(phrase: str, ctx: Ctx, disabled: Iterable[str] = ()) -> tuple[str, str, str, str] | None:
    """``(type, value, rule name, anchor)`` of the first rule matching ``phrase`` whole, else None;
    ``anchor`` is 'previous timex' when the builder counted from ``ctx.last``, else ''."""
    off = set(disabled)
    for rule, pattern in _WHOLE:
        if rule.name in off or (rule.before and not re.search(rf"(?:{rule.before})$", ctx.preceding, re.I)) \
                or (rule.not_after and re.match(rule.not_after, ctx.following, re.I)):
            continue
        m = pattern.fullmatch(phrase)
        if m:
            out = rule.build(m, ctx)
            if out is not None:
                return out[0], out[1], rule.name, out[2] if len(out) > 2 else ""
    return None


# every rule's match holds one of these: rules are only run in windows around them (speed)
_HOLIDAY_WORDS = sorted({w for p, _ in [(HOLIDAY_PATTERN, 0)] for w in re.findall(r"[a-z]{4,}", p)})
_TRIGGER = re.compile(
    r"\d[:/]\d|\d{1,2}h\b|\d{1,2}h\d\d|\d ?[ap]\.?m\b|\d(?:st|nd|rd|th)\b|\d ?(?:bc|bce|b\.c)\b|\d0'?s\b|"
    r"\bq[1-4]\b|\bat \d{3,4}\b|\d{4} ?hrs?\b|\b(?:1[5-9]|20)\d\d\b|\d (?:past|to|till|after) \d|\b(?:"
    + "|".join([_MON, "(?:mon|tues|wednes|thurs|fri|satur|sun)day", _ORD_WORD_RE[3:-1], UNIT_RE[3:-1],
                DAYPART[3:-1], "week|day|month|year|noon|midnight|half|quarter|qtr|time|tomorrow|today|yesterday|"
                "coming|upcoming|o'?clock|centur|mlk|eve", "|".join(_DECADE_WORDS), *_HOLIDAY_WORDS]) + ")", re.I)
_WINDOW = 60


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around any time word (see :func:`_near`)."""
    return _near(_TRIGGER, text)


_WD_BARE = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)"
_WD_WORD = r"\b" + _WD_BARE
_NUMERIC_NEEDS = r"\d[-.]\d|\d ?q[1-4]\b|\d[-/][a-z]{3}"
_DAY_CLOCK_NEEDS = (r"\d ?[ap]\.?m\b|\b(?:" + _SMALL + r") [ap]\.?m\b|:\d\d|o'?clock|noon|midnight|\bat \d|@")
_CLOCK_NEEDS = (_DAY_CLOCK_NEEDS, r"\dh\b|\dh\d", r"\d{4} ?(?:hours|hrs|hr)\b")  # the triggers of older clock rules
_PART_NEEDS = r"in the (?:morning|afternoon|evening|night)|(?:morning|afternoon|evening|night)(?: hours)? of "
_UNITS = UNIT_RE[3:-1]
# a cheap regex that every match of a rule contains: the rule's full pattern runs only near its hits
NEEDS = {
    "day and clock time": _DAY_CLOCK_NEEDS,
    "holiday": r"\b(?:" + "|".join(_HOLIDAY_WORDS) + r"|mlk|xmas|eve)",
    "nth weekday of month": _WD_WORD, "weekday the ordinal": _WD_WORD, "weekday of a week": r"\bweek\b",
    "nth week of month": r"\bweek|wkend", "in a named month": r"\b(?:of|in) (?:this|the|current|last|previous|next|following)"
                                                              r" (?:current |last |previous |next |following )?month\b", "last week of year": r"\blast week of\b", "quarter": r"quarter|qtr|\bq[1-4]\b",
    "ordinal of month": r"\b(?:" + _MON + r")\b", "month the ordinal": r"\b(?:" + _MON + r")\b",
    "day month year slashed": r"\d[/-][a-z]", "month/day/year": r"\d ?/ ?\d", "month/year": r"\d/\d",
    "month/day": r"\d ?/ ?\d", "on month/day": r"\bon \d{1,2}/\d", "the ordinal": r"\d(?:st|nd|rd|th)\b", "decade": r"\d0'?s\b|ties\b",
    "decade BC": r"0s b\.?c", "century": r"centur", "year BC": r"\bb\.?c", "span of years BC": r"\bb\.?c", "weekdays from now": r"days (?:from now|hence|ago|back)",
    "weekday modified": r"\b(?:coming|upcoming|previous|past|after next)\b", "upcoming units": r"\b(?:coming|upcoming)\b",
    "relative day": r"\b(?:next|following|previous|preceding|same) (?:day|morning|afternoon|evening|night|week|month|year)\b",
    "day after tomorrow": r"day (?:after tomorrow|before yesterday)",
    "month of that year": r"of (?:that|the same) year", "that day": r"\b(?:that|same|very) (?:day|month|year)\b",
    "part of a unit": r"\bof (?:the|that|this) (?:year|month)\b", "season and year": r"(?:spring|summer|fall|autumn|winter),? (?:of )?\d",
    "half of a year": r"half of ",
    "fraction of a unit": r"\bhalf\b|quarter|\d/\d",
    "duration range": r"\b(?:to|or) \S+ (?:" + _UNITS + r")\b",
    "compound duration": r"(?:" + _UNITS + r")\b[ ,]+(?:and )?(?:\d|an?\b|" + _SMALL + r")|\d ?(?:mins?|secs?|hrs?)\b"
                         r"|\b(?:" + _SMALL + r"|an?) (?:mins?|secs?|hrs?)\b|\d\.\d+ ?(?:" + _UNITS + r")|(?:more|extra|additional|less|fewer) (?:" + _UNITS + r")|\bhalf\b",
    "clock hh:mm": r"\d:\d\d", "clock in words": r"\b[ap]\.?m\b", "clock European h": r"\dh\b|\dh\d", "clock half": r"\bhalf (?:\d|" + _SMALL + ")",
    "clock past/to": r"\b(?:past|after|to|till) (?:noon|midnight|\d|" + _SMALL + ")",
    "clock hour am/pm": r"[ap]\.?m\b|o'?clock", "clock at military": r"\bat \d{3,4}\b", "clock military hours": r"\d{4} ?(?:hours|hrs|hr)\b", "at the time": r"\bat the time\b",
    "rate per unit": r"\ban? (?:hour|day|week|month|year)\b",
    "noon, midnight": r"noon|midnight|mid-? ?day", "at the moment": r"\bat (?:the moment|this time|present)\b",
    "clock in a part of day": r"\bin the (?:morning|afternoon|evening|night)\b|tonight",
    # everyday forms (issue 14); rules that share a trigger share its string, so it is scanned once
    "weekday abbreviation": r"(?:tue|thu|fri|mon|wed|sat|sun)(?:s|rs?|\.)?\b",
    "unit of the reference": r"yr\b|qtr\b|current (?:year|quarter|month|week)",
    "following unit": r"the following (?:week|month|year)",
    "previous unit": r"the (?:previous|preceding|prior) (?:week|month|year)",
    "past unit": r"the (?:past|last) year\b",
    "weekday after a told day": r"\bthe (?:next|following) " + _WD_BARE,
    "quarter compact": _NUMERIC_NEEDS, "numeric date with dashes or dots": _NUMERIC_NEEDS,
    "ISO date without zeros": _NUMERIC_NEEDS, "ISO year-month": _NUMERIC_NEEDS, "day-month-two-digit year": _NUMERIC_NEEDS,
    "month name and day": r"\b(?:" + _MON + r")\b",  # the trigger of "ordinal of month", scanned once
    "dated day and clock time": _CLOCK_NEEDS, "clock with a letter": _DAY_CLOCK_NEEDS, "hour with a letter": _DAY_CLOCK_NEEDS,
    "run-together clock": _DAY_CLOCK_NEEDS, "days ahead at a clock time": _DAY_CLOCK_NEEDS,
    "minutes from a clock time": _DAY_CLOCK_NEEDS,
    "run-together clock in a part of day": _PART_NEEDS, "date with a part of day": _PART_NEEDS,
    "clock about military": r"(?:around|about|approximately) \d{4}\b", "clock -ish": r"ish\b", "part of day -ish": r"ish\b",
    "clock in words after at": r"at (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ",
    "clock this part of day": r"this (?:morning|afternoon|evening)|(?:morning|afternoon|evening|night),? at ",
    "units from a day": r"from (?:today|tomorrow|yesterday)",
    "season of the reference": r"(?:this|current|last|next|coming|past) (?:spring|summer|fall|autumn|winter|season)",
    "weekend of the reference": r"week[- ]?end", "week of a date": r"week of ",
    "nth last day of month": r"last day (?:of|in) ", "nth last week": r"last week (?:of|in) ",
    "days from a dated day": r"(?:days?|weeks?) (?:after|before) ", "nth weekday from a dated day": r"day (?:after|before) ",
    "ides": r"ides\b", "year AD": r" (?:ad|a\.d\.?|ce|c\.e\.?)(?![a-z])| (?:ad|a\.d\.) \d", "month after next": r"after next",
    "weekday of a week's": r"week'?s ", "night of two days": r"night of ",
}
# a rule may name several triggers (a tuple): it runs near any of them, and each is scanned once
# (a leading \b is dropped: the rules keep their own boundaries, and a literal start scans much faster)
_NEEDS = {p: re.compile(p[2:] if p.startswith("\\b") else p) for v in NEEDS.values()
          for p in (v if isinstance(v, tuple) else (v,))}  # on the lower-cased text


def _joined(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted windows with the overlapping ones joined."""
    out: list[list[int]] = []
    for a, b in windows:
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _near(needs: re.Pattern, text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` within ``_WINDOW`` characters of a hit of ``needs``, overlapping ones joined."""
    out: list[list[int]] = []
    for m in needs.finditer(text):
        a, b = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        if out and a <= out[-1][1]:
            out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def find_spans(text: str, disabled: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Character spans that some rule matches (the longest wins where matches overlap)."""
    off = set(disabled)
    found = []
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased: keep the offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    near: dict[str, list[tuple[int, int]]] = {}  # rules that share a cheap regex scan for it once
    for rule, pattern in _COMPILED:
        if rule.name in off:
            continue
        before = re.compile(rf"(?:{rule.before})$", re.I) if rule.before else None
        not_after = re.compile(rule.not_after, re.I) if rule.not_after else None
        needs = NEEDS.get(rule.name)
        for trigger in needs if isinstance(needs, tuple) else (needs,) if needs is not None else ():
            if trigger not in near:
                near[trigger] = _near(_NEEDS[trigger], low)
        if isinstance(needs, tuple) and needs not in near:
            near[needs] = _joined(sorted(w for trigger in needs for w in near[trigger]))
        for a, b in near[needs] if needs is not None else _windows(text):
            found += [(m.start(), m.end()) for m in pattern.finditer(text, a, b) if rule.build(m, _PROBE) is not None
                      and (before is None or before.search(text, max(0, m.start() - 12), m.start()))
                      and (not_after is None or not not_after.match(text, m.end()))]
    found.sort(key=lambda se: (se[0], -se[1]))
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s < out[-1][1]:
            if e > out[-1][1] and s == out[-1][0]:
                out[-1] = (s, e)
            continue
        out.append((s, e))
    return out


def rules_in(text: str) -> list[str]:
    """Names of the rules and range rules whose pattern occurs somewhere in ``text`` (in table
    order): the only rules whose switching off can change how ``text`` is tagged."""
    flat = re.sub(r"\s+", " ", text.replace("’", "'"))
    named = [rule.name for rule, pattern in _WHOLE if pattern.search(flat)]
    return named + [rule.name for rule, pattern in _RANGES if pattern.search(text)]


__all__ = ["RANGES", "RANGE_NAMES", "RULES", "RULE_NAMES", "Ctx", "RangeRule", "Rule", "clock", "duration_value",
           "find_spans", "number", "ordinal", "rule_value", "rules_in", "quarter_of_year_unsaid", "split_ranges",
           "that_unit", "year_of_period_unsaid"]
