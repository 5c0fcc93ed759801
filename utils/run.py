"""The main job: execute every notebook in order and render the results into ``outputs/``.

    python -m utils.run                                   # the bundled report
    python -m utils.run --report my_report.txt --dct 2025-03-01
    python -m utils.run --only 02                         # notebooks whose name contains "02"

Each notebook runs with papermill in a fresh kernel, with ``report_path`` and ``dct`` injected into
its ``parameters`` cell. The executed notebooks and their HTML go to ``outputs/`` (solutions
folded), with ``glossary.html`` (from ``notebooks/glossary.md``) and an ``index.html`` that shows
each notebook's key figure and headline numbers. One line per notebook is printed with its time;
the job exits non-zero naming the notebook and cell that failed.

``--jobs`` notebooks run at the same time (one per core by default), the longest first. Each kernel
is started while earlier notebooks still run and is never used for a second notebook; HTML is
rendered in a thread of its own while the next notebook runs (``bench/bench_notebooks.py`` times it).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import html
import json
import os
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from utils.report import ReportError, load_report, parse_dct

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = PROJECT_ROOT / "notebooks"
OUTPUTS = PROJECT_ROOT / "outputs"


@dataclass
class Result:
    """The outcome of one executed notebook."""

    notebook: str
    seconds: float
    ok: bool
    title: str = ""
    error: str = ""
    thumbnail: str = ""  # file name of the key figure beside the HTML
    headline: str = ""  # the headline numbers the notebook printed


class NotebookFailed(RuntimeError):
    """A notebook raised an error in one of its cells."""


def notebook_paths(folder: Path = NOTEBOOKS, only: str | None = None) -> list[Path]:
    """The notebooks of ``folder`` in sequence order (optionally those whose name contains ``only``)."""
    paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return [p for p in paths if only is None or only in p.name]


class JobError(ValueError):
    """The job's arguments cannot work (no notebook matched, an output folder that cannot be written)."""


def selected_notebooks(only: str | None = None, folder: Path = NOTEBOOKS) -> list[Path]:
    """:func:`notebook_paths`, or :class:`JobError` naming the notebooks when none matches ``only``."""
    paths = notebook_paths(folder, only)
    if not paths:
        names = ", ".join(p.name for p in notebook_paths(folder)) or "none"
        raise JobError(f"No notebook name contains {only!r}; the notebooks are: {names}.")
    return paths


def check_output_folder(out_dir: Path) -> Path:
    """Create ``out_dir`` if needed and make sure a file can be written in it (else :class:`JobError`)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise JobError(f"--out '{out_dir}' is a file, not a folder: give a folder for the rendered notebooks.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise JobError(
            f"Cannot write into the output folder '{out_dir}' ({exc.strerror or type(exc).__name__}): "
            "choose another --out."
        ) from None
    return out_dir


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook (its title; its file name if it cannot be read)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path.stem
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def _failed_cell(nb) -> str:
    for index, cell in enumerate(nb.cells):
        if "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return (f"cell {index} (execution count {cell.get('execution_count')}): "
                        f"{output.get('ename')}: {output.get('evalue')}")
    return "a cell"


def _parameterized(notebook: Path, report_path: str | None, dct: str | None):
    """The notebook with ``report_path`` and ``dct`` injected after its ``parameters`` cell."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(notebook))  # adds the metadata papermill expects
    return parameterize_notebook(nb, {"report_path": report_path, "dct": dct}, report_mode=False)


def _failure(notebook: Path, nb, exc: Exception) -> NotebookFailed:
    from nbclient.exceptions import CellExecutionError

    if isinstance(exc, CellExecutionError) and nb is not None:
        return NotebookFailed(f"{notebook.name} failed in {_failed_cell(nb)}")
    # a dead kernel, a timeout: still name the notebook
    return NotebookFailed(f"{notebook.name} failed: {type(exc).__name__}: {exc}")


def execute(
    notebook: Path,
    out_dir: Path,
    report_path: str | None = None,
    dct: str | None = None,
    timeout: int = 600,
) -> Path:
    """Run one notebook in a fresh kernel; return the path of the executed copy in ``out_dir``.

    papermill injects ``report_path`` and ``dct`` after the cell tagged ``parameters``; nbclient
    executes it (honouring cells tagged ``raises-exception``, which papermill's own runner does
    not). The executed copy is written even when a cell fails, and :class:`NotebookFailed` names
    the notebook and the failing cell.
    """
    import nbformat
    from nbclient import NotebookClient

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / notebook.name
    nb = _parameterized(notebook, report_path, dct)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}
    )
    try:
        client.execute()
    except Exception as exc:
        raise _failure(notebook, nb, exc) from exc
    finally:
        nbformat.write(nb, str(target))
    return target


