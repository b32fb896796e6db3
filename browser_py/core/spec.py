"""The worksheet spec: the single description every other part is derived from.

An author writes a worksheet as YAML in a fenced block. This module turns the
parsed YAML into a typed, validated :class:`Worksheet`. The MkDocs plugin
renders the web form from it, the workbook plugin derives the PDF's fillable
fields from it, the browser runtime derives the saved-data schema from it, and
the tests compare all three against it.

It is standard library only because the same module runs in three places:
CPython at build time, CPython in the tests, and Pyodide in the reader's
browser (which has no third-party packages).

Every validation problem raises :class:`SpecError` carrying a *path* into the
YAML document (for example ``("fields", 2, "kind")``), so the build can point
the author at the exact line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Every field kind an author may use, in the order the README documents them.
KINDS: tuple[str, ...] = (
    "text",
    "textarea",
    "scale",
    "choice",
    "multi",
    "date",
    "number",
    "list",
)

#: Ids become HTML names, storage keys and PDF field names, so they stay plain:
#: lowercase ASCII letter first, then letters, digits, ``_`` or ``-``.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")

#: Separator in control names (``applications.0.company``) and PDF names
#: (``tracker.applications.0.company``). Ids can never contain it.
NAME_SEPARATOR = "."

DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 4000}
MAX_SCALE_STEPS = 21
MAX_LIST_ROWS = 100
MAX_OPTIONS = 40

_WORKSHEET_KEYS = frozenset({"id", "title", "intro", "fields", "scope"})

#: Where a worksheet's answers live: one copy per round (the default), or one
#: copy for the whole job search (the tracker). See browser_py/core/storage.py.
SCOPES = ("round", "search")
_COMMON_KEYS = frozenset({"id", "label", "kind", "help", "required", "was"})

#: At most this many earlier ids in one field's ``was``.
MAX_WAS = 10
_KIND_KEYS: dict[str, frozenset[str]] = {
    "text": frozenset({"placeholder", "max_length"}),
    "textarea": frozenset({"placeholder", "max_length", "rows"}),
    "scale": frozenset({"min", "max", "min_label", "max_label"}),
    "choice": frozenset({"options"}),
    "multi": frozenset({"options"}),
    "date": frozenset({"stamp"}),
    "number": frozenset({"min", "max", "step", "unit"}),
    "list": frozenset({"fields", "min_rows", "max_rows", "item_label", "add_label"}),
}

Path = tuple[str | int, ...]


class SpecError(ValueError):
    """A worksheet spec is invalid.

    ``path`` locates the offending node in the YAML document. When it ends on
    a mapping key, the error is about that key and its line is reported.
    """

    def __init__(self, message: str, path: Path = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Option:
    """One choice of a ``choice`` or ``multi`` field."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Field:
    """One question of a worksheet. Kind-specific attributes keep their defaults
    on kinds that do not use them; :meth:`to_dict` leaves those out."""

    id: str
    label: str
    kind: str
    help: str = ""
    required: bool = False
    placeholder: str = ""
    max_length: int = 0
    rows: int = 4
    min: float | None = None
    max: float | None = None
    step: float | None = None
    unit: str = ""
    min_label: str = ""
    max_label: str = ""
    options: tuple[Option, ...] = ()
    fields: tuple[Field, ...] = ()
    min_rows: int = 1
    max_rows: int = 20
    item_label: str = ""
    add_label: str = ""
    #: Earlier ids of this field: answers saved under them are read as its own
    #: (the newest first; see README, "Renaming or removing a field").
    was: tuple[str, ...] = ()
    #: A date's ``stamp``: the sibling choice field it watches (``when``) and
    #: the option values (``is``) that fill in today's date when it is empty.
    stamp_when: str = ""
    stamp_is: tuple[str, ...] = ()

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def scale_values(self) -> tuple[int, ...]:
        """The points of a scale, ends included."""
        assert self.kind == "scale" and self.min is not None and self.max is not None
        return tuple(range(int(self.min), int(self.max) + 1))

    def to_dict(self) -> dict[str, Any]:
        """The normalised spec of this field, with every default made explicit
        for the attributes its kind uses (what the runtime and the PDF read)."""
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "help": self.help,
            "required": self.required,
        }
        if self.kind in ("text", "textarea"):
            out.update(placeholder=self.placeholder, max_length=self.max_length)
            if self.kind == "textarea":
                out["rows"] = self.rows
        elif self.kind == "scale":
            out.update(
                min=int(self.min or 0),
                max=int(self.max or 0),
                min_label=self.min_label,
                max_label=self.max_label,
            )
        elif self.kind in ("choice", "multi"):
            out["options"] = [{"value": o.value, "label": o.label} for o in self.options]
        elif self.kind == "number":
            out.update(min=self.min, max=self.max, step=self.step, unit=self.unit)
        elif self.kind == "list":
            out.update(
                fields=[sub.to_dict() for sub in self.fields],
                min_rows=self.min_rows,
                max_rows=self.max_rows,
                item_label=self.item_label,
                add_label=self.add_label,
            )
        if self.was:
            out["was"] = list(self.was)
        if self.stamp_when:
            out["stamp"] = {"when": self.stamp_when, "is": list(self.stamp_is)}
        return out


