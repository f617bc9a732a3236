"""Which intent a message really has, after the classifier: rules over the reader, for what a
statistical classifier gets wrong on short, misspelt or shorthand messages.

- A message about careers, Ofsted, Gatsby, destinations, SEND or providers is never out of scope.
- An evidence question that names a measure outright gets that measure's intent ("what about
  the NEETs?" asks about not sustained destinations; "compare our destinations with the LA" asks
  about destinations), whatever the classifier said among the evidence intents.
- A question about the school's own figures ("our", "how many", a year or a group) that names a
  measure is an evidence question, not a knowledge one; a bare "yr 9?" or "pp?" is a follow-up.
- A question with no sign of the school's records and a good knowledge topic is a knowledge question;
  so is one asking for advice ("how should we use our destination data"), one about the national
  picture without "our" or a comparison ("how many pupils go to FE nationally"), one naming what the
  records never hold ("report card", "Compass"), a definition ("iag meaning") and a benchmark named
  on its own or without the records ("bm6?", "benchmark 4 every subject every year?").
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
    advice: re.Pattern
    figures: re.Pattern
    knowledge_only: re.Pattern
    definition: re.Pattern
    bare_benchmark_words: frozenset[str]
    speaker: re.Pattern
    comparison: re.Pattern
    correction: re.Pattern
    off_topic: dict
    long_message_words: int
    interview_request: re.Pattern
    advice_topic_score: float
    asked_last: re.Pattern
    interview_asked_about: re.Pattern
    flags: re.Pattern
    records_asked: re.Pattern
    pupil_level: re.Pattern
    asked_by_others: re.Pattern
    not_a_greeting: re.Pattern
    not_rescued: re.Pattern
    compared_with_national: re.Pattern
    how_many_done: re.Pattern
    inspectors_want: re.Pattern

    def about_rules(self, text: str) -> bool:
        """A question about the rules or the national picture, not the school's records."""
        return bool(self.knowledge.search(text) or self.national_picture(text))

    def national_picture(self, text: str) -> bool:
        """The national figures asked about for themselves: no "our", no comparison with them, no "that"."""
        if not self.national.search(text) or self.school.search(text) or self.compared_with_national.search(text):
            return False
        return not _POINTS_BACK.search(text)


_POINTS_BACK = re.compile(
    r"\b(?:for|to|of|with|is|was|are|were) (?:that|it|this|those|them|these)\b(?! year)|^\W*(?:that|it|this|those)\b", re.I
)


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
        _rx(raw["advice"]),
        _rx(raw["figure_words"], ""),
        _rx(raw["knowledge_only"]),
        _rx(raw["definition"]),
        frozenset(w.lower() for w in raw["bare_benchmark_words"]),
        _rx(raw["speaker_words"]),
        _rx(raw["comparison"]),
        _rx(raw["correction"]),
        {k: float(v) for k, v in raw["off_topic"].items()},
        int(raw["long_message_words"]),
        _rx(raw["interview_request"]),
        float(raw["advice_topic_score"]),
        _rx(raw["asked_last"]),
        _rx(raw["interview_asked_about"]),
        _rx(raw["flags"]),
        _rx(raw["records_asked"]),
        _rx(raw["pupil_level"]),
        _rx(raw["asked_by_others"]),
        _rx(raw["not_a_greeting"], ""),
        _rx(raw["not_rescued"]),
        _rx(raw["compared_with_national"]),
        _rx(raw["how_many_done"]),
        _rx(raw["inspectors_want"]),
    )


@dataclass(frozen=True)
class Routed:
    intent: str
    reason: str


def named_measure(text: str, said: query.About | None = None) -> str | None:
    """The measure the words name outright ("leavers" alone names none)."""
    said = said or query.about(text)
    if said.measure == "recorded":
        return "missing"  # "a destination recorded for every leaver": the data gaps question, from the other side
    return query.named_measure(text, said)


