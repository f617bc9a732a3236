"""What the web channel hands to Rasa: cleaned text, and typed payloads only when just offered."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from tests.rasa.test_channel_auth import say, seen, token

PAGE = Path(__file__).resolve().parents[2] / "bot" / "web" / "index.html"


def raw_say(app, raw: str, tok: str):
    return requests.post(
        app.url + "/webhook",
        data=raw.encode("utf-8"),
        headers={"Authorization": f"Bearer {tok}", "Content-Type": "application/json"},
        timeout=20,
    )


def test_lone_surrogates_and_control_characters_are_cleaned(channel_apps):
    app, tok = channel_apps["jwt"], token(sub="unicode")
    got = seen(raw_say(app, '{"message": "\\ud800 x \\udfff"}', tok))
    assert got["text"] == "\ufffd x \ufffd"
    got = seen(raw_say(app, '{"message": "caf\\u0065\\u0301 \\u0000\\u001b[31mred \\ud83d\\ude00"}', tok))
    assert got["text"] == "caf\u00e9 [31mred \U0001f600"


def test_a_typed_payload_that_was_not_offered_is_plain_text(channel_apps):
    app, tok = channel_apps["jwt"], token(sub="typed")
    for text in (
        "/restart",
        "/stop_interview",
        '/choose_school{"school_name": "Alpha"}',
        '/start_interview{"interview_length": "²"}',
        "/session_start",
    ):
        got = seen(say(app, text, auth=tok))
        assert got["text"] == text
        assert got["parse_data"]["intent"]["name"] == "nlu_fallback" and got["parse_data"]["entities"] == []


def test_an_offered_payload_is_accepted_once(channel_apps):
    app, tok = channel_apps["jwt"], token(sub="offered")
    seen(say(app, "offer buttons", auth=tok))
    assert seen(say(app, '/choose_school{"school_name": "Alpha"}', auth=tok))["parse_data"] is None
    # The user's message moved the conversation on: the old buttons are no longer on offer.
    assert seen(say(app, '/choose_school{"school_name": "Alpha"}', auth=tok))["parse_data"]["intent"]["name"] == "nlu_fallback"
    seen(say(app, "offer buttons", auth=tok))
    assert seen(say(app, '/choose_school{"school_name": "Beta"}', auth=tok))["parse_data"] is not None
    # Another user never gets this user's buttons.
    seen(say(app, "offer buttons", auth=tok))
    assert seen(say(app, '/choose_school{"school_name": "Alpha"}', auth=token(sub="other")))["parse_data"] is not None


def test_the_pages_own_quick_replies_are_accepted_and_ordinary_text_untouched(channel_apps):
    from bot.rasa import inbound

    app, tok = channel_apps["jwt"], token(sub="page")
    for payload in inbound.PAGE_PAYLOADS:
        assert seen(say(app, payload, auth=tok))["parse_data"] is None
    assert seen(say(app, "what were our destinations last year?", auth=tok))["parse_data"] is None


def test_page_payloads_are_exactly_the_pages_slash_buttons():
    import re

    from bot.rasa import inbound

    says = set(re.findall(r'data-say="([^"]+)"', PAGE.read_text(encoding="utf-8")))
    assert {s for s in says if s.startswith("/")} == set(inbound.PAGE_PAYLOADS)


def test_bad_bodies_get_plain_400s(channel_apps):
    app, tok = channel_apps["jwt"], token(sub="bad")
    for raw in ("{not json", "[1, 2]", '{"message": 42}', "null", '{"message": ["a"]}'):
        r = raw_say(app, raw, tok)
        assert r.status_code == 400 and "Traceback" not in r.text
        assert json.loads(r.text)["error"]
