"""Attack mentions in a Doc, and which of them are the same attack.

A mention is a trigger word (noun, verb or phrase from ``data/lexicon/attacks.json``) that reports
a real, particular attack: not a threat, plan, vow, condition or negation ("could attack", "vowed to
step up attacks"), not a habit ("has often attacked") and not a generic plural ("recent attacks").
Mentions become attacks in reading order: a definite mention ("the attack", "Saturday's blast")
refers back; an indefinite one, or one with its own date or place that differs, starts a new attack.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .nlp import read_lexicon
from .temporal import WEEKDAYS

LEX = read_lexicon("attacks")
KIND_RANK = {kind: i for i, kind in enumerate(LEX["kind_rank"])}
NOUN_KIND = {w: k for k, words in LEX["nouns"].items() for w in words}
VERB_KIND = {w: k for k, words in LEX["verbs"].items() for w in words}
PROJECTILE_VERBS = set(LEX["projectile_verbs"])
ATTACK_VERBS = frozenset(VERB_KIND) | PROJECTILE_VERBS | set(LEX["explosion_verbs"])
MODALS = set(LEX["modal_or_negation"])
IRREALIS = set(LEX["irrealis_governors"])
HABITUAL = set(LEX["habitual_adverbs"])
GENERIC = set(LEX["generic_modifiers"])
SERIES = set(LEX["series_markers"])
VAGUE_QUANTIFIERS = set(LEX["vague_quantifiers"])
ATTACKERS = set(LEX["attacker_nouns"])
CHARGE_VERBS = set(LEX["charge_verbs"])
DENY_VERBS = set(LEX["deny_verbs"])
NOT_HEADS = set(LEX["not_attack_heads"])
ACHIEVED = set(LEX["achievement_governors"])
STRUCK_THINGS = set(LEX["struck_things"])
STATE_STRIKES = set(LEX["state_strike_triggers"])
LIGHT_VERBS = set(LEX["light_verbs"])
ONGOING_VERBS = LIGHT_VERBS | {"engage", "wage", "continue", "press"}  # "is engaged in an assault", "wages attacks"
CAMPAIGN_NOUNS = {"offensive", "assault", "campaign", "onslaught", "crackdown"}  # what a force wages for a time
GROUND_VERBS = set(LEX["ground_assault_verbs"])
STATE_KINDS = set(LEX["state_actor_kinds"])
AIRCRAFT = set(LEX["aircraft"])
DROPPING_VERBS = set(LEX["dropping_verbs"])
SHOOTING_VERBS = set(LEX["shooting_verbs"])
SHOOTING_PREPS = set(LEX["shooting_preps"])
MEANS_KINDS = LEX["means_kinds"]
KILLING_VERBS = set(LEX["killing_verbs"])
SLAUGHTER_VERBS = set(LEX["slaughter_verbs"])
KILLING_NOUNS = set(LEX["killing_nouns"])
GROUP_PRONOUNS = set(LEX["group_pronouns"])
CONSEQUENCE_VERBS = set(LEX["consequence_verbs"])
ATTACKER_PERSONS = set(LEX["attacker_persons"])
PERSON_FATES = set(LEX["person_fates"])
LEGAL_NOUNS = set(LEX["legal_nouns"])
HOSTAGE_VERBS = set(LEX["hostage_verbs"])
CAPTIVES = set(LEX["captive_nouns"])
RAMMING_VERBS = set(LEX["ramming_verbs"])
IMPACT_VERBS = set(LEX["impact_verbs"])
VEHICLES = set(LEX["vehicles"])
RAMMING_TARGETS = set(LEX["ramming_targets"])
ENCIRCLEMENTS = set(LEX["encirclement_nouns"])
DURATION_UNITS = set(LEX["duration_units"])
FAMILY = {"Bombing": "explosive", "SuicideBombing": "explosive", "CarBombing": "explosive",
          "RocketAttack": "fire", "Shelling": "fire", "Airstrike": "fire",
          "ArmedAssault": "assault", "Assassination": "assault", "Kidnapping": "kidnap", "Attack": "any"}


@dataclass
class Mention:
    """One trigger of an attack in a sentence."""

    token: Token
    kind: str
    definite: bool
    plural: bool
    series: bool
    sent: Span
    caption: bool = False
    headline: bool = False
    text: str = ""
    charge: bool = False  # "accused X of blowing it up", "denied striking it": said of an attack, not a new one
    weak: bool = False  # a killing told with its doer: the attack only where no attack word tells it


@dataclass
class Cluster:
    """The mentions of one attack within one article, with what they say about it."""

    mentions: list[Mention] = field(default_factory=list)
    kind: str = "Attack"
    series: bool = False
    parent: "Cluster | None" = None

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        # abductions or rocket fire told after an assault's lede are part of it, not its kind
        aside = part_of_assault(self.kind, mention.kind) and self.mentions[0].sent != mention.sent
        if not mention.charge and not aside and KIND_RANK.get(mention.kind, 99) < KIND_RANK.get(self.kind, 99):
            self.kind = mention.kind


def compatible_kinds(a: str, b: str) -> bool:
    """Two kinds that could describe one attack (generic "attack" fits all)."""
    if "Airstrike" in (a, b) and {a, b} & {"RocketAttack", "Shelling"}:
        return False  # aircraft and guns on the ground: two attacks ("an air strike on Nihm … shelling in Taiz")
    return "any" in (FAMILY[a], FAMILY[b]) or FAMILY[a] == FAMILY[b] or \
        {FAMILY[a], FAMILY[b]} in ({"explosive", "assault"}, {"assault", "kidnap"})  # "gunmen abducted 20 passengers"


def part_of_assault(assault: str, mention: str) -> bool:
    """Abductions, and rocket or mortar fire, told right after an assault with no date or place of their own
    are part of it ("several women were kidnapped", "the attack, involving small arms and rocket fire")."""
    return FAMILY[assault] == "assault" and (FAMILY[mention] == "kidnap" or mention in ("RocketAttack", "Shelling"))


def find_mentions(doc: Doc, sent: Span, *, caption: bool = False, headline: bool = False) -> list[Mention]:
    """Attack triggers in one sentence that report particular, real attacks."""
    mentions: list[Mention] = []
    covered: set[int] = set()
    for span in doc.spans.get("kgb_attack_phrases", ()):
        if sent.start <= span.start < sent.end:
            root = span.root if span.label_ != "Bombing" or span.root.lemma_ != "rock" else span[0]
            covered.update(range(span.start, span.end))
            mentions.append(_mention(root, span.label_, sent, caption, headline, span.text))
    for token in sent:
        if token.i in covered:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ in ("NOUN", "PROPN") and (lemma in NOUN_KIND or token.lower_ in NOUN_KIND):
            kind = NOUN_KIND.get(token.lower_) or NOUN_KIND[lemma]
            if token.dep_ == "compound" and token.head.lemma_ not in NOUN_KIND and token.head.i not in covered:
                continue  # "attack helicopter", "bomb squad"
            if kind == "RocketAttack" and lemma in ("rocket", "missile", "mortar") and not _projectile_used(token):
                continue
            mentions.append(_mention(token, _refined(token, kind), sent, caption, headline, token.text))
        elif token.pos_ == "VERB" and lemma in VERB_KIND:
            if lemma in ("blow",) and not any(c.lower_ in ("up",) for c in token.children):
                continue
            if token.dep_ == "amod" and token.head.lemma_ not in NOUN_KIND:
                continue  # "the besieged city", "a bombed-out building": a state, not an attack
            mentions.append(_mention(token, _refined(token, VERB_KIND[lemma]), sent, caption, headline, token.text))
        elif token.pos_ == "VERB" and lemma in SHOOTING_VERBS and _attackers_shot(token):
            mentions.append(_mention(token, "ArmedAssault", sent, caption, headline, token.text))
        elif token.pos_ == "VERB" and lemma in HOSTAGE_VERBS and _took_captives(token):
            mentions.append(_mention(token, "Kidnapping", sent, caption, headline, token.text))
        elif token.pos_ == "VERB" and _rammed(token):
            mentions.append(_mention(token, "Attack", sent, caption, headline, token.text))
        elif token.pos_ == "VERB" and lemma in KILLING_VERBS and (kind := _killing(token)):
            mentions.append(replace(_mention(token, kind, sent, caption, headline, token.text), weak=True))
        elif token.pos_ == "NOUN" and token.lower_ in KILLING_NOUNS and _claimed_killing(token):
            mentions.append(_mention(token, "Attack", sent, caption, headline, token.text))
    real = [m for m in mentions if _is_real(m)]
    return sorted(real, key=lambda m: m.token.i)


def _refined(token: Token, kind: str) -> str:
    """The kind a doer makes of a plain trigger: a state's strike or bombing is an air strike ("an
    Israeli strike", "US forces conducted strikes", "the United States bombed"); fighters who attack or
    target ("militants attacked a checkpoint") make an armed assault."""
    if kind == "RocketAttack" and _fired_from_aircraft(token):
        return "Airstrike"  # "US drones fired six missiles at a house"
    if kind not in ("Attack", "Bombing"):
        return kind
    if kind == "Bombing" and token.pos_ == "NOUN" and _dropped(token):
        return "Airstrike"  # "military planes dropped bombs on the village": bombs fall from aircraft
    means = _means(token)
    if means and (kind == "Attack" or means == "RocketAttack"):
        return means  # "an attack with explosives", "four rockets exploded"
    kinds = [_actor_kind(t) for t in _doers(token)]
    lemma = token.lemma_.lower()
    if lemma in STATE_STRIKES and any(k in STATE_KINDS for k in kinds):
        return "Airstrike"
    if kind == "Attack" and token.pos_ == "VERB" and lemma in GROUND_VERBS and \
            any((k == "ArmedGroup" or t.lemma_.lower() in ATTACKERS or t.lower_ in ATTACKERS)
                and t.lemma_.lower() not in NOUN_KIND for t, k in zip(_doers(token), kinds)):  # not "the bomber"
        return "ArmedAssault"
    return kind


def _dropped(bomb: Token) -> bool:
    """A bomb that was dropped ("planes dropped bombs", "bombs were dropped", "a bomb dropped by a drone")."""
    return bomb.dep_ in ("dobj", "nsubjpass", "nsubj") and bomb.head.lemma_.lower() in DROPPING_VERBS \
        or any(c.dep_ == "acl" and c.lemma_.lower() in DROPPING_VERBS for c in bomb.children)


def _fired_from_aircraft(projectile: Token) -> bool:
    """Rockets or missiles an aircraft fired: the subject of the verb they are the object of is a drone,
    a warplane or a helicopter ("two unmanned aircraft fired four missiles")."""
    if projectile.dep_ != "dobj":
        return False
    return any(c.dep_ == "nsubj" and (c.lemma_.lower() in AIRCRAFT or c.lemma_.lower() == "bomber" and _warplane(c))
               for c in projectile.head.children)


def _killing(verb: Token) -> str | None:
    """The kind of attack a killing verb tells with its doer ("the militants killed 78 farmers", "Boko
    Haram says it killed 78 farmers", "a commander was killed by special forces", "43 farmers were
    murdered"), or None: no doer, victims neither counted nor named, attackers as victims, a tally."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or verb.tag_ == "VBN" and \
        not any(c.dep_ == "nsubj" for c in verb.children)
    victims = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if passive and not victims and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        victims = [verb.head]
    if not any(_counted_or_named(v) for v in victims) or any(v.lemma_.lower() in ATTACKERS for v in victims):
        return None
    if any(t.lower_ == "since" for t in verb.subtree):
        return None  # "the insurgency has killed 36,000 people since 2009": a tally
    if any((t.lemma_.lower() in NOUN_KIND or t.lower_ in NOUN_KIND) and verb_of_token(t) == verb
           for t in verb.subtree if t.i != verb.i):
        return None  # "killed 21 people in separate attacks": the attack noun is the mention, or none is
    doers = [g for c in verb.children if c.dep_ == "agent" for g in c.children] if passive else \
        [c for c in verb.children if c.dep_ == "nsubj"]
    for doer in doers:
        if doer.lemma_.lower() in NOUN_KIND or doer.lower_ in NOUN_KIND:
            return None  # "the gunmen killed", "a bomber killed": that trigger is the mention
        kind = _actor_kind(doer)
        if kind == "ArmedGroup" or doer.lemma_.lower() in ATTACKERS or _group_pronoun(doer):
            return "ArmedAssault"
        if passive and kind in STATE_KINDS or passive and doer.lemma_.lower() in ("force", "troop", "soldier"):
            return "Attack"
    return "ArmedAssault" if passive and not doers and verb.lemma_.lower() in SLAUGHTER_VERBS else None


def _rammed(verb: Token) -> bool:
    """A vehicle driven into people ("rammed his truck into a crowd", "a van ploughed into shoppers",
    "four tourists were hit by a car", "hit the cyclists with their vehicle"); not a car that hits a
    thing ("the car hit a tree", "drove his car into a ditch") nor a vehicle hit by fire."""
    lemma = verb.lemma_.lower()
    if lemma not in RAMMING_VERBS and lemma not in IMPACT_VERBS:
        return False
    args = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        args.append(verb.head)  # "a van ploughed into pedestrians", parsed with the verb on the van
    preps = {}
    for c in verb.children:
        if c.dep_ in ("prep", "agent"):
            preps.setdefault(c.lower_, []).extend(g for g in c.children if g.dep_ == "pobj")
    vehicle = any(t.lemma_.lower() in VEHICLES for t in args + [g for gs in preps.values() for g in gs])
    if lemma in RAMMING_VERBS:
        aimed = preps.get("into", []) + preps.get("through", []) + (
            [c for c in args if c.dep_ == "dobj"] if lemma == "ram" else [])
        return any(_people(t) for t in aimed) and (vehicle or lemma == "ram")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    victims = [c for c in args if c.dep_ == ("nsubjpass" if passive else "dobj")]
    means = preps.get("by", []) if passive else preps.get("with", [])
    return any(_people(v) and (_counted_or_named(v) or v.ent_type_ == "NORP") for v in victims) \
        and any(m.lemma_.lower() in VEHICLES for m in means)


def _attackers_shot(verb: Token) -> bool:
    """"Militants fired at a patrol", "gunmen fired on the convoy": attackers shooting at someone, with no
    projectile named as what they fired (that is its own mention: "fired rockets at a base")."""
    if not any(c.dep_ == "prep" and c.lower_ in SHOOTING_PREPS for c in verb.children):
        return False
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    return any(t.lemma_.lower() in ATTACKERS or t.lower_ in ATTACKERS or _actor_kind(t) == "ArmedGroup"
               for t in _doers(verb))


def _took_captives(verb: Token) -> bool:
    """"took 30 workers hostage", "seized dozens of hostages": people taken as captives."""
    said = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "advmod", "npadvmod", "xcomp", "ccomp", "attr")]
    said += [g for c in said if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep" and g.lower_ == "of"
             for g in g.children]  # "dozens of hostages"
    return any(t.lower_ in CAPTIVES for t in said)


