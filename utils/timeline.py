"""Events and the timeline of a report: triggers, participants, dates, story vs narrative order.

:func:`timeline` turns the parse into events (verbs, and event nouns after a light verb), ties
them to the time expressions of :mod:`utils.temporal` and orders them twice: as told and as
happened.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import re

import pandas as pd
from spacy.tokens import Doc, Token

from utils.entities import RULE_NAMES, _cached_mentions, given_name_gender
from utils.temporal import (
    _check,
    _event_anchor,
    _governor,
    _temporal_expressions,
    temporal_expressions,
    tense,
)
from utils.text import frame_from_rows, parse, sentence_of, sentence_rows, token_at

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


# personal pronouns: the object form that cannot share a referent with the subject of its clause
# ("he offered him": two people), and the entity labels each may refer to
_PRONOUNS = {"he": ("him", ("PERSON",)), "she": ("her", ("PERSON",)), "it": ("it", ("ORG", "GPE", "NORP", "LOC")),
             "they": ("them", ("ORG", "GPE", "NORP", "PERSON"))}


def _subject(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``; a verb without one takes that of the verb it depends on
    (xcomp, conj, advcl). A personal pronoun subject whose object form is also the verb's object
    ("he ... offered him") cannot be its agent (English uses "himself" for that), so the search
    climbs on to the next subject (a clause attached to the wrong verb by the parser)."""
    v, inherited = verb, False
    for _ in range(6):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        objects = {c.lower_ for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")}
        bound = subj is not None and subj.lower_ in _PRONOUNS and _PRONOUNS[subj.lower_][0] in objects
        if subj is not None and not bound:
            return subj
        if v.head.i == v.i or v.head.pos_ not in ("VERB", "AUX") or not (bound or inherited or v.dep_ in (
                "xcomp", "conj", "advcl")):
            return None
        v, inherited = v.head, inherited or bound
    return None


def _in_subject(tok: Token) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in (tok, *tok.ancestors) if t.pos_ not in ("VERB", "AUX"))


def _gender_fits(pronoun: str, entity: str, label: str) -> bool:
    """A person may be "he" or "she" unless the given name of the canonical name is of the other
    gender (:func:`utils.entities.given_name_gender`): "Ann Lee" is not "he"."""
    if pronoun not in ("he", "she") or label != "PERSON" or not isinstance(entity, str):
        return True
    return given_name_gender(entity) in (None, pronoun)


class _Mentions:
    """The participant mentions of a text (in order of start), indexed once: by the token each starts
    in, by start offset, and per kind of personal pronoun for :func:`_agent`."""

    def __init__(self, doc: Doc, mentions: pd.DataFrame, sources: set[int]) -> None:
        order = sorted(range(len(mentions)), key=mentions.start.tolist().__getitem__)  # stable
        self.starts = [int(mentions.start.iat[j]) for j in order]
        self.ends = [int(mentions.end.iat[j]) for j in order]
        self.entities = [mentions.entity.iat[j] for j in order]
        labels = [mentions.label.iat[j] for j in order]
        self.max_len = max((e - s for s, e in zip(self.starts, self.ends, strict=True)), default=0)
        tok_starts = [t.idx for t in doc]
        self.tokens: list[int | None] = []  # the token in which each mention starts (None: between tokens)
        for start in self.starts:
            k = bisect.bisect_right(tok_starts, start) - 1
            self.tokens.append(k if k >= 0 and start < tok_starts[k] + len(doc[k]) else None)
        self.at_token: dict[int, list[int]] = {}  # token -> the mentions starting in it
        for j, k in enumerate(self.tokens):
            if k is not None:
                self.at_token.setdefault(k, []).append(j)
        # per personal pronoun: the fitting mentions outside source phrases (for "he" and "she", not a
        # person whose given name is of the other gender), whether each is in a subject, and the last
        # such subject mention up to each position
        self.fitting: dict[str, tuple[list[int], list[int], list[bool], list[int]]] = {}
        for pronoun, (_obj, fits) in _PRONOUNS.items():
            js = [j for j, k in enumerate(self.tokens) if labels[j] in fits and k is not None and k not in sources
                  and _gender_fits(pronoun, self.entities[j], labels[j])]
            flags = [_in_subject(doc[self.tokens[j]]) for j in js]
            last, last_subject = -1, []
            for i, flag in enumerate(flags):
                last = i if flag else last
                last_subject.append(last)
            self.fitting[pronoun] = (js, [self.starts[j] for j in js], flags, last_subject)

    def covering(self, pos: int) -> list[int]:
        """The mentions that contain character ``pos``."""
        lo = bisect.bisect_left(self.starts, pos - self.max_len)
        return [j for j in range(lo, bisect.bisect_right(self.starts, pos)) if self.ends[j] > pos]

    def starting_in(self, lo: int, hi: int) -> range:
        """The mentions that start at a character in [lo, hi]."""
        return range(bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.starts, hi))

    def last_before(self, pronoun: str, pos: int, lo: int, hi: int) -> int | None:
        """Among the fitting mentions lo..hi-1 (by position in ``fitting``) that end by ``pos``: the
        last in a subject, else the last; None when there is none. Only mentions starting within the
        longest mention's length of ``pos`` can end after it, so the walk back is bounded."""
        js, starts, flags, last_subject = self.fitting[pronoun]
        i, last, cutoff = hi - 1, None, pos - self.max_len
        while i >= lo and starts[i] >= cutoff:
            if self.ends[js[i]] <= pos:
                if flags[i]:
                    return js[i]
                last = i if last is None else last
            i -= 1
        if i < lo:
            return None if last is None else js[last]
        if last_subject[i] >= lo:  # everything from lo to i ends before pos
            return js[last_subject[i]]
        return js[i if last is None else last]


