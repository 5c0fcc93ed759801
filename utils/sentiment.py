"""Sentiment of a report: VADER through NLTK per sentence, explained word by word, and checked.

* :func:`sentence_sentiment` scores every sentence of the shared segmentation (:mod:`utils.text`)
  with NLTK's ``SentimentIntensityAnalyzer`` and the lexicon shipped in ``vaderSentiment``.
* :func:`reference_comparison` sets those scores beside the reference implementation (the
  ``vaderSentiment`` package) and names the reason for every difference.
* :func:`sentiment_contributions` re-runs VADER's rules transparently for one sentence: which
  words carried the score, which rules fired, and how the pieces add up to VADER's total before
  normalisation.
* :func:`paragraph_sentiment`, :func:`document_sentiment`, :func:`sentiment_arc` summarise;
  :func:`method_comparison` puts TextBlob's polarity beside VADER; :func:`entity_sentiment`
  averages over the sentences that mention each entity.

Labels use the thresholds of the VADER authors: compound >= 0.05 positive, <= -0.05 negative,
neutral in between.
"""

from __future__ import annotations

import functools
import math
import numbers
import re
import string
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from utils.report import DATA_DIR, is_bundled
from utils.resources import MissingResourceError, vader
from utils.text import check_words, frame_from_rows, parse, sentence_of, sentence_rows, sentences

THRESHOLD = 0.05
SENTIMENT_COLUMNS = ["sentence_id", "text", "neg", "neu", "pos", "compound", "label"]
CONTRIBUTION_COLUMNS = [
    "position", "start", "end", "token", "word", "kind", "lexicon", "valence", "but_factor",
    "contribution", "context_position", "rules",
]
# spaCy entity labels that name someone or something a sentence can be about
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")

_LETTER = re.compile(r"[^\W\d_]")
_CHUNK = re.compile(r"\S+")


# --- input checks and labels --------------------------------------------------------------------


def _check(text: object, what: str = "text") -> str:
    return check_words(text, what, "there are no words to score")


def label(compound: float, threshold: float = THRESHOLD) -> str:
    """``positive`` if compound >= threshold, ``negative`` if <= -threshold, else ``neutral``."""
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


# --- 1. VADER per sentence ------------------------------------------------------------------------


def sentence_sentiment(text: str) -> pd.DataFrame:
    """VADER (NLTK) for every sentence of the shared segmentation.

    Columns: ``sentence_id, text, neg, neu, pos, compound, label`` plus ``paragraph_id, start,
    end``. ``neg/neu/pos`` are shares of the sentence's words (they add up to about 1);
    ``compound`` is the normalised total in [-1, 1]. Raises ``TypeError``/``ValueError`` for a
    non-string, an empty text, or a text without letters.
    """
    return _sentence_sentiment(_check(text)).copy()


@functools.lru_cache(maxsize=64)
def _sentence_sentiment(text: str) -> pd.DataFrame:
    """:func:`sentence_sentiment`, computed once per text (callers get a copy)."""
    rows = []
    for sid, pid, start, end, sentence in sentence_rows(text):
        score = polarity_scores(sentence)
        rows.append((sid, sentence, score["neg"], score["neu"], score["pos"], score["compound"],
                     label(score["compound"]), pid, start, end))
    columns = [*SENTIMENT_COLUMNS, "paragraph_id", "start", "end"]
    if not rows:  # not reached for a checked text (it has words, hence a sentence); kept for safety
        return pd.DataFrame(rows, columns=columns).astype(_SENTIMENT_DTYPES)
    return frame_from_rows(rows, columns, _SENTIMENT_DTYPES)


_SENTIMENT_DTYPES = {"sentence_id": int, "text": str, "neg": float, "neu": float, "pos": float, "compound": float,
                     "label": str, "paragraph_id": int, "start": int, "end": int}


