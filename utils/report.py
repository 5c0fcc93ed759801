"""Load a report (the bundled one or a reader's own) with its metadata, checking it on the way.

Every problem with the input raises a subclass of :class:`ReportError` whose message says what is
wrong and what to do about it. Nothing here ever writes a file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
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


def parse_dct(value: str | _dt.date | None) -> _dt.date | None:
    """Turn a DCT given as ``YYYY-MM-DD`` (or a date/datetime) into a ``datetime.date``.

    ``None`` stays ``None`` (an undated report). Anything else raises :class:`InvalidDCTError`.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise InvalidDCTError(
            f"The document creation time must be a date like '2024-12-11', not {type(value).__name__}."
        )
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidDCTError(
            f"'{value}' is not a possible document creation time: write a real calendar date as "
            "YYYY-MM-DD, for example '2024-12-11'."
        ) from None


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


def _read_text(path: Path) -> str:
    if not path.exists():
        raise ReportNotFoundError(
            f"No report at '{path}'. Check the path; the bundled report is '{BUNDLED_REPORT}'."
        )
    if not path.is_file():
        raise ReportNotFoundError(f"'{path}' is a folder, not a report file: give the path of a .txt file.")
    raw = path.read_bytes()
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
    return text


def _read_metadata(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
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
    path = BUNDLED_REPORT if path is None else resolve_path(path)
    text = _read_text(path)
    meta_path = path.with_suffix(".json")
    meta = _read_metadata(meta_path) if meta_path.is_file() else {}
    expected = meta.get("sha256")
    if expected:
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != str(expected).lower():
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
