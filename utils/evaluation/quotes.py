"""Quotes and attributions against PolNeAR and GUM (development) and the bundled report's gold (in-sample).

What is measured, and how PolNeAR's annotation is read:

*Direct quote*: one content span (PolNeAR contents may be discontinuous) that is, or starts with,
quoted text: its first character, or the first non-space character before it, is an opening
quotation mark. Content that only holds a quoted phrase further in ("called it “a disaster”") is
a partial quote, not a direct quote.

*Continuation quote*: a direct quote that is not the first quoted span of its attribution and has
no cue of its own in its sentence: between the end of the previous quoted span and its start there
is a sentence end (``.``, ``!`` or ``?``, possibly followed by closing marks, then a space) or a
line break (``“A,” she said. “B.”``). PolNeAR marks it only by putting it into the content of the
previous quote's attribution, so its gold speaker is that attribution's source, like the first
quote's. (``“A,” she said, “B.”`` is not a continuation: the cue is in its sentence.)

*Matched*: a found span and a gold span match when they overlap by at least half of the shorter
(quote spans are compared without the quotation marks and surrounding spaces). A quote's span is
*exact* when the two agree after quotation marks, spaces and end punctuation are trimmed.

*Speaker right* (for gold quotes with a source, of the quotes found): the found speaker phrase
overlaps the gold source span, or the two name the same person: the last word of each (cut before
a comma, "of", "for", "who"; possessive dropped; case ignored) is the same and the gold source is
not a pronoun.

*Attributions*: every found attribution (direct and indirect) against every PolNeAR attribution,
by content overlap as above. Precision: share of found attributions that match some gold one;
recall: share of gold attributions matched by some found one (PolNeAR also annotates beliefs and
plans, "X hopes to ...", which the speech rules do not look for, so recall is low by design).

*Beliefs included*: the same measures with the beliefs and plans of
``attributions(text, include_beliefs=True)`` (``cue_kind`` "belief or plan") added to the speech
attributions; "belief or plan precision" is the precision of those rows alone, lenient: a belief
counts as right when its content matches any gold content, the content of a speech attribution
too (a belief reported inside speech, "the coach says he hopes ...", which PolNeAR annotates as the
speech only). "belief or plan precision, cue matched" is the strict one: the content matches a
gold content whose cue span overlaps the found cue. The speech-only
rows above are computed from the same call without those rows, which is what ``attributions(text)``
gives.

*Speech-cue recall*: the same recall over the gold attributions whose cue is a speech or
communication cue: some word of the cue is (an inflection of) a word of :data:`SPEECH_CUES`, or the
cue holds "according to" or "point out". The list is of speech and communication words from general
English (verbs of saying, telling, announcing, arguing, warning and promising; nouns that name a
statement, an interview or a post), not from the cues PolNeAR happens to hold, and was fixed before
the rules of :mod:`utils.sources` were extended. It overlaps with the verbs those rules use but is
not the same set: it holds words the rules never look for ("ask", "interview") and lacks some they
do ("imply", "mock"), which then count under the other cues. Recall over the other cues (beliefs,
plans, perceptions, actions: "hopes", "plans", "supported") is given beside it.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from utils.evaluation import f1, row, rows_frame
from utils.evaluation.polnear import PolnearDocument, Spans, read_polnear

OPENING_MARKS = "\"“„«‘‚'"
_MARKS = "\"“”„«»‘’‚'`"
_SENTENCE_END = re.compile(r"[.!?][\"”’'»]*\s|\n")
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "us", "me"}
_NAME_CUT = re.compile(r",|\(|\b(?:of|for|who|which|at|from|with)\b", re.IGNORECASE)
EVERY = 7  # PolNeAR: every 7th article of the train split (120 of 840) keeps evaluate() near 60 s

# speech and communication cues (lemmas), from general English: verbs of saying and telling, of
# asking and answering, of arguing and judging aloud, of warning, urging and promising, of
# publishing; and nouns that name something said or written
SPEECH_CUES = frozenset({
    "say", "tell", "state", "add", "claim", "announce", "argue", "write", "report", "explain", "note",
    "insist", "confirm", "deny", "warn", "stress", "allege", "acknowledge", "admit", "comment", "assert",
    "maintain", "declare", "reply", "respond", "answer", "ask", "tweet", "post", "testify", "concede",
    "emphasise", "emphasize", "reveal", "disclose", "complain", "boast", "vow", "pledge", "promise",
    "caution", "urge", "reiterate", "counter", "recount", "contend", "observe", "remark", "repeat",
    "proclaim", "speak", "talk", "mention", "suggest", "predict", "call", "describe", "accuse",
    "criticise", "criticize", "praise", "quote", "cite", "recall", "inform", "brief", "shout", "whisper",
    "joke", "retort", "exclaim", "threaten", "demand", "propose", "recommend", "advise", "question",
    "blame", "condemn", "dismiss", "reject", "agree", "disagree", "object", "protest", "apologise",
    "apologize", "thank", "blast", "slam", "publish", "broadcast", "email", "text", "interview",
    "statement", "speech", "conference", "release", "announcement", "letter", "testimony",
    "briefing", "message", "memo", "op-ed", "editorial", "column", "words", "warning",
    "accusation", "criticism", "allegation", "spokesman", "spokeswoman", "spokesperson",
})
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
              "spoken": "speak", "spokesmen": "spokesman", "spokeswomen": "spokeswoman"}
_SPEECH_PHRASES = re.compile(r"\baccording to\b|\bpoint(?:s|ed|ing)? out\b", re.IGNORECASE)
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
             ("ing", ""), ("ing", "e"))


def _lemmas(word: str) -> set[str]:
    """The forms a word may be an inflection of ("argued" -> argue, "admitting" -> admit)."""
    word = word.lower().replace("’", "'")
    out = {word, _IRREGULAR.get(word, word)}
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + repl
            out |= {base, base[:-1]} if base[-1:] == base[-2:-1] else {base}
    return out


def speech_cue(cue: str) -> bool:
    """The cue of an attribution names speech or writing: a word of :data:`SPEECH_CUES` (inflected
    or not) or "according to" or "point out" ("told reporters", "in a statement"; not "hopes", "plans", "backed")."""
    if _SPEECH_PHRASES.search(cue):
        return True
    return any(_lemmas(w) & SPEECH_CUES for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", cue))


GOLD_QUOTE_COLUMNS = ["doc_id", "start", "end", "continuation", "source", "source_spans"]
QUOTE_MATCH_COLUMNS = ["doc_id", "start", "end", "continuation", "source", "found", "exact", "speaker",
                       "speaker_right"]


@dataclass(frozen=True)
class GoldQuote:
    """One direct quote of PolNeAR: the content span, its attribution's source, continuation or not."""

    doc_id: str
    start: int
    end: int
    continuation: bool
    source: str
    source_spans: Spans


