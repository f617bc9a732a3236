"""The protected web channel, the action server's secret, persistence across a restart, purge."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import jwt
import pytest
import requests
import yaml

from bot.app.servers import Stack
from bot.records import db, demo, importer
from tests.conftest import ROOT, stack_settings
from tests.stack.interview_expect import Interview

pytestmark = pytest.mark.stack
SECRET = "test-jwt-secret-0123456789abcdef"
ACTIONS_SECRET = "test-actions-secret-0123456789abcdef"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("served")
    settings = stack_settings(tmp, actions_secret=ACTIONS_SECRET)
    importer.import_folder(db.make_engine(settings.database_url), demo.write(tmp / "demo"), demo.DEMO_SCHOOL)
    creds = tmp / "credentials.yml"
    creds.write_text(yaml.safe_dump({"bot.rasa.web_channel.CoachChannel": {}}))
    stack = Stack(settings).start(credentials=creds, env_extra={"COACH_JWT_SECRET": SECRET}, timeout=240)
    stack.credentials = creds
    yield stack
    stack.stop()


def token(sub: str, secret: str = SECRET, **claims) -> str:
    return jwt.encode({"sub": sub, "exp": int(time.time()) + 600, **claims}, secret, algorithm="HS256")


def post(stack, message, tok=None, extra=None, raw=None):
    headers = {"Authorization": f"Bearer {tok}"} if tok else {}
    url = f"{stack.rasa_url}/webhooks/coach/webhook"
    if raw is not None:
        return requests.post(url, data=raw, headers={**headers, "Content-Type": "application/json"}, timeout=60)
    return requests.post(url, json={"message": message, **(extra or {})}, headers=headers, timeout=60)


def texts(r):
    return "\n".join(m.get("text", "") for m in r.json())


def test_no_token_wrong_token_good_token(served):
    assert post(served, "hi").status_code == 401
    assert post(served, "hi", tok="not-a-jwt").status_code == 401
    assert post(served, "hi", tok=token("ann", secret="another-secret-0123456789abcdef-xyz")).status_code == 401
    expired = jwt.encode({"sub": "ann", "exp": int(time.time()) - 10}, SECRET, algorithm="HS256")
    assert post(served, "hi", tok=expired).status_code == 401
    r = post(served, "hi", tok=token("ann"))
    assert r.status_code == 200 and "Careers Inspection Coach" in texts(r)


def test_forged_sender_in_body_is_ignored(served):
    ann, bob = token("ann-forge"), token("bob-forge")
    assert "Question 1 of" in texts(post(served, "start a mock interview", tok=ann))
    # Bob claims to be Ann's conversation in the body; the channel uses Bob's token instead.
    r = post(served, "hello", tok=bob, extra={"sender": "jwt-ann-forge", "recipient_id": "ann"})
    assert "Careers Inspection Coach" in texts(r) and "Question" not in texts(r)
    assert "Question 1 of" in texts(post(served, "repeat the question", tok=ann))


def test_bad_requests_get_plain_errors(served):
    tok = token("carol")
    for raw in ("{not json", "[1, 2]", '{"message": 42}'):
        r = post(served, None, tok=tok, raw=raw)
        assert r.status_code == 400 and "Traceback" not in r.text and "tracker" not in r.text.lower()


def test_action_server_refuses_calls_without_the_secret(served):
    url = f"http://127.0.0.1:{served.settings.actions_port}/webhook"
    body = {
        "next_action": "action_knowledge",
        "sender_id": "x",
        "tracker": {
            "sender_id": "x",
            "slots": {},
            "latest_message": {"text": "what is NEET", "intent": {}, "entities": []},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
        },
        "domain": {},
        "version": "3.6.2",
    }
    assert requests.post(url, json=body, timeout=10).status_code == 403
    assert requests.post(url, json=body, params={"token": "wrong"}, timeout=10).status_code == 403
    ok = requests.post(url, json=body, params={"token": ACTIONS_SECRET}, timeout=30)
    assert ok.status_code == 200 and "NEET" in ok.text


def test_interview_resumes_after_the_rasa_server_is_killed(served):
    tok = token("dave-restart")
    interview = Interview(texts(post(served, "a short supportive interview on employer encounters", tok=tok)))
    assert "Question 1 of 5" in interview.screen
    interview.answer(
        lambda m: texts(post(served, m, tok=tok)),
        "We run a careers fair every year for all pupils in Years 7 to 13 with 40 local employers; "
        "SEND pupils get a quieter session and 98% attended last year.",
    )
    before = texts(post(served, "repeat the question", tok=tok))
    assert interview.prompt in before  # the follow-up, or the second question, as the rubric decides for the first
    rasa = served.process("rasa")
    rasa.popen.send_signal(signal.SIGKILL)
    rasa.popen.wait(10)
    served.restart("rasa")
    after = texts(post(served, "repeat the question", tok=tok))
    assert after == before


def test_transcript_download_and_purge(served):
    tok = token("erin-transcript")
    assert post(served, "hi", tok=tok).status_code == 200
    url = f"{served.rasa_url}/webhooks/coach/transcript"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, headers={"Authorization": f"Bearer {tok}"}, timeout=10).status_code == 404
    texts(post(served, "grill me on destinations", tok=tok))
    texts(post(served, "96% of our Year 11 leavers went into a sustained destination last year.", tok=tok))
    assert "Transcript saved" in texts(post(served, "stop", tok=tok))
    md = requests.get(url, params={"format": "md"}, headers={"Authorization": f"Bearer {tok}"}, timeout=10)
    assert md.status_code == 200 and "You said 96%" in md.text and "attachment" in md.headers["Content-Disposition"]
    html = requests.get(url, params={"format": "html"}, headers={"Authorization": f"Bearer {tok}"}, timeout=10)
    assert html.text.startswith("<!doctype html>")
    env = {
        "COACH_DATABASE_URL": served.settings.database_url,
        "COACH_TRACKER_URL": served.settings.tracker_store_url,
        "COACH_HOME": str(ROOT),
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run([sys.executable, "-m", "bot.app.cli", "purge", "--older-than", "30"], env=env, capture_output=True, text=True)
    assert out.returncode == 0 and "Deleted 0 conversation(s) and 0 transcript(s)" in out.stdout
    out = subprocess.run([sys.executable, "-m", "bot.app.cli", "purge", "--older-than", "0"], env=env, capture_output=True, text=True)
    assert out.returncode == 0 and "Deleted 0 conversation(s)" not in out.stdout
    assert requests.get(url, headers={"Authorization": f"Bearer {tok}"}, timeout=10).status_code == 404


def test_cors_only_for_configured_origins(served):
    r = requests.options(
        f"{served.rasa_url}/webhooks/coach/webhook",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert "https://evil.example" not in r.headers.get("Access-Control-Allow-Origin", "")
    r = requests.post(
        f"{served.rasa_url}/webhooks/coach/webhook",
        json={"message": "hi"},
        headers={"Origin": "https://evil.example", "Authorization": f"Bearer {token('cors')}"},
        timeout=30,
    )
    assert r.headers.get("Access-Control-Allow-Origin") in (None, "")
