"""What an inspector may ask the school to explain: every flag of `Evidence.flags()` and a few more, each with a key.

The key names the flag's figure (stage, year, group, measure), not its value, so that a reason written for it
finds it again after a re-import. Every number comes from `Evidence`; the thresholds are the school's
settings (COACH_FLAG_GAP, COACH_MIN_GROUP_SIZE).

Kinds shared with `Evidence.flags()`: destinations_vs_reference, disadvantaged_gap, missing_destinations,
employer_encounters, personal_guidance_by_16, workplace_experience_by_16, provider_access. Added here:
falling_trend (the latest leavers' sustained share at least the flag gap below the first year of the
five), send_gap, not_sustained_share (leavers not in a sustained destination, which inspectors scrutinise)
and benchmark (Benchmarks 4 and 5, which expect every pupil every year, short of all pupils on roll).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.evidence.figures import Figure
from bot.evidence.flags import reference_question
from bot.evidence.measures import ACTIVITY_LABELS, CATEGORY_LABELS, GROUPS, Evidence
from bot.records.vocab import academic_year_label

STAGE_NAMES = {"ks4": "KS4", "16-18": "16-18"}
FLAG_GROUPS = ("all", "disadvantaged", "not_disadvantaged", "send")
TREND_GROUPS = ("all", "disadvantaged", "send")
EVERY_YEAR_BENCHMARKS = {4: "linking curriculum learning to careers", 5: "encounters with employers and employees"}
DESTINATION_KINDS = (
    "destinations_vs_reference",
    "disadvantaged_gap",
    "send_gap",
    "falling_trend",
    "not_sustained_share",
    "missing_destinations",
)


@dataclass(frozen=True)
class NarrativeFlag:
    key: str  # stable across imports: what the figure is, not its value
    kind: str
    title: str  # what the figure is, e.g. "KS4 2024/25 leavers, disadvantaged pupils: sustained"
    figure: Figure
    size: Decimal  # points (flags sort by it, largest first)
    question: str  # what an inspector will ask
    stage: str | None = None
    year: int | None = None  # leaving year, academic year or cohort (end year), by kind
    group: str = "all"
    measure: str = ""  # destination category, activity type, "phase N" or "benchmark N"
    compare: Figure | None = None  # the other side of a gap
    year_group: int | None = None

    @property
    def about_destinations(self) -> bool:
        return self.kind in DESTINATION_KINDS


def all_flags(ev: Evidence) -> list[NarrativeFlag]:
    """Every flag for the school, largest first (ties keep a fixed order)."""
    out: list[NarrativeFlag] = []
    for stage in ("ks4", "16-18"):
        out += reference_flags(ev, stage, "national") + reference_flags(ev, stage, "local")
        out += gap_flags(ev, stage) + trend_flags(ev, stage) + not_sustained_flags(ev, stage)
    out += missing_flags(ev) + coverage_flags(ev) + by16_flags(ev) + provider_flags(ev) + benchmark_flags(ev)
    seen, unique = set(), []
    for f in out:
        if f.key not in seen:
            seen.add(f.key)
            unique.append(f)
    return sorted(unique, key=lambda f: f.size, reverse=True)


def _dest_title(stage: str, year: int, group: str, cat: str) -> str:
    return f"{STAGE_NAMES[stage]} {academic_year_label(year)} leavers, {GROUPS[group]}: {CATEGORY_LABELS[cat]}"


def reference_flags(ev: Evidence, stage: str, scope: str) -> list[NarrativeFlag]:
    out = []
    for year in ev.destination_years(stage)[-5:]:
        for group in FLAG_GROUPS:
            bd = ev.destinations(stage, year, group, scope) if scope != "national" else ev.destinations(stage, year, group)
            for cat in ("sustained", "not_sustained"):
                f = bd.figures[cat]
                if f.flagged:
                    out.append(
                        NarrativeFlag(
                            f"ref:{scope}:{stage}:{year}:{group}:{cat}",
                            "destinations_vs_reference",
                            _dest_title(stage, year, group, cat),
                            f,
                            abs(f.gap),
                            reference_question(f.reference.scope, f.gap if cat == "sustained" else -f.gap),
                            stage,
                            year,
                            group,
                            cat,
                        )
                    )
    return out


def _pair_flag(ev: Evidence, stage: str, year: int, groups, kind: str, question: str) -> NarrativeFlag | None:
    low = ev.destinations(stage, year, groups[0]).figures["sustained"]
    high = ev.destinations(stage, year, groups[1]).figures["sustained"]
    if low.percent is None or high.percent is None or high.percent - low.percent < ev.flag_gap:
        return None
    title = f"{STAGE_NAMES[stage]} {academic_year_label(year)} leavers: {GROUPS[groups[0]]} against {GROUPS[groups[1]]}, sustained"
    return NarrativeFlag(
        f"gap:{groups[0]}:{stage}:{year}",
        kind,
        title,
        low,
        high.percent - low.percent,
        question,
        stage,
        year,
        groups[0],
        "sustained",
        compare=high,
    )


def gap_flags(ev: Evidence, stage: str) -> list[NarrativeFlag]:
    last = ev.span().last_leavers.get(stage)
    if not last:
        return []
    pairs = (
        (
            ("disadvantaged", "not_disadvantaged"),
            "disadvantaged_gap",
            "What are you doing differently for disadvantaged pupils, and is it working?",
        ),
        (("send", "no_sen"), "send_gap", "How do you prepare pupils with SEND for their next step, and how do you know it works?"),
    )
    return [f for groups, kind, q in pairs if (f := _pair_flag(ev, stage, last, groups, kind, q)) is not None]


def trend_flags(ev: Evidence, stage: str) -> list[NarrativeFlag]:
    out = []
    for group in TREND_GROUPS:
        shown = [(bd.leaving_year, bd.figures["sustained"]) for bd in ev.trend(stage, group) if bd.figures["sustained"].percent is not None]
        if len(shown) < 2:
            continue
        (first_year, first), (_, last) = shown[0], shown[-1]
        fall = first.percent - last.percent
        if fall >= ev.flag_gap:
            year = ev.destination_years(stage)[-1]
            out.append(
                NarrativeFlag(
                    f"trend:{stage}:{group}",
                    "falling_trend",
                    f"{STAGE_NAMES[stage]} leavers, {GROUPS[group]}: sustained share since {first_year}",
                    last,
                    fall,
                    "Your destinations have fallen: what do you know about why, and what have you changed?",
                    stage,
                    year,
                    group,
                    "sustained",
                    compare=first,
                )
            )
    return out


def not_sustained_flags(ev: Evidence, stage: str) -> list[NarrativeFlag]:
    last = ev.span().last_leavers.get(stage)
    if not last:
        return []
    bd = ev.destinations(stage, last, "all")
    count = bd.figures["not_sustained"].count + bd.figures["not_captured"].count
    f = ev.figure(count, bd.base)
    if not count or f.percent is None:
        return []
    return [
        NarrativeFlag(
            f"notsust:{stage}:{last}",
            "not_sustained_share",
            f"{STAGE_NAMES[stage]} {academic_year_label(last)} leavers not in a sustained destination " "(not sustained or not captured)",
            f,
            f.percent,
            "What happened to the leavers who are not in a sustained destination, and what support did they get?",
            stage,
            last,
            "all",
            "not_sustained",
        )
    ]


def missing_flags(ev: Evidence) -> list[NarrativeFlag]:
    last = ev.span().last_leavers.get("ks4")
    if not last:
        return []
    m = ev.missing_destinations(last)
    if not m.count:
        return []
    f = ev.figure(m.count, m.leavers)
    return [
        NarrativeFlag(
            f"missing:{last}",
            "missing_destinations",
            f"{m.leaving_year} Year 11 leavers with no destination recorded",
            f,
            f.percent or Decimal(0),
            "How do you follow up leavers whose destination you don't know?",
            "ks4",
            last,
        )
    ]


def coverage_flags(ev: Evidence) -> list[NarrativeFlag]:
    ay = ev.span().this_year
    if not ay:
        return []
    out = []
    for c in ev.coverage("employer_encounter", ay):
        p = c.figure.percent
        if p is not None and Decimal(100) - p >= ev.flag_gap:
            out.append(
                NarrativeFlag(
                    f"coverage:employer_encounter:{ay}:{c.year_group}",
                    "employer_encounters",
                    f"Employer encounters {c.academic_year}, Year {c.year_group}: at least one",
                    c.figure,
                    Decimal(100) - p,
                    f"How will every Year {c.year_group} pupil meet an employer this year (Benchmark 5)?",
                    year=ay,
                    measure="employer_encounter",
                    year_group=c.year_group,
                )
            )
    return out


def by16_flags(ev: Evidence) -> list[NarrativeFlag]:
    out = []
    if not ev.span().this_year:
        return out
    for cohort in ev.cohorts_with_year11()[:2]:
        for atype, bench in (("personal_guidance", 8), ("workplace_experience", 6)):
            r = ev.by_16(atype, cohort)
            p = r.figure.percent
            if p is not None and Decimal(100) - p >= ev.flag_gap:
                out.append(
                    NarrativeFlag(
                        f"by16:{atype}:{cohort}",
                        f"{atype}_by_16",
                        f"{ACTIVITY_LABELS[atype].capitalize()} by 16, {r.cohort} Year 11 cohort",
                        r.figure,
                        Decimal(100) - p,
                        f"How do you make sure every pupil gets {ACTIVITY_LABELS[atype]} by 16 (Benchmark {bench})?",
                        year=cohort,
                        measure=atype,
                        year_group=11,
                    )
                )
    return out


def provider_flags(ev: Evidence) -> list[NarrativeFlag]:
    out = []
    for pa in ev.provider_access_all():
        p = pa.figure.percent
        title = f"Provider access, {pa.cohort} cohort, phase {pa.phase} (Years {pa.years[0]}-{pa.years[1]})"
        cohort = int(pa.cohort[:4]) + 1
        key = f"pa:{cohort}:{pa.phase}"
        if pa.status != "complete":
            continue
        if pa.phase in (1, 2) and p is not None and Decimal(100) - p >= ev.flag_gap:
            out.append(
                NarrativeFlag(
                    key,
                    "provider_access",
                    title + ": two provider encounters",
                    pa.figure,
                    Decimal(100) - p,
                    "How do you meet the provider access legislation for every pupil?",
                    year=cohort,
                    measure=f"phase {pa.phase}",
                )
            )
        elif pa.phase == 3 and pa.encounters_held < 2:
            out.append(
                NarrativeFlag(
                    key,
                    "provider_access",
                    title + f": {pa.encounters_held} provider encounter(s) held, two must be offered",
                    pa.figure,
                    Decimal(100),
                    "How do sixth formers hear from technical and apprenticeship providers?",
                    year=cohort,
                    measure="phase 3",
                )
            )
    return out


def benchmark_flags(ev: Evidence) -> list[NarrativeFlag]:
    ay = ev.span().this_year
    if not ay:
        return []
    out = []
    for b in ev.benchmark_coverage(ay):
        p = b.figure.percent
        if b.benchmark in EVERY_YEAR_BENCHMARKS and p is not None and Decimal(100) - p >= ev.flag_gap:
            out.append(
                NarrativeFlag(
                    f"bench:{b.benchmark}:{ay}",
                    "benchmark",
                    f"Benchmark {b.benchmark} ({EVERY_YEAR_BENCHMARKS[b.benchmark]}) {b.academic_year}: pupils on roll reached by an "
                    "activity tagged with it",
                    b.figure,
                    Decimal(100) - p,
                    f"Benchmark {b.benchmark} expects every pupil every year: who is missing out, and why?",
                    year=ay,
                    measure=f"benchmark {b.benchmark}",
                )
            )
    return out
