"""utils.run: the main job's command line (the notebooks themselves run in test_notebooks.py)."""

from __future__ import annotations

import pytest

from utils.run import main, notebook_paths, notebook_title


def test_notebook_order_and_titles():
    paths = notebook_paths()
    assert [p.name for p in paths] == sorted(p.name for p in paths)
    assert notebook_title(paths[0]).startswith("00")
    assert notebook_paths(only="no-such-notebook") == []


def test_bad_dct_and_missing_report_exit_with_a_message(capsys, tmp_path):
    assert main(["--dct", "2024-02-31", "--out", str(tmp_path)]) == 2
    assert "not a possible document creation time" in capsys.readouterr().err
    assert main(["--report", str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 2
    assert "No report" in capsys.readouterr().err


def test_an_unreadable_report_exits_with_a_message(capsys, tmp_path, monkeypatch):
    from pathlib import Path

    report = tmp_path / "locked.txt"
    report.write_text("A text nobody may read.", encoding="utf-8")
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (
        (_ for _ in ()).throw(PermissionError(13, "Permission denied")) if self == report else real(self)))
    assert main(["--report", str(report), "--out", str(tmp_path / "out")]) == 2
    assert "cannot be read (Permission denied)" in capsys.readouterr().err


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if the job gets as far as starting kernels."""
    import utils.run

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(utils.run, "_run_coroutine", refuse)


def test_only_matching_nothing_stops_before_anything_runs_or_is_overwritten(tmp_path, capsys, no_kernel):
    (tmp_path / "index.html").write_text("the previous run", encoding="utf-8")
    assert main(["--only", "no-such-notebook", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "No notebook name contains 'no-such-notebook'" in err and "00_the_report.ipynb" in err
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "the previous run"


def test_an_output_path_that_is_a_file_stops_before_the_kernels(tmp_path, capsys, no_kernel):
    out = tmp_path / "out.txt"
    out.write_text("not a folder", encoding="utf-8")
    assert main(["--only", "00_", "--out", str(out)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_an_output_folder_that_cannot_be_written_stops_before_the_kernels(tmp_path, capsys, no_kernel, monkeypatch):
    from pathlib import Path

    out, real = tmp_path / "out", Path.write_bytes

    def write_bytes(self, data):  # as in a folder without write permission (the tests run as root)
        if self.parent == out:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert main(["--only", "00_", "--out", str(out)]) == 2
    assert "Cannot write into the output folder" in capsys.readouterr().err


def test_the_job_says_which_notebooks_matched(tmp_path, capsys, monkeypatch):
    import utils.run

    monkeypatch.setattr(utils.run, "run_all", lambda *args, **kwargs: [])
    assert main(["--only", "_the_report", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"Rendering 1 notebook(s) into {tmp_path}/: 00_the_report.ipynb" in out


def test_only_renders_the_chosen_notebook_and_an_index(tmp_path, capsys, monkeypatch):
    import utils.run

    blocked = []
    monkeypatch.setattr(utils.run, "_skip_unused_iri_checker", lambda: blocked.append(True))
    assert main(["--only", "00_", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "00_the_report.html").exists() and (tmp_path / "index.html").exists()
    assert "00_the_report.html" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "ok      00_the_report.ipynb" in capsys.readouterr().out
    # called from Python, the job leaves the caller's modules alone (only the command line blocks
    # the import of jsonschema's unused iri checker, for the whole process)
    assert blocked == []


def _notebook(folder, name, *cells, tags=None):
    """A small notebook with the ``parameters`` cell the job expects, then ``cells``."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    nb = new_notebook(cells=[new_markdown_cell(f"# {name}"), new_code_cell("report_path = None\ndct = None")])
    nb.cells[1].metadata["tags"] = ["parameters"]
    for source in cells:
        nb.cells.append(new_code_cell(source))
    for index, tag in (tags or {}).items():
        nb.cells[index].metadata["tags"] = [tag]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(folder / f"{name}.ipynb"))


