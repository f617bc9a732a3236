"""The one reader of statements about a school's records.

`about(text)` says what a piece of text is about: measure, stage, year, year groups, pupil group,
destination category, activity type, and whether it asks for a trend or a comparison. The evidence
chat reads questions with it. `read(text, context)` turns a passage into typed `Statement`s: each
figure (see `numbers`), whose figure it is (this school, national, local, a target, another
source), and what it is about, taking what the clause leaves unsaid from the rest of the sentence,
the earlier sentences, the question being answered and the conversation. The claim check
(`check.py`) compares the school's statements with the records. No Rasa, no database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

import yaml

from bot import nlp
from bot.evidence.numbers import Value, find_values, labelled_count

READER_FILE = Path(__file__).resolve().parent.parent / "content" / "reader.yml"
YEAR_GROUPS = {
    "7": (7,),
    "8": (8,),
    "9": (9,),
    "10": (10,),
    "11": (11,),
    "12": (12,),
    "13": (13,),
    "12-13": (12, 13),
    "10-11": (10, 11),
    "7-9": (7, 8, 9),
}
# Sentences end at a full stop, a line break, or a bullet run into one line ("...: 97.1% took part - Year 12
# work experience: 72%"), but not a range of year groups ("Year 10 - Year 11").
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n+|(?<=[.!?])$|(?<![0-9])\s+[-–•*]\s+(?=[A-Z][a-z])")
_SCHOOL_MARK = re.compile(r"\b(our|ours|we|we're|we've|us|the school|this school|school's)\b", re.I)
# "the national figure we benchmark against is 94.1%", "the latest 16-18 figure we have": the speaker's use of the
# reference figure, not a figure of theirs.
_REFERENCE_RELATIVE = re.compile(
    r"\b(?:that |which )?we (?:benchmark|compare|use|have|quote|cite|work|measure)(?: (?:ourselves|us))?(?: (?:against|with|to|from|at|on))?\b",
    re.I,
)
_COMPARATIVE = re.compile(
    r"\b(above|below|higher(?! education)|lower|ahead|behind|better|worse|than|beat|exceed\w*|compar(?:ed|es|ing))\b", re.I
)
_TREND = re.compile(
    r"\b(trend|trends|over time|over the (last )?(few|five|5|three|3) years|(five|5|three|3) years|year on year|"
    r"changed|over the years|each year|every year|by year(?! group)(?!\s*\d))\b",
    re.I,
)
_VERSUS = r"(?:vs\.?|v|versus|against|compared? (?:to|with)) (?:the )?"
_COMPARE = re.compile(
    r"\b(national|nationally|england|average|other schools|compare|comparison|benchmark against|"
    r"local authority|the la|locally|county|nat avg|benchmark (?:that|it|this|them|us) against|"
    rf"{_VERSUS}(?:la|lea|local|nat|council|borough))\b",
    re.I,
)
_LOCAL = re.compile(rf"\b(local authority|the la|la average|locally|county|local|{_VERSUS}(?:la|council|borough))\b", re.I)
_SIXTH_FORM_DEST = re.compile(
    r"\b(into|to|stay(?:ed|ing)? on(?: with us)? (?:in|into|at|to)|stay(?:ed)? (?:in|at)|joined|went on to|mostly|mainly|largely|(?:college|fe) (?:or|and))\s+(our|the|a)?\s*(own\s+)?"
    r"(school\s+)?(?:sixth|6th)[- ]form\b(?![- ]?(college|leavers|formers))",
    re.I,
)
# "went on to college or sixth form": education, where Year 11 leavers go (not one of its kinds, nor the 16-18 stage).
_COLLEGE_OR_SIXTH_FORM = re.compile(
    r"\b(?:college|fe) (?:or|and) (?:a |the |our )?(?:school )?(?:sixth|6th)[- ]form\b(?![- ]?colleges?)", re.I
)
# A school having a sixth form names no leavers' stage: "they don't have a sixth form to fill".
_HAS_SIXTH_FORM = re.compile(
    r"\b(?:have|has|had|haven't|hasn't|without|no|with|run|runs)\s+(?:got\s+)?(?:a|an|our own|their own|its own)\s+sixth[- ]form\b", re.I
)
_ALL_GROUP = re.compile(
    r"\b(overall|all (our )?(pupils|students|leavers)|the whole cohort|(the )?(whole )?year group as a whole|as a whole|"
    r"whole year group|(?<!rest )of the year group|in total|across the board|the cohort overall|everyone)\b(?! else)",
    re.I,
)
_RANGE = re.compile(
    r"\b(?:years?|yrs?|y)\s*(7|8|9|10|11|12)\s*(?:to|-|–|through|and|&)\s*(?:years?\s*|yrs?\s*|y)?(8|9|10|11|12|13)\b", re.I
)
_WHOLE_SCHOOL = re.compile(
    r"\b(across|in|of) the (whole )?school\b|\bwhole[- ]school\b|\bschool[- ]wide\b|\bevery year group\b|\ball year groups\b|"
    r"\b(?:pupils|students) on roll\b",
    re.I,
)
_LIST_GOES_ON = re.compile(r"^\s*,?\s*(employment|an apprenticeship|apprenticeships?|training|or |and (employment|training))", re.I)
_SHARE_IN_SIXTH_FORM = re.compile(
    r"^\s*(?:went\s+|stayed\s+(?:on\s+)?)?(?:in|at|into|to)\s+(?:our|the)\s+(?:own\s+)?(?:school\s+)?sixth[- ]form\b(?![- ]?(?:college|leavers|formers|students))",
    re.I,
)
# A figure said as a share of pupils named ("96% of our Year 11 leavers", "all our Year 11s"), not a figure
# "for the 2020/21 leavers", which may be the group the question asked about.
_SHARE_OF_PUPILS = re.compile(
    r"\b(?:of|all)\s+(?:(?:all|every|each)\s+)?(?:of\s+)?(?:our|the|those|these|this year's|last year's)?\s*(?:[\w/-]+\s+){0,3}?"
    r"(?:pupils?|students?|leavers?|learners?|young people|cohort|year\s*\d{1,2}s?|y\d{1,2}s?|yr\s*\d{1,2}s?|everyone|sixth[- ]formers)\b",
    re.I,
)
# Everyone in a year group or stage, said before the figure: "Every Year 9 pupil met an employer: 100% of them".
_EVERY_PUPIL = re.compile(
    r"\b(?:every|each)\s+(?:single\s+)?(?:one of (?:our|the)\s+)?(?:(?:year|yr)\s*\d{1,2}|y\d{1,2}|ks4|sixth[- ]form)?\s*"
    r"(?:pupil|student|leaver|learner|child)s?\b|\bevery (?:year|yr)\s*\d{1,2}\b(?!\s*(?:,|and|or)\s*(?:year|yr)?\s*\d)",
    re.I,
)
_LIST_OF_FIGURES = re.compile(r"^\W*(?:and|or|&)\s+(?:about |around |nearly |just )?\d", re.I)
_TURN = re.compile(r"^\W*(and|but|while|whereas|although|though|up from|down from|from|compared|than|versus|against)\b", re.I)
_EXCEPT = re.compile(r"^[^.;]{0,40}?\b(?:except|apart from|bar|but for|save for|other than)\b", re.I)
_LOOKING_BACK = re.compile(r"^\W*(up from|down from|from|compared (with|to)|against|than|versus|vs\.?|v\.?)\b", re.I)
_PUPIL_NOUN = re.compile(
    r"\b(pupils?|students?|leavers?|learners?|young people|cohort|year\s*\d{1,2}s?|y\d{1,2}s?|yr\s*\d{1,2}s?|"
    r"everyone|sixth[- ]formers)\b",
    re.I,
)
# One encounter, not the two provider access asks for: "at least one", "met a provider", "had a provider talk".
_AT_LEAST_ONE = re.compile(
    r"\b(at least one|one or more|a single|(?:met|meet|meeting|seen|had|attended) an? (?:provider|college|training provider)\b(?! access))",
    re.I,
)
_COHORT_NAMED = re.compile(r"\b(?:this|last) year'?s (?:year|yr|y) ?(\d{1,2})|\bour current (?:year|yr|y) ?(\d{1,2})", re.I)
# Words before a year group that make it a window rather than the cohort: "in Year 9", "by the end of Year 11".
_WINDOW_BEFORE = re.compile(
    r"\b(?:in|across|during|by|between|through|until|before|from|to|into|over|since|"
    r"(?:start|end|beginning|autumn|spring|summer|half|term) of)\s+(?:the\s+)?(?:(?:early|late)\s+)?$",
    re.I,
)
_COHORT_WHEN = re.compile(r"\b(this|last) years? (?:year|yr|y) ?\d{1,2}", re.I)
_CURRENT_COHORT = re.compile(r"\bcurrent (?:year|yr|y) ?\d{1,2}", re.I)
_COHORT_LABEL = re.compile(r"\b(?:20)?\d{2}[/-]\d{2} (?:cohort|lot|intake|year group)\b", re.I)
_PHASE = re.compile(r"\b(?:phase ?([123]|one|two|three)|(sixth[- ]form) (?:phase|window))\b", re.I)
BY16_ACTIVITIES = ("workplace_experience", "personal_guidance")  # what "by 16" is measured for
PHASE_YEARS = {"1": (8, 9), "2": (10, 11), "3": (12, 13), "sixth-form": (12, 13), "sixth form": (12, 13)}
PHASE_YEARS.update({"one": PHASE_YEARS["1"], "two": PHASE_YEARS["2"], "three": PHASE_YEARS["3"]})
# A cohort named by where it is in a given year: "this year's Year 11s", "current Year 10", "the 2023/24 Year 11s".
_COHORT = re.compile(
    r"\b(?:(?:this|last|next) year'?s|(?:our )?current|the (?:20)?\d{2}[/-]\d{2}) (?:year|yr|y) ?(\d{1,2})(?:s|'s)?\b", re.I
)
_CONTRAST = re.compile(r"\b(but|however|though|although|whereas|while|which)\b", re.I)
_NOW = re.compile(
    r"\b(currently|at present|at the moment|so far|to date|actual(?:ly)?|we(?:'re| are) (?:now )?at|now at)\b", re.I
)  # after a target
_COMPARISON_START = re.compile(r"^\W*(against|compared (with|to)|versus|vs\.?|v\.?|than)\b", re.I)
# When a cohort did something ("seen in June of Year 10"), said of a "by 16" figure: not the cohort's year group.
_WHEN_IN_YEAR_10 = re.compile(
    r"\b(?:in|of|during|since|from) (?:the )?(?:(?:summer|spring|autumn) (?:term )?(?:of )?|(?:june|july|may) (?:of )?)?(?:year|yr|y) ?10\b",
    re.I,
)
# A clause likening the figure before to another time's describes that figure, not the next one ("than the year
# before, when it was 44%" and "up on last year, when ..." name the next figure's year, so they are not here).
_LIKE_ANOTHER_TIME = re.compile(
    r"^\W*(?:(?:the )?same as|just as|just like|on a par with|similar to|in line with|(?:as|like) (?:it was )?(?:last year|the year before))\b"
    r"(?!.*\bwhen\b)",
    re.I,
)
_BEFORE_THIS_YEAR = re.compile(r"\blast (?:january|february|march|april|may|june|july|summer(?: term)?)\b", re.I)
_YEAR_AFTER = re.compile(r"\b(the year after(?: that)?|the following year|a year later|the next year)\b", re.I)
_ANAPHORA = re.compile(
    r"^\s*(?:(?:of|for|among(?:st)?)\s+(?:those|them|these|this group)\b|(it|that|this|they|those|these|the figure|the rate|the proportion|which)\b)",
    re.I,
)


@lru_cache(maxsize=1)
def cues() -> dict:
    """The reader's vocabulary (bot/content/reader.yml), compiled."""
    raw = yaml.safe_load(READER_FILE.read_text(encoding="utf-8"))

    def rx(patterns) -> re.Pattern:
        if isinstance(patterns, str):
            return re.compile(patterns, re.I)
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)

    return {
        "subject": {k: rx([rf"\b{p}" for p in v]) for k, v in raw["subject"].items()},
        "non_pupil": re.compile(
            r"^\s*(?:of\s+)?(?:the\s+)?(?:(?!(?:last|this|next|per|a|for|in|with|at|on|from|to)\b)\w+\s+)?"
            + raw["non_pupil_units"]
            + r"\b(?!'s)",
            re.I,
        ),
        "breaks": rx(raw["breaks"]),
        "plan": rx(raw["plan"]),
        "done": rx(raw["done"]),
        "held": rx(raw["held"]),
        "measure": {k: rx([rf"\b{p}" for p in v]) for k, v in raw["measure"].items()},
        "stage": {k: rx([rf"\b{p}" for p in v]) for k, v in raw["stage"].items()},
        "category": {k: rx([rf"\b{p}" for p in v]) for k, v in raw["category"].items()},
        "year_before": rx([rf"\b{p}\b" for p in raw["year"]["year_before"]]),
        "last_year": rx([rf"\b{p}\b" for p in raw["year"]["last"]]),
        "within_year": rx([rf"\b{p}\b" for p in raw["year"]["within"]]),
        "years_ago": rx(raw["year"]["years_ago"]),
        "class_of": rx(raw["year"]["class_of"]),
        "short_year": rx(raw["year"]["short"]),
        "others": rx([rf"\b{p}\b" for p in raw["others"]]),
        "source": rx([rf"\b{p}" for p in raw["source"]]),
        "other_school": re.compile(raw["other_school"]),
        "not_disadvantaged": rx([rf"\b{p}\b" for p in raw["not_disadvantaged"]]),
        "activity": {k: rx([rf"\b{p}" for p in v]) for k, v in raw.get("activity", {}).items()},
        "target_heading": rx(raw["target_heading"]),
        "loose_education": rx([rf"\b{p}" for p in raw["loose_education"]]),
        "education_alone": rx([rf"\b{p}" for p in raw["education_alone"]]),
        "unheld": rx([rf"\b{p}" for p in raw["unheld"]]),
        "retraction": rx(raw["retraction"]),
    }


