"""The ``rebound-worksheets`` MkDocs plugin.

Authors write a worksheet as a fenced block with the info string
``worksheet`` and a YAML body. On each page this plugin

1. finds the fences with markdown-it-py (at top level, in admonitions,
   content tabs and list items), before any other plugin edits the Markdown;
2. validates each spec against :mod:`browser_py.core.spec`;
3. swaps the fence for a placeholder paragraph, and after Python-Markdown has
   run, swaps the placeholder for the rendered form.

After the build it writes the worksheet manifest (``worksheets.json``, see
:mod:`browser_py.core.manifest`): every worksheet in the site's nav order,
each with its step number, page and spec.

Every problem is logged as ``content/FILE.md:LINE: message`` under the
``mkdocs.plugins`` logger, so ``mkdocs build --strict`` fails on it, and the
page shows the same message where the form would be, so ``mkdocs serve``
shows it too.
"""

from __future__ import annotations

import dataclasses
import gettext
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from browser_py.core.spec import Path as SpecPath
from browser_py.core.spec import Worksheet
from rebound_mkdocs.utilities import build_cache, editions, site_text

from . import blocks, translation
from .blocks import FenceBlock, find_worksheet_fences
from .compile import FenceError, compile_fence_source
from .config import WorksheetsConfig
from .render import FormRenderer

log = logging.getLogger("mkdocs.plugins.rebound.worksheets")

_PLACEHOLDER = "REBOUNDWORKSHEETPLACEHOLDER{index}END"
_PLACEHOLDER_HTML = re.compile(r"(?:<p>\s*)?REBOUNDWORKSHEETPLACEHOLDER(\d+)END(?:\s*</p>)?")


@dataclass(frozen=True, slots=True)
class PlacedWorksheet:
    """A worksheet and where it lives: the source line (for errors) and the
    page (for links from the workbook and the PDF)."""

    worksheet: Worksheet
    src: str
    line: int
    page_url: str
    page_title: str


