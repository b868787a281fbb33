"""The `geokg` command line: thin wrappers around graph/ and loaders/ services."""

from __future__ import annotations

import typer

from cli import data_cmd, extract_cmd, gdelt_cmd, neo4j_cmd, serve_cmd, up_cmd

app = typer.Typer(
    help="geokg: a geopolitical relationship knowledge graph on Neo4j.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(neo4j_cmd.app, name="neo4j")
for module in (data_cmd, extract_cmd, gdelt_cmd, serve_cmd, up_cmd):
    module.register(app)
