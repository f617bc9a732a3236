"""Whose records a conversation sees: the one decision, shared by the web channel and the actions.

The web channel turns the caller's token into an `Access` and puts it in every message's metadata
(never taken from the request body). The actions read it back and call `decide_school`, the only
place that decides which school's records are used:

- a token with a `school` claim (and no trust role) sees that school only, for every action; a
  school choice is refused and no other school is ever named; a school that isn't in the
  database is refused;
- a token with the trust role may choose among the schools (its `school` claim, if any, is the
  starting point);
- without a school claim (a token without one, a chat token, open mode, the terminal) the user
  may choose, unless COACH_SCHOOL pins the school.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

METADATA_KEY = "coach_access"

NOT_HERE = (
    "Your sign-in is for a school whose records aren't loaded here, so I can't give figures. "
    "Ask whoever runs the coach to import your school's records."
)
CONFIGURED_MISSING = (
    "The school this coach is set up for has no records loaded yet, so I can't give figures. " "Ask whoever runs the coach to import them."
)
NO_RECORDS = (
    "There are no school records loaded yet. Run `coach demo` for the demo school, or " "`coach import PATH --school NAME` for your own."
)


@dataclass(frozen=True)
class Access:
    """What the caller's credentials say about schools."""

    school: str | None = None  # the token's school claim
    trust: bool = False  # the token carries the trust role

    def to_metadata(self) -> dict:
        return {METADATA_KEY: {"school": self.school, "trust": self.trust}}

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any] | None) -> Access:
        raw = (metadata or {}).get(METADATA_KEY) if isinstance(metadata, Mapping) else None
        if not isinstance(raw, Mapping):
            return cls()
        school = raw.get("school")
        return cls(school=school if isinstance(school, str) and school else None, trust=raw.get("trust") is True)


@dataclass(frozen=True)
class SchoolContext:
    """What a message brings to the decision: the credentials' access and the conversation's earlier choice."""

    access: Access = Access()
    chosen: str | None = None  # the `school` slot


@dataclass(frozen=True)
class SchoolChoice:
    """The decision: whose records to use, or what the user may pick from, or why not."""

    school: str | None = None  # the school whose records to use; None when undecided or refused
    choices: tuple[str, ...] = ()  # the schools this user may pick from (empty unless they may choose)
    refusal: str | None = None  # why no records can be used

    @property
    def may_choose(self) -> bool:
        return bool(self.choices)


def decide_school(access: Access, chosen: str | None, configured: str | None, names: Sequence[str]) -> SchoolChoice:
    """The school for this message: `chosen` is the conversation's earlier choice, `configured` COACH_SCHOOL."""
    names = tuple(names)
    if access.school and not access.trust:
        return SchoolChoice(access.school) if access.school in names else SchoolChoice(refusal=NOT_HERE)
    if not names:
        return SchoolChoice(refusal=NO_RECORDS)
    if configured and not access.trust:
        return SchoolChoice(configured) if configured in names else SchoolChoice(refusal=CONFIGURED_MISSING)
    for candidate in (chosen, access.school, configured):
        if candidate and candidate in names:
            return SchoolChoice(candidate, choices=names)
    if len(names) == 1:
        return SchoolChoice(names[0], choices=names)
    return SchoolChoice(choices=names)
