"""Learning plan: dated sessions whose minutes add up, and the reflection fallback."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta

from browser_py.api import handle
from browser_py.core.i18n import ngettext
from browser_py.core.manifest import steps_from_index
from browser_py.workbook import progress
from browser_py.worksheets.learning_plan import day_offsets, sessions_a_week, split_minutes
from tests.helpers.responses import all_text, blocks_of, compute, request
from tests.helpers.specs import real_index
from tests.helpers.translated import speaking

PLAN = {
    "focus": ["stories", "composure"],
    "hours": "3.5",
    "start": "2026-11-18",
    "weeks": "3",
    "methods": ["mock", "stories", "course"],
}


def test_split_minutes_adds_up_exactly() -> None:
    assert split_minutes(210, 4) == [55, 55, 50, 50]
    assert split_minutes(90, 2) == [45, 45]
    assert split_minutes(61, 1) == [61]
    assert split_minutes(2400, 7) == [345, 345, 345, 345, 340, 340, 340]
    for total in range(30, 2401, 7):
        count = sessions_a_week(total)
        assert sum(split_minutes(total, count)) == total
        assert 1 <= count <= 7


def test_sessions_spread_over_the_week() -> None:
    assert day_offsets(1) == [0]
    assert day_offsets(3) == [0, 2, 5]
    assert day_offsets(7) == [0, 1, 2, 3, 4, 5, 6]


def test_plan_is_dated_from_the_start_and_adds_up_each_week() -> None:
    response = compute("learning-plan", PLAN)
    sessions = response["sessions"]
    assert response["complete"] is True and response["missing"] == []
    by_week: dict[int, list[dict[str, object]]] = defaultdict(list)
    for session in sessions:
        by_week[session["week"]].append(session)
    assert sorted(by_week) == [1, 2, 3]
    start = date(2026, 11, 18)
    for week, items in by_week.items():
        assert sum(item["minutes"] for item in items) == 210
        first = start + timedelta(days=7 * (week - 1))
        days = [date.fromisoformat(item["date"]) for item in items]
        assert days[0] == first and all(first <= day < first + timedelta(7) for day in days)
    assert [s["date"] for s in by_week[1]] == [
        "2026-11-18",
        "2026-11-20",
        "2026-11-22",
        "2026-11-23",
    ]
    # Areas alternate, and each area meets more than one method.
    assert [s["area"] for s in sessions[:4]] == ["stories", "composure"] * 2
    assert len({s["method"] for s in sessions if s["area"] == "stories"}) >= 2
    assert sessions[0] == {
        "date": "2026-11-18",
        "week": 1,
        "title": "Examples and stories: mock interview",
        "minutes": 55,
        "area": "stories",
        "method": "mock",
        "details": sessions[0]["details"],
    }
    assert "Tell me about a time" in sessions[0]["details"]


def test_plan_blocks_describe_each_week() -> None:
    response = compute("learning-plan", PLAN)
    headings = [block["text"] for block in blocks_of(response, "heading")]
    assert headings == [
        "Your plan",
        "Week 1: Wed 18 Nov to Tue 24 Nov",
        "Week 2: Wed 25 Nov to Tue 1 Dec",
        "Week 3: Wed 2 Dec to Tue 8 Dec",
    ]
    text = all_text(response)
    assert "Each week: 3.5 hours in 4 sessions" in text
    assert "Total: 10.5 hours" in text
    assert (
        "The plan works on the areas you picked: Examples and stories and Nerves and "
        "composure." in text
    )
    assert blocks_of(response, "copy")[0]["text"].startswith("Week 1: Wed 18 Nov to Tue 24 Nov")


def test_empty_focus_uses_the_reflection_ranking() -> None:
    reflection = {
        "research": "5",
        "role_fit": "3",
        "stories": "1",
        "technical": "4",
        "questions": "2",
        "composure": "5",
        "feedback_areas": ["role_fit"],
    }
    response = compute("learning-plan", {**PLAN, "focus": []}, context={"reflection": reflection})
    notice = blocks_of(response, "notice")[0]["text"]
    # role_fit: 5 - 3 + 2 (feedback) = 4 ties stories: 5 - 1 = 4; the form's order breaks
    # the tie. questions (5 - 2 = 3) comes third, so it is left out: the plan takes
    # the top two, as Steps 3 and 5 say ("one or two areas").
    assert notice.startswith(
        "You left the areas blank, so the plan uses the top 2 areas "
        "from your reflection: Linking my experience to the role and Examples and stories."
    )
    assert {s["area"] for s in response["sessions"]} == {"role_fit", "stories"}
    assert "focus" not in response["missing"]


def test_nothing_to_plan_without_focus_or_reflection() -> None:
    response = compute(
        "learning-plan", {"hours": "2"}, context={"reflection": "garbage", "tracker": 3}
    )
    assert response["sessions"] == []
    assert response["missing"] == ["focus", "start", "weeks", "methods"]
    assert "Pick at least one area to work on" in all_text(response)


def test_defaults_fill_in_and_are_named() -> None:
    response = compute("learning-plan", {"focus": ["technical"]})
    text = all_text(response)
    assert "assumes 2 hours a week" in text
    assert "runs for 4 weeks" in text
    # Today is Tuesday 17 November; the next week starts Monday 23 November.
    assert "starts on Monday 23 November 2026" in text
    assert response["sessions"][0]["date"] == "2026-11-23"
    assert {s["method"] for s in response["sessions"]} == {"stories", "mock", "research"}
    assert response["missing"] == ["hours", "start", "weeks", "methods"]


def test_past_start_date_is_flagged() -> None:
    text = all_text(compute("learning-plan", {**PLAN, "start": "2026-11-01"}))
    assert "Your start date, Sunday 1 November 2026, is in the past" in text


def test_long_weeks_cap_at_seven_sessions() -> None:
    response = compute("learning-plan", {**PLAN, "hours": "40", "weeks": "1"})
    assert len(response["sessions"]) == 7
    assert sum(s["minutes"] for s in response["sessions"]) == 2400
    assert "Take a short break every hour" in all_text(response)


def test_more_areas_than_the_guide_suggests_get_a_gentle_note() -> None:
    response = compute("learning-plan", {**PLAN, "focus": ["research", "stories", "composure"]})
    notices = [block["text"] for block in blocks_of(response, "notice")]
    assert any("no more than 2 areas for a few weeks" in text for text in notices)
    response = compute("learning-plan", {**PLAN, "focus": ["research", "stories"]})
    assert not any("no more than" in b["text"] for b in blocks_of(response, "notice"))


IF_THEN = {
    "if_then.0.cue": "If it is Tuesday at 7 pm",
    "if_then.0.action": "then I will say one story out loud.",
    "if_then.1.cue": "I start scrolling job boards after 9 pm",
    "if_then.1.action": "close the laptop",
    "if_then.2.cue": "my heart races in the waiting room",
}


def test_if_then_plans_are_written_back_as_whole_sentences() -> None:
    response = compute("learning-plan", {**PLAN, **IF_THEN})
    text = all_text(response)
    assert "If it is Tuesday at 7 pm, then I will say one story out loud." in text
    assert "If I start scrolling job boards after 9 pm, then I will close the laptop." in text
    assert "1 if-then plan has only one part" in text
    assert "Add one plan for the next rejection too" in text
    assert response["complete"] is True


def test_the_plan_for_the_next_rejection_is_shown_and_sessions_carry_the_plans() -> None:
    values = {**PLAN, **IF_THEN, "next_no": "I will read it once, close it, and tell one person."}
    response = compute("learning-plan", values)
    text = all_text(response)
    assert (
        "For the next rejection: if it arrives, then I will read it once, close it, and tell one "
        "person." in text
    )
    assert "Add one plan for the next rejection too" not in text
    # No plans yet: none of the if-then text appears.
    bare = all_text(compute("learning-plan", PLAN))
    assert "if-then" not in bare.lower() and "next rejection" not in bare


def test_recurring_feedback_themes_come_before_the_ratings() -> None:
    """The reflection shares the themes its feedback notes point to
    (browser_py.core.themes); the plan suggests those areas first."""
    reflection = {
        "research": "1",
        "role_fit": "1",
        "stories": "5",
        "technical": "5",
        "questions": "5",
        "composure": "5",
        "feedback_notes": "I was too nervous, and my examples lacked detail.",
    }
    response = compute("learning-plan", {**PLAN, "focus": []}, context={"reflection": reflection})
    assert {s["area"] for s in response["sessions"]} == {"composure", "stories"}
    assert (
        "from your reflection: Examples and stories and Nerves and composure"
        in (blocks_of(response, "notice")[0]["text"])
    )


#: Two earlier rounds whose feedback both came back to the technical side.
EARLIER_ROUNDS = [
    {"feedback_notes": "They wanted more depth on the technical design questions."},
    {"feedback_notes": "Again the coding exercise: my technical answers were thin."},
]
#: This round: ratings that put research first and no feedback notes.
THIS_ROUND = {
    "research": "1",
    "role_fit": "2",
    "stories": "5",
    "technical": "5",
    "questions": "5",
    "composure": "5",
}


def test_the_plan_names_the_worksheets_it_reads_from_every_round() -> None:
    response = compute("learning-plan", PLAN)
    assert response["rounds_context"] == ["reflection"]
    assert "rounds_context" not in compute("reflection", THIS_ROUND)


def test_feedback_themes_recurring_across_rounds_lead_the_suggested_focus() -> None:
    """The page sends the reflection's answers from every round (``rounds``);
    the themes they keep coming back to come first, then this round's ranking,
    and they are the focus the workbook's progress across rounds suggests."""
    context = {"reflection": THIS_ROUND}
    alone = compute("learning-plan", {**PLAN, "focus": []}, context=context)
    assert [s["area"] for s in alone["sessions"]][:1] == ["research"]

    rounds = {"reflection": [*EARLIER_ROUNDS, THIS_ROUND]}
    response = compute("learning-plan", {**PLAN, "focus": []}, context=context, rounds=rounds)
    areas = {s["area"] for s in response["sessions"]}
    assert areas == {"technical", "research"}
    notice = blocks_of(response, "notice")[0]["text"]
    assert notice == (
        "You left the areas blank, so the plan starts with what your feedback came back to "
        "most across your 3 rounds: Technical or task questions. Then the top area from your "
        "reflection: Knowing the company. Tick areas above to choose your own."
    )

    # The same answers as the workbook's snapshot: the same first focus.
    snapshot = {
        "current": "r2",
        "worksheets": {},
        "rounds": [
            {
                "id": f"r{number}",
                "label": f"Round {number + 1}",
                "company": "",
                "role": "",
                "date": "",
                "created": f"2026-11-2{number}T10:00:00Z",
                "worksheets": {"reflection": {"saved_at": "2026-11-25T10:00:00Z", "values": v}},
            }
            for number, v in enumerate(rounds["reflection"])
        ],
    }
    steps = steps_from_index(real_index())
    focus = progress.build_progress(snapshot, steps, date(2026, 11, 30))["focus"]
    assert focus == ["technical"]
    assert set(focus) <= areas


