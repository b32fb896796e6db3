"""Helpers shared by the workbook and storage browser tests."""

from __future__ import annotations

import json
import time
from contextlib import nullcontext
from pathlib import Path

from playwright.sync_api import Page

from browser_py import api
from browser_py.core import i18n
from browser_py.core.storage import INDEX_KEY, key_for, parse_key
from rebound_mkdocs.utilities import layout
from tests.helpers.specs import real_specs
from tests.helpers.translated import speaking
from tests.helpers.worksheet_pages import settle

#: A cold Pyodide boot takes a few seconds; a busy two-core machine, more.
BOOT_MS = 120_000

WORKBOOK = "[data-rebound-workbook]"

SAVED = {
    "feelings": {
        "schema": 1,
        "worksheet": "feelings",
        "saved_at": "2026-11-20T18:00:00.000Z",
        "values": {
            "emotions": ["sad", "tired"],
            "intensity": "7",
            "need": "A walk & <b>sleep</b>",
            "checkin_date": "2026-11-27",
        },
    },
    "feedback": {
        "schema": 1,
        "worksheet": "feedback",
        "saved_at": "2026-11-21T09:15:00.000Z",
        "values": {
            "company": "Acme, Inc.",
            "role": "Analyst",
            "decision_date": "2026-11-24",
            "learn": ["skills"],
        },
    },
    "learning-plan": {
        "schema": 1,
        "worksheet": "learning-plan",
        "saved_at": "2026-11-22T10:00:00.000Z",
        "values": {
            "focus": ["stories"],
            "hours": "2",
            "start": "2026-11-30",
            "weeks": "2",
            "methods": ["mock"],
        },
    },
    "tracker": {
        "schema": 1,
        "worksheet": "tracker",
        "saved_at": "2026-11-23T12:00:00.000Z",
        "values": {"applications.0.company": "Globex", "applications.0.stage": "interview"},
    },
}


def storage_key(worksheet: str, round_id: str = "r0") -> str:
    """The schema 2 key of ``worksheet``'s answers in ``round_id`` (the
    search-scoped entry for a search-scoped worksheet)."""
    spec = real_specs().get(worksheet)
    return key_for(worksheet, None if spec is not None and spec.scope == "search" else round_id)


def first_round(round_id: str = "r0") -> dict[str, str]:
    """The index entry of the one round :func:`as_items` seeds."""
    return {
        "id": round_id,
        "label": "First round",
        "company": "",
        "role": "",
        "date": "",
        "created": "2026-11-20T18:00:00.000Z",
    }


def as_items(saved: dict, round_id: str = "r0") -> dict[str, str]:
    """``{worksheet id: envelope}`` as schema 2 ``localStorage`` items in one
    round (``round_id``, "First round"), with its index."""
    items = {}
    for worksheet, envelope in saved.items():
        key = storage_key(worksheet, round_id)
        owner = parse_key(key)[0] if parse_key(key) else round_id
        value = (
            {**envelope, "schema": 2, "round": owner} if isinstance(envelope, dict) else envelope
        )
        items[key] = value if isinstance(value, str) else json.dumps(value)
    items[INDEX_KEY] = json.dumps(
        {
            "schema": 2,
            "current": round_id,
            "rounds": [first_round(round_id)],
        }
    )
    return items


#: JavaScript giving ``{worksheet id: raw text}`` of the current round's
#: entries and the search-scoped ones (schema 2 keys).
ENTRIES_JS = (
    "(() => { const idx = JSON.parse(localStorage.getItem('rebound:v2:rounds') || 'null');"
    " const round = idx ? idx.current : 'r0';"
    " return Object.fromEntries(Object.keys(localStorage)"
    ".filter((k) => k.startsWith(`rebound:v2:${round}:`) || k.startsWith('rebound:v2:search:'))"
    ".map((k) => [k.split(':')[3], localStorage.getItem(k)])); })()"
)


def seed(page: Page, url: str, saved: dict, extra: dict[str, str] | None = None) -> None:
    """Open ``url`` with exactly ``saved`` (in round r0, and ``extra`` raw keys) in storage."""
    page.goto(url)
    settle(page)
    page.evaluate(
        "(items) => { localStorage.clear(); sessionStorage.clear();"
        " for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }",
        {**as_items(saved), **(extra or {})},
    )
    page.reload()


