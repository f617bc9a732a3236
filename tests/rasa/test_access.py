"""The one decision of whose records a conversation sees (bot.rasa.access.decide_school)."""

from __future__ import annotations

from bot.rasa.access import CONFIGURED_MISSING, NO_RECORDS, NOT_HERE, Access, SchoolChoice, decide_school

NAMES = ("Alpha", "Beta", "Gamma")


def test_a_school_claim_binds_always_and_lists_nothing():
    bound = Access(school="Alpha")
    for chosen in (None, "Beta", "Alpha", "Nowhere"):
        for configured in (None, "Gamma"):
            assert decide_school(bound, chosen, configured, NAMES) == SchoolChoice("Alpha")
    assert not decide_school(bound, "Beta", None, NAMES).may_choose


def test_a_school_claim_for_a_school_that_is_not_there_is_refused():
    choice = decide_school(Access(school="Nowhere"), "Beta", None, NAMES)
    assert choice == SchoolChoice(refusal=NOT_HERE) and not choice.choices
    assert decide_school(Access(school="Nowhere"), None, None, ()) == SchoolChoice(refusal=NOT_HERE)


def test_without_a_school_claim_the_user_may_choose():
    free = Access()
    assert decide_school(free, None, None, NAMES) == SchoolChoice(choices=NAMES)
    assert decide_school(free, "Beta", None, NAMES) == SchoolChoice("Beta", choices=NAMES)
    assert decide_school(free, "Nowhere", None, NAMES) == SchoolChoice(choices=NAMES)
    assert decide_school(free, None, None, ("Alpha",)) == SchoolChoice("Alpha", choices=("Alpha",))
    assert decide_school(free, None, None, ()) == SchoolChoice(refusal=NO_RECORDS)


def test_coach_school_pins_users_without_a_claim_but_not_the_trust():
    assert decide_school(Access(), "Beta", "Gamma", NAMES) == SchoolChoice("Gamma")
    assert decide_school(Access(), None, "Nowhere", NAMES) == SchoolChoice(refusal=CONFIGURED_MISSING)
    assert decide_school(Access(trust=True), "Beta", "Gamma", NAMES) == SchoolChoice("Beta", choices=NAMES)
    assert decide_school(Access(trust=True), None, "Gamma", NAMES) == SchoolChoice("Gamma", choices=NAMES)


def test_the_trust_role_may_choose_starting_from_its_school_claim():
    trust = Access(school="Alpha", trust=True)
    assert decide_school(trust, None, None, NAMES) == SchoolChoice("Alpha", choices=NAMES)
    assert decide_school(trust, "Beta", None, NAMES) == SchoolChoice("Beta", choices=NAMES)
    assert decide_school(Access(school="Nowhere", trust=True), None, None, NAMES) == SchoolChoice(choices=NAMES)


def test_metadata_round_trip_and_nothing_else_counts():
    a = Access(school="Alpha", trust=True)
    assert Access.from_metadata(a.to_metadata()) == a
    assert Access.from_metadata(None) == Access()
    assert Access.from_metadata({"school": "Alpha"}) == Access()  # the old, untrusted shape
    assert Access.from_metadata({"coach_access": {"school": 5, "trust": "yes"}}) == Access()
