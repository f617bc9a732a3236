"""Sections and the draft narrative as plain text (the chat and `coach pack --text`), from the same facts as the pack."""

from __future__ import annotations

from bot.evidence.figures import fmt
from bot.narrative.model import Explained, Narrative
from bot.narrative.sections import Section

STATUS_NOTE = {"review": " (its figure has changed since this was written: please review it)", "current": "", "retired": ""}


def figure_line(s: Section) -> str:
    return f"{s.flag.title}: {figure_only(s)}"


def figure_only(s: Section) -> str:
    f = s.flag
    line = f.figure.text()
    if f.compare is not None and f.kind.endswith("_gap"):
        line += f", against {f.compare.text()}, a gap of {fmt(f.size)} points"
    elif f.compare is not None:
        line += f", down {fmt(f.size)} points from {f.compare.text()}"
    return line + "."


def reference_line(s: Section) -> str:
    r = s.reference
    if r is not None:
        gap = s.flag.figure.gap if s.flag.figure.reference is not None else None
        gap_text = f"; the gap is {gap:+.1f} points" if gap is not None else ""
        return f"Reference: {r.scope} {fmt(r.percent)}% for {r.leaving_year} leavers{gap_text}. Source: {r.source}."
    if s.nearest is not None:
        n = s.nearest
        return (
            f"Reference: the reference file holds no figure for these leavers; the nearest is {n.scope} {fmt(n.percent)}% "
            f"for {n.leaving_year} leavers (a different year). Source: {n.source}."
        )
    if s.flag.stage:
        return "Reference: the reference file holds no figure for this group and year."
    return "Reference: the expectation is every pupil (100%)."


def trend_line(s: Section) -> str:
    if not s.trend:
        return ""
    parts = []
    for p in s.trend:
        part = f"{p.label} {p.figure.text()}"
        if p.compare is not None:
            part += f" (others {p.compare.text()})"
        parts.append(part)
    return "Trend: " + "; ".join(parts) + "."


def context_line(s: Section) -> str:
    parts = [f"{c.label}: {c.text()}" for c in s.context]
    return "Context from the records: " + "; ".join(parts) + "."


def section_text(item: Explained, number: int, total: int) -> str:
    s = item.section
    lines = [
        f"Flag {number} of {total}. {figure_line(s)}",
        trend_line(s),
        reference_line(s),
        context_line(s),
        f'An inspector may ask: "{s.flag.question}"',
    ]
    lines += reasons_lines(item)
    return "\n".join(line for line in lines if line)


def reasons_lines(item: Explained) -> list[str]:
    if not item.reasons:
        return []
    out = ["Your reasons so far:"]
    for r in item.reasons:
        out.append(f"- {r.reason}{STATUS_NOTE[r.status(item.section.flag.figure)]}")
    return out


def draft(n: Narrative, only_explained: bool = False) -> str:
    """The draft narrative: each flag with the careers lead's reasons (or a gap to fill)."""
    if not n.items:
        return f"Nothing in {n.school}'s records is flagged, so there is nothing an inspector is likely to ask you to explain."
    lines = [f"Your narrative for {n.school} ({n.explained} of {len(n.items)} flags explained):"]
    for i, item in enumerate(n.items, 1):
        if only_explained and not item.reasons:
            continue
        lines.append(f"{i}. {figure_line(item.section)}")
        if item.reasons:
            lines += [f"   Why: {r.reason}{STATUS_NOTE[r.status(item.section.flag.figure)]}" for r in item.reasons]
        else:
            lines.append("   Why: (no reason yet)")
    return "\n".join(lines)
