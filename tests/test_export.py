"""utils.export: one call writes a table to CSV; data/ is refused."""

from __future__ import annotations

import pandas as pd
import pytest

from utils.export import TABLES, export
from utils.report import DATA_DIR


def test_export_writes_a_csv_that_reads_back(tmp_path):
    table = pd.DataFrame({"sentence_id": [1, 2], "text": ["Ça va, “oui”.", "Two"]})
    path = export(table, "sentences", tmp_path / "tables")
    assert path == tmp_path / "tables" / "sentences.csv"
    assert path.read_text(encoding="utf-8").splitlines()[0] == "sentence_id,text"
    pd.testing.assert_frame_equal(pd.read_csv(path), table)
    # a Series keeps its index (the labels it is counted by)
    counts = pd.Series({"negative": 9, "neutral": 7}, name="sentences")
    assert pd.read_csv(export(counts, "labels.csv", tmp_path), index_col=0).sentences.to_dict() == counts.to_dict()


def test_export_default_folder_and_bad_input(tmp_path):
    assert TABLES.parts[-2:] == ("outputs", "tables")
    with pytest.raises(ValueError, match="inside data/"):
        export(pd.DataFrame({"a": [1]}), "x", DATA_DIR / "tables")
    with pytest.raises(ValueError, match="plain file name"):
        export(pd.DataFrame({"a": [1]}), "../escape", tmp_path)
    with pytest.raises(TypeError, match="DataFrame"):
        export([1, 2], "x", tmp_path)
