"""Counts by label, relation type and status."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import ReaderDep

router = APIRouter(tags=["stats"])


@router.get("/stats", summary="Counts by label, relation type and status")
def stats(reader: ReaderDep) -> dict[str, Any]:
    return reader.stats()