def _is_quoted(text: str, start: int) -> bool:
    """The span starting at ``start`` is or starts with quoted text."""
    i = start
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and text[i] in OPENING_MARKS:
        return True
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] in OPENING_MARKS and text[j] != "'"


def _continues(text: str, previous_end: int, start: int, cue: Spans) -> bool:
    """A sentence ends between the previous quoted span (or the cue after it) and ``start``, and
    the cue does not come later (where it would be this quote's own)."""
    if any(cs >= start for cs, _ in cue):
        return False
    after = max([previous_end] + [ce for cs, ce in cue if previous_end <= cs < start])
    return bool(_SENTENCE_END.search(text[max(0, after - 1) : start + 1]))


def gold_quotes(doc: PolnearDocument) -> list[GoldQuote]:
    """The direct quotes of one PolNeAR article, first quotes and continuations (module docstring)."""
    out = []
    for att in doc.attributions:
        previous_end = None
        for start, end in att.content:
            if not _is_quoted(doc.text, start):
                continue
            continuation = previous_end is not None and _continues(doc.text, previous_end, start, att.cue)
            out.append(GoldQuote(doc.doc_id, start, end, continuation, doc.surface(att.source), att.source))
            previous_end = end
    return out


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without spaces and quotation marks around it (and end punctuation at its end)."""
    while start < end and (text[start].isspace() or text[start] in _MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS or text[end - 1] in ",.;:!?"):
        end -= 1
    return start, end


def overlap(a: Spans, b: Spans) -> int:
    """Characters two sets of spans share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def matches(a: Spans, b: Spans) -> bool:
    """``a`` and ``b`` overlap by at least half of the shorter (and by at least one character)."""
    shared = overlap(a, b)
    shorter = min(sum(e - s for s, e in a), sum(e - s for s, e in b))
    return shared > 0 and 2 * shared >= shorter


def _name_key(name: str) -> str:
    head = _NAME_CUT.split(name, maxsplit=1)[0]
    words = re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", head)
    return re.sub(r"[’']s$", "", words[-1].lower()) if words else ""


