"""Governments that fell: after the day a government was overthrown, the names that meant it mean who took over.

"Afghan officials" in a 2022 report speak for the Taliban's government, not for the Islamic Republic that
fell on 15 August 2021; the same words about a 2019 attack still mean the Republic. What the gazetteer
says fell and when (``until`` / ``successor`` in actors.jsonl) is the one source; each mention is dated by
its own event (the attack a claim is about, the talks' start), else by the article's publication day.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from .gazetteer import Gazetteer
from .types import AttackMention, ClaimMention, NegotiationMention, TimeValue


def in_office(gazetteer: Gazetteer, name: str | None, on: date | None) -> str | None:
    """The government ``name`` stands for on the day ``on`` (None: unknown, the name as written): its successor
    once it had fallen."""
    fallen = gazetteer.succession.get(name) if name else None
    return fallen[1] if fallen and on is not None and on > fallen[0] else name


def governments_in_office(gazetteer: Gazetteer, published: date, attacks: list[AttackMention],
                          claims: list[ClaimMention], negotiations: list[NegotiationMention]):
    """The attacks, claims and negotiations with each fallen government's name read as of its event's day."""
    day = {a.key: _day(a.time, published) for a in attacks}
    rename = lambda names, on: tuple(dict.fromkeys(in_office(gazetteer, n, on) for n in names))  # noqa: E731
    attacks = [replace(a, perpetrators=rename(a.perpetrators, day[a.key])) for a in attacks]
    claims = [_claim_in_office(gazetteer, c, day.get(c.attack, published)) for c in claims]
    negotiations = [_talks_in_office(gazetteer, n) for n in negotiations]
    return attacks, claims, negotiations


def _talks_in_office(gazetteer: Gazetteer, talks: NegotiationMention) -> NegotiationMention:
    """Talks with their parties read as of their own start. Undated talks keep them ("talks between the
    Afghan government and the Taliban" in a 2022 report are most often those of 2020), and so do talks where
    the government would meet its own successor: the names then tell of the government before."""
    on = _day(talks.time, None)
    parties = [in_office(gazetteer, n, on) for n in (*talks.participants, *talks.mediators)]
    if len(set(parties)) < len(set(talks.participants + talks.mediators)):
        return talks
    return replace(talks, participants=tuple(parties[:len(talks.participants)]),
                   mediators=tuple(parties[len(talks.participants):]))


def _claim_in_office(gazetteer: Gazetteer, claim: ClaimMention, on: date) -> ClaimMention:
    """A claim with its parties read as of ``on``, unless that makes one side accuse itself (the names
    then tell of the government before)."""
    claimant, target = in_office(gazetteer, claim.claimant, on), in_office(gazetteer, claim.target_actor, on)
    if target is not None and claimant == target:
        return claim
    return replace(claim, claimant=claimant, target_actor=target)


def _day(time: TimeValue | None, otherwise: date | None) -> date | None:
    """The earliest day an event can have begun: it falls after a government's end only if all of its span does."""
    return time.earliest_begin if time is not None and time.earliest_begin else otherwise