def _people(token: Token) -> bool:
    """People, or a place where people gather, that a vehicle can be driven into."""
    return any(t.lemma_.lower() in RAMMING_TARGETS or t.ent_type_ in ("NORP", "PERSON")
               for t in (token, *token.conjuncts))  # "two Britons and a French citizen"


def verb_of_token(token: Token) -> Token:
    """The nearest verb above a token (the sentence root at most)."""
    current = token.head
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def consequence(token: Token) -> bool:
    """An explosion an attack causes ("…, triggering a second explosion"): part of that attack."""
    return token.dep_ == "dobj" and token.head.lemma_.lower() in CONSEQUENCE_VERBS


def _counted_or_named(victim: Token) -> bool:
    """"78 farmers", "two men", "a senior commander", "Governor Muzmal": victims an attack report counts."""
    return any(c.dep_ == "nummod" or c.like_num for c in victim.children) or victim.like_num \
        or victim.ent_type_ == "PERSON" or any(c.lower_ in ("a", "an") for c in victim.children if c.dep_ == "det")


def _group_pronoun(token: Token) -> bool:
    """"it", "they", "its fighters" in what an armed group says ("Boko Haram says it killed …")."""
    word = token if token.lower_ in GROUP_PRONOUNS else next(
        (c for c in token.children if c.dep_ == "poss" and c.lower_ in ("its", "their", "our")), None)
    if word is None:
        return False
    say = token.head
    while say.dep_ in ("ccomp", "xcomp", "conj") and say.head.i != say.i:
        say = say.head
    return any(c.dep_ == "nsubj" and (_actor_kind(c) == "ArmedGroup" or c.lemma_.lower() in ATTACKERS
                                      or c.lemma_.lower() in ("group", "faction", "militia"))
               for c in say.children) and say.i != token.head.i


