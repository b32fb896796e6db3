"""Fill the workbook PDF's form fields with the reader's saved answers.

The site ships one fillable PDF (``downloads/rebound-workbook.pdf``, built by
the ``rebound-workbook`` plugin). Its fields are named exactly as
:func:`browser_py.core.spec.iter_controls` names them (``Control.pdf_name``), the
same function the web form and the saved data use, so an answer finds its
field by name alone: ``WORKSHEET.FIELD``, ``WORKSHEET.LIST.ROW.SUB``, and
one check box per option of a multiple choice, ``WORKSHEET.FIELD.OPTION``.

What each kind of answer becomes:

* text, long text, number and date: the field's text value (a date is
  already ``YYYY-MM-DD`` in the saved data), with an appearance stream that
  pypdf draws in the field's own font, so the value shows without help from
  the viewer where the font has the glyphs;
* a multiple choice: each chosen option's check box set to its "on" state
  (whatever the PDF names it);
* a scale or a single choice: the chosen option, in whatever form the PDF
  gives the field. A radio group may name its states after the options or,
  with an ``/Opt`` array, by position (``/0``, ``/1``...; WeasyPrint does
  that); a drop-down (combo box, as a list row prints a scale) takes the
  option's export value as text. All of it is read from the PDF rather than
  assumed, so the workbook's layout can change without this module.

List rows are written in order into the rows the PDF has, skipping rows the
reader left blank; rows that do not fit are reported, never dropped silently.
``/NeedAppearances`` is set so viewers redraw every field from its value
(characters the embedded font lacks, such as emoji, show only in those).

Answers are only ever field *values* (PDF strings and names that pypdf
escapes), never page content or actions: a ``<script>`` tag, right-to-left
text or an emoji stay text in a field. NUL characters, which typing never
produces, are removed; nothing else is changed.

The PDF is updated *incrementally*: its original bytes come first and the
changed fields are appended, so the document's structure (tags, bookmarks,
fonts) is exactly the one the site built.

pypdf is imported only when a PDF is filled: in the browser it is a separate
wheel the worker loads on demand, and every other action must work without it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from browser_py.core.answers import is_blank
from browser_py.core.i18n import _, ngettext
from browser_py.core.spec import Field, Worksheet, control_name, iter_controls
from browser_py.core.storage import list_rows
from browser_py.workbook.overview import saved_values

#: The name the filled copy is offered under.
FILENAME = "rebound-workbook-filled.pdf"

#: PDFs larger than this are refused unread, well above the site's own workbook.
MAX_PDF_BYTES = 25_000_000

#: The radio flag of a button field (PDF 32000-1, table 226).
_RADIO_FLAG = 1 << 15
_PUSHBUTTON_FLAG = 1 << 16

#: ``text``: a text field's value; ``check``: a check box ticked; ``choose``:
#: one option of a radio group or a drop-down (combo box) chosen.
Kind = Literal["text", "check", "choose"]


class PdfFillError(ValueError):
    """The PDF cannot be filled; the message is a sentence for the reader."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """One PDF field and the value it gets."""

    pdf_name: str
    kind: Kind
    value: str  # the text, the chosen option's value, or "on" for a box
    worksheet: str
    control: str  # the saved-data name it came from (rows as placed in the PDF)


@dataclass(frozen=True, slots=True)
class Filled:
    """The filled PDF and what went into it."""

    pdf: bytes
    answers: int  # saved answers written (a multiple choice counts once)
    worksheets: int  # worksheets with at least one answer written
    notes: tuple[str, ...]  # what could not be written, and why


# --------------------------------------------------------------------------
# Which field gets what (no pypdf needed)
# --------------------------------------------------------------------------


def rows_in_pdf(worksheet: Worksheet, spec: Field, names: set[str]) -> int:
    """How many rows of the list ``spec`` the PDF has: rows count while every
    control of the row is one of the PDF's field ``names``."""
    rows = 0
    while rows < spec.max_rows:
        needed = [
            control.pdf_name
            for control in iter_controls(worksheet, {spec.id: rows + 1})
            if control.row == rows and control.name.startswith(spec.id + ".")
        ]
        if not needed or any(name not in names for name in needed):
            break
        rows += 1
    return rows


