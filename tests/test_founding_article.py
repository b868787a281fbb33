"""The founding article's fact document: evidence offsets, and the issue's questions in Cypher.

The queries are the cookbook's (graph/cypher/cookbook.py), the same strings
docs/fact-documents.md shows.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from neo4j import Driver

from graph.cypher import cookbook
from graph.model import FactDocument
from graph.settings import Settings
from graph.writer import load_document
from loaders.factdocs import read_document
from tests.conftest import SEED_ARTICLE

REPO = Path(__file__).resolve().parent.parent
FOUNDING = REPO / "samples" / "facts" / "2021-11-11-moscow-mali-wagner.yaml"
ARTICLE_ID = "moscowtimes-2021-11-11-mali-wagner"


def _params(query: str) -> dict[str, Any]:
    return next(p for q, p in cookbook.EXAMPLES.values() if q == query)


@pytest.fixture
def founding(clean_db: Driver, settings: Settings) -> Driver:
    result = load_document(clean_db, settings.neo4j_database, read_document(FOUNDING))
    assert result.status == "created"
    return clean_db


def run(driver: Driver, query: str) -> list[dict[str, Any]]:
    return [r.data() for r in driver.execute_query(query, _params(query)).records]


# ------------------------------------------------------------------ the document itself


def test_document_metadata() -> None:
    doc = read_document(FOUNDING)
    a = doc.article
    assert (a.id, a.publisher, a.agency, a.published) == (
        ARTICLE_ID,
        "The Moscow Times",
        "AFP",
        "2021-11-11",
    )
    assert a.url and a.url.startswith("https://www.themoscowtimes.com/2021/11/11/")
    assert all(f.evidence is not None and f.evidence.start is not None for f in doc.facts)


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="../shared/seeds is not available")
def test_evidence_offsets_point_into_the_article() -> None:
    raw = SEED_ARTICLE.read_bytes()
    text = raw.decode("utf-8")
    doc = read_document(FOUNDING)
    assert doc.article.content_hash == "sha256:" + hashlib.sha256(raw).hexdigest()
    assert doc.article.url and text.rstrip().endswith(doc.article.url)
    assert doc.article.title in text
    for f in doc.facts:
        ev = f.evidence
        assert ev is not None and ev.start is not None
        assert text[ev.start : ev.end] == ev.text, f.id


# ------------------------------------------------------------------ the questions


@pytest.mark.neo4j
def test_what_russia_provides_to_mali_who_said_so_and_when(founding: Driver) -> None:
    rows = run(founding, cookbook.AID_FROM_TO)
    assert len(rows) == 1
    row = rows[0]
    assert (row["mode"], row["status"], row["said_by"], row["date"]) == (
        "military",
        "asserted",
        "Sergei Lavrov",
        "2021-11-11",
    )
    assert "weapons and ammunition" in row["evidence"]
    assert row["published"] == "2021-11-11"


@pytest.mark.neo4j
def test_contested_wagner_claims_with_who_alleges_and_who_denies(founding: Driver) -> None:
    rows = {
        (r["subject"], r["relation"], r["object"]): r
        for r in run(founding, cookbook.CONTESTED_ABOUT)
    }
    assert set(rows) == {
        ("Mali", "AGREE", "Wagner Group"),
        ("Wagner Group", "AFFILIATED_WITH", "Russia"),
    }
    deal = rows[("Mali", "AGREE", "Wagner Group")]
    assert deal["status"] == "contested"
    assert set(deal["claimed_by"]) == {
        "unnamed reports (reported)",
        "France (alleged)",
        "Germany (alleged)",
    }
    assert deal["denied_by"] == ["Abdoulaye Diop"]
    links = rows[("Wagner Group", "AFFILIATED_WITH", "Russia")]
    assert links["claimed_by"] == ["the article (asserted)"]
    assert set(links["denied_by"]) == {"Russia", "Sergei Lavrov"}

    # the same picture through stance edges
    deniers = founding.execute_query(
        "MATCH (e:Entity)-[:DENIES]->(a:Assertion)-[:OBJECT]->(:Organization {id:'wagner-group'}) "
        "RETURN collect(e.name) AS names"
    ).records[0]["names"]
    assert deniers == ["Abdoulaye Diop"]


@pytest.mark.neo4j
def test_what_france_does_in_mali_and_since_when(founding: Driver) -> None:
    rows = {r["relation"]: r for r in run(founding, cookbook.RELATIONS_BETWEEN)}
    assert set(rows) == {"OPERATES_IN", "RETREAT"}
    assert (rows["OPERATES_IN"]["status"], rows["OPERATES_IN"]["since"]) == ("asserted", "2013")
    assert (rows["RETREAT"]["mode"], rows["RETREAT"]["status"]) == ("withdraw", "intended")
    assert "since 2013" in rows["OPERATES_IN"]["evidence"][0]


@pytest.mark.neo4j
def test_path_russia_wagner_mali_with_statuses(founding: Driver) -> None:
    rows = run(founding, cookbook.PATH_VIA)
    assert len(rows) == 1
    steps = rows[0]["steps"]
    assert [(s["from"], s["relation"], s["to"], s["status"]) for s in steps] == [
        ("Wagner Group", "AFFILIATED_WITH", "Russia", "contested"),
        ("Mali", "AGREE", "Wagner Group", "contested"),
    ]


@pytest.mark.neo4j
def test_every_fact_has_its_evidence(founding: Driver) -> None:
    doc = read_document(FOUNDING)
    rows = run(founding, cookbook.FACTS_WITH_EVIDENCE)
    assert len(rows) == len(doc.facts) == 28
    by_claim = {r["claim"]: r for r in rows}
    for f in doc.facts:
        r = by_claim[f"{ARTICLE_ID}#{f.id}"]
        assert f.evidence is not None
        assert (r["evidence"], r["start"], r["end"]) == (
            f.evidence.text,
            f.evidence.start,
            f.evidence.end,
        )


@pytest.mark.neo4j
def test_russia_aid_mali_browsing_edge(founding: Driver) -> None:
    recs = founding.execute_query(cookbook.RUSSIA_AID_MALI_EDGE).records
    assert len(recs) == 1
    r = recs[0]["r"]
    assert r.type == "AID"
    assert (r["mode"], r["status"], r["first_seen"], r["claims"], r["sources"]) == (
        "military",
        "asserted",
        "2021-11-11",
        1,
        1,
    )


@pytest.mark.neo4j
def test_the_rest_of_the_founding_facts(founding: Driver) -> None:
    """Each item the issue lists for the founding article, as a browsing edge or assertion."""
    edges = {
        (r["s"], r["t"], r["o"]): r["p"]
        for r in founding.execute_query(
            "MATCH (s:Entity)-[r]->(o:Entity) WHERE r.assertion IS NOT NULL "
            "RETURN s.id AS s, type(r) AS t, o.id AS o, properties(r) AS p"
        ).records
    }
    assert edges[("RUS", "COOPERATE", "MLI")]["status"] == "asserted"
    assert edges[("RUS", "SUPPORT", "MLI")]["claims"] == 3
    assert edges[("abdoulaye-diop", "CONSULT", "sergei-lavrov")]["first_seen"] == "2021-11-11"
    assert edges[("wagner-group", "AFFILIATED_WITH", "vladimir-putin")]["status"] == "alleged"
    for place in ("UKR", "africa", "middle-east"):
        assert edges[("wagner-group", "OPERATES_IN", place)]["status"] == "alleged"
    assert edges[("FRA", "ASSAULT", "mali-jihadists")]["valid_from"] == "2013"
    assert edges[("mali-jihadists", "ASSAULT", "MLI")]["status"] == "asserted"
    assert edges[("FRA", "ACCUSE", "RUS")]["mode"] == "investigate"
    assert edges[("DEU", "ACCUSE", "RUS")]["mode"] == "investigate"
    titles = {(s, o): p["title"] for (s, t, o), p in edges.items() if t == "HOLDS_POSITION"}
    assert titles == {
        ("sergei-lavrov", "RUS"): "Foreign Minister",
        ("abdoulaye-diop", "MLI"): "Foreign Minister",
        ("vladimir-putin", "RUS"): "President",
    }
    # facts without an object live in the claim layer only
    no_object = founding.execute_query(
        "MATCH (a:Assertion)-[:SUBJECT]->(s:Entity) WHERE a.object IS NULL "
        "RETURN s.id AS s, a.relation AS rel, a.mode AS mode, a.status AS status"
    ).records
    assert {(r["s"], r["rel"], r["mode"], r["status"]) for r in no_object} == {
        ("wagner-group", "ASSAULT", None, "alleged"),
        ("MLI", "REJECT", "change", "asserted"),
    }
    art = founding.execute_query(
        "MATCH (a:Article {id: $id})-[:PUBLISHED_BY]->(p:Publisher) "
        "RETURN a.agency AS agency, p.name AS publisher, a.origin AS origin",
        id=ARTICLE_ID,
    ).records[0]
    assert (art["agency"], art["publisher"], art["origin"]) == (
        "AFP",
        "The Moscow Times",
        "document",
    )


def test_docs_show_the_cookbook_queries_verbatim() -> None:
    page = (REPO / "docs" / "fact-documents.md").read_text(encoding="utf-8")
    for query, _ in cookbook.EXAMPLES.values():
        assert query.strip() in page


def test_docs_format_example_is_a_valid_document() -> None:
    page = (REPO / "docs" / "fact-documents.md").read_text(encoding="utf-8")
    block = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    doc = FactDocument.model_validate(yaml.safe_load(block))
    assert doc.facts[0].relation == "AID" and doc.facts[0].attribution == "named"
