"""One long conversation (issue 18): does a turn at message 400 cost what it costs at message 10?

Starts the real stack (`bot.app.servers.Stack`, as `coach serve` runs it) with its own SQL tracker
store (SQLite, a fresh file per run), then sends one conversation of 400 REST turns: a 25-message
cycle of evidence questions with follow-ups, knowledge questions, "how should I answer" and a mock
interview (start, answers, hint, repeat, skip, stop). 25 divides 50, so turns 11-60 and 351-400
hold the same messages. Per turn it records the wall time and the CPU time (utime + stime from
/proc) of the Rasa process tree and of the action server.

    .venv/bin/python -m bench.long_conversation [--turns 400] [--model models/coach.tar.gz] [--env K=V ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = ((11, 60), (351, 400))
CYCLE = [
    "hi",
    "what were our KS4 destinations last year?",
    "and for disadvantaged pupils?",
    "how does that compare nationally?",
    "employer encounters by year group this year",
    "are we meeting provider access for this year's year 11?",
    "what is the provider access legislation?",
    "how should I answer this: how do you know your careers programme works?",
    "what are the Gatsby benchmarks?",
    "grill me on destinations",
    "96% of our Year 11 leavers went into a sustained destination last year, and we track every leaver in Compass+.",
    "give me a hint",
    "We changed the Year 10 programme after seeing the 2023/24 figures, and disadvantaged pupils now get two interviews.",
    "repeat the question",
    "Our careers adviser meets every Year 11 pupil and we check destinations against the NCCIS data each October.",
    "skip",
    "stop",
    "what were our 16-18 destinations last year?",
    "and for SEND pupils?",
    "personal guidance by 16",
    "what does the framework say about SEND transition?",
    "thanks",
    "what can you do?",
    "employer encounters for year 9",
    "how does that compare nationally?",
]
_TICK = os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in os.listdir(f"/proc/{pids[i]}/task"):
                pids += [int(c) for c in open(f"/proc/{pids[i]}/task/{task}/children").read().split()]
        except OSError:
            pass
        i += 1
    return pids


def cpu_ms(pid: int) -> float:
    """utime + stime of a process and its descendants, in ms (resolution: one clock tick)."""
    total = 0
    for p in _tree(pid):
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total * 1000 / _TICK


def converse(url: str, rasa_pid: int, actions_pid: int, turns: int, sender: str) -> list[dict]:
    """Send the cycle `turns` times in one conversation; per turn: ms, Rasa CPU ms, action server CPU ms, ok."""
    endpoint = f"{url.rstrip('/')}/webhooks/rest/webhook"
    http = requests.Session()
    rows, deadline = [], time.monotonic() + 1800
    for n in range(turns):
        if time.monotonic() > deadline:
            break
        msg = CYCLE[n % len(CYCLE)]
        c0, a0, t0 = cpu_ms(rasa_pid), cpu_ms(actions_pid), time.perf_counter()
        try:
            r = http.post(endpoint, json={"sender": sender, "message": msg}, timeout=120)
            ok = r.status_code == 200 and bool(r.json())
            text = "\n".join(m.get("text") or "" for m in r.json()) if ok else ""
        except (requests.RequestException, ValueError):
            ok, text = False, ""
        wall = (time.perf_counter() - t0) * 1000
        rows.append(
            {
                "turn": n + 1,
                "ms": wall,
                "rasa_cpu_ms": cpu_ms(rasa_pid) - c0,
                "actions_cpu_ms": cpu_ms(actions_pid) - a0,
                "ok": ok,
                "text": text[:300],
                "question": (m.group(0) if (m := re.search(r"Question \d+ of \d+", text)) else None),
            }
        )
    return rows


def window(rows: list[dict], first: int, last: int) -> dict:
    sel = [r for r in rows if first <= r["turn"] <= last]
    if not sel:
        return {}
    return {
        "turns": f"{first}-{last}",
        "median_ms": statistics.median(r["ms"] for r in sel),
        "p95_ms": sorted(r["ms"] for r in sel)[int(0.95 * (len(sel) - 1))],
        "rasa_cpu_ms": statistics.mean(r["rasa_cpu_ms"] for r in sel),
        "actions_cpu_ms": statistics.mean(r["actions_cpu_ms"] for r in sel),
        "errors": sum(1 for r in sel if not r["ok"]),
    }


def summarise(rows: list[dict]) -> dict:
    w = [window(rows, a, b) for a, b in WINDOWS]
    out = {
        "turns": len(rows),
        "errors": sum(1 for r in rows if not r["ok"]),
        "windows": w,
        "interviews_started": sum(1 for r in rows if (r["question"] or "").startswith("Question 1 of")),
        "questions_seen": [r["question"] for r in rows[: len(CYCLE)] if r["question"]],
        "cycles_like_the_first": _alike(rows),
    }
    if all(w):
        out["late_over_early"] = w[1]["median_ms"] / w[0]["median_ms"]
    return out


def _alike(rows: list[dict]) -> str:
    """How many full cycles showed the same interview questions, turn for turn, as the first (behaviour kept)."""
    cycles = [[r["question"] for r in rows[i : i + len(CYCLE)]] for i in range(0, len(rows) - len(CYCLE) + 1, len(CYCLE))]
    return f"{sum(1 for c in cycles if c == cycles[0])} of {len(cycles)}" if cycles else "0 of 0"


def run(
    model: Path,
    db_url: str,
    turns: int = 400,
    env_extra: dict[str, str] | None = None,
    lock_store_url: str | None = None,
    dump: str | None = None,
) -> dict:
    """Start the stack with a fresh SQL tracker store, hold one long conversation, stop the stack."""
    from bot import config
    from bot.app.servers import Stack, free_port

    tmp = Path(tempfile.mkdtemp(prefix="coach-long-"))
    settings = dataclasses.replace(
        config.load(),
        home=ROOT,
        model_path=model,
        database_url=db_url,
        school=None,
        tracker_store_url=f"sqlite:///{tmp / 'tracker.db'}",
        rasa_port=free_port(),
        actions_port=free_port(),
        host="127.0.0.1",
    )
    stack = Stack(settings).start(timeout=600, env_extra=env_extra, lock_store_url=lock_store_url)
    try:
        rows = converse(
            stack.rasa_url, stack.process("rasa").popen.pid, stack.process("actions").popen.pid, turns, f"long-{uuid.uuid4().hex[:8]}"
        )
    finally:
        stack.stop()
    events = _stored_events(tmp / "tracker.db")
    if dump:
        Path(dump).write_text(json.dumps(rows, indent=1))
    return {
        "model": model.name,
        "env": dict(env_extra or {}),
        **summarise(rows),
        "stored_events": events,
        "replies": [r["text"] for r in rows],
    }


def same_replies(a: list[str], b: list[str]) -> str:
    """Turns outside the mock interview whose reply is the same in two runs (interview questions are drawn at random)."""
    interview = range(CYCLE.index("grill me on destinations"), CYCLE.index("stop") + 1)
    pairs = [(x, y) for n, (x, y) in enumerate(zip(a, b)) if n % len(CYCLE) not in interview]
    return f"{sum(1 for x, y in pairs if x == y)} of {len(pairs)}"


def _stored_events(path: Path) -> dict:
    """What the SQL tracker store kept: every event, and how many sessions (the full history stays)."""
    import sqlite3

    with sqlite3.connect(path) as con:
        total = con.execute("select count(*) from events").fetchone()[0]
        sessions = con.execute("select count(*) from events where type_name='session_started'").fetchone()[0]
    return {"events": total, "sessions": sessions}


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--turns", type=int, default=400)
    p.add_argument("--model", default=str(ROOT / "models" / "coach.tar.gz"))
    p.add_argument("--db", default="", help="records database URL (default: a fresh demo school)")
    p.add_argument("--dump", default="", help="write every turn (time, CPU, interview question) to this JSON file")
    p.add_argument("--env", action="append", default=[], help="K=V for both servers, e.g. COACH_RASA_PATCHES=off")
    a = p.parse_args(argv)
    db_url = a.db
    if not db_url:
        from bench.run import demo_db

        db_url = demo_db()
    env = dict(kv.split("=", 1) for kv in a.env)
    result = run(Path(a.model), db_url, a.turns, env, dump=a.dump or None)
    result.pop("replies")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
