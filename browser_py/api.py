"""The one entry point the browser's worker calls: JSON text in, JSON text out.

``handle`` validates the request's shape, parses (and caches) the worksheet
spec, normalises the raw values and hands them to the worksheet's module.
It never raises: a malformed request, an unknown worksheet or action, an
oversized payload or a bug in a worksheet all come back as
``{"ok": false, "error": "..."}``, because an exception crossing into
JavaScript would leave the reader with a frozen result and no explanation.

Request ``compute``::

    {"action": "compute", "worksheet": ID, "spec": {...}, "values": {...},
     "context": {other worksheet id: its saved values},   # optional
     "rounds": {other worksheet id: [its saved values in each round]},  # optional
     "index": {...the site's worksheets.json...},          # with "context"/"rounds"
     "today": "YYYY-MM-DD"}                                # optional

The worksheet's module names the worksheets it reads as context, and those
it reads from every round (``CONTEXT`` and ``ROUNDS_CONTEXT``, see
:mod:`browser_py.worksheets`); their specs come from ``index``. The page
does not know a module's needs: the response names the worksheets it reads
from every round (``rounds_context``), and the page sends their answers in
``rounds`` from then on (and asks again at once, the first time).

Response to ``compute``::

    {"ok": true, "worksheet": ID, "complete": bool, "missing": [field ids],
     "blocks": [...], "problems": [{"name": control name, "text": str}],
     "sessions": [...],            # "sessions" for the learning plan only
     "rounds_context": [ids],      # when the worksheet reads others from every round
     "summary": [str, ...]}        # when a worksheet picks its overview summary

Every request may name the reader's language, ``"language": "zh-Hans"``
(the page's ``<html lang>``, which the page adds to every call): the answer,
every sentence, date and number in it, comes in that language
(:func:`browser_py.core.i18n.activate`; English when it is missing, ``"en"``,
or a language without a catalogue). An English request gets exactly the
output it always had.

A result that leads with the support note and its link
(:mod:`browser_py.core.support`) keeps them first, before any problem notice.
"""

from __future__ import annotations

import json
import traceback
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from browser_py import worksheets
from browser_py.core import blocks, i18n
from browser_py.core.answers import Answers, normalise
from browser_py.core.blocks import Block
from browser_py.core.i18n import _, ngettext
from browser_py.core.limits import MAX_IMPORT_BYTES, STORAGE_CHARS
from browser_py.core.manifest import spec_entries
from browser_py.core.request import RequestError, request_today
from browser_py.core.spec import SpecError, Worksheet, worksheet_from_dict
from browser_py.core.untrusted import JsonLimitError, JsonLimits, check_json, quote, shorten

#: Requests larger than this (in UTF-8 bytes) are refused unread. The
#: largest is an import: the file (up to ``MAX_IMPORT_BYTES``, refused with
#: its own message by browser_py.workbook.exchange) plus the saved entries
#: twice (``saved`` repeats the round shown from ``stored``), each entry as
#: its stored text (at most ``STORAGE_CHARS`` characters in all, 3 UTF-8
#: bytes each at worst, and up to twice that once escaped as a JSON string),
#: plus the worksheet index.
MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 2 * 2 * 3 * STORAGE_CHARS + 1_000_000

#: How deeply a request may nest, and how many values it may hold, checked
#: before it is parsed (see :mod:`browser_py.core.untrusted`). The worksheet
#: index nests 10 levels; saved entries come as text, so they add none; a
#: request for progress over 500 rounds holds about 82,000 values.
REQUEST_LIMITS = JsonLimits(max_bytes=MAX_REQUEST_BYTES, max_depth=24, max_values=2_000_000)

#: Tighter limits for actions whose requests are only typed answers: a
#: ``compute`` request carries one worksheet's values, never a file.
ACTION_LIMITS: dict[str, int] = {"compute": 1_000_000}

#: At most this many problem notices at the top of a result.
MAX_PROBLEM_NOTICES = 5

_SPEC_CACHE_SIZE = 16
_spec_cache: OrderedDict[str, Worksheet] = OrderedDict()


