"""Reminders in the calendar file and UIDs per round (browser_py.workbook.calendar_ics),
read back with the icalendar library."""

from __future__ import annotations

import json
from datetime import date, timedelta

import icalendar
import pytest

from browser_py.api import handle
from browser_py.core.manifest import steps_from_index
from browser_py.workbook.calendar_ics import REMINDERS, build_calendar, event_uid
from tests.browser_py.workbook.test_calendar_ics import SAVED, TODAY
from tests.helpers.specs import real_index

STEPS = steps_from_index(real_index())

#: The lead time each choice gives (None: no alarm).
LEADS = {
    "none": None,
    "at-time": timedelta(0),
    "1h": timedelta(hours=-1),
    "1d": timedelta(days=-1),
    "2d": timedelta(days=-2),
}


def events(**kwargs) -> list[icalendar.Event]:
    ics = build_calendar(SAVED, STEPS, TODAY, **kwargs)["ics"]
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def test_every_choice_is_offered_and_means_what_it_says() -> None:
    assert set(REMINDERS) == set(LEADS)


@pytest.mark.parametrize("choice", sorted(LEADS))
def test_follow_ups_check_ins_and_sessions_get_the_chosen_alarm(choice: str) -> None:
    found = events(reminder=choice)
    reminded = 0
    for event in found:
        alarms = event.walk("VALARM")
        summary = str(event["SUMMARY"])
        wanted = (
            summary.startswith("Follow up")
            or summary == "Check in with yourself"
            or summary.endswith("(practice)")
        )
        if LEADS[choice] is None or not wanted:
            assert alarms == [], summary
            continue
        reminded += 1
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == LEADS[choice]
        assert str(alarms[0]["DESCRIPTION"]) == summary
    # 4 practice sessions, 1 check-in, 1 follow-up; "Send your feedback" has none.
    assert reminded == (0 if LEADS[choice] is None else 6)


def test_the_default_is_a_day_before_and_a_bad_choice_is_refused() -> None:
    alarm = next(e for e in events() if e.walk("VALARM")).walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == timedelta(days=-1)
    response = json.loads(
        handle(
            json.dumps(
                {
                    "action": "calendar",
                    "index": real_index(),
                    "saved": SAVED,
                    "today": TODAY.isoformat(),
                    "reminder": "3 weeks",
                }
            )
        )
    )
    assert response["ok"] is False
    assert "unknown reminder '3 weeks'; use one of: none, at-time, 1h, 1d, 2d" in response["error"]


def uids(**kwargs) -> list[str]:
    return [str(event["UID"]) for event in events(**kwargs)]


def test_uids_are_stable_per_round_and_unique_across_events_and_rounds() -> None:
    first = uids(round_id="r0")
    assert first == uids(round_id="r0", reminder="2d")  # the alarm does not change a UID
    assert first == uids()  # r0 is the default: data from before rounds
    assert len(set(first)) == len(first)
    other = uids(round_id="rmf3k2x1abcd")
    assert len(set(other)) == len(other)
    assert not set(first) & set(other)


def test_the_uid_is_made_in_one_place_from_the_round_and_the_event() -> None:
    day = date(2026, 12, 3)
    uid = event_uid("r0", "feedback", "follow-up", day, "Follow up")
    assert uid == event_uid("r0", "feedback", "follow-up", day, "Follow up")
    assert uid.endswith("@rebound.calendar")
    assert uid != event_uid("r1", "feedback", "follow-up", day, "Follow up")
    assert event_uid("r0", "feedback", "follow-up", day, "Follow up", 1).endswith(
        "-2@rebound.calendar"
    )


@pytest.mark.parametrize("round_id", ["", "R0", "r", "r0:x", 7, "r" + "a" * 24])
def test_the_action_refuses_a_malformed_round_id(round_id: object) -> None:
    response = json.loads(
        handle(
            json.dumps(
                {"action": "calendar", "index": real_index(), "saved": SAVED, "round": round_id}
            )
        )
    )
    assert response["ok"] is False and "'round' must be a round id" in response["error"]


def test_the_action_passes_the_round_and_the_reminder() -> None:
    response = json.loads(
        handle(
            json.dumps(
                {
                    "action": "calendar",
                    "index": real_index(),
                    "saved": SAVED,
                    "today": TODAY.isoformat(),
                    "round": "r1",
                    "reminder": "1h",
                }
            )
        )
    )
    assert response["ok"] is True
    calendar = icalendar.Calendar.from_ical(response["ics"])
    found = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in found] == uids(round_id="r1")
    assert {a.decoded("TRIGGER") for e in found for a in e.walk("VALARM")} == {timedelta(hours=-1)}
