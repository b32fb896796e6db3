"""Compile one worksheet fence body into a validated spec, or a located error.

This is the pure core of the plugin, kept apart from MkDocs so it can be
tested and fuzzed directly: any text goes in, and out comes either a
:class:`~browser_py.core.spec.Worksheet` or a :class:`FenceError` whose ``line``
is 0-based within the body.
"""

from __future__ import annotations

from browser_py.core.spec import SpecError, Worksheet, parse_worksheet

from . import yaml_source


class FenceError(ValueError):
    """A spec problem at ``line`` (0-based, relative to the fence body)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def compile_fence(body: str) -> tuple[Worksheet, int]:
    """Parse and validate a fence body.

    Returns the worksheet and the 0-based line of its ``id`` key (used to
    report a site-wide duplicate id). Raises :class:`FenceError`.
    """
    worksheet, source = compile_fence_source(body)
    return worksheet, source.line_of(("id",))


def compile_fence_source(body: str) -> tuple[Worksheet, yaml_source.YamlSource]:
    """:func:`compile_fence`, with the YAML source, which maps any spec path
    to its 0-based line in the body."""
    try:
        source = yaml_source.load(body)
    except yaml_source.YamlSourceError as error:
        raise FenceError(error.message, error.line) from None
    try:
        worksheet = parse_worksheet(source.data)
    except SpecError as error:
        raise FenceError(error.message, source.line_of(error.path)) from None
    return worksheet, source
