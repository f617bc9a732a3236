"""Commands that run the assistant: chat (terminal) and serve (the web chat page)."""

from __future__ import annotations

import secrets
import signal
import sys
import threading
from dataclasses import replace

import yaml

OPEN_OFF_LOOPBACK = (
    "Refusing to serve on {host} without authentication: anyone who can reach it could use the "
    "coach and read its conversations. Set COACH_JWT_SECRET (intranet sign-in) or COACH_CHAT_TOKEN, "
    "or serve on this computer only with --host 127.0.0.1."
)


def access_mode(settings) -> str:
    return "JWT" if settings.jwt_secret else ("bearer token" if settings.chat_token else "open (loopback only)")


def cmd_serve(args, settings) -> int:
    from bot.app.servers import Stack, StartError
    from bot.rasa.open_mode import is_loopback
    from bot.rasa.secret_files import write_private

    if args.host:
        settings = replace(settings, host=args.host)
    if args.port:
        settings = replace(settings, rasa_port=args.port)
    if not (settings.jwt_secret or settings.chat_token) and not is_loopback(settings.host):
        print(OPEN_OFF_LOOPBACK.format(host=settings.host), file=sys.stderr)
        return 2
    if not settings.actions_secret:  # the action server refuses calls without it
        settings = replace(settings, actions_secret=secrets.token_urlsafe(24))
    creds = write_private(settings.var_dir / "run" / "credentials-serve.yml", yaml.safe_dump({"bot.rasa.web_channel.CoachChannel": {}}))
    extra = ["--cors", *settings.cors_origins] if settings.cors_origins else []
    stack = Stack(settings)
    print("Starting the Careers Inspection Coach...", file=sys.stderr, flush=True)
    try:
        stack.start(credentials=creds, extra_args=extra)
    except StartError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    url = f"http://{settings.host}:{settings.rasa_port}/webhooks/coach/"
    print(f"Chat page: {url}\nAccess: {access_mode(settings)}. Press Ctrl-C to stop.", flush=True)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    try:
        while not done.wait(1):
            dead = [p for p in stack.processes if not p.alive()]
            if dead:
                print(f"The {dead[0].name} server stopped; see {dead[0].log}. Restarting it.", file=sys.stderr, flush=True)
                try:
                    stack.restart(dead[0].name.split("-")[0])
                except StartError as exc:
                    print(str(exc), file=sys.stderr)
                    return 1
    finally:
        print("Stopping...", file=sys.stderr, flush=True)
        stack.stop()
    return 0


def cmd_chat(args, settings) -> int:
    from bot.app.terminal import run_terminal_chat

    return run_terminal_chat(settings, url=args.url, start_servers=not args.url)


def register(sub) -> None:
    s = sub.add_parser("serve", help="the web chat page with the action server and Rasa (production settings)")
    s.add_argument("--host", help="interface to bind (default COACH_HOST or 127.0.0.1)")
    s.add_argument("--port", type=int, help="port for the assistant and the page (default COACH_RASA_PORT or 5005)")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("chat", help="chat in the terminal (starts the action server and the assistant)")
    s.add_argument("--url", help="talk to an assistant already running at this base URL instead")
    s.set_defaults(func=cmd_chat)
