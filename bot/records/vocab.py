"""The records contract's vocabularies and date arithmetic (shared/records-contract.md)."""

from __future__ import annotations

import re
from datetime import date

from bot import vocabulary

ACTIVITY_TYPES = tuple(vocabulary.load().activity_types)
DESTINATIONS = vocabulary.destinations()
SUSTAINED = vocabulary.sustained()
EDUCATION = vocabulary.education()
STAGES = ("ks4", "16-18")
SEN_CODES = ("N", "K", "E")

_AY = re.compile(r"^(\d{4})/(\d{2})$")


def parse_academic_year(text: str) -> int | None:
    """'2024/25' -> 2025 (the end year); None when not a valid academic year."""
    m = _AY.match(text or "")
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    if (start + 1) % 100 != end or not 1990 <= start <= 2100:
        return None
    return start + 1


def academic_year_label(end_year: int) -> str:
    return f"{end_year - 1}/{end_year % 100:02d}"


def year_start(end_year: int) -> date:
    return date(end_year - 1, 9, 1)


def year_end(end_year: int) -> date:
    return date(end_year, 8, 31)


def academic_year_of(d: date) -> int:
    """End year of the academic year a date falls in."""
    return d.year + 1 if d.month >= 9 else d.year


def year_group(cohort_end: int, ay_end: int) -> int:
    """The contract: 11 - (end year of cohort - end year of A)."""
    return 11 - (cohort_end - ay_end)


def cohort_for(year_group_in_a: int, ay_end: int) -> int:
    """End year of the cohort that is in ``year_group_in_a`` during academic year ``ay_end``."""
    return ay_end + 11 - year_group_in_a


def nccis_destination(code: int) -> str | None:
    """The contract's NCCIS activity code bands; None for a code outside them."""
    if code == 210:
        return "school_sixth_form"
    if code == 220:
        return "sixth_form_college"
    if code == 230:
        return "further_education"
    if code == 240:
        return "higher_education"
    if 250 <= code <= 290:
        return "other_education"
    if code == 310:
        return "apprenticeship"
    if 320 <= code <= 381:
        return "employment"
    if 410 <= code <= 460:
        return "other_education"
    if 530 <= code <= 680:
        return "not_sustained"
    if 810 <= code <= 830:
        return "not_captured"
    return None
