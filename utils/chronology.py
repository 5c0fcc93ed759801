"""Time in a report: TimeML time expressions (TIMEX3), events, a timeline, story vs narrative order.

The tagger (:func:`temporal_expressions`) works in three steps.

1. **Candidates** come from the spaCy parse only: the DATE and TIME entities of ``en_core_web_sm``
   plus our own token patterns for what the model misses ("now", "recently", "the past", a
   weekday, a year). Raw text is never scanned with a date parser, so the verb "may", ages
   ("6-year-old") and bare numbers do not become dates.
2. **Extents** follow TimeML: no leading preposition ("on Sunday" -> "Sunday"), modifiers kept
   ("nearly two years", "early next year"), a possessive "'s" dropped.
3. **Values** in TimeML form, by our rules: calendar dates (``2024-12-08``), months (``2024-12``),
   years (``2006``), ISO weeks (``2024-W49``), quarters (``1989-Q3``), seasons (``1998-SU``),
   decades (``199``), parts of day (``2024-12-08TNI``), durations (``P3D``, ``PXD`` for "days"),
   sets (``P1D`` for "daily") and the references ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``.
   A relative expression is resolved against the document creation time (DCT), using the tense
   of the verb that governs it (a weekday in a past-tense clause is the last such day on or
   before the DCT); against the previous time expression ("a year earlier"); or against an event
   ("the day before Assad fled" -> the day before the date of the flight). The ``anchor`` column
   says which.

Measured on TempEval-3's TimeBank + AQUAINT (256 documents, 1,822 gold timexes) with
``bench/eval_timex.py``: strict extent F1 0.849, relaxed 0.928, type 0.873, value 0.756. The rules were
written while reading the errors on these documents, so the numbers are optimistic; HeidelTime's
value F1 on the unseen TempEval-3 test set is 0.776.

:func:`timeline` turns the parse into events (verbs, and event nouns after a light verb), ties
them to the time expressions and orders them twice: as told and as happened.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import functools
import re
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Doc, Span, Token

from utils.entities import RULE_NAMES, _cached_mentions
from utils.report import parse_dct
from utils.text import check_words, frame_from_rows, parse, sentence_of, sentence_rows, token_at

TIMEX_COLUMNS = ["timex_id", "sentence_id", "start", "end", "text", "type", "value", "anchor"]

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
REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the present": "PRESENT_REF", "right now": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "today's": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "lately": "PAST_REF", "earlier": "PAST_REF", "once": "PAST_REF",
    "more recently": "PAST_REF", "recent years": "PAST_REF", "the recent past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the coming years": "FUTURE_REF",
    "later": "FUTURE_REF", "in the future": "FUTURE_REF", "the long term": "FUTURE_REF",
}
# words that may start a candidate of our own (one-token lexicon)
_OWN_SINGLE = {"now", "currently", "recently", "soon", "lately", "nowadays",
               "today", "tonight", "yesterday", "tomorrow", "daily", "weekly", "monthly"}
_PREPOSITIONS = {"on", "in", "at", "by", "since", "until", "till", "during", "for", "from", "to", "of",
                 "over", "within", "through", "throughout", "into", "as", "than", "between", "and",
                 "or", "with", "per", "before", "after", "-", "–", ","}
_CONNECTIVES = {"after", "before", "to", "through", "until", "till", "and", "or", "-", "–"}
_TRAILING = {"'s", "’s", "'", ",", ".", "-", "–", "of", "and", "or", ";", ":", "to"}
_TEMPORAL_WORD = re.compile(
    r"\b(now|currently|current|recently|recent|soon|previously|previous|formerly|former|lately|past|future|today|tonight|yesterday|tomorrow|"
    r"daily|weekly|monthly|annual|yearly|hourly|morning|afternoon|evening|night|noon|midnight|"
    r"weekend|quarter|season|spring|summer|fall|autumn|winter|century|centuries|decade|"
    r"(?:second|minute|hour|day|week|month|year)s?|"
    + "|".join(sorted({m for m in MONTHS if len(m) > 2}, key=len, reverse=True))
    + r"|" + "|".join(WEEKDAYS) + r"|fiscal|christmas|thanksgiving|easter|'\d0s)\b"
    r"|\b1\d{3}s?\b|\b20\d\ds?\b|\d{1,2}[:/]\d{2}|\d{8}|\d{4}-\d{2}-\d{2}|\ba\.?m\.?|\bp\.?m\.?",
    re.I,
)
_AGE = re.compile(r"\d+\s*-?\s*(?:year|month|week|day)s?\s*-?\s*old|years? old|\bold\b|\baged?\b", re.I)


def _check(text: object, dct: object) -> tuple[str, _dt.date]:
    check_words(text, "text", "there is nothing to date")
    day = parse_dct(dct)
    if day is None:
        raise ValueError("A document creation time (DCT) is needed to resolve relative dates, e.g. '2024-12-11'.")
    return text, day


# ---------------------------------------------------------------- candidates and extents


_YEAR = re.compile(r"(1[89]|20)\d\d")


def _own_candidates(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of our own patterns (things en_core_web_sm does not label DATE/TIME)."""
    spans = []
    lowers = [t.lower_ for t in doc]  # neighbours read from a list, not as new Token objects
    n = len(lowers)
    for tok in doc:
        i = tok.i
        low = lowers[i]
        nxt = lowers[i + 1] if i + 1 < n else ""
        prev = lowers[i - 1] if i > 0 else ""
        if low in _OWN_SINGLE:
            spans.append((i, i + 1))
        elif low in ("days", "weeks", "months", "years", "hours", "decades") and nxt in ("after", "before", "ago", "later", "earlier"):
            spans.append((i, i + 1))  # "days after seizing Aleppo"
        elif low in ("current", "recent", "future") and tok.pos_ == "ADJ":
            if nxt in ("years", "months", "weeks", "days", "decades", "quarters"):
                spans.append((i, i + 2))
            elif low != "future" or tok.dep_ == "amod":
                spans.append((i, i + 1))
        elif low in ("past", "future", "present") and prev == "the" and tok.pos_ == "NOUN":
            start = i - 1
            spans.append((start, i + 1))
        elif low in ("near", "long") and prev == "the" and nxt in ("future", "term"):
            spans.append((i - 1, i + 2))
        elif low in WEEKDAYS or (low in MONTHS and tok.pos_ == "PROPN" and low not in ("may", "mar", "jun", "sat", "sun", "jan")):
            spans.append((i, i + 1))
        elif _YEAR.fullmatch(tok.text) and tok.pos_ == "NUM" and nxt not in ("%", "percent"):
            spans.append((i, i + 1))
        elif low == "earlier" and tok.dep_ in ("advmod",) and tok.head.pos_ in ("VERB", "AUX") and prev not in ("year", "years", "month", "day", "days", "week", "weeks"):
            spans.append((i, i + 1))
    return spans


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in _PREPOSITIONS or doc[start].is_space or doc[start].is_punct):
        nxt = doc[start + 1].lower_ if start + 1 < end else ""
        if (doc[start].lower_ == "at" and nxt in ("least", "most")) or (doc[start].lower_ == "over" and nxt in ("a", "an") | NUMBERS.keys()):
            break  # "at least 30 days", "over an hour": modifiers TimeML keeps
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRAILING or doc[end - 1].is_space or doc[end - 1].is_punct):
        if doc[end - 1].text == "." and end - 1 > start and doc[end - 2].text.endswith(("a.m", "p.m")):
            break
        end -= 1
    return start, end


