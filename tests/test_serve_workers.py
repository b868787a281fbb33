"""`geokg serve --workers N` runs N API processes behind one port (no Cypher is sent here)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(k) for k in (task / "children").read_text().split()]
    return out


def test_serve_with_two_workers_answers_and_forks_two_processes(tmp_path: Path) -> None:
    port = _free_port()
    # an unreachable Neo4j: the API must still come up and answer /health
    env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{_free_port()}"}
    log = (tmp_path / "serve.log").open("w")
    geokg = str(Path(sys.executable).parent / "geokg")
    proc = subprocess.Popen(
        [geokg, "serve", "--no-neo4j", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        status = None
        for _ in range(120):
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code
                if len(_children(proc.pid)) >= 2:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        assert status is not None, (tmp_path / "serve.log").read_text()
        workers = [
            c for c in _children(proc.pid) if "spawn" in Path(f"/proc/{c}/cmdline").read_text()
        ]
        assert len(workers) == 2, (_children(proc.pid), (tmp_path / "serve.log").read_text())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
