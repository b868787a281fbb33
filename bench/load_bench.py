"""Load throughput: geokg's loader vs. one transaction per event vs. Neo4j's LOAD CSV.

On one database, in one run, each method starting from an empty graph (schema kept):

  (a) `geokg load-gdelt FILE` as a subprocess: batched UNWIND, one transaction per batch;
      wall time of the whole command (start-up included) and its peak RSS;
  (b) naive: the very same per-event Cypher (graph.gdelt_writer.write_events_tx), one
      transaction per event, on the first --naive-events rows, then the same final
      re-aggregation of the assertions it marked (graph.gdelt_writer.aggregate_pending), as (a)
      does at the end of its run; the rate is scaled to the file;
  (c) LOAD CSV ... CALL {} IN TRANSACTIONS reading the same raw file from the server's import
      folder, with the same MERGE semantics (same nodes, relationships and properties; the
      CAMEO->PLOVER, actor and FIPS tables are passed as parameters), then the same
      re-aggregation of every assertion (graph.gdelt_writer.aggregate_tx, the code (a) runs).

(a) and (c) must give the same graph: the script compares node, relationship, claim and
assertion counts and property checksums (CHECKSUMS below) and exits 1 if they differ.

Needs the managed server (its import folder is <GEOKG_HOME>/neo4j/import) or --import-dir.

    python bench/load_bench.py --events 200000 [--naive-events 5000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, LiteralString

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.gdelt_gen import generate  # noqa: E402
from graph import identity, schema, vocab  # noqa: E402
from graph.db import create_driver  # noqa: E402
from graph.gdelt_writer import (  # noqa: E402
    ORG_TYPES,
    ActorResolver,
    Batch,
    _country_entity,
    _org_entity,
    add_event,
    aggregate_pending,
    aggregate_tx,
    write_events_tx,
)
from graph.settings import get_settings  # noqa: E402
from graph.vocab import Relation  # noqa: E402
from loaders.gdelt import read_events  # noqa: E402

WIPE: LiteralString = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
COUNTS: LiteralString = """
CALL () { MATCH (n) RETURN 'nodes' AS k, count(*) AS c
          UNION ALL MATCH ()-[r]->() RETURN 'relationships' AS k, count(*) AS c
          UNION ALL MATCH (c:Claim) RETURN 'claims' AS k, count(*) AS c
          UNION ALL MATCH (a:Assertion) RETURN 'assertions' AS k, count(*) AS c }
RETURN k, c
"""

# (c): the loader's semantics in one LOAD CSV statement. Columns by index (GDELT has no header);
# empty fields arrive as null. Entities/relations/locations come from parameter tables built
# by the same Python code the loader uses, so both methods resolve codes identically. Empty
# fields and empty lists are not stored, as the loader does.
LOAD_CSV: LiteralString = """
LOAD CSV FROM $url AS r FIELDTERMINATOR '\t'
WITH r,
     $actors[coalesce(r[7], '') + '|' + CASE WHEN r[12] IN $org_types THEN r[12] ELSE '' END]
       AS a1,
     $actors[coalesce(r[17], '') + '|' + CASE WHEN r[22] IN $org_types THEN r[22] ELSE '' END]
       AS a2,
     coalesce($cameo[r[26]], $cameo[left(r[26], 3)], $cameo[left(r[26], 2)]) AS m
WHERE r[5] IS NOT NULL AND r[15] IS NOT NULL AND a1 IS NOT NULL AND a2 IS NOT NULL
  AND a1.id <> a2.id AND m IS NOT NULL
