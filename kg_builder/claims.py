"""Claims about attacks: responsibility claims, denials, blame by a third party, a party's own tolls.

Each claim has a claimant (the organisation), a speaker where one is named ("Taliban spokesman
Zabihullah Mujahid said"), the attack(s) it is about and its sentence; ``Evidence.rule`` names the
rule that read it. The rules follow the syntax of wire reports:

- ``claimed-responsibility`` "X claimed responsibility / took credit (for …)"; ``claimed-attack`` "X
  claimed the bombing"; ``claimed-by`` "an attack claimed by X" (about the attack the participle modifies);
- ``said-it-was-behind`` / ``said-it-perpetrated`` "X said it was behind …", "X said its fighters had
  killed 30 soldiers", "the army said it struck a command post" (a party speaking of its own deed,
  also "according to a statement from X, its fighters …"); ``said-other-was-behind`` "X said Y was
  responsible", "X said they believed Y was behind it"; ``said-other-did-it`` "the plant was shelled by
  Russian forces, the city administration said", "the Taliban stormed the post, Afghan officials said"
  (a speaker named or named by its state telling who did it, unless the doer claims the deed; a bare
  "officials said" is the report's narration); ``said-work-of`` "the attack was the work of / bore the hallmarks of Y";
- ``denied-involvement``, ``called-false`` (``denials``): "X denied involvement / the attack", "…, a
  charge the group denied", "called the accusations baseless"; ``said-not-involved`` "X said it was
  not involved / had nothing to do with …";
- ``blamed`` (``attribution``): "X blamed Y (for …)", "accused Y of shelling …", "attributed … to Y",
  "held Y responsible", "pointed the finger at Y"; ``corrected-belief`` "X staged the raid, not Y as Z had first
  assumed" (Z's blame of Y, which the report sets aside);
- ``casualty-claim``, ``party-figure``, ``put-toll`` (``party_figures``): a party's own figure.

Negated claims ("no group has claimed", "has yet to claim", "did not say") are not claims. A claim
is about the attack its words name (``claim_anchor``: "both attacks" is about each of the two read
last). Word lists are in ``data/lexicon/claims.json`` (read in ``claim_words``).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from .actors import ActorResolver
from .attacks import STATE_KINDS
from .attribution import AttributionRules
from .claim_anchor import AttackAnchoring
from .claim_words import (
    RESPONSIBILITY_OBJECTS, RESPONSIBILITY_VERBS, BEHIND, DENIAL_VERBS, NOT_INVOLVED,
    ATTRIBUTION_VERBS, REPORTING, PERPETRATION, CONTROL, CAPTIVES, ATTACK_NOUNS, SELF_PRONOUNS,
    MEMBERS, GROUP_NOUNS, NON_ASSERTIVE, GENERIC_SPEAKERS, ASSAILANTS, HABITUAL, ACCUSATIONS,
    FALSE_WORDS, CALLING, CORRECTED_BELIEFS,
)
from .coref import in_relating_phrase
from .denials import DenialRules
from .party_figures import party_figures
from .reported import innermost, modal, negated, reported_clauses, subject_of
from .types import AttackMention, ClaimMention, Evidence, Figure


def find_claims(doc: Doc, sentences: list[Span], actors: ActorResolver, attack_of_token: dict[int, str],
                current_attack: Callable[[Span], str | None],
                attacks: Sequence[AttackMention] = (), tolls: Mapping[str, int] | None = None,
                kinds: Mapping[str, str] | None = None,
                doers: Mapping[str, Sequence[str]] | None = None) -> list[ClaimMention]:
    """The claims of the body sentences, in reading order (one per claimant, stance, attack, target).

    ``attacks`` (optional) lets an attack that no trigger token names (one read from a figure alone,
    "In Kunduz, 10 soldiers were killed") count as mentioned in its evidence sentence, so that "the
    attacks" and "both attacks" find it. ``tolls`` (optional) are the attacks' reported death tolls by
    key: a named party's differing figure is its casualty claim (see ``party_figures``). ``kinds`` (optional)
    are the attacks' kinds by key: a deed of another kind a party says it did is not that attack; ``doers``
    (optional) who the narration says did each: that party telling what the attack did owns it."""
    reader = _ClaimReader(sentences, actors, attack_of_token, current_attack, attacks, tolls, kinds, doers)
    found: list[ClaimMention] = []
    for k, sent in enumerate(sentences):
        found.extend(reader.read(k, sent))
    return _dedupe(_not_theirs(_uncontested(found, reader._same_side), actors))


class _ClaimReader(AttackAnchoring, DenialRules, AttributionRules):
    """The rules, with what they need to know of the article: who is who and which attack is which."""

    def __init__(self, sentences: list[Span], actors: ActorResolver, attack_of_token: dict[int, str],
                 current_attack: Callable[[Span], str | None], attacks: Sequence[AttackMention] = (),
                 tolls: Mapping[str, int] | None = None, kinds: Mapping[str, str] | None = None,
                 doers: Mapping[str, Sequence[str]] | None = None):
        self.actors, self.attack_of_token, self.current_attack = actors, attack_of_token, current_attack
        self.tolls = dict(tolls or {})
        self.kinds = {**{a.key: a.kind for a in attacks}, **(kinds or {})}
        self.doers = {**{a.key: a.perpetrators for a in attacks}, **(doers or {})}
        self.sentences = sentences
        self.mentioned = [[attack_of_token[t.i] for t in s if t.i in attack_of_token] for s in sentences]
        for attack in attacks:
            for k, sent in enumerate(sentences):
                if sent.start_char <= attack.evidence.start < sent.end_char and attack.key not in self.mentioned[k]:
                    self.mentioned[k].append(attack.key)
        self.named = [[attack_of_token[t.i] for t in s if t.i in attack_of_token and t.pos_ in ("NOUN", "PROPN")]
                      for s in sentences]

    # Rules
    def read(self, k: int, sent: Span) -> list[ClaimMention]:
        found = []
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") or negated(token) or _habitual(token):
                continue
            lemma = token.lemma_.lower()
            rules = []
            if lemma in RESPONSIBILITY_VERBS:
                rules.append(self._responsibility)
            if lemma == "claim":
                rules += [self._claimed_by, self._claimed_attack]
            if lemma in DENIAL_VERBS:
                rules.append(self._denial)
            if lemma in CALLING:
                rules.append(self._called_false)
            if lemma in CORRECTED_BELIEFS:
                rules.append(self._corrected_belief)
            if lemma in ATTRIBUTION_VERBS:
                rules.append(self._attribution)
            if lemma in REPORTING and lemma not in DENIAL_VERBS | ATTRIBUTION_VERBS:
                rules.append(self._reported)
            elif any(c.lower_ == "according" for c in token.children):
                rules.append(self._according)
            for rule in rules:
                claims = rule(token, k)
                if claims:
                    found.extend(claims)
                    break
        found.extend(party_figures(self, sent, k))
        return found

    def _claims(self, stance: str, who: tuple[str | None, str | None], attacks: list[str], verb: Token,
                rule: str, target: str | None = None, killed: Figure | None = None) -> list[ClaimMention]:
        org, person = who
        if org is None or not attacks:
            return []
        evidence = _evidence(verb.sent, rule)
        return [ClaimMention(stance, org, key, evidence, person, target, killed) for key in attacks]

    def _responsibility(self, verb: Token, k: int) -> list[ClaimMention]:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")
                   and c.lemma_.lower() in RESPONSIBILITY_OBJECTS]
        after = verb.nbor() if verb.i + 1 < len(verb.doc) else None
        if not objects and after is not None and after.lemma_.lower() in RESPONSIBILITY_OBJECTS \
                and after.head.i != verb.i and after.head.lemma_.lower() not in RESPONSIBILITY_VERBS:
            objects = [after]  # "claimed responsibility" that the parser hung elsewhere
        if not objects:
            return []
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        who = (self.actors.claimant_of(agents[0]), None) if agents else self.speaker(verb)
        if not _can_claim(self.actors, verb, who[0]):
            return []
        if any(c.dep_ == "det" and c.lower_ == "no" for o in objects for c in o.children):
            # "X bears no responsibility whatsoever for the attack": a denial in the words of a claim
            return self._claims("denies_responsibility", who, self.attacks_of(list(verb.subtree), k), verb,
                                "bears-no-responsibility")
        rule = "took-credit" if any(o.lemma_.lower() == "credit" for o in objects) else "claimed-responsibility"
        # "On the day of the hospital attack, IS claimed responsibility for a bombing …": what the
        # responsibility is for, before any other attack the sentence names
        named = [t for o in objects for t in o.subtree if t.i != o.i]
        attacks = self.attacks_of(named, k) if any(t.i in self.attack_of_token for t in named) else []
        return self._claims("claims_responsibility", who, attacks or self.attacks_of(list(verb.subtree), k), verb, rule)

    def _claimed_by(self, verb: Token, k: int) -> list[ClaimMention]:
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        agents += [c for a in agents for c in a.conjuncts]
        names = [n for n in (self.actors.claimant_of(a) for a in agents) if n]
        if not names or not _can_claim(self.actors, verb, names[0]):
            return []
        attacks = self.attack_near(verb, k)
        return [c for n in dict.fromkeys(names)
                for c in self._claims("claims_responsibility", (n, None), attacks, verb, "claimed-by")]

    def _claimed_attack(self, verb: Token, k: int) -> list[ClaimMention]:
        """"X claimed the bombing", "X claimed killing 10 soldiers"."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "xcomp")]
        named = [o for o in objects if o.i in self.attack_of_token or o.lemma_.lower() in ATTACK_NOUNS]
        deeds = [o for o in objects if o.pos_ == "VERB" and o.lemma_.lower() in PERPETRATION]
        if not named and not deeds:
            return []
        who = self.speaker(verb)
        if not _can_claim(self.actors, verb, who[0]):
            return []
        attacks = self.attacks_of(named, k) if named else self.attacks_of(list(verb.subtree), k)
        return self._claims("claims_responsibility", who, attacks, verb, "claimed-attack")

    def _reported(self, verb: Token, k: int) -> list[ClaimMention]:
        """"X said it was behind …", "X said its fighters killed …", "X said Y was responsible", "… not involved"."""
        who = self.speaker(verb)
        if who[0] is None:
            return []
        return [c for clause in map(innermost, reported_clauses(verb)) for c in self._read_clause(verb, clause, who, k)]

    def _according(self, verb: Token, k: int) -> list[ClaimMention]:
        """"According to a statement from IS, its fighters carried out the bombing": the verb is the
        clause that the "according to" party reports."""
        sources = [p for c in verb.children if c.lower_ == "according" for p in c.subtree if p.dep_ == "pobj"]
        who = next(((o, n) for o, n in map(self.actors.speaker_of_phrase, sources) if o), (None, None))
        if who[0] is None:
            return []
        return self._read_clause(verb, verb, who, k)

    def _read_clause(self, verb: Token, clause: Token, who: tuple[str | None, str | None], k: int) -> list[ClaimMention]:
        """What a reported clause claims, denies or attributes, said by ``who`` through ``verb``."""
        if any(c.dep_ == "mark" and c.lower_ in NON_ASSERTIVE for c in clause.children):
            return []
        text = " ".join(t.lower_ for t in clause.subtree)
        subject = subject_of(clause)
        if subject is not None and subject.lemma_.lower() in ACCUSATIONS and any(
                c.dep_ in ("acomp", "attr") and (c.lemma_.lower() in FALSE_WORDS or c.lower_ in FALSE_WORDS)
                for c in clause.children):
            # "X said the allegations were baseless": the accused denies
            return self._claims("denies_responsibility", who, self.attacks_of(list(clause.subtree), k), verb,
                                "called-false")
        is_self = subject is None or self._is_self(subject, who[0])
        # "the agency said a commander was killed by special forces": the deed the clause itself tells
        own = [self.attack_of_token[clause.i]] if clause.i in self.attack_of_token else []
        attacks = own or self.attacks_of([t for t in clause.subtree], k)
        if any(self.other_operation(c, attacks) for c in clause.children if c.dep_ == "dobj"):
            return []  # "blamed jihadists for the massacre, and says it has carried out air strikes against them"
        if negated(clause) or any(p in text for p in NOT_INVOLVED):
            # "X said it was not involved", "… the attack did not involve its members, said X"
            about_attack = subject is not None and (subject.i in self.attack_of_token
                                                    or subject.lemma_.lower() in ATTACK_NOUNS)
            if (is_self or about_attack) and (any(p in text for p in NOT_INVOLVED) or self._perpetrates(clause)):
                return self._claims("denies_responsibility", who, attacks, verb, "said-not-involved")
            return []
        if modal(clause):
            return []
        behind = any(p in text for p in BEHIND) and not self._responsible_for_other(clause)
        authors = self._authors(clause)
        other = self.actors.claimant_of(subject) if behind and subject is not None and not is_self else None
        if authors:  # "the attacks were the work of ISIS", "the bombing bore the hallmarks of al-Shabaab"
            return [c for o in authors if o != who[0]
                    for c in self._claims("attributes_to", who, attacks, verb, "said-work-of", target=o)]
        if other and not self._same_side(other, who[0]):
            # "the Pentagon said US forces conducted the strikes" is the state's own deed, not a blame
            return self._claims("attributes_to", who, attacks, verb, "said-other-was-behind", target=other)
        if behind and is_self and subject is not None:
            return self._claims("claims_responsibility", who, attacks, verb, "said-it-was-behind")
        if not is_self and (behind or self._perpetrates(clause)) and self._named_speaker(verb, who):
            # "Taliban fighters stormed the base, the army said", "the plant was shelled by Russian
            # forces, the city administration said", "the bombing was carried out by a Taliban
            # bomber, the group said": the speaker names who did it
            found = []
            passive = self._doers(clause, active=False)
            for doer in self._doers(clause):
                if self._same_side(doer, who[0]):
                    # "the bombing was carried out by a Taliban bomber, the group said"; a passive killing of
                    # someone by the speaker's own forces is a claim of that killing only, and one not read
                    # as an attack ("a day after X said a commander was killed by its forces") claims nothing
                    if own or doer not in passive or subject is not None and self._names_attack(subject):
                        found += self._claims("claims_responsibility", who, attacks, verb, "said-it-perpetrated")
                else:
                    # "killed by FARC rebels, the army said", "the Taliban attacked the checkpoint, the
                    # army said", unless the doer claims the deed itself (``_uncontested``)
                    found += self._claims("attributes_to", who, attacks, verb, "said-other-did-it", target=doer)
            if not found and subject is not None and self._names_attack(subject) and not self._doers(clause) \
                    and any(self._same_side(d, who[0]) for key in attacks for d in self.doers.get(key, ())):
                # "an Israeli strike … The Israeli military said the strike targeted Hamas militants": the
                # party the narration names as the doer, telling what its attack did, owns it
                found = self._claims("claims_responsibility", who, attacks, verb, "said-its-attack-did")
            return found
        if is_self and subject is not None and self._perpetrates(clause) and (
                self._armed(who[0]) or not self._against_attackers(clause)):
            # "the group said its fighters stormed the base"; "the army said it struck a command post",
            # but not "the army said its troops killed 12 of the attackers" (a response, not the attack)
            return self._claims("claims_responsibility", who, attacks, verb, "said-it-perpetrated")
        return []

    def _responsible_for_other(self, clause: Token) -> bool:
        """"X was responsible for security at the base": responsible for something that is not a deed."""
        for word in (t for t in clause.subtree if t.lower_ == "responsible"):
            objects = [p for c in word.children if c.dep_ == "prep" and c.lower_ == "for"
                       for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if objects and not any(self._names_attack(o) or o.pos_ in ("PRON", "VERB") or any(
                    self._names_attack(t) for t in o.subtree) for o in objects):
                return True
        return False

    # Who speaks, and about whom
    def speaker(self, verb: Token) -> tuple[str | None, str | None]:
        """The verb's speaker; a pronoun subject ("it suspected") is the speaker of the verb that reports it."""
        org, person = self.actors.speaker(verb, open_names=True)
        head = verb
        while (org is None or subject_of(head) is not None and subject_of(head).lower_ in SELF_PRONOUNS) \
                and head.dep_ in ("ccomp", "xcomp", "conj", "advcl") and head.head.i != head.i:
            head = head.head
            if head.lemma_.lower() in REPORTING | RESPONSIBILITY_VERBS | DENIAL_VERBS:
                up_org, up_person = self.actors.speaker(head, open_names=True)
                if up_org:
                    return up_org, up_person
        return org, person

    def _armed(self, name: str | None) -> bool:
        """An armed group: listed as one, or a named organisation the gazetteer lacks (not "Malian army")."""
        kind = self.actors.kind_of(name)
        return kind == "ArmedGroup" or name is not None and kind is None and name not in self.actors.built

    def _is_self(self, subject: Token, org: str) -> bool:
        """"it", "they", "its fighters", "one of its fighters", "the group", the claimant by name."""
        lower = subject.lower_
        if lower in SELF_PRONOUNS or self.actors.claimant_of(subject) == org:
            return True
        if subject.lemma_.lower() in GROUP_NOUNS and self._armed(org) \
                and [c.lower_ for c in subject.children] in (["the"], ["its"], ["their"]):
            return True  # "the group was behind the attack, said a spokesman for the Taliban"
        if subject.lemma_.lower() in MEMBERS or lower in MEMBERS:
            owners = [c for c in subject.children if c.dep_ == "poss"]
            owners += [p for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj" for p in [p, *[o for o in p.children if o.dep_ == "poss"]]]
            # "his fighters" in what the party's head or commander says speaks of the party's own men
            return any(o.lower_ in ("its", "their", "our", "his", "her") or self.actors.claimant_of(o) == org
                       for o in owners)
        return False

    def _doers(self, clause: Token, active: bool = True) -> list[str]:
        """The parties a reported clause names as doing the deed: agents of its verbs ("shelled by Russian
        forces"), the parties of the attacks it names ("a Pakistani airstrike killed 47", "an attack by
        rebels"), and (``active``) the subjects of its verbs ("Israeli jets struck")."""
        found: list[str] = []
        for verb in [clause, *clause.conjuncts]:
            if verb.lemma_.lower() not in PERPETRATION:
                continue  # "… were killed, and Taliban special forces had arrived": not who killed them
            if active:
                found += self.actors.perpetrators_of(verb)
            else:
                found += [n for n in (self.actors.party(p) for a in verb.children if a.dep_ == "agent"
                                      for p in a.children if p.dep_ == "pobj") if n]
            subject = subject_of(verb)
            if subject is not None and subject.lower_ in ("that", "which") and verb.head.dep_ == "relcl":
                # "a coalition airstrike that they said killed seven": the strike the relative clause is about
                found += self.actors.perpetrators_of(verb.head.head)
            for noun in verb.subtree:
                # not the doers of the attacks the deed answers or follows ("struck the depots in response to
                # the militia's rocket attacks")
                if noun.pos_ == "NOUN" and (noun.i in self.attack_of_token or noun.lemma_.lower() in ATTACK_NOUNS) \
                        and not in_relating_phrase(noun, verb):
                    found += self.actors.perpetrators_of(noun)
        return list(dict.fromkeys(found))

    def _same_side(self, a: str, b: str) -> bool:
        """Two names for one party or for organs of one state ("Israeli military", "Israel")."""
        country = self.actors.gazetteer.actor_country
        return a == b or country.get(a, a) == country.get(b, b)

    def _named_speaker(self, verb: Token, who: tuple[str | None, str | None]) -> bool:
        """A party that speaks by name ("army general X said", "the city administration said") or by its
        state ("Afghan officials said", "a Ukrainian official said"), not "officials said" or "sources
        said", whose narration of an attack is the report's, not an attribution."""
        if who[1] is not None:
            return True
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return bool(subjects) and all(s.lemma_.lower() not in GENERIC_SPEAKERS or self._national(s) for s in subjects)

    def _national(self, noun: Token) -> bool:
        """"Afghan officials", "Pakistan's army", "Ukrainian authorities": a generic speaker its state names."""
        states = self.actors.gazetteer.demonyms
        return any(c.dep_ in ("amod", "compound", "poss", "nmod") and (
            c.lower_ in states or self.actors.kind_of(self.actors.by_token.get(c.i)) == "State") for c in noun.children)

    def _against_attackers(self, clause: Token) -> bool:
        """The deed's object is the attack's own assailants ("killed 12 of the attackers", "shot the gunmen
        dead"), not the militants a strike was aimed at ("struck a command post and killed 19 militants")."""
        hunted = [t for t in clause.subtree if t.dep_ in ("dobj", "pobj") and t.i != clause.i
                  and (t.lemma_.lower() in ASSAILANTS or t.lower_ in ASSAILANTS)]
        if hunted and clause.lemma_.lower() not in ("kill",):
            return True  # "launched an operation to hunt down the attackers"
        for verb in [clause, *clause.conjuncts]:
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                nouns = [obj] + [p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ == "of"
                                 for p in prep.children if p.dep_ == "pobj"]
                if any(n.lemma_.lower() in ASSAILANTS or n.lower_ in ASSAILANTS for n in nouns):
                    return True
        return False

    def _perpetrates(self, clause: Token) -> bool:
        verbs = [clause, *clause.conjuncts]
        for verb in verbs:
            lemma = verb.lemma_.lower()
            text = " ".join(t.lower_ for t in verb.subtree)
            if lemma in PERPETRATION:
                return True
            if lemma == "hold" and any(c.dep_ == "dobj" and (c.lemma_.lower() in CAPTIVES or c.ent_type_ == "PERSON")
                                       for c in verb.children):
                return True
            if lemma == "be" and any(p in text for p in CONTROL):
                return True
        return False


def _can_claim(actors: ActorResolver, verb: Token, claimant: str | None) -> bool:
    """A responsibility claim comes from a party that names itself; "the government" unqualified does not
    claim attacks (garbled or translated text)."""
    if claimant is None:
        return False
    if actors.kind_of(claimant) not in STATE_KINDS:
        return True
    subject = subject_of(verb)
    return subject is not None and (subject.i in actors.by_token or any(
        c.i in actors.by_token or c.lower_ in actors.gazetteer.demonyms for c in subject.children))


def _uncontested(claims: list[ClaimMention], same_side: Callable[[str, str], bool]) -> list[ClaimMention]:
    """Without the accounts of an attack by others that tell a deed its doer claims ("the Taliban stormed
    the checkpoint, the army said" … "the Taliban claimed the attack"): the doer's claim is the record
    of who did it, and those accounts are the report's narration (``blamed_on``), not attributions."""
    claimed = [(c.claimant, c.attack) for c in claims if c.stance == "claims_responsibility"]
    return [c for c in claims if c.evidence.rule != "said-other-did-it" or not any(
        key == c.attack and same_side(who, c.target_actor) for who, key in claimed)]


def _not_theirs(claims: list[ClaimMention], actors: ActorResolver) -> list[ClaimMention]:
    """Without an armed group's denials of a deed a state claims as its own ("the army said its forces
    killed the commander" … the group "is not involved in any of these attacks"): a state's operation is
    not among the attacks the group disowns, so its blanket denial is about the others."""
    state_deeds = {c.attack for c in claims if c.stance == "claims_responsibility"
                   and actors.kind_of(c.claimant) in STATE_KINDS}
    return [c for c in claims if not (c.stance == "denies_responsibility" and c.attack in state_deeds
                                      and actors.kind_of(c.claimant) not in STATE_KINDS)]


def _habitual(verb: Token) -> bool:
    """"Al-Shabaab frequently claims attacks", "the group often denies": a habit, not a claim."""
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in verb.children)


def _evidence(sent: Span, rule: str) -> Evidence:
    return Evidence(sent.text.strip(), sent.start_char, sent.end_char, rule)


def _dedupe(claims: list[ClaimMention]) -> list[ClaimMention]:
    """One claim per claimant, stance, attack and target: the first read, with a speaker if any had one."""
    kept: dict[tuple, ClaimMention] = {}
    for claim in claims:
        key = (claim.stance, claim.claimant, claim.attack, claim.target_actor)
        if key not in kept:
            kept[key] = claim
        elif kept[key].speaker is None and claim.speaker is not None:
            old = kept[key]
            kept[key] = ClaimMention(old.stance, old.claimant, old.attack, old.evidence, claim.speaker,
                                     old.target_actor, old.killed or claim.killed)
    return list(kept.values())
