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
from uuid import uuid4

from bot.interview import bank, feedback, vocab
from bot.interview.analysis import analyse
from bot.interview.bank import AUDIENCES, THEME_NAMES, THEMES
from bot.interview.judge import judge
from bot.interview.state import State, Turn

LENGTH_CHOICES = (5, 8, 12)
_NUM_Q = re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:question|questions|q)\b", re.I)


@dataclass
class Settings:
    themes: list[str] = field(default_factory=list)
    length: int = 8
    audience: str = "careers_leader"
    style: str = "supportive"
    minutes: int = 0  # 0: untimed; 20: "a 20-minute interview", paced from the messages' timestamps

    def describe(self) -> str:
        themes = ", ".join(THEME_NAMES[t].lower() for t in self.themes) if self.themes else "all nine themes"
        paced = f", paced for {self.minutes} minutes" if self.minutes else ""
        return (
            f"{self.length} questions on {themes}{paced}, asked of a {AUDIENCES[self.audience]}, "
            f"by a {'challenging' if self.style == 'challenging' else 'supportive'} inspector"
        )


def _has(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(phrase.lower()) + r"(?![\w])", text) is not None


def parse_request(text: str, given: dict[str, str] | None = None) -> tuple[Settings, bool]:
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


def choose_questions(settings: Settings, rng: random.Random) -> list[str]:
    """No repeats; round-robin over the themes; the audience's questions first."""
    questions = list(bank.load().values())
    themes = settings.themes or list(THEMES)
    by_theme: dict[str, list[bank.Question]] = {}
    for t in themes:
        pool = [q for q in questions if q.theme == t]
        rng.shuffle(pool)
        hard_first = settings.style == "challenging"
        pool.sort(key=lambda q: (settings.audience not in q.audience, -q.difficulty if hard_first else q.difficulty > 2))
        by_theme[t] = pool
    order = list(themes)
    rng.shuffle(order)
    chosen: list[str] = []
    while len(chosen) < settings.length and any(by_theme.values()):
        for t in order:
            if by_theme[t] and len(chosen) < settings.length:
                chosen.append(by_theme[t].pop(0).id)
    return chosen


def _iso(at: float | None) -> str:
    when = datetime.fromtimestamp(at, timezone.utc) if at is not None else datetime.now(timezone.utc)
    return when.isoformat(timespec="seconds")


def start(settings: Settings, seed: int | None = None, at: float | None = None) -> dict:
    """A new interview (as the slot's dict); ``at`` is the timestamp (seconds) of the message that asked for it."""
    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    st = State(
        id=uuid4().hex[:12],
        seed=seed,
        settings=settings.__dict__.copy(),
        questions=choose_questions(settings, rng),
        started_at=_iso(at),
        asked_at=at,
    )
    return st.as_dict()


def intro(state: dict) -> str:
    s = Settings(**state["settings"])
    timed = (
        f" The clock runs from now: about {feedback.minutes(feedback.pace_seconds(state['settings']))} a question, "
        f"as in the inspector's {s.minutes}-minute interview."
        if s.minutes
        else ' For the real pace, ask for "a 20-minute interview" instead.'
    )
    return (
        f"Mock inspection interview: {s.describe()}. Answer as you would to the inspector, in a sentence or "
        f'several paragraphs. At any point you can say "skip", "repeat the question", "what do you mean?", '
        f'"give me a hint" or "stop".{timed}'
    )


def _current(st: State) -> bank.Question | None:
    if st.index >= len(st.questions):
        return None
    return bank.load()[st.questions[st.index]]


def current(state: dict) -> bank.Question | None:
    return _current(State.from_dict(state))


def prompt_text(state: dict) -> str | None:
    """What the assistant should say while waiting for the answer (None: nothing)."""
    st = State.from_dict(state)
    q = _current(st)
    if q is None or st.finished or st.prompt == "none":
        return None
    if st.stage == "probe":
        if st.prompt == "rephrase":
            return f'Put another way: {st.last.probe} (This follows up your answer to: "{q.text}")'
        return f"Follow-up: {st.last.probe}"
    if st.prompt == "rephrase":
        return q.rephrase
    theme = THEME_NAMES[q.theme]
    return f"Question {st.index + 1} of {len(st.questions)} ({theme}):\n{q.text}"


def command(message: str) -> str | None:
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
    state: dict  # the new state, as the slot's dict
    messages: list[str]
    finished: bool


