"""The workbook overview (browser_py.workbook.overview) and the workbook actions as
the browser calls them through browser_py.api.handle."""

from __future__ import annotations

import json
from datetime import date

import pytest

from browser_py.api import ACTIONS, handle
from browser_py.core.blocks import Outcome, notice, paragraph, stats
from browser_py.core.manifest import steps_from_index
from browser_py.workbook.overview import build_overview, summary_lines
from tests.helpers.rounds import plan_worksheets
from tests.helpers.specs import envelope, real_index, real_specs

TODAY = date(2026, 11, 25)

SAVED = {
    "feelings": envelope(
        "feelings", {"emotions": ["sad"], "intensity": "7", "checkin_date": "2026-11-27"}
    ),
    "reflection": envelope("reflection", {"research": "2", "stories": "1"}),
    "tracker": envelope(
        "tracker", {"applications.0.company": "Acme", "applications.0.stage": "interview"}
    ),
    "resilience": {
        "version": 0,
        "answers": {"thought": "I never get it right", "belief_before": 9},
    },
    "feedback": "{not json",
}


def call(action: str, **fields: object) -> dict:
    request = {
        "action": action,
        "index": real_index(),
        "saved": SAVED,
        "today": TODAY.isoformat(),
        **fields,
    }
    return json.loads(handle(json.dumps(request)))


def test_steps_follow_the_step_numbers_not_the_index_order() -> None:
    index = real_index()
    shuffled = {**index, "worksheets": list(reversed(index["worksheets"]))}
    steps = steps_from_index(shuffled)
    assert [step.worksheet.id for step in steps] == [
        "feelings",
        "feedback",
        "reflection",
        "resilience",
        "learning-plan",
        "tracker",
    ]
    assert [step.number for step in steps] == [1, 2, 3, 4, 5, 6]
    assert steps[0].page == "feel-it/"


@pytest.mark.parametrize(
    "index",
    [
        None,
        {"worksheets": "x"},
        {"worksheets": [{"page": "a"}]},
        {"worksheets": [{"spec": {"id": "Bad"}}]},
    ],
)
def test_a_broken_index_is_refused(index: object) -> None:
    with pytest.raises(ValueError):
        steps_from_index(index)


def test_progress_counts_answered_questions_per_step() -> None:
    result = build_overview(SAVED, steps_from_index(real_index()), TODAY)
    rows = {row["worksheet"]: row for row in result["steps"]}
    # The total is the worksheet's number of top-level questions (a list counts once).
    fields = {worksheet_id: len(spec.fields) for worksheet_id, spec in real_specs().items()}
    assert fields["feelings"] == 6 and fields["reflection"] == 12
    assert (rows["feelings"]["answered"], rows["feelings"]["total"]) == (3, fields["feelings"])
    assert (rows["reflection"]["answered"], rows["reflection"]["total"]) == (2, 12)
    assert (rows["tracker"]["answered"], rows["tracker"]["total"]) == (1, fields["tracker"])
    assert rows["resilience"]["answered"] == 2  # migrated from version 0
    assert rows["feedback"]["answered"] == 0 and rows["feedback"]["status"] == "empty"
    assert rows["learning-plan"]["status"] == "empty" and rows["learning-plan"]["summary"] == []
    assert rows["feelings"]["page"] == "feel-it/" and rows["feelings"]["number"] == 1
    assert rows["feelings"]["saved_at"] == "2026-11-20T18:00:00.000Z"
    assert result["started"] == 4
    assert result["answered"] == 3 + 2 + 1 + 2
    assert result["total"] == sum(fields.values())
    # The unreadable feedback entry is reported, not hidden.
    assert any("Feedback request" in note for note in result["notes"])


def test_status_and_summary_come_from_the_worksheets_own_results() -> None:
    rows = {row["worksheet"]: row for row in call("overview")["steps"]}
    feelings = rows["feelings"]
    assert feelings["status"] == "complete"  # its own compute needs only these three
    assert feelings["summary"][0] == "Strength right now: 7 of 10"
    assert feelings["summary"][1] == "You named 1 feeling: Sad."
    resilience = rows["resilience"]
    assert resilience["status"] == "started"
    assert any("9 of 10" in line for line in resilience["summary"])
    tracker = rows["tracker"]
    assert tracker["summary"][0].startswith("Applications: 1")


def test_summary_prefers_the_worksheets_own_choice_then_the_documented_order() -> None:
    assert summary_lines(Outcome([paragraph("Ignored.")], [], {"summary": ["Mine.", ""]})) == [
        "Mine."
    ]
    blocks = [
        stats([("A", "1")]),
        paragraph("First sentence. Second."),
        notice("Well done. More.", "success"),
    ]
    assert summary_lines(Outcome(blocks, [])) == ["A: 1", "Well done."]
    assert summary_lines(Outcome([stats([("A", "1")]), stats([("B", "2")])], [])) == [
        "A: 1",
        "B: 2",
    ]
    assert summary_lines(Outcome([paragraph("x " * 300)], []))[0].endswith("\u2026")


def test_every_workbook_action_is_registered() -> None:
    assert {"overview", "export_json", "export_markdown", "plan_import", "calendar"} <= set(ACTIONS)


def test_export_actions_give_a_file_name_and_text() -> None:
    exported = call("export_json", now="2026-11-25T10:00:00Z")
    assert exported["ok"] and exported["filename"] == "rebound-answers-2026-11-25.json"
    assert exported["worksheets"] == 4
    markdown = call("export_markdown", now="2026-11-25T10:00:00Z")
    assert markdown["ok"] and markdown["filename"].endswith(".md")
    assert "> Strength right now: 7 of 10" in markdown["text"]
    assert "## Thought record" in markdown["text"]


def test_plan_import_through_the_api_round_trips() -> None:
    exported = call("export_json", now="2026-11-25T10:00:00Z")["text"]
    planned = call("plan_import", file=exported, saved={})
    assert planned["ok"], planned
    assert set(plan_worksheets(planned)) == {"feelings", "reflection", "resilience", "tracker"}
    assert plan_worksheets(planned)["resilience"]["values"] == {
        "thought": "I never get it right",
        "belief_before": "9",
    }


def test_calendar_action_returns_an_ics_file() -> None:
    result = call("calendar")
    assert result["ok"] and result["events"] == 1
    assert result["ics"].startswith("BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"index": None}, "worksheet index is invalid"),
        ({"saved": []}, "'saved' must be an object"),
        ({"today": "25/11/2026"}, "'today' must be a date"),
        ({"now": "noon"}, "'now' must be an ISO 8601"),
    ],
)
def test_malformed_workbook_requests_get_a_message(fields: dict, expected: str) -> None:
    action = "export_json" if "now" in fields else "overview"
    response = call(action, **fields)
    assert response["ok"] is False and expected in response["error"]


def test_plan_import_needs_the_file_text() -> None:
    response = call("plan_import", file=None)
    assert response == {"ok": False, "error": "'file' must be the text of the chosen file"}
