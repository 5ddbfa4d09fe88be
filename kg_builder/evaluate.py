"""Score extracted attacks, claims and negotiations against gold annotations (``kgb eval``).

Reproduces the rules of the gold README (../shared/gold/README.md) so that numbers are comparable
between runs and between systems. Choices the README leaves open, and how they are settled here:

- Dates are compared *at the gold precision*: a predicted ``2020-11-21`` matches gold ``2020-11``,
  a predicted ``2020-11`` does not match gold ``2020-11-21``. A date or a killed figure only *agrees*
  for pairing when the gold value is known; for field accuracy two nulls are equal.
- ``optional`` gold items absorb a prediction paired with them without counting it, are never
  missed, and are left out of field accuracies. Claims about an optional gold attack, and predicted
  claims about a prediction paired with one, are optional too.
- A negotiation's end is read as one of: ended on X (``end``), ended before X (``end_before``, or a
  predicted ``end`` written ``"<X"``), ongoing at publication (``ongoing_at_publication: true``), or
  unknown. "Before X" excludes X: a prediction that ended on or before day L is "before L + 1", and
  ``ongoing_at_publication: false`` without a date means ended on or before the publication date.
  Kind and date must both agree (date at gold precision): ``end: "<2019-05-31"`` matches gold
  ``end_before: "2019-05-31"``; a guessed exact end date does not.
- Precision with nothing predicted is 1.0 when there was nothing to find, else 0.0 (same for recall).
"""
from __future__ import annotations

import calendar
import csv
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path

from .errors import InputError
from .types import Extraction, TimeValue

KINDS = ("attacks", "claims", "negotiations")
FAMILIES = {
    "Bombing": "explosive", "SuicideBombing": "explosive", "CarBombing": "explosive",
    "RocketAttack": "indirect fire", "Shelling": "indirect fire", "Airstrike": "indirect fire",
    "ArmedAssault": "assault", "Assassination": "assault",
}
ATTACK_FIELDS = ("date", "place", "killed", "injured", "type", "claimed_by", "denied_by", "blamed_on")
ACTOR_FIELDS = {"claimed_by": "perpetrator_claimed_by", "denied_by": "denied_by", "blamed_on": "blamed_on"}
CLAIM_FIELDS = ("speaker", "target_actor", "killed")
NEGOTIATION_FIELDS = ("begin", "end")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MIN_JACCARD = 1 / 3


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Every gold file under ``gold_dir``, keyed by its ``doc`` field (each also records its ``file``)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"gold directory {gold_dir} does not exist; give the folder that holds the gold *.json files")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise InputError(f"no *.json gold files in {gold_dir}; give the folder that holds the gold annotations")
    gold: dict[str, dict] = {}
    for path in files:
        record = _read_gold_file(path)
        if record["doc"] in gold:
            raise InputError(f"{path}: doc {record['doc']!r} is also annotated in {gold[record['doc']]['file']}; "
                             "keep one gold file per article")
        gold[record["doc"]] = record
    return gold


