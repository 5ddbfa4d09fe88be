"""Score extracted attacks, claims and negotiations against gold annotations (``kgb eval``).

Follows the rules of the gold README (../shared/gold/README.md) as the reference scorer
(../shared/realdev/score.py) applies them, so that ``kgb eval`` and that scorer give the same figures on
the same rows. How the rules are read:

- Pairing: a gold and a predicted item of one article are paired best score first; between equal
  scores the later gold item, then the later prediction, goes first. An attack scores 3 for the date
  (equal at the gold precision: a predicted ``2020-11-21`` matches gold ``2020-11``, not the other
  way round), 2 for the killed figure, 1 for the place (one name contains the other), 1 for the
  type (equal or of one family); it pairs only when the date or the figure agrees (where gold has no
  date: the place or the type) with 2 points, or on its type alone where that is all gold knows.
- A field is scored only where the gold states it: a null gold date, place, killed or injured
  figure, speaker, or negotiation begin or end is left out (two nulls do not make a right answer).
  The attack type is right when it is of the gold type's family; actor sets are compared after
  canonical names.
- ``optional`` gold items absorb a prediction paired with them without counting it, are never
  missed, and are left out of field accuracies. Every other unpaired prediction is false.
- Claims pair on claimant (canonical, or one state family: "the Egyptian army" speaks for Egypt),
  stance, and their attacks being paired. Negotiations pair on place (a gold place needs a
  predicted one that contains it or is contained in it) and a Jaccard overlap of participants, read
  by state family, of at least 0.34.
- A negotiation's end is read as one of: ended on X (``end``), ended before X (``end_before``, or a
  predicted ``end`` written ``"<X"``), ongoing at publication (``ongoing_at_publication: true``), or
  unknown. "Before X" excludes X: a prediction that ended on or before day L is "before L + 1", and
  ``ongoing_at_publication: false`` without a date means ended on or before the publication date.
  Kind and date must both agree (date at gold precision): ``end: "<2019-05-31"`` matches gold
  ``end_before: "2019-05-31"``; a guessed exact end date does not. ``negotiation_time`` is the
  reference scorer's figure: begin and exact end dates together.
- Precision with nothing predicted is 1.0 when there was nothing to find, else 0.0 (same for recall).
"""
from __future__ import annotations

import calendar
import csv
import json
import re
import unicodedata
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
TYPE_NAMES = {name.casefold(): name for name in (*FAMILIES, "Attack", "Kidnapping")}
ATTACK_FIELDS = ("date", "place", "killed", "injured", "type", "claimed_by", "denied_by", "blamed_on")
ACTOR_FIELDS = {"claimed_by": "perpetrator_claimed_by", "denied_by": "denied_by", "blamed_on": "blamed_on"}
CLAIM_FIELDS = ("speaker", "target_actor", "killed")
NEGOTIATION_FIELDS = ("begin", "end")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MIN_JACCARD = 0.34  # "at least 1/3", as the reference scorer reads it: one shared name of three is not enough
HYPHENS = re.compile("[\u2010-\u2015]")


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
             canonical: Callable[[str], str] = lambda s: s, family: Callable[[str], str] | None = None) -> dict:
    """Precision, recall and F1 per kind, field accuracies, and per-article misses and false rows.

    ``predicted`` maps an article id (the gold ``doc`` field, or the gold file's stem) to its rows
    in the gold schema. Gold articles without predictions count as all missed; predicted articles
    without gold are listed under ``unscored``. ``canonical`` names an actor canonically; ``family``
    maps a canonical name to the state it speaks for (default: the gazetteer's government bodies),
    so that a claim by "the Egyptian army" pairs with gold "Egypt".
    """
    if family is None:
        from .gazetteer import load as load_gazetteer
        family = load_gazetteer().state_family
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
    times = {"correct": 0, "total": 0}  # negotiations' begin and exact end together
    docs = {}
    for doc, gold_doc in gold.items():
        rows = rows_by_doc.get(doc, {})
        docs[doc] = _score_doc(doc, gold_doc, rows, canonical, family, counts, fields, times)
    return {
        **{kind: _prf(**counts[kind]) for kind in KINDS},
        "fields": {kind: {name: _accuracy(**t) for name, t in tally.items()} for kind, tally in fields.items()},
        "negotiation_time": _accuracy(**times),
        "docs": docs,
        "unscored": sorted(unscored),
    }


