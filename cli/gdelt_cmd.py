"""CLI: load-gdelt (GDELT 2.0 events and mentions)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cli.common import console, progress_bar, user_errors
from graph.gdelt_writer import DEFAULT_AGGREGATE_EVERY, DEFAULT_BATCH, LoadStats, load_gdelt
from loaders.gdelt import discover

SHOW_MALFORMED = 10


def _count_lines(path: Path) -> int | None:
    """Rows in a plain CSV (for the progress bar); None for zips (unknown until read)."""
    if path.suffix.lower() == ".zip":
        return None
    n = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            n += chunk.count(b"\n")
    return n


def _summary(stats: LoadStats) -> None:
    t = Table(title="GDELT load", show_header=False, title_justify="left")
    t.add_column(style="bold")
    t.add_column(justify="right")
    t.add_row("files", str(stats.files))
    t.add_row("event rows", f"{stats.rows:,}")
    t.add_row("events loaded", f"{stats.loaded:,}")
    t.add_row("  of which new to the graph", f"{stats.created:,}")
    t.add_row("malformed rows", f"{len(stats.malformed):,}")
    for reason, n in stats.skipped.most_common():
        t.add_row(f"skipped: {reason}", f"{n:,}")
    if stats.mention_rows:
        t.add_row("mention rows", f"{stats.mention_rows:,}")
        t.add_row("mentions attached", f"{stats.mentions_attached:,}")
        t.add_row("mentions of events not in the graph", f"{stats.mentions_unmatched:,}")
    t.add_row("assertions re-aggregated", f"{stats.aggregated:,}")
    t.add_row("write time", f"{stats.seconds:.1f} s")
    t.add_row("  of which re-aggregation", f"{stats.aggregate_seconds:.1f} s")
    t.add_row("events/s", f"{stats.events_per_second:,.0f}")
    console.print(t)
    for path, line, reason in stats.malformed[:SHOW_MALFORMED]:
        console.print(f"[yellow]malformed[/] {path}:{line}: {reason}", highlight=False)
    if len(stats.malformed) > SHOW_MALFORMED:
        console.print(f"… and {len(stats.malformed) - SHOW_MALFORMED} more malformed rows")
    for _path, reason in stats.failed_files:
        console.print(f"[red]error[/] {escape(reason)}", highlight=False)


def load_gdelt_cmd(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="GDELT 2.0 events exports (.CSV or .CSV.zip), or folders of them"),
    ] = None,
    mentions: Annotated[
        list[Path] | None,
        typer.Option("--mentions", "-m", help="Mentions files to attach as further sources"),
    ] = None,
    date_from: Annotated[
        str | None,
        typer.Option("--from", help="For folders: first day (YYYYMMDD) by file-name stamp"),
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="For folders: last day (YYYYMMDD), inclusive")
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, max=100_000, help="Events per transaction")
    ] = DEFAULT_BATCH,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=16, help="Batches written concurrently (1: one at a time)"
        ),
    ] = 1,
    aggregate_every: Annotated[
        int,
        typer.Option(
            "--aggregate-every",
            min=1,
            help="Re-aggregate the assertions touched so far after this many new events "
            "(always at the end of the run)",
        ),
    ] = DEFAULT_AGGREGATE_EVERY,
    finish: Annotated[
        bool,
        typer.Option(
            "--finish",
            help="Load nothing; only re-aggregate assertions an interrupted load left pending",
        ),
    ] = False,
) -> None:
    """Load GDELT 2.0 events (and mentions) into the claim layer. Safe to re-run."""
    from graph.db import driver_scope
    from graph.settings import get_settings

    with user_errors():
        events_files, folder_mentions = discover(paths or [], date_from, date_to)
        # files given to --mentions are mentions, whatever their name
        given = discover(mentions or [])
        extra = given[0] + given[1]
        mentions_files = folder_mentions + [m for m in extra if m not in folder_mentions]
        if finish and (events_files or mentions_files):
            console.print("[red]error[/] --finish loads nothing: give it no files")
            raise typer.Exit(2)
        if not events_files and not mentions_files and not finish:
            console.print("[yellow]no GDELT files found[/]")
            raise typer.Exit(1)
        settings = get_settings()
        with (
            driver_scope(settings) as driver,
            progress_bar(transient=False) as progress,
        ):
            task = None

            def on_file(path: Path, kind: str) -> None:
                nonlocal task
                if task is not None:
                    progress.update(task, completed=progress.tasks[task].total or 0)
                task = progress.add_task(f"{kind} {path.name}", total=_count_lines(path))

            def on_batch(n: int) -> None:
                if task is not None:
                    progress.advance(task, n)

            def on_aggregate() -> None:
                nonlocal task
                if task is not None:
                    progress.update(task, completed=progress.tasks[task].total or 0)
                task = progress.add_task("re-aggregating assertions", total=None)

            stats = load_gdelt(
                driver,
                settings.neo4j_database,
                events_files,
                mentions_files,
                batch_size=batch_size,
                workers=workers,
                aggregate_every=aggregate_every,
                on_file=on_file,
                on_batch=on_batch,
                on_aggregate=on_aggregate,
            )
        _summary(stats)
        if stats.failed_files:
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("load-gdelt")(load_gdelt_cmd)
