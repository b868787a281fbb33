"""Time expressions resolved against the publication date.

`resolve(sentence, published)` returns the event date (partial ISO) a sentence speaks of, and
`since(...)` the start of a state ("since 2013"). Weekdays point back to the latest such day on or
before publication (news speaks of the past week: "vowed Thursday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from loaders.extract.article import _MONTH_RE, _month

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_WEEKDAY = re.compile(r"\b(?:on\s+|last\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)
_EXPLICIT = re.compile(
    rf"\b(?:on\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I
)
_EXPLICIT_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?(?:\s+(\d{{4}}))?\b", re.I)
_MONTH_YEAR = re.compile(rf"\b(?:in\s+)?({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
_IN_YEAR = re.compile(r"\b(?:in|during|by)\s+((?:19|20)\d{2})\b")
_SINCE = re.compile(
    rf"\b(?:since|from|starting in|beginning in)\s+(?:(?:early|late|mid-?)\s*)?"
    rf"(?:({_MONTH_RE})\.?\s+)?((?:19|20)\d{{2}})\b",
    re.I,
)
_RELATIVE = [
    (re.compile(r"\btoday\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b", re.I), "today"),
    (re.compile(r"\byesterday\b|\blast night\b", re.I), "yesterday"),
    (re.compile(r"\b(?:earlier|later) this month\b|\bthis month\b", re.I), "this-month"),
    (re.compile(r"\b(?:earlier|later) this year\b|\bthis year\b", re.I), "this-year"),
    (re.compile(r"\blast week\b|\bearlier this week\b", re.I), "last-week"),
    (re.compile(r"\blast month\b", re.I), "last-month"),
    (re.compile(r"\blast year\b", re.I), "last-year"),
]


@dataclass(frozen=True)
class Timex:
    value: str  # partial ISO date
    start: int  # offsets within the sentence text
    end: int


def _weekday(pub: date, name: str) -> date:
    target = WEEKDAYS.index(name.lower())
    return pub - timedelta(days=(pub.weekday() - target) % 7)


def find(text: str, published: str | None) -> list[Timex]:
    """Every resolvable time expression in `text`, in order of appearance."""
    pub = date.fromisoformat(published) if published and len(published) == 10 else None
    year = int(published[:4]) if published else None
    out: list[Timex] = []
    taken: list[tuple[int, int]] = []

    def add(value: str | None, m: re.Match[str]) -> None:
        if value and not any(m.start() < e and s < m.end() for s, e in taken):
            out.append(Timex(value, m.start(), m.end()))
            taken.append((m.start(), m.end()))

    for m in _EXPLICIT.finditer(text):
        if not m.group(1)[0].isupper():  # "may 5" is not a date
            continue
        y = int(m.group(3)) if m.group(3) else year
        add(_safe(y, _month(m.group(1)), int(m.group(2))), m)
    for m in _EXPLICIT_DMY.finditer(text):
        if not m.group(2)[0].isupper():
            continue
        y = int(m.group(3)) if m.group(3) else year
        add(_safe(y, _month(m.group(2)), int(m.group(1))), m)
    for m in _MONTH_YEAR.finditer(text):
        if m.group(1)[0].isupper():
            add(f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}", m)
    if pub is not None:
        for m in _WEEKDAY.finditer(text):
            add(_weekday(pub, m.group(1)).isoformat(), m)
        for rx, kind in _RELATIVE:
            for m in rx.finditer(text):
                add(_relative(pub, kind), m)
    for m in _IN_YEAR.finditer(text):
        add(m.group(1), m)
    out.sort(key=lambda t: t.start)
    return out


def _safe(y: int | None, mo: int, d: int) -> str | None:
    if y is None:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _relative(pub: date, kind: str) -> str:
    if kind == "today":
        return pub.isoformat()
    if kind == "yesterday":
        return (pub - timedelta(days=1)).isoformat()
    if kind == "this-month":
        return f"{pub.year:04d}-{pub.month:02d}"
    if kind == "this-year":
        return f"{pub.year:04d}"
    if kind == "last-week":
        d = pub - timedelta(days=7)
        return f"{d.year:04d}-{d.month:02d}"
    if kind == "last-month":
        d = pub.replace(day=1) - timedelta(days=1)
        return f"{d.year:04d}-{d.month:02d}"
    return f"{pub.year - 1:04d}"


def since(text: str) -> tuple[str, int, int] | None:
    """('2013', start, end) for 'since 2013' / 'since March 2014' ('2014-03')."""
    m = _SINCE.search(text)
    if not m:
        return None
    value = m.group(2) if not m.group(1) else f"{m.group(2)}-{_month(m.group(1)):02d}"
    return value, m.start(), m.end()


def event_date(text: str, published: str | None) -> str | None:
    """The first time expression that is not a 'since' start."""
    s = since(text)
    for t in find(text, published):
        if s and t.start >= s[1] and t.end <= s[2]:
            continue
        return t.value
    return None
