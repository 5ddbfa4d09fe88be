"""Casualty figures read from one sentence by ``figures.casualties`` (sentences of our own)."""
from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

from kg_builder import figures as figures_module
from kg_builder.extract import extract
from kg_builder.figures import casualties
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model


def figures(nlp, text: str) -> list[tuple[str, int, str | None]]:
    return [(c.what, c.figure.value, c.figure.qualifier) for s in nlp(text).sents for c in casualties(s)]


@pytest.mark.parametrize("text, expected", [
    ("At least 12 soldiers were killed and 30 others wounded.", [("killed", 12, "at least"), ("injured", 30, None)]),
    ("Seven people died and another 19 were injured, police said.", [("killed", 7, None), ("injured", 19, None)]),
    ("The blast killed more than two dozen worshippers.", [("killed", 24, "more than")]),
    ("No one was hurt in the explosion.", []),
    ("No one in the compound was injured, the embassy said.", []),
    ("An Israeli was killed and another wounded when gunmen opened fire.", [("killed", 1, None), ("injured", 1, None)]),
    ("A Palestinian was shot dead at the checkpoint.", [("killed", 1, None)]),
    ("Another was wounded by shrapnel.", [("injured", 1, None)]),
    ("Another 42 were injured.", [("injured", 42, None)]),
    ("About 43 rice farmers were murdered in their fields.", [("killed", 43, "about")]),
    ("The bombing caused the death of a police officer.", [("killed", 1, None)]),
    ("Officials mourned the deaths of 12 soldiers.", [("killed", 12, None)]),
    ("The group confirmed the death of its founder.", []),
    ("Officials confirmed the death of Ahmed Godane.", []),
    # the fate as the complement of a verb of report or belief: the subject is the counted people
    ("At least 40 villagers are reported injured after the raid.", [("injured", 40, "at least")]),
    ("Four guards were confirmed killed and nine were said to be wounded.", [("killed", 4, None), ("injured", 9, None)]),
    ("Six miners are feared dead.", [("killed", 6, None)]),
    # the fate word itself counted ("12 dead"), the lives lost, the injuries done to people
    ("The explosion left at least 19 dead.", [("killed", 19, "at least")]),
    ("Doctors reported 23 dead.", [("killed", 23, None)]),
    ("The toll stood at 14 dead and 40 wounded.", [("killed", 14, None), ("injured", 40, None)]),
    ("Eleven villagers lost their lives in the raid.", [("killed", 11, None)]),
    ("The ambush resulted in injuries to at least 26 soldiers.", [("injured", 26, "at least")]),
    ("The shrapnel caused injuries to his arm.", []),
    ("The villagers lost their cattle in the raid.", []),
    ("The villagers were ordered to leave.", []),
    # the dead counted by the noun itself
    ("The hospital reported 14 deaths and 60 people wounded on Friday.", [("killed", 14, None), ("injured", 60, None)]),
    ("The bombing caused at least 30 deaths.", [("killed", 30, "at least")]),
    # a count written just before a participle the parser leaves without a subject
    ("The ambush left eight soldiers dead and at least 11 injured.", [("killed", 8, None), ("injured", 11, "at least")]),
    ("A rocket fired on May 4 injured nobody.", []),
    # the dead counted by "the killing of"; a killing of someone named counts no toll
    ("The group claimed the killing of two cyclists and three other tourists.", [("killed", 2, None), ("killed", 3, None)]),
    ("The bombing was revenge for the killing of a commander.", []),
    # a running tally or a rate is no attack's toll; "a day after" says when, not how often
    ("The blast raised the death toll of foreign troops in the war to 310 since 2003.", []),
    ("The insurgency has killed more than 20,000 people since 2009.", []),
    ("Landmines kill or maim about 90 people every month, the agency said.", []),
    ("Snipers killed two civilians each day, residents said.", []),
    ("A bomb killed 12 people a day after the truce began.", [("killed", 12, None)]),
    ("The death toll rose to 31 on Tuesday.", [("killed", 31, None)]),
])
def test_casualty_figures(nlp, text, expected):
    assert figures(nlp, text) == expected


def test_a_toll_goes_to_the_attack_it_is_told_of(nlp):
    text = ("A roadside bomb killed two police officers in Herat on Monday. The blast came a day after a bombing at a "
            "police academy in Herat claimed the lives of at least nine cadets.")
    found = extract(nlp(text), Article("t", text, date(2021, 5, 4))).attacks
    assert sorted((a.time.value, a.killed.value) for a in found) == [("2021-05-02", 9), ("2021-05-03", 2)]


def _attack_figures(nlp, text: str) -> list[tuple]:
    found = extract(nlp(text), Article("t", text, date(2021, 3, 10))).attacks
    return [(a.killed and (a.killed.value, a.killed.qualifier), a.injured and (a.injured.value, a.injured.qualifier))
            for a in found]


def test_a_vague_quantity_is_read_as_a_lower_bound_but_is_no_attack_figure(nlp):
    assert figures(nlp, "Dozens of people were killed.") == [("killed", 12, "at least")]
    assert _attack_figures(nlp, "Dozens of people were killed in a bombing in Kabul on Tuesday.") == [(None, None)]


def test_a_stated_figure_stands_beside_a_vague_one(nlp):
    text = "A bombing in Kabul on Tuesday killed at least five people and wounded scores more."
    assert _attack_figures(nlp, text) == [((5, "at least"), None)]


