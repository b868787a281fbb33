"""Fact documents from YAML/JSON files into the graph (`geokg load`).

Each file holds one `FactDocument`. A file that fails to parse, validate or write is reported
with its path, line, fact and field, and nothing of it is written (one transaction per
document); the other files carry on unless `strict` is set.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from neo4j import Driver
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired
from pydantic import ValidationError

from graph.errors import GeoKGError, InvalidInput, Unavailable
from graph.model import EntityType, FactDocument
from graph.writer import LoadResult, load_document

SUFFIXES = (".yaml", ".yml", ".json")
_TAGS = {t.value for t in EntityType}  # pydantic puts the union tag into entity error paths


_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _Loader(_SafeLoader):
    """SafeLoader that keeps dates as text: the model validates partial dates itself, and
    PyYAML would crash on an impossible date like 2021-13-01 instead of reporting it."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


class DocumentError(GeoKGError):
    """A fact document that cannot be loaded; `problems` holds one message per problem."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__("\n".join(f"{self.path}: {p}" for p in problems))


# ------------------------------------------------------------------ finding files


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files, folders (recursively, .yaml/.yml/.json) and globs -> sorted unique files."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(f for f in sorted(p.rglob("*")) if f.suffix in SUFFIXES and f.is_file())
        elif p.is_file():
            found.append(p)
        elif glob.has_magic(str(raw)):
            matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))]
            files = [m for m in matches if m.is_file() and m.suffix in SUFFIXES]
            if not files:
                raise InvalidInput(f"{raw}: the pattern matches no .yaml/.yml/.json file")
            found.extend(files)
        else:
            raise InvalidInput(f"{raw}: no such file or folder")
    seen: set[Path] = set()
    out: list[Path] = []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            out.append(f)
    return out


# ------------------------------------------------------------------ reading and validating


def _line_of(root: yaml.Node | None, loc: Sequence[Any]) -> int | None:
    """1-based line of the node at `loc` in a composed YAML/JSON tree, best effort."""
    node = root
    line = None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if 0 <= part < len(node.value) else None
    if node is not None:
        line = node.start_mark.line + 1
    return line


def _fact_label(data: Any, n: int) -> str:
    try:
        fid = data["facts"][n].get("id")
    except (KeyError, IndexError, TypeError, AttributeError):
        fid = None
    return f"facts[{n}] (id {fid!r})" if fid else f"facts[{n}] (no id, f{n + 1})"


def _entity_label(data: Any, n: int) -> str:
    try:
        eid = data["entities"][n].get("id")
    except (KeyError, IndexError, TypeError, AttributeError):
        eid = None
    return f"entities[{n}] ({eid!r})" if eid else f"entities[{n}]"


def validation_problems(err: ValidationError, data: Any, tree: yaml.Node | None) -> list[str]:
    """One message per pydantic error: 'line N: facts[3] (id 'f4').evidence.start: <why>'."""
    out: list[str] = []
    for e in err.errors(include_url=False):
        loc = list(e["loc"])
        if len(loc) >= 3 and loc[0] == "entities" and loc[2] in _TAGS:
            loc.pop(2)
        msg = str(e["msg"]).removeprefix("Value error, ")
        where = ""
        rest = loc
        if len(loc) >= 2 and loc[0] == "facts" and isinstance(loc[1], int):
            where, rest = _fact_label(data, loc[1]), loc[2:]
        elif len(loc) >= 2 and loc[0] == "entities" and isinstance(loc[1], int):
            where, rest = _entity_label(data, loc[1]), loc[2:]
        for part in rest:
            where += f"[{part}]" if isinstance(part, int) else ("." if where else "") + str(part)
        inp = e.get("input")
        scalar = isinstance(inp, str | int | float) and len(str(inp)) <= 80
        if scalar and e["type"] not in ("missing", "extra_forbidden") and str(inp) not in msg:
            msg += f" (got {inp!r})"
        line_loc = loc
        if not loc and (m := _fact_ref(msg)) is not None:
            line_loc = ["facts", m]
        line = _line_of(tree, line_loc)
        prefix = f"line {line}: " if line else ""
        out.append(f"{prefix}{where}: {msg}" if where else f"{prefix}{msg}")
    return out


def _fact_ref(msg: str) -> int | None:
    if msg.startswith("facts[") and "]" in msg:
        try:
            return int(msg[6 : msg.index("]")])
        except ValueError:
            return None
    return None


def read_document(path: Path) -> FactDocument:
    """Parse and validate one file; DocumentError lists every problem found."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DocumentError(path, [f"cannot read: {e}"]) from None
    tree: yaml.Node | None = None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_Loader)
    except json.JSONDecodeError as e:
        raise DocumentError(path, [f"line {e.lineno}: invalid JSON: {e.msg}"]) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise DocumentError(path, [f"{where}invalid YAML: {problem}"]) from None
    except RecursionError:
        # json and PyYAML parse nested containers recursively: a hostile or broken file with
        # thousands of '[' would otherwise crash the whole run instead of failing this file.
        raise DocumentError(path, ["nested too deeply to be a fact document"]) from None
    if not isinstance(data, dict):
        raise DocumentError(path, ["expected a mapping with 'article', 'entities' and 'facts'"])
    try:
        return FactDocument.model_validate(data)
    except ValidationError as e:
        try:
            # JSON is (nearly always) YAML too: composing it gives line numbers
            tree = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            tree = None
        raise DocumentError(path, validation_problems(e, data, tree)) from None


