"""The GDELT loader against the real Neo4j, on the real slice in ../shared/data/gdelt/
(data: The GDELT Project, https://www.gdeltproject.org/).

Expectations are computed from the raw files here, independently of the loader's own counters.
"""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from neo4j import Driver

from bench.gdelt_gen import generate
from graph import writer
from graph.cypher import gdelt as gq
from graph.cypher import write as wq
from graph.errors import InvalidInput
from graph.gdelt_writer import LoadStats, _host, load_gdelt
from graph.model import FactDocument
from graph.settings import Settings
from loaders.gdelt import ParseReport, discover, read_events, read_mentions
from tests.conftest import GDELT_DIR, wipe
from tests.graph_checksum import graph_checksum

EVENTS = GDELT_DIR / "20250820163000.export.sample.CSV"
MENTIONS = GDELT_DIR / "20250820163000.mentions.sample.CSV"


def raw_rows(path: Path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln]


def counts(driver: Driver, database: str) -> dict[str, int]:
    q = (
        "CALL () { MATCH (n) RETURN 'n:' + labels(n)[-1] AS k, count(*) AS c "
        "UNION ALL MATCH ()-[r]->() RETURN 'r:' + type(r) AS k, count(*) AS c } "
        "RETURN k, sum(c) AS c"
    )
    recs, _, _ = driver.execute_query(q, database_=database)
    return {r["k"]: r["c"] for r in recs}


