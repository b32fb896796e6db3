"""The worksheet spec model: what it accepts, what it refuses, and where."""

from __future__ import annotations

import pytest

from browser_py.core.spec import (
    SpecError,
    iter_controls,
    parse_worksheet,
    slugify,
    worksheet_from_dict,
)
from tests.helpers.specs import real_specs


def spec(*fields: dict, **top: object) -> dict:
    return {"id": "ws", "title": "A worksheet", **top, "fields": list(fields)}


TEXT = {"id": "note", "label": "Note", "kind": "text"}
SCALE = {
    "id": "rate",
    "label": "Rate",
    "kind": "scale",
    "min": 1,
    "max": 5,
    "min_label": "Low",
    "max_label": "High",
}
MULTI = {"id": "pick", "label": "Pick", "kind": "multi", "options": ["Mock interviews", "Reading"]}
CHOICE = {"id": "pick", "label": "Pick", "kind": "choice", "options": ["A", "B"]}
DATE = {"id": "on", "label": "On", "kind": "date"}
LIST = {
    "id": "apps",
    "label": "Apps",
    "kind": "list",
    "min_rows": 2,
    "fields": [
        {"id": "company", "label": "Company", "kind": "text"},
        {
            "id": "stage",
            "label": "Stage",
            "kind": "choice",
            "options": [
                {"value": "applied", "label": "Applied"},
                {"value": "offer", "label": "Offer"},
            ],
        },
    ],
}


def test_every_kind_parses_with_defaults() -> None:
    worksheet = parse_worksheet(
        spec(
            TEXT,
            {"id": "long", "label": "Long", "kind": "textarea"},
            SCALE,
            {"id": "one", "label": "One", "kind": "choice", "options": ["Yes", "No"]},
            MULTI,
            {"id": "when", "label": "When", "kind": "date"},
            {"id": "hours", "label": "Hours", "kind": "number", "min": 0, "step": 0.5},
            LIST,
        )
    )
    kinds = [f.kind for f in worksheet.fields]
    assert kinds == ["text", "textarea", "scale", "choice", "multi", "date", "number", "list"]
    assert worksheet.field("note").max_length == 200
    assert worksheet.field("long").max_length == 4000
    assert worksheet.field("rate").scale_values() == (1, 2, 3, 4, 5)
    assert worksheet.field("pick").option_values() == ("mock-interviews", "reading")
    assert worksheet.field("apps").max_rows == 20


