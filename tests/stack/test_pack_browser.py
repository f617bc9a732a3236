"""The evidence pack in a real browser (Debian's Chromium through Playwright): opened with the network cut off,
screenshots kept in tests/artifacts/, every chart's bars measured on screen against the figures; the PDF; the chat
page's download; the route's authentication and school decision."""

from __future__ import annotations

import os
import time

import jwt
import pytest
import requests
import yaml

from bot.app import cli
from bot.app.servers import Stack
from bot.evidence.measures import Evidence
from bot.narrative import chartdata, service
from bot.records import db, demo, importer
from tests.conftest import ROOT, stack_settings
from tests.stack.test_browser import CHROMIUM, serve  # noqa: F401  (coach serve, as a user runs it)

pytestmark = [pytest.mark.stack, pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REASON = "A local college closed its engineering courses in 2024; 28 of 33 disadvantaged leavers still found a sustained place."
SECRET = "test-pack-secret-0123456789abcdef0123"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """`coach pack` (HTML and PDF) on a fresh demo school with one stored reason."""
    tmp = tmp_path_factory.mktemp("pack")
    url = f"sqlite:///{tmp / 'coach.db'}"
    eng = db.make_engine(url)
    importer.import_folder(eng, demo.write(tmp / "demo"), demo.DEMO_SCHOOL)
    ev = Evidence(eng, demo.DEMO_SCHOOL)
    service.add_reason(eng, ev, "gap:disadvantaged:ks4:2025", REASON)
    os.environ["COACH_DATABASE_URL"], old = url, os.environ.get("COACH_DATABASE_URL")
    try:
        assert cli.main(["pack", "--out", str(tmp / "out")]) == 0
    finally:
        os.environ.pop("COACH_DATABASE_URL") if old is None else os.environ.__setitem__("COACH_DATABASE_URL", old)
    html = next((tmp / "out").glob("*.html"))
    return html, html.with_suffix(".pdf"), ev


def test_pack_in_chromium_offline(written):
    from playwright.sync_api import sync_playwright

    html, _, ev = written
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requested = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        page.route(
            "**/*",
            lambda route: (
                requested.append(route.request.url),
                route.continue_() if route.request.url.startswith("file:") else route.abort(),
            ),
        )
        page.goto(html.as_uri())
        assert [u for u in requested if not u.startswith("file:")] == []  # nothing but the file itself
        assert page.locator("svg.chart").count() >= 4 and page.locator("article.flag").count() == 16
        page.screenshot(path=str(ARTIFACTS / "pack.png"), full_page=True)
        page.locator("#flag-gap-disadvantaged-ks4-2025").screenshot(path=str(ARTIFACTS / "pack-reason.png"))
        assert REASON in page.locator("#flag-gap-disadvantaged-ks4-2025").inner_text()
        for cid in ("chart-ks4-trend", "chart-coverage", "chart-provider-access", "chart-16-18-groups"):
            page.locator(f"#{cid} svg").screenshot(path=str(ARTIFACTS / f"pack-{cid}.png"))
        measured = measure_bars(page, ev)
        page.emulate_media(media="print")
        page.screenshot(path=str(ARTIFACTS / "pack-print.png"), full_page=True)
        browser.close()
    assert measured > 60
    assert (ARTIFACTS / "pack.png").stat().st_size > 50_000


BBOX = "el => { const b = el.getBBox(); const m = el.getScreenCTM(); return {y: b.y, h: b.height, scale: m.d}; }"


def measure_bars(page, ev) -> int:
    """Every bar's height as Chromium laid it out (getBBox: the shape without its stroke), as a share of its plot area,
    equals its figure's percentage; bars stand on the axis, and the chart is drawn at a readable size."""
    checked = 0
    for data in chartdata.all_charts(ev):
        for k, panel in enumerate(data.panels):
            area = page.locator(f'[id="{data.id}-p{k}-area"] path').evaluate(BBOX)
            assert area["h"] * area["scale"] > 80, data.id  # on screen, the plot area is at least 80 px tall
            for j, bar in enumerate(panel.bars):
                if bar.value is None:
                    assert page.locator(f'[id="{data.id}-p{k}-b{j}"]').count() == 0
                    continue
                box = page.locator(f'[id="{data.id}-p{k}-b{j}"] path').evaluate(BBOX)
                assert abs(box["y"] + box["h"] - (area["y"] + area["h"])) < 0.05, (data.id, j)
                assert box["h"] / area["h"] * 100 == pytest.approx(float(bar.value), abs=0.05), (data.id, k, j)
                checked += 1
    return checked


def test_pdf_was_printed_by_chromium(written):
    _, pdf, _ = written
    body = pdf.read_bytes()
    assert body.startswith(b"%PDF") and body.count(b"/Type /Page\n") + body.count(b"/Type /Page ") + body.count(b"/Type/Page") >= 3


def test_download_from_the_chat_page(serve, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 420, "height": 860}, accept_downloads=True)
        page.goto(serve)
        box = page.get_by_label("Your message")  # the walk through the flags, on the web page as in the terminal
        box.type("help me explain our destinations")
        page.keyboard.press("Enter")
        expect(page.locator(".msg.bot", has_text="Flag 1 of 9")).to_have_count(1, timeout=30_000)
        box.type("Two of these leavers moved to a specialist college in January.")
        page.keyboard.press("Enter")
        expect(page.locator(".msg.bot", has_text="Saved as a reason for flag 1")).to_have_count(1, timeout=30_000)
        page.get_by_role("navigation", name="Quick replies").get_by_role("button", name="Stop").click()
        expect(page.locator(".msg.bot", has_text="You added 1 reason")).to_have_count(1, timeout=30_000)
        with page.expect_download() as dl:
            page.get_by_role("button", name="Download the evidence pack").click()
        saved = tmp_path / dl.value.suggested_filename
        dl.value.save_as(saved)
        expect(page.locator("#pack-status")).to_contain_text("Evidence pack downloaded")
        page.screenshot(path=str(ARTIFACTS / "chat-page-pack.png"), full_page=True)
        browser.close()
    text = saved.read_text(encoding="utf-8")
    assert saved.name.startswith("evidence-pack-northfield-academy-demo-") and "Careers evidence pack" in text
    assert text.count('<svg role="img"') >= 4 and "Two of these leavers moved to a specialist college in January." in text


