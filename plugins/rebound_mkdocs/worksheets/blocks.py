"""Find ```` ```worksheet ```` fences in a page's Markdown, wherever they are.

Python-Markdown renders the page, but it does not tell where a block came
from. markdown-it-py does (``token.map``), so we use it only to *locate*
fences. CommonMark alone would read the indented body of an admonition
(``!!!``, ``???``) or a content tab (``===``) as an indented code block and
miss the fence inside; :func:`container_rule` teaches it those containers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

#: The info string that marks a worksheet spec.
INFO = "worksheet"

#: Markers of Material's indented containers: admonitions, collapsible
#: admonitions (open or closed) and content tabs (also the "new group" and
#: "selected" variants).
_CONTAINER_START = re.compile(r"(?:!!!|\?\?\?\+?|===[!+]?)(?=[ \t]|$)")


@dataclass(frozen=True, slots=True)
class FenceBlock:
    """One worksheet fence.

    ``start`` and ``end`` are 0-based lines of the Markdown given to
    :func:`find_worksheet_fences` (fence lines included, ``end`` exclusive);
    ``column`` is where the fence marker starts on the first line; ``body`` is
    the YAML, de-indented, whose line 0 is Markdown line ``start + 1``.
    """

    start: int
    end: int
    column: int
    body: str
    closed: bool


def container_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: a container marker line followed by lines indented 4 more.

    It only has to nest correctly so fences inside are seen; the tokens it
    emits are never rendered.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    maximum = state.eMarks[start_line]
    if not _CONTAINER_START.match(state.src, pos, maximum):
        return False
    if silent:
        return True

    old_parent, old_line_max, old_indent = state.parentType, state.lineMax, state.blkIndent
    state.blkIndent = state.sCount[start_line] + 4
    next_line = start_line + 1
    while next_line < end_line:
        is_blank = state.isEmpty(next_line)
        if not is_blank and state.sCount[next_line] < state.blkIndent:
            break
        next_line += 1
    # Trailing blank lines belong to the parent, not the container.
    while next_line > start_line + 1 and state.isEmpty(next_line - 1):
        next_line -= 1

    state.parentType = "container"  # type: ignore[assignment]
    state.lineMax = next_line
    opening = state.push("container_open", "div", 1)
    opening.map = [start_line, next_line]
    state.md.block.tokenize(state, start_line + 1, next_line)
    state.push("container_close", "div", -1)
    state.parentType, state.lineMax, state.blkIndent = old_parent, old_line_max, old_indent
    state.line = next_line
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.block.ruler.before(
        "fence",
        "rebound_container",
        container_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    return md


_MD = _parser()

#: A fence opener whose info string starts with the word ``worksheet``, as
#: markdown-it reads it (raw text, no escapes). A page without one holds no
#: worksheet, so most pages skip the parse.
_MAYBE_FENCE = re.compile(r"(?:`{3,}|~{3,})[ \t]*" + re.escape(INFO) + r"(?=\s|$)")


def is_worksheet_info(info: str) -> bool:
    """``worksheet`` or ``worksheet {attrs}``, but not ``worksheets`` or ``yaml``."""
    words = info.strip().split(maxsplit=1)
    return bool(words) and words[0] == INFO


def might_hold_fence(markdown: str) -> bool:
    """False when ``markdown`` surely holds no worksheet fence (a cheap test)."""
    return _MAYBE_FENCE.search(markdown) is not None


def find_worksheet_fences(markdown: str) -> list[FenceBlock]:
    """Every worksheet fence in ``markdown``, in document order."""
    if not might_hold_fence(markdown):
        return []
    lines = markdown.splitlines()
    found = []
    for token in _MD.parse(markdown):
        if token.type != "fence" or not is_worksheet_info(token.info) or token.map is None:
            continue
        start, end = token.map
        first = lines[start]
        column = first.find(token.markup)
        last = lines[end - 1].strip() if end - 1 > start else ""
        closed = (
            end - 1 > start
            and last.startswith(token.markup[0] * len(token.markup))
            and set(last) <= {token.markup[0]}
        )
        found.append(
            FenceBlock(
                start=start, end=end, column=max(column, 0), body=token.content, closed=closed
            )
        )
    return found
