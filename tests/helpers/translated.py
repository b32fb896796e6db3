"""Python speaking another language in a test, without a build.

The build compiles each ``.po`` into the wheel; a test compiles it in
memory and hands it to :mod:`browser_py.core.i18n`, both as the current
translations and as the one :func:`browser_py.core.i18n.activate` finds,
so a request naming the language (``"language": "zh-Hans"``) gets it too.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from browser_py.core import i18n


def compiled(code: str) -> gettext.GNUTranslations:
    """The language's committed catalogue, compiled as the build does."""
    path = i18n.LOCALE_DIR / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@contextmanager
def speaking(code: str = "zh_Hans") -> Iterator[None]:
    """Everything inside speaks ``code`` (by default Simplified Chinese)."""
    translations = compiled(code)
    saved = dict(i18n._loaded)
    i18n._loaded[code] = translations
    previous = i18n.use(translations, code)
    try:
        yield
    finally:
        i18n._loaded.clear()
        i18n._loaded.update(saved)
        i18n.use(previous)
