"""The coach's language pipeline: a blank English spaCy model with a domain entity ruler.

There are no pretrained spaCy models to download here, so the pipeline is built from
``bot/content/entity_patterns.yml`` and saved to disk (``coach build-nlp``). Rasa loads the saved
pipeline through ``SpacyNLP``; the bot uses the same one to read answers and entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

PATTERNS_FILE = Path(__file__).parent / "content" / "entity_patterns.yml"
LABELS = ("year_group", "academic_year", "benchmark", "destination", "activity_type", "pupil_group")

_YEAR_RE = re.compile(r"^\s*(20\d\d)\s*[-/–]\s*(\d\d|20\d\d)\s*$")


@dataclass(frozen=True)
class Entity:
    label: str
    value: str  # canonical id, e.g. "10", "2023/24", "last_year", "disadvantaged"
    text: str
    start: int
    end: int


def ruler_patterns(path: Path = PATTERNS_FILE) -> list[dict]:
    """Turn the YAML pattern file into spaCy EntityRuler patterns."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    patterns: list[dict] = []
    for label, entries in data.items():
        if label not in LABELS:
            raise ValueError(f"{path}: unknown entity label {label!r}")
        for entry in entries:
            pid = str(entry.get("id", ""))
            for phrase in entry.get("phrases", []) or []:
                patterns.append({"label": label, "id": pid, "pattern": str(phrase).lower()})
            for tokens in entry.get("tokens", []) or []:
                patterns.append({"label": label, "id": pid, "pattern": tokens})
    return patterns


def build(path: Path = PATTERNS_FILE):
    """A blank English pipeline with the domain entity ruler (not saved)."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(path))
    return nlp


def save(target: Path, path: Path = PATTERNS_FILE) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp = build(path)
    nlp.meta["name"] = "coach"
    nlp.meta["description"] = "Blank English pipeline with the Careers Inspection Coach entity ruler"
    nlp.to_disk(target)
    return target


@lru_cache(maxsize=2)
def load(model_dir: str | None = None):
    """The saved pipeline if it exists, otherwise one built in memory from the pattern file."""
    import spacy

    if model_dir and Path(model_dir, "config.cfg").exists():
        return spacy.load(model_dir)
    return build()


def academic_year(text: str) -> str | None:
    """'2023/24', '2023-24', '2023/2024' -> '2023/24'; None if not a valid academic year."""
    m = _YEAR_RE.match(text)
    if not m:
        return None
    start, end = int(m.group(1)), m.group(2)
    end_two = int(end[-2:])
    if (start + 1) % 100 != end_two or (len(end) == 4 and int(end) != start + 1):
        return None
    return f"{start}/{end_two:02d}"


def canonical(label: str, ent_id: str, text: str) -> str | None:
    if label == "academic_year" and not ent_id:
        return academic_year(text)
    return ent_id or None


def entities(text: str, nlp=None) -> list[Entity]:
    """Entities in ``text`` with canonical values, in order of appearance."""
    nlp = nlp or load()
    doc = nlp(text)
    found = []
    for ent in doc.ents:
        value = canonical(ent.label_, ent.ent_id_, ent.text)
        if value is not None:
            found.append(Entity(ent.label_, value, ent.text, ent.start_char, ent.end_char))
    return found


def normalise(label: str, text: str, nlp=None) -> str | None:
    """Canonical value of an entity's text as Rasa reports it (Rasa passes the text, not the id)."""
    for ent in entities(text, nlp):
        if ent.label == label:
            return ent.value
    if label == "academic_year":
        return academic_year(text)
    return None


def values(found: Iterable[Entity], label: str) -> list[str]:
    return [e.value for e in found if e.label == label]
