"""Which intent a message really has, after the classifier: rules over the reader, for what a
statistical classifier gets wrong on short, misspelt or shorthand messages.

- A message about careers, Ofsted, Gatsby, destinations, SEND or providers is never out of scope.
- An evidence question that names a measure outright gets that measure's intent ("what about
  the NEETs?" asks about not sustained destinations; "compare our destinations with the LA" asks
  about destinations), whatever the classifier said among the evidence intents.
- A question about the school's own figures ("our", "how many", a year or a group) that names a
  measure is an evidence question, not a knowledge one; a bare "yr 9?" or "pp?" is a follow-up.
The vocabulary is bot/content/routing.yml, and the measures come from the one reader
(bot/evidence/query.py). No Rasa imports: bot/rasa/routing.py runs this in the NLU pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot import nlp, spelling
from bot.evidence import query

ROUTING_FILE = Path(__file__).resolve().parent / "content" / "routing.yml"
MEASURE_INTENT = {
    "destinations": "ask_destinations",
    "not_sustained": "ask_not_sustained",
    "missing": "ask_data_gaps",
    "coverage": "ask_activity_coverage",
    "by16": "ask_activity_coverage",
    "provider_access": "ask_provider_access",
    "benchmarks": "ask_benchmarks",
}
INTENT_MEASURE = {v: k for k, v in MEASURE_INTENT.items() if k != "by16"}
FOLLOW_UPS = ("followup", "ask_comparison")
EVIDENCE_LABELS = ("year_group", "academic_year", "pupil_group", "destination", "activity_type")


@dataclass(frozen=True)
class Rules:
    in_domain: re.Pattern
    refused: frozenset[str]
    not_answers: frozenset[str]
    follow_up_start: re.Pattern
    records: re.Pattern
    knowledge: re.Pattern
    benchmark_records: re.Pattern
    short_words: int
    national: re.Pattern
    school: re.Pattern
    topic_score: float
    second_opinion_for: frozenset[str]

    def about_rules(self, text: str) -> bool:
        """A question about the rules or the national picture, not the school's records."""
        return bool(self.knowledge.search(text) or (self.national.search(text) and not self.school.search(text)))


def _rx(patterns: list[str], anchor: str = r"\b") -> re.Pattern:
    return re.compile("|".join(f"{anchor}(?:{p})" for p in patterns), re.I)


@lru_cache(maxsize=1)
def rules(path: Path = ROUTING_FILE) -> Rules:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Rules(
        _rx(raw["in_domain"]),
        frozenset(raw["refused"]),
        frozenset(raw["not_answers"]),
        re.compile("|".join(f"^\\W*(?:{p})" for p in raw["follow_up_start"]), re.I),
        _rx(raw["records"], ""),
        _rx(raw["knowledge"]),
        _rx(raw["benchmark_records"]),
        int(raw["short_follow_up_words"]),
        _rx(raw["national_words"]),
        _rx(raw["school_words"]),
        float(raw["knowledge_topic_score"]),
        frozenset(raw["second_opinion_for"]),
    )


@dataclass(frozen=True)
class Routed:
    intent: str
    reason: str


def named_measure(text: str, said: query.About | None = None) -> str | None:
    """The measure the words name outright ("leavers" alone names none)."""
    said = said or query.about(text)
    m = said.measure
    if m == "destinations" and not query.cues()["measure"]["destinations_named"].search(text):
        return None
    return m


def route(text: str, intent: str | None, ranking: list[dict]) -> Routed | None:
    """The intent to use instead of ``intent``, or None to keep it."""
    text = spelling.corrected_text(text or "")
    if not text.strip() or text.lstrip().startswith("/") or intent is None:
        return None
    r = rules()
    general = _rules_question(text, intent, r) or _knowledge_question(text, intent, r)
    if general is not None:
        return general
    evidence = _evidence(text, intent, r)
    if evidence is not None:
        return evidence
    if intent in r.refused and r.in_domain.search(text):
        if r.about_rules(text) and not r.school.search(text):
            return Routed("ask_knowledge", "in domain, about the rules")
        skip = r.refused | r.not_answers
        best = next((x.get("name") for x in ranking if x.get("name") not in skip), None)
        return Routed(best or "ask_knowledge", "in domain")
    return None


def _evidence(text: str, intent: str, r: Rules) -> Routed | None:
    from bot.evidence.chat import _intent_measure

    said = query.about(text)
    named = named_measure(text, said)
    ents = [e for e in nlp.entities(text) if e.label in EVIDENCE_LABELS]
    loose = intent in r.refused or intent in ("deny", "affirm", "ask_knowledge", "greet", "help")
    if named is None and said.benchmark and r.benchmark_records.search(text) and intent not in FOLLOW_UPS + ("ask_benchmarks",):
        return Routed("ask_benchmarks", "benchmark in the records")
    if named is None:
        words = re.findall(r"[\w/%-]+", text)
        if loose and intent != "ask_knowledge" and ents and len(words) <= r.short_words:
            return Routed("followup", "bare follow-up")
        return None
    target = MEASURE_INTENT[named]
    if intent in FOLLOW_UPS:
        return Routed(target, "names a new measure") if target != intent else None
    if intent in INTENT_MEASURE or intent == "ask_benchmarks":
        base = INTENT_MEASURE[intent]
        new = _intent_measure(base, named, said)
        return Routed(MEASURE_INTENT[new], "the words name the measure") if new != base else None
    if loose and r.records.search(text) and not r.about_rules(text):
        pinned = any(e.label in ("academic_year", "pupil_group", "year_group") for e in ents) or said.trend
        if intent != "ask_knowledge" or (pinned and r.school.search(text)):
            return Routed(target, "a question about the records")
    return None


def _knowledge_question(text: str, intent: str, r: Rules) -> Routed | None:
    """No sign of the school's records, and a knowledge topic fits well: a knowledge question (the matcher's second opinion)."""
    if intent not in r.second_opinion_for or r.follow_up_start.search(text) or len(re.findall(r"[\w'-]+", text)) <= 3:
        return None
    said = query.about(text)
    if said.trend or r.records.search(text) or r.school.search(text) or re.match(r"^\W*(?:it|that|this|those|these)\b", text, re.I):
        return None
    if any(e.label in ("year_group", "academic_year", "pupil_group") for e in nlp.entities(text)):
        return None
    from bot.knowledge import search

    m = search.find_topic(text)
    if m is None or m.score < r.topic_score:
        return None
    return Routed("ask_knowledge", f"a knowledge topic fits ({m.key})")


def _rules_question(text: str, intent: str, r: Rules) -> Routed | None:
    """An evidence intent on a question about the rules ("what counts as a provider encounter?")."""
    if intent not in INTENT_MEASURE and intent not in ("ask_flags", "followup"):
        return None
    rules_words = r.knowledge.search(text) if intent == "followup" else r.about_rules(text)
    if not rules_words or r.school.search(text) or any(e.label == "academic_year" for e in nlp.entities(text)):
        return None
    return Routed("ask_knowledge", "a question about the rules")
