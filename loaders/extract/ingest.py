"""Extract + load: articles in, claims in Neo4j out, one transaction per article (H2's writer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver

from graph.errors import InvalidInput
from graph.writer import LoadResult, load_document
from loaders.extract.article import ArticleError, read_article
from loaders.extract.registry import Extractor


@dataclass
class IngestSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    facts: int = 0
    entities_created: int = 0
    claims_created: int = 0
    claims_deleted: int = 0
    assertions_created: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def add(self, r: LoadResult, facts: int) -> None:
        self.facts += facts
        if r.status == "created":
            self.created += 1
        elif r.status == "unchanged":
            self.unchanged += 1
        else:
            self.updated += 1
        self.entities_created += r.entities_created
        self.claims_created += r.claims_created
        self.claims_deleted += r.claims_deleted
        self.assertions_created += r.assertions_created


def ingest_files(
    driver: Driver,
    database: str,
    files: list[Path],
    extractor: Extractor,
    on_file: Callable[[Path, str | None], None] | None = None,
) -> IngestSummary:
    """Extract and load each file; a file that fails is recorded and the rest go on."""
    summary = IngestSummary()
    for path in files:
        error: str | None = None
        try:
            doc = extractor.extract(read_article(path))
            result = load_document(driver, database, doc, origin="extraction")
            summary.add(result, len(doc.facts))
        except (ArticleError, InvalidInput) as e:
            error = str(e)
            summary.failed.append((str(path), error))
        if on_file is not None:
            on_file(path, error)
    return summary
