"""Light coreference, only where it pays for events:

- "the country", "the Sahel state", "the West African nation" -> the most salient country so far
  that is not the clause's own actor (salience: mentions weighted by recency, the title counts);
- "he"/"she"/"his"/"her" -> the last person; "it"/"the group"/"the outfit" -> the last organisation;
- "we"/"our"/"us" inside a quotation -> the speaker's actor (a minister's "we" is his country);
- generic descriptions of a private military company -> the one PMC the article names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.model import EntityType, OrgKind
from loaders.extract.lexicon import PMC_NOUNS
from loaders.extract.mentions import Linked, Mention
from loaders.extract.sentences import Sentence

_COUNTRY_DESC = re.compile(
    r"\b(?:[Tt]he\s+((?:[\w-]+\s+){0,3}?)(country|nation|state|kingdom|republic|emirate|island)\b"
    r"(?!\s+(?:media|department|television|tv|news|broadcaster|agency|company|firm|visit|"
    r"secretary|of|council|duma|budget|actors?|sponsors?|level|officials?|institutions?|"
    r"security|oil|energy|energy company|run|owned|-owned))|"
    # "accused its southern neighbour of ..."
    r"[Ii]ts\s+((?:(?:northern|southern|eastern|western)\s+)?)(neighbou?r)\b(?!['’]s|\s+[A-Z]))"
)
_NOT_COUNTRY_MOD = re.compile(
    r"^(?:two|three|both|other|islamic|member|neighbou?ring|western)\b", re.I
)
_ORG_DESC = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(group|outfit|militia|organi[sz]ation|movement|company|"
    r"contractor|mercenaries|rebels|militants|alliance|bloc|agency|mission|court|commission|"
    r"watchdog|body|council)\b"
)
_THE_TROOPS = re.compile(
    r"\b[Tt]he\s+(?:(?:roughly|about|some|around|nearly|more\s+than)\s+)?(?:[\d,]+\s+)?"
    r"(?:troops|soldiers|forces)\b(?!\s+of\b)"
)
_TROOPS_AFTER = re.compile(r"^(?:['’]s?)?\s+(?:[\w-]+\s+)?(?:troops|soldiers|forces|military)\b")


def _text_after(sents: list[Sentence], m: Mention) -> str:
    for s in sents:
        if s.start <= m.end <= s.end:
            return s.flat[m.end - s.start : m.end - s.start + 40]
    return ""


_HIS_COUNTRY = re.compile(r"\b(?:his|her)\s+(?:own\s+)?(?:country|government|nation)\b")
_TITLE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}?(?:president|prime\s+minister|leader|minister|king|"
    r"chancellor|premier|spokes(?:man|woman|person)|ambassador|envoy)\b"
)
_ALLY = re.compile(
    r"\b(?:its|their)\s+(?:close\s+|key\s+|main\s+|treaty\s+|closest\s+)?(?:ally|partner)\b"
)
_APPOSITION = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w'’.-]+\s+){0,3}?(agency|body|mission|court|programme|program|"
    r"organi[sz]ation|alliance|bloc|group|militia|movement|force|company|watchdog)\b"
)
_PLACE_DESC = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?(region|enclave|territory|province|plant|facility|strip)\b"
    r"(?!\s+of\b)"
)
_RULERS = re.compile(
    r"\b[Tt]he\s+(?:\w+\s+)?(?:junta|putschists|military\s+rulers|coup\s+leaders|military\s+government|"
    r"regime|authorities|government)\b(?!\s+of\b)"
)
_OWN_FORCES = re.compile(
    r"\b(?:its|their)(?=\s+(?:\w+\s+)?(?:aircraft|forces|troops|military|jets|warplanes|army|navy|"
    r"soldiers|drones|missiles|coast\s+guard|police))",
    re.I,
)
_PERSON_PRON = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b")
_IT = re.compile(
    r"\b(?:It|it|Its|its)\b(?!\s+(?:is|was)\s+(?:said|believed|thought|reported|understood|"
    r"expected|not clear|unclear)\s+that)"
)
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s|[Oo]urs)\b")

_SAID_BEFORE = re.compile(
    r"\b(?:said|says|announced|added|stated|insisted|warned|claimed|confirmed)"
    r"(?:\s+on\s+\w+|\s+\w+day|\s+in\s+a\s+statement)?\s+(?:that\s+)?$",
    re.I,
)
DECAY = 0.8


def _salience(mentions: list[Mention], sent: int, title_keys: list[str]) -> dict[str, float]:
    score: dict[str, float] = {}
    for k in title_keys:
        score[k] = score.get(k, 0.0) + 1.0
    for m in mentions:
        if m.type is EntityType.COUNTRY and m.sent <= sent:
            score[m.key] = score.get(m.key, 0.0) + DECAY ** (sent - m.sent)
    return score


def resolve(
    sents: list[Sentence],
    linked: Linked,
    speakers: dict[int, str | None],
    title_keys: list[str] | None = None,
) -> list[Mention]:
    """Extra mentions for descriptions and pronouns. `speakers` maps sentence index -> actor
    key of the speaker of a quotation inside it (for "we")."""
    title_keys = title_keys or []
    base_mentions = sorted(linked.mentions, key=lambda m: m.start)
    pmcs = sorted(
        {
            m.key
            for m in base_mentions
            if (e := linked.entities.get(m.key)) is not None
            and e.kind is OrgKind.PMC
            and not (not e.known and PMC_NOUNS.search(e.name))
        }
    )
    out: list[Mention] = []
    # Generic mentions of a PMC ("Russian military contractors", "a Russian PMC") point at the
    # article's one named PMC; unknown organisations so named are folded into it.
    if len(pmcs) == 1:
        pmc = pmcs[0]
        for m in base_mentions:
            e = linked.entities.get(m.key)
            if (
                m.key != pmc
                and e is not None
                and e.type is EntityType.ORGANIZATION
                and (PMC_NOUNS.fullmatch(e.name) or (not e.known and PMC_NOUNS.search(e.name)))
            ):
                m.key = m.actor = pmc
    # "UNRWA, the UN agency for Palestinian refugees": the apposition describes the name before
    # it (its head, "agency", is how later sentences refer to it); names inside it are modifiers
    for s in sents:
        flat = s.flat
        here = [m for m in base_mentions if m.sent == s.index]
        for m in here:
            if m.type is not EntityType.ORGANIZATION:
                continue
            ap = _APPOSITION.match(flat, m.end - s.start)
            if ap is None:
                continue
            info = linked.entities.get(m.key)
            if info is not None:
                info.aliases.add(ap.group(1).lower())
            for n in here:
                if (
                    m.end - s.start < n.start - s.start < ap.end(1)
                    and n.type is not EntityType.LOCATION
                    and flat[n.end - s.start : n.end - s.start + 1] != "-"  # "NATO-led"
                ):
                    n.absorbed = True
                    n.weak = True
    # Region names inside a description ("the Sahel state") do not block it.
    taken = [(m.start, m.end) for m in base_mentions if m.type is not EntityType.LOCATION]

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    for s in sents:
        flat = s.flat
        here = [m for m in base_mentions if m.sent == s.index]
        before = [m for m in base_mentions if m.start < s.start]
        if len(pmcs) == 1:
            for g in PMC_NOUNS.finditer(flat):
                a, b = s.start + g.start(), s.start + g.end()
                for m in here:
                    # "Russian military contractors": the description wins over a partial name
                    if (
                        m.start < b
                        and a < m.end
                        and m.key != pmcs[0]
                        and m.type is not EntityType.COUNTRY
                    ):
                        m.key = m.actor = pmcs[0]
                        m.type = EntityType.ORGANIZATION
                        m.weak = False
                if free(a, b):
                    out.append(
                        _mk(a, b, s.index, pmcs[0], EntityType.ORGANIZATION, flat, g.start())
                    )
                    taken.append((a, b))
        for d in _COUNTRY_DESC.finditer(flat):
            if _NOT_COUNTRY_MOD.match(d.group(1) or ""):
                continue
            a, b = s.start + d.start(), s.start + d.end()
            inner = [m for m in here if a <= m.start and m.end <= b]
            if inner and all(m.weak for m in inner):
                # "the South American country": the demonym only describes it
                for m in inner:
                    m.absorbed = True
                taken[:] = [t for t in taken if not (a <= t[0] and t[1] <= b)]
            if not free(a, b):
                continue
            first_actor = next((m.actor for m in here if m.start < a and m.strong), None)
            exclude = {first_actor} if first_actor else set()
            if speakers.get(s.index):
                exclude.add(speakers[s.index])  # type: ignore[arg-type]
            sal = _salience(before + [m for m in here if m.start < a], s.index, title_keys)
            cands = sorted(
                ((v, k) for k, v in sal.items() if k not in exclude), key=lambda x: (-x[0], x[1])
            )
            if cands:
                out.append(_mk(a, b, s.index, cands[0][1], EntityType.COUNTRY, flat, d.start()))
                taken.append((a, b))
        # "the junta", "the authorities" (no country named with them): the country in focus
        for d in _RULERS.finditer(flat):
            a, b = s.start + d.start(), s.start + d.end()
            if not free(a, b) or any(m.start >= a and m.end <= b for m in here):
                continue
            sal = _salience(before + [m for m in here if m.start < a], s.index, title_keys)
            if sal:
                k = sorted(sal.items(), key=lambda x: (-x[1], x[0]))[0][0]
                out.append(_mk(a, b, s.index, k, EntityType.COUNTRY, flat, d.start()))
                taken.append((a, b))
        # "its aircraft struck": the owner is the last actor named before
        for d in _OWN_FORCES.finditer(flat):
            a, b = s.start + d.start(), s.start + d.end()
            owner = [m for m in here if m.end <= a and m.strong and m.actor]
            if owner and free(a, b):
                o = owner[-1]
                out.append(_mk(a, b, s.index, o.actor, o.type, flat, d.start()))  # type: ignore[arg-type]
                taken.append((a, b))
        # "Poland's president said his country would ...": the unnamed title holder's state
        for d in _HIS_COUNTRY.finditer(flat):
            a, b = s.start + d.start(), s.start + d.end()
            holder = None
            for m in here:
                if m.end > a:
                    break
                if m.type is EntityType.PERSON:
                    holder = None  # a named person: the pronoun is theirs
                elif (
                    m.type is EntityType.COUNTRY
                    and m.actor
                    and _TITLE_AFTER.match(flat[m.end - s.start :])
                ):
                    holder = m
            if holder is not None and free(a, b):
                out.append(_mk(a, b, s.index, holder.actor, EntityType.COUNTRY, flat, d.start()))  # type: ignore[arg-type]
                taken.append((a, b))
        prior = [m for m in base_mentions + out if m.start < s.start]
        prior.sort(key=lambda m: m.start)
        for p in _PERSON_PRON.finditer(flat):
            a, b = s.start + p.start(), s.start + p.end()
            cands = [m for m in prior + [m for m in here if m.start < a]]
            person = next((m for m in reversed(cands) if m.type is EntityType.PERSON), None)
            if person is not None and free(a, b):
                out.append(
                    replace(
                        person,
                        start=a,
                        end=b,
                        sent=s.index,
                        kind="pronoun",
                        after_prep=_prep(flat, p.start()),
                        weak=False,
                        ext=None,
                        absorbed=False,
                    )
                )
                taken.append((a, b))
        # "the soldiers have been stationed in X": whose troops the article last named
        for d in _THE_TROOPS.finditer(flat):
            a, b = s.start + d.start(), s.start + d.end()
            if not free(a, b) or any(a <= m.start < b for m in here):
                continue
            owner = None
            for m in reversed(prior + [m for m in here if m.end <= a]):
                if (
                    m.actor
                    and m.type is EntityType.COUNTRY
                    and _TROOPS_AFTER.match(_text_after(sents, m))
                ):
                    owner = m
                    break
            if owner is not None:
                out.append(_mk(a, b, s.index, owner.actor, EntityType.COUNTRY, flat, d.start()))
                taken.append((a, b))
        # "stood with its ally": the most salient other country
        for d in _ALLY.finditer(flat):
            a, b = s.start + d.start(), s.start + d.end()
            if not free(a, b):
                continue
            own = [m for m in here if m.end <= a and m.strong and m.actor]
            exclude = {own[-1].actor} if own else set()
            sal = _salience(before + [m for m in here if m.start < a], s.index, title_keys)
            cands = sorted(
                ((v, k) for k, v in sal.items() if k not in exclude), key=lambda x: (-x[0], x[1])
            )
            if cands:
                out.append(_mk(a, b, s.index, cands[0][1], EntityType.COUNTRY, flat, d.start()))
                taken.append((a, b))
        # "the region", "the breakaway enclave": the last place named
        for d in _PLACE_DESC.finditer(flat):
            a, b = s.start + d.start(), s.start + d.end()
            inner = [m for m in here if a <= m.start and m.end <= b]
            if inner and all(m.weak for m in inner):
                for m in inner:  # "the pro-Moscow region": the name only describes it
                    m.absorbed = True
                taken[:] = [t for t in taken if not (a <= t[0] and t[1] <= b)]
            places = [
                m
                for m in prior + [m for m in here if m.end <= a]
                if m.type is EntityType.LOCATION and m.kind != "coref"
            ]
            if places and free(a, b):
                out.append(
                    replace(
                        places[-1],
                        start=a,
                        end=b,
                        sent=s.index,
                        kind="coref",
                        after_prep=_prep(flat, d.start()),
                        weak=False,
                        ext=None,
                        absorbed=False,
                    )
                )
                taken.append((a, b))
        for d in _ORG_DESC.finditer(flat):
            a, b = s.start + d.start(), s.start + d.end()
            first_actor = next((m.actor for m in here if m.start < a and m.strong), None)
            org = _last_org(
                [m for m in prior + [m for m in here if m.end <= a] if m.actor != first_actor],
                linked,
                d.group(1).lower(),
            )
            if org is not None and free(a, b):
                out.append(
                    replace(
                        org,
                        start=a,
                        end=b,
                        sent=s.index,
                        kind="coref",
                        weak=False,
                        ext=None,
                        absorbed=False,
                    )
                )
                taken.append((a, b))
        for p in _IT.finditer(flat):
            a, b = s.start + p.start(), s.start + p.end()
            # "X said it ...": the speaker
            rv = _SAID_BEFORE.search(flat[: p.start()])
            if rv:
                lim = s.start + rv.start()
                app = re.search(r",\s+(?:the|a|an|which|who)\s+[^,]*,\s*$", flat[: rv.start()])
                if app and any(m.end <= s.start + app.start() for m in here if m.strong):
                    lim = s.start + app.start()  # "Egypt, which ... with Ethiopia, said it"
                spk = [m for m in here if m.end <= lim and m.strong and m.actor]
                if spk and free(a, b):
                    out.append(
                        replace(
                            spk[-1],
                            start=a,
                            end=b,
                            sent=s.index,
                            kind="pronoun",
                            weak=False,
                            ext=None,
                            absorbed=False,
                            after_prep=None,
                        )
                    )
                    taken.append((a, b))
                    continue
            prev = [m for m in prior if m.sent == s.index - 1 and m.strong]
            if prev and prev[0].type is EntityType.ORGANIZATION and free(a, b):
                out.append(
                    replace(
                        prev[0],
                        start=a,
                        end=b,
                        sent=s.index,
                        kind="pronoun",
                        weak=False,
                        ext=None,
                        absorbed=False,
                    )
                )
                taken.append((a, b))
        spk = speakers.get(s.index)
        if spk:
            for w in _WE.finditer(flat):
                a, b = s.start + w.start(), s.start + w.end()
                if free(a, b):
                    m = _mk(a, b, s.index, spk, EntityType.COUNTRY, flat, w.start())
                    m.kind = "we"
                    out.append(m)
                    taken.append((a, b))
    return out


def _prep(flat: str, rel: int) -> str | None:
    from loaders.extract.mentions import _prep_before

    return _prep_before(flat, rel)


_KIND_OF_HEAD = {
    **dict.fromkeys(
        ("alliance", "bloc", "agency", "mission", "court", "commission", "watchdog", "body"),
        frozenset({OrgKind.IGO}),
    ),
    **dict.fromkeys(
        ("group", "militia", "movement", "rebels", "militants", "outfit"),
        frozenset({OrgKind.ARMED_GROUP, OrgKind.PMC}),
    ),
    **dict.fromkeys(
        ("company", "contractor", "mercenaries"), frozenset({OrgKind.PMC, OrgKind.COMPANY})
    ),
}


def _last_org(prior: list[Mention], linked: Linked, head: str = "") -> Mention | None:
    """The last organisation named, preferring one of the kind the description's head
    names ("the bloc" an intergovernmental one, "the group" an armed group)."""
    orgs = [m for m in reversed(prior) if m.type is EntityType.ORGANIZATION and m.strong]
    if head:
        # "the council" -> the UN Security Council, "the agency" -> UNRWA: the head in the name
        for m in orgs[:4]:
            e = linked.entities.get(m.key)
            if e is not None and (re.search(rf"\b{head}\b", e.name, re.I) or head in e.aliases):
                return m
    kinds = _KIND_OF_HEAD.get(head)
    if kinds:
        for m in orgs[:4]:
            e = linked.entities.get(m.key)
            if e is not None and e.kind in kinds:
                return m
    return orgs[0] if orgs else None


def _mk(a: int, b: int, sent: int, key: str, etype: EntityType, flat: str, rel: int) -> Mention:
    from loaders.extract.mentions import _prep_before

    return Mention(a, b, sent, key, etype, "coref", key, after_prep=_prep_before(flat, rel))
