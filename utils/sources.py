"""Who speaks in a report: direct quotes, attributed claims, anonymous sourcing, hedges.

A *quote* is a stretch of text between quotation marks (:data:`QUOTE_MARKS`: curly, straight, two
apostrophes, guillemets, „…“; a curly mark closed by a straight one is read as a typing slip). An
*attribution* is what the text hands to a source: a claim, or the topic of what the source said,
or its refusal to comment. A claim is a quote ("..., said X") or an indirect claim ("According to
insiders, ...", "X insists that ...", "..., one of the sources told Bloomberg"). Some verbs hand
over a claim only with the complement that holds it, by the named rules of
:data:`CLAIM_VERB_RULES` ("vowed to rebuild", "urged residents to leave", "called the plan a
waste", "accused the builder of cutting corners", "the survey shows the mayor ahead"), and so does
a noun of speech with a possessive speaker (:data:`SPEECH_NOUNS`: "the mayor's warning that the
river would rise"), a headline's name before a colon (:data:`PHRASE_CUE_RULES`, "name colon":
"Ann Lee: Rates will rise"), one poll or survey cited with "in" ("in a poll": "in a new poll,
the mayor leads by six points") and "reportedly", which hands its clause to unnamed reports ("the
mayor reportedly resigned": source "reports", kind anonymous, no source span). The rules named in :data:`TOPIC_CUE_RULES` hand over only a topic:
"talked about the flood", "mentioned the budget", "the senator's criticism of the budget" (claim
"the flood", "the budget"), or a refusal: "declined to comment on the fees" (claim "the fees"; a
bare "declined to comment" has an empty claim), or a question: "asked whether the bridge would
reopen" (claim "whether the bridge would reopen"). A question's asker may go unnamed ("the mayor
was asked ...", "Asked about the flood, the mayor said ..."): such a row has no source (``source``,
``source_text``, ``source_start`` and ``source_end`` are empty, ``source_kind`` "unknown") and the
one asked as ``recipient``. These rows are counted because news writing
reports such speech without its content, and the corpus the rules are measured against (PolNeAR)
annotates them as attributions; the ``claim`` column of such a row holds the topic, not a
statement, and :func:`sourcing_summary`, :func:`speaker_table` and :func:`anonymous_share` count
them like claims (filter ``cue_rule`` on :data:`TOPIC_CUE_RULES` to leave them out). A row with no
source at all (an unnamed asker) is counted by :func:`sourcing_summary` under "unknown", but has no
row in :func:`speaker_table` and is left out of :func:`anonymous_share`, as records are. None of
these cues speaks a quote. These are all what a source is said to *say* (``cue_kind`` "speech"). On request
(``attributions(text, include_beliefs=True)``) the rules of :data:`BELIEF_RULES` add what the
report says a source *thinks, wants, fears or intends* ("the mayor plans to run again", "the
engineers are confident that the bridge will hold"), labelled ``cue_kind`` "belief or plan": the
reporter's account of a mind, not a statement anyone can be quoted on. A belief is left out when
no one holds it: a generic holder ("one would think", "everyone knows") is the writer's voice, and a
cue under "if" or "whether" or in a question ("Does the mayor believe ...?") asserts nothing. The
speech rules do not skip such cues yet: "If the mayor says the dam is safe, ..." still gives a
speech row. Each source gets a kind:

``person``        a named person ("Ruslan Pukhov", "he" resolved to the last person named as the
                  subject of a clause whose given name is not a woman's), or
                  the holder of a single office ("the minister")
``organisation``  a named or identifiable institution ("the Kremlin", "Russian state media")
``anonymous``     a source whose identity is withheld ("a Kremlin insider", "officials",
                  "one of the sources", "many analysts", "two librarians": any unnamed source
                  described by a noun that is not an institution or a single office), and the
                  unnamed reports behind "reportedly" (source "reports")
``outlet``        a news organisation: the report's own outlet ("N1 writes") or one it relays
                  ("told Bloomberg")
``record``        a record or a measurement that reports a finding, not a speaker: the subject of
                  the "evidence shows" rule of :data:`CLAIM_VERB_RULES` ("the survey shows ...",
                  "records show ..."), the poll of the "in a poll" rule ("in a new poll, ..."), or
                  an unnamed poll, study or document cited with *according to*; it has no identity to withhold, so it is neither named nor anonymous, and
                  :func:`anonymous_share` leaves it out
``unknown``       a source that the rules cannot place (a pronoun with no person before it ...),
                  or none named (the asker of "the mayor was asked ...": ``source`` None), or an
                  unnamed journalist who asks a question ("a reporter asked whether ..."): not a
                  source whose identity is withheld, so not counted as anonymous

Everything is rule-based on spaCy's parse of :func:`utils.text.parse` (tokens, dependencies,
named entities): every rule is in this file and can be read. ``text[start:end]`` gives the
surface form of every span returned. Beyond the shared parse, only two small per-text lookups are
kept (the PERSON names of a text, and the canonical name of a speaker), so that every function stays
linear in the length of the text (bench/bench_quotes.py: 100, 400 and 1,600 quotes).

The speaker of a quote comes from a table of named rules, :data:`SPEAKER_RULES`, tried in order;
each rule has a test with the sentence that motivated it (tests/test_sources_rules.py). Measured
on PolNeAR and the bundled report by :mod:`utils.evaluation.quotes` (``python -m bench.evaluate``).
"""

from __future__ import annotations

import bisect
import functools
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Doc, Span, Token

from utils.calendar_values import WEEKDAYS
from utils.entities import canonical_entity, given_name_gender, normalise, surname_owners
from utils.text import paragraph_spans, parse, sentence_of, sentence_rows, text_of

QUOTE_COLUMNS = ["quote_id", "sentence_id", "quote", "speaker", "speaker_kind", "cue"]
QUOTE_EXTRA = [
    "start", "end", "last_sentence_id", "paragraph_id", "speaker_text", "speaker_start", "speaker_end",
    "speaker_role", "cue_start", "cue_end", "closed", "words", "continues", "speaker_rule",
]
ATTRIBUTION_COLUMNS = [
    "attribution_id", "sentence_id", "paragraph_id", "type", "source", "source_text", "source_kind",
    "cue", "recipient", "claim", "claim_start", "claim_end", "source_start", "source_end",
    "cue_start", "cue_end", "scope", "quote_id", "cue_rule", "cue_kind",
]
HEDGE_COLUMNS = ["hedge_id", "sentence_id", "start", "end", "marker", "category", "in_quote", "note"]
SUMMARY_COLUMNS = ["source_kind", "attributions", "share", "sentences", "claim_chars"]
RECORD_KIND = "record"
KINDS = ("person", "organisation", "anonymous", "outlet", RECORD_KIND, "unknown")

# verbs that hand a claim to a source (lemmas); cognition verbs (conclude, decide, fear) are not cues
SPEECH_VERBS = {
    "say", "tell", "write", "insist", "claim", "state", "add", "explain", "note", "report", "announce",
    "confirm", "deny", "warn", "argue", "stress", "allege", "acknowledge", "admit", "comment",
    "assert", "maintain", "declare", "reply", "respond", "tweet", "post", "quip", "recall", "predict",
    "estimate", "testify", "concede", "emphasise", "emphasize", "suggest", "reveal", "disclose",
}
SPEECH_VERBS |= {
    "complain", "boast", "vow", "pledge", "promise", "caution", "urge", "reiterate", "counter", "recount",
    "contend", "observe", "remark", "answer", "repeat", "proclaim", "lament", "concede", "charge", "assure",
    "point out", "mention", "highlight", "underline", "underscore", "dispute", "hint", "demand", "recommend",
    "inform", "imply",
}
# verbs that introduce a direct quote ("“Why?” she asked") but never an indirect claim: "asked
# whether" is a question, "continued to" a plan, "joked that" rarely a claim to weigh
QUOTE_ONLY_VERBS = {
    "ask", "continue", "sigh", "grumble", "shout", "yell", "scream", "whisper", "joke",
    "exclaim", "retort", "muse", "wonder", "plead", "snap", "chant", "read", "interject", "mutter",
    "scoff", "marvel", "cry", "go on",
}
_CUE_VERBS = SPEECH_VERBS | QUOTE_ONLY_VERBS
# verbs that need a clausal complement or a trailing attribution to count (else "maintain a cool head")
_NEEDS_CLAIM = {
    "maintain", "note", "add", "post", "recall", "respond", "reply", "state", "comment", "complain", "boast",
    "vow", "pledge", "promise", "caution", "urge", "reiterate", "counter", "recount", "contend", "observe",
    "remark", "answer", "repeat", "proclaim", "lament", "charge", "point out", "mention", "highlight",
    "underline", "underscore", "dispute", "hint", "demand", "recommend", "inform", "imply", "assure",
}
# cue verbs whose subject is normally a publication when it is a proper name ("N1 writes")
_PUBLISHING_VERBS = {"write", "report", "publish"}
# head nouns of sources whose identity is withheld
ANONYMOUS_HEADS = {
    "insider", "source", "official", "analyst", "expert", "observer", "diplomat", "aide", "officer",
    "person", "people", "witness", "resident", "critic", "someone", "somebody", "adviser", "advisor",
    "commentator", "staffer", "employee", "member", "one", "many", "some", "others", "sources",
    "investigator", "negotiator", "lawmaker", "activist", "worker", "colleague", "friend", "relative",
}
# head nouns of institutions: a source with such a head is an organisation, even unnamed
INSTITUTION_HEADS = {
    "media", "medium", "government", "ministry", "army", "military", "police", "agency", "office",
    "kremlin", "administration", "council", "court", "parliament", "company", "authority", "authorities",
    "department", "committee", "embassy", "commission", "spokesman", "spokeswoman", "spokesperson",
    "statement", "report", "press", "newspaper", "broadcaster", "television", "tv", "radio", "channel",
    "service", "regime", "party", "union", "board", "firm", "group", "organisation", "organization",
    "website", "site", "bureau", "institute", "center", "centre", "university",
}
# head nouns of offices held by one identifiable person: "the minister said" is a person, if unnamed
ROLE_HEADS = {
    "minister", "president", "mayor", "chancellor", "governor", "ambassador", "general", "commander",
    "secretary", "chairman", "chairwoman", "chair", "ceo", "director", "judge", "prosecutor", "premier",
    "king", "queen", "pope", "senator", "councillor", "councilor", "foreign minister",
}
# news organisations a reader is likely to meet; any proper-name subject of "writes/reports" and any
# proper-name recipient of "told" also counts as an outlet
KNOWN_OUTLETS = {
    "n1", "bloomberg", "reuters", "ap", "associated press", "afp", "agence france-presse", "bbc", "cnn",
    "al jazeera", "the new york times", "new york times", "the guardian", "the washington post",
    "washington post", "financial times", "the financial times", "the wall street journal",
    "wall street journal", "tass", "ria novosti", "interfax", "dpa", "efe", "ansa", "the economist",
    "politico", "axios", "sky news", "france 24", "deutsche welle", "dw", "euronews", "the times",
}
_PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "we", "i"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}

# hedges: the writer or a speaker weakens a claim; distance markers: the writer does not vouch for it
HEDGE_WORDS = {
    "perhaps": "hedge", "possibly": "hedge", "probably": "hedge", "maybe": "hedge", "likely": "hedge",
    "unlikely": "hedge", "apparently": "hedge", "seemingly": "hedge", "presumably": "hedge",
    "arguably": "hedge", "may": "hedge", "might": "hedge", "seem": "hedge", "appear": "hedge",
    "reportedly": "distance", "allegedly": "distance", "purportedly": "distance", "supposedly": "distance",
    "insist": "distance", "claim": "distance", "allege": "distance", "unconfirmed": "distance",
    "unverified": "distance",
}
_HEDGE_NOTES = {
    "hedge": "weakens the claim: it may not be so",
    "distance": "the claim is someone else's; the writer does not vouch for it",
}

_LETTER = re.compile(r"[^\W\d_]")


class UnbalancedQuotesError(ValueError):
    """A quotation mark opens without closing (or closes without opening), with ``strict=True``."""


class UnbalancedQuotesWarning(UserWarning):
    """A quotation mark without its partner; the quote is taken to run to the end of its paragraph."""


def _check(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"Expected the text of a report as a str, got {type(text).__name__}.")
    return text


def _has_letters(text: str) -> bool:
    return bool(_LETTER.search(text))


# --- quotation marks -----------------------------------------------------------------------------


# Quotation marks and their roles: "open", "close", or "either" (a straight mark closes an open
# quote, else opens one). Any closing mark closes any opening mark (“…" and "…” are typing slips),
# "„" is closed by "“" too (German style), and two apostrophes ('') stand for a double mark.
QUOTE_MARKS = {
    "\u201c": "open", "\u201d": "close", '"': "either", "''": "either", "``": "open",
    "\u201e": "open", "\u00ab": "open", "\u00bb": "close",
}
_MARK_RE = re.compile(r"''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")
_STRAIGHT_MARKS = ('"', "''")


@dataclass(frozen=True)
class _Mark:
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark (None: never closed)
    end: int  # end of the quoted text (exclusive)
    open_len: int = 1  # characters of the opening mark ('' has 2)
    close_len: int = 1


def _closes(open_mark: str, mark: str) -> bool:
    return QUOTE_MARKS[mark] in ("close", "either") or (open_mark == "\u201e" and mark == "\u201c")


def _nested_straight(found: list[tuple[int, str]], j: int, open_mark: str) -> bool:
    """A straight mark inside a curly quote whose next curly mark closes it: "“He said "no" to me,”"."""
    if open_mark in _STRAIGHT_MARKS:
        return False
    k = j + 1
    while k < len(found) and found[k][1] in _STRAIGHT_MARKS:
        k += 1
    return k < len(found) and _closes(open_mark, found[k][1])


def _inch_mark(text: str, pos: int, mark: str) -> bool:
    """A straight mark right after a digit that opens nothing: inches or feet (6", 5'11'')."""
    return mark in _STRAIGHT_MARKS and pos > 0 and text[pos - 1].isdigit()


def _closing_slip(text: str, pos: int, mark: str, end: int) -> bool:
    """An opening curly mark typed where the closing one belongs: it hugs the text before it and
    is followed by a space or the end ("…, “ said X" typed as "…,“ said X")."""
    return (mark == "\u201c" and pos > 0 and not text[pos - 1].isspace()
            and (pos + 1 >= end or text[pos + 1].isspace()))


def _quote_marks(text: str, strict: bool = False) -> list[_Mark]:
    """Pair the quotation marks of ``text`` (:data:`QUOTE_MARKS`) paragraph by paragraph.

    A quote that runs over several paragraphs, in the newspaper convention (an opening mark at the
    start of every paragraph, one closing mark at the very end), is one quote. Inch marks (6") and
    empty quotes ("") give nothing. A mark without its partner raises
    :class:`UnbalancedQuotesError` when ``strict``, else warns and the quote ends with its paragraph.
    """
    marks: list[_Mark] = []
    pending: tuple[int, str] | None = None  # an unclosed quote carried over from the previous paragraph
    spans = paragraph_spans(text)
    for k, (ps, pe) in enumerate(spans):
        found = [(m.start(), m.group()) for m in _MARK_RE.finditer(text, ps, pe)]
        if pending is not None and found and found[0][0] == ps:
            found = found[1:]  # the continuation paragraph starts with its own opening mark
        opened, pending = pending, None
        for j, (pos, mk) in enumerate(found):
            role = QUOTE_MARKS[mk]
            if opened is None:
                if role == "close":
                    _unbalanced(text, pos, "a closing quotation mark with no opening mark before it", strict)
                elif not _inch_mark(text, pos, mk):
                    opened = (pos, mk)
            elif mk in _STRAIGHT_MARKS and _nested_straight(found, j, opened[1]):
                continue
            elif _closes(opened[1], mk) or _closing_slip(text, pos, mk, pe):
                start = opened[0] + len(opened[1])
                if any(ch.isalnum() for ch in text[start:pos]):  # never credit an empty quote
                    marks.append(_Mark(opened[0], pos, pos, len(opened[1]), len(mk)))
                opened = None
            else:
                _unbalanced(text, pos, "an opening quotation mark inside a quote that is still open", strict)
        if opened is not None:
            following = spans[k + 1][0] if k + 1 < len(spans) else None
            nxt = _MARK_RE.match(text, following) if following is not None else None
            if nxt is not None and QUOTE_MARKS[nxt.group()] in ("open", "either"):
                pending = opened  # the quote goes on in the next paragraph
            else:
                _unbalanced(text, opened[0], "a quotation mark that is never closed", strict)
                marks.append(_Mark(opened[0], None, pe, len(opened[1])))
    return marks


