"""The web channel's credentials, identities and limits over HTTP, without a trained model."""

from __future__ import annotations

import socket
import time

import jwt
import pytest
import requests

from tests.rasa.conftest import SECRET


def token(secret=SECRET, **claims):
    now = int(time.time())
    body = {"sub": "ann", "exp": now + 600, **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, secret, algorithm="HS256")


def say(app, message="hello", auth=None, headers=None, cookies=None, **extra):
    h = dict(headers or {})
    if auth:
        h["Authorization"] = auth if " " in auth else f"Bearer {auth}"
    return requests.post(app.url + "/webhook", json={"message": message, **extra}, headers=h, cookies=cookies, timeout=20)


def seen(r):
    """What the channel handed to Rasa (the stand-in echoes it)."""
    assert r.status_code == 200, r.text
    return next(m["custom"] for m in r.json() if "custom" in m)


# -- JWT


def test_a_good_token_is_accepted_in_any_case_of_the_scheme(channel_apps):
    app = channel_apps["jwt"]
    for scheme in ("Bearer", "bearer", "BEARER"):
        assert seen(say(app, auth=f"{scheme} {token()}"))["sender"].startswith("jwt-")


def test_a_token_without_exp_is_refused(channel_apps):
    assert say(channel_apps["jwt"], auth=token(exp=None)).status_code == 401


def test_a_token_living_longer_than_the_maximum_is_refused(channel_apps):
    now = int(time.time())
    app = channel_apps["jwt"]
    assert say(app, auth=token(exp=now + 2 * 24 * 3600)).status_code == 401
    assert say(app, auth=token(iat=now - 13 * 3600, exp=now + 600)).status_code == 401
    assert say(app, auth=token(iat=now - 3600, exp=now + 600)).status_code == 200


def test_an_empty_or_blank_sub_is_refused(channel_apps):
    app = channel_apps["jwt"]
    assert say(app, auth=token(sub="")).status_code == 401
    assert say(app, auth=token(sub="   ")).status_code == 401
    assert say(app, auth=token(sub=None)).status_code == 401


def test_expired_wrongly_signed_and_missing_tokens_are_refused(channel_apps):
    app = channel_apps["jwt"]
    assert say(app).status_code == 401
    assert say(app, auth="not-a-jwt").status_code == 401
    assert say(app, auth=token(secret="another-secret-0123456789abcdef-0123")).status_code == 401
    assert say(app, auth=token(exp=int(time.time()) - 5)).status_code == 401
    assert say(app, auth="Basic " + token()).status_code == 401


def test_any_audience_is_accepted_when_none_is_configured(channel_apps):
    assert say(channel_apps["jwt"], auth=token(aud="https://intranet.example")).status_code == 200


def test_a_configured_audience_and_issuer_must_match(channel_apps):
    app = channel_apps["aud"]
    good = {"aud": "coach", "iss": "https://idp.example"}
    assert say(app, auth=token(**good)).status_code == 200
    assert say(app, auth=token(**{**good, "aud": ["portal", "coach"]})).status_code == 200
    assert say(app, auth=token(**{**good, "aud": "other"})).status_code == 401
    assert say(app, auth=token(iss="https://idp.example")).status_code == 401  # no aud
    assert say(app, auth=token(**{**good, "iss": "https://evil.example"})).status_code == 401
    assert say(app, auth=token(aud="coach")).status_code == 401  # no iss


def test_the_school_and_trust_role_travel_in_metadata_from_the_token_only(channel_apps):
    app = channel_apps["jwt"]
    meta = seen(
        say(app, auth=token(school="Alpha"), metadata={"coach_access": {"school": "Beta", "trust": True}}, sender="jwt-someone-else")
    )
    assert meta["metadata"] == {"coach_access": {"school": "Alpha", "trust": False}}
    assert meta["sender"] != "jwt-someone-else"
    assert seen(say(app, auth=token(coach_role="trust")))["metadata"] == {"coach_access": {"school": None, "trust": True}}
    assert seen(say(app, auth=token()))["metadata"] == {"coach_access": {"school": None, "trust": False}}
    assert say(app, auth=token(school=5)).status_code == 401
    assert say(app, auth=token(school="")).status_code == 401


