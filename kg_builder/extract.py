"""From a parsed article to an ``Extraction``: attacks, their figures and times, claims, negotiations.

The reading order is an analyst's: body sentences first, then photo captions and the headline (they
may add a fact of their own, but the body wins where they disagree). Each attack trigger either
refers back to an attack already read ("the attack", "Monday's blast") or starts a new one (its own
date or place, an indefinite "an attack on …", a background attack anchored "a day after …").

The reader's decisions live one concern to a module, each over the attacks read so far
(``attack_state.AttacksRead``): when (``attack_time``), where (``attack_places``), the tolls
(``attack_figures``), which attack a mention names again (``attack_coref``), counted sums and which
attacks stand in the output (``summaries``). The reader hands each mention to them in reading order.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from . import coref
from .actors import ActorResolver
from .attack_coref import AttackCoref, second_to_current, syntactic_partner
from .attack_figures import AttackFigures
from .attack_places import place_before, place_of_mention, take_place
from .attack_state import AttacksRead, AttackState
from .attack_time import AttackTimes, opens_same_day, take_time
from .attacks import KIND_RANK, Cluster, Mention, find_mentions
from .claim_words import DENIAL_VERBS
from .claims import find_claims
from .reported import reporting_verb
from .retractions import Retractions
from .gazetteer import load as load_gazetteer
from .layout import Sentence, read_layout
from .negotiations import find_negotiations
from .nlp import read_lexicon
from .places import PlaceFinder
from .succession import governments_in_office
from .summaries import SummaryMixin, worth_keeping
from .timex import find_time_phrases, verb_of
from .types import Actor, Article, AttackMention, ClaimMention, Evidence, Extraction

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
        self.attack_figures = AttackFigures(self.places, self.actors, self.gazetteer, self.times)
        self.attack_coref = AttackCoref(self.places, self.attack_times, self.attack_figures, self._aimed)
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
            self.attack_figures.read(sentence, mentions, self.told)
        self.attack_times.resolve_anchors(self.told)

    def _retracted(self, mention: Mention) -> bool:
        """An attack the report takes back ("a second blast … officials later said there was only one"):
        no attack, and no anchor for figures or claims (``retractions``); kept for ``kgb explain``."""
        rule = self.retractions.reason(mention.token)
        if rule is not None:
            self.retracted.append((mention, rule))
        return rule is not None

    def _place_mention(self, mention: Mention, sentence: Sentence) -> None:
        """Read one mention: the attack it names again, or a new one, and what it adds to that attack."""
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
            target = syntactic_partner(mention.token, self.told.by_token)  # "… after a truck bomb blew up": bomb and blast are one
            target = self._told_again(mention, where.telling, related) if target in (None, related) else target
        elif summary is not None:
            pass  # a part of a counted sum the story now tells one by one: an attack of its own
        elif (anchor is None or mention.definite) and not mention.series and not earlier and not later:
            target = self.attack_coref.referent(mention, time, own, where.telling, where.own, sentence, self.told)
        if target is None and (mention.caption or mention.headline) and self.told.body_attacks() and not own:
            return  # a caption or headline that fits no attack of the body and has no date of its own: the body wins
        if target is None:
            target = AttackState(Cluster(kind=mention.kind, series=mention.series))
            target.background = anchor is not None or earlier or related is not None
            target.parent = summary
            if time is None and second_to_current(mention, self.told.current):
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
        keep = [a for a in self.told.attacks if worth_keeping(a, self.told.attacks)]
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

def _rule(mention: Mention) -> str:
    if mention.text == "series-part":
        return "attack-series-part-by-place"
    where = "caption" if mention.caption else "headline" if mention.headline else "body"
    return f"attack-{mention.token.pos_.lower()}-trigger:{mention.token.lemma_}:{where}"


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
                         tolls={a.key: a.killed.value for a in attacks if a.killed},
                         kinds={a.key: a.kind for a in attacks},
                         doers={a.key: a.perpetrators for a in attacks})
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
    before = [s for s in reader.told.attacks if s.key and not s.background
              and min(m.sent.start for m in s.cluster.mentions) <= sent.start]
    return before[-1].key if before else main


def _dedupe_claims(claims: list[ClaimMention]) -> list[ClaimMention]:
    """One claim per stance, claimant, attack and target, where a state and its organs are one side
    ("Afghanistan's spy agency blamed Pakistan" … "Afghanistan accused Pakistan"): the first read."""
    country = load_gazetteer().actor_country
    side = lambda name: country.get(name, name) if name else name  # noqa: E731
    # "the coalition said it had targeted a military site, and denied hitting a prison": a party that claims
    # a deed in a sentence denies there what it hit, not the deed (another of its voices may disown the deed
    # in the same sentence: "a commander claimed the blast, but the group's spokesman said it was not involved")
    claimed_in = {(side(c.claimant), c.attack, c.evidence.start, c.speaker) for c in claims
                  if c.stance == "claims_responsibility"}
    seen, out = set(), []
    for claim in claims:
        key = (claim.stance, side(claim.claimant), claim.attack, side(claim.target_actor))
        if key in seen or claim.stance == "denies_responsibility" \
                and (side(claim.claimant), claim.attack, claim.evidence.start, claim.speaker) in claimed_in:
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


