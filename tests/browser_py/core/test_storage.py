"""The saved-data schema (browser_py.core.storage): checking values against the
real worksheets, migrating version 0 and 1 entries (to rounds), and what is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from browser_py.core.spec import parse_worksheet
from browser_py.core.storage import (
    MAX_WORKSHEET_CHARS,
    SavedDataError,
    answered_fields,
    iso_now,
    key_for,
    list_rows,
    merge_indexes,
    migrate,
    migrate_storage,
    normalise_values,
    parse_key,
    parse_timestamp,
    read_entry,
    read_index,
    slot_for,
    split_values,
)
from tests.helpers.rounds import MIGRATION_EXAMPLES
from tests.helpers.specs import envelope, envelope_v2, real_specs

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

NOW = datetime(2026, 11, 25, 9, 30, 0, 250_000, tzinfo=UTC)


def spec(worksheet_id: str):
    return real_specs()[worksheet_id]


GOOD_FEELINGS = {
    "emotions": ["sad", "tired"],
    "intensity": "7",
    "need": "A long walk\nand an early night",
    "checkin_date": "2026-11-23",
    "checkins.0.date": "2026-11-23",
    "checkins.0.intensity": "4",
    "checkins.0.note": "Calmer",
}


def test_every_field_of_every_worksheet_has_a_slot() -> None:
    for worksheet in real_specs().values():
        for field in worksheet.fields:
            if field.kind == "list":
                for sub in field.fields:
                    name = f"{field.id}.{field.max_rows - 1}.{sub.id}"
                    slot = slot_for(worksheet, name)
                    assert slot is not None and slot.field is sub and slot.parent is field
                assert slot_for(worksheet, field.id) is None  # a list has no value of its own
            else:
                assert slot_for(worksheet, field.id).field is field


def test_good_values_pass_unchanged_in_strict_mode() -> None:
    values, notes = normalise_values(GOOD_FEELINGS, spec("feelings"), strict=True)
    assert values == GOOD_FEELINGS
    assert notes == []


def test_blank_values_are_left_out_as_the_form_does() -> None:
    values, notes = normalise_values(
        {"need": "", "emotions": [], "intensity": None}, spec("feelings"), strict=True
    )
    assert values == {}
    assert notes == []


def test_duplicate_ticks_are_kept_once() -> None:
    values, _ = normalise_values(
        {"emotions": ["sad", "sad", "tired"]}, spec("feelings"), strict=True
    )
    assert values == {"emotions": ["sad", "tired"]}


def test_answers_to_fields_no_longer_asked_are_kept_apart_with_a_note_on_import() -> None:
    values, notes = normalise_values(
        {**GOOD_FEELINGS, "mood": "x", "checkins.0.colour": "red", "checkins.00.date": "2026"},
        spec("feelings"),
        strict=True,
    )
    assert values == GOOD_FEELINGS
    assert len(notes) == 2
    # A name no form could have written is left out ...
    assert "checkins.00.date" in notes[0] and "left out" in notes[0]
    # ... while answers to removed fields are kept, and the note says so.
    assert "\u201cmood\u201d" in notes[1] and "checkins.0.colour" in notes[1]
    assert "kept" in notes[1] and "Feelings check-in" in notes[1]
    checked, retired, _notes = split_values(
        {**GOOD_FEELINGS, "mood": "x", "checkins.0.colour": ["red"], "checkins.00.date": "2026"},
        spec("feelings"),
        strict=True,
    )
    assert checked == GOOD_FEELINGS
    assert retired == {"mood": "x", "checkins.0.colour": ["red"]}


def test_an_answer_under_a_fields_earlier_name_is_read_as_its_own() -> None:
    renamed = parse_worksheet(
        {
            "id": "feelings",
            "title": "Feelings check-in",
            "fields": [
                {"id": "today", "label": "Today", "kind": "textarea", "was": ["need"]},
                {
                    "id": "later",
                    "label": "Later",
                    "kind": "list",
                    "was": "checkins",
                    "fields": [{"id": "what", "label": "What", "kind": "text", "was": ["note"]}],
                },
            ],
        }
    )
    stored = {"need": "A walk", "checkins.1.note": "Better", "checkins.1.date": "2026-12-01"}
    checked, retired, _notes = split_values(stored, renamed, strict=True)
    assert checked == {"today": "A walk", "later.1.what": "Better"}
    assert retired == {"checkins.1.date": "2026-12-01"}  # its column is gone: kept
    # An answer under the new name wins; the old one is kept, not lost.
    checked, retired, _ = split_values({"need": "old", "today": "new"}, renamed, strict=False)
    assert checked == {"today": "new"} and retired == {"need": "old"}


def test_retired_answers_that_are_not_text_are_left_out_with_a_note() -> None:
    _checked, retired, notes = split_values({"mood": 3}, spec("feelings"), strict=False)
    assert retired == {}
    assert "could not be read" in notes[0]


@pytest.mark.parametrize(
    ("worksheet", "values", "expected", "where"),
    [
        ("feelings", {"intensity": "11"}, "whole number from 0 to 10", "Right now, how strong"),
        ("feelings", {"intensity": 7}, "must be text, not a number", "Right now, how strong"),
        ("feelings", {"emotions": "sad"}, "a list of choices, not text", "What are you feeling"),
        ("feelings", {"emotions": ["sad", 3]}, "as text, not a number", "What are you feeling"),
        ("feelings", {"emotions": ["bored"]}, "no choice \u201cbored", "What are you feeling"),
        ("feedback", {"tone": "rude"}, "has no choice \u201crude\u201d", "Tone"),
        ("feedback", {"interview_date": "20/11/2026"}, "YYYY-MM-DD", "Date of your last interview"),
        ("feedback", {"interview_date": "2026-02-30"}, "YYYY-MM-DD", "Date of your last interview"),
        ("feedback", {"company": "x" * 121}, "121 characters long; it holds at most", "Company"),
        ("resilience", {"thought": "y" * 4001}, "holds at most 4000", "The thought that keeps"),
        ("tracker", {"weekly_target": "five"}, "must be a number", "Applications a week"),
        ("tracker", {"weekly_target": "1e999"}, "must be a number", "Applications a week"),
        ("tracker", {"applications.60.company": "Acme"}, "holds at most 60 rows", "application 61"),
        ("feelings", {"need": "nul\x00here"}, "NUL character", "What would help you today?"),
        ("feelings", {"need": "half \ud800 a character"}, "lone surrogate", "What would help"),
        ("feelings", {"need": {"text": "x"}}, "must be text, not an object", "What would help"),
    ],
)
def test_bad_values_are_refused_in_strict_mode(
    worksheet: str, values: dict, expected: str, where: str
) -> None:
    with pytest.raises(SavedDataError) as caught:
        normalise_values(values, spec(worksheet), strict=True)
    message = caught.value.message
    assert expected in message
    assert spec(worksheet).title in message  # names the worksheet...
    assert where in message  # ...and the field, as the reader sees it


def test_bad_values_are_dropped_with_a_note_in_lenient_mode() -> None:
    values, notes = normalise_values(
        {**GOOD_FEELINGS, "intensity": "99"}, spec("feelings"), strict=False
    )
    assert "intensity" not in values
    assert values["need"] == GOOD_FEELINGS["need"]
    assert len(notes) == 1 and "0 to 10" in notes[0]


def test_a_full_tracker_fits_the_size_cap() -> None:
    values = {
        f"applications.{row}.{sub}": "x" * 120 for row in range(60) for sub in ("company", "role")
    }
    kept, notes = normalise_values(values, spec("tracker"), strict=True)
    assert kept == values and notes == []


def _big():
    from browser_py.core.spec import parse_worksheet

    worksheet = parse_worksheet(
        {
            "id": "big",
            "title": "Big",
            "fields": [
                {"id": "a", "label": "A", "kind": "textarea", "max_length": 100_000},
                {"id": "b", "label": "B", "kind": "textarea", "max_length": 100_000},
                {"id": "c", "label": "C", "kind": "textarea", "max_length": 100_000},
            ],
        }
    )
    return worksheet


def test_total_size_cap_counts_every_answer() -> None:
    worksheet = _big()
    fits = {"a": "x" * 99_000, "b": "x" * 99_000}
    normalise_values(fits, worksheet, strict=True)
    with pytest.raises(SavedDataError, match=f"{MAX_WORKSHEET_CHARS:,} characters"):
        normalise_values({**fits, "c": "x" * 5_000}, worksheet, strict=True)


def test_a_current_envelope_migrates_to_itself() -> None:
    entry = envelope_v2("feelings", GOOD_FEELINGS, "rabc123")
    assert migrate(entry, "feelings", now=NOW) == entry
    shared = envelope_v2("tracker", {"weekly_target": "5"}, None)
    assert migrate(shared, "tracker", now=NOW) == shared


def test_a_version_1_envelope_moves_into_the_round_it_is_given() -> None:
    entry = envelope("feelings", GOOD_FEELINGS)
    assert migrate(entry, "feelings", now=NOW) == {**entry, "schema": 2, "round": "r0"}
    assert migrate(entry, "feelings", now=NOW, round_id=None)["round"] is None


def test_version_0_migrates_numbers_nulls_and_timestamp() -> None:
    old = {
        "version": 0,
        "updated": "2026-10-02T09:30:00Z",
        "answers": {
            "weekly_target": 5,
            "since": "2026-09-01",
            "wins": None,
            "applications.0.company": "Acme",
            "applications.0.stage": "applied",
            "applications.1.company": "",
        },
    }
    migrated = migrate(old, "tracker", now=NOW)
    assert migrated == {
        "schema": 2,
        "worksheet": "tracker",
        "round": "r0",
        "saved_at": "2026-10-02T09:30:00Z",
        "values": {
            "weekly_target": "5",
            "since": "2026-09-01",
            "applications.0.company": "Acme",
            "applications.0.stage": "applied",
        },
    }
    # The migrated entry is valid version 1 data for its worksheet.
    assert normalise_values(migrated["values"], spec("tracker"), strict=True)[1] == []


def test_version_0_numbers_become_the_forms_strings() -> None:
    old = {"version": 0, "answers": {"hours": 2.5, "weeks": 4.0, "focus": ["stories"]}}
    migrated = migrate(old, "learning-plan", now=NOW)
    assert migrated["values"] == {"hours": "2.5", "weeks": "4", "focus": ["stories"]}
    assert migrated["saved_at"] == "2026-11-25T09:30:00.250Z"  # no "updated": the migration time


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ([], "a list, not an object"),
        ({"schema": 3, "worksheet": "feelings", "values": {}}, "newer version"),
        ({"schema": 2, "worksheet": "feelings", "round": "R!", "values": {}}, "not a round id"),
        ({"schema": "1", "worksheet": "feelings", "values": {}}, "not a version number"),
        ({"schema": 1, "worksheet": "tracker", "values": {}}, "belongs to \u201ctracker\u201d"),
        ({"schema": 1, "worksheet": "feelings", "values": []}, "no object of values"),
        ({"intensity": "7"}, "no known layout"),
        ({"version": 0, "answers": {"intensity": True}}, "true/false"),
        ({"version": 0, "answers": ["x"]}, "must be an object"),
    ],
)
def test_unusable_entries_are_refused_with_a_reason(entry: object, expected: str) -> None:
    with pytest.raises(SavedDataError, match=expected):
        migrate(entry, "feelings", now=NOW)


def test_read_entry_migrates_and_checks_leniently() -> None:
    old = {"version": 0, "answers": {"intensity": 7, "emotions": ["sad", "bored"], "zzz": "1"}}
    entry, notes = read_entry(old, spec("feelings"), now=NOW)
    assert entry["values"] == {"intensity": "7"}
    assert entry["retired"] == {"zzz": "1"}  # a removed field's answer is kept
    assert len(notes) == 1  # the unknown choice


def test_timestamps_need_a_date_a_time_and_an_offset() -> None:
    assert parse_timestamp("2026-11-20T18:04:11.512Z") == datetime(
        2026, 11, 20, 18, 4, 11, 512_000, tzinfo=UTC
    )
    assert parse_timestamp("2026-11-20T18:04+01:00") is not None
    assert parse_timestamp("2026-11-20T18:04:11.123456789Z") is not None
    for bad in ("2026-11-20", "2026-11-20T18:04:11", "yesterday", "2026-13-01T00:00Z", 5, None):
        assert parse_timestamp(bad) is None, bad
    assert iso_now(NOW) == "2026-11-25T09:30:00.250Z"


def test_answered_fields_and_rows() -> None:
    values = {
        "checkins.2.note": "later",
        "checkins.0.date": "2026-11-23",
        "intensity": "3",
        "need": "",
    }
    assert answered_fields(values, spec("feelings")) == ["intensity", "checkins"]
    rows = list_rows(values, spec("feelings").field("checkins"))
    assert rows == [{"row": 0, "date": "2026-11-23"}, {"row": 2, "note": "later"}]


SCOPES = {worksheet_id: ws.scope for worksheet_id, ws in real_specs().items()}


@pytest.mark.parametrize("name", list(MIGRATION_EXAMPLES))
def test_the_migration_to_rounds_moves_everything_into_r0_or_the_search(name: str) -> None:
    before = MIGRATION_EXAMPLES[name]
    after = migrate_storage(before, SCOPES, now=NOW)
    assert not any(key.startswith(("rebound:v1:", "rebound:feelings")) for key in after)
    index = json.loads(after["rebound:v2:rounds"])
    for key, text in before.items():
        if not key.startswith("rebound:"):
            assert after[key] == text  # not the guide's: untouched
            continue
        worksheet_id = key.rsplit(":", 1)[-1]
        try:
            old = migrate(json.loads(text), worksheet_id, now=NOW)
        except (ValueError, SavedDataError):
            # Unreadable: kept aside, under the round it would have gone to.
            kept = [k for k, v in after.items() if k.startswith("rebound:corrupt:") and v == text]
            assert len(kept) == 1, kept
            continue
        owner = "search" if SCOPES[worksheet_id] == "search" else "r0"
        new = json.loads(after[f"rebound:v2:{owner}:{worksheet_id}"])
        if key.startswith("rebound:v1:") or f"rebound:v1:{worksheet_id}" not in before:
            assert new == {**old, "round": None if owner == "search" else "r0"}
    round_scoped = [k for k in before if k.startswith("rebound:") and "tracker" not in k]
    if round_scoped:
        assert [r["id"] for r in index["rounds"]] == ["r0"]
        assert index["current"] == "r0"
        assert index["rounds"][0]["label"] == "First round"
    else:
        assert index["rounds"] == []  # the first round is made by the first save


def test_the_migration_dates_the_first_round_by_its_earliest_answer() -> None:
    after = migrate_storage(MIGRATION_EXAMPLES["version 1, a round and the tracker"], SCOPES)
    (first,) = json.loads(after["rebound:v2:rounds"])["rounds"]
    assert first["created"] == "2026-11-20T09:00:00.000Z"  # the tracker's is not a round's


def test_a_version_0_entry_left_beside_version_1_is_kept_aside() -> None:
    before = MIGRATION_EXAMPLES["version 0 beside version 1, and an unreadable entry"]
    after = migrate_storage(before, SCOPES, now=NOW)
    assert json.loads(after["rebound:v2:r0:feelings"])["values"] == {"intensity": "7"}
    assert json.loads(after["rebound:v2:r0:reflection"])["values"] == {"went_well": "A"}
    kept = {k.rsplit(":", 3)[0]: v for k, v in after.items() if k.startswith("rebound:corrupt:")}
    assert kept == {
        "rebound:corrupt:r0:feelings": before["rebound:feelings"],
        "rebound:corrupt:r0:feedback": before["rebound:v1:feedback"],
    }


def test_migrating_twice_changes_nothing_and_keeps_a_newer_tabs_entry() -> None:
    before = MIGRATION_EXAMPLES["version 1, a round and the tracker"]
    once = migrate_storage(before, SCOPES, now=NOW)
    assert migrate_storage(once, SCOPES, now=NOW) == once
    # Another tab migrated and saved already; this tab's copy of v1 is older.
    newer = envelope_v2("feelings", {"intensity": "2"}, "r0", "2026-11-30T00:00:00.000Z")
    raced = migrate_storage({**before, "rebound:v2:r0:feelings": json.dumps(newer)}, SCOPES)
    assert json.loads(raced["rebound:v2:r0:feelings"]) == newer


def test_a_newer_guides_entry_is_left_where_it_is() -> None:
    newer = json.dumps({"schema": 3, "worksheet": "feelings", "values": {}})
    after = migrate_storage({"rebound:v1:feelings": newer}, SCOPES, now=NOW)
    assert after["rebound:v1:feelings"] == newer


@pytest.mark.parametrize("folder", ["v1", "v1-2eac259"])
def test_the_fixtures_saved_data_migrates_with_nothing_lost(folder: str) -> None:
    items = json.loads((FIXTURES / folder / "localstorage.json").read_text(encoding="utf-8"))
    after = migrate_storage(items, SCOPES, now=NOW)
    assert after["/.__palette"] == items["/.__palette"]
    for key, text in items.items():
        if not key.startswith("rebound:v1:"):
            continue
        worksheet_id = key.removeprefix("rebound:v1:")
        owner = "search" if worksheet_id == "tracker" else "r0"
        old, new = json.loads(text), json.loads(after[f"rebound:v2:{owner}:{worksheet_id}"])
        assert new["values"] == old["values"]  # every answer, retired ones too, unchanged
        assert new["saved_at"] == old["saved_at"]
        assert new["round"] == (None if owner == "search" else "r0")
        envelope_read, notes = read_entry(new, real_specs()[worksheet_id], now=NOW)
        assert notes == []
        assert {**envelope_read["values"], **envelope_read.get("retired", {})} == old["values"]
    assert not any(key.startswith(("rebound:v1:", "rebound:corrupt:")) for key in after)


def test_merging_two_tabs_indexes_keeps_every_round_and_the_later_name() -> None:
    base = {"id": "r0", "label": "First round", "created": "2026-11-01T00:00:00Z"}
    mine = {
        "current": "ra",
        "rounds": [base, {"id": "ra", "label": "Mine", "created": "2026-11-02T00:00:00Z"}],
    }
    renamed = {**base, "label": "Renamed", "updated": "2026-11-03T00:00:00Z"}
    theirs = {
        "current": "rb",
        "rounds": [renamed, {"id": "rb", "label": "Theirs", "created": "2026-11-02T00:00:01Z"}],
        "deleted": ["rc"],
    }
    merged = merge_indexes(mine, theirs)
    assert [r["id"] for r in merged["rounds"]] == ["r0", "ra", "rb"]
    assert merged["rounds"][0]["label"] == "Renamed"
    assert merged["current"] == "rb"
    gone = merge_indexes(merged, {"current": "r0", "rounds": [renamed], "deleted": ["ra"]})
    assert [r["id"] for r in gone["rounds"]] == ["r0", "rb"]


def test_a_stored_index_is_checked() -> None:
    index = read_index(
        {
            "schema": 2,
            "current": "nope",
            "rounds": [{"id": "r0", "label": 5, "date": "20 Nov"}, {"id": "BAD"}, {"id": "r0"}],
        }
    )
    assert index["rounds"] == [
        {"id": "r0", "label": "", "company": "", "role": "", "date": "", "created": ""}
    ]
    assert index["current"] == "r0"
    with pytest.raises(SavedDataError, match="newer version"):
        read_index({"schema": 3, "rounds": []})
    assert parse_key("rebound:v2:r0:feelings") == ("r0", "feelings")
    assert parse_key("rebound:v2:search:tracker") == (None, "tracker")
    assert parse_key("rebound:v2:rounds") is None
    assert key_for("tracker", None) == "rebound:v2:search:tracker"
