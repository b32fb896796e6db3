"""Raw saved values -> typed answers (browser_py.core.answers)."""

from __future__ import annotations

from datetime import date

import pytest

from browser_py.core.answers import normalise
from tests.helpers.specs import real_specs


def feelings(raw: object):
    return normalise(real_specs()["feelings"], raw)


def tracker(raw: object):
    return normalise(real_specs()["tracker"], raw)


def test_each_kind_gets_its_type() -> None:
    answers = feelings(
        {
            "emotions": ["tired", "sad"],
            "intensity": "7",
            "need": "  a walk  ",
            "checkin_date": "2026-11-20",
        }
    )
    assert answers.values["emotions"] == ["sad", "tired"]  # the form's order
    assert answers.values["intensity"] == 7
    assert answers.values["need"] == "a walk"
    assert answers.values["checkin_date"] == date(2026, 11, 20)
    assert answers.values["checkins"] == []
    assert answers.problems == []


def test_empty_values_are_empty_without_problems() -> None:
    answers = feelings({"emotions": [], "intensity": "", "need": "", "checkin_date": None})
    assert answers.values == {
        "emotions": [],
        "in_words": "",
        "intensity": None,
        "need": "",
        "checkin_date": None,
        "checkins": [],
    }
    assert answers.problems == []


def test_scale_out_of_range_and_junk_become_problems() -> None:
    answers = feelings({"intensity": "11"})
    assert answers.values["intensity"] is None
    assert answers.problems[0].text == (
        "The answer to \u201cRight now, how strong is the feeling?\u201d should be a whole "
        "number from 0 to 10; 11 is outside that, so it is left out."
    )
    assert answers.problems[0].name == "intensity"
    assert feelings({"intensity": "seven"}).values["intensity"] is None
    assert feelings({"intensity": True}).problems  # a boolean is not a rating
    assert feelings({"intensity": 4}).values["intensity"] == 4  # a JSON number is fine
    assert feelings({"intensity": "9" * 5000}).values["intensity"] is None


def test_multi_drops_unknown_values_and_says_so() -> None:
    answers = feelings({"emotions": ["sad", "smug", 3, {"x": 1}, "sad"]})
    assert answers.values["emotions"] == ["sad"]
    assert answers.problems[0].text == (
        "Some ticks saved for the answer to \u201cWhat are you feeling?\u201d are not choices "
        "on this form any more, so they are left out."
    )
    assert feelings({"emotions": "angry"}).values["emotions"] == ["angry"]


def test_text_is_cleaned_and_truncated() -> None:
    spec = real_specs()["feedback"]
    answers = normalise(spec, {"company": "Ac\x00me\n  Ltd", "extra": "x" * 900})
    assert answers.values["company"] == "Acme Ltd"  # single-line text: whitespace collapsed
    assert answers.values["extra"] == "x" * 800
    assert answers.problems[0].text == (
        "Anything you want to add is longer than 800 characters; only the first 800 are used."
    )


def test_choice_must_be_an_option() -> None:
    answers = normalise(real_specs()["feedback"], {"tone": "sarcastic"})
    assert answers.values["tone"] is None
    assert "\u201csarcastic\u201d is not one of the choices" in answers.problems[0].text


def test_dates_must_be_real_iso_dates() -> None:
    answers = tracker(
        {
            "since": "2026-02-30",
            "applications.0.company": "Acme",
            "applications.1.company": "Beta",
            "applications.1.applied": "17/11/2026",
        }
    )
    assert answers.values["since"] is None
    texts = [problem.text for problem in answers.problems]
    assert texts[0].startswith("Tracking since is not a valid date")
    assert texts[1].startswith("Date applied in application 2 is not a valid date")
    assert answers.problems[1].name == "applications.1.applied"


def test_numbers_accept_decimal_commas_and_respect_the_range() -> None:
    spec = real_specs()["learning-plan"]
    assert normalise(spec, {"hours": "2,5"}).values["hours"] == 2.5
    assert normalise(spec, {"hours": 3}).values["hours"] == 3.0
    too_many = normalise(spec, {"hours": "50"})
    assert too_many.values["hours"] is None
    assert "from 1 to 40 hours a week" in too_many.problems[0].text
    for junk in ("1e999", "NaN", "inf", "1_0", "two"):
        assert normalise(spec, {"hours": junk}).values["hours"] is None, junk


def test_list_rows_are_ordered_by_index_and_empty_rows_dropped() -> None:
    answers = tracker(
        {
            "applications.10.company": "Late",
            "applications.2.company": "Early",
            "applications.2.stage": "interview",
            "applications.5.company": "  ",
            "applications.5.stage": "",
            "applications.3.nonsense": "x",
            "applications.x.company": "bad index",
            "applications.-1.company": "negative",
            "applications.1.2.company": "too deep",
            "unknown": "ignored",
        }
    )
    rows = answers.values["applications"]
    assert [row["company"] for row in rows] == ["Early", "Late"]
    assert rows[0] == {
        "company": "Early",
        "role": "",
        "stage": "interview",
        "source": None,
        "applied": None,
        "replied_on": None,
        "interview_on": None,
        "final_on": None,
        "offer_on": None,
        "closed_on": None,
        "last_contact": None,
        "decision_by": None,
    }
    assert answers.problems == []


def test_rows_beyond_max_rows_are_reported() -> None:
    raw = {f"applications.{index}.company": f"C{index}" for index in range(65)}
    answers = tracker(raw)
    assert len(answers.values["applications"]) == 60
    assert answers.values["applications"][-1]["company"] == "C59"
    assert "only the first 60 are used" in answers.problems[-1].text


@pytest.mark.parametrize(
    "raw",
    [
        None,
        [],
        "text",
        3,
        [{"a": 1}],
        {"emotions": {"a": [1]}},
        {"intensity": [1, 2]},
        {"need": ["one"]},
        {"need": 12.5},
        {"checkins.0.date": ["2026-01-01", "x"]},
    ],
)
def test_junk_never_raises(raw: object) -> None:
    answers = feelings(raw)
    assert set(answers.values) == {
        "emotions",
        "in_words",
        "intensity",
        "need",
        "checkin_date",
        "checkins",
    }


def test_non_mapping_values_are_reported() -> None:
    answers = feelings(["not", "an", "object"])
    assert answers.problems[0].text.startswith("The saved answers could not be read")


def test_one_item_list_is_unwrapped_and_numbers_become_text() -> None:
    answers = feelings({"need": ["sleep"], "intensity": ["6"]})
    assert answers.values["need"] == "sleep"
    assert answers.values["intensity"] == 6
    assert feelings({"need": 12.5}).values["need"] == "12.5"
    assert feelings({"need": 7.0}).values["need"] == "7"  # as JavaScript writes it
    too_big = feelings({"need": 3.2e16})  # JavaScript would round its digits
    assert too_big.values["need"] == ""
    assert too_big.problems[0].text == (
        "The answer to \u201cWhat would help you today?\u201d could not be read, so it is left out."
    )
