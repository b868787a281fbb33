"""The one extraction interface: any extractor turns a `RawArticle` into a `FactDocument`.

Extractors register by name; the CLI and the ingest service look them up here, so adding one (an
LLM behind an OpenAI-compatible endpoint, say) touches neither loaders nor graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from graph.errors import InvalidInput

if TYPE_CHECKING:
    from graph.model import FactDocument
    from loaders.extract.article import RawArticle


@runtime_checkable
class Extractor(Protocol):
    name: str

    def extract(self, article: RawArticle) -> FactDocument: ...


_FACTORIES: dict[str, Callable[[], Extractor]] = {}
DEFAULT = "rules"


def register_extractor(name: str, factory: Callable[[], Extractor]) -> None:
    _FACTORIES[name] = factory


def available() -> list[str]:
    _load_builtins()
    return sorted(_FACTORIES)


def get_extractor(name: str = DEFAULT) -> Extractor:
    _load_builtins()
    try:
        return _FACTORIES[name]()
    except KeyError:
        raise InvalidInput(
            f"unknown extractor {name!r}; available: {', '.join(sorted(_FACTORIES))}"
        ) from None


def _load_builtins() -> None:
    if DEFAULT not in _FACTORIES:
        from loaders.extract import pipeline  # registers "rules"

        assert pipeline
