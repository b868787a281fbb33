"""Deterministic keys: the same fact always gets the same key, so loads are idempotent."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


def slug(text: str) -> str:
    """A readable stable key from a name: 'Wagner Group' -> 'wagner-group'."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:120] or "x-" + hashlib.sha1(text.encode()).hexdigest()[:12]


def assertion_key(
    subject: str, relation: str, obj: str | None, mode: str | None, title: str | None = None
) -> str:
    raw = "|".join([subject, relation, obj or "", mode or "", fold(title) if title else ""])
    return "as:" + hashlib.sha1(raw.encode()).hexdigest()[:20]


def claim_key(article_id: str, fact_id: str) -> str:
    return f"{article_id}#{fact_id}"


def url_article_key(url: str) -> str:
    return "gdelt-url:" + hashlib.sha1(url.encode()).hexdigest()[:16]
