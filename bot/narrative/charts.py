"""The pack's charts drawn with matplotlib as inline SVG: grey fills, hatching and black outlines, so they read in
black and white; text stays text (searchable, and read by screen readers from the title and description).

Every bar is an SVG group with the id `<chart>-p<panel>-b<bar>`, every panel's plot area `<chart>-p<panel>-area`
and the reference markers `<chart>-p<panel>-ref`, so a test can measure what was drawn against the figures.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from bot.narrative.chartdata import ChartData, Panel  # noqa: E402

FILLS = ("#d9d9d9", "#ffffff", "#a6a6a6")
HATCHES = ("", "///", "...")
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "coach-pack",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "hatch.linewidth": 0.8,
    "axes.edgecolor": "black",
    "axes.linewidth": 0.8,
}


@dataclass(frozen=True)
class Chart:
    data: ChartData
    svg: str  # an <svg> element, ready to inline


def draw(data: ChartData) -> Chart:
    with plt.rc_context(STYLE):
        cols = 1 if len(data.panels) == 1 else 3
        rows = -(-len(data.panels) // cols)
        width = 7.2 if cols == 1 else 7.6
        fig, axes = plt.subplots(rows, cols, figsize=(width, 2.9 if rows == 1 else 1.95 * rows), squeeze=False)
        for i, ax in enumerate(axes.flat):
            if i < len(data.panels):
                _panel(ax, data, i, data.panels[i])
            else:
                ax.set_visible(False)
        legend = _legend(fig, data)
        fig.tight_layout(rect=(0, 0, 1, 0.9 if legend else 1))
        fig.patch.set_facecolor("white")
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(fig)
    return Chart(data, _inline(out.getvalue(), data))


def _panel(ax, data: ChartData, index: int, panel: Panel) -> None:
    labels = list(dict.fromkeys(b.label for b in panel.bars))
    n = len(data.series)
    width = 0.8 / n
    ax.patch.set_gid(f"{data.id}-p{index}-area")
    for j, bar in enumerate(panel.bars):
        k = data.series.index(bar.series)
        x = labels.index(bar.label) - 0.4 + width * (k + 0.5)
        if bar.value is None:
            ax.text(x, 2, "too small" if bar.figure.suppressed else "none", rotation=90, ha="center", va="bottom", fontsize=6.5)
            continue
        rect = ax.bar(x, float(bar.value), width * 0.92, color=FILLS[k % 3], hatch=HATCHES[k % 3], edgecolor="black", linewidth=0.7)[0]
        rect.set_gid(f"{data.id}-p{index}-b{j}")
        _value_label(ax, x, float(bar.value), f"{bar.value:.1f}", upright=n == 1 and len(data.panels) == 1)
    if panel.baseline is not None:
        ax.axhline(float(panel.baseline.value), color="black", linestyle="--", linewidth=1.1, gid=f"{data.id}-p{index}-base")
    if panel.markers:
        xs = [labels.index(m.label) for m in panel.markers]
        line = ax.plot(
            xs,
            [float(m.value) for m in panel.markers],
            linestyle="none",
            marker="D",
            markersize=6,
            markerfacecolor="white",
            markeredgecolor="black",
            markeredgewidth=1.4,
        )[0]
        line.set_gid(f"{data.id}-p{index}-ref")
    ax.set_ylim(0, 100)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, fontsize=7 if len(labels) <= 7 else 6, rotation=0 if len(labels) <= 7 else 30)
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_ylabel("%" if len(data.panels) > 1 else "% of pupils")
    if data.xlabel:
        ax.set_xlabel(data.xlabel)
    ax.grid(axis="y", color="#bbbbbb", linewidth=0.5, linestyle=":")
    ax.set_axisbelow(True)
    if panel.title:
        ax.set_title(panel.title, fontsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _value_label(ax, x: float, value: float, text: str, upright: bool) -> None:
    """The bar's percentage: above it when upright; turned, inside the top of the bar (or above a short one) when narrow."""
    if upright:
        ax.text(x, value + 1.5, text + "%", ha="center", va="bottom", fontsize=7)
    elif value >= 40:
        ax.text(x, value - 3, text, rotation=90, ha="center", va="top", fontsize=6, bbox=LABEL_BOX)
    else:
        ax.text(x, value + 2, text, rotation=90, ha="center", va="bottom", fontsize=6, bbox=LABEL_BOX)


def _legend(fig, data: ChartData) -> bool:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    if len(data.series) > 1:
        handles += [Patch(facecolor=FILLS[k % 3], hatch=HATCHES[k % 3], edgecolor="black", label=s) for k, s in enumerate(data.series)]
    if data.marker_name and any(p.markers for p in data.panels):
        handles.append(
            Line2D([], [], linestyle="none", marker="D", markerfacecolor="white", markeredgecolor="black", label=data.marker_name)
        )
    for p in data.panels:
        if p.baseline is not None:
            handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1.1, label=p.baseline.text))
    if handles:
        fig.legend(handles=handles, loc="upper center", ncol=len(handles), frameon=False, fontsize=7.5)
    return bool(handles)


def _inline(svg: str, data: ChartData) -> str:
    """The <svg> element alone, with a title and description for assistive technology."""
    svg = svg[svg.index("<svg") :]
    title, desc = f"{data.id}-title", f"{data.id}-desc"
    svg = re.sub(r"<svg ", f'<svg role="img" aria-labelledby="{title} {desc}" class="chart" ', svg, count=1)
    head = f'<title id="{title}">{html.escape(data.title)}</title><desc id="{desc}">{html.escape(alt_text(data))}</desc>'
    return re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + head, svg, count=1)


def alt_text(data: ChartData) -> str:
    """The chart's text alternative: what it shows and every value it draws."""
    parts: list[str] = [data.summary]
    for p in data.panels:
        values = "; ".join(f"{b.label}{' ' + b.series if len(data.series) > 1 else ''}: {b.figure.text()}" for b in p.bars)
        refs = "; ".join([f"{m.label}: {m.text}" for m in p.markers] + ([p.baseline.text] if p.baseline else []))
        parts.append((f"{p.title}: " if p.title else "") + values + (f". Reference: {refs}" if refs else ""))
    return " ".join(s if s.endswith(".") else s + "." for s in parts)
