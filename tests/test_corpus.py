"""Corpus mode: the same frames as the single-report functions, for many reports and every engine."""

from __future__ import annotations

import importlib
import json
import multiprocessing
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import utils.text
from utils.corpus import (
    ERROR_COLUMNS,
    REGISTRY,
    CorpusError,
    analyse,
    available_analyses,
    compare_reports,
    example_corpus,
    iter_analyse,
    local_cluster,
    read_folder,
    resolve,
    side_by_side,
)
from utils.report import load_report

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"

# Counted by reading the three invented reports in tests/fixtures/corpus (one sentence per full
# stop; a quoted sentence followed by "said X" is one sentence):
#   harbour-fire: 4 paragraphs with 2, 2, 2, 2 sentences = 8
#   bridge-reopens: 4 paragraphs with 1, 2, 2, 1 sentences = 6
#   storm-warning: 3 paragraphs with 1, 2, 1 sentences = 4; words (letters only) 16 + 9 + 8 + 11 = 44
HAND_SENTENCES = {"harbour-fire": 8, "bridge-reopens": 6, "storm-warning": 4}
HAND_PARAGRAPHS = {"harbour-fire": 4, "bridge-reopens": 4, "storm-warning": 3}


def single(name: str, text: str, dct) -> pd.DataFrame:
    """What the single-report function returns for ``text`` (the reference for corpus mode)."""
    spec = REGISTRY[name]
    func = getattr(importlib.import_module(spec.module), spec.function)
    result = func(text, dct) if spec.needs_dct else func(text)
    return result.to_frame().T.reset_index(drop=True) if isinstance(result, pd.Series) else result


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    """The bundled report and the three invented ones, as a corpus DataFrame."""
    return example_corpus()


@pytest.fixture(scope="module")
def results(corpus):
    return analyse(corpus, progress=False)


# --- reading a corpus -----------------------------------------------------------------------------


def test_a_folder_gives_ids_and_dcts_from_the_json_files():
    frame = read_folder(FIXTURES)
    assert list(frame.report_id) == ["bridge-reopens", "harbour-fire", "storm-warning"]
    assert list(frame.dct[:2]) == ["2025-06-16", "2025-03-04"]
    assert pd.isna(frame.dct[2])  # storm-warning has no .json


def test_the_example_corpus_starts_with_the_bundled_report(corpus, text):
    assert corpus.report_id.iloc[0] == load_report().id == "assad-flight-n1-2024"
    assert corpus.text.iloc[0] == text and corpus.dct.iloc[0] == "2024-12-11"
    assert list(corpus.report_id[1:]) == ["hollingford-flood-2025", "bridge-reopens", "harbour-fire", "storm-warning"]


def test_the_example_corpus_does_not_repeat_the_report_of_the_parameters():
    fixture = Path(__file__).parent / "fixtures" / "hollingford_flood.txt"
    corpus = example_corpus(fixture, "2025-03-06")
    assert list(corpus.report_id) == ["hollingford-flood-2025", "bridge-reopens", "harbour-fire", "storm-warning"]


def test_sentence_and_paragraph_counts_per_report_match_a_reading():
    out = analyse(FIXTURES, ["sentences", "overview"], progress=False)
    sents = out["sentences"]
    assert sents.groupby("report_id").sentence_id.max().to_dict() == HAND_SENTENCES
    assert sents.groupby("report_id").paragraph_id.max().to_dict() == HAND_PARAGRAPHS
    words = out["overview"].query("measure == 'words'").set_index("report_id").value
    assert words["storm-warning"] == 44
    assert out["errors"].empty


# --- the frames are the single-report frames --------------------------------------------------------


def test_the_registry_holds_the_foundation():
    assert {"sentences", "tokens", "overview"} <= set(available_analyses())
    assert set(available_analyses()) <= set(REGISTRY)


def test_every_frame_has_report_id_first_and_equals_the_single_report_function(corpus, results):
    assert set(results) == {*available_analyses(), "errors"}
    for name in available_analyses():
        frame = results[name]
        assert frame.columns[0] == "report_id", name
        for row in corpus.itertuples():
            failed = results["errors"].query("report_id == @row.report_id and stage == @name")
            if len(failed):
                continue  # listed in errors instead (checked below for the expected cases)
            got = frame[frame.report_id == row.report_id].drop(columns="report_id").reset_index(drop=True)
            want = single(name, row.text, pd.Timestamp(row.dct).date() if isinstance(row.dct, str) else None)
            # same values; stacking may widen a dtype (a str column + one that is all missing -> object)
            pd.testing.assert_frame_equal(got, want.reset_index(drop=True), check_dtype=False,
                                          obj=f"{name} of {row.report_id}")


