"""Text matching over the content files: which knowledge topic, which interview theme.

Linear classifiers on TF-IDF word and character n-grams, trained at start-up from the YAML
content in well under a second: small, offline, deterministic and explainable (each match also
reports the closest written example). Accuracy on held-out questions is in bench/results.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

from bot import nlp, spelling
from bot.interview import bank
from bot.knowledge.base import KNOWLEDGE_FILE, staff_questions, topics

_PREFIX = re.compile(
    r"^\s*(how (should|would|do|could|can) i (best )?(answer|respond( to)?|reply( to)?|handle)"
    r"( this| that| the question| a question like| if (they|the inspector|an inspector) asks?( me)?| when (they|the inspector) asks?( me)?)?"
    r"|what'?s a (good|strong) answer (to|for)|help me answer|what (should|do) i say (to|if (they|the inspector) asks?( me)?)"
    r"|if (they|the inspector|an inspector) asks?( me)?)\s*[:\-–,]?\s*",
    re.I,
)


# "what do i say if a parent asks why her yr7 is already doing careers": the question asked is what to match.
_ASKED_BY_SOMEONE = re.compile(
    r"^\s*(?:what (?:should|do|can|would) i (?:say|tell (?:her|him|them)|answer|reply)(?: to)?|how (?:should|do|can) i (?:answer|reply to|respond to))"
    r"\s+(?:if|when)\s+(?:a|one of our|our|my|the)\s+(?:parents?|carers?|governors?|pupils?|students?|head(?:teacher)?|colleagues?|mum|dad)"
    r"\s+(?:asks?|says?|wants to know)(?: me)?\s*[:,-]?\s*",
    re.I,
)


def _question_asked(text: str) -> str:
    rest = _ASKED_BY_SOMEONE.sub("", text)
    return rest if len(rest.split()) >= 3 else text


def strip_request(text: str) -> str:
    """'How should I answer this: how do you ...?' -> 'how do you ...?'"""
    stripped = _PREFIX.sub("", text or "").strip().strip("'\"“”‘’").strip()
    return stripped or (text or "")


@dataclass(frozen=True)
class Match:
    key: str
    score: float
    example: str


class Classifier:
    def __init__(self, docs: Sequence[tuple[str, str]], C: float = 1.0):
        self.keys = [k for k, _ in docs]
        self.texts = [t for _, t in docs]
        self.features = make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english"),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
        )
        self.matrix = self.features.fit_transform(self.texts)
        self.model = LinearSVC(C=C, random_state=0).fit(self.matrix, self.keys)

    def predict(self, text: str) -> Match:
        x = self.features.transform([text])
        scores = self.model.decision_function(x).ravel()
        best = int(scores.argmax())
        key = self.model.classes_[best]
        sims = linear_kernel(x, self.matrix).ravel()
        idx = max((i for i, k in enumerate(self.keys) if k == key), key=lambda i: sims[i])
        return Match(str(key), float(scores[best]), self.texts[idx])

    def predict_among(self, text: str, keys: frozenset[str], prior: dict[str, float] = None) -> Match | None:
        """The best of ``keys`` only (a named duty or benchmark has already narrowed the topics); ``prior`` adds to scores."""
        x = self.features.transform([text])
        scores = self.model.decision_function(x).ravel()
        allowed = [i for i, k in enumerate(self.model.classes_) if k in keys]
        if not allowed:
            return None
        best = max(allowed, key=lambda i: scores[i] + (prior or {}).get(self.model.classes_[i], 0.0))
        key = self.model.classes_[best]
        sims = linear_kernel(x, self.matrix).ravel()
        idx = max((i for i, k in enumerate(self.keys) if k == key), key=lambda i: sims[i])
        return Match(str(key), float(scores[best]), self.texts[idx])

    def nearest(self, text: str, keys: set | None = None) -> tuple[int, float] | None:
        sims = linear_kernel(self.features.transform([text]), self.matrix).ravel()
        order = [i for i in sims.argsort()[::-1] if keys is None or self.keys[i] in keys]
        return (order[0], float(sims[order[0]])) if order else None


@lru_cache(maxsize=1)
def topic_classifier() -> Classifier:
    docs: list[tuple[str, str]] = []
    for t in topics().values():
        docs += [(t.id, t.title), (t.id, t.answer)] + [(t.id, e) for e in t.examples]
    return Classifier(docs + list(staff_questions()), C=3.0)


@lru_cache(maxsize=1)
def theme_classifier() -> Classifier:
    docs: list[tuple[str, str]] = []
    for q in bank.load().values():
        docs += [(q.theme, q.text), (q.theme, q.rephrase)] + [(q.theme, p.text) for p in q.probes]
        docs += [(q.theme, s) for s in q.strong_answer + q.red_flags]
    for t in topics().values():  # knowledge topics tied to a theme add its vocabulary
        if t.theme:
            docs += [(t.theme, e) for e in t.examples]
    return Classifier(docs, C=0.5)


@lru_cache(maxsize=1)
def question_classifier() -> Classifier:
    return Classifier([(q.id, q.text + " " + q.rephrase) for q in bank.load().values()])


TOPIC_THRESHOLD = -0.55  # below this decision score the question matches no topic well


@dataclass(frozen=True)
class Route:
    cue: re.Pattern
    topics: frozenset[str]


@lru_cache(maxsize=1)
def _raw_routes() -> dict:
    return yaml.safe_load(KNOWLEDGE_FILE.read_text(encoding="utf-8")).get("routes") or {}


@lru_cache(maxsize=1)
def all_benchmarks() -> Route:
    """All eight benchmarks named together ("GB1-8"): their shared topics, not Benchmark 1's."""
    raw = _raw_routes()["all_benchmarks"]
    return Route(re.compile(rf"\b(?:{raw['cue']})", re.I), frozenset(raw["topics"]))


