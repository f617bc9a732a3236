"""The evidence chat's wording: each reply (or part of one) named for what it says, from typed values.

bot/evidence/chat.py decides what to say; this module says it. Years are academic-year end years (2025 is
2024/25); `who` texts are the pupil group as the chat shows it (", girls" or " (girls)", empty for everyone).
"""

from __future__ import annotations

from decimal import Decimal

from bot.evidence.figures import Figure, fmt
from bot.records.vocab import academic_year_label

# -- asking back and what the records can't answer
WHAT_TO_LOOK_AT = (
    'What would you like me to look at? For example: "KS4 destinations last year", '
    '"employer encounters by year group" or "provider access for our Year 9s".'
)
WHICH_ACTIVITY = "Which activity do you mean?"
NO_DESTINATIONS_YET = "Your records hold no destinations yet. Import destinations.csv with `coach import`."
NO_ACTIVITIES_YET = "Your records hold no careers activities yet. Import activities.csv with `coach import`."
NO_KS4_DESTINATIONS_FOR_MISSING = "Your records hold no KS4 destinations yet, so I can't tell which leavers are missing one."
NO_PROVIDER_ACCESS_WINDOW = "Your records don't cover a whole provider access window yet."
NO_FLAGS = "Nothing in your records crosses the thresholds I check. An inspector may still ask how you evaluate impact."
BOTH_STAGES_FOOTER = 'Say "KS4" or "sixth form" for the full breakdown of either.'


def no_destinations_for_year_group(year_group: str) -> str:
    return (
        f"Destinations are recorded for pupils leaving Year 11 (KS4) and the sixth form (16-18), not for "
        f"Year {year_group}. For Year {year_group} I can show employer encounters or provider access."
    )


def employer_encounters_button(year_group: str) -> str:
    return f"Employer encounters Year {year_group}"


def activity_years_cover(first: int, last: int, asked: int) -> str:
    return (
        f"Your activity records cover {academic_year_label(first)} to "
        f"{academic_year_label(last)}; there is nothing for {academic_year_label(asked)}."
    )


def no_stage_destinations(stage: str) -> str:
    return f"Your records hold no {stage} destinations."


def stage_destinations_cover(stage: str, asked: int, first: int, last: int) -> str:
    return (
        f"Your records hold no {stage} destinations for {academic_year_label(asked)} leavers; "
        f"they cover {academic_year_label(first)} to {academic_year_label(last)} leavers."
    )


def no_destinations_for_leavers(stage: str, year: int, who: str) -> str:
    return f"Your records hold no {stage} destinations for {academic_year_label(year)} leavers{who}."


# -- both stages at once
def both_stages_heading(year: int, who: str) -> str:
    return f"{academic_year_label(year)} leavers{who}, both stages (KS4 first):"


STAGE_DETAIL_BUTTONS = {"ks4": "KS4 in detail", "16-18": "16-18 in detail"}
ACTIVITY_BUTTONS = {
    "employer encounters": "Employer encounters",
    "work experience": "Workplace experience",
    "personal guidance": "Personal guidance",
    "careers lessons": "Careers lessons",
}
_BOTH_STAGE_NAMES = {"ks4": "KS4 (Year 11 leavers)", "16-18": "16-18 (sixth-form leavers)"}
_BRIEF_WHAT = {"sustained": "in a sustained destination", "not_sustained": "did not sustain education, an apprenticeship or employment"}


def stage_name(stage: str | None) -> str:
    """The stage as replies name it: "KS4", "16-18" or, for both, "KS4 or 16-18"."""
    return {"16-18": "16-18", "both": "KS4 or 16-18"}.get(stage or "", "KS4")


def both_stages_line(stage: str, brief: str) -> str:
    return f"- {_BOTH_STAGE_NAMES[stage]}: {brief}"


def brief_no_destinations(year: int) -> str:
    return f"no destinations recorded for {academic_year_label(year)} leavers."


def brief_too_few(min_group: int) -> str:
    return f"too few leavers to report (fewer than {min_group})."


def brief_figure(f: Figure, category: str, category_label: str) -> str:
    return f"{f.text('leavers')} {_BRIEF_WHAT.get(category, 'went to ' + category_label)}."


# -- the inspector's question and the comparisons
def inspector_may_ask(question: str) -> str:
    return f'\nAn inspector may ask: "{question}"'


def reference_label(leaving_end: int, release: str | None) -> str:
    return f"national, {academic_year_label(leaving_end)} leavers" + (f", {release}" if release else "")


def _direction(gap: Decimal) -> str:
    return "above" if gap > 0 else ("below" if gap < 0 else "level with")


def national_line(label: str, percent: Decimal, gap: Decimal) -> str:
    return f"\nNational figure ({label}): {fmt(percent)}%. You are {fmt(abs(gap))} points {_direction(gap)} it."


def flag_gap_note(flag_gap: float) -> str:
    return f" A gap of {fmt(Decimal(str(flag_gap)))} points or more is one an inspector may ask you to explain."


