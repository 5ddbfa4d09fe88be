"""Fusion cost as the store grows (`make bench`): does the time per article stay flat?

Synthetic attack and negotiation mentions of our own (no text is parsed): articles of three attack
mentions each at forty places, ARTICLES_PER_DAY articles a day, so a larger store covers a longer
period at the same density (an archive grows by adding weeks, not by packing more attacks into one
city's week); a third of the attacks are told again by another article (another toll, a month for
the day), a tenth of the new ones undated (they get the assumed recent time), and a few talks and
rounds. Prints, for each size, the mentions, articles,
fused events, seconds and milliseconds per article; flat milliseconds per article mean the blocking
by week and place keeps each mention's comparisons bounded.

    python bench/fusion.py [--sizes 10000 100000] [--seed 13]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg_builder.fuse import fuse  # noqa: E402
from kg_builder.gazetteer import load as load_gazetteer  # noqa: E402
from kg_builder.types import (Article, AttackMention, Evidence, Extraction, Figure,  # noqa: E402
                              NegotiationMention, TimeValue)

KINDS = ("Bombing", "SuicideBombing", "CarBombing", "RocketAttack", "ArmedAssault", "Airstrike", "Attack")
START = date(2000, 1, 1)
PER_ARTICLE = 3
ARTICLES_PER_DAY = 10


def _day(d: date) -> TimeValue:
    return TimeValue(d.isoformat(), "day", d, d, d, d, d.isoformat())


def _month(d: date) -> TimeValue:
    first = d.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return TimeValue(first.strftime("%B %Y"), "month", first, last, first, last, first.strftime("%Y-%m"))


def _places() -> list[str]:
    gazetteer = load_gazetteer()
    cities = sorted(name for name, place in gazetteer.places.items() if place.kind == "city")
    return cities[:40] or ["Kabul"]


def extractions(mentions: int, seed: int) -> list[Extraction]:
    """``mentions`` attack mentions in articles of PER_ARTICLE, with retold events and some talks."""
    rng = random.Random(seed)
    places = _places()
    events: list[tuple[str, date, str, int]] = []
    articles: list[Extraction] = []
    count = mentions // PER_ARTICLE
    days = max(1, count // ARTICLES_PER_DAY)
    for n in range(count):
        published = START + timedelta(days=n * days // count)  # in publication order, as an archive grows
        attacks = []
        for k in range(PER_ARTICLE):
            if events and rng.random() < 0.33:  # a later report of an earlier event
                kind, when, place, killed = rng.choice(events[-200:])
                time = _month(when) if rng.random() < 0.2 else _day(when)
                killed = killed + rng.randrange(0, 5)
            else:
                kind, when, place = rng.choice(KINDS), published - timedelta(days=rng.randrange(3)), rng.choice(places)
                killed = rng.randrange(1, 60)
                events.append((kind, when, place, killed))
                time = None if rng.random() < 0.1 else _day(when)
            sentence = f"Synthetic report {n} of attack {k}."
            attacks.append(AttackMention(f"A{k + 1}", kind, Evidence(sentence, 0, len(sentence), "bench"), time,
                                         place, killed=Figure(killed, rng.choice((None, "at least")))))
        talks = ()
        if n % 50 == 0:
            sentence = f"Synthetic talks {n}."
            talks = (NegotiationMention("N1", rng.choice(("Talks", "NegotiationRound")), "talks",
                                        Evidence(sentence, 0, len(sentence), "bench"), rng.choice(places),
                                        ("Government", f"Group {rng.randrange(5)}"), _day(published)),)
        articles.append(Extraction(Article(f"bench-{n:06d}", "", published, "Bench Wire"), tuple(attacks),
                                   negotiations=talks))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    gazetteer = load_gazetteer()
    print("fusion: mentions, articles, fused events, seconds, ms per article")
    for size in args.sizes:
        batch = extractions(size, args.seed)
        started = time.perf_counter()
        fusion = fuse(batch, gazetteer)
        seconds = time.perf_counter() - started
        print(f"  {size:>7,} mentions  {len(batch):>6,} articles  {len(fusion.events):>6,} events  "
              f"{seconds:7.1f} s  {1000 * seconds / len(batch):6.2f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
