"""Settings and the driver factory: URI schemes, clear errors when Neo4j is unreachable."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from graph import db
from graph.errors import Unavailable
from graph.settings import Settings


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "uri", ["bolt://db:7687", "neo4j://cluster:7687", "neo4j+s://x.databases.neo4j.io"]
)
def test_supported_uri_schemes(uri: str) -> None:
    s = Settings(neo4j_uri=uri, _env_file=None)  # type: ignore[call-arg]
    assert s.neo4j_uri == uri and not s.managed


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "mongodb://x"])
def test_unsupported_uri_is_refused(uri: str) -> None:
    with pytest.raises(ValidationError, match="NEO4J_URI must start with"):
        Settings(neo4j_uri=uri, _env_file=None)  # type: ignore[call-arg]


def test_password_is_secret() -> None:
    s = Settings(neo4j_uri="bolt://x:1", neo4j_password="hunter2-long", _env_file=None)  # type: ignore[call-arg]
    assert "hunter2-long" not in repr(s) and "hunter2-long" not in str(s.model_dump())


def test_unreachable_server_gives_a_clear_error() -> None:
    s = Settings(
        neo4j_uri=f"bolt://127.0.0.1:{_closed_port()}",
        neo4j_password="whatever-long",
        neo4j_connect_timeout=2,
        _env_file=None,  # type: ignore[call-arg]
    )
    with pytest.raises(Unavailable, match=r"Neo4j at bolt://127\.0\.0\.1:\d+ is unreachable"):
        db.create_driver(s)


def test_managed_but_not_installed(tmp_path: Path) -> None:
    s = Settings(home=tmp_path, _env_file=None)  # type: ignore[call-arg]
    with pytest.raises(Unavailable, match="geokg neo4j start"):
        db.create_driver(s)


def test_wrong_password_is_reported(neo4j_server: Settings) -> None:
    s = neo4j_server.model_copy(
        update={
            "neo4j_uri": f"bolt://127.0.0.1:{neo4j_server.neo4j_bolt_port}",
            "neo4j_password": SecretStr("not-the-password"),
        }
    )
    with pytest.raises(Unavailable, match="refused the credentials"):
        db.create_driver(s)


def test_one_driver_per_process(neo4j_server: Settings) -> None:
    first = db.get_driver(neo4j_server)
    assert db.get_driver(neo4j_server) is first
