"""Filling the real workbook PDF with saved answers (``browser_py.workbook.pdf_fill``),
on CPython, against the PDF the site builds.

Answers are read back with pypdf alone (:func:`read_answers`), not with the
module under test, and compared with what was saved: every answer in its
field, nothing else filled, hostile text kept as a value and never as
content, list rows that do not fit reported.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject

from browser_py import api
from browser_py.core.manifest import specs_of, steps_from_index
from browser_py.core.spec import Field, Worksheet, parse_worksheet
from browser_py.workbook import pdf_fill
from rebound_mkdocs.utilities import layout
from tests.helpers.specs import envelope

PDF_PATH = layout.WORKBOOK_PDF

#: One answer of every kind in every worksheet, list rows from 0 and within
#: the five rows the PDF prints.
SAVED: dict[str, dict] = {
    "feelings": envelope(
        "feelings",
        {
            "emotions": ["sad", "tired", "hopeful"],
            "intensity": "7",
            "need": "A walk, then an early night.\nCall Sam on Sunday.",
            "checkin_date": "2026-11-27",
            "checkins.0.date": "2026-11-28",
            "checkins.0.intensity": "5",
            "checkins.0.note": "Slept better",
            "checkins.1.date": "2026-12-01",
            "checkins.1.intensity": "0",
        },
    ),
    "feedback": envelope(
        "feedback",
        {
            "company": "Acme, Inc.",
            "role": "Data analyst",
            "interviewer": "Dana Lee",
            "interview_date": "2026-11-10",
            "decision_date": "2026-11-18",
            "learn": ["skills", "future"],
            "tone": "brief",
            "your_name": "Alex",
            "extra": "Thanks again for your time.",
        },
    ),
    "reflection": envelope(
        "reflection",
        {
            "research": "4",
            "role_fit": "3",
            "stories": "2",
            "technical": "5",
            "questions": "1",
            "composure": "3",
            "went_well": "Clear examples.",
            "do_differently": "Slow down.",
            "feedback_areas": ["stories", "composure"],
            "feedback_notes": "Ask about pacing.",
        },
    ),
    "resilience": envelope(
        "resilience",
        {
            "situation": "No offer after the final round.",
            "thought": "I am not good enough.",
            "belief_before": "8",
            "evidence_for": "They chose someone else.",
            "evidence_against": "I reached the final round.",
            "balanced": "I was close.",
            "belief_after": "4",
            "practices": ["move", "talk", "kindness"],
        },
    ),
    "learning-plan": envelope(
        "learning-plan",
        {
            "focus": ["stories", "technical"],
            "hours": "2.5",
            "start": "2026-11-30",
            "weeks": "4",
            "methods": ["mock", "reading"],
        },
    ),
    "tracker": envelope(
        "tracker",
        {
            "weekly_target": "5",
            "since": "2026-11-01",
            "applications.0.company": "Globex",
            "applications.0.role": "Analyst",
            "applications.0.stage": "interview",
            "applications.0.applied": "2026-11-03",
            "applications.0.last_contact": "2026-11-12",
            "applications.1.company": "Initech",
            "applications.1.stage": "applied",
            "wins": "Two interviews this month.",
        },
    ),
}

HOSTILE = (
    "<script>alert('x')</script> ) Tj ET (\\) /JS (app.alert(1)) "
    "\u202eevil\u202c \u0645\u0631\u062d\u0628\u0627 \U0001f600 %%EOF endobj \x00end"
)


# -- reading a PDF back with pypdf alone ----------------------------------------------


def read_answers(pdf: bytes) -> dict[str, str]:
    """``{field name: value}`` of every field that holds one: text and choice
    fields as their text, a ticked check box as ``"checked"``, a radio group
    as the option its state stands for (a state ``/n`` indexes ``/Opt``)."""
    out: dict[str, str] = {}
    for name, field in (PdfReader(io.BytesIO(pdf)).get_fields() or {}).items():
        value = field.get("/V")
        if value is None or str(value) in ("", "/Off"):
            continue
        if field.get("/FT") != "/Btn":
            out[name] = str(value)
            continue
        state = str(value)
        assert state in (field.get("/_States_") or []), (name, state)
        if not int(field.get("/Ff") or 0) & (1 << 15):
            out[name] = "checked"
            continue
        options = field.get("/Opt")
        index = state[1:]
        out[name] = (
            str(options[int(index)]) if options is not None and index.isdigit() else state[1:]
        )
    return out


def expected_answers(saved: dict[str, dict]) -> dict[str, str]:
    """What :func:`read_answers` must find for ``saved`` (rows from 0, all fitting)."""
    out: dict[str, str] = {}
    for worksheet, entry in saved.items():
        for name, value in entry["values"].items():
            if isinstance(value, list):
                out.update({f"{worksheet}.{name}.{option}": "checked" for option in value})
            else:
                out[f"{worksheet}.{name}"] = value
    return out


def widgets(pdf: bytes) -> dict[str, list]:
    """Field name -> its widget annotations, from the pages' annotations."""
    found: dict[str, list] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Widget":
                continue
            field = annotation if "/T" in annotation else annotation["/Parent"].get_object()
            found.setdefault(str(field["/T"]), []).append(annotation)
    return found


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank(built_site: Path) -> bytes:
    return (built_site / PDF_PATH).read_bytes()


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict:
    return json.loads((built_site / layout.MANIFEST).read_text("utf-8"))


