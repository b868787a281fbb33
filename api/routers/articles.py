"""Articles: list, detail with the facts each supports; ingest and delete (API key)."""

from __future__ import annotations

import importlib
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field, field_validator

from api.deps import DriverDep, ReaderDep, SettingsDep, WriteKey
from graph import writer
from graph.keys import slug
from graph.model import Key, PartialDate, check_partial_date
from graph.views import ArticleSummary, ArticleView, IngestResult, Page
from graph.writer import LoadResult

router = APIRouter(prefix="/articles", tags=["articles"])

ArticleId = Annotated[str, Path(min_length=1, max_length=200, examples=["2021-11-11-moscow-mali"])]


@router.get("", summary="Articles, by id")
def list_articles(
    reader: ReaderDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> Page[ArticleSummary]:
    return reader.articles(limit=limit, cursor=cursor)


@router.get("/{id}", summary="One article with the facts it supports")
def get_article(reader: ReaderDep, id: ArticleId) -> ArticleView:
    """Each fact comes with this article's claims about it (speaker, status, evidence)."""
    return reader.article(id)


class ArticleIn(BaseModel):
    """A raw article to extract facts from. `text` may be plain wire text (title on the first
    line), HTML, or a JSON object with `title`/`text`; the fields below override what the
    text says."""

    text: str = Field(min_length=1, description="The article as plain text, HTML or JSON")
    id: Key | None = Field(default=None, description="Article id; default: a slug of the title")
    title: str | None = Field(default=None, min_length=1, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    publisher: str | None = Field(default=None, max_length=300)
    published: PartialDate | None = None
    extractor: str = Field(default="rules", max_length=50, description="Registered extractor")

    # Checked here, like a fact document's, so a bad value is a 422 naming the field and not a
    # failure (500) when the extracted document is built from it.
    @field_validator("published", mode="before")
    @classmethod
    def _date(cls, v: str | int | None) -> str | None:
        return check_partial_date(v)


def _extraction() -> tuple[object, object]:
    """The extraction stages (loaders.extract); 501 while they are not part of this build."""
    try:
        article = importlib.import_module("loaders.extract.article")
        registry = importlib.import_module("loaders.extract.registry")
        importlib.import_module("loaders.extract.pipeline")
    except ModuleNotFoundError as e:
        raise HTTPException(
            501,
            f"Article extraction is not available in this build ({e.name} is missing); "
            "load a fact document with POST /facts instead.",
        ) from None
    return article, registry


@router.post(
    "",
    summary="Extract facts from a raw article and load them (API key)",
    dependencies=[WriteKey],
    tags=["write"],
)
def ingest_article(body: ArticleIn, driver: DriverDep, settings: SettingsDep) -> IngestResult:
    """Runs the extraction pipeline on the text, then loads the resulting fact document like
    `POST /facts` (replacing an earlier version of the same article)."""
    article, registry = _extraction()
    first_line = body.text.strip().splitlines()[0] if body.text.strip() else ""
    article_id = body.id or slug(body.title or first_line or "article")
    raw = article.parse_text(body.text, "<request>", article_id)  # type: ignore[attr-defined]
    for field in ("title", "url", "publisher", "published"):
        value = getattr(body, field)
        if value is not None:
            setattr(raw, field, value)
    doc = registry.get_extractor(body.extractor).extract(raw)  # type: ignore[attr-defined]
    result = writer.load_document(driver, settings.neo4j_database, doc, origin="extraction")
    return IngestResult(document=doc, result=result)


@router.delete(
    "/{id}",
    summary="Delete an article and what only it supported (API key)",
    dependencies=[WriteKey],
    tags=["write"],
)
def delete_article(id: ArticleId, driver: DriverDep, settings: SettingsDep) -> LoadResult:
    """Removes the article, its claims, facts no other article supports, and entities left
    with no relationship. Unknown id: 404."""
    return writer.delete_article(driver, settings.neo4j_database, id)
