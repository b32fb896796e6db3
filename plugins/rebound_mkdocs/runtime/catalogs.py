"""The Python catalogues, compiled with Babel as the wheel is built.

``browser_py/locale/`` holds the template ``messages.pot`` (``make
messages`` extracts it) and one ``<lang>/LC_MESSAGES/rebound.po`` per
language (``make messages`` merges the template into each with ``pybabel
update``). Only compiled catalogues ship: :func:`compiled` turns each
``.po`` into the bytes of ``browser_py/locale/<lang>/LC_MESSAGES/rebound.mo``,
the path in site-packages where :func:`browser_py.core.i18n.activate` finds
it. A fuzzy entry is left out (gettext then shows the English), and
:func:`problems` says what is missing, so a test can fail on it.

Each catalogue ships as a file of its own beside the wheel, not inside it
(:func:`prepare`): ``assets/pyodide/rebound-zh_Hans-<hash>.zip``
(:func:`rebound_mkdocs.utilities.layout.catalog_file`), listed in
``runtime-files.js`` (:mod:`.runtime_files`, ``catalogs``). The wheel is
what every reader downloads before the first result; a language's
catalogue is what only that language's readers need (the Chinese one was a
quarter of the wheel). The worker unpacks it (``worker/unzip.mjs``, as the
wheel) and writes its one file at its ``path`` in site-packages before the
first call in that language reaches Python.

Why a zip of one file and not the bare ``.mo``: typical static hosts
compress text, not ``application/octet-stream``, and a ``.mo`` is mostly
text (the Chinese one: 83.6 kB bare, 31.5 kB deflated, as it was inside the
wheel). A zip is the one container the worker already reads, and no host
puts a ``Content-Encoding`` on it (a ``.gz`` may get one, which the browser
would undo before the size and hash are checked). The zip is reproducible
(fixed time and permissions), and its one entry's name is ``path``.

The pseudo-locale (``qps_ploc``, :data:`browser_py.core.i18n.PSEUDO`) is made
from the template, not written: :func:`pseudo` accents every letter of a
message and wraps it, ``"Saved."`` -> ``"[!! Ŝàvéd. !!]"``, keeping its
``{placeholders}``, so a string that reaches the reader unchanged is one
that escaped translation. The build ships it only when asked
(``REBOUND_PSEUDO_LOCALE``, the plugin's ``pseudo_locale``); the tests
compile it themselves.
"""

from __future__ import annotations

import hashlib
import io
import re
import string
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..utilities import layout

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


#: The sub-folder of the runtime's cache that holds the compiled catalogues.
CACHE = "catalogs"


@dataclass(frozen=True, slots=True)
class Shipped:
    """One compiled catalogue as the site ships it."""

    #: The catalogue's code (``zh_Hans``), as :func:`browser_py.core.i18n.code` says it.
    language: str
    #: Where it goes, relative to site-packages (and its entry's name in the zip).
    path: str
    #: The zip (in the cache), named :func:`.layout.catalog_file`.
    file: Path

    def entry(self) -> dict[str, str]:
        """Its entry in ``runtime-files.js``'s ``catalogs``."""
        return {"file": self.file.name, "path": self.path}


def prepare(locale_dir: Path, cache_dir: Path, *, with_pseudo: bool = False) -> list[Shipped]:
    """Every catalogue of ``locale_dir`` compiled (:func:`compiled`), each
    zipped (:func:`packed`) in its own file named by its content under
    ``cache_dir/catalogs/``, sorted by language. A file already there is
    kept as it is (its name says its bytes), so the site's copy, a hard
    link, keeps the identity the build's digest cache knows it by; older
    versions of the same languages are removed."""
    folder = cache_dir / CACHE
    shipped = []
    for path, data in compiled(locale_dir, with_pseudo=with_pseudo):
        language = path.split("/")[-3]
        zipped = packed(path, data)
        target = folder / layout.catalog_file(language, hashlib.sha256(zipped).hexdigest())
        if not target.is_file() or target.stat().st_size != len(zipped):
            folder.mkdir(parents=True, exist_ok=True)
            scratch = target.with_name(f".{target.name}.tmp")
            scratch.write_bytes(zipped)
            scratch.replace(target)
        shipped.append(Shipped(language=language, path=path, file=target))
    # Older versions of these languages go; another language's file stays
    # (a build with the pseudo-locale may run beside one without).
    keep = {item.file.name for item in shipped}
    for old in folder.iterdir() if shipped else ():
        match = layout.CATALOG_FILE.match(old.name)
        if match and old.name not in keep and match["code"] in {i.language for i in shipped}:
            old.unlink(missing_ok=True)
    return sorted(shipped, key=lambda item: item.language)


#: The earliest date a zip entry can hold: the same for every build.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def packed(path: str, data: bytes) -> bytes:
    """A reproducible zip holding ``data`` as ``path``, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo(path, date_time=_ZIP_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, whatever builds it
        info.external_attr = 0o644 << 16
        archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


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