@dataclass(slots=True)
class _PageWorksheets:
    """What one page's Markdown pass leaves for its HTML pass."""

    html: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A fence that compiled: its spec, and how to find the line of any of
    its spec paths in its Markdown file (1-based)."""

    spec: dict
    line_of: Callable[[SpecPath], int]


class WorksheetsPlugin(BasePlugin[WorksheetsConfig]):
    """Turn ``worksheet`` fences into forms; see the module docstring."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.worksheets: dict[str, PlacedWorksheet] = {}
        self._pages: dict[str, _PageWorksheets] = {}
        self._nav_urls: list[str] = []
        self._root = Path.cwd()
        #: In another language's build: the original (primary) pages'
        #: worksheets, by file name, and where they are.
        self._originals: dict[str, tuple[str, list[_Compiled]]] | None = None
        self._compiled: list[_Compiled] = []
        self._text: gettext.NullTranslations = gettext.NullTranslations()

    # -- hooks ---------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self._root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        # The languages plugin, earlier in the list, has found the edition.
        self._text = site_text.for_config(config)
        return None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # `mkdocs serve` rebuilds with the same plugin instance: start clean,
        # or a worksheet would clash with its own previous build.
        self.worksheets.clear()
        self._pages.clear()
        self._originals = self._read_originals(config)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        # The order the manifest numbers the worksheets in: the reader's.
        self._nav_urls = [page.url for page in nav.pages]

    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        fences = _find_fences(markdown)
        if not fences:
            return None
        offset = self._front_matter_lines(page, markdown)
        src = self._display_path(page)
        # Render in document order: the first use of an id wins.
        self._compiled = []
        placed = _PageWorksheets(
            html=[self._render_fence(f, src=src, offset=offset, page=page) for f in fences]
        )
        if len(self._compiled) == len(fences):  # else its errors are reported
            self._check_translation(page, src, self._compiled)
        lines = markdown.split("\n")
        # Replace from the bottom so the line numbers of earlier fences hold.
        # Blank lines around the placeholder keep it a paragraph of its own.
        for index, fence in reversed(list(enumerate(fences))):
            indent = lines[fence.start][: fence.column]
            lines[fence.start : fence.end] = ["", indent + _PLACEHOLDER.format(index=index), ""]
        self._pages[page.file.src_uri] = placed
        return "\n".join(lines)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        placed = self._pages.get(page.file.src_uri)
        if placed is None:
            return None
        return _PLACEHOLDER_HTML.sub(lambda m: placed.html[int(m.group(1))], html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        target = Path(config.site_dir) / self.config.spec_index
        target.parent.mkdir(parents=True, exist_ok=True)
        position = {url: number for number, url in enumerate(self._nav_urls)}
        # Pages as site paths: another language's manifest names "zh/feel-it/".
        edition = editions.of(config)
        site_path = edition.site_path if edition is not None else str
        ordered = sorted(
            self.worksheets.values(),
            key=lambda placed: position.get(placed.page_url, len(position)),
        )
        index = {
            "schema": 2,
            "worksheets": [
                {
                    "step": step,
                    "page": site_path(placed.page_url),
                    "page_title": placed.page_title,
                    "spec": placed.worksheet.to_dict(),
                }
                for step, placed in enumerate(ordered, start=1)
            ],
        }
        target.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    # -- helpers -------------------------------------------------------------

    def _render_fence(self, fence: FenceBlock, *, src: str, offset: int, page: Page) -> str:
        """Validate one fence and return its form, or the error box."""
        fence_line = offset + fence.start + 1  # 1-based line of the opening fence
        body_line = fence_line + 1  # 1-based line of the body's first line
        if not fence.closed:
            return self._error(
                src,
                fence_line,
                "this worksheet block is never closed: add a closing ``` at the same indentation",
            )
        try:
            worksheet, source = compile_fence_source(fence.body)
        except FenceError as error:
            return self._error(src, body_line + error.line, error.message)
        id_line = body_line + source.line_of(("id",))
        self._compiled.append(
            _Compiled(worksheet.to_dict(), lambda path: body_line + source.line_of(path))
        )
        previous = self.worksheets.get(worksheet.id)
        if previous is not None:
            return self._error(
                src,
                id_line,
                f"worksheet id '{worksheet.id}' is already used at "
                f"{previous.src}:{previous.line}; ids must be unique across the site",
            )
        self.worksheets[worksheet.id] = PlacedWorksheet(
            worksheet=worksheet,
            src=src,
            line=id_line,
            page_url=page.url,
            page_title=page.title or "",
        )
        return FormRenderer(
            worksheet, heading_level=self.config.heading_level, text=self._text
        ).render()

    def _check_translation(self, page: Page, src: str, compiled: list[_Compiled]) -> None:
        """In another language's build, log every way this page's worksheets
        differ in structure from the original page's (see :mod:`.translation`)."""
        if self._originals is None:
            return
        original = self._originals.get(page.file.src_uri)
        if original is None:
            return  # no original page: tests/content/test_translations.py says so
        original_src, original_compiled = original
        problems = translation.compare_pages(
            [c.spec for c in original_compiled], [c.spec for c in compiled]
        )
        by_id = {c.spec["id"]: c for c in compiled}
        where = {c.spec["id"]: c for c in original_compiled}
        for problem in problems:
            mine = by_id.get(problem.worksheet) if problem.worksheet else None
            line = mine.line_of(problem.path) if mine and problem.path is not None else 1
            theirs = where.get(problem.worksheet) if problem.worksheet else None
            at = f"{original_src}:{theirs.line_of(('id',))}" if theirs else original_src
            label = f"worksheet '{problem.worksheet}'" if problem.worksheet else "this page"
            log.error(f"{src}:{line}: {label} differs from the original ({at}): {problem.message}")

    def _read_originals(
        self, config: MkDocsConfig
    ) -> dict[str, tuple[str, list[_Compiled]]] | None:
        """The primary language's worksheets by page file name, read from its
        Markdown (``None`` in the primary build itself). A fence that does not
        compile is left out: the primary build reports it."""
        edition = editions.of(config)
        plugin = config.plugins.get("rebound-languages")
        if edition is None or edition.primary or plugin is None:
            return None
        primary = (self._root / plugin.editions[0].docs_dir).resolve()
        others = [(self._root / other.docs_dir).resolve() for other in plugin.editions[1:]]
        originals: dict[str, tuple[str, list[_Compiled]]] = {}
        for path in sorted(primary.rglob("*.md")):
            if any(path.is_relative_to(other) for other in others):
                continue
            text = path.read_text(encoding="utf-8")
            body, _ = get_data(text)
            offset = text[: len(text) - len(body)].count("\n") if text.endswith(body) else 0
            found = []
            for fence in _find_fences(body):
                if not fence.closed:
                    continue
                try:
                    worksheet, source = compile_fence_source(fence.body)
                except FenceError:
                    continue
                body_line = offset + fence.start + 2
                found.append(
                    _Compiled(
                        worksheet.to_dict(),
                        lambda p, source=source, body_line=body_line: body_line + source.line_of(p),
                    )
                )
            shown = Path(os.path.relpath(path, self._root)).as_posix()
            originals[path.relative_to(primary).as_posix()] = (shown, found)
        return originals

    def _error(self, src: str, line: int, message: str) -> str:
        text = f"{src}:{line}: {message}"
        log.error(text)
        title = escape(self._text.gettext("This worksheet could not be built"))
        return (
            '<div class="admonition failure worksheet-error" role="alert">'
            f'<p class="admonition-title">{title}</p>'
            f"<p><code>{escape(text)}</code></p></div>"
        )

    def _display_path(self, page: Page) -> str:
        """``content/page.md``: the path an author can open, relative to the
        folder of ``mkdocs.yml``."""
        abs_path = page.file.abs_src_path
        if abs_path is None:
            return page.file.src_uri
        try:
            return Path(os.path.relpath(abs_path, self._root)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(abs_path).as_posix()

    @staticmethod
    def _front_matter_lines(page: Page, markdown: str) -> int:
        """How many lines MkDocs stripped (front matter and the blank lines
        after it) before the Markdown we were given, so line numbers count
        from the top of the file."""
        try:
            source = page.file.content_string
        except (OSError, UnicodeDecodeError):
            return 0
        if not source.endswith(markdown):
            body, _ = get_data(source)
            if not source.endswith(body):
                return 0
            markdown = body
        return source[: len(source) - len(markdown)].count("\n")


#: Parsing a page with markdown-it to find its fences was most of this
#: plugin's time; the result depends only on the Markdown and on blocks.py.
_FENCES = build_cache.ContentCache("worksheet-fences", keep=200)
_BLOCKS_SOURCE = Path(blocks.__file__).read_bytes()


def _find_fences(markdown: str) -> list[FenceBlock]:
    """:func:`find_worksheet_fences`, cached by the page's Markdown."""
    if not blocks.might_hold_fence(markdown):
        return []
    key = build_cache.content_key(_BLOCKS_SOURCE, markdown)
    cached = _FENCES.get(key)
    if cached is not None:
        try:
            return [FenceBlock(**fields) for fields in json.loads(cached)]
        except (ValueError, TypeError):
            pass  # damaged: parsed again
    fences = find_worksheet_fences(markdown)
    _FENCES.put(key, json.dumps([dataclasses.asdict(fence) for fence in fences]).encode())
    return fences
