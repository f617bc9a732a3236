"""Every figure in the records contract, computed with aggregate SQL queries.

``Evidence(engine, school)`` answers for one school. Each method returns typed results that carry
count, base, percentage, suppression, the reference figure, the gap and the flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, distinct, exists, func, literal, or_, select
from sqlalchemy.engine import Engine

from bot import vocabulary
from bot.evidence import reference as refs
from bot.evidence.figures import Figure, Reference
from bot.records import schema
from bot.records.db import RecordsError, resolve_school, school_id
from bot.records.vocab import (
    ACTIVITY_TYPES,
    DESTINATIONS,
    EDUCATION,
    SUSTAINED,
    academic_year_label,
    academic_year_of,
    cohort_for,
    year_end,
    year_start,
)

P, PA, A, D = schema.pupils, schema.participation, schema.activities, schema.destinations

# Names from the one vocabulary (bot/content/vocabulary.yml).
GROUPS: dict[str, str] = vocabulary.group_names()
CATEGORY_LABELS: dict[str, str] = vocabulary.category_names()
ACTIVITY_LABELS: dict[str, str] = vocabulary.activity_names()
ACTIVITY_MEASURE: dict[str, str] = vocabulary.activity_measures()  # the key of each activity type's coverage measure
PHASES = {1: (8, 9), 2: (10, 11), 3: (12, 13)}


def memo(method):
    """Remember a query's result on this Evidence object (results are immutable aggregates)."""
    name = method.__name__

    def wrapper(self, *args, **kwargs):
        key = (name, tuple(tuple(a) if isinstance(a, list | range) else a for a in args), tuple(sorted(kwargs.items())))
        try:
            return self._memo[key]
        except KeyError:
            value = method(self, *args, **kwargs)
            self._memo[key] = value
            return value
        except TypeError:  # unhashable arguments (a list of year groups): compute
            return method(self, *args, **kwargs)

    wrapper.__name__ = name
    wrapper.__doc__ = method.__doc__
    return wrapper


def group_condition(group: str):
    if group not in GROUPS:
        raise ValueError(f"unknown pupil group {group!r}")
    return {
        "all": literal(True),
        "disadvantaged": P.c.disadvantaged.is_(True),
        "not_disadvantaged": P.c.disadvantaged.is_(False),
        "send": P.c.sen.in_(["K", "E"]),
        "sen_k": P.c.sen == "K",
        "sen_e": P.c.sen == "E",
        "no_sen": P.c.sen == "N",
        "female": P.c.sex == "F",
        "male": P.c.sex == "M",
    }[group]


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class DestinationBreakdown:
    stage: str
    leaving_year: str
    group: str
    figures: dict[str, Figure]  # every category plus "sustained" and "education"

    @property
    def base(self) -> int:
        return self.figures["sustained"].base


@dataclass(frozen=True)
class Coverage:
    activity_type: str
    academic_year: str
    year_group: int
    group: str
    figure: Figure


@dataclass(frozen=True)
class By16:
    activity_type: str  # workplace_experience or personal_guidance
    cohort: str
    group: str
    figure: Figure


@dataclass(frozen=True)
class ProviderAccess:
    cohort: str
    phase: int
    years: tuple[int, int]
    window_start: date
    window_end: date
    group: str
    figure: Figure
    encounters_held: int
    status: str  # "complete" or "in progress"

    @property
    def statutory(self) -> str:
        return "must be offered (attendance optional)" if self.phase == 3 else "for all pupils"

    @property
    def window(self) -> str:
        """Whether the phase's window has closed in the records ("complete" read as "duty met")."""
        return "window closed" if self.status == "complete" else "window still open"


@dataclass(frozen=True)
class MissingDestinations:
    leaving_year: str
    count: int
    leavers: int


@dataclass(frozen=True)
class BenchmarkCoverage:
    benchmark: int
    academic_year: str
    activities: int
    figure: Figure  # pupils on roll reached by at least one activity tagged with the benchmark


@dataclass(frozen=True)
class Flag:
    kind: str
    size: Decimal  # percentage points (or the share of leavers for data gaps); flags sort by this
    message: str
    question: str  # what an inspector may ask


@dataclass
class Span:
    """What the records cover."""

    first_activity_year: int | None
    this_year: int | None
    last_activity: date | None
    last_leavers: dict[str, int | None] = field(default_factory=dict)