def _read_gold_file(path: Path) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; save the gold file as UTF-8") from None
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: not valid JSON ({err.msg} at line {err.lineno}, column {err.colno}); fix the file") from None
    if not isinstance(record, dict) or not isinstance(record.get("doc"), str):
        raise InputError(f"{path}: a gold file must be a JSON object with a 'doc' string naming the article")
    for kind in KINDS:
        rows = record.setdefault(kind, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError(f"{path}: '{kind}' must be a list of JSON objects")
    attack_ids = [a.get("id") for a in record["attacks"]]
    if None in attack_ids or len(set(attack_ids)) != len(attack_ids):
        raise InputError(f"{path}: every attack needs its own 'id' (found {attack_ids})")
    for row in record["attacks"] + record["negotiations"]:
        for key in ("date", "begin", "end", "end_before"):
            value = row.get(key)
            if value is not None and not (isinstance(value, str) and DATE_PATTERN.match(value)):
                raise InputError(f"{path}: {row.get('id')} has {key} {value!r}; write YYYY, YYYY-MM or YYYY-MM-DD, or null")
    for claim in record["claims"]:
        if claim.get("attack") is not None and claim["attack"] not in attack_ids:
            raise InputError(f"{path}: a claim refers to attack {claim['attack']!r}, which is not among {attack_ids}")
    record["file"] = str(path)
    return record


def evaluate(predicted: Mapping[str, Mapping[str, list[dict]]], gold_dir: Path,
             canonical: Callable[[str], str] = lambda s: s) -> dict:
    """Precision, recall and F1 per kind, field accuracies, and per-article misses and false rows.

    ``predicted`` maps an article id (the gold ``doc`` field, or the gold file's stem) to its rows
    in the gold schema. Gold articles without predictions count as all missed; predicted articles
    without gold are listed under ``unscored``.
    """
    gold = load_gold(gold_dir)
    by_stem = {Path(g["file"]).stem: doc for doc, g in gold.items()}
    rows_by_doc: dict[str, Mapping] = {}
    unscored = []
    for key, rows in predicted.items():
        doc = key if key in gold else by_stem.get(key)
        if doc is None:
            unscored.append(key)
        else:
            rows_by_doc[doc] = rows
    counts = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in KINDS}
    fields = {"attacks": _tally(ATTACK_FIELDS), "claims": _tally(CLAIM_FIELDS),
              "negotiations": _tally(NEGOTIATION_FIELDS)}
    docs = {}
    for doc, gold_doc in gold.items():
        rows = rows_by_doc.get(doc, {})
        docs[doc] = _score_doc(doc, gold_doc, rows, canonical, counts, fields)
    return {
        **{kind: _prf(**counts[kind]) for kind in KINDS},
        "fields": {kind: {name: _accuracy(**t) for name, t in tally.items()} for kind, tally in fields.items()},
        "docs": docs,
        "unscored": sorted(unscored),
    }


def _score_doc(doc: str, gold_doc: dict, rows: Mapping, canonical, counts: dict, fields: dict) -> dict:
    pred = {kind: _rows(rows, kind, doc) for kind in KINDS}
    attacks = _pair_attacks(gold_doc["attacks"], pred["attacks"])
    optional_attacks = {g["id"] for g in gold_doc["attacks"] if g.get("optional")}
    pred_to_gold = {p.get("id", f"#{i}"): g["id"] for g, p, i in attacks["pairs"]}
    claims = _pair_claims(gold_doc["claims"], pred["claims"], pred_to_gold, optional_attacks, canonical)
    negotiations = _pair_negotiations(gold_doc["negotiations"], pred["negotiations"],
                                      gold_doc.get("published"), canonical)
    result = {}
    for kind, found, compare in (("attacks", attacks, _attack_fields), ("claims", claims, _claim_fields),
                                 ("negotiations", negotiations, _negotiation_fields)):
        counts[kind]["tp"] += found["tp"]
        counts[kind]["fp"] += len(found["false"])
        counts[kind]["fn"] += len(found["missed"])
        errors = []
        for g, p, _ in found["pairs"]:
            if g.get("optional"):
                continue
            for name, (ok, gold_value, pred_value) in compare(g, p, canonical, gold_doc.get("published")).items():
                fields[kind][name]["total"] += 1
                fields[kind][name]["correct"] += ok
                if not ok:
                    errors.append({"gold": g.get("id", g.get("claimant")), "field": name,
                                   "gold_value": gold_value, "predicted": pred_value})
        result[kind] = {"missed": found["missed"], "false": found["false"], "field_errors": errors,
                        "pairs": [(g.get("id", g.get("claimant")), p.get("id", f"#{i}")) for g, p, i in found["pairs"]]}
    return result


def _rows(rows: Mapping, kind: str, doc: str) -> list[dict]:
    found = rows.get(kind) or []
    if not isinstance(found, Iterable) or not all(isinstance(r, Mapping) for r in found):
        raise InputError(f"predicted {kind} of {doc} must be a list of rows (dicts in the gold schema)")
    return [dict(r) for r in found]


