"""Top-level commands. Each stays thin: parse, call a service, print a summary."""

from __future__ import annotations
