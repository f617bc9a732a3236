"""The interview loop: commands at any point, answers never mistaken for commands, summary and transcripts."""

import pytest

from bot.interview import engine, transcripts
from bot.interview.engine import command, parse_request


@pytest.mark.parametrize(
    "text,themes,length,audience,style",
    [
        ("start a mock interview", [], 8, "careers_leader", "supportive"),
        ("grill me on destinations", ["destinations"], 8, "careers_leader", "challenging"),
        ("a short practice for a governor", [], 5, "governor", "supportive"),
        (
            "a tough 12-question interview on employer encounters for a senior leader",
            ["employer_encounters"],
            12,
            "senior_leader",
            "challenging",
        ),
    ],
)
def test_parse_request(text, themes, length, audience, style):
    s, _ = parse_request(text)
    assert (s.themes, s.length, s.audience, s.style) == (themes, length, audience, style)


def test_no_repeats_and_interviews_vary():
    s, _ = parse_request("a long interview")
    a, b = engine.start(s, seed=1), engine.start(s, seed=2)
    assert len(a["questions"]) == 12 == len(set(a["questions"]))
    assert a["questions"] != b["questions"]
    assert len({engine.current({**a, "index": i}).theme for i in range(9)}) == 9  # spread over the themes


@pytest.mark.parametrize(
    "text,expected",
    [
        ("stop", "stop"),
        ("Stop.", "stop"),
        ("skip", "skip"),
        ("next question", "skip"),
        ("repeat the question", "repeat"),
        ("what do you mean?", "rephrase"),
        ("give me a hint", "hint"),
        ("We stop pupils leaving without a plan: every Year 11 has an interview.", None),
        ("Hello! Well, we start in Year 7 with careers lessons.", None),
        ("Do you mean destinations for all pupils or for disadvantaged pupils only?", None),
    ],
)
def test_commands(text, expected):
    assert command(text) == expected


def new(theme="destinations", style="supportive"):
    s, _ = parse_request(f"{style} interview on {theme}")
    return engine.start(s, seed=7)


def test_full_flow_start_answer_skip_hint_repeat_rephrase_stop(demo_evidence):
    st = new()
    q1 = engine.current(st)
    assert engine.prompt_text(st).endswith(q1.text)
    step = engine.handle(
        st,
        "96% of our Year 11 leavers went into a sustained destination last year, and we track every "
        "leaver in Compass+ with extra support for disadvantaged and SEND pupils.",
        demo_evidence,
    )
    text = "\n".join(step.messages)
    assert (
        "You said 96%; your records show 92 of 97 (94.8%) for KS4 2024/25 leavers (sustained education, apprenticeship or employment)."
        in text
    )
    st = step.state
    if st["stage"] == "probe":
        step = engine.handle(st, "We changed the Year 10 programme after seeing the 2023/24 figures.", demo_evidence)
        st = step.state
        assert "\n".join(step.messages).startswith(("Points covered:", "That answer is about"))
    assert st["index"] == 1
    step = engine.handle(st, "skip", demo_evidence)
    st = step.state
    assert st["index"] == 2 and st["turns"][-1]["skipped"]
    step = engine.handle(st, "give me a hint", demo_evidence)
    st = step.state
    assert step.messages[0].startswith("Hint:") and engine.prompt_text(st) is None
    step = engine.handle(st, "repeat the question", demo_evidence)
    st = step.state
    assert engine.prompt_text(st).endswith(engine.current(st).text)
    step = engine.handle(st, "what do you mean?", demo_evidence)
    st = step.state
    assert engine.prompt_text(st) == engine.current(st).rephrase
    step = engine.handle(st, "stop", demo_evidence)
    assert step.finished and step.state["stopped"]
    summary = engine.summary(step.state, demo_evidence)
    assert "Interview stopped: 1 of 8 questions answered" in summary
    assert "Claims that did not match your records" in summary and "Evidence gaps to close" in summary
    assert "Practise next" in summary


def test_stop_as_the_first_answer():
    step = engine.handle(new(), "stop")
    assert step.finished and "No answers to review yet" in engine.summary(step.state)


