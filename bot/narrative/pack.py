"""The evidence pack: one printable, self-contained HTML document (inline SVG charts and styles; no script, no
network), with the narrative for every flag, the charts with their data tables, the flags and the records' date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from sqlalchemy.engine import Engine

from bot.evidence.measures import Evidence
from bot.narrative import chartdata, charts, model, text
from bot.narrative.model import Explained, Narrative

STATUS_WORDS = {"current": "", "review": "Review: the figure has changed since this was written.", "retired": ""}
VERDICT_WORDS = {
    "match": "agrees with the records",
    "mismatch": "does not agree with the records",
    "reference": "a reference figure",
    "unchecked": "not checked",
}
CSS_FILE = "pack.css"


@dataclass(frozen=True)
class Pack:
    school: str
    html: str
    charts: list[charts.Chart]
    narrative: Narrative


def build(engine: Engine, ev: Evidence, made: datetime = None) -> Pack:
    n = model.build(engine, ev)
    drawn = [charts.draw(d) for d in chartdata.all_charts(ev)]
    made = made or datetime.utcnow().replace(microsecond=0)
    body = "\n".join([_header(n, ev, made), _flags(n), _narrative(n), _charts(drawn), _footer(ev)])
    doc = (
        f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Careers evidence pack: {escape(n.school)}</title><style>{_css()}</style></head>\n"
        f"<body><main>{body}</main></body></html>\n"
    )
    return Pack(n.school, doc, drawn, n)


def _css() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parent / CSS_FILE).read_text(encoding="utf-8")


def _header(n: Narrative, ev: Evidence, made: datetime) -> str:
    when = n.records_date.strftime("%d %B %Y, %H:%M UTC") if n.records_date else "no import logged"
    return (
        f'<header><p class="kicker">Careers evidence pack</p><h1>{escape(n.school)}</h1>'
        f'<p class="records">Records as imported on <strong>{escape(when)}</strong>'
        f'{" from " + escape(_source_name(n.records_source)) if n.records_source else ""}. Made on {made:%d %B %Y}. '
        f'Groups of fewer than {ev.min_group} pupils are not given a percentage; a gap of {ev.flag_gap} points or more '
        f'from a reference figure is flagged.</p>'
        f'<nav aria-label="Contents"><ol><li><a href="#flags">What an inspector may ask us to explain</a></li>'
        f'<li><a href="#narrative">Our narrative, flag by flag</a></li><li><a href="#charts">Charts</a></li></ol></nav></header>'
    )


def _source_name(source: str) -> str:
    """The imported folder's name only (the server's paths stay out of the pack)."""
    from pathlib import PurePath

    return PurePath(source).name or source


def _flags(n: Narrative) -> str:
    if not n.items:
        return '<section id="flags"><h2>What an inspector may ask us to explain</h2><p>Nothing in the records is flagged.</p></section>'
    rows = "".join(
        f'<li><a href="#{_anchor(i.section.key)}">{escape(text.figure_line(i.section))}</a>'
        f'{" <em>(explained)</em>" if i.reasons else ""}</li>'
        for i in n.items
    )
    return (
        f'<section id="flags"><h2>What an inspector may ask us to explain</h2>'
        f'<p>{len(n.items)} flags, largest first; {n.explained} explained below.</p><ol class="flags">{rows}</ol></section>'
    )


def _anchor(key: str) -> str:
    return "flag-" + "".join(c if c.isalnum() else "-" for c in key)


def _narrative(n: Narrative) -> str:
    parts = [_section(i, k, len(n.items)) for k, i in enumerate(n.items, 1)]
    retired = (
        f'<p class="note">{len(n.retired)} earlier reason(s) are kept for flags that no longer apply and are left out.</p>'
        if n.retired
        else ""
    )
    return f'<section id="narrative"><h2>Our narrative, flag by flag</h2>{retired}{"".join(parts)}</section>'


def _section(item: Explained, k: int, total: int) -> str:
    s = item.section
    trend = "".join(
        f"<tr><th scope=\"row\">{escape(p.label)}</th><td>{escape(p.figure.text())}</td>"
        f"{'<td>' + escape(p.compare.text()) + '</td>' if p.compare is not None else ''}</tr>"
        for p in s.trend
    )
    head = '<th scope="col">Other pupils</th>' if any(p.compare is not None for p in s.trend) else ""
    trend_table = (
        (
            f'<table class="trend"><caption>Trend</caption><thead><tr><th scope="col">Year</th><th scope="col">Figure</th>'
            f"{head}</tr></thead><tbody>{trend}</tbody></table>"
        )
        if s.trend
        else ""
    )
    context = "".join(f"<li>{escape(c.label)}: {escape(c.text())}</li>" for c in s.context)
    return (
        f'<article class="flag" id="{_anchor(s.key)}"><h3><span class="num">{k} of {total}</span> {escape(s.flag.title)}</h3>'
        f'<p class="figure">The figure: {escape(text.figure_only(s))}</p>{trend_table}'
        f'<p class="reference">{escape(text.reference_line(s))}</p>'
        f'<p class="context-head">Context from the records:</p><ul class="context">{context}</ul>'
        f'<p class="question"><strong>An inspector may ask:</strong> “{escape(s.flag.question)}”</p>'
        f"{_reasons(item)}</article>"
    )


def _reasons(item: Explained) -> str:
    if not item.reasons:
        return '<div class="reasons empty"><h4>Our explanation</h4><p>No reason recorded yet.</p></div>'
    out = []
    for r in item.reasons:
        status = STATUS_WORDS[r.status(item.section.flag.figure)]
        checks = "".join(
            f'<li class="check {c.verdict}"><span class="said">{escape(c.said)}</span>: '
            f"{escape(VERDICT_WORDS.get(c.verdict, c.verdict))}. {escape(c.message)}</li>"
            for c in r.checks
        )
        out.append(
            f'<li class="reason"><p>{escape(r.reason)}</p>'
            f'{"<p class=status>" + escape(status) + "</p>" if status else ""}'
            f'{"<ul class=checks aria-label=" + chr(34) + "Claim check" + chr(34) + ">" + checks + "</ul>" if checks else ""}'
            f'<p class="added">Added {r.added_at:%d %B %Y}.</p></li>'
        )
    return f'<div class="reasons"><h4>Our explanation</h4><ul>{"".join(out)}</ul></div>'


def _charts(drawn: list[charts.Chart]) -> str:
    figs = "".join(_chart(c) for c in drawn)
    return f'<section id="charts"><h2>Charts</h2><p>Each chart is followed by the figures it draws.</p>{figs}</section>'


def _chart(c: charts.Chart) -> str:
    d = c.data
    table = _matrix(d) if len(d.panels) > 1 else _rows(d)
    return (
        f'<figure class="chart-figure" id="{d.id}"><figcaption><strong>{escape(d.title)}</strong>. {escape(d.summary)}</figcaption>'
        f'{c.svg}<table class="chart-data" data-chart="{d.id}"><caption>Figures in this chart</caption>{table}</table></figure>'
    )


def _rows(d) -> str:
    p = d.panels[0]
    refs = {m.label: m.text for m in p.markers}
    series = len(d.series) > 1
    head = (
        '<th scope="col">Category</th>'
        + ('<th scope="col">Series</th>' if series else "")
        + '<th scope="col">Figure</th><th scope="col">Reference</th>'
    )
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(b.label)}</th>{'<td>' + escape(b.series) + '</td>' if series else ''}"
        f"<td>{escape(b.figure.text())}</td>"
        f"<td>{escape(refs.get(b.label, p.baseline.text if p.baseline else '') or 'none')}</td></tr>"
        for b in p.bars
    )
    return f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"


def _matrix(d) -> str:
    """Small multiples: one row per panel, one column per category."""
    labels = list(dict.fromkeys(b.label for p in d.panels for b in p.bars))
    head = '<th scope="col"></th>' + "".join(f'<th scope="col">{escape(label)}</th>' for label in labels)
    rows = []
    for p in d.panels:
        cells = {b.label: b.figure.text() for b in p.bars}
        rows.append(
            f'<tr><th scope="row">{escape(p.title)}</th>'
            + "".join(f"<td>{escape(cells.get(label, ''))}</td>" for label in labels)
            + "</tr>"
        )
    return f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"


def _footer(ev: Evidence) -> str:
    return (
        "<footer><h2>How these figures are made</h2><p>Every figure comes from the school's imported records or from the "
        "reference file named beside it. A figure is given as count of base with its percentage, rounded to one decimal "
        "place. Destination rates keep leavers whose activity was not captured in the base, as the DfE measure does; leavers "
        "with no destination row are counted separately. This pack holds no pupil-level data.</p></footer>"
    )
