"""Time phrases of a parsed report: what the Doc's phrases say once the sentence around them is read."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.timex import find_time_phrases

pytestmark = pytest.mark.model
PUBLISHED = date(2020, 11, 21)  # a Saturday


def _values(nlp, text: str, published: date = PUBLISHED) -> dict[str, str | None]:
    return {p.text: p.value.value if p.value else None for p in find_time_phrases(nlp(text), published)}


def test_previous_night_counts_from_the_day_stated_in_its_sentence(nlp):
    text = "Police said on Friday that gunmen had stormed a border post the previous night, killing four guards."
    assert _values(nlp, text) == {"on Friday": "2020-11-20", "the previous night": "2020-11-19"}


def test_next_day_counts_from_the_day_of_the_sentence_before(nlp):
    text = "A car bomb tore through a cattle market on Monday. The next day, gunmen ambushed a convoy nearby."
    assert _values(nlp, text)["The next day"] == "2020-11-17"


def test_the_next_day_counts_from_the_deed_not_from_the_day_it_was_reported(nlp):
    text = ("Rebels overran an army post on Thursday. Officials said on Saturday that a second post fell "
            "the next day.")
    assert _values(nlp, text)["the next day"] == "2020-11-20"


def test_previous_night_without_a_stated_day_stays_undated(nlp):
    text = "Gunmen stormed a border post the previous night, a provincial spokesman told reporters."
    assert _values(nlp, text)["the previous night"] is None


def test_a_day_two_sentences_back_is_not_the_anchor(nlp):
    text = ("Rebels shelled the airport on Monday. Aid agencies warned of a growing crisis. "
            "The next day, a second convoy came under fire.")
    assert _values(nlp, text)["The next day"] is None


def test_month_of_a_relative_year_and_the_end_of_a_year(nlp):
    text = ("The rebels have not attacked the capital since February last year, when they signed a truce. "
            "A first round of talks closed in Oslo at the end of 2019.")
    found = _values(nlp, text, date(2021, 5, 9))
    assert found["since February last year"] is None  # a "since" span has no single value
    assert found["at the end of 2019"] == "2019-12"
    since = next(p for p in find_time_phrases(nlp(text), date(2021, 5, 9)) if p.since)
    assert (since.value.earliest_begin, since.value.latest_begin) == (date(2020, 2, 1), date(2020, 2, 29))


def test_before_dawn_is_a_time_of_that_day_and_before_an_event_a_relation(nlp):
    found = find_time_phrases(nlp("Gunmen stormed a police post shortly before dawn on Friday, killing six "
                                  "officers. Two days after the raid, a roadside bomb killed a soldier."), PUBLISHED)
    by_text = {p.text: p for p in found}
    friday = next(p for p in found if "Friday" in p.text)
    assert not friday.relative and friday.value.value == "2020-11-20"
    assert by_text["Two days after"].relative and by_text["Two days after"].value is None


def test_overnight_from_one_day_into_the_next_is_one_phrase(nlp):
    found = find_time_phrases(nlp("Rockets struck the air base overnight Friday into Saturday, the army said."),
                              PUBLISHED)
    (phrase,) = [p for p in found if "overnight" in p.text]
    assert phrase.text == "overnight Friday into Saturday"
    assert (phrase.value.earliest_begin, phrase.value.latest_end) == (date(2020, 11, 20), date(2020, 11, 21))


def test_the_pipeline_marks_time_phrases_and_reading_writes_their_values(nlp):
    assert "kgb_time" in nlp.pipe_names
    doc = nlp("Talks in Oslo ended late on Thursday. Both sides will meet again next week.")
    assert [s.text for s in doc.spans["kgb_time"]] == ["late on Thursday", "next week"]
    assert all(s._.kgb_time is None for s in doc.spans["kgb_time"])  # no publication date yet
    find_time_phrases(doc, PUBLISHED)
    assert [(s.text, s._.kgb_time.value) for s in doc.spans["kgb_time"]] == [
        ("late on Thursday", "2020-11-19"), ("next week", "2020-W48")]


def test_a_doc_without_the_component_is_read_the_same(nlp):
    text = "Police said on Friday that gunmen had stormed a border post the previous night."
    with nlp.select_pipes(disable=["kgb_time"]):
        bare = nlp(text)
    assert "kgb_time" not in bare.spans
    assert _values(nlp, text) == {p.text: p.value.value for p in find_time_phrases(bare, PUBLISHED)}


def test_time_phrases_survive_joining_parsed_parts(nlp):
    """Long articles are parsed in parts and joined (nlp.parse): each phrase keeps its own core."""
    from spacy.tokens import Doc
    joined = Doc.from_docs([nlp("Gunmen attacked the post early on Friday."), nlp("Police said on Saturday that "
                                                                                  "a second post fell the next day.")])
    assert _values_of(find_time_phrases(joined, PUBLISHED)) == {
        "early on Friday": "2020-11-20", "on Saturday": "2020-11-21", "the next day": "2020-11-21"}


def _values_of(phrases) -> dict[str, str | None]:
    return {p.text: p.value.value if p.value else None for p in phrases}


def test_a_caption_that_dates_the_attack_differently_loses_to_the_body(nlp):
    from kg_builder.extract import extract
    from kg_builder.types import Article
    text = ("Suicide bomber kills 12 at army base in Wardak\n\nSoldiers carry a wounded comrade outside the base in "
            "Maidan Shahr, Afghanistan, 20 January 2019. REUTERS/Staff\n\nA suicide bomber drove a truck packed with "
            "explosives into an army base in Maidan Shahr late on Monday, killing 12 soldiers, officials said on "
            "Tuesday.")
    [attack] = extract(nlp(text), Article("t", text, date(2019, 1, 23))).attacks
    assert attack.time.value == "2019-01-21"  # late on Monday, not the caption's 20 January


def test_yesterday_in_a_quotation_counts_from_the_day_it_was_said(nlp):
    before = _values(nlp, '"We attacked the convoy yesterday," the group said in a statement on Thursday.')
    assert before == {"yesterday": "2020-11-18", "on Thursday": "2020-11-19"}
    after = _values(nlp, 'The group said on Thursday: "We attacked the convoy yesterday."')
    assert after["yesterday"] == "2020-11-18"


def test_yesterday_outside_a_quotation_or_without_a_day_of_speaking_counts_from_publication(nlp):
    assert _values(nlp, "The group said on Thursday it had attacked the convoy yesterday.")["yesterday"] == "2020-11-20"
    assert _values(nlp, '"We attacked the convoy yesterday," the group said.')["yesterday"] == "2020-11-20"
