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
                      "In Doha, which hosts the negotiations, delegates of the Afghan government and the Taliban "
                      "have been talking for months.")
    meeting = next(n for n in found if n.kind == "Meeting")
    assert meeting.place == "Doha"
    assert (meeting.time.earliest_begin, meeting.time.latest_end) == (date(2022, 6, 8), date(2022, 6, 8))


def test_an_agreement_is_dated_even_when_the_model_runs_the_date_on(nlp):
    [deal] = [n for n in read(nlp, "The Colombian government and the ELN signed an agreement on Wednesday to end "
                                   "decades of war, after talks in Havana.") if n.kind == "Agreement"]
    assert (deal.time.earliest_begin, deal.time.latest_end) == (date(2022, 6, 8), date(2022, 6, 8))


@pytest.mark.parametrize("text, parties, mediators", [
    ("Talks between Ethiopia and Egypt mediated by the African Union resumed in Kinshasa on Monday.",
     {"Ethiopia", "Egypt"}, {"African Union"}),
    ("Norway and Cuba served as guarantors between the Colombian government and the ELN during talks that "
     "ended on Tuesday.", {"Colombian government", "National Liberation Army"}, {"Norway", "Cuba"}),
    ("The Yemeni government and the Houthis opened talks in Geneva under the auspices of the United Nations.",
     {"Yemeni government", "Houthis"}, {"United Nations"}),
    ("Yemeni government and Houthi delegates pulled out of UN-sponsored talks in Geneva on Sunday.",
     {"Yemeni government", "Houthis"}, {"United Nations"}),
])
def test_mediators_are_apart_from_the_parties(nlp, text, parties, mediators):
    [talks] = read(nlp, text)
    assert (set(talks.participants), set(talks.mediators)) == (parties, mediators)


def test_talks_without_a_mediator_have_none(nlp):
    [talks] = read(nlp, "Negotiators from Russia and Ukraine met in Istanbul on Tuesday for a new round of talks.")
    assert (set(talks.participants), talks.mediators) == ({"Russia", "Ukraine"}, ())


def test_a_news_agency_reporting_the_talks_is_no_party(nlp):
    [talks] = read(nlp, "A new round of talks between Russia and Ukraine began in Istanbul on Tuesday, a Ukrainian "
                        "negotiator told Agence France-Presse.")
    assert set(talks.participants) == {"Russia", "Ukraine"}


def test_talks_held_in_the_capital_city_of_a_place_and_a_trip_there_for_talks(nlp):
    [talks] = read(nlp, "Mediators from Sudan's army and the RSF will attend the peace talks, which will be held in "
                        "the port city of Jeddah.")
    assert talks.place == "Jeddah"
    [trip] = read(nlp, "A Houthi delegation travelled to Muscat to meet Saudi officials for talks on a truce.")
    assert (trip.place, set(trip.participants)) == ("Muscat", {"Houthis", "Saudi Arabia"})


def test_a_round_one_meets_for_is_a_round_without_talks_named(nlp):
    [round_] = read(nlp, "Delegates of the Yemeni government and the Houthis meet for a fifth round in Geneva.")
    assert (round_.kind, round_.round, round_.place) == ("NegotiationRound", 5, "Geneva")
    assert not read(nlp, "The boxer won the fifth round in Geneva.")


def test_earlier_rounds_counted_are_apart_from_the_numbered_one(nlp):
    found = read(nlp, "A fourth round of talks between Russia and Ukraine began on Thursday. Three rounds of talks "
                      "between the delegations in Belarus, most recently last Friday, made little headway.")
    assert [(n.round, n.place) for n in found] == [(4, None), (None, "Belarus")]
    assert set(found[1].participants) == {"Russia", "Ukraine"}
    assert (found[1].status, found[1].time.latest_end) == ("ended", date(2022, 6, 3))


def test_counted_rounds_of_the_talks_just_named_are_those_talks(nlp):
    found = read(nlp, "US and Taliban negotiators said they were close to a deal after five rounds of talks in Doha.")
    assert [(n.place, set(n.participants), n.status) for n in found] == [
        ("Doha", {"United States", "Taliban"}, "ongoing")]


@pytest.mark.parametrize("text", [
    "Ethiopia and Egypt are nearing an agreement on the dam, officials said.",
    "Ethiopia and Egypt are close to an agreement on the dam, officials said.",
])
def test_nearing_a_deal_means_talks_going_on(nlp, text):
    [talks] = read(nlp, text)
    assert (talks.kind, set(talks.participants), talks.status) == ("Talks", {"Ethiopia", "Egypt"}, "ongoing")


