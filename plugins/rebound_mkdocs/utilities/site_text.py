"""The words our plugins and templates write into the pages and the PDF.

The worksheet form's frame ("Worksheet", "Your summary", "(required)"...),
the PDF workbook's pages and hints are build-time text: they go through
their own gettext domain, ``rebound-site``, kept apart from the reader's
``rebound`` domain (that one ships in the wheel and runs in the browser).

``plugins/rebound_mkdocs/locale/`` holds the template ``rebound-site.pot``
(``make messages`` extracts it from the plugins' Python and Jinja
templates, see ``plugins/rebound_mkdocs/babel.cfg``) and one
``<lang>/LC_MESSAGES/rebound-site.po`` per language. A build compiles the
catalogue of its edition's language in memory with
:mod:`rebound_mkdocs.runtime.catalogs` (a fuzzy entry is left out and shows
the English). The English edition uses no catalogue: its words are the
messages themselves. With the pseudo-locale on (``REBOUND_PSEUDO_LOCALE``,
the runtime plugin's ``pseudo_locale``) the English build takes the
pseudo catalogue made from the template instead, so the pseudo-locale
check sees every build-time word too.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from rebound_mkdocs.runtime import catalogs

from . import editions

DOMAIN = "rebound-site"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def catalogue_name(lang: str) -> str:
    """The catalogue folder of a BCP 47 tag: ``zh-Hans`` -> ``zh_Hans``."""
    return lang.replace("-", "_")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / catalogue_name(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(lang: str | None, *, pseudo: bool = False) -> gettext.NullTranslations:
    """The words for ``lang`` (``None`` or ``en``: the messages themselves;
    ``pseudo``: the pseudo-locale, whatever ``lang``)."""
    if pseudo:
        catalog = catalogs.pseudo_catalog(TEMPLATE)
    elif lang is None or lang == "en" or not po_path(lang).is_file():
        return gettext.NullTranslations()
    else:
        catalog = catalogs.read(po_path(lang))
    return gettext.GNUTranslations(io.BytesIO(catalogs.mo_bytes(catalog)))


def _choice(config) -> tuple[str | None, bool]:
    """``(language, pseudo)`` of the build an MkDocs configuration makes."""
    edition = editions.of(config)
    lang = edition.lang if edition is not None else None
    plugins = getattr(config, "plugins", None)
    runtime = plugins.get("rebound-runtime") if plugins is not None else None
    pseudo = bool(
        runtime is not None
        and getattr(runtime.config, "pseudo_locale", False)
        and (edition is None or edition.primary)
    )
    return lang, pseudo


def for_config(config) -> gettext.NullTranslations:
    """The words of the edition an MkDocs configuration builds (the
    pseudo-locale's for the primary edition of a pseudo-locale build)."""
    lang, pseudo = _choice(config)
    return translations(lang, pseudo=pseudo)


def key_for_config(config) -> bytes:
    """What :func:`for_config`'s words are made from, for a cache key."""
    lang, pseudo = _choice(config)
    if pseudo:
        return b"pseudo\0" + TEMPLATE.read_bytes()
    if lang is None or not po_path(lang).is_file():
        return b""
    return lang.encode() + b"\0" + po_path(lang).read_bytes()
