"""Organisations the gazetteer does not list, read by the names the text gives them.

"Jamaat-ul-Ahrar, a faction of …", "a spokesman for Ansar al-Fajr", "a little-known group called X",
"the alliance known as X", "the Kurdish YPG militia", "the Kyiv city administration", "the Saudi-led
coalition … the coalition". A name the model tags as a person but that is built like a group's
("Ansar al-Fajr", "Jaish al-Adl") is a group's. An unnamed faction ("a Pakistani Taliban faction")
is no name at all, and not its umbrella group. Word lists are in ``data/lexicon/claims.json``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .nlp import read_lexicon

if TYPE_CHECKING:
    from .actors import ActorResolver

_LEX = read_lexicon("claims")
GROUP_NOUNS = set(_LEX["group_nouns"])
ARMED_DESCRIPTORS = set(_LEX["armed_descriptors"])  # "militant", "Islamist": what a group is, not its name
LOCAL_QUALIFIERS = set(_LEX["local_qualifiers"])
FACTION_NOUNS = set(_LEX["faction_nouns"])
ORG_NAME_WORDS = set(_LEX["organisation_name_words"])
NAMING_VERBS = set(_LEX["naming_verbs"])


def group_name(ent: Span) -> bool:
    """A name the model took for a person that is built like a group's ("Ansar al-Fajr", "Jaish
    al-Adl", "Katiba Macina"): one of its words is a word group names are made of."""
    words = {w.lower() for t in ent for w in t.text.replace("-", " ").split()}
    return bool(words & ORG_NAME_WORDS)


def name_text(ent: Span) -> str:
    """An entity's text without a leading "the" and a trailing possessive ("the Ansar al-Fajr's")."""
    tokens = [t for t in ent if t.dep_ != "case" and t.text not in ("'s", "’s")]
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    return ent.doc[tokens[0].i: tokens[-1].i + 1].text if tokens else ent.text


def unnamed_faction(token: Token) -> bool:
    """"a Pakistani Taliban faction", "a splinter group of the TTP", "one faction of Boko Haram"."""
    if token.lemma_.lower() not in FACTION_NOUNS and not any(
            c.lower_ in FACTION_NOUNS for c in token.children if c.dep_ in ("compound", "amod")):
        return False
    return any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "another", "one") for c in token.children)


