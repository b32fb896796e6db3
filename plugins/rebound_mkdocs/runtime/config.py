"""Options of the ``rebound-runtime`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class RuntimeConfig(Config):
    """Configuration of :class:`~rebound_mkdocs.runtime.plugin.RuntimePlugin`.

    Every path is relative to the directory that holds ``mkdocs.yml``.
    """

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off: no Pyodide, no wheel, no scripts. Worksheets stay
    plain forms. The benchmark uses it to measure what the runtime costs."""

    pyodide_dir = opt.Type(str, default="node_modules/pyodide")
    """Where ``npm ci`` put the Pyodide package. The build copies only the
    files the browser needs from here into ``site/assets/pyodide/``."""

    package_json = opt.Type(str, default="package.json")
    """The npm manifest that pins Pyodide. The build fails when the installed
    package is a different version, so the site never ships an untested
    runtime."""

    package_dir = opt.Type(str, default="browser_py")
    """The pure-Python package that runs in the browser. It becomes the
    ``rebound-browser-py`` wheel, listed in the site's Pyodide lock file."""

    pseudo_locale = opt.Type(bool, default=False)
    """Also ship the pseudo-locale's catalogue (``qps_ploc``: every message
    accented and wrapped, see :mod:`rebound_mkdocs.runtime.catalogs`), for a
    page whose ``<html lang>`` is ``qps-ploc``: a check that no text escapes
    translation. Off for a real site."""

    on_demand = opt.ListOfItems(opt.Type(str), default=[])
    """Installed pure-Python distributions shipped as extra wheels in the same
    lock file, which the worker loads only when a page asks for them (the
    workbook's "filled PDF" needs ``pypdf``). Re-packaged offline from the
    build's environment; see :mod:`rebound_mkdocs.runtime.extra_wheels`."""

    cache_dir = opt.Type(str, default="node_modules/.cache/rebound-runtime")
    """Where the wheel and the lock file are kept between builds. They are
    rebuilt only when the package's sources or the pinned Pyodide change.
    Under ``node_modules`` so ``npm ci`` clears it and git ignores it."""
