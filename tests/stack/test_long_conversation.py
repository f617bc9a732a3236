"""A conversation longer than a session (issue 18): the session rolls over after COACH_SESSION_TURNS user
messages (bot.rasa.patches), and an open interview, its slots and follow-ups carry on exactly, over REST
against the real servers and their SQL tracker store; likewise across a restart of the Rasa server."""

from __future__ import annotations

import re
import sqlite3
import uuid

import pytest
import requests

from bot.app.servers import Stack
from bot.records import db, demo, importer
from tests.conftest import stack_settings
from tests.stack.interview_expect import Interview

pytestmark = pytest.mark.stack
TURNS = 10


@pytest.fixture(scope="module")
def long_stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("long")
    settings = stack_settings(tmp)
    importer.import_folder(db.make_engine(settings.database_url), demo.write(tmp / "demo"), demo.DEMO_SCHOOL)
    stack = Stack(settings).start(enable_api=True, env_extra={"COACH_SESSION_TURNS": str(TURNS)}, timeout=240)
    stack.tracker_db = tmp / "tracker.db"
    yield stack
    stack.stop()


class Conversation:
    def __init__(self, stack):
        self.stack, self.sender, self.sent = stack, f"long-{uuid.uuid4().hex[:8]}", 0

    def say(self, message: str) -> str:
        r = requests.post(f"{self.stack.rasa_url}/webhooks/rest/webhook", json={"sender": self.sender, "message": message}, timeout=60)
        assert r.status_code == 200
        self.sent += 1
        return "\n".join(m.get("text") or "" for m in r.json())

    def slots(self) -> dict:
        r = requests.get(f"{self.stack.rasa_url}/conversations/{self.sender}/tracker", timeout=30)
        assert r.status_code == 200
        return {k: v for k, v in r.json()["slots"].items() if k != "session_started_metadata"}

    def stored(self, type_name: str) -> int:
        with sqlite3.connect(self.stack.tracker_db) as con:
            return con.execute("select count(*) from events where sender_id=? and type_name=?", (self.sender, type_name)).fetchone()[0]


def question(reply: str) -> str:
    """The interview question in a reply: its heading ("Question 2 of 8 (Destinations):") and text."""
    m = re.search(r"Question \d+ of \d+ \([^)]*\):\n[^\n]+", reply)
    assert m, reply
    return m.group(0)


def test_an_interview_carries_on_across_a_session_roll_over(long_stack):
    c = Conversation(long_stack)
    assert "92 of 97" in c.say("what were our KS4 destinations last year?")
    interview = Interview(c.say("grill me on destinations"))
    assert "Question 1 of 8" in interview.screen
    assert "You said 96%" in interview.answer(c.say, "96% of our Year 11 leavers went into a sustained destination last year.")
    asked = question(interview.skip(c.say))
    assert asked.startswith("Question 2 of 8")
    before = c.slots()
    assert before["interview_state"] and before["evidence_context"] and before["requested_slot"] == "interview_answer"
    while c.stored("session_started") < 2:
        assert c.sent < 3 * TURNS, "the session never rolled over"
        before = c.slots()
        assert question(c.say("repeat the question")) == asked
    assert c.slots() == before  # the turn that rolled the session over changed nothing a repeat does not
    # Still in the interview: taken as an answer, with the one reply the rubric gives for the question asked.
    interview.answer(c.say, "We changed the Year 10 programme after seeing the 2023/24 figures.")
    assert c.slots()["interview_state"] != before["interview_state"]
    assert "Interview stopped:" in c.say("stop")
    assert "28 of 33" in c.say("and for disadvantaged pupils?")  # the follow-up context from the first session
    assert c.stored("user") >= c.sent  # the SQL store keeps the whole history


def test_sessions_stay_bounded_and_the_history_stays_whole(long_stack):
    c = Conversation(long_stack)
    for _ in range(3 * TURNS):
        assert c.say("what is the provider access legislation?")
    assert c.stored("session_started") >= 3
    with sqlite3.connect(long_stack.tracker_db) as con:  # what a turn loads: the latest session (as Rasa queries it)
        loaded = con.execute(
            "select count(*) from events where sender_id=? and type_name='user' and timestamp >= "
            "(select max(timestamp) from events where sender_id=? and type_name='session_started')",
            (c.sender, c.sender),
        ).fetchone()[0]
    assert 0 < loaded <= TURNS
    assert c.stored("user") >= c.sent


def test_an_interview_carries_on_across_a_restart(long_stack):
    c = Conversation(long_stack)
    interview = Interview(c.say("grill me on destinations"))
    assert "Question 1 of 8" in interview.screen
    asked = question(interview.skip(c.say))
    before = c.slots()
    long_stack.restart("rasa", timeout=240)
    assert question(c.say("repeat the question")) == asked
    assert c.slots() == before
    interview.answer(c.say, "Our careers adviser meets every Year 11 pupil.")
