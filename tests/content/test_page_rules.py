"""Every rule a step page states in words agrees with its worksheet's logic.

Where a number appears both in a page's prose (outside the worksheet fence)
and in the worksheet (a module constant or the spec), the test below reads
both and compares them, so changing one without the other fails here.
"""

from __future__ import annotations

import re
from functools import cache

from browser_py.worksheets import feedback, learning_plan, reflection, resilience, tracker
from tests.helpers.build import ROOT
from tests.helpers.specs import real_specs

CONTENT = ROOT / "content"

#: Number words the pages use.
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
WORDS |= {"eight": 8, "nine": 9, "ten": 10, "a": 1}

_FENCE = re.compile(r"^( *)```worksheet\n.*?^\1```$", re.M | re.S)


@cache
def prose(page: str) -> str:
    """The page's text without its worksheet fence, on one line per paragraph."""
    text = _FENCE.sub("", (CONTENT / f"{page}.md").read_text(encoding="utf-8"))
    return re.sub(r"\s*\n\s*", " ", text)


def number(word: str) -> int:
    return int(word) if word.isdigit() else WORDS[word.lower()]


def found(page: str, pattern: str) -> list[re.Match[str]]:
    matches = list(re.finditer(pattern, prose(page), re.I))
    assert matches, f"content/{page}.md no longer says {pattern!r}: update this test and the logic"
    return matches


def test_feedback_asks_one_or_two_questions() -> None:
    for match in found("ask-for-feedback", r"Keep it to one or (\w+) specific questions"):
        assert number(match.group(1)) == feedback.MAX_QUESTIONS


def test_feedback_is_sent_within_a_day_or_two_and_followed_up_after_about_a_week() -> None:
    (send,) = found("ask-for-feedback", r"Write within a day or (\w+) of hearing back")
    assert number(send.group(1)) == feedback.SEND_WITHIN_WORKING_DAYS
    (follow,) = found("ask-for-feedback", r"If you hear nothing after about (a|\w+) (week|day)s?")
    days = number(follow.group(1)) * (7 if follow.group(2) == "week" else 1)
    assert days == feedback.FOLLOW_UP_AFTER_DAYS


def test_steps_3_and_5_name_as_many_focus_areas_as_the_plan_takes() -> None:
    said = [
        *found("reflect", r"one or (\w+) things to work on"),
        *found("reflect", r"no more than (\w+) areas to work on"),
        *found("reflect", r"Your top (\w+) areas carry over"),
        *found("keep-learning", r"Pick one or (\w+) things to practise"),
        *found("keep-learning", r"the one or (\w+) areas from your reflection"),
        *found("keep-learning", r"(\w+) areas for a few weeks"),
    ]
    assert {number(match.group(1)) for match in said} == {learning_plan.FROM_REFLECTION}
    assert reflection.FOCUS_AREAS == learning_plan.FROM_REFLECTION


def section(page: str, heading: str) -> str:
    """The prose under ``## heading``, up to the next heading."""
    text = _FENCE.sub("", (CONTENT / f"{page}.md").read_text(encoding="utf-8"))
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^#)", text, re.M | re.S)
    assert match, f"content/{page}.md has no section {heading!r}"
    return match.group(1)


def test_step_4_offers_every_practice_the_page_lists() -> None:
    listed = re.findall(
        r"^\d+\. \*\*(.+?)\*\*", section("build-resilience", "Practices that steady you"), re.M
    )
    options = real_specs()["resilience"].field("practices").options
    assert len(listed) == len(options) == 9


def test_step_4_suggests_as_many_practices_at_once_as_the_worksheet() -> None:
    (match,) = found("build-resilience", r"Pick two or (\w+) of these for the coming week")
    assert number(match.group(1)) == resilience.MAX_PRACTICES


