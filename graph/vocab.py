"""The relation vocabulary, in one place: PLOVER event types and geokg's standing relations.

Event types, modes, quad classes and scores follow the PLOVER manual (Draft 0.8, 2021; Open Event
Data Alliance, CC BY-SA 4.0). Where the manual is silent, geokg's additions are marked.
Neo4j relationship types use these names exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources


class Relation(StrEnum):
    # PLOVER event types
    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"
    # Standing relations (geokg; PLOVER has no such types)
    HOLDS_POSITION = "HOLDS_POSITION"
    MEMBER_OF = "MEMBER_OF"
    AFFILIATED_WITH = "AFFILIATED_WITH"
    OPERATES_IN = "OPERATES_IN"


class Quad(StrEnum):
    VERBAL_COOPERATION = "verbal_cooperation"
    MATERIAL_COOPERATION = "material_cooperation"
    VERBAL_CONFLICT = "verbal_conflict"
    MATERIAL_CONFLICT = "material_conflict"


QUAD_CODE = {
    Quad.VERBAL_COOPERATION: 1,
    Quad.MATERIAL_COOPERATION: 2,
    Quad.VERBAL_CONFLICT: 3,
    Quad.MATERIAL_CONFLICT: 4,
}


@dataclass(frozen=True)
class RelationInfo:
    relation: Relation
    kind: str  # "event" or "standing"
    description: str
    quad: Quad | None = None
    score: float | None = None  # PLOVER conflict-cooperation score, -10..+10
    modes: dict[str, float | None] = field(default_factory=dict)  # mode -> score (None: base)
    requires_object: bool = True
    subject_types: tuple[str, ...] = ()  # empty: any entity type
    object_types: tuple[str, ...] = ()


def _ev(rel: Relation, quad: Quad, score: float, desc: str, modes=None, requires_object=False):
    return RelationInfo(rel, "event", desc, quad, score, modes or {}, requires_object)


VC, MC, VX, MX = (
    Quad.VERBAL_COOPERATION,
    Quad.MATERIAL_COOPERATION,
    Quad.VERBAL_CONFLICT,
    Quad.MATERIAL_CONFLICT,
)

# Scores and modes: PLOVER manual table 2.2 and chapter 3. The manual's table 7.2 lists SANCTION
# under verbal conflict, its section 3.13 under material conflict; we follow section 3.13.
# AID has no modes in the manual; geokg uses the four kinds of aid the manual names (marked).
RELATIONS: dict[Relation, RelationInfo] = {
    i.relation: i
    for i in [
        _ev(Relation.AGREE, VC, 2.5, "Agree to, offer or promise to cooperate; intent to act"),
        _ev(
            Relation.CONSULT,
            VC,
            2.5,
            "Meet, visit, host, call, negotiate",
            {"visit": 4, "third-party": 1, "multilateral": 4, "phone": 1.5},
        ),
        _ev(Relation.SUPPORT, VC, 5, "Diplomatic or political backing, praise, endorsement"),
        _ev(Relation.CONCEDE, VC, 4.5, "Verbal yield: apologise, ease, accept demands"),
        _ev(
            Relation.COOPERATE,
            MC,
            9.5,
            "Joint material action (military, economic, security)",
            requires_object=True,
        ),
        _ev(
            Relation.AID,
            MC,
            10,
            "Provide economic, military or humanitarian aid, or asylum",
            {"economic": None, "military": None, "humanitarian": None, "asylum": None},
            requires_object=True,
        ),
        _ev(
            Relation.RETREAT,
            MC,
            6.5,
            "Withdraw, release, disarm, cease fire, allow access, resign",
            {
                "withdraw": 8,
                "release": 6.5,
                "disarm": 10,
                "ceasefire": 7.5,
                "access": 6.5,
                "resign": 4.5,
            },
        ),
        _ev(
            Relation.REQUEST,
            VX,
            0,
            "Demand, appeal or ask for something",
            {"assist": 0.5, "change": -1, "yield": -1, "meet": 0},
        ),
        _ev(
            Relation.ACCUSE,
            VX,
            -3,
            "Criticise, allege, investigate",
            {"disapprove": -2, "investigate": -3.5, "allege": -3.5},
        ),
        _ev(
            Relation.REJECT,
            VX,
            -2,
            "Refuse, veto, defy",
            {"assist": -1.5, "change": -2, "yield": -2, "meet": -2},
        ),
        _ev(
            Relation.THREATEN,
            VX,
            -3.5,
            "Threaten",
            {
                "restrict": -3,
                "arrest": -3.5,
                "relations": -3.5,
                "expel": -3.5,
                "territory": -4,
                "violence": -3.5,
            },
        ),
        _ev(
            Relation.PROTEST,
            MX,
            -5,
            "Demonstrate, riot, strike, boycott, obstruct",
            {
                "demo": -5,
                "riot": -7,
                "strike": -5,
                "hunger": -4.5,
                "boycott": -4.5,
                "obstruct": -4.5,
            },
        ),
        _ev(
            Relation.SANCTION,
            MX,
            -6,
            "Reduce or break relations, expel, halt aid, convict",
            {"convict": -6, "expel": -5.5, "withdraw": -6, "discontinue": -6},
            requires_object=True,
        ),
        _ev(
            Relation.MOBILIZE,
            MX,
            -5.5,
            "Mobilise or deploy troops, weapons, police, militia",
            {"troops": -6.5, "weapons": -6.5, "police": -5.5, "militia": -6},
        ),
        _ev(
            Relation.COERCE,
            MX,
            -7,
            "Seize, restrict, arrest, deport, blockade, occupy",
            {
                "seize": -7,
                "restrict": -7,
                "censor": -6.5,
                "curfew": -6.5,
                "martial-law": -7.5,
                "arrest": -7,
                "deport": -7,
                "withhold": -7,
                "misinformation": -6.5,
                "cyber": -7,
            },
        ),
        _ev(
            Relation.ASSAULT,
            MX,
            -9,
            "Armed violence of every kind",
            {
                "abduct": -8.5,
                "beat": -7.5,
                "torture": -8.5,
                "sexual": -8.5,
                "targeted": -9.5,
                "destroy": -8.5,
                "primitive": -8,
                "firearms": -9,
                "explosives": -9,
                "suicide-attack": -9.5,
                "aerial": -9.5,
                "drone": -9.5,
                "heavy-weapons": -9.5,
                "crowd-control": -7.5,
                "unconventional": -10,
            },
        ),
        RelationInfo(
            Relation.HOLDS_POSITION,
            "standing",
            "A person holds a position (title) in a country or organisation",
            subject_types=("person",),
            object_types=("country", "organization"),
        ),
        RelationInfo(
            Relation.MEMBER_OF,
            "standing",
            "Membership of a country, organisation or person in an organisation",
            object_types=("organization",),
        ),
        RelationInfo(
            Relation.AFFILIATED_WITH,
            "standing",
            "Affiliation or control: an armed group, company or person tied to a state "
            "or organisation",
        ),
        RelationInfo(
            Relation.OPERATES_IN,
            "standing",
            "Presence or operations (forces, bases, companies) in a country or place",
            object_types=("country", "location"),
        ),
    ]
}

EVENT_RELATIONS = tuple(r for r, i in RELATIONS.items() if i.kind == "event")
STANDING_RELATIONS = tuple(r for r, i in RELATIONS.items() if i.kind == "standing")

# PLOVER auxiliary modes (did it happen, will it, might it, did it not).
AUX_MODES = ("historical", "future", "hypothetical", "negation")

# PLOVER general contexts (manual table 2.1), spelt with underscores as in the CAMEO table.
CONTEXTS = (
    "military",
    "intelligence",
    "executive",
    "legislative",
    "election",
    "political_institutions",
    "pro_democracy",
    "pro_autocracy",
    "economic",
    "legal",
    "reparations",
    "human_rights",
    "rights_freedoms",
    "repression",
    "human_security",
    "gender",
    "lgbt",
    "religion_ethnicity",
    "inequality",
    "diplomatic",
    "territory",
    "peacekeeping",
    "health",
    "asylum",
    "migration",
    "disasters",
    "natural_resource",
    "environment",
    "technology",
    "terrorism",
    "cbrn",
    "cyber",
    "misinformation",
    "crime",
    "corruption",
    "illegal_drugs",
    "trafficking",
    # used by the CAMEO table although not in table 2.1
    "humanitarian",
)


def score(relation: Relation, mode: str | None) -> float | None:
    info = RELATIONS[relation]
    if mode and info.modes.get(mode) is not None:
        return info.modes[mode]
    return info.score


def quad_code(relation: Relation) -> int | None:
    q = RELATIONS[relation].quad
    return QUAD_CODE[q] if q else None


@dataclass(frozen=True)
class CameoMapping:
    cameo: str
    relation: Relation
    mode: str | None
    contexts: tuple[str, ...]
    label: str


_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([^#]*?)\s*(?:#\s*(.*))?$")


@cache
def cameo_table() -> dict[str, CameoMapping]:
    """CAMEO code (string, leading zeros kept) → PLOVER type, mode, contexts."""
    text = (resources.files("graph") / "data" / "CAMEO2PLOVER-2021.txt").read_text()
    table: dict[str, CameoMapping] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            continue
        code, rest, label = m.group(1), m.group(2), (m.group(3) or "").strip()
        parts = [p.strip() for p in rest.split(",")]
        try:
            relation = Relation(parts[0].upper())
        except ValueError:
            continue
        mode = parts[1].lower() if len(parts) > 1 and parts[1] else None
        ctx = tuple(
            c.strip().lower() for c in (parts[2] if len(parts) > 2 else "").split(";") if c.strip()
        )
        if code not in table:  # the table repeats a few codes; the first entry wins
            table[code] = CameoMapping(code, relation, mode, ctx, label)
    return table


def from_cameo(code: str) -> CameoMapping | None:
    """Most specific mapping for a CAMEO code: exact, then its base (3 digits), then its root."""
    table = cameo_table()
    for c in (code, code[:3], code[:2]):
        if c in table:
            return table[c]
    return None


def vocabulary_json_schema() -> dict:
    """The vocabulary as JSON Schema `$defs`, for `geokg schema export`."""
    return {
        "Relation": {
            "type": "string",
            "enum": [r.value for r in Relation],
            "description": "PLOVER event types and geokg standing relations.",
        },
        "RelationInfo": {
            r.value: {
                "kind": i.kind,
                "description": i.description,
                "quad": i.quad.value if i.quad else None,
                "quad_code": quad_code(r),
                "score": i.score,
                "modes": i.modes,
                "requires_object": i.requires_object,
            }
            for r, i in RELATIONS.items()
        },
        "AuxMode": {"type": "string", "enum": list(AUX_MODES)},
        "Context": {"type": "string", "enum": list(CONTEXTS)},
    }
