"""The main job: execute every notebook in order and render the results into ``outputs/``.

    python -m utils.run                                   # the bundled report
    python -m utils.run --report my_report.txt --dct 2025-03-01
    python -m utils.run --only 02                         # notebooks whose name contains "02"

Each notebook runs with papermill in a fresh kernel, with ``report_path`` and ``dct`` injected into
its ``parameters`` cell. The executed notebooks and their HTML go to ``outputs/`` with an
``index.html`` that links them. One line per notebook is printed with its time; the job exits
non-zero naming the notebook and cell that failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import sys
import time
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


class NotebookFailed(RuntimeError):
    """A notebook raised an error in one of its cells."""


def notebook_paths(folder: Path = NOTEBOOKS, only: str | None = None) -> list[Path]:
    """The notebooks of ``folder`` in sequence order (optionally those whose name contains ``only``)."""
    paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return [p for p in paths if only is None or only in p.name]


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook (its title)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
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
    from nbclient.exceptions import CellExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / notebook.name
    nb = load_notebook_node(str(notebook))  # adds the metadata papermill expects
    nb = parameterize_notebook(nb, {"report_path": report_path, "dct": dct}, report_mode=False)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        raise NotebookFailed(f"{notebook.name} failed in {_failed_cell(nb)}") from exc
    except Exception as exc:  # a dead kernel, a timeout: still name the notebook
        raise NotebookFailed(f"{notebook.name} failed: {type(exc).__name__}: {exc}") from exc
    finally:
        nbformat.write(nb, str(target))
    return target


def to_html(executed: Path) -> Path:
    """Render an executed notebook to HTML beside it."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed), as_version=4)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    target = executed.with_suffix(".html")
    target.write_text(body, encoding="utf-8")
    return target


def write_index(results: list[Result], out_dir: Path, report_label: str, dct: str | None) -> Path:
    """Write ``index.html`` linking every rendered notebook, with its time and status."""
    rows = []
    for r in results:
        name = Path(r.notebook).stem
        status = "ok" if r.ok else f"FAILED: {html.escape(r.error)}"
        link = f'<a href="{name}.html">{html.escape(r.title or name)}</a>' if r.ok else html.escape(r.title)
        rows.append(
            f"<tr><td>{html.escape(name)}</td><td>{link}</td><td>{r.seconds:.1f} s</td>"
            f'<td>{status}</td><td><a href="{name}.ipynb">.ipynb</a></td></tr>'
        )
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Anatomy of a Report: rendered notebooks</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;}}td,th{{padding:.3em .8em;text-align:left;}}
tr:nth-child(even){{background:#f4f4f4;}}</style></head><body>
<h1>Anatomy of a Report</h1>
<p>Report: <code>{html.escape(report_label)}</code>; document creation time: <code>{html.escape(str(dct))}</code>;
rendered {stamp}.</p>
<table><tr><th>notebook</th><th>title</th><th>time</th><th>status</th><th>source</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def default_jobs() -> int:
    """Notebooks run at the same time by default: one per core, at most 4 (each kernel needs ~0.5 GB)."""
    return max(1, min(os.cpu_count() or 1, 4))


def _run_one(path: Path, out_dir: Path, report_abs: str | None, dct_text: str | None) -> Result:
    start = time.perf_counter()
    title = notebook_title(path)
    try:
        to_html(execute(path, out_dir, report_abs, dct_text))
        result = Result(path.name, time.perf_counter() - start, True, title)
        print(f"  ok      {path.name:<32} {result.seconds:6.1f} s", flush=True)
    except NotebookFailed as exc:
        result = Result(path.name, time.perf_counter() - start, False, title, str(exc))
        print(f"  FAILED  {path.name:<32} {result.seconds:6.1f} s  {exc}", flush=True)
    return result


def run_all(
    report_path: str | None = None,
    dct: str | None = None,
    out_dir: Path = OUTPUTS,
    only: str | None = None,
    folder: Path = NOTEBOOKS,
    jobs: int = 1,
) -> list[Result]:
    """Execute and render every notebook, printing one line each; return the results in order.

    ``jobs`` notebooks run at the same time, each in its own fresh kernel (a kernel is a process,
    so they use separate cores); the notebooks do not depend on each other's outputs.
    """
    report = load_report(report_path, dct=dct)  # fail early, with a clear message, on bad input
    report_abs = str(Path(report_path).resolve()) if report_path else None
    dct_text = report.dct.isoformat() if report.dct else None
    paths = notebook_paths(folder, only)
    if jobs <= 1 or len(paths) <= 1:
        results = [_run_one(path, out_dir, report_abs, dct_text) for path in paths]
    else:
        from concurrent.futures import ThreadPoolExecutor

        out_dir.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(jobs) as pool:
            results = list(pool.map(lambda p: _run_one(p, out_dir, report_abs, dct_text), paths))
    write_index(results, out_dir, report_abs or "bundled report (data/report.txt)", dct_text)
    return results


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
        print(f"Rendering notebooks into {args.out}/", flush=True)
        total = time.perf_counter()
        results = run_all(args.report, args.dct, Path(args.out), args.only, jobs=max(1, args.jobs))
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not results:
        print("error: no notebook matched", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)}/{len(results)} notebooks ok in {time.perf_counter() - total:.1f} s; "
          f"open {Path(args.out) / 'index.html'}")
    for r in failed:
        print(f"error: {r.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
