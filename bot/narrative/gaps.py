"""Targeting: the pupils who still need an activity, for the careers lead's own list (a local CSV file).

Three lists, on the contract's definitions, for "this year" (the latest academic year in the activity records):
- `activity`: pupils on roll without an activity of the type (default employer_encounter) dated this year;
- `personal_guidance_by_16`: Year 11 pupils on roll without personal guidance by 31 August of Year 11;
- `provider_access`: for each cohort whose provider access phase window is still open at the records' date (the latest
  activity), the pupils on roll with fewer than two provider encounters inside the window, with its 28 February deadline.

Pupil ids leave this module only through `write_csv`; `counts` carries numbers alone (for replies and logs).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, or_, select

from bot.evidence.measures import ACTIVITY_LABELS, PHASES, Evidence
from bot.records import schema
from bot.records.vocab import ACTIVITY_TYPES, academic_year_label, year_end, year_start

P, PA = schema.pupils, schema.participation
COLUMNS = ("list", "pupil_id", "year_group", "cohort", "activity_type", "had", "needs", "deadline", "note")


@dataclass(frozen=True)
class Need:
    list: str
    pupil_id: str
    year_group: int
    cohort: str
    activity_type: str
    had: int
    needs: int
    deadline: date
    note: str = ""


@dataclass(frozen=True)
class GapCount:
    list: str
    year_group: int
    activity_type: str
    missing: int
    base: int  # pupils on roll in the year group (this year)
    deadline: date
    note: str = ""


@dataclass(frozen=True)
class Gaps:
    school: str
    academic_year: int
    as_of: date  # the latest activity in the records
    activity_type: str
    year_group: int | None
    needs: tuple[Need, ...]
    counts: tuple[GapCount, ...]


def find(ev: Evidence, activity_type: str = "employer_encounter", year_group: int | None = None) -> Gaps:
    if activity_type not in ACTIVITY_TYPES:
        raise ValueError(f"unknown activity type {activity_type!r}; one of: {', '.join(ACTIVITY_TYPES)}")
    if year_group is not None and not 7 <= year_group <= 13:
        raise ValueError("the year group must be 7 to 13")
    span = ev.span()
    if not span.this_year:
        raise ValueError(f"{ev.school}'s records hold no activities, so there is no academic year to look at")
    ay, as_of = span.this_year, span.last_activity
    roll = on_roll(ev, ay, year_group)
    windows = open_windows(ev, roll, ay, as_of)
    needs = activity_needs(ev, roll, ay, activity_type) + guidance_needs(ev, roll, ay) + provider_needs(ev, roll, ay, windows)
    return Gaps(ev.school, ay, as_of, activity_type, year_group, tuple(needs), tuple(count(roll, needs, ay, windows, activity_type)))


def on_roll(ev: Evidence, ay: int, year_group: int | None) -> dict[str, int]:
    """pupil_id -> year group, for pupils on roll in academic year ``ay`` (Years 7-13)."""
    low, high = (year_group, year_group) if year_group else (7, 13)
    q = select(P.c.pupil_id, P.c.cohort_end).where(
        P.c.school_id == ev.sid,
        P.c.cohort_end.between(ay + 11 - high, ay + 11 - low),
        or_(P.c.left_on.is_(None), P.c.left_on >= year_start(ay)),
    )
    with ev.engine.connect() as conn:
        return {pid: 11 - (cohort - ay) for pid, cohort in conn.execute(q)}


def _activity_counts(ev: Evidence, atype: str, start: date | None, end: date) -> Counter:
    """pupil_id -> number of distinct activities of the type dated in [start, end]."""
    cond = [PA.c.school_id == ev.sid, PA.c.activity_type == atype, PA.c.date <= end]
    if start is not None:
        cond.append(PA.c.date >= start)
    with ev.engine.connect() as conn:
        return Counter(pid for (pid,) in conn.execute(select(PA.c.pupil_id).where(and_(*cond))))


def _cohort(ay: int, yg: int) -> str:
    return academic_year_label(ay + 11 - yg)


def activity_needs(ev: Evidence, roll: dict[str, int], ay: int, atype: str) -> list[Need]:
    had = _activity_counts(ev, atype, year_start(ay), year_end(ay))
    return [Need("activity", pid, yg, _cohort(ay, yg), atype, 0, 1, year_end(ay)) for pid, yg in sorted(roll.items()) if not had[pid]]


def guidance_needs(ev: Evidence, roll: dict[str, int], ay: int) -> list[Need]:
    had = _activity_counts(ev, "personal_guidance", None, year_end(ay))
    return [
        Need("personal_guidance_by_16", pid, 11, _cohort(ay, 11), "personal_guidance", 0, 1, year_end(ay), "by 16 (Benchmark 8)")
        for pid, yg in sorted(roll.items())
        if yg == 11 and not had[pid]
    ]


def open_phase(ev: Evidence, ay: int, yg: int, as_of: date) -> tuple[int, date, date] | None:
    """(phase, window start, deadline) when year group ``yg`` of ``ay`` is inside a provider access window at ``as_of``."""
    phase = next((p for p, years in PHASES.items() if yg in years), None)
    if phase is None:
        return None
    start, end = ev.phase_window(ay + 11 - yg, phase)
    return (phase, start, end) if start <= as_of <= end else None


def open_windows(ev: Evidence, roll: dict[str, int], ay: int, as_of: date) -> dict[int, tuple[int, date, date]]:
    found = {yg: open_phase(ev, ay, yg, as_of) for yg in sorted(set(roll.values()))}
    return {yg: w for yg, w in found.items() if w is not None}


def provider_needs(ev: Evidence, roll: dict[str, int], ay: int, windows: dict[int, tuple[int, date, date]]) -> list[Need]:
    out = []
    for yg, (phase, start, end) in windows.items():
        had = _distinct_encounters(ev, start, end)
        out += [
            Need("provider_access", pid, yg, _cohort(ay, yg), "provider_encounter", had[pid], 2 - had[pid], end, _phase_note(phase))
            for pid, g in sorted(roll.items())
            if g == yg and had[pid] < 2
        ]
    return out


def _phase_note(phase: int) -> str:
    return f"phase {phase}" + ("; must be offered, attendance optional" if phase == 3 else "")


def _distinct_encounters(ev: Evidence, start: date, end: date) -> Counter:
    q = (
        select(PA.c.pupil_id, PA.c.activity_id)
        .distinct()
        .where(PA.c.school_id == ev.sid, PA.c.activity_type == "provider_encounter", PA.c.date >= start, PA.c.date <= end)
    )
    with ev.engine.connect() as conn:
        return Counter(pid for pid, _ in conn.execute(q))


def count(roll: dict[str, int], needs: list[Need], ay: int, windows: dict[int, tuple[int, date, date]], atype: str) -> list[GapCount]:
    """How many pupils each list holds per year group, with the year group's pupils on roll."""
    bases = Counter(roll.values())
    missing = Counter((n.list, n.year_group) for n in needs)
    out = []
    for yg in sorted(bases):
        out.append(GapCount("activity", yg, atype, missing[("activity", yg)], bases[yg], year_end(ay)))
        if yg == 11:
            out.append(
                GapCount(
                    "personal_guidance_by_16",
                    11,
                    "personal_guidance",
                    missing[("personal_guidance_by_16", 11)],
                    bases[11],
                    year_end(ay),
                    "by 16 (Benchmark 8)",
                )
            )
        if yg in windows:
            phase, _, end = windows[yg]
            out.append(
                GapCount("provider_access", yg, "provider_encounter", missing[("provider_access", yg)], bases[yg], end, _phase_note(phase))
            )
    return out


