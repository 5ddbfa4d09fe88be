"""Which attack a sentence's casualty figures belong to, and when a later figure replaces an earlier one.

``figures.casualties`` reads the numbers of a sentence; the reader gives them to an attack: the one the
sentence's mentions were read as, a part of a series that a sentence opening on a place reports ("In
Kunduz, ten soldiers were killed"), else the attack being told. A figure that a party claims ("the
Taliban said they killed 10") is its claim, not the report's; a month's tally ("163 civilians were
killed in November") is no attack's toll. The body wins over captions and the headline, and an exact
count refines a rounded bound told before it (``_refines``).
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from . import coref
from .actors import ActorResolver
from .attack_state import AttacksRead, AttackState
from .attacks import STATE_KINDS, Cluster, Mention
from .claim_words import TOLL_VERBS
from .figures import casualties, combine
from .gazetteer import Gazetteer
from .layout import Sentence
from .nlp import read_lexicon
from .places import PlaceFinder
from .reported import reporting_verb
from .timex import TimePhrase
from .types import Figure

STATISTIC_MARKERS = tuple(read_lexicon("attacks")["statistic_markers"])


class AttackFigures:
    """Reads the casualty figures of one article's sentences into its attacks."""

    def __init__(self, places: PlaceFinder, actors: ActorResolver, gazetteer: Gazetteer, times: list[TimePhrase]):
        self.places, self.actors, self.gazetteer, self.times = places, actors, gazetteer, times

    def read(self, sentence: Sentence, mentions: list[Mention], told: AttacksRead) -> None:
        """Give the sentence's casualty figures to the attack that tells them: the one its mentions were
        read as (the one a casualty verb is said of, when they are several), a part of a series the sentence
        opens on, else the attack being told; not a claim's figure, nor a month's tally."""
        found = casualties(sentence.span)
        if not found:
            return
        claimed = self.claimed(found)
        found = [c for c in found if c not in claimed]
        if not found:
            return
        owned = [m for m in mentions if m.token.i in told.by_token]
        if len({id(told.by_token[m.token.i]) for m in owned}) > 1:
            owned = [_teller(found[0].verb, owned)]
        owner = self._series_part(sentence, told) or (told.by_token[owned[0].token.i] if owned else None)
        if owner is not None:
            # "a commander of the group was killed by special forces": in a killing told as the attack itself,
            # the group's men are its victims, not attackers who died in their own attack
            # and a state's strike or raid ("a US drone strike killed 12 militants") kills the group's men
            killings = {m.token.i for m in owner.cluster.mentions if m.weak}
            state_deed = owner.cluster.kind == "Airstrike" or any(
                self.actors.kind_of(p) in STATE_KINDS for p in owner.perpetrators)
            found = [replace(c, attackers=False) if c.attackers and (state_deed or c.verb.i in killings) else c
                     for c in found]
        # "… attack a prison a day after the agency said a commander was killed": a toll told in an "after"
        # clause is the other event's, not that of an attack told outside it (even if the clause's killing
        # was taken for a mention of it)
        mentions_of = [m.token for m in mentions if m.token.i in told.by_token and told.by_token[m.token.i] is owner]
        found = [c for c in found if (clause := coref.relating_clause(c.verb)) is None
                 or mentions_of and all(clause.i in {a.i for a in t.ancestors} | {t.i} for t in mentions_of)]
        if not found:
            return
        if owner is None:
            text = sentence.span.text.lower()
            if told.current is None or any(marker in text for marker in STATISTIC_MARKERS):
                return
            if self._month_statistic(sentence):
                return
            owner = told.current
            if owner.killed is not None and not any(c.phrase == "death toll" for c in found):
                # a sentence of its own adds only what the attack lacks ("More than 59 were wounded.")
                found = [c for c in found if c.what == "injured" and owner.injured is None]
                if not found:
                    return
        for what in ("killed", "injured"):
            items = [c for c in found if c.what == what]
            figure = combine(items)
            if figure is None:
                continue
            toll = any(c.phrase == "death toll" for c in items)
            current, rank = getattr(owner, what), getattr(owner, f"{what}_rank")
            if current is None or toll or sentence.rank < rank or sentence.rank == rank and _refines(figure, current):
                setattr(owner, what, figure)
                setattr(owner, f"{what}_rank", sentence.rank)

    def _series_part(self, sentence: Sentence, told: AttacksRead) -> AttackState | None:
        """The part of a series that a sentence opening on a place reports: "Attacks hit four
        provinces … In Kunduz, ten soldiers were killed … In Badghis, six …". The part takes the
        series' kind, time and perpetrators, and the place; a part already read is found again."""
        series = told.current
        if series is None or not (series.cluster.series or any(m.plural for m in series.cluster.mentions)):
            return None
        sent = sentence.span
        opening = [t for t in sent[:4] if not t.is_space]
        if not opening or opening[0].lower_ not in ("in", "at", "near"):
            return None
        places = [p for p in self.places.in_sentence(sent, sent.start + 1) if p.start <= opening[0].i + 3]
        if not places:
            return None
        place = places[0].label_
        known = next((a for a in told.attacks if a.parent is series and a.place == place), None)
        if known is not None:
            return known
        trigger = sent.root
        part = AttackState(Cluster(kind=series.cluster.kind), time=series.time, time_rank=series.time_rank,
                           place=place, perpetrators=list(series.perpetrators), parent=series)
        part.cluster.add(Mention(trigger, series.cluster.kind, False, False, False, sent, text="series-part"))
        part.last_sentence = sentence.index
        told.attacks.append(part)
        return part

    def claimed(self, found: list) -> list:
        """Figures that an armed group states as its own ("the Taliban said they killed 10", "the Houthi-run
    ministry put the toll at 123"): a claim (``party_figures``), not the report's."""
        claimed = []
        for c in found:
            if c.vague:
                continue
            verb = reporting_verb(c.verb)  # one definition of a party's reported clause (claims use it too)
            if verb is not None:
                org, _ = self.actors.speaker(verb, open_names=True)
            elif c.verb.lemma_.lower() in TOLL_VERBS:  # "the Houthi-run health ministry put the toll at 123"
                org = next((self.actors.claimant_of(s) for s in c.verb.children if s.dep_ == "nsubj"), None)
            else:
                org = None
            # an armed group's figure, or any party's that it "claims" ("the defence ministry claimed up to 85
            # were killed"): theirs, not the report's
            armed = org in self.gazetteer.actors and self.gazetteer.actors[org].kind == "ArmedGroup"
            if org and (armed or verb is not None and verb.lemma_ == "claim") or _claimed_to_be(c.verb):
                claimed.append(c)
        return claimed

    def _month_statistic(self, sentence: Sentence) -> bool:
        """"163 civilians were killed in November": a month's tally, not one attack's toll."""
        for phrase in self.times:
            if sentence.span.start <= phrase.start < sentence.span.end and phrase.value is not None \
                    and phrase.value.granularity in ("month", "year") and not phrase.since:
                return True
        return False


