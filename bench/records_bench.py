"""The records benchmark on a generated trust-sized school (run in its own process for peak memory).

`python -m bench.records_bench WORKDIR` prints JSON: import time and peak memory, every single
evidence query's time, and the full `coach evidence` summary's time.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

TRUST = {"cohort_size": 2000, "lessons_per_term": 2, "prefix": "TRU-"}


def generate(work: Path) -> Path:
    from bot.records import demo

    folder = work / "trust"
    if not (folder / "activities.csv").exists():
        demo.write(folder, seed=77, **TRUST)
    return folder


def main(work: str) -> None:
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    folder = generate(work)
    rows = {f: sum(1 for _ in open(folder / f)) - 1 for f in ("pupils.csv", "activities.csv", "destinations.csv")}
    from bot.evidence import summary
    from bot.evidence.measures import Evidence
    from bot.records import db, importer

    dbfile = work / "trust.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(dbfile) + suffix).unlink(missing_ok=True)
    engine = db.make_engine(f"sqlite:///{dbfile}")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    importer.import_folder(engine, folder, "Trust School")
    import_s = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    ev = Evidence(engine, "Trust School")
    span = ev.span()
    queries = {}

    def timed(name, fn):
        s = time.perf_counter()
        fn()
        queries[name] = (time.perf_counter() - s) * 1000

    ev2 = Evidence(engine, "Trust School")  # fresh caches for each query below
    timed("span (this year, last leavers)", ev2.span)
    for stage in ("ks4", "16-18"):
        years = ev.destination_years(stage)
        timed(f"destinations {stage} {years[-1]} all", lambda stage=stage, years=years: ev.destinations(stage, years[-1]))
        timed(
            f"destinations {stage} {years[-1]} disadvantaged",
            lambda stage=stage, years=years: ev.destinations(stage, years[-1], "disadvantaged"),
        )
        timed(f"five-year trend {stage}", lambda stage=stage: ev.trend(stage))
    timed("leavers without a destination", lambda: ev.missing_destinations(span.last_leavers["ks4"]))
    for atype in ("employer_encounter", "careers_lesson", "personal_guidance"):
        timed(f"coverage {atype}, all year groups, this year", lambda atype=atype: ev.coverage(atype, span.this_year))
    timed("coverage employer_encounter, Year 9, SEND", lambda: ev.coverage("employer_encounter", span.this_year, [9], "send"))
    timed("personal guidance by 16", lambda: ev.by_16("personal_guidance", span.this_year))
    timed("provider access, one cohort and phase", lambda: ev.provider_access(span.this_year, 2))
    timed("provider access, every cohort and phase", ev.provider_access_all)
    timed("benchmark coverage this year", lambda: ev.benchmark_coverage(span.this_year))
    timed("flags", ev.flags)
    s = time.perf_counter()
    text = summary.text(Evidence(engine, "Trust School"))
    full_s = time.perf_counter() - s
    single = {
        k: v
        for k, v in queries.items()
        if k not in ("flags", "provider access, every cohort and phase", "five-year trend ks4", "five-year trend 16-18")
    }
    print(
        json.dumps(
            {
                "rows": rows,
                "participations": rows["activities.csv"],
                "import_s": import_s,
                "import_peak_rss_mb": peak_kb / 1024,
                "rss_before_import_mb": rss_before / 1024,
                "queries_ms": queries,
                "single_query_max_ms": max(single.values()),
                "single_query_median_ms": statistics.median(single.values()),
                "full_evidence_s": full_s,
                "evidence_lines": text.count("\n") + 1,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
