"""Scoring extraction against gold fact documents.

Facts match on (subject, relation, object) after canonicalisation: every entity id is mapped to
its graph key through graph/identity.py (ISO3 for countries, gazetteer keys for known entities),
so "russia" in a gold file and "RUS" in the output are the same. Per article the triples form a
set; precision, recall and F1 are micro-averaged per relation and overall. On matched triples,
status and attribution (kind + canonical speaker) are compared fact by fact: identical pairs
first, the rest paired in order.
"""

from __future__ import annotations

import json
from collections import Counter
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


def _pair(gold: list[tuple[str, str]], pred: list[tuple[str, str]], idx: int) -> tuple[int, int]:
    """(correct, pairs) comparing element `idx` of gold and predicted facts of one triple."""
    g = Counter(x[idx] for x in gold)
    p = Counter(x[idx] for x in pred)
    pairs = min(len(gold), len(pred))
    correct = min(pairs, sum((g & p).values()))
    return correct, pairs


def compare(gold: FactDocument, pred: FactDocument, report: Report, name: str = "") -> None:
    g, p = triples(gold), triples(pred)
    report.articles += 1
    for t in set(g) | set(p):
        rel = t[1]
        sc = report.per_relation.setdefault(rel, Score())
        if t in g and t in p:
            sc.tp += 1
            report.overall.tp += 1
            ok, n = _pair(g[t], p[t], 0)
            report.status_ok += ok
            report.status_n += n
            ok, n = _pair(g[t], p[t], 1)
            report.attribution_ok += ok
            report.attribution_n += n
        elif t in g:
            sc.fn += 1
            report.overall.fn += 1
            report.misses.append((name, "fn", t))
        else:
            sc.fp += 1
            report.overall.fp += 1
            report.misses.append((name, "fp", t))


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
