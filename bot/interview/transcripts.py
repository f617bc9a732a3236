"""Saved mock interviews: store, list, export as Markdown or HTML, purge.

A pupil id typed into an answer is replaced by "[pupil]" before the transcript is stored (the ids
are the school's own, from the records; with no school known, every school's).
"""

from __future__ import annotations

import html
import json
import re
import string
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.interview.bank import THEMES
from bot.interview.engine import Settings
from bot.records import schema

T = schema.transcripts
PUPIL = "[pupil]"
_WORD = re.compile(r"\S+")
_EDGES = string.punctuation.replace("[", "").replace("]", "") + "\u2018\u2019\u201c\u201d"


def pupil_ids(conn, school_id: int | None) -> frozenset[str]:
    """The school's pupil ids (every school's when none is given), upper-cased."""
    q = select(schema.pupils.c.pupil_id)
    if school_id is not None:
        q = q.where(schema.pupils.c.school_id == school_id)
    return frozenset(str(r[0]).upper() for r in conn.execute(q))


def _redact_word(match: re.Match[str], ids: frozenset[str]) -> str:
    word = match.group(0)
    if word.upper() in ids:
        return PUPIL
    core = word.strip(_EDGES)
    if core and core.upper() in ids:
        start = word.index(core)
        return word[:start] + PUPIL + word[start + len(core) :]
    return word


