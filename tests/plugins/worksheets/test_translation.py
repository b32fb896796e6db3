"""A translated fence keeps the original's structure, or the build fails at
the translation's line (plugins/rebound_mkdocs/worksheets/translation.py)."""

from __future__ import annotations

import pytest

from browser_py.core.spec import parse_worksheet
from rebound_mkdocs.worksheets.translation import compare_pages, compare_worksheets
from tests.helpers.authoring import MARK, make_project, marked_line
from tests.helpers.build import ROOT, mkdocs_build

ORIGINAL = {
    "id": "check",
    "title": "Check-in",
    "fields": [
        {
            "id": "mood",
            "label": "Mood",
            "kind": "scale",
            "min": 0,
            "max": 10,
            "min_label": "Low",
            "max_label": "High",
        },
        {
            "id": "plan",
            "label": "Plan",
            "kind": "choice",
            "options": [{"value": "rest", "label": "Rest"}, {"value": "walk", "label": "Walk"}],
        },
        {
            "id": "jobs",
            "label": "Jobs",
            "kind": "list",
            "item_label": "Job",
            "fields": [{"id": "company", "label": "Company", "kind": "text", "max_length": 80}],
        },
    ],
}


def spec(**changes) -> dict:
    """ORIGINAL normalised, with ``changes`` applied by a function of the data."""
    import copy

    data = copy.deepcopy(ORIGINAL)
    for change in changes.values():
        change(data)
    return parse_worksheet(data).to_dict()


def test_only_the_words_changed_is_no_problem() -> None:
    def words(data):
        data["title"] = "自我回顾"
        data["intro"] = "说说现在的感受。"
        data["fields"][0].update(label="情绪", min_label="很低", max_label="很高", help="选一个")
        data["fields"][1]["options"] = [
            {"value": "rest", "label": "休息"},
            {"value": "walk", "label": "散步"},
        ]
        data["fields"][2].update(label="职位", item_label="职位", add_label="再加一个")
        data["fields"][2]["fields"][0]["label"] = "公司"

    assert compare_worksheets(spec(), spec(w=words)) == []


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda d: d["fields"][0].update(max=5), ("fields", 0, "max"), "'max' is 5 here but 10"),
        (lambda d: d["fields"][0].update(min=1), ("fields", 0, "min"), "'min' is 1 here but 0"),
        (
            lambda d: d["fields"][1]["options"].reverse(),
            ("fields", 1, "options", 0),
            "option values differ",
        ),
        (
            lambda d: d["fields"][1]["options"][1].update(value="stroll"),
            ("fields", 1, "options", 1),
            "'rest', 'walk', this translation has 'rest', 'stroll'",
        ),
        (
            lambda d: d["fields"][1].update(kind="multi"),
            ("fields", 1, "kind"),
            "'kind' is 'multi' here but 'choice'",
        ),
        (lambda d: d["fields"].reverse(), ("fields", 0), "the fields differ"),
        (lambda d: d["fields"].pop(), ("fields",), "'mood', 'plan', 'jobs'"),
        (
            lambda d: d["fields"].append({"id": "extra", "label": "x", "kind": "text"}),
            ("fields", 3),  # the extra field's line
            "'mood', 'plan', 'jobs', 'extra'",
        ),
        (
            lambda d: d["fields"][0].update(required=True),
            ("fields", 0, "required"),
            "'required' is true here but false",
        ),
        (
            lambda d: d["fields"][2]["fields"][0].update(max_length=40),
            ("fields", 2, "fields", 0, "max_length"),
            "'max_length' is 40 here but 80",
        ),
        (
            lambda d: d["fields"][2].update(max_rows=5),
            ("fields", 2, "max_rows"),
            "'max_rows' is 5 here but 20",
        ),
        (lambda d: d.update(scope="search"), ("scope",), "'scope' is 'search' here"),
        (lambda d: d.update(id="other"), ("id",), "'id' is 'other' here but 'check'"),
    ],
)
def test_a_change_of_structure_is_found_where_it_is(change, path, words) -> None:
    problems = compare_worksheets(spec(), spec(c=change))
    assert [p.path for p in problems] == [path]
    assert words in problems[0].message


