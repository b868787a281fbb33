"""Load test of the geokg API (locust): the main read endpoints, weighted like an analyst's
session, plus an occasional write (POST /facts of a small document, then DELETE of it).

Every non-2xx answer counts as an error; the expected result is zero. See README.md here for
the command and docs/benchmarks.md ("Load test") for the last run's figures.

Environment: GEOKG_LOADTEST_KEY (an API key the server accepts; without it no writes are sent).
"""

from __future__ import annotations

import itertools
import os
import random

from locust import HttpUser, between, events, task

KEY = os.environ.get("GEOKG_LOADTEST_KEY", "")
# Countries that carry most GDELT events (by the real slice); checked at start-up.
COUNTRIES = ["USA", "RUS", "CHN", "UKR", "ISR", "GBR", "FRA", "DEU", "IND", "IRN", "TUR", "PAK"]
NAMES = ["united", "russia", "china", "israel", "france", "iran", "mali", "nigeria", "brazil"]
STATUSES = ["contested", "asserted", "reported", "denied"]
NAME_OF: dict[str, str] = {}  # iso3 -> the graph's name, so writes do not rename a country
_ids = itertools.count()


@events.test_start.add_listener
def _check_graph(environment, **_kw) -> None:  # type: ignore[no-untyped-def]
    """Keep only countries the graph knows, so reads test lookups, not 404s."""
    import httpx

    host = environment.host
    known = []
    for c in COUNTRIES:
        r = httpx.get(f"{host}/entities/{c}", timeout=30)
        if r.status_code == 200:
            known.append(c)
            NAME_OF[c] = r.json()["name"]
    if len(known) < 2:
        raise SystemExit(f"the graph behind {host} has fewer than two of {COUNTRIES}")
    COUNTRIES[:] = known


class Analyst(HttpUser):
    wait_time = between(0.05, 0.3)

    def _pair(self) -> tuple[str, str]:
        a, b = random.sample(COUNTRIES, 2)
        return a, b

    @task(6)
    def search(self) -> None:
        self.client.get("/entities", params={"q": random.choice(NAMES)}, name="/entities?q")

    @task(4)
    def entity(self) -> None:
        self.client.get(f"/entities/{random.choice(COUNTRIES)}", name="/entities/{id}")

    @task(6)
    def entity_relations(self) -> None:
        self.client.get(
            f"/entities/{random.choice(COUNTRIES)}/relations",
            params={"limit": 50},
            name="/entities/{id}/relations",
        )

    @task(6)
    def between(self) -> None:
        a, b = self._pair()
        self.client.get("/relations", params={"a": a, "b": b, "limit": 50}, name="/relations")

    @task(2)
    def timeline(self) -> None:
        self.client.get(
            f"/entities/{random.choice(COUNTRIES)}/timeline",
            params={"limit": 50},
            name="/entities/{id}/timeline",
        )

    @task(2)
    def paths(self) -> None:
        a, b = self._pair()
        self.client.get("/paths", params={"from": a, "to": b, "max_hops": 3}, name="/paths")

    @task(2)
    def claims(self) -> None:
        self.client.get(
            "/claims", params={"status": random.choice(STATUSES), "limit": 50}, name="/claims"
        )

    @task(1)
    def write(self) -> None:
        if not KEY:
            return
        a, b = self._pair()
        aid = f"loadtest-{os.getpid()}-{next(_ids)}"
        doc = {
            "article": {"id": aid, "title": f"Load test {aid}", "published": "2025-03-01"},
            "entities": [
                {"id": "a", "type": "country", "name": NAME_OF[a], "iso3": a},
                {"id": "b", "type": "country", "name": NAME_OF[b], "iso3": b},
            ],
            "facts": [{"subject": "a", "relation": "CONSULT", "object": "b", "mode": "visit"}],
        }
        headers = {"X-API-Key": KEY}
        self.client.post("/facts", json=doc, headers=headers, name="POST /facts")
        self.client.delete(f"/articles/{aid}", headers=headers, name="DELETE /articles/{id}")
