"""Relations in the PLOVER vocabulary, plus the standing relations, from trigger lexicons.

A trigger is a verb or noun phrase that names an event type (and often its mode). Where
triggers overlap, the longest wins. The subject is the nearest actor before the trigger in its
clause that is not inside a prepositional phrase (the agent after "by"/"from" in the passive;
the sentence's subject for a participle or a coordinated verb); the object is the first actor
after it. Coordinated actors ("France and Germany") each get the fact. Some triggers take the
speaker as subject ("[X] should stop ...", "[X] would pay a heavy price"), and verbal reactions
to an event ("condemned the strikes") take that event's actors as object (see `anaphor`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import EntityType
from graph.vocab import Relation
from loaders.extract.mentions import Mention

R = Relation


@dataclass(frozen=True)
class Trigger:
    pattern: re.Pattern[str]
    relation: Relation
    mode: str | None = None
    needs_object: bool = True  # only fire when an object is found
    symmetric: bool = False  # "X and Y held talks" -> X -> Y
    object_first: bool = False  # agent after "by/from", patient before ("came under scrutiny")
    object_before: bool = False  # "[X] should stop": object before, subject is the speaker
    blocked_by: re.Pattern[str] | None = None  # context before the trigger that cancels it
    crowd: bool = False  # protesters: the subject is the country where they are
    reverse: bool = False  # "X bought Chinese drones": the object (seller) gives to the subject
    no_object: bool = False  # "reinforced its borders (with Y)": the event has no target


def T(rx: str, rel: Relation, mode: str | None = None, block: str | None = None, **kw) -> Trigger:
    # "[A-Z]" in a lookahead means a name: keep it case-sensitive under re.I
    rx = rx.replace("[A-Z]", "(?-i:[A-Z])")
    return Trigger(
        re.compile(rf"\b(?:{rx})\b", re.I),
        rel,
        mode,
        blocked_by=re.compile(block, re.I) if block else None,
        **kw,
    )


GAP = r"(?:[\w'’,$.-]+\s+){0,5}?"  # up to five words (lookaheads only: objects may sit there)
# "cut off military aid", "banned imports of": a stopped flow is a sanction, not aid
_PEOPLE = (
    r"\s+(?:[\w'’-]+\s+){0,4}?(?:man|woman|men|women|prisoners?|citizens?|nationals?|suspects?|"
    r"detainees?|hostages?|bodies|remains|captives?|fishermen|journalists?|workers|employees?|"
    r"sailors|seamen|crew|crewmen|soldiers|servicem[ae]n|businessm[ae]n|students?|tourists?|"
    r"activists?|dissidents?|missionaries|researchers?|pilots?|people|persons)\b"
)
_STOPPED = (
    r"\b(?:cut\s+off|cuts?|halt\w*|suspend\w*|freez\w*|froze\w*|withh[eo]ld\w*|paus\w*|"
    r"stopp\w*|ban|bans|bann\w*|end|ends|ended|ending|block\w*|restrict\w*|curb\w*)\s+"
    r"(?:[\w'’-]+\s+){0,3}$"
)

# "declined to condemn X", "refused to comment": X is not what was refused
_NOT_REJECTED = (
    r"\s+to\s+(?:condemn|criticis|criticiz|blame|comment|say|confirm|specify|name|disclose|"
    r"elaborate)"
)

# "pulled out of a joint committee": leaving a body or a deal is not a military withdrawal
_BODY_LEFT = (
    r"(?!\s+(?:from|of)\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,4}?(?:committee|commission|"
    r"council|organi[sz]ation|alliance|bloc|treaty|pact|accord|agreement|deal|forum|body|mechanism|"
    r"initiative|framework|convention|talks|negotiations|partnership|programme|program)\b)"
)

_WITHDRAWN_FAVOUR = (
    r"(?:facility|facilities|privileges?|preferences|recognition|funding|licen[cs]es?|visas?|"
    r"accreditation|approval|offer|benefits|trade\s+status|concessions?|exemptions?)\b"
)

# A negative evaluation: "described the closure as an act of sabotage", "called it 'hostile'",
# "said the visit amounted to unacceptable pressure" (the object is whoever did the thing named)
NEG_EVAL = (
    r"[\"“]?(?:deeply\s+|very\s+|highly\s+|totally\s+|completely\s+|utterly\s+|an?\s+|the\s+)?"
    r"(?:(?:unfortunate|disappointing|unacceptable|irresponsible|reckless|dangerous|cruel|illegal|"
    r"unlawful|illegitimate|provocative|irrational|hostile|aggressive|unfriendly|outrageous|"
    r"shameful|absurd|unjustified|unjustifiable|arbitrary|politically\s+motivated|"
    r"discriminatory|destabili[sz]ing|hypocritical|regrettable|counterproductive|unprovoked|"
    r"violent|barbaric|criminal|blatant|flagrant|brazen|cynical)\b|"
    r"(?:direct\s+|serious\s+|grave\s+|clear\s+)?(?:provocation|threat|violation|breach|"
    r"interference|blackmail|sabotage|aggression|insult|betrayal|farce|disappointment|crime|"
    r"mistake|pressure|intimidation|bullying)\b|"
    r"(?:act|form)\s+of\s+(?:[\w-]+\s+)?(?:aggression|sabotage|war|terrorism|piracy|"
    r"provocation|hostility|intimidation|blackmail|interference))"
)

TRIGGERS: list[Trigger] = [
    # --- AID (mode from the sentence, see aid_mode)
    T(
        r"provid(?:e|es|ed|ing)|suppl(?:y|ies|ied|ying)(?!\s+(?:boats?|ships?|vessels?|lines?|chains?|"
        r"routes?|runs?|missions?|convoys?|depots?|flights?|trucks?))|deliver(?:s|ed|ing)?|"
        r"hand(?:s|ed|ing)?(?=\s+"
        + GAP
        + r"over)|handed\s+over(?!"
        + _PEOPLE
        + r")|donat(?:e|es|ed|ing)|"
        r"g(?:ive|ives|ave|iving)(?!\s+(?:up|way|in)\b)|grant(?:s|ed|ing)?|ship(?:ped|ping)(?!\s+(?:lanes?|"
        r"routes?|companies|industry|traffic))|"
        r"arm(?:s|ed|ing)(?=\s+(?:the|its|their|him|them|[A-Z]))|equip(?:s|ped|ping)?|"
        r"fund(?:s|ed|ing)?(?=\s+(?:the|its|[A-Z]))|financ(?:e|es|ed|ing)|"
        r"train(?:s|ed|ing)?(?=\s)(?!\s+(?:with|alongside|together)\b)|"
        r"sen[dt]s?(?:ing)?(?!\s+(?:[\w'’,$.-]+\s+){0,3}?(?:warships|troops|soldiers|forces|"
        r"reinforcements))(?=\s+" + GAP + r"(?:weapons|arms|aid|ammunition|missiles|tanks|drones|"
        r"equipment|food|supplies|oil|fuel|money|shells|munitions|air\s+defen[cs]e|systems|guns|"
        r"jets|aircraft|vehicles|rockets|howitzers|ammunition))|"
        r"(?:military|economic|financial|humanitarian)\s+(?:aid|assistance|package)|"
        r"aid\s+package|arms\s+deliver(?:y|ies)|supplier|weapons\s+deliver(?:y|ies)|"
        r"asylum|loans?(?=\s+(?:to|of)\b)|bailout|aid\s+to|sell(?:s|ing)?|sold|sales?\s+of|"
        r"releas(?:e|es|ed|ing)(?=\s+(?:[$€£]|\d|funds|money|aid))(?!" + _PEOPLE + r")|"
        r"hand(?:s|ed|ing)?\s+out|distribut(?:e|es|ed|ing)(?=\s+(?:[\w'’-]+\s+){0,3}?(?:aid|food|"
        r"flour|supplies|medicine|fuel|water|tents|blankets|rations))|"
        r"(?:shelter|harbou?r)(?:s|ed|ing)?(?=\s+(?:[\w-]+\s+)?(?:militants|fighters|rebels|"
        r"insurgents|terrorists|jihadists|groups?))|"
        r"help(?:s|ed|ing)?(?=\s+(?:the\s+)?(?-i:[A-Z])\w*\s+(?:to\s+)?(?:cope|rebuild|recover|"
        r"overcome|pay|meet|weather|survive))|"
        r"pledg(?:e|es|ed|ing)(?=\s+(?:another\s+|an\s+additional\s+|a\s+further\s+)?(?:[$€£]|\d|"
        r"aid|funds|money|weapons|arms|ammunition))",
        R.AID,
        block=_STOPPED,
    ),
    T(
        r"(?:b(?:uy|uys|ought|uying)|purchas(?:e|es|ed|ing)(?:\s+of)?|acquir(?:e|ed|es)|import(?:s|ed)?)"
        r"(?!\s+(?:[\w'’-]+\s+){0,3}?(?:oil|gas|crude|grain|wheat|coal|lng|electricity|fertili[sz]ers?|"
        r"goods|steel|energy)\b)|"
        r"receiv(?:e|es|ed|ing)(?=\s+(?:[\w'’-]+\s+){0,4}?(?:weapons|arms|ammunition|missiles|tanks|"
        r"drones|jets|aircraft|equipment|shells|munitions)\b)(?!\s+(?:[\w'’-]+\s+){0,3}?nuclear)",
        R.AID,
        block=_STOPPED,
        reverse=True,
    ),
    # --- MOBILIZE
    T(
        r"deplo(?:y|ys|yed|ying|yment)|"
        r"(?:sen[dt]s?(?:ing)?|mov(?:e|es|ed|ing))(?=\s+" + GAP + r"(?:troops|soldiers|fighters|"
        r"forces|warships|mercenaries|paratroopers|marines|jets|units|reinforcements|instructors|"
        r"advisers|personnel|peacekeepers|tanks|artillery|brigades?|battalions?|divisions?|"
        r"armed\s+groups|militants|saboteurs|"
        r"carrier|police\s+officers|officers))|massing|"
        r"mass(?:ed|es)?\s+troops|mobili[sz](?:e|es|ed|ing|ation)|build-?up|"
        r"put\s+(?:[\w'’-]+\s+){0,2}?(?:troops|soldiers|boots)\s+on\s+the\s+ground|"
        r"station(?:s|ed|ing)?(?=\s+(?:[\w-]+\s+){0,4}?(?:in|on)\s+[A-Z])|"
        r"(?:pushed|moved|advanced|poured)\s+into|launch(?:ed|es|ing)?(?=\s+(?:[\w'’-]+\s+){0,4}?"
        r"(?:exercises|drills|manoeuvres|maneuvers|war\s+games))",
        R.MOBILIZE,
        "troops",
        block=r"\b(?:deal|contract|agreement|plans?)\s+to\s+$",
    ),
    T(
        r"(?:troops|forces|soldiers|tanks|units|columns|warships|vessels|fighters|paratroopers)\s+"
        r"(?:[\w-]+\s+)?(?:entered|crossed\s+into|rolled\s+into|moved\s+into|marched\s+into|"
        r"sailed\s+(?:near|into|through|around|close\s+to))|"
        r"(?:staged|held|conducted|launched|began|started|hold|holds|stage|stages)\s+"
        r"(?:[\w'’-]+\s+){0,4}?(?:drills|exercises|war\s+games|manoeuvres|maneuvers)"
        r"(?=\s+(?:[\w'’-]+\s+){0,3}?(?:around|near|off|close\s+to|encircling)\b)",
        R.MOBILIZE,
        "troops",
    ),
    # "a helicopter entered Lithuanian airspace": an incursion
    T(
        r"(?:entered|violated|intruded\s+into|strayed\s+into|crossed\s+into|flew\s+into)"
        r"(?=\s+(?:[\w'’-]+\s+){0,2}?(?:airspace|territorial\s+waters))",
        R.MOBILIZE,
        "troops",
    ),
    T(
        r"scrambl(?:e|ed|es|ing)\s+(?:\w+\s+)?jets|rais(?:e|ed|es|ing)\s+(?:its\s+|the\s+)?"
        r"(?:military\s+)?alert\s+level|(?:increas|boost|expand|bolster|step)\w*\s+(?:up\s+)?"
        r"(?:its\s+|their\s+)?(?:military|naval|troop)\s+presence|"
        r"(?:held|conducted|staged|began|started)\s+(?:(?!joint\b)[\w'’-]+\s+){0,3}?(?:military\s+|naval\s+|"
        r"live-fire\s+)(?:exercises|drills|manoeuvres|maneuvers)(?!\s+with\b)",
        R.MOBILIZE,
        "troops",
        needs_object=False,
    ),
    T(
        r"call(?:ed|s|ing)?\s+up\s+(?:[\w,]+\s+){0,2}?(?:reservists|reserves|conscripts|troops)",
        R.MOBILIZE,
        "troops",
        needs_object=False,
        no_object=True,
    ),
    T(
        r"receiv(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,3}?nuclear\s+weapons",
        R.MOBILIZE,
        "weapons",
        reverse=True,
    ),
    T(
        r"dispatch(?:ed|es|ing)?",
        R.MOBILIZE,
        "troops",
        needs_object=False,
    ),
    T(
        r"reinforc(?:e|es|ed|ing)|strengthen(?:s|ed|ing)?(?=\s+(?:its|their|the)\s+(?:[\w'’-]+\s+)?"
        r"(?:forces|presence|borders?|troops|military))|put\s+(?:[\w'’-]+\s+){0,3}?on\s+"
        r"(?:high\s+)?alert",
        R.MOBILIZE,
        "troops",
        needs_object=False,
        no_object=True,
    ),
    T(
        r"(?:fired|launched|test-fired|tested)\s+(?:[\w'’-]+\s+){0,4}?(?:missiles?|rockets?)"
        r"(?=\s+(?:into|off|over|from)\b)",
        R.MOBILIZE,
        "weapons",
        needs_object=False,
        no_object=True,
    ),
    # --- CONSULT
    T(
        r"held\s+(?:\w+\s+){0,4}?talks|hold(?:s|ing)?\s+(?:\w+\s+){0,3}?talks|"
        r"talks(?=\s+(?:\w+\s+){0,3}?with\b)|met(?:\s+with)?|meets?(?:\s+with)?|meeting\s+with|"
        r"negotiat(?:e|es|ed|ing|ions)\s+with|discuss(?:ed|es|ing)?\s+with|summit\s+with|"
        r"hosted\s+(?:the\s+)?(?:talks|negotiations|meeting)|(?:talks|negotiations)(?=\s+between)|"
        r"(?:spoke|talked)(?=\s+(?:for\s+|briefly\s+|on\s+the\s+sidelines))|"
        r"(?:spoke|talked)\s+(?:with|to)(?=\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:(?-i:[A-Z])|"
        r"\w+\s+counterparts?\b))",
        R.CONSULT,
        None,
        block=r"\b(?:borders?|frontiers?|rivers?|roads?|lines?)\s+(?:[\w,]+\s+){0,6}$|"
        r"\bagree\w*\s+to\s+$",
        symmetric=True,
    ),
    # "sent envoys to X and Y to mediate": talks with each
    T(
        r"(?:sen[dt]s?|sending|dispatch(?:ed|es|ing)?)\s+(?:[\w'’-]+\s+){0,3}?(?:envoys?|emissar(?:y|ies)|"
        r"delegations?|mediators?|negotiators?)\s+to",
        R.CONSULT,
        None,
    ),
    T(
        r"visit(?:s|ed|ing)?|trip\s+to|arriv(?:e|es|ed|ing)\s+in|"
        r"travel(?:l?ed|s|ling)?\s+(?:on\s+)?to|flew\s+to",
        R.CONSULT,
        "visit",
    ),
    # "X hosted Y": Y is the visitor
    T(
        r"(?:host(?:s|ed|ing)|(?<=\bto\s)host|(?<=\bwill\s)host|(?<=\bwould\s)host)(?!\s+(?:[\w'’-]+\s+){0,3}?(?:exercises|drills|talks|summit|conference|games|"
        r"meeting|forum|negotiations|event|ceremony|bases?|troops|forces|refugees|soldiers|"
        r"military|personnel|fighters|militants|mercenaries|rebels|terrorists|camps|weapons|"
        r"missiles|instructors|advisers|jihadists|insurgents)\b)",
        R.CONSULT,
        "visit",
        reverse=True,
    ),
    T(
        r"(?:phone|telephone)\s+(?:call|conversation|talks)|(?:spoke|spoken|speaking)\s+(?:by|on\s+the)\s+"
        r"(?:phone|telephone)|"
        r"call(?:ed)?\s+(?:his|her)\s+\w+\s+counterpart",
        R.CONSULT,
        "phone",
        symmetric=True,
    ),
    # --- AGREE
    T(
        r"sign(?:s|ed|ing)?(?=\s+" + GAP + r"(?:agreement|deal|accord|treaty|memorandum|pact|"
        r"contract|rules|declaration))|agree(?:s|d|ing)?\s+(?:then\s+|also\s+|now\s+|\w+ly\s+)?(?:to|with|on)|"
        r"agreement\s+with|"
        r"(?:reach(?:ed)?|struck|strike)\s+(?:a|an)\s+(?:\w+\s+)?(?:deal|agreement)|"
        r"offer(?:s|ed|ing)?\s+to|offer(?:s|ed)?\s+(?:\w+\s+)?(?:help|support)|"
        r"ready\s+to\s+help|promis(?:e|es|ed)\s+to\s+help|deal(?=\s+(?:with|to)\b)|"
        r"contracts?(?=\s+with\b)",
        R.AGREE,
        None,
        symmetric=True,
    ),
    # --- COOPERATE
    T(
        r"(?:b(?:uy|uys|ought|uying)|purchas\w+(?:\s+of)?|import\w*(?:\s+of)?|buyers?\s+of|"
        r"importers?\s+of)(?=\s+(?:[\w'’-]+\s+){0,3}?(?:oil|gas|crude|grain|wheat|coal|lng|electricity|"
        r"fertili[sz]ers?|goods|steel|energy)\b)|"
        r"extradit(?:e|ed|es|ing)|(?:deepen|expand|boost|bolster|increas|step)\w*\s+(?:up\s+)?"
        r"(?:\w+\s+){0,2}?(?:ties|cooperation|trade|partnership)\s+with",
        R.COOPERATE,
        None,
    ),
    T(r"with\s+(?:the\s+)?help\s+(?:of|from)", R.COOPERATE, None, reverse=True),
    # "trains Ugandan police officers", "advising Somali forces",
    # "keeps trading with": the trainer or partner acts with the other side
    T(
        r"train(?:s|ed|ing)?(?=\s+(?:[\w'’-]+\s+){0,4}?(?:forces|troops|officers|police|soldiers|army|"
        r"military|personnel|units|cadets|recruits)\b)|(?:advis|equipp?)(?:e|es|ed|ing)(?=\s+"
        r"(?:[\w'’-]+\s+){0,3}?(?:forces|troops|army|military|police)\b)|trad(?:e|es|ing)\s+"
        r"with",
        R.COOPERATE,
        None,
        block=_STOPPED,
    ),
    # "turned to Russia for security support"; "helping the Congolese army fight the rebels"
    T(
        r"turn(?:ed|s|ing)?\s+to(?=\s+(?:the\s+)?(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*)?\s+for\b)|"
        r"help(?:s|ed|ing)?(?=\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+){1,2}(?:army|armed\s+forces|forces|"
        r"military|troops|police|government|navy)\s+(?:to\s+)?(?:fight|battle|combat|defeat|repel|"
        r"counter|secure|hold|protect|retake|recapture))",
        R.COOPERATE,
        None,
    ),
    T(
        r"shar(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,2}?(?:intelligence|information|data)|"
        r"jointly\s+(?:produce|develop|build|manufacture|patrol)\w*",
        R.COOPERATE,
        None,
        symmetric=True,
    ),
    T(
        r"cooperat(?:e|es|ed|ing|ion)\s+with|(?:military|security|defen[cs]e|economic)\s+cooperation|"
        r"work(?:s|ed|ing)?\s+(?:closely\s+)?with|(?<!valued\sits\s)(?<!values\sits\s)partnership\s+with|"
        r"joint\s+(?:military\s+|naval\s+)?"
        r"(?:exercises?|drills?|patrols?|operations?)|collaborat(?:e|es|ed|ing)\s+with|"
        r"fought\s+alongside|alongside|train(?:s|ed|ing)?\s+with|(?:naval|military|joint|air|war)\s+(?:exercises|drills|games|"
        r"manoeuvres)(?=\s+with)|exercises\s+with|drills\s+with",
        R.COOPERATE,
        None,
        symmetric=True,
    ),
    # --- SUPPORT
    T(
        r"support(?:s|ed|ing)?(?!\s+(?:roles?|staff|units?|vessels?|ships?|services|personnel|"
        r"bases?|functions?))|back(?:s|ed|ing)(?!\s+(?:down|away|off))|endors(?:e|es|ed|ing)|"
        r"prais(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)|laud(?:s|ed|ing)?|thank(?:s|ed|ing)?|"
        r"hail(?:s|ed|ing)?|applaud(?:s|ed|ing)?|commend(?:s|ed|ing)?|"
        r"(?:defend|protect|safeguard|guarantee|prevent\s+threats\s+to)(?=\s+(?:[\w'’]+\s+){0,5}?"
        r"(?:sovereignty|territorial\s+integrity|statehood|independence))|"
        r"solidarity\s+with|congratulat(?:e|es|ed|ing)|valu(?:e|es|ed)\s+(?:its|their|the|our)\s+"
        r"(?:[\w-]+\s+)?(?:partnership|friendship|ties|relations(?:hip)?|alliance)\s+with|recogni[sz](?:e|es|ed|ing)|ratif(?:y|ies|ied|ying)|"
        r"approv(?:e|es|ed|ing)(?!\s+(?:a|an|the)\s+(?:[\w$,.-]+\s+){0,4}?(?:sale|package|deal|aid|"
        r"loan|transfer|deliver(?:y|ies)|budget|funding))|authori[sz](?:e|es|ed|ing)|stood\s+(?:by|with)|stands?\s+(?:by|with)",
        R.SUPPORT,
    ),
    T(
        r"(?:consider(?:s|ed|ing)?|regard(?:s|ed|ing)?|call(?:s|ed)?|view(?:s|ed)?)"
        r"(?=\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:as\s+)?[\"“]?(?:an?|its|their)\s+"
        r"(?:\w+\s+)?(?:ally|partner|friend)\b)",
        R.SUPPORT,
    ),
    # --- CONCEDE
    T(
        r"dropp(?:ed|ing|s)\s+(?:its|his|her|their)\s+(?:veto|objections?|opposition|demands?)|"
        r"lift(?:ed|s)?\s+(?:its|his|her|their)\s+veto|pardon(?:ed|s)?",
        R.CONCEDE,
        needs_object=False,
    ),
    T(
        r"(?:gave|give|gives|giving)\s+way|back(?:ed|s)?\s+down|relent(?:ed|s)?|"
        r"climb(?:ed|s)?\s+down|(?:made|make|makes|making)\s+concessions|conced(?:e|ed|es)(?!\s+that)|"
        r"(?:drop|dropped|drops|withdr[ae]w)\s+(?:its|his|her|their)\s+(?:demand|objection|"
        r"opposition)s?|granted\s+(?:an\s+)?amnesty|acquitt(?:ed|al)",
        R.CONCEDE,
        needs_object=False,
    ),
    # "allows more aid trucks into Gaza": letting aid in
    T(
        r"(?:allow|let|permit)(?:s|ted|ed|ting|ing)?(?=\s+(?:[\w-]+\s+){0,2}?(?:aid|humanitarian|relief|"
        r"food)\s+(?:[\w-]+\s+)?(?:in|into|to\s+enter|to\s+reach|through)\b)|"
        r"(?:open(?:s|ed|ing)?|reopen(?:s|ed|ing)?)\s+(?:[\w-]+\s+){0,3}?crossings?(?=\s+(?:[\w-]+\s+){0,3}?"
        r"(?:for|to)\s+(?:aid|humanitarian))",
        R.RETREAT,
        "access",
    ),
    # "would allow Turkish citizens to visit": giving way on entry or trade
    T(
        r"allow(?:s|ed|ing)?(?=\s+(?:[\w'’-]+\s+){0,2}?(?:citizens|nationals|visitors|tourists|"
        r"travell?ers|pilgrims|airlines|flights|exports|imports|goods|products)\b)",
        R.CONCEDE,
    ),
    T(
        r"apologi[sz](?:e|es|ed|ing)|eas(?:e|es|ed|ing)\s+(?:sanctions|restrictions)|"
        r"agree(?:s|d|ing)?\s+(?:[\w-]+\s+){0,3}?to\s+accept|accept(?:s|ed|ing)?\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?"
        r"(?:demands?|terms|conditions|ultimatum)|"
        r"lift(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:sanctions|ban|embargo|restrictions)",
        R.CONCEDE,
    ),
    # --- RETREAT
    T(
        r"withdr(?:aw|aws|ew|awn|awing|awal)(?!\s+(?:its|the|his|her|their)\s+(?:\w+\s+)?"
        r"(?:claim|statement|accusation|remarks|allegation|complaint|nomination|candidacy|bid))"
        r"(?!\s+(?:a|an|its|the|their)\s+(?:[\w-]+\s+){0,2}?" + _WITHDRAWN_FAVOUR + r")|"
        r"pull(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?out" + _BODY_LEFT + r"|"
        r"clos(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}?(?:bases?|embassy|military base)|"
        r"leav(?:e|es|ing)\s+(?:the\s+country|\w+\s+by)|left\s+the\s+country|exit\s+from|"
        r"(?:leav(?:e|es|ing)|left|vacat\w+|hand(?:s|ed|ing)?\s+over)\s+(?:(?:its|their|the)\s+)?"
        r"(?:[\w-]+\s+)?(?:bases?|garrisons?|positions|outposts?)(?=\s+in\b)|"
        r"retreat(?:s|ed|ing)?|pull(?:s|ed|ing)?\s+(?:its|their|his)\s+(?:[\w-]+\s+)?(?:fighters|"
        r"troops|forces|soldiers|units|warships)\s+(?:back|away|north|south|east|west)|"
        r"(?:cut|cuts|reduc\w+|halv\w+|scal\w+\s+back|draw\w*\s+down|shrink\w*|trim\w*)\s+"
        r"(?:the\s+number\s+of\s+|the\s+size\s+of\s+|its\s+|their\s+)(?:[\w-]+\s+)?(?:troops|soldiers|"
        r"forces|contingent|(?:military\s+|troop\s+)?(?:presence|footprint|deployment|mission))|"
        r"drawdown|draw-down|pull-?out",
        R.RETREAT,
        "withdraw",
        block=r"(?:order|told|tell|ask|forc|expel|demand|urg|press|call\w*\s+on|call\w*\s+for)\w*\s+"
        r"(?:[\w'’,$.-]+\s+){0,8}?(?:to\s+)?$",
        needs_object=False,
    ),
    T(
        r"releas(?:e|es|ed|ing)(?!\s+(?:of\s+)?(?:\$|funds|money|a\s+statement|details)"
        r"|\s+(?:of\s+)?(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:water|wastewater|data|footage|"
        r"images|videos?|figures|results|reports?|documents?|information|emissions|records|"
        r"recordings|photos|statements?|findings|transcripts?|files)\b|\s+[0-9]"
        r"[\d,.]*(?![\d,.])(?!" + _PEOPLE + r"))|"
        r"free(?:s|d|ing)?(?=" + _PEOPLE + r"|\s+(?:[\w'’-]+\s+){0,3}?(?-i:[A-Z])\w+"
        r"(?:ans|ese|is|ens|ers)\b)|"
        r"hand(?:s|ed|ing)?\s+over(?=" + _PEOPLE + r")|"
        r"prisoner\s+(?:swap|exchange)",
        R.RETREAT,
        "release",
        block=r"(?:call|press|push|seek|appeal|lobb|work|urg)\w*\s+for\s+(?:[\w'’-]+\s+){0,4}$|"
        r"sought\s+(?:[\w'’-]+\s+){0,4}$|\bto\s+be\s+$|(?:demand|secur|seek)\w*\s+(?:[\w'’-]+\s+){0,4}$|"
        r"(?:negotiations|talks|efforts|bid|push|calls?|deal)\s+to\s+$|\bto\s+$",
        needs_object=False,
    ),
    T(
        r"(?:agreed|reached|declared|announced|observed|observing|signed|brokered|accepted)\s+"
        r"(?:\w+\s+){0,3}?(?:ceasefire|cease-fire|truce)|(?:ceasefire|cease-fire|truce)(?=\s+between\b)|"
        r"(?:ceasefire|cease-fire|truce)(?=\s+(?:[\w,]+\s+){0,12}?(?:took\s+effect|held|holds|"
        r"came\s+into\s+force))",
        R.RETREAT,
        "ceasefire",
        symmetric=True,
        needs_object=False,
    ),
    T(
        r"(?:leav(?:e|es|ing)|quit(?:s|ting)?|withdr(?:aw|aws|ew|awing)\s+from|exit(?:s|ed|ing)?|"
        r"pull(?:s|ed|ing)?\s+out\s+of)(?=\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?[A-Z])",
        R.RETREAT,
        "withdraw",
    ),
    # --- REQUEST
    T(  # "urged all parties to show restraint": a request with no one party addressed
        r"(?:urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+on|appeal(?:s|ed|ing)?\s+to)"
        r"(?=\s+(?:all|both)\s+(?:parties|sides)\b)",
        R.REQUEST,
        "change",
        needs_object=False,
        no_object=True,
    ),
    T(
        r"call(?:s|ed|ing)?\s+on|call(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|"
        r"appeal(?:s|ed|ing)?\s+to|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|"
        r"order(?:s|ed|ing)?(?=\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:on\s+\w+\s+)?"
        r"to\s+(?!leave\b))|"
        r"want(?:s|ed)?(?=\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+to\b)",
        R.REQUEST,
        "change",
    ),
    T(
        r"(?:should|must)\s+(?:stop|end|halt|cease|refrain|withdraw)",
        R.REQUEST,
        "change",
        object_before=True,
    ),
    # --- ACCUSE
    T(
        r"accus(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|charged\s+that|"
        r"held\s+(?:\w+\s+)?responsible",
        R.ACCUSE,
        "allege",
    ),
    T(r"(?:arrest\s+)?warrants?\s+(?:for|against)", R.ACCUSE, "allege"),
    T(
        r"(?:take|takes|took|taking|taken|haul\w*)(?=\s+(?:[\w'’-]+\s+){1,3}?to\s+(?:the\s+)?"
        r"(?:(?:International\s+)?Court|ICJ|tribunal|court|(?:[\w-]+\s+){1,2}court)\b)|"
        r"(?:fil|lodg|submitt?)(?:e|es|ed|ing)\s+(?:a\s+)?(?:[\w-]+\s+)?(?:lawsuit|case|complaint)\s+against",
        R.ACCUSE,
        "allege",
    ),
    T(
        r"criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|"
        r"pressed|rebuk(?:e|es|ed)|slam(?:s|med)?|censur(?:e|ed|es)|deplor(?:e|ed|es)|"
        r"object(?:s|ed|ing)?\s+to",
        R.ACCUSE,
        "disapprove",
    ),
    T(r"investigat(?:e|es|ed|ing)|probe\s+into", R.ACCUSE, "investigate"),
    T(
        r"(?:came|come|comes|coming)\s+under\s+(?:\w+\s+)?scrutiny|under\s+investigation\s+by",
        R.ACCUSE,
        "investigate",
        object_first=True,
    ),
    T(
        r"(?:came|come|comes)\s+under\s+(?:\w+\s+)?(?:criticism|fire|pressure)|"
        # "deported the men, drawing sharp criticism from the US"
        r"(?:draw|drew|drawn|drawing|draws|prompt\w*|spark\w*|earn\w*)\s+(?:\w+\s+)?"
        r"(?:criticism|condemnation|rebukes?|censure)\s+from",
        R.ACCUSE,
        "disapprove",
        object_first=True,
    ),
    # --- REJECT
    T(
        r"reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)(?!"
        + _NOT_REJECTED
        + r")|veto(?:es|ed)?|defy|defie[sd]|"
        r"declin(?:e|es|ed)\s+to(?!" + _NOT_REJECTED[5:] + r")|"
        r"call(?:ed|s)?\s+off|pull(?:ed)?\s+out\s+of\s+(?:the\s+)?talks|"
        r"block(?:s|ed|ing)?(?=\s+(?:the|a|an|its|any|further|new|plans?|efforts?)\b)|"
        r"rul(?:e|es|ed|ing)\s+out|rebuff(?:s|ed)?|spurn(?:s|ed)?|"
        r"turn(?:ed|s)?\s+back|turn(?:ed|s|ing)?\s+down|ignor(?:e|ed|es|ing)(?=\s+(?:calls|demands|"
        r"appeals|requests|warnings|pleas)\b)|brush(?:ed|es)?\s+aside",
        R.REJECT,
    ),
    T(r"will\s+not\s+allow|won't\s+allow|would\s+not\s+allow", R.REJECT, needs_object=False),
    T(
        r"(?:would|will|could|does|did)\s+not\s+(?:accept|recogni[sz]e|tolerate)|won't\s+(?:accept|"
        r"recogni[sz]e)",
        R.REJECT,
        "change",
    ),
    T(
        r"(?:postpon|cancel|scrapp|call(?:ed)?\s+off|shelv)\w*\s+(?:\w+\s+){0,2}?(?:trip|visit|"
        r"meeting|talks|summit)|"
        r"(?:would|will|could|did|does|do)\s+not\s+meet|(?:won't|refus\w+\s+to|declin\w+\s+to)\s+meet|"
        r"(?:would|will|did|does)\s+not\s+(?:seek\s+to\s+)?(?:open|start|begin|resume|hold|pursue)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:talks|negotiations)",
        R.REJECT,
        "meet",
    ),
    # --- THREATEN
    T(
        r"threat(?:en|ens|ened|ening)(?!\s+shipping)|warn(?:s|ed|ing)?\s+of|"
        r"warn(?:s|ed|ing)?\s+that(?=\s+(?:[\w'’,\"“”-]+\s+){0,10}?(?:would|will|could)\s+(?!not\b))|"
        r"ultimatum|"
        r"retaliat(?:e|ion|ory)(?!\s+for\b)|countermeasures",
        R.THREATEN,
    ),
    T(r"(?:would|will)\s+(?:respond|retaliate)", R.THREATEN, needs_object=False),
    # with no target named, these answer whoever acted against the speaker last
    T(
        r"(?:not|never|refus\w+\s+to|declin\w+\s+to)\s+rul(?:e|ed|ing)\s+out\s+(?:using\s+)?"
        r"(?:military\s+action|(?:military\s+)?force|the\s+use\s+of\s+(?:military\s+)?force)|"
        r"reserv(?:e|es|ed|ing)\s+the\s+right\s+to\s+(?:respond|retaliate|take\s+(?:\w+\s+){0,2}?"
        r"(?:measures|action|steps))",
        R.THREATEN,
        needs_object=False,
    ),
    T(
        r"warn(?:s|ed|ing)?(?=\s+(?:[\w'’,-]+\s+){1,10}?that\s+(?:[\w'’,-]+\s+){0,10}?"
        r"(?:would|will|could|make|makes|risk|risks)\s+(?!not\b))|"
        r"vow(?:s|ed|ing)?\s+(?:to\s+)?(?:retaliat\w*|revenge|to\s+avenge|avenge|a\s+(?:\w+\s+)?response|"
        r"to\s+(?:respond|punish|hit\s+back|strike\s+back|defend))|"
        r"(?:ready|prepared)\s+to\s+use\s+(?:military\s+)?force|"
        r"(?:would|will)\s+(?:not\s+hesitate\s+to|take\s+(?:all\s+)?(?:necessary|decisive|resolute|"
        r"firm|tough|appropriate)\s+(?:measures|action|steps|countermeasures))|"
        r"(?:would|will)\s+be\s+met\s+with|(?:strong|firm|decisive|harsh|resolute|crushing|"
        r"forceful)\s+response|"
        r"warn(?:s|ed|ing)?(?=\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:not\s+to|against)\b)|"
        r"(?:would|will|could)\s+(?:strike|hit)\s+back",
        R.THREATEN,
    ),
    T(
        r"(?:would|will)\s+(?:\"|“)?pay\s+(?:a\s+)?(?:heavy\s+|high\s+)?price|"
        r"(?:would|will)\s+face\s+[\"“]?(?:\w+\s+)?consequences",
        R.THREATEN,
        "violence",
        object_before=True,
    ),
    # --- PROTEST
    T(
        r"protesters|demonstrators|rall(?:y|ied|ies)|march(?:ed)?\s+on|crowds?\s+gathered|"
        r"march(?:ed)?\s+to(?=\s+(?:[\w.'’-]+\s+){0,3}?(?:embassy|consulate|mission))|"
        r"(?:(?<=protesters\s)|(?<=demonstrators\s)|(?<=crowd\s)|(?<=crowds\s)|(?<=mob\s)|(?<=supporters\s)|"
        r"(?<=rioters\s)|(?<=students\s))stormed|"
        r"gathered\s+outside|thousands\s+of\s+people",
        R.PROTEST,
        "demo",
        needs_object=False,
        crowd=True,
    ),
    T(
        r"protest(?:ed|s|ing)?(?=\s+(?:on\s+\w+\s+)?(?:against|over|what|the|to))|"
        r"lodged\s+(?:a\s+)?(?:\w+\s+)?protest|summon(?:s|ed|ing)?|(?:voic|express)\w*\s+(?:[\w-]+\s+)?"
        r"(?:concern|alarm|dismay|outrage|indignation)(?=\s+(?:about|over|at|regarding)\b)|(?:concerned|concerns?)\s+"
        r"(?:about|over)|(?:alarmed|dismayed|outraged|(?:deeply\s+)?disappointed|troubled)[\"”]?\s+"
        r"(?:by|at|over|about|with)|"
        r"(?:called|calling|described|describing|branded|branding|labell?ed|labell?ing|termed|"
        r"dubbed)\s+(?:the\s+(?:[\w-]+\s+){1,2}?|it\s+|them\s+|this\s+|that\s+|"
        r"(?-i:[A-Z])[\w-]+['’]s\s+(?:[\w-]+\s+)?)?(?:as\s+)?" + NEG_EVAL + r"|"
        r"(?:amount(?:ed|s)?\s+to|constitut(?:ed|es)|represent(?:ed|s))\s+" + NEG_EVAL + r"|"
        r"(?:violat|breach|flout|contraven|undermin)(?:ed|es)\b",
        R.ACCUSE,
        "disapprove",
    ),
    T(r"boycott(?:s|ed|ing)?", R.PROTEST, "boycott", needs_object=False),
    # --- SANCTION
    T(
        r"sanction(?:s|ed|ing)?|embargo|asset\s+freezes?|(?:trade|visa|travel)\s+restrictions|"
        r"export\s+controls|"
        r"blacklist(?:s|ed)?|tariffs?|impos(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,3}?(?:barriers|duties|"
        r"levies|curbs|restrictions|bans?)",
        R.SANCTION,
    ),
    # "listed the IRGC as a terrorist organisation"
    T(
        r"(?:list|designat|label|brand|classif|declar)(?:ed|ied|es|s|ing)?(?=\s+(?:[\w'’-]+\s+){1,6}?"
        r"as\s+(?:a\s+|an\s+)?(?:foreign\s+)?terrorist\s+(?:organi[sz]ation|group|entity|movement))",
        R.SANCTION,
    ),
    # "Britain and France took similar steps": the same measure against the same target
    T(
        r"(?:took|take|takes|taken|adopted|imposed|announced|followed\s+with)\s+(?:similar|the\s+same|"
        r"comparable|parallel|matching)\s+(?:steps|measures|action|sanctions|moves)",
        R.SANCTION,
        needs_object=False,
        no_object=True,
    ),
    T(
        r"expel(?:s|led|ling)?|expulsions?|declared?\s+persona\s+non\s+grata|"
        r"suspend(?:s|ed|ing)?(?=\s+(?:all\s+\w+|[A-Z]|its\s+membership|their\s+membership))|"
        r"order(?:s|ed)?(?=\s+(?:[\w'’,$.-]+\s+){0,8}?(?:to\s+leave|out\s+of\s+the\s+country))|"
        r"push(?:ed|es)?\s+out|kick(?:ed)?\s+out",
        R.SANCTION,
        "expel",
    ),
    T(
        r"(?:end(?:ed|s|ing)?|terminat\w+|scrapp\w+|tore\s+up|cancel\w*|abrogat\w+|revok\w+)"
        r"(?=\s+(?:[\w'’-]+\s+){0,4}?(?:agreement|pact|accord|treaty|deal|cooperation|partnership)\b)|"
        # "cancelled all Russian cultural events": cultural and sporting ties cut
        r"(?:cancel\w*|ban\w*|scrapp\w+|call\w*\s+off)(?=\s+(?:[\w'’-]+\s+){0,4}?(?:events|concerts|"
        r"festivals|exhibitions|performances|tours|matches|fixtures)\b)",
        R.SANCTION,
        "discontinue",
    ),
    T(
        r"(?:cut\s+off|cuts?|halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|freez(?:e|es|ing)|froze|"
        r"withh[eo]ld(?:s|ing)?|paus(?:e|es|ed|ing)|stopp(?:ed|ing)|ban(?:s|ned|ning)?)\s+"
        r"(?:[\w'’-]+\s+){0,3}?(?:aid|assistance|funding|imports|exports|trade|supplies|shipments|"
        r"deliveries|flights|payments|assets)\b|"
        r"(?:bar(?:s|red|ring)?|den(?:y|ied|ies))\s+entry|(?:entry|travel|visa)\s+bans?|"
        # "barred 11 Georgian officials from entering"
        r"(?:bar(?:s|red|ring)?|bann(?:ed|ing)|bans?)(?=\s+" + GAP + r"from\s+(?:entering|travel))|"
        r"revok(?:e|es|ed|ing)\s+(?:the\s+)?(?:[\w'’-]+\s+)?(?:licen[cs]es?|visas?|accreditation)|"
        r"recall(?:s|ed|ing)?\s+(?:(?:its|their|his|her)\s+)?(?:own\s+)?(?:top\s+)?(?:ambassadors?|envoys?)|"
        # "withdrew a transshipment facility": a favour taken back, not forces
        r"withdr(?:aw|aws|ew|awing)\s+(?:a|an|its|the|their)\s+(?:[\w-]+\s+){0,2}?"
        + _WITHDRAWN_FAVOUR
        + r"|sever(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?(?:ties|relations)|"
        r"broke\s+off\s+(?:\w+\s+)?relations|"
        r"(?:froze|frozen|freez\w+|suspend\w*)\s+(?:its|their|his|her)\s+(?:participation|membership)"
        r"(?=\s+in\b)|"
        r"cut\s+(?:\w+\s+)?ties|break\s+off|suspend(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:relations|ties|aid|"
        r"cooperation|partnership|dialogue)|halt(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?aid",
        R.SANCTION,
        "discontinue",
    ),
    # "sentenced a Japanese employee to three years": a court's punishment
    T(
        r"jail(?:ed|s)(?=\s+(?:[\w'’,-]+\s+){0,5}?for\s+(?:[\w-]+\s+){0,4}?(?:years?|months?|life)\b)|"
        r"sentenc(?:ed|es|ing)(?=\s+(?:[\w'’,-]+\s+){0,6}?to\s+(?:\w+\s+){0,2}?(?:years?|months?|life|"
        r"death|prison|jail))|convict(?:ed|s)?(?=\s+(?:of\b|him\b|her\b|them\b|(?-i:[A-Z])))|"
        r"found\s+guilty",
        R.SANCTION,
        "convict",
    ),
    # --- COERCE
    T(
        r"seiz(?:e|es|ed|ing)(?!\s+power)|confiscat(?:e|es|ed|ing)|annex(?:es|ed|ing|ation)?|"
        r"occup(?:y|ies|ied|ying|ation)(?!\s+(?:army|force|forces|power|troops))|blockad(?:e|es|ed|ing)|"
        r"(?:took|take|takes|taking|seized|gained)\s+control\s+of|captur(?:e|ed|es|ing)|ramm(?:ed|ing)|"
        r"boarded|forc(?:e|es|ed|ing)\s+(?:their|its|his|her|our)\s+way\s+into",
        R.COERCE,
        "seize",
    ),
    T(
        r"restrict(?:s|ed|ing)?|curb(?:s|ed)?|(?:clos(?:e|ed|es|ing)|shut(?:s|ting)?|seal(?:s|ed|ing)?)"
        r"\s+(?:\w+\s+){0,4}?(?:borders?|frontiers?|crossings|airspace|border\s+crossings)|"
        # "has kept its border with Benin closed"
        r"kept\s+(?:its|their|the)\s+(?:\w+\s+)?(?:borders?|frontiers?)(?=\s+(?:with\s+\w+\s+){0,1}"
        r"(?:\w+\s+)?closed)",
        R.COERCE,
        "restrict",
    ),
    T(
        r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|held(?=\s+(?:by|in\s+custody|captive|hostage))|"
        r"jail(?:s|ed)?|imprison(?:s|ed)?",
        R.COERCE,
        "arrest",
    ),
    T(
        r"deport(?:s|ed|ing)?",
        R.COERCE,
        "deport",
        block=r"\b(?:carrying|with|of|the|for|transporting|returning)\s+$",  # "deported migrants"
    ),
    T(r"cyber-?attacks?|hack(?:s|ed|ing)", R.COERCE, "cyber"),
    # --- ASSAULT
    # forces storming a place attack it; police storming a building is a raid (seizure)
    T(
        r"storm(?:ed|s|ing)",
        R.ASSAULT,
        block=r"\b(?:protesters|demonstrators|crowds?|mobs?|supporters|students|people|rioters|"
        r"police|officers|agents|security\s+forces)\s+(?:\w+\s+)?$",
    ),
    T(
        r"(?:(?<=police\s)|(?<=officers\s)|(?<=agents\s)|(?<=forces\s))storm(?:ed|s)|raid(?:ed|s)?(?=\s+(?:the\s+)?(?:[\w-]+\s+)?"
        r"(?:embassy|consulate|mission|offices?|headquarters))",
        R.COERCE,
        "seize",
    ),
    # "India and Pakistan exchanged fire": both sides fired
    T(
        r"exchang(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:fire|gunfire|shots|artillery\s+fire|blows)|"
        r"clash(?:ed|es)?\s+with",
        R.ASSAULT,
        "firearms",
        symmetric=True,
    ),
    T(
        r"air\s*strikes?|airstrikes?|bomb(?:ed|ing)|warplanes\s+(?:\w+\s+)?struck|air\s+raids?",
        R.ASSAULT,
        "aerial",
    ),
    T(
        r"drone\s+(?:attacks?|strikes?)|fired\s+(?:\w+\s+){0,3}?drones|drones\s+at",
        R.ASSAULT,
        "drone",
    ),
    T(
        r"shell(?:s|ed|ing)|artillery\s+fire|missile\s+(?:attacks?|strikes?)|fired\s+(?:\w+\s+){0,3}?"
        r"(?:missiles|rockets)|rocket\s+attacks?",
        R.ASSAULT,
        "heavy-weapons",
    ),
    T(
        r"attack(?:s|ed|ing)?(?!\s+(?:helicopters?|submarines?|aircraft|jets?|drones?|boats?))|struck|"
        r"strikes?\s+on|raid(?:s|ed)?|invad(?:e|es|ed|ing)|invasion|offensive|"
        r"assault(?:s|ed)?|kill(?:s|ed)?|ambush(?:ed)?|"
        # "..., killing 38 people": the toll of the event the clause already told
        r"killing(?!\s+(?:at\s+least\s+|about\s+|some\s+|nearly\s+|more\s+than\s+)?(?:[\d,]+|two|"
        r"three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds)\s+(?:of\s+)?(?:people|"
        r"passengers|civilians|persons|others|residents|crew))|clash(?:es|ed)?\s+with|fight(?:s|ing)?|"
        r"fought|battl(?:e|es|ed|ing)|(?:waged|wage|waging|declared)\s+war\s+on|at\s+war\s+with|"
        r"(?:wag(?:e|es|ed|ing)|lead(?:s|ing)?|led)\s+(?:a|an|its|their)\s+(?:[\w-]+\s+)?"
        r"(?:insurgency|war|campaign|rebellion|offensive|uprising)\s+against|"
        r"hit(?:s|ting)?(?!\s+(?:back|out|record|hard\s+by))|retook|retak(?:e|es|en|ing)|"
        r"recaptur(?:e|ed|es|ing)",
        R.ASSAULT,
    ),
    T(
        r"murder(?:s|ed|ing)?|massacr(?:e|es|ed|ing)|execut(?:ed|ing)(?!\s+(?:a|an|the|its|their)\s+"
        r"(?:\w+\s+)?(?:plan|order|deal|contract|strategy|agreement))|"
        r"injur(?:e|ed|es|ing)|wound(?:ed|ing)|behead(?:ed|ing)?",
        R.ASSAULT,
    ),
    T(r"abduct(?:s|ed|ing)?|kidnap(?:s|ped|ping)?", R.ASSAULT, "abduct"),
    T(
        r"open(?:s|ed|ing)?\s+fire\s+on|fired\s+on|shot\s+(?:dead|at)|gunned\s+down|"
        r"sh(?:ot|oot|oots|ooting)\s+down(?!\s+(?:\d|dozens|scores|hundreds))|downed",
        R.ASSAULT,
        "firearms",
    ),
    T(r"tortur(?:e|ed|es|ing)", R.ASSAULT, "torture"),
    T(
        r"(?:committing|commit|committed)?\s*(?:abuses|atrocities|war\s+crimes|massacres|"
        r"human\s+rights\s+(?:abuses|violations))",
        R.ASSAULT,
        needs_object=False,
    ),
    # --- standing relations
    T(
        r"(?:form|found|creat|establish|launch)(?:ed|s|ing)?(?:\s+up)?(?=\s+(?:[\w'’-]+\s+){0,4}?"
        r"(?:alliance|pact|bloc|union|confederation|federation|organi[sz]ation|coalition)\b)|"
        r"set\s+up(?=\s+(?:[\w'’-]+\s+){0,4}?(?:alliance|bloc|union|confederation|coalition)\b)",
        R.MEMBER_OF,
    ),
    T(
        r"linked\s+to\s+(?:\w+\s+){0,2}?(?:conflicts?|wars?|fighting|operations|violence)(?=\s+in\b)",
        R.OPERATES_IN,
    ),
    T(
        r"join(?:s|ed|ing)?|(?:is|are|was|were|became|become|becomes|as)\s+(?:a\s+)?(?:full\s+)?"
        r"members?\s+of|accession\s+to|membership\s+(?:of|in)|"
        r"bec(?:ame|ome|omes)(?=\s+(?:[\w'’-]+\s+){0,3}?members?\b)",
        R.MEMBER_OF,
        # "halted talks on joining the EU", "its bid to join NATO": not (yet) a member
        block=r"\b(?:talks|negotiations|bid|hopes?|plans?|ambitions?|aspirations?|path|process|"
        r"application|efforts?|drive|way|road|goal|dream|quest|course|intention|wish|desire)\s+"
        r"(?:(?:on|to|of|for|towards?|about)\s+)?(?:\w+\s+)?$|\b(?:seek\w*|appl\w+|want\w*|hop\w+|"
        r"aim\w*|aspir\w+|strive\w*|not)\s+(?:to\s+)?$",
    ),
    T(
        r"(?:linked|tied|close|loyal|allied|affiliated)\s+(?:to|with)|links\s+(?:to|with)|"
        r"backed\s+by|proxy|controlled\s+by|owned\s+by|ties\s+to|"
        r"(?:an?\s+|close\s+|key\s+)*(?:ally|allies|proxy|proxies|client)\s+of|"
        r"(?:local|regional|west\s+african|african|asian|syrian|somali)?\s*(?:affiliate|branch|franchise|"
        r"offshoot|wing)\s+of",
        R.AFFILIATED_WITH,
    ),
    T(
        r"operat(?:e|es|ed|ing)\s+(?:in|across|alongside|from)|present\s+in|presence\s+in|"
        r"kept\s+(?:[\w'’,-]+\s+){0,3}?(?:forces|troops|bases|soldiers|police\s+officers|"
        r"personnel|peacekeepers)\s+(?:[\w'’-]+\s+){0,3}?in|"
        r"stationed\s+in|based\s+in|bases?\s+in|deployed\s+in|fighting\s+(?:\w+\s+){0,3}?in",
        R.OPERATES_IN,
    ),
]

# "Iran-backed Houthis", "Kremlin-linked Wagner": the second is affiliated with the first.
AFFIL_COMPOUND = re.compile(
    r"-(?:backed|linked|allied|aligned|funded|sponsored|supported|affiliated|controlled|run|led)\b"
)
_KIN = re.compile(
    r",\s+(?:the|his|her)\s+(?:[\w-]+\s+)?(?:sister|brother|wife|husband|son|daughter|nephew|niece|"
    r"cousin|father|mother|brother-in-law|son-in-law)\s+of\s+(?:[\w-]+\s+)?",
    re.I,
)
_WHOSE = re.compile(r",\s+whose\s+", re.I)
# "Poland, a NATO member", "fellow NATO member Turkey"
_MEMBER_AFTER = re.compile(r"^\s+(?:member|ally|member\s+state|member\s+country)\b", re.I)

_AID_MODE = [
    (re.compile(r"asylum", re.I), "asylum"),
    (
        re.compile(
            r"weapon|arms\b|arming|ammunition|munition|military|missile|tank|drone|helicopter|"
            r"jet|artillery|shell|rifle|air defen[cs]e|equipment|training|instructors",
            re.I,
        ),
        "military",
    ),
    (
        re.compile(r"humanitarian|food|medical|medicine|relief|refugee|vaccine|shelter", re.I),
        "humanitarian",
    ),
    (
        re.compile(
            r"\$|dollar|euro|loan|financ|fund|budget|economic|oil|fuel|grain|gas|money|credit|"
            r"invest",
            re.I,
        ),
        "economic",
    ),
]


def aid_mode(text: str) -> str | None:
    for rx, mode in _AID_MODE:
        if rx.search(text):
            return mode
    return None


# Event nouns a reaction can point back to ("condemned the strikes") -> the relation they name.
ANAPHORS: list[tuple[re.Pattern[str], Relation | None]] = [
    (
        re.compile(r"strikes?|attacks?|raids?|bombing|shelling|offensive|assault|invasion", re.I),
        R.ASSAULT,
    ),
    (
        re.compile(
            r"agreement|deal|accord|treaty|pact|rules|thaw|rapprochement|reconciliation|"
            r"normali[sz]ation|d[eé]tente|declaration",
            re.I,
        ),
        R.AGREE,
    ),
    (re.compile(r"sanctions|expulsions?|ban|embargo|measures", re.I), R.SANCTION),
    (re.compile(r"closures?|crackdown|arrests?|detentions?|seizures?", re.I), R.COERCE),
    (re.compile(r"talks|visit|meeting|summit", re.I), R.CONSULT),
    (re.compile(r"officers|troops|force|forces|soldiers|contingent|deployment", re.I), R.MOBILIZE),
    (
        re.compile(
            r"decision|move|steps?|announcement|withdrawal|plan|exercises|drills|deployment|"
            r"listing|designation",
            re.I,
        ),
        None,
    ),
    (
        re.compile(
            r"criticism|accusations?|allegations?|charges?|demands?|calls?|proposals?|claims?|"
            r"requests?|ultimatum|finding|veto|resolution",
            re.I,
        ),
        None,
    ),
]
_ANAPHOR = re.compile(
    r"^\s+(?!the\s+use\s+of\b)(?:the|this|that|these|those|its|their)\s+"
    r"(?:[\"“]?[\w-]+[\"”]?,?\s+(?:and\s+)?){0,3}?"
    r"(strikes?|attacks?|raids?|bombing|shelling|offensive|assault|invasion|agreement|deal|accord|"
    r"thaw|rapprochement|reconciliation|normali[sz]ation|d[eé]tente|declaration|"
    r"treaty|pact|rules|sanctions|expulsions?|ban|embargo|measures|talks|visit|meeting|summit|"
    r"officers|troops|force|forces|soldiers|contingent|"
    r"decision|move|steps?|announcement|withdrawal|plan|exercises|drills|deployment|closures?|"
    r"crackdown|listing|designation|criticism|accusations?|allegations?|charges?|"
    r"demands?|calls?|proposals?|claims?|requests?|ultimatum|finding|veto|resolution)\b",
    re.I,
)

_AGENT_AFTER = re.compile(r"\s+(?:carried\s+out\s+|launched\s+)?(?:by|from)\s+", re.I)
_EVALUATES = re.compile(r"amount|constitut|represent|violat|breach|flout|contraven|undermin", re.I)
_JUDGED = re.compile(
    r"\b(?:(?:the|this|that|its|their)\s+|(?-i:[A-Z])[\w-]+['’]s\s+)(?:[\w-]+\s+){0,2}?$", re.I
)
_UNNAMED_AGENT = re.compile(
    r"\b(?:militants|jihadists|rebels|insurgents|gunmen|fighters|attackers|assailants|terrorists|"
    r"militias?|militiamen|bandits|gangs?|extremists|raiders|kidnappers|men)\s+"
    r"(?:who\s+|that\s+|which\s+)?(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?$",
    re.I,
)
_TAKE_IT = re.compile(
    r"\s+to\s+(?:take|seize|annex|capture|invade|acquire|control|grab)\s+(?:it|them)\b", re.I
)
_FORCE_USED = re.compile(
    r"\s+the\s+(?:use\s+of\s+(?:excessive\s+|lethal\s+)?force|violence|violent\s+(?:dispersal|crackdown)|"
    r"crackdown|repression)\s+(?:against|on)\s+(?:peaceful\s+)?(?:protesters|demonstrators|civilians|"
    r"journalists|students|opposition)",
    re.I,
)
_AND_SAID = re.compile(
    r"\s(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:said|says|added|warned|told|announced|"
    r"insisted|stressed|noted|that|urged|called\s+(?:on|for)|asked|appealed|demanded|pledged|"
    r"promised|vowed)\b|,\s+according\s+to\b",
    re.I,
)
_SPLIT = re.compile(r";|\s(?:while|whereas|but|although|though)\s|,\s+(?:which|who|where)\s")
_NEW_CLAUSE_VERB = re.compile(
    r"^\s+(?:also\s+|has\s+|have\s+|had\s+)?(?:said|says|was|were|is|are|has|have|had|will|would|"
    r"could|announced|added|accused|warned|called|urged|denied|insisted|vowed|pledged)\b",
    re.I,
)
_CONJ = re.compile(
    r"^(?:\s+[a-z][\w-]*){0,2}\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
    r"(?:the\s+)?(?:(?![a-z]+ed\s|(?:the|a|an|its|their|his|her)\s|(?:say|says|said|accuse|accuses|"
    r"deny|denies|insist|insists|warn|warns|claim|claims|add|adds)\s)[a-z0-9][\w-]*\s+){0,2}$"
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.I)
_OF_ACTOR = re.compile(
    r"\b(?:fighters|troops|forces|members|soldiers|units|militants|army|government|leaders?|"
    r"officials|ministry|president|navy|warships|jets|warplanes|rulers|juntas?|authorities|"
    r"governments|leadership|group|groups|unit|column|convoy|contingent|battalion|detachment|"
    r"squad|team|dozens|hundreds|thousands|number)\s+of\s+(?:the\s+|(?:about\s+|some\s+|around\s+)?"
    r"\d[\d,]*\s+)?$",
    re.I,
)
_EXISTENTIAL = re.compile(
    r"\bthere\s+(?:is|was|were|are|has\s+been|have\s+been|had\s+been)\s+(?:no|any|a|an)?\s*"
    r"(?:\w+\s+)?$",
    re.I,
)
_PARTICIPLE = re.compile(r"^\s*(?:while|after|before|by|when|,)?\s*\w+ing\b", re.I)
_VP_COORD = re.compile(
    r"\band\s+(?:also\s+|later\s+|then\s+)?(?:has|have|had|was|were|is|are|will|would|allows|lets|"
    r"permits|sends|frees|releases|opens|closes|keeps|accepts|rejects|refuses|plans|urges|accuses|"
    r"denies|vows|pledges|promises|agrees|says|warns|calls|demands|"
    r"(?!(?:allied|armed|united|related|affiliated|associated|backed|based|led|linked|"
    r"unnamed|detained|jailed|wounded)\b)[a-z]+ed)\b"
)
_REPORT_THAT = re.compile(
    r"\b(?:said|says|confirmed|told\s+\w+|announced|reported|warned|added|stated|insisted|"
    r"claimed)(?:\s+on\s+\w+)?\s+(?:that\s+|(?=(?:the|a|an|it|he|she|they|its|their)\s|[A-Z]))",
)
# "jihadists linked to [al-Qaeda]": the mention qualifies an unnamed head, it is not the object
_MODIFIER_OF = re.compile(
    r"\b(?:linked|tied|affiliated|loyal|allied|close)\s+(?:to|with)\s+(?:the\s+)?$|"
    r"\b(?:backed|led|headed|run|commanded|founded)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|"
    r"\b(?:war|conflict|fighting|crisis|violence|situation)\s+in\s+(?:the\s+)?$",
    re.I,
)
# a compound modifier ("Hamas-led attack") or the speaker of an inverted report ("..., India's
# foreign minister said") is not an object
_NOT_OBJECT_AFTER = re.compile(
    r"^(?:-(?:led|backed|linked|allied|aligned|funded|sponsored|supported|held|run|based)\b|"
    r"(?:['’]s)?(?:\s+[\w'’.-]+){0,6}\s+(?<!\sand\s)(?<!\sbut\s)(?:said|says|told|added|"
    r"announced)\b[^,;]*$)",
    re.I,
)
# "fight alongside the rebels", "together with X": X is on the subject's side
_PARTNER_BEFORE = re.compile(r"\b(?:alongside|together\s+with|backed\s+by|allied\s+with)\b", re.I)
_UNNAMED_ARMED = re.compile(
    r"^\s+(?:[\w'’-]+\s+){0,5}?(?:militants|jihadists|groups|rebels|insurgents|gangs|fighters|"
    r"terrorists|militias)\b",
    re.I,
)
_ACROSS_BORDER = re.compile(
    r"\b(?:(?:across|over)\s+the\s+border|into\s+(?:its|their)\s+(?:territory|airspace|waters))\b",
    re.I,
)
_ACCUSED = re.compile(r"\baccus(?:e|es|ed|ing)\s+", re.I)
_OF_VING = re.compile(
    r"\s+of\s+(?=(?:\w+ly\s+)?(?:trying\s+to\s+|attempting\s+to\s+|being\s+)?\w+ing\b)", re.I
)
# "accused X of V-ing ... and said ...": a new verb of the accuser ends the accusation
_NEW_VERB = re.compile(
    r"\band\s+(?!(?:of|the|a|an|its|their|his|her|\w+ing)\b)(?:\w+ly\s+)?\w+\b|[;]|,\s+(?:and|but)\s",
    re.I,
)
_BASED_IN = re.compile(
    r"\b(?:companies|firms|entities|banks|individuals|nationals|citizens|people)\s+(?:based|"
    r"registered|located|living)\s+in\s+(?:the\s+)?$",
    re.I,
)
_HOSTILE_ACTS = {R.ASSAULT, R.MOBILIZE, R.COERCE, R.THREATEN, R.ACCUSE, R.SANCTION}
_APPOSITION_OPEN = re.compile(r",\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,3}|(?=$))$", re.I)
_APPOSITION_CLOSE = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,5}\s*,")
# "the AES, the bloc formed by Mali, Burkina Faso and Niger, condemned": the members listed
# in the apposition are not the subject
_NAME_LIST = r"(?:(?-i:[A-Z])[\w'’-]*(?:,\s*|\s+and\s+|\s+))*"
_BLOC_LIST_OPEN = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:bloc|alliance|grouping|union|coalition|"
    r"confederation|federation|organi[sz]ation|community)\s+(?:(?:formed|founded|created|"
    r"set\s+up|established)\s+by|(?:made\s+up|composed)\s+of|(?:that|which)\s+(?:groups|"
    r"brings\s+together|includes)|grouping|comprising|of)\s+(?:the\s+)?" + _NAME_LIST + "$",
    re.I,
)
_BLOC_LIST_CLOSE = re.compile(r"(?:(?:,\s*|\s+and\s+|\s+)(?-i:[A-Z])[\w'’-]*)*\s*,")
_FORCES_BEFORE = re.compile(
    r"\b(?:troops|soldiers|police|officers|forces|contingent|personnel|fighters|marines|"
    r"peacekeepers|instructors)\s+(?:\w+\s+){0,2}$",
    re.I,
)
_DEAL_ROUTE = re.compile(r"^\s+to\s+(?:send|bring|deploy|hire|provide)\b", re.I)
DEAL_NOUNS = re.compile(r"\b(?:deal|contract|agreement)\b", re.I)
_EVENT_NOUN = re.compile(
    r"(?:air\s*)?(?:attacks?|strikes?|airstrikes?|raids?|incursions?|assault|invasion|"
    r"bombardment|shelling|offensive)",
    re.I,
)
PLACE_OK = {R.OPERATES_IN, R.ASSAULT, R.COERCE, R.MOBILIZE, R.RETREAT, R.AID}
# Event nouns inside a prepositional phrase refer back to an event ("in retaliation for the
# killing of X", "the anniversary of Russia's invasion"): not a new assertion.
_NOMINAL = re.compile(
    r"(?:killing|retaliation|attacks?|strikes?|invasion|offensive|withdrawal|ceasefire|truce|"
    r"expulsions?|sanctions|protests?|deployment|occupation|annexation|blockade|bombing|shelling|"
    r"war(?:\s+\w+)?|airstrikes?|air\s+strikes?|assault|raids?|crackdown|fighting|murder|"
    r"massacre)",
    re.I,
)
_IN_PP = re.compile(
    r"\b(?:for|after|over|following|since|before|of|about|against|in|amid|despite|to|during|"
    r"into|on)\s+(?:the|a|an|its|their|his|her|this|that|[\w-]+['’]s)\s+(?:[\w-]+\s+)?$|"
    r"\bin\s+$",
    re.I,
)
# "blamed the PKK for the assault on the base": the blamed party carried out the event
_BLAMED_FOR = re.compile(
    r"\b(?:blam(?:ed|es|ing)\s+(?:[\w'’-]+\s+){1,6}?|(?:was|were|is|are)\s+(?:\w+\s+)?responsible\s+)"
    r"for\s+(?:the|a|an)\s+(?:[\w-]+\s+)?$",
    re.I,
)
_TEMPORAL_PP = re.compile(
    r"\b(?:since|before|after|during|amid|following|until|throughout|despite)\s+(?:the\s+)?$", re.I
)
_DET_BEFORE = re.compile(r"(?:^|\s)(?:a|an|the|any|this|that|these|those)\s+(?:[\w-]+\s+)?$", re.I)
_CARRY_OUT = re.compile(
    r"\b(?:carr(?:y|ied|ying)\s+out|launch(?:ed|es|ing)?|conduct(?:ed|s|ing)?|stag(?:ed|es|ing)|"
    r"mount(?:ed|s|ing)?|beg(?:an|un|in)|start(?:ed|s)?|stepped\s+up|intensif(?:ied|y)|resum(?:e|ed))"
    r"\s+(?:a|an|the|its|their)?\s*(?:[\w-]+\s+)?$",
    re.I,
)
_PLACE_OF = re.compile(r"^\s+(?:\w+\s+)?(?:embassy|consulate|base|mission|flags?)\b", re.I)
# Demonyms used as adjectives ("Russian companies") are objects only of these.
WEAK_OBJECT_OK = {
    R.COOPERATE,
    R.SANCTION,
    R.COERCE,
    R.ASSAULT,
    R.ACCUSE,
    R.THREATEN,
    R.PROTEST,
    R.CONCEDE,
    R.RETREAT,
}
OBJECT_WORDS = 12


def _word_limit(flat: str, b: int, n: int) -> int:
    """Offset n words after b (objects further away belong to another predicate)."""
    words = list(re.finditer(r"\S+", flat[b:]))
    return b + (words[n - 1].end() if len(words) >= n else len(flat) - b)


@dataclass
class RawRelation:
    relation: Relation
    mode: str | None
    subject: Mention | None  # None: the speaker's ("there was no contract with X")
    object: Mention | None
    trigger_start: int  # absolute offsets
    trigger_end: int
    sent: int
    compound: bool = False  # "[Iran]-backed [Houthis]": presupposed, the article's voice
    anaphor: Relation | bool | None = False  # "condemned the strikes": object from that event
    place: bool = False  # an attack on an unnamed place: the object is the country in focus
    noun: str = ""  # the event noun a reaction points back to ("strikes")
    owned: bool = False  # "Russia's invasion of Ukraine": a possessive event noun


def _actors(ms: list[Mention]) -> list[Mention]:
    return [
        m for m in ms if (m.actor is not None or m.type is EntityType.LOCATION) and not m.absorbed
    ]


def _conjuncts(m: Mention, ms: list[Mention], flat: str, base: int, left: bool) -> list[Mention]:
    """m plus actors coordinated with it ("France and Germany", "South Korea and Japan")."""
    out = [m]
    idx = ms.index(m)
    step = -1 if left else 1
    cur = m
    i = idx + step
    while 0 <= i < len(ms):
        n = ms[i]
        if left:
            gap = flat[n.end - base : cur.ext_start - base]
        else:
            gap = flat[cur.end - base : n.ext_start - base]
        if (
            (n.actor is None and n.type is not EntityType.LOCATION)
            or not _CONJ.match(gap)
            or re.search(r"\baccording\b", gap)
        ):
            break  # ("X, according to Y": Y is the source, not a second X)
        if (n.weak or cur.weak) and gap.strip(" ,") not in ("", "and", "or"):
            break  # "a four-year-old American girl, and Israel": not a coordination of actors
        if not left and "," in gap and _NEW_CLAUSE_VERB.match(flat[n.end - base :]):
            break  # "solidarity with Vilnius, and the European Union said ...": a new clause
        out.append(n)
        cur = n
        i += step
    return out


_TWO_BEFORE = re.compile(
    r"(?:^\s*|\b)(?:(?:the\s+two|both)\s+(?:\w+\s+)?(?:leaders|ministers|sides|countries|governments|"
    r"presidents|delegations|neighbou?rs|nations|parties|officials|men)['’]?\s+(?:[\w-]+\s+){0,3}|"
    r"the\s+neighbou?rs\s+(?:[\w-]+\s+){0,4})$",
    re.I,
)
_TWO_START = re.compile(
    r"^\s*(?:the\s+two|both)\s+(?:\w+\s+)?(?:leaders|ministers|sides|countries|governments|"
    r"presidents|delegations|neighbou?rs|nations|parties|officials|men)['’]?\s",
    re.I,
)
# "both sides agreed to ...": events two parties do together
_MUTUAL = {R.AGREE, R.CONSULT, R.COOPERATE}
_TWO_AFTER = re.compile(
    r"^\s+(?:on\s+|upon\s+)?(?:the\s+two|both)\s+(?:sides|countries|parties|governments|nations)\b",
    re.I,
)


_GROUP_REF = re.compile(
    r"\b(?:the\s+(?:three|four|five)\s+(?:[\w-]+\s+)?(?:countries|states|neighbou?rs|juntas|nations|"
    r"governments|members)|all\s+(?:three|four|five)|their\s+countries|"
    r"the\s+(?!United\b)(?-i:[A-Z][a-z]+)\s+(?-i:governments|states|countries|nations|capitals))\b",
    re.I,
)


_DUO_REF = re.compile(
    r"\b(?:the\s+(?:two\s+)?(?:allies|partners)|both\s+allies|the\s+two\s+allies)\b", re.I
)


def duos(flat: str, base: int, mentions: list[Mention]) -> list[Mention] | None:
    """The last coordination of exactly two actors ("South Korea and the United States"), for
    later references to "the allies"."""
    ms = sorted(
        [m for m in mentions if m.type is EntityType.COUNTRY and m.actor and m.strong],
        key=lambda m: m.start,
    )
    best: list[Mention] | None = None
    for m in ms:
        chain = _conjuncts(m, ms, flat, base, left=False)
        if len({c.actor for c in chain}) == 2 and (best is None or chain[0].start > best[0].start):
            best = chain
    return best


def groups(flat: str, base: int, mentions: list[Mention]) -> list[Mention] | None:
    """The last coordination of three or more countries in a sentence ("Mali, Burkina Faso and
    Niger"), for later references to "the three" or "their countries"."""
    ms = sorted(
        [m for m in mentions if m.type is EntityType.COUNTRY and m.actor], key=lambda m: m.start
    )
    best: list[Mention] | None = None
    for m in ms:
        chain = _conjuncts(m, ms, flat, base, left=False)
        keys = {c.actor for c in chain}
        if len(keys) >= 3 and (best is None or chain[0].start > best[0].start):
            best = chain
    return best


def find(
    sent_flat: str,
    base: int,
    sent_index: int,
    mentions: list[Mention],
    pair: tuple[Mention, Mention] | None = None,
    group: list[Mention] | None = None,
    duo: list[Mention] | None = None,
) -> list[RawRelation]:
    """Relations in one sentence. `mentions` are this sentence's mentions (coref included);
    `pair` is the two parties the article is about ("the two leaders", "both sides")."""
    ms = sorted(_actors(mentions), key=lambda m: m.start)
    out: list[RawRelation] = []
    cands: list[tuple[int, int, int, Trigger, re.Match[str]]] = []
    for n, trig in enumerate(TRIGGERS):
        for t in trig.pattern.finditer(sent_flat):
            if trig.blocked_by is not None and trig.blocked_by.search(sent_flat[: t.start()]):
                continue
            if t.start() > 0 and sent_flat[t.start() - 1] == "-":
                continue  # "UN-backed", "Iran-backed": a compound adjective, not a verb
            if any(m.start <= base + t.start() and base + t.end() <= m.end for m in mentions):
                continue  # inside a name ("Islamic State", "Wagner mercenary group")
            cands.append((-(t.end() - t.start()), n, t.start(), trig, t))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    used: list[tuple[int, int]] = []
    for _, _, _, trig, t in cands:
        ta, tb = base + t.start(), base + t.end()
        if any(ta < e and s < tb for s, e in used):
            continue
        # "Russia's invasion of Ukraine", "NATO's bombing of the embassy": the owner acted on
        # the "of" object (not in temporal background: "since Russia's invasion")
        owner = next(
            (
                m
                for m in ms
                if m.type is not EntityType.LOCATION
                and re.fullmatch(r"['’]s\s+(?:[\w-]+\s+)?", sent_flat[m.end - base : t.start()])
            ),
            None,
        )
        poss_obj = None
        if owner is not None and _NOMINAL.fullmatch(t.group(0)):
            poss_obj = next(
                (
                    m
                    for m in ms
                    if m.start - base >= t.end()
                    and m.after_prep in ("of", "on", "against")
                    and len(sent_flat[t.end() : m.start - base].split()) <= 5
                ),
                None,
            )
            if poss_obj is None or _TEMPORAL_PP.search(sent_flat[: owner.start - base]):
                owner = None
        else:
            owner = None
        owned = (
            owner is not None
            or any(  # "an Israeli air strike": the demonym says who struck
                m.kind == "demonym" and 0 <= ta - m.end <= 1 for m in mentions
            )
            or _BLAMED_FOR.search(sent_flat[: t.start()])
        )
        if (
            _NOMINAL.fullmatch(t.group(0))
            and (
                (
                    _IN_PP.search(sent_flat[: t.start()])
                    and not _BLAMED_FOR.search(sent_flat[: t.start()])
                    and owner is None
                )
                or (
                    _DET_BEFORE.search(sent_flat[: t.start()])
                    and not _CARRY_OUT.search(sent_flat[: t.start()])
                    and not owned
                    # "the truce between X and Y held": an event between named parties
                    and not (
                        trig.mode == "ceasefire" and re.match(r"\s+between\b", sent_flat[t.end() :])
                    )
                )
            )
        ):
            continue  # "would not back a strike", "the strikes followed": no new event
        if owner is not None and poss_obj is not None:
            rels = [(owner, poss_obj)] if owner.actor != poss_obj.actor else []
        elif trig.crowd:
            rels = _crowd(t, sent_flat, base, ms)
        elif (
            pair is not None
            and (trig.symmetric or trig.relation in _MUTUAL)
            and (
                _TWO_BEFORE.search(sent_flat[: t.start()])
                or (
                    _TWO_START.match(sent_flat)
                    and re.search(r"\band\s+(?:then\s+|also\s+)?$", sent_flat[: t.start()])
                )
            )
        ):
            rels = [pair]
        else:
            rels = _arguments(trig, t, sent_flat, base, ms)
            if pair is not None and _TWO_AFTER.match(sent_flat[t.end() :]):
                subj = (
                    rels[0][0]
                    if rels
                    else _subject([m for m in ms if m.start - base < t.start()], sent_flat, base)
                )
                if subj is not None:
                    rels = [(subj, p) for p in pair if p.actor != subj.actor]
        if duo:
            # "the allies would face consequences", "warned the allies": the last named pair
            before_t = sent_flat[: t.start()]
            d_obj = _DUO_REF.search(sent_flat[t.end() : t.end() + 100])
            if d_obj and any(
                t.end() <= m.start - base < t.end() + d_obj.start() for m in ms if m.strong
            ):
                d_obj = None  # a named object comes first
            d_before = _DUO_REF.search(before_t)
            if (
                trig.object_before
                and d_before
                and not any(d_before.end() <= m.start - base < t.start() for m in ms if m.strong)
                and not any(d_before.start() < m.end - base <= d_before.end() for m in ms)
                and all(o is None or o.end - base <= d_before.start() for _, o in rels)
            ):
                rels = [(None, d) for d in duo]
            elif d_obj:
                sj = (
                    rels[0][0]
                    if rels
                    else _subject([m for m in ms if m.start - base < t.start()], sent_flat, base)
                )
                if sj is not None:
                    rels = [(sj, d) for d in duo if d.actor != sj.actor]
            elif (
                d_before is not None
                and not trig.symmetric
                and not any(m.start - base < d_before.end() for m in ms if m.strong)
            ):
                objs = [o for _, o in rels if o is not None][:1] or [None]
                if rels or not trig.needs_object:
                    rels = [(d, o) for d in duo for o in objs if o is None or d.actor != o.actor]
        if group:
            # "their countries were leaving X", "the bloc suspended all three"
            before_t = sent_flat[: t.start()]
            g_subj = _GROUP_REF.search(before_t[-60:])
            g_obj = _GROUP_REF.match(sent_flat[t.end() :].lstrip())
            g_head = _GROUP_REF.search(before_t)
            if (
                g_head is not None
                and not g_obj
                and rels
                and not any(
                    _clause_start(sent_flat, g_head.start()) <= m.start - base < g_head.end()
                    for m in ms
                    if m.strong and m.type is not EntityType.LOCATION
                )
            ):
                # "The three neighbours formed ... and have all expelled X": the group leads
                objs: list[Mention | None] = []
                for _, o in rels:
                    if o is not None and all(o is not x for x in objs):
                        objs.append(o)
                objs = objs or [None]
                rels = [(g, o) for g in group for o in objs if o is None or g.actor != o.actor]
            elif g_obj and rels:
                rels = [(s_, g) for s_, _ in rels[:1] for g in group if g.actor != s_.actor]
            elif g_obj and not rels:
                sj = _subject([m for m in ms if m.start - base < t.start()], sent_flat, base)
                rels = [(sj, g) for g in group if g.actor != sj.actor] if sj else []
            elif g_subj and not rels:
                ob = next((m for m in ms if m.start - base >= t.end()), None)
                if ob is not None:
                    rels = [(g, ob) for g in group if g.actor != ob.actor]
        if not rels:
            continue
        used.append((ta, tb))
        # "X, the local affiliate of Y": an apposition is the article's own description
        described = trig.relation is R.AFFILIATED_WITH and bool(
            re.search(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}$", sent_flat[: t.start()])
        )
        anaphor: Relation | bool | None = False
        noun = ""
        if trig.relation is R.THREATEN and all(o is None for _, o in rels):
            anaphor = None  # "said Russia would respond": to whoever acted against it last
            if _TAKE_IT.match(sent_flat[t.end() :]):
                # "needs Greenland ... refused to rule out using force to take it"
                named = [
                    m
                    for m in ms
                    if m.end - base <= t.start()
                    and m.type in (EntityType.COUNTRY, EntityType.LOCATION)
                    and m.strong
                    and all(m.actor != s_.actor for s_, _ in rels if s_ is not None)
                ]
                if named:
                    rels = [(s_, named[-1]) for s_, _ in rels]
                    anaphor = False
        if trig.relation in (R.ACCUSE, R.SUPPORT, R.REJECT, R.THREATEN, R.PROTEST, R.REQUEST):
            a = _ANAPHOR.match(sent_flat[t.end() :]) or _ANAPHOR.match(
                " " + t.group(0).split(None, 1)[-1]
            )
            if a is None and trig.relation is R.ACCUSE and _FORCE_USED.match(sent_flat[t.end() :]):
                # "condemned the use of force against protesters": by whoever the article is
                # about (no actor named)
                a = re.match(r"\s*(\S+)", " it")
                judged_first = True
            elif (
                a is None
                and trig.relation is R.ACCUSE
                and re.match(r"\S+\s+(?:it|them|this|that)\b", t.group(0), re.I)
            ):
                # "calling it 'highly aggressive'": the thing last done, whoever did it
                a = re.match(r"\s*(\S+)", " it")
                judged_first = True
            else:
                judged_first = a is None and bool(_EVALUATES.match(t.group(0)))
            if judged_first and a is None:
                # "the visit amounted to pressure on X": the thing judged comes first
                b = _JUDGED.search(sent_flat[: t.start()])
                a = _ANAPHOR.match(" " + b.group(0)) if b else None
            kind = next((r for rx, r in ANAPHORS if a and rx.fullmatch(a.group(1))), None)
            agent = None
            by = (
                _AGENT_AFTER.match(sent_flat[t.end() + a.end() :])
                if a and sent_flat[t.end() :].startswith(a.group(0))
                else None
            )
            if by is not None:
                # "condemned the attack by X on Y", "the criticism from X": the agent is named
                at = base + t.end() + a.end() + by.end()
                agent = next((m for m in ms if at <= m.start <= at + 4 and m.actor), None)
            btw = (
                re.match(r"\s+between\s+", sent_flat[t.end() + a.end() :])
                if a and sent_flat[t.end() :].startswith(a.group(0))
                else None
            )
            if btw is not None:
                # "welcomed the agreement between X and Y": the parties are named
                at = base + t.end() + a.end() + btw.end()
                first = next((m for m in ms if at <= m.start <= at + 4 and m.actor), None)
                parties = _conjuncts(first, ms, sent_flat, base, left=False) if first else []
                subjects = {id(s_): s_ for s_, _ in rels}
                if len(parties) >= 2:
                    rels = [
                        (s_, p)
                        for s_ in subjects.values()
                        for p in parties
                        if s_ and s_.actor != p.actor
                    ]
                    a = None
            if agent is not None:
                subjects = {id(s_): s_ for s_, _ in rels}
                rels = [(s_, agent) for s_ in subjects.values() if s_ and s_.actor != agent.actor]
            elif a and (kind is not None or judged_first or all(o is None for _, o in rels)):
                # "condemned the strikes as a violation of Yemen's sovereignty": the object is
                # whoever carried out the strikes, not a name further on
                anaphor = kind
                noun = a.group(1).lower()
                subjects = {id(s_): s_ for s_, _ in rels}
                rels = [(s_, None) for s_ in subjects.values()]
        relation = trig.relation
        if relation is R.CONSULT and _FORCES_BEFORE.search(
            sent_flat[max(0, t.start() - 40) : t.start()]
        ):
            relation = R.MOBILIZE  # "400 Kenyan police officers arrived in Haiti"
        for subj, obj in rels:
            place = obj is _PLACE
            if place:
                obj = None
            mode = trig.mode if relation is trig.relation else "troops"
            if trig.relation is R.AID:
                mode = aid_mode(sent_flat[t.start() : t.end() + 80]) or aid_mode(sent_flat)
            if trig.relation is R.CONSULT and mode is None and _visit(sent_flat, t, ms, base):
                mode = "visit"
                host = next(
                    m
                    for m in ms
                    if m.kind == "metonym"
                    and m.after_prep == "in"
                    and 0 <= m.start - base - t.end() < 40
                )
                if (
                    obj is not None
                    and subj is not None
                    and host.actor == subj.actor != obj.actor
                    and obj.start - base >= t.end()  # not "X and Y held talks in X's capital"
                    # the verb only: "talks in Moscow with X" keeps the sentence's order
                    and re.match(r"(?:met|meets?)\b", t.group(0), re.I)
                ):
                    subj, obj = obj, subj  # "A met B in A's capital": B is the visitor
            if (
                trig.relation is R.CONSULT
                and mode is None
                and re.search(
                    r"\b(?:by|over\s+the)\s+(?:tele)?phone\b", sent_flat[t.end() : t.end() + 80]
                )
            ):
                mode = "phone"  # "spoke with X by phone"
            out.append(
                RawRelation(
                    relation,
                    mode,
                    subj,
                    obj,
                    ta,
                    tb,
                    sent_index,
                    anaphor=anaphor,
                    place=place,
                    noun=noun,
                    owned=owner is not None,
                    compound=described,
                )
            )
    # "Ukrainian drones struck X ..., one of Kyiv's largest attacks on X": the possessive
    # event noun restates the clause's event
    told = {
        (r.subject.actor, r.relation, r.object.actor)
        for r in out
        if not r.owned and r.object and r.subject
    }
    out = [
        r
        for r in out
        if not (r.owned and r.object and (r.subject.actor, r.relation, r.object.actor) in told)
    ]
    for i, m in enumerate(ms):
        if m.type is not EntityType.PERSON or i + 1 >= len(ms):
            continue
        nxt = ms[i + 1]
        gap = sent_flat[m.end - base : nxt.start - base]
        # "X, the influential sister of leader Y" (kin); "X, whose Y group ..." (his group)
        if (nxt.type is EntityType.PERSON and _KIN.fullmatch(gap)) or (
            nxt.type is EntityType.ORGANIZATION and _WHOSE.fullmatch(gap)
        ):
            out.append(
                RawRelation(R.AFFILIATED_WITH, None, m, nxt, m.end, nxt.start, sent_index, True)
            )
    for m in ms:
        rest = sent_flat[m.end - base :]
        # compound affiliation: "[Iran]-backed [Houthis]"
        c = AFFIL_COMPOUND.match(rest)
        if c:
            nxt = next(
                (n for n in ms if n.start >= m.end + c.end() and n.start - (m.end + c.end()) < 40),
                None,
            )
            # "KFOR, the NATO-led mission": the apposition's head is the name before it
            app = re.search(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}$", sent_flat[: m.start - base])
            prev = [x for x in ms if x.end - base <= m.start - base and x is not m]
            if (
                (
                    nxt is None
                    or not re.match(r"[\w\s-]*$", sent_flat[m.end - base : nxt.start - base])
                )
                and app
                and prev
                and app.start() - (prev[-1].end - base) <= 1
            ):
                nxt = prev[-1]
            if nxt is not None and nxt.type is not EntityType.COUNTRY:
                out.append(
                    RawRelation(
                        R.AFFILIATED_WITH, None, nxt, m, m.end, m.end + c.end(), sent_index, True
                    )
                )
        # membership apposition: "[Poland], a [NATO] member" ("NATO member Turkey": _memberships)
        if m.type is EntityType.ORGANIZATION and (mm := _MEMBER_AFTER.match(rest)):
            left = sent_flat[: m.start - base]
            prev = [x for x in ms if x.end <= m.start and x.type is EntityType.COUNTRY]
            if prev and re.search(r",\s+(?:a|an|the)\s+(?:\w+\s+)?$", left):
                out.append(
                    RawRelation(
                        R.MEMBER_OF, None, prev[-1], m, m.start, m.end + mm.end(), sent_index
                    )
                )
    out.extend(_memberships(ms, sent_flat, base, sent_index))
    out.extend(_presence_where(ms, sent_flat, base, sent_index))
    if pair is not None:
        out.extend(_pair_memberships(ms, sent_flat, base, sent_index, pair))
    return out


# "the two NATO allies", "both EU members"; "the EAC, the bloc to which both countries belong"
_TWO_BEFORE_ORG = re.compile(r"\b(?:the\s+two|both)\s+$", re.I)
_TWO_AFTER_ORG = re.compile(
    r"^\s+(?:allies|members|member\s+(?:states|countries)|partners)\b", re.I
)
_BOTH_BELONG = re.compile(
    r"^,?\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?:to\s+which|of\s+which|which)\s+"
    r"(?:both|the\s+two)\s+(?:(?:countries|nations|neighbou?rs|states|sides|governments)\s+)?"
    r"(?:belong|are\s+(?:both\s+)?(?:members|part))\b",
    re.I,
)


def _pair_memberships(
    ms: list[Mention], flat: str, base: int, sent_index: int, pair: tuple[Mention, Mention]
) -> list[RawRelation]:
    """Membership of the two parties the article is about, stated as a description."""
    out: list[RawRelation] = []
    for m in ms:
        if m.type is not EntityType.ORGANIZATION:
            continue
        rest = flat[m.end - base :]
        if (
            _TWO_BEFORE_ORG.search(flat[: m.ext_start - base]) and _TWO_AFTER_ORG.match(rest)
        ) or _BOTH_BELONG.match(rest):
            out.extend(
                RawRelation(R.MEMBER_OF, None, c, m, m.start, m.end, sent_index, True)
                for c in pair
                if c.type is EntityType.COUNTRY and c.actor != m.actor
            )
    return out


# "Lithuania, a member of NATO since 2004"; "Greece and Turkey, both members of NATO";
# "Burundi is a founding member of the EAC"
_MEMBER_OF_GAP = re.compile(
    r"^,?\s+(?:which\s+is\s+|is\s+|was\s+|has\s+been\s+|both\s+|all\s+|each\s+)?"
    r"(?:(?:a|an|one|fellow)\s+)?(?:of\s+the\s+)?(?:founding\s+|full\s+|fellow\s+)?"
    r"members?\s+(?:states?\s+|countries\s+)?of\s+(?:the\s+)?$",
    re.I,
)
# "the AES, the bloc formed by Mali, Burkina Faso and Niger"
_BLOC_OF = re.compile(
    r"^,?\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:bloc|alliance|grouping|union|coalition|"
    r"confederation|federation|organi[sz]ation|community|partnership)\s+(?:(?:that\s+was\s+|which\s+was\s+)?"
    r"(?:formed|founded|created|set\s+up|established)\s+by|(?:made\s+up|composed)\s+of|"
    r"(?:that|which)\s+(?:groups|brings\s+together|includes)|grouping|comprising|of)\s+(?:the\s+)?$",
    re.I,
)
# "NATO allies Greece and Turkey", "EU members Latvia and Estonia"
_MEMBERS_BEFORE = re.compile(
    r"^\s+(?:fellow\s+)?(?:members?|ally|allies|member\s+states?|member\s+countries)\s+$", re.I
)


# "Syria, where about 900 U.S. soldiers are deployed"; "Cyprus, where Turkey has kept troops"
_WHERE_OPEN = re.compile(
    r"^,?\s+where\s+(?:about\s+|some\s+|around\s+|nearly\s+|roughly\s+|more\s+than\s+)?"
    r"(?:[\d,.]+\s+|(?:tens\s+of\s+|several\s+)?(?:thousands|hundreds)\s+of\s+)?(?:the\s+)?$",
    re.I,
)
_WHERE_FORCES = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s+(?:troops|soldiers|forces|personnel|servicem[ae]n|marines|"
    r"peacekeepers|contingents?)\s+(?:are|were|have\s+been|had\s+been|remain|are\s+still)\s+"
    r"(?:deployed|stationed|based|present)\b|"
    r"^\s+(?:has|have|had)\s+(?:long\s+|since\s+)?(?:kept|stationed|deployed|based|maintained)\s+"
    r"(?:[\w,'’-]+\s+){0,5}?(?:troops|soldiers|forces|personnel|bases?)\b",
    re.I,
)


def _presence_where(ms: list[Mention], flat: str, base: int, sent_index: int) -> list[RawRelation]:
    """Presence stated in a "where" clause about the place just named."""
    out: list[RawRelation] = []
    for i, p in enumerate(ms[:-1]):
        if p.type not in (EntityType.COUNTRY, EntityType.LOCATION) or p.kind == "coref":
            continue  # "the island, where ...": a description resolved by guess is too weak
        q = ms[i + 1]
        if (
            q.actor
            and q.actor != p.actor
            and _WHERE_OPEN.match(flat[p.end - base : q.ext_start - base])
            and _WHERE_FORCES.match(flat[q.end - base :])
        ):
            out.append(RawRelation(R.OPERATES_IN, None, q, p, q.start, q.end, sent_index))
    return out


def _memberships(ms: list[Mention], flat: str, base: int, sent_index: int) -> list[RawRelation]:
    """Membership stated in passing, by apposition or as a plural head noun."""
    out: list[RawRelation] = []
    for i, m in enumerate(ms):
        if m.type is not EntityType.ORGANIZATION:
            continue
        left = [x for x in ms[:i] if x.type is EntityType.COUNTRY and x.actor and not x.weak]
        if left and _MEMBER_OF_GAP.match(flat[left[-1].end - base : m.ext_start - base]):
            for c in _conjuncts(left[-1], ms, flat, base, left=True):
                if c.type is EntityType.COUNTRY:
                    out.append(RawRelation(R.MEMBER_OF, None, c, m, c.start, m.end, sent_index))
        # "the bloc" in the apposition is a description (coreference may have linked it)
        nxt = next((x for x in ms[i + 1 :] if x.kind != "coref"), None)
        if (
            nxt is not None
            and nxt.type is EntityType.COUNTRY
            and (
                _MEMBERS_BEFORE.match(gap := flat[m.end - base : nxt.ext_start - base])
                or _BLOC_OF.match(gap)
            )
        ):
            for c in _conjuncts(nxt, ms, flat, base, left=False):
                if c.type is EntityType.COUNTRY:
                    out.append(RawRelation(R.MEMBER_OF, None, c, m, m.start, c.end, sent_index))
    return out


def _crowd(t: re.Match[str], flat: str, base: int, ms: list[Mention]):
    """Protesters act for the country they are in (a capital, a place "in" it; else the
    pipeline's most salient country); their target is the country whose embassy, base or
    flag they face, or what they protest against."""
    # "crowds gathered outside X's consulate, and in Beirut demonstrators ...": one clause each
    lo = max((c.end() for c in _CROWD_CLAUSE.finditer(flat, 0, t.start())), default=0)
    hi = next((c.start() for c in _CROWD_CLAUSE.finditer(flat, t.end())), len(flat))
    ms = [m for m in ms if lo <= m.start - base < hi]
    target = next(
        (
            m
            for m in ms
            if m.type is not EntityType.LOCATION and _PLACE_OF.match(flat[m.end - base :])
        ),
        None,
    ) or next((m for m in ms if m.after_prep == "against" and m.start - base > t.start()), None)
    targets = [target] if target is not None else []
    emb = re.search(r"\b(?:embass(?:y|ies)|consulates?|missions)\s+of\s+(?:the\s+)?", flat)
    if target is None and emb is not None:
        # "attacked the embassies of Rwanda, France and Belgium": each is a target
        first = next((m for m in ms if m.start - base == emb.end()), None)
        if first is not None:
            targets = _conjuncts(first, ms, flat, base, left=False)
            target = first
    place = next(
        (m for m in ms if m.kind == "metonym" and m.after_prep in ("in", "near", "at", "outside")),
        None,
    )
    if target is None:
        return []
    if place is not None and place.actor == target.actor:
        place = None
    return [(place, x) for x in targets if place is None or x.actor != place.actor]


_CROWD_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas)\s+", re.I)
_UNRESOLVED_OBJECT = re.compile(
    r"^\s+(?:them|him|her|us|those|these|the\s+(?:two|three|four|five|six|men|women|pair|group|"
    r"remaining\s+\w+|West))\b",
    re.I,
)
_PLACE = Mention(-1, -1, -1, "", EntityType.LOCATION, "place", None)  # marker: fill with focus


