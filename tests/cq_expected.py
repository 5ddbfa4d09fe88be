"""Expected answers of the competency questions (../shared/cq/README.md), reusable on any graph.

Rows are compared as sets of key tuples taken from chosen result columns, never as counts.
``required`` rows must all be there; ``optional`` rows may be (items the README says "may appear",
and for attacks-possibly-during-doha-talks, which the README does not list, every gold attack that
some reading of the texts places possibly during the Doha negotiations). Cells holding "|"-joined
lists are compared as sorted lists, so GROUP_CONCAT order does not matter.

Use ``check(name, result)`` on the result of ``kg_builder.query.run_query`` over the fixture graph
(tests/data/cq_fixture.trig) or the graph built from the seed articles; it returns a list of
problems, empty when the answer is right.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg_builder.query import QueryResult

Key = tuple[str | None, ...]

A000 = "000_a1168b3b2fbd65a0"
A002 = "002_2ea128b5d01a0d53"
A004 = "004_6d2e371a0599562f"


@dataclass(frozen=True)
class Expected:
    """The answer to one competency question: key columns, rows that must and may be there."""

    columns: tuple[str, ...]
    required: frozenset[Key]
    optional: frozenset[Key] = frozenset()


def normalize(value: str | None) -> str | None:
    """A cell with its "|"-joined parts sorted (empty → None), so list order does not matter."""
    if value is None or value == "":
        return None
    return "|".join(sorted(value.split("|")))


def row_keys(result: QueryResult, columns: tuple[str, ...]) -> set[Key]:
    """The set of key tuples of ``result`` over ``columns`` (normalized cells)."""
    missing = [c for c in columns if c not in result.variables]
    if missing:
        raise AssertionError(f"result has no column(s) {missing}; it has {list(result.variables)}")
    indexes = [result.variables.index(c) for c in columns]
    return {tuple(normalize(row[i]) for i in indexes) for row in result.rows}


def expected_answers() -> dict[str, Expected]:
    """Query name → its expected answer, as the README states it."""
    kabul_day = ("date", "place")
    return {
        "attacks-during-doha-talks": Expected(
            kabul_day, frozenset({("2020-11-02", "Kabul University"), ("2020-11-21", "Kabul")})
        ),
        "attacks-possibly-during-doha-talks": Expected(
            kabul_day,
            # certainly during ⊆ possibly during; the 2019-05-30 attack can have been during the
            # sixth round, whose begin is unknown and which ended on or before 30 May.
            frozenset({("2020-11-02", "Kabul University"), ("2020-11-21", "Kabul"), ("2019-05-30", None)}),
            frozenset({
                # 001's series as a whole (gold A4, optional, no one place) as well as its parts
                ("2019-05-31", "Kabul"), ("2019-01-10", None), ("2019-01-10", "Kunduz Province"), ("2019-01-10", "Baghlan Province"),
                ("2019-01-10", "Badghis Province"), ("2019-01-07", "Badghis Province"),
                ("2018-11-23", "Khost Province"), ("2020", "Kabul"), ("2022-08-11", "Kabul"),
                ("2022-09-02", "Herat"), ("2022-09-05", "Kabul"),
            }),
        ),
        "contested-attacks": Expected(
            ("date", "place", "sources", "killed_min", "killed_max", "claimed_by", "denied_by", "blamed_on"),
            frozenset({("2020-11-21", "Kabul", "2", "8", "8", "Islamic State", "Taliban", "Taliban")}),
        ),
        "claimed-by-islamic-state": Expected(
            ("date", "place", "killed"),
            frozenset({("2019-05-30", None, "6"), ("2020-11-21", "Kabul", "8"), ("2022-09-05", "Kabul", "6")}),
        ),
        "party-casualty-claims": Expected(
            ("date", "place", "claimant", "claimed_killed", "reported_killed", "reported_killed_qualifier"),
            frozenset({("2019-05-31", "Kabul", "Taliban", "10", "4", "at least")}),
        ),
        "negotiations-timeline": Expected(
            ("place", "begin", "end"),
            frozenset({
                ("Abu Dhabi", None, "<=2019-01-10"),
                ("Doha", None, "<=2019-05-30"),
                ("Moscow", "2019-05-28", None),
                ("Doha", "2020-09", ">=2020-11-21"),
                ("Doha", "2020-11-21", "2020-11-21"),
            }),
            frozenset({(None, "2020-02-29", "2020-02-29"), (None, "2020-02", "2020-02")}),
        ),
        "kabul-attacks-timeline": Expected(
            kabul_day,
            frozenset({
                ("2019-05-31", "Kabul"), ("2020-11-02", "Kabul University"), ("2020-11-21", "Kabul"),
                ("2022-08-11", "Kabul"), ("2022-09-05", "Kabul"),
            }),
            frozenset({("2019-05-30", "Kabul"), ("2020", "Kabul")}),
        ),
        "attacks-near-negotiation-events": Expected(
            kabul_day, frozenset({("2019-05-30", None), ("2019-05-31", "Kabul"), ("2020-11-21", "Kabul")})
        ),
        "figures-by-source": Expected(
            ("source", "killed", "killed_qualifier", "injured", "injured_qualifier", "killed_min", "killed_max",
             "injured_min", "injured_max"),
            frozenset({(A002, "8", "at least", "24", "more than", "8", "8", "24", "31"),
                       (A004, "8", None, "31", None, "8", "8", "24", "31")}),
        ),
    }


def check(name: str, result: QueryResult) -> list[str]:
    """Problems with ``result`` as the answer to competency question ``name`` (empty = right)."""
    expected = expected_answers()[name]
    got = row_keys(result, expected.columns)
    problems = [f"{name}: missing {row}" for row in sorted(expected.required - got, key=repr)]
    problems += [
        f"{name}: unexpected {row}" for row in sorted(got - expected.required - expected.optional, key=repr)
    ]
    return problems
