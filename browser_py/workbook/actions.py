"""The workbook page's actions for :func:`browser_py.api.handle`.

Every request carries the site's worksheet index (``worksheets.json``, which
the page fetches from its own site) and the reader's saved entries as they
are in ``localStorage``: ``saved``, the entries of the round the page shows
and the search-scoped ones (``{worksheet id: envelope}``; an old or
unreadable entry is passed as it is and reported, never trusted), with that
round's id as ``round``; and ``stored``, every round (``storage.js``'s
``stored()``, read by :func:`browser_py.workbook.exchange.saved_data`), for
the exports and the import, which work on all rounds. Without ``stored``
they read ``saved`` as one round. ``export_json`` may name ``only_rounds``
(the archive of old rounds)::

    {"action": "overview",        "index": {...}, "saved": {...}, "today": "YYYY-MM-DD"}
    {"action": "export_json",     "index": {...}, "saved": {...}, "now": ISO (optional)}
    {"action": "export_markdown", "index": {...}, "saved": {...}, "today": ..., "now": ...}
    {"action": "plan_import",     "index": {...}, "saved": {...}, "file": "file text"}
    {"action": "calendar",        "index": {...}, "saved": {...}, "today": ...,
                                  "round": "r0", "reminder": "1d"}     # both optional
    {"action": "fill_pdf",        "index": {...}, "saved": {...}}  + the workbook PDF's bytes
    {"action": "progress",        "index": {...}, "snapshot": {...}, "today": ...}

Responses: ``overview`` as :func:`browser_py.workbook.overview.build_overview`;
``export_json``/``export_markdown`` ``{"ok", "text", "filename", "mime"}``
(``export_json`` also counts ``worksheets`` and ``rounds``, and lists in
``notes`` the entries it left out because they cannot be read: the
Markdown journal lists them under its own heading);
``plan_import`` as :func:`browser_py.workbook.exchange.plan_import`; ``calendar``
``{"ok", "ics", "events", "filename"}``; ``fill_pdf`` (sent through
:func:`browser_py.api.handle_with_data`, with the PDF the page fetched from
its own site) ``{"ok", "filename", "mime", "answers", "worksheets", "notes"}``
plus the filled PDF's bytes; ``progress`` (``snapshot`` is every round's saved
data, as :mod:`browser_py.workbook.progress` describes) ``{"ok", "rounds",
"blocks", "focus"}``. Nothing here writes anything: the page makes
the download, or applies an import after the reader confirms.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from browser_py.core.i18n import _
from browser_py.core.manifest import Step, specs_of, steps_from_index
from browser_py.core.request import RequestError, request_now, request_today
from browser_py.core.spec import SpecError
from browser_py.core.storage import FIRST_ROUND, ROUND_ID
from browser_py.workbook import calendar_ics, exchange, overview, pdf_fill, progress

_index_cache: dict[str, list[Step]] = {}


def _steps(request: Mapping[str, Any]) -> list[Step]:
    index = request.get("index")
    key = json.dumps(index, sort_keys=True, ensure_ascii=True)
    cached = _index_cache.get(key)
    if cached is not None:
        return cached
    try:
        steps = steps_from_index(index)
    except (SpecError, ValueError, TypeError, KeyError) as error:
        raise RequestError(
            _("the worksheet index is invalid: {detail}").format(detail=error)
        ) from None
    _index_cache.clear()  # one site, one index: keep only the latest
    _index_cache[key] = steps
    return steps


def _saved(request: Mapping[str, Any]) -> dict[str, object]:
    saved = request.get("saved", {})
    if saved is None:
        return {}
    if not isinstance(saved, dict):
        raise RequestError(_("'saved' must be an object (worksheet id -> saved entry)"))
    return saved


def _stored(request: Mapping[str, Any]) -> Mapping[str, object]:
    stored = request.get("stored")
    if stored is None:
        return _saved(request)
    if not isinstance(stored, dict):
        raise RequestError(_("'stored' must be an object (the rounds and their saved entries)"))
    return stored


def _round(request: Mapping[str, Any]) -> str:
    value = request.get("round")
    return value if isinstance(value, str) and ROUND_ID.match(value) else FIRST_ROUND


def overview_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """Progress over the steps and a summary of each worksheet."""
    return overview.build_overview(_saved(request), _steps(request), request_today(request))


def export_json_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """The export file of every worksheet with answers."""
    steps = _steps(request)
    now = request_now(request)
    only = request.get("only_rounds")
    if only is not None and not (
        isinstance(only, list) and all(isinstance(item, str) for item in only)
    ):
        raise RequestError(_("'only_rounds' must be a list of round ids"))
    notes: list[str] = []
    text = exchange.export_json(
        _stored(request), specs_of(steps), now, only_rounds=only, notes=notes
    )
    document = json.loads(text)  # our own output: flat and bounded
    count = exchange.count_worksheets(document)
    return {
        "ok": True,
        "text": text,
        "notes": notes,
        "worksheets": count,
        "rounds": len(document["rounds"]),
        "mime": "application/json",
        "filename": f"rebound-answers-{now.date().isoformat()}.json",
    }


def export_markdown_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as a Markdown journal, with each worksheet's summary."""
    steps = _steps(request)
    specs = specs_of(steps)
    stored = _stored(request)
    now = request_now(request)
    today = request_today(request)
    data = exchange.saved_data(stored, specs)
    # Each round's summaries read its own answers with the shared ones.
    per_round = {
        item.id: overview.summaries({**item.saved, **data.search}, steps, today)
        for item in data.rounds
    }
    shared = overview.summaries(data.search, steps, today)
    text = exchange.export_markdown(stored, specs, shared, now, round_summaries=per_round)
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
        raise RequestError(_("'file' must be the text of the chosen file"))
    return exchange.plan_import(file_text, _stored(request), specs_of(steps), request_now(request))


