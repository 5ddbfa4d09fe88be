"""A party's own casualty figures: ``casualty_claim`` claims beside the toll the report gives.

Three kinds, each a definite number inside the clause a named party is reported to say:

- ``casualty-claim``: an armed group's figure ("the Taliban claimed they killed 10 soldiers", "the
  group said 15 of its fighters died"), or any party's toll of its own deed ("the army said it had
  struck a command post and killed 19 militants"; not "security forces said they killed three of the
  attackers", which is the response);
- ``party-figure``: a named party's toll of someone else's attack that differs from the toll the
  article gives for that attack ("the health ministry said 41 people died in the attack" beside a
  reported 32): a figure of everyone killed (not "two embassy employees were killed"), in a clause that
  names the attack by a noun (not "a commander was killed by special forces"). The report's own
  narration ("officials said", "police said") is the toll, not a claim; a named party that gives the
  article's own figure is its source;
- ``put-toll``: "X put the toll at 42", "the observatory, which put the death toll at 42", "the UN
  estimated the number of dead at 110", and a toll in what a named party says ("the UN said the death
  toll was 110", "… the number of people killed was 110"), read as a party figure.

What a ministry or the police say the attackers killed, when it is the article's toll, makes no claim.
Word lists are in ``data/lexicon/claims.json``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .figures import casualties, number_of
from .claim_words import ASSAILANTS, CLAIM_VERBS, DEATH_WORDS, TOLL_COPULAS, TOLL_NOUNS, TOLL_VERBS, WHOLE_TOLL
from .reported import negated, reporting_verb, subject_of
from .types import ClaimMention, Figure

if TYPE_CHECKING:
    from .claims import _ClaimReader


def party_figures(reader: "_ClaimReader", sent: Span, k: int) -> list[ClaimMention]:
    """The casualty claims of sentence ``k``: each party's figure once per attack."""
    claims = _stated_figures(reader, sent, k) + _put_tolls(reader, sent, k) + _stated_tolls(reader, sent, k)
    seen, out = set(), []
    for claim in claims:
        key = (claim.claimant, claim.attack)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def _stated_figures(reader: "_ClaimReader", sent: Span, k: int) -> list[ClaimMention]:
    claims = []
    for c in sorted(casualties(sent), key=lambda c: c.attackers):  # its deed before its own losses
        if c.vague or c.what != "killed" or any(t.dep_ == "neg" for t in c.verb.children):
            continue  # "JNIM said it did not kill 30 villagers": a denial, not its figure
        verb = reporting_verb(c.verb)
        if verb is None or verb.lemma_ not in CLAIM_VERBS:
            continue
        who = reader.speaker(verb)
        if who[0] is None:
            continue
        subject = subject_of(c.verb)
        own = subject is not None and reader._is_self(subject, who[0])
        attacks = reader.attacks_of(list(c.verb.subtree), k)
        armed = reader.actors.kind_of(who[0]) == "ArmedGroup"
        if own and not armed and any(w.strip(".,").lower() in ASSAILANTS for w in c.phrase.split()):
            continue  # "security forces said they had killed three of the attackers": the response
        if own or armed:
            claims += reader._claims("casualty_claim", who, attacks, sent.root, "casualty-claim", killed=c.figure)
        elif not c.attackers and _whole(c.phrase) and reader._named_speaker(verb, who) \
                and _names_attack(reader, c.verb):
            claims += _differing(reader, who, attacks, verb, c.figure)
    return claims


def _put_tolls(reader: "_ClaimReader", sent: Span, k: int) -> list[ClaimMention]:
    """"X put the toll at 42": a party's own count, a claim where it differs from the article's toll."""
    claims = []
    for verb in sent:
        if verb.lemma_.lower() not in TOLL_VERBS or verb.pos_ != "VERB" or negated(verb):
            continue
        tolls = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in TOLL_NOUNS]
        if not tolls:
            continue
        figure = _figure_at(verb) or _figure_at(tolls[0])
        who = reader.speaker(verb)
        if figure is None or who[0] is None or not reader._named_speaker(verb, who):
            continue
        attacks = reader.attacks_of(list(verb.subtree), k)
        claims += _differing(reader, who, attacks, verb, figure, "put-toll")
    return claims


def _stated_tolls(reader: "_ClaimReader", sent: Span, k: int) -> list[ClaimMention]:
    """"X said the death toll was 52", "… the toll stood at 52", "… the number of people killed was 110": a
    named party's toll in what it says, a claim where it differs from the article's toll."""
    claims = []
    for verb in sent:
        where = TOLL_COPULAS.get(verb.lemma_.lower())
        if where is None or negated(verb):
            continue
        tolls = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in TOLL_NOUNS
                 and (c.lemma_.lower() == "toll" or any(t.lemma_.lower() in DEATH_WORDS or t.lower_ in DEATH_WORDS
                                                         for t in c.subtree))]
        say = reporting_verb(verb)
        if not tolls or say is None:
            continue
        if where == "at":
            figure = _figure_at(verb)
        else:
            found = next((number_of(c) for c in verb.children if c.dep_ == "attr"), None)
            figure = found[0] if found and not found[1] else None
        who = reader.speaker(say)
        if figure is None or who[0] is None or not reader._named_speaker(say, who):
            continue
        claims += _differing(reader, who, reader.attacks_of(list(verb.subtree), k), say, figure, "put-toll")
    return claims


def _whole(phrase: str) -> bool:
    """"41 people", "41 persons, including three soldiers": everyone the attack killed, not a part of
    them ("two embassy employees", "12 of the soldiers")."""
    words = phrase.lower().replace(",", " ").split()
    return len(words) > 1 and words[1] in WHOLE_TOLL


def _names_attack(reader: "_ClaimReader", verb: Token) -> bool:
    """The figure's clause names the attack by a noun ("died in the attack", "the bombing killed 30"),
    not another deed ("a commander was killed by special forces")."""
    return any(t.pos_ in ("NOUN", "PROPN") and reader._names_attack(t) for t in verb.subtree)


def _figure_at(head: Token) -> Figure | None:
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "at":
            for pobj in prep.children:
                found = number_of(pobj) if pobj.dep_ == "pobj" else None
                if found and not found[1]:
                    return found[0]
    return None


def _differing(reader: "_ClaimReader", who: tuple[str | None, str | None], attacks: list[str], verb: Token,
               figure: Figure, rule: str = "party-figure") -> list[ClaimMention]:
    """The claims of a named party's figure for each attack whose reported toll it contradicts."""
    keys = [key for key in attacks if reader.tolls.get(key) is not None and reader.tolls[key] != figure.value]
    return reader._claims("casualty_claim", who, keys, verb, rule, killed=figure)