def test_rows_keep_the_input_order(corpus, results):
    order = list(dict.fromkeys(results["sentences"].report_id))
    assert order == list(corpus.report_id)
    bundled = results["sentences"].query("report_id == 'assad-flight-n1-2024'")
    assert list(bundled.sentence_id) == list(range(1, 18))  # the bundled report has 17 sentences


def test_the_bundled_report_needs_no_error(results):
    assert "assad-flight-n1-2024" not in set(results["errors"].report_id)


# --- bad input never stops the run -------------------------------------------------------------------


def write(folder: Path, name: str, data: bytes | str, meta: dict | str | None = None) -> None:
    path = folder / f"{name}.txt"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if meta is not None:
        (folder / f"{name}.json").write_text(meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")


def test_bad_files_go_to_errors_and_the_good_ones_are_analysed(tmp_path):
    write(tmp_path, "a-good", "The council met on Monday. It voted to build a school.")
    write(tmp_path, "b-empty", "   \n  ")
    write(tmp_path, "c-binary", b"\x00\x01\x02 not text")
    write(tmp_path, "d-latin1", "Caf\xe9 society.".encode("latin-1"))
    write(tmp_path, "e-badjson", "A fine text.", meta="{not json")
    write(tmp_path, "f-baddct", "A fine text.", meta={"dct": "2024-02-30"})
    write(tmp_path, "g-digits", "123 456 789")
    write(tmp_path, "h-dupe", "Another text about the council.", meta={"id": "a-good"})
    (tmp_path / "notes.md").write_text("not a report")
    out = analyse(tmp_path, ["sentences"], progress=False)
    assert list(out["sentences"].report_id.unique()) == ["a-good"]
    assert len(out["sentences"]) == 2
    errors = out["errors"]
    assert list(errors.columns) == ERROR_COLUMNS
    assert list(errors.report_id) == ["b-empty", "c-binary", "d-latin1", "e-badjson", "f-baddct", "g-digits", "a-good"]
    assert set(errors.stage) == {"input"}
    assert list(errors.error[:6]) == [
        "EmptyReportError", "BinaryReportError", "ReportEncodingError", "MetadataError", "InvalidDCTError",
        "ValueError",
    ]
    assert "second report has the id 'a-good'" in errors.message.iloc[-1]


def test_an_unreadable_file_is_one_error_row_and_the_run_goes_on(tmp_path, monkeypatch):
    write(tmp_path, "a-good", "The council met on Monday. It voted to build a school.")
    write(tmp_path, "b-locked", "A text nobody may read.")
    write(tmp_path, "c-good", "The mayor spoke on Tuesday.")
    real, locked = Path.read_bytes, tmp_path / "b-locked.txt"

    def read_bytes(self):  # as for a non-root user and a file of mode 000 (the tests run as root)
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = analyse(tmp_path, ["sentences"], progress=False)
    assert list(out["sentences"].report_id.unique()) == ["a-good", "c-good"]
    assert out["errors"][["report_id", "stage", "error"]].values.tolist() == [
        ["b-locked", "input", "ReportUnreadableError"]]
    assert "Permission denied" in out["errors"].message[0]


def _spin(text, dct):
    """An analysis that never ends on the storm report (a busy loop: no sleep to be woken from)."""
    while "storm" in text:
        pass
    return pd.DataFrame({"characters": [len(text)]})


def _length(text, dct):
    return pd.DataFrame({"characters": [len(text)]})


def test_per_report_timeout_stops_a_report_records_it_and_the_run_goes_on():
    out = analyse(FIXTURES, {"sentences": "sentences", "spin": _spin, "length": _length}, progress=False,
                  per_report_timeout=0.5)
    errors = out["errors"]
    assert errors[["report_id", "stage", "error"]].values.tolist() == [["storm-warning", "spin", "ReportTimeout"]]
    assert errors.message[0] == "stopped after 0.5 s (per_report_timeout); not run for this report: length"
    assert out["length"].report_id.tolist() == ["bridge-reopens", "harbour-fire"]
    assert list(out["sentences"].report_id.unique()) == ["bridge-reopens", "harbour-fire", "storm-warning"]


def test_per_report_timeout_in_worker_processes():
    from utils.corpus import _can_fork

    if not _can_fork():
        pytest.skip("worker processes are forked on Linux only")
    out = analyse(FIXTURES, {"spin": _spin, "length": _length}, progress=False, per_report_timeout=0.5,
                  n_process=2, chunk_size=1)
    assert out["errors"][["report_id", "error"]].values.tolist() == [["storm-warning", "ReportTimeout"]]
    assert out["length"].report_id.tolist() == ["bridge-reopens", "harbour-fire"]


@pytest.mark.parametrize("kwargs", [{"per_report_timeout": 0}, {"per_report_timeout": -1},
                                    {"per_report_timeout": "5"}, {"per_report_timeout": 5, "engine": "dask"}])
def test_a_timeout_that_cannot_work_is_refused(kwargs):
    with pytest.raises(ValueError, match="per_report_timeout"):
        analyse(FIXTURES, ["sentences"], progress=False, **kwargs)


def test_a_folder_with_bad_files_and_a_long_one_gives_every_good_result(tmp_path, monkeypatch):
    # the acceptance case of issue 18 in small: spaCy's length limit and the piece sizes are lowered
    # so that a 12,000-character report stands for a 5 MB one (which bench/scaling.py parses)
    write(tmp_path, "a-good", "The council met on Monday. It voted to build a school.")
    write(tmp_path, "b-empty", "")
    write(tmp_path, "c-binary", b"\x00\x01 not text")
    write(tmp_path, "d-locked", "A text nobody may read.")
    long_text = "".join(f"The council met on day {i}. It voted to build school {i}.\n" for i in range(200))
    write(tmp_path, "e-long", long_text)
    real, locked = Path.read_bytes, tmp_path / "d-locked.txt"
    monkeypatch.setattr(Path, "read_bytes", lambda self: (
        (_ for _ in ()).throw(PermissionError(13, "Permission denied")) if self == locked else real(self)))
    monkeypatch.setattr(utils.text.pipeline(), "max_length", 5_000)
    monkeypatch.setattr(utils.text, "LONG_TEXT", 4_000)
    monkeypatch.setattr(utils.text, "PIECE_CHARS", 2_000)
    try:
        out = analyse(tmp_path, ["sentences", "entity_mentions"], progress=False, per_report_timeout=60)
        assert out["sentences"].groupby("report_id").size().to_dict() == {"a-good": 2, "e-long": 400}
        assert out["errors"][["report_id", "error"]].values.tolist() == [
            ["b-empty", "EmptyReportError"], ["c-binary", "BinaryReportError"], ["d-locked", "ReportUnreadableError"]]
        # a long report that takes too long is stopped in its parse, and recorded
        utils.text._DOCS.pop(long_text, None)
        out = analyse(tmp_path, ["sentences"], progress=False, per_report_timeout=0.001)
        assert out["errors"].query("report_id == 'e-long'")[["stage", "error"]].values.tolist() == [
            ["parse", "ReportTimeout"]]
    finally:
        utils.text._DOCS.pop(long_text, None)


def test_bad_rows_of_a_dataframe_go_to_errors():
    frame = pd.DataFrame({
        "report_id": ["ok", "none", "baddct", None, "nan-dct"],
        "text": ["A short text. With two sentences.", None, "Words here.", "Words.", "More words here."],
        "dct": ["2025-01-01", None, "yesterday", None, float("nan")],
    })
    out = analyse(frame, ["sentences"], progress=False)
    assert list(out["sentences"].report_id.unique()) == ["ok", "nan-dct"]
    assert list(out["errors"].report_id) == ["none", "baddct", "row 3"]
    assert list(out["errors"].error) == ["TypeError", "InvalidDCTError", "ValueError"]


def test_a_datetime64_dct_column_with_a_missing_date_is_an_undated_report():
    frame = pd.DataFrame({"report_id": ["a", "b"], "text": ["The council met yesterday.", "It met yesterday."],
                          "dct": pd.to_datetime(["2025-03-05", None])})
    out = analyse(frame, ["sentences", "temporal_expressions"], progress=False)
    assert out["temporal_expressions"][["report_id", "value"]].values.tolist() == [["a", "2025-03-04"]]
    assert out["sentences"].report_id.tolist() == ["a", "b"]  # the NaT report is read, as undated
    assert out["errors"][["report_id", "stage"]].values.tolist() == [["b", "temporal_expressions"]]
    assert "document creation time (DCT) is needed" in out["errors"].message[0]


def test_a_text_with_a_lone_surrogate_is_an_input_error():
    frame = pd.DataFrame({"report_id": ["ok", "bad"], "text": ["Words here.", "Caf\udce9 society."]})
    out = analyse(frame, ["sentences"], progress=False)
    assert out["sentences"].report_id.tolist() == ["ok"]
    assert out["errors"][["report_id", "stage", "error"]].values.tolist() == [["bad", "input", "ReportEncodingError"]]


def test_an_analysis_failing_on_one_report_is_recorded_and_the_others_go_on():
    def fussy(text, dct):
        if "storm" in text:
            raise RuntimeError("cannot handle storms")
        return pd.DataFrame({"characters": [len(text)], "dct": [dct]})

    out = analyse(FIXTURES, {"length": fussy, "sentences": "sentences"}, progress=False)
    assert list(out["length"].report_id) == ["bridge-reopens", "harbour-fire"]
    assert list(out["length"].characters) == [383, 491]  # the file sizes (ASCII text: bytes = characters)
    assert out["length"].dct.iloc[0].isoformat() == "2025-06-16"
    assert out["sentences"].report_id.nunique() == 3
    errors = out["errors"]
    assert errors[["report_id", "stage", "error", "message"]].values.tolist() == [
        ["storm-warning", "length", "RuntimeError", "cannot handle storms"]
    ]


def test_an_analysis_returning_no_frame_is_an_error():
    out = analyse(FIXTURES, {"bad": lambda text, dct: len(text)}, progress=False)
    assert out["bad"].columns.tolist() == ["report_id"] and out["bad"].empty
    assert set(out["errors"].error) == {"TypeError"} and len(out["errors"]) == 3


def test_an_analysis_with_its_own_report_id_column_is_an_error_not_a_crash():
    out = analyse(FIXTURES, {"own_id": lambda text, dct: pd.DataFrame({"report_id": ["mine"]}),
                             "sentences": "sentences"}, progress=False)
    assert out["own_id"].columns.tolist() == ["report_id"] and out["own_id"].empty
    assert set(out["errors"].stage) == {"own_id"} and len(out["errors"]) == 3
    assert out["sentences"].report_id.nunique() == 3


def test_report_ids_are_added_once_per_stacked_frame_in_input_order():
    from utils.corpus import _stack

    frames = [pd.DataFrame({"x": [1, 2]}), pd.DataFrame({"x": []}, dtype="int64"), pd.DataFrame({"x": [3]})]
    stacked = _stack(frames, ["a", "b", "c"])
    assert stacked.columns.tolist() == ["report_id", "x"]
    assert stacked.report_id.tolist() == ["a", "a", "c"] and stacked.x.tolist() == [1, 2, 3]
    assert list(stacked.index) == [0, 1, 2]
    assert _stack(frames[:1], ["a\x00"]).report_id.tolist() == ["a\x00", "a\x00"]  # ids kept exactly
    empty = _stack(frames[1:2], ["b"])
    assert empty.columns.tolist() == ["report_id", "x"] and empty.empty
    assert frames[0].columns.tolist() == ["x"]  # the per-report frames are left as they were


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"analyses": ["no_such_analysis"]}, ValueError),
        ({"analyses": []}, ValueError),
        ({"analyses": {"errors": "sentences"}}, ValueError),
        ({"analyses": {"x": 42}}, TypeError),
        ({"engine": "spark"}, ValueError),
        ({"batch_size": 0}, ValueError),
        ({"chunk_size": "10"}, ValueError),
        ({"n_process": 0}, ValueError),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs, error):
    with pytest.raises(error):
        analyse(FIXTURES, **{"progress": False, **kwargs})