def _agent(subj: Token | None, mentions: _Mentions) -> str:
    """The entity a subject names: a mention inside it, or for a personal pronoun an earlier
    mention of a fitting kind ("he" a person whose given name is not a woman's, "it" an organisation
    or a country): in the same
    sentence first, then in the sentences before; within each, a subject before the nearest."""
    if subj is None:
        return ""
    lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    first = bisect.bisect_left(mentions.starts, lo)
    if first < len(mentions.starts) and mentions.starts[first] < hi:
        return mentions.entities[first]
    if subj.lower_ not in _PRONOUNS:
        return ""
    pronoun = subj.lower_
    starts = mentions.fitting[pronoun][1]
    before = bisect.bisect_left(starts, subj.idx)  # fitting mentions starting before the pronoun
    in_sentence = bisect.bisect_left(starts, subj.sent.start_char)
    for lo_, hi_ in ((in_sentence, before), (0, in_sentence)):
        found = mentions.last_before(pronoun, subj.idx, lo_, hi_)
        if found is not None:
            return mentions.entities[found]
    return ""


def _source_tokens(doc: Doc) -> set[int]:
    """Tokens of a source phrase, "according to a Kremlin insider": who tells, not who takes part."""
    out: set[int] = set()
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            k, end = t.i + 2, t.sent.end
            while k < end and not doc[k].is_punct:
                out.add(k)
                k += 1
    return out


def _at_the_time(event: dict, by_verb: dict[int, dict]) -> bool:
    """True when the event, or an infinitive it governs, is dated only by a past reference
    ("at the time", "back then": value PAST_REF)."""
    if event["value"] == "PAST_REF":
        return True
    return any(by_verb[c.i]["value"] == "PAST_REF" for c in event["verb"].children if c.i in by_verb
               and c.dep_ in ("xcomp", "ccomp"))


