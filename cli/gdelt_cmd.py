"""CLI: load-gdelt (GDELT 2.0 events and mentions)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