def content(driver: Driver, database: str) -> list[str]:
    """Every node and relationship by keys and properties, without element ids or load instants
    (a wiped and reloaded graph has new ones)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p",
        database_=database,
    )
    out = []
    for rec in [*nodes, *rels]:
        d = rec.data()
        d["p"] = {k: d["p"][k] for k in sorted(d["p"]) if k != "loaded_at"}
        out.append(repr(sorted(d.items())))
    return sorted(out)


def load(driver: Driver, settings: Settings, *files: Path, mentions=(), **kw) -> LoadStats:  # type: ignore[no-untyped-def]
    return load_gdelt(driver, settings.neo4j_database, list(files), list(mentions), **kw)


# ------------------------------------------------------------------ parsing (no database)


def test_sample_parses_completely_and_keeps_leading_zeros() -> None:
    report = ParseReport(str(EVENTS))
    events = list(read_events(EVENTS, report))
    raw = raw_rows(EVENTS)
    assert report.rows == len(raw) == len(events) and report.malformed == []
    zero = [e for e in events if e.event_code.startswith("0")]
    assert len(zero) == sum(1 for r in raw if r[26].startswith("0")) > 400
    for e, r in zip(events, raw, strict=True):
        assert (e.event_code, e.base_code, e.root_code) == (r[26], r[27], r[28])
        assert e.event_id == int(r[0]) and e.source_url == r[60]
    # SQLDATE and DATEADDED are kept apart: some events are older than the update that added them
    assert any(e.date < e.date_added[:10] for e in events)
    mreport = ParseReport(str(MENTIONS))
    assert len(list(read_mentions(MENTIONS, mreport))) == len(raw_rows(MENTIONS))
    assert mreport.malformed == []


def make_bad_copy(tmp_path: Path) -> tuple[Path, dict[int, str]]:
    """The real file with rows broken in known ways; returns (path, {line: reason fragment})."""
    lines = EVENTS.read_text(encoding="utf-8").split("\n")[:60]
    bad: dict[int, str] = {}

    def breaks(n: int, fn, why: str) -> None:  # type: ignore[no-untyped-def]
        cols = lines[n - 1].split("\t")
        lines[n - 1] = "\t".join(fn(cols))
        bad[n] = why

    breaks(3, lambda c: c[:-1], "expected 61 columns")
    breaks(7, lambda c: ["12ab", *c[1:]], "GLOBALEVENTID")
    breaks(11, lambda c: [*c[:26], "4x", *c[27:]], "EventCode")
    breaks(15, lambda c: [c[0], "20251341", *c[2:]], "SQLDATE")
    breaks(19, lambda c: [*c[:30], "nan?", *c[31:]], "GoldsteinScale")
    breaks(23, lambda c: [*c[:56], "123.5", *c[57:]], "ActionGeo_Lat")
    # a download cut in the middle of the last row
    last = lines[59]
    lines = [*lines[:59], last[: len(last) // 2]]
    bad[60] = "truncated"
    path = tmp_path / "20250820163000.export.CSV"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, bad


def test_malformed_rows_are_reported_with_line_numbers_and_never_abort(tmp_path: Path) -> None:
    path, bad = make_bad_copy(tmp_path)
    report = ParseReport(str(path))
    events = list(read_events(path, report))
    assert [n for n, _ in report.malformed] == sorted(bad)
    for n, reason in report.malformed:
        assert bad[n] in reason, (n, reason)
    assert len(events) == 60 - len(bad)  # every other row still parsed


def test_zip_reads_like_csv_and_a_broken_zip_is_a_clear_error(tmp_path: Path) -> None:
    z = tmp_path / "20250820163000.export.CSV.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(EVENTS, "20250820163000.export.CSV")
    assert [e.event_id for e in read_events(z)] == [e.event_id for e in read_events(EVENTS)]

    cut = tmp_path / "20250820164500.export.CSV.zip"
    cut.write_bytes(z.read_bytes()[: z.stat().st_size // 2])
    with pytest.raises(InvalidInput, match=r"20250820164500\.export\.CSV\.zip.*(zip|damaged)"):
        list(read_events(cut))


def test_discover_folder_and_date_range(tmp_path: Path) -> None:
    for stamp in ("20250819231500", "20250820000000", "20250821000000"):
        (tmp_path / f"{stamp}.export.CSV").write_text("")
        (tmp_path / f"{stamp}.mentions.CSV.zip").write_text("")
    (tmp_path / "notes.txt").write_text("")
    ev, me = discover([tmp_path], "20250820", "20250820")
    assert [p.name for p in ev] == ["20250820000000.export.CSV"]
    assert [p.name for p in me] == ["20250820000000.mentions.CSV.zip"]
    with pytest.raises(InvalidInput, match="--from"):
        discover([tmp_path], "2025-08-20", None)


# ------------------------------------------------------------------ loading


@pytest.mark.neo4j
def test_sample_loads_every_usable_row_and_a_second_run_changes_nothing(
    clean_db: Driver, settings: Settings
) -> None:
    db = settings.neo4j_database
    stats = load(clean_db, settings, EVENTS, mentions=[MENTIONS])
    raw = raw_rows(EVENTS)
    assert stats.rows == len(raw) and stats.malformed == []
    # every well-formed row is either loaded or skipped for a counted reason
    assert stats.loaded + sum(stats.skipped.values()) == len(raw)
    assert stats.loaded > 100

    recs, _, _ = clean_db.execute_query(
        "MATCH (c:Claim)-[:ABOUT]->(a:Assertion) "
        "MATCH (c)-[s:SOURCE {primary: true}]->(ar:Article) "
        "RETURN c.id AS id, c.cameo AS cameo, c.status AS status, c.date AS date, "
        "c.date_added AS added, ar.url AS url, a.status AS astatus",
        database_=db,
    )
    assert len(recs) == stats.loaded
    by_id = {r[0]: r for r in raw}
    for rec in recs:
        row = by_id[rec["id"].removeprefix("gdelt:")]
        assert rec["cameo"] == row[26]  # a string, leading zero kept
        assert rec["status"] == "reported" and rec["astatus"] == "reported"
        assert rec["url"] == row[60]
        assert rec["date"] == f"{row[1][:4]}-{row[1][4:6]}-{row[1][6:]}"
        assert rec["added"].startswith("2025-08-20T16:30")

    # mentions: attached exactly for the mention rows whose event is in the graph
    loaded_ids = {r["id"].removeprefix("gdelt:") for r in recs}
    mention_rows = raw_rows(MENTIONS)
    expected = sum(1 for m in mention_rows if m[0] in loaded_ids)
    assert stats.mentions_attached == expected
    assert stats.mentions_unmatched == len(mention_rows) - expected
    extra, _, _ = clean_db.execute_query(
        "MATCH (c:Claim)-[s:SOURCE {primary: false}]->(:Article) "
        "RETURN count(s) AS n, min(s.confidence) AS lo, max(s.confidence) AS hi",
        database_=db,
    )
    assert extra[0]["n"] >= 1 and 0 < extra[0]["lo"] <= extra[0]["hi"] <= 1

    before_counts = counts(clean_db, db)
    before = graph_checksum(clean_db, db)
    again = load(clean_db, settings, EVENTS, mentions=[MENTIONS])
    assert again.loaded == stats.loaded and again.mentions_attached == stats.mentions_attached
    assert counts(clean_db, db) == before_counts
    assert graph_checksum(clean_db, db) == before


@pytest.mark.neo4j
def test_killed_load_run_again_finishes_without_duplicates(
    clean_db: Driver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    full = load(clean_db, settings, EVENTS, batch_size=100)
    reference = counts(clean_db, db)
    ref_content = content(clean_db, db)

    wipe(clean_db, db)
    # "killed" after the first 250 rows: only complete batches of a prefix are in the graph
    head = tmp_path / "20250820163000.export.CSV"
    head.write_text("".join(EVENTS.read_text().splitlines(keepends=True)[:250]))
    load(clean_db, settings, head, batch_size=100)
    assert counts(clean_db, db)["n:Claim"] < full.loaded
    load(clean_db, settings, EVENTS, batch_size=100)
    assert counts(clean_db, db) == reference
    assert content(clean_db, db) == ref_content


def aggregates_wrong(driver: Driver, database: str) -> int:
    """Assertions whose stored aggregate or browsing edge disagrees with their claims."""
    recs, _, _ = driver.execute_query(
        "MATCH (a:Assertion) WITH a, COUNT { (:Claim)-[:ABOUT]->(a) } AS n "
        "OPTIONAL MATCH (:Entity {id: a.subject})-[r {assertion: a.id}]->(:Entity {id: a.object}) "
        "WITH a, n, r WHERE a.claim_count IS NULL OR a.claim_count <> n OR r IS NULL "
        "OR r.claims <> n RETURN count(*) AS wrong",
        database_=database,
    )
    return int(recs[0]["wrong"])


def pending(driver: Driver, database: str) -> int:
    recs, _, _ = driver.execute_query(gq.COUNT_PENDING, database_=database)
    return int(recs[0]["pending"])


class Killed(Exception):
    pass


@pytest.mark.neo4j
def test_load_killed_before_its_aggregation_converges_on_the_next_run(
    clean_db: Driver, settings: Settings
) -> None:
    """Aggregates are written at the end of a run: a load killed before then leaves claims whose
    assertions are marked pending (aggregates lag); the next run, or `--finish` (a run with no
    files), re-aggregates them, and the graph is the one a clean load gives."""
    db = settings.neo4j_database
    load(clean_db, settings, EVENTS, mentions=[MENTIONS], batch_size=100)
    assert pending(clean_db, db) == 0 and aggregates_wrong(clean_db, db) == 0
    reference = content(clean_db, db)

    for finish_with_no_files in (False, True):
        wipe(clean_db, db)
        batches = 0

        def kill_after_three(n: int) -> None:
            nonlocal batches
            batches += 1
            if batches == 3:
                raise Killed

        with pytest.raises(Killed):
            load(clean_db, settings, EVENTS, batch_size=100, on_batch=kill_after_three)
        claims = counts(clean_db, db)["n:Claim"]
        assert 0 < claims < len(raw_rows(EVENTS))
        # the lag, as documented: claims committed, their assertions pending, not aggregated
        assert pending(clean_db, db) > 0 and aggregates_wrong(clean_db, db) > 0
        if finish_with_no_files:
            stats = load(clean_db, settings)
            assert stats.aggregated > 0 and stats.loaded == 0
            assert pending(clean_db, db) == 0 and aggregates_wrong(clean_db, db) == 0
            assert counts(clean_db, db)["n:Claim"] == claims  # --finish loads nothing
        load(clean_db, settings, EVENTS, mentions=[MENTIONS], batch_size=100)
        assert pending(clean_db, db) == 0 and aggregates_wrong(clean_db, db) == 0
        assert content(clean_db, db) == reference


def test_fast_host_parsing_agrees_with_urlsplit() -> None:
    from urllib.parse import urlsplit

    def reference(url: str) -> str | None:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            return None
        if not host:
            return None
        return host[4:] if host.startswith("www.") else host

    odd = [
        "HTTPS://WWW.Example.COM/x",
        "http://user@host.com/",
        "http://host.com:8080/a",
        "http://[::1]/",
        "ftp://x.org/",
        "http://x.org?q=1",
        "http://x.org#f",
        "http://",
        "https://a.b./",
        "http://exa mple.com/",
        "http:/x",
        "notaurl",
        "http://ex%41.com/",
        "http://[bad/",
    ]
    urls = [r[60] for r in raw_rows(EVENTS)] + odd
    assert [_host(u) for u in urls] == [reference(u) for u in urls]


def test_created_browsing_edges_differ_from_merged_ones_only_by_the_verb() -> None:
    from graph.vocab import Relation

    for rel in (Relation.CONSULT, Relation.AID):
        created = wq.merge_browsing_edges(rel, create=True)
        merged = wq.merge_browsing_edges(rel)
        assert "\nCREATE (s)-[r:" in created and "\nMERGE (s)-[r:" in merged
        assert created == merged.replace("\nMERGE (s)-[r:", "\nCREATE (s)-[r:")


@pytest.mark.neo4j
def test_actor_codes_fips_locations_and_ethnic_codes(
    clean_db: Driver, settings: Settings, tmp_path: Path
) -> None:
    """Two code systems: CAMEO actor countries (ROM = Romania) and FIPS geo codes (AS =
    Australia, not American Samoa; RS = Russia). Ethnic/religious codes are properties."""
    base = raw_rows(EVENTS)[0]

    def row(eid: str, a1: list[str], a2: list[str], code: str, fips: str) -> str:
        r = list(base)
        r[0] = eid
        r[5:15] = a1
        r[15:25] = a2
        r[26], r[27], r[28] = code, code[:3], code[:2]
        r[53] = fips
        return "\t".join(r)

    blank = [""] * 7
    romania = ["ROM", "ROMANIA", "ROM", *blank]
    russia_gov = ["RUSGOV", "MOSCOW", "RUS", "", "", "", "", "GOV", "", ""]
    russia_mil = ["RUSMIL", "RUSSIAN ARMY", "RUS", "", "", "", "", "MIL", "", ""]
    russia_mos = ["RUSMOS", "MUSLIM", "RUS", "", "", "MOS", "", "", "", ""]
    kurds = ["KUR", "KURDISH", "", "", "kur", "", "", "", "", ""]
    lines = [
        row("9000000001", romania, russia_gov, "042", "AS"),
        row("9000000002", russia_mil, romania, "190", "RS"),
        row("9000000003", russia_mos, romania, "0331", "UK"),
        row("9000000004", kurds, romania, "042", "IZ"),
    ]
    path = tmp_path / "20250820163000.export.CSV"
    path.write_text("\n".join(lines) + "\n")
    stats = load(clean_db, settings, path)
    assert stats.loaded == 3 and stats.skipped == {"actor without a country code": 1}

    recs, _, _ = clean_db.execute_query(
        "MATCH (c:Claim)-[:ABOUT]->(a:Assertion) RETURN c.id AS id, properties(c) AS p, "
        "a.subject AS s, a.object AS o, a.relation AS rel ORDER BY id",
        database_=settings.neo4j_database,
    )
    one, two, three = recs
    assert (one["s"], one["o"], one["rel"]) == ("ROU", "RUS", "CONSULT")  # GOV = the state
    assert one["p"]["actor1_country"] == "ROM" and one["p"]["cameo"] == "042"
    assert (one["p"]["location_fips"], one["p"]["location_country"]) == ("AS", "AUS")
    assert (two["s"], two["o"]) == ("rus-military", "ROU")
    assert two["p"]["location_country"] == "RUS"
    assert three["p"]["actor1_religion"] == ["MOS"] and three["s"] == "RUS"
    assert three["p"]["cameo"] == "0331" and three["p"]["location_country"] == "GBR"

    ents, _, _ = clean_db.execute_query(
        "MATCH (e:Entity) OPTIONAL MATCH (e)-[:AFFILIATED_WITH]->(c:Country) "
        "RETURN e.id AS id, e.name AS name, e.kind AS kind, c.id AS country ORDER BY id",
        database_=settings.neo4j_database,
    )
    by_id = {e["id"]: e for e in ents}
    assert set(by_id) == {"ROU", "RUS", "rus-military"}  # no 'MOS', 'kur', 'ROM' nodes
    assert by_id["rus-military"]["country"] == "RUS"
    assert by_id["rus-military"]["kind"] == "military"
    assert by_id["rus-military"]["name"].startswith("Russian")


@pytest.mark.neo4j
def test_two_concurrent_loaders_on_disjoint_files(
    clean_db: Driver, settings: Settings, tmp_path: Path
) -> None:
    files = []
    for k in (1, 2):
        f = tmp_path / f"2025010{k}000000.export.CSV"
        generate(
            f,
            3000,
            mentions_out=None,
            start=__import__("datetime").datetime(2025, 1, k),
            days=1,
            dyadic=True,
            spread=0.1,  # few countries: both loaders hit the same assertions all the time
            seed=k,
            first_id=k * 10_000_000,
        )
        files.append(f)
    results: dict[int, LoadStats] = {}
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            results[i] = load(clean_db, settings, files[i], batch_size=500)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    db = settings.neo4j_database
    total = results[0].loaded + results[1].loaded
    c = counts(clean_db, db)
    assert c["n:Claim"] == total == c["r:ABOUT"]
    dup, _, _ = clean_db.execute_query(
        "MATCH (s)-[r]->(o) WHERE r.assertion IS NOT NULL "
        "WITH type(r) AS t, r.assertion AS a, count(*) AS n WHERE n > 1 RETURN count(*) AS dups",
        database_=db,
    )
    assert dup[0]["dups"] == 0
    # every aggregate counts exactly the claims that exist: no update was lost between loaders
    wrong, _, _ = clean_db.execute_query(
        "MATCH (a:Assertion) WITH a, COUNT { (:Claim)-[:ABOUT]->(a) } AS n "
        "OPTIONAL MATCH (:Entity {id: a.subject})-[r {assertion: a.id}]->(:Entity {id: a.object}) "
        "WITH a, n, r WHERE a.claim_count <> n OR r IS NULL OR r.claims <> n "
        "RETURN count(*) AS wrong",
        database_=db,
    )
    assert wrong[0]["wrong"] == 0


# The fact document is written for this test in our own words: an article saying that the US
# and Russian foreign ministers talked on the phone about Ukraine, the same pair and the same
# PLOVER relation (CONSULT) as the GDELT events 1258623905/1258623914 of the slice.
US_RUSSIA_DOC = {
    "article": {
        "id": "test-us-russia-call",
        "url": "https://example.org/us-russia-call",
        "title": "US and Russian top diplomats discuss Ukraine by phone",
        "publisher": "Example Wire",
        "published": "2025-08-13",
    },
    "entities": [
        {"id": "usa", "type": "country", "name": "United States", "iso3": "USA"},
        {"id": "rus", "type": "country", "name": "Russia", "iso3": "RUS"},
    ],
    "facts": [
        {
            "subject": "usa",
            "relation": "CONSULT",
            "object": "rus",
            "date": "2025-08-13",
            "status": "asserted",
            "evidence": {"text": "The two ministers spoke by telephone on Wednesday."},
        }
    ],
}


@pytest.mark.neo4j
def test_gdelt_event_and_article_fact_about_usa_and_russia_found_together(
    clean_db: Driver, settings: Settings
) -> None:
    db = settings.neo4j_database
    load(clean_db, settings, EVENTS, mentions=[MENTIONS])
    writer.load_document(clean_db, db, FactDocument.model_validate(US_RUSSIA_DOC))
    recs, _, _ = clean_db.execute_query(
        "MATCH (:Entity {id: 'USA'})<-[:SUBJECT|OBJECT]-(a:Assertion)"
        "-[:SUBJECT|OBJECT]->(:Entity {id: 'RUS'}) "
        "MATCH (c:Claim)-[:ABOUT]->(a) MATCH (c)-[:SOURCE {primary: true}]->(ar:Article) "
        "RETURN a.id AS a, a.status AS status, a.claim_count AS n, c.id AS claim, ar.url AS url",
        database_=db,
    )
    claims = {r["claim"]: r for r in recs}
    assert {"gdelt:1258623905", "gdelt:1258623914", "test-us-russia-call#f1"} <= set(claims)
    # USA->RUS CONSULT from GDELT and from the article are one assertion with both claims
    doc = claims["test-us-russia-call#f1"]
    assert claims["gdelt:1258623914"]["a"] == doc["a"]
    assert doc["url"] == "https://example.org/us-russia-call"
    assert claims["gdelt:1258623914"]["url"].startswith("http")
    assert doc["status"] == "asserted" and doc["n"] == 2


class _Proxy:
    """A TCP relay in front of Neo4j that can be cut, to lose the server mid-load for real."""

    def __init__(self, target: tuple[str, int]) -> None:
        import socket

        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.socks: list = []
        self.alive = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket

        while self.alive:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.alive:
                client.close()
                return
            upstream = socket.create_connection(self.target)
            self.socks += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a, b) -> None:  # type: ignore[no-untyped-def]
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass

    def cut(self) -> None:
        import socket

        self.alive = False
        with __import__("contextlib").suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self.listener.close()
        for s in self.socks:
            with __import__("contextlib").suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
                s.close()


@pytest.mark.neo4j
def test_neo4j_going_away_mid_load_is_a_clear_error(
    clean_db: Driver, settings: Settings, tmp_path: Path
) -> None:
    from graph import db as gdb
    from graph.errors import Unavailable

    uri, _user, password = gdb.connection_params(settings)
    host, port = uri.split("://")[1].split(":")
    proxy = _Proxy((host, int(port)))
    via = settings.model_copy(
        update={
            "neo4j_uri": f"bolt://127.0.0.1:{proxy.port}",
            "neo4j_password": __import__("pydantic").SecretStr(password),
            "neo4j_connect_timeout": 2.0,
        }
    )
    drv = gdb.create_driver(via)
    batches = 0

    def after_batch(n: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 2:
            proxy.cut()

    try:
        with pytest.raises(Unavailable, match=r"(?s)went away.*after \d+ events.*run the same"):
            load_gdelt(drv, settings.neo4j_database, [EVENTS], batch_size=100, on_batch=after_batch)
    finally:
        drv.close()
    # what was committed is whole batches; a re-run over the real connection completes the load
    stats = load(clean_db, settings, EVENTS)
    assert counts(clean_db, settings.neo4j_database)["n:Claim"] == stats.loaded


@pytest.mark.neo4j
def test_cli_summary_lists_malformed_lines(
    clean_db: Driver, settings: Settings, tmp_path: Path
) -> None:
    import os
    import subprocess

    path, bad = make_bad_copy(tmp_path)
    proc = subprocess.run(
        ["geokg", "load-gdelt", str(path), "--batch-size", "25"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stderr + proc.stdout
    for line in bad:
        assert f"{path}:{line}:" in out
    assert "malformed rows" in out and "events/s" in out


@pytest.mark.neo4j
def test_loader_works_unchanged_over_a_neo4j_routing_uri(
    clean_db: Driver, settings: Settings
) -> None:
    """`neo4j://` makes the driver fetch a routing table and route writes to the leader; a
    single server answers it too, so the same code path as a cluster or Aura is exercised."""
    from pydantic import SecretStr

    from graph import db as gdb

    uri, _user, password = gdb.connection_params(settings)
    routed = settings.model_copy(
        update={
            "neo4j_uri": "neo4j://" + uri.split("://", 1)[1],
            "neo4j_password": SecretStr(password),
        }
    )
    drv = gdb.create_driver(routed)
    try:
        stats = load_gdelt(drv, settings.neo4j_database, [EVENTS], [MENTIONS])
    finally:
        drv.close()
    assert stats.loaded > 100
    assert counts(clean_db, settings.neo4j_database)["n:Claim"] == stats.loaded
