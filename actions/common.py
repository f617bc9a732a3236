"""Helpers shared by the action modules."""
from __future__ import annotations

import logging
from typing import List, Sequence, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import nlp

log = logging.getLogger(__name__)


def entities(tracker: Tracker) -> List[Tuple[str, str]]:
    """(label, canonical value) for the latest message's entities, in order."""
    out = []
    for e in tracker.latest_message.get("entities", []) or []:
        label, value = e.get("entity"), e.get("value")
        if not label or value is None:
            continue
        if label in nlp.LABELS:
            canon = nlp.normalise(label, str(value))
            if canon:
                out.append((label, canon))
        else:
            out.append((label, str(value)))
    out.sort(key=lambda e: 0)
    return out


def send(dispatcher: CollectingDispatcher, text: str, buttons: Sequence[Tuple[str, str]] = ()) -> None:
    if buttons:
        dispatcher.utter_message(text=text, buttons=[{"title": t, "payload": p} for t, p in buttons])
    else:
        dispatcher.utter_message(text=text)


def school_of(tracker: Tracker):
    """The school named by the signed-in user's token (trusts), else the one chosen in the conversation."""
    meta = tracker.latest_message.get("metadata") or {}
    return meta.get("school") or tracker.get_slot("school")


def user_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text
