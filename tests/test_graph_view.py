"""GET /graph, /graph/view, the Neo4j Browser guide and style; founding article loaded."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from test_cypher_guard import load_founding

from api.app import create_app
from api.routers import graph as graph_router
from graph import localserver
from graph.cypher.cookbook import EXAMPLES
from graph.settings import Settings
from graph.vocab import Relation

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def client(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    load_founding(driver, settings.neo4j_database)
    with TestClient(create_app(settings)) as c:
        yield c


def _edges(driver: Driver, settings: Settings, entity: str) -> set[tuple[str, str, str]]:
    """Browsing edges touching an entity, straight from Neo4j, to compare the view with."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Entity)-[r]-(b:Entity) WHERE a.id = $id AND r.assertion IS NOT NULL "
        "RETURN startNode(r).id AS s, type(r) AS t, endNode(r).id AS o",
        id=entity,
        database_=settings.neo4j_database,
    )
    return {(r["s"], r["t"], r["o"]) for r in records}


def test_subgraph_matches_the_graph(client: TestClient, driver: Driver, settings: Settings) -> None:
    r = client.get("/graph", params={"entity": "MLI"})
    assert r.status_code == 200, r.text
    body = r.json()
    got = {(e["source"], e["relation"], e["target"]) for e in body["edges"]}
    assert got == _edges(driver, settings, "MLI")
    assert len(got) >= 2
    ids = {n["id"] for n in body["nodes"]}
    assert {e["source"] for e in body["edges"]} | {e["target"] for e in body["edges"]} <= ids
    center = [n for n in body["nodes"] if n["center"]]
    assert [n["id"] for n in center] == ["MLI"] and center[0]["type"] == "country"
    assert body["truncated"] is False
    for e in body["edges"]:
        assert e["status"] and e["assertion"] and e["evidence"], e
        assert all(c["claim"] and c["status"] for c in e["evidence"])


def test_aid_edge_carries_speaker_and_evidence(client: TestClient) -> None:
    body = client.get("/graph", params={"entity": "Mali", "relation": "AID"}).json()
    aid = [e for e in body["edges"] if e["source"] == "RUS" and e["target"] == "MLI"]
    assert len(aid) == 1
    speakers = {c["speaker"] for c in aid[0]["evidence"]}
    assert any(s and "Lavrov" in s for s in speakers), speakers
    assert all(c["text"] for c in aid[0]["evidence"])
    assert all(e["relation"] == "AID" for e in body["edges"])


def test_status_filter_and_contested_edge(client: TestClient) -> None:
    body = client.get("/graph", params={"entity": "MLI", "status": "contested"}).json()
    assert body["edges"], "the founding article has a contested fact about Mali"
    assert all(e["status"] == "contested" for e in body["edges"])
    statuses = {c["status"] for e in body["edges"] for c in e["evidence"]}
    assert "denied" in statuses and statuses - {"denied", "retracted"}


def test_depth_widens_and_limit_truncates(client: TestClient) -> None:
    one = client.get("/graph", params={"entity": "MLI"}).json()
    two = client.get("/graph", params={"entity": "MLI", "depth": 2}).json()
    assert len(two["edges"]) > len(one["edges"])
    assert {e["id"] for e in one["edges"]} <= {e["id"] for e in two["edges"]}
    capped = client.get("/graph", params={"entity": "MLI", "depth": 2, "limit": 2}).json()
    assert len(capped["edges"]) == 2 and capped["truncated"] is True


def test_date_filters(client: TestClient) -> None:
    all_edges = client.get("/graph", params={"entity": "MLI"}).json()["edges"]
    late = client.get("/graph", params={"entity": "MLI", "since": "2030"}).json()["edges"]
    assert late == []
    same = client.get("/graph", params={"entity": "MLI", "since": "2000", "until": "2029"})
    dated = [e for e in all_edges if e["first_seen"] or e["last_seen"]]
    assert len(same.json()["edges"]) == len(dated) > 0


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"entity": "MLI", "depth": 9}, 422, "depth"),
        ({"entity": "MLI", "relation": "HUGS"}, 422, "relation"),
        ({"entity": "MLI", "status": "maybe"}, 422, "status"),
        ({"entity": "MLI", "since": "yesterday"}, 422, "since"),
        ({"entity": "MLI", "limit": 0}, 422, "limit"),
        ({"entity": "Atlantis-Nowhere-42"}, 404, None),
        ({}, 422, "entity"),
    ],
)
def test_bad_parameters(client: TestClient, params: dict, status: int, field: str | None) -> None:
    r = client.get("/graph", params=params)
    assert r.status_code == status, r.text
    if field:
        assert field in r.text


