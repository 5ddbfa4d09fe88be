"""From a parsed article to an ``Extraction``: attacks, their figures and times, claims, negotiations.

The reading order is an analyst's: body sentences first, then photo captions and the headline (they
may add a fact of their own, but the body wins where they disagree). Each attack trigger either
refers back to an attack already read ("the attack", "Monday's blast") or starts a new one (its own
date or place, an indefinite "an attack on …", a background attack anchored "a day after …").
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from . import coref, temporal
from .actors import ActorResolver
from .attacks import (ATTACK_VERBS, FAMILY, KIND_RANK, Cluster, Mention, compatible_kinds, consequence,
                      find_mentions, part_of_assault)
from .claim_words import DENIAL_VERBS
from .claims import find_claims
from .reported import reporting_verb
from .retractions import Retractions
from .figures import casualties, combine
from .gazetteer import load as load_gazetteer
from .layout import Sentence, read_layout
from .negotiations import find_negotiations
from .nlp import read_lexicon
from .places import PlaceFinder
from .succession import governments_in_office
from .summaries import UNDATED_REACH, SummaryMixin
from .timex import REPORTING, TimePhrase, find_time_phrases, verb_of
from .timex import in_quote as _in_quote
from .types import (Actor, AttackMention, ClaimMention, Evidence, Extraction, Figure, PersonRole,
                    TimeValue, Article)

NARRATION_VERBS = frozenset(read_lexicon("claims")["narration_verbs"])
ANOTHER = frozenset({"another", "other", "second", "third", "separate", "new", "further", "earlier", "previous"})
SAME_DAY = re.compile(r"(?i)\W*\b(?:(?:(?:a few|several|some|two|three) )?(?:hours|minutes|moments) (?:later|earlier|after)|(?:later|earlier) (?:that|the same) day|the same day)\b")
TELLING = frozenset({"condemn", "denounce", "investigate", "mourn", "praise", "celebrate", "commemorate", "mark",
                     "end", "contain", "quell"})  # "forces ended the siege on Sunday": the day it ended
REPORT_VERBS = frozenset({"say", "tell", "report", "confirm", "announce", "add", "state"})
TOLL_NOUNS = frozenset({"toll", "tally", "count", "number", "figure"})
RECALLED_AFTER_DAYS = 31
# verbs that relate an attack to something else: a date on them is that other thing's ("the bombing
# followed an announcement on Friday", "the attack prompted a curfew on Monday")
RELATING_VERBS = frozenset({"follow", "precede", "coincide", "prompt", "trigger", "spark", "draw", "show",
                            "highlight", "underscore", "raise", "cast", "overshadow", "mark"})
STATISTIC_MARKERS = tuple(read_lexicon("attacks")["statistic_markers"])
ATTACKER_NOUNS = frozenset(read_lexicon("attacks")["attacker_nouns"])
MEMBERSHIP_VERBS = frozenset(read_lexicon("attacks")["membership_verbs"])  # "were linked to", "belonged to"
TARGET_PREPS = ("on", "against", "targeting", "at", "near", "outside", "inside")


@dataclass
class AttackState:
    """What the article has said so far about one attack."""

    cluster: Cluster
    time: TimeValue | None = None
    time_rank: int = 9  # 0 body sentence, 1 caption, 2 headline
    place: str | None = None
    place_detail: str | None = None
    killed: Figure | None = None
    killed_rank: int = 9
    injured: Figure | None = None
    injured_rank: int = 9
    targets: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    background: bool = False
    last_sentence: int = -1
    key: str = ""
    parent: "AttackState | None" = None  # the series a part-by-place belongs to
    reported: TimeValue | None = None  # the day an official reported it, for an attack told with no date
    place_own: bool = False  # the place was named inside a mention ("the attack on a school in Khost")
    target_heads: set[str] = field(default_factory=set)  # lemmas of what was hit ("academy", "checkpoint")
    summary: bool = False  # "two attacks" whose parts the article tells one by one: the parts are the attacks


class ArticleReader(SummaryMixin):
    """Reads one parsed article; ``extraction()`` gives what it found."""

    def __init__(self, doc: Doc, article: Article):
        self.doc, self.article = doc, article
        self.published: date | None = article.published
        self.gazetteer = load_gazetteer()
        self.actors = ActorResolver(doc)
        self.times = find_time_phrases(doc, self.published)
        self.attacks: list[AttackState] = []
        self.by_token: dict[int, AttackState] = {}
        self.current: AttackState | None = None
        self.places = PlaceFinder(doc, self.gazetteer, self.actors.country)
        self.retractions = Retractions(doc)
        self.retracted: list[tuple[Mention, str]] = []

    def sentences(self) -> list[Sentence]:
        """Body sentences in order, then captions, then the headline (``layout.read_layout``)."""
        return read_layout(self.doc)

    # Attacks
    def read_attacks(self, sentences: list[Sentence]) -> None:
        for sentence in sentences:
            mentions = find_mentions(self.doc, sentence.span, caption=sentence.rank == 1,
                                     headline=sentence.rank == 2)
            mentions = [m for m in mentions if not self._retracted(m)]
            for mention in mentions:
                self._place_mention(mention, sentence)
            self._read_figures(sentence, mentions)
        self._resolve_anchors()

    def _retracted(self, mention: Mention) -> bool:
        """An attack the report takes back ("a second blast … officials later said there was only one"):
        no attack, and no anchor for figures or claims (``retractions``); kept for ``kgb explain``."""
        rule = self.retractions.reason(mention.token)
        if rule is not None:
            self.retracted.append((mention, rule))
        return rule is not None

    def _place_mention(self, mention: Mention, sentence: Sentence) -> None:
        # "the deadliest attack since the 2014 bombings": what a comparison reaches back to is another attack,
        # and the sentence's date is not its date
        earlier = mention.token.dep_ == "pobj" and mention.token.head.lower_ == "since"
        time, own = (None, False) if earlier else self._time_of(mention.token, sentence)
        place, detail = self._place_of(mention.token, sentence.span)
        own_place = place is not None and self._places_own(mention.token, place)
        if place and not own_place and not self._place_governed(mention.token, place):
            # "A defence official in Washington said …, while another described the strike": a place outside
            # the trigger's clause may be the attack's, but does not make it another attack
            clause_place = None
        else:
            clause_place = place
        anchor = self._anchor_phrase(mention.token)
        # "the attack came hours after a truck bomb blew up": the attack reached for is another one
        related = None if mention.definite or anchor is not None or earlier \
            else coref.related_from(mention.token, self.by_token)
        # "Hours later, insurgents ambushed a patrol": a new attack the same day
        opening = sentence.span[:6].text
        later = not mention.definite and not mention.weak and SAME_DAY.match(opening) is not None \
            and not any(m.token.i < mention.token.i for m in self._new_in(sentence))
        target = None
        summary = None if related is not None or anchor is not None or earlier else self._open_summary(mention, sentence, own)
        if related is not None:
            target = self._syntactic_partner(mention.token)  # "… after a truck bomb blew up": bomb and blast are one
            target = self._told_again(mention, clause_place, related) if target in (None, related) else target
        elif summary is not None:
            pass  # a part of a counted sum the story now tells one by one: an attack of its own
        elif (anchor is None or mention.definite) and not mention.series and not earlier and not later:
            target = self._referent(mention, time, own, clause_place, own_place, sentence)
        if target is None and (mention.caption or mention.headline) and self._body_attacks() and not own:
            return  # a caption or headline that fits no attack of the body and has no date of its own: the body wins
        if target is None:
            target = AttackState(Cluster(kind=mention.kind, series=mention.series))
            target.background = anchor is not None or earlier or related is not None
            target.parent = summary
            if time is None and self._second_to_current(mention):
                time = self.current.time  # "A second bomber on foot detonated his vest …": the same day
            self.attacks.append(target)
        elif target.background and anchor is None and mention.definite and sentence.rank == 0 \
                and not self._body_attacks():
            target.background = False  # "It landed hours after a rocket attack in Kabul. The attack …": the story's
        target.cluster.add(mention)
        self.by_token[mention.token.i] = target
        if not own and (mention.definite or mention.caption or mention.headline) and len(target.cluster.mentions) > 1:
            time = None  # "The attack, which …, took place near the tomb of X, killed in 2020": not its date
        if time is not None and target.time is not None and not temporal.compatible(time, target.time):
            time = None  # "the attack", retold in a sentence dated for something else
        replaces = own_place and not target.place_own and target.place is not None \
            and not _more_specific(self.ancestors, target.place, place)  # a place of its own replaces a guess, not a finer one
        if place and target.place and _conflicts(self, target, None, place) and not replaces:
            place = None  # a place of the sentence that the attack cannot have
        if time is not None and (target.time is None or sentence.rank < target.time_rank
                                 or _finer(time, target.time) and sentence.rank == target.time_rank):
            target.time, target.time_rank = time, sentence.rank
        if place and (target.place is None or _more_specific(self.ancestors, place, target.place) or replaces):
            target.place, target.place_own = place, own_place or target.place_own
        target.place_detail = target.place_detail or detail
        for what in self._targets(mention.token):
            if what not in target.targets:
                target.targets.append(what)
        target.target_heads.update(self._aimed(mention.token))
        for actor in self._perpetrators(mention.token):
            if actor not in target.perpetrators:
                target.perpetrators.append(actor)
        target.reported = target.reported or self._report_day(mention.token, sentence)
        target.last_sentence = sentence.index
        if not target.background and not self._long_before(target.time):
            self.current = target

    def _referent(self, mention: Mention, time: TimeValue | None, own: bool, place: str | None,
                  own_place: bool, sentence: Sentence) -> AttackState | None:
        """The attack already read that this mention names again, or None for a new attack.

        A definite mention, a caption or a headline names an attack already read: a place or a date of
        its sentence that does not fit that attack belongs to something else the sentence tells ("US
        officials in Washington said the attack…"), unless the date or place is the mention's own ("the 2014
        attack", "the attacks on two mosques in Christchurch")."""
        if self.current is not None and (mention.charge and time is None or mention.weak and compatible_kinds(
                self.current.cluster.kind, mention.kind) and not _conflicts(self, self.current, time if own else None, None)):
            # "accused the militia of blowing it up", "the group said its fighters killed 15 soldiers":
            # what a party says of the attack being told
            return self.current
        if self.current is not None and (time is None or not own) and place is None and not mention.definite \
                and part_of_assault(self.current.cluster.kind, mention.kind) and self.current.last_sentence >= sentence.index - 2:
            return self.current  # "… several women were kidnapped by the insurgents", "… involving rocket fire"
        if consequence(mention.token) and self.current is not None:
            return self.current  # "shrapnel struck a fuel tank, triggering a second explosion"
        refers = mention.definite or mention.caption or mention.headline
        if refers:
            time, place = (time if own else None), (place if own_place else None)
        # a referring mention's own place conflicts only with a place another mention named as its own
        fitting = [a for a in self.attacks if compatible_kinds(a.cluster.kind, mention.kind)
                   and not _conflicts(self, a, time, place if not refers or a.place_own else None)]
        if not refers and _counts_several(mention):
            # "including two car bombings in the capital": several attacks, not a retelling of one told singly
            fitting = [a for a in fitting if a.cluster.series or any(m.plural for m in a.cluster.mentions)]
        if not refers and not mention.weak and not mention.charge:
            # "…, killing 35" after a strike that killed two: an indefinite mention with a toll of its own
            # that differs, on a target of its own, is a further attack, not a retelling
            found = casualties(sentence.span)
            claimed = self._claimed_figures(found)  # "the group said its bombing killed 10": not the report's toll
            toll = coref.own_killed(mention.token, sentence.span, [c for c in found if c not in claimed])
            if toll is not None:
                hit = self._aimed(mention.token)
                fitting = [a for a in fitting if a.killed is None or a.killed.value == toll or hit & _told_words(a)]
        if not fitting:
            return None
        linked = self._syntactic_partner(mention.token)
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
            aimed = self._aimed(mention.token)
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
            return fitting[-1] if self.current in fitting and not self._sentence_has_own_attack(sentence) else None
        if time is None:
            # "23 rockets hit Kabul" right after the Kabul rocket attack: the same attack retold
            # (or, told with a place, the attack just read that had none: "…said it was behind the attack, which
            # has seen a blast at a hotel in Nairobi")
            lede = next(iter(self._body_attacks()), None)
            near = [a for a in fitting if (a.place or a.time is None) and not a.background
                    and (a.last_sentence >= sentence.index - 2 or a is lede and a.time is None)]
            return near[-1] if near else None
        if place is None and time.granularity == "day":  # "Saturday's attack" after the Saturday attack
            # (and "a car bomb first detonated …" told of Saturday's carnage: "another", "a second" are apart)
            same_day = [a for a in fitting if not a.background and a.time is not None and a.time.value == time.value]
            if same_day:
                return same_day[-1]
        # the story's attack told first without a date ("the deadliest blasts in years have hit Baghdad"), then
        # with one ("a twin bombing ripped through a market on Thursday"); not an attack of years before
        lede = next(iter(self._body_attacks()), None)
        undated = [a for a in fitting if a.time is None and not a.background and a.parent is None
                   and (a.last_sentence >= sentence.index - UNDATED_REACH or a is lede)]
        if undated and not self._long_before(time):
            return undated[-1]
        # an indefinite mention with its own date and place: the same attack only if both agree
        # ("who was abducted in Kabul earlier this year" then "on the 2nd, gunmen attacked Kabul University": a
        # year is too coarse to agree with a day)
        same = [a for a in fitting if a.time is not None and _dated_to_month(a.time) and a.place and place]
        return same[-1] if same else None

    def _second_to_current(self, mention: Mention) -> bool:
        """"A second bomber", "another explosion": a further attack told right after a day-dated one."""
        noun = mention.token
        return self.current is not None and self.current.time is not None and self.current.time.granularity == "day" \
            and not self.current.background and any(c.lower_ in ("second", "another", "third") for c in noun.children if c.dep_ in ("det", "amod"))

    def _long_before(self, time: TimeValue | None) -> bool:
        """A time over a month before publication: a past attack recalled, not the story's."""
        last = time.latest_end or time.latest_begin if time is not None else None
        return bool(last and self.published and (self.published - last).days > RECALLED_AFTER_DAYS)

    def _body_attacks(self) -> list[AttackState]:
        return [a for a in self.attacks if not a.background and not a.cluster.first.caption
                and not a.cluster.first.headline]

    def _new_in(self, sentence: Sentence) -> list[Mention]:
        """Mentions of this sentence already read that started an attack."""
        return [a.cluster.first for a in self.attacks if a.cluster.first.sent == sentence.span]

    def _syntactic_partner(self, token: Token) -> AttackState | None:
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
            while before >= 0 and self.doc[before].pos_ in ("ADV", "PART"):
                before -= 1
            if before >= 0 and self.doc[before].pos_ in ("NOUN", "PROPN"):
                partners.append(self.doc[before])
        return next((self.by_token[p.i] for p in partners if p.i in self.by_token), None)

    def _sentence_has_own_attack(self, sentence: Sentence) -> bool:
        return any(a.last_sentence == sentence.index for a in self.attacks)

    def _anchor_phrase(self, token: Token) -> TimePhrase | None:
        """The "a day after …" phrase whose object is this attack (a background attack)."""
        if token.dep_ != "pobj" or token.head.lower_ not in ("after", "before"):
            return None
        for phrase in self.times:
            if phrase.relative and phrase.start <= token.head.i < phrase.end + 1:
                return phrase
        return None

    def _resolve_anchors(self) -> None:
        """Times of "X came a day after an attack on Y": each side from the other."""
        for phrase in self.times:
            if not phrase.relative:
                continue
            prep = next((t for t in self.doc[phrase.start: phrase.end + 1] if t.lower_ in ("after", "before")), None)
            if prep is None:
                continue
            anchor_attack = next((self.by_token[c.i] for c in prep.children if c.i in self.by_token), None)
            if anchor_attack is None and prep.dep_ == "mark":  # "… a day after the agency said a commander was killed"
                anchor_attack = next((self.by_token[t.i] for t in prep.head.subtree if t.i in self.by_token), None)
            main = self._main_of_phrase(phrase, prep)
            if anchor_attack is None or main is None or main is anchor_attack:
                continue
            if len(anchor_attack.cluster.mentions) == 1:
                anchor_attack.background = True  # told only as what the story's attack came after: context
            if main.time is not None and anchor_attack.time is None:
                inverse = phrase.text.replace(prep.text, "before" if prep.lower_ == "after" else "after")
                anchor_attack.time = temporal.normalize(inverse, self.published, anchor=main.time)
            elif anchor_attack.time is not None and main.time is None:
                main.time = temporal.normalize(phrase.text, self.published, anchor=anchor_attack.time)

    def _main_of_phrase(self, phrase: TimePhrase, prep: Token) -> AttackState | None:
        verb = verb_of(phrase.root)
        if prep.dep_ == "mark" and verb.i == prep.head.i and verb.head.i != verb.i:
            verb = verb_of(verb.head)  # "… on Monday, a day after a bombing killed 12": the clause "after" opens is the anchor's
        for token in [verb, *verb.children]:
            if token.i in self.by_token:
                return self.by_token[token.i]
        sent = phrase.root.sent
        before = [a for a in self.attacks if any(m.sent == sent for m in a.cluster.mentions) and not a.background]
        return before[0] if before else self.current

    def _time_of(self, token: Token, sentence: Sentence) -> tuple[TimeValue | None, bool]:
        """The time phrase that dates this trigger: by syntax first, then the sentence's only date; and
        whether the phrase is the mention's own ("the March 7 attack", "stormed … on Tuesday")."""
        sent = sentence.span
        phrases = [p for p in self.times if sent.start <= p.start < sent.end and not p.since
                   and not p.relative and p.value is not None]
        verb = verb_of(token)
        subtree = {t.i for t in token.subtree}
        # "the death toll from a missile strike rose to 52 on Saturday": the verb's date is the toll's
        tolled = any(a.lemma_ in TOLL_NOUNS for a in token.ancestors if a.i != verb.i and verb in a.ancestors)
        if tolled:  # "the toll from a bombing late on Saturday rose to 63": a date before the verb is the attack's
            before = [p for p in phrases if p.root.i in subtree or token.i < p.start < verb.i]
            return (before[0].value, True) if before else (None, False)
        # "IS claimed responsibility for the attack on Tuesday": the date of a claim is not the attack's
        told = verb.lemma_ in REPORTING or verb.lemma_ in TELLING
        if told and any(c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det"):
            # "… for the attack on Tuesday": the PP may date the claim as well as the attack named again
            phrases = [p for p in phrases if not (p.root.head.dep_ == "prep" and p.root.head.head.i == token.i)]
        # "the March 7 attack", "a bombing in March"; not "the first attack since the takeover in August 2021"
        # … nor one in a clause about someone the mention's own words name ("… near the tomb of Soleimani,
        # killed in January 2020"), which dates nothing of the attack
        # … nor one told right after a reporting verb ("said on Monday the group staged the attacks … on
        # Saturday", where the parser hangs both dates on "staged"), nor one after "since" ("the first attack
        # since the takeover in August 2021"), nor one a speaker
        # says in a quotation ("we carried out the attack today"), whose day is the speaker's
        phrases = [p for p in phrases if not (_in_quote(p.root) and not _calendar_date(p)) and not _after_reporting(p) and not any(
            a.dep_ == "acl" and a.head.pos_ == "PROPN" or a.lower_ in ("since", "until")
            for a in p.root.ancestors if a.i in subtree)]
        # "the attacks that shocked Sri Lankans, who mourned on Tuesday": a date in a clause about people
        # that the mention's words hold dates what they did, not the attack
        phrases = [p for p in phrases if not _about_people(p.root, token)]
        own = [p for p in phrases if p.root.i in subtree]
        # "gunmen shot dead a councillor on Tuesday, police said", with "dead" as the clause: a date in the
        # reported clause that holds the trigger is the deed's
        clause = next((c for c in token.ancestors if c.head.i == verb.i and c.i != verb.i), None) if told else None
        reported = {t.i for t in clause.subtree} if clause is not None and \
            clause.dep_ in ("ccomp", "xcomp", "advcl", "conj", "parataxis") else set()
        attached = [p for p in own or phrases if p.root.i in subtree or verb_of(p.root) == token
                    or verb_of(p.root) == verb and verb.i != token.i and (not told or p.root.i in reported)]
        if attached:  # two dates on one verb (a misparse): the finer, then the nearer, is the event's
            best = min(attached, key=lambda p: (_rank(p.value), abs(p.root.i - token.i)))
            # its own: inside the mention, on the trigger verb, or on the verb the mention is an argument of
            # ("a bomber blew himself up on Monday", "the attack took place on Friday"), not on "followed"
            deed = verb_of(best.root)
            return best.value, best.root.i in subtree or deed == token or \
                deed.i == token.head.i and deed.lemma_ not in RELATING_VERBS
        if SAME_DAY.search(sent.text):
            # "Hours later, a second blast …", "On the same day as the hospital attack, a bombing …": the day of
            # the attack just named in this sentence, else of the attack just told
            named = [a for a in self.attacks if a.last_sentence == sentence.index] + [self.current]
            day = next((a.time for a in named if a is not None and a.time is not None and a.time.granularity == "day"), None)
            if day is not None:
                return day, False
        # a date in a clause about someone ("the attacker, who was released last year") dates nothing else
        # and a date in a clause the trigger's clause does not govern ("… Soleimani, killed in January 2020",
        # "since he came to power in August 2021") dates another deed
        governing = {verb.i, *(a.i for a in verb.ancestors)}
        others = [p for p in phrases if verb_of(p.root).lemma_ not in REPORTING | TELLING
                  and not _describes_name(verb_of(p.root)) and not _in_other_clause(p.root, governing)]
        if len(others) == 1 and not self._dates_other_trigger(others[0], sent, token):
            return others[0].value, False
        return None, False

    def _places_own(self, token: Token, place: str) -> bool:
        """Whether the place is named inside the mention itself ("the attacks on two mosques in Christchurch")."""
        subtree = {t.i for t in token.subtree}
        spans = [*self.places.in_sentence(token.sent), *[e for e in self.places.entities_in(token.sent) if e.text == place]]
        return any(s.start in subtree and (s.label_ == place or s.text == place) for s in spans)

    def _place_governed(self, token: Token, place: str) -> bool:
        """Whether the place hangs on the trigger's clause or a clause governing it, and not on the speaker
        of a report ("An official in Washington said …")."""
        verb = verb_of(token)
        governing = {verb.i, *(a.i for a in verb.ancestors)}
        for span in self.doc.spans.get("kgb_places", ()):
            if span.label_ != place or not token.sent.start <= span.start < token.sent.end:
                continue
            node = span.root
            while node.i not in governing and node.head.i != node.i \
                    and not (node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_ in REPORTING):
                node = node.head
            if node.i in governing:
                return True
        return place in self.places.unlisted

    def _report_day(self, token: Token, sentence: Sentence) -> TimeValue | None:
        """The day of the report that tells the trigger's clause ("the plant has been shelled, the city
        administration said on Monday"; "…, officials told AFP on Sunday"): wire reports tell an attack
        on the day it is reported, so an attack with no date of its own is dated by it; last, by the day a
        group claimed it. Never when the attack has a date of its own, nor a denial's or accusation's day."""
        sent = sentence.span
        verb = verb_of(token)
        if verb.lemma_ == "be":
            return None  # "the attacks were the work of IS, he told reporters": an attribution, not the report
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "24 people were killed and 91 wounded in the attacks, he said"
        candidates = [clause.head] if clause.dep_ == "ccomp" else []
        candidates += [c for v in {verb, clause} for c in v.children
                       if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lemma_ in REPORT_VERBS]
        if verb.lemma_ == "claim" and token.i != verb.i:
            candidates.append(verb)  # "X claimed on Tuesday the twin bombings of …": the claim's day, as a last resort
        if token.dep_ == "nsubjpass" and token.head.i == verb.i:
            candidates.append(verb)  # "another explosion was reported on Friday near the airport"
        for say in candidates:
            if say.lemma_ not in REPORT_VERBS and say.lemma_ != "claim":
                continue
            for p in self.times:
                if sent.start <= p.start < sent.end and p.value is not None and not p.relative and not p.since \
                        and p.value.granularity == "day" and verb_of(p.root) == say:
                    return p.value
        return None

    def _dates_other_trigger(self, phrase: TimePhrase, sent: Span, token: Token) -> bool:
        verb = verb_of(phrase.root)
        return any(t.i != token.i and (t.i in self.by_token or t.lemma_ in ("attack",)) and verb_of(t) == verb
                   for t in sent if t.i != token.i and t.i in self.by_token)

    def _place_of(self, token: Token, sent: Span) -> tuple[str | None, str | None]:
        return self.places.place_of(token, sent)

    def ancestors(self, name: str) -> set[str]:
        return self.places.ancestors(name)

    def country_of(self, name: str) -> str | None:
        return self.places.country_of(name)

    def _targets(self, token: Token) -> list[str]:
        """What was hit: the object of an attack verb, or "on/against/targeting X" after the trigger."""
        texts = []
        for head in self._target_heads(token):
            left = min(t.i for t in head.subtree if t.dep_ not in ("det",) or t.i > head.i)
            right = max([head.i] + [t.i for t in head.children if t.dep_ in ("compound", "amod", "poss") and t.i > head.i])
            texts.append(self.doc[left: right + 1].text)
        return texts

    def _aimed(self, token: Token) -> set[str]:
        """Lemmas of what a trigger, or the deed it is the doer of, hit ("a bomber killed recruits at an
        academy": recruit, academy)."""
        deed = token.head if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB" else token
        return {h.lemma_.lower() for t in {token, deed} for h in self._target_heads(t)}

    def _target_heads(self, token: Token) -> list[Token]:
        found = []
        if token.pos_ == "VERB":
            found += [c for c in token.children if c.dep_ in ("dobj",)]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                found += [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "acl" and child.lemma_ == "target":
                found += [c for c in child.children if c.dep_ == "dobj"]
        return [head for head in found if head.pos_ not in ("PRON", "NUM") and head.ent_type_ not in ("DATE", "TIME")]

    def _perpetrators(self, token: Token) -> list[str]:
        """Parties the narration names as doing it ("Taliban fighters stormed", "an Israeli strike"), and
        the group the attackers belong to ("the bombers were linked to X", "the gunmen were members of X");
        not the party whose own words tell it ("X's leader said the attack by its bombers …": its claim)."""
        names = [n for n in self.actors.perpetrators_of(token) if not self._own_side_says(token, n)]
        if token.lemma_.lower() in ATTACKER_NOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            verb = token.head
            objects = [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "with")
                       for o in p.children if o.dep_ == "pobj"] if verb.lemma_.lower() in MEMBERSHIP_VERBS else []
            objects += [o for a in verb.children if a.dep_ == "attr" and a.lemma_.lower() in ("member", "part")
                        for p in a.children if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if o.dep_ == "pobj"] if verb.lemma_ == "be" else []
            for obj in objects:
                # "linked to local extremist network Jamaah Ansharut Daulah, which supports IS": the first named
                within = {t.i for t in obj.subtree}
                named = [sp for sp in self.doc.spans.get("kgb_actors", ()) if sp.start in within]
                name = min(named, key=lambda sp: sp.start).label_ if named else self.actors.party(obj)
                if name and self.gazetteer.actors[name].kind == "ArmedGroup" and name not in names:
                    names.append(name)
        return names

    def _own_side_says(self, token: Token, actor: str) -> bool:
        """"The agency said a commander was killed by Afghan special forces", "the group's chief said it
        staged the attacks": a doer the speaker's own side names is its claim (``claims``), not the
        narration's attribution."""
        say = reporting_verb(verb_of(token))
        if say is None or say.lemma_.lower() in DENIAL_VERBS:  # "…; the coalition denied": no account of the deed
            return False
        speaker, _ = self.actors.speaker(say, open_names=True)
        side = self.gazetteer.actor_country
        return speaker is not None and side.get(speaker, speaker) == side.get(actor, actor)

    # Figures
    def _read_figures(self, sentence: Sentence, mentions: list[Mention]) -> None:
        found = casualties(sentence.span)
        if not found:
            return
        claimed = self._claimed_figures(found)
        found = [c for c in found if c not in claimed]
        if not found:
            return
        owned = [m for m in mentions if m.token.i in self.by_token]
        if len({id(self.by_token[m.token.i]) for m in owned}) > 1:
            owned = [_teller(found[0].verb, owned)]
        owner = self._series_part(sentence) or (self.by_token[owned[0].token.i] if owned else None)
        if owner is not None:
            # "a commander of the group was killed by special forces": in a killing told as the attack itself,
            # the group's men are its victims, not attackers who died in their own attack
            killings = {m.token.i for m in owner.cluster.mentions if m.weak}
            found = [replace(c, attackers=False) if c.attackers and c.verb.i in killings else c for c in found]
        # "… attack a prison a day after the agency said a commander was killed": a toll told in an "after"
        # clause is the other event's, not that of an attack told outside it (even if the clause's killing
        # was taken for a mention of it)
        mentions_of = [m.token for m in mentions if m.token.i in self.by_token and self.by_token[m.token.i] is owner]
        found = [c for c in found if (clause := coref.relating_clause(c.verb)) is None
                 or mentions_of and all(clause.i in {a.i for a in t.ancestors} | {t.i} for t in mentions_of)]
        if not found:
            return
        if owner is None:
            text = sentence.span.text.lower()
            if self.current is None or any(marker in text for marker in STATISTIC_MARKERS):
                return
            if self._month_statistic(sentence):
                return
            owner = self.current
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

    def _series_part(self, sentence: Sentence) -> AttackState | None:
        """The part of a series that a sentence opening on a place reports: "Attacks hit four
        provinces … In Kunduz, ten soldiers were killed … In Badghis, six …". The part takes the
        series' kind, time and perpetrators, and the place; a part already read is found again."""
        series = self.current
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
        known = next((a for a in self.attacks if a.parent is series and a.place == place), None)
        if known is not None:
            return known
        trigger = sent.root
        part = AttackState(Cluster(kind=series.cluster.kind), time=series.time, time_rank=series.time_rank,
                           place=place, perpetrators=list(series.perpetrators), parent=series)
        part.cluster.add(Mention(trigger, series.cluster.kind, False, False, False, sent, text="series-part"))
        part.last_sentence = sentence.index
        self.attacks.append(part)
        return part

    def _claimed_figures(self, found: list) -> list:
        """Figures that a party states as its own claim ("the Taliban said they killed 10"): not the report's."""
        claimed = []
        for c in found:
            verb = reporting_verb(c.verb)  # one definition of a party's reported clause (claims use it too)
            if verb is not None and not c.vague:
                org, _ = self.actors.speaker(verb)
                if org and self.gazetteer.actors[org].kind == "ArmedGroup":
                    claimed.append(c)
        return claimed

    def _month_statistic(self, sentence: Sentence) -> bool:
        """"163 civilians were killed in November": a month's tally, not one attack's toll."""
        for phrase in self.times:
            if sentence.span.start <= phrase.start < sentence.span.end and phrase.value is not None \
                    and phrase.value.granularity in ("month", "year") and not phrase.since:
                return True
        return False

    # Output
    def attack_mentions(self) -> list[AttackMention]:
        self._split_summaries()
        keep = [a for a in self.attacks if self._worth_keeping(a)]
        mentions = []
        for n, state in enumerate(keep, 1):
            state.key = f"A{n}"
            first = next((m for m in state.cluster.mentions if not m.caption and not m.headline),
                         state.cluster.first)
            sent = first.sent
            # a series reported place by place happened in all of them: no one place is its own
            # a part of a counted sum ("two attacks in Aden … One bomber …") happened where the sum did
            summed = state.parent.place if state.parent is not None and state.parent.summary else None
            place = None if any(p.parent is state for p in keep) else \
                state.place or summed or self._place_before(state, keep)
            country = self.country_of(place) if place else self.actors.country
            mentions.append(AttackMention(
                key=state.key, kind=state.cluster.kind,
                evidence=Evidence(sent.text.strip(), sent.start_char, sent.end_char, _rule(first)),
                time=state.time or (state.parent.time if state.parent else None) or state.reported,
                place=place, place_detail=state.place_detail, country=country,
                killed=state.killed, injured=state.injured, targets=tuple(state.targets),
                perpetrators=tuple(dict.fromkeys(state.perpetrators + (state.parent.perpetrators if state.parent else [])))))
        return mentions

    def _place_before(self, state: AttackState, keep: list[AttackState]) -> str | None:
        """"A second bomber blew himself up among the recruits": an attack told in the sentence after
        another, with no place of its own, on no other day, happened where that one did. Not one that a
        sentence opens on a new time ("Hours later, a second blast …"): that is a new scene, perhaps elsewhere."""
        first = state.cluster.first
        if state.background or state.parent is not None or first.caption or first.headline:
            return None
        if not hasattr(self, "_time_starts"):
            self._time_starts = {p.start for p in self.times}
        time_starts = self._time_starts
        if SAME_DAY.match(first.sent[:6].text) or {first.sent.start, first.sent.start + 1} & time_starts:
            return None
        index = self._sentence_index()
        start = index.get(state.cluster.first.sent.start)
        before = [a for a in keep if a is not state and a.place and not a.background
                  and not a.cluster.first.caption and not a.cluster.first.headline
                  and index.get(a.cluster.first.sent.start, start) < start]
        if start is None or not before:
            return None
        previous = max(before, key=lambda a: index[a.cluster.first.sent.start])
        near = start - max(index.get(m.sent.start, -9) for m in previous.cluster.mentions) <= 1
        same_day = state.time is None or previous.time is None or temporal.compatible(state.time, previous.time)
        return previous.place if near and same_day else None

    def _sentence_index(self) -> dict[int, int]:
        if not hasattr(self, "_sentence_starts"):
            self._sentence_starts = {s.start: i for i, s in enumerate(self.doc.sents)}
        return self._sentence_starts

    def _worth_keeping(self, state: AttackState) -> bool:
        """Drop what reports no particular attack: a series or a plural ("bombings targeting
        minorities", "the relentless attacks") not dated to the day, or with no place and no toll, and
        not reported place by place,
        and a definite mention with nothing of its own ("where the explosion took place") when the
        article reports another attack it can stand for."""
        if state.summary:
            return False
        if any(p.parent is state for p in self.attacks):
            return True
        time = state.time or state.reported
        day = time is not None and time.granularity == "day"
        plural = state.cluster.series or all(m.plural for m in state.cluster.mentions)
        if plural and not day:
            return False
        if plural and state.place is None and state.killed is None and state.injured is None:
            return False  # "after the September 11 attacks": a name for past events, nothing reported of them
        bare = state.time is None and state.killed is None and state.injured is None and not state.background
        if bare and all(m.definite for m in state.cluster.mentions):
            return not any(o is not state and o.killed is not None and compatible_kinds(o.cluster.kind, state.cluster.kind)
                           for o in self.attacks)
        return True


def _same_noun(earlier: Mention, mention: Mention) -> bool:
    """A definite noun that repeats the noun of an attack just named ("a rocket attack … The attack")."""
    return mention.token.pos_ == earlier.token.pos_ == "NOUN" and mention.token.lemma_ == earlier.token.lemma_


def _counts_several(mention: Mention) -> bool:
    """"two car bombings", "three rocket attacks": attacks counted as more than one (``coref.counted``;
    not devices, "three bombs exploded", which may be one attack)."""
    return mention.plural and mention.token.pos_ != "VERB" and coref.counted(mention.token) is not None


def _refines(figure: Figure, earlier: Figure) -> bool:
    """An exact count told after a rounded bound of the same attack ("more than 100 wounded" in the lede,
    "wounding 110 others" below it): the body's exact figure is the attack's. Not a smaller count (a
    part of the victims) nor another bound."""
    return earlier.qualifier in ("more than", "at least") and figure.qualifier is None and figure.value > earlier.value


def _told_words(state: AttackState) -> set[str]:
    """The lemmas of the sentences that told an attack: what a retelling's target ("struck the mosque") is
    found among when it is the same attack."""
    return {t.lemma_.lower() for m in state.cluster.mentions for t in m.sent if t.pos_ in ("NOUN", "PROPN")}


def _about_people(token: Token, trigger: Token) -> bool:
    """A token inside a "who …" clause on someone, below the trigger ("the attacks that shocked residents
    who mourned on Tuesday", "the attack on a minister who arrived on Monday")."""
    for above in token.ancestors:
        if above.i == trigger.i:
            return False
        if above.dep_ == "relcl" and any(c.lower_ in ("who", "whom", "whose") for c in above.children):
            return trigger.i in {a.i for a in above.ancestors}
    return False


def _calendar_date(phrase: TimePhrase) -> bool:
    """"on July 29", "in March 2014": a date that names its month or year means the same whoever says it
    (unlike "today" or "on Monday" in a quotation, counted from the day the speaker spoke)."""
    words = re.findall(r"[A-Za-z]+|\d{4}", phrase.text)
    return any(w.lower() in temporal.MONTHS or w.isdigit() for w in words)


def _after_reporting(phrase: TimePhrase) -> bool:
    """A date written right after a reporting verb ("said on Monday"): the day of the saying."""
    doc = phrase.root.doc
    return phrase.start > 0 and doc[phrase.start - 1].lemma_ in REPORTING and doc[phrase.start - 1].pos_ == "VERB"


def _describes_name(verb: Token) -> bool:
    """A relative clause, or a participle on a name ("Soleimani, killed in January 2020"): about someone."""
    return verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.head.pos_ == "PROPN"


def _in_other_clause(token: Token, governing: set[int]) -> bool:
    """A token inside a subordinate clause ("since he came to power", "after militias stormed the
    capital") that is not one of the clauses governing the trigger."""
    for a in [token, *token.ancestors]:
        if a.i in governing:
            return False
        if a.dep_ in ("advcl", "relcl", "acl") and any(c.dep_ == "mark" for c in a.children):
            return True
    return False


def _rule(mention: Mention) -> str:
    if mention.text == "series-part":
        return "attack-series-part-by-place"
    where = "caption" if mention.caption else "headline" if mention.headline else "body"
    return f"attack-{mention.token.pos_.lower()}-trigger:{mention.token.lemma_}:{where}"


def _rank(value: TimeValue) -> int:
    """How coarse a time is: day first, unknown last."""
    order = temporal.GRANULARITY_ORDER
    return order.index(value.granularity) if value.granularity in order else len(order)


def _dated_to_month(value: TimeValue) -> bool:
    """Known at least to the month: fine enough for an indefinite mention's own date to agree with."""
    return _rank(value) <= temporal.GRANULARITY_ORDER.index("month")


def _finer(a: TimeValue, b: TimeValue) -> bool:
    return _rank(a) < _rank(b)


def _more_specific(ancestors, a: str, b: str) -> bool:
    return b in ancestors(a)


def _conflicts(reader: "ArticleReader", state: AttackState, time: TimeValue | None, place: str | None) -> bool:
    """A stated date or place that the attack already read cannot have. A place the gazetteer lacks
    ("the town of Seiyun") may lie in any country-wide place the attack has ("Yemen"): unknown, no conflict."""
    if time is not None and state.time is not None and not temporal.compatible(time, state.time):
        return True
    if place and state.place and place != state.place:
        related = reader.ancestors(place) | reader.ancestors(state.place)
        if place in related or state.place in related:
            return False
        return not any(a in reader.places.unlisted and reader.gazetteer.country_of(b) == b
                       for a, b in ((place, state.place), (state.place, place)))
    return False


def extract(doc: Doc, article: Article) -> Extraction:
    """Everything one article reports: attacks, claims, negotiations, actors and people."""
    reader = ArticleReader(doc, article)
    sentences = reader.sentences()
    reader.read_attacks(sentences)
    attacks = reader.attack_mentions()
    states = {id(s): s.key for s in reader.attacks if s.key}
    # a series left out for its parts (place by place) still takes claims: each part gets them
    parts = {id(s): [p.key for p in reader.attacks if p.parent is s and p.key] for s in reader.attacks}
    parts = {sid: ([states[sid]] if sid in states else []) + keys for sid, keys in parts.items() if keys}
    states.update({sid: f"series:{sid}" for sid in parts})
    attack_of_token = {i: states[id(s)] for i, s in reader.by_token.items() if id(s) in states}
    main = next((s.key for s in reader.attacks if s.key and not s.background), None)
    claims = find_claims(doc, [s.span for s in sentences if s.rank == 0], reader.actors, attack_of_token,
                         current_attack=lambda sent: _current_key(reader, sent, main),
                         tolls={a.key: a.killed.value for a in attacks if a.killed})
    claims = [replace(c, attack=key) for c in claims
              for key in (parts[int(c.attack[7:])] if c.attack.startswith("series:") else [c.attack])]
    negotiations = find_negotiations(doc, [s.span for s in sentences if s.rank == 0], reader.actors,
                                     reader.times, article.published)
    gazetteer = reader.gazetteer
    attacks, claims, negotiations = governments_in_office(gazetteer, article.published, attacks, claims, negotiations)
    claims = _dedupe_claims(claims)
    names = _actor_names(doc, attacks, claims, negotiations, reader.actors)
    actors = tuple(Actor(n, gazetteer.actors[n].kind, tuple(gazetteer.actors[n].aliases), gazetteer.actors[n].qid)
                   for n in sorted(names) if n in gazetteer.actors)
    people = tuple(sorted(reader.actors.people.values(), key=lambda p: p.name))
    places = reader.places.world_places(a.place for a in attacks if a.place)
    retracted = tuple(Evidence(m.sent.text.strip(), m.sent.start_char, m.sent.end_char, f"{rule}:{m.token.text}")
                      for m, rule in reader.retracted)
    return Extraction(article, tuple(attacks), tuple(claims), tuple(negotiations), actors, people, places, retracted)


def _current_key(reader: ArticleReader, sent: Span, main: str | None) -> str | None:
    """The attack a sentence without its own trigger is about: the last one read before it, else the main one."""
    before = [s for s in reader.attacks if s.key and not s.background
              and min(m.sent.start for m in s.cluster.mentions) <= sent.start]
    return before[-1].key if before else main


def _dedupe_claims(claims: list[ClaimMention]) -> list[ClaimMention]:
    """One claim per stance, claimant, attack and target, where a state and its organs are one side
    ("Afghanistan's spy agency blamed Pakistan" … "Afghanistan accused Pakistan"): the first read."""
    country = load_gazetteer().actor_country
    side = lambda name: country.get(name, name) if name else name  # noqa: E731
    seen, out = set(), []
    for claim in claims:
        key = (claim.stance, side(claim.claimant), claim.attack, side(claim.target_actor))
        if key in seen:
            continue
        seen.add(key)
        out.append(claim)
    return out


def _actor_names(doc: Doc, attacks, claims, negotiations, resolver: ActorResolver) -> set[str]:
    """The actors an article names as parties: not a dateline's place nor a news agency that reports."""
    people = resolver.people.values()
    names = {span.label_ for span in doc.spans.get("kgb_actors", ()) if span.start not in resolver.reporting}
    for a in attacks:
        names.update(a.perpetrators)
    for c in claims:
        names.update(n for n in (c.claimant, c.target_actor) if n)
    for n in negotiations:
        names.update(n.participants + n.mediators)
    names.update(p.affiliation for p in people if p.affiliation)
    return names


__all__ = ["extract", "ArticleReader", "KIND_RANK"]


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