def rows_from_extraction(extraction: Extraction) -> dict[str, list[dict]]:
    """One article's extraction as rows in the gold schema, ready for ``evaluate``."""
    claims = [{"claimant": c.claimant, "speaker": c.speaker, "stance": c.stance, "attack": c.attack,
               "target_actor": c.target_actor, "killed": c.killed.value if c.killed else None}
              for c in extraction.claims]

    def by_stance(key: str, stance: str) -> list[str]:
        return sorted({c["claimant"] for c in claims if c["attack"] == key and c["stance"] == stance})

    attacks = [{
        "id": a.key, "type": a.kind, "date": a.time.value if a.time else None, "place": a.place, "country": a.country,
        "killed": a.killed.value if a.killed else None, "killed_qualifier": a.killed.qualifier if a.killed else None,
        "injured": a.injured.value if a.injured else None, "injured_qualifier": a.injured.qualifier if a.injured else None,
        "targets": list(a.targets), "perpetrator_claimed_by": by_stance(a.key, "claims_responsibility"),
        "denied_by": by_stance(a.key, "denies_responsibility"),
        "blamed_on": sorted(set(a.perpetrators) | {c["target_actor"] for c in claims if c["attack"] == a.key
                                                   and c["stance"] == "attributes_to" and c["target_actor"]}),
    } for a in extraction.attacks]
    negotiations = []
    for n in extraction.negotiations:
        t = n.time or TimeValue("", "unknown")
        end = _span_value(t.earliest_end, t.latest_end)
        negotiations.append({
            "id": n.key, "label": n.label, "place": n.place, "participants": list(n.participants),
            "begin": _span_value(t.earliest_begin, t.latest_begin), "end": end,
            # the gold schema's "ended before X" is exclusive: ended on or before L is "before L + 1 day"
            "end_before": (t.latest_end + timedelta(days=1)).isoformat()
            if end is None and n.status == "ended" and t.latest_end else None,
            "ongoing_at_publication": {"ongoing": True, "ended": False}.get(n.status or ""), "round": n.round})
    return {"attacks": attacks, "claims": claims, "negotiations": negotiations}


EXPORT_FILES = {"attacks": "attacks.csv", "claims": "claims.csv", "negotiations": "negotiations.csv"}


def rows_from_export(export_dir: Path) -> dict[str, dict[str, list[dict]]]:
    """The tables of ``kgb export TABLE --by-source --format csv`` in ``export_dir`` as rows in the gold
    schema, keyed by article (the ``source`` column): what ``../shared/realdev/score.py`` reads."""
    export_dir = Path(export_dir)
    if not (export_dir / EXPORT_FILES["attacks"]).is_file():
        raise InputError(f"no {EXPORT_FILES['attacks']} in {export_dir}; write it with "
                         "`kgb export attacks --by-source --format csv > attacks.csv`")
    tables = {}
    for kind, name in EXPORT_FILES.items():
        path = export_dir / name
        tables[kind] = list(csv.DictReader(path.open(newline="", encoding="utf-8"))) if path.is_file() else []
    by_doc: dict[str, dict[str, list[dict]]] = {}
    for kind, rows in tables.items():
        for row in rows:
            by_doc.setdefault(row.get("source") or "", {k: [] for k in KINDS})[kind].append(_export_row(kind, row))
    return by_doc


def _cells(value: str | None) -> list[str]:
    return [v.strip() for v in re.split(r"[|;]", value or "") if v.strip()]


def _export_row(kind: str, row: dict) -> dict:
    blank = {k: (v if v not in ("", None) else None) for k, v in row.items()}
    if kind == "attacks":
        return {**blank, "id": row["iri"], "perpetrator_claimed_by": _cells(row.get("claimed_by")),
                "denied_by": _cells(row.get("denied_by")), "blamed_on": _cells(row.get("blamed_on")),
                "targets": _cells(row.get("targets"))}
    if kind == "negotiations":
        return {**blank, "id": row["iri"], "participants": _cells(row.get("participants"))}
    return {**blank, "id": row["iri"]}


def _span_value(first: date | None, last: date | None) -> str | None:
    """A day, month or year when the bounds cover exactly one; otherwise unknown."""
    if first is None or last is None:
        return None
    if first == last:
        return first.isoformat()
    if first.day == 1 and (first.year, first.month) == (last.year, last.month) \
            and last.day == calendar.monthrange(last.year, last.month)[1]:
        return first.isoformat()[:7]
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    return None


# --- attacks ---------------------------------------------------------------------------------

def _pair_attacks(gold: list[dict], pred: list[dict]) -> dict:
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            date_ok = g.get("date") is not None and _same_date(g.get("date"), p.get("date"))
            killed_ok = g.get("killed") is not None and _number(g.get("killed")) == _number(p.get("killed"))
            place_ok = _contains(g.get("place"), p.get("place"))
            type_ok = same_family(g.get("type"), p.get("type"))
            score = 3 * date_ok + 2 * killed_ok + place_ok + type_ok
            anchored = date_ok or killed_ok or (g.get("date") is None and (place_ok or type_ok))
            if g.get("date") is None and g.get("killed") is None and not g.get("place"):
                anchored, score = type_ok, score if type_ok else 0  # nothing but the kind is known (as score.py)
            if anchored and score >= (1 if g.get("date") is None and g.get("killed") is None
                                      and not g.get("place") else 2):
                candidates.append((-score, bool(g.get("optional")), gi, pi))
    return _greedy(gold, pred, sorted(candidates))


