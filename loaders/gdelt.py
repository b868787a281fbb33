"""GDELT 2.0 events and mentions: parse the raw upstream files into plain records.

The files are tab-separated, no header, one record per LF-terminated line (61 columns for
events, 16 for mentions), as `.CSV` or as a `.CSV.zip` holding one CSV. Parsing never aborts a
file on a bad row: every malformed row is counted with its line number and reason. A file that
cannot be read at all (bad zip, missing) raises `InvalidInput` naming the file.

Mapping decisions (actors, locations) live in `graph/gdelt_writer.py`; docs/gdelt.md explains them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from graph.errors import InvalidInput

EVENT_COLUMNS = 61
MENTION_COLUMNS = 16

_DIGITS = re.compile(r"^\d+$")
_CAMEO = re.compile(r"^\d{2,4}$")
_STAMP = re.compile(r"^\d{14}$")
_FILE_DATE = re.compile(r"^(\d{8})\d{6}\.")


@dataclass(frozen=True, slots=True)
class Actor:
    code: str
    name: str
    country: str  # CAMEO country code (3 letters), may be empty
    known_group: str
    ethnic: str
    religion1: str
    religion2: str
    types: tuple[str, ...]  # Type1..3, empties dropped


@dataclass(frozen=True, slots=True)
class Place:
    type: int | None
    name: str
    fips: str  # FIPS 10-4 country code, NOT ISO and NOT CAMEO
    adm1: str
    lat: float | None
    lon: float | None
    feature_id: str


@dataclass(slots=True)
class Event:
    line: int
    event_id: int
    date: str  # SQLDATE as YYYY-MM-DD: when the event happened
    actor1: Actor
    actor2: Actor
    is_root: bool
    event_code: str  # strings: leading zeros are meaningful ("042")
    base_code: str
    root_code: str
    quad_class: int
    goldstein: float | None
    num_mentions: int
    num_sources: int
    num_articles: int
    avg_tone: float | None
    action: Place
    date_added: str  # DATEADDED as YYYY-MM-DDTHH:MM:SSZ: when GDELT processed it
    source_url: str
    translated: bool = False  # from GDELT Translingual (*.translation.export.CSV)


@dataclass(slots=True)
class Mention:
    line: int
    event_id: int
    event_time: str
    mention_time: str
    mention_type: int
    source_name: str
    identifier: str  # a URL for web mentions (type 1), an opaque id otherwise
    sentence_id: int | None
    actor1_offset: int | None
    actor2_offset: int | None
    action_offset: int | None
    in_raw_text: bool
    confidence: int | None
    doc_len: int | None
    doc_tone: float | None
    language: str  # the source language GDELT translated from ("srclc:fra"), else English


@dataclass
class ParseReport:
    path: str
    rows: int = 0
    malformed: list[tuple[int, str]] = field(default_factory=list)

    @property
    def malformed_count(self) -> int:
        return len(self.malformed)


class RowError(ValueError):
    pass


# ------------------------------------------------------------------ field helpers


def _int(v: str, name: str, *, optional: bool = False) -> int | None:
    if v == "" and optional:
        return None
    try:
        return int(v)
    except ValueError:
        raise RowError(f"{name}: {v!r} is not an integer") from None


def _float(v: str, name: str, *, lo: float | None = None, hi: float | None = None) -> float | None:
    if v == "":
        return None
    try:
        x = float(v)
    except ValueError:
        raise RowError(f"{name}: {v!r} is not a number") from None
    if x != x or (lo is not None and x < lo) or (hi is not None and x > hi):
        raise RowError(f"{name}: {v!r} is out of range")
    return x


# Dates, timestamps and actors repeat across the rows of a file: each distinct value is checked
# and built once (the caches are cleared when they grow large, so memory stays bounded).
_MEMO_LIMIT = 100_000
_dates: dict[str, str] = {}
_stamps: dict[str, str] = {}
_actors: dict[tuple[str, ...], Actor] = {}
K = TypeVar("K")
V = TypeVar("V")


def _remember(cache: dict[K, V], key: K, value: V) -> V:
    """Store a checked value (callers look up first: a hit costs one dict lookup)."""
    if len(cache) >= _MEMO_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def _sqldate(v: str, name: str) -> str:
    hit = _dates.get(v)
    return hit if hit is not None else _remember(_dates, v, _check_sqldate(v, name))


def _check_sqldate(v: str, name: str) -> str:
    if len(v) != 8 or not v.isdigit():
        raise RowError(f"{name}: {v!r} is not a YYYYMMDD date")
    try:
        return date(int(v[:4]), int(v[4:6]), int(v[6:])).isoformat()
    except ValueError:
        raise RowError(f"{name}: {v!r} is not a valid date") from None


def _stamp(v: str, name: str) -> str:
    hit = _stamps.get(v)
    return hit if hit is not None else _remember(_stamps, v, _check_stamp(v, name))


def _check_stamp(v: str, name: str) -> str:
    if not _STAMP.match(v):
        raise RowError(f"{name}: {v!r} is not a YYYYMMDDHHMMSS timestamp")
    d = _sqldate(v[:8], name)
    hh, mm, ss = int(v[8:10]), int(v[10:12]), int(v[12:14])
    if hh > 23 or mm > 59 or ss > 59:
        raise RowError(f"{name}: {v!r} has an invalid time")
    return f"{d}T{v[8:10]}:{v[10:12]}:{v[12:14]}Z"


def _code(v: str, name: str, *, optional: bool = False) -> str:
    if v == "" and optional:
        return ""
    if not _CAMEO.match(v):
        raise RowError(f"{name}: {v!r} is not a CAMEO event code")
    return v


def _actor(c: list[str], base: int) -> Actor:
    key = tuple(c[base : base + 10])
    hit = _actors.get(key)
    return hit if hit is not None else _remember(_actors, key, _new_actor(c, base))


def _new_actor(c: list[str], base: int) -> Actor:
    return Actor(
        code=c[base],
        name=c[base + 1],
        country=c[base + 2].upper(),
        known_group=c[base + 3],
        ethnic=c[base + 4],
        religion1=c[base + 5],
        religion2=c[base + 6],
        types=tuple(t for t in c[base + 7 : base + 10] if t),
    )


# ------------------------------------------------------------------ rows


def parse_event(cols: list[str], line: int) -> Event:
    """One events row (already split on tabs) -> Event; raises RowError with the reason."""
    if len(cols) != EVENT_COLUMNS:
        raise RowError(f"expected {EVENT_COLUMNS} columns, found {len(cols)}")
    if not _DIGITS.match(cols[0]):
        raise RowError(f"GLOBALEVENTID: {cols[0]!r} is not a positive integer")
    code = _code(cols[26], "EventCode")
    base = _code(cols[27], "EventBaseCode", optional=True)
    root = _code(cols[28], "EventRootCode", optional=True)
    if (base and not code.startswith(base)) or (root and not code.startswith(root)):
        raise RowError(f"EventCode {code!r} does not extend its base/root code {base!r}/{root!r}")
    quad = _int(cols[29], "QuadClass")
    if quad not in (1, 2, 3, 4):
        raise RowError(f"QuadClass: {cols[29]!r} is not 1..4")
    url = cols[60].strip()
    if not url:
        raise RowError("SOURCEURL is empty")
    return Event(
        line=line,
        event_id=int(cols[0]),
        date=_sqldate(cols[1], "SQLDATE"),
        actor1=_actor(cols, 5),
        actor2=_actor(cols, 15),
        is_root=cols[25] == "1",
        event_code=code,
        base_code=base,
        root_code=root,
        quad_class=quad,
        goldstein=_float(cols[30], "GoldsteinScale", lo=-10, hi=10),
        num_mentions=_int(cols[31], "NumMentions") or 0,
        num_sources=_int(cols[32], "NumSources") or 0,
        num_articles=_int(cols[33], "NumArticles") or 0,
        avg_tone=_float(cols[34], "AvgTone", lo=-100, hi=100),
        action=Place(
            type=_int(cols[51], "ActionGeo_Type", optional=True),
            name=cols[52],
            fips=cols[53].upper(),
            adm1=cols[54],
            lat=_float(cols[56], "ActionGeo_Lat", lo=-90, hi=90),
            lon=_float(cols[57], "ActionGeo_Long", lo=-180, hi=180),
            feature_id=cols[58],
        ),
        date_added=_stamp(cols[59], "DATEADDED"),
        source_url=url,
    )


def parse_mention(cols: list[str], line: int) -> Mention:
    if len(cols) != MENTION_COLUMNS:
        raise RowError(f"expected {MENTION_COLUMNS} columns, found {len(cols)}")
    if not _DIGITS.match(cols[0]):
        raise RowError(f"GLOBALEVENTID: {cols[0]!r} is not a positive integer")
    ident = cols[5].strip()
    if not ident:
        raise RowError("MentionIdentifier is empty")

    def offset(v: str, name: str) -> int | None:
        x = _int(v, name, optional=True)
        return None if x is None or x < 0 else x  # -1 means "not found in the text"

    conf = _int(cols[11], "Confidence", optional=True)
    if conf is not None and not 0 <= conf <= 100:
        raise RowError(f"Confidence: {conf} is not 0..100")
    return Mention(
        line=line,
        event_id=int(cols[0]),
        event_time=_stamp(cols[1], "EventTimeDate"),
        mention_time=_stamp(cols[2], "MentionTimeDate"),
        mention_type=_int(cols[3], "MentionType") or 0,
        source_name=cols[4].strip(),
        identifier=ident,
        sentence_id=_int(cols[6], "SentenceID", optional=True),
        actor1_offset=offset(cols[7], "Actor1CharOffset"),
        actor2_offset=offset(cols[8], "Actor2CharOffset"),
        action_offset=offset(cols[9], "ActionCharOffset"),
        in_raw_text=cols[10] == "1",
        confidence=conf,
        doc_len=_int(cols[12], "MentionDocLen", optional=True),
        doc_tone=_float(cols[13], "MentionDocTone"),
        language=_source_language(cols[14]),
    )


_SRCLC = re.compile(r"srclc:([a-z]{2,3})\b")


def _source_language(info: str) -> str:
    m = _SRCLC.search(info)
    return m.group(1) if m else "en"


# ------------------------------------------------------------------ files


def _open_text(path: Path) -> io.TextIOBase:
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
            members = [m for m in zf.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise InvalidInput(
                    f"{path}: expected one CSV inside the zip, found {len(members)} files"
                )
            raw = zf.open(members[0])
        except zipfile.BadZipFile as e:
            raise InvalidInput(f"{path}: not a readable zip file ({e}); truncated download?") from e
        return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="\n")
    return path.open(encoding="utf-8", errors="replace", newline="\n")


def _lines(path: Path) -> Iterator[tuple[int, str, bool]]:
    """(line number, text without newline, ended with a newline)."""
    f = _open_text(path)
    try:
        n = 0
        while True:
            try:
                line = f.readline()
            except (zipfile.BadZipFile, EOFError, OSError) as e:
                raise InvalidInput(
                    f"{path}: the file is damaged after line {n} ({e}); truncated download?"
                ) from e
            if not line:
                return
            n += 1
            complete = line.endswith("\n")
            yield n, line.rstrip("\r\n"), complete
    finally:
        f.close()


def _iter_rows(path: Path, parse, report: ParseReport) -> Iterator:  # type: ignore[no-untyped-def]
    for n, text, complete in _lines(path):
        if not text.strip():
            continue  # blank lines are not records
        report.rows += 1
        try:
            record = parse(text.split("\t"), n)
        except RowError as e:
            reason = str(e)
            if not complete:
                reason += " (the file ends mid-row: truncated?)"
            report.malformed.append((n, reason))
            continue
        yield record


def read_events(path: Path, report: ParseReport | None = None) -> Iterator[Event]:
    """Events of one export file; malformed rows go to `report` and are skipped."""
    translated = ".translation." in path.name.lower()

    def parse(cols: list[str], line: int) -> Event:
        ev = parse_event(cols, line)
        ev.translated = translated
        return ev

    return _iter_rows(path, parse, report or ParseReport(str(path)))


def read_mentions(path: Path, report: ParseReport | None = None) -> Iterator[Mention]:
    return _iter_rows(path, parse_mention, report or ParseReport(str(path)))


# ------------------------------------------------------------------ finding files


def _kind(p: Path) -> str | None:
    name = p.name.lower()
    if not (name.endswith(".csv") or name.endswith(".csv.zip")):
        return None
    if ".mentions" in name:
        return "mentions"
    if ".export" in name or ".events" in name:
        return "events"
    return None


def file_date(p: Path) -> str | None:
    """YYYYMMDD from GDELT's file name stamp (20250820163000.export.CSV.zip)."""
    m = _FILE_DATE.match(p.name)
    return m.group(1) if m else None


def discover(
    paths: list[Path], date_from: str | None = None, date_to: str | None = None
) -> tuple[list[Path], list[Path]]:
    """(events files, mentions files). Files given directly are events unless their name says
    `.mentions`; folders are scanned for
    `*.export*.CSV[.zip]` and `*.mentions*.CSV[.zip]`, filtered by the stamp in the file name."""
    for v, name in ((date_from, "--from"), (date_to, "--to")):
        if v is not None and not re.fullmatch(r"\d{8}", v):
            raise InvalidInput(f"{name}: {v!r} is not a YYYYMMDD date")
    events: list[Path] = []
    mentions: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.iterdir()):
                kind = _kind(f)
                if kind is None or not f.is_file():
                    continue
                d = file_date(f)
                if (date_from or date_to) and d is None:
                    continue
                if date_from and d is not None and d < date_from:
                    continue
                if date_to and d is not None and d > date_to:
                    continue
                (mentions if kind == "mentions" else events).append(f)
        elif p.is_file():
            (mentions if _kind(p) == "mentions" else events).append(p)
        else:
            raise InvalidInput(f"{p}: no such file or folder")
    return events, mentions
