"""The project's one vocabulary (bot/content/vocabulary.yml) as typed, read-only data.

Themes, measures, pupil groups, destination categories and activity types, each with its id and
names. Other modules take their dictionaries from here rather than defining their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

VOCABULARY_FILE = Path(__file__).resolve().parent / "content" / "vocabulary.yml"


@dataclass(frozen=True)
class Theme:
    id: str
    name: str  # "Personal guidance"
    benchmark: int | None = None

    @property
    def title(self) -> str:
        """The name with its benchmark: "Personal guidance (Gatsby Benchmark 8)"."""
        return f"{self.name} (Gatsby Benchmark {self.benchmark})" if self.benchmark else self.name


@dataclass(frozen=True)
class Term:
    """A pupil group or destination category: id and name."""

    id: str
    name: str
    short: str = ""  # a shorter name for lists ("other"); the name itself when empty
    sustained: bool = False
    education: bool = False
    total: bool = False


@dataclass(frozen=True)
class ActivityType:
    id: str
    name: str  # "an employer encounter"
    measure: str
    benchmarks: tuple[int, ...] = ()


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    theme: str


@dataclass(frozen=True)
class Vocabulary:
    themes: dict[str, Theme]
    groups: dict[str, Term]
    categories: dict[str, Term]
    activity_types: dict[str, ActivityType]
    measures: dict[str, Measure]


@lru_cache(maxsize=1)
def load(path: Path = VOCABULARY_FILE) -> Vocabulary:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    v = Vocabulary(
        themes={t["id"]: Theme(**t) for t in raw["themes"]},
        groups={g["id"]: Term(**g) for g in raw["pupil_groups"]},
        categories={c["id"]: Term(**c) for c in raw["destination_categories"]},
        activity_types={
            a["id"]: ActivityType(a["id"], a["name"], a["measure"], tuple(a.get("benchmarks", ()))) for a in raw["activity_types"]
        },
        measures={m["id"]: Measure(**m) for m in raw["measures"]},
    )
    unknown = {m.theme for m in v.measures.values()} - set(v.themes)
    if unknown:
        raise ValueError(f"{path}: measures name unknown themes {sorted(unknown)}")
    return v


def theme_titles() -> dict[str, str]:
    return {k: t.title for k, t in load().themes.items()}


def theme_names() -> dict[str, str]:
    return {k: t.name for k, t in load().themes.items()}


def group_names() -> dict[str, str]:
    return {k: g.name for k, g in load().groups.items()}


def group_short_names() -> dict[str, str]:
    return {k: g.short or g.name for k, g in load().groups.items()}


def category_names() -> dict[str, str]:
    return {k: c.name for k, c in load().categories.items()}


def activity_names() -> dict[str, str]:
    return {k: a.name for k, a in load().activity_types.items()}


def activity_measures() -> dict[str, str]:
    return {k: a.measure for k, a in load().activity_types.items()}


def measure_themes() -> dict[str, str]:
    return {k: m.theme for k, m in load().measures.items()}


def destinations() -> tuple[str, ...]:
    """The contract's destination values, in order (without the totals)."""
    return tuple(k for k, c in load().categories.items() if not c.total)


def sustained() -> tuple[str, ...]:
    return tuple(k for k, c in load().categories.items() if c.sustained and not c.total)


def education() -> tuple[str, ...]:
    return tuple(k for k, c in load().categories.items() if c.education and not c.total)
