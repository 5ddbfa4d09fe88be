"""Villages and towns of reporting from places the curated list covers thinly (Mozambique, Cameroon,
Myanmar, Kashmir, Balochistan): their country and province from what the text names, the world's places
included (sentences of our own; each rule with a case where it must not fire)."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.actors import ActorResolver
from kg_builder.extract import extract
from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.places import PlaceFinder
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model

PUBLISHED = date(2023, 6, 14)  # a Wednesday


def attacks(nlp, text: str) -> list[tuple]:
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    return [(a.place, a.country) for a in found]


def test_a_village_lies_in_the_world_province_its_sentence_names(nlp):
    text = "Militants killed seven villagers in the village of Ntchinga in Cabo Delgado province, Mozambique, on Monday."
    assert attacks(nlp, text) == [("Ntchinga", "Mozambique")]


def test_a_town_lies_in_a_country_the_article_names_not_in_a_homonym_abroad(nlp):
    text = "Gunmen attacked the district of Palma on Monday, killing five people, police in Mozambique said."
    assert attacks(nlp, text) == [("Palma", "Mozambique")]


def test_with_no_country_named_the_big_homonym_stands(nlp):
    assert attacks(nlp, "A car bomb exploded in Palma on Monday, killing two people.") == [("Palma", "Spain")]


def test_a_country_the_tagger_takes_for_an_organisation_is_a_place_after_in(nlp):
    text = "A suicide bomber killed 11 people in northern Cameroon on Sunday, a governor said."
    assert attacks(nlp, text) == [("Cameroon", "Cameroon")]


def test_a_country_whose_army_speaks_is_no_place(nlp):
    assert attacks(nlp, "Gunmen killed four people in a village on Sunday, Cameroon's army said.") == [(None, None)]


def test_a_groups_base_is_not_where_its_attack_was(nlp):
    text = "A bomb exploded at a market on Sunday, killing six people, in an attack blamed on the Nigeria-based group."
    assert attacks(nlp, text) == [(None, None)]


def test_troops_stationed_in_a_town_may_be_attacked_there(nlp):
    assert attacks(nlp, "Troops stationed in Kandahar were attacked on Monday.") == [("Kandahar", "Afghanistan")]


def test_a_name_apposed_to_a_village_is_a_village(nlp):
    text = "The attack on Nyaung Kone, a village in Myanmar's Sagaing region, killed nine people on Tuesday."
    assert attacks(nlp, text) == [("Nyaung Kone", "Myanmar")]


def test_a_person_apposed_to_a_village_elder_is_no_village(nlp):
    text = "Gunmen shot dead Ali Karimi, a village elder, in Kandahar on Monday."
    assert attacks(nlp, text) == [("Kandahar", "Afghanistan")]


def test_a_village_in_a_township_lies_in_the_country_named(nlp):
    text = "Fighters stormed Moe Tarr Lay village of Katha township in Myanmar on Monday, killing seven people."
    assert attacks(nlp, text) == [("Moe Tarr Lay", "Myanmar")]


def test_a_village_is_finer_than_the_world_town_the_text_calls_a_district(nlp):
    text = "In the village of Chursoo in Kashmir's Kulgam district, militants killed two policemen on Monday."
    assert attacks(nlp, text) == [("Chursoo", "India")]


def test_a_town_the_tagger_takes_for_a_noun_is_still_a_dateline(nlp):
    text = "Quetta: A bomb blast in the Bolan district on Monday killed nine policemen."
    assert attacks(nlp, text) == [("Bolan", "Pakistan")]



def test_a_province_named_after_a_town_does_not_lie_inside_it(nlp):
    text = ("A roadside bomb exploded on Friday in the town of Ampatuan in the Maguindanao province of the "
            "Philippines, killing two people.")
    doc = nlp(text)
    places = PlaceFinder(doc, load_gazetteer(), ActorResolver(doc).country)
    assert places.place_of(next(t for t in doc if t.text == "exploded"), next(doc.sents))[0] == "Ampatuan"
    assert "Ampatuan" not in places.ancestors("Maguindanao")
    assert places.country_of("Maguindanao") == "Philippines"


def test_a_town_named_as_a_province_is_the_province_and_a_town_of_it_refines_it(nlp):
    text = ("A car bomb killed 13 people in Syria's northern province of Aleppo on Sunday. The bombing took place "
            "at the gates of the town of Afrin.")
    assert attacks(nlp, text) == [("Afrin", "Syria")]


def test_a_town_named_alone_stays_the_town(nlp):
    assert attacks(nlp, "A car bomb killed 13 people in Aleppo on Sunday.") == [("Aleppo", "Syria")]


def test_a_village_beside_a_town_of_the_same_rank_lies_in_its_country_not_in_it(nlp):
    text = "A bomb killed a village chief in the town of Datu Salibo near Cotabato on Monday."
    assert attacks(nlp, text) == [("Datu Salibo", "Philippines")]


def test_a_town_in_the_outskirts_of_which_an_attack_was_is_its_place_not_the_speakers(nlp):
    text = "Gunmen shot dead a policeman in the outskirts of Sopore on Monday, police in Kashmir said."
    assert attacks(nlp, text) == [("Sopore", "India")]


def test_a_town_the_tagger_takes_for_an_adjective_before_area_is_the_town(nlp):
    text = ("Militants attacked an army camp in the Tral area of Pulwama district on Monday, killing two soldiers. "
            "Kashmir has seen a rise in attacks.")
    assert attacks(nlp, text) == [("Tral", "India")]


def test_a_nationality_before_a_kind_noun_is_no_town(nlp):
    text = "Militants attacked a post in the Afghan border area on Monday, killing two soldiers, officials in Kabul said."
    assert attacks(nlp, text) == [("Kabul", "Afghanistan")]


def test_a_town_told_after_a_province_no_gazetteer_has_refines_it(nlp):
    text = ("Jihadists killed 15 soldiers in an attack in Burkina Faso's Soum province on Monday. The attack "
            "targeted an army post in the town of Djibo.")
    assert attacks(nlp, text) == [("Djibo", "Burkina Faso")]


def test_a_town_of_another_country_does_not_refine_a_province_no_gazetteer_has(nlp):
    text = ("Jihadists killed 15 soldiers in an attack in Burkina Faso's Soum province on Monday. On Tuesday, "
            "gunmen killed four people in the town of Menaka in Mali.")
    assert attacks(nlp, text) == [("Soum", "Burkina Faso"), ("Menaka", "Mali")]


def test_a_road_named_after_two_towns_is_in_neither(nlp):
    assert attacks(nlp, "A roadside bomb hit a police van on the Quetta-Sibi highway in Bolan district on Monday, "
                        "killing nine policemen.") == [("Bolan", "Pakistan")]
    assert attacks(nlp, "A roadside bomb hit a police van on the Quetta-Sibi highway on Monday, killing nine "
                        "policemen.") == [(None, "Pakistan")]


def test_a_town_itself_or_the_town_a_road_runs_in_is_the_place(nlp):
    assert attacks(nlp, "A roadside bomb hit a police van in Quetta on Monday, killing nine policemen.") \
        == [("Quetta", "Pakistan")]
    assert attacks(nlp, "A roadside bomb hit a police van on the Jalalabad road in eastern Kabul on Monday, "
                        "killing nine policemen.") == [("Kabul", "Afghanistan")]
