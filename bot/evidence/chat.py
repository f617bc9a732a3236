"""Plain-English evidence questions: interpret a question (with follow-up context) and reply.

No Rasa imports: the action passes the intent, the message text and the entities, plus the
context saved from the previous evidence question (an `EvidenceContext`, bot/evidence/context.py), and gets
back a reply and the new context. The action converts the context to and from its slot's plain dict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bot import routing, spelling
from bot.buttons import Button, intent_button
from bot.evidence import query, reference
from bot.evidence.context import EvidenceContext, Pending, Query
from bot.evidence.figures import Figure, fmt
from bot.evidence.measures import ACTIVITY_LABELS, ACTIVITY_MEASURE, CATEGORY_LABELS, GROUPS, Evidence
from bot.evidence.query import YEAR_GROUPS
from bot.interview import bank
from bot.records.vocab import academic_year_label, cohort_for, parse_academic_year

INTENT_MEASURE = {
    "ask_destinations": "destinations",
    "ask_not_sustained": "not_sustained",
    "ask_data_gaps": "missing",
    "ask_activity_coverage": "coverage",
    "ask_provider_access": "provider_access",
    "ask_benchmarks": "benchmarks",
    "ask_flags": "flags",
}
MEASURE_THEME = {
    "destinations_ks4": "destinations",
    "destinations_16_18": "destinations",
    "not_sustained": "destinations",
    "leavers_without_destination": "destinations",
    "disadvantaged_gap": "individual_needs",
    "employer_encounters": "employer_encounters",
    "workplace_experience": "workplace_experience",
    "workplace_experience_by_16": "workplace_experience",
    "personal_guidance": "personal_guidance",
    "personal_guidance_by_16": "personal_guidance",
    "provider_access": "further_higher_education",
    "provider_encounters": "further_higher_education",
    "higher_education_visits": "further_higher_education",
    "labour_market_information": "labour_market_information",
    "careers_lessons": "curriculum",
    "benchmark_coverage": "programme_leadership",
    "parent_engagement": "programme_leadership",
}


CATEGORY_STAGE = {"school_sixth_form": "ks4", "sixth_form_college": "ks4", "higher_education": "16-18"}
OTHER_GROUP = {
    "disadvantaged": "not_disadvantaged",
    "not_disadvantaged": "disadvantaged",
    "female": "male",
    "male": "female",
    "send": "no_sen",
    "no_sen": "send",
}


@dataclass
class Reply:
    text: str
    context: EvidenceContext
    buttons: list[Button] = field(default_factory=list)


def _first(entities: Sequence[tuple[str, str]], label: str) -> str | None:
    for lab, val in entities:
        if lab == label:
            return val
    return None


def _all(entities: Sequence[tuple[str, str]], label: str) -> list[str]:
    return [v for lab, v in entities if lab == label]


def _named_measure(text: str, said: query.About) -> str | None:
    """The measure the words name outright ("leavers" alone names none: "and for the 2023/24 leavers?")."""
    m = said.measure
    if m == "destinations" and not query.cues()["measure"]["destinations_named"].search(text):
        return None
    return m


def _same_measure(named: str, current: str) -> bool:
    """ "and work experience?" after work experience by 16 stays by 16; NEET after destinations is a new measure."""
    return named == current or (named == "coverage" and current == "by16")


def _family(measure: str) -> str:
    if measure in ("destinations", "not_sustained"):
        return "records"
    return "activities" if measure in ("coverage", "by16", "provider_access") else measure


def _intent_measure(base: str, named: str | None, said: query.About) -> str:
    """The intent's measure, unless the words name another outright ("work experience before the end of Year 11")."""
    if named is None or named == base:
        return base
    records = ("destinations", "not_sustained", "missing")
    activities = ("coverage", "by16", "provider_access")
    if base in records and named in activities:
        return named
    if base == "destinations" and named in ("not_sustained", "missing"):
        return named
    if base in activities + ("benchmarks",) and named in activities and not (base == "benchmarks" and said.benchmark):
        return named
    if base in activities + ("benchmarks",) and named in records and not said.activity_type:
        return named
    return base


def _ref(ay: str | None) -> query.YearRef | None:
    return query.YearRef("after") if ay == "year_after" else query.year_ref(ay)