def _extend(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Take in the words TimeML keeps inside a timex: ago/earlier/later, a part of day, a weekday."""
    n = len(doc)
    while end < n and doc[end].lower_ in ("ago", "earlier", "later", "before") and _has_unit(doc[start:end]):
        if doc[end].lower_ == "before" and end + 1 < n and not doc[end + 1].is_punct and doc[end + 1].lower_ != "that":
            break  # "the day before Assad fled": the clause is the anchor, not part of the timex
        end += 1
    return start, end


def _part_of_day(span: Span) -> bool:
    """A bare part of day or clock time ("morning", "noon", "5 p.m."), which joins a touching date."""
    low = span.text.lower()
    return low in (*DAY_PARTS, "noon", "midnight") or bool(re.search(r"\d\s*[ap]\.?m\b", low))


def _has_unit(span: Span) -> bool:
    return any(t.lower_.rstrip("s") in UNITS or t.lower_ in ("year", "years") for t in span)


def candidate_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans (start, end) of time expressions in a parsed Doc, with TimeML extents."""
    raw = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        # split "the quarter ended Sept. 30" at the verb and "Monday after weeks", "Aug. 26 to Oct. 20"
        # at a connective with a time expression on both sides
        cut = [t.i for t in ent if t.i > ent.start and (t.pos_ == "VERB" or (
            t.lower_ in _CONNECTIVES and t.i + 1 < ent.end and doc[t.i + 1].lower_ not in ("a", "an", "half")
            and _TEMPORAL_WORD.search(doc[ent.start : t.i].text) and _TEMPORAL_WORD.search(doc[t.i + 1 : ent.end].text)))]
        bounds = [ent.start, *cut, ent.end]
        for a, b in zip(bounds, bounds[1:], strict=False):
            a = a + 1 if a in cut else a
            if a < b:
                raw.append((a, b))
    raw += _own_candidates(doc)
    spans = []
    for s, e in raw:
        s, e = _trim(doc, s, e)
        if s < e:
            spans.append(_extend(doc, s, e))
    # merge overlapping or touching spans ("Friday" + "morning", "5 p.m." + "Friday")
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        touching = merged and s == merged[-1][1] and (_part_of_day(doc[s:e]) or _part_of_day(doc[merged[-1][0] : merged[-1][1]]))
        if merged and (s < merged[-1][1] or touching) and "\n" not in doc[merged[-1][1] - 1 : s + 1].text:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out = []
    for s, e in merged:
        span = doc[s:e]
        txt = span.text
        if not _TEMPORAL_WORD.search(txt):
            continue
        after = doc[e].lower_ if e < len(doc) else ""
        before = doc[s - 1].lower_ if s > 0 else ""
        if _AGE.search(txt) or after in ("old", "-old") or before in ("aged", "age") or re.search(r"-old\b", txt):
            continue
        if txt.lower() in ("annual", "annually", "quarterly", "yearly", "hourly", "the day", "the days"):
            if txt.lower() in ("the day", "the days") and after in ("before", "after"):
                out.append((s, e))
            continue
        if txt.lower() in ("year", "month", "week", "day") and before not in ("a", "each", "every", "per"):
            continue
        out.append((s, e))
    return out


# ---------------------------------------------------------------- tense and events


def _governor(tok: Token) -> Token:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    return t


def tense(tok: Token) -> str:
    """'past', 'future' or 'present' for the verb that governs ``tok`` ('' when there is none)."""
    verb = _governor(tok)
    if verb.pos_ not in ("VERB", "AUX"):
        return ""
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in ("after", "before", "since", "while"):
        return tense(verb.head.head) if verb.head.head.i != verb.i else ""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "shall", "'ll", "wo"} or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'s", "'ve"}:
        return "past"
    if verb.tag_ == "VB" and "to" in words:
        head = verb.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            t = tense(head)
            return "future" if t in ("present", "future") else t
    return "present"


@dataclass
class _Ctx:
    dct: _dt.date
    last: str | None = None  # value of the previous dated timex (for "a year earlier", "the quarter")


# ---------------------------------------------------------------- value normalisation


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


_TENS_WORDS = r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?"


