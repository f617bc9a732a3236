"""Keep conversation data out of the logs of the Rasa server and the action server.

`Redactor` is a logging filter that rewrites each record before any handler sees it:
- quoted text, except names from the code such as 'action_listen', becomes '…';
- anything in braces or brackets (trackers, events, slots, parse data, request bodies) becomes {…};
- Rasa's JSON log lines (structlog) keep only their event name, level and a few names;
- a secret in a URL (`?token=...`) is hidden, and tracebacks keep their frames but lose the
  exception's message.
`install()` applies it to every record of the process (Rasa's, the SDK's, Sanic's and our own
loggers, including ones created later) through the log record factory, and routes Python
warnings (which Rasa uses for messages that quote the user's text) through logging.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from typing import Any

MAX_LENGTH = 400
# Quoted names that are code, not conversation: action_listen, interview_form, bot.rasa.web_channel.CoachChannel.
_NAME = re.compile(r"^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,})$")
# A quotation opens after a non-word character and closes before one, so "can't" neither opens nor closes it.
_QUOTED = re.compile(r"(?<!\w)(['\"])(.*?)\1(?!\w)")
_CLOSING = {"'": re.compile(r"'(?!\w)"), '"': re.compile(r'"(?!\w)')}
_TOKEN = re.compile(r"(?i)(token|secret|password|authorization)([=:]\s*)[^\s&'\",)]+")
_JSON_KEYS = {
    "event",
    "event_key",
    "log_level",
    "level",
    "timestamp",
    "action_name",
    "action",
    "policy_name",
    "intent",
    "status",
    "confidence",
}


def _quotes_out(line: str) -> str:
    """Names in quotes stay; from the first other quotation to the line's last closing quote, all goes."""
    out, pos = [], 0
    while True:
        m = _QUOTED.search(line, pos)
        if m is None:
            return "".join(out) + line[pos:]
        if _NAME.match(m.group(2)):
            out.append(line[pos : m.end()])
            pos = m.end()
            continue
        quote = m.group(1)
        last = max(c.start() for c in _CLOSING[quote].finditer(line, m.end() - 1))
        out.append(line[pos : m.start()] + quote + "…" + quote)
        pos = last + 1


def _drop_nested(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        if ch in "{[":
            if depth == 0:
                out.append("{…}" if ch == "{" else "[…]")
            depth += 1
        elif ch in "}]" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _json_line(text: str) -> str | None:
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    kept = {
        k: v
        for k, v in data.items()
        if k in _JSON_KEYS and isinstance(v, str | int | float | bool) and (not isinstance(v, str) or len(v) <= 80)
    }
    if "exception" in data or "exc_info" in data:
        kept["exception"] = "(traceback left out)"
    kept["left_out"] = sum(1 for k in data if k not in kept)
    return json.dumps(kept)


def redact(text: str) -> str:
    """The text with conversation data taken out (see the module's description)."""
    structured = _json_line(text.strip())
    if structured is not None:
        return structured
    text = _TOKEN.sub(r"\1\2…", text)
    text = _drop_nested("\n".join(_quotes_out(line) for line in text.split("\n")))
    return text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH] + " …(cut)"


def _frames_only(exc_info: Any) -> str:
    etype, _value, tb = exc_info
    frames = "".join(traceback.format_tb(tb)) if tb else ""
    return f"Traceback (most recent call last):\n{redact_block(frames)}{getattr(etype, '__name__', 'Exception')}: (message left out)"


def redact_block(text: str) -> str:
    return "\n".join(_TOKEN.sub(r"\1\2…", line) for line in text.split("\n"))


class Redactor(logging.Filter):
    """A logging filter that rewrites records in place (and never drops them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_coach_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments don't fit its format
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = _frames_only(record.exc_info)
        elif record.exc_text:
            record.exc_text = "(traceback left out)"
        record.stack_info = None
        record._coach_redacted = True
        return True


_installed = False


def install() -> None:
    """Redact every log record of this process from now on (idempotent)."""
    global _installed
    if _installed:
        return
    redactor, previous = Redactor(), logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        redactor.filter(record)
        return record

    logging.setLogRecordFactory(factory)
    logging.captureWarnings(True)
    for name in ("rasa", "rasa_sdk", "sanic.root", "sanic.error", "sanic.access", "py.warnings"):
        logging.getLogger(name).addFilter(redactor)
    _installed = True
