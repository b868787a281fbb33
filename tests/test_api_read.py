"""Read endpoints through the ASGI app, with the real Neo4j behind it and the founding
article's fact document loaded through the loader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from graph import writer
from graph.reader import lucene_escape, lucene_query
from graph.settings import Settings
from loaders.factdocs import read_document
from tests.conftest import REPO, SEED_ARTICLE, wipe

pytestmark = pytest.mark.neo4j

FOUNDING_DOC = REPO / "samples" / "facts" / "2021-11-11-moscow-mali-wagner.yaml"


def load_founding(driver: Driver, settings: Settings) -> str:
    wipe(driver, settings.neo4j_database)
    doc = read_document(Path(FOUNDING_DOC))
    writer.load_document(driver, settings.neo4j_database, doc)
    return doc.article.id


@pytest.fixture(scope="module")
def loaded(driver: Driver, settings: Settings) -> str:
    return load_founding(driver, settings)


@pytest.fixture(scope="module")
def client(loaded: str, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def ok(client: TestClient, url: str, **params: object) -> object:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


# ------------------------------------------------------------------ the "done when" checks


def test_moscow_finds_russia(client: TestClient) -> None:
    hits = ok(client, "/entities", q="moscow")
    assert hits[0]["id"] == "RUS"
    assert hits[0]["matched"] == "Moscow" and hits[0]["exact"] is True


def test_relations_russia_mali_military_aid_with_lavrov_and_evidence(client: TestClient) -> None:
    page = ok(client, "/relations", a="RUS", b="MLI")
    aid = [a for a in page["items"] if a["relation"] == "AID" and a["mode"] == "military"]
    assert len(aid) == 1
    assert aid[0]["subject"]["id"] == "RUS" and aid[0]["object"]["id"] == "MLI"
    claims = aid[0]["claims"]
    lavrov = [c for c in claims if c["speaker"] and c["speaker"]["id"] == "sergei-lavrov"]
    assert lavrov and lavrov[0]["status"] == "asserted"
    assert "Sergei Lavrov" in aid[0]["supported_by"]
    ev = lavrov[0]["evidence"]
    # The evidence is the article's own words at the offsets the document gives.
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert ev["text"] == text[ev["start"] : ev["end"]]
    assert "weapons" in ev["text"]
    assert lavrov[0]["sources"][0]["publisher"] == "The Moscow Times"
    # Both directions: facts with Mali as subject and Russia as object are there too.
    assert {(a["subject"]["id"], a["object"]["id"]) for a in page["items"]} >= {("RUS", "MLI")}


def test_contested_wagner_deal_shows_both_sides(client: TestClient) -> None:
    page = ok(client, "/claims", status="contested")
    deal = [
        a
        for a in page["items"]
        if a["relation"] == "AGREE"
        and a["subject"]["id"] == "MLI"
        and a["object"]["id"] == "wagner-group"
    ]
    assert len(deal) == 1
    d = deal[0]
    assert d["status"] == "contested"
    assert {"France", "Germany", "unnamed sources"} <= set(d["supported_by"])
    assert d["denied_by"] == ["Abdoulaye Diop"]
    statuses = {c["status"] for c in d["claims"]}
    assert {"reported", "alleged", "denied"} <= statuses
    assert all(a["status"] == "contested" for a in page["items"])


def test_paths_russia_mali_include_the_route_through_wagner(client: TestClient) -> None:
    paths = ok(client, "/paths", **{"from": "RUS", "to": "MLI"})
    lengths = [p["length"] for p in paths]
    assert lengths == sorted(lengths) and lengths[0] == 1  # the direct edges come first
    via = [p for p in paths if [n["id"] for n in p["nodes"]] == ["RUS", "wagner-group", "MLI"]]
    assert len(via) == 1
    first, second = via[0]["hops"]
    assert {(e["relation"], e["status"]) for e in first["edges"]} >= {
        ("AFFILIATED_WITH", "contested")
    }
    assert ("AGREE", "contested") in {(e["relation"], e["status"]) for e in second["edges"]}
    # Edges keep their own direction, whichever way the path walks them.
    agree = next(e for e in second["edges"] if e["relation"] == "AGREE")
    assert (agree["source"], agree["target"]) == ("MLI", "wagner-group")


def test_france_timeline_2013_before_2021(client: TestClient) -> None:
    page = ok(client, "/entities/FRA/timeline")
    whens = [e["when"] for e in page["items"]]
    assert whens == sorted(whens)
    first_2013 = next(i for i, w in enumerate(whens) if w.startswith("2013"))
    first_2021 = next(i for i, w in enumerate(whens) if w.startswith("2021"))
    assert first_2013 < first_2021
    e2013 = page["items"][first_2013]
    assert e2013["relation"] in {"OPERATES_IN", "ASSAULT"} and e2013["subject"]["id"] == "FRA"


# ------------------------------------------------------------------ search


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Mailai", "MLI"),  # misspelt
        ("MALI", "MLI"),
        ("Málì", "MLI"),  # accents do not matter
        ("wagner", "wagner-group"),
        ("the kremlin", "RUS"),
        ("lavrov", "sergei-lavrov"),
        ("rus", "RUS"),  # the id itself
    ],
)
def test_search_is_forgiving(client: TestClient, q: str, expected: str) -> None:
    hits = ok(client, "/entities", q=q)
    assert hits and hits[0]["id"] == expected, hits


def test_search_type_filter_and_limit(client: TestClient) -> None:
    hits = ok(client, "/entities", q="russia", type="person")
    assert all(h["type"] == "person" for h in hits)
    assert "RUS" not in {h["id"] for h in hits}
    assert len(ok(client, "/entities", q="a", limit=1)) <= 1


@pytest.mark.parametrize("q", ['Mali~ AND (x:"', "\\", "*", "OR", "[RUS TO ZZZ]", "mali/"])
def test_search_with_lucene_syntax_is_safe(client: TestClient, q: str) -> None:
    r = client.get("/entities", params={"q": q})
    assert r.status_code in (200, 422), r.text
    if "mali" in q.lower():
        assert r.json()[0]["id"] == "MLI"


def test_lucene_escaping() -> None:
    assert lucene_escape('a+b-c:"d"~(e)') == 'a\\+b\\-c\\:\\"d\\"\\~\\(e\\)'
    query = lucene_query("Côte d'Ivoire")
    assert '"cote d ivoire"' in query and "ivoire~2" in query


# ------------------------------------------------------------------ entities


def test_entity_detail(client: TestClient) -> None:
    rus = ok(client, "/entities/RUS")
    assert rus["name"] == "Russia" and "Moscow" in rus["aliases"]
    counts = {
        (c["relation"], c["direction"], c["status"]): c["count"] for c in rus["relation_counts"]
    }
    assert counts[("AID", "out", "asserted")] == 1
    assert counts[("AFFILIATED_WITH", "in", "contested")] == 1
    assert rus["mentioned_in"] == 1
    # lower-case ISO3 and a unique name resolve to the same entity
    assert ok(client, "/entities/rus")["id"] == "RUS"
    lavrov = ok(client, "/entities/Sergei Lavrov")
    assert lavrov["id"] == "sergei-lavrov"
    assert [(p["title"], p["organization"]["id"]) for p in lavrov["positions"]] == [
        ("Foreign Minister", "RUS")
    ]


def test_entity_relations_filters_and_cursor(client: TestClient) -> None:
    everything = ok(client, "/entities/RUS/relations", limit=200)
    assert everything["next_cursor"] is None
    total = len(everything["items"])
    assert total >= 5
    seen: list[str] = []
    cursor = None
    for _ in range(total + 1):
        page = ok(
            client, "/entities/RUS/relations", limit=2, **({"cursor": cursor} if cursor else {})
        )
        seen += [f"{i['id']}/{i['direction']}" for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == total == len(set(seen))
    assert seen == [f"{i['id']}/{i['direction']}" for i in everything["items"]]

    aid = ok(client, "/entities/RUS/relations", relation="AID", direction="out")["items"]
    assert [(i["relation"], i["counterpart"]["id"]) for i in aid] == [("AID", "MLI")]
    assert aid[0]["claims"][0]["speaker"]["name"] == "Sergei Lavrov"
    assert ok(client, "/entities/RUS/relations", relation="AID", direction="in")["items"] == []
    contested = ok(client, "/entities/RUS/relations", status="contested")["items"]
    assert contested and all(i["status"] == "contested" for i in contested)

    # Partial dates compare at the precision both share: "2021" is within since=2021-11
    # and until=2021-06 alike; "2021-11-11" is within the first only.
    fra = ok(client, "/entities/FRA/relations")["items"]
    assert ok(client, "/entities/FRA/relations", since="2021-11")["items"] == fra
    assert ok(client, "/entities/FRA/relations", since="2022")["items"] == []
    until = ok(client, "/entities/FRA/relations", until="2021-06")["items"]
    assert {i["first_seen"] for i in until} == {"2021"}
    assert len(until) == len([i for i in fra if i["first_seen"] == "2021"]) > 0
    assert ok(client, "/entities/FRA/relations", until="1999")["items"] == []


# ------------------------------------------------------------------ claim samples, all claims


def _deal(client: TestClient, **params: object) -> dict:
    page = ok(client, "/relations", a="MLI", b="wagner-group", **params)
    return next(a for a in page["items"] if a["relation"] == "AGREE")


def test_claim_sample_shows_both_sides_and_voices_cover_all_claims(client: TestClient) -> None:
    full = _deal(client, claim_limit=50)
    assert len(full["claims"]) == full["claim_count"] >= 4
    one = _deal(client, claim_limit=1)
    # one claim per side: the newest denial and the newest other claim
    assert [c["status"] for c in one["claims"]].count("denied") == 1
    assert len(one["claims"]) == 2
    newest_first = sorted(
        full["claims"],
        key=lambda c: (c["date"] or c["valid_from"] or c["published"] or "", c["id"]),
        reverse=True,
    )
    denial = next(c for c in newest_first if c["status"] in ("denied", "retracted"))
    other = next(c for c in newest_first if c["status"] not in ("denied", "retracted"))
    assert {c["id"] for c in one["claims"]} == {denial["id"], other["id"]}
    # Who stands on each side is computed over all claims, whatever the sample size, and
    # agrees with each claim's own said_by.
    none = _deal(client, claim_limit=0)
    assert none["claims"] == [] and none["claim_count"] == full["claim_count"]
    supporting = {"asserted", "reported", "alleged", "confirmed"}
    for view in (full, one, none):
        assert set(view["supported_by"]) == {
            c["said_by"] for c in full["claims"] if c["status"] in supporting
        }
        assert view["denied_by"] == ["Abdoulaye Diop"]


def test_assertion_and_all_its_claims_page_by_page(client: TestClient) -> None:
    deal = _deal(client, claim_limit=50)
    assert ok(client, f"/assertions/{deal['id']}", claim_limit=50) == deal
    seen: list[dict] = []
    cursor = None
    for _ in range(deal["claim_count"] + 1):
        page = ok(
            client,
            f"/assertions/{deal['id']}/claims",
            limit=1,
            **({"cursor": cursor} if cursor else {}),
        )
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [c["id"] for c in seen] == [c["id"] for c in deal["claims"]]
    assert len(seen) == deal["claim_count"]
    r = client.get("/assertions/as:nope/claims")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert client.get("/assertions/as:nope").status_code == 404
    r = client.get("/relations", params={"a": "RUS", "b": "MLI", "claim_limit": 51})
    assert r.status_code == 422


def test_names_resolve_when_they_are_not_ids(client: TestClient) -> None:
    by_id = ok(client, "/entities/sergei-lavrov/relations")
    assert ok(client, "/entities/Sergei Lavrov/relations") == by_id
    assert ok(client, "/relations", a="rus", b="Mali") == ok(client, "/relations", a="RUS", b="MLI")
    assert ok(client, "/graph", entity="the kremlin")["entity"] == "RUS"
    r = client.get("/relations", params={"a": "RUS", "b": "rus"})
    assert r.status_code == 422
    r = client.get("/entities/nowhere-land/timeline")
    assert r.status_code == 404


# ------------------------------------------------------------------ articles, stats, docs


def test_articles_and_the_facts_they_support(client: TestClient, loaded: str) -> None:
    doc = read_document(FOUNDING_DOC)
    page = ok(client, "/articles")
    assert [a["id"] for a in page["items"]] == [loaded]
    assert page["items"][0]["claim_count"] == len(doc.facts)
    art = ok(client, f"/articles/{loaded}")
    assert art["title"] == doc.article.title
    claims = [c for f in art["facts"] for c in f["claims"]]
    assert len(claims) == len(doc.facts)
    assert {c["id"] for c in claims} == {f"{loaded}#{f.id}" for f in doc.facts}
    assert "RUS" in {m["id"] for m in art["mentions"]}


def test_stats(client: TestClient) -> None:
    doc = read_document(FOUNDING_DOC)
    stats = ok(client, "/stats")
    assert stats["labels"]["Article"] == 1
    assert stats["labels"]["Claim"] == len(doc.facts)
    assert stats["relations"]["AGREE"] == {"contested": 1}
    assert sum(stats["claims_by_status"].values()) == len(doc.facts)
    assert stats["assertions_by_status"]["contested"] == 2


def test_openapi_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/entities", "/entities/{id}", "/relations", "/paths", "/claims", "/stats"):
        assert p in paths


def test_geokg_serve_runs_the_api(loaded: str, settings: Settings) -> None:
    """`geokg serve` end to end: a real uvicorn process on a free port."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    geokg = Path(sys.executable).with_name("geokg")
    proc = subprocess.Popen(
        [str(geokg), "serve", "--port", str(port)],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                if r.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "geokg serve did not answer within 60 s"
            time.sleep(0.3)
        assert r.json() == {"status": "ok", "neo4j": True}
        hits = httpx.get(f"http://127.0.0.1:{port}/entities", params={"q": "moscow"}).json()
        assert hits[0]["id"] == "RUS"
        assert httpx.get(f"http://127.0.0.1:{port}/docs").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
