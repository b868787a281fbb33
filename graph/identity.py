"""Entity identity: the gazetteer that maps names, aliases and codes onto one graph key.

Countries come from pycountry (every ISO 3166-1 entry, plus Kosovo under the user-assigned
`XKX`) enriched by `graph/data/countries.tsv` (common names, aliases, demonyms, capital and
seat-of-power metonyms, Wikidata QIDs). Other well-known entities (IGOs, armed groups, PMCs,
leaders) come from `graph/data/entities.yaml`; state officials (heads of state and government,
ministers, envoys, spokespeople) from `graph/data/officials.tsv`. Code tables for GDELT: CAMEO
actor country codes (mostly ISO3) and FIPS 10-4 geo codes (`graph/data/fips_iso3.tsv`).

Rules are documented in docs/identity.md. In short: a spelling variant in the tables never makes
a second node, and a name shared by two different entities never merges them.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pycountry
import yaml

from graph.errors import InvalidInput
from graph.keys import fold, slug
from graph.model import Country, Entity, EntityType, Organization, OrgKind

DATA = Path(__file__).resolve().parent / "data"
COUNTRIES_TSV = DATA / "countries.tsv"
ENTITIES_YAML = DATA / "entities.yaml"
FIPS_TSV = DATA / "fips_iso3.tsv"
OFFICIALS_TSV = DATA / "officials.tsv"

# Codes that are real countries for geokg but not (yet) in ISO 3166-1: name, official name.
EXTRA_COUNTRIES: dict[str, tuple[str, str]] = {"XKX": ("Kosovo", "Republic of Kosovo")}

# CAMEO actor country codes that differ from ISO3 (GDELT uses these).
CAMEO_TO_ISO3: dict[str, str] = {
    "ROM": "ROU",  # Romania (pre-2002 ISO code kept by CAMEO)
    "TMP": "TLS",  # East Timor
    "ZAR": "COD",  # Zaire
    "KOS": "XKX",  # Kosovo
    "KSV": "XKX",
    "WBG": "PSE",  # West Bank and Gaza
}

# CAMEO actor "country" codes that are regions, groupings or defunct states: deliberately None.
CAMEO_NON_COUNTRY: frozenset[str] = frozenset(
    {
        "AFR",  # Africa
        "ASA",  # Asia
        "BAG",  # Balkans
        "BAL",  # Baltic states
        "BLK",  # Balkans (alternate)
        "CAS",  # Central Asia
        "CEU",  # Central Europe
        "EIN",  # East Indies
        "MDT",  # Mediterranean
        "CAU",  # Caucasus
        "CFR",  # Central Africa
        "CRB",  # Caribbean
        "EAF",  # East Africa
        "EEU",  # Eastern Europe
        "EUR",  # Europe
        "LAM",  # Latin America
        "MDE",  # Middle East
        "MEA",  # Middle East (alternate)
        "NAF",  # North Africa
        "NMR",  # North America
        "PGS",  # Persian Gulf states
        "SAF",  # Southern Africa
        "SAM",  # South America
        "SAS",  # South Asia
        "SCN",  # Scandinavia
        "SEA",  # Southeast Asia
        "WAF",  # West Africa
        "WST",  # the West
        "YUG",  # Yugoslavia: defunct, no single successor
        "SUN",  # Soviet Union: defunct
        "CSK",  # Czechoslovakia: defunct
    }
)


@dataclass(frozen=True)
class KnownEntity:
    key: str  # graph key: ISO3 for countries, slug or QID-based key otherwise
    type: EntityType
    name: str  # canonical display name
    aliases: tuple[str, ...]  # other names incl. official names, short forms, metonyms
    qid: str | None = None
    kind: OrgKind | None = None  # organisations only
    country: str | None = None  # ISO3 of the state an org/person belongs to
    demonyms: tuple[str, ...] = ()  # countries only
    metonyms: tuple[str, ...] = ()  # countries only: capital/seat of power


_PUNCT = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": " ", "–": " ", "—": " ", "-": " "})


@lru_cache(maxsize=1 << 16)  # the gazetteer build compares thousands of names twice
def norm(text: str) -> str:
    """The form surface strings are compared in: fold(), curly quotes straightened, hyphens as
    spaces, dots dropped ("U.S." = "US"), and a leading "the " optional."""
    s = fold(text.translate(_PUNCT).replace(".", ""))
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _dedupe(names: list[str], exclude: str = "", loose: bool = False) -> tuple[str, ...]:
    """Unique names in order, without `exclude`. Exact strings by default, so the gazetteer keeps
    every spelling for mention matchers ("U.S." and "US"); loose=True compares in norm() form."""
    form = norm if loose else str.strip
    seen = {form(exclude)} if exclude else set()
    out: list[str] = []
    for n in names:
        k = form(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return tuple(out)


class Gazetteer:
    def __init__(self, entities: list[KnownEntity]) -> None:
        self._by_key: dict[str, KnownEntity] = {}
        self._by_qid: dict[str, KnownEntity] = {}
        self._names: dict[str, list[KnownEntity]] = {}
        self._demonyms: dict[str, list[KnownEntity]] = {}
        for e in entities:
            if e.key in self._by_key:
                raise ValueError(f"gazetteer: key {e.key!r} is defined twice")
            self._by_key[e.key] = e
            if e.qid:
                if e.qid in self._by_qid:
                    raise ValueError(f"gazetteer: QID {e.qid} is used by {self._by_qid[e.qid].key}")
                self._by_qid[e.qid] = e
            for s in (e.name, *e.aliases, *e.metonyms):
                bucket = self._names.setdefault(norm(s), [])
                if e not in bucket:
                    bucket.append(e)
            for s in e.demonyms:
                bucket = self._demonyms.setdefault(norm(s), [])
                if e not in bucket:
                    bucket.append(e)

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[KnownEntity]:
        return iter(self._by_key.values())

    def by_key(self, key: str) -> KnownEntity | None:
        return self._by_key.get(key)

    def by_qid(self, qid: str) -> KnownEntity | None:
        return self._by_qid.get(qid)

    def country(self, iso3: str) -> KnownEntity | None:
        e = self._by_key.get(iso3.upper())
        return e if e is not None and e.type is EntityType.COUNTRY else None

    def lookup(self, text: str, type: EntityType | None = None) -> list[KnownEntity]:
        """Every entity whose name, alias or metonym matches `text` (demonyms excluded).
        More than one result means the text is ambiguous: callers must not merge on it."""
        found = self._names.get(norm(text), [])
        return [e for e in found if type is None or e.type is type]

    def by_demonym(self, text: str) -> KnownEntity | None:
        """ "Russian" -> Russia. None when unknown or shared by several countries."""
        found = self._demonyms.get(norm(text), [])
        return found[0] if len(found) == 1 else None

    def surface_forms(self) -> Iterator[tuple[str, KnownEntity, str]]:
        """(surface string, entity, kind) with kind in name/alias/metonym/demonym. Strings keep
        their case and spelling ("U.S." and "US" both appear): matchers should match short
        all-caps forms ("US", "IS") case-sensitively. A form with a leading "the " also comes
        without it ("the Kremlin", "Kremlin"), since lookup treats the article as optional."""
        for e in self._by_key.values():
            metonyms = set(e.metonyms)
            forms = [(e.name, "name")]
            forms += [(a, "alias") for a in e.aliases if a not in metonyms]
            forms += [(m, "metonym") for m in e.metonyms]
            forms += [(d, "demonym") for d in e.demonyms]
            seen: set[tuple[str, str]] = set()
            for text, kind in forms:
                for t in (text, text[4:] if text[:4].lower() == "the " else None):
                    if t and (t, kind) not in seen:
                        seen.add((t, kind))
                        yield t, e, kind


# ------------------------------------------------------------------ loading


def _read_tsv(path: Path) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            yield n, row


def _load_countries() -> list[KnownEntity]:
    extra: dict[str, dict[str, str]] = {}
    cols = ("iso3", "name", "aliases", "demonyms", "metonyms", "qid")
    for n, row in _read_tsv(COUNTRIES_TSV):
        if len(row) > len(cols):
            raise ValueError(f"{COUNTRIES_TSV}:{n}: more than {len(cols)} columns")
        rec = dict(zip(cols, [c.strip() for c in row] + [""] * (len(cols) - len(row)), strict=True))
        iso3 = rec["iso3"]
        if pycountry.countries.get(alpha_3=iso3) is None and iso3 not in EXTRA_COUNTRIES:
            raise ValueError(f"{COUNTRIES_TSV}:{n}: {iso3!r} is not an ISO 3166-1 alpha-3 code")
        if iso3 in extra:
            raise ValueError(f"{COUNTRIES_TSV}:{n}: {iso3} appears twice")
        if rec["qid"] and not re.fullmatch(r"Q\d+", rec["qid"]):
            raise ValueError(f"{COUNTRIES_TSV}:{n}: bad QID {rec['qid']!r}")
        extra[iso3] = rec

    base: list[tuple[str, list[str]]] = []
    for c in pycountry.countries:
        names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        base.append((c.alpha_3, [x for x in names if x]))
    for iso3, (name, official) in EXTRA_COUNTRIES.items():
        base.append((iso3, [name, official]))

    out: list[KnownEntity] = []
    for iso3, names in base:
        rec = extra.get(iso3, {})
        name = rec.get("name") or names[0]
        metonyms = _dedupe(_split(rec.get("metonyms", "")))
        aliases = _dedupe([*names, *_split(rec.get("aliases", "")), *metonyms], exclude=name)
        out.append(
            KnownEntity(
                key=iso3,
                type=EntityType.COUNTRY,
                name=name,
                aliases=aliases,
                qid=rec.get("qid") or None,
                demonyms=_dedupe(_split(rec.get("demonyms", ""))),
                metonyms=metonyms,
            )
        )
    return out


_ENTITY_FIELDS = {"key", "name", "type", "aliases", "qid", "kind", "country"}


def _load_entities(valid_iso3: set[str]) -> list[KnownEntity]:
    raw = yaml.safe_load(ENTITIES_YAML.read_text(encoding="utf-8")) or []
    if not isinstance(raw, list):
        raise ValueError(f"{ENTITIES_YAML}: expected a list of entities")
    out: list[KnownEntity] = []
    for i, item in enumerate(raw):
        label = item.get("name") if isinstance(item, dict) else repr(item)
        where = f"{ENTITIES_YAML}: entry {i} ({label})"
        if not isinstance(item, dict) or "name" not in item or "type" not in item:
            raise ValueError(f"{where}: needs at least name and type")
        unknown = set(item) - _ENTITY_FIELDS
        if unknown:
            raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        try:
            etype = EntityType(item["type"])
            kind = OrgKind(item["kind"]) if item.get("kind") else None
        except ValueError as e:
            raise ValueError(f"{where}: {e}") from None
        if etype is EntityType.COUNTRY:
            raise ValueError(f"{where}: countries belong in countries.tsv")
        if kind is not None and etype is not EntityType.ORGANIZATION:
            raise ValueError(f"{where}: kind is for organisations only")
        country = item.get("country")
        if country is not None and country not in valid_iso3:
            raise ValueError(f"{where}: country {country!r} is not a known ISO3 code")
        qid = item.get("qid") or None
        if qid is not None and not re.fullmatch(r"Q\d+", str(qid)):
            raise ValueError(f"{where}: bad QID {qid!r}")
        name = str(item["name"])
        out.append(
            KnownEntity(
                key=str(item.get("key") or slug(name)),
                type=etype,
                name=name,
                aliases=_dedupe([str(a) for a in item.get("aliases") or []], exclude=name),
                qid=qid,
                kind=kind,
                country=country,
            )
        )
    return out


# ------------------------------------------------------------------ state officials

OFFICIAL_ROLES: dict[str, str] = {
    "HOS": "head of state",
    "HOG": "head of government",
    "VP": "vice president",
    "FM": "foreign minister",
    "DEF": "defence minister",
    "NSA": "national security adviser / security council secretary",
    "UN": "ambassador to the United Nations",
    "SPOX": "spokesperson",
    "MIN": "other minister or senior official",
    "ENVOY": "special envoy or negotiator",
    "MIL": "armed forces chief",
    "INTEL": "intelligence chief",
}
_ROLE = re.compile(r"([A-Z]+) (\d{4})(?:-(\d{4})?)?")
# Letters NFKD does not decompose, for the ASCII spelling of a name ("Łukasz" -> "Lukasz").
_ASCII = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
     "æ": "ae", "Æ": "Ae", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ʻ": "'", "’": "'"}
)  # fmt: skip


def ascii_name(text: str) -> str:
    """The name without diacritics, case kept: "Mélanie Joly" -> "Melanie Joly"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Official:
    line: int
    iso3: str
    name: str
    roles: tuple[tuple[str, int, int | None], ...]  # (role code, first year, last year or None)
    aliases: tuple[str, ...]  # as written in the file (the ASCII spelling is added on load)
    key: str  # slug() of the ASCII spelling: "Radosław" is radoslaw, not rados-aw


