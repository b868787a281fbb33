"""The write service: one fact document -> claims, assertions, browsing and stance edges.

Rules (docs/graph-model.md, "Loading rules"): one managed write transaction per document, so a
document is written completely or not at all; deterministic keys (graph/keys.py), so loading
the same document twice finds the same nodes; a `doc_hash` of the canonicalised document on the
Article, so an unchanged document is skipped without touching a single property. A changed
document replaces the article's claims: claims whose content did not change are left alone,
the others are deleted and recreated, and every assertion touched is re-aggregated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph import identity
from graph.cypher import write as q
from graph.errors import GeoKGError, InvalidInput, NotFound
from graph.keys import assertion_key, claim_key, slug
from graph.model import Attribution, EntityType, FactDocument, Status
from graph.vocab import RELATIONS, Relation, score

# Part of every doc_hash: bump it when the writer's output for the same document changes, so
# the next load rewrites documents instead of skipping them.
WRITER_VERSION = 1

# Aggregation batches: big enough for GDELT days, small enough for one transaction's memory.
BATCH = 5000


@dataclass
class LoadResult:
    """What one document load (or delete) did to the graph."""

    article_id: str
    status: str  # "created", "updated", "unchanged" or "deleted"
    entities_created: int = 0
    entities_updated: int = 0
    entities_deleted: int = 0
    claims_created: int = 0
    claims_updated: int = 0
    claims_deleted: int = 0
    claims_unchanged: int = 0
    assertions_created: int = 0
    assertions_updated: int = 0
    assertions_deleted: int = 0

    @property
    def skipped_unchanged(self) -> bool:
        return self.status == "unchanged"


@dataclass
class AggregateResult:
    """What `reaggregate_assertions` did: assertion ids re-aggregated and deleted."""

    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    # subject/object keys of deleted assertions: candidates for orphan clean-up
    released_entities: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Plan:
    """Everything a document writes, computed in Python before the transaction starts."""

    article_id: str
    article: dict[str, Any]
    publisher: dict[str, str] | None
    entities: dict[EntityType, list[dict[str, Any]]]
    keys: dict[str, str]  # document entity id -> graph key
    claims: list[dict[str, Any]]  # {id, assertion, speaker, props}
    assertions: list[dict[str, Any]]  # {id, subject, object, props}
    doc_hash: str


# ------------------------------------------------------------------ planning (pure Python)


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    """Neo4j does not store nulls or (meaningfully) empty lists; compare and write without them."""
    return {k: v for k, v in d.items() if v is not None and v != []}


def _entity_rows(doc: FactDocument) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    keys: dict[str, str] = {}
    rows: dict[str, dict[str, Any]] = {}
    for n, ent in enumerate(doc.entities):
        try:
            canon = identity.canonical(ent)
        except GeoKGError as e:
            raise InvalidInput(f"entities[{n}] ({ent.id}): {e}") from None
        key = canon.id
        keys[ent.id] = key
        data = canon.model_dump(mode="json")
        etype = str(data.pop("type"))
        name, aliases = data.pop("name"), data.pop("aliases")
        data.pop("id")
        row = rows.get(key)
        if row is None:
            rows[key] = {
                "id": key,
                "type": etype,
                "name": name,
                "aliases": list(aliases),
                "props": _compact(data),
            }
            continue
        # Two document entities naming one real-world entity ("Moscow" and "Russia"): one node.
        if row["type"] != etype:
            raise InvalidInput(
                f"entities[{n}] ({ent.id}): resolves to {key!r}, which another entity of this "
                f"document declares as a {row['type']}, not a {etype}"
            )
        for a in [name, *aliases]:
            if a != row["name"] and a not in row["aliases"]:
                row["aliases"].append(a)
        row["props"] = {**_compact(data), **row["props"]}
    return keys, rows


def _check_types(n: int, fact_id: str, rel: Relation, stype: str, otype: str | None) -> None:
    info = RELATIONS[rel]
    if info.subject_types and stype not in info.subject_types:
        raise InvalidInput(
            f"facts[{n}] ({fact_id}).subject: {rel} needs a subject of type "
            f"{' or '.join(info.subject_types)}, not {stype}"
        )
    if otype is not None and info.object_types and otype not in info.object_types:
        raise InvalidInput(
            f"facts[{n}] ({fact_id}).object: {rel} needs an object of type "
            f"{' or '.join(info.object_types)}, not {otype}"
        )


def plan_document(doc: FactDocument, origin: str = "document") -> Plan:
    """Resolve identities, compute keys and rows. Raises InvalidInput naming entity or fact."""
    art = doc.article
    keys, erows = _entity_rows(doc)
    types = {k: r["type"] for k, r in erows.items()}

    assertions: dict[str, dict[str, Any]] = {}
    claims: list[dict[str, Any]] = []
    for n, f in enumerate(doc.facts):
        assert f.id is not None  # FactDocument numbers unnamed facts
        subj = keys[f.subject]
        obj = keys[f.object] if f.object else None
        speaker = keys[f.attributed_to] if f.attributed_to else None
        _check_types(n, f.id, f.relation, types[subj], types[obj] if obj else None)
        aid = assertion_key(subj, f.relation.value, obj, f.mode, f.title)
        info = RELATIONS[f.relation]
        assertions.setdefault(
            aid,
            {
                "id": aid,
                "subject": subj,
                "object": obj,
                "props": _compact(
                    {
                        "id": aid,
                        "relation": f.relation.value,
                        "mode": f.mode,
                        "title": f.title,
                        "subject": subj,
                        "object": obj,
                        "quad": info.quad.value if info.quad else None,
                        "score": score(f.relation, f.mode),
                    }
                ),
            },
        )
        ev = f.evidence
        claims.append(
            {
                "id": claim_key(art.id, f.id),
                "assertion": aid,
                # a stance edge needs a speaker node; "unnamed" keeps the name but no edge
                "speaker": speaker if f.attribution is Attribution.NAMED else None,
                "props": _compact(
                    {
                        "id": claim_key(art.id, f.id),
                        "article": art.id,
                        "status": f.status.value,
                        "attribution": f.attribution.value if f.attribution else None,
                        "attributed_to": speaker,
                        "date": f.date,
                        "valid_from": f.valid_from,
                        "valid_to": f.valid_to,
                        "context": list(f.context),
                        "aux": f.aux,
                        "title": f.title,
                        "evidence_text": ev.text if ev else None,
                        "evidence_start": ev.start if ev else None,
                        "evidence_end": ev.end if ev else None,
                        "confidence": f.confidence,
                        "published": art.published,
                    }
                ),
            }
        )

    publisher = {"id": slug(art.publisher), "name": art.publisher} if art.publisher else None
    article = _compact(
        {
            "id": art.id,
            "url": art.url,
            "title": art.title,
            "publisher": art.publisher,
            "agency": art.agency,
            "published": art.published,
            "language": art.language,
            "content_hash": art.content_hash,
            "origin": origin,
        }
    )
    by_type: dict[EntityType, list[dict[str, Any]]] = {}
    for r in erows.values():
        by_type.setdefault(EntityType(r["type"]), []).append(r)
    body = {
        "writer": WRITER_VERSION,
        "article": article,
        "publisher": publisher,
        "entities": sorted(erows.values(), key=lambda r: r["id"]),
        "claims": claims,
        "assertions": sorted(assertions.values(), key=lambda r: r["id"]),
    }
    canonical_json = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    doc_hash = "sha256:" + hashlib.sha256(canonical_json.encode()).hexdigest()
    return Plan(
        article_id=art.id,
        article={**article, "doc_hash": doc_hash},
        publisher=publisher,
        entities=by_type,
        keys=keys,
        claims=claims,
        assertions=list(assertions.values()),
        doc_hash=doc_hash,
    )


# ------------------------------------------------------------------ transaction functions


def _single(tx: ManagedTransaction, query: Any, **params: Any) -> Any:
    rec = tx.run(query, **params).single()
    return None if rec is None else rec[0]


def _state(tx: ManagedTransaction, query: Any, ids: Iterable[str]) -> dict[str, Any]:
    """id -> (labels, properties without loaded_at) for change detection."""
    out: dict[str, Any] = {}
    for rec in tx.run(query, ids=sorted(set(ids))):
        props = dict(rec["props"])
        props.pop("loaded_at", None)
        out[rec["id"]] = (sorted(rec["labels"]), props)
    return out


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), BATCH):
        yield list(ids[i : i + BATCH])


def reaggregate_assertions(tx: ManagedTransaction, ids: Iterable[str]) -> AggregateResult:
    """Recompute status, dates and counts of these assertions from their claims, rewrite their
    browsing and stance edges, and delete the ones no claim supports any more.

    Call it inside the write transaction that changed the claims (the GDELT loader does too).
    """
    result = AggregateResult()
    all_ids = sorted(set(ids))
    stance_map = {s.value: t for s, t in q.STANCE_TYPES.items()}
    for chunk in _chunks(all_ids):
        for rec in tx.run(q.DELETE_UNSUPPORTED_ASSERTIONS, ids=chunk):
            result.deleted.append(rec["id"])
            result.released_entities.update(rec["ends"])
        by_relation: dict[str, list[str]] = {}
        for rec in tx.run(q.REAGGREGATE, ids=chunk):
            by_relation.setdefault(rec["relation"], []).extend(rec["ids"])
        for rel, rel_ids in sorted(by_relation.items()):
            tx.run(q.merge_browsing_edges(Relation(rel)), ids=rel_ids).consume()
            result.updated.extend(rel_ids)
        tx.run(
            q.DELETE_STALE_STANCES,
            ids=chunk,
            types=list(stance_map.values()),
            stance=stance_map,
        ).consume()
        present = [r["status"] for r in tx.run(q.NAMED_STATUSES, ids=chunk)]
        for status in sorted(present):
            tx.run(q.merge_stances(Status(status)), ids=chunk, status=status).consume()
    return result


def _delete_orphans(
    tx: ManagedTransaction, entities: Iterable[str], publishers: Iterable[str]
) -> int:
    deleted = _single(tx, q.DELETE_ORPHAN_ENTITIES, ids=sorted(set(entities))) or 0
    _single(tx, q.DELETE_ORPHAN_PUBLISHERS, ids=sorted(set(publishers)))
    return deleted


def _changed(before: dict[str, Any], after: dict[str, Any]) -> int:
    return sum(1 for k, v in after.items() if k in before and before[k] != v)


def _write(tx: ManagedTransaction, plan: Plan) -> LoadResult:
    state = tx.run(q.ARTICLE_STATE, id=plan.article_id).single()
    if state is not None and state["doc_hash"] == plan.doc_hash:
        return LoadResult(plan.article_id, "unchanged", claims_unchanged=len(plan.claims))
    result = LoadResult(plan.article_id, "updated" if state is not None else "created")

    old_claims = {
        rec["id"]: (rec["props"], rec["assertion"], rec["speaker"])
        for rec in tx.run(q.ARTICLE_CLAIMS, id=plan.article_id)
    }

    dropped_publishers = _single(tx, q.UPSERT_ARTICLE, props=plan.article, publisher=plan.publisher)
    if plan.publisher is not None:
        tx.run(q.LINK_PUBLISHER, id=plan.article_id, publisher=plan.publisher).consume()

    # Entities. A key the graph already holds as another type is an error, not a second label.
    rows = [r for rs in plan.entities.values() for r in rs]
    conflicts = list(tx.run(q.ENTITY_TYPE_CONFLICTS, rows=rows))
    if conflicts:
        c = conflicts[0]
        raise InvalidInput(
            f"entity {c['id']!r} is a {c['existing']} in the graph but a {c['given']} in this "
            "document"
        )
    keys = sorted({r["id"] for r in rows})
    before = _state(tx, q.ENTITY_STATE, keys)
    for etype, erows in sorted(plan.entities.items()):
        tx.run(q.upsert_entities(etype), rows=erows).consume()
    after = _state(tx, q.ENTITY_STATE, keys)
    result.entities_created = len(set(after) - set(before))
    result.entities_updated = _changed(before, after)
    dropped_mentions = _single(tx, q.DROP_STALE_MENTIONS, id=plan.article_id, keys=keys) or []
    tx.run(q.LINK_MENTIONS, id=plan.article_id, keys=keys).consume()

    # Claims: keep the unchanged ones untouched, replace the rest.
    new_claims = {c["id"]: c for c in plan.claims}
    to_delete: list[str] = []
    touched: set[str] = set()
    released: set[str] = set()
    for cid, (props, aid, speaker) in old_claims.items():
        new = new_claims.get(cid)
        old_props = {k: v for k, v in props.items() if k != "loaded_at"}
        if new is not None and (new["props"], new["assertion"], new["speaker"]) == (
            old_props,
            aid,
            speaker,
        ):
            result.claims_unchanged += 1
            continue
        to_delete.append(cid)
        if aid:
            touched.add(aid)
        if speaker:
            released.add(speaker)
        if new is None:
            result.claims_deleted += 1
        else:
            result.claims_updated += 1
    kept = set(old_claims) - set(to_delete)
    to_create = [c for cid, c in new_claims.items() if cid not in kept]
    result.claims_created = sum(1 for c in to_create if c["id"] not in old_claims)
    touched.update(c["assertion"] for c in to_create)

    assertion_before = _state(tx, q.ASSERTION_STATE, touched)
    if to_delete:
        tx.run(q.DELETE_CLAIMS, ids=to_delete).consume()
    needed = {c["assertion"] for c in to_create}
    arows = [a for a in plan.assertions if a["id"] in needed]
    if arows:
        summary = tx.run(q.MERGE_ASSERTIONS, rows=arows).consume()
        result.assertions_created = summary.counters.nodes_created
    if to_create:
        tx.run(q.CREATE_CLAIMS, rows=to_create).consume()

    agg = reaggregate_assertions(tx, touched)
    result.assertions_deleted = len(agg.deleted)
    assertion_after = _state(tx, q.ASSERTION_STATE, touched)
    result.assertions_updated = _changed(assertion_before, assertion_after)

    result.entities_deleted = _delete_orphans(
        tx, [*dropped_mentions, *agg.released_entities, *released], dropped_publishers or []
    )
    return result


def _delete(tx: ManagedTransaction, article_id: str) -> LoadResult:
    if tx.run(q.ARTICLE_STATE, id=article_id).single() is None:
        raise NotFound(f"no article with id {article_id!r}")
    result = LoadResult(article_id, "deleted")
    claims = list(tx.run(q.ARTICLE_CLAIMS, id=article_id))
    mentions = _single(tx, q.ARTICLE_MENTIONS, id=article_id) or []
    citing = _single(tx, q.CITING_ASSERTIONS, id=article_id) or []
    ids = [r["id"] for r in claims]
    tx.run(q.DELETE_CLAIMS, ids=ids).consume()
    result.claims_deleted = len(ids)
    publishers = _single(tx, q.DELETE_ARTICLE_NODE, id=article_id) or []
    touched = {r["assertion"] for r in claims if r["assertion"]} | set(citing)
    agg = reaggregate_assertions(tx, touched)
    result.assertions_deleted = len(agg.deleted)
    result.assertions_updated = len(agg.updated)
    speakers = [r["speaker"] for r in claims if r["speaker"]]
    result.entities_deleted = _delete_orphans(
        tx, [*mentions, *agg.released_entities, *speakers], publishers
    )
    return result


# ------------------------------------------------------------------ public API


def load_document(
    driver: Driver, database: str, doc: FactDocument, *, origin: str = "document"
) -> LoadResult:
    """Write one fact document in one transaction; skip it when its doc_hash is unchanged."""
    plan = plan_document(doc, origin)
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return session.execute_write(_write, plan)


def delete_article(driver: Driver, database: str, article_id: str) -> LoadResult:
    """Remove an article, its claims, what only it supported, and entities left unconnected."""
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return session.execute_write(_delete, article_id)


def reaggregate(driver: Driver, database: str, ids: Iterable[str]) -> AggregateResult:
    """`reaggregate_assertions` in its own write transaction."""
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return session.execute_write(reaggregate_assertions, list(ids))
