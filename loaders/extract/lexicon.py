"""Extraction lexicons that are not about entity identity (that is graph/identity.py):
titles, ranks, actor nouns, capitalised words that are not names, name heads by type."""

from __future__ import annotations

import re

# Titles a person can hold; combined with modifiers below. Lower case, matched case-insensitively.
TITLE_HEADS = [
    "prime minister", "minister", "secretary of state", "secretary-general", "secretary general",
    "foreign secretary", "home secretary", "defence secretary", "defense secretary",
    "secretary", "vice president", "vice-president", "president", "premier", "chancellor",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "crown prince", "king",
    "queen", "emir", "sultan", "supreme leader", "leader", "commander-in-chief", "commander",
    "chief of staff", "chief", "head of state", "head", "chairman", "chairwoman", "chair",
    "governor", "mayor", "speaker", "adviser", "advisor", "negotiator", "representative",
    "director", "director-general", "director general", "coordinator", "high representative",
    "high commissioner", "attorney general", "prosecutor", "senator", "lawmaker", "general",
    "diplomat",
]  # fmt: skip
TITLE_MODIFIERS = [
    "deputy", "vice", "acting", "interim", "transitional", "former", "foreign", "defence",
    "defense", "interior", "finance", "economy", "trade", "energy", "justice", "health",
    "home", "security", "army", "military", "navy", "naval", "air force", "national security",
    "top", "senior", "chief", "junta", "coup", "state", "government", "presidential",
    "kremlin", "white house", "pentagon", "state department", "foreign ministry",
    "defence ministry", "defense ministry", "military junta", "self-declared", "elected",
    "newly elected", "outgoing", "incoming", "caretaker", "political", "opposition", "de facto",
    "powerful", "influential", "longtime", "veteran", "regional", "provincial", "policy",
    "foreign policy", "intelligence", "spy", "nuclear", "climate", "peace", "special",
]  # fmt: skip
TITLE_OF = (
    r"(?:\s+(?:of|for)\s+(?:foreign affairs|defen[cs]e|state|the interior|finance|"
    r"foreign and european affairs|national defen[cs]e|external affairs))?"
)

_mods = "|".join(sorted((re.escape(m) for m in TITLE_MODIFIERS), key=len, reverse=True))
_heads = "|".join(sorted((re.escape(h) for h in TITLE_HEADS), key=len, reverse=True))
TITLE = rf"(?:(?:{_mods})[\s-]+){{0,3}}(?:{_heads}){TITLE_OF}"
TITLE_RE = re.compile(rf"\b{TITLE}\b", re.I)

# Military/police ranks and honorifics: stripped from names, not titles themselves.
RANKS = (
    r"(?:Colonel|Col\.|Lieutenant[- ]Colonel|Lt\.? Col\.|General|Gen\.|Lieutenant General|"
    r"Major General|Maj\.? Gen\.|Brigadier General|Brig\.? Gen\.|Field Marshal|Marshal|"
    r"Admiral|Adm\.|Captain|Capt\.|Major|Maj\.|Lieutenant|Lt\.|Sergeant|Commander|"
    r"Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir|Dame|Sheikh|Prince|Princess|King|Queen|Emir|Imam|"
    r"Ayatollah|Senator|Sen\.|Rep\.)"
)
RANK_RE = re.compile(rf"^(?:{RANKS}\s+)+")

# Nouns that make a demonym ("Russian officials") or a country ("Mali's army") an actor.
ACTOR_NOUNS = (
    r"(?:officials?|authorities|government|administration|leaders?|leadership|forces|troops|"
    r"soldiers|army|armed forces|military|navy|air force|warplanes|jets|aircraft|drones|"
    r"warships|police|security forces|junta|regime|diplomats?|delegations?|ministry|"
    r"foreign ministry|defen[cs]e ministry|side|counterparts?|negotiators|intelligence|"
    r"services|state media|embassy|envoys?|parliament|lawmakers|president|prime minister|"
    r"coast guard|border guards|special forces|paratroopers|marines|contingent|units?|"
    r"artillery|missiles?|rockets?|fighter jets|bombers|helicopters|protesters|people|"
    r"demonstrators|crowds?|companies|firms|banks|entities|individuals|operatives|hackers|"
    r"instructors|advisers|military advisers|peacekeepers|counterpart|pilots|sailors|recruits|"
    r"personnel|cadets|nationals|citizens|journalists|activists|prisoners|detainees|hostages|"
    r"air defen[cs]es|defen[cs]es|officers|guards|patrols?|vessels?|ships?|boats?|fishing\s+boats?|"
    r"trawlers?|tankers?|crews?|fishermen|farmers|workers|employees|civilians|villagers|students|"
    r"migrants|refugees|tourists|residents|helicopter|jet|drone|plane|warship|submarine|"
    r"airspace|territorial\s+waters|waters)"
)

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Articles, pronouns, prepositions and conjunctions: never a name, and a name after one
# of them does not start its sentence.
FUNCTION_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "to",
        "of",
        "and",
        "or",
        "but",
        "if",
        "as",
        "after",
        "before",
        "while",
        "when",
        "where",
        "which",
        "who",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
    }
)

