"""The evaluation command's own logic (the gold in ../shared is read only by the command itself)."""

from __future__ import annotations

import pytest

from bench.evaluate import END, START, main, readme_with


def test_readme_table_is_replaced_between_the_markers_only():
    readme = f"# T\n\nintro\n{START}\nold | table\n{END}\n\nafter\n"
    assert readme_with(readme, "| new |\n") == f"# T\n\nintro\n{START}\n| new |\n{END}\n\nafter\n"
    with pytest.raises(ValueError, match="markers"):
        readme_with("# no markers\n", "| new |\n")


def test_missing_gold_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["--shared", str(tmp_path / "nowhere")]) == 2
    assert "no gold folder" in capsys.readouterr().err
