"""Security: Cypher injection through every string parameter of every GET endpoint, the
/cypher refusal corpus, API keys, and the managed Neo4j's exposure and secrets.

Injection strings go through every string query/path parameter of every GET operation in the
live OpenAPI schema (so a new endpoint is covered without editing this file): no 5xx, the graph
checksum (element ids included) unchanged, and no internals in the body (no traceback, no Neo4j
error codes or Java class names, no Cypher text).
"""

from __future__ import annotations

import hmac
import importlib
import io
import logging
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError
from pydantic import SecretStr

import api.deps
from api.app import create_app
from graph import localserver, writer
from graph.settings import Settings
from loaders.factdocs import read_document
from tests.conftest import REPO, wipe
from tests.graph_checksum import graph_checksum

pytestmark = pytest.mark.neo4j

API_KEY = "security-test-key-5f0c2a9e7d1b4c38"
OTHER_KEY = "second-security-key-9a8b7c6d5e4f"
FOUNDING_DOC = REPO / "samples" / "facts" / "2021-11-11-moscow-mali-wagner.yaml"
GEOKG = str(Path(sys.executable).parent / "geokg")

# Quotes, backticks, comments, closing braces/brackets/parens, unicode look-alikes, Lucene
# syntax (entity search goes through the full-text index), and plain nasty values.
INJECTIONS = [
    "' OR 1=1 //",
    "RUS' }) MATCH (n) DETACH DELETE n //",
    '" }) DETACH DELETE n RETURN "',
    "MLI`) DETACH DELETE n //",
    "`Entity` {id: 'x'}",
    "x]->() DELETE r //",
    "x}) SET n.hacked = true //",
    "x) CALL db.clearQueryCaches() //",
    "x /* comment */ OR true",
    "x\nMATCH (n) DETACH DELETE n",
    "\u02bc OR 1=1 \u2215\u2215",  # modifier-letter apostrophe, division slashes
    "\uff07) DETACH DELETE n \uff0f\uff0f",  # fullwidth apostrophe and solidus
    "RUS\u0000",
    "*:* OR name:*",
    'name:"x" AND NOT (a OR b) ~ ^2 [0 TO 9] {a TO b}',
    "$password",
    "${jndi:ldap://x/a}",
    "%27%20OR%201=1",
    "x" * 3000,
]

LEAKS = re.compile(
    r"Traceback|File \"|neo4j\.exceptions|Neo\.(Client|Database|Transient)Error|org\.neo4j|"
    r"CypherSyntaxError|java\.|\bat [a-z]+\.[a-z]+\.",
)
# Cypher text in a body is a leak of the query unless the client sent that word itself (error
# messages quote the offending value back, which is fine).
CYPHER_WORDS = re.compile(r"\b(MATCH|RETURN|WHERE|UNWIND|MERGE|OPTIONAL|CALL|YIELD)\b")


def leaks(body: str, sent: str = "") -> list[str]:
    found = [m.group(0) for m in LEAKS.finditer(body)]
    found += [w for w in CYPHER_WORDS.findall(body) if w not in sent]
    return found


# Valid values for parameters that are not under test, so requests reach the graph.
VALID = {
    "id": "RUS",
    "a": "RUS",
    "b": "MLI",
    "from": "RUS",
    "to": "MLI",
    "entity": "MLI",
    "q": "mali",
}


@pytest.fixture(scope="module")
def loaded(driver: Any, settings: Settings) -> Any:
    wipe(driver, settings.neo4j_database)
    writer.load_document(driver, settings.neo4j_database, read_document(FOUNDING_DOC))
    return driver


@pytest.fixture(scope="module")
def keyed_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"api_keys": [SecretStr(API_KEY), SecretStr(OTHER_KEY)]})


@pytest.fixture(scope="module")
def client(loaded: Any, keyed_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(keyed_settings), raise_server_exceptions=False) as c:
        yield c


def _is_string(schema: dict[str, Any]) -> bool:
    if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
        return True
    return any(_is_string(s) for s in schema.get("anyOf", []))


