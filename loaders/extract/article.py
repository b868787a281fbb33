"""Reading articles: wire-layout plain text, HTML and JSON; files, folders and globs.

Every reader returns a `RawArticle` whose `text` is the exact string that evidence offsets index
into and that `content_hash` is computed over. For wire text that is the file's text itself
(decoded, newlines untouched), so offsets can be checked against the file.
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from graph.errors import InvalidInput
from graph.keys import slug
from loaders.extract.lexicon import MONTHS

SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".json"}
MAX_BYTES = 5_000_000

# A few publishers by domain, so `publisher` reads as a name rather than a host.
PUBLISHERS = {
    "themoscowtimes.com": "The Moscow Times",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "aljazeera.com": "Al Jazeera",
    "france24.com": "France 24",
    "theguardian.com": "The Guardian",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "lemonde.fr": "Le Monde",
    "dw.com": "Deutsche Welle",
    "rfi.fr": "RFI",
}


@dataclass
class RawArticle:
    """An article ready for extraction. Offsets (body, skip spans) index into `text`."""

    text: str
    title: str
    source: str  # where it came from (path or "<stdin>"), for messages
    id: str
    body_start: int = 0
    body_end: int = -1
    url: str | None = None
    publisher: str | None = None
    agency: str | None = None
    published: str | None = None  # ISO date (partial allowed)
    skip: list[tuple[int, int]] = field(default_factory=list)  # captions, "Related article"...

    def __post_init__(self) -> None:
        if self.body_end < 0:
            self.body_end = len(self.text)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def pub_date(self) -> date | None:
        if self.published and len(self.published) == 10:
            return date.fromisoformat(self.published)
        return None


class ArticleError(InvalidInput):
    """A file that cannot be read as an article; the message names the file."""


# ------------------------------------------------------------------ decoding


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise ArticleError(f"{source}: the file is empty")
    head = data[:8192]
    if b"\x00" in head:
        raise ArticleError(f"{source}: looks like a binary file (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(
            f"{source}: not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "re-save the file as UTF-8"
        ) from None


# ------------------------------------------------------------------ dates

_MONTHS = {m: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_RE = "|".join(list(_MONTHS) + [m[:3] for m in _MONTHS] + ["sept"])
_DATE_PATTERNS = [
    re.compile(
        rf"^(?:\w+day,?\s+)?(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.I
    ),
    re.compile(
        rf"^(?:\w+day,?\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})", re.I
    ),
    re.compile(r"^(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})"),
]


def parse_date(text: str) -> str | None:
    """'November 11, 2021', '11 Nov 2021', '2021-11-11T..' -> '2021-11-11'; else None."""
    s = text.strip()
    for p in _DATE_PATTERNS:
        m = p.match(s)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["mn"]) if g.get("mn") else _month(g["m"])
        try:
            return date(int(g["y"]), month, int(g["d"])).isoformat()
        except ValueError:
            return None
    return None


def _month(name: str) -> int:
    n = name.lower().rstrip(".")
    if n == "sept":
        return 9
    for full, i in _MONTHS.items():
        if full.startswith(n):
            return i
    raise ValueError(name)


def publisher_for(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    for dom, name in PUBLISHERS.items():
        if host == dom or host.endswith("." + dom):
            return name
    return host


# ------------------------------------------------------------------ wire text

_BYLINE = re.compile(r"^\s*By\s+(.{1,120}?)\s*$")
_URL_LABEL = re.compile(r"^\s*(?:Original\s+url|Source\s+url|URL)\s*:\s*(\S*)\s*$", re.I)
_URL = re.compile(r"^\s*(https?://\S+)\s*$")
_RELATED = re.compile(r"^\s*(?:Related(?: article)?|Read more|See also)\s*:", re.I)
# Photo captions: a credit in bold (**Name / Agency**) or a left/right marker "(L)".
_CAPTION = re.compile(r"\*\*[^*\n]{2,80}\*\*\s*$|\((?:L|R|C|left|right|centre|center)\)")


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield pos, pos + len(stripped), stripped
        pos += len(line)


def parse_wire(text: str, source: str, article_id: str) -> RawArticle:
    lines = list(_lines(text))
    content = [(s, e, ln) for s, e, ln in lines if ln.strip()]
    if not content:
        raise ArticleError(f"{source}: no text")
    title = content[0][2].strip()
    body_start = content[0][1]
    agency = published = url = None
    # Header: byline and date line right after the title (either order).
    for _s, e, ln in content[1:4]:
        if agency is None and (m := _BYLINE.match(ln)):
            agency, body_start = m.group(1), e
        elif published is None and (d := parse_date(ln)) and len(ln.strip()) < 40:
            published, body_start = d, e
        else:
            break
    body_end = len(text)
    skip: list[tuple[int, int]] = []
    for i, (s, _e, ln) in enumerate(content):
        m = _URL_LABEL.match(ln)
        if m and s >= body_start:
            body_end = s
            url = m.group(1) or None
            if url is None and i + 1 < len(content) and (u := _URL.match(content[i + 1][2])):
                url = u.group(1)
            break
    if (
        url is None
        and content
        and (u := _URL.match(content[-1][2]))
        and content[-1][0] > body_start
    ):
        url, body_end = u.group(1), content[-1][0]
    for s, e, ln in content:
        if body_start <= s < body_end and (_RELATED.match(ln) or _CAPTION.search(ln)):
            skip.append((s, e))
    return RawArticle(
        text=text,
        title=title,
        source=source,
        id=article_id,
        body_start=body_start,
        body_end=body_end,
        url=url,
        publisher=publisher_for(url),
        agency=agency,
        published=published,
        skip=skip,
    )


# ------------------------------------------------------------------ JSON and HTML


def parse_json(raw: str, source: str, article_id: str) -> RawArticle:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ArticleError(f"{source}: invalid JSON at line {e.lineno}: {e.msg}") from None
    except RecursionError:
        # json decodes nested arrays recursively: thousands of '[' must fail this file, not the run
        raise ArticleError(f"{source}: JSON nested too deeply to be an article") from None
    if not isinstance(obj, dict):
        raise ArticleError(f"{source}: expected a JSON object with 'title' and 'text'")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(f"{source}: field 'text' is missing or empty")
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    published = None
    if isinstance(obj.get("published"), str):
        published = parse_date(obj["published"]) or _iso_prefix(obj["published"])
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    publisher = obj.get("publisher") if isinstance(obj.get("publisher"), str) else None
    agency = obj.get("agency") if isinstance(obj.get("agency"), str) else None
    return RawArticle(
        text=text,
        title=(title or text.strip().splitlines()[0])[:1000],
        source=source,
        id=str(obj["id"]) if isinstance(obj.get("id"), str) and obj["id"] else article_id,
        url=url,
        publisher=publisher or publisher_for(url),
        agency=agency,
        published=published,
    )


def _iso_prefix(s: str) -> str | None:
    m = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)", s.strip())
    return m.group(1) if m else None


def parse_html(raw: str, source: str, article_id: str) -> RawArticle:
    import trafilatura  # imported lazily: only HTML inputs pay for it

    doc = trafilatura.bare_extraction(
        raw, include_comments=False, include_tables=False, with_metadata=True
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise ArticleError(f"{source}: no article text found in the HTML")
    title = getattr(doc, "title", None) or body.strip().splitlines()[0]
    url = getattr(doc, "url", None)
    published = _iso_prefix(getattr(doc, "date", None) or "")
    return RawArticle(
        text=body,
        title=title[:1000],
        source=source,
        id=article_id,
        url=url,
        publisher=getattr(doc, "sitename", None) or publisher_for(url),
        agency=getattr(doc, "author", None),
        published=published,
    )


# ------------------------------------------------------------------ files


def article_id_for(path: Path) -> str:
    return slug(path.stem)


def read_article(path: Path) -> RawArticle:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"{source}: cannot read ({e.strerror})") from None
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{source}: too large for an article ({len(data)} bytes)")
    text = decode(data, source)
    return parse_text(text, source, article_id_for(path), path.suffix.lower())


def parse_text(text: str, source: str, article_id: str, suffix: str = "") -> RawArticle:
    head = text.lstrip()[:200].lower()
    if suffix == ".json" or (not suffix and head.startswith("{")):
        return parse_json(text, source, article_id)
    if suffix in (".html", ".htm") or head.startswith(("<!doctype html", "<html")):
        return parse_html(text, source, article_id)
    return parse_wire(text, source, article_id)


def expand_paths(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files, folders (recursively, known suffixes) and globs -> sorted unique files, errors."""
    files: list[Path] = []
    errors: list[str] = []
    for p in paths:
        matches = [Path(m) for m in sorted(glob.glob(p, recursive=True))] if _is_glob(p) else []
        if _is_glob(p) and not matches:
            errors.append(f"{p}: no file matches")
            continue
        for q in matches or [Path(p)]:
            if q.is_dir():
                files.extend(
                    f for f in sorted(q.rglob("*")) if f.is_file() and f.suffix.lower() in SUFFIXES
                )
            elif q.is_file():
                files.append(q)
            else:
                errors.append(f"{q}: no such file or folder")
    seen: set[Path] = set()
    unique = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
    return unique, errors


def _is_glob(p: str) -> bool:
    return any(c in p for c in "*?[")