def handle(request_json: str) -> str:
    """Answer one request; always returns a JSON object as text."""
    response = _respond(request_json, None)
    if isinstance(response.get("binary"), bytes):
        del response["binary"]
    return _dump(response)


#: Bytes sent with a request (the workbook PDF) larger than this are refused.
MAX_DATA_BYTES = 30_000_000


def handle_with_data(request_json: str, data: object) -> tuple[str, bytes | None]:
    """Answer a request that comes with bytes: ``(JSON text, bytes or None)``.

    For the one action that works on a file rather than on typed answers:
    ``fill_pdf`` takes the workbook PDF and gives back the filled copy. JSON
    cannot carry bytes (and base64 would make a larger copy of a PDF the
    worker already holds), so the worker passes them beside the request: the
    handler finds them as ``request["binary"]`` and answers with ``response["binary"]``,
    which comes back here as the second item. ``data`` is whatever the worker
    passes: a JavaScript ``ArrayBuffer``/``Uint8Array`` proxy in Pyodide,
    ``bytes`` in the tests.
    """
    try:
        payload = _as_bytes(data)
    except RequestError as error:
        return _dump({"ok": False, "error": str(error)}), None
    response = _respond(request_json, payload)
    out = response.pop("binary", None) if isinstance(response.get("binary"), bytes) else None
    return _dump(response), out if response.get("ok") else None


def _as_bytes(data: object) -> bytes | None:
    if data is None:
        return None
    size = getattr(data, "byteLength", None)
    if isinstance(size, int) and size > MAX_DATA_BYTES:
        raise RequestError(_too_large_file())
    if isinstance(data, (bytes, bytearray, memoryview)):
        out = bytes(data)
    elif callable(getattr(data, "to_bytes", None)):  # a JsProxy of a JS buffer
        out = bytes(data.to_bytes())  # type: ignore[attr-defined]
    else:
        raise RequestError(
            _("the file sent with the request must be bytes, not {type}").format(
                type=type(data).__name__
            )
        )
    if len(out) > MAX_DATA_BYTES:
        raise RequestError(_too_large_file())
    return out


def _too_large_file() -> str:
    return _("the file sent with the request is larger than {size} MB").format(
        size=MAX_DATA_BYTES // 1_000_000
    )


