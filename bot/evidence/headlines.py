"""One-line figures for a question-bank measure key: for hints, feedback and 'how should I answer'."""

from __future__ import annotations

from bot.evidence.figures import fmt
from bot.evidence.measures import ACTIVITY_LABELS, Evidence
from bot.records.vocab import academic_year_label

ACTIVITY_FOR = {
    "employer_encounters": "employer_encounter",
    "workplace_experience": "workplace_experience",
    "provider_encounters": "provider_encounter",
    "personal_guidance": "personal_guidance",
    "careers_lessons": "careers_lesson",
    "labour_market_information": "labour_market_information",
    "higher_education_visits": "higher_education_visit",
    "parent_engagement": "parent_engagement",
}


def headlines(ev: Evidence, measure: str) -> list[str]:
    """One or two lines of the records' figures for a measure, ready to show beside an answer."""
    span = ev.span()
    if measure in ("destinations_ks4", "destinations_16_18", "not_sustained", "disadvantaged_gap"):
        return _destinations(ev, span, measure)
    if measure == "leavers_without_destination":
        year = span.last_leavers.get("ks4")
        if not year:
            return []
        m = ev.missing_destinations(year)
        return [f"{m.leaving_year} Year 11 leavers with no destination recorded: {m.count} of {m.leavers}"]
    if measure in ACTIVITY_FOR and span.this_year:
        return _coverage(ev, span, ACTIVITY_FOR[measure])
    if measure in ("workplace_experience_by_16", "personal_guidance_by_16"):
        atype = measure.replace("_by_16", "")
        return [
            f"{ACTIVITY_LABELS[atype].capitalize()} by 16, {r.cohort} Year 11 cohort: {r.figure.text('pupils')}"
            for r in (ev.by_16(atype, cohort) for cohort in ev.cohorts_with_year11()[:1])
        ]
    if measure == "provider_access":
        return _provider_access(ev)
    if measure == "benchmark_coverage" and span.this_year:
        return _benchmarks(ev, span)
    return []


def _destinations(ev: Evidence, span, measure: str) -> list[str]:
    stage = "16-18" if measure == "destinations_16_18" else "ks4"
    year = span.last_leavers.get(stage)
    if not year:
        return []
    name = "16-18" if stage == "16-18" else "KS4"
    label = academic_year_label(year)
    if measure == "not_sustained":
        f = ev.destinations(stage, year).figures["not_sustained"]
        return [f"{name} {label} leavers not sustained: {f.text('leavers')}"]
    if measure == "disadvantaged_gap":
        d = ev.destinations(stage, year, "disadvantaged").figures["sustained"]
        o = ev.destinations(stage, year, "not_disadvantaged").figures["sustained"]
        line = f"{name} {label} leavers sustained: disadvantaged {d.text()}, others {o.text()}"
        if d.percent is not None and o.percent is not None:
            line += f" (gap {fmt(o.percent - d.percent)} points)"
        return [line]
    f = ev.destinations(stage, year).figures["sustained"]
    line = f"{name} {label} leavers in a sustained destination: {f.text('leavers')}"
    if f.reference is not None:
        line += f" (national {fmt(f.reference.percent)}%)"
    return [line]


def _coverage(ev: Evidence, span, atype: str) -> list[str]:
    rows = [c for c in ev.coverage(atype, span.this_year) if c.figure.base]
    if not rows:
        return []
    low = min(rows, key=lambda c: (c.figure.percent is None, c.figure.percent))
    high = max(rows, key=lambda c: (c.figure.percent is not None, c.figure.percent))
    label = academic_year_label(span.this_year)
    return [
        f"{label}, pupils with at least {ACTIVITY_LABELS[atype]}: lowest Year {low.year_group} "
        f"{low.figure.text()}, highest Year {high.year_group} {high.figure.text()}"
    ]


def _provider_access(ev: Evidence) -> list[str]:
    rows = [r for r in ev.provider_access_all() if r.phase in (1, 2)]
    if not rows:
        return []
    worst = min(rows, key=lambda r: (r.figure.percent is None, r.figure.percent))
    return [
        f"Provider access, {worst.cohort} cohort phase {worst.phase}: {worst.figure.text('pupils')} had two "
        f"provider encounters by 28 February of Year {worst.years[1]}"
    ]


def _benchmarks(ev: Evidence, span) -> list[str]:
    rows = ev.benchmark_coverage(span.this_year)
    tagged = [r for r in rows if r.activities]
    if not tagged:
        return []
    untagged = "; none with " + ", ".join(str(r.benchmark) for r in rows if not r.activities) if len(tagged) < 8 else ""
    return [
        f"{academic_year_label(span.this_year)} activity records are tagged with benchmarks "
        + ", ".join(str(r.benchmark) for r in tagged)
        + untagged
    ]


def for_measures(ev: Evidence, measures, limit: int = 3) -> list[str]:
    seen, out = set(), []
    for m in measures:
        for line in headlines(ev, m):
            if line not in seen:
                seen.add(line)
                out.append(line)
    return out[:limit]
