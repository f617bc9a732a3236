"""The evidence narrative in the chat: the walk through the flags (a form with one free-text slot), the draft, and
the counts of pupils still needing an activity (never their ids)."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions import deps, replies
from actions.common import entities, payload, school_of, send, user_text
from bot.records.db import RecordsError

log = logging.getLogger(__name__)


def _evidence(tracker: Tracker) -> tuple[Any | None, str | None, tuple[str, ...]]:
    """(evidence, refusal, schools to choose from) for the conversation's school."""
    choice = deps.school_choice(school_of(tracker))
    if choice.school is None:
        return None, choice.refusal, choice.choices
    return deps.evidence(choice.school), None, ()


def _no_school(dispatcher: CollectingDispatcher, refusal: str | None, names) -> None:
    if refusal:
        send(dispatcher, refusal)
    else:
        send(dispatcher, replies.WHICH_SCHOOL, [(n, payload("choose_school", school_name=n)) for n in names[:10]])


class ActionNarrativeStart(Action):
    def name(self) -> str:
        return "action_narrative_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        from bot.narrative import walk

        def work():
            ev, refusal, names = _evidence(tracker)
            if ev is None:
                return None, refusal, names
            state = walk.start(ev, user_text(tracker), deps.engine())
            return (state, walk.intro(ev, state)), None, ()

        try:
            started, refusal, names = await deps.off_loop(work)
        except (SQLAlchemyError, RecordsError):
            log.warning("records database unavailable")
            send(dispatcher, replies.DB_UNAVAILABLE)
            return [SlotSet("narrative_state", None), SlotSet("narrative_reason", "done")]
        if started is None:
            _no_school(dispatcher, refusal, names)
            return [SlotSet("narrative_state", None), SlotSet("narrative_reason", "done")]
        state, intro = started
        send(dispatcher, intro)
        done = "done" if not state["keys"] else None
        return [SlotSet("narrative_state", None if done else state), SlotSet("narrative_reason", done)]


class ActionAskNarrativeReason(Action):
    def name(self) -> str:
        return "action_ask_narrative_reason"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        from bot.narrative import walk

        state = tracker.get_slot("narrative_state")
        if not state:
            return []

        def work():
            ev, _, _ = _evidence(tracker)
            return walk.prompt(deps.engine(), ev, dict(state)) if ev else None

        text = await deps.off_loop(work)
        if text:
            send(dispatcher, text, walk.QUICK_REPLIES)
        return []


class ValidateNarrativeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_narrative_form"

    async def validate_narrative_reason(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        from bot.narrative import walk

        state = tracker.get_slot("narrative_state")
        if slot_value is None:
            return {"narrative_reason": None}
        if not state:  # nothing to walk through (no school, or no flags): end the form
            return {"narrative_reason": "done"}
        message = str(slot_value)
        if message.startswith("/"):  # a button of another flow: its words count as a command
            message = message.split("{")[0].lstrip("/").replace("_", " ")

        def work():
            ev, _, _ = _evidence(tracker)
            return walk.handle(deps.engine(), ev, state, message) if ev else walk.Step([], state, True)

        try:
            step = await deps.off_loop(work)
        except Exception:  # the walk stays where it was
            log.exception("the narrative walk could not handle a message")
            send(dispatcher, replies.NARRATIVE_FAILED)
            return {"narrative_reason": None}
        for m in step.messages:
            send(dispatcher, m)
        return {"narrative_reason": "done" if step.finished else None, "narrative_state": step.state}


class ActionNarrativeDone(Action):
    def name(self) -> str:
        return "action_narrative_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        from bot.narrative import walk

        state = tracker.get_slot("narrative_state")
        if state:

            def work():
                ev, _, _ = _evidence(tracker)
                return walk.summary(deps.engine(), ev, state) if ev else None

            try:
                text = await deps.off_loop(work)
            except (SQLAlchemyError, RecordsError):
                text = replies.DB_UNAVAILABLE
            if text:
                send(dispatcher, text, [(replies.PICK_UP_ON, "/ask_flags")])
        return [SlotSet("narrative_state", None), SlotSet("narrative_reason", None)]


class ActionShowNarrative(Action):
    def name(self) -> str:
        return "action_show_narrative"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        from bot.narrative import walk

        def work():
            ev, refusal, names = _evidence(tracker)
            return (walk.summary(deps.engine(), ev, None), None, ()) if ev else (None, refusal, names)

        try:
            text, refusal, names = await deps.off_loop(work)
        except (SQLAlchemyError, RecordsError):
            send(dispatcher, replies.DB_UNAVAILABLE)
            return []
        if text is None:
            _no_school(dispatcher, refusal, names)
            return []
        send(dispatcher, text, [(replies.EXPLAIN_OUR_DATA, "/explain_data")])
        return []


class ActionGaps(Action):
    def name(self) -> str:
        return "action_gaps"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        from bot.narrative import gaps

        ents = dict(reversed(entities(tracker)))
        activity = ents.get("activity_type") or "employer_encounter"
        year = ents.get("year_group")
        year_group = int(year) if year and year.isdigit() and 7 <= int(year) <= 13 else None

        def work():
            ev, refusal, names = _evidence(tracker)
            return (gaps.chat_text(gaps.find(ev, activity, year_group)), None, ()) if ev else (None, refusal, names)

        try:
            text, refusal, names = await deps.off_loop(work)
        except (SQLAlchemyError, RecordsError):
            send(dispatcher, replies.DB_UNAVAILABLE)
            return []
        except ValueError as exc:  # an activity type the records don't know, or no activities at all
            send(dispatcher, str(exc))
            return []
        if text is None:
            _no_school(dispatcher, refusal, names)
            return []
        send(dispatcher, text)
        return []
