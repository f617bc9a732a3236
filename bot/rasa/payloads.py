"""The one place a button becomes a Rasa payload: "/intent" plus JSON-encoded entities, or its text."""

from __future__ import annotations

import json

from bot.buttons import Button


def payload(intent: str, **values: str) -> str:
    """ "/intent{...}" with every value JSON-encoded, so no value can add or change an entity."""
    return "/" + intent + (json.dumps(values) if values else "")


def render(button: Button | tuple[str, str]) -> tuple[str, str]:
    """(title, payload) for a Button; a (title, payload) pair built in the actions passes through."""
    if not isinstance(button, Button):
        return button
    if button.text is not None:
        return button.title, button.text
    return button.title, payload(button.intent, **dict(button.entities))
