"""utils.resources: offline VADER lexicon and spaCy model, and the errors when they are missing."""

from __future__ import annotations

import zipfile

import pytest

from utils import resources


def test_vader_lexicon_is_placed_in_a_project_local_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ANATOMY_NLTK_DATA", str(tmp_path))
    path = resources.ensure_vader_lexicon()
    assert path == tmp_path / "sentiment" / "vader_lexicon.zip"
    with zipfile.ZipFile(path) as zf:
        lexicon = zf.read("vader_lexicon/vader_lexicon.txt").decode("utf-8")
    # a line of the VADER lexicon (Hutto and Gilbert 2014): word, mean valence, sd, ratings
    assert any(line.startswith("good\t1.9\t") for line in lexicon.splitlines())
    # a second call finds the file in place and does not rewrite it
    mtime = path.stat().st_mtime_ns
    assert resources.ensure_vader_lexicon() == path and path.stat().st_mtime_ns == mtime


def test_vader_runs_offline_through_nltk():
    scores = resources.vader().polarity_scores("VADER is smart, handsome, and funny.")
    assert scores["compound"] == pytest.approx(0.8316, abs=1e-4)  # the VADER authors' example


def test_missing_vader_package_names_the_fix(monkeypatch):
    def missing(name):
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(resources._ilr, "files", missing)
    with pytest.raises(resources.MissingResourceError, match="make setup"):
        resources._vader_source()


def test_spacy_model_is_cached_and_named():
    assert resources.nlp() is resources.nlp()
    info = resources.model_info()
    assert info["model"].startswith("en_core_web_sm") and info["version"].startswith("3.8")


def test_missing_spacy_model_names_the_fix(monkeypatch):
    import spacy

    def refuse(name, *args, **kwargs):
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", refuse)
    resources.nlp.cache_clear()
    try:
        with pytest.raises(resources.MissingResourceError, match="pip install -r requirements.txt"):
            resources.nlp()
    finally:
        monkeypatch.undo()
        resources.nlp.cache_clear()


def test_no_download_anywhere_in_the_code():
    from pathlib import Path

    root = Path(resources.__file__).parent
    for path in root.glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "nltk.download" in line:
                assert "`" in line or "never" in line.lower(), f"{path.name}: {line.strip()}"


def test_versions_name_python_spacy_its_model_nltk_and_pandas():
    import platform

    import pandas as pd

    from utils.resources import versions

    table = versions().set_index("software").version
    assert table["Python"] == platform.python_version()
    assert table["pandas"] == pd.__version__
    models = table[table.index.str.startswith("spaCy model en_core_web_sm")]  # official name or mirror
    assert models.tolist() == ["3.8.0"]
    assert {"spacy", "nltk", "vaderSentiment", "textblob", "wordfreq"} <= set(table.index)
