"""Interview reflection: strengths, the explained ranking, and top_areas."""

from __future__ import annotations

from browser_py.core.answers import normalise
from browser_py.worksheets import reflection
from tests.helpers.responses import SVG_NS, all_text, blocks_of, check_svg, compute
from tests.helpers.specs import real_specs

RATED = {
    "research": "4",
    "role_fit": "2",
    "stories": "2",
    "technical": "5",
    "questions": "3",
    "composure": "5",
    "feedback_areas": ["stories", "technical"],
}


def test_areas_match_the_spec_and_the_learning_plan() -> None:
    spec = real_specs()["reflection"]
    areas = tuple(f.id for f in spec.fields if f.kind == "scale")
    assert areas == ("research", "role_fit", "stories", "technical", "questions", "composure")
    assert spec.field("feedback_areas").option_values() == areas
    focus = real_specs()["learning-plan"].field("focus")
    assert focus.option_values() == areas


def test_strengths_and_ranked_improvements_with_reasons() -> None:
    response = compute("reflection", RATED)
    lists = blocks_of(response, "list")
    assert lists[0]["items"] == ["Knowing the company", "Nerves and composure"]
    assert lists[1]["ordered"] is True
    assert lists[1]["items"] == [
        "Examples and stories: rated 2 of 5, mentioned in the feedback (score 5)",
        "Linking my experience to the role: rated 2 of 5 (score 3)",
        "Technical or task questions: rated 5 of 5, mentioned in the feedback (score 2)",
        "My questions for them: rated 3 of 5 (score 2)",
    ]
    text = all_text(response)
    assert "each area scores 5 minus your rating, plus 2 if the feedback mentioned it" in text
    assert "You felt well prepared for Technical or task questions" in text
    assert "Areas rated: 6 of 6" in text and "Average: 3.5 of 5" in text
    assert response["complete"] is True


def test_ties_keep_the_form_order() -> None:
    answers = normalise(
        real_specs()["reflection"],
        {"composure": "3", "research": "3", "stories": "3", "questions": "1"},
    )
    assert reflection.top_areas(answers, 3) == ["questions", "research", "stories"]
    assert reflection.top_areas(answers, 10) == ["questions", "research", "stories", "composure"]
    assert reflection.top_areas(answers, 0) == []


def test_feedback_alone_ranks_an_unrated_area() -> None:
    answers = normalise(
        real_specs()["reflection"], {"feedback_areas": ["composure"], "research": "4"}
    )
    ranked = reflection.ranked(answers)
    assert [(item.area, item.score, item.reasons()) for item in ranked] == [
        ("composure", 2, ["not rated yet", "mentioned in the feedback"])
    ]


def test_missing_lists_unrated_areas() -> None:
    response = compute("reflection", {"research": "2", "stories": "5"})
    assert response["missing"] == ["role_fit", "technical", "questions", "composure"]
    assert "4 areas still to rate" in all_text(response)


def test_own_words_are_shown() -> None:
    text = all_text(
        compute(
            "reflection",
            {**RATED, "went_well": "Good rapport", "feedback_notes": "Answers were too long"},
        )
    )
    assert "Good rapport" in text and "Answers were too long" in text


def test_bar_chart_has_one_bar_per_rated_area() -> None:
    response = compute("reflection", {**RATED, "composure": ""})
    root = check_svg(blocks_of(response, "figure")[0]["svg"])
    bars = [node for node in root.findall(f"{SVG_NS}rect") if node.get("class") == "rb-chart__bar"]
    assert len(bars) == 5
    desc = root.find(f"{SVG_NS}desc").text
    assert "Examples and stories: 2/5, mentioned in the feedback" in desc
    assert "Nerves and composure: not rated" in desc


def test_empty_form_gets_a_prompt() -> None:
    response = compute("reflection", {})
    assert response["blocks"] == [
        {
            "type": "paragraph",
            "text": (
                "Rate each area from 1 to 5 to see your strengths and a ranked list of what to "
                "work "
                "on next."
            ),
        }
    ]
    assert len(response["missing"]) == 6


def test_the_first_two_areas_are_named_as_the_place_to_start() -> None:
    values = {"research": "5", "role_fit": "3", "stories": "1", "questions": "2"}
    text = all_text(compute("reflection", values))
    assert (
        "Start with the first 2: Examples and stories and My questions for them. "
        "One or two areas at a time is enough" in text
    )


def test_the_questions_asked_and_what_was_outside_control_are_logged() -> None:
    values = {
        "research": "3",
        "asked": "What does success look like in six months?",
        "outside_control": "They had an internal candidate.",
    }
    text = all_text(compute("reflection", values))
    assert "The questions you asked\nWhat does success look like in six months?" in text
    assert "Outside your control\nThey had an internal candidate." in text
    assert "That part was never yours to fix." in text