# ------------------------------------------------------------------ loading


@dataclass
class Failure:
    path: str
    problems: list[str]


@dataclass
class RunSummary:
    """What a `load` run did, summed over its documents."""

    files: int = 0
    created: list[str] = field(default_factory=list)  # article ids
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    stopped: bool = False  # strict mode hit an error and did not look at the rest
    entities_created: int = 0
    entities_updated: int = 0
    entities_deleted: int = 0
    facts: int = 0  # facts in the documents loaded or found unchanged
    claims_created: int = 0
    claims_updated: int = 0
    claims_deleted: int = 0
    assertions_created: int = 0
    assertions_updated: int = 0
    assertions_deleted: int = 0

    @property
    def loaded(self) -> int:
        return len(self.created) + len(self.updated)

    @property
    def ok(self) -> bool:
        return not self.failed

    def add(self, r: LoadResult, n_facts: int) -> None:
        {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}[
            r.status
        ].append(r.article_id)
        self.facts += n_facts
        for name in (
            "entities_created",
            "entities_updated",
            "entities_deleted",
            "claims_created",
            "claims_updated",
            "claims_deleted",
            "assertions_created",
            "assertions_updated",
            "assertions_deleted",
        ):
            setattr(self, name, getattr(self, name) + getattr(r, name))


def load_files(
    driver: Driver,
    database: str,
    files: Sequence[Path],
    *,
    strict: bool = False,
    origin: str = "document",
    on_file: Callable[[Path, LoadResult | Failure], None] | None = None,
) -> RunSummary:
    """Load each file in its own transaction. Unreachable Neo4j aborts the run (Unavailable)."""
    summary = RunSummary()
    seen: dict[str, Path] = {}
    for path in files:
        summary.files += 1
        outcome: LoadResult | Failure
        try:
            doc = read_document(path)
            aid = doc.article.id
            if aid in seen:
                raise DocumentError(
                    path, [f"article id {aid!r} is also the id of {seen[aid]} in this run"]
                )
            seen[aid] = path
            outcome = load_document(driver, database, doc, origin=origin)
            summary.add(outcome, len(doc.facts))
        except DocumentError as e:
            outcome = Failure(str(path), e.problems)
        except (ServiceUnavailable, SessionExpired) as e:
            raise Unavailable(f"Neo4j became unreachable while loading {path}: {e}") from e
        except Unavailable:
            raise
        except (GeoKGError, Neo4jError) as e:
            # resolution or write-time errors: the transaction rolled back, nothing written
            outcome = Failure(str(path), [getattr(e, "message", None) or str(e)])
        if isinstance(outcome, Failure):
            summary.failed.append(outcome)
        if on_file is not None:
            on_file(path, outcome)
        if isinstance(outcome, Failure) and strict:
            summary.stopped = summary.files < len(files)
            break
    return summary


def load_paths(
    driver: Driver,
    database: str,
    paths: Iterable[str | Path],
    *,
    strict: bool = False,
    origin: str = "document",
) -> RunSummary:
    """`expand_paths` then `load_files`."""
    return load_files(driver, database, expand_paths(paths), strict=strict, origin=origin)
