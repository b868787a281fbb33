"""`geokg ingest` against the real Neo4j: extract + load, and loading again changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from cli.main import app
from graph.settings import Settings
from loaders.extract import get_extractor
from loaders.extract.article import expand_paths
from loaders.extract.ingest import ingest_files

pytestmark = pytest.mark.neo4j
ARTICLES = Path(__file__).resolve().parent / "devset" / "articles"


def _snapshot(driver: Driver, database: str) -> tuple:
    with driver.session(database=database) as s:
        nodes = s.run(
            "MATCH (n) WHERE NOT n:Article RETURN count(n) AS c, collect(properties(n)) AS props"
        ).single()
        rels = s.run(
            "MATCH ()-[r]->() RETURN count(r) AS c, collect(properties(r)) AS props"
        ).single()
        claims = s.run("MATCH (c:Claim) RETURN c.id AS id, c.status AS st ORDER BY id").values()
    assert nodes is not None and rels is not None
    return (
        nodes["c"],
        rels["c"],
        claims,
        sorted(map(repr, nodes["props"])),
        sorted(map(repr, rels["props"])),
    )


@pytest.mark.skipif(not ARTICLES.exists(), reason="development set absent")
def test_ingest_devset_idempotent(clean_db: Driver, settings: Settings) -> None:
    files, errors = expand_paths([str(ARTICLES)])
    assert not errors and len(files) >= 40
    db = settings.neo4j_database
    first = ingest_files(clean_db, db, files, get_extractor())
    assert not first.failed
    assert first.created == len(files)
    assert first.claims_created == first.facts > 0
    before = _snapshot(clean_db, db)
    again = ingest_files(clean_db, db, files, get_extractor())
    assert again.unchanged == len(files) and again.created == again.updated == 0
    assert _snapshot(clean_db, db) == before


def test_ingest_cli_reports_bad_files(
    clean_db: Driver, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cli.extract_cmd as extract_cmd

    @contextmanager
    def scope() -> Iterator[Driver]:
        yield clean_db  # driver_scope would close the session's shared driver

    monkeypatch.setattr(extract_cmd, "driver_scope", scope)
    good = tmp_path / "good.txt"
    good.write_text(
        "Sanctions Imposed\n\nBy AFP\n\nMarch 7, 2024\n\nCanada imposed sanctions on Iran on "
        "Tuesday.\n\nOriginal url:\n\nhttps://news.example.org/x\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00binary")
    res = CliRunner().invoke(app, ["ingest", str(tmp_path)])
    assert res.exit_code == 1
    assert "binary" in res.output
    with clean_db.session(database=settings.neo4j_database) as s:
        rec = s.run(
            "MATCH (:Country {iso3:'CAN'})-[r:SANCTION]->(:Country {iso3:'IRN'}) "
            "RETURN r.status AS st"
        ).single()
    assert rec is not None and rec["st"] == "asserted"


def test_extract_cli_stdout_is_the_loader_format(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(
        "T\n\nJanuary 3, 2024\n\nChile recalled its ambassador from Peru.\n", encoding="utf-8"
    )
    res = CliRunner().invoke(app, ["extract", str(src)])
    assert res.exit_code == 0, res.output
    assert '"relation": "SANCTION"' in res.stdout
    res2 = CliRunner().invoke(app, ["extract", str(src)])
    assert res2.stdout == res.stdout
