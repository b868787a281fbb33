"""The gazetteer and identity rules (pure unit tests, no Neo4j)."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from graph import identity
from graph.errors import InvalidInput
from graph.identity import (
    CAMEO_NON_COUNTRY,
    KnownEntity,
    cameo_country_to_iso3,
    canonical,
    fips_codes,
    fips_to_iso3,
    gazetteer,
    resolve_key,
)
from graph.keys import slug
from graph.model import Country, EntityType, Location, Organization, OrgKind, Person

GDELT_EVENTS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "gdelt"
    / "20250820163000.export.sample.CSV"
)

# The 193 UN member states (ISO3).
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()  # noqa: SIM905

# Capital has the country's own name (or is an everyday word after folding, Malé -> "male").
NO_CAPITAL_METONYM = {"DJI", "LUX", "MCO", "SGP", "SMR", "MDV", "SYC"}


def keys(found: list[KnownEntity]) -> list[str]:
    return sorted(e.key for e in found)


# ---------------------------------------------------------------- gazetteer


def test_loads_fast_and_covers_every_iso_country() -> None:
    gazetteer.cache_clear()
    t = time.perf_counter()
    g = gazetteer()
    assert time.perf_counter() - t < 0.5
    assert gazetteer() is g
    import pycountry

    for c in pycountry.countries:
        known = g.country(c.alpha_3)
        assert known is not None and known.type is EntityType.COUNTRY
    assert g.country("XKX") is not None and g.country("XKX").name == "Kosovo"  # type: ignore[union-attr]
    assert g.country("ZZZ") is None
    assert g.country("wagner-group") is None


def test_every_un_member_has_names_demonyms_and_capital() -> None:
    assert len(set(UN_MEMBERS)) == 193
    g = gazetteer()
    for iso3 in UN_MEMBERS:
        c = g.country(iso3)
        assert c is not None, iso3
        assert c.demonyms, f"{iso3} has no demonym"
        if iso3 not in NO_CAPITAL_METONYM:
            assert c.metonyms, f"{iso3} has no capital metonym"
        # the metonyms are findable and lead back to this country
        for m in c.metonyms:
            assert c in g.lookup(m), (iso3, m)


@pytest.mark.parametrize(
    "text", ["Moscow", "the Kremlin", "Kremlin", "The Kremlin", "Russian Federation", "Russia"]
)
def test_russia_surface_forms(text: str) -> None:
    assert keys(gazetteer().lookup(text)) == ["RUS"]
    assert keys(gazetteer().lookup(text, EntityType.COUNTRY)) == ["RUS"]
    assert gazetteer().lookup(text, EntityType.PERSON) == []


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("United States", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("the White House", "USA"),
        ("Pentagon", "USA"),
        ("Washington", "USA"),
        ("UK", "GBR"),
        ("Great Britain", "GBR"),
        ("Downing Street", "GBR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("DPRK", "PRK"),
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Burma", "MMR"),
        ("Kiev", "UKR"),
        ("Kyiv", "UKR"),
        ("Elysee", "FRA"),
        ("the Élysée", "FRA"),
        ("Bamako", "MLI"),
        ("Brussels", "BEL"),
        ("guinea bissau", "GNB"),
        ("Kosovo", "XKX"),
        ("the Holy See", "VAT"),
        ("Falklands", "FLK"),
        ("Addis Ababa", "ETH"),
    ],
)
def test_country_names(text: str, iso3: str) -> None:
    assert keys(gazetteer().lookup(text)) == [iso3]


def test_demonyms() -> None:
    g = gazetteer()
    assert g.by_demonym("Malian").key == "MLI"  # type: ignore[union-attr]
    assert g.by_demonym("Malians").key == "MLI"  # type: ignore[union-attr]
    assert g.by_demonym("russian").key == "RUS"  # type: ignore[union-attr]
    assert g.by_demonym("French").key == "FRA"  # type: ignore[union-attr]
    assert g.by_demonym("Nigerien").key == "NER"  # type: ignore[union-attr]
    assert g.by_demonym("Nigerian").key == "NGA"  # type: ignore[union-attr]
    # shared by two countries: no answer rather than a guess
    assert g.by_demonym("Congolese") is None
    assert g.by_demonym("Dominican") is None
    assert g.by_demonym("Martian") is None
    # demonyms are not names
    assert g.lookup("Malian") == []


def test_founding_article_names() -> None:
    """The names the founding article uses resolve to the right entities."""
    g = gazetteer()
    expect = {
        "Moscow": "RUS",
        "The Kremlin": "RUS",
        "Mali": "MLI",
        "France": "FRA",
        "Germany": "DEU",
        "Ukraine": "UKR",
        "Wagner mercenary group": "wagner-group",
        "Wagner": "wagner-group",
        "Sergei Lavrov": "sergei-lavrov",
        "Lavrov": "sergei-lavrov",
        "Abdoulaye Diop": "abdoulaye-diop",
        "Vladimir Putin": "vladimir-putin",
        "Sahel": "sahel",
        "Middle East": "middle-east",
        "Africa": "africa",
        "AFP": "afp",
        "TASS": "tass",
    }
    for text, key in expect.items():
        assert keys(g.lookup(text)) == [key], text
    assert g.by_demonym("Malian").key == "MLI"  # type: ignore[union-attr]
    assert g.by_demonym("Russian").key == "RUS"  # type: ignore[union-attr]
    wagner = g.by_key("wagner-group")
    assert wagner is not None
    assert wagner.kind is OrgKind.PMC and wagner.country == "RUS"
    putin = g.by_qid("Q7747")
    assert putin is not None and putin.key == "vladimir-putin" and putin.type is EntityType.PERSON


def test_founding_article_text_mentions_are_found() -> None:
    """Surface forms find the article's actors in the actual seed text (read, not copied)."""
    from tests.conftest import SEED_ARTICLE

    if not SEED_ARTICLE.exists():
        pytest.skip("seed article not present")
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    found = {e.key for s, e, _ in gazetteer().surface_forms() if len(s) > 3 and s in text}
    assert {"RUS", "MLI", "FRA", "DEU", "wagner-group", "sergei-lavrov", "abdoulaye-diop"} <= found
    assert "vladimir-putin" in found