def _accused_pronoun(flat: str, acc: re.Match[str], base: int, ms: list[Mention]) -> Mention | None:
    """ "imposed sanctions on 12 Iranian individuals, accusing them of ...": "them" is the
    main clause's target (the last actor named before the participle, not its subject)."""
    if not re.match(r"\s*(?:them|it)\s+of\b", flat[acc.end() :], re.I):
        return None
    if not re.search(r",\s*$", flat[: acc.start()]):
        return None
    prior = [
        m
        for m in ms
        if m.end - base <= acc.start() and m.actor and m.type is not EntityType.LOCATION
    ]
    if len(prior) < 2:
        return None
    return prior[-1]


_UNNAMED_TARGET = re.compile(
    r"^\s+(?:(?:[\w-]+\s+){0,2}?(?:men|women|boys|girls|children|people|villagers|civilians|"
    r"worshippers|fishermen|sailors|migrants|refugees|protesters|demonstrators|aid\s+workers|"
    r"patients|students)\b|"
    r"(?:a|an|the|several|two|three|four|five|dozens\s+of|\d[\d,]*)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:camp|village|town|city|base|hospital|school|market|convoy|positions?|targets?|sites?|"
    r"facility|facilities|port|airport|bridge|depot|refinery|refineries|civilians|residents|"
    r"soldiers|troops|checkpoint|outpost|ships?|vessels?|tankers?)\b)",
    re.I,
)


