"""`coach pack` (the evidence pack), `coach gaps` (the pupils still needing an activity) and `coach narrative`
(the flags and the careers lead's reasons)."""

from __future__ import annotations

import sys
from pathlib import Path


def _school(args, settings):
    from bot.narrative import service
    from bot.records.db import engine_for, resolve_school

    engine = engine_for(settings.database_url)
    school = resolve_school(engine, args.school or settings.school)
    return engine, service.evidence(engine, school, settings)


def cmd_pack(args, settings) -> int:
    from bot.narrative import pdf, service

    engine, ev = _school(args, settings)
    out = Path(args.out) if args.out else settings.var_dir / "packs"
    p, path = service.write_pack(engine, ev, out)
    n = p.narrative
    print(f"Evidence pack for {ev.school}: {path}")
    print(
        f"  {len(n.items)} flags ({n.explained} explained), {len(p.charts)} charts; records as imported "
        f"{n.records_date:%Y-%m-%d %H:%M} UTC"
        if n.records_date
        else "  no import logged"
    )
    if args.no_pdf:
        return 0
    try:
        print(f"  PDF: {pdf.to_pdf(p.html, path.with_suffix('.pdf'))}")
    except pdf.PdfUnavailable as exc:
        print(f"  {exc}", file=sys.stderr)
    return 0


def cmd_gaps(args, settings) -> int:
    from bot.narrative import gaps

    _, ev = _school(args, settings)
    g = gaps.find(ev, args.activity, args.year_group)
    listed = gaps.write_csv(g, Path(args.out))
    print(f"{ev.school}: {listed} row(s) written to {args.out} (pupil ids: keep the file private).")
    for c in g.counts:
        print(f"  {gaps.count_line(c)}")
    return 0


def cmd_narrative(args, settings) -> int:
    from bot.narrative import service, text

    engine, ev = _school(args, settings)
    if args.add:
        added = service.add_reason(engine, ev, args.add[0], args.add[1])
        print(f"Reason {added.reason.id} stored for {args.add[0]}.")
        from bot.narrative.checking import summary

        print(summary(list(added.checks)))
        return 0
    if args.confirm:
        print(f"{service.confirm(engine, ev, args.confirm)} reason(s) confirmed for the current figure.")
        return 0
    n = service.narrative(engine, ev)
    if args.flags:
        for i in n.items:
            print(f"{i.section.key}\t{text.figure_line(i.section)}")
        return 0
    print(text.draft(n))
    return 0


def register(sub) -> None:
    s = sub.add_parser("pack", help="write the evidence pack (HTML, and PDF through Chromium when installed)")
    s.add_argument("--school", help="the school's name (default: COACH_SCHOOL, or the only school)")
    s.add_argument("--out", help="folder to write to (default: var/packs)")
    s.add_argument("--no-pdf", action="store_true", help="HTML only")
    s.set_defaults(func=cmd_pack)
    g = sub.add_parser("gaps", help="list the pupils still needing an activity this year into a local CSV file")
    g.add_argument("--school", help="the school's name (default: COACH_SCHOOL, or the only school)")
    g.add_argument("--activity", default="employer_encounter", help="activity type (default employer_encounter)")
    g.add_argument("--year-group", type=int, help="one year group (7-13)")
    g.add_argument("--out", required=True, metavar="FILE.csv", help="the CSV file to write (it names pupils: keep it private)")
    g.set_defaults(func=cmd_gaps)
    n = sub.add_parser("narrative", help="the draft narrative; --flags lists the flags' keys; --add KEY TEXT stores a reason")
    n.add_argument("--school", help="the school's name (default: COACH_SCHOOL, or the only school)")
    n.add_argument("--flags", action="store_true", help="list each flag's key and figure")
    n.add_argument("--add", nargs=2, metavar=("KEY", "TEXT"), help="store a reason for the flag KEY")
    n.add_argument("--confirm", metavar="KEY", help="the reasons for KEY stand for its changed figure")
    n.set_defaults(func=cmd_narrative)
