"""From a parsed article to an ``Extraction``: attacks, their figures and times, claims, negotiations.

The reading order is an analyst's: body sentences first, then photo captions and the headline (they
may add a fact of their own, but the body wins where they disagree). Each attack trigger either
refers back to an attack already read ("the attack", "Monday's blast") or starts a new one (its own
date or place, an indefinite "an attack on …", a background attack anchored "a day after …").
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from . import coref, temporal
from .actors import ActorResolver
from .attack_figures import AttackFigures
from .attack_places import place_before, place_of_mention, places_conflict, take_place
from .attack_state import AttacksRead, AttackState
from .attack_time import AttackTimes, opens_same_day, take_time
from .attacks import (FAMILY, KIND_RANK, Cluster, Mention, compatible_kinds, consequence,
                      find_mentions, part_of_assault)
from .claim_words import DENIAL_VERBS
from .claims import find_claims
from .reported import reporting_verb
from .retractions import Retractions
from .figures import casualties
from .gazetteer import load as load_gazetteer
from .layout import Sentence, read_layout
from .negotiations import find_negotiations
from .nlp import read_lexicon
from .places import PlaceFinder
from .summaries import UNDATED_REACH, SummaryMixin
from .timex import find_time_phrases, verb_of
from .types import (Actor, AttackMention, ClaimMention, Evidence, Extraction,
                    TimeValue, Article)

ANOTHER = frozenset({"another", "other", "second", "third", "separate", "new", "further", "earlier", "previous"})
ATTACKER_NOUNS = frozenset(read_lexicon("attacks")["attacker_nouns"])
MEMBERSHIP_VERBS = frozenset(read_lexicon("attacks")["membership_verbs"])  # "were linked to", "belonged to"
TARGET_PREPS = ("on", "against", "targeting", "at", "near", "outside", "inside")


class ArticleReader(SummaryMixin):
    """Reads one parsed article; ``extraction()`` gives what it found."""

    def __init__(self, doc: Doc, article: Article):
        self.doc, self.article = doc, article
        self.published: date | None = article.published
        self.gazetteer = load_gazetteer()
        self.actors = ActorResolver(doc)
        self.times = find_time_phrases(doc, self.published)
        self.attack_times = AttackTimes(doc, self.times, self.published)
        self.told = AttacksRead()
        self.places = PlaceFinder(doc, self.gazetteer, self.actors.country)
        self.figures = AttackFigures(self.places, self.actors, self.gazetteer, self.times)
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
            self.figures.read(sentence, mentions, self.told)
        self.attack_times.resolve_anchors(self.told)

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
        time, own = (None, False) if earlier else self.attack_times.time_of(mention.token, sentence, self.told)
        where = place_of_mention(self.places, mention.token, sentence.span)
        anchor = self.attack_times.anchor_phrase(mention.token)
        # "the attack came hours after a truck bomb blew up": the attack reached for is another one
        related = None if mention.definite or anchor is not None or earlier \
            else coref.related_from(mention.token, self.told.by_token)
        # "Hours later, insurgents ambushed a patrol": a new attack the same day
        later = not mention.definite and not mention.weak and opens_same_day(sentence.span) \
            and not any(m.token.i < mention.token.i for m in self.told.new_in(sentence))
        target = None
        summary = None if related is not None or anchor is not None or earlier else self._open_summary(mention, sentence, own)
        if related is not None:
            target = self._syntactic_partner(mention.token)  # "… after a truck bomb blew up": bomb and blast are one
            target = self._told_again(mention, where.telling, related) if target in (None, related) else target
        elif summary is not None:
            pass  # a part of a counted sum the story now tells one by one: an attack of its own
        elif (anchor is None or mention.definite) and not mention.series and not earlier and not later:
            target = self._referent(mention, time, own, where.telling, where.own, sentence)
        if target is None and (mention.caption or mention.headline) and self.told.body_attacks() and not own:
            return  # a caption or headline that fits no attack of the body and has no date of its own: the body wins
        if target is None:
            target = AttackState(Cluster(kind=mention.kind, series=mention.series))
            target.background = anchor is not None or earlier or related is not None
            target.parent = summary
            if time is None and self._second_to_current(mention):
                time = self.told.current.time  # "A second bomber on foot detonated his vest …": the same day
            self.told.attacks.append(target)
        elif target.background and anchor is None and mention.definite and sentence.rank == 0 \
                and not self.told.body_attacks():
            target.background = False  # "It landed hours after a rocket attack in Kabul. The attack …": the story's
        target.cluster.add(mention)
        self.told.by_token[mention.token.i] = target
        if not own and (mention.definite or mention.caption or mention.headline) and len(target.cluster.mentions) > 1:
            time = None  # "The attack, which …, took place near the tomb of X, killed in 2020": not its date
        take_time(target, time, sentence.rank)
        take_place(self.places, target, where)
        for what in self._targets(mention.token):
            if what not in target.targets:
                target.targets.append(what)
        target.target_heads.update(self._aimed(mention.token))
        for actor in self._perpetrators(mention.token):
            if actor not in target.perpetrators:
                target.perpetrators.append(actor)
        target.reported = target.reported or self.attack_times.report_day(mention.token, sentence)
        target.last_sentence = sentence.index
        if not target.background and not self.attack_times.long_before(target.time):
            self.told.current = target

    def _referent(self, mention: Mention, time: TimeValue | None, own: bool, place: str | None,
                  own_place: bool, sentence: Sentence) -> AttackState | None:
        """The attack already read that this mention names again, or None for a new attack.

        A definite mention, a caption or a headline names an attack already read: a place or a date of
        its sentence that does not fit that attack belongs to something else the sentence tells ("US
        officials in Washington said the attack…"), unless the date or place is the mention's own ("the 2014
        attack", "the attacks on two mosques in Christchurch")."""
        if self.told.current is not None and (mention.charge and time is None or mention.weak and compatible_kinds(
                self.told.current.cluster.kind, mention.kind) and not _conflicts(self, self.told.current, time if own else None, None)):
            # "accused the militia of blowing it up", "the group said its fighters killed 15 soldiers":
            # what a party says of the attack being told
            return self.told.current
        if self.told.current is not None and (time is None or not own) and place is None and not mention.definite \
                and part_of_assault(self.told.current.cluster.kind, mention.kind) and self.told.current.last_sentence >= sentence.index - 2:
            return self.told.current  # "… several women were kidnapped by the insurgents", "… involving rocket fire"
        if consequence(mention.token) and self.told.current is not None:
            return self.told.current  # "shrapnel struck a fuel tank, triggering a second explosion"
        refers = mention.definite or mention.caption or mention.headline
        if refers:
            time, place = (time if own else None), (place if own_place else None)
        # a referring mention's own place conflicts only with a place another mention named as its own
        fitting = [a for a in self.told.attacks if compatible_kinds(a.cluster.kind, mention.kind)
                   and not _conflicts(self, a, time, place if not refers or a.place_own else None)]
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
            return fitting[-1] if self.told.current in fitting and not self.told.told_in(sentence) else None
        if time is None:
            # "23 rockets hit Kabul" right after the Kabul rocket attack: the same attack retold
            # (or, told with a place, the attack just read that had none: "…said it was behind the attack, which
            # has seen a blast at a hotel in Nairobi")
            lede = next(iter(self.told.body_attacks()), None)
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
        lede = next(iter(self.told.body_attacks()), None)
        undated = [a for a in fitting if a.time is None and not a.background and a.parent is None
                   and (a.last_sentence >= sentence.index - UNDATED_REACH or a is lede)]
        if undated and not self.attack_times.long_before(time):
            return undated[-1]
        # an indefinite mention with its own date and place: the same attack only if both agree
        same = [a for a in fitting if a.time is not None and a.place and place]
        return same[-1] if same else None

    def _second_to_current(self, mention: Mention) -> bool:
        """"A second bomber", "another explosion": a further attack told right after a day-dated one."""
        noun = mention.token
        return self.told.current is not None and self.told.current.time is not None and self.told.current.time.granularity == "day" \
            and not self.told.current.background and any(c.lower_ in ("second", "another", "third") for c in noun.children if c.dep_ in ("det", "amod"))

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
        return next((self.told.by_token[p.i] for p in partners if p.i in self.told.by_token), None)

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

    # Output
    def attack_mentions(self) -> list[AttackMention]:
        self._split_summaries()
        keep = [a for a in self.told.attacks if self._worth_keeping(a)]
        index = {s.start: i for i, s in enumerate(self.doc.sents)}
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
                state.place or summed or place_before(state, keep, self.attack_times, index)
            country = self.places.country_of(place) if place else self.actors.country
            mentions.append(AttackMention(
                key=state.key, kind=state.cluster.kind,
                evidence=Evidence(sent.text.strip(), sent.start_char, sent.end_char, _rule(first)),
                time=state.time or (state.parent.time if state.parent else None) or state.reported,
                place=place, place_detail=state.place_detail, country=country,
                killed=state.killed, injured=state.injured, targets=tuple(state.targets),
                perpetrators=tuple(dict.fromkeys(state.perpetrators + (state.parent.perpetrators if state.parent else [])))))
        return mentions

    def _worth_keeping(self, state: AttackState) -> bool:
        """Drop what reports no particular attack: a series or a plural ("bombings targeting
        minorities", "the relentless attacks") not dated to the day, or with no place and no toll, and
        not reported place by place,
        and a definite mention with nothing of its own ("where the explosion took place") when the
        article reports another attack it can stand for."""
        if state.summary:
            return False
        if any(p.parent is state for p in self.told.attacks):
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
                           for o in self.told.attacks)
        return True


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


