"""Saved entries reach Python as the text the page found in localStorage,
one entry each, so one bad entry cannot take the others down (issue #16).

Every test goes through browser_py.api.handle, as the worker does: the
request's JSON, then the workbook's actions, then each entry's own check.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bench.rounds import export_requests, make_snapshot
from browser_py import api
from browser_py.core import limits
from browser_py.core.storage import SavedDataError, parse_entry
from browser_py.workbook import exchange
from tests.helpers.browser_data import SAVED
from tests.helpers.rounds import file_worksheets
from tests.helpers.specs import real_index, real_specs

NOW = "2026-11-25T09:30:00.000Z"

#: 10 kB of nested lists: enough to overflow Pyodide's stack inside json.loads.
NESTED = "[" * 5000 + "]" * 5000


def as_text(saved: dict) -> dict[str, str]:
    """``{id: envelope}`` as the page sends it now: each entry its stored text."""
    return {
        ws: json.dumps({**entry, "schema": 2, "round": None if ws == "tracker" else "r0"})
        for ws, entry in saved.items()
    }


def stored(entries: dict[str, str]) -> dict:
    """``storage.stored()`` for one round holding ``entries`` (the tracker on top)."""
    return {
        "current": "r0",
        "rounds": [
            {
                "id": "r0",
                "label": "First round",
                "company": "",
                "role": "",
                "date": "",
                "created": "2026-11-20T18:00:00.000Z",
                "saved": {ws: text for ws, text in entries.items() if ws != "tracker"},
            }
        ],
        "search": {ws: text for ws, text in entries.items() if ws == "tracker"},
    }


def call(action: str, entries: dict[str, str], **extra: object) -> dict:
    request = {
        "action": action,
        "index": real_index(),
        "saved": entries,
        "stored": stored(entries),
        "round": "r0",
        "today": "2026-11-25",
        "now": NOW,
        **extra,
    }
    return json.loads(api.handle(json.dumps(request)))


def with_nested() -> dict[str, str]:
    entries = as_text(SAVED)
    entries["feelings"] = NESTED
    return entries


def test_text_entries_read_as_the_parsed_ones_did() -> None:
    as_objects = json.loads(
        api.handle(
            json.dumps({"action": "export_json", "index": real_index(), "saved": SAVED, "now": NOW})
        )
    )
    as_texts = call("export_json", as_text(SAVED))
    assert as_texts["ok"] and as_objects["ok"]
    assert file_worksheets(json.loads(as_texts["text"])) == file_worksheets(
        json.loads(as_objects["text"])
    )
    assert as_texts["notes"] == []


def test_a_nested_entry_is_reported_for_its_worksheet_and_the_others_still_work() -> None:
    entries = with_nested()
    overview = call("overview", entries)
    assert overview["ok"], overview
    assert any(
        note.startswith("\u201cFeelings check-in\u201d could not be read")
        and "5000 levels deep" in note
        for note in overview["notes"]
    ), overview["notes"]
    rows = {row["worksheet"]: row for row in overview["steps"]}
    assert rows["feelings"]["status"] == "empty"
    assert rows["feedback"]["answered"] > 0

    exported = call("export_json", entries)
    assert exported["ok"], exported
    sheets = file_worksheets(json.loads(exported["text"]))
    assert set(sheets) == {"feedback", "learning-plan", "tracker"}
    assert sheets["feedback"]["values"] == SAVED["feedback"]["values"]
    [note] = exported["notes"]
    assert note.startswith("In round 1 (First round): \u201cFeelings check-in\u201d was left out")

    markdown = call("export_markdown", entries)
    assert markdown["ok"], markdown
    assert "Acme, Inc." in markdown["text"]
    assert "## Left out" in markdown["text"]
    assert "5000 levels deep" in markdown["text"]

    calendar = call("calendar", entries)
    assert calendar["ok"] and calendar["events"] >= 1

    progress = call("progress", entries, snapshot={"current": "r0", "rounds": [], "worksheets": {}})
    assert progress["ok"]


def test_a_nested_entry_does_not_stop_an_import() -> None:
    file_text = exchange.export_json(SAVED, real_specs())
    plan = call("plan_import", with_nested(), file=file_text)
    assert plan["ok"], plan
    feelings = next(change for change in plan["changes"] if change["worksheet"] == "feelings")
    assert feelings["replaces"] is True  # the unreadable entry counts as answers


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (NESTED, "5000 levels deep"),
        ("{broken", "not valid JSON"),
        ('"just text"', "is text, not an object"),
        ("[" + ",".join(["1"] * 200_000) + "]", "more than 100000 values"),
        ('{"x": "' + "y" * 2_100_000 + '"}', "far larger than the guide ever writes"),
    ],
)
def test_a_bad_entry_text_gets_a_sentence(text: str, fragment: str) -> None:
    from browser_py.core.storage import migrate

    with pytest.raises(SavedDataError) as caught:
        migrate(text, "feelings")
    assert fragment in caught.value.message
    assert len(caught.value.message) < 300


def test_parse_entry_reads_a_good_entry() -> None:
    assert parse_entry('{"schema": 2, "values": {}}') == {"schema": 2, "values": {}}


def test_a_request_too_deep_or_too_big_is_refused_unread() -> None:
    deep = json.dumps({"action": "overview", "index": real_index(), "saved": {}})
    deep = deep[:-1] + ', "x": ' + NESTED + "}"
    response = json.loads(api.handle(deep))
    assert response["ok"] is False
    assert "nests its data too deeply" in response["error"]
    big = " " * (api.MAX_REQUEST_BYTES + 1)
    assert "larger than" in json.loads(api.handle(big))["error"]


# -- limits ------------------------------------------------------------------------------


def test_one_import_limit_everywhere() -> None:
    assert exchange.MAX_IMPORT_BYTES == limits.MAX_IMPORT_BYTES
    assert exchange.IMPORT_LIMITS.max_bytes == limits.MAX_IMPORT_BYTES
    # A request must carry the largest file beside the stored answers.
    assert api.MAX_REQUEST_BYTES > limits.MAX_IMPORT_BYTES + 4 * limits.STORAGE_CHARS
    message = exchange.too_large(limits.MAX_IMPORT_BYTES + 1)
    assert "up to 10 MB" in message


def test_a_100_round_export_imports_back() -> None:
    index = real_index()
    snapshot = make_snapshot(index, 100)
    request = export_requests(snapshot, index)[0]
    exported = json.loads(api.handle(json.dumps(request)))
    assert exported["ok"], exported.get("error")
    assert exported["rounds"] == 100
    text = exported["text"]
    assert len(text.encode()) > 800_000  # about 0.9 MB: the size the limit must admit
    plan = json.loads(
        api.handle(
            json.dumps(
                {
                    "action": "plan_import",
                    "index": index,
                    "saved": {},
                    "file": text,
                    "now": NOW,
                }
            )
        )
    )
    assert plan["ok"], plan.get("error")
    assert len(plan["rounds"]) == 100
    assert {r["id"]: r["worksheets"] for r in plan["data"]["rounds"]} == {
        r["id"]: {
            ws: {**entry, "schema": 2, "worksheet": ws, "round": r["id"]}
            for ws, entry in r["worksheets"].items()
        }
        for r in json.loads(text)["rounds"]
    }


def test_the_import_preview_is_short_and_names_the_fields() -> None:
    values = {
        "need": "z" * 300,
        "emotions": ["sad"],
        "intensity": "4",
    }
    document = exchange.export_document(
        {"feelings": {**SAVED["feelings"], "values": values}},
        real_specs(),
        datetime(2026, 11, 25, tzinfo=UTC),
    )
    plan = exchange.plan_import(json.dumps(document), {}, real_specs())
    [change] = plan["changes"]
    assert [item["label"] for item in change["preview"]] == [
        "What are you feeling?",
        "Right now, how strong is the feeling?",
        "What would help you today?",
    ]
    assert change["preview"][2]["text"] == "z" * 59 + "\u2026"


# -- echoes ------------------------------------------------------------------------------

LONG = "w" * 600_000


@pytest.mark.parametrize(
    "file_text",
    [
        # A worksheet id this guide lacks (the refusal lists them).
        json.dumps(
            {
                "format": "rebound-workbook",
                "version": 1,
                "exported_at": "2026-11-20T18:00:00Z",
                "worksheets": {LONG: {"saved_at": "2026-11-20T18:00:00Z", "values": {}}},
            }
        ),
        # Another format, a key given twice, a bad time, a bad round id.
        json.dumps({"format": LONG}),
        '{"format": "rebound-workbook", "' + LONG + '": 1, "' + LONG + '": 2}',
        json.dumps({"format": "rebound-workbook", "version": 1, "exported_at": LONG}),
        json.dumps(
            {
                "format": "rebound-workbook",
                "version": 2,
                "exported_at": "2026-11-20T18:00:00Z",
                "rounds": [{"id": LONG}],
            }
        ),
    ],
)
def test_an_import_refusal_never_echoes_a_whole_value(file_text: str) -> None:
    plan = call("plan_import", as_text(SAVED), file=file_text)
    assert plan["ok"] is False
    assert "w" * 40 not in plan["error"]
    assert len(plan["error"]) < 400, plan["error"]


def test_a_saved_entry_note_never_echoes_a_whole_value() -> None:
    entries = as_text(SAVED)
    entries["feelings"] = json.dumps({"schema": 2, "worksheet": LONG, "values": {}})
    overview = call("overview", entries)
    note = next(n for n in overview["notes"] if "Feelings" in n)
    assert "w" * 40 not in note and len(note) < 300
