"""Graph views: GET /graph (subgraph JSON) and GET /graph/view (interactive page, no CDN)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse

from api.deps import ReaderDep
from graph.cypher.views import MAX_DEPTH
from graph.errors import NotFound, Unavailable
from graph.views import AggregateStatus
from graph.views_service import DEFAULT_LIMIT, MAX_LIMIT, GraphView, subgraph_of
from graph.vocab import Relation

router = APIRouter(tags=["graph"])

STATIC = Path(__file__).resolve().parent.parent / "static"
REPO = Path(__file__).resolve().parents[2]


def node_modules() -> Path:
    """`npm ci` at the repo top level installs here; GEOKG_NODE_MODULES overrides."""
    return Path(os.environ.get("GEOKG_NODE_MODULES", REPO / "node_modules"))


def cytoscape_file() -> Path:
    lib = node_modules() / "cytoscape" / "dist" / "cytoscape.min.js"
    if not lib.is_file():
        raise Unavailable(
            f"The graph view's JavaScript library is not installed ({lib} is missing): run "
            "`npm ci` in the repository's top folder (package.json pins cytoscape)."
        )
    return lib


ASSETS = {
    "graph-view.js": lambda: STATIC / "graph-view.js",
    "graph-view.css": lambda: STATIC / "graph-view.css",
    "cytoscape.min.js": cytoscape_file,
}
MEDIA = {".js": "text/javascript", ".css": "text/css"}


@router.get("/graph", summary="Subgraph around an entity as nodes and edges")
def graph(
    reader: ReaderDep,
    entity: Annotated[str, Query(description="Entity id, ISO3 code or unique name")],
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops from the entity")] = 1,
    relation: Annotated[Relation | None, Query(description="Only this relation type")] = None,
    status: Annotated[
        AggregateStatus | None, Query(description="Only edges with this status")
    ] = None,
    since: Annotated[
        str | None, Query(description="Edges seen on or after (YYYY[-MM[-DD]])")
    ] = None,
    until: Annotated[str | None, Query(description="Edges seen on or before")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Edge cap")] = DEFAULT_LIMIT,
) -> GraphView:
    return subgraph_of(
        reader,
        entity,
        depth=depth,
        relation=relation,
        status=status.value if status else None,
        since=since,
        until=until,
        limit=limit,
    )


@router.get(
    "/graph/view",
    summary="Interactive page drawing /graph (same query parameters)",
    response_class=HTMLResponse,
)
def graph_view() -> FileResponse:
    cytoscape_file()  # fail clearly (503) before serving a page that cannot draw
    return FileResponse(STATIC / "graph-view.html", media_type="text/html")


@router.get("/graph/assets/{name}", include_in_schema=False)
def graph_asset(name: str) -> FileResponse:
    if name not in ASSETS:
        raise NotFound(f"no asset {name!r}")
    path = ASSETS[name]()
    return FileResponse(path, media_type=MEDIA[path.suffix], headers={"Cache-Control": "no-cache"})
