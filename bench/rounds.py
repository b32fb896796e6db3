"""Rounds at scale: the progress action and the export over 1, 10 and 100 rounds.

The saved data is made here, deterministically (no randomness, no clock):
every worksheet of the site fully answered in every round (each list filled
to its ``max_rows``, every text field a plausible sentence), and the
search-scoped tracker with 60 applications that each carry a stage and the
date of every stage reached. It is laid out as ``storage.snapshot()`` gives
it (see :mod:`browser_py.workbook.progress`), and stored as the rounds design
card's schema 2 keys for the size figure.

Figures (``make bench``):

* ``rounds_100_progress_p95_ms``: the ``progress`` action for 100 rounds,
  page to worker and back (``runtime.call`` on the workbook page, the real
  worker in Chromium), p95 over :data:`P95_SAMPLES` calls, the first of them
  the first 100-round call of the worker's life (counted). A p95 of 9 runs
  would be their maximum; 40 calls, as for ``interaction_p95_ms``, make it
  a percentile. ``rounds_100_progress_ms`` summarises the same calls, so
  its max still shows the slowest one.
* ``rounds_100_export_ms``: the JSON export of 100 rounds in the worker:
  one version 2 ``export_json`` over every round, the request the workbook
  page sends (:func:`export_requests`), page to worker and back.
* ``rounds_100_saved_bytes``: UTF-8 bytes of every schema 2 key and value
  for 100 rounds (computed here, not in the browser).
* ``rounds_growth_10_to_100``: median progress time at 100 rounds ÷ at 10;
  linear work gives about 10.
"""

from __future__ import annotations

import json
import statistics
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import Page

from browser_py.core.manifest import steps_from_index
from browser_py.core.spec import Worksheet, iter_controls
from rebound_mkdocs.utilities import layout

from .stats import p95, summary

ROUND_COUNTS = (1, 10, 100)
TRACKER_ROWS = 60
#: Calls behind the 100-round p95 (at least the bench's runs).
P95_SAMPLES = 40
START = date(2026, 1, 5)
TODAY = "2026-12-01"

#: The words the generated answers are made of.
_TEXT = (
    "practised answers aloud before the call and noted what the panel asked about "
    "the team the product and the next steps while staying calm and concrete"
)
_WORDS = tuple(_TEXT.split(" "))


def _sentence(seed: int, length: int) -> str:
    words = [_WORDS[(seed * 7 + index * 3) % len(_WORDS)] for index in range(length)]
    return " ".join(words).capitalize() + "."


def _value(worksheet: Worksheet, control: Any, seed: int) -> str | list[str] | None:
    field = control.field
    if field.kind == "text":
        return _sentence(seed, 6)[: field.max_length]
    if field.kind == "textarea":
        return _sentence(seed, 40)[: field.max_length]
    if field.kind == "scale":
        low, high = int(field.min or 0), int(field.max or 10)
        return str(low + (seed % (high - low + 1)))
    if field.kind == "choice":
        return field.options[seed % len(field.options)].value
    if field.kind == "multi":
        return None  # handled by the caller: one name, several boxes
    if field.kind == "date":
        return (START + timedelta(days=seed % 300)).isoformat()
    if field.kind == "number":
        low = field.min if field.min is not None else 1
        high = field.max if field.max is not None else low + 10
        return str(int(low + seed % max(int(high - low), 1)))
    return None


def answered(worksheet: Worksheet, seed: int) -> dict[str, Any]:
    """Every control of ``worksheet`` answered, lists at their ``max_rows``."""
    rows = {field.id: field.max_rows for field in worksheet.fields if field.kind == "list"}
    values: dict[str, Any] = {}
    for position, control in enumerate(iter_controls(worksheet, rows)):
        if control.field.kind == "multi":
            if control.option is not None and position % 2 == 0:
                values.setdefault(control.name, []).append(control.option.value)
            continue
        value = _value(worksheet, control, seed + position)
        if value is not None:
            values[control.name] = value
    return values


def tracker_values(worksheet: Worksheet) -> dict[str, Any]:
    """The tracker with :data:`TRACKER_ROWS` applications and their stage history."""
    values = answered(worksheet, 11)
    values = {name: value for name, value in values.items() if not name.startswith("applications.")}
    stages = ["applied", "screening", "interview", "final", "offer", "rejected", "withdrawn"]
    dated = ["applied", "replied_on", "interview_on", "final_on", "offer_on"]
    sources = ["referral", "job-board", "recruiter", "company-site", "other"]
    for row in range(TRACKER_ROWS):
        stage = stages[row % len(stages)]
        reached = min(stages.index(stage), 4) if stage not in ("rejected", "withdrawn") else row % 3
        day = START + timedelta(days=row * 3)
        prefix = f"applications.{row}."
        values[prefix + "company"] = f"Company {row}"
        values[prefix + "role"] = _sentence(row, 3)
        values[prefix + "stage"] = stage
        values[prefix + "source"] = sources[row % len(sources)]
        for index in range(reached + 1):
            values[prefix + dated[index]] = (day + timedelta(days=5 * index)).isoformat()
        if stage in ("rejected", "withdrawn"):
            values[prefix + "closed_on"] = (day + timedelta(days=20)).isoformat()
        values[prefix + "last_contact"] = (day + timedelta(days=6)).isoformat()
    return values


