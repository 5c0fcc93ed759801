"""Every notebook runs top to bottom, headless, in a fresh kernel; and follows the notebook pattern."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from utils.run import NOTEBOOKS, NotebookFailed, execute, notebook_paths

PATHS = notebook_paths()
IDS = [p.stem for p in PATHS]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell.get("source", ""))


def test_the_sequence_starts_with_00():
    assert PATHS and PATHS[0].name == "00_the_report.ipynb"
    numbers = [p.name[:2] for p in PATHS]
    assert len(set(numbers)) == len(numbers), "two notebooks share a number"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_notebook_follows_the_pattern(path):
    cells = _cells(path)
    header = _source(cells[0])
    assert cells[0]["cell_type"] == "markdown" and header.startswith(f"# {path.name[:2]} \u00b7 "), \
        f"{path.name}: the title must read '# {path.name[:2]} \u00b7 ...'"
    for part in ("Learning goals", "prerequisite", "Time", "Libraries"):
        assert part.lower() in header.lower(), f"{path.name}: the header lacks '{part}'"
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and "report_path" in _source(tagged[0]) and "dct" in _source(tagged[0])
    code = [c for c in cells if c["cell_type"] == "code"]
    assert not any(c.get("outputs") for c in code), f"{path.name} is committed with outputs"
    ids = [c.get("id") for c in cells]  # nbformat 4.5: every cell has its own id
    assert all(ids) and len(set(ids)) == len(ids), f"{path.name}: a cell without an id, or two with the same"
    for cell in code:
        src = _source(cell)
        for banned in ("sys.path", "pip install", "nltk.download", "spacy download"):
            assert banned not in src, f"{path.name}: '{banned}' in a code cell"
    hidden = [c for c in code if c.get("metadata", {}).get("jupyter", {}).get("source_hidden")]
    assert 2 <= len(hidden) <= 4, f"{path.name}: {len(hidden)} hidden solutions, the pattern asks for 2 to 4"
    text = "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown")
    # notebook 06 defines no measure of its own: its section points to the notebooks that do
    sections = ["What exactly are we measuring", "Check it yourself", "Exercises", "Summary", "What's next",
                "Further reading"]
    for part in sections:
        assert part in text, f"{path.name}: no '{part}' section"


def _figures(cells: list[dict]) -> int:
    return sum("image/png" in o.get("data", {}) for c in cells for o in c.get("outputs", []))


@pytest.mark.notebook
@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_notebook_runs_headless_in_a_fresh_kernel(path, tmp_path):
    executed = execute(path, tmp_path)
    cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    assert any(c.get("outputs") for c in cells if c["cell_type"] == "code")
    # every cell that draws a figure shows it (once, matplotlib's inline backend hid all but the first)
    for cell in cells:
        if cell["cell_type"] == "code" and re.search(r"^fig = |\bplots\.\w+\(", _source(cell), re.M):
            images = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
            assert images, f"{path.name}: a figure cell shows no figure:\n{_source(cell)[:200]}"
    assert _figures(cells) >= 1, f"{path.name} shows no figure"


FIXTURE = Path(__file__).parent / "fixtures" / "hollingford_flood.txt"


@pytest.mark.notebook
@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_notebook_runs_on_another_report(path, tmp_path):
    # the invented fixture report (tests/fixtures), with its own date: no notebook may depend on
    # facts of the bundled report in its code
    executed = execute(path, tmp_path, report_path=str(FIXTURE), dct="2025-03-06")
    cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    injected = [c for c in cells if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
    assert injected and "hollingford_flood.txt" in _source(injected[0])


def test_style_keeps_interactive_mode_switched_on_inside_it():
    """Jupyter's inline backend switches interactive mode on when the first figure is made (inside
    ``style()``); leaving the block must not switch it off, or later figures are never shown."""
    import matplotlib

    from utils.plots import style

    before = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with style():
            matplotlib.interactive(True)  # what the backend does on first use
        assert matplotlib.is_interactive()
        with style():
            assert matplotlib.rcParams["axes.spines.top"] is False
        assert matplotlib.rcParams["axes.spines.top"] is True, "the style leaked out of the block"
    finally:
        matplotlib.interactive(before)


def test_a_failing_cell_is_named(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("1 / 0")])
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, str(path))
    with pytest.raises(NotebookFailed, match=r"broken.ipynb failed in cell \d+ .*ZeroDivisionError"):
        execute(path, tmp_path / "out")
    assert (tmp_path / "out" / "broken.ipynb").exists()


def test_notebooks_folder_is_the_projects():
    assert NOTEBOOKS.name == "notebooks" and NOTEBOOKS.is_dir()


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_solutions_are_tagged_consistently(path):
    # the HTML folds cells tagged "solution"; JupyterLab collapses cells with source_hidden: both, always
    for cell in _cells(path):
        meta = cell.get("metadata", {})
        hidden = bool(meta.get("jupyter", {}).get("source_hidden"))
        tagged = "solution" in meta.get("tags", [])
        assert hidden == tagged, f"{path.name}: a cell is {'hidden' if hidden else 'tagged solution'} but not " \
            f"{'tagged solution' if hidden else 'hidden'}:\n{_source(cell)[:120]}"
    key = [c for c in _cells(path) if "key-figure" in c.get("metadata", {}).get("tags", [])]
    assert len(key) <= 1, f"{path.name}: more than one cell tagged key-figure"


def test_glossary_links_point_to_existing_entries():
    from utils.run import GLOSSARY, _slug

    glossary = (NOTEBOOKS / GLOSSARY).read_text(encoding="utf-8")
    anchors = {_slug(line.lstrip("#").strip()) for line in glossary.splitlines() if line.startswith("#")}
    links = set()
    for path in PATHS:
        for cell in _cells(path):
            links |= set(re.findall(r"\]\(glossary\.md#([^)]+)\)", _source(cell)))
    assert links, "no notebook links to the glossary"
    assert links <= anchors, f"links to missing glossary entries: {sorted(links - anchors)}"
