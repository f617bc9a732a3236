"""The low-confidence fallback."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import replies
from actions.common import send


class ActionDefaultFallback(Action):
    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        send(
            dispatcher,
            replies.NOT_SURE,
            [
                (replies.START_INTERVIEW, "/start_interview"),
                (replies.PICK_UP_ON, "/ask_flags"),
                (replies.WHAT_CAN_YOU_DO, "/help"),
            ],
        )
        return [UserUtteranceReverted()]
