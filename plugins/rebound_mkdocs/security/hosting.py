"""Where the site is published, and what that leaves unprotected.

Two things keep the reader's answers safe beyond the page's own code:

* **a dedicated origin.** ``localStorage`` belongs to an origin (scheme,
  host and port), not to a path: every page served from the same origin can
  read, change and delete the answers. A site under a subpath shares its
  origin with whatever else the host serves there; on ``*.github.io`` every
  site of one account (``user.github.io/`` and each ``user.github.io/repo/``)
  shares one origin.
* **the ``_headers`` file.** Netlify and Cloudflare Pages read it and send
  its headers; among them ``frame-ancestors 'none'``, the only thing that
  stops another site framing the pages (a ``<meta>`` policy cannot say it),
  and the Python worker's own policy. GitHub Pages and a plain file server
  ignore it.

:func:`assess` says how the build should report a ``site_url`` and the
plugin's ``host_reads_headers`` option (``true``, ``false`` or unset):

* unset (the default): an **info** line when the origin is shared, naming the
  risk and the README's section. Info, not a warning, because the
  project's own GitHub Pages workflow builds with ``--strict``, where any
  warning fails the build;
* ``false`` (the publisher states the host ignores ``_headers``) and a shared
  origin: a **warning**, the one case where neither protection applies
  (``--strict`` then fails, which is the point);
* ``false`` on a dedicated origin: an info line (no ``frame-ancestors``; the
  workbook page hides its tools when framed);
* ``true``, or a dedicated origin with the host unknown: nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

#: Hosts whose sites share one origin per account, whatever their path.
SHARED_HOST_SUFFIXES = (".github.io", ".gitlab.io")


@dataclass(frozen=True, slots=True)
class Finding:
    """A line for the build log: ``level`` is ``"info"`` or ``"warning"``."""

    level: str
    message: str


def shared_origin(site_url: str | None) -> str | None:
    """Why ``site_url``'s origin is shared with other sites, or ``None``."""
    if not site_url:
        return None
    parts = urlsplit(site_url)
    host = (parts.hostname or "").lower()
    if host.endswith(SHARED_HOST_SUFFIXES):
        return f"{host} is one origin for every site of that account"
    if parts.path.strip("/"):
        return f"the site lives under {parts.path}, so other paths of {host} share its origin"
    return None


def assess(site_url: str | None, host_reads_headers: bool | None) -> Finding | None:
    """How the build reports where it is published (see the module docstring)."""
    shared = shared_origin(site_url)
    see = 'see the README\'s "Publish" section'
    if shared and host_reads_headers is False:
        return Finding(
            "warning",
            f"Published where neither protection applies: {shared}, so any page there can "
            "read and delete the readers' answers, and the host ignores _headers, so other "
            "sites can frame the pages. Use a dedicated origin or a host that reads "
            f"_headers; {see}.",
        )
    if shared:
        return Finding(
            "info",
            f"site_url {site_url}: {shared}, so any page there can read the readers' answers. "
            f"A dedicated origin keeps them apart; {see}.",
        )
    if host_reads_headers is False:
        return Finding(
            "info",
            "The host ignores _headers: pages can be framed (the workbook page then hides "
            f"its tools) and the worker runs without its own policy; {see}.",
        )
    return None
