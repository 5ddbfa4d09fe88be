"""``kgb explain``: every item extracted from one article, the sentence and rule behind it, and why
its attacks and negotiations were merged with other articles' reports or kept apart."""
from __future__ import annotations

from .fuse import Fusion
from .types import Evidence, Extraction, Figure, TimeValue


def _figure(figure: Figure | None) -> str | None:
    if figure is None:
        return None
    return f"{figure.qualifier} {figure.value}" if figure.qualifier else str(figure.value)


def _time(value: TimeValue | None) -> str | None:
    if value is None:
        return None
    bounds = [value.earliest_begin, value.latest_begin, value.earliest_end, value.latest_end]
    shown = ", ".join("?" if b is None else b.isoformat() for b in bounds)
    return f"{value.text!r} → {value.value or value.granularity} ⟨{shown}⟩"


def _evidence(evidence: Evidence) -> list[str]:
    sentence = " ".join(evidence.text.split())
    return [f"    rule: {evidence.rule or '?'}; characters {evidence.start}–{evidence.end}",
            f"    sentence: {sentence}"]


def _fields(**values) -> str:
    return "; ".join(f"{name.replace('_', ' ')}: {value}" for name, value in values.items()
                     if value not in (None, (), [], ""))


def explain(extraction: Extraction, fusion: Fusion | None = None) -> str:
    """A plain-text account of ``extraction``; with ``fusion``, the fused event of each mention and
    every merge decision about it."""
    article = extraction.article
    lines = [f"article {article.id} (published {article.published or 'unknown'}, "
             f"source {article.source or 'unknown'}, from {article.origin or '?'})"]

    def fused(key: str) -> list[str]:
        if fusion is None:
            return []
        ref = (article.id, key)
        event = fusion.event_of(article.id, key)
        out = [f"    fused into {event.category}/{event.id} ({event.label}), reported by "
               + ", ".join(f"{a}#{k}" for a, k in event.members)] if event else []
        if ref in fusion.assumed:
            assumed = fusion.assumed[ref]
            out.append(f"    assumed time: {_time(assumed.time)}; {assumed.reason}")
        if ref in fusion.background:
            out.append("    background mention (introduced as an earlier attack): no assumed time, never"
                       " merged across reports")
        if event is not None and event.part_of:
            whole = fusion.event_by_id(event.part_of)
            why = next((r for r in event.reasons if r.startswith("part of ")), "")
            out.append(f"    {why or 'part of ' + whole.label} (negotiation/{whole.id})")
        for decision in fusion.decisions_about(article.id, key):
            other = decision.second if decision.first == (article.id, key) else decision.first
            verdict = "merged with" if decision.merged else "kept apart from"
            out.append(f"    {verdict} {other[0]}#{other[1]}: {decision.reason}")
        return out

    lines.append(f"\nattacks ({len(extraction.attacks)})")
    for m in extraction.attacks:
        lines.append(f"  {m.key} {m.kind}: " + _fields(
            time=_time(m.time), place=m.place, detail=m.place_detail, country=m.country,
            killed=_figure(m.killed), injured=_figure(m.injured), targets=", ".join(m.targets),
            perpetrators=", ".join(m.perpetrators)))
        lines += _evidence(m.evidence) + fused(m.key)

    if extraction.retracted:
        lines.append(f"\ntaken back by the report, no attack ({len(extraction.retracted)})")
        lines += [line for e in extraction.retracted for line in _evidence(e)]

    lines.append(f"\nclaims ({len(extraction.claims)})")
    for c in extraction.claims:
        lines.append(f"  {c.stance} by {c.claimant} about {c.attack}: " + _fields(
            speaker=c.speaker, blamed=c.target_actor, killed=_figure(c.killed)))
        lines += _evidence(c.evidence)

    lines.append(f"\nnegotiations ({len(extraction.negotiations)})")
    for n in extraction.negotiations:
        lines.append(f"  {n.key} {n.kind} {n.label!r}: " + _fields(
            time=_time(n.time), place=n.place, participants=", ".join(n.participants),
            mediators=", ".join(n.mediators), round=n.round, status=n.status))
        lines += _evidence(n.evidence) + fused(n.key)

    lines.append(f"\nactors ({len(extraction.actors)})")
    for actor in extraction.actors:
        aliases = [alias for alias in actor.aliases if alias != actor.name]
        lines.append(f"  {actor.name} ({actor.kind})" + (f", also {', '.join(aliases)}" if aliases else ""))
    lines.append(f"\npeople ({len(extraction.people)})")
    lines += [f"  {p.name}: " + _fields(role=p.role, affiliation=p.affiliation) for p in extraction.people]
    return "\n".join(lines)
