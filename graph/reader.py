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
from collections.abc import Callable
from typing import Any, Literal, LiteralString, TypeVar

from neo4j import Session, unit_of_work

from graph.cypher import read as q
from graph.errors import InvalidInput, NotFound
from graph.keys import fold
from graph.model import OPPOSING, SUPPORTING, EntityType, Evidence, check_partial_date
from graph.views import (
    CLAIM_LIMIT,
    MAX_CLAIM_LIMIT,
    VOICE_LIMIT,
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
    claim_when,
    voices,
)
from graph.vocab import Relation

T = TypeVar("T")

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


def _evidence(row: dict[str, Any]) -> Evidence | None:
    if not row.get("evidence_text"):
        return None
    return Evidence.model_construct(
        text=row["evidence_text"], start=row.get("evidence_start"), end=row.get("evidence_end")
    )


def _claim(row: dict[str, Any]) -> ClaimView:
    ev = _evidence(row)
    data = {k: v for k, v in row.items() if v is not None}
    data["context"] = row.get("context") or []
    data["sources"] = row.get("sources") or []
    return ClaimView.model_validate({**data, "evidence": ev})


def _newest_first(claims: list[ClaimView]) -> list[ClaimView]:
    return sorted(claims, key=lambda c: (claim_when(c), c.id), reverse=True)


def _sampled(row: dict[str, Any]) -> dict[str, Any]:
    """An assertion row of the sampled projection (graph.cypher.read._ASSERTION_SAMPLED):
    the claim sample of both sides merged newest first, voices as the query computed them."""
    data = {k: v for k, v in row["assertion"].items() if v is not None}
    data["claims"] = _newest_first([_claim(c) for c in row["claims"]])
    data["supported_by"] = row["supported_by"]
    data["denied_by"] = row["denied_by"]
    return data


def _complete(assertion: dict[str, Any], claims: list[dict[str, Any]]) -> dict[str, Any]:
    """An assertion with a complete list of claims (an article's): voices from those."""
    data = {k: v for k, v in assertion.items() if v is not None}
    views = _newest_first([_claim(c) for c in claims])
    data["claims"] = views
    data["supported_by"] = voices(views, SUPPORTING)
    data["denied_by"] = voices(views, OPPOSING)
    return data


def check_claim_limit(claim_limit: int) -> int:
    if not 0 <= claim_limit <= MAX_CLAIM_LIMIT:
        raise InvalidParameter("claim_limit", f"must be between 0 and {MAX_CLAIM_LIMIT}")
    return claim_limit


def _sample(claim_limit: int) -> dict[str, Any]:
    return q.sample_params(check_claim_limit(claim_limit), VOICE_LIMIT)


def _timeline_by_date(plan: Any, fetch: int) -> bool:
    """Walk all claims in date order (TIMELINE_BY_DATE) rather than the entity's own claims
    (TIMELINE) when that is cheaper: the walk meets the entity's claims at the rate of its
    share of all claims, so it reads about fetch * claims / own claims entries, against the
    own claims (estimated from the entity's assertion count) for TIMELINE."""
    if not plan["assertions"]:
        return False
    own = plan["degree"] * plan["claims"] / plan["assertions"]
    return own * own > fetch * plan["claims"]


def _ref(ref: str, field: str) -> str:
    ref = ref.strip()
    if not ref:
        raise InvalidParameter(field, "must not be empty")
    return ref


# ------------------------------------------------------------------ the service


