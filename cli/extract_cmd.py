"""CLI: extract, ingest, eval (article extraction)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cli.common import console, progress_bar, user_errors
from graph.db import driver_scope
from graph.settings import get_settings
from loaders.extract import get_extractor
from loaders.extract.article import ArticleError, expand_paths, read_article
from loaders.extract.evaluate import evaluate
from loaders.extract.pipeline import to_json

ExtractorOpt = Annotated[
    str, typer.Option("--extractor", help="Extractor to use (registered name)")
]


def _error(msg: str) -> None:
    console.print(Text("error: ", style="red") + Text(msg), highlight=False, soft_wrap=True)


def extract(
    paths: Annotated[list[str], typer.Argument(help="Articles: files, folders or globs")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Folder for one JSON document per article"),
    ] = None,
    extractor: ExtractorOpt = "rules",
) -> None:
    """Extract fact documents from articles (wire text, HTML or JSON).

    One input and no -o: the document on stdout. Otherwise one <article-id>.json per article in
    the -o folder. Bad files are reported and skipped; exit code 1 if any failed.
    """
    with user_errors():
        ex = get_extractor(extractor)
        files, problems = expand_paths(paths)
        for p in problems:
            _error(p)
        if not files:
            raise typer.Exit(1)
        if output is None and len(files) > 1:
            _error(f"{len(files)} articles: give -o DIR to write one document per article")
            raise typer.Exit(2)
        failed = len(problems)
        if output is not None:
            output.mkdir(parents=True, exist_ok=True)
        for f in files:
            try:
                doc = ex.extract(read_article(f))
            except ArticleError as e:
                _error(str(e))
                failed += 1
                continue
            text = to_json(doc)
            if output is None:
                typer.echo(text, nl=False)
            else:
                target = output / f"{doc.article.id}.json"
                target.write_text(text, encoding="utf-8")
                console.print(f"{f} -> {target} ({len(doc.facts)} facts)", highlight=False)
    if failed:
        raise typer.Exit(1)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Articles: files, folders or globs")],
    extractor: ExtractorOpt = "rules",
) -> None:
    """Extract articles and load them into Neo4j (one transaction per article)."""
    from graph import schema as graph_schema
    from loaders.extract.ingest import ingest_files

    out = Console()
    with user_errors():
        ex = get_extractor(extractor)
        files, problems = expand_paths(paths)
        for p in problems:
            _error(p)
        with driver_scope() as driver:
            database = get_settings().neo4j_database
            graph_schema.apply(driver, database)
            progress = progress_bar()
            with progress:
                task = progress.add_task("ingesting", total=len(files))

                def on_file(path: Path, error: str | None) -> None:
                    if error:
                        progress.console.print(
                            Text("error: ", style="red") + Text(error), highlight=False
                        )
                    progress.update(task, advance=1, description=path.name)

                s = ingest_files(driver, database, files, ex, on_file)
    t = Table(title="geokg ingest", header_style="bold")
    for col in ("created", "updated", "unchanged", "failed", "facts", "new claims", "new entities"):
        t.add_column(col, justify="right")
    t.add_row(
        str(s.created),
        str(s.updated),
        str(s.unchanged),
        str(len(s.failed) + len(problems)),
        str(s.facts),
        str(s.claims_created),
        str(s.entities_created),
    )
    out.print(t)
    if s.failed or problems:
        raise typer.Exit(1)


def eval_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold fact documents (*.json)")],
    articles: Annotated[
        Path | None,
        typer.Option("--articles", help="Folder of the articles (default: GOLD_DIR/../articles)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List missed and spurious triples")
    ] = False,
    extractor: ExtractorOpt = "rules",
) -> None:
    """Score extraction against gold: P/R/F1 per relation and overall on (subject, relation,
    object), plus status and attribution accuracy on matched facts."""
    out = Console()
    with user_errors():
        report = evaluate(gold_dir, articles, get_extractor(extractor))
    for e in report.errors:
        _error(e)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2, sort_keys=True))
        return
    t = Table(title=f"geokg eval ({report.articles} articles)", header_style="bold")
    for col in ("relation", "tp", "fp", "fn", "precision", "recall", "F1"):
        t.add_column(col, justify="right" if col != "relation" else "left")
    rows = [*sorted(report.per_relation.items()), ("overall", report.overall)]
    for name, sc in rows:
        t.add_row(
            name,
            str(sc.tp),
            str(sc.fp),
            str(sc.fn),
            f"{sc.precision:.3f}",
            f"{sc.recall:.3f}",
            f"{sc.f1:.3f}",
            style="bold" if name == "overall" else None,
        )
    out.print(t)
    out.print(
        f"status accuracy {report.status_accuracy:.3f} ({report.status_n} matched facts), "
        f"attribution accuracy {report.attribution_accuracy:.3f} ({report.attribution_n})",
        highlight=False,
    )
    if show_errors:
        for art, kind, triple in sorted(report.misses, key=lambda x: (x[0], x[1], str(x[2]))):
            out.print(f"{art}\t{kind}\t{triple}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("extract")(extract)
    app.command("ingest")(ingest)
    app.command("eval")(eval_cmd)
