"""The calendar file (browser_py.workbook.calendar_ics), read back with the icalendar
library: events, dates, text, stable UIDs and RFC 5545 line folding."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import icalendar
import pytest

from browser_py.api import handle
from browser_py.core.dates import long_date
from browser_py.core.manifest import steps_from_index
from browser_py.workbook.calendar_ics import (
    MAX_LINE_OCTETS,
    build_calendar,
    calendar_events,
    escape_text,
    fold,
    uid_round,
)
from tests.helpers.specs import envelope, real_index
from tests.helpers.translated import speaking

TODAY = date(2026, 11, 25)

SAVED = {
    "feelings": envelope("feelings", {"checkin_date": "2026-11-27", "intensity": "6"}),
    "feedback": envelope(
        "feedback",
        {
            "company": "Acme, Inc; \\ \u201cLtd\u201d \U0001f680",
            "role": "Analyst",
            "decision_date": "2026-11-24",
            "learn": ["skills"],
        },
    ),
    "learning-plan": envelope(
        "learning-plan",
        {
            "focus": ["stories", "research"],
            "hours": "2",
            "start": "2026-11-30",
            "weeks": "2",
            "methods": ["mock"],
        },
    ),
    "tracker": envelope("tracker", {"weekly_target": "3"}),
}


def steps():
    return steps_from_index(real_index())


def parse(ics: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(ics)


def events_of(ics: str) -> list[icalendar.Event]:
    return list(parse(ics).walk("VEVENT"))


def test_the_calendar_has_the_required_properties() -> None:
    result = build_calendar(SAVED, steps(), TODAY)
    calendar = parse(result["ics"])
    assert calendar["VERSION"] == "2.0"
    assert "Rebound" in str(calendar["PRODID"])
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert result["filename"].endswith(".ics")
    assert result["events"] == len(events_of(result["ics"]))


def test_events_hold_the_sessions_the_feedback_dates_and_the_check_in() -> None:
    events = events_of(build_calendar(SAVED, steps(), TODAY)["ics"])
    summaries = [str(event["SUMMARY"]) for event in events]
    # 2 hours a week -> 2 sessions a week, for 2 weeks.
    sessions = [event for event in events if str(event["SUMMARY"]).endswith("(practice)")]
    assert len(sessions) == 4
    first = sessions[0]
    assert first.decoded("DTSTART") == datetime(2026, 11, 30, 18, 0)  # floating local time
    assert first.decoded("DTSTART").tzinfo is None
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=60)
    assert "Week 1 of your learning plan" in str(first["DESCRIPTION"])
    assert [event.decoded("DTSTART").date() for event in sessions] == [
        date(2026, 11, 30),
        date(2026, 12, 4),
        date(2026, 12, 7),
        date(2026, 12, 11),
    ]

    # Heard back Tuesday 24 Nov: send within 2 working days (by Thursday 26),
    # follow up 7 days after that.
    send = next(e for e in events if str(e["SUMMARY"]).startswith("Send your feedback"))
    follow = next(e for e in events if str(e["SUMMARY"]).startswith("Follow up"))
    assert send.decoded("DTSTART") == date(2026, 11, 26)
    assert send.decoded("DTEND") == date(2026, 11, 27)  # all-day: the end is exclusive
    assert follow.decoded("DTSTART") == date(2026, 12, 3)
    # Text comes back exactly, whatever it holds.
    assert str(send["SUMMARY"]) == (
        "Send your feedback request to Acme, Inc; \\ \u201cLtd\u201d \U0001f680"
    )

    check_in = next(e for e in events if str(e["SUMMARY"]) == "Check in with yourself")
    assert check_in.decoded("DTSTART") == date(2026, 11, 27)
    assert "step 1 of the Rebound guide: Feel it" in str(check_in["DESCRIPTION"])
    assert len(summaries) == 7
    # In date order.
    starts = [e.decoded("DTSTART") for e in events]
    days = [s.date() if isinstance(s, datetime) else s for s in starts]
    assert days == sorted(days)


def test_the_feedback_dates_are_the_ones_the_worksheet_shows() -> None:
    spec = next(
        item["spec"] for item in real_index()["worksheets"] if item["spec"]["id"] == "feedback"
    )
    response = json.loads(
        handle(
            json.dumps(
                {
                    "action": "compute",
                    "worksheet": "feedback",
                    "spec": spec,
                    "values": SAVED["feedback"]["values"],
                    "today": TODAY.isoformat(),
                }
            )
        )
    )
    shown = {
        item["label"]: item["value"]
        for block in response["blocks"]
        if block["type"] == "stats"
        for item in block["items"]
    }
    events = calendar_events(SAVED, steps(), TODAY)
    feedback_days = [long_date(e.day) for e in events if e.worksheet == "feedback"]
    assert feedback_days == [shown["Send by"], shown["Follow up once around"]]


def test_uids_are_stable_across_exports_and_unique() -> None:
    first = events_of(build_calendar(SAVED, steps(), TODAY)["ics"])
    second = events_of(build_calendar(SAVED, steps(), TODAY)["ics"])
    uids = [str(event["UID"]) for event in first]
    assert uids == [str(event["UID"]) for event in second]
    assert len(set(uids)) == len(uids)
    # A later export (another day) keeps the UIDs of unchanged events.
    later = events_of(build_calendar(SAVED, steps(), TODAY + timedelta(days=1))["ics"])
    assert {str(e["UID"]) for e in later if "practice" in str(e["SUMMARY"])} == {
        str(e["UID"]) for e in first if "practice" in str(e["SUMMARY"])
    }
    # A changed title is a different event.
    changed = {**SAVED, "feelings": envelope("feelings", {"checkin_date": "2026-11-28"})}
    moved = events_of(build_calendar(changed, steps(), TODAY)["ics"])
    check_uids = {str(e["UID"]) for e in moved if str(e["SUMMARY"]) == "Check in with yourself"}
    assert check_uids.isdisjoint(uids)


def test_dtstamp_is_utc_and_derived_from_today() -> None:
    for event in events_of(build_calendar(SAVED, steps(), TODAY)["ics"]):
        assert event.decoded("DTSTAMP").isoformat() == "2026-11-25T00:00:00+00:00"


def test_lines_use_crlf_and_fold_within_75_octets() -> None:
    long_company = "\u00e9\u00e8\U0001f680" * 40  # multi-byte characters across fold points
    saved = {
        "feedback": envelope(
            "feedback", {"company": long_company, "role": "x", "decision_date": "2026-11-24"}
        )
    }
    ics = build_calendar(saved, steps(), TODAY)["ics"]
    raw = ics.encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= MAX_LINE_OCTETS for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # something was folded
    for line in lines:
        line.decode("utf-8")  # no character was split between lines
    send = next(e for e in events_of(ics) if str(e["SUMMARY"]).startswith("Send"))
    assert str(send["SUMMARY"]) == f"Send your feedback request to {long_company}"


def test_no_sessions_until_the_reader_picks_a_start_date() -> None:
    saved = {"learning-plan": envelope("learning-plan", {"focus": ["stories"], "hours": "2"})}
    assert calendar_events(saved, steps(), TODAY) == []
    result = build_calendar({}, steps(), TODAY)
    assert result["events"] == 0
    assert events_of(result["ics"]) == []


def test_hostile_text_cannot_add_properties_or_events() -> None:
    company = "X\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned\x00"
    saved = {
        "feedback": envelope(
            "feedback", {"company": "x", "role": "y", "decision_date": "2026-11-24"}
        )
    }
    saved["feedback"]["values"]["company"] = company[:120]
    ics = build_calendar(saved, steps(), TODAY)["ics"]
    events = events_of(ics)
    assert len(events) == 2
    # The whole hostile text is inside the one SUMMARY value, as text.
    assert str(events[0]["SUMMARY"]) == (
        "Send your feedback request to X END:VEVENT BEGIN:VEVENT SUMMARY:pwned"
    )
    assert ics.split("\r\n").count("BEGIN:VEVENT") == 2 and "\x00" not in ics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b,c\\d", "a\\;b\\,c\\\\d"),
        ("line\nnext\r\nthird", "line\\nnext\\nthird"),
        ("tab\there\x07", "tab here"),
    ],
)
def test_escape_text(text: str, expected: str) -> None:
    assert escape_text(text) == expected


def test_fold_keeps_short_lines_and_splits_long_ones() -> None:
    assert fold("SUMMARY:short") == "SUMMARY:short"
    folded = fold("X:" + "a" * 200)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "X:" + "a" * 200


def test_practice_sessions_carry_the_readers_if_then_plans() -> None:
    plan = SAVED["learning-plan"]
    with_plans = {
        **SAVED,
        "learning-plan": envelope(
            "learning-plan",
            {
                **plan["values"],
                "if_then.0.cue": "it is a practice day",
                "if_then.0.action": "practise before I open my email",
            },
        ),
    }
    sessions = [
        e
        for e in events_of(build_calendar(with_plans, steps(), TODAY)["ics"])
        if "(practice)" in str(e["SUMMARY"])
    ]
    assert sessions
    for event in sessions:
        assert str(event["DESCRIPTION"]).endswith(
            "If it is a practice day, then I will practise before I open my email."
        )
    # The same sessions, UIDs and all, as without the plans: only the notes grew.
    before = [
        e
        for e in events_of(build_calendar(SAVED, steps(), TODAY)["ics"])
        if "(practice)" in str(e["SUMMARY"])
    ]
    assert [str(e["UID"]) for e in before] == [str(e["UID"]) for e in sessions]


def test_each_rounds_events_have_their_own_uids_and_the_first_rounds_keep_theirs() -> None:
    first = events_of(build_calendar(SAVED, steps(), TODAY)["ics"])
    again = events_of(build_calendar(SAVED, steps(), TODAY, round_id="r0")["ics"])
    other = events_of(build_calendar(SAVED, steps(), TODAY, round_id="rkx91ab2c")["ics"])
    # Round r0 is where answers from before rounds went: its UIDs are unchanged.
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in first]
    # Another round's events are other events, even with the same answers...
    assert {str(e["UID"]) for e in other}.isdisjoint(str(e["UID"]) for e in first)
    # ...and stable for that round.
    stable = events_of(build_calendar(SAVED, steps(), TODAY, round_id="rkx91ab2c")["ics"])
    assert [str(e["UID"]) for e in stable] == [str(e["UID"]) for e in other]


def test_a_search_scoped_worksheets_events_are_the_same_in_every_round() -> None:
    assert uid_round("tracker", "rkx91ab2c", steps()) == ""
    assert uid_round("feelings", "rkx91ab2c", steps()) == "rkx91ab2c"
    assert uid_round("feelings", "r0", steps()) == ""


def test_chinese_descriptions_have_no_stray_space_after_a_stop() -> None:
    with speaking():
        events = calendar_events(SAVED, steps(), TODAY)
    assert events
    for event in events:
        assert "。 " not in event.description, event.description
    assert any("。" in event.description for event in events)
