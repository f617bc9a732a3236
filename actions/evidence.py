"""Evidence questions and the school choice."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import deps, replies
from actions.common import entities, payload, school_of, send, user_text
from bot.evidence.context import EvidenceContext, Pending

log = logging.getLogger(__name__)


def _answer(who, intent, text, ents, context):
    from bot.evidence.chat import EvidenceChat

    choice = deps.school_choice(who)
    if choice.school is None:
        return None, choice
    return EvidenceChat(deps.evidence(choice.school)).answer(intent, text, ents, context), choice


def school_buttons(names):
    return [(n, payload("choose_school", school_name=n)) for n in names[:10]]


class ActionEvidence(Action):
    def name(self) -> str:
        return "action_evidence"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        context = EvidenceContext.from_slot(tracker.get_slot("evidence_context"))
        text = user_text(tracker)
        try:
            reply, choice = await deps.records_call(
                lambda t: send(dispatcher, t), _answer, school_of(tracker), intent, text, entities(tracker), context
            )
        except deps.RecordsUnavailable:
            return []
        if reply is None:
            if choice.refusal:
                send(dispatcher, choice.refusal)
                return []
            context = context.with_pending(Pending.of(intent, text, entities(tracker)))
            send(dispatcher, replies.WHICH_SCHOOL, school_buttons(choice.choices))
            return [SlotSet("evidence_context", context.to_slot())]
        send(dispatcher, reply.text, reply.buttons)
        return [SlotSet("evidence_context", reply.context.to_slot())]


class ActionChooseSchool(Action):
    def name(self) -> str:
        return "action_choose_school"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            choice = await deps.off_loop(deps.school_choice, school_of(tracker))
        except SQLAlchemyError:
            send(dispatcher, replies.DB_UNAVAILABLE)
            return []
        if not choice.may_choose:  # the sign-in (or COACH_SCHOOL) decides the school: no other is named
            send(dispatcher, choice.refusal or replies.only_school(choice.school))
            return []
        names = choice.choices
        wanted = next((v for label, v in entities(tracker) if label == "school_name"), None) or user_text(tracker)
        match = next((n for n in names if wanted and n.lower() == wanted.lower()), None) or next(
            (n for n in names if wanted and wanted.lower() in n.lower()), None
        )
        if match is None:
            send(dispatcher, replies.WHICH_SCHOOL, school_buttons(names))
            return []
        events: list[dict[str, Any]] = [SlotSet("school", match)]
        context = EvidenceContext.from_slot(tracker.get_slot("evidence_context"))
        pending = context.pending
        send(dispatcher, replies.using_school(match))
        if pending:
            context = context.with_pending(None)
            from bot.evidence.chat import EvidenceChat

            def run_pending():
                return EvidenceChat(deps.evidence(match)).answer(pending.intent, pending.text, list(pending.entities), context)

            reply = await deps.off_loop(run_pending)
            send(dispatcher, reply.text, reply.buttons)
            events.append(SlotSet("evidence_context", reply.context.to_slot()))
        return events
