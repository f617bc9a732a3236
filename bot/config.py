"""The one configuration module: every setting comes from an environment variable with a default."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Third-party noise switched off for every entry point (`quiet_third_party`) and child process.
QUIET_ENVIRONMENT: dict[str, str] = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "LOG_LEVEL_LIBRARIES": "ERROR",
    "PYTHONWARNINGS": "ignore",
}


def quiet_third_party() -> None:
    """Called first by each entry point (the CLI, Rasa, the action server, the tests), never at import."""
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


def environment() -> dict[str, str]:
    """A copy of this process's environment, for a child process (the servers this package starts)."""
    return dict(os.environ)


def _root() -> Path:
    return Path(os.environ.get("COACH_HOME", Path.cwd())).resolve()


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    school: str | None
    min_group_size: int
    flag_gap: float
    host: str
    rasa_port: int
    actions_port: int
    log_level: str
    model_path: Path
    spacy_model: Path
    tracker_store_url: str | None
    chat_token: str | None = field(repr=False, default=None)
    jwt_secret: str | None = field(repr=False, default=None)
    actions_secret: str | None = field(repr=False, default=None)
    cors_origins: tuple = ()
    jwt_max_lifetime: int = 12 * 3600
    jwt_audience: str | None = None
    jwt_issuer: str | None = None
    trust_role: str = "coach_role=trust"
    max_request_bytes: int = 256 * 1024
    actions_health_url: str | None = None
    db_timeout: float = 10.0
    debug: bool = False
    rasa_patches: bool = True
    session_turns: int = 30

    @property
    def var_dir(self) -> Path:
        return self.home / "var"


def load() -> Settings:
    """Read the settings from the environment (call again to pick up changes)."""
    home = _root()
    var = home / "var"
    return Settings(
        home=home,
        database_url=os.environ.get("COACH_DATABASE_URL") or f"sqlite:///{var / 'coach.db'}",
        school=os.environ.get("COACH_SCHOOL") or None,
        min_group_size=_int("COACH_MIN_GROUP_SIZE", 5),
        flag_gap=_float("COACH_FLAG_GAP", 3.0),
        host=os.environ.get("COACH_HOST", "127.0.0.1"),
        rasa_port=_int("COACH_RASA_PORT", 5005),
        actions_port=_int("COACH_ACTIONS_PORT", 5055),
        log_level=os.environ.get("COACH_LOG_LEVEL", "WARNING").upper(),
        model_path=Path(os.environ.get("COACH_MODEL", home / "models" / "coach.tar.gz")),
        spacy_model=Path(os.environ.get("COACH_SPACY_MODEL", var / "spacy" / "en_coach")),
        tracker_store_url=os.environ.get("COACH_TRACKER_URL") or None,
        chat_token=os.environ.get("COACH_CHAT_TOKEN") or None,
        jwt_secret=os.environ.get("COACH_JWT_SECRET") or None,
        actions_secret=os.environ.get("COACH_ACTIONS_SECRET") or None,
        cors_origins=tuple(o.strip() for o in os.environ.get("COACH_CORS_ORIGINS", "").split(",") if o.strip()),
        jwt_max_lifetime=_int("COACH_JWT_MAX_LIFETIME", 12 * 3600),
        jwt_audience=os.environ.get("COACH_JWT_AUDIENCE") or None,
        jwt_issuer=os.environ.get("COACH_JWT_ISSUER") or None,
        trust_role=os.environ.get("COACH_TRUST_ROLE", "").strip() or "coach_role=trust",
        max_request_bytes=_int("COACH_MAX_REQUEST_BYTES", 256 * 1024),
        actions_health_url=os.environ.get("COACH_ACTIONS_HEALTH") or None,
        db_timeout=_float("COACH_DB_TIMEOUT", 10.0),
        debug=bool(os.environ.get("COACH_DEBUG")),
        rasa_patches=os.environ.get("COACH_RASA_PATCHES", "on").strip().lower() not in ("off", "0", "false", "no"),
        session_turns=_int("COACH_SESSION_TURNS", 30),
    )
