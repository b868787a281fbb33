"""Entity mentions linked to canonical entities, and the positions people hold.

Known names (countries with their aliases, demonyms and capital/seat-of-power metonyms, curated
organisations and people) come from the gazetteer in graph/identity.py. Other capitalised names
get a type guess (person after a title, organisation with an organisational head noun, location
for regions and geographic heads) and a stable key from `graph.keys.slug`.

Every mention has an `actor`: the key that stands for it as the subject or object of an event.
A person with a state position acts for that state ("Lavrov" -> RUS); a demonym acts only with
an actor noun ("Malian authorities"), otherwise it is a weak mention usable as an object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from graph.identity import KnownEntity, gazetteer
from graph.keys import slug
from graph.model import EntityType, OrgKind
from loaders.extract.lexicon import (
    ACTOR_NOUNS,
    ACTS_FOR_PARENT,
    FUNCTION_WORDS,
    LOCATION_HEADS,
    NOT_NAMES,
    ORG_HEAD_RE,
    ORG_NOUN_AFTER,
    RANK_RE,
    RANKS,
    REGIONS,
    TITLE,
    TITLE_RE,
)
from loaders.extract.sentences import Sentence


@dataclass
class Mention:
    start: int  # absolute offsets in the article text
    end: int
    sent: int
    key: str
    type: EntityType
    kind: str  # name alias metonym demonym person org location coref pronoun
    actor: str | None  # key standing for it in events (None: not an actor)
    weak: bool = False  # demonym used as a plain adjective ("Russian companies")
    after_prep: str | None = None  # preposition right before it ("in", "with", ...)
    absorbed: bool = False  # the holder in "[Russia]'s foreign minister Lavrov": not an actor
    ext: int | None = None  # start of the whole phrase ("Russia's foreign minister Lavrov")

    @property
    def ext_start(self) -> int:
        return self.start if self.ext is None else self.ext

    @property
    def strong(self) -> bool:
        return not self.weak


@dataclass
class EntityInfo:
    key: str
    type: EntityType
    name: str
    kind: OrgKind | None = None
    country: str | None = None  # person's/organisation's state (ISO3)
    known: bool = False
    aliases: set[str] = field(default_factory=set)
    acts_for: str | None = None  # the holder of the position the article gives a person


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


@dataclass
class Position:
    person: str
    holder: str  # country or organisation key
    title: str
    start: int
    end: int
    sent: int


@dataclass
class Linked:
    mentions: list[Mention]
    entities: dict[str, EntityInfo]
    positions: list[Position]


# ------------------------------------------------------------------ gazetteer index


# Wire-service style: a bare "Congo" is the Democratic Republic (the Brazzaville state is
# named "Republic of Congo"); used only when the article has not named either yet.
_PRESS_DEFAULT = {"Congo": "COD", "Congolese": "COD", "Dominican": "DOM", "Dominicans": "DOM"}


@dataclass(frozen=True)
class _Surface:
    text: str
    entities: tuple[KnownEntity, ...]  # several: ambiguous, linked only if the article decides
    kind: str


@cache
def _index() -> dict[str, list[_Surface]]:
    """First word of a surface form -> surface forms, longest first."""
    by_text: dict[str, dict[str, tuple[KnownEntity, str]]] = {}
    for surface, ent, kind in gazetteer().surface_forms():
        variants = {surface}
        if surface.startswith("the "):
            variants |= {"The " + surface[4:], surface[4:]}
        if " of the " in surface:
            variants.add(surface.replace(" of the ", " of "))
        for v in variants:
            if len(v) < 2:
                continue
            if ent.type is EntityType.PERSON and _TITLE_START.match(v):
                continue  # "President Xi": the title is read by the title rules
            by_text.setdefault(v, {}).setdefault(ent.key, (ent, kind))
    index: dict[str, list[_Surface]] = {}
    for text, ents in by_text.items():
        first = re.match(r"\w+", text)
        if first:
            kinds = {k for _, k in ents.values()}
            kind = kinds.pop() if len(kinds) == 1 else "alias"
            found = tuple(e for e, _ in ents.values())
            index.setdefault(first.group(0), []).append(_Surface(text, found, kind))
    for lst in index.values():
        lst.sort(key=lambda s: (-len(s.text), s.text))
    return index


_WORD = re.compile(r"\w+")
_GENERIC_ORGAN = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w.]*\s+)?(?:armed\s+forces|forces|military|army|navy|air\s+force|"
    r"government|ministry|troops|defen[cs]e\s+ministry|foreign\s+ministry|police|"
    r"intelligence|coast\s+guard|junta|cabinet|administration|embassy)\b",
    re.I,
)
_GENERIC_NAME = re.compile(
    r"\b(?:Ministry|Department|Armed\s+Forces|Defen[cs]e\s+Forces|Army|Bundeswehr|Government|"
    r"Cabinet|Navy|Air\s+Force)\b"
)
_TITLE_START = re.compile(rf"^(?:{TITLE})\s", re.I)
_PREP = re.compile(
    r"\b(in|into|at|near|from|to|with|on|against|of|for|by|over|toward|towards|between|"
    r"across|inside|outside|throughout|alongside|than|about|around|within)\s+(?:the\s+)?$",
    re.I,
)
_ACTOR_AFTER = re.compile(rf"^[\s-]+(?:\w+\s+){{0,3}}?{ACTOR_NOUNS}\b", re.I)
_ATTACK_AFTER = re.compile(
    r"^\s+(?:air|drone|missile|rocket|artillery|naval|ground|military|cyber)?\s*(?:strikes?|"
    r"airstrikes?|attacks?|raids?|offensive|bombardment|shelling|incursion|invasion)\b",
    re.I,
)
_TITLE_AFTER = re.compile(rf"^\s+{TITLE}\b", re.I)
_POSS = re.compile(r"^['’]s?\b")

CAP = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
CAP2 = rf"(?:{CAP}|(?:al|el|ad|as|bin|ibn|abu)-[A-Z][\w'’]*)"
_SEQ = re.compile(
    rf"(?<![\w-]){CAP}(?:(?:\s+|\s+(?:of|for|the|de|da|del|van|von|der|bin|ibn|al)\s+){CAP2})*"
)
# Countries whose names put the family name first ("Wang Yi" is "Wang" on second mention).
_FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "JPN", "VNM", "HKG", "MAC", "SGP", "KHM", "HUN"}
_STATE_TITLE = re.compile(
    r"minister|president|premier|chancellor|king|queen|emir|secretary|ambassador|envoy|spokes|"
    r"chief|commander|general",
    re.I,
)
_NON_STATE = re.compile(
    r"\b(?:gang|rebel|militia|militant|opposition|group|insurgent|company)\b", re.I
)
_FUNCTION = FUNCTION_WORDS
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_TITLE_PREFIX = re.compile(rf"^(?:{TITLE}(?:\s+|$))+", re.I)
_TITLE_BEFORE = re.compile(rf"(?:^|[\s(])({TITLE})\s*,?\s*(?:{RANKS}\s+)?$", re.I)


# Documents and processes named after a city or country
_NAMED_AFTER_PLACE = re.compile(
    r"\s+(?:Conventions?|Protocols?|Accords?|Agreements?|Declaration|Charter|Statute|Process|"
    r"Format|Document|Memorandum|Communiqu[eé])\b"
)


def _org_kind(name: str, after: str) -> OrgKind:
    low = (name + " " + after[:40]).lower()
    if re.search(r"mercenar|private military|\bpmc\b|contractor", low):
        return OrgKind.PMC
    if re.search(r"militia|rebel|militant|jihadist|insurgent|brigade|front\b|islamic state", low):
        return OrgKind.ARMED_GROUP
    if re.search(r"\barmy\b|forces|navy|air force|command|guard|battalion|regiment", low):
        return OrgKind.MILITARY
    if re.search(r"ministry|government|cabinet|parliament|senate|department|council of min", low):
        return OrgKind.GOVERNMENT
    if re.search(r"\b(?:times|news|post|media|tv|television|broadcast)", low):
        return OrgKind.MEDIA
    if re.search(r"company|corp|inc\b|ltd|industries|airlines|bank\b", low):
        return OrgKind.COMPANY
    return OrgKind.OTHER


class Linker:
    """Links the mentions of one article. Not thread-safe; make one per article."""

    def __init__(self, title_keys: list[str] | None = None) -> None:
        self.title_keys = title_keys or []  # countries the headline names
        self._sentence_text: dict[int, str] = {}
        self._sentence_start: dict[int, int] = {}
        self.entities: dict[str, EntityInfo] = {}
        self.mentions: list[Mention] = []
        self.positions: list[Position] = []
        self._last_names: dict[str, str] = {}
        self._first_names: dict[str, str] = {}  # unknown people: used if no surname matches

    # -------------------------------------------------------------- entities

    def _known(self, ent: KnownEntity) -> EntityInfo:
        info = self.entities.get(ent.key)
        if info is None:
            info = EntityInfo(ent.key, ent.type, ent.name, ent.kind, ent.country, known=True)
            self.entities[ent.key] = info
            if ent.type is EntityType.PERSON:
                self._last_names.setdefault(ent.name.split()[-1], ent.key)
                if ent.country in _FAMILY_NAME_FIRST:
                    self._last_names.setdefault(ent.name.split()[0], ent.key)  # "Wang" Yi
                for a in ent.aliases:
                    self._last_names.setdefault(a.split()[-1], ent.key)
        return info

    def _unknown(self, name: str, etype: EntityType, after: str = "") -> EntityInfo:
        for variant in (name, name.replace(" of ", " of the ")):
            found = gazetteer().lookup(variant, etype) or gazetteer().lookup(variant)
            if len(found) == 1:
                return self._known(found[0])
        if etype is EntityType.ORGANIZATION and name.isupper():
            # an acronym of an organisation named earlier: "Rapid Support Forces" ... "RSF"
            for info in self.entities.values():
                if info.type is EntityType.ORGANIZATION and _initials(info.name) == name:
                    return info
        key = slug(name)
        info = self.entities.get(key)
        if info is None:
            kind = _org_kind(name, after) if etype is EntityType.ORGANIZATION else None
            info = EntityInfo(key, etype, name, kind)
            self.entities[key] = info
            if etype is EntityType.PERSON and " " in name:
                self._last_names.setdefault(name.split()[-1], key)
                self._first_names.setdefault(name.split()[0], key)
        return info

    def actor_of(self, key: str) -> str:
        info = self.entities.get(key)
        if info is not None and info.type is EntityType.PERSON:
            return info.acts_for or info.country or key
        return key

    # -------------------------------------------------------------- per sentence

    def link(self, sents: list[Sentence]) -> Linked:
        for s in sents:
            self._sentence(s)
        self.mentions.sort(key=lambda m: (m.start, m.end))
        self._fallback_positions()
        for m in self.mentions:
            if m.actor is not None and m.type is EntityType.PERSON:
                m.actor = self.actor_of(m.key)
        return Linked(self.mentions, self.entities, self.positions)

    def _gazetteer_matches(self, flat: str) -> list[tuple[int, int, _Surface]]:
        index = _index()
        best: list[tuple[int, int, _Surface]] = []  # the longest match at each word
        for w in _WORD.finditer(flat):
            if w.start() > 0 and (flat[w.start() - 1].isalnum() or flat[w.start() - 1] == "."):
                continue
            for sf in index.get(w.group(0), ()):
                end = w.start() + len(sf.text)
                if flat.startswith(sf.text, w.start()) and (
                    end == len(flat)
                    or not (
                        flat[end].isalnum() or (flat[end] in "’'" and not _POSS.match(flat[end:]))
                    )
                ):
                    best.append((w.start(), end, sf))
                    break
        out: list[tuple[int, int, _Surface]] = []
        pos = 0
        for i, (a, b, sf) in enumerate(best):
            if a < pos:
                continue
            # "The UN refugee agency": a longer name starting inside this one wins
            if any(a2 < b < b2 for a2, b2, _ in best[i + 1 : i + 4]):
                continue
            out.append((a, b, sf))
            pos = b
        return out

    def _sentence(self, s: Sentence) -> None:
        flat = s.flat
        self._sentence_text[s.index] = flat
        self._sentence_start[s.index] = s.start
        base = s.start
        masked = list(flat)
        sent_mentions: list[Mention] = []
        matches = self._gazetteer_matches(flat)
        skip_to = -1
        for i, (a, b, sf) in enumerate(matches):
            if a < skip_to:
                continue
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            if (
                nxt is not None
                and nxt[0] == b + 1
                and flat[b] == " "
                and len(sf.entities) == 1
                and sf.entities[0].type is EntityType.ORGANIZATION
                and sf.entities[0].kind is OrgKind.ARMED_GROUP
                and nxt[2].kind == "name"
                and all(e.type is EntityType.COUNTRY for e in nxt[2].entities)
                and not _POSS.match(flat[nxt[1] :])
            ):
                # "Islamic State Mozambique": an affiliate named after its country
                info = self._unknown(flat[a : nxt[1]], EntityType.ORGANIZATION, flat[nxt[1] :])
                info.kind = OrgKind.ARMED_GROUP
                m = Mention(base + a, base + nxt[1], s.index, info.key, info.type, "org", info.key)
                m.after_prep = _prep_before(flat, a)
                sent_mentions.append(m)
                for j in range(a, nxt[1]):
                    masked[j] = "x"
                skip_to = nxt[1]
                continue
            if (
                all(e.type is EntityType.ORGANIZATION for e in sf.entities)
                and sf.kind == "name"
                and (prev := re.search(r"(?:^|\s)([A-Z][a-z]+) $", flat[:a])) is not None
                and prev.group(1).lower() not in NOT_NAMES
                and prev.group(1) not in _index()
                and not re.search(rf"\b(?:{TITLE})\s*$", prev.group(1), re.I)
            ):
                continue  # "Kataib Hezbollah": a longer unknown name ending in a known one
            if sf.kind in ("name", "metonym") and (doc := _NAMED_AFTER_PLACE.match(flat[b:])):
                # "the Vienna Convention", "the Paris Agreement": a text, neither state nor actor
                for j in range(a, b + doc.end()):
                    masked[j] = "x"
                continue
            if len(sf.entities) == 1:
                ent = sf.entities[0]
            else:
                # a shared name ("Congo") links only to the one the article already named
                seen = [e for e in sf.entities if e.key in self.entities]
                if not seen and sf.text in _PRESS_DEFAULT:
                    seen = [e for e in sf.entities if e.key == _PRESS_DEFAULT[sf.text]]
                if len(seen) != 1:
                    continue
                ent = seen[0]
            if (
                ent.type is EntityType.COUNTRY
                and _TITLE_BEFORE.search(flat[:a])
                and re.match(r"\s+[A-Z][a-z]+\b(?!\s+(?:of|and)\b)", flat[b:])
                and not re.match(rf"\s+(?:{TITLE})\b", flat[b:], re.I)
            ):
                continue  # "Foreign Minister Israel Katz": a given name, not the country
            info = self._known(ent)
            weak = False
            kind = sf.kind
            if kind == "demonym":
                rest = flat[b:]
                plural_noun = flat[max(0, a - 4) : a].lower() == "the " and sf.text.endswith("s")
                if not (
                    _ACTOR_AFTER.match(rest)
                    or plural_noun
                    or _TITLE_AFTER.match(rest)
                    or _ATTACK_AFTER.match(rest)
                ):
                    weak = True
            if re.match(
                r"-(?:backed|linked|allied|aligned|funded|sponsored|supported|affiliated|"
                r"controlled|run|based|led)\b",
                flat[b:],
            ):
                weak = True  # a modifier: "Kremlin-linked Wagner" is about Wagner
            if re.search(r"\b(?:pro|anti)-$", flat[max(0, a - 5) : a], re.I):
                weak = True  # "the pro-Moscow region", "anti-French protests"
            if info.type is EntityType.LOCATION:
                actor = None
            elif (
                info.kind in (OrgKind.GOVERNMENT, OrgKind.MILITARY)
                and info.country
                and (_GENERIC_ORGAN.match(sf.text) or _GENERIC_NAME.search(info.name))
            ):
                # a state's organ named generically acts for the state ("French forces"); a
                # named one keeps its identity ("the Revolutionary Guards", "the GRU")
                actor = info.country
            else:
                actor = ACTS_FOR_PARENT.get(info.key, info.key)
            m = Mention(base + a, base + b, s.index, info.key, info.type, kind, actor, weak)
            m.after_prep = _prep_before(flat, a)
            sent_mentions.append(m)
            for i in range(a, b):
                masked[i] = "x"
        mask = "".join(masked)
        for seq in _SEQ.finditer(mask):
            self._name(s, flat, seq.start(), seq.end(), sent_mentions)
        sent_mentions.sort(key=lambda m: m.start)
        self._positions(s, flat, sent_mentions)
        self.mentions.extend(sent_mentions)

    def _name(self, s: Sentence, flat: str, a: int, b: int, out: list[Mention]) -> None:
        a0 = a
        text = flat[a:b]
        poss = re.search(r"['’]s?$", text)
        if poss:
            text = text[: poss.start()]
            b = a + len(text)
        title = None
        if t := _TITLE_PREFIX.match(text):
            title = t.group(0).strip()
            a += t.end()
            text = text[t.end() :]
        ranked = False
        if r := RANK_RE.match(text):
            a += r.end()
            text = text[r.end() :]
            ranked = True
            if title is None and re.match(r"(?:King|Queen|Emir|Sultan)\b", r.group(0)):
                title = r.group(0).split()[0].lower()  # a monarch's rank is his title
        text = text.strip()
        if not text:
            return
        words = text.split()
        after = flat[b:]
        before = flat[:a]
        if title is None and (tb := _TITLE_BEFORE.search(before)):
            title = tb.group(1)
        at_start = not before.strip() or before.rstrip().endswith(('"', "“", ":"))
        if len(words) == 1:
            w = words[0]
            if w.lower() in NOT_NAMES and not title:
                return
            if w in self._last_names or (
                w in self._first_names
                and self.entities[self._first_names[w]].country in _FAMILY_NAME_FIRST
            ):
                key = self._last_names.get(w) or self._first_names[w]
                self._add(out, s, a, b, key, EntityType.PERSON, "person", flat)
                return
            ethnic = re.search(r"(?:ish|ian|ese|ic|an|i)$", w) and not w.isupper()
            acronym = w.isupper() and 2 <= len(w) <= 6 and w.isalpha()  # not "F-16", "IRIS-T"
            led = re.match(rf"\s+(?:{TITLE})\s+[A-Z][a-z]", after) is not None and not at_start
            if (ORG_NOUN_AFTER.match(after) and not ethnic) or acronym or (led and not ethnic):
                # "[Somaliland] leader Muse Bihi Abdi": a polity or body with a leader
                info = self._unknown(w, EntityType.ORGANIZATION, after)
                self._add(out, s, a, b, info.key, info.type, "org", flat)
                return
            if w in REGIONS:
                info = self._unknown(w, EntityType.LOCATION)
                self._add(out, s, a, b, info.key, info.type, "location", flat)
                return
            if any(m.type is EntityType.PERSON and 0 <= m.start - s.start - b <= 1 for m in out):
                return  # "Tayyip [Erdogan]": part of a known name
            if title and not at_start:
                info = self._unknown(w, EntityType.PERSON)
                self._add(out, s, a, b, info.key, info.type, "person", flat, title)
            return
        # Multi-word names: drop leading capitalised function words ("The", "But").
        while (
            words
            and words[0].lower() in NOT_NAMES
            and not title
            and (at_start or words[0].lower() in _FUNCTION)
        ):
            skip = flat.index(words[0], a) + len(words[0])
            a = skip + (len(flat[skip:]) - len(flat[skip:].lstrip()))
            words = words[1:]
        if not words:
            return
        text = " ".join(words)
        if len(words) == 1:
            self._name(s, flat, a, b, out)
            return
        if (title or ranked) and len(words) <= 6 and not ORG_HEAD_RE.search(text):
            etype = EntityType.PERSON  # "Sheikh Tamim bin Hamad Al Thani", "King Abdullah II"
        elif text in REGIONS or LOCATION_HEADS.search(text):
            etype = EntityType.LOCATION
        elif (
            ORG_HEAD_RE.search(text)
            or ORG_NOUN_AFTER.match(after)
            or len(words) > 3
            or any(w.isupper() and len(w) > 1 for w in words)
        ):
            etype = EntityType.ORGANIZATION
        elif all((w[0].isupper() and w[1:].islower()) or "-" in w or "'" in w for w in words):
            etype = EntityType.PERSON
        else:
            etype = EntityType.ORGANIZATION
        info = self._unknown(" ".join(flat[a:b].split()), etype, after)
        kind = {"person": "person", "organization": "org", "location": "location"}[info.type]
        self._add(out, s, a, b, info.key, info.type, kind, flat, title)
        if a0 < a and out and out[-1].key == info.key:
            out[-1].ext = (
                s.start + a0
            )  # "Defence Minister Minoru Kihara": the phrase starts earlier

    def _add(
        self,
        out: list[Mention],
        s: Sentence,
        a: int,
        b: int,
        key: str,
        etype: EntityType,
        kind: str,
        flat: str,
        title: str | None = None,
    ) -> None:
        actor = None if etype is EntityType.LOCATION else key
        m = Mention(s.start + a, s.start + b, s.index, key, etype, kind, actor)
        m.after_prep = _prep_before(flat, a)
        out.append(m)
        if title and etype is EntityType.PERSON:
            self._titles.setdefault(key, title)
            self._titled.setdefault(key, (title, s.start + a, s.start + b, s.index))

    @property
    def _titled(self) -> dict[str, tuple[str, int, int, int]]:
        if not hasattr(self, "_titled_map"):
            self._titled_map: dict[str, tuple[str, int, int, int]] = {}
        return self._titled_map

    def _fallback_positions(self) -> None:
        """A titled person with no holder in the text ("Defence Minister X") serves the state
        the article is mostly about."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in self.mentions:
            if m.type is EntityType.COUNTRY:
                counts[m.key] = counts.get(m.key, 0) + 1
                first.setdefault(m.key, m.start)
        if not counts:
            return
        for k in self.title_keys:
            counts[k] = counts.get(k, 0) + 2
            first.setdefault(k, -1)
        # wire style: an unqualified "Prime Minister X" most often serves the state the lead
        # sentence is about (its first named subject)
        lead = min((m.sent for m in self.mentions), default=None)
        for m in self.mentions:
            if m.sent != lead or m.type is not EntityType.COUNTRY or m.kind == "demonym":
                continue
            if m.after_prep is None:
                counts[m.key] += 1
            break
        top = min(counts, key=lambda k: (-counts[k], first[k]))
        for key, (title, a, b, sent) in sorted(self._titled.items()):
            if any(p.person == key for p in self.positions):
                continue
            info = self.entities[key]
            # the country named last before the title in its sentence ("In Senegal, President X")
            near = [
                m
                for m in self.mentions
                if m.sent == sent
                and m.end <= a
                and m.type is EntityType.COUNTRY
                and not m.weak
                and not m.absorbed
                and (
                    m.after_prep in (None, "in", "by")
                    # "travelled on to Hungary, where Prime Minister X"
                    or (
                        m.after_prep == "to"
                        and re.fullmatch(
                            r",?\s+where\s+(?:[\w.-]+\s+){0,4}",
                            self._sentence_text.get(sent, "")[
                                m.end - self._sentence_start.get(sent, 0) : a
                                - self._sentence_start.get(sent, 0)
                            ],
                        )
                        is not None
                    )
                )
            ]
            before_title = self._sentence_text.get(sent, "")[
                : a - self._sentence_start.get(sent, 0)
            ]
            if not info.country and (
                not _STATE_TITLE.search(title)
                or _NON_STATE.search(before_title[-30:] + " " + title)
            ):
                continue  # "gang leader", "rebel commander": not a state position
            holder = info.country or (
                near[-1].key
                if near
                else self._described_holder(title, sent)
                or self._context_holder(sent, a, before_title)
                or top
            )
            self._add_position(key, holder, title, a, b, sent)
            if not info.country:
                info.country = holder

    def _described_holder(self, title: str, sent: int) -> str | None:
        """ "Burundi has shut ..., the interior minister said. ... Interior Minister X": the
        state whose unnamed holder of that title spoke earlier."""
        rx = re.compile(rf"\bthe\s+{re.escape(title.lower())}\b")
        for k in sorted(i for i in self._sentence_text if i < sent):
            if not rx.search(self._sentence_text[k].lower()):
                continue
            subj = next(
                (
                    m
                    for m in self.mentions
                    if m.sent == k
                    and m.type is EntityType.COUNTRY
                    and not m.weak
                    and m.after_prep is None
                ),
                None,
            )
            if subj is not None:
                return subj.key
        return None

    def _context_holder(self, sent: int, a: int, before_title: str) -> str | None:
        """Whom an unattached title serves, from the context: a coordinated person's state
        ("[Kamikawa] and Defence Minister X"), else the subject of the previous sentence
        ("Jordan called off ... . Foreign Minister X said"; "The Taliban ... . Its spokesman X").
        """
        t = re.search(rf"(?:{TITLE})\s*$", before_title, re.I)
        if t:
            before_title = before_title[: t.start()]
        co = re.search(r"(\S+)\s+and\s+$", before_title)
        if co:
            for m in self.mentions:
                if m.sent == sent and m.end <= a and m.type is EntityType.PERSON:
                    pi = self.entities.get(m.key)
                    if pi is not None and (pi.acts_for or pi.country) and m.end >= a - 60:
                        return pi.acts_for or pi.country
        possessive = re.search(r"\b(?:its|their)\s+$", before_title, re.I) is not None
        if before_title.strip() and not possessive:
            return None  # the title is not at the start of its sentence
        prev = sent - 1
        prev_end = self._sentence_start.get(prev, -9) + len(self._sentence_text.get(prev, ""))
        if self._sentence_start.get(sent, 0) - prev_end > 1:
            return None  # a new paragraph
        for m in self.mentions:
            if m.sent != sent - 1 or m.weak or m.absorbed or m.after_prep is not None:
                continue
            if m.type is EntityType.COUNTRY or (possessive and m.type is EntityType.ORGANIZATION):
                return m.key
            if m.type is EntityType.PERSON:
                continue
            break
        return None

    @property
    def _titles(self) -> dict[str, str]:
        if not hasattr(self, "_title_map"):
            self._title_map: dict[str, str] = {}
        return self._title_map

    # -------------------------------------------------------------- positions

    def _positions(self, s: Sentence, flat: str, ms: list[Mention]) -> None:
        """Title constructions: "[Russia]'s foreign minister [Sergei Lavrov]", "[Russian]
        foreign minister [..]", "[NATO] Secretary General [..]", "[..], [Mali]'s foreign
        minister", "his [Malian] counterpart, [..]", and a known person's own country."""
        base = s.start
        for i, m in enumerate(ms):
            if m.type is not EntityType.PERSON:
                continue
            a = m.start - base
            holder: Mention | None = None
            title: str | None = None
            span_start = a
            # Holder and title before the name.
            for j in range(i - 1, -1, -1):
                h = ms[j]
                if h.type not in (EntityType.COUNTRY, EntityType.ORGANIZATION):
                    continue
                between = flat[h.end - base : a]
                mt = re.fullmatch(
                    rf"(?:['’]s?)?\s+(?:[a-z][\w-]*\s+){{0,2}}?({TITLE})\s*,?\s*(?:{RANKS}\s+)*",
                    between,
                    re.I,
                )
                if mt:
                    holder, title, span_start = h, mt.group(1), h.start - base
                    h.absorbed = True
                    m.ext = h.start
                elif re.fullmatch(r"\s*,\s*", between) and (
                    pre := re.search(
                        rf"\b({TITLE})\s+(?:of|at)\s+(?:the\s+)?$", flat[: h.start - base], re.I
                    )
                ):
                    # "the head of the IAEA, Rafael Grossi"
                    holder, title, span_start = h, pre.group(1), pre.start(1)
                    h.absorbed = True
                    m.ext = base + pre.start(1)
                elif re.fullmatch(r"\s*,\s*", between) and (
                    pre := re.search(
                        rf"['’]s?\s+({TITLE})\s+to\s+(?:the\s+)?$", flat[: h.start - base], re.I
                    )
                ):
                    # "Russia's ambassador to the UN, Vassily Nebenzia": the sender holds it
                    own = [x for x in ms[:j] if x.end - base == pre.start()]
                    if own and own[-1].type is EntityType.COUNTRY:
                        holder, title, span_start = own[-1], pre.group(1), own[-1].start - base
                        own[-1].absorbed = True
                        m.ext = own[-1].start
                elif re.fullmatch(r"\s+counterparts?\s*,?\s*", between, re.I):
                    prev = self._prev_title(ms[:j], s)
                    if prev:
                        holder, title, span_start = h, prev, h.start - base
                        h.absorbed = True
                        m.ext = h.start
                break
            # Appositive after the name: ", [Mali]'s foreign minister" / ", the [Malian] ...".
            if holder is None:
                for h in ms[i + 1 : i + 3]:
                    if h.type not in (EntityType.COUNTRY, EntityType.ORGANIZATION):
                        continue
                    gap = flat[m.end - base : h.start - base]
                    if not re.fullmatch(r",\s+(?:the\s+|a\s+)?", gap, re.I):
                        break
                    rest = flat[h.end - base :]
                    mt = re.match(rf"(?:['’]s?)?\s+({TITLE})\b", rest, re.I)
                    if mt and not re.match(r"\s+[A-Z]", rest[mt.end() :]):
                        # (not "X, Egyptian President Y": that title is Y's)
                        holder, title = h, mt.group(1)
                    break
            if holder is None:
                # ", the commander of [Sudan's] paramilitary [Rapid Support Forces]"
                mt = re.match(
                    rf",\s+(?:the\s+|a\s+)?({TITLE})\s+(?:of|at)\s+(?:the\s+)?([^,;]{{0,60}})",
                    flat[m.end - base :],
                    re.I,
                )
                if mt:
                    lim = m.end + mt.end()
                    inside = [
                        h
                        for h in ms[i + 1 :]
                        if h.start >= m.end + mt.start(2)
                        and h.end <= lim
                        and h.type in (EntityType.COUNTRY, EntityType.ORGANIZATION)
                    ]
                    orgs = [h for h in inside if h.type is EntityType.ORGANIZATION]
                    pick = orgs[0] if orgs else (inside[0] if inside else None)
                    if pick is not None and (pick is inside[0] or pick.start - inside[0].end < 30):
                        holder, title = pick, mt.group(1)
                        if pick is not inside[0]:
                            inside[0].absorbed = True  # "Sudan's" paramilitary RSF
            kin = re.match(
                r",\s+(?:the\s+)?(?:[\w-]+\s+)?(?:sister|brother|wife|husband|son|daughter|aide|"
                r"confidant)\s+of\s+",
                flat[m.end - base :],
            )
            if kin:
                # "Kim Yo Jong, the sister of leader Kim Jong Un": she speaks for his state
                rel = next((h for h in ms[i + 1 : i + 2] if h.type is EntityType.PERSON), None)
                ri = self.entities.get(rel.key) if rel is not None else None
                mi = self.entities[m.key]
                if ri is not None and (ri.acts_for or ri.country) and mi.acts_for is None:
                    mi.acts_for = ri.acts_for or ri.country
            known_title = self._titles.get(m.key)
            info = self.entities[m.key]
            if holder is None and known_title is None and info.known and info.country:
                # a known person with a title before the name: "President Vladimir Putin"
                pre = flat[:a]
                given = re.search(r"([A-Z][\w'’-]+)\s+$", pre)
                while given and given.group(1) in info.name.split():
                    pre = pre[: given.start()]  # "President [Tayyip] Erdogan"
                    given = re.search(r"([A-Z][\w'’-]+)\s+$", pre)
                tb = _TITLE_BEFORE.search(pre)
                if tb and re.search(r"\b[A-Z][a-z]+\s+$", flat[: tb.start(1)]) and tb.start(1) > 0:
                    tb = None  # "Commission President X": a holder we do not know
                if tb:
                    self._titles[m.key] = tb.group(1)
                    self._add_position(
                        m.key,
                        info.country,
                        tb.group(1),
                        base + a - len(flat[:a]) + tb.start(1),
                        m.end,
                        s.index,
                    )
                    continue
            if holder is None and known_title:
                title = known_title
                if info.country:
                    self._add_position(m.key, info.country, title, base + a, m.end, s.index)
                continue
            if holder is None or title is None:
                continue
            holder_key = ACTS_FOR_PARENT.get(holder.key, holder.key)
            if holder.type is EntityType.ORGANIZATION:
                hinfo = self.entities.get(holder_key)
                # "Kremlin spokesman": a seat of power stands for its state.
                if hinfo and hinfo.kind in (OrgKind.GOVERNMENT, OrgKind.MILITARY) and hinfo.country:
                    holder_key = hinfo.country
            if holder.type is EntityType.COUNTRY:
                info.country = holder_key
            self._titles.setdefault(m.key, title)
            self._add_position(m.key, holder_key, title, base + span_start, m.end, s.index)
            if holder.type is EntityType.ORGANIZATION and not info.country:
                # The organisation is who the person acts for.
                info.country = holder_key

    def _prev_title(self, ms: list[Mention], s: Sentence) -> str | None:
        for m in reversed(self.mentions + ms):
            if m.type is EntityType.PERSON and m.key in self._titles:
                return self._titles[m.key]
        return None

    def _add_position(self, person: str, holder: str, title: str, a: int, b: int, sent: int):
        t = re.sub(r"\s+", " ", title.lower()).strip()
        info = self.entities.get(person)
        if info is not None and info.acts_for is None:
            info.acts_for = holder
        if any(p.person == person and p.holder == holder for p in self.positions):
            return
        self.positions.append(Position(person, holder, t, a, b, sent))


def _prep_before(flat: str, a: int) -> str | None:
    left = flat[max(0, a - 60) : a]
    # a title between the preposition and the name: "close to President Vladimir Putin"
    t = re.search(rf"(?:{TITLE})\s+$", left, re.I)
    if t:
        left = left[: t.start()]
    m = _PREP.search(left[-24:])
    return m.group(1).lower() if m else None


def link(sents: list[Sentence]) -> Linked:
    return Linker().link(sents)


__all__ = ["TITLE_RE", "EntityInfo", "Linked", "Linker", "Mention", "Position", "link"]