def same_speaker(found: str | None, found_span: tuple[int, int] | None, gold: str, gold_spans: Spans) -> bool:
    """The found speaker is the gold source: the spans overlap, or the names agree (module docstring)."""
    if found is None:
        return False
    if found_span is not None and overlap((found_span,), gold_spans) > 0:
        return True
    key = _name_key(gold)
    return bool(key) and key not in _PRONOUNS and key == _name_key(found)


def score_quotes(text: str, gold: list[GoldQuote], found: pd.DataFrame) -> pd.DataFrame:
    """One row per gold quote: was it found, is the span exact, is the speaker right.

    ``found`` is a :func:`utils.sources.quotes` frame (``start, end, speaker, speaker_start,
    speaker_end``). Columns: :data:`QUOTE_MATCH_COLUMNS`; ``speaker_right`` is ``None`` where the
    gold quote has no source.
    """
    spans = [(_core(text, int(s), int(e)), r) for s, e, r in zip(found.start, found.end, found.itertuples(),
                                                                 strict=True)]
    rows = []
    for g in gold:
        core = _core(text, g.start, g.end)
        best, best_overlap = None, 0
        for span, r in spans:
            shared = overlap((span,), (core,))
            if shared > best_overlap and matches((span,), (core,)):
                best, best_overlap = (span, r), shared
        speaker = best[1].speaker if best is not None and isinstance(best[1].speaker, str) else None
        right = None
        if g.source_spans:
            sp = None
            if best is not None and pd.notna(best[1].speaker_start):
                sp = (int(best[1].speaker_start), int(best[1].speaker_end))
            right = best is not None and same_speaker(speaker, sp, g.source, g.source_spans)
        rows.append((g.doc_id, g.start, g.end, g.continuation, g.source, best is not None,
                     best is not None and best[0] == core, speaker, right))
    return pd.DataFrame(rows, columns=QUOTE_MATCH_COLUMNS)


def quote_measures(scored: pd.DataFrame) -> pd.DataFrame:
    """Shares from :func:`score_quotes` rows. Columns: ``measure, value, n``.

    Quote found and span exact over all gold direct quotes; speaker accuracy over the gold quotes
    with a source, first quotes and continuation quotes separately (a quote not found counts as wrong).
    """
    out = []
    scored = scored.astype({"continuation": bool, "found": bool, "exact": bool})
    if len(scored):
        out.append(("direct quote found", scored.found.mean(), len(scored)))
        hit = scored[scored.found]
        out.append(("direct quote span exact (of found)", hit.exact.mean() if len(hit) else 0.0, len(hit)))
    for label, part in (("first quote", scored[~scored.continuation]), ("continuation quote", scored[scored.continuation])):
        judged = part[part.speaker_right.notna()]
        if len(judged):
            out.append((f"speaker accuracy, {label}", judged.speaker_right.astype(bool).mean(), len(judged)))
    return pd.DataFrame(out, columns=["measure", "value", "n"])


def score_attributions(gold: list[list[Spans]], found: list[list[Spans]]) -> pd.DataFrame:
    """Precision, recall and F1 of found attribution contents against gold contents, per article.

    ``gold[k]`` and ``found[k]`` are the contents of article ``k`` (matched only within it). A found
    content is right when it matches (half of the shorter) some gold content of its article; a gold
    one is recalled when some found content matches it. Columns: ``measure, value, n`` (n: found
    attributions for precision, gold ones for recall and F1).
    """
    if len(gold) != len(found):
        raise ValueError(f"score_attributions needs one list per article on both sides, got {len(gold)} and {len(found)}")
    right = sum(any(matches(f, g) for g in gs) for gs, fs in zip(gold, found, strict=True) for f in fs)
    recalled = sum(any(matches(f, g) for f in fs) for gs, fs in zip(gold, found, strict=True) for g in gs)
    n_found, n_gold = sum(map(len, found)), sum(map(len, gold))
    p = right / n_found if n_found else 0.0
    r = recalled / n_gold if n_gold else 0.0
    return pd.DataFrame([("attribution precision", p, n_found), ("attribution recall", r, n_gold),
                         ("attribution F1", f1(p, r), n_gold)], columns=["measure", "value", "n"])