def _unbalanced(text: str, at: int, what: str, strict: bool) -> None:
    context = text[max(0, at - 30) : at + 30].replace("\n", " ")
    message = f"Unbalanced quotation marks: {what} at character {at} (…{context}…)."
    if strict:
        raise UnbalancedQuotesError(message + " Fix the marks in the text, or call with strict=False.")
    then = " The quote is taken to end with its paragraph." if "never closed" in what else " The mark is ignored."
    warnings.warn(message + then, UnbalancedQuotesWarning, stacklevel=4)


class _Spans:
    """Non-overlapping character spans in text order, with a membership test by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def __iter__(self):
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def contains(self, i: int) -> bool:
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and i < self.spans[k][1]


def _inside(i: int, spans: _Spans) -> bool:
    return spans.contains(i)


# --- sources: the phrase, its kind, its canonical name ---------------------------------------------


def _source_tokens(head: Token) -> list[Token]:
    """The core of a source phrase: the head with its left modifiers and an "of"-phrase
    ("one of the sources"), without appositions or relative clauses ("..., head of the Center")."""
    keep = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("punct",)]
    # left modifiers only when they are contiguous with the head
    keep = [t for t in keep if not any(p.is_punct for p in head.doc[t.i : head.i])]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            keep.extend(child.subtree)
        elif child.dep_ in ("amod", "acl") and child.i == keep[-1].i + 1 if keep else False:
            # "two people familiar with the inspection", "officials close to the talks"
            keep.extend(child.subtree)
        elif child.dep_ in ("compound", "flat") or (child.dep_ == "conj" and child.pos_ == "PROPN"):
            keep.extend(t for t in child.subtree)
        else:
            break
    keep.sort(key=lambda t: t.i)
    return keep


def _role(head: Token) -> str | None:
    """An apposition after the speaker ("Ruslan Pukhov, head of the ...") as plain text."""
    for child in head.rights:
        if child.dep_ == "appos":
            toks = list(child.subtree)
            return head.doc[toks[0].i : toks[-1].i + 1].text
    return None


def _is_outlet(name: str) -> bool:
    low = name.lower().strip()
    return low in KNOWN_OUTLETS or low.removeprefix("the ") in KNOWN_OUTLETS


_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _is_subject(ent: Span) -> bool:
    """A name that is the subject of its clause, or in apposition to it ("Ann Lee, the mayor, ...")."""
    root = ent.root
    return root.dep_ in _SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS)


@functools.lru_cache(maxsize=8)
def _person_index(text: str) -> tuple[tuple[list[int], list[str]], tuple[list[int], list[str]]]:
    """End token indices and surfaces of the PERSON entities of ``text``, in order: those that are
    the subject of their clause, and all (built once per text)."""
    persons = [e for e in parse(text).ents if e.label_ == "PERSON"]
    subjects = [e for e in persons if _is_subject(e)]
    return ([e.end for e in subjects], [e.text for e in subjects]), ([e.end for e in persons], [e.text for e in persons])


_GENDER_LOOKBACK = 8  # persons looked at before giving up on one of the pronoun's gender (keeps it linear)


def _last_person_before(text: str, i: int, pronoun: str = "he") -> str | None:
    """Whom "he" or "she" at token ``i`` most likely means: the last person named as the subject of a
    clause before it ("Ruiz said ... “...,” he said"), not a name in an object or a possessive
    ("advises Putin"); else the last person named at all. A person whose given name is of the
    other gender (:func:`utils.entities.given_name_gender`, read from the canonical name, so that
    "Clinton" is "Hillary Clinton") is passed over: "Tom Ruiz said ... Ann Lee ... “...,” she said"."""
    gender = "she" if pronoun.lower() in ("she", "her") else "he"
    for ends, names in _person_index(text):
        k = bisect.bisect_right(ends, i)
        for name in reversed(names[max(0, k - _GENDER_LOOKBACK) : k]):
            if given_name_gender(_canonical(name, text)) in (None, gender):
                return name
    return None


_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "prof", "president", "senator",
           "governor", "judge", "sir", "dame", "lord", "lady"}


@functools.lru_cache(maxsize=8)
def _surname_owners(text: str) -> dict[str, str]:
    """{last name: full name} of the PERSON names of ``text``, by the shared rule of
    :func:`utils.entities.surname_owners` (built once per text)."""
    return surname_owners((name, "PERSON") for name in _person_index(text)[1][1])


def _full_name_ending(tokens: list[Token], text: str) -> str | None:
    """A bare surname ("Ruiz", "Mr. Ruiz") that the tagger did not mark as a person takes the one
    full name of the text it ends ("Ana Ruiz"); None when no or several full names end with it."""
    words = [t for t in tokens if t.lower_.rstrip(".") not in _TITLES and not t.is_punct]
    if len(words) != 1 or not (words[0].pos_ == "PROPN" or (words[0].pos_ == "NOUN" and words[0].is_title)):
        return None  # a capitalised word the tagger read as a noun may still be a surname: "Vance: ..."
    return _surname_owners(text).get(normalise(words[0].text))


def _persons_in(span: Span) -> list[Span]:
    """The PERSON entities lying wholly inside ``span``, read from its tokens (``Span.ents`` would
    rebuild every entity of the document on each call)."""
    doc, out = span.doc, []
    for tok in span:
        if tok.ent_iob_ == "B" and tok.ent_type_ == "PERSON":
            end = tok.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= span.end:
                out.append(doc[tok.i : end])
    return out


def _strip_possessive(name: str) -> str:
    return re.sub(r"[\u2019']s$", "", name.strip())


@functools.lru_cache(maxsize=4096)
def _canonical(name: str, text: str) -> str:
    """The canonical entity of a speaker's name (:func:`utils.entities.canonical_entity`), or the
    name itself, without article or possessive, when the text has no such entity."""
    return canonical_entity(name, text) or _plain(_strip_possessive(name))


def _classify(tokens: list[Token], cue_lemma: str, text: str) -> tuple[str, str]:
    """``(kind, canonical source)`` for the tokens of a source phrase."""
    doc = tokens[0].doc
    span = doc[tokens[0].i : tokens[-1].i + 1]
    surface = span.text
    heads = [t for t in tokens if t.head.i not in {x.i for x in tokens} or t.head == t]
    head = heads[0] if heads else tokens[-1]
    # "one of the sources": the noun inside the of-phrase decides
    if head.lower_ in ("one", "some", "many", "several", "two", "three", "none", "all", "most"):
        inner = [t for t in tokens if t.dep_ == "pobj" and t.head.lower_ == "of"]
        if inner:
            head = inner[0]
    lemma = head.lemma_.lower()
    low = head.lower_
    if len(tokens) == 1 and low in _PRONOUNS:
        if low in _PERSON_PRONOUNS:
            before = _last_person_before(text, head.i, low)
            if before:
                return "person", _canonical(before, text)
        return "unknown", surface
    if _is_outlet(surface) or (
        cue_lemma in _PUBLISHING_VERBS and all(t.pos_ == "PROPN" or t.like_num or t.is_digit for t in tokens)
        and not _persons_in(span)
    ):
        return "outlet", surface.removeprefix("the ").removeprefix("The ")
    persons = _persons_in(span)
    if persons:
        return "person", _canonical(persons[-1].text, text)
    full = _full_name_ending(tokens, text)
    if full is not None:
        return "person", _canonical(full, text)
    if lemma in ANONYMOUS_HEADS or low in ANONYMOUS_HEADS:
        return "anonymous", _plain(surface)
    if head.pos_ == "PROPN":
        if any(t.ent_type_ == "PERSON" for t in tokens):
            return "person", _canonical(surface, text)
        return "organisation", _canonical(_plain(surface), text)
    if lemma in ROLE_HEADS:
        return "person", _plain(surface)
    if lemma in INSTITUTION_HEADS or low in INSTITUTION_HEADS:
        return "organisation", _plain(surface)
    if head.pos_ == "NOUN" and (lemma in EVIDENCE_HEADS or low in EVIDENCE_HEADS):  # "according to the survey"
        return RECORD_KIND, _plain(surface)
    if head.pos_ == "NOUN":  # any other unnamed source described by a noun: "two librarians", "a witness"
        return "anonymous", _plain(surface)
    return "unknown", _plain(surface)


def _plain(surface: str) -> str:
    """A source phrase without its leading article: "a Kremlin insider" -> "Kremlin insider"."""
    return re.sub(r"^(a|an|the)\s+", "", surface.strip(), flags=re.IGNORECASE)


# --- cues: a speech verb with its subject, or "according to X" -------------------------------------


@dataclass
class _Cue:
    cue: str
    cue_start: int
    cue_end: int
    lemma: str
    source: list[Token]
    recipient: str | None
    first: int  # first token index of the attribution block (source, cue, recipient)
    last: int  # last token index of the block
    role: str | None
    verb: Token | None
    rule: str | None = None  # the claim-verb rule that made the verb a cue (CLAIM_VERB_RULES)
    quotes: bool = True  # may speak a quote (the claim-verb rules' verbs only hand over indirect claims)
    claim: Token | None = None  # the head of the claim phrase, where the cue names it (speech nouns)
    kind: str = "speech"  # "speech", or BELIEF_KIND for a belief or plan (BELIEF_RULES)
    span: tuple[int, int] | None = None  # first and last token of the claim, where the rule gives it (PHRASE_CUE_RULES)


# phrasal cue verbs: (verb lemma, particle) -> cue lemma
PHRASAL_CUES = {("go", "on"): "go on", ("point", "out"): "point out", ("call", "out"): "call out"}


def _cue_lemma(tok: Token) -> str:
    """The lemma of a verb, with the particle of a phrasal cue ("“…,” she went on", "pointed out that")."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "prt" and (lemma, c.lower_) in PHRASAL_CUES:
            return PHRASAL_CUES[(lemma, c.lower_)]
    return lemma


def _negated(verb: Token) -> bool:
    """"has not commented", and a participle after "without": "left without mentioning the fees"."""
    return any(c.dep_ == "neg" for c in verb.children) or (verb.dep_ == "pcomp" and verb.head.lower_ == "without")


def _heads_as_clause(verb: Token) -> bool:
    """The verb heads an "as" clause: "as the mayor noted", "as she told the story"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _infinitive_clause(comp: Token) -> bool:
    """The complement is a to-infinitive ("determined to keep"), not a that-clause."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in comp.children)


def _infinitive(verb: Token) -> bool:
    """The verb takes a to-infinitive: "vowed to rebuild the bridge"."""
    return any(c.dep_ in ("xcomp", "ccomp") and _infinitive_clause(c) for c in verb.children)


_COPULAS = {"be", "seem", "appear", "become", "remain", "prove"}  # "promises to be close": a forecast
_AGENT_PRONOUNS = {"i", "we", "you", "he", "she", "they", "who"}
_AGENT_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
# nouns of people and groups beyond the source lists above, and endings of nouns of people
# ("librarian", "economist", "chairman"); a subject of neither kind ("the storm") is no speaker
PRESS_HEADS = {"reporter", "journalist", "correspondent", "moderator", "interviewer"}
PEOPLE_HEADS = PRESS_HEADS | {
    "coach", "leader", "player", "team", "club", "fan", "voter", "parent", "teacher", "student", "doctor",
    "nurse", "candidate", "owner", "manager", "chief", "boss", "head", "protester", "campaign", "rebel",
    "troop", "soldier", "citizen", "farmer", "driver", "lawyer", "landlord", "tenant", "neighbour",
    "neighbor", "family", "crowd", "community", "staff", "side", "opposition", "camp", "labor", "labour",
    "management", "city", "town", "state", "country", "nation", "bank", "network", "campaigner", "organiser",
    "organizer", "supporter", "opponent", "captain", "engineer", "builder", "developer",
    "mogul", "tycoon", "magnate", "billionaire",
    "millionaire", "nominee", "frontrunner", "front-runner", "incumbent", "challenger", "contender", "rival",
    "ally", "donor",
}
PEOPLE_ENDINGS = ("ist", "ian", "man", "woman", "person", "people", "men", "women")


def _subject_of(verb: Token, steps: int = 3) -> Token | None:
    """The subject of ``verb`` or, for a verb joined to another or a participle ("and vowed to", "by
    promising to"), of the nearest verb above it (at most ``steps`` heads up)."""
    head = verb
    for _ in range(steps + 1):
        subj = [c for c in head.children if c.dep_ == "nsubj"]
        if subj or head.head == head:
            return subj[0] if subj else None
        head = head.head
    return None


def _agent(tok: Token) -> bool:
    """A subject that can speak: a person or group pronoun, a name, or a noun of people or institutions
    ("the storm", "the new season" cannot)."""
    lemma = tok.lemma_.lower()
    return (tok.lower_ in _AGENT_PRONOUNS or tok.pos_ == "PROPN" or tok.ent_type_ in _AGENT_ENTITIES
            or any(lemma in heads or tok.lower_ in heads
                   for heads in (ANONYMOUS_HEADS, ROLE_HEADS, INSTITUTION_HEADS, PEOPLE_HEADS))
            or lemma.endswith(PEOPLE_ENDINGS))


def _agentive_infinitive(verb: Token) -> bool:
    """A to-infinitive after a subject that can speak ("the storm threatened to flood" is no speech)."""
    subj = _subject_of(verb)
    return _infinitive(verb) and subj is not None and _agent(subj)


def _promised_act(verb: Token) -> bool:
    """As :func:`_agentive_infinitive`, and the infinitive is not a copula: "promises to be close"
    is a forecast, "promised to cut fees" a promise."""
    comp = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    return _agentive_infinitive(verb) and not any(c.lemma_.lower() in _COPULAS for c in comp)


def _predicate(verb: Token) -> bool:
    """An object with what it is called: "called the plan a waste", "described the flood as the worst"."""
    return any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children)




def _time_phrase(prep: Token) -> bool:
    """A preposition whose object is a date or a time: "on Monday", "for two hours"."""
    return any(o.dep_ == "pobj" and (o.ent_type_ in ("DATE", "TIME") or o.lower_ in WEEKDAYS)
               for o in prep.children)


def _object_with(*preps: str) -> Callable[[Token], bool]:
    """An object followed by one of ``preps`` (on the verb or on the object), not a time phrase:
    "accused the builder of cutting corners", "blamed the delay on the weather" (not "on Monday")."""
    def test(verb: Token) -> bool:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        return bool(objs) and any(c.dep_ == "prep" and c.lower_ in preps and not _time_phrase(c)
                                  for t in [verb, *objs] for c in t.children)
    return test


def _prep_without_object(*preps: str) -> Callable[[Token], bool]:
    """One of ``preps`` on the verb and no direct object: "called for a recount", "called on the
    mayor to resign" (not "called the hotline for help", a phone call)."""
    def test(verb: Token) -> bool:
        return (not any(c.dep_ == "dobj" for c in verb.children)
                and any(c.dep_ == "prep" and c.lower_ in preps for c in verb.children))
    return test


def _object_or_clause(verb: Token) -> bool:
    """An object or a clause: "proposed a new tax", "proposed that the vote wait"."""
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)


def _object(verb: Token) -> bool:
    """A direct object: "criticized the budget plan"."""
    return any(c.dep_ == "dobj" for c in verb.children)


_MEASURES = {"TIME", "CARDINAL", "QUANTITY", "DATE", "PERCENT", "MONEY"}  # entity types of readings
_MEASURE_NOUNS = {"time", "number", "date", "level", "reading", "temperature", "score"}  # nouns of readings


def _noted_fact(verb: Token) -> bool:
    """An object that is not a reading of a clock or a measure: "noted the low turnout" (not "noted the
    time", "noted the number", which are written down, not stated), outside an "as" clause of time
    ("as the mayor noted the damage", seeing)."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    seeing = _heads_as_clause(verb)
    return bool(objs) and not seeing and not any(o.ent_type_ in _MEASURES or o.lemma_.lower() in _MEASURE_NOUNS
                                                 for o in objs)


def _cited_reason(verb: Token) -> bool:
    """An object, the reason or evidence given ("cancelled the fair, citing the cost", "cited no
    evidence"), not a ticket or a count of references ("cited the driver for speeding", "cited 40 papers")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    return (bool(objs) and not any(o.ent_type_ in _MEASURES or any(a.like_num for a in o.children) for o in objs)
            and not any(c.dep_ == "prep" and c.lower_ == "for" for t in [verb, *objs] for c in t.children))


# nouns of records and measurements that report a finding: "the poll shows", "records show", "the audit
# found"; not a picture, a map or a sample, which show what they depict ("the map shows the river",
# "the photo shows two men shaking hands"); a video or footage is kept (news reports what it shows)
EVIDENCE_HEADS = {
    "poll", "survey", "study", "report", "record", "data", "analysis", "review", "inquiry", "investigation",
    "audit", "figure", "number", "document", "result", "research", "count", "tally", "census", "filing",
    "statistic", "estimate", "test", "finding", "assessment", "projection", "forecast", "evidence",
    "video", "footage", "recording", "transcript", "log", "memo", "email", "letter", "experiment", "trial",
    "probe", "examination",
}