def test_the_thought_records_ratings_use_the_pages_scale() -> None:
    steps = section("build-resilience", "Catch the harsh thought")
    ranges = {(int(low), int(high)) for low, high in re.findall(r"from (\d+) to (\d+)", steps)}
    spec = real_specs()["resilience"]
    scales = {
        (int(spec.field(name).min or 0), int(spec.field(name).max or 0))
        for name in ("emotion_before", "belief_before", "belief_after", "emotion_after")
    }
    assert ranges == scales == {(0, 10)}
    # The page's numbered steps name each rating the worksheet asks for.
    assert re.search(r"\*\*Name the feeling\*\*.*rate how strong it is", steps)
    assert re.search(r"\*\*Rate the thought and the feeling again\.\*\*", steps)
    assert re.search(r"\*\*Spot the traps\.\*\*", steps)


def test_step_6_and_the_tracker_share_one_follow_up_rule() -> None:
    (quiet,) = found("keep-going", r"if you have heard nothing after about (\w+) (week|day)s?")
    days = number(quiet.group(1)) * (7 if quiet.group(2) == "week" else 1)
    assert days == tracker.FOLLOW_UP_DAYS
    (grace,) = found("keep-going", r"wait (\w+) or (\w+) working days beyond it")
    # The tracker waits the longer of the two before saying "ask now".
    assert number(grace.group(2)) == tracker.DECISION_GRACE_WORKING_DAYS
    # Each application has the date the page's rule starts from.
    applications = real_specs()["tracker"].field("applications")
    assert {"applied", "last_contact", "decision_by"} <= {sub.id for sub in applications.fields}


def test_step_6s_example_target_fits_the_trackers_two_targets() -> None:
    (example,) = found("keep-going", r"(\w+) tailored applications and (\w+) conversations a week")
    spec = real_specs()["tracker"]
    for field_id, said in (
        ("weekly_target", example.group(1)),
        ("conversation_target", example.group(2)),
    ):
        field = spec.field(field_id)
        assert (field.min or 0) <= number(said) <= (field.max or 0), field_id
    found("keep-going", r"Count these conversations")
    assert spec.field("conversations").kind == "list"


def test_step_6_tracker_records_where_each_application_came_from() -> None:
    found("keep-going", r"where you found it")
    source = next(
        sub for sub in real_specs()["tracker"].field("applications").fields if sub.id == "source"
    )
    assert source.option_values() == ("referral", "job-board", "recruiter", "company-site", "other")


def test_step_1_asks_for_the_feeling_in_the_readers_own_words() -> None:
    found("feel-it", r"named at least one feeling, in your own words")
    field = real_specs()["feelings"].field("in_words")
    assert field.kind == "text" and "own words" in field.label


def test_step_2_has_a_field_for_each_of_the_pages_templates() -> None:
    tabs = set(re.findall(r'^=== "(.+)"$', prose_lines("ask-for-feedback"), re.M))
    assert tabs == {
        "After a first interview",
        "After a final round",
        "Through an agency",
        "After a task or test",
    }
    spec = real_specs()["feedback"]
    assert spec.field("stage").option_values() == ("first", "final", "task")
    assert spec.field("channel").option_values() == ("direct", "agency")


def prose_lines(page: str) -> str:
    return _FENCE.sub("", (CONTENT / f"{page}.md").read_text(encoding="utf-8"))


def test_step_5_carries_its_if_then_plans_into_the_plan() -> None:
    plan = real_specs()["learning-plan"]
    fields = {field.id: field for field in plan.fields}
    # The page's example for the next rejection starts with the worksheet's own label.
    (example,) = found("keep-learning", r"> (If the next rejection arrives, then I will) ")
    assert fields["next_no"].label == example.group(1)
    # "Write two or three, in your own words": the list holds at least three.
    (count,) = found("keep-learning", r"Write (\w+) or (\w+), in your own words")
    assert fields["if_then"].kind == "list"
    assert fields["if_then"].max_rows >= number(count.group(2))
    assert [sub.id for sub in fields["if_then"].fields] == ["cue", "action"]