@pytest.fixture(scope="module")
def specs(index: dict) -> dict[str, Worksheet]:
    return specs_of(steps_from_index(index))


@pytest.fixture(scope="module")
def filled(blank: bytes, specs: dict[str, Worksheet]) -> pdf_fill.Filled:
    return pdf_fill.fill(blank, SAVED, specs)


# -- every answer in its field ------------------------------------------------------------


def test_saved_data_covers_every_kind_the_worksheets_use(specs: dict[str, Worksheet]) -> None:
    def kinds(fields: tuple[Field, ...]) -> set[str]:
        return {f.kind for f in fields} | {k for f in fields for k in kinds(f.fields)}

    used = set().union(*(kinds(worksheet.fields) for worksheet in specs.values()))
    covered = {
        f.kind for ws, e in SAVED.items() for name in e["values"] for f in [_field(specs[ws], name)]
    } | {"list"}
    assert used <= covered, used - covered


def _field(worksheet: Worksheet, name: str) -> Field:
    parts = name.split(".")
    field = worksheet.field(parts[0])
    return next(f for f in field.fields if f.id == parts[2]) if len(parts) == 3 else field


def test_every_answer_is_in_its_field_and_nothing_else_is(
    filled: pdf_fill.Filled, blank: bytes
) -> None:
    assert read_answers(blank) == {}
    assert read_answers(filled.pdf) == expected_answers(SAVED)
    assert filled.notes == ()
    assert filled.worksheets == 6
    assert filled.answers == sum(len(entry["values"]) for entry in SAVED.values())


def test_buttons_show_their_state_and_text_fields_have_appearances(filled: pdf_fill.Filled) -> None:
    reader = PdfReader(io.BytesIO(filled.pdf))
    fields = reader.get_fields() or {}
    answers = read_answers(filled.pdf)
    for name, found in widgets(filled.pdf).items():
        field = fields[name]
        if field.get("/FT") == "/Btn":
            chosen = str(field.get("/V") or "/Off")
            shown = [str(a.get("/AS")) for a in found]
            on = [state for state in shown if state != "/Off"]
            # The widget a viewer draws as ticked is the one the value names.
            assert on == ([chosen] if chosen != "/Off" else []), (name, shown, chosen)
        elif name in answers:
            for annotation in found:
                stream = annotation["/AP"]["/N"].get_object()
                assert stream.get_data(), name


def test_viewers_are_asked_to_redraw_the_fields(blank: bytes, specs: dict[str, Worksheet]) -> None:
    writer = PdfWriter(io.BytesIO(blank))
    del writer.root_object["/AcroForm"]["/NeedAppearances"]
    out = io.BytesIO()
    writer.write(out)
    without = out.getvalue()
    assert "/NeedAppearances" not in PdfReader(io.BytesIO(without)).trailer["/Root"]["/AcroForm"]
    result = pdf_fill.fill(without, {"feedback": SAVED["feedback"]}, specs)
    form = PdfReader(io.BytesIO(result.pdf)).trailer["/Root"]["/AcroForm"]
    assert bool(form["/NeedAppearances"]) is True