def _spoken_by(verb: Token) -> Token | None:
    """The subject of a verb (or of the verb above a participle or a joined verb), or for a relative
    clause the noun it hangs on ("the poll, which shows ..."); None when there is none."""
    subj = _subject_of(verb)
    if subj is not None and subj.lower_ in _RELATIVE_PRONOUNS | {"which"} and verb.dep_ == "relcl":
        return verb.head
    return subj


def _evidence_reports(verb: Token) -> bool:
    """A record or a measurement as the subject, with a clause or an object: "the poll shows the
    mayor ahead", "records show that the fee was paid" (not "the team showed courage")."""
    subj = _spoken_by(verb)
    forms = {subj.lemma_.lower(), subj.lower_, subj.lower_.removesuffix("s")} if subj is not None else set()
    return (bool(forms & EVIDENCE_HEADS) and _object_or_clause(verb)
            and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children))


def _spoken_topic(*preps: str) -> Callable[[Token], bool]:
    """A subject that can speak and one of ``preps`` with an object on the verb, not a time phrase:
    "the mayor talked about the flood", "spoke of her plans", "was referring to the mayor"."""
    def test(verb: Token) -> bool:
        subj = _spoken_by(verb)
        return subj is not None and _agent(subj) and any(
            c.dep_ == "prep" and c.lower_ in preps and not _time_phrase(c)
            and any(o.dep_ in ("pobj", "pcomp") and o.i > c.i for o in c.children) for c in verb.children)
    return test


# endings of abstract nouns, which a speaker points to as a reason: "pointed to the rising unemployment"
_ABSTRACT_ENDINGS = ("ity", "tion", "sion", "ness", "ment", "ance", "ence", "ism", "ship", "ure", "ing")


def _pointed_at_reason(obj: Token) -> bool:
    """An object of "point to" that is a reason, not a thing at hand: one given "as" something, with
    a clause of its own, a record or measurement, or an abstract noun ("pointed to the low turnout as
    proof", "pointed to polls showing ...", "pointed to rising unemployment"; not "pointed to the
    door", "pointed to the suspect")."""
    lemma = obj.lemma_.lower()
    return not _agent(obj) and (
        any(c.dep_ == "prep" and c.lower_ == "as" for c in [*obj.head.head.children, *obj.children])
        or any(c.dep_ in ("acl", "relcl") for c in obj.children)
        or lemma in EVIDENCE_HEADS or lemma.endswith(_ABSTRACT_ENDINGS))


def _referred_to(verb: Token) -> bool:
    """A speaker refers or alludes to something, or points to a reason: "she was referring to the
    old bridge", "the mayor pointed to the low turnout as proof" (not a referral, "referred the
    patient to a doctor", with an object of its own, nor a gesture, "pointed to the door")."""
    if not _spoken_topic("to")(verb) or any(c.dep_ == "dobj" for c in verb.children):
        return False
    if verb.lemma_.lower() != "point":
        return True
    return any(o.dep_ == "pobj" and _pointed_at_reason(o)
               for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children)


def _spoken_object(verb: Token) -> bool:
    """A subject that can speak and a direct object after the verb: "the senator mentioned the
    budget" (not "what the senator mentioned", whose object is elsewhere)."""
    subj = _spoken_by(verb)
    return subj is not None and _agent(subj) and any(c.dep_ == "dobj" and c.i > verb.i for c in verb.children)


# verbs of speaking that a refusal names: "declined to comment", "refused to say where"
REFUSED_SPEECH = frozenset({
    "comment", "say", "discuss", "elaborate", "specify", "detail", "answer", "confirm", "deny", "identify",
    "name", "disclose", "reveal", "explain", "describe", "speak", "talk", "respond", "reply", "state",
    "endorse", "address", "speculate",
})
# verbs of handing over that are speech only with information as their object: "declined to provide
# details" (not "declined to provide a refund", "refused to give up their weapons")
GIVING_VERBS = frozenset({"give", "provide", "offer", "share", "release"})
INFORMATION_OBJECTS = {
    "detail", "information", "comment", "answer", "name", "figure", "reason", "explanation", "specific",
    "evidence", "account", "estimate", "timeline", "update", "statement", "response", "interview", "number",
    "data", "breakdown", "description", "example", "source", "assessment", "view", "opinion", "testimony",
}


def _refused_verb(inf: Token) -> bool:
    """A verb of speaking, or of handing over information without a particle: "to comment",
    "to provide details" (not "to give up the seat", "to provide a refund")."""
    lemma = inf.lemma_.lower()
    if lemma in GIVING_VERBS:
        return not any(c.dep_ == "prt" for c in inf.children) and any(
            c.dep_ == "dobj" and c.lemma_.lower() in INFORMATION_OBJECTS for c in inf.children)
    return lemma in REFUSED_SPEECH and lemma not in SPEECH_VERBS - _NEEDS_CLAIM


def _refused_speech(verb: Token) -> bool:
    """A refusal to speak, by a subject that can speak: "the firm declined to comment", "refused to
    discuss the fees", "declined to provide details" (not "declined to proceed with the case"). An
    infinitive that is a speech verb of its own ("declined to say whether ...") is left to that
    verb, and one whose object comes before it ("the rival whom he refused to endorse") has no
    claim to hand over."""
    subj = _spoken_by(verb)
    return subj is not None and _agent(subj) and any(
        c.dep_ == "xcomp" and _infinitive_clause(c) and _refused_verb(c)
        and not any(o.dep_ == "dobj" and o.i < c.i for o in c.children) for c in verb.children)


# what a speaker makes when making a point aloud: "made the case that ...", "made the argument for ..."
SPOKEN_MAKINGS = {"case", "argument", "point", "claim", "prediction", "promise", "pledge", "accusation",
                  "allegation", "appeal", "plea"}


def _made_point(verb: Token) -> bool:
    """A speaker makes a case, an argument or a point with its content, or makes clear what follows:
    "made the case for a new school", "made clear that the plant would close" (not "made a cake",
    "made their case to the board", whose case is not stated)."""
    subj = _spoken_by(verb)
    if subj is None or not _agent(subj):
        return False
    clear = [c for c in verb.children if c.dep_ in ("ccomp", "oprd", "acomp", "advmod") and c.lower_ == "clear"]
    stated = any(c.dep_ in ("ccomp", "advcl") and c.i > verb.i and c.lower_ != "clear"
                 for t in [verb, *clear] for c in t.children)
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.lemma_.lower() in SPOKEN_MAKINGS]
    said = bool(objs) and (stated or any(a.dep_ in ("acl", "ccomp") or (
        a.dep_ == "prep" and a.lower_ in ("for", "against", "about")) for t in [verb, *objs] for a in t.children))
    return said or (bool(clear) and stated)


def _reminded_of(verb: Token) -> bool:
    """A speaker reminds someone of something or that something is so: "reminded voters that the
    bridge was closed", "reminded the council of its promise" (a thing that reminds is no speaker,
    and "reminds me of" a likeness)."""
    subj = _spoken_by(verb)
    objs = [o for o in verb.children if o.dep_ == "dobj"]
    if subj is None or not _agent(subj) or any(o.lower_ in _FIRST_PERSON for o in objs):
        return False  # "reminds me of a storm" is a likeness
    return any((c.dep_ == "ccomp" and c.i > verb.i) or (c.dep_ == "prep" and c.lower_ in ("of", "about"))
               for t in [verb, *objs] for c in t.children)


# nouns of things said that a stance can be taken on: "rejected the idea that ...", "echoed the criticism"
SAID_THINGS = {"idea", "notion", "view", "suggestion", "claim", "charge", "comment", "remark", "criticism",
               "attack", "accusation", "allegation", "argument", "description", "characterization",
               "characterisation", "theme", "message", "statement", "call", "assertion", "warning", "denunciation",
               "assessment", "position", "proposal", "complaint"}
_DEMONSTRATIVES = {"that", "this", "those", "these"}


def _stance_on_said(verb: Token) -> bool:
    """A speaker takes a stance on something said whose content the sentence gives: "rejected the
    idea that fees should rise", "defended his call to cut fees", "echoed the mayor's criticism of
    the plan" (not "defended the plan", "rejected that account": no claim of their own)."""
    subj = _spoken_by(verb)
    if subj is None or not _agent(subj):
        return False
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i):
        anaphoric = any(d.dep_ == "det" and d.lower_ in _DEMONSTRATIVES for d in obj.children)
        content = any(c.dep_ in ("acl", "ccomp", "prep") and c.i > obj.i for c in obj.children)
        if obj.lemma_.lower() in SAID_THINGS and content and not anaphoric:
            return True
    return False


def _signalled_claim(verb: Token) -> bool:
    """A subject that can speak and a that-clause after the verb: "the senator indicated that she
    would vote no", "the bank signalled that rates would rise" (not "the light indicated that the
    battery was low": a light does not speak)."""
    subj = _spoken_by(verb)
    return subj is not None and _agent(subj) and any(
        c.dep_ == "ccomp" and c.i > verb.i and not _infinitive_clause(c) and c.left_edge.lower_ not in _QUESTION_WORDS
        for c in verb.children)


def _expressed_view(verb: Token) -> bool:
    """A subject that can speak and an object after the verb that is not the speaker: "the mayor
    expressed concern about the fees", "touted her record" (not "expressed himself clearly")."""
    obj = _direct_object(verb)
    return _spoken_object(verb) and obj is not None and not obj.lower_.endswith(("self", "selves"))


# what a speaker offers aloud: "offered an apology", "offered no explanation", "offered a warning"
OFFERED_WORDS = INFORMATION_OBJECTS | SPOKEN_MAKINGS | {
    "apology", "assurance", "advice", "praise", "criticism", "condolence", "defense", "defence", "guide", "tip",
    "prediction", "thought", "warning", "thanks", "congratulation", "rebuttal", "critique", "reassurance"}


def _offered_words(verb: Token) -> bool:
    """A speaker offers to do something, or offers words: "offered to meet the families", "offered
    an apology", "offered no details" (not "offered a discount", "the job offers a good salary")."""
    subj = _spoken_by(verb)
    if subj is None or not _agent(subj):
        return False
    return _promised_act(verb) or any(c.dep_ == "dobj" and c.i > verb.i and c.lemma_.lower() in OFFERED_WORDS
                                      for c in verb.children)


def _questioned_point(verb: Token) -> bool:
    """A speaker questions whether or how something is so, or questions a quality of someone
    ("questioned whether the plan would work", "questioned the mayor's judgement"); not a person
    questioned by the police ("questioned the suspect", "questioned the driver's wife")."""
    subj = _spoken_by(verb)
    if subj is None or not _agent(subj):  # the passive has no subject: "the plan was questioned"
        return False
    for c in verb.children:
        if c.dep_ == "ccomp" and c.i > verb.i and c.left_edge.lower_ in _QUESTION_WORDS:
            return True
        if c.dep_ == "dobj" and c.i > verb.i and not _agent(c) and c.ent_type_ != "PERSON" and (
                c.lemma_.lower().endswith(_ABSTRACT_ENDINGS) or c.lemma_.lower() in QUESTIONED_QUALITIES):
            return True
    return False


# what a speaker raises or voices aloud: "raised concerns about the fees", "voiced doubts that ..."
RAISED_WORDS = {"concern", "question", "doubt", "alarm", "fear", "objection", "worry", "complaint", "criticism",
                "suspicion", "possibility", "prospect", "support", "opposition", "frustration", "anger", "grievance"}


def _raised_concern(verb: Token) -> bool:
    """A speaker raises or voices a concern, a question or a doubt: "the nurses raised concerns
    about the new shifts", "voiced support for the plan" (not "raised money", "raised the flag",
    nor "the actor voiced a cartoon dog")."""
    subj = _spoken_by(verb)
    return subj is not None and _agent(subj) and any(
        c.dep_ == "dobj" and c.i > verb.i and c.lemma_.lower() in RAISED_WORDS for c in verb.children)


def _agreed_claim(verb: Token) -> bool:
    """A speaker agrees that something is so, or agrees with someone's view: "the experts agreed
    that the dam was safe", "agreed with the mayor on the fees" (not "agreed to meet", a plan, nor
    "agreed on a ceasefire", a deal)."""
    subj = _spoken_by(verb)
    return subj is not None and _agent(subj) and any(
        (c.dep_ == "ccomp" and c.i > verb.i)  # "agreed to share" is an xcomp, no ccomp
        or (c.dep_ == "prep" and c.lower_ == "with" and any(o.dep_ == "pobj" and o.i > c.i for o in c.children))
        for c in verb.children)


# qualities of a person or a plan that a speaker may question aloud (beyond abstract nouns ending in
# "-ment", "-ity", "-tion" ...): "questioned the mayor's judgement", "questioned his motives"
QUESTIONED_QUALITIES = {"judgement", "judgment", "motive", "record", "tie", "wisdom", "timing", "value",
                        "need", "basis", "truth", "figure", "number", "claim", "fitness",
                        "competence", "loyalty", "honesty", "commitment", "credential", "math"}
# words that open a question put as a clause: "asked whether the bridge would reopen", "asked who would pay"
_QUESTION_WORDS = frozenset({"what", "who", "whom", "whose", "which", "where", "when", "why", "how", "whether", "if"})
_QUESTION_NOUNS = {"question", "query"}  # "asked questions about the budget"


def _question_of(verb: Token) -> Token | None:
    """What was asked: a clause opened by "whether", "if" or a wh-word right after the verb or its
    object ("asked whether the bridge would reopen", "asked the mayor if the fees would rise"), or
    the object of "about" ("asked about the flood", "asked questions about the budget"); None for a
    request ("asked for a refund", "asked them to leave") or a condition ("will ask for help if ...")."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
    agents = [c for c in verb.children if c.dep_ == "agent" and c.i > verb.i]  # "asked by a reporter whether"
    after = max([verb.i] + [o.right_edge.i for o in objs + agents]) + 1  # right after the verb, its object or agent
    for c in verb.children:
        if c.dep_ in ("ccomp", "advcl") and c.left_edge.i == after and c.left_edge.lower_ in _QUESTION_WORDS:
            return c
    holders = [verb, *(o for o in objs if o.lemma_.lower() in _QUESTION_NOUNS)]
    return next((o for t in holders for c in t.children if c.dep_ == "prep" and c.lower_ == "about"
                 and c.i > verb.i for o in c.children if o.dep_ in ("pobj", "pcomp")), None)


def _asked_unsaid(verb: Token) -> bool:
    """The verb is passive or a bare participle, so the one who asked is not named: "the mayor was
    asked whether ...", "Asked about the flood, the mayor said ..."."""
    return (any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
            or (verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)))


def _asked_question(verb: Token) -> bool:
    """A question put by a subject that can speak, or by someone unnamed (passive), with what was
    asked (:func:`_question_of`)."""
    if _question_of(verb) is None:
        return False
    subj = _spoken_by(verb)
    if subj is not None and subj.lower_ == "you" and any(c.dep_ == "mark" for c in verb.children):
        return False  # a generic "you" in a condition asks nothing: "if you ask about the fees, ..."
    return _asked_unsaid(verb) or (subj is not None and _agent(subj))


def _topic_after(*preps: str) -> Callable[[Token], Token | None]:
    """The object of the first of ``preps`` on the verb that is not a time phrase: "talked about
    the flood" -> "flood"."""
    def head(verb: Token) -> Token | None:
        return next((o for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and not _time_phrase(c)
                     for o in c.children if o.dep_ in ("pobj", "pcomp") and o.i > c.i), None)
    return head


def _direct_object(verb: Token) -> Token | None:
    """The first direct object after the verb: "mentioned the budget twice" -> "budget"."""
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)


def _refused_topic(verb: Token) -> Token | None:
    """What a refusal to speak was about: the object of the refused verb, or of its "on" or "about"
    ("declined to discuss the fees", "declined to comment on the fees" -> "fees"); None for a bare
    "declined to comment"."""
    inf = next(c for c in verb.children if c.dep_ == "xcomp" and _refused_verb(c))
    return _direct_object(inf) or _topic_after("on", "about", "to")(inf)


def _topic_span(head: Token) -> tuple[int, int]:
    """First and last token of a topic's noun phrase: the head with what precedes it, and what
    follows it up to a time phrase or a phrase of manner, which the parser may hang on the noun
    ("her plans for the harbour"; "the fees", not "the fees on Monday"; "the plan", not "the plan
    in depth"). Adverbs of the verb ("twice") are outside the noun phrase already."""
    last = head.i
    for c in sorted((c for c in head.children if c.i > head.i), key=lambda c: c.i):
        if c.dep_ in ("punct", "cc", "conj") or (c.dep_ == "prep" and (_time_phrase(c) or _manner(c))):
            break
        last = c.right_edge.i
    return head.left_edge.i, last