@dataclass(frozen=True, slots=True)
class Worksheet:
    """A validated worksheet: an id unique across the site, a title, an
    optional introduction, and its fields in order."""

    id: str
    title: str
    fields: tuple[Field, ...]
    intro: str = ""
    scope: str = "round"

    def field(self, field_id: str) -> Field:
        found = find_field(self.fields, field_id)
        if found is None:
            raise KeyError(field_id)
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "intro": self.intro,
            "scope": self.scope,
            "fields": [f.to_dict() for f in self.fields],
        }


@dataclass(frozen=True, slots=True)
class Control:
    """One form control as the DOM contract names it.

    ``name`` is the HTML ``name`` (``FIELD`` or ``LIST.ROW.SUB``); ``pdf_name``
    is the PDF field name (``WORKSHEET.FIELD``, or ``WORKSHEET.FIELD.OPTION``
    for each box of a multiple choice, whose HTML boxes share one name).
    """

    name: str
    pdf_name: str
    field: Field
    row: int | None = None
    option: Option | None = None


def control_name(field_id: str, row: int | None = None, sub_id: str | None = None) -> str:
    """The HTML ``name`` of a control: ``FIELD`` or, in a list, ``LIST.ROW.SUB``
    with ``ROW`` counted from 0."""
    if row is None:
        return field_id
    return NAME_SEPARATOR.join((field_id, str(row), sub_id or ""))


def iter_controls(
    worksheet: Worksheet, list_rows: Mapping[str, int] | None = None
) -> Iterator[Control]:
    """Every control of ``worksheet`` in document order.

    ``list_rows`` gives how many rows each list field has (default: its
    ``min_rows``). Both the web form and the PDF call this, so their names
    cannot drift apart.
    """
    rows_for = dict(list_rows or {})

    def expand(spec: Field, name: str, row: int | None) -> Iterator[Control]:
        pdf_base = NAME_SEPARATOR.join((worksheet.id, name))
        if spec.kind == "multi":
            for option in spec.options:
                yield Control(
                    name, NAME_SEPARATOR.join((pdf_base, option.value)), spec, row, option
                )
        else:
            yield Control(name, pdf_base, spec, row)

    for top in worksheet.fields:
        if top.kind == "list":
            for row in range(rows_for.get(top.id, top.min_rows)):
                for sub in top.fields:
                    yield from expand(sub, control_name(top.id, row, sub.id), row)
        else:
            yield from expand(top, top.id, None)


# --------------------------------------------------------------------------
# Parsing and validation
# --------------------------------------------------------------------------


