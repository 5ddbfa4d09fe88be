"""When an attack happened (``attack_time``), on short sentences of our own."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder import temporal
from kg_builder.attack_state import AttacksRead, AttackState
from kg_builder.attack_time import AttackTimes, opens_same_day, take_time
from kg_builder.attacks import Cluster
from kg_builder.layout import read_layout
from kg_builder.timex import find_time_phrases

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def _reading(nlp, text: str):
    doc = nlp(text)
    return doc, AttackTimes(doc, find_time_phrases(doc, PUBLISHED), PUBLISHED), read_layout(doc)


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


@pytest.mark.model
def test_the_date_on_the_deed_is_the_attacks_own(nlp):
    doc, times, sentences = _reading(nlp, "Gunmen stormed a police post in Kandahar on Monday.")
    time, own = times.time_of(_token(doc, "stormed"), sentences[0], AttacksRead())
    assert time.value == "2021-03-08" and own


@pytest.mark.model
def test_the_day_of_the_report_dates_no_deed_but_is_its_report_day(nlp):
    doc, times, sentences = _reading(nlp, "A rocket hit a fuel depot in Kandahar, officials said on Tuesday.")
    hit = _token(doc, "hit")
    assert times.time_of(hit, sentences[0], AttacksRead()) == (None, False)
    assert times.report_day(hit, sentences[0]).value == "2021-03-09"


@pytest.mark.model
def test_a_sentence_opening_hours_later_is_a_new_scene_the_same_day(nlp):
    doc, times, sentences = _reading(nlp, "A bomb exploded at a market. Hours later, a second bomb went off nearby.")
    assert not opens_same_day(sentences[0].span) and opens_same_day(sentences[1].span)
    assert times.opens_new_scene(sentences[1].span)


def test_a_time_long_before_publication_is_a_past_attack_recalled():
    times = AttackTimes(None, [], PUBLISHED)
    assert times.long_before(temporal.normalize("in 2014", PUBLISHED))
    assert not times.long_before(temporal.normalize("on Monday", PUBLISHED))


def test_a_date_that_cannot_be_the_attacks_is_not_taken_and_a_finer_one_is():
    state = AttackState(Cluster(kind="Bombing"))
    take_time(state, temporal.normalize("in March 2021", PUBLISHED), 0)
    take_time(state, temporal.normalize("in January 2020", PUBLISHED), 0)  # another month: something else's
    assert state.time.value == "2021-03"
    take_time(state, temporal.normalize("on Monday", PUBLISHED), 1)  # a caption's day, finer: not over the body
    assert state.time.value == "2021-03"
    take_time(state, temporal.normalize("on Monday", PUBLISHED), 0)
    assert state.time.value == "2021-03-08"