def _manner(prep: Token) -> bool:
    """"in detail", "in depth", "at length": "in" or "at" with a bare noun (no article), no topic."""
    return prep.lower_ in ("in", "at") and any(
        o.dep_ == "pobj" and o.pos_ == "NOUN" and not any(True for _ in o.children) for o in prep.children)


@dataclass(frozen=True)
class ClaimVerbRule:
    """Verbs that hand an indirect claim to their subject only with a given complement."""

    name: str
    lemmas: frozenset[str]
    complement: Callable[[Token], bool]  # the verb has the complement that holds the claim
    reason: str
    # for a rule that hands over a topic, not a claim: the head of the topic's noun phrase (None: a
    # refusal with no topic, "declined to comment"); the claim column then holds that phrase alone
    topic: Callable[[Token], Token | None] | None = None


# Verbs beyond the speech verbs, and speech verbs with a complement other than a clause, that
# report what someone said; the claim is the complement (what follows the verb). Tried in order.
CLAIM_VERB_RULES = (
    ClaimVerbRule("vow to", frozenset({"vow", "pledge", "swear"}), _agentive_infinitive,
                  "a vow is said: 'the coach vowed to win the next game', 'vowed to remain in office'"),
    ClaimVerbRule("promise to", frozenset({"promise", "threaten"}), _promised_act,
                  "a promise or a threat is said, but 'promises to be close' is a forecast: "
                  "'the council promised to repair the bridge'"),
    ClaimVerbRule("call it", frozenset({"call", "describe", "dub", "label", "brand", "portray", "characterise",
                                        "characterize", "dismiss", "hail", "denounce", "cite"}), _predicate,
                  "naming something aloud claims what it is: 'called the tax unfair', 'cited the storm as proof'"),
    ClaimVerbRule("call for", frozenset({"call"}), _prep_without_object("for", "on", "upon"),
                  "a demand is said: 'called for a recount', 'called on the mayor to resign'"),
    ClaimVerbRule("propose", frozenset({"propose"}), _object_or_clause,
                  "a proposal is said: 'proposed a new tax', 'proposed that the vote wait'"),
    ClaimVerbRule("urge to", frozenset({"urge", "implore", "exhort"}), _infinitive,
                  "asking someone aloud to act: 'urged residents to stay indoors'"),
    ClaimVerbRule("accuse of", frozenset({"accuse"}), _object_with("of"),
                  "an accusation claims what someone did: 'accused the builder of cutting corners'"),
    ClaimVerbRule("blame for", frozenset({"blame", "fault"}), _object_with("for", "on"),
                  "blame claims a cause: 'blamed the delay on the weather', 'faulted the board for the delay'"),
    ClaimVerbRule("call out for", frozenset({"call out"}), _object_with("for"),
                  "a public rebuke claims a fault: 'called the mayor out for the delays'"),
    ClaimVerbRule("credit with", frozenset({"credit"}), _object_with("with", "for"),
                  "credit claims a cause: 'credited the nurses with saving lives'"),
    ClaimVerbRule("note a fact", frozenset({"note"}), _noted_fact,
                  "drawing attention to something states it: 'the report noted the low turnout'"),
    ClaimVerbRule("cite a reason", frozenset({"cite"}), _cited_reason,
                  "a reason given aloud: 'the council cancelled the fair, citing the cost of security'"),
    ClaimVerbRule("judge aloud", frozenset({"criticise", "criticize", "praise", "condemn", "denounce", "applaud",
                                            "commend", "decry", "deride", "ridicule", "mock"}), _object,
                  "public praise or blame is a judgement someone voiced: 'the senator criticized the budget plan'"),
    ClaimVerbRule("evidence shows", frozenset({"show", "find", "indicate", "demonstrate"}),
                  _evidence_reports,
                  "a record or a measurement reports what it found: 'the survey shows the mayor ahead'"),
    ClaimVerbRule("talk about", frozenset({"talk", "speak", "complain", "boast", "testify", "comment", "joke"}),
                  _spoken_topic("about", "of"),
                  "speaking of a topic reports speech about it: 'the mayor talked about the flood'",
                  _topic_after("about", "of")),
    ClaimVerbRule("refer to", frozenset({"refer", "allude", "point"}), _referred_to,
                  "a speaker's reference names what was spoken of: 'she was referring to the old bridge', "
                  "'the mayor pointed to the low turnout as proof'", _topic_after("to")),
    ClaimVerbRule("mention", frozenset({"mention", "discuss", "describe"}), _spoken_object,
                  "naming a topic aloud: 'the senator mentioned the budget', 'the board discussed the fees'",
                  _direct_object),
    ClaimVerbRule("decline to comment", frozenset({"decline", "refuse"}), _refused_speech,
                  "a refusal to speak is reported as the source's answer: 'the firm declined to comment'",
                  _refused_topic),
    ClaimVerbRule("endorse", frozenset({"endorse"}), _spoken_object,
                  "an endorsement is a public declaration of support: 'the union endorsed the mayor'",
                  _direct_object),
    ClaimVerbRule("agree that", frozenset({"agree"}), _agreed_claim,
                  "agreeing states a view shared with someone: 'the experts agreed that the dam was safe'"),
    ClaimVerbRule("make the case", frozenset({"make"}), _made_point,
                  "making a case, a point or something clear is saying it: 'made clear that the plant would close'"),
    ClaimVerbRule("remind", frozenset({"remind"}), _reminded_of,
                  "a speaker's reminder states what it recalls: 'reminded voters that the bridge was closed'"),
    ClaimVerbRule("defend or reject", frozenset({"defend", "reject", "echo", "question", "challenge", "dispute",
                                                 "repeat", "embrace", "dismiss"}), _stance_on_said,
                  "a stance on something said, with its content: 'the council rejected the idea that fees should rise'"),
    ClaimVerbRule("indicate that", frozenset({"indicate", "signal", "signify"}), _signalled_claim,
                  "a speaker who indicates or signals that something is so states it: "
                  "'the senator indicated that she would vote against the bill'"),
    ClaimVerbRule("express a view", frozenset({"express", "tout"}), _expressed_view,
                  "expressing a view or touting a thing is done aloud: 'the mayor expressed concern about the fees', "
                  "'the coach touted the new stadium'", _direct_object),
    ClaimVerbRule("offer to", frozenset({"offer"}), _offered_words,
                  "an offer made aloud, or words offered: 'the mayor offered to meet the families', "
                  "'the firm offered an apology'"),
    ClaimVerbRule("question a point", frozenset({"question"}), _questioned_point,
                  "doubt voiced about a point: 'the senator questioned whether the plan would work', "
                  "'questioned the mayor's judgement'"),
    ClaimVerbRule("raise a concern", frozenset({"raise", "voice", "air"}), _raised_concern,
                  "a concern or a question raised is said aloud: 'the nurses raised concerns about the new shifts'",
                  _direct_object),
    ClaimVerbRule("apologize for", frozenset({"apologize", "apologise"}), _spoken_topic("for"),
                  "an apology names what it is for: 'the mayor apologized to the families for the delay'",
                  _topic_after("for")),
    ClaimVerbRule("ask a question", frozenset({"ask"}), _asked_question,
                  "a question put aloud names what was asked: 'a reporter asked whether the bridge would reopen', "
                  "'asked about the flood, the mayor said ...' (the asker may go unnamed)", _question_of),
)
_RULE_LEMMAS = frozenset().union(*(r.lemmas for r in CLAIM_VERB_RULES))
_TOPIC_OF = {r.name: r.topic for r in CLAIM_VERB_RULES if r.topic is not None}
# the cue rules whose rows hold a topic of speech (or a refusal to comment), not a claim
TOPIC_CUE_RULES = frozenset({*_TOPIC_OF, "speech noun topic"})


# nouns that name something said, with the speaker as possessive and the content as complement:
# "the mayor's warning that the river would rise", "his pledge to cut taxes", "her call for a recount"
SPEECH_NOUNS = {
    "statement", "remark", "claim", "warning", "promise", "pledge", "vow", "assertion", "announcement",
    "insistence", "argument", "accusation", "allegation", "suggestion", "call", "threat", "demand",
    "assurance", "admission", "denial", "prediction", "contention", "charge", "plea",
}
_FOR_NOUNS = {"call", "demand", "plea"}  # "her call for a recount"


def _noun_claim(noun: Token) -> Token | None:
    """The complement of a speech noun that holds the claim: a that-clause, a to-infinitive, or
    "for" after a call or demand."""
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and any(a.dep_ in ("mark", "aux") and a.lower_ in ("that", "to")
                                              for a in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ == "for" and noun.lemma_.lower() in _FOR_NOUNS:
            return c
    return None


def _noun_cues(doc: Doc, quoted: _Spans) -> list[_Cue]:
    """Speech nouns with a possessive speaker and a complement ("the council's statement that the
    bridge was safe"): cues of an indirect claim, never of a quote."""
    found = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in SPEECH_NOUNS or _inside(tok.idx, quoted):
            continue
        poss = [c for c in tok.children if c.dep_ == "poss"]
        claim = _noun_claim(tok) if poss else None
        if claim is None:
            continue
        src = _source_tokens(poss[0])
        found.append(_Cue(cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok), lemma=tok.lemma_.lower(),
                          source=src, recipient=None, first=min(src[0].i, tok.i), last=tok.i, role=None,
                          verb=None, rule="speech noun", quotes=False, claim=claim))
    return found


_LINE_DASHES = {"-", "\u2013", "\u2014", "--"}
_NOT_NAMES = {"DATE", "TIME", "GPE", "LOC", "FAC"}  # "Monday:", "WASHINGTON:" are no speakers


def _known_surname(name: list[Token]) -> bool:
    """One capitalised word that the text names in full elsewhere as a person, though the tagger
    read it here as a common noun ("Lee: Rates will rise" in a story about Ann Lee)."""
    return (len(name) == 1 and name[0].is_title and name[0].pos_ == "NOUN"
            and normalise(name[0].text) in _surname_owners(text_of(name[0].doc)))


def _name_before_colon(doc: Doc, colon: int) -> list[Token] | None:
    """A name that is all a line holds before a colon (after a dash, or "From", in a digest of
    quotes): "Ann Lee: Rates will rise", "- More from Lee: “...”"; at most four words, each a proper
    noun in title case (so not "CORRECTION:"), or one capitalised word that the text names in full as
    a person (:func:`_known_surname`), not a date or a place."""
    k = colon - 1
    while k >= max(0, colon - 5) and not (doc[k].is_space and "\n" in doc[k].text) \
            and doc[k].text not in _LINE_DASHES and doc[k].lower_ != "from":
        k -= 1  # at most five tokens back: a name has at most four (linear in the text)
    if k >= 0 and not (doc[k].is_space and "\n" in doc[k].text or doc[k].text in _LINE_DASHES
                       or doc[k].lower_ == "from"):
        return None
    name = list(doc[k + 1 : colon])
    if not 1 <= len(name) <= 4:
        return None
    if not all(t.pos_ == "PROPN" and t.is_title for t in name) and not _known_surname(name):
        return None  # "X and Y: ..." is a headline about two
    if name[0].ent_iob_ == "I":  # "Exclusive - Ann Lee": the parser's name runs over the dash
        return None
    return None if any(t.ent_type_ in _NOT_NAMES for t in name) else name


def _finite(tok: Token) -> bool:
    """A finite verb or modal: "rise(s)", "will", "rose" (not "rising", "A Life in Politics")."""
    return tok.pos_ in ("VERB", "AUX") and ("Fin" in tok.morph.get("VerbForm") or tok.tag_ in ("MD", "VBD", "VBZ", "VBP"))


def _name_colon_cue(tok: Token, quoted: _Spans) -> _Cue | None:
    """"Ann Lee: Rates will rise": a name that opens a line (or follows a dash or "From" on it), a
    colon, and a claim with a finite verb to the end of the sentence (a headline's convention; "Ann
    Lee: Staff Writer" and "Ann Lee: A Life in Politics" are a byline and a title). A quote after
    the colon is left to the quote rules."""
    doc = tok.doc
    if tok.text != ":":
        return None
    k = tok.i + 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    if k >= len(doc) or doc[k].is_space or QUOTE_MARKS.get(doc[k].text) in ("open", "either"):
        return None
    name = _name_before_colon(doc, tok.i)
    if name is None:
        return None
    last = doc[k].sent.end - 1
    claim = doc[k : last + 1]
    if sum(t.is_alpha for t in claim) < 2 or not any(_finite(t) for t in claim):
        return None  # "Twitter: @handle" states nothing; "Ann Lee: A Life in Politics" is a title
    return _Cue(cue=":", cue_start=tok.idx, cue_end=tok.idx + 1, lemma=":", source=name, recipient=None,
                first=name[0].i, last=tok.i, role=None, verb=None, quotes=False, span=(tok.i + 1, last))


# nouns of something said whose topic follows them: "the senator's criticism of the budget",
# "her comments about the fees", "Ann Lee's attack on the plan" ("attack" only by a named person:
# "ISIS's attack on Paris", "the gunman's attack on the school" are violence, not speech)
TOPIC_NOUNS = {"attack", "criticism", "comment", "remark", "complaint", "statement", "speech", "testimony",
               "tweet", "post", "warning", "question", "proposal", "tirade", "denunciation", "praise", "interview"}
_PERSON_ONLY_TOPIC_NOUNS = {"attack"}
_TOPIC_PREPS = {"on", "about", "against", "of"}
# nouns of a time or a circumstance after "on": "remarks on the eve of the vote", "on condition of anonymity"
_CIRCUMSTANCES = {"eve", "condition", "day", "night", "morning", "evening", "afternoon", "occasion", "anniversary",
                  "sidelines", "heels", "basis", "behalf", "record", "background", "way", "trail"}
# nouns of a medium or a place where something is said: "his remarks on the radio", "her speech on the
# Senate floor", "a statement on the city website"
_VENUES = {"website", "site", "floor", "show", "air", "television", "tv", "radio", "platform", "channel",
           "program", "programme", "network", "podcast", "stage", "page", "blog", "broadcast", "camera", "tape",
           "video", "media", "panel", "phone", "telephone", "streets", "street", "steps", "campus", "internet",
           "web", "line", "account", "feed", "app",
           # social platforms, which the parser seldom tags as organisations
           "twitter", "facebook", "instagram", "youtube", "tiktok", "linkedin", "reddit", "telegram", "truth social"}
_PLACE_ENTITIES = {"ORG", "GPE", "FAC", "LOC"}


def _venue(obj: Token) -> bool:
    """The object of "on" that names where something was said, not what about: a medium or a place
    noun ("on the radio"), a news outlet ("on CNN") or a named organisation or place ("on Twitter",
    "on Capitol Hill"): "his remarks on Fox News" are not about Fox News."""
    phrase = obj.doc[obj.left_edge.i : obj.i + 1].text
    return (obj.lemma_.lower() in _VENUES or obj.lower_ in _VENUES or obj.ent_type_ in _PLACE_ENTITIES
            or _is_outlet(obj.text) or _is_outlet(phrase) or _plain(phrase).lower() in _VENUES)


def _topic_prep(prep: Token, noun: Token) -> bool:
    """A preposition after ``noun`` whose object is a topic: not a time, a circumstance or (after
    "on") a venue."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return (prep.dep_ == "prep" and prep.lower_ in _TOPIC_PREPS and prep.i > noun.i and bool(objs)
            and not _time_phrase(prep) and not any(o.lemma_.lower() in _CIRCUMSTANCES for o in objs)
            and not (prep.lower_ == "on" and any(_venue(o) for o in objs)))


def _noun_topic_cue(tok: Token, quoted: _Spans) -> _Cue | None:
    """"the senator's criticism of the budget": a noun of something said, its speaker as
    possessive, and its topic after "on", "about", "against" or "of" (a noun with a claim of its
    own, "the mayor's statement that ...", is a speech noun's cue)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in TOPIC_NOUNS:
        return None
    poss = [c for c in tok.children if c.dep_ == "poss"]
    preps = [c for c in tok.children if _topic_prep(c, tok)]
    if not poss or not preps or _noun_claim(tok) is not None or poss[0].lower_ in _THINGS:
        return None
    if tok.lemma_.lower() in _PERSON_ONLY_TOPIC_NOUNS and poss[0].ent_type_ != "PERSON":
        return None
    span = _topic_span(next(o for o in preps[0].children if o.dep_ == "pobj"))
    if tok.dep_ == "ROOT" and _verb_read_as_modifier(tok.doc[span[0] : span[1] + 1]):
        return None
    src = _source_tokens(poss[0])
    return _Cue(cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok), lemma=tok.lemma_.lower(), source=src,
                recipient=None, first=min(src[0].i, tok.i), last=tok.i, role=None, verb=None, quotes=False,
                span=span)