def string_params(openapi: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, param, where) for every free-text parameter of every GET operation."""
    out = []
    for path, ops in openapi["paths"].items():
        op = ops.get("get")
        if not op:
            continue
        for p in op.get("parameters", []):
            if p["in"] in ("query", "path") and _is_string(p.get("schema", {})):
                out.append((path, p["name"], p["in"]))
    return out


def _request(path: str, op: dict[str, Any], name: str, where: str, value: str) -> tuple:
    params: dict[str, str] = {}
    url = path
    for p in op.get("parameters", []):
        pname = p["name"]
        v = value if pname == name else VALID.get(pname)
        if p["in"] == "path":
            url = url.replace("{" + pname + "}", urllib.request.quote(v or "x", safe=""))
        elif p["in"] == "query" and v is not None and (pname == name or p.get("required")):
            params[pname] = v
    return url, params


INJECTION_STATS = {"requests": 0, "parameters": 0}


def test_injection_through_every_string_parameter(
    client: TestClient, loaded: Any, settings: Settings
) -> None:
    openapi = client.get("/openapi.json").json()
    targets = string_params(openapi)
    # the read API has search, ids, pairs, paths, claims, articles, graph: all must be covered
    covered = {p for p, _, _ in targets}
    assert {"/entities", "/entities/{id}", "/relations", "/paths", "/claims"} <= covered
    db = settings.neo4j_database
    before = graph_checksum(loaded, db)
    failures = []
    for path, name, where in targets:
        op = openapi["paths"][path]["get"]
        for value in INJECTIONS:
            url, params = _request(path, op, name, where, value)
            r = client.get(url, params=params)
            INJECTION_STATS["requests"] += 1
            if r.status_code >= 500:
                failures.append(f"{r.status_code} GET {path} {name}={value!r}: {r.text[:200]}")
            elif leaks(r.text, value):
                failures.append(f"leak in GET {path} {name}={value!r}: {r.text[:300]}")
    INJECTION_STATS["parameters"] = len(targets)
    assert not failures, "\n".join(failures[:20])
    assert graph_checksum(loaded, db) == before
    print(
        f"\ninjection: {INJECTION_STATS['requests']} requests over "
        f"{len(targets)} string parameters of {len(covered)} GET endpoints"
    )


def test_injection_in_written_values_is_stored_verbatim(
    client: TestClient, loaded: Any, settings: Settings
) -> None:
    """Through POST /facts the strings are data: stored exactly, nothing else changes."""
    db = settings.neo4j_database
    nasty = "Mali' }) MATCH (n) DETACH DELETE n // `x` ]->()"
    doc = {
        "article": {"id": "sec-inject", "title": nasty, "publisher": nasty},
        "entities": [
            {"id": "mali", "type": "country", "name": "Mali", "iso3": "MLI"},
            {"id": "p", "type": "person", "name": nasty},
        ],
        "facts": [
            {"subject": "p", "relation": "ACCUSE", "object": "mali", "evidence": {"text": nasty}}
        ],
    }
    n_before = loaded.execute_query("MATCH (n) RETURN count(n) AS n", database_=db)[0][0]["n"]
    r = client.post("/facts", json=doc, headers={"X-API-Key": API_KEY})
    assert r.status_code == 201, r.text
    recs, _, _ = loaded.execute_query(
        "MATCH (a:Article {id: 'sec-inject'}) RETURN a.title AS t", database_=db
    )
    assert recs[0]["t"] == nasty
    n_after = loaded.execute_query("MATCH (n) RETURN count(n) AS n", database_=db)[0][0]["n"]
    assert n_after > n_before  # nothing was deleted by the "DETACH DELETE"
    r = client.delete("/articles/sec-inject", headers={"X-API-Key": API_KEY})
    assert r.status_code == 200, r.text


# ------------------------------------------------------------------ /cypher refusal corpus


def _guard_attempts() -> list[tuple[str, str, dict, int]]:
    try:
        mod = importlib.import_module("tests.test_cypher_guard")
    except ImportError:
        sys.path.insert(0, str(REPO / "tests"))
        mod = importlib.import_module("test_cypher_guard")
    return list(mod.ATTEMPTS)


def test_cypher_refusal_corpus(client: TestClient, loaded: Any, settings: Settings) -> None:
    """The guard's refusal corpus (tests/test_cypher_guard.py), replayed here with a key-holding
    client: a write key does not open /cypher to writes."""
    attempts = _guard_attempts()
    assert len(attempts) >= 40
    # /cypher takes Cypher and names the rule or Neo4j's syntax complaint by design, so Cypher
    # words in its answers are expected; tracebacks, Java classes and status codes are not.
    db = settings.neo4j_database
    before = graph_checksum(loaded, db)
    wrong = []
    for name, query, params, status in attempts:
        r = client.post(
            "/cypher", json={"query": query, "params": params}, headers={"X-API-Key": API_KEY}
        )
        if r.status_code != status or LEAKS.search(r.text):
            wrong.append(f"{name}: {r.status_code} {r.text[:200]}")
    assert not wrong, "\n".join(wrong)
    assert graph_checksum(loaded, db) == before


# ------------------------------------------------------------------ API keys


def write_operations(openapi: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for path, ops in openapi["paths"].items():
        for method, op in ops.items():
            names = {p["name"].lower() for p in op.get("parameters", [])}
            if "x-api-key" in names:
                out.append((method, path))
    return out


BODIES = {
    "/facts": {"article": {"id": "sec-auth", "title": "t"}, "entities": [], "facts": []},
    "/articles": {"text": "A title\n\nFrance said it would withdraw troops from Mali."},
}


def test_write_endpoints_need_a_valid_key(
    client: TestClient, loaded: Any, settings: Settings
) -> None:
    ops = write_operations(client.get("/openapi.json").json())
    assert {("post", "/facts"), ("delete", "/articles/{id}")} <= set(ops)
    db = settings.neo4j_database
    before = graph_checksum(loaded, db)
    for method, path in ops:
        url = path.replace("{id}", "2021-11-11-moscow-mali-wagner")
        body = BODIES.get(path)
        for headers, status in (
            ({}, 401),
            ({"X-API-Key": ""}, 401),
            ({"X-API-Key": "wrong"}, 403),
            ({"X-API-Key": API_KEY + "x"}, 403),
            ({"X-API-Key": API_KEY[:-1]}, 403),
            ({"X-API-Key": API_KEY.upper()}, 403),
        ):
            r = client.request(method, url, json=body, headers=headers)
            assert r.status_code == status, (method, path, headers, r.text)
            assert API_KEY not in r.text and OTHER_KEY not in r.text
        if status == 401:
            assert r.headers.get("www-authenticate")
    assert graph_checksum(loaded, db) == before


def test_keys_are_compared_in_constant_time(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key check goes through hmac.compare_digest, against every configured key (no early
    exit that would tell which key came close)."""
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(api.deps.hmac, "compare_digest", spy)
    r = client.post("/facts", json=BODIES["/facts"], headers={"X-API-Key": "nope"})
    assert r.status_code == 403
    assert sorted(b for _, b in calls) == sorted([API_KEY.encode(), OTHER_KEY.encode()])
    assert all(a == b"nope" for a, _ in calls)
    calls.clear()
    # a match on the first key still compares against the second
    r = client.delete("/articles/no-such-article", headers={"X-API-Key": API_KEY})
    assert r.status_code == 404
    assert len(calls) == 2


