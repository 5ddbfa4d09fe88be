"""Attack kinds the reader used to miss: vehicles driven into people, and what is named only as a
charge (sentences of our own)."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.extract import extract
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def attacks(nlp, text: str) -> list[tuple]:
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    return [(a.kind, a.time.value if a.time else None, a.place, a.killed.value if a.killed else None) for a in found]


def test_kidnappings_in_general_are_no_attack(nlp):
    text = "School kidnappings have become common across the north-west, officials say."
    assert attacks(nlp, text) == []


def test_a_kidnapping_charge_is_no_attack(nlp):
    assert attacks(nlp, "A former police officer in Kano faces kidnapping charges, a court heard on Tuesday.") == []


@pytest.mark.parametrize("text", [
    "A man rammed his truck into a crowd of shoppers in Nice on Tuesday, killing four people.",
    "A van ploughed into pedestrians on a busy street in Nice on Tuesday, killing four people.",
    "Three tourists and a local guide were hit by a car in Nice on Tuesday; four people were killed.",
])
def test_a_vehicle_driven_into_people_is_an_attack(nlp, text):
    assert attacks(nlp, text) == [("Attack", "2021-03-09", "Nice", 4)]


@pytest.mark.parametrize("text", [
    "A car hit a tree on the coast road near Nice on Tuesday, police said.",
    "The driver lost control and drove his car into a ditch near Nice on Tuesday.",
    "A truck ploughed into a wall near Nice on Tuesday after its brakes failed.",
])
def test_a_vehicle_that_hits_a_thing_is_no_attack(nlp, text):
    assert attacks(nlp, text) == []


def test_a_vehicle_hit_by_a_rocket_is_a_rocket_attack_not_a_ramming(nlp):
    kinds = [a[0] for a in attacks(nlp, "A car was hit by a rocket near the airport in Aden on Tuesday.")]
    assert kinds == ["RocketAttack"]


@pytest.mark.parametrize("text, kind", [
    ("Israel retaliated by bombing a camp in Gaza on Tuesday, killing three people.", "Airstrike"),
    ("The rebels retaliated by attacking an army post near Homs on Tuesday, killing three soldiers.", "ArmedAssault"),
])
def test_a_deed_told_as_by_doing_takes_the_doer_of_its_verb(nlp, text, kind):
    assert [a[0] for a in attacks(nlp, text)] == [kind]


def test_by_doing_something_else_is_no_attack(nlp):
    assert attacks(nlp, "Residents of Homs protested on Tuesday by blocking a main road.") == []


@pytest.mark.parametrize("text", [
    "Gunmen took 30 workers hostage at a gas plant near In Amenas on Tuesday.",
    "Militants seized dozens of hostages at a hotel in Bamako on Tuesday.",
])
def test_people_taken_hostage_are_a_kidnapping(nlp, text):
    assert [a[0] for a in attacks(nlp, text)] == ["Kidnapping"]


@pytest.mark.parametrize("text", [
    "The two engineers had been held hostage for months before their release in Bamako on Tuesday.",
    "Police took the suspect into custody in Bamako on Tuesday.",
    "The army seized a large cache of weapons near Bamako on Tuesday.",
])
def test_captivity_and_other_seizures_are_no_kidnapping(nlp, text):
    assert attacks(nlp, text) == []


def test_gunmen_who_abduct_passengers_make_one_kidnapping(nlp):
    text = "Gunmen abducted 20 passengers from a bus near Kaduna on Monday, police said."
    assert attacks(nlp, text) == [("Kidnapping", "2021-03-08", "Kaduna", None)]


def test_a_kidnapping_by_gunmen_the_next_day_is_one_attack_apart_from_the_bombing(nlp):
    text = ("A roadside bomb killed four soldiers near Kaduna on Monday. On Tuesday, gunmen kidnapped 12 students "
            "from a college in Zaria.")
    assert [a[0] for a in attacks(nlp, text)] == ["Bombing", "Kidnapping"]


def kinds_and_tolls(nlp, text: str) -> list[tuple]:
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    return [(a.kind, a.killed.value if a.killed else None) for a in found]


def test_missiles_fired_by_drones_are_an_air_strike(nlp):
    # missiles fired by aircraft are an air strike, and the militants it killed are its victims
    assert kinds_and_tolls(nlp, "Two drones fired four missiles at a compound in Miranshah on Monday, killing six "
                                "militants, officials said.") == [("Airstrike", 6)]


def test_rockets_fired_by_fighters_stay_a_rocket_attack(nlp):
    assert kinds_and_tolls(nlp, "Militants fired 30 rockets at an army base in Kirkuk on Friday, killing a "
                                "contractor.") == [("RocketAttack", 1)]


def test_a_state_strike_kills_the_groups_men_and_a_groups_attack_loses_its_own(nlp):
    assert kinds_and_tolls(nlp, "A US drone strike killed at least 12 militants in North Waziristan on Monday.") \
        == [("Airstrike", 12)]
    # the attackers who died in their own assault are no victims of it
    assert [killed for _, killed in kinds_and_tolls(
        nlp, "Militants stormed a police post in Kandahar on Monday. Police killed three of the attackers.")] == [None]


def test_an_aerial_attack_is_an_air_strike(nlp):
    assert kinds_and_tolls(nlp, "An aerial attack on the village killed ten people on Tuesday.") == [("Airstrike", 10)]
    assert kinds_and_tolls(nlp, "An attack on the village killed ten people on Tuesday.") == [("Attack", 10)]


def test_bombs_dropped_fall_from_aircraft_and_bombs_planted_do_not(nlp):
    assert kinds_and_tolls(nlp, "Military planes dropped bombs on a ceremony in the village on Wednesday, killing "
                                "seven people.") == [("Airstrike", 7)]
    assert kinds_and_tolls(nlp, "A bomb dropped by a drone killed two soldiers on Monday.") == [("Airstrike", 2)]
    assert kinds_and_tolls(nlp, "Militants planted bombs on the road and detonated them on Wednesday, killing four "
                                "soldiers.") == [("Bombing", 4)]


def test_attackers_firing_at_people_is_an_armed_assault(nlp):
    assert kinds_and_tolls(nlp, "Two soldiers were killed in a militant attack in Srinagar on Thursday. Police said "
                                "the militants fired at the soldiers on the highway.") == [("ArmedAssault", 2)]
    assert kinds_and_tolls(nlp, "The Taliban fired on a police checkpoint in Kunduz on Monday, killing four "
                                "officers.") == [("ArmedAssault", 4)]


def test_what_attackers_fire_and_what_soldiers_fire_at_is_not_their_shooting(nlp):
    assert kinds_and_tolls(nlp, "Militants fired rockets at an army base in Kirkuk on Friday, killing a "
                                "contractor.") == [("RocketAttack", 1)]
    assert kinds_and_tolls(nlp, "Soldiers fired at protesters in Kulgam on Monday, killing two people.") == []


def test_a_states_missile_strike_is_a_rocket_attack_and_its_plain_strike_an_air_strike(nlp):
    assert kinds_and_tolls(nlp, "A Russian missile strike on the city of Dnipro killed four people on Monday.") \
        == [("RocketAttack", 4)]
    assert kinds_and_tolls(nlp, "An Israeli strike on a car in Naqura killed two people on Monday.") == [("Airstrike", 2)]
