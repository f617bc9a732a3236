"""The `coach evidence` summary: the figures an inspector asks for, as text or JSON."""

from __future__ import annotations

from bot.evidence.measures import ACTIVITY_LABELS, Evidence
from bot.records.vocab import academic_year_label
from bot.vocabulary import group_short_names

SUMMARY_GROUPS = ("all", "disadvantaged", "not_disadvantaged", "send", "sen_e", "female", "male")

GROUP_SHORT = group_short_names()


def build(ev: Evidence) -> dict:
    span = ev.span()
    out: dict = {
        "school": ev.school,
        "this_year": academic_year_label(span.this_year) if span.this_year else None,
        "destinations": {},
        "employer_encounters": [],
        "by_16": [],
        "provider_access": [],
        "leavers_without_destination": [],
        "flags": [],
    }
    for stage in ("ks4", "16-18"):
        rows = []
        for year in ev.destination_years(stage)[-5:]:
            for group in SUMMARY_GROUPS:
                bd = ev.destinations(stage, year, group)
                rows.append({"leaving_year": bd.leaving_year, "group": group, "figures": {k: f.as_dict() for k, f in bd.figures.items()}})
        out["destinations"][stage] = rows
    for year in ev.destination_years("ks4")[-5:]:
        m = ev.missing_destinations(year)
        out["leavers_without_destination"].append({"leaving_year": m.leaving_year, "count": m.count, "leavers": m.leavers})
    if span.this_year:
        out["employer_encounters"] = [
            {"academic_year": c.academic_year, "year_group": c.year_group, **c.figure.as_dict()}
            for c in ev.coverage("employer_encounter", span.this_year)
        ]
        for cohort in ev.cohorts_with_year11()[:2]:
            for atype in ("personal_guidance", "workplace_experience"):
                r = ev.by_16(atype, cohort)
                out["by_16"].append({"activity_type": atype, "cohort": r.cohort, **r.figure.as_dict()})
    for pa in ev.provider_access_all():
        out["provider_access"].append(
            {
                "cohort": pa.cohort,
                "phase": pa.phase,
                "window_start": pa.window_start.isoformat(),
                "window_end": pa.window_end.isoformat(),
                "encounters_held": pa.encounters_held,
                "status": pa.status,
                **pa.figure.as_dict(),
            }
        )
    out["flags"] = [{"kind": f.kind, "size": float(f.size), "message": f.message, "inspector_may_ask": f.question} for f in ev.flags()]
    return out


def text(ev: Evidence) -> str:
    span = ev.span()
    lines: list[str] = [f"Careers evidence for {ev.school}"]
    if span.this_year:
        lines.append(
            f"Activity records: {academic_year_label(span.first_activity_year)} to {academic_year_label(span.this_year)} "
            f'("this year" = {academic_year_label(span.this_year)})'
        )
    for stage, title in (("ks4", "KS4 destinations (sustained)"), ("16-18", "16-18 destinations (sustained)")):
        years = ev.destination_years(stage)[-5:]
        if not years:
            continue
        lines += ["", title]
        for year in years:
            parts = []
            for group in ("all", "disadvantaged", "not_disadvantaged", "send"):
                f = ev.destinations(stage, year, group).figures["sustained"]
                ref = f" [national {f.reference.percent:.1f}%, gap {f.gap:+.1f}{' FLAG' if f.flagged else ''}]" if f.gap is not None else ""
                parts.append(f"{GROUP_SHORT[group]}: {f.text()}{ref}")
            lines.append(f"  {academic_year_label(year)} leavers — " + "; ".join(parts))
    years = ev.destination_years("ks4")[-5:]
    if years:
        lines += ["", "Year 11 leavers without a destination recorded"]
        for year in years:
            m = ev.missing_destinations(year)
            lines.append(f"  {m.leaving_year}: {m.count} of {m.leavers}")
    if span.this_year:
        lines += ["", f"Employer encounters {academic_year_label(span.this_year)} (at least one)"]
        for c in ev.coverage("employer_encounter", span.this_year):
            lines.append(f"  Year {c.year_group}: {c.figure.text()}")
        lines += ["", "By 16 (last two Year 11 cohorts)"]
        for cohort in ev.cohorts_with_year11()[:2]:
            for atype in ("personal_guidance", "workplace_experience"):
                r = ev.by_16(atype, cohort)
                lines.append(f"  {r.cohort} cohort, {ACTIVITY_LABELS[atype]}: {r.figure.text()}")
    pa_rows = ev.provider_access_all()
    if pa_rows:
        lines += ["", "Provider access (two provider encounters in each phase window)"]
        for pa in pa_rows:
            lines.append(
                f"  {pa.cohort} cohort, phase {pa.phase} (Year {pa.years[0]} to 28 Feb of Year {pa.years[1]}, "
                f"{pa.statutory}): {pa.figure.text()}; {pa.encounters_held} encounter(s) held; {pa.window}"
            )
    flags = ev.flags()
    lines += ["", "What an inspector may pick up on (largest first)"]
    lines += [f"  {i}. {f.message}" for i, f in enumerate(flags, 1)] or ["  nothing flagged"]
    return "\n".join(lines)
