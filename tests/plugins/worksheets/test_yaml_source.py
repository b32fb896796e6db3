"""The worksheet YAML is composed by libyaml when PyYAML has it. Its node
tree and line marks must be exactly those of PyYAML's own parser, because
every author-facing error line comes from them."""

from __future__ import annotations

import pytest
import yaml

from rebound_mkdocs.worksheets import yaml_source
from rebound_mkdocs.worksheets.blocks import find_worksheet_fences
from tests.helpers.build import ROOT


def site_specs() -> list[str]:
    """The body of every worksheet fence in ``content/``, as the plugin finds it."""
    return [
        fence.body
        for page in sorted((ROOT / "content").rglob("*.md"))
        for fence in find_worksheet_fences(page.read_text(encoding="utf-8"))
    ]


def shape(node: yaml.Node) -> object:
    """Tag, value and (line, column) of every node, recursively."""
    where = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, where)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, [shape(item) for item in node.value], where)
    return (node.tag, [(shape(key), shape(value)) for key, value in node.value], where)


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    if yaml.__with_libyaml__:
        assert yaml_source.COMPOSER is yaml.CSafeLoader
    else:
        assert yaml_source.COMPOSER is yaml.SafeLoader


def test_the_site_has_worksheet_specs() -> None:
    assert len(site_specs()) >= 6


@pytest.mark.parametrize("index", range(6))
def test_both_parsers_give_the_same_nodes_and_lines(index: int) -> None:
    text = site_specs()[index]
    python = yaml.compose(text, Loader=yaml.SafeLoader)
    composed = yaml.compose(text, Loader=yaml_source.COMPOSER)
    assert shape(composed) == shape(python)


@pytest.mark.parametrize(
    "text, line",
    [
        ("id: a\ntitle: Broken: really\n", 1),
        ("id: a\nfields:\n  - id: x\n   label: y\n", 3),
        ("id: a\ntitle: 'unclosed\n", 2),
        ("id: a\nid: b\n", 1),
        ("id: a\ntitle: &x a\nintro: *x\n", 1),  # an alias is reported where its anchor is
    ],
)
@pytest.mark.parametrize("composer", [yaml.SafeLoader, yaml_source.COMPOSER])
def test_errors_keep_their_line(
    monkeypatch: pytest.MonkeyPatch, composer: type, text: str, line: int
) -> None:
    monkeypatch.setattr(yaml_source, "COMPOSER", composer)
    with pytest.raises(yaml_source.YamlSourceError) as raised:
        yaml_source.load(text)
    assert raised.value.line == line
