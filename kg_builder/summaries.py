"""Counted sums and their parts, and attacks folded together: the within-article bookkeeping of
``extract.ArticleReader`` that decides which attack states stand in the output (``SummaryMixin``,
``worth_keeping``).

"Militants staged suicide bombings at three churches … The mother blew herself up at one … The father
drove a car bomb into another": the count sums up attacks the story tells one by one; each part is an
attack and the sum none of its own. With one part told, the part is a retelling and folds back in. An
attack told before the sum that fits it is one of its parts too, and takes the doers the sum names.
"""
from __future__ import annotations

from . import coref, temporal
from .attack_coref import UNDATED_REACH, syntactic_partner
from .attack_state import AttackState
from .attacks import Mention, attackers_did, compatible_kinds
from .layout import Sentence


class SummaryMixin:
    """Methods of ``ArticleReader`` over the attacks it has read (``told``, an ``attack_state.AttacksRead``)."""

    def _open_summary(self, mention: Mention, sentence: Sentence, own: bool) -> AttackState | None:
        """The counted sum ("suicide bombings at three churches") that an indefinite mention told after it
        is one part of ("The father drove a bomb-laden car into one church while his sons …"), while the sum
        has parts left to tell; None when the mention is a retelling, a claim or has a date of its own."""
        if mention.definite or mention.plural or mention.weak or mention.charge or mention.caption \
                or mention.headline or own or syntactic_partner(mention.token, self.told.by_token) is not None:
            return None
        for state in reversed(self.told.attacks):
            if state.parent is not None or state.background:
                continue
            count = max((c for m in state.cluster.mentions if m.plural and (c := coref.counted(m.token))), default=0)
            parts = [a for a in self.told.attacks if a.parent is state]
            told = max([state.last_sentence] + [a.last_sentence for a in parts])
            if count >= 2 and len(parts) < count and compatible_kinds(state.cluster.kind, mention.kind) \
                    and state.cluster.first.sent != sentence.span and told >= sentence.index - UNDATED_REACH:
                return state
            return None  # only the attack told last can be the sum being told
        return None

    def _told_again(self, mention: Mention, place: str | None, related: AttackState) -> AttackState | None:
        """A related attack ("… a day after an attack on a restaurant in Bamako") that the article told
        before in its own right (a summary line that opens the page): the one of that place and kind."""
        if place is None:
            return None
        told = [a for a in self.told.attacks if a is not related and a.place == place
                and compatible_kinds(a.cluster.kind, mention.kind) and a.parent is None]
        return told[-1] if told else None

    def _split_summaries(self) -> None:
        """"Militants killed 42 people in two attacks on Tuesday. In Arbinda, … In a separate attack in
        Soum, …": a counted plural whose parts the article tells after it sums them up, no attack of its
        own; each part takes the sum's date and doers (``AttackState.parent``) where it lacks them."""
        for n, state in enumerate(self.told.attacks):
            if state.parent is not None or state.background:
                continue
            if all(m.plural for m in state.cluster.mentions):
                count = max((c for m in state.cluster.mentions if (c := coref.counted(m.token))), default=None)
            else:
                # "the attacks on a police academy and a wedding party" told first: the singular
                # mentions read into it after ("the raid on the academy") retell one part each
                first = state.cluster.first
                count = coref.targets_listed(first.token) if first.plural else None
            if count is None:
                continue
            self._share_doers(state, self.told.attacks[:n], count)
            told = [a for a in self.told.attacks if a.parent is state]
            parts = told + [a for a in self.told.attacks[n + 1:] if a.parent is None and not a.background and not a.summary
                            and not a.cluster.first.caption and not a.cluster.first.headline
                            and compatible_kinds(a.cluster.kind, state.cluster.kind)
                            and (a.time is None or state.time is None or temporal.compatible(a.time, state.time))]
            parts = parts[:count]
            if len(parts) < 2:
                for part in told:
                    self._merge(state, part)  # one part told: a retelling of the sum, not an attack of its own
                continue
            state.summary = True
            for part in parts:
                part.parent = state

    def _share_doers(self, state: AttackState, before: list[AttackState], count: int) -> None:
        """"A car bomb exploded near a hotel in Kabul on Monday … the surge in violence this week, with two
        Taliban car bombings in Kabul, …": an attack told before a counted sum, of its kind, at its place and within its time, is one
        of the attacks the sum counts, and its doers are the sum's (where it names none of its own)."""
        if not state.perpetrators or state.place is None or state.time is None:
            return
        fitting = [a for a in before if a.parent is None and not a.background and not a.summary
                   and not a.perpetrators and a.place == state.place and a.time is not None
                   and compatible_kinds(a.cluster.kind, state.cluster.kind) and temporal.compatible(a.time, state.time)]
        for part in fitting[:count]:
            part.perpetrators = list(state.perpetrators)

    def _merge(self, into: AttackState, part: AttackState) -> None:
        """Fold an attack read apart back into the one it retells: its mentions, and what that one lacks."""
        for mention in part.cluster.mentions:
            into.cluster.add(mention)
            self.told.by_token[mention.token.i] = into
        for what in ("time", "place", "killed", "injured"):
            if getattr(into, what) is None:
                setattr(into, what, getattr(part, what))
        into.targets += [t for t in part.targets if t not in into.targets]
        into.target_heads |= part.target_heads
        into.perpetrators += [p for p in part.perpetrators if p not in into.perpetrators]
        into.last_sentence = max(into.last_sentence, part.last_sentence)
        self.told.attacks.remove(part)
        if self.told.current is part:
            self.told.current = into


def worth_keeping(state: AttackState, attacks: list[AttackState]) -> bool:
    """Drop what reports no particular attack: a series or a plural ("bombings targeting
    minorities", "the relentless attacks") not dated to the day, or with no place and no toll, and
    not reported place by place,
    and a definite mention with nothing of its own ("where the explosion took place") when the
    article reports another attack it can stand for."""
    if state.summary:
        return False
    if any(p.parent is state for p in attacks):
        return True
    time = state.time or state.reported
    day = time is not None and time.granularity == "day"
    # ("gunmen killed 17 people over the weekend": several attackers, one deed)
    plural = state.cluster.series or all(m.plural and not attackers_did(m.token) for m in state.cluster.mentions)
    if plural and not day:
        return False
    if plural and state.place is None and state.killed is None and state.injured is None:
        return False  # "after the September 11 attacks": a name for past events, nothing reported of them
    bare = state.time is None and state.killed is None and state.injured is None and not state.background
    if bare and all(m.definite for m in state.cluster.mentions):
        return not any(o is not state and o.killed is not None and compatible_kinds(o.cluster.kind, state.cluster.kind)
                       for o in attacks)
    return True