def parse_worksheet(data: object) -> Worksheet:
    """Validate parsed YAML (or JSON) and return the typed worksheet.

    Raises :class:`SpecError` on the first problem found, with its path.
    """
    mapping = _mapping(data, ())
    _reject_unknown_keys(mapping, _WORKSHEET_KEYS, (), "worksheet")
    worksheet_id = _ident(mapping, "id", (), "worksheet")
    title = _text(mapping, "title", (), required=True, owner=f"worksheet '{worksheet_id}'")
    intro = _text(mapping, "intro", (), required=False)
    scope = _scope(mapping, worksheet_id)
    if "fields" not in mapping:
        raise SpecError(f"worksheet '{worksheet_id}' has no 'fields'", ())
    fields = _fields(mapping["fields"], ("fields",), allow_list=True)
    return Worksheet(id=worksheet_id, title=title, intro=intro, fields=fields, scope=scope)


def _scope(mapping: Mapping[str, object], worksheet_id: str) -> str:
    value = mapping.get("scope", "round")
    if value not in SCOPES:
        shown = value if isinstance(value, str) else repr(value)
        raise SpecError(
            f"worksheet '{worksheet_id}': unknown scope '{shown}'; use one of: "
            + ", ".join(SCOPES),
            ("scope",),
        )
    return str(value)


def _fields(data: object, path: Path, *, allow_list: bool) -> tuple[Field, ...]:
    if not isinstance(data, list) or not data:
        raise SpecError("'fields' must be a non-empty list of fields", path)
    seen: dict[str, int] = {}
    out = []
    for index, item in enumerate(data):
        parsed = _field(item, (*path, index), allow_list=allow_list)
        if parsed.id in seen:
            raise SpecError(
                f"duplicate field id '{parsed.id}' (already used by field {seen[parsed.id] + 1})",
                (*path, index, "id"),
            )
        seen[parsed.id] = index
        out.append(parsed)
    claimed: dict[str, str] = {}
    for index, parsed in enumerate(out):
        for position, old in enumerate(parsed.was):
            where = (*path, index, "was", position)
            if old in seen:
                raise SpecError(
                    f"field '{parsed.id}': 'was' names '{old}', which is still a field here; "
                    "an earlier id must not be in use",
                    where,
                )
            if old in claimed:
                raise SpecError(
                    f"field '{parsed.id}': 'was' names '{old}', already claimed by field "
                    f"'{claimed[old]}'",
                    where,
                )
            claimed[old] = parsed.id
    for index, parsed in enumerate(out):
        if parsed.stamp_when:
            _check_stamp(parsed, out, (*path, index, "stamp"))
    return tuple(out)


def _stamp(mapping: Mapping[str, object], path: Path, owner: str) -> tuple[str, tuple[str, ...]]:
    """``stamp: {when: SIBLING, is: VALUE or [VALUES]}`` on a date field."""
    if "stamp" not in mapping:
        return "", ()
    where = (*path, "stamp")
    raw = mapping["stamp"]
    if not isinstance(raw, Mapping):
        raise SpecError(
            f"{owner}: 'stamp' must be a mapping like {{when: stage, is: interview}}, "
            f"not {_describe(raw)}",
            where,
        )
    _reject_unknown_keys(raw, frozenset({"when", "is"}), where, f"the 'stamp' of {owner}")
    when = _ident(raw, "when", where, f"the 'stamp' of {owner}")
    if "is" not in raw:
        raise SpecError(f"the 'stamp' of {owner} has no 'is' (the option value to watch)", where)
    value = raw["is"]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or len(items) > MAX_OPTIONS:
        raise SpecError(
            f"the 'stamp' of {owner}: 'is' must be an option value or a list of them, "
            f"not {_describe(value)}",
            (*where, "is"),
        )
    values: list[str] = []
    for position, item in enumerate(items):
        if not isinstance(item, str) or not ID_PATTERN.match(item) or item in values:
            raise SpecError(
                f"the 'stamp' of {owner}: 'is' entry {item!r} is not a valid option value, "
                "or is repeated",
                (*where, "is", position) if isinstance(value, list) else (*where, "is"),
            )
        values.append(item)
    return when, tuple(values)


