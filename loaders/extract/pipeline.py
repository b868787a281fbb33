"""The rule-based extractor: article -> sentences -> mentions -> coreference -> relations ->
stance -> time -> a `graph.model.FactDocument` with evidence offsets and confidence.

Deterministic: no randomness, no clock, no network; entities and facts are sorted and fact ids
are derived from their content, so the same input gives byte-identical JSON.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace

from graph.identity import gazetteer
from graph.model import (
    Article,
    Attribution,
    Country,
    EntityType,
    Evidence,
    Fact,
    FactDocument,
    Location,
    Organization,
    OrgKind,
    Person,
    Status,
)
from graph.vocab import RELATIONS, Relation
from loaders.extract import coref, relations, sentences, stance, timex
from loaders.extract.article import RawArticle
from loaders.extract.mentions import EntityInfo, Linker, Mention
from loaders.extract.registry import register_extractor

R = Relation
# Standing relations and targets of force keep people as themselves; elsewhere a person acts
# for the state or organisation they hold a position in.
PERSONAL = {R.AFFILIATED_WITH, R.MEMBER_OF, R.HOLDS_POSITION}
PERSONAL_OBJECT = {R.COERCE, R.ASSAULT, R.AFFILIATED_WITH, R.MEMBER_OF, R.SANCTION}
ONGOING = {R.OPERATES_IN, R.MEMBER_OF, R.AFFILIATED_WITH, R.ASSAULT, R.COERCE, R.RETREAT}
_ANAPHORIC_DENIAL = re.compile(
    r"\b(?P<verb>den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|refut(?:e|es|ed))"
    r"\s+(?:the|these|those|such|this|that|all)\s+(?:\w+\s+)?(?:accusations?|allegations?|claims?|"
    r"reports?|charges?)\b|\ba\s+(?:charge|claim|accusation|allegation)\s+(?P<who>(?:\w+\s+){1,4}?)"
    r"(?:has\s+|have\s+)?(?:always\s+|repeatedly\s+|consistently\s+)?(?:rejected|denied|dismissed|"
    r"rejects|denies|dismisses)|"
    r"\b(?P<own>den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?)\s+(?:any\s+|all\s+)?(?:involvement|"
    r"responsibility|role|part|participation)\b",
    re.I,
)
# "the Russian foreign ministry later confirmed the encounter": the latest such fact, confirmed
_ANAPHORIC_CONFIRM = re.compile(
    r"\bconfirm(?:ed|s)\s+(?:the|this|that|these)\s+(?:\w+\s+)?(?P<noun>encounter|meeting|talks|call|"
    r"conversation|visit|deal|agreement|arrests?|detention|deployment|strikes?|attacks?|reports?)\b",
    re.I,
)
_CONFIRM_KIND = {
    "encounter": R.CONSULT,
    "meeting": R.CONSULT,
    "talks": R.CONSULT,
    "call": R.CONSULT,
    "conversation": R.CONSULT,
    "visit": R.CONSULT,
    "deal": R.AGREE,
    "agreement": R.AGREE,
    "arrest": R.COERCE,
    "arrests": R.COERCE,
    "detention": R.COERCE,
    "deployment": R.MOBILIZE,
    "strike": R.ASSAULT,
    "strikes": R.ASSAULT,
    "attack": R.ASSAULT,
    "attacks": R.ASSAULT,
}
_ACCUSATION = re.compile(r"accusation|allegation|charge", re.I)
_REJECTED_THING = re.compile(
    r"\b(?:reject|refus|dismiss)\w*\s+(?:the|these|those|such|this|that)\s+(?:\w+\s+)?"
    r"(?:criticism|accusations?|allegations?|demands?|calls?|proposals?|requests?|claims?|charges?)",
    re.I,
)
_REQUESTED = re.compile(
    r"\b(?:urg\w*|call\w*\s+on|ask\w*|press\w*|demand\w*|appeal\w*\s+to|order\w*)\s+"
    r"(?:[\w'’-]+\s+){0,4}?to\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_CONDITION = re.compile(r"\b(?:if|unless)\s+(?:[\w'’-]+\s+){0,8}$", re.I)
_VOW = re.compile(r"\b(?:vow(?:s|ed)?|pledg(?:e|es|ed)|promis(?:e|es|ed))\s+(?:\w+\s+)?to\b", re.I)
_PRESENCE = re.compile(
    r"\b(?P<own>its|their|his)\s+(?:military|forces|troops|soldiers|army|contingent|bases?)\s+"
    r"(?:has|have|had)?\s*(?:been\s+)?(?:fighting|stationed|deployed|operating|based|present)\b",
    re.I,
)


_FORMER = re.compile(
    r"(?:\b(?:ousted|deposed|toppled|overthrown|exiled|late|former)\s+|\bex-)(?:[\w-]+\s+){0,2}$",
    re.I,
)


@dataclass
class Draft:
    subject: str
    relation: Relation
    object: str | None
    mode: str | None
    status: Status
    attribution: Attribution
    attributed_to: str | None
    start: int
    end: int
    sent: int
    aux: str | None = None
    title: str | None = None
    date: str | None = None
    valid_from: str | None = None
    confidence: float = 0.7
    trigger: int = -1  # absolute offset of the trigger
    anaphor: Relation | bool | None = False
    noun: str = ""  # a reaction's event noun ("strikes")
    verb: str = ""  # the trigger's text


# A reaction points back to an act of its own polarity: welcoming a cooperative act,
# condemning or rejecting a hostile one.
_FRIENDLY = {R.AID, R.SUPPORT, R.AGREE, R.CONCEDE, R.RETREAT, R.COOPERATE, R.CONSULT}
_HOSTILE = {
    R.ASSAULT,
    R.COERCE,
    R.SANCTION,
    R.THREATEN,
    R.ACCUSE,
    R.MOBILIZE,
    R.REJECT,
    R.PROTEST,
    R.REQUEST,
}
_IRREGULAR = {"struck": "strik", "fought": "fight", "hit": "hit", "met": "meet", "sent": "send"}


def _stem(word: str) -> str:
    w = word.lower()
    return _IRREGULAR.get(w, w[:5])


def _arg(m: Mention, rel: Relation, role: str) -> str:
    if m.type is EntityType.PERSON:
        if rel in PERSONAL or (role == "object" and rel in PERSONAL_OBJECT):
            return m.key
        return m.actor or m.key
    if m.type is EntityType.LOCATION:
        return m.key
    return m.actor or m.key


class RuleExtractor:
    """Rules and lexicons only; see docs/extraction.md."""

    name = "rules"

    def extract(self, art: RawArticle) -> FactDocument:
        sents = sentences.split(art.text, art.body_start, art.body_end, art.skip)
        linker = Linker()
        linked = linker.link(sents)
        title_linker = Linker()
        title_keys = [
            m.key
            for m in title_linker.link(
                [sentences.Sentence(-1, 0, len(art.title), art.title)]
            ).mentions
            if m.type is EntityType.COUNTRY
        ]
        quotes = stance.quote_speakers(art.text, sents, linked.mentions)
        speaker_actor: dict[int, str | None] = {}
        for qa, qb, spk in quotes:
            if spk is None:
                continue
            for s in sents:
                if s.start < qb and qa < s.end:
                    speaker_actor[s.index] = spk.actor or spk.key
        extra = coref.resolve(sents, linked, speaker_actor, title_keys)
        for m in extra:
            if m.kind == "we" and (info := linked.entities.get(m.key)) is not None:
                m.type = info.type
        mentions = sorted(linked.mentions + extra, key=lambda m: (m.start, m.end))
        entities = linked.entities
        drafts: list[Draft] = []
        lead_date: str | None = None
        group: list[Mention] | None = None
        duo: list[Mention] | None = None
        speaker_dates: dict[str, str] = {}
        first_group = next(
            (
                g
                for s in sents
                if (
                    g := relations.groups(
                        s.flat, s.start, [m for m in mentions if m.sent == s.index]
                    )
                )
            ),
            None,
        )
        for s in sents:
            flat = s.flat
            here = [m for m in mentions if m.sent == s.index]
            spk = stance.reporting_speakers(s, here)
            when = timex.event_date(flat, art.published)
            since = timex.since(flat)
            if when and lead_date is None and len(when) == 10:
                lead_date = when
            for sp in spk:
                if sp.key and when:
                    speaker_dates.setdefault(sp.key, when)
            group = relations.groups(flat, s.start, here) or group
            cur_group = group
            if cur_group is None and first_group is not None:
                # "the three Baltic states barred ..." before they are named
                n = _NUMBER_REF.search(flat)
                if n and _NUMBERS.get(n.group(1).lower()) == len({m.actor for m in first_group}):
                    cur_group = first_group
            raws = relations.find(
                flat, s.start, s.index, here, _pair(mentions, title_keys, s.index), cur_group, duo
            )
            duo = relations.duos(flat, s.start, here) or duo
            raws += self._presence(flat, s, here)
            for r in raws:
                if r.relation is not R.THREATEN and _CONDITION.search(
                    flat[max(0, r.trigger_start - s.start - 80) : r.trigger_start - s.start]
                ):
                    continue  # "if he did not relent": a condition, not an event
                if r.relation not in (
                    R.REQUEST,
                    R.THREATEN,
                    R.SANCTION,
                    R.ACCUSE,
                ) and _REQUESTED.search(
                    flat[max(0, r.trigger_start - s.start - 80) : r.trigger_start - s.start]
                ):
                    continue  # "urged allies to lift restrictions": the request is the event
                qspk = next((q for a, b, q in quotes if a <= r.trigger_start < b), None)
                in_quote = any(a <= r.trigger_start < b for a, b, _ in quotes)
                subj = r.subject
                if r.place and subj is not None:
                    r.object = _recent_place(mentions, entities, s.index) or _salient_country(
                        mentions, title_keys, s.index, subj
                    )
                    if r.object is None or r.object.actor == subj.actor:
                        continue
                if subj is None and r.relation is R.PROTEST:
                    subj = _salient_country(mentions, title_keys, s.index, r.object)
                if subj is None:
                    src = qspk or _speaker_mention(spk, r.trigger_start, here)
                    if src is None:
                        continue
                    subj = src
                if r.compound and qspk is None:
                    st = stance.Stance(Status.ASSERTED, Attribution.ARTICLE, None)
                else:
                    st = stance.decide(
                        r.relation, flat, s.start, r.trigger_start, r.trigger_end, subj, qspk, spk
                    )
                if st is None:
                    continue
                if st.attributed_to is not None:
                    st.attributed_to = _speaker_key(st.attributed_to, entities)
                if st.attributed_to is not None and st.attributed_to.startswith("title:"):
                    # "the interior minister said": whoever the article names with that title
                    st.attributed_to = _titled(linked.positions, st.attributed_to[6:], subj)
                    if st.attributed_to is None:
                        st = stance.Stance(st.status, Attribution.ARTICLE, None)
                if (
                    r.relation in stance.VERBAL
                    and st.attributed_to is not None
                    and st.attributed_to == (subj.actor or subj.key)
                    and st.status is not Status.DENIED
                ):
                    # a speech act of its subject: the subject is not repeated as the speaker
                    st = stance.Stance(st.status, Attribution.ARTICLE, None)
                if in_quote and qspk is None and st.attribution is Attribution.ARTICLE:
                    st.attribution = Attribution.UNNAMED
                sk = _arg(subj, r.relation, "subject")
                ok = _arg(r.object, r.relation, "object") if r.object is not None else None
                if (
                    r.object is not None
                    and r.object.type is EntityType.PERSON
                    and r.relation not in PERSONAL
                    and art.text[r.object.end : r.object.end + 2] in ("'s", "’s")
                ):
                    # "a cyberattack on Scholz's party": the person only qualifies the target
                    ok = r.object.actor or ok
                elif (
                    r.object is not None
                    and r.object.type is EntityType.PERSON
                    and r.relation is R.ACCUSE
                    and "warrant" in art.text[r.trigger_start : r.trigger_end].lower()
                ):
                    ok = r.object.key  # an arrest warrant is for the person
                d = Draft(
                    sk,
                    r.relation,
                    ok,
                    r.mode,
                    st.status,
                    st.attribution,
                    st.attributed_to,
                    s.start,
                    s.end,
                    s.index,
                )
                d.trigger = r.trigger_start
                d.anaphor = r.anaphor
                d.noun = r.noun
                d.verb = art.text[r.trigger_start : r.trigger_end]
                t = r.trigger_start - s.start
                if st.status is Status.ASSERTED and _VOW.search(flat[max(0, t - 40) : t]):
                    d.aux = "future"
                    vow = flat[max(0, t - 40) : t]
                    if r.relation not in stance.NO_HEDGE and not re.search(
                        r"\bto\s+(?:continue|keep|maintain|remain|go\s+on)\b", vow
                    ):
                        # "pledged to give radars": not yet given; "vowed to continue
                        # cooperation": ongoing, asserted with aux future
                        d.status = Status.INTENDED
                if st.status is Status.INTENDED:
                    d.aux = "future"
                d.date = when
                if (
                    since
                    and since[1] >= t
                    and r.relation in ONGOING
                    and not re.search(r"\b(?:where|which|who|as|while)\b", flat[t : since[1]])
                ):
                    d.valid_from = since[0]
                d.confidence = _confidence(r, subj, st, entities)
                drafts.append(d)
            _across_border(flat, s, drafts)
            drafts.extend(self._anaphoric_denials(flat, s, here, drafts))
            drafts.extend(self._anaphoric_confirmations(flat, s, here, drafts))
            drafts[:] = self._anaphoric_objects(
                s,
                drafts,
                lambda key, upto=s.index: _salient_other(mentions, title_keys, upto, key),
            )
            self._rejected_objects(flat, s, drafts)
        for p in linked.positions:
            s = sents[p.sent]
            if p.title.startswith(("former ", "ex-")) or _FORMER.search(
                art.text[max(0, p.start - 30) : p.start]
            ):
                continue  # "the ousted president X", "former minister X": not held now
            drafts.append(
                Draft(
                    p.person,
                    R.HOLDS_POSITION,
                    p.holder,
                    None,
                    Status.ASSERTED,
                    Attribution.ARTICLE,
                    None,
                    s.start,
                    s.end,
                    s.index,
                    title=p.title,
                    confidence=0.9,
                )
            )
        # Statements without their own date take the speaker's dated statement, else the lead.
        for d in drafts:
            if d.date is None and d.attributed_to and d.relation is not R.HOLDS_POSITION:
                d.date = speaker_dates.get(d.attributed_to) or lead_date
        _implied_objects(drafts)
        _similar_steps(drafts)
        _withdrawal_origins(drafts, art.text)
        _purpose_support(drafts, art.text)
        # "would send soldiers to X to reinforce ...": an objectless duplicate of a fact
        # with an object in the same sentence says nothing more
        with_object = {(d.sent, d.subject, d.relation) for d in drafts if d.object is not None}
        drafts = [
            d
            for d in drafts
            if d.object is not None
            or d.relation is R.HOLDS_POSITION
            or (d.sent, d.subject, d.relation) not in with_object
        ]
        return self._document(art, drafts, entities)

    # -------------------------------------------------------------- special rules

    def _presence(self, flat: str, s: sentences.Sentence, here: list[Mention]):
        """ "[France] ... bases in [Mali] where its military has been fighting": the owner of
        "its" forces operates in the place the clause is about."""
        out = []
        for m in _PRESENCE.finditer(flat):
            a = s.start + m.start()
            prior = [x for x in here if x.end <= a and x.actor and x.strong]
            owners = [x for x in prior if not x.after_prep]
            if not owners:
                continue
            owner = owners[-1]
            places = [x for x in prior if x.after_prep in ("in", "to") and x is not owner]
            place = places[-1] if places else None
            if place is None:
                place = next((x for x in here if x.start > a and x.after_prep == "in"), None)
            if place is None or place.actor == owner.actor:
                continue
            out.append(
                relations.RawRelation(
                    R.OPERATES_IN, None, owner, place, a, s.start + m.end(), s.index
                )
            )
        return out

    def _anaphoric_denials(self, flat: str, s, here: list[Mention], drafts: list[Draft]):
        """ "X dismissed the accusations" / "a charge X has always rejected": a denial by X of
        the latest alleged or reported fact."""
        out: list[Draft] = []
        for m in _ANAPHORIC_DENIAL.finditer(flat):
            a = s.start + m.start()
            if m.group("who"):
                cands = [x for x in here if a <= x.start < s.start + m.end() and x.strong]
            else:
                cands = [x for x in here if x.end <= a and x.strong and not x.after_prep]
            # the REJECT the trigger lexicon made of the same words is this denial
            drafts[:] = [
                d
                for d in drafts
                if not (
                    d.sent == s.index
                    and d.relation is R.REJECT
                    and s.start + m.start() <= d.trigger < s.start + m.end()
                )
            ]
            if not cands:
                continue
            who = cands[-1] if not m.group("who") else cands[0]
            # "X said Y had done Z, a claim W denied": the claim of this sentence
            same = [
                d
                for d in drafts
                if m.group("who")
                and d.sent == s.index
                and d.trigger < a
                and d.relation is not R.HOLDS_POSITION
            ]
            # "X accuses Y of backing Z, a charge Y rejects": the charge is what Y did
            same = [d for d in same if d.relation is not R.ACCUSE] or same
            if same and same[-1].status is Status.DENIED:
                continue  # the claim is already read as denied
            target = (
                same[-1]
                if same
                else next(
                    (
                        d
                        for d in reversed(drafts)
                        if (
                            d.status is Status.ALLEGED
                            or (
                                # "reported that X planned to ...": a relayed plan
                                (
                                    d.status is Status.REPORTED
                                    or (
                                        d.status is Status.INTENDED
                                        and d.attribution is Attribution.UNNAMED
                                    )
                                )
                                and not _ACCUSATION.search(m.group(0))
                            )
                        )
                        and d.start <= a
                        # "X denied any involvement": in what X was said to have done
                        and (not m.group("own") or d.subject == (who.actor or who.key))
                    ),
                    None,
                )
            )
            if target is None:
                continue
            speaker = who.key if who.type is EntityType.PERSON else (who.actor or who.key)
            # the REJECT the trigger lexicon made of the same words is this denial
            drafts[:] = [
                d
                for d in drafts
                if not (d.sent == s.index and d.relation is R.REJECT and d.object is None)
            ]
            out.append(
                Draft(
                    target.subject,
                    target.relation,
                    target.object,
                    target.mode,
                    Status.DENIED,
                    Attribution.NAMED,
                    speaker,
                    s.start,
                    s.end,
                    s.index,
                    confidence=0.6,
                )
            )
        return out

    def _anaphoric_confirmations(self, flat: str, s, here: list[Mention], drafts: list[Draft]):
        """ "X confirmed the encounter": the latest fact of that kind, confirmed by X."""
        out: list[Draft] = []
        for m in _ANAPHORIC_CONFIRM.finditer(flat):
            a = s.start + m.start()
            cands = [x for x in here if x.end <= a and x.strong and not x.after_prep]
            if not cands:
                continue
            who = cands[-1]
            kind = _CONFIRM_KIND.get(m.group("noun").lower())
            target = next(
                (
                    d
                    for d in reversed(drafts)
                    if d.start < s.start
                    and d.status is not Status.DENIED
                    and (d.relation is kind if kind else d.status is Status.REPORTED)
                ),
                None,
            )
            if target is None:
                continue
            speaker = who.key if who.type is EntityType.PERSON else (who.actor or who.key)
            out.append(
                replace(
                    target,
                    status=Status.CONFIRMED,
                    attribution=Attribution.NAMED,
                    attributed_to=speaker,
                    start=s.start,
                    end=s.end,
                    sent=s.index,
                    confidence=0.6,
                    date=None,
                )
            )
        return out

    def _anaphoric_objects(self, s, drafts: list[Draft], salient=None) -> list[Draft]:
        """ "Y condemned the strikes" -> Y ACCUSE (whoever struck); "welcomed the agreement" ->
        SUPPORT both parties; "respond to the expulsions" -> THREATEN the expeller."""
        out: list[Draft] = []
        for d in drafts:
            if d.sent != s.index or d.anaphor is False or d.object is not None:
                out.append(d)
                continue
            prior = [
                p
                for p in drafts
                if p.start < s.start or (p.sent == s.index and p.trigger < d.trigger)
            ]
            prior = [p for p in prior if p.anaphor is False and p.relation is not R.HOLDS_POSITION]
            same_kind = [p for p in prior if p.relation is d.anaphor] if d.anaphor else []
            if same_kind:
                # "condemned the strikes": the act named with the same word ("struck"), if any
                stem = _stem(d.noun) if d.noun else ""
                named = [
                    p for p in same_kind if stem and any(_stem(w) == stem for w in p.verb.split())
                ]
                prior = named or same_kind
            else:
                # "rejected the criticism": whoever last acted on the subject, else anyone else
                at_me = [p for p in prior if p.object == d.subject and p.subject != d.subject]
                others = [p for p in prior if p.subject != d.subject]
                polar = _FRIENDLY if d.relation is R.SUPPORT else _HOSTILE
                prior = (
                    [p for p in at_me if p.relation in polar]
                    or [p for p in others if p.relation in polar and p.object is not None]
                    or at_me
                    or others
                )
            if not prior:
                # "X called the steps a direct threat" with no such step extracted: the other
                # party the article is about
                other = salient(d.subject) if salient is not None and d.anaphor is None else None
                if other is not None and d.relation in (R.ACCUSE, R.REJECT):
                    out.append(
                        replace(d, object=other, anaphor=False, confidence=d.confidence - 0.2)
                    )
                elif not RELATIONS[d.relation].requires_object and d.relation not in (R.ACCUSE,):
                    out.append(d)
                continue
            last = prior[-1]
            targets = [
                p.subject for p in prior if p.start == last.start and p.relation is last.relation
            ]
            if (
                d.relation is R.ACCUSE
                and d.anaphor is None
                and last.relation is R.ACCUSE
                and last.object is not None
                and last.object != d.subject
                and not d.noun.startswith(("critic", "accus", "alleg", "charge", "claim"))
            ):
                # "X called the visit pressure; Y called it aggressive": Y echoes X's target
                targets = [last.object]
            if last.relation in (R.AGREE, R.CONSULT) and last.object and d.relation not in _HOSTILE:
                targets.append(last.object)
            for tk in dict.fromkeys(targets):
                if tk != d.subject:
                    out.append(replace(d, object=tk, anaphor=False, confidence=d.confidence - 0.1))
        return out

    def _rejected_objects(self, flat: str, s, drafts: list[Draft]) -> None:
        """ "Y rejected the criticism": the object is who criticised Y last."""
        if not _REJECTED_THING.search(flat):
            return
        for d in drafts:
            if d.sent == s.index and d.relation is R.REJECT and d.object is None:
                src = next(
                    (
                        p.subject
                        for p in reversed(drafts)
                        if p.sent < s.index and p.object == d.subject
                    ),
                    None,
                )
                if src and src != d.subject:
                    d.object = src

    # -------------------------------------------------------------- output

    def _document(
        self, art: RawArticle, drafts: list[Draft], ents: dict[str, EntityInfo]
    ) -> FactDocument:
        facts: dict[tuple, Draft] = {}
        same_sentence: dict[tuple, Draft] = {}
        for d in drafts:
            d = _normalise(d, ents)
            if d is None:
                continue
            # two triggers for one event in one sentence ("warned that X would face
            # consequences"): one fact, the one with a mode
            s_key = (d.subject, d.relation.value, d.object or "", d.status.value, d.title or "")
            s_key += (d.start,)
            prev = same_sentence.get(s_key)
            if prev is not None and (prev.mode or not d.mode):
                continue
            if prev is not None:
                pk = (
                    prev.subject,
                    prev.relation.value,
                    prev.object or "",
                    prev.mode or "",
                    prev.status.value,
                    prev.title or "",
                )
                if facts.get(pk) is prev:
                    del facts[pk]
            same_sentence[s_key] = d
            k = (
                d.subject,
                d.relation.value,
                d.object or "",
                d.mode or "",
                d.status.value,
                d.title or "",
            )
            if k not in facts or facts[k].start > d.start:
                facts[k] = d
        ordered = sorted(
            facts.values(),
            key=lambda d: (
                d.start,
                d.relation.value,
                d.subject,
                d.object or "",
                d.status.value,
                d.attributed_to or "",
                d.mode or "",
            ),
        )
        used: set[str] = set()
        out_facts: list[Fact] = []
        for d in ordered:
            used.update(x for x in (d.subject, d.object, d.attributed_to) if x)
            raw = "|".join(
                [
                    d.subject,
                    d.relation.value,
                    d.object or "",
                    d.mode or "",
                    d.status.value,
                    d.attributed_to or "",
                    d.title or "",
                    str(d.start),
                ]
            )
            fid = "x" + hashlib.sha1(raw.encode()).hexdigest()[:12]
            out_facts.append(
                Fact(
                    id=fid,
                    subject=d.subject,
                    relation=d.relation,
                    object=d.object,
                    mode=d.mode,
                    aux=d.aux,
                    status=d.status,
                    attributed_to=d.attributed_to,
                    attribution=d.attribution,
                    title=d.title,
                    date=d.date,
                    valid_from=d.valid_from,
                    evidence=Evidence(text=art.text[d.start : d.end], start=d.start, end=d.end),
                    confidence=round(d.confidence, 2),
                )
            )
        for k in used - set(ents):
            known = gazetteer().by_key(k)
            if known is None:
                raise AssertionError(f"fact refers to {k!r}, which no mention defined")
            ents[k] = EntityInfo(k, known.type, known.name, known.kind, known.country, known=True)
        entities = [_entity(ents[k]) for k in sorted(used)]
        article = Article(
            id=art.id,
            url=art.url,
            title=art.title,
            publisher=art.publisher,
            agency=art.agency,
            published=art.published,
            content_hash="sha256:" + art.content_hash,
        )
        return FactDocument(article=article, entities=entities, facts=out_facts)


def _across_border(flat: str, s, drafts: list[Draft]) -> None:
    """ "X accused Y of sending troops across the border": into X."""
    for d in drafts:
        if d.sent != s.index or d.relation is not R.MOBILIZE or d.object is not None:
            continue
        t = d.trigger - s.start
        if not relations._ACROSS_BORDER.search(flat[t : t + 80]):
            continue
        accuser = next(
            (
                p.subject
                for p in drafts
                if p.sent == s.index and p.relation is R.ACCUSE and p.object == d.subject
            ),
            None,
        )
        if accuser is not None and accuser != d.subject:
            d.object = accuser


_NUMBER_REF = re.compile(
    r"\b[Tt]he\s+(three|four|five)\s+(?:[A-Z][\w-]*\s+)?(?:countries|states|neighbou?rs|nations|"
    r"governments|members|juntas)\b"
)
_NUMBERS = {"three": 3, "four": 4, "five": 5}
_PRESSURE = {R.REQUEST, R.THREATEN, R.ACCUSE, R.SANCTION, R.COERCE}
_PRESENT = {R.OPERATES_IN, R.MOBILIZE}
_SIMILAR = re.compile(r"similar|same|comparable|parallel|matching", re.I)


def _similar_steps(drafts: list[Draft]) -> None:
    """ "Britain and France took similar steps": against the target of the last sanction."""
    keep: list[Draft] = []
    for d in drafts:
        if d.relation is R.SANCTION and d.object is None and _SIMILAR.search(d.verb):
            prior = [
                p
                for p in drafts
                if p.relation is R.SANCTION
                and p.object is not None
                and p.start <= d.start
                and p.subject != d.subject
            ]
            if not prior or prior[-1].object == d.subject:
                continue
            d.object = prior[-1].object
            d.confidence -= 0.1
        keep.append(d)
    drafts[:] = keep


_TACTICAL = re.compile(r"\b(?:before|after|then)\s+$", re.I)


_MORE = re.compile(r"\b(?:more|additional|extra|further|reinforcements|fresh)\b", re.I)
_PURPOSE = re.compile(r"\bto\s+$", re.I)


def _purpose_support(drafts: list[Draft], text: str) -> None:
    """ "will provide 20 million euros to support Rwandan troops": the support is the aid's
    purpose, not a second act."""
    aid = {(d.sent, d.subject, d.object) for d in drafts if d.relation is R.AID}
    drafts[:] = [
        d
        for d in drafts
        if not (
            d.relation is R.SUPPORT
            and (d.sent, d.subject, d.object) in aid
            and _PURPOSE.search(text[max(0, d.trigger - 4) : d.trigger])
        )
    ]


def _withdrawal_origins(drafts: list[Draft], text: str) -> None:
    """ "planned to pull its forces out": a withdrawal with no origin named leaves where the
    article has put the subject's forces; "stormed the town ... before withdrawing" is a
    raid's end, not a withdrawal."""
    keep: list[Draft] = []
    for d in drafts:
        more = (
            d.relation is R.MOBILIZE
            and d.object is None
            and _MORE.search(text[d.trigger : d.trigger + 40])
        )
        if (d.relation is R.RETREAT and d.mode == "withdraw" and d.object is None) or more:
            # "ready to send more troops": to where its forces already are
            present = [
                p
                for p in drafts
                if p.relation in _PRESENT and p.subject == d.subject and p.object is not None
            ]
            if present:
                before = [p.object for p in present if p.start <= d.start]
                where = before or [p.object for p in present]
                # a country rather than a place inside one ("Cabo Delgado")
                ranked = sorted(where, key=lambda k: len(k) == 3 and k.isupper())
                d.object = ranked[-1]
                d.confidence -= 0.1
            elif not more and _TACTICAL.search(text[max(0, d.trigger - 12) : d.trigger]):
                continue
        keep.append(d)
    drafts[:] = keep