def _spelled_years(p: str) -> str:
    """Digits for spelled-out years: "nineteen ninety-four" -> "1994", "two thousand" -> "2000"."""
    def nineteen(m: re.Match) -> str:
        tens = NUMBERS[m.group(2)] + (NUMBERS[m.group(3)] if m.group(3) else 0)
        return str(100 * NUMBERS[m.group(1)] + tens)

    p = re.sub(rf"\b(nineteen|eighteen)[- ]{_TENS_WORDS}\b", nineteen, p)
    p = re.sub(r"\btwo thousand(?: and)?[- ](one|two|three|four|five|six|seven|eight|nine|ten)\b",
               lambda m: str(2000 + NUMBERS[m.group(1)]), p)
    return re.sub(r"\b(?:the year )?two thousand\b", "2000", p)


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _duration(n: float | None, unit: str) -> str:
    """TimeML duration value: ``P3D``, ``PXY`` (unknown count), ``PT5H``, ``P20Y`` for two decades."""
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
    as 75 days further away; a tie goes to the earlier year."""
    def cost(y: int) -> tuple[float, int]:
        try:
            there = _dt.date(y, month, day or 15)
        except ValueError:
            there = _dt.date(y, month, 28)
        gap = (there - dct).days
        wrong_side = (when == "past" and gap > (0 if day else 31)) or (when == "future" and gap < (0 if day else -31))
        return abs(gap) + (75 if wrong_side else 0), y
    return min((dct.year - 1, dct.year, dct.year + 1), key=cost)


def _year(word: str, dct: _dt.date) -> int | None:
    m = re.fullmatch(r"'?(\d{2})", word)
    if m:
        y = int(m.group(1))
        return 2000 + y if 2000 + y <= dct.year + 10 else 1900 + y
    m = re.fullmatch(r"(1\d{3}|20\d{2})", word)
    return int(word) if m else None


_UNIT_RE = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_NUM_RE = r"(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|a few|few|several|some|many|a couple of|a couple|couple of|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|half an?|a half)"
_MOD = r"(?:each of the past |each of the last |at least the past |an additional |an extra |about |around |nearly |almost |roughly |some |approximately |more than |less than |at least |at most |over |under |no more than |barely |just |only |fewer than |up to |the last |the past |the next |the first |the previous |the coming |the latest |the following |the |past |last |next |first |another |over the past |over the last |recent |)"
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"


def _unit_code(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "CE"
    return UNITS[word.rstrip("s")]


def normalize(phrase: str, dct: _dt.date, when: str = "", last: str | None = None) -> tuple[str, str, str]:
    """TimeML ``(type, value, anchor)`` of one time expression.

    ``when`` is the tense of the governing verb ('past', 'future', 'present' or ''), ``last`` the
    value of the previous time expression of the document (for "a year earlier", "the quarter").
    ``anchor`` is ``'absolute'``, ``'DCT'``, ``'previous timex'`` or ``''`` (durations, references).
    Unknown expressions give ``('DATE', 'XXXX', '')``.
    """
    p = re.sub(r"\s+", " ", phrase.lower().replace("’", "'").replace("–", "-")).strip()
    p = re.sub(r"(?<=\w)-(?=(year|month|week|day|hour|minute|quarter|decade)s?\b)", " ", p)
    p = re.sub(r"^(the )?(fiscal|calendar) ", r"\1", p) if re.search(r"(fiscal|calendar) (19|20)\d\d$", p) is None else re.sub(r"^(fiscal|calendar) ", "", p)
    p = re.sub(r"\s+", " ", p)
    p = _spelled_years(p)
    iso = dct.isoformat()
    base = p
    m = re.match(r"^(early|late|mid|middle|the start of|the beginning of|the end of|the middle of|the early|the late|the mid|end of|start of|later|earlier)[- ](.+)$", p)
    if m and m.group(2) not in ("", "this"):
        base = m.group(2)
        base = re.sub(r"^the ", "", base) if re.match(r"the (\d{4}|'?\d0)s", base) else base
    # --- references
    if p in REFS:
        return "DATE", REFS[p], "DCT"
    # --- explicit dates
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2}))?", base)
    if m:
        v = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" + (f"T{m.group(4)}:{m.group(5)}" if m.group(4) else "")
        return ("TIME" if m.group(4) else "DATE"), v, "absolute"
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", base)
    if m and 1 <= int(m.group(2)) <= 12:
        return "DATE", f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "absolute"
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", base)
    if m:
        y = int(m.group(3)) + (1900 if len(m.group(3)) == 2 and int(m.group(3)) > 30 else 2000 if len(m.group(3)) == 2 else 0)
        return "DATE", f"{y}-{int(m.group(1)):02d}-{int(m.group(2)):02d}", "absolute"
    # time of day, possibly with a day
    tm = re.search(r"(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\.?|\b(noon|midnight)\b", base)
    rest = base
    clock = None
    if tm:
        if tm.group(4):
            clock = "12:00" if tm.group(4) == "noon" else "24:00"
        else:
            h = int(tm.group(1)) % 12 + (12 if tm.group(3) == "p" else 0)
            clock = f"{h:02d}:{tm.group(2) or '00'}"
        rest = (base[: tm.start()] + " " + base[tm.end():]).strip()
        rest = re.sub(r"\b(est|edt|gmt|pst|pdt|cst|cdt|local time|et|utc)\b", "", rest)
        rest = re.sub(r"^[ ,]*(on |of |the )*|[ ,]+$", "", rest).strip(" ,")
        rest = re.sub(r"^(around|about|approximately|at|by|shortly after|after|before|just after|just before) ?", "", rest)
        day_type, day_value, anchor = ("DATE", iso, "DCT") if not rest or rest in ("today", "this") else normalize(rest, dct, when, last)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day_value):
            day_value, anchor = iso, "DCT"
        return "TIME", f"{day_value}T{clock}", anchor
    # part of day: "this morning", "Friday night", "last night", "tonight"
    for part, code in DAY_PARTS.items():
        if re.search(rf"\b{part}s?$", base) and base != part + "s":
            rest = re.sub(rf"\b(late |early |mid-?|later )?{part}s?$", "", base).strip()
            if rest in ("", "this", "the", "that", "one", "in the") and part != "tonight":
                return "TIME", f"{iso}T{code}", "DCT"
            if rest == "last" and part == "night":
                return "TIME", f"{(dct - _dt.timedelta(days=1)).isoformat()}TNI", "DCT"
            if rest.startswith(("every", "each")) or (base.endswith("s") and rest in WEEKDAYS):
                wd = rest.split()[-1] if rest.split() else ""
                if wd in WEEKDAYS:
                    return "SET", f"XXXX-WXX-{WEEKDAYS[wd] + 1}T{code}", ""
                return "SET", f"XXXX-XX-XXT{code}", ""
            if part == "tonight":
                return "TIME", f"{iso}TNI", "DCT"
            t, v, anchor = normalize(rest, dct, when, last) if rest else ("DATE", iso, "DCT")
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                return "TIME", f"{v}T{code}", anchor
            break
    # --- decades and centuries
    m = re.fullmatch(r"(?:the )?(\d{2})(\d)0'?s", base) or re.fullmatch(r"(?:the )?'(\d)0s", base)
    if m:
        if len(m.groups()) == 2:
            return "DATE", m.group(1) + m.group(2), "absolute"
        return "DATE", "19" + m.group(1), "absolute"
    m = re.fullmatch(r"(?:the |a )?(\d{1,2})(?:st|nd|rd|th) century", base)
    if m:
        return "DATE", f"{int(m.group(1)) - 1:02d}", "absolute"
    # --- month day year / day month year
    month_re = "|".join(sorted(MONTHS, key=len, reverse=True))
    m = re.fullmatch(rf"(?:\w+day,? )?({month_re})\.? {_DAY_RE},? (\d{{4}}|'\d\d)", base) or re.fullmatch(
        rf"(?:\w+day,? )?(?:the )?{_DAY_RE}(?: of)? ({month_re})\.?,? (\d{{4}})", base
    )
    if m:
        g = m.groups()
        mon, d = (g[0], g[1]) if g[0] in MONTHS else (g[1], g[0])
        y = _year(g[2], dct)
        try:
            return "DATE", _dt.date(y, MONTHS[mon], int(d)).isoformat(), "absolute"
        except (ValueError, TypeError):
            pass
    m = re.fullmatch(rf"(?:\w+day,? )?({month_re})\.? {_DAY_RE}", base) or re.fullmatch(
        rf"(?:\w+day,? )?(?:the )?{_DAY_RE}(?: of)? ({month_re})\.?", base
    )
    if m:
        g = m.groups()
        mon, d = (g[0], g[1]) if g[0] in MONTHS else (g[1], g[0])
        y = _month_year(dct, MONTHS[mon], when, int(d))
        try:
            return "DATE", _dt.date(y, MONTHS[mon], int(d)).isoformat(), "DCT"
        except ValueError:
            pass
    m = re.fullmatch(rf"({month_re})\.? (?:of )?(this|last|next) year", base)
    if m:
        y = dct.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
        return "DATE", f"{y}-{MONTHS[m.group(1)]:02d}", "DCT"
    m = re.fullmatch(rf"({month_re})\.?,? (?:of )?(\d{{4}})", base)
    if m:
        return "DATE", f"{m.group(2)}-{MONTHS[m.group(1)]:02d}", "absolute"
    m = re.fullmatch(rf"(this |last |next |that |)({month_re})\.?", base)
    if m:
        which = m.group(1).strip()
        mon = MONTHS[m.group(2)]
        if which == "last":
            y = dct.year - 1 if mon >= dct.month else dct.year
        elif which == "next":
            y = dct.year + 1 if mon <= dct.month else dct.year
        elif which == "this":
            y = dct.year
        else:
            y = _month_year(dct, mon, when)
        return "DATE", f"{y}-{mon:02d}", "DCT"
    # --- years
    m = re.fullmatch(r"(?:the )?(?:year )?(1\d{3}|20\d{2})", base)
    if m:
        return "DATE", m.group(1), "absolute"
    m = re.fullmatch(r"(?:the )?(1\d{3}|20\d{2})-(\d{2}|\d{4})", base)
    if m:
        return "DURATION", "P1Y", "absolute"
    # --- quarters and halves
    qbase = re.sub(r"^(its|their|the company's|the) ", "", base)
    owner = re.match(r"(this|last|next) year's ", qbase)
    year_ago = bool(re.search(r"year[- ](?:ago|earlier)", qbase))
    qbase = re.sub(r"^(this|last|next) year's |\byear[- ](?:ago|earlier) ", "", qbase)
    qbase = re.sub(r"fiscal-", "fiscal ", qbase)
    m = re.fullmatch(r"(?:the |a )?(?:(\d{4}) )?(?:flat |final |same |comparable |corresponding |fiscal |calendar )*(first|second|third|fourth|1st|2nd|3rd|4th|last|latest|current|this|that|)(?: fiscal| calendar)? ?(quarter|period|half)( of (?:(?:fiscal|calendar) )?(\d{4}|this year|last year|next year))?", qbase)
    if m and year_ago and not (m.group(2) or m.group(1)):
        if last and re.fullmatch(r"\d{4}-Q\d", last):
            return "DATE", _shift_value(last, "Y", -1), "previous timex"
        return "DATE", _shift(dct, "Q", -5), "DCT"
    if m and (year_ago or owner) and m.group(2) in ORDINALS:
        y = dct.year + ({"this": 0, "last": -1, "next": 1}[owner.group(1)] if owner else -1)
        return "DATE", f"{y}-Q{ORDINALS[m.group(2)]}", "DCT"
    if m and owner and not m.group(2) and last and re.fullmatch(r"\d{4}-Q\d", last):
        y = dct.year + {"this": 0, "last": -1, "next": 1}[owner.group(1)]
        return "DATE", f"{y}{last[4:]}", "previous timex"
    if m and not (m.group(2) == "" and m.group(3) == "half"):
        year_word, which, unit, _, of_year = m.groups()
        year = int(year_word) if year_word else None
        if of_year:
            year = int(of_year) if of_year.isdigit() else dct.year + {"this year": 0, "last year": -1, "next year": 1}[of_year]
        if unit == "half":
            h = 1 if which in ("first", "1st") else 2
            return "DATE", f"{year or dct.year}-H{h}", "absolute" if year else "DCT"
        if which in ORDINALS:
            q = ORDINALS[which]
            if year is None:
                y = dct.year
                cur = (dct.month - 1) // 3 + 1
                if q > cur and when == "past":
                    y -= 1
                return "DATE", f"{y}-Q{q}", "DCT"
            return "DATE", f"{year}-Q{q}", "absolute"
        if year and not which and last and re.fullmatch(r"\d{4}-Q\d", last):
            return "DATE", f"{year}{last[4:]}", "previous timex"
        if which.startswith("year"):
            if last and re.fullmatch(r"\d{4}-Q\d", last):
                return "DATE", _shift_value(last, "Y", -1), "previous timex"
            return "DATE", _shift(dct, "Q", -5), "DCT"
        if unit == "period" and not which:
            return "DATE", "XXXX", ""
        if which in ("this", "current"):
            return "DATE", _shift(dct, "Q", 0), "DCT"
        if last and re.fullmatch(r"\d{4}-Q\d", last) and which in ("", "that"):
            return "DATE", last, "previous timex"
        return "DATE", _shift(dct, "Q", -1), "DCT"
    if re.fullmatch(r"(?:the )?year[- ](?:ago|earlier)", base):
        if last and re.fullmatch(r"\d{4}(-Q\d)?", last):
            return "DATE", _shift_value(last, "Y", -1), "previous timex"
        return "DATE", str(dct.year - 1), "DCT"
    # --- seasons
    m = re.fullmatch(r"(this |last |next |the |that |)(spring|summer|fall|autumn|winter)(?: of (\d{4}))?", base)
    if m:
        which, season, year = m.groups()
        code = SEASONS[season]
        if year:
            return "DATE", f"{year}-{code}", "absolute"
        y = dct.year + {"last ": -1, "next ": 1}.get(which, 0)
        return "DATE", f"{y}-{code}", "DCT"
    # --- deictic days
    days = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
    if base in days:
        v = (dct + _dt.timedelta(days=days[base])).isoformat()
        return ("TIME", v + "TNI", "DCT") if base == "tonight" else ("DATE", v, "DCT")
    if base in ("the day before yesterday",):
        return "DATE", (dct - _dt.timedelta(days=2)).isoformat(), "DCT"
    # weekdays
    m = re.fullmatch(r"(this |last |next |on |that |the following |earlier |late |early |)(" + "|".join(WEEKDAYS) + r")", base)
    if m:
        which = m.group(1).strip()
        wd = WEEKDAYS[m.group(2)]
        w = {"last": "past", "next": "future", "this": when or "", "earlier": "past"}.get(which, when)
        day = _weekday(dct, wd, w)
        if which == "next" and day == dct:
            day += _dt.timedelta(days=7)
        if which == "last" and day == dct:
            day -= _dt.timedelta(days=7)
        return "DATE", day.isoformat(), "DCT"
    m = re.fullmatch(r"(?:every|each) (" + "|".join(WEEKDAYS) + r")", base) or re.fullmatch(r"(" + "|".join(WEEKDAYS) + r")s", base)
    if m:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}", ""
    # --- this/last/next unit
    m = re.fullmatch(r"(this|last|next|the past|the last|the next|the current|the coming|that|the same|the previous|the prior|the latest|the following|current|previous|past|coming|the|a) (day|week|weekend|month|year|decade|century|quarter)", base)
    if m:
        which, unit = m.groups()
        code = _unit_code(unit)
        if which in ("this", "the current", "current", "the coming"):
            return "DATE", _shift(dct, code, 0), "DCT"
        if which in ("last", "previous", "the previous", "the prior", "past"):
            if unit == "decade" and which == "last":
                return "DATE", str(dct.year // 10 - 1), "DCT"
            return "DATE", _shift(dct, code, -1), "DCT"
        if which in ("next", "the following"):
            return "DATE", _shift(dct, code, 1), "DCT"
        if which in ("the past", "the last", "the next", "a"):
            return "DURATION", _duration(1, code), ""
        if which == "the" and unit in ("year",) and last and re.fullmatch(r"\d{4}", last):
            return "DATE", last, "previous timex"
        if which == "the" and unit == "year":
            return "DURATION", "P1Y", ""
        if which == "the" and unit == "weekend":
            return "DATE", _shift(dct, "WE", 0 if dct.weekday() >= 5 else -1), "DCT"
        if which == "the" and unit == "week":
            return "DATE", _shift(dct, "W", 0), "DCT"
        if which == "the" and unit == "day":
            return "DURATION", "P1D", ""
        return "DATE", _shift(dct, code, 0), "DCT"
    m = re.fullmatch(r"(?:earlier|later) (this|last|next) (week|month|year)", base)
    if m:
        which, unit = m.groups()
        return "DATE", _shift(dct, _unit_code(unit), {"this": 0, "last": -1, "next": 1}[which]), "DCT"
    # --- N units ago / earlier / later
    m = re.fullmatch(rf"{_MOD}{_NUM_RE}? ?(?:or so |or two |or more )?{_UNIT_RE} (ago|earlier|later|before|after|from now|hence)", base)
    if m:
        n, unit, rel = _num(m.group(1)) if m.group(1) else 1, _unit_code(m.group(2)), m.group(3)
        sign = -1 if rel in ("ago", "earlier", "before") else 1
        if n is None or (m.group(1) or "").strip() in VAGUE:
            if rel in ("ago", "earlier", "before"):
                return "DATE", "PAST_REF", "DCT"
            return "DATE", "FUTURE_REF", "DCT"
        n = int(n) if float(n).is_integer() else n
        if last and (rel in ("earlier", "later", "before", "after") or (unit == "Y" and re.fullmatch(r"\d{4}-Q\d", last))) and re.fullmatch(r"\d{4}(-Q\d|-\d{2}(-\d{2})?)?", last):
            shifted = _shift_value(last, _granularity(unit), sign * int(n)) if isinstance(n, int) else None
            if shifted:
                return "DATE", shifted, "previous timex"
        if isinstance(n, int):
            return "DATE", _shift(dct, unit if unit not in ("TH", "TM", "TS") else "D", sign * n if unit not in ("TH", "TM", "TS") else 0), "DCT"
    # --- durations
    m = re.fullmatch(rf"{_MOD}{_NUM_RE}?(?: more| full| straight| consecutive| long| or so| or two| or more| additional| extra| further| trading| business| working| calendar)? ?{_UNIT_RE}(?: long| or so| old| ahead)?(?: of (?:the year|this year|last year|the fiscal year|fiscal \d{{4}}|\d{{4}}))?", base)
    if m and (m.group(1) or re.search(r"s$", m.group(2)) or base.startswith(("the past", "the last", "the next", "the first", "past", "last", "over", "the coming", "the following", "another"))):
        word = (m.group(1) or "").strip()
        n = _num(word) if word and word not in VAGUE else None
        if not word and not re.search(r"s$", m.group(2)):
            n = 1
        unit = _unit_code(m.group(2))
        if word in ("a", "an") and re.search(r"s$", m.group(2)):
            n = None
        return "DURATION", _duration(n, unit), ""
    if base in ("daily", "every day", "each day", "a day", "per day", "nightly"):
        return "SET", "P1D", ""
    if base in ("weekly", "every week", "each week", "a week", "per week"):
        return "SET", "P1W", ""
    if base in ("monthly", "every month", "each month", "a month", "per month"):
        return "SET", "P1M", ""
    if base in ("every year", "each year", "a year", "per year", "yearly"):
        return "SET", "P1Y", ""
    m = re.fullmatch(r"(?:every|each) (\w+)", base)
    if m and m.group(1) in MONTHS:
        return "SET", f"XXXX-{MONTHS[m.group(1)]:02d}", ""
    if base != p:  # "early 1990", "late November": the value of the core expression
        return normalize(base, dct, when, last)
    return "DATE", "XXXX", ""


def _granularity(unit: str) -> str:
    """The granularity code used by :func:`_shift_value` for a unit code from :data:`UNITS`."""
    return {"TH": "D", "TM": "D", "TS": "D", "WE": "W", "DE": "Y", "CE": "Y"}.get(unit, unit)


# ---------------------------------------------------------------- tagging a Doc


def _event_anchor(doc: Doc, span: Span) -> Token | None:
    """The verb of the clause that follows "the day before/after", "days after", if any."""
    k = span.end
    if k < len(doc) and doc[k].lower_ in ("before", "after"):
        signal = doc[k]
        for tok in doc[k + 1 : min(len(doc), k + 8)]:
            if tok.pos_ == "VERB" and (tok.head == signal or tok.head.head == signal or tok.dep_ in ("advcl", "pcomp", "pobj")):
                return tok
    return None


def _event_day(doc: Doc, verb: Token, rows: list[dict]) -> tuple[str, str] | None:
    """The calendar day of another mention of the same event (same lemma) that a timex dates."""
    for row in rows:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(row["value"])):
            continue
        head = _governor(doc[row["_tok"]])
        if head.lemma_ == verb.lemma_ and head.i != verb.i:
            return row["value"], head.text
    return None


def tag_doc(doc: Doc, dct: str | _dt.date) -> pd.DataFrame:
    """Tag a parsed Doc: columns ``start, end, text, type, value, anchor`` (offsets into ``doc.text``)."""
    day = parse_dct(dct)
    if day is None:
        raise ValueError("A document creation time (DCT) is needed, e.g. '2024-12-11'.")
    rows = _tag_rows(doc, day)
    columns = ["start", "end", "text", "type", "value", "anchor"]
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    return frame_from_rows([tuple(row[c] for c in columns) for row in rows], columns, _TIMEX_DTYPES)


_TIMEX_DTYPES = {"timex_id": str, "sentence_id": int, "start": int, "end": int, "text": str, "type": str,
                 "value": str, "anchor": str}


def _tag_rows(doc: Doc, day: _dt.date) -> list[dict]:
    """The rows of :func:`tag_doc` as dicts (plus ``_tok``, the index of each span's root)."""
    rows: list[dict] = []
    last = None
    for s, e in candidate_spans(doc):
        span = doc[s:e]
        head = span.root
        when = tense(head)
        typ, value, anchor = normalize(span.text, day, when, last)
        anchor = {"DCT": f"DCT {day.isoformat()} ({when or 'no'} tense)"}.get(anchor, anchor)
        verb = _event_anchor(doc, span)
        if verb is not None:
            found = _event_day(doc, verb, rows)
            sign = -1 if doc[e].lower_ == "before" else 1
            unit_n = re.fullmatch(r"P(\d+)([DWMY])", value) if typ == "DURATION" else None
            if found and unit_n:
                n, unit = int(unit_n.group(1)), unit_n.group(2)
                shifted = _shift_value(found[0], unit, sign * n)
                if shifted:
                    typ, value = "DATE", shifted
            anchor = f"event '{verb.text}'" + (f" ({found[1]} = {found[0]})" if found else "")
        shifted_from_last = anchor == "previous timex"
        if shifted_from_last and last:
            anchor = f"previous timex ({last})"
        if re.match(r"\d{4}", value) and typ in ("DATE", "TIME") and not shifted_from_last:
            last = value[:10] if typ == "TIME" else value
        rows.append({"start": span.start_char, "end": span.end_char, "text": span.text, "type": typ,
                     "value": value, "anchor": anchor, "_tok": head.i})
    return rows


def temporal_expressions(text: str, dct: str | _dt.date) -> pd.DataFrame:
    """TimeML time expressions of ``text`` resolved against the document creation time ``dct``.

    Columns: ``timex_id`` (t1, t2 ... in reading order), ``sentence_id``, ``start``, ``end``,
    ``text`` (``text[start:end]``), ``type`` (DATE, TIME, DURATION, SET), ``value`` (TimeML), and
    ``anchor`` (what a relative value was resolved against: ``absolute``, ``DCT ... (past tense)``,
    ``previous timex (...)``, ``event '<verb>' (...)``, or empty). A text without time expressions
    gives an empty frame with these columns. Raises ``TypeError``/``ValueError`` for non-text or
    text without letters, and :class:`utils.report.InvalidDCTError` for an impossible DCT.
    """
    return _temporal_expressions(*_check(text, dct)).copy()


@functools.lru_cache(maxsize=64)
def _temporal_expressions(text: str, day: _dt.date) -> pd.DataFrame:
    """:func:`temporal_expressions` computed once per text and DCT (callers get a copy)."""
    doc = parse(text)
    rows = _tag_rows(doc, day)
    if not rows:  # as before the speed work: empty id columns come out as float64
        frame = pd.DataFrame([], columns=["start", "end", "text", "type", "value", "anchor"])
        frame.insert(0, "sentence_id", [])
        frame.insert(0, "timex_id", [])
        return frame[TIMEX_COLUMNS].reset_index(drop=True)
    sent = sentence_of(text)
    at = token_at(text)
    return frame_from_rows([
        (f"t{i}", sent[at[row["start"]]], row["start"], row["end"], row["text"], row["type"], row["value"],
         row["anchor"])
        for i, row in enumerate(rows, start=1)
    ], TIMEX_COLUMNS, _TIMEX_DTYPES)


# ---------------------------------------------------------------- events and the timeline

TIMELINE_COLUMNS = [
    "event_id", "sentence_id", "trigger", "summary", "participants", "timex_id", "value",
    "earliest", "latest", "story_order", "narrative_order",
]
# verbs that carry no event of their own (copulas, reporting frames, mental states, light verbs);
# "take" and "hold" are events ("took the city") unless an event noun follows ("held talks" -> "talks")
_NOT_EVENTS = {"accord", "be", "have", "do", "say", "seem", "make", "try", "figure", "fear", "insist", "write",
               "tell", "wish", "want", "let", "get", "go", "call", "mean", "lead",
               "give", "remain", "become", "know", "think", "believe", "appear"}
_LIGHT = {"hold", "make", "take", "give", "conduct", "have", "launch", "stage"}
EVENT_NOUNS = {"talks", "escape", "fall", "intervention", "defeat", "trial", "war", "attack", "invasion",
               "flight", "meeting", "election", "coup", "offensive", "withdrawal", "bloodbath", "collapse",
               "negotiations", "summit", "visit", "death", "arrest", "strike", "strikes", "siege"}
PARTICIPANT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")


def _own_tokens(verb: Token) -> list[Token]:
    """The tokens of the verb's clause, without the clauses of other verbs nested in it."""
    out, stack = [], [verb]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.pos_ in ("VERB",) and child.dep_ in ("advcl", "relcl", "ccomp", "conj", "xcomp", "pcomp", "csubj", "acl"):
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _triggers(doc: Doc) -> list[tuple[Token, Token]]:
    """(trigger, verb) pairs: verbal events, and event nouns after a light verb ("held talks")."""
    out = []
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_
        light = lemma in _LIGHT
        noun = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in EVENT_NOUNS), None) if light else None
        if noun is not None:
            out.append((noun, tok))
        elif lemma not in _NOT_EVENTS and tok.dep_ not in ("amod", "compound"):
            out.append((tok, tok))
    return out


