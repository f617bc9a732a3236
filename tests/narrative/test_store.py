"""Reasons per school and flag: kept across re-imports, marked for review when the figure changes, retired when the
flag no longer applies; every figure in them goes through the claim check."""

from __future__ import annotations

import pandas as pd
import pytest

from bot.narrative import service, store
from bot.records import demo, importer
from tests.narrative.conftest import edit_csv, fresh

GAP = "gap:disadvantaged:ks4:2025"
MISSING = "missing:2025"


def one_more_not_sustained(folder):
    """A change to destinations.csv: one more disadvantaged 2024/25 KS4 leaver not in a sustained destination."""
    pupils = pd.read_csv(folder / "pupils.csv", dtype=str, keep_default_na=False)
    dis = set(pupils.loc[(pupils["cohort"] == "2024/25") & (pupils["disadvantaged"] == "Y"), "pupil_id"])

    def change(d):
        rows = d.index[
            (d["stage"] == "ks4") & (d["leaving_year"] == "2024/25") & d["pupil_id"].isin(dis) & (d["destination"] == "further_education")
        ]
        d.loc[rows[0], "destination"] = "not_sustained"
        d.loc[rows[0], "nccis_code"] = ""
        return d

    return change


def statuses(eng):
    n = service.narrative(eng, fresh(eng))
    return {i.section.key: [r.status(i.section.flag.figure) for r in i.reasons] for i in n.items if i.reasons}, n


def test_reasons_survive_a_reimport_of_the_same_records(demo_copy):
    eng, folder = demo_copy
    service.add_reason(eng, fresh(eng), GAP, "A local college closed its engineering courses.")
    importer.import_folder(eng, folder, demo.DEMO_SCHOOL)
    found, n = statuses(eng)
    assert found == {GAP: ["current"]}
    assert n.item(GAP).reasons[0].reason == "A local college closed its engineering courses."


def test_a_changed_figure_marks_the_reason_for_review_and_keep_confirms_it(demo_copy):
    eng, folder = demo_copy
    service.add_reason(eng, fresh(eng), GAP, "Three leavers moved abroad.")
    edit_csv(folder / "destinations.csv", one_more_not_sustained(folder))
    importer.import_folder(eng, folder, demo.DEMO_SCHOOL)
    found, n = statuses(eng)
    assert found == {GAP: ["review"]} and n.item(GAP).section.flag.figure.text() == "27 of 33 (81.8%)"
    service.confirm(eng, fresh(eng), GAP)
    assert statuses(eng)[0] == {GAP: ["current"]}


def test_a_flag_that_no_longer_applies_retires_its_reason(demo_copy):
    eng, folder = demo_copy
    service.add_reason(eng, fresh(eng), MISSING, "Four leavers moved abroad before the census.")
    pupils = pd.read_csv(folder / "pupils.csv", dtype=str, keep_default_na=False)
    dests = pd.read_csv(folder / "destinations.csv", dtype=str, keep_default_na=False)
    leavers = pupils[(pupils["cohort"] == "2024/25") & ((pupils["left_on"] == "") | (pupils["left_on"] >= "2024-09-01"))]
    has_row = set(dests.loc[(dests["stage"] == "ks4") & (dests["leaving_year"] == "2024/25"), "pupil_id"])
    missing = sorted(set(leavers["pupil_id"]) - has_row)
    assert len(missing) == 4
    extra = pd.DataFrame(
        [{"pupil_id": p, "leaving_year": "2024/25", "stage": "ks4", "destination": "further_education", "nccis_code": ""} for p in missing]
    )
    edit_csv(folder / "destinations.csv", lambda d: pd.concat([d, extra], ignore_index=True))
    importer.import_folder(eng, folder, demo.DEMO_SCHOOL)
    found, n = statuses(eng)
    assert MISSING not in found and [r.reason for r in n.retired] == ["Four leavers moved abroad before the census."]
    assert store.reasons_for(eng, demo.DEMO_SCHOOL)[MISSING]  # kept, out of the narrative


def test_figures_in_a_reason_go_through_the_claim_check(demo_copy):
    eng, _ = demo_copy
    added = service.add_reason(
        eng,
        fresh(eng),
        GAP,
        "28 of 33 of our disadvantaged leavers were sustained; the gap was 5 points, " "and three leavers moved abroad.",
    )
    verdicts = [(c.said, c.verdict) for c in added.checks]
    assert verdicts == [("28 of 33", "match"), ("5 points", "mismatch"), ("three", "unchecked")]
    assert "15.2 points" in added.checks[1].message
    stored = store.reasons_for(eng, demo.DEMO_SCHOOL)[GAP][0]
    assert [c.verdict for c in stored.checks] == ["match", "mismatch", "unchecked"]  # kept with the reason, shown in the pack


def test_the_section_figure_itself_is_a_match(demo_copy):
    eng, _ = demo_copy
    added = service.add_reason(eng, fresh(eng), "notsust:16-18:2025", "10 of 43 leavers is high because of a small cohort.")
    assert [(c.said, c.verdict) for c in added.checks] == [("10 of 43", "match")]


def test_reasons_are_per_school(demo_copy, tmp_path):
    eng, folder = demo_copy
    importer.import_folder(eng, folder, "Second School")
    from bot.evidence.measures import Evidence

    service.add_reason(eng, fresh(eng), GAP, "Only for the demo school.")
    other = service.narrative(eng, Evidence(eng, "Second School"))
    assert not other.item(GAP).reasons
    with pytest.raises(ValueError):
        service.add_reason(eng, fresh(eng), "no:such:flag", "x")


def test_the_walk_asks_to_review_a_changed_figure_and_keep_confirms(demo_copy):
    from bot.narrative import walk

    eng, folder = demo_copy
    service.add_reason(eng, fresh(eng), GAP, "Three leavers moved abroad.")
    edit_csv(folder / "destinations.csv", one_more_not_sustained(folder))
    importer.import_folder(eng, folder, demo.DEMO_SCHOOL)
    ev = fresh(eng)
    state = walk.start(ev, "explain our destinations")
    state["index"] = state["keys"].index(GAP)
    shown = walk.prompt(eng, ev, state)
    assert "please review it" in shown and 'Say "keep"' in shown
    walk.handle(eng, ev, state, "keep")
    assert statuses(eng)[0] == {GAP: ["current"]}
