"""Within-article coreference of attack mentions: which attack already read a mention names again.

Mentions are read in order. A definite mention ("the attack", "Monday's blast"), a caption or the
headline names an attack already read; an indefinite one with a date or place of its own that differs
starts a new one ("another bomb", "a second blast" always do); what a party says of the attack being
told ("the group said its fighters killed 15") is that attack. Among the attacks that fit (a kind, a
date and a place they can have), the one named is the one on the mention's target, the one just told,
or the article's main attack. The cues of the clause itself that keep two attacks apart are in
``coref``; this module weighs them against the attacks read (``attack_state.AttacksRead``).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Token

from . import coref, temporal
from .attack_figures import AttackFigures
from .attack_places import places_conflict
from .attack_state import AttacksRead, AttackState
from .attack_time import AttackTimes, dated_to_month
from .attacks import FAMILY, Mention, compatible_kinds, consequence, part_of_assault
from .figures import casualties
from .layout import Sentence
from .places import PlaceFinder
from .types import TimeValue

ANOTHER = frozenset({"another", "other", "second", "third", "separate", "new", "further", "earlier", "previous"})
UNDATED_REACH = 3  # sentences back that an undated attack can still be dated by an indefinite mention


class AttackCoref:
    """Decides, for one article, whether a mention names an attack already read (``referent``)."""

    def __init__(self, places: PlaceFinder, times: AttackTimes, figures: AttackFigures,
                 aimed: Callable[[Token], set[str]]):
        """``aimed`` gives the lemmas of what a trigger hit ("academy", "checkpoint")."""
        self.places, self.times, self.figures, self.aimed = places, times, figures, aimed

    def referent(self, mention: Mention, time: TimeValue | None, own: bool, place: str | None,
                 own_place: bool, sentence: Sentence, told: AttacksRead) -> AttackState | None:
        """The attack already read that this mention names again, or None for a new attack.

        A definite mention, a caption or a headline names an attack already read: a place or a date of
        its sentence that does not fit that attack belongs to something else the sentence tells ("US
        officials in Washington said the attack…"), unless the date or place is the mention's own ("the 2014
        attack", "the attacks on two mosques in Christchurch")."""
        if told.current is not None and (mention.charge and time is None or mention.weak and compatible_kinds(
                told.current.cluster.kind, mention.kind) and not self._conflicts(told.current, time if own else None, None)):
            # "accused the militia of blowing it up", "the group said its fighters killed 15 soldiers":
            # what a party says of the attack being told
            return told.current
        if told.current is not None and (time is None or not own) and place is None and not mention.definite \
                and part_of_assault(told.current.cluster.kind, mention.kind) and told.current.last_sentence >= sentence.index - 2:
            return told.current  # "… several women were kidnapped by the insurgents", "… involving rocket fire"
        if consequence(mention.token) and told.current is not None:
            return told.current  # "shrapnel struck a fuel tank, triggering a second explosion"
        refers = mention.definite or mention.caption or mention.headline
        if refers:
            time, place = (time if own else None), (place if own_place else None)
        # a referring mention's own place conflicts only with a place another mention named as its own
        fitting = [a for a in told.attacks if compatible_kinds(a.cluster.kind, mention.kind)
                   and not self._conflicts(a, time, place if not refers or a.place_own else None)]
        if not refers and _counts_several(mention):
            # "including two car bombings in the capital": several attacks, not a retelling of one told singly
            fitting = [a for a in fitting if a.cluster.series or any(m.plural for m in a.cluster.mentions)]
        if not refers and not mention.weak and not mention.charge:
            # "…, killing 35" after a strike that killed two: an indefinite mention with a toll of its own
            # that differs, on a target of its own, is a further attack, not a retelling
            found = casualties(sentence.span)
            claimed = self.figures.claimed(found)  # "the group said its bombing killed 10": not the report's toll
            toll = coref.own_killed(mention.token, sentence.span, [c for c in found if c not in claimed])
            if toll is not None:
                hit = self.aimed(mention.token)
                fitting = [a for a in fitting if a.killed is None or a.killed.value == toll or hit & _told_words(a)]
        if not fitting:
            return None
        linked = syntactic_partner(mention.token, told.by_token)
        if linked is not None and linked in fitting:
            return linked
        if mention.plural and mention.definite:  # "the attacks": the series, not its last part
            series = [a for a in fitting if a.parent is None and not a.background
                      and (a.cluster.series or any(m.plural for m in a.cluster.mentions))]
            if series:
                return series[-1]
        if not mention.definite and mention.token.pos_ != "VERB" and any(c.lower_ in ANOTHER for c in mention.token.children if c.dep_ in ("det", "amod")):
            return None  # "another bomb", "a second blast", "a separate attack"
        if mention.definite and sentence.rank == 0:
            # "Friday's blast at the police academy": a definite mention with a target of its own names the
            # attack on that target
            aimed = self.aimed(mention.token)
            on_target = [a for a in fitting if aimed & a.target_heads]
            if len(on_target) == 1:
                return on_target[0]
            # "That blast killed 15": a demonstrative of distance names the attack mentioned last
            if any(c.dep_ == "det" and c.lower_ == "that" for c in mention.token.children):
                before = [a for a in fitting if a.last_sentence == sentence.index - 1]
                if before:
                    return max(before, key=lambda a: max(m.token.i for m in a.cluster.mentions))
        fresh = time is not None or place is not None
        if mention.definite or mention.caption or mention.headline or not fresh:
            # an attack told for context becomes the topic when the sentence before retold it by name
            # ("… wounded in the Bamako attack. Three were killed in the attack …")
            recent = [a for a in fitting if sentence.rank == 0 and (
                a.last_sentence >= sentence.index - 1 and not a.background
                or a.background and a.last_sentence >= sentence.index - 1 and len(a.cluster.mentions) > 1
                and a.cluster.mentions[-1].definite
                # "… hours after a rocket attack in Kabul. The attack, which took place on Saturday, …": the
                # noun just introduced, named again with a date of its own, is told more of
                or a.background and a.last_sentence == sentence.index - 1 and mention.definite and own
                and _same_noun(a.cluster.mentions[-1], mention))]  # a caption or headline is read last: "recent" means nothing there
            # "The attacks follow a deadly attack on a university. … claimed the attack": the one the number fits
            agreeing = [a for a in fitting if a.background and a.last_sentence == sentence.index - 1
                        and a.cluster.mentions[-1].plural == mention.plural]
            if mention.definite and agreeing and recent and all(a.cluster.mentions[-1].plural != mention.plural
                                                                 for a in recent):
                recent = agreeing
            if recent:  # "the blast" is the bombing, not the ambush told after it
                return max(recent, key=lambda a: (FAMILY[a.cluster.kind] == FAMILY[mention.kind],
                                                  own and _same_noun(a.cluster.mentions[-1], mention),
                                                  a.last_sentence, recent.index(a)))
            if mention.definite or mention.caption or mention.headline:  # the article's main attack
                return max(fitting, key=lambda a: (not a.background, not all(m.plural for m in a.cluster.mentions),
                                                   len(a.cluster.mentions)))
            return fitting[-1] if told.current in fitting and not told.told_in(sentence) else None
        if time is None:
            # "23 rockets hit Kabul" right after the Kabul rocket attack: the same attack retold
            # (or, told with a place, the attack just read that had none: "…said it was behind the attack, which
            # has seen a blast at a hotel in Nairobi")
            lede = next(iter(told.body_attacks()), None)
            # (and "The people were killed in an Israeli strike on the school in Jabalia" after the strike with no
            # place: the place of the attack just told)
            fills = place is not None and own_place and coref.relating_clause(mention.token) is None
            near = [a for a in fitting if (a.place or a.time is None or fills)
                    and not a.background and (a.last_sentence >= sentence.index - 2 or a is lede and a.time is None)]
            return near[-1] if near else None
        if place is None and time.granularity == "day":  # "Saturday's attack" after the Saturday attack
            # (and "a car bomb first detonated …" told of Saturday's carnage: "another", "a second" are apart)
            same_day = [a for a in fitting if not a.background and a.time is not None and a.time.value == time.value]
            if same_day:
                return same_day[-1]
        # the story's attack told first without a date ("the deadliest blasts in years have hit Baghdad"), then
        # with one ("a twin bombing ripped through a market on Thursday"); not an attack of years before
        lede = next(iter(told.body_attacks()), None)
        undated = [a for a in fitting if a.time is None and not a.background and a.parent is None
                   and (a.last_sentence >= sentence.index - UNDATED_REACH or a is lede)]
        if undated and not self.times.long_before(time):
            return undated[-1]
        # an indefinite mention with its own date and place: the same attack only if both agree ("who was
        # abducted in Kabul earlier this year" then "on the 2nd, gunmen attacked Kabul University": a year is
        # too coarse to agree with a day)
        same = [a for a in fitting if a.time is not None and dated_to_month(a.time) and a.place and place]
        return same[-1] if same else None

    def _conflicts(self, state: AttackState, time: TimeValue | None, place: str | None) -> bool:
        """A stated date or place that the attack already read cannot have (``attack_places.places_conflict``)."""
        if time is not None and state.time is not None and not temporal.compatible(time, state.time):
            return True
        return places_conflict(self.places, place, state.place)


def syntactic_partner(token: Token, by_token: Mapping[int, AttackState]) -> AttackState | None:
    """The attack of a trigger this one is syntactically part of: "a car bomber attacked",
    "gunmen opened fire", "an attack with a truck bomb", "the blast, caused by a roadside bomb"."""
    partners = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "agent", "dobj", "appos")]
    partners += [g for c in token.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "compound"):
        partners.append(token.head)
    if token.dep_ in ("nsubj", "dobj"):  # "a suicide bomber rammed a car packed with explosives"
        partners += [c for c in token.head.children if c.dep_ in ("nsubj", "dobj") and c.i != token.i]
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        partners.append(token.head.head)
    if token.pos_ == "VERB":  # "as a car bomber attacked": the small models often misparse this
        before = token.i - 1
        while before >= 0 and token.doc[before].pos_ in ("ADV", "PART"):
            before -= 1
        if before >= 0 and token.doc[before].pos_ in ("NOUN", "PROPN"):
            partners.append(token.doc[before])
    return next((by_token[p.i] for p in partners if p.i in by_token), None)


def second_to_current(mention: Mention, current: AttackState | None) -> bool:
    """"A second bomber", "another explosion": a further attack told right after a day-dated one."""
    noun = mention.token
    return current is not None and current.time is not None and current.time.granularity == "day" \
        and not current.background and any(c.lower_ in ("second", "another", "third") for c in noun.children if c.dep_ in ("det", "amod"))


def _same_noun(earlier: Mention, mention: Mention) -> bool:
    """A definite noun that repeats the noun of an attack just named ("a rocket attack … The attack")."""
    return mention.token.pos_ == earlier.token.pos_ == "NOUN" and mention.token.lemma_ == earlier.token.lemma_


def _counts_several(mention: Mention) -> bool:
    """"two car bombings", "three rocket attacks": attacks counted as more than one (``coref.counted``;
    not devices, "three bombs exploded", which may be one attack)."""
    return mention.plural and mention.token.pos_ != "VERB" and coref.counted(mention.token) is not None


def _told_words(state: AttackState) -> set[str]:
    """The lemmas of the sentences that told an attack: what a retelling's target ("struck the mosque") is
    found among when it is the same attack."""
    return {t.lemma_.lower() for m in state.cluster.mentions for t in m.sent if t.pos_ in ("NOUN", "PROPN")}
