"""Cold wall time of the main job (``python -m utils.run``), per notebook and in total, and where it goes.

    python bench/bench_notebooks.py              # three cold runs of the whole job, then the breakdown
    python bench/bench_notebooks.py --repeat 5   # five runs
    python bench/bench_notebooks.py --no-breakdown

Goal (issue 9): the whole notebook sequence in at most 20 s on a 2-core machine, in every run.
Every run is printed (not only the best) with its CPU seconds, split into the job process (papermill,
nbclient, HTML export) and the kernels, and with the CPU seconds that other processes used on the
machine meanwhile (from /proc/stat), so a slow run on a shared machine can be told from a slow job.
The breakdown times, each in a fresh process: Python with the imports a notebook makes, loading the
spaCy model, the job process's own imports, starting and stopping a kernel, and then for every
notebook its execution (fresh kernel, one at a time) and its HTML rendering.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import machine  # noqa: E402

# runs the job in this process and reports its own CPU and that of its children (the kernels)
_JOB = """
import json, resource, sys
from utils.run import main
code = main(sys.argv[1:])
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print("CPU " + json.dumps([own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime]), file=sys.stderr)
sys.exit(code)
"""


def timed(code: str) -> float:
    """Wall seconds of ``python -c code`` in a fresh process (interpreter start included)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores; /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return float("nan")
    ticks = [int(x) for x in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def whole_job(out: Path, jobs: int | None = None) -> dict:
    """Run the main job cold in a fresh process and return what it took.

    Keys: ``wall``, ``job_cpu`` (the job process), ``kernel_cpu`` (its children: kernels and what
    they started), ``others_cpu`` (every other process on the machine meanwhile), ``load`` (1-min
    load average before the run), ``per`` (seconds per notebook), ``status``.
    """
    cmd = [sys.executable, "-c", _JOB, "--out", str(out)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    load = os.getloadavg()[0]
    busy, start = busy_cpu_seconds(), time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall, busy = time.perf_counter() - start, busy_cpu_seconds() - busy
    match = re.search(r"^CPU (\[.*\])$", done.stderr, re.M)
    job_cpu, kernel_cpu = json.loads(match.group(1)) if match else (float("nan"), float("nan"))
    per = {m.group(2): float(m.group(3))
           for m in re.finditer(r"^\s+(ok|FAILED)\s+(\S+)\s+([\d.]+) s", done.stdout, re.M)}
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    return {"wall": wall, "job_cpu": job_cpu, "kernel_cpu": kernel_cpu,
            "others_cpu": max(0.0, busy - job_cpu - kernel_cpu), "load": load, "per": per, "status": status}


def _kernel_costs() -> list[tuple[str, float]]:
    """Start a kernel until it answers; and the kernel's CPU when it is stopped politely or killed."""
    import resource

    from jupyter_client.manager import start_new_kernel

    def children_cpu() -> float:
        use = resource.getrusage(resource.RUSAGE_CHILDREN)
        return use.ru_utime + use.ru_stime

    rows = []
    for now in (False, True):
        cpu, start = children_cpu(), time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3", extra_arguments=["--HistoryManager.hist_file=:memory:"])
        ready = time.perf_counter() - start
        if not now:
            rows.append(("start a kernel until it answers (wall)", ready))
        # what every notebook imports and loads first
        kc.execute_interactive("import pandas, utils.plots, utils.sources; _ = utils.text.parse('One. Two.')",
                               timeout=120, output_hook=lambda msg: None)
        kc.stop_channels()
        km.shutdown_kernel(now=now)
        rows.append((f"kernel CPU, start + imports + model, then {'killed' if now else 'shut down politely'}",
                     children_cpu() - cpu))
    return rows


def breakdown(tmp: Path) -> list[tuple[str, float]]:
    from utils.run import execute, notebook_paths, to_html

    job_imports = "import nbformat, nbclient, papermill.parameterize, nbconvert"
    rows = [
        ("python start, nothing imported", timed("pass")),
        ("python + import pandas, matplotlib", timed("import pandas, matplotlib.pyplot")),
        ("python + import utils.text (spaCy)", timed("import utils.text")),
        ("python + import utils.text + load model", timed("import utils.text; utils.text.pipeline()")),
        ("python + every analysis module imported",
         timed("from utils.corpus import available_analyses as a; import importlib, utils.corpus as c; "
               "[importlib.import_module(c.REGISTRY[n].module) for n in a()]")),
        ("job process: python + nbformat, nbclient, papermill, nbconvert", timed(job_imports)),
        ("the same without jsonschema's iri checker (what utils.run does)",
         timed("import utils.run; utils.run._skip_unused_iri_checker(); " + job_imports)),
    ]
    rows += _kernel_costs()
    for path in notebook_paths():
        start = time.perf_counter()
        executed = execute(path, tmp)
        middle = time.perf_counter()
        to_html(executed)
        end = time.perf_counter()
        rows.append((f"{path.name}: execute (fresh kernel, alone)", middle - start))
        rows.append((f"{path.name}: render HTML", end - middle))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="cold runs of the whole job (default 3)")
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--jobs", type=int, help="passed to utils.run (default: its own, one per core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [whole_job(Path(tmp) / f"run{i}", args.jobs) for i in range(args.repeat)]
        serial = None if args.no_breakdown else whole_job(Path(tmp) / "serial", 1)
        rows = [] if args.no_breakdown else breakdown(Path(tmp) / "parts")
    print(f"\n## bench_notebooks: {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine: {machine()}")
    print(f"`python -m utils.run` (cold, fresh process each run; --jobs {args.jobs or 'default'}): "
          f"{', '.join(sorted({r['status'] for r in runs}))}\n")
    print("| run | wall s | CPU s: job process | CPU s: kernels | CPU s: total | "
          "CPU s used by other processes meanwhile | load average before |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for i, r in enumerate(runs + ([serial] if serial else []), 1):
        label = f"{i}" if i <= len(runs) else "--jobs 1 (one notebook at a time)"
        print(f"| {label} | {r['wall']:.1f} | {r['job_cpu']:.1f} | {r['kernel_cpu']:.1f} | "
              f"{r['job_cpu'] + r['kernel_cpu']:.1f} | {r['others_cpu']:.1f} | {r['load']:.1f} |")
    walls = [r["wall"] for r in runs]
    cpu = statistics.median(r["job_cpu"] + r["kernel_cpu"] for r in runs)
    cores = os.cpu_count() or 1
    print(f"\ngoal: whole sequence <= 20 s in every run: {'met' if max(walls) <= 20 else 'not met'} "
          f"({sum(w <= 20 for w in walls)} of {len(walls)}; median {statistics.median(walls):.1f} s, "
          f"worst {max(walls):.1f} s). Median CPU {cpu:.1f} s, so on an idle machine with {cores} cores "
          f"no less than {cpu / cores:.1f} s.")
    print("\n| notebook (median over the runs) | seconds from its start to its HTML |")
    print("|---|---:|")
    for name in sorted(runs[0]["per"]):
        print(f"| {name} | {statistics.median(r['per'].get(name, float('nan')) for r in runs):.1f} |")
    if rows:
        print("\n| where the time goes | seconds |")
        print("|---|---:|")
        for label, seconds in rows:
            print(f"| {label} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
