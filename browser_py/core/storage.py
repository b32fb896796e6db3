"""The saved-data schema: what the guide keeps on the reader's device, and how it is checked.

This docstring is the reference for the format. The browser's
``storage.js`` writes it, the workbook's export and import
(:mod:`browser_py.workbook.exchange`) read and write it, and the tests pin it down.

Version 2 (current): rounds
---------------------------

A *round* is one pass through the six steps for one rejection; the reader
may keep many. A worksheet's spec says whether its answers belong to a
round (``scope: round``, the default) or to the whole job search
(``scope: search``: the application tracker), see
:attr:`browser_py.core.spec.Worksheet.scope`. ``localStorage`` holds:

``rebound:v2:rounds``, the *index*::

    {"schema": 2, "current": "r0",
     "rounds": [{"id": "r0", "label": "First round", "company": "",
                 "role": "", "date": "2026-11-20",
                 "created": "2026-11-20T18:04:11.512Z",
                 "updated": "2026-11-20T18:04:11.512Z"}],
     "deleted": ["r1x2y3z4abcd"]}

``rounds`` are in creation order. ``id`` matches ``^r[0-9a-z]{1,23}$``: new
ones are ``"r"`` + ``Date.now()`` in base 36 + 4 random base-36 digits;
the round migrated from version 1 is always ``r0``, so two tabs migrating
at once, and a version 1 export imported later, land on the same round.
``label`` is what the reader calls the round (by default built from the
company and role, or the rejection's date, or "Round N"); ``company`` and
``role`` are free text (at most 200 characters each); ``date`` is the
rejection's date, ``YYYY-MM-DD`` or ``""``; ``created`` is when the round
was started. ``current`` is the round new answers go to by default. Two
optional keys let two tabs merge their indexes without losing a round:
``updated`` (when the round was last renamed: the later one wins) and
``deleted`` (ids of deleted rounds, so a merge does not bring them back).
The merge is the union of both indexes' rounds by id, less the deleted
ones (:func:`merge_indexes`).

``rebound:v2:<round-id>:<worksheet-id>``, a round-scoped worksheet's
*envelope*, and ``rebound:v2:search:<worksheet-id>``, a search-scoped one's
(its ``round`` is ``null``)::

    {"schema": 2,
     "worksheet": "feelings",
     "round": "r0",
     "saved_at": "2026-11-20T18:04:11.512Z",
     "values": {"emotions": ["sad", "tired"], "intensity": "7",
                "checkins.0.date": "2026-11-23"}}

Before the first save there is no index and no round; the first save of a
round-scoped worksheet makes round ``r0`` ("First round"). Deleting a round
removes its entries, its kept-aside copies and its index entry, and nothing
else.

Version 1 (before rounds)
-------------------------

One ``localStorage`` entry per worksheet, under the key
``rebound:v1:<worksheet-id>``, holding the same envelope without
``round``, and with ``"schema": 1``.

Values (every version)
----------------------

``values`` are the form's *raw values*: control name to a string, or to a
list of strings for a multiple-choice field. Control names are the field id,
or ``LIST.ROW.SUB`` inside a list (``ROW`` counted from 0, written without
leading zeros). Blank answers are left out, so an empty worksheet is
``{}``. ``saved_at`` is an ISO 8601 date and time with its offset (the
browser writes UTC with a ``Z``).

What a valid value is, by field kind:

========  =====================================================================
kind      value
========  =====================================================================
text      a string of at most ``max_length`` characters (the spec's, or 200)
textarea  a string of at most ``max_length`` characters (the spec's, or 4000)
scale     a whole number within the scale, as a string: ``"7"``
choice    one option value: ``"warm"``
multi     a list of distinct option values: ``["sad", "tired"]``
date      ``YYYY-MM-DD``, a real calendar date
number    a decimal number as ``<input type=number>`` gives it: ``"2.5"``
========  =====================================================================

A list field's rows are numbered below its ``max_rows``. One worksheet's
values add up to at most :data:`MAX_WORKSHEET_CHARS` characters (names and
values), far above what the forms allow, so a crafted entry cannot make the
page slow. No value may hold a NUL character or a lone surrogate (UTF-16
half of a character): neither can come from typing, and both break JSON or
XML further on.

Renamed and removed fields
--------------------------

A field renamed in its spec lists its earlier ids under ``was``
(:attr:`browser_py.core.spec.Field.was`); an answer saved under an earlier
name is read as the field's own (``LIST.ROW.SUB`` with an earlier list or
column id too). ``storage.js`` applies the same renaming when it restores a
form. A name the worksheet no longer has at all is an answer to a question
this version no longer asks: it is *kept* (:func:`split_values` returns it
apart from the checked values), stays in the saved entry (``storage.js``
saves it back with every autosave), and is exported as it is (JSON) or under
its own heading (Markdown). Only a name no form ever wrote (not an id, or a
row past 999999) or a value that is neither text nor a list of texts is
dropped, with a note. (``storage.js`` keeps every stored value the form
cannot show in the saved entry, these and list rows past ``max_rows``
included: no autosave drops them.)

Each envelope may carry ``rev``, a whole number: its revision, which orders
saves across tabs (each save writes the stored revision plus one; an entry
without one, written before revisions or by an older tab, is revision 0).
It is a compatible field of schema 2: older pages ignore it, and
``saved_at`` stays for display and export. Keys start with the deployment's
prefix: ``rebound:`` for a site at the origin's root, ``rebound@/path/:``
under a subpath (``page/namespace.js`` says who claims the keys written
before that prefix existed).

Checking an entry (:func:`normalise_values`) returns the answers to the
current fields, and either raises :class:`SavedDataError` on a bad value (``strict``, for
imports: nothing half-checked is applied) or drops it with a note (lenient,
for reading what is already stored: the rest of the answers still show, and
NUL or lone surrogates are removed from a text rather than losing it).

Version 0 (the first preview)
-----------------------------

The first preview of the guide stored each worksheet under
``rebound:<worksheet-id>`` (no version in the key) as::

    {"version": 0, "updated": "2026-10-02T09:30:00Z",
     "answers": {"intensity": 7, "emotions": ["sad"], "need": "A walk"}}

It differs from version 1 in three ways: the wrapper's keys
(``version``/``updated``/``answers``), numbers stored as JSON numbers for
``scale`` and ``number`` fields (``7``, ``2.5``), and ``null`` for a blank
answer. ``updated`` may be missing. :func:`migrate` turns it into a
version 1 envelope: numbers become their shortest decimal string (``7.0``
becomes ``"7"``), ``null`` and empty strings or lists are dropped, and
``saved_at`` is ``updated`` (or the migration's time when it is missing).
``storage.js`` performs the same mechanical steps when it meets an old entry
(under either key) and moves it to the new key, removing the old one only once
the new one is written; the tests check both against the same examples.

Migration from version 1 (and 0) to 2
--------------------------------------

:func:`migrate_storage` is the reference; ``storage.js``'s ``migrate()``
performs the same steps, and the tests run both on the same examples. It
runs once every worksheet's scope is known (the site's manifest); until
then (the manifest could not be loaded) nothing moves, and the old
entries are read as they are, as round ``r0``'s or the search's:

1. every ``rebound:v1:<ws>`` entry, and every ``rebound:<ws>`` (version 0)
   one whose worksheet has no version 1 entry, is read: a version 1
   envelope as it is (values untouched, so answers to retired fields are
   carried over unchanged), a version 0 one through :func:`migrate`;
2. each readable one becomes ``rebound:v2:r0:<ws>`` (round ``r0``), or
   ``rebound:v2:search:<ws>`` for a search-scoped worksheet, with its
   ``saved_at`` and ``values``; a version 2 entry already there (another
   tab migrated first) is kept;
3. if any round-scoped entry moved and the index has no ``r0``, ``r0`` is
   added: label "First round", ``created`` the earliest ``saved_at`` of
   those entries (so it is the same in every tab); it is ``current`` when
   it is the only round;
4. the index is written, and only then are the old keys removed. An
   unreadable old entry is kept aside (below) before its key is removed; a
   version 0 entry left beside a version 1 one (never read since) too.

An entry whose ``schema`` is greater than this guide's was written by a
newer guide and is never overwritten by reading it: it is reported, not
migrated.

Entries that cannot be read at all (not JSON, wrong shape) are copied aside
by the browser to ``rebound:corrupt:<round-id|search>:<worksheet-id>:<time>``
before anything can overwrite them, so nothing the reader wrote is ever
lost silently; an unreadable index goes to
``rebound:corrupt:index:rounds:<time>`` and is rebuilt from the round keys
present. Copies kept aside before rounds, ``rebound:corrupt:<ws>:<time>``,
stay readable and deletable.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from browser_py.core.answers import is_blank
from browser_py.core.dates import parse_iso, parse_timestamp
from browser_py.core.i18n import _, ngettext
from browser_py.core.spec import NAME_SEPARATOR, Field, Worksheet, find_field
from browser_py.core.untrusted import JsonLimitError, JsonLimits, describe_type, loads, quote, show

#: The current envelope version.
SCHEMA = 2

#: Key prefixes and names in ``localStorage`` (see the module docstring).
PREFIX = "rebound:v2:"
V1_PREFIX = "rebound:v1:"
LEGACY_PREFIX = "rebound:"
CORRUPT_PREFIX = "rebound:corrupt:"
INDEX_KEY = "rebound:v2:rounds"
SEARCH = "search"

#: The round answers saved before rounds move to.
FIRST_ROUND = "r0"

#: A round id.
ROUND_ID = re.compile(r"^r[0-9a-z]{1,23}$", re.ASCII)

#: Longest round label, company or role kept in the index.
MAX_ROUND_TEXT = 200

_WORKSHEET_ID = re.compile(r"^[a-z][a-z0-9_-]{0,39}$", re.ASCII)

#: Cap on one worksheet's values, counted in characters of names and values.
MAX_WORKSHEET_CHARS = 200_000

#: A number field's raw value is short; anything longer is not a number a
#: person typed.
MAX_NUMBER_CHARS = 40

# ASCII digits only, as in storage.js and the form: Python's \d would also
# take Arabic-Indic or full-width digits, which no date or number input holds.
_ROW_NAME = re.compile(r"^([a-z][a-z0-9_-]*)\.(0|[1-9]\d{0,5})\.([a-z][a-z0-9_-]*)$", re.ASCII)
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_BROKEN_CHARS = re.compile("[\x00\ud800-\udfff]")
# A name a form could have written for a field since removed: an id, or a
# list row's ``LIST.ROW.SUB``.
_RETIRED_NAME = re.compile(
    r"^[a-z][a-z0-9_-]{0,39}(?:\.(?:0|[1-9]\d{0,5})\.[a-z][a-z0-9_-]{0,39})?$", re.ASCII
)


class SavedDataError(ValueError):
    """Saved or imported answers that cannot be used as they are.

    ``message`` is a whole sentence for the reader, naming the worksheet and
    the field when there is one.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a control name points: its field, and the list around it."""

    field: Field
    parent: Field | None = None
    row: int | None = None


def iso_now(now: datetime | None = None) -> str:
    """``now`` (default: the current time) as the browser writes it:
    UTC, millisecond precision, ``Z``."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


