"""Small, accessible inline SVG charts, drawn by the core so the shell stays dumb.

Each chart is an SVG with a title and a description for screen readers, plus the same
figures as a visually hidden list: people can look or read. No inline styles (the
page's Content-Security-Policy forbids them): bars are sized by attributes.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from core.rules.health import LayerCount

WIDTH = 300
BAR = 22
GAP = 10
LABEL = 120


def _svg(title: str, summary: str, rows: int, body: list[str]) -> Markup:
    height = rows * (BAR + GAP)
    head = (f'<svg class="chart" viewBox="0 0 {LABEL + WIDTH + 70} {height}" role="img" '
            f'aria-label="{escape(title)}: {escape(summary)}">')
    return Markup(head + "".join(body) + "</svg>")


def _row(index: int, label: str, width: int, value: str, over: bool = False) -> list[str]:
    y = index * (BAR + GAP)
    return [
        f'<text x="0" y="{y + BAR - 6}" class="chart-label">{escape(label)}</text>',
        f'<rect x="{LABEL}" y="{y}" width="{max(width, 2)}" height="{BAR}" rx="4" '
        f'class="chart-bar{" over" if over else ""}"/>',
        f'<text x="{LABEL + max(width, 2) + 6}" y="{y + BAR - 6}" class="chart-value">'
        f"{escape(value)}</text>",
    ]


def bar_chart(title: str, rows: Sequence[tuple[str, int]]) -> Markup:
    """A horizontal bar chart of counts, scaled to the largest."""
    top = max([v for _, v in rows] + [1])
    body: list[str] = []
    for index, (label, value) in enumerate(rows):
        body += _row(index, label, round(WIDTH * value / top), str(value))
    return _svg(title, "; ".join(f"{label}: {value}" for label, value in rows), len(rows), body)


def layer_chart(counts: Sequence[LayerCount]) -> Markup:
    """Each closeness layer filled against its own capacity (P1); a full bar is full."""
    body: list[str] = []
    for index, count in enumerate(counts):
        y = index * (BAR + GAP)
        body.append(f'<rect x="{LABEL}" y="{y}" width="{WIDTH}" height="{BAR}" rx="4" '
                    'class="chart-track"/>')
        share = min(count.count / count.layer.capacity, 1.0)
        body += _row(index, count.layer.value.title(), round(WIDTH * share),
                     f"{count.count} of {count.layer.capacity}", count.over_capacity)
    summary = "; ".join(f"{c.layer.label}: {c.count} of {c.layer.capacity}" for c in counts)
    return _svg("People per closeness layer against its capacity", summary, len(counts), body)
