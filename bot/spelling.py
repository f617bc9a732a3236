"""Typo and shorthand correction against the project's own vocabulary, before NLU.

"destiantions for yr 11" -> "destinations for yr 11"; "wex" -> "work experience". The known words
are every word of the content and training files named in bot/content/spelling.yml; a word that is
not known is replaced by the one known word nearest to it (Damerau-Levenshtein via rapidfuzz: a
swapped pair of letters is one edit), and only when that nearest word is clearly the nearest.
An ordinary English word is never "corrected" ("projector" stays, it is not a slip for "project"):
every word form in spaCy's English lemma tables (spacy-lookups-data, already a dependency) is right
as typed, though only the project's own words are ever the result of a correction.
Numbers, payloads ("/intent{...}") and words with digits are never touched. No Rasa imports.
"""

from __future__ import annotations

import glob
import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

ROOT = Path(__file__).resolve().parent.parent
SPELLING_FILE = Path(__file__).resolve().parent / "content" / "spelling.yml"
_WORD = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True)
class Change:
    """One replacement: ``said`` at [start, end) of the original became ``fixed`` at [new_start, new_end)."""

    said: str
    fixed: str
    start: int
    end: int
    new_start: int
    new_end: int


@dataclass(frozen=True)
class Corrected:
    original: str
    text: str
    changes: tuple[Change, ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the corrected text back to the original text."""
        return self._map(start, True), self._map(end, False)

    def _map(self, pos: int, is_start: bool) -> int:
        shift = 0
        for c in self.changes:
            if pos >= c.new_end:
                shift = c.end - c.new_end
            elif pos > c.new_start or (pos == c.new_start and not is_start):
                return c.end if not is_start else c.start
            elif pos == c.new_start:
                return c.start
        return pos + shift


@dataclass(frozen=True)
class Vocabulary:
    known: frozenset[str]
    counts: dict[str, int] = field(default_factory=dict)
    targets: tuple[str, ...] = ()
    shorthand: dict[str, str] = field(default_factory=dict)
    min_length: int = 4
    english: frozenset[str] = frozenset()
    groups: dict[str, dict] = field(default_factory=dict)  # a word that is also a verb -> how the group is written


def _words(text: str) -> list[str]:
    return [w.lower().strip("'") for w in _WORD.findall(text)]


@lru_cache(maxsize=4)
def english_words(tables: tuple[str, ...]) -> frozenset[str]:
    """Every word form in the named spaCy lookup tables (keys, values, and the lemma index's lists)."""
    import spacy_lookups_data

    folder = Path(spacy_lookups_data.__file__).resolve().parent / "data"
    out: set[str] = set()
    for name in tables:
        with gzip.open(folder / f"{name}.json.gz", "rt", encoding="utf-8") as f:
            table = json.load(f)
        for key, value in table.items():
            out.add(key.lower())
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, str):
                    out.add(v.lower())
    return frozenset(w for w in out if w.isalpha())


@lru_cache(maxsize=1)
def vocabulary(path: Path = SPELLING_FILE) -> Vocabulary:
    cfg = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    counts: Counter = Counter()
    for pattern in cfg["known"]:
        for name in sorted(glob.glob(str(ROOT / pattern))):
            counts.update(_words(Path(name).read_text(encoding="utf-8")))
    extra = {w.lower() for w in cfg.get("words") or ()}
    counts.update(extra)
    never = {w.lower() for w in cfg.get("never_target") or ()}
    min_length = int(cfg.get("min_length", 4))
    targets = tuple(sorted(w for w in counts if len(w) >= min_length and w not in never and "'" not in w))
    shorthand = {k.lower(): v for k, v in (cfg.get("shorthand") or {}).items()}
    english = english_words(tuple(cfg.get("english_tables") or ()))
    groups = {k.lower(): v for k, v in (cfg.get("groups") or {}).items()}
    return Vocabulary(frozenset(counts), dict(counts), targets, shorthand, min_length, english, groups)


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2


def _same_start(word: str, known: str) -> bool:
    """Typing slips rarely hit the first letter: keep it, or allow the first two swapped."""
    return word[0] == known[0] or (len(word) > 1 and word[:2] == known[1::-1])


def best(word: str, vocab: Vocabulary | None = None) -> str | None:
    """The known word meant by an unknown ``word``, or None when none is clearly meant."""
    vocab = vocab or vocabulary()
    low = word.lower()
    if low in vocab.known or low in vocab.english or len(low) < vocab.min_length:
        return None
    stem = re.sub(r"['’]s$", "", low)  # "the county's 46%": a known word with its possessive
    if stem != low and (stem in vocab.known or stem in vocab.english):
        return None
    limit = _max_edits(low)
    found = process.extract(low, vocab.targets, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=8)
    if not found:
        return None
    found = [f for f in found if _same_start(low, f[0])]
    if not found:
        return None
    nearest = min(d for _, d, _ in found)
    ties = [w for w, d, _ in found if d == nearest]
    if len(ties) > 1:
        ties.sort(key=lambda w: -vocab.counts.get(w, 0))
        if vocab.counts.get(ties[0], 0) < 3 * vocab.counts.get(ties[1], 0):
            return None  # two known words are as near: no safe guess
    return ties[0]


def _shorthand(text: str, vocab: Vocabulary) -> list[tuple[int, int, str]]:
    out = []
    for said, fixed in sorted(vocab.shorthand.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<![\w/]){re.escape(said)}(?![\w/])", text, re.I):
            if not any(a < m.end() and m.start() < b for a, b, _ in out):
                out.append((m.start(), m.end(), fixed))
    return out


def _groups(text: str, vocab: Vocabulary) -> list[tuple[int, int, str]]:
    """A lower-case "send" that no verb reading fits, written as the group it names ("SEND")."""
    out = []
    for word, rule in vocab.groups.items():
        for m in re.finditer(rf"\b{re.escape(word)}\b", text):
            if m.group(0) != word:
                continue  # "SEND" is already the group; "Send" starts a sentence, a request
            before = re.findall(r"[\w']+", text[: m.start()].lower())
            after = re.findall(r"[\w']+", text[m.end() :].lower())
            prev2 = " ".join(before[-2:])
            if before and (before[-1] in rule["not_after"] or prev2 in rule["not_after"]) or after and after[0] in rule["not_before"]:
                continue
            out.append((m.start(), m.end(), rule["as"]))
    return out


def correct(text: str, vocab: Vocabulary | None = None) -> Corrected:
    """The text with typos and shorthand corrected; payloads and empty text come back unchanged."""
    text = text or ""
    if not text.strip() or text.lstrip().startswith("/"):
        return Corrected(text, text)
    vocab = vocab or vocabulary()
    edits = _shorthand(text, vocab)
    edits += [e for e in _groups(text, vocab) if not any(a < e[1] and e[0] < b for a, b, _ in edits)]
    for m in _WORD.finditer(text):
        if any(a < m.end() and m.start() < b for a, b, _ in edits):
            continue
        if m.end() < len(text) and text[m.end()].isdigit() or m.start() > 0 and text[m.start() - 1].isdigit():
            continue  # "y11", "2023a": not a word
        fixed = best(m.group(0), vocab)
        if fixed:
            edits.append((m.start(), m.end(), fixed))
    return _apply(text, sorted(edits))


def _apply(text: str, edits: list[tuple[int, int, str]]) -> Corrected:
    parts, changes, pos, new_pos = [], [], 0, 0
    for start, end, fixed in edits:
        said = text[start:end]
        if said[:1].isupper() and not said.isupper():
            fixed = fixed[:1].upper() + fixed[1:]
        parts.append(text[pos:start])
        new_pos += start - pos
        changes.append(Change(said, fixed, start, end, new_pos, new_pos + len(fixed)))
        parts.append(fixed)
        new_pos += len(fixed)
        pos = end
    parts.append(text[pos:])
    return Corrected(text, "".join(parts), tuple(changes))


def corrected_text(text: str) -> str:
    return correct(text).text