def _placed_values(
    worksheet: Worksheet, values: Mapping[str, Any], names: set[str]
) -> tuple[dict[str, Any], dict[str, int], list[str]]:
    """The values as they go into the PDF: list rows packed into the PDF's
    rows in order (blank rows skipped). Returns ``(values by control name,
    rows per list, notes)``."""
    placed: dict[str, Any] = {}
    rows_for: dict[str, int] = {}
    notes: list[str] = []
    for spec in worksheet.fields:
        if spec.kind != "list":
            if spec.id in values:
                placed[spec.id] = values[spec.id]
            continue
        capacity = rows_in_pdf(worksheet, spec, names)
        rows_for[spec.id] = capacity
        filled = list_rows(values, spec)
        for position, row in enumerate(filled[:capacity]):
            for sub in spec.fields:
                if sub.id in row:
                    placed[control_name(spec.id, position, sub.id)] = row[sub.id]
        if len(filled) > capacity:
            item = (spec.item_label or _("row")).lower()
            # The spec names a row in one form only: its plural is English's
            # "s" until specs carry a plural label.
            items = item if capacity == 1 else f"{item}s"
            left = len(filled) - capacity
            rest = ngettext(
                "your other {count} is not in it. They are still saved here, and the export "
                "includes them.",
                "your other {count} are not in it. They are still saved here, and the export "
                "includes them.",
                left,
            ).format(count=left)
            notes.append(
                # TRANSLATORS: {items} is the list's name for a row ("application"),
                # {rest} says how many did not fit: "your other 2 are not in it. ..."
                ngettext(
                    "\u201c{title}\u201d: the PDF has room for {count} {items} in "
                    "\u201c{list}\u201d; {rest}",
                    "\u201c{title}\u201d: the PDF has room for {count} {items} in "
                    "\u201c{list}\u201d; {rest}",
                    capacity,
                ).format(
                    title=worksheet.title, count=capacity, items=items, list=spec.label, rest=rest
                )
            )
    return placed, rows_for, notes


def plan(
    values_by_id: Mapping[str, Mapping[str, Any]], specs: Mapping[str, Worksheet], names: set[str]
) -> tuple[list[Assignment], list[str]]:
    """Every field assignment for the saved values, given the PDF's field
    ``names``; notes say what has no field to go in."""
    assignments: list[Assignment] = []
    notes: list[str] = []
    for worksheet_id, worksheet in specs.items():
        values = values_by_id.get(worksheet_id)
        if not values:
            continue
        placed, rows_for, row_notes = _placed_values(worksheet, values, names)
        notes.extend(row_notes)
        homeless: list[str] = []
        for control in iter_controls(worksheet, rows_for):
            value = placed.get(control.name)
            if is_blank(value):
                continue
            kind = control.field.kind
            assignment: Assignment | None
            if kind == "multi":
                chosen = (
                    control.option is not None
                    and isinstance(value, list)
                    and control.option.value in value
                )
                assignment = (
                    Assignment(control.pdf_name, "check", "on", worksheet_id, control.name)
                    if chosen
                    else None
                )
            elif kind in ("scale", "choice"):
                assignment = Assignment(
                    control.pdf_name, "choose", str(value), worksheet_id, control.name
                )
            else:
                assignment = Assignment(
                    control.pdf_name,
                    "text",
                    str(value).replace("\x00", ""),
                    worksheet_id,
                    control.name,
                )
            if assignment is None:
                continue
            if assignment.pdf_name not in names:
                homeless.append(control.pdf_name)
                continue
            assignments.append(assignment)
        if homeless:
            notes.append(
                ngettext(
                    "\u201c{title}\u201d: {count} answer has no field in this PDF (it may be "
                    "older than the guide); it is left out.",
                    "\u201c{title}\u201d: {count} answers have no field in this PDF (it may be "
                    "older than the guide); they are left out.",
                    len(homeless),
                ).format(title=worksheet.title, count=len(homeless))
            )
    return assignments, notes


# --------------------------------------------------------------------------
# The PDF (pypdf)
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _FormField:
    """A terminal form field: its dictionary and its widgets."""

    field: Any
    widgets: list[Any]


def _pdf_text(value: Any) -> str:
    return str(value) if value is not None else ""


def _form_fields(root: Any) -> dict[str, _FormField]:
    """Fully qualified name -> terminal field, from ``/AcroForm /Fields``."""
    acro_form = root.get("/AcroForm")
    acro_form = acro_form.get_object() if acro_form is not None else None
    if acro_form is None or "/Fields" not in acro_form:
        raise PdfFillError(_("The workbook PDF has no form fields to fill in."))
    found: dict[str, _FormField] = {}

    def walk(node: Any, parent: str, depth: int) -> None:
        if depth > 20:  # a cycle or a pathological tree: no real form is this deep
            return
        field = node.get_object()
        part = field.get("/T")
        name = (
            f"{parent}.{_pdf_text(part)}"
            if parent and part is not None
            else (_pdf_text(part) if part is not None else parent)
        )
        kids = [kid.get_object() for kid in field.get("/Kids", [])]
        named = [kid for kid in kids if "/T" in kid]
        if named:
            for kid in named:
                walk(kid, name, depth + 1)
            return
        if name:
            found[name] = _FormField(field=field, widgets=kids or [field])

    for node in acro_form["/Fields"]:
        walk(node, "", 0)
    return found


