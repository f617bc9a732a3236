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
from bot.evidence import query, reference, replies
from bot.evidence.context import EvidenceContext, Pending, Query
from bot.evidence.figures import Figure
from bot.evidence.measures import ACTIVITY_LABELS, ACTIVITY_MEASURE, CATEGORY_LABELS, GROUPS, Evidence
from bot.evidence.query import YEAR_GROUPS
from bot.interview import bank
from bot.records.vocab import ACTIVITY_TYPES, academic_year_label, cohort_for, parse_academic_year

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
    if base == "missing" and named == "destinations" and said.category == "not_captured":
        return named  # "activity not captured" is a destination recorded as such, not a leaver with none
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
            and (query.named_measure(text, said) is not None or _family(INTENT_MEASURE[intent]) == _family(prev.measure))
        ):
            intent = "followup"  # "and what about the NEETs?": a new measure, in the same conversation
        q = self._start(intent, text, said, prev)
        if q is None:
            return Reply(replies.WHAT_TO_LOOK_AT, context)
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
            kept = q.year if q.measure in ("destinations", "not_sustained") and q.year in self._destination_years("both") else None
            return Reply(err, context.with_query(replace(q, year=kept)))  # follow-ups still know the measure, and a year held
        if q.measure == "coverage" and not q.activity_type and len(q.year_groups) != 1:  # one year group: every activity
            context = context.with_pending(Pending.of(intent, text, entities))
            return Reply(
                replies.WHICH_ACTIVITY,
                context,
                [
                    intent_button(
                        replies.ACTIVITY_BUTTONS["employer encounters"], "ask_activity_coverage", activity_type="employer encounters"
                    ),
                    intent_button(replies.ACTIVITY_BUTTONS["work experience"], "ask_activity_coverage", activity_type="work experience"),
                    intent_button(
                        replies.ACTIVITY_BUTTONS["personal guidance"], "ask_activity_coverage", activity_type="personal guidance"
                    ),
                    intent_button(replies.ACTIVITY_BUTTONS["careers lessons"], "ask_activity_coverage", activity_type="careers lessons"),
                ],
            )
        return q

    def _start(self, intent: str, text: str, said: query.About, prev: Query | None) -> Query | None:
        """The query before entities: a follow-up keeps the previous one unless it names a new measure."""
        named = query.named_measure(text, said)
        if intent in ("followup", "ask_comparison"):
            if prev is None:  # "gb5 for pp kids 2024-25" with nothing before it: that benchmark
                named = named or ("benchmarks" if said.benchmark else None)
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
        atype = _first(entities, "activity_type") or said.activity_type
        if atype:
            if atype == "provider_encounter" and q.measure == "coverage" and not follow and said.measure != "coverage":
                q.measure = "provider_access"
            q.activity_type = atype
            if follow and q.measure not in ("coverage", "by16") and not (atype == "provider_encounter" and q.measure == "provider_access"):
                q.measure = "coverage"
        dest = _first(entities, "destination") or (said.category if said.category in CATEGORY_LABELS else None)  # "fe", "higher ed"
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
        """Destinations' stage from the words and year groups; both stages when unstated and the school has both.
        Missing destinations are Year 11's (KS4) only: a question about sixth-form leavers keeps 16-18, to be told so,
        and one about all leavers, at a school with a sixth form, is both (the Year 11 count, and what the records
        do with a sixth-form leaver who has no row)."""
        if q.measure == "missing":
            if said.stage == "16-18" or yg in ("12", "13", "12-13"):
                q.stage = "16-18"
            elif said.stage == "ks4" or yg or not self.span.last_leavers.get("16-18"):
                q.stage = "ks4"
            elif q.stage is None:
                q.stage = "both"  # a follow-up keeps the stage it had
            return None
        if q.measure not in ("destinations", "not_sustained"):
            return None
        if said.stage is not None:  # the stage the words name ("post 16 destinations of last year's Year 11s": KS4)
            q.stage = said.stage
        elif yg in ("12", "13", "12-13"):
            q.stage = "16-18"
        elif yg in ("11", "10-11"):
            q.stage = "ks4"
        elif yg:
            return Reply(
                replies.no_destinations_for_year_group(yg),
                context,
                [
                    intent_button(
                        replies.employer_encounters_button(yg),
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
                return Reply(replies.NO_DESTINATIONS_YET, context)
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
                return replies.NO_ACTIVITIES_YET
            q.year = query.activity_year(_ref(ay), this, q.year if prev else None)
            if q.measure != "flags" and not (span.first_activity_year <= q.year <= this):
                return replies.activity_years_cover(span.first_activity_year, this, q.year)
            return None
        if q.measure in ("by16", "provider_access"):
            return self._cohort(q, ay, prev, text)
        return None

    def _leaving_year(self, q: Query, ay: str | None, prev: Query | None) -> str | None:
        years = self._destination_years(q.stage)
        if not years:
            # "sixth form destinations last year" with no sixth form: "last year" is still the year talked about
            q.year = query.leaving_year(_ref(ay), self._destination_years("both"), q.year if prev else None)
            return replies.no_stage_destinations(self._stage_name(q.stage))
        q.year = query.leaving_year(_ref(ay), years, q.year if prev else None)
        if q.year not in years and not q.trend:
            return replies.stage_destinations_cover(self._stage_name(q.stage), q.year, years[0], years[-1])
        return None

    def _missing_year(self, q: Query, ay: str | None, prev: Query | None) -> str | None:
        years = self.ev.destination_years("ks4")
        if not years:
            return replies.NO_KS4_DESTINATIONS_FOR_MISSING
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
            return replies.NO_ACTIVITIES_YET
        relative = ("this_year", "last_year", "year_before", "year_after")
        named_cohort = query.about(text).cohort_of  # "last year's year 11 ... in y10 and y11": that Year 11
        if ay is None and prev is not None and prev.cohort and q.cohort and not query.year_groups_named(text):
            pass  # "compare with the LA" after last year's Year 11: the same cohort
        elif ay and ay not in relative:
            year = int(ay[:4]) + 1
            if q.year_groups and "leaver" not in text.lower() and "cohort" not in text.lower():
                q.cohort = cohort_for(q.year_groups[0], year)
            else:
                q.cohort = year
        elif q.year_groups:
            ref = {"last_year": this - 1, "year_before": this - 2}.get(ay or "", this)
            q.cohort = cohort_for(named_cohort or q.year_groups[0], ref)
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
        if q.stage == "both" and q.measure != "missing":
            body = self._reply_both(q)
            buttons = [
                intent_button(replies.STAGE_DETAIL_BUTTONS["ks4"], "followup", year_group="KS4"),
                intent_button(replies.STAGE_DETAIL_BUTTONS["16-18"], "followup", year_group="sixth form"),
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
        return replies.stage_name(stage)

    def _reply_both(self, q: Query) -> str:
        """Both stages briefly, KS4 first, when the question doesn't say which leavers."""
        handler = getattr(self, f"_reply_{q.measure}")
        if q.trend:
            return "\n\n".join(handler(replace(q, stage=s)).split("\nAn inspector may ask")[0] for s in ("ks4", "16-18"))
        who = "" if q.group == "all" else f", {GROUPS[q.group]}"
        lines = [replies.both_stages_heading(q.year, who)]
        for stage in ("ks4", "16-18"):
            lines.append(replies.both_stages_line(stage, self._brief(replace(q, stage=stage))))
        lines.append(replies.BOTH_STAGES_FOOTER)
        return "\n".join(lines)

    def _brief(self, q: Query) -> str:
        """One line for one stage: the measure's figure and the reference, if any."""
        if q.year not in self.ev.destination_years(q.stage):
            return replies.brief_no_destinations(q.year)
        bd = self.ev.destinations(q.stage, q.year, q.group)
        cat = "not_sustained" if q.measure == "not_sustained" else (q.category if q.category in bd.figures else "sustained")
        f = bd.figures[cat]
        if f.suppressed:
            return replies.brief_too_few(self.ev.min_group)
        line = replies.brief_figure(f, cat, CATEGORY_LABELS[cat])
        ref = (self._ref_line(f, q, cat) or self._local_part(f, q, cat)).strip()
        if q.compare and q.scope != "local" and f.reference is None:  # "how does that compare nationally", as one stage's reply says
            ref = (self._no_reference(q, cat) + self._local_part(f, q, cat)).strip()
        return line + (f" {ref}" if ref else "")

    def _next_question(self, measure_key: str, seed: int = 0) -> str:
        theme = MEASURE_THEME.get(measure_key)
        qs = sorted(bank.for_measure(measure_key), key=lambda q: (q.theme != theme, q.id))
        if not qs:
            return ""
        q = qs[seed % len(qs)]
        return replies.inspector_may_ask(q.text)

    def _ref_label(self, q: Query, leaving_end: int, category: str, group: str | None = None) -> str:
        """ "national, 2019/20 leavers, 2020/21 destinations release, provisional (since superseded)"."""
        rel = reference.release(q.stage, leaving_end, group or q.group, category)
        return replies.reference_label(leaving_end, rel)

    def _ref_line(self, f: Figure, q: Query, category: str) -> str:
        line = ""
        if f.reference is not None and f.gap is not None:
            label = self._ref_label(q, parse_academic_year(f.reference.leaving_year), category)
            line = replies.national_line(label, f.reference.percent, f.gap)
            if f.flagged:
                line += replies.flag_gap_note(self.ev.flag_gap)
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
            return replies.no_local_figure(q.year)
        gap = f.percent - local.percent if f.percent is not None else None
        return replies.local_line(local.scope, local.leaving_year, local.percent, gap)

    def _no_reference(self, q: Query, category: str) -> str:
        stage, year, group = q.stage, q.year, q.group
        have = sorted({(k[1]) for k in self.ev.references()["national"] if k[0] == stage and k[2] == group and k[3] == category})
        group_name = GROUPS[group] if group != "all" else None
        if not have:
            return replies.no_national_figure(year, group_name, [], "", None)
        nearest = min(have, key=lambda y: abs(y - year))
        ref = self.ev.reference(stage, nearest, group, category)
        return replies.no_national_figure(year, group_name, have, self._ref_label(q, nearest, category), ref.percent)

    # -- measures
    def _reply_destinations(self, q: Query) -> str:
        if q.trend:
            return self._destinations_trend(q)
        stage = self._stage_name(q.stage)
        who = "" if q.group == "all" else f", {GROUPS[q.group]}"
        bd = self.ev.destinations(q.stage, q.year, q.group)
        if q.category and q.category not in ("sustained",):
            cat = q.category if q.category in bd.figures else "sustained"
            f = bd.figures[cat]
            text = replies.went_to(stage, q.year, who, f, CATEGORY_LABELS[cat])
            text += self._ref_line(f, q, cat)
            if q.compare and f.reference is None:
                text += self._no_reference(q, cat) + self._local_part(f, q, cat)
            return text
        f = bd.figures["sustained"]
        if f.base == 0:
            return replies.no_destinations_for_leavers(stage, q.year, who)
        if f.suppressed:
            return replies.group_too_small(stage, q.year, who, self.ev.min_group)
        text = replies.sustained(stage, q.year, who, f)
        if q.compare:
            if f.reference is not None:
                return text + self._ref_line(f, q, "sustained")
            return text + self._no_reference(q, "sustained") + self._local_part(f, q, "sustained")
        return text + self._breakdown(q, bd, f)

    def _breakdown(self, q: Query, bd, f: Figure) -> str:
        """The categories, the reference, missing destinations and the disadvantaged gap."""
        parts = [
            replies.category_part(CATEGORY_LABELS[cat], c.count, c.percent)
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
        if q.group == "all" and q.stage == "ks4":
            m = self.ev.missing_destinations(q.year)
            if m.count:
                text += replies.missing_in_breakdown(m.count, m.leavers, q.year)
        if q.group in ("disadvantaged", "not_disadvantaged"):
            other = "not_disadvantaged" if q.group == "disadvantaged" else "disadvantaged"
            o = self.ev.destinations(q.stage, q.year, other).figures["sustained"]
            if o.percent is not None:
                gap = o.percent - f.percent if q.group == "disadvantaged" else f.percent - o.percent
                text += replies.other_group_gap(GROUPS[other], o, gap)
            return text + self._next_question("disadvantaged_gap")
        return text + self._next_question("destinations_16_18" if q.stage == "16-18" else "destinations_ks4")

    def _destinations_trend(self, q: Query) -> str:
        who = "" if q.group == "all" else f", {GROUPS[q.group]}"
        rows = self.ev.trend(q.stage, q.group)
        cat = q.category or "sustained"
        lines = [replies.destinations_trend_heading(self._stage_name(q.stage), CATEGORY_LABELS[cat], who)]
        for bd in rows:
            f = bd.figures[cat]
            ref = ""
            if f.reference is not None and f.percent is not None:
                rel = reference.release(q.stage, parse_academic_year(bd.leaving_year), q.group, cat)
                ref = replies.trend_national(f.reference.percent, rel)
            lines.append(replies.trend_line(bd.leaving_year, f, ref=ref))
        firsts = [bd.figures[cat].percent for bd in rows if bd.figures[cat].percent is not None]
        if len(firsts) >= 2:
            change = firsts[-1] - firsts[0]
            lines.append(replies.change_over_period(change))
        key = "destinations_16_18" if q.stage == "16-18" else "destinations_ks4"
        return "\n".join(lines) + self._next_question(key, 1)

    def _reply_not_sustained(self, q: Query) -> str:
        stage = self._stage_name(q.stage)
        who = "" if q.group == "all" else f", {GROUPS[q.group]}"
        if q.trend:
            lines = [replies.not_sustained_trend_heading(stage, who)]
            for bd in self.ev.trend(q.stage, q.group):
                lines.append(replies.trend_line(bd.leaving_year, bd.figures["not_sustained"]))
            return "\n".join(lines) + self._next_question("not_sustained")
        bd = self.ev.destinations(q.stage, q.year, q.group)
        f, nc = bd.figures["not_sustained"], bd.figures["not_captured"]
        if f.base == 0:
            return replies.no_destinations_for_leavers(stage, q.year, who)
        text = replies.not_sustained(stage, q.year, who, f, nc if nc.percent is not None else None)
        text += self._ref_line(f, q, "not_sustained")
        if q.compare and f.reference is None:
            text += self._no_reference(q, "not_sustained") + self._local_part(f, q, "not_sustained")
        return text + self._next_question("not_sustained")

    def _reply_missing(self, q: Query) -> str:
        years = self.ev.destination_years("ks4")[-5:]
        lines = [replies.MISSING_KS4_ONLY] if q.stage == "16-18" else []
        after = replies.MISSING_SIXTH_FORM if q.stage == "both" else ""
        if q.trend or q.year is None:
            lines.append(replies.MISSING_TREND_HEADING)
            for y in years:
                m = self.ev.missing_destinations(y)
                lines.append(replies.missing_trend_line(m.leaving_year, m.count, m.leavers))
            return "\n".join(lines) + after + self._next_question("leavers_without_destination")
        m = self.ev.missing_destinations(q.year)
        note = "" if q.group == "all" else replies.missing_not_by_group(GROUPS[q.group])
        if not m.leavers:
            return replies.no_year11_leavers(m.leaving_year)
        text = "".join(line + "\n" for line in lines) + replies.missing(m.count, m.leavers, m.leaving_year)
        bd = self.ev.destinations("ks4", q.year)
        nc = bd.figures["not_captured"]
        if nc.count and nc.percent is not None:
            text += replies.not_captured_too(nc)
        return text + note + after + self._next_question("leavers_without_destination")

    def _reply_every_activity(self, q: Query) -> str:
        """One year group, no activity named ("how much careers have yr 7 had this yr"): each activity type's coverage."""
        [yg] = q.year_groups
        who = "" if q.group == "all" else f" ({GROUPS[q.group]})"
        rows = [(ACTIVITY_LABELS[a], self.ev.coverage(a, q.year, [yg], q.group)[0].figure) for a in ACTIVITY_TYPES]
        return replies.coverage_every_activity(q.year, yg, who, rows)

    def _reply_coverage(self, q: Query) -> str:
        if not q.activity_type:
            return self._reply_every_activity(q)
        atype = q.activity_type or "employer_encounter"
        groups = q.year_groups or list(range(7, 14))
        rows = self.ev.coverage(atype, q.year, groups, q.group)
        who = "" if q.group == "all" else f" ({GROUPS[q.group]})"
        what = ACTIVITY_LABELS[atype]
        if q.trend and len(groups) == 1:
            lines = [replies.coverage_trend_heading(groups[0], what, who)]
            for y in range(self.span.first_activity_year, self.span.this_year + 1):
                c = self.ev.coverage(atype, y, groups, q.group)[0]
                lines.append(replies.coverage_trend_line(y, c.figure))
            return "\n".join(lines)
        if len(rows) == 1:
            text = replies.coverage_one(q.year, rows[0].year_group, rows[0].figure, who, what)
        else:
            text = replies.coverage_by_year_group(q.year, who, what, [(c.year_group, c.figure) for c in rows])
        if atype == "employer_encounter":
            known = [c for c in rows if c.figure.percent is not None]
            short = [(c.year_group, c.figure) for c in known if Decimal(100) - c.figure.percent >= self.ev.flag_gap]
            below = [c.year_group for c in known if 0 < Decimal(100) - c.figure.percent < self.ev.flag_gap]
            if short:
                text += replies.benchmark_5_short(short, below, self.ev.flag_gap)
        if q.compare:
            text += replies.COVERAGE_NO_NATIONAL
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
                lines.append(replies.by16_line(ACTIVITY_LABELS[atype], r.cohort, who, r.figure))
        key = "personal_guidance_by_16" if types[0] == "personal_guidance" else "workplace_experience_by_16"
        if q.compare:
            lines.append(replies.BY16_NO_NATIONAL)
        return "\n".join(lines) + self._next_question(key)

    def _reply_provider_access(self, q: Query) -> str:
        if q.cohort:
            phases = [q.phase] if q.phase else [1, 2, 3]
            results = [self.ev.provider_access(q.cohort, p, q.group) for p in phases]
            results = [r for r in results if r.figure.base]
            if not results:
                return replies.no_cohort_pupils(q.cohort)
        else:
            this = self.span.this_year
            current = {cohort_for(y, this) for y in range(8, 14)}
            results = [r for r in self.ev.provider_access_all(q.group) if cohort_for(11, int(r.cohort[:4]) + 1) in current]
            if not results:
                return replies.NO_PROVIDER_ACCESS_WINDOW
        lines = [replies.PROVIDER_ACCESS_HEADING] + [replies.provider_access_line(r) for r in results]
        short = [r for r in results if r.phase in (1, 2) and r.figure.percent is not None and r.figure.percent < 100]
        if short:
            lines.append(replies.PROVIDER_ACCESS_SHORT)
        if q.compare:
            lines.append(replies.PROVIDER_ACCESS_NO_NATIONAL)
        return "\n".join(lines) + self._next_question("provider_access")

    def _reply_benchmarks(self, q: Query) -> str:
        rows = self.ev.benchmark_coverage(q.year)
        if q.benchmark:
            rows = [r for r in rows if r.benchmark == q.benchmark]
        lines = [replies.benchmarks_heading(q.year)]
        lines += [replies.benchmark_line(r.benchmark, r.activities, r.figure) for r in rows]
        lines.append(replies.BENCHMARKS_NOT_MET)
        if q.compare:
            lines.append(replies.BENCHMARKS_NATIONAL)
        return "\n".join(lines) + self._next_question("benchmark_coverage")

    def _reply_flags(self, q: Query) -> str:
        flags = self.ev.flags()
        if not flags:
            return replies.NO_FLAGS
        lines = [replies.FLAGS_HEADING] + [replies.flag_line(i, f.message, f.question) for i, f in enumerate(flags[:6], 1)]
        if len(flags) > 6:
            lines.append(replies.more_flags(len(flags) - 6))
        return "\n".join(lines)
