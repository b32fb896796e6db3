"""The recurring-theme rules (browser_py.core.themes): the table's format, how a
keyword matches, and how themes are counted and ranked."""

from __future__ import annotations

from browser_py.core.spec import ID_PATTERN
from browser_py.core.themes import (
    RULES,
    area_ids,
    count_themes,
    fold,
    label_of,
    ranked,
    themes_in,
)
from tests.helpers.specs import real_specs


def test_the_rules_follow_the_documented_format() -> None:
    ids = [theme.id for theme in RULES]
    assert len(set(ids)) == len(ids)
    for theme in RULES:
        assert ID_PATTERN.match(theme.id) and theme.label.strip()
        assert theme.keywords
        for keyword in theme.keywords:
            assert keyword == fold(keyword) == keyword.strip(), keyword


def test_area_themes_are_the_learning_plans_areas() -> None:
    """A theme marked as an area must be one the learning plan can work on."""
    focus = real_specs()["learning-plan"].field("focus")
    assert set(area_ids()) <= set(focus.option_values())
    assert set(area_ids()) == set(
        real_specs()["reflection"].field("feedback_areas").option_values()
    )


def test_keywords_match_at_a_word_start_ignoring_case_and_accents() -> None:
    assert themes_in("More CONCRETE Examples please") == ["stories"]
    assert themes_in("Use the STAR\n  method") == ["stories"]
    assert themes_in("Préparation was weak; the coding task went well") == ["technical"]
    assert themes_in("counterexample") == []  # inside a word: no match
    assert themes_in("Seemed nervous, and the answers rambled") == ["composure", "communication"]
    assert themes_in("") == []


def test_each_text_counts_once_per_theme_and_ticked_areas_add_one() -> None:
    counts = count_themes(
        ["example, example, another example", "a story", "calm and clear"],
        ticked=["stories", "not-a-theme", "research"],
    )
    assert counts == {"stories": 3, "composure": 1, "communication": 1, "research": 1}


def test_ranking_is_by_count_then_by_the_rules_order() -> None:
    assert ranked({"communication": 2, "composure": 2, "research": 1, "stories": 3}) == [
        "stories",
        "composure",
        "communication",
        "research",
    ]
    assert label_of("stories") == "Examples and stories"
    assert label_of("unknown") == "unknown"