def official_rows(valid_iso3: set[str] | None = None) -> list[Official]:
    """The rows of officials.tsv, validated: a known ISO3, roles from OFFICIAL_ROLES with years,
    and every name of two words or more (a bare surname would link every namesake)."""
    if valid_iso3 is None:
        valid_iso3 = {e.key for e in gazetteer() if e.type is EntityType.COUNTRY}
    out: list[Official] = []
    if not OFFICIALS_TSV.exists():
        return out
    for n, row in _read_tsv(OFFICIALS_TSV):
        where = f"{OFFICIALS_TSV}:{n}"
        if not 3 <= len(row) <= 4:
            raise ValueError(f"{where}: expected iso3, name, roles[, aliases] (tab-separated)")
        iso3, name, roles_cell = (c.strip() for c in row[:3])
        if iso3 not in valid_iso3:
            raise ValueError(f"{where}: {iso3!r} is not a known ISO3 code")
        roles: list[tuple[str, int, int | None]] = []
        for part in (p.strip() for p in roles_cell.split(";")):
            m = _ROLE.fullmatch(part)
            if not m or m.group(1) not in OFFICIAL_ROLES:
                raise ValueError(f"{where}: bad role {part!r} (want e.g. 'FM 2019-2022')")
            first, last = int(m.group(2)), m.group(3)
            end = int(last) if last else (first if "-" not in part else None)
            if end is not None and end < first:
                raise ValueError(f"{where}: role {part!r} ends before it starts")
            roles.append((m.group(1), first, end))
        aliases = _split(row[3]) if len(row) > 3 else []
        for a in [name, *aliases]:
            if len(a.split()) < 2:
                raise ValueError(f"{where}: {a!r}: names need two words or more (no bare surnames)")
        key = slug(ascii_name(name))
        out.append(Official(n, iso3, name, tuple(roles), tuple(aliases), key))
    return out


