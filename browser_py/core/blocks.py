"""The result blocks a worksheet returns, and the one place that builds them.

The browser renders every block as text, never as HTML, so a block is plain
data: a ``type`` and strings. Building blocks only through these functions
keeps the shapes exactly as the runtime expects them, and passes every
string through :func:`clean` so no character that XML, JSON or the DOM
would choke on (NUL, lone surrogates) reaches the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

#: Every block type the runtime knows how to render.
BLOCK_TYPES = (
    "heading",
    "paragraph",
    "list",
    "stats",
    "copy",
    "notice",
    "figure",
    "link",
    "table",
)

#: The tones a notice can take.
Tone = Literal["info", "warning", "success"]

# Characters XML 1.0 forbids even escaped (C0 controls except tab and line
# breaks, lone surrogates, U+FFFE/U+FFFF); they can arrive from pasted text
# or crafted saved data and would make an inline SVG unparseable.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with forbidden characters removed and line breaks unified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID_CHARS.sub("", text)


class HeadingBlock(TypedDict):
    type: Literal["heading"]
    text: str


class ParagraphBlock(TypedDict):
    type: Literal["paragraph"]
    text: str


class ListBlock(TypedDict):
    type: Literal["list"]
    ordered: bool
    items: list[str]


class StatItem(TypedDict):
    label: str
    value: str


class StatsBlock(TypedDict):
    type: Literal["stats"]
    items: list[StatItem]


class CopyBlock(TypedDict):
    type: Literal["copy"]
    label: str
    text: str


class NoticeBlock(TypedDict):
    type: Literal["notice"]
    tone: Tone
    text: str


class FigureBlock(TypedDict):
    type: Literal["figure"]
    svg: str
    caption: str


class LinkBlock(TypedDict):
    type: Literal["link"]
    text: str
    href: str


class TableBlock(TypedDict):
    type: Literal["table"]
    caption: str
    head: list[str]
    rows: list[list[str]]


Block = (
    TableBlock
    | HeadingBlock
    | ParagraphBlock
    | ListBlock
    | StatsBlock
    | CopyBlock
    | NoticeBlock
    | FigureBlock
    | LinkBlock
)

#: What a link block may point at: a page of this site, relative to the
#: site root ("support/", "feel-it/#worksheet"). No scheme, no host, no
#: "..", no query; render.js checks the same pattern before making an <a>.
SITE_PATH = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*/?(?:#[a-z0-9_-]+)?$")


def heading(text: str) -> HeadingBlock:
    return {"type": "heading", "text": clean(text)}


def paragraph(text: str) -> ParagraphBlock:
    return {"type": "paragraph", "text": clean(text)}


def bullets(items: list[str], *, ordered: bool = False) -> ListBlock:
    return {"type": "list", "ordered": ordered, "items": [clean(item) for item in items]}


def stats(items: list[tuple[str, str]]) -> StatsBlock:
    return {
        "type": "stats",
        "items": [{"label": clean(label), "value": clean(value)} for label, value in items],
    }


def copy(label: str, text: str) -> CopyBlock:
    return {"type": "copy", "label": clean(label), "text": clean(text)}


def notice(text: str, tone: Tone = "info") -> NoticeBlock:
    return {"type": "notice", "tone": tone, "text": clean(text)}


def figure(svg: str, caption: str) -> FigureBlock:
    """``svg`` must come from :mod:`browser_py.core.svg`, which escapes every text."""
    return {"type": "figure", "svg": svg, "caption": clean(caption)}


def link(text: str, href: str) -> LinkBlock:
    """A link to a page of this site; ``href`` is relative to the site root
    and must match :data:`SITE_PATH` (the page resolves it, never as HTML)."""
    if not SITE_PATH.match(href):
        raise ValueError(f"a link block needs a site-relative path, not {href!r}")
    return {"type": "link", "text": clean(text), "href": href}


def table(caption: str, head: list[str], rows: list[list[str]]) -> TableBlock:
    """A data table: ``head`` names the columns, the first cell of each row
    names the row (the page makes it a row header). Every row is cut or
    padded to the width of ``head``, so the table is never ragged. A chart's
    numbers go in one of these beside it, for readers who cannot see it."""
    width = len(head)
    return {
        "type": "table",
        "caption": clean(caption),
        "head": [clean(cell) for cell in head],
        "rows": [[clean(cell) for cell in (list(row) + [""] * width)[:width]] for row in rows],
    }


#: The key of a ``compute``'s ``context`` that holds what other worksheets
#: share from every round (``{worksheet id: [its share, one per round]}``),
#: for a module that names them in ``ROUNDS_CONTEXT`` (see
#: :mod:`browser_py.worksheets`). The ``*`` keeps it apart from every
#: worksheet id.
ROUNDS_CONTEXT_KEY = "*rounds"


@dataclass(slots=True)
class Outcome:
    """What a worksheet's ``compute`` returns.

    ``missing`` lists the field ids still needed for a complete result (the
    runtime points the reader at them); ``extra`` holds additional response
    keys a worksheet adds, such as the learning plan's ``sessions``.

    ``events`` are the worksheet's dated entries for the reader's calendar,
    as data (never sent with a ``compute`` response)::

        {"kind": "follow-up",          # one word, part of the event's UID
         "date": "2026-12-09",         # ISO date
         "title": "Follow up on ...",  # the calendar entry's summary
         "details": "...",             # its description
         "time": "18:00",              # optional: a timed event, local time
         "minutes": 45,                # with "time": how long it lasts
         "key": "role-fit:mock",       # optional: data (never translated text) that
                                       # tells it from others of its kind that day; in the UID
         "step_note": False}           # optional: leave out "From step N ..."

    An event without ``time`` lasts the whole day; the calendar adds to its
    details which step of the guide it comes from unless ``step_note`` is false.
    """

    blocks: list[Block]
    missing: list[str]
    extra: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
