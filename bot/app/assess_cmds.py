"""`coach assess`: a prepared answer to any question, judged as the mock interview judges it."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _text(path: str) -> str:
    return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")


def cmd_assess(args, settings) -> int:
    from bot.evidence.measures import evidence_for
    from bot.interview.assess import assess
    from bot.records.db import engine_for

    ev = evidence_for(engine_for(settings.database_url), args.school or settings.school, settings)
    result = assess(args.question, _text(args.path), ev)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2))
    else:
        print(result.text())
    return 0


def register(sub) -> None:
    s = sub.add_parser("assess", help="judge a prepared answer to a question: points covered, red flags, figures checked")
    s.add_argument("path", metavar="FILE", help="the answer, or - to read standard input")
    s.add_argument("--question", required=True, help="the question the answer is for (any wording)")
    s.add_argument("--school", help="the school's name (default: COACH_SCHOOL, or the only school)")
    s.add_argument("--json", action="store_true", help="print JSON: question, addresses_question, score, points, red_flags, claims")
    s.set_defaults(func=cmd_assess)
