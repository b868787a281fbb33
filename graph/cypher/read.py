"""Named read queries for graph.reader (the API's read endpoints)."""

from typing import LiteralString

STATS: LiteralString = """
CALL () { MATCH (n) UNWIND labels(n) AS label RETURN collect({k: label, n: 1}) AS l }
RETURN l AS labels
"""