def _implied_objects(drafts: list[Draft]) -> None:
    """A concession without a named recipient gives way to whoever pressed the subject in the
    article (demands, threats, accusations, sanctions), else to what the subject had rejected."""
    for d in drafts:
        if d.relation is not R.CONCEDE or d.object is not None:
            continue
        pressers = [
            p.subject
            for p in drafts
            if p.relation in _PRESSURE and p.object == d.subject and p.subject != d.subject
        ]
        rejected = [
            p.object
            for p in drafts
            if p.relation is R.REJECT and p.subject == d.subject and p.object is not None
        ]
        cands = pressers or rejected
        if cands:
            d.object = max(dict.fromkeys(cands), key=cands.count)
            d.confidence -= 0.1


def _pair(
    mentions: list[Mention], title_keys: list[str], upto: int
) -> tuple[Mention, Mention] | None:
    """The two countries the article is about so far, in order of first mention."""
    counts: dict[str, float] = {k: 3.0 for k in title_keys}
    first: dict[str, int] = {}
    last: dict[str, Mention] = {}
    for m in mentions:
        if m.type is EntityType.COUNTRY and m.sent <= upto and m.actor:
            # a demonym ("the Congolese border") only describes: half a mention
            counts[m.key] = counts.get(m.key, 0) + (0.5 if m.weak else 1)
            first.setdefault(m.key, m.start)
            last[m.key] = m
    top = sorted((k for k in counts if k in last), key=lambda k: (-counts[k], k))[:2]
    if len(top) < 2:
        return None
    top.sort(key=lambda k: first[k])
    return last[top[0]], last[top[1]]


