"""Each chart's drawn bars and markers, measured in its SVG, against the figures (Evidence and a pandas count)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from bot.narrative import chartdata, charts
from bot.records.vocab import SUSTAINED
from tests.narrative import svg_geometry as geo


@pytest.fixture(scope="module")
def drawn(demo_evidence):
    return {c.data.id: c for c in (charts.draw(d) for d in chartdata.all_charts(demo_evidence))}


def expected_figures(ev, chart_id):
    """The figures each chart should draw, asked of Evidence directly, panel by panel."""
    ay, last = ev.span().this_year, ev.span().last_leavers
    for stage in ("ks4", "16-18"):
        if chart_id == f"chart-{stage}-trend":
            return [[ev.destinations(stage, y).figures["sustained"] for y in ev.destination_years(stage)[-5:]]]
        if chart_id == f"chart-{stage}-groups":
            return [[ev.destinations(stage, last[stage], g).figures["sustained"] for g in chartdata.CHART_GROUPS]]
    if chart_id == "chart-coverage":
        from bot.records.vocab import ACTIVITY_TYPES

        panels = [sorted(ev.coverage(t, ay), key=lambda c: c.year_group) for t in ACTIVITY_TYPES]
        return [[c.figure for c in p] for p in panels if any(c.figure.count for c in p)]
    if chart_id == "chart-provider-access":
        return [[pa.figure for pa in sorted(ev.provider_access_all(), key=lambda pa: (pa.cohort, pa.phase))]]
    raise AssertionError(chart_id)


def test_the_pack_has_the_four_kinds_of_chart(drawn):
    assert {"chart-ks4-trend", "chart-16-18-trend", "chart-ks4-groups", "chart-coverage", "chart-provider-access"} <= set(drawn)


def test_every_bar_is_drawn_at_its_figure(drawn, demo_evidence):
    checked = 0
    for cid, chart in drawn.items():
        for k, (panel, figures) in enumerate(zip(chart.data.panels, expected_figures(demo_evidence, cid))):
            assert [b.figure for b in panel.bars] == figures, cid
            ids = geo.bar_ids(chart.svg, cid, k)
            assert ids == [j for j, f in enumerate(figures) if f.percent is not None], (cid, k)
            for j in ids:
                assert geo.bar_percent(chart.svg, cid, k, j) == pytest.approx(float(figures[j].percent), abs=0.05), (cid, k, j)
                checked += 1
    assert checked > 60


def test_each_value_is_labelled_in_text(drawn):
    for cid, chart in drawn.items():
        labels = re.findall(r"<text[^>]*>([^<]+)</text>", chart.svg) + re.findall(r"<!-- ([^>]+) -->", chart.svg)
        for panel in chart.data.panels:
            for b in panel.bars:
                if b.value is not None:
                    assert any(f"{b.value:.1f}" in t for t in labels), (cid, b)


def test_reference_markers_sit_at_the_national_figure(drawn, demo_evidence):
    chart = drawn["chart-16-18-trend"]
    refs = [f.reference.percent for f in expected_figures(demo_evidence, "chart-16-18-trend")[0] if f.reference]
    assert refs and geo.marker_percents(chart.svg, "chart-16-18-trend", 0) == pytest.approx([float(r) for r in refs], abs=0.05)
    ks4 = drawn["chart-ks4-trend"].data.panels[0]
    assert ks4.baseline is not None and "2019/20 leavers" in ks4.baseline.text  # another year's figure says its year


def test_trend_bars_equal_an_independent_pandas_count(drawn, demo_dir):
    d = pd.read_csv(demo_dir / "destinations.csv", dtype=str, keep_default_na=False)
    code = pd.to_numeric(d["nccis_code"].replace("", None))  # the contract's bands, where the destination is empty
    from_code = code.map(lambda c: "sustained" if 210 <= c <= 460 else "not sustained")
    d["sustained"] = d["destination"].isin(SUSTAINED).where(d["destination"] != "", from_code == "sustained")
    ks4 = d[d["stage"] == "ks4"]
    chart = drawn["chart-ks4-trend"]
    for j, bar in enumerate(chart.data.panels[0].bars):
        rows = ks4[ks4["leaving_year"] == bar.label]
        pct = round(100 * rows["sustained"].sum() / len(rows), 1)
        assert geo.bar_percent(chart.svg, "chart-ks4-trend", 0, j) == pytest.approx(pct, abs=0.06)


def test_black_and_white_and_text_alternatives(drawn):
    for cid, chart in drawn.items():
        colours = geo.fill_colours(chart.svg)
        assert all(c[1:3] == c[3:5] == c[5:7] for c in colours), (cid, colours)  # greys only: hatching tells series apart
        assert f'aria-labelledby="{cid}-title {cid}-desc"' in chart.svg and "<desc" in chart.svg
        alt = charts.alt_text(chart.data)
        for panel in chart.data.panels:
            for b in panel.bars:
                assert b.figure.text() in alt
    hatched = drawn["chart-provider-access"]
    assert len(hatched.data.series) > 1 and "<pattern" in hatched.svg


def test_a_group_too_small_to_report_gets_no_bar(school):
    from bot.evidence.measures import Evidence

    pupils = "pupil_id,cohort,sex,disadvantaged,sen,left_on\n" + "".join(
        f"S{i},2024/25,{'F' if i % 2 else 'M'},{'Y' if i < 2 else 'N'},N,\n" for i in range(8)
    )
    dests = "pupil_id,leaving_year,stage,destination,nccis_code\n" + "".join(
        f"S{i},2024/25,ks4,{'further_education' if i != 3 else 'not_sustained'},\n" for i in range(8)
    )
    ev = Evidence(school(pupils, None, dests), "Tiny School")
    data = chartdata.destinations_by_group(ev, "ks4")
    chart = charts.draw(data)
    labels = [b.label for b in data.panels[0].bars]
    small = labels.index("Disadvantaged")
    assert data.panels[0].bars[small].figure.suppressed
    assert small not in geo.bar_ids(chart.svg, data.id, 0) and "too small" in chart.svg
    assert geo.bar_percent(chart.svg, data.id, 0, labels.index("All")) == pytest.approx(87.5, abs=0.05)
    assert "Disadvantaged: too small to report (fewer than 5)" in charts.alt_text(data)