def describe(g: Gaps) -> str:
    who = f"Year {g.year_group}" if g.year_group else "Years 7-13"
    return (
        f"pupils on roll in {who} without {ACTIVITY_LABELS[g.activity_type]} in {academic_year_label(g.academic_year)}; "
        f"Year 11 pupils without personal guidance by 16; pupils still short of two provider encounters in a provider "
        f"access phase open on {g.as_of:%d %B %Y} (deadline 28 February)"
    )


def write_csv(g: Gaps, path: Path, made: datetime | None = None) -> int:
    """Write the lists to ``path`` (the only place pupil ids go); returns the number of pupils listed."""
    made = made or datetime.utcnow().replace(microsecond=0)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            f"# Lists {describe(g)}, for {g.school}, made {made:%Y-%m-%d %H:%M} UTC from the records as of "
            f"{g.as_of.isoformat()}. It names pupils: keep it private.\n"
        )
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for n in g.needs:
            w.writerow([n.list, n.pupil_id, n.year_group, n.cohort, n.activity_type, n.had, n.needs, n.deadline.isoformat(), n.note])
    return len(g.needs)


def count_line(c: GapCount) -> str:
    what = {
        "activity": f"without {ACTIVITY_LABELS[c.activity_type]} this year",
        "personal_guidance_by_16": "without personal guidance by 16",
        "provider_access": f"short of two provider encounters ({c.note})",
    }[c.list]
    return f"Year {c.year_group}: {c.missing} of {c.base} pupils {what}, by {c.deadline:%d %B %Y}"


def command(g: Gaps) -> str:
    yg = f" --year-group {g.year_group}" if g.year_group else ""
    return f"coach gaps --activity {g.activity_type}{yg} --out gaps.csv"


def chat_text(g: Gaps) -> str:
    """The counts for the chat (never a pupil id), and how to get the list."""
    label = academic_year_label(g.academic_year)
    lines = [f"Who still needs what at {g.school} ({label}, records to {g.as_of:%d %B %Y}):"]
    lines += [f"- {count_line(c)}" for c in g.counts if c.missing]
    if len(lines) == 1:
        lines.append("- every pupil on roll has had them")
    lines.append(
        f"The list of pupils is for you alone, so I don't show it here: on the coach's computer run `{command(g)}` "
        "to write it to a file (its first line says what it lists, for which school and when it was made)."
    )
    return "\n".join(lines)
