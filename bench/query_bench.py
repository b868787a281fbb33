"""Query latency of the API under 16 concurrent clients, against the raw driver time of the same
Cypher, on a graph of at least --min-relationships relationships (synthetic GDELT is loaded
with `geokg load-gdelt` until the graph is big enough).

For each endpoint a fixed list of requests is drawn from the graph (hub entities and ordinary
ones). Each request is also run once in-process through the same service code the route calls
(graph.reader.Reader, graph.views_service.subgraph_of) with a recording session, which captures
the exact Cypher and parameters it sends, transaction by transaction. Then:

  api:  16 threads send the requests over HTTP to a `geokg serve` process;
  raw:  16 threads run the recorded Cypher of each request with the bare driver, the same
        queries in the same read transactions, in sessions opened like the API's.

Reported: p50/p95/p99 per endpoint for both, the API/raw ratio, and the API process' peak RSS
(VmHWM). Usage:

    python bench/query_bench.py [--min-relationships 1000000] [--requests 400] [--port 8765]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from neo4j import READ_ACCESS  # noqa: E402

from bench.gdelt_gen import generate  # noqa: E402
from graph.db import create_driver  # noqa: E402
from graph.reader import Reader  # noqa: E402
from graph.settings import get_settings  # noqa: E402
from graph.views_service import subgraph_of  # noqa: E402

CLIENTS = 16


# ------------------------------------------------------------------ recording the Cypher


Tx = list[tuple[str, dict[str, Any]]]  # the queries of one transaction


class _RecTx:
    def __init__(self, tx: Any, log: Tx) -> None:
        self._tx, self._log = tx, log

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kw: Any) -> Any:
        params = {**(parameters or {}), **kw}
        self._log.append((str(query), params))
        return self._tx.run(query, params)


class RecordingSession:
    """Enough of a Session for Reader and subgraph: records every transaction they run, as
    the list of its queries."""

    def __init__(self, session: Any) -> None:
        self._s = session
        self.log: list[Tx] = []

    def execute_read(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        queries: Tx = []
        self.log.append(queries)

        def wrapped(tx: Any, *a: Any, **k: Any) -> Any:
            queries.clear()  # a retried transaction is recorded once
            return fn(_RecTx(tx, queries), *a, **k)

        timeout = getattr(fn, "timeout", None)
        if timeout is not None:
            from neo4j import unit_of_work

            wrapped = unit_of_work(timeout=timeout)(wrapped)
        return self._s.execute_read(wrapped, *args, **kw)


# ------------------------------------------------------------------ helpers


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))
    return s[k]


def summary(xs: list[float]) -> dict[str, float]:
    return {
        "n": len(xs),
        "p50_ms": round(pct(xs, 50) * 1000, 1),
        "p95_ms": round(pct(xs, 95) * 1000, 1),
        "p99_ms": round(pct(xs, 99) * 1000, 1),
        "mean_ms": round(statistics.fmean(xs) * 1000, 1) if xs else float("nan"),
    }


def concurrent(fn: Callable[[Any], float], items: list[Any]) -> list[float]:
    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(fn, items))


def rel_count(driver: Any, db: str) -> int:
    recs, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n", database_=db)
    return recs[0]["n"]


def ensure_graph(driver: Any, db: str, minimum: int, workdir: Path, env: dict[str, str]) -> int:
    n = rel_count(driver, db)
    k = 0
    while n < minimum:
        k += 1
        f = workdir / f"202503{k:02d}000000.export.CSV"
        m = workdir / f"202503{k:02d}000000.mentions.CSV"
        if not f.exists():
            generate(
                f,
                100_000,
                mentions_out=m,
                start=__import__("datetime").datetime(2025, 3, k),
                days=1,
                dyadic=True,
                spread=0.3,
                seed=100 + k,
                first_id=3_000_000_000 + k * 1_000_000,
            )
        print(f"graph has {n:,} relationships; loading {f.name}", file=sys.stderr)
        subprocess.run(["geokg", "load-gdelt", str(f), "--mentions", str(m)], env=env, check=True)
        n = rel_count(driver, db)
    return n


def requests_for(driver: Any, db: str, n: int, seed: int) -> dict[str, list[tuple[str, dict]]]:
    """(path, query params) per endpoint, half on the busiest entities, half on random ones."""
    rng = random.Random(seed)
    recs, _, _ = driver.execute_query(
        "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, COUNT { (e)--() } AS deg "
        "ORDER BY deg DESC",
        database_=db,
    )
    ents = [r.data() for r in recs]
    hubs, rest = ents[:20], ents[20:] or ents
    pairs_recs, _, _ = driver.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.assertion IS NOT NULL "
        "WITH a.id AS a, b.id AS b, count(*) AS n RETURN a, b ORDER BY n DESC LIMIT 2000",
        database_=db,
    )
    pairs = [(r["a"], r["b"]) for r in pairs_recs]

    def pick() -> dict[str, Any]:
        return rng.choice(hubs) if rng.random() < 0.5 else rng.choice(rest)

    out: dict[str, list[tuple[str, dict]]] = {
        k: []
        for k in ("search", "entity_relations", "relations_between", "paths", "timeline", "graph")
    }
    for _ in range(n):
        e = pick()
        word = e["name"].split()[0][: max(4, len(e["name"].split()[0]) - 1)]
        out["search"].append(("/entities", {"q": word, "limit": 10}))
        out["entity_relations"].append((f"/entities/{e['id']}/relations", {"limit": 50}))
        a, b = rng.choice(pairs[:50]) if rng.random() < 0.5 else rng.choice(pairs)
        out["relations_between"].append(("/relations", {"a": a, "b": b, "limit": 100}))
        x, y = pick()["id"], pick()["id"]
        while y == x:
            y = pick()["id"]
        out["paths"].append(("/paths", {"from": x, "to": y, "max_hops": 3, "limit": 10}))
        out["timeline"].append((f"/entities/{e['id']}/timeline", {"limit": 100}))
        out["graph"].append(("/graph", {"entity": e["id"], "depth": 1}))
    return out


def session(driver: Any, db: str) -> Any:
    """A read session opened as the API opens its own (api.deps.get_read_session)."""
    return driver.session(
        database=db, default_access_mode=READ_ACCESS, notifications_min_severity="OFF"
    )


def record(driver: Any, db: str, timeout: float, endpoint: str, path: str, p: dict) -> list[Tx]:
    """The transactions one request runs, captured by calling the service code the route
    calls, in-process."""
    with session(driver, db) as s:
        rs = RecordingSession(s)
        reader = Reader(rs, timeout=timeout)  # type: ignore[arg-type]
        if endpoint == "search":
            reader.search_entities(p["q"], limit=p["limit"])
        elif endpoint == "entity_relations":
            reader.entity_relations(path.split("/")[2], limit=p["limit"])
        elif endpoint == "relations_between":
            reader.relations_between(p["a"], p["b"], limit=p["limit"])
        elif endpoint == "paths":
            reader.paths(p["from"], p["to"], max_hops=p["max_hops"], limit=p["limit"])
        elif endpoint == "timeline":
            reader.timeline(path.split("/")[2], limit=p["limit"])
        elif endpoint == "graph":
            subgraph_of(reader, p["entity"], depth=p["depth"])
        return rs.log


def _children(pid: int) -> list[int]:
    """Worker processes of a multi-worker `geokg serve` (uvicorn's supervisor forks them)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids = (task / "children").read_text().split()
        for k in map(int, kids):
            out += [k, *_children(k)]
    return out


def _peak_rss_mb(pids: list[int]) -> float | None:
    """Sum of the processes' peak RSS (VmHWM): the API's memory with all its workers."""
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        hwm = [ln for ln in status.splitlines() if ln.startswith("VmHWM")]
        total += int(hwm[0].split()[1]) if hwm else 0
    return round(total / 1024, 1) if total else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--min-relationships", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=400, help="per endpoint")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/geokg-bench"))
    ap.add_argument("--endpoints", default="", help="comma list; default all")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--api-workers", type=int, default=1, help="`geokg serve --workers`")
    a = ap.parse_args(argv)
    settings = get_settings()
    db = settings.neo4j_database
    a.workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    driver = create_driver(settings)
    n_rels = ensure_graph(driver, db, a.min_relationships, a.workdir, env)
    counts, _, _ = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH (c:Claim) RETURN count(c) AS claims } "
        "CALL () { MATCH (x:Assertion) RETURN count(x) AS assertions } "
        "RETURN nodes, claims, assertions",
        database_=db,
    )
    out: dict[str, Any] = {
        "graph": {"relationships": n_rels, **counts[0].data()},
        "clients": CLIENTS,
        "requests_per_endpoint": a.requests,
        "load_before": os.getloadavg(),
    }
    reqs = requests_for(driver, db, a.requests, seed=7)
    wanted = set(filter(None, a.endpoints.split(","))) or set(reqs)

    api = subprocess.Popen(
        ["geokg", "serve", "--no-neo4j", "--port", str(a.port), "--workers", str(a.api_workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{a.port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            print("the API did not come up", file=sys.stderr)
            return 1
        local = threading.local()

        def client() -> httpx.Client:
            if not hasattr(local, "c"):
                local.c = httpx.Client(base_url=base, timeout=60)
            return local.c

        results: dict[str, Any] = {}
        for endpoint in [e for e in reqs if e in wanted]:
            items = reqs[endpoint]
            errors: list[str] = []

            def call(item: tuple[str, dict], errors: list[str] = errors) -> float:
                t0 = time.perf_counter()
                r = client().get(item[0], params=item[1])
                dt = time.perf_counter() - t0
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {item}: {r.text[:200]}")
                return dt

            concurrent(call, items[:CLIENTS])  # warm-up: plans cached, connections open
            api_t = concurrent(call, items)
            logs = [record(driver, db, settings.query_timeout, endpoint, *it) for it in items]

            def raw(log: list[Tx]) -> float:
                t0 = time.perf_counter()
                with session(driver, db) as s:
                    for queries in log:
                        s.execute_read(
                            lambda tx, qs=queries: [[r for r in tx.run(q, p)] for q, p in qs]
                        )
                return time.perf_counter() - t0

            raw_t = concurrent(raw, logs)
            sa, sr = summary(api_t), summary(raw_t)
            results[endpoint] = {
                "api": sa,
                "raw_driver": sr,
                "queries_per_request": round(
                    statistics.fmean(sum(len(t) for t in x) for x in logs), 2
                ),
                "transactions_per_request": round(statistics.fmean(len(x) for x in logs), 2),
                "ratio_p50": round(sa["p50_ms"] / sr["p50_ms"], 2) if sr["p50_ms"] else None,
                "ratio_p99": round(sa["p99_ms"] / sr["p99_ms"], 2) if sr["p99_ms"] else None,
                "errors": len(errors),
                "first_errors": errors[:3],
            }
            print(endpoint, json.dumps(results[endpoint]), file=sys.stderr)
        out["endpoints"] = results
        out["api_workers"] = a.api_workers
        out["api_peak_rss_mb"] = _peak_rss_mb([api.pid, *_children(api.pid)])
    finally:
        api.terminate()
        api.wait(timeout=30)
        driver.close()
    out["load_after"] = os.getloadavg()
    text = json.dumps(out, indent=2, default=str)
    print(text)
    if a.json:
        a.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
