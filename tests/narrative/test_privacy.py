"""The privacy sweep over the evidence chat (tests/evidence/test_chat.py), joined by every narrative reply, the pack,
the walk's messages and log lines: no pupil id anywhere but the careers lead's own gaps file."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.evidence.measures import GROUPS
from bot.narrative import gaps, pack, text, walk
from bot.records import schema
from bot.records.vocab import ACTIVITY_TYPES
from tests.evidence.test_chat import Convo
from tests.narrative.conftest import fresh

EVIDENCE_QUESTIONS = [
    ("ask_destinations", "KS4 destinations last year"),
    ("ask_destinations", "16-18 destinations trend"),
    ("ask_not_sustained", "KS4 NEET last year"),
    ("ask_data_gaps", "leavers without a destination"),
    ("ask_activity_coverage", "employer encounters by year group"),
    ("ask_provider_access", "provider access"),
    ("ask_flags", "what will the inspector pick up on"),
]


def narrative_texts(eng, ev):
    out = []
    state = walk.start(ev, "help me explain everything")
    out.append(walk.intro(ev, state))
    for k in range(len(state["keys"])):
        out.append(walk.prompt(eng, ev, state) or "")
        step = walk.handle(eng, ev, state, f"Reason {k}: 3 leavers moved abroad." if k % 2 else "skip")
        out += step.messages
        state = step.state
        out.append(walk.handle(eng, ev, state, "show my narrative").messages[0])
    out.append(walk.summary(eng, ev, state))
    for atype in ACTIVITY_TYPES:
        for yg in (None, 7, 9, 11, 12, 13):
            out.append(gaps.chat_text(gaps.find(ev, atype, yg)))
    out.append(pack.build(eng, ev).html)
    out += [text.section_text(i, 1, 1) for i in pack.model.build(eng, ev).items]
    return out


def test_no_pupil_id_in_any_reply_pack_or_log_line(demo_copy, caplog):
    eng, _ = demo_copy
    ev = fresh(eng)
    with eng.connect() as conn:
        ids = {r[0] for r in conn.execute(select(schema.pupils.c.pupil_id))}
    texts = []
    for group in GROUPS:  # the evidence chat's own sweep
        c = Convo(ev)
        for intent, question in EVIDENCE_QUESTIONS:
            texts.append(c.ask(intent, question).text)
            texts.append(c.chat.answer("followup", "", [("pupil_group", group)], c.context).text)
    with caplog.at_level(logging.DEBUG):
        texts += narrative_texts(eng, ev)
    texts += [r.getMessage() for r in caplog.records]
    blob = "\n".join(texts)
    assert len(ids) > 1000 and "Reason 1: 3 leavers moved abroad." in blob
    assert not [i for i in ids if i in blob]
