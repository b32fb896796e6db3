"""The workbook's field set, derived from the specs alone, and the print HTML
that must carry exactly that set (no PDF needed: these run in milliseconds)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import yaml

from browser_py.core.spec import Worksheet, iter_controls, parse_worksheet
from rebound_mkdocs.workbook.config import WorkbookConfig
from rebound_mkdocs.workbook.content import ChapterBuilder, fill_slots, prune_ids
from rebound_mkdocs.workbook.fields import (
    expected_fields,
    expected_tooltips,
    list_rows_of,
    rows_to_print,
)
from rebound_mkdocs.workbook.plugin import WorkbookPlugin, chapter_anchor, format_size
from rebound_mkdocs.workbook.printform import print_worksheet
from rebound_mkdocs.worksheets.render import FormRenderer
from tests.helpers.build import ROOT

SPEC = yaml.safe_load("""
id: demo
title: Demo sheet
fields:
  - {id: name, label: Your name, kind: text}
  - {id: notes, label: Notes, kind: textarea, rows: 3}
  - {id: when, label: When, kind: date}
  - {id: count, label: How many, kind: number, min: 1, max: 9}
  - id: mood
    label: Mood
    kind: scale
    min: 1
    max: 4
    min_label: Low
    max_label: High
  - id: pick
    label: Pick one
    kind: choice
    options: [{value: a, label: Apple}, {value: b, label: Banana}]
  - id: tags
    label: Tags
    kind: multi
    options: [{value: x, label: Ex}, {value: y, label: Why}]
  - id: rows
    label: Things
    kind: list
    item_label: Thing
    min_rows: 1
    max_rows: 3
    fields:
      - {id: what, label: What, kind: text}
      - id: kind
        label: Kind
        kind: multi
        options: [{value: p, label: Pea}, {value: q, label: Queue}]
      - id: size
        label: Size
        kind: choice
        options: [{value: s, label: Small}, {value: l, label: Large}]
      - {id: score, label: Score, kind: scale, min: 0, max: 2, min_label: Nil, max_label: Top}
""")


@pytest.fixture
def demo() -> Worksheet:
    return parse_worksheet(SPEC)


def test_names_and_types_follow_the_spec(demo: Worksheet) -> None:
    fields = expected_fields([demo], list_rows=2)
    assert fields == {
        "demo.name": "text",
        "demo.notes": "textarea",
        "demo.when": "text",
        "demo.count": "text",
        "demo.mood": "radio",
        "demo.pick": "radio",
        "demo.tags.x": "checkbox",
        "demo.tags.y": "checkbox",
        "demo.rows.0.what": "text",
        "demo.rows.0.kind.p": "checkbox",
        "demo.rows.0.kind.q": "checkbox",
        "demo.rows.0.size": "choice",  # in a row: a drop-down, not radio buttons
        "demo.rows.0.score": "choice",
        "demo.rows.1.what": "text",
        "demo.rows.1.kind.p": "checkbox",
        "demo.rows.1.kind.q": "checkbox",
        "demo.rows.1.size": "choice",
        "demo.rows.1.score": "choice",
    }
    # The same names the web form's spec function gives, for the rows printed.
    assert set(fields) == {c.pdf_name for c in iter_controls(demo, {"rows": 2})}


def test_tooltips_are_the_labels_with_context(demo: Worksheet) -> None:
    tips = expected_tooltips([demo], list_rows=1)
    assert tips["demo.name"] == "Your name"
    assert tips["demo.mood"] == "Mood"
    assert tips["demo.tags.y"] == "Tags: Why"
    assert tips["demo.rows.0.what"] == "Things, Thing 1: What"
    assert tips["demo.rows.0.kind.q"] == "Things, Thing 1: Kind: Queue"


@pytest.mark.parametrize(
    ("min_rows", "max_rows", "list_rows", "printed"),
    [
        (1, 20, 5, 5),  # the option
        (1, 3, 5, 3),  # never more than the list allows
        (7, 20, 5, 7),  # never fewer than it needs
        (0, 20, 5, 5),
        (0, 1, 5, 1),
    ],
)
def test_rows_printed(min_rows: int, max_rows: int, list_rows: int, printed: int) -> None:
    spec = parse_worksheet(
        {
            "id": "w",
            "title": "W",
            "fields": [
                {
                    "id": "l",
                    "label": "L",
                    "kind": "list",
                    "min_rows": min_rows,
                    "max_rows": max_rows,
                    "fields": [{"id": "a", "label": "A", "kind": "text"}],
                }
            ],
        }
    )
    assert rows_to_print(spec.fields[0], list_rows) == printed
    assert list_rows_of(spec, list_rows) == {"l": printed}
    assert len(expected_fields([spec], list_rows)) == printed


def test_duplicate_worksheets_are_refused(demo: Worksheet) -> None:
    with pytest.raises(ValueError, match="not unique"):
        expected_fields([demo, demo])


class _Controls(HTMLParser):
    """(tag, type, name, title, value) of every form control in some HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.ids: list[str] = []
        self.options: dict[str, list[str]] = {}  # select name -> option values

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.append(values["id"])
        if tag in ("input", "textarea", "select", "button"):
            self.controls.append({"tag": tag, **values})
        if tag == "select":
            self.options[values["name"]] = []
        if tag == "option":
            self.options[self.controls[-1]["name"]].append(values["value"])


