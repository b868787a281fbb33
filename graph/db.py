"""The one driver factory: CLI, API and tests all get their driver here."""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph import localserver
from graph.errors import Unavailable
from graph.settings import Settings, get_settings

_lock = threading.Lock()
_driver: Driver | None = None


def connection_params(settings: Settings) -> tuple[str, str, str]:
    """(uri, user, password) for the configured server, or the managed one when none is."""
    if not settings.managed:
        assert settings.neo4j_uri is not None
        pw = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        return settings.neo4j_uri, settings.neo4j_user, pw
    pw = localserver.read_password(settings)
    if pw is None:
        raise Unavailable(
            "No NEO4J_URI is set and the managed Neo4j is not installed: run "
            "`geokg neo4j start` (or set NEO4J_URI/NEO4J_PASSWORD for your own server)."
        )
    return localserver.bolt_uri(settings), settings.neo4j_user, pw


def create_driver(settings: Settings, *, verify: bool = True) -> Driver:
    uri, user, password = connection_params(settings)
    driver = GraphDatabase.driver(
        uri,
        auth=(user, password),
        connection_timeout=settings.neo4j_connect_timeout,
        max_transaction_retry_time=settings.neo4j_connect_timeout,
        liveness_check_timeout=5.0,
    )
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError as e:
            driver.close()
            raise Unavailable(f"Neo4j at {uri} refused the credentials for '{user}'.") from e
        except (ServiceUnavailable, OSError) as e:
            driver.close()
            hint = " Start it with `geokg neo4j start`." if settings.managed else ""
            raise Unavailable(f"Neo4j at {uri} is unreachable.{hint}") from e
    return driver


def get_driver(settings: Settings | None = None) -> Driver:
    """The process-wide driver, created on first use and closed at exit."""
    global _driver
    with _lock:
        if _driver is None:
            _driver = create_driver(settings or get_settings())
            atexit.register(close_driver)
        return _driver


def close_driver() -> None:
    global _driver
    with _lock:
        if _driver is not None:
            _driver.close()
            _driver = None


@contextmanager
def driver_scope(settings: Settings | None = None) -> Iterator[Driver]:
    """For the CLI: one driver for the duration of one command (a CLI process runs one).

    It is not the shared process driver, so a command invoked in-process (tests) does not close
    the driver that the rest of the process uses."""
    driver = create_driver(settings or get_settings())
    try:
        yield driver
    finally:
        driver.close()
