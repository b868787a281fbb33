"""The second holdout set (tests/holdout2) is sound by the same checks as the development set.

Pure checks: no Neo4j. The checks themselves live in tests/test_devset.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_devset as checks

from graph.model import FactDocument

HOLDOUT2 = Path(__file__).resolve().parent / "holdout2"
STEMS = checks.stems(HOLDOUT2)


@pytest.fixture(scope="module")
def docs() -> dict[str, FactDocument]:
    return {s: checks._doc(s, HOLDOUT2) for s in STEMS}


def test_ten_articles_each_with_gold() -> None:
    assert checks.check_articles_match_gold(HOLDOUT2) == 10


@pytest.mark.parametrize("stem", STEMS)
def test_gold_validates_and_evidence_matches(stem: str) -> None:
    checks.check_gold_validates_and_evidence_matches(HOLDOUT2, stem)


@pytest.mark.parametrize("stem", STEMS)
def test_article_wire_layout(stem: str) -> None:
    checks.check_article_wire_layout(HOLDOUT2, stem)


@pytest.mark.parametrize("stem", STEMS)
def test_entity_ids_follow_the_conventions(stem: str) -> None:
    checks.check_entity_ids_follow_the_conventions(HOLDOUT2, stem)


@pytest.mark.parametrize("stem", STEMS)
def test_fact_conventions(stem: str) -> None:
    checks.check_fact_conventions(HOLDOUT2, stem)


def test_every_plover_type_and_status_is_used(docs: dict[str, FactDocument]) -> None:
    checks.check_every_plover_type_and_status_is_used(docs)


def test_readme_counts_are_current(docs: dict[str, FactDocument]) -> None:
    checks.check_readme_counts_are_current(HOLDOUT2, docs)


def test_article_ids_do_not_collide_with_the_other_sets(docs: dict[str, FactDocument]) -> None:
    """Ids carry the set's prefix, so this set can be loaded alongside devset and holdout."""
    assert all(d.article.id == f"holdout2-{s}" for s, d in docs.items())
