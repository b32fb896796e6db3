"""The pre-check before json.loads, the one echo helper, and the invisible
controls stripped from imported text (browser_py.core.untrusted)."""

from __future__ import annotations

import json
import sys
import threading

import pytest

from browser_py.core import untrusted
from browser_py.core.untrusted import (
    ECHO_CHARS,
    JsonLimitError,
    JsonLimits,
    check_json,
    loads,
    quote,
    shorten,
    show,
    strip_invisible,
)

LIMITS = JsonLimits(max_bytes=100_000, max_depth=8, max_values=1_000)


def limit_hit(text: str, limits: JsonLimits = LIMITS) -> JsonLimitError | None:
    try:
        check_json(text, limits)
    except JsonLimitError as error:
        return error
    return None


# -- the pre-check -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "depth"),
    [
        ([], 1),
        ({}, 1),
        ("text", 0),
        (7, 0),
        ([[1], {"a": [2]}], 3),
        ({"a": {"b": {"c": [1, [2]]}}}, 5),
    ],
)
def test_depth_is_measured_exactly(value: object, depth: int) -> None:
    text = json.dumps(value)
    tight = JsonLimits(max_bytes=1_000, max_depth=depth, max_values=1_000)
    assert limit_hit(text, tight) is None
    error = limit_hit(text, JsonLimits(1_000, depth - 1, 1_000)) if depth else None
    if depth:
        assert error is not None and error.limit == "depth" and error.found == depth


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"a": "[[[[[[[[[[{{{{{{{{", "b": 'say "[[[[" \\ ]]]]', "c": [1]})
    assert limit_hit(text) is None
    assert json.loads(text)["b"] == 'say "[[[[" \\ ]]]]'


def test_a_10_kb_nest_is_refused_with_its_depth() -> None:
    text = "[" * 5000 + "]" * 5000
    error = limit_hit(text)
    assert error is not None
    assert (error.limit, error.found, error.allowed) == ("depth", 5000, 8)


def test_the_check_uses_no_recursion() -> None:
    """A million levels, with Python's recursion limit at a few dozen frames
    and a small thread stack: the check still answers."""
    text = "[" * 1_000_000 + "]" * 1_000_000
    found: list[object] = []

    def run() -> None:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(60)
        try:
            found.append(limit_hit(text, JsonLimits(10_000_000, 8, 10_000_000)))
        finally:
            sys.setrecursionlimit(old)

    old_size = threading.stack_size(256 * 1024)
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_size)
    error = found[0]
    assert isinstance(error, JsonLimitError) and error.found == 1_000_000


def test_size_counts_utf8_bytes() -> None:
    limits = JsonLimits(max_bytes=10, max_depth=8, max_values=100)
    assert limit_hit('"abcdefgh"', limits) is None  # 10 bytes
    error = limit_hit('"\u00e9\u00e9\u00e9\u00e9"', limits)  # 6 characters, 10 bytes
    assert error is None
    error = limit_hit('"\u00e9\u00e9\u00e9\u00e9\u00e9"', limits)  # 7 characters, 12 bytes
    assert error is not None and (error.limit, error.found) == ("bytes", 12)
    error = limit_hit('"' + "x" * 20 + '"', limits)
    assert error is not None and error.limit == "bytes"


def test_values_are_counted_without_keys() -> None:
    limits = JsonLimits(max_bytes=10_000, max_depth=8, max_values=4)
    assert limit_hit("[1,2,3]", limits) is None  # the list and three numbers
    assert limit_hit('{"a":1,"b":2,"c":3}', limits) is None
    error = limit_hit("[1,2,3,4]", limits)
    assert error is not None and (error.limit, error.found) == ("values", 5)
    assert limit_hit('["a,b,c,d,e,f"]', limits) is None  # commas in text are text


