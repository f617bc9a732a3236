"""No tracker, answer text, request body or secret in a log line (bot.rasa.log_filter)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

from bot.rasa.log_filter import Redactor, redact

ANSWER = "We run a Zebracorn careers fair for NFA-UATPHQ and everyone"


def record(msg, *args, name="rasa.core.processor", exc_info=None):
    r = logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)
    Redactor().filter(r)
    return logging.Formatter("%(message)s").format(r)


def test_trackers_bodies_and_quoted_text_are_taken_out():
    tracker = {"sender_id": "x", "slots": {"interview_answer": ANSWER}, "latest_message": {"text": ANSWER}}
    out = record("Failed to run custom action 'action_start_interview'. Error: %s", json.dumps({"request_body": tracker}))
    assert "Zebracorn" not in out and "NFA-UATPHQ" not in out and "request_body" not in out
    assert "'action_start_interview'" in out and "Failed to run custom action" in out
    out = record("Received user message '%s' with intent '%s'", ANSWER, {"name": "greet"})
    assert "Zebracorn" not in out and "Received user message" in out
    assert "Zebracorn" not in record("Validating extracted slots: %s", {"interview_answer": ANSWER}, name="rasa_sdk.forms")
    assert "NFA-UATPHQ" not in record('text "%s" ', "NFA-UATPHQ")


def test_rasa_json_lines_keep_only_their_event():
    line = json.dumps(
        {
            "event": "processor.message.parse",
            "parse_data_text": ANSWER,
            "log_level": "debug",
            "parse_data_entities": [{"value": "NFA-UATPHQ"}],
            "exception": [{"exc_value": ANSWER}],
        }
    )
    out = json.loads(redact(line))
    assert out["event"] == "processor.message.parse" and "Zebracorn" not in json.dumps(out)
    assert "NFA-UATPHQ" not in json.dumps(out)


def test_secrets_in_urls_and_exception_messages_are_hidden():
    out = record("POST http://127.0.0.1:5055/webhook?token=s3cr3t-value failed")
    assert "s3cr3t-value" not in out
    try:
        raise ValueError(ANSWER)
    except ValueError:
        out = record("action failed", exc_info=sys.exc_info())
    assert "ValueError" in out and "Traceback" in out and "Zebracorn" not in out


def test_installed_it_covers_every_logger_and_python_warnings():
    code = (
        "import logging, warnings, sys\n"
        "from bot.rasa import log_filter\n"
        "log_filter.install()\n"
        "logging.basicConfig(level=logging.DEBUG, stream=sys.stdout, format='%(name)s %(message)s')\n"
        f"A = {ANSWER!r}\n"
        "logging.getLogger('rasa.core.processor').debug('Received user message %r', A)\n"
        "logging.getLogger('rasa_sdk.forms').debug('Validating extracted slots: %s', {'interview_answer': A})\n"
        "logging.getLogger('sanic.error').error('Exception occurred', exc_info=ValueError(A))\n"
        "logging.getLogger('some.library.made.later').warning('body: %s', [A])\n"
        "warnings.warn(f\"Failed to parse arguments in line '{A}'\")\n"
        "print('done')\n"
    )
    env = dict(os.environ, PYTHONWARNINGS="default")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0 and "done" in out.stdout, out.stderr
    text = out.stdout + out.stderr
    assert "Zebracorn" not in text and "NFA-UATPHQ" not in text
    assert "Received user message" in text and "Validating extracted slots" in text and "Failed to parse arguments" in text


def test_apostrophes_in_the_users_text_do_not_end_the_redaction():
    for said in ("our pupils' results for NFA-UATPHQ", "we can't say NFA-UATPHQ", 'it\\\'s "NFA-UATPHQ"'):
        out = record("Received user message '%s' with intent 'greet' and entities '[]'.", said)
        assert "NFA-UATPHQ" not in out and "Received user message" in out, out


def test_messages_from_the_code_stay_readable():
    out = record("Error deserializing graph schema. Can't find class for graph component type 'bot.rasa.web_channel.X'.")
    assert out.endswith("'bot.rasa.web_channel.X'.")
    assert (
        record("Predicted next action '%s' with confidence 1.00.", "action_listen")
        == "Predicted next action 'action_listen' with confidence 1.00."
    )