def _inherited(field: Any, key: str) -> Any:
    """A field attribute, looked up through its parents as PDF inheritance does."""
    node, depth = field, 0
    while node is not None and depth < 20:
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
        depth += 1
    return None


def _states(widget: Any) -> list[str]:
    """A button widget's appearance state names, ``/Off`` excluded."""
    states: list[str] = []
    appearance = widget.get("/AP")
    appearance = appearance.get_object() if appearance is not None else None
    for key in ("/N", "/D"):
        table = appearance.get(key) if appearance is not None else None
        table = table.get_object() if table is not None else None
        if table is not None and hasattr(table, "keys"):
            states.extend(
                str(name) for name in table if str(name) != "/Off" and str(name) not in states
            )
    return states


def _radio_state(form_field: _FormField, value: str) -> str | None:
    """The state name that selects ``value`` in a radio group, or ``None``."""
    offered = [state for widget in form_field.widgets for state in _states(widget)]
    texts = _options(form_field.field)
    if value in texts:
        state = f"/{texts.index(value)}"
        if state in offered:
            return state
    from pypdf.generic import NameObject

    state = str(NameObject("/" + value))
    return state if state in offered else None


def _set_button(form_field: _FormField, state: str) -> None:
    from pypdf.generic import NameObject

    form_field.field[NameObject("/V")] = NameObject(state)
    for widget in form_field.widgets:
        shown = state if state in _states(widget) else "/Off"
        widget[NameObject("/AS")] = NameObject(shown)


@contextmanager
def _reuse_fonts(enabled: bool = True) -> Iterator[None]:
    """Parse each field font once per fill instead of once per field.

    pypdf 7 re-reads the field's font (its ToUnicode map: thousands of
    entries for the workbook's embedded DejaVu Sans) for every text field it
    draws, and a full workbook has dozens of text answers. Within one fill
    the font objects never change, so the first result is reused (the
    benchmark measures what that saves). This reaches into pypdf's
    internals (``pypdf.generic._font.Font``): on a pypdf without them nothing
    is patched and fields are drawn as before, only slower. The tests check
    that the output is byte-for-byte the same either way.
    """
    try:
        from pypdf.generic import _font
    except ImportError:
        yield
        return
    font_class = getattr(_font, "Font", None)
    from_resource = getattr(font_class, "__dict__", {}).get("from_font_resource")
    maps = getattr(font_class, "__dict__", {}).get("_get_typographic_maps")
    if not enabled or not isinstance(from_resource, classmethod) or not callable(maps):
        yield
        return
    # Keyed by id(), with the object kept alive in the value, so no id is reused.
    fonts: dict[int, tuple[Any, Any]] = {}
    tables: dict[int, tuple[Any, Any]] = {}

    def cached_font(cls: Any, resource: Any) -> Any:
        hit = fonts.get(id(resource))
        if hit is None:
            hit = fonts[id(resource)] = (resource, from_resource.__func__(cls, resource))
        return hit[1]

    def cached_maps(font: Any) -> Any:
        hit = tables.get(id(font))
        if hit is None:
            hit = tables[id(font)] = (font, maps(font))
        return hit[1]

    font_class.from_font_resource = classmethod(cached_font)
    font_class._get_typographic_maps = cached_maps
    try:
        yield
    finally:
        font_class.from_font_resource = from_resource
        font_class._get_typographic_maps = maps