def route(text: str, intent: str | None, ranking: list[dict]) -> Routed | None:
    """The intent to use instead of ``intent``, or None to keep it."""
    text = spelling.corrected_text(text or "")
    if not text.strip() or text.lstrip().startswith("/") or intent is None:
        return None
    r = rules()
    if intent in ("deny", "affirm") and r.correction.search(text) and named_measure(text):
        return Routed(MEASURE_INTENT[named_measure(text)], "a correction naming a measure")
    if intent in TEXT_INTENTS and _a_question_without_figures(text):
        intent = _best_in_domain(text, [x for x in ranking if x.get("name") not in TEXT_INTENTS], r)
        return route(text, intent, ranking) or Routed(intent, "a question, with no figures to check or answer to assess")
    if intent == "start_interview" and (not r.interview_request.search(text) or r.interview_asked_about.search(text)):
        intent = _best_in_domain(text, [x for x in ranking if x.get("name") != "start_interview"], r)
        return route(text, intent, ranking) or Routed(intent, "asks for no interview")
    misread = _misread_small_talk_or_bank(text, intent, ranking, r)
    if misread is not None:
        return misread
    if intent not in ("ask_gaps", "start_interview", *TEXT_INTENTS) and r.pupil_level.search(text) and not r.definition.search(text):
        return Routed("ask_gaps", "asks for pupils by id or name")  # only `coach gaps` gives those, to a local file
    flags = _flags_question(text, intent, r)
    if flags is not None:
        return flags
    asked = _records_asked(text, intent, r)
    if asked is not None:
        return asked
    general = (
        _bare_benchmark(text, intent, r)
        or _named_term(text, intent, r)
        or _rules_question(text, intent, r)
        or _knowledge_question(text, intent, r)
    )
    if general is not None:
        return general
    evidence = _follow_up_by_reference(text, intent, r) or _evidence(text, intent, r)
    if evidence is not None:
        return evidence
    if intent == "followup" and _not_a_follow_up(text, r):
        from bot.knowledge import search

        if r.in_domain.search(text) or search.find_topic(text) is not None:
            return Routed("ask_knowledge", "too long for a follow-up, names nothing of the records")
        return Routed("out_of_scope", "too long for a follow-up, names nothing")
    if intent == "ask_knowledge" and _off_topic(text, ranking, r):
        return Routed("out_of_scope", "no domain word, no topic, and out of scope a close second")
    if (intent in INTENT_MEASURE or intent == "ask_flags") and _names_nothing(text, ranking, r):
        return Routed("out_of_scope", "no domain word, measure or year group, and out of scope a close second")
    return _declined_but_in_domain(text, ranking, r) if intent in r.refused else None


def _declined_but_in_domain(text: str, ranking: list[dict], r: Rules) -> Routed | None:
    """Nothing about careers, Ofsted, Gatsby, destinations, SEND or providers is out of scope."""
    if r.in_domain.search(text):
        if r.about_rules(text) and not r.school.search(text):
            return Routed("ask_knowledge", "in domain, about the rules")
        kind = _kind(text, r)
        if kind is not None:  # "which report card area will our careers work be judged under"
            return Routed("ask_knowledge", f"in domain, {kind}")
        named = named_measure(text)
        if named and any(e.label in RECORD_ENTITIES for e in nlp.entities(text)):
            return Routed(
                MEASURE_INTENT[named], "in domain, names a measure of the records and whose"
            )  # "by 16 figures for this years year 11"
        return Routed(_best_in_domain(text, ranking, r), "in domain")
    if _fits_a_topic_well(text, ranking, r):
        return Routed("ask_knowledge", "no domain word, but a knowledge topic fits well and out of scope is unsure")
    return None


def _fits_a_topic_well(text: str, ranking: list[dict], r: Rules) -> bool:
    """A message the classifier doubtfully declined that a knowledge topic fits well ("by when must y11s have an
    offer of a place"): a second net under the domain words, set by the off-topic messages' topic scores."""
    from bot.knowledge import search

    conf = {x.get("name"): x.get("confidence") or 0.0 for x in ranking}
    if conf.get("out_of_scope", 0.0) >= r.off_topic["rescue_below"] or r.not_rescued.search(text):
        return False
    m = search.find_topic(text)
    return m is not None and m.score >= r.off_topic["rescue_topic_score"]


