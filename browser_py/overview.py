"""The workbook page's overview: how far the reader is through the six steps,
and a line or two on each worksheet, with a link back to its page.

Progress counts a worksheet's answered questions (a list counts once, when
any row has an answer) against its number of questions. The summary is not
written here: each worksheet's own ``compute`` runs on the saved answers
(with the other worksheets as context, as on its page), and the overview
picks from the blocks it returns, so the summary always agrees with what
the step's page shows. A worksheet that wants to choose its own summary
puts ``"summary": [lines]`` in its outcome's ``extra``; otherwise the first
statistics block gives the first line, and the second line is the first of:
a success notice, a second statistics block, or the first paragraph or
list (with its heading).

Pages and titles come from the site's ``worksheets.json`` index, which the
worksheets plugin writes at build time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .answers import normalise
from .blocks import Block, Outcome
from .spec import Worksheet, worksheet_from_dict
from .storage import SavedDataError, answered_fields, read_entry

#: Worksheet ids in the order of the six steps, for an index whose page
#: titles carry no step number.
STEP_ORDER = ("feelings", "feedback", "reflection", "resilience", "learning-plan", "tracker")

#: Longest summary line; longer ones are cut at a word and end with "…".
MAX_SUMMARY_CHARS = 200

#: A page title that starts with its step number: "1. Feel it".
STEP_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.S)

#: Runs one worksheet's logic: (worksheet, raw values, context, today) -> Outcome.
Runner = Callable[[Worksheet, Mapping[str, Any], Mapping[str, Any], date], Outcome]


@dataclass(frozen=True, slots=True)
class Step:
    """One worksheet and the page it lives on."""

    number: int
    worksheet: Worksheet
    page: str
    page_title: str


def steps_from_index(index: object) -> list[Step]:
    """The steps of a ``worksheets.json`` index, in step order.

    Raises :class:`ValueError` with a message when the index is not one.
    """
    if not isinstance(index, Mapping) or not isinstance(index.get("worksheets"), list):
        raise ValueError("the worksheet index has no list of worksheets")
    found: list[tuple[tuple[int, int, int], Step]] = []
    for position, item in enumerate(index["worksheets"]):
        if not isinstance(item, Mapping) or not isinstance(item.get("spec"), Mapping):
            raise ValueError(f"entry {position + 1} of the worksheet index has no spec")
        worksheet = worksheet_from_dict(item["spec"])
        page = item.get("page")
        title = item.get("page_title")
        if not isinstance(page, str) or not isinstance(title, str):
            raise ValueError(f"entry {position + 1} of the worksheet index has no page")
        numbered = STEP_NUMBER.match(title)
        order = STEP_ORDER.index(worksheet.id) if worksheet.id in STEP_ORDER else len(STEP_ORDER)
        key = (int(numbered.group(1)) if numbered else 99, order, position)
        found.append((key, Step(0, worksheet, page, title)))
    found.sort(key=lambda pair: pair[0])
    return [
        Step(number, step.worksheet, step.page, step.page_title)
        for number, (_, step) in enumerate(found, start=1)
    ]


def specs_of(steps: Sequence[Step]) -> dict[str, Worksheet]:
    """``{id: Worksheet}`` in step order."""
    return {step.worksheet.id: step.worksheet for step in steps}


def default_runner(
    worksheet: Worksheet, values: Mapping[str, Any], context: Mapping[str, Any], today: date
) -> Outcome:
    """Run the worksheet's module as the ``compute`` action does."""
    from .api import worksheet_module  # the registry; imported late, api imports this package

    module = worksheet_module(worksheet.id)
    if module is None:
        return Outcome([], [])
    outcome: Outcome = module.compute(normalise(worksheet, values), context, today)
    return outcome


def saved_values(
    saved: Mapping[str, object], specs: Mapping[str, Worksheet]
) -> tuple[dict[str, dict[str, Any]], dict[str, str], list[str]]:
    """Readable saved entries: ``(values by id, saved_at by id, notes)``."""
    values: dict[str, dict[str, Any]] = {}
    stamps: dict[str, str] = {}
    notes: list[str] = []
    for worksheet_id, worksheet in specs.items():
        if worksheet_id not in saved:
            continue
        try:
            entry, entry_notes = read_entry(saved[worksheet_id], worksheet)
        except SavedDataError as error:
            notes.append(f"\u201c{worksheet.title}\u201d could not be read: {error.message}.")
            continue
        notes.extend(entry_notes)
        values[worksheet_id] = entry["values"]
        stamps[worksheet_id] = entry["saved_at"]
    return values, stamps, notes


