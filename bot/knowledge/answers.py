"""Replies for knowledge questions, 'how should I answer this?' and example questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.buttons import Button, intent_button, text_button
from bot.interview import bank, vocab
from bot.interview.bank import AUDIENCES, THEME_BENCHMARK, THEME_NAMES
from bot.knowledge import search
from bot.knowledge.base import topics


@dataclass
class Reply:
    text: str
    buttons: list[Button] = field(default_factory=list)
    topic: str | None = None


# Where a topic's theme has figures in the records, the answer hands over to the evidence questions.
THEME_EVIDENCE = {
    "destinations": "what were our KS4 destinations last year?",
    "employer_encounters": "employer encounters by year group this year",
    "further_higher_education": "are we meeting provider access for this year's year 11?",
    "personal_guidance": "did every year 11 get personal guidance by 16?",
    "workplace_experience": "did every year 11 get work experience by 16?",
    "individual_needs": "what were our KS4 destinations for disadvantaged pupils last year?",
}


def theme_name(theme: str) -> str:
    b = THEME_BENCHMARK.get(theme)
    short = THEME_NAMES[theme]
    return f"{short} (Gatsby Benchmark {b})" if b else short


def practise_button(theme: str) -> tuple[str, str]:
    return intent_button(f"Practise {THEME_NAMES[theme].lower()}", "start_interview", interview_theme=theme)


def knowledge(text: str) -> Reply:
    """The topic's answer with its year and source, and where to go next."""
    m, nearest = search.answer_topic(text or "")
    if m is None:
        return Reply(
            "I don't have a reliable answer to that. I can explain the renewed Ofsted framework, each Gatsby "
            "Benchmark, the provider access law, destination measures, NEET and NCCIS, SEND transition, personal "
            'guidance, work experience, Compass and what evidence to have ready. Try "what is Gatsby Benchmark 6?"'
        )
    t = topics()[m.key]
    onward = [topics()[o].title for o in t.see_also]
    lines = [f"{t.title}", t.answer, f"(Rule or finding dated: {t.year}. Source: {t.source}.)"]
    if nearest:
        lines.insert(0, "I have no answer that fits that question closely; this is the nearest topic I hold:")
    if onward:
        lines.append("Ask me about: " + "; ".join(onward) + ".")
    buttons = [text_button(topics()[o].short_title, topics()[o].examples[0]) for o in t.see_also[:2]]
    if t.theme in THEME_EVIDENCE:
        lines.append(f'Your own figures: ask "{THEME_EVIDENCE[t.theme]}"')
        buttons.append(text_button("Our figures", THEME_EVIDENCE[t.theme]))
    if t.theme:
        buttons.append(practise_button(t.theme))
    return Reply("\n".join(lines), buttons, t.id)


def rule_behind(text: str, theme: str | None = None) -> str | None:
    """The knowledge topic a "how should I answer ..." question turns on, when one fits it well: the
    facts a strong answer has to get right ("whether our careers adviser is properly qualified"). A topic
    of the question's own interview theme needs less support from the words."""
    from bot.routing import rules

    question = search.strip_request(text or "")
    m = search.find_topic(question)
    if m is None:
        return None
    decided = bool(search.candidates(question))  # a benchmark number or a named duty has decided the family
    same_theme = theme is not None and topics()[m.key].theme == theme
    return m.key if decided or same_theme or m.score >= rules().advice_topic_score else None


def _topic_line(lead: str, topic_id: str) -> str:
    """A knowledge topic's answer in one line, with its date and source, inside another reply."""
    t = topics()[topic_id]
    return f"{lead} ({t.title}): {t.answer} (Dated: {t.year}. Source: {t.source}.)"


