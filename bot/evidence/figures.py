"""A figure with its count and base, the rounding rule and small-group suppression."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal


def round_half_away(value: Decimal, places: str = "0.1") -> Decimal:
    """Round half away from zero (ROUND_HALF_UP in decimal rounds magnitudes, so -2.25 -> -2.3)."""
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def percent(count: int, base: int) -> Decimal | None:
    """count/base as a percentage rounded to one decimal place, or None for an empty base."""
    if base <= 0:
        return None
    return round_half_away(Decimal(count) * 100 / Decimal(base))


def fmt(value: Decimal) -> str:
    """'90.1', '100.0', '-4.0'."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Reference:
    percent: Decimal
    scope: str  # "national" or a local authority's name
    leaving_year: str
    source: str

    def as_dict(self) -> dict:
        return {"percent": float(self.percent), "scope": self.scope, "leaving_year": self.leaving_year, "source": self.source}


@dataclass(frozen=True)
class Figure:
    """count of base; ``percent`` is None when the base is empty or suppressed."""

    count: int
    base: int
    min_group: int = 5
    reference: Reference | None = None
    flag_gap: Decimal = Decimal("3.0")

    @property
    def suppressed(self) -> bool:
        return 0 < self.base < self.min_group

    @property
    def percent(self) -> Decimal | None:
        if self.suppressed:
            return None
        return percent(self.count, self.base)

    @property
    def gap(self) -> Decimal | None:
        """School minus reference, in percentage points, from the displayed (rounded) figures."""
        if self.reference is None or self.percent is None:
            return None
        return round_half_away(self.percent - self.reference.percent)

    @property
    def flagged(self) -> bool:
        return self.gap is not None and abs(self.gap) >= self.flag_gap

    def text(self, noun: str = "") -> str:
        """'118 of 131 leavers (90.1%)', or the suppression wording for a small group."""
        noun = f" {noun}" if noun else ""
        if self.base == 0:
            return f"none{noun} in the records"
        if self.suppressed:
            return f"too small to report (fewer than {self.min_group}{noun})"
        return f"{self.count} of {self.base}{noun} ({fmt(self.percent)}%)"

    def with_reference(self, reference: Reference | None) -> Figure:
        return Figure(self.count, self.base, self.min_group, reference, self.flag_gap)

    def as_dict(self) -> dict:
        suppressed = self.suppressed
        return {
            "count": None if suppressed else self.count,
            "base": None if suppressed else self.base,
            "percent": None if self.percent is None else float(self.percent),
            "suppressed": suppressed,
            "reference": self.reference.as_dict() if self.reference else None,
            "gap": None if self.gap is None else float(self.gap),
            "flagged": self.flagged,
        }


def as_plain(obj) -> dict:
    """A dataclass result as JSON-ready data (figures expanded)."""
    out = {}
    for key, value in asdict(obj).items():
        out[key] = value
    return out
