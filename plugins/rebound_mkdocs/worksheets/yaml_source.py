"""YAML that remembers where each value came from.

PyYAML's ``safe_load`` throws line numbers away. Authors need them: a spec
error must say ``content/page.md:LINE``. So we compose the node tree once,
construct plain Python data from it, and keep the tree to map a spec path such
as ``("fields", 2, "kind")`` back to a line.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from browser_py.core.spec import Path

#: libyaml's parser when PyYAML was built with it (the wheels on PyPI are):
#: the same node tree and line marks, much faster than the pure-Python one,
#: which is a fallback only.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: A spec is a few dozen lines. Anything far bigger is a mistake or an attack
#: (for example an alias bomb), and is refused before YAML expands it.
MAX_SPEC_CHARS = 50_000


class YamlSourceError(ValueError):
    """The YAML itself is unreadable; ``line`` is 0-based within the body."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class YamlSource:
    """Parsed data plus the node tree it came from."""

    data: object
    root: yaml.Node | None

    def line_of(self, path: Path) -> int:
        """0-based line of the node ``path`` points at.

        A path that ends on a mapping key gives the key's line. A path that
        goes further than the document (for example a key that is missing)
        gives the line of the deepest node that exists, which is where the
        author has to add it.
        """
        node = self.root
        if node is None:
            return 0
        line = node.start_mark.line
        for step in path:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                for key_node, value_node in node.value:
                    if key_node.value == step:
                        line = key_node.start_mark.line
                        node = value_node
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return line
                node = node.value[step]
                line = node.start_mark.line
            else:
                return line
        return line


def load(text: str) -> YamlSource:
    """Parse a worksheet body, refusing what would surprise an author:
    duplicate keys (YAML silently keeps the last), aliases, several documents
    and oversized input."""
    if len(text) > MAX_SPEC_CHARS:
        raise YamlSourceError(
            f"the worksheet spec is {len(text):,} characters; the limit is {MAX_SPEC_CHARS:,}", 0
        )
    try:
        nodes = list(yaml.compose_all(text, Loader=COMPOSER))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        return_line = mark.line if mark is not None else 0
        raise YamlSourceError(f"invalid YAML: {problem}", return_line) from None
    except yaml.YAMLError as error:
        raise YamlSourceError(f"invalid YAML: {error}", 0) from None
    except RecursionError:
        raise YamlSourceError("invalid YAML: nested too deeply", 0) from None
    if len(nodes) > 1:
        raise YamlSourceError(
            "a worksheet holds one YAML document; remove the '---' line", nodes[1].start_mark.line
        )
    root = nodes[0] if nodes else None
    if root is None:
        raise YamlSourceError(
            "the worksheet block is empty: it needs at least 'id', 'title' and 'fields'", 0
        )
    _check_nodes(root)
    loader = yaml.SafeLoader("")
    try:
        data = loader.construct_document(root)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise YamlSourceError(
            f"invalid YAML: {getattr(error, 'problem', error)}", mark.line if mark else 0
        ) from None
    except (RecursionError, TypeError, ValueError) as error:
        raise YamlSourceError(f"invalid YAML value: {error}", root.start_mark.line) from None
    finally:
        loader.dispose()
    return YamlSource(data=data, root=root)


def _check_nodes(root: yaml.Node) -> None:
    """Walk the tree once, in document order: reject aliases (a node met twice
    is an alias of the first) and duplicate keys, with their line."""
    seen_ids: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_ids:
            raise YamlSourceError(
                "YAML anchors and aliases (&, *) are not allowed in a worksheet",
                node.start_mark.line,
            )
        seen_ids.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: dict[object, int] = {}
            for key_node, _value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.tag == "tag:yaml.org,2002:merge":
                        raise YamlSourceError(
                            "YAML merge keys (<<) are not allowed in a worksheet",
                            key_node.start_mark.line,
                        )
                    if key_node.value in keys:
                        raise YamlSourceError(
                            f"duplicate key '{key_node.value}' (first on line "
                            f"{keys[key_node.value] + 1} of the block)",
                            key_node.start_mark.line,
                        )
                    keys[key_node.value] = key_node.start_mark.line
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