def _followed_by_name(m: Mention, after: list[Mention], flat: str, base: int) -> bool:
    """ "Canadian miner [Barrick Gold]": the demonym qualifies the name that follows."""
    nxt = next((n for n in after if n.start >= m.end), None)
    return nxt is not None and len(flat[m.end - base : nxt.start - base].split()) <= 3


def _visit(flat: str, t: re.Match[str], ms: list[Mention], base: int) -> bool:
    """Talks "in [capital]" of one side are a visit by the other."""
    return any(
        m.kind == "metonym" and m.after_prep == "in" and 0 <= m.start - base - t.end() < 40
        for m in ms
    )


def _clause_start(flat: str, a: int) -> int:
    """Start of the coordinated clause holding offset a ("X did A, and the three states ...")."""
    return max((m.end() for m in re.finditer(r",\s+(?:and|but)\s+|;", flat[:a])), default=0)


def _clause_bounds(flat: str, a: int, b: int) -> tuple[int, int]:
    start, end = 0, len(flat)
    for m in _SPLIT.finditer(flat):
        if m.end() <= a:
            start = m.end()
        elif m.start() >= b:
            end = m.start()
            break
    return start, end


# "gave way after a meeting with X", "dropped its veto at a summit with X": an adjunct's
# noun is not the party the act is addressed to
_ADJUNCT = re.compile(r"\b(?:after|before|following|amid)\b", re.I)
_NO_ADJUNCT_OBJECT = {R.CONCEDE}