def test_no_keys_configured_means_writes_are_off(loaded: Any, settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"api_keys": []}))) as c:
        r = c.post("/facts", json=BODIES["/facts"], headers={"X-API-Key": "anything"})
    assert r.status_code == 403 and "disabled" in r.text


# ------------------------------------------------------------------ the managed Neo4j


@pytest.fixture(scope="module")
def managed(settings: Settings) -> Settings:
    if not settings.managed:
        pytest.skip("checks the managed Neo4j (NEO4J_URI is set)")
    return settings


def _listening(port: int) -> list[str]:
    """Local addresses listening on `port`, from /proc/net/tcp{,6}."""
    out = []
    for f in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(f).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            addr, hport = cols[1].split(":")
            if int(hport, 16) == port and cols[3] == "0A":  # LISTEN
                out.append(addr)
    return out


def test_neo4j_listens_on_loopback_only(managed: Settings, loaded: Any) -> None:
    # 127.0.0.1, ::1 and ::ffff:127.0.0.1 (IPv4-mapped, as /proc/net/tcp6 shows Java's sockets)
    loopback = {"0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"}
    for port in (managed.neo4j_bolt_port, managed.neo4j_http_port):
        addrs = _listening(port)
        assert addrs, f"nothing listens on {port}"
        assert set(addrs) <= loopback, f"port {port} listens on {addrs}"
    conf = (localserver.layout(managed).conf_dir / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1" in conf
    # and from a non-loopback address of this host, the port is closed
    try:
        own = socket.gethostbyname(socket.gethostname())
    except OSError:
        own = "127.0.0.1"
    if not own.startswith("127."):
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex((own, managed.neo4j_bolt_port)) != 0


def test_neo4j_refuses_unauthenticated_connections(managed: Settings, loaded: Any) -> None:
    uri = localserver.bolt_uri(managed)
    for auth in (None, ("neo4j", ""), ("neo4j", "neo4j"), ("neo4j", "wrong-password")):
        with GraphDatabase.driver(uri, auth=auth) as d, pytest.raises(AuthError):
            d.verify_connectivity()
    # HTTP API without credentials
    url = f"http://127.0.0.1:{managed.neo4j_http_port}/db/neo4j/tx/commit"
    req = urllib.request.Request(
        url, data=b'{"statements":[{"statement":"RETURN 1"}]}', method="POST"
    )
    req.add_header("Content-Type", "application/json")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 401


def test_password_file_is_private(managed: Settings, loaded: Any) -> None:
    pw = localserver.layout(managed).password_file
    assert pw.exists()
    assert pw.stat().st_mode & 0o777 == 0o600
    assert localserver.layout(managed).home.stat().st_mode & 0o077 == 0


def _secrets(settings: Settings) -> list[str]:
    pw = localserver.read_password(settings) if settings.managed else None
    if not pw and settings.neo4j_password:
        pw = settings.neo4j_password.get_secret_value()
    return [s for s in (pw, API_KEY, OTHER_KEY) if s]


def test_no_secret_in_logs_or_error_bodies(
    client: TestClient,
    keyed_settings: Settings,
    loaded: Any,
) -> None:
    secrets_ = _secrets(keyed_settings)
    assert len(secrets_) >= 2
    bodies = []
    # everything any logger emits while the requests run (the API's, uvicorn's, the driver's)
    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        for headers in ({"X-API-Key": "bad"}, {"X-API-Key": API_KEY}, {}):
            bodies.append(client.post("/facts", json={"nope": 1}, headers=headers).text)
            bodies.append(client.post("/facts", json=BODIES["/facts"], headers=headers).text)
        bodies.append(client.post("/cypher", json={"query": "RETURN $x"}).text)
        bodies.append(client.post("/cypher", json={"query": "CALL dbms.security.listUsers()"}).text)
        bodies.append(client.get("/entities/%00").text)
        bodies.append(client.get("/health").text)
        bodies.append(client.get("/openapi.json").text)
        client.delete("/articles/sec-auth", headers={"X-API-Key": API_KEY})
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    logs = captured.getvalue()
    assert logs, "no log output was captured"
    for s in secrets_:
        assert s not in logs, "a secret appears in the API's log output"
        for b in bodies:
            assert s not in b, f"a secret appears in a response body: {b[:200]}"
    if keyed_settings.managed:
        proc = subprocess.run(
            [GEOKG, "neo4j", "logs", "-n", "2000"], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, proc.stderr
        for s in secrets_:
            assert s not in proc.stdout + proc.stderr, "a secret appears in `geokg neo4j logs`"
        logs_dir = localserver.layout(keyed_settings).logs_dir
        for f in [*logs_dir.glob("*"), localserver.layout(keyed_settings).console_log]:
            if f.is_file():
                text = f.read_text(errors="replace")
                for s in secrets_:
                    assert s not in text, f"a secret appears in {f}"