def _titled(positions, title: str, subj: Mention) -> str | None:
    """The one person the article gives this title, for the subject's side."""
    found = {
        p.person
        for p in positions
        if p.title == title and (subj.actor is None or p.holder in (subj.actor, subj.key))
    }
    return found.pop() if len(found) == 1 else None


def _speaker_key(key: str, ents: dict[str, EntityInfo]) -> str:
    """A state body speaks for its state ("the Malian army said" -> MLI); people and other
    organisations speak for themselves."""
    e = ents.get(key)
    if (
        e is not None
        and e.type is EntityType.ORGANIZATION
        and e.kind in (OrgKind.GOVERNMENT, OrgKind.MILITARY)
        and e.country
    ):
        return e.country
    return key


def _recent_place(
    mentions: list[Mention], ents: dict[str, EntityInfo], upto: int
) -> Mention | None:
    """A known territory named in this or the previous sentence ("the hospital" is in Gaza)."""
    for m in reversed(mentions):
        if m.sent > upto:
            continue
        if m.sent < upto - 1:
            break
        e = ents.get(m.key)
        if m.type is EntityType.LOCATION and e is not None and e.known and m.kind != "coref":
            return m
    return None


def _salient_country(
    mentions: list[Mention], title_keys: list[str], upto: int, other: Mention | None
) -> Mention | None:
    """The country the article is about so far (headline counts double)."""
    counts: dict[str, float] = {k: 2.0 for k in title_keys}
    last: dict[str, Mention] = {}
    for m in mentions:
        if m.type is EntityType.COUNTRY and m.sent <= upto:
            counts[m.key] = counts.get(m.key, 0) + 1
            last[m.key] = m
    if other is not None:
        counts.pop(other.actor or "", None)
    best = sorted((k for k in counts if k in last), key=lambda k: (-counts[k], k))
    return last[best[0]] if best else None


