"""The claim check: every figure in a text, read by `query.read`, compared with the school's records.

Verdicts: "match" (agrees at the precision said), "mismatch" (with the record's figure, count,
base and what it is), "reference" (a national or local figure, compared with the reference file
when it holds one), "unchecked" (and why). When the reading is unsure (which stage, which year,
which measure) the figure is never called a mismatch: it is unchecked, with the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import product

from bot import spelling
from bot.evidence import query
from bot.evidence.figures import Figure, fmt, round_half_away
from bot.evidence.measures import ACTIVITY_LABELS, ACTIVITY_MEASURE, CATEGORY_LABELS, GROUPS, Evidence, ProviderAccess
from bot.evidence.numbers import agrees, count_agrees
from bot.evidence.query import About, Statement, YearRef
from bot.records.vocab import academic_year_label, cohort_for, year_start

OTHER_SIDE = {
    "disadvantaged": "not_disadvantaged",
    "not_disadvantaged": "disadvantaged",
    "send": "no_sen",
    "sen_k": "no_sen",
    "sen_e": "no_sen",
    "no_sen": "send",
    "female": "male",
    "male": "female",
}
WHY_SUBJECT = {
    "target": "it is a target, not something your records hold",
    "other": "it comes from a source your records don't hold (a survey, Compass, another school, exam or staff figures)",
}


@dataclass(frozen=True)
class Verdict:
    said: str
    verdict: str  # match, mismatch, reference, unchecked
    subject: str  # school, national, local, target, other
    message: str
    measure: str = ""
    true_figure: str = ""
    count: int | None = None
    base: int | None = None
    start: int = -1  # where the figure stands in the text checked
    end: int = -1

    @property
    def status(self) -> str:
        return self.verdict

    def as_dict(self) -> dict:
        return {**asdict(self), "status": self.verdict}


ORDER = ("mismatch", "match", "reference", "unchecked")


def by_weight(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """Mismatches first, then matches, reference figures and what could not be checked (stable within each)."""
    return sorted(verdicts, key=lambda v: ORDER.index(v.verdict))


@dataclass(frozen=True)
class Target:
    """A figure in the records that a statement may be about."""

    measure: str
    figure: Figure
    what: str
    year: int | None = None
    gap: Decimal | None = None  # for gap statements: the records' gap in points, from the figures as shown
    exact_gap: Decimal | None = None  # the same gap from the unrounded rates: a gap said either way agrees
    open_until: date | None = None  # a provider access window still open: its figure is a count so far


# Misremembered figures are a few points out. Further than this from the record, a figure is more likely
# read as the wrong one: its clause names no measure (FAR_UNSAID), or the measure alone (FAR_SAID).
FAR_UNSAID = 15
_TWO_ENCOUNTERS = re.compile(r"\b(two|both|2|second|phase|access|baker|pal|window|statutory|legal\w*|law|duty)\b", re.I)
FAR_SAID = 30
_WINDOW = re.compile(r"\b(?:window|phase)\b", re.I)
_EDUCATION = re.compile(r"\beducation\b", re.I)


class ClaimChecker:
    """Checks texts against one school's records."""

    def __init__(self, ev: Evidence):
        self.ev = ev
        self.span = ev.span()
        self._said_year: YearRef | None = None
        self._asked: About | None = None  # what the question being answered asked about

    def check(self, text: str, question: str | None = None, context: About | None = None) -> list[Verdict]:
        """A verdict for every figure in ``text``, in order (``question``: the question it answers)."""
        self._asked = query.about(question) if question else None
        start = self._asked.over(context) if self._asked is not None else context
        typed = spelling.correct(text)  # "evry Year 9 met an employer": read as meant, reported where typed
        verdicts: list[Verdict] = []
        anchor: int | None = None
        named: int | None = None  # the last year named outright, whoever's figure it was
        self._said_year = None  # the year the previous figure of ours said outright
        for st in query.read(typed.text, start):
            ref = st.about.year
            relative = ref is not None and ref.kind in ("before", "after") and named is not None
            # "nationally 96% ... for 2019/20, so our 93.1% for the year after": after the year named, not ours before
            verdict, year = self._verdict(st, named if relative else anchor)
            at, end = typed.to_original(st.start, st.end)
            verdict = replace(verdict, said=text[at:end], start=at, end=end)
            talked_about = st.subject == "school" and year is not None and not query.looking_back(st.clause)
            if talked_about:
                anchor = year  # the year just talked about; not "up from 90% last year"
            named = st.own.year.end if st.own.year is not None and st.own.year.kind == "label" else year if talked_about else named
            verdicts.append(verdict)
            if st.subject == "school":
                self._said_year = st.about.year if _said_for(st).year is not None else None
        return verdicts

    # ------------------------------------------------------------ one statement
    def _verdict(self, st: Statement, anchor: int | None) -> tuple[Verdict, int | None]:
        if st.subject in WHY_SUBJECT:
            return Verdict(st.said, "unchecked", st.subject, f"I didn't check {st.said}: {WHY_SUBJECT[st.subject]}."), None
        if st.subject in ("national", "local"):
            return self._reference(st, anchor), None
        if st.value.kind == "events":
            return self._events(st, anchor)
        unheld = _unheld(st)
        if unheld:
            return Verdict(
                st.said, "unchecked", "school", f"I can't check {st.said} against your records: they hold nothing about {unheld}."
            ), None
        found = self._targets(st.about, st.value.is_gap, anchor)
        if isinstance(found, str):
            return Verdict(st.said, "unchecked", "school", f"I can't check {st.said} against your records: {found}."), None
        verdict = self._compare(st, found)
        if verdict.verdict != "match":
            verdict = self._as_asked(st, verdict, anchor)
        return verdict, found[0].year

    def _as_asked(self, st: Statement, carried: Verdict, anchor: int | None) -> Verdict:
        """A figure whose destination its clause leaves unsaid, read from an earlier clause, checked as the question
        asked it too ("How do their sustained destinations compare?" - "... 100% went on to college or sixth form, and
        for SEN support it was about 90%"): right as asked, it is right; wrong both ways, the question's figure first;
        doubtful either way, a doubt."""
        a, asked = st.about, self._asked
        if asked is None or asked.measure != "destinations" or a.measure != "destinations" or st.own.category is not None:
            return carried
        if (asked.category or "sustained") == (a.category or "sustained"):
            return carried
        found = self._targets(replace(a, category=asked.category), st.value.is_gap, anchor)
        if isinstance(found, str):
            return carried
        as_asked = self._compare(replace(st, about=replace(a, category=asked.category)), found)
        if as_asked.verdict == "match":
            return as_asked
        if carried.verdict != "mismatch" or as_asked.verdict != "mismatch":
            return carried  # a doubt either way stays a doubt
        return replace(
            as_asked,
            message=f"{as_asked.message[:-1]}, as the question asks; and {carried.true_figure}% for the {_category_said(a)} the answer names.",
        )

    def _compare(self, st: Statement, targets: list[Target]) -> Verdict:
        usable = [t for t in targets if t.figure.base and not t.figure.suppressed]
        if not usable:
            t = targets[0]
            why = "the group is too small to report" if t.figure.suppressed else "your records hold nothing"
            return Verdict(st.said, "unchecked", "school", f"I can't check {st.said}: {why} for {t.what}.", t.measure)
        for t in usable:
            if self._agrees(st, t):
                return self._said_match(st, t)
        if len({(t.figure.count, t.figure.base, t.gap) for t in usable}) == 1:
            usable = usable[:1]  # two readings, one figure: "guidance by 16" and "Year 11 this year" alike
        roll = self._roll_as_base(st, usable) or self._wrong_for_both_stages(st, usable)
        if roll is not None:
            return roll
        if len(usable) > 1:
            options = "; ".join(f"{t.what}: {self._true_text(t)}" for t in usable)
            return Verdict(
                st.said, "unchecked", "school", f"I can't tell which figure {st.said} is: it matches none of {options}. Say which you mean."
            )
        t = usable[0]
        named = self._reading_of_the_base(st, t)
        if named is not None:
            return self._said_match(st, named)  # "all 627 students": the whole school, by its size
        doubt = self._doubt(st, t)
        if doubt:
            return Verdict(st.said, "unchecked", "school", doubt)
        return self._against(st, t, "mismatch", f"You said {_said(st)}; your records show {self._true_text(t)} for {t.what}.")

    def _roll_as_base(self, st: Statement, usable: list[Target]) -> Verdict | None:
        """ "12 of our 14 leavers" when 12 of the 13 with a destination sustained and one has none recorded: the Year 11
        roll said as the base. Its count and base pin the KS4 reading, whichever stage the words leave open."""
        if st.value.kind != "fraction":
            return None
        for t in usable:
            if not t.measure.startswith("destinations_ks4") or t.year is None:
                continue
            m = self.ev.missing_destinations(t.year)
            if st.value.base == m.leavers != t.figure.base and _UNKNOWN.search(st.clause):
                return self._missing_by_roll(st, m, t.year)  # "3 of our 101 Year 11 leavers are still unknown"
            if _ON_ROLL.search(st.clause):
                continue  # "92 sustained out of 101 on roll": true of the roll, a base the measure doesn't use
            if m.count and st.value.count == t.figure.count and st.value.base == t.figure.base + m.count:
                return self._against(
                    st,
                    t,
                    "mismatch",
                    f"You said {_said(st)}; your records show {self._true_text(t)} for {t.what}: the rate counts the leavers "
                    f"with a destination recorded, and {m.count} of the {m.leavers} have none.",
                )
        return None

    def _wrong_for_both_stages(self, st: Statement, usable: list[Target]) -> Verdict | None:
        """ "Our disadvantaged leavers last year: nearly 90% sustained": wrong at KS4 and at 16-18 alike, so wrong whichever
        stage is meant, when its own sentence says the destination, the year and the pupils, and no other year agrees."""
        said = _said_for(st)
        dest = [t for t in usable if t.measure.startswith("destinations_")]
        if len(dest) != 2 or len(usable) != 2 or st.carried or st.value.kind not in ("percent",):
            return None
        if said.year is None or said.group is None or st.own.category is None or st.own.stage is not None:
            return None
        if any(self._other_cell_alike(st, t) for t in dest) or any(self._far_and_unsure(st, t) for t in dest):
            return None
        ks4, sixth = sorted(dest, key=lambda t: not t.measure.startswith("destinations_ks4"))
        return self._against(
            st,
            ks4,
            "mismatch",
            f"You said {_said(st)}; your records show {self._true_text(ks4)} for {ks4.what}, and "
            f"{self._true_text(sixth)} for {sixth.what}: neither agrees.",
        )

    def _missing_by_roll(self, st: Statement, m, year: int) -> Verdict:
        """A count of the Year 11 roll said to have no destination: the leavers without one on record."""
        t = _missing_target(m, year)
        if self._agrees(st, t):
            return self._said_match(st, t)
        return self._against(st, t, "mismatch", f"You said {_said(st)}; your records show {self._true_text(t)} for {t.what}.")

    def _doubt(self, st: Statement, t: Target) -> str | None:
        """Why a value that disagrees with the record may be a misreading rather than an error, or None."""
        if t.open_until is not None:
            return (
                f"I haven't called {_said(st)} wrong: {t.what} is a window still open until "
                f"{t.open_until:%d %B %Y}, and your records show {self._true_text(t)} so far. "
                f"If you meant an earlier phase, name its years and I'll check it."
            )
        alike = self._other_cell_alike(st, t)
        if alike:
            return (
                f"I can't be sure which figure {_said(st)} is: it agrees with your records "
                f"for {alike}, while {t.what} is {self._true_text(t)}. Say which you mean."
            )
        if self._far_and_unsure(st, t):
            return (
                f"{_said(st)[0].upper() + _said(st)[1:]} is far from your records' figure for "
                f"{t.what} ({self._true_text(t)}), so I may have misread which figure you "
                f"mean: name it in the same sentence and I'll check it."
            )
        compared = _RELATIVE.search(st.clause) and self._said_year is not None  # "... were lower at 87%": than the figure before
        if st.carried and not compared:
            return (
                f"I read {_said(st)} as being about {t.what}, from an earlier sentence, "
                f"so I haven't called it wrong: your records show {self._true_text(t)}. "
                f"Name the measure in the same sentence and I'll check it."
            )
        ref = self._reference_alike(st, t)
        if ref:
            return (
                f"I didn't check {st.said} against your records: it agrees with {ref}. "
                f"If you meant your own figure, your records show {self._true_text(t)} for {t.what}."
            )
        return None

    @staticmethod
    def _far_and_unsure(st: Statement, t: Target) -> bool:
        """Misremembered figures are a few points out; one far out whose clause names no measure is more likely misread."""
        if t.gap is not None or t.figure.percent is None:
            return False
        own = st.own
        own_measure = own.measure not in (None, "destinations") or own.category or own.activity_type
        if not own_measure and not st.carried and _RESTATES.search(st.clause):
            own_measure = True  # "..., and this year's Year 11 are at 100% too": the sentence's measure again, said
        unnamed_category = t.measure.startswith("destinations") and not own_measure and st.value.kind == "fraction"
        if st.value.kind in ("fraction", "all") and st.value.base == t.figure.base and not unnamed_category:
            return False  # "50 of 104", "all six" of the record's 104 or 6 pupils: the right figure, said wrong
        # ("school 6F 6/13": every destination shares the leavers' base, so the base does not say which one)
        if own_measure and (own.year_groups or own.cohort_of or own.year or own.stage):
            return False  # "Every Year 9 met an employer this year": said in full, so checked however far out
        if st.value.kind in ("count", "all_but"):
            return True  # "six went to university": a count with no base is called wrong only when said in full
        distance = abs(st.value.value - t.figure.percent)
        if not own_measure and not st.carried and _named_in_the_sentence(st, own):
            own_measure = True  # "Employer encounters ... this year, ..., and even Year 9, which ..., is at 85%"
        return distance > FAR_UNSAID if not own_measure else distance > FAR_SAID

    def _other_cell_alike(self, st: Statement, t: Target) -> str | None:
        """A value that disagrees with the figure read but agrees with another reading of what the figure's own
        clause leaves unsaid (another stage, leaving or academic year, a pupil group named nearby, a year group
        named in the sentence) is not called an error: the reader may have filled the gap wrongly."""
        if t.gap is not None:
            return None
        other = next((o for o in self._other_targets(st, t) if o.what != t.what and self._agrees(st, o)), None)
        return f"{other.what}: {other.figure.text()}" if other else None

    def _reading_of_the_base(self, st: Statement, t: Target) -> Target | None:
        """The other reading whose pupils number the base said ("all 627 students", "582 of 627"), when the one
        read has another base: a base said names its pupils better than the words carried to it."""
        if t.gap is not None or st.value.base is None or st.value.base == t.figure.base:
            return None
        return next((o for o in self._other_targets(st, t) if o.figure.base == st.value.base and self._agrees(st, o)), None)

    def _other_targets(self, st: Statement, t: Target):
        """The reportable record figures of the statement's other readings (``_other_readings``)."""
        for alt in self._other_readings(st, t):
            found = self._targets(alt, False, None)
            for other in found if isinstance(found, list) else []:
                if other.gap is None and other.figure.base and not other.figure.suppressed:
                    yield other

    def _other_readings(self, st: Statement, t: Target):
        """The statement's reading with each field its own clause leaves unsaid given another value."""
        a, own = st.about, _said_for(st)
        stages = [a.stage] + ([] if st.own.stage or query.about(st.sentence).stage else [s for s in ("ks4", "16-18") if s != a.stage])
        years = [a.year]
        relative = _RELATIVE.search(st.clause) and a.year is not None and a.year == self._said_year
        # "Our EHCP students last year, 100% ..., and for SEN support it was about 90%": another group, the year the sentence named
        named_earlier = own.group is not None and query.about(st.sentence[: st.value.start]).year is not None
        # "Disadvantaged pupils were lower at 87%": lower than the figure before, that year
        if own.year is None and not relative and not named_earlier:
            leavers = t.measure.startswith(("destinations", "leavers"))
            span = range(self.span.first_activity_year or 0, (self.span.this_year or -1) + 1)
            on_record = sorted({*self.ev.destination_years("ks4"), *self.ev.destination_years("16-18")}) if leavers else list(span)
            years += [YearRef("label", y) for y in on_record]
        groups = [a.group] + ([g for g in self._named_groups(st) if g != a.group] if own.group is None else [])
        year_groups = [a.year_groups]
        base_said = st.value.base is not None and st.value.base != t.figure.base  # "all 627 students": not Year 10's 111
        if a.activity_type and (not own.year_groups and not own.cohort_of or base_said):
            named = sorted({y for v in query.year_groups_named(st.sentence) for y in query.YEAR_GROUPS.get(v, ())})
            year_groups += [()] + [(y,) for y in (named or range(7, 14))]
        c = query.cues()  # "were in sustained education" may mean every sustained destination; "stayed in education" doesn't
        loose = a.category == "education" and c["loose_education"].search(st.sentence) and not c["education_alone"].search(st.sentence)
        categories = [a.category] + ([None] if loose else [])
        if a.measure == "destinations" and a.category in (None, "sustained") and _EDUCATION.search(st.clause):
            categories.append("education")  # "KS4 education 83.5%": perhaps education alone, though not said outright
        for stage, year, group, ygs, cat in product(stages, years, groups, year_groups, categories):
            alt = replace(a, stage=stage, year=year, group=group, year_groups=tuple(ygs), category=cat, unsure=())
            if alt != a:
                yield alt
        if a.measure == "provider_access" and not _TWO_ENCOUNTERS.search(st.sentence):
            # "Provider encounters last year reached 57 of 61 pupils on roll": at least one, not the two the law asks
            for year in years:
                yield replace(a, measure="coverage", activity_type="provider_encounter", year=year, cohort_of=None, window=(), unsure=())

    def _named_groups(self, st: Statement) -> list[str]:
        a, said = st.about, query.about(st.sentence)
        groups = [a.group or "all"]
        if st.own.group is None:
            groups += [g for g in (said.group, said.other_group, "all") if g and g not in groups]
            if query.comparative(st.sentence) or "against" in st.sentence.lower():
                groups += [g for g in ("disadvantaged", "not_disadvantaged") if g not in groups]
        return groups

    def _reference_alike(self, st: Statement, t: Target) -> str | None:
        """A 'school' figure that equals a reference figure is most likely a national or local figure said loosely."""
        if t.gap is not None or not t.measure.startswith("destinations"):
            return None
        a = st.about
        stage = a.stage or ("16-18" if "16_18" in t.measure else "ks4")
        cat = a.category or ("not_sustained" if a.measure == "not_sustained" else "sustained")
        for _scope, table in self.ev.references().items():
            for key, ref in table.items():
                if key[0] == stage and key[2] == (a.group or "all") and key[3] == cat and agrees(st.value, ref.percent):
                    return f"the {ref.scope} figure for {academic_year_label(key[1])} leavers ({fmt(ref.percent)}%)"
        return None

    def _said_match(self, st: Statement, t: Target) -> Verdict:
        return self._against(st, t, "match", f"You said {_said(st)}, which agrees with your records: {self._true_text(t)} for {t.what}.")

    def _against(self, st: Statement, t: Target, verdict: str, message: str) -> Verdict:
        """A school figure's verdict with the record's figure, count and base (none for a gap)."""
        count, base = (None, None) if t.gap is not None else (t.figure.count, t.figure.base)
        return Verdict(st.said, verdict, "school", message, t.measure, self._true_value(t), count, base)

    @staticmethod
    def _agrees(st: Statement, t: Target) -> bool:
        if t.gap is not None:
            gaps = [g for g in (t.gap, t.exact_gap) if g is not None]
            return st.value.kind not in ("count", "all_but") and any(agrees(st.value, g) for g in gaps)
        if st.value.kind == "points":
            return False
        return agrees(st.value, t.figure.percent, t.figure.count, t.figure.base)

    @staticmethod
    def _true_value(t: Target) -> str:
        return fmt(t.gap) if t.gap is not None else fmt(t.figure.percent)

    @staticmethod
    def _true_text(t: Target) -> str:
        return f"a gap of {fmt(t.gap)} points" if t.gap is not None else t.figure.text()

    # ------------------------------------------------------------ references
    def _reference(self, st: Statement, anchor: int | None) -> Verdict:
        a = st.about
        scope = "national" if st.subject == "national" else "local"
        stage = a.stage or "ks4"
        cat = a.category or ("not_sustained" if a.measure == "not_sustained" else "sustained")
        years = (
            sorted({k[1] for k in self.ev.references().get(scope, {}) if k[0] == stage and k[2] == (a.group or "all") and k[3] == cat})
            if a.measure in (None, "destinations", "not_sustained")
            else []
        )
        base = Verdict(st.said, "reference", st.subject, "", f"{scope}_{stage}_{cat}")
        if not years or st.value.kind == "points":
            return replace(base, message=f"{st.said} is a {scope} figure; I hold no {scope} reference figure to check it against.")
        wanted = self._reference_year(a.year, anchor, stage)
        year = wanted if wanted in years else min(years, key=lambda y: abs(y - (wanted or years[-1])))
        ref = self.ev.reference(stage, year, a.group or "all", cat, scope)
        same = "agrees with" if agrees(st.value, ref.percent) else "differs from"
        note = "" if year == wanted else f" (I hold none for {academic_year_label(wanted)} leavers)" if wanted else ""
        return replace(
            base,
            message=f"{st.said} is a {scope} figure: it {same} the {scope} figure I hold for "
            f"{academic_year_label(year)} leavers, {fmt(ref.percent)}%{note}. Source: {ref.source}.",
            true_figure=fmt(ref.percent),
        )

    def _reference_year(self, ref: YearRef | None, anchor: int | None, stage: str) -> int | None:
        if ref is not None and ref.kind == "label":
            return ref.end
        return anchor or self.span.last_leavers.get(stage)

    # ------------------------------------------------------------ which figure?
    def _targets(self, a: About, gap: bool, anchor: int | None):
        """Candidate figures for a statement, or a phrase saying why there are none."""
        measure = a.measure or ("destinations" if gap and (a.other_group or a.group) else None)
        if "year_groups" in a.unsure:
            return "the sentence names more than one year group, so I can't tell which figure it is"
        if "group" in a.unsure:
            return "I can't tell which pupil group it is for"
        if measure is None:
            return "the sentence doesn't name a measure they hold"
        if gap:
            return self._gap_targets(replace(a, measure=measure), anchor)
        if measure == "provider_access" and not a.cohort_of and len({_phase(y) for y in a.year_groups}) > 1:
            # "Provider encounters reached 672 of 700 pupils on roll": no one cohort's two encounters, so a coverage
            measure, a = "coverage", replace(a, measure="coverage", activity_type="provider_encounter")
        handler = {
            "destinations": self._destination_targets,
            "not_sustained": self._destination_targets,
            "missing": self._missing_targets,
            "recorded": self._missing_targets,
            "coverage": self._activity_targets,
            "by16": self._by16_targets,
            "provider_access": self._provider_targets,
        }.get(measure)
        if handler is None:
            return "the sentence doesn't name a measure they hold"
        return handler(a, anchor)

    def _stages(self, a: About) -> list[str]:
        if a.stage:
            return [a.stage]
        if a.category == "school_sixth_form":
            return ["ks4"]  # only Year 11 leavers stay on into a sixth form
        return [s for s in ("ks4", "16-18") if self.span.last_leavers.get(s)]

    def _leaving_years(self, ref: YearRef | None, years: Sequence[int], anchor: int | None) -> list[int]:
        year = query.leaving_year(ref, years, anchor)
        return [] if year is None else [year]

    def _destination_targets(self, a: About, anchor: int | None):
        if set(a.year_groups) & {7, 8, 9} or set(a.year_groups) == {10}:  # "KS4" (Years 10-11) is fine
            return "destinations are for Year 11 and sixth-form leavers, and the sentence names another year group"
        stages = self._stages(a)
        if not stages:
            return "they hold no destinations"
        cat = "not_sustained" if a.measure == "not_sustained" and a.category in (None, "sustained") else (a.category or "sustained")
        group = a.group or "all"
        out: list[Target] = []
        for stage in stages:
            years = self.ev.destination_years(stage)
            for year in self._leaving_years(a.year, years, anchor):
                if year not in years:
                    continue
                f = self.ev.destinations(stage, year, group).figures[cat]
                out.append(Target(f"destinations_{stage.replace('-', '_')}", f, self._dest_what(stage, year, group, cat), year))
        if not out:
            return "they hold no destinations for that year"
        return out

    @staticmethod
    def _dest_what(stage: str, year: int, group: str, cat: str) -> str:
        name = "16-18" if stage == "16-18" else "KS4"
        who = "" if group == "all" else f", {GROUPS[group]}"
        return f"{name} {academic_year_label(year)} leavers{who} ({CATEGORY_LABELS[cat]})"

    def _missing_targets(self, a: About, anchor: int | None):
        """Year 11 leavers without a destination on record (or, for "recorded", with one)."""
        if a.stage == "16-18":
            return "they count leavers without a destination for Year 11 leavers only"
        years = self.ev.destination_years("ks4")
        out = []
        for year in self._leaving_years(a.year, years, anchor):
            if year not in years:
                return "they hold no KS4 destinations for that year, so no count of leavers without one"
            out.append(_missing_target(self.ev.missing_destinations(year), year, recorded=a.measure == "recorded"))
        return out or "they hold no KS4 destinations"

    def _activity_year(self, ref: YearRef | None, anchor: int | None) -> int | None:
        return query.activity_year(ref, self.span.this_year, anchor)

    def _activity_targets(self, a: About, anchor: int | None):
        if self.span.this_year is None:
            return "they hold no careers activities"
        atype = a.activity_type
        # Workplace experience and guidance in Years 10-11 are also read as "by 16" for that cohort.
        if (
            atype in ("workplace_experience", "personal_guidance")
            and (not a.year_groups or 11 in a.year_groups or a.cohort_of == 11)
            and set(a.year_groups) <= {10, 11}
            and (a.year is None or a.year.kind in ("this", "last"))
            and not a.within_year  # "interviews held this academic year" counts this year's only
        ):
            by16 = self._by16_targets(a, anchor)
            cover = self._coverage(a, atype, anchor)
            if isinstance(by16, list) and a.year is not None and a.year.kind == "this" and a.before_this_year:
                return by16  # "this year's Year 11 did their work experience week last June": before this year, so by 16
            return (by16 if isinstance(by16, list) else []) + (cover if isinstance(cover, list) else []) or cover
        return self._coverage(a, atype, anchor)

    def _coverage(self, a: About, atype: str, anchor: int | None):
        year = self._activity_year(a.year, anchor)
        if not (self.span.first_activity_year <= year <= self.span.this_year):
            return f"they cover activities from {academic_year_label(self.span.first_activity_year)} to {academic_year_label(self.span.this_year)}"
        groups = list(a.year_groups) or list(range(7, 14))
        rows = self.ev.coverage(atype, year, groups, a.group or "all")
        f = self.ev.figure(sum(c.figure.count for c in rows), sum(c.figure.base for c in rows))
        who = (
            f"Year {groups[0]}"
            if len(groups) == 1
            else ("all pupils in Years 7-13" if len(groups) == 7 else f"Years {groups[0]}-{groups[-1]}")
        )
        if a.group and a.group != "all":
            who += f" ({GROUPS[a.group]})"
        label = query_label(atype)
        return [Target(ACTIVITY_MEASURE[atype], f, f"{who} with at least {label} in {academic_year_label(year)}", year)]

    def _cohort(self, a: About, anchor: int | None) -> int | None:
        this = self.span.this_year
        y = a.cohort_of or (max(a.year_groups) if a.year_groups else 11)
        ref = a.year
        if ref is not None and ref.kind == "label":
            return ref.end if not a.year_groups or a.measure == "by16" and y == 11 else cohort_for(y, ref.end)
        if ref is not None and ref.kind == "last":
            ay = this - 1
        elif ref is not None and ref.kind == "before":
            ay = (anchor or this) - 1
        elif ref is not None and ref.kind == "after" and anchor:
            ay = anchor + 1  # "92.4% for the 2022/23 cohort, 93% the year after"
        else:
            ay = this
        return cohort_for(y, ay)

    def _by16_targets(self, a: About, anchor: int | None):
        atype = a.activity_type if a.activity_type in ("workplace_experience", "personal_guidance") else None
        if atype is None or self.span.this_year is None:
            return "'by 16' figures are for workplace experience and personal guidance"
        cohort = self._cohort(a, anchor)
        if cohort is not None and cohort > self.span.this_year:
            return f"the {academic_year_label(cohort)} cohort is not in Year 11 yet, so its 'by 16' figure is still open"
        r = self.ev.by_16(atype, cohort, a.group or "all")
        who = "" if (a.group or "all") == "all" else f" ({GROUPS[a.group]})"
        return [Target(f"{atype}_by_16", r.figure, f"{query_label(atype)} by 16, {r.cohort} Year 11 cohort{who}", None)]

    def _provider_record(self, a: About, anchor: int | None) -> ProviderAccess | str:
        """The cohort and phase a provider access statement is about, or why it can't be told."""
        if self.span.this_year is None or not (a.year_groups or a.cohort_of):
            return "say which year group or cohort the provider access figure is for"
        y = max(a.window) if a.cohort_of and a.window else (a.cohort_of or max(a.year_groups))
        phase = _phase(y)
        cohort = self._cohort(replace(a, measure="provider_access"), anchor)
        r = self.ev.provider_access(cohort, phase, a.group or "all")
        if self.span.first_activity_year and r.window_start < year_start(self.span.first_activity_year):
            return f"your activity records begin after that cohort's phase {phase} window opened ({r.window_start:%d %B %Y})"
        return r

    def _provider_targets(self, a: About, anchor: int | None):
        r = self._provider_record(a, anchor)
        if isinstance(r, str):
            return r
        return [
            Target(
                "provider_access",
                r.figure,
                f"the {r.cohort} cohort (Year 11 in {r.cohort}) with two provider " f"encounters in phase {r.phase}",
                None,
                open_until=r.window_end if r.status != "complete" else None,
            )
        ]

    def _events(self, st: Statement, anchor: int | None) -> tuple[Verdict, int | None]:
        """Provider events said held ("three provider encounters were held"), against the distinct provider encounters
        the records hold in that cohort's window. Called wrong only when the words say events were held, or say more
        than were held in the window named (no pupil can have had more encounters than were held)."""
        r = self._provider_record(replace(st.about, measure="provider_access"), anchor)
        if isinstance(r, str):
            return Verdict(st.said, "unchecked", "school", f"I can't check {st.said} against your records: {r}."), None
        n, held = int(st.value.value), r.encounters_held
        shown = (
            f"{held} provider encounter{'' if held == 1 else 's'} held in the {r.cohort} cohort's phase {r.phase} window "
            f"({r.window_start:%d %B %Y} to {r.window_end:%d %B %Y})"
        )
        true = Verdict(st.said, "", "school", "", "provider_encounters_held", str(held), held, None)
        if r.status != "complete":
            return replace(
                true,
                verdict="unchecked",
                message=f"I haven't checked {_said(st)}: {shown} so far, and that window is open until {r.window_end:%d %B %Y}.",
            ), None
        if count_agrees(st.value, held):
            return replace(true, verdict="match", message=f"You said {_said(st)}, which agrees with your records: {shown}."), None
        said_held = query.cues()["held"].search(st.clause) or (n > held and _WINDOW.search(st.sentence))
        if said_held:
            return replace(true, verdict="mismatch", message=f"You said {_said(st)}; your records show {shown}."), None
        return replace(
            true,
            verdict="unchecked",
            message=f"I haven't called {_said(st)} wrong: your records show {shown}, but you may mean the encounters each pupil had.",
        ), None

    def _gap_targets(self, a: About, anchor: int | None):
        group = a.group if a.group not in (None, "all") else "disadvantaged"  # a gap is between two groups
        a = replace(a, group=group)
        found = self._destination_targets(a, anchor) if a.measure == "destinations" else None
        if not isinstance(found, list):
            return found or "I check gaps in points for destinations only"
        t = found[0]
        if a.compare and not a.other_group:
            if t.figure.gap is None:
                return f"I hold no reference figure for {t.what}"
            return [
                replace(
                    t,
                    measure=t.measure + "_gap_reference",
                    gap=abs(t.figure.gap),
                    exact_gap=round_half_away(abs(_rate(t.figure) - t.figure.reference.percent)),
                    what=f"{t.what} against the " f"{t.figure.reference.scope} figure",
                )
            ]
        other = self._destination_targets(replace(a, group=OTHER_SIDE.get(group, "not_disadvantaged")), anchor)[0]
        if t.figure.percent is None or other.figure.percent is None:
            return "one of the groups is too small to report"
        gap = round_half_away(abs(t.figure.percent - other.figure.percent))
        return [
            replace(
                t,
                measure=f"{t.measure}_gap",
                gap=gap,
                exact_gap=round_half_away(abs(_rate(t.figure) - _rate(other.figure))),
                what=f"{t.what} against {GROUPS[OTHER_SIDE.get(group, 'not_disadvantaged')]}"
                f" ({t.figure.text()} and {other.figure.text()})",
            )
        ]