#: Per spec, the slots of the names already looked up: an export reads the
#: same names in every round (a few thousand lookups at 100 rounds). Keyed
#: by the spec's id and holding the spec, so that id is not reused meanwhile.
_slots: dict[int, tuple[Worksheet, dict[str, Slot | None]]] = {}
_SLOTS_PER_SPEC = 4096
_SLOT_SPECS = 64


def slot_for(worksheet: Worksheet, name: str) -> Slot | None:
    """The field a control name belongs to, or ``None`` if the worksheet has
    no such control (rows past ``max_rows`` included)."""
    cached = _slots.get(id(worksheet))
    if cached is None or cached[0] is not worksheet:
        if len(_slots) >= _SLOT_SPECS:
            _slots.clear()
        cached = _slots[id(worksheet)] = (worksheet, {})
    known = cached[1]
    if name in known:
        return known[name]
    found = _find_slot(worksheet, name)
    if len(known) < _SLOTS_PER_SPEC:
        known[name] = found
    return found


def _find_slot(worksheet: Worksheet, name: str) -> Slot | None:
    match = _ROW_NAME.match(name)
    if match:
        list_id, row_text, sub_id = match.groups()
        parent = find_field(worksheet.fields, list_id)
        if parent is None or parent.kind != "list":
            return None
        sub = find_field(parent.fields, sub_id)
        if sub is None:
            return None
        return Slot(field=sub, parent=parent, row=int(row_text))
    top = find_field(worksheet.fields, name)
    if top is None or top.kind == "list":
        return None
    return Slot(field=top)


