"""The one segmentation every analysis shares: paragraphs, sentences and tokens with offsets.

A text is parsed once by spaCy (:func:`parse`, cached by the text itself); every module reads
the same paragraph ids, sentence ids and character offsets from here. For every row that a
function returns, ``text[start:end]`` is exactly its surface form.

Ids: ``paragraph_id`` and ``sentence_id`` count from 1, as a reader counts ("paragraph 6");
``token_id`` is the token's index in the spaCy ``Doc`` (from 0), so ``parse(text)[token_id]`` is
the token.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from utils.resources import nlp

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")

PARAGRAPH_COLUMNS = ["paragraph_id", "start", "end", "text"]
SENTENCE_COLUMNS = ["sentence_id", "paragraph_id", "start", "end", "text"]
TOKEN_COLUMNS = [
    "token_id", "sentence_id", "start", "end", "token", "lower", "lemma", "pos", "is_alpha", "is_stop",
]


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"Expected the text of a report as a str, got {type(text).__name__}.")
    return text


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the paragraphs, surrounding whitespace excluded.

    If the text contains blank lines, paragraphs are separated by blank lines (so hard-wrapped
    lines stay together); otherwise every line break starts a new paragraph, as in the bundled
    report. Whitespace-only stretches are not paragraphs.
    """
    _check_text(text)
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    spans, pos = [], 0
    for match in [*splitter.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            spans.append((pos + lead, end - trail))
        pos = match.end() if match else pos
    return spans


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Pipeline component: force a sentence start at the first token of every paragraph."""
    starts = {start for start, _ in paragraph_spans(doc.text)}
    for token in doc:
        if token.idx in starts:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def pipeline() -> Language:
    """spaCy's ``en_core_web_sm`` with our paragraph-boundary component before the parser."""
    model = nlp()
    if "paragraph_boundaries" not in model.pipe_names:
        model.add_pipe("paragraph_boundaries", before="parser")
    return model


_DOCS: OrderedDict[str, Doc] = OrderedDict()
DOC_CACHE_SIZE = 64


def _remember(text: str, doc: Doc) -> Doc:
    _DOCS[text] = doc
    _DOCS.move_to_end(text)
    while len(_DOCS) > DOC_CACHE_SIZE:
        _DOCS.popitem(last=False)
    return doc


def parse(text: str) -> Doc:
    """The spaCy ``Doc`` of ``text``, computed once per distinct text (do not modify it).

    The last ``DOC_CACHE_SIZE`` Docs are kept, keyed by the text itself.
    """
    _check_text(text)
    if text in _DOCS:
        _DOCS.move_to_end(text)
        return _DOCS[text]
    return _remember(text, pipeline()(text))


def parse_many(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe`` (batched, optionally in several processes), lazily.

    Each Doc also enters the cache of :func:`parse`, so analyses called on a text right after its
    Doc was yielded reuse it instead of parsing again.
    """
    for doc in pipeline().pipe((_check_text(t) for t in texts), batch_size=batch_size, n_process=n_process):
        yield _remember(doc.text, doc)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> pd.DataFrame:
    """Paragraphs as a DataFrame: ``paragraph_id`` (from 1), ``start``, ``end``, ``text``."""
    rows = [(i, s, e, text[s:e]) for i, (s, e) in enumerate(paragraph_spans(text), start=1)]
    frame = pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)
    return frame.astype({"paragraph_id": int, "start": int, "end": int, "text": str})


@functools.lru_cache(maxsize=64)
def _sentence_rows(text: str) -> tuple[tuple[int, int, int, int, str], ...]:
    spans = paragraph_spans(text)
    if not spans:
        return ()
    rows = []
    for sent in parse(text).sents:
        # a sentence never crosses a paragraph boundary: cut it at every boundary it spans
        for para, (ps, pe) in enumerate(spans, start=1):
            start, end = _trim(text, max(sent.start_char, ps), min(sent.end_char, pe))
            if start < end:
                rows.append((len(rows) + 1, para, start, end, text[start:end]))
    return tuple(rows)


def sentences(text: str) -> pd.DataFrame:
    """Sentences: ``sentence_id`` (from 1), ``paragraph_id``, ``start``, ``end``, ``text``.

    Sentence boundaries come from spaCy's parser, with a boundary forced at every paragraph
    start; leading and trailing whitespace is excluded from each span. An opening quotation mark
    stays with the sentence it opens, so a quote of two sentences gives two sentences.
    """
    frame = pd.DataFrame(list(_sentence_rows(_check_text(text))), columns=SENTENCE_COLUMNS)
    return frame.astype({"sentence_id": int, "paragraph_id": int, "start": int, "end": int, "text": str})


def sentence_of(text: str) -> dict[int, int]:
    """Map every non-space token index of ``parse(text)`` to its ``sentence_id``."""
    rows = _sentence_rows(_check_text(text))
    doc = parse(text)
    out, k = {}, 0
    for token in doc:
        if token.is_space:
            continue
        while k < len(rows) - 1 and token.idx >= rows[k][3]:
            k += 1
        out[token.i] = rows[k][0]
    return out


def tokens(text: str) -> pd.DataFrame:
    """Tokens (spaCy's tokenisation, whitespace tokens dropped).

    Columns: ``token_id`` (index in the spaCy Doc), ``sentence_id``, ``start``, ``end``, ``token``
    (surface form), ``lower``, ``lemma``, ``pos`` (universal POS tag), ``is_alpha`` (letters only),
    ``is_stop`` (in spaCy's built-in English stop-word list); plus ``paragraph_id`` and ``tag``
    (fine-grained Penn tag).
    """
    doc = parse(_check_text(text))
    sent_of = sentence_of(text)
    para_of = {row[0]: row[1] for row in _sentence_rows(text)}
    rows = [
        (
            t.i, sent_of[t.i], t.idx, t.idx + len(t.text), t.text, t.lower_, t.lemma_, t.pos_,
            t.is_alpha, t.is_stop, para_of[sent_of[t.i]], t.tag_,
        )
        for t in doc
        if not t.is_space
    ]
    frame = pd.DataFrame(rows, columns=[*TOKEN_COLUMNS, "paragraph_id", "tag"])
    return frame.astype(_TOKEN_DTYPES)


_TOKEN_DTYPES = {
    "token_id": int, "sentence_id": int, "start": int, "end": int, "token": str, "lower": str,
    "lemma": str, "pos": str, "is_alpha": bool, "is_stop": bool, "paragraph_id": int, "tag": str,
}


def numbered(text: str, width: int | None = None) -> str:
    """The text with paragraph (¶) and sentence ([n]) numbers, for reading along in a notebook.

    ``width`` wraps each sentence to that many characters (``None``: no wrapping).
    """
    import textwrap

    lines, current = [], None
    for row in sentences(text).itertuples():
        if row.paragraph_id != current:
            if current is not None:
                lines.append("")
            lines.append(f"¶{row.paragraph_id}")
            current = row.paragraph_id
        body = f"  [{row.sentence_id}] {row.text}"
        lines.append(textwrap.fill(body, width, subsequent_indent="       ") if width else body)
    return "\n".join(lines)


OVERVIEW_COLUMNS = ["measure", "value", "definition"]


def overview(text: str) -> pd.DataFrame:
    """First counts of a text, one row per measure: ``measure``, ``value``, ``definition``."""
    toks = tokens(text)
    words = toks[toks.is_alpha]
    sents = sentences(text)
    per_sentence = words.groupby("sentence_id").size()
    rows = [
        ("characters", len(text), "Unicode characters in the file, spaces and line breaks included"),
        ("paragraphs", len(paragraph_spans(text)), "stretches of text between line breaks (blank lines if any)"),
        ("sentences", len(sents), "spaCy's parser, never crossing a paragraph boundary"),
        ("tokens", len(toks), "spaCy tokens: words, punctuation, numbers ('al-Assad' is 3 tokens)"),
        ("words", len(words), "tokens made of letters only"),
        ("distinct words", words.lower.nunique(), "different words, ignoring case"),
        ("words per sentence", round(float(per_sentence.mean()), 1) if len(per_sentence) else 0.0,
         "mean number of words in a sentence"),
    ]
    measures, values, definitions = zip(*rows, strict=True)
    return pd.DataFrame(
        {"measure": list(measures), "value": pd.Series(values, dtype=object), "definition": list(definitions)}
    )
