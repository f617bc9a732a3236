"""Buttons the domain code offers, typed: a title and either an intent with entities, or a text to send.

Domain packages build `Button`s and never payload strings; the Rasa layer renders them once
(`bot.rasa.payloads.render`), JSON-encoding every entity value, so no value can add or change an entity.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    title: str
    intent: str | None = None
    entities: tuple[tuple[str, str], ...] = ()
    text: str | None = None  # a button that sends this text as if typed (an example question)


def intent_button(title: str, intent: str, **entities: str) -> Button:
    return Button(title, intent, tuple(entities.items()))


def text_button(title: str, text: str) -> Button:
    return Button(title, text=text)
