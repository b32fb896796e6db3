"""Answers saved and exported before rounds load with nothing lost.

The files in ``tests/fixtures/v1/`` (the first release) and
``tests/fixtures/v1-2eac259/`` (the last commit before rounds) were made by
that site's own UI (see their READMEs) and are never edited. Every spec
change must keep these tests passing: each stored value comes back under the
same name (or under the new name of a renamed field), and a value whose field
has gone is kept, not dropped. Export files from before rounds import as
round ``r0`` plus the shared (search-scoped) worksheets.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from browser_py.core.storage import read_entry
from browser_py.workbook.exchange import (
    escape_markdown_line,
    export_json,
    export_markdown,
    plan_import,
)
from tests.helpers.rounds import file_worksheets, plan_worksheets
from tests.helpers.specs import real_specs

ROOT = Path(__file__).resolve().parents[2] / "fixtures"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["v1", "v1-2eac259"], autouse=True)
def fixtures(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs on both fixture sets."""
    monkeypatch.setattr(f"{__name__}.FIXTURES", ROOT / request.param)
    return ROOT / request.param


FIXTURES = ROOT / "v1"


def _stored() -> dict[str, dict]:
    raw = json.loads((FIXTURES / "localstorage.json").read_text(encoding="utf-8"))
    return {
        key.removeprefix("rebound:v1:"): json.loads(text)
        for key, text in raw.items()
        if key.startswith("rebound:v1:")
    }


def _export() -> dict:
    return json.loads((FIXTURES / "export.json").read_text(encoding="utf-8"))


def _everything(values: dict) -> dict:
    """Known and kept-aside values together: what must survive."""
    return {**values.get("values", {}), **values.get("retired", {})}


def test_the_fixtures_cover_all_six_worksheets() -> None:
    assert set(_stored()) == set(real_specs())
    assert _export()["version"] == 1
    assert set(_export()["worksheets"]) == set(real_specs())


@pytest.mark.parametrize("worksheet_id", list(real_specs()))
def test_every_stored_value_comes_back_from_local_storage(worksheet_id: str) -> None:
    entry = _stored()[worksheet_id]
    envelope, notes = read_entry(entry, real_specs()[worksheet_id], now=NOW)
    assert notes == []
    assert envelope["saved_at"] == entry["saved_at"]
    assert _everything(envelope) == entry["values"]


def test_the_export_file_imports_every_value() -> None:
    document = _export()
    plan = plan_import(
        (FIXTURES / "export.json").read_text(encoding="utf-8"), {}, real_specs(), now=NOW
    )
    assert plan["ok"], plan
    assert plan["warnings"] == []
    # Round r0 for the round-scoped worksheets, the tracker shared.
    assert [(r["id"], r["new"]) for r in plan["rounds"]] == [("r0", True)]
    assert list(plan["data"]["worksheets"]) == ["tracker"]
    assert set(plan_worksheets(plan)) == set(document["worksheets"])
    for worksheet_id, entry in document["worksheets"].items():
        envelope = plan_worksheets(plan)[worksheet_id]
        assert envelope["saved_at"] == entry["saved_at"]
        assert envelope["round"] == (None if worksheet_id == "tracker" else "r0")
        assert _everything(envelope) == entry["values"], worksheet_id


def test_exporting_the_stored_answers_again_keeps_every_value() -> None:
    again = file_worksheets(json.loads(export_json(_stored(), real_specs(), now=NOW)))
    for worksheet_id, entry in _export()["worksheets"].items():
        assert _everything(again[worksheet_id]) == entry["values"], worksheet_id


def test_the_markdown_export_still_shows_every_text_answer() -> None:
    markdown = export_markdown(_stored(), real_specs(), now=NOW)
    for entry in _stored().values():
        for name in entry["values"]:
            if isinstance(entry["values"][name], str) and "«" in entry["values"][name]:
                # Each text answer quotes its own control name: "Café «NAME» ...".
                assert f"«{escape_markdown_line(name)}»" in markdown, name


def _changed_specs() -> dict:
    """The real specs with one field renamed (feelings: need -> today, was: need)
    and one removed (reflection: feedback_notes), as a later edition might."""
    specs = dict(real_specs())
    feelings = specs["feelings"]
    specs["feelings"] = replace(
        feelings,
        fields=tuple(
            replace(field, id="today", was=("need",)) if field.id == "need" else field
            for field in feelings.fields
        ),
    )
    reflection = specs["reflection"]
    specs["reflection"] = replace(
        reflection,
        fields=tuple(field for field in reflection.fields if field.id != "feedback_notes"),
    )
    return specs


def test_a_renamed_field_keeps_the_fixtures_answer() -> None:
    stored = _stored()["feelings"]
    envelope, notes = read_entry(stored, _changed_specs()["feelings"], now=NOW)
    assert notes == []
    assert envelope["values"]["today"] == stored["values"]["need"]
    assert "need" not in envelope["values"] and "retired" not in envelope
    plan = plan_import(
        (FIXTURES / "export.json").read_text(encoding="utf-8"), {}, _changed_specs(), now=NOW
    )
    assert plan["ok"]
    assert not any("Feelings" in warning for warning in plan["warnings"])
    assert (
        plan_worksheets(plan)["feelings"]["values"]["today"]
        == _export()["worksheets"]["feelings"]["values"]["need"]
    )


def test_a_removed_fields_answer_in_the_fixtures_is_kept_and_exported() -> None:
    specs = _changed_specs()
    stored = _stored()["reflection"]
    answer = stored["values"]["feedback_notes"]
    envelope, notes = read_entry(stored, specs["reflection"], now=NOW)
    assert notes == []
    assert envelope["retired"] == {"feedback_notes": answer}
    document = json.loads(export_json(_stored(), specs, now=NOW))
    assert file_worksheets(document)["reflection"]["values"]["feedback_notes"] == answer
    markdown = export_markdown(_stored(), specs, now=NOW)
    retired = markdown.split("#### Answers to questions this version no longer asks", 1)[1]
    assert "«feedback\\_notes»" in retired
    plan = plan_import((FIXTURES / "export.json").read_text(encoding="utf-8"), {}, specs, now=NOW)
    assert plan["ok"]
    assert plan_worksheets(plan)["reflection"]["values"]["feedback_notes"] == answer
    assert any("no longer asks" in warning for warning in plan["warnings"])
