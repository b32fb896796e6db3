"""Options of the ``rebound-worksheets`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from ..utilities import layout


class WorksheetsConfig(Config):
    """Configuration of :class:`~rebound_mkdocs.worksheets.plugin.WorksheetsPlugin`."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off: fences stay as code blocks. The benchmark uses it
    to measure what the plugin costs."""

    heading_level = opt.Choice((2, 3, 4), default=2)
    """Heading level of each worksheet's title (``<h2>`` by default), so it
    fits the outline of the page around it. The summary heading is one below."""

    spec_index = opt.Type(str, default=layout.MANIFEST)
    """Where the build writes every worksheet spec, normalised, with the page
    it is on: the runtime, the workbook page and the PDF read this one file."""
