"""The FastAPI app: `create_app()` is the factory uvicorn runs (`geokg serve`)."""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from api import errors
from api.limits import BodyLimitMiddleware
from api.runtime import Runtime
from graph.settings import Settings, get_settings

log = logging.getLogger("geokg.api")

# One router per resource; each module exposes `router` and, optionally, `setup(app)` for what
# is not a route (static mounts, middleware).
ROUTERS: list[str] = [
    "api.routers.entities",
    "api.routers.relations",
    "api.routers.assertions",
    "api.routers.paths",
    "api.routers.claims",
    "api.routers.articles",
    "api.routers.stats",
    "api.routers.facts",
    "api.routers.health",
    # guarded Cypher and graph views (H5b)
    "api.routers.cypher",
    "api.routers.graph",
    "api.routers.browser",
]

TAGS = [
    {"name": "entities", "description": "Countries, organisations, people and places."},
    {"name": "relations", "description": "What connects two entities, with every claim."},
    {"name": "claims", "description": "Claims by status; contested facts with both sides."},
    {"name": "articles", "description": "Source articles and the facts each supports."},
    {"name": "write", "description": "Loading and deleting data; needs an X-API-Key."},
]


def _include_routers(app: FastAPI) -> None:
    for name in ROUTERS:
        module = importlib.import_module(name)
        app.include_router(module.router)
        setup = getattr(module, "setup", None)
        if setup is not None:
            setup(app)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    runtime = Runtime(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Connect now if we can; if Neo4j is down the app still starts and answers 503
        # until a later request finds it back.
        if not await run_in_threadpool(runtime.try_connect):
            log.warning("starting without Neo4j; requests will get 503 until it is reachable")
        try:
            yield
        finally:
            await run_in_threadpool(runtime.close)

    app = FastAPI(
        title="geokg",
        summary="A geopolitical relationship knowledge graph: who does what to whom, "
        "on what evidence, and since when.",
        version="0.1.0",
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    errors.install(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.api_max_body_bytes)
    _include_routers(app)
    return app