def test_multi_paragraph_answer_containing_stop_is_an_answer():
    answer = "We never stop tracking leavers.\n\nStop and think about Year 11: every pupil has a guidance interview.\n\nstop"
    step = engine.handle(new(), answer)
    assert not step.finished and step.state["turns"][0]["answer"] == answer


def test_greeting_or_question_like_answer_is_an_answer():
    for answer in ("Hi! Good question. We start with the data in Compass.", "How do we know? We survey every Year 11 pupil."):
        step = engine.handle(new(), answer)
        assert step.state["turns"] and step.state["turns"][0]["answer"] == answer


def test_empty_message_is_not_an_answer():
    step = engine.handle(new(), "   ")
    assert not step.state["turns"] and "didn't catch an answer" in step.messages[0]


def test_at_most_one_probe_per_question():
    st = new(style="challenging")
    st = engine.handle(st, "We do careers.").state
    assert st["stage"] == "probe"
    st = engine.handle(st, "Still careers.").state
    assert st["index"] == 1 and st["stage"] == "question"


def test_transcript_export(tmp_path, demo_evidence):
    from bot.records.db import make_engine

    eng = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    s, _ = parse_request("a short supportive interview on employer encounters")
    st = engine.start(s, seed=3)
    while not st["finished"]:
        st = engine.handle(
            st, "In 2025/26 every Year 9 pupil met an employer: 100% of them, at our Arup careers fair.", demo_evidence
        ).state
    tid = transcripts.save(eng, st, "test-user", engine.summary(st, demo_evidence))
    rows = transcripts.listing(eng)
    assert rows[0]["id"] == tid and rows[0]["answered"] == 5 and rows[0]["status"] == "finished"
    t = transcripts.get(eng, tid)
    md, html = transcripts.to_markdown(t), transcripts.to_html(t)
    assert md.startswith("# Mock inspection interview") and "**Inspector:**" in md and "## Summary" in md
    assert "<table>" in html and "&lt;" not in md
    assert "75 of 113 (66.4%)" in md  # the wrong claim caught, with the true figure
    assert transcripts.purge(eng, 0) == 1 and not transcripts.listing(eng)


def test_feedback_names_the_points_and_the_summary_counts_them(demo_evidence):
    s, _ = parse_request("supportive interview on programme leadership")
    st = engine.start(s, seed=1)
    st["questions"][0] = "PL02"
    st = engine.handle(st, "I'm the careers leader and I report to the deputy head.", demo_evidence).state
    assert st["stage"] == "probe" and st["turns"][0]["probe"] == engine.bank.load()["PL02"].probes[0].text
    step = engine.handle(st, "I get a day a week protected and did the careers leader training in 2023.", demo_evidence)
    assert step.messages[0].split("\n")[:4] == [
        "Points covered: 2 of 4:",
        '- Names the careers leader and explains their line of accountability to a senior leader (you said "careers leader", "report to")',
        '- Describes protected time and relevant training for the role (you said "day a week", "training")',
        "Most worth adding: Shows the careers leader can influence subject leaders and the timetable.",
    ]
    st = engine.handle(step.state, "stop").state
    summary = engine.summary(st, demo_evidence).split("\n")
    assert summary[1] == "Q1 (Programme and leadership): 2 of 4 points"
    assert summary[2] == "By theme: Programme and leadership 2 of 4 points."
    assert summary[3:6] == [
        "Points most often missed:",
        "- Shows the careers leader can influence subject leaders and the timetable",
        "- Makes clear the careers leader and the careers adviser are distinct roles, or explains how they are combined",
    ]
    assert summary[-1] == (
        "Practise next: Programme and leadership (Gatsby Benchmark 1). Work on this point first: Shows the careers "
        'leader can influence subject leaders and the timetable. Try "grill me on programme".'
    )