def _check_stamp(field: Field, siblings: Sequence[Field], where: Path) -> None:
    """A stamp watches a single choice beside it, for values it offers."""
    owner = f"field '{field.id}'"
    target = find_field(siblings, field.stamp_when)
    if target is None or target.kind != "choice":
        choices = [sibling.id for sibling in siblings if sibling.kind == "choice"]
        raise SpecError(
            f"{owner}: 'stamp' watches '{field.stamp_when}', which is not a single-choice "
            f"field beside it; choose one of: {', '.join(choices) or '(none here)'}",
            (*where, "when"),
        )
    offered = target.option_values()
    for value in field.stamp_is:
        if value not in offered:
            raise SpecError(
                f"{owner}: 'stamp' names '{value}', which is not an option of "
                f"'{target.id}'; its values are: {', '.join(offered)}",
                (*where, "is"),
            )


def _field(data: object, path: Path, *, allow_list: bool) -> Field:
    mapping = _mapping(data, path)
    field_id = _ident(mapping, "id", path, "field")
    owner = f"field '{field_id}'"
    label = _text(mapping, "label", path, required=True, owner=owner)
    if "kind" not in mapping:
        raise SpecError(f"{owner} has no 'kind' (one of: {', '.join(KINDS)})", path)
    kind = mapping["kind"]
    if kind not in KINDS:
        raise SpecError(
            f"{owner}: unknown kind {kind!r}; use one of: {', '.join(KINDS)}", (*path, "kind")
        )
    if kind == "list" and not allow_list:
        raise SpecError(f"{owner}: a list cannot hold another list", (*path, "kind"))
    _reject_unknown_keys(mapping, _COMMON_KEYS | _KIND_KEYS[kind], path, f"{kind} {owner}")

    values: dict[str, Any] = {
        "id": field_id,
        "label": label,
        "kind": kind,
        "help": _text(mapping, "help", path, required=False),
        "required": _bool(mapping, "required", path, default=False),
        "was": _was(mapping, path, owner),
    }
    if kind in ("text", "textarea"):
        values["placeholder"] = _text(mapping, "placeholder", path, required=False)
        values["max_length"] = _int(
            mapping, "max_length", path, default=DEFAULT_MAX_LENGTH[kind], low=1, high=100_000
        )
        if kind == "textarea":
            values["rows"] = _int(mapping, "rows", path, default=4, low=2, high=30)
    elif kind == "scale":
        low = _int(mapping, "min", path, default=0, low=-100, high=100)
        high = _int(mapping, "max", path, default=10, low=-100, high=100)
        if high <= low:
            raise SpecError(
                f"{owner}: 'max' ({high}) must be greater than 'min' ({low})", (*path, "max")
            )
        if high - low + 1 > MAX_SCALE_STEPS:
            raise SpecError(
                f"{owner}: a scale has at most {MAX_SCALE_STEPS} points; "
                f"{low}..{high} has {high - low + 1}",
                (*path, "max"),
            )
        values.update(
            min=low,
            max=high,
            min_label=_text(mapping, "min_label", path, required=True, owner=owner),
            max_label=_text(mapping, "max_label", path, required=True, owner=owner),
        )
    elif kind in ("choice", "multi"):
        values["options"] = _options(mapping, path, owner)
    elif kind == "date":
        values["stamp_when"], values["stamp_is"] = _stamp(mapping, path, owner)
    elif kind == "number":
        low_n = _number(mapping, "min", path)
        high_n = _number(mapping, "max", path)
        if low_n is not None and high_n is not None and high_n <= low_n:
            raise SpecError(
                f"{owner}: 'max' ({high_n}) must be greater than 'min' ({low_n})", (*path, "max")
            )
        step = _number(mapping, "step", path)
        if step is not None and step <= 0:
            raise SpecError(f"{owner}: 'step' must be greater than 0", (*path, "step"))
        values.update(
            min=low_n, max=high_n, step=step, unit=_text(mapping, "unit", path, required=False)
        )
    elif kind == "list":
        if "fields" not in mapping:
            raise SpecError(f"{owner}: a list needs 'fields' (the columns of each row)", path)
        values["fields"] = _fields(mapping["fields"], (*path, "fields"), allow_list=False)
        min_rows = _int(mapping, "min_rows", path, default=1, low=0, high=MAX_LIST_ROWS)
        max_rows = _int(mapping, "max_rows", path, default=20, low=1, high=MAX_LIST_ROWS)
        if max_rows < max(min_rows, 1):
            raise SpecError(
                f"{owner}: 'max_rows' ({max_rows}) is less than 'min_rows' ({min_rows})",
                (*path, "max_rows"),
            )
        values.update(
            min_rows=min_rows,
            max_rows=max_rows,
            item_label=_text(mapping, "item_label", path, required=False) or "Row",
            add_label=_text(mapping, "add_label", path, required=False) or "Add a row",
        )
    return Field(**values)


