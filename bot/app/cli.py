"""The `coach` command: a parser and `main`; the commands live in modules by concern.

- `records_cmds`: import, imports, demo, evidence, reference, build-nlp
- `serve_cmds`: chat, serve
- `check_cmds`: check (the claim check on any text)
- `assess_cmds`: assess (a prepared answer judged against the question bank's rubric)
- `transcripts_cmds`: transcripts, purge
- `pack_cmds`: pack, gaps, narrative (the evidence narrative and targeting)
"""

from __future__ import annotations

import argparse
import sys

from bot import config
from bot.app import assess_cmds, check_cmds, pack_cmds, records_cmds, serve_cmds, transcripts_cmds


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="coach",
        description="Careers Inspection Coach: rehearse the careers part of an "
        "Ofsted inspection, check your evidence, and learn what inspectors look for.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    for module in (serve_cmds, records_cmds, check_cmds, assess_cmds, transcripts_cmds, pack_cmds):
        module.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    config.quiet_third_party()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    from bot.records.db import RecordsError

    try:
        settings = config.load()
        return args.func(args, settings) or 0
    except RecordsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a clear line, not a traceback (COACH_DEBUG=1 shows it)
        if config.load().debug:
            raise
        print(f"coach {args.command}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
