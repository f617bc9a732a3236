"""Read back what a chart drew: the bars' and markers' positions in its SVG, as percentages of the plot area."""

from __future__ import annotations

import re

_GROUP = r'<g id="{gid}">\s*(.*?)</g>'
_POINT = re.compile(r"([ML])\s+(-?[\d.]+)\s+(-?[\d.]+)")


def _path_box(svg: str, gid: str) -> tuple[float, float, float, float]:
    m = re.search(_GROUP.format(gid=re.escape(gid)), svg, re.S)
    assert m, f"no SVG group {gid}"
    d = re.search(r'<path d="([^"]+)"', m.group(1)).group(1)
    pts = [(float(x), float(y)) for _, x, y in _POINT.findall(d)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), max(xs), min(ys), max(ys)


def area(svg: str, chart: str, panel: int) -> tuple[float, float, float, float]:
    return _path_box(svg, f"{chart}-p{panel}-area")


def bar_percent(svg: str, chart: str, panel: int, bar: int) -> float:
    """The drawn bar's height as a percentage of the plot area (the y axis runs 0 to 100)."""
    _, _, top, bottom = area(svg, chart, panel)
    _, _, y0, y1 = _path_box(svg, f"{chart}-p{panel}-b{bar}")
    assert abs(y1 - bottom) < 0.01, "bars stand on the axis"
    return (y1 - y0) / (bottom - top) * 100


def bar_ids(svg: str, chart: str, panel: int) -> list[int]:
    return sorted(int(i) for i in re.findall(rf'<g id="{re.escape(chart)}-p{panel}-b(\d+)">', svg))


def marker_percents(svg: str, chart: str, panel: int) -> list[float]:
    _, _, top, bottom = area(svg, chart, panel)
    m = re.search(rf'<g id="{re.escape(chart)}-p{panel}-ref">(.*?)</g>\s*</g>', svg, re.S)
    if not m:
        return []
    return [(bottom - float(y)) / (bottom - top) * 100 for y in re.findall(r'<use [^>]*y="(-?[\d.]+)"', m.group(1))]


def fill_colours(svg: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for c in re.findall(r"(?:fill|stroke): (#[0-9a-fA-F]{6})", svg):
        found[c.lower()] = found.get(c.lower(), 0) + 1
    return found