def test_a_deal_finalized_is_real_and_one_being_finalized_is_not(nlp):
    [deal] = read(nlp, "Since the Taliban finalized their peace deal with the United States in February, attacks "
                       "have fallen.")
    assert (deal.kind, set(deal.participants)) == ("Agreement", {"Taliban", "United States"})
    assert (deal.time.earliest_begin, deal.time.latest_end) == (date(2022, 2, 1), date(2022, 2, 28))
    assert [n for n in read(nlp, "The Taliban and the United States were finalizing a peace deal.")
            if n.kind == "Agreement"] == []


def test_talks_that_ended_without_an_agreement_are_no_agreement(nlp):
    found = read(nlp, "Egypt mediated between Israel and Hamas during talks that ended in March without an agreement "
                      "on the war, which began on October 7, 2023.")
    assert [(n.kind, set(n.participants), set(n.mediators)) for n in found] == [
        ("Talks", {"Israel", "Hamas"}, {"Egypt"})]
    assert (found[0].time.earliest_end, found[0].time.latest_end) == (date(2022, 3, 1), date(2022, 3, 31))


def test_a_pronoun_party_is_the_subject_it_stands_for(nlp):
    [deal] = read(nlp, "The Taliban say they have not attacked cities since March, when they signed a deal with the "
                       "United States.")
    assert set(deal.participants) == {"Taliban", "United States"}
    assert (deal.time.earliest_begin, deal.time.latest_end) == (date(2022, 3, 1), date(2022, 3, 31))  # "since March, when"


def test_a_plan_told_in_the_past_perfect_is_no_negotiation(nlp):
    assert not read(nlp, "The Afghan president had planned to fly to Washington on Saturday for talks with US officials.")
    [talks] = read(nlp, "The Afghan president plans to fly to Washington on Saturday for talks with US officials.")
    assert (talks.place, talks.status) == ("Washington", "planned")


def test_negotiations_moving_to_a_new_venue_are_a_new_stage_with_the_same_parties(nlp):
    found = read(nlp, "The Colombian government and the FARC opened peace talks in Oslo on Wednesday. The "
                      "negotiations moved to Havana on June 2.")
    assert [(n.place, set(n.participants)) for n in found] == [
        ("Oslo", {"Colombian government", "Revolutionary Armed Forces of Colombia"}),
        ("Havana", {"Colombian government", "Revolutionary Armed Forces of Colombia"})]
    assert found[1].time.earliest_begin == date(2022, 6, 2)


def test_a_decision_day_does_not_date_the_talks_decided_on(nlp):
    found = read(nlp, "The Taliban and the Afghan government decided on Monday on a start date for peace talks in "
                      "Doha. The talks are scheduled to begin on June 20.")
    assert [n.time.earliest_begin for n in found] == [date(2022, 6, 20)]


def test_a_state_and_its_own_government_are_one_side(nlp):
    assert not read(nlp, "President Petro called a meeting with the Colombian government's peace delegation.")
    [talks] = read(nlp, "President Petro called a meeting with the ELN's peace delegation in Caracas.")
    assert talks.place == "Caracas"


def test_the_signing_of_an_agreement_dates_and_places_it(nlp):
    [deal] = read(nlp, "After the truce came the signing of the deal between the United States and the Taliban on "
                       "Saturday in Doha.")
    assert (deal.kind, deal.place) == ("Agreement", "Doha")
    assert deal.time.latest_end == date(2022, 6, 4)


def test_a_walkout_day_is_not_the_talks_day_and_a_scheduled_present_looks_ahead(nlp):
    found = read(nlp, "The Houthi delegation pulled out of UN-sponsored talks in Geneva on Sunday. The talks began "
                      "in Geneva on May 30. The negotiations move to Muscat on July 2.")
    assert [(n.place, n.time.earliest_begin) for n in found] == [("Geneva", date(2022, 5, 30)),
                                                                   ("Muscat", date(2022, 7, 2))]


def test_a_states_opposition_is_one_party(nlp):
    [talks] = read(nlp, "Government forces shelled Idlib as Syrian opposition delegates attended peace talks in Geneva.")
    assert (talks.place, talks.participants) == ("Geneva", ("Syrian opposition",))
    [talks] = read(nlp, "Talks between the Syrian government and the opposition resumed in Vienna on Friday.")
    assert set(talks.participants) == {"Syrian government", "Syrian opposition"}