@pytest.mark.parametrize(
    "corpus", [Path("/no/such/folder"), FIXTURES / "harbour-fire.txt", pd.DataFrame({"text": ["a"]}), 42]
)
def test_a_corpus_that_cannot_be_read_at_all_raises(corpus):
    with pytest.raises(CorpusError):
        analyse(corpus, ["sentences"], progress=False)


def test_unknown_names_list_what_is_available():
    with pytest.raises(ValueError, match="Available: .*sentences"):
        resolve(["sentiment_of_the_moon"])


# --- streaming, caching, progress ---------------------------------------------------------------------


def test_reports_and_tuples_are_accepted_too():
    reports = [load_report(p) for p in sorted(FIXTURES.glob("*.txt"))]
    a = analyse(reports, ["sentences"], progress=False)["sentences"]
    b = analyse([(r.id, r.text, r.dct) for r in reports], ["sentences"], progress=False)["sentences"]
    c = analyse(FIXTURES, ["sentences"], progress=False)["sentences"]
    pd.testing.assert_frame_equal(a, c)
    pd.testing.assert_frame_equal(b, c)


def test_analyses_reuse_the_doc_of_nlp_pipe_and_the_cache_stays_bounded(monkeypatch):
    """Corpus mode parses each text once, with nlp.pipe; the analyses never call the pipeline again."""
    real = utils.text.pipeline()

    class PipeOnly:
        def pipe(self, texts, **kwargs):
            return real.pipe(texts, **kwargs)

        def __call__(self, text):
            raise AssertionError("a text was parsed a second time")

    monkeypatch.setattr(utils.text, "pipeline", lambda: PipeOnly())
    n = utils.text.DOC_CACHE_SIZE + 20
    frame = pd.DataFrame({
        "report_id": [f"r{i}" for i in range(n)],
        "text": [f"Report number {i} is unique. It has {i % 3 + 1} small parts." for i in range(n)],
        "dct": None,
    })
    out = analyse(frame, ["sentences", "tokens", "overview"], chunk_size=16, batch_size=8, progress=False)
    assert out["errors"].empty
    assert out["sentences"].groupby("report_id").size().eq(2).all() and out["sentences"].report_id.nunique() == n
    assert len(utils.text._DOCS) <= utils.text.DOC_CACHE_SIZE


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunk_size=st.integers(1, 5), batch_size=st.integers(1, 4))
def test_chunking_and_batching_do_not_change_the_results(chunk_size, batch_size):
    reference = analyse(FIXTURES, ["sentences", "tokens"], progress=False)
    out = analyse(FIXTURES, ["sentences", "tokens"], chunk_size=chunk_size, batch_size=batch_size, progress=False)
    for name in ("sentences", "tokens"):
        pd.testing.assert_frame_equal(out[name], reference[name])