def no_local_figure(year: int) -> str:
    return (
        f"\nNo local authority figure for {academic_year_label(year)} leavers is loaded. Load your authority's "
        f"figures with `coach reference FILE` (the same columns as the national file) to compare with them."
    )


def local_line(scope: str, leaving_year: str, percent: Decimal, gap: Decimal | None) -> str:
    text = f"\nLocal figure ({scope}, {leaving_year} leavers): {fmt(percent)}%."
    if gap is not None:
        text += f" You are {fmt(abs(gap))} points {_direction(gap)} it."
    return text


def no_national_figure(year: int, group_name: str | None, nearest: list[int], nearest_label: str, nearest_percent) -> str:
    text = f"\nThere is no national figure for {academic_year_label(year)} leavers"
    if group_name is not None:
        text += f" ({group_name})"
    text += " in the reference figures I hold"
    if nearest:
        text += "; the nearest are for " + ", ".join(f"{academic_year_label(y)}" for y in nearest) + " leavers"
        text += f" ({nearest_label}: {fmt(nearest_percent)}%)"
    return text + "."


# -- destinations
def went_to(stage: str, year: int, who: str, f: Figure, category_label: str) -> str:
    return f"{stage} {academic_year_label(year)} leavers{who}: {f.text('leavers')} went to {category_label}."


def group_too_small(stage: str, year: int, who: str, min_group: int) -> str:
    return (
        f"{stage} {academic_year_label(year)} leavers{who}: the group is too small to report (fewer than {min_group} leavers), "
        f"so I don't give a percentage for it."
    )


def sustained(stage: str, year: int, who: str, f: Figure) -> str:
    return f"{stage} {academic_year_label(year)} leavers{who}: {f.text('leavers')} in a sustained destination."


def category_part(category_label: str, count: int, percent: Decimal) -> str:
    return f"{category_label} {count} ({fmt(percent)}%)"


def missing_in_breakdown(count: int, leavers: int, year: int) -> str:
    return f"\n{count} of the {leavers} {academic_year_label(year)} Year 11 leavers have no destination recorded (not in these figures)."


def other_group_gap(other_name: str, f: Figure, gap: Decimal) -> str:
    return f"\n{other_name.capitalize()}: {f.text('leavers')}; the gap is {fmt(gap)} points."


def destinations_trend_heading(stage: str, category_label: str, who: str) -> str:
    return f"{stage} destinations, {category_label}{who}, by leaving year:"


def trend_national(percent: Decimal, release: str | None) -> str:
    return f" (national {fmt(percent)}%" + (f", {release}" if release else "") + ")"


def trend_line(leaving_year: str, f: Figure, noun: str = "leavers", ref: str = "") -> str:
    return f"- {leaving_year}: {f.text(noun)}{ref}"


def change_over_period(change: Decimal) -> str:
    return f"Change over the period: {'+' if change >= 0 else ''}{fmt(change)} points."


# -- not sustained and missing destinations
def not_sustained_trend_heading(stage: str, who: str) -> str:
    return f"{stage} leavers not in a sustained destination{who}, by leaving year:"


def not_sustained(stage: str, year: int, who: str, f: Figure, not_captured: Figure | None) -> str:
    text = (
        f"{stage} {academic_year_label(year)} leavers{who}: {f.text('leavers')} did not sustain education, an apprenticeship or employment"
    )
    if not_captured is not None:
        text += f", and the activity of {not_captured.text('leavers')} was not captured"
    return text + "."


MISSING_TREND_HEADING = "Year 11 leavers with no KS4 destination recorded:"
MISSING_SIXTH_FORM = (
    "\nSixth-form leavers: missing destinations are counted for Year 11 leavers only; a sixth-form leaver with no "
    "16-18 row is simply not in the 16-18 rates."
)
MISSING_KS4_ONLY = (
    "Missing destinations are counted for Year 11 leavers only (pupils on roll in Year 11 with no KS4 destination row); "
    "a sixth-form leaver with no 16-18 row is simply not in the 16-18 rates. Here are the Year 11 leavers:"
)


def missing_trend_line(leaving_year: str, count: int, leavers: int) -> str:
    return f"- {leaving_year}: {count} of {leavers}"


def missing_not_by_group(group_name: str) -> str:
    return f"\n(I can't split missing destinations by group: this is every Year 11 leaver, not only {group_name}.)"


def no_year11_leavers(leaving_year: str) -> str:
    return f"Your records hold no Year 11 leavers for {leaving_year}."


def missing(count: int, leavers: int, leaving_year: str) -> str:
    if not count:
        return f"Every one of the {leavers} pupils on roll in Year 11 in {leaving_year} has a KS4 destination recorded."
    return (
        f"{count} of the {leavers} pupils who were on roll in Year 11 in {leaving_year} have no KS4 destination "
        f"recorded. They are a data gap and are left out of every destination rate."
    )


