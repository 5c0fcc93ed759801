"""utils.run: the main job's command line (the notebooks themselves run in test_notebooks.py)."""

from __future__ import annotations

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


def test_only_renders_the_chosen_notebook_and_an_index(tmp_path, capsys):
    assert main(["--only", "00_", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "00_the_report.html").exists() and (tmp_path / "index.html").exists()
    assert "00_the_report.html" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "ok      00_the_report.ipynb" in capsys.readouterr().out
