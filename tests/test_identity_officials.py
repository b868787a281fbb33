"""The state officials gazetteer (graph/data/officials.tsv): pure tests, no Neo4j."""

from __future__ import annotations

from collections import Counter

import pytest

from graph import identity
from graph.identity import (
    ENTITIES_YAML,
    OFFICIAL_ROLES,
    _load_entities,
    ascii_name,
    gazetteer,
    norm,
    official_rows,
)
from graph.model import EntityType
from loaders.extract import mentions, sentences

ROWS = official_rows()
# Another key, ISO3 and the kinds of names the tests below rely on, kept in the test (not read
# from the file) so a wrong edit to the data shows up here.
WELL_KNOWN = [
    ("Mélanie Joly", "melanie-joly", "CAN"),
    ("Melanie Joly", "melanie-joly", "CAN"),
    ("Inga Ruginienė", "inga-ruginiene", "LTU"),
    ("Inga Ruginiene", "inga-ruginiene", "LTU"),
    ("Lloyd Austin", "lloyd-austin", "USA"),
    ("Penny Wong", "penny-wong", "AUS"),
    ("Lee Hsien Loong", "lee-hsien-loong", "SGP"),
    ("Dmytro Kuleba", "dmytro-kuleba", "UKR"),
    ("Radosław Sikorski", "radoslaw-sikorski", "POL"),
    ("Radoslaw Sikorski", "radoslaw-sikorski", "POL"),
    ("Abbas Araghchi", "abbas-araghchi", "IRN"),
    ("Vjosa Osmani", "vjosa-osmani", "XKX"),
    ("Lai Ching-te", "lai-ching-te", "TWN"),
    ("Riyad Mansour", "riyad-mansour", "PSE"),
    ("Ferdinand Marcos Jr.", "ferdinand-marcos-jr", "PHL"),
    ("Subrahmanyam Jaishankar", "subrahmanyam-jaishankar", "IND"),
    ("S. Jaishankar", "subrahmanyam-jaishankar", "IND"),
]


def test_rows_parse_and_cover_every_role() -> None:
    assert len(ROWS) > 1000
    used = {code for o in ROWS for code, _, _ in o.roles}
    assert {"HOS", "HOG", "FM", "DEF", "NSA", "UN", "SPOX"} <= used <= set(OFFICIAL_ROLES)
    for o in ROWS:
        for _, first, last in o.roles:
            assert 1950 <= first <= 2026 and (last is None or first <= last <= 2026), o


def test_no_person_is_also_in_entities_yaml() -> None:
    iso3 = {e.key for e in gazetteer() if e.type is EntityType.COUNTRY}
    curated = [e for e in _load_entities(iso3) if e.type is EntityType.PERSON]
    keys = {e.key for e in curated}
    names = {norm(s): e.key for e in curated for s in (e.name, *e.aliases)}
    for o in ROWS:
        assert o.key not in keys, f"line {o.line}: {o.name} is already in {ENTITIES_YAML.name}"
        for s in (o.name, *o.aliases):
            assert norm(s) not in names, f"line {o.line}: {s!r} names {names[norm(s)]}"


def test_no_duplicate_people_and_no_shared_names() -> None:
    keys = Counter(o.key for o in ROWS)
    assert [k for k, n in keys.items() if n > 1] == []
    owner: dict[str, str] = {}
    for o in ROWS:
        for s in {norm(x) for x in (o.name, *o.aliases)}:
            assert owner.setdefault(s, o.key) == o.key, f"{s!r}: {owner[s]} and {o.key}"


def test_official_names_do_not_shadow_other_entities() -> None:
    # A person's name equal to a country, organisation or place name would make that name
    # ambiguous for every article.
    official = {o.key for o in ROWS}
    others = {
        norm(s): e.key
        for e in gazetteer()
        if e.key not in official
        for s in (e.name, *e.aliases, *e.metonyms, *e.demonyms)
    }
    clashes = [
        (s, others[norm(s)]) for o in ROWS for s in (o.name, *o.aliases) if norm(s) in others
    ]
    assert clashes == []


def test_every_name_has_two_words_and_an_ascii_spelling() -> None:
    g = gazetteer()
    for o in ROWS:
        e = g.by_key(o.key)
        assert e is not None and e.type is EntityType.PERSON and e.country == o.iso3
        for s in (o.name, *o.aliases):
            assert len(s.split()) >= 2
            assert ascii_name(s) in (e.name, *e.aliases)
            assert ascii_name(s).isascii(), s


@pytest.mark.parametrize(("text", "key", "iso3"), WELL_KNOWN)
def test_well_known_officials_resolve_to_their_state(text: str, key: str, iso3: str) -> None:
    found = gazetteer().lookup(text, EntityType.PERSON)
    assert [(e.key, e.country) for e in found] == [(key, iso3)]


@pytest.mark.parametrize("surname", ["Austin", "Wong", "Lee", "Joly", "Kuleba", "Sikorski"])
def test_a_bare_surname_is_not_a_gazetteer_name(surname: str) -> None:
    assert gazetteer().lookup(surname, EntityType.PERSON) == []


def _people(text: str) -> dict[str, str | None]:
    linked = mentions.link(sentences.split(text))
    return {k: e.country for k, e in linked.entities.items() if e.type is EntityType.PERSON}


def test_extractor_links_a_titled_official_to_their_state() -> None:
    people = _people(
        "Foreign Minister Melanie Joly said on Monday that the talks would resume. "
        "Joly added that she expected progress."
    )
    assert people.get("melanie-joly") == "CAN"


def test_extractor_does_not_link_a_bare_surname() -> None:
    people = _people("Austin said the bridge would reopen. Wong and Lee agreed with Austin.")
    assert not {"lloyd-austin", "penny-wong", "lee-hsien-loong"} & set(people)


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("XXX\tJane Roe\tFM 2020-2021", "not a known ISO3"),
        ("FRA\tJane Roe\tMINISTER 2020", "bad role"),
        ("FRA\tJane Roe\tFM 2022-2020", "ends before it starts"),
        ("FRA\tJane Roe\tFM 2020\tRoe", "two words or more"),
        ("FRA\tJane Roe", "expected iso3, name, roles"),
    ],
)
def test_bad_rows_name_the_file_and_line(
    tmp_path, monkeypatch: pytest.MonkeyPatch, row: str, error: str
) -> None:
    bad = tmp_path / "officials.tsv"
    bad.write_text(f"# header\n{row}\n", encoding="utf-8")
    monkeypatch.setattr(identity, "OFFICIALS_TSV", bad)
    with pytest.raises(ValueError, match=rf"officials\.tsv:2: .*{error}"):
        official_rows({"FRA"})
