"""The README says what the code does: its commands exist, its Cypher is the tested Cypher."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from graph.cypher.cookbook import EXAMPLES

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()


def test_two_commands_and_ci() -> None:
    assert "make run" in README and "make test" in README
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_cookbook_queries_are_the_tested_ones() -> None:
    for question, (query, _params) in EXAMPLES.items():
        assert query.strip() in README, question


def test_linked_files_exist() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (REPO / target).exists(), target


def test_documented_commands_exist() -> None:
    runner = CliRunner()
    for cmd in re.findall(r"^geokg ([a-z][a-z0-9-]*(?: [a-z]+)?)", README, re.M):
        words = cmd.split()
        result = runner.invoke(app, [*words, "--help"])
        if result.exit_code != 0:  # a second word may be an argument, not a subcommand
            result = runner.invoke(app, [words[0], "--help"])
        assert result.exit_code == 0, f"geokg {cmd}: {result.output}"