def test_the_original_pdf_is_kept_byte_for_byte(filled: pdf_fill.Filled, blank: bytes) -> None:
    """An incremental update: the built PDF, then the changed fields."""
    assert filled.pdf.startswith(blank)
    assert len(filled.pdf) > len(blank)
    before, after = PdfReader(io.BytesIO(blank)), PdfReader(io.BytesIO(filled.pdf))
    assert len(after.pages) == len(before.pages)
    assert set(after.get_fields() or {}) == set(before.get_fields() or {})


def test_fill_workbook_gives_the_bytes(
    filled: pdf_fill.Filled, blank: bytes, specs: dict[str, Worksheet]
) -> None:
    assert pdf_fill.fill_workbook(blank, SAVED, specs) == filled.pdf


def test_the_font_cache_changes_nothing_in_the_output(
    blank: bytes, specs: dict[str, Worksheet], filled: pdf_fill.Filled
) -> None:
    assert pdf_fill.fill(blank, SAVED, specs, reuse_fonts=False).pdf == filled.pdf


# -- hostile text -----------------------------------------------------------------------------


def _stream_operators(pdf: bytes, name: str) -> list[bytes]:
    reader = PdfReader(io.BytesIO(pdf))
    (annotation,) = widgets(pdf)[name]
    stream = annotation["/AP"]["/N"].get_object()
    return [operator for _, operator in ContentStream(stream, reader).operations]


def test_hostile_text_stays_a_field_value(blank: bytes, specs: dict[str, Worksheet]) -> None:
    saved = {
        "feelings": envelope("feelings", {"need": HOSTILE, "checkins.0.note": HOSTILE}),
        "feedback": envelope("feedback", {"company": HOSTILE[:120]}),
    }
    result = pdf_fill.fill(blank, saved, specs)
    answers = read_answers(result.pdf)
    without_nul = HOSTILE.replace("\x00", "")
    assert answers == {
        "feelings.need": without_nul,
        "feelings.checkins.0.note": without_nul,
        "feedback.company": HOSTILE[:120].replace("\x00", ""),
    }

    # Nothing became an action or script: the PDF gains no JavaScript, and the
    # drawn text of the field uses the same operators as a harmless answer.
    for key in (b"/JavaScript", b"/JS ", b"/OpenAction", b"/AA", b"/Launch", b"/URI"):
        assert result.pdf.count(key) == blank.count(key), key
    plain = pdf_fill.fill(blank, {"feelings": envelope("feelings", {"need": "Plain words"})}, specs)
    assert set(_stream_operators(result.pdf, "feelings.need")) <= set(
        _stream_operators(plain.pdf, "feelings.need")
    )


def test_nul_is_removed_and_nothing_else(blank: bytes, specs: dict[str, Worksheet]) -> None:
    text = "a\x00b\u200bc \ufeff\u202ed"
    result = pdf_fill.fill(blank, {"feedback": envelope("feedback", {"role": text})}, specs)
    assert read_answers(result.pdf) == {"feedback.role": "ab\u200bc \ufeff\u202ed"}


# -- list rows ---------------------------------------------------------------------------------


def test_rows_are_packed_in_order_and_the_ones_that_do_not_fit_are_reported(
    blank: bytes, specs: dict[str, Worksheet]
) -> None:
    # Seven applications, with row 2 left blank by the reader: six have answers.
    values = {f"applications.{row}.company": f"Company {row}" for row in (0, 1, 3, 4, 5, 6, 7)}
    values["applications.3.stage"] = "offer"
    result = pdf_fill.fill(blank, {"tracker": envelope("tracker", values)}, specs)
    answers = read_answers(result.pdf)
    rows = pdf_fill.rows_in_pdf(
        specs["tracker"],
        specs["tracker"].field("applications"),
        set(PdfReader(io.BytesIO(blank)).get_fields() or {}),
    )
    assert rows == 5
    assert answers == {
        "tracker.applications.0.company": "Company 0",
        "tracker.applications.1.company": "Company 1",
        "tracker.applications.2.company": "Company 3",
        "tracker.applications.2.stage": "offer",
        "tracker.applications.3.company": "Company 4",
        "tracker.applications.4.company": "Company 5",
    }
    (note,) = result.notes
    assert "room for 5 applications" in note and "other 2 are not in it" in note


# -- what cannot be filled ---------------------------------------------------------------------


