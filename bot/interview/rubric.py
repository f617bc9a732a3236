"""A bank question's rubric: its strong-answer points and red flags, each shown by concepts.

In ``question_bank.yml`` a point is written as::

    - text: "Describes protected time and relevant training for the role"
      weight: 3
      shown_by: ["protected time | days a week | blocked out", "training | course | qualification"]

Each string in ``shown_by`` is one concept, its alternatives separated by ``|``. A point is covered
when at least ``need`` of its concepts are found (by default all of them). Terms are matched on
lemmas, word by word in order, with typos matched to the rubric's words. A term said as absent
("no protected time", "we haven't got training", "not just UCAS") does not count; a term that says
the absence itself ("no protected time" in a red flag) is matched as it stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.interview.lemmas import NEGATORS, NUMBER, Word

NEGATION_WINDOW = 3  # words before a term in which "no", "not", "never"... make it absent


@dataclass(frozen=True)
class Concept:
    terms: tuple[tuple[str, ...], ...]  # each term as lemmas
    written: tuple[str, ...]  # the terms as written in the bank

    @classmethod
    def parse(cls, text: str) -> Concept:
        from bot.interview.lemmas import term

        written = tuple(t.strip() for t in str(text).split("|") if t.strip())
        if not written:
            raise ValueError(f"empty concept {text!r}")
        terms = tuple(term(t) for t in written)
        if not all(terms):
            raise ValueError(f"concept {text!r} has a term with no words")
        return cls(terms, written)


@dataclass(frozen=True)
class Point:
    text: str
    weight: int
    concepts: tuple[Concept, ...]
    need: int
    probe: int | None = None  # index of the bank probe that asks for this point

    @classmethod
    def parse(cls, raw, where: str) -> Point:
        if isinstance(raw, str):
            raise ValueError(f"{where}: {raw!r} has no concepts (shown_by)")
        concepts = tuple(Concept.parse(c) for c in raw.get("shown_by") or ())
        if not concepts:
            raise ValueError(f"{where}: {raw.get('text')!r} has no concepts (shown_by)")
        need = int(raw.get("need", len(concepts)))
        if not 1 <= need <= len(concepts):
            raise ValueError(f"{where}: need {need} for {len(concepts)} concepts")
        weight = int(raw.get("weight", 1))
        if weight not in (1, 2, 3):
            raise ValueError(f"{where}: weight must be 1, 2 or 3")
        probe = raw.get("probe")
        return cls(str(raw["text"]).strip(), weight, concepts, need, None if probe is None else int(probe))


@dataclass(frozen=True)
class Hit:
    """One term found in an answer."""

    said: str  # the answer's words, as written
    term: str  # the rubric term they match
    start: int
    end: int
    fuzzy: bool
    negated: bool


@dataclass
class PointResult:
    text: str
    weight: int
    covered: bool
    found: list[str] = field(default_factory=list)  # the answer's words that showed it
    absent: list[str] = field(default_factory=list)  # terms said as absent ("no protected time")
    probe: int | None = None

    def as_dict(self) -> dict:
        return {"text": self.text, "weight": self.weight, "covered": self.covered, "found": list(self.found)}


class Index:
    """An answer's words, indexed by lemma, for matching many rubrics quickly."""

    def __init__(self, words: Sequence[Word], text: str):
        self.words = list(words)
        self.text = text
        self.at: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self.at.setdefault(w.lemma, []).append(i)
            if w.number:
                self.at.setdefault(NUMBER, []).append(i)

    def hits(self, concept: Concept) -> list[Hit]:
        out = []
        for lemmas, written in zip(concept.terms, concept.written):
            for i in self.at.get(lemmas[0], ()):
                n = len(lemmas)
                seq = self.words[i : i + n]
                if (
                    len(seq) == n
                    and all(w.lemma == lem or (lem == NUMBER and w.number) for w, lem in zip(seq, lemmas))
                    and len({w.sentence for w in seq}) == 1
                ):
                    out.append(self._hit(i, n, written))
        return out

    def _hit(self, i: int, n: int, written: str) -> Hit:
        first, last = self.words[i], self.words[i + n - 1]
        before = [w for w in self.words[max(0, i - NEGATION_WINDOW) : i] if w.sentence == first.sentence]
        negated = any(w.lemma in NEGATORS or w.text in NEGATORS for w in before) and not any(t in NEGATORS for t in written.split())
        return Hit(self.text[first.start : last.end], written, first.start, last.end, any(w.fuzzy for w in self.words[i : i + n]), negated)


def found_text(hit: Hit) -> str:
    """How a hit is shown: the words said, and the rubric word when a typo was matched."""
    return f'{hit.said} (read as "{hit.term}")' if hit.fuzzy else hit.said


def judge_point(point: Point, index: Index) -> PointResult:
    """Whether the answer shows the point (or red flag), with the words that showed each concept. A term said
    as absent does not count ("not just UCAS" is no red flag), unless the term says the absence itself
    ("no protected time")."""
    found: list[str] = []
    absent: list[str] = []
    met = 0
    for concept in point.concepts:
        hits = index.hits(concept)
        good = [h for h in hits if not h.negated]
        if good:
            met += 1
            first = min(good, key=lambda h: h.start)
            found.append(found_text(first))
        elif hits:
            absent.append(hits[0].said)
    return PointResult(point.text, point.weight, met >= point.need, found if met >= point.need else [], absent, point.probe)


def concepts_found(concepts: Iterable[Concept], index: Index) -> list[str]:
    """The words showing each concept found (not said as absent), one per concept."""
    out = []
    for c in concepts:
        good = [h for h in index.hits(c) if not h.negated]
        if good:
            out.append(found_text(min(good, key=lambda h: h.start)))
    return out