def vader_words(text: str) -> list[str]:
    """The words NLTK's VADER scores in ``text``, exactly as its ``SentiText`` splits them.

    ``SentiText`` builds a table of every word of the text joined to every item of its
    punctuation list (a word with one such item before or after it stands for the bare word).
    The same lookup without the table: since the words contain no ASCII punctuation and the
    items only ASCII punctuation, the item can only be the whole leading (or trailing) run of
    punctuation of a chunk.
    """
    punc = _punc_items()
    bare = {w for w in _REMOVE_PUNCTUATION.sub("", text).split() if len(w) > 1}
    out = []
    for chunk in text.split():
        if len(chunk) <= 1:
            continue
        lead = 0
        while lead < len(chunk) and chunk[lead] in _ASCII_PUNCTUATION:
            lead += 1
        trail = len(chunk)
        while trail > lead and chunk[trail - 1] in _ASCII_PUNCTUATION:
            trail -= 1
        if 0 < lead < len(chunk) and chunk[:lead] in punc and chunk[lead:] in bare:
            chunk = chunk[lead:]
        elif lead == 0 and trail < len(chunk) and chunk[trail:] in punc and chunk[:trail] in bare:
            chunk = chunk[:trail]
        out.append(chunk)
    return out


_ASCII_PUNCTUATION = frozenset(string.punctuation)
# NLTK's SentiText.REGEX_REMOVE_PUNCTUATION, the same pattern compiled with ``re``: NLTK 3.10 runs
# its own copy under a ReDoS timeout guard, which costs more than the substitution itself
_REMOVE_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")


@functools.lru_cache(maxsize=1)
def _punc_items() -> frozenset[str]:
    return frozenset(vader().constants.PUNC_LIST)


@functools.lru_cache(maxsize=1)
def _fast_polarity() -> Callable[[str], dict[str, float]]:
    """NLTK's own ``polarity_scores`` code, run with a ``SentiText`` whose word split is
    :func:`vader_words` (same words, without the word x punctuation table it builds per call)."""
    import types

    import nltk.sentiment.vader as module

    class FastSentiText(module.SentiText):
        def _words_and_emoticons(self) -> list[str]:
            return vader_words(self.text)

    original = module.SentimentIntensityAnalyzer.polarity_scores
    scope = {**original.__globals__, "SentiText": FastSentiText}
    func = types.FunctionType(original.__code__, scope, original.__name__, original.__defaults__,
                              original.__closure__)
    return functools.partial(func, vader())


def polarity_scores(text: str) -> dict[str, float]:
    """``vader().polarity_scores(text)`` (NLTK), the same numbers, computed faster."""
    return _fast_polarity()(text)


def _summary(frame: pd.DataFrame, whole: str) -> dict[str, float]:
    counts = Counter(frame.label.tolist())
    n = len(frame)
    return {
        "sentences": n,
        "mean_compound": float(frame.compound.to_numpy().mean()) if n else 0.0,
        "share_positive": counts.get("positive", 0) / n if n else 0.0,
        "share_neutral": counts.get("neutral", 0) / n if n else 0.0,
        "share_negative": counts.get("negative", 0) / n if n else 0.0,
        "whole_compound": polarity_scores(whole)["compound"],
    }


def paragraph_sentiment(text: str) -> pd.DataFrame:
    """Per paragraph: ``paragraph_id, sentences, mean_compound, share_positive, share_neutral,
    share_negative, whole_compound`` (VADER run once on the paragraph's text as one string)."""
    frame = sentence_sentiment(text)
    rows = []
    for pid, group in frame.groupby("paragraph_id"):
        start, end = int(group.start.min()), int(group.end.max())
        rows.append({"paragraph_id": int(pid), **_summary(group, text[start:end])})
    return pd.DataFrame(rows)


def document_sentiment(text: str) -> pd.Series:
    """The same summary for the whole report; ``whole_compound`` is VADER on the full text."""
    return pd.Series(_summary(_sentence_sentiment(_check(text)), text), name="document")  # cached frame, read only


def sentiment_arc(text: str, window: int = 3) -> pd.DataFrame:
    """:func:`sentence_sentiment` in reading order with ``rolling_mean`` (centred rolling mean of
    compound over ``window`` sentences; at the edges, over the sentences available)."""
    if not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive whole number of sentences, not {window!r}.")
    frame = sentence_sentiment(text)
    frame["rolling_mean"] = frame.compound.rolling(window, center=True, min_periods=1).mean()
    return frame


# --- 5. the rules, one word at a time ------------------------------------------------------------


