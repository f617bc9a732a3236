"""Knowledge questions, 'how should I answer this?', example questions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import deps, replies
from actions.common import school_of, send, user_text
from bot.knowledge import answers


class ActionKnowledge(Action):
    def name(self) -> str:
        return "action_knowledge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = user_text(tracker)
        if not text:
            send(dispatcher, replies.ASK_ME_ANYTHING)
            return []
        reply = await deps.off_loop(answers.knowledge, text)
        send(dispatcher, reply.text, reply.buttons)
        return [SlotSet("knowledge_context", {"topic": reply.topic})] if reply.topic else []


class ActionHowToAnswer(Action):
    def name(self) -> str:
        return "action_how_to_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = user_text(tracker)

        def work():
            try:
                ev = deps.evidence_or_none(school_of(tracker))
            except Exception:  # records unavailable: still answer without figures
                ev = None
            return answers.how_to_answer(text, ev)

        reply = await deps.off_loop(work)
        send(dispatcher, reply.text, reply.buttons)
        return []


class ActionExampleQuestions(Action):
    def name(self) -> str:
        return "action_example_questions"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        seed = sum(1 for e in tracker.events if e.get("event") == "user")
        reply = await deps.off_loop(answers.example_questions, user_text(tracker), seed)
        send(dispatcher, reply.text, reply.buttons)
        return []
