"""'Check this: <text>': the claim check on any text, outside an interview."""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import deps, replies
from actions.common import school_of, send, user_text

log = logging.getLogger(__name__)
_PREFIX = re.compile(r"^\s*(?:please\s+)?(?:can|could) you\s+|^\s*please\s+", re.I)
_ASK = re.compile(r"^\s*(?:fact[- ]?check|check|verify|are these figures right|is this right)\b[^:\-–]*?(?:[:\-–]\s*|\s+(?=\d))", re.I)


def text_to_check(message: str) -> str:
    """The text after "check this:" (or the whole message when there is no such opening)."""
    rest = _PREFIX.sub("", message or "")
    m = _ASK.match(rest)
    return rest[m.end() :].strip() if m else (message or "").strip()


def _verdicts(school_slot, text: str):
    from bot.evidence.check import ClaimChecker, by_weight

    school, names = deps.choose_school(school_slot)
    if school is None:
        return None, names
    return by_weight(ClaimChecker(deps.evidence(school)).check(text)), names


class ActionCheckClaims(Action):
    def name(self) -> str:
        return "action_check_claims"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = text_to_check(user_text(tracker))
        try:
            verdicts, names = await deps.records_call(lambda t: send(dispatcher, t), _verdicts, school_of(tracker), text)
        except deps.RecordsUnavailable:
            return []
        if verdicts is None:
            send(dispatcher, replies.CHECK_NEEDS_RECORDS)
            return []
        if not verdicts:
            send(dispatcher, replies.CHECK_NO_FIGURES)
            return []
        send(dispatcher, "\n".join(replies.verdict_line(n, v.verdict, v.message) for n, v in enumerate(verdicts, 1)))
        return []
