"""Attacks a report takes back ("a second blast … officials later said there was only one"): no attack,
no figures and no claims of their own. Sentences of our own, in the style of breaking-news wire copy.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.attacks import find_mentions
from kg_builder.extract import extract
from kg_builder.retractions import Retractions
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model

LEAD = "A suicide bomber killed 14 people at a bus station in Kandahar on Monday, officials said. "


def reasons(nlp, text: str) -> dict[str, str | None]:
    """The retraction rule of each attack trigger of ``text``, by the trigger's word (its first use)."""
    doc = nlp(text)
    found = Retractions(doc)
    rules: dict[str, str | None] = {}
    for sent in doc.sents:
        for m in find_mentions(doc, sent):
            rules.setdefault(m.token.text, found.reason(m.token))
    return rules


@pytest.mark.parametrize("text, trigger, rule", [
    (LEAD + "A second blast was reported at a checkpoint nearby, but police later said there had been only one "
     "explosion.", "blast", "retracted:only-one"),
    (LEAD + "Police said there was no second explosion at the station.", "explosion", "retracted:only-one"),
    (LEAD + "Witnesses described a second explosion near a mosque. Officials later said there had been just one "
     "explosion.", "explosion", "retracted:only-one"),  # the correction told sentences later
    (LEAD + "Officials denied a second explosion at the station.", "explosion", "retracted:only-one"),
    (LEAD + "A second explosion, first reported near the station, was later ruled out by officials.", "explosion",
     "retracted:only-one"),
    ("Interior ministry officials on Tuesday dismissed reports of a second bombing near the central bank.",
     "bombing", "retracted:corrected-report"),
    ("Reports of another explosion near the stadium were false, the police chief said.",
     "explosion", "retracted:corrected-report"),
    ("The army corrected an earlier account of a second attack on the convoy.", "attack", "retracted:corrected-report"),
    ("The governor denied reports that a second bomb had exploded near the bazaar.", "bomb",
     "retracted:corrected-report"),
    ("The governor denied reports that a second bomb had exploded near the bazaar.", "exploded",
     "retracted:corrected-report"),  # the verb told of a trigger taken back goes with it
    ("State television wrongly reported a second blast at the bus station.", "blast", "retracted:wrongly-reported"),
    ("Local television had initially reported a second explosion at the airport but later withdrew the report.",
     "explosion", "retracted:wrongly-reported"),
    ("The blast near the market turned out to be a gas leak, police said.", "blast", "retracted:turned-out"),
])
def test_a_mention_the_report_takes_back_is_retracted(nlp, text, trigger, rule):
    assert reasons(nlp, text)[trigger] == rule


@pytest.mark.parametrize("text, trigger", [
    ("A second blast struck the market an hour later, killing four more people.", "blast"),  # nothing takes it back
    # a denial of involvement is no correction of the event
    ("The Taliban denied reports that its fighters attacked the convoy.", "attacked"),
    ("The ministry denied reports of an attack by its forces on the village.", "attack"),
    ("A Taliban spokesman rejected claims that the group was behind the blast.", "blast"),
    # "a lone gunman" counts the attackers of one attack, not the attacks
    ("A lone gunman opened fire at a mosque in Herat on Friday. Another gunman attacked a shrine the next day.",
     "gunman"),
    # only one bomber says nothing of how many explosions there were
    ("Officials said there was only one bomber, who detonated his vest at the gate. A second explosion hit the "
     "hotel an hour later.", "explosion"),
    ("Police had earlier reported that five people were killed in the bombing.", "bombing"),  # an earlier toll
    ("Reports that the bombing killed 40 people were wrong, the ministry said.", "bombing"),  # the toll was wrong
    ("Unconfirmed reports of a second blast near the embassy circulated on social media.", "blast"),
    ("The attack turned out to be the work of a splinter group.", "attack"),  # still an attack
    ("The Taliban denied the attack on the convoy.", "attack"),  # a denial of involvement, not of the attack
])
def test_a_mention_nothing_takes_back_is_not_retracted(nlp, text, trigger):
    assert reasons(nlp, text)[trigger] is None


def test_a_retracted_blast_is_no_attack_and_the_claim_goes_to_the_real_one(nlp):
    text = (LEAD + "A second explosion was reported near the governor's office, although police later said there "
            "may have been only one blast. The Taliban said in a statement that one of its fighters had carried "
            "out the bombing.")
    found = extract(nlp(text), Article("t", text, date(2021, 3, 9)))
    assert [(a.kind, a.place, a.killed.value) for a in found.attacks] == [("SuicideBombing", "Kandahar", 14)]
    assert [(c.stance, c.claimant, c.attack) for c in found.claims] == [("claims_responsibility", "Taliban", "A1")]


def test_a_corrected_account_leaves_the_attack_it_corrects(nlp):
    text = ("A suicide bomber struck a wedding hall in Kabul on Saturday, killing 21 people, police said. A police "
            "spokesman said on Sunday there had been one bomber, correcting an earlier account of a second blast "
            "outside the hall. Islamic State claimed the attack.")
    found = extract(nlp(text), Article("t", text, date(2021, 3, 14)))
    assert [(a.kind, a.place) for a in found.attacks] == [("SuicideBombing", "Kabul")]
    assert [(c.claimant, c.attack) for c in found.claims if c.stance == "claims_responsibility"] == \
        [("Islamic State", "A1")]


def test_explain_shows_what_was_taken_back_and_by_which_rule(nlp):
    from kg_builder.explain import explain
    text = LEAD + "Police later dismissed reports of a second bombing near the governor's office."
    found = extract(nlp(text), Article("t", text, date(2021, 3, 9)))
    assert [(e.rule, e.start) for e in found.retracted] == [("retracted:corrected-report:bombing", text.index("Police"))]
    shown = explain(found)
    assert "taken back by the report, no attack (1)" in shown and "retracted:corrected-report:bombing" in shown
    plain = extract(nlp(LEAD), Article("t", LEAD, date(2021, 3, 9)))
    assert plain.retracted == () and "taken back" not in explain(plain)