def test_iter_analyse_yields_chunks_that_add_up_to_analyse(tmp_path):
    write(tmp_path, "z-empty", "")
    for p in FIXTURES.glob("*"):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    parts = list(iter_analyse(tmp_path, ["sentences"], chunk_size=2))
    assert len(parts) == 2
    whole = analyse(tmp_path, ["sentences"], progress=False)
    joined = pd.concat([p["sentences"] for p in parts if "sentences" in p], ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole["sentences"])
    assert list(pd.concat([p["errors"] for p in parts]).report_id) == ["z-empty"]


def test_the_progress_bar_counts_reports(capsys):
    analyse(FIXTURES, ["sentences"])
    err = capsys.readouterr().err
    assert "reports (local)" in err and "3/3" in err


# --- more processes, and Dask ----------------------------------------------------------------------------


def test_two_local_processes_give_the_same_frames(corpus, results):
    out = analyse(corpus, n_process=2, chunk_size=1, progress=False)
    for name in results:
        pd.testing.assert_frame_equal(out[name], results[name], obj=name)


@pytest.fixture(scope="module")
def cluster():
    """One 2-worker LocalCluster (worker processes forked, so they start fast) for the Dask tests."""
    with local_cluster(2) as c:
        yield c
    assert not multiprocessing.active_children(), "a Dask worker process is still running"


