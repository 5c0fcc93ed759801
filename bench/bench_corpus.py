"""Throughput and memory of corpus mode, against the goals of issue 9.

    python bench/bench_corpus.py                 # 1,000 reports (default)
    python bench/bench_corpus.py --reports 200   # quicker
    python bench/bench_corpus.py --analyses sentences,tokens

The corpus is built in memory: the bundled report with names, places, days and numbers varied
(a deterministic shuffle, so no two reports are the same text and the parse cache cannot help),
plus the TimeML documents of ../shared/tempeval3 as plain text when that folder is present. Every
measurement runs in a fresh Python process (so peak memory is its own) after the model is loaded
and one small warm-up text is parsed, and for the analyses after one run on the bundled report
(their one-time loads: gazetteer, wordfreq, VADER, CMU table; the "load before the clock" column
shows what that costs); "words" are whitespace-separated words of the corpus.

Goals: full analysis >= 0.8x raw spaCy throughput; two processes >= 1.7x one; peak memory
< 1 GiB for 1,000 reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPEVAL = ROOT.parent / "shared" / "tempeval3"

NAMES = ["Assad", "Karimov", "Haddad", "Nasser", "Mansour", "Saleh", "Khalil", "Darwish", "Aziz", "Rahman"]
PLACES = ["Moscow", "Minsk", "Tehran", "Ankara", "Baku", "Tbilisi", "Yerevan", "Astana", "Cairo", "Doha"]
LEADERS = ["Putin", "Lukashenko", "Erdogan", "Aliyev", "Tokayev", "Sisi", "Raisi", "Orban", "Vucic", "Xi"]
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
MONTHS = ["January", "March", "April", "June", "July", "September", "October", "December"]


def varied_reports(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """``n`` variants of the bundled report: ``(report_id, text, dct)``, all different texts."""
    from utils.report import load_report

    base = load_report().text
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = base
        for word, pool in (("Assad", NAMES), ("Moscow", PLACES), ("Putin", LEADERS), ("Sunday", DAYS),
                           ("December", MONTHS)):
            text = text.replace(word, rng.choice(pool))
        text = re.sub(r"\b(19|20)\d\d\b", lambda m: str(rng.randint(1990, 2024)), text)
        text = text + f"\nThis is version {i + 1} of the report."
        out.append((f"variant-{i + 1:05d}", text, f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-11"))
    return out


def tempeval_reports(limit: int | None = None) -> list[tuple[str, str, str]]:
    """The TimeML documents of ../shared/tempeval3 as plain text with their DCT (empty if absent)."""
    out = []
    for path in sorted(TEMPEVAL.glob("*/*.tml"))[:limit]:
        xml = path.read_text(encoding="utf-8")
        body = re.search(r"<TEXT>(.*?)</TEXT>", xml, re.S)
        dct = re.search(r'<DCT><TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)', xml)
        if not body:
            continue
        text = re.sub(r"<[^>]+>", "", body.group(1)).strip()
        day = dct.group(1) if dct else None
        out.append((path.stem, text, day))
    return out


def build_corpus(n: int, tempeval: bool = True) -> list[tuple[str, str, str]]:
    """``n`` reports: the TempEval documents (if present, at most n // 4) then varied reports."""
    extra = tempeval_reports(n // 4) if tempeval and TEMPEVAL.is_dir() else []
    return extra + varied_reports(n - len(extra))


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mib() -> float:
    """Peak resident memory of this process and its finished children, in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in bytes on macOS, KiB on Linux
    return max(own, kids) * unit / 2**20


# --- one measurement (runs in its own process) ----------------------------------------------------


def measure(kind: str, corpus_file: str, analyses: str | None, workers: int) -> dict:
    import pandas as pd

    from utils.corpus import analyse, default_chunk_size, local_cluster
    from utils.resources import nlp
    from utils.text import pipeline

    corpus = pd.read_json(corpus_file)
    texts = list(corpus.text)
    t0 = time.perf_counter()
    # raw: spaCy's en_core_web_sm as it loads; otherwise our pipeline (+ paragraph boundaries)
    model = nlp() if kind == "raw" else pipeline()
    list(model.pipe(["A warm-up text. It loads the vectors and the tables."]))
    names = analyses.split(",") if analyses else None
    if kind in ("full", "stream", "dask"):
        # the analyses' own one-time loads (gazetteer, wordfreq, VADER, CMU table), as the model's
        # load above: run them once on the bundled report, before the clock starts (and before
        # worker processes are forked, so they inherit them); reported in the load column
        from utils.report import load_report

        warm = load_report()
        analyse(pd.DataFrame([("warm-up", warm.text, warm.dct)], columns=["report_id", "text", "dct"]), names,
                progress=False)
    load = time.perf_counter() - t0
    result: dict = {"load_s": round(load, 2)}
    start, cpu0 = time.perf_counter(), cpu_seconds()
    if kind == "raw":
        for _doc in nlp().pipe(texts, batch_size=32, n_process=workers):
            pass
    elif kind == "full":
        out = analyse(corpus, names, n_process=workers, batch_size=32, progress=False)
        result.update(errors=len(out["errors"]), rows=int(sum(len(f) for k, f in out.items() if k != "errors")))
    elif kind == "stream":
        # iter_analyse: each chunk's frames are appended to CSV files and dropped (flat memory)
        from utils.corpus import iter_analyse

        rows, errors = 0, 0
        with tempfile.TemporaryDirectory() as tmp:
            for part in iter_analyse(corpus, names, batch_size=32):
                for name, frame in part.items():
                    path = Path(tmp) / f"{name}.csv"
                    frame.to_csv(path, mode="a", header=not path.exists(), index=False)
                    rows += len(frame) if name != "errors" else 0
                errors += len(part["errors"])
        result.update(errors=errors, rows=rows)
    elif kind == "dask":
        with local_cluster(workers) as cluster:
            from distributed import Client

            with Client(cluster) as client:
                start = time.perf_counter()  # the cluster's start is not throughput
                out = analyse(corpus, names, engine="dask", client=client, progress=False,
                              chunk_size=default_chunk_size(len(corpus), "dask", workers))
        result.update(errors=len(out["errors"]), rows=int(sum(len(f) for k, f in out.items() if k != "errors")))
    elif kind == "breakdown":
        # CPU seconds of the parse and of each analysis on its own (the Doc is cached by then)
        from utils.corpus import resolve
        from utils.text import parse_many

        texts2 = [t + " (b)" for t in texts]  # texts the parse cache has not seen
        cpu = time.process_time()
        docs = list(parse_many(texts2, batch_size=32))
        result["parse_cpu"] = time.process_time() - cpu
        import utils.text

        utils.text.DOC_CACHE_SIZE = len(docs) + 1  # keep every Doc for this measurement only
        for doc in docs:
            utils.text._remember(doc.text, doc)
        funcs = resolve(names)
        dcts = [pd.Timestamp(d).date() if isinstance(d, str) else None for d in corpus.dct]
        result["analyses"] = {}
        for name, func in funcs.items():
            func(texts2[0], dcts[0])  # first call: lazy resources (lexicons, gazetteers) load here
            cpu = time.process_time()
            for text, day in zip(texts2, dcts, strict=True):
                try:
                    func(text, day)
                except Exception:
                    pass
            result["analyses"][name] = time.process_time() - cpu
    elif kind == "profile":
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        analyse(corpus, names, progress=False)
        prof.disable()
        stats = pstats.Stats(prof)
        stats.sort_stats("cumulative").print_stats(r"utils/", 25)
    result["seconds"] = time.perf_counter() - start
    result["cpu_s"] = cpu_seconds() - cpu0  # Dask workers are not children that finished: not counted
    result["load"] = os.getloadavg()[0]
    result["peak_mib"] = round(peak_mib(), 0)
    return result


def run_child(kind: str, corpus_file: str, analyses: str | None, workers: int) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--corpus-file", corpus_file, "--workers", str(workers)]
    if analyses:
        cmd += ["--analyses", analyses]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.exit(f"measurement {kind} x{workers} failed:\n{done.stderr[-3000:]}")
    if kind == "profile":
        print(done.stdout)
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    import spacy

    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM; "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200, help="reports for the throughput rows")
    parser.add_argument("--memory-reports", type=int, default=1000,
                        help="reports for the peak-memory row (full analysis, 1 process); 0: skip")
    parser.add_argument("--analyses", help="comma-separated names (default: every available analysis)")
    parser.add_argument("--no-tempeval", action="store_true", help="only varied copies of the bundled report")
    parser.add_argument("--stream", action="store_true",
                        help="also measure the peak memory of iter_analyse writing CSV (1,000-report corpus)")
    parser.add_argument("--profile", action="store_true", help="also print where the time of one process goes")
    parser.add_argument("--child")
    parser.add_argument("--corpus-file")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.corpus_file, args.analyses, args.workers)))
        return

    import pandas as pd

    from utils.corpus import available_analyses

    corpus = build_corpus(args.reports, tempeval=not args.no_tempeval)
    frame = pd.DataFrame(corpus, columns=["report_id", "text", "dct"])
    words = int(frame.text.str.split().str.len().sum())
    tempeval_n = int((~frame.report_id.str.startswith("variant-")).sum())
    analyses = args.analyses or ",".join(available_analyses())
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = str(Path(tmp) / "corpus.json")
        frame.to_json(corpus_file)
        rows = []
        for label, kind, workers in [
            ("raw nlp.pipe, 1 process", "raw", 1),
            ("raw nlp.pipe, 2 processes", "raw", 2),
            ("full analysis, 1 process", "full", 1),
            ("full analysis, 2 processes", "full", 2),
            ("full analysis, Dask 2 workers", "dask", 2),
        ]:
            r = run_child(kind, corpus_file, analyses, workers)
            rows.append((label, r))
            print(f"  {label:<32} {words / r['seconds']:8.0f} words/s  {r['seconds']:7.1f} s  "
                  f"cpu {r['cpu_s']:7.1f} s  load {r['load']:.1f}  peak {r['peak_mib']:6.0f} MiB",
                  file=sys.stderr, flush=True)
        parts = run_child("breakdown", corpus_file, analyses, 1)
        print(f"  breakdown done: {parts['analyses']}", file=sys.stderr, flush=True)
        memory = None
        if args.memory_reports:
            big = pd.DataFrame(build_corpus(args.memory_reports, tempeval=not args.no_tempeval),
                               columns=["report_id", "text", "dct"])
            big_file = str(Path(tmp) / "big.json")
            big.to_json(big_file)
            memory = (len(big), int(big.text.str.split().str.len().sum()), run_child("full", big_file, analyses, 1),
                      run_child("stream", big_file, analyses, 1) if args.stream else None)
            print(f"  memory run: {memory}", file=sys.stderr, flush=True)
        if args.profile:
            run_child("profile", corpus_file, analyses, 1)

    speed = {label: words / r["seconds"] for label, r in rows}
    print(f"\n## bench_corpus: {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine: {machine()}")
    print(f"corpus: {len(frame)} reports ({tempeval_n} TempEval-3 documents as plain text, "
          f"{len(frame) - tempeval_n} variants of the bundled report), {words:,} words")
    print(f"analyses: {analyses}\n")
    print("| run | words/s | seconds | CPU seconds | load average | peak memory (MiB) | load before the clock (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, r in rows:
        cpu = f"{r['cpu_s']:.1f}" if not label.startswith("full analysis, Dask") else "n/a"
        print(f"| {label} | {speed[label]:,.0f} | {r['seconds']:.1f} | {cpu} | {r['load']:.1f} | "
              f"{r['peak_mib']:.0f} | {r['load_s']:.1f} |")
    cpu = {label: r["cpu_s"] for label, r in rows}
    full1, full2 = speed["full analysis, 1 process"], speed["full analysis, 2 processes"]
    raw1, raw2 = speed["raw nlp.pipe, 1 process"], speed["raw nlp.pipe, 2 processes"]
    print("\n| goal | measured | met |")
    print("|---|---:|:-:|")
    wall, by_cpu = full1 / raw1, cpu["raw nlp.pipe, 1 process"] / cpu["full analysis, 1 process"]
    print(f"| full analysis >= 0.8x raw spaCy (1 process, wall clock) | {wall:.2f}x | {'yes' if wall >= 0.8 else 'no'} |")
    print(f"| the same in CPU time (robust to a busy machine) | {by_cpu:.2f}x | {'yes' if by_cpu >= 0.8 else 'no'} |")
    print(f"| 2 processes >= 1.7x one (full analysis) | {full2 / full1:.2f}x | {'yes' if full2 / full1 >= 1.7 else 'no'} |")
    print(f"| 2 processes >= 1.7x one (raw nlp.pipe) | {raw2 / raw1:.2f}x | {'yes' if raw2 / raw1 >= 1.7 else 'no'} |")
    est = 2 * cpu["full analysis, 1 process"] / cpu["full analysis, 2 processes"]
    print(f"| 2 processes vs one, full analysis, estimated for an idle machine (2 x CPU time of 1 / CPU time of 2) | "
          f"{est:.2f}x | {'yes' if est >= 1.7 else 'no'} |")
    print(f"| Dask 2 workers vs 1 local process (full analysis) | {speed['full analysis, Dask 2 workers'] / full1:.2f}x | |")
    if memory:
        n, big_words, r, streamed = memory
        print(f"| peak memory < 1 GiB for {n:,} reports ({big_words:,} words; full analysis, 1 process) | "
              f"{r['peak_mib']:.0f} MiB | {'yes' if r['peak_mib'] < 1024 else 'no'} |")
        if streamed:
            print(f"| the same with iter_analyse, frames appended to CSV chunk by chunk | "
                  f"{streamed['peak_mib']:.0f} MiB | {'yes' if streamed['peak_mib'] < 1024 else 'no'} |")
    print("\n| where the CPU time goes (1 process, per step on the whole corpus) | CPU seconds | x parse |")
    print("|---|---:|---:|")
    print(f"| parse (nlp.pipe, our pipeline) | {parts['parse_cpu']:.1f} | 1.00 |")
    for name, seconds in sorted(parts["analyses"].items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {seconds:.1f} | {seconds / parts['parse_cpu']:.2f} |")
    total = sum(parts["analyses"].values())
    print(f"| all analyses | {total:.1f} | {total / parts['parse_cpu']:.2f} |")


if __name__ == "__main__":
    main()
