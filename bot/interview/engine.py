"""The mock inspection interview: settings, question choice, the answer loop, feedback, summary.

The whole interview lives in one JSON-serialisable ``state`` dict (kept in a Rasa slot, so it
survives a restart with the tracker store). ``handle`` takes a message and returns the new state,
the messages to send and whether the interview is over. No Rasa imports.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Dict, List, Optional, Tuple
from uuid import uuid4

from bot.interview import bank, feedback, vocab
from bot.interview.analysis import analyse
from bot.interview.bank import AUDIENCES, THEMES
from bot.interview.judge import judge

LENGTH_CHOICES = (5, 8, 12)
_NUM_Q = re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:question|questions|q)\b", re.I)


@dataclass
class Settings:
    themes: List[str] = field(default_factory=list)
    length: int = 8
    audience: str = "careers_leader"
    style: str = "supportive"
    minutes: int = 0  # 0: untimed; 20: "a 20-minute interview", paced from the messages' timestamps

    def describe(self) -> str:
        themes = ", ".join(THEMES[t].split(" (")[0].lower() for t in self.themes) if self.themes else "all nine themes"
        paced = f", paced for {self.minutes} minutes" if self.minutes else ""
        return (f"{self.length} questions on {themes}{paced}, asked of a {AUDIENCES[self.audience]}, "
                f"by a {'challenging' if self.style == 'challenging' else 'supportive'} inspector")


def _has(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(phrase.lower()) + r"(?![\w])", text) is not None


def parse_request(text: str, given: Optional[Dict[str, str]] = None) -> Tuple[Settings, bool]:
    """Settings from the request's words (and button payload values). Returns (settings, anything_named)."""
    v = vocab.load()
    lower = (text or "").lower()
    given = {k: str(val).lower() for k, val in (given or {}).items() if val}
    s = Settings()
    named = False
    for theme, aliases in v["themes"].items():
        if given.get("interview_theme") == theme or any(_has(lower, a) for a in aliases):
            s.themes.append(theme)
    m = _NUM_Q.search(lower)
    timed = given.get("interview_length") == "timed" or any(_has(lower, w) for w in v["timed"]["phrases"])
    if timed:
        s.minutes, s.length = v["timed"]["minutes"], v["timed"]["questions"]
        named = True
    elif given.get("interview_length", "").isdigit():
        s.length = int(given["interview_length"])
        named = True
    elif m:
        s.length = int(m.group(1))
        named = True
    else:
        for word, n in v["lengths"].items():
            if _has(lower, word):
                s.length, named = n, True
                break
    s.length = max(3, min(s.length, 15))
    aud = given.get("interview_audience")
    for key, aliases in v["audiences"].items():
        if aud == key or any(_has(lower, a) for a in aliases):
            s.audience, named = key, True
            break
    sty = given.get("interview_style")
    for key, aliases in v["styles"].items():
        if sty == key or any(_has(lower, a) for a in aliases):
            s.style, named = key, True
            break
    return s, named or bool(s.themes)


def choose_questions(settings: Settings, rng: random.Random) -> List[str]:
    """No repeats; round-robin over the themes; the audience's questions first."""
    questions = list(bank.load().values())
    themes = settings.themes or list(THEMES)
    by_theme: Dict[str, List[bank.Question]] = {}
    for t in themes:
        pool = [q for q in questions if q.theme == t]
        rng.shuffle(pool)
        hard_first = settings.style == "challenging"
        pool.sort(key=lambda q: (settings.audience not in q.audience, -q.difficulty if hard_first else q.difficulty > 2))
        by_theme[t] = pool
    order = list(themes)
    rng.shuffle(order)
    chosen: List[str] = []
    while len(chosen) < settings.length and any(by_theme.values()):
        for t in order:
            if by_theme[t] and len(chosen) < settings.length:
                chosen.append(by_theme[t].pop(0).id)
    return chosen


def _iso(at: Optional[float]) -> str:
    when = datetime.fromtimestamp(at, timezone.utc) if at is not None else datetime.now(timezone.utc)
    return when.isoformat(timespec="seconds")