def _misread_small_talk_or_bank(text: str, intent: str, ranking: list[dict], r: Rules) -> Routed | None:
    """A duty or benchmark as a heading ("pal - is the y9 cut off ...") is not a greeting; questions others ask
    ("common careers questions governors ask") are the interview themes, not the inspector's question bank."""
    if intent in ("greet", "goodbye") and r.not_a_greeting.search(text):
        intent = _best_in_domain(text, ranking, r)
        return route(text, intent, ranking) or Routed(intent, "a duty or benchmark as a heading, not a greeting")
    if intent == "example_questions" and r.asked_by_others.search(text) and not r.interview_asked_about.search(text):
        return Routed("ask_knowledge", "questions others ask, not the inspector")
    return None


NEAR_TIE = 0.05
TEXT_INTENTS = ("check_claims", "assess_answer")  # a text given to check or an answer given to assess
_QUESTION = re.compile(
    r"\?|^\W*(?:could|can|would|will|what|how|did|are|is|do|does|have|has|which|when|where|who|please)\b"
    r"|\b(?:could|can|would) you\b|\bpull (?:that|it|them|out|up)\b|\bwants? to (?:see|know|check)\b|\bhow many\b"
    r"|\bwhat (?:percentage|proportion|share)\b",  # asked mid-sentence, as staff type: "..., could you pull that out for me"
    re.I,
)


_ASKS_TO_CHECK = re.compile(
    r"\b(?:check (?:this|these|that|my|our)|is (?:this|that) (?:right|correct|ok)|my answer|this answer|feedback|rate|mark|assess|"
    r"how (?:does|did|do) (?:this|that|my|these) (?:sound|read|answer|look))\b",
    re.I,
)


def _a_question_without_figures(text: str) -> bool:
    """ "Could you tell me what proportion of our Year 11 leavers went on ...?" asks for figures; it gives none."""
    from bot.evidence.numbers import find_values

    return bool(_QUESTION.search(text)) and not find_values(text) and not _ASKS_TO_CHECK.search(text)


def _best_in_domain(text: str, ranking: list[dict], r: Rules) -> str:
    """The best ranked answer intent; in a near tie, a measure the words do not name loses to one
    they do, or to a question that is not about one measure ("top concerns from our numbers")."""
    skip = r.refused | r.not_answers
    ranked = [x for x in ranking if x.get("name") not in skip]
    if not ranked:
        return "ask_knowledge"
    top = ranked[0]
    named = named_measure(text)

    def unsupported(name: str) -> bool:
        return name in INTENT_MEASURE and INTENT_MEASURE[name] != named

    if unsupported(top["name"]):
        near = [x for x in ranked[1:] if (top.get("confidence") or 0.0) - (x.get("confidence") or 0.0) <= NEAR_TIE]
        better = next((x["name"] for x in near if not unsupported(x["name"])), None)
        if better:
            return better
    return top["name"]


def _flags_question(text: str, intent: str, r: Rules) -> Routed | None:
    """Where the school's own evidence is weak, asked by its staff ("where are we most exposed if ofsted look at
    careers", "issues ofsted might raise from 2023/24 records"): a flags question."""
    asked_of = ("ask_knowledge", "followup", "ask_comparison", "example_questions")
    if intent in INTENT_MEASURE and intent != "ask_benchmarks" and named_measure(text) is None:
        asked_of += (intent,)  # an evidence guess on a message naming no measure ("which benchmarks are we weakest on" stays)
    if intent not in asked_of and intent not in r.refused or not _asks_where_weak(text, r):
        return None
    return Routed("ask_flags", "asks where our evidence is weak")


def _asks_where_weak(text: str, r: Rules) -> bool:
    if not r.flags.search(text):
        return False
    said = query.about(text)  # "red flags for disadvantaged pupils", "flags for last year": a group or a year is the records'
    whose = r.school.search(text) or r.speaker.search(text) or _RECORDS_NOUNS.search(text) or said.group or said.year
    return bool(whose) and not said.benchmark and not r.definition.search(text)


_MODAL = re.compile(r"\b(?:should|must|need|needs|supposed|required|expected|meant|ought)\b", re.I)