def without_pupil_ids(value: Any, ids: frozenset[str]) -> Any:
    """`value` (text, or lists and dicts of it) with every pupil id in `ids` replaced by "[pupil]"."""
    if isinstance(value, str):
        return _WORD.sub(lambda m: _redact_word(m, ids), value) if ids else value
    if isinstance(value, list):
        return [without_pupil_ids(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: without_pupil_ids(v, ids) for k, v in value.items()}
    return value


def save(engine: Engine, state: dict, conversation: str, summary_text: str, school_id: int | None = None) -> int:
    with engine.connect() as conn:
        ids = pupil_ids(conn, school_id)
    data = {
        "interview": state["id"],
        "settings": state["settings"],
        "turns": without_pupil_ids(state["turns"], ids),
        "summary": without_pupil_ids(summary_text, ids),
        "questions": len(state["questions"]),
    }
    started = datetime.fromisoformat(state["started_at"]).replace(tzinfo=None)
    with engine.begin() as conn:
        existing = conn.execute(
            select(T.c.id).where(T.c.conversation == conversation[:64]).where(T.c.data.like(f'{{"interview": "{state["id"]}"%'))
        ).scalar()
        values = dict(
            school_id=school_id,
            conversation=conversation[:64],
            started_at=started,
            finished_at=datetime.utcnow(),
            status="stopped" if state.get("stopped") else "finished",
            data=json.dumps(data),
        )
        if existing:
            conn.execute(T.update().where(T.c.id == existing).values(**values))
            return existing
        return conn.execute(T.insert().values(**values)).inserted_primary_key[0]


def listing(engine: Engine, conversation: str | None = None) -> list[dict]:
    q = select(T).order_by(T.c.finished_at.desc(), T.c.id.desc())
    if conversation:
        q = q.where(T.c.conversation == conversation[:64])
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    out = []
    for r in rows:
        data = json.loads(r.data)
        answered = sum(1 for t in data["turns"] if not t.get("skipped") and t.get("criteria"))
        out.append(
            {
                "id": r.id,
                "conversation": r.conversation,
                "finished_at": r.finished_at,
                "status": r.status,
                "answered": answered,
                "questions": data["questions"],
                "settings": data["settings"],
            }
        )
    return out


def get(engine: Engine, transcript_id: int) -> dict | None:
    with engine.connect() as conn:
        r = conn.execute(select(T).where(T.c.id == transcript_id)).first()
    if r is None:
        return None
    return {
        "id": r.id,
        "conversation": r.conversation,
        "started_at": r.started_at,
        "finished_at": r.finished_at,
        "status": r.status,
        **json.loads(r.data),
    }


def latest_for(engine: Engine, conversation: str) -> dict | None:
    rows = listing(engine, conversation)
    return get(engine, rows[0]["id"]) if rows else None


def to_markdown(t: dict) -> str:
    s = Settings(**t["settings"])
    lines = [
        f"# Mock inspection interview ({t['status']})",
        "",
        f"- Finished: {t['finished_at']:%Y-%m-%d %H:%M} UTC",
        f"- Settings: {s.describe()}",
        "",
    ]
    for i, turn in enumerate(t["turns"], 1):
        lines += [f"## Q{i}. {THEMES[turn['theme']]}", "", f"**Inspector:** {turn['question']}", ""]
        if turn.get("skipped"):
            lines += ["*Skipped.*", ""]
            continue
        lines += [f"**You:** {turn['answer']}", ""]
        if turn.get("probe"):
            lines += [f"**Inspector (follow-up):** {turn['probe']}", ""]
            if turn.get("probe_answer"):
                lines += [f"**You:** {turn['probe_answer']}", ""]
        if turn.get("criteria"):
            lines += ["| criterion | level | found |", "|---|---|---|"]
            lines += [f"| {k} | {v['level']} | {', '.join(v['found'])} |" for k, v in turn["criteria"].items()]
            lines.append("")
        if turn.get("feedback"):
            lines += ["**Feedback:**", ""] + [f"> {line}" for f in turn["feedback"] for line in f.split("\n")] + [""]
    lines += ["## Summary", "", t["summary"], ""]
    return "\n".join(lines)


def to_html(t: dict) -> str:
    s = Settings(**t["settings"])
    e = html.escape
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Mock inspection interview {e(str(t['finished_at'])[:10])}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}"
        ".you{background:#eef4ff;padding:.5rem;border-radius:.3rem}.fb{border-left:4px solid #0b5;padding-left:.6rem}</style>",
        "</head><body>",
        f"<h1>Mock inspection interview ({e(t['status'])})</h1>",
        f"<p>Finished {e(str(t['finished_at'])[:16])} UTC. {e(s.describe())}.</p>",
    ]
    for i, turn in enumerate(t["turns"], 1):
        parts.append(f"<h2>Q{i}. {e(THEMES[turn['theme']])}</h2><p><strong>Inspector:</strong> {e(turn['question'])}</p>")
        if turn.get("skipped"):
            parts.append("<p><em>Skipped.</em></p>")
            continue
        parts.append(f"<p class=\"you\"><strong>You:</strong> {e(turn['answer'])}</p>")
        if turn.get("probe"):
            parts.append(f"<p><strong>Inspector (follow-up):</strong> {e(turn['probe'])}</p>")
            if turn.get("probe_answer"):
                parts.append(f"<p class=\"you\"><strong>You:</strong> {e(turn['probe_answer'])}</p>")
        if turn.get("criteria"):
            rows = "".join(
                f"<tr><td>{e(k)}</td><td>{e(v['level'])}</td><td>{e(', '.join(v['found']))}</td></tr>" for k, v in turn["criteria"].items()
            )
            parts.append(f"<table><tr><th>criterion</th><th>level</th><th>found</th></tr>{rows}</table>")
        for f in turn.get("feedback", []):
            parts.append('<div class="fb">' + "<br>".join(e(x) for x in f.split("\n")) + "</div>")
    parts.append("<h2>Summary</h2><p>" + "<br>".join(e(x) for x in t["summary"].split("\n")) + "</p></body></html>")
    return "\n".join(parts)


def purge(engine: Engine, older_than_days: int) -> int:
    cutoff = datetime.utcnow() - timedelta(days=older_than_days)
    with engine.begin() as conn:
        return conn.execute(delete(T).where(T.c.finished_at < cutoff)).rowcount or 0
