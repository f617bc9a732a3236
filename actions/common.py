"""Helpers shared by the action modules: entities, replies, button payloads and the school decision."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import nlp
from bot.buttons import Button
from bot.rasa import payloads
from bot.rasa.access import Access, SchoolContext

log = logging.getLogger(__name__)
MAX_ENTITY = 200
# Entities that are numbers: ASCII digits only ("²" and "٣" are not numbers here).
_NUMBER = re.compile(r"[0-9]{1,3}", re.ASCII)
NUMERIC = ("interview_length",)


def _clean_value(label: str, value: Any) -> str | None:
    """The entity's value as safe text, or None when it is not usable."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    text = str(value).strip()[:MAX_ENTITY]
    if label in NUMERIC:
        try:
            return str(int(text)) if _NUMBER.fullmatch(text) else None
        except ValueError:
            return None
    if label in nlp.LABELS:
        return nlp.normalise(label, text) or None
    return text or None


def entities(tracker: Tracker) -> list[tuple[str, str]]:
    """(label, canonical value) for the latest message's entities, in order; unusable values are left out."""
    out = []
    for e in tracker.latest_message.get("entities", []) or []:
        if not isinstance(e, dict) or not isinstance(e.get("entity"), str):
            continue
        value = _clean_value(e["entity"], e.get("value"))
        if value is not None:
            out.append((e["entity"], value))
    return out


def payload(intent: str, **values: str) -> str:
    """A button payload; entity values are JSON-encoded, so no value can add or change an entity."""
    return payloads.payload(intent, **values)


def send(dispatcher: CollectingDispatcher, text: str, buttons: Sequence[Button | tuple[str, str]] = ()) -> None:
    """A reply, its buttons rendered by the one payload helper (bot.rasa.payloads)."""
    if buttons:
        dispatcher.utter_message(text=text, buttons=[{"title": t, "payload": p} for t, p in map(payloads.render, buttons)])
    else:
        dispatcher.utter_message(text=text)


def access_of(tracker: Tracker) -> Access:
    """What the signed-in user's credentials say about schools (set by the web channel, never by the user)."""
    return Access.from_metadata(tracker.latest_message.get("metadata"))


def school_of(tracker: Tracker) -> SchoolContext:
    """What this message brings to the school decision; pass it to `deps.school_choice` (off the event loop)."""
    return SchoolContext(access_of(tracker), tracker.get_slot("school"))


def user_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text
