"""Fuzzing the spec parser: any YAML gives either a located error or a valid
form, never a traceback."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rebound_mkdocs.worksheets.compile import FenceError, compile_fence
from rebound_mkdocs.worksheets.render import FormRenderer
from tests.helpers.htmlscan import scan

KEYS = [
    "id",
    "title",
    "intro",
    "fields",
    "label",
    "kind",
    "help",
    "required",
    "options",
    "min",
    "max",
    "min_label",
    "max_label",
    "step",
    "unit",
    "rows",
    "max_length",
    "placeholder",
    "min_rows",
    "max_rows",
    "item_label",
    "add_label",
    "value",
    "extra",
]
KIND_VALUES = ["text", "textarea", "scale", "choice", "multi", "date", "number", "list", "bad"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from([*KIND_VALUES, "a", "note", "x-1", "Bad Id", "", "<script>"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=8),
    ),
    max_leaves=40,
)


def check(body: str) -> None:
    lines = max(body.count("\n") + 1, 1)
    try:
        worksheet, id_line = compile_fence(body)
    except FenceError as error:
        assert error.message.strip()
        assert 0 <= error.line < lines + 1, (error.line, lines)
        return
    assert 0 <= id_line < lines
    html = FormRenderer(worksheet).render()
    forms = scan(html).forms
    assert len(forms) == 1 and forms[0].attrs["data-worksheet"] == worksheet.id


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_yaml_document_gives_a_form_or_a_located_error(document: object) -> None:
    check(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}'\"&*!#|>%@`,?0\x00\u202e")), max_size=120)
)
def test_any_text_gives_a_form_or_a_located_error(body: str) -> None:
    check(body)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(KIND_VALUES), min_size=1, max_size=6), st.data())
def test_near_valid_specs(kinds: list[str], data: st.DataObject) -> None:
    """Mostly-valid specs reach deeper validation than random data does."""
    fields = []
    for index, kind in enumerate(kinds):
        item: dict[str, object] = {"id": f"f{index}", "label": f"Field {index}", "kind": kind}
        if kind in ("choice", "multi"):
            item["options"] = data.draw(st.lists(st.text(max_size=8), min_size=0, max_size=4))
        if kind == "scale":
            item.update(
                min=data.draw(st.integers(-3, 3)),
                max=data.draw(st.integers(-3, 30)),
                min_label="Low",
                max_label="High",
            )
        if kind == "list":
            item["fields"] = [
                {"id": "sub", "label": "Sub", "kind": data.draw(st.sampled_from(KIND_VALUES))}
            ]
        fields.append(item)
    check(yaml.safe_dump({"id": "fuzz", "title": "Fuzz", "fields": fields}))


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    try:
        compile_fence(bomb)
    except FenceError as error:
        assert "aliases" in error.message
    else:  # pragma: no cover - the assertion below explains the failure
        raise AssertionError("an alias bomb was accepted")
