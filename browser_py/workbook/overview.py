"""The workbook page's overview: progress through the steps, and a summary of each worksheet.

How far the reader is through the steps, and a line or two on each
worksheet, with a link back to its page.

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

Steps, pages and titles come from the site's worksheet manifest
(:mod:`browser_py.core.manifest`), which the build writes in nav order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from browser_py import worksheets
from browser_py.core.answers import normalise
from browser_py.core.blocks import Block, Outcome
from browser_py.core.i18n import _, pgettext
from browser_py.core.manifest import Step, specs_of
from browser_py.core.spec import Worksheet
from browser_py.core.storage import SavedDataError, answered_fields, read_entry

#: Longest summary line; longer ones are cut at a word and end with "…".
MAX_SUMMARY_CHARS = 200

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.S)


def run_saved(
    worksheet: Worksheet,
    values: Mapping[str, Mapping[str, Any]],
    specs: Mapping[str, Worksheet],
    today: date,
) -> Outcome:
    """The worksheet's result for its saved values (``values[worksheet.id]``),
    with the other worksheets' saved values as context, as on its page."""
    others = {
        other: (specs[other], other_values)
        for other, other_values in values.items()
        if other != worksheet.id and other in specs
    }
    mine = normalise(worksheet, values.get(worksheet.id, {}))
    return worksheets.run(mine, others, today) or Outcome([], [])


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
            notes.append(
                _("\u201c{title}\u201d could not be read: {reason}.").format(
                    title=worksheet.title, reason=error.message
                )
            )
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
    # TRANSLATORS: a summary line, "Label: value; Label: value".
    return _shorten(
        pgettext("summary separator", "; ").join(
            _("{label}: {value}").format(label=item["label"], value=item["value"])
            for item in items
            if isinstance(item, Mapping)
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
                text = pgettext("summary separator", "; ").join(items)
                second = _shorten(
                    _("{label}: {value}").format(label=heading, value=text) if heading else text
                )
                break
    return [line for line in (*lines, second) if line]


def build_overview(
    saved: Mapping[str, object], steps: Sequence[Step], today: date
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
            outcome = run_saved(worksheet, values, specs, today)
            missing = outcome.missing
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
    saved: Mapping[str, object], steps: Sequence[Step], today: date
) -> dict[str, list[str]]:
    """``{worksheet id: summary lines}`` for the Markdown export."""
    result = build_overview(saved, steps, today)
    return {row["worksheet"]: row["summary"] for row in result["steps"] if row["summary"]}
