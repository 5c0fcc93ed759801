"""The temporal tagger: TimeML time expressions (TIMEX3) with type and value.

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

In narrative style (history told far from its DCT, see :func:`narrative_style`) relative and
under-specified expressions are resolved against the last dated expression instead of the DCT.

Accuracy on external gold (TimeBank+AQUAINT, WikiWars, Duckling cases) is measured by
``python -m bench.evaluate`` and written to ``bench/ACCURACY.md``. The events and the timeline
are in :mod:`utils.timeline`.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Doc, Span, Token

from utils.calendar_values import (
    _TENS_WORDS,
    DAY_PARTS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    SEASONS,
    UNITS,
    VAGUE,
    WEEKDAYS,
    _duration,
    _granularity,
    _month_year,
    _num,
    _shift,
    _shift_value,
    _unit_code,
    _unknown_day,
    _weekday,
    _year,
    nearest_season,
)
from utils.report import parse_dct
from utils.temporal_rules import (
    RANGE_NAMES,
    RULE_NAMES,
    Ctx,
    find_spans,
    quarter_of_year_unsaid,
    rule_value,
    split_ranges,
    that_unit,
    year_of_period_unsaid,
)
from utils.text import check_words, frame_from_rows, parse, parse_form, sentence_of, text_of, token_at

TIMEX_COLUMNS = ["timex_id", "sentence_id", "start", "end", "text", "type", "value", "anchor"]

REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the present": "PRESENT_REF", "right now": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "today's": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "lately": "PAST_REF", "earlier": "PAST_REF", "once": "PAST_REF",
    "more recently": "PAST_REF", "recent years": "PAST_REF", "the recent past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "a later date": "FUTURE_REF", "the coming years": "FUTURE_REF",
    "later": "FUTURE_REF", "in the future": "FUTURE_REF", "the long term": "FUTURE_REF",
}
# words that may start a candidate of our own (one-token lexicon)
_OWN_SINGLE = {"now", "currently", "recently", "soon", "lately", "nowadays",
               "today", "tonight", "yesterday", "tomorrow", "daily", "weekly", "monthly"}
# every word that can open one of the candidates of _own_candidates (the rest are skipped quickly)
_OWN_STARTS = frozenset(_OWN_SINGLE | set(SEASONS) | set(WEEKDAYS) | set(MONTHS) | {
    "every", "each", "this", "last", "next", "following", "previous", "current", "recent", "future", "past",
    "present", "near", "long", "short", "latest", "later", "earlier",
    *(u + s for u in ("day", "week", "month", "year", "decade", "hour") for s in ("", "s"))})
_PREPOSITIONS = {"on", "in", "at", "by", "since", "until", "till", "during", "for", "from", "to", "of",
                 "over", "within", "through", "throughout", "into", "as", "than", "between", "and",
                 "or", "with", "per", "before", "after", "-", "–", ","}
_CONNECTIVES = {"after", "before", "to", "through", "until", "till", "and", "or", "-", "–", "in"}
_TRAILING = {"'s", "’s", "'", ",", ".", "-", "–", "of", "and", "or", ";", ":", "to",
             "that", "which"}  # a relative pronoun the NER took in: "the quarter that ended June 30"
_TEMPORAL_WORD = re.compile(
    r"\b(now|currently|current|recently|recent|soon|previously|previous|formerly|former|lately|past|future|today|tonight|yesterday|tomorrow|"
    r"daily|weekly|monthly|annual|yearly|hourly|morning|afternoon|evening|night|noon|midnight|"
    r"weekends?|quarters?|latest period|(?:near|short|long) term|later date|seasons?|spring|summer|fall|autumn|winter|century|centuries|decades?|"
    r"(?:second|minute|hour|day|week|month|year)s?|"
    + "|".join(sorted({m for m in MONTHS if len(m) > 2}, key=len, reverse=True))
    + r"|" + "|".join(WEEKDAYS) + r"|fiscal|christmas|thanksgiving|easter|'\d0s)\b"
    r"|\b(?:nineteen|eighteen)[- ](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b"  # a year said aloud
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


# ---------------------------------------------------------------- rules of the engine


@dataclass(frozen=True)
class EngineRule:
    """A named rule that reads the parse (tense, parts of speech, the clause), so it lives in the
    engine's code (``where``) rather than in :data:`utils.temporal_rules.RULES`; ``without=`` switches
    it off by name as it does a rule of that table."""

    name: str
    where: str
    reason: str
    example: str


ENGINE_RULES: list[EngineRule] = [
    EngineRule("soon in a past clause", "_own_candidates",
               "in a past clause 'soon' means shortly after the event told, no time (TimeML marks none), unless the "
               "clause tells a future from the past", "the valley was soon flooded"),
    EngineRule("year before 1800", "_own_candidates, _old_year_start",
               "in a text that tells of old times, a number 1000-1799 after a preposition of time is a year",
               "a bridge stood there from about 1052"),
    EngineRule("bare part of day", "normalize",
               "a part of day with no day told or meant is a part of any day (XXXX-XX-XXTNI)", "smugglers crossed at night"),
    EngineRule("units previously", "_extend",
               "'three years previously' counts back from the time told, as 'three years earlier'", "three years previously"),
    EngineRule("name after a date", "candidate_spans, _name_after_a_date",
               "a name right after a day or month in a date entity is the clause's subject", "on June 4 Pavia was taken"),
]
ENGINE_RULE_NAMES = [rule.name for rule in ENGINE_RULES]


# ---------------------------------------------------------------- candidates and extents


_YEAR = re.compile(r"(1[89]|20)\d\d")


def _own_candidates(doc: Doc, without: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Token spans of our own patterns (things en_core_web_sm does not label DATE/TIME); ``without``:
    names of :data:`ENGINE_RULES` switched off."""
    soon_past, old_year = "soon in a past clause" not in without, "year before 1800" not in without
    spans = []
    strings = doc.vocab.strings
    lowers = [strings[h] for h in doc.to_array("LOWER").tolist()]  # no Token objects for the words skipped below
    n = len(lowers)
    old_times = old_year and len(_OLD_TIMES.findall(text_of(doc))) >= 2  # a text that tells of times before 1800 more than once
    for i, low in enumerate(lowers):
        if low not in _OWN_STARTS and not low[:1].isdigit():
            continue
        tok = doc[i]
        nxt = lowers[i + 1] if i + 1 < n else ""
        prev = lowers[i - 1] if i > 0 else ""
        if low == "soon" and (nxt in ("after", "before") or prev == "as") and (lowers[i + 2:i + 3] != ["possible"]):
            continue  # "as soon as", "soon after the vote": a signal relating two times, not a time (TimeML)
        if soon_past and low == "soon" and tense(tok) == "past" and not _ahead_in_the_past(_governor(tok)):
            continue  # "the town was soon taken": in a past clause "soon" says "shortly after the last event", no time
        if low in ("every", "each") and nxt in ("day", "week", "month", "year", "morning", "evening", "night", "weekend"):
            spans.append((i, i + 2))  # "they pray every day": a set, which the parser's entities often miss
        elif low in _OWN_SINGLE:
            spans.append((i, i + 1))
        elif nxt == "-" and lowers[i + 2:i + 3] == ["long"] and low.rstrip("s") in ("day", "week", "month", "year", "decade", "hour"):
            spans.append((i, i + 3))  # "a year-long war", "decades-long": a duration said as an adjective
        elif low in ("this", "last", "next", "following", "previous") and nxt in ("week", "month", "year", "weekend", "quarter") \
                and not (tok.text.istitle() and doc[i + 1].text.istitle() and not tok.is_sent_start):  # "This Week With ..."
            spans.append((i - 1 if prev == "the" else i, i + 2))  # "this year's harvest", "the following year"
        elif low in SEASONS and tok.pos_ in ("NOUN", "PROPN") and not _named_by_of(doc, i) and (
                low != "fall" or prev in ("the", "in", "that", "this", "last", "next", "early", "late")) \
                and not (low == "fall" and _fall_of_a_quantity(doc, i)):
            early = prev == "in" and i > 1 and lowers[i - 2] in ("early", "late")  # "late in winter"
            told = prev in ("following", "next", "previous") and i > 1 and lowers[i - 2] == "the"  # "the following spring"
            spans.append((i - 2 if early or told else i - 1 if prev in ("the", "that", "this", "last", "next") else i,
                          i + 1))  # "the autumn", "that winter": a season of the year told
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
        elif low in ("near", "long", "short") and prev == "the" and nxt in ("future", "term"):
            spans.append((i - 1, i + 2))
        elif (low == "latest" and prev == "the" and nxt == "period") or (low == "later" and prev == "a" and nxt == "date"):
            spans.append((i - 1, i + 2))  # "the latest period" (the one reported on), "to a later date"
        elif low in WEEKDAYS or (low in MONTHS and tok.pos_ == "PROPN" and low not in ("may", "mar", "jun", "sat", "sun", "jan")):
            spans.append((i, i + 1))
        elif _YEAR.fullmatch(tok.text) and tok.pos_ == "NUM" and nxt not in ("%", "percent"):
            spans.append((i, i + 1))
        elif old_times and _OLD_YEAR.fullmatch(tok.text) and (first := _old_year_start(doc, i)) is not None:
            spans.append((first, i + 1))  # "built in 1147", "from about 1052": an older year
        elif low == "earlier" and tok.dep_ in ("advmod",) and tok.head.pos_ in ("VERB", "AUX") and prev not in ("year", "years", "month", "day", "days", "week", "weeks"):
            spans.append((i, i + 1))
    return spans


