"""Commands about saved conversations: transcripts (list, export) and purge."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path


def cmd_transcripts(args, settings) -> int:
    from bot.interview import transcripts
    from bot.records.db import engine_for

    engine = engine_for(settings.database_url)
    if args.export is not None:
        t = transcripts.get(engine, args.export)
        if t is None:
            print(f"No transcript number {args.export}.", file=sys.stderr)
            return 2
        text = transcripts.to_markdown(t) if args.format == "md" else transcripts.to_html(t)
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
            print(f"Wrote {args.out}")
        else:
            print(text)
        return 0
    rows = transcripts.listing(engine)
    if not rows:
        print("No saved interviews yet.")
    for r in rows:
        print(
            f"{r['id']:>4}  {r['finished_at']:%Y-%m-%d %H:%M}  {r['status']:<8}  {r['answered']}/{r['questions']} answered  "
            f"themes: {', '.join(r['settings']['themes']) or 'all'}"
        )
    return 0


def purge_conversations(url: str, older_than_days: int) -> int:
    """Delete whole conversations (Rasa's SQL tracker store) whose last event is older than the cut-off."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url, future=True)
    if "events" not in inspect(engine).get_table_names():
        return 0
    cutoff = (datetime.utcnow() - timedelta(days=older_than_days)).timestamp()
    with engine.begin() as conn:
        old = [
            r[0]
            for r in conn.execute(
                text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"), {"cutoff": cutoff}
            )
        ]
        for sender in old:
            conn.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender})
    return len(old)


def cmd_purge(args, settings) -> int:
    from bot.interview import transcripts
    from bot.records.db import engine_for

    if args.older_than < 0:
        print("--older-than takes a number of days (0 or more).", file=sys.stderr)
        return 2
    url = settings.tracker_store_url or f"sqlite:///{settings.var_dir / 'tracker.db'}"
    conversations = purge_conversations(url, args.older_than)
    saved = transcripts.purge(engine_for(settings.database_url), args.older_than)
    print(f"Deleted {conversations} conversation(s) and {saved} transcript(s) older than {args.older_than} days.")
    return 0


def register(sub) -> None:
    s = sub.add_parser("transcripts", help="list saved mock interviews, or export one")
    s.add_argument("--export", type=int, metavar="ID", help="export transcript ID")
    s.add_argument("--format", choices=["md", "html"], default="md")
    s.add_argument("--out", help="write to this file instead of the screen")
    s.set_defaults(func=cmd_transcripts)

    s = sub.add_parser("purge", help="delete conversations and transcripts older than a number of days")
    s.add_argument("--older-than", type=int, required=True, metavar="DAYS")
    s.set_defaults(func=cmd_purge)