def _load_officials(valid_iso3: set[str], curated: list[KnownEntity]) -> list[KnownEntity]:
    """Officials as gazetteer persons. A person entities.yaml already knows (same key or a
    shared name) is skipped there: the curated entry wins."""
    taken = {e.key for e in curated}
    taken_names = {norm(s) for e in curated for s in (e.name, *e.aliases)}
    out: list[KnownEntity] = []
    seen: dict[str, int] = {}
    for o in official_rows(valid_iso3):
        if o.key in seen:
            raise ValueError(f"{OFFICIALS_TSV}:{o.line}: {o.name!r} repeats line {seen[o.key]}")
        seen[o.key] = o.line
        forms = [o.name, *o.aliases]
        if o.key in taken or any(norm(f) in taken_names for f in forms):
            continue
        names = [x for f in forms for x in (f, ascii_name(f))]
        out.append(
            KnownEntity(
                key=o.key,
                type=EntityType.PERSON,
                name=o.name,
                aliases=_dedupe(names, exclude=o.name),
                country=o.iso3,
            )
        )
    return out


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    countries = _load_countries()
    iso3 = {c.key for c in countries}
    curated = _load_entities(iso3)
    return Gazetteer(countries + curated + _load_officials(iso3, curated))


@cache
def _fips() -> dict[str, str | None]:
    table: dict[str, str | None] = {}
    valid = {c.key for c in gazetteer() if c.type is EntityType.COUNTRY}
    for n, row in _read_tsv(FIPS_TSV):
        code, iso3 = row[0].strip(), (row[1].strip() if len(row) > 1 else "")
        if code in table:
            raise ValueError(f"{FIPS_TSV}:{n}: FIPS code {code} appears twice")
        if iso3 == "-":
            table[code] = None  # deliberately not a country (oceans, disputed, defunct)
        elif iso3 in valid:
            table[code] = iso3
        else:
            raise ValueError(f"{FIPS_TSV}:{n}: {iso3!r} is not a known ISO3 code (use - for none)")
    return table


