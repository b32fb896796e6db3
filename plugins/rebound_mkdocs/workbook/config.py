"""Options of the ``rebound-workbook`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from ..utilities import layout


class _Count(opt.Type):
    """A whole number within bounds, so a typo fails the build with the
    option's name instead of producing an odd PDF."""

    def __init__(self, *, default: int, low: int, high: int) -> None:
        super().__init__(int, default=default)
        self.low = low
        self.high = high

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or not self.low <= number <= self.high:
            raise opt.ValidationError(f"must be between {self.low} and {self.high}, not {value!r}")
        return number


class WorkbookConfig(Config):
    """Configuration of :class:`~rebound_mkdocs.workbook.plugin.WorkbookPlugin`."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off: no PDF, no download link, no print stylesheet. The
    benchmark uses it to measure what the plugin costs."""

    cache = opt.Type(bool, default=True)
    """Reuse the last PDF when nothing that goes into it has changed. Laying out
    the PDF is the slowest part of the build, and most builds do not touch the
    strategy pages."""

    cache_dir = opt.Type(str, default=".cache/rebound-workbook")
    """Where cached PDFs live, relative to the folder of ``mkdocs.yml``. Keep it
    out of version control (``.cache/`` is in ``.gitignore``)."""

    output = opt.Type(str, default=layout.WORKBOOK_PDF)
    """Path of the PDF inside the built site. Every page links to it."""

    paper_size = opt.Choice(("a4", "letter"), default="a4")
    """Paper the PDF is laid out for: ``a4`` (most of the world) or
    ``letter`` (North America)."""

    list_rows = _Count(default=5, low=1, high=100)
    """How many rows a list field (such as the application tracker) prints. A
    list never prints more than its ``max_rows`` nor fewer than its
    ``min_rows``; paper cannot grow, so this is fixed."""

    notes_lines = _Count(default=8, low=0, high=40)
    """Ruled lines in the notes box after each worksheet, for handwriting."""

    title = opt.Optional(opt.Type(str))
    """Title on the cover and in the PDF metadata; defaults to
    ``"<site_name> workbook"``."""

    author = opt.Optional(opt.Type(str))
    """Author in the PDF metadata; defaults to ``site_author``, then
    ``site_name``."""

    download_link = opt.Type(bool, default=True)
    """Add "Download the workbook (PDF)" with the file size to every page."""

    link_text = opt.Type(str, default="")
    """The download link's words, for a site in another language
    (the Chinese edition sets it); "Download the workbook (PDF)" when empty."""

    print_stylesheet = opt.Type(bool, default=True)
    """Add a print stylesheet to the web pages, so printing a page from the
    browser gives the article and the reader's answers without the site's
    navigation."""
