"""Checking the web channel's credentials: signed JWTs (intranets) or shared bearer tokens.

A JWT must be HS256-signed with COACH_JWT_SECRET and carry a non-empty `sub` (the user) and an
`exp` no further ahead than COACH_JWT_MAX_LIFETIME (and, with `iat`, a lifetime no longer than
that). With COACH_JWT_AUDIENCE or COACH_JWT_ISSUER set, `aud` or `iss` must match; without them
those claims are not checked. An optional `school` claim scopes the user to one school; the trust
role claim (COACH_TRUST_ROLE, default `coach_role=trust`; the claim may be a string or a list)
lets a user choose among schools. The user's conversation id is a hash of `sub`.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.rasa.access import Access


class AuthError(Exception):
    """The request's credentials are missing or not acceptable (the message is safe to show)."""


@dataclass(frozen=True)
class Identity:
    sender: str
    access: Access = Access()


@dataclass(frozen=True)
class TokenRules:
    jwt_secret: str | None = field(default=None, repr=False)
    tokens: dict[str, str] = field(default_factory=dict, repr=False)  # token -> name
    max_lifetime: int = 12 * 3600
    audience: str | None = None
    issuer: str | None = None
    trust_role: str = "coach_role=trust"

    @property
    def protected(self) -> bool:
        return bool(self.jwt_secret or self.tokens)

    @classmethod
    def from_settings(cls, settings) -> TokenRules:
        return cls(
            jwt_secret=settings.jwt_secret,
            tokens=parse_tokens(settings.chat_token),
            max_lifetime=settings.jwt_max_lifetime,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            trust_role=settings.trust_role,
        )


def parse_tokens(raw: str | None) -> dict[str, str]:
    """'secret' -> {'secret': 'staff'}; 'ann:s1,bob:s2' -> {'s1': 'ann', 's2': 'bob'}."""
    tokens: dict[str, str] = {}
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


def bearer(header: str | None) -> str:
    """The token of an `Authorization: Bearer ...` header (the scheme in any case), else ''."""
    scheme, _, value = (header or "").strip().partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def _trust_claim(rule: str) -> tuple[str, str]:
    name, _, value = rule.partition("=")
    return name.strip(), value.strip()


def _has_role(claims: Mapping[str, Any], rule: str) -> bool:
    name, value = _trust_claim(rule)
    held = claims.get(name)
    if isinstance(held, str):
        return bool(value) and held == value
    if isinstance(held, list | tuple):
        return bool(value) and value in held
    return False


def check_jwt(token: str, rules: TokenRules, now: float | None = None) -> Identity:
    import jwt

    required = ["exp", "sub"] + (["aud"] if rules.audience else []) + (["iss"] if rules.issuer else [])
    try:
        claims = jwt.decode(
            token,
            rules.jwt_secret,
            algorithms=["HS256"],
            audience=rules.audience,
            issuer=rules.issuer,
            options={"require": required, "verify_aud": bool(rules.audience)},
        )
    except jwt.PyJWTError:
        raise AuthError("invalid token") from None
    now = time.time() if now is None else now
    exp, iat = claims.get("exp"), claims.get("iat")
    if exp - now > rules.max_lifetime or (isinstance(iat, int | float) and exp - iat > rules.max_lifetime):
        raise AuthError("token lifetime too long")
    sub, school = claims.get("sub"), claims.get("school")
    if not isinstance(sub, str) or not sub.strip():
        raise AuthError("invalid token")
    if school is not None and (not isinstance(school, str) or not school.strip()):
        raise AuthError("invalid token")
    sender = "jwt-" + hashlib.sha256(sub.encode()).hexdigest()[:16]
    return Identity(sender, Access(school=school.strip() if school else None, trust=_has_role(claims, rules.trust_role)))


def check_bearer(token: str, rules: TokenRules) -> Identity:
    for tok, name in rules.tokens.items():
        if token and hmac.compare_digest(token.encode(), tok.encode()):
            return Identity("token-" + hashlib.sha256(f"{name}:{tok}".encode()).hexdigest()[:16])
    raise AuthError("invalid token" if token else "missing token")


def identify(header: str | None, rules: TokenRules) -> Identity | None:
    """The caller's identity from the Authorization header; None in open mode; raises AuthError."""
    token = bearer(header)
    if rules.jwt_secret:
        if not token:
            raise AuthError("missing token")
        return check_jwt(token, rules)
    if rules.tokens:
        return check_bearer(token, rules)
    return None
