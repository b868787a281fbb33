"""The app's connection to Neo4j: one driver per process, created lazily so the API starts
(and answers 503) while Neo4j is down, and recovers by itself once it is back."""

from __future__ import annotations

import logging
import threading
import time

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from graph import db, schema
from graph.errors import Unavailable
from graph.settings import Settings

log = logging.getLogger("geokg.api")

# While Neo4j is down, do not hammer it with a connection attempt per request.
RECONNECT_INTERVAL = 1.0
# Requests should fail fast with 503 rather than sit in the driver's retry loop.
TX_RETRY_SECONDS = 1.0


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._driver: Driver | None = None
        self._lock = threading.Lock()
        self._last_failure = 0.0
        self._last_error = ""

    @property
    def driver(self) -> Driver | None:
        """The connected driver, or None before the first successful connect."""
        return self._driver

    def connect(self) -> Driver:
        """The driver, connecting (and applying the schema) on first use; Unavailable if down."""
        drv = self._driver
        if drv is not None:
            return drv
        with self._lock:
            if self._driver is not None:
                return self._driver
            if time.monotonic() - self._last_failure < RECONNECT_INTERVAL:
                raise Unavailable(self._last_error)
            try:
                drv = db.create_driver(self.settings)
            except Unavailable as e:
                self._fail(str(e))
                raise
            try:
                schema.apply(drv, self.settings.neo4j_database)
            except (DriverError, Neo4jError, OSError) as e:
                drv.close()
                self._fail(f"Neo4j is not ready: {e}")
                raise Unavailable(self._last_error) from e
            self._driver = drv
            log.info("connected to Neo4j; schema applied")
            return drv

    def _fail(self, msg: str) -> None:
        self._last_failure = time.monotonic()
        self._last_error = msg
        log.warning("Neo4j unavailable: %s", msg)

    def try_connect(self) -> bool:
        try:
            self.connect()
        except Unavailable:
            return False
        return True

    def close(self) -> None:
        with self._lock:
            if self._driver is not None:
                self._driver.close()
                self._driver = None
