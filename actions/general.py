"""The low-confidence fallback."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.common import send


class ActionDefaultFallback(Action):
    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        send(
            dispatcher,
            'I\'m not sure what you mean. I can run a mock inspection interview ("grill me on destinations"), answer '
            'questions about your careers evidence ("employer encounters by year group") or explain what inspectors '
            'look for ("what is Gatsby Benchmark 8?").',
            [
                ("Start a mock interview", "/start_interview"),
                ("What will the inspector pick up on?", "/ask_flags"),
                ("What can you do?", "/help"),
            ],
        )
        return [UserUtteranceReverted()]
