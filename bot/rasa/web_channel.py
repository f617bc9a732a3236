"""The protected chat channel for the web page and intranets (part of the thin Rasa layer).

`bot.rasa.web_channel.CoachChannel`, mounted at /webhooks/coach/:
- GET  /webhooks/coach/             the chat page (self-contained, no CDN)
- GET  /webhooks/coach/static/<f>   its script and style sheet
- POST /webhooks/coach/webhook      {"message": "..."} -> the bot's replies (Rasa REST format)
- GET  /webhooks/coach/transcript   the caller's latest mock interview, ?format=md|html
- GET  /webhooks/coach/pack         the evidence pack of the caller's school (bot.narrative), as an HTML download
- GET  /webhooks/coach/health       {"status": "ok"}

Who the caller is comes from the credentials only (`bot.rasa.tokens`): a JWT (COACH_JWT_SECRET),
a bearer token (COACH_CHAT_TOKEN), or in open mode a cookie the server signed, for loopback
callers only (`bot.rasa.open_mode`). The token's school and trust role travel in each message's
metadata (`bot.rasa.access`); the request body's sender and metadata are ignored. Text is
cleaned and typed "/" payloads are accepted only when just offered (`bot.rasa.inbound`). Bodies
over COACH_MAX_REQUEST_BYTES are refused before anything else; every response carries a
Content-Security-Policy, nosniff and Referrer-Policy. Errors never include a stack trace or
tracker data.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot import config
from bot.rasa import inbound
from bot.rasa.open_mode import COOKIE, BrowserCookies, is_loopback, set_cookie
from bot.rasa.tokens import AuthError, Identity, TokenRules, identify, parse_tokens  # noqa: F401 (parse_tokens re-exported)

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).resolve().parent.parent / "web"
APOLOGY = (
    "Sorry, part of the assistant is restarting and couldn't answer that. Nothing is lost: " "please send your message again in a moment."
)
NO_REPLY = 'Sorry, I have no answer to that. Try putting it another way, or type "help" to see what I can do.'
MAX_MESSAGE = 20_000
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; base-uri 'self'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class Forbidden(Exception):
    pass


class CoachChannel(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "coach"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> CoachChannel:
        credentials, settings = credentials or {}, config.load()
        rules = TokenRules.from_settings(settings)
        if credentials.get("jwt_secret") or credentials.get("tokens"):
            rules = TokenRules(
                jwt_secret=credentials.get("jwt_secret") or rules.jwt_secret,
                tokens=parse_tokens(credentials.get("tokens")) or rules.tokens,
                max_lifetime=rules.max_lifetime,
                audience=rules.audience,
                issuer=rules.issuer,
                trust_role=rules.trust_role,
            )
        return cls(
            rules,
            actions_health=settings.actions_health_url,
            max_request_bytes=settings.max_request_bytes,
            cookie_key=settings.var_dir / "run" / "browser-cookie.key",
        )

    def __init__(
        self,
        rules: TokenRules,
        actions_health: str | None = None,
        max_request_bytes: int = 256 * 1024,
        cookie_key: Path | None = None,
    ):
        self.rules = rules
        self.actions_health = actions_health
        self.max_request_bytes = max_request_bytes
        self.cookies = BrowserCookies(cookie_key or config.load().var_dir / "run" / "browser-cookie.key")
        self._on_new_message: Callable[[UserMessage], Awaitable[Any]] | None = None

    @property
    def protected(self) -> bool:
        return self.rules.protected

    # -- identity
    def identify(self, request: Request) -> tuple[Identity, str | None]:
        """(who, a new cookie value to set or None); raises AuthError or Forbidden."""
        who = identify(request.headers.get("Authorization"), self.rules)
        if who is not None:
            return who, None
        if not is_loopback(request.ip):
            raise Forbidden("open mode serves this computer only")
        browser = self.cookies.browser_of(request.cookies.get(COOKIE))
        new_cookie = None
        if browser is None:
            new_cookie = self.cookies.new_value()
            browser = self.cookies.browser_of(new_cookie)
        return Identity(f"web-{browser}"), new_cookie

    def authorise(self, request: Request):
        """((who, new cookie), None), or (None, the refusal response)."""
        try:
            return self.identify(request), None
        except AuthError as exc:
            return None, response.json({"error": "unauthorised", "reason": str(exc)}, status=401, headers={"WWW-Authenticate": "Bearer"})
        except Forbidden as exc:
            return None, response.json({"error": "forbidden", "reason": str(exc)}, status=403)

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

    async def _offered(self, request: Request, sender: str) -> frozenset[str]:
        """The button payloads offered after the user's latest message (from the tracker store)."""
        agent = getattr(request.app.ctx, "agent", None)
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return frozenset()
        try:
            tracker = await store.retrieve(sender)
        except Exception:  # the store is unavailable: no payload is accepted
            log.warning("could not read the conversation to check a typed payload")
            return frozenset()
        return inbound.offered_payloads(tracker.events) if tracker else frozenset()

    # -- routes
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        self._on_new_message = on_new_message
        bp = Blueprint("coach_webhook", __name__)
        bp.listener("before_server_start")(_plain(self._limit_request_size))
        bp.middleware("response")(_plain(self._security_headers))
        for path, method, handler in (
            ("/", "GET", self.page),
            ("/static/<name>", "GET", self.static),
            ("/health", "GET", self.health),
            ("/webhook", "POST", self.receive),
            ("/transcript", "GET", self.transcript),
            ("/pack", "GET", self.pack),
        ):
            bp.add_route(_plain(handler), path, methods=[method], name=handler.__name__)
        return bp

    async def _limit_request_size(self, app, _loop) -> None:
        """Sanic refuses a larger body (413) from its Content-Length, before reading it or checking tokens."""
        app.config.REQUEST_MAX_SIZE = min(int(app.config.REQUEST_MAX_SIZE), self.max_request_bytes)

    async def _security_headers(self, request: Request, resp) -> None:
        if resp is not None:
            for name, value in SECURITY_HEADERS.items():
                resp.headers.setdefault(name, value)

    async def page(self, request: Request):
        if not self.protected and not is_loopback(request.ip):
            return response.json({"error": "forbidden", "reason": "open mode serves this computer only"}, status=403)
        resp = await response.file(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})
        if not self.protected and self.cookies.browser_of(request.cookies.get(COOKIE)) is None:
            set_cookie(resp, self.cookies.new_value())
        return resp

    async def static(self, request: Request, name: str):
        path = (WEB_DIR / name).resolve()
        if path.parent != WEB_DIR or not path.is_file():
            return response.json({"error": "not found"}, status=404)
        return await response.file(path, headers={"Cache-Control": "no-cache"})

    async def health(self, request: Request):
        return response.json({"status": "ok", "protected": self.protected})

    async def receive(self, request: Request):
        auth, refused = self.authorise(request)
        if refused:
            return refused
        (who, new_cookie), text = auth, _message_text(request)
        if not isinstance(text, str):
            return response.json({"error": text[0]}, status=400)
        resp = response.json(await self._handle(request, who, inbound.clean_text(text)[:MAX_MESSAGE]))
        if new_cookie:
            set_cookie(resp, new_cookie)
        return resp

    async def _handle(self, request: Request, who: Identity, text: str) -> list[dict[str, Any]]:
        parse_data = None
        if inbound.is_typed_command(text) and not inbound.accepted(text, await self._offered(request, who.sender)):
            parse_data = inbound.as_plain_text(text)
        collector = CollectingOutputChannel()
        message = UserMessage(text, collector, who.sender, parse_data=parse_data, input_channel="coach", metadata=who.access.to_metadata())
        try:
            await self._on_new_message(message)
        except Exception:  # logged without the message text; the user gets a plain apology
            log.exception("the assistant failed to handle a message")
            return [{"recipient_id": who.sender, "text": APOLOGY}]
        if collector.messages:
            return collector.messages
        return [{"recipient_id": who.sender, "text": APOLOGY if await self._actions_down() else NO_REPLY}]

    async def transcript(self, request: Request):
        auth, refused = self.authorise(request)
        if refused:
            return refused
        (who, new_cookie), fmt = auth, request.args.get("format", "md")
        if fmt not in ("md", "html"):
            return response.json({"error": "format must be md or html"}, status=400)
        try:
            body = await asyncio.get_running_loop().run_in_executor(None, _load_transcript, who.sender, fmt)
        except Exception:
            log.exception("transcript download failed")
            return response.json({"error": "the transcript could not be loaded just now"}, status=503)
        if body is None:
            resp = response.json({"error": "no saved interview yet: finish or stop a mock interview first"}, status=404)
        else:
            kind = "text/markdown" if fmt == "md" else "text/html"
            resp = response.text(
                body, content_type=f"{kind}; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="mock-interview.{fmt}"'}
            )
        if new_cookie:
            set_cookie(resp, new_cookie)
        return resp

    async def pack(self, request: Request):
        """The evidence pack: the same authentication as every route, and the actions' school decision."""
        auth, refused = self.authorise(request)
        if refused:
            return refused
        who, new_cookie = auth
        chosen = await self._chosen_school(request, who.sender)
        try:
            got = await asyncio.get_running_loop().run_in_executor(None, _load_pack, who.access, chosen)
        except Exception:
            log.exception("evidence pack download failed")
            return response.json({"error": "the evidence pack could not be made just now"}, status=503)
        if got.html is None:
            resp = response.json({"error": got.error}, status=got.status)
        else:
            from bot.narrative.download import PACK_CSP

            resp = response.text(
                got.html,
                content_type="text/html; charset=utf-8",
                headers={
                    "Content-Disposition": f'attachment; filename="{got.filename}"',
                    "Content-Security-Policy": PACK_CSP,
                    "Cache-Control": "no-store",
                },
            )
        if new_cookie:
            set_cookie(resp, new_cookie)
        return resp

    async def _chosen_school(self, request: Request, sender: str) -> str | None:
        """The school chosen earlier in the caller's own conversation (its `school` slot), if any."""
        store = getattr(getattr(request.app.ctx, "agent", None), "tracker_store", None)
        if store is None:
            return None
        try:
            tracker = await store.retrieve(sender)
        except Exception:  # the store is unavailable: decide without the conversation's choice
            log.warning("could not read the conversation for the evidence pack")
            return None
        value = tracker.get_slot("school") if tracker else None
        return value if isinstance(value, str) else None


def _plain(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """A plain function calling `method` (Sanic marks its handlers, which a bound method can't take)."""

    async def call(*args, **kwargs):
        return await method(*args, **kwargs)

    call.__name__ = method.__name__
    return call


def _message_text(request: Request):
    """The body's "message" as text, or (an error message,) for a 400."""
    try:
        body = request.json
    except Exception:  # Sanic raises on invalid JSON
        body = None
    if not isinstance(body, dict):
        return ('send a JSON object with a "message"',)
    text = body.get("message")
    return text if isinstance(text, str) else ('"message" must be text',)


def _load_pack(access, chosen: str | None):
    from bot.narrative.download import pack_download

    return pack_download(access, chosen)


def _load_transcript(sender: str, fmt: str) -> str | None:
    from bot.interview import transcripts
    from bot.records.db import engine_for

    t = transcripts.latest_for(engine_for(config.load().database_url), sender)
    if t is None:
        return None
    return transcripts.to_markdown(t) if fmt == "md" else transcripts.to_html(t)
