"""Cold wall time of the main job (``python -m utils.run``), per notebook and in total, and where it goes.

    python bench/bench_notebooks.py            # the whole sequence, then the breakdown
    python bench/bench_notebooks.py --repeat 3 # best of 3 for the total

Goal (issue 9): the whole notebook sequence in at most 20 s on a 2-core machine. The breakdown
times, each in a fresh process: Python with the imports a notebook makes, loading the spaCy model,
starting a Jupyter kernel, and then for every notebook its execution and its HTML rendering.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import machine  # noqa: E402


def timed(code: str) -> float:
    """Wall seconds of ``python -c code`` in a fresh process (interpreter start included)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def whole_job(out: Path, jobs: int | None = None) -> tuple[float, dict[str, float], str, float]:
    """Run the main job cold; ``(wall seconds, per-notebook seconds, status, CPU seconds)``.

    The CPU seconds include the kernels (reaped by the job, so counted as its children).
    """
    cmd = [sys.executable, "-m", "utils.run", "--out", str(out)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    total = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    per = {m.group(2): float(m.group(3))
           for m in re.finditer(r"^\s+(ok|FAILED)\s+(\S+)\s+([\d.]+) s", done.stdout, re.M)}
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    return total, per, status, cpu


def breakdown(tmp: Path) -> list[tuple[str, float]]:
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    from utils.run import execute, notebook_paths, to_html

    rows = [
        ("python start, nothing imported", timed("pass")),
        ("python + import pandas, matplotlib", timed("import pandas, matplotlib.pyplot")),
        ("python + import utils.text (spaCy)", timed("import utils.text")),
        ("python + import utils.text + load model", timed("import utils.text; utils.text.pipeline()")),
    ]
    try:
        import utils.corpus  # noqa: F401

        rows.append(("python + every analysis module imported",
                     timed("from utils.corpus import available_analyses as a; "
                           "import importlib, utils.corpus as c; "
                           "[importlib.import_module(c.REGISTRY[n].module) for n in a()]")))
    except ImportError:
        pass
    nb = new_notebook(cells=[new_code_cell("1 + 1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    start = time.perf_counter()
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    rows.append(("start a kernel, run one cell, stop it", time.perf_counter() - start))
    for path in notebook_paths():
        start = time.perf_counter()
        executed = execute(path, tmp)
        middle = time.perf_counter()
        to_html(executed)
        end = time.perf_counter()
        rows.append((f"{path.name}: execute", middle - start))
        rows.append((f"{path.name}: render HTML", end - middle))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of the whole job (the best is kept)")
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--jobs", type=int, help="passed to utils.run (default: its own, one per core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [whole_job(Path(tmp) / f"run{i}", args.jobs) for i in range(args.repeat)]
        total, per, status, cpu = min(runs, key=lambda r: r[0])
        serial = whole_job(Path(tmp) / "serial", 1) if not args.no_breakdown else None
        load = os.getloadavg()[0]
        rows = [] if args.no_breakdown else breakdown(Path(tmp) / "parts")
    print(f"\n## bench_notebooks: {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine: {machine()}; load average at the end of the job: {load:.1f}")
    print(f"`python -m utils.run` (cold, fresh process; best of {args.repeat}): {status}\n")
    print("| notebook | seconds (execute + HTML) |")
    print("|---|---:|")
    for name, seconds in per.items():
        print(f"| {name} | {seconds:.1f} |")
    print(f"| **whole job, wall clock** | **{total:.1f}** |")
    print(f"| whole job, CPU seconds (job + kernels) | {cpu:.1f} |")
    if serial:
        print(f"| whole job with --jobs 1 (one notebook at a time), wall clock | {serial[0]:.1f} |")
    print(f"\ngoal: whole sequence <= 20 s: {'met' if total <= 20 else 'not met'} ({total:.1f} s; "
          f"CPU {cpu:.1f} s, so on an idle machine with {os.cpu_count()} cores no less than "
          f"{cpu / (os.cpu_count() or 1):.1f} s)")
    if rows:
        print("\n| where the time goes | seconds |")
        print("|---|---:|")
        for label, seconds in rows:
            print(f"| {label} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
