"""Open mode's pieces: what counts as loopback, the signed browser cookie, owner-only secret files."""

from __future__ import annotations

import os
import stat

from bot.rasa.open_mode import BrowserCookies, is_loopback
from bot.rasa.secret_files import key_file, write_private


def test_loopback_addresses():
    for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LocalHost", "::ffff:127.0.0.1"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.0.2.2", "10.0.0.1", "coach.school.example", "", None, "127.0.0.1.example"):
        assert not is_loopback(host), host


def test_only_cookies_the_server_signed_are_accepted(tmp_path):
    cookies = BrowserCookies(tmp_path / "run" / "browser-cookie.key")
    value = cookies.new_value()
    browser = cookies.browser_of(value)
    assert browser and len(browser) == 32 and value.startswith(browser + ".")
    assert BrowserCookies(tmp_path / "run" / "browser-cookie.key").browser_of(value) == browser  # the key is kept
    assert BrowserCookies(tmp_path / "other.key").browser_of(value) is None
    for forged in (browser, browser + ".", browser + "." + "0" * 32, "local", "", None, "x" * 32 + "." + value.split(".")[1]):
        assert cookies.browser_of(forged) is None, forged


def test_secret_files_are_owner_only_even_when_they_existed(tmp_path):
    path = tmp_path / "run" / "endpoints.yml"
    path.parent.mkdir()
    path.write_text("old")
    os.chmod(path, 0o644)
    write_private(path, "token: s3cret\n")
    assert path.read_text() == "token: s3cret\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    key = tmp_path / "k" / "browser-cookie.key"
    assert key_file(key) == key_file(key) and stat.S_IMODE(key.stat().st_mode) == 0o600
