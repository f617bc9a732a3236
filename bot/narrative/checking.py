"""Every figure in a reason goes through the claim check (`bot.evidence.check`), with the section as its context.

A figure the claim check can't read (a count of something the records don't hold, such as "three leavers moved
abroad") is listed as not checked, so the pack never shows a number without saying where it stands.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from bot.evidence.check import ClaimChecker
from bot.evidence.figures import fmt
from bot.evidence.measures import Evidence
from bot.narrative.sections import Section

WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty hundred dozen half quarter"
).split()
_NUMBER = re.compile(r"(?<![\w/])(\d+(?:\.\d+)?%?|(?:" + "|".join(WORDS) + r"))(?![\w/])", re.I)
_LABEL_BEFORE = re.compile(r"(?:year|years|benchmark|benchmarks|phase|gatsby|ks|key stage|level|aged?|to|-)\s*$", re.I)
NOT_READ = "The records don't hold this figure, so it stands as the school's own."


@dataclass(frozen=True)
class FigureCheck:
    said: str
    verdict: str  # match, mismatch, reference, unchecked
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def check_reason(ev: Evidence, section: Section, text: str) -> list[FigureCheck]:
    """A check for every figure in the reason, in order."""
    checks, covered = [], []
    for v in ClaimChecker(ev).check(text, question=section.flag.title):
        covered.append((v.start, v.end))
        if v.verdict in ("mismatch", "unchecked") and _is_section_figure(section, v.said):
            checks.append(
                (
                    v.start,
                    FigureCheck(v.said, "match", f"You said {v.said}, which is this section's figure " f"({section.flag.figure.text()})."),
                )
            )
        else:
            checks.append((v.start, FigureCheck(v.said, v.verdict, v.message)))
    for m in _NUMBER.finditer(text or ""):
        inside = any(s <= m.start() < e for s, e in covered if s >= 0)
        if inside or _LABEL_BEFORE.search(text[: m.start()]) or _is_year(text, m):
            continue
        checks.append((m.start(), FigureCheck(m.group(0), "unchecked", NOT_READ)))
    return [c for _, c in sorted(checks, key=lambda t: t[0])]


def _is_section_figure(section: Section, said: str) -> bool:
    f = section.flag.figure
    said = said.lower().replace("the ", "").strip()
    if f.percent is not None and said.rstrip("%") in (fmt(f.percent), f"{f.percent:.0f}") and said.endswith("%"):
        return True
    return bool(re.fullmatch(rf"{f.count}\s+(?:of|out of)\s+{f.base}", said))


def _is_year(text: str, m: re.Match) -> bool:
    token = m.group(0)
    return token.isdigit() and len(token) == 4 and 1990 <= int(token) <= 2100


def summary(checks: list[FigureCheck]) -> str:
    """One line for the chat: what the check found."""
    if not checks:
        return "There are no figures in it to check."
    lines = [f"- [{c.verdict}] {c.said}: {c.message}" if c.message == NOT_READ else f"- [{c.verdict}] {c.message}" for c in checks]
    return "The claim check on its figures:\n" + "\n".join(lines)
