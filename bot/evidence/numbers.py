"""Figures as people say them: "93%", "nearly 95 per cent", "92 of 97", "nine in ten", "all", "an 8-point gap".

`find_values(text)` returns every figure in a piece of text, in order, each with what was said, the
value as a percentage (or percentage points for a gap), the precision it was said to, and the
qualifier ("about", "nearly", "over" ...). `agrees(value, record)` applies the tolerance the
qualifier allows (the tolerance rules, the project's own, are in `agrees` and `count_agrees`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.evidence.figures import round_half_away

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_BIG_WORD = r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_UNITS) + r"))?|one hundred|a hundred)"
_NUM = r"\d{1,3}(?:\.\d+)?"
_WORD = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_ANY_WORD = rf"(?:{_BIG_WORD}|{_WORD})"
_PERCENT = re.compile(rf"(?<![\d.£$])({_NUM})\s*(?:%|per ?cent\b|percent\b|pc\b)(\s*(?:\+|plus\b))?", re.I)
# Not the end of a year ("2024/25 PP figure") nor pupil premium pupils ("25 PP pupils").
_POINTS = re.compile(
    rf"(?<![\d./])(?<!\d-)({_NUM})(?:\s*|-)(?:percentage[- ])?(?:points?|pts?|pp(?!\s+(?:pupils|students|kids|children|leavers|learners|cohort|figures?|group)\b)|ppts)\b",
    re.I,
)
_FRACTION = re.compile(
    r"(?<![\d./])(\d{1,5})\s+(?:(?!(?:days?|weeks?|hours?|years?|times|terms?|points?)\b)[a-z]+\s+(?=out of))?(?:of|out of)\s+"
    r"(?:our|the|all|those|them|these|its|their)?\s*"
    r"(?:this year'?s\s+|last year'?s\s+)?(?:[a-z]+\s+){0,2}?(\d{1,5})(?![\d%/]|\.\d)",
    re.I,
)
_WORD_FRACTION = re.compile(
    rf"\b({_ANY_WORD}|\d{{1,3}})\s+(?:of|out of)\s+(?:our|the|those|them|these|its|their)?\s*({_ANY_WORD}|\d{{1,5}})\b(?![%.]\d|\s*%|\s*[/–-]\s*\d)",
    re.I,
)
_DIGITS = {"zero": 0, "oh": 0, "nought": 0, **_UNITS}
_DIGIT = "|".join(_DIGITS)
# "eighty-seven point five per cent": the decimal said in words too.
_WORD_PERCENT = re.compile(rf"\b({_ANY_WORD})(?:\s+point\s+((?:{_DIGIT})(?:\s+(?:{_DIGIT}))?))?(?:\s+|-)(?:per ?cent|percent)\b", re.I)
# "Seven of eight sustained, eighty-seven point five": a rate said aloud, its "per cent" left off (tens and up only).
_WORD_DECIMAL = re.compile(
    rf"\b((?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?)\s+point\s+((?:{_DIGIT})(?:\s+(?:{_DIGIT}))?)\b(?!(?:\s+|-)(?:per ?cent|percent|points?)\b)",
    re.I,
)
_WORD_POINTS = re.compile(rf"\b({_ANY_WORD})(?:\s+|-)(?:percentage[- ])?(?:points\b|point\b(?!\s+(?:{_DIGIT})\b))", re.I)
# Not "Y10/11" or "Years 8/9": year groups.
_SLASH = re.compile(r"(?<![\d/.])(?<![yY])(?<![yY]rs )(?<![yY]ears )(?<![yY]ear )(?<![yY]r )(\d{1,3})\s*/\s*(\d{1,3})(?![\d/]|\.\d)")
_IN_N = re.compile(rf"\b({_WORD}|\d)\s+(?:in|out of)\s+(every\s+)?({_WORD}|10|5|4|3)\b(?!\s*(?:%|per))", re.I)
_SHARE_WORDS = {
    "half": Decimal(50),
    "a half": Decimal(50),
    "another half": Decimal(50),
    "another third": Decimal("33.3"),
    "another quarter": Decimal(25),
    "a further quarter": Decimal(25),
    "a further third": Decimal("33.3"),
    "a third": Decimal("33.3"),
    "one third": Decimal("33.3"),
    "two thirds": Decimal("66.7"),
    "two-thirds": Decimal("66.7"),
    "a quarter": Decimal(25),
    "one quarter": Decimal(25),
    "three quarters": Decimal(75),
    "three-quarters": Decimal(75),
    "a fifth": Decimal(20),
    "one fifth": Decimal(20),
}
_SHARE = re.compile(
    r"(?<!first )(?<!second )(?<!the )(?<!last )(?<!by )\b(" + "|".join(sorted(_SHARE_WORDS, key=len, reverse=True)) + r")\b"
    r"(?=\s+(?:of|the|our|all|were|are|had|have|went|did|got|in|at|into|to|stayed|started|moved|sustained|done|going|"
    r"this|last|so|now|by|from|for|and|having|doing|attended|completed|met)\b|\s*[.,;)!?]|\s*$)",
    re.I,
)
_PUPILS = (
    r"(?:pupils?|students?|leavers?|learners?|young people|children|child|kids?|boys?|girls?|year\s*\d{1,2}s?|y\d{1,2}s?|yr\s*\d{1,2}s?|cohort|them|those|our"
    r"|(?<=of the )(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b|(?<=of our )(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b)"
)
_ALL = re.compile(
    rf"\b((?:almost|nearly|virtually|practically|just about)\s+)?(all|every single|every one|everyone|everybody|every)\b(?!\s+(?:but|except|bar|apart)\b)(\s+(?:of\s+|in\s+)?(?:the\s+|our\s+|this\s+year'?s\s+|last\s+year'?s\s+)?(?:\w+\s+){{0,2}}?{_PUPILS})",
    re.I,
)
# "Year 9 all had", "who were all sustained": "all" after the pupils it counts, before what they did.
_ALL_AFTER = re.compile(
    rf"\b(?:{_PUPILS}|they|who|we)\s+(?:have\s+|had\s+|were\s+|are\s+|'ve\s+)?(all)\b(?=\s+(?:had|have|met|sustained|went|got|did|done|"
    rf"attended|completed|took|secured|stayed|been|received|gone|moved|started)\b)",
    re.I,
)
_NONE = re.compile(
    rf"\b(none|not one|nobody|no one)\b(\s+(?:of\s+)?(?:the\s+|our\s+)?(?:\w+\s+){{0,2}}?{_PUPILS})?"
    rf"|\b(no)\b(\s+(?:pupils?|students?|leavers?|learners?|young people|one|year\s*\d{{1,2}}s?|y\d{{1,2}}s?))",
    re.I,
)
# Where a count of pupils went: "16 to university", "3 to FE college", "two into jobs".
_PLACES = (
    r"(?:universit(?:y|ies)|college|fe\b|further education|higher education|sixth[- ]form|apprentice\w*|employment|jobs?|work\b|training)"
)
# A count of pupils: "six of them went to university", "18 went into an apprenticeship", "only one pupil".
_COUNT = re.compile(
    rf"(?<![\d.£$/-])\b({_ANY_WORD}|\d{{1,3}})\b(?![%.,]\d|\s*(?:%|per|/|-|of\s+(?:our|the|all)?\s*\d|out of|in\s+(?:every|ten|10)))"
    rf"(?=\s+(?:of\s+(?:them|those|these)\b|of\s+(?:our|the|last year'?s|this year'?s)\s+(?:[\w-]+\s+){{0,3}}?(?:pupils?|students?|leavers?|learners?|boys|girls|year\s*\d{{1,2}}s)\b|(?:more\s+|other\s+|\w+\s+)?(?:pupils?|students?|leavers?|learners?|young people|boys|girls)\b|"
    rf"(?:went|are|were|have|had|did|got|started|stayed|moved|left|secured|sustained|took|progressed|dropped)\b|"
    rf"(?:to|into)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?{_PLACES}|not\s+(?:sustained|captured)\b))",
    re.I,
)
# A destination named just before a count in a list: "FE 33, employment 5, NEET 2" (not "sixth form": a stage too).
_LABELLED_COUNT = re.compile(
    r"\b(?:fe|further education|college|universit(?:y|ies)|he|higher education|apprenticeships?|employment|jobs?|work|neet)\s+(\d{1,3})\b"
    r"(?![%/:]|\.\d|\s*(?:%|per|points?|pts|pp|of\b|out of))",
    re.I,
)
# "all six", "all 15 of them": every one of a stated number; "all but two": that many short of everyone.
_ALL_N = re.compile(
    rf"\b(all|every one of the|each of the)\s+({_ANY_WORD}|\d{{1,3}})\b(?!\.\d|\s*(?:%|per|years?\b|benchmarks?\b|of the (?:eight|8) benchmarks))",
    re.I,
)
_ALL_BUT = re.compile(
    rf"\b(?:all|everyone|every (?:pupil|student|leaver|one)) (?:but|except|bar|apart from)\s+({_ANY_WORD}|\d{{1,2}})\b", re.I
)
# Provider events counted, not pupils: "three provider encounters were held", "we ran two provider assemblies". Not "the
# two encounters" or "their two encounters" (the law's two), nor "two-encounter standard", nor "two encounters each".
_EVENTS = re.compile(
    rf"(?<![\d.£$/-])(?<!the )(?<!their )(?<!least )(?<!both )(?<!and )(?<!or )\b({_ANY_WORD}|\d{{1,2}})(?![-\d%])\s+"
    rf"(?:(?:more|separate|different|further|other)\s+)?(?:(?:provider|college|utc|training provider|apprenticeship provider)\s+)?"
    rf"(?:encounters?|visits?|sessions?|assembl(?:y|ies)|events?|talks?)\b(?!\s+(?:each|apiece|per pupil|or more))",
    re.I,
)
_PROVIDER_WORDS = re.compile(r"\bprovider|\bphase\b|\bwindow\b|\bbaker\b|\bpal\b|\butc\b", re.I)
_EXCEPTION_BEFORE = re.compile(r"\b(?:bar|barring|except(?: for)?|apart from|but|other than|save for|with the exception of)\s+$", re.I)
_TIME_YEAR = re.compile(r"\b(?:last|this|that|each|every|per|a|the same|next)\s+year,?\s*$", re.I)
_YEARLIKE = re.compile(r"\b(?:year|yr|y|years)\s*$", re.I)
_YEAR_RANGE_END = re.compile(r"\b(?:years?|yrs?|y)\s*\d{1,2}\s*(?:to|-|–|and|&)\s*$", re.I)  # "Years 9 to 13"

QUALIFIERS = (
    ("just_over", r"(?:just|slightly|a little|a bit)\s+(?:over|above|more than)"),
    ("nearly", r"nearly|almost|just under|just below|just short of|just shy of|close to|not quite|getting on for"),
    ("over", r"well over|well above|over|above|more than|at least|upwards of|in excess of|north of|greater than"),
    ("under", r"under|below|less than|fewer than|at most|no more than|not even"),
    ("about", r"about|around|roughly|approximately|approx\.?|circa|c\.|~|some|round about|in the region of|more or less"),
)
_QUALIFIER = re.compile(r"(?:^|[\s(])(" + "|".join(p for _, p in QUALIFIERS) + r")\s*(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class Value:
    """A figure as said. ``value`` is a percentage, or percentage points when ``kind`` is "points"."""

    said: str
    start: int
    end: int
    kind: str  # "percent", "fraction", "share" (words), "all", "all_but", "none", "points", "count" (pupils), "events"
    value: Decimal
    places: int = 0  # decimal places it was said to
    qualifier: str = "exact"  # exact, about, nearly, over, under, just_over
    count: int | None = None
    base: int | None = None

    @property
    def is_gap(self) -> bool:
        return self.kind == "points"


def _qualifier(text: str, start: int) -> tuple[str, int]:
    """The qualifier just before a figure ("about", "nearly" ...) and where it starts."""
    lo = max(0, start - 24)
    m = _QUALIFIER.search(text[lo:start])
    if not m:
        return "exact", start
    word = m.group(1).lower()
    for name, pattern in QUALIFIERS:
        if re.fullmatch(pattern, word, re.I):
            if name != "about" and re.search(r"\bthe\s*$", m.group(0), re.I):
                return "exact", start  # "well above the 2.4% national figure": a comparison with that figure, not a hedge
            return name, lo + m.start(1)
    return "exact", start


def _value(text: str, start: int, end: int, kind: str, value: Decimal, places: int = 0, **extra) -> Value:
    """A Value whose ``said`` includes its qualifier: "about 90%"."""
    q, at = _qualifier(text, start)
    q = extra.pop("qualifier", None) or q
    return Value(text[at:end], at, end, kind, value, places, q, **extra)


def _places(raw: str) -> int:
    return len(raw.split(".")[1]) if "." in raw else 0


def _word_int(raw: str) -> int:
    """ "seven" -> 7, "forty-four" -> 44, "one hundred" -> 100, "12" -> 12."""
    raw = raw.lower()
    if raw in WORD_NUMBERS:
        return WORD_NUMBERS[raw]
    if raw in ("one hundred", "a hundred"):
        return 100
    parts = re.split(r"[- ]", raw)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return int(raw)


def _word_decimal(whole: str, digits: str | None) -> tuple[Decimal, int]:
    """ "eighty-seven", "five" -> (87.5, 1); no digits -> the whole number."""
    said = [str(_DIGITS[d.lower()]) for d in (digits or "").split()]
    n = _word_int(whole)
    return (Decimal(f"{n}.{''.join(said)}"), len(said)) if said else (Decimal(n), 0)


def _candidates(text: str) -> list[Value]:
    found: list[Value] = []
    for m in _POINTS.finditer(text):
        found.append(_value(text, m.start(), m.end(), "points", Decimal(m.group(1)), _places(m.group(1))))
    for m in _PERCENT.finditer(text):
        found.append(
            _value(text, m.start(), m.end(), "percent", Decimal(m.group(1)), _places(m.group(1)), qualifier="over" if m.group(2) else None)
        )
    for m in _FRACTION.finditer(text):
        count, base = int(m.group(1)), int(m.group(2))
        if base == 0 or count > base or _YEARLIKE.search(text[: m.start(2)]) or (base == 10 and "out of" in m.group(0)):
            continue
        found.append(Value(m.group(0), m.start(), m.end(), "fraction", Decimal(count) * 100 / Decimal(base), 1, "exact", count, base))
    for rx, kind in ((_WORD_PERCENT, "percent"), (_WORD_POINTS, "points")):
        for m in rx.finditer(text):
            value, places = _word_decimal(m.group(1), m.group(2) if kind == "percent" else None)
            if 0 <= value <= 100:
                found.append(_value(text, m.start(), m.end(), kind, value, places))
    for m in _WORD_DECIMAL.finditer(text):
        found.append(_value(text, m.start(), m.end(), "percent", *_word_decimal(m.group(1), m.group(2))))
    for m in _SLASH.finditer(text):
        count, base = int(m.group(1)), int(m.group(2))
        if base == 0 or count > base or (base == count + 1 and 15 <= count <= 40):  # "23/24" is a year
            continue
        kind, places = ("share", 0) if base <= 4 else ("fraction", 1)
        found.append(
            Value(
                m.group(0),
                m.start(),
                m.end(),
                kind,
                Decimal(count) * 100 / Decimal(base),
                places,
                "exact",
                None if kind == "share" else count,
                None if kind == "share" else base,
            )
        )
    for m in _WORD_FRACTION.finditer(text):
        count, base = _word_int(m.group(1)), _word_int(m.group(2))
        if 0 < count <= base and base > 1:
            found.append(Value(m.group(0), m.start(), m.end(), "fraction", Decimal(count) * 100 / Decimal(base), 1, "exact", count, base))
    for m in _IN_N.finditer(text):
        n, d = _word_int(m.group(1)), _word_int(m.group(3))
        if 0 < n <= d:
            found.append(_value(text, m.start(), m.end(), "share", Decimal(n) * 100 / Decimal(d)))
    for m in _SHARE.finditer(text):
        if re.search(rf"\b(?:\d+|{_WORD}) and $", text[: m.start(1)], re.I):
            continue  # "two and a half"
        found.append(_value(text, m.start(1), m.end(1), "share", _SHARE_WORDS[m.group(1).lower()]))
    return found + _counts(text) + _events(text)


def _events(text: str) -> list[Value]:
    """Provider events counted ("only one provider encounter was held"), in a sentence about provider access."""
    if not _PROVIDER_WORDS.search(text):
        return []
    found = []
    for m in _EVENTS.finditer(text):
        n = _word_int(m.group(1))
        if 0 < n <= 20 and not _YEARLIKE.search(text[: m.start(1)]):
            found.append(_value(text, m.start(1), m.end(), "events", Decimal(n), count=n))
    return found


def labelled_count(text: str, v: Value) -> bool:
    """Whether ``v`` is a count in a list labelled by destination ("FE 33, employment 5"): a tally, verb or none."""
    return v.kind == "count" and any(m.start(1) == v.start for m in _LABELLED_COUNT.finditer(text))


def _counts(text: str) -> list[Value]:
    """Figures said as counts of pupils: "all", "all six", "all but two", "none", "eighteen went"."""
    found: list[Value] = []
    for m in _ALL.finditer(text):
        n = re.match(rf"\s+({_ANY_WORD}|\d{{1,3}})\b(?!\s*%)", m.group(3))
        size = _word_int(n.group(1)) if n and not m.group(1) else None  # "all six girls"
        size = None if size == 1 else size  # "every single one of them" is everyone, not a group of one
        found.append(Value(m.group(0), m.start(), m.end(), "all", Decimal(100), 0, "nearly_all" if m.group(1) else "exact", size, size))
    for m in _ALL_AFTER.finditer(text):
        found.append(Value(m.group(1), m.start(1), m.end(1), "all", Decimal(100), 0, "exact"))
    for m in _ALL_N.finditer(text):
        n = _word_int(m.group(2))
        if n > 1 and not _YEARLIKE.search(text[: m.start(2)]):
            found.append(Value(m.group(0), m.start(), m.end(), "all", Decimal(100), 0, "exact", n, n))
    for m in _ALL_BUT.finditer(text):
        found.append(Value(m.group(0), m.start(), m.end(), "all_but", Decimal(_word_int(m.group(1))), 0, "exact"))
    for m in _COUNT.finditer(text):
        before = text[: m.start(1)]
        if (_YEARLIKE.search(before) and not _TIME_YEAR.search(before)) or _YEAR_RANGE_END.search(before):
            continue  # "Year 11 went", but not "last year 18 went"
        exception = _EXCEPTION_BEFORE.search(before)
        if exception:  # "Every Year 7 had an employer encounter bar one pupil": everyone but one, not one
            if re.search(r"\b(?:all|every|everyone|everybody)\b", before, re.I):
                found.append(
                    Value(text[exception.start() : m.end(1)], exception.start(), m.end(1), "all_but", Decimal(_word_int(m.group(1))))
                )
            continue
        n = _word_int(m.group(1))
        found.append(_value(text, m.start(1), m.end(1), "count", Decimal(n), count=n))
    for m in _LABELLED_COUNT.finditer(text):
        n = int(m.group(1))
        found.append(Value(m.group(1), m.start(1), m.end(1), "count", Decimal(n), 0, "exact", n))
    for m in _NONE.finditer(text):
        if m.group(3) or m.group(2) or (m.group(1) or "").lower() in ("nobody", "no one", "none"):
            found.append(Value(m.group(0), m.start(), m.end(), "none", Decimal(0), 0, "exact"))
    return found


_BARE = re.compile(
    r"\b(?:to|at|was|were|is|of|reached|hit|then|under|over|like|about|around|nearly|almost)\s(\d{1,2}(?:\.\d)?)(?![\d%/]|\.\d|[-–]\d|\s*(?:per|percentage|points?|pts|pp)\b)"
    r"(?!\s+(?:pupils?|students?|leavers?|of\b|out\b|in\s+(?:every|ten|10)\b))",
    re.I,
)


# A one-decimal number said bare, as in tables and notes ("KS4 dests 2024/25 = 94.8", "girls 93.1, boys 96.2"): a
# percentage when the words name a rate, never a quantity with a unit ("0.4 FTE", "2.5 days") or a level or score.
_BARE_DECIMAL = re.compile(
    r"(?<![\d.£$/])(?<!level )(?<!version )(?<!phase )(?<!benchmark )(?<!compass )(?<!score of )(\d{1,2}\.\d|100\.0)"
    r"(?![\d%/]|\.\d|\s*(?:per|percentage|points?|pts|pp)\b)"
    r"(?!\s*(?:fte|days?|hours?|hrs?|weeks?|months?|years?|yrs?|times|x\b|out of|of\b|pupils?|students?|leavers?|staff|miles|km|k\b|m\b|million|benchmarks?|gatsby))",
    re.I,
)
_RATE_WORDS = re.compile(r"\b(?:sustained|destinations?|dests|coverage|rates?|per ?cent|percent|neet)\b|%", re.I)


def _bare_numbers(text: str, found: list[Value]) -> list[Value]:
    """ "Down from 14.3 points to 9.6": a bare number in a sentence of points (or of percentages) takes that unit;
    a bare one-decimal number where the words name a rate is a percentage."""
    kinds = {v.kind for v in found} & {"points", "percent"}
    kind = kinds.pop() if len(kinds) == 1 else None
    out = []
    if kind is not None:
        for m in _BARE.finditer(text):
            if _YEARLIKE.search(text[: m.start(1)]) or _YEAR_RANGE_END.search(text[: m.start(1)]):
                continue
            out.append(_value(text, m.start(1), m.end(1), kind, Decimal(m.group(1)), _places(m.group(1))))
    if kind in (None, "percent") and _RATE_WORDS.search(text):
        for m in _BARE_DECIMAL.finditer(text):
            if _YEARLIKE.search(text[: m.start(1)]) or any(v.start <= m.start(1) < v.end for v in found + out):
                continue
            out.append(_value(text, m.start(1), m.end(1), "percent", Decimal(m.group(1)), 1))
    return out


def find_values(text: str) -> list[Value]:
    """Every figure in ``text``, in order; where two readings overlap the earlier, longer one wins."""
    chosen: list[Value] = []
    found = _candidates(text or "")
    found += _bare_numbers(text or "", found)
    for v in sorted(found, key=lambda v: (v.start, -(v.end - v.start))):
        if any(v.start < c.end and c.start < v.end for c in chosen):
            continue
        chosen.append(v)
    return chosen


def _rounds_to(said: Decimal, places: int, record: Decimal) -> bool:
    return round_half_away(record, "1" if places == 0 else "0." + "0" * (places - 1) + "1") == said


def agrees(v: Value, record: Decimal, count: int | None = None, base: int | None = None) -> bool:
    """Does the record (a one-decimal percentage, or points) agree with what was said, at its precision?"""
    if v.kind == "fraction":
        return v.count == count and v.base == base
    if v.kind == "all":
        if v.base is not None:
            return count == base == v.base  # "all six"
        return record >= 90 if v.qualifier == "nearly_all" else (count is not None and count == base)
    if v.kind == "all_but":
        return count is not None and base is not None and base - count == int(v.value)
    if v.kind == "count":
        return count is not None and count_agrees(v, count)
    if v.kind == "none":
        return count == 0
    x = v.value
    if v.kind == "share":
        return abs(record - x) <= 5 if v.qualifier == "exact" else _qualified(v.qualifier, x, record, slack=Decimal(5))
    if v.qualifier == "exact":
        return _rounds_to(x, v.places, record)
    return _qualified(v.qualifier, x, record)


def count_agrees(v: Value, count: int) -> bool:
    """Does a count said ("over 30", "only one") agree with the count held, at its qualifier?"""
    n = int(v.value)
    if v.qualifier == "exact":
        return count == n
    if v.qualifier in ("over", "just_over"):
        return count > n or (v.qualifier == "over" and count == n)
    if v.qualifier in ("under", "nearly"):
        return count < n
    return abs(count - n) <= max(1, n // 10)  # "about 30"


def _qualified(q: str, x: Decimal, r: Decimal, slack: Decimal = Decimal(0)) -> bool:
    if q == "about":
        return abs(r - x) <= Decimal("2.5") + slack
    if q == "nearly":
        return x - 3 - slack <= r <= x + slack
    if q == "over":  # "over 95%" is not 94.8%: the record must reach the number
        return r >= x - slack
    if q == "under":
        return r <= x + slack
    if q == "just_over":
        return x - slack <= r <= x + 3 + slack
    return abs(r - x) <= slack
