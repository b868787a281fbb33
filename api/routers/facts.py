"""Loading fact documents (API key)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import DriverDep, SettingsDep, WriteKey
from graph import writer
from graph.model import FactDocument
from graph.writer import LoadResult

router = APIRouter(tags=["write"])


@router.post(
    "/facts",
    summary="Load a fact document (API key)",
    dependencies=[WriteKey],
    responses={201: {"description": "The article was new"}},
)
def load_facts(
    doc: FactDocument, driver: DriverDep, settings: SettingsDep, response: Response
) -> LoadResult:
    """One document in one transaction: all or nothing. Re-posting a changed document replaces
    the article's claims; an unchanged one is skipped (`status: unchanged`). 201 when the
    article is new, 200 otherwise; 422 names the invalid field."""
    result = writer.load_document(driver, settings.neo4j_database, doc)
    if result.status == "created":
        response.status_code = 201
    return result
