"""Build the development set from its hand-written sources.

Each `source/NN-slug.spec` holds one article (metadata, body) and its gold facts in a compact
line form; this script writes the article in wire layout to `articles/NN-slug.txt` and the gold
fact document to `gold/NN-slug.json`, computing evidence offsets by locating the quoted evidence
in the article text. The gold JSON files are the reference; the specs only make them easy to
write and review. Run: `python tests/devset/build.py [SET_DIR]` (default: this directory;
another set with the same layout, e.g. tests/holdout, can be built the same way).

Spec layout:

    title: ...
    agency: AFP
    date: March 3, 2024
    url: https://news.example.org/...
    ---
    body paragraphs, separated by blank lines
    ---
    SUBJ REL OBJ [m=mode] [s=status] [by=speaker|unnamed] [d=date] [from=date] [to=date]
        [t=title_with_underscores] [c=context,...] [n=occurrence] :: evidence quoted from body

Entity ids: ISO3 for countries, else a key of graph/data/entities.yaml, else listed below.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent.parent))

from graph.identity import gazetteer  # noqa: E402
from graph.keys import slug  # noqa: E402
from graph.model import EntityType, FactDocument  # noqa: E402

# id -> (type, name, kind or country ISO3)
GAZETTEER: dict[str, tuple[str, str, str | None]] = {}


def _org(name: str, kind: str, country: str | None = None) -> None:
    GAZETTEER[slug(name)] = ("organization", name, f"{kind}|{country or ''}")


def _person(name: str, country: str | None) -> None:
    GAZETTEER[slug(name)] = ("person", name, country)


def _loc(name: str, country: str | None) -> None:
    GAZETTEER[slug(name)] = ("location", name, country)


def add_entities(
    persons: list[tuple[str, str]],
    orgs: list[tuple[str, str, str | None]],
    locations: list[tuple[str, str | None]],
) -> None:
    """Name the entities another set (tests/holdout*) adds to this builder's gazetteer."""
    for name, country in persons:
        _person(name, country)
    for name, kind, org_country in orgs:
        _org(name, kind, org_country)
    for name, loc_country in locations:
        _loc(name, loc_country)


for _n, _k in [
    ("NATO", "intergovernmental_organization"),
    ("United Nations", "intergovernmental_organization"),
    ("European Union", "intergovernmental_organization"),
    ("African Union", "intergovernmental_organization"),
    ("ECOWAS", "intergovernmental_organization"),
    ("Alliance of Sahel States", "intergovernmental_organization"),
    ("International Atomic Energy Agency", "intergovernmental_organization"),
    ("World Food Programme", "intergovernmental_organization"),
    ("International Monetary Fund", "intergovernmental_organization"),
    ("Shanghai Cooperation Organisation", "intergovernmental_organization"),
    ("BRICS", "intergovernmental_organization"),
    ("MONUSCO", "intergovernmental_organization"),
    ("UNRWA", "intergovernmental_organization"),
    ("Wagner Group", "private_military_company"),
    ("Africa Corps", "military"),
    ("Hamas", "armed_group"),
    ("Hezbollah", "armed_group"),
    ("Houthis", "armed_group"),
    ("M23", "armed_group"),
    ("Rapid Support Forces", "armed_group"),
    ("Al-Shabaab", "armed_group"),
    ("JNIM", "armed_group"),
    ("Islamic State", "armed_group"),
    ("Boko Haram", "armed_group"),
    ("Taliban", "armed_group"),
    ("Palestinian Islamic Jihad", "armed_group"),
    ("Collective Security Treaty Organization", "intergovernmental_organization"),
    ("KFOR", "military"),
    ("PKK", "armed_group"),
    ("Red Cross", "other"),
    ("Amnesty International", "other"),
    ("Human Rights Watch", "other"),
    ("Doctors Without Borders", "other"),
    ("Gazprom", "company"),
    ("Rosatom", "company"),
    ("Huawei", "company"),
]:
    _org(_n, _k)

