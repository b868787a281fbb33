"""Guarded Cypher for power users: read-only queries only, checked twice, run in a READ transaction.

A query is refused unless every check passes:

1. text checks on a small Cypher lexer (comments, strings and backticks handled, so tricks that
   hide keywords in comments or look-alike characters do not pass): one statement; no write,
   schema or administration clause; no `LOAD CSV`; no `CALL {...} IN TRANSACTIONS`; no `USE`;
   procedures only from `ALLOWED_PROCEDURES`; namespaced functions only if built in or allowed;
2. Neo4j's own `EXPLAIN`: the query type must be read-only (`r`), the plan must hold no write,
   `LoadCSV`, transaction or administration operator, and every `ProcedureCall` operator must
   name an allowed procedure (the plan is authoritative: it sees through backticks and aliases);
3. execution in a READ transaction with a server-side timeout and a row cap.

Policy refusals raise `Forbidden` (HTTP 403); queries Neo4j cannot parse raise `InvalidInput`
(HTTP 422); a timeout surfaces as Neo4j's TransactionTimedOut error (HTTP 504 at the edge).
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString, cast

from neo4j import READ_ACCESS, Driver, ManagedTransaction, ResultSummary, unit_of_work
from neo4j.exceptions import ClientError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time
from pydantic import BaseModel, Field

from graph.errors import Forbidden, InvalidInput

MAX_QUERY_CHARS = 20_000

# Read-only procedures a user may call. Names are matched exactly (Neo4j's are case-sensitive).
ALLOWED_PROCEDURES: frozenset[str] = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "dbms.components",
    }
)
# Neo4j types these as DBMS-mode ("s") although they only read; the one exception to "r only".
DBMS_READ_PROCEDURES: frozenset[str] = frozenset({"dbms.components"})
# User-defined (non built-in) functions allowed; built-ins are read from the server.
ALLOWED_FUNCTIONS: frozenset[str] = frozenset()

# Clause keywords that only exist to write, change the schema or administer the server.
_WRITE_WORDS = {
    "CREATE",
    "MERGE",
    "SET",
    "DELETE",
    "DETACH",
    "NODETACH",
    "REMOVE",
    "FOREACH",
    "INSERT",
    "LOAD",
    "DROP",
    "ALTER",
    "RENAME",
    "GRANT",
    "DENY",
    "REVOKE",
    "SHOW",
    "TERMINATE",
    "ENABLE",
    "DEALLOCATE",
    "REALLOCATE",
    "PERIODIC",
    "TRANSACTIONS",
}
_START_STOP_TARGETS = {"DATABASE", "DATABASES", "SERVER", "SERVERS"}

# Plan operators that must never appear (query_type would usually already say so).
_FORBIDDEN_OPERATORS = {
    "LoadCSV",
    "Foreach",
    "TransactionForeach",
    "TransactionApply",
    "AdministrationCommand",
}
_WRITE_OPERATOR_PREFIXES = ("Create", "Merge", "Set", "Delete", "DetachDelete", "Remove", "Drop")


# ------------------------------------------------------------------ lexer


@dataclass(frozen=True)
class Token:
    kind: str  # word, name (backticked), string, number, param, punct
    text: str  # words NFKC-normalised and upper-cased; names with backticks removed
    pos: int  # offsets into the query: [pos, end)
    end: int
    raw: str = ""  # words: NFKC-normalised, original case


_WORD_START = re.compile(r"[^\W\d]", re.UNICODE)


def tokenize(query: str) -> list[Token]:
    """Split Cypher into tokens; comments are dropped, strings kept opaque."""
    out: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif query.startswith("//", i):
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
        elif query.startswith("/*", i):
            j = query.find("*/", i + 2)
            if j < 0:
                raise InvalidInput(f"unterminated /* comment starting at offset {i}")
            i = j + 2
        elif c in "'\"":
            j = i + 1
            while j < n and query[j] != c:
                j += 2 if query[j] == "\\" else 1
            if j >= n:
                raise InvalidInput(f"unterminated string literal starting at offset {i}")
            out.append(Token("string", query[i + 1 : j], i, j + 1))
            i = j + 1
        elif c == "`":
            j, buf = i + 1, []
            while True:
                k = query.find("`", j)
                if k < 0:
                    raise InvalidInput(f"unterminated `backtick` name starting at offset {i}")
                buf.append(query[j:k])
                if query.startswith("``", k):  # doubled backtick escapes a backtick
                    buf.append("`")
                    j = k + 2
                    continue
                out.append(Token("name", "".join(buf), i, k + 1))
                i = k + 1
                break
        elif c == "$":
            j = i + 1
            while j < n and (query[j].isalnum() or query[j] == "_"):
                j += 1
            out.append(Token("param", query[i + 1 : j], i, j))
            i = max(j, i + 1)
        elif c.isdigit():
            j = i
            while j < n and (query[j].isalnum() or query[j] in "._"):
                j += 1
            out.append(Token("number", query[i:j], i, j))
            i = j
        elif _WORD_START.match(c) or c == "_":
            j = i
            while j < n and (query[j].isalnum() or query[j] == "_"):
                j += 1
            raw = unicodedata.normalize("NFKC", query[i:j])
            out.append(Token("word", raw.upper(), i, j, raw))
            i = j
        else:
            out.append(Token("punct", unicodedata.normalize("NFKC", c), i, i + 1))
            i += 1
    return out


def _qualified_name(tokens: list[Token], i: int) -> tuple[str, int]:
    """Read `a.b.c` (words or backticked parts) from tokens[i]; returns (name, next index)."""
    parts: list[str] = []
    while i < len(tokens) and tokens[i].kind in ("word", "name"):
        t = tokens[i]
        # words were upper-cased for keyword checks; procedure names need their real case
        parts.append(t.text if t.kind == "name" else t.raw)
        i += 1
        if i < len(tokens) and tokens[i].text == "." and i + 1 < len(tokens):
            i += 1
            continue
        break
    return ".".join(parts), i


# ------------------------------------------------------------------ text checks


def check_text(query: str, *, builtin_functions: Iterable[str] = ()) -> str:
    """Refuse what the text alone shows is not allowed; returns the statement to run."""
    if not query or not query.strip():
        raise InvalidInput("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput(f"the query is longer than {MAX_QUERY_CHARS} characters")
    tokens = tokenize(query)
    if not tokens:
        raise InvalidInput("the query holds only comments")
    # A trailing semicolon is harmless; any other separates statements.
    while tokens and tokens[-1].text == ";":
        tokens.pop()
    if not tokens:
        raise InvalidInput("the query holds no statement")
    statement = query[: tokens[-1].end]
    if any(t.text == ";" for t in tokens):
        raise Forbidden("only a single statement is allowed (found ';' between statements)")
    builtins = {f.lower() for f in builtin_functions}
    for i, t in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.kind != "word":
            continue
        # property keys (n.set), labels/types (:Create), parameters and map keys are not clauses
        if prev is not None and prev.text in (".", ":", "$"):
            continue
        # a variable in a node pattern or a map key: (create:Country), {set: 1}
        if nxt is not None and nxt.text == ":" and prev is not None and prev.text in "({,":
            continue
        word = t.text
        if word in _WRITE_WORDS:
            what = "LOAD CSV" if word == "LOAD" else word
            if word in ("TRANSACTIONS", "PERIODIC"):
                what = "CALL { ... } IN TRANSACTIONS / periodic commit"
            raise Forbidden(f"'{what}' is not allowed: /cypher runs read-only queries only")
        if word in ("START", "STOP") and nxt is not None and nxt.text in _START_STOP_TARGETS:
            raise Forbidden(f"'{word} {nxt.text}' is an administration command; not allowed")
        if word == "USE" and (prev is None or prev.text in ("{", "UNION", "ALL")):
            raise Forbidden("'USE' is not allowed: /cypher reads the configured database only")
        if word == "CALL" and nxt is not None and nxt.text not in ("{", "("):
            name, _ = _qualified_name(tokens, i + 1)
            if name not in ALLOWED_PROCEDURES:
                allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
                raise Forbidden(f"procedure '{name}' is not allowed; allowed: {allowed}")
    # namespaced function calls: ns.fn( ... ) not preceded by CALL
    for i, t in enumerate(tokens):
        if t.kind not in ("word", "name"):
            continue
        if i and tokens[i - 1].text in (".", "CALL", ":", "$"):
            continue
        name, j = _qualified_name(tokens, i)
        is_call = "." in name and j < len(tokens) and tokens[j].text == "("
        if is_call and name.lower() not in builtins and name not in ALLOWED_FUNCTIONS:
            raise Forbidden(f"function '{name}' is not a built-in or allowed function")
    return statement


# ------------------------------------------------------------------ plan checks


def _operators(plan: Mapping[str, Any] | None) -> Iterable[Mapping[str, Any]]:
    if not plan:
        return
    yield plan
    for child in plan.get("children", []) or []:
        yield from _operators(child)


def _op_name(op: Mapping[str, Any]) -> str:
    return str(op.get("operatorType", "")).split("@", 1)[0]


def _procedure_of(op: Mapping[str, Any]) -> str:
    details = str((op.get("args") or op.get("arguments") or {}).get("Details", ""))
    return details.split("(", 1)[0].strip().strip("`")


def check_plan(summary: ResultSummary) -> None:
    """Refuse unless Neo4j's EXPLAIN shows a read-only plan using allowed procedures only."""
    ops = list(_operators(cast(Mapping[str, Any] | None, summary.plan)))
    procedures = [_procedure_of(op) for op in ops if _op_name(op) == "ProcedureCall"]
    for proc in procedures:
        if proc not in ALLOWED_PROCEDURES:
            raise Forbidden(f"the plan calls procedure '{proc}', which is not allowed")
    for op in ops:
        name = _op_name(op)
        if name in _FORBIDDEN_OPERATORS or name.startswith(_WRITE_OPERATOR_PREFIXES):
            label = "LOAD CSV" if name == "LoadCSV" else name
            raise Forbidden(f"the query plan contains '{label}', which is not read-only")
    qtype = summary.query_type
    if qtype == "r":
        return
    if qtype == "s" and procedures and all(p in DBMS_READ_PROCEDURES for p in procedures):
        return
    kinds = {"rw": "read-write", "w": "write", "s": "schema/system"}
    raise Forbidden(
        f"Neo4j classifies this query as {kinds.get(str(qtype), qtype)}; only read-only queries run"
    )


