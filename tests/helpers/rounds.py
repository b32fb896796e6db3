"""Reading the rounds of an export file (version 2) and of an import plan
as one flat ``{worksheet id: entry}``, for tests whose data is one round."""

from __future__ import annotations

import json
from typing import Any


def file_worksheets(document: dict[str, Any]) -> dict[str, Any]:
    """Every worksheet of an export file, rounds and shared ones together
    (a worksheet in two rounds: the later round's)."""
    out: dict[str, Any] = {}
    for item in document.get("rounds", []):
        out.update(item.get("worksheets", {}))
    out.update(document.get("worksheets", {}))
    return out


def plan_worksheets(plan: dict[str, Any]) -> dict[str, Any]:
    """Every envelope an import plan would write, as ``{worksheet id: envelope}``."""
    return file_worksheets(plan["data"])


#: Saved data from before rounds, migrated to schema 2 by storage.js and by
#: browser_py.core.storage.migrate_storage alike (the tests run both on each).
MIGRATION_EXAMPLES: dict[str, dict[str, str]] = {
    "version 1, a round and the tracker": {
        "rebound:v1:feelings": json.dumps(
            {
                "schema": 1,
                "worksheet": "feelings",
                "saved_at": "2026-11-21T10:00:00.000Z",
                "values": {"intensity": "7", "need": "Rest", "gone_field": "kept"},
            }
        ),
        "rebound:v1:feedback": json.dumps(
            {
                "schema": 1,
                "worksheet": "feedback",
                "saved_at": "2026-11-20T09:00:00.000Z",
                "values": {"company": "Acme"},
            }
        ),
        "rebound:v1:tracker": json.dumps(
            {
                "schema": 1,
                "worksheet": "tracker",
                "saved_at": "2026-11-19T08:00:00.000Z",
                "values": {"applications.0.company": "Globex"},
            }
        ),
        "/.__palette": '{"index":0}',
    },
    "version 0 beside version 1, and an unreadable entry": {
        "rebound:feelings": json.dumps(
            {"version": 0, "updated": "2026-10-02T09:30:00Z", "answers": {"intensity": 4}}
        ),
        "rebound:reflection": json.dumps(
            {"version": 0, "updated": "2026-10-03T09:30:00Z", "answers": {"went_well": "A"}}
        ),
        "rebound:v1:feelings": json.dumps(
            {
                "schema": 1,
                "worksheet": "feelings",
                "saved_at": "2026-11-21T10:00:00.000Z",
                "values": {"intensity": "7"},
            }
        ),
        "rebound:v1:feedback": '{"schema":1,"worksheet":"feedback","values":{"company":"Ac',
    },
    "only the tracker": {
        "rebound:v1:tracker": json.dumps(
            {
                "schema": 1,
                "worksheet": "tracker",
                "saved_at": "2026-11-19T08:00:00.000Z",
                "values": {"weekly_target": "3"},
            }
        ),
    },
}


def without_times(items: dict[str, str]) -> dict[str, object]:
    """``localStorage`` with kept-aside keys' times cut off and JSON values
    parsed, so two migrations made at different moments compare equal."""
    out: dict[str, object] = {}
    for key, text in items.items():
        if key.startswith("rebound:corrupt:"):
            key = key.rsplit(":", 3)[0]  # the time holds ":" too: cut at the hour
        try:
            out[key] = json.loads(text)
        except ValueError:
            out[key] = text
    return out