@dataclass(frozen=True)
class YearRef:
    """A year as said: kind "label" (with ``end``, the academic year's end year), "this", "last" or "before"."""

    kind: str
    end: int | None = None


def year_ref(entity_value: str | None) -> YearRef | None:
    """A year entity's canonical value ("last_year", "2023/24") as a YearRef."""
    return _year_ref(entity_value) if entity_value else None


def leaving_year(ref: YearRef | None, years: Sequence[int], anchor: int | None = None) -> int | None:
    """The leaving year (end year) meant, given the years with destinations and the year talked about before."""
    if not years:
        return None
    latest = years[-1]
    if ref is None:
        return anchor if anchor in years else latest
    if ref.kind == "label":
        return ref.end
    if ref.kind == "before":
        return (anchor or latest) - 1
    if ref.kind == "after":
        return (anchor or latest) + 1
    if ref.kind == "ago":  # last year's leavers are the latest, so two years ago is the one before
        return latest - (ref.end - 1)
    return latest  # "this year's" and "last year's" leavers are the latest with destinations


def activity_year(ref: YearRef | None, this: int, anchor: int | None = None) -> int:
    """The academic year (end year) meant for activities; "this year" is the latest in the records."""
    if ref is None:
        return anchor or this
    if ref.kind == "label":
        return ref.end
    if ref.kind == "last":
        return this - 1
    if ref.kind == "before":
        return anchor - 1 if anchor else this - 2
    if ref.kind == "after":
        return (anchor or this) + 1
    if ref.kind == "ago":
        return this - ref.end
    return this


