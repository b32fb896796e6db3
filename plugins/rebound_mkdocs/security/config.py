"""Options of the ``rebound-security`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from ..utilities import layout

#: Browser features no page of the guide uses, denied to every document.
DENIED_FEATURES = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]


class SecurityConfig(Config):
    """Configuration of :class:`~rebound_mkdocs.security.plugin.SecurityPlugin`.

    Paths are relative to the site root, without a leading slash.
    """

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off: no policy, no ``_headers`` file, no a11y styles."""

    on_serve = opt.Type(bool, default=False)
    """Also add the policy under ``mkdocs serve``. Off by default: the live
    reload script that ``mkdocs serve`` injects is inline and changes on every
    rebuild, so no hash can allow it and a policy would stop live reload."""

    headers_file = opt.Type(bool, default=True)
    """Write ``_headers`` at the site root (Netlify and Cloudflare Pages read
    it): each page's policy as a real header, with ``frame-ancestors``, which a
    ``<meta>`` policy cannot carry, policies for the worker scripts, and
    ``nosniff``, ``Referrer-Policy``, ``X-Frame-Options`` and
    ``Permissions-Policy`` for every path."""

    wasm_workers = opt.ListOfItems(opt.Type(str), default=[layout.WORKER_SCRIPT])
    """Worker scripts that compile WebAssembly (Pyodide). A worker loaded from
    an ``http(s)`` URL is governed by its own response's policy, not the
    page's, so only these get ``'wasm-unsafe-eval'``; no page does."""

    workers = opt.ListOfItems(
        opt.Type(str), default=[layout.SERVICE_WORKER, "assets/javascripts/workers/*"]
    )
    """Other worker scripts (the service worker, Material's search worker):
    they get the pages' policy without any hash. A trailing ``*`` matches any
    file name in that folder."""

    host_reads_headers = opt.Optional(opt.Type(bool))
    """Whether the host sends ``_headers`` (``true``: Netlify, Cloudflare
    Pages; ``false``: GitHub Pages, a plain file server). Unset by default.
    With ``false`` and a shared origin (``*.github.io``, or a ``site_url``
    with a path) the build warns; otherwise a shared origin gets an info
    line (:mod:`rebound_mkdocs.security.hosting`)."""

    denied_features = opt.ListOfItems(opt.Type(str), default=DENIED_FEATURES)
    """Features ``Permissions-Policy`` turns off for every document."""

    progress_label = opt.Type(str, default="Loading page")
    """The accessible name the accessibility fixes give Material's progress
    bar, in the site's language."""

    a11y = opt.Type(bool, default=True)
    """Apply the accessibility fixes: add ``assets/rebound/a11y.css`` to every
    page (contrast for Material's palette, underlined links, reduced motion
    for readers who ask) and name Material's unnamed progress bar."""
