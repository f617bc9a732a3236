"""Commands about a school's records: import, imports, demo, evidence, reference, build-nlp."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _engine(settings):
    from bot.records.db import engine_for

    return engine_for(settings.database_url)


def _school(args, settings) -> str | None:
    return getattr(args, "school", None) or settings.school


def cmd_build_nlp(args, settings) -> int:
    from bot import nlp

    target = Path(args.out or settings.spacy_model)
    nlp.save(target)
    print(f"Built the language pipeline at {target}")
    return 0


def _progress():
    state = {"bar": None}

    def report(what: str, n: int) -> None:
        if n < 20_000 and state["bar"] is None:
            return
        from tqdm import tqdm

        if state["bar"] is None:
            state["bar"] = tqdm(desc="import", unit=" rows", file=sys.stderr, leave=False)
        state["bar"].set_postfix_str(what)
        state["bar"].update(n)

    def close() -> None:
        if state["bar"] is not None:
            state["bar"].close()

    return report, close


def cmd_import(args, settings) -> int:
    from bot.records import importer
    from bot.records.db import school_names

    mapping_file = Path(args.map) if args.map else None
    if args.dry_run:  # reads and checks everything, touches no database
        records = importer.understand(Path(args.path), mapping_file)
        print(importer.describe(records.understanding))
        if records.understanding.problems:
            print(importer.ImportFailed(records.understanding.problems).report("would be rejected"), file=sys.stderr)
            return 2
        return 0
    engine = _engine(settings)
    school = _school(args, settings)
    if not school:
        names = school_names(engine)
        if len(names) == 1:
            school = names[0]
        else:
            print("Name the school these records belong to: coach import PATH --school NAME", file=sys.stderr)
            return 2
    report, close = _progress()
    try:
        result = importer.import_folder(engine, Path(args.path), school, progress=report, mapping_file=mapping_file)
    finally:
        close()
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"Imported records for {result.school}: " + ", ".join(f"{n} rows from {f}" for f, n in result.rows.items()))
    return 0


def cmd_imports(args, settings) -> int:
    from bot.records.importer import import_log

    rows = import_log(_engine(settings), _school(args, settings))
    if not rows:
        print("No imports yet.")
    for r in rows:
        files = ", ".join(f"{f} {v['rows']} rows sha256 {v['sha256'][:12]}" for f, v in r["files"].items())
        print(f"{r['imported_at']:%Y-%m-%d %H:%M:%S} UTC  {r['school']}  from {r['source']}  ({files})")
    return 0


def cmd_demo(args, settings) -> int:
    from bot.records import demo, importer
    from bot.records.db import school_names

    engine = _engine(settings)
    if args.if_empty and school_names(engine):
        return 0
    folder = demo.write(Path(args.out or settings.var_dir / "demo"))
    result = importer.import_folder(engine, folder, demo.DEMO_SCHOOL)
    print(f"Loaded the demo school {result.school} from {folder}: " + ", ".join(f"{n} rows from {f}" for f, n in result.rows.items()))
    return 0


def cmd_evidence(args, settings) -> int:
    from bot.evidence import summary
    from bot.evidence.measures import evidence_for

    ev = evidence_for(_engine(settings), _school(args, settings), settings)
    if args.json:
        print(json.dumps(summary.build(ev), indent=2))
    else:
        print(summary.text(ev))
    return 0


def cmd_reference(args, settings) -> int:
    from bot.evidence.reference import load_local

    n = load_local(_engine(settings), Path(args.path), _school(args, settings))
    print(f"Loaded {n} reference figure(s) from {args.path}")
    return 0


def register(sub) -> None:
    s = sub.add_parser("import", help="import a school's pupils, activities and destinations (.csv or .xlsx)")
    s.add_argument("path", help="folder holding the three files (.csv or .xlsx), or one .xlsx workbook with a sheet for each")
    s.add_argument("--school", help="the school's name (default: COACH_SCHOOL, or the only school)")
    s.add_argument("--map", metavar="MAPPING.yml", help="a mapping file naming your headings (and values) for the contract's")
    s.add_argument(
        "--dry-run", action="store_true", help="show what would be imported (columns, date formats, values, " "rows) and write nothing"
    )
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("imports", help="list the import log")
    s.add_argument("--school")
    s.set_defaults(func=cmd_imports)

    s = sub.add_parser("demo", help="write and import the demo school")
    s.add_argument("--if-empty", action="store_true", help="only when the database holds no school yet")
    s.add_argument("--out", help="folder for the demo CSV files (default var/demo)")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("evidence", help="the school's careers evidence: destinations, encounters, provider access, flags")
    s.add_argument("--school")
    s.add_argument("--json", action="store_true", help="print JSON instead of text")
    s.set_defaults(func=cmd_evidence)

    s = sub.add_parser("reference", help="load a local authority's reference figures (same columns as the national file)")
    s.add_argument(
        "path",
        help="a CSV with columns scope,stage,leaving_year,pupil_group,category,percent,source (release optional); "
        "scope is the authority's name as replies show it (Anyshire LA), stage ks4 or 16-18, "
        "percent 0 to 100; it replaces the figures loaded before, all or nothing",
    )
    s.add_argument("--school", help="only for this school (default: every school in the database)")
    s.set_defaults(func=cmd_reference)

    s = sub.add_parser("build-nlp", help="build the spaCy language pipeline from the entity pattern file")
    s.add_argument("--out", help="target folder (default var/spacy/en_coach)")
    s.set_defaults(func=cmd_build_nlp)
