"""A translated worksheet keeps its original's structure: the check.

One reader's answers serve every language: they are saved under worksheet,
field and option ids, and checked against kinds and bounds. So a translated
fence (``content/zh/feel-it.md``) may change only the words a reader reads;
everything else must equal the original's (``content/feel-it.md``, the page
of the same file name): the worksheets on the page and their order, each
worksheet's id and scope, its fields (ids, order, kinds, ``required``,
``was``, ``stamp``), option values and their order, and every number
(``min``, ``max``, ``step``, ``rows``, ``max_length``, ``min_rows``,
``max_rows``).

The words are :data:`TEXT_KEYS` and an option's ``label``. Note that an
option written as plain text (``- Mock interviews``) takes its value from its
words: its translation must be written ``{value: mock-interviews, label:
模拟面试}``, which the message says.

Free of MkDocs: :func:`compare_worksheets` and :func:`compare_pages` take
normalised specs (``Worksheet.to_dict()``) and return problems as (spec path,
message) pairs, which the plugin turns into ``content/zh/FILE.md:LINE``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from browser_py.core.spec import Path

#: What a translation may change: the words of a worksheet and its fields.
TEXT_KEYS = frozenset(
    {
        "title",
        "intro",
        "label",
        "help",
        "placeholder",
        "unit",
        "min_label",
        "max_label",
        "item_label",
        "add_label",
    }
)


@dataclass(frozen=True, slots=True)
class Problem:
    """Where a translation's structure differs (a spec path within its
    worksheet, or ``None`` for the page as a whole) and what differs."""

    worksheet: str | None
    path: Path | None
    message: str


def compare_worksheets(original: Mapping[str, Any], translated: Mapping[str, Any]) -> list[Problem]:
    """Every difference of structure between two normalised specs of the
    same worksheet (the first one per field: a field of another kind has
    nothing else worth comparing)."""
    worksheet = str(original.get("id"))
    found: list[Problem] = []
    for key in ("id", "scope"):
        if original.get(key) != translated.get(key):
            found.append(
                Problem(worksheet, (key,), _differs(key, original.get(key), translated.get(key)))
            )
    _compare_fields(original.get("fields") or [], translated.get("fields") or [], (), found)
    return [Problem(worksheet, p.path, p.message) for p in found]


def compare_pages(
    original: Sequence[Mapping[str, Any]], translated: Sequence[Mapping[str, Any]]
) -> list[Problem]:
    """Compare the worksheets of a page and of its translation, in order."""
    original_ids = [str(spec.get("id")) for spec in original]
    translated_ids = [str(spec.get("id")) for spec in translated]
    if original_ids != translated_ids:
        first = _first_difference(original_ids, translated_ids)
        return [
            Problem(
                translated_ids[first] if first < len(translated_ids) else None,
                ("id",) if first < len(translated_ids) else None,
                f"the worksheets differ from the original page's: it has "
                f"{_names(original_ids)}, this translation has {_names(translated_ids)}; "
                "a translation keeps every worksheet, with its id, in the same order",
            )
        ]
    found = []
    for before, after in zip(original, translated, strict=True):
        found += compare_worksheets(before, after)
    return found


def _compare_fields(
    original: Sequence[Mapping[str, Any]],
    translated: Sequence[Mapping[str, Any]],
    at: Path,
    found: list[Problem],
) -> None:
    before = [str(f.get("id")) for f in original]
    after = [str(f.get("id")) for f in translated]
    if before != after:
        first = _first_difference(before, after)
        where = (*at, "fields", first) if first < len(after) else (*at, "fields")
        found.append(
            Problem(
                None,
                where,
                f"the fields differ from the original's: it has {_names(before)}, "
                f"this translation has {_names(after)}; a translation keeps every field, "
                "with its id, in the same order",
            )
        )
        return
    for index, (old, new) in enumerate(zip(original, translated, strict=True)):
        _compare_field(old, new, (*at, "fields", index), found)


def _compare_field(
    original: Mapping[str, Any], translated: Mapping[str, Any], at: Path, found: list[Problem]
) -> None:
    name = f"field '{original.get('id')}'"
    if original.get("kind") != translated.get("kind"):
        found.append(
            Problem(
                None,
                (*at, "kind"),
                f"{name}: {_differs('kind', original.get('kind'), translated.get('kind'))}",
            )
        )
        return
    for key in sorted(set(original) | set(translated)):
        if key in TEXT_KEYS or key in ("id", "kind"):
            continue
        old, new = original.get(key), translated.get(key)
        if key == "fields":
            _compare_fields(old or [], new or [], at, found)
        elif key == "options":
            old_values = [str(o.get("value")) for o in old or []]
            new_values = [str(o.get("value")) for o in new or []]
            if old_values != new_values:
                first = _first_difference(old_values, new_values)
                where = (*at, "options", first) if first < len(new_values) else (*at, "options")
                found.append(
                    Problem(
                        None,
                        where,
                        f"{name}: the option values differ from the original's: it has "
                        f"{_names(old_values)}, this translation has {_names(new_values)}; "
                        "keep each value and translate only its label (write a translated "
                        "option as {value: ORIGINAL-VALUE, label: your words})",
                    )
                )
        elif old != new:
            found.append(Problem(None, (*at, key), f"{name}: {_differs(key, old, new)}"))


def _differs(key: str, old: object, new: object) -> str:
    return (
        f"'{key}' is {_show(new)} here but {_show(old)} in the original; "
        "a translation changes only the words"
    )


def _show(value: object) -> str:
    if value is None:
        return "not set"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) else str(value).lower()


def _names(ids: Sequence[str]) -> str:
    return ", ".join(f"'{i}'" for i in ids) if ids else "none"


def _first_difference(a: Sequence[str], b: Sequence[str]) -> int:
    for index, (x, y) in enumerate(zip(a, b)):  # noqa: B905 (lengths may differ)
        if x != y:
            return index
    return min(len(a), len(b))