def _summary(verb: Token, trigger: Token, agent: str = "") -> str:
    subj = _subject(verb)
    if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subj = _antecedent(subj)
    if subj is not None and agent and subj.lower_ in _PRONOUNS:
        aux = " ".join(c.text for c in verb.children if c.dep_ in ("aux", "auxpass", "neg"))
        obj = trigger if trigger.i != verb.i else next((c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")), None)
        return " ".join(p for p in (agent, aux, verb.text, _phrase(obj, 6)) if p)
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


def _participants(verb: Token, mentions: _Mentions, sources: set[int], agent: str) -> list[str]:
    """The entities taking part in the event of ``verb``: the agent, then the mentions starting in
    a token of its own clause (outside source phrases); for a relative clause ("Assad, who fled")
    the noun it modifies replaces the mentions near it."""
    own = _own_tokens(verb)
    if verb.dep_ in ("xcomp", "conj") and not any(c.dep_.startswith("nsubj") for c in verb.children):
        # "Russia managed to convince Assad": the subject of the governing verb takes part too
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        own = sorted({*own, *(subj.subtree if subj is not None else [])}, key=lambda t: t.i)
    own_ids = {t.i for t in own}  # a mention takes part if it starts inside a token of the clause
    found = sorted(j for i in own_ids if i not in sources for j in mentions.at_token.get(i, ()))
    people = [mentions.entities[j] for j in found]
    people = [agent, *people] if agent else people
    rel = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")), None)
    if verb.dep_ == "relcl" and rel is not None:
        ref = _antecedent(rel)
        head_m = [mentions.entities[j] for j in mentions.covering(ref.idx)]
        near = {mentions.entities[j] for j in mentions.starting_in(ref.idx - 40, ref.idx)}
        people = head_m + [p for p in people if p not in near]
    return people


def _events(text: str, doc: Doc) -> list[dict]:
    """The events of the parse in reading order, each a dict of its trigger, verb, sentence,
    summary, participants, tense, realis and the "when"/"while"/"as" that introduces its clause."""
    sent = sentence_of(text)
    sources = _source_tokens(doc)
    # the cached frame itself (read here, never changed): no copy as the public function makes
    frame = _cached_mentions(text, tuple(RULE_NAMES))
    mentions = _Mentions(doc, frame[frame.label.isin(PARTICIPANT_LABELS)], sources)
    events = []
    for trigger, verb in _triggers(doc):
        agent = _agent(_subject(verb), mentions)
        people = _participants(verb, mentions, sources, agent)
        mark = next((c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "while", "as")), "")
        events.append({
            "verb": verb, "trigger_tok": trigger, "sentence_id": sent[trigger.i], "trigger": trigger.text,
            "start": trigger.idx, "end": trigger.idx + len(trigger), "summary": _summary(verb, trigger, agent),
            "participants": "; ".join(dict.fromkeys(people)), "tense": tense(verb), "mark": mark, "lemma": verb.lemma_,
            "realis": realis(verb), "timex_id": "", "value": "", "relation": "",
        })
    return events


def _timex_anchors(text: str, doc: Doc, day: _dt.date) -> tuple[dict[str, tuple[int, str]], dict[int, tuple[str, str]]]:
    """For each time expression, the token of the event it dates and its value; and for each token
    inside a time expression, that expression's id and value."""
    timexes = _temporal_expressions(text, day)  # the cached frame, read only
    tok_at = token_at(text)
    timex_gov, timex_of_token = {}, {}
    for timex_id, start, end, value in zip(timexes.timex_id.tolist(), timexes.start.tolist(), timexes.end.tolist(),
                                           timexes.value.tolist(), strict=True):
        first = doc[tok_at[start]]
        span = doc.char_span(start, end, alignment_mode="expand") or doc[first.i : first.i + 1]
        gov = _governor(span.root)
        anchor_verb = _event_anchor(doc, span)
        if anchor_verb is not None and anchor_verb.i == gov.i and anchor_verb.head.i != anchor_verb.i:
            gov = _governor(anchor_verb.head)  # "the day before Assad fled" dates the main clause
        timex_gov[timex_id] = (gov.i, value)
        for t in span:
            timex_of_token[t.i] = (timex_id, value)
    return timex_gov, timex_of_token


def _date_events(events: list[dict], by_verb: dict[int, dict], text: str, doc: Doc, day: _dt.date) -> None:
    """Give each event its anchoring time expression (``timex_id``, ``value``, ``relation``) and the
    ``earliest``/``latest`` days the text supports."""
    timex_gov, timex_of_token = _timex_anchors(text, doc, day)
    for tid, (gov, value) in timex_gov.items():
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
    _share_dates_of_same_events(events)
    for e in events:
        early, late = _bounds(e["value"], day) if e["value"] else (None, None)
        if late is None and e["tense"] == "past":
            late = day
        if early is None and e["tense"] == "future":
            early = day
        if not e["realis"]:  # planned, feared, denied: the text dates no happening after the DCT
            early = None if early is not None and early >= day else early
            late = None if late is not None and late > day else late
        e["earliest"], e["latest"] = early, late


def _share_dates_of_same_events(events: list[dict]) -> None:
    """An undated event takes the date of the first dated event with the same lemma and a shared
    participant ("another mention of the same event"), if that date names a year. In reading
    order; an event dated here counts for the events after it. Indexed by (lemma, participant),
    so the work grows with the events, not with their pairs."""
    first_dated: dict[tuple[str, str], int] = {}  # (lemma, participant) -> the first dated event

    def add(k: int, e: dict) -> None:
        for person in set(e["participants"].split("; ")) - {""}:
            key = (e["lemma"], person)
            first_dated[key] = min(first_dated.get(key, k), k)

    for k, e in enumerate(events):
        if e["timex_id"]:
            add(k, e)
    for k, e in enumerate(events):
        if e["timex_id"]:
            continue
        firsts = [first_dated[(e["lemma"], p)] for p in set(e["participants"].split("; ")) - {""}
                  if (e["lemma"], p) in first_dated]
        if not firsts:
            continue
        same = events[min(firsts)]
        if re.match(r"\d{4}", same["value"]):
            e["timex_id"], e["value"], e["relation"] = same["timex_id"], same["value"], f"same event as {same['trigger']}"
            add(k, e)


class _StoryOrder:
    """The story-order keys of the events (see :func:`timeline`), computed in one pass in reading
    order: each event's paragraph predecessor, dated sentence-mates and last realis predecessor are
    kept as the loop goes, so no event scans the others."""

    def __init__(self, events: list[dict], by_verb: dict[int, dict], day: _dt.date, paragraph_of: dict[int, int]) -> None:
        self.events, self.by_verb, self.paragraph_of = events, by_verb, paragraph_of
        self.today = float(day.toordinal())
        day_dated = [e for e in events if e["earliest"] is not None and e["earliest"] == e["latest"]
                     and e["value"] and e["value"][0].isdigit()]
        self.lead = float(day_dated[0]["earliest"].toordinal()) if day_dated else self.today
        self.index_of = {id(e): k for k, e in enumerate(events)}
        self.dated_in_sentence: dict[int, list[int]] = {}  # sentence -> its events with an earliest day
        for k, e in enumerate(events):
            if e["earliest"] is not None:
                self.dated_in_sentence.setdefault(e["sentence_id"], []).append(k)
        self.keys: list[float] = []

    def compute(self) -> list[float]:
        """Keys in reading order, then moved by explicit "after"/"before" signals."""
        last_in_paragraph: dict[int, int] = {}  # paragraph -> the last event told in it so far
        last_realis = None  # the last event told so far that the text asserts happened
        for k, e in enumerate(self.events):
            para = self.paragraph_of[e["sentence_id"]]
            before_in_para = last_in_paragraph.get(para)
            last_in_paragraph[para] = k
            if e["value"] and e["earliest"] is not None and e["earliest"] == e["latest"] or re.match(r"\d{4}", e["value"] or ""):
                key = float(e["earliest"].toordinal()) if e["earliest"] else self.today
            else:
                key = self._undated(k, e, before_in_para, last_realis)
            self.keys.append(key)
            last_realis = k if e["realis"] else last_realis
        self._signals()
        return self.keys

    def _undated(self, k: int, e: dict, before_in_para: int | None, last_realis: int | None) -> float:
        """The key of an event without a date of its own (and its ``relation``, ``latest``)."""
        v = e["verb"]
        aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        negated = any(c.dep_ == "neg" for c in v.children)
        perfect = v.tag_ == "VBN" and aux & {"has", "have", "'s", "'ve"}
        if before_in_para is not None:
            # no date: just after the event told before it in the same paragraph
            key = self.keys[before_in_para] + 0.01
        elif negated or perfect or e["tense"] != "past":
            # "did not respond", "have been surprised": the state at the time of writing
            key = self.today + 0.001 * k
        else:
            # background in the simple past: before the report's lead event (inverted pyramid)
            key = self.lead - 0.5 + 0.001 * k
        if "had" in aux and v.tag_ == "VBN":
            key = self._past_perfect(k, e, key)
        elif _at_the_time(e, self.by_verb):
            # "failed to spot the threat at the time": the state before the lead event, not now
            key = self.lead - 0.5 + 0.001 * k
            e["relation"] = e["relation"] or "before (at the time)"
        elif any(c.lower_ == "then" for c in v.children):
            # "then": after the last event told before it that the text asserts happened
            if last_realis is not None:
                key = max(key, self.keys[last_realis] + 0.01)
            e["relation"] = "after (then)"
        finite = v.tag_ in ("VBZ", "VBP") or aux & {"will", "should", "would", "can", "may", "must", "shall"}
        if e["tense"] in ("present", "future") and not e["value"] and finite:
            key = self.today + 0.01 * k
        return key

    def _past_perfect(self, k: int, e: dict, key: float) -> float:
        """Past perfect: before the event it is told against (the last dated event of its sentence
        told before it, else its head, else the event before), and no later than that event."""
        in_sentence = self.dated_in_sentence.get(e["sentence_id"], [])
        n_before = bisect.bisect_left(in_sentence, k)
        head = self.by_verb.get(e["verb"].head.i)
        if n_before:
            ref = self.events[in_sentence[n_before - 1]]
        else:
            ref = head if head is not None and head is not e else (self.events[k - 1] if k else None)
        if ref is not None and self.index_of[id(ref)] < k:
            key = self.keys[self.index_of[id(ref)]] - 0.5
            if ref["latest"] is not None and (e["latest"] is None or ref["latest"] < e["latest"]):
                e["latest"] = ref["latest"]  # it happened before the event it is told against
        e["relation"] = e["relation"] or "before (past perfect)"
        return key

    def _signals(self) -> None:
        """Explicit signals to an event: "days after seizing Aleppo", "the day before Assad fled"."""
        for i, e in enumerate(self.events):
            sig = next((c for c in e["verb"].children if c.dep_ == "prep" and c.lower_ in ("after", "before")), None)
            if sig is None:
                continue
            other = next((c for c in sig.children if c.i in self.by_verb), None)
            if other is None:
                continue
            e["relation"] = e["relation"] or f"{sig.lower_} {other.text}"
            j = self.index_of[id(self.by_verb[other.i])]
            if sig.lower_ == "after" and self.keys[i] <= self.keys[j]:
                self.keys[i] = self.keys[j] + 0.05
            if sig.lower_ == "before" and self.keys[i] >= self.keys[j]:
                self.keys[i] = self.keys[j] - 0.05


def _timeline_frame(events: list[dict], order_key: list[float]) -> pd.DataFrame:
    """The :func:`timeline` frame: one row per event in reading order, with its story rank."""
    rank = sorted(range(len(events)), key=lambda i: (order_key[i], i))
    story = {i: r for r, i in enumerate(rank, start=1)}
    rows = [
        (f"e{i + 1}", e["sentence_id"], e["trigger"], e["summary"], e["participants"], e["timex_id"], e["value"],
         e["earliest"], e["latest"], story[i], i + 1, e["start"], e["end"], e["tense"], e["relation"], e["realis"])
        for i, e in enumerate(events)
    ]
    columns = [*TIMELINE_COLUMNS, "start", "end", "tense", "relation", "realis"]
    if not rows:
        return pd.DataFrame(rows, columns=columns)
    return frame_from_rows(rows, columns, _TIMELINE_DTYPES)


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
    events = _events(text, doc)
    by_verb = {e["verb"].i: e for e in events}
    _date_events(events, by_verb, text, doc, day)
    paragraph_of = {sid: pid for sid, pid, *_ in sentence_rows(text)}
    return _timeline_frame(events, _StoryOrder(events, by_verb, day, paragraph_of).compute())


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


def _distinct_events(system: pd.DataFrame) -> set[int]:
    """The trigger offsets of the events a timeline holds: realis ones only (where it says so), and
    each event once (a later mention marked "same event as ..." is left out)."""
    keep = pd.Series(True, index=system.index)
    if "realis" in system.columns:
        keep &= system["realis"].astype(bool)
    if "relation" in system.columns:
        keep &= ~system["relation"].fillna("").astype(str).str.startswith("same event as")
    return {int(x) for x in system.loc[keep, "start"]}


def timeline_agreement(gold: pd.DataFrame, system: pd.DataFrame) -> pd.DataFrame:
    """How far a system timeline agrees with a gold one (both with the :func:`timeline` columns).

    Events are matched by trigger offset (``start``). Returns one row per measure: ``events found``
    (matched / gold), ``value`` (same anchoring value, over matched gold events that have one),
    ``latest`` (same latest day, over matched gold events with a latest day), and ``story order
    pairs`` (pairs of matched events that gold orders, ordered the same way by the system); and ``events
    precision`` (matched / system events: only the realis ones when ``system`` has ``realis``, since
    the gold lists what happened, and each event once: a later mention whose ``relation`` says
    "same event as ..." is not a new event). ``events found`` is the recall.
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

    distinct = _distinct_events(system)
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
        ("events precision", sum(int(s.start) in distinct for _, s in matched), len(distinct)),
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