_IMPLICATIVE = {"manage", "succeed", "begin", "start", "continue", "keep", "get"}
_NEGATIVE_SUBJECTS = {"no", "nobody", "nothing", "none", "neither", "never"}
_MODALS = {"will", "would", "could", "can", "should", "may", "might", "must", "shall", "'ll", "wo", "ca"}


def realis(verb: Token) -> bool:
    """True when the text asserts that the event took place (or is taking place).

    False for an event that is negated ("did not respond", "No one was killed"), conditional
    ("if he left", "once the seal is replaced"), under a modal ("would suffer", "could not protect") or only intended,
    ordered or wished in a to-infinitive ("decided to save", "wanted to avoid"). An infinitive
    after an implicative verb ("managed to convince") and a gerund or bare infinitive
    ("succeeded in overthrowing", "help Assad push") share the status of the verb they depend on.
    """
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    subj = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and any(t.lower_ in _NEGATIVE_SUBJECTS for t in subj.subtree):
        return False
    marks = {c.lower_ for c in children if c.dep_ in ("mark", "advmod")}
    if marks & {"if", "unless"}:
        return False
    if marks & {"once", "until", "when", "before"} and tense(verb) == "present":
        return False  # "safe once the seal is replaced": a condition on the future, not a fact
    if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in _MODALS) for c in children):
        return False
    head = verb.head
    if head.dep_ == "prep" and verb.dep_ == "pcomp":
        head = head.head  # "succeeded in overthrowing", "days after seizing Aleppo"
    depends = head.i != verb.i and head.pos_ in ("VERB", "AUX")
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in children):
        return depends and verb.dep_ == "xcomp" and head.lemma_ in _IMPLICATIVE and realis(head)
    if depends and verb.dep_ in ("xcomp", "pcomp", "ccomp") and verb.tag_ in ("VB", "VBG"):
        return realis(head)
    return True


