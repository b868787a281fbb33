"""The holdout set (tests/holdout) is sound by the same checks as the development set.

Pure checks: no Neo4j. The checks themselves live in tests/test_devset.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_devset as checks

from graph.model import FactDocument

HOLDOUT = Path(__file__).resolve().parent / "holdout"
STEMS = checks.stems(HOLDOUT)


@pytest.fixture(scope="module")
def docs() -> dict[str, FactDocument]:
    return {s: checks._doc(s, HOLDOUT) for s in STEMS}


def test_twenty_articles_each_with_gold() -> None:
    assert checks.check_articles_match_gold(HOLDOUT) == 20


@pytest.mark.parametrize("stem", STEMS)
def test_gold_validates_and_evidence_matches(stem: str) -> None:
    checks.check_gold_validates_and_evidence_matches(HOLDOUT, stem)


@pytest.mark.parametrize("stem", STEMS)
def test_article_wire_layout(stem: str) -> None:
    checks.check_article_wire_layout(HOLDOUT, stem)


@pytest.mark.parametrize("stem", STEMS)
def test_entity_ids_follow_the_conventions(stem: str) -> None:
    checks.check_entity_ids_follow_the_conventions(HOLDOUT, stem)


@pytest.mark.parametrize("stem", STEMS)
def test_fact_conventions(stem: str) -> None:
    checks.check_fact_conventions(HOLDOUT, stem)


def test_every_plover_type_and_status_is_used(docs: dict[str, FactDocument]) -> None:
    checks.check_every_plover_type_and_status_is_used(docs)


def test_readme_counts_are_current(docs: dict[str, FactDocument]) -> None:
    checks.check_readme_counts_are_current(HOLDOUT, docs)


def test_article_ids_are_not_the_devset_ones(docs: dict[str, FactDocument]) -> None:
    """Holdout article ids must not collide with devset ids when both sets are loaded."""
    assert all(d.article.id == f"holdout-{s}" for s, d in docs.items())
