"""Sentences joined the way each language writes them."""

from __future__ import annotations

from browser_py.core.wording import round_label, sentences
from tests.helpers.translated import speaking


def test_english_sentences_get_one_space() -> None:
    assert sentences("One.", "Two.", "Three!") == "One. Two. Three!"
    assert sentences("He said \u201cno.\u201d", "Then") == "He said \u201cno.\u201d Then"
    assert sentences("Wait\u2026", "then") == "Wait\u2026 then"


def test_chinese_sentences_get_none() -> None:
    assert sentences("第一句。", "第二句！", "第三句？") == "第一句。第二句！第三句？"
    assert sentences("他说：\u201c好。\u201d", "然后") == "他说：\u201c好。\u201d然后"
    assert sentences("等等……", "然后") == "等等……然后"
    assert sentences("（备注）", "下一句。") == "（备注）下一句。"


def test_empty_parts_are_left_out() -> None:
    assert sentences("", "One.", "", "Two.") == "One. Two."
    assert sentences() == ""


def test_default_round_labels_are_shown_in_the_language_in_use() -> None:
    assert round_label("First round") == "First round"
    assert round_label("Round 3") == "Round 3"
    with speaking():
        assert round_label("First round") == "首轮"
        assert round_label("Round 3") == "第3轮"
        # What the reader typed stays as typed.
        assert round_label("Round 3 at Acme") == "Round 3 at Acme"
        assert round_label("Acme") == "Acme"
        assert round_label("") == ""
