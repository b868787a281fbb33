"""The holdout sets (tests/holdout, tests/holdout2) are sound by the same checks as the
development set.

Pure checks: no Neo4j. The checks themselves live in tests/test_devset.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_devset as checks

from graph.model import FactDocument

HERE = Path(__file__).resolve().parent
# set directory name (also its article-id prefix) -> number of articles
SETS = {"holdout": 20, "holdout2": 10}
CASES = [(name, stem) for name in SETS for stem in checks.stems(HERE / name)]


@pytest.fixture(scope="module", params=list(SETS))
def named_docs(request: pytest.FixtureRequest) -> tuple[str, dict[str, FactDocument]]:
    name = request.param
    return name, {s: checks._doc(s, HERE / name) for s in checks.stems(HERE / name)}


@pytest.mark.parametrize(("name", "count"), SETS.items())
def test_article_count_each_with_gold(name: str, count: int) -> None:
    assert checks.check_articles_match_gold(HERE / name) == count


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_gold_validates_and_evidence_matches(name: str, stem: str) -> None:
    checks.check_gold_validates_and_evidence_matches(HERE / name, stem)


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_article_wire_layout(name: str, stem: str) -> None:
    checks.check_article_wire_layout(HERE / name, stem)


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_entity_ids_follow_the_conventions(name: str, stem: str) -> None:
    checks.check_entity_ids_follow_the_conventions(HERE / name, stem)


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_fact_conventions(name: str, stem: str) -> None:
    checks.check_fact_conventions(HERE / name, stem)


def test_every_plover_type_and_status_is_used(
    named_docs: tuple[str, dict[str, FactDocument]],
) -> None:
    checks.check_every_plover_type_and_status_is_used(named_docs[1])


def test_readme_counts_are_current(named_docs: tuple[str, dict[str, FactDocument]]) -> None:
    name, docs = named_docs
    checks.check_readme_counts_are_current(HERE / name, docs)


def test_article_ids_carry_the_set_prefix(
    named_docs: tuple[str, dict[str, FactDocument]],
) -> None:
    """Ids carry the set's prefix, so the sets can be loaded alongside the devset."""
    name, docs = named_docs
    assert all(d.article.id == f"{name}-{s}" for s, d in docs.items())
