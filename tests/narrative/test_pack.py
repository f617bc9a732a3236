"""`coach pack`: a self-contained HTML pack with the narrative for every flag, the charts, the flags and the records' date."""

from __future__ import annotations

import os
import re

from sqlalchemy import select

from bot.app import cli
from bot.narrative import service
from bot.narrative.flags import all_flags
from bot.records import schema
from tests.narrative.conftest import fresh

REASON = "A local college closed its engineering courses in 2024, so fewer disadvantaged leavers found a place; 28 of 33 did."


def make_pack(eng, out):
    old = os.environ.get("COACH_DATABASE_URL")
    os.environ["COACH_DATABASE_URL"] = str(eng.url)
    try:
        assert cli.main(["pack", "--out", str(out), "--no-pdf"]) == 0
    finally:
        os.environ.pop("COACH_DATABASE_URL") if old is None else os.environ.__setitem__("COACH_DATABASE_URL", old)
    [path] = list(out.glob("evidence-pack-*.html"))
    return path.read_text(encoding="utf-8")


def test_demo_pack(demo_copy, tmp_path, capsys):
    eng, _ = demo_copy
    service.add_reason(eng, fresh(eng), "gap:disadvantaged:ks4:2025", REASON)
    html = make_pack(eng, tmp_path / "packs")
    printed = capsys.readouterr().out
    assert "16 flags (1 explained), 6 charts" in printed
    assert html.count('<svg role="img"') >= 4 and html.count('<table class="chart-data"') == html.count('<svg role="img"')
    sections = re.findall(r'<article class="flag" id="([^"]+)"', html)
    assert len(sections) == len(all_flags(fresh(eng))) == 16
    assert REASON in html and "No reason recorded yet." in html
    assert "28 of 33</span>: agrees with the records" in html
    assert "Records as imported on <strong>" in html and "What an inspector may ask us to explain" in html


def test_pack_is_self_contained_and_holds_no_pupil_id(demo_copy, tmp_path):
    eng, _ = demo_copy
    html = make_pack(eng, tmp_path / "packs")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    refs = re.findall(r'(?:src|href|xlink:href)="([^"]+)"', html) + re.findall(r"url\(([^)]+)\)", html)
    assert refs and all(r.startswith("#") for r in refs), [r for r in refs if not r.startswith("#")][:5]
    with eng.connect() as conn:
        ids = {r[0] for r in conn.execute(select(schema.pupils.c.pupil_id))}
    assert len(ids) > 1000 and not [i for i in ids if i in html]
    assert "/work/" not in html and "/tmp/" not in html  # no server paths either
