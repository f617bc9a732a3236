"""Judging one answer against one bank question's rubric: did it answer the question, which points
it covered (with the words that showed them), the heaviest point missing, red flags heard.

Used by the mock interview, `coach assess` and the chat's "rate my answer". No Ofsted grade: the
score is the weighted share of the question's points covered, and 0 when the answer is about
something else.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.interview import bank
from bot.interview.bank import THEME_NAMES, Question
from bot.interview.lemmas import Vocabulary, words
from bot.interview.rubric import Index, PointResult, judge_point

NEAR = 0.30  # question similarity from which a question counts as a bank question in other words
OTHER_FIT = 0.5  # an answer covering this share of another question's points...
TOPIC_BONUS = 0.08  # added to a question's similarity for each of its topic terms (up to 3) the asked question uses
MARGIN = 0.25  # ...and this much more than of this question's points is about that question


@dataclass(frozen=True)
class Fit:
    share: float  # weighted share of the points covered
    covered: int
    topic: int  # topic concepts found


@dataclass
class Judgement:
    question: Question
    addresses: bool
    score: float
    points: list[PointResult]
    red_flags: list[PointResult]
    topic_found: list[str] = field(default_factory=list)
    answer_about: str | None = None  # when it misses the question: what the answer is about
    words: int = 0

    @property
    def covered(self) -> list[PointResult]:
        return [p for p in self.points if p.covered]

    @property
    def flags_heard(self) -> list[PointResult]:
        return [f for f in self.red_flags if f.covered]

    def missing(self) -> list[PointResult]:
        """The points not covered, heaviest first (bank order among equals)."""
        return sorted((p for p in self.points if not p.covered), key=lambda p: -p.weight)

    def off_topic_line(self) -> str:
        about = self.answer_about or "something else"
        return f"That answer is about {about}; the question asked about {self.question.about}."


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    terms = []
    for q in bank.load().values():
        for p in q.points + q.flags:
            terms += [t for c in p.concepts for t in c.terms]
        terms += list(q.topic.terms)
    return Vocabulary(terms)


def index_of(text: str) -> Index:
    return Index(words(text, vocabulary()), text or "")


def fit(q: Question, index: Index) -> Fit:
    results = [judge_point(p, index) for p in q.points]
    total = sum(p.weight for p in q.points) or 1
    share = sum(r.weight for r in results if r.covered) / total
    return Fit(share, sum(1 for r in results if r.covered), _topic_count(q, index))


def _topic_count(q: Question, index: Index) -> int:
    """How many different topic terms the answer uses (said as absent or not: "no family contacts" is on the subject)."""
    return len({h.term for h in index.hits(q.topic)})


def best_other(q: Question, index: Index) -> tuple[Question | None, Fit]:
    """The bank question (not ``q``) that the answer fits best: its points, and its topic words."""
    best, best_fit, best_key = None, Fit(0.0, 0, 0), (0.0, 0)
    for other in bank.load().values():
        if other.id == q.id:
            continue
        f = fit(other, index)
        key = (f.share + TOPIC_BONUS * min(3, f.topic), f.topic)
        if key > best_key:
            best, best_fit, best_key = other, f, key
    return best, best_fit


def judge(q: Question, answer: str) -> Judgement:
    """The rubric judgement of ``answer`` to ``q`` (no claim check: see ``assess``)."""
    index = index_of(answer)
    points = [judge_point(p, index) for p in q.points]
    flags = [judge_point(f, index) for f in q.flags]
    own = fit(q, index)
    addresses, about = _addresses(q, index, own)
    if not addresses:  # words that happen to match a point, in an answer about something else, don't show it
        points = [replace(p, covered=False, found=[]) for p in points]
        flags = [replace(f, covered=False, found=[]) for f in flags]
    total = sum(p.weight for p in q.points) or 1
    score = round(sum(p.weight for p in points if p.covered) / total, 2) if addresses else 0.0
    topic = sorted({h.said for h in index.hits(q.topic)}, key=str.lower)
    return Judgement(q, addresses, score, points, flags, topic, about, sum(1 for w in index.words if w.text.isalpha()))


def _addresses(q: Question, index: Index, own: Fit) -> tuple[bool, str | None]:
    """Whether the answer is about the question; when not, what it is about instead.

    Off the question: it uses none of the question's topic words and covers none of its points; or it
    uses at most one topic word and fits another question clearly better, using that one's topic words.
    """
    if own.topic >= 2:
        return True, None
    other, other_fit = best_other(q, index)
    if own.covered == 0 and own.topic == 0:
        return False, _about(other, other_fit, index)
    if other is not None and other_fit.share >= OTHER_FIT and other_fit.share >= own.share + MARGIN and other_fit.topic >= 2:
        return False, _about(other, other_fit, index)
    return True, None


def _about(other: Question | None, other_fit: Fit, index: Index) -> str | None:
    if other is not None and other_fit.covered and other_fit.topic >= 2:
        return other.about
    theme = theme_of(index)
    return THEME_NAMES[theme].lower() if theme else None


def theme_of(index: Index) -> str | None:
    """The theme whose questions' topic words the text uses most (None when it uses none)."""
    counts: Counter = Counter()
    for q in bank.load().values():
        counts[q.theme] += _topic_count(q, index)
    theme, n = counts.most_common(1)[0] if counts else (None, 0)
    return theme if n else None


