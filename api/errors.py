"""Errors are mapped to HTTP once, here: services raise graph.errors, routes never catch them."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError
from starlette.exceptions import HTTPException

from graph.errors import Forbidden, InvalidInput, NotFound, Unavailable

log = logging.getLogger("geokg.api")

RETRY_AFTER_SECONDS = 5
_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)


def error_body(status: int, code: str, message: str, **extra: object) -> dict[str, object]:
    return {"error": {"status": status, "code": code, "message": message, **extra}}


def field_of(exc: Exception) -> str | None:
    """The offending field, when the raiser named one (see graph.reader.InvalidParameter)."""
    return getattr(exc, "field", None)


def unavailable_response(message: str) -> JSONResponse:
    return JSONResponse(
        error_body(503, "neo4j_unavailable", message, retry_after=RETRY_AFTER_SECONDS),
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _not_found(_: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(error_body(404, "not_found", str(exc)), status_code=404)


async def _invalid(_: Request, exc: Exception) -> JSONResponse:
    field = field_of(exc)
    # Same shape as FastAPI's own 422s (`detail[].loc`) so clients handle both alike.
    loc = ["query", field] if field else ["body"]
    return JSONResponse(
        {
            "detail": [{"loc": loc, "msg": str(exc), "type": "invalid_input"}],
            **error_body(422, "invalid_input", str(exc), field=field),
        },
        status_code=422,
    )


async def _forbidden(_: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(error_body(403, "forbidden", str(exc)), status_code=403)


async def _unavailable(_: Request, exc: Exception) -> JSONResponse:
    return unavailable_response(str(exc))


async def _neo4j_down(_: Request, exc: Exception) -> JSONResponse:
    log.warning("Neo4j unavailable: %s", exc)
    return unavailable_response(
        "Neo4j is unreachable right now (down or restarting); retry shortly."
    )


async def _neo4j_client(_: Request, exc: Exception) -> JSONResponse:
    code = getattr(exc, "code", "") or ""
    if code in _TIMEOUT_CODES:
        return JSONResponse(
            error_body(504, "query_timeout", "The query took longer than the server allows."),
            status_code=504,
        )
    log.error("Neo4j client error %s: %s", code, exc)
    return JSONResponse(
        error_body(500, "internal_error", "The graph query failed."), status_code=500
    )


async def _catch_all(_: Request, exc: Exception) -> JSONResponse:
    # Last resort: log the details, tell the client nothing internal.
    log.exception("unhandled error", exc_info=exc)
    return JSONResponse(
        error_body(500, "internal_error", "Internal server error."), status_code=500
    )


_HTTP_CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found", 501: "not_implemented"}


async def _http(_: Request, exc: Exception) -> JSONResponse:
    # FastAPI's own {"detail": ...} stays for compatibility; `error` matches our other errors.
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    return JSONResponse(
        {"detail": exc.detail, **error_body(exc.status_code, code, str(exc.detail))},
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = exc.errors()
    fields = [".".join(str(p) for p in e["loc"][1:]) or e["loc"][0] for e in problems]
    first = problems[0]["msg"] if problems else "invalid request"
    message = f"{fields[0]}: {first}" if fields else first
    return JSONResponse(
        {
            "detail": jsonable_encoder(problems),
            **error_body(422, "invalid_input", message, field=fields[0] if fields else None),
        },
        status_code=422,
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(InvalidInput, _invalid)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(Unavailable, _unavailable)
    app.add_exception_handler(ServiceUnavailable, _neo4j_down)
    app.add_exception_handler(SessionExpired, _neo4j_down)
    # e.g. DatabaseUnavailable while the server is still starting
    app.add_exception_handler(TransientError, _neo4j_down)
    app.add_exception_handler(ClientError, _neo4j_client)
    app.add_exception_handler(Exception, _catch_all)
