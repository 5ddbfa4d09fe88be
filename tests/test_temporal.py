"""Time phrases normalized against the publication date: the TimeML-style table plus the API edges."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from kg_builder.errors import KGBError
from kg_builder.temporal import find_times, normalize, zone_offset

CASES = Path(__file__).parent / "data" / "temporal_cases.tsv"
KNOWN_FAILURES: dict[str, str] = {}  # "phrase|published|tense|anchor" → reason; keep under 5 % of the table


def _date(text: str) -> date | None:
    return None if text == "-" else date.fromisoformat(text)


def _rows() -> list:
    with CASES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    params = []
    for n, row in enumerate(rows, 2):
        key = "|".join((row["phrase"], row["published"], row["tense"], row["anchor"]))
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[key])] if key in KNOWN_FAILURES else []
        params.append(pytest.param(row, id=f"{n}:{row['phrase']}", marks=marks))
    return params


def test_table_is_large_and_failures_are_few():
    rows = _rows()
    assert len(rows) >= 160
    assert len(KNOWN_FAILURES) < 0.05 * len(rows)


@pytest.mark.parametrize("row", _rows())
def test_case(row):
    anchor = None if row["anchor"] == "-" else normalize(row["anchor"], None)
    got = normalize(row["phrase"], _date(row["published"]), tense=row["tense"], anchor=anchor)
    if row["expected_granularity"] == "-":
        assert got is None, f"{row['note']}: expected None, got {got}"
        return
    assert got is not None, row["note"]
    expected = (None if row["expected_value"] == "-" else row["expected_value"], row["expected_granularity"],
                _date(row["earliest_begin"]), _date(row["latest_end"]))
    assert (got.value, got.granularity, got.earliest_begin, got.latest_end) == expected, row["note"]
    assert got.text == row["phrase"]


def test_inner_bounds_of_a_month_and_an_open_span():
    september = normalize("in September", date(2020, 11, 21))
    assert (september.latest_begin, september.earliest_end) == (date(2020, 9, 30), date(2020, 9, 1))
    since = normalize("since September", date(2020, 11, 21))
    assert (since.latest_begin, since.earliest_end, since.latest_end) == (date(2020, 9, 30), date(2020, 11, 21), None)
    assert normalize("since September", date(2020, 11, 21), tense="future").earliest_end is None


def test_event_zone_moves_a_clock_time_to_the_local_day():
    phrase = "at 2 am on November 21, Vietnam time"  # 19:00 UTC on the 20th = 23:30 in Kabul
    assert normalize(phrase, date(2020, 11, 21), zone="Kabul time").value == "2020-11-20"
    assert normalize(phrase, date(2020, 11, 21), zone="UTC+7").value == "2020-11-21"
    assert normalize("at 11:30 am on November 21, Vietnam time", date(2020, 11, 21), zone="Afghanistan time").value == "2020-11-21"
    assert normalize("at 11 pm on November 20, GMT", date(2020, 11, 21), zone="Pakistan time").value == "2020-11-21"
    # a stated local time is already the event's zone
    assert normalize("at 11 pm on November 20, local time", date(2020, 11, 21), zone="Pakistan time").value == "2020-11-20"


def test_zone_table_and_offsets():
    assert zone_offset("Kabul time") == 270 and zone_offset("India time") == 330 and zone_offset("EST") == -300
    assert zone_offset("UTC-3:30") == -210 and zone_offset("local time") is None
    with pytest.raises(KGBError, match="unknown time zone"):
        zone_offset("Mars time")


def test_bad_tense_is_refused():
    with pytest.raises(KGBError, match="tense 'perfect'"):
        normalize("on Monday", date(2020, 11, 21), tense="perfect")


def test_anchor_with_range_shifts_all_bounds():
    september = normalize("in September", date(2020, 11, 21))
    later = normalize("two days after", date(2020, 11, 21), anchor=september)
    assert (later.earliest_begin, later.latest_begin, later.earliest_end, later.latest_end) == \
        (date(2020, 9, 3), date(2020, 10, 2), date(2020, 9, 3), date(2020, 10, 2))
    assert (later.granularity, later.value) == ("month", None)  # no longer one calendar month


TEXT = ("Militants may have planned it for weeks. The convoy was hit early Friday morning, only a day after a "
        "cadet school was attacked, and two days after talks resumed on Nov. 2. Nov. On the 3rd, officials met "
        "in May, and again on the 21st of November, 2020, last night and on Saturday's anniversary. "
        "Protesters march in March. May 5 was quiet; so was 2020-11-19. Sirens sounded at 11:30 am on November 21, "
        "Vietnam time, and again at 6 p.m. GMT+7.")


def test_find_times_hits_the_phrases_ner_misses():
    found = [phrase for _, _, phrase in find_times(TEXT)]
    assert found == ["early Friday morning", "only a day after", "two days after", "Nov. 2", "Nov. On the 3rd",
                     "in May", "the 21st of November, 2020", "last night", "Saturday's", "in March", "May 5",
                     "2020-11-19", "at 11:30 am on November 21, Vietnam time", "at 6 p.m. GMT+7"]


def test_find_times_offsets_point_at_the_phrase():
    for start, end, phrase in find_times(TEXT):
        assert TEXT[start:end] == phrase


@pytest.mark.parametrize("text", ["They may strike again.", "May God protect them.", "Crowds march on the capital.",
                                  "The Mayor spoke.", "Marchers gathered in Maywood."])
def test_find_times_ignores_may_and_march_as_verbs(text):
    assert find_times(text) == []


def test_a_phrase_is_read_once_and_its_words_stay_the_callers():
    from kg_builder.temporal import _read_tokens, _tokens
    _read_tokens.cache_clear()
    words, _, _ = _tokens("on the morning of 3 March 2021")
    words.append("garbage")  # the caller's own list: the cached reading must not change
    again, _, _ = _tokens("on the morning of 3 March 2021")
    assert "garbage" not in again and again == words[:-1]
    assert _read_tokens.cache_info().hits == 1
    assert normalize("on 3 March 2021", date(2021, 3, 5)) == normalize("on 3 March 2021", date(2021, 3, 5))
