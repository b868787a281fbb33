"""All Cypher lives in this package: named query constants, one module per area.

Labels and relationship types cannot be parameters; they are taken from allow-lists
(`graph.vocab.Relation`, `graph.model.EntityType`) and quoted with `quote_name`. Every value is a
parameter.
"""

from __future__ import annotations

import re

_SAFE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quote_name(name: str) -> str:
    """Backtick-quote a label or relationship type that comes from an allow-list."""
    if not _SAFE.match(name):
        raise ValueError(f"not a safe label or type name: {name!r}")
    return f"`{name}`"