def test_unreadable_entries_and_answers_without_a_field_become_notes(
    blank: bytes, specs: dict[str, Worksheet]
) -> None:
    newer = dict(specs)
    spec = specs["feedback"].to_dict()
    spec["fields"].append({"id": "added_later", "label": "Added later", "kind": "text"})
    newer["feedback"] = parse_worksheet(spec)
    saved = {
        "feedback": envelope("feedback", {"company": "Acme", "added_later": "Not in the PDF"}),
        "reflection": {"schema": 9, "worksheet": "reflection", "values": {}},
    }
    result = pdf_fill.fill(blank, saved, newer)
    assert read_answers(result.pdf) == {"feedback.company": "Acme"}
    assert any("Reflection" in note or "reflection" in note.lower() for note in result.notes)
    assert any("1 answer has no field in this PDF" in note for note in result.notes)


def test_a_file_that_is_not_the_workbook_is_refused_with_a_reason(
    blank: bytes, specs: dict[str, Worksheet]
) -> None:
    with pytest.raises(pdf_fill.PdfFillError, match="not a PDF"):
        pdf_fill.fill(b"<html>404</html>", SAVED, specs)
    with pytest.raises(pdf_fill.PdfFillError, match="could not be read"):
        pdf_fill.fill(b"%PDF-1.7\n" + b"\x00" * 100, SAVED, specs)
    plain = PdfWriter()
    plain.add_blank_page(200, 200)
    out = io.BytesIO()
    plain.write(out)
    with pytest.raises(pdf_fill.PdfFillError, match="no form fields"):
        pdf_fill.fill(out.getvalue(), SAVED, specs)


def test_a_field_of_another_type_is_skipped_not_forced(
    blank: bytes, specs: dict[str, Worksheet]
) -> None:
    """A PDF whose "tone" is a text field gets the text; a check box that
    became a text field is left alone and counted."""
    writer = PdfWriter(io.BytesIO(blank))
    for field in writer.root_object["/AcroForm"]["/Fields"]:
        field = field.get_object()
        if field.get("/T") == "feedback.learn.skills":
            field[NameObject("/FT")] = NameObject("/Tx")
    out = io.BytesIO()
    writer.write(out)
    saved = {"feedback": envelope("feedback", {"learn": ["skills", "future"]})}
    result = pdf_fill.fill(out.getvalue(), saved, specs)
    assert read_answers(result.pdf) == {"feedback.learn.future": "checked"}
    assert any("1 answer could not be set" in note for note in result.notes)


def test_without_pypdf_the_reader_is_told_the_tools_are_missing(
    blank: bytes, specs: dict[str, Worksheet], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(pdf_fill.PdfFillError, match="PDF tools are not loaded"):
        pdf_fill.fill(blank, SAVED, specs)


# -- through the API, as the worker calls it ---------------------------------------------------


def test_handle_with_data_fills_and_returns_the_bytes(
    blank: bytes, index: dict, filled: pdf_fill.Filled
) -> None:
    request = json.dumps({"action": "fill_pdf", "index": index, "saved": SAVED})
    text, data = api.handle_with_data(request, memoryview(blank))
    response = json.loads(text)
    assert response == {
        "ok": True,
        "filename": "rebound-workbook-filled.pdf",
        "mime": "application/pdf",
        "answers": filled.answers,
        "worksheets": 6,
        "notes": [],
    }
    assert data == filled.pdf


def test_fill_pdf_needs_the_pdf_and_says_so(index: dict) -> None:
    request = json.dumps(
        {"action": "fill_pdf", "index": index, "saved": SAVED, "binary": "JVBERi0xLjc="}
    )  # JSON can never smuggle the bytes in
    response = json.loads(api.handle(request))
    assert response["ok"] is False and "needs the workbook PDF" in response["error"]
    text, data = api.handle_with_data(request, None)
    assert data is None and "needs the workbook PDF" in json.loads(text)["error"]
    text, data = api.handle_with_data(request, "not bytes")
    assert data is None and "must be bytes, not str" in json.loads(text)["error"]


def test_a_pdf_error_reaches_the_reader_as_a_message(index: dict) -> None:
    request = json.dumps({"action": "fill_pdf", "index": index, "saved": SAVED})
    text, data = api.handle_with_data(request, b"not a pdf")
    assert data is None
    assert json.loads(text) == {
        "ok": False,
        "error": "The file the site sent is not a PDF, so it cannot be filled in.",
    }