def _claimed_killing(noun: Token) -> bool:
    """"claimed responsibility for the killing of two tourists": a killing a party owns is an attack."""
    victims = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    owned = noun.head.lower_ == "for" and noun.head.head.lemma_ in ("responsibility", "claim")
    return owned and (not victims or any(_counted_or_named(v) or v.ent_type_ in ("NORP", "PERSON") for v in victims))


def _means(token: Token) -> str | None:
    """The kind the means name: "with explosives" on an attack noun, the projectile that exploded, the
    projectile a strike is named by ("a Russian missile strike": a missile, whoever fired it)."""
    if token.pos_ == "VERB":
        found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        found = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
        found += [c for c in token.children if c.dep_ == "compound"]
    return next((MEANS_KINDS[t.lower_] for t in found if t.lower_ in MEANS_KINDS), None)


def _doers(token: Token) -> list[Token]:
    """Who a trigger names as doing it: the subject or agent of a verb; a noun's modifiers, its "by"
    phrase, or the subject of the light verb it is the object of ("forces carried out strikes")."""
    if token.pos_ == "VERB":
        found = [c for c in token.children if c.dep_ == "nsubj"] + \
            [g for c in token.children if c.dep_ == "agent" for g in c.children]
        if not found and token.dep_ == "pcomp" and token.head.lower_ == "by" and token.head.head.pos_ == "VERB":
            found = [c for c in token.head.head.children if c.dep_ == "nsubj"]  # "the army responded by shelling …"
        return found
    found = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    found += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children]
    if token.dep_ == "dobj" and token.head.lemma_ in LIGHT_VERBS:
        found += [c for c in token.head.children if c.dep_ == "nsubj"]
    return found