def _year_value(ref: query.YearRef | None) -> str | None:
    """A year the reader found in the words ("22/23", "class of 2023") as an academic_year entity value."""
    if ref is None:
        return None
    if ref.kind == "label" and ref.end:
        return academic_year_label(ref.end)
    return {"this": "this_year", "last": "last_year", "before": "year_before", "after": "year_after"}.get(ref.kind)


def _fresh(measure: str, said: query.About, intent: str, group: str = "all") -> Query:
    q = Query(measure, group=group)
    q.trend = said.trend
    q.compare = bool(said.compare) or intent == "ask_comparison"
    q.scope = said.compare or ("national" if q.compare else None)
    return q


class EvidenceChat:
    """Answers evidence questions for one school."""

    def __init__(self, ev: Evidence):
        self.ev = ev
        self.span = ev.span()

    # ------------------------------------------------------------ interpretation
    def interpret(self, intent: str, text: str, entities: Sequence[tuple[str, str]], context: EvidenceContext | None):
        """Return a Query, or a Reply asking back when the question is ambiguous."""
        context = context or EvidenceContext()
        text = spelling.corrected_text(text or "")
        said = query.about(text)
        prev = context.query
        if (
            intent in INTENT_MEASURE
            and prev is not None
            and routing.rules().follow_up_start.search(text)
            and (_named_measure(text, said) is not None or _family(INTENT_MEASURE[intent]) == _family(prev.measure))
        ):
            intent = "followup"  # "and what about the NEETs?": a new measure, in the same conversation
        q = self._start(intent, text, said, prev)
        if q is None:
            return Reply(
                'What would you like me to look at? For example: "KS4 destinations last year", '
                '"employer encounters by year group" or "provider access for our Year 9s".',
                context,
            )
        follow = (
            intent in ("followup", "ask_comparison")
            and prev is not None
            and (q.measure == prev.measure or _family(q.measure) == _family(prev.measure) in ("records", "activities"))
        )
        yg = self._apply_entities(q, intent, said, entities, follow)
        asked = self._stage(q, said, yg, context)
        if asked is not None:
            return asked
        ay = _first(entities, "academic_year") or _year_value(said.year)
        err = self._resolve_year(q, ay, prev if follow else None, text)
        if err:
            return Reply(err, context.with_query(replace(q, year=None)))  # follow-ups still know the measure
        if q.measure == "coverage" and not q.activity_type:
            context = context.with_pending(Pending.of(intent, text, entities))
            return Reply(
                "Which activity do you mean?",
                context,
                [
                    intent_button("Employer encounters", "ask_activity_coverage", activity_type="employer encounters"),
                    intent_button("Workplace experience", "ask_activity_coverage", activity_type="work experience"),
                    intent_button("Personal guidance", "ask_activity_coverage", activity_type="personal guidance"),
                    intent_button("Careers lessons", "ask_activity_coverage", activity_type="careers lessons"),
                ],
            )
        return q

    def _start(self, intent: str, text: str, said: query.About, prev: Query | None) -> Query | None:
        """The query before entities: a follow-up keeps the previous one unless it names a new measure."""
        named = _named_measure(text, said)
        if intent in ("followup", "ask_comparison"):
            if prev is None:
                return _fresh(named, said, intent) if named else None
            if named and not _same_measure(named, prev.measure):
                q = _fresh(named, said, intent, group=prev.group)  # an explicit new measure replaces the previous one
                if _family(named) == _family(prev.measure) == "records":
                    q.stage, q.year = prev.stage, prev.year
                elif _family(named) == _family(prev.measure) == "activities":
                    q.year_groups = list(prev.year_groups)
                return q
            q = replace(prev, year_groups=list(prev.year_groups))
            q.compare = intent == "ask_comparison" or bool(said.compare)
            q.scope = said.compare or ("national" if q.compare else None)
            if intent == "followup":
                q.trend = said.trend or (q.trend and said.year is None)
            if q.measure == "coverage" and query.cues()["measure"]["by16"].search(text):
                q.measure = "by16"
            return q
        return _fresh(_intent_measure(INTENT_MEASURE.get(intent, "destinations"), named, said), said, intent)

    def _apply_entities(self, q: Query, intent: str, said: query.About, entities, follow: bool) -> str | None:
        """Entities override the query; returns the year group named (canonical), if any."""
        group = _first(entities, "pupil_group") or (said.group if said.group in GROUPS else None)
        if group is None and follow and said.other_group and q.group in OTHER_GROUP:
            group = OTHER_GROUP[q.group]  # "and for everyone else?"
        if group in GROUPS:
            q.group = group
        elif not follow:
            q.group = q.group if intent in ("followup", "ask_comparison") else "all"
        yg = _first(entities, "year_group")
        if yg:
            q.year_groups = list(said.year_groups or YEAR_GROUPS.get(yg, ()))
            if follow:
                q.cohort, q.phase = None, None
        elif not follow:
            q.year_groups = list(said.year_groups) if q.measure not in ("destinations", "not_sustained") else []
        atype = _first(entities, "activity_type")
        if atype:
            if atype == "provider_encounter" and q.measure == "coverage" and not follow:
                q.measure = "provider_access"
            q.activity_type = atype
            if follow and q.measure not in ("coverage", "by16") and not (atype == "provider_encounter" and q.measure == "provider_access"):
                q.measure = "coverage"
        dest = _first(entities, "destination")
        if said.category == "school_sixth_form" and q.measure in ("destinations", "not_sustained"):
            dest = dest or "school_sixth_form"
            if yg == "12-13" and said.stage != "16-18":
                q.year_groups, yg = [], None
        if dest and q.measure in ("destinations", "not_sustained"):
            if dest == "not_sustained" and q.measure == "destinations":
                q.measure = "not_sustained"
            q.category = None if dest in ("sustained", "not_sustained") else dest
        bm = _first(entities, "benchmark")
        if bm:
            q.benchmark = int(bm)
            if q.measure != "benchmarks" and intent == "followup":
                q.measure = "benchmarks"
        return yg

    def _stage(self, q: Query, said: query.About, yg: str | None, context: EvidenceContext) -> Reply | None:
        """Destinations' stage from the words and year groups; both stages when unstated and the school has both."""
        if q.measure not in ("destinations", "not_sustained"):
            return None
        if said.stage == "16-18" or yg in ("12", "13", "12-13"):
            q.stage = "16-18"
        elif said.stage == "ks4" or yg in ("11", "10-11"):
            q.stage = "ks4"
        elif yg:
            return Reply(
                f"Destinations are recorded for pupils leaving Year 11 (KS4) and the sixth form (16-18), not for "
                f"Year {yg}. For Year {yg} I can show employer encounters or provider access.",
                context,
                [
                    intent_button(
                        f"Employer encounters Year {yg}",
                        "ask_activity_coverage",
                        year_group=f"Year {yg}",
                        activity_type="employer encounters",
                    )
                ],
            )
        if q.stage in (None, "both") and q.category in CATEGORY_STAGE:
            q.stage = CATEGORY_STAGE[q.category]  # only Year 11 leavers stay on in a sixth form; only sixth formers go to university
        stages = [s for s in ("ks4", "16-18") if self.span.last_leavers.get(s)]
        if q.stage is None or (q.stage == "both" and len(stages) < 2):
            if not stages:
                return Reply("Your records hold no destinations yet. Import destinations.csv with `coach import`.", context)
            q.stage = stages[0] if len(stages) == 1 else "both"
        return None

    def _resolve_year(self, q: Query, ay: str | None, prev: Query | None, text: str) -> str | None:
        """Set the query's year (or cohort and phase); a plain-English reason when the records can't answer."""
        if q.measure in ("destinations", "not_sustained"):
            return self._leaving_year(q, ay, prev)
        if q.measure == "missing":
            return self._missing_year(q, ay, prev)
        if q.measure in ("coverage", "benchmarks", "flags"):
            span, this = self.span, self.span.this_year
            if this is None:
                return "Your records hold no careers activities yet. Import activities.csv with `coach import`."
            q.year = query.activity_year(_ref(ay), this, q.year if prev else None)
            if q.measure != "flags" and not (span.first_activity_year <= q.year <= this):
                return (
                    f"Your activity records cover {academic_year_label(span.first_activity_year)} to "
                    f"{academic_year_label(this)}; there is nothing for {academic_year_label(q.year)}."
                )
            return None
        if q.measure in ("by16", "provider_access"):
            return self._cohort(q, ay, prev, text)
        return None

    def _leaving_year(self, q: Query, ay: str | None, prev: Query | None) -> str | None:
        years = self._destination_years(q.stage)
        if not years:
            return f"Your records hold no {self._stage_name(q.stage)} destinations."
        q.year = query.leaving_year(_ref(ay), years, q.year if prev else None)
        if q.year not in years and not q.trend:
            return (
                f"Your records hold no {self._stage_name(q.stage)} destinations for {academic_year_label(q.year)} leavers; "
                f"they cover {academic_year_label(years[0])} to {academic_year_label(years[-1])} leavers."
            )
        return None

    def _missing_year(self, q: Query, ay: str | None, prev: Query | None) -> str | None:
        years = self.ev.destination_years("ks4")
        if not years:
            return "Your records hold no KS4 destinations yet, so I can't tell which leavers are missing one."
        base_year = years[-1]
        if ay in ("last_year", "this_year", None):
            q.year = q.year if (prev and prev.measure == "missing" and ay is None and q.year) else base_year
        elif ay in ("year_before", "year_after"):
            q.year = (q.year or base_year) + (1 if ay == "year_after" else -1)
        else:
            q.year = int(ay[:4]) + 1
        return None

    def _cohort(self, q: Query, ay: str | None, prev: Query | None, text: str) -> str | None:
        this = self.span.this_year
        if this is None:
            return "Your records hold no careers activities yet. Import activities.csv with `coach import`."
        relative = ("this_year", "last_year", "year_before", "year_after")
        if ay and ay not in relative:
            year = int(ay[:4]) + 1
            if q.year_groups and "leaver" not in text.lower() and "cohort" not in text.lower():
                q.cohort = cohort_for(q.year_groups[0], year)
            else:
                q.cohort = year
        elif q.year_groups:
            ref = {"last_year": this - 1, "year_before": this - 2}.get(ay or "", this)
            q.cohort = cohort_for(q.year_groups[0], ref)
        elif ay in ("last_year", "year_before", "year_after"):
            step = 1 if ay == "year_after" else -1
            q.cohort = q.cohort + step if prev and prev.cohort else this + (step if ay != "year_before" else -2)
        if q.measure == "provider_access" and q.year_groups:
            y = q.year_groups[-1] if len(q.year_groups) > 1 else q.year_groups[0]
            q.phase = 1 if y <= 9 else (2 if y <= 11 else 3)
        named = [n for n in (1, 2, 3) if query.cues()["measure"][f"phase_{n}"].search(text)]
        if q.measure == "provider_access" and len(named) == 1:
            q.phase = named[0]  # "phase 2" said outright
        return None

    # ------------------------------------------------------------ answering
    def answer(self, intent: str, text: str, entities: Sequence[tuple[str, str]], context: EvidenceContext | None) -> Reply:
        context = context or EvidenceContext()
        pending = context.pending
        if pending and intent in ("followup",) and entities:
            merged = list(pending.entities) + [tuple(e) for e in entities]
            # The answer to a question we asked back: re-run the original question with it.
            rest = text if not text.startswith("/") else ""
            return self.answer(pending.intent, pending.text + " " + rest, merged, context.with_pending(None))
        result = self.interpret(intent, text, entities, context)
        if isinstance(result, Reply):
            return result
        q = result
        buttons: list[Button] = []
        if q.stage == "both":
            body = self._reply_both(q)
            buttons = [
                intent_button("KS4 in detail", "followup", year_group="KS4"),
                intent_button("16-18 in detail", "followup", year_group="sixth form"),
            ]
        else:
            body = getattr(self, f"_reply_{q.measure}")(q)
        return Reply(body, EvidenceContext().with_query(q), buttons)

    # -- helpers
    def _destination_years(self, stage: str | None) -> list[int]:
        if stage == "both":
            return sorted(set(self.ev.destination_years("ks4")) | set(self.ev.destination_years("16-18")))
        return self.ev.destination_years(stage)

    @staticmethod
    def _stage_name(stage: str | None) -> str:
        return {"16-18": "16-18", "both": "KS4 or 16-18"}.get(stage or "", "KS4")

    def _reply_both(self, q: Query) -> str:
        """Both stages briefly, KS4 first, when the question doesn't say which leavers."""
        handler = getattr(self, f"_reply_{q.measure}")
        if q.trend:
            return "\n\n".join(handler(replace(q, stage=s)).split("\nAn inspector may ask")[0] for s in ("ks4", "16-18"))
        who = "" if q.group == "all" else f", {GROUPS[q.group]}"
        lines = [f"{academic_year_label(q.year)} leavers{who}, both stages (KS4 first):"]
        for stage, name in (("ks4", "KS4 (Year 11 leavers)"), ("16-18", "16-18 (sixth-form leavers)")):
            lines.append(f"- {name}: {self._brief(replace(q, stage=stage))}")
        lines.append('Say "KS4" or "sixth form" for the full breakdown of either.')
        return "\n".join(lines)

    def _brief(self, q: Query) -> str:
        """One line for one stage: the measure's figure and the reference, if any."""
        if q.year not in self.ev.destination_years(q.stage):
            return f"no destinations recorded for {academic_year_label(q.year)} leavers."
        bd = self.ev.destinations(q.stage, q.year, q.group)
        cat = "not_sustained" if q.measure == "not_sustained" else (q.category if q.category in bd.figures else "sustained")
        f = bd.figures[cat]
        if f.suppressed:
            return f"too few leavers to report (fewer than {self.ev.min_group})."
        what = {"sustained": "in a sustained destination", "not_sustained": "did not sustain education, an apprenticeship or employment"}
        line = f"{f.text('leavers')} {what.get(cat, 'went to ' + CATEGORY_LABELS[cat])}."
        ref = (self._ref_line(f, q, cat) or self._local_part(f, q, cat)).strip()
        return line + (f" {ref}" if ref else "")

    def _next_question(self, measure_key: str, seed: int = 0) -> str:
        theme = MEASURE_THEME.get(measure_key)
        qs = sorted(bank.for_measure(measure_key), key=lambda q: (q.theme != theme, q.id))
        if not qs:
            return ""
        q = qs[seed % len(qs)]
        return f'\nAn inspector may ask: "{q.text}"'

    def _ref_label(self, q: Query, leaving_end: int, category: str, group: str | None = None) -> str:
        """ "national, 2019/20 leavers, 2020/21 destinations release, provisional (since superseded)"."""
        rel = reference.release(q.stage, leaving_end, group or q.group, category)
        return f"national, {academic_year_label(leaving_end)} leavers" + (f", {rel}" if rel else "")

    def _ref_line(self, f: Figure, q: Query, category: str) -> str:
        line = ""
        if f.reference is not None and f.gap is not None:
            direction = "above" if f.gap > 0 else ("below" if f.gap < 0 else "level with")
            label = self._ref_label(q, parse_academic_year(f.reference.leaving_year), category)
            line = f"\nNational figure ({label}): {fmt(f.reference.percent)}%. You are {fmt(abs(f.gap))} points {direction} it."
            if f.flagged:
                line += f" A gap of {fmt(Decimal(str(self.ev.flag_gap)))} points or more is one an inspector may ask you to explain."
        return line + self._local_part(f, q, category) if f.reference is not None else line

    def _local_part(self, f: Figure, q: Query, category: str) -> str:
        """The local authority's figure, when the comparison asks for it (or there is no national one)."""
        if not q.compare:
            return ""
        if q.scope == "local" or (f.reference is None and self.ev.reference(q.stage, q.year, q.group, category, scope="local")):
            return self._local_line(f, q, category)
        return ""

    def _local_line(self, f: Figure, q: Query, category: str) -> str:
        local = self.ev.reference(q.stage, q.year, q.group, category, scope="local")
        if local is None:
            return (
                f"\nNo local authority figure for {academic_year_label(q.year)} leavers is loaded. Load your authority's "
                f"figures with `coach reference FILE` (the same columns as the national file) to compare with them."
            )
        text = f"\nLocal figure ({local.scope}, {local.leaving_year} leavers): {fmt(local.percent)}%."
        if f.percent is not None:
            gap = f.percent - local.percent
            text += f" You are {fmt(abs(gap))} points {'above' if gap > 0 else ('below' if gap < 0 else 'level with')} it."
        return text

    def _no_reference(self, q: Query, category: str) -> str:
        stage, year, group = q.stage, q.year, q.group
        have = sorted({(k[1]) for k in self.ev.references()["national"] if k[0] == stage and k[2] == group and k[3] == category})
        text = f"\nThere is no national figure for {academic_year_label(year)} leavers"
        if group != "all":
            text += f" ({GROUPS[group]})"
        text += " in the reference figures I hold"
        if have:
            text += "; the nearest are for " + ", ".join(f"{academic_year_label(y)}" for y in have) + " leavers"
            nearest = min(have, key=lambda y: abs(y - year))
            ref = self.ev.reference(stage, nearest, group, category)
            text += f" ({self._ref_label(q, nearest, category)}: {fmt(ref.percent)}%)"
        return text + "."

    # -- measures
    def _reply_destinations(self, q: Query) -> str:
        if q.trend:
            return self._destinations_trend(q)
        stage, label = self._stage_name(q.stage), academic_year_label(q.year)
        who = "" if q.group == "all" else f", {GROUPS[q.group]}"
        bd = self.ev.destinations(q.stage, q.year, q.group)
        if q.category and q.category not in ("sustained",):
            cat = q.category if q.category in bd.figures else "sustained"
            f = bd.figures[cat]
            text = f"{stage} {label} leavers{who}: {f.text('leavers')} went to {CATEGORY_LABELS[cat]}."
            text += self._ref_line(f, q, cat)
            if q.compare and f.reference is None:
                text += self._no_reference(q, cat) + self._local_part(f, q, cat)
            return text
        f = bd.figures["sustained"]
        if f.base == 0:
            return f"Your records hold no {stage} destinations for {label} leavers{who}."
        if f.suppressed:
            return (
                f"{stage} {label} leavers{who}: the group is too small to report (fewer than {self.ev.min_group} leavers), "
                f"so I don't give a percentage for it."
            )
        text = f"{stage} {label} leavers{who}: {f.text('leavers')} in a sustained destination."
        if q.compare:
            if f.reference is not None:
                return text + self._ref_line(f, q, "sustained")
            return text + self._no_reference(q, "sustained") + self._local_part(f, q, "sustained")
        return text + self._breakdown(q, bd, f)

    def _breakdown(self, q: Query, bd, f: Figure) -> str:
        """The categories, the reference, missing destinations and the disadvantaged gap."""
        parts = [
            f"{CATEGORY_LABELS[cat]} {c.count} ({fmt(c.percent)}%)"
            for cat in (
                "school_sixth_form",
                "further_education",
                "sixth_form_college",
                "higher_education",
                "apprenticeship",
                "employment",
                "other_education",
                "not_sustained",
                "not_captured",
            )
            if (c := bd.figures[cat]).count and c.percent is not None
        ]
        text = ("\n" + "; ".join(parts) + ".") if parts else ""
        if f.reference is not None:
            text += self._ref_line(f, q, "sustained")
        elif q.group == "all":
            text += self._no_reference(q, "sustained")
        label = academic_year_label(q.year)
        if q.group == "all" and q.stage == "ks4":
            m = self.ev.missing_destinations(q.year)
            if m.count:
                text += f"\n{m.count} of the {m.leavers} {label} Year 11 leavers have no destination recorded (not in these figures)."
        if q.group in ("disadvantaged", "not_disadvantaged"):
            other = "not_disadvantaged" if q.group == "disadvantaged" else "disadvantaged"
            o = self.ev.destinations(q.stage, q.year, other).figures["sustained"]
            if o.percent is not None:
                gap = o.percent - f.percent if q.group == "disadvantaged" else f.percent - o.percent
                text += f"\n{GROUPS[other].capitalize()}: {o.text('leavers')}; the gap is {fmt(gap)} points."
            return text + self._next_question("disadvantaged_gap")
        return text + self._next_question("destinations_16_18" if q.stage == "16-18" else "destinations_ks4")

    def _destinations_trend(self, q: Query) -> str:
        who = "" if q.group == "all" else f", {GROUPS[q.group]}"
        rows = self.ev.trend(q.stage, q.group)
        cat = q.category or "sustained"
        lines = [f"{self._stage_name(q.stage)} destinations, {CATEGORY_LABELS[cat]}{who}, by leaving year:"]
        for bd in rows:
            f = bd.figures[cat]
            ref = ""
            if f.reference is not None and f.percent is not None:
                rel = reference.release(q.stage, parse_academic_year(bd.leaving_year), q.group, cat)
                ref = f" (national {fmt(f.reference.percent)}%" + (f", {rel}" if rel else "") + ")"
            lines.append(f"- {bd.leaving_year}: {f.text('leavers')}{ref}")
        firsts = [bd.figures[cat].percent for bd in rows if bd.figures[cat].percent is not None]
        if len(firsts) >= 2:
            change = firsts[-1] - firsts[0]
            lines.append(f"Change over the period: {'+' if change >= 0 else ''}{fmt(change)} points.")
        key = "destinations_16_18" if q.stage == "16-18" else "destinations_ks4"
        return "\n".join(lines) + self._next_question(key, 1)

    def _reply_not_sustained(self, q: Query) -> str:
        stage = self._stage_name(q.stage)
        who = "" if q.group == "all" else f", {GROUPS[q.group]}"
        if q.trend:
            lines = [f"{stage} leavers not in a sustained destination{who}, by leaving year:"]
            for bd in self.ev.trend(q.stage, q.group):
                f = bd.figures["not_sustained"]
                lines.append(f"- {bd.leaving_year}: {f.text('leavers')}")
            return "\n".join(lines) + self._next_question("not_sustained")
        bd = self.ev.destinations(q.stage, q.year, q.group)
        label = academic_year_label(q.year)
        f, nc = bd.figures["not_sustained"], bd.figures["not_captured"]
        if f.base == 0:
            return f"Your records hold no {stage} destinations for {label} leavers{who}."
        text = f"{stage} {label} leavers{who}: {f.text('leavers')} did not sustain education, an apprenticeship or employment"
        if nc.percent is not None:
            text += f", and the activity of {nc.text('leavers')} was not captured"
        text += "."
        text += self._ref_line(f, q, "not_sustained")
        if q.compare and f.reference is None:
            text += self._no_reference(q, "not_sustained") + self._local_part(f, q, "not_sustained")
        return text + self._next_question("not_sustained")

    def _reply_missing(self, q: Query) -> str:
        years = self.ev.destination_years("ks4")[-5:]
        lines = []
        if q.trend or q.year is None:
            lines.append("Year 11 leavers with no KS4 destination recorded:")
            for y in years:
                m = self.ev.missing_destinations(y)
                lines.append(f"- {m.leaving_year}: {m.count} of {m.leavers}")
            return "\n".join(lines) + self._next_question("leavers_without_destination")
        m = self.ev.missing_destinations(q.year)
        note = (
            ""
            if q.group == "all"
            else f"\n(I can't split missing destinations by group: this is every Year 11 leaver, not only {GROUPS[q.group]}.)"
        )
        if not m.leavers:
            return f"Your records hold no Year 11 leavers for {m.leaving_year}."
        text = (
            f"{m.count} of the {m.leavers} pupils who were on roll in Year 11 in {m.leaving_year} have no KS4 destination "
            f"recorded. They are a data gap and are left out of every destination rate."
        )
        if not m.count:
            text = f"Every one of the {m.leavers} pupils on roll in Year 11 in {m.leaving_year} has a KS4 destination recorded."
        bd = self.ev.destinations("ks4", q.year)
        nc = bd.figures["not_captured"]
        if nc.count and nc.percent is not None:
            text += f"\nA further {nc.text('leavers')} have a destination of \"activity not captured\"."
        return text + note + self._next_question("leavers_without_destination")

    def _reply_coverage(self, q: Query) -> str:
        atype = q.activity_type or "employer_encounter"
        label = academic_year_label(q.year)
        groups = q.year_groups or list(range(7, 14))
        rows = self.ev.coverage(atype, q.year, groups, q.group)
        who = "" if q.group == "all" else f" ({GROUPS[q.group]})"
        what = ACTIVITY_LABELS[atype]
        if q.trend and len(groups) == 1:
            lines = [f"Year {groups[0]} pupils with at least {what}{who}, by year:"]
            for y in range(self.span.first_activity_year, self.span.this_year + 1):
                c = self.ev.coverage(atype, y, groups, q.group)[0]
                lines.append(f"- {academic_year_label(y)}: {c.figure.text('pupils')}")
            return "\n".join(lines)
        if len(rows) == 1:
            c = rows[0]
            text = f"{label}: {c.figure.text(f'Year {c.year_group} pupils')}{who} had at least {what}."
            if c.figure.base == 0:
                text = f"Your records hold no Year {c.year_group} pupils on roll in {label}{who}."
        else:
            text = f"Pupils with at least {what} in {label}{who}, by year group:\n" + "\n".join(
                f"- Year {c.year_group}: {c.figure.text()}" for c in rows
            )
        if atype == "employer_encounter":
            short = [c for c in rows if c.figure.percent is not None and Decimal(100) - c.figure.percent >= self.ev.flag_gap]
            if short:
                text += (
                    "\nBenchmark 5 expects every pupil to have at least one meaningful employer encounter every year; "
                    + ", ".join(f"Year {c.year_group}" for c in short)
                    + " fall short."
                )
        if q.compare:
            text += "\nThere is no national figure for this measure; the Gatsby Benchmarks expect every pupil."
        return text + self._next_question(ACTIVITY_MEASURE.get(atype, "employer_encounters"))

    def _reply_by16(self, q: Query) -> str:
        types = (
            [q.activity_type]
            if q.activity_type in ("workplace_experience", "personal_guidance")
            else ["personal_guidance", "workplace_experience"]
        )
        cohorts = [q.cohort] if q.cohort else self.ev.cohorts_with_year11()[:2]
        lines = []
        for cohort in cohorts:
            for atype in types:
                r = self.ev.by_16(atype, cohort, q.group)
                who = "" if q.group == "all" else f" ({GROUPS[q.group]})"
                lines.append(f"- {ACTIVITY_LABELS[atype].capitalize()} by 16, {r.cohort} Year 11 cohort{who}: {r.figure.text('pupils')}")
        key = "personal_guidance_by_16" if types[0] == "personal_guidance" else "workplace_experience_by_16"
        if q.compare:
            lines.append("There is no national figure for this measure; Benchmarks 6 and 8 expect every pupil by 16.")
        return "\n".join(lines) + self._next_question(key)

    def _reply_provider_access(self, q: Query) -> str:
        if q.cohort:
            phases = [q.phase] if q.phase else [1, 2, 3]
            results = [self.ev.provider_access(q.cohort, p, q.group) for p in phases]
            results = [r for r in results if r.figure.base]
            if not results:
                return f"Your records hold no pupils of the {academic_year_label(q.cohort)} cohort for that phase."
        else:
            this = self.span.this_year
            current = {cohort_for(y, this) for y in range(8, 14)}
            results = [r for r in self.ev.provider_access_all(q.group) if cohort_for(11, int(r.cohort[:4]) + 1) in current]
            if not results:
                return "Your records don't cover a whole provider access window yet."
        lines = ["Provider access (at least two provider encounters in each phase):"]
        for r in results:
            first, second = r.years
            lines.append(
                f"- {r.cohort} cohort (Year 11 in {r.cohort}), phase {r.phase}: Year {first} to 28 February of Year {second} "
                f"({r.window_start:%d %b %Y} to {r.window_end:%d %b %Y}), {r.statutory}: {r.figure.text('pupils')}; "
                f"{r.encounters_held} encounter(s) held; {r.status}."
            )
        short = [r for r in results if r.phase in (1, 2) and r.figure.percent is not None and r.figure.percent < 100]
        if short:
            lines.append("The law expects every pupil to have both encounters in phases 1 and 2; phase 3 must be offered.")
        if q.compare:
            lines.append("There is no national figure for provider access: the duty applies to every pupil.")
        return "\n".join(lines) + self._next_question("provider_access")

    def _reply_benchmarks(self, q: Query) -> str:
        rows = self.ev.benchmark_coverage(q.year)
        if q.benchmark:
            rows = [r for r in rows if r.benchmark == q.benchmark]
        lines = [
            f"Gatsby benchmarks in your {academic_year_label(q.year)} activity records (pupils on roll reached by at least one activity tagged with the benchmark):"
        ]
        for r in rows:
            lines.append(f"- Benchmark {r.benchmark}: {r.activities} activities; {r.figure.text('pupils')}")
        lines.append("Records show activity, not whether a benchmark is fully met: Compass is where you self-evaluate each benchmark.")
        if q.compare:
            lines.append(
                "Nationally, schools met 5.96 of the 8 benchmarks on average in 2024/25 (Compass self-evaluation, the last "
                "year on the original benchmarks). That compares with your Compass result for 2024/25, not with these "
                "records, and not with a 2025/26 result on the refreshed benchmarks."
            )
        return "\n".join(lines) + self._next_question("benchmark_coverage")

    def _reply_flags(self, q: Query) -> str:
        flags = self.ev.flags()
        if not flags:
            return "Nothing in your records crosses the thresholds I check. An inspector may still ask how you evaluate impact."
        lines = ["What an inspector may pick up on, largest first:"]
        for i, f in enumerate(flags[:6], 1):
            lines.append(f'{i}. {f.message} They may ask: "{f.question}"')
        if len(flags) > 6:
            lines.append(f"(and {len(flags) - 6} more; `coach evidence` lists them all)")
        return "\n".join(lines)
