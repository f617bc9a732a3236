"""What an inspector may pick up on: the flags over a school's figures, with their wording.

`collect(ev)` returns every flag, largest first: destinations against the reference, the
disadvantaged gap, leavers with no destination, employer encounters, guidance and work experience
by 16, and provider access. Thresholds: the configured gap (COACH_FLAG_GAP, 3.0 points by default).
"""

from __future__ import annotations

from decimal import Decimal

from bot.evidence.measures import ACTIVITY_LABELS, CATEGORY_LABELS, GROUPS, Evidence, Flag
from bot.records.vocab import academic_year_label

STAGE_NAMES = (("ks4", "KS4"), ("16-18", "16-18"))


def collect(ev: Evidence) -> list[Flag]:
    out: list[Flag] = []
    for stage, noun in STAGE_NAMES:
        out += _against_reference(ev, stage, noun) + _disadvantaged_gap(ev, stage, noun)
    out += _missing_destinations(ev) + _activities(ev) + _provider_access(ev)
    out.sort(key=lambda f: f.size, reverse=True)
    return out


def _against_reference(ev: Evidence, stage: str, noun: str) -> list[Flag]:
    out = []
    for year in ev.destination_years(stage)[-5:]:
        for group in ("all", "disadvantaged", "not_disadvantaged", "send"):
            bd = ev.destinations(stage, year, group)
            for cat in ("sustained", "not_sustained"):
                f = bd.figures[cat]
                if f.flagged:
                    direction = "below" if f.gap < 0 else "above"
                    out.append(
                        Flag(
                            "destinations_vs_reference",
                            abs(f.gap),
                            f"{noun} {bd.leaving_year} leavers, {GROUPS[group]}: {CATEGORY_LABELS[cat]} "
                            f"{f.text()} is {abs(f.gap):.1f} points {direction} the {f.reference.scope} figure "
                            f"({f.reference.percent:.1f}%).",
                            reference_question(f.reference.scope, f.gap if cat == "sustained" else -f.gap),
                        )
                    )
    return out


def reference_question(scope: str, better_by: Decimal) -> str:
    """The inspector's question on a figure away from the reference: a weaker figure asks what is being
    done about it, a stronger one what explains it (`better_by` > 0 when the school does better)."""
    if better_by > 0:
        return f"What explains this being better than the {scope} picture, and how do you keep it there?"
    return f"Why is this worse than the {scope} picture, and what are you doing about it?"


def _disadvantaged_gap(ev: Evidence, stage: str, noun: str) -> list[Flag]:
    last = ev.span().last_leavers.get(stage)
    if not last:
        return []
    dis = ev.destinations(stage, last, "disadvantaged").figures["sustained"]
    oth = ev.destinations(stage, last, "not_disadvantaged").figures["sustained"]
    if dis.percent is None or oth.percent is None or oth.percent - dis.percent < ev.flag_gap:
        return []
    g = oth.percent - dis.percent
    return [
        Flag(
            "disadvantaged_gap",
            g,
            f"{noun} {academic_year_label(last)} leavers: disadvantaged pupils {dis.text()} sustained "
            f"against {oth.text()} for other pupils, a gap of {g:.1f} points.",
            "What are you doing differently for disadvantaged pupils, and is it working?",
        )
    ]


def _missing_destinations(ev: Evidence) -> list[Flag]:
    last = ev.span().last_leavers.get("ks4")
    m = ev.missing_destinations(last) if last else None
    if not m or not m.count:
        return []
    share = ev.figure(m.count, m.leavers)
    return [
        Flag(
            "missing_destinations",
            share.percent or Decimal(0),
            f"{m.count} of {m.leavers} {m.leaving_year} Year 11 leavers have no destination recorded.",
            "How do you follow up leavers whose destination you don't know?",
        )
    ]


def _activities(ev: Evidence) -> list[Flag]:
    this = ev.span().this_year
    if not this:
        return []
    out, label = [], academic_year_label(this)
    for c in ev.coverage("employer_encounter", this):
        p = c.figure.percent
        if p is not None and Decimal(100) - p >= ev.flag_gap:
            out.append(
                Flag(
                    "employer_encounters",
                    Decimal(100) - p,
                    f"Employer encounters {label}: Year {c.year_group} {c.figure.text('pupils')} had at least one.",
                    f"How will every Year {c.year_group} pupil meet an employer this year (Benchmark 5)?",
                )
            )
    for cohort in ev.cohorts_with_year11()[:2]:
        for atype, bench in (("personal_guidance", 8), ("workplace_experience", 6)):
            r = ev.by_16(atype, cohort)
            p = r.figure.percent
            if p is not None and Decimal(100) - p >= ev.flag_gap:
                out.append(
                    Flag(
                        f"{atype}_by_16",
                        Decimal(100) - p,
                        f"{ACTIVITY_LABELS[atype].capitalize()} by 16, {r.cohort} Year 11 cohort: {r.figure.text('pupils')}.",
                        f"How do you make sure every pupil gets {ACTIVITY_LABELS[atype]} by 16 (Benchmark {bench})?",
                    )
                )
    return out


def _provider_access(ev: Evidence) -> list[Flag]:
    out = []
    for pa in ev.provider_access_all():
        p = pa.figure.percent
        if pa.phase in (1, 2) and p is not None and Decimal(100) - p >= ev.flag_gap and pa.status == "complete":
            out.append(
                Flag(
                    "provider_access",
                    Decimal(100) - p,
                    f"Provider access, {pa.cohort} cohort, phase {pa.phase} (Years {pa.years[0]}-{pa.years[1]}): "
                    f"{pa.figure.text('pupils')} had two provider encounters; the law expects all pupils.",
                    "How do you meet the provider access legislation for every pupil?",
                )
            )
        elif pa.phase == 3 and pa.status == "complete" and pa.encounters_held < 2:
            out.append(
                Flag(
                    "provider_access",
                    Decimal(100),
                    f"Provider access, {pa.cohort} cohort, phase 3: only {pa.encounters_held} provider encounter(s) "
                    f"were held; two must be offered.",
                    "How do sixth formers hear from technical and apprenticeship providers?",
                )
            )
    return out
