"""'How does this answer sound: <answer>' and 'rate my answer to <question>: <answer>': one prepared answer
judged as the mock interview judges it (bot.interview.assess), outside an interview."""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import deps, replies
from actions.common import school_of, send, user_text

log = logging.getLogger(__name__)
_POLITE = re.compile(r"^\s*(?:please\s+|can you\s+|could you\s+|would you\s+)+", re.I)
_RATE = re.compile(
    r"^(?:rate|score|assess|judge|mark|check|review)\s+(?:my|this|our)\s+answer\s+(?:to|for|on)\s+(?:the question\s+)?", re.I
)
_SOUND = re.compile(
    r"^(?:how\s+(?:does|do)\s+(?:this|my|these|our)\s+answers?\s+(?:sound|look|read|come across)"
    r"|what\s+do\s+you\s+(?:think|make)\s+of\s+(?:this|my)\s+answer"
    r"|(?:rate|score|assess|judge|mark)\s+(?:this|my)\s+answer)\s*\??\s*[:\-–]?\s*",
    re.I,
)


def split_request(message: str) -> tuple[str | None, str]:
    """(the question, the answer) from the message; the question is None when none was given."""
    text = _POLITE.sub("", message or "").strip()
    m = _RATE.match(text)
    if m:
        rest = text[m.end() :]
        cut = re.search(r"\?\s*[:\-–]?\s*|:\s+", rest)
        if cut:
            question = rest[: cut.start()].strip().strip("\"'“”") + ("?" if rest[cut.start()] == "?" else "")
            return question or None, rest[cut.end() :].strip().strip("\"'“”")
        return None, rest.strip()
    m = _SOUND.match(text)
    if m:
        return None, text[m.end() :].strip().strip("\"'“”")
    return None, text


def _assess(context, question: str | None, answer: str) -> str:
    from bot.interview.assess import assess

    school, _names = deps.choose_school(context)
    ev = deps.evidence(school) if school else None
    return assess(question, answer, ev).text()


class ActionAssessAnswer(Action):
    def name(self) -> str:
        return "action_assess_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        question, answer = split_request(user_text(tracker))
        if len(answer.split()) < 3:
            send(dispatcher, replies.NO_ANSWER)
            return []
        try:
            text = await deps.off_loop(_assess, school_of(tracker), question, answer)
        except SQLAlchemyError:
            log.warning("records database unavailable: judging without the claim check")
            from bot.interview.assess import assess

            text = (await deps.off_loop(assess, question, answer)).text() + replies.FIGURES_NOT_CHECKED
        send(dispatcher, text)
        return []
