"""Load a report (the bundled one or a reader's own) with its metadata, checking it on the way.

Every problem with the input raises a subclass of :class:`ReportError` whose message says what is
wrong and what to do about it. Nothing here ever writes a file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
BUNDLED_REPORT = DATA_DIR / "report.txt"


class ReportError(Exception):
    """Base class of every problem with a report file or its metadata."""


class ReportNotFoundError(ReportError, FileNotFoundError):
    """The report file does not exist (or is a folder)."""


class ReportPathError(ReportError, TypeError):
    """What was given as the report's path is not a path."""


class ReportUnreadableError(ReportError, PermissionError):
    """The file exists but cannot be read (no permission, or another operating-system error)."""


class EmptyReportError(ReportError, ValueError):
    """The file holds no text, or only whitespace."""


class BinaryReportError(ReportError, ValueError):
    """The file looks like binary data, not text."""


class ReportEncodingError(ReportError, ValueError):
    """The bytes are not valid UTF-8."""


class ChecksumError(ReportError, ValueError):
    """The sha256 recorded in the metadata does not match the text."""


class MetadataError(ReportError, ValueError):
    """The metadata JSON beside the report cannot be read."""


class InvalidDCTError(ReportError, ValueError):
    """A document creation time that is not a real calendar date."""


FIRST_DCT_YEAR, LAST_DCT_YEAR = 1000, 9899  # four-digit years, with room for "in a century", "tomorrow"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _in_range(day: _dt.date, value: object) -> _dt.date:
    if not FIRST_DCT_YEAR <= day.year <= LAST_DCT_YEAR:
        raise InvalidDCTError(
            f"'{value}' is outside the years {FIRST_DCT_YEAR}-{LAST_DCT_YEAR} that a document creation time "
            "may take (relative expressions such as 'tomorrow' or 'a century later' are resolved against it)."
        )
    return day


def parse_dct(value: str | _dt.date | None) -> _dt.date | None:
    """Turn a DCT given as ``YYYY-MM-DD`` (or a date/datetime) into a ``datetime.date``.

    ``None`` and a missing pandas date (``NaT``) give ``None`` (an undated report). Only the form
    ``YYYY-MM-DD`` is read (no ISO week or ordinal dates), for years 1000 to 9899. Anything else
    raises :class:`InvalidDCTError`.
    """
    if value is None:
        return None
    if isinstance(value, _dt.date) and value != value:  # pandas' NaT (a datetime unequal to itself)
        return None
    if isinstance(value, _dt.datetime):
        return _in_range(value.date(), value)
    if isinstance(value, _dt.date):
        return _in_range(value, value)
    if not isinstance(value, str):
        raise InvalidDCTError(
            f"The document creation time must be a date like '2024-12-11', not {type(value).__name__}."
        )
    text = value.strip()
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        day = _dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidDCTError(
            f"'{value}' is not a possible document creation time: write a real calendar date as "
            "YYYY-MM-DD, for example '2024-12-11'."
        ) from None
    return _in_range(day, value)


@dataclass(frozen=True)
class Report:
    """A report: its exact text, its metadata, and where it came from.

    ``text`` is exactly what the file holds (decoded as UTF-8, a leading byte-order mark removed);
    every offset that the analyses return indexes into it.
    """

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def id(self) -> str:
        """The report's id from its metadata, else the file name without extension."""
        if self.metadata.get("id"):
            return str(self.metadata["id"])
        return self.path.stem if self.path else "report"

    @property
    def title(self) -> str:
        """The title from the metadata, else the id."""
        return str(self.metadata.get("title") or self.id)

    @property
    def dct(self) -> _dt.date | None:
        """The document creation time from the metadata (``None`` if unknown)."""
        return parse_dct(self.metadata.get("dct"))

    @property
    def paragraph_count(self) -> int:
        """Number of paragraphs, using the shared segmentation of :mod:`utils.text`."""
        from utils.text import paragraph_spans

        return len(paragraph_spans(self.text))

    def __repr__(self) -> str:
        return f"Report(id={self.id!r}, characters={len(self.text)}, dct={self.dct})"


