"""Status and attribution: who says it, and how it stands.

- Quotations are attributed to the speaker named next to them (`"...," Lavrov said`), or the
  one named before (`X said: "..."`); an unattributed quote continues the last speaker's.
- Reported speech: a reporting verb (said, told, vowed, denied, accused...) with an actor before
  it ("X said Y ...") or after it ("Y ..., X said") attributes the facts of its complement.
  Plural anonymous speakers ("officials said", "sources", "Western governments say") are unnamed.
- Status, strongest cue first: denial (deny/dismiss/reject a claim; negation inside reported
  speech), allegation (accused of, alleged, believed to, suspected), report (reportedly,
  reports of, a reported deal), intent (will, would, plans/preparing to, vowed to...), else
  asserted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Attribution, EntityType, Status
from graph.vocab import Relation
from loaders.extract.lexicon import TITLE
from loaders.extract.mentions import Mention
from loaders.extract.sentences import Sentence

REPORTING = (
    r"said|says|say|told|tells|tell|added|adds|stated|states|declared|announced|announces|"
    r"insisted|insists|stressed|underlined|noted|explained|warned|claimed|claims|argued|"
    r"vowed|vows|pledged|pledges|promised|promises|confirmed|confirms|acknowledged|admitted|"
    r"wrote|tweeted|posted|maintained|maintains|denied|denies|deny|denying|dismissed|dismisses|"
    r"accused|accuses|accusing|alleged|alleges|reported|reports|believes|believe|suggested|"
    r"indicated|assured|reiterated|replied|responded|countered|rejected|rejects|retracted|"
    r"withdrew(?=\s+(?:its|his|her|their)\s+(?:\w+\s+)?(?:claim|statement|report|accusation))"
)
_RV = re.compile(rf"\b({REPORTING})\b", re.I)
DENY = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:ed|es|ing)?|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|"
    r"called\s+(?:the\s+)?(?:\w+\s+)?(?:a\s+)?(?:fabrication|lie|lies|fake|baseless|groundless)|"
    r"no\s+(?:such\s+)?(?:contract|deal|agreement|links?|evidence|truth))\b",
    re.I,
)
_NEG = re.compile(r"\b(?:not|never|no|n't|neither|nor|without)\b|n't\b", re.I)
_REPORTED = re.compile(
    r"\b(?:reportedly|reported|reports?\s+(?:of|on|that|say|said)|according\s+to\s+(?:reports|media|"
    r"sources|press|a\s+report)|media\s+reports?|sources\s+(?:say|said)|is\s+said\s+to|were\s+said\s+to)\b",
    re.I,
)
_ALLEGED = re.compile(
    r"\b(?:allegedly|alleged|accus(?:ed|es|ing)\s+(?:\w+\s+){0,4}?of|accusations?\s+that|suspected\s+of|"
    r"blam(?:ed|es|ing)\s+(?:[\w'’-]+\s+){1,6}?for|"
    r"believed\s+to|thought\s+to|claims?\s+that|charges?\s+that|purportedly|supposedly|"
    r"linked\s+to)\b",
    re.I,
)
_INTENT = re.compile(
    r"\b(?:will|would|'ll|shall|plan(?:s|ned)?\s+to|planning\s+to|prepar(?:ing|es|ed)\s+to|intends?\s+to|"
    r"intending\s+to|(?:is|are|was|were)\s+(?:set|due|expected|poised|about)\s+to|aims?\s+to|"
    r"preparing\s+(?:a|an|new|fresh|further)\b|"
    r"could|may|might|threaten(?:s|ed)?\s+to|seek(?:s|ing)?\s+to|wants?\s+to|hop(?:e|es|ed)\s+to|"
    r"waiting\s+for|applied\s+to|intention\s+to|plans?\s+for|(?:ready|prepared|willing)\s+to)\b",
    re.I,
)
# Anonymous plural speakers.
UNNAMED = re.compile(
    r"\b(?:officials|sources|diplomats|analysts|experts|observers|witnesses|residents|"
    r"governments|reports|media|critics|activists|people\s+familiar|insiders|a\s+source|"
    r"an\s+official|intelligence)\b",
    re.I,
)
# Verbal events whose subject is also their speaker.
VERBAL = {
    Relation.ACCUSE,
    Relation.REJECT,
    Relation.REQUEST,
    Relation.SUPPORT,
    Relation.THREATEN,
    Relation.AGREE,
    Relation.CONCEDE,
}
# Events that are acts of stating/committing: intent cues before them do not hedge them.
NO_HEDGE = {Relation.AGREE, Relation.THREATEN, Relation.REJECT, Relation.ACCUSE, Relation.REQUEST}


_REFUSED = re.compile(
    r"\b(?:refus\w+|declin\w+|stopped\s+short\s+of|fail\w*|without|ruled\s+out|rules\s+out|"
    r"reject\w*)\s+(?:to\s+)?(?:\w+\s+){0,3}?$|\boffer(?:s|ed|ing)?\s+to\s+(?:\w+\s+)?$|"
    r"\b(?:block(?:ed|s|ing)?|veto(?:ed|es)?)\s+(?:a|an|the|any)\s+(?:[\w'’-]+\s+){0,4}?(?:of\s+)?"
    r"(?:[\w'’-]+\s+)?$",
    re.I,
)
_THREATENED = re.compile(
    r"\bthreat(?:en|ens|ened|ening)\s+(?:(?:on|last|this)\s+\w+\s+)?(?:to\s+)?(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
# "withdrew its claim that ...", "retracted its report that ...": the source takes it back
_RETRACT = re.compile(
    r"\b(?:withdr(?:ew|aws?|awn)|retract(?:s|ed)?)\s+(?:its|his|her|their|the)\s+(?:\w+\s+)?"
    r"(?:claim|statement|report|accusation|allegation)s?(?:,\s+[^,]{1,40},)?\s+(?:that\b|of\b)",
    re.I,
)
_CONTRAST = re.compile(r"[;]|,?\s(?:though|although|whereas|but)\s", re.I)
_CLAUSE = re.compile(
    r"[;]|,\s+(?:but|while|and|as|when|after|where|which|who)\s+|\s(?:but|as|when|where|"
    r"whereas|although|though|because|while)\s",
    re.I,
)


_BARE_TITLE = re.compile(rf"\b[Tt]he\s+({TITLE})\s+(?:on\s+\w+\s+)?$")
_CLAIM_APPOSITION = re.compile(
    r",\s*(?:a|an|the)\s+(?:\w+\s+)?(?:charge|claim|accusation|allegation|assertion|report)s?\b",
    re.I,
)


@dataclass
class Speaker:
    key: str | None  # entity key (person or actor), None for unnamed
    actor: str | None
    verb: str
    verb_start: int  # absolute
    scope: tuple[int, int]  # absolute span its complement covers
    unnamed: bool = False


@dataclass
class Stance:
    status: Status
    attribution: Attribution
    attributed_to: str | None


_QUOTE = re.compile(r"\"[^\"]{1,3000}?\"|“[^”]{1,3000}?”")


def quote_speakers(
    text: str, sents: list[Sentence], mentions: list[Mention]
) -> list[tuple[int, int, Mention | None]]:
    """(start, end, speaker mention) for every quotation; speaker None when unknown."""
    out: list[tuple[int, int, Mention | None]] = []
    flat_all = re.sub(r"\s", " ", text)
    last: Mention | None = None
    spans = _quote_spans(flat_all, sents)
    for qa, qb in spans:
        sent_end = next((s.end for s in sents if s.start <= qb - 1 < s.end), qb)
        sent_start = next((s.start for s in sents if s.start <= qa < s.end), qa)
        after = flat_all[qb:sent_end]
        spk = None
        rv = _RV.search(after)
        if rv and rv.start() < 60:
            cands = [
                m
                for m in mentions
                if qb <= m.start < sent_end
                and m.type in (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.COUNTRY)
                and m.kind != "we"
                and not m.weak
            ]
            upto = qb + rv.end()
            persons = [m for m in cands if m.type is EntityType.PERSON and m.start < upto]
            spk = persons[0] if persons else (cands[0] if cands else None)
        if spk is None:
            before = flat_all[sent_start:qa]
            rvbs = list(_RV.finditer(before))
            rvb = rvbs[-1] if rvbs else None
            if rvb is not None:
                cands = [
                    m
                    for m in mentions
                    if sent_start <= m.start < sent_start + rvb.start()
                    and not m.weak
                    and m.kind != "we"
                    and m.type is not EntityType.LOCATION
                ]
                persons = [m for m in cands if m.type is EntityType.PERSON]
                spk = persons[-1] if persons else (cands[0] if cands else None)
        if spk is None and last is not None and not flat_all[sent_start:qa].strip():
            spk = last
        if spk is not None:
            last = spk
        out.append((qa, qb, spk))
    return out


def _quote_spans(flat: str, sents: list[Sentence]) -> list[tuple[int, int]]:
    if not sents:
        return []
    lo, hi = sents[0].start, sents[-1].end
    return [(m.start(), m.end()) for m in _QUOTE.finditer(flat, lo, hi)]


def reporting_speakers(s: Sentence, mentions: list[Mention]) -> list[Speaker]:
    """Reporting verbs of one sentence, outside quotations, with their speakers and scopes."""
    flat = s.flat
    base = s.start
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(flat)]
    ms = sorted(
        [
            m
            for m in mentions
            if m.sent == s.index and not m.weak and m.type is not EntityType.LOCATION
        ],
        key=lambda m: m.start,
    )
    out: list[Speaker] = []
    for rv in _RV.finditer(flat):
        if any(a <= rv.start() < b for a, b in quotes):
            continue
        # "according to X" is handled separately; a reporting noun "reports" is a cue, not a verb.
        verb = rv.group(1).lower()
        if (
            verb in ("reports", "reported", "claims", "states")
            and not re.search(r"\b(?:has|have|had|was|were|it|he|she|they)\s+$", flat[: rv.start()])
            and not ms
        ):
            continue
        if verb in ("states", "claims", "reports") and not re.match(r"\s+that\b", flat[rv.end() :]):
            continue  # "the three Baltic states barred ...": a noun
        left = flat[: rv.start()]
        if re.search(r"\b(?:a|an|the|of|been|was|were|is|are|be|being)\s+$", left, re.I):
            continue  # "a reported deal", "the alleged attack": an adjective, not a speaker
        if verb.endswith("ing") and re.search(r"(?:\bwhile|,)\s*$", left):
            # "X vowed ..., while denying ...": the participle shares the main subject
            first = next((m for m in ms if not m.after_prep), None)
            if first is not None:
                out.append(
                    Speaker(
                        first.key, first.actor, verb, base + rv.start(), (base + rv.end(), s.end)
                    )
                )
            continue
        # Inverted: "..., the Malian army said" / "..., said Lavrov".
        comma = left.rfind(",")
        if comma >= 0 and _CLAIM_APPOSITION.match(left[comma:]):
            continue  # "..., a charge Kigali rejects": an anaphoric denial, read elsewhere
        left_ms = [m for m in ms if m.end - base <= rv.start()]
        app = re.search(r",\s+(?:the|a|an|his|her|its|which|who)\s+[^,]*,\s*$", left)
        if app and any(m.end - base <= app.start() for m in left_ms):
            # "Kim Yo Jong, the sister of leader Kim Jong Un, warned": the head speaks
            left_ms = [m for m in left_ms if m.end - base <= app.start()]
        tm = _BARE_TITLE.search(left)
        if (
            tm is not None
            and 5 < comma < tm.start()
            and not any(tm.start() <= m.end - base for m in left_ms)
        ):
            # "..., the interior minister said": the article's holder of that title
            out.append(
                Speaker(
                    "title:" + " ".join(tm.group(1).lower().split()),
                    None,
                    verb,
                    base + rv.start(),
                    # "..., the minister said on Thursday, accusing X of ...": his accusation too
                    (base, s.end)
                    if re.match(r"(?:\s+on\s+\w+)?,\s+\w+ing\b", flat[rv.end() :])
                    else (base, base + comma),
                )
            )
            continue
        spk_m = left_ms[-1] if left_ms else None
        if spk_m is not None and re.search(
            r"\b(?:that|which|who)\b", flat[spk_m.end - base : rv.start()]
        ):
            spk_m = None
        gap = flat[spk_m.end - base : rv.start()] if spk_m else left
        unnamed = False
        if spk_m is None or len(gap.split()) > 6:
            # anonymous subject ("officials said", "Western governments say")
            window = left[-40:]
            if UNNAMED.search(window):
                unnamed = True
                spk_m = None
            elif spk_m is None:
                continue
        elif UNNAMED.search(gap) or (
            re.fullmatch(r"\s*official\s*", gap)
            and re.search(r"\b(?:a|an)\s+(?:[\w-]+\s+)?$", flat[: spk_m.start - base])
        ):
            unnamed = True  # "U.S. officials said", "a senior U.S. official said"
        inverted = (
            comma >= 0
            and (spk_m is None or unnamed or spk_m.start - base > comma)
            and comma > 5
            # "..., but Thai officials say the other side ...": a new clause, not an inversion
            and not re.match(r",\s*(?:but|and|while|though|although|whereas)\b", left[comma:])
        )
        if inverted and not re.search(r"\bthat\b", flat[rv.end() : rv.end() + 8]):
            scope = (base, base + comma)
        else:
            scope = (base + rv.end(), s.end)
        out.append(
            Speaker(
                None if unnamed or spk_m is None else spk_m.key,
                None if unnamed or spk_m is None else spk_m.actor,
                verb,
                base + rv.start(),
                scope,
                unnamed,
            )
        )
    acc = re.search(r"\baccording\s+to\s+", flat)
    if acc:
        nxt = next(
            (m for m in ms if m.start - base >= acc.end() and m.start - base - acc.end() < 30), None
        )
        unnamed = nxt is None
        out.append(
            Speaker(
                None if unnamed else nxt.key,  # type: ignore[union-attr]
                None if unnamed else nxt.actor,  # type: ignore[union-attr]
                "according to",
                base + acc.start(),
                (base, s.end),
                unnamed,
            )
        )
    return out


def decide(
    relation: Relation,
    flat: str,
    base: int,
    trigger_start: int,
    trigger_end: int,
    subject: Mention,
    quote_speaker: Mention | None,
    speakers: list[Speaker],
) -> Stance | None:
    """Status and attribution of a fact triggered at `trigger_start`. None: drop the fact
    (negated in the article's own voice)."""
    t = trigger_start - base
    speaker: Speaker | None = None
    for sp in speakers:
        if sp.scope[0] <= trigger_start < sp.scope[1] and (
            speaker is None or sp.verb_start > speaker.verb_start
        ):
            speaker = sp
    coord = 0
    if (
        speaker is not None
        and re.match(r"den|dismiss|reject|accus|confirm", speaker.verb)
        and speaker.scope[0] - base <= t
        and (
            cm := re.search(
                r"\s(?:and|but)\s+(?:also\s+|then\s+)?$", flat[speaker.scope[0] - base : t]
            )
        )
    ):
        # "X denied arming the group and condemned the strikes": a second verb of X, not
        # part of what X denied
        coord = speaker.scope[0] - base + cm.start()
        speaker = None
    elif (
        speaker is not None
        and speaker.scope[0] - base <= t
        and speaker.scope[0] > base
        and (cm := _CONTRAST.search(flat[speaker.scope[0] - base : t]))
    ):
        # "X denied that ..., though his government has hosted ...": the article's own clause
        coord = speaker.scope[0] - base + cm.end()
        speaker = None
    # Window the cues are read in: from the speaker's verb (or clause start) to the trigger.
    if speaker is not None and speaker.scope[0] - base <= t:
        wstart = max(speaker.scope[0] - base, 0)
        if speaker.scope[0] == base:  # inverted: cues between clause start and trigger
            wstart = 0
    else:
        wstart = coord
    clause = _CLAUSE.split(flat[wstart:t])
    window = clause[-1] if clause else ""
    near = window[-60:]

    attributed: str | None = None
    attribution = Attribution.ARTICLE
    if quote_speaker is not None:
        attributed, attribution = quote_speaker.key, Attribution.NAMED
    elif speaker is not None:
        if speaker.unnamed or speaker.key is None:
            attribution = Attribution.UNNAMED
        else:
            attributed, attribution = speaker.key, Attribution.NAMED
    elif subject.type is EntityType.PERSON and relation in VERBAL:
        attributed, attribution = subject.key, Attribution.NAMED

    if _REFUSED.search(window) and relation is not Relation.REJECT:
        return None  # "refused to send troops": the refusal is the event, not the sending
    if relation is not Relation.THREATEN and _THREATENED.search(window):
        return None  # "threatened sanctions": the threat is the event
    verb = speaker.verb if speaker else ""
    status = Status.ASSERTED
    denial_verb = verb.startswith(("den", "dismiss", "reject"))
    negated = bool(_NEG.search(near))
    retract = _RETRACT.search(flat[max(0, (speaker.verb_start - base) - 5 if speaker else 0) : t])
    if retract and speaker is not None and not speaker.unnamed:
        status = Status.RETRACTED
    elif denial_verb or DENY.search(near):
        status = Status.DENIED
        if attribution is Attribution.ARTICLE and subject.type is not EntityType.LOCATION:
            attributed, attribution = subject.key, Attribution.NAMED
    elif negated and relation not in (Relation.REJECT,):
        if attribution is Attribution.ARTICLE:
            return None
        status = Status.DENIED
    elif (
        verb.startswith("accus")
        or verb.startswith("alleg")
        or _ALLEGED.search(window + flat[t : trigger_end - base])
    ):
        status = Status.ALLEGED
        if attribution is Attribution.ARTICLE:
            attribution = Attribution.UNNAMED
    elif _REPORTED.search(window) and quote_speaker is None:
        status = Status.REPORTED
        if attribution is Attribution.ARTICLE:
            attribution = Attribution.UNNAMED
    elif verb.startswith("confirm") and not negated:
        status = Status.CONFIRMED
    elif (
        speaker is not None
        and speaker.unnamed
        and re.match(r"say|said|says|according|report", verb)
    ):
        # anonymous governments "say" = an allegation; officials "said" = a report
        status = (
            Status.ALLEGED
            if re.search(
                r"governments|critics|activists|accus", flat[: speaker.verb_start - base][-40:]
            )
            else Status.REPORTED
        )
    if (
        status in (Status.ASSERTED, Status.REPORTED, Status.ALLEGED)
        and relation not in NO_HEDGE
        and (_INTENT.search(near) or re.search(r"\b(?:is|are)\s+to\s+(?:\w+\s+)?$", near))
    ):
        status = Status.INTENDED
    if attribution is Attribution.NAMED and attributed is None:
        attribution = Attribution.UNNAMED
    return Stance(status, attribution, attributed)
