"""Interval relations over TimeValue bounds: true/false fixture pairs over shared instants and intervals.

In the manner of the OWL-Time test suite: the values are named once here and every relation is
checked both ways, certain and possible, including where open (unknown) bounds make the difference.
"""
from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from kg_builder import temporal
from kg_builder.types import TimeValue


def day(iso: str, text: str = "") -> TimeValue:
    d = date.fromisoformat(iso)
    return TimeValue(text or iso, "day", d, d, d, d, iso)


D = date.fromisoformat
ATTACK_KABUL = day("2020-11-21", "rockets on Kabul")
MEETING = day("2020-11-21", "one-day meeting")
ATTACK_2019 = day("2019-05-31", "car bomb")
ACADEMY = day("2019-05-30", "academy attack")
MID_SEPTEMBER = day("2020-09-15")
SPRING_2021 = day("2021-03-01")
SEPTEMBER = TimeValue("in September", "month", D("2020-09-01"), D("2020-09-30"), D("2020-09-01"), D("2020-09-30"), "2020-09")
NOVEMBER = TimeValue("in November", "month", D("2020-11-01"), D("2020-11-30"), D("2020-11-01"), D("2020-11-30"), "2020-11")
# an offensive that lasted the whole of November: begins on the 1st, ends on the 30th
WHOLE_NOVEMBER = TimeValue("all of November", "month", D("2020-11-01"), D("2020-11-01"), D("2020-11-30"), D("2020-11-30"))
MAY_2019 = TimeValue("in May", "month", D("2019-05-01"), D("2019-05-31"), D("2019-05-01"), D("2019-05-31"), "2019-05")
# talks that began in September and were still going when the report of 2020-11-21 appeared
TALKS = TimeValue("talks since September", "month", D("2020-09-01"), D("2020-09-30"), D("2020-11-21"), None)
# the same talks as another report saw them four days later
TALKS_LATER_REPORT = TimeValue("talks since September", "month", D("2020-09-01"), D("2020-09-30"), D("2020-11-25"), None)
ROUND_ENDED_BY_ATTACK_DAY = TimeValue("a round that had ended by then", "unknown", None, None, None, D("2019-05-31"))
ROUND_ENDED_DAY_BEFORE = TimeValue("a round over the day before", "unknown", None, None, None, D("2019-05-30"))
HOURS_AFTER = TimeValue("hours after", "day", D("2020-11-20"), D("2020-11-21"), D("2020-11-20"), D("2020-11-21"))
UNKNOWN = TimeValue("some time", "unknown")

NAMED = {name: value for name, value in globals().items() if isinstance(value, TimeValue)}

