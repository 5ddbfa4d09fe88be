"""Which attack a sentence's casualty figures belong to (``attack_figures``), on sentences of our own."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.actors import ActorResolver
from kg_builder.attack_figures import AttackFigures
from kg_builder.attack_state import AttacksRead, AttackState
from kg_builder.attacks import Cluster, find_mentions
from kg_builder.figures import casualties
from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.layout import read_layout
from kg_builder.places import PlaceFinder
from kg_builder.timex import find_time_phrases

pytestmark = pytest.mark.model  # every test here runs the spaCy model

PUBLISHED = date(2021, 3, 10)


def _read(nlp, text: str, told: AttacksRead | None = None) -> tuple[AttacksRead, AttackFigures]:
    """Each sentence's mentions start an attack of their own, then its figures are read."""
    doc = nlp(text)
    actors, gazetteer = ActorResolver(doc), load_gazetteer()
    figures = AttackFigures(PlaceFinder(doc, gazetteer, actors.country), actors, gazetteer,
                            find_time_phrases(doc, PUBLISHED))
    told = told or AttacksRead()
    for sentence in read_layout(doc):
        mentions = find_mentions(doc, sentence.span)
        for mention in mentions:
            state = AttackState(Cluster(kind=mention.kind))
            state.cluster.add(mention)
            told.attacks.append(state)
            told.by_token[mention.token.i] = told.current = state
        figures.read(sentence, mentions, told)
    return told, figures


def test_the_toll_goes_to_the_attack_of_its_sentence(nlp):
    told, _ = _read(nlp, "A car bomb killed 12 people and wounded 30 at a market in Kabul on Monday.")
    assert [(a.killed.value, a.injured.value) for a in told.attacks] == [(12, 30)]


def test_a_sentence_without_a_trigger_adds_what_the_attack_being_told_lacks(nlp):
    told, _ = _read(nlp, "A car bomb killed 12 people at a market in Kabul on Monday. More than 40 were wounded.")
    assert (told.current.killed.value, told.current.injured.value) == (12, 40)


def test_a_months_tally_is_no_attacks_toll(nlp):
    told, _ = _read(nlp, "A car bomb exploded at a market in Kabul on Monday. In February, 160 civilians were "
                         "killed across the country.")
    assert told.current.killed is None


def test_what_an_armed_group_says_it_killed_is_its_claim_not_the_attacks_toll(nlp):
    text = "A car bomb exploded at an army base in Kabul on Monday. The Taliban said they killed 10 soldiers."
    told, figures = _read(nlp, text)
    assert told.current.killed is None
    claim = list(figures.places.doc.sents)[1]
    assert [c.figure.value for c in figures.claimed(casualties(claim))] == [10]