# ------------------------------------------------------------------ results


class GraphNode(BaseModel):
    id: str = Field(description="Neo4j elementId")
    labels: list[str]
    properties: dict[str, Any]


class GraphRelationship(BaseModel):
    id: str = Field(description="Neo4j elementId")
    type: str
    start: str = Field(description="elementId of the start node")
    end: str = Field(description="elementId of the end node")
    properties: dict[str, Any]


class CypherRequest(BaseModel):
    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        examples=["MATCH (c:Country) RETURN c.name LIMIT 5"],
    )
    params: dict[str, Any] = Field(default_factory=dict)


class CypherResult(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]] = Field(description="Values as JSON; nodes/relationships inline")
    nodes: list[GraphNode] = Field(description="Every distinct node in the rows")
    relationships: list[GraphRelationship] = Field(description="Every distinct relationship")
    row_count: int
    truncated: bool = Field(description="True when more rows existed than row_cap")
    row_cap: int
    query_type: str
    elapsed_ms: float


class _Collector:
    def __init__(self) -> None:
        self.nodes: dict[str, GraphNode] = {}
        self.rels: dict[str, GraphRelationship] = {}

    def value(self, v: Any) -> Any:
        if isinstance(v, Node):
            return self.node(v).model_dump()
        if isinstance(v, Relationship):
            return self.rel(v).model_dump()
        if isinstance(v, Path):
            return {
                "nodes": [self.node(n).model_dump() for n in v.nodes],
                "relationships": [self.rel(r).model_dump() for r in v.relationships],
            }
        if isinstance(v, DateTime | Date | Time):
            return v.iso_format()
        if isinstance(v, Duration):
            return v.iso_format()
        if isinstance(v, Point):
            return {"srid": v.srid, "coordinates": list(v)}
        if isinstance(v, bytes | bytearray):
            return v.hex()
        if isinstance(v, list | tuple):
            return [self.value(x) for x in v]
        if isinstance(v, dict):
            return {str(k): self.value(x) for k, x in v.items()}
        if isinstance(v, float) and v != v:  # NaN is not JSON
            return None
        return v

    def props(self, entity: Node | Relationship) -> dict[str, Any]:
        return {k: self.value(x) for k, x in dict(entity).items()}

    def node(self, n: Node) -> GraphNode:
        if n.element_id not in self.nodes:
            self.nodes[n.element_id] = GraphNode(
                id=n.element_id, labels=sorted(n.labels), properties=self.props(n)
            )
        return self.nodes[n.element_id]

    def rel(self, r: Relationship) -> GraphRelationship:
        if r.element_id not in self.rels:
            assert r.start_node is not None and r.end_node is not None
            self.rels[r.element_id] = GraphRelationship(
                id=r.element_id,
                type=r.type,
                start=r.start_node.element_id,
                end=r.end_node.element_id,
                properties=self.props(r),
            )
            self.node(r.start_node)
            self.node(r.end_node)
        return self.rels[r.element_id]


