"""A real browser (Debian's Chromium driven by Playwright) against `coach serve`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import requests

from bot.records import db, demo, importer
from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.stack
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    """`coach serve` itself, as a user runs it (open mode on loopback)."""
    tmp = tmp_path_factory.mktemp("serve")
    url = f"sqlite:///{tmp / 'coach.db'}"
    importer.import_folder(db.make_engine(url), demo.write(tmp / "demo"), demo.DEMO_SCHOOL)
    port = free_port()
    env = dict(
        os.environ,
        COACH_DATABASE_URL=url,
        COACH_TRACKER_URL=f"sqlite:///{tmp / 'tracker.db'}",
        COACH_HOME=str(ROOT),
        COACH_RASA_PORT=str(port),
        COACH_ACTIONS_PORT=str(free_port()),
    )
    env.pop("COACH_JWT_SECRET", None)
    env.pop("COACH_CHAT_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.app.cli", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    page = None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            pytest.fail("coach serve stopped while starting")
        if line.startswith("Chat page: "):
            page = line.split(": ", 1)[1].strip()
            break
    assert page == f"http://127.0.0.1:{port}/webhooks/coach/"
    assert requests.get(page, timeout=5).status_code == 200
    yield page
    proc.send_signal(signal.SIGINT)
    proc.wait(60)
    assert proc.returncode == 0


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/system-deps.sh installs it)")
def test_chat_page_mock_interview_in_a_browser(serve, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 420, "height": 860}, accept_downloads=True)
        page.goto(serve)
        expect(page.get_by_role("log", name="Conversation")).to_be_visible()
        box = page.get_by_label("Your message")
        expect(box).to_be_focused()
        # Keyboard only: type and press Enter.
        box.type("grill me on destinations")
        page.keyboard.press("Enter")
        expect(page.locator(".msg.bot").last).to_contain_text("Question 1 of 8", timeout=30_000)
        box.type("96% of our Year 11 leavers went into a sustained destination last year.")
        page.keyboard.press("Enter")
        expect(page.locator(".msg.bot", has_text="You said 96%")).to_have_count(1, timeout=30_000)
        page.get_by_role("navigation", name="Quick replies").get_by_role("button", name="Stop").click()
        expect(page.locator(".msg.bot", has_text="Interview stopped")).to_have_count(1, timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "chat-page.png"), full_page=True)
        with page.expect_download() as dl:
            page.get_by_role("button", name="Download (Markdown)").click()
        saved = tmp_path / "transcript.md"
        dl.value.save_as(saved)
        text = saved.read_text()
        assert "# Mock inspection interview (stopped)" in text and "You said 96%" in text
        expect(page.get_by_role("status")).to_have_text("Transcript downloaded.")
        browser.close()
    assert (ARTIFACTS / "chat-page.png").stat().st_size > 10_000
