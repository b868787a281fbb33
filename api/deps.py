"""Dependency aliases for routes: settings, the runtime, a session-per-request reader, API keys."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from neo4j import READ_ACCESS, Driver, Session
from starlette.concurrency import run_in_threadpool

from api.runtime import TX_RETRY_SECONDS, Runtime
from graph.reader import Reader
from graph.settings import Settings

# Dependencies that do no blocking I/O are `async def`: FastAPI runs sync dependencies in
# the thread pool, one hop per dependency per request.


async def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


async def get_settings(request: Request) -> Settings:
    return request.app.state.runtime.settings


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_driver(runtime: RuntimeDep) -> Driver:
    # Connected: no I/O. Otherwise connecting blocks (up to the connect timeout): off the loop.
    return runtime.driver or await run_in_threadpool(runtime.connect)


DriverDep = Annotated[Driver, Depends(get_driver)]


async def get_read_session(driver: DriverDep, settings: SettingsDep) -> AsyncIterator[Session]:
    """One read session per request, closed when the response is done. Opening a session
    does no I/O (it borrows a connection when a transaction starts, in the route's thread)."""
    session = driver.session(
        database=settings.neo4j_database,
        default_access_mode=READ_ACCESS,
        max_transaction_retry_time=TX_RETRY_SECONDS,
        # Optional properties (valid_to, aux, ...) are often absent: no warnings for those.
        notifications_min_severity="OFF",
    )
    try:
        yield session
    finally:
        # Routes use managed transactions only, which give the connection back to the pool
        # (rolling back first on failure) before they return or raise: closing is bookkeeping.
        session.close()


ReadSessionDep = Annotated[Session, Depends(get_read_session)]


async def get_reader(session: ReadSessionDep, settings: SettingsDep) -> Reader:
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