def _greedy(gold: list[dict], pred: list[dict], candidates: list[tuple]) -> dict:
    """One-to-one pairing in the order given; optional gold neither counts as hit nor as miss."""
    used_gold, used_pred, pairs = set(), set(), []
    for *_, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gold[gi], pred[pi], pi))
    tp = sum(1 for g, _, _ in pairs if not g.get("optional"))
    missed = [g for gi, g in enumerate(gold) if gi not in used_gold and not g.get("optional")]
    false = [p for pi, p in enumerate(pred) if pi not in used_pred]
    return {"tp": tp, "pairs": pairs, "missed": missed, "false": false}


def _attack_fields(g: dict, p: dict, canonical, published) -> dict:
    out = {
        "date": (_same_date(g.get("date"), p.get("date")), g.get("date"), p.get("date")),
        "place": (_same_place(g.get("place"), p.get("place")), g.get("place"), p.get("place")),
        "killed": (_number(g.get("killed")) == _number(p.get("killed")), g.get("killed"), p.get("killed")),
        "injured": (_number(g.get("injured")) == _number(p.get("injured")), g.get("injured"), p.get("injured")),
        "type": (g.get("type") == p.get("type"), g.get("type"), p.get("type")),
    }
    for name, key in ACTOR_FIELDS.items():
        gs, ps = _actors(g.get(key), canonical), _actors(p.get(key), canonical)
        out[name] = (gs == ps, sorted(gs), sorted(ps))
    return out


def same_family(a: str | None, b: str | None) -> bool:
    """Equal attack types, or two types of one family (explosive, indirect fire, assault)."""
    if a is None or b is None:
        return False
    return a == b or (a in FAMILIES and FAMILIES.get(a) == FAMILIES.get(b))


# --- claims ----------------------------------------------------------------------------------

def _pair_claims(gold: list[dict], pred: list[dict], pred_to_gold: dict, optional_attacks: set,
                 canonical) -> dict:
    gold = [{**g, "optional": True} if g.get("attack") in optional_attacks else g for g in gold]
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            attack = pred_to_gold.get(p.get("attack")) if p.get("attack") is not None else None
            if (_canon(g.get("claimant"), canonical) == _canon(p.get("claimant"), canonical)
                    and g.get("stance") == p.get("stance") and attack == g.get("attack")):
                detail = sum(ok for ok, _, _ in _claim_fields(g, p, canonical, None).values())
                candidates.append((bool(g.get("optional")), -detail, gi, pi))
    found = _greedy(gold, pred, sorted(candidates))
    paired = {id(p) for _, p, _ in found["pairs"]}
    found["false"] = [p for p in pred if id(p) not in paired
                      and pred_to_gold.get(p.get("attack")) not in optional_attacks]
    return found


def _claim_fields(g: dict, p: dict, canonical, published) -> dict:
    return {
        "speaker": (_text(g.get("speaker")) == _text(p.get("speaker")), g.get("speaker"), p.get("speaker")),
        "target_actor": (_canon(g.get("target_actor"), canonical) == _canon(p.get("target_actor"), canonical),
                         g.get("target_actor"), p.get("target_actor")),
        "killed": (_number(g.get("killed")) == _number(p.get("killed")), g.get("killed"), p.get("killed")),
    }


# --- negotiations ----------------------------------------------------------------------------

def _pair_negotiations(gold: list[dict], pred: list[dict], published, canonical) -> dict:
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if not _place_compatible(g.get("place"), p.get("place")):
                continue
            overlap = jaccard(_actors(g.get("participants"), canonical), _actors(p.get("participants"), canonical))
            if overlap >= MIN_JACCARD:
                detail = sum(ok for ok, _, _ in _negotiation_fields(g, p, canonical, published).values())
                candidates.append((-overlap, bool(g.get("optional")), -detail, gi, pi))
    return _greedy(gold, pred, sorted(candidates))


