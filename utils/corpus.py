"""Corpus mode: the same analyses for many reports, with one ``report_id`` column in front.

    from utils.corpus import analyse
    results = analyse("my_reports/")                       # a folder of .txt (+ optional .json)
    results = analyse(frame, ["sentences", "quotes"])     # a DataFrame: report_id, text, dct
    results = analyse(frame, engine="dask")               # the same, on a dask.distributed cluster

:func:`analyse` returns a dict of DataFrames: one per analysis, each exactly the frame the
single-report function returns for each report, stacked, with ``report_id`` as first column; plus
``errors`` (``report_id, stage, error, message``): a bad file or an analysis that fails on one
report is recorded there and the run goes on.

How it runs. Reports are read lazily (a folder is never read whole) and handled in chunks of
``chunk_size`` reports. Each chunk is parsed with spaCy's ``nlp.pipe`` through
:func:`utils.text.parse_many` (``batch_size`` texts at a time); every Doc enters the parse cache, so
the analyses that follow reuse it. Only the frames of the results are kept, never a list of Docs,
so memory stays flat whatever the number of reports. ``n_process > 1`` hands whole chunks to that
many worker processes (each parses and analyses its reports); ``engine="dask"`` hands them to the
workers of a ``dask.distributed`` cluster, one task per chunk ("partitioned by report": a report
is never split). Results come back in input order, so every engine gives the same frames.

The analyses form a registry (:data:`REGISTRY`): a name, the module and function that compute
it, and whether it needs the document creation time (DCT). A module that is not installed or
not written yet is skipped (:func:`available_analyses` lists what imports).
"""

from __future__ import annotations

import datetime as _dt
import gc
import importlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from utils.report import DATA_DIR, ReportError, check_unicode, load_report, parse_dct, resolve_path

ERROR_COLUMNS = ["report_id", "stage", "error", "message"]
INPUT_COLUMNS = ["report_id", "text", "dct"]


@dataclass(frozen=True)
class Spec:
    """One registered analysis: ``module.function(text)`` or ``module.function(text, dct)``."""

    module: str
    function: str
    needs_dct: bool = False
    based_on: str | None = None  # computed from another analysis' frame (same result, no re-run)
    derive: str | None = None  # function of ``module`` turning that frame into this one


# name -> how to compute it; every function returns a DataFrame (a Series becomes one row)
REGISTRY: dict[str, Spec] = {
    "overview": Spec("utils.text", "overview"),
    "sentences": Spec("utils.text", "sentences"),
    "tokens": Spec("utils.text", "tokens"),
    "word_frequencies": Spec("utils.text", "word_frequencies"),
    "keywords": Spec("utils.text", "keywords"),
    "readability": Spec("utils.text", "readability"),
    "sentence_sentiment": Spec("utils.sentiment", "sentence_sentiment"),
    "document_sentiment": Spec("utils.sentiment", "document_sentiment"),
    "entity_mentions": Spec("utils.entities", "entity_mentions"),
    "entity_frequencies": Spec(
        "utils.entities", "entity_frequencies", based_on="entity_mentions", derive="frequencies_from_mentions"
    ),
    "temporal_expressions": Spec("utils.chronology", "temporal_expressions", needs_dct=True),
    "timeline": Spec("utils.chronology", "timeline", needs_dct=True),
    "quotes": Spec("utils.sources", "quotes"),
}

Analysis = Callable[[str, "_dt.date | None"], Any]


class CorpusError(ValueError):
    """The corpus as a whole cannot be read (not a per-report problem: those go to ``errors``)."""


# --- the registry ---------------------------------------------------------------------------------


class _Registered:
    """A registry entry as a picklable callable ``(text, dct) -> frame`` (resolved on first use)."""

    def __init__(self, name: str):
        self.name = name
        self.spec = REGISTRY[name]

    def function(self) -> Callable:
        return getattr(importlib.import_module(self.spec.module), self.spec.function)

    def __call__(self, text: str, dct: _dt.date | None) -> Any:
        func = self.function()
        return func(text, dct) if self.spec.needs_dct else func(text)

    def __repr__(self) -> str:
        return f"{self.spec.module}.{self.spec.function}"


def _importable(name: str) -> bool:
    spec = REGISTRY[name]
    try:
        module = importlib.import_module(spec.module)
    except ImportError:
        return False
    return callable(getattr(module, spec.function, None))


def available_analyses() -> list[str]:
    """The names of the registered analyses whose module and function import here, in order."""
    return [name for name in REGISTRY if _importable(name)]


