"""A deterministic, realistic demo school, written as the contract's three CSV files.

Northfield Academy (demo): 10 cohorts (Year 11 in 2020/21 to 2029/30), about 1,100 pupils, five
years of careers activities (2021/22 to 2025/26), KS4 destinations for the 2020/21 to 2024/25
leavers and 16-18 destinations from its sixth form. It is built to show what an inspector probes:
a disadvantaged gap, Year 9 short of employer encounters this year, a provider access phase
missed (the second encounter fell after 28 February), leavers without a destination, pupils who
moved school, and EHC plan groups too small to report.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bot.records.vocab import academic_year_label, year_start

DEMO_SCHOOL = "Northfield Academy (demo)"
SEED = 20251110
COHORTS = range(2021, 2031)  # end years of the Year 11 academic year
FIRST_YEAR, THIS_YEAR = 2022, 2026  # academic years with activity records (end years)
KS4_LEAVING = range(2021, 2026)
SNAPSHOT = date(2026, 7, 17)
CODES = {
    "school_sixth_form": "210",
    "sixth_form_college": "220",
    "further_education": "230",
    "higher_education": "240",
    "apprenticeship": "310",
    "employment": "320",
    "not_sustained": "540",
    "not_captured": "810",
    "other_education": "270",
}


@dataclass
class _Pupil:
    pid: str
    cohort: int
    sex: str
    disadvantaged: bool
    sen: str
    left_on: date | None = None
    sixth_form: bool = False

    def on_roll(self, ay_end: int) -> bool:
        yg = 11 - (self.cohort - ay_end)
        return 7 <= yg <= 13 and (self.left_on is None or self.left_on >= year_start(ay_end))

    def year_group(self, ay_end: int) -> int:
        return 11 - (self.cohort - ay_end)


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _term_date(rng: random.Random, ay_end: int, term: str) -> date:
    months = {
        "autumn": [(ay_end - 1, 10), (ay_end - 1, 11)],
        "spring": [(ay_end, 1), (ay_end, 2)],
        "late_spring": [(ay_end, 3)],
        "summer": [(ay_end, 5), (ay_end, 6)],
        "july": [(ay_end, 7)],
    }[term]
    y, m = rng.choice(months)
    day = rng.randint(1, 14 if term == "july" else 26)
    return _weekday(date(y, m, day))


def _ks4_destination(rng: random.Random, p: _Pupil) -> str:
    r = rng.random()
    ns = 0.12 if p.disadvantaged else 0.03
    if p.sen == "E":
        ns += 0.04
    if r < ns:
        return "not_sustained"
    if r < ns + 0.012:
        return "not_captured"
    r = rng.random()
    for cat, share in (
        ("school_sixth_form", 0.42),
        ("further_education", 0.33),
        ("sixth_form_college", 0.13),
        ("apprenticeship", 0.05),
        ("employment", 0.03),
        ("other_education", 0.04),
    ):
        if r < share:
            return cat
        r -= share
    return "further_education"


def _post18_destination(rng: random.Random) -> str:
    r = rng.random()
    for cat, share in (
        ("higher_education", 0.48),
        ("apprenticeship", 0.11),
        ("employment", 0.17),
        ("further_education", 0.05),
        ("other_education", 0.02),
        ("not_sustained", 0.14),
    ):
        if r < share:
            return cat
        r -= share
    return "not_captured"


EMPLOYERS = [
    "NHS Trust",
    "Jaguar Land Rover",
    "Severn Trent",
    "Local Council",
    "Arup",
    "Co-op",
    "BT Group",
    "a self-employed electrician",
    "Bakery & Co",
    "Police Service",
]
PROVIDERS = [
    "Northfield College",
    "City Technical College",
    "Midlands Apprenticeships Ltd",
    "Training 2000",
    "University Technical College",
]


def build(seed: int = SEED, cohort_size: int = 110, lessons_per_term: int = 1, prefix: str = "NFA-"):
    """Pupils, activities and destinations as lists of CSV rows (dicts).

    The defaults make the demo school; a larger ``cohort_size`` and ``lessons_per_term`` make the
    trust-sized school of the records benchmark. One seeded generator drives every step, in order.
    """
    rng = random.Random(seed)
    pupils = _pupils(rng, cohort_size, prefix)
    _movers(rng, pupils)
    destinations = _destinations(rng, pupils)
    activities = _Activities(rng)
    for ay in range(FIRST_YEAR, THIS_YEAR + 1):
        roll = [p for p in pupils if p.on_roll(ay) and (p.year_group(ay) <= 11 or p.sixth_form)]
        groups: dict[int, list[_Pupil]] = {}
        for p in roll:
            groups.setdefault(p.year_group(ay), []).append(p)
        for yg, members in sorted(groups.items()):
            activities.year_group(ay, yg, members, lessons_per_term)
    pupil_rows = [
        {
            "pupil_id": p.pid,
            "cohort": academic_year_label(p.cohort),
            "sex": p.sex,
            "disadvantaged": "Y" if p.disadvantaged else "N",
            "sen": p.sen,
            "left_on": p.left_on.isoformat() if p.left_on else "",
        }
        for p in pupils
    ]
    return pupil_rows, activities.rows, destinations


def _pupils(rng: random.Random, cohort_size: int, prefix: str) -> list[_Pupil]:
    pupils: list[_Pupil] = []
    used = set()
    for cohort in COHORTS:
        size = rng.randint(round(cohort_size * 0.945), round(cohort_size * 1.055))
        cohort_pupils: list[_Pupil] = []
        n_ehc = rng.choice([2, 3, 4, 6])  # some cohorts have too few EHC plans to report
        for i in range(size):
            while True:
                pid = prefix + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
                if pid not in used:
                    used.add(pid)
                    break
            sen = "E" if i < n_ehc else ("K" if rng.random() < 0.13 else "N")
            cohort_pupils.append(_Pupil(pid, cohort, rng.choice("FM"), rng.random() < 0.26, sen))
        rng.shuffle(cohort_pupils)
        pupils.extend(cohort_pupils)
    return pupils


def _movers(rng: random.Random, pupils: list[_Pupil]) -> None:
    """Pupils who moved school part-way (left in Year 8, 9 or 10): no destination row."""
    for p in pupils:
        if rng.random() < 0.035:
            ay = p.cohort - rng.randint(1, 3)
            if ay <= THIS_YEAR:
                p.left_on = _weekday(date(ay, rng.choice([1, 3, 5]), rng.randint(3, 25)))


def _destinations(rng: random.Random, pupils: list[_Pupil]) -> list[dict]:
    """KS4 rows (some by NCCIS code only; four of the latest leavers missing), then 16-18 rows."""
    destinations: list[dict] = []
    by_cohort: dict[int, list[_Pupil]] = {}
    for p in pupils:
        by_cohort.setdefault(p.cohort, []).append(p)
    for cohort in KS4_LEAVING:
        leavers = [p for p in by_cohort[cohort] if p.on_roll(cohort)]
        missing = set(q.pid for q in leavers[:4]) if cohort == max(KS4_LEAVING) else set()
        for p in leavers:
            dest = _ks4_destination(rng, p)
            _after_year_11(rng, p, cohort, dest)
            if p.pid not in missing:
                destinations.append(_ks4_row(rng, p, cohort, dest))
    for cohort in range(min(KS4_LEAVING), max(KS4_LEAVING) + 1):
        if cohort + 2 > 2025:
            continue
        for p in by_cohort[cohort]:
            if p.sixth_form and p.left_on == date(cohort + 2, 7, 17):
                destinations.append(
                    {
                        "pupil_id": p.pid,
                        "leaving_year": academic_year_label(cohort + 2),
                        "stage": "16-18",
                        "destination": _post18_destination(rng),
                        "nccis_code": "",
                    }
                )
    return destinations


def _after_year_11(rng: random.Random, p: _Pupil, cohort: int, dest: str) -> None:
    """Stay in the sixth form (a few leave in Year 12) or leave in July of Year 11."""
    p.sixth_form = dest == "school_sixth_form"
    if p.sixth_form and rng.random() < 0.06:  # left the sixth form in Year 12
        p.left_on = _weekday(date(cohort + 1, 2, rng.randint(2, 20)))
    elif p.sixth_form:
        p.left_on = date(cohort + 2, 7, 17) if date(cohort + 2, 7, 17) <= SNAPSHOT else None
    else:
        p.left_on = date(cohort, 7, 16)


def _ks4_row(rng: random.Random, p: _Pupil, cohort: int, dest: str) -> dict:
    row = {"pupil_id": p.pid, "leaving_year": academic_year_label(cohort), "stage": "ks4", "destination": dest, "nccis_code": ""}
    style = rng.random()
    if style < 0.15:  # the local authority's code only: the importer derives the category
        row["destination"], row["nccis_code"] = "", CODES[dest]
    elif style < 0.30:
        row["nccis_code"] = CODES[dest]
    return row


class _Activities:
    """The activity rows of the demo school, year group by year group (one seeded generator)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rows: list[dict] = []
        self.counter = 0

    def event(self, ay: int, atype: str, title: str, partner: str, benchmarks: str, when: date, who: list[_Pupil]) -> None:
        self.counter += 1
        aid = f"A{ay % 100:02d}-{self.counter:04d}"
        for p in who:
            self.rows.append(
                {
                    "activity_id": aid,
                    "date": when.isoformat(),
                    "activity_type": atype,
                    "title": title,
                    "partner": partner,
                    "benchmarks": benchmarks,
                    "pupil_id": p.pid,
                }
            )

    def some(self, members: list[_Pupil], share: float) -> list[_Pupil]:
        return [p for p in members if self.rng.random() < share]

    def year_group(self, ay: int, yg: int, members: list[_Pupil], lessons_per_term: int) -> None:
        self.lessons(ay, yg, members, lessons_per_term)
        self.employers(ay, yg, members)
        self.experiences(ay, yg, members)
        self.guidance(ay, yg, members)
        self.providers(ay, yg, members)

    def lessons(self, ay: int, yg: int, members: list[_Pupil], lessons_per_term: int) -> None:
        for term in ("autumn", "spring", "summer"):
            for k in range(lessons_per_term):
                self.event(
                    ay,
                    "careers_lesson",
                    f"Year {yg} careers lesson ({term} term{'' if k == 0 else f' {k + 1}'})",
                    "",
                    "4",
                    _term_date(self.rng, ay, term),
                    self.some(members, 0.96),
                )

    def employers(self, ay: int, yg: int, members: list[_Pupil]) -> None:
        """Most pupils meet at least one employer; Year 9 falls short this year."""
        rng = self.rng
        reach = 0.62 if (ay == THIS_YEAR and yg == 9) else 0.985
        reached = self.some(members, reach)
        n_events = 2 if yg in (7, 8, 12, 13) else 3
        evs = [(_term_date(rng, ay, rng.choice(["autumn", "spring", "summer"])), rng.choice(EMPLOYERS)) for _ in range(n_events)]
        buckets: list[list[_Pupil]] = [[] for _ in evs]
        for p in reached:
            for k in rng.sample(range(n_events), rng.randint(1, n_events)):
                buckets[k].append(p)
        for (when, emp), who in zip(evs, buckets):
            if who:
                self.event(ay, "employer_encounter", f"Year {yg} employer talk: {emp}", emp, "5", when, who)
        if yg in (9, 11):
            self.event(
                ay,
                "labour_market_information",
                f"Year {yg} local jobs and LMI session",
                "Careers Hub",
                "2",
                _term_date(rng, ay, "spring"),
                self.some(members, 0.93),
            )
            self.event(
                ay,
                "parent_engagement",
                f"Year {yg} {'options' if yg == 9 else 'post-16'} evening",
                "",
                "1;2",
                _term_date(rng, ay, "spring"),
                self.some(members, 0.72),
            )

    def experiences(self, ay: int, yg: int, members: list[_Pupil]) -> None:
        if yg == 10:
            ok = 0.93 if ay < THIS_YEAR else 0.9
            self.event(
                ay,
                "workplace_experience",
                "Year 10 work experience week",
                "Various employers",
                "6",
                _weekday(date(ay, 6, 22)),
                self.some(members, ok),
            )
        if yg == 12:
            self.event(
                ay,
                "workplace_experience",
                "Year 12 placements",
                "Various employers",
                "6",
                _weekday(date(ay, 7, 6)),
                self.some(members, 0.8),
            )
            self.event(
                ay,
                "higher_education_visit",
                "University open day visit",
                "University of Birmingham",
                "7",
                _term_date(self.rng, ay, "summer"),
                self.some(members, 0.75),
            )

    def guidance(self, ay: int, yg: int, members: list[_Pupil]) -> None:
        """Year 11 interviews (fewer reached this year); sixth-form guidance meetings."""
        rng = self.rng
        if yg == 11:
            reach = 0.955 if ay < THIS_YEAR else 0.885
            for p in members:
                if rng.random() < reach:
                    self.event(
                        ay,
                        "personal_guidance",
                        "Careers guidance interview",
                        "Level 6 careers adviser",
                        "8",
                        _term_date(rng, ay, rng.choice(["autumn", "spring"])),
                        [p],
                    )
        if yg in (12, 13):
            for p in members:
                if rng.random() < 0.5:
                    self.event(
                        ay,
                        "personal_guidance",
                        "Sixth form guidance meeting",
                        "Level 6 careers adviser",
                        "8",
                        _term_date(rng, ay, "autumn"),
                        [p],
                    )

    def providers(self, ay: int, yg: int, members: list[_Pupil]) -> None:
        """Provider encounters (the provider access legislation); this Year 11's phase 2 talk slipped to March."""
        rng = self.rng
        if yg in (8, 10, 12):
            self.event(
                ay,
                "provider_encounter",
                f"Year {yg} provider assembly",
                rng.choice(PROVIDERS),
                "7",
                _term_date(rng, ay, "summer"),
                self.some(members, 0.97 if yg < 12 else 0.7),
            )
        missed = ay == THIS_YEAR and yg == 11
        if yg in (9, 11, 13) and not missed:
            self.event(
                ay,
                "provider_encounter",
                f"Year {yg} provider talks",
                rng.choice(PROVIDERS),
                "7",
                _term_date(rng, ay, "autumn"),
                self.some(members, 0.97 if yg < 13 else 0.6),
            )
        if yg in (9, 11, 13):
            when = date(ay, 3, 5) if missed else _term_date(rng, ay, "spring")  # after the 28 February cut-off
            self.event(
                ay,
                "provider_encounter",
                f"Year {yg} apprenticeships and T levels talk",
                rng.choice(PROVIDERS),
                "7",
                _weekday(when),
                self.some(members, 0.96 if yg < 13 else 0.55),
            )


def write(folder: Path, seed: int = SEED, **scale) -> Path:
    """Write pupils.csv, activities.csv and destinations.csv into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pupils, activities, destinations = build(seed, **scale)
    for name, rows, cols in (
        ("pupils.csv", pupils, ["pupil_id", "cohort", "sex", "disadvantaged", "sen", "left_on"]),
        ("activities.csv", activities, ["activity_id", "date", "activity_type", "title", "partner", "benchmarks", "pupil_id"]),
        ("destinations.csv", destinations, ["pupil_id", "leaving_year", "stage", "destination", "nccis_code"]),
    ):
        with open(folder / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            w.writerows(rows)
    return folder
