"""Score :mod:`utils.entities` against gold names: GUM (development) and the bundled report (in-sample).

What counts as a gold *named* mention in GUM
--------------------------------------------
GUM marks every mention (pronouns and common nouns too). A GUM mention gives a named mention when
its type is person, place or organization and its *anchor* is a proper-noun token: the mention's
syntactic head (the token whose head lies outside the mention) if that is a capitalised PROPN,
else, for places and organisations, the first capitalised PROPN of its minimal span ("the New
Territories West constituency"; "the Star Wars lead" is a person described, not named).
The name is the run of name tokens around the anchor, inside the mention:

- a person's name is a run of capitalised PROPN tokens ("Olaf Scholz"); it starts after the last
  title or honorific of the run (:data:`utils.entities.TITLE_WORDS`: "US President Barack Obama"
  -> "Barack Obama"); GUM makes the title noun the head of "captain Andreas Granqvist", so a
  person's anchor may also be a PROPN in apposition (flat, appos) to the head, the last one of the
  mention, whether or not GUM's minimal span holds it (so may a place's or organisation's, before the
  proper nouns of its minimal span: "the debutants Norland", "Norland's news agency Norland Press"
  gives "Norland Press", not "Norland"), and a title heading the mention ("Professor
  ... Ann Cole") is no anchor; a person's name is one phrase (its words depend on each other), so
  "Washington State University Ann Cole" gives "Ann Cole";
- a person's "name" after "the" ("the Home Secretary", "The Poet") or of one word followed by "of"
  ("Man of the Match") is a role written with capitals, not a name (OntoNotes tags no titles);
- a place's or organisation's name may also hold capitalised adjectives, nouns and numbers ("Civic
  Party") and the joining words of :data:`NAME_JOINERS` between name tokens ("Bank of England");
- words joined by a hyphen without spaces stay one word ("Cheng Chung-tai").

A name that is a demonym ("Germans") is NORP in OntoNotes, not a person: it is left out. Two GUM
mentions giving the same span (a coordination and its first conjunct) count once, with the type
and coreference chain of the smaller mention. Names are flat, as in OntoNotes and CoNLL: GUM
nests "England" inside "the Bank of England", but only the longer name counts. Named mentions of one coreference chain are one
gold entity, and so are chains with one Wikipedia identity (GUM sometimes keeps "English captain X"
as a singleton beside the chain of "X"; interviewees have a chain, not always an identity).

These three conventions (apposition beyond the minimal span, roles, chains joined by identity) were
added in the second entities session, after reading GUM's failures: before them the gold held
"Man" and "Home Secretary" as people and missed "coauthor Ann Cole"-like names. On the 35 GUM
documents strict F1 went 0.721 (n=1,410) -> 0.726 (n=1,399) and the canonical count score 0.686
(n=226) -> 0.715 (n=228) with the same predictions.

Canonical counts: a gold entity with two or more named mentions is right when the predictions
that overlap its mentions most all belong to one predicted entity, every gold mention is
overlapped, and that entity has as many mentions in the document (:func:`canonical_counts`). The
main row counts every predicted mention; a second row leaves out predictions that GUM cannot judge
(:func:`judged_only`: no gold named mention overlaps them and no GUM mention of any kind lies inside
them, as "NATO" in "the NATO military alliance", which GUM does not mark as a mention of NATO). On
the 35 documents at the end of the second entities session: 0.803 (n=228) counting all
predictions, 0.825 (n=228) with the unjudged ones left out.

Types: the scorers compare GUM types; spaCy's labels are mapped by :data:`LABEL_TO_TYPE`.

=============  ==============  ==========================================================
spaCy label    GUM type        note
=============  ==============  ==========================================================
PERSON         person
GPE            place           countries, cities, states
LOC            place           regions, rivers, mountains
FAC            place           GUM types buildings, airports and roads as places
ORG            organization
NORP           (not scored)    nationalities, religions, parties as adjectives: GUM has no
                               named mention for "German"; "the Germans" is a group of people
EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE   (not scored)   GUM event/object/abstract names
                               are not scored
=============  ==============  ==========================================================

The bundled report's gold (``data/gold/entities.csv``) uses spaCy's labels; it is scored with
the same mapping (NORP left out) and also on all its labels as they are.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from utils import entities as ent
from utils.evaluation import prf, row, rows_frame
from utils.evaluation.gum import GumDocument, GumMention, read_gum_folder
from utils.text import parse_many

LABEL_TO_TYPE = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organization"}
SCORED_TYPES = ("person", "place", "organization")
NAME_JOINERS = frozenset({"of", "for", "de", "&"})
GOLD_COLUMNS = ["doc", "start", "end", "text", "type", "entity", "identity"]
SCORE_COLUMNS = ["type", "match", "tp", "fp", "fn", "precision", "recall", "f1"]
COUNT_COLUMNS = ["doc", "entity", "text", "gold_mentions", "pred_entities", "pred_mentions", "right"]
ABLATION_COLUMNS = ["rule", "strict_f1", "delta"]


# --- gold named mentions in GUM -----------------------------------------------------------------


def _is_name_token(doc: GumDocument, i: int, etype: str) -> bool:
    tok = doc.tokens[i]
    if not tok.form[:1].isupper():
        return False
    if tok.upos == "PROPN":
        return True
    return etype != "person" and tok.upos in {"ADJ", "NOUN", "NUM", "VERB", "X"}


def _glued(doc: GumDocument, i: int, j: int) -> bool:
    """Tokens i and j (= i + 1) touch without a space and one is a hyphen: "Chung" "-" "tai"."""
    a, b = doc.tokens[i], doc.tokens[j]
    return a.end == b.start and "-" in (a.form, b.form)


def _anchor(doc: GumDocument, m: GumMention) -> int | None:
    first, last = m.tokens
    roots = [i for i in range(first, last + 1) if not first <= doc.tokens[i].head <= last]
    if roots and doc.tokens[roots[0]].upos == "PROPN" and doc.tokens[roots[0]].form[:1].isupper() \
            and not (m.etype == "person" and ent.is_title(doc.tokens[roots[0]].form)):
        return roots[0]  # a title heading a person's mention ("Professor ... Ann Cole") is no anchor
    def proper(i: int) -> bool:
        return doc.tokens[i].upos == "PROPN" and doc.tokens[i].form[:1].isupper()

    # "captain Andreas Granqvist": a name in apposition to the head noun, whether or not GUM's minimal
    # span holds it ("coauthor Ann Cole", "debutants Norland"); the last one, as the name closes the
    # phrase ("CEO of the Refugee Council Ann Cole"); "the Star Wars lead" is described, not named
    appos = [i for i in range(first, last + 1)
             if proper(i) and doc.tokens[i].deprel in {"flat", "appos"} and doc.tokens[i].head in roots][-1:]
    heads = appos or ([] if m.etype == "person" else [i for i in m.head_tokens() if proper(i)])
    return heads[0] if heads else None


def _name_run(doc: GumDocument, m: GumMention, anchor: int) -> tuple[int, int]:
    """First and last token (inclusive) of the name around ``anchor``, inside the mention."""
    first, last = m.tokens

    def inside(i: int) -> bool:  # a person's name is one phrase: "University Ann Cole" is two names
        return _is_name_token(doc, i, m.etype) and (m.etype != "person" or attached(i))

    def attached(i: int) -> bool:  # i depends on the run, the run on i, or both are flat under one head
        tok = doc.tokens[i]
        return lo <= tok.head <= hi or any(doc.tokens[k].head == i or (doc.tokens[k].head == tok.head
                                                                       and tok.deprel == "flat")
                                           for k in range(lo, hi + 1))

    def joins(i: int, step: int) -> bool:  # a joining word at i links the run to the name token i + step
        return m.etype != "person" and doc.tokens[i].form in NAME_JOINERS and inside(i + step)

    lo = hi = anchor
    while True:
        if hi + 1 <= last and (inside(hi + 1) or _glued(doc, hi, hi + 1)):
            hi += 1
        elif hi + 2 <= last and joins(hi + 1, 1):
            hi += 2
        else:
            break
    while True:
        if lo - 1 >= first and (inside(lo - 1) or _glued(doc, lo - 1, lo)):
            lo -= 1
        elif lo - 2 >= first and joins(lo - 1, -1):
            lo -= 2
        else:
            break
    while hi > lo and not doc.tokens[hi].form[:1].isalnum():
        hi -= 1  # a name does not end in a hyphen
    if m.etype == "person":  # "US President Barack Obama": the name starts after the last title
        titles = [i for i in range(lo, hi) if ent.is_title(doc.tokens[i].form)]
        lo = titles[-1] + 1 if titles else lo
    return lo, hi


def _is_role(doc: GumDocument, m: GumMention, lo: int, hi: int) -> bool:
    """A person's "name" that is a role written with capitals: after "the" ("the Home Secretary",
    "the Team Manager", "The Poet") or one word followed by "of" ("Man of the Match").
    English names of people take no article and no of-phrase; OntoNotes tags no titles or roles."""
    first, last = m.tokens
    before = doc.tokens[lo - 1].form.lower() if lo > first else ""
    after = doc.tokens[hi + 1].form.lower() if hi < last else ""
    return before == "the" or (after == "of" and lo == hi)  # "Ann Wu of the Labour Party" is a name


def gold_entity_of(doc: GumDocument) -> dict[str, str]:
    """{coreference chain id: gold entity id}: chains with one Wikipedia identity are one entity (the
    first chain's id). GUM sometimes splits a named referent into two chains (a singleton "English
    captain X" beside the chain of "X"); the identity says they are one."""
    identity: dict[str, str] = {}
    for m in doc.mentions:  # in text order
        if m.identity:
            identity.setdefault(m.entity_id, m.identity)
    first: dict[str, str] = {}
    for chain, ident in identity.items():
        first.setdefault(ident, chain)
    return {m.entity_id: first.get(identity.get(m.entity_id, ""), m.entity_id) for m in doc.mentions}


def gum_named_mentions(doc: GumDocument) -> pd.DataFrame:
    """The gold named mentions of one GUM document (see the module docstring for the convention).

    Columns: ``doc, start, end, text, type`` (person / place / organization), ``entity`` (the
    coreference chain id), ``identity`` (Wikipedia identity or None); in text order.
    """
    found: dict[tuple[int, int], tuple[int, GumMention]] = {}
    for m in doc.mentions:
        if m.etype not in SCORED_TYPES:
            continue
        anchor = _anchor(doc, m)
        if anchor is None:
            continue
        lo, hi = _name_run(doc, m, anchor)
        if m.etype == "person" and _is_role(doc, m, lo, hi):
            continue
        start, end = doc.tokens[lo].start, doc.tokens[hi].end
        name = doc.text[start:end]
        if ent.is_title(name) or ent.country_of_demonym(name) is not None:
            continue
        size = m.tokens[1] - m.tokens[0]
        if (start, end) not in found or size < found[(start, end)][0]:
            found[(start, end)] = (size, m)
    spans = sorted(found, key=lambda se: (se[0], -se[1]))
    flat, reach = [], -1
    for s, e in spans:  # flat names: a name inside a longer name is part of it ("Bank of England")
        if e <= reach:
            continue
        flat.append((s, e))
        reach = max(reach, e)
    entity = gold_entity_of(doc)
    rows = [(doc.doc_id, s, e, doc.text[s:e], found[(s, e)][1].etype, entity[found[(s, e)][1].entity_id],
             found[(s, e)][1].identity) for s, e in flat]
    return pd.DataFrame(rows, columns=GOLD_COLUMNS)


# --- predictions --------------------------------------------------------------------------------


def predicted_mentions(doc_id: str, text: str, rules: Iterable[str] | None = None) -> pd.DataFrame:
    """:func:`utils.entities.entity_mentions` of ``text`` with GUM types: ``doc, start, end, text,
    type, entity, is_demonym``; labels that :data:`LABEL_TO_TYPE` does not map are left out."""
    m = ent.entity_mentions(text, rules=rules)
    frame = pd.DataFrame({"doc": doc_id, "start": m.start, "end": m.end, "text": m.text,
                          "type": m.label.map(LABEL_TO_TYPE), "entity": m.entity, "is_demonym": m.is_demonym})
    return frame[frame.type.notna()].reset_index(drop=True)


# --- scorers ------------------------------------------------------------------------------------


def _check_frame(frame: pd.DataFrame, what: str, columns: Sequence[str]) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lacks the columns {missing}")


def _relaxed_hits(pred: pd.DataFrame, gold: pd.DataFrame) -> list[str]:
    """Types of the gold mentions matched one-to-one by an overlapping prediction of their type:
    exact spans pair first, then each remaining gold mention takes the first unused overlapping
    prediction of its type."""
    hits = []
    for doc, g in gold.groupby("doc", sort=False):
        p = pred[pred.doc == doc]
        spans = list(zip(p.start, p.end, p.type, strict=True))
        exact = {s: k for k, s in enumerate(spans)}
        used, rest = set(), []
        for key in zip(g.start, g.end, g.type, strict=True):
            k = exact.get(key)
            if k is not None and k not in used:
                used.add(k)
                hits.append(key[2])
            else:
                rest.append(key)
        for gs, ge, gt in rest:
            k = next((k for k, (ps, pe, pt) in enumerate(spans) if pt == gt and ps < ge and gs < pe and k not in used), None)
            if k is not None:
                used.add(k)
                hits.append(gt)
    return hits


def score_mentions(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of predicted against gold mentions, per type and overall.

    ``pred`` and ``gold`` have ``doc, start, end, type``. ``strict``: same span and type;
    ``relaxed``: overlapping spans (one-to-one) and the same type. Columns: :data:`SCORE_COLUMNS`,
    one row per (type, match) with ``type`` "all" for the overall score.
    """
    _check_frame(pred, "pred", ["doc", "start", "end", "type"])
    _check_frame(gold, "gold", ["doc", "start", "end", "type"])
    types = sorted(set(gold.type) | set(pred.type))
    key = ["doc", "start", "end", "type"]
    p_keys = Counter(map(tuple, pred[key].itertuples(index=False)))
    g_keys = Counter(map(tuple, gold[key].itertuples(index=False)))
    strict = Counter(k[3] for k in (p_keys & g_keys).elements())
    relaxed = Counter(_relaxed_hits(pred, gold))
    n_pred, n_gold = Counter(pred.type), Counter(gold.type)
    rows = []
    for match, tps in (("strict", strict), ("relaxed", relaxed)):
        for t in [*types, "all"]:
            tp = sum(tps.values()) if t == "all" else tps[t]
            np_, ng = (len(pred), len(gold)) if t == "all" else (n_pred[t], n_gold[t])
            rows.append((t, match, tp, np_ - tp, ng - tp, *prf(tp, np_ - tp, ng - tp)))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def judged_only(pred: pd.DataFrame, mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """The predictions that overlap a gold named mention (``gold``) or hold a gold mention of any
    kind (``mentions``: ``doc, start, end``; GUM marks every referring expression, named or not).
    GUM leaves some names without a mention of their own where they modify another noun ("the Bush
    administration", "the NATO alliance"): a prediction there cannot be judged right or wrong."""
    keep = np.zeros(len(pred), dtype=bool)
    docs = pred.doc.to_numpy()
    for doc, m in pd.concat([mentions[["doc", "start", "end"]].assign(named=False),
                             gold[["doc", "start", "end"]].assign(named=True)]).groupby("doc", sort=False):
        rows = np.flatnonzero(docs == doc)
        if rows.size:
            ps, pe = pred.start.to_numpy()[rows, None], pred.end.to_numpy()[rows, None]
            ms, me, named = m.start.to_numpy()[None, :], m.end.to_numpy()[None, :], m.named.to_numpy()[None, :]
            keep[rows] = (((ms >= ps) & (me <= pe)) | (named & (ms < pe) & (me > ps))).any(axis=1)
    return pred[keep]


def canonical_counts(pred: pd.DataFrame, gold: pd.DataFrame, min_mentions: int = 2) -> pd.DataFrame:
    """For each gold entity with ``min_mentions`` or more named mentions: does the project give
    one entity with the same number of mentions?

    ``gold`` has ``doc, start, end, entity, text``; ``pred`` has ``doc, start, end, entity``
    (demonym mentions should be left out before). The predicted entities of a gold entity are
    those of the predictions that overlap its mentions most (one per gold mention); ``right`` is True when there is exactly
    one, every gold mention is overlapped, and it has as many mentions in the document as the
    gold entity. Columns: :data:`COUNT_COLUMNS` (``text``: the longest gold form).
    """
    _check_frame(pred, "pred", ["doc", "start", "end", "entity"])
    _check_frame(gold, "gold", ["doc", "start", "end", "entity", "text"])
    rows = []
    for (doc, entity), g in gold.groupby(["doc", "entity"], sort=False):
        if len(g) < min_mentions:
            continue
        p = pred[pred.doc == doc]
        found, covered = set(), 0
        for gs, ge in zip(g.start, g.end, strict=True):
            overlap = (p.end.clip(upper=ge) - p.start.clip(lower=gs)).to_numpy()
            if overlap.size and overlap.max() > 0:  # the prediction that overlaps the gold mention most
                covered += 1
                found.add(p.entity.iloc[int(overlap.argmax())])
        count = int((p.entity == next(iter(found))).sum()) if len(found) == 1 else 0
        right = len(found) == 1 and covered == len(g) and count == len(g)
        text = max(g.text, key=len)
        rows.append((doc, entity, text, len(g), "; ".join(sorted(map(str, found))), count, right))
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def rule_ablation(texts: dict[str, str], gold: pd.DataFrame, rules: Sequence[str] | None = None) -> pd.DataFrame:
    """Strict F1 (all scored types) with every rule and with each rule switched off by name.

    ``texts``: {doc id: text}. Columns: :data:`ABLATION_COLUMNS`; the first row (rule "(all
    rules)") has delta 0; ``delta`` = F1 without the rule - F1 with all (negative: the rule helps).
    """
    names = list(ent.RULE_NAMES if rules is None else rules)

    def f1(active: list[str]) -> float:
        pred = pd.concat([predicted_mentions(d, t, active) for d, t in texts.items()], ignore_index=True)
        s = score_mentions(pred, gold)
        return float(s[(s.type == "all") & (s.match == "strict")].f1.iloc[0])

    base = f1(names)
    rows = [("(all rules)", base, 0.0), ("(no rules)", f1([]), f1([]) - base)]
    rows += [(name, f1([r for r in names if r != name]), 0.0) for name in names]
    return pd.DataFrame([(r, f, f - base) for r, f, _ in rows], columns=ABLATION_COLUMNS)


# --- pronouns -------------------------------------------------------------------------------------


def gum_pronouns(doc: GumDocument, named: pd.DataFrame) -> pd.DataFrame:
    """GUM's one-word pronoun mentions (the kinds of :data:`utils.entities.PRONOUN_KINDS`) whose
    coreference chain holds a named mention of ``named``: ``doc, start, end, text, entity``."""
    chains, entity = set(named.entity), gold_entity_of(doc)
    rows = [(doc.doc_id, m.start, m.end, m.text, entity[m.entity_id]) for m in doc.mentions
            if m.tokens[0] == m.tokens[1] and m.text.lower() in ent.PRONOUN_KINDS and entity[m.entity_id] in chains]
    return pd.DataFrame(rows, columns=["doc", "start", "end", "text", "entity"])


def _chain_of(pred: pd.DataFrame, gold: pd.DataFrame) -> dict[tuple[str, str], str]:
    """{(doc, predicted entity): the gold chain most of its named mentions overlap}."""
    votes: dict[tuple[str, str], Counter] = {}
    for doc, g in gold.groupby("doc", sort=False):
        p = pred[pred.doc == doc]
        for ps, pe, pent in zip(p.start, p.end, p.entity, strict=True):
            hit = g[(g.start < pe) & (g.end > ps)]
            if len(hit):
                votes.setdefault((doc, pent), Counter())[hit.entity.iloc[0]] += 1
    return {key: c.most_common(1)[0][0] for key, c in votes.items()}


def score_pronouns(pronouns: pd.DataFrame, pred: pd.DataFrame, gold_pronouns: pd.DataFrame,
                   gold: pd.DataFrame) -> pd.DataFrame:
    """How well pronouns are resolved to named entities.

    ``pronouns``: ``doc, start, end, entity`` (the project's, entity None if unresolved); ``pred``
    and ``gold``: named mentions (``doc, start, end, entity``); ``gold_pronouns``: GUM's pronouns
    of named chains. A resolved pronoun is right when GUM puts it in the chain that the named
    mentions of its entity overlap most. Columns: ``tp, fp, fn, precision, recall, f1`` (one row).
    """
    chain = _chain_of(pred, gold)
    truth = {(d, s, e): c for d, s, e, c in zip(gold_pronouns.doc, gold_pronouns.start, gold_pronouns.end,
                                                 gold_pronouns.entity, strict=True)}
    resolved = pronouns[pronouns.entity.notna()]
    tp = sum(chain.get((d, ent_)) is not None and truth.get((d, s, e)) == chain.get((d, ent_))
             for d, s, e, ent_ in zip(resolved.doc, resolved.start, resolved.end, resolved.entity, strict=True))
    fp, fn = len(resolved) - tp, len(gold_pronouns) - tp
    return pd.DataFrame([(tp, fp, fn, *prf(tp, fp, fn))], columns=["tp", "fp", "fn", "precision", "recall", "f1"])


def _pronoun_rows(texts: dict[str, str], docs: list[GumDocument], pred: pd.DataFrame, gold: pd.DataFrame,
                  dataset: str) -> list[dict]:
    pron = pd.concat([ent.pronoun_mentions(t).assign(doc=d) for d, t in texts.items()], ignore_index=True)
    gold_pron = pd.concat([gum_pronouns(doc, gold[gold.doc == doc.doc_id]) for doc in docs], ignore_index=True)
    s = score_pronouns(pron, pred, gold_pron, gold).iloc[0]
    rows = [row("entities", dataset, "pronoun resolution F1 (he/she/they/I to a named entity)", s.f1, s.tp + s.fn,
                "development")]
    named = gold.groupby(["doc", "entity"]).size()
    keep = set(named[named >= 2].index)
    gold_all = pd.concat([gold, gold_pron.assign(text="")], ignore_index=True)
    gold_all = gold_all[[k in keep for k in zip(gold_all.doc, gold_all.entity, strict=True)]]
    res = pron[pron.entity.notna()]
    pred_all = pd.concat([pred[~pred.is_demonym.astype(bool)], res], ignore_index=True)
    counts = canonical_counts(pred_all, gold_all)
    rows.append(row("entities", dataset, "count with pronouns right (entities with 2+ named mentions)",
                    counts.right.mean() if len(counts) else 0.0, len(counts), "development"))
    return rows


# --- the evaluation command ---------------------------------------------------------------------


def _gum_rows(docs: list[GumDocument], dataset: str) -> list[dict]:
    texts = {d.doc_id: d.text for d in docs}
    for _ in parse_many(texts.values()):
        pass  # fills the parse cache: each text is parsed once, in batches
    gold = pd.concat([gum_named_mentions(d) for d in docs], ignore_index=True)
    pred = pd.concat([predicted_mentions(d, t) for d, t in texts.items()], ignore_index=True)
    rows = []
    for r in score_mentions(pred, gold).itertuples():
        if r.type in (*SCORED_TYPES, "all"):
            what = "named entities" if r.type == "all" else r.type
            rows.append(row("entities", dataset, f"{r.match} F1, {what}", r.f1, r.tp + r.fn, "development"))
    counts = canonical_counts(pred[~pred.is_demonym.astype(bool)], gold)
    rows.append(row("entities", dataset, "canonical count right (entities with 2+ named mentions)",
                    counts.right.mean() if len(counts) else 0.0, len(counts), "development"))
    spans = pd.DataFrame([(d.doc_id, m.start, m.end) for d in docs for m in d.mentions], columns=["doc", "start", "end"])
    judged = canonical_counts(judged_only(pred[~pred.is_demonym.astype(bool)], spans, gold), gold)
    rows.append(row("entities", dataset, "canonical count right, names GUM marks no mention for left out",
                    judged.right.mean() if len(judged) else 0.0, len(judged), "development"))
    rows += _pronoun_rows(texts, docs, pred, gold, dataset)
    ablation = rule_ablation(texts, gold)
    n = len(gold)
    for r in ablation.itertuples():
        if r.rule == "(no rules)":
            rows.append(row("entities", dataset, "strict F1, raw model (no rules)", r.strict_f1, n, "development"))
        elif r.rule != "(all rules)":
            rows.append(row("entities", dataset, f"strict F1 change without rule {r.rule}", r.delta, n, "development"))
    return rows


def _report_rows() -> list[dict]:
    from utils.report import load_report

    text = load_report().text
    gold = ent.load_gold()
    pred = ent.entity_mentions(text)
    rows = []
    full = ent.evaluate_mentions(pred, gold).set_index("level")
    rows.append(row("entities", "bundled report", "strict F1, all OntoNotes labels",
                    full.loc["mention (span + type)", "f1"], len(gold), "in-sample"))
    g = gold.assign(doc="report", type=gold.label.map(LABEL_TO_TYPE)).dropna(subset=["type"])
    p = predicted_mentions("report", text)
    s = score_mentions(p, g)
    for match in ("strict", "relaxed"):
        f = s[(s.type == "all") & (s.match == match)].iloc[0]
        rows.append(row("entities", "bundled report", f"{match} F1, named entities", f.f1, f.tp + f.fn, "in-sample"))
    counts = canonical_counts(p[~p.is_demonym.astype(bool)], g[~g.is_demonym.astype(bool)])
    rows.append(row("entities", "bundled report", "canonical count right (entities with 2+ named mentions)",
                    counts.right.mean() if len(counts) else 0.0, len(counts), "in-sample"))
    return rows


def evaluate(shared: Path, limit: int | None = None) -> pd.DataFrame:
    """Entity rows of the accuracy table: GUM (development, ``shared/gold/gum``; the first
    ``limit`` documents if given) and the bundled report (in-sample). Columns: COLUMNS."""
    rows = []
    folder = Path(shared) / "gold" / "gum"
    if folder.is_dir():
        docs = read_gum_folder(folder)[:limit] if limit else read_gum_folder(folder)
        rows += _gum_rows(docs, f"GUM train news+interviews ({len(docs)} docs)")
    rows += _report_rows()
    return rows_frame(rows)


if __name__ == "__main__":  # a quick look: python -m utils.evaluation.entities [limit]
    import sys

    t0 = time.perf_counter()
    lim = int(sys.argv[1]) if len(sys.argv) > 1 else None
    print(evaluate(Path(__file__).resolve().parents[3] / "shared", lim).to_string())
    print(f"{time.perf_counter() - t0:.1f} s")