def _actor_kind(token: Token) -> str | None:
    """The gazetteer kind of the actor a token names, alone or with its modifiers ("US forces")."""
    from .gazetteer import load

    actors = load().actors
    for span in token.doc.spans.get("kgb_actors", ()):
        if span.start <= token.i < span.end or any(span.start <= c.i < span.end for c in token.children
                                                   if c.dep_ in ("compound", "amod", "poss")):
            actor = actors.get(span.label_)
            return actor.kind if actor else None
    return None


def _projectile_used(token: Token) -> bool:
    """A rocket or missile that was fired, landed or hit: an attack, not a weapons programme."""
    verb = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound") else token
    if token.dep_ == "pobj":
        verb = token.head.head
    if token.dep_ == "compound":
        return token.head.lemma_ in NOUN_KIND
    return verb.lemma_ in PROJECTILE_VERBS or verb.lemma_ in ("kill", "wound", "injure")


def _nominal(token: Token) -> Token:
    """The noun a trigger modifies ("bomb" in "bomb attacks", "targeted" in "targeted killings"),
    whose determiner and number are the mention's; else the trigger itself."""
    if token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return token


def _mention(token: Token, kind: str, sent: Span, caption: bool, headline: bool, text: str) -> Mention:
    noun = _nominal(token)
    dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    possessive = any(c.dep_ == "poss" for c in noun.children)
    definite = bool(dets & {"the", "this", "that", "these", "those", "its", "their"}) or possessive
    if noun.pos_ == "VERB":
        definite = False
    plural = _is_plural(noun)
    if noun.pos_ == "VERB":  # "several mosques have been targeted", "explosions rocked": many, not one
        plural = any(c.dep_ in ("nsubjpass", "dobj") and _is_plural(c) and
                     any(q.lower_ in VAGUE_QUANTIFIERS for q in c.children) for c in noun.children) \
            or any(_is_plural(c) for c in _event_subjects(noun))
    series = noun.head.lemma_ in SERIES or any(c.lemma_ in SERIES for c in noun.children)
    if noun.dep_ == "pobj" and noun.head.head.lemma_ in SERIES:
        series = True
    return Mention(token, kind, definite, plural, series, sent, caption, headline, text, _charged(token))