def _salient_other(
    mentions: list[Mention], title_keys: list[str], upto: int, subject: str
) -> str | None:
    """The most mentioned country so far other than `subject` (headline counts double), if
    it clearly leads."""
    counts: dict[str, float] = {k: 2.0 for k in title_keys}
    for m in mentions:
        if m.type is EntityType.COUNTRY and m.sent <= upto and m.actor:
            counts[m.actor] = counts.get(m.actor, 0) + 1
    counts.pop(subject, None)
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not best or (len(best) > 1 and best[1][1] >= best[0][1]):
        return None
    return best[0][0]


def _speaker_mention(spk: list[stance.Speaker], pos: int, here: list[Mention]) -> Mention | None:
    for sp in sorted(spk, key=lambda x: -x.verb_start):
        if sp.key and sp.scope[0] <= pos < sp.scope[1]:
            return next((m for m in here if m.key == sp.key), None)
    return None


def _normalise(d: Draft, ents: dict[str, EntityInfo]) -> Draft | None:
    if d.object == d.subject:
        return None
    info = RELATIONS[d.relation]
    stype = ents[d.subject].type if d.subject in ents else None
    otype = ents[d.object].type if d.object and d.object in ents else None
    if stype is EntityType.LOCATION:
        return None
    if (
        d.relation is R.AFFILIATED_WITH
        and stype is EntityType.COUNTRY
        and otype
        not in (
            EntityType.COUNTRY,
            None,
        )
    ):
        d.subject, d.object = d.object, d.subject  # type: ignore[assignment]
    if info.object_types and otype is not None and otype.value not in info.object_types:
        return None
    if info.requires_object and d.object is None:
        return None
    if d.relation not in relations.PLACE_OK and otype is EntityType.LOCATION:
        d.object = None
        if info.requires_object:
            return None
    okind = ents[d.object].kind if d.object and d.object in ents else None
    if d.relation is R.RETREAT and okind is OrgKind.IGO:
        # leaving an organisation reduces relations with it
        d.relation, d.mode = R.SANCTION, "withdraw"
    if (
        d.relation is R.SUPPORT
        and okind in (OrgKind.ARMED_GROUP, OrgKind.PMC)
        and not re.match(r"(?:welcom|prais|thank|congratulat|laud)", d.verb, re.I)
    ):
        # backing an armed group is material
        d.relation, d.mode = R.AID, "military"
    info = RELATIONS[d.relation]
    if d.mode is not None and d.mode not in info.modes:
        d.mode = None
    return d


