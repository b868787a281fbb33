"""Fault tests against the managed Neo4j: the server stopped mid-load, the loader killed with
SIGKILL mid-load, and the server restarted under API traffic.

After each fault: no half-written article or batch (every article in the graph has exactly its
document's claims; no claim without its assertion and source), and re-running the same command
gives the graph a clean load gives (node/relationship counts and a content checksum over every
node, relationship and property; `tests/content_checksum.py` says what it leaves out and why).

These tests stop and start the managed server, so they need one (skipped with NEO4J_URI).
Each restart costs ~20 s; there are two in this module.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from neo4j import Driver

from api.app import create_app
from graph import localserver
from graph.keys import claim_key
from graph.settings import Settings
from tests.conftest import REPO, wipe
from tests.content_checksum import content_checksum, counts

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

GEOKG = str(Path(sys.executable).parent / "geokg")
N_DOCS = 200
N_EVENTS = 6000
GEN_ARGS = ["--events", str(N_EVENTS), "--dyadic", "--seed", "3"]

COUNTRIES = [
    ("MLI", "Mali"),
    ("FRA", "France"),
    ("RUS", "Russia"),
    ("BFA", "Burkina Faso"),
    ("NER", "Niger"),
    ("DZA", "Algeria"),
    ("SEN", "Senegal"),
    ("CIV", "Ivory Coast"),
    ("GHA", "Ghana"),
    ("NGA", "Nigeria"),
    ("TCD", "Chad"),
    ("USA", "United States"),
    ("DEU", "Germany"),
    ("CHN", "China"),
    ("TUR", "Turkey"),
]
RELS = [("AID", "military"), ("CONSULT", "visit"), ("ACCUSE", None), ("SANCTION", None)]
STATUSES = ["asserted", "reported", "alleged", "denied", "confirmed"]


@pytest.fixture(scope="module", autouse=True)
def managed_only(settings: Settings) -> None:
    if not settings.managed:
        pytest.skip("fault tests stop and start the managed Neo4j (NEO4J_URI is set)")


def make_docs(folder: Path, n: int = N_DOCS) -> dict[str, set[str]]:
    """n fact documents sharing countries; returns article id -> its claim ids."""
    rnd = random.Random(42)
    expected: dict[str, set[str]] = {}
    for i in range(n):
        aid = f"fault-{i:04d}"
        picks = rnd.sample(COUNTRIES, 4)
        ents = [
            {"id": iso.lower(), "type": "country", "name": name, "iso3": iso} for iso, name in picks
        ]
        ents.append({"id": "speaker", "type": "person", "name": f"Speaker {i % 17}"})
        facts = []
        for k in range(4):
            rel, mode = rnd.choice(RELS)
            s, o = rnd.sample(picks, 2)
            f: dict[str, Any] = {
                "id": f"f{k}",
                "subject": s[0].lower(),
                "relation": rel,
                "object": o[0].lower(),
                "status": rnd.choice(STATUSES),
                "date": f"2022-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "evidence": {"text": f"Sentence {k} of article {i}."},
            }
            if mode:
                f["mode"] = mode
            if rnd.random() < 0.5:
                f["attributed_to"] = "speaker"
            facts.append(f)
        doc = {
            "article": {
                "id": aid,
                "title": f"Fault test article {i}",
                "published": "2022-06-01",
                "publisher": f"Wire {i % 5}",
            },
            "entities": ents,
            "facts": facts,
        }
        (folder / f"{aid}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
        expected[aid] = {claim_key(aid, f["id"]) for f in facts}
    return expected


def run(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GEOKG, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env={**os.environ, "COLUMNS": "200"},
    )


def start_bg(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [GEOKG, *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env={**os.environ, "COLUMNS": "200"},
        )


def scalar(driver: Driver, db: str, query: str) -> int:
    recs, _, _ = driver.execute_query(query, database_=db)  # type: ignore[arg-type]
    return int(recs[0][0])


def wait_for(driver: Driver, db: str, query: str, at_least: int, proc: subprocess.Popen) -> int:
    """Poll until the query's count reaches at_least; fail if the process ends first."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        n = scalar(driver, db, query)
        if n >= at_least:
            return n
        assert proc.poll() is None, "the load finished before the fault could be injected"
        time.sleep(0.1)
    pytest.fail("the load made no progress")


