"""Which attack already read a mention names again (``attack_coref``), on sentences of our own."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.actors import ActorResolver
from kg_builder.attack_coref import AttackCoref, second_to_current, syntactic_partner
from kg_builder.attack_figures import AttackFigures
from kg_builder.attack_state import AttacksRead, AttackState
from kg_builder.attack_time import AttackTimes
from kg_builder.attacks import Cluster, find_mentions
from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.layout import read_layout
from kg_builder.places import PlaceFinder
from kg_builder.timex import find_time_phrases

pytestmark = pytest.mark.model  # every test here runs the spaCy model

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def _told(nlp, first: str, then: str):
    """The attack of the first sentence read (one state for all its mentions), the mentions of the
    sentence after it, and which attack read each of those names again (None: a new attack)."""
    doc = nlp(f"{first} {then}")
    actors, gazetteer = ActorResolver(doc), load_gazetteer()
    places, phrases = PlaceFinder(doc, gazetteer, actors.country), find_time_phrases(doc, PUBLISHED)
    times = AttackTimes(doc, phrases, PUBLISHED)
    decide = AttackCoref(places, times, AttackFigures(places, actors, gazetteer, phrases), lambda token: set())
    before, after = read_layout(doc)
    told = AttacksRead()
    mentions = find_mentions(doc, before.span)
    state = AttackState(Cluster(kind=mentions[0].kind), last_sentence=before.index)
    for mention in mentions:
        state.cluster.add(mention)
        told.by_token[mention.token.i] = state
    state.time, _ = times.time_of(mentions[0].token, before, told)
    state.place = "Kabul"
    told.attacks.append(state)
    told.current = state
    later = find_mentions(doc, after.span)
    named = [decide.referent(m, *times.time_of(m.token, after, told), None, False, after, told) for m in later]
    return state, told, later, named


def test_the_blast_names_the_bombing_just_told(nlp):
    state, _, _, named = _told(nlp, "A car bomb exploded at a market in Kabul on Monday.", "The blast killed 12 people.")
    assert named == [state]


def test_another_bomb_is_a_further_attack(nlp):
    _, told, later, named = _told(nlp, "A car bomb exploded at a market in Kabul on Monday.",
                                  "Another bomb exploded at a school.")
    assert named[0] is None
    assert second_to_current(later[0], told.current)  # on the day of the one before


def test_the_bomber_is_part_of_the_attack_he_carried_out(nlp):
    doc = nlp("A suicide bomber attacked a checkpoint in Kabul on Monday.")
    bomber, attacked = (next(t for t in doc if t.text == w) for w in ("bomber", "attacked"))
    state = AttackState(Cluster(kind="Attack"))
    assert syntactic_partner(bomber, {attacked.i: state}) is state
    assert syntactic_partner(bomber, {}) is None
