"""Actors and places we know by name: canonical names, kinds, aliases and place containment.

The lists are data files (``data/gazetteer/*.jsonl``) so analysts can extend them without code.
Short all-caps aliases ("IS", "US", "AP") match case-sensitively; the rest ignore case.
Places the curated list lacks come from the world gazetteer (``world.py``: GeoNames towns, their
provinces and countries) when the reader asks for a name it found in a locative phrase; each such
place is registered with its containment so that ``ancestors`` and ``country_of`` hold for it too.
"""
from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import world as world_gazetteer
from .errors import InputError
from .resources import data_dir
from .types import Actor, Place

DATA_DIR = data_dir()
GAZETTEER_DIR = DATA_DIR / "gazetteer"
BIG_CITY = 100_000  # a town this size the world gazetteer names alone, without the article's country around it
# (read here, not through nlp.read_lexicon: nlp imports this module)
_REPORTS = json.loads((DATA_DIR / "lexicon" / "reports.json").read_text(encoding="utf-8"))
MEDIA_ENDINGS = frozenset(_REPORTS["media_name_endings"])  # "… National Television", "… Info Agency"
MEDIA_STARTS = frozenset(_REPORTS["media_name_starts"])  # "Radio Shabelle"


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
        self.succession: dict[str, tuple[date, str]] = {}  # a fallen government → (the day it fell, who took over)
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
            if rec.get("until"):
                self.succession[actor.name] = (date.fromisoformat(rec["until"]), rec["successor"])
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
        self._world_names: dict[int | str, str] = {}  # GeoNames id (or "cc|admin1") → registered name
        self._from_world: set[str] = set()  # names of the places registered from the world gazetteer

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
        """Whether a name is a news agency or outlet: one the list knows ("AFP", "the Associated Press"), or
        one it lacks whose name says so ("Bulgarian National Television", "the Nouakchott Info Agency")."""
        actor = self.actor(name)
        if actor is not None:
            return actor.name in self.media
        words = _strip_article(name).lower().split()
        return len(words) > 1 and (any(" ".join(words[-n:]) in MEDIA_ENDINGS for n in (1, 2, 3))
                                   or words[0] in MEDIA_STARTS)

    def canonical_actor(self, name: str) -> str:
        """Canonical name of an actor, or the name itself (tidied) when unknown."""
        actor = self.actor(name)
        return actor.name if actor else _strip_article(name).strip()

    def state_family(self, name: str) -> str:
        """The state a government body speaks for, else the canonical name: a listed body ("Egyptian
        army" → Egypt) or a state's generic body ("Iranian officials", "Iraq's interior ministry": the
        national bodies of data/lexicon/people.json after a demonym or a state's name)."""
        canonical = self.canonical_actor(name)
        if canonical in self.actor_country:
            return self.actor_country[canonical]
        words = _strip_article(name).strip().split()
        for cut in range(1, len(words)):
            head, noun = " ".join(words[:cut]), " ".join(words[cut:]).lower()
            if noun not in _national_bodies():
                continue
            head = head.removesuffix("'s").removesuffix("’s")
            state = self.demonyms.get(head.lower()) or self.canonical_actor(head)
            if state in self.actors and self.actors[state].kind == "State":
                return state
        return canonical

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

    # The world gazetteer (place half)
    def world_place(self, text: str, countries: Collection[str] = (), *, near: Collection[str] | None = None,
                    big: int = 0, within: Collection[str] = ()) -> Place | None:
        """The town, province or country a name the curated list lacks stands for, from the world
        gazetteer, registered here with its province and country; None when the world has no such name.

        Among homonyms: one in ``countries`` (the countries the article names) first, then a place
        whose own name it is (not an alternate name), then a town before a province, then the most
        populous. With ``near``, a town of fewer than ``big`` people counts only if its province or
        country is one of those places (a village needs more evidence than a city); with ``within``, a
        town counts only in one of those countries (the story's: "the district of Palma" in a story
        about Mozambique is not Palma de Mallorca); nothing is registered for a name that finds no place."""
        curated = self.place(text)
        if curated is not None:
            return curated
        world = world_gazetteer.load()
        country = world.country_named(text)
        if country is not None:
            return self._world_country(country)
        candidates = []
        near_keys = {world_gazetteer.fold(n.removesuffix(" Province").removesuffix(" State")) for n in near or ()}
        for n, town in enumerate(world.towns_named(text)):
            around = {world_gazetteer.fold(self._country_name(town.country_code) or ""), world_gazetteer.fold(town.admin1 or "")}
            if within and self._country_name(town.country_code) not in within:
                continue
            if near is None or town.population >= big or around & near_keys:
                in_country = self._country_name(town.country_code) in countries
                own = world_gazetteer.fold(town.name) == world_gazetteer.fold(text)
                candidates.append(((not in_country, not own, 0, -town.population, n), town))
        for code, admin1 in world.admin1_named(text):
            in_country = self._country_name(code) in countries
            population = world.admin1_population(code, admin1)
            candidates.append(((not in_country, False, 1, -population, 0), (code, admin1)))
        if not candidates:
            return None
        _, best = min(candidates, key=lambda c: c[0])
        if isinstance(best, tuple):
            return self.places[self._world_admin1(*best)]
        return self._world_town(best, text)

    def country_named(self, text: str) -> Place | None:
        """The country a name stands for, curated or from the world gazetteer ("Mozambique"), else None."""
        curated = self.place(text)
        if curated is not None:
            return curated if curated.kind == "country" else None
        country = world_gazetteer.load().country_named(text)
        return self._world_country(country) if country is not None else None

    def province_named(self, name: str, country: str | None) -> Place | None:
        """The world gazetteer's province (admin1) of that name in ``country`` ("Aleppo" → Aleppo Province), or None."""
        for code, admin1 in world_gazetteer.load().admin1_named(name):
            if self._country_name(code) == country:
                return self.places[self._world_admin1(code, admin1)]
        return None

    def world_chain(self, name: str) -> list[Place]:
        """``name`` and the places containing it that came from the world gazetteer (for an extraction
        to carry, so that a later process knows them without looking them up again)."""
        chain = [p for p in [self.places.get(name), *self.ancestors(name)] if p is not None]
        return [p for p in chain if p.name in self._from_world]

    def add_places(self, places: Iterable[Place]) -> None:
        """Register places an extraction carries (``Extraction.places``) that this process lacks."""
        for place in places:
            if place.name not in self.places:
                self._register(place, place.geonames_id or f"name|{place.name}")

    def located(self, name: str) -> Place | None:
        """The place with its coordinates and GeoNames id, taken from the world gazetteer for a curated
        town that lacks them (the most populous town of that name in the place's country)."""
        place = self.places.get(name)
        if place is None or place.lat is not None or place.kind not in ("city", "district"):
            return place
        country = self.country_of(name)
        world = world_gazetteer.load()
        for alias in (place.name, *place.aliases):
            town = next((t for t in world.towns_named(alias)
                         if self._country_name(t.country_code) == country), None)
            if town is not None:
                place = replace(place, lat=town.lat, lon=town.lon, geonames_id=town.geonames_id,
                                population=town.population, admin2=town.admin2)
                self.places[name] = place
                return place
        return place

    def _country_name(self, code: str) -> str | None:
        country = world_gazetteer.load().countries.get(code)
        if country is None:
            return None
        curated = self.place(country.name)
        return curated.name if curated is not None and curated.kind == "country" else country.name

    def _world_country(self, country: world_gazetteer.Country) -> Place:
        curated = self.place(country.name)
        if curated is not None and curated.kind == "country":
            return curated
        if country.geonames_id not in self._world_names:
            self._register(Place(country.name, "country", geonames_id=country.geonames_id,
                                 population=country.population), country.geonames_id)
        return self.places[self._world_names[country.geonames_id]]

    def _world_admin1(self, code: str, admin1: str) -> str:
        key = f"{code}|{admin1}"
        if key in self._world_names:
            return self._world_names[key]
        country = self._world_country(world_gazetteer.load().countries[code]).name
        for alias in (admin1, f"{admin1} province"):
            curated = self.place(alias)
            if curated is not None and curated.kind == "province" and self.country_of(curated.name) in (country, None):
                self._world_names[key] = curated.name
                return curated.name
        name = admin1
        if name in self.places or world_gazetteer.load().towns_named(admin1):
            name = f"{admin1} Province"  # "Homs" is the town; the governorate is "Homs Province"
        if name in self.places:
            name = f"{admin1}, {country}"
        self._register(Place(name, "province", country, (admin1,)), key)
        return name

    def _world_town(self, town: world_gazetteer.Town, text: str) -> Place:
        if town.geonames_id in self._world_names:
            return self.places[self._world_names[town.geonames_id]]
        country = self._world_country(world_gazetteer.load().countries[town.country_code]).name
        parent = self._world_admin1(town.country_code, town.admin1) if town.admin1 else country
        # the article's spelling ("Nuseirat") when it is one of the town's names: how readers know it
        name = _strip_article(text).strip() if text[:1].isupper() else town.name
        if name in self.places:
            name = f"{name}, {self.places[parent].aliases[0] if self.places[parent].aliases else parent}"
        if name in self.places:
            name = f"{name} ({town.geonames_id})"
        self._register(Place(name, "city", parent, (town.name,), lat=town.lat, lon=town.lon,
                             geonames_id=town.geonames_id, population=town.population, admin2=town.admin2),
                       town.geonames_id)
        return self.places[name]

    def _register(self, place: Place, key: int | str) -> None:
        self.places[place.name] = place
        self._world_names[key] = place.name
        self._from_world.add(place.name)

    def actor_aliases(self) -> dict[str, str]:
        """Every alias as written in the list → canonical name (for matchers)."""
        return {alias: a.name for a in self.actors.values() for alias in (a.name, *a.aliases)}

    def place_aliases(self) -> dict[str, str]:
        """Every place alias as written in the list → canonical name (for matchers)."""
        return {alias: p.name for p in self.places.values() for alias in (p.name, *p.aliases)}


def _strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


@lru_cache(maxsize=1)
def _national_bodies() -> frozenset[str]:
    """Nouns of a state's generic bodies ("interior ministry", "officials", "police")."""
    bodies = json.loads((DATA_DIR / "lexicon" / "people.json").read_text(encoding="utf-8"))["bodies"]
    return frozenset(noun.lower() for nouns in bodies.values() for noun in nouns)


@lru_cache(maxsize=4)
def load(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """The gazetteer read once per process."""
    return Gazetteer(directory)