def score_speech_recall(gold: list[list[Spans]], cues: list[list[str]], found: list[list[Spans]]) -> pd.DataFrame:
    """Recall of gold attributions with a speech cue (:func:`speech_cue`) and of the others.

    ``gold[k]``, ``cues[k]`` (the cue text of each gold attribution) and ``found[k]`` belong to
    article ``k``. Columns: ``measure, value, n`` (n: gold attributions of the part); a part with no
    gold attribution gives no row.
    """
    if not len(gold) == len(cues) == len(found) or any(len(g) != len(c) for g, c in zip(gold, cues, strict=True)):
        raise ValueError("score_speech_recall needs one cue per gold attribution and one list per article")
    hits = {True: [0, 0], False: [0, 0]}
    for gs, cs, fs in zip(gold, cues, found, strict=True):
        for g, c in zip(gs, cs, strict=True):
            part = hits[speech_cue(c)]
            part[0] += any(matches(f, g) for f in fs)
            part[1] += 1
    labels = {True: "attribution recall, speech cues", False: "attribution recall, other cues"}
    return pd.DataFrame([(labels[k], h / n, n) for k, (h, n) in hits.items() if n], columns=["measure", "value", "n"])


def score_beliefs(gold: list[list[Spans]], cues: list[list[str]], speech: list[list[Spans]],
                  beliefs: list[list[Spans]], gold_cues: list[list[Spans]] | None = None,
                  belief_cues: list[list[Spans]] | None = None) -> pd.DataFrame:
    """The attribution measures with the beliefs and plans of :func:`utils.sources.attributions`
    (``include_beliefs=True``) added to the speech attributions, and the precision of the beliefs
    alone. ``speech[k]`` and ``beliefs[k]`` are the found contents of article ``k`` of each kind.
    With the cue spans of each gold attribution (``gold_cues``) and of each belief found
    (``belief_cues``), also the strict precision: content matched and cue spans overlapping.
    Columns: ``measure, value, n``."""
    both = [s + b for s, b in zip(speech, beliefs, strict=True)]
    table = pd.concat([score_attributions(gold, both), score_speech_recall(gold, cues, both)], ignore_index=True)
    table["measure"] = table["measure"] + ", beliefs included"
    alone = score_attributions(gold, beliefs).iloc[:1].assign(measure="belief or plan precision")
    rows = [table, alone]
    if gold_cues is not None and belief_cues is not None:
        rows.append(_cue_matched_precision(gold, gold_cues, beliefs, belief_cues))
    return pd.concat(rows, ignore_index=True)


def _cue_matched_precision(gold: list[list[Spans]], gold_cues: list[list[Spans]], found: list[list[Spans]],
                           found_cues: list[list[Spans]]) -> pd.DataFrame:
    """Share of found contents that match a gold content whose cue overlaps the found cue."""
    if not len(gold) == len(gold_cues) == len(found) == len(found_cues) or any(
            len(a) != len(b) for pair in ((gold, gold_cues), (found, found_cues))
            for a, b in zip(*pair, strict=True)):
        raise ValueError("score_beliefs needs one cue per attribution and one list per article")
    right = sum(any(matches(f, g) and overlap(fc, gc) > 0 for g, gc in zip(gs, gcs, strict=True))
                for gs, gcs, fs, fcs in zip(gold, gold_cues, found, found_cues, strict=True)
                for f, fc in zip(fs, fcs, strict=True))
    n = sum(map(len, found))
    return pd.DataFrame([("belief or plan precision, cue matched", right / n if n else 0.0, n)],
                        columns=["measure", "value", "n"])


def _contents(frame: pd.DataFrame) -> list[Spans]:
    return [((int(s), int(e)),) for s, e in zip(frame.claim_start, frame.claim_end, strict=True)]


def _cue_spans(frame: pd.DataFrame) -> list[Spans]:
    return [((int(s), int(e)),) for s, e in zip(frame.cue_start, frame.cue_end, strict=True)]


