"""The build id: which deploy a page and the scripts it runs belong to.

A reader whose service worker still serves one deploy can open a page that
only the next deploy has (or one the worker fetched afresh, when its cached
copy was gone and the server already held another deploy): that page's HTML
is new, and its scripts come from the older version's cache. So every page
and the scripts say which deploy they are:

* every HTML document of the site gets ``<meta name="rebound-build"
  content="ID">`` in its ``<head>``;
* ``assets/rebound/layout.js``, which every page and worker module imports,
  ends with ``export const build = "ID";``.

The entry script (``runtime/assets/page/worksheets.js``) compares the two
and, on a mismatch, mounts nothing and offers the reload.

The ID is the first 16 hex digits of a SHA-256 over the path and SHA-256 of
every file under ``assets/`` (our scripts, styles, the manifest, the Python
runtime and wheel, Material's own scripts), with ``layout.js`` read with its
own stamp blanked. Same files, same ID: it comes from content, never from the
time of the build, so rebuilding unchanged sources gives the same ID. Pages
themselves do not count: two deploys whose scripts and data are the same
bytes run the same code, whatever the text of their pages, and the pages
would otherwise have to hold their own hash.

:func:`stamp` runs after every file is final (the offline plugin calls it
before it hashes the site for ``sw.js``): a ``<meta>`` holds no script, so
the pages' Content-Security-Policy hashes do not change.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from rebound_mkdocs.utilities import build_cache, layout

#: What the id covers: every file the pages' scripts can load.
COVERED = "assets/"

_LAYOUT_STAMP = re.compile(r'^export const build = "[0-9a-f]*";$', re.MULTILINE)
_META = re.compile(
    rf'<meta name="{re.escape(layout.BUILD_META)}" content="[0-9a-f]*">',
)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


def _layout_stamp(build: str) -> str:
    return f'export const build = "{build}";'


def meta_tag(build: str) -> str:
    """The ``<meta>`` element a page carries for ``build``."""
    return f'<meta name="{layout.BUILD_META}" content="{html.escape(build)}">'


def compute(site: Path) -> str:
    """The build id of the site in ``site`` (see the module docstring)."""
    digest = hashlib.sha256()
    for path in sorted((site / COVERED).rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        digest.update(relative.encode() + b"\0")
        if relative == layout.LAYOUT_SCRIPT:
            text = _LAYOUT_STAMP.sub(_layout_stamp(""), path.read_text(encoding="utf-8"))
            digest.update(hashlib.sha256(text.encode()).digest())
        else:
            digest.update(bytes.fromhex(build_cache.file_sha256(path)))
    return digest.hexdigest()[:16]


def stamp(site: Path) -> str:
    """Write the build id into every page and ``layout.js``; return it.

    Running it again on a stamped site (after changing some of its files)
    replaces the stamps. Raises ``ValueError`` when ``layout.js`` has no
    stamp line to fill (a layout module from another version).
    """
    build = compute(site)
    script = site / layout.LAYOUT_SCRIPT
    text = script.read_text(encoding="utf-8")
    stamped, count = _LAYOUT_STAMP.subn(_layout_stamp(build), text)
    if count != 1:
        raise ValueError(f"{layout.LAYOUT_SCRIPT} has no build line to stamp")
    if stamped != text:
        script.write_text(stamped, encoding="utf-8")
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        new = _stamp_page(text, build)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return build


def _stamp_page(text: str, build: str) -> str:
    """``text`` with its build ``<meta>`` set to ``build``: replaced if there,
    else put at the end of ``<head>``'s opening. A fragment without
    ``<head>`` (no page to run scripts in) is left alone."""
    tag = meta_tag(build)
    if _META.search(text):
        return _META.sub(tag, text, count=1)
    head = _HEAD.search(text)
    if head is None:
        return text
    # Before </head>, so a leading <meta charset> stays in the first bytes.
    end = text.find("</head>", head.end())
    at = end if end != -1 else head.end()
    return f"{text[:at]}{tag}{text[at:]}"
