"""The print version of a worksheet, as a view model for the Jinja template.

The web form (``worksheets/render.py``) is built for a browser: buttons, a
results region, rows you add on demand. Paper needs something else: a fixed
number of list rows, a format hint next to dates, a circle to tick for each
choice, and every control named the way :mod:`.fields` says. So the print
worksheet is built here, from the same :func:`~.fields.pdf_fields` the tests
compare the PDF against; the template only lays it out.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from dataclasses import dataclass

from browser_py.core.spec import Field, Worksheet, control_name

from .fields import DEFAULT_LIST_ROWS, PdfField, pdf_fields, rows_to_print

#: A catalogue's ``gettext``.
Gettext = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Box:
    """One radio button or check box, with the text printed beside it."""

    name: str
    value: str
    label: str
    tooltip: str


@dataclass(frozen=True, slots=True)
class PrintField:
    """One question as printed. ``widget`` is its PDF field type (see
    :mod:`.fields`). Text-like kinds use ``name``/``tooltip``; choices, scales
    and multiple choices use ``boxes`` (radio buttons, check boxes or the
    options of a drop-down); lists use ``rows`` and print ``keys``, the
    options of their drop-downs, once above the rows."""

    kind: str
    label: str
    widget: str = ""
    help: str = ""
    required: bool = False
    name: str = ""
    tooltip: str = ""
    hint: str = ""
    unit: str = ""
    lines: int = 1
    max_length: int = 0
    min_label: str = ""
    max_label: str = ""
    boxes: tuple[Box, ...] = ()
    rows: tuple[PrintRow, ...] = ()
    keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PrintRow:
    """One numbered row of a list (``Application 2``)."""

    legend: str
    fields: tuple[PrintField, ...]


@dataclass(frozen=True, slots=True)
class PrintWorksheet:
    id: str
    title: str
    intro: str
    fields: tuple[PrintField, ...]


def _number_hint(spec: Field, _: Gettext) -> str:
    def show(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else str(value)

    if spec.min is not None and spec.max is not None:
        return _("a number from {min} to {max}").format(min=show(spec.min), max=show(spec.max))
    if spec.min is not None:
        return _("a number, at least {min}").format(min=show(spec.min))
    if spec.max is not None:
        return _("a number, at most {max}").format(max=show(spec.max))
    return _("a number")


def _field(spec: Field, controls: list[PdfField], _: Gettext) -> PrintField:
    common = {"kind": spec.kind, "label": spec.label, "help": spec.help, "required": spec.required}
    if spec.kind in ("choice", "scale"):
        (only,) = controls
        if spec.kind == "scale":
            choices = [(str(point), str(point)) for point in spec.scale_values()]
        else:
            choices = [(option.value, option.label) for option in spec.options]
        boxes = tuple(
            Box(name=only.name, value=value, label=label, tooltip=only.tooltip)
            for value, label in choices
        )
        return PrintField(
            **common,
            widget=only.type,
            name=only.name,
            tooltip=only.tooltip,
            boxes=boxes,
            min_label=spec.min_label,
            max_label=spec.max_label,
        )
    if spec.kind == "multi":
        boxes = tuple(
            Box(
                name=c.name,
                value=c.control.option.value,
                label=c.control.option.label,
                tooltip=c.tooltip,
            )
            for c in controls
            if c.control.option is not None
        )
        return PrintField(**common, widget="checkbox", boxes=boxes)
    (only,) = controls
    hint = (
        # TRANSLATORS: the date format a PDF reader expects (fields.DATE_HINT);
        # keep YYYY-MM-DD in it.
        _("YYYY-MM-DD")
        if spec.kind == "date"
        else (_number_hint(spec, _) if spec.kind == "number" else "")
    )
    return PrintField(
        **common,
        widget=only.type,
        name=only.name,
        tooltip=only.tooltip,
        hint=hint,
        unit=spec.unit,
        lines=spec.rows if spec.kind == "textarea" else 1,
        max_length=spec.max_length,
    )


def _key(spec: Field, _: Gettext) -> str:
    """The options of a drop-down, in words, for filling in by hand."""
    if spec.kind == "scale":
        low, high = spec.scale_values()[0], spec.scale_values()[-1]
        return _("{label}: {low} = {min_label} \u2026 {high} = {max_label}").format(
            label=spec.label, low=low, min_label=spec.min_label, high=high, max_label=spec.max_label
        )
    # TRANSLATORS: between the options of a list ("a, b, c").
    options = _(", ").join(option.label for option in spec.options)
    return _("{label}: {options}").format(label=spec.label, options=options)


def print_worksheet(
    worksheet: Worksheet,
    list_rows: int = DEFAULT_LIST_ROWS,
    text: gettext.NullTranslations | None = None,
) -> PrintWorksheet:
    """The print view of ``worksheet``: every control :func:`pdf_fields`
    lists, grouped by question (and by row for lists), in document order,
    its hints in the words of ``text`` (the build's ``rebound-site``
    catalogue; English without one)."""
    text = text or gettext.NullTranslations()
    _ = text.gettext
    by_name: dict[str, list[PdfField]] = {}
    for pdf_field in pdf_fields(worksheet, list_rows, text):
        by_name.setdefault(pdf_field.control.name, []).append(pdf_field)

    out: list[PrintField] = []
    for top in worksheet.fields:
        if top.kind != "list":
            out.append(_field(top, by_name.pop(top.id), _))
            continue
        rows = tuple(
            PrintRow(
                legend=_("{item_label} {n}").format(item_label=top.item_label, n=row + 1),
                fields=tuple(
                    _field(sub, by_name.pop(control_name(top.id, row, sub.id)), _)
                    for sub in top.fields
                ),
            )
            for row in range(rows_to_print(top, list_rows))
        )
        keys = tuple(_key(sub, _) for sub in top.fields if sub.kind in ("choice", "scale"))
        out.append(
            PrintField(
                kind="list",
                widget="list",
                label=top.label,
                help=top.help,
                required=top.required,
                rows=rows,
                keys=keys,
            )
        )
    if by_name:  # iter_controls and the spec disagree: never print half a form
        raise AssertionError(f"controls left unprinted: {sorted(by_name)}")
    return PrintWorksheet(
        id=worksheet.id, title=worksheet.title, intro=worksheet.intro, fields=tuple(out)
    )