def test_surface_forms_kinds() -> None:
    forms = {(s, e.key, k) for s, e, k in gazetteer().surface_forms()}
    assert ("Russia", "RUS", "name") in forms
    assert ("Russian Federation", "RUS", "alias") in forms
    assert ("Moscow", "RUS", "metonym") in forms
    assert ("the Kremlin", "RUS", "metonym") in forms
    assert ("Russian", "RUS", "demonym") in forms
    assert ("Moscow", "RUS", "alias") not in forms
    assert ("Wagner", "wagner-group", "alias") in forms
    assert {k for _, _, k in forms} == {"name", "alias", "metonym", "demonym"}


def test_keys_are_slugs_or_iso3_and_unique() -> None:
    g = gazetteer()
    seen: set[str] = set()
    for e in g:
        assert e.key not in seen
        seen.add(e.key)
        if e.type is EntityType.COUNTRY:
            assert len(e.key) == 3 and e.key.isupper()
            assert e.kind is None and not e.country
        else:
            assert e.key == slug(e.key)
            assert not e.demonyms and not e.metonyms
        assert e.name not in e.aliases
    assert len([e for e in g if e.type is not EntityType.COUNTRY]) >= 60


def test_shared_alias_is_ambiguous() -> None:
    g = gazetteer()
    assert keys(g.lookup("RSF")) == ["rapid-support-forces", "reporters-without-borders"]
    assert keys(g.lookup("Congo")) == ["COD", "COG"]
    assert g.lookup("Atlantis") == []


# ---------------------------------------------------------------- resolve_key / canonical


def test_country_resolution() -> None:
    assert resolve_key(Country(id="ru", name="Russian Federation")) == "RUS"
    assert resolve_key(Country(id="kremlin", name="the Kremlin")) == "RUS"
    assert resolve_key(Country(id="x", name="Moscow")) == "RUS"
    assert resolve_key(Country(id="x", name="Whatever", iso3="MLI")) == "MLI"
    # an unknown name but a known alias
    assert resolve_key(Country(id="x", name="Russie", aliases=["Russia"])) == "RUS"
    # ambiguous name, disambiguated by an alias
    assert resolve_key(Country(id="x", name="Congo", aliases=["DRC"])) == "COD"
    # unknown name: the QID, then an ISO3 document id, decide
    assert resolve_key(Country(id="x", name="Rossiyskaya", qid="Q159")) == "RUS"
    assert resolve_key(Country(id="MLI", name="Republique du Mali")) == "MLI"


