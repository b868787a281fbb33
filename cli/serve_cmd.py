"""CLI: serve (the HTTP API)."""

from __future__ import annotations

import typer

from cli.common import console, user_errors
from graph import localserver
from graph.settings import get_settings


def serve(
    host: str = typer.Option(None, "--host", help="Interface to bind (default 127.0.0.1)."),
    port: int = typer.Option(None, "--port", min=1, max=65535, help="Port (default 8000)."),
    no_neo4j: bool = typer.Option(
        False,
        "--no-neo4j",
        help="Do not start the managed Neo4j (the API answers 503 until it is reachable).",
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=64,
        help="API worker processes (each has its own driver); one Python process uses one core.",
    ),
) -> None:
    """Run the HTTP API (OpenAPI docs at /docs). Starts the managed Neo4j first when no
    NEO4J_URI is set."""
    import uvicorn

    settings = get_settings()
    host = host or settings.api_host
    port = port or settings.api_port
    if settings.managed and not no_neo4j:
        with user_errors():
            pid = localserver.start(settings, log=lambda m: console.print(m, markup=False))
        console.print(f"Neo4j is up (pid {pid}): {localserver.bolt_uri(settings)}", markup=False)
    console.print(f"geokg API on http://{host}:{port}/ (docs: /docs)", markup=False)
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        log_level="info",
        workers=workers,
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("serve")(serve)