# ------------------------------------------------------------------ the service

_builtins_lock = threading.Lock()
_builtins: frozenset[str] | None = None

SHOW_BUILTIN_FUNCTIONS: LiteralString = (
    "SHOW FUNCTIONS YIELD name, isBuiltIn WHERE isBuiltIn RETURN collect(name) AS names"
)

_INVALID_CODES = (
    "Statement.SyntaxError",
    "Statement.SemanticError",
    "Statement.ParameterMissing",
    "Statement.TypeError",
    "Statement.ArgumentError",
    "Statement.ParameterNotProvided",
)


def builtin_functions(driver: Driver, database: str) -> frozenset[str]:
    """The server's built-in function names (asked once per process; trusted query)."""
    global _builtins
    with _builtins_lock:
        if _builtins is None:
            records, _, _ = driver.execute_query(
                SHOW_BUILTIN_FUNCTIONS, database_=database, routing_="r"
            )
            _builtins = frozenset(records[0]["names"])
        return _builtins


def _explain(
    driver: Driver, database: str, statement: str, params: dict[str, Any], timeout: float
) -> ResultSummary:
    @unit_of_work(timeout=timeout)
    def work(tx: ManagedTransaction) -> ResultSummary:
        return tx.run(cast(LiteralString, "EXPLAIN " + statement), params).consume()

    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as s:
            return s.execute_read(work)
    except ClientError as e:
        code = e.code or ""
        msg = e.message or str(e)
        if any(c in code for c in _INVALID_CODES) and "Administration" not in msg:
            raise InvalidInput(f"Neo4j cannot run this query: {msg}") from e
        if "TransactionTimedOut" in code:
            raise
        raise Forbidden(f"refused by Neo4j while checking the query: {msg}") from e