def field_label(slot: Slot) -> str:
    """``"Later check-ins", check-in 2, "Date"``: a control as a reader knows it."""
    if slot.parent is None or slot.row is None:
        return _("\u201c{label}\u201d").format(label=slot.field.label)
    item = (slot.parent.item_label or _("row")).lower()
    return _("\u201c{list}\u201d, {item} {number}, \u201c{label}\u201d").format(
        list=slot.parent.label, item=item, number=slot.row + 1, label=slot.field.label
    )


def check_value(slot: Slot, value: object) -> str | list[str]:
    """The value if it fits its field, else :class:`SavedDataError` saying why.

    The message starts with the field (see :func:`field_label`); callers add
    the worksheet in front.
    """
    spec = slot.field
    where = field_label(slot)
    if slot.parent is not None and slot.row is not None and slot.row >= slot.parent.max_rows:
        # TRANSLATORS: English keeps the plural even for 1.
        raise SavedDataError(
            ngettext(
                "{where} is past the end of the list: \u201c{list}\u201d holds at most "
                "{count} rows",
                "{where} is past the end of the list: \u201c{list}\u201d holds at most "
                "{count} rows",
                slot.parent.max_rows,
            ).format(where=where, list=slot.parent.label, count=slot.parent.max_rows)
        )
    if spec.kind == "multi":
        if not isinstance(value, list):
            raise SavedDataError(
                _("{where} must be a list of choices, not {type}").format(
                    where=where, type=describe_type(value)
                )
            )
        picked: list[str] = []
        for item in value:
            if not isinstance(item, str):
                raise SavedDataError(
                    _("{where} must list its choices as text, not {type}").format(
                        where=where, type=describe_type(item)
                    )
                )
            if item not in spec.option_values():
                raise SavedDataError(
                    _("{where} has no choice {value}").format(where=where, value=_short(item))
                )
            if item not in picked:
                picked.append(item)
        return picked
    if not isinstance(value, str):
        raise SavedDataError(
            _("{where} must be text, not {type}").format(where=where, type=describe_type(value))
        )
    if _BROKEN_CHARS.search(value):
        raise SavedDataError(
            _(
                "{where} holds a NUL character or a broken (lone surrogate) character, "
                "which typing never produces; the data may be damaged"
            ).format(where=where)
        )
    if spec.kind in ("text", "textarea"):
        if len(value) > spec.max_length:
            # TRANSLATORS: English keeps the plural even for 1.
            raise SavedDataError(
                ngettext(
                    "{where} is {length} characters long; it holds at most {count}",
                    "{where} is {length} characters long; it holds at most {count}",
                    spec.max_length,
                ).format(where=where, length=len(value), count=spec.max_length)
            )
    elif spec.kind == "scale":
        points = {str(point) for point in spec.scale_values()}
        if value not in points:
            raise SavedDataError(
                _("{where} must be a whole number from {low} to {high}, not {value}").format(
                    where=where,
                    low=int(spec.min or 0),
                    high=int(spec.max or 0),
                    value=_short(value),
                )
            )
    elif spec.kind == "choice":
        if value not in spec.option_values():
            raise SavedDataError(
                _("{where} has no choice {value}").format(where=where, value=_short(value))
            )
    elif spec.kind == "date":
        if parse_iso(value) is None:
            raise SavedDataError(
                _("{where} must be a date written YYYY-MM-DD, not {value}").format(
                    where=where, value=_short(value)
                )
            )
    elif spec.kind == "number" and (
        len(value) > MAX_NUMBER_CHARS or not _NUMBER.match(value) or not math.isfinite(float(value))
    ):
        raise SavedDataError(
            _("{where} must be a number, not {value}").format(where=where, value=_short(value))
        )
    return value


