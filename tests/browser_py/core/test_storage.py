"""The saved-data schema (browser_py.core.storage): checking values against the
real worksheets, migrating version 0 entries, and what is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from browser_py.core.spec import parse_worksheet
from browser_py.core.storage import (
    MAX_WORKSHEET_CHARS,
    SavedDataError,
    answered_fields,
    iso_now,
    list_rows,
    migrate,
    normalise_values,
    parse_timestamp,
    read_entry,
    slot_for,
    split_values,
)
from tests.helpers.specs import envelope, real_specs

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
    entry = envelope("feelings", GOOD_FEELINGS)
    assert migrate(entry, "feelings", now=NOW) == entry


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
        "schema": 1,
        "worksheet": "tracker",
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
        ({"schema": 2, "worksheet": "feelings", "values": {}}, "newer version"),
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
