"""Schemathesis against the app's own OpenAPI schema, through the ASGI transport, with the real
Neo4j behind it: every operation, a bounded number of generated requests each (CI-sized),
checked for "no 5xx" and "the response matches the documented schema".

Write endpoints are fuzzed with a valid API key, so generated fact documents really go through
the loader (the graph is this test's scratch data: it starts from the founding article).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hsettings
from neo4j import Driver
from pydantic import SecretStr
from schemathesis.checks import not_a_server_error, response_schema_conformance

from api.app import create_app
from graph import writer
from graph.settings import Settings, get_settings
from loaders.factdocs import read_document
from tests.conftest import REPO, wipe

pytestmark = pytest.mark.neo4j

API_KEY = "fuzz-test-key-0123456789abcdef"
FOUNDING_DOC = REPO / "samples" / "facts" / "2021-11-11-moscow-mali-wagner.yaml"
MAX_EXAMPLES = 15
CALLS: dict[str, int] = {}


# The app connects to Neo4j lazily, on its first request: building it at import is safe.
APP = create_app(get_settings().model_copy(update={"api_keys": [SecretStr(API_KEY)]}))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def founding_article(driver: Driver, settings: Settings) -> None:
    wipe(driver, settings.neo4j_database)
    writer.load_document(driver, settings.neo4j_database, read_document(Path(FOUNDING_DOC)))


@schema.parametrize()
@hsettings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests every CI run
    suppress_health_check=list(HealthCheck),
)
def test_operation(case: Any) -> None:
    key = case.operation.label
    CALLS[key] = CALLS.get(key, 0) + 1
    response = case.call_and_validate(
        headers={"X-API-Key": API_KEY},
        checks=[not_a_server_error, response_schema_conformance],
    )
    # Whatever the input, an error never shows internals.
    if response.status_code >= 400:
        assert "Traceback" not in response.text
        assert "Neo.ClientError" not in response.text


def test_report_calls() -> None:
    """Runs after the fuzzing: it actually exercised the operations (figure for the docs)."""
    if not CALLS:
        pytest.skip("run together with test_operation")
    print(f"\nfuzzed {sum(CALLS.values())} requests over {len(CALLS)} operations")
    assert len(CALLS) >= 10