def _short(value: str, limit: int | None = None) -> str:
    return quote(value) if limit is None else quote(value, limit)


def _renamed(fields: tuple[Field, ...], field_id: str) -> Field | None:
    return next((spec for spec in fields if field_id in spec.was), None)


def current_name(worksheet: Worksheet, name: str) -> str | None:
    """The name an answer saved under ``name`` has now: ``name`` itself, its
    field's new name when the field (or its list) lists it under ``was``, or
    ``None`` when the worksheet no longer has such a field."""
    if slot_for(worksheet, name) is not None:
        return name
    match = _ROW_NAME.match(name)
    if match:
        list_id, row_text, sub_id = match.groups()
        parent = find_field(worksheet.fields, list_id) or _renamed(worksheet.fields, list_id)
        if parent is None or parent.kind != "list":
            return None
        sub = find_field(parent.fields, sub_id) or _renamed(parent.fields, sub_id)
        if sub is None:
            return None
        return NAME_SEPARATOR.join((parent.id, row_text, sub.id))
    top = _renamed(worksheet.fields, name)
    return top.id if top is not None and top.kind != "list" else None


def rename_values(values: Mapping[str, Any], worksheet: Worksheet) -> dict[str, Any]:
    """``values`` with answers saved under earlier names moved to the current
    ones. An answer under the current name wins; the earlier one then stays
    under its old name (kept, like any answer to a question no longer asked)."""
    out: dict[str, Any] = {}
    moved: dict[str, Any] = {}
    for name, value in values.items():
        new = current_name(worksheet, name) if isinstance(name, str) else None
        if new is not None and new != name and not is_blank(value):
            if new in values and not is_blank(values[new]):
                out[name] = value
            else:
                moved.setdefault(new, value)
        else:
            out[name] = value
    return {**out, **moved}


def split_values(
    values: object, worksheet: Worksheet, *, strict: bool
) -> tuple[dict[str, str | list[str]], dict[str, str | list[str]], list[str]]:
    """:func:`normalise_values`, and the answers to fields the worksheet no
    longer has, kept apart: ``(checked, retired, notes)``.

    ``retired`` holds every such answer that is text or a list of texts under
    a name a form could have written; anything else is left out with a note.
    """
    checked, notes = normalise_values(values, worksheet, strict=strict)
    retired: dict[str, str | list[str]] = {}
    if not isinstance(values, Mapping):
        return checked, retired, notes
    size = sum(len(name) + len(str(value)) for name, value in checked.items())
    renamed = rename_values(values, worksheet)
    for name, value in renamed.items():
        if not isinstance(name, str) or slot_for(worksheet, name) is not None:
            continue
        if not _RETIRED_NAME.match(name):
            continue  # normalise_values has noted it
        value = _repair(value)
        if is_blank(value):
            continue
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            size += len(name) + sum(len(item) for item in value)
        elif isinstance(value, str):
            size += len(name) + len(value)
        else:
            notes.append(
                _(
                    "In {title}, an answer to a question this version no longer asks "
                    "could not be read ({type}), so it was left out."
                ).format(
                    title=_("\u201c{text}\u201d").format(text=worksheet.title),
                    type=describe_type(value),
                )
            )
            continue
        if size > MAX_WORKSHEET_CHARS:
            raise SavedDataError(
                _(
                    "The answers for {title} are too large: more than "
                    "{count} characters, far beyond what its form holds."
                ).format(
                    title=_("\u201c{text}\u201d").format(text=worksheet.title),
                    count=f"{MAX_WORKSHEET_CHARS:,}",
                )
            )
        retired[name] = value
    return checked, retired, notes