def resolve(analyses: Iterable[str] | Mapping[str, Analysis] | None = None) -> dict[str, Analysis]:
    """Turn ``analyses`` into ``{name: callable(text, dct)}``.

    ``None``: every available registered analysis. A list of names: those (an unknown or
    unavailable name raises ``ValueError`` listing what is available). A mapping name -> callable:
    your own analyses, each called as ``func(text, dct)`` and returning a DataFrame; a value that is
    a registered name (a str) stands for that analysis.
    """
    if analyses is None:
        return {name: _Registered(name) for name in available_analyses()}
    if isinstance(analyses, str):
        analyses = [analyses]
    pairs = analyses.items() if isinstance(analyses, Mapping) else ((n, n) for n in analyses)
    out: dict[str, Analysis] = {}
    for name, func in pairs:
        if name in ("errors", "report_id"):
            raise ValueError(f"'{name}' is reserved in corpus results; name the analysis differently.")
        if isinstance(func, str):
            if func not in REGISTRY or not _importable(func):
                raise ValueError(
                    f"No analysis called '{func}' is available here. Available: {available_analyses()}; "
                    "or pass a mapping {name: function(text, dct)} of your own."
                )
            func = _Registered(func)
        elif not callable(func):
            raise TypeError(f"The analysis '{name}' must be a function(text, dct), not {type(func).__name__}.")
        out[name] = func
    if not out:
        raise ValueError("No analysis to run: give at least one name.")
    return out


# --- reading the input ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One report ready for analysis."""

    report_id: str
    text: str
    dct: _dt.date | None
    position: int = 0  # place in the input, to list errors in input order whatever the engine


def _error(report_id: Any, stage: str, exc: BaseException, position: int = 0) -> tuple:
    return (str(report_id), stage, type(exc).__name__, str(exc), position)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value) == ""


def _check_item(report_id: Any, text: Any, dct: Any, position: int = 0) -> Item:
    if _missing(report_id):
        raise ValueError("The report has no report_id.")
    if not isinstance(text, str):
        raise TypeError(f"The text must be a str, not {type(text).__name__}.")
    if not text.strip():
        raise ValueError("The text is empty or only whitespace: there is nothing to analyse.")
    if not any(ch.isalpha() for ch in text):
        raise ValueError("The text contains no letters: there is nothing to analyse.")
    check_unicode(text)
    if dct is None or (not isinstance(dct, str | _dt.date) and pd.isna(dct)):
        dct = None
    return Item(str(report_id), text, parse_dct(dct), position)


def report_files(folder: str | Path) -> list[Path]:
    """The ``.txt`` files of ``folder`` (not its subfolders), sorted by name.

    A relative ``folder`` is looked up where you are, or else in the project folder, as report
    paths are (:func:`utils.report.resolve_path`).
    """
    path = resolve_path(folder)
    if not path.is_dir():
        raise CorpusError(f"'{path}' is not a folder: give a folder of .txt reports or a DataFrame.")
    return sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())


def _from_folder(folder: str | Path) -> tuple[int, Iterator[Item | tuple]]:
    files = report_files(folder)

    def items() -> Iterator[Item | tuple]:
        for n, path in enumerate(files):
            try:
                report = load_report(path)
                yield _check_item(report.id, report.text, report.dct, n)
            except (ReportError, OSError, ValueError, TypeError) as exc:  # one bad file never stops the run
                yield _error(path.stem, "input", exc, n)

    return len(files), items()


def _from_frame(frame: pd.DataFrame) -> tuple[int, Iterator[Item | tuple]]:
    missing = [c for c in ("report_id", "text") if c not in frame.columns]
    if missing:
        raise CorpusError(f"A corpus DataFrame needs the columns {INPUT_COLUMNS} (dct optional); missing: {missing}.")
    has_dct = "dct" in frame.columns

    def items() -> Iterator[Item | tuple]:
        columns = ["report_id", "text", "dct"] if has_dct else ["report_id", "text"]
        for n, row in enumerate(frame[columns].itertuples(index=False, name=None)):
            try:
                yield _check_item(row[0], row[1], row[2] if has_dct else None, n)
            except (ReportError, ValueError, TypeError) as exc:
                yield _error(f"row {n}" if _missing(row[0]) else row[0], "input", exc, n)

    return len(frame), items()


def read_folder(folder: str | Path) -> pd.DataFrame:
    """A folder of reports as a corpus DataFrame (``report_id, text, dct, path``), read whole.

    For a small corpus you want to look at; :func:`analyse` reads a folder lazily by itself. Files
    that cannot be read are left out (``analyse`` on the folder lists them in ``errors``).
    """
    import warnings

    rows, skipped = [], []
    for path in report_files(folder):
        try:
            report = load_report(path)
        except ReportError as exc:
            skipped.append(f"{path.name} ({type(exc).__name__})")
            continue
        rows.append((report.id, report.text, report.dct.isoformat() if report.dct else None, str(path)))
    if skipped:
        warnings.warn(f"read_folder left out {len(skipped)} file(s) that cannot be loaded: {', '.join(skipped)}; "
                      "load_report(path) on one says why.", stacklevel=2)
    return pd.DataFrame(rows, columns=[*INPUT_COLUMNS, "path"])


FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
EXAMPLES = FIXTURES / "corpus"
EXAMPLE_REPORTS = [FIXTURES / "hollingford_flood.txt"]  # invented full-length reports, with metadata


_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 120  # with ".json" well under the 255 bytes most file systems allow


def safe_file_name(report_id: object) -> str:
    """A file name (without extension) for ``report_id`` that stays inside its folder on every system.

    Letters, digits, ``-``, ``_`` and ``.`` are kept; every other character (``/``, ``\\``, ``:``,
    spaces, control characters ...) becomes ``_``; leading and trailing dots are dropped (no ``..``,
    no hidden file); a Windows device name (``con``, ``nul`` ...) gets a ``_`` in front; the name is
    cut to ``MAX_NAME_BYTES`` bytes of UTF-8. A changed id gets ``-`` and 8 hex digits of its sha1,
    so that two different ids never end as the same name. An id that needs no change is kept.
    """
    import hashlib

    original = str(report_id)
    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in original).strip(".")
    if name.split(".")[0].lower() in _WINDOWS_DEVICES:
        name = "_" + name
    name = name.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore") or "report"
    if name != original:
        name = f"{name.rstrip('.')}-{hashlib.sha1(original.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return name


def write_folder(corpus: pd.DataFrame, folder: str | Path) -> Path:
    """Write a corpus DataFrame (``report_id, text[, dct]``) as ``<name>.txt`` + ``.json`` files.

    The inverse of :func:`read_folder`, for trying folder input or handing a corpus to another
    tool. ``<name>`` is the report id made a safe file name by :func:`safe_file_name` (a warning
    lists every id that was changed); the ``.json`` keeps the id itself, so :func:`read_folder`
    gives it back. Texts are written byte for byte (no line-ending translation). Returns the
    folder (created if needed).
    """
    import json
    import warnings

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    changed, used = [], set()
    for row in corpus.itertuples():
        dct = getattr(row, "dct", None)
        day = parse_dct(dct) if isinstance(dct, str | _dt.date) else None  # NaN, NaT, None: undated
        meta = {"id": str(row.report_id), "dct": day.isoformat() if day else None}
        name = safe_file_name(row.report_id)
        if name.casefold() in used:  # "A" and "a" are one file on Windows and macOS
            name = safe_file_name(f"{row.report_id}\0{len(used)}")
        used.add(name.casefold())
        if name != str(row.report_id):
            changed.append(f"{str(row.report_id)[:40]!r} -> {name!r}")
        (folder / f"{name}.txt").write_text(row.text, encoding="utf-8", newline="")
        (folder / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    if changed:
        warnings.warn(f"write_folder made {len(changed)} report id(s) safe file names (the .json keeps the id): "
                      + "; ".join(changed[:10]) + (" ..." if len(changed) > 10 else ""), stacklevel=2)
    return folder


def _report_first(report_path: str | Path | None, dct: str | _dt.date | None, others: pd.DataFrame) -> pd.DataFrame:
    """The report of ``report_path`` (default: the bundled one) as the first row, then ``others``
    without it (a report is never listed twice)."""
    report = load_report(report_path, dct=dct)
    first = pd.DataFrame([(report.id, report.text, report.dct.isoformat() if report.dct else None, str(report.path))],
                         columns=[*INPUT_COLUMNS, "path"])
    frame = pd.concat([first, others], ignore_index=True)
    return frame[(frame.index == 0) | (frame.report_id != report.id)].reset_index(drop=True)


def example_corpus(report_path: str | Path | None = None, dct: str | _dt.date | None = None) -> pd.DataFrame:
    """A small corpus to try corpus mode: a report (default: the bundled one) + invented ones.

    The invented reports were written for this project's tests: ``tests/fixtures/hollingford_flood``
    and the short ones in ``tests/fixtures/corpus`` (one has no DCT). ``report_path`` and ``dct`` are
    passed to :func:`utils.report.load_report`, as in every notebook; that report comes first (and
    is not repeated if it is one of the invented ones).
    """
    rows = [read_folder(EXAMPLES)]
    for path in EXAMPLE_REPORTS:
        if path.is_file():
            other = load_report(path)
            rows.insert(0, pd.DataFrame([(other.id, other.text, other.dct.isoformat() if other.dct else None,
                                          str(path))], columns=[*INPUT_COLUMNS, "path"]))
    return _report_first(report_path, dct, pd.concat(rows, ignore_index=True))


STORIES = DATA_DIR / "stories"  # one story told several ways, written for this project


def story_corpus(report_path: str | Path | None = None, dct: str | _dt.date | None = None) -> pd.DataFrame:
    """One story told several ways: a report (default: the bundled one) + ``data/stories/``.

    ``data/stories/`` holds four short retellings of the bundled report's story, written for this
    project as a flash report, a news report, an analysis and a weekly review would tell it, each
    on its own day (DCT 8, 9, 12 and 15 December 2024), in date order after the first report.
    """
    return _report_first(report_path, dct, read_folder(STORIES))


def corpus_items(corpus: str | Path | pd.DataFrame | Iterable) -> tuple[int | None, Iterator[Item | tuple]]:
    """``(number of reports if known, lazy stream of Items and error rows)`` for any corpus input.

    Accepted: a folder, a DataFrame with ``report_id, text[, dct]``, or an iterable of
    :class:`utils.report.Report` objects or ``(report_id, text, dct)`` tuples.
    """
    if isinstance(corpus, pd.DataFrame):
        return _from_frame(corpus)
    if isinstance(corpus, str | Path):
        return _from_folder(corpus)
    if isinstance(corpus, Iterable):
        total = len(corpus) if hasattr(corpus, "__len__") else None

        def items() -> Iterator[Item | tuple]:
            for n, entry in enumerate(corpus):
                fields = (entry.id, entry.text, entry.dct) if hasattr(entry, "metadata") else tuple(entry)
                try:
                    if len(fields) != 3:
                        raise ValueError("Each report must be (report_id, text, dct).")
                    yield _check_item(*fields, n)
                except (ReportError, ValueError, TypeError) as exc:
                    yield _error(fields[0] if fields else n, "input", exc, n)

        return total, items()
    raise CorpusError(
        f"A corpus is a folder, a DataFrame (report_id, text, dct) or a list of reports, not {type(corpus).__name__}."
    )


def _unique(stream: Iterator[Item | tuple]) -> Iterator[Item | tuple]:
    seen: set[str] = set()
    for entry in stream:
        if isinstance(entry, Item):
            if entry.report_id in seen:
                yield _error(entry.report_id, "input", ValueError(
                    f"A second report has the id '{entry.report_id}'; only the first one is analysed."),
                    entry.position)
                continue
            seen.add(entry.report_id)
        yield entry


# --- one chunk of reports -------------------------------------------------------------------------


def _as_frame(result: Any) -> pd.DataFrame:
    if isinstance(result, pd.DataFrame):
        return result
    if isinstance(result, pd.Series):
        return result.to_frame().T.reset_index(drop=True)
    raise TypeError(f"An analysis must return a DataFrame, not {type(result).__name__}.")


def _stack(frames: list[pd.DataFrame], ids: list[str] | None = None) -> pd.DataFrame | None:
    """Concatenate frames in order; empty frames only matter when all are empty (their columns).

    With ``ids`` (one report id per frame), the stacked frame gets ``report_id`` as its first
    column: added once here rather than to every small per-report frame.
    """
    if not frames:
        return None
    if ids is None:
        full = [f for f in frames if len(f)]
        if not full:
            return frames[0].iloc[0:0]
        return full[0] if len(full) == 1 else pd.concat(full, ignore_index=True)
    keep = [k for k, f in enumerate(frames) if len(f)]
    if not keep:
        stacked = frames[0].iloc[0:0].copy(deep=False)
        stacked.insert(0, "report_id", pd.array([], dtype="str"))
        return stacked
    parts = [frames[k] for k in keep]
    stacked = parts[0].reset_index(drop=True) if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    stacked = stacked.copy(deep=False)
    # an object array: numpy's fixed-width strings would drop trailing NUL characters of an id
    repeated = np.repeat(np.array([ids[k] for k in keep], dtype=object), [len(p) for p in parts])
    stacked.insert(0, "report_id", pd.array(repeated, dtype="str"))
    return stacked


class ReportTimeout(Exception):
    """A report took longer than ``per_report_timeout`` seconds (raised inside the running analysis)."""


def timeout_supported() -> bool:
    """True where :func:`time_limit` can stop a report: a system with ``SIGALRM``, in the main thread."""
    import signal
    import threading

    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ReportTimeout` in the code running ``seconds`` after entering (``None``: no limit).

    A real-time timer (``SIGALRM``) interrupts the Python code between two steps; a long step in C
    (spaCy parsing one piece of text) finishes first. Where no timer can run (Windows, a thread
    other than the main one), :func:`analyse` refuses the option instead of ignoring it.
    """
    if not seconds:
        yield
        return
    import signal

    def expire(signum, frame):
        raise ReportTimeout(f"stopped after {seconds:g} s (per_report_timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_analyses(item: Item, funcs: Mapping[str, Analysis]) -> tuple[dict[str, pd.DataFrame], list[tuple]]:
    """The frames of one report (without ``report_id``: :func:`_stack` adds it) and its error rows.

    A :class:`ReportTimeout` ends the report: one error row at the analysis that was running, which
    names the analyses that did not run; the frames finished before it are kept.
    """
    frames: dict[str, pd.DataFrame] = {}
    errors: list[tuple] = []
    names = list(funcs)
    for k, (name, func) in enumerate(funcs.items()):
        try:
            spec = func.spec if isinstance(func, _Registered) else None
            if spec and spec.based_on in frames:
                derive = getattr(importlib.import_module(spec.module), spec.derive)
                frame = _as_frame(derive(frames[spec.based_on]))
            else:
                frame = _as_frame(func(item.text, item.dct))
            if "report_id" in frame.columns:
                raise ValueError("An analysis must not return a 'report_id' column: corpus mode adds it.")
        except ReportTimeout as exc:
            rest = names[k + 1:]
            note = f"; not run for this report: {', '.join(rest)}" if rest else ""
            errors.append(_error(item.report_id, name, ReportTimeout(f"{exc}{note}"), item.position))
            break
        except Exception as exc:  # one analysis failing on one report must not stop the run
            errors.append(_error(item.report_id, name, exc, item.position))
            continue
        frames[name] = frame
    return frames, errors


def _order(funcs: Mapping[str, Analysis]) -> dict[str, Analysis]:
    """Run analyses that others are derived from first (the output keeps the caller's order)."""
    bases = {f.spec.based_on for f in funcs.values() if isinstance(f, _Registered) and f.spec.based_on}
    return {**{n: f for n, f in funcs.items() if n in bases}, **funcs}


def analyse_chunk(
    items: list[Item], analyses: Mapping[str, Analysis] | Iterable[str] | None, batch_size: int = 32,
    per_report_timeout: float | None = None,
) -> tuple[dict[str, pd.DataFrame], list[tuple]]:
    """Parse ``items`` with ``nlp.pipe`` and run the analyses on each: ``(frames, error rows)``.

    This is the unit of work of every engine (a local loop, worker processes, Dask tasks). Texts
    up to ``utils.text.LONG_TEXT`` characters are parsed in batches; a longer one is parsed in
    pieces when its turn comes, inside its own ``per_report_timeout`` (which also bounds its
    analyses).
    """
    from utils.text import LONG_TEXT, parse, parse_many

    funcs = _order(analyses if isinstance(analyses, Mapping) else resolve(analyses))
    per_name: dict[str, list[pd.DataFrame]] = {name: [] for name in funcs}
    ids: dict[str, list[str]] = {name: [] for name in funcs}
    errors: list[tuple] = []

    def long(item: Item) -> bool:
        return len(item.text) > LONG_TEXT

    def docs() -> Iterator[Item]:
        """The items in order, each short one parsed (in batches) or listed in ``errors``."""
        batch = parse_many((i.text for i in items if not long(i)), batch_size=batch_size)
        broken = False
        for item in items:
            if long(item):
                yield item
                continue
            try:
                if not broken:
                    next(batch)
                else:
                    parse(item.text)
            except Exception as exc:
                if broken:
                    errors.append(_error(item.report_id, "parse", exc, item.position))
                    continue
                broken = True  # a batch failed inside spaCy: parse the rest one by one
                try:
                    parse(item.text)
                except Exception as exc2:
                    errors.append(_error(item.report_id, "parse", exc2, item.position))
                    continue
            yield item

    for item in docs():
        try:
            with time_limit(per_report_timeout):
                try:
                    if long(item):
                        parse(item.text)
                except Exception as exc:  # ReportTimeout included
                    errors.append(_error(item.report_id, "parse", exc, item.position))
                    continue
                frames, errs = _run_analyses(item, funcs)
        except ReportTimeout as exc:  # the timer ran out just as the last analysis returned
            errors.append(_error(item.report_id, "report", exc, item.position))
            continue
        errors.extend(errs)
        for name, frame in frames.items():
            per_name[name].append(frame)
            ids[name].append(item.report_id)
    stacked = {name: _stack(frames, ids[name]) for name, frames in per_name.items()}
    return {name: frame for name, frame in stacked.items() if frame is not None}, errors


# --- engines --------------------------------------------------------------------------------------


def _chunks(stream: Iterator[Item | tuple], size: int, errors: list[tuple]) -> Iterator[list[Item]]:
    """Group the valid items into lists of ``size``; error rows go straight to ``errors``."""
    chunk: list[Item] = []
    for entry in stream:
        if isinstance(entry, Item):
            chunk.append(entry)
            if len(chunk) == size:
                yield chunk
                chunk = []
        else:
            errors.append(entry)
    if chunk:
        yield chunk


def _progress(total: int | None, enabled: bool, engine: str):
    """A text progress bar counting reports: on stderr, or on stdout inside a Jupyter kernel.

    Text, not a widget: a rendered notebook keeps the last state of a text stream (nbconvert
    applies its carriage returns), while a widget bar would show its first state there, "0/5".
    """
    from tqdm.std import tqdm

    in_kernel = type(sys.stdout).__module__.startswith("ipykernel")  # imported is not enough: tests import it
    stream = sys.stdout if in_kernel else sys.stderr
    return tqdm(total=total, desc=f"reports ({engine})", unit="report", disable=not enabled, smoothing=0.1,
                file=stream)


def _window(submit: Callable[[list[Item]], Any], wait: Callable[[Any], Any], chunks: Iterator[list[Item]],
            depth: int) -> Iterator[tuple[list[Item], Any]]:
    """Keep at most ``depth`` chunks in flight; yield ``(chunk, result)`` in input order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= depth:
            chunk0, handle = pending.popleft()
            yield chunk0, wait(handle)
    while pending:
        chunk0, handle = pending.popleft()
        yield chunk0, wait(handle)


@contextmanager
def _model_frozen() -> Iterator[None]:
    """Keep the loaded spaCy model (and whatever else exists now) out of Python's cyclic garbage
    collector for the length of a run, then give it back (``gc.freeze``/``gc.unfreeze``).

    A corpus run creates many short-lived objects, so the collector runs often, and each full
    collection would walk the model's objects again; frozen, they are skipped (about 5% of the
    run's time here). Worker processes forked inside inherit it, and touch fewer of the parent's
    memory pages. If the caller froze objects already, their setting is left alone.
    """
    if gc.get_freeze_count():
        yield
        return
    from utils.text import pipeline

    pipeline()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _can_fork() -> bool:
    """Fork worker processes only on Linux (macOS system libraries are not fork-safe; Windows cannot)."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _local(chunks, funcs, batch_size, n_process, per_report_timeout=None):
    if n_process <= 1:
        for chunk in chunks:
            yield chunk, analyse_chunk(chunk, funcs, batch_size, per_report_timeout)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from utils.text import pipeline

    method = "fork" if _can_fork() else "spawn"
    if method == "fork":
        pipeline()  # load the model once; forked workers share it
    with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context(method)) as pool:
        yield from _window(lambda c: pool.submit(analyse_chunk, c, funcs, batch_size, per_report_timeout),
                           lambda f: f.result(), chunks, 2 * n_process)


def local_cluster(n_workers: int | None = None, processes: bool = True):
    """A ``dask.distributed.LocalCluster`` for corpus work: one thread per worker, no dashboard.

    On Linux the worker processes are forked from this one after the spaCy model is
    loaded here, so they start in well under a second instead of loading the model again each
    (about 3 s per worker). Close it when done (``with local_cluster(2) as cluster: ...``).
    """

    import dask
    from distributed import LocalCluster

    from utils.text import pipeline

    config = {}
    if processes and _can_fork():
        pipeline()
        config = {"distributed.worker.multiprocessing-method": "fork"}
    with dask.config.set(config):
        return LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1, processes=processes,
            dashboard_address=":0",
        )


def _dask(chunks, funcs, batch_size, n_process, client):
    from distributed import Client

    own_cluster = own_client = None
    if client is None:
        own_cluster = local_cluster(n_process)
        client = own_client = Client(own_cluster)
    elif isinstance(client, str):
        client = own_client = Client(client)
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        yield from _window(lambda c: client.submit(analyse_chunk, c, funcs, batch_size, pure=False),
                           lambda f: f.result(), chunks, 2 * workers)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def default_chunk_size(total: int | None, engine: str = "local", n_process: int | None = None,
                       client: Any = None) -> int:
    """64 reports per task, or fewer so that each of several workers gets at least 4 tasks."""
    if engine == "local":
        workers = n_process or 1
    elif client is None:
        workers = n_process or os.cpu_count() or 1
    else:
        workers = 8  # a cluster of unknown size: assume a few machines
    if workers <= 1 or not total:
        return 64
    return max(1, min(64, -(-total // (4 * workers))))


def analyse(
    corpus: str | Path | pd.DataFrame | Iterable,
    analyses: Iterable[str] | Mapping[str, Analysis] | None = None,
    *,
    engine: str = "local",
    n_process: int | None = None,
    batch_size: int = 32,
    chunk_size: int | None = None,
    client: Any = None,
    progress: bool = True,
    per_report_timeout: float | None = None,
) -> dict[str, pd.DataFrame]:
    """Run analyses on every report of a corpus; one DataFrame per analysis plus ``errors``.

    ``corpus``: a folder of ``.txt`` reports (each with an optional ``.json`` of metadata: ``id``,
    ``dct``), a DataFrame with ``report_id, text`` and optionally ``dct``, or a list of
    :class:`~utils.report.Report`. ``analyses``: see :func:`resolve` (default: all available).
    ``engine``: ``"local"`` (this machine; ``n_process`` worker processes, default 1) or ``"dask"``
    (``client``: a ``distributed.Client``, a scheduler address such as ``"tcp://host:8786"``, or
    ``None`` for a new ``LocalCluster`` of ``n_process`` workers, default one per core, closed at the
    end). ``batch_size``: texts per ``nlp.pipe`` batch; ``chunk_size``: reports per task (default:
    64, or fewer so that every worker gets at least 4 tasks and none waits long for the last one).

    Every frame has ``report_id`` first and the rows of each report in input order; reports that
    failed are missing from it and listed in ``errors`` (``report_id, stage, error, message``;
    stage ``input``, ``parse`` or the name of the analysis). With ``n_process > 1`` your own
    analysis functions must be picklable (defined at module level, not lambdas); Dask's cloudpickle
    takes lambdas too. A worker that dies (out of memory, killed) stops the run with its error.

    ``per_report_timeout``: seconds one report may take (its parse if long, and its analyses); a
    report that takes longer is stopped, one row in ``errors`` (error ``ReportTimeout``, stage the
    analysis that was running) says so and names what did not run, its finished frames are kept and
    the run goes on. Local engine only, on a system with ``SIGALRM`` (Linux, macOS); Dask runs tasks
    in threads, where no timer can interrupt them.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}.")
    for name, value in (("batch_size", batch_size), ("chunk_size", chunk_size or 1)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive whole number, not {value!r}.")
    if n_process is not None and (not isinstance(n_process, int) or n_process < 1):
        raise ValueError(f"n_process must be a positive whole number or None, not {n_process!r}.")
    _check_timeout(per_report_timeout, engine, n_process or 1)
    funcs = resolve(analyses)
    total, stream = corpus_items(corpus)
    if chunk_size is None:
        chunk_size = default_chunk_size(total, engine, n_process, client)
    errors: list[tuple] = []
    chunks = _chunks(_unique(stream), chunk_size, errors)
    if engine == "local":
        runs = _local(chunks, funcs, batch_size, n_process or 1, per_report_timeout)
    else:
        runs = _dask(chunks, funcs, batch_size, n_process, client)
    collected: dict[str, list[pd.DataFrame]] = {name: [] for name in funcs}
    with _model_frozen() if engine == "local" else nullcontext(), _progress(total, progress, engine) as bar:
        for chunk, (frames, errs) in runs:
            errors.extend(errs)
            for name, frame in frames.items():
                collected[name].append(frame)
            bar.update(len(chunk))
        bar.update(max(0, (total or 0) - bar.n))
    out = {}
    for name in list(collected):
        frames = collected.pop(name)  # drop each analysis' chunk list once stacked: a lower peak
        stacked = _stack(frames)
        del frames
        out[name] = stacked.reset_index(drop=True) if stacked is not None else pd.DataFrame(columns=["report_id"])
    out["errors"] = _errors_frame(errors)
    return out


def _check_timeout(seconds: float | None, engine: str, n_process: int) -> None:
    """A clear error for a ``per_report_timeout`` that is not a positive number or cannot be kept."""
    import signal

    if seconds is None:
        return
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 < seconds < float("inf"):
        raise ValueError(f"per_report_timeout must be a positive number of seconds or None, not {seconds!r}.")
    if engine != "local":
        raise ValueError("per_report_timeout works with the local engine only: Dask runs tasks in threads, "
                         "which no timer can interrupt.")
    if not hasattr(signal, "setitimer") or (n_process <= 1 and not timeout_supported()):
        raise ValueError("per_report_timeout needs SIGALRM (Linux or macOS) and the main thread; "
                         "call analyse from the main thread, or use n_process=2 or more.")


def _errors_frame(errors: list[tuple]) -> pd.DataFrame:
    """Error rows in input order (stable), without the internal position."""
    frame = pd.DataFrame(errors, columns=[*ERROR_COLUMNS, "position"])
    return frame.sort_values("position", kind="stable").drop(columns="position").reset_index(drop=True)


def iter_analyse(
    corpus: str | Path | pd.DataFrame | Iterable,
    analyses: Iterable[str] | Mapping[str, Analysis] | None = None,
    *,
    batch_size: int = 32,
    chunk_size: int = 64,
    per_report_timeout: float | None = None,
) -> Iterator[dict[str, pd.DataFrame]]:
    """Like :func:`analyse` (local, one process) but yield the results chunk by chunk.

    For corpora whose results do not fit in memory: write each chunk's frames away (e.g. append
    to CSV files) as they come. Each yielded dict has one frame per analysis and ``errors``.
    ``per_report_timeout`` as in :func:`analyse`.
    """
    _check_timeout(per_report_timeout, "local", 1)
    funcs = resolve(analyses)
    _total, stream = corpus_items(corpus)
    errors: list[tuple] = []
    for chunk in _chunks(_unique(stream), chunk_size, errors):
        with _model_frozen():  # per chunk: the caller's code between chunks runs with the usual collector
            frames, errs = analyse_chunk(chunk, funcs, batch_size, per_report_timeout)
        rows = [*errors, *errs]
        errors.clear()  # the same list keeps collecting input errors (shared with _chunks)
        yield {**frames, "errors": _errors_frame(rows)}
    if errors:
        yield {"errors": _errors_frame(errors)}



# --- comparing the reports of a corpus ------------------------------------------------------------


def compare_reports(results: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per report, side by side, from whatever analyses ``results`` holds.

    ``report_id`` and, where the analysis ran: ``sentences``, ``words`` (letters-only tokens),
    ``mean_compound`` and ``share_negative`` (VADER per sentence), ``entities`` (distinct canonical
    entities), ``top_entity`` (most mentions; ties: first mentioned), ``timexes`` (temporal
    expressions), ``dated_events`` (realised timeline events with a calendar day or span), ``earliest``
    and ``latest`` (the first and last day any event is dated to), ``quotes``. Reports listed only
    in ``errors`` are left out; a report without rows in an analysis gets 0 (counts) or NaN, and
    a report on which the analysis failed (see ``errors``) gets <NA>.
    """
    ids = list(dict.fromkeys(
        rid for name, frame in results.items() if name != "errors" and "report_id" in frame for rid in frame.report_id
    ))
    table = pd.DataFrame({"report_id": ids})

    errors = results.get("errors", pd.DataFrame(columns=ERROR_COLUMNS))

    def failed(name: str) -> pd.Series:
        return table.report_id.isin(set(errors.report_id[errors.stage == name]))

    def count(name: str, frame: pd.DataFrame | None = None) -> pd.Series:
        frame = results[name] if frame is None else frame
        counts = table.report_id.map(frame.groupby("report_id").size()).fillna(0).astype("Int64")
        return counts.mask(failed(name))  # <NA> where the analysis failed on the report

    if "sentences" in results:
        table["sentences"] = count("sentences")
    if "overview" in results:
        words = results["overview"].query("measure == 'words'").set_index("report_id").value
        table["words"] = table.report_id.map(words).astype("Int64")
    if "sentence_sentiment" in results:
        sent = results["sentence_sentiment"]
        table["mean_compound"] = table.report_id.map(sent.groupby("report_id").compound.mean()).round(3)
        share = sent.assign(neg=sent.label.eq("negative")).groupby("report_id").neg.mean()
        table["share_negative"] = table.report_id.map(share).round(3)
    if "entity_frequencies" in results:
        ents = results["entity_frequencies"]
        table["entities"] = count("entity_frequencies")
        if len(ents):
            top = (ents.sort_values(["report_id", "mentions", "first_sentence"], ascending=[True, False, True],
                                    kind="stable").groupby("report_id").first())
            table["top_entity"] = table.report_id.map(top.entity + " (" + top.mentions.astype(str) + ")")
    if "temporal_expressions" in results:
        table["timexes"] = count("temporal_expressions")
    if "timeline" in results:
        events = results["timeline"]
        dated = events[events.earliest.notna() & events.latest.notna()]
        if "realis" in dated:  # events that did not happen ("would suffer", "did not respond") have no date
            dated = dated[dated.realis.fillna(True).astype(bool)]
        table["dated_events"] = count("timeline", dated)
        table["earliest"] = table.report_id.map(dated.groupby("report_id").earliest.min())
        table["latest"] = table.report_id.map(dated.groupby("report_id").latest.max())
    if "quotes" in results:
        table["quotes"] = count("quotes")
    return table


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    """A corpus table in a canonical row order: by ``report_id``, then by the frame's other id
    columns (those whose name ends in ``_id``) in column order; a fresh 0..n-1 index.

    Two runs over the same reports in another order (a folder is read in file-name order) give
    equal frames after ``by_id``: ``by_id(a).equals(by_id(b))``.
    """
    if "report_id" not in frame.columns:
        raise ValueError("by_id needs a corpus table, with a report_id column.")
    keys = ["report_id", *[c for c in frame.columns if c.endswith("_id") and c != "report_id"]]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def side_by_side(frame: pd.DataFrame, row: str, value: str, top: int | None = 10) -> pd.DataFrame:
    """Pivot a corpus frame to ``row`` x ``report_id`` (e.g. entities x reports, mentions as values).

    Rows are ordered by their total over the reports; ``top`` keeps the first rows (None: all).
    Missing combinations are 0.
    """
    if not {"report_id", row, value} <= set(frame.columns):
        raise ValueError(f"side_by_side needs the columns report_id, {row}, {value}.")
    order = list(dict.fromkeys(frame.report_id))
    table = frame.pivot_table(index=row, columns="report_id", values=value, aggfunc="sum", fill_value=0)
    table = table.reindex(columns=order, fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table.columns.name = None
    return table if top is None else table.head(top)
