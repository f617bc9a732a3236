"""The pack for the chat page's download: the same school decision as every action (`bot.rasa.access.decide_school`)."""

from __future__ import annotations

from dataclasses import dataclass

from bot import config
from bot.rasa.access import Access, decide_school
from bot.records.db import engine_for, school_names

CHOOSE_FIRST = "Choose your school in the chat first (ask any evidence question), then download the pack."
# The pack is one document with inline styles and SVG: it may load nothing at all.
PACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True)
class PackDownload:
    status: int
    html: str | None = None
    filename: str = "evidence-pack.html"
    error: str | None = None


def pack_download(access: Access, chosen: str | None) -> PackDownload:
    """The caller's school's pack, or why not (403: the sign-in's school has no records; 409: no school chosen yet)."""
    from bot.narrative import service

    settings = config.load()
    engine = engine_for(settings.database_url)
    choice = decide_school(access, chosen, settings.school, school_names(engine))
    if choice.school is None:
        return PackDownload(409 if choice.may_choose else 403, error=choice.refusal or CHOOSE_FIRST)
    ev = service.evidence(engine, choice.school, settings)
    return PackDownload(200, service.make_pack(engine, ev).html, f"{service.pack_name(choice.school)}.html")