# ---------------------------------------------------------------- queries


class Evidence:
    def __init__(self, engine: Engine, school: str | None = None, min_group: int = 5, flag_gap: float = 3.0):
        self.engine = engine
        self.school = resolve_school(engine, school)
        self.sid = school_id(engine, self.school)
        self.min_group = min_group
        self.flag_gap = Decimal(str(flag_gap))
        self._span: Span | None = None
        self._refs: dict | None = None
        self._memo: dict = {}

    # -- helpers
    def figure(self, count: int, base: int, ref: Reference | None = None) -> Figure:
        return Figure(int(count or 0), int(base or 0), self.min_group, ref, self.flag_gap)

    def span(self) -> Span:
        if self._span is None:
            with self.engine.connect() as conn:
                lo, hi = conn.execute(select(func.min(A.c.date), func.max(A.c.date)).where(A.c.school_id == self.sid)).one()
                leavers = {}
                for stage in ("ks4", "16-18"):
                    leavers[stage] = conn.execute(
                        select(func.max(D.c.leaving_end)).where(D.c.school_id == self.sid, D.c.stage == stage)
                    ).scalar()
            lo = _as_date(lo)
            hi = _as_date(hi)
            self._span = Span(academic_year_of(lo) if lo else None, academic_year_of(hi) if hi else None, hi, leavers)
        return self._span

    def references(self) -> dict:
        if self._refs is None:
            merged = dict(refs.national())
            self._refs = {"national": merged, "local": refs.local(self.engine, self.sid)}
        return self._refs

    def reference(self, stage: str, leaving_end: int, group: str, category: str, scope: str = "national") -> Reference | None:
        return self.references()[scope].get((stage, leaving_end, group, category))

    def _on_roll(self, ay_end: int):
        return or_(P.c.left_on.is_(None), P.c.left_on >= year_start(ay_end))

    # -- destinations
    @memo
    def destinations(self, stage: str, leaving_end: int, group: str = "all", scope: str = "national") -> DestinationBreakdown:
        q = (
            select(D.c.destination, func.count())
            .select_from(D.join(P, and_(P.c.school_id == D.c.school_id, P.c.pupil_id == D.c.pupil_id)))
            .where(D.c.school_id == self.sid, D.c.stage == stage, D.c.leaving_end == leaving_end, group_condition(group))
            .group_by(D.c.destination)
        )
        with self.engine.connect() as conn:
            counts = {d: n for d, n in conn.execute(q)}
        base = sum(counts.values())
        figures = {}
        for cat in DESTINATIONS:
            figures[cat] = self.figure(counts.get(cat, 0), base, self.reference(stage, leaving_end, group, cat, scope))
        for cat, members in (("sustained", SUSTAINED), ("education", EDUCATION)):
            figures[cat] = self.figure(sum(counts.get(c, 0) for c in members), base, self.reference(stage, leaving_end, group, cat, scope))
        return DestinationBreakdown(stage, academic_year_label(leaving_end), group, figures)

    @memo
    def destination_years(self, stage: str) -> list[int]:
        with self.engine.connect() as conn:
            return [
                r[0]
                for r in conn.execute(
                    select(distinct(D.c.leaving_end)).where(D.c.school_id == self.sid, D.c.stage == stage).order_by(D.c.leaving_end)
                )
            ]

    def trend(self, stage: str, group: str = "all", years: int = 5) -> list[DestinationBreakdown]:
        return [self.destinations(stage, y, group) for y in self.destination_years(stage)[-years:]]

    @memo
    def missing_destinations(self, leaving_end: int) -> MissingDestinations:
        """Pupils of cohort L on roll in L with no ks4 row for leaving year L (a data gap, not a rate)."""
        has_row = exists().where(
            D.c.school_id == P.c.school_id, D.c.pupil_id == P.c.pupil_id, D.c.stage == "ks4", D.c.leaving_end == leaving_end
        )
        q = select(func.count(), func.sum(case((~has_row, 1), else_=0))).where(
            P.c.school_id == self.sid, P.c.cohort_end == leaving_end, self._on_roll(leaving_end)
        )
        with self.engine.connect() as conn:
            leavers, missing = conn.execute(q).one()
        return MissingDestinations(academic_year_label(leaving_end), int(missing or 0), int(leavers or 0))

    # -- activities
    @memo
    def coverage(
        self, activity_type: str, ay_end: int, year_groups: Sequence[int] = (7, 8, 9, 10, 11, 12, 13), group: str = "all"
    ) -> list[Coverage]:
        """Pupils on roll in year group Y with at least one activity of the type dated in A."""
        if activity_type not in ACTIVITY_TYPES:
            raise ValueError(f"unknown activity type {activity_type!r}")
        cohorts = {cohort_for(y, ay_end): y for y in year_groups}
        took_part = exists().where(
            PA.c.school_id == P.c.school_id,
            PA.c.pupil_id == P.c.pupil_id,
            PA.c.activity_type == activity_type,
            PA.c.date >= year_start(ay_end),
            PA.c.date <= year_end(ay_end),
        )
        q = (
            select(P.c.cohort_end, func.count(), func.sum(case((took_part, 1), else_=0)))
            .where(P.c.school_id == self.sid, P.c.cohort_end.in_(list(cohorts)), self._on_roll(ay_end), group_condition(group))
            .group_by(P.c.cohort_end)
        )
        with self.engine.connect() as conn:
            rows = {c: (n, k) for c, n, k in conn.execute(q)}
        label = academic_year_label(ay_end)
        return [
            Coverage(activity_type, label, cohorts[c], group, self.figure(rows.get(c, (0, 0))[1], rows.get(c, (0, 0))[0]))
            for c in sorted(cohorts, reverse=True)
        ]

    @memo
    def by_16(self, activity_type: str, cohort_end: int, group: str = "all") -> By16:
        """Pupils of cohort L on roll in L with the activity on or before 31 August of L's end year."""
        took_part = exists().where(
            PA.c.school_id == P.c.school_id,
            PA.c.pupil_id == P.c.pupil_id,
            PA.c.activity_type == activity_type,
            PA.c.date <= year_end(cohort_end),
        )
        q = select(func.count(), func.sum(case((took_part, 1), else_=0))).where(
            P.c.school_id == self.sid, P.c.cohort_end == cohort_end, self._on_roll(cohort_end), group_condition(group)
        )
        with self.engine.connect() as conn:
            base, count = conn.execute(q).one()
        return By16(activity_type, academic_year_label(cohort_end), group, self.figure(count, base))

    def cohorts_with_year11(self) -> list[int]:
        """Cohorts whose Year 11 falls inside the activity records, latest first."""
        span = self.span()
        if span.this_year is None:
            return []
        return [c for c in range(span.this_year, span.first_activity_year - 1, -1)]

    # -- provider access
    def phase_window(self, cohort_end: int, phase: int) -> tuple[date, date]:
        first, second = PHASES[phase]
        first_ay = cohort_end - 11 + first
        second_ay = cohort_end - 11 + second
        return year_start(first_ay), date(second_ay, 2, 28)

    @memo
    def provider_access(self, cohort_end: int, phase: int, group: str = "all") -> ProviderAccess:
        start, end = self.phase_window(cohort_end, phase)
        second_ay = cohort_end - 11 + PHASES[phase][1]
        encounters = (
            select(func.count())
            .where(
                PA.c.school_id == P.c.school_id,
                PA.c.pupil_id == P.c.pupil_id,
                PA.c.activity_type == "provider_encounter",
                PA.c.date >= start,
                PA.c.date <= end,
            )
            .scalar_subquery()
        )
        q = select(func.count(), func.sum(case((encounters >= 2, 1), else_=0))).where(
            P.c.school_id == self.sid, P.c.cohort_end == cohort_end, self._on_roll(second_ay), group_condition(group)
        )
        held = (
            select(func.count(distinct(PA.c.activity_id)))
            .select_from(PA.join(P, and_(P.c.school_id == PA.c.school_id, P.c.pupil_id == PA.c.pupil_id)))
            .where(
                PA.c.school_id == self.sid,
                P.c.cohort_end == cohort_end,
                PA.c.activity_type == "provider_encounter",
                PA.c.date >= start,
                PA.c.date <= end,
            )
        )
        with self.engine.connect() as conn:
            base, count = conn.execute(q).one()
            n_held = conn.execute(held).scalar() or 0
        last = self.span().last_activity
        status = "complete" if last is not None and last > end else "in progress"
        return ProviderAccess(
            academic_year_label(cohort_end), phase, PHASES[phase], start, end, group, self.figure(count, base), int(n_held), status
        )

    @memo
    def provider_access_all(self, group: str = "all") -> list[ProviderAccess]:
        """Every cohort and phase whose window the records cover and whose second year has begun."""
        span = self.span()
        if span.this_year is None:
            return []
        first_start = year_start(span.first_activity_year)
        out = []
        for cohort in range(span.this_year + 5, span.first_activity_year - 3, -1):
            for phase in (1, 2, 3):
                start, end = self.phase_window(cohort, phase)
                second_ay = cohort - 11 + PHASES[phase][1]
                if start < first_start or year_start(second_ay) > span.last_activity:
                    continue
                result = self.provider_access(cohort, phase, group)
                if result.figure.base:
                    out.append(result)
        return out

    # -- benchmarks
    @memo
    def benchmark_coverage(self, ay_end: int) -> list[BenchmarkCoverage]:
        """Per benchmark: activities tagged with it in A, and pupils on roll reached by at least one."""
        start, end = year_start(ay_end), year_end(ay_end)
        on_roll = and_(P.c.school_id == self.sid, P.c.cohort_end.between(ay_end - 2, ay_end + 4), self._on_roll(ay_end))
        bm = PA.c.benchmarks
        per_pupil = (
            select(
                PA.c.pupil_id.label("pupil_id"),
                *[func.max(case((bm.op("&")(1 << (b - 1)) != 0, 1), else_=0)).label(f"b{b}") for b in range(1, 9)],
            )
            .where(PA.c.school_id == self.sid, PA.c.date >= start, PA.c.date <= end, bm != 0)
            .group_by(PA.c.pupil_id)
            .subquery()
        )
        reached = (
            select(*[func.coalesce(func.sum(per_pupil.c[f"b{b}"]), 0) for b in range(1, 9)])
            .select_from(per_pupil.join(P, and_(P.c.school_id == self.sid, P.c.pupil_id == per_pupil.c.pupil_id)))
            .where(on_roll)
        )
        with self.engine.connect() as conn:
            base = conn.execute(select(func.count()).where(on_roll)).scalar() or 0
            counts = conn.execute(reached).one()
            n_acts = {b: 0 for b in range(1, 9)}
            for (bms,) in conn.execute(
                select(A.c.benchmarks).where(A.c.school_id == self.sid, A.c.date >= start, A.c.date <= end, A.c.benchmarks != "")
            ):
                for b in set(bms.split(";")):
                    if b.isascii() and b.isdigit() and 1 <= int(b) <= 8:
                        n_acts[int(b)] += 1
        return [BenchmarkCoverage(b, academic_year_label(ay_end), n_acts[b], self.figure(int(counts[b - 1]), base)) for b in range(1, 9)]

    # -- flags
    @memo
    def flags(self) -> list[Flag]:
        """What an inspector may pick up on, largest first (the wording lives in bot/evidence/flags.py)."""
        from bot.evidence import flags

        return flags.collect(self)


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def evidence_for(engine: Engine, school: str | None, settings=None) -> Evidence:
    from bot import config

    settings = settings or config.load()
    if not school and settings.school:
        school = settings.school
    try:
        return Evidence(engine, school, settings.min_group_size, settings.flag_gap)
    except RecordsError:
        raise


def snapshot(engine: Engine, school: str) -> tuple:
    """What identifies the records an answer was computed from: the school's latest import and references."""
    with engine.connect() as conn:
        sid = conn.execute(select(schema.schools.c.id).where(schema.schools.c.name == school)).scalar()
        latest = conn.execute(select(func.max(schema.imports.c.id)).where(schema.imports.c.school_id == sid)).scalar()
        refs = conn.execute(select(func.count(), func.max(schema.reference_figures.c.id))).one()
    return (sid, latest, tuple(refs))


_CACHE: dict[tuple, Evidence] = {}


def cached_evidence(engine: Engine, school: str, min_group: int = 5, flag_gap: float = 3.0) -> Evidence:
    """One Evidence (with its remembered results) per school and snapshot: a new import starts afresh."""
    key = (str(engine.url), school, min_group, flag_gap)
    snap = snapshot(engine, school)
    ev = _CACHE.get(key)
    if ev is None or ev._snapshot != snap:
        ev = Evidence(engine, school, min_group, flag_gap)
        ev._snapshot = snap
        _CACHE[key] = ev
    return ev
