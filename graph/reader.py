"""The read service: named queries from graph.cypher.read, results as graph.views models.

Every read runs in a read transaction (`execute_read`) with a timeout, on the database the
session was opened for; values are parameters; variable-length patterns are bounded (1..4).
Raises graph.errors: NotFound for unknown ids, InvalidParameter (an InvalidInput naming the
field) for bad arguments.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
from typing import Any, Literal, LiteralString

from neo4j import Session, unit_of_work

from graph.cypher import read as q
from graph.errors import InvalidInput, NotFound
from graph.keys import fold
from graph.model import EntityType, Evidence, check_partial_date
from graph.views import (
    AggregateStatus,
    ArticleSummary,
    ArticleView,
    AssertionView,
    ClaimView,
    EntityHit,
    EntitySummary,
    EntityView,
    Page,
    PathEdge,
    PathHop,
    PathView,
    RelationView,
    Stats,
    TimelineEntry,
)
from graph.vocab import Relation

MAX_HOPS = 4
MAX_LIMIT = 200
Direction = Literal["out", "in", "both"]


class InvalidParameter(InvalidInput):
    """Bad input for a named parameter; the API reports `field` in its 422."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


# ------------------------------------------------------------------ helpers

# Lucene's query syntax characters (and the two-character operators' first halves).
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORD = re.compile(r"\w+")


def lucene_escape(text: str) -> str:
    """Escape Lucene query syntax so user text is only ever matched as text."""
    return _LUCENE_SPECIAL.sub(r"\\\1", text)


def lucene_query(text: str, *, all_words: bool = True) -> str:
    """A forgiving full-text query: the exact phrase ranks highest, then each word exactly, as
    a prefix, or within a small edit distance ("Mailai" still reaches "Mali"). With
    `all_words=False` any word may match (the fallback when nothing matches them all)."""
    words = _WORD.findall(fold(text))[:8]
    if not words:
        raise InvalidParameter("q", "needs at least one letter or digit")
    phrase = '"' + lucene_escape(" ".join(words)) + '"^8'
    clauses = []
    for w in words:
        e = lucene_escape(w)
        if len(w) <= 2:
            clauses.append(e)
            continue
        edits = 1 if len(w) <= 4 else 2
        clauses.append(f"({e}^3 OR {e}* OR {e}~{edits})")
    joiner = " AND " if all_words else " OR "
    return f"{phrase} OR ({joiner.join(clauses)})"


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, size: int) -> list[Any] | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != size or not all(isinstance(k, str) for k in key):
        raise InvalidParameter("cursor", "is not a cursor returned by the previous page")
    return key


def check_limit(limit: int, field: str = "limit") -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameter(field, f"must be between 1 and {MAX_LIMIT}")
    return limit


def _date_param(value: str | None, field: str) -> str | None:
    try:
        return check_partial_date(value)
    except ValueError as e:
        raise InvalidParameter(field, str(e)) from None


def _claim(row: dict[str, Any]) -> ClaimView:
    ev = None
    if row.get("evidence_text"):
        ev = Evidence.model_construct(
            text=row["evidence_text"], start=row.get("evidence_start"), end=row.get("evidence_end")
        )
    data = {k: v for k, v in row.items() if v is not None}
    data["context"] = row.get("context") or []
    data["sources"] = row.get("sources") or []
    return ClaimView.model_validate({**data, "evidence": ev})


def _claims(rows: list[dict[str, Any]]) -> list[ClaimView]:
    claims = [_claim(r) for r in rows]
    claims.sort(key=lambda c: (c.date or c.valid_from or "", c.id))
    return claims


def _assertion(row: dict[str, Any], claims: list[dict[str, Any]]) -> dict[str, Any]:
    data = {k: v for k, v in row.items() if v is not None}
    data["claims"] = _claims(claims)
    return data


# ------------------------------------------------------------------ the service