_RELATIVE = re.compile(r"\b(?:lower|higher(?! education)|better|worse|behind|ahead)\b", re.I)
_ON_ROLL = re.compile(r"\bon (?:the )?roll\b|\bin the year group\b", re.I)
_UNKNOWN = re.compile(r"\b(?:unknown|not known|no destinations?|missing|untraced|lost track)\b", re.I)
_RESTATES = re.compile(r"\b(?:too|as well|also|again|likewise)\b", re.I)


def _missing_target(m, year: int, recorded: bool = False) -> Target:
    """Year 11 leavers without a destination on record (``recorded``: with one), counted on the Year 11 roll."""
    return Target(
        "leavers_with_destination" if recorded else "leavers_without_destination",
        Figure(m.leavers - m.count if recorded else m.count, m.leavers, 0),
        f"{m.leaving_year} Year 11 leavers with {'a' if recorded else 'no'} destination recorded",
        year,
    )


def _named_in_the_sentence(st: Statement, own: query.About) -> bool:
    """Whether the figure's sentence, up to it, names what its clause leaves unsaid: one activity type, for a figure
    of a year group ("Employer encounters ..., and Year 9 ... is on 85%"), or one destination other than sustained, for
    a figure whose clause names its stage or year ("Apprenticeships are small at KS4, ..., but in the sixth form it
    was a third last year")."""
    said = query.about(st.sentence[: st.value.end])
    if said.measure in ("coverage", "by16") and said.activity_type is not None and said.category is None:
        return bool(st.about.year_groups)
    return said.category not in (None, "sustained", "education") and bool(own.stage or own.year)


