"""Test fixtures: one real Neo4j per test session, a clean database per test that asks for one.

Without NEO4J_URI the suite runs against the managed server in GEOKG_HOME (default
`.geokg/test` in the repo), started here if it is not running and stopped at the end if this
session started it. Ports come from GEOKG_NEO4J_BOLT_PORT / GEOKG_NEO4J_HTTP_PORT.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "seeds" / "2021-11-11-moscow-mali-wagner.txt"
GDELT_DIR = SHARED / "data" / "gdelt"

os.environ.setdefault("GEOKG_HOME", str(REPO / ".geokg" / "test"))

from neo4j import Driver  # noqa: E402

from graph import db, localserver  # noqa: E402
from graph.settings import Settings, get_settings  # noqa: E402


@pytest.fixture(scope="session")
def settings() -> Settings:
    get_settings.cache_clear()
    return get_settings()


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[Settings]:
    """The real Neo4j for this test session."""
    started_here = False
    if settings.managed and localserver.running_pid(settings) is None:
        localserver.start(settings, log=lambda m: None)
        started_here = True
    yield settings
    if started_here and not os.environ.get("GEOKG_TEST_KEEP_NEO4J"):
        db.close_driver()
        localserver.stop(settings, log=lambda m: None)


@pytest.fixture(scope="session")
def driver(neo4j_server: Settings) -> Driver:
    drv = db.get_driver(neo4j_server)
    from graph import schema

    schema.apply(drv, neo4j_server.neo4j_database)
    return drv


def wipe(driver: Driver, database: str) -> None:
    # CALL {} IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session(database=database) as s:
        # Relationships first: DETACH DELETE of a hub with 100k+ relationships (a benchmark
        # graph's USA) in one inner transaction exceeds a 1g heap's transaction memory pool.
        s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def clean_db(driver: Driver, settings: Settings) -> Driver:
    """An empty database (schema kept) for tests that write."""
    wipe(driver, settings.neo4j_database)
    return driver