def _verb_read_as_modifier(topic: Span) -> bool:
    """A topic that holds the sentence's verb, which the parser read as part of the noun phrase
    when the noun of speech is the sentence's root: "Lee's attack on Reyes shocked voters" (topic
    "Reyes shocked voters"): an "-ed" word read as a modifier of the last noun, with the word before
    it (its subject) hung on it (not "the rigged vote")."""
    return any(t.dep_ == "amod" and t.lower_.endswith("ed") and t.i > topic.start and t.nbor(-1).head == t
               and t.nbor(-1).pos_ in ("PROPN", "NOUN") for t in topic)


# nouns of a poll, whose findings news writing gives with "in": "in a new poll, the mayor leads"
POLL_NOUNS = {"poll", "survey"}
# verbs of taking part in a poll or being listed in it, which report no finding: "took part in the poll"
_POLL_PARTAKING = {"take", "participate", "include", "list", "appear", "ask", "survey", "interview", "question",
                   "respond", "answer", "poll", "sample", "name", "feature", "use", "conduct", "publish", "release"}


# nouns of the people a survey asks (with the endings of nouns of people, "economists"): "a survey of 800 adults"
_RESPONDENT_NOUNS = {"adult", "resident", "respondent", "household", "reader", "customer", "consumer", "employee",
                     "worker", "member", "voter", "citizen", "parent", "student", "teacher", "doctor", "nurse",
                     "patient", "farmer", "driver", "owner", "tenant", "user", "fan", "leader", "executive"}
# heads of a share of the people polled, the subject of a finding: "52 percent backed the mayor"
_SHARE_HEADS = {"percent", "%", "majority", "minority", "plurality", "half", "third", "quarter", "most", "many", "few"}


def _poll_of_people(poll: Token) -> bool:
    """A poll, or a survey of people ("a survey of 1,000 voters"); not a survey of a thing ("a
    survey of the bridge") nor a survey with no one named ("in the survey, the city counted birds")."""
    if poll.lemma_.lower() == "poll":
        return True
    return any(o.dep_ == "pobj" and (o.lemma_.lower() in _RESPONDENT_NOUNS or o.ent_type_ == "NORP"
                                     or o.lemma_.lower().endswith(PEOPLE_ENDINGS))
               for c in poll.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children)