def fips_codes() -> dict[str, str | None]:
    """The whole FIPS 10-4 table; None values are deliberate non-countries."""
    return dict(_fips())


def fips_to_iso3(code: str) -> str | None:
    """FIPS 10-4 (GDELT *Geo_CountryCode) -> ISO3; None for blanks, oceans, disputed areas."""
    return _fips().get(code.strip().upper())


def cameo_country_to_iso3(code: str) -> str | None:
    """CAMEO actor country code (GDELT Actor*CountryCode) -> ISO3; None for regions/blank."""
    c = code.strip().upper()
    if not c or c in CAMEO_NON_COUNTRY:
        return None
    if c in CAMEO_TO_ISO3:
        return CAMEO_TO_ISO3[c]
    return c if gazetteer().country(c) is not None else None


# ------------------------------------------------------------------ resolution


def _unique_match(names: list[str], etype: EntityType) -> KnownEntity | None:
    """The one entity that the name and aliases point at. Names matching several entities are
    ignored (never used to merge); names pointing at two different entities mean no match."""
    g = gazetteer()
    hits: dict[str, KnownEntity] = {}
    for n in names:
        found = g.lookup(n, etype)
        if len(found) == 1:
            hits[found[0].key] = found[0]
    return next(iter(hits.values())) if len(hits) == 1 else None


