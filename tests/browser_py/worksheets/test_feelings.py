"""Feelings check-in results."""

from __future__ import annotations

from tests.helpers.responses import SVG_NS, TODAY, all_text, blocks_of, check_svg, compute


def test_named_feelings_and_strength() -> None:
    response = compute(
        "feelings",
        {"emotions": ["tired", "disappointed"], "intensity": "8", "need": "an early night"},
    )
    text = all_text(response)
    assert "You named 2 feelings: Disappointed and Tired." in text
    assert "Strength right now: 8 of 10" in text
    assert "talk to a doctor or a local support line" in text  # 8 of 10 is strong
    assert "What would help today: an early night." in text
    assert response["missing"] == ["checkin_date"]


def test_mixed_feelings_are_called_normal() -> None:
    mixed = all_text(compute("feelings", {"emotions": ["sad", "relieved"]}))
    assert "relief or hope can sit right next to disappointment" in mixed
    only_hope = all_text(compute("feelings", {"emotions": ["hopeful"]}))
    assert "pulls in different directions" not in only_hope


def test_time_box_counts_the_days() -> None:
    text = all_text(compute("feelings", {"checkin_date": "2026-11-20"}))
    assert "You will check in with yourself on Friday 20 November 2026, in 3 days." in text
    tomorrow = all_text(compute("feelings", {"checkin_date": "2026-11-18"}))
    assert "Wednesday 18 November 2026, tomorrow" in tomorrow


def test_time_box_suggests_two_to_four_days_when_empty() -> None:
    text = all_text(compute("feelings", {}))
    assert "between Thursday 19 November 2026 and Saturday 21 November 2026" in text


def test_time_box_today_past_and_far() -> None:
    today = compute("feelings", {"checkin_date": TODAY.isoformat()})
    assert any(
        "Your check-in is today" in block["text"] and block["tone"] == "success"
        for block in blocks_of(today, "notice")
    )
    past = all_text(compute("feelings", {"checkin_date": "2026-11-12"}))
    assert "The check-in you planned for Thursday 12 November 2026 was 5 days ago." in past
    far = all_text(compute("feelings", {"checkin_date": "2026-12-01"}))
    assert "in 14 days" in far and "more than a week away" in far


def test_later_check_ins_show_the_change_since_the_first_rating() -> None:
    response = compute(
        "feelings",
        {
            "intensity": "7",
            "checkin_date": "2026-11-14",
            # Saved out of order: rows sort by date.
            "checkins.0.date": "2026-11-16",
            "checkins.0.intensity": "4",
            "checkins.0.note": "went for a run",
            "checkins.1.date": "2026-11-14",
            "checkins.1.intensity": "5",
        },
        today=TODAY,
    )
    items = blocks_of(response, "list")[-1]["items"]
    assert items == [
        "Sat 14 Nov: 5 of 10, down 2 points since your first rating of 7",
        "Mon 16 Nov: 4 of 10, down 3 points since your first rating of 7 "
        "(you noted: went for a run)",
    ]
    summary = [block for block in blocks_of(response, "notice") if block["tone"] == "success"]
    assert summary[0]["text"].startswith("Down 3 points since your first rating.")


def test_rising_ratings_get_a_gentle_note() -> None:
    response = compute(
        "feelings", {"intensity": "3", "checkins.0.date": "2026-11-16", "checkins.0.intensity": "4"}
    )
    assert "Up 1 point since your first rating." in all_text(response)


def test_chart_needs_two_ratings() -> None:
    assert not blocks_of(compute("feelings", {"intensity": "6"}), "figure")
    response = compute(
        "feelings",
        {
            "intensity": "6",
            "checkins.0.date": "2026-11-16",
            "checkins.0.intensity": "5",
            "checkins.1.date": "2026-11-17",
            "checkins.1.intensity": "2",
        },
    )
    figure = blocks_of(response, "figure")[0]
    root = check_svg(figure["svg"])
    assert len(root.findall(f"{SVG_NS}circle")) == 3
    assert root.find(f"{SVG_NS}desc").text == (
        "Ratings out of 10, oldest first: 6 (First), then 5 (16 Nov), then 2 (17 Nov)."
    )
    assert figure["caption"].endswith("down 4 points overall.")


def test_first_check_in_is_the_baseline_without_a_first_rating() -> None:
    response = compute(
        "feelings",
        {
            "checkins.0.date": "2026-11-15",
            "checkins.0.intensity": "6",
            "checkins.1.date": "2026-11-16",
            "checkins.1.intensity": "6",
        },
    )
    items = blocks_of(response, "list")[-1]["items"]
    assert items == [
        "Sun 15 Nov: 6 of 10, your first rating",
        "Mon 16 Nov: 6 of 10, no change since your first rating of 6",
    ]


def test_unrated_and_future_check_ins() -> None:
    response = compute(
        "feelings",
        {
            "intensity": "5",
            "checkins.0.note": "busy day",
            "checkins.1.date": "2026-11-30",
            "checkins.1.intensity": "3",
        },
    )
    text = all_text(response)
    assert "Check-in 2: not rated yet (you noted: busy day)" in text
    assert "1 check-in is dated after today." in text


def test_the_feeling_in_the_readers_own_words_is_reflected_back() -> None:
    text = all_text(compute("feelings", {"emotions": ["sad"], "in_words": "flat and let down"}))
    assert "In your own words: flat and let down." in text


def test_distress_in_the_readers_own_words_leads_with_support() -> None:
    response = compute("feelings", {"in_words": "no point in living"})
    text = all_text(response)
    assert "support" in text.lower()
    assert "no point in living" not in text  # never echoed back with advice