def _arguments(trig: Trigger, t: re.Match[str], flat: str, base: int, ms: list[Mention]):
    a, b = t.start(), t.end()
    cs, ce = _clause_bounds(flat, a, b)
    places = trig.relation in PLACE_OK
    ok = [m for m in ms if places or m.type is not EntityType.LOCATION]
    before = [m for m in ok if cs <= m.end - base <= a and m.type is not EntityType.LOCATION]
    rvs = list(_REPORT_THAT.finditer(flat, cs, a))
    if rvs:
        rv = rvs[-1]
        # "X confirmed (that) drones had struck Y": the subject is inside the complement
        before = [m for m in before if m.start - base >= rv.end()]
    rel = re.search(r",\s+(?:which|who)\s+$", flat[:cs]) if cs > 0 else None
    if rel and "," in flat[cs:a]:
        # "X, who are backed by Y, fired ...": the relative clause is closed; X is the subject
        close = cs + flat[cs:a].rfind(",")
        before = [
            m
            for m in ok
            if m.type is not EntityType.LOCATION
            and (m.end - base <= rel.start() or (close < m.start - base and m.end - base <= a))
        ]
    if said := _AND_SAID.search(flat, b, ce):
        ce = said.start()  # "condemned X and said the bloc could ...": the object comes first
    after = [m for m in ok if b <= m.start - base < ce]
    # "a deal to send fighters from [A] to [B]": B agrees with A.
    if trig.relation is R.AGREE and DEAL_NOUNS.search(t.group(0)) and _DEAL_ROUTE.match(flat[b:]):
        src = next((m for m in after if m.strong and m.after_prep != "to"), None)
        dst = next(
            (m for m in after if m.after_prep == "to" and (src is None or m.start > src.start)),
            None,
        )
        if src is not None and dst is not None:
            return [(dst, src)]
    if trig.symmetric and (bt := re.match(r"\s+between\s+", flat[b:])):
        first = next((m for m in after if m.start - base >= b + bt.end() - 1), None)
        if first is not None:
            pair = _conjuncts(first, ms, flat, base, left=False)
            if len(pair) >= 2 and pair[0].actor != pair[1].actor:
                return [(pair[0], pair[1])]
    if trig.object_before:
        obj = _subject(before, flat, base)
        if obj is None:
            return []
        return [(None, o) for o in _conjuncts(obj, ms, flat, base, left=True)]
    # Passive: "[Y] was attacked by [X]"; "[Y] came under scrutiny from [X]".
    by_next = re.match(r"\s+by\b", flat[b : b + 6])
    passive = by_next and (
        _PASSIVE.search(flat[max(0, a - 20) : a]) or t.group(0).lower().endswith("ed")
    )
    if by_next and _EVENT_NOUN.fullmatch(t.group(0)):
        # "the attack by China on ...": the agent follows "by", the target "on/against"
        agent = next((m for m in after if m.after_prep == "by"), None)
        target = next(
            (
                m
                for m in after
                if m.after_prep in ("on", "against") and agent and m.start > agent.start
            ),
            None,
        )
        if agent is None or (target is None and trig.needs_object):
            return []
        return [(agent, target)] if target is None or agent.actor != target.actor else []
    if (
        not by_next
        and (trig.mode in ("arrest", "convict"))
        and _PASSIVE.search(flat[max(0, a - 20) : a])
    ):
        # "[Y], who was sentenced to five years in prison in Tehran": the state where it happened
        where = next(
            (
                m
                for m in after
                if m.after_prep == "in"
                and m.kind in ("metonym", "name")
                and m.type is EntityType.COUNTRY
                and m.start - base - b < 60
            ),
            None,
        )
        if re.search(r"\bwho\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?$", flat[:a]):
            people = [m for m in before if m.type is EntityType.PERSON]
            patient = people[-1] if people else None
        else:
            patient = _subject(before, flat, base)
        if where is not None and patient is not None and patient.actor != where.actor:
            return [(where, patient)]
        return []
    if passive or trig.object_first:
        agent = next((m for m in after if m.after_prep in ("by", "from")), None)
        patient = _subject(before, flat, base)
        if patient is None and cs > 0 and re.search(r",\s+(?:which|who)\s+$", flat[:cs]):
            # "APT28, which is controlled by the GRU": the name before the relative pronoun
            rel_ms = [m for m in ms if m.end - base <= cs and cs - (m.end - base) <= 9]
            patient = rel_ms[-1] if rel_ms and rel_ms[-1].type is not EntityType.LOCATION else None
        if trig.relation is R.CONSULT and patient is not None:
            # "X and Y met at a meeting hosted by Z": the talks are between X and Y
            parties = list(reversed(_conjuncts(patient, ms, flat, base, left=True)))
            if len(parties) >= 2 and parties[0].actor != parties[1].actor:
                return [(parties[0], parties[1])]
        if agent and patient:
            agents = _conjuncts(agent, ms, flat, base, left=False)
            return [(g, patient) for g in agents if g.actor != patient.actor]
        return []
    if _EXISTENTIAL.search(flat[cs:a]):
        obj = next(iter(after), None)
        return [(None, obj)] if obj is not None else []
    subj = _subject(before, flat, base)
    coordinated = False
    participle = t.group(0).lower().endswith("ing") and re.search(
        r"(?:,|\b(?:after|before|while|when|by|since)\s+)\s*$", flat[:a]
    )
    if subj is not None and (_VP_COORD.search(flat[subj.end - base : b]) or participle):
        # "X is believed ... and has been accused of ...", "X expelled ..., accusing ...":
        # the coordinated verb or participle shares the sentence's subject
        # (within a "while"/"whereas" clause, that clause's own subject)
        lo = cs if cs > 0 and re.search(r"\b(?:while|whereas)\s*$", flat[:cs]) else -1
        first = _subject([m for m in ms if lo <= m.start - base < a], flat, base, first=True)
        subj = first or subj
        coordinated = first is not None
    if subj is None and rvs and re.search(r"\band\s+(?:also\s+|then\s+)?$", flat[:a]):
        # "Islamabad says ... and accuses X of ...": the reporter's second verb
        subj = _subject(
            [
                m
                for m in ok
                if cs <= m.end - base <= rvs[-1].start() and m.type is not EntityType.LOCATION
            ],
            flat,
            base,
        )
    judged = _EVALUATES.match(t.group(0)) and _JUDGED.search(flat[:a])
    if _EVALUATES.match(t.group(0)) and not judged:
        return []  # "X violated the ceasefire" is no judgement of a thing done
    if subj is None and rvs and judged:
        # "X said the visit amounted to pressure": the speaker judges
        subj = _subject(
            [
                m
                for m in ok
                if cs <= m.end - base <= rvs[-1].start() and m.type is not EntityType.LOCATION
            ],
            flat,
            base,
        )
    if subj is None and _PARTICIPLE.match(flat[cs:a] if cs < a else ""):
        subj = _subject([m for m in ms if m.start - base < cs], flat, base, first=True)
    if subj is None and cs > 0 and re.search(r",\s+(?:which|who)\s+$", flat[:cs]):
        # "..., Russia, which has sent ...": the relative pronoun is the name just before it
        rel = [m for m in ms if m.end - base <= cs and cs - (m.end - base) <= 9]
        subj = rel[-1] if rel and rel[-1].type is not EntityType.LOCATION else None
    if (
        subj is None
        and cs > 0
        and re.search(r",\s+where\s*$", flat[:cs])
        and re.match(r"\s*(?:they|it)\s", flat[cs:a])
    ):
        # "X deployed soldiers in Y, where they are helping ...": the deployer's forces
        subj = _subject([m for m in ms if m.start - base < cs], flat, base, first=True)
    if subj is None:
        # The subject may sit before a relative clause ("X, which ..., expelled Y").
        outer = [m for m in ms if m.end - base <= cs and m.type is not EntityType.LOCATION]
        subj = _subject(outer, flat, base)
    # "accused X of sending troops", "accused the West of ... and of trying to blame Y": the
    # accused acts; with no named accused there is no fact
    accs = list(_ACCUSED.finditer(flat, 0, a))
    acc = accs[-1] if accs else None
    if acc is not None and not re.search(r"[;]", flat[acc.end() : a]):
        ving = _OF_VING.search(flat, acc.end(), b)
        if ving is not None and ving.end() <= b and not _NEW_VERB.search(flat[ving.end() : a]):
            who = [
                m
                for m in ms
                if acc.end() <= m.start - base < ving.start() and m.type is not EntityType.LOCATION
            ]
            if not who:
                who = [m for m in [_accused_pronoun(flat, acc, base, ms)] if m is not None]
            if not who:
                return []
            subj = who[-1] if who[-1].after_prep == "of" else who[0]
    # "concerned about South Africa holding exercises with Russia": the gerund's own subject
    if subj is not None and before:
        last = before[-1]
        if (
            last is not subj
            and last.after_prep in ("about", "over", "of", "on", "against", "for")
            and re.fullmatch(
                r"(?:['’]s)?\s+(?:\w+ing\s+(?:[\w-]+\s+){0,2})?", flat[last.end - base : a]
            )
            and (t.group(0).lower().split()[0].endswith("ing") or flat[last.end - base : a].strip())
        ):
            subj = last
    # "militants raided ...", "rebels who killed ...": the agent is not named
    if (
        subj is not None
        and trig.relation is R.ASSAULT
        and (un := _UNNAMED_AGENT.search(flat[subj.end - base : a]))
        and not re.fullmatch(
            r"(?:['’]s)?\s*(?:(?!(?:of|and|to|in|who|that|which)\b)[\w-]+\s+){0,2}",
            flat[subj.end - base : subj.end - base + un.start()],
        )
    ):
        return []
    subj0 = subj
    if (
        trig.relation is R.ACCUSE
        and (pm := _accused_pronoun(flat, t, base, ms)) is not None
        and subj is not None
        and pm.actor != subj.actor
    ):
        return [(s_, pm) for s_ in _conjuncts(subj, ms, flat, base, left=True)]
    if (pr := _UNRESOLVED_OBJECT.match(flat[b:])) and not any(
        m.start - base < b + pr.end() for m in after
    ):
        # "arrested the three", "accuse them of ...": the object is not named here
        if trig.relation is R.ACCUSE and re.match(r"\s+the\s+West", flat[b:]) and subj0 is not None:
            return [(subj0, None)]
        return []
    if trig.no_object:
        return [(s, None) for s in _conjuncts(subj, ms, flat, base, left=True)] if subj else []
    # "links with the rebels and said ... the Community": a tie names its other end at once
    near = trig.relation is R.AFFILIATED_WITH or (
        trig.relation is R.COOPERATE and t.group(0).lower().startswith("help")
    )
    limit = _word_limit(flat, b, 4 if near else OBJECT_WORDS)
    cands = [
        m
        for m in after
        if m.start - base <= limit
        if not _MODIFIER_OF.search(flat[max(0, m.start - base - 40) : m.start - base])
        if not _NOT_OBJECT_AFTER.match(flat[m.end - base :])
        if subj is None or m.actor != subj.actor
        if not (m.kind == "metonym" and m.after_prep in ("in", "at") and trig.mode != "visit")
        if m.strong or trig.relation in WEAK_OBJECT_OK or trig.reverse or trig.mode == "release"
        if m.strong or not _followed_by_name(m, after, flat, base)
        if trig.relation not in _NO_ADJUNCT_OBJECT or not _ADJUNCT.search(flat[b : m.start - base])
        if trig.relation is not R.THREATEN or m.after_prep not in ("in", "at", "from")
        if not (
            trig.mode == "visit"
            and t.group(0).lower() in ("visit", "visits")
            and m.after_prep not in ("to", "in")
        )
        if trig.relation is not R.ASSAULT
        or m.after_prep not in ("in", "across", "around")
        or not _UNNAMED_ARMED.match(flat[b : m.start - base])
        if trig.relation not in _HOSTILE_ACTS
        or not _PARTNER_BEFORE.search(flat[b : m.start - base])
    ]
    # "jihadists linked to [al-Qaeda] and [the Islamic State]": the whole coordination qualifies
    skipped = [
        m for m in after if _MODIFIER_OF.search(flat[max(0, m.start - base - 40) : m.start - base])
    ]
    for m in skipped:
        drop = {id(c) for c in _conjuncts(m, after, flat, base, left=False)}
        cands = [c for c in cands if id(c) not in drop]
    # "Iran's Revolutionary Guard Corps": the organisation, not its owner, is the object
    cands = [
        m
        for m in cands
        if not (
            m.type is EntityType.COUNTRY
            and re.match(r"['’]s\s", flat[m.end - base :])
            and any(n.type is EntityType.ORGANIZATION and 0 < n.start - m.end <= 4 for n in after)
        )
    ]
    # possessive places qualify a noun ("Europe's largest nuclear plant"): not objects
    cands = [
        m
        for m in cands
        if not (m.type is EntityType.LOCATION and re.match(r"['’]s\b", flat[m.end - base :]))
    ]
    obj = next(iter(cands), None)
    if obj is not None and trig.relation is R.MOBILIZE and obj.type is EntityType.ORGANIZATION:
        # "sent soldiers to reinforce KFOR, the mission stationed in Kosovo": the place
        place = next(
            (
                m
                for m in after
                if m.start > obj.start
                and m.after_prep in ("in", "into", "to")
                and m.type in (EntityType.COUNTRY, EntityType.LOCATION)
            ),
            None,
        )
        if place is not None:
            obj = place
    if subj is None:
        return []
    subjects = _conjuncts(subj, ms, flat, base, left=True)
    if participle or coordinated or subj.after_prep == "of":
        # "The rulers of Mali, Burkina Faso and Niger ..., accusing ...": the whole coordination
        subjects += _conjuncts(subj, ms, flat, base, left=False)[1:]
    if trig.symmetric and len(subjects) > 1:
        # "Japan and the Philippines signed ...": the coordinated parties, in text order
        order = sorted(subjects, key=lambda x: x.start)
        pairs = [(x, y) for i, x in enumerate(order) for y in order[i + 1 :] if x.actor != y.actor]
        if trig.relation is R.ASSAULT:
            pairs += [(y, x) for x, y in pairs]  # an exchange of fire goes both ways
        return pairs
    if obj is None:
        if trig.relation is R.ASSAULT and trig.needs_object and _UNNAMED_TARGET.match(flat[b:]):
            return [(s, _PLACE) for s in subjects]  # "shelled a displacement camp"
        if (
            not trig.needs_object
            or (trig.relation is R.MOBILIZE and _ACROSS_BORDER.search(flat[b : b + 80]))
            # "ready to send more troops": to where its forces are (filled in later)
            or (
                trig.relation is R.MOBILIZE
                and re.match(r"\s+(?:\w+\s+)?(?:more|additional|extra|further|fresh)\b", flat[b:])
            )
            or _ANAPHOR.match(flat[b:])
            or _ANAPHOR.match(" " + t.group(0).split(None, 1)[-1])
            or judged
            or (
                trig.relation is R.ACCUSE
                and re.match(r"\S+\s+(?:it|them|this|that)\b", t.group(0), re.I)
            )
            or (trig.relation is R.ACCUSE and _FORCE_USED.match(flat[b:]))
        ):
            return [(s, None) for s in subjects]
        return []
    objects = _conjuncts(obj, ok, flat, base, left=False)
    if trig.reverse:
        return [(o, s) for s in subjects for o in objects if s.actor != o.actor]
    return [(s, o) for s in subjects for o in objects if s.actor != o.actor]


