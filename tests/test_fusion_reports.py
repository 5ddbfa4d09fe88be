"""Fusion of whole reports read by the extractor: sentences of our own in the style of wire reports.

Each false-merge pattern met on real reports gets a pair that must stay apart, and the same event
told by two outlets (other wording, tolls, date forms) a pair that must merge.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.extract import extract
from kg_builder.fuse import fuse
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model


def fused(nlp, *reports: tuple[str, date, str]):
    extractions = [extract(nlp(text), Article(aid, text, published, "Test Wire")) for aid, published, text in reports]
    for extraction in extractions:
        assert extraction.attacks, f"the extractor found no attack in {extraction.article.id}"
    return fuse(extractions)


def same_event(fusion, a: str, b: str) -> bool:
    return fusion.index[(a, "A1")] == fusion.index[(b, "A1")]


def test_an_undated_report_is_not_merged_with_a_dated_attack_a_year_earlier(nlp):
    fusion = fused(nlp,
                   ("later", date(2016, 9, 5), "A bomb attack near the defence ministry in Kabul killed 24 people "
                                               "and wounded 91, a health ministry spokesman said."),
                   ("earlier", date(2015, 8, 8), "A truck bomb exploded near an army compound in Kabul on Friday, "
                                                 "killing at least 15 people, officials said."))
    assert not same_event(fusion, "later", "earlier")
    assert fusion.assumed[("later", "A1")].time.earliest_begin == date(2016, 8, 29)


def test_same_city_same_perpetrator_same_toll_two_years_apart_stay_apart(nlp):
    fusion = fused(nlp,
                   ("y2019", date(2019, 3, 2), "Taliban gunmen stormed a police post in Kunduz, killing eight "
                                               "officers, the provincial governor said."),
                   ("y2021", date(2021, 3, 6), "Taliban fighters stormed a police post in Kunduz on Friday, killing "
                                               "eight officers, the provincial governor said."))
    assert not same_event(fusion, "y2019", "y2021")


def test_a_year_wide_mention_is_not_merged_with_a_day_on_a_loose_toll(nlp):
    fusion = fused(nlp,
                   ("review", date(2021, 5, 9), "A suicide bombing in Kabul last year killed 50 people."),
                   ("funeral", date(2020, 5, 15), "A suicide bomber killed at least 26 mourners at a funeral in "
                                                  "Kabul on Tuesday, officials said."))
    assert not same_event(fusion, "review", "funeral")
    [decision] = [d for d in fusion.decisions if d.first[0] != d.second[0]]
    assert decision.reason.startswith("time too vague (2020)")


def test_two_outlets_with_other_words_tolls_and_date_forms_give_one_attack(nlp):
    fusion = fused(nlp,
                   ("first", date(2022, 6, 14), "A car bomb exploded outside a police station in Mogadishu on "
                                                "Monday, killing at least nine people, police said."),
                   ("update", date(2022, 6, 15), "The death toll from the June 13 car bombing at a police station in "
                                                 "Mogadishu has risen to 14, officials said on Wednesday."))
    assert same_event(fusion, "first", "update")
    event = fusion.event_of("first", "A1")
    assert (event.kind, event.place, event.time.value) == ("CarBombing", "Mogadishu", "2022-06-13")


def test_an_ambush_told_with_a_weekday_and_with_a_date_is_one_attack(nlp):
    fusion = fused(nlp,
                   ("local", date(2019, 11, 7), "Gunmen ambushed a convoy of mining workers near Boungou in eastern "
                                                "Burkina Faso on Wednesday, killing 37 people, the regional governor said."),
                   ("company", date(2019, 11, 8), "At least 38 people were killed when attackers ambushed a convoy "
                                                  "carrying workers of a gold mine near Boungou on November 6, the "
                                                  "mining company said."))
    assert same_event(fusion, "local", "company")
