"""The PDF's fillable fields, derived from the worksheet specs alone.

Names come from :func:`browser_py.core.spec.iter_controls` (``Control.pdf_name``),
the same function the web form uses, so the web form, the saved data and the
PDF cannot drift apart. The print template renders exactly these controls and
the tests compare the finished PDF against :func:`expected_fields` and
:func:`expected_tooltips`: nothing here looks at the PDF.

PDF field types, by spec kind:

========  ============  =====================================================
kind      PDF type      why
========  ============  =====================================================
text      ``text``      one line (``/Tx``)
textarea  ``textarea``  ``/Tx`` with the multiline flag
date      ``text``      ``/Tx``; the page prints the hint ``YYYY-MM-DD``
number    ``text``      ``/Tx``; PDF has no portable number field
choice    ``radio``     one radio group (``/Btn``, radio flag); its export
                        values are the option values; prints as circles
scale     ``radio``     one radio group; its export values are the points
multi     ``checkbox``  one box per option, named ``WS.FIELD.OPTION``
========  ============  =====================================================

Inside a list row, ``choice`` and ``scale`` are a ``choice`` field instead (a
drop-down, ``/Ch`` combo box, with the same values). A row repeats, and a
radio circle per option per row made the tracker alone 35 radio buttons:
slower to lay out (every button is a box WeasyPrint lays out, draws and tags)
and busier to read. The list prints the options once, above its rows, for
anyone filling it in by hand.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from browser_py.core.spec import Control, Field, Worksheet, iter_controls

#: Rows a list prints when the config does not say otherwise.
DEFAULT_LIST_ROWS = 5

#: PDF field type of each spec kind (``multi`` is per option)...
PDF_TYPES: dict[str, str] = {
    "text": "text",
    "textarea": "textarea",
    "date": "text",
    "number": "text",
    "choice": "radio",
    "scale": "radio",
    "multi": "checkbox",
}

#: ... and, inside a list row, of the kinds that differ there.
ROW_PDF_TYPES: dict[str, str] = {**PDF_TYPES, "choice": "choice", "scale": "choice"}

#: Printed next to a date field: PDF viewers have no portable date picker.
DATE_HINT = "YYYY-MM-DD"


def rows_to_print(spec: Field, list_rows: int = DEFAULT_LIST_ROWS) -> int:
    """How many rows a list field prints: ``list_rows``, but never more than
    the list allows (``max_rows``) nor fewer than it needs (``min_rows``)."""
    return max(spec.min_rows, min(spec.max_rows, list_rows), 1)


def list_rows_of(worksheet: Worksheet, list_rows: int = DEFAULT_LIST_ROWS) -> dict[str, int]:
    """The ``list_rows`` mapping :func:`iter_controls` takes, for paper."""
    return {f.id: rows_to_print(f, list_rows) for f in worksheet.fields if f.kind == "list"}


@dataclass(frozen=True, slots=True)
class PdfField:
    """One fillable PDF field: its unique name, type, and tooltip (``/TU``)."""

    name: str
    type: str
    tooltip: str
    control: Control


def tooltip(
    worksheet: Worksheet, control: Control, text: gettext.NullTranslations | None = None
) -> str:
    """The accessible name of a field: its label, with the list row and the
    option it belongs to when the label alone would be ambiguous (in the
    words of ``text``, the build's ``rebound-site`` catalogue)."""
    _ = (text or gettext.NullTranslations()).gettext
    name = control.field.label
    if control.row is not None:
        owner = worksheet.field(control.name.split(".", 1)[0])
        # TRANSLATORS: a list row in the PDF, "Application 2" (as on the page).
        row = _("{item_label} {n}").format(item_label=owner.item_label, n=control.row + 1)
        # TRANSLATORS: a PDF field's accessible name inside a list row.
        name = _("{list_label}, {row}: {label}").format(list_label=owner.label, row=row, label=name)
    if control.option is not None:
        # TRANSLATORS: a tick box's accessible name: the question, then the option.
        name = _("{name}: {option}").format(name=name, option=control.option.label)
    return name


def pdf_fields(
    worksheet: Worksheet,
    list_rows: int = DEFAULT_LIST_ROWS,
    text: gettext.NullTranslations | None = None,
) -> Iterator[PdfField]:
    """Every fillable field of one worksheet, in document order."""
    for control in iter_controls(worksheet, list_rows_of(worksheet, list_rows)):
        yield PdfField(
            name=control.pdf_name,
            type=(PDF_TYPES if control.row is None else ROW_PDF_TYPES)[control.field.kind],
            tooltip=tooltip(worksheet, control, text),
            control=control,
        )


def _all(worksheets: Iterable[Worksheet], list_rows: int) -> Iterator[PdfField]:
    seen: set[str] = set()
    for worksheet in worksheets:
        for field in pdf_fields(worksheet, list_rows):
            if field.name in seen:
                # Worksheet ids are unique and ids cannot contain ".", so this
                # only happens if two specs with one id are passed in.
                raise ValueError(f"PDF field name {field.name!r} is not unique")
            seen.add(field.name)
            yield field


def expected_fields(
    worksheets: Iterable[Worksheet], list_rows: int = DEFAULT_LIST_ROWS
) -> dict[str, str]:
    """``{pdf name: type}`` of every field the workbook PDF must contain, where
    type is ``text``, ``textarea``, ``radio``, ``checkbox`` or ``choice``."""
    return {field.name: field.type for field in _all(worksheets, list_rows)}


def expected_tooltips(
    worksheets: Iterable[Worksheet], list_rows: int = DEFAULT_LIST_ROWS
) -> dict[str, str]:
    """``{pdf name: tooltip}``: the label a screen reader announces per field."""
    return {field.name: field.tooltip for field in _all(worksheets, list_rows)}
