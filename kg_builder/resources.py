"""Where kg-builder's own files are: the lexicons and gazetteers, the ontology, the queries.

The repository keeps them at its top level (``data/``, ``ontology/``, ``queries/``) so they stay easy
to read and edit; a wheel ships them inside the package (``kg_builder/data`` and so on, mapped in
pyproject.toml). This module is the one place that knows both layouts: every other module asks it for
a folder. Installed packages are read with ``importlib.resources``; a source checkout or an editable
install falls back to the folders beside the package.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .errors import KGBError

FOLDERS = ("data", "ontology", "queries")
_CHECKOUT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def folder(name: str) -> Path:
    """The folder ``name`` (one of FOLDERS) as a path on disk, from the wheel or the checkout."""
    if name not in FOLDERS:
        raise KGBError(f"no resource folder {name!r}: kg-builder ships {', '.join(FOLDERS)}")
    packaged = files(__package__) / name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    if (_CHECKOUT / name).is_dir():
        return _CHECKOUT / name
    raise KGBError(
        f"kg-builder's {name}/ folder is missing: looked in {packaged} and {_CHECKOUT / name}. "
        "Reinstall the package (pip install --force-reinstall kg-builder) or run from a source checkout."
    )


def data_dir() -> Path:
    """Lexicons, gazetteers, time words, Wikidata items and the sample articles."""
    return folder("data")


def ontology_dir() -> Path:
    """kgb.ttl (the source), its RDF/XML form and shapes.ttl."""
    return folder("ontology")


def queries_dir() -> Path:
    """The competency questions (*.rq), quality checks (checks/) and export queries (export/)."""
    return folder("queries")