def _vader_words(sentence: str) -> list[tuple[int, int, str]]:
    """The words VADER sees, as ``(start, end, word)``, following NLTK's ``SentiText``.

    The text is split at whitespace; chunks of one character are dropped; a chunk that is a word
    with ONE item of NLTK's punctuation list before or after it (``"moment,"``, ``"crisis!!"``)
    becomes that word; anything else is kept as it is (``"(HTS)"``, ``"Moscow-based,"``).
    """
    consts = vader().constants
    bare = {w for w in consts.REGEX_REMOVE_PUNCTUATION.sub("", sentence).split() if len(w) > 1}
    strip = {p + w: w for p in consts.PUNC_LIST for w in bare}
    strip.update({w + p: w for w in bare for p in consts.PUNC_LIST})
    return [
        (m.start(), m.end(), strip.get(m.group(), m.group()))
        for m in _CHUNK.finditer(sentence)
        if len(m.group()) > 1
    ]


def _is_negation(word: str) -> bool:
    low = word.lower()
    return low in vader().constants.NEGATE or "n't" in low


def _word_valence(words: list[str], i: int, cap_diff: bool) -> tuple[float, float, list[str]]:
    """Valence of ``words[i]`` read in the context of position ``i``: (lexicon, valence, rules)."""
    analyzer = vader()
    lex, c = analyzer.lexicon, analyzer.constants
    item = words[i]
    low = item.lower()
    if low in c.BOOSTER_DICT or (low == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"):
        return 0.0, 0.0, ["a booster itself scores 0"]
    if low not in lex:
        return 0.0, 0.0, []
    valence = lex[low]
    rules = []
    if item.isupper() and cap_diff:
        valence += c.C_INCR if valence > 0 else -c.C_INCR
        rules.append(f"CAPITALS {'+' if valence > 0 else '-'}{c.C_INCR}")
    for back in range(3):
        if not (i > back and words[i - back - 1].lower() not in lex):
            continue
        before = words[i - back - 1]
        boost = c.scalar_inc_dec(before, valence, cap_diff) * (1.0, 0.95, 0.9)[back]
        if boost:
            valence += boost
            rules.append(f"booster '{before}' {back + 1} back {boost:+.4f}")
        so_this = ("so", "this")
        if back == 1 and words[i - 2] == "never" and words[i - 1] in so_this:
            valence *= 1.5
            rules.append(f"'never {words[i - 1]}' x1.5")
        elif back == 2 and ((words[i - 3] == "never" and words[i - 2] in so_this) or words[i - 1] in so_this):
            valence *= 1.25
            rules.append("'never so/this' or 'so/this' before x1.25")
        elif _is_negation(before):
            valence *= c.N_SCALAR
            rules.append(f"negation '{before}' {back + 1} back x{c.N_SCALAR}")
        if back == 2:
            valence, idiom_rules = _idioms(valence, words, i)
            rules += idiom_rules
    if i > 0 and words[i - 1].lower() == "least" and words[i - 1].lower() not in lex:
        if i == 1 or words[i - 2].lower() not in ("at", "very"):
            valence *= c.N_SCALAR
            rules.append(f"'least' before x{c.N_SCALAR}")
    return lex[low], valence, rules


def _idioms(valence: float, words: list[str], i: int) -> tuple[float, list[str]]:
    """NLTK's idiom rules (case-sensitive): an idiom around the word replaces its valence; a
    two-word dampener ('kind of', 'sort of', 'just enough') two or three back lowers it."""
    c = vader().constants
    idioms = c.SPECIAL_CASE_IDIOMS
    rules = []
    back = [
        f"{words[i - 1]} {words[i]}", f"{words[i - 2]} {words[i - 1]} {words[i]}",
        f"{words[i - 2]} {words[i - 1]}", f"{words[i - 3]} {words[i - 2]} {words[i - 1]}",
        f"{words[i - 3]} {words[i - 2]}",
    ]
    ahead = []
    if len(words) - 1 > i:
        ahead.append(f"{words[i]} {words[i + 1]}")
    if len(words) - 1 > i + 1:
        ahead.append(f"{words[i]} {words[i + 1]} {words[i + 2]}")
    for seq in [next((s for s in back if s in idioms), None), *ahead]:
        if seq in idioms:
            valence = idioms[seq]
            rules.append(f"idiom '{seq}' = {idioms[seq]}")
    if back[4] in c.BOOSTER_DICT or back[2] in c.BOOSTER_DICT:
        valence += c.B_DECR
        rules.append(f"two-word dampener {c.B_DECR}")
    return valence, rules


def punctuation_emphasis(sentence: str) -> float:
    """VADER's emphasis from '!' (0.292 each, at most 4) and '?' (0.18 each for 2 or 3, 0.96 for
    more; a single '?' adds nothing), counted over the whole string."""
    ep = min(sentence.count("!"), 4) * 0.292
    qm = sentence.count("?")
    return ep + (0.0 if qm <= 1 else qm * 0.18 if qm <= 3 else 0.96)


def sentiment_contributions(sentence: str, repeated_words: str = "first") -> pd.DataFrame:
    """Every word VADER sees in ``sentence``, with its lexicon valence, the rules that changed it,
    and its contribution; the contributions add up to VADER's total before normalisation.

    Columns: ``position`` (index in VADER's word list), ``start, end, token`` (the whitespace-
    delimited chunk, ``sentence[start:end] == token``), ``word`` (as VADER looks it up), ``kind``
    (``word``, or ``punctuation`` for the one extra row of '!'/'?' emphasis, which has
    ``start == end == len(sentence)`` and an empty token), ``lexicon`` (valence in the lexicon, 0 if
    absent), ``valence`` (after caps, boosters, negation, idioms, 'least'), ``but_factor`` (0.5
    before the first 'but', 1.5 after it, else 1), ``contribution`` (valence x but_factor),
    ``context_position`` (the position whose neighbours were read), ``rules`` (what fired).

    ``repeated_words="first"`` reproduces NLTK: a word that occurs again is read with the
    neighbours of its FIRST occurrence. ``"own"`` reads every occurrence in its own context, as
    the reference ``vaderSentiment`` 3.3.2 does. ``normalize(total)`` is VADER's compound, with
    ``normalize(x) = x / sqrt(x*x + 15)``.
    """
    _check(sentence, "sentence")
    if repeated_words not in ("first", "own"):
        raise ValueError("repeated_words must be 'first' (NLTK's behaviour) or 'own' (the reference's).")
    spans = _vader_words(sentence)
    words = [w for _, _, w in spans]
    upper = sum(w.isupper() for w in words)
    cap_diff = 0 < len(words) - upper < len(words)
    first = {}
    for pos, w in enumerate(words):
        first.setdefault(w, pos)
    lowered = [w.lower() for w in words]
    but = lowered.index("but") if "but" in lowered else None
    rows = []
    for pos, (start, end, word) in enumerate(spans):
        ctx = first[word] if repeated_words == "first" else pos
        lexicon, valence, rules = _word_valence(words, ctx, cap_diff)
        if ctx != pos:
            rules.insert(0, f"read in the context of position {ctx} (first occurrence)")
        factor = 1.0 if but is None or pos == but else (0.5 if pos < but else 1.5)
        if factor != 1.0 and valence:
            rules.append(f"'but' x{factor}")
        rows.append((pos, start, end, sentence[start:end], word, "word", lexicon, valence, factor,
                     valence * factor, ctx, "; ".join(rules)))
    total = sum(r[9] for r in rows)
    emphasis = punctuation_emphasis(sentence)
    if emphasis and total:
        signed = math.copysign(emphasis, total)
        n = len(sentence)
        rows.append((len(rows), n, n, "", "!/? emphasis", "punctuation", 0.0, signed, 1.0, signed, -1,
                     f"'!' x{min(sentence.count('!'), 4)}, '?' x{sentence.count('?')}"))
    return pd.DataFrame(rows, columns=CONTRIBUTION_COLUMNS)


def report_contributions(text: str, repeated_words: str = "first") -> pd.DataFrame:
    """:func:`sentiment_contributions` for every sentence of ``text``, with a ``sentence_id``
    column first; ``start``/``end`` are offsets into ``text``. Sentences without letters (they
    score 0) are skipped."""
    frames = []
    for row in sentences(_check(text)).itertuples():
        if not _LETTER.search(row.text):
            continue
        part = sentiment_contributions(row.text, repeated_words)
        part[["start", "end"]] += row.start
        frames.append(part.assign(sentence_id=row.sentence_id))
    if not frames:
        return pd.DataFrame(columns=["sentence_id", *CONTRIBUTION_COLUMNS])
    out = pd.concat(frames, ignore_index=True)
    return out[["sentence_id", *CONTRIBUTION_COLUMNS]]


def normalize(total: float, alpha: float = 15.0) -> float:
    """VADER's squashing of a total into the compound score: ``x / sqrt(x*x + alpha)``.

    ``alpha`` must be a positive number (VADER uses 15); otherwise ``ValueError``.
    """
    if not (isinstance(alpha, numbers.Real) and 0 < alpha < math.inf):
        raise ValueError(f"alpha must be a positive number (VADER uses 15), not {alpha!r}.")
    return total / math.sqrt(total * total + alpha)


# --- 2. agreement with the reference implementation ---------------------------------------------


@functools.lru_cache(maxsize=1)
def reference_vader():
    """The reference implementation: ``vaderSentiment``'s own analyzer (cached)."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ModuleNotFoundError:
        raise MissingResourceError("The reference package 'vaderSentiment' is not installed.") from None
    return SentimentIntensityAnalyzer()


class _PositionalBut:
    """Mixin: the 'but' step done by position (as NLTK does), not by ``list.index(value)``."""

    @staticmethod
    def _but_check(words, sentiments):
        low = [str(w).lower() for w in words]
        if "but" not in low:
            return sentiments
        bi = low.index("but")
        return [s * 0.5 if i < bi else s * 1.5 if i > bi else s for i, s in enumerate(sentiments)]


@functools.lru_cache(maxsize=1)
def _reference_positional_but():
    base = type(reference_vader())
    return type("PositionalButAnalyzer", (_PositionalBut, base), {})()


def reference_scores(text: str, positional_but: bool = False) -> dict[str, float]:
    """The reference package's ``polarity_scores`` of ``text``.

    ``positional_but=True`` replaces its 'but' step, which looks every score up by value with
    ``list.index`` (equal values collide: one word is rescaled twice, another not at all), by the
    positional rule NLTK uses. That bug only bites on long texts with 'but' and repeated values.
    """
    analyzer = _reference_positional_but() if positional_but else reference_vader()
    return analyzer.polarity_scores(_check(text))


def _single_characters(sentence: str) -> int:
    return sum(len(m.group()) == 1 for m in _CHUNK.finditer(sentence))


def reference_only_features(sentence: str) -> list[str]:
    """What in ``sentence`` the reference ``vaderSentiment`` 3.3.2 scores by rules NLTK's port
    lacks (none occurs in the bundled report):

    * ``'no' rule``: "no" before a lexicon word sets "no" to 0 and negates the word;
    * ``reference-only booster``: adjective boosters such as "enormous", "major", "total";
    * ``'never so/this' weight``: x1.25 in the reference, x1.5 in NLTK;
    * ``'without doubt'``: the reference does not negate after it;
    * ``reference-only idiom``: "to die for", "bus stop", "badass", ...; and idioms in any case;
    * ``emoji``: the reference replaces emoji by their description;
    * ``punctuation stripping``: the reference strips ALL punctuation around a word ("(good)" ->
      "good"), NLTK at most one mark on one side.
    """
    from vaderSentiment import vaderSentiment as ref

    low = [w.lower() for w in sentence.split()]
    stripped = [w.strip(string.punctuation) for w in low]
    joined = " ".join(stripped)
    nltk_boosters = vader().constants.BOOSTER_DICT
    features = []
    if "no" in stripped:
        features.append("'no' rule")
    if any(w in ref.BOOSTER_DICT and w not in nltk_boosters for w in stripped):
        features.append("reference-only booster")
    if re.search(r"\bnever (so|this)\b", joined):
        features.append("'never so/this' weight")
    if re.search(r"\bwithout doubt\b", joined):
        features.append("'without doubt'")
    if any(re.search(rf"\b{re.escape(k)}\b", joined) for k in ref.SPECIAL_CASES):
        features.append("reference-only idiom")
    if any(ch in reference_vader().emojis for ch in sentence):
        features.append("emoji")
    lex = vader().lexicon
    nltk_words = {w.lower() for _, _, w in _vader_words(sentence)}
    if any(w in lex and w not in nltk_words for w in stripped if len(w) > 2):
        features.append("punctuation stripping")
    return features


def reference_comparison(text: str, tolerance: float = 1e-4) -> pd.DataFrame:
    """NLTK's VADER beside ``vaderSentiment`` 3.3.2, sentence by sentence, with the reason for
    every difference larger than ``tolerance``.

    Columns: ``sentence_id, text, compound, compound_ref, neu, neu_ref, max_diff`` (largest absolute
    difference over neg/neu/pos/compound), ``agree`` and ``reason``. The known reasons, each a
    design difference of NLTK's port:

    * ``single characters``: NLTK drops one-character chunks ("a", "–") that the reference counts
      as neutral words: neg/neu/pos shift, compound does not.
    * ``repeated word``: NLTK reads a repeated word with the neighbours of its first occurrence;
      recomputed with ``repeated_words="own"`` the compound equals the reference's.
    * otherwise the features of the sentence that only the reference treats specially
      (:func:`reference_only_features`), or ``other`` if there is none (a new case to study).
    """
    ref = reference_vader()
    frame = sentence_sentiment(text)
    rows = []
    for row in frame.itertuples():
        mine = {k: getattr(row, k) for k in ("neg", "neu", "pos", "compound")}
        theirs = ref.polarity_scores(row.text)
        diff = max(abs(mine[k] - theirs[k]) for k in mine)
        reasons = []
        if diff > tolerance:
            if abs(mine["compound"] - theirs["compound"]) > tolerance:
                own = sentiment_contributions(row.text, repeated_words="own").contribution.sum()
                same = abs(round(normalize(own), 4) - theirs["compound"]) <= tolerance
                reasons += ["repeated word"] if same else (reference_only_features(row.text) or ["other"])
            if _single_characters(row.text):
                reasons.append("single characters")
        rows.append((row.sentence_id, row.text, mine["compound"], theirs["compound"], mine["neu"],
                     theirs["neu"], round(diff, 4), diff <= tolerance, ", ".join(reasons)))
    return pd.DataFrame(rows, columns=["sentence_id", "text", "compound", "compound_ref", "neu", "neu_ref",
                                       "max_diff", "agree", "reason"])


# --- 6. a second method: TextBlob ----------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _pattern():
    # PatternAnalyzer reads textblob's bundled en-sentiment.xml: no NLTK corpus is needed
    from textblob.en.sentiments import PatternAnalyzer

    return PatternAnalyzer()


def textblob_polarity(sentence: str) -> float:
    """TextBlob's polarity (PatternAnalyzer, offline) of one sentence, in [-1, 1]."""
    return float(_pattern().analyze(_check(sentence, "sentence")).polarity)


def method_comparison(text: str) -> pd.DataFrame:
    """VADER's compound beside TextBlob's polarity per sentence.

    Columns: ``sentence_id, text, compound, polarity, subjectivity, label, label_textblob,
    same_sign`` (both labels equal) and ``gap`` (absolute difference of the two scores).
    """
    frame = sentence_sentiment(text)[["sentence_id", "text", "compound", "label"]].copy()
    blobs = [_pattern().analyze(s) for s in frame.text]
    frame["polarity"] = [float(b.polarity) for b in blobs]
    frame["subjectivity"] = [float(b.subjectivity) for b in blobs]
    frame["label_textblob"] = frame.polarity.map(label)
    frame["same_sign"] = frame.label == frame.label_textblob
    frame["gap"] = (frame.compound - frame.polarity).abs()
    return frame[["sentence_id", "text", "compound", "polarity", "subjectivity", "label",
                  "label_textblob", "same_sign", "gap"]]


def agreement(frame: pd.DataFrame, a: str = "compound", b: str = "polarity") -> dict[str, float]:
    """Pearson and Spearman correlation of two score columns, each with its 95% interval
    (:func:`correlation_interval`: ``pearson_low`` ... ``spearman_high``), and the share of equal
    labels."""
    labels_a, labels_b = frame[a].map(label), frame[b].map(label)
    pearson = float(frame[a].corr(frame[b]))
    spearman = float(frame[a].rank().corr(frame[b].rank()))
    (p_low, p_high), (s_low, s_high) = (correlation_interval(r, len(frame)) for r in (pearson, spearman))
    return {
        "sentences": len(frame),
        "pearson": pearson,
        "pearson_low": p_low,
        "pearson_high": p_high,
        "spearman": spearman,
        "spearman_low": s_low,
        "spearman_high": s_high,
        "label_agreement": float((labels_a == labels_b).mean()),
    }


# --- 7. entity-targeted sentiment ---------------------------------------------------------------


def spacy_mentions(text: str) -> pd.DataFrame:
    """FALLBACK entity mentions straight from spaCy's ``doc.ents`` (until ``utils.entities`` exists).

    Columns: ``sentence_id, start, end, text, label, entity``. Only PERSON, ORG, GPE, NORP, LOC and
    FAC; trailing lower-case words are cut off ("Hama days" -> "Hama"). The canonical ``entity`` is the mention without a leading "the" and a trailing possessive;
    a PERSON mention that is the last word of a longer PERSON name ("Assad" of "Bashar al-Assad")
    gets that longer name. No demonyms ("Russian" stays apart from "Russia"): that needs the
    alias rules of ``utils.entities``.
    """
    doc = parse(_check(text))
    sent_of = sentence_of(text)
    rows = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        kind = ent.label_
        while len(ent) > 1 and ent[-1].is_lower:  # "Hama days" -> "Hama" ("’s" goes too)
            ent = ent[:-1]  # a slice of a Span has no label: keep it in `kind`
        name = re.sub(r"^(the|The)\s+", "", ent.text)
        name = re.sub(r"['\u2019]s$", "", name).strip()
        rows.append([sent_of[ent.start], ent.start_char, ent.end_char, ent.text, kind, name])
    frame = pd.DataFrame(rows, columns=["sentence_id", "start", "end", "text", "label", "entity"])

    def last(name: str) -> str:
        return re.split(r"[\s\-]", name)[-1]

    people = sorted(set(frame.entity[frame.label == "PERSON"]), key=len, reverse=True)
    longest = {}
    for name in people:
        longest.setdefault(last(name), name)
    person = frame.label == "PERSON"
    frame.loc[person, "entity"] = frame.loc[person, "entity"].map(lambda n: longest[last(n)])
    return frame


def _default_mentions(text: str) -> tuple[pd.DataFrame, str]:
    try:
        from utils.entities import entity_mentions
    except ModuleNotFoundError as exc:
        if exc.name != "utils.entities":
            raise
        return spacy_mentions(text), "spacy_mentions (fallback)"
    return entity_mentions(text), "utils.entities.entity_mentions"


def entity_sentiment(text: str, mentions: pd.DataFrame | None = None, min_sentences: int = 1) -> pd.DataFrame:
    """Mean VADER compound of the sentences that mention each entity.

    ``mentions`` needs the columns ``sentence_id`` and ``entity`` (the contract of
    ``utils.entities.entity_mentions``); ``None`` takes them from ``utils.entities`` if it is
    installed, else from :func:`spacy_mentions`. A sentence counts once per entity however often
    it names it. Columns: ``entity, sentences, mean_compound, min_compound, max_compound,
    sentence_ids``; sorted by mean compound. ``attrs["mentions_source"]`` says where the mentions
    came from. Caveat: the score is the tone of the whole sentence, not of what it says about the
    entity.
    """
    frame = sentence_sentiment(text)
    source = "given"
    if mentions is None:
        mentions, source = _default_mentions(text)
    if not isinstance(mentions, pd.DataFrame):
        raise TypeError(f"mentions must be a pandas DataFrame, not {type(mentions).__name__}.")
    missing = {"sentence_id", "entity"} - set(mentions.columns)
    if missing:
        raise ValueError(f"mentions needs the columns sentence_id and entity; missing: {sorted(missing)}.")
    pairs = mentions[["entity", "sentence_id"]].drop_duplicates()
    scored = pairs.merge(frame[["sentence_id", "compound"]], on="sentence_id", how="inner")
    out = (
        scored.groupby("entity")
        .agg(sentences=("sentence_id", "size"), mean_compound=("compound", "mean"),
             min_compound=("compound", "min"), max_compound=("compound", "max"),
             sentence_ids=("sentence_id", lambda s: sorted(int(x) for x in s)))
        .reset_index()
    )
    out = out[out.sentences >= min_sentences].sort_values(["mean_compound", "entity"]).reset_index(drop=True)
    out.attrs["mentions_source"] = source
    return out


# --- 8. validity: hand labels --------------------------------------------------------------------

GOLD_LABELS = DATA_DIR / "gold" / "sentiment_labels.csv"


def load_hand_labels(path: str | Path | None = None) -> dict[int, str]:
    """Hand labels ``{sentence_id: label}`` from a CSV with ``sentence_id, hand_label`` (default:
    the project's labels of the bundled report, ``data/gold/sentiment_labels.csv``)."""
    frame = pd.read_csv(GOLD_LABELS if path is None else path)
    return {int(k): str(v) for k, v in zip(frame.sentence_id, frame.hand_label, strict=True)}


def hand_labels_for(text: str) -> dict[int, str]:
    """The project's hand labels if ``text`` is the bundled report, else ``{}`` (label your own)."""
    return load_hand_labels() if is_bundled(text) else {}


def hand_label_agreement(text: str, labels: dict[int, str]) -> pd.DataFrame:
    """VADER's labels beside a reader's hand labels for the sentences the reader labelled.

    Columns: ``sentence_id, text, compound, label, hand_label, agree``. Raises ``ValueError`` for a
    label that is not positive/neutral/negative or a sentence id the text does not have.
    """
    frame = sentence_sentiment(text)
    unknown = set(labels) - set(frame.sentence_id)
    if unknown:
        raise ValueError(f"The text has no sentence(s) {sorted(unknown)}; its ids run from 1 to {len(frame)}.")
    bad = {v for v in labels.values() if v not in ("positive", "neutral", "negative")}
    if bad:
        raise ValueError(f"Hand labels must be positive, neutral or negative, not {sorted(bad)}.")
    out = frame[frame.sentence_id.isin(labels)][["sentence_id", "text", "compound", "label"]].copy()
    out["hand_label"] = out.sentence_id.map(labels)
    out["agree"] = out.label == out.hand_label
    return out.reset_index(drop=True)


def cohen_kappa(a: pd.Series, b: pd.Series) -> float:
    """Cohen's kappa of two label columns: ``(p_o - p_e) / (1 - p_e)``.

    ``p_o`` is the share of equal labels, ``p_e`` the share expected by chance from how often each
    side uses each label. 1 is perfect agreement, 0 chance level; NaN when ``p_e`` is 1 (both
    sides always give the same single label) or there are no labels.
    """
    a, b = pd.Series(list(a)), pd.Series(list(b))
    if len(a) != len(b):
        raise ValueError(f"Two label columns of different lengths ({len(a)} and {len(b)}).")
    if len(a) == 0:
        return float("nan")
    observed = float((a == b).mean())
    share_a, share_b = a.value_counts(normalize=True), b.value_counts(normalize=True)
    expected = float(sum(share_a.get(k, 0.0) * share_b.get(k, 0.0) for k in set(share_a.index) | set(share_b.index)))
    return float("nan") if expected == 1 else (observed - expected) / (1 - expected)


def hand_label_summary(check: pd.DataFrame) -> pd.DataFrame:
    """How good VADER's agreement with hand labels is, against chance and a trivial method.

    ``check`` is a :func:`hand_label_agreement` frame. Rows (columns ``measure, agree, n, value``):
    VADER's agreement; the *majority baseline* (always the most frequent hand label; ties: the
    first in alphabetical order); Cohen's kappa of VADER against the hand labels (``value``).
    """
    n = len(check)
    counts = check.hand_label.value_counts().sort_index()
    majority = counts.idxmax() if n else None
    rows = [
        ("VADER label = hand label", int(check.agree.sum()), n, check.agree.mean() if n else float("nan")),
        (f"majority baseline (always '{majority}')", int(counts.max()) if n else 0, n,
         counts.max() / n if n else float("nan")),
        ("Cohen's kappa, VADER vs hand labels", None, n, cohen_kappa(check.label, check.hand_label)),
    ]
    return pd.DataFrame(rows, columns=["measure", "agree", "n", "value"]).astype({"agree": "Int64"})


def correlation_interval(r: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval of a correlation ``r`` from ``n`` pairs by Fisher's z transform.

    ``tanh(atanh(r) ± z / sqrt(n - 3))``; exact in the limit for Pearson's r of normal data, an
    approximation for Spearman's rho. NaN bounds when ``n < 4`` or ``r`` is NaN.
    """
    import math
    from statistics import NormalDist

    if n < 4 or r != r:
        return (float("nan"), float("nan"))
    r = max(min(r, 1 - 1e-12), -1 + 1e-12)
    half = NormalDist().inv_cdf(0.5 + level / 2) / math.sqrt(n - 3)
    z = math.atanh(r)
    return (math.tanh(z - half), math.tanh(z + half))
