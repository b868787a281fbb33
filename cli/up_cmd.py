"""`geokg up`: the demo in one command — Neo4j, schema, sample data, API, and the URLs to open."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import typer

from cli.common import console, user_errors
from graph import localserver
from graph import schema as graph_schema
from graph.db import create_driver
from graph.settings import Settings, get_settings
from loaders.factdocs import load_paths

REPO = Path(__file__).resolve().parent.parent
SAMPLE_FACTS = REPO / "samples" / "facts"


def _say(msg: str) -> None:
    console.print(msg, markup=False, highlight=False)


def _load_samples(settings: Settings, samples: list[Path]) -> None:
    driver = create_driver(settings)
    try:
        graph_schema.apply(driver, settings.neo4j_database)
        summary = load_paths(driver, settings.neo4j_database, samples)
    finally:
        driver.close()
    _say(
        f"Sample data: {summary.loaded} article(s) loaded, {len(summary.unchanged)} unchanged, "
        f"{len(summary.failed)} failed, {summary.claims_created} new claims."
    )
    for f in summary.failed:
        _say(f"  failed: {f}")


def _banner(settings: Settings, host: str, port: int) -> str:
    api = f"http://{host}:{port}"
    lines = [
        "",
        "geokg is up.",
        f"  API docs:      {api}/docs",
        f"  Graph view:    {api}/graph/view?entity=MLI",
    ]
    if settings.managed:
        lines += [
            f"  Neo4j Browser: http://127.0.0.1:{settings.neo4j_http_port}/browser/",
            f"    connect URL: {localserver.bolt_uri(settings)}",
            f"    user:        {settings.neo4j_user}",
            f"    password:    {localserver.read_password(settings)}"
            f"   (stored in {localserver.layout(settings).password_file})",
        ]
    else:
        lines.append(f"  Neo4j:         {settings.neo4j_uri} (your server)")
    lines.append("Press Ctrl-C to stop the API (`geokg neo4j stop` stops Neo4j).")
    return "\n".join(lines)


def up(
    host: str = typer.Option(None, "--host", help="API interface (default 127.0.0.1)."),
    port: int = typer.Option(None, "--port", min=1, max=65535, help="API port (default 8000)."),
    samples: list[Path] = typer.Option(  # noqa: B008
        [SAMPLE_FACTS], "--samples", help="Fact documents to load before serving."
    ),
) -> None:
    """Start the managed Neo4j (unless NEO4J_URI is set), load the samples and serve the API."""
    import uvicorn

    settings = get_settings()
    host = host or settings.api_host
    port = port or settings.api_port
    with user_errors():
        if settings.managed:
            t = time.monotonic()
            pid = localserver.start(settings, log=_say)
            _say(f"Neo4j is up (pid {pid}, {time.monotonic() - t:.1f}s)")
        _load_samples(settings, samples)

    server = uvicorn.Server(
        uvicorn.Config("api.app:create_app", factory=True, host=host, port=port, log_level="info")
    )

    def announce() -> None:
        # Print the URLs after uvicorn's own start-up lines, so they are the last thing shown.
        while not server.started and not server.should_exit:
            time.sleep(0.1)
        if server.started:
            print(_banner(settings, host, port), flush=True)

    threading.Thread(target=announce, daemon=True).start()
    server.run()


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("up")(up)