def test_an_announcement_day_does_not_date_the_meeting(nlp):
    found = read(nlp, "US envoys met Taliban negotiators in Doha on Wednesday. A Taliban spokesman announced the "
                      "meeting with the envoys on Tuesday.")
    assert [(n.place, n.time.earliest_begin) for n in found] == [("Doha", date(2022, 6, 8))]


def test_a_signed_peace_proposal_is_an_agreement_and_a_rejected_one_is_not(nlp):
    [deal] = read(nlp, "Mali's government signed a preliminary peace proposal on Sunday, but the rebels asked for "
                       "more time.")
    assert (deal.kind, deal.participants) == ("Agreement", ("Malian government",))
    assert not read(nlp, "The rebels rejected a peace proposal from the government on Sunday.")
    assert not read(nlp, "The council discussed a budget proposal on Sunday.")


@pytest.mark.parametrize("text", [
    "The Taliban called for talks with the United States on Monday.",
    "The Afghan government ruled out talks with the Taliban in Doha.",
    "Hamas refused to hold talks with Israel in Cairo.",
    "The United States urged Russia and Ukraine to return to talks in Istanbul.",
    "Russia said it was ready for talks with Ukraine in Istanbul.",
    "The Houthis rejected a UN call for talks with the Yemeni government in Geneva.",
])
def test_talks_only_called_for_offered_or_refused_are_not_held(nlp, text):
    assert not read(nlp, text)


def test_talks_held_or_agreed_are_read_beside_the_called_for(nlp):
    [talks] = read(nlp, "The Houthis and the Yemeni government held talks in Geneva on Monday.")
    assert (talks.place, set(talks.participants)) == ("Geneva", {"Houthis", "Yemeni government"})
    [talks] = read(nlp, "Hamas agreed to hold talks with Israel in Cairo.")
    assert (talks.place, set(talks.participants)) == ("Cairo", {"Hamas", "Israel"})


def test_mediators_of_a_stretch_of_talks(nlp):
    [talks] = read(nlp, "An Israeli delegation left Doha after a week of talks with Hamas, facilitated by Qatari and "
                        "Egyptian mediators.")
    assert (set(talks.participants), set(talks.mediators)) == ({"Israel", "Hamas"}, {"Qatar", "Egypt"})


def test_a_ceasefire_agreed_is_an_agreement_and_a_ceasefire_holding_is_not(nlp):
    [deal] = read(nlp, "The Sudanese army and the Rapid Support Forces agreed to a seven-day ceasefire on Saturday, US and "
                       "Saudi mediators said.")
    assert (deal.kind, set(deal.participants)) == ("Agreement", {"Sudanese Armed Forces", "Rapid Support Forces"})
    assert (deal.time.earliest_begin, deal.time.latest_end) == (date(2022, 6, 4), date(2022, 6, 4))
    assert not read(nlp, "Fighting eased in Khartoum as the ceasefire between the army and the RSF largely held.")


def test_mediators_announcing_a_deal_are_not_its_parties(nlp):
    found = read(nlp, "US and Saudi mediators announced on Saturday that attempts to broker a truce in Jeddah had "
                      "failed.")
    assert [n for n in found if {"United States", "Saudi Arabia"} <= set(n.participants)] == []


def test_talks_postponed_to_a_date_are_planned_for_it(nlp):
    [round_] = read(nlp, "The fourth round of talks between the Colombian government and the ELN has been postponed "
                         "to May 2, Cuba's foreign minister said.")
    assert (round_.round, round_.status, round_.time.earliest_begin) == (4, "planned", date(2023, 5, 2))
    [round_] = read(nlp, "The fourth round of talks between the Colombian government and the ELN ended on May 2.")
    assert (round_.status, round_.time.latest_end) == ("ended", date(2022, 5, 2))


def test_a_date_in_a_clause_coordinated_with_the_talks_is_not_theirs(nlp):
    [talks] = read(nlp, "The Colombian government and the FARC have been negotiating in Havana for three years and "
                        "have set a March 23 deadline.")
    assert (talks.place, talks.status, talks.time.earliest_begin) == ("Havana", "ongoing", None)


def test_a_meeting_organised_by_others_has_them_as_mediators_and_is_not_over(nlp):
    [meeting] = read(nlp, "The meeting between the Syrian government and the opposition in Astana, organised by Russia "
                          "and Turkey, is aimed at shoring up the ceasefire.")
    assert (meeting.place, set(meeting.mediators), meeting.status) == ("Astana", {"Russia", "Turkey"}, None)
    [talks] = read(nlp, "UN-led talks between the Syrian government and the opposition resumed in Geneva.")
    assert set(talks.mediators) == {"United Nations"}