@pytest.mark.parametrize(
    ("document", "message", "path"),
    [
        ([], "must be a mapping", ()),
        (spec(TEXT, colour="red"), "unknown key 'colour'", ("colour",)),
        ({"title": "T", "fields": [TEXT]}, "worksheet has no 'id'", ()),
        (spec(TEXT, id="Bad Id"), "not a valid id", ("id",)),
        ({"id": "x", "fields": [TEXT]}, "has no 'title'", ()),
        ({"id": "x", "title": "T"}, "has no 'fields'", ()),
        (spec(), "non-empty list", ("fields",)),
        (spec({"id": "a", "kind": "text"}), "field 'a' has no 'label'", ("fields", 0)),
        (spec({"id": "a", "label": "A"}), "has no 'kind'", ("fields", 0)),
        (spec({**TEXT, "kind": "slider"}), "unknown kind 'slider'", ("fields", 0, "kind")),
        (spec(TEXT, scope="site"), "unknown scope 'site'; use one of: round, search", ("scope",)),
        (spec(TEXT, scope=True), "unknown scope 'True'", ("scope",)),
        (spec(TEXT, TEXT), "duplicate field id 'note'", ("fields", 1, "id")),
        (spec({**TEXT, "rows": 3}), "unknown key 'rows' in text field", ("fields", 0, "rows")),
        (spec({**TEXT, "required": "yes"}), "true or false", ("fields", 0, "required")),
        (spec({**SCALE, "max": 1}), "must be greater than 'min'", ("fields", 0, "max")),
        (spec({**SCALE, "max": 40}), "at most 21 points", ("fields", 0, "max")),
        (spec({**SCALE, "min_label": ""}), "has no 'min_label'", ("fields", 0)),
        (spec({**MULTI, "options": ["only"]}), "at least 2", ("fields", 0, "options")),
        (
            spec({**MULTI, "options": ["A b", "a-b"]}),
            "duplicate option value 'a-b'",
            ("fields", 0, "options", 1),
        ),
        (
            spec({**MULTI, "options": [{"value": "Not OK", "label": "x"}, "b"]}),
            "'Not OK' is not a valid id",
            ("fields", 0, "options", 0, "value"),
        ),
        (
            spec({**MULTI, "options": [{"value": "a", "label": "A", "extra": 1}, "b"]}),
            "unknown key 'extra' in option",
            ("fields", 0, "options", 0, "extra"),
        ),
        (spec({**MULTI, "options": [["nested"], "b"]}), "not a list", ("fields", 0, "options", 0)),
        (spec({**MULTI, "options": ["!!!", "b"]}), "no usable value", ("fields", 0, "options", 0)),
        (
            spec({"id": "n", "label": "N", "kind": "number", "step": 0}),
            "'step' must be greater",
            ("fields", 0, "step"),
        ),
        (
            spec({"id": "n", "label": "N", "kind": "number", "min": "1"}),
            "must be a number",
            ("fields", 0, "min"),
        ),
        (
            spec({**LIST, "fields": [LIST]}),
            "cannot hold another list",
            ("fields", 0, "fields", 0, "kind"),
        ),
        (
            spec({**LIST, "min_rows": 5, "max_rows": 2}),
            "less than 'min_rows'",
            ("fields", 0, "max_rows"),
        ),
        (spec({**LIST, "fields": []}), "non-empty list", ("fields", 0, "fields")),
        (
            spec({"id": "d", "label": "D", "kind": "date", "min": 1}),
            "unknown key 'min'",
            ("fields", 0, "min"),
        ),
        ({"id": "x", "title": "T", 3: "x", "fields": [TEXT]}, "keys must be text", ()),
        (spec({**TEXT, "was": []}), "earlier ids", ("fields", 0, "was")),
        (spec({**TEXT, "was": 3}), "earlier id", ("fields", 0, "was")),
        (spec({**TEXT, "was": ["old", "Bad"]}), "not a valid id", ("fields", 0, "was", 1)),
        (spec({**TEXT, "was": ["old", "old"]}), "repeats", ("fields", 0, "was", 1)),
        (spec({**TEXT, "was": [TEXT["id"]]}), "repeats", ("fields", 0, "was", 0)),
        (
            spec({**TEXT, "was": ["note2"]}, {**TEXT, "id": "note2"}),
            "still a field here",
            ("fields", 0, "was", 0),
        ),
        (
            spec({**TEXT, "was": ["old"]}, {**TEXT, "id": "other", "was": "old"}),
            "already claimed",
            ("fields", 1, "was", 0),
        ),
        (spec({**DATE, "stamp": "today"}), "must be a mapping", ("fields", 0, "stamp")),
        (spec({**DATE, "stamp": {"is": "a"}}), "has no 'when'", ("fields", 0, "stamp")),
        (
            spec(CHOICE, {**DATE, "stamp": {"when": "pick"}}),
            "has no 'is'",
            ("fields", 1, "stamp"),
        ),
        (
            spec(CHOICE, {**DATE, "stamp": {"when": "pick", "is": "a", "at": 1}}),
            "unknown key 'at'",
            ("fields", 1, "stamp", "at"),
        ),
        (
            spec(CHOICE, {**DATE, "stamp": {"when": "pick", "is": ["a", "a"]}}),
            "is repeated",
            ("fields", 1, "stamp", "is", 1),
        ),
        (
            spec(CHOICE, {**DATE, "stamp": {"when": "pick", "is": []}}),
            "an option value or a list",
            ("fields", 1, "stamp", "is"),
        ),
        (
            spec(TEXT, {**DATE, "stamp": {"when": "note", "is": "a"}}),
            "not a single-choice field beside it; choose one of: (none here)",
            ("fields", 1, "stamp", "when"),
        ),
        (
            spec(CHOICE, {**DATE, "stamp": {"when": "pick", "is": ["a", "z"]}}),
            "'z', which is not an option of 'pick'; its values are: a, b",
            ("fields", 1, "stamp", "is"),
        ),
        (
            spec({**TEXT, "stamp": {"when": "pick", "is": "a"}}),
            "unknown key 'stamp' in text field",
            ("fields", 0, "stamp"),
        ),
    ],
)
def test_errors_name_the_problem_and_its_path(document: object, message: str, path: tuple) -> None:
    with pytest.raises(SpecError) as caught:
        parse_worksheet(document)
    assert message in caught.value.message
    assert caught.value.path == path


