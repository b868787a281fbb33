"""The `geokg` command line: thin wrappers around graph/ and loaders/ services."""

from __future__ import annotations

import typer

from cli import neo4j_cmd

app = typer.Typer(
    help="geokg: a geopolitical relationship knowledge graph on Neo4j.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(neo4j_cmd.app, name="neo4j")

# Further command groups register themselves here (schema, load, extract, serve, ...).
from cli import commands  # noqa: E402,F401  (import registers commands on `app`)