_EXPORTERS = threading.local()
TEMPLATES = Path(__file__).resolve().parent / "templates"
GLOSSARY = "glossary.md"  # in the notebooks' folder; notebooks link to it as glossary.md#term


def _exporter():
    """The HTML exporter of this thread (made once): JupyterLab's template with solutions folded, and
    consecutive stream outputs merged with their carriage returns applied, so that a text progress
    bar shows its last state, as in JupyterLab, not every state it went through."""
    exporter = getattr(_EXPORTERS, "html", None)
    if exporter is None:
        from nbconvert import HTMLExporter
        from traitlets.config import Config

        config = Config({"CoalesceStreamsPreprocessor": {"enabled": True}})
        exporter = _EXPORTERS.html = HTMLExporter(template_name="anatomy", extra_template_basedirs=[str(TEMPLATES)],
                                                  config=config)
    return exporter


def _local_links(body: str) -> str:
    """Point the notebooks' links to the glossary (``glossary.md#term``) at its rendered page."""
    return body.replace(f'href="{GLOSSARY}', 'href="glossary.html')


def to_html(executed: Path) -> Path:
    """Render an executed notebook to HTML beside it.

    Cells tagged ``solution`` are folded into a ``<details>`` element (the reader clicks to open
    them); links to ``glossary.md`` point to ``glossary.html``. The exporter (its Jinja templates
    loaded at first use) is made once per thread and reused.
    """
    import nbformat

    nb = nbformat.read(str(executed), as_version=4)
    body, _ = _exporter().from_notebook_node(nb)
    target = executed.with_suffix(".html")
    target.write_text(_local_links(body), encoding="utf-8")
    return target


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in " -_")
    return kept.strip().replace(" ", "-")


def glossary_html(source: Path, out_dir: Path) -> Path:
    """Render the glossary (Markdown, one ``###`` heading per term) to ``glossary.html``.

    Each term's heading gets the anchor GitHub would give it, so ``glossary.md#dct`` works on
    GitHub and ``glossary.html#dct`` in ``outputs/``.
    """
    import re

    import mistune  # nbconvert's Markdown renderer

    body = mistune.html(source.read_text(encoding="utf-8"))

    def anchored(match: re.Match) -> str:
        inner = match.group(2)
        plain = html.unescape(re.sub(r"<[^>]+>", "", inner))
        return f'<h{match.group(1)} id="{_slug(plain)}">{inner}</h{match.group(1)}>'

    body = re.sub(r"<h([1-4])(?: [^>]*)?>(.*?)</h\1>", anchored, body)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Anatomy of a Report: glossary</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.45;}}h3{{margin-bottom:.2em;}}