def test_dask_on_two_workers_equals_the_local_engine_exactly(corpus, results, cluster):
    from distributed import Client

    with Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        out = analyse(corpus, engine="dask", client=client, chunk_size=1, progress=False)
        used = client.run(lambda: len(utils.text._DOCS))  # each worker parsed some of the reports
    assert set(out) == set(results)
    for name in results:
        pd.testing.assert_frame_equal(out[name], results[name], obj=name)
    assert len(used) == 2 and all(n > 0 for n in used.values())


def test_dask_by_scheduler_address_lists_errors_like_local(cluster, tmp_path):
    write(tmp_path, "a", "The port closed on Monday. Ships waited outside.")
    write(tmp_path, "b", "")
    write(tmp_path, "c", "A second text. It is short.")
    local = analyse(tmp_path, ["sentences", "overview"], progress=False)
    remote = analyse(tmp_path, ["sentences", "overview"], engine="dask", client=cluster.scheduler_address,
                     chunk_size=1, progress=False)
    for name in local:
        pd.testing.assert_frame_equal(remote[name], local[name], obj=name)
    assert list(remote["errors"].report_id) == ["b"]


def test_dask_with_its_own_local_cluster_closes_it():
    before = set(multiprocessing.active_children())  # the module's cluster may be running
    out = analyse(FIXTURES, ["sentences"], engine="dask", n_process=2, progress=False)
    assert out["sentences"].groupby("report_id").sentence_id.max().to_dict() == HAND_SENTENCES
    assert set(multiprocessing.active_children()) <= before


