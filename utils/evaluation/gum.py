"""Read GUM CoNLL-U files (Zeldes 2017) into plain records with exact character offsets.

The text of a document is rebuilt from its tokens: a token is followed by a space unless its
MISC column says ``SpaceAfter=No`` (a multiword token such as "It's" contributes its surface form
once, from its range line); sentences of one paragraph are joined by a space and paragraphs
(``# newpar``) by a blank line, so ``text[start:end]`` is the surface form of every span.

From the MISC column:
- ``Entity=``: every mention, with its GUM entity type (person, place, organization, ...), its
  coreference id (mentions with one id form a chain), its minimal span (the ``minspan`` token
  positions, 1-based within the mention) and its Wikipedia identity (``North_Korea``) where it has one;
- ``XML=``: TEI elements; ``<date when="...">`` spans with their value and ``<quote>`` spans.
  Opening tags stand before their token and closing tags after it.
- ``# meta::dateCreated`` is the document date (DCT), ``# meta::genre`` the genre.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

_ENTITY_OPEN = re.compile(r"\((\d+)-([^()]*)(\))?")
_ENTITY_CLOSE = re.compile(r"(\d+)\)")
_XML_TAG = re.compile(r"<(/?)([A-Za-z]+)([^<>]*)>")
_XML_ATTR = re.compile(r'([A-Za-z_]+):::"([^"]*)"')


class GumError(ValueError):
    """A file that cannot be read as GUM CoNLL-U."""


@dataclass
class GumToken:
    """One syntactic word: character offsets, form, UPOS, head (index in the document, -1 = root), deprel."""

    start: int
    end: int
    form: str
    upos: str
    head: int
    deprel: str


@dataclass
class GumMention:
    """One entity mention; ``tokens`` are document token indices (first, last) inclusive."""

    start: int
    end: int
    text: str
    etype: str
    entity_id: str
    identity: str | None
    tokens: tuple[int, int]
    minspan: tuple[int, ...]

    def head_tokens(self) -> list[int]:
        """Document indices of the minimal-span tokens."""
        return [self.tokens[0] + k - 1 for k in self.minspan if self.tokens[0] + k - 1 <= self.tokens[1]]


@dataclass
class GumSpan:
    """A TEI element span (a date or a quote); ``value`` is the date's ``when`` (None for quotes)."""

    start: int
    end: int
    text: str
    value: str | None = None


@dataclass
class GumDocument:
    """One GUM document: id, genre, DCT, text, sentences (start, end), tokens and annotations."""

    doc_id: str
    genre: str
    dct: _dt.date | None
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[GumToken] = field(default_factory=list)
    mentions: list[GumMention] = field(default_factory=list)
    dates: list[GumSpan] = field(default_factory=list)
    quotes: list[GumSpan] = field(default_factory=list)

    def chains(self) -> dict[str, list[GumMention]]:
        """Mentions grouped by coreference id, in text order."""
        out: dict[str, list[GumMention]] = {}
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            out.setdefault(m.entity_id, []).append(m)
        return out


def _misc(column: str) -> dict[str, str]:
    out = {}
    for item in column.split("|"):
        key, _, value = item.partition("=")
        out[key] = value
    return out


def _parse_entity(spec: str) -> tuple[str, str | None, tuple[int, ...]]:
    """(etype, identity, minspan) from ``etype-infstat-salience-centering-minspan-link[-identity]``."""
    parts = spec.split("-")
    if len(parts) < 6:
        raise GumError(f"entity annotation {spec!r} has fewer than the 6 fields of GUM's Entity format")
    minspan = tuple(int(k) for k in parts[4].split(",") if k.isdigit())
    identity = "-".join(parts[6:]) or None
    return parts[0], identity, minspan


