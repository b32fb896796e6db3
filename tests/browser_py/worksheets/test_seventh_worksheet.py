"""A seventh worksheet is one spec plus one module in ``browser_py.worksheets``.

Nothing else in ``browser_py`` names the worksheets: the registry finds a
module by the worksheet's id, and the workbook's features (overview, export
and import, calendar) take the worksheets from the site's manifest. These
tests add a module that is not in the package's folder at all (a folder of
the test's own, put on the package's search path, which is where Python
looks for a package's modules) and drive every feature with it. The
Chromium test of the same through a built site lives with the site tests.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import browser_py.worksheets
from browser_py import api, worksheets
from browser_py.core.manifest import steps_from_index
from browser_py.core.spec import parse_worksheet
from tests.helpers.rounds import file_worksheets, plan_worksheets
from tests.helpers.specs import envelope, real_index

TODAY = "2026-11-17"

#: The fence's body on the new page, read with the build's own parser.
FENCE = """
id: small-wins
title: Small wins
fields:
  - id: win
    label: One thing that went well
    kind: text
    required: true
  - id: celebrate_on
    label: When to celebrate it
    kind: date
"""
SPEC = parse_worksheet(yaml.safe_load(FENCE)).to_dict()

#: The worksheet's logic: one module, named after the id (``-`` becomes ``_``).
MODULE = '''
"""Small wins: one thing that went well, and a day to celebrate it."""

from browser_py.core import blocks
from browser_py.core.blocks import Outcome

NEEDED = ("win", "celebrate_on")

#: Reads the reflection's shared ranking, as the learning plan does.
CONTEXT = ("reflection",)


def compute(answers, context, today):
    missing = [field for field in NEEDED if not answers.values.get(field)]
    win = answers.text("win")
    out = [blocks.heading("Your win")]
    out.append(blocks.stats([("Win", win or "not yet")]))
    ranked = (context.get("reflection") or {}).get("ranked", [])
    if ranked:
        out.append(blocks.paragraph(f"Next, work on {ranked[0]}."))
    day = answers.day("celebrate_on")
    events = []
    if day is not None and win:
        events.append(
            {"kind": "celebrate", "date": day.isoformat(), "title": f"Celebrate: {win}",
             "details": "Do something kind for yourself."}
        )
    return Outcome(out, missing, events=events)
'''


@pytest.fixture
def seventh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    """The module in a folder of its own on the package's path, and the
    site's manifest with the new page last in the nav."""
    (tmp_path / "small_wins.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.setattr(
        browser_py.worksheets, "__path__", [*browser_py.worksheets.__path__, str(tmp_path)]
    )
    index = real_index()
    entry = {"step": 7, "page": "small-wins/", "page_title": "7. Small wins", "spec": SPEC}
    yield {**index, "worksheets": [*index["worksheets"], entry]}
    sys.modules.pop("browser_py.worksheets.small_wins", None)


SAVED = {
    "small-wins": envelope(
        "small-wins", {"win": "Finished the course", "celebrate_on": "2026-11-20"}
    ),
    "reflection": envelope("reflection", {"stories": "1", "research": "4"}),
}


def call(action: str, index: dict, **fields: object) -> dict:
    request = {"action": action, "index": index, "saved": SAVED, "today": TODAY, **fields}
    return json.loads(api.handle(json.dumps(request)))


def test_the_registry_finds_the_new_module_by_its_id(seventh: dict) -> None:
    assert "small-wins" in worksheets.known_ids()
    module = worksheets.module_for("small-wins")
    assert module is not None and module.__name__ == "browser_py.worksheets.small_wins"
    assert worksheets.context_ids("small-wins") == ("reflection",)


def test_compute_answers_for_it_with_its_context(seventh: dict) -> None:
    request = {
        "action": "compute",
        "worksheet": "small-wins",
        "spec": SPEC,
        "values": {"win": "Finished the course"},
        "context": {"reflection": SAVED["reflection"]["values"]},
        "index": seventh,
        "today": TODAY,
    }
    response = json.loads(api.handle(json.dumps(request)))
    assert response["ok"] is True, response
    assert response["missing"] == ["celebrate_on"] and response["complete"] is False
    texts = [block.get("text") for block in response["blocks"]]
    assert "Next, work on stories." in texts  # the reflection's ranking, from its own spec


def test_the_overview_lists_it_as_step_seven(seventh: dict) -> None:
    assert [step.number for step in steps_from_index(seventh)] == [1, 2, 3, 4, 5, 6, 7]
    result = call("overview", seventh)
    row = result["steps"][-1]
    assert (row["number"], row["worksheet"], row["page"]) == (7, "small-wins", "small-wins/")
    assert (row["answered"], row["total"], row["status"]) == (2, 2, "complete")
    assert row["summary"][0] == "Win: Finished the course"


def test_export_and_import_carry_it(seventh: dict) -> None:
    exported = call("export_json", seventh, now="2026-11-25T09:30:00Z")
    document = json.loads(exported["text"])
    assert file_worksheets(document)["small-wins"]["values"] == SAVED["small-wins"]["values"]
    plan = call("plan_import", seventh, file=exported["text"], saved={})
    assert plan["ok"] is True, plan
    assert plan_worksheets(plan)["small-wins"]["values"] == SAVED["small-wins"]["values"]
    markdown = call("export_markdown", seventh, now="2026-11-25T09:30:00Z")["text"]
    assert "Small wins" in markdown and "Finished the course" in markdown


def test_the_calendar_holds_its_event(seventh: dict) -> None:
    result = call("calendar", seventh)
    ics = result["ics"].replace("\r\n ", "")
    assert "SUMMARY:Celebrate: Finished the course" in ics
    assert "DTSTART;VALUE=DATE:20261120" in ics
    assert "From step 7 of the Rebound guide: Small wins." in ics


def test_without_its_module_it_is_an_unknown_worksheet() -> None:
    assert worksheets.module_for("small-wins") is None
    request = {"action": "compute", "worksheet": "small-wins", "spec": SPEC, "values": {}}
    response = json.loads(api.handle(json.dumps(request)))
    assert response["ok"] is False
    assert response["error"].startswith(
        "unknown worksheet \u201csmall-wins\u201d; known worksheets: "
    )


def test_a_schema_1_manifest_is_read_in_the_order_listed() -> None:
    index = real_index()
    old = {
        "schema": 1,
        "worksheets": [
            {key: value for key, value in item.items() if key != "step"}
            for item in reversed(index["worksheets"])
        ],
    }
    steps = steps_from_index(old)
    assert steps[0].worksheet.id == "tracker"
    assert [step.number for step in steps] == [1, 2, 3, 4, 5, 6]


def test_a_second_worksheet_on_a_page_is_named_by_its_own_title(seventh: dict) -> None:
    """On the page of step 6, "6. Keep going" names step 6, not step 7."""
    index = real_index()
    tracker = index["worksheets"][-1]
    entry = {"step": 7, "page": tracker["page"], "page_title": tracker["page_title"], "spec": SPEC}
    steps = steps_from_index({**index, "worksheets": [*index["worksheets"], entry]})
    assert [step.name for step in steps[-2:]] == ["Keep going", "Small wins"]
    ics = call("calendar", {**index, "worksheets": [*index["worksheets"], entry]})["ics"]
    assert "From step 7 of the Rebound guide: Small wins." in ics.replace("\r\n ", "")