def _rule(mention: Mention) -> str:
    if mention.text == "series-part":
        return "attack-series-part-by-place"
    where = "caption" if mention.caption else "headline" if mention.headline else "body"
    return f"attack-{mention.token.pos_.lower()}-trigger:{mention.token.lemma_}:{where}"


def _conflicts(reader: "ArticleReader", state: AttackState, time: TimeValue | None, place: str | None) -> bool:
    """A stated date or place that the attack already read cannot have (``attack_places.places_conflict``)."""
    if time is not None and state.time is not None and not temporal.compatible(time, state.time):
        return True
    return places_conflict(reader.places, place, state.place)


def extract(doc: Doc, article: Article) -> Extraction:
    """Everything one article reports: attacks, claims, negotiations, actors and people."""
    reader = ArticleReader(doc, article)
    sentences = reader.sentences()
    reader.read_attacks(sentences)
    attacks = reader.attack_mentions()
    states = {id(s): s.key for s in reader.told.attacks if s.key}
    # a series left out for its parts (place by place) still takes claims: each part gets them
    parts = {id(s): [p.key for p in reader.told.attacks if p.parent is s and p.key] for s in reader.told.attacks}
    parts = {sid: ([states[sid]] if sid in states else []) + keys for sid, keys in parts.items() if keys}
    states.update({sid: f"series:{sid}" for sid in parts})
    attack_of_token = {i: states[id(s)] for i, s in reader.told.by_token.items() if id(s) in states}
    main = next((s.key for s in reader.told.attacks if s.key and not s.background), None)
    claims = find_claims(doc, [s.span for s in sentences if s.rank == 0], reader.actors, attack_of_token,
                         current_attack=lambda sent: _current_key(reader, sent, main),
                         tolls={a.key: a.killed.value for a in attacks if a.killed})
    claims = [replace(c, attack=key) for c in claims
              for key in (parts[int(c.attack[7:])] if c.attack.startswith("series:") else [c.attack])]
    claims = _dedupe_claims(claims)
    negotiations = find_negotiations(doc, [s.span for s in sentences if s.rank == 0], reader.actors,
                                     reader.times, article.published)
    names = _actor_names(doc, attacks, claims, negotiations, reader.actors)
    gazetteer = reader.gazetteer
    actors = tuple(Actor(n, gazetteer.actors[n].kind, tuple(gazetteer.actors[n].aliases), gazetteer.actors[n].qid)
                   for n in sorted(names) if n in gazetteer.actors)
    people = tuple(sorted(reader.actors.people.values(), key=lambda p: p.name))
    places = reader.places.world_places(a.place for a in attacks if a.place)
    retracted = tuple(Evidence(m.sent.text.strip(), m.sent.start_char, m.sent.end_char, f"{rule}:{m.token.text}")
                      for m, rule in reader.retracted)
    return Extraction(article, tuple(attacks), tuple(claims), tuple(negotiations), actors, people, places, retracted)


def _current_key(reader: ArticleReader, sent: Span, main: str | None) -> str | None:
    """The attack a sentence without its own trigger is about: the last one read before it, else the main one."""
    before = [s for s in reader.told.attacks if s.key and not s.background
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