def start(settings: Settings, seed: Optional[int] = None, at: Optional[float] = None) -> dict:
    """A new interview; ``at`` is the timestamp (seconds) of the message that asked for it, when known."""
    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    return {
        "id": uuid4().hex[:12],
        "seed": seed,
        "settings": settings.__dict__.copy(),
        "questions": choose_questions(settings, rng),
        "index": 0,
        "stage": "question",
        "prompt": "question",
        "turns": [],
        "started_at": _iso(at),
        "asked_at": at,  # when the current question was put (the timestamp of the message before it)
        "finished": False,
        "stopped": False,
    }


def intro(state: dict) -> str:
    s = Settings(**state["settings"])
    timed = (f" The clock runs from now: about {feedback.minutes(feedback.pace_seconds(state['settings']))} a question, "
             f"as in the inspector's {s.minutes}-minute interview." if s.minutes
             else " For the real pace, ask for \"a 20-minute interview\" instead.")
    return (f"Mock inspection interview: {s.describe()}. Answer as you would to the inspector, in a sentence or "
            f"several paragraphs. At any point you can say \"skip\", \"repeat the question\", \"what do you mean?\", "
            f"\"give me a hint\" or \"stop\".{timed}")


def current(state: dict) -> Optional[bank.Question]:
    if state["index"] >= len(state["questions"]):
        return None
    return bank.load()[state["questions"][state["index"]]]


def prompt_text(state: dict) -> Optional[str]:
    """What the assistant should say while waiting for the answer (None: nothing)."""
    q = current(state)
    if q is None or state.get("finished"):
        return None
    kind = state.get("prompt", "question")
    if kind == "none":
        return None
    if state["stage"] == "probe":
        probe = state["turns"][-1]["probe"]
        if kind == "rephrase":
            return f"Put another way: {probe} (This follows up your answer to: \"{q.text}\")"
        return f"Follow-up: {probe}"
    if kind == "rephrase":
        return q.rephrase
    theme = THEMES[q.theme].split(" (")[0]
    return f"Question {state['index'] + 1} of {len(state['questions'])} ({theme}):\n{q.text}"


def command(message: str) -> Optional[str]:
    """'stop', 'skip', 'repeat', 'rephrase' or 'hint' when the message is that command, else None."""
    v = vocab.load()
    text = re.sub(r"[^\w\s'-]", " ", (message or "").lower()).strip()
    text = re.sub(r"\s+", " ", text)
    if not text or len(text.split()) > v["max_command_words"]:
        return None
    for name, phrases in v["commands"].items():
        for p in phrases:
            p = p.lower()
            if text == p or text in (f"{p} please", f"please {p}", f"ok {p}", f"can we {p}", f"let's {p}", f"lets {p}"):
                return name
    return None


@dataclass
class Step:
    state: dict
    messages: List[str]
    finished: bool


def _advance(state: dict, at: Optional[float] = None) -> List[str]:
    """The next question (or the end); in a timed interview, the end once the time is up."""
    state["index"] += 1
    state["stage"] = "question"
    state["prompt"] = "question"
    state["asked_at"] = at
    if state["index"] >= len(state["questions"]):
        state["finished"] = True
    elif _time_up(state, at):
        state["finished"] = True
        return [f"That's the {state['settings']['minutes']} minutes: the inspector would close the interview here."]
    return []


def _time_up(state: dict, at: Optional[float]) -> bool:
    total = state["settings"].get("minutes") or 0
    if not total or at is None:
        return False
    started = datetime.fromisoformat(state["started_at"]).timestamp()
    return at - started >= total * 60