def _read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; an operating-system error (no permission ...) as a ReportError."""
    try:
        return path.read_bytes()
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise ReportUnreadableError(
            f"'{path}' cannot be read ({why}). Check the file's permissions "
            "(e.g. 'chmod u+r' on it) or copy it somewhere you can read it."
        ) from None


def _looks_utf16(raw: bytes) -> bool:
    """A UTF-16 byte-order mark, or NUL bytes in every other position of the first 4 KiB (UTF-16
    without a mark: text in Latin script has a NUL in every character's high or low byte)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return half >= 4 and max(even, odd) >= 0.5 * half and min(even, odd) <= 0.05 * half


def check_unicode(text: str, what: str = "The text") -> str:
    """``text`` itself, or :class:`ReportEncodingError` if it holds a lone surrogate.

    A lone surrogate (U+D800 to U+DFFF) is not a character; Python makes them when bytes are
    decoded with ``errors="surrogateescape"``, and no analysis can encode them.
    """
    if not text.isascii():
        match = _SURROGATE.search(text)
        if match:
            raise ReportEncodingError(
                f"{what} holds a lone surrogate (U+{ord(match.group()):04X} at character {match.start()}), which is "
                "not a Unicode character (it comes from decoding bytes that are not UTF-8). Load the file with "
                "load_report, or replace them: text.encode('utf-8', 'replace').decode('utf-8')."
            )
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _read_text(path: Path) -> tuple[str, bytes]:
    """The decoded text of the report file and its bytes (for the checksum)."""
    try:
        exists = path.exists()
    except OSError as exc:  # e.g. a folder on the way that may not be searched
        raise ReportUnreadableError(f"'{path}' cannot be read ({exc.strerror or type(exc).__name__}).") from None
    if not exists:
        raise ReportNotFoundError(
            f"No report at '{path}'. Check the path; the bundled report is '{BUNDLED_REPORT}'."
        )
    if path.is_dir():
        raise ReportNotFoundError(f"'{path}' is a folder, not a report file: give the path of a .txt file.")
    if not path.is_file():
        raise ReportNotFoundError(
            f"'{path}' is not a regular file (a device, a pipe or a socket): give the path of a .txt file."
        )
    raw = _read_bytes(path)
    if _looks_utf16(raw):
        raise ReportEncodingError(
            f"'{path}' is UTF-16 text, not UTF-8: save it as UTF-8 (in most editors: 'Save with encoding' "
            "-> UTF-8), or convert it with: iconv -f UTF-16 -t UTF-8 in.txt > out.txt"
        )
    if b"\x00" in raw:
        raise BinaryReportError(
            f"'{path}' looks like a binary file (it contains NUL bytes), not plain text. "
            "Save the report as a UTF-8 .txt file."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportEncodingError(
            f"'{path}' is not valid UTF-8 (byte {exc.start} cannot be decoded). "
            "Re-save the file as UTF-8 text (in most editors: 'Save with encoding' -> UTF-8)."
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise EmptyReportError(f"'{path}' holds no text (it is empty or only whitespace).")
    return text, raw


def _read_metadata(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(_read_bytes(path).decode("utf-8-sig"))  # a byte-order mark as for the text
    except ReportUnreadableError as exc:
        raise MetadataError(f"The metadata file {exc}") from None
    except UnicodeDecodeError:
        raise MetadataError(f"The metadata file '{path}' is not valid UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise MetadataError(
            f"The metadata file '{path}' is not valid JSON (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg}). Fix it or remove it; a report can be loaded without metadata."
        ) from None
    if not isinstance(meta, dict):
        raise MetadataError(f"The metadata file '{path}' must hold a JSON object ({{...}}), not a list or value.")
    return meta


def report_from_text(text: str, dct: str | _dt.date | None = None, **metadata: Any) -> Report:
    """Make a :class:`Report` from a string (for a text you paste into a notebook)."""
    if not isinstance(text, str):
        raise TypeError(f"A report text must be a str, not {type(text).__name__}.")
    if not text.strip():
        raise EmptyReportError("The text is empty or only whitespace: there is nothing to analyse.")
    check_unicode(text)
    day = parse_dct(dct)
    meta = dict(metadata)
    if day is not None:
        meta["dct"] = day.isoformat()
    return Report(text=text, metadata=meta)


def resolve_path(path: str | Path) -> Path:
    """``path`` as given if it exists; else, for a relative path, the same path under the project root.

    A notebook's kernel runs in ``notebooks/``, so ``"data/report.txt"`` (relative to the project
    root, as the README writes paths) would not be found from there. A relative path that exists
    where you are always wins.
    """
    path = Path(path).expanduser()
    if not path.exists() and not path.is_absolute() and (PROJECT_ROOT / path).exists():
        return PROJECT_ROOT / path
    return path


def load_report(path: str | Path | None = None, dct: str | _dt.date | None = None) -> Report:
    """Load a report from a UTF-8 ``.txt`` file, with the ``.json`` of the same name beside it if any.

    With no ``path``, the bundled report in ``data/`` is loaded. A relative ``path`` is read from
    the current folder, or else from the project root (:func:`resolve_path`). If the metadata holds a
    ``sha256``, the text must match it. ``dct`` overrides the metadata's document creation time.
    Raises a :class:`ReportError` subclass with a readable message for every bad input.
    """
    if path is not None and not isinstance(path, str | os.PathLike):
        raise ReportPathError(
            f"load_report takes the path of a .txt file (a str or pathlib.Path), not {type(path).__name__}; "
            "for a text you already hold, use report_from_text(text)."
        )
    path = BUNDLED_REPORT if path is None else resolve_path(path)
    text, raw = _read_text(path)
    meta_path = path.with_suffix(".json")
    meta = _read_metadata(meta_path) if meta_path.is_file() else {}
    if "sha256" in meta:
        expected = meta["sha256"]
        if not (isinstance(expected, str) and re.fullmatch(r"[0-9a-fA-F]{64}", expected)):
            raise MetadataError(
                f"The 'sha256' in '{meta_path}' must be 64 hexadecimal digits, not {expected!r}: "
                "correct it, or remove the key to load the text without a checksum."
            )
        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected.lower():
            raise ChecksumError(
                f"'{path}' does not match the checksum in '{meta_path.name}': the text was changed "
                f"(sha256 {actual[:12]}... instead of {str(expected)[:12]}...). "
                "Restore the original file, or remove 'sha256' from the metadata for an edited copy."
            )
    try:
        parse_dct(meta.get("dct"))
    except InvalidDCTError as exc:
        raise InvalidDCTError(f"In '{meta_path}': {exc}") from None
    if dct is not None:
        meta = {**meta, "dct": parse_dct(dct).isoformat()}
    return Report(text=text, metadata=meta, path=path)


def is_bundled(text: str) -> bool:
    """True if ``text`` is exactly the bundled report's text (the hand-made gold files describe only it)."""
    return isinstance(text, str) and text == load_report().text
