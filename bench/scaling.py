"""How every public analysis grows with the length of the text (not a test).

    .venv/bin/python bench/scaling.py                      # 0.25, 1 and 5 MB; 100, 400, 1,600 quotes
    .venv/bin/python bench/scaling.py --sizes 0.05 0.2 --quotes 50 200 --timeout 60

Long texts are made of the project's own reports (the bundled one and the invented ones in
tests/fixtures), repeated paragraph by paragraph until the size is reached; quote texts are
paragraphs written here, each with one quotation and its speaker. For each text the parse
(``utils.text.parse``) is timed in this process; then every analysis runs in a forked child that
starts from the cached Doc, so each pays its own work (and that of the frames it builds on) but
not the parse, and a slow one is stopped after ``--timeout`` seconds. Every analysis runs once on
the bundled report first, so one-time loads (lexicons, gazetteers) are not timed. A row's ``growth`` is the
time ratio between two sizes divided by the parse's own ratio: 1.0 is linear like the parse,
2.0 grows twice as fast. Times are CPU seconds of the process (``time.process_time``), which a
busy machine disturbs much less than the wall clock; the timeout is wall clock. ``peak MiB`` is the child's peak resident memory (the parent's pages
included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT)) if str(ROOT) not in sys.path else None

DCT = dt.date(2025, 3, 6)


def analyses() -> dict[str, Callable[[str], object]]:
    """Every public analysis of a whole text, by name (one call each)."""
    from utils import chronology, entities, sentiment, sources, text

    return {
        "text.sentences": text.sentences,
        "text.tokens": text.tokens,
        "text.overview": text.overview,
        "text.word_frequencies": text.word_frequencies,
        "text.ngrams(3)": lambda t: text.ngrams(t, 3),
        "text.collocations(pmi)": text.collocations,
        "text.collocations(llr,3)": lambda t: text.collocations(t, 3, "llr"),
        "text.kwic(said)": lambda t: text.kwic(t, "said"),
        "text.dispersion": lambda t: text.dispersion(t, ["said", "water", "the"]),
        "text.lexical_diversity": text.lexical_diversity,
        "text.diversity_curve": text.diversity_curve,
        "text.readability": text.readability,
        "text.word_syllables": text.word_syllables,
        "text.sentence_lengths": text.sentence_lengths,
        "text.pos_profile": text.pos_profile,
        "text.keywords": text.keywords,
        "text.numbered": text.numbered,
        "sentiment.sentence_sentiment": sentiment.sentence_sentiment,
        "sentiment.paragraph_sentiment": sentiment.paragraph_sentiment,
        "sentiment.document_sentiment": sentiment.document_sentiment,
        "sentiment.sentiment_arc": sentiment.sentiment_arc,
        "sentiment.report_contributions": sentiment.report_contributions,
        "sentiment.method_comparison": sentiment.method_comparison,
        "sentiment.reference_comparison": sentiment.reference_comparison,
        "sentiment.entity_sentiment": sentiment.entity_sentiment,
        "entities.raw_mentions": entities.raw_mentions,
        "entities.entity_mentions": entities.entity_mentions,
        "entities.entity_frequencies": entities.entity_frequencies,
        "entities.cooccurrence": entities.cooccurrence,
        "chronology.temporal_expressions": lambda t: chronology.temporal_expressions(t, DCT),
        "chronology.timeline": lambda t: chronology.timeline(t, DCT),
        "chronology.relative_expressions": lambda t: chronology.relative_expressions(t, DCT),
        "sources.quotes": sources.quotes,
        "sources.attributions": sources.attributions,
        "sources.sourcing_summary": sources.sourcing_summary,
        "sources.anonymous_share": sources.anonymous_share,
        "sources.sourcing_chain": sources.sourcing_chain,
        "sources.hedges": sources.hedges,
    }


QUOTE_ANALYSES = ["sources.quotes", "sources.attributions", "sources.sourcing_summary", "sources.anonymous_share",
                  "sources.sourcing_chain", "sources.hedges", "entities.entity_frequencies",
                  "sentiment.sentence_sentiment"]


def long_text(chars: int) -> str:
    """About ``chars`` characters of the project's reports, whole paragraphs, one per line."""
    from utils.report import load_report

    sources = [load_report().text, load_report(ROOT / "tests/fixtures/hollingford_flood.txt").text]
    sources += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/fixtures/corpus").glob("*.txt"))]
    paragraphs = [p.strip() for s in sources for p in s.replace("\n\n", "\n").split("\n") if p.strip()]
    out, size, k = [], 0, 0
    while size < chars:
        para = paragraphs[k % len(paragraphs)]
        out.append(para)
        size += len(para) + 1
        k += 1
    return "\n".join(out) + "\n"