h3:target{{background:#fff3c4;}}</style></head><body>
<p><a href="index.html">&larr; all notebooks</a></p>
{_local_links(body)}
</body></html>
"""
    target = out_dir / "glossary.html"
    target.write_text(page, encoding="utf-8")
    return target


KEY_FIGURE, HEADLINE = "key-figure", "headline"  # cell tags read by key_results


def key_results(nb) -> tuple[bytes | None, str]:
    """The key figure (PNG bytes) and headline numbers (text) of an executed notebook, for the index.

    The figure is the first PNG output of a cell tagged ``key-figure`` (else the notebook's first
    PNG); the headline is the printed text of the cells tagged ``headline`` (else empty).
    """
    import base64

    figure, first, lines = None, None, []
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png and first is None:
                first = png
            if png and figure is None and KEY_FIGURE in tags:
                figure = png
            if HEADLINE in tags and output.get("output_type") == "stream" and output.get("name") == "stdout":
                lines.append("".join(output.get("text", "")).strip())
    png = figure or first
    return (base64.b64decode(png) if png else None), "\n".join(line for line in lines if line)


def _index_row(r: Result) -> str:
    name = Path(r.notebook).stem
    title = html.escape(r.title or name)
    if not r.ok:
        return (f'<div class="card failed"><h2>{title}</h2><p>{r.seconds:.1f} s, '
                f'FAILED: {html.escape(r.error)}</p><p><a href="{name}.ipynb">executed .ipynb</a></p></div>')
    thumb = f'<a href="{name}.html"><img src="{html.escape(r.thumbnail)}" alt="key figure of {title}"></a>' \
        if r.thumbnail else ""
    numbers = f"<pre>{html.escape(r.headline)}</pre>" if r.headline else ""
    return (f'<div class="card">{thumb}<h2><a href="{name}.html">{title}</a></h2>{numbers}'
            f'<p class="meta">{r.seconds:.1f} s &middot; <a href="{name}.ipynb">executed .ipynb</a></p></div>')


def write_index(results: list[Result], out_dir: Path, report_label: str, dct: str | None,
                glossary: bool = False) -> Path:
    """Write ``index.html``: one card per notebook with its key figure, headline numbers, time and status."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    extra = ' &middot; <a href="glossary.html">glossary of terms</a>' if glossary else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Anatomy of a Report: rendered notebooks</title>
<style>body{{font-family:sans-serif;max-width:72em;margin:2em auto;}}
.cards{{display:grid;grid-template-columns:repeat(auto-fill,minmax(21em,1fr));gap:1em;}}
.card{{border:1px solid #ccc;border-radius:6px;padding:.8em;}}.card.failed{{background:#fde2e2;}}
.card img{{width:100%;height:11em;object-fit:contain;background:#fafafa;}}
.card h2{{font-size:1.05em;margin:.4em 0;}}.card pre{{white-space:pre-wrap;font-size:.8em;margin:.3em 0;}}
.meta{{color:#666;font-size:.85em;margin:.2em 0;}}</style></head><body>
<h1>Anatomy of a Report</h1>
<p>Report: <code>{html.escape(report_label)}</code>; document creation time: <code>{html.escape(str(dct))}</code>;
rendered {stamp}{extra}.</p>
<div class="cards">
{chr(10).join(_index_row(r) for r in results)}
</div></body></html>
"""
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def default_jobs() -> int:
    """Notebooks run at the same time by default: one per core, at most 4 (each kernel needs ~0.5 GB)."""
    return max(1, min(os.cpu_count() or 1, 4))


# Seconds each notebook took on its own (bundled report, idle 2-core machine, 2026-11-25). Used
# only to start the longest notebooks first, so that two short ones, not a long one, finish the
# job; a notebook missing here counts as long.
TYPICAL_SECONDS = {
    "00_the_report": 2.6,
    "01_text_analysis": 4.2,
    "02_sentiment": 4.2,
    "03_entities": 4.1,
    "04_chronology": 3.3,
    "05_sources_and_quotes": 3.5,
    "06_your_own_report": 4.5,
    "07_corpus": 4.8,
}


def longest_first(paths: list[Path]) -> list[Path]:
    """``paths`` in the order the job starts them: the longest-running notebooks first."""
    return sorted(paths, key=lambda p: -TYPICAL_SECONDS.get(p.stem, 10.0))


async def _start_kernel(cwd: Path):
    """A fresh ``python3`` kernel, started as nbclient starts one (in-memory history, cwd = the
    notebooks' folder), and a client connected to it once it answers."""
    from jupyter_client.manager import AsyncKernelManager

    km = AsyncKernelManager(kernel_name="python3")
    await km.start_kernel(extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=str(cwd))
    kc = km.client()
    try:
        kc.start_channels()
        await kc.wait_for_ready(timeout=60)
    except Exception:
        kc.stop_channels()
        await _stop_kernel(km)
        raise
    kc.allow_stdin = False
    return km, kc


async def _stop_kernel(km) -> None:
    """Stop a kernel whose notebook is done: kill its process group at once.

    A polite shutdown makes the kernel tidy up its interpreter (about 0.35 s of CPU for these
    notebooks, spent while other notebooks run) and produces nothing: every output has arrived.
    This is nbclient's ``shutdown_kernel="immediate"``.
    """
    await km.shutdown_kernel(now=True)


def _save(out_dir: Path, path: Path, nb, started: float, error: NotebookFailed | None) -> Result:
    """Write the executed notebook, render its HTML and key results; one report line for it."""
    import nbformat

    thumbnail, headline = "", ""
    try:
        if nb is not None:
            target = out_dir / path.name
            nbformat.write(nb, str(target))
            if error is None:
                to_html(target)
                png, headline = key_results(nb)
                if png:
                    thumbnail = f"{path.stem}.png"
                    (out_dir / thumbnail).write_bytes(png)
    except Exception as exc:  # a full disk, an unwritable folder: report it for this notebook
        error = error or NotebookFailed(f"{path.name} could not be saved: {type(exc).__name__}: {exc}")
    result = _report_line(path, time.perf_counter() - started, error)
    if result.ok:
        result.thumbnail, result.headline = thumbnail, headline
    return result


async def _execute(path: Path, km, kc, report_abs: str | None, dct_text: str | None, timeout: int,
                   stop: threading.Event):
    """Execute one parameterised notebook in a started kernel: ``(notebook, failure or None)``."""
    from nbclient import NotebookClient

    nb = None
    try:
        nb = _parameterized(path, report_abs, dct_text)
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.kc = kc  # connected while an earlier notebook ran
        await client.async_execute()
    except Exception as exc:
        if stop.is_set():  # interrupted: nbclient reports the cancelled cell as a dead kernel
            raise asyncio.CancelledError from exc
        return nb, _failure(path, nb, exc)
    return nb, None


async def _run_many(
    paths: list[Path],
    out_dir: Path,
    report_abs: str | None,
    dct_text: str | None,
    jobs: int,
    timeout: int,
    stop: threading.Event,
) -> dict[Path, Result]:
    """Run ``paths``, ``jobs`` notebooks at a time, each in a fresh kernel of its own.

    What a notebook does not need to wait for overlaps with the others: the kernel of a later
    notebook starts (and is connected to) while earlier notebooks run, one kernel per notebook,
    never used twice; a finished kernel is stopped in the background; the executed copy is
    written and rendered to HTML in a separate thread while the next notebook already runs.
    Once ``stop`` is set (Ctrl-C), no further notebook starts.
    """
    from concurrent.futures import ThreadPoolExecutor

    loop = asyncio.get_running_loop()
    order = longest_first(paths)
    queue = deque(order)
    kernels: deque[asyncio.Task] = deque()
    background: list[asyncio.Task] = []
    results: dict[Path, Result] = {}
    workers = min(jobs, len(order))

    def start_kernel() -> None:
        kernels.append(loop.create_task(_start_kernel(order[0].parent)))

    for _ in range(workers):
        start_kernel()
    started_kernels = workers
    await asyncio.sleep(0)  # the first kernels launch while nbclient and nbformat are imported
    import nbclient  # noqa: F401

    async def saved(path: Path, nb, started: float, error: NotebookFailed | None, writer) -> None:
        results[path] = await loop.run_in_executor(writer, _save, out_dir, path, nb, started, error)

    async def worker(writer: ThreadPoolExecutor) -> None:
        nonlocal started_kernels
        while queue and not stop.is_set():
            path = queue.popleft()
            started = time.perf_counter()
            kernel = kernels.popleft()
            nb = km = kc = error = None
            try:
                km, kc = await asyncio.shield(kernel)
            except asyncio.CancelledError:
                background.append(loop.create_task(_discard(kernel)))
                raise
            except Exception as exc:
                error = NotebookFailed(f"{path.name} failed: no kernel started: {type(exc).__name__}: {exc}")
            if started_kernels < len(order):
                start_kernel()  # a later notebook's kernel boots while this one runs
                started_kernels += 1
            if kc is not None:
                try:
                    nb, error = await _execute(path, km, kc, report_abs, dct_text, timeout, stop)
                finally:
                    kc.stop_channels()
                    background.append(loop.create_task(_stop_kernel(km)))
            background.append(loop.create_task(saved(path, nb, started, error, writer)))

    out_dir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(1, thread_name_prefix="render") as writer:
        tasks = [loop.create_task(worker(writer)) for _ in range(workers)]
        try:
            await asyncio.gather(*tasks)
        finally:  # also when interrupted: no kernel outlives the job
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            background.extend(loop.create_task(_discard(kernel)) for kernel in kernels)
            await _finish(background)
    return results


async def _finish(tasks: list[asyncio.Task]) -> None:
    """Wait for the clean-up tasks (stopping kernels, saving) even if the job is cancelled again
    meanwhile (a second Ctrl-C): a kernel whose stop was cancelled would outlive the job."""
    done = asyncio.gather(*tasks, return_exceptions=True)
    while True:
        try:
            await asyncio.shield(done)
            return
        except asyncio.CancelledError:
            if done.done():
                return


def _report_line(path: Path, seconds: float, error: NotebookFailed | None) -> Result:
    """Print the line of one finished notebook; return its :class:`Result`."""
    title = notebook_title(path)
    if error is None:
        print(f"  ok      {path.name:<32} {seconds:6.1f} s", flush=True)
        return Result(path.name, seconds, True, title)
    print(f"  FAILED  {path.name:<32} {seconds:6.1f} s  {error}", flush=True)
    return Result(path.name, seconds, False, title, str(error))


async def _discard(kernel: asyncio.Task) -> None:
    try:
        km, kc = await kernel
    except BaseException:  # it never started
        return
    kc.stop_channels()
    await _stop_kernel(km)


def _run_coroutine(coroutine, stop: threading.Event):
    """Run ``coroutine`` on an event loop of its own in a helper thread and return its result.

    This works the same from a script and from a running event loop (a Jupyter kernel), and keeps
    Ctrl-C in the caller's thread: it sets ``stop`` and cancels the job, which stops every kernel,
    and is re-raised.
    """
    from concurrent.futures import ThreadPoolExecutor

    loop = asyncio.new_event_loop()
    task = loop.create_task(coroutine)

    def run():
        asyncio.set_event_loop(loop)
        try:
            return loop.run_until_complete(task)
        finally:  # what nbclient left pending (its kernel-alive polls after an interruption)
            pending = asyncio.all_tasks(loop)
            for left in pending:
                left.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    with ThreadPoolExecutor(1, thread_name_prefix="job") as pool:
        future = pool.submit(run)
        try:
            return future.result()
        except KeyboardInterrupt:
            stop.set()
            loop.call_soon_threadsafe(task.cancel)
            try:
                future.result()
            except BaseException:  # the cancellation itself
                pass
            raise


def run_all(
    report_path: str | None = None,
    dct: str | None = None,
    out_dir: Path = OUTPUTS,
    only: str | None = None,
    folder: Path = NOTEBOOKS,
    jobs: int = 1,
    timeout: int = 600,
) -> list[Result]:
    """Execute and render every notebook, printing one line each; return the results in order.

    ``jobs`` notebooks run at the same time, each in its own fresh kernel (a kernel is a process,
    so they use separate cores); the notebooks do not depend on each other's outputs. The
    longest notebooks start first.
    """
    # every argument is checked before any kernel starts or any file is written
    report = load_report(report_path, dct=dct)
    paths = selected_notebooks(only, folder)
    check_output_folder(out_dir)
    report_abs = str(report.path.resolve()) if report_path and report.path else None
    dct_text = report.dct.isoformat() if report.dct else None
    stop = threading.Event()
    done = _run_coroutine(_run_many(paths, out_dir, report_abs, dct_text, max(1, jobs), timeout, stop), stop)
    results = [done[path] for path in paths]
    glossary = (folder / GLOSSARY).is_file()
    if glossary:
        out_dir.mkdir(parents=True, exist_ok=True)
        glossary_html(folder / GLOSSARY, out_dir)
    write_index(results, out_dir, report_abs or "bundled report (data/report.txt)", dct_text, glossary)
    return results


def _skip_unused_iri_checker() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` in the job process (0.7 s of CPU).

    nbformat imports jsonschema, which registers checkers for the ``iri`` string formats when
    rfc3987_syntax (a JupyterLab dependency) is installed; importing it builds a Lark parser.
    nbformat validates notebooks without format checking, so the checker is never used here.
    Called only when the job runs from the command line (``python -m utils.run``): the entry stays
    in ``sys.modules`` for the whole process, which a Python caller of :func:`main` keeps intact.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m utils.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", help="a UTF-8 .txt report (default: the bundled report)")
    parser.add_argument("--dct", help="document creation time, YYYY-MM-DD (default: from the report's .json)")
    parser.add_argument("--out", default=str(OUTPUTS), help="output folder (default: outputs/)")
    parser.add_argument("--only", help="run only the notebooks whose file name contains this text")
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help=f"notebooks run at the same time (default here: {default_jobs()}, one per core)")
    args = parser.parse_args(argv)
    try:
        if args.dct is not None:
            parse_dct(args.dct)
        load_report(args.report, dct=args.dct)
        paths = selected_notebooks(args.only)
        check_output_folder(Path(args.out))
        print(f"Rendering {len(paths)} notebook(s) into {args.out}/: {', '.join(p.name for p in paths)}", flush=True)
        total = time.perf_counter()
        results = run_all(args.report, args.dct, Path(args.out), args.only, jobs=max(1, args.jobs))
    except (ReportError, JobError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every kernel of the job is stopped", file=sys.stderr)
        return 130
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)}/{len(results)} notebooks ok in {time.perf_counter() - total:.1f} s; "
          f"open {Path(args.out) / 'index.html'}")
    for r in failed:
        print(f"error: {r.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    _skip_unused_iri_checker()  # command line only: it stays in sys.modules for the whole process
    sys.exit(main())