def _records_asked(text: str, intent: str, r: Rules) -> Routed | None:
    """What the school has done, asked with a measure and whose ("how many providers have come in to talk to year 10
    for the provider access duty", "provider access legislation - how are y12 doing"): that measure's question."""
    asked = r.records_asked.search(text)
    if intent in FOLLOW_UPS or intent in r.not_answers and intent not in r.second_opinion_for or not asked:
        return None
    if _MODAL.search(asked.group(0)):
        return None  # "how many provider encounters should year 8 have had": what the law asks
    named = named_measure(text)
    whose = r.school.search(text) or any(e.label in RECORD_ENTITIES for e in nlp.entities(text))
    if named is None or not whose:
        return None
    return Routed(MEASURE_INTENT[named], "asks what the records hold")


def _evidence(text: str, intent: str, r: Rules) -> Routed | None:
    from bot.evidence.chat import _intent_measure

    said = query.about(text)
    named = named_measure(text, said)
    ents = [e for e in nlp.entities(text) if e.label in EVIDENCE_LABELS]
    loose = intent in r.refused or intent in ("deny", "affirm", "ask_knowledge", "greet", "help")
    if named is None and said.benchmark and intent not in FOLLOW_UPS + ("ask_benchmarks",):
        # "gatsby 3 for send pupils"
        grouped = any(e.label == "pupil_group" for e in ents) and not r.about_rules(text) and _kind(text, r) is None
        # not "benchmark 3 do pupils have to be able to see their own careers records"
        asks_the_rules = r.knowledge.search(text) and not r.school.search(text)
        if (r.benchmark_records.search(text) and not asks_the_rules) or grouped:
            return Routed("ask_benchmarks", "benchmark in the records")
    if named is None:
        words = re.findall(r"[\w/%-]+", text)
        if loose and intent != "ask_knowledge" and ents and len(words) <= r.short_words and not _national_term(text, r):
            return Routed("followup", "bare follow-up")
        return None
    target = MEASURE_INTENT[named]
    if intent in FOLLOW_UPS:
        return Routed(target, "names a new measure") if target != intent else None
    if intent in INTENT_MEASURE or intent == "ask_benchmarks":
        base = INTENT_MEASURE[intent]
        new = _intent_measure(base, named, said)
        return Routed(MEASURE_INTENT[new], "the words name the measure") if new != base else None
    if loose and not r.about_rules(text) and _kind(text, r) not in ("advice", "not in the records"):
        pinned = any(e.label in ("academic_year", "pupil_group", "year_group") for e in ents) or said.trend or bool(said.compare)
        if r.records.search(text) and (intent != "ask_knowledge" or (pinned and r.school.search(text))):
            return Routed(target, "a question about the records")
        labels = {e.label for e in ents}
        if "academic_year" in labels and labels & {"pupil_group", "year_group"}:
            return Routed(target, "a measure, a year and whose: the records")  # "not sustained send pupils post-16 2023/24"
        short = len(re.findall(r"[\w/%-]+", text)) <= r.short_words  # "pupil premium destinations"
        ours = _LEAVERS.search(text) or _RECORDS_NOUNS.search(text)  # "gaps in destinations data for send pupils"
        if "pupil_group" in labels and (said.stage or "year_group" in labels or ours or short) and _kind(text, r) is None:
            return Routed(target, "a measure, a stage or year group, and a pupil group: the records")  # "ks5 destinations send"
    return None


def _national_term(text: str, r: Rules) -> bool:
    """ "national gatsby average 2024/25": the national picture in the domain's words, not a bare follow-up."""
    return r.national_picture(text) and bool(r.in_domain.search(text))


_LEAVERS = re.compile(r"\bleavers?\b", re.I)
_ANAPHORA = re.compile(r"^\W*(?:it|that|this|those|these)\b", re.I)
RECORD_ENTITIES = ("year_group", "academic_year", "pupil_group")


_POINTS_TO_CONTEXT = re.compile(r"\b(?:it|that|those|them|these|this one|look(?:ed)?|the same)\b", re.I)
_LOCAL_OR_NATIONAL = re.compile(r"\b(?:the la|la\b|local authority|locally|council|county|borough|national(?:ly)?|england)\b", re.I)
FOLLOW_UP_BY_REFERENCE_WORDS = 8


