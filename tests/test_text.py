"""utils.text: the shared segmentation, checked against the report read by hand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from utils.text import (
    PARAGRAPH_COLUMNS,
    SENTENCE_COLUMNS,
    TOKEN_COLUMNS,
    paragraphs,
    parse,
    sentences,
    tokens,
)


def test_eleven_paragraphs(text):
    paras = paragraphs(text)
    assert list(paras.columns) == PARAGRAPH_COLUMNS
    assert len(paras) == 11
    assert paras.paragraph_id.tolist() == list(range(1, 12))
    assert paras.text.iloc[5].startswith("\u201cThis was damage control.")
    assert paras.text.iloc[10].endswith("N1 writes.")


def test_seventeen_sentences(text):
    # by hand, sentences per paragraph: 1 2 1 2 2 2 2 1 1 2 1 = 17
    sents = sentences(text)
    assert list(sents.columns) == SENTENCE_COLUMNS
    assert sents.groupby("paragraph_id").size().tolist() == [1, 2, 1, 2, 2, 2, 2, 1, 1, 2, 1]
    assert sents.sentence_id.tolist() == list(range(1, 18))


def test_two_sentence_quote_of_paragraph_6(text):
    sents = sentences(text).set_index("sentence_id")
    # the opening curly quote stays with the first sentence of the quote
    assert sents.loc[9, "text"] == "\u201cThis was damage control."
    assert sents.loc[10, "text"].startswith("It makes perfect sense that the Russians told Assad")
    assert "\u201d said Ruslan Pukhov, head of the Moscow-based Center" in sents.loc[10, "text"]
    assert sents.loc[10, "text"].endswith("a defense and security think tank.")
    assert sents.loc[9, "paragraph_id"] == sents.loc[10, "paragraph_id"] == 6


def test_sentence_offsets_are_exact_and_trimmed(text):
    for row in sentences(text).itertuples():
        assert text[row.start : row.end] == row.text
        assert row.text == row.text.strip()


def test_assad_in_any_form(text):
    toks = tokens(text)
    # read by hand: "Assad" 12 times, once after "Bashar al-", once as "al-Assad’s", 4 times as "Assad’s"
    assert (toks.token == "Assad").sum() == 12
    assert text.count("Assad") == 12
    assert (toks.token == "\u2019s").sum() >= 4


def test_offsets_of_a_known_phrase(text):
    start = 1076  # the opening quote of paragraph 6
    assert text[start : start + 25] == "\u201cThis was damage control."
    toks = tokens(text).set_index("start")
    assert toks.loc[start, "token"] == "\u201c"
    assert toks.loc[start + 1, "token"] == "This"
    assert toks.loc[start + 1, "sentence_id"] == 9


def test_token_columns_and_counts(text):
    toks = tokens(text)
    assert list(toks.columns[: len(TOKEN_COLUMNS)]) == TOKEN_COLUMNS
    # spaCy tokens without whitespace; 495 of them are alphabetic words
    assert len(toks) == 553
    assert int(toks.is_alpha.sum()) == 495
    assert toks.token_id.is_monotonic_increasing
    first = toks.iloc[0]
    assert (first.token, first.pos, first.is_stop) == ("Syrian", "ADJ", False)
    the = toks[toks.lower == "the"].iloc[0]
    assert bool(the.is_stop) and the.lemma == "the"


def test_parse_is_cached(text):
    assert parse(text) is parse(text)


@pytest.mark.parametrize("blank", ["", "   ", "\n\n\t"])
def test_empty_text_gives_empty_frames(blank):
    assert paragraphs(blank).empty and sentences(blank).empty and tokens(blank).empty
    assert list(sentences(blank).columns) == SENTENCE_COLUMNS


def test_one_word():
    assert sentences("Damascus").text.tolist() == ["Damascus"]
    assert tokens("Damascus").token.tolist() == ["Damascus"]


def test_blank_lines_separate_paragraphs_when_present():
    wrapped = "First paragraph,\nwrapped over two lines.\n\nSecond one."
    assert paragraphs(wrapped).text.tolist() == ["First paragraph,\nwrapped over two lines.", "Second one."]


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a"]])
def test_non_text_is_refused(bad):
    with pytest.raises(TypeError, match="str"):
        sentences(bad)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_segmentation_covers_any_text_with_exact_offsets(sample):
    paras, sents, toks = paragraphs(sample), sentences(sample), tokens(sample)
    for frame in (paras, sents):
        for row in frame.itertuples():
            assert sample[row.start : row.end] == row.text and row.text.strip() == row.text != ""
    for row in toks.itertuples():
        assert sample[row.start : row.end] == row.token
    # every non-space character lies in exactly one sentence, inside its paragraph
    covered = [0] * len(sample)
    for row in sents.itertuples():
        para = paras.set_index("paragraph_id").loc[row.paragraph_id]
        assert para.start <= row.start and row.end <= para.end
        for i in range(row.start, row.end):
            covered[i] += 1
    assert all(covered[i] == 1 for i, ch in enumerate(sample) if not ch.isspace())
    assert sents.start.is_monotonic_increasing


def test_parse_many_fills_the_parse_cache():
    from utils.text import parse_many

    texts = ["Assad fled to Moscow.", "Putin decided to save him.\nRussia organized the escape."]
    docs = list(parse_many(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    assert all(parse(t) is d for t, d in zip(texts, docs, strict=True))
    assert sentences(texts[1]).paragraph_id.tolist() == [1, 2]
