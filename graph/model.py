"""The domain model: one pydantic model per shape, shared by loaders, extraction, graph and API.

A fact document is what one article says: the article, the entities it names, and its facts.
Each fact becomes a *claim* (who says what, with which status, when, on what evidence) about an
*assertion* (subject, relation, object, mode) in the graph; see docs/graph-model.md.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.vocab import AUX_MODES, CONTEXTS, RELATIONS, Relation

SCHEMA_VERSION = 1

# Partial ISO dates: "2013", "2021-11", "2021-11-11". Stored as strings because they sort
# correctly as text and keep the precision the source gave.
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MIN_YEAR, MAX_YEAR = 1800, 2100


def check_partial_date(v: str | int | date | None) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        v = v.isoformat()
    if isinstance(v, int) and not isinstance(v, bool):
        v = str(v)  # a bare year, as YAML and JSON write it: `valid_from: 2013`
    if not isinstance(v, str):
        raise ValueError(f"{v!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    m = _PARTIAL_DATE.match(v)
    if not m:
        raise ValueError(f"{v!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = (int(g) if g else None for g in m.groups())
    if not MIN_YEAR <= y <= MAX_YEAR:  # type: ignore[operator]
        raise ValueError(f"year {y} is out of range {MIN_YEAR}..{MAX_YEAR}")
    try:
        date(y, mo or 1, d or 1)  # type: ignore[arg-type]
    except ValueError as e:
        raise ValueError(f"{v!r} is not a valid date: {e}") from None
    return v


PartialDate = Annotated[str, Field(examples=["2021-11-11", "2013"])]
Key = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$",
        description="Stable id: ISO3 for countries, a slug or Wikidata QID otherwise",
    ),
]
Name = Annotated[str, Field(min_length=1, max_length=300)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# ------------------------------------------------------------------ entities


class EntityType(StrEnum):
    COUNTRY = "country"
    ORGANIZATION = "organization"
    PERSON = "person"
    LOCATION = "location"


class OrgKind(StrEnum):
    GOVERNMENT = "government"
    MILITARY = "military"
    ARMED_GROUP = "armed_group"
    PMC = "private_military_company"
    IGO = "intergovernmental_organization"
    COMPANY = "company"
    MEDIA = "media"
    OTHER = "other"


class EntityBase(Strict):
    id: Key = Field(description="Id used inside this document; resolved to the graph key on load")
    name: Name
    aliases: list[Name] = Field(default_factory=list, max_length=200)
    qid: str | None = Field(default=None, pattern=r"^Q\d+$", description="Wikidata QID")
    description: str | None = Field(default=None, max_length=2000)


class Country(EntityBase):
    type: Literal[EntityType.COUNTRY] = EntityType.COUNTRY
    iso3: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 3166-1 alpha-3; resolved from the name or aliases when omitted",
    )
    demonyms: list[Name] = Field(default_factory=list)


class Organization(EntityBase):
    type: Literal[EntityType.ORGANIZATION] = EntityType.ORGANIZATION
    kind: OrgKind = OrgKind.OTHER
    country: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$", description="ISO3 of its state"
    )


class Person(EntityBase):
    type: Literal[EntityType.PERSON] = EntityType.PERSON
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


class Location(EntityBase):
    type: Literal[EntityType.LOCATION] = EntityType.LOCATION
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)


Entity = Annotated[Country | Organization | Person | Location, Field(discriminator="type")]


# ------------------------------------------------------------------ articles


class Article(Strict):
    id: Key
    url: str | None = Field(default=None, max_length=2000)
    title: str = Field(min_length=1, max_length=1000)
    publisher: str | None = Field(default=None, max_length=300)
    agency: str | None = Field(default=None, max_length=300, description="Agency or byline")
    published: PartialDate | None = None
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    content_hash: str | None = Field(
        default=None,
        pattern=r"^(sha256:)?[0-9a-f]{64}$",
        description="SHA-256 of the article text the evidence offsets point into",
    )

    @field_validator("published", mode="before")
    @classmethod
    def _date(cls, v: str | int | date | None) -> str | None:
        return check_partial_date(v)


# ------------------------------------------------------------------ facts


class Status(StrEnum):
    """How a claim stands. `intended` is the hedge for intent, plans, future or hypotheticals."""

    ASSERTED = "asserted"  # stated as fact by the speaker
    REPORTED = "reported"  # relayed from reports/sources, not vouched for
    ALLEGED = "alleged"  # an accusation or suspicion ("believed", "accused of")
    DENIED = "denied"
    CONFIRMED = "confirmed"
    RETRACTED = "retracted"
    INTENDED = "intended"  # "preparing to close", "will", "plans to", "could"


# The two sides of a fact (docs/graph-model.md); `intended` is on neither.
SUPPORTING: set[Status] = {Status.ASSERTED, Status.REPORTED, Status.ALLEGED, Status.CONFIRMED}
OPPOSING: set[Status] = {Status.DENIED, Status.RETRACTED}


class Attribution(StrEnum):
    ARTICLE = "article"  # the article's own voice
    NAMED = "named"  # a named person or organisation (attributed_to)
    UNNAMED = "unnamed"  # "reports", "sources", "it is believed"


class Evidence(Strict):
    text: str = Field(min_length=1, max_length=5000)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _span(self) -> Evidence:
        if (self.start is None) != (self.end is None):
            raise ValueError("start and end must be given together")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be after start ({self.start})")
        return self


class Fact(Strict):
    id: str | None = Field(default=None, max_length=200, description="Id within the document")
    subject: Key
    relation: Relation
    object: Key | None = None
    mode: str | None = Field(default=None, max_length=50)
    context: list[str] = Field(default_factory=list, max_length=10)
    aux: str | None = Field(default=None, description="PLOVER auxiliary mode")
    status: Status = Status.ASSERTED
    attributed_to: Key | None = Field(default=None, description="Entity id of the speaker")
    attribution: Attribution | None = Field(
        default=None, description="Defaults to 'named' with attributed_to, else 'article'"
    )
    title: str | None = Field(default=None, max_length=300, description="HOLDS_POSITION title")
    date: PartialDate | None = Field(default=None, description="When the event happened")
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    evidence: Evidence | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @field_validator("date", "valid_from", "valid_to", mode="before")
    @classmethod
    def _dates(cls, v: str | int | date | None) -> str | None:
        return check_partial_date(v)

    @field_validator("context")
    @classmethod
    def _contexts(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if c not in CONTEXTS]
        if bad:
            raise ValueError(f"unknown context {bad[0]!r}; see graph/vocab.py CONTEXTS")
        return v

    @model_validator(mode="after")
    def _coherent(self) -> Fact:
        info = RELATIONS[self.relation]
        if self.mode is not None and self.mode not in info.modes:
            allowed = ", ".join(info.modes) or "none"
            raise ValueError(f"mode {self.mode!r} is not a mode of {self.relation} ({allowed})")
        if info.requires_object and self.object is None:
            raise ValueError(f"{self.relation} needs an object")
        if self.aux is not None and self.aux not in AUX_MODES:
            raise ValueError(f"aux must be one of {', '.join(AUX_MODES)}")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        if self.attribution is None:
            self.attribution = Attribution.NAMED if self.attributed_to else Attribution.ARTICLE
        elif self.attribution is Attribution.NAMED and not self.attributed_to:
            raise ValueError("attribution 'named' needs attributed_to")
        return self


class FactDocument(Strict):
    """One article: its metadata, the entities it names, and its facts."""

    schema_version: Literal[1] = SCHEMA_VERSION
    article: Article
    entities: list[Entity] = Field(default_factory=list, max_length=5000)
    facts: list[Fact] = Field(default_factory=list, max_length=10000)

    @model_validator(mode="after")
    def _references(self) -> FactDocument:
        ids = [e.id for e in self.entities]
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                raise ValueError(f"entity id {i!r} is declared twice")
            seen.add(i)
        fact_ids: set[str] = set()
        for n, f in enumerate(self.facts):
            if f.id is None:
                f.id = f"f{n + 1}"
            if f.id in fact_ids:
                raise ValueError(f"facts[{n}]: fact id {f.id!r} is used twice")
            fact_ids.add(f.id)
            for fld in ("subject", "object", "attributed_to"):
                ref = getattr(f, fld)
                if ref is not None and ref not in seen:
                    raise ValueError(
                        f"facts[{n}] ({f.id}).{fld}: {ref!r} is not an entity id declared in "
                        "'entities'"
                    )
        return self