def _ahead_in_the_past(verb: Token) -> bool:
    """A future told from a past time ("were going to resume soon", "was soon to be unveiled", "were
    about to leave soon"): the verb is an infinitive, or a "be" or "going" with an infinitive of its own."""
    def infinitive(v: Token) -> bool:
        return any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)
    return infinitive(verb) or ((verb.lemma_ == "be" or verb.lower_ == "going")
                                and any(c.dep_ == "xcomp" and infinitive(c) for c in verb.children))


_OLD_YEAR = re.compile(r"1[0-7]\d\d")
_YEAR_PREPOSITIONS = {"in", "since", "from", "until", "till", "circa", "c."}
_HEDGES = {"about", "around", "approximately", "circa", "c."}
# another year before 1800, a century or an era: the text is a history, where "in 1147" is a year
_OLD_TIMES = re.compile(r"(?<![\d.,$])\b1[0-7]\d\d\b(?![.,]?\d)|\bcentur(?:y|ies)\b|(?-i:\b(?:BCE?|B\.C\.|AD|A\.D\.))(?!\w)",
                        re.I)
# words that make a four-digit number a clock time ("since 1500 on Tuesday", "until 1730 hours")
_CLOCK_WORDS = {"today", "tomorrow", "yesterday", "tonight", "hours", "hrs", "hr", "gmt", "utc", "local", "a.m.", "p.m.",
                "am", "pm", *WEEKDAYS}
# verbs of change: "rose from 1052 to 1100" gives amounts, not years
_CHANGE = {"rise", "fall", "grow", "increase", "decrease", "drop", "climb", "jump", "decline", "reduce", "cut",
           "raise", "lower", "slip", "soar", "plunge", "expand", "shrink", "go", "move", "change"}


def _old_year_start(doc: Doc, i: int) -> int | None:
    """Where a year before 1800 begins ("built in 1147", "from about 1052": the hedge belongs to it),
    when a preposition of time comes before it and neither a noun ("in 1147 cases") nor another
    number follows; None when the number is no year. A verb of change makes it an amount, a day or
    "hours" in the sentence a clock time (the caller asks for a text that tells of old times twice)."""
    k = i - 1 if i > 0 and doc[i - 1].lower_ in _HEDGES else i
    prep = doc[k - 1] if k > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if prep is None or prep.lower_ not in _YEAR_PREPOSITIONS or doc[i].pos_ != "NUM" or prep.head.lemma_ in _CHANGE:
        return None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "NUM") or nxt.lower_ in ("%", "percent")):
        return None
    if any(t.lower_ in _CLOCK_WORDS for t in doc[i].sent):
        return None
    after = doc[i + 2] if i + 2 < len(doc) else None  # "from 1052 to 1100 coins": a range of amounts
    if nxt is not None and nxt.lower_ in ("to", "-", "–", "and", "or") and after is not None and after.like_num:
        return None
    return k


def _named_by_of(doc: Doc, i: int) -> bool:
    """"the fall of the empire", "Summer of Peace": a season word followed by "of" and no year names
    something else (a collapse, an event); "the spring of 1712", "the summer of that year" are times."""
    after = doc[i + 2] if i + 2 < len(doc) else None
    return (i + 1 < len(doc) and doc[i + 1].lower_ == "of" and after is not None and not after.like_num
            and after.lower_ not in ("that", "this", "last", "next"))


def _drop_leading_noun(doc: Doc, start: int, end: int) -> int:
    """"a putsch last year", "a letter several months before", "against 31 a year ago":
    a noun (or a count of something) that the parser took into a date entity is not part of the time."""
    k = start + 1 if doc[start].pos_ == "DET" and start + 2 < end else start
    tok, nxt = doc[k], doc[k + 1] if k + 1 < end else None
    if nxt is None or _TEMPORAL_WORD.search(tok.text) or tok.text in ("AD", "A.D.", "CE", "BC", "BCE"):
        return start  # an era ("AD 1066") is part of the year
    if tok.pos_ in ("NOUN", "PROPN", "X") and nxt.lower_ in ("last", "this", "next", "several", "a", "an", "few", "many", "some"):
        return k + 1  # not before a number: "Easter 2031", "Sat 9th" are one expression
    return k + 1 if tok.pos_ == "NUM" and k == start and nxt.lower_ in ("a", "an") else start


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The token span without leading prepositions, spaces and punctuation ("at least", "over a" stay)."""
    while start < end and (doc[start].lower_ in _PREPOSITIONS or doc[start].is_space or doc[start].is_punct):
        nxt = doc[start + 1].lower_ if start + 1 < end else ""
        if (doc[start].lower_ == "at" and nxt in ("least", "most")) or (doc[start].lower_ == "over" and nxt in ("a", "an") | NUMBERS.keys()):
            break  # "at least 30 days", "over an hour": modifiers TimeML keeps
        start += 1
    start = _drop_leading_noun(doc, start, end)
    while end > start and (doc[end - 1].lower_ in _TRAILING or doc[end - 1].is_space or doc[end - 1].is_punct):
        if doc[end - 1].text == "." and end - 1 > start and doc[end - 2].text.endswith(("a.m", "p.m")):
            break
        end -= 1
    return start, end


def _extend(doc: Doc, start: int, end: int, without: Iterable[str] = ()) -> tuple[int, int]:
    """Take in the words TimeML keeps inside a timex: ago/earlier/later, a part of day, a weekday,
    and "each"/"every" before a weekday or month, which makes it a set ("each Thursday")."""
    n = len(doc)
    if start > 0 and re.fullmatch(r"[1-9]/[2-9]", doc[start].text) and doc[start - 1].like_num:
        start -= 1  # "7 3/4 hours": the whole number belongs to the fraction
    if start > 0 and doc[start - 1].lower_ in ("early", "late") and doc[start].lower_ == "the" and end - start > 1 \
            and doc[start + 1].lower_ in ("next", "following", "previous"):
        start -= 1  # "late the next year": TimeML keeps the modifier in the timex
    if start > 0 and doc[start - 1].lower_ in ("each", "every") and end - start == 1 and (
            doc[start].lower_ in WEEKDAYS or doc[start].lower_ in MONTHS):
        start -= 1
    after = ("ago", "earlier", "later", "before", "hence", *(() if "units previously" in without else ("previously",)))
    while end < n and doc[end].lower_ in after and _has_unit(doc[start:end]):
        if doc[end].lower_ == "before" and end + 1 < n and not doc[end + 1].is_punct and doc[end + 1].lower_ != "that":
            break  # "the day before Assad fled": the clause is the anchor, not part of the timex
        end += 1
    return start, end


def _part_of_day(span: Span) -> bool:
    """A bare part of day or clock time ("morning", "noon", "5 p.m."), which joins a touching date."""
    low = re.sub(r"^(?:early |late |mid-?)", "", span.text.lower())  # "mid-afternoon" + "yesterday"
    return low in (*DAY_PARTS, "noon", "midnight") or bool(re.search(r"\d\s*[ap]\.?m\b", low))


_PART_OF = set(DAY_PARTS) | set(SEASONS) | {"hours"}


def _of_a_date(doc: Doc, a: int, b: int, s: int, e: int) -> bool:
    """A part of a day or of a year joined by "of" to the date or year it is part of: TimeML takes
    the whole phrase ("the evening of 4 June 1877", "the small hours of Jan. 9, 1962",
    "early winter of 215 BC"), whose value is that day's part or that year's season."""
    day = s == b + 2 and doc[b + 1].like_num  # "of 4 June 1877": the day number was no candidate
    return ((s == b + 1 or day) and doc[b].lower_ == "of" and doc[b - 1].lower_ in _PART_OF
            and any(t.like_num for t in doc[b + 1 : e]) and "\n" not in doc[a:e].text)


def _has_unit(span: Span) -> bool:
    return any(t.lower_.rstrip("s") in UNITS or t.lower_ in ("year", "years") for t in span)


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?")


def _before_apposed_day(doc: Doc, t: Token) -> bool:
    """The comma of "April 27, the day before the vote": the date and "the day" are two expressions."""
    return t.text == "," and doc[t.i + 1 : t.i + 4].text.lower() in ("the day before", "the day after")


def _name_after_a_date(doc: Doc, t: Token) -> bool:
    """A name that starts right after a day or a month inside a date entity ("on June 4 Rome fell",
    "toward the end of April the Fourth Regiment marched"): the clause's subject, not part of the date."""
    name = doc[t.i + 1] if t.lower_ == "the" and t.i + 1 < len(doc) else t
    prev = doc[t.i - 1]
    timely = name.lower_ in MONTHS or name.lower_ in WEEKDAYS or (t is name and _TEMPORAL_WORD.search(name.text))
    return (name.text[:1].isupper() and name.pos_ == "PROPN" and not timely and not name.is_sent_start
            and name.text.rstrip(".").upper() not in _ERA_OR_ZONE and (prev.like_num or prev.lower_.rstrip(".") in MONTHS))


_ERA_OR_ZONE = {"AD", "A.D", "CE", "BC", "BCE", "B.C", "EST", "EDT", "CST", "CDT", "PST", "PDT", "MST", "MDT", "GMT", "UTC",
                "CET", "CEST", "BST", "ET"}