def _options(mapping: Mapping[str, object], path: Path, owner: str) -> tuple[Option, ...]:
    if "options" not in mapping:
        raise SpecError(f"{owner} needs 'options'", path)
    raw = mapping["options"]
    opt_path = (*path, "options")
    if not isinstance(raw, list) or len(raw) < 2:
        raise SpecError(f"{owner}: 'options' must be a list of at least 2 choices", opt_path)
    if len(raw) > MAX_OPTIONS:
        raise SpecError(f"{owner}: at most {MAX_OPTIONS} options, got {len(raw)}", opt_path)
    out: list[Option] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        item_path = (*opt_path, index)
        if isinstance(item, Mapping):
            _reject_unknown_keys(item, frozenset({"value", "label"}), item_path, "option")
            value = _ident(item, "value", item_path, "option")
            label = _text(item, "label", item_path, required=True, owner=f"option '{value}'")
        elif isinstance(item, str) and item.strip():
            label = item.strip()
            value = slugify(label)
            if not ID_PATTERN.match(value):
                raise SpecError(
                    f"{owner}: option {label!r} gives no usable value; "
                    "write it as {value: ..., label: ...}",
                    item_path,
                )
        else:
            raise SpecError(
                f"{owner}: each option is a text or a mapping with 'value' and 'label', "
                f"not {_describe(item)}",
                item_path,
            )
        if value in seen:
            raise SpecError(f"{owner}: duplicate option value '{value}'", item_path)
        seen.add(value)
        out.append(Option(value=value, label=label))
    return tuple(out)