def test_longest_notebooks_start_first_and_unknown_ones_count_as_long():
    from pathlib import Path

    from utils.run import TYPICAL_SECONDS, longest_first

    paths = [Path(f"{stem}.ipynb") for stem in sorted(TYPICAL_SECONDS)] + [Path("99_new.ipynb")]
    order = longest_first(paths)
    assert order[0].name == "99_new.ipynb"
    seconds = [TYPICAL_SECONDS[p.stem] for p in order[1:]]
    assert seconds == sorted(seconds, reverse=True)
    assert sorted(order) == sorted(paths)  # every notebook exactly once
    # ties keep the sequence order (sorted is stable)
    assert longest_first([Path("b.ipynb"), Path("a.ipynb")]) == [Path("b.ipynb"), Path("a.ipynb")]


def test_the_job_runs_every_notebook_in_a_fresh_kernel_of_its_own(tmp_path, capsys):
    import json
    import os

    from utils.run import run_all

    folder, out = tmp_path / "nbs", tmp_path / "out"
    folder.mkdir()
    # each notebook reports its kernel's process id, working folder and whether it sees a name
    # that another notebook defined (it must not: no state is shared between notebooks)
    probe = "import os\nprint(os.getpid(), os.getcwd(), 'shared' in globals())\nshared = 1"
    _notebook(folder, "a_ok", probe)
    _notebook(folder, "b_fails", probe, "1 / 0", "print('never')")
    _notebook(folder, "c_expected_error", probe, "raise ValueError('on purpose')", "print('after')",
              tags={3: "raises-exception"})
    _notebook(folder, "d_kernel_dies", probe, "os._exit(3)")
    _notebook(folder, "e_ok", probe)
    (folder / "f_not_json.ipynb").write_text("{ not a notebook", encoding="utf-8")
    results = run_all(out_dir=out, folder=folder, jobs=2)

    assert [r.notebook for r in results] == ["a_ok.ipynb", "b_fails.ipynb", "c_expected_error.ipynb",
                                             "d_kernel_dies.ipynb", "e_ok.ipynb", "f_not_json.ipynb"]
    assert [r.ok for r in results] == [True, False, True, False, True, False]
    assert "b_fails.ipynb failed in cell 4" in results[1].error and "ZeroDivisionError" in results[1].error
    assert "d_kernel_dies.ipynb failed" in results[3].error
    printed = capsys.readouterr().out
    assert "f_not_json.ipynb failed" in results[5].error
    assert printed.count("  ok      ") == 3 and printed.count("  FAILED  ") == 3
    # the executed copy of every notebook is written, the HTML only for those that ran through
    for stem in ("a_ok", "b_fails", "c_expected_error", "d_kernel_dies", "e_ok"):
        assert (out / f"{stem}.ipynb").exists()
    assert {p.stem for p in out.glob("*.html")} == {"a_ok", "c_expected_error", "e_ok", "index"}
    pids = set()
    for stem in ("a_ok", "b_fails", "c_expected_error", "d_kernel_dies", "e_ok"):
        cells = json.loads((out / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
        pid, cwd, shared = "".join(cells[3]["outputs"][0]["text"]).split()
        assert cwd == str(folder) and shared == "False"
        pids.add(int(pid))
    assert len(pids) == 5, "two notebooks ran in the same kernel"
    c_cells = json.loads((out / "c_expected_error.ipynb").read_text(encoding="utf-8"))["cells"]
    assert "".join(c_cells[5]["outputs"][0]["text"]).strip() == "after"
    for pid in pids:  # every kernel is stopped when the job returns
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        raise AssertionError(f"kernel {pid} still runs")


def test_every_notebook_has_a_typical_time_for_the_job_order():
    # a renamed or new notebook missing here is started first as "long": harmless, but say so
    from utils.run import TYPICAL_SECONDS

    assert {p.stem for p in notebook_paths()} == set(TYPICAL_SECONDS)


def _executed(tmp_path):
    """A hand-made executed notebook: a key figure, a headline, a solution and a plain cell."""
    import base64

    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    png = base64.b64encode(b"\x89PNG fake").decode()
    cells = [
        new_markdown_cell("# 99 · Test\n\nSee the [DCT](glossary.md#dct)."),
        new_code_cell("fig = first()", outputs=[new_output("display_data", data={"image/png": png})]),
        new_code_cell("print('n = 17')", outputs=[new_output("stream", name="stdout", text="n = 17\n")]),
        new_code_cell("fig = key()", outputs=[new_output("display_data", data={"image/png": base64.b64encode(b"KEY").decode()})]),
        new_code_cell("answer = 42  # the solution", outputs=[new_output("stream", name="stdout", text="42\n")]),
        new_code_cell("visible = 1"),
        new_code_cell("progress()", outputs=[new_output("stream", name="stdout", text="\rbar 0/5"),
                                             new_output("stream", name="stdout", text="\rbar 5/5"),
                                             new_output("stream", name="stdout", text="\n")]),
    ]
    cells[2].metadata["tags"] = ["headline"]
    cells[3].metadata["tags"] = ["key-figure"]
    cells[4].metadata["tags"] = ["solution"]
    cells[4].metadata["jupyter"] = {"source_hidden": True}
    nb = new_notebook(cells=cells)
    path = tmp_path / "99_test.ipynb"
    nbformat.write(nb, str(path))
    return path, nb


def test_solutions_are_folded_in_the_html_and_glossary_links_point_to_its_page(tmp_path):
    import re

    from utils.run import to_html

    path, _ = _executed(tmp_path)
    page = to_html(path).read_text(encoding="utf-8")
    folded = re.findall(r'<details class="anatomy-solution">(.*?)</details>', page, re.S)
    assert len(folded) == 1 and "the solution" in folded[0] and "<summary>Solution" in folded[0]
    assert "visible" not in folded[0] and "visible" in page
    assert 'href="glossary.html#dct"' in page and 'href="glossary.md' not in page
    # a text progress bar shows its last state only
    assert "bar 5/5" in page and "bar 0/5" not in page


def test_key_results_take_the_tagged_figure_and_the_headline(tmp_path):
    from utils.run import key_results

    _, nb = _executed(tmp_path)
    png, headline = key_results(nb)
    assert png == b"KEY" and headline == "n = 17"
    nb.cells[3].metadata["tags"] = []  # untagged: the first figure of the notebook
    nb.cells[2].metadata["tags"] = []
    assert key_results(nb) == (b"\x89PNG fake", "")


def test_glossary_page_has_github_anchors_and_the_index_shows_cards(tmp_path):
    from utils.run import Result, glossary_html, write_index

    source = tmp_path / "glossary.md"
    source.write_text("# Glossary\n\n### DCT\nDocument creation time.\n\n### G-squared\nG², see [PMI](glossary.md#pmi).\n",
                      encoding="utf-8")
    page = glossary_html(source, tmp_path).read_text(encoding="utf-8")
    assert '<h3 id="dct">DCT</h3>' in page and '<h3 id="g-squared">' in page
    assert 'href="glossary.html#pmi"' in page
    results = [Result("00_a.ipynb", 1.5, True, "00 · A", thumbnail="00_a.png", headline="17 sentences"),
               Result("01_b.ipynb", 2.0, False, "01 · B", error="01_b.ipynb failed in cell 3")]
    index = write_index(results, tmp_path, "bundled", "2024-12-11", glossary=True).read_text(encoding="utf-8")
    assert '<img src="00_a.png"' in index and "<pre>17 sentences</pre>" in index
    assert "FAILED: 01_b.ipynb failed in cell 3" in index and 'href="glossary.html"' in index
