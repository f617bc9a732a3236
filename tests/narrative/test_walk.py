"""The chat walk-through, without Rasa: one flag at a time, reasons stored, commands, the draft."""

from __future__ import annotations

from bot.narrative import walk
from tests.narrative.conftest import fresh


def test_walk_over_destinations(demo_copy):
    eng, _ = demo_copy
    ev = fresh(eng)
    state = walk.start(ev, "help me explain our destinations")
    assert state["topic"] == "destinations" and len(state["keys"]) == 9
    assert "9 destination flags" in walk.intro(ev, state)
    first = walk.prompt(eng, ev, state)
    assert first.startswith("Flag 1 of 9.") and "What is the reason?" in first
    step = walk.handle(eng, ev, state, "skip")
    assert step.state["index"] == 1 and not step.finished
    step = walk.handle(eng, ev, step.state, "A specialist college opened in January.")
    assert step.messages[0].startswith("Saved as a reason for flag 2.") and step.state["index"] == 2
    assert "A specialist college opened in January." in walk.handle(eng, ev, step.state, "show my narrative").messages[0]
    back = walk.handle(eng, ev, step.state, "back")
    assert "Your reasons so far:" in walk.prompt(eng, ev, back.state)
    done = walk.handle(eng, ev, back.state, "stop")
    assert done.finished and "You added 1 reason" in walk.summary(eng, ev, done.state)


def test_walk_over_everything_and_the_end(demo_copy):
    eng, _ = demo_copy
    ev = fresh(eng)
    state = walk.start(ev, "what will I need to explain?")
    assert state["topic"] == "all" and len(state["keys"]) == 16
    for _ in range(15):
        state = walk.handle(eng, ev, state, "next").state
    assert walk.prompt(eng, ev, state).startswith("Flag 16 of 16.")
    assert walk.handle(eng, ev, state, "skip").finished


def test_a_mismatch_stays_on_the_flag_and_undo_takes_it_back(demo_copy):
    eng, _ = demo_copy
    ev = fresh(eng)
    state = walk.start(ev, "")
    key = state["keys"][0]
    step = walk.handle(eng, ev, state, "Only 50 of 104 pupils had two provider encounters.")
    assert "[mismatch]" in step.messages[0] and step.state["index"] == 0
    from bot.narrative import store

    assert len(store.reasons_for(eng, ev.school)[key]) == 1
    step = walk.handle(eng, ev, step.state, "undo")
    assert step.messages == ["Taken back."] and key not in store.reasons_for(eng, ev.school)


def test_commands_are_recognised_and_reasons_are_not(demo_copy):
    for text, name in [
        ("skip", "skip"),
        ("Next", "skip"),
        ("stop", "stop"),
        ("that's all", "stop"),
        ("show my narrative", "show"),
        ("show the draft", "show"),
        ("keep", "keep"),
        ("undo", "undo"),
    ]:
        assert walk.command_of(text) == name, text
    for text in ["Three leavers moved abroad.", "stop the careers fair clashing with mocks was the reason", "next year we will fix it"]:
        assert walk.command_of(text) is None, text


def test_a_new_walk_starts_at_the_first_flag_still_to_explain(demo_copy):
    from bot.narrative import service

    eng, _ = demo_copy
    ev = fresh(eng)
    keys = walk.start(ev, "")["keys"]
    for key in keys[:2]:
        service.add_reason(eng, ev, key, "A reason.")
    state = walk.start(ev, "what will I need to explain?", eng)
    assert state["index"] == 2 and "we start at flag 3" in walk.intro(ev, state)
    after = walk.summary(eng, ev, state)
    assert "Still to explain: 14 of 16 flags (numbers 3-16)" in after and after.count("Why: A reason.") == 2
