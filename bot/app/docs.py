"""The CLI reference (docs/cli.md), generated from the parser's own help: `python -m bot.app.docs > docs/cli.md`."""

from __future__ import annotations

import argparse
import sys


def _subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:  # argparse keeps its subcommands here; there is no public accessor
        if isinstance(action, argparse._SubParsersAction):
            return action.choices
    return {}


def _fixed_width(prog: str) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(prog, width=100)  # the same text whatever the terminal


def reference() -> str:
    """Markdown: the overview, then each command's --help, in the parser's order."""
    from bot.app.cli import build_parser

    parser = build_parser()
    parser.prog, parser.formatter_class = "coach", _fixed_width
    lines: list[str] = [
        "# The `coach` command",
        "",
        "Generated from `coach --help` by `python -m bot.app.docs > docs/cli.md`; "
        "`tests/test_docs.py` fails when this file and the parser disagree.",
        "",
        "```",
        parser.format_help().rstrip(),
        "```",
        "",
    ]
    for name, sub in _subparsers(parser).items():
        sub.prog, sub.formatter_class = f"coach {name}", _fixed_width
        lines += [f"## coach {name}", "", "```", sub.format_help().rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(reference())
