"""CLI: schema apply/export, load, delete (fact documents)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cli.common import console, progress_bar, user_errors
from graph import schema as graph_schema
from graph.db import driver_scope
from graph.model import FactDocument
from graph.settings import get_settings
from graph.vocab import vocabulary_json_schema
from graph.writer import LoadResult, delete_article
from loaders.factdocs import Failure, RunSummary, expand_paths, load_files

schema_app = typer.Typer(help="Neo4j schema (constraints, indexes) and the fact-document schema.")
delete_app = typer.Typer(help="Delete data from the graph.")


def fact_document_json_schema() -> dict[str, Any]:
    """JSON Schema of a fact document, with the relation vocabulary in `$defs`."""
    doc = FactDocument.model_json_schema()
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    doc.setdefault("$defs", {}).update(vocabulary_json_schema())
    return doc


@schema_app.command("apply")
def schema_apply() -> None:
    """Create missing constraints and indexes (idempotent)."""
    with user_errors(), driver_scope() as driver:
        n = graph_schema.apply(driver, get_settings().neo4j_database)
    console.print(f"Schema applied ({n} statements).", highlight=False)


@schema_app.command("export")
def schema_export(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file, not stdout")
    ] = None,
) -> None:
    """Write the JSON Schema of fact documents (with the relation vocabulary)."""
    text = json.dumps(fact_document_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"Wrote {output}", highlight=False)


def _summary_table(s: RunSummary) -> Table:
    t = Table(title="geokg load", show_header=True, header_style="bold")
    t.add_column("")
    t.add_column("created", justify="right")
    t.add_column("updated", justify="right")
    t.add_column("deleted", justify="right")
    t.add_column("unchanged", justify="right")
    t.add_column("failed", justify="right")
    t.add_row(
        "articles",
        str(len(s.created)),
        str(len(s.updated)),
        "",
        str(len(s.unchanged)),
        str(len(s.failed)),
    )
    t.add_row("entities", str(s.entities_created), str(s.entities_updated), str(s.entities_deleted))
    t.add_row("claims", str(s.claims_created), str(s.claims_updated), str(s.claims_deleted))
    t.add_row(
        "assertions",
        str(s.assertions_created),
        str(s.assertions_updated),
        str(s.assertions_deleted),
    )
    return t


@delete_app.command("article")
def delete_article_cmd(article_id: Annotated[str, typer.Argument(help="The article's id")]) -> None:
    """Remove an article, its claims, and whatever only it supported."""
    with user_errors(), driver_scope() as driver:
        r = delete_article(driver, get_settings().neo4j_database, article_id)
    console.print(
        f"Deleted article {article_id}: {r.claims_deleted} claims, "
        f"{r.assertions_deleted} assertions, {r.entities_deleted} entities.",
        highlight=False,
        markup=False,
    )


def load(
    paths: Annotated[list[str], typer.Argument(help="Fact documents: files, folders or globs")],
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first document with an error")
    ] = False,
) -> None:
    """Load fact documents (YAML/JSON), one transaction per document.

    Invalid documents are reported and skipped; nothing of them is written.

    Exit code 0 when every document loaded or was unchanged, 1 when any failed.
    """
    out = Console()
    with user_errors():
        files = expand_paths(paths)
        with driver_scope() as driver:
            database = get_settings().neo4j_database
            graph_schema.apply(driver, database)
            progress = progress_bar()
            with progress:
                task = progress.add_task("loading", total=len(files))

                def on_file(path: Path, outcome: LoadResult | Failure) -> None:
                    if isinstance(outcome, Failure):
                        for p in outcome.problems:
                            progress.console.print(
                                Text("error: ", style="red") + Text(f"{outcome.path}: {p}"),
                                highlight=False,
                                soft_wrap=True,
                            )
                    progress.update(task, advance=1, description=path.name)

                summary = load_files(driver, database, files, strict=strict, on_file=on_file)
    out.print(_summary_table(summary))
    out.print(f"{summary.facts} facts in {summary.loaded + len(summary.unchanged)} documents")
    if summary.stopped:
        console.print("--strict: stopped at the first failing document.", highlight=False)
    if summary.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.add_typer(schema_app, name="schema")
    app.add_typer(delete_app, name="delete")
    app.command("load")(load)
