"""`/relations?a=USA&b=RUS` returns a GDELT event and an article fact side by side, each with
its source (GDELT slice: The GDELT Project, https://www.gdeltproject.org/)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from graph import writer
from graph.cypher import read as q
from graph.gdelt_writer import load_gdelt
from graph.model import FactDocument
from graph.settings import Settings
from loaders.factdocs import read_document
from tests.conftest import wipe
from tests.test_api_read import FOUNDING_DOC
from tests.test_gdelt import EVENTS, MENTIONS, US_RUSSIA_DOC

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def client(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    db = settings.neo4j_database
    wipe(driver, db)
    load_gdelt(driver, db, [EVENTS], [MENTIONS])
    writer.load_document(driver, db, FactDocument.model_validate(US_RUSSIA_DOC))
    # Undated claims (a start of validity, or only the article's date) next to GDELT's dated
    # ones, for the timeline's two query plans.
    writer.load_document(driver, db, read_document(FOUNDING_DOC))
    with TestClient(create_app(settings)) as c:
        yield c


def test_relations_usa_russia_has_gdelt_and_article_claims_with_sources(
    client: TestClient,
) -> None:
    r = client.get("/relations", params={"a": "USA", "b": "RUS"})
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    claims = {c["id"]: (a, c) for a in items for c in a["claims"]}
    assert "test-us-russia-call#f1" in claims
    gdelt = [cid for cid in claims if cid.startswith("gdelt:")]
    assert {"gdelt:1258623905", "gdelt:1258623914"} <= set(gdelt)
    doc_assertion, doc_claim = claims["test-us-russia-call#f1"]
    g_assertion, g_claim = claims["gdelt:1258623914"]
    assert doc_assertion["id"] == g_assertion["id"]  # one fact, two claims
    assert doc_assertion["relation"] == "CONSULT"
    assert {s["url"] for s in doc_claim["sources"]} == {"https://example.org/us-russia-call"}
    assert g_claim["status"] == "reported" and g_claim["sources"]
    assert all(s["url"].startswith("http") for s in g_claim["sources"])


def _pages(driver: Driver, db: str, query: str, entity: str, fetch: int) -> list[list[str]]:
    pages: list[list[str]] = []
    after = None
    while True:
        recs, _, _ = driver.execute_query(
            query, id=entity, after=after, fetch=fetch + 1, database_=db, routing_="r"
        )
        keys = [r["key"] for r in recs]
        pages.append([k[1] for k in keys[:fetch]])
        if len(keys) <= fetch:
            return pages
        after = keys[fetch - 1]


@pytest.mark.parametrize("entity", ["USA", "RUS", "MLI", "FRA", "CHN"])
def test_timeline_by_date_index_gives_the_same_pages(
    client: TestClient, driver: Driver, settings: Settings, entity: str
) -> None:
    """The hub plan (all claims in date order on the index) and the local plan (the entity's
    own claims) page identically, dated GDELT claims and undated document claims mixed."""
    db = settings.neo4j_database
    for fetch in (3, 7, 100):
        local = _pages(driver, db, q.TIMELINE, entity, fetch)
        by_date = _pages(driver, db, q.TIMELINE_BY_DATE, entity, fetch)
        assert by_date == local
    everything = [c for page in local for c in page]
    assert everything and len(everything) == len(set(everything))
    api = client.get(f"/entities/{entity}/timeline", params={"limit": 200}).json()
    assert [e["id"] for e in api["items"]] == everything[:200]
