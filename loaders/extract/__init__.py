"""Article extraction: from raw news text to a `graph.model.FactDocument`.

Stages, each its own module and testable alone: `article` (read inputs) -> `sentences` ->
`mentions` (entity linking) -> `coref` -> `relations` -> `stance` -> `timex`, tied together by
`pipeline`. Extractors are pluggable through `registry`.
"""

from loaders.extract.registry import Extractor, get_extractor, register_extractor

__all__ = ["Extractor", "get_extractor", "register_extractor"]
