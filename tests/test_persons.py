"""No place, organisation, platform or publisher is typed as a person: the check on names of our own,
then over every actor node of the graphs of the seeds and of the real development set."""
from __future__ import annotations

import pytest
from rdflib.namespace import RDF, RDFS

from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.persons import not_a_person
from kg_builder.vocab import KGB

GAZ = load_gazetteer()


@pytest.mark.parametrize("name", ["Badghis", "Jalalabad", "Twitter", "the Taliban", "Doha", "Afghans",
                                  "Pachir Agam district", "Aamaq"])
def test_places_groups_platforms_and_demonyms_are_no_people(name):
    assert not_a_person(name, GAZ) is not None


@pytest.mark.parametrize("name", ["Zabihullah Mujahid", "Mullah Abdul Ghani Baradar", "Zalmay Khalilzad",
                                  "Georgia Brooks", "Tariq Arian", "Abdullah Abdullah"])
def test_peoples_names_pass(name):
    assert not_a_person(name, GAZ) is None


def test_a_publisher_is_no_person():
    assert not_a_person("Global Desk", GAZ, frozenset({"Global Desk"})) == "a publisher of the articles"
    assert not_a_person("Global Desk", GAZ) is None


def _bad_people(dataset) -> dict[str, str]:
    """Labels of kgb:Person nodes that the gazetteers know as something else, with what they are."""
    bad = {}
    for node in set(dataset.subjects(RDF.type, KGB.Person)):
        for label in map(str, dataset.objects(node, RDFS.label)):
            place = GAZ.place(label)
            actor = GAZ.actor(label)
            if place or (actor and actor.kind != "Person") or label in ("Twitter", "Facebook", "Telegram"):
                bad[label] = place.kind if place else actor.kind if actor else "platform"
    return bad


@pytest.mark.model
def test_no_seed_actor_node_is_a_place_typed_as_a_person(seed_build):
    dataset, _ = seed_build
    assert _bad_people(dataset) == {}
    labels = {str(label) for node in dataset.subjects(RDF.type, KGB.Person) for label in dataset.objects(node, RDFS.label)}
    assert {"Zabihullah Mujahid", "Zalmay Khalilzad"} <= labels and not {"Badghis", "Jalalabad", "Twitter"} & labels


@pytest.mark.model
def test_no_realdev_actor_node_is_a_place_typed_as_a_person(seeds_dir, nlp):
    from kg_builder.pipeline import build
    manifest = seeds_dir / "realdev" / "articles.jsonl"
    if not manifest.exists():
        pytest.skip(f"no real development set in {manifest.parent}")
    dataset, _ = build([], manifest, backend="memory", nlp=nlp)
    assert _bad_people(dataset) == {}
