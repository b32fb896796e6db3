"""The real site: one worksheet per strategy page, fields that match its spec,
and a label for every control."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_py.core.spec import iter_controls
from rebound_mkdocs.worksheets.blocks import find_worksheet_fences
from rebound_mkdocs.worksheets.compile import compile_fence
from tests.helpers.htmlscan import scan
from tests.helpers.specs import docs_dir, pages_by_worksheet

#: The strategy pages: every page with a worksheet, in nav order.
STRATEGY_PAGES = list(pages_by_worksheet().values())


def source_worksheet(page: str):
    fences = find_worksheet_fences((docs_dir() / f"{page}.md").read_text().split("---\n", 2)[-1])
    assert len(fences) == 1
    return compile_fence(fences[0].body)[0]


@pytest.mark.parametrize("page", STRATEGY_PAGES)
def test_each_strategy_page_has_exactly_one_worksheet(built_site: Path, page: str) -> None:
    scanner = scan((built_site / page / "index.html").read_text())
    assert len(scanner.forms) == 1
    form = scanner.forms[0]
    worksheet = source_worksheet(page)
    assert form.attrs["data-worksheet"] == worksheet.id
    assert [r.get("aria-live") for r in form.result_regions] == ["polite"]
    assert len(form.status_regions) == 1


@pytest.mark.parametrize("page", STRATEGY_PAGES)
def test_form_fields_match_the_spec(built_site: Path, page: str) -> None:
    form = scan((built_site / page / "index.html").read_text()).forms[0]
    worksheet = source_worksheet(page)
    rows = {f.id: max(f.min_rows, 1) for f in worksheet.fields if f.kind == "list"}
    expected = []
    for control in iter_controls(worksheet, rows):
        kind = control.field.kind
        if kind == "scale":
            expected += [(control.name, "radio", str(v)) for v in control.field.scale_values()]
        elif kind == "choice":
            expected += [(control.name, "radio", v) for v in control.field.option_values()]
        elif kind == "multi":
            assert control.option is not None
            expected.append((control.name, "checkbox", control.option.value))
        else:
            html_type = {
                "text": "text",
                "textarea": "textarea",
                "date": "date",
                "number": "number",
            }[kind]
            expected.append((control.name, html_type, ""))
    actual = [
        (
            c.name,
            c.attrs.get("type", c.tag) if c.tag == "input" else c.tag,
            c.attrs.get("value", "") if c.attrs.get("type") in ("radio", "checkbox") else "",
        )
        for c in form.controls
    ]
    assert actual == expected


@pytest.mark.parametrize("page", STRATEGY_PAGES)
def test_no_control_lacks_a_label(built_site: Path, page: str) -> None:
    scanner = scan((built_site / page / "index.html").read_text())
    form = scanner.forms[0]
    for control in form.controls:
        control_id = control.attrs.get("id", "")
        labelled = (
            control_id in form.label_for
            or control.in_label
            or control.attrs.get("aria-label")
            or control.attrs.get("aria-labelledby")
        )
        assert labelled, f"{page}: {control.attrs} has no label"
        if control.attrs.get("type") in ("radio", "checkbox"):
            assert control.fieldset_legends >= 1, f"{control.name} is not in a fieldset/legend"


@pytest.mark.parametrize("page", STRATEGY_PAGES)
def test_ids_are_unique_and_descriptions_exist(built_site: Path, page: str) -> None:
    scanner = scan((built_site / page / "index.html").read_text())
    assert len(scanner.all_ids) == len(set(scanner.all_ids))
    ids = set(scanner.all_ids)
    for control in scanner.forms[0].controls:
        for ref in control.attrs.get("aria-describedby", "").split():
            assert ref in ids, f"{control.name} points at missing #{ref}"
