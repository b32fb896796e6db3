"""A malformed worksheet fails ``mkdocs build --strict`` with
``content/FILE.md:LINE: what is wrong``, wherever the fence sits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.authoring import make_project, marked_line
from tests.helpers.build import mkdocs_build

GOOD_FIELD = """\
      - id: note
        label: A note
        kind: text
"""

PAGES = {
    "top.md": """
        # Top level

        ```worksheet
        id: top
        title: Top
        colour: red  # <- HERE
        fields:
          - id: note
            label: A note
            kind: text
        ```
    """,
    "admonition.md": """
        # In an admonition

        Some text.

        !!! note "Try this"

            Intro paragraph.

            ```worksheet
            id: adm
            title: Admonition
            fields:
              - id: mood
                label: Mood
                kind: slider  # <- HERE
            ```
    """,
    "collapsible.md": """
        # In a collapsible admonition

        ???+ tip "Open me"

            ```worksheet
            id: coll
            title: Collapsible
            fields:
              - id: unlabelled  # <- HERE
                kind: text
            ```
    """,
    "closed.md": """
        # In a closed collapsible

        ??? question

            ```worksheet
            id: closed
            title: Closed
            fields:
              - id: when
                label: When
                kind: date
                min: 3  # <- HERE
            ```
    """,
    "tabs.md": """
        # In content tabs

        === "First"

            Nothing here.

        === "Second"

            ```worksheet
            id: tabbed
            title: Tabs
            fields:
              - id: same
                label: One
                kind: text
              - id: same  # <- HERE
                label: Two
                kind: text
            ```
    """,
    "nested.md": """
        # A tab inside an admonition

        !!! example

            === "Inner"

                ```worksheet
                id: nested
                title: Nested
                fields:
                  - id: pick
                    label: Pick
                    kind: choice
                    options: [only one]  # <- HERE
                ```
    """,
    "list.md": """
        # In a list item

        1. First step.
        2. Second step, with a worksheet:

            ```worksheet
            id: listed
            title: Listed
            fields:
              - id: pick
                label: Pick
                kind: multi
                options:
                  - {value: ok, label: Fine}
                  - {value: Not OK, label: Bad}  # <- HERE
            ```
    """,
    "front-matter.md": """
        ---
        title: Front matter
        description: The front matter is stripped before Markdown is parsed.
        tags: [one, two]
        ---

        # After front matter

        ```worksheet
        id: fm
        title: Front matter
        fields:
          - id: rate
            label: Rate it
            kind: scale
            min: 3
            max: 3  # <- HERE
            min_label: Low
            max_label: High
        ```
    """,
    "was.md": """
        # A bad earlier id

        ```worksheet
        id: renamed
        title: Renamed
        fields:
          - id: today
            label: Today
            kind: text
            was:
              - need
              - Not An Id  # <- HERE
        ```
    """,
    "was-in-use.md": """
        # An earlier id still in use

        ```worksheet
        id: inuse
        title: In use
        fields:
          - id: today
            label: Today
            kind: text
            was: [note]  # <- HERE
          - id: note
            label: A note
            kind: text
        ```
    """,
    "stamp-when.md": """
        # A stamp that watches a text field

        ```worksheet
        id: stampwhen
        title: Stamp when
        fields:
          - id: rows
            label: Rows
            kind: list
            fields:
              - id: note
                label: A note
                kind: text
              - id: done_on
                label: Done on
                kind: date
                stamp:
                  when: note  # <- HERE
                  is: done
        ```
    """,
    "stamp-is.md": """
        # A stamp that names an option the choice does not have

        ```worksheet
        id: stampis
        title: Stamp is
        fields:
          - id: stage
            label: Stage
            kind: choice
            options: [Open, Closed]
          - id: closed_on
            label: Closed on
            kind: date
            stamp: {when: stage, is: [closed, shut]}  # <- HERE
        ```
    """,
    "yaml-syntax.md": """
        # Broken YAML

        ```worksheet
        id: broken
        title: Broken: really  # <- HERE
        fields: []
        ```
    """,
    "duplicate-key.md": """
        # Duplicate key

        ```worksheet
        id: dupkey
        title: One
        title: Two  # <- HERE
        fields:
          - id: note
            label: A note
            kind: text
        ```
    """,
    "no-id.md": """
        # No id

        ```worksheet
        title: No id  # <- HERE
        fields:
          - id: note
            label: A note
            kind: text
        ```
    """,
    "unclosed.md": """
        # Unclosed

        Text before.

        ```worksheet  # <- HERE
        id: open
        title: Never closed
    """,
    "scope.md": """
        # A bad scope

        ```worksheet
        id: scoped
        title: Scoped
        scope: everywhere  # <- HERE
        fields:
          - id: note
            label: A note
            kind: text
        ```
    """,
    "first.md": """
        # First use of an id

        ```worksheet
        id: shared
        title: First
        fields:
          - id: note
            label: A note
            kind: text
        ```
    """,
    "second.md": """
        # Second use of the same id

        ```worksheet
        id: shared  # <- HERE
        title: Second
        fields:
          - id: note
            label: A note
            kind: text
        ```
    """,
}

#: What each message must say, beyond its location.
EXPECTED_TEXT = {
    "top.md": "unknown key 'colour'",
    "admonition.md": "unknown kind 'slider'",
    "collapsible.md": "has no 'label'",
    "closed.md": "unknown key 'min' in date field 'when'",
    "tabs.md": "duplicate field id 'same'",
    "nested.md": "at least 2 choices",
    "list.md": "'Not OK' is not a valid id",
    "front-matter.md": "'max' (3) must be greater than 'min' (3)",
    "was.md": "'was' entry 'Not An Id' is not a valid id",
    "was-in-use.md": "'was' names 'note', which is still a field here",
    "stamp-when.md": "'stamp' watches 'note', which is not a single-choice field beside it",
    "stamp-is.md": "'stamp' names 'shut', which is not an option of 'stage'",
    "yaml-syntax.md": "invalid YAML",
    "duplicate-key.md": "duplicate key 'title'",
    "no-id.md": "worksheet has no 'id'",
    "unclosed.md": "never closed",
    "second.md": "already used at content/first.md:",
    "scope.md": "unknown scope 'everywhere'; use one of: round, search",
}


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("broken")
    config = make_project(root, PAGES)
    return root, mkdocs_build(config, root / "site")


def test_strict_build_fails(broken_build) -> None:
    _, result = broken_build
    assert result.returncode != 0
    assert result.stderr.count("ERROR   -  content/") == len(EXPECTED_TEXT)


@pytest.mark.parametrize("page", sorted(EXPECTED_TEXT))
def test_error_names_file_and_line(broken_build, page: str) -> None:
    root, result = broken_build
    line = marked_line(root / "content" / page)
    pattern = re.compile(rf"^ERROR\s+-\s+content/{re.escape(page)}:(\d+): (.*)$", re.M)
    found = pattern.findall(result.stderr)
    assert found, f"no error for {page} in:\n{result.stderr}"
    assert [int(number) for number, _ in found] == [line], found
    assert EXPECTED_TEXT[page] in found[0][1]


def test_pages_without_errors_report_nothing(broken_build) -> None:
    _, result = broken_build
    assert "content/first.md" not in re.sub(r"already used at content/first\.md", "", result.stderr)


def test_error_is_shown_on_the_page(tmp_path: Path) -> None:
    """Without --strict the build finishes and the page shows the error where
    the form would be, so an author using `mkdocs serve` sees it too."""
    config = make_project(tmp_path, {"index.md": PAGES["top.md"]})
    result = mkdocs_build(config, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "worksheet-error" in html
    line = marked_line(tmp_path / "content" / "index.md")
    assert f"content/index.md:{line}: unknown key &#x27;colour&#x27;" in html
    assert '<form class="worksheet"' not in html


def test_valid_worksheets_in_every_container_render(tmp_path: Path) -> None:
    """The same containers, with valid specs, each give exactly one form."""
    field = GOOD_FIELD.replace("      ", "  ")
    body = "```worksheet\nid: {id}\ntitle: T\nfields:\n" + field + "```"

    def indented(text: str, spaces: int) -> str:
        return "\n".join((" " * spaces + line) if line else "" for line in text.splitlines())

    pages = {
        "top.md": "# Top\n\n" + body.format(id="a") + "\n",
        "adm.md": '# A\n\n!!! note "N"\n\n' + indented(body.format(id="b"), 4) + "\n",
        "det.md": "# D\n\n??? tip\n\n" + indented(body.format(id="c"), 4) + "\n",
        "tab.md": '# T\n\n=== "One"\n\n' + indented(body.format(id="d"), 4) + "\n",
        "lst.md": "# L\n\n- item\n\n" + indented(body.format(id="e"), 4) + "\n",
    }
    config = make_project(tmp_path, pages)
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for name, worksheet_id in zip(pages, "abcde", strict=True):
        html = (tmp_path / "site" / name.removesuffix(".md") / "index.html").read_text()
        assert html.count('<form class="worksheet"') == 1, name
        assert f'data-worksheet="{worksheet_id}"' in html
        assert "REBOUNDWORKSHEETPLACEHOLDER" not in html
        assert 'name="note"' in html
