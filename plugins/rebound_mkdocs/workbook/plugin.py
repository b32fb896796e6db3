"""The ``rebound-workbook`` MkDocs plugin: the downloadable, fillable PDF.

When the PDF is made, and why then. MkDocs renders every page's Markdown
(``on_page_content``) before it renders any page's template, and fires
``on_env`` in between. So in ``on_env`` every strategy page's HTML is final,
the site folder has been cleaned, and not a single page has been written yet:
the plugin builds the PDF there (or takes it from the cache), writes it into
the site, and knows its size before ``on_post_page`` adds the "Download the
workbook (PDF)" link to each page. No placeholder has to be patched into
written files afterwards.

The PDF itself: a cover, a table of contents with page numbers, and one
chapter per page that holds a worksheet (in navigation order), where the web
form is swapped for a print worksheet whose fields are real AcroForm fields
named ``WORKSHEET.FIELD`` (see :mod:`.fields`), followed by a lined box for
notes. :mod:`.content` cleans the page HTML, :mod:`.printform` and the Jinja
templates lay out the worksheets, :mod:`.pdf` runs WeasyPrint, :mod:`.cache`
skips all of that when nothing changed.

It also adds a print stylesheet to the web pages (``assets/rebound/print.css``),
so printing a page from the browser gives the article and the reader's answers,
and ships the workbook page's script (``assets/workbook.js``, served at
:data:`~rebound_mkdocs.utilities.layout.WORKBOOK_SCRIPT`): progress, export,
import, the calendar and the filled PDF on ``content/workbook.md``. The
runtime's entry script loads it only on a page with a workbook container.
"""

from __future__ import annotations

import gettext
import json
import logging
import os
import posixpath
import re
import time
from dataclasses import dataclass
from html import escape
from importlib.metadata import version
from pathlib import Path, PurePosixPath

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import browser_py.core.spec
from browser_py.core.spec import Worksheet
from rebound_mkdocs.minify import minify_files
from rebound_mkdocs.utilities import editions, layout, site_text

from ..worksheets.plugin import PlacedWorksheet, WorksheetsPlugin
from . import pdf as pdf_module
from .cache import PdfCache, cache_key
from .config import WorkbookConfig

log = logging.getLogger("mkdocs.plugins.rebound.workbook")

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
PRINT_CSS_SOURCE = PACKAGE / "assets" / "print.css"
SPEC_SOURCE = Path(browser_py.core.spec.__file__).resolve()
WORKBOOK_SCRIPT_SOURCE = PACKAGE / "assets" / "workbook.js"
#: The modules workbook.js imports besides the page's own (same folder when served).
WORKBOOK_MODULES = {
    layout.BACKUP_SCRIPT: "backup.js",
    layout.BACKUP_UI_SCRIPT: "backup-ui.js",
    layout.STORAGE_PANEL_SCRIPT: "storage-panel.js",
    layout.WORKBOOK_MESSAGES_SCRIPT: "workbook-messages.js",
    # Each language's words, which workbook-messages.js imports by the page's
    # <html lang> (as the runtime plugin ships page/messages.<lang>.js).
    **{
        f"{layout.PAGE_DIR}/{source.name}": source.name
        for source in sorted((PACKAGE / "assets").glob("workbook-messages.*.js"))
    },
}
#: Where the web print stylesheet is served from.
PRINT_CSS_URI = layout.PRINT_CSS

LINK_TEXT = "Download the workbook (PDF)"

#: The options that change the PDF itself (the others change the site or the
#: cache, so they stay out of the cache key).
_PDF_OPTIONS = ("paper_size", "list_rows", "notes_lines", "title", "author")