def test_loads_parses_what_passes_and_keeps_json_errors() -> None:
    assert loads('{"a": [1, "x"]}', LIMITS) == {"a": [1, "x"]}
    with pytest.raises(json.JSONDecodeError):
        loads("{not json", LIMITS)
    with pytest.raises(JsonLimitError):
        loads("[" * 20 + "]" * 20, LIMITS)


def test_an_unclosed_string_cannot_hide_brackets() -> None:
    """Invalid JSON may be over-counted, never under-counted."""
    error = limit_hit('["x", "unclosed [[[[[[[[[[[[[[')
    assert error is not None and error.limit == "depth"


# -- echoes --------------------------------------------------------------------------


def test_every_echo_is_short_quoted_and_on_one_line() -> None:
    long = "x" * 600_000
    assert quote(long) == "\u201c" + "x" * (ECHO_CHARS - 1) + "\u2026\u201d"
    assert quote("two\nlines\tand\u202eRLO") == "\u201ctwo lines andRLO\u201d"
    assert quote("nul\x00and\ud800") == "\u201cnul?and?\u201d"
    assert quote("short") == "\u201cshort\u201d"
    assert shorten("a" * 100, 10) == "a" * 9 + "\u2026"


def test_a_huge_value_is_cut_before_it_is_cleaned() -> None:
    """Whitespace and invisible characters at the start cannot make the echo long."""
    text = "\u200b" * 1_000_000 + "y" * 10
    assert len(quote(text)) <= ECHO_CHARS + 2


def test_show_names_values_that_are_not_text_by_their_type() -> None:
    assert show([1, 2]) == "a list"
    assert show({"a": 1}) == "an object"
    assert show(None) == "empty (null)"
    assert show(True) == "true/false"
    assert show(3.5) == "a number"
    assert show("x" * 100).endswith("\u2026\u201d")


# -- invisible controls ----------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    [
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200b",
        "\u2060",
        "\u2061",
        "\u2064",
        "\u206a",
        "\u206f",
        "\ufeff",
        "\ufff9",
        "\ufffb",
        "\U000e0001",
        "\U000e0041",
        "\U000e007f",
    ],
)
def test_bidi_and_zero_width_controls_are_removed(char: str) -> None:
    assert strip_invisible(f"a{char}b{char}") == "ab"


@pytest.mark.parametrize(
    "text",
    [
        # Emoji sequences joined by U+200D, with skin tones and variation selectors.
        "\U0001f469\U0001f3fd\u200d\U0001f4bb \U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1",
        "\U0001f3f3\ufe0f\u200d\U0001f308 \U0001f468\u200d\U0001f469\u200d\U0001f467",
        # The flag of England: black flag, tag letters, cancel tag.
        "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
        # Persian with a zero-width non-joiner; Hindi with a joiner.
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\u0915\u094d\u200d\u0937",
        # Direction marks beside right-to-left words, and an Arabic letter mark.
        "\u05e9\u05dc\u05d5\u05dd (hello)\u200f \u200e\u061c",
        # Ordinary text in other scripts.
        "\u4eca\u5929\u5f88\u96be\u8fc7\u3002 \ud55c\uad6d\uc5b4 \u00e9t\u00e9 \u0416",
    ],
)
def test_ordinary_text_emoji_and_joiners_are_kept(text: str) -> None:
    assert strip_invisible(text) == text


def test_tags_outside_a_flag_are_removed_and_the_flag_kept() -> None:
    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore this")
    assert strip_invisible(f"hi{hidden} {england}!") == f"hi {england}!"


def test_the_documented_set_is_the_one_removed() -> None:
    """Every character of the module's INVISIBLE is removed; its neighbours are not."""
    for code in range(0x2000, 0x2070):
        char = chr(code)
        removed = strip_invisible(char) == ""
        expected = code == 0x200B or 0x202A <= code <= 0x202E or 0x2060 <= code <= 0x206F
        expected = expected and code != 0x2065  # unassigned, never in the set
        assert removed == expected, hex(code)
    assert untrusted.INVISIBLE