def calendar_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """The reader's dates as an iCalendar file, for the round the page's
    round picker chose (``r0`` when none is named)."""
    chosen = request.get("round")
    if chosen is not None and not (isinstance(chosen, str) and ROUND_ID.match(chosen)):
        raise RequestError(_("'round' must be a round id such as r0"))
    try:
        return calendar_ics.build_calendar(
            _saved(request),
            _steps(request),
            request_today(request),
            round_id=_round(request),
            reminder=request.get("reminder"),
        )
    except ValueError as error:
        raise RequestError(str(error)) from None


def fill_pdf_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """The workbook PDF (``request["binary"]``) filled in with the saved answers."""
    pdf = request.get("binary")
    if not isinstance(pdf, bytes):
        raise RequestError(
            _("filling in the PDF needs the workbook PDF itself, sent with the request")
        )
    steps = _steps(request)
    try:
        filled = pdf_fill.fill(pdf, _saved(request), specs_of(steps))
    except pdf_fill.PdfFillError as error:
        raise RequestError(str(error)) from None
    return {
        "ok": True,
        "binary": filled.pdf,
        "filename": pdf_fill.FILENAME,
        "mime": "application/pdf",
        "answers": filled.answers,
        "worksheets": filled.worksheets,
        "notes": list(filled.notes),
    }


def progress_action(request: Mapping[str, Any]) -> dict[str, Any]:
    """Progress across rounds: charts and tables from every round's answers."""
    return progress.build_progress(request.get("snapshot"), _steps(request), request_today(request))


#: Action name -> handler, merged into :data:`browser_py.api.ACTIONS`.
ACTIONS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "overview": overview_action,
    "export_json": export_json_action,
    "export_markdown": export_markdown_action,
    "plan_import": plan_import_action,
    "calendar": calendar_action,
    "fill_pdf": fill_pdf_action,
    "progress": progress_action,
}
