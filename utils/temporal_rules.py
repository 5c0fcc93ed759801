"""Grammar of time expressions as data: a table of small named rules, and a short engine.

Each :class:`Rule` has a name, a regular expression (matched case-insensitively, on word
boundaries), a builder that turns the match and a :class:`Ctx` (reference day, tense, previous
value) into a TimeML ``(type, value)``, a one-line reason and the example that motivated it.
The engine knows no particular words:

* :func:`find_spans` scans a text with every rule and returns the character spans of the
  matches (candidates the parser's entities miss: "17h45", "3/27", "the 4th of June");
* :func:`rule_value` gives the value of a phrase that one rule matches whole.

Rules are tried in table order (longer, more specific patterns first); ``disabled`` switches
rules off by name, so the evaluation can show what each rule buys (ablation).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from utils.calendar_values import MONTHS, NUMBERS, WEEKDAYS, _month_year, _shift, _unknown_day, _weekday
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


@dataclass(frozen=True)
class Rule:
    """One named rule: ``pattern`` -> ``build(match, ctx)`` -> ``(type, value)`` or None."""

    name: str
    pattern: str
    build: Callable[[re.Match, Ctx], tuple[str, str] | None]
    reason: str
    example: str
    before: str = ""  # a regex the text just before a match must end with (for finding it in a text)


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


def _month_the_ordinal(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'March the 2nd', 'March first'; a bare spelled ordinal only after a capitalised month ('may first' is a verb)."""
    if not m["the"] and not m["d"][0].isdigit() and not m["mon"][0].isupper():
        return None
    return _ordinal_of_month(m, ctx)


def _day_month_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    return _month_day(_month(m["mon"]), int(m["d"]), int(m["y"]), ctx)


def _weekday_the_ordinal(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'Tuesday the 19th': the month next to the reference in which that day is that weekday."""
    d, wd = ordinal(m["d"]), _weekday_index(m["wd"])
    for shift in (0, 1, -1, 2, -2):
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
    k = ctx.dct.year * 12 + ctx.dct.month - 1 + shift
    return k // 12, k % 12 + 1


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
    if not -len(mondays) <= n < len(mondays):
        return None
    y, w, _ = mondays[n].isocalendar()
    return "DATE", f"{y}-W{w:02d}" + ("-WE" if weekend else "")


def _last_week_of_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    year = _year_of(m["y"], ctx) or ctx.dct.year
    y, w, _ = _dt.date(year, 12, 28).isocalendar()
    return "DATE", f"{y}-W{w:02d}"


def _quarter(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    q = ordinal(m["q"]) if m["q"] else int(m["qn"])
    if not q or not 1 <= q <= 4:
        return None
    year = _year_of(m["y"], ctx) or (int(m["y2"]) if m["y2"] else ctx.dct.year)
    if not (m["y"] or m["y2"]) and q > (ctx.dct.month - 1) // 3 + 1 and ctx.when not in ("future", "narrative"):
        year -= 1  # a quarter not yet begun, not told in the future: last year's, being reported on
    return "DATE", f"{year}-Q{q}"


# ---------------------------------------------------------------- decades, centuries, BC


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _decade(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
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


# ---------------------------------------------------------------- relative to the reference


def _upcoming(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    n = number(m["n"] or m["n2"] or "one") or 1
    code = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}[m["u"].lower().rstrip("s")]
    if m["u"].lower().endswith("s") and not (m["n"] or m["n2"]):
        return "DURATION", f"PX{code}"  # "in coming months": a stretch ahead of unsaid length, not one month
    return "DATE", _shift(ctx.dct, code, n)


def _weekdays_from_now(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    n, wd = number(m["n"]), _weekday_index(m["wd"][:3])
    if not n:
        return None
    ahead = m["rel"].lower() != "ago"
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


def _relative_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the next day', 'the following morning', 'the same day', 'the previous day': from the last date."""
    base = ctx.last if ctx.last and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.last[:10]) else None
    day = _dt.date.fromisoformat(base[:10]) if base else ctx.dct
    shift = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[m["which"].lower()]
    unit = {"week": "W", "month": "M", "year": "Y"}.get(m["u"].lower())
    if unit:  # only in a story: in news "the next month" is mostly a stretch of time ("over the next month")
        if ctx.when != "narrative":
            return None
        return "DATE", _shift(ctx.dct, unit, shift)
    part = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}.get(m["u"].lower())
    value = (day + _dt.timedelta(days=shift)).isoformat() if base else _unknown_day(ctx.last)
    if value is None:
        value = ctx.dct.isoformat()[:10] if not shift else (ctx.dct + _dt.timedelta(days=shift)).isoformat()
    return ("TIME", f"{value}T{part}") if part else ("DATE", value)


