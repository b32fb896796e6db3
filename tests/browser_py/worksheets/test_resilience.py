"""Thought record: all-or-nothing words, belief change, evidence nudge, week."""

from __future__ import annotations

from browser_py.worksheets.resilience import ABSOLUTES, LOCAL_WORDS, find_absolutes
from tests.helpers.responses import all_text, blocks_of, compute
from tests.helpers.translated import speaking


def words(text: str) -> list[str]:
    return [hint.found for hint in find_absolutes(text)]


def test_absolute_words_are_whole_words_any_case() -> None:
    assert words("I ALWAYS freeze and Never recover") == ["ALWAYS", "Never"]
    assert words("the hallways were nevermore, nothings") == []
    assert words("Every  time, no-one, No one") == ["Every time", "no-one"]
    assert words("failures everywhere, everyone completely ruined") == [
        "failures",
        "everyone",
        "completely",
        "ruined",
    ]
    assert words("\u00e9always") == []  # a letter before it: not the word


def test_hints_quote_the_word_and_offer_a_fairer_one() -> None:
    response = compute("resilience", {"thought": "I always mess up. Nobody will hire me."})
    items = blocks_of(response, "list")[0]["items"]
    assert items[0].startswith("\u201calways\u201d: ")
    assert "\u201csometimes\u201d" in items[0]
    assert items[1].startswith("\u201cNobody\u201d: ")
    assert "Your thought uses 2 all-or-nothing words." in all_text(response)


def test_a_clean_thought_gets_no_word_list() -> None:
    response = compute("resilience", {"thought": "That interview went badly."})
    assert "No all-or-nothing words" in all_text(response)
    assert not blocks_of(response, "list")


def test_balanced_thought_with_absolutes_is_flagged() -> None:
    text = all_text(
        compute("resilience", {"thought": "I failed.", "balanced": "I will never be perfect"})
    )
    assert "Your fairer thought still says \u201cnever\u201d." in text


def test_belief_change() -> None:
    response = compute(
        "resilience",
        {
            "thought": "x",
            "belief_before": "8",
            "belief_after": "5",
            "evidence_against": "y",
            "balanced": "z",
        },
    )
    text = all_text(response)
    assert "Before: 8 of 10" in text and "After: 5 of 10" in text
    assert "Change: down 3 points" in text
    assert "dropped from 8 to 5" in text
    assert response["complete"] is True
    same = all_text(compute("resilience", {"belief_before": "6", "belief_after": "6"}))
    assert "Change: none" in same
    up = all_text(compute("resilience", {"belief_before": "4", "belief_after": "6"}))
    assert "Change: up 2 points" in up


def test_empty_evidence_against_gets_a_nudge() -> None:
    response = compute("resilience", {"thought": "I always freeze", "evidence_for": "They said no"})
    text = all_text(response)
    assert "The box for evidence that does not fit is still empty." in text
    assert "evidence_against" in response["missing"]
    filled = all_text(
        compute("resilience", {"thought": "I always freeze", "evidence_against": "Two callbacks"})
    )
    assert "is still empty" not in filled


def test_practices_become_a_checklist_for_this_week() -> None:
    response = compute("resilience", {"practices": ["talk", "move"]})
    assert blocks_of(response, "list")[-1]["items"] == [
        "Move my body every day",
        "Talk to someone I trust",
    ]
    checklist = blocks_of(response, "copy")[0]
    assert checklist["label"] == "Checklist"
    assert checklist["text"] == (
        "Practices for the week of Monday 16 November 2026 to Sunday 22 November 2026\n"
        "[ ] Move my body every day\n[ ] Talk to someone I trust"
    )


def test_thought_is_required() -> None:
    response = compute("resilience", {})
    assert response["missing"][0] == "thought"
    assert "Write down the thought" in all_text(response)


def test_the_feeling_is_rated_before_and_after() -> None:
    response = compute(
        "resilience", {"thought": "I messed it up.", "emotion_before": "7", "emotion_after": "4"}
    )
    text = all_text(response)
    assert "How strong the feeling is" in text
    assert "The feeling eased from 7 to 4. That counts." in text
    same = all_text(
        compute("resilience", {"thought": "x", "emotion_before": "5", "emotion_after": "5"})
    )
    assert "The feeling has not eased yet. That is allowed" in same


def test_the_thinking_traps_ticked_are_listed() -> None:
    response = compute("resilience", {"thought": "x", "traps": ["rule", "mind-reading"]})
    text = all_text(response)
    assert "Thinking traps you spotted" in text
    assert "Making a rule of one event: always, never, every time" in text
    assert "Mind reading: I know what they thought of me" in text


def test_more_practices_than_the_page_suggests_get_a_note() -> None:
    many = compute("resilience", {"practices": ["move", "sleep", "talk", "proof"]})
    assert "try no more than 3 for now" in all_text(many)
    few = compute("resilience", {"practices": ["move", "wider"]})
    assert "no more than" not in all_text(few)
    assert "Count what I control each week" in all_text(few)


def test_distress_keeps_only_the_figures_of_the_feeling() -> None:
    response = compute(
        "resilience",
        {"thought": "no point in living", "emotion_before": "9", "emotion_after": "8"},
    )
    text = all_text(response)
    assert "9 of 10" in text and "8 of 10" in text
    assert "has not eased" not in text and "eased from" not in text


def test_chinese_pages_find_chinese_absolutes() -> None:
    with speaking():
        assert words("我总是紧张，从来没有人要我。") == ["总是", "从来", "没有人"]
        # The longest overlap wins: "永远不" is never, "什么都不" nothing.
        assert [hint.absolute.word for hint in find_absolutes("我永远不会什么都不会")] == [
            "never",
            "nothing",
        ]
        assert [hint.absolute.word for hint in find_absolutes("永远，什么都")] == [
            "forever",
            "everything",
        ]
        # English typed on a Chinese page still counts, in the order written.
        assert words("I always 从不") == ["always", "从不"]
        assert words("我这次面试有点紧张。") == []


def test_chinese_words_stay_on_chinese_pages() -> None:
    # An English page does not treat Chinese text as absolutes: its tips
    # are about English words.
    assert words("我总是紧张") == []


def test_every_chinese_word_belongs_to_a_trap() -> None:
    known = {item.word for item in ABSOLUTES}
    for table in LOCAL_WORDS.values():
        assert set(table) <= known
        assert all(texts for texts in table.values())


def test_a_chinese_thought_gets_the_words_to_look_at_in_chinese() -> None:
    with speaking():
        response = compute(
            "resilience", {"thought": "我总是搞砸面试，没人会要我。"}, language="zh-Hans"
        )
    items = blocks_of(response, "list")[0]["items"]
    assert items[0].startswith("\u201c总是\u201d")
    assert any(item.startswith("\u201c没人\u201d") for item in items)
    text = all_text(response)
    assert "all-or-nothing" not in text