def not_captured_too(f: Figure) -> str:
    return f"\nA further {f.text('leavers')} have a destination of \"activity not captured\"."


# -- activities
def coverage_trend_heading(year_group: int, what: str, who: str) -> str:
    return f"Year {year_group} pupils with at least {what}{who}, by year:"


def coverage_trend_line(year: int, f: Figure) -> str:
    return f"- {academic_year_label(year)}: {f.text('pupils')}"


def coverage_one(year: int, year_group: int, f: Figure, who: str, what: str) -> str:
    label = academic_year_label(year)
    if f.base == 0:
        return f"Your records hold no Year {year_group} pupils on roll in {label}{who}."
    return f"{label}: {f.text(f'Year {year_group} pupils')}{who} had at least {what}."


def coverage_by_year_group(year: int, who: str, what: str, rows: list[tuple[int, Figure]]) -> str:
    return f"Pupils with at least {what} in {academic_year_label(year)}{who}, by year group:\n" + "\n".join(
        f"- Year {yg}: {f.text()}" for yg, f in rows
    )


def coverage_every_activity(year: int, year_group: int, who: str, rows: list[tuple[str, Figure]]) -> str:
    """Each activity type's coverage for one year group; say which for the detail."""
    label = academic_year_label(year)
    if rows and rows[0][1].base == 0:
        return f"Your records hold no Year {year_group} pupils on roll in {label}{who}."
    lines = [f"Year {year_group}{who} in {label}, pupils with at least one of each activity:"]
    lines += [f"- {what}: {f.text()}" for what, f in rows]
    return "\n".join(lines) + "\nName an activity for its detail, or ask for another year group."


def benchmark_5_short(short: list[tuple[int, Figure]], below: list[int], gap: Decimal) -> str:
    """The year groups `gap` points or more short of every pupil, then those just below it."""
    text = (
        "\nBenchmark 5 expects every pupil to have at least one meaningful employer encounter every year. "
        + f"{format(gap.normalize(), 'f')} points or more short of that: "
        + ", ".join(f"Year {yg} ({f.percent:.1f}%)" for yg, f in short)
        + "."
    )
    if below:
        text += " Just below every pupil: " + ", ".join(f"Year {yg}" for yg in below) + "."
    return text


COVERAGE_NO_NATIONAL = "\nThere is no national figure for this measure; the Gatsby Benchmarks expect every pupil."
BY16_NO_NATIONAL = "There is no national figure for this measure; Benchmarks 6 and 8 expect every pupil by 16."


def by16_line(activity_label: str, cohort: str, who: str, f: Figure) -> str:
    return f"- {activity_label.capitalize()} by 16, {cohort} Year 11 cohort{who}: {f.text('pupils')}"


# -- provider access
def no_cohort_pupils(cohort: int) -> str:
    return f"Your records hold no pupils of the {academic_year_label(cohort)} cohort for that phase."


PROVIDER_ACCESS_HEADING = "Provider access (at least two provider encounters in each phase):"
PROVIDER_ACCESS_SHORT = "The law expects every pupil to have both encounters in phases 1 and 2; phase 3 must be offered."
PROVIDER_ACCESS_NO_NATIONAL = "There is no national figure for provider access: the duty applies to every pupil."


def provider_access_line(r) -> str:
    """One cohort and phase (a ProviderAccess result)."""
    first, second = r.years
    return (
        f"- {r.cohort} cohort (Year 11 in {r.cohort}), phase {r.phase}: Year {first} to 28 February of Year {second} "
        f"({r.window_start:%d %b %Y} to {r.window_end:%d %b %Y}), {r.statutory}: {r.figure.text('pupils')}; "
        f"{r.encounters_held} encounter(s) held; {r.window}."
    )


# -- benchmarks and flags
def benchmarks_heading(year: int) -> str:
    return (
        f"Gatsby benchmarks in your {academic_year_label(year)} activity records (pupils on roll reached by at least "
        f"one activity tagged with the benchmark):"
    )


def benchmark_line(benchmark: int, activities: int, f: Figure) -> str:
    return f"- Benchmark {benchmark}: {activities} activities; {f.text('pupils')}"


BENCHMARKS_NOT_MET = "Records show activity, not whether a benchmark is fully met: Compass is where you self-evaluate each benchmark."
BENCHMARKS_NATIONAL = (
    "Nationally, schools met 5.96 of the 8 benchmarks on average in 2024/25 (Compass self-evaluation, the last "
    "year on the original benchmarks). That compares with your Compass result for 2024/25, not with these "
    "records, and not with a 2025/26 result on the refreshed benchmarks."
)
FLAGS_HEADING = "What an inspector may pick up on, largest first:"


def flag_line(number: int, message: str, question: str) -> str:
    return f'{number}. {message} They may ask: "{question}"'


def more_flags(count: int) -> str:
    return f"(and {count} more; `coach evidence` lists them all)"