def _from_last(ctx: Ctx, length: int) -> str | None:
    """The previous dated value cut to a granularity (4: year, 7: month, 10: day), if it has it."""
    last = ctx.last or ""
    return last[:length] if re.match(r"\d{4}-\d\d-\d\d" if length == 10 else r"\d{4}-\d\d" if length == 7 else r"\d{4}", last) else None


def _of_that_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'March of that year', 'July 25 of the same year': the year of the previous date."""
    year = _from_last(ctx, 4) or str(ctx.dct.year)
    mon = _month(m["mon"])
    if m["d"]:
        value = _date(int(year), mon, int(m["d"]))
        return None if value is None else ("DATE", value)
    return "DATE", f"{year}-{mon:02d}"


def _that_day(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'that same day', 'that year': the previous date at that granularity."""
    unit = m["u"].lower()
    value = _from_last(ctx, {"day": 10, "month": 7, "year": 4}[unit])
    if value is None and unit == "day":
        value = _unknown_day(ctx.last)
    return None if value is None else ("DATE", value)


def _part_of_unit(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    """'the end of the year', 'the latter part of the month': that year or month (of the story)."""
    unit = m["u"].lower()
    length = {"year": 4, "month": 7}[unit]
    value = _from_last(ctx, length) if m["which"].lower() == "that" or ctx.when == "narrative" else None
    return "DATE", value or (str(ctx.dct.year) if unit == "year" else ctx.dct.isoformat()[:7])


def _season_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    code = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}[m["s"].lower()]
    return "DATE", f"{m['y']}-{code}"


