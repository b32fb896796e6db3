"""The three chart shapes the worksheets use, drawn with :mod:`browser_py.core.svg`.

Keeping the layouts here (rather than in each worksheet) means every chart
shares the same sizes, margins and text alternatives, and each worksheet
only says what to plot.
"""

from __future__ import annotations

from collections.abc import Sequence

from browser_py.core.svg import ACCENT, GRID, MARK, Chart, fit

WIDTH = 320


def line_chart(
    key: str, title: str, desc: str, points: Sequence[tuple[str, float]], low: float, high: float
) -> str:
    """Dots joined by a line, evenly spaced left to right, on a ``low..high``
    axis. ``points`` are (x label, value); suited to a handful of ratings."""
    height = 200
    left, right, top, bottom = 34, 26, 16, 40
    chart = Chart(key, title, desc, WIDTH, height)
    span = (high - low) or 1
    plot_w, plot_h = WIDTH - left - right, height - top - bottom

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (min(max(value, low), high) - low) / span)

    for tick in (low, low + span / 2, high):
        y = y_of(tick)
        chart.line(left, y, WIDTH - right, y, stroke=GRID, width=0.6)
        chart.text(left - 6, y + 4, _tick(tick), anchor="end", size=11)
    count = len(points)
    step = plot_w / (count - 1) if count > 1 else 0
    coords = [
        (left + (step * index if count > 1 else plot_w / 2), y_of(value))
        for index, (_, value) in enumerate(points)
    ]
    if count > 1:
        chart.polyline(coords)
    every = 1 if count <= 7 else 2
    for index, ((label, value), (x, y)) in enumerate(zip(points, coords, strict=True)):
        chart.circle(x, y, 4.5)
        chart.text(x, y - 9, _tick(value), anchor="middle", size=11, bold=True)
        if index % every == 0 or index == count - 1:
            chart.text(x, height - bottom + 18, fit(label, 8), anchor="middle", size=10)
    return chart.render()


def bar_rows(
    key: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, float | None, str]],
    high: float,
    *,
    marks: Sequence[bool] = (),
) -> str:
    """Horizontal bars, one per row: (label, value or None, value text).

    The label sits above its bar so long labels keep the full width on a
    phone. ``marks`` flags rows drawn in the second colour (for example
    "the feedback mentioned this").
    """
    row_h = 40
    top, left, right = 8, 4, 44
    height = top + row_h * max(len(rows), 1) + 4
    chart = Chart(key, title, desc, WIDTH, height)
    bar_w = WIDTH - left - right
    for index, (label, value, value_text) in enumerate(rows):
        y = top + index * row_h
        chart.text(left, y + 12, fit(label, 46), size=12)
        chart.rect(left, y + 17, bar_w, 14, fill=GRID, css="rb-chart__track", radius=3, opacity=0.3)
        if value is not None and high > 0:
            colour = MARK if index < len(marks) and marks[index] else ACCENT
            chart.rect(
                left, y + 17, bar_w * max(0.0, min(value / high, 1.0)), 14, fill=colour, radius=3
            )
        chart.text(WIDTH - 2, y + 29, fit(value_text, 8), anchor="end", size=12, bold=True)
    return chart.render()


def column_chart(
    key: str,
    title: str,
    desc: str,
    columns: Sequence[tuple[str, float]],
    *,
    target: float | None = None,
    target_label: str = "",
) -> str:
    """Vertical bars with their values on top and an optional dashed target
    line across the chart."""
    height = 220
    left, right, top, bottom = 10, 10, 22 if target is None else 40, 46
    chart = Chart(key, title, desc, WIDTH, height)
    peak = max([value for _, value in columns] + [target or 0, 1])
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    slot = plot_w / max(len(columns), 1)
    bar = min(slot * 0.62, 60)
    base = top + plot_h
    chart.line(left, base, WIDTH - right, base, stroke=GRID, width=1)
    small = len(columns) > 5
    for index, (label, value) in enumerate(columns):
        x = left + slot * index + (slot - bar) / 2
        h = plot_h * value / peak
        chart.rect(x, base - h, bar, h)
        chart.text(x + bar / 2, base - h - 5, _tick(value), anchor="middle", size=12, bold=True)
        label_y = base + 16 + (12 if small and index % 2 else 0)
        chart.text(
            x + bar / 2,
            label_y,
            fit(label, 13 if small else 16),
            anchor="middle",
            size=10 if small else 11,
        )
    if target is not None:
        y = base - plot_h * target / peak
        chart.line(
            left, y, WIDTH - right, y, stroke=MARK, width=2, dashed=True, css="rb-chart__target"
        )
        # The legend sits above the plot so it never collides with a bar.
        chart.line(
            left, 13, left + 24, 13, stroke=MARK, width=2, dashed=True, css="rb-chart__target"
        )
        chart.text(left + 30, 17, fit(target_label, 40), size=11)
    return chart.render()


def _tick(value: float) -> str:
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"