class Reader:
    """Read queries, one read transaction each.

    Entity references are tried as graph ids first, inside the main query: a request that
    names entities by id (the common case) costs one query. Only when that finds nothing is
    the reference resolved (ISO3 in any case, a unique name or alias) and the query re-run.
    """

    def __init__(self, session: Session, *, timeout: float) -> None:
        self.session = session
        self.timeout = timeout

    def _rows(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        @unit_of_work(timeout=self.timeout)
        def work(tx: Any) -> list[dict[str, Any]]:
            return [dict(r.items()) for r in tx.run(query, params)]

        return self.session.execute_read(work)

    def _read(self, fn: Callable[[Any], T]) -> T:
        """Run `fn(tx)` in one read transaction (several queries, one round of BEGIN/COMMIT)."""
        return self.session.execute_read(unit_of_work(timeout=self.timeout)(fn))

    def _by_ref(
        self, refs: dict[str, str], run: Callable[[dict[str, str]], list[dict[str, Any]]]
    ) -> tuple[dict[str, str], list[dict[str, Any]]]:
        """`run(keys)` with the references taken as ids; if that returns nothing, resolve them
        (raising NotFound for unknown ones) and run again with the keys when they differ."""
        rows = run(refs)
        if rows:
            return refs, rows
        keys = {field: self.resolve(ref, field) for field, ref in refs.items()}
        if keys == refs:
            return keys, rows
        return keys, run(keys)

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
        params = {
            "candidates": max(50, limit * 5),
            "type": type_value,
            "ids": list(dict.fromkeys([text, text.upper()])),
        }

        def work(tx: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            # All words first; any word only when nothing matches them all.
            for all_words in (True, False):
                lucene = lucene_query(text, all_words=all_words)
                row = tx.run(q.ENTITY_SEARCH, params, lucene=lucene).single()
                if row["hits"]:
                    break
            return row["hits"], row["by_id"]

        hits, by_id = self._read(work)
        wanted = fold(text)
        ranked: dict[str, tuple[tuple[int, float], EntityHit]] = {}
        for row in [*({"entity": e, "score": 0.0, "id": True} for e in by_id), *hits]:
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
        def work(tx: Any, key: str) -> list[dict[str, Any]]:
            row = tx.run(q.ENTITY_DETAIL, id=key).single()
            if row is None:
                return []
            counts = tx.run(q.ENTITY_RELATION_COUNTS, id=key)
            return [{**dict(row.items()), "counts": [dict(c.items()) for c in counts]}]

        _, rows = self._by_ref(
            {"id": _ref(ref, "id")}, lambda k: self._read(lambda tx: work(tx, k["id"]))
        )
        row = rows[0]
        counts = row["counts"]
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
        claim_limit: int = CLAIM_LIMIT,
    ) -> Page[RelationView]:
        check_limit(limit)
        if direction not in ("out", "in", "both"):
            raise InvalidParameter("direction", "must be out, in or both")
        params = {
            "status": status.value if status else None,
            "since": _date_param(since, "since"),
            "until": _date_param(until, "until"),
            "after": decode_cursor(cursor, 2),
            "fetch": limit + 1,
            **_sample(claim_limit),
        }
        query = q.entity_relations(relation, direction)
        _, rows = self._by_ref(
            {"id": _ref(ref, "id")}, lambda k: self._rows(query, id=k["id"], **params)
        )
        items = [
            RelationView.model_validate(
                {**_sampled(row), "direction": row["direction"], "counterpart": row["counterpart"]}
            )
            for row in rows[:limit]
            # An edge whose assertion is gone is skipped; the loader rebuilds such edges.
            if row["assertion"] is not None
        ]
        nxt = encode_cursor(rows[limit - 1]["key"]) if len(rows) > limit else None
        return Page[RelationView](items=items, limit=limit, next_cursor=nxt)

    # -------------------------------------------------------------- between two entities

    def relations_between(
        self,
        a: str,
        b: str,
        *,
        limit: int = 100,
        cursor: str | None = None,
        claim_limit: int = CLAIM_LIMIT,
    ) -> Page[AssertionView]:
        check_limit(limit)
        params = {"after": decode_cursor(cursor, 2), "fetch": limit + 1, **_sample(claim_limit)}
        refs = {"a": _ref(a, "a"), "b": _ref(b, "b")}
        if refs["a"] == refs["b"]:
            raise InvalidParameter("b", "must be a different entity from a")
        keys, rows = self._by_ref(
            refs, lambda k: self._rows(q.RELATIONS_BETWEEN, a=k["a"], b=k["b"], **params)
        )
        if keys["a"] == keys["b"]:
            raise InvalidParameter("b", "must be a different entity from a")
        items = [AssertionView.model_validate(_sampled(r)) for r in rows[:limit]]
        nxt = encode_cursor(rows[limit - 1]["key"]) if len(rows) > limit else None
        return Page[AssertionView](items=items, limit=limit, next_cursor=nxt)

    # -------------------------------------------------------------- one assertion

    def assertion(self, assertion_id: str, *, claim_limit: int = CLAIM_LIMIT) -> AssertionView:
        rows = self._rows(q.ASSERTION, id=assertion_id, **_sample(claim_limit))
        if not rows:
            raise NotFound(f"id: no assertion {assertion_id!r}")
        return AssertionView.model_validate(_sampled(rows[0]))

    def assertion_claims(
        self, assertion_id: str, *, limit: int = 50, cursor: str | None = None
    ) -> Page[ClaimView]:
        """Every claim about one assertion, newest first (`ClaimView.when`, then id)."""
        check_limit(limit)
        rows = self._rows(
            q.ASSERTION_CLAIMS, id=assertion_id, after=decode_cursor(cursor, 2), fetch=limit + 1
        )
        if not rows:
            raise NotFound(f"id: no assertion {assertion_id!r}")
        page = rows[0]["rows"]
        items = [_claim(c) for _, c in page[:limit]]
        nxt = encode_cursor(page[limit - 1][0]) if len(page) > limit else None
        return Page[ClaimView](items=items, limit=limit, next_cursor=nxt)

    def paths(
        self, source: str, target: str, *, max_hops: int = 3, limit: int = 10
    ) -> list[PathView]:
        """Simple paths over browsing edges, shortest first, up to `limit` routes."""
        if not 1 <= max_hops <= MAX_HOPS:
            raise InvalidParameter("max_hops", f"must be between 1 and {MAX_HOPS}")
        if not 1 <= limit <= 50:
            raise InvalidParameter("limit", "must be between 1 and 50")
        refs = {"from": _ref(source, "from"), "to": _ref(target, "to")}
        if refs["from"] == refs["to"]:
            raise InvalidParameter("to", "must be a different entity from 'from'")

        def work(tx: Any, keys: dict[str, str]) -> list[dict[str, Any]]:
            # Length by length, each query stopping at the limit: fan-out stays bounded.
            # All in one transaction, with the edges of the hops found.
            routes: list[list[dict[str, Any]]] = []
            for hops in range(1, max_hops + 1):
                res = tx.run(
                    q.paths_of_length(hops),
                    source=keys["from"],
                    target=keys["to"],
                    limit=limit - len(routes),
                )
                routes += [r["nodes"] for r in res]
                if len(routes) >= limit:
                    break
            if not routes:
                return []
            pairs = list(
                dict.fromkeys(
                    (n[i]["id"], n[i + 1]["id"]) for n in routes for i in range(len(n) - 1)
                )
            )
            res = tx.run(q.PATH_EDGES, pairs=[list(p) for p in pairs])
            return [{"routes": routes, "edges": {tuple(r["pair"]): r["edges"] for r in res}}]

        keys, found = self._by_ref(refs, lambda k: self._read(lambda tx: work(tx, k)))
        if keys["from"] == keys["to"]:
            raise InvalidParameter("to", "must be a different entity from 'from'")
        routes: list[list[dict[str, Any]]] = found[0]["routes"] if found else []
        edges: dict[tuple[str, str], list[dict[str, Any]]] = found[0]["edges"] if found else {}
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
        params = {"after": after, "fetch": limit + 1}

        def work(tx: Any, key: str) -> list[dict[str, Any]]:
            plan = tx.run(q.TIMELINE_PLAN, id=key).single()
            if plan is None:
                return []
            query = q.TIMELINE_BY_DATE if _timeline_by_date(plan, limit + 1) else q.TIMELINE
            return [dict(r.items()) for r in tx.run(query, id=key, **params)]

        _, rows = self._by_ref(
            {"id": _ref(ref, "id")}, lambda k: self._read(lambda tx: work(tx, k["id"]))
        )
        items = []
        for r in rows[:limit]:
            c, a = r["claim"], r["assertion"]
            data = {k: v for k, v in c.items() if v is not None}
            if (ev := _evidence(c)) is not None:
                data["evidence"] = ev
            items.append(
                TimelineEntry.model_validate(
                    {
                        **data,
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
        claim_limit: int = CLAIM_LIMIT,
    ) -> Page[AssertionView]:
        """Assertions with a claim of `status` (or, for `contested`, contested assertions),
        each with a sample of its claims from both sides and who stands on each."""
        check_limit(limit)
        after = decode_cursor(cursor, 1)
        key = self.resolve(entity, "entity") if entity else None
        rows = self._rows(
            q.CLAIMS,
            status=status.value if status else None,
            entity=key,
            after=after,
            fetch=limit + 1,
            **_sample(claim_limit),
        )
        items = [AssertionView.model_validate(_sampled(r)) for r in rows[:limit]]
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
                "facts": [_complete(f["assertion"], f["claims"]) for f in facts],
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
