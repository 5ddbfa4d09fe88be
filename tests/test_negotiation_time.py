"""When a negotiation took place, as one sentence tells it: the tense of its date, and how long it lasts."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.extract import extract
from kg_builder.types import Article

pytestmark = pytest.mark.model
PUBLISHED = date(2022, 6, 10)  # a Friday


def one(nlp, text: str):
    [negotiation] = extract(nlp(text), Article("t", text, PUBLISHED)).negotiations
    t = negotiation.time
    return negotiation.status, (t.earliest_begin, t.latest_begin, t.earliest_end, t.latest_end)


def test_a_coordinated_expectation_does_not_move_a_past_date_ahead(nlp):
    status, bounds = one(nlp, "Talks between the Colombian government and the ELN began in Havana on Monday and "
                              "are expected to last a week.")
    assert status == "ongoing" and bounds[:2] == (date(2022, 6, 6), date(2022, 6, 6))


def test_an_expected_start_looks_ahead(nlp):
    status, bounds = one(nlp, "Talks between the Colombian government and the ELN are expected to begin in Havana "
                              "on Monday.")
    assert status == "planned" and bounds[:2] == (date(2022, 6, 13), date(2022, 6, 13))


def test_a_meeting_scheduled_in_the_present_is_ahead_and_one_scheduled_in_the_past_is_not(nlp):
    ahead = one(nlp, "A meeting between Sudan's army and the RSF is scheduled for Monday in Jeddah.")
    assert ahead == ("planned", (date(2022, 6, 13),) * 4)
    _, bounds = one(nlp, "A meeting between Sudan's army and the RSF was scheduled for Monday in Jeddah.")
    assert bounds[0] == date(2022, 6, 6)


def test_a_two_day_meeting_that_opened_on_a_day_ends_the_next(nlp):
    _, bounds = one(nlp, "A two-day meeting between Sudan's army and the RSF opened in Jeddah on Tuesday.")
    assert bounds == (date(2022, 6, 7), date(2022, 6, 7), date(2022, 6, 8), date(2022, 6, 8))


def test_three_day_talks_that_end_on_a_day_began_two_days_before(nlp):
    _, bounds = one(nlp, "The three-day talks between Armenia and Azerbaijan in Brussels end on Friday.")
    assert bounds == (date(2022, 6, 8), date(2022, 6, 8), date(2022, 6, 10), date(2022, 6, 10))


def test_a_length_without_a_day_dates_nothing(nlp):
    _, bounds = one(nlp, "A two-day meeting between Sudan's army and the RSF is planned for next month.")
    assert bounds == (date(2022, 7, 1), date(2022, 7, 31), date(2022, 7, 1), date(2022, 7, 31))


def test_the_length_of_an_agreed_truce_is_not_the_length_of_the_agreeing(nlp):
    _, bounds = one(nlp, "The army and the RSF agreed to a seven-day ceasefire on Tuesday, mediators said.")
    assert bounds == (date(2022, 6, 7),) * 4


def test_talks_adjourned_on_a_past_day_ended_then_and_are_not_put_off_to_it(nlp):
    status, bounds = one(nlp, "Talks between the Sudanese army and the RSF in Jeddah were adjourned last week.")
    assert status == "ended" and bounds[2:] == (date(2022, 5, 30), date(2022, 6, 5))


def test_the_day_talks_were_postponed_is_not_their_start(nlp):
    text = "Talks between the Sudanese army and the RSF in Jeddah were postponed on Monday."
    [talks] = extract(nlp(text), Article("t", text, PUBLISHED)).negotiations
    assert talks.time is None or talks.time.earliest_begin is None


def test_a_meeting_told_in_the_present_for_a_day_ahead_is_planned(nlp):
    status, bounds = one(nlp, "Philippine government and MILF negotiators meet in Kuala Lumpur on Sunday for talks on "
                              "a stalled law.")
    assert status == "planned" and bounds[0] == date(2022, 6, 12)
    status, _ = one(nlp, "Philippine government and MILF negotiators met in Kuala Lumpur on Monday for talks on a "
                         "stalled law.")
    assert status != "planned"


def test_talks_commenced_are_under_way(nlp):
    status, _ = one(nlp, "Ukrainian and Russian delegations have commenced talks in Istanbul.")
    assert status == "ongoing"


def test_a_date_in_a_clause_on_a_party_is_not_the_agreements(nlp):
    text = "Armenia agreed to a ceasefire with Azerbaijan, whose offensive since October has shaken Yerevan."
    [deal] = extract(nlp(text), Article("t", text, PUBLISHED)).negotiations
    assert deal.time is None
    # a relative clause on the talks themselves dates them
    status, bounds = one(nlp, "Talks between Armenia and Azerbaijan, which began in October, are continuing in Geneva.")
    assert status == "ongoing" and bounds[0] == date(2021, 10, 1)


def test_a_suspension_of_talks_taken_up_again_is_an_earlier_phase(nlp):
    for text in ("A delegation of the Sudanese army arrived in Jeddah on Saturday to resume talks with the RSF. The "
                 "talks were adjourned last month after repeated violations.",
                 "Talks between the Sudanese army and the RSF in Jeddah were suspended in May. The two sides resumed "
                 "the talks on Sunday."):
        [talks] = extract(nlp(text), Article("t", text, PUBLISHED)).negotiations
        assert (talks.status, talks.time.latest_end) == ("ongoing", None)
    status, bounds = one(nlp, "Talks between the Sudanese army and the RSF in Jeddah were suspended in May.")
    assert status == "ended" and bounds[3] == date(2022, 5, 31)


def test_an_agreement_made_is_not_planned_for_a_date_read_ahead(nlp):
    text = "Violence has grown since a July peace deal brokered by Qatar between Chad and the FACT rebels."
    [deal] = extract(nlp(text), Article("t", text, PUBLISHED)).negotiations
    assert deal.time.earliest_begin == date(2022, 7, 1) and deal.status != "planned"  # (the month itself is misread)


def test_talks_set_to_resume_on_a_weekday_resume_on_the_coming_one(nlp):
    status, bounds = one(nlp, "Talks between Armenia and Azerbaijan are set to resume in Geneva on Monday.")
    assert (status, bounds[0]) == ("planned", date(2022, 6, 13))
    _, bounds = one(nlp, "Talks between Armenia and Azerbaijan were set to resume in Geneva on Monday.")
    assert bounds[0] == date(2022, 6, 6)


def test_talks_called_off_on_a_day_ended_then(nlp):
    status, bounds = one(nlp, "Talks between Armenia and Azerbaijan in Geneva were called off on Monday.")
    assert (status, bounds[:2], bounds[3]) == ("ended", (None, None), date(2022, 6, 6))
    status, bounds = one(nlp, "Talks between Armenia and Azerbaijan in Geneva were called on Monday.")
    assert status != "ended"