@dataclass(frozen=True)
class About:
    """What a piece of text says a figure is about; None (or empty) where it says nothing."""

    measure: str | None = None  # destinations, not_sustained, missing, coverage, by16, provider_access
    stage: str | None = None  # ks4, 16-18
    year: YearRef | None = None
    year_groups: tuple[int, ...] = ()
    group: str | None = None
    category: str | None = None
    activity_type: str | None = None
    benchmark: int | None = None
    trend: bool = False
    compare: str | None = None  # "national" or "local" when a comparison is asked for
    other_group: str | None = None  # the other side of a comparison ("than their peers")
    unsure: tuple[str, ...] = ()  # fields the text gives two readings of ("this year's Year 11 ... in Years 8 and 9")
    cohort_of: int | None = None  # the year group naming a cohort: "this year's Year 11s" is 11
    window: tuple[int, ...] = ()  # year groups named outside a cohort's name: "when they were in Year 9"
    within_year: bool = False  # "held this academic year", "so far this year": one year's activities, not "by 16"
    before_this_year: bool = False  # "last June", "last summer": a time before this academic year

    def over(self, earlier: About | None, keep: Sequence[str] = ()) -> About:
        """This, with what it leaves unsaid taken from ``earlier`` (only the fields in ``keep``, if given)."""
        if earlier is None:
            return self
        values = {}
        for f in fields(self):
            mine = getattr(self, f.name)
            if (mine is None or mine == ()) and (not keep or f.name in keep):
                values[f.name] = getattr(earlier, f.name)
        return replace(self, **values) if values else self

    @property
    def empty(self) -> bool:
        return self == About()


@dataclass(frozen=True)
class Statement:
    """One figure in a passage: what was said, whose figure it is, and what it is about."""

    value: Value
    subject: str  # school, national, local, target, other
    about: About
    clause: str
    offset: int = 0  # where the sentence starts in the passage
    own: About = About()  # what the figure's own clause said, before any context was added
    sentence: str = ""
    carried: bool = False  # its measure comes from an earlier sentence, not its own sentence or the question

    @property
    def start(self) -> int:
        return self.offset + self.value.start

    @property
    def end(self) -> int:
        return self.offset + self.value.end

    @property
    def said(self) -> str:
        return self.value.said


def looking_back(clause: str) -> bool:
    """Whether a clause compares with an earlier figure ("up from 90% last year")."""
    return bool(_LOOKING_BACK.search(clause))


def comparative(text: str) -> bool:
    """Does the text compare ("above", "lower than", "compared with")?"""
    return bool(_COMPARATIVE.search(text or ""))