def _confidence(r: relations.RawRelation, subj: Mention, st: stance.Stance, ents) -> float:
    c = 0.7
    known = [m for m in (subj, r.object) if m is not None]
    if all(ents.get(m.key) is not None and ents[m.key].known for m in known):
        c += 0.1
    if any(m.kind in ("coref", "pronoun", "we") for m in known):
        c -= 0.15
    if r.object is None:
        c -= 0.1
    return max(0.1, min(c, 0.95))


def _entity(e: EntityInfo):
    if e.type is EntityType.COUNTRY:
        return Country(id=e.key, name=e.name, iso3=e.key)
    if e.type is EntityType.ORGANIZATION:
        return Organization(
            id=e.key,
            name=e.name,
            kind=e.kind or OrgKind.OTHER,
            country=e.country
            if e.country and len(e.country) == 3 and e.country.isupper()
            else None,
        )
    if e.type is EntityType.PERSON:
        c = e.country if e.country and len(e.country) == 3 and e.country.isupper() else None
        return Person(id=e.key, name=e.name, country=c)
    return Location(id=e.key, name=e.name)


def to_json(doc: FactDocument) -> str:
    """The canonical JSON of a document: what `geokg load` reads, byte-stable."""
    data = doc.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


register_extractor("rules", RuleExtractor)
