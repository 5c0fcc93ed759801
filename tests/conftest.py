"""Shared fixtures. Every test runs offline; data/ is checked to be unchanged after the session."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import settings

from utils.report import DATA_DIR, load_report

# Property tests are derandomized so that CI is reproducible: the same examples on every run.
# HYPOTHESIS_PROFILE=explore runs fresh random examples (do it locally, e.g. before a release).
settings.register_profile("project", derandomize=True, deadline=None, database=None)
settings.register_profile("explore", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "project"))


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session", autouse=True)
def data_folder_is_never_written():
    """Fail the run if any test (or the code under test) changed a file in data/."""
    before = _fingerprint(DATA_DIR)
    yield
    assert _fingerprint(DATA_DIR) == before, "a file in data/ was created, changed or removed"


@pytest.fixture(scope="session")
def report():
    return load_report()


@pytest.fixture(scope="session")
def text(report):
    return report.text