def _finding_subject(verb: Token) -> bool:
    """The finding's subject is a person, a group or a share of those polled ("the mayor leads",
    "52 percent backed the plan"), not a thing ("the error was found")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and (_agent(c) or c.lemma_.lower() in _SHARE_HEADS)
               for c in verb.children)


_RECORD_RULES = frozenset({"evidence shows", "in a poll"})  # rules whose source is a record, never a speaker
# nouns of journalists, whose questions are their trade, not speech of a withheld source: "a reporter asked ..."


def _poll_finding_cue(tok: Token, quoted: _Spans) -> _Cue | None:
    """"In a new poll, the mayor leads by six points": "in" with one poll or survey (singular: "rose in
    the polls" is a standing, not a finding), on a verb whose clause is the poll's finding; not a
    verb of taking part or of being listed ("took part in the poll", "was named in the survey"), nor a relative clause or a bare
    participle, which sit inside another claim ("the state, where the mayor leads in the poll")."""
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return None
    poll = next((o for o in tok.children if o.dep_ == "pobj" and o.lemma_.lower() in POLL_NOUNS), None)
    head = tok.head
    if poll is None or head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in _POLL_PARTAKING \
            or not _poll_of_people(poll) or not _finding_subject(head):
        return None
    if poll.tag_ not in ("NN", "NNP") or head.dep_ == "relcl" or (
            head.tag_ == "VBG" and not any(c.dep_ == "aux" for c in head.children)):
        return None  # "in the polls" is a standing, not one poll's finding; "where X leads in the poll" is set in another claim
    first, last = head.left_edge.i, _right_end(head, after=head.i, clauses_only=True)
    if tok.left_edge.i == first:  # "In a new poll, CLAIM"
        first = tok.right_edge.i + 1
    elif tok.right_edge.i >= last:  # "CLAIM in the latest survey"
        last = tok.left_edge.i - 1
    else:  # inside its clause ("spent money in a survey last year"): the claim would hold the cue
        return None
    if last - first < 2:
        return None
    src = _source_tokens(poll)
    return _Cue(cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok), lemma="in", source=src, recipient=None,
                first=tok.i, last=src[-1].i, role=None, verb=None, quotes=False, span=(first, last))


_HEARSAY_ADVERBS = {"reportedly"}  # the writer hands the clause to unnamed reports: "the mayor reportedly resigned"


def _hearsay_cue(tok: Token, quoted: _Spans) -> _Cue | None:
    """"The mayor reportedly resigned": "reportedly" on the verb of a clause with a subject hands the
    clause to unnamed reports (an empty source); not on a modifier ("the reportedly stolen car")."""
    head = tok.head
    if tok.lower_ not in _HEARSAY_ADVERBS or tok.dep_ != "advmod" or head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        return None
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in _CUE_VERBS | _RULE_LEMMAS:
        return None  # inside a claim someone else is said to make: "the mayor said the governor reportedly quit"
    first, last = head.left_edge.i, _right_end(head, after=head.i, clauses_only=True)
    first = tok.i + 1 if first == tok.i else first  # "Reportedly, the mayor resigned": the clause after it
    return _Cue(cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok), lemma=tok.lower_, source=[],
                recipient=None, first=tok.i, last=tok.i, role=None, verb=None, quotes=False, span=(first, last))


@dataclass(frozen=True)
class PhraseCueRule:
    """A cue without a speech verb: a function that reads a cue (or None) at a token."""

    name: str
    find: Callable[[Token, _Spans], _Cue | None]
    reason: str


# Cues of news writing that are no verb of saying; tried at every token outside quotes.
PHRASE_CUE_RULES = (
    PhraseCueRule("name colon", _name_colon_cue,
                  "a headline gives a claim after its speaker's name and a colon: 'Ann Lee: Rates will rise'"),
    PhraseCueRule("speech noun topic", _noun_topic_cue,
                  "a noun of something said with its speaker names its topic: 'the senator's attack on the budget'"),
    PhraseCueRule("reportedly", _hearsay_cue,
                  "'reportedly' hands a clause to unnamed reports: 'the mayor reportedly resigned on Friday'"),
    PhraseCueRule("in a poll", _poll_finding_cue,
                  "news gives a poll's finding with 'in': 'in a new poll, the mayor leads her rival by six points'"),
)


def _phrase_cues(doc: Doc, quoted: _Spans) -> list[_Cue]:
    """The cues of :data:`PHRASE_CUE_RULES` outside quotes (the first rule that reads a token wins)."""
    found = []
    for tok in doc:
        if _inside(tok.idx, quoted):
            continue
        for rule in PHRASE_CUE_RULES:
            cue = rule.find(tok, quoted)
            if cue is not None:
                cue.rule = rule.name
                found.append(cue)
                break
    return found


def _claim_rule(verb: Token, lemma: str) -> str | None:
    """The name of the first claim-verb rule whose verbs hold ``lemma`` and whose complement the verb has."""
    for r in CLAIM_VERB_RULES:
        if lemma in r.lemmas and r.complement(verb):
            return r.name
    return None


def _cues(doc: Doc, quoted: _Spans) -> list[_Cue]:
    found: list[_Cue] = []
    for tok in doc:
        according = tok.lower_ == "according"
        lemma = _cue_lemma(tok) if tok.pos_ in ("VERB", "AUX") else ""
        if not according and lemma not in _CUE_VERBS and lemma not in _RULE_LEMMAS:
            continue  # neither "according to" nor a speech or claim verb (checked first: it is cheaper)
        if _inside(tok.idx, quoted):
            continue
        if according and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs:
                continue
            src = _source_tokens(objs[0])
            found.append(_Cue(
                cue=doc[tok.i : tok.i + 2].text, cue_start=tok.idx, cue_end=to.idx + len(to), lemma="according to",
                source=src, recipient=None, first=tok.i, last=max(t.i for t in src), role=_role(objs[0]), verb=None,
            ))
            continue
        if _negated(tok):
            continue
        rule = _claim_rule(tok, lemma) if lemma in _RULE_LEMMAS else None
        if rule is None and lemma not in _CUE_VERBS:
            continue
        if rule in UNNAMED_SOURCE_RULES and _asked_unsaid(tok):  # "was asked whether": the asker unnamed
            found.append(_unnamed_source_cue(tok, lemma, rule))
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj" and not c.is_space and not _inside(c.idx, quoted)]
        shared = False
        if not subj:
            subj = _inverted_subject(tok)  # "“…,” said Wembly": the parser may miss the subject after the verb
        if not subj and (tok.dep_ in ("conj", "xcomp") or tok.tag_ == "VBG"):
            # "X insists that ... and says ...": the second verb shares the subject of the first;
            # so do an infinitive ("X went on to say") and a participle, up to the nearest clause
            # with a subject ("X denied it, saying “...”", "X issued a statement saying ...")
            subj = _borrowed_subject(tok, quoted)
            shared = True
        if not subj:
            continue
        if subj[0].lower_ in _RELATIVE_PRONOUNS and tok.dep_ == "relcl":
            subj = [tok.head]  # "the union leader, who has vowed to strike": the noun the clause hangs on
        # "told Assad to back down" is an order, not a claim
        if tok.lemma_ == "tell" and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                                        for c in tok.children):
            continue
        src, role = _source_tokens(subj[0]), _role(subj[0])
        block = ([] if shared else [t.i for t in src]) + [tok.i]
        named = _named_in_apposition(subj[0])
        if named is not None:  # "a spokesman for X, Brian Smith": the person, with the office as role
            role = doc[subj[0].left_edge.i : named.left_edge.i].text.rstrip(" ,")
            src = _source_tokens(named)
            block += [] if shared else [t.i for t in src]
        recipient = None
        for c in tok.children:
            if _addressee(c, lemma):
                rec = _source_tokens(c)
                recipient = doc[rec[0].i : rec[-1].i + 1].text
                block += [t.i for t in rec]
        found.append(_Cue(cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok), lemma=lemma, source=src,
                          recipient=recipient, first=min(block), last=max(block), role=role, verb=tok, rule=rule,
                          quotes=lemma in _CUE_VERBS))
    return found + _noun_cues(doc, quoted) + _phrase_cues(doc, quoted)


_RELATIVE_PRONOUNS = {"who", "that"}


def _addressee(obj: Token, lemma: str) -> bool:
    """The object is the one told or asked: "told Bloomberg", "asked the senator about the budget"
    (not "asked questions about the budget": a question is no person)."""
    if obj.dep_ not in ("dobj", "dative", "iobj") or obj.pos_ not in ("PROPN", "NOUN"):
        return False
    return lemma == "tell" or (lemma == "ask" and _agent(obj))


# claim-verb rules whose cue may have no source: the passive "was asked" names the one asked, not the asker
UNNAMED_SOURCE_RULES = frozenset({"ask a question"})


def _unnamed_source_cue(verb: Token, lemma: str, rule: str) -> _Cue:
    """The cue of a passive or participle question: the asker is the agent ("asked by a reporter"),
    else unnamed (an empty source); the one asked is the recipient: the passive subject ("the mayor
    was asked ..."), or the subject of the clause a participle hangs on ("Asked about X, the mayor said")."""
    agent = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    asked = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not asked and verb.dep_ == "advcl":
        asked = [c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS]
    if asked and asked[0].lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        asked = [verb.head]  # "the mayor, who was asked about the fees, ...": the noun the clause hangs on
    src = _source_tokens(agent[0]) if agent else []
    rec = _source_tokens(asked[0]) if asked and asked[0].lower_ not in _RELATIVE_PRONOUNS | {"which"} else []
    block = [verb.i] + [t.i for t in src]
    return _Cue(cue=verb.text, cue_start=verb.idx, cue_end=verb.idx + len(verb), lemma=lemma, source=src,
                recipient=verb.doc[rec[0].i : rec[-1].i + 1].text if rec else None, first=min(block),
                last=max(block), role=None, verb=verb, rule=rule, quotes=False)


def _inverted_subject(verb: Token) -> list[Token]:
    """The name right after a speech verb that follows a closing quotation mark ("“…,” said Ann
    Lee"), when the parser did not make it the verb's subject."""
    doc = verb.doc
    before = [t for t in doc[max(0, verb.i - 2) : verb.i] if not t.is_space]
    if not any(QUOTE_MARKS.get(t.text) in ("close", "either") for t in before):
        return []
    k = verb.i + 1  # a name: proper nouns, or capitalised words the tagger took for something else
    while k < len(doc) and (doc[k].pos_ == "PROPN" or (doc[k].is_title and doc[k].is_alpha and not doc[k].is_stop)):
        k += 1
    return [doc[k - 1]] if k > verb.i + 1 else []


def _borrowed_subject(tok: Token, quoted: _Spans, steps: int = 3) -> list[Token]:
    """The subject of the nearest clause above ``tok`` (at most ``steps`` heads up)."""
    head = tok
    for _ in range(steps):
        if head.head == head:
            break
        head = head.head
        subj = [c for c in head.children if c.dep_ == "nsubj" and not c.is_space and not _inside(c.idx, quoted)]
        if subj:
            return subj
    return []


def _named_in_apposition(head: Token) -> Token | None:
    """The person named in apposition to an unnamed source: "a spokesman for the company, Brian
    Smith" (the parser hangs the name on the source or on the noun of its prepositional phrase)."""
    if head.pos_ == "PROPN" or head.ent_type_ == "PERSON" or head.lower_ in _PRONOUNS:
        return None
    for t in head.rights:
        if t.dep_ == "appos" and t.ent_type_ == "PERSON":
            return t
        if t.dep_ == "prep":
            for obj in t.children:
                named = [a for a in obj.rights if a.dep_ == "appos" and a.ent_type_ == "PERSON"]
                if obj.dep_ == "pobj" and named:
                    return named[0]
    return None


# --- beliefs and plans: what a source is said to think, want or intend ------------------------------

BELIEF_KIND = "belief or plan"  # the cue_kind of a belief or plan; every other attribution is "speech"
CUE_KINDS = ("speech", BELIEF_KIND)
_WH_WORDS = _QUESTION_WORDS - {"whose"}
_FIRST_PERSON = {"i", "we", "me", "us", "you", "my", "our", "your"}  # the writer (or the reader) outside quotes: never a source
_BELIEF_COPULAS = {"be", "feel", "seem", "appear", "remain", "become", "sound", "grow"}
# "one would think", "everyone knows", "anyone who thinks": the writer's own voice, no one's belief
_GENERIC_HOLDERS = {"one", "everyone", "everybody", "anyone", "anybody", "nobody", "noone"}
_BELIEF_RELATIVES = _RELATIVE_PRONOUNS | {"which"}  # "the club, which hopes to ...": the noun it hangs on
_ADVICE_VERBS = {"want"}  # "may want to", "might want to": advice to the reader, not a wish
_ADVICE_MODALS = {"may", "might"}
_UNASSERTED_MARKS = {"if", "whether"}  # "if the mayor thinks ...": a belief the report does not assert
_INFLECTIONS = ("s", "es", "d", "ed", "ing")  # regular endings of a verb; after "ed", "ing" also a lost "e"


def _that_clause(pred: Token) -> Token | None:
    """A clause after ``pred`` with its own verb, "that" or none, not a question ("knows what
    happened"): "believes (that) the dam will hold"."""
    for c in pred.children:
        if c.dep_ == "ccomp" and c.i > pred.i and c.left_edge.lower_ not in _WH_WORDS and not _infinitive_clause(c):
            return c
    return None


def _to_infinitive(pred: Token) -> Token | None:
    """A to-infinitive after ``pred``, with or without its own subject, not a question ("decide
    whether to", "how to"): "plans to run", "wants the council to act"."""
    for c in pred.children:
        if c.dep_ in ("xcomp", "ccomp") and c.i > pred.i and c.left_edge.lower_ not in _WH_WORDS and \
                _infinitive_clause(c):
            return c
    return None


COMPLEMENTS = {"that-clause": _that_clause, "infinitive": _to_infinitive, "noun complement": _noun_claim}


@dataclass(frozen=True)
class BeliefRule:
    """Words that attribute a belief, wish, plan or attitude to their subject, with the complement
    that holds its content (a key of :data:`COMPLEMENTS`)."""

    name: str
    words: frozenset[str]  # verb or noun lemmas, or adjectives as written (after "be", "feel", ...)
    part: str  # "verb", "adjective" or "noun" (with a possessive holder)
    complements: tuple[str, ...]
    reason: str
    example: str  # a sentence of our own that the rule must read
    purpose_too: bool = False  # the words also give a thing's purpose ("the bill aims to"): the holder must speak


# Written from general English (verbs and adjectives of cognition, desire, intention and emotion
# that take a clause) before anything was measured; tried in order.
BELIEF_RULES = (
    BeliefRule("believe that", frozenset({
        "believe", "think", "know", "doubt", "suspect", "assume", "feel", "reckon", "suppose", "presume",
        "guess", "imagine", "realise", "realize", "understand", "conclude"}), "verb", ("that-clause",),
        "cognition: a belief or knowledge held by the subject",
        "The coach believes that the team can still win the league."),
    BeliefRule("hope to", frozenset({"hope", "want", "wish", "prefer"}), "verb", ("infinitive", "that-clause"),
               "desire: what the subject wishes for",
               "The farmers hope the rain will come before the harvest."),
    BeliefRule("plan to", frozenset({"plan", "intend", "aim", "mean", "seek", "decide"}), "verb", ("infinitive",),
               "intention: what the subject means to do ('the bill aims to cut taxes' is a purpose, no source)",
               "The mayor plans to run for a third term.", purpose_too=True),
    BeliefRule("expect", frozenset({"expect", "anticipate"}), "verb", ("infinitive", "that-clause"),
               "expectation of an active subject ('The vote is expected to pass' has no source)",
               "The union expects the talks to fail."),
    BeliefRule("fear that", frozenset({"fear", "worry", "regret", "dread"}), "verb", ("that-clause",),
               "emotion with a clause: what the subject fears or regrets",
               "The shop owners fear that the new road will take their customers away."),
    BeliefRule("be sure that", frozenset({
        "confident", "sure", "certain", "convinced", "hopeful", "optimistic", "pessimistic", "afraid",
        "worried", "concerned", "aware", "fearful", "doubtful", "skeptical", "sceptical"}), "adjective",
        ("that-clause",), "attitude: an adjective of certainty or feeling with a clause",
        "The engineers are confident that the bridge will hold."),
    BeliefRule("be eager to", frozenset({
        "eager", "keen", "determined", "willing", "reluctant", "anxious", "prepared"}), "adjective",
        ("infinitive",), "attitude towards an act: an adjective of will with a to-infinitive "
        "('the meal was prepared to feed 50' is a thing's purpose, no source)",
        "The nurses are determined to keep the clinic open.", purpose_too=True),
    # added after the first measurement: the nouns of the words above, as SPEECH_NOUNS are of speech
    BeliefRule("his hope that", frozenset({
        "belief", "doubt", "suspicion", "assumption", "feeling", "conclusion", "hope", "wish", "desire",
        "preference", "plan", "intention", "aim", "decision", "expectation", "fear", "worry", "regret",
        "confidence", "certainty", "conviction", "concern", "awareness", "eagerness", "determination",
        "willingness", "reluctance"}), "noun", ("noun complement",),
        "a noun of belief or intention with a possessive holder and a that-clause or to-infinitive",
        "The council's hope that the factory would reopen faded."),
)
_BELIEF_WORDS = {part: frozenset().union(*(r.words for r in BELIEF_RULES if r.part == part))
                 for part in ("verb", "adjective", "noun")}


def _belief_holder(tok: Token, part: str, infinitive: bool = False) -> Token | None:
    """Who holds the belief: the active subject of a verb (or of the verb it is joined to), the
    subject of the copula an adjective follows ("the engineers are confident"), or the subject of a
    participle read as passive with a that-clause ("is convinced that"); None for a passive verb
    ("is expected to") or a passive participle with an ``infinitive`` ("was determined to be")."""
    if part == "noun":  # "the council's hope that ...", "his plan to ..."
        poss = [c for c in tok.children if c.dep_ == "poss"]
        return poss[0] if poss else None
    if part == "verb":
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            return None
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subj and tok.dep_ == "conj":
            return _subject_of(tok.head, steps=2)
        return subj[0] if subj else None
    if tok.dep_ == "acomp" and tok.head.lemma_.lower() in _BELIEF_COPULAS:
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        return subj[0] if subj else None
    subj = [c for c in tok.children if c.dep_ == "nsubjpass"]  # "The board is convinced that ..."
    return subj[0] if subj and not infinitive else None


def _verb_word(tok: Token) -> str:
    """The belief verb ``tok`` is a form of: its lemma, or its lemma by the regular endings where the
    tagger's lemma is off ("hopes" read as a form of "hop"); only whole endings come off, so
    "planted" is no form of "plan" nor "hopped" of "hope"."""
    low = tok.lower_
    stems = [low[: -len(end)] for end in _INFLECTIONS if low.endswith(end) and len(low) > len(end) + 2]
    lost_e = [low[: -len(end)] + "e" for end in ("ed", "ing") if low.endswith(end)]
    forms = [tok.lemma_.lower(), low, *stems, *lost_e]
    return next((f for f in forms if f in _BELIEF_WORDS["verb"]), forms[0])


def _belief_rule(tok: Token) -> tuple[BeliefRule, Token] | None:
    """The first belief rule that reads ``tok``, with the complement holding the content."""
    verb = tok.pos_ == "VERB"
    word, part = (_verb_word(tok), "verb") if verb else (tok.lower_, "adjective")
    if tok.pos_ == "NOUN":
        word, part = tok.lemma_.lower(), "noun"
    if word not in _BELIEF_WORDS[part] and tok.lower_ in _BELIEF_WORDS["adjective"]:
        word, part = tok.lower_, "adjective"  # "convinced", "worried" tagged as participles
    for rule in BELIEF_RULES:
        if rule.part == part and word in rule.words:
            for name in rule.complements:
                comp = COMPLEMENTS[name](tok)
                if comp is not None:
                    return rule, comp
            if "that-clause" in rule.complements and tok.dep_ == "parataxis" and all(c.is_punct for c in tok.rights):
                return rule, None  # set in its content: "The vote, many think, is a formality"
    return None


_THINGS = _DEMONSTRATIVES | {"it", "its", "which", "what", "there", "something", "nothing", "everything"}


def _holds_beliefs(holder: Token) -> bool:
    """A holder that can think or want: one that can speak (:func:`_agent`), or any other noun,
    pronoun or quantifier ("anyone", "the leadership", "few in the village"), but not a pronoun of
    things ("it seems sure")."""
    return _agent(holder) or (holder.pos_ in ("NOUN", "PRON", "ADJ", "DET") and holder.lower_ not in _THINGS)


def _advice(tok: Token) -> bool:
    """"may want to", "might want to": advice to the reader, not a wish of the subject."""
    return tok.lemma_.lower() in _ADVICE_VERBS and any(c.dep_ == "aux" and c.lower_ in _ADVICE_MODALS
                                                       for c in tok.children)


def _unasserted(tok: Token) -> bool:
    """The cue (or the copula its adjective follows) sits under "if" or "whether", or in a question:
    "If the mayor thinks ...", "Does the mayor believe ...?" assert no one's belief."""
    verb = tok.head if tok.dep_ == "acomp" else tok
    if any(c.dep_ == "mark" and c.lower_ in _UNASSERTED_MARKS for c in verb.children):
        return True
    last = [t for t in tok.sent if not t.is_space and not (t.is_punct and t.text not in "?")]
    return bool(last) and last[-1].text == "?"


def _belief_negated(tok: Token) -> bool:
    """The verb, or the copula an adjective follows, is negated: "does not think", "is not sure"."""
    return _negated(tok) or (tok.dep_ == "acomp" and _negated(tok.head))


def _belief_cues(doc: Doc, quoted: _Spans) -> list[_Cue]:
    """Cues of beliefs and plans (:data:`BELIEF_RULES`) outside quotes, with a subject that can hold
    one (a person, a group, an institution; not the writer's "I" or "we") and the complement that
    holds the content; negated ones are left out, as negated speech verbs are."""
    found = []
    for tok in doc:
        if (tok.lower_ not in _BELIEF_WORDS["adjective"] and _verb_word(tok) not in _BELIEF_WORDS["verb"]
                and tok.lemma_.lower() not in _BELIEF_WORDS["noun"]):
            continue
        if tok.pos_ not in ("VERB", "ADJ", "NOUN") or _inside(tok.idx, quoted) or _belief_negated(tok):
            continue
        hit = _belief_rule(tok)
        infinitive = hit is not None and hit[1] is not None and _infinitive_clause(hit[1])
        holder = _belief_holder(tok, hit[0].part, infinitive) if hit else None
        if holder is None or holder.lower_ in _FIRST_PERSON or _inside(holder.idx, quoted):
            continue
        if holder.lower_ in _BELIEF_RELATIVES and holder.head.dep_ == "relcl":
            holder = holder.head.head  # "the senator, who hopes to win": the noun the clause hangs on
        rule, comp = hit
        if holder.lower_ in _GENERIC_HOLDERS or _unasserted(tok):
            continue
        if not (_agent(holder) if rule.purpose_too else _holds_beliefs(holder)) or _advice(tok):
            continue
        src = _source_tokens(holder)
        found.append(_Cue(cue=tok.text, cue_start=tok.idx, cue_end=tok.idx + len(tok), lemma=_verb_word(tok),
                          source=src, recipient=None, first=min(src[0].i, tok.i), last=tok.i, role=_role(holder),
                          verb=tok, rule=rule.name, quotes=False, claim=comp, kind=BELIEF_KIND))
    return found


# --- quotes ----------------------------------------------------------------------------------------


def _colon_cue(doc: Doc, open_tok: Span | None, quoted: _Spans) -> _Cue | None:
    """'The minister was blunt: “We will not pay.”': the subject of the clause before a colon."""
    if open_tok is None or open_tok.start == 0:
        return None
    k = open_tok.start - 1
    while k > 0 and doc[k].is_space:  # "... issued the following statement:" closing the paragraph before
        k -= 1
    colon = doc[k]
    if colon.text != ":":
        return None
    # the parser often hangs the colon on the quoted verb: look for a subject before the colon instead,
    # that of the main verb first ("When Ann died, Bo Lee released the following statement:")
    sent = colon.sent
    subj = [t for t in doc[sent.start : colon.i]
            if t.dep_ == "nsubj" and t.head.i < colon.i and not _inside(t.idx, quoted)]
    if not subj:  # "Ann Lee: “...”": a name alone before the colon (PHRASE_CUE_RULES, "name colon")
        name = _name_before_colon(doc, colon.i)
        if name is None:
            return None
        return _Cue(cue=":", cue_start=colon.idx, cue_end=colon.idx + 1, lemma=":", source=name, recipient=None,
                    first=name[0].i, last=colon.i, role=None, verb=None)
    main = [t for t in subj if t.head == sent.root]
    head = main[0] if main else subj[-1]
    src = _source_tokens(head)
    return _Cue(cue=":", cue_start=colon.idx, cue_end=colon.idx + 1, lemma=":", source=src, recipient=None,
                first=src[0].i, last=colon.i, role=_role(head), verb=None)


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=columns)


class _Sentences:
    """Sentence and paragraph lookup by character offset (bisection on the start offsets)."""

    def __init__(self, text: str) -> None:
        rows = sentence_rows(text)
        self.starts = [r[2] for r in rows]
        self.ends = [r[3] for r in rows]
        self.ids = [r[0] for r in rows]
        self.paras = paragraph_spans(text)
        self.para_starts = [ps for ps, _ in self.paras]

    def at(self, pos: int) -> int:
        """The sentence containing ``pos``; else the last one starting before it; else 1."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return int(self.ids[k]) if k >= 0 else 1

    def start_of(self, sentence_id: int) -> int:
        """Where a sentence starts (ids count from 1 in text order)."""
        return int(self.starts[sentence_id - 1])

    def paragraph(self, pos: int) -> int | None:
        """The paragraph (from 1) containing ``pos``, None between paragraphs."""
        k = bisect.bisect_right(self.para_starts, pos) - 1
        return k + 1 if k >= 0 and pos < self.paras[k][1] else None


def _quoted_spans(marks: list[_Mark]) -> _Spans:
    """Character spans of the quotes, marks included."""
    return _Spans([(m.open_at, (m.close_at + m.close_len) if m.close_at is not None else m.end) for m in marks])


class _CueIndex:
    """The cues of a text by first and by last token, and which of them a quote has used."""

    def __init__(self, cues: list[_Cue]) -> None:
        self.cues = cues
        self.by_first: dict[int, list[int]] = {}
        self.by_last: dict[int, list[int]] = {}
        for k, cue in enumerate(cues):
            self.by_first.setdefault(cue.first, []).append(k)
            self.by_last.setdefault(cue.last, []).append(k)
        self.used: set[int] = set()
        self.by_sentence: dict[int, list[int]] = {}

    def index_sentences(self, sent_of: dict[int, int]) -> None:
        """Group the speech-verb cues by the sentence of their verb."""
        for k, cue in enumerate(self.cues):
            if cue.verb is not None and cue.verb.i in sent_of:
                self.by_sentence.setdefault(sent_of[cue.verb.i], []).append(k)

    def starting(self, first: int, last: int) -> list[int]:
        """Unused cues whose block starts at a token in ``first..last``, in text order."""
        return [k for i in range(first, last + 1) for k in self.by_first.get(i, ()) if k not in self.used]

    def ending(self, first: int, last: int) -> list[int]:
        """Unused cues whose block ends at a token in ``first..last``, in text order."""
        return [k for i in range(first, last + 1) for k in self.by_last.get(i, ()) if k not in self.used]


_SENTENCE_ENDS = {".", "!", "?", "…"}
_AFTER_GAP, _BEFORE_GAP = 12, 3  # tokens allowed between a quote and a cue after / before it


def _ends_clause(doc: Doc, i: int) -> bool:
    """Token ``i`` ends a clause (or the text): "“…,” according to X." but not "According to X, …"."""
    return i >= len(doc) or doc[i].text in _SENTENCE_ENDS or doc[i].text in (";", ")") or doc[i].is_space


def _best_cue(doc: Doc, m: _Mark, index: _CueIndex, sents: _Sentences, sent_of: dict[int, int],
              quoted: _Spans) -> int | None:
    """The nearest unused cue of a quote: after it in the sentence its closing mark ends (or the
    next), else right before it; a cue after the quote wins a tie."""
    close_tok = None if m.close_at is None else doc.char_span(m.close_at, m.close_at + m.close_len,
                                                              alignment_mode="expand")
    open_tok = doc.char_span(m.open_at, m.open_at + m.open_len, alignment_mode="expand")
    best, best_distance = None, None
    if close_tok is not None:
        last_sid = sents.at(m.close_at) + 1
        paragraph = sents.paragraph(m.close_at)
        for k in index.starting(close_tok.end, close_tok.end + _AFTER_GAP):
            cue = index.cues[k]
            gap = doc[close_tok.end : cue.first]
            if any(QUOTE_MARKS.get(t.text) in ("open", "either") for t in gap):
                continue
            if sents.paragraph(cue.cue_start) != paragraph:  # a cue after the quote is in its paragraph
                continue
            if any(t.text in _SENTENCE_ENDS for t in gap):  # ... and in its sentence
                continue
            if cue.verb is not None and any(c.dep_ == "ccomp" and c.i > cue.verb.i and not quoted.contains(c.idx)
                                            for c in cue.verb.children):
                continue  # “A.” Ann Lee said the plan would fail: the verb has a claim of its own
            if cue.verb is None and not _ends_clause(doc, cue.last + 1):
                continue  # “A.” According to X, the budget was cut: the claim follows the cue
            sid = sent_of.get(cue.first)
            if sid is None or sid > last_sid:
                continue
            if best_distance is None or len(gap) < best_distance:
                best, best_distance = k, len(gap)
    if open_tok is not None:
        for k in index.ending(open_tok.start - 1 - _BEFORE_GAP, open_tok.start - 1):
            cue = index.cues[k]
            gap = doc[cue.last + 1 : open_tok.start]
            if any(QUOTE_MARKS.get(t.text) in ("close", "either") for t in gap):
                continue
            if cue.verb is not None and any(c.dep_ == "ccomp" and c.idx < m.open_at for c in cue.verb.children):
                continue
            if best_distance is None or len(gap) + 0.5 < best_distance:
                best, best_distance = k, len(gap) + 0.5
    return best


@dataclass
class _Context:
    """What the speaker rules read: the text, its parse, the quotes, the cues and the sentences."""

    text: str
    doc: Doc
    quoted: _Spans
    index: _CueIndex
    sents: _Sentences
    sent_of: dict[int, int]


_NO_SPEAKER = {"speaker": None, "speaker_kind": None, "speaker_text": None, "speaker_start": None,
               "speaker_end": None, "speaker_role": None, "cue": None, "cue_start": None, "cue_end": None,
               "continues": None, "speaker_rule": None}


def _speaker_of(ctx: _Context, cue: _Cue) -> dict:
    """The speaker columns that a cue gives."""
    kind, speaker = _classify(cue.source, cue.lemma, ctx.text)
    first, last = cue.source[0], cue.source[-1]
    return {"speaker": speaker, "speaker_kind": kind, "speaker_text": ctx.doc[first.i : last.i + 1].text,
            "speaker_start": first.idx, "speaker_end": last.idx + len(last), "speaker_role": cue.role,
            "cue": cue.cue, "cue_start": cue.cue_start, "cue_end": cue.cue_end, "continues": None}


def _rule_nearby_cue(ctx: _Context, m: _Mark, previous: dict | None) -> dict | None:
    k = _best_cue(ctx.doc, m, ctx.index, ctx.sents, ctx.sent_of, ctx.quoted)
    if k is None:
        return None
    ctx.index.used.add(k)
    return _speaker_of(ctx, ctx.index.cues[k])


def _rule_colon(ctx: _Context, m: _Mark, previous: dict | None) -> dict | None:
    open_tok = ctx.doc.char_span(m.open_at, m.open_at + m.open_len, alignment_mode="expand")
    cue = _colon_cue(ctx.doc, open_tok, ctx.quoted)
    return None if cue is None else _speaker_of(ctx, cue)


_BETWEEN_SENTENCES = re.compile(r"[\s,;:.!?\u2014\u2013-]*[.!?][\s\u2014\u2013-]*")


def _rule_continuation(ctx: _Context, m: _Mark, previous: dict | None) -> dict | None:
    """The quote opens the sentence right after the previous quote and its attribution."""
    if previous is None or previous["speaker"] is None or previous["closed"] is False:
        return None
    if ctx.sents.paragraph(m.open_at) != previous["paragraph_id"]:
        return None
    after = max(previous["end"], previous["cue_end"] or 0, previous["speaker_end"] or 0)
    if after > m.open_at:
        return None
    prev_sid = ctx.sents.at(max(previous["end"] + 1, after - 1))
    sid = ctx.sents.at(m.open_at + m.open_len)  # the parser may hang the opening mark on the sentence before
    opens_next = sid == prev_sid + 1 and not ctx.text[ctx.sents.start_of(sid) : m.open_at].strip()
    if not opens_next and not _BETWEEN_SENTENCES.fullmatch(ctx.text, after, m.open_at):
        return None
    inherited = {key: previous[key] for key in _NO_SPEAKER}
    inherited["continues"] = previous["continues"] or previous["quote_id"]
    return inherited


def _rule_clause(ctx: _Context, m: _Mark, previous: dict | None) -> dict | None:
    """'Ann Lee wrote to her followers on Friday, “...”', 'X told Y that Z “...”': the quote lies in the
    clause of a speech verb before it in its sentence (the nearest such verb)."""
    inner = ctx.doc.char_span(m.open_at, m.open_at + m.open_len, alignment_mode="expand")
    if inner is None or inner.end >= len(ctx.doc):
        return None
    first = inner.end  # the first token inside the quote
    best = None
    for k in ctx.index.by_sentence.get(ctx.sent_of.get(first, -1), ()):
        verb = ctx.index.cues[k].verb
        if k in ctx.index.used or verb.i >= first or not verb.left_edge.i <= first <= verb.right_edge.i:
            continue
        if best is None or verb.i > ctx.index.cues[best].verb.i:
            best = k
    if best is None:
        return None
    ctx.index.used.add(best)
    return _speaker_of(ctx, ctx.index.cues[best])


_DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}


def _rule_dash_byline(ctx: _Context, m: _Mark, previous: dict | None) -> dict | None:
    """'“Every vote counts.” ― Maria Lopez': a name after a dash that follows the closing mark and
    ends its line or clause."""
    if m.close_at is None:
        return None
    doc = ctx.doc
    close = doc.char_span(m.close_at, m.close_at + m.close_len, alignment_mode="expand")
    i = close.end if close is not None else len(doc)
    if i >= len(doc) or doc[i].text not in _DASHES:
        return None
    k = i + 1
    while k < len(doc) and doc[k].pos_ == "PROPN":
        k += 1
    if k == i + 1 or (k < len(doc) and not (doc[k].is_punct or doc[k].is_space)):
        return None
    source = list(doc[i + 1 : k])
    dash = doc[i]
    return _speaker_of(ctx, _Cue(cue=dash.text, cue_start=dash.idx, cue_end=dash.idx + len(dash), lemma="byline",
                                 source=source, recipient=None, first=i, last=k - 1, role=None, verb=None))


def _rule_interrupted(ctx: _Context, m: _Mark, previous: dict | None) -> dict | None:
    """'“The risk,” said Ada Lind, an economist, “is inflation.”': a quote that opens after the cue
    of the previous quote, in that cue's sentence, is the rest of the same quote."""
    if previous is None or previous["speaker_rule"] != "nearby cue" or previous["cue_start"] is None:
        return None
    after = max(previous["end"], previous["cue_end"], previous["speaker_end"])
    if after > m.open_at or ctx.sents.at(previous["cue_start"]) != ctx.sents.at(m.open_at + m.open_len):
        return None
    if ctx.sents.paragraph(m.open_at) != previous["paragraph_id"]:
        return None
    inherited = {key: previous[key] for key in _NO_SPEAKER}
    inherited["continues"] = previous["continues"] or previous["quote_id"]
    return inherited


# Rules that find a quote's speaker, tried in order: (name, rule, reason).
SPEAKER_RULES = (
    ("nearby cue", _rule_nearby_cue, "a speech verb right after the quote (in its sentence) or right before it"),
    ("dash byline", _rule_dash_byline, "a name after a dash right after the quote: '“…” ― Maria Lopez'"),
    ("colon", _rule_colon, "“The minister was blunt: “…”: the subject of the clause before a colon"),
    ("clause", _rule_clause, "a quote inside the clause of a speech verb before it: 'X said on Friday, “…”'"),
    ("interrupted", _rule_interrupted, "a quote split by its cue (“A,” she said, “B.”) has one speaker"),
    ("continuation", _rule_continuation,
     "a quote with no cue of its own that opens the sentence after a quote continues that quote"),
)


def _quote_rows(text: str, strict: bool, beliefs: bool = False) -> tuple[list[dict], list[_Cue]]:
    """The rows of :func:`quotes` and every cue of the text (``cue_start`` says which a quote used);
    with ``beliefs``, the cues of :data:`BELIEF_RULES` too (they never speak a quote)."""
    doc = parse(text)
    marks = _quote_marks(text, strict=strict)
    quoted = _quoted_spans(marks)
    cues = _cues(doc, quoted)
    ctx = _Context(text, doc, quoted, _CueIndex([c for c in cues if c.quotes]), _Sentences(text), sentence_of(text))
    ctx.index.index_sentences(ctx.sent_of)
    rows: list[dict] = []
    for m in marks:
        found = dict(_NO_SPEAKER)
        for name, rule, _ in SPEAKER_RULES:
            hit = rule(ctx, m, rows[-1] if rows else None)
            if hit is not None:
                found = {**hit, "speaker_rule": name}
                break
        rows.append(_quote_row(ctx, m, found, len(rows) + 1))
    return rows, ctx.index.cues + [c for c in cues if not c.quotes] + (_belief_cues(doc, quoted) if beliefs else [])


def _words(doc: Doc, start: int, end: int) -> int:
    """Words between two character offsets, by the project's one definition of a word
    (:func:`utils.text.words`: a token made of letters only; "2006" and "N1" are not words)."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return sum(t.is_alpha for t in span) if span is not None else 0


def _quote_row(ctx: _Context, m: _Mark, speaker: dict, quote_id: int) -> dict:
    """The row of one quote with the speaker columns a rule found."""
    start, end, sents = m.open_at + m.open_len, m.end, ctx.sents
    quote = ctx.text[start:end]
    return {
        "quote_id": quote_id, "sentence_id": sents.at(start), "quote": quote, "start": start, "end": end,
        "last_sentence_id": sents.at(max(start, end - 1)), "paragraph_id": sents.paragraph(m.open_at),
        "closed": m.close_at is not None, "words": _words(ctx.doc, start, end),
        **speaker,
    }


def quotes(text: str, strict: bool = False) -> pd.DataFrame:
    """Direct quotes: text between straight (``"``) or curly (``“ ”``) quotation marks.

    Columns: ``quote_id, sentence_id`` (where the quote starts), ``quote`` (the words inside the
    marks; ``text[start:end]``), ``speaker`` (canonical name, or the source phrase for anonymous
    sources; ``None`` if no cue is found), ``speaker_kind`` (see the module docstring), ``cue``
    (the verb or "according to"); and ``start, end, last_sentence_id, paragraph_id,
    speaker_text, speaker_start, speaker_end, speaker_role, cue_start, cue_end, closed, words``.

    The speaker comes from the first of :data:`SPEAKER_RULES` that applies (named in
    ``speaker_rule``): a speech verb next to the quote, after it in its own sentence ("…,” said X" /
    "…,” X said") or right before it ("X said: “…”"); the subject before a colon; a speech verb
    whose clause holds the quote ("X said on Friday, “…”"); the speaker of the previous quote when
    this one goes on after its cue ("“A,” she said, “B.”") or opens the next sentence with no cue of
    its own ("“A,” she said. “B.”"; ``continues`` gives the quote it continues). A quote that runs
    over several sentences or paragraphs is one quote. The marks of :data:`QUOTE_MARKS` are read
    (curly, straight, two apostrophes, guillemets, „…“); single marks are not (they double as
    apostrophes), nor are inch marks (6") or empty quotes. ``words`` counts the words inside the
    marks by the project's one definition (:func:`utils.text.words`: tokens of letters only).
    Unbalanced marks warn (:class:`UnbalancedQuotesWarning`) or, with ``strict=True``, raise
    :class:`UnbalancedQuotesError`. A text without letters or quotes gives an empty frame.
    """
    _check(text)
    if not _has_letters(text):
        return _empty(QUOTE_COLUMNS + QUOTE_EXTRA)
    rows, _ = _quote_rows(text, strict)
    if not rows:
        return _empty(QUOTE_COLUMNS + QUOTE_EXTRA)
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS + QUOTE_EXTRA)
    frame["continues"] = frame["continues"].astype("Int64")
    return frame


# --- attributions --------------------------------------------------------------------------------


def _clean_span(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens ``first..last`` without leading/trailing punctuation, and without a
    leading "that", colon or verb particle ("called out the council for ..." -> "the council for ...")."""
    toks = [t for t in doc[first : last + 1] if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].lower_ in ("that", ":") or toks[0].dep_ == "prt"):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].dep_ in ("cc", "mark")):  # "CLAIM, as X noted"
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _as_clause(cue: _Cue) -> bool:
    """The cue verb heads an "as" clause: "as the mayor noted"."""
    return cue.verb is not None and _heads_as_clause(cue.verb)