def normalise_values(
    values: object, worksheet: Worksheet, *, strict: bool
) -> tuple[dict[str, str | list[str]], list[str]]:
    """Check raw values against ``worksheet``.

    Returns the answers to its current fields (blank ones removed; an answer
    saved under a field's earlier name, from its ``was``, under the current
    name) and notes for the reader. A bad value raises
    :class:`SavedDataError` when ``strict``, and is dropped with a note
    otherwise. Answers to fields it no longer has are not among them:
    :func:`split_values` keeps those. On import (``strict``) they get a note
    saying so; a name no form could have written gets a note either way.
    """
    title = _("\u201c{text}\u201d").format(text=worksheet.title)
    if not isinstance(values, Mapping):
        raise SavedDataError(
            _("The answers for {title} must be an object of answers, not {type}.").format(
                title=title, type=describe_type(values)
            )
        )
    kept: dict[str, str | list[str]] = {}
    notes: list[str] = []
    unknown: list[str] = []
    retired: list[str] = []
    size = 0
    for name, value in rename_values(values, worksheet).items():
        slot = slot_for(worksheet, name) if isinstance(name, str) else None
        if slot is None:
            if isinstance(name, str) and _RETIRED_NAME.match(name) and not is_blank(value):
                retired.append(name)
            elif not is_blank(value):
                unknown.append(str(name))
            continue
        if not strict:
            value = _repair(value)
        if is_blank(value):
            continue
        try:
            checked = check_value(slot, value)
        except SavedDataError as error:
            if strict:
                raise SavedDataError(
                    _("In {title}, {problem}.").format(title=title, problem=error.message)
                ) from None
            notes.append(
                _("In {title}, an answer was left out: {problem}.").format(
                    title=title, problem=error.message
                )
            )
            continue
        if not checked:
            continue
        size += len(name) + (
            len(checked) if isinstance(checked, str) else sum(len(item) for item in checked)
        )
        if size > MAX_WORKSHEET_CHARS:
            message = _(
                "The answers for {title} are too large: more than "
                "{count} characters, far beyond what its form holds."
            ).format(title=title, count=f"{MAX_WORKSHEET_CHARS:,}")
            raise SavedDataError(message)
        kept[name] = checked
    if unknown:
        shown = _some_names(unknown)
        notes.append(
            ngettext(
                "{title} has no field {names}; that answer was left out.",
                "{title} has no field {names}; those answers were left out.",
                len(unknown),
            ).format(title=title, names=shown)
        )
    if retired and strict:
        shown = _some_names(retired)
        notes.append(
            ngettext(
                "{title} no longer asks {names}; that answer is kept with the others "
                "and exported, but not shown in the form.",
                "{title} no longer asks {names}; those answers are kept with the others "
                "and exported, but not shown in the form.",
                len(retired),
            ).format(title=title, names=shown)
        )
    return kept, notes


def is_text(value: object) -> bool:
    """Text, or a list of texts: what a form's control can hold."""
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    )


def kept_values(values: Mapping[Any, Any], worksheet: Worksheet) -> dict[str, Any]:
    """The stored answers no form of ``worksheet`` can show, under their
    stored names: values that are not text (numbers, true/false, objects,
    lists of anything but text; from an older or newer version), whatever
    their name, and list rows past their list's ``max_rows``.

    The page keeps them through every save (``storage.js``: ``extra`` and
    ``unowned``) and says they are exported: the export carries them as they
    are, apart from the checked ``values`` (``"kept"``), and an import writes
    back exactly these (nothing that a form would show goes in unchecked).
    """
    kept: dict[str, Any] = {}
    for name, value in values.items():
        if not isinstance(name, str) or is_blank(value):
            continue
        slot = slot_for(worksheet, name)
        past_end = (
            slot is not None
            and slot.parent is not None
            and slot.row is not None
            and slot.row >= slot.parent.max_rows
        )
        if past_end or not is_text(value):
            kept[name] = value
    return kept


def _repair(value: object) -> object:
    """Remove NUL and lone surrogates from text: neither can be typed, and
    the rest of the answer is still the reader's."""
    if isinstance(value, str):
        return _BROKEN_CHARS.sub("", value)
    if isinstance(value, list):
        return [_BROKEN_CHARS.sub("", item) if isinstance(item, str) else item for item in value]
    return value


def number_text(value: float) -> str:
    """A JSON number as the form would have held it: ``7.0`` -> ``"7"``,
    ``2.5`` -> ``"2.5"``."""
    if not math.isfinite(value):
        raise SavedDataError(_("{value} is not a number a form can hold").format(value=repr(value)))
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def migrate_v0_values(answers: object) -> dict[str, Any]:
    """Version 0 answers -> version 1 raw values (shapes only; checking
    against the worksheet is :func:`normalise_values`'s job)."""
    if not isinstance(answers, Mapping):
        raise SavedDataError(
            _("the old answers must be an object, not {type}").format(type=describe_type(answers))
        )
    out: dict[str, Any] = {}
    for name, value in answers.items():
        if is_blank(value):
            continue
        if isinstance(value, bool):
            raise SavedDataError(
                _("the old answer {name} is true/false, which no field ever stored").format(
                    name=show(name)
                )
            )
        if isinstance(value, (int, float)):
            out[name] = number_text(value)
        elif isinstance(value, list):
            out[name] = [
                number_text(item)
                if isinstance(item, (int, float)) and not isinstance(item, bool)
                else item
                for item in value
            ]
        else:
            out[name] = value
    return out


#: What one stored entry may be before it is parsed (see
#: :mod:`browser_py.core.untrusted`): its text in UTF-8 bytes (far above
#: :data:`MAX_WORKSHEET_CHARS` of answers, escaped), its nesting (an
#: envelope nests 3 levels: itself, its values, a multiple choice) and its
#: values (a worksheet has at most a few thousand controls).
ENTRY_LIMITS = JsonLimits(max_bytes=2_000_000, max_depth=8, max_values=100_000)


