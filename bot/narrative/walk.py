"""The chat walk-through of the flags, one at a time, asking for the reasons (no Rasa here).

Its whole state is a small dict (the flags' keys and where the walk is), kept in a slot, so it survives a restart;
the reasons themselves go to the records database as soon as they are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.evidence.measures import Evidence
from bot.narrative import checking, service, store, text
from bot.narrative.model import Explained

COMMANDS = {
    "skip": re.compile(r"^\s*(?:skip|next|pass|move on|next one|next flag|later)\W*$", re.I),
    "back": re.compile(r"^\s*(?:back|previous|go back)\W*$", re.I),
    "stop": re.compile(r"^\s*(?:stop|done|finish|finished|that'?s all|quit|exit|end|i'?m done)\W*$", re.I),
    "show": re.compile(r"^\s*(?:show|see|view)?\s*(?:me\s+)?(?:my|our|the)?\s*(?:narrative|draft)(?: so far)?\W*$", re.I),
    "keep": re.compile(r"^\s*(?:keep|keep it|it stands|still true|confirm)\W*$", re.I),
    "undo": re.compile(r"^\s*(?:undo|remove that|delete that|take that back)\W*$", re.I),
}
QUICK_REPLIES = [("Skip", "skip"), ("Show my narrative", "show my narrative"), ("Stop", "stop")]
DESTINATION_WORDS = re.compile(r"destination|leaver|neet|sustained|post.?16|sixth form|ks4|16-18|progression", re.I)
PACK_HINT = (
    'For your evidence pack (the narrative, charts and flags, ready to print), press "Download the evidence pack" '
    "on the chat page, or run `coach pack`."
)


@dataclass
class Step:
    messages: list[str] = field(default_factory=list)
    state: dict | None = None
    finished: bool = False


def start(ev: Evidence, request: str = "", engine: Engine | None = None) -> dict:
    """A walk over the destination flags when the request is about destinations (and there are some), else over all;
    with the engine, it begins at the first flag still to explain (or to review)."""
    sections = service.sections(ev)
    chosen = [s for s in sections if s.flag.about_destinations] if DESTINATION_WORDS.search(request or "") else []
    topic = "destinations" if chosen else "all"
    keys = [s.key for s in (chosen or sections)]
    index = 0
    if engine is not None:
        n = service.narrative(engine, ev)
        todo = [k for k, key in enumerate(keys) if (i := n.item(key)) is not None and (not i.reasons or i.needs_review)]
        index = todo[0] if todo else 0
    return {"keys": keys, "index": index, "topic": topic, "added": 0, "last": None}


def intro(ev: Evidence, state: dict) -> str:
    n = len(state["keys"])
    if not n:
        return (
            f"Nothing in {ev.school}'s records is flagged just now, so there is nothing an inspector is likely to ask you to "
            "explain. " + PACK_HINT
        )
    what = "destination flags" if state["topic"] == "destinations" else "flags"
    resume = f" You have explained the first {state['index']}, so we start at flag {state['index'] + 1}." if state["index"] else ""
    return (
        f"Let's prepare your explanations. {ev.school}'s records have {n} {what} an inspector may ask about, largest first.{resume} "
        "For each one, tell me why the figure is like it is, in a sentence or two (I check any figure you give "
        'against the records). Say "skip" to leave one for later, "show my narrative" for the draft, or "stop".'
    )


def current(engine: Engine, ev: Evidence, state: dict) -> Explained | None:
    keys = state["keys"]
    while state["index"] < len(keys):
        item = service.narrative(engine, ev).item(keys[state["index"]])
        if item is not None:
            return item
        state["index"] += 1  # the flag no longer applies (a new import): go on
    return None


def prompt(engine: Engine, ev: Evidence, state: dict) -> str | None:
    item = current(engine, ev, state)
    if item is None:
        return None
    body = text.section_text(item, state["index"] + 1, len(state["keys"]))
    if any(r.status(item.section.flag.figure) == "review" for r in item.reasons):
        ask = 'The figure has changed since you wrote that. Say "keep" if it still stands, or give the new reason.'
    elif item.reasons:
        ask = 'Add another reason, or say "skip" to go on.'
    else:
        ask = 'What is the reason? (Or say "skip", "show my narrative" or "stop".)'
    return f"{body}\n{ask}"


def command_of(message: str) -> str | None:
    return next((name for name, rx in COMMANDS.items() if rx.match(message or "")), None)


def handle(engine: Engine, ev: Evidence, state: dict, message: str) -> Step:
    """One message during the walk: a command, or a reason for the current flag."""
    state = dict(state)
    command = command_of(message)
    if command == "stop":
        return Step([], state, finished=True)
    if command == "show":
        return Step([text.draft(service.narrative(engine, ev))], state)
    if command in ("skip", "back"):
        state["index"] = max(0, state["index"] + (1 if command == "skip" else -1))
        return _next(engine, ev, state, [])
    item = current(engine, ev, state)
    if item is None:
        return Step([], state, finished=True)
    if command == "keep":
        service.confirm(engine, ev, item.section.key)
        state["index"] += 1
        return _next(engine, ev, state, ["Kept: your reasons now stand for the current figure."])
    if command == "undo":
        return _undo(engine, ev, state)
    return _reason(engine, ev, state, item, message)


def _reason(engine: Engine, ev: Evidence, state: dict, item: Explained, message: str) -> Step:
    added = service.add_reason(engine, ev, item.section.key, message)
    state["added"] = state.get("added", 0) + 1
    state["last"] = [item.section.key, added.reason.id]
    said = f"Saved as a reason for flag {state['index'] + 1}. {checking.summary(list(added.checks))}"
    if added.mismatches:
        said += '\nA figure in it does not agree with the records: say "undo" to take the reason back and give it again.'
        return Step([said], state)
    state["index"] += 1
    return _next(engine, ev, state, [said])


def _undo(engine: Engine, ev: Evidence, state: dict) -> Step:
    last = state.get("last")
    if not last:
        return Step(["There is no reason to take back."], state)
    store.remove(engine, ev.school, last[0], last[1])
    state["last"] = None
    state["added"] = max(0, state.get("added", 0) - 1)
    if last[0] in state["keys"]:
        state["index"] = state["keys"].index(last[0])
    return _next(engine, ev, state, ["Taken back."])


def _next(engine: Engine, ev: Evidence, state: dict, said: list[str]) -> Step:
    if current(engine, ev, state) is None:
        return Step(said, state, finished=True)
    return Step(said, state)


def summary(engine: Engine, ev: Evidence, state: dict | None) -> str:
    """The full draft ("show my narrative"), or after a walk what was explained and what is left."""
    n = service.narrative(engine, ev)
    if not state:
        return f"{text.draft(n)}\n{PACK_HINT}"
    added = state.get("added", 0)
    head = f"You added {added} reason{'s' if added != 1 else ''} in this session."
    left = [k for k, i in enumerate(n.items, 1) if not i.reasons]
    rest = (
        f'Still to explain: {len(left)} of {len(n.items)} flags (numbers {_ranges(left)}); say "what will I need to explain?" ' "to go on."
        if left
        else "Every flag has a reason now."
    )
    body = text.draft(n, only_explained=True) if n.explained else ""
    return "\n".join(x for x in (head, body, rest, PACK_HINT) if x)


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    out, run = [], []
    for x in numbers:
        if run and x == run[-1] + 1:
            run.append(x)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [x]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)