def sentences(text: str) -> list[str]:
    return [s for _, s in _sentences(text)]


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``."""
    out, pos = [], 0
    for part in _SENTENCE.split(text or ""):
        at = (text or "").find(part, pos) if part else pos
        if part and part.strip():
            lead = len(part) - len(part.lstrip())
            out.append((at + lead, part.strip()))
        pos = at + len(part) if part else pos
    return out


def _year_ref(ent_value: str) -> YearRef | None:  # noqa: D401
    if ent_value in ("this_year", "last_year", "year_before"):
        return YearRef({"this_year": "this", "last_year": "last", "year_before": "before"}[ent_value])
    from bot.records.vocab import parse_academic_year

    end = parse_academic_year(ent_value)
    return YearRef("label", end) if end else None


def _text_year(text: str) -> YearRef | None:
    c = cues()
    m = c["years_ago"].search(text)
    if m:
        n = {"two": 2, "three": 3, "four": 4}.get((m.group(1) or "two").lower()) or int(m.group(1))
        return YearRef("ago", n)
    if c["last_year"].search(text):
        return YearRef("last")
    if c["year_before"].search(text):
        return YearRef("before")
    if _YEAR_AFTER.search(text):
        return YearRef("after")
    m = c["class_of"].search(text)
    if m:
        return YearRef("label", int(next(g for g in m.groups() if g)))  # "the class of 2024", "who left Year 13 in 2024"
    for m in c["short_year"].finditer(text):  # "16-18 22/23": the stage first, then the year
        if (int(m.group(1)) + 1) % 100 == int(m.group(2)):
            return YearRef("label", 2000 + int(m.group(2)))
    if _PRESENT.search(text):
        return YearRef("this")  # "the apprenticeships share at KS4 is now 6.2%": the latest figure
    return None


_PRESENT = re.compile(r"\b(?:is|are|stands?|sits?) (?:now|currently)\b|\bnow (?:stands|sits)\b|\bright now\b", re.I)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans blanked: "one to the sixth form college" names no stage."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _first(ents, label: str, exclude: tuple[str, ...] = ()) -> str | None:
    return next((e.value for e in ents if e.label == label and e.value not in exclude), None)


_COVERAGE_SAID = re.compile(r"\bcoverage\b", re.I)  # "provider encounters yr 8 this year coverage": one year's coverage
_BY16_SAID = re.compile(r"\bby (?:the )?(?:age (?:of )?)?(?:16|sixteen)\b", re.I)  # the measure's own name, with no activity


def _measure(text: str, activity: str | None) -> str | None:
    m = cues()["measure"]
    if m["missing"].search(text):
        return "missing"
    if m["recorded"].search(text):
        return "recorded"  # "we had a destination for every Year 11 leaver": leavers with one on record
    if m["not_sustained"].search(text):
        return "not_sustained"
    if m["not_captured"].search(text):
        return "destinations"  # "activity not captured" is a destination category of its own
    if _AT_LEAST_ONE.search(text) and (activity == "provider_encounter" or m["provider_access"].search(text)):
        return "coverage"  # provider access is two encounters; "at least one provider talk" is coverage
    if (m["provider_access"].search(text) or activity == "provider_encounter") and not _COVERAGE_SAID.search(text):
        return "provider_access"
    if activity and m["by16"].search(text):
        return "by16"
    if activity:
        return "coverage"
    if m["destinations"].search(text):
        return "destinations"
    if _BY16_SAID.search(text):
        return "by16"  # "by 16 figures for this year's year 11": both activities by 16
    return None


def _stage(text: str, year_groups: tuple[int, ...]) -> str | None:
    """The stage the words name outright, else the one their year groups imply ("post 16 destinations of last
    year's Year 11s" are KS4 destinations, though "post 16" names Years 12-13)."""
    s = cues()["stage"]
    if s["16-18"].search(text):
        return "16-18"
    if s["ks4"].search(text):
        return "ks4"
    if set(year_groups) & {12, 13}:
        return "16-18"
    if 11 in year_groups:
        return "ks4"
    return None


def _category(text: str, ents) -> str | None:
    cat = cues()["category"]
    if cues()["measure"]["not_captured"].search(text):
        return "not_captured"
    if cues()["measure"]["not_sustained"].search(text):
        return "not_sustained"
    if _COLLEGE_OR_SIXTH_FORM.search(text):
        return "education"
    if _SIXTH_FORM_DEST.search(text):
        return "school_sixth_form"
    if re.search(r"\bsixth[- ]form colleges?\b", text, re.I):
        return "sixth_form_college"  # "went to the sixth form college", whatever "the sixth form" matched as
    for key in ("sustained", "education"):
        if cat[key].search(text):
            return key
    return _first(ents, "destination") or next((k for k in ("further_education", "higher_education") if cat[k].search(text)), None)


@lru_cache(maxsize=4096)
def _spelled(text: str) -> str:
    from bot import spelling

    return spelling.corrected_text(text)


def about(text: str, ents=None) -> About:
    """What ``text`` is about (``ents``: its entities, if already found)."""
    text = text or ""
    if ents is None:
        text = _spelled(text)  # "dissadvantaged", "destiantions": read as meant, offsets kept within this text
    ents, destinations = _without_destination_stages(text, nlp.entities(text) if ents is None else ents)
    ents = [e for e in ents if not _destination_placement(text, e)]
    year_groups, yg, unsure = _year_groups(text, ents)
    cohort_of, window = _cohort_and_window(text, ents)
    activity = _first(ents, "activity_type") or next((k for k, rx in cues()["activity"].items() if rx.search(text)), None)
    one = _AT_LEAST_ONE.search(text)
    if activity is None and one and (one.group(0).lower().endswith("provider") or cues()["measure"]["provider_access"].search(text)):
        activity = "provider_encounter"
    bm = _first(ents, "benchmark")
    return About(
        measure=_measure(text, activity),
        stage=_stage(_without(text, destinations), year_groups) or ("ks4" if _COLLEGE_OR_SIXTH_FORM.search(text) else None),
        year=_year(text, ents),
        year_groups=year_groups,
        group=_group(text, ents),
        category=_category(text, ents),
        activity_type=activity,
        benchmark=int(bm) if bm else None,
        trend=bool(_TREND.search(text)),
        compare=("local" if _LOCAL.search(text) else "national") if _COMPARE.search(text) else None,
        other_group="not_disadvantaged" if cues()["others"].search(text) else None,
        unsure=unsure,
        cohort_of=cohort_of,
        window=window,
        within_year=bool(cues()["within_year"].search(text)),
        before_this_year=bool(_BEFORE_THIS_YEAR.search(text)),
    )


_PLACE_BEFORE = re.compile(r"\b(?:college|university|uni|apprenticeship|sixth[- ]form|fe|course|training)\s+$", re.I)


def _destination_placement(text: str, e) -> bool:
    """'College placements' (where leavers went) are destinations, not work experience placements."""
    return e.label == "activity_type" and e.text.lower().startswith("placement") and bool(_PLACE_BEFORE.search(text[: e.start]))


def _without_destination_stages(text: str, ents) -> tuple[list, list[tuple[int, int]]]:
    """Entities less the year groups inside a destination ("the sixth form college", "stayed on into our sixth
    form"), and the destinations' spans, which name no stage."""
    spans = [(e.start, e.end) for e in ents if e.label == "destination"]
    spans += [(e.start, e.end) for e in ents if e.label == "year_group" and re.match(r"[- ]?colleges?\b", text[e.end :].lstrip(), re.I)]
    dest_span = _SIXTH_FORM_DEST.search(text)
    if dest_span:
        spans.append(dest_span.span())
    spans += [m.span() for m in _HAS_SIXTH_FORM.finditer(text)]
    kept = [e for e in ents if not (e.label == "year_group" and any(a <= e.start and e.end <= b for a, b in spans))]
    return kept, spans


def _year_groups(text: str, ents) -> tuple[tuple[int, ...], str | None, tuple[str, ...]]:
    """The year groups named (the most specific wins: "in the sixth form all of Year 12" is Year 12), the
    entity value, and ("year_groups",) when the text gives two readings."""
    year_ents = [e for e in ents if e.label == "year_group"]
    named = [e.value for e in year_ents]
    yg = next((v for v in named if "-" not in v), named[0] if named else None)
    year_groups = YEAR_GROUPS.get(yg, ()) if yg else ()
    span = _RANGE.search(text)
    unsure: tuple[str, ...] = ()
    if span and int(span.group(1)) < int(span.group(2)):
        others = {e.value for e in ents if e.label == "year_group" and not (span.start() <= e.start < span.end())}
        year_groups = tuple(range(int(span.group(1)), int(span.group(2)) + 1))
        listed = _listed(text, year_ents) if others else ()
        year_groups, unsure = (listed, ()) if listed else (year_groups, ("year_groups",) if others else ())
    elif not year_groups and _WHOLE_SCHOOL.search(text):
        year_groups = tuple(range(7, 14))
    elif year_groups and len(year_groups) == 1 and not _COHORT_NAMED.search(text):
        year_groups = _listed(text, year_ents) or year_groups
    if _COHORT_NAMED.search(text) and len({v for v in named if "-" not in v}) > 1:
        unsure = unsure + ("year_groups",)  # "this year's Year 11 ... back in Year 8": which year's figure?
    return year_groups, yg, unsure


_LIST_SEPARATOR = re.compile(r"^(?:\s*(?:,|&|/|\+|and)?\s*)$", re.I)


def _listed(text: str, named) -> tuple[int, ...]:
    """The single year groups of a list ("y7 y8 y9", "Years 8, 9 and 10"), when nothing but separators lies between
    them; otherwise ()."""
    singles = [e for e in named if len(YEAR_GROUPS.get(e.value, ())) == 1]
    if len(singles) < 2 or len(singles) != len(named):
        return ()
    if not all(_LIST_SEPARATOR.match(text[a.end : b.start]) for a, b in zip(singles, singles[1:])):
        return ()
    return tuple(sorted({YEAR_GROUPS[e.value][0] for e in singles}))


def _year(text: str, ents) -> YearRef | None:
    phrase = _COHORT_WHEN.search(text)
    by_cohort = None
    if phrase and not any(e.label == "academic_year" for e in ents):  # "this years yr11", without the apostrophe
        by_cohort = YearRef(phrase.group(1).lower())
    if by_cohort is None and _CURRENT_COHORT.search(text) and not any(e.label == "academic_year" for e in ents):
        by_cohort = YearRef("this")  # "95% of the current Year 11 so far", after "last year's Year 11"
    said = _text_year(text) or by_cohort
    if said is not None and said.kind in ("ago", "before"):
        return said  # "the previous year's 93.0%" counts back from the year just talked about, not from now
    years = [e for e in ents if e.label == "academic_year" and not _RELEASE_AFTER.match(text[e.end :])]
    return next((r for r in (_year_ref(e.value) for e in years) if r), None) or said


# "(2022/23 release)": when the DfE published, not which leavers a figure is about.
_RELEASE_AFTER = re.compile(r"\s*(?:dfe\s+|national\s+|ks ?4\s+|16-18\s+|destinations?\s+)?(?:data\s+)?(?:release|publication)s?\b", re.I)


def _group(text: str, ents) -> str | None:
    if cues()["not_disadvantaged"].search(text) and not _first(ents, "pupil_group", exclude=("disadvantaged",)):
        return "not_disadvantaged"  # "nonPP 100%"
    return _first(ents, "pupil_group") or ("all" if _ALL_GROUP.search(text) else None)


def _cohort_and_window(text: str, ents) -> tuple[int | None, tuple[int, ...]]:
    """The year group naming a cohort ("last year's Year 11", "of Year 13", "the 2020/21 cohort" is its
    Year 11), and the year groups describing a window ("in Years 10 and 11", "when they were in Year 9")."""
    named = list(_COHORT.finditer(text))
    inside = [(m.start(), m.end()) for m in named]
    window: set[int] = set()
    bare: list[int] = []
    span = _RANGE.search(text)
    if span and int(span.group(1)) < int(span.group(2)) and not any(a <= span.start() < b for a, b in inside):
        window.update(range(int(span.group(1)), int(span.group(2)) + 1))
        inside.append((span.start(), span.end()))
    for e in ents:
        if e.label != "year_group" or any(a <= e.start < b for a, b in inside):
            continue
        groups = YEAR_GROUPS.get(e.value, ())
        if _WINDOW_BEFORE.search(text[max(0, e.start - 40) : e.start]) or len(groups) > 1:
            window.update(groups)
        elif groups:
            bare.append(groups[0])
    phase = _PHASE.search(text)
    if phase:
        window.update(PHASE_YEARS[(phase.group(1) or phase.group(2)).lower()])
    if named:
        return int(named[0].group(1)), tuple(sorted(window))
    if _COHORT_LABEL.search(text):
        return 11, tuple(sorted(window))  # a cohort is named by the year it was in Year 11
    return (bare[0] if bare else None), tuple(sorted(window))


# ---------------------------------------------------------------- passages


def _clauses(sentence: str) -> list[tuple[int, int]]:
    inside = [(v.start, v.end) for v in find_values(sentence) if v.kind == "all_but"]  # "all but two": one figure
    breaks = [m.start() for m in cues()["breaks"].finditer(sentence) if not any(a < m.start() < b for a, b in inside)]
    cuts = sorted({0, len(sentence), *breaks})
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if sentence[a:b].strip()]
    return spans or [(0, len(sentence))]


