"""The claim check on the realistic corpus (tests/claims/corpus.yml): false accusations, confirmations, catches.

`python -m bench.claims_corpus` prints the development sets' scores and misses (`--held-out` adds the held-out
set's scores, never its misses); `bench.run --only claims` records them all.
Each expected figure is matched to the verdict whose span overlaps it in the passage. A false
accusation is any "mismatch" for a figure that was right, a reference figure, uncheckable, or not a
figure at all.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "claims" / "corpus.yml"
CORPUS2 = ROOT / "tests" / "claims" / "corpus2.yml"  # a second set; first scored unread (bench/results.md), then used to build
CORPUS3 = ROOT / "tests" / "claims" / "corpus3.yml"  # a third set, likewise
# The held-out sets were written by someone else from the brief alone, and each first scored unread (bench/results.md).
# heldout.yml and heldout2.yml were read on 2026-12-01 and heldout4.yml on 2026-12-02, and used to build (development
# sets since). heldout3.yml is a validation set: its misses are never printed, but its totals chose between policies
# on 2026-12-02. heldout5.yml and heldout6.yml were each held out for a session, then read in the next (development
# since); heldout7.yml was held out until 2026-12-03 (fourth session), then read (development since); heldout8.yml,
# written that session, is held out: scored at its arrival and at a session's final commit only. heldout9.yml was held
# out from 2026-12-06 until read on 2026-12-07 (development since); heldout10.yml, written that day, was scored unread
# and then read (development since), and so was heldout11.yml; heldout12.yml, written the same day, is held out.
HELDOUT = ROOT / "tests" / "claims" / "heldout.yml"
HELDOUT2 = ROOT / "tests" / "claims" / "heldout2.yml"
HELDOUT3 = ROOT / "tests" / "claims" / "heldout3.yml"  # written 2026-12-01; validation: totals only
HELDOUT4 = ROOT / "tests" / "claims" / "heldout4.yml"  # written 2026-12-02; read the same day
HELDOUT5 = ROOT / "tests" / "claims" / "heldout5.yml"  # written 2026-12-02; read in the session after
HELDOUT6 = ROOT / "tests" / "claims" / "heldout6.yml"  # written 2026-12-02 (second session); read in the session after
HELDOUT7 = ROOT / "tests" / "claims" / "heldout7.yml"  # written 2026-12-02 (third session); read 2026-12-03
HELDOUT8 = ROOT / "tests" / "claims" / "heldout8.yml"  # written 2026-12-03 (fourth session); held out: totals only
# (on 2026-12-06 its false-accusation count chose against one rule, which makes it a validation set for that choice)
HELDOUT9 = ROOT / "tests" / "claims" / "heldout9.yml"  # written 2026-12-06 (sixth session); read 2026-12-07
HELDOUT10 = ROOT / "tests" / "claims" / "heldout10.yml"  # written 2026-12-07 (seventh session); scored unread, then read
HELDOUT11 = ROOT / "tests" / "claims" / "heldout11.yml"  # written 2026-12-07 (seventh session); scored unread, then read
HELDOUT12 = ROOT / "tests" / "claims" / "heldout12.yml"  # written 2026-12-07 (seventh session); held out: totals only
TRIAL = ROOT / "tests" / "claims" / "trial.yml"  # what a new user typed in a trial on 2026-12-03; development from the start


DEVELOPMENT = (
    ("corpus", CORPUS),
    ("corpus2", CORPUS2),
    ("corpus3", CORPUS3),
    ("heldout", HELDOUT),
    ("heldout2", HELDOUT2),
    ("heldout4", HELDOUT4),
    ("heldout5", HELDOUT5),
    ("heldout6", HELDOUT6),
    ("heldout7", HELDOUT7),
    ("heldout9", HELDOUT9),
    ("heldout10", HELDOUT10),
    ("heldout11", HELDOUT11),
    ("trial", TRIAL),
)


@dataclass
class Score:
    figures: int = 0
    right: int = 0
    confirmed: int = 0
    wrong: int = 0
    caught: int = 0
    false_accusations: int = 0
    reference: int = 0
    reference_seen: int = 0
    unchecked: int = 0
    unchecked_seen: int = 0
    subject_right: int = 0
    not_found: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "misses"}


def _engines(corpus: dict, tmp: Path) -> dict[str, object]:
    from bot.records import db, demo, importer

    out = {}
    for key, spec in corpus["schools"].items():
        url = f"sqlite:///{tmp / (key + '.db')}"
        folder = demo.write(tmp / key) if spec["source"] == "demo" else ROOT / spec["source"]
        importer.import_folder(db.make_engine(url), folder, spec["name"])
        out[key] = (db.make_engine(url), spec["name"])
    return out


def _locate(text: str, figures: list[dict]) -> list[tuple]:
    spans, pos = [], 0
    for f in figures:
        at = text.find(f["said"], pos)
        if at < 0:
            at = text.find(f["said"])
        spans.append((at, at + len(f["said"])))
        pos = max(pos, at + 1)
    return spans


def _score_passage(p: dict, checker, s: Score) -> None:
    got = checker.check(p["text"], question=p.get("question"))
    used = set()
    for f, (a, b) in zip(p["figures"], _locate(p["text"], p["figures"])):
        s.figures += 1
        v = next((v for v in got if v.start < b and a < v.end and id(v) not in used), None)
        if v is not None:
            used.add(id(v))
        _tally(p["id"], f, v, s)
    for v in got:
        if id(v) not in used and v.verdict == "mismatch":
            s.false_accusations += 1
            s.misses.append(f"{p['id']} EXTRA '{v.said}' called a mismatch: {v.message}")


def _tally(pid: str, f: dict, v, s: Score) -> None:
    want = f["verdict"]
    verdict = v.verdict if v is not None else "none"
    if v is None:
        s.not_found += 1
    elif v.subject == f["subject"]:
        s.subject_right += 1
    if verdict == "mismatch" and want != "mismatch":
        s.false_accusations += 1
    if want == "match":
        s.right += 1
        s.confirmed += verdict == "match"
    elif want == "mismatch":
        s.wrong += 1
        s.caught += verdict == "mismatch" and v.true_figure == str(f.get("true_figure"))
    elif want == "reference":
        s.reference += 1
        s.reference_seen += verdict == "reference"
    else:
        s.unchecked += 1
        s.unchecked_seen += verdict in ("unchecked", "reference")
    ok = verdict == want and (want != "mismatch" or v.true_figure == str(f.get("true_figure")))
    if not ok:
        s.misses.append(
            f"{pid} '{f['said']}' want {want} ({f.get('true_figure', '')} {f.get('measure', '')}) got {verdict}"
            + (f": {v.message}" if v is not None else "")
        )


def score(path: Path = CORPUS) -> Score:
    from bot.evidence.check import ClaimChecker
    from bot.evidence.measures import Evidence

    corpus = yaml.safe_load(path.read_text(encoding="utf-8"))
    s = Score()
    with tempfile.TemporaryDirectory() as tmp:
        checkers = {k: ClaimChecker(Evidence(eng, name)) for k, (eng, name) in _engines(corpus, Path(tmp)).items()}
        for p in corpus["passages"]:
            _score_passage(p, checkers[p["school"]], s)
    return s


def summary(s: Score) -> dict:
    out = s.as_dict()
    out["confirmed_share"] = s.confirmed / s.right if s.right else 1.0
    out["caught_share"] = s.caught / s.wrong if s.wrong else 1.0
    return out


def main() -> int:
    """Print the development corpora's misses and every set's scores (the held-out set's misses stay unread)."""
    from bot import config

    config.quiet_third_party()
    results = {}
    for name, path in DEVELOPMENT:
        s = score(path)
        print("\n".join(s.misses))
        results[name] = summary(s)
    if "--held-out" in sys.argv[1:]:  # aggregates only, and only when asked: each look is a little tuning
        for name, path in (("validation (heldout3)", HELDOUT3), ("held-out (heldout8)", HELDOUT8), ("held-out (heldout12)", HELDOUT12)):
            if path.exists():
                results[name] = summary(score(path))
    for name, r in results.items():
        print(f"{name}: {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