def _indirect_cue(cue: _Cue) -> bool:
    """A cue that can hand over an indirect claim: not a verb that only introduces quotes ("asked"),
    and a verb like "maintain" or "note" only with a clause to report ("maintain a cool head" is not)."""
    if cue.rule is not None:  # a claim-verb rule found the complement that holds the claim
        return True
    if cue.lemma in QUOTE_ONLY_VERBS:
        return False
    if _as_clause(cue):  # "As the mayor noted, the bridge is old": the clause it hangs on is the claim;
        # with an object of its own "as" means "while" ("As she told the story, her voice broke"), and
        # only a clause of its own is a claim ("as she noted how long the repairs had taken")
        return any(c.dep_ == "ccomp" for c in cue.verb.children) or not any(
            c.dep_ == "dobj" for c in cue.verb.children)
    if cue.verb is not None and cue.verb.dep_ == "parataxis":  # "Time, she added, was short": set in its claim
        return True
    return cue.verb is None or cue.lemma not in _NEEDS_CLAIM or any(c.dep_ == "ccomp" for c in cue.verb.children)


def _clause_before(doc: Doc, cue: _Cue, sent: Span) -> bool:
    """The words before the cue hold a clause of their own (a verb with a subject), not only a
    fronted adverbial ("On Sunday,", "After the vote,")."""
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc[sent.start : cue.first])


_ASIDE_MARKS = (",", "\u2013", "\u2014")


def _parenthetical(doc: Doc, cue: _Cue, sent: Span) -> bool:
    """A cue set off by commas or dashes inside the claim it reports: "The new road, the engineer
    said, will open in spring" (a few words may follow the verb before the closing comma: "said on Monday,")."""
    if cue.verb is None or cue.verb.dep_ != "parataxis" or cue.first <= sent.start:
        return False
    if doc[cue.first - 1].text not in _ASIDE_MARKS:
        return False
    for t in doc[cue.last + 1 : min(cue.last + 5, sent.end - 1)]:
        if t.text in _ASIDE_MARKS:
            return any(not (u.is_punct or u.is_space) for u in doc[t.i + 1 : sent.end])
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _aside_start(doc: Doc, cue: _Cue, sent: Span) -> int:
    """The first token of the claim around a cue set off by commas: the phrase just before the
    opening comma, as far left as its heads stay before the cue ("and the road, the engineer said,
    ..." starts at "the road"), or the clause the cue hangs on, if that starts earlier."""
    t = doc[max(sent.start, cue.first - 2)]
    while t.head != t and sent.start <= t.head.i < cue.first:
        t = t.head
    return max(sent.start, min(t.left_edge.i, cue.verb.head.left_edge.i))


def _own_clause(tok: Token) -> bool:
    """A joined clause with a subject of its own: "but the bridge remains closed"."""
    return tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _right_end(tok: Token, after: int, clauses_only: bool = False) -> int:
    """The last token of ``tok``'s phrase after token ``after``, without what is joined to it ("and the
    parents cheered", "and left the room"; with ``clauses_only``, only a joined clause with its own
    subject, "but the bridge remains closed", and the words joining it); ``tok`` itself if nothing follows."""
    joined = [c for c in tok.children if c.i > after and (_own_clause(c) if clauses_only else c.dep_ == "conj")]
    cut = min((c.i for c in joined), default=len(tok.doc))
    ends = [c.right_edge.i for c in tok.children
            if after < c.i < cut and c.dep_ not in ("conj", "cc", "punct")]
    ends += [c.right_edge.i for c in tok.children if after < c.i < cut and c.dep_ == "conj"]
    return max(ends, default=max(tok.i, after))