def _claimed_to_be(word: Token) -> bool:
    """A figure in what is claimed ("the casualties were claimed to be 15 dead", "it claims to have killed
    20"): someone's claim, not the report's toll; not "claimed the lives of 15", nor a toll told in the
    clause of what a claim of responsibility is for."""
    for above in [word, *word.ancestors]:
        if above.dep_ == "xcomp" and above.head.lemma_ == "claim" and above.head.pos_ == "VERB" \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in above.children):
            return True
    return False


def _teller(verb: Token, mentions: list[Mention]) -> Mention:
    """Which of several attacks in a sentence a casualty verb tells of: the one it is said of
    ("the blast killed", "a bombing that killed", "an attack killing"), else the nearest before it
    ("The attack came a day after an attack … claimed the lives of six")."""
    for m in mentions:
        if m.token.i == verb.i:
            return m  # "a commander was killed by special forces": the killing is the attack told
        if m.token.head.i == verb.i and m.token.dep_ in ("nsubj", "nsubjpass", "agent") \
                or verb.dep_ in ("acl", "relcl") and verb.head.i == m.token.i:
            return m
    before = [m for m in mentions if m.token.i < verb.i]
    return max(before, key=lambda m: m.token.i) if before else mentions[0]


def _refines(figure: Figure, earlier: Figure) -> bool:
    """An exact count told after a rounded bound of the same attack ("more than 100 wounded" in the lede,
    "wounding 110 others" below it): the body's exact figure is the attack's. Not a smaller count (a
    part of the victims) nor another bound."""
    return earlier.qualifier in ("more than", "at least") and figure.qualifier is None and figure.value > earlier.value
