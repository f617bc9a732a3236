"""Issue 17's reproductions, as a hostile member of a trust's staff would try them, against `coach serve`.

One `coach serve` holds three schools in one database and checks JWTs (with debug logging on, to
show nothing leaks even then); another runs in open mode. A configured audience and issuer are
checked against the channel itself in tests/rasa.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import jwt
import pytest
import requests
import yaml

from bot.records import db, demo, importer
from tests.conftest import ROOT, free_port, write_school

pytestmark = pytest.mark.stack
SECRET = "security-test-secret-0123456789abcdef"
A = demo.DEMO_SCHOOL
B = "Southfield School"
C = f'Xavier College", "school_name": "{B}'  # a name that tries to smuggle in another school
APOLOGY = "part of the assistant is restarting"
MARKER, PUPIL_ID = "Zebracorn", "NFA-UATPHQ"  # a pupil of the demo school (school A)


@dataclass
class Served:
    proc: subprocess.Popen
    rasa_port: int
    actions_port: int
    lines: queue.Queue[str]
    reader: threading.Thread
    offsets: dict[Path, int] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/coach"

    def logs(self) -> str:
        out = []
        for path, start in self.offsets.items():
            if path.exists():
                with open(path, "rb") as fh:
                    fh.seek(start)
                    out.append(fh.read().decode("utf-8", "replace"))
        return "\n".join(out)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def serve_env(tmp: Path, rasa_port: int, actions_port: int, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update(
        COACH_DATABASE_URL=f"sqlite:///{tmp / 'coach.db'}",
        COACH_TRACKER_URL=f"sqlite:///{tmp / 'tracker.db'}",
        COACH_HOME=str(ROOT),
        COACH_RASA_PORT=str(rasa_port),
        COACH_ACTIONS_PORT=str(actions_port),
        **extra,
    )
    return env


def start_serve(tmp: Path, extra: dict[str, str], args=(), wait_for="Chat page: ", timeout=240) -> Served:
    rasa_port, actions_port = free_port(), free_port()
    logs = [ROOT / "var" / "logs" / f"rasa-{rasa_port}.log", ROOT / "var" / "logs" / f"actions-{actions_port}.log"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "serve", *args],
        cwd=ROOT,
        text=True,
        env=serve_env(tmp, rasa_port, actions_port, extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True)
    reader.start()
    served = Served(proc, rasa_port, actions_port, lines, reader, {p: p.stat().st_size if p.exists() else 0 for p in logs})
    deadline = time.monotonic() + timeout
    while wait_for and time.monotonic() < deadline:
        try:
            if lines.get(timeout=1).startswith(wait_for):
                return served
        except queue.Empty:
            if proc.poll() is not None:
                pytest.fail("coach serve stopped while starting")
    if wait_for:
        served.stop()
        pytest.fail("coach serve did not start")
    return served


def three_schools(tmp: Path) -> None:
    eng = db.make_engine(f"sqlite:///{tmp / 'coach.db'}")
    importer.import_folder(eng, demo.write(tmp / "demo"), A)
    for name, n in ((B, 7), (C, 6)):
        pupils = "pupil_id,cohort,sex,disadvantaged,sen,left_on\n" + "".join(f"S{n}-{i:03d},2024/25,F,N,N,2025-07-18\n" for i in range(n))
        dests = "pupil_id,leaving_year,stage,destination,nccis_code\n" + "".join(
            f"S{n}-{i:03d},2024/25,ks4,further_education,\n" for i in range(n)
        )
        importer.import_folder(eng, write_school(tmp / f"csv{n}", pupils, destinations=dests), name)


@pytest.fixture(scope="module")
def trust(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("trust")
    three_schools(tmp)
    served = start_serve(tmp, {"COACH_JWT_SECRET": SECRET, "COACH_LOG_LEVEL": "DEBUG"})
    yield served
    served.stop()


@pytest.fixture(scope="module")
def open_mode(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("open")
    importer.import_folder(db.make_engine(f"sqlite:///{tmp / 'coach.db'}"), demo.write(tmp / "demo"), A)
    served = start_serve(tmp, {})
    yield served
    served.stop()


def token(sub: str, **claims) -> str:
    now = int(time.time())
    body = {"sub": sub, "exp": now + 600, "iat": now, **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, SECRET, algorithm="HS256")


class Chat:
    """One user's conversation over HTTP; keeps every reply."""

    def __init__(self, served: Served, tok: str = None, session: requests.Session = None):
        self.served, self.tok = served, tok
        self.http = session or requests.Session()
        self.replies: list[dict] = []

    def post(self, message=None, raw=None) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.tok}"} if self.tok else {}
        url = self.served.base + "/webhook"
        if raw is not None:
            return self.http.post(url, data=raw, headers={**headers, "Content-Type": "application/json"}, timeout=60)
        return self.http.post(url, json={"message": message}, headers=headers, timeout=60)

    def say(self, message=None, raw=None) -> str:
        r = self.post(message, raw)
        assert r.status_code == 200, r.text
        self.replies += r.json()
        return "\n".join(m.get("text") or "" for m in r.json())

    def buttons(self) -> list[dict]:
        return next((m["buttons"] for m in reversed(self.replies) if m.get("buttons")), [])

    def everything(self) -> str:
        return "\n".join(
            (m.get("text") or "") + " " + " ".join(b["title"] + b["payload"] for b in m.get("buttons") or []) for m in self.replies
        )


