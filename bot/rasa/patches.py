"""Small, named patches to Rasa 3.6.21's per-turn costs (issue 18), applied once at Rasa start-up.

Each patch replaces one function of Rasa's with one that behaves the same and costs less. Each
knows the exact source of the function it replaces (a SHA-256 of `inspect.getsource`) and, before
changing anything, checks the installed Rasa against it: if Rasa's internals differ (another
version, a local edit), `apply` raises `PatchError` and the server does not start.

- `action_result_validator_once`: `RemoteAction._validate_action_result` called
  `jsonschema.validate`, which checks the schema itself on every call (about 14 ms a turn). The
  validator is now built and its schema checked once; the error raised and its message are the same.
- `event_type_cache`: `Event.resolve_by_type` walked every subclass of `Event` (with
  `inspect.isabstract`) for each event read back from the tracker store. Found classes are cached.
- `session_start_slots_once`: a new session carried every past `SlotSet` over (hundreds); it now
  sets each slot once, to its latest value. A session rolled over by `roll_session_after_turns` also
  keeps the open form (interview) and replays the last user turns (not the bot's messages, which Rasa
  would send again), so the policies see the same recent history and the conversation carries on.
- `roll_session_after_turns`: a session also ends after `COACH_SESSION_TURNS` user messages, not only
  after idle time, so the events a turn loads, rebuilds, predicts over and sends to the action
  server stay bounded. The SQL tracker store keeps every event of every session.
"""

from __future__ import annotations

import copy
import hashlib
import inspect
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

SUPPORTED_RASA = ("3.6.21",)
TAIL_USER_TURNS = 2  # user turns replayed into a rolled-over session (MemoizationPolicy max_history is 3)
_applied: list[str] = []
_settings = {"session_turns": 0}


class PatchError(RuntimeError):
    """Rasa's internals are not what a patch was written against: refuse to start."""


@dataclass(frozen=True)
class Target:
    owner: Any
    attr: str
    sha256: str  # of inspect.getsource of the function in Rasa 3.6.21

    def function(self) -> Callable:
        raw = self.owner.__dict__.get(self.attr)
        return raw.__func__ if isinstance(raw, staticmethod | classmethod) else raw


def source_sha256(fn: Callable) -> str:
    return hashlib.sha256(inspect.getsource(fn).encode()).hexdigest()


def check(patch: str, targets: list[Target]) -> None:
    """Raise PatchError unless each target is exactly the function the patch was written for."""
    import rasa

    if rasa.__version__ not in SUPPORTED_RASA:
        raise PatchError(f"{patch}: written for Rasa {', '.join(SUPPORTED_RASA)}, found Rasa {rasa.__version__}")
    for t in targets:
        fn = t.function()
        name = f"{getattr(t.owner, '__qualname__', t.owner)}.{t.attr}"
        if fn is None:
            raise PatchError(f"{patch}: Rasa has no {name}")
        try:
            got = source_sha256(fn)
        except (OSError, TypeError) as exc:
            raise PatchError(f"{patch}: cannot read the source of {name} ({exc})") from exc
        if got != t.sha256:
            raise PatchError(
                f"{patch}: {name} is not the function this patch was written for "
                f"(source sha256 {got[:12]}, expected {t.sha256[:12]}); remove or update the patch"
            )


# -- action_result_validator_once


def _validator_targets() -> list[Target]:
    from rasa.core.actions.action import RemoteAction

    return [Target(RemoteAction, "_validate_action_result", "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42")]


