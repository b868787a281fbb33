"""Synthetic GDELT 2.0 events (and mentions) files of any size, shaped like the real slice.

Every value group is drawn from its empirical distribution in the real sample
(../shared/data/gdelt/20250820163000.export.sample.CSV, data by The GDELT Project,
https://www.gdeltproject.org/):

- actor blocks (code, name, CAMEO country, groups, ethnic/religion, types) are drawn from the
  real actor blocks, independently for actor 1 and 2; with probability --spread the country code
  is replaced by a uniformly drawn CAMEO country, so that a large file touches more countries
  than one 15-minute slice does;
- the event block (EventCode/Base/Root, QuadClass, Goldstein) as one, so codes stay coherent;
- counts and tone (NumMentions ... AvgTone), the three geo blocks;
- dates: DATEADDED walks through the requested days in 15-minute steps; SQLDATE is DATEADDED
  minus a lag drawn from the real (DATEADDED - SQLDATE) distribution;
- URLs: the real publisher domains with their frequencies, a synthetic path, and the real
  number of events per URL.

`--dyadic` keeps only actor blocks that carry a country code (both sides), i.e. events geokg can
load; without it the mix of one-actor and country-less rows is the real one (~20% loadable).

    python bench/gdelt_gen.py OUT.CSV --events 200000 [--mentions OUT.mentions.CSV] [--dyadic]
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO.parent / "shared" / "data" / "gdelt" / "20250820163000.export.sample.CSV"

ACTOR1, ACTOR2 = slice(5, 15), slice(15, 25)
EVENT = slice(26, 31)  # EventCode, Base, Root, QuadClass, Goldstein
COUNTS = slice(31, 35)  # NumMentions, NumSources, NumArticles, AvgTone
GEO1, GEO2, GEO_ACTION = slice(35, 43), slice(43, 51), slice(51, 59)


class Model:
    def __init__(self, sample: Path, *, dyadic: bool, spread: float, seed: int) -> None:
        rows = [
            line.rstrip("\n").split("\t")
            for line in sample.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        rows = [r for r in rows if len(r) == 61]
        self.rng = random.Random(seed)
        actors = [r[ACTOR1] for r in rows] + [r[ACTOR2] for r in rows]
        if dyadic:
            actors = [a for a in actors if a[0] and a[2]]
        self.actors = actors
        self.events = [r[EVENT] for r in rows]
        self.counts = [r[COUNTS] for r in rows]
        self.geos = [r[GEO1] for r in rows] + [r[GEO2] for r in rows]
        self.action_geos = [r[GEO_ACTION] for r in rows]
        self.lags: list[int] = []
        for r in rows:
            added = datetime.strptime(r[59][:8], "%Y%m%d")
            self.lags.append((added - datetime.strptime(r[1], "%Y%m%d")).days)
        self.domains = [urlsplit(r[60]).netloc or "example.org" for r in rows]
        per_url: dict[str, int] = {}
        for r in rows:
            per_url[r[60]] = per_url.get(r[60], 0) + 1
        self.events_per_url = list(per_url.values())
        self.spread = spread
        self.dyadic = dyadic
        self.countries = sorted({a[2] for a in self.actors if a[2]} | _all_countries())

    def actor(self) -> list[str]:
        a = list(self.rng.choice(self.actors))
        if a[2] and self.rng.random() < self.spread:
            old, new = a[2], self.rng.choice(self.countries)
            a[2] = new
            a[0] = new + a[0][3:] if a[0].startswith(old) else new
        return a


def _all_countries() -> set[str]:
    try:
        from graph import identity

        return {e.key for e in identity.gazetteer() if e.type.value == "country"}
    except Exception:  # the generator also runs without the package installed
        return set()


def generate(
    out: Path,
    n: int,
    *,
    mentions_out: Path | None,
    start: datetime,
    days: int,
    dyadic: bool,
    spread: float,
    seed: int,
    first_id: int,
) -> None:
    m = Model(SAMPLE, dyadic=dyadic, spread=spread, seed=seed)
    rng = m.rng
    steps = max(1, days * 96)  # 15-minute updates
    url, url_left, url_n = "", 0, 0
    mf = mentions_out.open("w", encoding="utf-8", newline="\n") if mentions_out else None
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for i in range(n):
            added = start + timedelta(minutes=15 * (i * steps // n))
            lag = rng.choice(m.lags)
            sqldate = added - timedelta(days=lag)
            if url_left <= 0:
                url_n += 1
                url = f"https://{rng.choice(m.domains)}/news/{seed}-{url_n}-story.html"
                url_left = rng.choice(m.events_per_url)
            url_left -= 1
            a1, a2 = m.actor(), m.actor()
            if not dyadic and rng.random() < 0.5:
                a2 = [""] * 10  # the real slice: about half the events have one actor
            row = [
                str(first_id + i),
                sqldate.strftime("%Y%m%d"),
                sqldate.strftime("%Y%m"),
                sqldate.strftime("%Y"),
                f"{sqldate.year + (sqldate.timetuple().tm_yday - 1) / 365:.4f}",
                *a1,
                *a2,
                "1" if rng.random() < 0.6 else "0",
                *rng.choice(m.events),
                *rng.choice(m.counts),
                *rng.choice(m.geos),
                *rng.choice(m.geos),
                *rng.choice(m.action_geos),
                added.strftime("%Y%m%d%H%M%S"),
                url,
            ]
            f.write("\t".join(row) + "\n")
            if mf is not None:
                stamp = added.strftime("%Y%m%d%H%M%S")
                for k in range(rng.choice((0, 1, 1, 2))):
                    dom = rng.choice(m.domains)
                    mf.write(
                        "\t".join(
                            [
                                str(first_id + i),
                                stamp,
                                stamp,
                                "1",
                                dom,
                                f"https://{dom}/m/{seed}-{first_id + i}-{k}.html",
                                str(rng.randint(1, 20)),
                                str(rng.randint(-1, 3000)),
                                str(rng.randint(-1, 3000)),
                                str(rng.randint(0, 3000)),
                                "1",
                                str(rng.choice((10, 20, 50, 60, 80, 100))),
                                str(rng.randint(500, 9000)),
                                f"{rng.uniform(-8, 5):.4f}",
                                "",
                                "",
                            ]
                        )
                        + "\n"
                    )
                if rng.random() < 0.3:  # mentions of events outside the file, as in the real slice
                    dom = rng.choice(m.domains)
                    mf.write(
                        f"{first_id - 1 - i}\t{stamp}\t{stamp}\t1\t{dom}\t"
                        f"https://{dom}/old/{seed}-{i}.html\t1\t-1\t-1\t10\t1\t50\t1000\t0\t\t\n"
                    )
    if mf is not None:
        mf.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path, help="events file to write (name it *.export.CSV)")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--mentions", type=Path, default=None, help="also write a mentions file")
    ap.add_argument("--start", default="20250101", help="first DATEADDED day, YYYYMMDD")
    ap.add_argument("--days", type=int, default=30, help="days the DATEADDED stamps span")
    ap.add_argument("--dyadic", action="store_true", help="only events with two country actors")
    ap.add_argument("--spread", type=float, default=0.3, help="share of resampled countries")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--first-id", type=int, default=2_000_000_000, help="first GLOBALEVENTID")
    a = ap.parse_args(argv)
    start = datetime.strptime(a.start, "%Y%m%d").replace(tzinfo=UTC)
    generate(
        a.out,
        a.events,
        mentions_out=a.mentions,
        start=start,
        days=a.days,
        dyadic=a.dyadic,
        spread=a.spread,
        seed=a.seed,
        first_id=a.first_id,
    )
    print(f"wrote {a.events:,} events to {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