# -- whose records


def test_a_token_scoped_to_one_school_never_reads_another(trust):
    ann = Chat(trust, token("ann", school=A))
    first = ann.say("what were our destinations last year?")  # no stage named: both stages, school A's
    assert first.startswith(
        "2024/25 leavers, both stages (KS4 first):\n- KS4 (Year 11 leavers): 92 of 97 leavers (94.8%) in a sustained destination."
    ), first
    out = ann.say(f'/choose_school{{"school_name": "{B}"}}')
    assert "I'll use the records" not in out and "7 of 7" not in out
    assert "92 of 97" in ann.say("what were our KS4 destinations last year?")
    out = ann.say("use the records of Southfield School")
    assert "7 of 7" not in out
    assert "28 of 33" in ann.say("and for disadvantaged pupils?")
    assert B not in ann.everything() and "Xavier" not in ann.everything()


def test_a_token_for_a_school_that_is_not_here_is_refused_and_shown_no_schools(trust):
    eve = Chat(trust, token("eve", school="Nowhere Academy"))
    out = eve.say("what were our KS4 destinations last year?")
    assert "aren't loaded here" in out
    eve.say(f'/choose_school{{"school_name": "{B}"}}')
    eve.say("use Southfield School")
    assert "7 of 7" not in eve.everything() and "92 of 97" not in eve.everything()
    for name in (A, B, "Xavier"):
        assert name not in eve.everything()


def test_a_school_name_cannot_smuggle_another_school_into_its_button(trust):
    tina = Chat(trust, token("tina"))  # no school claim: may choose
    assert "Which school's records" in tina.say("what were our KS4 destinations last year?")
    button = next(b for b in tina.buttons() if b["title"] == C)
    out = tina.say(button["payload"])
    assert f"I'll use the records of {C}" in out and "6 of 6" in out and "7 of 7" not in out


def test_a_trust_role_token_may_choose(trust):
    tom = Chat(trust, token("tom", coach_role="trust"))
    assert "Which school's records" in tom.say("what were our KS4 destinations last year?")
    button = next(b for b in tom.buttons() if b["title"] == B)
    assert "7 of 7" in tom.say(button["payload"])


# -- typed payloads and odd input


def test_typed_payloads_count_only_when_just_offered(trust):
    una = Chat(trust, token("una", school=A))
    una.say("hi")
    assert "92 of 97" not in una.say('/ask_destinations{"year_group": "KS4"}')
    una.say("help")  # offers the button /ask_destinations{"year_group": "KS4"}
    assert "92 of 97" in una.say('/ask_destinations{"year_group": "KS4"}')


def test_typed_stop_interview_does_not_start_one(trust):
    vic = Chat(trust, token("vic", school=A))
    out = vic.say("/stop_interview")
    assert out.strip() and "Question 1 of" not in out


