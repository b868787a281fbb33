"""Unit tests of the extraction stages, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import EntityType, Status
from graph.vocab import Relation
from loaders.extract import coref, mentions, relations, sentences, stance, timex
from loaders.extract.article import (
    ArticleError,
    decode,
    expand_paths,
    parse_date,
    parse_text,
    read_article,
)

WIRE = """

Ruritania Sends Tanks to Freedonia

By Reuters

March 7, 2024



Photo of the convoy. **A. Photographer / Agency**

Germany delivered tanks to Poland on Tuesday, the Polish army said.

Related article: Something else

"We will keep helping our neighbours," German Defence Minister Boris Pistorius

said in Berlin.

Original url:

https://news.example.org/2024/03/07/tanks
"""


# ------------------------------------------------------------------ article


def test_wire_layout_metadata_and_body() -> None:
    a = parse_text(WIRE, "wire.txt", "wire")
    assert a.title == "Ruritania Sends Tanks to Freedonia"
    assert a.agency == "Reuters"
    assert a.published == "2024-03-07"
    assert a.url == "https://news.example.org/2024/03/07/tanks"
    assert a.publisher == "news.example.org"
    assert a.text == WIRE  # offsets index into the file's own text
    assert a.text[a.body_start : a.body_end].strip().startswith("Photo of the convoy")
    assert "Original url" not in a.text[a.body_start : a.body_end]
    skipped = [a.text[s:e] for s, e in a.skip]
    assert any("Photographer" in s for s in skipped)
    assert any(s.startswith("Related article") for s in skipped)


def test_json_input() -> None:
    a = parse_text(
        '{"title": "T", "text": "Chad closed its border.", "url": "https://apnews.com/x", '
        '"published": "2024-02-01T10:00:00Z", "publisher": "AP"}',
        "a.json",
        "a",
        ".json",
    )
    assert (a.title, a.text, a.published, a.publisher) == (
        "T",
        "Chad closed its border.",
        "2024-02-01",
        "AP",
    )


def test_json_errors_name_the_file() -> None:
    with pytest.raises(ArticleError, match=r"b\.json: field 'text'"):
        parse_text('{"title": "T"}', "b.json", "b", ".json")
    with pytest.raises(ArticleError, match=r"c\.json: invalid JSON at line 1"):
        parse_text("{nope", "c.json", "c", ".json")


def test_html_main_text_offline() -> None:
    html = (
        "<html><head><title>Envoy Recalled</title></head><body><nav>Menu</nav><article>"
        "<h1>Envoy Recalled</h1><p>Italy recalled its ambassador from Chad on Monday after a "
        "dispute over migration that has strained ties between the two countries for months.</p>"
        "<p>Chad's foreign ministry called the move regrettable and said talks would continue "
        "next week in the capital, according to a statement.</p></article></body></html>"
    )
    a = parse_text(html, "x.html", "x", ".html")
    assert "Italy recalled its ambassador" in a.text
    assert "Menu" not in a.text


def test_bad_bytes() -> None:
    with pytest.raises(ArticleError, match="empty"):
        decode(b"  \n", "e.txt")
    with pytest.raises(ArticleError, match="binary"):
        decode(b"\x00\x01\x02abc", "b.txt")
    with pytest.raises(ArticleError, match=r"not valid UTF-8 \(byte 0xe9 at offset 3\)"):
        decode(b"Caf\xe9", "l.txt")
    assert decode("\ufeffHello".encode(), "bom.txt") == "Hello"


def test_expand_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\n\nBody.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text("{}")
    (tmp_path / "sub" / "c.png").write_bytes(b"\x89PNG")
    files, errors = expand_paths([str(tmp_path), str(tmp_path / "*.txt"), str(tmp_path / "nope")])
    assert [f.name for f in files] == ["a.txt", "b.json"]
    assert errors == [f"{tmp_path / 'nope'}: no such file or folder"]
    with pytest.raises(ArticleError, match="cannot read"):
        read_article(tmp_path / "missing.txt")


def test_parse_date() -> None:
    assert parse_date("November 11, 2021") == "2021-11-11"
    assert parse_date("11 Nov 2021") == "2021-11-11"
    assert parse_date("2021-11-11T08:00") == "2021-11-11"
    assert parse_date("Thursday, March 7, 2024") == "2024-03-07"
    assert parse_date("not a date") is None


# ------------------------------------------------------------------ sentences


def test_sentences_abbreviations_and_broken_paragraphs() -> None:
    text = (
        "Gen. Smith met U.S. envoys in Washington. They left.\n\n"
        '"We agree," the Italian foreign minister\n\nAntonio Tajani said.'
    )
    ss = sentences.split(text)
    assert [s.text for s in ss] == [
        "Gen. Smith met U.S. envoys in Washington.",
        "They left.",
        '"We agree," the Italian foreign minister\n\nAntonio Tajani said.',
    ]
    assert all(text[s.start : s.end] == s.text for s in ss)
    assert len(ss[2].flat) == len(ss[2].text) and "\n" not in ss[2].flat


# ------------------------------------------------------------------ timex


def test_timex_against_publication_date() -> None:
    pub = "2021-11-11"  # a Thursday
    assert timex.event_date("They met on Thursday.", pub) == "2021-11-11"
    assert timex.event_date("They met on Monday.", pub) == "2021-11-08"
    assert timex.event_date("It happened earlier this year.", pub) == "2021"
    assert timex.event_date("It happened earlier this month.", pub) == "2021-11"
    assert timex.event_date("It happened yesterday.", pub) == "2021-11-10"
    assert timex.event_date("It happened last year.", pub) == "2020"
    assert timex.event_date("Talks on March 3 failed.", pub) == "2021-03-03"
    assert timex.event_date("Troops may 5 times return.", pub) is None
    assert timex.since("fighting there since 2013") == ("2013", 15, 25)
    assert timex.since("present since March 2014")[0] == "2014-03"  # type: ignore[index]


# ------------------------------------------------------------------ mentions and coref


def _link(text: str):
    ss = sentences.split(text)
    linked = mentions.link(ss)
    return ss, linked


def test_mentions_link_metonyms_demonyms_and_titles() -> None:
    ss, linked = _link(
        "The Kremlin said Russian Foreign Minister Sergei Lavrov would visit Paris. "
        "Lavrov met Malian officials."
    )
    by_text = {ss[0].text[m.start : m.end] if m.sent == 0 else "": m for m in linked.mentions}
    assert by_text["The Kremlin"].key == "RUS"
    lavrov = [m for m in linked.mentions if m.key == "sergei-lavrov"]
    assert len(lavrov) == 2 and all(m.actor == "RUS" for m in lavrov)
    assert any(
        p.person == "sergei-lavrov" and p.holder == "RUS" and p.title == "foreign minister"
        for p in linked.positions
    )
    malian = [m for m in linked.mentions if m.key == "MLI"]
    assert malian and malian[0].strong  # "Malian officials" acts


def test_unknown_names_get_slug_keys_and_type_guesses() -> None:
    _, linked = _link(
        "Defence Minister Jana Novakova praised the Northern Shield Brigade on Friday."
    )
    e = linked.entities
    assert e["jana-novakova"].type is EntityType.PERSON
    assert e["northern-shield-brigade"].type is EntityType.ORGANIZATION


def test_coref_country_description_and_we() -> None:
    text = (
        "Chad asked France for help. "
        '"We will send helicopters to the country," the French defence minister said.'
    )
    ss, linked = _link(text)
    extra = coref.resolve(ss, linked, {1: "FRA"}, [])
    desc = [m for m in extra if text[m.start : m.end] == "the country"]
    we = [m for m in extra if text[m.start : m.end] == "We"]
    assert desc and desc[0].key == "TCD"
    assert we and we[0].actor == "FRA"


# ------------------------------------------------------------------ relations and stance


def _facts(text: str, pub: str = "2024-03-07"):
    from loaders.extract.pipeline import RuleExtractor

    art = parse_text(f"Headline\n\n{pub}\n\n{text}\n", "t.txt", "t")
    return [
        (f.subject, f.relation, f.object, f.status, f.attributed_to)
        for f in RuleExtractor().extract(art).facts
    ]


def test_relations_from_trigger_lexicons() -> None:
    fs = _facts("Japan imposed sanctions on North Korea and Iran.")
    assert ("JPN", Relation.SANCTION, "PRK", Status.ASSERTED, None) in fs
    assert ("JPN", Relation.SANCTION, "IRN", Status.ASSERTED, None) in fs
    fs = _facts("Egypt and Jordan held talks in Cairo on Monday.")
    assert any(f[:3] == ("EGY", Relation.CONSULT, "JOR") for f in fs)
    fs = _facts("Ukraine was attacked by Russia overnight.")
    assert any(f[:3] == ("RUS", Relation.ASSAULT, "UKR") for f in fs)


def test_stance_denial_report_allegation_intent() -> None:
    fs = _facts("Serbia denied sending weapons to Kosovo.")
    assert ("SRB", Relation.AID, "XKX", Status.DENIED, "SRB") in fs
    fs = _facts("Iran has reportedly supplied drones to Russia.")
    assert any(f[:4] == ("IRN", Relation.AID, "RUS", Status.REPORTED) for f in fs)
    fs = _facts("Spain is preparing to withdraw its troops from Mali.")
    assert any(f[:4] == ("ESP", Relation.RETREAT, "MLI", Status.INTENDED) for f in fs)
    fs = _facts("Hungary is believed to be supplying fuel to Serbia.")
    assert any(f[:4] == ("HUN", Relation.AID, "SRB", Status.ALLEGED) for f in fs)


def test_stance_speaker_attribution() -> None:
    fs = _facts('"Canada will send more aid to Haiti," Prime Minister Justin Trudeau said.')
    assert any(f[1] is Relation.AID and f[4] == "justin-trudeau" for f in fs)
    ss = sentences.split("Peru expelled Bolivian diplomats, officials said.")
    spk = stance.reporting_speakers(ss[0], mentions.link(ss).mentions)
    assert spk and spk[0].unnamed


def test_compound_affiliation() -> None:
    ss, linked = _link("The Iran-backed Houthis fired missiles.")
    found = relations.find(ss[0].flat, ss[0].start, 0, linked.mentions)
    aff = [r for r in found if r.relation is Relation.AFFILIATED_WITH]
    assert aff and aff[0].subject.key != "IRN" and aff[0].object.key == "IRN"  # type: ignore[union-attr]


def _triples(text: str) -> set[tuple]:
    return {f[:3] for f in _facts(text)}


def test_possessive_event_nouns_and_background() -> None:
    # "X's invasion of Y" states an event; inside a temporal background clause it does not
    assert ("RUS", Relation.ASSAULT, "GEO") in _triples(
        "Tbilisi marked the anniversary of Russia's invasion of Georgia on Friday."
    )
    assert not any(
        t[1] is Relation.ASSAULT
        for t in _triples("Since Russia's invasion of Georgia, trade fell.")
    )


def test_coordination_partners_and_accused_actor() -> None:
    # the object after "alongside" is a partner, not a target
    ts = _triples(
        "Chad accused Sudan of sending troops across the border to fight alongside the RSF."
    )
    assert ("SDN", Relation.MOBILIZE, "TCD") in ts
    assert ("SDN", Relation.MOBILIZE, "rapid-support-forces") not in ts
    # "accused X of V-ing": X acts; an unnamed accused acts for no one
    assert ("NER", Relation.AID, "jnim") in _triples("Mali accused Niger of arming JNIM.")
    assert not any(
        t[1] is Relation.ASSAULT for t in _triples("Peru accused the rebels of attacking Ecuador.")
    )


def test_reactions_resolve_to_the_named_act() -> None:
    ts = _triples(
        "Britain and France struck targets in Syria on Monday. "
        "On Tuesday, Syrian rockets hit a base in Jordan. "
        "Iran condemned the strikes."
    )
    assert ("IRN", Relation.ACCUSE, "GBR") in ts and ("IRN", Relation.ACCUSE, "FRA") in ts


def test_truce_between_parties_and_release_of_people() -> None:
    ts = _triples("The truce between Armenia and Azerbaijan held on Sunday.")
    assert ("ARM", Relation.RETREAT, "AZE") in ts
    fs = _facts("Belarus released 12 prisoners to Lithuania.")
    assert any(f[:2] == ("BLR", Relation.RETREAT) for f in fs)
    assert not any(f[1] is Relation.AID for f in fs)


def test_anaphoric_confirmation_and_involvement_denial() -> None:
    fs = _facts(
        "Kenya and Somalia held talks in Nairobi, officials said. "
        "The Somali government later confirmed the meeting."
    )
    assert ("KEN", Relation.CONSULT, "SOM", Status.CONFIRMED, "SOM") in fs
    fs = _facts(
        "Ghana accused Togo of sending militants into its territory. Togo denied any involvement."
    )
    assert any(f[:2] == ("TGO", Relation.MOBILIZE) and f[3] is Status.DENIED for f in fs)


# ------------------------------------------------------------------ generalisation round


def _triples(text: str) -> set[tuple]:
    return {f[:3] for f in _facts(text)}


def test_negative_evaluations_target_who_did_the_thing_judged() -> None:
    fs = _triples(
        "Peru closed its border with Chile. The Chilean foreign ministry described the closure "
        "as an act of economic sabotage."
    )
    assert ("CHL", Relation.ACCUSE, "PER") in fs
    fs = _triples(
        "Peru's president visited Chile. Chilean President Gabriel Boric said the visit "
        'amounted to "unacceptable pressure" on Chile.'
    )
    assert ("CHL", Relation.ACCUSE, "PER") in fs
    fs = _triples(
        "Ghana closed its border with Togo. Togo said the closure violated the rules of ECOWAS."
    )
    assert ("TGO", Relation.ACCUSE, "GHA") in fs
    assert ("TGO", Relation.ACCUSE, "ecowas") not in fs
    assert not any(t[1] is Relation.ACCUSE for t in _triples("Russia violated the truce."))
    assert ("CHL", Relation.ACCUSE, "PER") in _triples(
        "Chile condemned the attack by Peru on Arica."
    )


def test_withdrawal_and_reinforcement_go_where_the_forces_are() -> None:
    fs = _facts(
        "Kenya has kept 2,000 troops in Somalia since 2011. A newspaper reported that Kenya "
        "planned to pull its forces out by June. The Kenyan government denied the report. "
        "President William Ruto said Kenya was ready to send more troops if the fighting spread."
    )
    assert ("KEN", Relation.RETREAT, "SOM", Status.INTENDED, None) in fs
    assert any(f[:4] == ("KEN", Relation.RETREAT, "SOM", Status.DENIED) for f in fs)
    assert any(f[:4] == ("KEN", Relation.MOBILIZE, "SOM", Status.INTENDED) for f in fs)
    assert not any(
        f[1] is Relation.RETREAT
        for f in _facts("Rebels stormed the town of Kibali before withdrawing, residents said.")
    )


def test_memberships_of_both_parties_and_no_membership_from_talks_on_joining() -> None:
    fs = _triples(
        "Chile and Peru signed a border deal on Monday, ending years of tension between the two "
        "OAS allies."
    )
    assert {("CHL", Relation.MEMBER_OF, "oas"), ("PER", Relation.MEMBER_OF, "oas")} <= fs
    fs = _triples(
        "Ghana closed its border with Togo. Togo said the closure broke the rules of ECOWAS, the "
        "regional bloc to which both countries belong."
    )
    assert {("GHA", Relation.MEMBER_OF, "ecowas"), ("TGO", Relation.MEMBER_OF, "ecowas")} <= fs
    fs = _triples(
        "Serbia halted talks on joining the European Union. Prime Minister Milos Vucevic said his "
        "government would not seek to open accession negotiations with the bloc until 2030."
    )
    assert ("SRB", Relation.MEMBER_OF, "eu") not in fs
    assert ("SRB", Relation.REJECT, "eu") in fs


def test_unnamed_attackers_make_no_assault_by_a_farther_actor() -> None:
    fs = _triples("Chad accused Sudan of arming rebels who killed 20 people near the border.")
    assert ("TCD", Relation.ACCUSE, "SDN") in fs
    assert not any(t[1] is Relation.ASSAULT for t in fs)
    fs = _triples(
        "Kenya will send troops to Somalia, days after militants raided a town in Jubaland."
    )
    assert not any(t[1] is Relation.ASSAULT for t in fs)
    assert ("hamas", Relation.ASSAULT, "ISR") in _triples("Hamas militants attacked Israel.")


def test_cooperation_consultation_and_concession_wordings() -> None:
    fs = _triples("China sent envoys to Niamey and Cotonou to mediate.")
    assert {("CHN", Relation.CONSULT, "NER"), ("CHN", Relation.CONSULT, "BEN")} <= fs
    assert ("MLI", Relation.COOPERATE, "RUS") in _triples(
        "Mali turned to Russia for security support."
    )
    fs = _triples(
        "Burundi has deployed 1,000 soldiers in eastern Congo, where they are helping the "
        "Congolese army fight the M23 rebels."
    )
    assert ("BDI", Relation.COOPERATE, "COD") in fs
    assert ("GRC", Relation.CONCEDE, "TUR") in _triples(
        "Greece said it would allow Turkish citizens to visit its islands."
    )
    fs = _triples(
        "Greece and Turkey signed a declaration on friendly relations. Cypriot President Nikos "
        "Christodoulides welcomed the thaw."
    )
    assert {("CYP", Relation.SUPPORT, "GRC"), ("CYP", Relation.SUPPORT, "TUR")} <= fs


def test_threats_without_a_named_target_and_sanction_wordings() -> None:
    fs = _triples(
        "Chile imposed sanctions on Peru. A Peruvian spokesman called the decision illegal and "
        "said Peru reserved the right to take reciprocal measures."
    )
    assert {("PER", Relation.ACCUSE, "CHL"), ("PER", Relation.THREATEN, "CHL")} <= fs
    fs = _triples(
        "Canada imposed sanctions on Iran on Wednesday. Britain, France and Germany took similar "
        "steps in September. Ottawa listed Iran's Islamic Revolutionary Guard Corps as a terrorist "
        "organisation in June."
    )
    assert {("GBR", Relation.SANCTION, "IRN"), ("DEU", Relation.SANCTION, "IRN")} <= fs
    assert ("CAN", Relation.SANCTION, "irgc") in fs
    assert ("eu", Relation.SUPPORT, "RWA") not in _triples(
        "The European Union will provide 20 million euros to support Rwandan troops in Mozambique."
    )


def test_described_groups_and_neighbours() -> None:
    fs = _triples(
        "The three Baltic states barred 11 Georgian officials from entering their territory on "
        "Monday. Lithuania, Latvia and Estonia said the bans targeted police commanders. Georgian "
        "President Salome Zourabichvili thanked the Baltic governments for their support."
    )
    for k in ("LTU", "LVA", "EST"):
        assert (k, Relation.SANCTION, "GEO") in fs
        assert ("GEO", Relation.SUPPORT, k) in fs
    fs = _triples(
        "Niger kept its border with Benin closed despite appeals from Cotonou, and on Monday "
        "accused its southern neighbour of hosting French soldiers."
    )
    assert ("NER", Relation.ACCUSE, "BEN") in fs
    assert ("NER", Relation.ACCUSE, "FRA") not in fs
    fs = _triples(
        "U.S. Vice President JD Vance visited Greenland on Friday. Danish Prime Minister Mette "
        'Frederiksen said the visit amounted to "unacceptable pressure" on Greenland. Greenland\'s '
        'outgoing Prime Minister Mute Egede went further, calling it "highly aggressive".'
    )
    assert {("DNK", Relation.ACCUSE, "USA"), ("GRL", Relation.ACCUSE, "USA")} <= fs
    assert ("DNK", Relation.ACCUSE, "GRL") not in fs


def test_common_wire_wordings() -> None:
    assert ("PER", Relation.SANCTION, "CHL") in _triples(
        "Peru sentenced a Chilean businessman to eight years in prison for spying."
    )
    assert ("CHL", Relation.RETREAT, "PER") in _triples("Chile freed two Peruvian fishermen.")
    assert ("COL", Relation.SANCTION, "ECU") in _triples(
        "Colombia severed diplomatic relations with Ecuador."
    )
    assert ("USA", Relation.RETREAT, "IRQ") in _triples(
        "The United States will reduce its troop presence in Iraq next year."
    )
    assert ("ISR", Relation.RETREAT, "gaza-strip") in _triples(
        "Israel allows more aid trucks into Gaza."
    )
    fs = _triples("India and Pakistan exchanged fire along the Line of Control.")
    assert {("IND", Relation.ASSAULT, "PAK"), ("PAK", Relation.ASSAULT, "IND")} <= fs
    fs = _triples("Egypt hailed the agreement between Sudan and Chad as a historic step.")
    assert {("EGY", Relation.SUPPORT, "SDN"), ("EGY", Relation.SUPPORT, "TCD")} <= fs
    fs = _triples("Protesters stormed the French embassy in Niamey.")
    assert ("NER", Relation.PROTEST, "FRA") in fs
    assert not any(t[1] is Relation.ASSAULT for t in fs)
    fs = _triples(
        "Fighters of Islamic State Mozambique, the local affiliate of the Islamic State group, "
        "raided a village on Friday."
    )
    assert ("islamic-state-mozambique", Relation.AFFILIATED_WITH, "islamic-state") in fs
    assert not any(t[0] == "MOZ" for t in fs)
    fs = _triples(
        "Under the truce, Hamas is to free 50 women, while Israel releases Palestinian prisoners "
        "and allows more aid trucks into Gaza."
    )
    assert ("ISR", Relation.RETREAT, "gaza-strip") in fs
    assert ("hamas", Relation.RETREAT, "gaza-strip") not in fs


def test_accusing_them_refers_to_the_main_clause_target() -> None:
    fs = _facts(
        "Canada imposed sanctions on 12 Iranian individuals and five entities, accusing them of "
        "helping to supply Russia with attack drones."
    )
    assert ("CAN", Relation.ACCUSE, "IRN", Status.ASSERTED, None) in fs
    assert ("IRN", Relation.AID, "RUS", Status.ALLEGED, "CAN") in fs


def test_a_bare_title_speaker_is_the_article_s_holder_of_that_title() -> None:
    fs = _facts(
        "Burundi has shut its border crossings with Rwanda, the interior minister said on "
        "Thursday, accusing Kigali of arming rebels. Interior Minister Martin Niteretse said the "
        "rebels were sheltered in Rwanda."
    )
    assert ("BDI", Relation.COERCE, "RWA", Status.ASSERTED, "martin-niteretse") in fs
    assert ("BDI", Relation.ACCUSE, "RWA", Status.ASSERTED, "martin-niteretse") in fs
    # no holder named: the article's voice, not the last country before the title
    fs = _facts("Burundi has shut its border with Rwanda, the interior minister said.")
    assert ("BDI", Relation.COERCE, "RWA", Status.ASSERTED, None) in fs


def test_a_title_named_later_serves_the_state_its_unnamed_holder_spoke_for() -> None:
    fs = _facts(
        "Burundi has shut its border with Rwanda, the interior minister said, accusing Kigali of "
        "sheltering rebels.\n\nInterior Minister Martin Niteretse said the rebels were hiding in "
        "Rwanda."
    )
    assert ("martin-niteretse", Relation.HOLDS_POSITION, "BDI", Status.ASSERTED, None) in fs


def test_inverted_media_reports_and_according_to_sources() -> None:
    fs = _facts("Kenya arrested eight Ugandan citizens in Nairobi on Monday, local media reported.")
    assert ("KEN", Relation.COERCE, "UGA", Status.REPORTED, None) in fs
    fs = _triples("Chad has sent about 1,000 troops to Niger, according to Nigerian intelligence.")
    assert ("TCD", Relation.MOBILIZE, "NER") in fs
    assert ("TCD", Relation.MOBILIZE, "NGA") not in fs
    assert ("PER", Relation.SANCTION, "CHL") in _triples(
        "Peru jailed a Chilean engineer for four years on spying charges."
    )


def test_condemning_force_against_protesters_targets_the_state_in_question() -> None:
    fs = _triples(
        "Georgian police dispersed protesters in Tbilisi. The United States criticised Georgia. "
        "The EU condemned the use of force against protesters."
    )
    assert ("eu", Relation.ACCUSE, "GEO") in fs
    assert ("eu", Relation.ACCUSE, "USA") not in fs
    assert ("red-tabara", Relation.OPERATES_IN, "COD") in _triples(
        "The RED-Tabara rebel group, which operates from bases in Congo's South Kivu province, "
        "claimed the attack."
    )


def test_recalls_expulsions_and_requested_releases() -> None:
    fs = _triples("Chad recalled their own ambassadors from Kinshasa after the border clash.")
    assert ("TCD", Relation.SANCTION, "COD") in fs
    fs = _triples(
        "Peru ordered the same number of senior Bolivian consular employees to leave the country."
    )
    assert ("PER", Relation.SANCTION, "BOL") in fs
    fs = _triples("Nicaragua was severing its own relations with Taipei.")
    assert ("NIC", Relation.SANCTION, "TWN") in fs
    fs = _triples("Iran freed four detained Germans on Monday.")
    assert ("IRN", Relation.RETREAT, "DEU") in fs
    # asking for a release is not a release; leaving a committee is not a troop withdrawal
    fs = _triples("Kenya demanded the swift release of its citizens held by Uganda.")
    assert not [t for t in fs if t[1] is Relation.RETREAT]
    fs = _triples("Japan began releasing treated water from the plant into the Pacific.")
    assert not [t for t in fs if t[1] is Relation.RETREAT]
    fs = _triples("Niger was pulling out of a regional security committee it shares with Benin.")
    assert ("NER", Relation.RETREAT, "BEN") not in fs


def test_training_forces_court_cases_and_forced_entry() -> None:
    fs = _triples("Turkey will keep training and advising Somali forces.")
    assert ("TUR", Relation.COOPERATE, "SOM") in fs
    fs = _triples("Guyana said it would take Venezuela to the International Court of Justice.")
    assert ("GUY", Relation.ACCUSE, "VEN") in fs
    fs = _triples("Bolivian police forced their way into the Chilean consulate on Friday.")
    assert ("BOL", Relation.COERCE, "CHL") in fs


def test_unknown_name_ending_in_a_known_organisation_is_its_own_entity() -> None:
    fs = _triples("Liwa Hamas, a small splinter faction, threatened to attack Egyptian posts.")
    assert ("liwa-hamas", Relation.THREATEN, "EGY") in fs
    assert ("hamas", Relation.THREATEN, "EGY") not in fs
    # a demonym or a sentence-initial function word before the name changes nothing
    assert ("hamas", Relation.THREATEN, "ISR") in _triples("Palestinian Hamas threatened Israel.")
    assert ("hamas", Relation.THREATEN, "ISR") in _triples("Then Hamas threatened Israel.")


def test_cancelled_events_visa_restrictions_and_downed_aircraft() -> None:
    assert ("KEN", Relation.SANCTION, "UGA") in _triples(
        "Kenya cancelled all Ugandan cultural events in the country."
    )
    assert ("USA", Relation.SANCTION, "THA") in _triples(
        "Washington imposed visa restrictions on Thai officials."
    )
    assert ("DZA", Relation.ASSAULT, "MLI") in _triples("Algerian forces shot down a Malian drone.")
    # an air-defence tally of incoming drones is interception, not an attack
    fs = _triples("Russia said it had shot down 40 Ukrainian drones overnight.")
    assert ("RUS", Relation.ASSAULT, "UKR") not in fs


def test_bloc_apposition_lists_its_members() -> None:
    fs = _triples(
        "The Southern African Development Community, the bloc made up of Angola, Zambia and "
        "Malawi, condemned Rwanda."
    )
    assert ("sadc", Relation.ACCUSE, "RWA") in fs
    assert ("AGO", Relation.ACCUSE, "RWA") not in fs
    assert {("AGO", Relation.MEMBER_OF, "sadc"), ("ZMB", Relation.MEMBER_OF, "sadc")} <= fs
    assert ("MWI", Relation.MEMBER_OF, "sadc") in fs


def test_valued_partnership_and_long_expulsion_orders() -> None:
    fs = _triples("Armenia said it valued its partnership with Tehran.")
    assert ("ARM", Relation.SUPPORT, "IRN") in fs
    assert ("ARM", Relation.COOPERATE, "IRN") not in fs
    fs = _triples(
        "Ghana ordered the same number of senior Togolese embassy employees to leave the country."
    )
    assert ("GHA", Relation.SANCTION, "TGO") in fs
    assert not [t for t in fs if t[1] is Relation.RETREAT]


def test_backed_compound_in_an_apposition_with_adjectives() -> None:
    fs = _triples("Liwa Hamas, a powerful Iran-backed militia, attacked a base in Syria.")
    assert ("liwa-hamas", Relation.AFFILIATED_WITH, "IRN") in fs


def test_drawing_criticism_from_reverses_the_roles() -> None:
    fs = _triples("Egypt deported the men, drawing sharp criticism from Italy and Spain.")
    assert {("ITA", Relation.ACCUSE, "EGY"), ("ESP", Relation.ACCUSE, "EGY")} <= fs


def test_leaving_bases_in_a_country_is_a_withdrawal() -> None:
    fs = _triples("Kenya will leave its bases in Somalia by the end of the year.")
    assert ("KEN", Relation.RETREAT, "SOM") in fs
    assert ("KEN", Relation.OPERATES_IN, "SOM") not in fs


def test_meeting_in_the_subjects_capital_makes_the_other_side_the_visitor() -> None:
    fs = _triples("Erdogan met the Iraqi premier in Ankara on Monday.")
    assert ("IRQ", Relation.CONSULT, "TUR") in fs
    assert ("TUR", Relation.CONSULT, "IRQ") not in fs


def test_presence_in_a_where_clause() -> None:
    fs = _triples("Fighting resumed in Mali, where about 600 French soldiers are still deployed.")
    assert ("FRA", Relation.OPERATES_IN, "MLI") in fs
    fs = _triples("Talks on Cyprus, where Turkey has kept thousands of troops since 1974, stalled.")
    assert ("TUR", Relation.OPERATES_IN, "CYP") in fs


def test_agentless_passive_punishment_takes_the_state_where_it_happened() -> None:
    fs = _triples(
        "Paris asked for the release of Ali Reza, a novelist who was sentenced to five years "
        "in prison in Tehran last month."
    )
    assert ("IRN", Relation.SANCTION, "ali-reza") in fs
    assert ("FRA", Relation.SANCTION, "ali-reza") not in fs
    assert ("IRN", Relation.COERCE, "ali-reza") in _triples("Ali Reza was arrested in Iran.")


def test_both_sides_agreed_with_an_adverb() -> None:
    fs = _triples(
        "Peru and Chile held talks in Lima. Both sides agreed then to resume border cooperation."
    )
    assert ("PER", Relation.AGREE, "CHL") in fs


def test_death_toll_participle_and_passive_release_requests() -> None:
    fs = _triples(
        "A Kenya Airways jet crashed in Tanzania after being hit by Ugandan fire, "
        "killing 40 people."
    )
    assert ("UGA", Relation.ASSAULT, "KEN") in fs
    assert ("KEN", Relation.ASSAULT, "TZA") not in fs
    fs = _triples("Rome has repeatedly called for the jailed Italian writer to be released.")
    assert not [t for t in fs if t[1] is Relation.RETREAT]


def test_documents_named_after_a_place_are_not_the_state() -> None:
    fs = _triples("Canada condemned any breach of the Geneva Conventions.")
    assert not [t for t in fs if t[2] == "CHE"]
    assert ("AUT", Relation.ACCUSE, "RUS") in _triples("Vienna condemned Moscow.")


def test_a_coordinated_appeal_ends_the_condemnation_object_search() -> None:
    fs = _triples(
        "Norway condemned any breach of international law and urged Peru and Chile to talk."
    )
    assert ("NOR", Relation.ACCUSE, "PER") not in fs
    assert ("NOR", Relation.REQUEST, "PER") in fs