def _clause_index(spans: list[tuple[int, int]], v: Value) -> int:
    return next((i for i, (a, b) in enumerate(spans) if a <= v.start < b), len(spans) - 1)


def _near(cue: re.Match, v: Value, clause: str, offset: int) -> bool:
    """A national or local cue applies to a figure when nothing between them says 'ours' or compares."""
    cs, ce = cue.start() + offset, cue.end() + offset
    lo, hi = (ce, v.start) if ce <= v.start else (v.end, cs)
    between = _REFERENCE_RELATIVE.sub(" ", clause[max(0, lo - offset) : max(0, hi - offset)])
    return not _SCHOOL_MARK.search(between) and not _COMPARATIVE.search(between)


def _own_subject(clause: str, offset: int, v: Value) -> str | None:
    c = cues()["subject"]
    after = clause[v.end - offset :]
    if c["other"].search(clause) or cues()["non_pupil"].search(after) and v.kind == "fraction" or cues()["other_school"].search(after):
        return "other"
    if c["target"].search(clause):
        return "target"
    for scope in ("local", "national"):
        for m in c[scope].finditer(clause):
            if v.is_gap and _COMPARATIVE.search(clause):
                continue  # "3 points above the national average" is the school's own gap
            if _near(m, v, clause, offset):
                return scope
    return None


_PUPIL_COUNTS = frozenset({"all", "all_but", "none", "count"})  # figures said as pupils counted


_PAIRED_WITH = re.compile(r"^\W*(?:v\.?|vs\.?|versus)\s", re.I)
_HEADING_AGAINST = re.compile(r"\b(?:vs?\.?|versus|against|compared (?:with|to))\s+(?:the\s+)?(national|england|la|local|county)\b", re.I)


