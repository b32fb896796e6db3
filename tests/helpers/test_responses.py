"""The browser_py tests' own helpers (tests/helpers/): the real specs are all
found, and the SVG check refuses what it must."""

from __future__ import annotations

from tests.helpers.responses import check_svg
from tests.helpers.specs import real_specs


def test_the_six_worksheets_are_found() -> None:
    assert set(real_specs()) == {
        "feelings",
        "feedback",
        "reflection",
        "resilience",
        "learning-plan",
        "tracker",
    }


def test_check_svg_rejects_an_svg_without_title() -> None:
    bad = '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 1 1"></svg>'
    try:
        check_svg(bad)
    except AssertionError:
        return
    raise AssertionError("check_svg accepted an SVG without a title")