def how_to_answer(text: str, evidence=None) -> Reply:
    """Name the theme, give the rule behind the question, say what a strong answer shows, give the
    school's figures, offer practice."""
    question = search.strip_request(text or "")
    theme = search.find_theme(question).key
    q = search.nearest_question(question, theme)
    lines = [f"That question is about {theme_name(theme)}."]
    rule = rule_behind(text, theme)
    if rule is not None:
        lines.append(_topic_line("What the rules say", rule))
    if q is not None:
        lines.append("A strong answer:")
        lines += [f"- {s}" for s in q.strong_answer]
        if q.red_flags:
            lines.append(f"Avoid: {q.red_flags[0][0].lower() + q.red_flags[0][1:]}.")
    if evidence is not None and q is not None and q.measures:
        from bot.evidence.headlines import for_measures

        figs = for_measures(evidence, q.measures)
        if figs:
            lines.append("Your figures to use:")
            lines += [f"- {f}" for f in figs]
    elif evidence is None:
        lines.append("(Import your records and I'll add your own figures here.)")
    lines.append(f"Want to practise {THEME_NAMES[theme].lower()} with me as the inspector?")
    return Reply("\n".join(lines), [practise_button(theme)], rule)


_AUDIENCE_RE = {
    "governor": re.compile(r"\bgovernors?\b|\btrustees?\b|\bboard\b", re.I),
    "senior_leader": re.compile(r"\bsenior leaders?\b|\bslt\b|\bhead ?teachers?\b|\bdeputy\b", re.I),
    "careers_leader": re.compile(r"\bcareers? lead(er)?s?\b", re.I),
}
_LIST_ASKED = re.compile(r"\b(?:examples?|sample|practice|list)\b", re.I)  # "show me example questions": just the list
_PUPILS_RE = re.compile(r"\b(pupils?|students?|children|kids|young people|focus groups?|(?:year|yr|y) ?\d{1,2}s)\b", re.I)


def example_questions(text: str, seed: int = 0) -> Reply:
    text = text or ""
    if _PUPILS_RE.search(text) and not re.search(r"\babout (our )?pupils\b", text, re.I):
        t = topics().get("pupil_focus_groups")
        body = t.answer if t else "Inspectors talk to pupils about what they know of their options."
        return Reply(
            "Inspectors talk to pupils in focus groups rather than interview them formally. " + body + f"\n(Dated: {t.year}.)"
            if t
            else body,
            topic="pupil_focus_groups" if t else None,
        )
    audience = next((a for a, rx in _AUDIENCE_RE.items() if rx.search(text)), None)
    topic_text = _AUDIENCE_RE[audience].sub(" ", text) if audience else text
    themes = [
        th
        for th, aliases in vocab.load()["themes"].items()
        if any(re.search(r"(?<![\w])" + re.escape(a) + r"(?![\w])", topic_text.lower()) for a in aliases)
    ]
    pool = [q for q in bank.load().values() if (not themes or q.theme in themes) and (audience is None or audience in q.audience)]
    if not pool:
        pool = [q for q in bank.load().values() if not themes or q.theme in themes]
    pool = sorted(pool, key=lambda q: (q.difficulty, q.id))
    picks = pool[seed % max(len(pool), 1) :] + pool[: seed % max(len(pool), 1)]
    picks = picks[:5]
    who = f" for a {AUDIENCES[audience]}" if audience else ""
    what = " about " + ", ".join(THEME_NAMES[t].lower() for t in themes) if themes else ""
    lines = [f"Questions inspectors may ask{who}{what}:"] + [f"- {q.text}" for q in picks]
    lines.append('Say "how should I answer: <question>" for what a strong answer shows, or practise them with me.')
    rule = None if _LIST_ASKED.search(text) else rule_behind(text)
    if rule is not None:  # "what questions will the inspector ask the careers leader": what they look at, then examples
        lines.insert(0, _topic_line("What inspectors look at", rule))
    btn = practise_button(themes[0]) if themes else intent_button("Start a mock interview", "start_interview")
    if audience == "governor":
        btn = intent_button("Practise as a governor", "start_interview", interview_audience="governor")
    return Reply("\n".join(lines), [btn], rule)
