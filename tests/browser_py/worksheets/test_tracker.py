"""Application tracker: pipeline, response rate, pace, follow-ups and wins."""

from __future__ import annotations

from datetime import date

from browser_py.core.answers import normalise
from browser_py.worksheets import tracker
from browser_py.worksheets.tracker import streak
from tests.helpers.responses import SVG_NS, all_text, blocks_of, check_svg, compute
from tests.helpers.specs import real_specs


def app(
    index: int, company: str, stage: str, applied: str, last: str = "", role: str = ""
) -> dict[str, str]:
    prefix = f"applications.{index}."
    return {
        prefix + "company": company,
        prefix + "role": role,
        prefix + "stage": stage,
        prefix + "applied": applied,
        prefix + "last_contact": last,
    }


# Today is Tuesday 17 November 2026.
VALUES = {
    "weekly_target": "3",
    "since": "2026-10-26",
    "wins": "A recruiter called me back",
    **app(0, "Acme", "applied", "2026-11-02", role="Analyst"),
    **app(1, "Beta", "interview", "2026-11-03", "2026-11-12"),
    **app(2, "Gamma", "rejected", "2026-11-09"),
    **app(3, "Delta", "", "2026-11-16"),
    **app(4, "Epsilon", "withdrawn", "2026-11-10"),
    **app(5, "Zeta", "screening", "2026-11-17"),
}


def test_pipeline_counts_by_stage() -> None:
    response = compute("tracker", VALUES)
    stats = blocks_of(response, "stats")[0]["items"]
    assert stats == [
        {"label": "Applications", "value": "6"},
        {"label": "Applied", "value": "2"},
        {"label": "Replied (a call or screening)", "value": "1"},
        {"label": "Interviewing", "value": "1"},
        {"label": "Turned down this time", "value": "1"},
        {"label": "Withdrawn", "value": "1"},
    ]
    assert "1 application without a stage counts as Applied." in all_text(response)
    figures = blocks_of(response, "figure")
    root = check_svg(figures[0]["svg"])
    bars = [node for node in root.findall(f"{SVG_NS}rect") if node.get("class") == "rb-chart__bar"]
    assert len(bars) == 7  # every stage of the spec, zero included
    assert (
        "Applied: 2; Replied (a call or screening): 1; Interviewing: 1; Final round: 0"
        in root.find(f"{SVG_NS}desc").text
    )


def test_response_rate_leaves_withdrawn_out() -> None:
    text = all_text(compute("tracker", VALUES))
    assert "Got an answer: 3 of 5" in text
    assert "Response rate: 60%" in text
    assert "withdrawn ones are left out" in text


def test_pace_this_week_and_average() -> None:
    response = compute("tracker", VALUES)
    text = all_text(response)
    # This week (Mon 16 to today): Delta and Zeta.
    assert "This week: 2 of 3" in text
    # 6 applications from 26 Oct to 17 Nov (23 days = 3.29 weeks): 1.8 a week.
    assert "Average a week: 1.8" in text
    assert "1 more application to reach this week's target of 3; 5 days left this week." in text
    assert "averaged 1.8 a week, below your target of 3" in text
    pace = check_svg(blocks_of(response, "figure")[1]["svg"])
    assert pace.find(f"{SVG_NS}title").text == "Your pace against your weekly target"
    assert "Target: 3 a week" in pace.find(f"{SVG_NS}desc").text


def test_target_met_is_celebrated() -> None:
    values = {**VALUES, "weekly_target": "2"}
    assert "Weekly target of 2 reached." in all_text(compute("tracker", values))


def test_follow_ups_soonest_first_with_dates() -> None:
    items = next(
        block
        for block in blocks_of(compute("tracker", VALUES), "list")
        if any("follow up" in item.lower() for item in block["items"])
    )["items"]
    # The page's rule: about two weeks (14 days) without contact.
    assert items == [
        "Acme, Analyst: no contact for 15 days. Follow up now (due since Mon 16 Nov).",
        "Beta: follow up on Thu 26 Nov, in 9 days, if you have not heard back.",
        "Delta: follow up on Mon 30 Nov, in 13 days, if you have not heard back.",
        "Zeta: follow up on Tue 1 Dec, in 14 days, if you have not heard back.",
    ]


def test_wins_include_interviews_streaks_and_own_words() -> None:
    text = all_text(compute("tracker", {**VALUES, **app(6, "Eta", "offer", "2026-10-27")}))
    assert "1 offer. Well done" in text
    assert "You reached the interview stage 2 times." in text
    assert "4 weeks in a row with at least one application sent." in text
    assert "In your words: A recruiter called me back" in text


def test_streak_rules() -> None:
    today = date(2026, 11, 17)
    days = [
        date(2026, 11, 2),
        date(2026, 11, 3),
        date(2026, 11, 9),
        date(2026, 11, 10),
        date(2026, 11, 16),
    ]
    assert streak(days, today, 2) == 2  # this week (1 so far) does not break it
    assert streak(days, today, 1) == 3
    assert streak([*days, date(2026, 11, 17)], today, 2) == 3
    assert streak([date(2026, 10, 1)], today, 1) == 0
    assert streak(days, today, 0) == 0


