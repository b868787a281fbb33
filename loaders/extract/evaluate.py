"""Scoring extraction against gold fact documents.

Facts match on (subject, relation, object) after canonicalisation: every entity id is mapped to
its graph key through graph/identity.py (ISO3 for countries, gazetteer keys for known entities),
so "russia" in a gold file and "RUS" in the output are the same. Within an article, gold and
extracted facts of the same triple are paired one to one (a reported claim and its denial are two
facts); precision, recall and F1 are micro-averaged per relation and overall. On the pairs,
status and attribution (kind + canonical speaker) are compared; pairs that agree are made first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from graph.errors import InvalidInput
from graph.identity import resolve_key
from graph.model import FactDocument
from loaders.extract.article import SUFFIXES, ArticleError, read_article
from loaders.extract.registry import Extractor

Triple = tuple[str, str, str | None]


def _canon(doc: FactDocument) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in doc.entities:
        try:
            out[e.id] = resolve_key(e)
        except InvalidInput:
            out[e.id] = e.id
    return out


def triples(doc: FactDocument) -> dict[Triple, list[tuple[str, str]]]:
    """Triple -> [(status, speaker)] for each fact with that triple."""
    c = _canon(doc)
    out: dict[Triple, list[tuple[str, str]]] = {}
    for f in doc.facts:
        t = (
            c.get(f.subject, f.subject),
            f.relation.value,
            c.get(f.object, f.object) if f.object else None,
        )
        spk = c.get(f.attributed_to, f.attributed_to) if f.attributed_to else ""
        attribution = f.attribution.value if f.attribution else "article"
        out.setdefault(t, []).append((f.status.value, f"{attribution}:{spk}"))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    overall: Score = field(default_factory=Score)
    per_relation: dict[str, Score] = field(default_factory=dict)
    status_ok: int = 0
    status_n: int = 0
    attribution_ok: int = 0
    attribution_n: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    misses: list[tuple[str, str, Triple]] = field(default_factory=list)  # (article, fp|fn, triple)

    @property
    def status_accuracy(self) -> float:
        return self.status_ok / self.status_n if self.status_n else 0.0

    @property
    def attribution_accuracy(self) -> float:
        return self.attribution_ok / self.attribution_n if self.attribution_n else 0.0

    def as_dict(self) -> dict:
        def s(x: Score) -> dict:
            return {
                "tp": x.tp,
                "fp": x.fp,
                "fn": x.fn,
                "precision": round(x.precision, 4),
                "recall": round(x.recall, 4),
                "f1": round(x.f1, 4),
            }

        return {
            "articles": self.articles,
            "overall": s(self.overall),
            "per_relation": {k: s(v) for k, v in sorted(self.per_relation.items())},
            "status_accuracy": round(self.status_accuracy, 4),
            "status_pairs": self.status_n,
            "attribution_accuracy": round(self.attribution_accuracy, 4),
            "attribution_pairs": self.attribution_n,
            "errors": self.errors,
        }


def _pairs(
    gold: list[tuple[str, str]], pred: list[tuple[str, str]]
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """One-to-one pairs of gold and predicted facts of one triple, agreeing ones first."""
    left = list(pred)
    out: list[tuple[tuple[str, str], tuple[str, str]]] = []
    pending = list(gold)
    for agree in (
        lambda g, p: g == p,
        lambda g, p: g[0] == p[0],
        lambda g, p: g[1] == p[1],
        lambda g, p: True,
    ):
        rest = []
        for g in pending:
            hit = next((p for p in left if agree(g, p)), None)
            if hit is None:
                rest.append(g)
                continue
            left.remove(hit)
            out.append((g, hit))
        pending = rest
    return out


def compare(gold: FactDocument, pred: FactDocument, report: Report, name: str = "") -> None:
    """Facts are matched one to one within each (subject, relation, object) triple."""
    g, p = triples(gold), triples(pred)
    report.articles += 1
    for t in sorted(set(g) | set(p), key=str):
        rel = t[1]
        sc = report.per_relation.setdefault(rel, Score())
        gl, pl = g.get(t, []), p.get(t, [])
        pairs = _pairs(gl, pl)
        n = len(pairs)
        sc.tp += n
        sc.fp += len(pl) - n
        sc.fn += len(gl) - n
        report.overall.tp += n
        report.overall.fp += len(pl) - n
        report.overall.fn += len(gl) - n
        report.status_ok += sum(1 for a, b in pairs if a[0] == b[0])
        report.attribution_ok += sum(1 for a, b in pairs if a[1] == b[1])
        report.status_n += n
        report.attribution_n += n
        report.misses.extend((name, "fn", t) for _ in range(len(gl) - n))
        report.misses.extend((name, "fp", t) for _ in range(len(pl) - n))


def load_gold(path: Path) -> FactDocument:
    try:
        return FactDocument.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as e:
        raise InvalidInput(f"{path}: not a valid fact document: {e}") from None


def find_article(stem: str, articles: Path) -> Path | None:
    for suffix in sorted(SUFFIXES):
        cand = articles / f"{stem}{suffix}"
        if cand.is_file():
            return cand
    return None


def evaluate(gold_dir: Path, articles_dir: Path | None, extractor: Extractor) -> Report:
    """Score `extractor` on every gold document in `gold_dir` (JSON), reading the article with
    the same file stem from `articles_dir` (default: the sibling folder `articles`)."""
    articles_dir = articles_dir or gold_dir.parent / "articles"
    report = Report()
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        raise InvalidInput(f"{gold_dir}: no gold .json files")
    for gp in golds:
        ap = find_article(gp.stem, articles_dir)
        if ap is None:
            report.errors.append(f"{gp.name}: no article {gp.stem}.* in {articles_dir}")
            continue
        try:
            gold = load_gold(gp)
            pred = extractor.extract(read_article(ap))
        except (InvalidInput, ArticleError) as e:
            report.errors.append(str(e))
            continue
        compare(gold, pred, report, gp.stem)
    return report
