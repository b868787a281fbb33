"""Sentence splitting with character offsets, plus quotation spans.

Rules: paragraphs split at blank lines, but a paragraph that stops without final punctuation
continues into the next (wire copy often breaks a sentence across a blank line); sentences end at
. ! ? (plus closing quotes/brackets) followed by a capital, a digit or an opening quote, except
after abbreviations and initials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
    "sen", "rep", "gov", "pres", "st", "mt", "jr", "sr", "inc", "ltd", "co", "corp", "no",
    "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.n", "u.k", "e.u", "approx", "est", "fig", "p.m", "a.m",
}  # fmt: skip

_PARA = re.compile(r"\n[ \t\r]*\n")
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“'‘(]?[A-Z0-9])")
_FINAL = re.compile(r"[.!?:;][\"'”’)\]]*\s*$|[\"”]\s*$")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str  # text[start:end] of the article, verbatim

    @property
    def flat(self) -> str:
        """Same length as `text`, newlines and tabs as spaces: regexes can ignore layout."""
        return re.sub(r"\s", " ", self.text)


def paragraphs(
    text: str, start: int = 0, end: int | None = None, skip: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Paragraph spans; paragraphs overlapping a `skip` span are dropped before joining."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _PARA.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _trim(text, s, e)
        if e > s and not any(s < ke and ks < e for ks, ke in skip or ()):
            out.append((s, e))
    # Join a paragraph that does not end a sentence with the next one.
    joined: list[tuple[int, int]] = []
    for s, e in out:
        if joined and not _FINAL.search(text[joined[-1][0] : joined[-1][1]]):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _END.finditer(text, start, end):
        word = re.search(r"([\w.]+)$", text[pos : m.start()])
        w = word.group(1).lower() if word else ""
        if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha() and m.group(0) == "."):
            continue
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):  # U.S. / U.N.
            continue
        spans.append(_trim(text, pos, m.end()))
        pos = m.end()
    spans.append(_trim(text, pos, end))
    return [(s, e) for s, e in spans if e > s]


def split(
    text: str, start: int = 0, end: int | None = None, skip: list[tuple[int, int]] | None = None
) -> list[Sentence]:
    """Sentences of text[start:end], skipping any paragraph overlapping a `skip` span."""
    skip = skip or []
    out: list[Sentence] = []
    for ps, pe in paragraphs(text, start, end, skip):
        for s, e in split_paragraph(text, ps, pe):
            out.append(Sentence(len(out), s, e, text[s:e]))
    return out


# Quotation spans: straight or curly double quotes, paired in order within a paragraph.
_QUOTE = re.compile(r"\"[^\"]{1,3000}?\"|“[^”]{1,3000}?”")


def quotes(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each double-quoted stretch, quote marks included."""
    end = len(text) if end is None else end
    spans = []
    for ps, pe in paragraphs(text, start, end):
        spans.extend((m.start(), m.end()) for m in _QUOTE.finditer(text, ps, pe))
    return spans
