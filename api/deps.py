"""Dependency aliases for routes: settings, the runtime, a session-per-request reader, API keys."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from neo4j import READ_ACCESS, Driver, Session

from api.runtime import TX_RETRY_SECONDS, Runtime
from graph.reader import Reader
from graph.settings import Settings


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def get_settings(request: Request) -> Settings:
    return request.app.state.runtime.settings


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_driver(runtime: RuntimeDep) -> Driver:
    return runtime.connect()


DriverDep = Annotated[Driver, Depends(get_driver)]


def get_read_session(driver: DriverDep, settings: SettingsDep) -> Iterator[Session]:
    """One read session per request, closed when the response is done."""
    with driver.session(
        database=settings.neo4j_database,
        default_access_mode=READ_ACCESS,
        max_transaction_retry_time=TX_RETRY_SECONDS,
        # Optional properties (valid_to, aux, ...) are often absent: no warnings for those.
        notifications_min_severity="OFF",
    ) as session:
        yield session


ReadSessionDep = Annotated[Session, Depends(get_read_session)]


def get_reader(session: ReadSessionDep, settings: SettingsDep) -> Reader:
    return Reader(session, timeout=settings.query_timeout)


ReaderDep = Annotated[Reader, Depends(get_reader)]


def require_api_key(
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="Write key (settings.api_keys)")] = None,
) -> None:
    """Write endpoints: off (403) when no keys are configured, 401 without a key, 403 if wrong."""
    keys = [k.get_secret_value() for k in settings.api_keys if k.get_secret_value()]
    if not keys:
        raise HTTPException(
            403,
            "Write endpoints are disabled: no API keys are configured (set GEOKG_API_KEYS, "
            "e.g. GEOKG_API_KEYS='[\"a-long-random-key\"]').",
        )
    if not x_api_key:
        raise HTTPException(
            401,
            "This endpoint needs an API key in the X-API-Key header.",
            headers={"WWW-Authenticate": "ApiKey"},
        )
    given = x_api_key.encode()
    # Check every key (no early exit) so timing does not tell which one came close.
    ok = False
    for k in keys:
        ok |= hmac.compare_digest(given, k.encode())
    if not ok:
        raise HTTPException(403, "The API key is not valid.")


WriteKey = Depends(require_api_key)