def _charged(token: Token) -> bool:
    """A deed someone is accused of or denies ("accused the militia of blowing it up", "denied striking
    the building"): what a party says about an attack, not an attack of its own."""
    if token.dep_ in ("xcomp", "ccomp") and token.head.lemma_ in DENY_VERBS:
        return True
    if token.dep_ != "pcomp" or token.head.lower_ not in ("of", "for"):
        return False
    governor = token.head.head
    if governor.dep_ in ("dobj", "nsubjpass") and governor.head.lemma_ in CHARGE_VERBS:
        governor = governor.head  # "accused a local militia of …", parsed with "of" on the militia
    return governor.lemma_ in CHARGE_VERBS


def _event_subjects(verb: Token) -> list[Token]:
    """Subjects of a verb trigger that name the attack itself ("blasts rocked"), not the attackers."""
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
            and (c.lemma_.lower() in NOUN_KIND or c.lower_ in NOUN_KIND) and c.lower_ not in ATTACKERS]


def attackers_did(noun: Token) -> bool:
    """"Gunmen killed 17 people over the weekend", "bombers struck a market", "gunmen who stormed a
    village", "30 villagers have been killed by gunmen": several attackers who did one deed (a past verb,
    or a passive one with counted victims), not attacks in general ("gunmen have killed hundreds this
    year", "hundreds have been killed by gunmen")."""
    if noun.lemma_.lower() not in ATTACKER_PERSONS and noun.lower_ not in ATTACKER_PERSONS:
        return False
    if noun.dep_ == "nsubj" and noun.head.tag_ == "VBD":
        return True
    if any(c.dep_ == "relcl" and c.tag_ == "VBD" for c in noun.children):
        return True
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        victims = [c for c in noun.head.head.children if c.dep_ == "nsubjpass"]
        return any(c.dep_ == "nummod" and c.like_num for v in victims for c in v.children)
    return False


