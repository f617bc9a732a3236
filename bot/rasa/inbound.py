"""What the web channel does to a message's text before Rasa sees it.

- `clean_text`: invalid Unicode (lone surrogates, noncharacters) becomes U+FFFD and control
  characters other than tab and newline are dropped, so the language pipeline never meets text it
  cannot encode.
- Typed payloads: a message starting with "/" is a button payload only when it is exactly one of
  the payloads of the buttons the assistant offered after the user's previous message, or one of
  the page's own quick replies (`PAGE_PAYLOADS`). Anything else starting with "/" is kept as the
  user's text, with no intent and no entities (`as_plain_text`): Rasa's fallback answers it, and
  during a mock interview it is an answer like any other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# The quick replies the chat page always shows (bot/web/index.html, `data-say`).
PAGE_PAYLOADS: frozenset[str] = frozenset({"/start_interview", "/ask_flags"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_NONCHAR = re.compile(r"[\ufdd0-\ufdef\ufffe\uffff]")


def clean_text(text: str) -> str:
    """The text with invalid Unicode replaced and control characters removed (NFC-normalised)."""
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = _NONCHAR.sub("\ufffd", _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    return unicodedata.normalize("NFC", text)


def offered_payloads(events: Iterable[Any]) -> frozenset[str]:
    """The payloads of the buttons in the bot's messages since the user's latest message."""
    offered = set()
    for event in reversed(list(events)):
        name = getattr(event, "type_name", None)
        if name == "user":
            break
        if name == "bot":
            for button in (getattr(event, "data", None) or {}).get("buttons") or []:
                payload = button.get("payload") if isinstance(button, dict) else None
                if isinstance(payload, str):
                    offered.add(payload.strip())
    return frozenset(offered)


def is_typed_command(text: str) -> bool:
    return text.strip().startswith("/")


def accepted(text: str, offered: frozenset[str]) -> bool:
    """Whether a message starting with '/' may act as a button payload."""
    stripped = text.strip()
    return stripped in offered or stripped in PAGE_PAYLOADS


def as_plain_text(text: str) -> dict:
    """Parse data that makes Rasa treat `text` as text it did not understand (no intent, no entities)."""
    return {
        "text": text.strip(),
        "intent": {"name": "nlu_fallback", "confidence": 1.0},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 1.0}],
        "entities": [],
    }
