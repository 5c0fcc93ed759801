"""Read TimeML (.tml) files and score a temporal tagger with the TempEval-3 Task A measures.

A .tml file holds the document creation time (DCT) in a ``TIMEX3`` with
``functionInDocument="CREATION_TIME"`` outside ``<TEXT>``, and the gold ``TIMEX3`` tags inside
``<TEXT>``. :func:`read_tml` strips every tag from the ``<TEXT>`` part and returns the plain text
with the character offsets of the gold timexes in it, so ``text[start:end]`` is each timex.

:func:`score` follows TempEval-3 Task A (UzZaman et al. 2013): a system timex matches a gold one
*relaxed* when their extents overlap and *strictly* when the extents are identical (one-to-one);
precision is matches / system timexes, recall is matches / gold timexes. The attribute measures
(type, value) count a timex as right when it matches relaxed and its attribute is identical, so
attribute F1 = relaxed F1 x attribute accuracy on the matched pairs.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from utils.evaluation import f1

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)\s*=\s*"([^"]*)"')

TIMEX_COLUMNS = ["start", "end", "text", "type", "value"]


class TimeMLError(ValueError):
    """A .tml file that cannot be read as TimeML."""


@dataclass
class TimeMLDocument:
    """One TimeML document: its id, DCT, plain text and gold timexes (``TIMEX_COLUMNS``)."""

    doc_id: str
    dct: _dt.date | None
    text: str
    timexes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TIMEX_COLUMNS))


def _attrs(raw: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(raw)}


def _dct(head: str) -> _dt.date | None:
    for match in _TAG.finditer(head):
        if match.group(2) == "TIMEX3" and not match.group(1):
            attrs = _attrs(match.group(3))
            if attrs.get("functionInDocument") == "CREATION_TIME":
                value = attrs.get("value", "")[:10]
                try:
                    return _dt.date.fromisoformat(value)
                except ValueError:
                    return None
    return None


def parse_tml(source: str, doc_id: str = "doc") -> TimeMLDocument:
    """Parse the content of a .tml file (a string); see :func:`read_tml`."""
    if not isinstance(source, str):
        raise TypeError(f"parse_tml expects the content of a .tml file as a str, got {type(source).__name__}.")
    begin = re.search(r"<TEXT[^>]*>", source)
    close = source.rfind("</TEXT>")
    if not begin or close < begin.end():
        raise TimeMLError(f"{doc_id}: no <TEXT>...</TEXT> element, so this is not a TimeML document.")
    dct = _dct(source[: begin.start()] + source[close:])
    body = source[begin.end() : close]
    parts: list[str] = []
    length, open_timex, rows = 0, None, []
    pos = 0
    for match in _TAG.finditer(body):
        chunk = html.unescape(body[pos : match.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = match.end()
        if match.group(2) != "TIMEX3":
            continue
        if match.group(1):  # closing tag
            if open_timex is None:
                raise TimeMLError(f"{doc_id}: </TIMEX3> without an opening tag.")
            rows.append((open_timex[0], length, open_timex[1].get("type", ""), open_timex[1].get("value", "")))
            open_timex = None
        elif not match.group(4):
            open_timex = (length, _attrs(match.group(3)))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    frame = pd.DataFrame(
        [(s, e, text[s:e], t, v) for s, e, t, v in rows], columns=TIMEX_COLUMNS
    )
    return TimeMLDocument(doc_id=doc_id, dct=dct, text=text, timexes=frame)


def read_tml(path: str | Path) -> TimeMLDocument:
    """Read one .tml file: DCT, plain text of ``<TEXT>`` and the gold timexes with offsets into it."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No TimeML file at '{path}'.")
    return parse_tml(path.read_text(encoding="utf-8"), doc_id=path.stem)


def read_folder(*folders: str | Path) -> list[TimeMLDocument]:
    """Every ``*.tml`` file in the given folders (sorted by name), read with :func:`read_tml`."""
    docs = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise FileNotFoundError(f"No folder '{folder}'.")
        docs.extend(read_tml(p) for p in sorted(folder.glob("*.tml")))
    return docs


def _match(gold: list[tuple], system: list[tuple]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching: pairs (gold index, system index) with overlapping extents."""
    pairs, used = [], set()
    for gi, (gs, ge, *_) in enumerate(gold):
        best, best_overlap = None, 0
        for si, (ss, se, *_) in enumerate(system):
            overlap = min(ge, se) - max(gs, ss)
            if si not in used and overlap > best_overlap:
                best, best_overlap = si, overlap
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def score(pairs: Iterable[tuple[pd.DataFrame, pd.DataFrame]]) -> pd.DataFrame:
    """TempEval-3 Task A measures over documents given as ``(gold, system)`` frame pairs.

    Each frame needs ``start, end, type, value``. Returns one row per measure (``strict``,
    ``relaxed``, ``type``, ``value``) with ``precision, recall, f1`` and the counts
    ``correct, system, gold``.
    """
    counts = {"strict": 0, "relaxed": 0, "type": 0, "value": 0}
    n_gold = n_sys = 0
    for gold, system in pairs:
        g = list(gold[["start", "end", "type", "value"]].itertuples(index=False, name=None))
        s = list(system[["start", "end", "type", "value"]].itertuples(index=False, name=None))
        n_gold += len(g)
        n_sys += len(s)
        for gi, si in _match(g, s):
            counts["relaxed"] += 1
            counts["strict"] += g[gi][:2] == s[si][:2]
            counts["type"] += g[gi][2] == s[si][2]
            counts["value"] += str(g[gi][3]) == str(s[si][3])
    rows = []
    for measure, correct in counts.items():
        p = correct / n_sys if n_sys else 0.0
        r = correct / n_gold if n_gold else 0.0
        rows.append((measure, p, r, f1(p, r), correct, n_sys, n_gold))
    return pd.DataFrame(rows, columns=["measure", "precision", "recall", "f1", "correct", "system", "gold"])