def _install_validator() -> None:
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import DOCS_BASE_URL, RemoteAction

    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)  # what jsonschema.validate did on every call
    validator = cls(spec)

    def _validate_action_result(self, result: dict[str, Any]) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is None:
            return True
        assert isinstance(error, ValidationError)
        error.message += (
            f". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error

    RemoteAction._validate_action_result = _validate_action_result


# -- event_type_cache


def _event_targets() -> list[Target]:
    from rasa.shared.core.events import Event

    return [Target(Event, "resolve_by_type", "b5cf570fa7f286c7059ec73d8880528d03a78b28cf4e80285a46079c0fa65968")]


def _install_event_cache() -> None:
    from rasa.shared.core.events import Event

    original = Event.__dict__["resolve_by_type"].__func__
    found: dict[str, type] = {}

    def resolve_by_type(type_name, default=None):
        cls = found.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and getattr(cls, "type_name", None) == type_name:
                found[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)


# -- session_start_slots_once


def _session_targets() -> list[Target]:
    from rasa.core.actions.action import ActionSessionStart

    return [
        Target(ActionSessionStart, "run", "c2e7c99a94ca57a5574af2ed0d009286839dd8cbf9803ada00bcb45550857633"),
        Target(ActionSessionStart, "_slot_set_events_from_tracker", "d023605fda20a739d5ddb1d253c34c824f6c793bebdd312a9a7748b13e1e7fbd"),
    ]


def latest_slot_sets(events) -> list:
    """One SlotSet per slot ever set in `events`, with its latest value and metadata (in first-set order)."""
    from rasa.shared.core.events import SlotSet

    latest: dict[str, Any] = {}
    for e in events:
        if isinstance(e, SlotSet):
            latest[e.key] = e
    return [SlotSet(key=e.key, value=e.value, metadata=e.metadata) for e in latest.values()]


def user_turns_in_session(tracker) -> int:
    """User messages since the latest session start (or restart) in the tracker's events."""
    from rasa.shared.core.events import Restarted, SessionStarted, UserUttered

    n = 0
    for e in reversed(tracker.events):
        if isinstance(e, SessionStarted | Restarted):
            break
        n += isinstance(e, UserUttered)
    return n


def is_roll_over(tracker, domain) -> bool:
    """A session ended by its length (roll_session_after_turns), not by idle time or a /session_start."""
    from rasa.shared.core.events import UserUttered

    limit = _settings["session_turns"]
    last_user = tracker.get_last_event_for(UserUttered)
    if not limit or last_user is None or last_user.intent_name == "session_start":  # a typed /session_start: a fresh session
        return False
    idle = (time.time() - last_user.timestamp) / 60 > domain.session_config.session_expiration_time
    return not idle and user_turns_in_session(tracker) >= limit


def rolled_session_events(tracker) -> list:
    """The events opening a rolled-over session: the slots and open loop as they were before the last user
    turns, then those turns replayed (fresh timestamps), so the state at the end is the old session's."""
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    applied = tracker.applied_events()
    users = [i for i, e in enumerate(applied) if isinstance(e, UserUttered)]
    start = users[-TAIL_USER_TURNS] if len(users) >= TAIL_USER_TURNS else (users[0] if users else len(applied))
    if 0 < start < len(applied) and getattr(applied[start - 1], "action_name", None) == "action_listen":
        start -= 1  # the listen before the user message is part of the state the policies see
    before = DialogueStateTracker.from_events(tracker.sender_id, applied[:start], copy.deepcopy(list(tracker.slots.values())))
    events: list = [SessionStarted()]
    for s in latest_slot_sets(applied[:start]):
        events.append(type(s)(key=s.key, value=before.slots[s.key].value if s.key in before.slots else s.value, metadata=s.metadata))
    if before.active_loop_name:
        events.append(ActiveLoop(before.active_loop_name))
    for e in applied[start:]:
        if isinstance(e, BotUttered):  # Rasa would send it to the user again; no policy state holds it
            continue
        replay = copy.copy(e)
        replay.timestamp = time.time()
        events.append(replay)
    if not (isinstance(events[-1], ActionExecuted) and events[-1].action_name == "action_listen"):
        events.append(ActionExecuted("action_listen"))
    return events


def _install_session_start() -> None:
    from rasa.core.actions.action import ActionSessionStart
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    def _slot_set_events_from_tracker(tracker) -> list:
        return latest_slot_sets(tracker.applied_events())

    async def run(self, output_channel, nlg, tracker, domain) -> list:
        if domain.session_config.carry_over_slots and is_roll_over(tracker, domain):
            return rolled_session_events(tracker)
        events: list = [SessionStarted()]
        if domain.session_config.carry_over_slots:
            events.extend(self._slot_set_events_from_tracker(tracker))
        events.append(ActionExecuted("action_listen"))
        return events

    ActionSessionStart._slot_set_events_from_tracker = staticmethod(_slot_set_events_from_tracker)
    ActionSessionStart.run = run


# -- roll_session_after_turns


def _roll_targets() -> list[Target]:
    from rasa.core.processor import MessageProcessor

    return [Target(MessageProcessor, "_has_session_expired", "aa0e659a9cfa1f70616523da75045bd87d4424a03432726722c7dc80a9869200")]


def _install_roll() -> None:
    from rasa.core.processor import MessageProcessor

    original = MessageProcessor._has_session_expired

    def _has_session_expired(self, tracker) -> bool:
        if original(self, tracker):
            return True
        limit = _settings["session_turns"]
        return bool(limit) and self.domain.session_config.are_sessions_enabled() and user_turns_in_session(tracker) >= limit

    MessageProcessor._has_session_expired = _has_session_expired


PATCHES = {
    "action_result_validator_once": (_validator_targets, _install_validator),
    "event_type_cache": (_event_targets, _install_event_cache),
    "session_start_slots_once": (_session_targets, _install_session_start),
    "roll_session_after_turns": (_roll_targets, _install_roll),
}


def apply(enabled: bool = True, session_turns: int = 0) -> list[str]:
    """Check every patch against the installed Rasa, then install them (once). Returns their names."""
    if not enabled:
        return []
    if 0 < session_turns < 5:
        raise PatchError(f"COACH_SESSION_TURNS must be 0 (no limit) or at least 5, got {session_turns}")
    _settings["session_turns"] = session_turns
    if _applied:
        return list(_applied)
    wanted = [n for n in PATCHES if session_turns or n != "roll_session_after_turns"]
    for name in wanted:  # check all first: nothing is changed unless every patch fits
        check(name, PATCHES[name][0]())
    for name in wanted:
        PATCHES[name][1]()
        _applied.append(name)
    log.info("Rasa patches applied: %s", ", ".join(_applied))
    return list(_applied)