def parse_entry(text: str) -> object:
    """A stored entry's JSON text as data, checked first (no text can
    exhaust the parser); :class:`SavedDataError` saying why it cannot be read.

    The page passes every entry as the text it found, so one bad entry is
    reported for its own worksheet and the others are still read."""
    try:
        return loads(text, ENTRY_LIMITS)
    except JsonLimitError as error:
        if error.limit == "depth":
            message = _(
                "the saved entry nests its data {depth} levels deep; the guide never writes "
                "more than {limit}, so it was not read"
            ).format(depth=error.found, limit=error.allowed)
        elif error.limit == "values":
            message = _(
                "the saved entry holds more than {limit} values, far more than the guide "
                "ever writes, so it was not read"
            ).format(limit=error.allowed)
        else:
            message = _(
                "the saved entry is {size} kB, far larger than the guide ever writes "
                "(at most {limit} kB), so it was not read"
            ).format(size=error.found // 1000, limit=error.allowed // 1000)
        raise SavedDataError(message) from None
    except ValueError:
        raise SavedDataError(
            _(
                "the saved entry is not valid JSON: it may have been cut short or changed "
                "outside the guide"
            )
        ) from None


def migrate(
    data: object,
    worksheet_id: str,
    *,
    now: datetime | None = None,
    round_id: str | None = FIRST_ROUND,
) -> dict[str, Any]:
    """Any supported stored entry for ``worksheet_id`` -> a version 2 envelope.

    A version 2 envelope comes back as it is (its shape checked, its own
    ``round`` kept); version 1 and 0 are converted as the module docstring
    says, into ``round_id`` (``None`` for a search-scoped worksheet). Raises
    :class:`SavedDataError` for a newer schema or an entry of no known shape.
    Values are *not* checked against the worksheet here. ``data`` may be the
    entry's text, as stored: it is parsed with :func:`parse_entry`.
    """
    if isinstance(data, str):
        data = parse_entry(data)
    if not isinstance(data, Mapping):
        raise SavedDataError(
            _("the saved entry is {type}, not an object of saved answers").format(
                type=describe_type(data)
            )
        )
    if "schema" in data:
        schema = data["schema"]
        if isinstance(schema, bool) or not isinstance(schema, int):
            raise SavedDataError(
                _("the saved entry's schema is {type}, not a version number").format(
                    type=describe_type(schema)
                )
            )
        if schema > SCHEMA:
            raise SavedDataError(
                _(
                    "the saved entry was written by a newer version of the guide "
                    "(schema {schema}); this one reads up to schema {supported}"
                ).format(schema=schema, supported=SCHEMA)
            )
        if schema not in (1, SCHEMA):
            raise SavedDataError(
                _("schema {schema} is not a version this guide ever wrote").format(schema=schema)
            )
        if schema == SCHEMA:
            owner = data.get("round")
            if owner is not None and not (isinstance(owner, str) and ROUND_ID.match(owner)):
                raise SavedDataError(
                    _("the saved entry's round is {found}, not a round id").format(
                        found=show(owner)
                    )
                )
            round_id = owner
        if data.get("worksheet") != worksheet_id:
            raise SavedDataError(
                _("the saved entry belongs to {other}, not \u201c{worksheet}\u201d").format(
                    other=show(data.get("worksheet")), worksheet=worksheet_id
                )
            )
        if not isinstance(data.get("values"), Mapping):
            raise SavedDataError(_("the saved entry has no object of values"))
        saved_at = data.get("saved_at")
        if parse_timestamp(saved_at) is None:
            saved_at = iso_now(now)
        return {
            "schema": SCHEMA,
            "worksheet": worksheet_id,
            "round": round_id,
            "saved_at": saved_at,
            "values": dict(data["values"]),
        }
    if data.get("version") == 0 and "answers" in data:
        updated = data.get("updated")
        return {
            "schema": SCHEMA,
            "worksheet": worksheet_id,
            "round": round_id,
            "saved_at": updated if parse_timestamp(updated) is not None else iso_now(now),
            "values": migrate_v0_values(data["answers"]),
        }
    raise SavedDataError(
        _(
            "the saved entry has no known layout (no \u201cschema\u201d, and not "
            "the version 0 layout with \u201cversion\u201d and \u201canswers\u201d)"
        )
    )


def read_entry(
    data: object, worksheet: Worksheet, *, now: datetime | None = None
) -> tuple[dict[str, Any], list[str]]:
    """A stored entry, migrated and checked leniently: ``(envelope, notes)``.

    The envelope's ``values`` answer the current fields (earlier names
    renamed); answers to fields the worksheet no longer has are under
    ``retired``, and what no form can show (:func:`kept_values`) under
    ``kept``, as stored (each present only when there are some).

    What the workbook's overview and export use for entries that are
    already on the device: a bad answer is left out with a note rather than
    hiding the whole worksheet.
    """
    envelope = migrate(data, worksheet.id, now=now)
    kept = kept_values(envelope["values"], worksheet)
    rest = {name: value for name, value in envelope["values"].items() if name not in kept}
    values, retired, notes = split_values(rest, worksheet, strict=False)
    out = {**envelope, "values": values}
    if retired:
        out["retired"] = retired
    if kept:
        out["kept"] = kept
    return out, notes


def answered_fields(values: Mapping[str, object], worksheet: Worksheet) -> list[str]:
    """Ids of the top-level fields that have an answer, in the worksheet's
    order (a list counts when any of its rows has one)."""
    filled: set[str] = set()
    for name, value in values.items():
        if is_blank(value):
            continue
        slot = slot_for(worksheet, name)
        if slot is not None:
            filled.add((slot.parent or slot.field).id)
    return [spec.id for spec in worksheet.fields if spec.id in filled]


def list_rows(values: Mapping[str, object], list_field: Field) -> list[dict[str, Any]]:
    """The rows of ``list_field`` that hold an answer, each as
    ``{"row": index, SUB: value, ...}``, in row order."""
    rows: dict[int, dict[str, Any]] = {}
    prefix = list_field.id + NAME_SEPARATOR
    for name, value in values.items():
        if not name.startswith(prefix) or is_blank(value):
            continue
        match = _ROW_NAME.match(name)
        if match is None:
            continue
        rows.setdefault(int(match.group(2)), {})[match.group(3)] = value
    return [{"row": index, **rows[index]} for index in sorted(rows)]


def _some_names(names: list[str]) -> str:
    """The first few control names, shortened, for a note: "a, b and 3 more"."""
    shown = ", ".join(_short(name, 30) for name in names[:5])
    if len(names) <= 5:
        return shown
    return ngettext("{names} and {count} more", "{names} and {count} more", len(names) - 5).format(
        names=shown, count=len(names) - 5
    )


# --------------------------------------------------------------------------
# Rounds: keys, the index, and the migration from version 1 (and 0)
# --------------------------------------------------------------------------


def key_for(worksheet_id: str, round_id: str | None) -> str:
    """The ``localStorage`` key of a worksheet's entry in ``round_id`` (``None``:
    the search-scoped entry)."""
    return f"{PREFIX}{round_id if round_id is not None else SEARCH}:{worksheet_id}"


def parse_key(key: str) -> tuple[str | None, str] | None:
    """``rebound:v2:<round|search>:<ws>`` -> ``(round id or None, ws)``, or
    ``None`` for any other key (the index included)."""
    if not key.startswith(PREFIX):
        return None
    parts = key[len(PREFIX) :].split(":")
    if len(parts) != 2 or not _WORKSHEET_ID.match(parts[1]):
        return None
    owner, worksheet_id = parts
    if owner == SEARCH:
        return None, worksheet_id
    return (owner, worksheet_id) if ROUND_ID.match(owner) else None


def _round_text(value: object) -> str:
    return value[:MAX_ROUND_TEXT] if isinstance(value, str) else ""


def clean_round(data: object) -> dict[str, str] | None:
    """One round of the index with every key of the format (unknown keys
    dropped, bad values blank), or ``None`` without a valid id."""
    if not isinstance(data, Mapping):
        return None
    round_id = data.get("id")
    if not isinstance(round_id, str) or not ROUND_ID.match(round_id):
        return None
    day = data.get("date")
    created = data.get("created")
    out = {
        "id": round_id,
        "label": _round_text(data.get("label")),
        "company": _round_text(data.get("company")),
        "role": _round_text(data.get("role")),
        "date": day if isinstance(day, str) and parse_iso(day) is not None else "",
        "created": created if parse_timestamp(created) is not None else "",
    }
    updated = data.get("updated")
    if parse_timestamp(updated) is not None:
        out["updated"] = str(updated)
    return out


def read_index(data: object) -> dict[str, Any]:
    """A stored index, checked: ``{"schema", "current", "rounds", "deleted"}``.

    Rounds without a valid id, and repeats of an id, are left out; a
    ``current`` that names no round becomes the last round. Raises
    :class:`SavedDataError` when it is not an index at all.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("rounds"), list):
        raise SavedDataError(_("the list of rounds could not be read"))
    schema = data.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise SavedDataError(
            _(
                "the list of rounds was written by a newer version of the guide "
                "(schema {schema}); this one reads up to schema {supported}"
            ).format(schema=schema, supported=SCHEMA)
        )
    if schema != SCHEMA:
        raise SavedDataError(_("the list of rounds could not be read"))
    rounds: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in data["rounds"]:
        cleaned = clean_round(item)
        if cleaned is not None and cleaned["id"] not in seen:
            seen.add(cleaned["id"])
            rounds.append(cleaned)
    deleted_raw = data.get("deleted", [])
    deleted = [
        item
        for item in (deleted_raw if isinstance(deleted_raw, list) else [])
        if isinstance(item, str) and ROUND_ID.match(item) and item not in seen
    ]
    current = data.get("current")
    if current not in seen:
        current = rounds[-1]["id"] if rounds else FIRST_ROUND
    return {"schema": SCHEMA, "current": current, "rounds": rounds, "deleted": deleted}


def merge_indexes(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """Two tabs' indexes as one: the union of their rounds by id (for a round
    in both, the one renamed later), less the rounds either deleted, in
    creation order; ``current`` is theirs when it still exists."""
    deleted = list(dict.fromkeys([*mine.get("deleted", []), *theirs.get("deleted", [])]))
    gone = set(deleted)
    by_id: dict[str, Mapping[str, Any]] = {}

    def stamp(item: Mapping[str, Any]) -> str:
        return str(item.get("updated") or item.get("created") or "")

    for item in [*mine.get("rounds", []), *theirs.get("rounds", [])]:
        if item["id"] in gone:
            continue
        seen = by_id.get(item["id"])
        if seen is None or stamp(item) > stamp(seen):
            by_id[item["id"]] = item
    rounds = sorted(by_id.values(), key=lambda item: (str(item.get("created") or ""), item["id"]))
    ids = {item["id"] for item in rounds}
    current = next(
        (c for c in (theirs.get("current"), mine.get("current")) if c in ids),
        rounds[-1]["id"] if rounds else FIRST_ROUND,
    )
    return {
        "schema": SCHEMA,
        "current": current,
        "rounds": [dict(r) for r in rounds],
        "deleted": deleted,
    }


def _loads(text: str) -> object:
    try:
        return loads(text, ENTRY_LIMITS)
    except ValueError:  # JsonLimitError included
        return _UNREADABLE


_UNREADABLE = object()


def migrate_storage(
    items: Mapping[str, str],
    scopes: Mapping[str, str],
    *,
    first_round_label: str | None = None,
    now: datetime | None = None,
) -> dict[str, str]:
    """The whole of ``localStorage`` (``{key: text}``) after the migration to
    version 2 the module docstring describes, as ``storage.js`` performs it.

    ``scopes`` gives each worksheet's scope (``"round"`` or ``"search"``);
    worksheets it does not name are round-scoped. Keys that are not the
    guide's, and entries written by a newer guide, are left as they are.
    Kept-aside copies are stamped with ``now``.
    """
    out = dict(items)
    found: dict[str, tuple[str, bool]] = {}  # ws -> (key, is version 0)
    for key in items:
        if key.startswith(V1_PREFIX):
            worksheet_id, legacy = key[len(V1_PREFIX) :], False
        elif key.startswith(LEGACY_PREFIX):
            worksheet_id, legacy = key[len(LEGACY_PREFIX) :], True
        else:
            continue
        if not _WORKSHEET_ID.match(worksheet_id):
            continue
        if not legacy or worksheet_id not in found:
            found[worksheet_id] = (key, legacy)
    if not found:
        return out
    stamp = iso_now(now)

    def search(worksheet_id: str) -> bool:
        return scopes.get(worksheet_id) == SEARCH

    def keep_aside(worksheet_id: str, text: str) -> None:
        owner = SEARCH if search(worksheet_id) else FIRST_ROUND
        prefix = f"{CORRUPT_PREFIX}{owner}:{worksheet_id}:"
        if not any(k.startswith(prefix) and v == text for k, v in out.items()):
            out[prefix + stamp] = text

    moved: dict[str, dict[str, Any] | None] = {}
    for worksheet_id, (key, legacy) in found.items():
        data = _loads(items[key])
        schema = data.get("schema") if isinstance(data, Mapping) else None
        if not legacy and isinstance(schema, int) and not isinstance(schema, bool) and schema > 1:
            continue  # a newer guide's: never touched
        envelope: dict[str, Any] | None = None
        if isinstance(data, Mapping) and (
            (legacy and data.get("version") == 0)
            or (
                not legacy
                and (data.get("version") == 0 or (schema == 1 and not isinstance(schema, bool)))
            )
        ):
            try:
                envelope = migrate(data, worksheet_id, now=now)
            except SavedDataError:
                envelope = None
        if envelope is None:
            keep_aside(worksheet_id, items[key])
        moved[worksheet_id] = envelope
    times = sorted(
        str(envelope["saved_at"])
        for worksheet_id, envelope in moved.items()
        if envelope is not None and not search(worksheet_id)
    )
    try:
        index = read_index(_loads(out[INDEX_KEY])) if INDEX_KEY in out else None
    except SavedDataError:
        index = None
    index = index or {"schema": SCHEMA, "current": FIRST_ROUND, "rounds": [], "deleted": []}
    if times and not any(item["id"] == FIRST_ROUND for item in index["rounds"]):
        first = {
            "id": FIRST_ROUND,
            "label": first_round_label if first_round_label is not None else _("First round"),
            "company": "",
            "role": "",
            "date": "",
            "created": times[0],
        }
        only = not index["rounds"]
        index = merge_indexes(
            index, {"current": FIRST_ROUND if only else index["current"], "rounds": [first]}
        )
        if all(item["id"] == FIRST_ROUND for item in index["rounds"]):
            index["current"] = FIRST_ROUND
    for worksheet_id, envelope in moved.items():
        if envelope is None:
            continue
        owner = None if search(worksheet_id) else FIRST_ROUND
        key = key_for(worksheet_id, owner)
        if key not in out:
            out[key] = json.dumps(
                {
                    "schema": SCHEMA,
                    "worksheet": worksheet_id,
                    "round": owner,
                    "saved_at": envelope["saved_at"],
                    "values": envelope["values"],
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
    stored_index: dict[str, Any] = {
        "schema": SCHEMA,
        "current": index["current"],
        "rounds": index["rounds"],
    }
    if index.get("deleted"):
        stored_index["deleted"] = index["deleted"][-100:]
    out[INDEX_KEY] = json.dumps(stored_index, ensure_ascii=False, separators=(",", ":"))
    for worksheet_id, (key, legacy) in found.items():
        if worksheet_id not in moved:
            continue
        del out[key]
        old = LEGACY_PREFIX + worksheet_id
        if not legacy and old in out and moved[worksheet_id] is not None:
            keep_aside(worksheet_id, out[old])
            del out[old]
    return out
