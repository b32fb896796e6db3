"""Raw saved values -> typed answers, against a worksheet spec.

The browser saves what the form holds: a flat JSON object from control name
to a string (or a list of strings for a multiple choice). That data may be
old (the spec changed since), imported from a file, or simply odd, so this
module trusts none of it. Each field's value is converted to the type its
kind promises; what cannot be used is left out and described in a
:class:`Problem` the reader can act on. It never raises, whatever
JSON-compatible value it is given, so a worksheet's ``compute`` can rely on
the types and concentrate on its own logic.

Typed values by kind: text/textarea -> ``str`` ("" when empty); scale ->
``int | None``; choice -> ``str | None``; multi -> ``list[str]`` in the
form's order; date -> ``datetime.date | None``; number -> ``float | None``;
list -> ``list[dict[str, value]]`` ordered by row, fully empty rows dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from browser_py.core.blocks import clean
from browser_py.core.dates import parse_iso
from browser_py.core.i18n import _, ngettext
from browser_py.core.spec import NAME_SEPARATOR, Field, Option, Worksheet, find_field
from browser_py.core.wording import lower_first, number, quote

_INTEGER = re.compile(r"^[+-]?\d{1,6}(?:\.0*)?$")
_DECIMAL = re.compile(r"^[+-]?(?:\d{1,12}(?:\.\d{0,12})?|\.\d{1,12})(?:[eE][+-]?\d{1,3})?$")
_ROW_INDEX = re.compile(r"^[0-9]{1,6}$")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the saved values that could not be used.

    ``name`` is the control's HTML name (``"applications.1.applied"``) so the
    runtime can point at it; ``text`` is a sentence for the reader.
    """

    name: str
    text: str


@dataclass(slots=True)
class Answers:
    """Typed answers of one worksheet, with typed accessors.

    The accessors return the empty value of the expected type when a field
    is absent or has another kind than the worksheet logic expects (an
    author edited the spec), so logic written against one spec cannot crash
    on another.
    """

    worksheet: Worksheet
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)

    def field(self, field_id: str) -> Field | None:
        return find_field(self.worksheet.fields, field_id)

    def sub_field(self, list_id: str, sub_id: str) -> Field | None:
        parent = self.field(list_id)
        return find_field(parent.fields, sub_id) if parent is not None else None

    def label(self, field_id: str, default: str = "") -> str:
        spec = self.field(field_id)
        return spec.label if spec is not None else (default or field_id)

    def text(self, field_id: str) -> str:
        return as_text(self.values.get(field_id))

    def integer(self, field_id: str) -> int | None:
        return as_int(self.values.get(field_id))

    def number(self, field_id: str) -> float | None:
        return as_float(self.values.get(field_id))

    def day(self, field_id: str) -> date | None:
        return as_date(self.values.get(field_id))

    def choice(self, field_id: str) -> str | None:
        value = self.values.get(field_id)
        return value if isinstance(value, str) and value else None

    def choices(self, field_id: str) -> list[str]:
        return as_str_list(self.values.get(field_id))

    def rows(self, field_id: str) -> list[dict[str, Any]]:
        value = self.values.get(field_id)
        if not isinstance(value, list):
            return []
        return [row for row in value if isinstance(row, dict)]

    def scale_max(self, field_id: str, default: int) -> int:
        spec = self.field(field_id)
        if spec is None or spec.kind != "scale" or spec.max is None:
            return default
        return int(spec.max)


def option_label(spec: Field | None, value: str) -> str:
    """The label the reader saw for ``value``, or the value itself."""
    if spec is not None:
        for option in spec.options:
            if option.value == value:
                return option.label
    return value


def options_of(spec: Field | None) -> tuple[Option, ...]:
    return spec.options if spec is not None else ()


# Typed readers for values inside answers (and list rows).


def as_text(value: object) -> str:
    return value if isinstance(value, str) else ""


def as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def as_date(value: object) -> date | None:
    return value if isinstance(value, date) else None