def _claim_span(doc: Doc, cue: _Cue, sent: Span, blocks: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where the claim of an indirect attribution lies in its sentence.

    Attribution at the end ("CLAIM, X said."): the sentence before it. "According to X, CLAIM":
    the rest of the sentence. "X says (that) CLAIM": what follows, up to a later attribution block.
    "CLAIM, X said, CLAIM": the whole sentence (the cue inside it).
    """
    if cue.span is not None:  # a phrase cue names its claim's tokens: "Ann Lee: Rates will rise"
        return _clean_span(doc, *cue.span)
    if cue.rule in _TOPIC_OF:  # a topic alone: "talked about the flood at length" -> "the flood"
        head = _TOPIC_OF[cue.rule](cue.verb)
        if head is None:  # "He declined to comment.": a refusal with no topic, an empty claim after the cue
            return cue.cue_end, cue.cue_end
        return _clean_span(doc, *_topic_span(head))
    if cue.claim is not None:  # a speech noun names its claim: "his pledge to cut taxes"; a belief its content
        first = cue.claim.left_edge.i
        if cue.kind == BELIEF_KIND:  # "wants the council to act": the object is the infinitive's subject
            first = min([first] + [c.left_edge.i for c in cue.verb.children if c.dep_ == "dobj" and c.i < first])
        return _clean_span(doc, first, cue.claim.right_edge.i)
    if _parenthetical(doc, cue, sent):  # the clause the cue is set in, without a clause joined to it
        end = _right_end(cue.verb.head, after=cue.verb.i, clauses_only=True)
        return _clean_span(doc, _aside_start(doc, cue, sent), min(sent.end - 1, end))
    if cue.kind == BELIEF_KIND:  # a belief's content is its complement, or the clause it is set in
        return None
    after = [t for t in doc[cue.last + 1 : sent.end] if not (t.is_punct or t.is_space)]
    comma_before = cue.first > sent.start and doc[cue.first - 1].text in (",", "–", "—")
    clause_after = cue.rule is not None or (cue.verb is not None and any(
        c.dep_ == "ccomp" and c.i > cue.verb.i for c in cue.verb.children
    ))
    if not after or (comma_before and not clause_after):
        # "CLAIM, X said": only a clause before the cue is a claim, never a fronted adverbial
        # ("On Sunday, China announced new sanctions": the claim is what China announced)
        if _clause_before(doc, cue, sent):
            return _clean_span(doc, sent.start, cue.first - 1)
        if not after:
            return None
    start = cue.last + 1
    if clause_after and cue.rule is None:  # "X said on Monday that CLAIM": the claim is the clause, not "on Monday"
        clause = next(c for c in cue.verb.children if c.dep_ == "ccomp" and c.i > cue.verb.i)
        start = max(start, clause.left_edge.i)
    if cue.verb is None:  # "According to X, CLAIM": the claim starts after the comma
        comma = next((t.i for t in doc[cue.last + 1 : sent.end] if t.text == ","), None)
        start = comma + 1 if comma is not None else start
    k = bisect.bisect_right(blocks, (cue.last, len(doc)))  # blocks are sorted: the first one after the cue
    stop = blocks[k][0] - 1 if k < len(blocks) and blocks[k][0] < sent.end else sent.end - 1
    if cue.rule is not None:  # a claim verb's claim is its complement, without a clause joined to the verb
        stop = min(stop, _right_end(cue.verb, after=cue.verb.i))
    elif cue.verb is not None and cue.verb.dep_ == "relcl" and clause_after:
        stop = min(stop, _right_end(cue.verb, after=cue.verb.i))  # "X, who said CLAIM, resigned": not "resigned"
    return _clean_span(doc, start, stop)


def attributions(text: str, strict: bool = False, include_beliefs: bool = False) -> pd.DataFrame:
    """Every attributed claim, direct (a quote with its speaker) and indirect.

    Columns: ``attribution_id, sentence_id, paragraph_id, type`` ("direct" or "indirect"),
    ``source`` (canonical), ``source_text`` (as written), ``source_kind``, ``cue``,
    ``recipient`` (who was told: "Bloomberg" in "told Bloomberg"), ``claim`` with
    ``claim_start, claim_end``, ``source_start, source_end, cue_start, cue_end``, ``scope``
    ("report" for the outlet signing the whole report in its last sentence, e.g. "N1 writes";
    else "claim"), ``quote_id`` (direct only), ``cue_rule`` (``None`` for a speech verb, "according
    to" or a quote's cue; else the rule's name: of :data:`CLAIM_VERB_RULES` ("promise to", "talk
    about" ...), "speech noun", of :data:`PHRASE_CUE_RULES` ("name colon", "speech noun topic", "in a poll",
    "reportedly") or
    of :data:`BELIEF_RULES`), ``cue_kind`` ("speech": what a source is said to have said; "belief or
    plan": what the report says a source thinks, wants, fears or intends). A row of
    :data:`TOPIC_CUE_RULES` holds a topic or a question as ``claim`` ("talked about the flood at length":
    "the flood"; "He declined to comment.": "" at the cue's end); "evidence shows" and "in a poll" give kind "record";
    "ask a question" may have no source ("was asked whether ...": ``source`` None, kind "unknown", the one
    asked as recipient); "reportedly" has the source "reports", kind "anonymous" and no source span.

    With ``include_beliefs`` the beliefs and plans of :data:`BELIEF_RULES` are added ("the mayor
    hopes to win"), each ``type`` "indirect" with ``cue_kind`` "belief or plan"; the speech rows are
    the same either way. Left out: a belief inside a quote (the quote is its speaker's words), the
    writer's own "I" and "we", a passive forecast with no holder ("the vote is expected to pass"), a
    wish with an object but no clause ("wants a new car"). Negated cues ("has not yet commented",
    "does not think"), orders ("told Assad to back down") and anything inside a quote are no
    attributions. A text with no letters gives an empty frame.
    """
    _check(text)
    if not _has_letters(text):
        return _empty(ATTRIBUTION_COLUMNS)
    doc = parse(text)
    q_rows, all_cues = _quote_rows(text, strict, beliefs=include_beliefs)
    sent_rows = sentence_rows(text)
    sent_of = sentence_of(text)
    para_of = {r[0]: r[1] for r in sent_rows}
    last_sid = max(para_of)
    used = {q["cue_start"] for q in q_rows if q["cue_start"] is not None}
    rows = _direct_rows(q_rows, {c.cue_start: c.recipient for c in all_cues if c.cue_start in used})
    cues = [c for c in all_cues if c.cue_start not in used and _indirect_cue(c)]
    # a claim runs up to the next speech-verb cue of its sentence; a claim verb or a speech noun
    # inside it ("X said the council called the plan a waste") does not cut it
    blocks = sorted((c.first, c.last) for c in cues if c.rule is None)
    for cue in cues:
        sid = sent_of.get(cue.first)
        if sid is None:  # the parser made a line break the subject: no attribution to read
            continue
        _, _, s_start, s_end, _ = sent_rows[sid - 1]
        sent = doc.char_span(s_start, s_end, alignment_mode="expand")
        span = _claim_span(doc, cue, sent, blocks)
        if span is None:
            continue
        kind, source = _row_source(cue, text)
        first, last = (cue.source[0], cue.source[-1]) if cue.source else (None, None)
        scope = "report" if kind == "outlet" and cue.recipient is None and sid == last_sid and \
            cue.lemma in _PUBLISHING_VERBS else "claim"
        rows.append({
            "sentence_id": sid, "paragraph_id": para_of[sid], "type": "indirect", "source": source,
            "source_text": doc[first.i : last.i + 1].text if first else None, "source_kind": kind,
            "cue": cue.cue, "recipient": cue.recipient, "claim": text[span[0] : span[1]],
            "claim_start": span[0], "claim_end": span[1], "source_start": first.idx if first else None,
            "source_end": last.idx + len(last) if last else None, "cue_start": cue.cue_start,
            "cue_end": cue.cue_end, "scope": scope, "quote_id": None, "cue_rule": cue.rule, "cue_kind": cue.kind,
        })
    return _attribution_frame(rows)


def _direct_rows(q_rows: list[dict], recipient_of: dict[int, str | None]) -> list[dict]:
    """The rows of :func:`attributions` for the quotes with a speaker, with who was told."""
    return [{
        "sentence_id": q["sentence_id"], "paragraph_id": q["paragraph_id"], "type": "direct",
        "source": q["speaker"], "source_text": q["speaker_text"], "source_kind": q["speaker_kind"],
        "cue": q["cue"], "recipient": recipient_of.get(q["cue_start"]),
        "claim": q["quote"], "claim_start": q["start"], "claim_end": q["end"],
        "source_start": q["speaker_start"], "source_end": q["speaker_end"], "cue_start": q["cue_start"],
        "cue_end": q["cue_end"], "scope": "claim", "quote_id": q["quote_id"], "cue_rule": None,
        "cue_kind": "speech",
    } for q in q_rows if q["speaker"] is not None]


def _row_source(cue: _Cue, text: str) -> tuple[str, str | None]:
    """``(kind, canonical source)`` of an indirect cue: a record for the rules of findings ("records
    show": a record, not an institution); "reports", anonymous, for "reportedly"; ``("unknown",
    None)`` for an unnamed asker; "unknown" for a journalist who asks (:data:`PRESS_HEADS`)."""
    if not cue.source:
        return ("anonymous", "reports") if cue.rule == "reportedly" else ("unknown", None)
    kind, source = _classify(cue.source, cue.lemma, text)
    if kind == "anonymous" and cue.rule == "ask a question" and any(t.lemma_.lower() in PRESS_HEADS
                                                                    for t in cue.source):
        kind = "unknown"  # a journalist putting a question withholds no identity: "a reporter asked whether ..."
    return (RECORD_KIND if cue.rule in _RECORD_RULES else kind), source


def _attribution_frame(rows: list[dict]) -> pd.DataFrame:
    """The rows of :func:`attributions` in text order, numbered, with ``None`` (not NaN) where a row
    has no value: no rule, no recipient, or no source (an unnamed asker)."""
    if not rows:
        return _empty(ATTRIBUTION_COLUMNS)
    frame = pd.DataFrame(rows).sort_values(["sentence_id", "cue_start"], kind="stable").reset_index(drop=True)
    frame.insert(0, "attribution_id", range(1, len(frame) + 1))
    frame = frame.astype({"quote_id": "Int64", "source_start": "Int64", "source_end": "Int64"})
    for column in ("cue_rule", "source", "source_text", "recipient"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame[ATTRIBUTION_COLUMNS]


def sourcing_summary(text: str) -> pd.DataFrame:
    """Attributions per kind of source (the outlet's signature of the whole report left out).

    Columns: ``source_kind, attributions, share`` (of all attributions counted), ``sentences``
    (distinct sentences with at least one such attribution), ``claim_chars`` (characters of the
    claims). One row per kind in :data:`KINDS`, zeros included.
    """
    attrs = attributions(text)
    attrs = attrs[attrs.scope == "claim"] if len(attrs) else attrs
    total = len(attrs)
    rows = []
    for kind in KINDS:
        part = attrs[attrs.source_kind == kind] if total else attrs
        rows.append((kind, len(part), len(part) / total if total else 0.0, part.sentence_id.nunique(),
                     int((part.claim_end - part.claim_start).sum()) if len(part) else 0))
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


SPEAKER_TABLE_COLUMNS = ["source", "source_kind", "attributions", "direct", "indirect", "sentence_ids"]


def speaker_table(text: str) -> pd.DataFrame:
    """Who speaks: one row per source of an attributed claim (the outlet's signature left out).

    Columns: ``source`` (canonical), ``source_kind``, ``attributions`` (claims handed to it),
    ``direct`` (of which quotes), ``indirect``, ``sentence_ids`` (where, in order). Most claims first,
    then in order of first appearance. An attribution with no source (an unnamed asker) has no row;
    the unnamed reports behind "reportedly" are one anonymous source, "reports".
    """
    attrs = attributions(text)
    attrs = attrs[(attrs.scope == "claim") & attrs.source.notna()] if len(attrs) else attrs
    rows: dict[tuple[str, str], dict] = {}
    for r in attrs.itertuples():
        entry = rows.setdefault((r.source, r.source_kind), {
            "source": r.source, "source_kind": r.source_kind, "attributions": 0, "direct": 0, "indirect": 0,
            "sentence_ids": []})
        entry["attributions"] += 1
        entry[r.type] += 1
        entry["sentence_ids"].append(int(r.sentence_id))
    ordered = sorted(rows.values(), key=lambda e: (-e["attributions"], e["sentence_ids"][0]))
    return pd.DataFrame(ordered, columns=SPEAKER_TABLE_COLUMNS).astype(
        {"attributions": int, "direct": int, "indirect": int})


def anonymous_share(text: str) -> float:
    """Share of the claims attributed to a speaker whose source is anonymous: the outlet's own
    signature, the findings of records (``source_kind`` "record": "the survey shows ...") and rows
    with no source at all (an unnamed asker: "the mayor was asked ...") are left out, since a poll
    has no identity to withhold and an unnamed asker is no source of a claim. "Reportedly" counts as
    anonymous (the unnamed reports behind it).

    ``nan`` when the text attributes nothing to a speaker.
    """
    attrs = attributions(text)
    if attrs.empty:
        return float("nan")
    claims = speaker_claims(attrs)
    return float((claims.source_kind == "anonymous").mean()) if len(claims) else float("nan")


def speaker_claims(attrs: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`attributions` that :func:`anonymous_share` counts: claims (no outlet's
    signature) with a source, not the findings of a record. Same columns as ``attrs``."""
    return attrs[(attrs.scope == "claim") & attrs.source.notna() & (attrs.source_kind != RECORD_KIND)]


def sourcing_chain(text: str, outlet: str | None = None) -> pd.DataFrame:
    """Who relays whom: the outlet, the outlets it relays, and the sources behind them.

    Columns: ``source, source_kind, relayed_by`` (the next link towards the reader; ``None`` for
    the outlet itself), ``stated`` (``True`` where the text names the channel, as in "told
    Bloomberg"; ``False`` where the source is simply quoted in the outlet's own text),
    ``attributions``, ``sentence_ids``. The outlet is the source of a ``scope == "report"``
    attribution ("N1 writes"); else ``outlet`` (e.g. from the report's metadata); else "the report".
    """
    attrs = attributions(text)
    top = outlet
    if len(attrs) and (attrs.scope == "report").any():
        top = attrs[attrs.scope == "report"].source.iloc[0]
    top = top or "the report"
    links: dict[tuple[str, str | None], dict] = {}

    def add(source: str, kind: str, by: str | None, stated: bool, sid: int | None) -> None:
        row = links.setdefault((source, by), {"source": source, "source_kind": kind, "relayed_by": by,
                                              "stated": stated, "attributions": 0, "sentence_ids": []})
        if sid is not None:
            row["attributions"] += 1
            row["sentence_ids"].append(int(sid))

    add(top, "outlet", None, True, None)
    for row in attrs.itertuples() if len(attrs) else []:
        if row.source is None:  # no source (an unnamed asker): no link to draw
            continue
        if row.scope == "report":
            links[(top, None)]["sentence_ids"].append(int(row.sentence_id))
            links[(top, None)]["attributions"] += 1
            continue
        if isinstance(row.recipient, str) and _plain(row.recipient)[:1].isupper():
            channel = _plain(row.recipient)
            add(channel, "outlet", top, False, None)
            add(row.source, row.source_kind, channel, True, row.sentence_id)
        else:
            add(row.source, row.source_kind, top, False, row.sentence_id)
    return pd.DataFrame(list(links.values()),
                        columns=["source", "source_kind", "relayed_by", "stated", "attributions", "sentence_ids"])


def hedges(text: str) -> pd.DataFrame:
    """Hedges and distance markers, word by word.

    ``category`` is "hedge" (weakens a claim: "perhaps", "may", "apparently") or "distance" (the
    writer hands the claim to someone else without vouching for it: "according to", "insists",
    "reportedly", "allegedly"). "could" and "would" are left out: far more often ability or
    tense than doubt. Columns: ``hedge_id, sentence_id, start, end, marker`` (as written),
    ``category, in_quote`` (inside a direct quote: the speaker's hedge, not the writer's), ``note``.
    """
    _check(text)
    if not _has_letters(text):
        return _empty(HEDGE_COLUMNS)
    doc = parse(text)
    with warnings.catch_warnings():  # quotes() is the place that warns about unbalanced marks
        warnings.simplefilter("ignore", UnbalancedQuotesWarning)
        quoted = _quoted_spans(_quote_marks(text, strict=False))
    sent_of = sentence_of(text)
    rows = []
    for tok in doc:
        if tok.is_space:
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            start, end, category = tok.idx, doc[tok.i + 1].idx + 2, "distance"
        else:
            key = tok.lower_ if tok.lower_ in HEDGE_WORDS else tok.lemma_.lower()
            category = HEDGE_WORDS.get(key)
            if category is None:
                continue
            if key in ("may", "might") and tok.tag_ != "MD":
                continue  # "May" the month
            if key in ("seem", "appear") and tok.pos_ not in ("VERB", "AUX"):
                continue
            if key in ("claim",) and tok.pos_ != "VERB":
                continue
            start, end = tok.idx, tok.idx + len(tok)
        rows.append((sent_of[tok.i], start, end, text[start:end], category, _inside(start, quoted),
                     _HEDGE_NOTES[category]))
    frame = pd.DataFrame(rows, columns=HEDGE_COLUMNS[1:])
    frame.insert(0, "hedge_id", range(1, len(frame) + 1))
    return frame


EVALUATION_COLUMNS = ["found", "gold", "matched", "precision", "recall", "f1", "kind_agreement"]


def evaluate_attributions(found: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Compare :func:`attributions` with a gold table (``data/gold/quotes.csv``), one row.

    An attribution matches when its ``sentence_id`` and ``cue`` (case ignored) equal a gold row's;
    ``kind_agreement`` is the share of matched rows whose ``source_kind`` agrees too.
    """
    for frame, what in ((found, "found"), (gold, "gold")):
        missing = [c for c in ("sentence_id", "cue", "source_kind") if c not in frame.columns]
        if missing:
            raise ValueError(f"evaluate_attributions: the {what} table lacks the columns {missing}.")

    def keyed(frame: pd.DataFrame) -> dict[tuple[int, str], str]:
        return {(int(r.sentence_id), str(r.cue).lower()): r.source_kind for r in frame.itertuples()}

    f, g = keyed(found), keyed(gold)
    matched = f.keys() & g.keys()
    precision = len(matched) / len(f) if f else float("nan")
    recall = len(matched) / len(g) if g else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    agree = sum(f[k] == g[k] for k in matched) / len(matched) if matched else float("nan")
    return pd.DataFrame([(len(f), len(g), len(matched), precision, recall, f1, agree)], columns=EVALUATION_COLUMNS)


def gold_attributions_for(text: str) -> pd.DataFrame | None:
    """The hand-made gold attributions (``data/gold/quotes.csv``) if ``text`` is the bundled report, else None."""
    from utils.report import DATA_DIR, is_bundled

    if not is_bundled(text):
        return None
    return pd.read_csv(DATA_DIR / "gold" / "quotes.csv", keep_default_na=False)
