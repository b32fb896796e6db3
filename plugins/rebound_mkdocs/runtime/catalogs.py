"""The Python catalogues, compiled with Babel as the wheel is built.

``browser_py/locale/`` holds the template ``messages.pot`` (``make
messages`` extracts it) and one ``<lang>/LC_MESSAGES/rebound.po`` per
language (``make messages`` merges the template into each with ``pybabel
update``). Only compiled catalogues ship: :func:`compiled` turns each
``.po`` into ``browser_py/locale/<lang>/LC_MESSAGES/rebound.mo`` for the
wheel (:mod:`.wheel`), where :func:`browser_py.core.i18n.activate` finds
it. A fuzzy entry is left out (gettext then shows the English), and
:func:`problems` says what is missing, so a test can fail on it.

The pseudo-locale (``qps_ploc``, :data:`browser_py.core.i18n.PSEUDO`) is made
from the template, not written: :func:`pseudo` accents every letter of a
message and wraps it, ``"Saved."`` -> ``"[!! Ŝàvéd. !!]"``, keeping its
``{placeholders}``, so a string that reaches the reader unchanged is one
that escaped translation. The build adds it to the wheel only when asked
(``REBOUND_PSEUDO_LOCALE``, the plugin's ``pseudo_locale``); the tests
compile it themselves.
"""

from __future__ import annotations

import io
import re
import string
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

#: The gettext domain (``browser_py.core.i18n.DOMAIN``).
DOMAIN = "rebound"
#: The pseudo-locale's code (``browser_py.core.i18n.PSEUDO``).
PSEUDO = "qps_ploc"
TEMPLATE = "messages.pot"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
#: Each ASCII letter's pseudo-locale form (the JavaScript modules use the same).
ACCENTS = dict(
    zip(
        string.ascii_letters,
        "àƀçđéƒĝĥíĵķĺɱñóþǫŕšŧúṽŵẋýžÀƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŦÚṼŴẊÝŽ",
        strict=True,
    )
)
_ACCENTED = str.maketrans(ACCENTS)


class CatalogError(RuntimeError):
    """A catalogue cannot be read."""


def pseudo(message: str) -> str:
    """``message`` in the pseudo-locale: letters accented outside its
    ``{placeholders}``, the whole wrapped in ``[!! … !!]``."""
    if not message:
        return message
    body = "".join(
        part if _PLACEHOLDER.fullmatch(part) else part.translate(_ACCENTED)
        for part in _PLACEHOLDER.split(message)
    )
    return f"[!! {body} !!]"


def read(path: Path) -> Catalog:
    try:
        with path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except Exception as error:  # OSError, Babel's PoFileError: say which file
        raise CatalogError(f"{path}: {error}") from None


def pseudo_catalog(template: Path) -> Catalog:
    """Every message of ``template`` translated by :func:`pseudo`."""
    source = read(template)
    # Fixed dates: the same template always compiles to the same bytes.
    catalog = Catalog(
        locale=None,
        domain=DOMAIN,
        project="Rebound",
        creation_date=_EPOCH,
        revision_date=_EPOCH,
    )
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            translated: str | tuple[str, ...] = tuple(pseudo(form) for form in message.id)
        else:
            translated = pseudo(message.id)
        catalog.add(message.id, translated, context=message.context)
    return catalog


def mo_bytes(catalog: Catalog) -> bytes:
    """``catalog`` compiled; fuzzy entries left out."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def languages(locale_dir: Path) -> list[str]:
    """The languages with a catalogue, sorted."""
    return sorted(path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compiled(locale_dir: Path, *, with_pseudo: bool = False) -> list[tuple[str, bytes]]:
    """``(name in the wheel, .mo bytes)`` for every language of ``locale_dir``
    (``browser_py/locale``), and the pseudo-locale when asked."""
    package = locale_dir.parent.name
    out = []
    for language in languages(locale_dir):
        catalog = read(locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po")
        out.append((_wheel_name(package, language), mo_bytes(catalog)))
    if with_pseudo:
        catalog = pseudo_catalog(locale_dir / TEMPLATE)
        out.append((_wheel_name(package, PSEUDO), mo_bytes(catalog)))
    return out


def _wheel_name(package: str, language: str) -> str:
    return f"{package}/locale/{language}/LC_MESSAGES/{DOMAIN}.mo"


def _fields(message: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    except ValueError:
        return {"{"}  # an unbalanced brace: never a subset of a message's fields


def problems(po: Path, template: Path) -> list[str]:
    """What keeps the catalogue ``po`` from being complete against
    ``template``: each message missing, untranslated or fuzzy, and each
    translation with a ``{placeholder}`` its message does not have (it would
    fail to format). Empty when the catalogue is complete."""
    catalog = read(po)
    out = []
    for message in read(template):
        if not message.id:
            continue
        where = f"{po.parent.parent.name}: {message.id!r}" + (
            f" (context {message.context!r})" if message.context else ""
        )
        found = catalog.get(message.id, context=message.context)
        if found is None:
            out.append(f"{where} is missing; run `make messages`")
            continue
        forms = found.string if isinstance(found.string, tuple | list) else (found.string,)
        if found.fuzzy:
            out.append(f"{where} is fuzzy: check the translation and remove the fuzzy flag")
        elif not all(forms):
            out.append(f"{where} is not translated")
        else:
            ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
            allowed = set().union(*(_fields(text) for text in ids))
            for form in forms:
                extra = _fields(form) - allowed
                if extra:
                    names = ", ".join(sorted(extra))
                    out.append(f"{where}: the translation has placeholders it lacks: {names}")
    return out
