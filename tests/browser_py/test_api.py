"""The worker's entry point (browser_py.api.handle): shape checks and errors."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from browser_py import api
from browser_py.core.dates import long_date
from browser_py.worksheets import feelings
from tests.helpers.responses import TODAY, all_text, blocks_of, compute, request
from tests.helpers.specs import real_specs


def error_of(request_json: object) -> str:
    response = json.loads(api.handle(request_json))  # type: ignore[arg-type]
    assert response["ok"] is False
    assert set(response) == {"ok", "error"}
    assert isinstance(response["error"], str) and response["error"]
    return response["error"]


def valid(**changes: object) -> dict[str, object]:
    body = json.loads(request("feelings", {"intensity": "5"}))
    body.update(changes)
    return body


def test_compute_returns_the_documented_shape() -> None:
    response = compute("feelings", {"intensity": "5", "emotions": ["sad"]})
    assert set(response) == {"ok", "worksheet", "complete", "missing", "blocks", "problems"}
    assert response["missing"] == ["checkin_date"]
    assert response["complete"] is False


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ('{"action": "compute", "x": NaN}', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ("", "not valid JSON"),
        ("[" * 50_000 + "]" * 50_000, "nests its data too deeply"),
    ],
)
def test_malformed_json_is_an_error(payload: str, fragment: str) -> None:
    assert fragment in error_of(payload)


def test_non_text_request_is_an_error() -> None:
    assert "JSON text" in error_of(b'{"action": "compute"}')
    assert "JSON text" in error_of(None)


def test_oversized_request_is_refused() -> None:
    body = valid(values={"need": "x" * 1_000_001})
    assert "larger than 1 MB" in error_of(json.dumps(body))
    # Multi-byte characters count as bytes, not characters.
    body = valid(values={"need": "\u00e9" * 600_000})
    assert "larger than 1 MB" in error_of(json.dumps(body, ensure_ascii=False))


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"action": "export"}, "unknown action \u201cexport\u201d"),
        ({"action": None}, "unknown action"),
        ({"worksheet": "diary"}, "unknown worksheet \u201cdiary\u201d"),
        ({"worksheet": 7}, "'worksheet' must be"),
        (
            {"worksheet": "feedback"},
            "the spec is for worksheet \u201cfeelings\u201d, not \u201cfeedback\u201d",
        ),
        ({"spec": "feelings"}, "'spec' must be"),
        ({"spec": {"id": "feelings", "title": "x", "fields": []}}, "the worksheet spec is invalid"),
        (
            {"spec": {"id": "feelings", "title": "x", "fields": [{"id": 3}]}},
            "the worksheet spec is invalid",
        ),
        ({"values": ["sad"]}, "'values' must be an object"),
        ({"context": "reflection"}, "'context' must be an object"),
        ({"today": "17/11/2026"}, "'today' must be a date"),
        ({"today": 20261117}, "'today' must be a date"),
    ],
)
def test_bad_request_shapes_are_errors(changes: dict[str, object], fragment: str) -> None:
    assert fragment in error_of(json.dumps(valid(**changes)))


def test_missing_values_and_context_mean_empty() -> None:
    body = valid()
    del body["values"]
    response = json.loads(api.handle(json.dumps(body)))
    assert response["ok"] is True
    assert response["missing"] == ["emotions", "intensity", "checkin_date"]


def test_today_falls_back_to_the_real_date() -> None:
    response = compute("feelings", {}, today=None)
    today = date.today()
    text = all_text(response)
    # Tolerate a run that crosses midnight.
    assert any(
        long_date(day + timedelta(days=2)) in text for day in (today, today - timedelta(days=1))
    )


def test_problems_are_listed_and_shown_first() -> None:
    response = compute(
        "tracker",
        {"since": "soon", "applications.0.company": "Acme", "applications.0.applied": "yesterday"},
    )
    assert [problem["name"] for problem in response["problems"]] == [
        "since",
        "applications.0.applied",
    ]
    first = response["blocks"][:2]
    assert [block["type"] for block in first] == ["notice", "notice"]
    assert first[1]["text"].startswith("Date applied in application 1 is not a valid date")


def test_many_problems_are_summarised() -> None:
    raw = {f"applications.{row}.applied": "bad" for row in range(9)}
    response = compute("tracker", raw)
    notices = [block["text"] for block in response["blocks"][:6]]
    assert notices[-1] == "4 more answers could not be used; check the fields marked above."
    assert len(response["problems"]) == 9


def test_internal_errors_become_clear_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(feelings, "compute", broken)
    message = error_of(request("feelings", {}))
    assert message.startswith("Something went wrong while working this out (ZeroDivisionError")
    assert "Your answers are safe" in message


def test_parsed_specs_are_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    original = api.worksheet_from_dict

    def counting(data: object):
        calls.append(data)
        return original(data)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "worksheet_from_dict", counting)
    api._spec_cache.clear()
    for intensity in ("1", "2", "3"):
        assert json.loads(api.handle(request("feelings", {"intensity": intensity})))["ok"]
    assert len(calls) == 1
    assert json.loads(api.handle(request("feedback", {})))["ok"]
    assert len(calls) == 2


def test_only_the_learning_plan_adds_sessions() -> None:
    plan = compute(
        "learning-plan",
        {
            "focus": ["stories"],
            "hours": "2",
            "weeks": "1",
            "start": TODAY.isoformat(),
            "methods": ["mock"],
        },
    )
    assert plan["complete"] is True
    assert [session["minutes"] for session in plan["sessions"]] == [60, 60]
    for worksheet in real_specs():
        if worksheet != "learning-plan":
            assert "sessions" not in compute(worksheet, {})


def test_every_worksheet_answers_an_empty_form() -> None:
    for worksheet in real_specs():
        response = compute(worksheet, {})
        assert response["complete"] is False
        assert blocks_of(response, "heading") or blocks_of(response, "paragraph")


def test_worksheet_modules_load_on_first_use_only() -> None:
    """The worker imports ``browser_py.api`` before the first result, so it
    must not drag in all six worksheet modules: each is imported by the first
    request for its worksheet, and every id maps to a real module."""
    import subprocess
    import sys

    script = """
import json, sys
import browser_py.api as api
from browser_py import worksheets
modules = {name: worksheets.module_name(name) for name in worksheets.known_ids()}
before = sorted(name for name, module in modules.items() if module in sys.modules)
assert worksheets.module_for("tracker").__name__ == "browser_py.worksheets.tracker"
after = sorted(name for name, module in modules.items() if module in sys.modules)
every = len(modules) == 6 and all(callable(worksheets.module_for(n).compute) for n in modules)
print(json.dumps([before, after, every, worksheets.module_for("nope")]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    before, after, every, unknown = json.loads(result.stdout)
    assert before == []
    assert after == ["tracker"]
    assert every is True and unknown is None