def _negotiation_fields(g: dict, p: dict, canonical, published) -> dict:
    gold_end, pred_end = _end_state(g, published), _end_state(p, published)
    end_ok = (gold_end == pred_end if gold_end is None or gold_end[1] is None or pred_end is None
              else gold_end[0] == pred_end[0] and _same_date(gold_end[1], pred_end[1]))
    return {
        "begin": (_same_date(g.get("begin"), p.get("begin")), g.get("begin"), p.get("begin")),
        "end": (end_ok, _show_end(gold_end), _show_end(pred_end)),
    }


def _end_state(row: dict, published) -> tuple[str, str | None] | None:
    """("on", X), ("before", X), ("ongoing", None), or None when the end is unknown."""
    end = row.get("end")
    if isinstance(end, str) and end.startswith("<"):
        return "before", end[1:].strip()
    if end is not None:
        return "on", str(end)
    if row.get("end_before") is not None:
        return "before", str(row["end_before"])
    if row.get("ongoing_at_publication") is True:
        return "ongoing", None
    if row.get("ongoing_at_publication") is False:  # over by publication: on or before that day
        return "before", str(date.fromisoformat(str(published)) + timedelta(days=1)) if published else None
    return None


def _show_end(state) -> str | None:
    if state is None:
        return None
    kind, value = state
    return {"on": value, "before": f"<{value}", "ongoing": "ongoing"}[kind]


def jaccard(a: set, b: set) -> float:
    """Overlap of two sets; two empty sets overlap fully."""
    return len(a & b) / len(a | b) if a or b else 1.0


# --- comparisons and totals ------------------------------------------------------------------

def _same_date(gold, pred) -> bool:
    """Equal at the gold precision (both null counts as equal)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    gold, pred = str(gold), str(pred)
    return len(pred) >= len(gold) and pred[:len(gold)] == gold


def _number(value):
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return value


def _text(value) -> str | None:
    return " ".join(str(value).split()).casefold() if value is not None else None


def _contains(gold, pred) -> bool:
    a, b = _text(gold), _text(pred)
    return bool(a and b) and (a in b or b in a)


def _same_place(gold, pred) -> bool:
    return (gold is None and pred is None) or _contains(gold, pred)


def _place_compatible(gold, pred) -> bool:
    return gold is None or pred is None or _contains(gold, pred)


def _canon(name, canonical) -> str | None:
    return _text(canonical(name)) if name is not None else None


def _actors(names, canonical) -> set[str]:
    return {_canon(n, canonical) for n in names or [] if n is not None}


def _tally(names: Iterable[str]) -> dict:
    return {name: {"correct": 0, "total": 0} for name in names}


def _accuracy(correct: int, total: int) -> dict:
    return {"correct": correct, "total": total, "accuracy": correct / total if total else None}


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else float(fn == 0)
    recall = tp / (tp + fn) if tp + fn else float(fp == 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def format_report(result: dict, details: bool = True) -> str:
    """A plain-text table of the scores, field accuracies and (optionally) per-article errors."""
    lines = [f"{'kind':<14}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for kind in KINDS:
        s = result[kind]
        lines.append(f"{kind:<14}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
                     f"{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
    lines.append("")
    lines.append(f"{'field':<26}{'correct':>8}{'total':>7}{'acc':>8}")
    for kind, tally in result["fields"].items():
        for name, t in tally.items():
            acc = f"{t['accuracy']:.3f}" if t["accuracy"] is not None else "-"
            lines.append(f"{kind + '.' + name:<26}{t['correct']:>8}{t['total']:>7}{acc:>8}")
    if details:
        for doc, found in result["docs"].items():
            problems = [f"  missed {kind[:-1]}: {_brief(row)}" for kind in KINDS for row in found[kind]["missed"]]
            problems += [f"  false {kind[:-1]}: {_brief(row)}" for kind in KINDS for row in found[kind]["false"]]
            problems += [f"  {kind[:-1]} {e['gold']} {e['field']}: gold {e['gold_value']!r}, predicted {e['predicted']!r}"
                         for kind in KINDS for e in found[kind]["field_errors"]]
            if problems:
                lines += ["", doc] + problems
    if result["unscored"]:
        lines += ["", "predicted but not in gold: " + ", ".join(result["unscored"])]
    return "\n".join(lines)


def _brief(row: dict) -> str:
    keys = ("id", "type", "date", "place", "killed", "claimant", "stance", "attack", "label", "participants")
    return " ".join(f"{k}={row[k]}" for k in keys if row.get(k) not in (None, []))
