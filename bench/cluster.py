"""Extraction throughput on a Dask cluster against the single-process build (`make bench`).

What is timed: the extraction phase only (reading is done before, fusion and writing after are the
same code in both paths), once the model is loaded: ``extract_articles`` with one spaCy process,
then ``ClusterExtractor.extract`` on a LocalCluster of 1 and of 2 worker processes, each worker
having loaded the model at start. Articles: the devset (ours) repeated ``--copies`` times with
fresh ids, so that every run extracts the same texts.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_ARTICLES = REPO / "tests" / "devset" / "manifest.jsonl"


def corpus(manifest: Path, copies: int):
    from kg_builder.ingest import read_articles
    articles, _ = read_articles([], manifest)
    return [replace(a, id=f"{a.id}-{n}") for n in range(copies) for a in articles]


def measure(manifest: Path, copies: int, workers: list[int]) -> dict:
    from kg_builder.distributed import ClusterExtractor, connect
    from kg_builder.nlp import load_model
    from kg_builder.pipeline import extract_articles

    articles = corpus(manifest, copies)
    nlp = load_model()
    started = time.perf_counter()
    extract_articles(articles, nlp, n_process=1)
    results = {"articles": len(articles), "single_process": len(articles) / (time.perf_counter() - started)}
    for count in workers:
        with connect(f"local:{count}") as client:
            extractor = ClusterExtractor(client)
            started = time.perf_counter()
            found, problems = extractor.extract(articles)
            assert len(found) == len(articles) and not problems
            results[f"local_{count}"] = len(articles) / (time.perf_counter() - started)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="a JSON Lines manifest")
    parser.add_argument("--copies", type=int, default=6, help="times the articles are repeated")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = measure(args.articles, args.copies, args.workers)
    base = results["single_process"]
    print(f"extraction of {results['articles']} articles, articles/s:")
    for key, value in results.items():
        if key != "articles":
            print(f"  {key:<16}{value:8.1f}  ({value / base:.2f}× single process)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
