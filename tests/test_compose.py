"""docker-compose.yml cannot run here (no Docker engine); keep it honest against the settings."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from graph.settings import Settings

REPO = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
DEFAULTS = Settings.model_construct()


def _substitute(value: str, env: dict[str, str]) -> str:
    """Docker compose's ${VAR}, ${VAR:-default} and ${VAR:?msg} forms."""

    def repl(m: re.Match[str]) -> str:
        name, op, arg = m.group(1), m.group(2), m.group(3)
        if name in env:
            return env[name]
        if op == ":-":
            return arg or ""
        raise KeyError(f"{name} must be set ({arg})")

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", repl, value)


def test_services_and_image() -> None:
    assert set(COMPOSE["services"]) == {"neo4j", "api"}
    assert COMPOSE["services"]["neo4j"]["image"] == "neo4j:5.26-community"
    assert COMPOSE["services"]["api"]["build"] == "."
    assert (REPO / "Dockerfile").exists()


def test_neo4j_ports_match_settings_and_are_loopback() -> None:
    ports = COMPOSE["services"]["neo4j"]["ports"]
    assert f"127.0.0.1:{DEFAULTS.neo4j_http_port}:7474" in ports
    assert f"127.0.0.1:{DEFAULTS.neo4j_bolt_port}:7687" in ports
    api_ports = COMPOSE["services"]["api"]["ports"]
    assert api_ports == [f"127.0.0.1:{DEFAULTS.api_port}:{DEFAULTS.api_port}"]


def test_healthcheck_and_startup_order() -> None:
    neo4j = COMPOSE["services"]["neo4j"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert COMPOSE["services"]["api"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert {"neo4j-data", "neo4j-logs"} <= set(COMPOSE["volumes"])
    assert "neo4j-data:/data" in neo4j["volumes"]


def test_auth_comes_from_the_environment() -> None:
    env = COMPOSE["services"]["neo4j"]["environment"]
    with pytest.raises(KeyError):
        _substitute(env["NEO4J_AUTH"], {})
    assert _substitute(env["NEO4J_AUTH"], {"NEO4J_PASSWORD": "s3cret-pass"}) == "neo4j/s3cret-pass"


def test_api_environment_is_understood_by_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        k: _substitute(str(v), {"NEO4J_PASSWORD": "s3cret-pass"})
        for k, v in COMPOSE["services"]["api"]["environment"].items()
    }
    for k in list(os.environ):
        if k.startswith(("NEO4J_", "GEOKG_")):
            monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert not s.managed
    assert s.neo4j_uri == "bolt://neo4j:7687"
    assert s.neo4j_password is not None and s.neo4j_password.get_secret_value() == "s3cret-pass"
    assert s.neo4j_user == "neo4j" and s.neo4j_database == "neo4j"
    assert s.api_host == "0.0.0.0" and s.api_port == DEFAULTS.api_port
    assert s.api_keys == []
    # Every variable the compose file sets for the api is one the settings model reads.
    known = {"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"} | {
        f"GEOKG_{name.upper()}" for name in Settings.model_fields
    }
    assert set(env) <= known


def test_browser_settings_match_the_managed_server() -> None:
    from graph.localserver import browser_settings

    env = COMPOSE["services"]["neo4j"]["environment"]
    managed = browser_settings(DEFAULTS)
    # Docker's NEO4J_ env names: '.' -> '_', '_' -> '__'.
    for key in managed:
        env_name = "NEO4J_" + key.replace("_", "__").replace(".", "_")
        assert env_name in env, env_name
    assert env["NEO4J_browser_post__connect__cmd"].endswith("/browser/guide")


def test_dockerfile_serves_the_api() -> None:
    text = (REPO / "Dockerfile").read_text()
    assert 'CMD ["geokg", "serve"' in text
    assert f"EXPOSE {DEFAULTS.api_port}" in text