def _subject(sentence: str, spans, i: int, v: Value) -> str:
    a, b = spans[i]
    clause = sentence[a:b]
    own = _own_subject(clause, a, v)
    if own:
        return own
    paired = _PAIRED_WITH.match(clause) and _HEADING_AGAINST.search(sentence[: min(x.start for x in find_values(sentence))])
    if paired:  # "KS4 dests vs national: PP 87.0% v 86.1%": each pair's second figure is the heading's
        return "local" if paired.group(1).lower() in ("la", "local", "county") else "national"
    if cues()["target_heading"].match(sentence) and not _CONTRAST.search(sentence[: v.start]) and not _NOW.search(sentence[: v.start]):
        return "target"  # "Target for 2026: 97% of Year 11 leavers sustained and the PP gap under 5 points": both
    if v.is_gap and (cues()["others"].search(clause) or "gap" in clause.lower()):
        return "school"  # "the gap to everyone else was 8 points" is the school's own gap
    if _source_leads(sentence, spans, i, v):
        return "other"  # "The DfE performance tables (...) put our sustained figure at 95%": their figure for us
    if _SCHOOL_MARK.search(clause) or _COMPARATIVE.search(clause) or about(clause).group:
        return "school"  # "and disadvantaged pupils were lower at 85%" is the school's own, after "94% nationally"
    # "Nationally, 94.1% sustained and 89.3% education": the second is national too. Only the
    # clauses since the previous figure count, and a "but", "we" or "our" between ends the run.
    for j in range(i - 1, -1, -1):
        part = sentence[spans[j][0] : spans[j][1]]
        prev = _own_subject(part, spans[j][0], v)
        if prev is not None and part.lstrip().startswith("("):
            break  # "KS4 education 83.5% (target 88%); 16-18 further education 9.3%": the aside's subject is its own
        if prev is not None and _PUPIL_NOUN.search(clause) and (prev == "other" or v.kind in _PUPIL_COUNTS):
            break  # "our exit survey had 91% ..., and 4 of the 6 in Year 13 have had an interview": pupils, counted;
            # "above the national 94%, and every Year 10 pupil had work experience": our pupils, not a national figure
        if prev == "other" and not cues()["source"].search(part) and about(clause).measure:
            break  # "91.2% attendance and 48% got a grade 5, and still 95% of them went into sustained destinations": a
            # measure not held (attendance, grades) before does not make the next clause's records measure another source's
        if prev is not None and _SCHOOL_MARK.search(_REFERENCE_RELATIVE.sub(" ", part)) and not _claims(part, sentence):
            break  # "we track every leaver with the LA", "we brought in UCAS clinics": what we do, not whose figure follows
        if prev in ("national", "local") and (v.kind == "fraction" or _COMMENTS_ON_THE_FIGURE.search(part) and _TURN.match(clause)):
            break  # "..., against 94% nationally, and 4 of 101 had no destination": ours; "78.7%, bang on the national average,"
        if prev in ("national", "local", "other", "target") and not _CONTRAST.search(part):
            return prev
        if find_values(part) and _LIST_OF_FIGURES.match(clause) and not _CONTRAST.search(clause):
            prev = _subject(sentence, spans, j, find_values(part)[-1])
            if prev != "school":
                return prev  # "the other two secondaries reported 91% and 89%": both theirs
        if _SCHOOL_MARK.search(part) or _CONTRAST.search(part) or find_values(part):
            break
    return "school"


# A national or local figure named as what the figure before is compared with ("bang on the national average", "in
# line with the LA"): a comment on that figure, not the subject of the next.
_COMMENTS_ON_THE_FIGURE = re.compile(
    r"\b(?:on|with|above|below|under|over|than|behind|ahead of|close to|near)\s+(?:the\s+)?(?:national|la\b|local|england)", re.I
)


def _claims(part: str, sentence: str) -> list[Value]:
    return [w for w in find_values(part) if _is_claim(w, part)]


def _source_leads(sentence: str, spans, i: int, v: Value) -> bool:
    """A survey or other source named in the words since the previous figure gives this figure, "our" or not."""
    for j in range(i - 1, -1, -1):
        part = sentence[spans[j][0] : spans[j][1]]
        if find_values(part) or _CONTRAST.search(part):
            return False
        if cues()["source"].search(part):
            return True
    return False


def _is_claim(v: Value, sentence: str) -> bool:
    """'All'/'every'/'none' state a figure only in past or perfect wording, never in a plan (read in its clause)."""
    if v.kind not in ("all", "none", "count", "all_but", "events"):
        return True
    c = cues()
    spans = _clauses(sentence)
    i = _clause_index(spans, v)
    a, b = spans[i]
    clause = sentence[a : max(b, v.end)]
    if v.kind == "events":  # "three provider encounters were held", not "we will run three"
        if v.value == 2 and not c["held"].search(clause):
            return False  # "none of them had two encounters": the law's two, not a count of events held
        return bool(c["done"].search(sentence) or c["held"].search(sentence)) and not c["plan"].search(clause)
    if v.kind != "all_but" and _EXCEPT.search(sentence[v.end : v.end + 60]):
        return False  # "every Year 11 leaver except one": not all
    if v.kind == "all" and re.match(r"\s+(?:is|counts|matters|makes|means|can|deserves|needs)\b", sentence[v.end :], re.I):
        return False  # "every pupil is a big percentage": about each pupil, not a count
    if v.kind == "all" and _PRACTICE_BEFORE.search(sentence[: v.start]):
        return False  # "we track every leaver in October": what we do, not a figure
    said_done = (
        c["done"].search(sentence) or len(sentence.split()) <= VERBLESS_ANSWER_WORDS or labelled_count(sentence, v)
    )  # "Thirty-one of them.", "KS4 2024/25 leavers: FE 31, apprenticeships 6"
    return bool(said_done) and not c["plan"].search(clause)


_PRACTICE_BEFORE = re.compile(
    r"\bwe (?:\w+ly )?(?:track|follow up|follow|contact|chase|see|meet|offer|give|check|call|survey|interview|ask|support|invite|"
    r"help|record|monitor|phone|email)\s+$",
    re.I,
)


def _between(sentence: str, spans, j: int, i: int) -> About:
    """What clause ``j``, between the previous figure and figure ``i``'s clause, says of figure ``i``."""
    part = sentence[spans[j][0] : spans[j][1]]
    said = about(part)
    bracketed = j == i - 1 and sentence[spans[i][0] : spans[i][1]].lstrip().startswith("(") and _ends_with_group(part)
    if _COMPARISON_START.search(part) and not bracketed:
        said = replace(said, group=None)  # "girls did better than the boys, 96% against 89%": 96% is the girls'
        # (but "girls more likely to stay (four of six) than boys (two of six)": the bracket is the boys')
    if _LIKE_ANOTHER_TIME.search(part):
        said = replace(said, year=None)  # "Year 9 this year are at 97%, same as last year, and Year 10 98.2%": this year's
    return said


def _ends_with_group(part: str) -> bool:
    """Whether the words end on a pupil group ("than boys"), as before a bracketed figure of theirs."""
    groups = [e for e in nlp.entities(part) if e.label == "pupil_group"]
    return bool(groups) and not part[groups[-1].end :].strip()


def _other_side(result: About, before: About, sentence: str, span: tuple[int, int]) -> About:
    """After "disadvantaged pupils were at 85%", a figure in a comparison clause is the other group's."""
    if result.group is not None:
        return result
    if not _COMPARISON_START.search(sentence[span[0] : span[1]]):
        return replace(result, group=before.group)
    than = _than_group(sentence[: span[0]])
    if than is not None and than != before.group:
        return replace(result, group=than)  # "... better than the boys, 96% against 89%": 89% is the boys'
    groups = {e.value for e in nlp.entities(sentence[: span[0]]) if e.label == "pupil_group"}
    if before.group in groups and len(groups - {before.group}) == 1:
        return replace(result, group=(groups - {before.group}).pop())  # "Girls outperformed boys ..., 95.4% against 89.8%"
    if cues()["others"].search(sentence) or re.search(r"\bgap\b", sentence, re.I):
        from bot.evidence.check import OTHER_SIDE

        return replace(result, group=OTHER_SIDE.get(before.group, "not_disadvantaged"))
    return replace(result, unsure=result.unsure + ("group",))