def slugify(text: str) -> str:
    """``"Mock interviews"`` -> ``"mock-interviews"``: the value of a plain-text option."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].rstrip("-")


def _describe(value: object) -> str:
    if value is None:
        return "an empty value"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a text",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


def _mapping(data: object, path: Path) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        what = "the worksheet" if not path else "each field"
        raise SpecError(f"{what} must be a mapping of keys to values, not {_describe(data)}", path)
    for key in data:
        if not isinstance(key, str):
            raise SpecError(f"keys must be text, not {_describe(key)} ({key!r})", path)
    return data


def _reject_unknown_keys(
    mapping: Mapping[str, object], allowed: frozenset[str], path: Path, owner: str
) -> None:
    for key in mapping:
        if key not in allowed:
            raise SpecError(
                f"unknown key '{key}' in {owner}; allowed: {', '.join(sorted(allowed))}",
                (*path, key),
            )


def _was(mapping: Mapping[str, object], path: Path, owner: str) -> tuple[str, ...]:
    """``was``: a list of earlier ids (or one id), each a valid id, no repeats."""
    if "was" not in mapping:
        return ()
    value = mapping["was"]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or len(items) > MAX_WAS:
        raise SpecError(
            f"{owner}: 'was' must be an earlier id or a list of 1 to {MAX_WAS} earlier ids, "
            f"not {_describe(value)}",
            (*path, "was"),
        )
    out: list[str] = []
    for position, item in enumerate(items):
        where = (*path, "was", position) if isinstance(value, list) else (*path, "was")
        if not isinstance(item, str) or not ID_PATTERN.match(item):
            raise SpecError(
                f"{owner}: 'was' entry {item!r} is not a valid id: use lowercase letters, "
                "digits, '-' or '_', starting with a letter (at most 40)",
                where,
            )
        if item == mapping.get("id") or item in out:
            raise SpecError(f"{owner}: 'was' repeats the id '{item}'", where)
        out.append(item)
    return tuple(out)


def _ident(mapping: Mapping[str, object], key: str, path: Path, owner: str) -> str:
    if key not in mapping or mapping[key] in (None, ""):
        raise SpecError(f"{owner} has no '{key}'", path)
    value = mapping[key]
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise SpecError(
            f"{owner} {key} {value!r} is not a valid id: use lowercase letters, digits, "
            "'-' or '_', starting with a letter (at most 40)",
            (*path, key),
        )
    return value


def _text(
    mapping: Mapping[str, object], key: str, path: Path, *, required: bool, owner: str = ""
) -> str:
    value = mapping.get(key)
    if value is None or value == "":
        if required:
            raise SpecError(f"{owner} has no '{key}'", path)
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise SpecError(f"'{key}' must be text, not {_describe(value)}", (*path, key))
    text = str(value).strip()
    if required and not text:
        raise SpecError(f"{owner} has an empty '{key}'", (*path, key))
    return text


def _bool(mapping: Mapping[str, object], key: str, path: Path, *, default: bool) -> bool:
    if key not in mapping:
        return default
    value = mapping[key]
    if not isinstance(value, bool):
        raise SpecError(f"'{key}' must be true or false, not {value!r}", (*path, key))
    return value


def _int(
    mapping: Mapping[str, object], key: str, path: Path, *, default: int, low: int, high: int
) -> int:
    if key not in mapping:
        return default
    value = mapping[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecError(f"'{key}' must be a whole number, not {value!r}", (*path, key))
    if not low <= value <= high:
        raise SpecError(f"'{key}' must be between {low} and {high}, not {value}", (*path, key))
    return value


def _number(mapping: Mapping[str, object], key: str, path: Path) -> float | None:
    if key not in mapping or mapping[key] is None:
        return None
    value = mapping[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise SpecError(f"'{key}' must be a number, not {value!r}", (*path, key))
    if abs(value) > 1e9:
        raise SpecError(f"'{key}' is out of range: {value!r}", (*path, key))
    return value


def worksheet_from_dict(data: Mapping[str, Any]) -> Worksheet:
    """Rebuild a worksheet from :meth:`Worksheet.to_dict` output (the JSON the
    site ships to the browser). It is validated again: the runtime trusts no
    file it fetched more than the build trusted the author."""
    return parse_worksheet(_strip_defaults(data))


def _strip_defaults(data: Mapping[str, Any]) -> dict[str, Any]:
    """Drop the keys :meth:`to_dict` adds for every field so the strict parser
    accepts them (``help: ""`` and friends are equivalent to absent)."""

    def clean_field(spec: Mapping[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in spec.items() if v not in ("", None)}
        if out.get("required") is False:
            out.pop("required")
        if "fields" in out:
            out["fields"] = [clean_field(sub) for sub in out["fields"]]
        return out

    return {
        **{k: v for k, v in data.items() if k != "fields" and v not in ("", None)},
        "fields": [clean_field(spec) for spec in data.get("fields", [])],
    }


def find_field(fields: Sequence[Field], field_id: str) -> Field | None:
    """The field of ``fields`` (a worksheet's, or a list's columns) with the
    id ``field_id``, or ``None``."""
    return next((candidate for candidate in fields if candidate.id == field_id), None)