def _polnear_rows(shared: Path, limit: int | None, first: int = 0) -> list[dict]:
    """PolNeAR rows on every :data:`EVERY`-th train article from article ``first`` (0: the
    development slice; another offset gives a slice the rules were not read against). The slice
    from article 3 is not in :func:`evaluate`; print it with ``python -c "from pathlib import Path;
    from utils.evaluation.quotes import _polnear_rows; [print(r) for r in _polnear_rows(Path('../shared'),
    None, first=3)]"``."""
    from utils.sources import BELIEF_KIND, attributions, quotes
    from utils.text import parse_many

    folder = shared / "gold" / "polnear"
    if not (folder / "text").is_dir():
        return []
    docs = read_polnear(folder)[first::EVERY]
    docs = docs[:limit] if limit is not None else docs
    scored, gold_contents, gold_cues, found_contents, belief_contents = [], [], [], [], []
    gold_cue_spans, belief_cue_spans = [], []
    for doc, _ in zip(docs, parse_many(d.text for d in docs), strict=True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            q, a = quotes(doc.text), attributions(doc.text, include_beliefs=True)
        scored.append(score_quotes(doc.text, gold_quotes(doc), q))
        gold_contents.append([x.content for x in doc.attributions if x.content])
        gold_cues.append([doc.surface(x.cue) for x in doc.attributions if x.content])
        found_contents.append(_contents(a[a.cue_kind == "speech"]))  # as attributions(text) gives them
        belief_contents.append(_contents(a[a.cue_kind == BELIEF_KIND]))
        gold_cue_spans.append([x.cue for x in doc.attributions if x.content])
        belief_cue_spans.append(_cue_spans(a[a.cue_kind == BELIEF_KIND]))
    name = f"PolNeAR train (every {EVERY}th article, {len(docs)} docs)"
    if first:
        name = f"PolNeAR train (every {EVERY}th article from article {first}, {len(docs)} docs)"
    scored = [s for s in scored if len(s)]
    measures = quote_measures(pd.concat(scored, ignore_index=True) if scored else
                              pd.DataFrame(columns=QUOTE_MATCH_COLUMNS))
    attr = score_attributions(gold_contents, found_contents)
    speech = score_speech_recall(gold_contents, gold_cues, found_contents)
    beliefs = score_beliefs(gold_contents, gold_cues, found_contents, belief_contents, gold_cue_spans,
                            belief_cue_spans)
    table = pd.concat([measures, attr, speech, beliefs], ignore_index=True)
    return [row("sources", name, m, v, n, "development") for m, v, n in table.itertuples(index=False)]


def quotes_found(text: str, gold: list[tuple[int, int]], found: pd.DataFrame) -> tuple[int, int]:
    """``(found, gold)``: how many gold quote spans a found quote matches (half of the shorter,
    quotation marks and spaces trimmed on both sides)."""
    spans = [(_core(text, int(s), int(e)),) for s, e in zip(found.start, found.end, strict=True)]
    hits = sum(any(matches(f, (_core(text, s, e),)) for f in spans) for s, e in gold)
    return hits, len(gold)


def _gum_rows(shared: Path, limit: int | None) -> list[dict]:
    """Quote found on GUM's Wikinews documents (GUM marks one quote per sentence, so a quotation of
    two sentences is two gold quotes; span exactness is not comparable and left out)."""
    from utils.evaluation.gum import read_gum_folder
    from utils.sources import quotes
    from utils.text import parse_many

    folder = shared / "gold" / "gum"
    if not folder.is_dir():
        return []
    docs = [d for d in read_gum_folder(folder) if d.quotes]
    docs = docs[:limit] if limit is not None else docs
    hits = total = 0
    for doc, _ in zip(docs, parse_many(d.text for d in docs), strict=True):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            h, n = quotes_found(doc.text, [(q.start, q.end) for q in doc.quotes], quotes(doc.text))
        hits, total = hits + h, total + n
    if not total:
        return []
    return [row("sources", f"GUM train ({len(docs)} docs with quotes)", "direct quote found", hits / total, total,
                "development")]


def _bundled_rows() -> list[dict]:
    """In-sample rows on the bundled report; here a first quote's speaker is right when a direct
    attribution of the same sentence names exactly the gold source (stricter than PolNeAR's
    :func:`same_speaker`)."""
    from utils.report import load_report
    from utils.sources import attributions, evaluate_attributions, gold_attributions_for

    text = load_report().text
    gold = gold_attributions_for(text)
    found = attributions(text)
    table = evaluate_attributions(found, gold).iloc[0]
    name = f"bundled report ({len(gold)} attributions)"
    direct = gold[gold["type"] == "direct"]
    said = {(int(r.sentence_id), r.source) for r in found[found["type"] == "direct"].itertuples()}
    right = sum((int(r.sentence_id), r.source) in said for r in direct.itertuples())
    rows = [row("sources", name, "speaker accuracy, first quote", right / len(direct) if len(direct) else 0.0,
                len(direct), "in-sample"),
            row("sources", name, "attribution precision", table.precision, table.found, "in-sample"),
            row("sources", name, "attribution recall", table.recall, table.gold, "in-sample"),
            row("sources", name, "attribution F1", table.f1, table.gold, "in-sample"),
            row("sources", name, "source kind right (of matched)", table.kind_agreement, table.matched, "in-sample")]
    return rows


def evaluate(shared: Path, limit: int | None = None) -> pd.DataFrame:
    """Quote and attribution measures on PolNeAR and GUM (development) and the bundled report (in-sample)."""
    return rows_frame(_polnear_rows(Path(shared), limit) + _gum_rows(Path(shared), limit) + _bundled_rows())