CALL (r, a1, a2, m) {
  UNWIND [a1, a2] AS ent
  MERGE (ce:Entity {id: ent.country.id})
  ON CREATE SET ce:Country, ce.type = 'country', ce.name = ent.country.name,
                ce.aliases = ent.country.aliases, ce.names_text = ent.country.names_text,
                ce += ent.country.props
  WITH r, a1, a2, m, ent, ce
  CALL (ent, ce) {
    WITH * WHERE ent.org IS NOT NULL
    MERGE (o:Entity {id: ent.org.id})
    ON CREATE SET o:Organization, o.type = 'organization', o.name = ent.org.name,
                  o.aliases = ent.org.aliases, o.names_text = ent.org.names_text,
                  o += ent.org.props
    MERGE (o)-[af:AFFILIATED_WITH]->(ce)
    ON CREATE SET af.source = 'cameo-actor-code'
  }
  WITH r, a1, a2, m, count(*) AS _
  WITH r, a1, a2, m, 'gdelt-url:' + r[60] AS art_id,
       substring(r[59], 0, 4) + '-' + substring(r[59], 4, 2) + '-' + substring(r[59], 6, 2)
         AS published,
       a1.id + '|' + m.relation + '|' + a2.id + '|' + coalesce(m.mode, '') AS as_id
  MERGE (ar:Article {id: art_id})
  ON CREATE SET ar.url = r[60], ar.published = published, ar.origin = 'gdelt',
                ar.language = 'en', ar.loaded_at = datetime.transaction()
  WITH *, split(split(r[60], '/')[2], ':')[0] AS host
  WITH *, CASE WHEN host STARTS WITH 'www.' THEN substring(host, 4) ELSE host END AS host
  SET ar.publisher = host
  MERGE (p:Publisher {id: replace(host, '.', '-')})
  ON CREATE SET p.name = host
  MERGE (ar)-[:PUBLISHED_BY]->(p)
  MERGE (x:Assertion {id: as_id})
  ON CREATE SET x.relation = m.relation, x.mode = m.mode, x.subject = a1.id,
                x.object = a2.id, x.quad = m.quad, x.score = m.score
  WITH r, m, ar, x, published
  MATCH (s:Entity {id: x.subject}), (o:Entity {id: x.object})
  MERGE (x)-[:SUBJECT]->(s)
  MERGE (x)-[:OBJECT]->(o)
  MERGE (c:Claim {id: 'gdelt:' + r[0]})
  ON CREATE SET c.status = 'reported', c.attribution = 'article', c.source = 'gdelt',
    c.date = substring(r[1], 0, 4) + '-' + substring(r[1], 4, 2) + '-' + substring(r[1], 6, 2),
    c.published = published, c.article = ar.id, c.context = m.contexts,
    c.cameo = r[26], c.cameo_base = r[27], c.cameo_root = r[28], c.is_root_event = r[25] = '1',
    c.quad_class = toInteger(r[29]), c.goldstein = toFloat(r[30]),
    c.num_mentions = toInteger(r[31]), c.num_sources = toInteger(r[32]),
    c.num_articles = toInteger(r[33]), c.avg_tone = toFloat(r[34]),
    c.date_added = substring(r[59], 0, 4) + '-' + substring(r[59], 4, 2) + '-'
      + substring(r[59], 6, 2) + 'T' + substring(r[59], 8, 2) + ':' + substring(r[59], 10, 2)
      + ':' + substring(r[59], 12, 2) + 'Z',
    c.location_name = r[52], c.location_type = toInteger(r[51]),
    c.location_fips = r[53], c.location_country = $fips[coalesce(r[53], '')],
    c.location_adm1 = r[54], c.location_lat = toFloat(r[56]), c.location_lon = toFloat(r[57]),
    c.location_feature_id = r[58],
    c.actor1_code = r[5], c.actor1_name = r[6], c.actor1_country = r[7],
    c.actor1_types = CASE WHEN coalesce(r[12], r[13], r[14]) IS NULL THEN null
      ELSE [t IN [r[12], r[13], r[14]] WHERE t IS NOT NULL] END,
    c.actor1_known_group = r[8], c.actor1_ethnic = r[9],
    c.actor1_religion = CASE WHEN coalesce(r[10], r[11]) IS NULL THEN null
      ELSE [t IN [r[10], r[11]] WHERE t IS NOT NULL] END,
    c.actor2_code = r[15], c.actor2_name = r[16], c.actor2_country = r[17],
    c.actor2_types = CASE WHEN coalesce(r[22], r[23], r[24]) IS NULL THEN null
      ELSE [t IN [r[22], r[23], r[24]] WHERE t IS NOT NULL] END,
    c.actor2_known_group = r[18], c.actor2_ethnic = r[19],
    c.actor2_religion = CASE WHEN coalesce(r[20], r[21]) IS NULL THEN null
      ELSE [t IN [r[20], r[21]] WHERE t IS NOT NULL] END,
    c.loaded_at = datetime.transaction()
  MERGE (c)-[:ABOUT]->(x)
  MERGE (c)-[src:SOURCE]->(ar)
  ON CREATE SET src.primary = true
} IN TRANSACTIONS OF $batch ROWS
"""

ALL_ASSERTIONS: LiteralString = "MATCH (a:Assertion) RETURN a.id AS id ORDER BY id"

# Sums over properties that (a) and (c) must agree on (ids of articles differ: LOAD CSV cannot
# hash URLs, so its article keys are the URLs themselves; everything else is the same).
CHECKSUMS: LiteralString = """
CALL () {
  MATCH (a:Assertion)
  RETURN sum(a.claim_count) AS assertion_claims, sum(a.source_count) AS assertion_sources,
         count(a.status) AS assertion_status, sum(size(keys(a))) AS assertion_props,
         sum(toInteger(replace(a.first_seen, '-', '')) % 1000
             + toInteger(replace(a.last_seen, '-', '')) % 1000) AS assertion_dates,
         count(CASE WHEN a:AggregatePending THEN 1 END) AS assertions_pending
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity) WHERE r.assertion IS NOT NULL
  RETURN count(r) AS browsing_edges, sum(r.claims) AS browsing_claims,
         sum(r.sources) AS browsing_sources
}
CALL () {
  MATCH (c:Claim)
  RETURN sum(size(keys(c))) AS claim_props, round(sum(c.goldstein), 3) AS claim_goldstein,
         round(sum(c.avg_tone), 3) AS claim_tone, sum(c.num_mentions) AS claim_mentions,
         round(sum(c.location_lat), 3) AS claim_lat, count(c.location_country) AS claim_loc_country,
         sum(coalesce(size(c.actor1_types), 0) + coalesce(size(c.actor2_types), 0)) AS claim_types,
         sum(size(c.context)) AS claim_contexts, count(c.actor1_religion) AS claim_religion,
         sum(toInteger(c.cameo)) AS claim_cameo
}
CALL () {
  MATCH (ar:Article)
  RETURN sum(size(keys(ar))) AS article_props, count(ar.publisher) AS article_publishers
}
RETURN *
"""


def peak_rss_mb_children() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def tables() -> dict[str, Any]:
    """The lookup tables for (c), from the loader's own resolution code."""
    actors: dict[str, Any] = {}
    countries = {e.key for e in identity.gazetteer() if e.type.value == "country"}
    codes = countries | set(identity.CAMEO_TO_ISO3)
    for code in codes:
        iso3 = identity.cameo_country_to_iso3(code)
        if iso3 is None:
            continue
        country = _country_entity(iso3).row
        actors[f"{code}|"] = {"id": iso3, "country": country, "org": None}
        for t in ORG_TYPES:
            org = _org_entity(iso3, t).row
            actors[f"{code}|{t}"] = {"id": org["id"], "country": country, "org": org}
    cameo: dict[str, Any] = {}
    for code in vocab.cameo_table():
        m = vocab.from_cameo(code)
        assert m is not None
        rel = Relation(m.relation)
        cameo[code] = {
            "relation": rel.value,
            "mode": m.mode,
            "quad": vocab.quad_code(rel),
            "score": vocab.score(rel, m.mode),
            "contexts": list(m.contexts) or None,  # an empty list is not stored
        }
    fips = {k: v for k, v in identity.fips_codes().items() if v}
    return {
        "actors": actors,
        "cameo": cameo,
        "fips": fips,
        "org_types": list(ORG_TYPES),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--naive-events", type=int, default=5000)
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/geokg-bench"))
    ap.add_argument("--import-dir", type=Path, default=None)
    ap.add_argument("--skip", default="", help="comma list of a,b,c to skip")
    ap.add_argument(
        "--c-batch-size",
        type=int,
        default=None,
        help="rows per transaction for LOAD CSV (default --batch-size; 10,000 exceeds a 2 GB "
        "transaction memory pool with these MERGEs)",
    )
    ap.add_argument("--repeat", type=int, default=1, help="runs of a and c, alternating")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args(argv)
    skip = set(filter(None, a.skip.split(",")))
    c_batch = a.c_batch_size or a.batch_size

    settings = get_settings()
    db = settings.neo4j_database
    import_dir = a.import_dir or settings.home / "neo4j" / "import"
    a.workdir.mkdir(parents=True, exist_ok=True)
    src = a.workdir / f"20250101000000.bench{a.events}.export.CSV"
    if not src.exists():
        print(f"generating {a.events:,} events -> {src}", file=sys.stderr)
        generate(
            src,
            a.events,
            mentions_out=None,
            start=__import__("datetime").datetime(2025, 1, 1),
            days=30,
            dyadic=True,
            spread=0.3,
            seed=42,
            first_id=1_000_000_000,
        )
    driver = create_driver(settings)
    schema.apply(driver, db)

    def fresh() -> None:
        with driver.session(database=db) as s:
            s.run(WIPE).consume()

    def counts() -> dict[str, int]:
        recs, _, _ = driver.execute_query(COUNTS, database_=db)
        return {r["k"]: r["c"] for r in recs}

    def checksums() -> dict[str, Any]:
        recs, _, _ = driver.execute_query(CHECKSUMS, database_=db)
        return recs[0].data()

    out: dict[str, Any] = {
        "file": str(src),
        "events_in_file": a.events,
        "batch_size": a.batch_size,
        "c_batch_size": a.c_batch_size or a.batch_size,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_before": os.getloadavg(),
        },
    }
    info, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN *", database_=db
    )
    out["neo4j"] = [r.data() for r in info]
    mem, _, _ = driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'server.memory.' "
        "RETURN name, value",
        database_=db,
    )
    out["neo4j_memory"] = {r["name"]: r["value"] for r in mem}

    def run_a() -> dict[str, Any]:
        fresh()
        geokg = shutil.which("geokg") or "geokg"
        cmd = [geokg, "load-gdelt", str(src), "--batch-size", str(a.batch_size)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        secs = time.perf_counter() - t0
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            raise SystemExit(1)
        c = counts()
        res = {
            "command": " ".join(cmd),
            "seconds": round(secs, 2),
            "events_loaded": c["claims"],
            "events_per_s": round(c["claims"] / secs, 1),
            "rows_per_s": round(a.events / secs, 1),
            "peak_rss_mb": round(peak_rss_mb_children(), 1),
            "graph": c,
            "checksums": checksums(),
        }
        print("a", res, file=sys.stderr)
        return res

    def run_c() -> dict[str, Any]:
        fresh()
        import_dir.mkdir(parents=True, exist_ok=True)
        target = import_dir / src.name
        shutil.copyfile(src, target)
        params = tables()
        t0 = time.perf_counter()
        with driver.session(database=db) as s:
            s.run(LOAD_CSV, url=f"file:///{src.name}", batch=c_batch, **params).consume()
            t_load = time.perf_counter() - t0
            ids = [r["id"] for r in s.run(ALL_ASSERTIONS)]
            for i in range(0, len(ids), c_batch):
                s.execute_write(aggregate_tx, ids[i : i + c_batch])
        secs = time.perf_counter() - t0
        c = counts()
        target.unlink()
        res = {
            "seconds": round(secs, 2),
            "load_csv_seconds": round(t_load, 2),
            "aggregate_seconds": round(secs - t_load, 2),
            "events_loaded": c["claims"],
            "events_per_s": round(c["claims"] / secs, 1),
            "graph": c,
            "checksums": checksums(),
        }
        print("c", res, file=sys.stderr)
        return res

    runs: dict[str, list[dict[str, Any]]] = {"a": [], "c": []}
    # a and c alternate, --repeat times: other load on the machine then hits both alike
    for _ in range(a.repeat):
        if "a" not in skip:
            runs["a"].append(run_a())
        if "c" not in skip:
            runs["c"].append(run_c())
    for k, rs in runs.items():
        if rs:
            best = sorted(rs, key=lambda r: r["events_per_s"])[len(rs) // 2]  # the median run
            out[k] = {**best, "all_events_per_s": [r["events_per_s"] for r in rs]}

    # ---------------------------------------------------------------- (b)
    if "b" not in skip:
        fresh()
        resolver = ActorResolver()
        singles = []
        for i, ev in enumerate(read_events(src)):
            if i >= a.naive_events:
                break
            b = Batch()
            if add_event(b, ev, resolver) is None:
                singles.append(b.params())
        t0 = time.perf_counter()
        with driver.session(database=db) as s:
            for p in singles:
                s.execute_write(write_events_tx, p)
        t_agg = time.perf_counter()
        aggregated = aggregate_pending(driver, db)
        secs = time.perf_counter() - t0
        c = counts()
        eps = len(singles) / secs
        out["b"] = {
            "prefix_rows": a.naive_events,
            "events_loaded": len(singles),
            "seconds": round(secs, 2),
            "aggregate_seconds": round(time.perf_counter() - t_agg, 2),
            "assertions_aggregated": aggregated,
            "events_per_s": round(eps, 1),
            "scaled_seconds_for_file": round(out.get("a", {}).get("events_loaded", 0) / eps, 1),
            "graph": c,
        }
        print("b", out["b"], file=sys.stderr)

    if "a" in out and "b" in out:
        out["ratio_a_over_b"] = round(out["a"]["events_per_s"] / out["b"]["events_per_s"], 1)
    if "a" in out and "c" in out:
        out["ratio_a_over_c"] = round(out["a"]["events_per_s"] / out["c"]["events_per_s"], 2)
    # (a) and (c): the same graph, run after run
    graphs = [(r["graph"], r["checksums"]) for k in ("a", "c") for r in runs[k]]
    if len(graphs) > 1:
        out["same_graph_a_c"] = all(g == graphs[0] for g in graphs)
    out["machine"]["load_after"] = os.getloadavg()
    driver.close()
    text = json.dumps(out, indent=2, default=str)
    print(text)
    if a.json:
        a.json.write_text(text + "\n")
    if out.get("same_graph_a_c") is False:
        print("ERROR: (a) and (c) produced different graphs (see graph/checksums)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