def check(
    driver: Driver,
    database: str,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    timeout: float = 10.0,
) -> tuple[str, ResultSummary]:
    """Run every check; returns the statement to execute and its EXPLAIN summary."""
    params = _check_params(params or {})
    statement = check_text(query, builtin_functions=builtin_functions(driver, database))
    summary = _explain(driver, database, statement, params, timeout)
    check_plan(summary)
    return statement, summary


_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")


def _check_params(params: dict[str, Any]) -> dict[str, Any]:
    for k in params:
        if not _PARAM_NAME.match(k):
            raise InvalidInput(f"parameter name {k!r} must be a plain identifier")
    return params


def run_guarded(
    driver: Driver,
    database: str,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    timeout: float,
    row_cap: int,
) -> CypherResult:
    """Check the query, then run it read-only with a server-side timeout and a row cap."""
    params = dict(params or {})
    started = time.perf_counter()
    statement, summary = check(driver, database, query, params, timeout=timeout)
    collector = _Collector()

    @unit_of_work(timeout=timeout)
    def work(tx: ManagedTransaction) -> tuple[list[str], list[dict[str, Any]], bool]:
        result = tx.run(cast(LiteralString, statement), params)
        keys = list(result.keys())
        rows: list[dict[str, Any]] = []
        for record in result:
            if len(rows) >= row_cap:
                return keys, rows, True
            rows.append({k: collector.value(record[k]) for k in keys})
        return keys, rows, False

    try:
        with driver.session(database=database, default_access_mode=READ_ACCESS) as s:
            columns, rows, truncated = s.execute_read(work)
    except ClientError as e:
        if "TransactionTimedOut" in (e.code or ""):
            raise  # the API answers 504
        # the user's query failed at run time (e.g. / by zero, bad conversion): their input
        raise InvalidInput(f"Neo4j could not run this query: {e.message or e}") from e
    return CypherResult(
        columns=columns,
        rows=rows,
        nodes=list(collector.nodes.values()),
        relationships=list(collector.rels.values()),
        row_count=len(rows),
        truncated=truncated,
        row_cap=row_cap,
        query_type=str(summary.query_type),
        elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
    )
