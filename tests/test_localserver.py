"""The managed Neo4j: install, start/stop semantics, auth, loopback binding, persistence.

These tests run their own instance (own folder, own free ports) so that they can stop, kill and
restart it without disturbing the session's server. The jars come from the shared cache.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph import localserver
from graph.settings import Settings, get_settings

pytestmark = pytest.mark.neo4j


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    base = get_settings()
    s = base.model_copy(
        update={
            "home": tmp_path_factory.mktemp("managed"),
            "neo4j_bolt_port": _free_port(),
            "neo4j_http_port": _free_port(),
            "neo4j_heap": "512m",
            "neo4j_pagecache": "128m",
        }
    )
    yield s
    localserver.stop(s, log=lambda m: None)


def _auth(s: Settings) -> tuple[str, str]:
    pw = localserver.read_password(s)
    assert pw
    return (s.neo4j_user, pw)


def _run(s: Settings, query: str, **params: object) -> list[dict]:
    with GraphDatabase.driver(localserver.bolt_uri(s), auth=_auth(s)) as d:
        records, _, _ = d.execute_query(query, params, database_=s.neo4j_database)
        return [r.data() for r in records]


def test_install_is_verified_and_second_install_is_fast(own: Settings) -> None:
    localserver.install(own, log=lambda m: None)
    assert localserver.verify_lib(localserver.layout(own).lib) == []
    t = time.monotonic()
    localserver.install(own, log=lambda m: None)
    assert time.monotonic() - t < 5


def test_password_file_is_private(own: Settings) -> None:
    localserver.install(own, log=lambda m: None)
    pw_file = localserver.layout(own).password_file
    assert stat.S_IMODE(pw_file.stat().st_mode) == 0o600
    assert len(pw_file.read_text().strip()) >= 24


def test_generated_passwords_are_never_read_as_options() -> None:
    # CI once drew a password starting with '-': the admin tool took it for an option and the
    # instance could not be created. Letters and digits only, so no draw can do that.
    draws = [localserver.new_password() for _ in range(2000)]
    assert all(re.fullmatch(r"[A-Za-z0-9]{32}", pw) for pw in draws)
    assert len(set(draws)) == len(draws)


def test_start_twice_is_a_noop(own: Settings) -> None:
    pid = localserver.start(own, log=lambda m: None)
    t = time.monotonic()
    assert localserver.start(own, log=lambda m: None) == pid
    assert time.monotonic() - t < 10
    assert _run(own, "RETURN 1 AS x") == [{"x": 1}]


def test_auth_is_required(own: Settings) -> None:
    localserver.start(own, log=lambda m: None)
    uri = localserver.bolt_uri(own)
    with GraphDatabase.driver(uri, auth=None) as d, pytest.raises((AuthError, ServiceUnavailable)):
        d.verify_connectivity()
    with GraphDatabase.driver(uri, auth=("neo4j", "wrong-password")) as d, pytest.raises(AuthError):
        d.verify_connectivity()


def _non_loopback_addresses() -> list[str]:
    out = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return [a for a in out if ":" not in a and not a.startswith("127.")]


def _listening_addresses(ports: set[int]) -> list[str]:
    """Addresses of listening sockets on `ports`, from the kernel's tables (v4 and v6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr_hex, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) not in ports:
                continue
            # The kernel prints each 32-bit word in host (little-endian) order.
            raw = b"".join(
                bytes.fromhex(addr_hex[i : i + 8])[::-1] for i in range(0, len(addr_hex), 8)
            )
            ip = ipaddress.ip_address(raw)
            mapped = getattr(ip, "ipv4_mapped", None)
            found.append(str(mapped or ip))
    return found


