"""Breaking it on purpose: the action server killed, hostile messages, the records database locked."""

from __future__ import annotations

import random
import signal
import sqlite3

import pytest
import requests
import yaml

from bot.app.servers import Stack
from bot.records import db, demo, importer
from tests.conftest import stack_settings

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("resilience")
    settings = stack_settings(tmp)
    importer.import_folder(db.make_engine(settings.database_url), demo.write(tmp / "demo"), demo.DEMO_SCHOOL)
    creds = tmp / "credentials.yml"
    creds.write_text(yaml.safe_dump({"bot.rasa.web_channel.CoachChannel": {}}))
    stack = Stack(settings).start(credentials=creds, env_extra={"COACH_DB_TIMEOUT": "1"}, timeout=240)
    yield stack
    stack.stop()


_BROWSERS = {}


def say(stack, message, browser="r1", raw=None):
    url = f"{stack.rasa_url}/webhooks/coach/webhook"
    http = _BROWSERS.setdefault(browser, requests.Session())  # open mode: a browser is the cookie the server set
    if raw is not None:
        return http.post(url, data=raw, headers={"Content-Type": "application/json"}, timeout=60)
    return http.post(url, json={"message": message}, timeout=60)


def texts(r):
    return "\n".join(m.get("text", "") for m in r.json())


def test_action_server_killed_mid_conversation(web):
    assert "92 of 97" in texts(say(web, "what were our KS4 destinations last year?", "kill1"))
    actions = web.process("actions")
    actions.popen.send_signal(signal.SIGKILL)
    actions.popen.wait(10)
    r = say(web, "and for disadvantaged pupils?", "kill1")
    assert r.status_code == 200 and "Sorry, part of the assistant is restarting" in texts(r)
    assert "Careers Inspection Coach" in texts(say(web, "hi", "kill2"))  # the assistant keeps running
    web.restart("actions")
    assert "28 of 33" in texts(say(web, "and for disadvantaged pupils?", "kill1"))  # carries on where it was


def hostile_messages(n=1000):
    rng = random.Random(1000)
    base = [
        "",
        " ",
        "\n\n",
        "a" * 50_000,
        "\x00\x01\x02\x1b[31mred",
        "🙂🎓📊" * 20,
        "Où sont les débouchés ?",
        "职业指导",
        "مرحبا",
        "<script>alert(1)</script>",
        "<b>bold</b><img src=x onerror=alert(1)>",
        "'; DROP TABLE pupils; --",
        "1 OR 1=1",
        '{"message": "nested"}',
        '{"',
        "]]]",
        "/unknown_intent",
        '/ask_destinations{"year_group": }',
        '/ask_destinations{"year_group": "Year 99"}',
        "/restart",
        "/session_start",
        '/followup{"academic_year": "1066/67"}',
        '/ask_activity_coverage{"activity_type": "teleporting"}',
        '/choose_school{"school_name": "Nowhere High"}',
        "/start_interview{",
        "%s%s%n",
        "${jndi:ldap://x}",
        "NFA-ABC123",
        "stop",
        "skip",
        "\u202e reversed",
        "Year 11 2099/00 GB9 benchmark 0",
    ]
    for i in range(n):
        m = base[i % len(base)]
        if i >= len(base):
            m = m + " " + "".join(rng.choice("abc<>{}/\\\"'%😀 ") for _ in range(rng.randint(0, 40)))
        yield m


def test_a_thousand_hostile_or_odd_messages(web):
    bad = []
    for i, m in enumerate(hostile_messages()):
        r = say(web, m, f"hostile{i % 7}")
        if r.status_code >= 500 or "Traceback" in r.text:
            bad.append((m[:40], r.status_code, r.text[:200]))
            continue
        data = r.json()
        if not isinstance(data, list) or not all(isinstance(x, dict) and isinstance(x.get("text", ""), str) for x in data):
            bad.append((m[:40], "malformed", r.text[:200]))
    for raw in ("{not json", "null", "[]", '{"message": null}', '{"message": ["a"]}'):
        r = say(web, None, raw=raw)
        if r.status_code >= 500 or "Traceback" in r.text:
            bad.append((raw, r.status_code, r.text[:200]))
    assert not bad, bad[:5]
    assert "Careers Inspection Coach" in texts(say(web, "hello", "after-hostile"))  # still responsive


def test_records_database_locked_then_back(web):
    path = web.settings.database_url[len("sqlite:///") :]
    holder = sqlite3.connect(path, timeout=5)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE schools SET name = name")
    try:
        r = say(web, "what were our KS4 destinations last year?", "locked")
        assert r.status_code == 200 and "can't reach the school's records" in texts(r)
        assert "Benchmark 6" in texts(say(web, "what is gatsby benchmark 6?", "locked"))  # knowledge still works
    finally:
        holder.rollback()
        holder.close()
    assert "92 of 97" in texts(say(web, "what were our KS4 destinations last year?", "locked"))
