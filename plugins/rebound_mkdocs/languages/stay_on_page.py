"""Material's "stay on page" language switch, turned off for per-page alternates.

Material (9.7 and later) reads every ``<link rel="alternate">`` of a page,
takes each one's ``href`` for a language's *home* (``/de/``), fetches
``sitemap.xml`` under it, and, when the reader picks a language, maps the
current path onto that home through the sitemap. Our pages' alternates are not
homes: ``rebound-languages`` points them at the page's own counterpart
(``/zh/feel-it/``), which is what ``hreflang`` asks for, and the language
selector already links the counterpart. So Material asked for
``/feel-it/sitemap.xml`` and ``/zh/feel-it/sitemap.xml`` on every page view
(two same-origin 404s), and on a click sent the reader to ``/zh/feel-it``
(without its slash, one redirect away from the page).

:func:`quiet` rewrites the selector in Material's bundle that finds those
links, ``link[rel=alternate]``, so that it matches no element of ours: the
``<link rel="alternate" hreflang>`` stay in every page for search engines and
for our own scripts (``language.js``), Material fetches nothing, and the
selector's links, which are plain links, go straight to the counterpart.

The bundle is minified, so the rewrite is textual and exact: it expects the
selector once, in the ``M("link[rel=alternate]")`` call Material 9.8 makes,
and raises :class:`BundleChanged` otherwise, so that a Material upgrade that
moves it fails the build instead of bringing the requests back unseen. The
new selector has the old one's length, so every character after it stays at
its line and column, and the bundle's source map (``.min.js.map``, shipped
unchanged) still points each of them at Material's own source.
"""

from __future__ import annotations

import re

#: Where Material keeps its script (a theme file; the hash changes with it).
BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")

#: The call in Material's bundle that lists the alternates it probes.
HOOK = 'M("link[rel=alternate]")'

#: Ours: a ``rel`` no page of ours carries, so the call finds nothing; as
#: long as :data:`HOOK`, so the source map stays exact.
QUIET = 'M("link[rel=md-unused]")'


class BundleChanged(ValueError):
    """Material's bundle no longer has the call :func:`quiet` rewrites."""


def quiet(source: str, name: str = "Material's bundle") -> str:
    """``source`` (Material's bundle) with its "stay on page" lookup of
    ``<link rel="alternate">`` matching nothing."""
    count = source.count(HOOK)
    if count != 1:
        raise BundleChanged(
            f"rebound-languages: {name} has {count} copies of {HOOK}, where Material "
            "9.8 has one. Material's 'stay on page' language switch has changed: check "
            'what it requests for each <link rel="alternate"> and update '
            "rebound_mkdocs/languages/stay_on_page.py."
        )
    return source.replace(HOOK, QUIET)