def _shorten(text: str, limit: int = MAX_SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "\u2026"


def _first_sentence(text: str) -> str:
    match = _FIRST_SENTENCE.match(text.strip())
    return _shorten(match.group(1) if match else text)


def _stats_line(block: Block) -> str:
    items = block.get("items", [])
    return _shorten(
        "; ".join(
            f"{item['label']}: {item['value']}" for item in items if isinstance(item, Mapping)
        )
    )


def summary_lines(outcome: Outcome) -> list[str]:
    """One or two lines that sum up a worksheet's result (see the module
    docstring for the choice)."""
    chosen = outcome.extra.get("summary")
    if isinstance(chosen, list) and all(isinstance(line, str) for line in chosen):
        return [_shorten(line) for line in chosen[:2] if line.strip()]
    stats = [block for block in outcome.blocks if block["type"] == "stats"]
    lines = [_stats_line(stats[0])] if stats else []
    second = ""
    success = [
        block
        for block in outcome.blocks
        if block["type"] == "notice" and block.get("tone") == "success"
    ]
    if success:
        second = _first_sentence(str(success[0].get("text", "")))
    elif len(stats) > 1:
        second = _stats_line(stats[1])
    else:
        heading = ""
        for block in outcome.blocks:
            if block["type"] == "heading":
                heading = str(block.get("text", ""))
            elif block["type"] == "paragraph":
                second = _first_sentence(str(block.get("text", "")))
                break
            elif block["type"] == "list":
                items = [str(item) for item in block.get("items", [])][:3]
                text = "; ".join(items)
                second = _shorten(f"{heading}: {text}" if heading else text)
                break
    return [line for line in (*lines, second) if line]


def build_overview(
    saved: Mapping[str, object], steps: Sequence[Step], today: date, runner: Runner = default_runner
) -> dict[str, Any]:
    """Progress and summaries for the workbook page.

    ``{"ok": True, "steps": [{"number", "worksheet", "title", "page",
    "page_title", "answered", "total", "status", "saved_at", "summary"}],
    "answered", "total", "started", "complete", "notes"}``; ``status`` is
    ``"empty"``, ``"started"`` or ``"complete"`` (complete as the worksheet's
    own result judges it).
    """
    specs = specs_of(steps)
    values, stamps, notes = saved_values(saved, specs)
    rows: list[dict[str, Any]] = []
    for step in steps:
        worksheet = step.worksheet
        mine = values.get(worksheet.id, {})
        answered = answered_fields(mine, worksheet)
        status, summary = "empty", []
        if answered:
            context = {
                other: other_values
                for other, other_values in values.items()
                if other != worksheet.id
            }
            outcome = runner(worksheet, mine, context, today)
            field_ids = {spec.id for spec in worksheet.fields}
            missing = [field_id for field_id in outcome.missing if field_id in field_ids]
            status = "started" if missing else "complete"
            summary = summary_lines(outcome)
        rows.append(
            {
                "number": step.number,
                "worksheet": worksheet.id,
                "title": worksheet.title,
                "page": step.page,
                "page_title": step.page_title,
                "answered": len(answered),
                "total": len(worksheet.fields),
                "status": status,
                "saved_at": stamps.get(worksheet.id) if answered else None,
                "summary": summary,
            }
        )
    return {
        "ok": True,
        "steps": rows,
        "answered": sum(row["answered"] for row in rows),
        "total": sum(row["total"] for row in rows),
        "started": sum(1 for row in rows if row["status"] != "empty"),
        "complete": sum(1 for row in rows if row["status"] == "complete"),
        "notes": notes,
    }


def summaries(
    saved: Mapping[str, object], steps: Sequence[Step], today: date, runner: Runner = default_runner
) -> dict[str, list[str]]:
    """``{worksheet id: summary lines}`` for the Markdown export."""
    result = build_overview(saved, steps, today, runner)
    return {row["worksheet"]: row["summary"] for row in result["steps"] if row["summary"]}
