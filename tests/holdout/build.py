"""Build the holdout set from its hand-written sources with the development set's builder.

Same spec format, layout and checks as tests/devset (see tests/devset/build.py); this file only
names the entities the holdout articles add, then runs the devset builder on this directory.
Run: `python tests/holdout/build.py`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("devset_build", ROOT.parent / "devset" / "build.py")
assert _spec and _spec.loader
devset_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(devset_build)

# Entities neither the project gazetteer nor the devset builder knows.
PERSONS: list[tuple[str, str]] = [
    ("Inga Ruginiene", "LTU"),
    ("Kestutis Budrys", "LTU"),
    ("Pranay Verma", "IND"),
    ("Touhid Hossain", "BGD"),
    ("Sheikh Hasina", "BGD"),
    ("Muhammad Yunus", "BGD"),
    ("Troels Lund Poulsen", "DNK"),
    ("JD Vance", "USA"),
    ("Mike Waltz", "USA"),
    ("Mette Frederiksen", "DNK"),
    ("Mute Egede", "GRL"),
    ("Melanie Joly", "CAN"),
    ("Esmaeil Baghaei", "IRN"),
    ("Daniel Chapo", "MOZ"),
    ("Ali Lamine Zeine", "NER"),
    ("Wilfried Houngbedji", "BEN"),
    ("Patrice Talon", "BEN"),
    ("Pham Thu Hang", "VNM"),
    ("Pham Minh Chinh", "VNM"),
    ("Kyriakos Mitsotakis", "GRC"),
    ("Nikos Christodoulides", "CYP"),
    ("Salome Zourabichvili", "GEO"),
    ("Martin Niteretse", "BDI"),
    ("Evariste Ndayishimiye", "BDI"),
    ("Jorge Glas", "ECU"),
    ("Andres Manuel Lopez Obrador", "MEX"),
    ("Alicia Barcena", "MEX"),
    ("Daniel Noboa", "ECU"),
    ("Pat Ryder", "USA"),
    ("Yoon Suk Yeol", "KOR"),
    ("Choe Son Hui", "PRK"),
    ("Amir Boukhors", "DZA"),
    ("Bruno Retailleau", "FRA"),
    ("Abdelmadjid Tebboune", "DZA"),
    ("Boualem Sansal", "FRA"),
    ("Mohammed Shia al-Sudani", "IRQ"),
    ("Alexei Overchuk", "RUS"),
    ("Rahman Mustafayev", "AZE"),
    ("Yoshimasa Hayashi", "JPN"),
    ("Takeshi Iwaya", "JPN"),
    ("Richard Grenell", "USA"),
    ("Edmundo Gonzalez", "VEN"),
    ("James Marape", "PNG"),
    ("Richard Marles", "AUS"),
    ("Phumtham Wechayachai", "THA"),
    ("Abdoulaye Maiga", "MLI"),
]
ORGS: list[tuple[str, str, str | None]] = [
    ("Savana", "media", "MOZ"),
    ("Islamic State Mozambique", "armed_group", "MOZ"),
    ("TotalEnergies", "company", "FRA"),
    ("RED-Tabara", "armed_group", "BDI"),
    ("Kataib Hezbollah", "armed_group", "IRQ"),
    ("Sputnik", "media", "RUS"),
    ("Kyodo", "media", "JPN"),
    ("Chevron", "company", "USA"),
    ("Joint Military Staff Committee", "intergovernmental_organization", None),
]
LOCATIONS: list[tuple[str, str | None]] = [
    ("Paracel Islands", None),
]

devset_build.add_entities(PERSONS, ORGS, LOCATIONS)


if __name__ == "__main__":
    devset_build.main(ROOT)
