"""Read PolNeAR (Newell, Margolin and Ruths 2018) attribution annotations into plain records.

A PolNeAR folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann`` (brat
standoff). Text-bound lines ``T<k>\\t<Label> <start> <end>[;<start> <end>...]\\t<surface>`` give
``Source``, ``Cue`` and ``Content`` spans (a span may be discontinuous); event lines
``E<k>\\tAttribution:T<a> Content:T<c> Cue:T<q> Source:T<s>`` join them into one attribution
(the source may be missing). Offsets are character offsets into the article text. Where an
article was annotated by more than one annotator, the first annotation file in name order is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Spans = tuple[tuple[int, int], ...]


class PolnearError(ValueError):
    """A PolNeAR file that cannot be read."""


@dataclass
class Attribution:
    """One attribution relation: source (may be empty), cue and content spans."""

    source: Spans
    cue: Spans
    content: Spans

    @staticmethod
    def extent(spans: Spans) -> tuple[int, int] | None:
        """(first start, last end) of some spans, None when there are none."""
        return (spans[0][0], spans[-1][1]) if spans else None


@dataclass
class PolnearDocument:
    """One article: id, text, annotator and attributions (in content order)."""

    doc_id: str
    text: str
    annotator: str
    attributions: list[Attribution] = field(default_factory=list)

    def surface(self, spans: Spans) -> str:
        """The text of some spans, joined by a space."""
        return " ".join(self.text[s:e] for s, e in spans)


def _spans(field_: str, where: str) -> Spans:
    try:
        pairs = [tuple(int(x) for x in part.split()) for part in field_.split(";")]
    except ValueError as exc:
        raise PolnearError(f"{where}: offsets {field_!r} are not numbers") from exc
    if any(len(p) != 2 or p[0] > p[1] for p in pairs):
        raise PolnearError(f"{where}: offsets {field_!r} are not start-end pairs")
    return tuple(sorted(pairs))  # type: ignore[arg-type]


def read_ann(ann: str, text: str, where: str = "annotation") -> list[Attribution]:
    """Attributions of one brat standoff annotation over ``text`` (offsets checked against it)."""
    bound: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            spans = _spans(offsets, f"{where} {cols[0]}")
            if spans[-1][1] > len(text):
                raise PolnearError(f"{where} {cols[0]}: offset {spans[-1][1]} is past the end of the text")
            bound[cols[0]] = (label, spans)
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg))
    out = []
    for ev in events:
        get = {role: bound[ev[role]][1] if ev.get(role) in bound else () for role in ("Source", "Cue", "Content")}
        if get["Content"] or get["Cue"]:
            out.append(Attribution(get["Source"], get["Cue"], get["Content"]))
    out.sort(key=lambda a: (a.content or a.cue)[0])
    return out


def read_polnear(folder: str | Path, limit: int | None = None) -> list[PolnearDocument]:
    """The articles of a PolNeAR split folder (``text/`` + ``attributions/``), in name order."""
    folder = Path(folder)
    texts = {p.stem: p for p in sorted((folder / "text").glob("*.txt"))}
    if not texts:
        raise FileNotFoundError(f"no text/*.txt files in {folder}")
    docs: list[PolnearDocument] = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article, _, annotator = ann.stem.rpartition("_")
        if article not in texts or any(d.doc_id == article for d in docs[-3:]):
            continue
        text = texts[article].read_text(encoding="utf-8")
        docs.append(PolnearDocument(article, text, annotator, read_ann(ann.read_text(encoding="utf-8"), text, ann.name)))
        if limit is not None and len(docs) >= limit:
            break
    return docs