def _half_year(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    half = 1 if m["w"].lower() in ("first", "1st", "former", "early") else 2
    return "DATE", f"{m['y']}-H{half}"


def _day_after_tomorrow(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    return "DATE", (ctx.dct + _dt.timedelta(days=2 if m["rel"].lower() == "after" else -2)).isoformat()


def _holiday(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
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


def _compound_duration(m: re.Match, ctx: Ctx) -> tuple[str, str] | None:
    parts = []
    for n_text, unit in re.findall(rf"({AMOUNT}) ?(?:more |extra |additional |less |fewer )?({UNIT_RE})\b", m[0], re.I):
        n = _amount(n_text)
        if n is None:
            return None
        parts.append((n, _UNIT[re.sub(r"s$", "", unit.lower()) if unit.lower() not in ("s",) else "s"]))
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


# ---------------------------------------------------------------- the table

# words that may follow a clock time in digits ("at 0930 on Monday"); any other word makes the
# number a count or a year ("at 1200 feet", "at 2015 prices")
_AFTER_CLOCK = r"(?:on|local|gmt|utc|today|tomorrow|yesterday|tonight|sharp|this|that)\b"
_DAYPHRASE = (rf"(?:(?:today|tomorrow|yesterday|tonight|(?:this|tomorrow|yesterday) {DAYPART}|{WD}(?: {DAYPART})?|"
              rf"{MON} {ORD}|{ORD} of {MON}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|the {ORD}|in the {DAYPART}|"
              rf"(?:next|last|this) {WD}))")
_CLOCK = (rf"(?:(?:\d{{1,2}}[:.]\d\d|\d{{1,2}}|{NUMWORD})(?: ?{AMPM})?(?: ?o'?clock)?|noon|midnight|"
          rf"(?:a )?quarter (?:past|to) \d{{1,2}}(?: ?{AMPM})?)")

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
    Rule("century", rf"(?:the )?(?:(?:early|mid|late)[- ])?(?P<n>{ORD}) century(?: (?P<bc>bc|bce|b\.c\.?))?",
         _century, "a century, before or after Christ (TimeML: BC01 for the 2nd century BC)", "the 2nd century BC"),
    Rule("year BC", rf"(?:(?P<mon>{MON}) )?(?P<y>\d{{1,4}}) ?(?:bc|bce|b\.c\.?)(?![a-z])", _year_bc,
         "a year before Christ (TimeML: BC0312)", "312 BC"),
    Rule("weekdays from now", rf"(?P<n>\d+|{NUMWORD}) (?P<wd>{WDS}) (?P<rel>from now|hence|ago)",
         _weekdays_from_now, "the n-th such weekday ahead of or before the reference", "four Saturdays from now"),
    Rule("weekday of a week", rf"(?P<wd>{WD}) (?:of |from |in )?(?P<which>this|next|last|previous|the following|"
         r"the previous) week", _weekday_of_week, "a weekday of a named week", "Thursday of this week"),
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
    Rule("half of a year", rf"(?:the )?(?P<w>first|second|latter|former|1st|2nd) half of (?P<y>{YEAR})", _half_year,
         "a half of a year (TimeML H1, H2)", "the second half of 2013"),
    Rule("day after tomorrow", r"(?:the )?day (?P<rel>after) tomorrow|(?:the )?day (?P<rel2>before) yesterday",
         lambda m, c: _day_after_tomorrow_any(m, c), "two days from the reference", "the day after tomorrow"),
    Rule("clock military hours", r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d) ?(?:hours|hrs|hr)\b", _clock_military,
         "four digits with 'hours' after a preposition is a 24-hour clock time, also 19xx and 20xx", "by 1930 hours",
         before=r"\b(?:at|by|until|till|from|since|before) "),
    Rule("fraction of a unit", rf"(?:(?P<w>\d+|{NUMWORD}) and )?(?P<f>(?:a |an |one )?(?:half|quarter|three quarters?|two "
         r"quarters?)|1/2|1/4|3/4) ?(?:an? |of an? |of )?(?P<u>hours?|h|days?|minutes?|mins?)",
         _fraction_of_unit, "a fraction of a unit is a duration", "two and a quarter hours"),
    Rule("duration range", rf"(?P<a>\d+|{NUMWORD}) (?:to|or|-) (?P<b>\d+|{NUMWORD}) (?P<u>{UNIT_RE})",
         lambda m, c: _duration_range(m["u"]),
         "a range of amounts of one unit is a duration of unknown length", "two to three weeks"),
    Rule("compound duration", rf"{AMOUNT} ?{UNIT_RE}(?:(?:,| and|, and)? ?{AMOUNT} ?{UNIT_RE})+"
         rf"|{AMOUNT} (?:hours?|hrs?|years?)(?: and)? (?:\d+|{NUMWORD})(?! ?[a-z0-9])"
         rf"|(?:\d+|{NUMWORD}) (?:more|extra|additional|less|fewer) {UNIT_RE}|\d+ ?(?:mins?|secs?|hrs?)"
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
    Rule("noon, midnight", r"noon|midnight|mid-? ?day", _noon, "noon and midnight are clock times", "until midnight"),
    Rule("at the moment", r"the moment|this time|present", lambda m, c: ("DATE", "PRESENT_REF"),
         "'at the moment', 'at this time', 'at present' mean now", "is closed at the moment", before=r"\bat "),
    Rule("clock in a part of day", rf"(?P<h>\d{{1,2}}|{NUMWORD})(?::(?P<m>\d\d))?(?: o'?clock)? (?:in the (?P<part>morning|"
         r"afternoon|evening|night)|(?P<tonight>tonight))", _clock_in_part_of_day,
         "an hour with a part of day: '6 in the evening' is 18:00", "at 6 in the evening"),
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
    days = [int(re.match(r"\d+", m[g])[0]) for g in ("da", "dm", "db") if m.re.groupindex.get(g) and m[g]]
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


def _months_of_year(m: re.Match) -> tuple[str, str] | None:
    if not (_capital(m["a"]) and _capital(m["mon2"])) or _month(m["a"]) == _month(m["mon2"]):
        return None
    return f"{m['a'].rstrip('.')} {m['y']}", f"{m['mon2'].rstrip('.')} {m['y']}"


def _weekdays(m: re.Match) -> tuple[str, str] | None:
    if m["a"].lower() == m["wd2"].lower():
        return None
    return m["a"] + (m["pod"] or ""), m["b"]


RANGES: list[RangeRule] = [
    RangeRule("month day list", rf"(?P<a>(?P<mon>{MON}) (?P<da>\d{{1,2}}(?:st|nd|rd|th)?)), (?P<mid>(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?)),?"
              rf" (?:and|or|&) (?P<b>(?P<db>\d{{1,2}}(?:st|nd|rd|th)?)(?:,? (?P<y>{YEAR}))?){_NOT_COUNTED}", _days_of_month,
              "each day of a list of three borrows the month (and year) of the first", "May 1, 2 and 3"),
    RangeRule("month day and day", rf"(?P<a>(?P<mon>{MON}) (?P<da>\d{{1,2}}(?:st|nd|rd|th)?)){_SEP}(?P<b>(?P<db>\d{{1,2}}(?:st|nd|rd|th)?)"
              rf"(?:,? (?P<y>{YEAR}))?){_NOT_COUNTED}", _days_of_month,
              "the second day of a range or list borrows the month (and year) of the first", "Oct 21 and 22"),
    RangeRule("day and day month", rf"(?P<a>(?P<da>\d{{1,2}})(?:st|nd|rd|th)?){_SEP}(?P<b>(?P<db>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?"
              rf"(?P<mon>{MON})(?:,? (?P<y>{YEAR}))?)", _days_of_month,
              "the first day of a range or list borrows the month (and year) of the last", "16 to 18 July"),
    RangeRule("clock range", rf"(?P<a>(?P<h1>\d{{1,2}})(?::(?P<m1>[0-5]\d))?){_SEP}(?P<b>(?P<h2>\d{{1,2}})(?::(?P<m2>[0-5]\d))?"
              rf"(?: ?(?P<ap>{AMPM})| in the (?P<part>morning|afternoon|evening)))", _clock_range,
              "the first hour of a clock range borrows am/pm or the part of day of the last", "from 9 to 11 am"),
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
                    groups = [g for g in ("a", "mid", "b") if pattern.groupindex.get(g) and m[g]]
                    ends = [m.end(g) - (g == "b" and _sentence_stop(m[g])) for g in groups]
                    found.append((tuple(zip([m.start(g) for g in groups], ends, phrases, strict=True)), rule.name))
    return sorted(found)


_PROBE = Ctx(_dt.date(2000, 1, 3), "", "2000-01-03", lambda phrase: ("DATE", "2000-01-03"))
_COMPILED = [(rule, re.compile(rf"(?<![\w/:.-])(?:{rule.pattern})(?![\w/:-]|\.\d)", re.I)) for rule in RULES]
_WHOLE = [(rule, re.compile(rf"(?:{rule.pattern})", re.I)) for rule in RULES]
RULE_NAMES = [rule.name for rule in RULES]


def rule_value(phrase: str, ctx: Ctx, disabled: Iterable[str] = ()) -> tuple[str, str, str] | None:
    """``(type, value, rule name)`` of the first rule matching ``phrase`` whole, else None."""
    off = set(disabled)
    for rule, pattern in _WHOLE:
        if rule.name in off or (rule.before and not re.search(rf"(?:{rule.before})$", ctx.preceding, re.I)):
            continue
        m = pattern.fullmatch(phrase)
        if m:
            out = rule.build(m, ctx)
            if out is not None:
                return out[0], out[1], rule.name
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


_WD_WORD = r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)"
_UNITS = UNIT_RE[3:-1]
# a cheap regex that every match of a rule contains: the rule's full pattern runs only near its hits
NEEDS = {
    "day and clock time": r"\d ?[ap]\.?m\b|\b(?:" + _SMALL + r") [ap]\.?m\b|:\d\d|o'?clock|noon|midnight|\bat \d|@",
    "holiday": r"\b(?:" + "|".join(_HOLIDAY_WORDS) + r"|mlk|xmas|eve)",
    "nth weekday of month": _WD_WORD, "weekday the ordinal": _WD_WORD, "weekday of a week": r"\bweek\b",
    "nth week of month": r"\bweek|wkend", "in a named month": r"\b(?:of|in) (?:this|the|current|last|previous|next|following)"
                                                              r" (?:current |last |previous |next |following )?month\b", "last week of year": r"\blast week of\b", "quarter": r"quarter|qtr|\bq[1-4]\b",
    "ordinal of month": r"\b(?:" + _MON + r")\b", "month the ordinal": r"\b(?:" + _MON + r")\b",
    "day month year slashed": r"\d[/-][a-z]", "month/day/year": r"\d ?/ ?\d", "month/year": r"\d/\d",
    "month/day": r"\d ?/ ?\d", "on month/day": r"\bon \d{1,2}/\d", "the ordinal": r"\d(?:st|nd|rd|th)\b", "decade": r"\d0'?s\b|ties\b",
    "century": r"centur", "year BC": r"\bb\.?c", "weekdays from now": r"days (?:from now|hence|ago)",
    "weekday modified": r"\b(?:coming|upcoming|previous|past|after next)\b", "upcoming units": r"\b(?:coming|upcoming)\b",
    "relative day": r"\b(?:next|following|previous|preceding|same) (?:day|morning|afternoon|evening|night|week|month|year)\b",
    "day after tomorrow": r"day (?:after tomorrow|before yesterday)",
    "month of that year": r"of (?:that|the same) year", "that day": r"\b(?:that|same|very) (?:day|month|year)\b",
    "part of a unit": r"\bof (?:the|that|this) (?:year|month)\b", "season and year": r"(?:spring|summer|fall|autumn|winter),? (?:of )?\d",
    "half of a year": r"half of \d",
    "fraction of a unit": r"\bhalf\b|quarter|\d/\d",
    "duration range": r"\b(?:to|or) \S+ (?:" + _UNITS + r")\b",
    "compound duration": r"(?:" + _UNITS + r")\b[ ,]+(?:and )?(?:\d|an?\b|" + _SMALL + r")|\d ?(?:mins?|secs?|hrs?)\b"
                         r"|\d\.\d+ ?(?:" + _UNITS + r")|(?:more|extra|additional|less|fewer) (?:" + _UNITS + r")|\bhalf\b",
    "clock hh:mm": r"\d:\d\d", "clock in words": r"\b[ap]\.?m\b", "clock European h": r"\dh\b|\dh\d", "clock half": r"\bhalf (?:\d|" + _SMALL + ")",
    "clock past/to": r"\b(?:past|after|to|till) (?:noon|midnight|\d|" + _SMALL + ")",
    "clock hour am/pm": r"[ap]\.?m\b|o'?clock", "clock at military": r"\bat \d{3,4}\b", "clock military hours": r"\d{4} ?(?:hours|hrs|hr)\b", "at the time": r"\bat the time\b",
    "noon, midnight": r"noon|midnight|mid-? ?day", "at the moment": r"\bat (?:the moment|this time|present)\b",
    "clock in a part of day": r"\bin the (?:morning|afternoon|evening|night)\b|tonight",
}
_NEEDS = {name: re.compile(pattern) for name, pattern in NEEDS.items()}  # run on the lower-cased text


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
        needs = NEEDS.get(rule.name)
        if needs is not None and needs not in near:
            near[needs] = _near(_NEEDS[rule.name], low)
        for a, b in near[needs] if needs is not None else _windows(text):
            found += [(m.start(), m.end()) for m in pattern.finditer(text, a, b) if rule.build(m, _PROBE) is not None
                      and (before is None or before.search(text, max(0, m.start() - 12), m.start()))]
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
           "find_spans", "number", "ordinal", "rule_value", "rules_in", "split_ranges"]