def test_empty_tracker_explains_itself() -> None:
    response = compute("tracker", {})
    assert response["missing"] == ["weekly_target", "since", "applications"]
    text = all_text(response)
    assert "Log your applications above" in text
    assert not blocks_of(response, "figure")


def test_since_in_the_future_is_flagged() -> None:
    text = all_text(compute("tracker", {**VALUES, "since": "2026-12-01"}))
    assert "is after today" in text


def follow_up_items(values: dict[str, str]) -> list[str]:
    return next(
        block
        for block in blocks_of(compute("tracker", values), "list")
        if any("update" in item or "follow up" in item.lower() for item in block["items"])
    )["items"]


def test_a_decision_date_sets_the_follow_up_three_working_days_later() -> None:
    values = {
        "applications.0.company": "Acme",
        "applications.0.stage": "final",
        "applications.0.applied": "2026-11-02",
        # Thursday 12 Nov + 3 working days (Fri, Mon, Tue) = Tue 17 Nov, today.
        "applications.0.decision_by": "2026-11-12",
        "applications.1.company": "Beta",
        "applications.1.stage": "interview",
        "applications.1.applied": "2026-11-10",
        # Friday 20 Nov + 3 working days = Wed 25 Nov.
        "applications.1.decision_by": "2026-11-20",
    }
    assert follow_up_items(values) == [
        "Acme: they expected to decide by Thu 12 Nov. Ask kindly for an update now "
        "(due since Tue 17 Nov).",
        "Beta: they expect to decide by Fri 20 Nov. If you have not heard by Wed 25 Nov, "
        "in 8 days, ask kindly for an update.",
    ]
    text = all_text(compute("tracker", values))
    assert "or 3 working days after the date they said they would decide" in text


def test_sources_show_where_answers_come_from() -> None:
    values = {
        **VALUES,
        "applications.0.source": "referral",
        "applications.1.source": "referral",
        "applications.2.source": "job-board",
        "applications.4.source": "job-board",  # withdrawn: left out
    }
    response = compute("tracker", values)
    stats = next(
        block["items"]
        for block in blocks_of(response, "stats")
        if block["items"][0]["label"] == "Someone I know referred me"
    )
    assert stats == [
        {"label": "Someone I know referred me", "value": "1 answered of 2"},
        {"label": "A job board", "value": "1 answered of 1"},
    ]
    assert "Where they came from" in all_text(response)
    assert "Where they came from" not in all_text(compute("tracker", VALUES))


def test_conversations_are_counted_against_their_own_target() -> None:
    values = {
        **VALUES,
        "conversation_target": "2",
        "conversations.0.date": "2026-11-16",
        "conversations.0.who": "A former colleague",
        "conversations.1.date": "2026-11-10",
        "conversations.2.who": "No date yet",
    }
    text = all_text(compute("tracker", values))
    assert "Conversations\nThis week: 1 of 2\nIn all: 2" in text
    assert "1 more conversation to reach this week's target of 2." in text
    assert "2 conversations about your search." in text
    values["conversations.2.date"] = "2026-11-17"
    assert "Conversation target of 2 reached this week." in all_text(compute("tracker", values))


def test_the_stage_dates_are_stamped_from_the_stage_and_shared_with_progress() -> None:
    """Each funnel stage has a date field whose spec ``stamp`` watches the stage;
    the progress hook gives the dates in funnel order, "" where none was recorded."""
    spec = real_specs()["tracker"]
    columns = spec.field("applications").fields
    stamps = {c.id: (c.stamp_when, c.stamp_is) for c in columns if c.stamp_when}
    assert stamps == {
        "applied": ("stage", ("applied",)),
        "replied_on": ("stage", ("screening",)),
        "interview_on": ("stage", ("interview",)),
        "final_on": ("stage", ("final",)),
        "offer_on": ("stage", ("offer",)),
        "closed_on": ("stage", ("rejected", "withdrawn")),
    }
    assert [field for _value, field, _label in tracker.FUNNEL] == list(stamps)[:5]
    data = tracker.progress(
        normalise(
            spec,
            {
                "applications.0.stage": "rejected",
                "applications.0.applied": "2026-11-01",
                "applications.0.interview_on": "2026-11-09",
                "applications.0.closed_on": "2026-11-12",
                "applications.0.source": "referral",
                "applications.1.company": "No stage yet",
            },
        )
    )["applications"]
    assert [stage["label"] for stage in data["stages"]] == [
        "Applied",
        "Replied",
        "Interview",
        "Final round",
        "Offer",
    ]
    first, second = data["rows"]
    assert first == {
        "current": None,
        "closed": "rejected",
        "closed_label": "Turned down this time",
        "dates": ["2026-11-01", "", "2026-11-09", "", ""],
        "closed_on": "2026-11-12",
        "source": "Someone I know referred me",
    }
    assert second["current"] == 0 and second["dates"] == [""] * 5 and second["source"] == ""