def test_a_town_that_is_where_they_negotiate_places_the_talks(nlp):
    [talks] = read(nlp, "Muscat is where envoys of the Houthis and Saudi Arabia have been negotiating since April.")
    assert (talks.place, set(talks.participants)) == ("Muscat", {"Houthis", "Saudi Arabia"})
    assert not read(nlp, "Muscat is where the Houthis keep a political office.")


def test_negotiators_for_a_party_speak_for_it(nlp):
    [talks] = read(nlp, "Negotiators for the Yemeni government and the Houthis opened talks in Muscat on Monday.")
    assert set(talks.participants) == {"Yemeni government", "Houthis"}


@pytest.mark.parametrize("sentence", [
    "Government and rebel negotiators failed to reach an agreement in Nairobi on Tuesday.",
    "The two sides did not sign the ceasefire deal in Nairobi on Tuesday.",
    "The rebels refused to sign the peace accord in Nairobi on Tuesday.",
])
def test_an_agreement_that_was_not_reached_is_no_agreement(nlp, sentence):
    assert not [n for n in read(nlp, sentence) if n.kind == "Agreement"]


def test_an_agreement_reached_is_one(nlp):
    found = read(nlp, "Government and rebel negotiators reached an agreement in Nairobi on Tuesday.")
    assert [n.kind for n in found] == ["Agreement"]


def test_talks_that_a_planned_gathering_is_for_are_planned_and_held_there(nlp):
    [talks] = read(nlp, "Government and rebel negotiators will travel to Geneva next week to try to resume talks.")
    assert (talks.place, talks.status) == ("Geneva", "planned")
    # the same trip in the past: the talks resumed there
    [talks] = read(nlp, "Government and rebel negotiators travelled to Geneva last week to try to resume talks.")
    assert (talks.place, talks.status) == ("Geneva", "ongoing")


def test_a_town_named_on_the_building_or_event_of_the_talks_places_them(nlp):
    [talks] = read(nlp, "Negotiators from Armenia and Azerbaijan held talks at a lakeside hotel in Geneva on Monday.")
    assert talks.place == "Geneva"
    [deal] = [n for n in read(nlp, "Armenia and Azerbaijan signed the agreement at a ceremony in Geneva on Monday.")
              if n.kind == "Agreement"]
    assert deal.place == "Geneva"
    # a town named on what the talks are about is not where they are held
    [talks] = read(nlp, "Negotiators from Armenia and Azerbaijan held talks on the fate of prisoners in Baku.")
    assert talks.place is None


def test_delegations_of_named_states_are_those_states(nlp):
    [talks] = read(nlp, "The negotiations between the delegations of Russia and Ukraine ended in Istanbul on Monday.")
    assert set(talks.participants) == {"Russia", "Ukraine"}


def test_the_warring_parties_of_a_country_are_the_parties_already_named(nlp):
    found = read(nlp, "Talks between the Yemeni government and the Houthis opened in Kuwait on Monday. A second "
                      "round of talks between Yemen's warring parties ended in Geneva in May.")
    assert [set(n.participants) for n in found] == [{"Yemeni government", "Houthis"}] * 2


def test_a_hyphenated_pair_names_both_parties(nlp):
    [round_] = read(nlp, "A third round of Russian-Ukrainian talks began in Istanbul on Monday.")
    assert (round_.round, set(round_.participants)) == (3, {"Russia", "Ukraine"})


def test_a_delegation_representing_a_party_is_that_party(nlp):
    [talks] = read(nlp, "A delegation representing the Sudanese army arrived in Jeddah on Saturday to resume talks "
                        "with the RSF.")
    assert (talks.place, set(talks.participants)) == ("Jeddah", {"Sudanese Armed Forces", "Rapid Support Forces"})


def test_who_resumes_talks_between_others_convenes_them(nlp):
    [talks] = read(nlp, "The United States and Saudi Arabia resumed talks between the Sudanese army and the RSF in "
                        "Jeddah on Sunday.")
    assert (set(talks.participants), set(talks.mediators)) == (
        {"Sudanese Armed Forces", "Rapid Support Forces"}, {"United States", "Saudi Arabia"})
    # the parties themselves, resuming talks between their two sides, are no mediators
    found = read(nlp, "Talks between the Sudanese army and the RSF stalled in May. The army and the RSF resumed "
                      "talks between the two sides in Jeddah on Sunday.")
    assert all(n.mediators == () for n in found)