CASES = [
    # certainly_before: a ends on a day before b can begin
    ("certainly_before", ACADEMY, ATTACK_2019, True),
    ("certainly_before", ATTACK_2019, ACADEMY, False),
    ("certainly_before", SEPTEMBER, ATTACK_KABUL, True),
    ("certainly_before", MEETING, ATTACK_KABUL, False),  # same day is not before at day granularity
    ("certainly_before", TALKS, SPRING_2021, False),  # open end proves nothing
    ("certainly_before", ROUND_ENDED_DAY_BEFORE, ATTACK_2019, True),
    ("certainly_before", UNKNOWN, ACADEMY, False),
    # possibly_before: unless bounds exclude it
    ("possibly_before", TALKS, SPRING_2021, True),
    ("possibly_before", TALKS, ATTACK_KABUL, False),  # still going on the attack's day
    ("possibly_before", HOURS_AFTER, ATTACK_KABUL, True),  # if it fell on the 20th
    ("possibly_before", ATTACK_KABUL, SEPTEMBER, False),
    ("possibly_before", ROUND_ENDED_BY_ATTACK_DAY, ATTACK_2019, True),
    ("possibly_before", UNKNOWN, ACADEMY, True),
    ("possibly_before", MEETING, ATTACK_KABUL, False),
    # after mirrors before
    ("certainly_after", ATTACK_2019, ACADEMY, True),
    ("certainly_after", ACADEMY, ATTACK_2019, False),
    ("certainly_after", ATTACK_KABUL, SEPTEMBER, True),
    ("certainly_after", SPRING_2021, TALKS, False),
    ("possibly_after", SPRING_2021, TALKS, True),
    ("possibly_after", ATTACK_KABUL, TALKS, False),
    ("possibly_after", ATTACK_KABUL, HOURS_AFTER, True),
    ("possibly_after", SEPTEMBER, ATTACK_KABUL, False),
    # certainly_during: a's whole possible span inside b's surest span, same day included
    ("certainly_during", ATTACK_KABUL, TALKS, True),
    ("certainly_during", ATTACK_KABUL, MEETING, True),
    ("certainly_during", HOURS_AFTER, WHOLE_NOVEMBER, True),
    ("certainly_during", HOURS_AFTER, NOVEMBER, False),  # an event "in November" may be a day far from the 20th
    ("certainly_during", MID_SEPTEMBER, TALKS, False),  # the talks may have begun on 30 September
    ("certainly_during", ATTACK_2019, ROUND_ENDED_BY_ATTACK_DAY, False),  # the round's begin is unknown
    ("certainly_during", ATTACK_KABUL, SEPTEMBER, False),
    ("certainly_during", TALKS, NOVEMBER, False),
    ("certainly_during", ATTACK_KABUL, UNKNOWN, False),
    # possibly_during: some placement of a fits inside some placement of b
    ("possibly_during", ATTACK_2019, ROUND_ENDED_BY_ATTACK_DAY, True),
    ("possibly_during", ATTACK_2019, ROUND_ENDED_DAY_BEFORE, False),  # it ended before the attack
    ("possibly_during", MID_SEPTEMBER, TALKS, True),
    ("possibly_during", ATTACK_KABUL, SEPTEMBER, False),
    ("possibly_during", TALKS, NOVEMBER, False),  # began in September
    ("possibly_during", ATTACK_KABUL, TALKS, True),
    ("possibly_during", UNKNOWN, MAY_2019, True),
    ("possibly_during", MAY_2019, ATTACK_2019, True),  # a May event could be that very day
    ("possibly_during", MAY_2019, ACADEMY, True),
    ("possibly_during", SEPTEMBER, ATTACK_KABUL, False),
    # overlaps: the two share at least one day
    ("certainly_overlaps", TALKS, WHOLE_NOVEMBER, True),
    ("certainly_overlaps", TALKS, NOVEMBER, False),  # a November event may come after the talks ended
    ("certainly_overlaps", ATTACK_KABUL, TALKS, True),
    ("certainly_overlaps", HOURS_AFTER, ATTACK_KABUL, False),
    ("certainly_overlaps", ROUND_ENDED_BY_ATTACK_DAY, MAY_2019, False),
    ("certainly_overlaps", SEPTEMBER, NOVEMBER, False),
    ("possibly_overlaps", HOURS_AFTER, ATTACK_KABUL, True),
    ("possibly_overlaps", ROUND_ENDED_BY_ATTACK_DAY, ATTACK_2019, True),
    ("possibly_overlaps", ROUND_ENDED_DAY_BEFORE, ATTACK_2019, False),
    ("possibly_overlaps", SEPTEMBER, NOVEMBER, False),
    ("possibly_overlaps", TALKS, SPRING_2021, True),
    ("possibly_overlaps", UNKNOWN, ACADEMY, True),
    # compatible: could be the same time
    ("compatible", HOURS_AFTER, ATTACK_KABUL, True),
    ("compatible", MID_SEPTEMBER, SEPTEMBER, True),
    ("compatible", TALKS, TALKS_LATER_REPORT, True),
    ("compatible", SEPTEMBER, NOVEMBER, False),
    ("compatible", ACADEMY, ATTACK_2019, False),
    ("compatible", TALKS, SEPTEMBER, False),  # the talks outlived September
    ("compatible", UNKNOWN, MAY_2019, True),
]


def _name(value: TimeValue) -> str:
    return next(name for name, v in NAMED.items() if v is value)


@pytest.mark.parametrize("relation,a,b,expected", [
    pytest.param(*case, id=f"{case[0]}-{_name(case[1])}-{_name(case[2])}-{case[3]}") for case in CASES])
def test_relation(relation, a, b, expected):
    assert getattr(temporal, relation)(a, b) is expected


def test_every_relation_has_true_and_false_fixtures():
    for relation in {c[0] for c in CASES}:
        assert {c[3] for c in CASES if c[0] == relation} == {True, False}, relation


@pytest.mark.parametrize("kind", ["before", "after", "during", "overlaps"])
def test_certain_implies_possible_over_all_named_values(kind):
    certain, possible = getattr(temporal, f"certainly_{kind}"), getattr(temporal, f"possibly_{kind}")
    for a, b in product(NAMED.values(), repeat=2):
        if certain(a, b):
            assert possible(a, b), (kind, a.text, b.text)


def test_certainly_before_excludes_possibly_after_and_during_implies_overlap():
    for a, b in product(NAMED.values(), repeat=2):
        if temporal.certainly_before(a, b):
            assert not temporal.possibly_after(a, b) and not temporal.possibly_overlaps(a, b), (a.text, b.text)
        if temporal.certainly_during(a, b):
            assert temporal.certainly_overlaps(a, b), (a.text, b.text)


def test_intersect_fuses_two_reports():
    fused = temporal.intersect(HOURS_AFTER, ATTACK_KABUL)
    assert (fused.granularity, fused.value, fused.earliest_begin, fused.latest_end) == ("day", "2020-11-21", D("2020-11-21"), D("2020-11-21"))
    day_in_month = temporal.intersect(SEPTEMBER, MID_SEPTEMBER)
    assert (day_in_month.value, day_in_month.text) == ("2020-09-15", "2020-09-15")
    talks = temporal.intersect(TALKS, TALKS_LATER_REPORT)
    assert (talks.earliest_begin, talks.latest_begin, talks.earliest_end, talks.latest_end, talks.value) == \
        (D("2020-09-01"), D("2020-09-30"), D("2020-11-25"), None, None)
    assert temporal.intersect(SEPTEMBER, NOVEMBER) is None
    assert temporal.intersect(UNKNOWN, MAY_2019) == MAY_2019
