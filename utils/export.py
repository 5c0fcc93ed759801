"""Write any table of the notebooks to a CSV file with one call, for citing or for other tools.

    from utils.export import export
    export(sentences(text), "sentences")          # -> outputs/tables/sentences.csv

Files are UTF-8 with a header row and no index column (the tables carry their own ids, such as
``sentence_id``). Nothing is ever written into ``data/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from utils.report import DATA_DIR, PROJECT_ROOT

TABLES = PROJECT_ROOT / "outputs" / "tables"


def export(table: pd.DataFrame | pd.Series, name: str, folder: str | Path | None = None) -> Path:
    """Write ``table`` as ``<folder>/<name>.csv`` (default folder: ``outputs/tables/``); return the path.

    ``name`` is a plain file name (letters, digits, ``-``, ``_``, ``.``); a Series is written as a
    one-column table. Raises ``ValueError`` for another name, and for a folder inside ``data/``,
    which holds the report and its gold annotations and is never written.
    """
    if not isinstance(table, pd.DataFrame | pd.Series):
        raise TypeError(f"export writes a pandas DataFrame or Series, not {type(table).__name__}.")
    if not isinstance(name, str) or not re.fullmatch(r"[\w.-]+", name) or name.strip(".") == "":
        raise ValueError(f"{name!r} is not a plain file name: use letters, digits, '-', '_' and '.' only.")
    target_dir = Path(TABLES if folder is None else folder).expanduser().resolve()
    if target_dir == DATA_DIR or DATA_DIR in target_dir.parents:
        raise ValueError(f"{target_dir} is inside data/, which is never written: choose another folder.")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / (name if name.endswith(".csv") else f"{name}.csv")
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    frame.to_csv(target, index=isinstance(table, pd.Series), encoding="utf-8")
    return target
