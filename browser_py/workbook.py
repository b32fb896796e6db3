"""The workbook page's actions for :func:`browser_py.api.handle`.

Every request carries the site's worksheet index (``worksheets.json``, which
the page fetches from its own site) and the reader's saved entries as they
are in ``localStorage`` (``{worksheet id: envelope}``; an old or unreadable
entry is passed as it is and reported, never trusted)::

    {"action": "overview",        "index": {...}, "saved": {...}, "today": "YYYY-MM-DD"}
    {"action": "export_json",     "index": {...}, "saved": {...}, "now": ISO (optional)}
    {"action": "export_markdown", "index": {...}, "saved": {...}, "today": ..., "now": ...}
    {"action": "plan_import",     "index": {...}, "saved": {...}, "file": "file text"}
    {"action": "calendar",        "index": {...}, "saved": {...}, "today": ...}
    {"action": "fill_pdf",        "index": {...}, "saved": {...}}  + the workbook PDF's bytes

Responses: ``overview`` as :func:`browser_py.overview.build_overview`;
``export_json``/``export_markdown`` ``{"ok", "text", "filename", "mime"}``;
``plan_import`` as :func:`browser_py.exchange.plan_import`; ``calendar``
``{"ok", "ics", "events", "filename"}``; ``fill_pdf`` (sent through
:func:`browser_py.api.handle_with_data`, with the PDF the page fetched from
its own site) ``{"ok", "filename", "mime", "answers", "worksheets", "notes"}``
plus the filled PDF's bytes. Nothing here writes anything: the page makes
the download, or applies an import after the reader confirms.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from . import calendar_ics, exchange, overview, pdf_fill
from .dates import parse_iso
from .spec import SpecError
from .storage import parse_timestamp

_index_cache: dict[str, list[overview.Step]] = {}


class WorkbookRequestError(ValueError):
    """A malformed workbook request; the message is shown to the reader."""


def _steps(request: Mapping[str, Any]) -> list[overview.Step]:
    index = request.get("index")
    key = json.dumps(index, sort_keys=True, ensure_ascii=True)
    cached = _index_cache.get(key)
    if cached is not None:
        return cached
    try:
        steps = overview.steps_from_index(index)
    except SpecError as error:
        raise WorkbookRequestError(f"the worksheet index is invalid: {error}") from None
    except (ValueError, TypeError, KeyError) as error:
        raise WorkbookRequestError(f"the worksheet index is invalid: {error}") from None
    _index_cache.clear()  # one site, one index: keep only the latest
    _index_cache[key] = steps
    return steps


def _saved(request: Mapping[str, Any]) -> dict[str, object]:
    saved = request.get("saved", {})
    if saved is None:
        return {}
    if not isinstance(saved, dict):
        raise WorkbookRequestError("'saved' must be an object (worksheet id -> saved entry)")
    return saved


def _today(request: Mapping[str, Any]) -> date:
    value = request.get("today")
    if value is None:
        return date.today()
    day = parse_iso(value) if isinstance(value, str) else None
    if day is None:
        raise WorkbookRequestError("'today' must be a date written as YYYY-MM-DD")
    return day


def _now(request: Mapping[str, Any]) -> datetime:
    value = request.get("now")
    if value is None:
        return datetime.now(UTC)
    moment = parse_timestamp(value)
    if moment is None:
        raise WorkbookRequestError("'now' must be an ISO 8601 date and time with an offset")
    return moment


def _run(
    handler: Callable[[Mapping[str, Any]], dict[str, Any]],
) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    """Turn :class:`WorkbookRequestError` into ``{"ok": false}`` (api.handle
    turns other exceptions into a bug report)."""

    def wrapped(request: Mapping[str, Any]) -> dict[str, Any]:
        try:
            return handler(request)
        except WorkbookRequestError as error:
            return {"ok": False, "error": str(error)}

    wrapped.__doc__ = handler.__doc__
    return wrapped


def overview_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """Progress over the steps and a summary of each worksheet."""
    return overview.build_overview(_saved(request), _steps(request), _today(request))


def export_json_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """The export file of every worksheet with answers."""
    steps = _steps(request)
    now = _now(request)
    text = exchange.export_json(_saved(request), overview.specs_of(steps), now)
    count = len(json.loads(text)["worksheets"])
    return {
        "ok": True,
        "text": text,
        "worksheets": count,
        "mime": "application/json",
        "filename": f"rebound-answers-{now.date().isoformat()}.json",
    }


def export_markdown_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as a Markdown journal, with each worksheet's summary."""
    steps = _steps(request)
    saved = _saved(request)
    now = _now(request)
    lines = overview.summaries(saved, steps, _today(request))
    text = exchange.export_markdown(saved, overview.specs_of(steps), lines, now)
    return {
        "ok": True,
        "text": text,
        "mime": "text/markdown",
        "filename": f"rebound-answers-{now.date().isoformat()}.md",
    }


def plan_import_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """What importing ``file`` would change, or why it cannot be imported."""
    steps = _steps(request)
    file_text = request.get("file")
    if not isinstance(file_text, str):
        raise WorkbookRequestError("'file' must be the text of the chosen file")
    return exchange.plan_import(file_text, _saved(request), overview.specs_of(steps), _now(request))


def calendar_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """The reader's dates as an iCalendar file."""
    return calendar_ics.build_calendar(_saved(request), _steps(request), _today(request))


def fill_pdf_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """The workbook PDF (``request["binary"]``) filled in with the saved answers."""
    pdf = request.get("binary")
    if not isinstance(pdf, bytes):
        raise WorkbookRequestError(
            "filling in the PDF needs the workbook PDF itself, sent with the request"
        )
    steps = _steps(request)
    try:
        filled = pdf_fill.fill(pdf, _saved(request), overview.specs_of(steps))
    except pdf_fill.PdfFillError as error:
        raise WorkbookRequestError(str(error)) from None
    return {
        "ok": True,
        "binary": filled.pdf,
        "filename": pdf_fill.FILENAME,
        "mime": "application/pdf",
        "answers": filled.answers,
        "worksheets": filled.worksheets,
        "notes": list(filled.notes),
    }


#: Action name -> handler, merged into :data:`browser_py.api.ACTIONS`.
ACTIONS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "overview": _run(overview_action),
    "export_json": _run(export_json_action),
    "export_markdown": _run(export_markdown_action),
    "plan_import": _run(plan_import_action),
    "calendar": _run(calendar_action),
    "fill_pdf": _run(fill_pdf_action),
}
