"""The print version of a worksheet, as a view model for the Jinja template.

The web form (``worksheets/render.py``) is built for a browser: buttons, a
results region, rows you add on demand. Paper needs something else: a fixed
number of list rows, a format hint next to dates, a circle to tick for each
choice, and every control named the way :mod:`.fields` says. So the print
worksheet is built here, from the same :func:`~.fields.pdf_fields` the tests
compare the PDF against; the template only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from browser_py.core.spec import Field, Worksheet, control_name

from .fields import DATE_HINT, DEFAULT_LIST_ROWS, PdfField, pdf_fields, rows_to_print


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


def _number_hint(spec: Field) -> str:
    def show(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else str(value)

    if spec.min is not None and spec.max is not None:
        return f"a number from {show(spec.min)} to {show(spec.max)}"
    if spec.min is not None:
        return f"a number, at least {show(spec.min)}"
    if spec.max is not None:
        return f"a number, at most {show(spec.max)}"
    return "a number"


def _field(spec: Field, controls: list[PdfField]) -> PrintField:
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
        DATE_HINT if spec.kind == "date" else (_number_hint(spec) if spec.kind == "number" else "")
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


def _key(spec: Field) -> str:
    """The options of a drop-down, in words, for filling in by hand."""
    if spec.kind == "scale":
        low, high = spec.scale_values()[0], spec.scale_values()[-1]
        return f"{spec.label}: {low} = {spec.min_label} \u2026 {high} = {spec.max_label}"
    return f"{spec.label}: {', '.join(option.label for option in spec.options)}"


def print_worksheet(worksheet: Worksheet, list_rows: int = DEFAULT_LIST_ROWS) -> PrintWorksheet:
    """The print view of ``worksheet``: every control :func:`pdf_fields`
    lists, grouped by question (and by row for lists), in document order."""
    by_name: dict[str, list[PdfField]] = {}
    for pdf_field in pdf_fields(worksheet, list_rows):
        by_name.setdefault(pdf_field.control.name, []).append(pdf_field)

    out: list[PrintField] = []
    for top in worksheet.fields:
        if top.kind != "list":
            out.append(_field(top, by_name.pop(top.id)))
            continue
        rows = tuple(
            PrintRow(
                legend=f"{top.item_label} {row + 1}",
                fields=tuple(
                    _field(sub, by_name.pop(control_name(top.id, row, sub.id)))
                    for sub in top.fields
                ),
            )
            for row in range(rows_to_print(top, list_rows))
        )
        keys = tuple(_key(sub) for sub in top.fields if sub.kind in ("choice", "scale"))
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
