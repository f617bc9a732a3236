"""bot.rasa.patches against the pinned Rasa (3.6.21): each patch fits, behaves as Rasa did, and refuses
to install when Rasa's internals differ."""

from __future__ import annotations

import asyncio
import copy
import time

import jsonschema
import pytest
import rasa
from rasa.core.actions.action import ActionSessionStart, RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from bot.rasa import patches
from tests.conftest import ROOT

ORIGINAL_RESOLVE = Event.__dict__["resolve_by_type"].__func__
ORIGINAL_SLOTS = ActionSessionStart.__dict__["_slot_set_events_from_tracker"].__func__
TURNS = 12


@pytest.fixture(scope="module")
def applied():
    names = patches.apply(True, TURNS)
    yield names


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def test_every_patch_fits_the_pinned_rasa():
    assert rasa.__version__ == "3.6.21"
    for name, (targets, _) in patches.PATCHES.items():
        patches.check(name, targets())  # raises PatchError if the source differs


def test_a_changed_function_is_refused_loudly():
    t = patches.Target(RemoteAction, "_validate_action_result", "0" * 64)
    with pytest.raises(patches.PatchError, match="not the function this patch was written for"):
        patches.check("action_result_validator_once", [t])
    with pytest.raises(patches.PatchError, match="has no"):
        patches.check("x", [patches.Target(RemoteAction, "no_such_function", "0" * 64)])


def test_another_rasa_version_is_refused(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(patches.PatchError, match="found Rasa 3.7.0"):
        patches.check("event_type_cache", patches.PATCHES["event_type_cache"][0]())


def test_apply_installs_every_patch_once(applied):
    assert applied == list(patches.PATCHES)
    assert patches.apply(True, TURNS) == applied
    assert patches.apply(False) == []


def test_the_validator_accepts_and_rejects_as_jsonschema_did(applied):
    action = RemoteAction("action_x", None)
    good = {"events": [{"event": "slot", "name": "school", "value": "A"}], "responses": [{"text": "hi"}]}
    assert action._validate_action_result(good) is True
    bad = {"events": [{"event": 7}], "responses": "nope"}
    with pytest.raises(jsonschema.ValidationError) as patched:
        action._validate_action_result(bad)
    with pytest.raises(jsonschema.ValidationError) as stock:
        jsonschema.validate(bad, RemoteAction.action_response_format_spec())
    assert patched.value.message.startswith(stock.value.message + ". Failed to validate Action server response")
    assert "custom-actions" in patched.value.message


def test_event_types_resolve_as_before(applied):
    for cls in all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name) is ORIGINAL_RESOLVE(cls.type_name)
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.from_parameters({"event": "slot", "name": "school", "value": "A"}) == SlotSet("school", "A")


def _conversation(domain, turns, interview=3):
    """Evidence questions with follow-ups, then an interview still open: slots, a loop, buttons."""
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    for i in range(turns - interview):
        events += [
            UserUttered(f"question {i}", {"name": "followup" if i % 2 else "ask_destinations", "confidence": 1.0}),
            ActionExecuted("action_evidence"),
            SlotSet("evidence_context", {"measure": "destinations", "turn": i}),
            SlotSet("school", "Northfield"),
            BotUttered(f"figure {i}"),
            ActionExecuted("action_listen"),
        ]
    for i in range(interview):
        events += [
            UserUttered(f"answer {i}", {"name": "start_interview" if i == 0 else "affirm", "confidence": 1.0}),
            ActionExecuted("action_start_interview" if i == 0 else "interview_form"),
            SlotSet("interview_state", {"index": i, "answers": list(range(i))}),
            BotUttered(f"Question {i + 1} of 8", {"buttons": [{"title": "skip", "payload": "/skip"}]}),
        ]
        if i == 0:
            events += [ActionExecuted("interview_form"), ActiveLoop("interview_form"), SlotSet("requested_slot", "interview_answer")]
        events.append(ActionExecuted("action_listen"))
    return DialogueStateTracker.from_events("t", events, domain.slots, domain=domain)


def _run(tracker, domain):
    return asyncio.run(ActionSessionStart().run(None, None, tracker, domain))


def test_a_new_session_sets_each_slot_once_to_its_latest_value(applied, domain):
    tracker = _conversation(domain, 8)
    stock = ORIGINAL_SLOTS(tracker)
    assert len(stock) > len({s.key for s in stock})  # Rasa's own: one per past SlotSet
    once = ActionSessionStart._slot_set_events_from_tracker(tracker)
    assert sorted(s.key for s in once) == sorted({s.key for s in stock})
    after_stock = DialogueStateTracker.from_events("a", [SessionStarted()] + stock, copy.deepcopy(domain.slots))
    after_once = DialogueStateTracker.from_events("b", [SessionStarted()] + once, copy.deepcopy(domain.slots))
    assert after_stock.current_slot_values() == after_once.current_slot_values()


def test_the_session_rolls_over_after_the_bounded_number_of_turns(applied, domain):
    processor = MessageProcessor.__new__(MessageProcessor)
    processor.domain = domain
    assert not processor._has_session_expired(_conversation(domain, TURNS - 1))
    assert processor._has_session_expired(_conversation(domain, TURNS))


def test_a_rolled_session_carries_on_exactly(applied, domain):
    old = _conversation(domain, TURNS)
    events = _run(old, domain)
    assert isinstance(events[0], SessionStarted) and events[-1] == ActionExecuted("action_listen")
    new = DialogueStateTracker.from_events(
        "t", list(old.events) + [ActionExecuted("action_session_start")] + events, copy.deepcopy(domain.slots), domain=domain
    )
    assert new.current_slot_values() == old.current_slot_values()
    assert new.active_loop_name == old.active_loop_name == "interview_form"
    assert not any(isinstance(e, BotUttered) for e in events)  # Rasa would send them to the user again
    assert new.past_states(domain)[-4:] == old.past_states(domain)[-4:]  # what the policies look at
    assert len(events) < len(old.events) / 2
    replayed = [e for e in events if isinstance(e, UserUttered)]
    # the last two user turns as the policies see them: the interview's answers are one loop turn
    assert [e.text for e in replayed] == [f"question {TURNS - 4}", "answer 0"]
    assert all(e.timestamp >= events[0].timestamp for e in replayed)


def test_an_idle_session_starts_as_rasa_did(applied, domain):
    old = _conversation(domain, TURNS)
    for e in old.events:
        e.timestamp = time.time() - 60 * 60 * 24  # a day idle: the domain's expiry is 480 minutes
    events = _run(old, domain)
    assert events[0] == SessionStarted() and events[-1] == ActionExecuted("action_listen")
    assert not any(isinstance(e, UserUttered | ActiveLoop | BotUttered) for e in events)
    assert len([e for e in events if isinstance(e, SlotSet)]) == len({e.key for e in events if isinstance(e, SlotSet)})


def test_a_session_limit_too_small_to_hold_the_replayed_turns_is_refused():
    with pytest.raises(patches.PatchError, match="at least 5"):
        patches.apply(True, 2)
