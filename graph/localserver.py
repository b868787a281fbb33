"""The managed local Neo4j Community server.

Neo4j's tarball is not on Maven Central, but the server is: the transitive closure of
`org.neo4j:neo4j` holds kernel, Cypher, Bolt, Jetty and the entry point, and the Browser jar
serves `/browser/` from the classpath. We let Maven copy those jars into a cache folder once,
check each against a lock file of SHA-256 sums, and run the entry point with `java` ourselves.

Verified on this project's machines (Neo4j 5.26.30, OpenJDK 17.0.15, 2 cores):
- main class `org.neo4j.server.CommunityEntryPoint`, args `--home-dir` and `--config-dir`;
- `server.jvm.additional` / heap settings in neo4j.conf are ignored when the entry point is
  started directly, so the JVM flags below are passed on the command line;
- the initial password is set with `org.neo4j.cli.AdminTool dbms set-initial-password`, which
  needs `NEO4J_HOME`/`NEO4J_CONF` in its environment;
- a single server refuses writes inside a READ-mode transaction
  (Neo.ClientError.Statement.AccessMode).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph.settings import Settings

NEO4J_VERSION = "5.26.30"
BROWSER_VERSION = "5.24.0"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
SUPPORTED_JAVA = (17, 21)
JVM_DIRS = (Path("/usr/lib/jvm"),)  # where Debian and most distributions install JDKs
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Dfile.encoding=UTF-8",
]


class LocalServerError(RuntimeError):
    """Anything that stops the managed server from being installed or run; message is for users."""


@dataclass(frozen=True)
class Layout:
    """Where the managed server keeps its files."""

    lib: Path  # shared, read-only install (cache)
    home: Path  # per-instance state: conf, data, logs, pid, password

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"


def layout(settings: Settings) -> Layout:
    return Layout(
        lib=settings.cache_dir / f"neo4j-community-{NEO4J_VERSION}" / "lib",
        home=settings.home / "neo4j",
    )


# ---------------------------------------------------------------- java and maven


def _java_major(java: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30
        ).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 and m.group(2) else major


def find_java(settings: Settings) -> Path:
    """A Java 17 or 21 runtime: GEOKG_JAVA_HOME, JAVA_HOME, PATH, then /usr/lib/jvm."""
    candidates: list[Path] = []
    for home in (settings.java_home, os.environ.get("JAVA_HOME")):
        if home:
            candidates.append(Path(home) / "bin" / "java")
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path))
    for jvm in JVM_DIRS:
        if jvm.is_dir():
            candidates.extend(sorted(jvm.glob("*/bin/java")))
    seen: list[str] = []
    for java in candidates:
        if not java.exists():
            continue
        major = _java_major(java)
        seen.append(f"{java} (Java {major})")
        if major in SUPPORTED_JAVA:
            return java
    found = "; ".join(seen) or "none"
    raise LocalServerError(
        f"Neo4j {NEO4J_VERSION} needs Java 17 or 21; found: {found}. "
        "Install one (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`) or point "
        "GEOKG_JAVA_HOME at it, or set NEO4J_URI to use a Neo4j server you already have."
    )


def _lock_file() -> Path:
    return Path(str(resources.files("graph") / "neo4j_dist" / f"neo4j-{NEO4J_VERSION}.lock"))


def _read_lock() -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in _lock_file().read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, digest = line.split()
            entries[name] = digest
    return entries


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_lib(lib: Path) -> list[str]:
    """Problems with an installed lib/ folder against the lock file; empty when it matches."""
    lock = _read_lock()
    present = {p.name for p in lib.glob("*.jar")}
    problems = [f"missing {n}" for n in sorted(set(lock) - present)]
    problems += [f"unexpected {n}" for n in sorted(present - set(lock))]
    for name in sorted(set(lock) & present):
        if _sha256(lib / name) != lock[name]:
            problems.append(f"checksum mismatch {name}")
    return problems


def is_installed(settings: Settings) -> bool:
    lib = layout(settings).lib
    return (lib / ".verified").exists()


def install(settings: Settings, *, log=print) -> Layout:
    """Fetch the server jars once into the cache and prepare the instance folder."""
    lay = layout(settings)
    if not is_installed(settings):
        _fetch_jars(settings, lay.lib, log=log)
    init_instance(settings, log=log)
    return lay


def _fetch_jars(settings: Settings, lib: Path, *, log=print) -> None:
    mvn = shutil.which("mvn")
    if not mvn:
        raise LocalServerError(
            "Maven (`mvn`) is needed once to fetch Neo4j's jars from Maven Central and was not "
            "found on PATH. Install it (Debian/Ubuntu: `apt-get install maven`), or set NEO4J_URI "
            "to use a Neo4j server you already have."
        )
    java = find_java(settings)
    pom = Path(str(resources.files("graph") / "neo4j_dist" / "pom.xml"))
    lib.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="lib-", dir=lib.parent))
    log(f"Fetching Neo4j Community {NEO4J_VERSION} + Browser {BROWSER_VERSION} with Maven…")
    env = {**os.environ, "JAVA_HOME": str(java.parent.parent)}
    proc = subprocess.run(
        [
            mvn,
            "-B",
            "-q",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={tmp}",
            "-DincludeScope=runtime",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-15:])
        raise LocalServerError(
            "Maven could not fetch Neo4j's jars (is Maven Central reachable, or a mirror set in "
            f"~/.m2/settings.xml?). Last lines from mvn:\n{tail}"
        )
    problems = verify_lib(tmp)
    if problems:
        shutil.rmtree(tmp, ignore_errors=True)
        raise LocalServerError(
            "Fetched jars do not match the lock file "
            f"({_lock_file().name}): " + "; ".join(problems[:10])
        )
    (tmp / ".verified").write_text(f"neo4j {NEO4J_VERSION}\nbrowser {BROWSER_VERSION}\n")
    if lib.exists():
        shutil.rmtree(lib)
    tmp.rename(lib)  # atomic: a half-fetched lib/ never looks installed
    log(f"Installed into {lib}")


# ---------------------------------------------------------------- instance


def read_password(settings: Settings) -> str | None:
    pw = layout(settings).password_file
    return pw.read_text().strip() if pw.exists() else None


def new_password(length: int = 32) -> str:
    # Letters and digits only: a token_urlsafe password starts with '-' one time in 64, and the
    # admin tool then reads it as an option ("Missing required parameter: '<password>'").
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


def init_instance(settings: Settings, *, log=print) -> None:
    """Create conf/data/logs and, on first use, a random password set before the first start."""
    lay = layout(settings)
    for d in (lay.conf_dir, lay.data_dir, lay.logs_dir):
        d.mkdir(parents=True, exist_ok=True)
    os.chmod(lay.home, 0o700)
    write_conf(settings)
    if lay.password_file.exists():
        return
    if (lay.data_dir / "dbms" / "auth.ini").exists() or (lay.data_dir / "databases").exists():
        raise LocalServerError(
            f"{lay.data_dir} holds a database but {lay.password_file} is missing; "
            "remove the data folder to start afresh or restore the password file."
        )
    password = new_password()
    proc = subprocess.run(
        [
            str(find_java(settings)),
            "-cp",
            _classpath(lay),
            ADMIN_CLASS,
            "dbms",
            "set-initial-password",
            password,
        ],
        capture_output=True,
        text=True,
        env=_server_env(lay),
    )
    if proc.returncode != 0:
        raise LocalServerError(f"Could not set the initial password: {proc.stderr.strip()}")
    fd = os.open(lay.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(password + "\n")
    log(f"Generated a password for user 'neo4j' in {lay.password_file} (mode 0600)")


def write_conf(settings: Settings) -> None:
    lay = layout(settings)
    s = settings
    lines = [
        "# Written by geokg on every start; edit GEOKG_* settings instead.",
        "server.default_listen_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{s.neo4j_bolt_port}",
        f"server.bolt.advertised_address=127.0.0.1:{s.neo4j_bolt_port}",
        f"server.http.listen_address=127.0.0.1:{s.neo4j_http_port}",
        f"server.http.advertised_address=127.0.0.1:{s.neo4j_http_port}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.memory.pagecache.size={s.neo4j_pagecache}",
        f"server.directories.data={lay.data_dir}",
        f"server.directories.logs={lay.logs_dir}",
        f"server.directories.run={lay.home}",
        "server.directories.import=" + str(lay.home / "import"),
        "dbms.security.allow_csv_import_from_file_urls=true",
        "db.tx_log.rotation.retention_policy=2 files",
    ]
    lines += [f"{k}={v}" for k, v in browser_settings(settings).items()]
    (lay.home / "import").mkdir(parents=True, exist_ok=True)
    (lay.conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n")


def browser_settings(settings: Settings) -> dict[str, str]:
    """Neo4j Browser settings: load geokg's guide and style after connecting (from the API).

    Browser 5.24 compares only the host name (no port) against the allow-list, and runs each
    `;`-separated post-connect command.
    """
    api = f"http://127.0.0.1:{settings.api_port}"
    return {
        "browser.remote_content_hostname_whitelist": "127.0.0.1",
        "browser.post_connect_cmd": f"style {api}/browser/style.grass; play {api}/browser/guide",
    }


def _classpath(lay: Layout) -> str:
    return f"{lay.conf_dir}:{lay.lib}/*"


def _server_env(lay: Layout) -> dict[str, str]:
    return {**os.environ, "NEO4J_HOME": str(lay.home), "NEO4J_CONF": str(lay.conf_dir)}


# ---------------------------------------------------------------- process control


def _read_pid(lay: Layout) -> int | None:
    try:
        return int(lay.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _is_our_server(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True  # no /proc: trust the pid
    return MAIN_CLASS in cmdline


def running_pid(settings: Settings) -> int | None:
    """The pid of the managed server if it runs; removes a stale pid file."""
    lay = layout(settings)
    pid = _read_pid(lay)
    if pid is None:
        return None
    if _is_our_server(pid):
        return pid
    lay.pid_file.unlink(missing_ok=True)
    return None


def _port_open(port: int) -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def bolt_uri(settings: Settings) -> str:
    return f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"


def _bolt_ready(settings: Settings, password: str) -> bool:
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

    try:
        with GraphDatabase.driver(
            bolt_uri(settings), auth=(settings.neo4j_user, password), connection_timeout=3
        ) as d:
            d.execute_query("RETURN 1", database_=settings.neo4j_database)
        return True
    except (ServiceUnavailable, SessionExpired, OSError, Neo4jError):
        return False


def log_tail(settings: Settings, lines: int = 40) -> str:
    lay = layout(settings)
    out: list[str] = []
    for f in (lay.logs_dir / "neo4j.log", lay.console_log):
        if f.exists() and f.stat().st_size:
            out += [f"--- {f}", *f.read_text(errors="replace").splitlines()[-lines:]]
    return "\n".join(out)


def start(settings: Settings, *, log=print) -> int:
    """Start the server and return its pid once Bolt answers; a no-op when already up."""
    lay = install(settings, log=log)
    password = read_password(settings)
    assert password is not None
    pid = running_pid(settings)
    if pid is not None:
        if _bolt_ready(settings, password):
            return pid
        return _wait_ready(settings, pid, password)
    for port in (settings.neo4j_bolt_port, settings.neo4j_http_port):
        if _port_open(port):
            raise LocalServerError(
                f"Port {port} on 127.0.0.1 is taken by another process; stop it or choose other "
                "ports with GEOKG_NEO4J_BOLT_PORT / GEOKG_NEO4J_HTTP_PORT."
            )
    write_conf(settings)
    java = find_java(settings)
    cmd = [
        str(java),
        f"-Xms{settings.neo4j_heap}",
        f"-Xmx{settings.neo4j_heap}",
        *JVM_FLAGS,
        "-cp",
        _classpath(lay),
        MAIN_CLASS,
        f"--home-dir={lay.home}",
        f"--config-dir={lay.conf_dir}",
    ]
    with lay.console_log.open("ab") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=_server_env(lay),
            start_new_session=True,
            cwd=lay.home,
        )
    lay.pid_file.write_text(f"{proc.pid}\n")
    log(f"Starting Neo4j {NEO4J_VERSION} (pid {proc.pid}) on {bolt_uri(settings)} …")
    return _wait_ready(settings, proc.pid, password, proc=proc)


def _wait_ready(
    settings: Settings, pid: int, password: str, proc: subprocess.Popen | None = None
) -> int:
    deadline = time.monotonic() + settings.neo4j_start_timeout
    while time.monotonic() < deadline:
        alive = proc.poll() is None if proc else _is_our_server(pid)
        if not alive:
            layout(settings).pid_file.unlink(missing_ok=True)
            raise LocalServerError(
                f"Neo4j exited during start-up. Server log:\n{log_tail(settings)}"
            )
        if _port_open(settings.neo4j_bolt_port) and _bolt_ready(settings, password):
            return pid
        time.sleep(0.5)
    raise LocalServerError(
        f"Neo4j did not answer on Bolt within {settings.neo4j_start_timeout:.0f}s "
        f"(pid {pid} still running; `geokg neo4j stop` ends it). Server log:\n"
        f"{log_tail(settings)}"
    )


def stop(settings: Settings, *, timeout: float = 90.0, log=print) -> bool:
    """Stop the server cleanly (SIGTERM, then SIGKILL after timeout). False if it was not up."""
    lay = layout(settings)
    pid = running_pid(settings)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _is_our_server(pid):
            break
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.2)
    else:
        log(f"Neo4j (pid {pid}) did not stop within {timeout:.0f}s; killing it")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    lay.pid_file.unlink(missing_ok=True)
    return True


@dataclass(frozen=True)
class Status:
    installed: bool
    pid: int | None
    bolt_ready: bool
    uri: str
    browser_url: str
    home: Path
    lib: Path


def status(settings: Settings) -> Status:
    lay = layout(settings)
    pid = running_pid(settings)
    pw = read_password(settings)
    return Status(
        installed=is_installed(settings),
        pid=pid,
        bolt_ready=bool(pid and pw and _bolt_ready(settings, pw)),
        uri=bolt_uri(settings),
        browser_url=f"http://127.0.0.1:{settings.neo4j_http_port}/browser/",
        home=lay.home,
        lib=lay.lib,
    )