def test_view_page_and_assets(client: TestClient) -> None:
    page = client.get("/graph/view", params={"entity": "MLI"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    scripts = re.findall(r'<script src="([^"]+)"', page.text)
    assert "/graph/assets/cytoscape.min.js" in scripts
    for src in scripts + re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.text):
        r = client.get(src)
        assert r.status_code == 200 and len(r.content) > 500, src
    assert "cytoscape" in client.get("/graph/assets/cytoscape.min.js").text[:2000].lower()
    assert client.get("/graph/assets/secrets.txt").status_code == 404


def test_view_fails_clearly_without_npm_ci(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GEOKG_NODE_MODULES", str(tmp_path))
    r = client.get("/graph/view", params={"entity": "MLI"})
    assert r.status_code == 503
    assert "npm ci" in r.json()["error"]["message"]
    assert graph_router.node_modules() == tmp_path


# ------------------------------------------------------------------ Neo4j Browser


def test_guide_lists_every_cookbook_query(client: TestClient) -> None:
    r = client.get("/browser/guide")
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    slides = re.findall(r"<slide[^>]*>(.*?)</slide>", r.text, re.S)
    assert len(slides) == len(EXAMPLES) + 1
    runnable = [
        html.unescape(x)
        for x in re.findall(r'<pre class="runnable cookbook">(.*?)</pre>', r.text, re.S)
    ]
    assert runnable == [q.strip() for q, _ in EXAMPLES.values()]
    for title, (_, params) in EXAMPLES.items():
        assert html.escape(title) in r.text
        for key in params:
            assert re.search(rf":params \{{[^<]*\b{key}: ", r.text), key


def test_guide_preflight_for_browser_origin(client: TestClient) -> None:
    r = client.options(
        "/browser/guide",
        headers={
            "Origin": "http://127.0.0.1:7474",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
    )
    assert r.status_code == 204
    assert "pragma" in r.headers["access-control-allow-headers"]


def test_style_sheet(client: TestClient) -> None:
    r = client.get("/browser/style.grass")
    assert r.status_code == 200
    text = r.text
    for label in ("Country", "Organization", "Person", "Location"):
        block = re.search(rf"node\.{label} \{{(.*?)\n\}}", text, re.S)
        assert block and "caption: '{name}'" in block.group(1) and "color: #" in block.group(1)
    for rel in Relation:
        assert f"relationship.{rel.value} {{\n  caption: '{rel.value} {{status}}';" in text
    assert text.count("{") == text.count("}")


@pytest.mark.parametrize("title", list(EXAMPLES), ids=range(len(EXAMPLES)))
def test_cookbook_query_runs_through_guarded_cypher(client: TestClient, title: str) -> None:
    # Each cookbook query is read-only, passes the guard, and finds something in the founding
    # article's data.
    query, params = EXAMPLES[title]
    r = client.post("/cypher", json={"query": query, "params": params})
    assert r.status_code == 200, r.text
    assert r.json()["row_count"] >= 1, title


def test_managed_server_browser_settings(settings: Settings) -> None:
    # Browser 5.24 matches the allow-list on the host name alone; an entry with a port never
    # matches. Each ';'-separated post-connect command runs after connecting.
    conf = localserver.browser_settings(settings)
    hosts = [h.strip() for h in conf["browser.remote_content_hostname_whitelist"].split(",")]
    assert hosts and all(":" not in h for h in hosts)
    commands = [c.strip() for c in conf["browser.post_connect_cmd"].split(";")]
    api = f"http://127.0.0.1:{settings.api_port}"
    assert commands == [f"style {api}/browser/style.grass", f"play {api}/browser/guide"]
    assert "127.0.0.1" in hosts