for _n, _c in [
    ("Sergei Lavrov", "RUS"),
    ("Vladimir Putin", "RUS"),
    ("Dmitry Peskov", "RUS"),
    ("Maria Zakharova", "RUS"),
    ("Sergei Shoigu", "RUS"),
    ("Andrei Belousov", "RUS"),
    ("Yevgeny Prigozhin", "RUS"),
    ("Abdoulaye Diop", "MLI"),
    ("Assimi Goita", "MLI"),
    ("Ibrahim Traore", "BFA"),
    ("Abdourahamane Tiani", "NER"),
    ("Emmanuel Macron", "FRA"),
    ("Jean-Noel Barrot", "FRA"),
    ("Sebastien Lecornu", "FRA"),
    ("Antony Blinken", "USA"),
    ("Lloyd Austin", "USA"),
    ("Marco Rubio", "USA"),
    ("Jens Stoltenberg", "NOR"),
    ("Mark Rutte", "NLD"),
    ("Antonio Guterres", "PRT"),
    ("Kaja Kallas", "EST"),
    ("Josep Borrell", "ESP"),
    ("Ursula von der Leyen", "DEU"),
    ("Annalena Baerbock", "DEU"),
    ("Boris Pistorius", "DEU"),
    ("Volodymyr Zelensky", "UKR"),
    ("Andrii Sybiha", "UKR"),
    ("Dmytro Kuleba", "UKR"),
    ("Wang Yi", "CHN"),
    ("Xi Jinping", "CHN"),
    ("Mao Ning", "CHN"),
    ("Lin Jian", "CHN"),
    ("Hakan Fidan", "TUR"),
    ("Recep Tayyip Erdogan", "TUR"),
    ("Abbas Araghchi", "IRN"),
    ("Rafael Grossi", "ARG"),
    ("Bola Tinubu", "NGA"),
    ("Omar Alieu Touray", "GMB"),
    ("Moussa Faki Mahamat", "TCD"),
    ("Felix Tshisekedi", "COD"),
    ("Paul Kagame", "RWA"),
    ("Abdel Fattah al-Burhan", "SDN"),
    ("Mohamed Hamdan Dagalo", "SDN"),
    ("Abiy Ahmed", "ETH"),
    ("Hassan Sheikh Mohamud", "SOM"),
    ("William Ruto", "KEN"),
    ("Subrahmanyam Jaishankar", "IND"),
    ("Ishaq Dar", "PAK"),
    ("Nikol Pashinyan", "ARM"),
    ("Ilham Aliyev", "AZE"),
    ("Alexander Lukashenko", "BLR"),
    ("Maia Sandu", "MDA"),
    ("Viktor Orban", "HUN"),
    ("Kim Jong Un", "PRK"),
    ("Cho Tae-yul", "KOR"),
    ("Nicolas Maduro", "VEN"),
    ("Gustavo Petro", "COL"),
    ("Luiz Inacio Lula da Silva", "BRA"),
    ("Mohammed bin Abdulrahman Al Thani", "QAT"),
    ("Badr Abdelatty", "EGY"),
    ("Ahmed al-Sharaa", "SYR"),
    ("Asaad al-Shaibani", "SYR"),
    ("Yoav Gallant", "ISR"),
    ("Gideon Saar", "ISR"),
    ("David Lammy", "GBR"),
    ("John Healey", "GBR"),
    ("Penny Wong", "AUS"),
    ("Anthony Albanese", "AUS"),
    ("Ferdinand Marcos Jr.", "PHL"),
    ("Gilberto Teodoro", "PHL"),
    ("Alexander Stubb", "FIN"),
    ("Ulf Kristersson", "SWE"),
    ("Radoslaw Sikorski", "POL"),
    ("Donald Tusk", "POL"),
    ("Aleksandar Vucic", "SRB"),
    ("Albin Kurti", "XKX"),
    ("Mahamat Idriss Deby", "TCD"),
    ("Faustin-Archange Touadera", "CAF"),
    ("Ousmane Sonko", "SEN"),
    ("Bassirou Diomaye Faye", "SEN"),
    ("Evan Gershkovich", "USA"),
    ("Alexei Navalny", "RUS"),
    ("Mohamed Bazoum", "NER"),
    ("Imran Khan", "PAK"),
    ("Pekka Haavisto", "FIN"),
    ("Sylvain Itte", "FRA"),
    ("Ayman Safadi", "JOR"),
    ("Majed al-Ansari", "QAT"),
    ("Hun Manet", "KHM"),
    ("Paul Whelan", "USA"),
    ("Mark Bristow", "ZAF"),
    ("Hassan Nasrallah", "LBN"),
    ("Ismail Haniyeh", "PSE"),
    ("Faisal bin Farhan", "SAU"),
    ("Li Qiang", "CHN"),
    ("Yang Hengjun", "AUS"),
    ("Garry Conille", "HTI"),
    ("Jimmy Cherizier", "HTI"),
    ("Alexander Grushko", "RUS"),
    ("Yunus-Bek Yevkurov", "RUS"),
    ("Luis Gilberto Murillo", "COL"),
    ("Naledi Pandor", "ZAF"),
    ("Linda Thomas-Greenfield", "USA"),
    ("Amar Bendjama", "DZA"),
    ("Zhang Jun", "CHN"),
    ("Gilad Erdan", "ISR"),
    ("Sarfraz Bugti", "PAK"),
    ("Zabihullah Mujahid", "AFG"),
    ("Najib Mikati", "LBN"),
    ("Muse Bihi Abdi", "SOM"),
    ("Abderaman Koulamallah", "TCD"),
    ("Charles Michel", "BEL"),
    ("Vinay Kwatra", "IND"),
    ("Irfaan Ali", "GUY"),
    ("Kim Yo Jong", "PRK"),
    ("Albin Kurti", "XKX"),
    ("Philippe Lazzarini", "CHE"),
    ("Israel Katz", "ISR"),
    ("Rustem Umerov", "UKR"),
    ("Olaf Scholz", "DEU"),
    ("Yoko Kamikawa", "JPN"),
    ("Minoru Kihara", "JPN"),
    ("Romeo Brawner", "PHL"),
    ("Tamim bin Hamad Al Thani", "QAT"),
    ("Joe Biden", "USA"),
    ("Abdel Fattah al-Sisi", "EGY"),
    ("Abdullah II", "JOR"),
    ("Ararat Mirzoyan", "ARM"),
    ("Jeyhun Bayramov", "AZE"),
    ("Stephane Sejourne", "FRA"),
    ("Donald Trump", "USA"),
    ("Pete Hegseth", "USA"),
    ("Benjamin Netanyahu", "ISR"),
    ("Narendra Modi", "IND"),
    ("Shehbaz Sharif", "PAK"),
    ("Lai Ching-te", "TWN"),
    ("Irakli Kobakhidze", "GEO"),
]:
    _person(_n, _c)

