"""Shared dependencies for the actions: settings, the records engine, the school, off-loop calls."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from actions import replies
from bot import config
from bot.rasa.access import SchoolChoice, SchoolContext, decide_school
from bot.records.db import RecordsError, engine_for, school_names

log = logging.getLogger(__name__)
_engine: Engine | None = None


def use_engine(engine: Engine | None) -> None:
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


class RecordsUnavailable(Exception):
    """Raised by `records_call` after it has told the user why there are no figures."""


async def records_call(send_text: Callable[[str], None], fn: Callable[..., Any], *args) -> Any:
    """`fn(*args)` off the event loop; a locked or missing database, or a records problem, becomes a reply."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.records.db import RecordsError

    try:
        return await off_loop(fn, *args)
    except SQLAlchemyError:
        log.warning("records database unavailable")
        send_text(replies.DB_UNAVAILABLE)
    except RecordsError as exc:
        send_text(str(exc))
    raise RecordsUnavailable


def school_choice(context: SchoolContext) -> SchoolChoice:
    """The school decision (bot.rasa.access.decide_school) with this server's settings and schools."""
    return decide_school(context.access, context.chosen, config.load().school, school_names(engine()))


def choose_school(context: SchoolContext) -> tuple[str | None, tuple[str, ...]]:
    """(school, the schools the user may pick from), from the same decision."""
    choice = school_choice(context)
    return choice.school, choice.choices


def evidence(school: str):
    """The school's evidence; results are remembered until the next import for that school."""
    from bot.evidence.measures import cached_evidence

    settings = config.load()
    return cached_evidence(engine(), school, settings.min_group_size, settings.flag_gap)


def evidence_or_none(context: SchoolContext):
    """Evidence for the conversation's school, or None when there is none to use (or it is not decided)."""
    try:
        school = school_choice(context).school
        return evidence(school) if school else None
    except RecordsError:
        return None
