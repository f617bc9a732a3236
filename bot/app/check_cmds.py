"""`coach check`: every figure in a prepared text (an answer, a narrative, a governors' report) checked."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _text(path: str) -> str:
    return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")


def cmd_check(args, settings) -> int:
    from bot.evidence.check import ClaimChecker
    from bot.evidence.measures import evidence_for
    from bot.records.db import engine_for

    ev = evidence_for(engine_for(settings.database_url), args.school or settings.school, settings)
    verdicts = ClaimChecker(ev).check(_text(args.path), question=args.question or None)
    if args.json:
        keys = ("said", "verdict", "subject", "measure", "true_figure", "count", "base", "message")
        print(json.dumps({"school": ev.school, "claims": [{k: v.as_dict()[k] for k in keys} for v in verdicts]}, indent=2))
        return 0
    if not verdicts:
        print("I found no figures to check in that text.")
    for n, v in enumerate(verdicts, 1):
        print(f"{n}. [{v.verdict}] {v.message}")
    return 0


def register(sub) -> None:
    s = sub.add_parser("check", help="check every figure in a text against the school's records (FILE, or - for standard input)")
    s.add_argument("path", metavar="FILE", help="the text to check, or - to read standard input")
    s.add_argument("--school", help="the school's name (default: COACH_SCHOOL, or the only school)")
    s.add_argument("--question", help="the question the text answers (gives its figures their context)")
    s.add_argument("--json", action="store_true", help="print JSON: one entry per figure, in order")
    s.set_defaults(func=cmd_check)
