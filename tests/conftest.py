"""Shared fixtures. Every test runs offline; data/ is checked to be unchanged after the session."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from utils.report import DATA_DIR, load_report


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