def as_str_list(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


# --------------------------------------------------------------------------
# Normalising
# --------------------------------------------------------------------------


def normalise(worksheet: Worksheet, raw: object) -> Answers:
    """Convert ``raw`` (the saved values) into typed :class:`Answers`.

    Unknown names are ignored; unusable values become empty and add a
    :class:`Problem`. Never raises for JSON-compatible input.
    """
    answers = Answers(worksheet=worksheet, values={})
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        answers.problems.append(
            Problem(
                "", _("The saved answers could not be read, so the worksheet starts from empty.")
            )
        )
        raw = {}

    list_cells = _collect_list_cells(worksheet, raw)
    for spec in worksheet.fields:
        if spec.kind == "list":
            answers.values[spec.id] = _rows(spec, list_cells.get(spec.id, {}), answers.problems)
        else:
            value, problem = convert(spec, raw.get(spec.id), "")
            if problem:
                value, problem = convert(spec, raw.get(spec.id), describe(spec.label))
            answers.values[spec.id] = value
            if problem:
                answers.problems.append(Problem(spec.id, problem))
    return answers


def _collect_list_cells(
    worksheet: Worksheet, raw: Mapping[Any, object]
) -> dict[str, dict[int, dict[str, object]]]:
    """Group ``LIST.ROW.SUB`` names by list and row index."""
    subs = {
        spec.id: {sub.id for sub in spec.fields} for spec in worksheet.fields if spec.kind == "list"
    }
    cells: dict[str, dict[int, dict[str, object]]] = {}
    if not subs:
        return cells
    for name, value in raw.items():
        if not isinstance(name, str) or name.count(NAME_SEPARATOR) != 2:
            continue
        list_id, row_text, sub_id = name.split(NAME_SEPARATOR)
        if list_id not in subs or sub_id not in subs[list_id] or not _ROW_INDEX.match(row_text):
            continue
        cells.setdefault(list_id, {}).setdefault(int(row_text), {})[sub_id] = value
    return cells


def _rows(
    spec: Field, cells: dict[int, dict[str, object]], problems: list[Problem]
) -> list[dict[str, Any]]:
    """The rows of a list in index order, fully empty rows dropped, at most
    ``max_rows`` kept (the rest is reported, not silently lost)."""
    item = lower_first(spec.item_label or _("row"))
    rows: list[dict[str, Any]] = []
    extra = 0
    for index in sorted(cells):
        row: dict[str, Any] = {}
        for sub in spec.fields:
            raw = cells[index].get(sub.id)
            value, problem = convert(sub, raw, "")
            if problem:
                # Named only when there is a problem to name it in: most
                # cells have none, and a long list has many.
                where = describe(
                    sub.label,
                    # TRANSLATORS: follows a field's name: "Date" + " in check-in 2".
                    _(" in {item} {number}").format(item=item, number=index + 1),
                )
                value, problem = convert(sub, raw, where)
            row[sub.id] = value
            if problem:
                problems.append(
                    Problem(NAME_SEPARATOR.join((spec.id, str(index), sub.id)), problem)
                )
        if all(is_blank(value) for value in row.values()):
            continue
        if len(rows) >= spec.max_rows:
            extra += 1
            continue
        rows.append(row)
    if extra:
        problems.append(
            Problem(
                spec.id,
                # TRANSLATORS: English keeps the plural even for 1 (max_rows is rarely 1).
                ngettext(
                    "{label} holds more than {count} entries; only the first {count} are used.",
                    "{label} holds more than {count} entries; only the first {count} are used.",
                    spec.max_rows,
                ).format(label=spec.label, count=spec.max_rows),
            )
        )
    return rows


def describe(label: str, place: str = "") -> str:
    """How a problem names a field: its label, or for a question label
    ("What would help you today?") "The answer to “...”", so the
    sentence that follows still reads."""
    if label.rstrip().endswith("?"):
        return _("The answer to \u201c{label}\u201d{place}").format(label=label, place=place)
    return f"{label}{place}"


def empty_value(spec: Field) -> Any:
    if spec.kind in ("text", "textarea"):
        return ""
    if spec.kind in ("multi", "list"):
        return []
    return None


def convert(spec: Field, raw: object, where: str) -> tuple[Any, str | None]:
    """One raw value -> (typed value, problem sentence or ``None``)."""
    if raw is None:
        return empty_value(spec), None
    if spec.kind == "multi":
        return _multi(spec, raw, where)
    text = _scalar_text(raw)
    if text is None:
        return empty_value(spec), _("{where} could not be read, so it is left out.").format(
            where=where
        )
    if spec.kind in ("text", "textarea"):
        return _text(spec, text, where)
    text = text.strip()
    if not text:
        return empty_value(spec), None
    if spec.kind == "scale":
        return _scale(spec, text, where)
    if spec.kind == "choice":
        if text in spec.option_values():
            return text, None
        return None, _("{where}: {value} is not one of the choices, so it is left out.").format(
            where=where, value=quote(text)
        )
    if spec.kind == "date":
        day = parse_iso(text)
        if day is None:
            return None, _(
                "{where} is not a valid date (pick it with the date picker, "
                "or write it as YYYY-MM-DD)."
            ).format(where=where)
        return day, None
    if spec.kind == "number":
        return _number(spec, text, where)
    return empty_value(spec), None


def _scalar_text(raw: object) -> str | None:
    """A single value as text: strings as they are, JSON numbers written out,
    a one-item list unwrapped (some form libraries save every value as a
    list). Anything else (objects, booleans, longer lists) is unreadable."""
    if isinstance(raw, list) and len(raw) == 1:
        raw = raw[0]
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return None
    # Past 10**15 JavaScript numbers lose whole digits, so the same saved
    # value could read differently in the browser and here: refuse both.
    if isinstance(raw, int):
        return str(raw) if abs(raw) < 10**15 else None
    if isinstance(raw, float):
        if not (math.isfinite(raw) and abs(raw) < 1e15):
            return None
        return str(int(raw)) if raw.is_integer() else repr(raw)  # 7.0 is 7, as in JS
    return None


def _text(spec: Field, text: str, where: str) -> tuple[str, str | None]:
    text = clean(text)
    text = " ".join(text.split()) if spec.kind == "text" else text.strip()
    limit = spec.max_length
    if limit and len(text) > limit:
        # TRANSLATORS: English keeps the plural even for 1 (a limit is never that short).
        return text[:limit].rstrip(), ngettext(
            "{where} is longer than {count} characters; only the first {count} are used.",
            "{where} is longer than {count} characters; only the first {count} are used.",
            limit,
        ).format(where=where, count=limit)
    return text, None


def _scale(spec: Field, text: str, where: str) -> tuple[int | None, str | None]:
    low, high = int(spec.min or 0), int(spec.max or 0)
    if not _INTEGER.match(text):
        return None, _(
            "{where} should be a whole number from {low} to {high}, so {value} is left out."
        ).format(where=where, low=low, high=high, value=quote(text, 20))
    value = int(text.split(".")[0])
    if not low <= value <= high:
        return None, _(
            "{where} should be a whole number from {low} to {high}; "
            "{value} is outside that, so it is left out."
        ).format(where=where, low=low, high=high, value=value)
    return value, None


def _number(spec: Field, text: str, where: str) -> tuple[float | None, str | None]:
    candidate = text.replace(" ", "")
    if "," in candidate and "." not in candidate and candidate.count(",") == 1:
        candidate = candidate.replace(",", ".")  # "2,5" is how much of Europe writes 2.5
    unit = f" {spec.unit}" if spec.unit else ""
    if not _DECIMAL.match(candidate):
        return None, _("{where} should be a number, so {value} is left out.").format(
            where=where, value=quote(text, 20)
        )
    value = float(candidate)
    if not math.isfinite(value):
        return None, _("{where} should be a number, so {value} is left out.").format(
            where=where, value=quote(text, 20)
        )
    low, high = spec.min, spec.max
    if (low is not None and value < low) or (high is not None and value > high):
        # TRANSLATORS: {unit} is the field's unit with a space in front, or nothing.
        if low is not None and high is not None:
            span = _("from {low} to {high}{unit}").format(
                low=number(low, 2), high=number(high, 2), unit=unit
            )
        elif low is not None:
            span = _("at least {low}{unit}").format(low=number(low, 2), unit=unit)
        else:
            span = _("at most {high}{unit}").format(high=number(high or 0, 2), unit=unit)
        return None, _(
            "{where} should be {span}; {value} is outside that, so it is left out."
        ).format(where=where, span=span, value=number(value, 2))
    return value, None


def _multi(spec: Field, raw: object, where: str) -> tuple[list[str], str | None]:
    items = raw if isinstance(raw, list) else [raw]
    known = spec.option_values()
    picked: set[str] = set()
    unknown = False
    for item in items:
        if isinstance(item, str) and item.strip() in known:
            picked.add(item.strip())
        elif item not in (None, ""):
            unknown = True
    # The form's order, not the saved order, so "the first two" means what
    # the reader sees top to bottom.
    ordered = [value for value in known if value in picked]
    if unknown:
        return ordered, _(
            "Some ticks saved for {where} are not choices on this "
            "form any more, so they are left out."
        ).format(where=lower_first(where))
    return ordered, None


def is_blank(value: object) -> bool:
    """A blank answer: what the form leaves out of its values."""
    return value is None or value == "" or value == []