def _is_plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or token.lower_.endswith("s") and token.lemma_ != token.lower_


def _is_real(m: Mention) -> bool:
    """False for threats, plans, negations, habits, conditions and generic plurals."""
    token = _nominal(m.token)
    if token.pos_ == "VERB" and token.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp") \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and token.head.lemma_ not in ACHIEVED:
        return False  # "bases to target soldiers", "a plan to attack": a purpose, not a deed
    if token.pos_ == "VERB" and (any(c.lemma_.lower() in STRUCK_THINGS for c in token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj"))
                                 or token.dep_ in ("acl", "relcl", "amod") and token.head.lemma_.lower() in STRUCK_THINGS):
        return False  # "a deal struck with the Taliban", "they struck an agreement"
    if token.pos_ == "VERB" and token.dep_ in ("acl", "relcl") and \
            (token.head.lemma_.lower() in NOUN_KIND or token.head.lower_ in NOUN_KIND):
        return False  # "bomb attacks targeting minorities", "a bombing that targeted a bus": the noun is the mention
    if token.pos_ != "VERB" and _told_deed(token):
        return True  # "may have had a hand in a landmine explosion that killed 38 people": doubt of who, not of what
    verb = token if token.pos_ in ("VERB", "AUX") else _governor(token)
    chain = [verb, verb.head] if verb.dep_ in ("xcomp", "ccomp", "advcl") else [verb]
    for v in chain:
        children = list(v.children)
        if any(c.lower_ in MODALS or c.dep_ == "neg" for c in children if c.dep_ in ("aux", "neg", "advmod")):
            return False
        if any(c.lower_ in ("if", "unless") for c in children if c.dep_ == "mark"):
            return False
        if any(c.lower_ in HABITUAL for c in children if c.dep_ == "advmod"):
            return False
        if v.lemma_ in IRREALIS and v.i != token.i:
            return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in LEGAL_NOUNS for c in token.children) or \
            token.dep_ in ("compound", "amod") and token.head.lemma_.lower() in LEGAL_NOUNS:
        return False  # "faces kidnapping charges", "on murder counts": what someone is charged with
    if token.pos_ == "VERB" and any(_generic(s) for s in _event_subjects(token)):
        return False  # "several bomb attacks have rocked the country"
    if token.pos_ == "VERB" and _practice(token):
        return False  # "they are attacking civilians", "the group targets schools": a practice, no one attack
    if token.head.lemma_ in IRREALIS and token.dep_ in ("dobj", "xcomp"):
        return False
    if token.pos_ == "VERB" and token.dep_ == "acl" and _is_plural(token.head) and _class_of(token.head):
        return False  # "one of the most senior figures assassinated since 2021": a class of people, no one attack
    if _warplane(token):
        return False  # "a missile fired by a Russian bomber": the aircraft, whose missile is the mention
    if token.lower_ in ATTACKER_PERSONS and token.dep_ == "nsubjpass" and token.head.lemma_.lower() in PERSON_FATES:
        return False  # "a third bomber was found dead", "the gunman was arrested": a person, not an attack
    if token.pos_ != "VERB":
        if _ongoing_operation(token):
            return False
        if _encirclement(token):
            return False  # "the city, under a year-long siege by rebels": a war's encirclement, no one attack
        if token.head.lemma_ in NOT_HEADS or token.lemma_ in NOT_HEADS:
            return False
        if token.dep_ == "pobj" and token.head.head.lemma_ in NOT_HEADS:
            return False
        if _generic(token) and not m.series:
            return False
        if m.plural and not m.definite and not m.series and not _counted(token) and not _dated_to_day(token) \
                and not attackers_did(token):
            return False
    return True


