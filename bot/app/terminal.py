"""The terminal chat `make run` opens: starts the servers, then talks to Rasa's REST channel."""

from __future__ import annotations

import getpass
import sys
import time
import uuid

import requests

from bot.config import Settings


def post(url: str, sender: str, message: str, timeout: float = 60) -> list[dict]:
    r = requests.post(f"{url.rstrip('/')}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=timeout)
    r.raise_for_status()
    return r.json()


def render(messages: list[dict]) -> tuple:
    """Text for the terminal and the button payloads (numbered)."""
    lines, payloads = [], []
    for m in messages:
        if m.get("text"):
            lines.append(m["text"])
        for b in m.get("buttons") or []:
            payloads.append(b["payload"])
            lines.append(f"  [{len(payloads)}] {b['title']}")
    return "\n".join(lines), payloads


QUIT_WORDS = ("/quit", "/exit", "quit()", "quit", "exit")  # a new user types "quit" and expects to leave


def repl(url: str, sender: str, stdin=None, stdout=None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    interactive = stdin.isatty()
    payloads: list[str] = []
    print('Careers Inspection Coach. Type a message ("help" for ideas, a number to press a button, "quit" or Ctrl-D to quit).', file=stdout)
    while True:
        if interactive:
            try:
                line = input("you> ")
            except EOFError:
                print(file=stdout)
                return 0
        else:
            line = stdin.readline()
            if not line:
                return 0
            line = line.rstrip("\n")
            print(f"you> {line}", file=stdout)
        text = line.strip()
        if text.lower().rstrip(".!") in QUIT_WORDS:
            return 0
        if text.isascii() and text.isdigit() and payloads and 1 <= int(text) <= len(payloads):
            text = payloads[int(text) - 1]
        try:
            out, payloads = render(post(url, sender, text))
        except requests.RequestException as exc:
            print(f"coach> Sorry, the assistant didn't answer ({type(exc).__name__}). Try again in a moment.", file=stdout)
            continue
        print("coach> " + (out or "(no reply)").replace("\n", "\ncoach> "), file=stdout, flush=True)


def new_sender() -> str:
    """Each `coach chat` run is its own conversation: a second run does not resume the first one's form, interview or
    context (the tracker store keeps both)."""
    return f"terminal-{getpass.getuser()}-{uuid.uuid4().hex[:8]}"


def run_terminal_chat(settings: Settings, url: str | None = None, start_servers: bool = True) -> int:
    sender = new_sender()
    if not start_servers:
        return repl(url, sender)
    from bot.app.servers import Stack, StartError

    t0 = time.monotonic()
    print("Starting the assistant (action server and Rasa)...", file=sys.stderr, flush=True)
    stack = Stack(settings)
    try:
        stack.start()
    except StartError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Ready in {time.monotonic() - t0:.1f} s.", file=sys.stderr, flush=True)
    try:
        return repl(stack.rasa_url, sender)
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()
