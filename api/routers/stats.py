"""Counts by label, relation type and status."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ReaderDep
from graph.views import Stats

router = APIRouter(tags=["stats"])


@router.get("/stats", summary="Counts by label, relation type and status")
def stats(reader: ReaderDep) -> Stats:
    return reader.stats()
