"""Hostile text through browser_py on CPython: every worksheet computes with
the corpus (tests/helpers/hostile.py) in every field, result blocks stay plain data,
charts stay inert SVG, and every export (JSON, Markdown, calendar) keeps the
reader's words as words: never markup, a link, a formula or an extra
calendar entry.

The browser test (tests/site/test_hostile_input.py) drives the same strings through the
real pages; these run in well under a second each and pin the Python side.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

from browser_py import api
from browser_py.core import manifest
from browser_py.core.blocks import BLOCK_TYPES
from browser_py.core.spec import Worksheet, iter_controls
from browser_py.core.storage import SavedDataError, check_value, slot_for
from browser_py.core.untrusted import strip_invisible
from browser_py.workbook import calendar_ics, exchange, overview
from rebound_mkdocs.utilities import layout
from tests.helpers.hostile import (
    BAD_DATES,
    BAD_NUMBERS,
    CORPUS,
    EDGE_DATES,
    EDGE_NUMBERS,
    ICS_INJECTION,
    IMG_ONERROR,
    JOURNAL_TAGS,
    LONG,
    MARKDOWN,
    RLO,
    SCRIPT,
    SCRIPTED,
    SVG_ELEMENTS,
    cut,
    form_values,
    html_elements,
    pdf_action_keys,
    pdf_page_contents,
    pdf_text_values,
    render_gfm,
    rows_of,
    shown_text,
    without_broken,
    without_controls,
)
from tests.helpers.rounds import file_worksheets, plan_worksheets
from tests.helpers.specs import envelope, real_index, real_specs

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
SVG_NS = "{http://www.w3.org/2000/svg}"


#: Characters no result string may carry: XML 1.0 forbids them, and a NUL or
#: a lone surrogate breaks JSON or the DOM further on.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

#: The textual fields each worksheet repeats in its result, by control name
#: (list rows: the name in row 0), so a test can check the words arrive.
ECHOED: dict[str, tuple[str, ...]] = {
    "feelings": ("need", "checkins.0.note"),
    "feedback": ("company", "role", "interviewer", "your_name", "extra"),
    "reflection": ("went_well", "do_differently", "feedback_notes"),
    "resilience": (),
    "learning-plan": (),
    "tracker": ("wins", "applications.0.company", "applications.0.role"),
}

NAMES = list(CORPUS)


def specs() -> dict[str, Worksheet]:
    return real_specs()


def hostile_values(
    worksheet: Worksheet, payload: str, *, rows: int = 3, offset: int = 0
) -> dict[str, Any]:
    """Raw values with ``payload`` in every text control, and hostile or
    edge-case text in every other control (cycled by ``offset``)."""
    values: dict[str, Any] = {}
    for index, control in enumerate(iter_controls(worksheet, rows_of(worksheet, rows))):
        kind = control.field.kind
        turn = index + offset
        if kind in ("text", "textarea"):
            values[control.name] = payload
        elif kind == "date":
            choices = (*BAD_DATES, *EDGE_DATES, "2026-11-18", "2026-11-24")
            values[control.name] = choices[turn % len(choices)]
        elif kind == "number":
            choices = (*BAD_NUMBERS, *EDGE_NUMBERS, "3", "0.5")
            values[control.name] = choices[turn % len(choices)]
        elif kind == "scale":
            values[control.name] = payload if turn % 3 == 0 else str(int(control.field.min or 0))
        elif kind == "choice":
            options = [option.value for option in control.field.options]
            values[control.name] = payload if turn % 2 else options[turn % len(options)]
        elif kind == "multi":
            assert control.option is not None
            picked = values.setdefault(control.name, [payload])
            if turn % 2:
                picked.append(control.option.value)
    return values


def compute(
    worksheet: Worksheet,
    values: dict[str, Any],
    context: dict | None = None,
    spec: dict | None = None,
    today: date = TODAY,
) -> dict[str, Any]:
    text = api.handle(
        json.dumps(
            {
                "action": "compute",
                "worksheet": worksheet.id,
                "spec": spec or worksheet.to_dict(),
                "values": values,
                "context": context or {},
                "today": today.isoformat(),
            }
        )
    )
    response = json.loads(text)
    assert response["ok"] is True, response
    return response


def block_strings(block: dict[str, Any]) -> list[str]:
    """Every string a block carries, the SVG markup excepted."""
    out: list[str] = []
    for key, value in block.items():
        if key in ("type", "svg", "tone"):
            continue
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            for item in value:
                out.extend(item.values() if isinstance(item, dict) else [item])
    return out


def assert_plain_blocks(response: dict[str, Any]) -> None:
    """Blocks are known types holding only strings, free of characters that
    would break the page, and figures are inert SVG."""
    for block in response["blocks"]:
        assert block["type"] in BLOCK_TYPES, block
        strings = block_strings(block)
        for text in strings:
            assert isinstance(text, str), block
            assert not FORBIDDEN.search(text), (block["type"], text[:80])
        if block["type"] == "list":
            assert isinstance(block["ordered"], bool)
        if block["type"] == "notice":
            assert block["tone"] in ("info", "warning", "success")
        if block["type"] == "figure":
            assert_inert_svg(block["svg"])
    for problem in response["problems"]:
        assert isinstance(problem["name"], str) and isinstance(problem["text"], str)
        assert not FORBIDDEN.search(problem["text"])


def assert_inert_svg(markup: str) -> ET.Element:
    """The SVG parses as XML and holds only drawing elements, no handler,
    link, style or external reference: what render.js accepts."""
    assert not FORBIDDEN.search(markup)
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG_NS}svg"
    for node in root.iter():
        assert node.tag.startswith(SVG_NS), node.tag
        assert node.tag.removeprefix(SVG_NS).lower() in SVG_ELEMENTS, node.tag
        for name, value in node.attrib.items():
            bare = name.rsplit("}", 1)[-1].lower()
            assert not bare.startswith("on"), (node.tag, name)
            assert bare not in ("href", "src", "style"), (node.tag, name)
            assert not re.search(r"url\s*\(\s*['\"]?\s*(?!#)", value, re.I), (name, value)
    lowered = markup.lower()
    for sign in ("<script", "<img", "<iframe", "<foreignobject", "javascript:", "<a "):
        assert sign not in lowered
    return root


# -- compute -----------------------------------------------------------------------


@pytest.mark.parametrize("worksheet_id", list(real_specs()))
@pytest.mark.parametrize("name", NAMES)
def test_compute_takes_hostile_text_in_every_field(worksheet_id: str, name: str) -> None:
    worksheet = specs()[worksheet_id]
    payload = CORPUS[name]
    response = compute(worksheet, hostile_values(worksheet, payload, offset=NAMES.index(name)))
    assert response["worksheet"] == worksheet_id
    assert_plain_blocks(response)


@pytest.mark.parametrize("worksheet_id", [key for key, names in ECHOED.items() if names])
def test_echoed_answers_arrive_as_the_same_words(worksheet_id: str) -> None:
    """Where a worksheet repeats what the reader wrote, the block holds the
    text itself (cleaned of what XML forbids), tags and all: the browser
    shows it as text, so nothing needs escaping, and nothing is lost."""
    worksheet = specs()[worksheet_id]
    echoed = ECHOED[worksheet_id]
    for name in NAMES:
        payload = CORPUS[name]
        if len(payload) > 120:
            continue  # cut to the field's limit, which another test covers
        values = form_values(worksheet, payload)
        response = compute(worksheet, values)
        assert_plain_blocks(response)
        joined = "\n".join(text for block in response["blocks"] for text in block_strings(block))
        for control in echoed:
            slot = slot_for(worksheet, control)
            assert slot is not None
            expected = shown_text(payload, one_line=slot.field.kind == "text")
            assert expected in joined, (worksheet_id, control, name)


def test_text_longer_than_the_limit_is_cut_with_a_notice() -> None:
    worksheet = specs()["feedback"]
    response = compute(worksheet, {"company": LONG, "role": "Analyst"})
    email = next(
        block["text"]
        for block in response["blocks"]
        if block["type"] == "copy" and block["label"] == "Email"
    )
    assert LONG[:120].rstrip() in email and LONG[:121] not in email
    assert [problem["name"] for problem in response["problems"]] == ["company"]
    assert_plain_blocks(response)


def test_context_from_other_worksheets_may_be_hostile() -> None:
    """The learning plan reads the reflection's saved answers: whatever is
    stored there (wrong types, markup, broken text) is data, not a crash."""
    worksheet = specs()["learning-plan"]
    contexts: list[dict[str, Any]] = [
        {"reflection": hostile_values(specs()["reflection"], payload)}
        for payload in CORPUS.values()
    ]
    contexts += [
        {"reflection": SCRIPT},
        {"reflection": [IMG_ONERROR]},
        {"reflection": {"research": {"__proto__": SCRIPT}}},
        {SCRIPT: {SCRIPT: SCRIPT}},
    ]
    for context in contexts:
        response = compute(worksheet, {"hours": "2", "weeks": "2", "start": "2026-11-23"}, context)
        assert_plain_blocks(response)


@pytest.mark.parametrize("today", [date(1, 1, 1), date(9999, 12, 31), date(9999, 12, 25)])
def test_edge_dates_never_crash(today: date) -> None:
    for worksheet in specs().values():
        for offset in range(len(EDGE_DATES) + len(BAD_DATES) + 2):
            response = compute(
                worksheet, hostile_values(worksheet, RLO, offset=offset), today=today
            )
            assert_plain_blocks(response)


# -- charts ------------------------------------------------------------------------


def hostile_spec(worksheet: Worksheet, payload: str) -> dict[str, Any]:
    """The worksheet's spec with every label, option label and title
    replaced by ``payload``: the texts the charts draw come from the spec, so
    this is how hostile text reaches an SVG."""
    data = worksheet.to_dict()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("title", "label", "min_label", "max_label", "unit", "item_label"):
                if isinstance(node.get(key), str):
                    node[key] = payload
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(data)
    return data


CHART_PAYLOADS = [
    SCRIPT,
    IMG_ONERROR,
    CORPUS["svg_onload"],
    CORPUS["title_breakout"],
    CORPUS["cdata_end"],
    CORPUS["entities"],
    CORPUS["nul"],
    CORPUS["lone_surrogates"],
    CORPUS["controls"],
    CORPUS["emoji"],
    RLO,
]


@pytest.mark.parametrize("payload", CHART_PAYLOADS)
@pytest.mark.parametrize("worksheet_id", ["reflection", "tracker"])
def test_charts_draw_hostile_labels_as_escaped_text(worksheet_id: str, payload: str) -> None:
    """The reflection's bars are labelled with its fields' labels, the
    tracker's columns with its stages' labels (the feelings chart draws only
    dates and numbers)."""
    worksheet = specs()[worksheet_id]
    spec = hostile_spec(worksheet, payload)
    values = form_values(worksheet, "note")
    if worksheet_id == "tracker":
        values.update({"applications.0.stage": "interview", "applications.1.stage": "offer"})
    response = compute(worksheet, values, spec=spec)
    assert_plain_blocks(response)
    figures = [block for block in response["blocks"] if block["type"] == "figure"]
    assert figures, "the worksheet drew no chart"
    visible = shown_text(payload, one_line=True)
    drawn = ""
    for figure in figures:
        root = assert_inert_svg(figure["svg"])
        drawn += " ".join(" ".join("".join(node.itertext()).split()) for node in root)
    # The label is drawn (shortened to fit, perhaps) as text, not as markup.
    assert visible[:8] in drawn, (visible[:8], drawn[:300])


# -- exports -----------------------------------------------------------------------


def hostile_saved(payloads: dict[str, str] | str) -> dict[str, dict[str, Any]]:
    """Saved entries for all six worksheets with ``payloads`` in their text
    fields (one string everywhere, or per control name)."""
    return {
        worksheet_id: envelope(worksheet_id, form_values(worksheet, payloads))
        for worksheet_id, worksheet in specs().items()
    }


def fits(payload: str) -> bool:
    return len(payload) <= 80  # the shortest max_length among the text fields


def render_markdown(text: str) -> tuple[list[tuple[str, dict[str, str]]], str]:
    return html_elements(MARKDOWN.render(text))


def visible(text: str) -> str:
    """The words of ``text`` as a reader sees them once rendered: line breaks
    and tabs as spaces, control and hiding characters gone, spaces collapsed."""
    return " ".join(without_controls(re.sub("[\r\n\t]", " ", text)).split())


@pytest.mark.parametrize("name", NAMES)
def test_markdown_export_keeps_hostile_text_as_text(name: str) -> None:
    payload = CORPUS[name]
    saved = hostile_saved(payload if fits(payload) else payload[:80])
    steps = manifest.steps_from_index(real_index())
    lines = overview.summaries(saved, steps, TODAY)
    markdown = exchange.export_markdown(saved, specs(), lines, NOW)
    elements, text = render_markdown(markdown)

    tags = {tag for tag, _ in elements}
    assert tags <= JOURNAL_TAGS, tags - JOURNAL_TAGS
    assert [attrs for _, attrs in elements if attrs] == []  # no href, src, on*, style
    counts = [tag for tag, _ in elements]
    assert counts.count("h1") == 1
    # One round and the shared worksheets, nothing left out; one h3 per worksheet.
    assert counts.count("h2") == 2
    assert counts.count("h3") == 6
    assert counts.count("table") == 4  # check-ins, applications, conversations, if-then plans

    # The words are all there, as text: escaping is not deleting.
    flat = " ".join(text.split())
    expected = visible(without_broken(payload if fits(payload) else payload[:80]))
    assert expected in flat, (expected[:60], flat[:300])
    assert_formulas_neutral(markdown)
    # GitHub's renderer, with its autolinks and raw HTML, makes no element of the words either.
    gfm_tags = {tag for tag, _ in html_elements(render_gfm(markdown))[0]}
    assert gfm_tags <= JOURNAL_TAGS, gfm_tags - JOURNAL_TAGS


def assert_formulas_neutral(markdown: str) -> None:
    """No line and no table cell of the Markdown source starts with a
    character a spreadsheet reads as a formula (a backslash comes first)."""
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            if all(re.fullmatch(r"-{3,}", cell) for cell in cells):
                continue  # the header's delimiter row
            for cell in cells:
                assert cell[:1] not in ("=", "+", "-", "@"), line
        elif line.startswith("- "):
            assert line[2:3] not in ("=", "+", "-", "@"), line
        else:
            assert line[:1] not in ("=", "+", "-", "@", "\t", "\r"), line


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("escape", ["line", "cell", "block"])
def test_markdown_escapes_render_to_the_same_words(name: str, escape: str) -> None:
    payload = CORPUS[name]
    if escape == "cell":
        source = "| a |\n| --- |\n| " + exchange.escape_markdown_cell(payload) + " |\n"
        allowed = {"table", "thead", "tbody", "tr", "th", "td", "code"}
    elif escape == "line":
        source = "**Label**: " + exchange.escape_markdown_line(payload) + "\n"
        allowed = {"p", "strong", "code"}
    else:
        source = exchange.escape_markdown_block(payload) + "\n"
        allowed = {"p", "br", "code"}
    elements, text = render_markdown(source)
    assert {tag for tag, _ in elements} <= allowed, (source[:200], elements[:5])
    assert [attrs for _, attrs in elements if attrs] == []
    assert visible(payload) in " ".join(text.split())
    assert_formulas_neutral(source)


@pytest.mark.parametrize("name", NAMES)
def test_json_export_keeps_the_exact_words_and_imports_back(name: str) -> None:
    payload = CORPUS[name][:80]
    saved = hostile_saved(payload)
    document = json.loads(exchange.export_json(saved, specs(), NOW))
    for worksheet_id, entry in saved.items():
        expected = {
            key: without_broken(value) if isinstance(value, str) else value
            for key, value in entry["values"].items()
        }
        expected = {key: value for key, value in expected.items() if value != ""}
        assert file_worksheets(document)[worksheet_id]["values"] == expected
    plan = exchange.plan_import(json.dumps(document), {}, specs(), NOW)
    assert plan["ok"] is True, plan
    # The import takes the words back without direction overrides and
    # zero-width spaces (untrusted.INVISIBLE), and says so.
    assert {
        worksheet_id: entry["values"] for worksheet_id, entry in plan_worksheets(plan).items()
    } == {
        worksheet_id: {key: stripped(value) for key, value in entry["values"].items()}
        for worksheet_id, entry in file_worksheets(document).items()
    }
    assert any("invisible formatting" in warning for warning in plan["warnings"]) == (
        stripped(payload) != payload
    )


def stripped(value: object) -> object:
    if isinstance(value, list):
        return [strip_invisible(item) for item in value]
    return strip_invisible(value) if isinstance(value, str) else value


def test_import_names_hostile_keys_as_plain_text() -> None:
    """Unknown worksheets, fields and keys are skipped with a warning that
    quotes them; the quote is text (the page shows it with textContent)."""
    saved = hostile_saved("fine")
    document = json.loads(exchange.export_json(saved, specs(), NOW))
    document[SCRIPT] = IMG_ONERROR
    document["worksheets"][IMG_ONERROR] = {"saved_at": "2026-11-20T18:00:00Z", "values": {}}
    document["rounds"][0]["worksheets"]["feelings"]["values"][CORPUS["svg_onload"]] = "x"
    plan = exchange.plan_import(json.dumps(document), {}, specs(), NOW)
    assert plan["ok"] is True, plan
    warnings = " ".join(plan["warnings"])
    assert SCRIPT in warnings and IMG_ONERROR[:39] in warnings
    assert all(
        isinstance(warning, str) and not FORBIDDEN.search(warning) for warning in plan["warnings"]
    )
    assert set(plan_worksheets(plan)) == set(specs())


@pytest.mark.parametrize(
    "company",
    [
        ICS_INJECTION,
        CORPUS["ics_fold"],
        SCRIPT,
        RLO,
        CORPUS["zero_width"],
        CORPUS["emoji"],
        CORPUS["nul"],
        CORPUS["lone_surrogates"],
        CORPUS["controls"],
        CORPUS["line_separators"],
        "x" * 120,
        "é" * 120,
    ],
)
def test_calendar_keeps_hostile_text_inside_its_own_event(company: str) -> None:
    saved = {
        "feedback": envelope(
            "feedback", {"company": company, "role": company, "decision_date": "2026-11-24"}
        ),
        "feelings": envelope("feelings", {"checkin_date": "2026-11-25", "need": company}),
        "learning-plan": envelope(
            "learning-plan",
            {"start": "2026-11-30", "hours": "2", "weeks": "1", "focus": ["stories"]},
        ),
    }
    steps = manifest.steps_from_index(real_index())
    result = calendar_ics.build_calendar(saved, steps, TODAY)
    ics = result["ics"]
    # Every line ends in CR LF, folded at 75 octets; no bare CR or LF anywhere.
    assert ics.endswith("\r\n")
    for line in ics.split("\r\n")[:-1]:
        assert "\r" not in line and "\n" not in line
        assert len(line.encode("utf-8")) <= 75
    calendar = icalendar.Calendar.from_ical(ics)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == result["events"] == 5  # check-in, send, follow-up, 2 sessions
    lines = ics.replace("\r\n ", "").split("\r\n")  # unfolded content lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 5
    assert lines.count("BEGIN:VCALENDAR") == lines.count("END:VCALENDAR") == 1
    assert not any(line.startswith("SUMMARY:injected") for line in lines)
    summaries = sorted(str(event["SUMMARY"]) for event in events)
    name = visible(without_broken(company))
    assert f"Send your feedback request to {name}" in summaries
    assert f"Follow up on your feedback request to {name}" in summaries
    for event in events:
        for key in ("SUMMARY", "DESCRIPTION"):
            assert not FORBIDDEN.search(str(event[key]))


def test_ascii_digits_only_in_saved_dates_and_numbers() -> None:
    """A date or number field in the browser holds ASCII digits only (its
    value sanitisation empties anything else), so a saved or imported value
    in other digits would vanish from the form at the next save: the checks
    refuse it with a message instead."""
    feedback, tracker = specs()["feedback"], specs()["tracker"]
    date_slot = slot_for(feedback, "decision_date")
    number_slot = slot_for(tracker, "weekly_target")
    assert date_slot is not None and number_slot is not None
    for value in (
        "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0662\u0660",
        "\uff12\uff10\uff12\uff16-\uff11\uff11-\uff12\uff10",
    ):
        with pytest.raises(SavedDataError, match="YYYY-MM-DD"):
            check_value(date_slot, value)
    for value in ("\u0661\u0662", "\uff11\uff12"):
        with pytest.raises(SavedDataError, match="must be a number"):
            check_value(number_slot, value)
    assert slot_for(tracker, "applications.\u0661.company") is None


# -- the filled PDF -------------------------------------------------------------------


def test_filled_pdf_holds_the_corpus_as_field_values(built_site: Path) -> None:
    """Through the real entry point (``handle_with_data``, as the worker
    calls it): every payload ends up as a text field's value, exactly (less
    NUL and lone surrogates), and the PDF gains no action, link or page
    content."""
    blank = (built_site / layout.WORKBOOK_PDF).read_bytes()
    index = json.loads((built_site / layout.MANIFEST).read_text("utf-8"))
    # Long texts hold the whole corpus, line by line (the long payload last,
    # cut at the field's limit); one-line fields take the payloads in turn.
    payloads = [value for name, value in CORPUS.items() if name != "long"] + [SCRIPTED]
    everything = "\n".join([*payloads, LONG])
    turn = 0
    saved: dict[str, dict[str, Any]] = {}
    expected: dict[str, str] = {}
    for worksheet_id, worksheet in specs().items():
        text: dict[str, str] = {}
        for control in iter_controls(worksheet, rows_of(worksheet, 4)):
            if control.field.kind == "textarea":
                text[control.name] = cut(everything, control.field.max_length)
            elif control.field.kind == "text":
                text[control.name] = cut(payloads[turn % len(payloads)], control.field.max_length)
                turn += 1
            if control.name in text:
                expected[control.pdf_name] = without_broken(text[control.name])
        saved[worksheet_id] = envelope(worksheet_id, form_values(worksheet, text, rows=4))
    reply, filled = api.handle_with_data(
        json.dumps({"action": "fill_pdf", "index": index, "saved": saved}), blank
    )
    response = json.loads(reply)
    assert response["ok"] is True, response
    assert filled is not None and filled.startswith(blank)  # an incremental update
    values = pdf_text_values(filled)
    assert {name: values.get(name) for name in expected} == expected
    assert pdf_action_keys(filled) == pdf_action_keys(blank)
    assert pdf_page_contents(filled) == pdf_page_contents(blank)
