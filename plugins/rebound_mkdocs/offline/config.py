"""Options of the ``rebound-offline`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from ..utilities import layout


class OfflineConfig(Config):
    """Configuration of :class:`~rebound_mkdocs.offline.plugin.OfflinePlugin`."""

    enabled = opt.Type(bool, default=True)
    """Write and register the service worker."""

    on_serve = opt.Type(bool, default=False)
    """Also register it under ``mkdocs serve``. Off by default: a cache in
    front of a live-reloading author preview only gets in the way."""

    runtime_prefixes = opt.ListOfItems(opt.Type(str), default=[f"{layout.PYODIDE_DIR}/"])
    """Site paths of the Python runtime. They are cached the first time a
    worksheet boots, never on a page that does not need them."""

    boot_wheels = opt.ListOfItems(opt.Type(str), default=[layout.WHEEL_PREFIX])
    """Name prefixes of the wheels the worker installs at boot. Only these
    wheels are kept after a worksheet's first boot; wheels loaded on demand
    (pypdf, for the filled PDF) are cached the first time they are used."""

    exclude_suffixes = opt.ListOfItems(opt.Type(str), default=[".map", ".pdf", "_headers"])
    """Files never precached: source maps, the (large, optional) PDF, and host
    configuration. They are still cached once fetched."""

    exclude_prefixes = opt.ListOfItems(opt.Type(str), default=["assets/javascripts/lunr/"])
    """Folders never precached: Material's search stemmers for other
    languages, which an English site never loads."""