for _n, _c in [
    ("Crimea", "UKR"),
    ("Kharkiv", "UKR"),
    ("Zaporizhzhia Nuclear Power Plant", "UKR"),
    ("Red Sea", None),
    ("Gaza Strip", "PSE"),
    ("Nagorno-Karabakh", "AZE"),
    ("Transnistria", "MDA"),
    ("South China Sea", None),
    ("Second Thomas Shoal", None),
    ("Kaliningrad", "RUS"),
    ("Darfur", "SDN"),
    ("North Kivu", "COD"),
    ("Goma", "COD"),
    ("Tartus", "SYR"),
    ("Taiwan Strait", None),
    ("Baltic Sea", None),
]:
    _loc(_n, _c)

# Entities with no fixed home in the lists above (invented outlets, local people, etc.).
_org("Kremlin", "government", "RUS")
_org("Barrick Gold", "company", "CAN")
_org("Resolute Mining", "company", "AUS")
_org("Financial Times", "media", "GBR")
_org("APT28", "military", "RUS")
_org("TTP", "armed_group", "PAK")
_org("Somaliland", "government", "SOM")
_org("ExxonMobil", "company", "USA")


def entity(eid: str) -> dict:
    """The entity for an id: the project gazetteer first (its keys are the graph keys), then
    the devset's own list for entities the gazetteer does not know."""
    known = gazetteer().by_key(eid)
    if known is not None:
        e: dict = {"id": eid, "type": known.type.value, "name": known.name}
        if known.type is EntityType.COUNTRY:
            e["iso3"] = eid
        if known.kind is not None:
            e["kind"] = known.kind.value
        if known.country and known.type is not EntityType.COUNTRY:
            e["country"] = known.country
        return e
    if eid not in GAZETTEER:
        raise SystemExit(f"entity {eid!r} is neither a gazetteer key nor in build.py")
    typ, name, extra = GAZETTEER[eid]
    clash = [k.key for k in gazetteer().lookup(name) if k.key != eid]
    if clash:
        raise SystemExit(f"entity {eid!r}: the gazetteer knows {name!r} as {clash}; use that key")
    e = {"id": eid, "type": typ, "name": name}
    if typ == "organization":
        kind, country = extra.split("|")
        e["kind"] = kind
        if country:
            e["country"] = country
    elif extra:
        e["country"] = extra
    return e


FLAGS = {"m": "mode", "s": "status", "d": "date", "from": "valid_from", "to": "valid_to"}