def _than_group(text: str) -> str | None:
    """The pupil group named in the last "than ..." clause of ``text``, if any."""
    found = None
    for a, b in _clauses(text):
        part = text[a:b]
        if re.match(r"\W*than\b", part, re.I):
            found = about(part).group or found
    return found


def _fill(
    own: About,
    sentence: str,
    spans,
    i: int,
    prior: About | None,
    before: About | None,
    from_question: bool = False,
    new_measure: bool = False,
) -> About:
    """The clause's own reading; then the previous figure's in this sentence (``before``); then the
    sentence's earlier clauses; then what came before; then the sentence's later clauses (never a
    plan: "so this year every PP pupil gets two interviews")."""
    # A clause naming no measure restates the one before: "went to university last year, 18 of 43".
    bare = own.measure is None and own.category is None
    context = before or prior
    if own.measure == "destinations" and own.category is None and context is not None and context.measure in ("not_sustained", "missing"):
        own = replace(own, measure=context.measure)  # "leavers" alone doesn't undo "did not sustain" said before
    fields_ = ["measure", "stage", "year_groups", "activity_type", "group", "year", "unsure", "cohort_of", "window"]
    result, j = own, i - 1
    between = fields_ if before is None or before.measure is None else [f for f in fields_ if f not in ("measure", "activity_type")]
    while j >= 0 and not find_values(sentence[spans[j][0] : spans[j][1]]):  # the words since the previous figure
        said = _between(sentence, spans, j, i)
        result = result.over(said, keep=between + (["category"] if bare and before is None else []))
        j -= 1
    result = result.over(
        before,
        keep=["measure", "stage", "year_groups", "activity_type", "year", "unsure", "cohort_of", "window"] + (["category"] if bare else []),
    )
    if before is not None and own.group is None and before.group not in (None, "all"):
        result = _other_side(result, before, sentence, spans[i])
    for k in range(j, -1, -1):
        part = sentence[spans[k][0] : spans[k][1]]
        if before is not None and find_values(part):
            continue  # a clause with its own figure is already read (``before``)
        result = result.over(about(part), keep=fields_ + (["category"] if bare and before is None else []))
    result = _from_lead(result, own, sentence, spans, before)
    carry = ["measure", "stage", "year", "year_groups", "activity_type"]
    if new_measure:
        carry = ["year"]  # "...; Year 13, 87.5%. Employer encounters 2025/26: 86.7% of pupils on roll."
    clause = sentence[spans[i][0] : spans[i][1]]
    # "96% of our Year 11 leavers", "Every Year 9 pupil ...: 100% of them" is everyone, whatever the question
    names_pupils = bool(_SHARE_OF_PUPILS.search(clause) or _EVERY_PUPIL.search(sentence[: spans[i][1]]))
    if (
        _ANAPHORA.search(sentence)
        or (prior is not None and prior.group and own.group is None and i > 0 and not names_pupils)
        or (from_question and not names_pupils)
    ):
        carry.append("group")
    if from_question and own.category is None and result.category is None:
        carry.append("category")  # "How many go on to apprenticeships?" - "A quarter did"
    result = result.over(prior, keep=carry)
    result = _from_later(result, sentence, spans, i)
    if result.measure == "by16" and own.measure != "by16" and own.within_year:
        result = replace(result, measure="coverage")  # asked "by 16", answered "so far this year": this year's
    return _own_cohort(result, own)


def _from_lead(result: About, own: About, sentence: str, spans, before: About | None = None) -> About:
    """What the words before the sentence's first figure say of every figure in it: a heading's category,
    "not sustained" or "missing" over plain destinations (unless the figure before was plain destinations: "the
    one not-sustained leaver was a boy; boys were 85.7% sustained, girls 100%"), "by 16" over one year's coverage."""
    first = next((a for a, b in spans if find_values(sentence[a:b])), 0)
    if not first:
        return result
    lead = about(sentence[:first])
    if own.category is None and result.category is None and lead.category and sentence[: first + 1].rstrip().endswith(":"):
        result = replace(result, category=lead.category)  # "On apprenticeships: 6.2% of last year's Year 11 leavers started one"
    plain_before = before is not None and before.measure == "destinations"
    if result.measure == "destinations" and own.category is None and lead.measure in ("not_sustained", "missing") and not plain_before:
        result = replace(result, measure=lead.measure)  # "Leavers not in a sustained destination: 2% for 2024/25 leavers"
    if result.measure == "coverage" and result.activity_type in BY16_ACTIVITIES and not own.within_year:
        if cues()["measure"]["by16"].search(sentence[:first]):
            result = replace(result, measure="by16")  # "By the end of Year 11, 97.0% of the 2024/25 cohort had done work experience"
    return result


def _from_later(result: About, sentence: str, spans, i: int) -> About:
    """What the sentence's later clauses add (never a plan: "so this year every PP pupil gets two interviews")."""
    for j in range(i + 1, len(spans)):
        part = sentence[spans[j][0] : spans[j][1]]
        if cues()["plan"].search(part):
            break
        # A year said after the figure is its own only in the very next clause, when no later figure follows it
        # and the clause doesn't turn to another time ("..., and last year the whole of Year 12 did").
        own_year = j == i + 1 and not find_values(sentence[spans[j][0] :]) and not _TURN.search(part)
        keep = ["measure", "activity_type"] + (["year"] if own_year else [])
        said = about(part)
        if not find_values(part) and said.cohort_of is None:
            keep.append("window")  # "111 of 112 of this year's Year 10s did, when they were in Year 9"
        result = result.over(said, keep=keep)
    return result


def _own_cohort(result: About, own: About) -> About:
    """A clause naming its own cohort keeps it, with its own window, or one from context that lies in
    that cohort's past ("this year's Year 10 were 111 of 112", after "in Year 8 and Year 9")."""
    if own.cohort_of is None:
        if own.window and result.cohort_of is not None and max(own.window) > result.cohort_of:
            return replace(result, cohort_of=None)  # "in Year 13", after "this year's Year 10": another year group
        return result
    past_cohort = own.year is not None and own.year.kind == "label"  # "the 2020/21 lot": any window fits
    fits = result.window and (past_cohort or max(result.window) <= own.cohort_of)
    return replace(result, cohort_of=own.cohort_of, window=own.window or (result.window if fits else ()))


def _without_when_in_year_10(sentence: str) -> str:
    """A "by 16" sentence without the times its cohort did things ("counting the two seen in June of Year 10, it's
    8 of 11 by 16"): when, not whose. Blanked, so every offset stays."""
    if not cues()["measure"]["by16"].search(sentence):
        return sentence
    return _WHEN_IN_YEAR_10.sub(lambda m: " " * len(m.group(0)), sentence)


