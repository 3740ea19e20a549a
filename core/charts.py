"""Small, accessible inline SVG charts, drawn by the core so the shell stays dumb.

Each chart is an SVG with a title and a description for screen readers, plus the same
figures as a visually hidden list: people can look or read. No inline styles (the
page's Content-Security-Policy forbids them): bars are sized by attributes.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from core.health import LayerCount

WIDTH = 300
BAR = 22
GAP = 10
LABEL = 120


def bar_chart(title: str, rows: Sequence[tuple[str, int]],
              capacities: Sequence[int] | None = None) -> Markup:
    """A horizontal bar chart; with ``capacities``, a tick marks each bar's limit."""
    scale_max = max([*(v for _, v in rows), *(capacities or []), 1])
    height = len(rows) * (BAR + GAP)
    summary = "; ".join(f"{label}: {value}" for label, value in rows)
    parts = [f'<svg class="chart" viewBox="0 0 {LABEL + WIDTH + 40} {height}" role="img" '
             f'aria-label="{escape(title)}: {escape(summary)}">']
    for index, (label, value) in enumerate(rows):
        y = index * (BAR + GAP)
        width = round(WIDTH * value / scale_max)
        over = capacities is not None and value > capacities[index]
        parts.append(f'<text x="0" y="{y + BAR - 6}" class="chart-label">{escape(label)}</text>')
        parts.append(f'<rect x="{LABEL}" y="{y}" width="{max(width, 2)}" height="{BAR}" rx="4" '
                     f'class="chart-bar{" over" if over else ""}"/>')
        parts.append(f'<text x="{LABEL + max(width, 2) + 6}" y="{y + BAR - 6}" '
                     f'class="chart-value">{value}</text>')
        if capacities is not None:
            x = LABEL + round(WIDTH * capacities[index] / scale_max)
            parts.append(f'<line x1="{x}" x2="{x}" y1="{y - 2}" y2="{y + BAR + 2}" '
                         'class="chart-limit"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def layer_chart(counts: Sequence[LayerCount]) -> Markup:
    """People per closeness layer against its capacity (P1)."""
    rows = [(c.layer.value.title(), c.count) for c in counts]
    return bar_chart("People per closeness layer, with each layer's capacity", rows,
                     [c.layer.capacity for c in counts])
