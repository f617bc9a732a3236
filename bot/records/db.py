"""Engine creation. Callers pass the engine in; nothing connects at import time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine

from bot.records import schema


class RecordsError(Exception):
    """A problem a user can act on (shown without a traceback)."""


def make_engine(url: str, timeout: float | None = None) -> Engine:
    """An engine for ``url`` with the schema created. SQLite files get WAL and a busy timeout
    (``timeout`` seconds; by default COACH_DB_TIMEOUT, read by bot.config)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    if timeout is None:
        from bot import config

        timeout = config.load().db_timeout  # seconds to wait for a locked database
    kwargs = {"future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": timeout, "check_same_thread": False}
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            if url != "sqlite:///:memory:" and "mode=memory" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            cur.close()

    schema.metadata.create_all(engine)
    return engine


_engines = {}


def engine_for(url: str) -> Engine:
    """One shared engine per URL for long-running processes."""
    if url not in _engines:
        _engines[url] = make_engine(url)
    return _engines[url]


def school_names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(select(schema.schools.c.name).order_by(schema.schools.c.name))]


def school_id(engine: Engine, name: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(schema.schools.c.id).where(schema.schools.c.name == name)).scalar()


def resolve_school(engine: Engine, name: str | None) -> str:
    """The school to use: the name given, or the only school in the database."""
    names = school_names(engine)
    if name:
        if name not in names:
            known = ", ".join(names) or "none yet"
            raise RecordsError(f"No school called {name!r} in the database (schools: {known}).")
        return name
    if not names:
        raise RecordsError("The database holds no school records yet. Run `coach demo` or `coach import PATH`.")
    if len(names) > 1:
        raise RecordsError("The database holds several schools; name one with --school or COACH_SCHOOL: " + ", ".join(names))
    return names[0]


def ensure_school(conn, name: str) -> int:
    sid = conn.execute(select(schema.schools.c.id).where(schema.schools.c.name == name)).scalar()
    if sid is None:
        sid = conn.execute(schema.schools.insert().values(name=name, created_at=datetime.utcnow())).inserted_primary_key[0]
    return sid
