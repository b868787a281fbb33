"""Build the second holdout set from its hand-written sources with the development set's builder.

Same spec format, layout and checks as tests/devset (see tests/devset/build.py); this file only
names the entities these articles add, then runs the devset builder on this directory (article
ids get the prefix `holdout2-`). Run: `python tests/holdout2/build.py`.
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
    ("Matteo Piantedosi", "ITA"),
    ("Abdul Hamid Dbeibah", "LBY"),
    ("Giorgia Meloni", "ITA"),
    ("Margus Tsahkna", "EST"),
    ("Kristen Michal", "EST"),
    ("Anwar Ibrahim", "MYS"),
    ("Zaw Min Tun", "MMR"),
    ("Yvette Cooper", "GBR"),
    ("Anita Anand", "CAN"),
    ("Pablo Quirno", "ARG"),
    ("Javier Milei", "ARG"),
    ("Prabowo Subianto", "IDN"),
    ("Sugiono", "IDN"),
    ("John Coale", "USA"),
    ("Sviatlana Tsikhanouskaya", "BLR"),
    ("Legesse Tulu", "ETH"),
    ("Yemane Gebremeskel", "ERI"),
    ("Sanae Takaichi", "JPN"),
    ("George Glass", "USA"),
    ("Naim Qassem", "LBN"),
    ("Joseph Aoun", "LBN"),
    ("Nawaf Salam", "LBN"),
]
ORGS: list[tuple[str, str, str | None]] = [
    ("Sea-Watch", "other", "DEU"),
    ("Frontex", "intergovernmental_organization", None),
    ("People's Defence Force", "armed_group", "MMR"),
    ("Fano", "armed_group", "ETH"),
]
LOCATIONS: list[tuple[str, str | None]] = [
    ("Senkaku Islands", None),
]

devset_build.add_entities(PERSONS, ORGS, LOCATIONS)


if __name__ == "__main__":
    devset_build.main(ROOT)
