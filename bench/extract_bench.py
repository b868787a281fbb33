"""Extraction speed on one core: articles/s and words/s.

The corpus is synthetic but realistic: paragraphs of the development-set articles
(tests/devset/articles) recombined, with a fixed seed, into N wire-layout articles of about W
words each. Reading, extraction and JSON serialisation are timed; the first article is run once
before timing so that lexicon compilation is not counted (it happens once per process).

    python bench/extract_bench.py                 # 250 articles of ~600 words
    python bench/extract_bench.py -n 400 -w 800 --json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.extract import get_extractor  # noqa: E402
from loaders.extract.article import parse_text  # noqa: E402
from loaders.extract.pipeline import to_json  # noqa: E402

DEVSET = ROOT / "tests" / "devset" / "articles"


def _paragraphs(src: Path) -> list[str]:
    paras: list[str] = []
    for f in sorted(src.glob("*.txt")):
        a = parse_text(f.read_text(encoding="utf-8"), str(f), f.stem)
        body = a.text[a.body_start : a.body_end]
        paras.extend(p.strip() for p in re.split(r"\n\s*\n", body) if len(p.split()) > 12)
    if not paras:
        raise SystemExit(f"no articles in {src}")
    return paras


def corpus(n: int, words: int, seed: int = 7, src: Path = DEVSET) -> list[str]:
    """n wire-layout articles of about `words` words, deterministic for a seed."""
    rng = random.Random(seed)
    paras = _paragraphs(src)
    out: list[str] = []
    for i in range(n):
        body: list[str] = []
        count = 0
        while count < words:
            p = rng.choice(paras)
            body.append(p)
            count += len(p.split())
        day = 1 + i % 28
        out.append(
            f"Benchmark Article {i + 1}\n\nBy AFP\n\nMarch {day}, 2024\n\n"
            + "\n\n".join(body)
            + f"\n\nOriginal url:\n\nhttps://news.example.org/bench/{i + 1}\n"
        )
    return out


def run(n: int, words: int) -> dict[str, float | int]:
    texts = corpus(n, words)
    ex = get_extractor("rules")
    ex.extract(parse_text(texts[0], "warmup", "warmup"))  # lexicons compile once per process
    total_words = sum(len(t.split()) for t in texts)
    facts = 0
    t0 = time.process_time()
    w0 = time.perf_counter()
    for i, t in enumerate(texts):
        doc = ex.extract(parse_text(t, f"bench-{i}", f"bench-{i}"))
        to_json(doc)
        facts += len(doc.facts)
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    return {
        "articles": n,
        "words": total_words,
        "words_per_article": round(total_words / n),
        "facts": facts,
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "articles_per_second": round(n / cpu, 1),
        "words_per_second": round(total_words / cpu),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=250, help="number of articles (default 250)")
    ap.add_argument("-w", type=int, default=600, help="words per article (default 600)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    r = run(args.n, args.w)
    if args.json:
        print(json.dumps(r, indent=2))
    else:
        print(
            f"{r['articles']} articles, {r['words']} words "
            f"(~{r['words_per_article']} per article), "
            f"{r['facts']} facts in {r['cpu_seconds']} s CPU on one core: "
            f"{r['articles_per_second']} articles/s, {r['words_per_second']} words/s"
        )


if __name__ == "__main__":
    main()