def format_size(size: int) -> str:
    """``1234567`` -> ``"1.2 MB"``: the size shown next to the download link
    (decimal units, as file managers on most systems show them)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


#: The running footer of workbook.css, whose words :func:`page_footer` translates.
_FOOTER = """content: string(book) " \\00B7  Page " counter(page) " of " counter(pages);"""


def page_footer(css: str, text: gettext.NullTranslations) -> str:
    """``css`` (workbook.css) with its page footer ("Page 3 of 40") in the
    words of ``text``; unchanged in English."""
    if _FOOTER not in css:
        raise PluginError("rebound-workbook: workbook.css lost its page footer rule")
    # TRANSLATORS: the PDF's running footer, after the book's title.
    pattern = text.gettext("Page {page} of {pages}")
    parts = ["string(book)"]
    for index, piece in enumerate(re.split(r"\{(page|pages)\}", pattern)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece or index == 0:
            literal = piece.replace("\\", "\\\\").replace('"', '\\"')
            parts.append('" \\00B7  ' + literal + '"' if index == 0 else f'"{literal}"')
    return css.replace(_FOOTER, "content: " + " ".join(parts) + ";")


def chapter_anchor(page_url: str) -> str:
    """``"feel-it/"`` -> ``"chapter-feel-it"``: the id of a page's chapter."""
    stem = re.sub(r"[^a-z0-9]+", "-", page_url.lower().removesuffix(".html")).strip("-")
    return f"chapter-{stem or 'home'}"


@dataclass(frozen=True, slots=True)
class BuiltPdf:
    """What the pages need to link the PDF: where it is and how big."""

    uri: str
    size: int
    reused: bool
    seconds: float