_SPEAKERS = ["Ana Ruiz, the mayor", "a council spokesman", "Tom Reed", "officials", "a resident who asked not to be named",
             "the fire chief, Ola Berg", "Dr Mina Patel", "the ministry"]
_VERBS = ["said", "told reporters", "added", "warned", "said on Monday", "wrote in a statement"]


def quote_text(n: int) -> str:
    """``n`` short paragraphs of our own, each with one quotation and its speaker."""
    rows = []
    for i in range(n):
        speaker, verb = _SPEAKERS[i % len(_SPEAKERS)], _VERBS[i % len(_VERBS)]
        if i % 3 == 0:
            rows.append(f"\u201cThe water on road {i} is still rising and we cannot open it,\u201d {speaker} {verb}.")
        elif i % 3 == 1:
            rows.append(f"{speaker.capitalize()} {verb} that crews had cleared {i} homes by the evening.")
        else:
            rows.append(f"According to {speaker}, the bridge at mile {i} may reopen next week.")
    return "\n".join(rows) + "\n"


def _peak_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _child(func: Callable[[str], object], text: str, queue) -> None:
    try:
        start = time.process_time()
        func(text)
        queue.put((time.process_time() - start, _peak_mib(), ""))
    except Exception as exc:  # reported in the table
        queue.put((float("nan"), _peak_mib(), f"{type(exc).__name__}: {str(exc)[:60]}"))