def _subject(before: list[Mention], flat: str, base: int, first: bool = False) -> Mention | None:
    """Nearest actor before the trigger that is not the object of a preposition (with
    `first`, the first such actor: a participle clause shares the sentence's subject)."""
    for m in before if first else reversed(before):
        if m.type is EntityType.LOCATION:
            continue
        if (
            not first
            and (app := _APPOSITION_OPEN.search(flat[: m.start - base]))
            and (
                app.end() - app.start() > 3
                or re.match(r"(?:the|a|an)\s", flat[m.start - base :], re.I)
            )
            and _APPOSITION_CLOSE.match(flat[m.end - base :])
            and any(x.end - base <= app.start() + 1 and x is not m for x in before)
        ):
            continue  # "The United States, the agency's largest donor, has paused ...": the head
        if (
            not first
            and _BLOC_LIST_OPEN.search(flat[: m.start - base])
            and _BLOC_LIST_CLOSE.match(flat[m.end - base :])
        ):
            continue
        if re.search(r"\b(?:including|such\s+as|like)\s+(?:the\s+)?$", flat[: m.start - base]):
            continue  # "rights groups including Amnesty": an example, not the subject
        if m.after_prep == "of" and _OF_ACTOR.search(flat[: m.start - base]):
            return m
        if m.after_prep == "in" and _BASED_IN.search(flat[: m.start - base]):
            return m  # "companies based in the UAE that supplied ...": the UAE
        if m.after_prep and m.after_prep not in ("by",):
            continue
        if m.weak:
            continue
        return m
    return None