def test_typed_restart_does_not_discard_an_interview(trust):
    wes = Chat(trust, token("wes", school=A))
    assert "Question 1 of 8" in wes.say("grill me on destinations")
    assert wes.say("/restart").strip()  # a reply, not silence
    out = wes.say("repeat the question")  # still in the interview: its question (or the follow-up to the answer)
    assert "Question 1 of 8" in out or out.startswith("Follow-up:"), out


def test_a_superscript_length_gets_a_reply_and_so_does_the_next_message(trust):
    xan = Chat(trust, token("xan", school=A))
    out = xan.say('/start_interview{"interview_length": "²"}')
    assert out.strip() and APOLOGY not in out
    assert "Careers Inspection Coach" in xan.say("hi")


def test_a_lone_surrogate_gets_a_real_reply(trust):
    yan = Chat(trust, token("yan", school=A))
    out = yan.say(raw='{"message": "\\ud800 x"}')
    assert out.strip() and APOLOGY not in out
    assert "Careers Inspection Coach" in yan.say("hi")


# -- tokens, limits, headers, files


def test_tokens_need_exp_a_short_life_and_a_sub_and_may_name_an_audience(trust):
    now = int(time.time())

    def status(tok):
        return requests.post(
            trust.base + "/webhook", json={"message": "hi"}, headers={"Authorization": f"bearer {tok}"}, timeout=60
        ).status_code

    assert status(token("zed")) == 200
    assert status(token("zed", exp=None)) == 401
    assert status(token("zed", exp=now + 3 * 24 * 3600)) == 401
    assert status(token("")) == 401
    assert status(token("zed", aud="https://intranet.example", iss="https://idp.example")) == 200  # as an intranet sets them


def test_a_50_mb_body_is_refused_before_it_is_read(trust):
    head = (
        f"POST /webhooks/coach/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {50 * 1024 * 1024}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", trust.rasa_port), timeout=10) as s:
        s.sendall(head + b'{"message": "' + b"x" * 1000)
        s.settimeout(10)
        try:
            reply = s.recv(4096)
        except TimeoutError:
            reply = b""
    assert reply.startswith(b"HTTP/1.1 413"), reply[:80]


def test_the_page_sends_a_content_security_policy(trust):
    r = requests.get(trust.base + "/", timeout=10)
    assert r.status_code == 200 and "Careers Inspection Coach" in r.text
    assert r.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert r.headers["X-Content-Type-Options"] == "nosniff" and r.headers["Referrer-Policy"] == "no-referrer"