# Capitalised words that begin sentences or headlines but are not names.
NOT_NAMES = (
    FUNCTION_WORDS
    | set(MONTHS)
    | {
        "you",
        "my",
        "your",
        "there",
        "here",
        "whom",
        "whose",
        "what",
        "why",
        "how",
        "though",
        "although",
        "because",
        "since",
        "until",
        "unless",
        "despite",
        "during",
        "amid",
        "among",
        "between",
        "both",
        "either",
        "neither",
        "each",
        "every",
        "all",
        "some",
        "many",
        "most",
        "more",
        "much",
        "few",
        "several",
        "no",
        "not",
        "nor",
        "yet",
        "so",
        "then",
        "thus",
        "also",
        "still",
        "meanwhile",
        "however",
        "instead",
        "moreover",
        "speaking",
        "asked",
        "according",
        "regarding",
        "reports",
        "report",
        "officials",
        "sources",
        "analysts",
        "critics",
        "western",
        "eastern",
        "northern",
        "southern",
        "central",
        "thousands",
        "hundreds",
        "dozens",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "related",
        "original",
        "read",
        "see",
        "mr",
        "mrs",
        "ms",
        "islamist",
        "jihadist",
        "jihadists",
        "islamists",
        "state",
        "president",
        "minister",
        "foreign",
        "defence",
        "defense",
        "secretary",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "general",
        "colonel",
        "prime",
        "kremlin",
        "it's",
        "let",
        "over",
        "under",
        "about",
        "against",
        "across",
        "through",
        "into",
        "onto",
        "upon",
        "within",
        "without",
        "toward",
        "towards",
        "around",
        "near",
    }
)

ORG_HEADS = (
    r"(?:Group|Party|Army|Front|Council|Union|Bank|Ministry|Organi[sz]ation|Agency|Forces|"
    r"Movement|Alliance|Company|Corporation|Corp\.?|Commission|Committee|Court|Fund|"
    r"Brigades?|Coalition|Association|Institute|Parliament|Assembly|Office|Service|Guards?|"
    r"Battalion|Regiment|Division|Militia|Network|Authority|Department|Federation|"
    r"League|Congress|Cabinet|Senate|Police|Navy|Command|Mission|Corps|Inc\.?|Ltd\.?|"
    r"Airlines|Industries|Media|News|Times|Post|Agency|Foundation|Partnership|Pact|"
    r"Treaty Organi[sz]ation|State|Taliban|Hezbollah|Hamas|Houthis)"
)
ORG_HEAD_RE = re.compile(rf"\b{ORG_HEADS}$")
# Lower-case heads after an unknown name that make it an organisation: "Wagner mercenary group".
ORG_NOUN_AFTER = re.compile(
    r"^\s+(?:(?:mercenary|militant|rebel|armed|jihadist|islamist|paramilitary|separatist|"
    r"military|private military|terrorist|opposition|political|insurgent|extremist)\s+)*"
    r"(?:group|outfit|militia|movement|party|company|contractor|network|faction|organi[sz]ation|"
    r"rebels|militants|fighters|mercenaries|insurgents)\b",
    re.I,
)
LOCATION_HEADS = re.compile(
    r"\b(?:Sea|Ocean|Gulf|Strait|River|Mountains|Region|Province|Island|Islands|Peninsula|"
    r"Valley|Desert|Airport|Base|City|Port|Canal|Bay|Lake|Plateau|Oblast|District|Square)$"
)
REGIONS = {
    "Africa", "Middle East", "Europe", "Asia", "Latin America", "South America",
    "North America", "Sahel", "West Africa", "East Africa", "North Africa", "Central Africa",
    "Southern Africa", "Horn of Africa", "Balkans", "Caucasus", "Central Asia",
    "Southeast Asia", "South Asia", "East Asia", "Indo-Pacific", "Pacific", "Arctic",
    "Mediterranean", "Red Sea", "Black Sea", "Baltic", "Baltic Sea", "South China Sea",
    "Persian Gulf", "Gulf", "Donbas", "Donbass", "Gaza", "Gaza Strip", "West Bank",
    "Golan Heights", "Kashmir", "Sinai", "Darfur", "Tigray", "Crimea", "Nagorno-Karabakh",
}  # fmt: skip

# Generic descriptions of a kind of organisation, for definite-description coreference.
PMC_NOUNS = re.compile(
    r"\b(?:(?:private\s+)?military\s+contractors?|mercenar(?:y|ies)(?:\s+group|\s+outfit)?|"
    r"PMCs?|private military compan(?:y|ies)|military outfit)\b",
    re.I,
)

# Institutions that act for the union they belong to, as a ministry acts for its state
# ("the European Commission said it would release funds" -> the EU gives).
ACTS_FOR_PARENT = {
    "european-commission": "eu",
    "european-council": "eu",
    "council-of-the-european-union": "eu",
}
