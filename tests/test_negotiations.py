"""Negotiations read by ``find_negotiations`` through ``extract``: place, parties, status and time.

The texts are short wire-style sentences of our own, one family of phrasing per case; the negative
cases (an agreement only sought, a parliament sitting) must give nothing.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.extract import extract
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model

PUBLISHED = date(2022, 6, 10)  # a Friday


def read(nlp, text: str):
    return extract(nlp(text), Article("t", text, PUBLISHED)).negotiations


def test_a_round_of_talks_between_two_parties_that_ended(nlp):
    [round_] = read(nlp, "A third round of talks between the Colombian government and the ELN ended in Havana on "
                         "Wednesday without a ceasefire.")
    assert (round_.kind, round_.round, round_.place, set(round_.participants), round_.status) == (
        "NegotiationRound", 3, "Havana", {"Colombian government", "National Liberation Army"}, "ended")
    assert round_.time.latest_end == date(2022, 6, 8)


def test_a_capital_named_through_its_country_is_the_place(nlp):
    [talks] = read(nlp, "Afghan government and Taliban negotiators opened talks in Qatar's capital on Monday.")
    assert (talks.place, set(talks.participants)) == ("Doha", {"Afghan government", "Taliban"})
    assert talks.time.earliest_begin == date(2022, 6, 6)


def test_a_country_named_outside_a_locative_phrase_is_not_the_place(nlp):
    found = read(nlp, "Washington said the talks between the United States and the Taliban on the future of "
                      "Afghanistan were going well.")
    assert [(n.place, set(n.participants)) for n in found] == [(None, {"United States", "Taliban"})]


def test_the_parties_named_together_as_subject_take_part(nlp):
    [talks] = read(nlp, "In Geneva, which hosts the talks, representatives of the Yemeni government and the "
                        "Houthis have argued for weeks over prisoner lists.")
    assert (talks.place, set(talks.participants)) == ("Geneva", {"Yemeni government", "Houthis"})


def test_a_planned_meeting_is_its_own_event_beside_the_talks(nlp):
    found = read(nlp, "The Taliban and the Afghan government held talks in Doha in September. Secretary of State "
                      "Antony Blinken will meet negotiators from both sides in Doha on Sunday.")
    assert [(n.kind, n.place) for n in found] == [("Talks", "Doha"), ("Meeting", "Doha")]
    assert found[0].status != "planned" and found[1].status == "planned"
    assert found[0].time.earliest_begin == date(2021, 9, 1)  # "held … in September", before June 2022
    assert set(found[1].participants) == {"United States", "Taliban", "Afghan government"}
    assert found[1].time.earliest_begin == date(2022, 6, 12)


def test_both_sides_are_the_parties_already_named(nlp):
    found = read(nlp, "Peace talks between the Philippine government and the Moro Islamic Liberation Front ended in "
                      "Kuala Lumpur on Tuesday. The two delegations would meet again in August, mediators said.")
    assert len(found) == 2
    assert set(found[1].participants) == set(found[0].participants) == {"Philippine government",
                                                                         "Moro Islamic Liberation Front"}
    assert found[1].status == "planned"


def test_a_signed_agreement_with_its_date(nlp):
    [deal] = read(nlp, "The talks follow an agreement signed in February between the United States and the Taliban.")
    assert (deal.kind, set(deal.participants)) == ("Agreement", {"United States", "Taliban"})
    assert (deal.time.earliest_begin, deal.time.latest_end) == (date(2022, 2, 1), date(2022, 2, 28))


@pytest.mark.parametrize("text", [
    "The Taliban seek an agreement with the United States on the withdrawal of foreign troops.",
    "Negotiators from the United States and the Taliban were finalising a draft agreement.",
    "Lawmakers met in Mogadishu on Tuesday to debate the budget.",
])
def test_sought_agreements_and_other_meetings_are_not_negotiations(nlp, text):
    assert [n for n in read(nlp, text) if n.kind in ("Agreement", "Meeting")] == []


def test_a_diplomat_negotiates_for_his_state(nlp):
    [meeting] = read(nlp, "A State Department envoy said he had held talks in Muscat on Tuesday with Yemeni and "
                          "regional partners.")
    assert (meeting.place, set(meeting.participants)) == ("Muscat", {"United States", "Yemeni government"})


def test_another_round_is_a_negotiation_of_its_own(nlp):
    found = read(nlp, "A second round of talks between Sudan's army and the RSF ended in Jeddah last week. Another "
                      "round of talks between the army and civilian groups was held in Addis Ababa on Tuesday.")
    assert sorted(n.place for n in found) == ["Addis Ababa", "Jeddah"]


def test_the_peace_process_is_not_the_meeting_just_told(nlp):
    [meeting] = read(nlp, "The Moscow meeting between the Taliban and Afghan politicians was opened on Tuesday by "
                          "the Russian foreign minister. Russia appears to be gaining influence in the ongoing "
                          "peace process.")
    assert (meeting.place, meeting.status) == ("Moscow", None)
    assert meeting.time.earliest_begin == date(2022, 6, 7)


@pytest.mark.parametrize("text", [
    "Government and rebel negotiators were meeting in Geneva for talks that began on Monday.",
    "The two sides held talks in Geneva in May, but progress has been slow.",
    "Government and rebel negotiators opened peace talks in Geneva on Monday.",
])
def test_talks_still_going_at_publication(nlp, text):
    [talks] = read(nlp, text)
    assert (talks.place, talks.status) == ("Geneva", "ongoing")


def test_a_meeting_during_a_visit_takes_the_visit_day_and_the_talks_town(nlp):
    found = read(nlp, "The US envoy visited Qatar on Wednesday, where he met with Afghan and Taliban negotiators. "
                      "Doha, which has hosted the talks since September, is where envoys of the Afghan government "
                      "and the Taliban have been negotiating for months.")
    meeting = next(n for n in found if n.kind == "Meeting")
    assert meeting.place == "Doha"
    assert (meeting.time.earliest_begin, meeting.time.latest_end) == (date(2022, 6, 8), date(2022, 6, 8))


def test_an_agreement_is_dated_even_when_the_model_runs_the_date_on(nlp):
    [deal] = [n for n in read(nlp, "The Colombian government and the ELN signed an agreement on Wednesday to end "
                                   "decades of war, after talks in Havana.") if n.kind == "Agreement"]
    assert (deal.time.earliest_begin, deal.time.latest_end) == (date(2022, 6, 8), date(2022, 6, 8))