def _advance(st: State, at: float | None = None) -> list[str]:
    """The next question (or the end); in a timed interview, the end once the time is up."""
    st.index += 1
    st.stage = "question"
    st.prompt = "question"
    st.asked_at = at
    if st.index >= len(st.questions):
        st.finished = True
    elif _time_up(st, at):
        st.finished = True
        return [f"That's the {st.settings['minutes']} minutes: the inspector would close the interview here."]
    return []


def _time_up(st: State, at: float | None) -> bool:
    total = st.settings.get("minutes") or 0
    if not total or at is None:
        return False
    return at - datetime.fromisoformat(st.started_at).timestamp() >= total * 60


def handle(state: dict, message: str, evidence=None, at: float | None = None) -> Step:
    """One user message during the interview. ``evidence`` (an Evidence) enables hints and claim checks;
    ``at`` is the message's timestamp (seconds since the epoch, from the tracker's event) for the timing."""
    st = State.from_dict(state)
    q = _current(st)
    if q is None:
        st.finished = True
        return _step(st, [])
    cmd = command(message)
    if cmd in ("stop", "skip"):
        return _stop_or_skip(st, q, cmd, evidence, at)
    prompts = {"repeat": "question", "rephrase": "rephrase", "hint": "none"}
    if cmd in prompts:
        st.prompt = prompts[cmd]
        return _step(st, [hint(q, evidence)] if cmd == "hint" else [])
    if not (message or "").strip():
        st.prompt = "none"
        return _step(st, ['I didn\'t catch an answer. Type your answer, or say "skip" or "give me a hint".'])
    if st.stage == "question":
        return _first_answer(st, q, message, evidence, at)
    # The answer to the follow-up.
    st.last.probe_answer = message.strip()
    st.last.claims += [c.as_dict() for c in _claims(st.last.probe_answer, evidence, q.text)]
    msgs = _finish_turn(st, q, evidence, at)
    return _step(st, msgs + _advance(st, at))


def _step(st: State, messages: list[str]) -> Step:
    return Step(st.as_dict(), messages, st.finished)


def _stop_or_skip(st: State, q: bank.Question, cmd: str, evidence, at: float | None) -> Step:
    msgs: list[str] = []
    if cmd == "stop":
        st.stopped = st.finished = True
        if st.stage == "probe":
            _finish_turn(st, q, evidence, at)
        return _step(st, ["Stopping the interview here."])
    if st.stage == "probe":
        msgs += _finish_turn(st, q, evidence, at)
    else:
        st.turns.append(Turn(q.id, q.theme, q.text, skipped=True, asked_at=st.asked_at))
        msgs.append("Skipped.")
    return _step(st, msgs + _advance(st, at))


def _first_answer(st: State, q: bank.Question, message: str, evidence, at: float | None) -> Step:
    """The answer to the question: a probe chosen by the missing point (or the question again), or the feedback."""
    turn = Turn(q.id, q.theme, q.text, answer=message.strip(), asked_at=st.asked_at)
    st.turns.append(turn)
    j = judge(q, turn.answer)
    claims = _claims(turn.answer, evidence, q.text)
    turn.claims = [c.as_dict() for c in claims]
    probe = feedback.probe_for(q, j, st.settings["style"])
    if probe is None:
        msgs = _finish_turn(st, q, evidence, at)
        return _step(st, msgs + _advance(st, at))
    turn.probe, turn.probe_lacks = probe.text, probe.lacks
    st.stage = st.prompt = "probe"
    shown = [c.message for c in claims if c.status != "unchecked"][:3]
    for c in turn.claims:
        c["shown"] = c["message"] in shown
    text = "\n".join(([j.off_topic_line()] if not j.addresses else []) + shown)
    return _step(st, [text] if text else [])


def _claims(text: str, evidence, question: str = "") -> list:
    """The claim check's verdicts on an answer, mismatches first (the one checker: bot.evidence.check)."""
    if evidence is None:
        return []
    from bot.evidence.check import ClaimChecker, by_weight

    return by_weight(ClaimChecker(evidence).check(text, question=question))


UNCHECKED_SHOWN = 2  # figures the check could not be sure of, shown in a turn's feedback with the reason