class OrganisationNames:
    """The open-world organisation names of one Doc, given what the resolver already knows."""

    def __init__(self, resolver: "ActorResolver"):
        self.doc = resolver.doc
        self.by_token = resolver.by_token
        self.person_tokens = resolver.person_tokens
        self.gazetteer = resolver.gazetteer
        self.kind_of = resolver.kind_of
        self.body = resolver.body
        self.bodies = resolver.bodies
        self.named_groups: dict[int, str] = {}  # "Jamaat-ul-Ahrar, a faction of …" that the model took for a person
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and (any(c.dep_ == "appos" and c.lemma_.lower() in GROUP_NOUNS
                                               for c in ent.root.children) or group_name(ent)):
                self.named_groups.update((i, name_text(ent)) for i in range(ent.start, ent.end))
        self.acronyms = _acronyms(self.doc)  # "the United Baloch Army (UBA) … the UBA": one name

    def named(self, token: Token) -> str | None:
        """The open-world name a token is part of ("Jamaat-ul-Ahrar", "the Azov battalion", "YPG")."""
        return self.named_groups.get(token.i) or self.organisation(token)

    def proper_modifier(self, token: Token, with_head: bool) -> str | None:
        """The proper name that modifies a group or unit noun and that the gazetteer lacks ("YPG")."""
        names = [c for c in token.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < token.i
                 and c.ent_type_ not in ("NORP", "GPE", "PERSON") and c.lower_ not in self.gazetteer.demonyms
                 and c.i not in self.by_token]
        if not names:
            return None
        left = min(t.i for t in names[0].subtree if t.ent_type_ not in ("NORP", "GPE") and t.pos_ == "PROPN")
        return self.doc[left: (token.i + 1 if with_head else names[-1].i + 1)].text

    def antecedent(self, token: Token) -> str | None:
        """"the coalition" after "the Saudi-led coalition": the earlier, fuller name with the same head noun."""
        if token.i in self.by_token or any(c.dep_ in ("compound", "amod", "poss") for c in token.children):
            return None
        for i in range(token.left_edge.i - 1, -1, -1):
            earlier = self.doc[i]
            if earlier.lemma_ == token.lemma_ and earlier.pos_ == "NOUN":
                if earlier.i in self.by_token:  # "the Saudi-led coalition … the coalition" (a listed actor)
                    return self.by_token[earlier.i]
                modifiers = [c for c in earlier.children if c.dep_ in ("compound", "amod") and c.i < earlier.i]
                if not modifiers:
                    return None
                named = [self.by_token[t.i] for t in earlier.subtree if t.i in self.by_token
                         and (t.i < earlier.i or _apposed(t, earlier)) and self.kind_of(self.by_token[t.i]) != "State"]
                if named:  # "the Islamic State (IS) armed group … the group", "the armed group al-Shabaab … the group"
                    return named[0]
                if all(t.lower_ in ARMED_DESCRIPTORS for c in modifiers for t in c.subtree):
                    return None  # "the militant group … the group": what it is, not a name
                left = min(t.i for c in modifiers for t in c.subtree)
                return self.doc[left: earlier.i + 1].text
        return None

    def organisation(self, token: Token) -> str | None:
        """The text of a proper-named organisation the gazetteer lacks ("the Azov battalion", "YPG")."""
        if token.ent_type_ != "ORG" or token.pos_ != "PROPN":
            return None
        ent = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
        if ent is None or any(i in self.by_token or i in self.person_tokens for i in range(ent.start, ent.end)):
            return None
        if self.body(ent.root):
            return None  # "Interior Ministry", "Defence Ministry": a national body, named by ``national_body``
        name = name_text(ent)
        listed = self._listed_by_acronym(ent)
        return listed or self.acronyms.get(name, name)

    def _listed_by_acronym(self, ent: Span) -> str | None:
        """"The Baloch Liberation Army (BLA)": a spelling the gazetteer lacks, whose bracketed acronym is a listed
        group's with the same initials (the Balochistan Liberation Army, BLA), is that group."""
        if ent.end + 2 >= len(self.doc) or self.doc[ent.end].text != "(" or self.doc[ent.end + 2].text != ")":
            return None
        short = self.doc[ent.end + 1].text
        actor = self.gazetteer.actor(short) if short.isupper() else None
        if actor is None or _initials(actor.name) != short or _initials(name_text(ent)) != short:
            return None
        return actor.name

    def called(self, token: Token, open_names: bool) -> str | None:
        """The name a noun phrase gives its referent: "a group called X", "the alliance known as X"."""
        for acl in (c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in NAMING_VERBS):
            names = [c for c in acl.children if c.dep_ in ("oprd", "attr", "dobj")]
            names += [p for c in acl.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
            for name in names:
                if name.i in self.by_token:
                    return self.by_token[name.i]
                if open_names and name.pos_ == "PROPN":
                    left = min(t.i for t in name.subtree if t.dep_ in ("compound", "flat") or t.i == name.i)
                    return self.named_groups.get(name.i) or self.doc[left: name.i + 1].text
        return None

    def local_body(self, token: Token) -> str | None:
        """"the Kyiv city administration", "the regional military administration", "the provincial police":
        a body below the state, named by the text's own words (not the state's government)."""
        bodies = self.bodies
        if token.lower_ not in bodies and token.lemma_.lower() not in bodies:
            return None
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i]
        if not any(c.lower_ in LOCAL_QUALIFIERS for c in modifiers):
            return None
        left = min(t.i for c in modifiers for t in c.subtree)
        return self.doc[left: token.i + 1].text


def _apposed(token: Token, noun: Token) -> bool:
    """Whether ``token`` lies in an apposition to ``noun`` ("the armed group al-Shabaab", "the group, X,")."""
    while token.i != noun.i and token.head.i != token.i:
        if token.dep_ == "appos" and token.head.i == noun.i:
            return True
        token = token.head
    return False


def _acronyms(doc) -> dict[str, str]:
    """Acronyms an article defines in brackets after a name ("the United Baloch Army (UBA)"), to that name,
    when the letters are the initials of the name's capitalised words."""
    found = {}
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent.end + 2 >= len(doc) or doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
            continue
        short, name = doc[ent.end + 1].text, name_text(ent)
        if short.isupper() and 2 <= len(short) <= 6 and short == _initials(name):
            found[short] = name
    return found


def _initials(name: str) -> str:
    """The initials of a name's capitalised words ("United Baloch Army" → "UBA")."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())
