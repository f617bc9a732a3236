"""A narrative section per flag: the figure, its trend, the reference with its source, and the records' context.

Everything here is read from `Evidence` (the figures) and its reference files; nothing is estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.evidence.figures import Figure, Reference
from bot.evidence.measures import GROUPS, Evidence
from bot.narrative.flags import NarrativeFlag, all_flags
from bot.records.vocab import academic_year_label

CONTEXT_GROUPS = (("disadvantaged", "disadvantaged"), ("send", "with SEND (SEN support or an EHC plan)"), ("sen_e", "with an EHC plan"))


@dataclass(frozen=True)
class TrendPoint:
    label: str  # "2024/25 leavers", "2025/26", "2024/25 cohort"
    figure: Figure
    compare: Figure | None = None  # the other group, for gap flags


@dataclass(frozen=True)
class ContextLine:
    label: str
    figure: Figure  # count of base; base 0 means the records hold none
    size_only: bool = False  # a cohort size: the count alone

    def text(self) -> str:
        if not self.figure.base:
            return "none in the records"
        return str(self.figure.count) if self.size_only else self.figure.text()


@dataclass(frozen=True)
class Section:
    flag: NarrativeFlag
    trend: tuple[TrendPoint, ...]
    reference: Reference | None  # for the flag's own year and group
    nearest: Reference | None  # the reference file's nearest other year, when there is none for this one
    context: tuple[ContextLine, ...]

    @property
    def key(self) -> str:
        return self.flag.key


def build_sections(ev: Evidence) -> list[Section]:
    """One section per flag, largest first."""
    return [section_for(ev, f) for f in all_flags(ev)]


def section_for(ev: Evidence, f: NarrativeFlag) -> Section:
    ref = f.figure.reference
    nearest = None
    if f.stage and f.measure in ("sustained", "not_sustained") and f.kind != "missing_destinations":
        ref = ref or ev.reference(f.stage, f.year, f.group, f.measure)
        nearest = None if ref else nearest_reference(ev, f.stage, f.year, f.group, f.measure)
    return Section(f, tuple(trend_for(ev, f)), ref, nearest, tuple(context_for(ev, f)))


def nearest_reference(ev: Evidence, stage: str, year: int, group: str, category: str) -> Reference | None:
    """The national figure for the closest other leaving year (labelled with its own year wherever it is shown)."""
    found = [
        (abs(y - year), -y, r) for (s, y, g, c), r in ev.references()["national"].items() if s == stage and g == group and c == category
    ]
    return min(found, key=lambda t: (t[0], t[1]))[2] if found else None


def trend_for(ev: Evidence, f: NarrativeFlag) -> list[TrendPoint]:
    if f.stage and f.kind == "missing_destinations":
        return [
            TrendPoint(f"{m.leaving_year} leavers", ev.figure(m.count, m.leavers))
            for m in (ev.missing_destinations(y) for y in ev.destination_years("ks4")[-5:])
        ]
    if f.stage and f.kind == "not_sustained_share":
        return [
            TrendPoint(
                f"{bd.leaving_year} leavers", ev.figure(bd.figures["not_sustained"].count + bd.figures["not_captured"].count, bd.base)
            )
            for bd in ev.trend(f.stage)
        ]
    if f.stage:
        other = f.compare is not None and f.kind.endswith("_gap")
        pairs = {"disadvantaged": "not_disadvantaged", "send": "no_sen"}
        return [
            TrendPoint(
                f"{bd.leaving_year} leavers",
                bd.figures[f.measure],
                ev.destinations(f.stage, ev_year(bd), pairs[f.group]).figures[f.measure] if other else None,
            )
            for bd in ev.trend(f.stage, f.group)
        ]
    return activity_trend(ev, f)


def ev_year(bd) -> int:
    return int(bd.leaving_year[:4]) + 1


def activity_years(ev: Evidence) -> list[int]:
    span = ev.span()
    if not span.this_year:
        return []
    return list(range(max(span.first_activity_year, span.this_year - 4), span.this_year + 1))


def activity_trend(ev: Evidence, f: NarrativeFlag) -> list[TrendPoint]:
    if f.kind == "employer_encounters":
        return [TrendPoint(academic_year_label(ay), ev.coverage(f.measure, ay, (f.year_group,))[0].figure) for ay in activity_years(ev)]
    if f.kind.endswith("_by_16"):
        first = ev.span().first_activity_year  # cohorts whose Years 10 and 11 both fall inside the records
        return [
            TrendPoint(f"{academic_year_label(c)} cohort", ev.by_16(f.measure, c).figure)
            for c in sorted(ev.cohorts_with_year11()[:5])
            if c - 1 >= first
        ]
    if f.kind == "provider_access":
        phase = int(f.measure.split()[-1])
        rows = [pa for pa in ev.provider_access_all() if pa.phase == phase and pa.status == "complete"]
        return [TrendPoint(f"{pa.cohort} cohort", pa.figure) for pa in sorted(rows, key=lambda pa: pa.cohort)][-5:]
    if f.kind == "benchmark":
        b = int(f.measure.split()[-1])
        return [TrendPoint(academic_year_label(ay), ev.benchmark_coverage(ay)[b - 1].figure) for ay in activity_years(ev)]
    return []


def context_for(ev: Evidence, f: NarrativeFlag) -> list[ContextLine]:
    """Cohort size, the shares disadvantaged, with SEND and with an EHC plan, and leavers not captured."""
    if f.stage:
        return destination_context(ev, f.stage, f.year)
    bases = {g: group_base(ev, f, g) for g in ("all",) + tuple(g for g, _ in CONTEXT_GROUPS)}
    noun = "pupils on roll in Years 7-13" if f.kind == "benchmark" else "pupils in the cohort (the base)"
    lines = [ContextLine(f"{noun}", ev.figure(bases["all"], bases["all"]), size_only=True)]
    return lines + [ContextLine(f"pupils {label}", ev.figure(bases[g], bases["all"])) for g, label in CONTEXT_GROUPS]


def group_base(ev: Evidence, f: NarrativeFlag, group: str) -> int:
    if f.kind == "employer_encounters":
        return ev.coverage(f.measure, f.year, (f.year_group,), group)[0].figure.base
    if f.kind.endswith("_by_16"):
        return ev.by_16(f.measure, f.year, group).figure.base
    if f.kind == "provider_access":
        return ev.provider_access(f.year, int(f.measure.split()[-1]), group).figure.base
    return sum(c.figure.base for c in ev.coverage("employer_encounter", f.year, group=group))


def destination_context(ev: Evidence, stage: str, year: int) -> list[ContextLine]:
    everyone = ev.destinations(stage, year, "all")
    n = everyone.base
    lines = [ContextLine(f"{academic_year_label(year)} leavers with a destination row", ev.figure(n, n), size_only=True)]
    lines += [ContextLine(f"leavers {label}", ev.figure(ev.destinations(stage, year, g).base, n)) for g, label in CONTEXT_GROUPS]
    lines.append(ContextLine("leavers whose activity was not captured", everyone.figures["not_captured"]))
    if stage == "ks4":
        m = ev.missing_destinations(year)
        lines.append(ContextLine("Year 11 leavers with no destination row at all (not in any rate)", ev.figure(m.count, m.leavers)))
    return lines


def group_name(group: str) -> str:
    return GROUPS[group]
