"""Is a name a person's? A check on the names the people/roles extraction proposes, before they are
typed kgb:Person in the graph.

A name is refused when the gazetteers hold it as a place ("Badghis", "Jalalabad"), a demonym
("Afghans") or an actor of another kind (an armed group, a state body), when it is the publisher of
an article in the build, a platform or wire service statements are made on ("said on Twitter"), or
when its last word is a head noun of place and organisation names ("Pachir Agam district"). The
word lists are data (``data/lexicon/not_people.json``); the gazetteers are ``kg_builder.gazetteer``.
"""
from __future__ import annotations

import json
from functools import lru_cache

from .errors import InputError
from .gazetteer import DATA_DIR, Gazetteer

NOT_PEOPLE_FILE = DATA_DIR / "lexicon" / "not_people.json"


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    try:
        data = json.loads(NOT_PEOPLE_FILE.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(f"cannot read {NOT_PEOPLE_FILE}: {err}; restore it from the repository") from err
    return frozenset(n.lower() for n in data["platforms"]), frozenset(w.lower() for w in data["name_endings"])


def not_a_person(name: str, gazetteer: Gazetteer, publishers: frozenset[str] = frozenset()) -> str | None:
    """Why ``name`` cannot be a person's name, or None when nothing says so."""
    platforms, endings = _lists()
    bare = name.strip()
    folded = bare.lower().removeprefix("the ")
    if folded in platforms:
        return "a platform or wire service"
    if folded in {p.lower() for p in publishers}:
        return "a publisher of the articles"
    if gazetteer.place(bare):
        return "a place in the gazetteer"
    actor = gazetteer.actor(bare)
    if actor and actor.kind != "Person":
        return f"a {actor.kind} in the gazetteer"
    singular = folded[:-1] if folded.endswith("s") else folded
    if folded in gazetteer.demonyms or singular in gazetteer.demonyms:
        return "a demonym"
    words = folded.split()
    if len(words) > 1 and words[-1] in endings:
        return f"a name ending in {words[-1]!r}"
    return None