def _phrase(tok: Token | None, limit: int = 6) -> str:
    if tok is None:
        return ""
    left = tok.left_edge.i
    right = min(tok.right_edge.i + 1, left + limit)
    span = tok.doc[left:right]
    return span.text.strip(" ,;:–-")


def _antecedent(pronoun: Token) -> Token:
    """The word a relative pronoun refers to: the nearest noun before it ("Saddam Hussein, who")."""
    k = pronoun.i - 1
    while k > 0 and pronoun.doc[k].is_punct:
        k -= 1
    tok = pronoun.doc[k]
    return tok if tok.pos_ in ("PROPN", "NOUN", "PRON") else pronoun.head.head


def _summary(verb: Token, trigger: Token) -> str:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subj = _antecedent(subj)
    aux = " ".join(c.text for c in verb.children if c.dep_ in ("aux", "auxpass", "neg"))
    obj = trigger if trigger.i != verb.i else next((c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")), None)
    parts = [_phrase(subj, 8) if subj is not None and subj.i != verb.head.i else (subj.text if subj is not None else ""),
             aux, verb.text, _phrase(obj, 6)]
    return " ".join(p for p in parts if p)


def _bounds(value: str, dct: _dt.date) -> tuple[_dt.date | None, _dt.date | None]:
    """First and last calendar day covered by a TimeML value (None where the text gives no bound)."""
    if value == "PRESENT_REF":
        return dct, dct
    if value == "PAST_REF":
        return None, dct
    if value == "FUTURE_REF":
        return dct, None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        day = _dt.date(*map(int, m.groups()))
        return day, day
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return _dt.date(y, mo, 1), _dt.date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        first = _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return first, first + _dt.timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        end_month = 3 * q
        return _dt.date(y, end_month - 2, 1), _dt.date(y, end_month, calendar.monthrange(y, end_month)[1])
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:  # meteorological seasons of the northern hemisphere; winter runs into the next year
        y, first = int(m.group(1)), {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(2)]
        last_y, last_m = (y + 1, 2) if first == 12 else (y, first + 2)
        return _dt.date(y, first, 1), _dt.date(last_y, last_m, calendar.monthrange(last_y, last_m)[1])
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return _dt.date(int(value), 1, 1), _dt.date(int(value), 12, 31)
    return None, None


def timeline(text: str, dct: str | _dt.date) -> pd.DataFrame:
    """Events of ``text`` with their time anchors and two orders.

    Columns: ``event_id`` (e1 ... in reading order), ``sentence_id``, ``trigger`` (verb, or event
    noun after a light verb: "held talks" -> "talks"), ``summary`` (subject, verb, object),
    ``participants`` (canonical entities from :func:`utils.entities.entity_mentions` in the
    event's own clause, "; "-joined; a demonym counts as its country), ``timex_id`` and
    ``value`` of the anchoring time expression (same clause; a "when"-clause and its main clause
    share one; another mention of the same event with the same participants; empty when none),
    ``earliest``/``latest`` (``datetime.date`` or None: what the text supports; a past-tense event
    without a date ends no later than the DCT), ``story_order`` (1 = earliest in the story) and
    ``narrative_order`` (1 = told first); plus ``start, end, tense, relation`` and ``realis``
    (True when the text asserts the event happened; False for negated, conditional, modal or
    merely intended events such as "decided to save", "would suffer", "did not respond": see
    :func:`realis`). Unrealised events keep their rows; filter on ``realis`` to draw only what
    happened.

    Story order sorts by the anchored date. An undated event follows the event told just before
    it in its paragraph; the first undated event of a paragraph goes just before the report's lead
    event (the first event dated to a day: news background explains what led to it) when it is
    in the simple past, and to the DCT when it is negated, in the present perfect or present ("did
    not respond", "have been surprised": states at the time of writing). The past perfect ("had
    surrounded") and "before" put an event before the event it depends on, "after" after it.
    These placements are conventions, not findings; ``relation`` names the cue that was used.
    """
    text, day = _check(text, dct)
    doc = parse(text)
    sent = sentence_of(text)
    # the cached frames themselves (read here, never changed): no copies as the public functions make
    timexes = _temporal_expressions(text, day)
    mentions = _cached_mentions(text, tuple(RULE_NAMES))
    mentions = mentions[mentions.label.isin(PARTICIPANT_LABELS)]
    m_starts, m_ends, m_entities = mentions.start.tolist(), mentions.end.tolist(), mentions.entity.tolist()
    tok_at = token_at(text)
    # the token in which each mention starts (None: between tokens), to test "mention in clause"
    tok_starts = [t.idx for t in doc]
    m_tokens = []
    for start in m_starts:
        k = bisect.bisect_right(tok_starts, start) - 1
        m_tokens.append(k if k >= 0 and start < tok_starts[k] + len(doc[k]) else None)
    timex_gov, timex_of_token = {}, {}
    paragraph_of = {sid: pid for sid, pid, *_ in sentence_rows(text)}
    for timex_id, start, end, value in zip(timexes.timex_id.tolist(), timexes.start.tolist(), timexes.end.tolist(),
                                           timexes.value.tolist(), strict=True):
        first = doc[tok_at[start]]
        span = doc.char_span(start, end, alignment_mode="expand") or doc[first.i : first.i + 1]
        gov = _governor(span.root)
        anchor_verb = _event_anchor(doc, span)
        if anchor_verb is not None and anchor_verb.i == gov.i and anchor_verb.head.i != anchor_verb.i:
            gov = _governor(anchor_verb.head)  # "the day before Assad fled" dates the main clause
        timex_gov[timex_id] = (gov.i, value, start)
        for t in span:
            timex_of_token[t.i] = (timex_id, value)
    events = []
    for trigger, verb in _triggers(doc):
        own = _own_tokens(verb)
        if verb.dep_ in ("xcomp", "conj") and not any(c.dep_.startswith("nsubj") for c in verb.children):
            # "Russia managed to convince Assad": the subject of the governing verb takes part too
            subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            own = sorted({*own, *(subj.subtree if subj is not None else [])}, key=lambda t: t.i)
        own_ids = {t.i for t in own}  # a mention takes part if it starts inside a token of the clause
        people = [entity for k, entity in zip(m_tokens, m_entities, strict=True) if k in own_ids]
        rel = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")), None)
        if verb.dep_ == "relcl" and rel is not None:
            ref = _antecedent(rel)
            head_m = [ent for start, end, ent in zip(m_starts, m_ends, m_entities, strict=True) if start <= ref.idx < end]
            near = {ent for start, ent in zip(m_starts, m_entities, strict=True) if ref.idx - 40 <= start <= ref.idx}
            people = head_m + [p for p in people if p not in near]
        mark = next((c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "while", "as")), "")
        events.append({
            "verb": verb, "trigger_tok": trigger, "sentence_id": sent[trigger.i], "trigger": trigger.text,
            "start": trigger.idx, "end": trigger.idx + len(trigger), "summary": _summary(verb, trigger),
            "participants": "; ".join(dict.fromkeys(people)), "tense": tense(verb), "mark": mark, "lemma": verb.lemma_,
            "timex_id": "", "value": "",
        })
    by_verb = {e["verb"].i: e for e in events}
    for tid, (gov, value, _) in timex_gov.items():
        if gov in by_verb and not by_verb[gov]["timex_id"]:
            by_verb[gov]["timex_id"], by_verb[gov]["value"] = tid, value
    # a "when"-clause and its main clause share their time; another mention of an event shares its date
    for e in events:
        v = e["verb"]
        if not e["timex_id"] and e["mark"] == "when" and v.head.i in timex_of_token:
            e["timex_id"], e["value"] = timex_of_token[v.head.i]
            e["relation"] = "when-clause"
        if not e["timex_id"] and e["mark"] == "when" and v.head.i in by_verb:
            h = by_verb[v.head.i]
            e["timex_id"], e["value"] = h["timex_id"], h["value"]
        for child in v.children:
            c = by_verb.get(child.i)
            if c and c["mark"] == "when" and c["timex_id"] and not e["timex_id"]:
                e["timex_id"], e["value"] = c["timex_id"], c["value"]
    for e in events:
        if e["timex_id"]:
            continue
        same = [o for o in events if o is not e and o["timex_id"] and o["lemma"] == e["lemma"]
                and set(o["participants"].split("; ")) & set(e["participants"].split("; ")) - {""}]
        if same and re.match(r"\d{4}", same[0]["value"]):
            e["timex_id"], e["value"], e["relation"] = same[0]["timex_id"], same[0]["value"], f"same event as {same[0]['trigger']}"
    # bounds and relations
    for e in events:
        e.setdefault("relation", "")
        early, late = _bounds(e["value"], day) if e["value"] else (None, None)
        if late is None and e["tense"] == "past":
            late = day
        if early is None and e["tense"] == "future":
            early = day
        e["earliest"], e["latest"] = early, late
    day_dated = [e for e in events if e["earliest"] is not None and e["earliest"] == e["latest"] and e["value"] and e["value"][0].isdigit()]
    lead = float(day_dated[0]["earliest"].toordinal()) if day_dated else float(day.toordinal())
    order_key: list[float] = []
    for k, e in enumerate(events):
        v = e["verb"]
        if e["value"] and e["earliest"] is not None and e["earliest"] == e["latest"] or re.match(r"\d{4}", e["value"] or ""):
            key = float(e["earliest"].toordinal()) if e["earliest"] else float(day.toordinal())
        else:
            same_para = [j for j in range(k) if paragraph_of[events[j]["sentence_id"]] == paragraph_of[e["sentence_id"]]]
            aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
            negated = any(c.dep_ == "neg" for c in v.children)
            perfect = v.tag_ == "VBN" and aux & {"has", "have", "'s", "'ve"}
            if same_para:
                # no date: just after the event told before it in the same paragraph
                key = order_key[same_para[-1]] + 0.01
            elif negated or perfect or e["tense"] != "past":
                # "did not respond", "have been surprised": the state at the time of writing
                key = float(day.toordinal()) + 0.001 * k
            else:
                # background in the simple past: before the report's lead event (inverted pyramid)
                key = lead - 0.5 + 0.001 * k
            head = by_verb.get(v.head.i)
            if "had" in aux and v.tag_ == "VBN":
                # past perfect: before the event it is told against (its head, or the event before)
                dated = [o for o in events[:k] if o["sentence_id"] == e["sentence_id"] and o["earliest"] is not None]
                ref = dated[-1] if dated else head if head is not None and head is not e else (events[k - 1] if k else None)
                if ref is not None and ref in events[:k]:
                    key = order_key[events.index(ref)] - 0.5
                    if ref["latest"] is not None and (e["latest"] is None or ref["latest"] < e["latest"]):
                        e["latest"] = ref["latest"]  # it happened before the event it is told against
                e["relation"] = e["relation"] or "before (past perfect)"
            elif any(c.lower_ == "then" for c in v.children):
                # "then": after the last event told before it that the text asserts happened
                prev = next((j for j in range(k - 1, -1, -1) if realis(events[j]["verb"])), None)
                if prev is not None:
                    key = max(key, order_key[prev] + 0.01)
                e["relation"] = "after (then)"
            finite = v.tag_ in ("VBZ", "VBP") or aux & {"will", "should", "would", "can", "may", "must", "shall"}
            if e["tense"] in ("present", "future") and not e["value"] and finite:
                key = float(day.toordinal()) + 0.01 * k
        order_key.append(key)
    for e in events:  # explicit signals to an event: "days after seizing Aleppo", "the day before Assad fled"
        v = e["verb"]
        sig = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("after", "before")), None)
        if sig is not None:
            other = next((c for c in sig.children if c.i in by_verb), None)
            if other is not None:
                e["relation"] = e["relation"] or f"{sig.lower_} {other.text}"
                j, i = events.index(by_verb[other.i]), events.index(e)
                if sig.lower_ == "after" and order_key[i] <= order_key[j]:
                    order_key[i] = order_key[j] + 0.05
                if sig.lower_ == "before" and order_key[i] >= order_key[j]:
                    order_key[i] = order_key[j] - 0.05
    rank = sorted(range(len(events)), key=lambda i: (order_key[i], i))
    story = {i: r for r, i in enumerate(rank, start=1)}
    rows = [
        (f"e{i + 1}", e["sentence_id"], e["trigger"], e["summary"], e["participants"], e["timex_id"], e["value"],
         e["earliest"], e["latest"], story[i], i + 1, e["start"], e["end"], e["tense"], e["relation"],
         realis(e["verb"]))
        for i, e in enumerate(events)
    ]
    columns = [*TIMELINE_COLUMNS, "start", "end", "tense", "relation", "realis"]
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    return frame_from_rows(rows, columns, _TIMELINE_DTYPES)


