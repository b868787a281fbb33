"""GDELT 2.0 events and mentions into the claim layer, in batches.

Each event becomes a `reported` Claim `gdelt:<GLOBALEVENTID>` about the Assertion
(subject, PLOVER relation, object, mode), with a primary SOURCE edge to the Article of its
SOURCEURL; each mention of a loaded event adds a SOURCE edge to the mentioning article. One
managed write transaction per batch: a read of which claims and articles exist, then only the
new nodes (entities, publishers, articles, assertions, labelled `:AggregatePending`), then the
new claims and their edges. The aggregates of pending assertions are recomputed once at the end
of the run (`aggregate_pending`; docs/gdelt.md, "Aggregates"). Every key is deterministic, so a
batch, a file, or a killed load can be run again with no duplicates.

How actors become entities (docs/gdelt.md):
- the CAMEO actor country code (not the FIPS geo code) gives the country, mapped to ISO3 by
  `graph.identity.cameo_country_to_iso3` (ROM->ROU, ...); regions (AFR, EUR, ...) are no country;
- a government actor (type GOV, or no type) is the country itself: the government acts for
  the state, and this is how article facts name states ("Russia signed ..."), so a GDELT event
  and an article fact about the same two states meet on one assertion;
- an actor whose first type code is another state organ or an armed group (MIL, COP, JUD, LEG,
  SPY, REB, INS, SEP, UAF) is that country's organisation, e.g. RUS+MIL -> `rus-military`
  "Russian armed forces", AFFILIATED_WITH Russia; any other actor of a country (business,
  media, civilians, ...) is not one body and stands for its country;
- ethnic, religious, known-group and type codes stay on the claim as properties;
- an event without two usable, different actors is skipped with a counted reason.
"""

from __future__ import annotations

import re
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError, ServiceUnavailable, SessionExpired, TransientError

from graph import identity, vocab
from graph.cypher import gdelt as q
from graph.cypher import write as w
from graph.errors import InvalidInput, Unavailable
from graph.keys import assertion_key, slug, url_article_key
from graph.model import OrgKind
from graph.vocab import Relation
from loaders.gdelt import Actor, Event, Mention, ParseReport, Place, read_events, read_mentions

DEFAULT_BATCH = 5000
# Assertions per re-aggregation transaction.
DEFAULT_AGGREGATE_CHUNK = 5000
# Loaded events after which a long run re-aggregates what it marked so far (bounds the lag).
DEFAULT_AGGREGATE_EVERY = 1_000_000

# CAMEO type code -> (key suffix, kind, English noun). State organs other than the government
# itself, and armed groups: each acts as one body of its country. GOV is the country (see the
# module doc); businesses, media, civilians etc. are not one organisation, so such actors stand
# for their country. Every type code stays on the claim (actor1_types, actor2_types).
ORG_TYPES: dict[str, tuple[str, OrgKind, str]] = {
    "MIL": ("military", OrgKind.MILITARY, "armed forces"),
    "COP": ("police", OrgKind.GOVERNMENT, "police"),
    "JUD": ("judiciary", OrgKind.GOVERNMENT, "judiciary"),
    "LEG": ("legislature", OrgKind.GOVERNMENT, "legislature"),
    "SPY": ("intelligence", OrgKind.GOVERNMENT, "intelligence services"),
    "REB": ("rebels", OrgKind.ARMED_GROUP, "rebels"),
    "INS": ("insurgents", OrgKind.ARMED_GROUP, "insurgents"),
    "SEP": ("separatists", OrgKind.ARMED_GROUP, "separatists"),
    "UAF": ("armed-groups", OrgKind.ARMED_GROUP, "unaligned armed groups"),
}


# ------------------------------------------------------------------ results


