"""The actions' own wording: the replies and button titles the Rasa actions say themselves.

The domain packages word their answers (bot/evidence/replies.py, bot/interview, bot/knowledge, bot/narrative);
what is left here is the integration's prose: asking for a school, failures, the fallback and empty requests.
"""

from __future__ import annotations

# -- the records and the school
DB_UNAVAILABLE = (
    "I can't reach the school's records just now, so I can't give figures. Nothing is lost: "
    "try again in a moment, or ask me what inspectors look for in the meantime."
)
WHICH_SCHOOL = "Which school's records should I use?"


def only_school(school: str | None) -> str:
    return f"I can only use the records of {school} here."


def using_school(school: str) -> str:
    return f"I'll use the records of {school} for this conversation."


# -- the mock interview
ANSWER_FAILED = (
    "Sorry, something went wrong on my side with that answer. The interview is where it was: "
    'please send your answer again, or say "skip".'
)
NO_INTERVIEW = "Sorry, I lost track of the interview there. You can start one again, or ask me anything else."
INTERVIEW_QUICK_REPLIES = [
    ("Give me a hint", "give me a hint"),
    ("Repeat the question", "repeat the question"),
    ("Skip", "skip"),
    ("Stop", "stop"),
]
CHOOSE_SETTINGS = " To change the settings, pick one of these now:"
START_INTERVIEW = "Start a mock interview"
START_ANOTHER_INTERVIEW = "Start another interview"
PICK_UP_ON = "What will the inspector pick up on?"


def transcript_saved(tid: int) -> str:
    return f"\nTranscript saved (number {tid}): download it from the chat page, or `coach transcripts --export {tid}`."


# -- the evidence narrative
NARRATIVE_FAILED = 'Sorry, something went wrong on my side with that, and nothing was saved. Please send it again, or say "skip".'
EXPLAIN_OUR_DATA = "Help me explain our data"

# -- checking figures and answers
CHECK_NEEDS_RECORDS = "There are no school records loaded yet, or I need to know which school: ask an evidence question first."
CHECK_NO_FIGURES = 'I found no figures to check in that. Paste the text after "check this:".'


def verdict_line(number: int, verdict: str, message: str) -> str:
    return f"{number}. [{verdict}] {message}"


NO_ANSWER = 'Paste the answer after the colon: "how does this answer sound: ..." or "rate my answer to <the question>: <your answer>".'
FIGURES_NOT_CHECKED = "\n(Your records are unavailable, so I didn't check the figures.)"

# -- knowledge and the fallback
ASK_ME_ANYTHING = (
    'Ask me anything about what inspectors look for, for example "what is the provider access '
    'legislation?", "what does Gatsby Benchmark 5 expect?" or "what evidence should I have ready?"'
)
NOT_SURE = (
    'I\'m not sure what you mean. I can run a mock inspection interview ("grill me on destinations"), answer '
    'questions about your careers evidence ("employer encounters by year group") or explain what inspectors '
    'look for ("what is Gatsby Benchmark 8?").'
)
WHAT_CAN_YOU_DO = "What can you do?"
