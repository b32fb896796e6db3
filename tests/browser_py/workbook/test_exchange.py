"""Export and import (browser_py.workbook.exchange): the JSON round trip, every way
an import file is refused, the version 0 migration, and Markdown that
cannot carry anything the reader typed in as markup."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from html import unescape

import pytest
from markdown_it import MarkdownIt

from browser_py.workbook import exchange
from browser_py.workbook.exchange import (
    FORMAT,
    MAX_DEPTH,
    MAX_IMPORT_BYTES,
    escape_markdown_block,
    escape_markdown_cell,
    escape_markdown_line,
    export_json,
    export_markdown,
    plan_import,
    strip_controls,
)
from tests.helpers.hostile import render_gfm
from tests.helpers.rounds import file_worksheets, plan_worksheets
from tests.helpers.specs import envelope, envelope_v2, real_specs
from tests.helpers.translated import speaking

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)

SAVED = {
    "feelings": envelope(
        "feelings",
        {
            "emotions": ["sad", "tired"],
            "intensity": "7",
            "need": "A walk\n\nand sleep",
            "checkin_date": "2026-11-23",
            "checkins.0.date": "2026-11-23",
            "checkins.0.intensity": "5",
            "checkins.0.note": "A bit calmer",
        },
    ),
    "feedback": envelope(
        "feedback",
        {
            "company": "Acme Ltd",
            "role": "Analyst",
            "decision_date": "2026-11-18",
            "learn": ["skills"],
            "tone": "warm",
        },
        "2026-11-19T08:00:00.000Z",
    ),
    "tracker": envelope(
        "tracker",
        {
            "weekly_target": "5",
            "applications.0.company": "Acme",
            "applications.0.stage": "rejected",
            "applications.2.company": "Globex",
        },
    ),
    "reflection": envelope("reflection", {}),  # started, then cleared
}


def valid_file(**changes: object) -> dict:
    """A valid version 2 export (one round, r0) as a dict, with top-level changes applied."""
    document = json.loads(export_json(SAVED, real_specs(), NOW))
    document.update(changes)
    return document


def plan(document: object, current: dict | None = None) -> dict:
    text = document if isinstance(document, str) else json.dumps(document)
    return plan_import(text, SAVED if current is None else current, real_specs(), NOW)


# -- export ---------------------------------------------------------------------


def test_export_json_has_the_documented_layout() -> None:
    document = json.loads(export_json(SAVED, real_specs(), NOW))
    assert document["format"] == FORMAT == "rebound-workbook"
    assert document["version"] == 2
    assert document["exported_at"] == "2026-11-25T09:30:00.000Z"
    assert document["current"] == "r0"
    # Saved data from before rounds is one round, r0; the tracker is shared.
    (first,) = document["rounds"]
    assert {key: first[key] for key in ("id", "label", "company", "role", "date")} == {
        "id": "r0",
        "label": "First round",
        "company": "",
        "role": "",
        "date": "",
    }
    # Worksheets in step order; an empty one is left out.
    assert list(first["worksheets"]) == ["feelings", "feedback"]
    assert list(document["worksheets"]) == ["tracker"]
    assert first["worksheets"]["feedback"] == {
        "saved_at": "2026-11-19T08:00:00.000Z",
        "values": SAVED["feedback"]["values"],
    }


def test_export_then_import_gives_back_the_same_data() -> None:
    text = export_json(SAVED, real_specs(), NOW)
    result = plan_import(text, {}, real_specs(), NOW)
    assert result["ok"], result
    assert result["warnings"] == [] and result["migrated"] is False
    expected = {
        key: {**value, "schema": 2, "round": None if key == "tracker" else "r0"}
        for key, value in SAVED.items()
        if value["values"]
    }
    assert plan_worksheets(result) == expected
    # Importing the export of the import changes nothing either.
    again = export_json(plan_worksheets(result), real_specs(), NOW)
    assert again == text


def test_export_skips_unreadable_entries_and_keeps_the_rest() -> None:
    saved = {
        **SAVED,
        "resilience": {"schema": 9, "worksheet": "resilience", "values": {}},
        "unknown": envelope("unknown", {"x": "y"}),
    }
    document = json.loads(export_json(saved, real_specs(), NOW))
    assert list(file_worksheets(document)) == ["feelings", "feedback", "tracker"]


def test_export_migrates_version_0_entries() -> None:
    saved = {
        "learning-plan": {
            "version": 0,
            "updated": "2026-10-01T10:00:00Z",
            "answers": {"hours": 2.5, "weeks": 3, "focus": ["stories"]},
        }
    }
    document = json.loads(export_json(saved, real_specs(), NOW))
    assert file_worksheets(document) == {
        "learning-plan": {
            "saved_at": "2026-10-01T10:00:00Z",
            "values": {"hours": "2.5", "weeks": "3", "focus": ["stories"]},
        }
    }


# -- planning an import -----------------------------------------------------------


def test_plan_says_what_will_be_replaced_without_changing_anything() -> None:
    current = copy.deepcopy(SAVED)
    incoming = valid_file()
    incoming["rounds"][0]["worksheets"]["resilience"] = {
        "saved_at": "2026-11-21T10:00:00Z",
        "values": {"thought": "I always fail"},
    }
    result = plan(incoming, current)
    assert result["ok"], result
    assert current == SAVED  # planning touched nothing
    changes = {change["worksheet"]: change for change in result["changes"]}
    assert changes["feelings"] == {
        "worksheet": "feelings",
        "title": "Feelings check-in",
        "replaces": True,
        "fields": 5,
        "round": "r0",
        # A few answers, as the reader knows them, for the check before importing.
        "preview": [
            {"label": "What are you feeling?", "text": "Sad, Tired"},
            {"label": "Right now, how strong is the feeling?", "text": "7 out of 10"},
            {"label": "What would help you today?", "text": "A walk and sleep"},
        ],
    }
    assert changes["tracker"]["round"] is None
    assert changes["resilience"]["replaces"] is False
    assert changes["resilience"]["fields"] == 1
    assert plan_worksheets(result)["resilience"] == envelope_v2(
        "resilience", {"thought": "I always fail"}, "r0", "2026-11-21T10:00:00Z"
    )
    # The reader's round r0 (from before rounds) is the file's: not new.
    assert [(r["id"], r["new"]) for r in result["rounds"]] == [("r0", False)]


def test_an_old_unreadable_entry_counts_as_replaced() -> None:
    result = plan(valid_file(), {"feelings": "not an envelope"})
    changes = {change["worksheet"]: change for change in result["changes"]}
    assert changes["feelings"]["replaces"] is True
    assert changes["tracker"]["replaces"] is False


def test_unknown_worksheets_are_skipped_and_removed_fields_kept_with_a_warning() -> None:
    incoming = valid_file(comment="made by hand")
    incoming["worksheets"]["gratitude"] = {"saved_at": "2026-11-21T10:00:00Z", "values": {"x": "y"}}
    incoming["rounds"][0]["worksheets"]["feelings"]["values"]["mood"] = "grey"
    result = plan(incoming)
    assert result["ok"], result
    assert "gratitude" not in plan_worksheets(result)
    # An answer to a field this version no longer has is kept in the saved entry.
    assert plan_worksheets(result)["feelings"]["values"]["mood"] == "grey"
    assert result["changes"][0]["fields"] == 5  # it is not counted as answered
    warnings = " ".join(result["warnings"])
    assert "\u201cgratitude\u201d" in warnings and "no such worksheet" in warnings
    assert "\u201cmood\u201d" in warnings and "kept" in warnings
    assert "\u201ccomment\u201d" in warnings


def test_a_version_0_file_is_migrated() -> None:
    old = {
        "format": "rebound-workbook",
        "version": 0,
        "exported": "2026-10-02T09:30:00Z",
        "answers": {
            "feelings": {"intensity": 6, "emotions": ["sad"], "need": None},
            "learning-plan": {"hours": 1.5, "weeks": 2.0},
        },
    }
    result = plan(old, {})
    assert result["ok"], result
    assert result["migrated"] is True and result["version"] == 0
    assert plan_worksheets(result) == {
        "feelings": envelope_v2(
            "feelings", {"intensity": "6", "emotions": ["sad"]}, "r0", "2026-10-02T09:30:00Z"
        ),
        "learning-plan": envelope_v2(
            "learning-plan", {"hours": "1.5", "weeks": "2"}, "r0", "2026-10-02T09:30:00Z"
        ),
    }
    # A file from before rounds is round r0, new to a reader with nothing saved.
    assert [(r["id"], r["new"]) for r in result["rounds"]] == [("r0", True)]


def _deep(levels: int) -> str:
    return '{"format": "rebound-workbook", "version": 1, "x": ' + "[" * levels + "]" * levels + "}"


def _with_worksheet(values: object, worksheet: str = "feelings") -> dict:
    """A file whose only worksheet is ``worksheet``, where the format keeps it."""
    document = valid_file()
    entry = {worksheet: {"saved_at": "2026-11-21T10:00:00Z", "values": values}}
    if real_specs()[worksheet].scope == "search":
        document["rounds"][0]["worksheets"] = {}
        document["worksheets"] = entry
    else:
        document["rounds"][0]["worksheets"] = entry
        document["worksheets"] = {}
    return document


def _with_round(**changes: object) -> dict:
    document = valid_file()
    document["rounds"][0].update(changes)
    return document


BAD_FILES: list[tuple[str, object, tuple[str, ...]]] = [
    ("not json", "this is my diary, not JSON", ("not valid JSON", "line 1")),
    ("empty", "   \n", ("empty",)),
    ("truncated", export_json(SAVED, real_specs(), NOW)[:200], ("not valid JSON",)),
    ("NaN", '{"format": "rebound-workbook", "version": NaN}', ("NaN",)),
    ("a list", "[1, 2, 3]", ("holds a list", "not a Rebound export")),
    ("a string", '"rebound-workbook"', ("holds text",)),
    ("no format", {"version": 1, "worksheets": {}}, ("no \u201cformat\u201d",)),
    (
        "wrong format",
        valid_file(format="tracker-app"),
        ("\u201ctracker-app\u201d", "not \u201crebound-workbook\u201d"),
    ),
    ("future version", valid_file(version=7), ("newer version", "version 7")),
    ("negative version", valid_file(version=-1), ("version -1 does not exist",)),
    ("version as text", valid_file(version="1"), ("\u201cversion\u201d must be a whole number",)),
    ("no version", {"format": "rebound-workbook", "worksheets": {}}, ("missing",)),
    ("oversized", json.dumps(valid_file(padding="x" * (MAX_IMPORT_BYTES + 1))), ("too large",)),
    ("too deep", _deep(MAX_DEPTH + 40), ("nests", "levels deep")),
    ("very deep", _deep(100_000), ("nests",)),
    (
        "duplicate key",
        '{"format": "rebound-workbook", "version": 1, "version": 0}',
        ("\u201cversion\u201d appears twice",),
    ),
    (
        "__proto__",
        '{"format": "rebound-workbook", "version": 1, "exported_at": '
        '"2026-11-25T09:30:00Z", "worksheets": {"__proto__": {"polluted": true}}}',
        ("\u201c__proto__\u201d", "not imported"),
    ),
    (
        "constructor",
        _with_worksheet({"constructor": {"prototype": {"x": 1}}}),
        ("\u201cprototype\u201d",),
    ),
    (
        "bad exported_at",
        valid_file(exported_at="last Tuesday"),
        ("\u201cexported_at\u201d", "ISO 8601", "last Tuesday"),
    ),
    (
        "date-only saved_at",
        {**valid_file(), "worksheets": {"feelings": {"saved_at": "2026-11-21", "values": {}}}},
        ("\u201csaved_at\u201d", "ISO 8601"),
    ),
    (
        "no worksheets",
        valid_file(worksheets=None) | {"worksheets": []},
        ("\u201cworksheets\u201d must be an object", "not a list"),
    ),
    (
        "worksheet not object",
        valid_file(worksheets={"feelings": "sad"}),
        ("\u201cfeelings\u201d must be an object",),
    ),
    (
        "no values",
        valid_file(worksheets={"feelings": {"saved_at": "2026-11-21T10:00:00Z"}}),
        ("has no \u201cvalues\u201d",),
    ),
    ("values not object", _with_worksheet(["sad"]), ("must be an object of answers",)),
    (
        "wrong type",
        _with_worksheet({"intensity": 7}),
        ("Right now, how strong", "must be text, not a number"),
    ),
    (
        "unknown choice",
        _with_worksheet({"emotions": ["sad", "bored"]}),
        ("What are you feeling?", "\u201cbored\u201d"),
    ),
    (
        "too long",
        _with_worksheet({"company": "x" * 500}, "feedback"),
        ("Company", "500 characters", "at most 120"),
    ),
    (
        "too many rows",
        _with_worksheet({"applications.75.company": "Acme"}, "tracker"),
        ("Applications", "at most 60 rows"),
    ),
    (
        "bad date",
        _with_worksheet({"checkin_date": "tomorrow"}),
        ("When will you check in", "YYYY-MM-DD"),
    ),
    ("NUL byte", _with_worksheet({"need": "rest\u0000"}), ("NUL character",)),
    (
        "only unknown worksheets",
        valid_file(
            rounds=[], worksheets={"gratitude": {"saved_at": "2026-11-21T10:00:00Z", "values": {}}}
        ),
        ("None of the worksheets", "gratitude"),
    ),
    ("no worksheets at all", valid_file(rounds=[], worksheets={}), ("holds no worksheets",)),
    ("rounds not a list", valid_file(rounds={}), ("\u201crounds\u201d must be a list",)),
    ("bad round id", _with_round(id="round one"), ("round 1", "no valid \u201cid\u201d")),
    (
        "same round twice",
        valid_file(rounds=[valid_file()["rounds"][0]] * 2),
        ("\u201cr0\u201d appears twice",),
    ),
    ("bad round date", _with_round(date="last week"), ("\u201cdate\u201d of round 1",)),
    ("round label too long", _with_round(label="x" * 201), ("at most 200 characters",)),
    ("bad round created", _with_round(created="yesterday"), ("\u201ccreated\u201d of round 1",)),
    (
        "round worksheets not object",
        _with_round(worksheets=["feelings"]),
        ("\u201cworksheets\u201d of round 1 must be an object",),
    ),
    (
        "old file, bad answers",
        {
            "format": "rebound-workbook",
            "version": 0,
            "exported": "2026-10-02T09:30:00Z",
            "answers": [],
        },
        ("\u201canswers\u201d must be an object",),
    ),
]


@pytest.mark.parametrize(
    ("case", "document", "expected"), BAD_FILES, ids=[case for case, _, _ in BAD_FILES]
)
def test_a_bad_file_is_refused_with_a_message_naming_the_problem(
    case: str, document: object, expected: tuple[str, ...]
) -> None:
    current = copy.deepcopy(SAVED)
    result = plan(document, current)
    assert result["ok"] is False, f"{case}: accepted"
    assert set(result) == {"ok", "error"}
    for part in expected:
        assert part in result["error"], f"{case}: {result['error']!r} lacks {part!r}"
    assert current == SAVED  # nothing touched


def test_the_bad_files_cover_at_least_ten_distinct_problems() -> None:
    messages = {plan(document)["error"] for _, document, _ in BAD_FILES}
    assert len(messages) >= 32


def test_a_byte_order_mark_is_fine() -> None:
    assert plan("\ufeff" + export_json(SAVED, real_specs(), NOW))["ok"]


def test_non_text_input_is_refused() -> None:
    assert plan_import(b"{}", {}, real_specs(), NOW)["ok"] is False  # type: ignore[arg-type]


# -- Markdown ---------------------------------------------------------------------

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "link": "[x](javascript:alert(1))",
    "image": "![a](http://example.com/t.png)",
    "autolink": "<https://example.com>",
    "csv": "=cmd|' /C calc'!A0",
    "at": "@SUM(1+1)",
    "plus": "+1 555",
    "pipes": "| pipes | here |",
    "heading": "# Not a heading",
    "list": "1. not a list",
    "entity": "&lt;b&gt; &amp;",
    "rtl": "abc\u202egnp.exe",
    "zero width": "pass\u200bword",
    "emoji": "\U0001f468\u200d\U0001f469\u200d\U0001f467 family \U0001f389",
    "nul": "a\x00b\x07c",
    "html comment": "<!-- hidden -->",
    "code": "`rm -rf /`",
    "setext": "=====",
}

_MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _tokens_of(markdown: str) -> list[str]:
    types: list[str] = []

    def walk(tokens) -> None:
        for token in tokens:
            types.append(token.type)
            if token.children:
                walk(token.children)

    walk(_MD.parse(markdown))
    return types


@pytest.mark.parametrize("name", list(HOSTILE))
def test_an_escaped_line_renders_as_exactly_its_own_text(name: str) -> None:
    text = HOSTILE[name]
    escaped = escape_markdown_line(text)
    rendered = _MD.render(escaped)
    tokens = set(_tokens_of(escaped))
    # One paragraph of plain text: no link, image, HTML, heading, list or table; a web or
    # e-mail address is code, so that no renderer makes it a link.
    assert tokens <= {"paragraph_open", "inline", "text", "code_inline", "paragraph_close"}, tokens
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n")
    # What renders is the reader's text (minus control and invisible characters), escaped
    # for HTML by the renderer: nothing added, nothing interpreted.
    assert unescape(re.sub("</?code>", "", rendered[3:-5])) == strip_controls(text).strip()


def test_spreadsheet_formula_starts_are_neutralised() -> None:
    for start in "=+-@":
        assert escape_markdown_line(f"{start}1+2")[:1] in ("\\", "`")


def test_control_and_invisible_characters_go_but_joiners_and_emoji_stay() -> None:
    assert strip_controls("a\x00b\x07c\x1bd\x7f") == "abcd"
    assert strip_controls("abc\u202egnp\u2066x\u2069") == "abcgnpx"
    assert strip_controls("pass\u200bword\ufeff") == "password"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert strip_controls(family) == family
    assert strip_controls("line\r\nnext\u2028third\tcol") == "line\nnext\nthird\tcol"


def test_a_table_cell_is_one_line_and_cannot_split_the_row() -> None:
    cell = escape_markdown_cell("one | two\nthree\r\nfour")
    assert "\n" not in cell
    table = f"| A |\n| --- |\n| {cell} |\n"
    html = _MD.render(table)
    assert html.count("<td>") == 1
    assert "one | two three four" in html


def test_a_block_keeps_lines_and_paragraphs_but_no_markup() -> None:
    block = escape_markdown_block("first\n    indented <b>\n\n\n# second\n- third")
    html = _MD.render(block)
    assert html == ("<p>first<br />\nindented &lt;b&gt;</p>\n<p># second<br />\n- third</p>\n")


def test_markdown_export_reads_well_and_carries_no_markup_from_answers() -> None:
    saved = copy.deepcopy(SAVED)
    saved["feelings"]["values"]["need"] = "\n".join(HOSTILE.values())
    saved["feelings"]["values"]["checkins.0.note"] = HOSTILE["pipes"] + "\n" + HOSTILE["link"]
    saved["feedback"]["values"]["company"] = HOSTILE["script"]
    summaries = {"feelings": ["You named 2 feelings.", HOSTILE["image"]]}
    markdown = export_markdown(saved, real_specs(), summaries, NOW)
    html = _MD.render(markdown)
    tokens = _tokens_of(markdown)
    assert "link_open" not in tokens and "image" not in tokens
    assert "html_block" not in tokens and "html_inline" not in tokens
    assert "<script" not in html and "<img" not in html and "href" not in html
    # Structure: a title, one heading per answered worksheet, labels in bold.
    assert markdown.startswith("# My Rebound workbook\n")
    headings = [line for line in markdown.splitlines() if line.startswith(("## ", "### "))]
    assert headings == [
        "## Round 1: First round",
        "### Feelings check\\-in",
        "### Feedback request",
        "## Shared by every round",
        "### Application tracker",
    ]
    assert "**What are you feeling?**: Sad, Tired" in markdown
    assert "**Tone**: Warm" in markdown
    assert "**Right now, how strong is the feeling?**: 7 on a scale" in markdown
    assert "<strong>Date you heard back</strong>: Wednesday 18 November 2026" in html
    # The tracker's list is a table: one header, then the two rows with answers.
    assert html.count("<table>") == 2  # tracker and check-ins
    assert "<td>Turned down this time</td>" in html and "<td>Globex</td>" in html
    # The check-in note with a pipe stays in its one cell.
    assert "<td>| pipes | here | [x](javascript:alert(1))</td>" in html
    # The summary is quoted, escaped.
    assert "<blockquote>" in html and "You named 2 feelings." in html


def test_markdown_export_of_nothing_says_so() -> None:
    markdown = export_markdown({}, real_specs(), None, NOW)
    assert "No answers are saved" in markdown


def test_answers_to_removed_fields_are_exported_not_dropped() -> None:
    saved = {
        "feelings": envelope(
            "feelings", {"intensity": "4", "mood": "grey skies", "checkins.0.colour": ["red"]}
        )
    }
    document = json.loads(export_json(saved, real_specs(), now=NOW))
    assert file_worksheets(document)["feelings"]["values"] == {
        "intensity": "4",
        "mood": "grey skies",
        "checkins.0.colour": ["red"],
    }
    markdown = export_markdown(saved, real_specs(), now=NOW)
    section = markdown.split("#### Answers to questions this version no longer asks", 1)[1]
    assert "**mood**" in section and "grey skies" in section
    assert "checkins.0.colour" in section and "red" in section
    # Only retired answers: the worksheet is still exported.
    only = {"feelings": envelope("feelings", {"mood": "grey skies"})}
    assert "feelings" in file_worksheets(json.loads(export_json(only, real_specs(), now=NOW)))


#: Stored values no form can show: from an older or a newer version.
KEPT = {
    "score": 7,
    "done": False,
    "details": {"nested": {"deep": [1, "two", None]}, "note": "x" * 1000},
    "numbers": [1, 2.5],
    "checkins.20.note": "A row past the list's limit",
    "intensity": 4,  # a current field, saved as a number
}


def test_values_no_form_can_show_are_exported_as_stored_and_imported_back() -> None:
    saved = {"feelings": envelope("feelings", {"need": "A walk", "mood": "grey", **KEPT})}
    notes: list[str] = []
    text = export_json(saved, real_specs(), now=NOW, notes=notes)
    exported = file_worksheets(json.loads(text))["feelings"]
    assert exported["values"] == {"need": "A walk", "mood": "grey"}
    assert exported["kept"] == KEPT
    assert notes == []  # nothing was left out

    markdown = export_markdown(saved, real_specs(), now=NOW)
    section = markdown.split("#### Saved answers this version cannot show", 1)[1]
    for name in ("score", "done", "details", "numbers", "checkins.20.note", "intensity"):
        assert f"**{escape_markdown_line(name)}**" in section, name
    assert "false" in section and "1, 2.5" in section
    assert "nested" in section and "x" * 300 in section and "x" * 1000 not in section
    assert "A row past the list" in section
    assert not re.search(r"<a |<img ", render_gfm(markdown))

    plan = plan_import(text, {}, real_specs(), now=NOW)
    assert plan["ok"], plan
    assert plan_worksheets(plan)["feelings"]["values"] == {
        "need": "A walk",
        "mood": "grey",
        **KEPT,
    }
    assert not any("were not imported" in warning for warning in plan["warnings"])


def test_an_import_takes_only_kept_values_no_form_could_show() -> None:
    document = json.loads(
        export_json({"feelings": envelope("feelings", {"need": "A walk"})}, real_specs(), now=NOW)
    )
    entry = file_worksheets(document)["feelings"]
    # Text for a field the form shows would skip every check: not imported.
    entry["kept"] = {"need": "<b>unchecked</b>", "intensity": "99", "score": 7}
    plan = plan_import(json.dumps(document), {}, real_specs(), now=NOW)
    assert plan["ok"], plan
    assert plan_worksheets(plan)["feelings"]["values"] == {"need": "A walk", "score": 7}
    assert any("were not imported" in warning for warning in plan["warnings"])
    entry["kept"] = ["score", 7]
    refused = plan_import(json.dumps(document), {}, real_specs(), now=NOW)
    assert not refused["ok"] and "must be an object" in refused["error"]


# -- rounds -------------------------------------------------------------------------

STORED = {
    "current": "rb2",
    "rounds": [
        {
            "id": "r0",
            "label": "First round",
            "company": "",
            "role": "",
            "date": "",
            "created": "2026-11-01T10:00:00.000Z",
            "saved": {"feelings": envelope_v2("feelings", {"intensity": "7"}, "r0")},
        },
        {
            "id": "rb2",
            "label": "Acme, designer",
            "company": "Acme",
            "role": "designer",
            "date": "2026-11-20",
            "created": "2026-11-21T10:00:00.000Z",
            "saved": {
                "feelings": envelope_v2("feelings", {"intensity": "3"}, "rb2"),
                "feedback": envelope_v2("feedback", {"company": "Acme"}, "rb2"),
            },
        },
    ],
    "search": {"tracker": envelope_v2("tracker", {"weekly_target": "4"}, None)},
}


def test_export_carries_every_round_and_the_shared_worksheets_once() -> None:
    document = json.loads(export_json(STORED, real_specs(), NOW))
    assert document["current"] == "rb2"
    assert [r["id"] for r in document["rounds"]] == ["r0", "rb2"]
    assert document["rounds"][1]["company"] == "Acme"
    assert document["rounds"][1]["date"] == "2026-11-20"
    assert document["rounds"][0]["worksheets"]["feelings"]["values"] == {"intensity": "7"}
    assert document["rounds"][1]["worksheets"]["feelings"]["values"] == {"intensity": "3"}
    assert list(document["worksheets"]) == ["tracker"]


def test_an_archive_holds_only_the_rounds_asked_for() -> None:
    document = json.loads(export_json(STORED, real_specs(), NOW, only_rounds=["r0"]))
    assert [r["id"] for r in document["rounds"]] == ["r0"]
    assert document["worksheets"] == {}


def test_import_into_a_fresh_browser_brings_every_round_back_exactly() -> None:
    text = export_json(STORED, real_specs(), NOW)
    result = plan_import(text, {}, real_specs(), NOW)
    assert result["ok"], result
    assert [(r["id"], r["new"]) for r in result["rounds"]] == [("r0", True), ("rb2", True)]
    assert result["data"]["current"] == "rb2"
    for item, original in zip(result["data"]["rounds"], STORED["rounds"], strict=True):
        assert {k: item[k] for k in ("id", "label", "company", "role", "date", "created")} == {
            k: original[k] for k in ("id", "label", "company", "role", "date", "created")
        }
        assert item["worksheets"] == original["saved"]
    assert result["data"]["worksheets"] == STORED["search"]


def test_import_merges_by_round_id_and_lists_each_rounds_changes() -> None:
    mine = copy.deepcopy(STORED)
    mine["rounds"] = mine["rounds"][1:]  # the reader has rb2 only, and r9 of their own
    mine["rounds"].append({"id": "r9", "label": "Mine", "saved": {}})
    incoming = json.loads(export_json(STORED, real_specs(), NOW))
    incoming["rounds"][1]["label"] = "Renamed in the file"
    result = plan(incoming, mine)
    assert result["ok"], result
    rounds = {r["id"]: r for r in result["rounds"]}
    assert rounds["r0"]["new"] is True
    assert rounds["rb2"]["new"] is False
    assert rounds["rb2"]["label"] == "Acme, designer"  # the reader's name stays
    assert {c["worksheet"]: c["replaces"] for c in rounds["rb2"]["changes"]} == {
        "feelings": True,
        "feedback": True,
    }
    assert "r9" not in rounds  # untouched
    assert [c["round"] for c in result["changes"] if c["worksheet"] == "tracker"] == [None]


def test_the_journal_has_a_heading_per_round_and_the_shared_worksheets_once() -> None:
    markdown = export_markdown(STORED, real_specs(), None, NOW)
    headings = [line for line in markdown.splitlines() if line.startswith(("## ", "### "))]
    assert headings == [
        "## Round 1: First round",
        "### Feelings check\\-in",
        "## Round 2: Acme, designer",
        "### Feelings check\\-in",
        "### Feedback request",
        "## Shared by every round",
        "### Application tracker",
    ]
    assert "Company: Acme. Role: designer. Turned down on Friday 20 November 2026." in markdown


ADDRESSES = [
    "https://example.org/a?b=c",
    "see www.example.com/jobs today",
    "WWW.Example.org",
    "write to hr@example.co.uk.",
    "mailto:someone@example.net",
    "xmpp:me@example.org",
    "ftp://files.example.org/cv",
    "a|b me@x.org|c `tick`www.x.org``",
]


@pytest.mark.parametrize("text", ADDRESSES)
def test_a_markdown_export_makes_no_link_on_github(text: str) -> None:
    # GitHub finds "extended autolinks" (www., https://, e-mail addresses) in plain
    # text, past any backslash escape; the export writes them as code instead.
    saved = copy.deepcopy(SAVED)
    saved["feedback"]["values"]["company"] = text  # one line
    saved["feelings"]["values"]["checkins.0.note"] = text  # a table cell
    saved["feelings"]["values"]["need"] = f"{text}\n{text}"  # a block
    markdown = export_markdown(saved, real_specs(), None, NOW)
    html = render_gfm(markdown)
    assert "<a " not in html and "href" not in html, html
    # Every address is still there, letter for letter, once rendered.
    words = unescape(re.sub("<[^>]+>", "", html))
    assert words.count(" ".join(text.split())) >= 4


def test_a_round_in_chinese_has_no_stray_space() -> None:
    saved = exchange.SavedRound(id="r1", label="", company="Acme", role="设计师", date="2026-11-20")
    with speaking():
        text = exchange._round_details(saved)
    assert "。 " not in text
    assert "Acme" in text and "设计师" in text and "2026年11月20日" in text