def assert_no_half_articles(driver: Driver, db: str, expected: dict[str, set[str]]) -> int:
    """Every article in the graph has exactly its document's claims. Returns articles present."""
    recs, _, _ = driver.execute_query(
        "MATCH (a:Article) OPTIONAL MATCH (c:Claim {article: a.id}) "
        "RETURN a.id AS id, collect(c.id) AS claims",
        database_=db,
    )
    for r in recs:
        assert set(r["claims"]) == expected[r["id"]], f"article {r['id']} is half-written"
    assert_consistent(driver, db)
    return len(recs)


def assert_consistent(driver: Driver, db: str) -> None:
    """No claim without its assertion and source, no assertion without a claim."""
    checks = {
        "claims without an assertion": "MATCH (c:Claim) WHERE NOT (c)-[:ABOUT]->(:Assertion) "
        "RETURN count(c)",
        "claims without a source": "MATCH (c:Claim) WHERE NOT (c)-[:SOURCE]->(:Article) "
        "RETURN count(c)",
        "assertions without a claim": "MATCH (a:Assertion) WHERE NOT (:Claim)-[:ABOUT]->(a) "
        "RETURN count(a)",
        "assertions without a subject": "MATCH (a:Assertion) "
        "WHERE NOT (a)-[:SUBJECT]->(:Entity) RETURN count(a)",
    }
    bad = {k: n for k, q in checks.items() if (n := scalar(driver, db, q))}
    assert not bad, f"inconsistent graph after the fault: {bad}"


def ensure_up(settings: Settings) -> None:
    localserver.start(settings, log=lambda m: None)


# ------------------------------------------------------------------ fact documents


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    folder = tmp_path_factory.mktemp("fault-docs")
    return folder, make_docs(folder)


@pytest.fixture(scope="module")
def clean_load(driver: Driver, settings: Settings, docs: tuple[Path, Any]) -> dict[str, Any]:
    """The reference: the same documents loaded with no fault."""
    db = settings.neo4j_database
    wipe(driver, db)
    t0 = time.monotonic()
    r = run(["load", str(docs[0])])
    assert r.returncode == 0, r.stdout + r.stderr
    ref = {
        "checksum": content_checksum(driver, db),
        "counts": counts(driver, db),
        "seconds": time.monotonic() - t0,
    }
    assert scalar(driver, db, "MATCH (a:Article) RETURN count(a)") == N_DOCS
    return ref


