"""Every page exists in every language: each English page (content/X.md) has
its translation (content/zh/X.md, the same file name) and no translation is
without its English page. The language selector and ``hreflang`` link a page
to its counterpart by that name."""

from __future__ import annotations

import pytest

from tests.helpers.languages import languages, pages

PRIMARY, *OTHERS = languages()


def test_the_site_has_english_and_simplified_chinese() -> None:
    assert PRIMARY.lang == "en" and PRIMARY.path == ""
    assert [(other.lang, other.path) for other in OTHERS] == [("zh-Hans", "zh/")]
    assert len(pages(PRIMARY)) >= 11


@pytest.mark.parametrize("other", OTHERS, ids=lambda other: other.lang)
def test_every_english_page_is_translated(other) -> None:
    missing = sorted(set(pages(PRIMARY)) - set(pages(other)))
    folder = other.docs.relative_to(PRIMARY.config.parent).as_posix()
    assert missing == [], f"not yet translated into {other.lang} (write {folder}/FILE): {missing}"


@pytest.mark.parametrize("other", OTHERS, ids=lambda other: other.lang)
def test_every_translation_has_its_english_page(other) -> None:
    extra = sorted(set(pages(other)) - set(pages(PRIMARY)))
    assert extra == [], f"{other.lang} pages with no English original of the same name: {extra}"


@pytest.mark.parametrize("other", OTHERS, ids=lambda other: other.lang)
def test_every_translation_is_in_its_navigation(other) -> None:
    from mkdocs.utils.yaml import yaml_load

    with open(other.config, "rb") as handle:
        nav = yaml_load(handle)["nav"]

    def files(items) -> list[str]:
        found = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found += files(value) if isinstance(value, list) else [value]
        return found

    assert sorted(files(nav)) == pages(other)
