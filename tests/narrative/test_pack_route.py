"""The pack route on the web channel alone (the tests.rasa.channel_app harness, no model): the channel's own
authentication (tokens, open mode on loopback only) and the school decision, before any pack is made."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import requests

from bot.records import db, demo, importer
from tests.conftest import ROOT, free_port
from tests.rasa.test_channel_auth import _outside_address


def start(tmp, name, env_extra, host="127.0.0.1"):
    home = tmp / name
    home.mkdir(parents=True)
    url = f"sqlite:///{home / 'coach.db'}"
    importer.import_folder(db.make_engine(url), demo.write(home / "demo"), demo.DEMO_SCHOOL)
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACH_")}
    env.update(env_extra, COACH_HOME=str(home), COACH_DATABASE_URL=url)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.rasa.channel_app", host, str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/webhooks/coach"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/health", timeout=1).status_code == 200:
                return proc, port, base
        except requests.RequestException:
            time.sleep(0.1)
    proc.terminate()
    pytest.fail("the channel harness did not start")


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("packroute")
    started = {"token": start(tmp, "token", {"COACH_CHAT_TOKEN": "ann:tok-ann-0123456789"}), "open": start(tmp, "open", {}, host="0.0.0.0")}
    yield started
    for proc, _, _ in started.values():
        proc.terminate()
        proc.wait(10)


def test_tokens_are_required_and_the_only_school_is_used(apps):
    _, _, base = apps["token"]
    assert requests.get(base + "/pack", timeout=30).status_code == 401
    assert requests.get(base + "/pack", headers={"Authorization": "Bearer wrong-token-000"}, timeout=30).status_code == 401
    r = requests.get(base + "/pack", headers={"Authorization": "Bearer tok-ann-0123456789"}, timeout=60)
    assert r.status_code == 200 and "<h1>Northfield Academy (demo)</h1>" in r.text
    assert r.headers["Content-Security-Policy"].startswith("default-src 'none'") and r.headers["X-Content-Type-Options"] == "nosniff"


def test_open_mode_serves_this_computer_only(apps):
    _, port, base = apps["open"]
    r = requests.get(base + "/pack", timeout=60)
    assert r.status_code == 200 and 'filename="evidence-pack-northfield-academy-demo-' in r.headers["Content-Disposition"]
    address = _outside_address()
    if not address or address.startswith("127."):
        pytest.skip("this machine has no non-loopback address")
    assert requests.get(f"http://{address}:{port}/webhooks/coach/pack", timeout=10).status_code == 403
