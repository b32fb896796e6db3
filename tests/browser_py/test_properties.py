"""Property tests: whatever the form (or a damaged save) sends, handle() answers.

For each of the six real specs, raw values are generated control by control
from the spec, mixing valid answers with junk: arbitrary text (NUL, RTL
marks, emoji, lone surrogates), wrong JSON types, out-of-range numbers,
impossible dates and names the form never had. Every response must be
``ok`` with well-formed blocks, and every chart must parse as XML.
"""

from __future__ import annotations

import json
import string
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser_py.api import ACTIONS, handle
from browser_py.core.answers import normalise
from browser_py.core.spec import Field, Worksheet, iter_controls
from tests.helpers.responses import check_response
from tests.helpers.specs import real_specs

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Characters that break naive code: NUL and other controls, bidi overrides,
#: emoji, combining marks, a lone surrogate, XML specials.
NASTY = "\x00\x01\x07\x0b\x1b\x7f\u202e\u200f\u2028\ufeff\ufffe\U0001f600\u0301\ud800<>&\"'"

nasty_text = st.text(
    alphabet=st.sampled_from(NASTY)
    | st.characters(codec="utf-8")
    | st.sampled_from(string.printable),
    max_size=60,
)
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | nasty_text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
bad_dates = st.sampled_from(
    [
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "20-11-2026",
        "2026/11/20",
        "2026-11-20T10:00",
        " 2026-11-20 ",
        "tomorrow",
        "9999-12-31",
        "0001-01-01",
    ]
)


def valid_value(spec: Field) -> st.SearchStrategy[Any]:
    if spec.kind in ("text", "textarea"):
        return st.text(max_size=spec.max_length + 5)
    if spec.kind == "scale":
        return st.sampled_from([str(value) for value in spec.scale_values()])
    if spec.kind == "choice":
        return st.sampled_from(spec.option_values())
    if spec.kind == "multi":
        return st.lists(st.sampled_from(spec.option_values()), max_size=len(spec.options))
    if spec.kind == "date":
        return st.dates().map(date.isoformat)
    if spec.kind == "number":
        low = spec.min if spec.min is not None else -1000
        high = spec.max if spec.max is not None else 1000
        return st.floats(min_value=low, max_value=high).map(lambda value: f"{value:g}")
    return st.none()


def junk_value(spec: Field) -> st.SearchStrategy[Any]:
    extra: st.SearchStrategy[Any] = json_values
    if spec.kind in ("scale", "number"):
        extra = (
            extra
            | st.integers(-(10**6), 10**6).map(str)
            | st.sampled_from(
                ["1e999", "-0", "NaN", "Infinity", "2,5", "1_000", " 7 ", "7.0", "\u0667"]
            )
        )
    if spec.kind == "date":
        extra = extra | bad_dates
    if spec.kind == "multi":
        extra = extra | st.lists(nasty_text | st.sampled_from(spec.option_values()), max_size=6)
    return extra


def any_value(spec: Field) -> st.SearchStrategy[Any]:
    return st.one_of(valid_value(spec), valid_value(spec), junk_value(spec), st.none())


@st.composite
def raw_values(draw: st.DrawFn, worksheet: Worksheet) -> dict[str, Any]:
    rows = {
        spec.id: draw(st.integers(0, min(spec.max_rows, 8)))
        for spec in worksheet.fields
        if spec.kind == "list"
    }
    out: dict[str, Any] = {}
    for control in iter_controls(worksheet, rows):
        if control.name in out or draw(st.integers(0, 5)) == 0:
            continue  # some controls are simply absent, as in an untouched form
        out[control.name] = draw(any_value(control.field))
    for spec in worksheet.fields:
        if spec.kind == "list" and draw(st.booleans()):
            # A row far beyond the others, and a row index the form never makes.
            sub = draw(st.sampled_from(spec.fields))
            out[f"{spec.id}.{draw(st.integers(0, 10**6))}.{sub.id}"] = draw(any_value(sub))
            out[f"{spec.id}.{draw(nasty_text)}.{sub.id}"] = draw(json_values)
    out.update(draw(st.dictionaries(nasty_text, json_values, max_size=3)))
    return out


def context_strategy() -> st.SearchStrategy[dict[str, Any]]:
    reflection = real_specs()["reflection"]
    return st.fixed_dictionaries(
        {},
        optional={
            "reflection": raw_values(reflection) | json_values,
            "feelings": json_values,
        },
    )


def run(worksheet: Worksheet, values: object, context: object, today: date) -> dict[str, Any]:
    body = {
        "action": "compute",
        "worksheet": worksheet.id,
        "spec": worksheet.to_dict(),
        "values": values,
        "context": context,
        "today": today.isoformat(),
    }
    text = handle(json.dumps(body))
    assert isinstance(text, str)
    return json.loads(text)


