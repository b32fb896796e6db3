"""Feedback request email and timing."""

from __future__ import annotations

from tests.helpers.responses import all_text, blocks_of, compute

BASE = {
    "company": "Northwind",
    "role": "Data Analyst",
    "interviewer": "Ms Okafor",
    "interview_date": "2026-11-10",
    "decision_date": "2026-11-13",
    "learn": ["answers"],
    "tone": "warm",
    "your_name": "Alex Kim",
}


def email(values: dict[str, object]) -> tuple[str, str, dict[str, object]]:
    response = compute("feedback", values)
    copies = blocks_of(response, "copy")
    assert [block["label"] for block in copies] == ["Subject", "Email"]
    return copies[0]["text"], copies[1]["text"], response


def test_warm_email_is_specific() -> None:
    subject, body, response = email(BASE)
    assert subject == "Thank you, and a quick question about the Data Analyst role"
    assert body.startswith("Hi Ms Okafor,\n\n")
    assert "the Data Analyst role at Northwind" in body
    assert "on 10 November" in body
    assert "How did my answers come across" in body
    assert body.endswith("Best wishes,\nAlex Kim")
    assert response["complete"] is True and response["missing"] == []


def test_tones_change_greeting_subject_and_sign_off() -> None:
    subject, body, _ = email({**BASE, "tone": "formal"})
    assert subject == "Request for feedback: Data Analyst interview"
    assert body.startswith("Dear Ms Okafor,") and "Kind regards,\nAlex Kim" in body
    subject, body, _ = email({**BASE, "tone": "brief", "interviewer": ""})
    assert subject == "Feedback on my Data Analyst interview"
    assert body.startswith("Hello,") and body.endswith("Thanks,\nAlex Kim")
    assert len(body) < len(email(BASE)[1])


def test_questions_follow_the_chosen_topics_at_most_two() -> None:
    _, body, response = email({**BASE, "learn": ["future", "deciding-factor", "skills"]})
    # The form's order decides "the first two": deciding-factor, skills.
    assert "- What made the difference in the final decision?" in body
    assert "- Which skills or experience would make me a stronger candidate" in body
    assert "apply for similar roles" not in body
    notice = next(
        block["text"]
        for block in blocks_of(response, "notice")
        if "You picked 3 topics" in block["text"]
    )
    # The option's label has no idiom ("what tipped the decision" before).
    assert "what made the difference in the end and skills or experience to build" in notice


def test_no_topic_asks_a_general_question() -> None:
    _, body, response = email({**BASE, "learn": []})
    assert "Is there one thing you would suggest I work on before my next interview?" in body
    assert "No topic picked yet" in all_text(response)


def test_timing_skips_the_weekend() -> None:
    # Heard back on Friday 13 November: send on Monday 16 or Tuesday 17.
    text = all_text(compute("feedback", BASE))
    assert "The best time to send is Monday 16 November 2026 or Tuesday 17 November 2026" in text
    assert "Send by: Tuesday 17 November 2026" in text
    assert "Follow up once around: Tuesday 24 November 2026" in text
    assert "Some companies have a policy of not giving feedback" in text


def test_timing_after_the_window_says_send_today() -> None:
    text = all_text(compute("feedback", {**BASE, "decision_date": "2026-11-02"}))
    assert "The ideal window of one or two working days has passed" in text
    assert "Send: Tuesday 17 November 2026" in text
    assert "Follow up once around: Tuesday 24 November 2026" in text


def test_timing_without_a_decision_date_is_general() -> None:
    text = all_text(compute("feedback", {**BASE, "decision_date": ""}))
    assert "within one or two working days of hearing back" in text
    assert "Send by" not in text


def test_dates_in_the_wrong_order_are_flagged() -> None:
    text = all_text(compute("feedback", {**BASE, "decision_date": "2026-11-05"}))
    assert "The date you heard back is before your interview date." in text


def test_missing_company_and_role_are_named_but_the_email_still_shows() -> None:
    subject, body, response = email({"interviewer": "Sam", "learn": ["skills"]})
    assert response["missing"] == ["company", "role"]
    assert response["complete"] is False
    first = response["blocks"][0]
    assert first["type"] == "notice" and first["tone"] == "warning"
    assert "company and role you interviewed for" in first["text"]
    assert "[role]" in subject
    assert "[company]" in body and "Hi Sam," in body and body.endswith("[your name]")


def test_with_no_topic_the_stage_chooses_the_questions() -> None:
    _, body, response = email({**BASE, "learn": [], "stage": "final"})
    assert "What made the difference in the final decision?" in body
    assert "apply for similar roles with you in the future?" in body
    assert "what suits the stage you reached (A final round)" in all_text(response)
    _, body, _ = email({**BASE, "learn": [], "stage": "task"})
    assert "my work on the task or exercise" in body
    _, body, _ = email({**BASE, "learn": [], "stage": "first"})
    assert "Which skills or experience" in body
    # Topics the reader picked win over the stage's.
    _, body, _ = email({**BASE, "stage": "task"})
    assert "How did my answers come across" in body and "task or exercise" not in body


def test_an_agency_contact_is_thanked_and_asked_what_the_company_said() -> None:
    _, body, _ = email({**BASE, "channel": "agency"})
    assert "Thank you too for putting me forward. If Northwind said anything" in body
    _, direct, _ = email({**BASE, "channel": "direct"})
    assert "putting me forward" not in direct
