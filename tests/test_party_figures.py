"""A party's own casualty figure beside the reported toll (``kg_builder.party_figures``).

Short wire-style paragraphs of our own; each rule has cases where it must not fire.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.extract import extract
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model

LEAD = "A suicide bomber killed 32 people at a police academy in Kabul on Saturday, police said. "


def figures(text: str, nlp) -> list[tuple[str, int, str, str]]:
    found = extract(nlp(text), Article("t", text, date(2021, 3, 9)))
    return [(c.claimant, c.killed.value, c.attack, c.evidence.rule) for c in found.claims
            if c.stance == "casualty_claim"]


@pytest.mark.parametrize("sentence, claimant, value, rule", [
    ("The health ministry said 41 people had died in the attack.", "Afghan Ministry of Health", 41,
     "party-figure"),
    ("The interior ministry said 41 people were killed in the bombing.", "Afghan Ministry of Interior", 41,
     "party-figure"),
    ("The UN mission, which put the toll at 45, said most of the dead were cadets.",
     "United Nations", 45, "put-toll"),
])
def test_a_named_party_figure_that_differs_from_the_toll_is_its_claim(nlp, sentence, claimant, value, rule):
    assert figures(LEAD + sentence, nlp) == [(claimant, value, "A1", rule)]


@pytest.mark.parametrize("sentence", [
    "The health ministry said 32 people had died in the attack.",  # the toll's own source
    "Officials said 41 people had died in the attack.",  # the report's narration
    "Two cadets from Kunduz were killed in the attack, the interior ministry said.",  # a part of the dead
    "The intelligence agency said a senior Taliban commander was killed by special forces in Herat.",  # another deed
    "The health ministry said it had sent 41 doctors to the hospital.",  # no figure of the dead
])
def test_no_party_figure(nlp, sentence):
    assert figures(LEAD + sentence, nlp) == []


@pytest.mark.parametrize("sentence, expected", [
    ("The UN mission said on Sunday that the number of people killed was 45.", [("United Nations", 45)]),
    ("The health ministry said the death toll was 45.", [("Afghan Ministry of Health", 45)]),
    ("The health ministry said the death toll was 32.", []),  # the article's own toll: its source
    ("Officials said the death toll was 45.", []),  # the report's narration
    ("The health ministry said the number of wounded was 45.", []),  # not a count of the dead
    ("The health ministry said the death toll was not 45.", []),
])
def test_a_toll_stated_in_what_a_party_says(nlp, sentence, expected):
    assert [(c, v) for c, v, _, _ in figures(LEAD + sentence, nlp)] == expected


def test_a_toll_in_the_reports_description_of_a_claimed_attack_is_no_party_figure(nlp):
    text = ("Gunmen stormed a police station in Beledweyne on Tuesday, killing 10 officers. Al-Shabaab said it "
            "was behind the attack on a shopping centre in Nairobi that killed at least 67 people in September.")
    found = extract(nlp(text), Article("t", text, date(2013, 11, 20))).claims
    assert [c for c in found if c.stance == "casualty_claim"] == []
