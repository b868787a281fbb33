"""`geokg neo4j ...`: install and run the managed local Neo4j server."""

from __future__ import annotations

import shlex
import time

import typer

from cli.common import console, user_errors
from graph import localserver
from graph.settings import get_settings

app = typer.Typer(help="Manage the local Neo4j Community server (used when NEO4J_URI is unset).")


def _managed_only() -> None:
    s = get_settings()
    if not s.managed:
        console.print(
            f"NEO4J_URI is set ({s.neo4j_uri}); geokg does not manage that server.",
            markup=False,
        )
        raise typer.Exit(1)


def _say(msg: str) -> None:
    console.print(msg, markup=False, highlight=False)


@app.command()
def install() -> None:
    """Fetch Neo4j into the cache (once) and prepare the data folder and password."""
    _managed_only()
    with user_errors():
        t = time.monotonic()
        lay = localserver.install(get_settings(), log=_say)
        _say(f"Neo4j {localserver.NEO4J_VERSION} ready in {lay.lib} ({time.monotonic() - t:.1f}s)")


@app.command()
def start() -> None:
    """Start the server; returns when Bolt answers. A no-op when it already runs."""
    _managed_only()
    with user_errors():
        s = get_settings()
        t = time.monotonic()
        pid = localserver.start(s, log=_say)
        _say(f"Neo4j is up (pid {pid}, {time.monotonic() - t:.1f}s): {localserver.bolt_uri(s)}")
        _say(f"Browser: http://127.0.0.1:{s.neo4j_http_port}/browser/")


@app.command()
def stop() -> None:
    """Stop the server cleanly and wait for it to exit."""
    _managed_only()
    with user_errors():
        if localserver.stop(get_settings(), log=_say):
            _say("Neo4j stopped.")
        else:
            _say("Neo4j was not running.")


@app.command()
def status() -> None:
    """Show whether the server is installed and running."""
    _managed_only()
    st = localserver.status(get_settings())
    _say(f"installed: {'yes' if st.installed else 'no'} ({st.lib})")
    _say(f"running:   {'pid ' + str(st.pid) if st.pid else 'no'}")
    _say(f"bolt:      {st.uri} ({'answering' if st.bolt_ready else 'not answering'})")
    _say(f"browser:   {st.browser_url}")
    _say(f"data:      {st.home}")
    raise typer.Exit(0 if st.bolt_ready else 3)


@app.command()
def logs(lines: int = typer.Option(50, "--lines", "-n", help="How many lines to show.")) -> None:
    """Print the tail of the server log."""
    _managed_only()
    print(localserver.log_tail(get_settings(), lines) or "(no logs yet)")


@app.command()
def env() -> None:
    """Print `export` lines for the managed server: eval "$(geokg neo4j env)"."""
    _managed_only()
    s = get_settings()
    pw = localserver.read_password(s)
    if pw is None:
        console.print("The managed Neo4j is not installed; run `geokg neo4j install`.")
        raise typer.Exit(1)
    for k, v in (
        ("NEO4J_URI", localserver.bolt_uri(s)),
        ("NEO4J_USER", s.neo4j_user),
        ("NEO4J_PASSWORD", pw),
        ("NEO4J_DATABASE", s.neo4j_database),
    ):
        print(f"export {k}={shlex.quote(v)}")
