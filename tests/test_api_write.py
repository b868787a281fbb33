"""Write endpoints: API keys (off / 401 / 403 / ok), POST /facts, POST and DELETE /articles,
request size limits. Real Neo4j; documents go through the loader."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from api.app import create_app
from graph.settings import Settings
from loaders.factdocs import read_document
from tests.conftest import SEED_ARTICLE
from tests.test_api_read import FOUNDING_DOC

pytestmark = pytest.mark.neo4j

KEY = "test-key-0123456789"


@pytest.fixture(scope="module")
def doc_json() -> dict:
    return read_document(FOUNDING_DOC).model_dump(mode="json")


@pytest.fixture
def keyed(clean_db: Driver, settings: Settings) -> Iterator[TestClient]:
    s = settings.model_copy(update={"api_keys": [SecretStr("other-key"), SecretStr(KEY)]})
    with TestClient(create_app(s)) as c:
        yield c


def count(driver: Driver, settings: Settings, label: str) -> int:
    records, _, _ = driver.execute_query(
        f"MATCH (n:{label}) RETURN count(n) AS n", database_=settings.neo4j_database
    )
    return records[0]["n"]


def test_writes_are_off_without_configured_keys(
    clean_db: Driver, settings: Settings, doc_json: dict
) -> None:
    with TestClient(create_app(settings.model_copy(update={"api_keys": []}))) as c:
        r = c.post("/facts", json=doc_json, headers={"X-API-Key": KEY})
        assert r.status_code == 403
        assert "disabled" in r.json()["detail"]
        assert c.delete("/articles/x", headers={"X-API-Key": KEY}).status_code == 403
    assert count(clean_db, settings, "Claim") == 0


def test_missing_and_wrong_keys(
    keyed: TestClient, clean_db: Driver, settings: Settings, doc_json: dict
) -> None:
    r = keyed.post("/facts", json=doc_json)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "ApiKey"
    assert keyed.post("/facts", json=doc_json, headers={"X-API-Key": ""}).status_code == 401
    assert keyed.post("/facts", json=doc_json, headers={"X-API-Key": KEY + "x"}).status_code == 403
    assert keyed.delete("/articles/x").status_code == 401
    assert keyed.post("/articles", json={"text": "Title\n\nBody."}).status_code == 401
    assert count(clean_db, settings, "Claim") == 0


def test_post_facts_loads_then_skips_unchanged(
    keyed: TestClient, clean_db: Driver, settings: Settings, doc_json: dict
) -> None:
    h = {"X-API-Key": KEY}
    r = keyed.post("/facts", json=doc_json, headers=h)
    assert r.status_code == 201, r.text
    body = r.json()
    n_facts = len(doc_json["facts"])
    assert body["status"] == "created" and body["claims_created"] == n_facts
    assert count(clean_db, settings, "Claim") == n_facts
    # the data is readable through the API at once
    rel = keyed.get("/relations", params={"a": "RUS", "b": "MLI"}).json()
    assert any(a["relation"] == "AID" for a in rel["items"])
    again = keyed.post("/facts", json=doc_json, headers=h)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    # a changed document replaces the article's claims
    fewer = {**doc_json, "facts": doc_json["facts"][:-1]}
    upd = keyed.post("/facts", json=fewer, headers=h)
    assert upd.status_code == 200 and upd.json()["status"] == "updated"
    assert upd.json()["claims_deleted"] == 1
    assert count(clean_db, settings, "Claim") == n_facts - 1


def test_post_facts_invalid_document_names_the_field(
    keyed: TestClient, clean_db: Driver, settings: Settings, doc_json: dict
) -> None:
    bad = {**doc_json, "facts": [{**doc_json["facts"][0], "relation": "HUGS"}]}
    r = keyed.post("/facts", json=bad, headers={"X-API-Key": KEY})
    assert r.status_code == 422
    locs = [e["loc"] for e in r.json()["detail"]]
    assert any(loc[:4] == ["body", "facts", 0, "relation"] for loc in locs), locs
    dangling = {**doc_json, "facts": [{**doc_json["facts"][0], "object": "nobody"}]}
    r = keyed.post("/facts", json=dangling, headers={"X-API-Key": KEY})
    assert r.status_code == 422 and "nobody" in r.text
    assert count(clean_db, settings, "Claim") == 0


def test_delete_article(
    keyed: TestClient, clean_db: Driver, settings: Settings, doc_json: dict
) -> None:
    h = {"X-API-Key": KEY}
    assert keyed.post("/facts", json=doc_json, headers=h).status_code == 201
    art = doc_json["article"]["id"]
    assert keyed.get(f"/articles/{art}").status_code == 200
    r = keyed.delete(f"/articles/{art}", headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "deleted"
    assert r.json()["claims_deleted"] == len(doc_json["facts"])
    assert keyed.get(f"/articles/{art}").status_code == 404
    assert count(clean_db, settings, "Claim") == 0
    assert count(clean_db, settings, "Assertion") == 0
    missing = keyed.delete(f"/articles/{art}", headers=h)
    assert missing.status_code == 404 and art in missing.json()["error"]["message"]


def test_post_article_extracts_and_loads(
    keyed: TestClient, clean_db: Driver, settings: Settings
) -> None:
    if importlib.util.find_spec("loaders.extract.pipeline") is None:
        pytest.skip("the extraction pipeline is not part of this build")
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    r = keyed.post(
        "/articles",
        json={"text": text, "id": "seed-via-api", "published": "2021-11-11"},
        headers={"X-API-Key": KEY},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["document"]["article"]["id"] == "seed-via-api"
    assert body["document"]["article"]["published"] == "2021-11-11"
    assert body["result"]["status"] == "created"
    assert body["result"]["claims_created"] == len(body["document"]["facts"]) > 0
    art = keyed.get("/articles/seed-via-api").json()
    assert art["origin"] == "extraction"
    assert art["claim_count"] == len(body["document"]["facts"])


def test_post_article_without_extractor_is_501(
    keyed: TestClient, clean_db: Driver, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A build without the pipeline: importing it fails (None in sys.modules blocks the import).
    monkeypatch.setitem(sys.modules, "loaders.extract.pipeline", None)
    r = keyed.post("/articles", json={"text": "A title\n\nSome text."}, headers={"X-API-Key": KEY})
    assert r.status_code == 501, r.text
    assert "POST /facts" in r.json()["detail"]
    assert count(clean_db, settings, "Article") == 0


def test_body_too_large_is_413(clean_db: Driver, settings: Settings, doc_json: dict) -> None:
    s = settings.model_copy(update={"api_keys": [SecretStr(KEY)], "api_max_body_bytes": 2000})
    h = {"X-API-Key": KEY}
    with TestClient(create_app(s)) as c:
        r = c.post("/facts", json=doc_json, headers=h)  # ~15 kB with a Content-Length
        assert r.status_code == 413
        assert "2000 bytes" in r.json()["error"]["message"]
        # Chunked upload, no Content-Length: counted as it arrives.
        chunks = (b"x" * 500 for _ in range(10))
        r = c.post("/articles", content=chunks, headers={**h, "Content-Type": "application/json"})
        assert r.status_code == 413
        small = c.post("/facts", json={"article": {"id": "a", "title": "t"}}, headers=h)
        assert small.status_code == 201, small.text
    assert count(clean_db, settings, "Article") == 1