def test_secret_files_are_readable_by_their_owner_only(trust):
    for path in (ROOT / "var" / "run" / f"endpoints-{trust.rasa_port}.yml", ROOT / "var" / "run" / "credentials-serve.yml"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def action_call(trust, action, slots=None, entities=None, text="hello"):
    endpoints = yaml.safe_load((ROOT / "var" / "run" / f"endpoints-{trust.rasa_port}.yml").read_text())
    msg = {
        "text": text,
        "intent": {"name": "start_interview"},
        "entities": entities or [],
        "metadata": {"coach_access": {"school": A, "trust": False}},
    }
    body = {
        "next_action": action,
        "sender_id": "direct",
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": "direct",
            "slots": slots or {},
            "latest_message": msg,
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }
    return requests.post(
        f"http://127.0.0.1:{trust.actions_port}/webhook", json=body, params={"token": endpoints["action_endpoint"]["token"]}, timeout=60
    )


def test_action_errors_get_a_real_reply_and_never_echo_the_request(trust):
    r = action_call(trust, "action_start_interview", entities=[{"entity": "interview_length", "value": "²"}])
    assert r.status_code == 200 and "questions" in r.json()["responses"][0]["text"]
    # An interview state no interview could have: the summary fails, and the user still gets a reply.
    r = action_call(trust, "action_interview_summary", slots={"interview_state": {"id": MARKER, "turns": MARKER}}, text=f"stop {MARKER}")
    assert r.status_code == 200, r.text
    assert "went wrong on my side" in r.json()["responses"][0]["text"] and r.json()["events"] == []
    assert MARKER not in r.text and "request_body" not in r.text


def test_pupil_ids_typed_into_answers_never_reach_replies_or_transcripts(trust):
    ida = Chat(trust, token("ida-transcript", school=A))
    ida.say("grill me on destinations")
    ida.say(f"96% of our Year 11 leavers went into a sustained destination; {PUPIL_ID} went to an apprenticeship.")
    assert "Transcript saved" in ida.say("stop")
    assert PUPIL_ID not in ida.everything()
    md = requests.get(trust.base + "/transcript", headers={"Authorization": f"Bearer {ida.tok}"}, timeout=10)
    assert md.status_code == 200 and "You said 96%" in md.text
    assert PUPIL_ID not in md.text and "[pupil] went to an apprenticeship" in md.text


def test_logs_hold_no_tracker_answer_text_request_body_or_secret(trust):
    """Last in this module: it reads the logs of everything above, with debug logging on."""
    kim = Chat(trust, token("kim-logs", school=A))
    kim.say("grill me on destinations")
    kim.say(f"We invite {MARKER} employers every term; {PUPIL_ID} spoke at the assembly.")
    kim.say('/start_interview{"interview_length": "²"}')
    kim.say("stop")
    logs = trust.logs()
    assert "DEBUG:rasa_sdk.executor:Received request to run" in logs  # debug logging did run (the action server's line)
    secret = yaml.safe_load((ROOT / "var" / "run" / f"endpoints-{trust.rasa_port}.yml").read_text())["action_endpoint"]["token"]
    for leak in (MARKER, PUPIL_ID, "request_body", "latest_message", '"slots"', "96% of our Year 11", secret, SECRET):
        assert leak not in logs, leak


# -- open mode


def test_open_mode_transcripts_belong_to_the_servers_cookie_not_a_header(open_mode):
    victim = requests.Session()
    page = victim.get(open_mode.base + "/", timeout=10)
    assert page.status_code == 200 and victim.cookies.get("coach_browser")
    assert "HttpOnly" in page.headers.get("Set-Cookie", "")
    victim.headers["X-Coach-Browser"] = "victimbrowser01"  # what the page's script sends
    chat = Chat(open_mode, session=victim)
    chat.say("grill me on destinations")
    chat.say("96% of our Year 11 leavers went into a sustained destination last year.")
    assert "Transcript saved" in chat.say("stop")
    assert victim.get(open_mode.base + "/transcript", timeout=10).status_code == 200
    for headers, cookies in (
        ({"X-Coach-Browser": "victimbrowser01"}, None),
        ({}, {"coach_browser": "victimbrowser01"}),
        ({}, {"coach_browser": victim.cookies.get("coach_browser") + "0"}),
    ):
        r = requests.get(open_mode.base + "/transcript", headers=headers, cookies=cookies, timeout=10)
        assert r.status_code == 404 and "You said" not in r.text
    key = ROOT / "var" / "run" / "browser-cookie.key"
    assert stat.S_IMODE(key.stat().st_mode) & 0o077 == 0


def test_serve_refuses_an_outside_address_without_authentication(tmp_path):
    served = start_serve(tmp_path, {}, args=("--host", "0.0.0.0"), wait_for=None)
    try:
        served.proc.wait(60)
    except subprocess.TimeoutExpired:
        served.stop()
        pytest.fail("coach serve started on 0.0.0.0 with no authentication")
    served.reader.join(10)
    out = "".join(served.lines.queue)
    assert served.proc.returncode == 2 and "Refusing to serve on 0.0.0.0 without authentication" in out


def test_the_unauthenticated_rest_channel_never_runs_on_an_outside_address(tmp_path):
    """`coach chat` and the tests use Rasa's REST channel, which checks nothing: loopback only."""
    import dataclasses

    from bot import config
    from bot.app.servers import Stack, StartError

    settings = dataclasses.replace(config.load(), home=ROOT, host="0.0.0.0", rasa_port=free_port(), actions_port=free_port())
    stack = Stack(settings)
    try:
        with pytest.raises(StartError, match="Refusing to serve the rest channel on 0.0.0.0"):
            stack.start(credentials=ROOT / "credentials.yml")
    finally:
        stack.stop()
    assert not (ROOT / "var" / "run" / f"endpoints-{settings.rasa_port}.yml").exists()