def _finish_turn(st: State, q: bank.Question, evidence, at: float | None = None) -> list[str]:
    """Judge the whole answer (with any follow-up) against the question's rubric and write the feedback."""
    turn = st.last
    full = (turn.answer + "\n" + turn.probe_answer).strip()
    j = judge(q, full)
    analysis = analyse(full)
    turn.criteria = {k: {"level": c.level, "found": c.found} for k, c in analysis.criteria.items()}
    seconds = round(at - turn.asked_at, 1) if at is not None and turn.asked_at is not None else None
    turn.rubric = feedback.TurnResult.of(j, seconds).as_dict()
    lines = feedback.lines_for(j) + _criteria_lines(q, analysis, j)
    for c in turn.claims:
        if c["status"] in ("mismatch", "match", "reference") and not c.get("shown"):
            lines.append(c["message"])
            c["shown"] = True
    unchecked = [c for c in turn.claims if c["status"] == "unchecked" and not c.get("shown")][:UNCHECKED_SHOWN]
    for c in unchecked:  # what could not be checked, and why: never silence on a figure said
        lines.append(f"Not checked: {c['message']}")
        c["shown"] = True
    if evidence is not None and q.measures and not any(c["status"] == "mismatch" for c in turn.claims):
        from bot.evidence.headlines import for_measures

        figs = for_measures(evidence, q.measures, limit=1)
        if figs:
            lines.append(f"A figure to cite: {figs[0]}.")
    if seconds is not None:
        long, pace = feedback.ran_long(seconds, st.settings), feedback.pace_seconds(st.settings)
        lines.append(
            f"Time on this question: {feedback.minutes(seconds)}"
            + (f"; that ran long (the pace is about {feedback.minutes(pace)} a question)." if long else ".")
        )
    turn.feedback = lines
    return ["\n".join(lines)]


def _criteria_lines(q: bank.Question, analysis, j) -> list[str]:
    """The general criteria, only where they add to the rubric: no figure where the records hold some."""
    if not j.addresses:
        return []
    if q.measures and analysis.criteria["evidence"].level == "missing":
        return ["No figures or dates in the answer: the inspector will expect them on this question."]
    return []


def hint(q: bank.Question, evidence) -> str:
    heaviest = max(q.points, key=lambda p: p.weight) if q.points else None
    lines = [f"Hint: the heart of a strong answer here: {heaviest.text}." if heaviest else "Hint:"]
    if evidence is not None and q.measures:
        from bot.evidence.headlines import for_measures

        figs = for_measures(evidence, q.measures)
        if figs:
            lines.append("Your records show:")
            lines += [f"- {f}" for f in figs]
    if len(lines) == 1 and not q.measures:
        lines.append(
            "This question is about practice rather than figures your records hold: name who, what, when and the difference it made."
        )
    lines.append("Your answer when you're ready.")
    return "\n".join(lines)


def summary(state: dict, evidence=None) -> str:
    """Per question points covered of total (and minutes), per theme, the points most often missed,
    figures that did not match the records, timing, and what to practise next."""
    st = State.from_dict(state)
    s = Settings(**st.settings)
    head = "Interview stopped" if st.stopped else "Interview complete"
    answered = [t for t in st.turns if t.answered]
    lines = [f"{head}: {len(answered)} of {len(st.questions)} questions answered ({s.describe()})."]
    if not answered:
        lines.append('No answers to review yet. Start again whenever you\'re ready: "start a mock interview".')
        return "\n".join(lines)
    lines += feedback.question_lines(st.turns, st.settings)
    shares = feedback.theme_shares(st.turns)
    lines.append("By theme: " + "; ".join(f"{THEME_NAMES[k]} {c} of {n} points" for k, (c, n) in shares.items()) + ".")
    missed = feedback.most_missed(st.turns)
    if missed:
        lines += ["Points most often missed:"] + [f"- {m}" for m in missed]
    wrong = [c for t in st.turns for c in t.claims if c["status"] == "mismatch"]
    if wrong:
        lines += ["Claims that did not match your records:"] + [f"- {c['message']}" for c in wrong]
    lines += feedback.timing_lines(st.turns, st.settings)
    flags = evidence.flags()[:3] if evidence is not None else []
    if flags:
        lines += ["Evidence gaps to close before the inspection:"] + [f"- {f.message}" for f in flags]
    lines.append(_practise_line(st.turns))
    return "\n".join(lines)


def _practise_line(turns: list[Turn]) -> str:
    theme, point = feedback.practise_next(turns)
    alias = vocab.load()["themes"][theme][0]
    extra = f" Work on this point first: {point}." if point else ""
    return f'Practise next: {THEMES[theme]}.{extra} Try "grill me on {alias}".'
