"""Reminders in the calendar file and UIDs per round (browser_py.workbook.calendar_ics),
read back with the icalendar library."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import icalendar
import pytest

from browser_py.api import handle
from browser_py.core.manifest import steps_from_index
from browser_py.workbook.calendar_ics import (
    REMINDERS,
    Event,
    build_calendar,
    event_uid,
    uid_round,
)
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


#: The UIDs the calendar gave for SAVED on TODAY before rounds existed
#: (browser_py.workbook.calendar_ics at commit 2eac259, with that commit's
#: worksheets), when a UID hashed the event's title.
PRE_ROUNDS_UIDS = [
    "47dd57cb5c1897a60047a4141e3d020d@rebound.calendar",
    "821f2dd26c0444e69b5b70b305490cad@rebound.calendar",
    "b957efd456a4657cadf3f885fa809ef2@rebound.calendar",
    "1e4ea441f39b14f4ef699069afed8fce@rebound.calendar",
    "13ac5e9af7d14099a251d0fc395a9fbd@rebound.calendar",
    "53590e2e32e863b0c2d0ef2e7d032b53@rebound.calendar",
    "c75c85011b146189d235d26fff6a7c6f@rebound.calendar",
]

#: The same events' UIDs since the recipe hashes data only ("v2", see
#: "Migration" in calendar_ics): pinned, so a change to the recipe is seen.
UIDS = [
    "1f2c305e7fc9bc49f293a9d2dbad7bcd@rebound.calendar",
    "cd9c59e2f55fae60de8567342b6617ce@rebound.calendar",
    "91e202bea4b08d4cb5e81f33fc27e922@rebound.calendar",
    "9f3827519ebdd916039614da4e8a336a@rebound.calendar",
    "7a3f8201aa2e031bf149fd338ec16296@rebound.calendar",
    "0099171a41e90dca7c95496078eac669@rebound.calendar",
    "a2616ebe1937a9ffba62c53d0008ed01@rebound.calendar",
]


def test_the_first_round_keeps_its_uids_and_none_is_an_old_recipes() -> None:
    assert uids(round_id="r0") == UIDS
    assert uids(round_id="r0", reminder="none") == UIDS
    # The one change of recipe: a new UID can never take over an old event.
    assert not set(UIDS) & set(PRE_ROUNDS_UIDS)


def test_another_round_has_its_own_uids_but_a_shared_worksheet_keeps_its() -> None:
    first, other = uids(round_id="r0"), uids(round_id="rmf3k2x1abcd")
    assert len(other) == len(first) and not set(first) & set(other)
    assert other == uids(round_id="rmf3k2x1abcd")  # stable for that round
    # The tracker (search-scoped) is the same in every round, so are its UIDs.
    event = Event("tracker", "follow-up", TODAY, TODAY, "Follow up with Globex", "")
    for round_id in ("r0", "rmf3k2x1abcd", "r1"):
        named = replace(event, round=uid_round("tracker", round_id, STEPS))
        assert named.uid() == event_uid("r0", *fields(event))
    feelings = replace(event, worksheet="feelings")
    assert replace(feelings, round=uid_round("feelings", "r1", STEPS)).uid() != feelings.uid()


def fields(event: Event) -> tuple:
    return (event.worksheet, event.kind, event.day, event.key)


def test_the_uid_is_made_in_one_place_from_the_round_and_the_event() -> None:
    day = date(2026, 12, 3)
    uid = event_uid("r0", "feedback", "follow-up", day, "Follow up")
    assert uid == event_uid("r0", "feedback", "follow-up", day, "Follow up")
    assert uid.endswith("@rebound.calendar")
    assert uid != event_uid("r1", "feedback", "follow-up", day, "Follow up")
    # r0 and a search-scoped worksheet's "" both leave the round out.
    assert uid == event_uid("", "feedback", "follow-up", day, "Follow up")
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