def _follow_up_by_reference(text: str, intent: str, r: Rules) -> Routed | None:
    """A short message naming no measure that points back at the last answer: "what was it in 2022/23",
    "how many of those are pupil premium", "show me the trend" (a follow-up); "and the LA?", "how about vs
    the LA" (a comparison of it)."""
    if intent == "ask_comparison" or len(re.findall(r"[\w/'-]+", text)) > FOLLOW_UP_BY_REFERENCE_WORDS or named_measure(text):
        return None
    said = query.about(text)
    if said.benchmark or r.definition.search(text) or r.about_rules(text) and not _LOCAL_OR_NATIONAL.search(text):
        return None
    from bot.knowledge import search

    if r.knowledge_only.search(text) or any(route.cue.search(text) for route in search.routes()[1]):
        return None  # "sept guarantee does it cover yr 12 too?": a named duty, not the last answer
    if r.follow_up_start.search(text) and _LOCAL_OR_NATIONAL.search(text) and not said.group and not said.year:
        return Routed("ask_comparison", "a follow-up asking for the local or national comparison")
    if intent == "followup":
        return None
    ents = [e for e in nlp.entities(text) if e.label in RECORD_ENTITIES]
    if (ents and _POINTS_TO_CONTEXT.search(text)) or (said.trend and re.search(r"\btrend\b", text, re.I) and len(text.split()) <= 5):
        return Routed("followup", "points back at the last answer")
    return None


def _knowledge_question(text: str, intent: str, r: Rules) -> Routed | None:
    """No sign of the school's records (or only signs an advice, national, definition or
    knowledge-only question can carry), and a knowledge topic fits well: a knowledge question
    (the matcher's second opinion)."""
    if intent not in r.second_opinion_for or _ANAPHORA.match(text):
        return None
    if intent == "ask_flags" and _asks_where_weak(text, r) and not _about_the_website(text):
        return None  # "what do I need to be ready to defend?": the school's own weak spots, not advice
    if intent == "ask_benchmarks" and r.benchmark_records.search(text) and not r.definition.search(text):
        return None  # "everything we have recorded for gatsby benchmark 1 in 2024-25, for our compass submission"
    if r.follow_up_start.search(text) and not _asks_the_rules_last(text, r):  # "only managed one college visit ..., are we in breach"
        return None
    short = len(re.findall(r"[\w'-]+", text)) <= 3
    kind = _kind(text, r)
    if intent == "ask_comparison" and (kind is None or r.comparison.search(text) and kind in ("advice", "definition")):
        return None  # a comparison follow-up names no records by nature; advice or a definition asked is not one
    if kind is None and (short or _records_sign(text, r)):
        return None
    if kind is None and _measure_agrees(text, intent):
        return None  # "not sustained 22/23": the classifier and the reader name the same measure
    if short and kind != "definition":
        return None
    from bot.knowledge import search

    m = search.find_topic(text)
    decided = kind is not None and search.candidates(text)  # a benchmark number or a named duty decided the family
    if m is None or (kind != "definition" and not decided and m.score < _topic_score(kind, r, text)):
        return None
    return Routed("ask_knowledge", f"a knowledge topic fits ({m.key})" + (f", {kind}" if kind else ""))


def _about_the_website(text: str) -> bool:
    """What the school publishes on its website (knowledge.yml's route to that topic): never a question about its
    records, whoever asks where it falls short."""
    from bot.knowledge import search

    return any("website_requirements" in route.topics and route.cue.search(text) for route in search.routes()[1])


_INSPECTION = re.compile(r"\b(?:ofsted|inspect(?:ion|ions|or|ors)|the visit)\b", re.I)


def _topic_score(kind: str | None, r: Rules, text: str) -> float:
    """How well a topic must fit: advice asked in the domain's own words ("what should we base our careers lessons on")
    needs only a topic that fits at all; not when the only such words are the inspection's ("where do we need to improve
    before Ofsted come", "what should I be worried about before the inspection": our own weak spots)."""
    if kind == "advice":
        return float("-inf") if r.in_domain.search(_INSPECTION.sub(" ", text)) else r.advice_topic_score
    return r.topic_score


