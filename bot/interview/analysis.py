"""Transparent answer analysis: five criteria, each secure, developing or missing, with what was found.

Uses the coach's spaCy pipeline (tokens, numbers and the domain entity ruler) and the cue lists in
bot/content/interview.yml. It never gives an Ofsted grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot import nlp
from bot.interview import vocab
from bot.interview.bank import CRITERIA

LEVELS = ("missing", "developing", "secure")
_NUM = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|per ?cent\b)?|\b\d+\s+(?:of|out of)\s+\d+\b", re.I)


@dataclass
class Criterion:
    name: str
    label: str
    level: str
    found: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return LEVELS.index(self.level)


@dataclass
class Analysis:
    criteria: dict[str, Criterion]
    words: int

    def weakest(self, among=CRITERIA) -> list[str]:
        ranked = sorted((c for c in self.criteria.values() if c.name in among), key=lambda c: c.score)
        return [c.name for c in ranked if c.level != "secure"]

    def as_dict(self) -> dict:
        return {k: {"level": c.level, "found": c.found} for k, c in self.criteria.items()} | {"words": self.words}


def _cues(text_lower: str, cues) -> list[str]:
    found = []
    for cue in cues:
        c = str(cue).lower()
        pattern = re.escape(c) if not c[0].isalnum() else r"(?<![\w])" + re.escape(c) + r"(?![\w])"
        if re.search(pattern, text_lower):
            found.append(c)
    return found


def _level(n: int, secure_at: int) -> str:
    return "secure" if n >= secure_at else ("developing" if n >= 1 else "missing")


def analyse(text: str) -> Analysis:
    text = text or ""
    lower = text.lower()
    cfg = vocab.load()["criteria"]
    doc = nlp.load()(text[:20000])
    ents = nlp.entities(text[:20000])
    words = sum(1 for t in doc if t.is_alpha)
    taken = [(e.start, e.end) for e in ents if e.label in ("year_group", "benchmark")]
    numbers = []
    for m in _NUM.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or re.search(r"level\s*$", text[max(0, m.start() - 7) : m.start()], re.I):
            continue  # "Year 11", "Benchmark 3" and "Level 6" are names, not figures
        numbers.append(m.group(0).strip())
    dates = [e.text for e in ents if e.label == "academic_year"]
    out: dict[str, Criterion] = {}

    ev_cues = _cues(lower, cfg["evidence"]["cues"])
    ev_found = list(dict.fromkeys(numbers + dates)) + ev_cues
    n_fig = len(set(numbers + dates))
    level = "secure" if n_fig >= 2 or (n_fig >= 1 and ev_cues) else ("developing" if (n_fig or ev_cues) else "missing")
    out["evidence"] = Criterion("evidence", cfg["evidence"]["label"], level, ev_found[:6])

    year_groups = [e.text for e in ents if e.label == "year_group"]
    activities = [e.text for e in ents if e.label == "activity_type"]
    partners = _proper_names(doc)
    sp = list(dict.fromkeys(year_groups + activities + partners + _cues(lower, cfg["specificity"]["cues"])))
    out["specificity"] = Criterion("specificity", cfg["specificity"]["label"], _level(len(sp), 3), sp[:6])

    imp = _cues(lower, cfg["impact"]["cues"]) + [e.text for e in ents if e.label == "destination"]
    imp = list(dict.fromkeys(imp))
    out["impact"] = Criterion("impact", cfg["impact"]["label"], _level(len(imp), 2), imp[:6])

    inc = list(dict.fromkeys(_cues(lower, cfg["inclusion"]["cues"]) + [e.text.lower() for e in ents if e.label == "pupil_group"]))
    out["inclusion"] = Criterion("inclusion", cfg["inclusion"]["label"], _level(len(inc), 2), inc[:6])

    st = list(dict.fromkeys(_cues(lower, cfg["statutory"]["cues"]) + [e.text for e in ents if e.label == "benchmark"]))
    out["statutory"] = Criterion("statutory", cfg["statutory"]["label"], _level(len(st), 2), st[:6])
    return Analysis(out, words)


def _proper_names(doc) -> list[str]:
    """Capitalised words that do not start a sentence: a transparent stand-in for named partners."""
    names, current = [], []
    skip = {
        "I",
        "We",
        "Our",
        "The",
        "In",
        "Year",
        "Years",
        "Y7",
        "Y8",
        "Y9",
        "Y10",
        "Y11",
        "Y12",
        "Y13",
        "Gatsby",
        "Benchmark",
        "Ofsted",
        "SEND",
        "SEN",
        "EHC",
        "KS4",
        "KS5",
        "NEET",
        "Compass",
        "A",
        "It",
        "This",
        "They",
    }
    prev_end = True
    for tok in doc:
        starts = prev_end
        prev_end = tok.text in {".", "!", "?", "\n", "\n\n"} or tok.is_space
        if tok.is_alpha and tok.text[0].isupper() and not starts and tok.text not in skip and not tok.is_upper:
            current.append(tok.text)
        else:
            if current:
                names.append(" ".join(current))
            current = []
    if current:
        names.append(" ".join(current))
    return list(dict.fromkeys(names))