def read(text: str, context: About | None = None) -> list[Statement]:
    """Every figure in ``text`` as a Statement, in order. ``context``: the question's or conversation's About."""
    statements: list[Statement] = []
    prior = context
    from_passage = False  # whether ``prior`` now comes from earlier sentences rather than the question
    heading = False  # whether the sentence just before had no figures and named the measure ("Every year group has ...")
    for offset, sentence in _sentences(text):
        sentence = _without_when_in_year_10(sentence)
        found = find_values(sentence)
        values = [v for v in found if _is_claim(v, sentence) and not _retracted(v, sentence, found)]
        if not values:
            said = about(sentence)
            if not said.empty:
                prior, from_passage = said.over(prior, keep=["measure", "stage", "year", "year_groups", "activity_type"]), True
            heading = said.measure is not None and said.activity_type is not None
            continue
        own_measure = about(sentence).measure is not None
        spans = _clauses(sentence)
        before: About | None = None
        for v in values:
            i = _clause_index(spans, v)
            clause = sentence[spans[i][0] : spans[i][1]]
            subject = _subject(sentence, spans, i, v)
            own = _with_bracketed_year(about(clause), sentence[v.end :])
            if _SHARE_IN_SIXTH_FORM.search(sentence[v.end : spans[i][1]]):  # "under half in our sixth form": a destination
                stage = "ks4" if own.stage == "ks4" else None  # "of our KS4 leavers 54% went into our sixth form"
                own = replace(own, category="school_sixth_form", stage=stage, year_groups=())
            nxt = sentence[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
            if nxt and _LIST_GOES_ON.search(nxt) and own.category == "education":
                own = replace(own, category="sustained")  # "sustained education, employment or training"
            if subject != "school" and own.group is None:
                own = replace(own, group=None)
            upto = about(sentence[: spans[i][1]])  # what the sentence has said by this figure (not its plans after)
            new_measure = (
                from_passage
                and prior is not None
                and prior.measure is not None
                and upto.measure is not None
                and (upto.measure, upto.activity_type) != (prior.measure, prior.activity_type)
            )
            filled = _fill(
                own, sentence, spans, i, prior, before, from_question=not from_passage and context is not None, new_measure=new_measure
            )
            if subject in ("national", "local") and _PAIRED_WITH.match(clause) and before is not None and own.group is None:
                filled = replace(filled, group=before.group)  # "PP 87.0% v 86.1%": the national figure for PP pupils
            filled = _cohort_reading(_implied_measure(filled, sentence), own, sentence)
            carried = from_passage and not own_measure and filled.measure is not None and not heading
            statements.append(Statement(v, subject, filled, clause.strip(), offset, own, sentence, carried))
            if subject == "school":
                if _LOOKING_BACK.search(clause):  # "down from 13 of 14 last year" doesn't set the scene for what follows
                    before = replace(filled, year=before.year if before is not None else None)
                elif filled.measure == "missing" and prior is not None and prior.measure in ("destinations", "not_sustained"):
                    before = filled  # "..., and 4 of 101 had no destination recorded": an aside; the rates stay the scene
                else:
                    before = prior = filled
        from_passage = from_passage or any(st.subject == "school" for st in statements)
        heading = False
    return statements


VERBLESS_ANSWER_WORDS = 5  # a fragment this short answers the question with a count, verb or none
RETRACTION_REACH = 80  # characters after a figure within which "sorry, no" takes it back


def _retracted(v: Value, sentence: str, found: Sequence[Value]) -> bool:
    """A figure taken back before the next one (``found``: the sentence's figures): "98, sorry, no, 92.8%"."""
    later = [w.start for w in found if w.start >= v.end]
    if not later:
        return False
    between = sentence[v.end : min(later[0], v.end + RETRACTION_REACH)]
    return bool(cues()["retraction"].search(between))


_KEY_STAGE = re.compile(r"\b(?:ks4|ks5|key stage [45]|16[- ]18)\b", re.I)


def _implied_measure(filled: About, sentence: str) -> About:
    """Destinations, when the words name no measure but a destination ("four of last year's Year 11 boys
    started one", after "Apprenticeships ...") or a key stage with no activity ("KS4 2024/25 by sex: girls 6 of 6")."""
    if filled.measure is not None or filled.activity_type or filled.year_groups and not set(filled.year_groups) & {11, 13}:
        return filled  # Year 12s "on the university taster day" are not leavers
    if filled.category or _KEY_STAGE.search(sentence):
        return replace(filled, measure="destinations")
    return filled


_BRACKETED = re.compile(r"^\s*\(([^()]{1,30})\)")


def _with_bracketed_year(own: About, after: str) -> About:
    """A year in brackets straight after a figure is its own: "83% (2022/23), 92% (2023/24)"."""
    m = _BRACKETED.match(after)
    if own.year is not None or not m:
        return own
    year = about(m.group(1)).year
    return replace(own, year=year) if year is not None else own


def _cohort_reading(filled: About, own: About, sentence: str) -> About:
    """Provider access and 'by 16' figures belong to a cohort: a named cohort settles which, and the
    other year groups in the sentence describe the window; without one, two year groups are two readings."""
    if filled.measure not in ("provider_access", "by16"):
        return filled
    if filled.cohort_of is not None:
        return replace(filled, unsure=tuple(u for u in filled.unsure if u != "year_groups"))
    if not own.year_groups and len(_year_groups_named(sentence)) > 1:
        return replace(filled, unsure=filled.unsure + ("year_groups",))  # the clause doesn't say which of them
    return filled


def year_groups_named(text: str) -> set:
    """The year group entity values named in ``text`` ("9", "10-11")."""
    return _year_groups_named(text)


def _year_groups_named(text: str) -> set:
    return {e.value for e in nlp.entities(text) if e.label == "year_group"}


_NAMED_CATEGORY_NOT = re.compile(
    r"\bprovider|\bvisit|\bencounter|\bmet\b|\btaster|\bopen (?:day|evening)|\boptions?\b|\broutes?\b|\bpathways?\b|\balternatives?\b", re.I
)
LEAVERS_YEAR_GROUPS = {11, 12, 13}  # "sixth form leavers" names Years 12 and 13


def named_measure(text: str, said: About | None = None) -> str | None:
    """The measure the words name outright. "Leavers" alone names none ("and for the 2023/24 leavers?" keeps the
    measure), but a destination named for leavers does ("and apprenticeships y11 last year", after NEET figures)."""
    said = said or about(text)
    m = said.measure
    if m in (None, "destinations") and not cues()["measure"]["destinations_named"].search(text):
        named_place = (
            said.category not in (None, "not_sustained", "not_captured")
            and not said.activity_type
            and set(said.year_groups) <= LEAVERS_YEAR_GROUPS
            and not _NAMED_CATEGORY_NOT.search(text)
        )
        return "destinations" if named_place else None
    return m


def describe(a: About) -> dict[str, object]:
    """A plain dict of an About, for JSON and tests."""
    out = {f.name: getattr(a, f.name) for f in fields(a)}
    out["year"] = None if a.year is None else (a.year.kind if a.year.kind != "label" else a.year.end)
    out["year_groups"] = list(a.year_groups)
    return out