# ------------------------------------------------------------------ which bank question?
@dataclass(frozen=True)
class QuestionMatch:
    question: Question  # the bank question whose rubric is used
    asked: str  # the question as asked
    similarity: float
    near: bool  # False: no bank question was near, so the rubric is the theme's best-fitting question

    def as_dict(self) -> dict:
        return {
            "id": self.question.id if self.near else None,
            "text": self.question.text if self.near else self.asked,
            "theme": self.question.theme,
            "similarity": round(self.similarity, 2),
            "rubric": self.question.id,
        }


_STOP = None


def _content(text: str) -> list[str]:
    global _STOP
    if _STOP is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOP = STOP_WORDS | {"school", "careers", "career", "think", "tell", "really", "actually"}
    return [w.lemma for w in words(text, vocabulary()) if re.match(r"^[a-z0-9][a-z0-9+-]*$", w.lemma) and w.lemma not in _STOP]


@lru_cache(maxsize=1)
def _bank_vectors() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    docs = {q.id: Counter(_content(f"{q.text} {q.rephrase} {q.about} {' '.join(q.topic.written)}")) for q in bank.load().values()}
    df = Counter(t for d in docs.values() for t in d)
    idf = {t: math.log((1 + len(docs)) / (1 + n)) + 1 for t, n in df.items()}
    return {qid: _unit({t: c * idf[t] for t, c in d.items()}) for qid, d in docs.items()}, idf


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def similarities(text: str) -> list[tuple[float, Question]]:
    """Every bank question with its cosine similarity to ``text`` (lemmas, tf-idf), best first."""
    vectors, idf = _bank_vectors()
    v = _unit({t: c * idf.get(t, 1.0) for t, c in Counter(_content(text)).items()})
    qs = bank.load()
    index = index_of(text)
    scored = [
        (sum(w * vec.get(t, 0.0) for t, w in v.items()) + TOPIC_BONUS * min(3, _topic_count(qs[qid], index)), qs[qid])
        for qid, vec in vectors.items()
    ]
    return sorted(scored, key=lambda s: -s[0])


def match_question(text: str, answer: str = "") -> QuestionMatch:
    """The nearest bank question, or (none near) the best-fitting question of the question's theme."""
    ranked = similarities(text)
    sim, best = ranked[0]
    sim = min(1.0, sim)
    if sim >= NEAR:
        return QuestionMatch(best, text, sim, True)
    theme = theme_of(index_of(text)) or best.theme
    pool = [q for q in bank.load().values() if q.theme == theme]
    answer_index = index_of(answer)
    chosen = max(pool, key=lambda q: (fit(q, answer_index).share, -pool.index(q))) if answer else pool[0]
    return QuestionMatch(chosen, text, sim, False)