@pytest.mark.parametrize(
    "worksheet_id", ["feelings", "feedback", "reflection", "resilience", "learning-plan", "tracker"]
)
@SETTINGS
@given(data=st.data())
def test_compute_answers_anything_the_form_can_send(worksheet_id: str, data: st.DataObject) -> None:
    worksheet = real_specs()[worksheet_id]
    values = data.draw(raw_values(worksheet), label="values")
    context = data.draw(context_strategy(), label="context")
    today = data.draw(st.dates(), label="today")
    response = run(worksheet, values, context, today)
    assert response["ok"] is True, response
    check_response(response, worksheet)
    if worksheet_id == "learning-plan":
        for session in response["sessions"]:
            assert date.fromisoformat(session["date"])
            assert isinstance(session["title"], str) and session["minutes"] >= 0


@SETTINGS
@given(
    values=st.dictionaries(
        st.sampled_from(
            [
                "emotions",
                "intensity",
                "checkin_date",
                "checkins.0.date",
                "checkins.0.intensity",
                "need",
            ]
        )
        | nasty_text,
        json_values,
        max_size=8,
    )
)
def test_normalise_never_raises_on_any_json(values: dict[str, Any]) -> None:
    answers = normalise(real_specs()["feelings"], values)
    assert set(answers.values) == {spec.id for spec in real_specs()["feelings"].fields}
    assert all(isinstance(problem.text, str) for problem in answers.problems)


@SETTINGS
@given(payload=st.text(max_size=200) | json_values.map(json.dumps))
def test_handle_never_raises_on_any_text(payload: str) -> None:
    response = json.loads(handle(payload))
    assert isinstance(response, dict) and isinstance(response["ok"], bool)
    if not response["ok"]:
        assert isinstance(response["error"], str) and response["error"]


@SETTINGS
@given(
    action=json_values.filter(lambda value: not isinstance(value, str) or value not in ACTIONS),
    worksheet=json_values,
    values=json_values,
    context=json_values,
    today=json_values,
)
def test_handle_never_raises_on_wrong_request_types(
    action: object, worksheet: object, values: object, context: object, today: object
) -> None:
    spec = real_specs()["tracker"].to_dict()
    body = {
        "action": action,
        "worksheet": worksheet,
        "spec": spec,
        "values": values,
        "context": context,
        "today": today,
    }
    response = json.loads(handle(json.dumps(body)))
    assert response["ok"] is False  # the action is never "compute" here...
    assert isinstance(response["error"], str)


@SETTINGS
@given(values=json_values, context=json_values, today=st.none() | st.dates().map(str))
def test_compute_with_wrong_container_types_is_ok_or_a_clear_error(
    values: object, context: object, today: str | None
) -> None:
    worksheet = real_specs()["tracker"]
    body = {
        "action": "compute",
        "worksheet": "tracker",
        "spec": worksheet.to_dict(),
        "values": values,
        "context": context,
        "today": today,
    }
    response = json.loads(handle(json.dumps(body)))
    if isinstance(values, dict | None) and isinstance(context, dict | None):
        assert response["ok"] is True, response
        check_response(response, worksheet)
    else:
        assert response["ok"] is False
        assert "must be an object" in response["error"]


EDGE_DAYS = ("0001-01-01", "0001-01-08", "9999-12-25", "9999-12-31")


def every_date_filled(worksheet: Worksheet, day: str) -> dict[str, Any]:
    """Valid answers everywhere, with every date set to ``day``."""
    values: dict[str, Any] = {}
    for control in iter_controls(
        worksheet, {spec.id: 3 for spec in worksheet.fields if spec.kind == "list"}
    ):
        spec = control.field
        if spec.kind == "date":
            values[control.name] = day
        elif spec.kind == "scale":
            values[control.name] = str(int(spec.min or 0))
        elif spec.kind == "number":
            values[control.name] = str(spec.max or 1)
        elif spec.kind in ("choice", "multi"):
            values[control.name] = (
                spec.option_values()[0] if spec.kind == "choice" else list(spec.option_values())
            )
        else:
            values[control.name] = "x"
    return values


@pytest.mark.parametrize(
    "worksheet_id", ["feelings", "feedback", "reflection", "resilience", "learning-plan", "tracker"]
)
@pytest.mark.parametrize("today", [date(1, 1, 1), date(1, 1, 3), date(9999, 12, 31)])
@pytest.mark.parametrize("day", [*EDGE_DAYS, None])
def test_the_ends_of_the_calendar_are_handled(
    worksheet_id: str, today: date, day: str | None
) -> None:
    worksheet = real_specs()[worksheet_id]
    values = every_date_filled(worksheet, day) if day else {}
    response = run(worksheet, values, {}, today)
    assert response["ok"] is True, response
    check_response(response, worksheet)