def test_country_errors_name_the_entity() -> None:
    with pytest.raises(InvalidInput, match=r"'atl'.*Atlantis.*no country"):
        resolve_key(Country(id="atl", name="Atlantis"))
    with pytest.raises(InvalidInput, match=r"'cg'.*ambiguous.*COD.*COG"):
        resolve_key(Country(id="cg", name="Congo"))
    with pytest.raises(InvalidInput, match=r"'zz'.*ZZZ.*not an ISO 3166-1"):
        resolve_key(Country(id="zz", name="Mali", iso3="ZZZ"))


def test_spelling_variant_gives_same_key() -> None:
    a = Organization(id="wagner", name="Wagner Group")
    b = Organization(id="wagner-pmc", name="Wagner PMC")
    c = Organization(id="w", name="the Wagner mercenary group")
    assert resolve_key(a) == resolve_key(b) == resolve_key(c) == "wagner-group"
    p1 = Person(id="lavrov", name="Sergey Lavrov")
    p2 = Person(id="s-lavrov", name="Sergei Lavrov")
    assert resolve_key(p1) == resolve_key(p2) == "sergei-lavrov"
    assert resolve_key(Person(id="zel", name="Volodymyr Zelenskyy")) == "volodymyr-zelensky"


def test_shared_alias_never_merges() -> None:
    doc = Organization(id="rsf", name="RSF")
    assert resolve_key(doc) == "rsf"  # ambiguous: the document id stays
    # a unique name decides even when an alias is ambiguous
    full = Organization(id="rsf", name="Rapid Support Forces", aliases=["RSF"])
    assert resolve_key(full) == "rapid-support-forces"
    # name and alias pointing at two different entities: no merge
    mixed = Organization(id="mix", name="Hamas", aliases=["Hezbollah"])
    assert resolve_key(mixed) == "mix"


def test_other_resolution_rules() -> None:
    # QID first
    assert resolve_key(Person(id="vvp", name="V. V. P.", qid="Q7747")) == "vladimir-putin"
    # a gazetteer key used as document id
    assert resolve_key(Organization(id="nato", name="The Alliance")) == "nato"
    # type must agree: a person called "Wagner" is not the Wagner Group
    assert resolve_key(Person(id="richard-wagner", name="Wagner")) == "richard-wagner"
    assert resolve_key(Person(id="nato", name="Nato Smith")) == "nato"
    # unknown entity keeps its id
    assert resolve_key(Organization(id="acme", name="Acme Corp")) == "acme"
    assert resolve_key(Location(id="kidal-town", name="Kidal")) == "kidal"


def test_canonical_country() -> None:
    c = canonical(Country(id="ru", name="Russian Federation", aliases=["Moscow", "Rossia"]))
    assert isinstance(c, Country)
    assert c.id == "RUS" and c.iso3 == "RUS" and c.name == "Russia"
    assert "Russian Federation" in c.aliases and "Rossia" in c.aliases
    assert "the Kremlin" in c.aliases and "Russia" not in c.aliases
    assert c.aliases == sorted(c.aliases, key=lambda s: (s.casefold(), s))
    assert len({a.casefold() for a in c.aliases}) == len(c.aliases)
    assert "Russian" in c.demonyms
    assert c.qid == "Q159"


def test_canonical_org_person_and_unknown() -> None:
    o = canonical(Organization(id="w", name="Wagner mercenary group"))
    assert isinstance(o, Organization)
    assert (o.id, o.name, o.kind, o.country) == (
        "wagner-group",
        "Wagner Group",
        OrgKind.PMC,
        "RUS",
    )
    assert "Wagner mercenary group" in o.aliases and "Wagner Group" not in o.aliases
    # a kind the document gives wins over the gazetteer's
    o2 = canonical(Organization(id="w", name="Wagner", kind=OrgKind.ARMED_GROUP))
    assert o2.kind is OrgKind.ARMED_GROUP  # type: ignore[union-attr]
    p = canonical(Person(id="lavrov", name="Lavrov"))
    assert (p.id, p.name, p.country) == ("sergei-lavrov", "Sergei Lavrov", "RUS")  # type: ignore[union-attr]
    u = canonical(Organization(id="acme", name="Acme", aliases=["ACME", "Acme", "Acme Ltd"]))
    assert (u.id, u.name, u.aliases) == ("acme", "Acme", ["Acme Ltd"])


# ---------------------------------------------------------------- code tables