def test_an_exact_count_below_the_lede_refines_its_rounded_bound(nlp):
    text = ("More than 50 people were wounded in a bombing in Kabul on Tuesday. The bombing, at a bus station, "
            "killed nine people and wounded 63 others.")
    assert _attack_figures(nlp, text) == [((9, None), (63, None))]


def test_a_smaller_count_does_not_replace_a_bound(nlp):
    # "14 of them children" counts a part of the wounded; the lede's bound stands
    text = ("At least 40 people were wounded in a bombing in Kabul on Tuesday. The bombing wounded 14 children.")
    assert _attack_figures(nlp, text) == [(None, (40, "at least"))]


def test_a_stated_figure_told_after_a_vague_one_is_the_attacks(nlp):
    text = "Dozens were killed in a bombing in Kabul on Tuesday. Officials said 31 people died in the bombing."
    assert _attack_figures(nlp, text) == [((31, None), None)]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("The number of civilians killed in the market bombing rose to about 45 on Sunday, officials said.",
     [("killed", 45)]),
    ("The number of people wounded in the blast climbed to 90.", [("injured", 90)]),
    ("The number of schools attacked this year is not known.", []),  # no figure: nothing counted
    # the parser hangs "killed" on "number" when the people are a name: still the toll
    ("The number of Pakistanis killed in Friday's suicide bombing outside Peshawar airport rose to about 60 "
     "on Saturday, hospital officials said.", [("killed", 60)]),
    ("The number of Yemenis killed in Monday's air strike on the port rose to 31 on Tuesday.", [("killed", 31)]),
    ("The number of dead rose to 40 overnight, a medic said.", [("killed", 40)]),  # the counted word itself
    ("The number of wounded climbed to 112.", [("injured", 112)]),
    ("Officials said the number of Pakistanis injured in the attack on the mosque had risen to 57.", [("injured", 57)]),
    ("The number of Afghans killed in such attacks has never been counted.", []),  # a count with no figure
    ("The number of Iraqis killed in bombings this year is unknown.", []),
])
def test_the_number_of_people_killed_rising_to_n_is_a_toll(nlp, text, expected):
    from kg_builder.figures import casualties
    found = [(c.what, c.figure.value) for s in nlp(text).sents for c in casualties(s)]
    assert found == expected


def test_a_participle_with_an_object_counts_its_object(nlp):
    # the small model tags "killed" in "report the bombing killed 14 villagers" as a participle on "bombing"
    doc = nlp("Officials report the bombing killed at least 14 villagers and wounded more than 30 others.")
    found = {(c.what, c.figure.value) for c in casualties(doc[:])}
    assert ("killed", 14) in found and ("injured", 30) in found


def test_a_participle_without_an_object_still_counts_its_noun(nlp):
    doc = nlp("Eleven people killed in the blast were buried on Friday.")
    assert ("killed", 11) in {(c.what, c.figure.value) for c in casualties(doc[:])}


def test_a_sentence_is_read_once_and_each_caller_gets_its_own_list(nlp, monkeypatch):
    reads = []
    monkeypatch.setattr(figures_module, "_read_casualties",
                        lambda sent, read=figures_module._read_casualties: reads.append(sent.start) or read(sent))
    doc = nlp("A roadside bomb killed four soldiers on Monday. Two civilians were wounded.")
    first, second = list(doc.sents)
    found = casualties(first)
    found.clear()  # a caller that edits its list leaves the others' intact
    again = casualties(first)
    assert [(c.what, c.figure.value) for c in again] == [("killed", 4)]
    assert again == casualties(first) and again[0].verb.doc is doc and reads == [0]  # the same reading, not a second one
    assert [(c.what, c.figure.value) for c in casualties(second)] == [("injured", 2)]
    other = nlp("A roadside bomb killed four soldiers on Monday. Two civilians were wounded.")
    assert casualties(next(iter(other.sents)))[0].verb.doc is other  # another Doc is read anew
    assert reads == [0, second.start, 0]


def test_what_was_read_of_a_doc_goes_with_the_doc(nlp):
    doc = nlp("Three police officers were killed when gunmen attacked a checkpoint.")
    assert casualties(next(iter(doc.sents)))
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None  # the figures read of it do not keep it (and its arrays) in memory


def test_two_figures_joined_by_and_are_not_one_number(nlp):
    # "rose to 9 and 20 others were hurt": the toll is 9, the 20 are the injured
    found = figures(nlp, '"The death toll has risen to 9 and 20 others were hurt," a doctor told reporters.')
    assert ("killed", 29, None) not in found and ("killed", 9, None) in found
    assert figures_module.parse_number("9 20") is None and figures_module.parse_number("twenty one") == (21, False)


def test_a_figure_a_statement_claims_is_not_the_report_toll(nlp):
    text = ("A suicide bomber struck a mosque in Kabul on Monday. In its statement the group said the casualties "
            "were claimed to be 30 dead. Officials said six people were killed.")
    attack, = extract(nlp(text), Article("t", text, date(2021, 3, 10))).attacks
    assert attack.killed.value == 6
    text = "A suicide bomber struck a mosque in Kabul on Monday. The attack claimed the lives of 15 worshippers."
    attack, = extract(nlp(text), Article("t", text, date(2021, 3, 10))).attacks
    assert attack.killed.value == 15