# --- comparing reports -----------------------------------------------------------------------------------


def test_compare_reports_counts_what_each_analysis_found():
    out = analyse(FIXTURES, ["sentences", "overview"], progress=False)
    table = compare_reports(out)
    assert list(table.columns) == ["report_id", "sentences", "words"]
    assert table.set_index("report_id").sentences.to_dict() == HAND_SENTENCES
    assert table.set_index("report_id").words["storm-warning"] == 44


def test_compare_reports_on_frames_made_by_hand():
    import datetime as dt

    results = {
        "sentence_sentiment": pd.DataFrame({
            "report_id": ["a", "a", "b"], "compound": [0.5, -0.3, 0.0],
            "label": ["positive", "negative", "neutral"],
        }),
        "entity_frequencies": pd.DataFrame({
            "report_id": ["a", "a", "b"], "entity": ["X", "Y", "Z"], "mentions": [2, 2, 1],
            "first_sentence": [3, 1, 1],
        }),
        "timeline": pd.DataFrame({
            "report_id": ["a", "a", "b"],
            "earliest": [dt.date(2024, 12, 8), None, dt.date(2006, 1, 1)],
            "latest": [dt.date(2024, 12, 8), dt.date(2024, 12, 11), dt.date(2006, 12, 31)],
        }),
        "quotes": pd.DataFrame({"report_id": ["b"], "quote": ["..."]}),
        "errors": pd.DataFrame(columns=ERROR_COLUMNS),
    }
    table = compare_reports(results).set_index("report_id")
    assert table.mean_compound.to_dict() == {"a": 0.1, "b": 0.0}
    assert table.share_negative.to_dict() == {"a": 0.5, "b": 0.0}
    assert table.top_entity.to_dict() == {"a": "Y (2)", "b": "Z (1)"}  # tie on mentions: first mentioned
    assert table.dated_events.to_dict() == {"a": 1, "b": 1}  # the event with no earliest day is not dated
    assert table.earliest["b"] == dt.date(2006, 1, 1) and table.latest["a"] == dt.date(2024, 12, 8)
    assert table.quotes.to_dict() == {"a": 0, "b": 1}
    # an unrealised event ("would suffer") is not a dated event even when the text gives it a date
    results["timeline"] = results["timeline"].assign(realis=[True, True, False])
    assert compare_reports(results).set_index("report_id").dated_events.to_dict() == {"a": 1, "b": 0}


def test_side_by_side_pivots_and_orders_by_total():
    frame = pd.DataFrame({"report_id": ["a", "a", "b", "b"], "entity": ["X", "Y", "Y", "Z"],
                          "mentions": [1, 2, 3, 5]})
    table = side_by_side(frame, "entity", "mentions")
    assert list(table.columns) == ["a", "b"]
    assert list(table.index) == ["Y", "Z", "X"]  # totals 5, 5, 1; ties keep pivot order
    assert table.loc["Z"].tolist() == [0, 5]
    assert len(side_by_side(frame, "entity", "mentions", top=1)) == 1
    with pytest.raises(ValueError):
        side_by_side(frame, "label", "mentions")


def test_corpus_figures_draw_one_row_per_report():
    import datetime as dt

    from utils.plots import corpus_dates, corpus_sentiment

    sent = pd.DataFrame({"report_id": ["a", "a", "b"], "compound": [0.5, -0.3, 0.0],
                         "label": ["positive", "negative", "neutral"]})
    fig = corpus_sentiment(sent)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["a", "b"]
    events = pd.DataFrame({"report_id": ["a", "b", "b"],
                           "earliest": [dt.date(2024, 12, 8), dt.date(2006, 1, 1), None],
                           "latest": [dt.date(2024, 12, 8), dt.date(2006, 12, 31), None]})
    fig = corpus_dates(events)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert len(ax.lines) == 1 and len(ax.collections) == 2  # one span (b, 2006), one dot per report row
    with pytest.raises(ValueError):
        corpus_sentiment(sent.drop(columns="label"))


