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

from bot.interview import bank, vocab
from bot.interview.analysis import LEVELS, analyse
from bot.interview.bank import AUDIENCES, CRITERIA, THEMES

LENGTH_CHOICES = (5, 8, 12)
_NUM_Q = re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:question|questions|q)\b", re.I)


@dataclass
class Settings:
    themes: List[str] = field(default_factory=list)
    length: int = 8
    audience: str = "careers_leader"
    style: str = "supportive"

    def describe(self) -> str:
        themes = ", ".join(THEMES[t].split(" (")[0].lower() for t in self.themes) if self.themes else "all nine themes"
        return (f"{self.length} questions on {themes}, asked of a {AUDIENCES[self.audience]}, "
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
    if given.get("interview_length", "").isdigit():
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


def start(settings: Settings, seed: Optional[int] = None) -> dict:
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
        "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "finished": False,
        "stopped": False,
    }


def intro(state: dict) -> str:
    s = Settings(**state["settings"])
    return (f"Mock inspection interview: {s.describe()}. Answer as you would to the inspector, in a sentence or "
            f"several paragraphs. At any point you can say \"skip\", \"repeat the question\", \"what do you mean?\", "
            f"\"give me a hint\" or \"stop\".")


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


def _choose_probe(q: bank.Question, analysis, style: str) -> Optional[bank.Probe]:
    levels = {c: analysis.criteria[c].level for c in CRITERIA}
    for wanted in ("missing", "developing") if style == "challenging" else ("missing",):
        for p in q.probes:
            if levels.get(p.lacks) == wanted:
                return p
    return None


def _advance(state: dict) -> None:
    state["index"] += 1
    state["stage"] = "question"
    state["prompt"] = "question"
    if state["index"] >= len(state["questions"]):
        state["finished"] = True


def handle(state: dict, message: str, evidence=None) -> Step:
    """One user message during the interview. ``evidence`` (an Evidence) enables hints and claim checks."""
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
            _finish_turn(state, q, evidence)
        return Step(state, ["Stopping the interview here."], True)
    if cmd == "skip":
        msgs = []
        if state["stage"] == "probe":
            msgs += _finish_turn(state, q, evidence)
        else:
            state["turns"].append(_turn(q, skipped=True))
            msgs.append("Skipped.")
        _advance(state)
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

    style = state["settings"]["style"]
    if state["stage"] == "question":
        turn = _turn(q)
        turn["answer"] = message.strip()
        state["turns"].append(turn)
        analysis = analyse(turn["answer"])
        claims = _claims(turn["answer"], evidence, q.text)
        turn["claims"] = [c.as_dict() for c in claims]
        probe = _choose_probe(q, analysis, style)
        if probe is not None:
            turn["probe"], turn["probe_lacks"] = probe.text, probe.lacks
            state["stage"] = "probe"
            state["prompt"] = "probe"
            msgs = [c.message for c in claims if c.status != "unchecked"][:3]
            for c in turn["claims"]:
                c["shown"] = c["message"] in msgs
            return Step(state, msgs, False)
        msgs = _finish_turn(state, q, evidence)
        _advance(state)
        return Step(state, msgs, state["finished"])
    # Answer to the follow-up probe.
    turn = state["turns"][-1]
    turn["probe_answer"] = message.strip()
    extra = _claims(turn["probe_answer"], evidence, q.text)
    turn["claims"] = turn.get("claims", []) + [c.as_dict() for c in extra]
    msgs = _finish_turn(state, q, evidence)
    _advance(state)
    return Step(state, msgs, state["finished"])


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


def _finish_turn(state: dict, q: bank.Question, evidence) -> List[str]:
    """Analyse the whole answer (with any follow-up) and write two or three lines of feedback."""
    turn = state["turns"][-1]
    full = (turn["answer"] + "\n" + turn.get("probe_answer", "")).strip()
    analysis = analyse(full)
    turn["criteria"] = {k: {"level": c.level, "found": c.found} for k, c in analysis.criteria.items()}
    lines: List[str] = []
    secure = [c for c in analysis.criteria.values() if c.level == "secure"]
    if secure:
        found = [f for c in secure for f in c.found[:2]]
        lines.append("What worked: " + ", ".join(c.label.split(" (")[0].lower() for c in secure)
                     + (f" (you mentioned {', '.join(found[:4])})." if found else "."))
    else:
        lines.append("What worked: you answered the question; now make it concrete.")
    weakest = analysis.weakest()
    if weakest:
        w = analysis.criteria[weakest[0]]
        tip = q.strong_answer[0] if q.strong_answer else ""
        lines.append(f"To add: {w.label.split(' (')[0].lower()} is {w.level}. A strong answer {tip[0].lower() + tip[1:] if tip else 'adds it'}.")
    for c in turn.get("claims", []):
        if c["status"] in ("mismatch", "match", "reference") and not c.get("shown"):
            lines.append(c["message"])
            c["shown"] = True
    if evidence is not None and q.measures:
        from bot.evidence.headlines import for_measures

        figs = for_measures(evidence, q.measures, limit=1)
        if figs and not any(c["status"] == "mismatch" for c in turn.get("claims", [])):
            lines.append(f"A figure to cite: {figs[0]}.")
    turn["feedback"] = lines
    return ["\n".join(lines)]


def hint(q: bank.Question, evidence) -> str:
    lines = [f"Hint: a strong answer {q.strong_answer[0][0].lower() + q.strong_answer[0][1:]}." if q.strong_answer else "Hint:"]
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
    turns = state["turns"]
    answered = [t for t in turns if not t.get("skipped") and t.get("criteria")]
    s = Settings(**state["settings"])
    head = "Interview stopped" if state.get("stopped") else "Interview complete"
    lines = [f"{head}: {len(answered)} of {len(state['questions'])} questions answered ({s.describe()})."]
    if not answered:
        lines.append("No answers to review yet. Start again whenever you're ready: \"start a mock interview\".")
        return "\n".join(lines)
    for i, t in enumerate(turns, 1):
        if t.get("skipped") or not t.get("criteria"):
            lines.append(f"Q{i} ({THEMES[t['theme']].split(' (')[0]}): skipped")
            continue
        crit = ", ".join(f"{k} {v['level']}" for k, v in t["criteria"].items())
        lines.append(f"Q{i} ({THEMES[t['theme']].split(' (')[0]}): {crit}")
    scores: Dict[str, List[int]] = {}
    for t in answered:
        scores.setdefault(t["theme"], []).append(sum(LEVELS.index(v["level"]) for v in t["criteria"].values()))
    avg = {k: sum(v) / len(v) for k, v in scores.items()}
    best, worst = max(avg, key=avg.get), min(avg, key=avg.get)
    if len(avg) == 1:
        lines.append(f"Theme covered: {THEMES[best]}.")
    else:
        lines.append(f"Strongest theme: {THEMES[best]}. Weakest: {THEMES[worst]}.")
    wrong = [c for t in turns for c in t.get("claims", []) if c["status"] == "mismatch"]
    if wrong:
        lines.append("Claims that did not match your records:")
        lines += [f"- {c['message']}" for c in wrong]
    if evidence is not None:
        flags = evidence.flags()[:3]
        if flags:
            lines.append("Evidence gaps to close before the inspection:")
            lines += [f"- {f.message}" for f in flags]
    alias = vocab.load()["themes"][worst][0]
    lines.append(f"Practise next: {THEMES[worst]}. Try \"grill me on {alias}\".")
    return "\n".join(lines)