def test_listens_on_loopback_only(own: Settings) -> None:
    localserver.start(own, log=lambda m: None)
    listening = _listening_addresses({own.neo4j_bolt_port, own.neo4j_http_port})
    assert len(listening) >= 2
    assert set(listening) == {"127.0.0.1"}
    # And from the outside: other addresses of this machine refuse the connection.
    for addr in _non_loopback_addresses():
        with socket.socket() as sock:
            sock.settimeout(2)
            assert sock.connect_ex((addr, own.neo4j_bolt_port)) != 0


def test_browser_is_served(own: Settings) -> None:
    localserver.start(own, log=lambda m: None)
    url = f"http://127.0.0.1:{own.neo4j_http_port}/browser/"
    with urllib.request.urlopen(url, timeout=10) as r:
        body = r.read().decode()
    assert r.status == 200 and "<title>Neo4j Browser</title>" in body


def test_data_survives_stop_start_and_stop_twice(own: Settings) -> None:
    localserver.start(own, log=lambda m: None)
    _run(own, "MERGE (n:Persisted {k: $k}) SET n.v = 42", k="survives")
    assert localserver.stop(own, log=lambda m: None) is True
    assert localserver.stop(own, log=lambda m: None) is False  # second stop: nothing to do
    assert localserver.running_pid(own) is None
    localserver.start(own, log=lambda m: None)
    assert _run(own, "MATCH (n:Persisted {k: 'survives'}) RETURN n.v AS v") == [{"v": 42}]


def test_start_after_kill_9(own: Settings) -> None:
    pid = localserver.start(own, log=lambda m: None)
    _run(own, "MERGE (n:Persisted {k: 'before-kill'})")
    os.kill(pid, signal.SIGKILL)
    for _ in range(100):
        if not localserver._is_our_server(pid):
            break
        time.sleep(0.1)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    # The pid file still names the dead process: detected as stale, and start recovers.
    assert localserver.layout(own).pid_file.exists()
    assert localserver.running_pid(own) is None
    new_pid = localserver.start(own, log=lambda m: None)
    assert new_pid != pid
    assert _run(own, "MATCH (n:Persisted {k: 'before-kill'}) RETURN count(n) AS c") == [{"c": 1}]


def test_cli_env_lets_a_driver_connect(own: Settings) -> None:
    localserver.start(own, log=lambda m: None)
    env = {
        **os.environ,
        "GEOKG_HOME": str(own.home),
        "GEOKG_NEO4J_BOLT_PORT": str(own.neo4j_bolt_port),
        "GEOKG_NEO4J_HTTP_PORT": str(own.neo4j_http_port),
    }
    env.pop("NEO4J_URI", None)
    env.pop("GEOKG_NEO4J_URI", None)
    script = (
        'eval "$(geokg neo4j env)" && '
        f'{sys.executable} -c "import os; from neo4j import GraphDatabase; '
        "d = GraphDatabase.driver(os.environ['NEO4J_URI'], "
        "auth=(os.environ['NEO4J_USER'], os.environ['NEO4J_PASSWORD'])); "
        "print(d.execute_query('RETURN 7 AS x', database_=os.environ['NEO4J_DATABASE'])"
        ".records[0]['x'])\""
    )
    out = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "7"


def test_start_failure_shows_log_tail(own: Settings, tmp_path: Path) -> None:
    # A heap larger than any machine makes the JVM exit at once: start must say so, with the log.
    bad = own.model_copy(
        update={
            "home": tmp_path / "bad",
            "neo4j_bolt_port": _free_port(),
            "neo4j_http_port": _free_port(),
            "neo4j_heap": "100000g",
        }
    )
    with pytest.raises(localserver.LocalServerError) as e:
        localserver.start(bad, log=lambda m: None)
    assert "exited during start-up" in str(e.value)
    assert "console.log" in str(e.value)


def test_missing_java_is_explained(own: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(localserver, "JVM_DIRS", ())
    with pytest.raises(localserver.LocalServerError, match="needs Java 17 or 21"):
        localserver.find_java(own.model_copy(update={"java_home": None}))