def candidate_spans(doc: Doc, text: str | None = None, without: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Token spans (start, end) of time expressions in a parsed Doc, with TimeML extents
    (``without``: names of rules in :data:`utils.temporal_rules.RULES` or :data:`ENGINE_RULES` switched off)."""
    raw = []
    names_end = "name after a date" not in without
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        # split "the quarter ended Sept. 30" at the verb and "Monday after weeks", "Aug. 26 to Oct. 20"
        # at a connective with a time expression on both sides
        iso = _ISO.fullmatch(ent.text)
        end = next((t.i for t in ent if names_end and t.i > ent.start and not iso and _name_after_a_date(doc, t)), ent.end)
        cut = [t.i for t in doc[ent.start:end] if t.i > ent.start and not iso and (t.pos_ == "VERB" or _before_apposed_day(doc, t) or (
            t.lower_ in _CONNECTIVES and t.i + 1 < end and doc[t.i + 1].lower_ not in ("a", "an", "half")
            and not _compound_hyphen(doc, t) and (t.lower_ != "in" or doc[t.i + 1].lower_ in ("the", "this", "that"))
            and _TEMPORAL_WORD.search(doc[ent.start : t.i].text) and _TEMPORAL_WORD.search(doc[t.i + 1 : end].text)))]
        bounds = [ent.start, *cut, end]  # a name after the date ends the entity ("on June 4 Rome fell")
        for a, b in zip(bounds, bounds[1:], strict=False):
            a = a + 1 if a in cut else a
            if a < b:
                raw.append((a, b))
    raw += _own_candidates(doc, without)
    ruled = [0] * (len(doc) + 1)  # ruled[i]: how many first or last tokens of rule matches lie before token i
    for cs, ce in find_spans(doc.text if text is None else text, without):
        span = doc.char_span(cs, ce, alignment_mode="expand")
        if span is not None and len(span):
            raw.append((span.start, span.end))
            ruled[span.start + 1] += 1
            ruled[span.end] += 1
    for i in range(len(doc)):
        ruled[i + 1] += ruled[i]
    spans = []
    for s, e in raw:
        s, e = _trim(doc, s, e)
        if s < e:
            spans.append(_extend(doc, s, e, without))
    # merge overlapping or touching spans ("Friday" + "morning", "5 p.m." + "Friday")
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        touching = merged and s == merged[-1][1] and (_part_of_day(doc[s:e]) or _part_of_day(doc[merged[-1][0] : merged[-1][1]]))
        if merged and (s < merged[-1][1] or touching) and "\n" not in doc[merged[-1][1] - 1 : s + 1].text:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    for k in range(len(merged) - 1, 0, -1):  # "the evening" + "of" + "4 June 1877": one expression
        if _of_a_date(doc, *merged[k - 1], *merged[k]):
            merged[k - 1][1] = merged.pop(k)[1]
    out = []
    for s, e in merged:
        span = doc[s:e]
        txt = span.text
        if not _TEMPORAL_WORD.search(txt) and ruled[e] == ruled[s]:  # no rule match begins or ends inside
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
        if ruled[e] == ruled[s] and _not_a_time(doc, s, e):  # a span a grammar rule matched stays
            continue
        out += _stretch_of_a_year(doc, s, e)
    return out


_STRETCH = re.compile(r"(?:the )?(?:first|last|past|next|final) \S+ (?:months|weeks|days) of ", re.I)


def _stretch_of_a_year(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """"the first seven months of 2011": TimeML marks the stretch (P9M) and the year it lies in (1997)
    as two expressions; any other span is returned whole."""
    m = _STRETCH.match(doc[s:e].text)
    k = s + len(m.group(0).split()) if m else e  # the token after "of"
    if m and k < e and doc[k - 1].lower_ == "of" and _of_a_year(doc, k):
        return [(s, k - 1), (k, e)]
    return [(s, e)]


def _compound_hyphen(doc: Doc, tok: Token) -> bool:
    """A hyphen inside a compound adjective ("the year-ago quarter", "a year-end bonus"), not a range dash."""
    return (tok.text == "-" and not doc[tok.i - 1].whitespace_ and not tok.whitespace_
            and doc[tok.i + 1].lower_ in ("ago", "earlier", "end", "long", "old", "over"))


_CURRENCY = {"$", "€", "£", "¥", "us$", "usd", "eur", "gbp"}
# adjectives that make a unit noun a time expression ("the following day", "a full year"); others
# only judge it ("a nice day", "a great month")
_TIME_ADJECTIVES = {"early", "late", "last", "next", "past", "previous", "following", "same", "recent", "current",
                    "coming", "entire", "whole", "full", "first", "second", "third", "fourth", "final", "single",
                    "long", "short", "new", "old", "prior", "upcoming", "present", "fiscal", "calendar", "half",
                    "additional", "extra", "straight", "consecutive", "further", "earlier", "later", "other",
                    "several", "many", "few", "numerous", "countless"}  # counts: "several years", "a few days"


def _of_a_year(doc: Doc, i: int) -> bool:
    """Whether the words from token i name a year ("1990", "fiscal 1990", "this year", "the year")."""
    words = [t.lower_ for t in doc[i : i + 3]]
    return bool(words) and (doc[i].like_num or words[0] in ("fiscal", "this", "last", "next")
                            or words[:2] in (["the", "year"], ["the", "fiscal"], ["the", "current"], ["the", "calendar"]))


_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "my", "your"}


def _capitalises_months(doc: Doc) -> bool:
    """True when ``doc`` writes some month name (of four letters or more) with a capital; cached on the Doc."""
    if "_capitalised_months" not in doc.user_data:
        doc.user_data["_capitalised_months"] = any(
            t.text[:1].isupper() and t.lower_ in MONTHS and len(t) > 3 and not t.is_sent_start for t in doc)
    return doc.user_data["_capitalised_months"]


def _fall_of_a_quantity(doc: Doc, i: int) -> bool:
    """"the fall in prices", "a fall from grace": "fall" followed by a preposition (other than
    "of" or "in" before a year: "the fall of 1990", "the fall in 1990") is a drop, not autumn."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or nxt.pos_ != "ADP" or nxt.lower_ == "of":
        return False
    return not (i + 2 < len(doc) and re.fullmatch(r"1\d{3}|20\d\d", doc[i + 2].text))


def _month_as_a_name(doc: Doc, i: int) -> bool:
    """"a march across the plateau", "the Salt March": a month's name in lower case after a
    determiner, or in a text that capitalises its month names elsewhere, or after a capitalised
    word that is not a date word, names no month. A text written all in lower case ("we met in
    march") keeps its months."""
    tok = doc[i]
    if tok.text.islower() and len(tok) > 3 and (
            (i > 0 and doc[i - 1].lower_ in _DETERMINERS) or _capitalises_months(doc)):
        return True
    prev = doc[i - 1] if i > 0 else None
    return (prev is not None and prev.text.istitle() and not prev.is_sent_start and prev.pos_ in ("PROPN", "ADJ")
            and prev.lower_ not in MONTHS
            and prev.lower_ not in WEEKDAYS and not prev.like_num and not _TEMPORAL_WORD.fullmatch(prev.text)
            and prev.lower_ not in ("early", "late", "mid", "since", "until", "by", "in", "on", "last", "next", "this"))


def _not_a_time(doc: Doc, s: int, e: int) -> bool:
    """Precision rules: a four-digit number that counts or prices something is no year
    ("2000 kilometers", "$2016"); an evaluative adjective with a unit noun is no date ("Nice day")."""
    toks = doc[s:e]
    if len(toks) == 1 and toks[0].lower_ in MONTHS and _month_as_a_name(doc, s):
        return True
    if len(toks) == 1 and _YEAR.fullmatch(toks[0].text):
        prev = doc[s - 1] if s > 0 else None
        nxt = doc[e] if e < len(doc) else None
        if prev is not None and (prev.lower_ in _CURRENCY or prev.tag_ == "$"):
            return True
        if nxt is not None and nxt.tag_ == "NNS" and not _TEMPORAL_WORD.fullmatch(nxt.text):
            return True
    after = doc[e].lower_ if e < len(doc) else ""
    if re.fullmatch(r"(?:(?:more|less) than |about |nearly |almost |roughly |over |under |just )?(?:a|one|two|three|\d) "
                    r"quarters?", toks.text.lower()) and after == "of" and not _of_a_year(doc, e + 1):
        return True  # "three quarters of the army": a fraction, not three quarters of a year
    words = [t for t in toks if t.lower_ not in ("a", "an", "the", "this", "that")]
    if len(words) >= 2 and words[-1].lower_ in ("day", "days", "week", "weeks", "month", "months", "year", "years"):
        mods = words[:-1]
        if all(t.pos_ == "ADJ" and t.lower_ not in _TIME_ADJECTIVES for t in mods):
            return True
    return False


# ---------------------------------------------------------------- tense and events


def _governor(tok: Token) -> Token:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    return t


# verbs of plan and intention: their infinitive complement lies ahead of the time they were said
_INTENT = {"plan", "intend", "expect", "schedule", "aim", "hope", "promise", "pledge", "vow", "threaten", "prepare",
           "agree", "decide", "propose", "seek", "set"}


def tense(tok: Token) -> str:
    """'past', 'future' or 'present' for the verb that governs ``tok`` ('' when there is none)."""
    verb = _governor(tok)
    if verb.pos_ not in ("VERB", "AUX"):
        return ""
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in ("after", "before", "since", "while"):
        return tense(verb.head.head) if verb.head.head.i != verb.i else ""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if (verb.tag_ == "VBG" and verb.dep_ == "advcl" and not auxes and verb.head.i != verb.i
            and verb.head.pos_ in ("VERB", "AUX") and not any(c.dep_ == "nsubj" for c in verb.children)):
        return tense(verb.head)  # "prices fell, ending at $12 in May": a participle clause shares its main clause's time
    words = {a.lower_ for a in auxes}
    if words & {"will", "shall", "'ll", "wo"} or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'s", "'ve"}:
        return "past"
    if verb.tag_ == "VBN" and not auxes and any(c.dep_ == "nsubj" for c in verb.children):
        return "past"  # a participle with a subject of its own and no auxiliary is a simple past mistagged
    planned = verb.lemma_ in _INTENT and any(c.lower_ in ("for", "to") for c in verb.children)  # "a summit set for April"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ == "acl" and not planned:
        return "past"  # a past participle after a noun tells what was done to it ("the ruling issued Thursday")
    if verb.tag_ == "VB" and "to" in words:
        head = verb.head
        if head.i != verb.i and head.lemma_ in _INTENT and not any(c.lower_ == "had" for c in head.children):
            return "future"  # "planned to leave on Thursday": what is planned lies ahead (unless it "had been" planned)
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            t = tense(head)
            return "future" if t in ("present", "future") else t
    if verb.tag_ == "VBN" and verb.lemma_ in _INTENT and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "rain is expected over the weekend", "talks are scheduled for Monday": what is planned lies ahead
    return "present"


@dataclass
class _Ctx:
    dct: _dt.date
    last: str | None = None  # value of the previous dated timex (for "a year earlier", "the quarter")


# ---------------------------------------------------------------- value normalisation


def _spelled_years(p: str) -> str:
    """Digits for spelled-out years: "nineteen ninety-four" -> "1994", "two thousand" -> "2000"."""
    def nineteen(m: re.Match) -> str:
        tens = NUMBERS[m.group(2)] + (NUMBERS[m.group(3)] if m.group(3) else 0)
        return str(100 * NUMBERS[m.group(1)] + tens)

    p = re.sub(rf"\b(nineteen|eighteen)[- ]{_TENS_WORDS}\b", nineteen, p)
    p = re.sub(r"\btwo thousand(?: and)?[- ](one|two|three|four|five|six|seven|eight|nine|ten)\b",
               lambda m: str(2000 + NUMBERS[m.group(1)]), p)
    return re.sub(r"\b(?:the year )?two thousand\b", "2000", p)


_UNIT_RE = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_NUM_RE = r"(\d+(?:\.\d+)?|a hundred|a thousand|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a few|few|several|some|many|a couple of|a couple|couple of|(?:twenty|thirty|forty|fifty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|half an?|a half)"
_MOD = r"(?:just |only |each of the past |each of the last |at least the past |an additional |an extra |about |around |nearly |almost |roughly |some |approximately |more than |less than |at least |at most |over |under |no more than |barely |just |only |fewer than |up to |the last |the past |the next |the first |the previous |the coming |the latest |the following |the |past |last |next |first |another |over the past |over the last |recent |)"
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"


def _explicit_date(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """ISO dates and times, yyyymmdd and m/d/yyyy."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(:\d{2})?)?", base)
    if m:
        v = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" + (f"T{m.group(4)}:{m.group(5)}{m.group(6) or ''}" if m.group(4) else "")
        return ("TIME" if m.group(4) else "DATE"), v, "absolute"
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", base)
    if m and 1 <= int(m.group(2)) <= 12:
        return "DATE", f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "absolute"
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", base)
    if m:
        y = int(m.group(3)) + (1900 if len(m.group(3)) == 2 and int(m.group(3)) > 30 else 2000 if len(m.group(3)) == 2 else 0)
        return "DATE", f"{y}-{int(m.group(1)):02d}-{int(m.group(2)):02d}", "absolute"
    return None


def _clock_on_day(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """A clock time with am/pm, noon or midnight, on the day the rest of the phrase names."""
    iso = dct.isoformat()
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
    return None


def _part_of_day_value(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """"this morning", "Friday night", "last night", "tonight", "every morning" ("the evening of 4 June 1877"
    is the rule "date with a part of day")."""
    iso = dct.isoformat()
    m = re.fullmatch(
        r"(?:early |late |mid-?)?(morning|afternoon|evening|night) (yesterday|today|tomorrow|" + "|".join(WEEKDAYS) + ")", base)
    if m:
        typ, value, anchor = normalize(m.group(2), dct, when, last)
        day = re.fullmatch(r"(?:BC)?\d{4}-\d\d-(?:\d\d|XX)", value)
        return ("TIME", f"{value}T{DAY_PARTS[m.group(1)]}", anchor) if day else (typ, value, anchor)
    for part, code in DAY_PARTS.items():
        if re.search(rf"\b{part}s?$", base) and base != part + "s":
            rest = re.sub(rf"\b(late |early |mid-?|later )?{part}s?$", "", base).strip()
            if rest in ("", "this", "the", "that", "one", "in the") and part != "tonight":
                if when == "narrative":  # the story's day; of unknown number when it told only a month or year
                    day = last[:10] if last and re.match(r"\d{4}-\d\d-\d\d", last) else _unknown_day(last)
                    return "TIME", f"{day or 'XXXX-XX-XX'}T{code}", "previous timex"
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
    return None


def _decade_or_century(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """"the 1990s", "the '80s", "the 19th century"."""
    m = re.fullmatch(r"(?:the )?(\d{2})(\d)0'?s", base) or re.fullmatch(r"(?:the )?'(\d)0s", base)
    if m:
        if len(m.groups()) == 2:
            return "DATE", m.group(1) + m.group(2), "absolute"
        return "DATE", "19" + m.group(1), "absolute"
    m = re.fullmatch(r"(?:the |a )?(\d{1,2})(?:st|nd|rd|th) century", base)
    if m:
        return "DATE", f"{int(m.group(1)) - 1:02d}", "absolute"
    return None


def _month_date(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """A month with a day and/or a year, or with this/last/next."""
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
    return None


def _year_value(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """A year ("2006", "the year 1999") or a year range ("2005-06", one fiscal year)."""
    m = re.fullmatch(r"(?:the )?(?:years? )?(1\d{3}|20\d{2})", base)
    if m:
        return "DATE", m.group(1), "absolute"
    m = re.fullmatch(r"(?:the )?(1\d{3}|20\d{2})-(\d{2}|\d{4})", base)
    if m:
        return "DURATION", "P1Y", "absolute"
    return None


def _reported_period(last: str | None, dct: _dt.date) -> bool:
    """Whether ``last`` (a year or a quarter) may be the period a report of results is about: begun by the DCT
    and not over a year before it. "Ago" counts from now, so "year-ago" never counts back from an older or a
    forecast period ("the 2020 period ... the year-ago results", written in 2021, are 2020's)."""
    m = re.fullmatch(r"(\d{4})(?:-Q(\d))?", last or "")
    if not m:
        return False
    y, now = int(m.group(1)), dct.year * 4 + (dct.month - 1) // 3
    if not m.group(2):
        return y == dct.year or (y == dct.year - 1 and dct.month <= 3)
    return now - 4 <= y * 4 + int(m.group(2)) - 1 <= now


def _quarter_or_half(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """Quarters and halves of a (fiscal) year, and "a year ago"/"a year earlier"."""
    base = re.sub(r"^(?:the |that )?(?:(?:corresponding|comparable|same) )?(quarter|period) (?:of )?(?:a year (?:ago|earlier)"
                  r"|last year)$", r"the year-ago \1", base)  # "the same period a year earlier": the year-ago period
    qbase = re.sub(r"^(its|their|the company's|the) ", "", base)
    owner = re.match(r"(this|last|next) year's ", qbase)
    year_ago = bool(re.search(r"year[- ](?:ago|earlier)", qbase))
    anchor = last if "ago" not in qbase or _reported_period(last, dct) else None  # "ago" counts from now
    qbase = re.sub(r"^(this|last|next) year's |\byear[- ](?:ago|earlier) ", "", qbase)
    qbase = re.sub(r"fiscal-", "fiscal ", qbase)
    m = re.fullmatch(r"(?:the |a )?(?:(\d{4}) )?(?:flat |final |same |comparable |corresponding |fiscal |calendar )*(first|second|third|fourth|1st|2nd|3rd|4th|last|latest|current|this|that|)(?: fiscal| calendar)? ?(quarter|period|half)( (?:of|in) (?:(?:fiscal|calendar) )?(\d{4}|this year|last year|next year))?", qbase)
    if m and year_ago and not (m.group(2) or m.group(1)):
        if anchor and re.fullmatch(r"\d{4}-Q\d", anchor):
            return "DATE", _shift_value(anchor, "Y", -1), "previous timex"
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
            if year is None:  # a half not yet begun, told in the past: last year's, as a quarter
                return "DATE", f"{year_of_period_unsaid(6 * h - 5, dct, when)}-H{h}", "DCT"
            return "DATE", f"{year}-H{h}", "absolute"
        if which in ORDINALS:
            q = ORDINALS[which]
            if year is None:
                return "DATE", quarter_of_year_unsaid(q, dct, when), "DCT"
            return "DATE", f"{year}-Q{q}", "absolute"
        if year and not which and last and re.fullmatch(r"\d{4}-Q\d", last):
            return "DATE", f"{year}{last[4:]}", "previous timex"
        if year and not which and unit == "quarter":  # "the 2020 quarter": the quarter reported on, in 2020
            return "DATE", f"{year}{_shift(dct, 'Q', -1)[4:]}", "DCT"
        if which.startswith("year"):
            if last and re.fullmatch(r"\d{4}-Q\d", last):
                return "DATE", _shift_value(last, "Y", -1), "previous timex"
            return "DATE", _shift(dct, "Q", -5), "DCT"
        if unit == "period" and not which:
            return "DATE", "XXXX", ""
        if which in ("this", "current"):
            return "DATE", _shift(dct, "Q", 0), "DCT"
        if last and re.fullmatch(r"\d{4}-Q\d", last) and (which in ("", "that") or (which, unit) == ("latest", "period")):
            return "DATE", last, "previous timex"
        return "DATE", _shift(dct, "Q", -1), "DCT"
    rest = re.sub(r"^(?:the )?year[- ](?:ago|earlier) ", "", base)
    if rest != base and not rest.startswith(("quarter", "period", "half")):
        return _duration_or_set(rest, dct, when, last)  # "the year-earlier six months": the same stretch, P6M
    if re.fullmatch(r"(?:the )?year[- ](?:ago|earlier)", base):
        if anchor and re.fullmatch(r"\d{4}(-Q\d)?", anchor):
            return "DATE", _shift_value(anchor, "Y", -1), "previous timex"
        return "DATE", str(dct.year - 1), "DCT"
    return None


def _season_value(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """A season, with its year or this/last/next; "that summer" and "the following spring" take
    the year of the time just told (``last``), the latter the year after it."""
    m = re.fullmatch(r"(this |last |next |the |that |the following |the next |the previous |)(spring|summer|fall|autumn|"
                     r"winter)(?: of (\d{4}|\d{1,4} ?b\.?c\.?))?", base)
    if m:
        which, season, year = m.groups()
        code = SEASONS[season]
        told = re.match(r"\d{4}", last or "")
        step = {"the following ": 1, "the next ": 1, "the previous ": -1, "that ": 0}.get(which)
        if not year and step is not None and told:
            return "DATE", f"{int(told.group(0)) + step:04d}-{code}", "previous timex"
        if not year and step is not None:
            return "DATE", f"{dct.year + step}-{code}", "DCT"
        if year and "b" in year:
            return "DATE", f"BC{int(year.split()[0].rstrip('bc')):04d}-{code}", "absolute"
        if year:
            return "DATE", f"{year}-{code}", "absolute"
        if which in ("last ", "next ") and when != "narrative":
            return "DATE", nearest_season(dct, ("SP", "SU", "FA", "WI").index(code), -1 if which == "last " else 1), "DCT"
        y = dct.year + {"last ": -1, "next ": 1}.get(which, 0)
        return "DATE", f"{y}-{code}", "DCT"
    return None


def _deictic_day(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """today, yesterday, tomorrow, tonight, the day before yesterday."""
    days = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
    if base in days and when == "narrative" and base == "today":
        return "DATE", "PRESENT_REF", "DCT"  # a history's "today" is the time of writing
    if base in days:
        v = (dct + _dt.timedelta(days=days[base])).isoformat()
        return ("TIME", v + "TNI", "DCT") if base == "tonight" else ("DATE", v, "DCT")
    if base in ("the day before yesterday",):
        return "DATE", (dct - _dt.timedelta(days=2)).isoformat(), "DCT"
    return None


def _weekday_value(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """A weekday resolved by its modifier or the tense; "every Monday" is a set."""
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
    return None


def _this_unit(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """"this week", "last month", "the past year", "the weekend", "earlier this year"."""
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
        told = that_unit(unit, last) if which in ("that", "the same") and unit in ("day", "month", "year") else None
        if told:
            return "DATE", told, "previous timex"  # "later that year", "earlier that day": the time just told
        if which == "the following" and last and code in ("Y", "M"):  # anaphoric: after the time just told
            following = _shift_value(last[:4] if code == "Y" else last[:7], code, 1)
            if following and len(following) == (4 if code == "Y" else 7):
                return "DATE", following, "previous timex"
        if which in ("next", "the following") or (which == "the next" and when == "narrative" and code in ("Y", "M", "W")):
            return "DATE", _shift(dct, code, 1), "DCT"  # in a story "the next year" is the year after the story's
        if which in ("the past", "the last", "the next", "a"):
            return "DURATION", _duration(1, code), ""
        if which == "the" and unit in ("year",) and last and re.fullmatch(r"\d{4}", last):
            return "DATE", last, "previous timex"
        if which == "the" and unit == "year":
            return "DURATION", "P1Y", ""
        if which == "the" and unit == "weekend":
            ahead = when == "future" and dct.weekday() < 5  # "expected over the weekend": the coming one
            return "DATE", _shift(dct, "WE", 0 if dct.weekday() >= 5 or ahead else -1), "DCT"
        if which == "the" and unit == "week":
            return "DATE", _shift(dct, "W", 0), "DCT"
        if which == "the" and unit == "day":
            return "DURATION", "P1D", ""
        return "DATE", _shift(dct, code, 0), "DCT"
    m = re.fullmatch(r"(?:earlier|later) (this|last|next) (week|month|year)", base)
    if m:
        which, unit = m.groups()
        return "DATE", _shift(dct, _unit_code(unit), {"this": 0, "last": -1, "next": 1}[which]), "DCT"
    return None


def _year_told(last: str | None) -> int | None:
    """The year of a dated value of any granularity ("2009-SU" -> 2009, "2009-H2" -> 2009), a year
    BC as an astronomical year ("BC0431" -> -430); None for no year."""
    m = re.match(r"(BC)?(\d{4})(?![\d])", last or "")
    if not m:
        return None
    return 1 - int(m.group(2)) if m.group(1) else int(m.group(2))


def _units_from(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """"three years ago", "two days later" (from the previous timex when it counts from it)."""
    m = re.fullmatch(rf"{_MOD}{_NUM_RE}? ?(?:or so |or two |or more )?{_UNIT_RE} (ago|earlier|later|before|after|from now|hence|previously)", base)
    if m:
        n, unit, rel = _num(m.group(1)) if m.group(1) else 1, _unit_code(m.group(2)), m.group(3)
        rel = "earlier" if rel == "previously" else rel  # "three years previously": three years before the time told
        sign = -1 if rel in ("ago", "earlier", "before") else 1
        bare_plural = not m.group(1) and m.group(2).endswith("s")  # "weeks earlier": some weeks, not one
        if n is None or (m.group(1) or "").strip() in VAGUE or bare_plural:
            if rel in ("ago", "earlier", "before"):
                return "DATE", "PAST_REF", "DCT"
            return "DATE", "FUTURE_REF", "DCT"
        n = int(n) if float(n).is_integer() else n
        if last and (rel in ("earlier", "later", "before", "after") or (unit == "Y" and re.fullmatch(r"\d{4}-Q\d", last))) and re.fullmatch(r"\d{4}(-Q\d|-\d{2}(-\d{2})?)?", last):
            years = {"DE": 10, "CE": 100}.get(unit, 1)  # "two decades earlier": 20 years back, as a decade
            shifted = _shift_value(last, _granularity(unit), sign * int(n) * years) if isinstance(n, int) else None
            if shifted and unit in ("DE", "CE"):
                shifted = shifted[:3] if unit == "DE" else shifted[:2]
            if shifted:
                return "DATE", shifted, "previous timex"
        told = _year_told(last) if rel in ("earlier", "later", "before", "after") and unit in ("Y", "DE", "CE") else None
        if told is not None and isinstance(n, int):  # "three years later" after "the summer of 2009", "431 BC"
            y = told + sign * n * {"DE": 10, "CE": 100}.get(unit, 1)
            value = f"{y:04d}" if y > 0 else f"BC{1 - y:04d}"
            return "DATE", value[:3] if unit == "DE" else value[:2] if unit == "CE" else value, "previous timex"
        if isinstance(n, int):
            return "DATE", _shift(dct, unit if unit not in ("TH", "TM", "TS") else "D", sign * n if unit not in ("TH", "TM", "TS") else 0), "DCT"
    return None


def _duration_or_set(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """Durations ("nearly two years", "a year-long war") and sets ("daily", "every March")."""
    m = re.fullmatch(r"(?:an? )?(\w+)[- ]long", base)
    if m and m.group(1).rstrip("s") in UNITS:  # "year-long": one year; "decades-long": some decades
        return "DURATION", _duration(None if m.group(1).endswith("s") else 1, _unit_code(m.group(1))), ""
    m = re.fullmatch(rf"{_MOD}{_NUM_RE}?(?: more| full| straight| consecutive| long| or so| or two| or more| additional| extra| further| trading| business| working| calendar| previous| past| last| next| following| coming| preceding)? ?{_UNIT_RE}(?: long| or so| old| ahead)?(?: of (?:the year|this year|last year|the fiscal year|fiscal \d{{4}}|\d{{4}}))?", base)
    if m and (m.group(1) or re.search(r"s$", m.group(2)) or base.startswith(("the past", "the last", "the next", "the first", "past", "last", "over", "the coming", "the following", "another", "an additional", "an extra", "a further"))):
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
    return None


# words that hedge or count a time without changing its value (TimeML keeps them in the extent, as a
# MOD): "sometime next year", "around Nov. 1", "both 1990", "at least the first quarter", "a two-day visit"
_HEDGE = re.compile(r"^(?:sometime|some time|around|about|approximately|circa|c\.|roughly|almost|nearly|both|at least|at most|(?:as )?(?:early|late"
                    r"|long|soon) as|an?(?= (?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)) (?=\S)", re.I)
# an article before a full date: "a June 3, 1972, ruling", "the Feb. 8, 1966, strike"
_ARTICLE_DATE = re.compile(rf"^(?:an?|the) (?=(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.? \d{{1,2}},? \d{{4}}$)", re.I)


def _within_unit(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """"later in the day", "earlier in the year", "year-end", "the full year": the reference's own
    day or year (the DCT's in news, the story's in a narrative), not a stretch of time."""
    m = re.fullmatch(r"(?:(?:earlier|later|early|late) )?in the (day|week|month|year)", base)
    if m:
        return "DATE", _shift(dct, _unit_code(m.group(1)), 0), "DCT"
    if re.fullmatch(r"(?:around |at |by )?(?:the )?(?:year[- ]end|year's end|end of the year)", base):
        return "DATE", str(dct.year), "DCT"
    if re.fullmatch(r"the (?:full|whole|entire) year", base):
        return "DATE", str(dct.year), "DCT"
    return None


def _last_or_next_date(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """"last Sept. 14": the latest such day before the DCT; "next Sept. 14" the first after it;
    "the next 6 to 9 months": a stretch ahead of a length given as a range (PXM)."""
    m = re.fullmatch(r"(last|next) ((?:" + _MONTH_NAMES + r")\.? \d{1,2}(?:st|nd|rd|th)?)", base)
    if m:
        typ, value, anchor = normalize(m.group(2), dct, "past" if m.group(1) == "last" else "future", last)
        return (typ, value, anchor) if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None
    m = re.fullmatch(r"(?:the )?(?:next|past|last|coming|first) (.+ (?:to|or) .+)", base)
    if m:
        out = normalize(m.group(1), dct, when, last)
        return out if out[0] == "DURATION" else None
    return None


def _weekday_and_date(base: str, dct: _dt.date, when: str, last: str | None) -> tuple[str, str, str] | None:
    """"this coming Saturday, May ninth": a weekday followed by the date it falls on takes the date."""
    m = re.fullmatch(r"((?:this |next |last |the |that |this coming )?(?:" + "|".join(WEEKDAYS) + r")), (.+)", base)
    if m:
        typ, value, anchor = normalize(m.group(2).capitalize(), dct, when, last)  # "October ninth": a month's name
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            return typ, value, anchor
    return None


# the branches of normalize, tried in this order; each gives (type, value, anchor) or None
_BRANCHES = [_explicit_date, _clock_on_day, _part_of_day_value, _decade_or_century, _month_date, _year_value, _quarter_or_half, _season_value, _deictic_day, _weekday_value, _within_unit, _weekday_and_date, _last_or_next_date, _this_unit, _units_from, _duration_or_set]


def normalize(phrase: str, dct: _dt.date, when: str = "", last: str | None = None,
              preceding: str = "", without: Iterable[str] = (), following: str = "") -> tuple[str, str, str]:
    """TimeML ``(type, value, anchor)`` of one time expression.

    ``when`` is the tense of the governing verb ('past', 'future', 'present' or ''), ``last`` the
    value of the previous time expression of the document (for "a year earlier", "the quarter").
    ``anchor`` is ``'absolute'``, ``'DCT'``, ``'previous timex'`` or ``''`` (durations, references).
    Unknown expressions give ``('DATE', 'XXXX', '')``. ``without`` names rules switched off;
    ``preceding`` and ``following`` are the text just before and after the phrase.
    """
    phrase = re.sub(r"^(?:just|only|as (?:early|late|recently|soon) as) (?=\S)", "", phrase.strip(), flags=re.I)
    if re.search(r"\ban? $", preceding, re.I) and phrase.strip().lower() in WEEKDAYS:
        return "DATE", f"XXXX-WXX-{list(WEEKDAYS).index(phrase.strip().lower()) + 1}", ""  # "falls on a Thursday": any one
    hedge = _HEDGE.match(phrase)
    if hedge and hedge.group(0).strip():
        preceding = (preceding + " " + hedge.group(0)).lstrip()  # "around 0900 hours": the hedge is context for a rule
    phrase = _HEDGE.sub("", _ARTICLE_DATE.sub("", phrase))
    phrase = re.sub(r"\b(\d+) ([13])/([24])\b", lambda m: f"{m[1]} and " + {"1/2": "a half", "1/4": "a quarter",
                    "3/4": "three quarters"}.get(f"{m[2]}/{m[3]}", f"{m[2]}/{m[3]}"), phrase)  # "2 1/2 years", "7 3/4 hours"
    p = re.sub(r"\s+", " ", phrase.lower().replace("’", "'").replace("–", "-")).strip()
    p = re.sub(r"\b(the|a|an|of|in) \1\b", r"\1", p)  # a doubled word ("in in late June"), a typo
    p = re.sub(r"(?<=\w)-(?=(year|month|week|day|hour|minute|quarter|decade)s?\b)", " ", p)
    p = re.sub(r"^(the )?(fiscal|calendar) ", r"\1", p) if re.search(r"(fiscal|calendar) (19|20)\d\d$", p) is None else re.sub(r"^(fiscal|calendar) ", "", p)
    p = re.sub(r"(?<=\w) (?:fiscal|calendar) (?=(?:year|quarter|half)\b)", " ", p)  # "the current fiscal year"
    p = re.sub(r"\s+", " ", p)
    p = _spelled_years(p)
    p = re.sub(r"^this past (?=(?:spring|summer|fall|autumn|winter)$)", "last ", p)  # "this past spring"
    ruled = rule_value(re.sub(r"\s+", " ", phrase.replace("’", "'")).strip(),
                       Ctx(dct, when, last, lambda part: normalize(part, dct, when, last, without=without)[:2], preceding,
                           following), without)
    if ruled is not None:
        typ, value, _, told = ruled
        anchor = (told if told else "" if typ in ("DURATION", "SET")
                  else "absolute" if re.search(r"\d{4}|\bb\.?c", p) else "DCT")
        return typ, value, anchor
    base = re.sub(r"^(?:all|the|that) day (?=(?:" + "|".join(WEEKDAYS) + r")$)", "", p)  # "all day Tuesday": that day
    m = re.match(r"^(early|late|mid|middle|the start of|the beginning of|the end of|the middle of|the early|the late|the mid|end of|start of|later|earlier)[- ](.+)$", p)
    if m and m.group(2) not in ("", "this"):
        base = re.sub(r"^in (?=(?:spring|summer|fall|autumn|winter)$)", "", m.group(2))  # "late in winter": late winter
        base = re.sub(r"^the ", "", base) if re.match(r"the (\d{4}|'?\d0)s", base) else base
    # --- references
    if p in REFS:
        return "DATE", REFS[p], "DCT"
    if p in ("morning", "afternoon", "evening", "night") and "bare part of day" not in without:  # "crossed at night"
        return "TIME", f"XXXX-XX-XXT{DAY_PARTS[p]}", ""
    for branch in _BRANCHES:
        out = branch(base, dct, when, last)
        if out is not None:
            return out
    if base != p:  # "early 1990", "late November": the value of the core expression
        return normalize(base, dct, when, last, without=without)
    return "DATE", "XXXX", ""


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


_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _index_event(doc: Doc, row: dict, events: dict[str, list[tuple[int, str, str]]]) -> None:
    """Record a row dated to a calendar day under the lemma of its governing verb: per lemma the
    first such row and the first one governed by another token (all that :func:`_event_day` needs)."""
    if not _DAY_VALUE.fullmatch(str(row["value"])):
        return
    head = _governor(doc[row["_tok"]])
    seen = events.setdefault(head.lemma_, [])
    if len(seen) < 2 and all(i != head.i for i, _, _ in seen):
        seen.append((head.i, row["value"], head.text))


def _event_day(verb: Token, events: dict[str, list[tuple[int, str, str]]]) -> tuple[str, str] | None:
    """The calendar day of another mention of the same event (same lemma) that a timex dates."""
    for i, value, word in events.get(verb.lemma_, []):
        if i != verb.i:
            return value, word
    return None


def tag_doc(doc: Doc, dct: str | _dt.date, without: Iterable[str] = ()) -> pd.DataFrame:
    """Tag a parsed Doc: columns ``start, end, text, type, value, anchor`` (offsets into ``doc.text``).

    ``without`` names rules of :data:`utils.temporal_rules.RULES` to switch off (ablation)."""
    day = parse_dct(dct)
    if day is None:
        raise ValueError("A document creation time (DCT) is needed, e.g. '2024-12-11'.")
    rows = _tag_rows(doc, day, _rule_names(without))
    columns = ["start", "end", "text", "type", "value", "anchor"]
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    return frame_from_rows([tuple(row[c] for c in columns) for row in rows], columns, _TIMEX_DTYPES)


_TIMEX_DTYPES = {"timex_id": str, "sentence_id": int, "start": int, "end": int, "text": str, "type": str,
                 "value": str, "anchor": str}


_EXPLICIT_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")
_BC_YEAR = re.compile(r"\b\d{1,4} ?(?:BCE?|B\.C\.)(?![a-z])")
_DEICTIC = re.compile(r"\b(?:today|yesterday|tomorrow|tonight|ago|(?:this|last|next) (?:week|month)|"
                      r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_BARE_DATE = re.compile(rf"(?:(?:early|late|mid|the end of|the beginning of|the middle of)[- ])?(?:{_MONTH_NAMES})\.?"
                        rf"(?: \d{{1,2}}(?:st|nd|rd|th)?)?|\d{{1,2}} (?:{_MONTH_NAMES})\.?")


def _mostly_past(text: str, dct: _dt.date) -> bool:
    """At least five explicit years and 60% of them more than a year from the DCT: a text that
    tells much background, where a month without a year in a past clause follows the story."""
    years = [int(y) for y in _EXPLICIT_YEAR.findall(text)]
    far = sum(y < dct.year - 1 for y in years)
    return far >= 5 and far >= 0.6 * len(years)


def narrative_style(text: str, dct: _dt.date) -> bool:
    """True when ``text`` tells a story far from its DCT (history), False for news style.

    Decided from the text alone: at least five explicit years (four digits), at least 80% of them
    more than a year before the DCT (a year near the DCT counts against the story), and fewer
    deictic words (today, yesterday, a weekday, ago ...) than 0.4 per such year. A news report
    names the years of its background now and then, but it also names recent years and counts
    days from the time of writing ("yesterday", "on Monday"); a history is dated by far years
    and hardly ever says "yesterday". A long chronicle is a history even when its last years
    reach up to the DCT (a war still going on): twenty or more far years with fewer than one
    deictic word per ten of them.
    """
    bc = len(_BC_YEAR.findall(text)) if "BC" in text or "B.C." in text else 0
    years = [int(y) for y in _EXPLICIT_YEAR.findall(text)] + [0] * bc  # 0 stands for a year BC
    far = sum(y < dct.year - 1 for y in years)  # a story lies before its telling; plans for 2050 do not count
    if far < 5:
        return False
    deictic = len(_DEICTIC.findall(text))
    if far >= 20 and deictic < 0.1 * far:
        return True
    return far >= 0.8 * len(years) and deictic < 0.4 * far


_MIRROR = 10000  # year y BC is computed as the year 10000 - y (see _mirror_bc)


def _mirror_bc(value: str | None) -> str | None:
    """A BC value on the mirror calendar, where year y BC is the year 10000 - y ("BC0215-WI" ->
    "9785-WI"), so that the date arithmetic of AD years works for a story told in BC years: the
    year after 215 BC (9786) is 214 BC. Other values are returned as they are."""
    m = re.fullmatch(r"BC(\d{4})(.*)", value or "")
    return f"{_MIRROR - int(m.group(1)):04d}{m.group(2)}" if m and int(m.group(1)) > 0 else value


def _unmirror_bc(value: str) -> str:
    """The inverse of :func:`_mirror_bc` for a value computed on the mirror calendar (a year from
    5000 on, or a decade from 500 on); "9520-SU" -> "BC0480-SU", the decade "952" -> "BC048"."""
    m = re.fullmatch(r"([5-9]\d{3})(\D.*)?", value)
    if m:
        return f"BC{_MIRROR - int(m.group(1)):04d}{m.group(2) or ''}"
    m = re.fullmatch(r"[5-9]\d\d", value)
    return f"BC{(_MIRROR - 10 * int(value)) // 10:03d}" if m else value


def _reference_day(value: str | None) -> _dt.date | None:
    """A calendar day standing for a TimeML value (mid-year for a year, mid-month for a month,
    the Monday of a week); a BC value on the mirror calendar of :func:`_mirror_bc`."""
    w = re.match(r"(\d{4})-W(\d{2})", value or "")
    if w and 1 <= int(w.group(2)) <= 53:
        try:
            return _dt.date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1)
        except ValueError:
            return None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", _mirror_bc(value) or "")
    if not m or int(m.group(1)) < 1:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        return _dt.date(year, int(month) if month else 7, int(day) if day else (15 if month else 1))
    except ValueError:
        return None


# "a year ago", "the year-earlier quarter": a comparison in a report of results; the report stays
# at its own time, so the next "a year earlier" is counted from that time, not from the comparison
_COMPARISON = re.compile(r"\b(?:year|a year)[- ](?:ago|earlier)\b", re.I)


_MODALS = {"would", "could", "might", "may", "should", "will", "shall", "'d", "'ll", "must"}


def _aside(doc: Doc, span: Span, value: str, last: str | None) -> bool:
    """True when a dated expression of a narrative does not move the story's time: "since 388 BC"
    and "until the surrender of the port in 1713" name where a state began or ended, not where the story
    is; a later date in a clause with a modal ("would fall in 1852") is a plan; a year before the
    story that only describes a thing ("the election of 1943", "a treaty signed in 1901") a look back."""
    if span.start > 0 and doc[span.start - 1].lower_ == "since":
        return True
    before = doc[max(0, span.start - 8) : span.start]
    if any(t.lower_ in ("until", "till") for t in before) and not any(t.is_punct for t in before):
        return True  # "a blockade that held until the surrender of the port in 1713": where a state ended
    verb = _governor(span.root)
    if _looks_back(last or "", value) and any(c.lower_ in _MODALS for c in verb.children if c.dep_ == "aux"):
        return True  # "the bridge would be finished for a fair in 1904": a plan ahead of the story
    if not re.fullmatch(r"(?:BC)?\d{4}", value) or not _looks_back(value, last):
        return False  # only a bare year before the story's reference
    head = span.root.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    return head.i != span.root.i and (head.pos_ in ("NOUN", "PROPN") or head.dep_ in ("acl", "relcl"))


def _looks_back(value: str, last: str | None) -> bool:
    """True when ``value``, counted back from the previous timex ``last`` ("a year earlier", "the
    previous year"), lies before it: a look back dates an aside, and the story stays where it was."""
    here, there = _reference_day(value), _reference_day(last)
    return here is not None and there is not None and here < there


def _rule_names(without: Iterable[str] | str) -> tuple[str, ...]:
    """``without`` as a sorted tuple of rule names (a cache key); an unknown name is an error."""
    names = (without,) if isinstance(without, str) else tuple(without)
    unknown = [n for n in names if n not in RULE_NAMES and n not in RANGE_NAMES and n not in ENGINE_RULE_NAMES]
    if unknown:
        raise ValueError(f"Unknown rule name(s) {unknown}; see utils.temporal_rules.RULE_NAMES and ENGINE_RULE_NAMES.")
    return tuple(sorted(set(names)))


Part = tuple[int, int, str]  # (start char, end char, the phrase the part stands for)


def _with_ranges(doc: Doc, text: str, spans: list[tuple[int, int]],
                 without: Iterable[str] = ()) -> list[tuple[int, int, tuple[Part, ...] | None]]:
    """Candidate spans with the ranges and lists of :func:`utils.temporal_rules.split_ranges` marked:
    the candidates a range overlaps become one span carrying its parts, when they hold nothing
    but the range (and connecting punctuation); every other span carries None."""
    spans = sorted(spans)  # candidates do not overlap: their starts and ends are both sorted
    firsts = [doc[s].idx for s, _ in spans]
    lasts = [doc[e - 1].idx + len(doc[e - 1]) for _, e in spans]
    joined: dict[int, tuple[int, int, tuple[Part, ...]]] = {}  # first candidate of a range -> the range
    used: set[int] = set()
    for parts, _name in split_ranges(text, without):
        rs, re_ = parts[0][0], parts[-1][1]
        hit = range(bisect.bisect_right(lasts, rs), bisect.bisect_left(firsts, re_))
        whole = doc.char_span(rs, re_, alignment_mode="expand")
        if not hit or whole is None or used.intersection(hit):
            continue  # no candidate there: the range is not taken for a time
        s, e = min(whole.start, spans[hit[0]][0]), max(whole.end, spans[hit[-1]][1])
        starts = {t.idx for t in doc[s:e]}
        if any(part[0] not in starts for part in parts):
            continue  # a part begins inside a token ("1990-95" as one token)
        lead = text[doc[s].idx:rs]
        if not re.fullmatch(r"[\s,]*(?:the\s+)?", lead, re.I) or text[re_:doc[e - 1].idx + len(doc[e - 1])].strip(" ,."):
            continue  # the candidates hold more than the range ("Friday, Oct 21 and 22")
        if lead.strip(" ,"):
            parts = ((doc[s].idx, *parts[0][1:]), *parts[1:])  # "the 3rd and 4th of May": "the 3rd"
        used.update(hit)
        joined[hit[0]] = (s, e, parts)
    out: list[tuple[int, int, tuple[Part, ...] | None]] = []
    for k, (s, e) in enumerate(spans):
        if k in joined:
            out.append(joined[k])
        elif k not in used:
            out.append((s, e, None))
    return out


def _apposed_day(doc: Doc, span: Span, tva: tuple[str, str, str], rows: list[dict]) -> tuple[str, str, str]:
    """"May 4, the day before the vote": "the day" set beside a date by a comma names that same date."""
    if span.text.lower() != "the day" or span.start < 2 or doc[span.start - 1].text != "," or not rows \
            or span.end >= len(doc) or doc[span.end].lower_ not in ("before", "after"):
        return tva
    prev = rows[-1]
    if prev["end"] == doc[span.start - 1].idx and re.fullmatch(r"\d{4}-\d\d-\d\d", prev["value"]):
        return "DATE", prev["value"], f"apposition ({prev['value']})"
    return tva


def _tag_rows(doc: Doc, day: _dt.date, without: tuple[str, ...] = ()) -> list[dict]:
    """The rows of :func:`tag_doc` as dicts (plus ``_tok``, the index of each span's root).

    In narrative style (:func:`narrative_style`) an under-specified expression ("May", "the next
    morning", "the following year") is resolved against the last dated expression before it, not
    against the DCT, and the tense of its clause is not used (a story is told in the past
    throughout); in news style against the DCT with the tense.
    """
    rows: list[dict] = []
    events: dict[str, list[tuple[int, str, str]]] = {}  # see _index_event
    last = None
    text = parse_form(text_of(doc))  # Doc.text would join every token again; this is the same string
    narrative = narrative_style(text, day)
    background = _mostly_past(text, day)
    for s, e, parts in _with_ranges(doc, text, candidate_spans(doc, text, without), without):
        span = doc[s:e]
        when, ref = _span_context(doc, span, day, last, narrative, background)
        # a range or list ("Oct 21 and 22") gives one row per part, valued as the phrase it stands for
        for cs, ce, phrase in parts or ((span.start_char, span.end_char, span.text),):
            preceding, following = text[max(0, cs - 12) : cs], text[ce : ce + 12]
            told = None
            if ref is not None:
                typ, value, anchor = normalize(phrase, ref, "narrative", _mirror_bc(last), preceding, without, following)
                value = _unmirror_bc(value) if ref.year >= _MIRROR // 2 else value  # a BC story
                anchor = {"DCT": f"narrative reference {last}"}.get(anchor, anchor)
                told = value
            if told is not None and _after(told, day):
                told = None  # a story lies before its telling: a value after the DCT is read as news
            if told is None:
                typ, value, anchor = normalize(phrase, day, when, last, preceding, without, following)
                anchor = {"DCT": f"DCT {day.isoformat()} ({when or 'no'} tense)"}.get(anchor, anchor)
            if parts is None:
                typ, value, anchor = _event_shift(doc, span, (typ, value, anchor), events)
                typ, value, anchor = _the_year(doc, span, (typ, value, anchor), ref or day)
                typ, value, anchor = _clock_on_the_day_told((typ, value, anchor), phrase, day, last)
                typ, value, anchor = _apposed_day(doc, span, (typ, value, anchor), rows)
            shifted_from_last = anchor == "previous timex"
            if shifted_from_last and last:
                anchor = f"previous timex ({last})"
            if re.match(r"(?:BC)?\d{4}", value) and typ in ("DATE", "TIME") and (narrative or not shifted_from_last) \
                    and not ((shifted_from_last or re.search(r"\bago\b", phrase, re.I)) and _looks_back(value, last)) \
                    and not (not narrative and _COMPARISON.search(phrase)) \
                    and not (narrative and _aside(doc, span, value, last)) \
                    and not (narrative and told is None and _NOW_UNIT.fullmatch(span.text)):  # read as news
                last = value[:10] if typ == "TIME" else value
            rows.append({"start": cs, "end": ce, "text": text[cs:ce], "type": typ,
                         "value": value, "anchor": anchor, "_tok": span.root.i})
            _index_event(doc, rows[-1], events)
    return rows


# verbs that move a thing to a later time ("postponed the vote until Tuesday") and verbs of arranging one
# ahead ("scheduled a hearing Friday", "set a vote for Monday"): the time they give lies after the act
_PUT_OFF = {"postpone", "delay", "defer", "adjourn", "extend", "reschedule", "push"}
_ARRANGE = {"plan", "schedule", "reschedule", "set"}


def _points_ahead(doc: Doc, span: Span, verb: Token) -> bool:
    """Whether ``span`` is the time a past verb of postponing or arranging points to (not when it was done)."""
    root = span.root
    prep = root.head if root.dep_ == "pobj" else None
    if (prep.head if prep is not None else root.head).i != verb.i or any(c.lower_ == "had" for c in verb.children):
        return False  # not the verb's own time, or a plan told as past ("had planned a strike on Monday")
    word = prep.lower_ if prep is not None else ""
    if verb.lemma_ in _PUT_OFF:
        return word in ("until", "till", "to")
    if verb.lemma_ in _ARRANGE and word == "for":
        return True
    return verb.lemma_ in ("plan", "schedule") and any(c.dep_ == "dobj" and c.i < span.start for c in verb.children)


def _span_context(doc: Doc, span: Span, day: _dt.date, last: str | None, narrative: bool,
                  background: bool) -> tuple[str, _dt.date | None]:
    """The tense a span is read in and, when the story (not the DCT) anchors it, its reference day."""
    s = span.start
    when = tense(span.root)
    if not when and not any(t.pos_ in ("VERB", "AUX") for t in span.sent):
        when = "future"  # a verbless fragment ("Monday at 9", a diary line) names a coming time
    if when == "past" and _points_ahead(doc, span, _governor(span.root)):
        when = "future"  # "officials postponed the vote until Tuesday": Tuesday lies ahead
    elif s > 0 and doc[s - 1].lower_ in ("until", "till", "through") and when == "past" \
            and _governor(span.root).lemma_.lower() not in _LASTING:
        when = ""  # "were cancelled until Sunday": the state runs on past the clause, toward the DCT and beyond
        # (a verb of lasting in the past ended there: "the strike lasted until Sunday" looks back)
    if "since" in (t.lower_ for t in doc[max(0, s - 4) : s]) and not any(t.is_punct for t in doc[max(0, s - 4) : s]):
        when = "past"  # "ever since the Sept. 30 landslide": what something lasts since lies behind
    ref = _reference_day(last) if narrative else None
    if ref is not None and _DEICTIC_DAY.fullmatch(span.text) and not re.match(r"\d{4}-\d\d-\d\d", last or ""):
        ref = None  # "on Monday" after a story that named only a year or month: no day of it, a day of the news
    if ref is not None and when in ("present", "future") and _NOW_UNIT.fullmatch(span.text):
        ref = None  # "the company expects losses next year": counted from the time of writing, not the story
    if ref is None and background and when == "past" and _BARE_DATE.fullmatch(span.text.lower()):
        back = _reference_day(last)  # news telling background: "In 2003 ... On April 9, ..."
        ref = back if back is not None and back.year <= day.year - 2 else None
    return when, ref


# verbs that say how long something went on: in the past tense, "until <time>" is where it ended
_LASTING = {"last", "hold", "continue", "run", "stay", "remain", "persist", "rage", "endure", "linger", "drag"}


_DEICTIC_DAY = re.compile(r"(?:(?:on|last|this|next|early|late) )?(?:yesterday|tomorrow|"
                          r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?: (?:morning|afternoon|evening|night))?", re.I)


_NOW_UNIT = re.compile(r"(?:this|next|last) (?:week|weekend|month|quarter|year)|" + _DEICTIC_DAY.pattern, re.I)


def _after(value: str, day: _dt.date) -> bool:
    """True when the TimeML ``value`` (a year, month or day; other values never) lies after ``day``."""
    m = re.match(r"\d{4}(?:-\d\d(?:-\d\d)?)?(?![\dWQHSFX])", value)
    return bool(m) and m.group(0) > day.isoformat()[: len(m.group(0))]


_DAY_WORDS = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|\w+day|morning|afternoon|evening|night|\d{4}|"
                        + _MONTH_NAMES + r")\b", re.I)


def _clock_on_the_day_told(tva: tuple[str, str, str], phrase: str, day: _dt.date, last: str | None) -> tuple[str, str, str]:
    """"The dam burst on May 2 ... at 4 a.m.": a clock time without a day of its own is on the
    day just told, when the text told one, not on the DCT."""
    typ, value, anchor = tva
    told = last[:10] if last and re.fullmatch(r"\d{4}-\d\d-\d\d", last[:10]) else None
    if typ == "TIME" and told and value.startswith(day.isoformat() + "T") and not _DAY_WORDS.search(phrase):
        return typ, told + value[10:], f"previous timex ({told})"
    return tva


def _the_year(doc: Doc, span: Span, tva: tuple[str, str, str], day: _dt.date) -> tuple[str, str, str]:
    """"For the year, volume was flat": "the year" alone is the year of the report (of the story in a
    narrative); "the year ended June 30" is a (fiscal) year's length, P1Y."""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if tva[:2] == ("DURATION", "P1Y") and span.text.lower() == "the year" and after not in ("ended", "ending", "to", "through"):
        return "DATE", _unmirror_bc(str(day.year)), tva[2] or "DCT"
    return tva


def _event_shift(doc: Doc, span: Span, tva: tuple[str, str, str],
                 events: dict[str, list[tuple[int, str, str]]]) -> tuple[str, str, str]:
    """"three days after the vote": the duration counted from the day another mention of the event is dated."""
    typ, value, anchor = tva
    verb = _event_anchor(doc, span)
    if verb is None:
        return tva
    found = _event_day(verb, events)
    sign = -1 if doc[span.end].lower_ == "before" else 1
    unit_n = re.fullmatch(r"P(\d+)([DWMY])", value) if typ == "DURATION" else None
    if found and unit_n:
        n, unit = int(unit_n.group(1)), unit_n.group(2)
        shifted = _shift_value(found[0], unit, sign * n)
        if shifted:
            typ, value = "DATE", shifted
    return typ, value, f"event '{verb.text}'" + (f" ({found[1]} = {found[0]})" if found else "")


def gold_timexes_for(text: str) -> pd.DataFrame | None:
    """The hand-made gold timexes (``data/gold/timex.csv``) if ``text`` is the bundled report, else None."""
    from utils.report import DATA_DIR, is_bundled

    if not is_bundled(text):
        return None
    return pd.read_csv(DATA_DIR / "gold" / "timex.csv", dtype={"value": str}, keep_default_na=False)


def compare_timexes(gold: pd.DataFrame, system: pd.DataFrame) -> pd.DataFrame:
    """Each gold timex beside the system's at the same extent: columns ``start, end, text,
    type_gold, value_gold, type_tagger, value_tagger`` (the tagger's NaN where it found no timex
    with that exact extent) and ``right`` (extent, type and value all agree)."""
    compared = gold[["start", "end", "text", "type", "value"]].merge(
        system[["start", "end", "type", "value"]], on=["start", "end"], how="left", suffixes=("_gold", "_tagger"))
    compared["right"] = (compared.type_gold == compared.type_tagger) & (compared.value_gold == compared.value_tagger)
    return compared


def temporal_expressions(text: str, dct: str | _dt.date, without: Iterable[str] = ()) -> pd.DataFrame:
    """TimeML time expressions of ``text`` resolved against the document creation time ``dct``.

    Columns: ``timex_id`` (t1, t2 ... in reading order), ``sentence_id``, ``start``, ``end``,
    ``text`` (``text[start:end]``), ``type`` (DATE, TIME, DURATION, SET), ``value`` (TimeML), and
    ``anchor`` (what a relative value was resolved against: ``absolute``, ``DCT ... (past tense)``,
    ``previous timex (...)``, ``event '<verb>' (...)``, or empty). A text without time expressions
    gives an empty frame with these columns. Raises ``TypeError``/``ValueError`` for non-text or
    text without letters, and :class:`utils.report.InvalidDCTError` for an impossible DCT.
    ``without`` names rules of :data:`utils.temporal_rules.RULES` to switch off (ablation);
    an unknown name raises ``ValueError``.
    """
    off = _rule_names(without)  # passed only when set: timeline calls (text, day) and shares the cache
    return (_temporal_expressions(*_check(text, dct), off) if off else _temporal_expressions(*_check(text, dct))).copy()


@functools.lru_cache(maxsize=64)
def _temporal_expressions(text: str, day: _dt.date, without: tuple[str, ...] = ()) -> pd.DataFrame:
    """:func:`temporal_expressions` computed once per text, DCT and set of rules off (callers get a copy)."""
    doc = parse(text)
    rows = _tag_rows(doc, day, without)
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