def test_a_bad_rounds_context_is_refused_with_a_sentence() -> None:
    reply = json.loads(
        handle(request("learning-plan", PLAN, context={}, rounds={"reflection": "nope"}))
    )
    assert reply["ok"] is False
    assert "'rounds' must be an object" in reply["error"]
    # A round whose answers are not an object is skipped, the rest still count.
    rounds = {"reflection": [*EARLIER_ROUNDS, "junk", 7]}
    response = compute("learning-plan", {**PLAN, "focus": []}, context={}, rounds=rounds)
    assert "technical" in {s["area"] for s in response["sessions"]}


def test_chinese_plans_drop_the_words_the_form_already_says() -> None:
    values = {
        **PLAN,
        "if_then.0.cue": "如果周二晚上七点",
        "if_then.0.action": "那么我就大声讲一个故事。",
        "if_then.1.cue": "要是，我九点后还在刷招聘网站",
        "if_then.1.action": "就业网站一律关掉",
        "next_no": "我就只读一遍，然后告诉一个朋友。",
    }
    with speaking():
        response = compute("learning-plan", values, language="zh-Hans")
    text = all_text(response)
    assert "如果周二晚上七点，我就大声讲一个故事。" in text
    assert "如果我九点后还在刷招聘网站，我就就业网站一律关掉。" in text
    assert "如果如果" not in text and "我就我就" not in text and "我就那么" not in text
    assert "只读一遍" in text and "我就我就只读" not in text
    # Chinese sentences follow one another with no space after the stop.
    assert "。 " not in text


def test_a_lead_word_alone_is_nothing_typed_yet() -> None:
    with speaking():
        response = compute(
            "learning-plan",
            {**PLAN, "if_then.0.cue": "如果", "if_then.0.action": "散步"},
            language="zh-Hans",
        )
        text = all_text(response)
        assert "如果如果" not in text and "如果，我就散步" not in text
        # The plan is half done, and the reader is told so, in Chinese.
        half = ngettext(
            "{count} if-then plan has only one part: give it both the moment and what you will do.",
            "{count} if-then plans have only one part: give each both the moment and "
            "what you will do.",
            1,
        ).format(count=1)
    assert half in text
