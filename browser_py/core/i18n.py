"""Translation hooks for the text the worksheets show the reader.

Every sentence Python shows the reader is written in English in the source
and passed through one of these functions::

    from browser_py.core.i18n import _, ngettext

    _("Your time box")
    _("You will check in with yourself on {date}.").format(date=long_date(day))
    ngettext("{count} day left", "{count} days left", n).format(count=n)

Rules for a message (``tests/browser_py/core/test_i18n.py`` checks them):

- the message is a literal, so Babel can extract it: never an f-string or a
  variable inside ``_()``;
- values go in afterwards with ``str.format`` and *named* placeholders
  (``{count}``, ``{date}``), never ``%s`` or ``{}``, so a translator can
  move them;
- a count of things goes through :func:`ngettext` with the whole sentence,
  so a language with other plural rules can say it its own way;
- :func:`pgettext` adds a context where one English word needs two
  translations ("May" the month, "May" abbreviated);
- a comment starting ``TRANSLATORS:`` on the line before goes into the
  catalogue for the translator;
- text defined at import time (a module-level table) is marked with
  :func:`N_` (or :func:`NC_` with a context) so Babel extracts it, and
  translated with ``_()`` (or :func:`pgettext`) where it is used, so a
  later :func:`activate` still applies;
- data is never wrapped: option values, field ids, JSON keys, tones.

The catalogue template is ``browser_py/locale/messages.pot``, made by
``make messages`` (``pybabel extract``, see the Makefile) and checked by the
tests to be up to date. It is not shipped in the wheel: only ``.py`` files
are.

The default is English: :class:`gettext.NullTranslations`, which returns
the source strings unchanged, so with nothing activated the output is
exactly the English the source holds.

For a later language (the plan: Simplified Chinese, ``zh_Hans``), catalogues
are compiled with Babel at build time into the gettext domain
:data:`DOMAIN` at ``browser_py/locale/<lang>/LC_MESSAGES/rebound.mo`` and
shipped in the wheel; the worker passes the page's language to Python,
which calls :func:`activate` once before computing (or :func:`use` with a
translations object built some other way). Dates and numbers written per
language are that issue's job (see :mod:`browser_py.dates`).

:func:`_` and friends look the translations up at call time, so a module
that imported ``_`` before :func:`activate` still follows it; the cost is
one global read and one method call per message.
"""

from __future__ import annotations

import gettext
from pathlib import Path

#: The gettext domain: catalogues are ``<lang>/LC_MESSAGES/rebound.mo``.
DOMAIN = "rebound"

#: Where compiled catalogues will live, one folder per language.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: The language of the source strings.
SOURCE_LANGUAGE = "en"

_translations: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` in the current language (the source English by default)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message for ``count``; the caller formats
    ``{count}`` (and anything else) into it."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context``, for one English word that
    needs two translations."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (module-level
    tables); translate it with :func:`_` where it is shown."""
    return message


def NC_(context: str, message: str) -> str:
    """:func:`N_` with a context: translate it with :func:`pgettext` and the
    same context where it is shown."""
    return message


def use(translations: gettext.NullTranslations | None) -> gettext.NullTranslations:
    """Make ``translations`` current (``None``: back to the English source);
    returns the previous one so a caller (a test) can put it back."""
    global _translations
    previous = _translations
    _translations = translations if translations is not None else gettext.NullTranslations()
    return previous


def activate(language: str | None) -> gettext.NullTranslations:
    """Switch to ``language`` (``"zh_Hans"``, ``"en"``, ``None``) using the
    compiled catalogue in :data:`LOCALE_DIR`; English, or a language with no
    catalogue, falls back to the source strings. Returns the previous
    translations, as :func:`use` does."""
    if not language or language.split("_")[0].split("-")[0].lower() == SOURCE_LANGUAGE:
        return use(None)
    return use(
        gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[language.replace("-", "_")], fallback=True
        )
    )


def current() -> gettext.NullTranslations:
    """The translations in use."""
    return _translations