def _not_a_follow_up(text: str, r: Rules) -> bool:
    """A follow-up is short ("and girls?") or starts like one, and names a group, year, stage or measure."""
    if r.follow_up_start.search(text) or len(re.findall(r"[\w'-]+", text)) < r.long_message_words:
        return False
    if named_measure(text) or query.about(text).trend or r.records.search(text) or _POINTS_BACK.search(text):
        return False
    return not any(e.label in EVIDENCE_LABELS for e in nlp.entities(text))


def _off_topic(text: str, ranking: list[dict], r: Rules) -> bool:
    """A doubtful knowledge question that names nothing of the domain, fits no topic well, and that the
    classifier nearly called out of scope ("is it going to snow at lunch"), or barely called anything."""
    if r.in_domain.search(text) or query.about(text).benchmark or _kind(text, r) == "definition":
        return False
    conf = {x.get("name"): x["confidence"] for x in ranking if isinstance(x.get("confidence"), int | float)}
    sure = conf.get("ask_knowledge", 1.0)
    if sure >= r.off_topic["doubtful_below"]:
        return False
    if sure >= r.off_topic["hopeless_below"] and conf.get("out_of_scope", 0.0) < r.off_topic["rival_at_least"]:
        return False
    from bot.knowledge import search

    m = search.find_topic(text)
    return m is None or m.score < r.topic_score


def _names_nothing(text: str, ranking: list[dict], r: Rules) -> bool:
    """An evidence guess on a message naming nothing of the records or the domain, that the classifier nearly
    called out of scope ("football fixtures this weekend")."""
    if r.in_domain.search(text) or named_measure(text) or any(e.label in EVIDENCE_LABELS for e in nlp.entities(text)):
        return False
    conf = {x.get("name"): x["confidence"] for x in ranking if isinstance(x.get("confidence"), int | float)}
    return conf.get("out_of_scope", 0.0) >= r.off_topic["rival_at_least"]


def _measure_agrees(text: str, intent: str) -> bool:
    named = named_measure(text)
    return named is not None and MEASURE_INTENT[named] == intent


def _records_sign(text: str, r: Rules) -> bool:
    """Any sign the message is about the school's own records."""
    if query.about(text).trend or r.records.search(text) or r.school.search(text):
        return True
    return any(e.label in RECORD_ENTITIES for e in nlp.entities(text))


def _kind(text: str, r: Rules) -> str | None:
    """Which kind of knowledge question the words make, whatever records signs it has (None: none)."""
    if r.definition.search(text) and not r.school.search(text):
        return "definition"
    if r.national_picture(text):
        return "the national picture"
    if _asks_the_rules_last(text, r):
        return "advice"
    if _how_many_the_rules_ask(text, r):
        return "the rules"
    if r.inspectors_want.search(text):
        return "what inspectors want"
    if r.figures.search(text):
        return "not in the records" if r.knowledge_only.search(text) else None
    if r.advice.search(text):
        return "advice"
    if r.knowledge_only.search(text):
        return "not in the records"
    return None


_HOW_MANY = re.compile(r"\bhow many\b", re.I)


def _how_many_the_rules_ask(text: str, r: Rules) -> bool:
    """ "bm7 uni visits how many", "how many provider encounters in yr 8 or 9": how many a benchmark or a named duty asks
    for, with no "we" or "our", no year and no sign of what was done ("how many provider encounters has year 10 had")."""
    from bot.knowledge import search

    if not _HOW_MANY.search(text) or r.school.search(text) or r.how_many_done.search(text) or r.pupil_level.search(text):
        return False
    return bool(search.candidates(text))


_LAST_PART = re.compile(r"[,;:?!–—]|\s-\s|\bso\b", re.I)
_RECORDS_NOUNS = re.compile(r"\b(?:data|records?|figures?|numbers?|stats|tracker|spreadsheet)\b", re.I)
SITUATION_WORDS = 3  # the words before a question asked last that make them its situation


