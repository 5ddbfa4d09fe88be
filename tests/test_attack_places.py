"""Where an attack happened (``attack_places``), on short sentences of our own."""
from __future__ import annotations

import pytest

from kg_builder.actors import ActorResolver
from kg_builder.attack_places import MentionPlace, place_of_mention, places_conflict, take_place
from kg_builder.attack_state import AttackState
from kg_builder.attacks import Cluster
from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.places import PlaceFinder

pytestmark = pytest.mark.model  # every test here runs the spaCy model


def _found(nlp, text: str, word: str) -> tuple[MentionPlace, object]:
    doc = nlp(text)
    places = PlaceFinder(doc, load_gazetteer(), ActorResolver(doc).country)
    token = next(t for t in doc if t.text == word)
    return place_of_mention(places, token, token.sent), places


def test_a_place_inside_the_mention_is_its_own(nlp):
    found, _ = _found(nlp, "The attack on a school in Herat killed five pupils.", "attack")
    assert (found.name, found.own, found.telling) == ("Herat", True, "Herat")


def test_the_speakers_place_may_be_the_attacks_but_tells_no_attack_apart(nlp):
    found, _ = _found(nlp, "A bomb exploded at a school, officials in Kabul said.", "exploded")
    assert (found.name, found.own, found.telling) == ("Kabul", False, None)


def test_a_finer_place_refines_the_attacks_and_one_elsewhere_does_not(nlp):
    _, places = _found(nlp, "A bomb exploded in Kabul.", "exploded")
    state = AttackState(Cluster(kind="Bombing"), place="Afghanistan")
    take_place(places, state, MentionPlace("Kabul", None, False, "Kabul"))
    assert state.place == "Kabul"
    take_place(places, state, MentionPlace("Herat", "a market", False, "Herat"))
    assert state.place == "Kabul" and state.place_detail == "a market"
    assert places_conflict(places, "Herat", "Kabul") and not places_conflict(places, "Kabul", "Afghanistan")


def test_a_place_named_in_a_mention_replaces_a_guess_from_the_sentence(nlp):
    _, places = _found(nlp, "A bomb exploded in Kabul.", "exploded")
    state = AttackState(Cluster(kind="Bombing"), place="Kabul")
    take_place(places, state, MentionPlace("Herat", None, True, "Herat"))
    assert (state.place, state.place_own) == ("Herat", True)