def test_the_default_chunk_size_gives_every_worker_several_tasks():
    from utils.corpus import default_chunk_size

    assert default_chunk_size(1000, "local", 1) == 64  # one process: big chunks
    assert default_chunk_size(1000, "local", 2) == 64  # 16 chunks for 2 workers
    assert default_chunk_size(200, "local", 2) == 25  # 8 chunks, 4 per worker
    assert default_chunk_size(3, "local", 2) == 1
    assert default_chunk_size(None, "dask", 2) == 64  # a stream of unknown length


def test_write_folder_writes_no_nat_and_read_folder_keeps_the_undated_report(tmp_path):
    from utils.corpus import write_folder

    corpus = pd.DataFrame({"report_id": ["a", "b"], "text": ["One.", "Two."],
                           "dct": pd.to_datetime(["2024-12-11", None])})
    write_folder(corpus, tmp_path)
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["dct"] is None
    back = read_folder(tmp_path)
    assert back.report_id.tolist() == ["a", "b"] and back.dct[0] == "2024-12-11" and pd.isna(back.dct[1])


def test_write_folder_keeps_every_file_inside_the_folder_and_the_ids_round_trip(tmp_path):
    from utils.corpus import write_folder

    ids = ["../escape", "sub/dir", "x" * 300, "con", "A", "a", "plain-id_2.v1", "..", "tab\there"]
    corpus = pd.DataFrame({"report_id": ids, "text": [f"Report number {i}.\r\n" for i in range(len(ids))]})
    target = tmp_path / "out"
    with pytest.warns(UserWarning, match=r"made 7 report id\(s\) safe file names.*'\.\./escape' -> '_escape-"):
        write_folder(corpus, target)
    files = sorted(p.name for p in tmp_path.rglob("*"))
    assert "escape.txt" not in files and all(p.parent == target for p in target.rglob("*"))
    assert len(list(target.glob("*.txt"))) == len(ids) and "plain-id_2.v1.txt" in files and "A.txt" in files
    assert all(len(p.name.encode()) < 255 for p in target.iterdir())
    back = read_folder(target).set_index("report_id")
    assert sorted(back.index) == sorted(ids)
    assert back.text["../escape"] == "Report number 0.\r\n"  # written byte for byte


def test_safe_file_names():
    from utils.corpus import safe_file_name

    assert safe_file_name("assad-flight-n1-2024") == "assad-flight-n1-2024"
    assert safe_file_name("../x").startswith("_x-") and safe_file_name("a/b").startswith("a_b-")
    assert safe_file_name("NUL").startswith("_NUL-") and safe_file_name("").startswith("report-")
    assert safe_file_name("a b") != safe_file_name("a_b")  # a changed id carries a hash of itself


