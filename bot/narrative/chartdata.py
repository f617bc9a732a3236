"""What each chart of the pack draws, read from `Evidence` (the records) and the reference file; no drawing here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.evidence.figures import Figure
from bot.evidence.measures import ACTIVITY_LABELS, Evidence
from bot.narrative.flags import STAGE_NAMES
from bot.narrative.sections import nearest_reference
from bot.records.vocab import ACTIVITY_TYPES, academic_year_label

CHART_GROUPS = ("all", "disadvantaged", "not_disadvantaged", "send", "no_sen", "female", "male")
SHORT_GROUPS = {
    "all": "All",
    "disadvantaged": "Disadvantaged",
    "not_disadvantaged": "Not disadv.",
    "send": "SEND",
    "no_sen": "No SEN",
    "female": "Girls",
    "male": "Boys",
}


@dataclass(frozen=True)
class Bar:
    series: str  # the legend entry ("school", "phase 2")
    label: str  # the category on the x axis
    figure: Figure

    @property
    def value(self) -> Decimal | None:
        return self.figure.percent  # None: nothing drawn (empty or too small to report)


@dataclass(frozen=True)
class Marker:
    label: str  # the bar's category it stands on
    value: Decimal
    text: str  # "national 94.1% (2019/20 leavers)"


@dataclass(frozen=True)
class Panel:
    title: str
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...] = ()
    baseline: Marker | None = None  # a reference for another year, drawn as a dashed line across the panel


@dataclass(frozen=True)
class ChartData:
    id: str
    title: str
    summary: str  # the first sentence of the text alternative
    panels: tuple[Panel, ...]
    series: tuple[str, ...]
    marker_name: str = ""  # legend entry of the markers
    xlabel: str = ""


def destinations_over_time(ev: Evidence, stage: str) -> ChartData | None:
    years = ev.destination_years(stage)[-5:]
    if not years:
        return None
    bars, markers = [], []
    for bd in ev.trend(stage):
        f = bd.figures["sustained"]
        bars.append(Bar("school", bd.leaving_year, f))
        if f.reference is not None:
            markers.append(Marker(bd.leaving_year, f.reference.percent, f"{f.reference.scope} {f.reference.percent:.1f}%"))
    name = STAGE_NAMES[stage]
    baseline = None
    if not markers:
        ref = nearest_reference(ev, stage, years[-1], "all", "sustained")
        if ref is not None:
            baseline = Marker(
                "", ref.percent, f"{ref.scope} {ref.percent:.1f}% for {ref.leaving_year} leavers " "(the reference file's nearest year)"
            )
    return ChartData(
        f"chart-{stage}-trend",
        f"{name} leavers in a sustained destination, {bd_range(years)}",
        f"Bars: the school's {name} leavers in sustained education, apprenticeship or employment, by leaving year; "
        "diamonds: the national figure where the reference file holds one for that year; a dashed line: the "
        "nearest year's national figure when it holds none for these years.",
        (Panel("", tuple(bars), tuple(markers), baseline),),
        ("school",),
        "national figure",
        "Leaving year",
    )


def bd_range(years: list[int]) -> str:
    return f"{academic_year_label(years[0])} to {academic_year_label(years[-1])} leavers"


def destinations_by_group(ev: Evidence, stage: str) -> ChartData | None:
    last = ev.span().last_leavers.get(stage)
    if not last:
        return None
    bars, markers = [], []
    for g in CHART_GROUPS:
        f = ev.destinations(stage, last, g).figures["sustained"]
        bars.append(Bar("school", SHORT_GROUPS[g], f))
        if f.reference is not None and f.percent is not None:
            markers.append(Marker(SHORT_GROUPS[g], f.reference.percent, f"{f.reference.scope} {f.reference.percent:.1f}%"))
    name = STAGE_NAMES[stage]
    return ChartData(
        f"chart-{stage}-groups",
        f"{name} {academic_year_label(last)} leavers in a sustained destination, by group",
        f"Bars: the share of each group of {name} {academic_year_label(last)} leavers in a sustained destination "
        "(groups too small to report have no bar).",
        (Panel("", tuple(bars), tuple(markers)),),
        ("school",),
        "national figure",
        "Pupil group",
    )


def coverage_by_year_group(ev: Evidence) -> ChartData | None:
    ay = ev.span().this_year
    if not ay:
        return None
    panels = []
    for atype in ACTIVITY_TYPES:
        rows = ev.coverage(atype, ay)
        if not any(c.figure.count for c in rows):
            continue
        bars = tuple(Bar("school", f"Y{c.year_group}", c.figure) for c in sorted(rows, key=lambda c: c.year_group))
        panels.append(Panel(ACTIVITY_LABELS[atype].removeprefix("an ").removeprefix("a ").capitalize(), bars))
    if not panels:
        return None
    label = academic_year_label(ay)
    return ChartData(
        "chart-coverage",
        f"Pupils with at least one activity of each type in {label}, by year group",
        f"One panel per activity type held in {label}: the share of pupils on roll in each year group (7 to 13) "
        "with at least one activity of that type.",
        tuple(panels),
        ("school",),
    )


def provider_access(ev: Evidence) -> ChartData | None:
    rows = sorted(ev.provider_access_all(), key=lambda pa: (pa.cohort, pa.phase))
    if not rows:
        return None
    bars = tuple(Bar(f"phase {pa.phase}", f"{pa.cohort}", pa.figure) for pa in rows)
    series = tuple(f"phase {p}" for p in sorted({pa.phase for pa in rows}))
    return ChartData(
        "chart-provider-access",
        "Provider access: pupils with two provider encounters in each phase, by cohort",
        "Bars: for each Year 11 cohort, the share of pupils with at least two provider encounters inside each "
        "phase's window (phase 1: Year 8 to 28 February of Year 9; phase 2: Year 10 to 28 February of Year 11; "
        "phase 3, which must be offered: Year 12 to 28 February of Year 13).",
        (Panel("", bars),),
        series,
        xlabel="Year 11 cohort",
    )


def all_charts(ev: Evidence) -> list[ChartData]:
    found = [
        destinations_over_time(ev, "ks4"),
        destinations_over_time(ev, "16-18"),
        destinations_by_group(ev, "ks4"),
        destinations_by_group(ev, "16-18"),
        coverage_by_year_group(ev),
        provider_access(ev),
    ]
    return [c for c in found if c is not None]