def _too_large_request(limit: int) -> str:
    return _(
        "the request is larger than {size} MB; the saved answers are too big to work with"
    ).format(size=limit // 1_000_000)


def _respond(request_json: str, data: bytes | None) -> dict[str, Any]:
    """The response object for one request (``data``: bytes sent with it)."""
    try:
        request = _parse(request_json)
        # Before anything else is said: every message below is in this language.
        i18n.activate(request.get("language"))
        request.pop("binary", None)  # bytes never come from JSON
        if data is not None:
            request["binary"] = data
        action = request.get("action")
        handler = ACTIONS.get(action) if isinstance(action, str) else None
        if handler is None:
            known = ", ".join(sorted(ACTIONS))
            raise RequestError(
                _("unknown action {action}; this version knows: {known}").format(
                    action=_show(action), known=known
                )
            )
        limit = ACTION_LIMITS.get(str(action), MAX_REQUEST_BYTES)
        if _byte_size(request_json) > limit:
            raise RequestError(_too_large_request(limit))
        response = handler(request)
    except RequestError as error:
        response = {"ok": False, "error": str(error)}
    except Exception as error:  # a bug must still reach the reader as a message
        response = {"ok": False, "error": _internal(error)}
    return response


def _dump(response: Mapping[str, Any]) -> str:
    try:
        return json.dumps(response, allow_nan=False)
    except (TypeError, ValueError) as error:
        return json.dumps({"ok": False, "error": _internal(error)})


def _parse(request_json: object) -> dict[str, Any]:
    if not isinstance(request_json, str):
        raise RequestError(_("the request must be JSON text"))
    try:
        check_json(request_json, REQUEST_LIMITS)
    except JsonLimitError as error:
        if error.limit == "bytes":
            raise RequestError(_too_large_request(MAX_REQUEST_BYTES)) from None
        raise RequestError(
            _(
                "the request nests its data too deeply or holds too many values to be read "
                "({found} where at most {limit} is allowed)"
            ).format(found=error.found, limit=error.allowed)
        ) from None
    try:
        request = json.loads(request_json, parse_constant=_reject_constant)
    except ValueError as error:
        raise RequestError(
            # TRANSLATORS: {detail} is the JSON parser's own message, in English.
            _("the request is not valid JSON ({detail})").format(detail=_short(error))
        ) from None
    if not isinstance(request, dict):
        raise RequestError(_("the request must be a JSON object"))
    return request


def _byte_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _reject_constant(name: str) -> None:
    raise ValueError(_("{name} is not allowed").format(name=name))


def compute(request: Mapping[str, Any]) -> dict[str, Any]:
    """The ``compute`` action: results for one worksheet."""
    worksheet_id = request.get("worksheet")
    if not isinstance(worksheet_id, str) or not worksheet_id:
        raise RequestError(_("'worksheet' must be the worksheet id, as text"))
    if worksheets.module_for(worksheet_id) is None:
        raise RequestError(
            _("unknown worksheet {worksheet}; known worksheets: {known}").format(
                worksheet=_show(worksheet_id), known=", ".join(worksheets.known_ids())
            )
        )
    worksheet = _worksheet(request.get("spec"))
    if worksheet.id != worksheet_id:
        raise RequestError(
            _("the spec is for worksheet {spec}, not {worksheet}").format(
                spec=_show(worksheet.id), worksheet=_show(worksheet_id)
            )
        )
    values = request.get("values", {})
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise RequestError(_("'values' must be an object of saved answers"))
    context = request.get("context", {})
    if context is None:
        context = {}
    if not isinstance(context, dict):
        raise RequestError(_("'context' must be an object (worksheet id -> saved answers)"))
    rounds = request.get("rounds", {})
    if rounds is None:
        rounds = {}
    if not isinstance(rounds, dict) or not all(isinstance(v, list) for v in rounds.values()):
        raise RequestError(
            _("'rounds' must be an object (worksheet id -> its saved answers in each round)")
        )
    today = request_today(request)

    answers = normalise(worksheet, values)
    index = request.get("index")
    outcome = worksheets.run(
        answers,
        _others(worksheet.id, context, index),
        today,
        _across(worksheet.id, rounds, index),
    )
    if outcome is None:  # not reached: the module was found above
        raise RequestError(_("unknown worksheet {worksheet}").format(worksheet=_show(worksheet_id)))
    response: dict[str, Any] = {
        "ok": True,
        "worksheet": worksheet.id,
        "complete": not outcome.missing,
        "missing": outcome.missing,
        "blocks": _with_problems(outcome.blocks, _problem_notices(answers)),
        "problems": [{"name": problem.name, "text": problem.text} for problem in answers.problems],
    }
    response.update(outcome.extra)
    wanted = worksheets.rounds_context_ids(worksheet.id)
    if wanted:
        response["rounds_context"] = list(wanted)
    return response


def _worksheet(spec: object) -> Worksheet:
    """Parse the spec, reusing an earlier parse of the same JSON text (the
    worker sends the same spec on every keystroke)."""
    if not isinstance(spec, dict):
        raise RequestError(_("'spec' must be the worksheet spec, as an object"))
    key = json.dumps(spec, sort_keys=True, ensure_ascii=True)
    cached = _spec_cache.get(key)
    if cached is not None:
        _spec_cache.move_to_end(key)
        return cached
    try:
        worksheet = worksheet_from_dict(spec)
    except SpecError as error:
        raise RequestError(_invalid_spec(str(error))) from None
    except (TypeError, AttributeError, ValueError) as error:
        raise RequestError(_invalid_spec(_short(error))) from None
    _spec_cache[key] = worksheet
    if len(_spec_cache) > _SPEC_CACHE_SIZE:
        _spec_cache.popitem(last=False)
    return worksheet


def _invalid_spec(detail: str) -> str:
    # TRANSLATORS: {detail} says what is wrong with the spec, in English: the
    # spec is written by the site's author, and its errors are theirs to read.
    return _("the worksheet spec is invalid: {detail}").format(detail=detail)


def _others(
    worksheet_id: str, context: Mapping[str, Any], index: object
) -> dict[str, tuple[Worksheet, Any]]:
    """The saved answers of the worksheets ``worksheet_id`` reads as context,
    each with its spec from the site's manifest (``index``, which the page
    sends when it sends context). A worksheet the manifest does not list, or
    whose spec there is broken, is left out: the result then does without it."""
    wanted = [other for other in worksheets.context_ids(worksheet_id) if other in context]
    out: dict[str, tuple[Worksheet, Any]] = {}
    for other, spec in spec_entries(index, wanted).items():
        try:
            out[other] = (_worksheet(dict(spec)), context[other])
        except RequestError:
            continue
    return out


def _across(
    worksheet_id: str, rounds: Mapping[str, Any], index: object
) -> dict[str, tuple[Worksheet, list[Any]]]:
    """The saved answers in every round of the worksheets ``worksheet_id``
    reads from every round, each with its spec from ``index`` (as
    :func:`_others`); a round whose answers are not an object is skipped."""
    wanted = [other for other in worksheets.rounds_context_ids(worksheet_id) if other in rounds]
    out: dict[str, tuple[Worksheet, list[Any]]] = {}
    for other, spec in spec_entries(index, wanted).items():
        try:
            parsed = _worksheet(dict(spec))
        except RequestError:
            continue
        out[other] = (parsed, [values for values in rounds[other] if isinstance(values, dict)])
    return out


def _with_problems(result: list[Block], problems: list[Block]) -> list[Block]:
    """The problem notices before the result, but after the support note
    and link when the result leads with them: support always comes first."""
    if not problems:
        return result
    from browser_py.core import support  # only a result with problems needs it, not the boot

    lead = support.lead_blocks()
    if result[: len(lead)] == lead:
        return result[: len(lead)] + problems + result[len(lead) :]
    return problems + result


def _problem_notices(answers: Answers) -> list[Block]:
    problems = answers.problems
    out: list[Block] = [
        blocks.notice(problem.text, "warning") for problem in problems[:MAX_PROBLEM_NOTICES]
    ]
    if len(problems) > MAX_PROBLEM_NOTICES:
        more = len(problems) - MAX_PROBLEM_NOTICES
        out.append(
            blocks.notice(
                ngettext(
                    "{count} more answer could not be used; check the fields marked above.",
                    "{count} more answers could not be used; check the fields marked above.",
                    more,
                ).format(count=more),
                "warning",
            )
        )
    return out


def _show(value: object) -> str:
    if isinstance(value, str):
        return quote(value)
    # A JSON value of the request (never deep: the request was checked).
    return quote(json.dumps(value, default=str)[:200])


def _short(error: BaseException) -> str:
    return shorten(str(error), 200) or type(error).__name__


def _internal(error: BaseException) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    # TRANSLATORS: {error} names the bug for a report, in English:
    # "KeyError at compute: 'x'".
    return _(
        "Something went wrong while working this out ({error}). Your answers are safe; "
        "please report this."
    ).format(error=_bug(error, where[0].name if where else None))


def _bug(error: BaseException, place: str | None) -> str:
    kind = type(error).__name__
    return f"{kind} at {place}: {_short(error)}" if place else f"{kind}: {_short(error)}"


#: Action name -> handler. The workbook page's actions are listed in
#: :data:`WORKBOOK_ACTIONS` and join this table below.
ACTIONS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {"compute": compute}

#: The workbook page's actions: overview, export_json, export_markdown,
#: plan_import, calendar, progress, and fill_pdf (through handle_with_data: it takes and
#: gives bytes). Their module (:mod:`browser_py.workbook.actions`, with the
#: whole workbook layer) is imported on the first of them, not with this one:
#: a worksheet's page never needs it, and the worker imports this module
#: before its first result.
WORKBOOK_ACTIONS = (
    "overview",
    "export_json",
    "export_markdown",
    "plan_import",
    "calendar",
    "fill_pdf",
    "progress",
)


def _from_workbook(name: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    def run(request: Mapping[str, Any]) -> dict[str, Any]:
        from browser_py.workbook import actions  # on first use: see WORKBOOK_ACTIONS

        return actions.ACTIONS[name](request)

    return run


ACTIONS.update({name: _from_workbook(name) for name in WORKBOOK_ACTIONS})
