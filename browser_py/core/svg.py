"""Tiny builder for the accessible inline SVG charts the worksheets show.

The runtime inserts a figure's SVG as markup (it is the one block that is
not plain text), so this module is the trust boundary: every text and
attribute goes through :func:`escape`, the root always carries
``role="img"`` and ``aria-labelledby`` pointing at a ``<title>`` and
``<desc>`` with ids unique on the page, and nothing references anything
outside the document (no fonts, images, links or scripts). A fixed
``viewBox`` without width/height lets the chart scale to a phone's width.
"""

from __future__ import annotations

import re

from browser_py.core.blocks import clean
from browser_py.core.wording import number

#: Local font stacks only; the privacy rules forbid fetching a web font.
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

#: Bar/line colour with at least 3:1 contrast on both white and Material's
#: dark slate background; CSS can override it through the class names.
ACCENT = "#3d6fb6"
#: A second colour for targets and reference lines (also >= 3:1 on both).
MARK = "#b45309"
#: Faint grid lines; decorative, so their contrast does not matter.
GRID = "#9ca3af"

_ID_UNSAFE = re.compile(r"[^a-z0-9-]+")

#: What ``xml.sax.saxutils.escape`` does with our two extra entities. Not that
#: module itself: importing it pulls in ``urllib.request`` (HTTP, email, ...),
#: which the worker would then compile at boot for nothing.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def escape(text: object) -> str:
    """Text safe inside an element or a double-quoted attribute.

    Characters XML cannot carry at all are dropped first, because escaping
    does not help with them (``&#0;`` is still ill-formed).
    """
    return clean(str(text)).translate(_ESCAPES)


def fmt(value: float) -> str:
    """Coordinates with at most two decimals, so the markup stays small."""
    return number(value, 2)


def fit(text: str, limit: int) -> str:
    """Shorten a label to ``limit`` characters with an ellipsis; SVG text does
    not wrap, and a long label would run off a phone screen."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def safe_id(*parts: str) -> str:
    """An id made only of ``a-z0-9-`` from ``parts`` (worksheet id, chart name)."""
    joined = "-".join(_ID_UNSAFE.sub("-", part.lower()).strip("-") for part in parts)
    return "rb-" + (joined or "chart")


class Chart:
    """An SVG document being drawn on a ``width`` x ``height`` canvas.

    ``key`` (for example ``"tracker-pipeline"``) makes the title/desc ids
    unique: one worksheet's figures never share a key, and ids are prefixed
    by the worksheet id, so two worksheets on one page cannot clash either.
    """

    def __init__(self, key: str, title: str, desc: str, width: int, height: int) -> None:
        self.id = safe_id(key)
        self.title = title
        self.desc = desc
        self.width = width
        self.height = height
        self._parts: list[str] = []

    def rect(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        *,
        fill: str = ACCENT,
        css: str = "rb-chart__bar",
        radius: float = 2,
        opacity: float = 1,
    ) -> None:
        faded = f' fill-opacity="{fmt(opacity)}"' if opacity < 1 else ""
        self._parts.append(
            f'<rect class="{escape(css)}" x="{fmt(x)}" y="{fmt(y)}" '
            f'width="{fmt(max(width, 0))}" height="{fmt(max(height, 0))}" '
            f'rx="{fmt(radius)}" fill="{escape(fill)}"{faded}/>'
        )

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        *,
        stroke: str = GRID,
        width: float = 1,
        dashed: bool = False,
        css: str = "rb-chart__grid",
    ) -> None:
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        self._parts.append(
            f'<line class="{escape(css)}" x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" '
            f'y2="{fmt(y2)}" stroke="{escape(stroke)}" stroke-width="{fmt(width)}"{dash}/>'
        )

    def polyline(
        self, points: list[tuple[float, float]], *, stroke: str = ACCENT, width: float = 2.5
    ) -> None:
        coords = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
        self._parts.append(
            f'<polyline class="rb-chart__line" points="{coords}" fill="none" '
            f'stroke="{escape(stroke)}" stroke-width="{fmt(width)}" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )

    def circle(self, cx: float, cy: float, radius: float, *, fill: str = ACCENT) -> None:
        self._parts.append(
            f'<circle class="rb-chart__dot" cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(radius)}" '
            f'fill="{escape(fill)}"/>'
        )

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        anchor: str = "start",
        size: float = 12,
        bold: bool = False,
        fill: str = "currentColor",
    ) -> None:
        weight = ' font-weight="600"' if bold else ""
        anchor = anchor if anchor in ("start", "middle", "end") else "start"
        self._parts.append(
            f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="{fmt(size)}" '
            f'text-anchor="{anchor}" fill="{escape(fill)}"{weight}>{escape(content)}</text>'
        )

    def render(self) -> str:
        """The finished ``<svg>`` element as a string."""
        title_id, desc_id = f"{self.id}-title", f"{self.id}-desc"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="rb-chart" id="{self.id}" '
            f'viewBox="0 0 {self.width} {self.height}" preserveAspectRatio="xMidYMid meet" '
            f'role="img" aria-labelledby="{title_id} {desc_id}" '
            f'font-family="{escape(FONT_FAMILY)}">'
            f'<title id="{title_id}">{escape(self.title)}</title>'
            f'<desc id="{desc_id}">{escape(self.desc)}</desc>' + "".join(self._parts) + "</svg>"
        )