def make_snapshot(index: dict, rounds: int) -> dict[str, Any]:
    """``storage.snapshot()`` for ``rounds`` fully answered rounds."""
    specs = {step.worksheet.id: step.worksheet for step in steps_from_index(index)}
    saved_at = "2026-11-20T18:00:00.000Z"
    out_rounds = []
    for number in range(rounds):
        day = START + timedelta(days=number * 3)
        out_rounds.append(
            {
                "id": f"r{number:x}",
                "label": f"Round {number + 1}",
                "company": f"Company {number}",
                "role": "Analyst",
                "date": day.isoformat(),
                "created": f"{day.isoformat()}T09:00:00.000Z",
                "worksheets": {
                    ws: {"saved_at": saved_at, "values": answered(spec, number)}
                    for ws, spec in specs.items()
                    if spec.scope != "search"
                },
            }
        )
    search = {
        ws: {"saved_at": saved_at, "values": tracker_values(spec)}
        for ws, spec in specs.items()
        if spec.scope == "search"
    }
    return {"current": out_rounds[-1]["id"], "rounds": out_rounds, "worksheets": search}


def saved_bytes(snapshot: dict[str, Any]) -> int:
    """UTF-8 bytes of the schema 2 keys and values that hold ``snapshot``."""
    index = {
        "schema": 2,
        "current": snapshot["current"],
        "rounds": [{k: v for k, v in r.items() if k != "worksheets"} for r in snapshot["rounds"]],
    }
    items = [("rebound:v2:rounds", index)]
    for item in snapshot["rounds"]:
        for ws, entry in item["worksheets"].items():
            envelope = {"schema": 2, "worksheet": ws, "round": item["id"], **entry}
            items.append((f"rebound:v2:{item['id']}:{ws}", envelope))
    for ws, entry in snapshot["worksheets"].items():
        items.append(
            (f"rebound:v2:search:{ws}", {"schema": 2, "worksheet": ws, "round": None, **entry})
        )
    return sum(
        len(key.encode()) + len(json.dumps(value, separators=(",", ":")).encode())
        for key, value in items
    )


def stored_of(snapshot: dict[str, Any]) -> dict[str, Any]:
    """What ``storage.stored()`` gives for ``snapshot``: every round with its
    schema 2 envelopes under ``saved``, and the search-scoped ones, each as
    the text ``localStorage`` holds (the page sends entries as text)."""

    def envelope(ws: str, round_id: str | None, entry: dict[str, Any]) -> str:
        data = {"schema": 2, "worksheet": ws, "round": round_id, **entry}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    return {
        "current": snapshot["current"],
        "rounds": [
            {
                **{k: v for k, v in item.items() if k != "worksheets"},
                "saved": {ws: envelope(ws, item["id"], e) for ws, e in item["worksheets"].items()},
            }
            for item in snapshot["rounds"]
        ],
        "search": {ws: envelope(ws, None, e) for ws, e in snapshot["worksheets"].items()},
    }


def export_requests(snapshot: dict[str, Any], index: dict) -> list[dict[str, Any]]:
    """The worker request that exports ``snapshot`` as JSON, as the workbook
    page sends it: one version 2 ``export_json`` with every round
    (``stored``), the round shown (``saved``, ``round``) and the time."""
    stored = stored_of(snapshot)
    current = next(r for r in stored["rounds"] if r["id"] == stored["current"])
    return [
        {
            "action": "export_json",
            "index": index,
            "saved": {**current["saved"], **stored["search"]},
            "stored": stored,
            "round": stored["current"],
            "today": TODAY,
            "now": f"{TODAY}T12:00:00.000Z",
        }
    ]


#: Runs in the workbook page: the page's own runtime module (the same module
#: instance the page uses), each request timed from the call to its answer.
CALL_JS = """async ([url, requests]) => {
  const runtime = await import(url);
  const started = performance.now();
  for (const request of requests) {
    const response = await runtime.call(request);
    if (!response?.ok) throw new Error(response?.error ?? "no response");
  }
  return performance.now() - started;
}"""


def measure_rounds(page: Page, base: str, index: dict, runs: int) -> dict[str, object]:
    """The rounds figures, on an open workbook page of the site at ``base``."""
    runtime_url = f"{base}{layout.PAGE_DIR}/runtime.js"

    def _timed(_page: Page, requests: list[dict[str, Any]]) -> float:
        return float(page.evaluate(CALL_JS, [runtime_url, requests]))

    # Boot the worker and compile the workbook layer once; not counted.
    _timed(page, [{"action": "progress", "index": index, "snapshot": make_snapshot(index, 1)}])
    progress: dict[int, list[float]] = {}
    export: dict[int, list[float]] = {}
    sizes: dict[int, int] = {}
    for count in ROUND_COUNTS:
        snapshot = make_snapshot(index, count)
        sizes[count] = saved_bytes(snapshot)
        request = {"action": "progress", "index": index, "snapshot": snapshot, "today": TODAY}
        samples = max(runs, P95_SAMPLES) if count == 100 else runs
        progress[count] = [_timed(page, [request]) for _ in range(samples)]
        export[count] = [_timed(page, export_requests(snapshot, index)) for _ in range(runs)]
    out: dict[str, object] = {}
    for count in ROUND_COUNTS:
        out[f"rounds_{count}_progress_ms"] = summary(progress[count], 1)
        out[f"rounds_{count}_export_ms"] = summary(export[count], 1)
        out[f"rounds_{count}_saved_bytes"] = sizes[count]
    out["rounds_100_progress_p95_ms"] = round(p95(progress[100]), 1)
    out["rounds_growth_10_to_100"] = round(
        statistics.median(progress[100]) / statistics.median(progress[10]), 2
    )
    out["rounds_export_growth_10_to_100"] = round(
        statistics.median(export[100]) / statistics.median(export[10]), 2
    )
    return out