def stored(page: Page) -> dict[str, str]:
    """Every localStorage key of the guide, with its raw text."""
    return page.evaluate(
        "Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('rebound:'))"
        ".map((k) => [k, localStorage.getItem(k)]))"
    )


def saved_entries(page: Page, round_id: str | None = None) -> dict[str, dict]:
    """The entries of ``round_id`` (default: the current round) and the
    search-scoped ones, as ``{worksheet id: envelope}``."""
    items = stored(page)
    if round_id is None:
        index = json.loads(items.get(INDEX_KEY, "null") or "null")
        round_id = index["current"] if index else "r0"
    out = {}
    for key, text in items.items():
        parsed = parse_key(key)
        if parsed and parsed[0] in (None, round_id):
            out[parsed[1]] = json.loads(text)
    return out


def wait_ready(page: Page, updates: int = 1) -> None:
    """The workbook shows (at least) its ``updates``-th overview."""
    page.wait_for_selector(f"{WORKBOOK}[data-state=ready]", state="attached", timeout=BOOT_MS)
    deadline = time.monotonic() + BOOT_MS / 1000
    while int(page.locator(WORKBOOK).get_attribute("data-updates") or 0) < updates:
        assert time.monotonic() < deadline, "the overview was not refreshed"
        page.wait_for_timeout(100)


def browser_today(page: Page) -> str:
    return page.evaluate(
        "(() => { const d = new Date(), p = (n) => String(n).padStart(2, '0');"
        " return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; })()"
    )


def python_result(page: Page, worksheet: str, spec: object, values: dict, saved: dict) -> dict:
    """What CPython's browser_py computes for the request the page makes: the
    same spec, values, other worksheets' saved answers (``saved``) and date."""
    context = {other: answers for other, answers in saved.items() if other != worksheet}
    lang = page.evaluate("document.documentElement.lang")
    request = {
        "action": "compute",
        "worksheet": worksheet,
        "spec": spec,
        "values": values,
        "context": context,
        "today": browser_today(page),
        # As runtime.js sends it: the answer comes in the page's language.
        "language": lang,
    }
    with speaking(i18n.code(lang)) if i18n.code(lang) != i18n.SOURCE_LANGUAGE else nullcontext():
        response = json.loads(api.handle(json.dumps(request)))
    assert response["ok"] is True, response
    return response


def site_index(site: Path) -> dict:
    return json.loads((site / layout.MANIFEST).read_text(encoding="utf-8"))


def snapshot_of(saved: dict, round_id: str = "r0") -> dict:
    """What ``storage.snapshot()`` gives after :func:`as_items` seeded
    ``saved``: one round (``round_id``, "First round"), the search-scoped
    worksheets on top, unreadable entries left out."""
    specs = real_specs()
    pick = {
        ws: {"saved_at": entry["saved_at"], "values": entry["values"]}
        for ws, entry in saved.items()
        if isinstance(entry, dict) and isinstance(entry.get("values"), dict)
    }
    search = {ws for ws in pick if ws in specs and specs[ws].scope == "search"}
    return {
        "current": round_id,
        "rounds": [
            {
                **first_round(round_id),
                "worksheets": {ws: e for ws, e in pick.items() if ws not in search},
            }
        ],
        "worksheets": {ws: e for ws, e in pick.items() if ws in search},
    }


#: Reads a rendered result region back as data: each table's caption, head
#: and rows, and each chart's role and accessible name (title + desc).
RENDERED_JS = """(root) => JSON.stringify({
  tables: [...root.querySelectorAll("table")].map((t) => ({
    caption: t.caption.textContent,
    head: [...t.tHead.rows[0].cells].map((c) => [c.localName, c.scope, c.textContent]),
    rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
    rowHeaders: [...t.tBodies[0].rows].map((r) => r.cells[0].localName + ":" + r.cells[0].scope),
    region: [t.parentElement.getAttribute("role"), t.parentElement.tabIndex,
             t.parentElement.getAttribute("aria-label")],
  })),
  charts: [...root.querySelectorAll("svg")].map((s) => ({
    role: s.getAttribute("role"),
    name: s.getAttribute("aria-labelledby").split(" ").map((id) =>
      s.ownerDocument.getElementById(id).textContent),
  })),
  tags: [...new Set([...root.querySelectorAll("*")].map((el) => el.localName))],
})"""