@lru_cache(maxsize=1)
def routes() -> tuple[dict[str, frozenset[str]], tuple[Route, ...]]:
    """(topics per benchmark number, named-duty routes) from knowledge.yml's ``routes``."""
    raw = _raw_routes()
    every = tuple(raw.get("every_benchmark") or ())
    by_number = {
        str(n): frozenset((f"gatsby_benchmark_{n}",) + every + tuple((raw.get("benchmark") or {}).get(str(n)) or ())) for n in range(1, 9)
    }
    named = tuple(Route(re.compile(rf"\b(?:{r['cue']})", re.I), frozenset(r["topics"])) for r in raw.get("named") or ())
    return by_number, named


BENCHMARK_PRIOR = 1.0  # a named benchmark's own topic wins unless another allowed topic fits clearly better


def _benchmarks(text: str) -> list[str]:
    if all_benchmarks().cue.search(text):
        return []
    return [e.value for e in nlp.entities(text) if e.label == "benchmark"]


def candidates(text: str) -> frozenset[str]:
    """The topics a benchmark number or a named duty in ``text`` allows (empty: no such cue)."""
    by_number, named = routes()
    allowed: set = set(all_benchmarks().topics if all_benchmarks().cue.search(text) else ())
    for n in _benchmarks(text):
        allowed |= by_number.get(n, frozenset())
    for r in named:
        if r.cue.search(text):
            allowed |= r.topics
    return frozenset(allowed)


def find_topic(text: str) -> Match | None:
    """The topic for a question: a benchmark number or named duty decides the candidates first."""
    text = _question_asked(spelling.corrected_text(text or ""))
    allowed = candidates(text)
    if allowed:
        prior = {f"gatsby_benchmark_{n}": BENCHMARK_PRIOR for n in _benchmarks(text)}
        return topic_classifier().predict_among(text, allowed, prior)
    m = topic_classifier().predict(text)
    return _thematic(text, m) if m.score >= TOPIC_THRESHOLD else None


UNNAMED_BENCHMARK_MARGIN = 1.0  # how much better a benchmark's topic must fit than its theme's when no benchmark is named
_NAMES_A_BENCHMARK = re.compile(r"\b(?:benchmarks?|gatsby|gb|bm)\b", re.I)


def _thematic(text: str, m: Match) -> Match:
    """A question naming no benchmark ("does every key stage need to use lmi") is the theme's topic, not the benchmark's
    (labour_market_information, not Benchmark 2), unless the benchmark's topic fits clearly better."""
    if not m.key.startswith("gatsby_benchmark_") or _NAMES_A_BENCHMARK.search(text):
        return m
    themes = frozenset((_raw_routes().get("benchmark") or {}).get(m.key.rsplit("_", 1)[1]) or ())
    alt = topic_classifier().predict_among(text, themes) if themes else None
    return alt if alt is not None and alt.score >= m.score - UNNAMED_BENCHMARK_MARGIN else m


def answer_topic(text: str) -> tuple[Match | None, bool]:
    """The topic a knowledge answer uses, and whether it is only the nearest: a question about careers, Ofsted,
    Gatsby, destinations, SEND or providers is never turned away, so one that fits no topic well gets the
    nearest, said to be the nearest."""
    m = find_topic(text)
    if m is not None:
        return m, False
    from bot.routing import rules

    text = spelling.corrected_text(text or "")
    if not rules().in_domain.search(text):
        return None, False
    return _thematic(text, topic_classifier().predict(text)), True


def find_theme(text: str) -> Match:
    return theme_classifier().predict(strip_request(text))


def nearest_question(text: str, theme: str | None = None) -> bank.Question | None:
    clf = question_classifier()
    keys = {q.id for q in bank.load().values() if theme is None or q.theme == theme}
    found = clf.nearest(strip_request(text), keys)
    return bank.load()[clf.keys[found[0]]] if found else None