_TIMELINE_DTYPES = {
    "event_id": str, "sentence_id": int, "trigger": str, "summary": str, "participants": str, "timex_id": str,
    "value": str, "earliest": object, "latest": object, "story_order": int, "narrative_order": int,
    "start": int, "end": int, "tense": str, "relation": str, "realis": bool,
}


def relative_expressions(text: str, dct: str | _dt.date) -> pd.DataFrame:
    """The time expressions whose value depends on something else (DCT, previous timex, event).

    Columns: ``timex_id, sentence_id, text, type, value, anchor`` (rows of
    :func:`temporal_expressions` whose anchor is not ``absolute``; durations and sets with no
    anchor are left out).
    """
    frame = temporal_expressions(text, dct)
    keep = ~frame.anchor.isin(["absolute", ""])
    return frame.loc[keep, ["timex_id", "sentence_id", "text", "type", "value", "anchor"]].reset_index(drop=True)


def timeline_agreement(gold: pd.DataFrame, system: pd.DataFrame) -> pd.DataFrame:
    """How far a system timeline agrees with a gold one (both with the :func:`timeline` columns).

    Events are matched by trigger offset (``start``). Returns one row per measure: ``events found``
    (matched / gold), ``value`` (same anchoring value, over matched gold events that have one),
    ``latest`` (same latest day, over matched gold events with a latest day), and ``story order
    pairs`` (pairs of matched events that gold orders, ordered the same way by the system).
    """
    _require_columns = ["start", "value", "latest", "story_order"]
    for frame in (gold, system):
        missing = [c for c in _require_columns if c not in frame.columns]
        if missing:
            raise ValueError(f"timeline_agreement needs the columns {_require_columns}; missing: {missing}.")
    sys_by_start = {int(r.start): r for r in system.itertuples()}
    matched = [(g, sys_by_start[int(g.start)]) for g in gold.itertuples() if int(g.start) in sys_by_start]

    def _day(x: object) -> str:
        return "" if x is None or (isinstance(x, float) and pd.isna(x)) else str(x)[:10]

    valued = [(g, s) for g, s in matched if _day(g.value)]
    bounded = [(g, s) for g, s in matched if _day(g.latest)]
    pairs = same = 0
    for i, (g1, s1) in enumerate(matched):
        for g2, s2 in matched[i + 1 :]:
            if int(g1.story_order) == int(g2.story_order):
                continue
            pairs += 1
            same += (int(g1.story_order) < int(g2.story_order)) == (int(s1.story_order) < int(s2.story_order))
    rows = [
        ("events found", len(matched), len(gold)),
        ("value", sum(_day(g.value) == _day(s.value) for g, s in valued), len(valued)),
        ("latest", sum(_day(g.latest) == _day(s.latest) for g, s in bounded), len(bounded)),
        ("story order pairs", same, pairs),
    ]
    return pd.DataFrame(
        [(m, a, b, a / b if b else float("nan")) for m, a, b in rows], columns=["measure", "agree", "of", "share"]
    )


def gold_timeline_for(text: str) -> pd.DataFrame | None:
    """The hand-made gold timeline (``data/gold/timeline.csv``) if ``text`` is the bundled report, else None."""
    from utils.report import DATA_DIR, is_bundled

    if not is_bundled(text):
        return None
    return pd.read_csv(DATA_DIR / "gold" / "timeline.csv", dtype=str, keep_default_na=False)