def _print_html(worksheet: Worksheet, list_rows: int = 5) -> str:
    macros = WorkbookPlugin()._jinja.get_template("worksheet.html.j2").module
    return str(macros.worksheet(print_worksheet(worksheet, list_rows), 4))


def _kind_of(control: dict[str, str]) -> str:
    if control["tag"] == "textarea":
        return "textarea"
    if control["tag"] == "select":
        return "choice"
    return {"text": "text", "radio": "radio", "checkbox": "checkbox"}[control["type"]]


def test_print_worksheet_has_exactly_the_expected_controls(demo: Worksheet) -> None:
    parser = _Controls()
    parser.feed(_print_html(demo, list_rows=3))
    found: dict[str, str] = {}
    radios: dict[str, list[str]] = {}
    for control in parser.controls:
        kind = _kind_of(control)
        if kind == "radio":
            radios.setdefault(control["name"], []).append(control["value"])
        else:
            assert control["name"] not in found, control["name"]
        found[control["name"]] = kind
        # WeasyPrint takes the tooltip from `title` outside a <form>.
        assert control["title"] == expected_tooltips([demo], 3)[control["name"]]
    assert found == expected_fields([demo], list_rows=3)
    assert radios == {"demo.mood": ["1", "2", "3", "4"], "demo.pick": ["a", "b"]}
    # Drop-downs start empty ("not answered"), then the spec's values.
    assert parser.options["demo.rows.2.size"] == ["", "s", "l"]
    assert parser.options["demo.rows.0.score"] == ["", "0", "1", "2"]
    # One id, the title the contents page links to: every id would become a
    # named destination, which the controls do not need.
    assert parser.ids == ["wb-ws-demo"]


def test_lists_print_their_drop_down_options_once(demo: Worksheet) -> None:
    html = _print_html(demo, list_rows=3)
    assert html.count("Size: Small, Large") == 1
    assert html.count("Score: 0 = Nil \u2026 2 = Top") == 1


def test_print_worksheet_escapes_author_text() -> None:
    sheet = parse_worksheet(
        {
            "id": "x",
            "title": "<b>T</b>",
            "intro": "a & <i>b</i>",
            "fields": [{"id": "f", "label": 'Say "<hi>"', "kind": "text"}],
        }
    )
    html = _print_html(sheet)
    assert "<b>T</b>" not in html and "&lt;b&gt;T&lt;/b&gt;" in html
    assert "<i>b</i>" not in html
    assert 'title="Say &#34;&lt;hi&gt;&#34;"' in html


def test_the_site_specs_give_unique_names() -> None:
    """Every worksheet in the real content, with the configured rows."""

    from rebound_mkdocs.worksheets import yaml_source
    from rebound_mkdocs.worksheets.blocks import find_worksheet_fences

    sheets = []
    for page in sorted((ROOT / "content").glob("*.md")):
        for fence in find_worksheet_fences(page.read_text(encoding="utf-8")):
            sheets.append(parse_worksheet(yaml_source.load(fence.body).data))
    assert {s.id for s in sheets} >= {
        "feelings",
        "feedback",
        "reflection",
        "resilience",
        "learning-plan",
        "tracker",
    }
    fields = expected_fields(sheets)
    assert "tracker.applications.4.company" in fields
    assert "tracker.applications.5.company" not in fields
    assert all(name.count(".") >= 1 for name in fields)


# -- page clean-up -------------------------------------------------------------