def _asks_the_rules_last(text: str, r: Rules) -> bool:
    """A situation, then a question about the rules ("we did both of the y11 provider sessions in march, do they
    still count"): the last part asks about the rules, names no figures of its own, and follows a situation."""
    from bot.evidence.numbers import find_values

    parts = [p for p in _LAST_PART.split(text) if p.strip()]
    if len(parts) < 2 or len(re.findall(r"[\w'-]+", " ".join(parts[:-1]))) < SITUATION_WORDS:
        return False
    last = parts[-1]
    # "only managed one college visit", "no wex at all": the situation, not a figure asked about
    rates = [v for v in find_values(text) if v.kind not in ("count", "events", "none", "all")]
    return bool(r.asked_last.search(last)) and not r.figures.search(last) and not _RECORDS_NOUNS.search(last) and not rates


def _named_term(text: str, intent: str, r: Rules) -> Routed | None:
    """A duty or term a knowledge topic is named for, said on its own or nearly ("PAL", "baker clause?",
    "secure fit??", "ladder of support?"), with no sign of the school's records: that topic."""
    if intent == "ask_knowledge" or len(re.findall(r"[\w'-]+", text)) > NAMED_TERM_WORDS:
        return None
    if _records_sign(text, r) or r.figures.search(text):
        return None
    if named_measure(text) and (r.school.search(text) or re.search(r"\bphase\b|\d|\bcompliance\b", text, re.I)):
        return None  # "provider access phase 1", "our PAL", "provider access compliance": the records' figure
    from bot.knowledge import search

    _, named = search.routes()
    if not any(route.cue.search(text) for route in named):
        return None
    m = search.find_topic(text)
    return Routed("ask_knowledge", f"a named term on its own ({m.key})") if m else None


NAMED_TERM_WORDS = 4


def _bare_benchmark(text: str, intent: str, r: Rules) -> Routed | None:
    """A Gatsby benchmark named on its own ("bm6?", "gatsby benchmark 3"), or with none of the records
    ("benchmark 4 every subject every year?"): the benchmark's knowledge topic."""
    if intent == "ask_knowledge" or intent in r.not_answers and intent not in r.second_opinion_for:
        return None
    said = query.about(text)
    if said.benchmark is None or r.follow_up_start.search(text):
        return None
    ents = nlp.entities(text)
    rest = text
    for e in sorted((e for e in ents if e.label == "benchmark"), key=lambda e: -e.start):
        rest = rest[: e.start] + " " + rest[e.end :]
    leftover = [w for w in re.findall(r"[\w']+", rest.lower()) if w not in r.bare_benchmark_words]
    if not leftover:
        return Routed("ask_knowledge", "a benchmark on its own")
    if r.benchmark_records.search(text) or r.records.search(text) or r.school.search(text) or r.figures.search(text):
        return None  # "every year" is what a benchmark asks, not a trend in the records
    if any(e.label in RECORD_ENTITIES for e in ents):
        return None
    if intent in INTENT_MEASURE or intent in ("ask_benchmarks", "followup", "explain_data") or intent in r.refused:
        return Routed("ask_knowledge", "a benchmark without the records")
    return None


_OBLIGATION = re.compile(r"\b(?:we (?:have|need|are required|are supposed|ought) to|must we|we must|do we (?:have|need) to)\b", re.I)


def _rules_question(text: str, intent: str, r: Rules) -> Routed | None:
    """An evidence intent on a question about the rules ("what counts as a provider encounter?")."""
    if intent not in INTENT_MEASURE and intent not in ("ask_flags", "followup", "ask_comparison"):
        return None
    if intent == "ask_comparison" and _POINTS_BACK.search(text):
        return None  # "what's the national figure for that": the last answer compared
    rules_words = r.knowledge.search(text) if intent in FOLLOW_UPS else r.about_rules(text)
    ours = r.school.search(_OBLIGATION.sub(" ", text))  # "which law says we have to let providers in": what the law asks of us
    if not rules_words or ours or any(e.label == "academic_year" for e in nlp.entities(text)):
        return None
    if intent == "ask_flags" and r.speaker.search(text):
        return None  # "what do I need to worry about in the data": the asker's own flags
    return Routed("ask_knowledge", "a question about the rules")