def _country_key(entity: Country) -> str:
    g = gazetteer()
    if entity.iso3:
        if g.country(entity.iso3) is None:
            raise InvalidInput(
                f"entity {entity.id!r} ({entity.name}): iso3 {entity.iso3!r} is not an "
                "ISO 3166-1 alpha-3 code"
            )
        return entity.iso3
    names = [entity.name, *entity.aliases]
    found: dict[str, list[str]] = {}
    for n in names:
        for e in g.lookup(n, EntityType.COUNTRY):
            found.setdefault(e.key, []).append(n)
    match = _unique_match(names, EntityType.COUNTRY)
    if match is not None:
        return match.key
    if entity.qid and (q := g.by_qid(entity.qid)) is not None and q.type is EntityType.COUNTRY:
        return q.key
    if g.country(entity.id) is not None and entity.id == entity.id.upper():
        return entity.id
    if not found:
        raise InvalidInput(
            f"entity {entity.id!r} ({entity.name}): no country matches its name or aliases; "
            "give iso3"
        )
    options = ", ".join(f"{k} (via {', '.join(v)})" for k, v in sorted(found.items()))
    raise InvalidInput(
        f"entity {entity.id!r} ({entity.name}): ambiguous country name — matches {options}; "
        "give iso3"
    )


def resolve_key(entity: Entity) -> str:
    """The graph key of a document entity (rules in docs/identity.md)."""
    if isinstance(entity, Country):
        return _country_key(entity)
    g = gazetteer()
    etype = EntityType(entity.type)
    if entity.qid and (q := g.by_qid(entity.qid)) is not None and q.type is etype:
        return q.key
    if (k := g.by_key(entity.id)) is not None and k.type is etype:
        return k.key
    match = _unique_match([entity.name, *entity.aliases], etype)
    return match.key if match is not None else entity.id


def canonical(entity: Entity) -> Entity:
    """A copy keyed and named as the gazetteer knows it, with merged aliases."""
    key = resolve_key(entity)
    known = gazetteer().by_key(key)
    if known is not None and known.type is not EntityType(entity.type):
        known = None
    data: dict[str, Any] = entity.model_dump()
    data["id"] = key
    name = known.name if known else entity.name
    data["name"] = name
    pool = [entity.name, *entity.aliases, *(known.aliases if known else ())]
    data["aliases"] = sorted(_dedupe(pool, exclude=name, loose=True), key=lambda s: (fold(s), s))
    if known is not None:
        data["qid"] = entity.qid or known.qid
        if isinstance(entity, Country):
            data["iso3"] = key
            data["demonyms"] = list(_dedupe([*known.demonyms, *entity.demonyms]))
        elif isinstance(entity, Organization):
            if entity.kind is OrgKind.OTHER and known.kind is not None:
                data["kind"] = known.kind
            data["country"] = entity.country or known.country
        elif hasattr(entity, "country"):
            data["country"] = entity.country or known.country
    return type(entity).model_validate(data)
