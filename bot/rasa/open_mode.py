"""Open mode (no JWT secret, no chat token): loopback only, one conversation per browser cookie.

The server gives each browser a random id in an HttpOnly, SameSite=Strict cookie signed with a
key kept in var/run/browser-cookie.key (mode 0600). Only an id the server signed is accepted, so a
header or a made-up cookie can't reach another browser's conversation or transcript.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from pathlib import Path

from bot.rasa.secret_files import key_file

COOKIE = "coach_browser"
COOKIE_PATH = "/webhooks/coach"
COOKIE_MAX_AGE = 90 * 24 * 3600


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost' (an address the outside can't reach)."""
    host = (host or "").strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


class BrowserCookies:
    """Issues and checks the signed browser-id cookie."""

    def __init__(self, key_path: Path):
        self.key_path = Path(key_path)
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = key_file(self.key_path)
        return self._key

    def _sign(self, browser: str) -> str:
        return hmac.new(self.key, browser.encode("ascii"), hashlib.sha256).hexdigest()[:32]

    def new_value(self) -> str:
        browser = secrets.token_hex(16)
        return f"{browser}.{self._sign(browser)}"

    def browser_of(self, value: str | None) -> str | None:
        """The browser id in a cookie value the server signed, else None."""
        browser, _, mac = (value or "").partition(".")
        if len(browser) != 32 or not all(c in "0123456789abcdef" for c in browser):
            return None
        return browser if hmac.compare_digest(mac.encode("ascii", "replace"), self._sign(browser).encode()) else None


def set_cookie(response, value: str, secure: bool = False) -> None:
    response.cookies[COOKIE] = value
    cookie = response.cookies[COOKIE]
    cookie["path"] = COOKIE_PATH
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["max-age"] = COOKIE_MAX_AGE
    if secure:
        cookie["secure"] = True