def _warplane(noun: Token) -> bool:
    """A "bomber" that fires, drops or launches something is an aircraft, not a person who bombs."""
    if noun.lemma_.lower() != "bomber" or noun.pos_ == "VERB":
        return False
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "agent" else noun.head if noun.dep_ == "nsubj" else None
    return verb is not None and verb.lemma_.lower() in ("fire", "drop", "launch")


def _told_deed(noun: Token) -> bool:
    """An attack noun whose own relative clause tells what it did to counted people ("the blast that killed
    12 people", "an ambush which wounded nine soldiers"): a real attack, whoever is only suspected of it."""
    from .figures import number_of

    for clause in (c for c in noun.children if c.dep_ == "relcl" and c.tag_ == "VBD"):
        if clause.lemma_.lower() in KILLING_VERBS | {"wound", "injure"}:
            victims = [c for c in clause.children if c.dep_ == "dobj"]
            if any((found := number_of(v)) is not None and not found[1] for v in victims):
                return True
    return False


def _encirclement(noun: Token) -> bool:
    """"under siege", "a year-long siege", "months of siege": a place encircled for a time, not an attack."""
    if noun.lower_ not in ENCIRCLEMENTS:
        return False
    lasting = any(t.lower_ in DURATION_UNITS for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                  for t in c.subtree)
    of_time = noun.head.lower_ == "of" and noun.head.head.lower_ in DURATION_UNITS
    return noun.head.lower_ == "under" or lasting or of_time


