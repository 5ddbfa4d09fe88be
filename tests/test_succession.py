"""A fallen government's names read as of each event's day (sentences of our own)."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.extract import extract
from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.succession import in_office
from kg_builder.types import Article


def test_the_gazetteer_says_who_took_over_and_when():
    gazetteer = load_gazetteer()
    assert in_office(gazetteer, "Afghan government", date(2021, 8, 15)) == "Afghan government"
    assert in_office(gazetteer, "Afghan government", date(2021, 8, 16)) == "Taliban"
    assert in_office(gazetteer, "Afghan government", None) == "Afghan government"  # day unknown: as written
    assert in_office(gazetteer, "Pakistan", date(2023, 1, 1)) == "Pakistan"  # no government fell


def claims(nlp, text: str, published: date) -> list[tuple]:
    found = extract(nlp(text), Article("t", text, published)).claims
    return [(c.stance, c.claimant, c.target_actor) for c in found]


@pytest.mark.model
def test_officials_after_the_fall_speak_for_the_successor(nlp):
    text = "Afghan officials said a Pakistani air strike in Khost province killed 20 people last week."
    assert ("attributes_to", "Taliban", "Pakistan") in claims(nlp, text, date(2022, 5, 10))
    assert ("attributes_to", "Afghan government", "Pakistan") in claims(nlp, text, date(2019, 5, 10))


@pytest.mark.model
def test_an_attack_before_the_fall_keeps_the_government_of_its_day(nlp):
    # told in 2022, the bombing is of 2019: the officials then were the Republic's
    text = "A bombing in Kabul killed 12 people on March 3, 2019. Afghan officials blamed Pakistan for the attack."
    found = claims(nlp, text, date(2022, 5, 10))
    assert found and all(claimant == "Afghan government" for _, claimant, _ in found)


@pytest.mark.model
def test_undated_talks_keep_their_parties(nlp):
    text = "Talks between the Afghan government and the Taliban in Doha stalled, the envoy said on Monday."
    found = extract(nlp(text), Article("t", text, date(2022, 5, 10))).negotiations
    assert found and all("Afghan government" in n.participants for n in found)
