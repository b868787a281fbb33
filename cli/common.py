"""Shared CLI plumbing: console, error exit, settings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from graph.errors import GeoKGError
from graph.localserver import LocalServerError

console = Console(stderr=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn expected failures into one red line and exit code 1, no traceback."""
    try:
        yield
    except (GeoKGError, LocalServerError) as e:
        console.print(Text("error: ", style="red") + Text(str(e)), highlight=False)
        raise typer.Exit(1) from None


def progress_bar(*, transient: bool = True) -> Progress:
    """The progress bar every long-running command shows (on stderr, next to its messages)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=transient,
    )
