"""The claim check: figures in an answer compared with the school's own records.

A figure is checked when its sentence names a measure the records hold (leavers/destinations,
employer encounters, work experience, personal guidance, provider access) with, optionally, a
year group, a pupil group and a year. Every number in the verdict comes from the records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import List, Optional, Tuple

from bot import nlp
from bot.evidence.figures import Figure, fmt
from bot.evidence.measures import CATEGORY_LABELS, GROUPS, Evidence
from bot.records.vocab import academic_year_label, cohort_for

_PCT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|per ?cent\b)", re.I)
_FRACTION = re.compile(r"(?<![\d.])(\d{1,5})\s+(?:of|out of)\s+(?:our\s+|the\s+)?(\d{1,5})(?![\d.])", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_DEST_WORDS = re.compile(r"\b(leavers?|destinations?|sustained|went on to|moved on to|progressed|neet|not in education)\b", re.I)
_EMPLOYER = re.compile(r"\b(employers?|employer encounters?)\b", re.I)
_WORKPLACE = re.compile(r"\b(work experience|workplace experience|placements?)\b", re.I)
_GUIDANCE = re.compile(r"\b(personal guidance|guidance interviews?|careers interviews?|careers advisers?|guidance meetings?|one-to-one)\b", re.I)
_PROVIDER = re.compile(r"\b(provider (access|encounters?|visits?)|baker clause|providers)\b", re.I)
_BY16 = re.compile(r"\b(by 16|by the end of year 11|before they leave|by year 11)\b", re.I)
_NEET = re.compile(r"\b(neet|not sustained|not in education)\b", re.I)


_CLAUSE_BREAK = re.compile(r",|;|\band\b|\bbut\b|\bwhile\b|\bwhereas\b|\bcompared with\b", re.I)


def _clause(sentence: str, start: int, end: int) -> Tuple[int, int]:
    """The span of the clause holding a figure: 'and 85% of disadvantaged leavers' in a longer sentence."""
    lo, hi = 0, len(sentence)
    for b in _CLAUSE_BREAK.finditer(sentence):
        if b.end() <= start:
            lo = b.end()
        elif b.start() >= end:
            hi = b.start()
            break
    return lo, hi


def _scoped(ents, clause: Tuple[int, int]):
    """Pupil groups, year groups and years count only inside the figure's clause (year groups and
    years fall back to the whole sentence); measure words are read from the whole sentence."""
    inside = [e for e in ents if clause[0] <= e.start and e.end <= clause[1]]
    out = [e for e in inside]
    for label in ("year_group", "academic_year"):
        if not any(e.label == label for e in inside):
            out += [e for e in ents if e.label == label]
    out += [e for e in ents if e.label in ("destination", "activity_type") and e not in inside]
    return out


@dataclass(frozen=True)
class Claim:
    said: str
    status: str  # "match", "mismatch" or "unchecked"
    message: str
    measure: str = ""
    true_figure: str = ""


def _said_value(match: re.Match, kind: str) -> Tuple[Decimal, str, bool]:
    if kind == "pct":
        raw = match.group(1)
        return Decimal(raw), f"{raw}%", "." in raw
    count, base = int(match.group(1)), int(match.group(2))
    value = Decimal(count) * 100 / Decimal(base) if base else Decimal(0)
    return value, f"{count} of {base}", True


def _agrees(said: Decimal, precise: bool, figure: Figure) -> bool:
    tolerance = Decimal("0.05") if precise else Decimal("0.5")
    return abs(said - figure.percent) <= tolerance


class ClaimChecker:
    def __init__(self, ev: Evidence):
        self.ev = ev
        self.span = ev.span()

    def check(self, text: str) -> List[Claim]:
        claims: List[Claim] = []
        for sentence in _SENTENCE.split(text or ""):
            found = [(m, "pct") for m in _PCT.finditer(sentence)] + [(m, "frac") for m in _FRACTION.finditer(sentence)]
            if not found:
                continue
            ents = nlp.entities(sentence)
            for m, kind in sorted(found, key=lambda x: x[0].start()):
                value, said, precise = _said_value(m, kind)
                if kind == "frac" and int(m.group(2)) == 0:
                    continue
                if re.search(r"\bfrom\s*$", sentence[:m.start()], re.I) and re.match(r"\s*(%|per ?cent)?\s*to\b", sentence[m.end():], re.I):
                    claims.append(Claim(said, "unchecked", f"I can't check {said}: it reads as an earlier figure (\"from {said} to ...\"); "
                                                           f"name its year and I'll check it."))
                    continue
                clause = _clause(sentence, m.start(), m.end())
                claims.append(self._check_one(sentence, _scoped(ents, clause), value, said, precise))
        return claims[:8]

    # -- which measure does the sentence talk about?
    def _resolve(self, sentence: str, ents) -> Optional[Tuple[str, Figure, str]]:
        groups = nlp.values(ents, "pupil_group")
        group = groups[0] if groups and groups[0] in GROUPS else "all"
        ygs = nlp.values(ents, "year_group")
        years = nlp.values(ents, "academic_year")
        dests = nlp.values(ents, "destination")
        acts = nlp.values(ents, "activity_type")
        this = self.span.this_year
        if _PROVIDER.search(sentence) or "provider_encounter" in acts:
            if not this or not ygs:
                return None
            y = max(int(v) for v in ygs[0].split("-"))
            phase = 1 if y <= 9 else (2 if y <= 11 else 3)
            cohort = cohort_for(y, this)
            r = self.ev.provider_access(cohort, phase, group)
            return ("provider_access", r.figure, f"the {r.cohort} cohort (Year 11 in {r.cohort}) having two provider encounters in phase {phase}")
        if _WORKPLACE.search(sentence) or _GUIDANCE.search(sentence) or "workplace_experience" in acts or "personal_guidance" in acts:
            atype = "workplace_experience" if (_WORKPLACE.search(sentence) or "workplace_experience" in acts) else "personal_guidance"
            if not this:
                return None
            if _BY16.search(sentence) or not ygs or ygs[0] in ("11", "10-11"):
                cohort = self.ev.cohorts_with_year11()[0] if self.ev.cohorts_with_year11() else None
                if years and years[0] not in ("this_year", "last_year", "year_before"):
                    cohort = int(years[0][:4]) + 1
                elif years and years[0] == "last_year":
                    cohort = this - 1
                if cohort is None:
                    return None
                r = self.ev.by_16(atype, cohort, group)
                return (f"{atype}_by_16", r.figure, f"{atype.replace('_', ' ')} by 16 for the {r.cohort} Year 11 cohort")
            y = int(ygs[0].split("-")[0])
            year = self._activity_year(years)
            c = self.ev.coverage(atype, year, [y], group)[0]
            return (atype, c.figure, f"Year {y} {atype.replace('_', ' ')} in {academic_year_label(year)}")
        if _EMPLOYER.search(sentence) or "employer_encounter" in acts:
            if not this:
                return None
            year = self._activity_year(years)
            ys = [int(ygs[0].split("-")[0])] if ygs and "-" not in ygs[0] else (
                [int(v) for v in range(int(ygs[0].split("-")[0]), int(ygs[0].split("-")[1]) + 1)] if ygs else list(range(7, 14)))
            rows = self.ev.coverage("employer_encounter", year, ys, group)
            count, base = sum(c.figure.count for c in rows), sum(c.figure.base for c in rows)
            who = f"Year {ys[0]}" if len(ys) == 1 else ("all year groups" if len(ys) == 7 else f"Years {ys[0]}-{ys[-1]}")
            return ("employer_encounters", self.ev.figure(count, base), f"{who} meeting an employer in {academic_year_label(year)}")
        if _DEST_WORDS.search(sentence) or dests:
            stage = "16-18" if (ygs and ygs[0] in ("12", "13", "12-13")) or re.search(r"sixth[- ]form leavers|16-18|year 13", sentence, re.I) else "ks4"
            avail = self.ev.destination_years(stage)
            if not avail:
                return None
            year = avail[-1]
            if years and years[0] == "year_before":
                year = avail[-1] - 1
            elif years and years[0] not in ("this_year", "last_year"):
                year = int(years[0][:4]) + 1
            if year not in avail:
                return None
            cat = "not_sustained" if _NEET.search(sentence) else next((d for d in dests if d in CATEGORY_LABELS), "sustained")
            bd = self.ev.destinations(stage, year, group)
            who = "" if group == "all" else f", {GROUPS[group]}"
            name = "16-18" if stage == "16-18" else "KS4"
            what = "" if cat == "sustained" else f" ({CATEGORY_LABELS[cat]})"
            return (f"destinations_{stage}", bd.figures[cat], f"{name} {bd.leaving_year} leavers{who}{what}")
        return None

    def _activity_year(self, years) -> int:
        this = self.span.this_year
        if not years or years[0] == "this_year":
            return this
        if years[0] == "last_year":
            return this - 1
        if years[0] == "year_before":
            return this - 2
        return int(years[0][:4]) + 1

    def _check_one(self, sentence: str, ents, value: Decimal, said: str, precise: bool) -> Claim:
        resolved = self._resolve(sentence, ents)
        if resolved is None:
            return Claim(said, "unchecked", f"I can't check {said} against your records: the sentence doesn't name a measure they hold.")
        measure, figure, context = resolved
        if figure.base == 0:
            return Claim(said, "unchecked", f"I can't check {said}: your records hold nothing for {context}.", measure)
        if figure.suppressed:
            return Claim(said, "unchecked", f"I can't check {said}: the group for {context} is too small to report.", measure)
        true = figure.text()
        if _agrees(value, precise, figure):
            return Claim(said, "match", f"You said {said}, which matches your records: {true} for {context}.", measure, true)
        return Claim(said, "mismatch", f"You said {said}; your records show {true} for {context}.", measure, true)
