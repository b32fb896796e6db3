"""The site's worksheet manifest (``worksheets.json``), which the build writes.

Schema 2 (current) lists the worksheets in the site's nav order, each with
its 1-based step number::

    {"schema": 2,
     "worksheets": [{"step": 1, "page": "feel-it/", "page_title": "1. Feel it",
                     "spec": {...the worksheet spec...}}, ...]}

Schema 1 had no ``step``: its worksheets are taken in the order listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from browser_py.core.i18n import _
from browser_py.core.spec import Worksheet, worksheet_from_dict

#: A page title that starts with a step number: "1. Feel it", "2) Ask".
_NUMBERED = re.compile(r"(\d+)[.)]\s+(.*)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Step:
    """One worksheet and the page it lives on."""

    number: int
    worksheet: Worksheet
    page: str
    page_title: str

    @property
    def name(self) -> str:
        """The page title without the step number it may start with ("1. Feel it" -> "Feel it"),
        or the worksheet's title when nothing else is left, or when the title is numbered as
        another step (a second worksheet on a page: "6. Keep going" does not name step 7)."""
        title = self.page_title.strip()
        numbered = _NUMBERED.match(title)
        if numbered is not None:
            if int(numbered.group(1)) != self.number:
                return self.worksheet.title
            title = numbered.group(2).strip()
        return title or self.worksheet.title


def steps_from_index(index: object) -> list[Step]:
    """The steps of a manifest, in step order.

    Raises :class:`ValueError` (or :class:`~browser_py.core.spec.SpecError`)
    with a message when the index is not one.
    """
    if not isinstance(index, Mapping) or not isinstance(index.get("worksheets"), list):
        raise ValueError(_("the worksheet index has no list of worksheets"))
    found: list[tuple[tuple[int, int], Step]] = []
    for position, item in enumerate(index["worksheets"]):
        if not isinstance(item, Mapping) or not isinstance(item.get("spec"), Mapping):
            raise ValueError(
                _("entry {number} of the worksheet index has no spec").format(number=position + 1)
            )
        worksheet = worksheet_from_dict(item["spec"])
        page = item.get("page")
        title = item.get("page_title")
        if not isinstance(page, str) or not isinstance(title, str):
            raise ValueError(
                _("entry {number} of the worksheet index has no page").format(number=position + 1)
            )
        step = item.get("step", position + 1)
        if not isinstance(step, int) or isinstance(step, bool) or step < 1:
            raise ValueError(
                _("entry {number} of the worksheet index has no step number").format(
                    number=position + 1
                )
            )
        found.append(((step, position), Step(0, worksheet, page, title)))
    found.sort(key=lambda pair: pair[0])
    return [
        Step(number, step.worksheet, step.page, step.page_title)
        for number, (_, step) in enumerate(found, start=1)
    ]


def specs_of(steps: Sequence[Step]) -> dict[str, Worksheet]:
    """``{id: Worksheet}`` in step order."""
    return {step.worksheet.id: step.worksheet for step in steps}


def spec_entries(index: object, ids: Sequence[str]) -> dict[str, Mapping[str, Any]]:
    """``{id: spec as sent}`` for the worksheets ``ids`` that the manifest
    lists; anything else in it is neither read nor checked."""
    wanted = set(ids)
    out: dict[str, Mapping[str, Any]] = {}
    items = index.get("worksheets") if isinstance(index, Mapping) else None
    for item in items if isinstance(items, list) else []:
        spec = item.get("spec") if isinstance(item, Mapping) else None
        if isinstance(spec, Mapping) and spec.get("id") in wanted:
            out.setdefault(str(spec["id"]), spec)
    return out