def _score_doc(doc: str, gold_doc: dict, rows: Mapping, canonical, family, counts: dict, fields: dict,
               times: dict) -> dict:
    pred = {kind: _rows(rows, kind, doc) for kind in KINDS}
    attacks = _pair(gold_doc["attacks"], pred["attacks"], _attack_points)
    pred_to_gold = {p.get("id", f"#{i}"): g["id"] for g, p, i in attacks["pairs"]}
    claims = _pair_claims(gold_doc["claims"], pred["claims"], pred_to_gold, canonical, family)
    negotiations = _pair_negotiations(gold_doc["negotiations"], pred["negotiations"], canonical, family)
    result = {}
    for kind, found, compare in (("attacks", attacks, _attack_fields), ("claims", claims, _claim_fields),
                                 ("negotiations", negotiations, _negotiation_fields)):
        counts[kind]["tp"] += found["tp"]
        counts[kind]["fp"] += len(found["false"])
        counts[kind]["fn"] += len(found["missed"])
        errors = []
        for g, p, _ in found["pairs"]:
            for name, (ok, gold_value, pred_value) in compare(g, p, canonical, family, gold_doc.get("published")).items():
                if ok is None:  # the gold does not say: nothing to score
                    continue
                if kind == "negotiations" and (name == "begin" or _end_state(g, None) == ("on", g.get("end"))):
                    # the reference scorer's dates: optional talks too; an end "before X" or "ongoing" is no date
                    times["total"] += 1
                    times["correct"] += ok
                if g.get("optional"):
                    continue
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


# --- pairing ---------------------------------------------------------------------------------