def timed(func: Callable[[str], object], text: str, timeout: float) -> tuple[float, float, str]:
    """``(seconds, peak MiB, error)`` of ``func(text)`` in a forked child (seconds inf on timeout)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child, args=(func, text, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return float("inf"), float("nan"), f"stopped after {timeout:.0f} s"
    return queue.get(timeout=5) if not queue.empty() else (float("nan"), float("nan"), f"exit {child.exitcode}")


def run_series(texts: list[tuple[str, str]], names: list[str], timeout: float) -> list[dict]:
    """Time the parse and every analysis in ``names`` on each text; one dict per text."""
    from utils import text as text_module
    from utils.report import load_report

    funcs = analyses()
    warm = load_report().text  # one-time loads (lexicons, gazetteers, imports) before the clock and the forks
    for name in names:
        funcs[name](warm)
    out = []
    for label, text in texts:
        text_module._DOCS.clear()
        text_module._TEXT_OF.clear()
        start = time.process_time()
        text_module.parse(text)
        row = {"label": label, "chars": len(text), "parse": time.process_time() - start, "parent_mib": _peak_mib()}
        print(f"  {label}: {len(text):,} characters, parse {row['parse']:.1f} s, peak {row['parent_mib']:.0f} MiB",
              flush=True)
        for name in names:
            seconds, mib, error = timed(funcs[name], text, timeout)
            row[name] = (seconds, mib, error)
            print(f"    {name:36} {seconds:8.2f} s {mib:7.0f} MiB {error}", flush=True)
        out.append(row)
    return out


def table(rows: list[dict], names: list[str]) -> str:
    """A Markdown table: seconds per size, growth between neighbouring sizes relative to the parse."""
    head = " | ".join(f"{r['label']} s" for r in rows)
    grow = " | ".join(f"growth {a['label']}->{b['label']}" for a, b in zip(rows, rows[1:], strict=False))
    lines = [f"| analysis | {head} | {grow} | peak MiB ({rows[-1]['label']}) |",
             "|---" * (2 + 2 * len(rows) - 1) + "|"]
    parse = " | ".join(f"{r['parse']:.2f}" for r in rows)
    pgrow = " | ".join(f"({b['parse'] / a['parse']:.1f}x)" for a, b in zip(rows, rows[1:], strict=False))
    lines.append(f"| parse (the reference) | {parse} | {pgrow} | {rows[-1]['parent_mib']:.0f} |")
    for name in names:
        cells, growth = [], []
        for r in rows:
            seconds, _, error = r[name]
            cells.append("failed" if error and seconds != float("inf") else
                         (f"> {error.split()[-2]}" if seconds == float("inf") else f"{seconds:.2f}"))
        for a, b in zip(rows, rows[1:], strict=False):
            sa, sb = a[name][0], b[name][0]
            ok = all(x == x and x not in (float("inf"),) for x in (sa, sb)) and sa > 0
            growth.append(f"{(sb / sa) / (b['parse'] / a['parse']):.2f}" if ok else "-")
        lines.append(f"| {name} | {' | '.join(cells)} | {' | '.join(growth)} | {rows[-1][name][1]:.0f} |")
    return "\n".join(lines)


def corpus_run(mb: float, timeout: float) -> None:
    """The acceptance case of issue 18: a folder with an empty, a binary, an unreadable (when not
    root: mode 000) and a long report next to the bundled one, through ``analyse`` with every
    registered analysis and ``per_report_timeout``; prints the errors, time and peak memory."""
    import resource
    import shutil
    import tempfile

    from utils.corpus import analyse

    folder = Path(tempfile.mkdtemp(prefix="scaling-corpus-"))
    try:
        shutil.copy(ROOT / "data/report.txt", folder / "a-bundled.txt")
        (folder / "b-empty.txt").write_bytes(b"")
        (folder / "c-binary.txt").write_bytes(b"\x00\x01\x02 not text")
        (folder / "d-locked.txt").write_text("A text nobody may read.", encoding="utf-8")
        (folder / "d-locked.txt").chmod(0)
        (folder / "e-long.txt").write_text(long_text(int(mb * 1_000_000)), encoding="utf-8")
        for name in ("a-bundled", "d-locked", "e-long"):
            (folder / f"{name}.json").write_text('{"dct": "2025-03-06"}', encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        out = analyse(folder, progress=False, per_report_timeout=timeout)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        rows = {name: frame.groupby("report_id").size().to_dict() for name, frame in out.items() if name != "errors"}
        note = " (run as root: d-locked is readable)" if os.geteuid() == 0 else ""
        print(f"\ncorpus run, {mb:g} MB report, per_report_timeout={timeout:g} s: {wall:.0f} s wall, {cpu:.0f} s CPU, "
              f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB{note}")
        print(f"rows per analysis and report: {rows}")
        print(out["errors"].to_string())
    finally:
        (folder / "d-locked.txt").chmod(0o600)
        shutil.rmtree(folder)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 1, 5], help="text sizes in MB (10^6 chars)")
    parser.add_argument("--quotes", type=int, nargs="+", default=[100, 400, 1600], help="quotes per text")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before an analysis is stopped")
    parser.add_argument("--only", nargs="*", help="analyses whose name contains one of these")
    parser.add_argument("--corpus", type=float, metavar="MB",
                        help="instead: a corpus run with bad files and a report of this size (--timeout per report)")
    args = parser.parse_args(argv)
    if args.corpus:
        corpus_run(args.corpus, args.timeout)
        return
    names = [n for n in analyses() if not args.only or any(o in n for o in args.only)]
    print(f"# bench/scaling.py  {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC  {platform.machine()}  "
          f"Python {platform.python_version()}  {os.cpu_count()} cores", flush=True)
    if args.sizes:
        rows = run_series([(f"{mb:g} MB", long_text(int(mb * 1_000_000))) for mb in args.sizes], names, args.timeout)
        print("\n" + table(rows, names), flush=True)
    if args.quotes:
        quote_names = [n for n in QUOTE_ANALYSES if n in names]
        rows = run_series([(f"{n} quotes", quote_text(n)) for n in args.quotes], quote_names, args.timeout)
        print("\n" + table(rows, quote_names), flush=True)


if __name__ == "__main__":
    main()
