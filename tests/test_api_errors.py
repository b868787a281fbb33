"""Errors at the edge: 404 for unknown ids, 422 naming the field, 503 with Retry-After while
Neo4j is down (and recovery by itself), a generic 500 body without internals."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from graph import localserver
from graph.settings import Settings
from tests.test_api_read import load_founding

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def client(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    load_founding(driver, settings)
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize(
    "url",
    [
        "/entities/NOPE",
        "/entities/Atlantis",
        "/entities/NOPE/relations",
        "/entities/NOPE/timeline",
        "/articles/no-such-article",
        "/relations?a=RUS&b=NOPE",
        "/paths?from=NOPE&to=MLI",
        "/claims?entity=NOPE",
    ],
)
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404, r.text
    err = r.json()["error"]
    assert err["code"] == "not_found"
    assert any(word in err["message"] for word in ("NOPE", "Atlantis", "no-such-article"))


def test_404_suggests_a_close_entity(client: TestClient) -> None:
    r = client.get("/entities/Mailai")
    assert r.status_code == 404
    assert "did you mean MLI (Mali)" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/entities", "q"),
        ("/entities?q=", "q"),
        ("/entities?q=mali&limit=0", "limit"),
        ("/entities?q=mali&type=planet", "type"),
        ("/entities/RUS/relations?relation=HUGS", "relation"),
        ("/entities/RUS/relations?direction=sideways", "direction"),
        ("/entities/RUS/relations?status=maybe", "status"),
        ("/entities/RUS/relations?since=2021-13-01", "since"),  # our own date check
        ("/entities/RUS/relations?until=yesterday", "until"),
        ("/entities/RUS/relations?cursor=bm9wZQ", "cursor"),  # base64 of "nope"
        ("/entities/RUS/relations?limit=1000", "limit"),
        ("/paths?from=RUS&to=MLI&max_hops=5", "max_hops"),
        ("/paths?from=RUS&to=MLI&max_hops=0", "max_hops"),
        ("/paths?from=RUS&to=RUS", "to"),
        ("/paths?to=MLI", "from"),
        ("/relations?a=RUS", "b"),
        ("/relations?a=RUS&b=rus", "b"),
        ("/claims?status=rumoured", "status"),
        ("/claims?cursor=!!!", "cursor"),
        ("/articles?limit=-1", "limit"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(client: TestClient, url: str, field: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, r.text
    fields = [e["loc"][-1] for e in r.json()["detail"]]
    assert field in fields, r.json()
    # One error shape for FastAPI's validation and geokg's own checks alike.
    err = r.json()["error"]
    assert err["code"] == "invalid_input" and err["field"] == field
    assert err["message"].startswith(f"{field}: ")


def test_unknown_route_and_auth_errors_share_the_error_shape(client: TestClient) -> None:
    r = client.get("/no/such/route")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.post("/facts", json={})
    assert r.status_code == 403  # no keys configured in this app: writes are off
    assert r.json()["error"]["code"] == "forbidden"
    assert "disabled" in r.json()["error"]["message"]


def test_invalid_partial_date_message(client: TestClient) -> None:
    r = client.get("/entities/RUS/relations", params={"since": "2021-02-30"})
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "since"
    assert "not a valid date" in r.json()["error"]["message"]


def test_unexpected_errors_are_a_generic_500(settings: Settings) -> None:
    app = create_app(settings)

    def boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    assert r.status_code == 500
    assert r.json() == {
        "error": {"status": 500, "code": "internal_error", "message": "Internal server error."}
    }
    assert "secret" not in r.text and "Traceback" not in r.text


def _wait_for(client: TestClient, url: str, status: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    code = -1
    while time.monotonic() < deadline:
        code = client.get(url).status_code
        if code == status:
            return code
        time.sleep(0.5)
    return code


@pytest.mark.slow
def test_neo4j_down_gives_503_and_recovers_by_itself(
    client: TestClient, settings: Settings
) -> None:
    """Stops and restarts this test session's managed Neo4j (~20 s)."""
    if not settings.managed:
        pytest.skip("needs the managed Neo4j (NEO4J_URI is set)")
    assert client.get("/entities/RUS").status_code == 200
    localserver.stop(settings, log=lambda m: None)
    try:
        t = time.monotonic()
        r = client.get("/entities/RUS")
        assert r.status_code == 503, r.text
        assert time.monotonic() - t < 10  # fails fast, not after the driver's full retry time
        assert int(r.headers["Retry-After"]) > 0
        body = r.json()["error"]
        assert body["code"] == "neo4j_unavailable" and "Neo4j" in body["message"]
        assert client.get("/claims", params={"status": "contested"}).status_code == 503
        assert client.get("/health").json() == {"status": "ok", "neo4j": False}
        # An app started while Neo4j is down starts anyway and answers 503.
        with TestClient(create_app(settings)) as cold:
            r = cold.get("/stats")
            assert r.status_code == 503 and "Retry-After" in r.headers
    finally:
        localserver.start(settings, log=lambda m: None)
    # Both apps recover without a restart of their own.
    assert _wait_for(client, "/entities/RUS", 200, 60) == 200
    assert client.get("/relations", params={"a": "RUS", "b": "MLI"}).status_code == 200
    with TestClient(create_app(settings)) as warm:
        assert _wait_for(warm, "/stats", 200, 30) == 200