class Reader:
    def __init__(self, session: Session, *, timeout: float) -> None:
        self.session = session
        self.timeout = timeout

    def _rows(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        @unit_of_work(timeout=self.timeout)
        def work(tx: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(query, params)]

        return self.session.execute_read(work)

    # -------------------------------------------------------------- entities

    def search_entities(
        self, text: str, *, type: EntityType | None = None, limit: int = 10
    ) -> list[EntityHit]:
        """Entities by name or alias: exact (case/accents aside) first, then by relevance."""
        check_limit(limit)
        text = text.strip()
        if not text:
            raise InvalidParameter("q", "must not be empty")
        if len(text) > 200:
            raise InvalidParameter("q", "is longer than 200 characters")
        type_value = type.value if type else None
        for all_words in (True, False):
            hits = self._rows(
                q.ENTITY_SEARCH,
                lucene=lucene_query(text, all_words=all_words),
                candidates=max(50, limit * 5),
                type=type_value,
            )
            if hits:
                break
        by_id = self._rows(q.ENTITY_BY_ID, ids=list(dict.fromkeys([text, text.upper()])))
        wanted = fold(text)
        ranked: dict[str, tuple[tuple[int, float], EntityHit]] = {}
        for row in [*({"entity": r["entity"], "score": 0.0, "id": True} for r in by_id), *hits]:
            e = row["entity"]
            if type_value and e.get("type") != type_value:
                continue
            names = [e["name"], *(e.get("aliases") or [])]
            folded = [fold(n) for n in names]
            if row.get("id"):
                rank, matched = 0, e["id"]
            elif wanted == folded[0]:
                rank, matched = 0, names[0]
            elif wanted in folded:
                rank, matched = 1, names[folded.index(wanted)]
            else:
                pre = [n for n, f in zip(names, folded, strict=True) if f.startswith(wanted)]
                rank, matched = (2, pre[0]) if pre else (3, names[0])
            hit = EntityHit.model_validate(
                {
                    **{k: v for k, v in e.items() if v is not None},
                    "matched": matched,
                    "exact": rank <= 1,
                    "score": round(float(row["score"]), 4),
                }
            )
            key = (rank, -hit.score)
            if e["id"] not in ranked or key < ranked[e["id"]][0]:
                best_score = max(hit.score, ranked[e["id"]][1].score if e["id"] in ranked else 0)
                ranked[e["id"]] = (key, hit.model_copy(update={"score": best_score}))
        ordered = sorted(ranked.values(), key=lambda kv: (kv[0], kv[1].name))
        return [h for _, h in ordered[:limit]]

    def resolve(self, ref: str, field: str = "id") -> str:
        """A graph key from an id, an ISO3 code in any case, or a unique name or alias."""
        ref = ref.strip()
        if not ref:
            raise InvalidParameter(field, "must not be empty")
        rows = self._rows(q.ENTITY_BY_ID, ids=list(dict.fromkeys([ref, ref.upper()])))
        if rows:
            return rows[0]["entity"]["id"]
        try:
            hits = self.search_entities(ref, limit=20)
        except InvalidParameter:
            hits = []
        exact = [h for h in hits if h.exact]
        if len(exact) == 1:
            return exact[0].id
        if len(exact) > 1:
            names = ", ".join(f"{h.id} ({h.name})" for h in exact[:5])
            raise NotFound(f"{field}: {ref!r} names several entities ({names}); use an id")
        hint = f"; did you mean {hits[0].id} ({hits[0].name})?" if hits else ""
        raise NotFound(f"{field}: no entity {ref!r}{hint}")

    def entity(self, ref: str) -> EntityView:
        key = self.resolve(ref)
        rows = self._rows(q.ENTITY_DETAIL, id=key)
        if not rows:
            raise NotFound(f"id: no entity {ref!r}")
        row = rows[0]
        counts = self._rows(q.ENTITY_RELATION_COUNTS, id=key, types=q.RELATION_TYPES)
        data = {k: v for k, v in row["entity"].items() if v is not None}
        return EntityView.model_validate(
            {
                **data,
                "positions": row["positions"],
                "relation_counts": counts,
                "mentioned_in": row["mentioned_in"],
            }
        )

    def entity_relations(
        self,
        ref: str,
        *,
        relation: Relation | None = None,
        direction: Direction = "both",
        status: AggregateStatus | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page[RelationView]:
        check_limit(limit)
        since = _date_param(since, "since")
        until = _date_param(until, "until")
        after = decode_cursor(cursor, 2)
        key = self.resolve(ref)
        rows = self._rows(
            q.ENTITY_RELATIONS,
            id=key,
            types=[relation.value] if relation else q.RELATION_TYPES,
            direction=direction,
            status=status.value if status else None,
            since=since,
            until=until,
            after=after,
            fetch=limit + 1,
        )
        items = []
        for row in rows[:limit]:
            if row["assertion"] is None:
                continue  # an edge whose assertion is gone; the loader rebuilds such edges
            data = _assertion(row["assertion"], row["claims"])
            items.append(
                RelationView.model_validate(
                    {**data, "direction": row["direction"], "counterpart": row["counterpart"]}
                )
            )
        nxt = encode_cursor(rows[limit - 1]["key"]) if len(rows) > limit else None
        return Page[RelationView](items=items, limit=limit, next_cursor=nxt)

    # -------------------------------------------------------------- between two entities

    def relations_between(
        self, a: str, b: str, *, limit: int = 100, cursor: str | None = None
    ) -> Page[AssertionView]:
        check_limit(limit)
        after = decode_cursor(cursor, 2)
        ka, kb = self.resolve(a, "a"), self.resolve(b, "b")
        if ka == kb:
            raise InvalidParameter("b", "must be a different entity from a")
        rows = self._rows(q.RELATIONS_BETWEEN, a=ka, b=kb, after=after, fetch=limit + 1)
        items = [
            AssertionView.model_validate(_assertion(r["assertion"], r["claims"]))
            for r in rows[:limit]
        ]
        nxt = encode_cursor(rows[limit - 1]["key"]) if len(rows) > limit else None
        return Page[AssertionView](items=items, limit=limit, next_cursor=nxt)

    def paths(
        self, source: str, target: str, *, max_hops: int = 3, limit: int = 10
    ) -> list[PathView]:
        """Simple paths over browsing edges, shortest first, up to `limit` routes."""
        if not 1 <= max_hops <= MAX_HOPS:
            raise InvalidParameter("max_hops", f"must be between 1 and {MAX_HOPS}")
        if not 1 <= limit <= 50:
            raise InvalidParameter("limit", "must be between 1 and 50")
        ks, kt = self.resolve(source, "from"), self.resolve(target, "to")
        if ks == kt:
            raise InvalidParameter("to", "must be a different entity from 'from'")
        routes: list[list[dict[str, Any]]] = []
        # Length by length, each query stopping at the limit: fan-out stays bounded.
        for hops in range(1, max_hops + 1):
            rows = self._rows(
                q.paths_of_length(hops), source=ks, target=kt, limit=limit - len(routes)
            )
            routes += [r["nodes"] for r in rows]
            if len(routes) >= limit:
                break
        pairs = list(
            dict.fromkeys((n[i]["id"], n[i + 1]["id"]) for n in routes for i in range(len(n) - 1))
        )
        edges: dict[tuple[str, str], list[dict[str, Any]]] = {}
        if pairs:
            for row in self._rows(
                q.PATH_EDGES, pairs=[list(p) for p in pairs], types=q.RELATION_TYPES
            ):
                edges[tuple(row["pair"])] = row["edges"]  # type: ignore[index]
        out = []
        for nodes in routes:
            hops_ = [
                PathHop(
                    source=s["id"],
                    target=t["id"],
                    edges=[PathEdge.model_validate(e) for e in edges.get((s["id"], t["id"]), [])],
                )
                for s, t in itertools.pairwise(nodes)
            ]
            out.append(
                PathView(
                    length=len(hops_),
                    nodes=[EntitySummary.model_validate(n) for n in nodes],
                    hops=hops_,
                )
            )
        return out

    # -------------------------------------------------------------- timeline, claims

    def timeline(
        self, ref: str, *, limit: int = 100, cursor: str | None = None
    ) -> Page[TimelineEntry]:
        check_limit(limit)
        after = decode_cursor(cursor, 2)
        key = self.resolve(ref)
        rows = self._rows(q.TIMELINE, id=key, after=after, fetch=limit + 1)
        items = []
        for r in rows[:limit]:
            claim = _claim(r["claim"]).model_dump()
            a = r["assertion"]
            items.append(
                TimelineEntry.model_validate(
                    {
                        **{k: v for k, v in claim.items() if k != "said_by"},
                        "when": r["when"],
                        "when_kind": r["when_kind"],
                        "assertion": a["id"],
                        "relation": a["relation"],
                        "mode": a.get("mode"),
                        "title": a.get("title"),
                        "subject": a["subject"],
                        "object": a.get("object"),
                        "assertion_status": a["status"],
                    }
                )
            )
        nxt = encode_cursor(rows[limit - 1]["key"]) if len(rows) > limit else None
        return Page[TimelineEntry](items=items, limit=limit, next_cursor=nxt)

    def claims(
        self,
        *,
        status: AggregateStatus | None = None,
        entity: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page[AssertionView]:
        """Assertions with a claim of `status` (or, for `contested`, contested assertions),
        each with all its claims so both sides show."""
        check_limit(limit)
        after = decode_cursor(cursor, 1)
        key = self.resolve(entity, "entity") if entity else None
        rows = self._rows(
            q.CLAIMS,
            status=status.value if status else None,
            entity=key,
            after=after,
            fetch=limit + 1,
        )
        items = [
            AssertionView.model_validate(_assertion(r["assertion"], r["claims"]))
            for r in rows[:limit]
        ]
        nxt = encode_cursor(rows[limit - 1]["key"]) if len(rows) > limit else None
        return Page[AssertionView](items=items, limit=limit, next_cursor=nxt)

    # -------------------------------------------------------------- articles, stats

    def articles(self, *, limit: int = 50, cursor: str | None = None) -> Page[ArticleSummary]:
        check_limit(limit)
        after = decode_cursor(cursor, 1)
        rows = self._rows(q.ARTICLES, after=after, fetch=limit + 1)
        items = [
            ArticleSummary.model_validate(
                {**_present(r["article"]), "claim_count": r["claim_count"]}
            )
            for r in rows[:limit]
        ]
        nxt = encode_cursor(rows[limit - 1]["key"]) if len(rows) > limit else None
        return Page[ArticleSummary](items=items, limit=limit, next_cursor=nxt)

    def article(self, article_id: str) -> ArticleView:
        rows = self._rows(q.ARTICLE, id=article_id)
        if not rows:
            raise NotFound(f"id: no article {article_id!r}")
        facts = self._rows(q.ARTICLE_FACTS, id=article_id)
        r = rows[0]
        return ArticleView.model_validate(
            {
                **_present(r["article"]),
                "claim_count": r["claim_count"],
                "mentions": sorted(r["mentions"], key=lambda e: e["name"]),
                "facts": [_assertion(f["assertion"], f["claims"]) for f in facts],
            }
        )

    def stats(self) -> Stats:
        row = self._rows(q.STATS, types=q.RELATION_TYPES)[0]
        relations: dict[str, dict[str, int]] = {}
        for t, s, n in row["relations"]:
            relations.setdefault(t, {})[s] = n
        return Stats(
            labels=dict(row["labels"]),
            relationships=dict(row["relationships"]),
            relations=relations,
            assertions_by_status=dict(row["assertions"]),
            claims_by_status=dict(row["claims"]),
        )


def _present(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}