def test_pages_compare_their_worksheets_in_order() -> None:
    other = parse_worksheet({**ORIGINAL, "id": "other"}).to_dict()
    assert compare_pages([spec(), other], [spec(), other]) == []
    swapped = compare_pages([spec(), other], [other, spec()])
    assert len(swapped) == 1 and "'check', 'other'" in swapped[0].message
    missing = compare_pages([spec(), other], [spec()])
    assert len(missing) == 1 and missing[0].path is None
    assert "this translation has 'check'" in missing[0].message


# -- the build ----------------------------------------------------------------

PRIMARY_YML = f"""\
site_name: Test
docs_dir: content
theme:
  name: material
  font: false
  custom_dir: {ROOT / "overrides"}
plugins:
  rebound-languages:
    languages:
      - {{lang: en, name: English, path: "", config: mkdocs.yml}}
      - {{lang: zh-Hans, name: 简体中文, path: zh/, config: mkdocs.zh.yml}}
  rebound-worksheets: {{}}
markdown_extensions:
  - admonition
  - pymdownx.superfences
"""

EDITION_YML = """\
INHERIT: mkdocs.yml
docs_dir: content/zh
theme:
  language: zh-Hans
plugins:
  rebound-languages:
    build: zh-Hans
"""

PAGE = """\
# Check

Words before.

```worksheet
id: check
title: Check-in
fields:
  - id: mood
    label: Mood
    kind: scale
    min: 0
    max: 10
    min_label: Low
    max_label: High
  - id: plan
    label: Plan
    kind: choice
    options:
      - {value: rest, label: Rest}
      - {value: walk, label: Walk}
```
"""

TRANSLATED = """\
---
title: 回顾
---

# 回顾

前言。

```worksheet
id: check
title: 自我回顾
fields:
  - id: mood
    label: 情绪
    kind: scale
    min: 0
    max: 10
    min_label: 很低
    max_label: 很高
  - id: plan
    label: 计划
    kind: choice
    options:
      - {value: rest, label: 休息}
      - {value: walk, label: 散步}
```
"""


def build(tmp_path, translated: str):
    config = make_project(
        tmp_path, {"index.md": PAGE, "zh/index.md": translated}, config=PRIMARY_YML
    )
    (tmp_path / "mkdocs.zh.yml").write_text(EDITION_YML, encoding="utf-8")
    return mkdocs_build(config, tmp_path / "site")


def test_a_faithful_translation_builds(tmp_path) -> None:
    result = build(tmp_path, TRANSLATED)
    assert result.returncode == 0, result.stderr
    zh = (tmp_path / "site" / "zh" / "index.html").read_text(encoding="utf-8")
    assert 'lang="zh-Hans"' in zh and "自我回顾" in zh


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("    max: 10\n", f"    max: 5  {MARK}\n", "'max' is 5 here but 10"),
        (
            "      - {value: walk, label: 散步}\n",
            f"      - Stroll  {MARK}\n",  # plain text: its value is its slug
            "write a translated option as {value: ORIGINAL-VALUE",
        ),
        ("  - id: plan\n", f"  - id: plans  {MARK}\n", "the fields differ"),
        ("id: check\n", f"id: checks  {MARK}\n", "the worksheets differ"),
        ("    kind: choice\n", f"    kind: multi  {MARK}\n", "'kind' is 'multi' here"),
    ],
)
def test_a_translation_that_changes_structure_fails_at_its_line(
    tmp_path, old: str, new: str, words: str
) -> None:
    assert TRANSLATED.count(old) == 1
    result = build(tmp_path, TRANSLATED.replace(old, new))
    assert result.returncode != 0
    line = marked_line(tmp_path / "content" / "zh" / "index.md")
    assert f"content/zh/index.md:{line}: " in result.stderr, result.stderr
    assert words in result.stderr
    assert "(content/index.md" in result.stderr  # where the original is


def test_the_english_build_leaves_the_translations_out(tmp_path) -> None:
    result = build(tmp_path, TRANSLATED)
    assert result.returncode == 0, result.stderr
    # One "check" worksheet per build: the English build never saw zh/index.md.
    assert "already used" not in result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / "site" / "zh" / "zh").exists()
