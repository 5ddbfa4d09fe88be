"""Actors and places we know by name: canonical names, kinds, aliases and place containment.

The lists are data files (``data/gazetteer/*.jsonl``) so analysts can extend them without code.
Short all-caps aliases ("IS", "US", "AP") match case-sensitively; the rest ignore case.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .resources import data_dir
from .types import Actor

DATA_DIR = data_dir()
GAZETTEER_DIR = DATA_DIR / "gazetteer"


@dataclass(frozen=True)
class Place:
    """A named place with its kind (country, province, city, site) and the place that contains it."""

    name: str
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    qid: str | None = None


def _key(alias: str) -> str:
    alias = alias.strip()
    if alias.isupper() and len(alias) <= 5 or any(c.isdigit() for c in alias):
        return alias  # acronyms: "IS" must not match "is"
    return alias.lower()


def _read_jsonl(path: Path) -> list[dict]:
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{n}: not valid JSON ({err.msg}); fix or remove the line") from err
    return records


class Gazetteer:
    """Alias → canonical lookups over the actor and place lists."""

    def __init__(self, directory: Path = GAZETTEER_DIR):
        self.actors: dict[str, Actor] = {}
        self.places: dict[str, Place] = {}
        self._actor_alias: dict[str, str] = {}
        self._place_alias: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}  # "afghan" → "Afghanistan"
        self._demonym_text: dict[str, str] = {}  # "afghan" → "Afghan"
        self.actor_country: dict[str, str] = {}  # government body → its country
        self.media: set[str] = set()  # news agencies and outlets: they report, they are no party
        for rec in _read_jsonl(directory / "actors.jsonl"):
            actor = Actor(rec["name"], rec["kind"], tuple(rec.get("aliases", ())), rec.get("qid"))
            self.actors[actor.name] = actor
            if rec.get("demonym"):
                self.demonyms[rec["demonym"].lower()] = actor.name
                self._demonym_text[rec["demonym"].lower()] = rec["demonym"]
            if rec.get("country"):
                self.actor_country[actor.name] = rec["country"]
            if rec.get("media"):
                self.media.add(actor.name)
            for alias in (actor.name, *actor.aliases):
                self._actor_alias.setdefault(_key(alias), actor.name)
        self._add_governments()
        for rec in _read_jsonl(directory / "places.jsonl"):
            place = Place(rec["name"], rec["kind"], rec.get("parent"), tuple(rec.get("aliases", ())),
                          rec.get("qid"))
            place = replace(place, aliases=place.aliases + self._capital_aliases(place))
            self.places[place.name] = place
            for alias in (place.name, *place.aliases):
                self._place_alias.setdefault(_key(alias), place.name)

    def _add_governments(self) -> None:
        """Every listed state has a government: "Yemeni government" is a GovernmentBody of Yemen even
        when the list names only the state (no Wikidata item: the government is not the state's item),
        unless the list makes the demonym an alias of the state."""
        for demonym, state in list(self.demonyms.items()):
            name = f"{self._demonym_text[demonym]} government"
            if self.actors[state].kind != "State" or _key(name) in self._actor_alias \
                    or self._actor_alias.get(_key(self._demonym_text[demonym])) == state:
                continue  # the list says "US", "Qatari" stand for the state itself: so do its officials
            actor = Actor(name, "GovernmentBody", (name, f"{state}'s government", f"government of {state}"), None)
            self.actors[name] = actor
            self.actor_country[name] = state
            for alias in actor.aliases:
                self._actor_alias.setdefault(_key(alias), name)

    def _capital_aliases(self, place: Place) -> tuple[str, ...]:
        """A capital listed as "Qatari capital" is also "Qatar's capital" and "the capital of Qatar"."""
        for alias in place.aliases:
            demonym = alias.lower().removeprefix("the ").removesuffix(" capital")
            country = self.demonyms.get(demonym) if alias.lower().endswith(" capital") else None
            if country:
                return (f"{country}'s capital", f"{country}’s capital", f"capital of {country}", f"the capital of {country}")
        return ()

    def actor(self, name: str) -> Actor | None:
        """The actor a name or alias stands for, or None."""
        canonical = self._actor_alias.get(_key(name)) or self._actor_alias.get(_key(_strip_article(name)))
        return self.actors.get(canonical) if canonical else None

    def is_media(self, name: str) -> bool:
        """Whether a name is a news agency or outlet the list knows ("AFP", "the Associated Press")."""
        actor = self.actor(name)
        return actor is not None and actor.name in self.media

    def canonical_actor(self, name: str) -> str:
        """Canonical name of an actor, or the name itself (tidied) when unknown."""
        actor = self.actor(name)
        return actor.name if actor else _strip_article(name).strip()

    def national(self, demonym: str, noun: str) -> Actor | None:
        """The actor "{demonym} {noun}" names ("Afghan" + "interior ministry"), if the list has it."""
        if demonym.lower() not in self.demonyms:
            return None
        return self.actor(f"{demonym} {noun}")

    def demonym_of(self, country: str) -> str | None:
        """"Afghan" for Afghanistan, when the list knows it."""
        return next((d for d, c in self.demonyms.items() if c == country), None)

    def place(self, name: str) -> Place | None:
        """The place a name or alias stands for, or None."""
        canonical = self._place_alias.get(_key(name)) or self._place_alias.get(_key(_strip_article(name)))
        return self.places.get(canonical) if canonical else None

    def ancestors(self, name: str) -> list[Place]:
        """The places that contain ``name``, nearest first."""
        chain, seen = [], {name}
        place = self.places.get(name)
        while place and place.parent and place.parent not in seen:
            seen.add(place.parent)
            place = self.places.get(place.parent)
            if place:
                chain.append(place)
        return chain

    def country_of(self, name: str) -> str | None:
        """The country a known place lies in (itself, if it is a country)."""
        place = self.places.get(name)
        if place and place.kind == "country":
            return place.name
        for ancestor in self.ancestors(name):
            if ancestor.kind == "country":
                return ancestor.name
        return None

    def actor_aliases(self) -> dict[str, str]:
        """Every alias as written in the list → canonical name (for matchers)."""
        return {alias: a.name for a in self.actors.values() for alias in (a.name, *a.aliases)}

    def place_aliases(self) -> dict[str, str]:
        """Every place alias as written in the list → canonical name (for matchers)."""
        return {alias: p.name for p in self.places.values() for alias in (p.name, *p.aliases)}


def _strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


@lru_cache(maxsize=4)
def load(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """The gazetteer read once per process."""
    return Gazetteer(directory)