class _Builder:
    """Accumulates text, tokens and open spans while the lines of one document are read."""

    def __init__(self, doc_id: str) -> None:
        self.doc = GumDocument(doc_id=doc_id, genre="", dct=None, text="")
        self.parts: list[str] = []
        self.pos = 0
        self.new_par = False
        self.sent_start: int | None = None
        self.sent_base = 0
        self.open_entities: dict[str, list[tuple[int, str, str | None, tuple[int, ...]]]] = {}
        self.open_xml: list[tuple[str, int, dict[str, str]]] = []
        self.mwt_end = 0
        self.mwt_start = self.mwt_stop = self.mwt_cursor = 0
        self.mwt_form = ""

    def emit(self, form: str, space: bool) -> tuple[int, int]:
        start = self.pos
        self.parts.append(form)
        self.pos += len(form)
        if space:
            self.parts.append(" ")
            self.pos += 1
        return start, start + len(form)

    def separate(self) -> None:
        """Before a sentence: a blank line after a paragraph, else one space (none at the start)."""
        while self.parts and self.parts[-1] == " ":
            self.parts.pop()
            self.pos -= 1
        if self.parts:
            sep = "\n\n" if self.new_par else " "
            self.parts.append(sep)
            self.pos += len(sep)
        self.new_par = False

    def token(self, cols: list[str], start: int, end: int) -> None:
        misc = _misc(cols[9])
        index = len(self.doc.tokens)
        head = int(cols[6]) - 1 + self.sent_base if cols[6].isdigit() and cols[6] != "0" else -1
        self.doc.tokens.append(GumToken(start, end, cols[1], cols[3], head, cols[7]))
        self._xml(misc.get("XML", ""), index, opening=True)
        self._entities(misc.get("Entity", ""), index)
        self._xml(misc.get("XML", ""), index, opening=False)

    def _entities(self, spec: str, index: int) -> None:
        for match in _ENTITY_OPEN.finditer(spec):
            etype, identity, minspan = _parse_entity(match.group(2))
            self.open_entities.setdefault(match.group(1), []).append((index, etype, identity, minspan))
            if match.group(3):
                self._close_entity(match.group(1), index)
        for match in _ENTITY_CLOSE.finditer(_ENTITY_OPEN.sub("", spec)):
            self._close_entity(match.group(1), index)

    def _close_entity(self, entity_id: str, last: int) -> None:
        stack = self.open_entities.get(entity_id)
        if not stack:
            raise GumError(f"{self.doc.doc_id}: entity {entity_id} closed but never opened")
        first, etype, identity, minspan = stack.pop()
        start, end = self.doc.tokens[first].start, self.doc.tokens[last].end
        self.doc.mentions.append(GumMention(start, end, "", etype, entity_id, identity, (first, last), minspan))

    def _xml(self, spec: str, index: int, opening: bool) -> None:
        for close, name, raw in _XML_TAG.findall(spec):
            if opening and not close:
                self.open_xml.append((name, index, dict(_XML_ATTR.findall(raw))))
            elif not opening and close:
                self._close_xml(name, index)

    def _close_xml(self, name: str, last: int) -> None:
        for k in range(len(self.open_xml) - 1, -1, -1):
            if self.open_xml[k][0] == name:
                _, first, attrs = self.open_xml.pop(k)
                span = GumSpan(self.doc.tokens[first].start, self.doc.tokens[last].end, "", attrs.get("when"))
                if name == "date":
                    self.doc.dates.append(span)
                elif name == "quote":
                    self.doc.quotes.append(span)
                return

    def finish(self) -> GumDocument:
        while self.parts and self.parts[-1] == " ":
            self.parts.pop()
        doc = self.doc
        doc.text = "".join(self.parts)
        for item in [*doc.mentions, *doc.dates, *doc.quotes]:
            item.text = doc.text[item.start:item.end]
        doc.mentions.sort(key=lambda m: (m.start, -m.end))
        doc.dates.sort(key=lambda d: d.start)
        doc.quotes.sort(key=lambda q: q.start)
        return doc


def _comment(b: _Builder, line: str) -> None:
    if line.startswith("# newpar") and not line.startswith("# newpar_block"):
        b.new_par = True
    elif line.startswith("# meta::dateCreated"):
        value = line.split("=", 1)[1].strip()
        try:
            b.doc.dct = _dt.date.fromisoformat(value[:10])
        except ValueError:
            b.doc.dct = None
    elif line.startswith("# meta::genre"):
        b.doc.genre = line.split("=", 1)[1].strip()


def _mwt_part(b: _Builder, form: str) -> tuple[int, int]:
    """A word's own offsets inside its multiword token when the forms spell it out, else the whole token."""
    if b.mwt_form.startswith(form.lower(), b.mwt_cursor):
        start = b.mwt_start + b.mwt_cursor
        b.mwt_cursor += len(form)
        return start, start + len(form)
    return b.mwt_start, b.mwt_stop


def _line(b: _Builder, line: str) -> None:
    cols = line.split("\t")
    if len(cols) != 10:
        raise GumError(f"{b.doc.doc_id}: a token line needs 10 tab-separated columns, got {len(cols)}: {line[:60]!r}")
    if "." in cols[0]:
        return  # an empty node (enhanced graph) has no surface form
    if b.sent_start is None:
        b.separate()
        b.sent_start = b.pos
        b.sent_base = len(b.doc.tokens)
    if "-" in cols[0]:
        first, last = (int(x) for x in cols[0].split("-"))
        b.mwt_end = last
        b.mwt_start, b.mwt_stop = b.emit(cols[1], _misc(cols[9]).get("SpaceAfter") != "No")
        b.mwt_form, b.mwt_cursor = cols[1].lower(), 0
        return
    if int(cols[0]) <= b.mwt_end:
        b.token(cols, *_mwt_part(b, cols[1]))
        return
    start, end = b.emit(cols[1], _misc(cols[9]).get("SpaceAfter") != "No")
    b.token(cols, start, end)


def read_gum(path: str | Path) -> GumDocument:
    """Read one GUM ``.conllu`` file; raises GumError on malformed lines or unbalanced entities."""
    path = Path(path)
    b = _Builder(path.stem)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            b.doc.doc_id = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            _comment(b, line)
        elif not line.strip():
            if b.sent_start is not None:
                end = b.pos - 1 if b.parts and b.parts[-1] == " " else b.pos
                b.doc.sentences.append((b.sent_start, end))
            b.sent_start, b.mwt_end = None, 0
        else:
            _line(b, line)
    if b.sent_start is not None:
        end = b.pos - 1 if b.parts and b.parts[-1] == " " else b.pos
        b.doc.sentences.append((b.sent_start, end))
    open_ids = [k for k, v in b.open_entities.items() if v]
    if open_ids:
        raise GumError(f"{b.doc.doc_id}: entities opened but never closed: {', '.join(open_ids)}")
    return b.finish()


def read_gum_folder(folder: str | Path, pattern: str = "GUM_*.conllu") -> list[GumDocument]:
    """Every GUM document of a folder, in file-name order."""
    files = sorted(Path(folder).glob(pattern))
    if not files:
        raise FileNotFoundError(f"no {pattern} files in {folder}")
    return [read_gum(p) for p in files]