def parse_fact(line: str, text: str, where: str) -> dict:
    head, _, evidence = line.partition("::")
    evidence = evidence.strip()
    toks = head.split()
    if len(toks) < 3 or not evidence:
        raise SystemExit(f"{where}: a fact needs SUBJ REL OBJ ... :: evidence")
    subj, rel, obj = toks[:3]
    f: dict = {"subject": subj, "relation": rel}
    if obj != "-":
        f["object"] = obj
    occurrence = 1
    for tok in toks[3:]:
        k, _, v = tok.partition("=")
        if k in FLAGS:
            f[FLAGS[k]] = v
        elif k == "by":
            if v == "unnamed":
                f["attribution"] = "unnamed"
            else:
                f["attributed_to"] = v
        elif k == "c":
            f["context"] = v.split(",")
        elif k == "t":
            f["title"] = v.replace("_", " ")
        elif k == "n":
            occurrence = int(v)
        else:
            raise SystemExit(f"{where}: unknown flag {tok!r}")
    start = -1
    for _ in range(occurrence):
        start = text.find(evidence, start + 1)
    if start < 0:
        raise SystemExit(f"{where}: evidence not found in the article: {evidence!r}")
    f["evidence"] = {"text": evidence, "start": start, "end": start + len(evidence)}
    return f


def build(spec: Path, prefix: str = "devset") -> tuple[str, dict]:
    raw = spec.read_text(encoding="utf-8")
    header, body, facts = raw.split("\n---\n")
    meta = dict(line.split(": ", 1) for line in header.strip().splitlines())
    paragraphs = [" ".join(p.split()) for p in body.strip().split("\n\n")]
    text = (
        f"{meta['title']}\n\nBy {meta['agency']}\n\n{meta['date']}\n\n"
        + "\n\n".join(paragraphs)
        + f"\n\nOriginal url:\n\n{meta['url']}\n"
    )
    published = datetime.strptime(meta["date"], "%B %d, %Y").date().isoformat()
    fact_list = []
    for n, line in enumerate(facts.strip().splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            fact_list.append(parse_fact(line, text, f"{spec.name} fact line {n}"))
    ids: list[str] = []
    for f in fact_list:
        for k in ("subject", "object", "attributed_to"):
            if f.get(k) and f[k] not in ids:
                ids.append(f[k])
    doc = {
        "schema_version": 1,
        "article": {
            "id": f"{prefix}-{spec.stem}",
            "url": meta["url"],
            "title": meta["title"],
            "agency": meta["agency"],
            "published": published,
            "language": "en",
            "content_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
        "entities": [entity(i) for i in ids],
        "facts": [{"id": f"f{i}", **f} for i, f in enumerate(fact_list, 1)],
    }
    dumped = FactDocument.model_validate(doc).model_dump(mode="json", exclude_none=True)
    return text, _drop_empty(dumped)


def _drop_empty(value: Any) -> Any:
    """Leave out empty lists (aliases, context...) so the gold files stay short to review."""
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v != []}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


COUNTS_START, COUNTS_END = "<!-- counts -->", "<!-- /counts -->"


def write_counts(docs: list[dict], root: Path = ROOT) -> None:
    """Refresh the counts block of README.md (a test checks it against the gold files)."""
    rel: Counter[str] = Counter()
    st: Counter[str] = Counter()
    att: Counter[str] = Counter()
    for d in docs:
        for f in d["facts"]:
            rel[f["relation"]] += 1
            st[f["status"]] += 1
            att[f["attribution"]] += 1
    n = sum(rel.values())
    counts = {"relation": dict(sorted(rel.items())), "status": dict(sorted(st.items()))}
    rows = "\n".join(f"| {r} | {c} |" for r, c in sorted(rel.items(), key=lambda x: -x[1]))
    srows = "\n".join(f"| {r} | {c} |" for r, c in sorted(st.items(), key=lambda x: -x[1]))
    arows = "\n".join(f"| {r} | {c} |" for r, c in sorted(att.items(), key=lambda x: -x[1]))
    block = (
        f"{COUNTS_START}\n{len(docs)} articles, {n} facts.\n\n"
        f"| relation | facts |\n|---|---|\n{rows}\n\n"
        f"| status | facts |\n|---|---|\n{srows}\n\n"
        f"| attribution | facts |\n|---|---|\n{arows}\n\n"
        f"```json\n{json.dumps(counts, indent=1)}\n```\n{COUNTS_END}"
    )
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(COUNTS_START, 1)
    tail = rest.split(COUNTS_END, 1)[1]
    readme.write_text(head + block + tail, encoding="utf-8")


def main(root: Path = ROOT) -> None:
    """Build the set in `root` (its directory name prefixes the article ids)."""
    (root / "articles").mkdir(exist_ok=True)
    (root / "gold").mkdir(exist_ok=True)
    specs = sorted((root / "source").glob("*.spec"))
    docs = []
    for spec in specs:
        text, doc = build(spec, root.name)
        docs.append(doc)
        (root / "articles" / f"{spec.stem}.txt").write_text(text, encoding="utf-8")
        (root / "gold" / f"{spec.stem}.json").write_text(
            json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    write_counts(docs, root)
    print(f"built {len(specs)} articles")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT)