def test_read_folder_says_which_files_it_left_out(tmp_path):
    (tmp_path / "a.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.warns(UserWarning, match=r"left out 1 file\(s\).*b.txt \(EmptyReportError\)"):
        assert read_folder(tmp_path).report_id.tolist() == ["a"]


def test_write_folder_round_trips_with_read_folder(tmp_path):
    from utils.corpus import read_folder, write_folder

    corpus = pd.DataFrame({"report_id": ["a", "b"], "text": ["One.\nTwo.", "Three."], "dct": ["2024-12-11", None]})
    back = read_folder(write_folder(corpus, tmp_path / "c")).sort_values("report_id").reset_index(drop=True)
    assert back.report_id.tolist() == ["a", "b"] and back.text.tolist() == ["One.\nTwo.", "Three."]
    assert str(back.dct.iloc[0]) == "2024-12-11" and pd.isna(back.dct.iloc[1])


def test_a_run_gives_the_garbage_collector_back_as_it_found_it():
    import gc

    assert gc.get_freeze_count() == 0
    out = analyse(FIXTURES, ["sentences"], progress=False)
    assert out["sentences"].report_id.nunique() == 3 and gc.get_freeze_count() == 0
    list(iter_analyse(FIXTURES, ["sentences"], chunk_size=1))
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a caller who froze objects keeps them frozen (a few may be freed meanwhile)
    try:
        frozen = gc.get_freeze_count()
        analyse(FIXTURES, ["sentences"], progress=False)
        assert 0.9 * frozen < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_progress_is_a_text_bar_that_ends_at_the_total(capsys):
    # a text bar (not a widget): its last state, "3/3", is what a rendered notebook shows
    analyse(FIXTURES, ["sentences"], progress=True)
    err = capsys.readouterr().err
    assert "reports (local)" in err and err.rstrip().split("\r")[-1].count("3/3") == 1


def test_by_id_orders_a_corpus_table_whatever_the_input_order(tmp_path):
    from utils.corpus import by_id

    frame = pd.DataFrame({"report_id": ["b", "a", "b", "a"], "sentence_id": [2, 1, 1, 2], "text": list("wxyz")})
    out = by_id(frame)
    assert out[["report_id", "sentence_id"]].values.tolist() == [["a", 1], ["a", 2], ["b", 1], ["b", 2]]
    assert out.text.tolist() == ["x", "z", "y", "w"] and out.index.tolist() == [0, 1, 2, 3]
    forward = analyse(FIXTURES, ["sentences"], progress=False)["sentences"]
    reverse = analyse(load_report_frame_reversed(), ["sentences"], progress=False)["sentences"]
    assert not forward.equals(reverse) and by_id(forward).equals(by_id(reverse))
    with pytest.raises(ValueError, match="report_id"):
        by_id(pd.DataFrame({"sentence_id": [1]}))


def load_report_frame_reversed() -> pd.DataFrame:
    from utils.corpus import read_folder

    return read_folder(FIXTURES).iloc[::-1].reset_index(drop=True)


def test_story_corpus_is_one_story_told_on_four_days():
    from utils.corpus import STORIES, story_corpus

    stories = story_corpus()
    assert stories.report_id.tolist() == ["assad-flight-n1-2024", "flash-2024-12-08", "kremlin-2024-12-09",
                                          "analysis-2024-12-12", "review-2024-12-15"]
    assert stories.dct.tolist() == ["2024-12-11", "2024-12-08", "2024-12-09", "2024-12-12", "2024-12-15"]
    for meta in STORIES.glob("*.json"):  # every retelling says it was written for this project
        assert "not a published report" in json.loads(meta.read_text(encoding="utf-8"))["note"]
    # the reader's report comes first and is not repeated
    assert story_corpus("data/stories/2024-12-09-kremlin.txt").report_id.tolist()[:2] == [
        "kremlin-2024-12-09", "flash-2024-12-08"]
    assert len(story_corpus("data/stories/2024-12-09-kremlin.txt")) == 4


def test_the_story_corpus_agrees_on_the_day_of_the_flight():
    # notebook 07: "on Sunday" (written 8 and 11 December), "yesterday" (9th), "last Sunday" (12th)
    # and "8 December" (15th) all name Sunday 8 December 2024; the flash report has 5 sentences
    # and 66 words (counted by hand: 22 + 7 + 23 + 5 + 9)
    from utils.corpus import story_corpus

    out = analyse(story_corpus(), ["overview", "sentences", "temporal_expressions", "sentence_sentiment"],
                  progress=False)
    flight = out["temporal_expressions"].query("value == '2024-12-08'")
    assert flight.groupby("report_id").text.first().to_dict() == {
        "assad-flight-n1-2024": "Sunday", "flash-2024-12-08": "Sunday", "kremlin-2024-12-09": "yesterday",
        "analysis-2024-12-12": "last Sunday", "review-2024-12-15": "8 December"}
    table = compare_reports(out).set_index("report_id")
    assert table.loc["flash-2024-12-08", "sentences"] == 5 and table.loc["flash-2024-12-08", "words"] == 66
    # the same events in other words: the retellings' tone runs from negative to positive
    tone = table.mean_compound.drop("assad-flight-n1-2024")
    assert tone.idxmin() == "analysis-2024-12-12" and tone.min() < 0
    assert tone.idxmax() == "flash-2024-12-08" and tone.max() > 0


def test_a_relative_folder_is_found_from_the_project_root(tmp_path, monkeypatch):
    # a notebook runs in notebooks/: analyse("data/stories") must still find the folder
    from utils.corpus import report_files

    monkeypatch.chdir(tmp_path)
    assert [p.name for p in report_files("data/stories")][:1] == ["2024-12-08-flash.txt"]
    with pytest.raises(CorpusError, match="not a folder"):
        report_files("data/no_such_folder")
