"""Which of a table's headings is which contract column.

In order: the mapping file (`coach import --map`), then the contract's own names, then the MIS
headings in bot/content/import_headings.yml. Nothing is guessed: two headings that could be the
same column, or one heading that could mean two columns, are refused with the fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.records.contract import TABLES
from bot.records.import_vocab import ImportVocabulary, key


@dataclass(frozen=True)
class ColumnMapping:
    column: str  # the contract column
    heading: str  # the school's heading
    position: int  # the heading's position in the header row (0 = first)
    how: str  # "contract name", "MIS heading" or "mapping file"


@dataclass(frozen=True)
class HeadingProblem:
    column: str
    heading: str
    reason: str


@dataclass
class HeadingResult:
    mapped: dict[str, ColumnMapping] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)  # optional contract columns the table does not have
    ignored: list[str] = field(default_factory=list)  # the school's headings that are no contract column
    unnamed: int = 0  # columns without a heading
    problems: list[HeadingProblem] = field(default_factory=list)


def _map_hint(table: str, column: str, heading: str = "YOUR HEADING") -> str:
    return f"name it in a mapping file ({table}: {{{column}: {heading}}}) and import with --map mapping.yml"


class _Resolver:
    def __init__(self, headers: list[str], table: str, vocab: ImportVocabulary, chosen: dict[str, str]):
        self.headers, self.table, self.vocab, self.chosen = headers, table, vocab, chosen
        self.keys = [key(h) for h in headers]
        self.free = [i for i, k in enumerate(self.keys) if k]
        self.result = HeadingResult(unnamed=sum(1 for k in self.keys if not k))

    def take(self, column: str, position: int, how: str) -> None:
        self.result.mapped[column] = ColumnMapping(column, self.headers[position], position, how)
        self.free.remove(position)

    def problem(self, column: str, heading: str, reason: str) -> None:
        self.result.problems.append(HeadingProblem(column, heading, reason))

    def from_mapping(self) -> None:
        for column, heading in self.chosen.items():
            hits = [i for i in self.free if self.keys[i] == key(heading)]
            if len(hits) == 1:
                self.take(column, hits[0], "mapping file")
            elif not hits:
                self.problem(
                    column,
                    heading,
                    f"the mapping file names the heading {heading!r} for {column}, but the "
                    f"header has no such heading (its headings: {', '.join(self.headers)})",
                )
            else:
                self.problem(column, heading, f"the header has {len(hits)} columns headed {heading!r}; keep one")

    def by_name(self, column: str, keys: tuple[str, ...], how: str) -> bool:
        hits = [i for i in self.free if self.keys[i] in keys]
        if len(hits) == 1:
            self.take(column, hits[0], how)
        elif hits:
            named = " and ".join(repr(self.headers[i]) for i in hits)
            self.problem(
                column,
                self.headers[hits[0]],
                f"the headings {named} could each be {column}; keep one, or " + _map_hint(self.table, column, self.headers[hits[0]]),
            )
        return bool(hits)

    def unclear(self, column: str) -> bool:
        for i in self.free:
            entry = self.vocab.ambiguous_headings.get(self.keys[i])
            if entry and column in entry.could_be:
                meanings = " or ".join(entry.could_be)
                note = f" ({entry.note})" if entry.note else ""
                self.problem(
                    column,
                    self.headers[i],
                    f"the heading {self.headers[i]!r} could mean {meanings}{note}; "
                    f"rename it, or {_map_hint(self.table, column, self.headers[i])}",
                )
                return True
        return False


def resolve(headers: list[str], table: str, vocab: ImportVocabulary, chosen: dict[str, str] | None = None) -> HeadingResult:
    """Map the table's headings to its contract columns."""
    spec = TABLES[table]
    r = _Resolver(headers, table, vocab, chosen or {})
    r.from_mapping()
    todo = [c for c in spec.columns if c not in r.result.mapped and c not in (chosen or {})]
    todo = [c for c in todo if not r.by_name(c, (key(c),), "contract name")]
    synonyms = {c: tuple(k for k, col in vocab.headings.items() if col == c and k != key(c)) for c in todo}
    todo = [c for c in todo if not r.by_name(c, synonyms[c], "MIS heading")]
    for column in todo:
        if r.unclear(column):
            continue
        if column in spec.required:
            accepted = ", ".join(vocab.accepted.get(column, ())) or column
            r.problem(
                column,
                "",
                f"required column is missing from the header (headings understood: {column}, "
                f"{accepted}); or {_map_hint(table, column)}",
            )
        else:
            r.result.absent.append(column)
    r.result.ignored = [headers[i] for i in r.free]
    return r.result
