"""The compiled catalogues as the build makes them (rebound_mkdocs.runtime.catalogs),
above all the pseudo-locale's (the template's messages accented and
wrapped), written as ``.mo`` files in a folder that browser_py.core.i18n
can be pointed at: the source tree holds only ``.po`` files."""

from __future__ import annotations

from pathlib import Path

from browser_py.core import i18n
from rebound_mkdocs.runtime import catalogs

#: ``<html lang>`` of a pseudo-locale page, as a request names it.
PAGE_LANGUAGE = "qps-ploc"


def write_pseudo_locale(folder: Path, *, every_language: bool = False) -> Path:
    """``folder/qps_ploc/LC_MESSAGES/rebound.mo``, compiled from the
    current template (and, with ``every_language``, each language's
    catalogue, as the wheel carries them); returns ``folder``."""
    for name, data in catalogs.compiled(i18n.LOCALE_DIR, with_pseudo=True):
        if every_language or f"/{i18n.PSEUDO}/" in name:
            target = folder / name.split("/locale/", 1)[1]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return folder
