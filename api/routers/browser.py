"""Neo4j Browser support: a guide with the cookbook queries and a GraSS style sheet.

Neo4j Browser fetches both from its own page (another origin), with `pragma` and
`cache-control` request headers, so these routes answer CORS preflights themselves.
The managed server runs `:style <api>/browser/style.grass` and `:play <api>/browser/guide`
after connecting (graph/localserver.py, browser_settings).
"""

from __future__ import annotations

import html
import json
from typing import Any

from fastapi import APIRouter, Request, Response

from graph.cypher.cookbook import EXAMPLES
from graph.vocab import Relation

router = APIRouter(prefix="/browser", tags=["neo4j browser"])

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "pragma, cache-control, content-type",
    "Access-Control-Max-Age": "600",
}

# Colours by label; entity types match the graph view's palette.
LABEL_STYLE: dict[str, tuple[str, str, str]] = {
    # label: (fill, border, caption)
    "Country": ("#3b7dd8", "#2a5ea8", "{name}"),
    "Organization": ("#e69f00", "#b57d00", "{name}"),
    "Person": ("#2ca25f", "#1f7a47", "{name}"),
    "Location": ("#8e44ad", "#6c3483", "{name}"),
    "Article": ("#d5d8dc", "#aab0b6", "{title}"),
    "Publisher": ("#aab7b8", "#839192", "{name}"),
    "Assertion": ("#f7dc6f", "#d4ac0d", "{relation}"),
    "Claim": ("#f5b7b1", "#cd6155", "{status}"),
}


def _cypher_value(v: Any) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_cypher_value(x)}" for k, x in v.items()) + "}"
    return json.dumps(v)  # strings, numbers, booleans, lists: JSON is valid Cypher here


def grass() -> str:
    """The style sheet: captions by name, relationship captions with type and status."""
    blocks = [
        "node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n"
        "  border-width: 2px;\n  text-color-internal: #FFFFFF;\n  font-size: 10px;\n}",
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 2px;\n  font-size: 8px;\n"
        "  padding: 3px;\n  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n"
        "  caption: '<type>';\n}",
    ]
    for label, (fill, border, caption) in LABEL_STYLE.items():
        blocks.append(
            f"node.{label} {{\n  color: {fill};\n  border-color: {border};\n"
            f"  text-color-internal: #FFFFFF;\n  caption: '{caption}';\n}}"
        )
    # Browser substitutes {property} in captions but <type> only when it stands alone, so the
    # type name is written out per relationship type.
    for rel in Relation:
        blocks.append(f"relationship.{rel.value} {{\n  caption: '{rel.value} {{status}}';\n}}")
    return "\n\n".join(blocks) + "\n"


def guide(base_url: str) -> str:
    """A Neo4j Browser guide: one slide per cookbook query, with its parameters."""
    e = html.escape
    style_cmd = f":style {base_url}/browser/style.grass"
    slides = [
        '<slide class="row-fluid"><div class="col-sm-12">'
        "<h3>geokg: who does what to whom, on what evidence</h3>"
        "<p>Entities (<code>:Entity:Country</code>, <code>:Organization</code>, "
        "<code>:Person</code>, <code>:Location</code>) are joined by browsing edges typed by "
        "relation (<code>AID</code>, <code>AGREE</code>, …) whose <code>status</code> sums up the "
        "claims behind them. Each claim is a <code>:Claim</code> about an "
        "<code>:Assertion</code>, with its source <code>:Article</code> and evidence.</p>"
        "<p>Apply geokg's style (colours by label, captions with type and status):</p>"
        f'<pre class="runnable">{e(style_cmd)}</pre>'
        f'<p>Interactive view: <a href="{e(base_url)}/graph/view?entity=MLI" '
        f'target="_blank">{e(base_url)}/graph/view?entity=MLI</a></p>'
        "<p>Use the arrows to walk through the cookbook queries.</p></div></slide>"
    ]
    for title, (query, params) in EXAMPLES.items():
        parts = [f"<h3>{e(title)}</h3>"]
        if params:
            parts.append("<p>Set the parameters, then run the query:</p>")
            parts.append(f'<pre class="runnable">:params {e(_cypher_value(params))}</pre>')
        else:
            parts.append("<p>Run the query:</p>")
        parts.append(f'<pre class="runnable cookbook">{e(query.strip())}</pre>')
        slides.append(
            '<slide class="row-fluid"><div class="col-sm-12">' + "".join(parts) + "</div></slide>"
        )
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8"><title>geokg cookbook</title>'
        '</head><body>\n<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel>\n</article>\n</body></html>\n"
    )


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/guide", summary="Neo4j Browser guide with the cookbook queries (:play this URL)")
def browser_guide(request: Request) -> Response:
    return Response(guide(_base_url(request)), media_type="text/html", headers=CORS)


@router.get("/style.grass", summary="Neo4j Browser style sheet (:style this URL)")
def browser_style() -> Response:
    return Response(grass(), media_type="text/plain", headers=CORS)


@router.options("/guide", include_in_schema=False)
@router.options("/style.grass", include_in_schema=False)
def browser_preflight() -> Response:
    return Response(status_code=204, headers=CORS)