PAGE = "\n".join(
    [
        '<h1 id="step-1">Step 1: Feel it'
        '<a class="headerlink" href="#step-1" title="Permanent link">&para;</a></h1>',
        '<p>See <a href="#why">why</a>, <a href="../reflect/#how">step 3</a>,',
        '<a href="../privacy/">privacy</a> and <a href="https://example.org/x">a site</a>.</p>',
        '<h2 id="why">Why</h2>',
        # pymdownx.tabbed, alternate style: radios, a label strip, then the blocks.
        '<div class="tabbed-set tabbed-alternate" data-tabs="1:2">'
        '<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio">'
        '<input id="__tabbed_1_2" name="__tabbed_1" type="radio">'
        '<div class="tabbed-labels"><label for="__tabbed_1_1">Email</label>'
        '<label for="__tabbed_1_2">Phone</label></div>'
        '<div class="tabbed-content"><div class="tabbed-block"><p>Write.</p></div>'
        '<div class="tabbed-block"><p>Call.</p></div></div></div>',
        '<details class="tip"><summary>More</summary><p>Folded text.</p></details>',
        '<p>Before<img src="../img/pic.png" alt="A picture">after '
        '<img src="http://cdn.example/x.png" alt="remote"></p>',
        "<script>alert(1)</script>",
        "FORM",
        '<p id="note">A note.</p><p aria-describedby="note">Described.</p>',
        "<p>End.</p>",
    ]
)


def test_page_clean_up_for_paper(demo: Worksheet) -> None:
    form = FormRenderer(demo).render()
    builder = ChapterBuilder(
        {"feel-it/": "chapter-feel-it", "reflect/": "chapter-reflect"},
        image_path=lambda uri: "file:///docs/img/pic.png" if uri == "img/pic.png" else None,
    )
    chapter = builder.build(PAGE.replace("FORM", form), page_url="feel-it/", title="Feel")
    html = chapter.html
    assert chapter.heading == "Step 1: Feel it"
    assert chapter.worksheet_ids == ["demo"]
    assert "headerlink" not in html and "\u00b6" not in html
    assert "<script" not in html and "alert" not in html
    parser = _Controls()
    parser.feed(html)
    assert parser.controls == []  # tab radios and the web form's controls are gone
    assert "tabbed-labels" not in html
    assert html.index("Email") < html.index("Write.") < html.index("Phone") < html.index("Call.")
    assert "<details" not in html and "Folded text." in html
    assert 'id="chapter-feel-it--why"' in html and 'href="#chapter-feel-it--why"' in html
    assert 'href="#chapter-reflect--how"' in html
    assert "../privacy/" not in html and "privacy" in html  # unlinked, text kept
    assert 'href="https://example.org/x"' in html
    assert 'src="file:///docs/img/pic.png"' in html
    assert "cdn.example" not in html and "remote" in html
    assert html.rstrip().endswith("<p>End.</p>")

    # Only ids a link points to survive (each id costs WeasyPrint a destination).
    (pruned,) = prune_ids([html])
    assert 'id="chapter-feel-it--why"' in pruned
    assert 'id="chapter-feel-it--step-1"' not in pruned and "Step 1: Feel it" in pruned
    assert 'id="chapter-feel-it--note"' in pruned  # aria-describedby points to it
    assert 'aria-describedby="chapter-feel-it--note"' in pruned

    filled, ids = fill_slots(html, lambda ws_id: f"<section>{ws_id} print</section>")
    assert ids == ["demo"] and "<section>demo print</section>" in filled
    assert "data-workbook-slot" not in filled


def test_page_without_h1_gets_the_title() -> None:
    builder = ChapterBuilder({"a/": "chapter-a"}, image_path=lambda uri: None)
    chapter = builder.build("<p>Text</p>", page_url="a/", title="Page A")
    assert chapter.heading == "Page A"
    assert chapter.html.startswith('<h1 class="chapter__title">Page A</h1>')


def test_helpers() -> None:
    assert format_size(999) == "999 bytes"
    assert format_size(671_000) == "671 kB"
    assert format_size(1_234_567) == "1.2 MB"
    assert chapter_anchor("feel-it/") == "chapter-feel-it"
    assert chapter_anchor("") == "chapter-home"
    assert chapter_anchor("a/b.html") == "chapter-a-b"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"paper_size": "a5"}, "paper_size"),
        ({"list_rows": 0}, "list_rows"),
        ({"notes_lines": 99}, "notes_lines"),
    ],
)
def test_bad_options_are_refused(options: dict[str, object], message: str) -> None:
    config = WorkbookConfig()
    config.load_dict(options)
    failed, _ = config.validate()
    assert [name for name, _ in failed] == [message]


def test_good_options() -> None:
    config = WorkbookConfig()
    config.load_dict({"paper_size": "letter", "list_rows": 3})
    failed, _ = config.validate()
    assert failed == []
    assert config.paper_size == "letter" and config.cache is True
    assert config.cache_dir == ".cache/rebound-workbook"
