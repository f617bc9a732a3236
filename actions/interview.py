"""The mock interview: start, ask, validate each message (answer or command), summary."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import deps, replies
from actions.common import entities, payload, school_of, send, user_text
from bot.interview import engine

log = logging.getLogger(__name__)


def _evidence(school_slot: str | None):
    try:
        return deps.evidence_or_none(school_slot)
    except Exception:  # the records are unavailable: the interview goes on without figures
        log.warning("records unavailable during the interview")
        return None


CHOICES = [
    ("5 questions", payload("start_interview", interview_length="5")),
    ("Challenging inspector", payload("start_interview", interview_style="challenging")),
    ("As a governor", payload("start_interview", interview_audience="governor")),
    ("Destinations only", payload("start_interview", interview_theme="destinations")),
]


def message_time(tracker: Tracker) -> float | None:
    """The latest user message's timestamp (seconds since the epoch), from the tracker's events."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "user" and isinstance(event.get("timestamp"), int | float):
            return float(event["timestamp"])
    return None


def new_interview(tracker: Tracker, dispatcher: CollectingDispatcher) -> dict:
    """Start an interview from the request's words or button values; offer choices when none were named."""
    given = {label: value for label, value in entities(tracker) if label.startswith("interview_")}
    settings, named = engine.parse_request(user_text(tracker), given)
    state = engine.start(settings, at=message_time(tracker))
    if named or given:
        send(dispatcher, engine.intro(state))
    else:
        send(dispatcher, engine.intro(state) + replies.CHOOSE_SETTINGS, CHOICES)
    return state


class ActionStartInterview(Action):
    def name(self) -> str:
        return "action_start_interview"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        state = new_interview(tracker, dispatcher)
        return [SlotSet("interview_state", state), SlotSet("interview_answer", None)]


class ActionAskInterviewAnswer(Action):
    def name(self) -> str:
        return "action_ask_interview_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        state = tracker.get_slot("interview_state")
        if not state:
            return []
        text = engine.prompt_text(state)
        if text:
            send(dispatcher, text, replies.INTERVIEW_QUICK_REPLIES)
        return []


class ValidateInterviewForm(FormValidationAction):
    def name(self) -> str:
        return "validate_interview_form"

    async def validate_interview_answer(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        state = tracker.get_slot("interview_state")
        if slot_value is None:
            return {"interview_answer": None}
        if not state:  # the form is active without an interview (should not happen): end it cleanly
            return {"interview_answer": "done"}
        message = str(slot_value)
        if message.startswith("/start_interview"):  # a settings button: start again with those settings
            return {"interview_answer": None, "interview_state": new_interview(tracker, dispatcher)}
        if message.startswith("/"):  # a button payload that is not an interview command
            message = message.split("{")[0].lstrip("/").replace("_", " ")

        def work():
            return engine.handle(state, message, _evidence(school_of(tracker)), message_time(tracker))

        try:
            step = await deps.off_loop(work)
        except Exception:  # keep the interview where it was: the question is asked again
            log.exception("the interview could not handle a message")
            send(dispatcher, replies.ANSWER_FAILED)
            return {"interview_answer": None}
        for m in step.messages:
            send(dispatcher, m)
        if step.finished:
            return {"interview_answer": "done", "interview_state": step.state}
        return {"interview_answer": None, "interview_state": step.state}


class ActionInterviewSummary(Action):
    def name(self) -> str:
        return "action_interview_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        state = tracker.get_slot("interview_state")
        if not state:  # the form ran without an interview (its start failed): say so rather than nothing
            send(dispatcher, replies.NO_INTERVIEW, [(replies.START_INTERVIEW, "/start_interview")])
            return [SlotSet("interview_answer", None)]

        def work():
            from bot.interview import transcripts

            ev = _evidence(school_of(tracker))
            text = engine.summary(state, ev)
            try:
                tid = transcripts.save(deps.engine(), state, tracker.sender_id, text, ev.sid if ev else None)
            except Exception:
                log.warning("could not save the transcript")
                tid = None
            return text, tid

        text, tid = await deps.off_loop(work)
        if tid is not None:
            text += replies.transcript_saved(tid)
        send(dispatcher, text, [(replies.START_ANOTHER_INTERVIEW, "/start_interview"), (replies.PICK_UP_ON, "/ask_flags")])
        return [SlotSet("interview_state", None), SlotSet("interview_answer", None)]
