"""One settings model for the whole process: Neo4j connection, managed server, API."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ALLOWED_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _env(name: str) -> AliasChoices:
    # NEO4J_* is what `geokg neo4j env` exports and what other Neo4j tools read;
    # GEOKG_NEO4J_* wins when both are set.
    return AliasChoices(f"GEOKG_{name}", name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GEOKG_", env_file=".env", extra="ignore", populate_by_name=True
    )

    # --- connection. No URI means: use the managed local server.
    neo4j_uri: str | None = Field(default=None, validation_alias=_env("NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=_env("NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(default=None, validation_alias=_env("NEO4J_PASSWORD"))
    neo4j_database: str = Field(default="neo4j", validation_alias=_env("NEO4J_DATABASE"))
    neo4j_connect_timeout: float = 15.0
    query_timeout: float = 30.0

    # --- managed local server
    home: Path = Field(default=Path("~/.local/share/geokg"))
    cache_dir: Path = Field(default=Path("~/.cache/geokg"))
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_start_timeout: float = 180.0
    java_home: Path | None = None

    # --- API
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_keys: list[SecretStr] = Field(default_factory=list)
    api_max_body_bytes: int = 2_000_000
    cypher_timeout: float = 10.0
    cypher_row_cap: int = 1000

    @field_validator("neo4j_uri")
    @classmethod
    def _check_uri(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        scheme = v.split("://", 1)[0] if "://" in v else ""
        if scheme not in ALLOWED_SCHEMES:
            raise ValueError(
                f"NEO4J_URI must start with one of {', '.join(s + '://' for s in ALLOWED_SCHEMES)}"
            )
        return v

    @field_validator("home", "cache_dir")
    @classmethod
    def _expand(cls, v: Path) -> Path:
        return v.expanduser()

    @property
    def managed(self) -> bool:
        """True when geokg provisions and runs Neo4j itself."""
        return self.neo4j_uri is None


@lru_cache
def get_settings() -> Settings:
    return Settings()
