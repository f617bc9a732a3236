"""The protected chat channel for the web page and intranets (part of the thin Rasa layer).

`bot.rasa.web_channel.CoachChannel`, mounted at /webhooks/coach/:
- GET  /webhooks/coach/             the chat page (self-contained, no CDN)
- GET  /webhooks/coach/static/<f>   its script and style sheet
- POST /webhooks/coach/webhook      {"message": "..."} -> the bot's replies (Rasa REST format)
- GET  /webhooks/coach/transcript   the caller's latest mock interview, ?format=md|html
- GET  /webhooks/coach/health       {"status": "ok"}

With COACH_JWT_SECRET set, requests need `Authorization: Bearer <JWT>` (HS256, `sub` = the user,
optional `school`); with COACH_CHAT_TOKEN set (`token` or `name:token,name:token`), a bearer token.
The user's identity always comes from the token, never from the request body. With neither set
(a laptop, bound to 127.0.0.1), the page's own random browser id is used. Errors never include
a stack trace or tracker data.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).resolve().parent.parent / "web"
_SENDER_RE = re.compile(r"^[A-Za-z0-9_.@:-]{1,64}$")
APOLOGY = ("Sorry, part of the assistant is restarting and couldn't answer that. Nothing is lost: "
           "please send your message again in a moment.")
MAX_MESSAGE = 20_000


class AuthError(Exception):
    pass


def parse_tokens(raw: Optional[str]) -> Dict[str, str]:
    """'secret' -> {'secret': 'staff'}; 'ann:s1,bob:s2' -> {'s1': 'ann', 's2': 'bob'}."""
    tokens: Dict[str, str] = {}
    for part in (raw or "").split(","):
        part = part.strip()
        if not part:
            continue
        if ":" in part:
            name, tok = part.split(":", 1)
            tokens[tok.strip()] = name.strip()
        else:
            tokens[part] = "staff"
    return tokens


class CoachChannel(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "coach"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "CoachChannel":
        credentials = credentials or {}
        return cls(jwt_secret=credentials.get("jwt_secret") or os.environ.get("COACH_JWT_SECRET") or None,
                   tokens=credentials.get("tokens") or os.environ.get("COACH_CHAT_TOKEN") or None,
                   actions_health=os.environ.get("COACH_ACTIONS_HEALTH") or None)

    def __init__(self, jwt_secret: Optional[str] = None, tokens: Optional[str] = None, actions_health: Optional[str] = None):
        self.jwt_secret = jwt_secret
        self.tokens = parse_tokens(tokens)
        self.actions_health = actions_health

    @property
    def protected(self) -> bool:
        return bool(self.jwt_secret or self.tokens)

    # -- identity
    def identify(self, request: Request) -> Dict[str, Optional[str]]:
        """{'sender': ..., 'school': ...} from the token; raises AuthError."""
        header = request.headers.get("Authorization", "")
        bearer = header[7:].strip() if header.lower().startswith("bearer ") else ""
        if self.jwt_secret:
            import jwt

            if not bearer:
                raise AuthError("missing token")
            try:
                claims = jwt.decode(bearer, self.jwt_secret, algorithms=["HS256"], options={"require": ["sub"]})
            except jwt.PyJWTError:
                raise AuthError("invalid token") from None
            return {"sender": "jwt-" + hashlib.sha256(str(claims["sub"]).encode()).hexdigest()[:16],
                    "school": claims.get("school")}
        if self.tokens:
            for tok, name in self.tokens.items():
                if bearer and hmac.compare_digest(bearer, tok):
                    return {"sender": "token-" + hashlib.sha256(f"{name}:{tok}".encode()).hexdigest()[:16], "school": None}
            raise AuthError("invalid token" if bearer else "missing token")
        browser = request.headers.get("X-Coach-Browser", "")
        if not _SENDER_RE.match(browser):
            browser = "local"
        return {"sender": f"web-{browser}", "school": None}

    async def _actions_down(self) -> bool:
        if not self.actions_health:
            return False
        import requests

        def probe() -> bool:
            try:
                return requests.get(self.actions_health, timeout=1).status_code != 200
            except requests.RequestException:
                return True

        return await asyncio.get_running_loop().run_in_executor(None, probe)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("coach_webhook", __name__)
        channel = self

        def authorise(request: Request):
            """(identity, None), or (None, the 401 response)."""
            try:
                return channel.identify(request), None
            except AuthError as exc:
                return None, response.json({"error": "unauthorised", "reason": str(exc)}, status=401,
                                           headers={"WWW-Authenticate": "Bearer"})

        @bp.route("/", methods=["GET"])
        async def page(request: Request):
            return await response.file(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})

        @bp.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str):
            path = (WEB_DIR / name).resolve()
            if path.parent != WEB_DIR or not path.is_file():
                return response.json({"error": "not found"}, status=404)
            return await response.file(path, headers={"Cache-Control": "no-cache"})

        @bp.route("/health", methods=["GET"])
        async def health(request: Request):
            return response.json({"status": "ok", "protected": channel.protected})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            who, refused = authorise(request)
            if refused:
                return refused
            body = request.json if isinstance(request.json, dict) else None
            if body is None:
                return response.json({"error": "send a JSON object with a \"message\""}, status=400)
            text = body.get("message")
            if not isinstance(text, str):
                return response.json({"error": "\"message\" must be text"}, status=400)
            text = text[:MAX_MESSAGE]
            collector = CollectingOutputChannel()
            metadata = {"school": who["school"]} if who.get("school") else None
            try:
                await on_new_message(UserMessage(text, collector, who["sender"], input_channel="coach", metadata=metadata))
            except Exception:  # logged without the message text; the user gets a plain apology
                log.exception("the assistant failed to handle a message")
                return response.json([{"recipient_id": who["sender"], "text": APOLOGY}])
            messages = collector.messages
            if not messages and await channel._actions_down():
                messages = [{"recipient_id": who["sender"], "text": APOLOGY}]
            return response.json(messages)

        @bp.route("/transcript", methods=["GET"])
        async def transcript(request: Request):
            who, refused = authorise(request)
            if refused:
                return refused
            fmt = request.args.get("format", "md")
            if fmt not in ("md", "html"):
                return response.json({"error": "format must be md or html"}, status=400)

            def load():
                from bot import config
                from bot.interview import transcripts
                from bot.records.db import engine_for

                t = transcripts.latest_for(engine_for(config.load().database_url), who["sender"])
                if t is None:
                    return None
                return transcripts.to_markdown(t) if fmt == "md" else transcripts.to_html(t)

            try:
                body = await asyncio.get_running_loop().run_in_executor(None, load)
            except Exception:
                log.exception("transcript download failed")
                return response.json({"error": "the transcript could not be loaded just now"}, status=503)
            if body is None:
                return response.json({"error": "no saved interview yet: finish or stop a mock interview first"}, status=404)
            kind = "text/markdown" if fmt == "md" else "text/html"
            return response.text(body, content_type=f"{kind}; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="mock-interview.{fmt}"'})

        return bp
