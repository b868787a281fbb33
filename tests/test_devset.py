"""The labelled development set is sound: every gold document validates against the domain model,
every evidence span is the article text at its offsets, and the set covers the vocabulary.

Pure checks: no Neo4j. The `check_*` functions take the set's directory so that another set with
the same layout (tests/holdout) is validated by the same code.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from graph.identity import gazetteer
from graph.model import FactDocument, Status
from graph.vocab import EVENT_RELATIONS, RELATIONS

DEVSET = Path(__file__).resolve().parent / "devset"

DATE_LINE = re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$")


def stems(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "gold").glob("*.json"))


def _doc(stem: str, root: Path = DEVSET) -> FactDocument:
    gold = (root / "gold" / f"{stem}.json").read_text(encoding="utf-8")
    return FactDocument.model_validate_json(gold)


def _text(stem: str, root: Path = DEVSET) -> str:
    return (root / "articles" / f"{stem}.txt").read_text(encoding="utf-8")


STEMS = stems(DEVSET)


@pytest.fixture(scope="module")
def docs() -> dict[str, FactDocument]:
    return {s: _doc(s) for s in STEMS}


def check_articles_match_gold(root: Path) -> int:
    """Every article has exactly one gold document and vice versa; returns how many there are."""
    articles = sorted(p.stem for p in (root / "articles").glob("*.txt"))
    assert articles == stems(root), "every article needs exactly one gold document and vice versa"
    return len(articles)


def test_at_least_forty_articles_each_with_gold() -> None:
    assert check_articles_match_gold(DEVSET) >= 40


@pytest.mark.parametrize("stem", STEMS)
def test_gold_validates_and_evidence_matches(stem: str) -> None:
    check_gold_validates_and_evidence_matches(DEVSET, stem)


def check_gold_validates_and_evidence_matches(root: Path, stem: str) -> None:
    doc = _doc(stem, root)
    text = _text(stem, root)
    assert doc.facts, "a gold document without facts labels nothing"
    for f in doc.facts:
        ev = f.evidence
        assert ev is not None and ev.start is not None and ev.end is not None, f.id
        assert text[ev.start : ev.end] == ev.text, f"{stem} {f.id}: evidence offsets are off"
    assert doc.article.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("stem", STEMS)
def test_article_wire_layout(stem: str) -> None:
    check_article_wire_layout(DEVSET, stem)


def check_article_wire_layout(root: Path, stem: str) -> None:
    text = _text(stem, root)
    lines = text.split("\n")
    doc = _doc(stem, root)
    assert lines[0] == doc.article.title and lines[1] == ""
    assert lines[2] == f"By {doc.article.agency}" and lines[3] == ""
    assert DATE_LINE.match(lines[4]), lines[4]
    assert text.rstrip("\n").endswith(f"Original url:\n\n{doc.article.url}")
    body = text.split("\n\n", 3)[3].rsplit("\n\nOriginal url:", 1)[0]
    words = len(body.split())
    assert 150 <= words <= 400, f"{stem}: body has {words} words"


@pytest.mark.parametrize("stem", STEMS)
def test_entity_ids_follow_the_conventions(stem: str) -> None:
    check_entity_ids_follow_the_conventions(DEVSET, stem)


def check_entity_ids_follow_the_conventions(root: Path, stem: str) -> None:
    gz = gazetteer()
    for e in _doc(stem, root).entities:
        known = gz.by_key(e.id)
        if e.type == "country":
            assert known is not None and e.id == e.iso3, f"{stem}: country {e.id} is not ISO3"
        elif known is None:
            # not in the gazetteer: the id must not shadow a name the gazetteer knows
            clash = [k.key for k in gz.lookup(e.name)]
            assert not clash, f"{stem}: {e.id!r} should use the gazetteer key {clash}"


@pytest.mark.parametrize("stem", STEMS)
def test_fact_conventions(stem: str) -> None:
    check_fact_conventions(DEVSET, stem)


def check_fact_conventions(root: Path, stem: str) -> None:
    doc = _doc(stem, root)
    types = {e.id: e.type for e in doc.entities}
    seen: set[tuple] = set()
    for f in doc.facts:
        key = (f.subject, f.relation, f.object, f.mode, f.status)
        assert key not in seen, f"{stem} {f.id}: duplicate fact"
        seen.add(key)
        info = RELATIONS[f.relation]
        if info.subject_types:
            assert types[f.subject] in info.subject_types, f"{stem} {f.id}"
        if info.object_types and f.object:
            assert types[f.object] in info.object_types, f"{stem} {f.id}"
        if f.relation == "HOLDS_POSITION":
            assert f.title, f"{stem} {f.id}: a position needs its title"
        if f.status in (Status.DENIED, Status.RETRACTED, Status.CONFIRMED):
            assert f.attributed_to, f"{stem} {f.id}: who denies/confirms/retracts must be named"


def test_every_plover_type_and_status_is_used(docs: dict[str, FactDocument]) -> None:
    check_every_plover_type_and_status_is_used(docs)


def check_every_plover_type_and_status_is_used(docs: dict[str, FactDocument]) -> None:
    relations = Counter(f.relation for d in docs.values() for f in d.facts)
    statuses = Counter(f.status for d in docs.values() for f in d.facts)
    missing = [r for r in EVENT_RELATIONS if relations[r] == 0]
    assert not missing, f"PLOVER types never labelled: {missing}"
    rare = [s.value for s in Status if statuses[s] < 2]
    assert not rare, f"statuses used fewer than twice: {rare}"
    attributions = Counter(f.attribution for d in docs.values() for f in d.facts)
    assert all(attributions[a] >= 2 for a in ("article", "named", "unnamed"))


def test_readme_counts_are_current(docs: dict[str, FactDocument]) -> None:
    """The README states the set's size; keep it honest when the set changes."""
    check_readme_counts_are_current(DEVSET, docs)


def check_readme_counts_are_current(root: Path, docs: dict[str, FactDocument]) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    n_facts = sum(len(d.facts) for d in docs.values())
    assert f"{len(docs)} articles" in readme
    assert f"{n_facts} facts" in readme
    counts = json.loads(readme.split("<!-- counts -->")[1].split("```json")[1].split("```")[0])
    assert counts == _counts(docs)


def _counts(docs: dict[str, FactDocument]) -> dict:
    rel = Counter(str(f.relation) for d in docs.values() for f in d.facts)
    st = Counter(str(f.status) for d in docs.values() for f in d.facts)
    return {"relation": dict(sorted(rel.items())), "status": dict(sorted(st.items()))}
