"""Shared dependencies for the actions: settings, the records engine, the school, off-loop calls."""
from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Callable, Optional

from sqlalchemy.engine import Engine

from bot import config
from bot.records.db import RecordsError, engine_for, school_names

log = logging.getLogger(__name__)
_engine: Optional[Engine] = None

DB_UNAVAILABLE = ("I can't reach the school's records just now, so I can't give figures. Nothing is lost: "
                  "try again in a moment, or ask me what inspectors look for in the meantime.")


def use_engine(engine: Optional[Engine]) -> None:
    """Inject an engine (tests, or a host application); None goes back to the configured one."""
    global _engine
    _engine = engine


def engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = engine_for(config.load().database_url)
    return _engine


async def off_loop(fn: Callable[..., Any], *args, **kwargs) -> Any:
    """Run blocking work in the default thread pool."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(fn, *args, **kwargs))


def choose_school(slot_value: Optional[str]) -> tuple:
    """(school, names): the configured school, the conversation's choice, or the only school."""
    settings = config.load()
    names = school_names(engine())
    if settings.school:
        return settings.school, names
    if slot_value and slot_value in names:
        return slot_value, names
    if len(names) == 1:
        return names[0], names
    return None, names


def evidence(school: str):
    """The school's evidence; results are remembered until the next import for that school."""
    from bot.evidence.measures import cached_evidence

    settings = config.load()
    return cached_evidence(engine(), school, settings.min_group_size, settings.flag_gap)


def evidence_or_none(slot_value: Optional[str]):
    """Evidence for the conversation's school, or None when there are no records (or several schools)."""
    try:
        school, _ = choose_school(slot_value)
        return evidence(school) if school else None
    except RecordsError:
        return None
