"""POST /cypher against the real Neo4j with the founding article loaded.

Every write or escape attempt must be refused (403 by policy, 422 when Neo4j cannot even parse
it) AND leave the graph exactly as it was (checksum over all nodes, relationships, properties,
indexes and constraints). Reads must come back as sensible JSON, capped and timed out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import REPO, wipe
from fastapi.testclient import TestClient
from graph_checksum import graph_checksum
from neo4j import READ_ACCESS, Driver

from api.app import create_app
from graph import guard
from graph.errors import Forbidden
from graph.settings import Settings
from graph.writer import load_document
from loaders.factdocs import read_document

pytestmark = pytest.mark.neo4j

FOUNDING_DOC = Path(
    os.environ.get(
        "GEOKG_TEST_FOUNDING_DOC",
        REPO / "samples" / "facts" / "2021-11-11-moscow-mali-wagner.yaml",
    )
)


def load_founding(driver: Driver, database: str) -> None:
    wipe(driver, database)
    load_document(driver, database, read_document(FOUNDING_DOC))


@pytest.fixture(scope="module")
def loaded(driver: Driver, settings: Settings) -> Driver:
    load_founding(driver, settings.neo4j_database)
    return driver


@pytest.fixture(scope="module")
def client(loaded: Driver, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


# (id, query, params, expected status). 403: refused by policy; 422: Neo4j cannot parse it.
ATTEMPTS: list[tuple[str, str, dict, int]] = [
    ("create", "CREATE (n:Entity {id: 'HACK'}) RETURN n", {}, 403),
    (
        "create-rel",
        "MATCH (a:Country {id:'RUS'}), (b:Country {id:'MLI'}) CREATE (a)-[:HACKED]->(b)",
        {},
        403,
    ),
    ("merge", "MERGE (n:Country {id: 'RUS'}) ON MATCH SET n.name = 'x' RETURN n", {}, 403),
    ("set-prop", "MATCH (n:Country {id: 'RUS'}) SET n.name = 'Hacked'", {}, 403),
    ("set-map", "MATCH (n) SET n += {hacked: true}", {}, 403),
    ("set-label", "MATCH (n:Country) SET n:Hacked", {}, 403),
    (
        "set-params",
        "MATCH (n:Country {id: $id}) SET n.name = $name",
        {"id": "MLI", "name": "x"},
        403,
    ),
    ("delete", "MATCH (n:Claim) DELETE n", {}, 403),
    ("detach-delete", "MATCH (n) DETACH DELETE n", {}, 403),
    ("remove-prop", "MATCH (n:Country) REMOVE n.name", {}, 403),
    ("remove-label", "MATCH (n:Country) REMOVE n:Country", {}, 403),
    ("foreach", "FOREACH (x IN [1, 2] | CREATE (:Hacked {v: x}))", {}, 403),
    (
        "foreach-set",
        "OPTIONAL MATCH (n) FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END"
        " | SET n.hacked = true)",
        {},
        403,
    ),
    ("insert-gql", "UNWIND range(1, 3) AS i INSERT (:Hacked {i: i})", {}, 403),
    ("subquery-write", "MATCH (n) WITH n LIMIT 1 CALL (n) { SET n.x = 1 } RETURN n", {}, 403),
    ("in-transactions-delete", "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS", {}, 403),
    (
        "in-transactions-read",
        "CALL { MATCH (n) RETURN n } IN TRANSACTIONS OF 10 ROWS RETURN n",
        {},
        403,
    ),
    (
        "periodic-commit",
        "USING PERIODIC COMMIT LOAD CSV FROM 'file:///x.csv' AS r CREATE (:X)",
        {},
        403,
    ),
    ("load-csv-file", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", {}, 403),
    (
        "load-csv-http",
        "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
        {},
        403,
    ),
    ("load-csv-param", "LOAD CSV FROM $url AS row RETURN row", {"url": "file:///etc/hosts"}, 403),
    ("proc-create-label", "CALL db.createLabel('Hacked')", {}, 403),
    ("proc-create-property", "CALL db.createProperty('hacked')", {}, 403),
    ("proc-create-reltype", "CALL db.createRelationshipType('HACKED')", {}, 403),
    (
        "proc-chained",
        "CALL db.labels() YIELD label CALL db.createLabel(label) RETURN label",
        {},
        403,
    ),
    (
        "proc-backticks",
        "MATCH (n) WITH n LIMIT 1 CALL `db`.`createLabel`('Hacked') RETURN n",
        {},
        403,
    ),
    ("proc-one-backtick", "CALL `db.createLabel`('Hacked')", {}, 403),
    ("proc-clear-caches", "CALL db.clearQueryCaches()", {}, 403),
    ("proc-tx-metadata", "CALL tx.setMetaData({app: 'x'})", {}, 403),
    ("proc-dbms-config", "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", {}, 403),
    ("proc-dbms-list-config", "CALL dbms.listConfig()", {}, 403),
    ("proc-create-user", "CALL dbms.security.createUser('eve', 'secret', false)", {}, 403),
    ("proc-kill", "CALL dbms.killQueries(['query-1'])", {}, 403),
    ("proc-apoc", "CALL apoc.create.node(['Hacked'], {})", {}, 403),
    ("proc-apoc-cypher", "CALL apoc.cypher.runWrite('CREATE (:Hacked)', {})", {}, 403),
    ("func-apoc", "RETURN apoc.text.join(['a'], ',') AS x", {}, 403),
    ("schema-create-index", "CREATE INDEX hacked FOR (n:Country) ON (n.hacked)", {}, 403),
    ("schema-drop-index", "DROP INDEX entity_name", {}, 403),
    (
        "schema-create-constraint",
        "CREATE CONSTRAINT hacked FOR (n:X) REQUIRE n.id IS UNIQUE",
        {},
        403,
    ),
    ("schema-drop-constraint", "DROP CONSTRAINT entity_id", {}, 403),
    ("create-database", "CREATE DATABASE hacked", {}, 403),
    ("drop-database", "DROP DATABASE neo4j", {}, 403),
    ("stop-database", "STOP DATABASE neo4j", {}, 403),
    ("start-database", "START DATABASE neo4j", {}, 403),
    ("show-users", "SHOW USERS", {}, 403),
    ("show-databases", "SHOW DATABASES", {}, 403),
    ("alter-user", "ALTER USER neo4j SET PASSWORD 'x'", {}, 403),
    ("grant", "GRANT ROLE admin TO eve", {}, 403),
    ("terminate", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", {}, 403),
    ("use-system", "USE system SHOW USERS", {}, 403),
    ("use-other-db", "USE neo4j MATCH (n) RETURN n", {}, 403),
    ("multi-statement", "MATCH (n) RETURN n; CREATE (x:Hacked)", {}, 403),
    ("multi-read-then-delete", "RETURN 1; MATCH (n) DETACH DELETE n", {}, 403),
    ("multi-after-comment", "MATCH (n) RETURN n /* harmless */ ; CREATE (:Hacked)", {}, 403),
    ("greek-question-mark", "RETURN 1 AS x\u037e CREATE (:Hacked)", {}, 403),
    ("comment-hides-read", "/* RETURN 1 */ CREATE (:Hacked)", {}, 403),
    ("line-comment", "MATCH (n) RETURN n // just reading\nCREATE (:Hacked)", {}, 403),
    ("line-separator", "MATCH (n) RETURN count(n)\u2028CREATE (:Hacked)", {}, 403),
    ("explain-prefix", "EXPLAIN CREATE (:Hacked)", {}, 403),
    ("profile-prefix", "PROFILE MATCH (n) SET n.x = 1", {}, 403),
    ("fullwidth-create", "\uff23\uff32\uff25\uff21\uff34\uff25 (:Hacked)", {}, 403),
    ("lowercase-create", "create (:Hacked)", {}, 403),
    ("string-escape", "RETURN 'it\\'s' AS a CREATE (:Hacked)", {}, 403),
    # Neo4j cannot parse these; still refused, and nothing runs.
    ("split-keyword", "CR/**/EATE (:Hacked)", {}, 422),
    ("backtick-keyword", "`CREATE` (:Hacked)", {}, 422),
    ("unterminated-comment", "MATCH (n) RETURN n /* CREATE (:Hacked)", {}, 422),
    ("unterminated-string", "RETURN 'x AS y CREATE (:Hacked)", {}, 422),
    ("bad-param-name", "MATCH (n) RETURN n LIMIT 1", {"x}) DETACH DELETE n //": 1}, 422),
]


def test_attempt_corpus_is_large_enough() -> None:
    assert len(ATTEMPTS) >= 40
    assert len({a[0] for a in ATTEMPTS}) == len(ATTEMPTS)


@pytest.mark.parametrize(
    ("name", "query", "params", "status"), ATTEMPTS, ids=[a[0] for a in ATTEMPTS]
)
def test_write_and_escape_attempts_are_refused(
    client: TestClient,
    loaded: Driver,
    settings: Settings,
    name: str,
    query: str,
    params: dict,
    status: int,
) -> None:
    before = graph_checksum(loaded, settings.neo4j_database)
    r = client.post("/cypher", json={"query": query, "params": params})
    after = graph_checksum(loaded, settings.neo4j_database)
    assert r.status_code == status, (name, r.status_code, r.text)
    message = r.json()["error"]["message"]
    assert message and "Traceback" not in message
    assert after == before, f"{name}: the graph changed although the query was refused"


def test_refusal_names_the_reason(client: TestClient) -> None:
    r = client.post("/cypher", json={"query": "MATCH (n) DETACH DELETE n"})
    assert r.status_code == 403
    assert "DETACH" in r.json()["error"]["message"]
    r = client.post("/cypher", json={"query": "CALL db.createLabel('X')"})
    assert "db.createLabel" in r.json()["error"]["message"]
    r = client.post("/cypher", json={"query": "LOAD CSV FROM 'file:///x' AS r RETURN r"})
    assert "LOAD CSV" in r.json()["error"]["message"]


def _explain(driver: Driver, database: str, query: str):  # type: ignore[no-untyped-def]
    with driver.session(database=database, default_access_mode=READ_ACCESS) as s:
        return s.execute_read(lambda tx: tx.run("EXPLAIN " + query).consume())


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Hacked)",
        "LOAD CSV FROM 'file:///x.csv' AS r RETURN r",  # Neo4j types it read-only ("r")!
        "CALL db.createLabel('Hacked')",
        "CALL tx.setMetaData({a: 1})",
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS",
    ],
)
def test_plan_check_alone_refuses(loaded: Driver, settings: Settings, query: str) -> None:
    # Defence in depth: the plan check refuses even what the text checks would let through.
    with pytest.raises(Forbidden):
        guard.check_plan(_explain(loaded, settings.neo4j_database, query))


def test_plan_check_accepts_reads(loaded: Driver, settings: Settings) -> None:
    for q in ("MATCH (n:Entity) RETURN n.name", "CALL db.labels()", "CALL dbms.components()"):
        guard.check_plan(_explain(loaded, settings.neo4j_database, q))


def test_parameter_injection_is_just_a_value(
    client: TestClient, loaded: Driver, settings: Settings
) -> None:
    before = graph_checksum(loaded, settings.neo4j_database)
    evil = "RUS'}) DETACH DELETE n //"
    r = client.post(
        "/cypher",
        json={"query": "MATCH (n:Entity) WHERE n.id = $id RETURN n", "params": {"id": evil}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == []
    assert graph_checksum(loaded, settings.neo4j_database) == before


# ------------------------------------------------------------------ reads


def test_node_read_as_json(client: TestClient) -> None:
    r = client.post(
        "/cypher",
        json={
            "query": "MATCH (c:Country {id: $id}) RETURN c, c.name AS name",
            "params": {"id": "MLI"},
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["c", "name"]
    assert body["query_type"] == "r" and body["truncated"] is False and body["row_count"] == 1
    node = body["rows"][0]["c"]
    assert {"Entity", "Country"} <= set(node["labels"])
    assert node["properties"]["iso3"] == "MLI"
    assert node["properties"]["name"] == body["rows"][0]["name"]
    assert [n["id"] for n in body["nodes"]] == [node["id"]]


def test_relationships_and_paths(client: TestClient, loaded: Driver, settings: Settings) -> None:
    records, _, _ = loaded.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN elementId(a) AS a, type(r) AS t, "
        "elementId(b) AS b LIMIT 1",
        database_=settings.neo4j_database,
    )
    expected = records[0]
    r = client.post(
        "/cypher",
        json={
            "query": "MATCH p = (a:Entity)-[r]->(b:Entity) WHERE elementId(a) = $a AND "
            "type(r) = $t AND elementId(b) = $b RETURN p, r LIMIT 1",
            "params": dict(expected),
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    rel = body["rows"][0]["r"]
    assert rel["type"] == expected["t"]
    assert (rel["start"], rel["end"]) == (expected["a"], expected["b"])
    assert "status" in rel["properties"]
    path = body["rows"][0]["p"]
    assert [n["id"] for n in path["nodes"]] == [expected["a"], expected["b"]]
    assert path["relationships"][0]["id"] == rel["id"]
    assert {n["id"] for n in body["nodes"]} == {expected["a"], expected["b"]}
    assert [x["id"] for x in body["relationships"]] == [rel["id"]]


def test_temporal_values_are_iso_strings(client: TestClient) -> None:
    r = client.post(
        "/cypher",
        json={
            "query": "MATCH (a:Article) RETURN a.loaded_at AS loaded, "
            "date('2021-11-11') AS d, duration('P1D') AS dur LIMIT 1"
        },
    )
    assert r.status_code == 200, r.text
    row = r.json()["rows"][0]
    assert datetime.fromisoformat(row["loaded"][:26]).year >= 2024
    assert date.fromisoformat(row["d"]) == date(2021, 11, 11)
    assert row["dur"] == "P1D"


def test_allowed_procedures(client: TestClient) -> None:
    r = client.post("/cypher", json={"query": "CALL db.labels() YIELD label RETURN label"})
    assert r.status_code == 200, r.text
    assert {"Entity", "Country", "Claim"} <= {row["label"] for row in r.json()["rows"]}
    r = client.post("/cypher", json={"query": "CALL dbms.components()"})
    assert r.status_code == 200, r.text
    assert r.json()["rows"][0]["name"] == "Neo4j Kernel"
    r = client.post(
        "/cypher",
        json={
            "query": "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node "
            "RETURN node.id AS id",
            "params": {"q": "mali"},
        },
    )
    assert r.status_code == 200, r.text
    assert "MLI" in [row["id"] for row in r.json()["rows"]]


def test_keywords_as_names_are_fine(client: TestClient) -> None:
    # property keys and map keys that look like clauses are not clauses
    r = client.post("/cypher", json={"query": "RETURN {set: 1, delete: 2}.set AS x"})
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [{"x": 1}]


def test_syntax_error_is_422(client: TestClient) -> None:
    r = client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert r.status_code == 422
    assert "Neo4j cannot run this query" in r.json()["error"]["message"]


def test_runtime_error_is_422(client: TestClient) -> None:
    r = client.post("/cypher", json={"query": "UNWIND [1, 0] AS d RETURN 1 / d AS x"})
    assert r.status_code == 422, r.text
    assert "could not run" in r.json()["error"]["message"]


def test_row_cap_truncates(loaded: Driver, settings: Settings) -> None:
    capped = settings.model_copy(update={"cypher_row_cap": 3})
    with TestClient(create_app(capped)) as c:
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rows"] == [{"i": 1}, {"i": 2}, {"i": 3}]
    assert body["truncated"] is True and body["row_cap"] == 3
    with TestClient(create_app(capped)) as c:
        r = c.post("/cypher", json={"query": "UNWIND range(1, 3) AS i RETURN i"})
    assert r.json()["truncated"] is False


def test_slow_read_times_out(loaded: Driver, settings: Settings) -> None:
    quick = settings.model_copy(update={"cypher_timeout": 1.0})
    with TestClient(create_app(quick)) as c:
        r = c.post("/cypher", json={"query": "UNWIND range(1, 2000000000) AS i RETURN sum(i) AS s"})
    assert r.status_code == 504, r.text
    assert r.json()["error"]["code"] == "query_timeout"
