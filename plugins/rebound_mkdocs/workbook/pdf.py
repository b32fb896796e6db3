"""Lay out the print HTML with WeasyPrint and finish the PDF's form fields.

Why the options:

* ``pdf_variant="pdf/ua-1"``: a tagged PDF (structure tree, ``/MarkInfo``,
  ``/Lang``, XMP metadata with the PDF/UA identifier). In WeasyPrint 70 this
  implies ``pdf_tags=True`` and PDF 1.7; form widgets are tagged ``/Form``.
* ``pdf_forms=True``: every ``input``/``textarea``/``select`` becomes an
  AcroForm field named after its ``name``: text inputs ``/Tx`` (textarea with
  the multiline flag), check boxes ``/Btn``, radio buttons one ``/Btn`` radio
  group per name (export values in ``/Opt``), a ``select`` a ``/Ch`` combo
  box with ``[value, label]`` options. Outside a ``<form>`` the tooltip
  (``/TU``) is the ``title`` attribute (inside one, the ``<label>`` text);
  ``aria-label`` is not used.
* A URL fetcher that only allows ``file:`` and ``data:``: the build never
  reaches the network, whatever a page links to.
* WeasyPrint's warnings are watched: a character no installed font has would
  print as an empty box (WeasyPrint draws ``.notdef`` and warns), and a font
  it cannot subset would be embedded whole; either fails the build.

WeasyPrint 70 gives each radio button of a group its own ``/T`` and ``/TU``
(the group's kids then look like separate fields, all with the group's name).
:func:`_finish_forms` removes them before the PDF is written, so a group is
one field whose kids are plain widgets, as the PDF spec wants; it also
checks that every field has a real tooltip and a unique name.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

#: ``@page`` size of each ``paper_size`` option.
PAPER = {"a4": "A4", "letter": "letter"}


class WorkbookPdfError(RuntimeError):
    """The finished PDF would break a promise (duplicate or unlabelled field)."""


def _object(pdf: Any, reference: bytes) -> Any:
    """The pydyf object behind an indirect reference (``b"12 0 R"``)."""
    return pdf.objects[int(reference.split()[0])]


def _text(value: Any) -> str:
    """The text of a pydyf ``String`` (or an absent value)."""
    return str(getattr(value, "string", "") or "")


def _finish_forms(_document: object, pdf: Any) -> None:
    """WeasyPrint finisher: make radio kids plain widgets; check names and tooltips."""
    acroform = pdf.catalog.get("AcroForm")
    if acroform is None:
        return
    # WeasyPrint lists radio kids in /Fields too; only whole fields belong there.
    kids: set[bytes] = set()
    for reference in acroform["Fields"]:
        for kid in _object(pdf, reference).get("Kids", ()):
            kids.add(kid)
            widget = _object(pdf, kid)
            widget.pop("T", None)
            widget.pop("TU", None)
    roots = [reference for reference in acroform["Fields"] if reference not in kids]
    acroform["Fields"] = type(acroform["Fields"])(roots)  # a pydyf.Array
    names: set[str] = set()
    for reference in roots:
        field = _object(pdf, reference)
        name = _text(field.get("T"))
        if name in names:
            raise WorkbookPdfError(
                f"PDF field {name!r} appears twice: a radio group was probably split "
                "over two pages, or two controls share a name"
            )
        names.add(name)
        # Without a title WeasyPrint falls back to the name: not a label.
        if _text(field.get("TU")).strip() in ("", name):
            raise WorkbookPdfError(f"PDF field {name!r} has no tooltip (no title attribute)")


class _Warnings(logging.Handler):
    """Keeps WeasyPrint's warnings while one PDF is drawn."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


#: The families workbook.css names (fontconfig picks the files).
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans CJK SC")


def font_files() -> str:
    """The font file fontconfig picks for each of :data:`FONT_FAMILIES`, for
    the PDF cache's key: installing a font (fonts-noto-cjk) changes the PDF."""
    import shutil
    import subprocess

    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ""
    found = []
    for family in FONT_FAMILIES:
        result = subprocess.run(
            [fc_match, "-f", "%{file}", family], capture_output=True, text=True, check=False
        )
        found.append(f"{family}={result.stdout.strip()}")
    return ";".join(found)


#: WeasyPrint warnings that mean the PDF would break a promise.
FATAL_WARNINGS = (".notdef glyph rendered", "Unable to subset")


def render_pdf(html: str, stylesheets: Sequence[str], *, paper_size: str, base_url: str) -> bytes:
    """The finished PDF for ``html`` (a whole document) and CSS texts."""
    # Imported here, not at the top: importing WeasyPrint is slow,
    # and a build that reuses the cached PDF should not pay it.
    import ssl

    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # HTTPS is refused anyway; a bare context skips loading the system's
    # certificate store for every fetcher.
    fetcher = URLFetcher(
        allowed_protocols={"file", "data"}, ssl_context=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    )
    page_size = f"@page {{ size: {PAPER[paper_size]}; }}"
    css = [
        CSS(string=text, base_url=base_url, url_fetcher=fetcher)
        for text in (*stylesheets, page_size)
    ]
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    watched = _Warnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watched)
    try:
        data = document.write_pdf(
            stylesheets=css,
            pdf_variant="pdf/ua-1",
            pdf_forms=True,
            finisher=_finish_forms,
        )
    finally:
        logger.removeHandler(watched)
    fatal = [m for m in watched.messages if m.startswith(FATAL_WARNINGS)]
    if fatal:
        raise WorkbookPdfError(
            "; ".join(dict.fromkeys(fatal))
            + " (no installed font has these characters: for Chinese, install Debian's "
            "fonts-noto-cjk, as `make system-deps` does)"
        )
    return data
