"""The import contract's files and columns (shared/records-contract.md), as data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.records.vocab import ACTIVITY_TYPES, DESTINATIONS, SEN_CODES, STAGES


@dataclass(frozen=True)
class TableSpec:
    name: str  # pupils, activities, destinations
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


TABLES: dict[str, TableSpec] = {
    "pupils": TableSpec("pupils", ("pupil_id", "cohort"), ("sex", "disadvantaged", "sen", "left_on")),
    "activities": TableSpec("activities", ("activity_id", "date", "activity_type", "title", "pupil_id"), ("partner", "benchmarks")),
    "destinations": TableSpec("destinations", ("pupil_id", "leaving_year", "stage"), ("destination", "nccis_code")),
}
TABLE_ORDER = tuple(TABLES)
ALL_COLUMNS = tuple(dict.fromkeys(c for t in TABLES.values() for c in t.columns))

# Columns whose values come from a fixed vocabulary, with the contract's values ("" = empty allowed).
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "sex": ("F", "M", ""),
    "disadvantaged": ("Y", "N", ""),
    "sen": SEN_CODES + ("",),
    "activity_type": ACTIVITY_TYPES,
    "stage": STAGES,
    "destination": DESTINATIONS + ("",),
}
DATE_COLUMNS = {"pupils": ("left_on",), "activities": ("date",)}
YEAR_COLUMNS = {"pupils": ("cohort",), "destinations": ("leaving_year",)}
# Columns whose values are never shown outside an import's own error messages.
PRIVATE_COLUMNS = ("pupil_id",)