@pytest.fixture(scope="module")
def protected(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("packjwt")
    settings = stack_settings(tmp)
    eng = db.make_engine(settings.database_url)
    importer.import_folder(eng, demo.write(tmp / "demo"), demo.DEMO_SCHOOL)
    importer.import_folder(eng, tmp / "demo", "Second School (demo copy)")
    creds = tmp / "credentials.yml"
    creds.write_text(yaml.safe_dump({"bot.rasa.web_channel.CoachChannel": {}}))
    stack = Stack(settings).start(credentials=creds, env_extra={"COACH_JWT_SECRET": SECRET}, timeout=240)
    yield stack
    stack.stop()


def get_pack(stack, tok=None):
    headers = {"Authorization": f"Bearer {tok}"} if tok else {}
    return requests.get(f"{stack.rasa_url}/webhooks/coach/pack", headers=headers, timeout=60)


def token(sub, **claims):
    return jwt.encode({"sub": sub, "exp": int(time.time()) + 600, **claims}, SECRET, algorithm="HS256")


def test_pack_route_authenticates_and_uses_the_school_decision(protected):
    assert get_pack(protected).status_code == 401
    assert get_pack(protected, "not-a-token").status_code == 401
    r = get_pack(protected, token("ann", school=demo.DEMO_SCHOOL))
    assert r.status_code == 200 and "Northfield Academy (demo)</h1>" in r.text
    assert r.headers["Content-Security-Policy"].startswith("default-src 'none'") and "attachment" in r.headers["Content-Disposition"]
    r = get_pack(protected, token("bob", school="Elsewhere High"))
    assert r.status_code == 403 and "aren't loaded here" in r.json()["error"]
    r = get_pack(protected, token("carol"))  # two schools and none chosen in the conversation
    assert r.status_code == 409 and "Choose your school" in r.json()["error"]
    hdr = {"Authorization": f"Bearer {token('carol')}"}
    url = f"{protected.rasa_url}/webhooks/coach/webhook"
    asked = requests.post(url, json={"message": "what will the inspector pick up on?"}, headers=hdr, timeout=60).json()
    button = next(b for m in asked for b in m.get("buttons") or [] if b["title"] == "Second School (demo copy)")
    requests.post(url, json={"message": button["payload"]}, headers=hdr, timeout=60)
    r = get_pack(protected, token("carol"))
    assert r.status_code == 200 and "Second School (demo copy)</h1>" in r.text