def test_the_trust_role_claim_is_configurable_and_may_be_a_list(channel_apps):
    app = channel_apps["aud"]
    good = {"aud": "coach", "iss": "https://idp.example"}
    assert seen(say(app, auth=token(roles=["staff", "trust-officer"], **good)))["metadata"]["coach_access"]["trust"] is True
    assert seen(say(app, auth=token(coach_role="trust", **good)))["metadata"]["coach_access"]["trust"] is False


def test_chat_tokens(channel_apps):
    app = channel_apps["token"]
    assert say(app).status_code == 401
    assert say(app, auth="tok-nobody").status_code == 401
    ann, bob = seen(say(app, auth="tok-ann-0123456789")), seen(say(app, auth="bearer tok-bob-0123456789"))
    assert ann["sender"] != bob["sender"] and ann["metadata"] == {"coach_access": {"school": None, "trust": False}}


# -- open mode


def test_open_mode_identity_is_a_cookie_the_server_signed_not_a_header(channel_apps):
    app = channel_apps["open"]
    page = requests.get(app.url + "/", timeout=10)
    cookie = page.cookies.get("coach_browser")
    set_cookie = page.headers.get("Set-Cookie", "")
    assert cookie and "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    mine = seen(say(app, cookies={"coach_browser": cookie}))["sender"]
    assert seen(say(app, cookies={"coach_browser": cookie}))["sender"] == mine
    # Someone else sends the same header, or a made-up cookie: a new browser, never this one.
    other = seen(say(app, headers={"X-Coach-Browser": mine.removeprefix("web-")}))["sender"]
    forged = seen(say(app, cookies={"coach_browser": mine.removeprefix("web-")}))["sender"]
    assert mine not in (other, forged)
    assert seen(say(app, headers={"X-Coach-Browser": "same"}))["sender"] != seen(say(app, headers={"X-Coach-Browser": "same"}))["sender"]


def _outside_address():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            return s.getsockname()[0]
        except OSError:
            return None


def test_open_mode_refuses_callers_from_other_computers(channel_apps):
    address = _outside_address()
    if not address or address.startswith("127."):
        pytest.skip("this machine has no non-loopback address")
    app = channel_apps["open"]
    url = f"http://{address}:{app.port}/webhooks/coach"
    assert requests.post(url + "/webhook", json={"message": "hi"}, timeout=10).status_code == 403
    assert requests.get(url + "/transcript", timeout=10).status_code == 403
    assert requests.get(url + "/", timeout=10).status_code == 403


# -- limits and headers


def _raw_request(port, head: bytes, body: bytes = b"", wait=10.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(head + body)
        s.settimeout(wait)
        try:
            return s.recv(4096)
        except TimeoutError:
            return b""


def test_a_huge_body_is_refused_before_it_is_read_or_the_token_checked(channel_apps):
    app = channel_apps["jwt"]
    head = (
        f"POST /webhooks/coach/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {50 * 1024 * 1024}\r\n\r\n"
    ).encode()
    started = time.monotonic()
    reply = _raw_request(app.port, head, b'{"message": "')
    assert reply.startswith(b"HTTP/1.1 413"), reply[:80]
    assert time.monotonic() - started < 5


def test_a_body_over_the_limit_is_refused_even_with_a_good_token(channel_apps):
    r = say(channel_apps["jwt"], "x" * 300_000, auth=token())
    assert r.status_code == 413 and "Traceback" not in r.text


def test_security_headers_on_the_page_and_the_api(channel_apps):
    app = channel_apps["open"]
    for r in (
        requests.get(app.url + "/", timeout=10),
        requests.get(app.url + "/static/app.js", timeout=10),
        say(app),
        say(channel_apps["jwt"]),
    ):
        assert r.headers.get("Content-Security-Policy", "").startswith("default-src 'self'")
        assert r.headers.get("X-Content-Type-Options") == "nosniff"
        assert r.headers.get("Referrer-Policy") == "no-referrer"