def _rate(f: Figure) -> Decimal:
    """A figure's rate, unrounded, in percent."""
    return Decimal(f.count) * 100 / Decimal(f.base)


def _unheld(st: Statement) -> str | None:
    """What the sentence names that the records never hold, when the figure's own clause names nothing they do
    ("... had an offer of a place; we had 100%": September Guarantee offers, not destinations)."""
    own = st.own
    if own.measure is not None or own.category or own.activity_type:
        return None
    cue = query.cues()["unheld"]
    m = cue.search(st.sentence[: st.value.start]) or cue.search(st.clause)  # not "..., which I want to fix before the UCAS deadline"
    return m.group(0) if m else None


def _phase(year_group: int) -> int:
    """The provider access phase a year group is in: Years 8-9, 10-11, 12-13."""
    return 1 if year_group <= 9 else (2 if year_group <= 11 else 3)


def _said_for(st: Statement) -> About:
    """What the words leading to a figure say of its pupils and year: its own clause, and the sentence since the
    figure before ("For last year's Year 11 boys, personal guidance by 16 was 97%": the boys and the year are
    this figure's). Not its stage: "... our sixth form or the college, and 6% started apprenticeships"."""
    before = [v.end for v in query.find_values(st.sentence) if v.end <= st.value.start]
    lead_text = st.sentence[max(before, default=0) : st.value.start]
    lead = query.about(lead_text.rsplit(";", 1)[-1])  # "3 of them had an EHC plan ...; 3 of 43 leavers": not the EHC group's
    return st.own.over(lead, keep=["group", "year", "year_groups", "cohort_of"])


def _category_said(a: About) -> str:
    return CATEGORY_LABELS.get(a.category or "sustained", "destinations")


def _said(st: Statement) -> str:
    """What was said, lower-cased at the start unless it is an acronym ("About 90%" -> "about 90%")."""
    s = st.said
    return s[0].lower() + s[1:] if len(s) > 1 and s[0].isupper() and not s[1].isupper() else s


def query_label(atype: str) -> str:
    return ACTIVITY_LABELS[atype]
