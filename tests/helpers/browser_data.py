"""Helpers shared by the workbook and storage browser tests."""

from __future__ import annotations

import json
import time
from pathlib import Path

from playwright.sync_api import Page

from browser_py import api
from rebound_mkdocs.utilities import layout

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


def seed(page: Page, url: str, saved: dict, extra: dict[str, str] | None = None) -> None:
    """Open ``url`` with exactly ``saved`` (and ``extra`` raw keys) in storage."""
    page.goto(url)
    page.evaluate(
        "([entries, extra]) => { localStorage.clear();"
        " for (const [id, e] of Object.entries(entries))"
        "   localStorage.setItem('rebound:v1:' + id, JSON.stringify(e));"
        " for (const [k, v] of Object.entries(extra)) localStorage.setItem(k, v); }",
        [saved, extra or {}],
    )
    page.reload()


def stored(page: Page) -> dict[str, str]:
    """Every localStorage key of the guide, with its raw text."""
    return page.evaluate(
        "Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('rebound:'))"
        ".map((k) => [k, localStorage.getItem(k)]))"
    )


def saved_entries(page: Page) -> dict[str, dict]:
    return {
        key.removeprefix("rebound:v1:"): json.loads(text)
        for key, text in stored(page).items()
        if key.startswith("rebound:v1:")
    }


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
    request = {
        "action": "compute",
        "worksheet": worksheet,
        "spec": spec,
        "values": values,
        "context": context,
        "today": browser_today(page),
    }
    response = json.loads(api.handle(json.dumps(request)))
    assert response["ok"] is True, response
    return response


def site_index(site: Path) -> dict:
    return json.loads((site / layout.MANIFEST).read_text(encoding="utf-8"))


#: The worksheets the rounds stand-in (page/rounds.js) keeps for the whole search.
SEARCH_SCOPED = ("tracker",)


def adapter_snapshot(saved: dict) -> dict:
    """What the rounds snapshot (page/rounds.js) gives for version 1 entries ``saved``
    (the stand-in until the rounds core lands): one round, r0, created at the
    earliest saved_at, with the search-scoped worksheets on top."""
    times = sorted(entry["saved_at"] for entry in saved.values())
    pick = {
        ws: {"saved_at": entry["saved_at"], "values": entry["values"]}
        for ws, entry in saved.items()
    }
    return {
        "current": "r0",
        "rounds": [
            {
                "id": "r0",
                "label": "First round",
                "company": "",
                "role": "",
                "date": "",
                "created": times[0] if times else "",
                "worksheets": {ws: e for ws, e in pick.items() if ws not in SEARCH_SCOPED},
            }
        ],
        "worksheets": {ws: e for ws, e in pick.items() if ws in SEARCH_SCOPED},
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