def handle(state: dict, message: str, evidence=None, at: Optional[float] = None) -> Step:
    """One user message during the interview. ``evidence`` (an Evidence) enables hints and claim checks;
    ``at`` is the message's timestamp (seconds since the epoch, from the tracker's event) for the timing."""
    state = _copy(state)
    q = current(state)
    if q is None:
        state["finished"] = True
        return Step(state, [], True)
    cmd = command(message)
    if cmd == "stop":
        state["stopped"] = True
        state["finished"] = True
        if state["stage"] == "probe":
            _finish_turn(state, q, evidence, at)
        return Step(state, ["Stopping the interview here."], True)
    if cmd == "skip":
        msgs = []
        if state["stage"] == "probe":
            msgs += _finish_turn(state, q, evidence, at)
        else:
            state["turns"].append(_turn(q, skipped=True))
            msgs.append("Skipped.")
        msgs += _advance(state, at)
        return Step(state, msgs, state["finished"])
    if cmd == "repeat":
        state["prompt"] = "question"
        return Step(state, [], False)
    if cmd == "rephrase":
        state["prompt"] = "rephrase"
        return Step(state, [], False)
    if cmd == "hint":
        state["prompt"] = "none"
        return Step(state, [hint(q, evidence)], False)
    if not (message or "").strip():
        state["prompt"] = "none"
        return Step(state, ["I didn't catch an answer. Type your answer, or say \"skip\" or \"give me a hint\"."], False)

    if state["stage"] == "question":
        return _first_answer(state, q, message, evidence, at)
    # Answer to the follow-up probe.
    turn = state["turns"][-1]
    turn["probe_answer"] = message.strip()
    extra = _claims(turn["probe_answer"], evidence, q.text)
    turn["claims"] = turn.get("claims", []) + [c.as_dict() for c in extra]
    msgs = _finish_turn(state, q, evidence, at)
    msgs += _advance(state, at)
    return Step(state, msgs, state["finished"])


def _first_answer(state: dict, q: bank.Question, message: str, evidence, at: Optional[float]) -> Step:
    """The answer to the question: a probe chosen by the missing point (or the question again), or the feedback."""
    turn = _turn(q)
    turn["answer"] = message.strip()
    turn["asked_at"] = state.get("asked_at")
    state["turns"].append(turn)
    j = judge(q, turn["answer"])
    claims = _claims(turn["answer"], evidence, q.text)
    turn["claims"] = [c.as_dict() for c in claims]
    probe = feedback.probe_for(q, j, state["settings"]["style"])
    if probe is None:
        msgs = _finish_turn(state, q, evidence, at)
        msgs += _advance(state, at)
        return Step(state, msgs, state["finished"])
    turn["probe"], turn["probe_lacks"] = probe.text, probe.lacks
    state["stage"] = "probe"
    state["prompt"] = "probe"
    shown = [c.message for c in claims if c.status != "unchecked"][:3]
    for c in turn["claims"]:
        c["shown"] = c["message"] in shown
    text = "\n".join(([j.off_topic_line()] if not j.addresses else []) + shown)
    return Step(state, [text] if text else [], False)


def _copy(state: dict) -> dict:
    import copy

    return copy.deepcopy(state)


def _turn(q: bank.Question, skipped: bool = False) -> dict:
    return {"id": q.id, "theme": q.theme, "question": q.text, "answer": "", "probe": None, "probe_answer": "",
            "criteria": {}, "claims": [], "feedback": [], "skipped": skipped}


def _claims(text: str, evidence, question: str = "") -> list:
    """The claim check's verdicts on an answer, mismatches first (the one checker: bot.evidence.check)."""
    if evidence is None:
        return []
    from bot.evidence.check import ClaimChecker, by_weight

    return by_weight(ClaimChecker(evidence).check(text, question=question))


