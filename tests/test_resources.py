"""kg-builder's own files are found in one place and every one of them is shipped in the wheel."""
import fnmatch
import tomllib
from pathlib import Path

import pytest

from kg_builder import resources
from kg_builder.errors import KGBError

ROOT = Path(__file__).resolve().parent.parent


def test_folders_hold_what_the_modules_read():
    assert (resources.ontology_dir() / "kgb.ttl").is_file()
    assert (resources.ontology_dir() / "shapes.ttl").is_file()
    assert (resources.queries_dir() / "checks").is_dir()
    assert (resources.data_dir() / "temporal").is_dir()


def test_unknown_folder_is_an_error_naming_the_choices():
    with pytest.raises(KGBError, match="data, ontology, queries"):
        resources.folder("models")


def _matches(relative: str, patterns: list[str]) -> bool:
    # setuptools globs: '**/' spans folders, '*' stays in one
    return any(fnmatch.fnmatch(relative, p) or (p.startswith("**/") and fnmatch.fnmatch(relative, p[3:]))
               for p in patterns)


@pytest.mark.parametrize("name", resources.FOLDERS)
def test_every_file_of_a_resource_folder_is_package_data(name):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    package = f"kg_builder.{name}"
    assert config["package-dir"][package] == name
    assert package in config["packages"]
    patterns = config["package-data"][package]
    unshipped = [str(p.relative_to(ROOT / name)) for p in sorted((ROOT / name).rglob("*"))
                 if p.is_file() and "__pycache__" not in p.parts
                 and not _matches(str(p.relative_to(ROOT / name)), patterns)]
    assert not unshipped, f"not in the wheel (add a pattern to pyproject.toml): {unshipped}"


def test_no_module_but_resources_finds_the_folders_beside_the_package():
    # a path built from __file__ to ../data works in a checkout and breaks in the wheel
    offenders = [path.name for path in sorted((ROOT / "kg_builder").glob("*.py"))
                 if path.name != "resources.py" and "parent.parent" in path.read_text(encoding="utf-8")]
    assert not offenders, f"read data/, ontology/ and queries/ through kg_builder.resources: {offenders}"