@pytest.mark.parametrize(
    ("fips", "iso3"),
    [
        ("US", "USA"),
        ("RS", "RUS"),
        ("GM", "DEU"),
        ("UK", "GBR"),
        ("AJ", "AZE"),
        ("ML", "MLI"),
        ("FR", "FRA"),
        ("CH", "CHN"),
        ("IS", "ISR"),
        ("IR", "IRN"),
        ("UP", "UKR"),
        ("SF", "ZAF"),
        ("SN", "SGP"),
        ("SG", "SEN"),
        ("AS", "AUS"),
        ("KV", "XKX"),
        ("gm", "DEU"),
    ],
)
def test_fips(fips: str, iso3: str) -> None:
    assert fips_to_iso3(fips) == iso3


def test_fips_table_is_complete_and_valid() -> None:
    table = fips_codes()
    assert len(table) >= 250
    assert table["OS"] is None and table["PG"] is None  # ocean, disputed islands
    assert fips_to_iso3("") is None and fips_to_iso3("QQ") is None
    mapped = {v for v in table.values() if v}
    assert {"USA", "RUS", "MLI", "PSE", "SSD"} <= mapped
    assert all(gazetteer().country(v) is not None for v in mapped)


def test_cameo() -> None:
    assert cameo_country_to_iso3("USA") == "USA"
    assert cameo_country_to_iso3("ROM") == "ROU"
    assert cameo_country_to_iso3("TMP") == "TLS"
    assert cameo_country_to_iso3("ZAR") == "COD"
    assert cameo_country_to_iso3("KOS") == "XKX"
    assert cameo_country_to_iso3("SRB") == "SRB"
    assert cameo_country_to_iso3("PSE") == "PSE"
    for region in ("AFR", "EUR", "WST", "MDE", "SAS"):
        assert cameo_country_to_iso3(region) is None
    assert cameo_country_to_iso3("") is None


def _gdelt_columns(*cols: int) -> set[str]:
    if not GDELT_EVENTS.exists():
        pytest.skip(f"{GDELT_EVENTS} not present")
    out: set[str] = set()
    with GDELT_EVENTS.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.update(row[c] for c in cols if row[c])
    return out


def test_every_cameo_code_in_gdelt_sample_is_handled() -> None:
    codes = _gdelt_columns(7, 17)
    assert "USA" in codes and "AFR" in codes
    for code in codes:
        iso3 = cameo_country_to_iso3(code)
        assert iso3 is not None or code in CAMEO_NON_COUNTRY, code
        if iso3 is not None:
            assert gazetteer().country(iso3) is not None


def test_every_fips_code_in_gdelt_sample_is_handled() -> None:
    codes = _gdelt_columns(37, 45, 53)
    table = fips_codes()
    assert {"US", "GM", "AJ", "UK"} <= codes
    for code in codes:
        assert code in table, code  # mapped, or listed in the table as deliberately none


def test_bad_data_files_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "entities.yaml"
    bad.write_text("- name: Foo\n  type: organization\n  kind: bakery\n", encoding="utf-8")
    monkeypatch.setattr(identity, "ENTITIES_YAML", bad)
    gazetteer.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"entities.yaml: entry 0 \(Foo\).*bakery"):
            gazetteer()
    finally:
        monkeypatch.undo()
        gazetteer.cache_clear()
    assert gazetteer().by_key("nato") is not None


def test_bad_country_row_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "countries.tsv"
    bad.write_text("# comment\nRUS\tRussia\n\nQQQ\tNowhere\n", encoding="utf-8")
    monkeypatch.setattr(identity, "COUNTRIES_TSV", bad)
    gazetteer.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"countries.tsv:4: 'QQQ' is not an ISO 3166-1"):
            gazetteer()
    finally:
        monkeypatch.undo()
        gazetteer.cache_clear()


def test_cameo_regions_are_not_country_codes() -> None:
    for code in CAMEO_NON_COUNTRY:
        assert gazetteer().country(code) is None, code


def test_surface_forms_keep_every_spelling() -> None:
    usa = {s for s, e, k in gazetteer().surface_forms() if e.key == "USA" and k != "demonym"}
    assert {"US", "U.S.", "USA", "United States", "White House", "the White House"} <= usa
    civ = {s for s, e, _ in gazetteer().surface_forms() if e.key == "CIV"}
    assert {"Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"} <= civ
    # but node aliases from canonical() are deduplicated in the compared form
    c = canonical(Country(id="civ", name="Ivory Coast", aliases=["Cote d'Ivoire", "COTE D'IVOIRE"]))
    assert c.name == "Côte d'Ivoire"
    assert not {"Cote d'Ivoire", "COTE D'IVOIRE", "Côte d'Ivoire"} & set(c.aliases)
    assert "Ivory Coast" in c.aliases