def test_states_acting_as_intermediaries_during_the_talks_mediate(nlp):
    found = read(nlp, "Talks between Israel and Hamas resumed in Doha on Monday. Qatar, the United States and Egypt, "
                      "acting as intermediaries during the talks in Doha, said progress had been made.")
    assert [set(n.mediators) for n in found] == [{"Qatar", "United States", "Egypt"}]


def test_observers_at_the_talks_are_no_parties(nlp):
    [talks] = read(nlp, "Talks between the Ethiopian government and the TPLF opened in Pretoria on Tuesday. The United "
                        "Nations and the United States had observer status at the talks.")
    assert set(talks.participants) == {"Ethiopian government", "Tigray People's Liberation Front"}
    [talks] = read(nlp, "The United Nations and the United States had talks in Pretoria on Tuesday.")
    assert set(talks.participants) == {"United Nations", "United States"}


def test_the_mediators_of_the_talks_a_round_is_of_mediate_the_round(nlp):
    for text, mediator in [("A new round of talks between Israel and Hamas mediated by Egypt began in Cairo on Monday.",
                            "Egypt"),
                           ("A new round of UN-brokered talks between Israel and Hamas began in Cairo on Monday.",
                            "United Nations")]:
        [round_] = read(nlp, text)
        assert (round_.kind, set(round_.participants), set(round_.mediators)) == (
            "NegotiationRound", {"Israel", "Hamas"}, {mediator})


def test_who_observes_the_talks_takes_no_part(nlp):
    found = read(nlp, "Talks between the Syrian government and the opposition opened in Astana on Monday. Jordan "
                      "observed the talks, and a UN delegation was present at the talks as observer.")
    assert [set(n.participants) for n in found] == [{"Syrian government", "Syrian opposition"}]


def test_the_source_of_a_report_and_those_calling_on_the_parties_are_no_parties(nlp):
    [deal] = read(nlp, "Armenia's and Azerbaijan's delegations signed a ceasefire agreement in Geneva on Friday, the UN "
                       "mission said.")
    assert "United Nations" not in deal.participants
    found = read(nlp, "Saudi Arabia and the United States called on the army on Sunday to keep its delegates at the "
                      "talks in Jeddah.")
    assert [n.participants for n in found] == [()]
    # the subjects of a clause that holds the talks still take part when they hold them
    [talks] = read(nlp, "Armenia and Azerbaijan agreed on Friday to hold talks in Geneva.")
    assert set(talks.participants) == {"Armenia", "Azerbaijan"}


def test_mediators_named_as_the_subject_mediate(nlp):
    [talks] = read(nlp, "Saudi and American mediators announced the suspension of the talks between the Sudanese army "
                        "and the RSF in Jeddah.")
    assert (set(talks.participants), set(talks.mediators)) == (
        {"Sudanese Armed Forces", "Rapid Support Forces"}, {"Saudi Arabia", "United States"})


def test_talks_of_another_pair_are_other_talks(nlp):
    found = read(nlp, "The United States and the Taliban held talks in Doha on Monday. Norway will host talks between "
                      "the Taliban and the Afghan government.")
    assert [set(n.participants) for n in found] == [{"United States", "Taliban"}, {"Taliban", "Afghan government"}]
    # one pair named again, with a party fewer, is the same talks
    [talks] = read(nlp, "The United States and the Taliban held talks in Doha on Monday. Talks with the Taliban will "
                        "resume on Friday.")
    assert set(talks.participants) == {"United States", "Taliban"}
    # a meeting is not split so: a party the text leaves unresolved ("where he met …") is often the one missing
    [meeting] = read(nlp, "Secretary of State Mike Pompeo visited Qatar on Monday, where he met with Afghan and Taliban "
                          "negotiators in Doha. Pompeo's hour-long meeting with the Taliban was closed to the press.")
    assert set(meeting.participants) == {"Afghan government", "Taliban", "United States"}


def test_talks_placed_without_parties_are_those_then_told_with_parties(nlp):
    [talks] = read(nlp, "Five days of talks at the UN in Geneva ended on Friday. A ceasefire was signed after talks "
                        "between the GNA and the LNA.")
    assert (talks.place, set(talks.participants)) == ("Geneva", {"Government of National Accord",
                                                                  "Libyan National Army"})


