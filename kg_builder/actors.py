"""Who is who in a sentence: actors under canonical names, people with their roles and affiliations.

Affiliations come from the text first ("Taliban spokesman X", "X, a spokesman for Y", "a spokesman
for Y, X", "the group's spokesman X") and only then from the list of well-known people in
``data/lexicon/people.json``. Generic bodies ("interior ministry", "police") are qualified by the
article's country ("Afghan Ministry of Interior") when the gazetteer knows that name.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .gazetteer import load as load_gazetteer
from .nlp import read_lexicon
from .types import Evidence, PersonRole

REPORTING = set(read_lexicon("claims")["reporting_verbs"])
GENERIC_BODIES = ("interior ministry", "ministry of interior", "foreign ministry", "defence ministry",
                  "defense ministry", "government", "police", "army", "security forces", "forces")


@lru_cache(maxsize=1)
def _people() -> tuple[set[str], set[str], dict[str, dict]]:
    data = read_lexicon("people")
    known = {}
    for person in data["known"]:
        for name in (person["name"], *person["aliases"]):
            known[name.lower()] = person
    return set(data["roles"]), set(data["speaker_roles"]), known


class ActorResolver:
    """Resolves tokens of one Doc to canonical actors and people."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.gazetteer = load_gazetteer()
        self.by_token: dict[int, str] = {}
        for span in doc.spans.get("kgb_actors", ()):
            for i in range(span.start, span.end):
                self.by_token[i] = span.label_
        self.country = self._main_country()
        self.people: dict[str, PersonRole] = {}
        self.person_tokens: dict[int, str] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(i in self.by_token for i in range(ent.start, ent.end)):
                role = self._role_of(ent)
                if role is None:
                    continue
                self.people.setdefault(role.name, role)
                if role.affiliation and not self.people[role.name].affiliation:
                    self.people[role.name] = role
                for i in range(ent.start, ent.end):
                    self.person_tokens[i] = role.name
        self._surname = {name.split()[-1]: name for name in self.people if len(name.split()) > 1}

    def _main_country(self) -> str | None:
        counts: Counter[str] = Counter()
        for span in self.doc.spans.get("kgb_places", ()):
            if self.gazetteer.places[span.label_].kind == "country":
                continue  # countries are named in passing; cities and provinces say where the story is
            country = self.gazetteer.country_of(span.label_)
            if country:
                counts[country] += 1
        return counts.most_common(1)[0][0] if counts else None

    # Actors
    def actor_of(self, token: Token) -> str | None:
        """The actor a token names or heads ("Taliban", "the Islamic State group", "Afghan negotiators")."""
        if token.i in self.by_token:
            return self.by_token[token.i]
        for child in token.children:
            if child.dep_ in ("compound", "nmod", "amod", "poss") and child.i in self.by_token:
                return self.by_token[child.i]
        if token.i in self.person_tokens:
            return None
        national = self._national(token)
        if national:
            return national
        if token.lower_ in ("group", "militants", "insurgents", "movement") and token.i not in self.by_token:
            return self.recent_armed_group(token)
        return None

    def _national(self, token: Token) -> str | None:
        """"Afghan officials", "interior ministry": a generic body made national by a demonym or the article."""
        words = [c for c in token.children if c.dep_ in ("compound", "amod")] + [token]
        words = sorted(words, key=lambda t: t.i)
        noun = " ".join(t.lower_ for t in words if t.ent_type_ != "NORP" and t.lower_ not in self.gazetteer.demonyms)
        demonym = next((t.text for t in words if t.lower_ in self.gazetteer.demonyms), None)
        if token.lower_ in ("negotiators", "officials", "delegation", "delegates", "team", "representatives", "side"):
            noun = "government"
        if not demonym and noun in GENERIC_BODIES and self.country:
            demonym = self.gazetteer.demonym_of(self.country)
        if demonym and noun:
            actor = self.gazetteer.national(demonym, noun)
            if actor:
                return actor.name
            if noun == "government":
                return self.gazetteer.demonyms.get(demonym.lower())
        return None

    def recent_armed_group(self, token: Token) -> str | None:
        """The armed group named last before ``token`` in its sentence or the one before."""
        start = token.sent.start
        previous = [s for s in self.doc.sents if s.end <= start][-1:] 
        lo = previous[0].start if previous else start
        for i in range(token.i - 1, lo - 1, -1):
            name = self.by_token.get(i)
            if name and self.gazetteer.actors[name].kind == "ArmedGroup":
                return name
        return None

    def actors_in(self, span: Span) -> list[str]:
        """Distinct actors named in a span, in order."""
        seen: list[str] = []
        for i in range(span.start, span.end):
            name = self.by_token.get(i)
            if name and name not in seen:
                seen.append(name)
        return seen

    # People
    def _role_of(self, ent: Span) -> PersonRole | None:
        roles, _, known = _people()
        name = ent.text.strip()
        head = ent.root
        role, affiliation = None, None
        left = [t for t in self.doc[max(ent.sent.start, ent.start - 6): ent.start]]
        # "Afghan Interior Ministry spokesman Tariq Arian", "the group's spokesman X"
        for j in range(len(left) - 1, -1, -1):
            tok = left[j]
            if tok.lower_ in roles or tok.lemma_.lower() in roles:
                role = " ".join(t.lower_ for t in left[j:] if t.lower_ in roles or t.dep_ == "amod" and t.i >= left[j].i) or tok.lower_
                before = left[:j]
                cut = max((k for k, t in enumerate(before) if t.is_punct and t.text not in ("'s", "’s")), default=-1)
                before = before[cut + 1:]
                affiliation = self._affiliation_in(before) or self._for_phrase(tok)
                break
            if tok.is_punct and tok.text not in ("'s", "’s"):
                break
        # "X, a spokesman for Y" / "spokesman for the provincial governor X"
        if role is None:
            for child in head.children:
                if child.dep_ == "appos" and (child.lower_ in roles or child.lemma_ in roles):
                    role, affiliation = child.lower_, self._for_phrase(child)
            if head.dep_ in ("appos", "pobj") and head.head.lower_ in roles:
                role, affiliation = head.head.lower_, self._for_phrase(head.head)
            if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.lower_ in roles:
                role = head.head.head.lower_
                affiliation = affiliation or self._affiliation_in(list(head.head.head.children))
        person = known.get(name.lower())
        if person:
            name = person["name"]
            role = role or person["role"]
            affiliation = affiliation or person["affiliation"]
        if role is None and affiliation is None:
            role = None
        sent = ent.sent
        return PersonRole(name, role, affiliation, Evidence(sent.text, sent.start_char, sent.end_char, "person-role"))

    def _affiliation_in(self, tokens: list[Token]) -> str | None:
        for tok in reversed(tokens):
            if tok.i in self.by_token:
                return self.by_token[tok.i]
            if tok.lower_ in ("group", "movement", "militants") and any(c.dep_ == "case" or c.lower_ in ("'s", "’s") for c in tok.children):
                return self.recent_armed_group(tok)
        return self._national_words(tokens)

    def _national_words(self, tokens: list[Token]) -> str | None:
        """"interior ministry" (+ the article's country) or "Afghan Interior Ministry" as an actor."""
        words = [t for t in tokens if t.pos_ in ("PROPN", "NOUN", "ADJ") and t.lower_ not in _people()[0]]
        demonym = next((t.text for t in words if t.lower_ in self.gazetteer.demonyms), None)
        noun = " ".join(t.lower_ for t in words if t.lower_ not in self.gazetteer.demonyms)
        if not demonym and noun in GENERIC_BODIES and self.country:
            demonym = self.gazetteer.demonym_of(self.country)
        actor = self.gazetteer.national(demonym, noun) if demonym and noun else None
        return actor.name if actor else None

    def _for_phrase(self, role_token: Token) -> str | None:
        for prep in role_token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                for pobj in prep.children:
                    actor = self.actor_of(pobj)
                    if actor:
                        return actor
        return None

    def person_at(self, token: Token) -> PersonRole | None:
        """The person a token names (also by surname alone, "Rahimi added")."""
        name = self.person_tokens.get(token.i) or self._surname.get(token.text)
        return self.people.get(name) if name else None

    def speaker(self, verb: Token) -> tuple[str | None, str | None]:
        """(organisation, person) behind a speech or claim verb: its subject, or "according to X"."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ in ("relcl",):
            subjects = [verb.head]
        if not subjects and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            return self.speaker(verb.head)
        for prep in verb.children:
            if prep.lower_ == "according":
                subjects += [p for t in prep.subtree for p in [t] if t.dep_ == "pobj"]
        for subject in subjects:
            if subject.lower_ == "who" and verb.dep_ == "relcl":
                subject = verb.head
            person = self.person_at(subject)
            if person:
                return person.affiliation, person.name
            actor = self.actor_of(subject)
            if actor:
                return actor, None
            if subject.lower_ in _people()[0] or subject.lemma_ in _people()[0]:
                for tok in subject.subtree:
                    if tok.i in self.by_token:
                        return self.by_token[tok.i], None
                return self._for_phrase(subject), None
        return None, None