class _Quiet(logging.Handler):
    """pypdf logs a warning for every line break or glyph its font cannot
    encode (it still draws the rest, and viewers redraw from the value): in
    the browser each would be a console warning per field, so they are kept
    here, for a debugger to look at, and not printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _open(pdf_bytes: bytes) -> Any:
    try:
        from pypdf import PdfWriter
        from pypdf.errors import PyPdfError
    except ImportError:
        raise PdfFillError(
            _(
                "The PDF tools are not loaded, so the workbook cannot be filled "
                "in here. Reload the page and try again."
            )
        ) from None
    if not pdf_bytes.startswith(b"%PDF-"):
        raise PdfFillError(_("The file the site sent is not a PDF, so it cannot be filled in."))
    try:
        writer = PdfWriter(io.BytesIO(pdf_bytes), incremental=True)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        # TRANSLATORS: {detail} is the PDF library's own message, in English.
        raise PdfFillError(
            _("The workbook PDF could not be read ({detail}).").format(detail=error)
        ) from None
    if writer.is_encrypted:
        raise PdfFillError(_("The workbook PDF is encrypted, so it cannot be filled in."))
    return writer


def _page_of_widgets(writer: Any) -> dict[int, int]:
    """Object number of each annotation -> index of the page it is on."""
    pages: dict[int, int] = {}
    for index, page in enumerate(writer.pages):
        for annotation in page.get("/Annots", []) or []:
            reference = getattr(annotation, "idnum", None)
            if reference is not None:
                pages.setdefault(reference, index)
    return pages


def fill(
    pdf_bytes: bytes,
    saved: Mapping[str, object],
    specs: Mapping[str, Worksheet],
    *,
    reuse_fonts: bool = True,
) -> Filled:
    """Fill ``pdf_bytes`` (the workbook PDF) with the ``saved`` entries
    (``{worksheet id: envelope}`` as stored in ``localStorage``) of the
    worksheets in ``specs``. Raises :class:`PdfFillError` when the PDF cannot
    be used; answers that cannot be placed become notes. ``reuse_fonts=False``
    turns off the font cache (see :func:`_reuse_fonts`), for the tests."""
    if len(pdf_bytes) > MAX_PDF_BYTES:
        raise PdfFillError(
            _(
                "The workbook PDF is larger than {size} MB, which is not the file this site builds."
            ).format(size=MAX_PDF_BYTES // 1_000_000)
        )
    values, _saved_at, notes = saved_values(saved, specs)
    writer = _open(pdf_bytes)
    capture = _Quiet()
    logger = logging.getLogger("pypdf")
    propagate = logger.propagate
    logger.addHandler(capture)
    logger.propagate = False
    try:
        form = _form_fields(writer.root_object)
        assignments, plan_notes = plan(values, specs, set(form))
        notes.extend(plan_notes)
        with _reuse_fonts(reuse_fonts):
            written, skipped = _apply(writer, form, assignments)
        writer.set_need_appearances_writer(True)
        out = io.BytesIO()
        writer.write(out)
    finally:
        logger.removeHandler(capture)
        logger.propagate = propagate
    if skipped:
        notes.append(
            ngettext(
                "{count} answer could not be set because the PDF's field has no matching box "
                "or option.",
                "{count} answers could not be set because the PDF's field has no matching box "
                "or option.",
                skipped,
            ).format(count=skipped)
        )
    answered = {(a.worksheet, a.control) for a in written}
    return Filled(
        pdf=out.getvalue(),
        answers=len(answered),
        worksheets=len({a.worksheet for a in written}),
        notes=tuple(notes),
    )


def _options(field: Any) -> list[str]:
    """Export values of a choice field's ``/Opt`` (plain strings or
    ``[export, display]`` pairs)."""
    options = _inherited(field, "/Opt")
    values: list[str] = []
    for option in options.get_object() if options is not None else []:
        option = option.get_object()
        if isinstance(option, list) and option:
            option = option[0].get_object() if hasattr(option[0], "get_object") else option[0]
        values.append(_pdf_text(option))
    return values


def _apply(
    writer: Any, form: Mapping[str, _FormField], assignments: list[Assignment]
) -> tuple[list[Assignment], int]:
    """Set every assignment the way its PDF field takes it; returns
    ``(written, skipped)``."""
    written: list[Assignment] = []
    skipped = 0
    texts_by_page: dict[int, dict[str, str]] = {}
    pages = _page_of_widgets(writer)
    for assignment in assignments:
        form_field = form[assignment.pdf_name]
        field_type = _pdf_text(_inherited(form_field.field, "/FT"))
        flags = int(_inherited(form_field.field, "/Ff") or 0)
        as_text = (field_type == "/Tx" and assignment.kind != "check") or (
            field_type == "/Ch"
            and assignment.kind == "choose"
            and assignment.value in _options(form_field.field)
        )
        if as_text:
            # pypdf sets text and choice values and draws their appearance.
            for widget in form_field.widgets:
                page = pages.get(getattr(widget.indirect_reference, "idnum", -1))
                if page is not None:
                    texts_by_page.setdefault(page, {})[assignment.pdf_name] = assignment.value
            written.append(assignment)
            continue
        state = None
        if field_type == "/Btn" and not flags & _PUSHBUTTON_FLAG:
            if assignment.kind == "check" and not flags & _RADIO_FLAG:
                state = next(
                    (state for widget in form_field.widgets for state in _states(widget)), None
                )
            elif assignment.kind == "choose" and flags & _RADIO_FLAG:
                state = _radio_state(form_field, assignment.value)
        if state is None:
            skipped += 1
            continue
        _set_button(form_field, state)
        written.append(assignment)
    for page, texts in sorted(texts_by_page.items()):
        # None leaves /NeedAppearances alone: fill() sets it once, at the end.
        writer.update_page_form_field_values(writer.pages[page], texts, auto_regenerate=None)
    return written, skipped


def fill_workbook(
    pdf_bytes: bytes, saved_envelopes: Mapping[str, object], specs: Mapping[str, Worksheet]
) -> bytes:
    """The filled PDF's bytes (see :func:`fill` for what else it reports)."""
    return fill(pdf_bytes, saved_envelopes, specs).pdf