@dataclass
class LoadStats:
    files: int = 0
    rows: int = 0
    loaded: int = 0
    malformed: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, reason)
    # (file, reason): files refused or cut short as a whole (bad zip, damaged); the run goes on
    failed_files: list[tuple[str, str]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    mention_rows: int = 0
    mentions_attached: int = 0
    mentions_unmatched: int = 0
    batches: int = 0
    created: int = 0  # claims new to the graph (loaded counts existing ones too)
    aggregated: int = 0  # assertions re-aggregated at the end (or every aggregate_every)
    aggregate_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def events_per_second(self) -> float:
        return self.loaded / self.seconds if self.seconds > 0 else 0.0


# ------------------------------------------------------------------ actors


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    key: str
    row: dict[str, Any]
    is_org: bool


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Drop nulls and empty lists: `SET n += map` would erase properties with nulls."""
    return {k: v for k, v in d.items() if v is not None and v != [] and v != ""}


def _country_entity(iso3: str) -> ResolvedEntity:
    known = identity.gazetteer().country(iso3)
    name = known.name if known else iso3
    aliases = list(known.aliases) if known else []
    props = _clean(
        {
            "iso3": iso3,
            "qid": known.qid if known else None,
            "demonyms": list(known.demonyms) if known else None,
        }
    )
    row = {
        "id": iso3,
        "name": name,
        "aliases": aliases,
        "names_text": " | ".join([name, *aliases]),
        "props": props,
    }
    return ResolvedEntity(iso3, row, False)


def _org_entity(iso3: str, type_code: str) -> ResolvedEntity:
    suffix, kind, noun = ORG_TYPES[type_code]
    known = identity.gazetteer().country(iso3)
    cname = known.name if known else iso3
    demonym = known.demonyms[0] if known and known.demonyms else None
    name = f"{demonym} {noun}" if demonym else f"{noun[0].upper()}{noun[1:]} of {cname}"
    aliases = [f"{noun[0].upper()}{noun[1:]} of {cname}", f"{iso3} {type_code}"]
    aliases = [a for a in aliases if a != name]
    key = f"{iso3.lower()}-{suffix}"
    row = {
        "id": key,
        "name": name,
        "aliases": aliases,
        "names_text": " | ".join([name, *aliases]),
        "props": {"kind": kind.value, "country": iso3, "cameo_type": type_code},
    }
    return ResolvedEntity(key, row, True)


class ActorResolver:
    """CAMEO actor -> graph entity, memoised: a file has few distinct actors."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], ResolvedEntity | str] = {}
        self._countries: dict[str, ResolvedEntity] = {}

    def country(self, iso3: str) -> ResolvedEntity:
        hit = self._countries.get(iso3)
        if hit is None:
            hit = self._countries[iso3] = _country_entity(iso3)
        return hit

    def resolve(self, actor: Actor) -> ResolvedEntity | str:
        """The entity, or the reason the actor is unusable."""
        type1 = actor.types[0] if actor.types else ""
        ck = (actor.country, type1)
        hit = self._cache.get(ck)
        if hit is None:
            hit = self._resolve(actor.country, type1, actor.code)
            self._cache[ck] = hit
        return hit

    @staticmethod
    def _resolve(country: str, type1: str, code: str) -> ResolvedEntity | str:
        if not code:
            return "actor missing"
        if not country:
            return "actor without a country code"
        iso3 = identity.cameo_country_to_iso3(country)
        if iso3 is None:
            return "actor country code is a region or unknown"
        if type1 in ORG_TYPES:
            return _org_entity(iso3, type1)
        return _country_entity(iso3)


# ------------------------------------------------------------------ rows


def _host(url: str) -> str | None:
    # Fast path for the usual `http(s)://plain.host.name/...`; anything else (user info, a port,
    # IPv6 brackets, other schemes, odd characters) goes through urlsplit, whose answer the
    # fast path reproduces (tests/test_gdelt.py checks both on the slice and odd cases).
    host: str | None = None
    if url[:8].lower().startswith(("http://", "https://")):
        rest = url[url.index("//") + 2 :]
        netloc = _NETLOC_END.split(rest, maxsplit=1)[0]
        if _PLAIN_HOST.fullmatch(netloc):
            host = netloc.lower()
    if host is None:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


_NETLOC_END = re.compile(r"[/?#]")
_PLAIN_HOST = re.compile(r"[A-Za-z0-9._-]+")


@lru_cache(maxsize=1 << 14)
def _publisher(name: str | None) -> dict[str, str] | None:
    return {"id": slug(name), "name": name} if name else None


def _or_none(v: Any) -> Any:
    """Empty GDELT fields become null (a null property is not written)."""
    return v if v != "" and v != [] and v is not None else None


@lru_cache(maxsize=1 << 14)
def _actor_values(a: Actor) -> tuple[Any, ...]:
    """The seven actor properties of a claim, in CLAIM_FIELDS order (actors repeat a lot)."""
    religion = [r for r in (a.religion1, a.religion2) if r]
    return (
        _or_none(a.code),
        _or_none(a.name),
        _or_none(a.country),
        list(a.types) or None,
        _or_none(a.known_group),
        _or_none(a.ethnic),
        religion or None,
    )


@lru_cache(maxsize=1 << 14)
def _place_values(p: Place) -> tuple[Any, ...]:
    return (
        _or_none(p.name),
        p.type,
        _or_none(p.fips),
        identity.fips_to_iso3(p.fips) if p.fips else None,
        _or_none(p.adm1),
        p.lat,
        p.lon,
        _or_none(p.feature_id),
    )


@dataclass(frozen=True, slots=True)
class _Mapped:
    relation: Relation
    mode: str | None
    contexts: list[str] | None


@lru_cache(maxsize=1 << 12)
def _mapping(code: str) -> _Mapped | None:
    m = vocab.from_cameo(code)
    if m is None:
        return None
    return _Mapped(Relation(m.relation), m.mode, list(m.contexts) or None)


@lru_cache(maxsize=1 << 16)
def _assertion_row(subject: str, obj: str, relation: Relation, mode: str | None) -> dict[str, Any]:
    aid = assertion_key(subject, relation.value, obj, mode)
    return {
        "id": aid,
        "subject": subject,
        "object": obj,
        "props": _clean(
            {
                "id": aid,
                "relation": relation.value,
                "mode": mode,
                "subject": subject,
                "object": obj,
                "quad": vocab.quad_code(relation),
                "score": vocab.score(relation, mode),
            }
        ),
    }


_ARTICLE = q.CLAIM_FIELDS.index("article")


@dataclass
class Batch:
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    orgs: dict[str, dict[str, Any]] = field(default_factory=dict)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    publishers: dict[str, dict[str, Any]] = field(default_factory=dict)
    assertions: dict[str, dict[str, Any]] = field(default_factory=dict)
    # claim id -> row: the values of q.CLAIM_FIELDS, then the assertion id
    claims: dict[str, list[Any]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # SOURCEURL -> article id

    def __len__(self) -> int:
        return len(self.claims)

    def params(self) -> dict[str, list[Any]]:
        # Sorted by key: concurrent loaders then take locks in the same order (fewer deadlocks).
        def s(d: dict[str, Any]) -> list[Any]:
            return [d[k] for k in sorted(d)]

        return {
            "countries": s(self.countries),
            "orgs": s(self.orgs),
            "articles": s(self.articles),
            "publishers": s(self.publishers),
            "assertions": s(self.assertions),
            "claims": s(self.claims),
        }


def claim_properties(row: list[Any]) -> dict[str, Any]:
    """A claim row as the property map it becomes (nulls left out), for tests and tools."""
    return {k: v for k, v in zip(q.CLAIM_FIELDS, row, strict=False) if v is not None}


def add_event(batch: Batch, ev: Event, resolver: ActorResolver) -> str | None:
    """Add one event's rows to the batch; returns the skip reason when it cannot be loaded."""
    if not ev.actor1.code or not ev.actor2.code:
        return "only one actor"
    a1 = resolver.resolve(ev.actor1)
    if isinstance(a1, str):
        return a1
    a2 = resolver.resolve(ev.actor2)
    if isinstance(a2, str):
        return a2
    if a1.key == a2.key:
        return "same entity on both sides"
    mapping = _mapping(ev.event_code)
    if mapping is None:
        return "CAMEO code without a PLOVER mapping"

    for ent in (a1, a2):
        if ent.key in batch.countries or ent.key in batch.orgs:
            continue
        if ent.is_org:
            country = resolver.country(ent.row["props"]["country"])
            batch.countries[country.key] = country.row
            batch.orgs[ent.key] = ent.row
        else:
            batch.countries[ent.key] = ent.row

    url = ev.source_url
    published = ev.date_added[:10]
    article_id = batch.urls.get(url)
    if article_id is None:
        article_id = batch.urls[url] = url_article_key(url)
        host = _host(url)
        batch.articles[article_id] = {
            "id": article_id,
            "props": _clean(
                {
                    "id": article_id,
                    "url": url,
                    "published": published,
                    "publisher": host,
                    # the English stream's exports; translated events' language is not given
                    "language": "und" if ev.translated else "en",
                }
            ),
            "publisher": None,
        }
        pub = _publisher(host)
        if pub is not None:
            batch.articles[article_id]["publisher"] = pub["id"]
            batch.publishers[pub["id"]] = pub
    arow = _assertion_row(a1.key, a2.key, mapping.relation, mapping.mode)
    aid = arow["id"]
    batch.assertions[aid] = arow
    cid = f"gdelt:{ev.event_id}"
    # In q.CLAIM_FIELDS order; the assertion id last.
    batch.claims[cid] = [
        cid,
        ev.date,
        published,
        article_id,
        mapping.contexts,
        ev.event_code,
        ev.base_code or None,
        ev.root_code or None,
        ev.is_root,
        ev.quad_class,
        ev.goldstein,
        ev.avg_tone,
        ev.num_mentions,
        ev.num_sources,
        ev.num_articles,
        ev.date_added,
        *_place_values(ev.action),
        *_actor_values(ev.actor1),
        *_actor_values(ev.actor2),
        aid,
    ]
    return None


def mention_row(m: Mention) -> dict[str, Any]:
    article_id = url_article_key(m.identifier)
    art = {"id": article_id, "url": m.identifier if m.mention_type == 1 else None}
    art["published"] = m.mention_time[:10]
    art["language"] = m.language
    art["publisher"] = m.source_name or None
    edge = _clean(
        {
            "sentence_id": m.sentence_id,
            "actor1_offset": m.actor1_offset,
            "actor2_offset": m.actor2_offset,
            "action_offset": m.action_offset,
            "confidence": m.confidence / 100 if m.confidence is not None else None,
            "mention_time": m.mention_time,
            "mention_type": m.mention_type,
            "in_raw_text": m.in_raw_text,
        }
    )
    return {
        "line": m.line,
        "claim": f"gdelt:{m.event_id}",
        "article": {"id": article_id, "props": _clean(art)},
        "edge": edge,
        "publisher": _publisher(m.source_name or None),
    }


# ------------------------------------------------------------------ transactions


def _new_rows(p: dict[str, list[Any]], claims: set[str], articles: set[str]) -> Any:
    """The rows of a batch still to write, given the claim and article ids already in the
    graph; None when every claim exists (a re-run then writes nothing)."""
    new_claims = [c for c in p["claims"] if c[0] not in claims]
    if not new_claims:
        return None
    arts = {c[_ARTICLE] for c in new_claims}
    aids = {c[-1] for c in new_claims}
    assertions = [a for a in p["assertions"] if a["id"] in aids]
    ends = {a["subject"] for a in assertions} | {a["object"] for a in assertions}
    orgs = [o for o in p["orgs"] if o["id"] in ends]
    ends |= {o["props"]["country"] for o in orgs}
    new_articles = [a for a in p["articles"] if a["id"] in arts and a["id"] not in articles]
    pubs = {a["publisher"] for a in new_articles}
    return {
        "countries": [c for c in p["countries"] if c["id"] in ends],
        "orgs": orgs,
        "publishers": [x for x in p["publishers"] if x["id"] in pubs],
        "articles": new_articles,
        "assertions": assertions,
        "claims": new_claims,
    }


def write_events_tx(tx: ManagedTransaction, p: dict[str, list[Any]]) -> int:
    """One batch: read what exists, write the rest, mark the assertions that gained a claim.
    Returns the number of claims created."""
    ex = tx.run(
        q.EXISTING,
        claims=[c[0] for c in p["claims"]],
        articles=[a["id"] for a in p["articles"]],
    ).single(strict=True)
    rows = _new_rows(p, set(ex["claims"]), set(ex["articles"]))
    if rows is None:
        return 0
    tx.run(q.MERGE_COUNTRIES, rows=rows["countries"]).consume()
    if rows["orgs"]:
        tx.run(q.MERGE_ORGANIZATIONS, rows=rows["orgs"]).consume()
    if rows["publishers"]:
        tx.run(q.MERGE_PUBLISHERS, rows=rows["publishers"]).consume()
    if rows["articles"]:
        tx.run(q.MERGE_ARTICLES, rows=rows["articles"]).consume()
    tx.run(q.MERGE_ASSERTIONS, rows=rows["assertions"]).consume()
    tx.run(q.CREATE_CLAIMS, rows=rows["claims"]).consume()
    return len(rows["claims"])


def write_mentions_tx(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> tuple[int, int]:
    """(attached rows, assertions marked for re-aggregation)."""
    res = tx.run(q.MERGE_MENTIONS, rows=rows).data()
    ids = {r["assertion"] for r in res if r["fresh"]}
    return len({r["line"] for r in res}), len(ids)


def aggregate_tx(tx: ManagedTransaction, ids: list[str]) -> int:
    """Status, dates, counts and browsing edges of these assertions, with the fact loader's
    statements (graph.cypher.write). The rest of `graph.writer.reaggregate_assertions` is not
    needed here and costs a third more: a GDELT load never removes a claim (no assertion loses
    support) and GDELT claims have no named speaker (no stance edge changes)."""
    ids = sorted(set(ids))
    # Lock (and unmark) first, count after: a parallel loader's claims about the same assertion
    # are then committed and counted, or not yet written and marked again when they are.
    fresh = set(tx.run(q.CLAIM_PENDING, ids=ids).single(strict=True)["fresh"])
    by_relation: dict[str, list[str]] = {}
    for rec in tx.run(w.REAGGREGATE, ids=ids):
        by_relation.setdefault(rec["relation"], []).extend(rec["ids"])
    for rel, rel_ids in sorted(by_relation.items()):
        new = [i for i in rel_ids if i in fresh]
        old = [i for i in rel_ids if i not in fresh]
        if new:
            tx.run(w.merge_browsing_edges(Relation(rel), create=True), ids=new).consume()
        if old:
            tx.run(w.merge_browsing_edges(Relation(rel)), ids=old).consume()
    return len(ids)


def pending_ids(driver: Driver, database: str) -> list[str]:
    """Assertions whose aggregate lags their claims (marked by a batch, not yet re-aggregated)."""
    with driver.session(database=database) as s:
        return s.execute_read(lambda tx: [r["id"] for r in tx.run(q.PENDING_ASSERTIONS)])


def aggregate_pending(driver: Driver, database: str, chunk: int = DEFAULT_AGGREGATE_CHUNK) -> int:
    """Re-aggregate every assertion marked pending, by whichever load (this one, an earlier
    one that was killed, or a parallel loader), `chunk` assertions per transaction. Returns how
    many were re-aggregated."""
    ids = pending_ids(driver, database)
    for i in range(0, len(ids), chunk):
        run_write(driver, database, aggregate_tx, ids[i : i + chunk])
    return len(ids)


def run_write(driver: Driver, database: str, fn: Callable[..., Any], *args: Any) -> Any:
    """A managed write transaction with extra patience for lock contention between parallel
    loaders; a server that is gone becomes `Unavailable` with a message for the user.

    A ConstraintError can only come from two loaders creating the same claim at once (the same
    file twice in parallel): the batch is run again and then finds the other loader's claims."""
    attempts = 0
    while True:
        try:
            with driver.session(database=database) as s:
                return s.execute_write(fn, *args)
        except (TransientError, ConstraintError):
            attempts += 1
            if attempts >= 8:
                raise
            time.sleep(0.2 * attempts)
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            raise Unavailable(f"Neo4j went away during the load: {e}") from e


# ------------------------------------------------------------------ service


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for x in items:
        buf.append(x)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


class GdeltWriter:
    """Batches events and writes them. The next batch is parsed and prepared while the server
    writes the previous one (a writer thread); with workers > 1, that many batches are written
    concurrently (safe: see docs/gdelt.md, "Idempotency and parallel loads"). Aggregates are
    not written per batch: `aggregate()` re-aggregates every assertion marked pending, and
    `load_events` calls it itself every `aggregate_every` new claims."""

    def __init__(
        self,
        driver: Driver,
        database: str,
        *,
        batch_size: int = DEFAULT_BATCH,
        workers: int = 1,
        aggregate_every: int = DEFAULT_AGGREGATE_EVERY,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch size must be at least 1")
        if workers < 1:
            raise ValueError("workers must be at least 1")
        if aggregate_every < 1:
            raise ValueError("aggregate_every must be at least 1")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.workers = workers
        self.aggregate_every = aggregate_every
        self.resolver = ActorResolver()
        self._since_aggregate = 0

    def _write(self, params: dict[str, list[Any]] | None) -> int:
        if params is None:
            return 0
        created: int = run_write(self.driver, self.database, write_events_tx, params)
        return created

    def aggregate(self, stats: LoadStats) -> None:
        t0 = time.perf_counter()
        try:
            stats.aggregated += aggregate_pending(self.driver, self.database)
            self._since_aggregate = 0
        finally:
            stats.aggregate_seconds += time.perf_counter() - t0
            stats.seconds += time.perf_counter() - t0

    def load_events(
        self,
        events: Iterable[Event],
        stats: LoadStats,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        """Write events in batches; on_batch(rows in the batch) after each commit."""
        t0 = time.perf_counter()
        inflight: deque[tuple[Future[int], int, int]] = deque()

        def reap(until: int) -> None:
            while len(inflight) > until:
                fut, n, seen = inflight.popleft()
                created = fut.result()  # re-raises Unavailable and the like in this thread
                if n:
                    stats.loaded += n
                    stats.created += created
                    stats.batches += 1
                    self._since_aggregate += created
                if on_batch and seen:
                    on_batch(seen)

        def submit(batch: Batch, seen: int) -> None:
            params = batch.params() if len(batch) else None
            inflight.append((pool.submit(self._write, params), len(batch), seen))

        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="gdelt-writer")
        try:
            batch, seen = Batch(), 0
            for ev in events:
                seen += 1
                reason = add_event(batch, ev, self.resolver)
                if reason is not None:
                    stats.skipped[reason] += 1
                if seen >= self.batch_size:
                    reap(self.workers - 1)
                    if self._since_aggregate >= self.aggregate_every:
                        reap(0)  # what is counted must be committed first
                        stats.seconds += time.perf_counter() - t0
                        self.aggregate(stats)
                        t0 = time.perf_counter()
                    submit(batch, seen)
                    batch, seen = Batch(), 0
            if seen:
                submit(batch, seen)
            reap(0)
        finally:
            for fut, _, _ in inflight:
                fut.cancel()
            pool.shutdown(wait=True)
            stats.seconds += time.perf_counter() - t0

    def load_mentions(
        self,
        mentions: Iterable[Mention],
        stats: LoadStats,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        t0 = time.perf_counter()
        try:
            for chunk in _chunks(mentions, self.batch_size):
                rows = [mention_row(m) for m in chunk]
                rows.sort(key=lambda r: (r["claim"], r["article"]["id"]))
                attached, _ = run_write(self.driver, self.database, write_mentions_tx, rows)
                stats.mention_rows += len(rows)
                stats.mentions_attached += attached
                stats.mentions_unmatched += len(rows) - attached
                stats.batches += 1
                if on_batch:
                    on_batch(len(chunk))
        finally:
            stats.seconds += time.perf_counter() - t0


def load_gdelt(
    driver: Driver,
    database: str,
    events_files: Sequence[Path],
    mentions_files: Sequence[Path] = (),
    *,
    batch_size: int = DEFAULT_BATCH,
    workers: int = 1,
    aggregate_every: int = DEFAULT_AGGREGATE_EVERY,
    on_file: Callable[[Path, str], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
    on_aggregate: Callable[[], None] | None = None,
) -> LoadStats:
    """Events files first, then mentions files (so mentions of events in this run attach), then
    the re-aggregation of every assertion left pending — by this run or an earlier, killed one.
    With no files, only that last step runs."""
    from graph import schema

    schema.apply(driver, database)
    stats = LoadStats()
    writer = GdeltWriter(
        driver, database, batch_size=batch_size, workers=workers, aggregate_every=aggregate_every
    )
    jobs = [(p, "events") for p in events_files] + [(p, "mentions") for p in mentions_files]
    for path, kind in jobs:
        if on_file:
            on_file(path, kind)
        report = ParseReport(str(path))
        try:
            if kind == "events":
                writer.load_events(read_events(path, report), stats, on_batch)
            else:
                writer.load_mentions(read_mentions(path, report), stats, on_batch)
        except InvalidInput as e:
            # One damaged file must not keep the other files of the run from loading; the
            # batches committed before the damage are whole, so a re-run after a fix is safe.
            stats.failed_files.append((str(path), str(e)))
        except Unavailable as e:
            raise Unavailable(
                f"{e}. Stopped in {path} after {stats.loaded:,} events and "
                f"{stats.mentions_attached:,} mentions were committed; every batch is all or "
                "nothing, so run the same command again to finish (re-loading changes nothing, "
                "and the aggregates this run did not update are updated then)."
            ) from e
        finally:
            stats.files += 1
            if kind == "events":
                stats.rows += report.rows
            stats.malformed.extend((str(path), n, r) for n, r in report.malformed)
    if on_aggregate:
        on_aggregate()
    try:
        writer.aggregate(stats)
    except Unavailable as e:
        raise Unavailable(
            f"{e}. Every event and mention was committed, but not every aggregate was updated; "
            "run the same command again (or `geokg load-gdelt --finish`) to finish."
        ) from e
    return stats