def test_an_ordinal_coordinated_with_another_word_numbers_the_round(nlp):
    [round_] = read(nlp, "The two sides started their latest and ninth round of talks in Doha on Thursday.")
    assert round_.round == 9



@pytest.mark.parametrize("text", [
    "Shell signed a gas supply deal with Qatar in Doha on Tuesday.",
    "Egypt and Qatar signed an agreement on trade in Cairo on Monday.",
    "The United States and China opened trade talks in Geneva on Monday.",
    "The cabinet met in Kabul on Sunday to discuss the budget.",
    "The prime minister chaired a cabinet meeting in Islamabad on Monday.",
    "The deal to buy the club was signed in Doha on Monday.",
])
def test_business_deals_and_a_body_meeting_among_itself_are_no_negotiations(nlp, text):
    assert not read(nlp, text)


def test_a_deal_of_a_conflict_and_a_cabinet_meeting_the_other_side_are_negotiations(nlp):
    [deal] = read(nlp, "Israel and Hamas signed a prisoner exchange deal in Cairo on Monday.")
    assert set(deal.participants) == {"Israel", "Hamas"}
    [deal] = read(nlp, "Israel and Hamas signed a deal to end the war in Cairo on Monday.")
    assert set(deal.participants) == {"Israel", "Hamas"}
    [meeting] = read(nlp, "The cabinet met with Taliban negotiators in Kabul on Sunday.")
    assert "Taliban" in meeting.participants


def test_an_agreement_that_only_could_be_reached_is_none(nlp):
    found = read(nlp, "Delegations arrived in Cairo on Sunday, raising hopes that a ceasefire agreement could be "
                      "reached between Israel and Hamas.")
    assert not [n for n in found if n.kind == "Agreement"]
    [deal] = read(nlp, "Israel and Hamas reached a ceasefire agreement in Cairo on Sunday.")
    assert deal.kind == "Agreement"


def test_a_place_named_on_a_war_is_not_where_the_talks_are(nlp):
    [talks] = read(nlp, "Israel and Hamas resumed talks in the Gaza war on Sunday.")
    assert talks.place is None
    [talks] = read(nlp, "Israel and Hamas held talks in the Egyptian capital Cairo, officials said.")
    assert talks.place == "Cairo"


def test_days_or_a_cycle_of_talks_take_the_verb_of_the_talks(nlp):
    [talks] = read(nlp, "Five days of talks between Armenia and Azerbaijan ended in Geneva on Friday.")
    assert (talks.status, talks.time.latest_end) == ("ended", date(2022, 6, 10))
    [talks] = read(nlp, "The sixth cycle of negotiations between Armenia and Azerbaijan began in Geneva on Monday.")
    assert (talks.status, talks.time.earliest_begin) == ("ongoing", date(2022, 6, 6))


def test_a_round_numbered_in_figures(nlp):
    found = read(nlp, "Armenia and Azerbaijan met in Geneva to open the 6th round of talks.")
    assert [n.round for n in found if n.kind == "NegotiationRound"] == [6]


def test_mediation_in_the_talks_names_the_mediators(nlp):
    [talks] = read(nlp, "Months of mediation by Egypt, Qatar and the United States in indirect negotiations between "
                        "Israel and Hamas have yet to produce a breakthrough.")
    assert (set(talks.participants), set(talks.mediators)) == ({"Israel", "Hamas"}, {"Egypt", "Qatar", "United States"})


def test_a_place_fighters_come_from_is_no_party(nlp):
    [talks] = read(nlp, "Talks between the Malian government and armed groups from Niger opened in Bamako on Monday.")
    assert talks.participants == ("Malian government",)
    [talks] = read(nlp, "Negotiators from Mali and Niger opened talks in Bamako on Monday.")
    assert set(talks.participants) == {"Mali", "Niger"}


def test_mediators_met_with_mediate(nlp):
    [meeting] = read(nlp, "Hamas negotiators were meeting with Egyptian mediators in Cairo on Monday.")
    assert (meeting.participants, meeting.mediators) == (("Hamas",), ("Egypt",))
    [meeting] = read(nlp, "Hamas negotiators were meeting with Egyptian officials in Cairo on Monday.")
    assert (set(meeting.participants), meeting.mediators) == ({"Hamas", "Egypt"}, ())


def test_an_initialled_agreement_is_one(nlp):
    [deal] = read(nlp, "Armenia and Azerbaijan initialled a peace agreement in Washington on Monday.")
    assert (deal.kind, deal.place) == ("Agreement", "Washington")
