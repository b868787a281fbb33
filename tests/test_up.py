"""`geokg up` (what `make run` calls): loads the samples, serves the API, ends with the URLs."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from neo4j import Driver

from graph import localserver
from graph.settings import Settings
from tests.conftest import wipe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def up_process(clean_db: Driver, settings: Settings) -> Iterator[tuple[subprocess.Popen, int]]:
    port = _free_port()
    env = {**os.environ, "GEOKG_API_PORT": str(port), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "geokg"), "up"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield proc, port
    proc.terminate()
    proc.wait(timeout=30)
    wipe(clean_db, settings.neo4j_database)


def test_up_loads_samples_serves_and_prints_urls(
    up_process: tuple[subprocess.Popen, int], settings: Settings
) -> None:
    proc, port = up_process
    out: list[str] = []
    deadline = time.monotonic() + 180
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        out.append(line)
        if line.startswith("Press Ctrl-C"):
            break
    text = "".join(out)
    assert f"API docs:      http://127.0.0.1:{port}/docs" in text, text
    assert f"Neo4j Browser: http://127.0.0.1:{settings.neo4j_http_port}/browser/" in text
    password = localserver.read_password(settings)
    assert password and f"password:    {password}" in text
    assert "0 failed" in text

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/docs", timeout=10) as r:
        assert r.status == 200
    url = f"http://127.0.0.1:{port}/relations?a=RUS&b=MLI"
    with urllib.request.urlopen(url, timeout=10) as r:
        body = json.loads(r.read())
    assert "AID" in json.dumps(body)
