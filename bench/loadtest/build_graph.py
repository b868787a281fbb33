"""Fill the configured (managed) database with synthetic GDELT until it has at least N
relationships: the benchmark graph the load test runs on. Reuses bench/query_bench.py's
builder (100,000 dyadic events plus mentions per round, `geokg load-gdelt`). Adds to what is
there; wipe first with `--wipe` for a clean benchmark graph.

    python bench/loadtest/build_graph.py [--min-relationships 1000000] [--wipe]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench.query_bench import ensure_graph  # noqa: E402
from graph import schema  # noqa: E402
from graph.db import get_driver  # noqa: E402
from graph.settings import get_settings  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--min-relationships", type=int, default=1_000_000)
    ap.add_argument("--wipe", action="store_true", help="empty the database first")
    ap.add_argument("--workdir", type=Path, default=None, help="keep generated files here")
    args = ap.parse_args()
    settings = get_settings()
    db = settings.neo4j_database
    driver = get_driver(settings)
    if args.wipe:
        with driver.session(database=db) as s:
            s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    schema.apply(driver, db)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="geokg-loadtest-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    n = ensure_graph(driver, db, args.min_relationships, work, dict(os.environ))
    print(f"{n:,} relationships ({time.monotonic() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
