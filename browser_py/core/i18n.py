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

Other languages (the first: Simplified Chinese, ``zh_Hans``) have a
catalogue ``browser_py/locale/<lang>/LC_MESSAGES/rebound.po``; the build
compiles each with Babel into ``rebound.mo``, in the gettext domain
:data:`DOMAIN`, and ships each as a runtime file of its own, not in the
wheel (``rebound_mkdocs/runtime/catalogs.py``; ``make messages`` merges the
template into every ``.po``). The page sends its ``<html lang>`` with every
request; the worker asks :func:`code` which catalogue that is and writes it
beside this package (``locale/<code>/LC_MESSAGES/rebound.mo``) before the
request reaches Python, and :mod:`browser_py.api` calls :func:`activate`
with it before answering; each language's catalogue is read once and kept
(:data:`_loaded`), so switching back and forth costs a dictionary look-up.
:func:`language` names the language active, for what gettext cannot say:
the order of a date's parts and the names in it (:mod:`browser_py.core.dates`)
and the signs of a number (:mod:`browser_py.core.wording`).

The pseudo-locale :data:`PSEUDO` (``qps_ploc``) is every message of the
template with its letters accented and wrapped, ``[!! Ŝàvéd !!]``, built
with the site when ``REBOUND_PSEUDO_LOCALE`` is set and by the tests, which
activate it to prove no reader-facing English escapes :func:`_`.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

#: The gettext domain: catalogues are ``<lang>/LC_MESSAGES/rebound.mo``.
DOMAIN = "rebound"

#: Where compiled catalogues will live, one folder per language.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

#: The language of the source strings.
SOURCE_LANGUAGE = "en"

#: The pseudo-locale's code (see the module docstring).
PSEUDO = "qps_ploc"

# A language tag as <html lang> writes it ("zh-Hans", "en-GB", "qps-ploc"):
# anything else is not a language, and is read as English.
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$", re.ASCII)

#: Tags that name a catalogue under another code: Chinese without a script,
#: or as written in mainland China and Singapore, is Simplified Chinese.
ALIASES = {"zh": "zh_Hans", "zh_CN": "zh_Hans", "zh_SG": "zh_Hans"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE
#: Catalogues read so far, by language code.
_loaded: dict[str, gettext.NullTranslations] = {}


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


def use(
    translations: gettext.NullTranslations | None, language: str | None = None
) -> gettext.NullTranslations:
    """Make ``translations`` current (``None``: back to the English source);
    returns the previous one so a caller (a test) can put it back.
    ``language`` is its code for :func:`language` (by default the
    catalogue's own ``Language`` header, else none: English patterns)."""
    global _translations, _language
    previous = _translations
    _translations = translations if translations is not None else gettext.NullTranslations()
    if language is None:
        header = _translations.info().get("language", "") if translations is not None else ""
        language = code(header) or (SOURCE_LANGUAGE if translations is None else "")
    _language = language
    return previous


def code(tag: object) -> str:
    """The catalogue code of a language tag: ``"zh-Hans"`` -> ``"zh_Hans"``;
    ``"en"`` for English in any region, and for anything that is not a tag."""
    if not isinstance(tag, str) or not _TAG.match(tag):
        return SOURCE_LANGUAGE
    parts = tag.replace("-", "_").split("_")
    if parts[0].lower() == SOURCE_LANGUAGE:
        return SOURCE_LANGUAGE
    joined = "_".join([parts[0].lower(), *parts[1:]])
    return ALIASES.get(joined, joined)


def activate(language: str | None) -> gettext.NullTranslations:
    """Switch to ``language`` (``"zh_Hans"``, ``"zh-Hans"``, ``"en"``,
    ``None``) using the compiled catalogue in :data:`LOCALE_DIR`; English,
    or a language with no catalogue, falls back to the source strings.
    Returns the previous translations, as :func:`use` does."""
    wanted = code(language)
    if wanted == SOURCE_LANGUAGE:
        return use(None)
    translations = _loaded.get(wanted)
    if translations is None:
        translations = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[wanted], fallback=True
        )
        _loaded[wanted] = translations
    if type(translations) is gettext.NullTranslations:  # no catalogue: English
        return use(None)
    return use(translations, wanted)


def language() -> str:
    """The code of the language in use: ``"en"``, ``"zh_Hans"``, or ``""``
    for translations :func:`use` was given without a known language."""
    return _language


def current() -> gettext.NullTranslations:
    """The translations in use."""
    return _translations
