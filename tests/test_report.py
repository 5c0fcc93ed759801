"""utils.report: the bundled report, its metadata, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

import pytest

from utils.report import (
    BUNDLED_REPORT,
    BinaryReportError,
    ChecksumError,
    EmptyReportError,
    InvalidDCTError,
    MetadataError,
    ReportEncodingError,
    ReportError,
    ReportNotFoundError,
    ReportUnreadableError,
    load_report,
    parse_dct,
    report_from_text,
)


def test_bundled_report_loads_with_its_metadata(report):
    assert report.id == "assad-flight-n1-2024"
    assert report.dct == dt.date(2024, 12, 11)
    assert report.metadata["dct_approximate"] is True
    assert report.metadata["outlet"] == "N1"
    # counted by reading the file: 2849 characters, 11 paragraphs, first and last words
    assert len(report.text) == report.metadata["characters"] == 2849
    assert report.paragraph_count == report.metadata["paragraphs"] == 11
    assert report.text.startswith("Syrian dictator Bashar al-Assad fled rebels")
    assert report.text.endswith("N1 writes.")


def test_bundled_report_is_the_shared_text_byte_for_byte(report):
    raw = BUNDLED_REPORT.read_bytes()
    assert report.text.encode("utf-8") == raw
    assert hashlib.sha256(raw).hexdigest() == report.metadata["sha256"]


def test_dct_can_be_overridden(report):
    assert load_report(dct="2024-12-09").dct == dt.date(2024, 12, 9)


def test_own_report_without_metadata(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("A short report.\nIt has two paragraphs.", encoding="utf-8")
    rep = load_report(path)
    assert rep.id == "mine" and rep.dct is None and rep.paragraph_count == 2


def test_own_report_with_metadata_and_bom(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_bytes("\ufeffText.".encode())
    (tmp_path / "mine.json").write_text(json.dumps({"id": "x", "dct": "2020-02-29"}), encoding="utf-8")
    rep = load_report(path)
    assert rep.text == "Text." and rep.dct == dt.date(2020, 2, 29) and rep.id == "x"


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (None, ReportNotFoundError, "No report"),
        (b"", EmptyReportError, "no text"),
        (b"  \n\t \n", EmptyReportError, "no text"),
        (b"PK\x03\x04\x00\x00binary", BinaryReportError, "binary"),
        ("Caf\u00e9".encode("latin-1"), ReportEncodingError, "UTF-8"),
    ],
)
def test_bad_report_files_give_clear_errors(tmp_path, content, error, words):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error, match=words) as info:
        load_report(path)
    assert isinstance(info.value, ReportError)


def test_folder_is_not_a_report(tmp_path):
    with pytest.raises(ReportNotFoundError, match="folder"):
        load_report(tmp_path)


def test_checksum_mismatch(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Edited text.", encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps({"sha256": "0" * 64}), encoding="utf-8")
    with pytest.raises(ChecksumError, match="checksum"):
        load_report(path)


@pytest.mark.parametrize("meta", ["{not json", "[1, 2]", "\xff"])
def test_malformed_metadata(tmp_path, meta):
    path = tmp_path / "r.txt"
    path.write_text("Text.", encoding="utf-8")
    raw = meta.encode("latin-1") if meta == "\xff" else meta.encode()
    (tmp_path / "r.json").write_bytes(raw)
    with pytest.raises(MetadataError):
        load_report(path)


@pytest.mark.parametrize("bad", ["2024-02-30", "2024-13-01", "11/12/2024", "yesterday", "", 20241211])
def test_impossible_dct(bad):
    with pytest.raises(InvalidDCTError):
        parse_dct(bad)
    with pytest.raises(InvalidDCTError):
        load_report(dct=bad)


def test_impossible_dct_in_metadata(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Text.", encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps({"dct": "2023-02-29"}), encoding="utf-8")
    with pytest.raises(InvalidDCTError, match="r.json"):
        load_report(path)


def test_parse_dct_accepts_dates():
    assert parse_dct(dt.datetime(2024, 12, 11, 9, 30)) == dt.date(2024, 12, 11)
    assert parse_dct(" 2024-12-11 ") == dt.date(2024, 12, 11)
    assert parse_dct(None) is None


def test_a_missing_pandas_date_is_an_undated_report():
    import pandas as pd

    assert parse_dct(pd.NaT) is None
    assert parse_dct(pd.Timestamp("2024-12-11 09:30")) == dt.date(2024, 12, 11)


@pytest.mark.parametrize("bad", ["2024-W01-1", "2024-001x", "0001-01-01", "9999-12-31", dt.date(1, 1, 1),
                                 dt.datetime(9999, 12, 31, 23)])
def test_only_yyyy_mm_dd_in_four_digit_years_with_room_is_a_dct(bad):
    # ISO week dates pass date.fromisoformat but are not the documented YYYY-MM-DD; years 1 and
    # 9999 leave no room to resolve "yesterday" or "tomorrow" (chronology would overflow)
    with pytest.raises(InvalidDCTError):
        parse_dct(bad)


def test_the_dct_range_resolves_relative_expressions_at_both_ends():
    from utils.chronology import temporal_expressions

    text = "Yesterday the council met. Tomorrow it votes, and next year it builds."
    for day in (dt.date(1000, 1, 1), dt.date(9899, 12, 31)):
        assert parse_dct(day) == day
        assert len(temporal_expressions(text, day)) == 3


@pytest.mark.parametrize("checksum", [0, "", None, "abc", "z" * 64])
def test_a_checksum_that_is_not_one_is_a_metadata_error_not_skipped(tmp_path, checksum):
    path = tmp_path / "r.txt"
    path.write_text("Text.", encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps({"sha256": checksum}), encoding="utf-8")
    with pytest.raises(MetadataError, match="64 hexadecimal digits"):
        load_report(path)


def test_report_from_text():
    rep = report_from_text("One.\nTwo.", dct="2024-01-05", title="Mine")
    assert rep.dct == dt.date(2024, 1, 5) and rep.title == "Mine" and rep.paragraph_count == 2
    with pytest.raises(EmptyReportError):
        report_from_text("   ")
    with pytest.raises(TypeError):
        report_from_text(b"bytes")


def test_is_bundled(report):
    from utils.report import is_bundled

    assert is_bundled(report.text)
    assert not is_bundled(report.text.replace("Assad", "Asad")) and not is_bundled(None)


def _deny_reading(monkeypatch, denied):
    """Make reading the file ``denied`` fail as it does for a user without read permission
    (the tests run as root, which may read a file of mode 000)."""
    from pathlib import Path

    real = Path.read_bytes

    def read_bytes(self):
        if self == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_an_unreadable_file_gives_a_report_error(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("A text nobody may read.", encoding="utf-8")
    _deny_reading(monkeypatch, path)
    with pytest.raises(ReportUnreadableError, match="cannot be read .Permission denied.*chmod") as info:
        load_report(path)
    assert isinstance(info.value, ReportError) and isinstance(info.value, PermissionError)


def test_unreadable_metadata_is_a_metadata_error(tmp_path, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_text("Text.", encoding="utf-8")
    (tmp_path / "r.json").write_text("{}", encoding="utf-8")
    _deny_reading(monkeypatch, tmp_path / "r.json")
    with pytest.raises(MetadataError, match="r.json' cannot be read"):
        load_report(path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a file of mode 000")
def test_a_file_of_mode_000_gives_a_report_error(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("A text nobody may read.", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ReportUnreadableError):
        load_report(path)


@pytest.mark.parametrize("path", [123, b"report.txt", ["report.txt"]])
def test_a_path_that_is_not_a_path_is_a_report_error(path):
    from utils.report import ReportPathError

    with pytest.raises(ReportPathError, match="takes the path of a .txt file") as info:
        load_report(path)
    assert isinstance(info.value, ReportError) and isinstance(info.value, TypeError)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_as_such(tmp_path, encoding):
    path = tmp_path / "r.txt"
    path.write_bytes("The council met on Monday.\n".encode(encoding))
    with pytest.raises(ReportEncodingError, match="is UTF-16 text, not UTF-8: save it as UTF-8"):
        load_report(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_a_device_is_not_called_a_folder(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    for path in (pipe, "/dev/null"):
        with pytest.raises(ReportNotFoundError, match="not a regular file"):
            load_report(path)


def test_metadata_with_a_byte_order_mark_is_read_like_the_text(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"\xef\xbb\xbfText.")
    (tmp_path / "r.json").write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "bom", "dct": "2024-12-11"}).encode())
    report = load_report(path)
    assert report.id == "bom" and report.text == "Text."


def test_a_pasted_text_with_a_lone_surrogate_is_refused():
    with pytest.raises(ReportEncodingError, match="lone surrogate"):
        report_from_text("Caf\udce9 society.")


def test_the_bundled_report_is_kept_byte_for_byte_by_git():
    # a Windows checkout with core.autocrlf would otherwise write CRLF and fail the checksum
    import subprocess

    root = BUNDLED_REPORT.parent.parent
    try:
        out = subprocess.run(["git", "check-attr", "text", "--", "data/report.txt", "tests/fixtures/hollingford_flood.txt"],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    assert out.splitlines() == ["data/report.txt: text: unset", "tests/fixtures/hollingford_flood.txt: text: unset"]


def test_bundled_metadata_records_provenance(report):
    meta = report.metadata
    # unknown facts are recorded as unknown (null) with a note, never guessed
    assert meta["headline"] is None and "not recorded" in meta["headline_note"]
    assert meta["url"] is None and meta["url_note"]
    assert meta["accessed"] == "2026-11-25" and parse_dct(meta["accessed"])
    assert meta["language"] == "en" and "translation" in meta["translation_note"]
    assert "not in the text" in meta["dct_source"] and "Bloomberg" in meta["dct_source"]


def test_a_relative_path_is_found_from_the_project_root(tmp_path, monkeypatch):
    # a notebook's kernel runs in notebooks/, where "data/report.txt" does not exist
    monkeypatch.chdir(tmp_path)
    rep = load_report("data/report.txt")
    assert rep.path == BUNDLED_REPORT and rep.id == "assad-flight-n1-2024"
    # a relative path that exists where you are wins over the project root
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "report.txt").write_text("Mine.", encoding="utf-8")
    assert load_report("data/report.txt").text == "Mine."
    with pytest.raises(ReportNotFoundError, match="No report"):
        load_report("data/nothing_here.txt")
