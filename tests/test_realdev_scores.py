"""Extraction on real reports by other outlets (../shared/realdev), measured by its reference scorer.

The floors are the figures measured when they were last raised (see the closing notes of issue 12);
raise them when the reader improves, never lower them to let a change pass. A separate set of real
passages, not in the repository, is measured the same way: rules must fit how news is written, not
these passages.
"""
from __future__ import annotations

import pytest

from conftest import realdev_scorer

pytestmark = pytest.mark.model

# measured at stop 13 (issue 12): attacks 0.902, claims 0.818, negotiations 0.885; fields date 0.938,
# place 0.912, killed 0.955, injured 0.972, type 0.932, claimed_by 0.932, denied_by 0.973, blamed_on 0.811.
# denied_by was 0.986 of 72 at stop 12 and is 0.973 of 74: two attacks the reader missed are now found, and
# one of them has a denial the claims reader does not read (a miss that was hidden while its attack was).
# stop 15: a 2022 report's "Afghan officials" speak for the Taliban's government (succession.py).
# blame6: claims 0.829, blamed_on 0.838 (62/74): a state's organ telling its own forces' deed blames no one;
# a bare "the Interior Ministry" is the one the article qualifies elsewhere when no city gives the country;
# blamed_on 0.851 (63/74): an attack told before a counted sum that fits it takes the sum's doers;
# attacks 0.908, claims 0.840, place 0.926: "the attacks on a ward and a funeral" told first is a sum of two;
# claims 0.852, blamed_on 0.878 (65/74): "X did it, not Y as Z had first assumed" is Z's blame of Y;
# claims 0.859, denied_by 0.986: a hyphenated title ("IRPT leader-in-exile X") names whom X speaks for.
# stop 15: attacks 0.902, claims 0.880, place 0.940, claimed_by 0.946: a state's air strike kills the group's
# men, who are its victims (me02's airstrike takes the Hashed figure, 15, not the toll of the attack it followed;
# that attack, told again later with its date, now stands apart: attacks P 0.937 -> 0.925).
F1_FLOORS = {"attacks": 0.90, "claims": 0.87, "negotiations": 0.88}
FIELD_FLOORS = {"date": 0.93, "place": 0.93, "killed": 0.95, "injured": 0.97, "type": 0.93, "claimed_by": 0.94,
                "denied_by": 0.98, "blamed_on": 0.87}


@pytest.fixture(scope="module")
def scores(seeds_dir, realdev_export):
    return realdev_scorer(seeds_dir, "score").score(seeds_dir / "realdev" / "gold", realdev_export)


@pytest.mark.parametrize("kind", sorted(F1_FLOORS))
def test_f1_on_real_reports_does_not_regress(scores, kind):
    assert scores[kind]["f1"] >= F1_FLOORS[kind], {k: scores[k] for k in F1_FLOORS}


@pytest.mark.parametrize("field", sorted(FIELD_FLOORS))
def test_attack_fields_on_real_reports_do_not_regress(scores, field):
    accuracy, total = scores["fields"][field]
    assert total and accuracy >= FIELD_FLOORS[field], scores["fields"]


def test_negotiation_begin_and_end_on_real_reports_do_not_regress(scores):
    accuracy, total = scores["negotiation_time"]
    assert total and accuracy >= 0.76, scores["negotiation_time"]  # 0.765 of 17 at stop 12