def test_neo4j_stopped_mid_load(
    driver: Driver,
    settings: Settings,
    docs: tuple[Path, dict[str, set[str]]],
    clean_load: dict[str, Any],
    tmp_path: Path,
) -> None:
    db = settings.neo4j_database
    folder, expected = docs
    wipe(driver, db)
    proc = start_bg(["load", str(folder)], tmp_path / "load.log")
    try:
        at = wait_for(driver, db, "MATCH (a:Article) RETURN count(a)", 40, proc)
        localserver.stop(settings, log=lambda m: None)
        rc = proc.wait(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
        ensure_up(settings)
    out = (tmp_path / "load.log").read_text(errors="replace")
    # a clear message, no traceback, non-zero exit
    assert rc != 0, out
    assert "Traceback" not in out, out
    assert "unreachable" in out.lower() or "unavailable" in out.lower(), out
    present = assert_no_half_articles(driver, db, expected)
    assert at <= present < N_DOCS
    # the same command again finishes the job: equal to a clean load
    r = run(["load", str(folder)])
    assert r.returncode == 0, r.stdout + r.stderr
    assert counts(driver, db) == clean_load["counts"]
    assert content_checksum(driver, db) == clean_load["checksum"]
    FAULTS["neo4j stopped during geokg load"] += 1


def test_loader_killed_mid_load(
    driver: Driver,
    settings: Settings,
    docs: tuple[Path, dict[str, set[str]]],
    clean_load: dict[str, Any],
    tmp_path: Path,
) -> None:
    db = settings.neo4j_database
    folder, expected = docs
    wipe(driver, db)
    proc = start_bg(["load", str(folder)], tmp_path / "load.log")
    try:
        wait_for(driver, db, "MATCH (a:Article) RETURN count(a)", 60, proc)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    present = assert_no_half_articles(driver, db, expected)
    assert 0 < present < N_DOCS
    r = run(["load", str(folder)])
    assert r.returncode == 0, r.stdout + r.stderr
    assert counts(driver, db) == clean_load["counts"]
    assert content_checksum(driver, db) == clean_load["checksum"]
    FAULTS["geokg load killed with SIGKILL"] += 1


# ------------------------------------------------------------------ the API across a restart


@pytest.fixture
def api(driver: Driver, settings: Settings, docs: tuple[Path, Any]) -> Iterator[TestClient]:
    db = settings.neo4j_database
    if scalar(driver, db, "MATCH (a:Article {id: 'fault-0001'}) RETURN count(a)") == 0:
        assert run(["load", str(docs[0])]).returncode == 0
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


READS = [
    ("/entities", {"q": "mali"}),
    ("/entities/MLI", {}),
    ("/relations", {"a": "RUS", "b": "MLI"}),
    ("/claims", {"status": "contested"}),
    ("/stats", {}),
    ("/articles/fault-0001", {}),
]


def test_api_survives_a_neo4j_restart(api: TestClient, settings: Settings) -> None:
    """A client keeps reading while Neo4j stops and starts: every answer is 200 or a 503 with
    a clear JSON body, never a 500, and reads come back without restarting the API."""
    seen: list[tuple[float, int, str]] = []
    stop = threading.Event()

    def reader() -> None:
        i = 0
        while not stop.is_set():
            url, params = READS[i % len(READS)]
            i += 1
            r = api.get(url, params=params)
            seen.append((time.monotonic(), r.status_code, r.text))
            time.sleep(0.02)  # a steady client, not a CPU hog that slows the restart

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    try:
        time.sleep(2)
        down_at = time.monotonic()
        localserver.stop(settings, log=lambda m: None)
        time.sleep(4)  # reads during the outage
        ensure_up(settings)
        up_at = time.monotonic()
        # reads must recover by themselves: wait for a run of 200s
        deadline = up_at + 90
        while time.monotonic() < deadline:
            recent = [s for ts, s, _ in seen if ts > up_at][-len(READS) :]
            if len(recent) == len(READS) and all(s == 200 for s in recent):
                break
            time.sleep(0.5)
    finally:
        stop.set()
        t.join(timeout=60)
        ensure_up(settings)
    statuses = Counter(s for _, s, _ in seen)
    assert set(statuses) <= {200, 503}, statuses
    outage = [(s, body) for ts, s, body in seen if s == 503]
    assert outage, f"no request saw the outage: {statuses}"
    for _, body in outage:
        assert '"neo4j_unavailable"' in body and "retry" in body.lower(), body
        assert "Traceback" not in body
    before = [s for ts, s, _ in seen if ts < down_at]
    assert before and all(s == 200 for s in before)
    recent = [s for ts, s, _ in seen if ts > up_at][-len(READS) :]
    assert len(recent) == len(READS) and all(s == 200 for s in recent), statuses
    FAULTS["neo4j restarted under API reads"] += 1
    REQUESTS.update(statuses)


# ------------------------------------------------------------------ GDELT


@pytest.fixture(scope="module")
def gdelt_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gdelt") / "20250101000000.export.CSV"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "gdelt_gen.py"), str(out), *GEN_ARGS],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


def test_gdelt_loader_killed_mid_load(
    driver: Driver, settings: Settings, gdelt_file: Path, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    args = ["load-gdelt", str(gdelt_file), "--batch-size", "250"]
    wipe(driver, db)
    r = run(args)
    assert r.returncode == 0, r.stdout + r.stderr
    ref_sum, ref_counts = content_checksum(driver, db), counts(driver, db)
    loaded = scalar(driver, db, "MATCH (c:Claim) RETURN count(c)")
    assert loaded > 1000

    wipe(driver, db)
    proc = start_bg(args, tmp_path / "gdelt.log")
    try:
        wait_for(driver, db, "MATCH (c:Claim) RETURN count(c)", 750, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    claims = scalar(driver, db, "MATCH (c:Claim) RETURN count(c)")
    assert 0 < claims < loaded
    # batches are all or nothing: committed claims come in whole batches of events
    assert_consistent(driver, db)
    r = run(args)
    assert r.returncode == 0, r.stdout + r.stderr
    assert counts(driver, db) == ref_counts
    assert content_checksum(driver, db) == ref_sum
    FAULTS["geokg load-gdelt killed with SIGKILL"] += 1


# Figures for docs/reliability.md, printed at the end of the module.
FAULTS: Counter[str] = Counter()
REQUESTS: Counter[int] = Counter()


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    if FAULTS:
        print(
            f"\nfaults survived: {dict(FAULTS)}; API statuses across the restart: {dict(REQUESTS)}"
        )
