"""Actions in-process with CollectingDispatcher and real trackers (no servers)."""

import asyncio
import json

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import deps
from actions.evidence import ActionChooseSchool, ActionEvidence
from actions.general import ActionDefaultFallback
from actions.interview import ActionAskInterviewAnswer, ActionInterviewSummary, ActionStartInterview, ValidateInterviewForm
from actions.knowledge import ActionExampleQuestions, ActionHowToAnswer, ActionKnowledge
from bot import nlp


def tracker(text, intent, slots=None, entities=None, sender="t1"):
    ents = entities
    if ents is None:
        ents = [{"entity": e.label, "value": e.text, "start": e.start, "end": e.end} for e in nlp.entities(text)]
    msg = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": ents}
    return Tracker(
        sender,
        slots or {},
        msg,
        [{"event": "user", "text": text, "parse_data": msg}],
        False,
        None,
        {"name": "interview_form"} if (slots or {}).get("interview_state") else {},
        "action_listen",
    )


def run(action, tr, domain=None):
    d = CollectingDispatcher()
    events = asyncio.run(action.run(d, tr, domain or {}))
    return d.messages, events


@pytest.fixture(autouse=True)
def demo_db(demo_engine):
    deps.use_engine(demo_engine)
    yield
    deps.use_engine(None)


def slot(events, name):
    return next(e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name)


def test_evidence_action_and_follow_up():
    msgs, events = run(ActionEvidence(), tracker("what were our KS4 destinations last year?", "ask_destinations"))
    assert "92 of 97 leavers (94.8%)" in msgs[0]["text"]
    ctx = slot(events, "evidence_context")
    assert json.loads(json.dumps(ctx)) == ctx and (ctx["query"]["measure"], ctx["query"]["stage"]) == ("destinations", "ks4")
    msgs, events = run(ActionEvidence(), tracker("and for disadvantaged pupils?", "followup", {"evidence_context": ctx}))
    assert "28 of 33" in msgs[0]["text"] and slot(events, "evidence_context")["query"]["group"] == "disadvantaged"


def test_button_payload_entities():
    t = tracker("/ask_destinations", "ask_destinations", entities=[{"entity": "year_group", "value": "KS4"}])
    msgs, _ = run(ActionEvidence(), t)
    assert "KS4 2024/25 leavers" in msgs[0]["text"]


def test_several_schools_asks_once_and_remembers(tmp_path, demo_dir):
    from bot.records import db, importer

    eng = db.make_engine(f"sqlite:///{tmp_path / 'trust.db'}")
    importer.import_folder(eng, demo_dir, "Alpha School")
    importer.import_folder(eng, demo_dir, "Beta School")
    deps.use_engine(eng)
    msgs, events = run(ActionEvidence(), tracker("KS4 destinations last year", "ask_destinations"))
    assert "Which school" in msgs[0]["text"] and len(msgs[0]["buttons"]) == 2
    ctx = slot(events, "evidence_context")
    t = tracker(
        '/choose_school{"school_name": "Beta School"}',
        "choose_school",
        {"evidence_context": ctx},
        entities=[{"entity": "school_name", "value": "Beta School"}],
    )
    msgs, events = run(ActionChooseSchool(), t)
    assert slot(events, "school") == "Beta School"
    assert "Beta School" in msgs[0]["text"] and "92 of 97" in msgs[1]["text"]  # the pending question, answered


def test_database_unavailable_gives_a_clear_message(tmp_path):
    from sqlalchemy import create_engine

    deps.use_engine(create_engine(f"sqlite:///{tmp_path}/missing/dir/x.db", future=True))
    msgs, _ = run(ActionEvidence(), tracker("KS4 destinations last year", "ask_destinations"))
    assert "can't reach the school's records" in msgs[0]["text"]


def test_interview_actions_round_trip():
    msgs, events = run(ActionStartInterview(), tracker("grill me on destinations", "start_interview"))
    state = slot(events, "interview_state")
    assert "challenging inspector" in msgs[0]["text"] and state["settings"]["themes"] == ["destinations"]
    msgs, _ = run(ActionAskInterviewAnswer(), tracker("", "start_interview", {"interview_state": state}))
    assert msgs[0]["text"].startswith("Question 1 of 8") and [b["title"] for b in msgs[0]["buttons"]][-1] == "Stop"
    d = CollectingDispatcher()
    t = tracker("96% of our Year 11 leavers sustained a destination last year", "ask_destinations", {"interview_state": state})
    out = asyncio.run(ValidateInterviewForm().validate_interview_answer(t.latest_message["text"], d, t, {}))
    assert out["interview_answer"] is None and "You said 96%" in d.messages[0]["text"]
    d = CollectingDispatcher()
    out = asyncio.run(ValidateInterviewForm().validate_interview_answer("stop", d, t, {}))
    assert out["interview_answer"] == "done"
    msgs, events = run(ActionInterviewSummary(), tracker("stop", "deny", {"interview_state": out["interview_state"]}))
    assert "Interview stopped" in msgs[0]["text"] and "Transcript saved" in msgs[0]["text"]
    assert slot(events, "interview_state") is None


def test_validation_guard_on_activation():
    d = CollectingDispatcher()
    out = asyncio.run(ValidateInterviewForm().validate_interview_answer(None, d, tracker("", "start_interview"), {}))
    assert out == {"interview_answer": None} and not d.messages


def test_knowledge_actions():
    msgs, _ = run(ActionKnowledge(), tracker("what is gatsby benchmark 6?", "ask_knowledge"))
    assert "Benchmark 6" in msgs[0]["text"]
    msgs, _ = run(ActionHowToAnswer(), tracker("how should I answer: how do you use destination data?", "how_to_answer"))
    assert "Destinations" in msgs[0]["text"]
    msgs, _ = run(ActionExampleQuestions(), tracker("what do they ask governors?", "example_questions"))
    assert "governor" in msgs[0]["text"]


def test_fallback_reverts_and_suggests():
    msgs, events = run(ActionDefaultFallback(), tracker("asdfgh", "nlu_fallback"))
    assert "I'm not sure what you mean" in msgs[0]["text"] and events[0]["event"] == "rewind"


def test_interview_settings_offered_and_changed_with_a_button():
    msgs, events = run(ActionStartInterview(), tracker("start a mock interview", "start_interview"))
    state = slot(events, "interview_state")
    assert "pick one of these" in msgs[0]["text"] and len(msgs[0]["buttons"]) == 4
    payload = '/start_interview{"interview_length": "5"}'
    t = tracker(payload, "start_interview", {"interview_state": state}, entities=[{"entity": "interview_length", "value": "5"}])
    d = CollectingDispatcher()
    out = asyncio.run(ValidateInterviewForm().validate_interview_answer(payload, d, t, {}))
    assert out["interview_answer"] is None and len(out["interview_state"]["questions"]) == 5
    assert "5 questions" in d.messages[0]["text"] and not out["interview_state"]["turns"]