def test_off_topic_answer_gets_the_question_again_not_praise():
    s, _ = parse_request("interview on destinations")
    st = engine.start(s, seed=1)
    st["questions"][0] = "DE08"
    step = engine.handle(
        st,
        "I'm the careers leader: I did the careers leader training in 2023 and I get a day a week protected, "
        "and I report to the deputy head.",
    )
    assert step.messages == [
        "That answer is about the careers leader's role, time, training and authority; the question asked "
        "about where sixth-form students go after Year 13."
    ]
    assert engine.prompt_text(step.state) == "Follow-up: " + engine.bank.load()["DE08"].rephrase


T0 = 1_780_000_000.0  # a fixed message timestamp (seconds since the epoch)


def test_the_20_minute_interview_is_timed_from_the_message_timestamps(tmp_path):
    from bot.records.db import make_engine

    s, named = parse_request("a 20-minute interview")
    assert named and (s.length, s.minutes) == (8, 20)
    st = engine.start(s, seed=5, at=T0)
    assert "paced for 20 minutes" in engine.intro(st) and "about 2.5 min a question" in engine.intro(st)
    at = T0
    for gap in (120, 420, 90):  # the second answer takes 7 minutes: it ran long (pace 2.5 min)
        at += gap
        st = engine.handle(st, "skip" if st["stage"] == "probe" else "We survey pupils, parents and employers every year.", at=at).state
        while st["stage"] == "probe":
            st = engine.handle(st, "skip", at=at).state
    answered = [t for t in st["turns"] if t.get("rubric")]
    assert [t["rubric"]["seconds"] for t in answered] == [120.0, 420.0, 90.0]
    assert answered[1]["feedback"][-1] == "Time on this question: 7.0 min; that ran long (the pace is about 2.5 min a question)."
    st = engine.handle(st, "stop", at=at + 10).state
    summary = engine.summary(st)
    assert "Time: 10.5 min in all over 3 answered questions (paced for 20 minutes, about 2.5 min a question)." in summary
    assert "Answers that ran long: Q2 (7.0 min)." in summary
    assert summary.split("\n")[2].endswith("; 7.0 min (ran long)")
    eng = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    md = transcripts.to_markdown(transcripts.get(eng, transcripts.save(eng, st, "u", summary)))
    assert "> Time on this question: 7.0 min; that ran long" in md and "Answers that ran long: Q2 (7.0 min)." in md


def test_the_20_minute_interview_closes_when_the_time_is_up():
    s, _ = parse_request("timed interview")
    st = engine.start(s, seed=2, at=T0)
    step = engine.handle(st, "skip", at=T0 + 21 * 60)
    assert step.finished and step.messages[-1] == "That's the 20 minutes: the inspector would close the interview here."


def test_the_state_round_trips_through_the_slot_dict():
    from bot.interview.state import State, Turn

    s, _ = parse_request("challenging interview on destinations")
    st = engine.handle(engine.start(s, seed=4, at=T0), "We track every leaver.", at=T0 + 60).state
    typed = State.from_dict(st)
    assert typed.as_dict() == st and isinstance(typed.turns[0], Turn) and typed.turns[0].asked_at == T0
    old = {k: v for k, v in st.items() if k != "asked_at"}  # a state saved before timing existed
    assert State.from_dict(old).asked_at is None and engine.prompt_text(old) == engine.prompt_text(st)


def test_a_figure_the_check_could_not_be_sure_of_is_said_not_checked_with_the_reason(demo_evidence):
    st = new()
    answer = (
        "We review destinations every October with governors. Last year 94.8% of our Year 11 leavers were sustained. "
        "Disadvantaged pupils were at 88%, and we now give them an extra guidance meeting."
    )
    step = engine.handle(st, answer, demo_evidence)
    said = list(step.messages)
    if step.state["stage"] == "probe":
        step = engine.handle(step.state, "We changed the Year 10 programme after seeing those figures.", demo_evidence)
        said += step.messages
    text = "\n".join(said)
    assert "You said 94.8%, which agrees with your records" in text
    assert "Not checked: I can't be sure which figure 88% is" in text  # 88.2% is 2023/24's; 2024/25's is 84.8%
    assert "your records show" not in text.split("Not checked:")[1].split("\n")[0].split("while")[0]
