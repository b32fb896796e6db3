"""The site's languages: one MkDocs project per language, one site.

The English guide is the *primary* edition: ``mkdocs.yml``, ``content/``,
built at the site root. Every other language is an *edition*: its own
MkDocs project (``mkdocs.zh.yml``, which ``INHERIT``\\ s ``mkdocs.yml``), its
own Markdown (``content/zh/``), built into a folder of the site (``zh/``) by
the primary build (see :mod:`rebound_mkdocs.languages.plugin`).

What the editions share lives once, at the site root: the Python runtime
(Pyodide, the wheel, the standard library), our scripts and styles (and with
them ``assets/rebound/layout.js``, whose folder names the site root, so every
edition uses the same storage namespace and caches), the web app manifest,
the service worker and ``_headers``. An edition's pages point at them with
:attr:`Edition.root` (``../`` for ``zh/``). What is the edition's own stays in
its folder: its pages, its search index and sitemap (so Material's instant
navigation stays within one language, and switching language loads the page
afresh, with its own ``<html lang>``), its worksheet manifest and its PDF.

This module holds the facts and the arithmetic, free of MkDocs, so the
plugins and the tests share them.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True, slots=True)
class Edition:
    """One language of the site.

    ``lang`` is the BCP 47 tag pages carry (``<html lang>``, ``hreflang``);
    ``name`` is how the language selector names it, in its own language;
    ``path`` is its folder in the site (``""`` for the primary edition,
    ``"zh/"``); ``config`` is its MkDocs configuration file and ``docs_dir``
    its Markdown folder, both relative to the primary ``mkdocs.yml``.
    """

    lang: str
    name: str
    path: str
    config: str
    docs_dir: str

    @property
    def primary(self) -> bool:
        return self.path == ""

    @property
    def root(self) -> str:
        """The site root, relative to this edition's root: ``""`` or ``"../"``."""
        return "../" * self.path.count("/")

    def site_path(self, uri: str) -> str:
        """A path relative to this edition's root, as a path relative to the
        site root: ``"feel-it/"`` -> ``"zh/feel-it/"``."""
        return self.path + uri


def check_path(path: str) -> str:
    """``path`` if it is a valid edition folder (``""``, or lowercase
    segments each ending in ``/``), else a ``ValueError`` saying why."""
    if path == "":
        return path
    segments = path.split("/")
    if (
        not path.endswith("/")
        or path.startswith("/")
        or any(not s or s in (".", "..") for s in segments[:-1])
    ):
        raise ValueError(
            f"an edition's path must be a folder such as 'zh/' (no leading '/', "
            f"no '..', ending in '/'), not {path!r}"
        )
    return path


def site_base(site_url: str, edition: Edition | None) -> str:
    """The site root's URL path (``"/"`` or ``"/a/"``) from an edition's
    ``site_url`` (``https://host/a/zh/`` for the Chinese edition)."""
    base = urlsplit(site_url or "").path or "/"
    if not base.endswith("/"):
        base += "/"
    if edition is not None and edition.path and base.endswith("/" + edition.path):
        base = base[: len(base) - len(edition.path)]
    return base


def edition_site_url(site_url: str, edition: Edition) -> str:
    """The ``site_url`` of ``edition`` given the site root's (idempotent:
    an URL that already ends in the edition's path is kept)."""
    if not site_url:
        return site_url
    parts = urlsplit(site_url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    if edition.path and not path.endswith("/" + edition.path):
        path += edition.path
    return urlunsplit(parts._replace(path=path))


def counterpart(page_url: str, target: Edition, exists: bool) -> str:
    """The site path of the page at ``page_url`` (relative to its edition's
    root) in the ``target`` edition: the same page if it is translated, else
    the target edition's home page."""
    return target.site_path(page_url if exists else "")


def alternates(
    page_url: str | None, editions: list[Edition], base: str, translated: dict[str, bool]
) -> list[dict[str, str]]:
    """Material's ``extra.alternate`` for one page: every edition's name,
    ``lang`` and the absolute path of this page's counterpart in it (the
    edition's home for a page it lacks; for a page of no Markdown source,
    such as ``404.html``, every edition's home)."""
    return [
        {
            "name": edition.name,
            "lang": edition.lang,
            "link": posixpath.join(
                base,
                counterpart(page_url or "", edition, bool(page_url) and translated[edition.lang]),
            ),
        }
        for edition in editions
    ]


def storage_scope(base_url: str, edition: Edition) -> str:
    """Material's ``extra.scope`` for a page of ``edition`` whose ``base_url``
    (its edition's root, relative to the page) is given: the site root,
    relative to the page (``"../../"`` for ``zh/feel-it/``).

    Material keeps the reader's choices (the light or dark palette) in
    ``localStorage`` under ``<scope's path>.__palette``, and the scope
    defaults to the edition's root, so ``/zh/`` would have choices of its own.
    One site, one scope: every edition's pages use the site root's, as the
    primary edition's do by default."""
    return posixpath.normpath(posixpath.join(base_url or ".", edition.root))


def of(config) -> Edition | None:
    """The edition an MkDocs configuration builds, as the ``rebound-languages``
    plugin found it (``None`` on a one-language site)."""
    plugins = getattr(config, "plugins", None)
    plugin = plugins.get("rebound-languages") if plugins is not None else None
    return getattr(plugin, "edition", None)


def shared_root(config) -> str:
    """How a page URL of this build reaches the site root's shared files
    (the runtime, our scripts and styles, the manifest): ``""`` for the
    primary build, ``"../"`` for the ``zh/`` edition."""
    edition = of(config)
    return edition.root if edition is not None else ""


def ships_shared(config) -> bool:
    """Whether this build writes the files every language shares (only the
    primary build does; the editions point at them)."""
    edition = of(config)
    return edition is None or edition.primary


#: Set by the primary build for the editions it runs under ``mkdocs serve``:
#: they are built with ``mkdocs build`` but are served, so the plugins that
#: stand aside under ``serve`` (offline, security) do so for them too.
SERVING_ENV = "REBOUND_SERVING"


def serving(command: str) -> bool:
    """Whether this process's pages are for ``mkdocs serve`` (``command`` is
    the one MkDocs passed to ``on_startup``)."""
    return command == "serve" or os.environ.get(SERVING_ENV) == "1"


def build_command(config: str, site_dir: str, *, strict: bool, python: str) -> list[str]:
    """``mkdocs build`` of one MkDocs project into ``site_dir``, afresh, as
    the primary build runs each edition's (and the tests run the site's)."""
    command = [python, "-m", "mkdocs", "build", "--clean", "-f", config, "-d", site_dir]
    return [*command, "--strict"] if strict else command