def test_stamp_watches_a_choice_beside_it_in_a_list_or_at_top_level() -> None:
    in_list = {
        **LIST,
        "fields": [
            *LIST["fields"],
            {**DATE, "stamp": {"when": "stage", "is": ["offer", "applied"]}},
        ],
    }
    parsed = parse_worksheet(spec(in_list, CHOICE, {**DATE, "stamp": {"when": "pick", "is": "b"}}))
    stamped = parsed.field("apps").fields[2]
    assert (stamped.stamp_when, stamped.stamp_is) == ("stage", ("offer", "applied"))
    assert parsed.field("on").to_dict()["stamp"] == {"when": "pick", "is": ["b"]}
    assert "stamp" not in parsed.field("pick").to_dict()
    # The JSON form the site ships reads back the same.
    assert worksheet_from_dict(parsed.to_dict()) == parsed
    # A stamp sees only its siblings: a list's date cannot watch a top-level choice.
    with pytest.raises(SpecError, match="not a single-choice field beside it"):
        parse_worksheet(
            spec(CHOICE, {**LIST, "fields": [{**DATE, "stamp": {"when": "pick", "is": "a"}}]})
        )


def test_round_trip_through_json_form() -> None:
    """The runtime rebuilds specs from the JSON the site ships; nothing is lost."""
    original = parse_worksheet(
        spec(TEXT, SCALE, MULTI, {**LIST, "was": ["rows"]}, {**TEXT, "id": "n2", "was": "n"})
    )
    assert original.to_dict()["fields"][4]["was"] == ["n"]
    assert worksheet_from_dict(original.to_dict()) == original
    original = parse_worksheet(spec(TEXT, SCALE, MULTI, LIST, intro="Hi"))
    assert worksheet_from_dict(original.to_dict()) == original


def test_controls_name_lists_and_multi_options() -> None:
    worksheet = parse_worksheet(spec(TEXT, MULTI, LIST))
    controls = list(iter_controls(worksheet))
    names = [c.name for c in controls]
    assert names == [
        "note",
        "pick",
        "pick",
        "apps.0.company",
        "apps.0.stage",
        "apps.1.company",
        "apps.1.stage",
    ]
    assert [c.pdf_name for c in controls][:3] == [
        "ws.note",
        "ws.pick.mock-interviews",
        "ws.pick.reading",
    ]
    assert len(list(iter_controls(worksheet, {"apps": 5}))) == 3 + 5 * 2


def test_slugify() -> None:
    assert slugify("  Mock interviews! ") == "mock-interviews"
    assert slugify("Ça va") == "a-va"


def test_scope_defaults_to_round_and_search_is_kept() -> None:
    assert parse_worksheet(spec(TEXT)).scope == "round"
    searched = parse_worksheet(spec(TEXT, scope="search"))
    assert searched.scope == "search"
    assert searched.to_dict()["scope"] == "search"
    assert worksheet_from_dict(searched.to_dict()).scope == "search"


def test_only_the_tracker_is_search_scoped() -> None:
    scopes = {worksheet_id: ws.scope for worksheet_id, ws in real_specs().items()}
    assert scopes.pop("tracker") == "search"
    assert set(scopes.values()) == {"round"}