def _pair(gold: list[dict], pred: list[dict], score: Callable[[dict, dict], float]) -> dict:
    """One-to-one pairing, best score first; between equal scores the later gold item, then the later
    prediction, goes first (the reference scorer's order). A score of 0 never pairs. Optional gold
    neither counts as hit nor as miss; a prediction paired with it is not false."""
    candidates = sorted(((score(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
                        reverse=True)
    used_gold, used_pred, pairs = set(), set(), []
    for points, gi, pi in candidates:
        if points > 0 and gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gold[gi], pred[pi], pi))
    tp = sum(1 for g, _, _ in pairs if not g.get("optional"))
    missed = [g for gi, g in enumerate(gold) if gi not in used_gold and not g.get("optional")]
    false = [p for pi, p in enumerate(pred) if pi not in used_pred]
    return {"tp": tp, "pairs": pairs, "missed": missed, "false": false}


# --- attacks ---------------------------------------------------------------------------------

def _attack_points(g: dict, p: dict) -> int:
    """3 for the date, 2 for the killed figure, 1 for the place, 1 for the type; 0 when they may not pair.

    A pair needs the date or the killed figure to agree (where gold has no date, the place or the
    type) and 2 points; a gold attack of which only the type is known pairs on the type alone."""
    date_ok = _same_date(g.get("date"), p.get("date"))
    killed_ok = g.get("killed") is not None and _number(p.get("killed")) == _number(g.get("killed"))
    place_ok = _same_place(g.get("place"), p.get("place"))
    type_ok = same_family(g.get("type"), p.get("type"))
    points = 3 * bool(date_ok) + 2 * killed_ok + bool(place_ok) + type_ok
    if date_ok is None and g.get("killed") is None and place_ok is None:
        return points if type_ok else 0
    anchored = date_ok or killed_ok or (date_ok is None and (place_ok or type_ok))
    return points if anchored and points >= 2 else 0


def _attack_fields(g: dict, p: dict, canonical, family, published) -> dict:
    """Each field the gold states (a null gold date, place or figure is left out), and the actor sets."""
    out = {
        "date": (_same_date(g.get("date"), p.get("date")), g.get("date"), p.get("date")),
        "place": (_same_place(g.get("place"), p.get("place")), g.get("place"), p.get("place")),
        "killed": (_same_number(g.get("killed"), p.get("killed")), g.get("killed"), p.get("killed")),
        "injured": (_same_number(g.get("injured"), p.get("injured")), g.get("injured"), p.get("injured")),
        "type": (same_family(g.get("type"), p.get("type")), g.get("type"), p.get("type")),
    }
    for name, key in ACTOR_FIELDS.items():
        gs, ps = _actors(g.get(key), canonical), _actors(p.get(key), canonical)
        out[name] = (gs == ps, sorted(gs), sorted(ps))
    return out


def same_family(a: str | None, b: str | None) -> bool:
    """Equal attack types, or two types of one family (explosive, indirect fire, assault); a type
    given as an IRI is read by its local name."""
    a, b = _type_name(a), _type_name(b)
    if not a or not b:
        return False
    return a == b or (a in FAMILIES and FAMILIES.get(a) == FAMILIES.get(b))


def _type_name(value: str | None) -> str | None:
    if value is None:
        return None
    name = str(value).strip().rsplit("#", 1)[-1].rsplit("/", 1)[-1].replace(" ", "")
    return TYPE_NAMES.get(name.casefold(), name)


# --- claims ----------------------------------------------------------------------------------

def _pair_claims(gold: list[dict], pred: list[dict], pred_to_gold: dict, canonical, family) -> dict:
    """Same claimant (canonical name, or one state family: a state and its organs), same stance, and
    the prediction's attack paired with the gold claim's attack; a casualty claim with another figure
    pairs only where nothing better does."""
    def points(g: dict, p: dict) -> int:
        gc, pc = _canon(g.get("claimant"), canonical), _canon(p.get("claimant"), canonical)
        if gc != pc and _family(g.get("claimant"), canonical, family) != _family(p.get("claimant"), canonical, family):
            return 0
        if _text(g.get("stance")) != _text(p.get("stance")):
            return 0
        if g.get("attack") is None or pred_to_gold.get(p.get("attack")) != g.get("attack"):
            return 0
        if g.get("stance") == "casualty_claim" and g.get("killed") is not None \
                and _number(p.get("killed")) != _number(g.get("killed")):
            return 1
        return 2
    return _pair(gold, pred, points)


def _claim_fields(g: dict, p: dict, canonical, family, published) -> dict:
    return {
        "speaker": (_text(g.get("speaker")) == _text(p.get("speaker")) if g.get("speaker") is not None else None,
                    g.get("speaker"), p.get("speaker")),
        "target_actor": (_canon(g.get("target_actor"), canonical) == _canon(p.get("target_actor"), canonical)
                         if g.get("target_actor") is not None else None, g.get("target_actor"), p.get("target_actor")),
        "killed": (_same_number(g.get("killed"), p.get("killed")), g.get("killed"), p.get("killed")),
    }


# --- negotiations ----------------------------------------------------------------------------

def _pair_negotiations(gold: list[dict], pred: list[dict], canonical, family) -> dict:
    """Place compatible (gold without a place accepts any; a gold place needs a predicted place that
    contains it or is contained in it) and participants, read by state family, overlapping by a
    Jaccard index of at least MIN_JACCARD; the better overlap and a matching place pair first."""
    def points(g: dict, p: dict) -> float:
        place = _same_place(g.get("place"), p.get("place"))
        if place is False:
            return 0
        overlap = jaccard({_family(n, canonical, family) for n in g.get("participants") or [] if n},
                          {_family(n, canonical, family) for n in p.get("participants") or [] if n})
        return 0 if overlap < MIN_JACCARD else 1 + overlap + bool(place)
    return _pair(gold, pred, points)


def _negotiation_fields(g: dict, p: dict, canonical, family, published) -> dict:
    gold_end, pred_end = _end_state(g, published), _end_state(p, published)
    end_ok = (None if gold_end is None else gold_end == pred_end if gold_end[1] is None or pred_end is None
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

def _same_date(gold, pred) -> bool | None:
    """Equal at the gold precision; None (not scored) where gold has no date."""
    gold, pred = _text(gold), _text(pred) or ""
    if not gold:
        return None
    return pred == gold or (len(pred) > len(gold) and pred.startswith(gold))


def _number(value) -> int | None:
    """A figure as an integer ("12", "12.0", 12); None where it is none."""
    try:
        return int(float(str(value).strip())) if value is not None else None
    except ValueError:
        return None


def _same_number(gold, pred) -> bool | None:
    return None if gold is None else _number(pred) == _number(gold)


def _text(value) -> str | None:
    """Compatibility-decomposed, case-folded, one kind of hyphen, single spaces."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKD", str(value)).casefold()
    return " ".join(HYPHENS.sub("-", text).split())


def _same_place(gold, pred) -> bool | None:
    """One name contains the other; None where gold has no place, False where only the gold has one."""
    a, b = _text(gold), _text(pred)
    if not a:
        return None
    return bool(b) and (a in b or b in a)


def _canon(name, canonical) -> str | None:
    return _text(canonical(name)) if name is not None else None


def _family(name, canonical, family) -> str | None:
    """The state a government organ speaks for ("Egyptian army" → egypt), else the canonical name."""
    return _text(family(canonical(name))) if name is not None else None


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
    times = result.get("negotiation_time")
    if times and times["total"]:
        lines.append(f"{'negotiation dates':<26}{times['correct']:>8}{times['total']:>7}{times['accuracy']:>8.3f}")
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