class WorkbookPlugin(BasePlugin[WorkbookConfig]):
    """Build the workbook PDF and link it from every page; see the module
    docstring for the order of events."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.pdf: BuiltPdf | None = None
        self._nav_pages: list[Page] = []
        self._root = Path.cwd()
        self._jinja = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        self._text: gettext.NullTranslations = gettext.NullTranslations()
        self._jinja.install_gettext_translations(self._text)  # type: ignore[attr-defined]

    # -- hooks ---------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        output = PurePosixPath(self.config.output)
        if output.is_absolute() or ".." in output.parts or output.suffix != ".pdf":
            raise PluginError(
                f"rebound-workbook: 'output' must be a relative path inside the site "
                f"ending in .pdf, not {self.config.output!r}"
            )
        self._root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        # The PDF's own words: the build's language (the languages plugin,
        # earlier in the list, has found it), or the pseudo-locale.
        self._text = site_text.for_config(config)
        self._jinja.install_gettext_translations(self._text)  # type: ignore[attr-defined]
        # Another language's pages use the site root's stylesheet and scripts.
        print_css = editions.shared_root(config) + PRINT_CSS_URI
        if self.config.print_stylesheet and print_css not in config.extra_css:
            config.extra_css.append(print_css)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        # `mkdocs serve` may rebuild with the same instance: forget the last one.
        self.pdf = None
        self._nav_pages = []

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or not editions.ships_shared(config):
            return None
        sources = {
            layout.WORKBOOK_SCRIPT: WORKBOOK_SCRIPT_SOURCE,
            **{uri: PACKAGE / "assets" / name for uri, name in WORKBOOK_MODULES.items()},
        }
        if self.config.print_stylesheet and files.get_file_from_path(PRINT_CSS_URI) is None:
            sources[PRINT_CSS_URI] = PRINT_CSS_SOURCE
        shrunk = minify_files(
            {uri: source.read_text(encoding="utf-8") for uri, source in sources.items()}
        )
        for uri, content in shrunk.items():
            if uri != PRINT_CSS_URI and files.get_file_from_path(uri) is not None:
                raise PluginError(
                    f"rebound-workbook: {config.docs_dir}/{uri} clashes with the "
                    "workbook's own file of that name; rename it"
                )
            files.append(File.generated(config, uri, content=content))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        self._nav_pages = list(nav.pages)
        return None

    # Late, so that every plugin has finished with the pages' HTML.
    @event_priority(-50)
    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        if not self.config.enabled:
            return None
        worksheets_plugin = config.plugins.get("rebound-worksheets")
        if (
            not isinstance(worksheets_plugin, WorksheetsPlugin)
            or not worksheets_plugin.config.enabled
        ):
            log.warning(
                "rebound-workbook needs the rebound-worksheets plugin (enabled) to "
                "know the worksheets; no workbook PDF is built"
            )
            return None
        placed = worksheets_plugin.worksheets
        if not placed:
            log.info("No worksheets in this site: no workbook PDF is built")
            return None
        start, start_cpu = time.perf_counter(), time.process_time()
        pages, by_page = self._chapter_pages(files, placed)
        key = self._cache_key(config, files, pages, by_page)
        cache = PdfCache(self._root / self.config.cache_dir)
        data = cache.get(key) if self.config.cache else None
        reused = data is not None
        if data is None:
            html = self._document(config, files, pages, by_page)
            try:
                data = pdf_module.render_pdf(
                    html,
                    [
                        page_footer(
                            (TEMPLATES / "workbook.css").read_text(encoding="utf-8"), self._text
                        )
                    ],
                    paper_size=self.config.paper_size,
                    base_url=Path(config.docs_dir).resolve().as_uri() + "/",
                )
            except pdf_module.WorkbookPdfError as error:
                log.error("The workbook PDF could not be built: %s", error)
                return None
            if self.config.cache:
                cache.put(key, data)
        target = Path(config.site_dir) / self.config.output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        seconds = time.perf_counter() - start
        self.pdf = BuiltPdf(uri=self.config.output, size=len(data), reused=reused, seconds=seconds)
        # CPU time too: on a busy machine the wall clock mostly measures the others.
        log.info(
            "Workbook PDF %s in %.2f s (%.2f s CPU): %s (%s)",
            "reused from cache" if reused else "built",
            seconds,
            time.process_time() - start_cpu,
            self.config.output,
            format_size(len(data)),
        )
        return None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or not self.config.download_link or self.pdf is None:
            return None
        href = get_relative_url(self.pdf.uri, page.url)
        link = (
            '<p class="rebound-workbook-download">'
            f'<a href="{escape(href)}" type="application/pdf" '
            f'download="{escape(posixpath.basename(self.pdf.uri))}">'
            f"{escape(self.config.link_text or LINK_TEXT)}</a> "
            f'<span class="rebound-workbook-download__size">{format_size(self.pdf.size)}'
            "</span></p>"
        )
        # The end of Material's article (the page's content column); any
        # other theme gets the link at the end of the body.
        for closing in ("</article>", "</body>"):
            at = output.rfind(closing)
            if at != -1:
                return f"{output[:at]}{link}{output[at:]}"
        return None

    # -- the print document --------------------------------------------------

    def _chapter_pages(
        self, files: Files, placed: dict[str, PlacedWorksheet]
    ) -> tuple[list[Page], dict[str, list[Worksheet]]]:
        """The pages that hold a worksheet, in navigation order (pages left
        out of the navigation last), and each page's worksheets."""
        by_page: dict[str, list[Worksheet]] = {}
        for item in placed.values():
            by_page.setdefault(item.page_url, []).append(item.worksheet)
        ordered = [page for page in self._nav_pages if page.url in by_page]
        in_nav = {page.url for page in ordered}
        ordered += sorted(
            (
                f.page
                for f in files.documentation_pages()
                if f.page is not None and f.page.url in by_page and f.page.url not in in_nav
            ),
            key=lambda p: p.url,
        )
        return [page for page in ordered if page.content is not None], by_page

    def _cache_key(
        self,
        config: MkDocsConfig,
        files: Files,
        pages: list[Page],
        by_page: dict[str, list[Worksheet]],
    ) -> str:
        """A hash of everything the PDF is made from, computed from the raw
        inputs so that a cache hit skips even the HTML clean-up: the pages'
        HTML, titles and order, the specs, the options, the site's name and
        description, local files an image could come from (by size and
        time), this package's code, templates and CSS, and the versions of
        the libraries that draw the PDF."""
        options = {name: self.config[name] for name in _PDF_OPTIONS}
        parts: list[str | bytes] = [
            json.dumps(options, sort_keys=True, default=str),
            json.dumps(
                [
                    config.site_name,
                    config.site_description,
                    config.site_url,
                    config.site_author,
                    config.theme.get("language"),
                ],
                default=str,
            ),
            version("weasyprint"),
            version("pydyf"),
            version("tinyhtml5"),
            version("jinja2"),
            pdf_module.font_files(),
            site_text.key_for_config(config),
        ]
        for source in sorted((*PACKAGE.glob("*.py"), *TEMPLATES.iterdir(), SPEC_SOURCE)):
            parts.append(source.read_bytes())
        for page in pages:
            specs = [ws.to_dict() for ws in by_page[page.url]]
            parts += [
                page.url,
                page.title or "",
                page.content or "",
                json.dumps(specs, sort_keys=True),
            ]
        for file in files:
            if (
                not file.is_documentation_page()
                and file.abs_src_path
                and file.abs_src_path.startswith(config.docs_dir)
            ):
                stat = os.stat(file.abs_src_path)
                parts.append(f"{file.dest_uri}:{stat.st_size}:{stat.st_mtime_ns}")
        return cache_key(*parts)

    def _document(
        self,
        config: MkDocsConfig,
        files: Files,
        pages: list[Page],
        by_page: dict[str, list[Worksheet]],
    ) -> str:
        """The whole print HTML: cover, contents and one chapter per page."""
        # Only needed on a cache miss; a build that reuses the PDF skips
        # importing the HTML parser.
        from .content import ChapterBuilder, fill_slots, prune_ids
        from .printform import print_worksheet

        images = {
            f.dest_uri: f.abs_src_path
            for f in files
            if not f.is_documentation_page() and f.abs_src_path
        }
        builder = ChapterBuilder(
            {page.url: chapter_anchor(page.url) for page in pages},
            image_path=lambda uri: Path(images[uri]).as_uri() if uri in images else None,
            site_url=config.site_url or "",
        )
        macros = self._jinja.get_template("worksheet.html.j2").module
        list_rows = self.config.list_rows
        notes = self.config.notes_lines
        chapters = []
        for page in pages:
            sheets = {ws.id: ws for ws in by_page[page.url]}
            chapter = builder.build(page.content or "", page_url=page.url, title=page.title or "")

            def render(worksheet_id: str, sheets: dict[str, Worksheet] = sheets) -> str:
                if worksheet_id not in sheets:  # a form the spec list does not know
                    return ""
                return str(
                    macros.worksheet(
                        print_worksheet(sheets[worksheet_id], list_rows, self._text), notes
                    )
                )

            html, filled = fill_slots(chapter.html, render)
            # A worksheet whose form was not found in the page (an unusual
            # wrapper, another plugin's edit) is still printed, at the end.
            missing = [ws_id for ws_id in sheets if ws_id not in filled]
            html += "".join(render(ws_id) for ws_id in missing)
            order = [ws_id for ws_id in filled if ws_id in sheets] + missing
            chapters.append(
                {
                    "anchor": chapter.anchor,
                    "heading": chapter.heading,
                    "html": Markup(html),
                    "worksheets": [sheets[ws_id] for ws_id in order],
                }
            )

        for chapter, html in zip(chapters, prune_ids([c["html"] for c in chapters]), strict=True):
            chapter["html"] = Markup(html)
        title = self.config.title or f"{config.site_name} workbook"
        all_sheets = [ws for chapter in chapters for ws in chapter["worksheets"]]
        document = self._jinja.get_template("workbook.html.j2").render(
            language=(config.theme.get("language") or "en"),
            title=title,
            author=self.config.author or config.site_author or config.site_name,
            description=config.site_description or "",
            keywords=", ".join([self._text.gettext("workbook"), *(ws.title for ws in all_sheets)]),
            generator=f"{config.site_name} (MkDocs, rebound-workbook, WeasyPrint)",
            site_name=config.site_name,
            site_url=config.site_url or "",
            chapters=chapters,
        )
        return document
