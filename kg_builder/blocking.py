"""Blocking for fusion: the clusters a mention could join, without comparing it with every cluster.

Fusion (kg_builder/fuse.py) files each cluster under keys taken from its first member and looks a
new mention up by the same keys; what comes back must be a superset of the clusters the mention
can join or is worth a recorded decision about (tests/test_fuse.py checks this over a grid).
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:  # fuse imports this module; the names are for the annotations only
    from .fuse import _Item, _Places


class Blocks:
    """The clusters an item could join, found by week, country and place instead of comparing every pair.

    Both comparisons need, of an item and a cluster's first member, overlapping times when both
    are timed, no two different countries, and the same or a contained place when either is
    untimed. A timed cluster is filed under the weeks (7-day blocks) its first member's time
    touches (or as wide, when open or longer than WIDE_DAYS), each split by the first member's
    country (None when unknown); an untimed one under its first member's place and that place's
    ancestors. Lookups return a superset of the clusters the item can join, and a busy week is
    split by country, so the comparisons per item stay bounded as the store grows.
    """

    WIDE_DAYS = 400

    def __init__(self, places: "_Places"):
        self.places = places
        self.weeks: dict[int, dict[str | None, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.wide: dict[str | None, list[int]] = defaultdict(list)
        self.untimed: set[int] = set()
        self.at: dict[str, list[int]] = defaultdict(list)  # place → clusters whose first member is there
        self.within: dict[str, list[int]] = defaultdict(list)  # place → clusters at a place inside it
        self.untimed_at: dict[str, list[int]] = defaultdict(list)  # the same for untimed first members
        self.untimed_within: dict[str, list[int]] = defaultdict(list)

    def _weeks(self, item: "_Item") -> range | None:
        time = item.mention.time
        eb, le = (time.earliest_begin, time.latest_end) if time else (None, None)
        if eb is None or le is None or (le - eb).days > self.WIDE_DAYS:
            return None
        return range(eb.toordinal() // 7, le.toordinal() // 7 + 1)

    def add(self, index: int, item: "_Item") -> None:
        weeks = self._weeks(item)
        untimed = item.mention.time is None
        country = self.places.country(item.mention)
        if untimed:
            self.untimed.add(index)
        elif weeks is None:
            self.wide[country].append(index)
        for week in weeks or ():
            self.weeks[week][country].append(index)
        place = item.mention.place
        if place:
            for at, within in ((self.at, self.within), (self.untimed_at, self.untimed_within))[:1 + untimed]:
                at[place].append(index)
                for ancestor in self.places.ancestors(place):
                    within[ancestor].append(index)

    def _near(self, place: str | None, at: dict[str, list[int]], within: dict[str, list[int]]) -> set[int]:
        """Clusters whose first member is at ``place``, inside it, or at a place containing it."""
        near: set[int] = set()
        if place:
            near.update(at.get(place, ()), within.get(place, ()))
            for ancestor in self.places.ancestors(place):
                near.update(at.get(ancestor, ()))
        return near

    @staticmethod
    def _of(country: str | None, by_country: Mapping[str | None, list[int]]) -> list[int]:
        """The clusters of ``country`` and of no known country; all of them when ``country`` is None."""
        if country is None:
            return [i for found in by_country.values() for i in found]
        return [*by_country.get(country, ()), *by_country.get(None, ())]

    def candidates(self, item: _Item, count: int) -> list[int]:
        place = item.mention.place
        if item.mention.time is None:
            return sorted(self._near(place, self.at, self.within))
        country = self.places.country(item.mention)
        weeks = self._weeks(item)
        timed = set(self._of(country, self.wide))
        if weeks is None:
            timed.update(i for week in self.weeks.values() for i in self._of(country, week))
        else:
            for w in weeks:
                if w in self.weeks:
                    timed.update(self._of(country, self.weeks[w]))
        # untimed clusters come from their own place index, so a timed item never walks every
        # cluster of a busy city
        return sorted(timed | self._near(place, self.untimed_at, self.untimed_within))
