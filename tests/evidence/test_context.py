"""The evidence context's slot form: from_slot and to_slot round-trip, and a malformed slot loses only its bad part."""

from __future__ import annotations

import json

import pytest

from bot.evidence.context import EvidenceContext, Pending, Query

FULL = Query(
    "provider_access",
    stage=None,
    year=2025,
    group="disadvantaged",
    activity_type="provider_encounter",
    year_groups=[10, 11],
    cohort=2026,
    phase=2,
    compare=True,
    scope="national",
)


@pytest.mark.parametrize(
    "context",
    [
        EvidenceContext(),
        EvidenceContext(query=Query("destinations", stage="ks4", year=2025)),
        EvidenceContext(query=FULL),
        EvidenceContext(pending=Pending.of("ask_activity_coverage", "coverage for year 9", [("year_group", "9")])),
        EvidenceContext(query=Query("benchmarks", year=2026, benchmark=5, trend=True), pending=Pending("ask_destinations", "x")),
    ],
)
def test_round_trip_through_the_slot(context):
    slot = context.to_slot()
    assert json.loads(json.dumps(slot)) == slot  # the slot holds plain JSON values only
    assert EvidenceContext.from_slot(slot) == context
    assert EvidenceContext.from_slot(json.loads(json.dumps(slot))) == context


def test_the_slot_form_is_the_one_trackers_already_hold():
    ctx = EvidenceContext(query=Query("destinations", stage="ks4", year=2025), pending=Pending.of("ask_x", "t", [("a", "b")]))
    assert ctx.to_slot() == {
        "query": {
            "measure": "destinations",
            "stage": "ks4",
            "year": 2025,
            "group": "all",
            "category": None,
            "activity_type": None,
            "year_groups": [],
            "cohort": None,
            "phase": None,
            "trend": False,
            "compare": False,
            "benchmark": None,
            "scope": None,
        },
        "pending": {"intent": "ask_x", "text": "t", "entities": [["a", "b"]]},
    }
    assert EvidenceContext().to_slot() == {}


@pytest.mark.parametrize(
    "slot",
    [None, "oops", ["a"], {}, {"query": "x"}, {"query": {"measure": "nonsense"}}, {"query": {"measure": "destinations", "year": "2024"}}],
)
def test_a_malformed_query_is_left_out(slot):
    assert EvidenceContext.from_slot(slot).query is None


@pytest.mark.parametrize(
    "query",
    [
        {"measure": "coverage", "year_groups": ["7"]},
        {"measure": "coverage", "year_groups": 7},
        {"measure": "destinations", "group": "martians"},
        {"measure": "destinations", "trend": "yes"},
        {"measure": "destinations", "year": True},
        {"measure": "destinations", "stage": 4},
    ],
)
def test_a_query_with_a_badly_typed_field_is_left_out(query):
    assert EvidenceContext.from_slot({"query": query}).query is None


def test_unknown_query_fields_are_dropped_and_missing_ones_default():
    q = EvidenceContext.from_slot({"query": {"measure": "flags", "colour": "red"}}).query
    assert q == Query("flags")


@pytest.mark.parametrize(
    "pending",
    [{"intent": 3}, {"intent": "a"}, {"intent": "a", "text": "x", "entities": [1]}, {"intent": "a", "text": "x", "entities": "ab"}],
)
def test_a_malformed_pending_question_is_left_out_and_the_query_kept(pending):
    ctx = EvidenceContext.from_slot({"query": {"measure": "flags"}, "pending": pending})
    assert ctx.pending is None and ctx.query == Query("flags")


def test_a_pending_question_without_entities():
    assert EvidenceContext.from_slot({"pending": {"intent": "a", "text": "x"}}).pending == Pending("a", "x")


def test_with_query_keeps_its_own_copy():
    q = Query("coverage", year_groups=[9])
    ctx = EvidenceContext().with_query(q)
    q.year_groups.append(10)
    assert ctx.query.year_groups == [9]