def _practice(verb: Token) -> bool:
    """A deed told in the present, or its conjunct, on a bare plural ("are attacking highways, cities and
    mosques", "targets schools"): what a party does, not a particular attack. Not the past ("were attacking
    military posts in Badghis"), nor a named or counted target ("are shelling Kharkiv", "attacked two posts")."""
    if not _present(verb):
        return False
    objects = [o for c in [verb] for o in c.children if o.dep_ == "dobj"]
    return bool(objects) and all(o.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss") for c in o.children)
                                 for o in objects)


def _present(verb: Token) -> bool:
    """A verb told in the present ("targets", "are attacking", "is engaged"), or its conjunct's first verb."""
    head = verb
    while head.dep_ == "conj" and head.head.pos_ == "VERB" and head.head.i != head.i:
        head = head.head  # "… are attacking civilians and targeting staff": the tense of the first verb
    return head.tag_ in ("VBP", "VBZ") or head.tag_ in ("VBG", "VBN") and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("are", "is", "am", "'re", "'s") for c in head.children)


def _ongoing_operation(noun: Token) -> bool:
    """"the army says it is engaged in a sweeping assault", "forces are conducting an offensive": a campaign
    under way, told in the present, not a particular attack (not "troops launched an assault on Monday")."""
    if noun.lemma_.lower() not in CAMPAIGN_NOUNS or any(c.dep_ == "prep" and c.lower_ in ("on", "at", "in")
                                                        for c in noun.children):
        return False  # "militants are carrying out an assault on the hotel": one attack, under way
    verb = _governor(noun)
    return verb.lemma_.lower() in ONGOING_VERBS and _present(verb) and not _dated_to_day(noun)


def _class_of(noun: Token) -> bool:
    """"one of the most senior figures", "the latest of the officials": a class, by a superlative or "one of"."""
    superlative = any(c.tag_ == "JJS" or c.lower_ == "most" or any(g.lower_ == "most" for g in c.children)
                      for c in noun.children if c.dep_ == "amod")
    return superlative or noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one"


def _generic(noun: Token) -> bool:
    """"recent attacks", "several bombings", "such attacks", "such an attack": attacks in general; not
    "a deadly attack" or "a similar attack in 2014", which name one."""
    if not _is_plural(noun) and not any(c.lower_ == "such" for c in noun.children):
        return False
    return any(c.lower_ in GENERIC for c in noun.children if c.dep_ in ("amod", "det", "nummod", "advmod", "quantmod", "predet"))


def _dated_to_day(token: Token) -> bool:
    """"air strikes on villages on Tuesday night": a plural that reports one day's attacks."""
    verb = _governor(token)
    clause = [t for t in verb.subtree if t.sent == token.sent]
    return any(t.ent_type_ in ("DATE", "TIME") and t.lower_ in WEEKDAYS for t in clause) or \
        any(t.lower_ in ("yesterday", "today", "overnight") for t in clause)


def _counted(token: Token) -> bool:
    """"two bombings", "twin blasts": a plural that counts particular attacks."""
    return any(c.dep_ == "nummod" or c.lower_ in ("twin", "coordinated", "simultaneous") for c in token.children)


def _governor(token: Token) -> Token:
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current
