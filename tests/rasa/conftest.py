"""The coach web channel on its own (tests.rasa.channel_app), started once in four set-ups."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import requests

from tests.conftest import ROOT, free_port

SECRET = "channel-test-secret-0123456789abcdef"
SETUPS = {
    "jwt": {"COACH_JWT_SECRET": SECRET},
    "aud": {
        "COACH_JWT_SECRET": SECRET,
        "COACH_JWT_AUDIENCE": "coach",
        "COACH_JWT_ISSUER": "https://idp.example",
        "COACH_TRUST_ROLE": "roles=trust-officer",
    },
    "token": {"COACH_CHAT_TOKEN": "ann:tok-ann-0123456789,bob:tok-bob-0123456789"},
    "open": {},
}
HOSTS = {"open": "0.0.0.0"}  # so the test can also call it from a non-loopback address


class App:
    def __init__(self, name, proc, port):
        self.name, self.proc, self.port = name, proc, port
        self.url = f"http://127.0.0.1:{port}/webhooks/coach"


def _start(name, tmp):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update(SETUPS[name], COACH_HOME=str(tmp / name), COACH_DATABASE_URL=f"sqlite:///{tmp / name / 'coach.db'}")
    (tmp / name).mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = open(tmp / f"{name}.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.rasa.channel_app", HOSTS.get(name, "127.0.0.1"), str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return App(name, proc, port)


def _wait(app, deadline):
    while time.monotonic() < deadline:
        if app.proc.poll() is not None:
            pytest.fail(f"the {app.name} channel app stopped while starting")
        try:
            if requests.get(app.url + "/health", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    pytest.fail(f"the {app.name} channel app did not start")


@pytest.fixture(scope="session")
def channel_apps(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("channel")
    apps = {name: _start(name, tmp) for name in SETUPS}
    try:
        deadline = time.monotonic() + 120
        for app in apps.values():
            _wait(app, deadline)
        yield apps
    finally:
        for app in apps.values():
            app.proc.terminate()
            try:
                app.proc.wait(10)
            except subprocess.TimeoutExpired:
                app.proc.kill()
