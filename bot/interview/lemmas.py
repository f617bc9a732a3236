"""Words as lemmas, for matching answers against the question bank's rubric.

The lemmas come from spaCy's lookup lemmatiser (the English table in ``spacy-lookups-data``) on the
blank English tokenizer; typos are matched with rapidfuzz's Levenshtein distance against the
rubric's own words. Nothing here is a hand-written suffix rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Words dropped from both the rubric's terms and the answers, so "the board" matches "our board".
DROPPED = frozenset(
    {
        "the",
        "a",
        "an",
        "our",
        "their",
        "his",
        "her",
        "its",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        # fillers of spoken answers: "he doesn't really report back" reads as "doesn't report back"
        "really",
        "actually",
        "erm",
        "um",
        "er",
        "uh",
        "basically",
    }
)
NEGATORS = frozenset({"no", "not", "n't", "never", "without", "nobody", "none", "nothing", "nowhere", "neither", "nor"})
KEPT = frozenset({"%", "£", "&"})  # symbols that carry meaning in answers ("94%", "£2,000")
_SENTENCE_END = frozenset({".", "!", "?", ";"})


@dataclass(frozen=True)
class Word:
    text: str  # as written (lower case)
    lemma: str  # the lemma, or the rubric word a typo was matched to
    start: int  # character offsets in the original text
    end: int
    fuzzy: bool = False  # the lemma came from a typo match
    sentence: int = 0  # which sentence (for negation)
    number: bool = False  # a figure ("98", "94.8", "2024/25"): matched by the rubric term NUMBER


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def _table():
    return _nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """The same lookup table as plain text (spaCy's Table keeps only hashes of its keys)."""
    import spacy_lookups_data
    import srsly

    return srsly.read_gzip_json(Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz")


@lru_cache(maxsize=20000)
def lemma(word: str) -> str:
    """The lemma of one lower-case word (the word itself when the table has none)."""
    return _table().get(word, word)


def words(text: str, vocabulary: Vocabulary | None = None) -> list[Word]:
    """The text's words (lower-cased, punctuation dropped), with lemmas and, given a vocabulary, typos resolved."""
    doc = _nlp().make_doc((text or "")[:20000].lower())
    out: list[Word] = []
    sentence = 0
    for tok in doc:
        if tok.text in _SENTENCE_END or "\n" in tok.text:
            sentence += 1
            continue
        if (tok.is_punct and tok.text not in KEPT) or tok.is_space:
            continue
        if tok.text in DROPPED and not (tok.text == "a" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_.startswith("level")):
            continue  # ("A levels" keeps its "a")
        lem = lemma(tok.text)
        fuzzy = False
        if vocabulary is not None and lem not in vocabulary.lemmas:
            guess = vocabulary.correct(tok.text)
            if guess is not None:
                lem, fuzzy = guess, True
        out.append(Word(tok.text, lem, tok.idx, tok.idx + len(tok.text), fuzzy, sentence, tok.text[0].isdigit()))
    return out


NUMBER = "<number>"


def term(text: str) -> tuple[str, ...]:
    """A rubric term as its sequence of lemmas ("NUMBER" stands for any figure: "NUMBER of NUMBER")."""
    return tuple(NUMBER if w.text == "number" and "NUMBER" in text else w.lemma for w in words(text))


class Vocabulary:
    """The rubric's words: typos in answers are matched to these, and only to these."""

    def __init__(self, terms: Iterable[tuple[str, ...]]):
        self.lemmas: frozenset[str] = frozenset(w for t in terms for w in t)
        forms: dict[str, str] = {w: w for w in self.lemmas if len(w) >= 5 and w.isalpha()}
        for form, lem in _forms().items():  # inflected forms of the rubric's lemmas: "recieved" is near "received"
            if lem in forms and form.isalpha() and len(form) >= 5:
                forms.setdefault(form, lem)
        self._forms = forms
        self._choices = list(forms)
        self._known = None

    def known(self, word: str) -> bool:
        """A word the lemma table knows (as a form or a lemma) is never treated as a typo."""
        if self._known is None:
            table = _forms()
            self._known = frozenset(table) | frozenset(table.values())
        return word in self._known

    @lru_cache(maxsize=20000)  # noqa: B019 (one Vocabulary per process: it lives as long as the cache)
    def correct(self, word: str) -> str | None:
        """The rubric lemma a misspelt word stands for (Levenshtein distance 1, or 2 from 8 letters), or None."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        if len(word) < 5 or not word.isalpha() or self.known(word):
            return None
        limit = 1 if len(word) < 8 else 2
        hit = process.extractOne(word, self._choices, scorer=Levenshtein.distance, score_cutoff=limit)
        if hit is None or hit[0][0] != word[0]:
            return None
        return self._forms[hit[0]]