def _finish_turn(state: dict, q: bank.Question, evidence, at: Optional[float] = None) -> List[str]:
    """Judge the whole answer (with any follow-up) against the question's rubric and write the feedback."""
    turn = state["turns"][-1]
    full = (turn["answer"] + "\n" + turn.get("probe_answer", "")).strip()
    j = judge(q, full)
    analysis = analyse(full)
    turn["criteria"] = {k: {"level": c.level, "found": c.found} for k, c in analysis.criteria.items()}
    asked = turn.get("asked_at")
    seconds = round(at - asked, 1) if at is not None and asked is not None else None
    turn["rubric"] = feedback.TurnResult.of(j, seconds).as_dict()
    lines = feedback.lines_for(j)
    lines += _criteria_lines(q, analysis, j)
    for c in turn.get("claims", []):
        if c["status"] in ("mismatch", "match", "reference") and not c.get("shown"):
            lines.append(c["message"])
            c["shown"] = True
    if evidence is not None and q.measures:
        from bot.evidence.headlines import for_measures

        figs = for_measures(evidence, q.measures, limit=1)
        if figs and not any(c["status"] == "mismatch" for c in turn.get("claims", [])):
            lines.append(f"A figure to cite: {figs[0]}.")
    if seconds is not None:
        long = feedback.ran_long(seconds, state["settings"])
        pace = feedback.pace_seconds(state["settings"])
        lines.append(f"Time on this question: {feedback.minutes(seconds)}"
                     + (f"; that ran long (the pace is about {feedback.minutes(pace)} a question)." if long else "."))
    turn["feedback"] = lines
    return ["\n".join(lines)]


def _criteria_lines(q: bank.Question, analysis, j) -> List[str]:
    """The general criteria, only where they add to the rubric: no figure where the records hold some."""
    if not j.addresses:
        return []
    if q.measures and analysis.criteria["evidence"].level == "missing":
        return ["No figures or dates in the answer: the inspector will expect them on this question."]
    return []


def hint(q: bank.Question, evidence) -> str:
    heaviest = max(q.points, key=lambda p: p.weight) if q.points else None
    lines = [f"Hint: a strong answer {heaviest.text[0].lower() + heaviest.text[1:]}." if heaviest else "Hint:"]
    if evidence is not None and q.measures:
        from bot.evidence.headlines import for_measures

        figs = for_measures(evidence, q.measures)
        if figs:
            lines.append("Your records show:")
            lines += [f"- {f}" for f in figs]
    if len(lines) == 1 and not q.measures:
        lines.append("This question is about practice rather than figures your records hold: name who, what, when and the difference it made.")
    lines.append("Your answer when you're ready.")
    return "\n".join(lines)


def summary(state: dict, evidence=None) -> str:
    """Per question points covered of total (and minutes), per theme, the points most often missed,
    figures that did not match the records, timing, and what to practise next."""
    turns = state["turns"]
    answered = [t for t in turns if not t.get("skipped") and t.get("rubric")]
    s = Settings(**state["settings"])
    head = "Interview stopped" if state.get("stopped") else "Interview complete"
    lines = [f"{head}: {len(answered)} of {len(state['questions'])} questions answered ({s.describe()})."]
    if not answered:
        lines.append("No answers to review yet. Start again whenever you're ready: \"start a mock interview\".")
        return "\n".join(lines)
    lines += feedback.question_lines(turns, state["settings"])
    shares = feedback.theme_shares(turns)
    lines.append("By theme: " + "; ".join(f"{THEMES[k].split(' (')[0]} {c} of {n} points" for k, (c, n) in shares.items()) + ".")
    missed = feedback.most_missed(turns)
    if missed:
        lines.append("Points most often missed:")
        lines += [f"- {m}" for m in missed]
    wrong = [c for t in turns for c in t.get("claims", []) if c["status"] == "mismatch"]
    if wrong:
        lines.append("Claims that did not match your records:")
        lines += [f"- {c['message']}" for c in wrong]
    lines += feedback.timing_lines(turns, state["settings"])
    if evidence is not None:
        flags = evidence.flags()[:3]
        if flags:
            lines.append("Evidence gaps to close before the inspection:")
            lines += [f"- {f.message}" for f in flags]
    lines.append(_practise_line(turns))
    return "\n".join(lines)


def _practise_line(turns: List[dict]) -> str:
    theme, point = feedback.practise_next(turns)
    alias = vocab.load()["themes"][theme][0]
    extra = f" Work on this point first: {point[0].lower() + point[1:]}." if point else ""
    return f"Practise next: {THEMES[theme]}.{extra} Try \"grill me on {alias}\"."
