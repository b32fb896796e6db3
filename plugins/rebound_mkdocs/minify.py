"""Shrink our own scripts and styles as they are copied into the site.

Readers of an article that never boots Python still download these files, so
every byte counts (the benchmark holds a strategy page to at most 15 KiB
over a plain Material build). The sources stay commented for developers; the
site gets them without comments, indentation or blank lines.

This is deliberately conservative, not a general minifier: in JavaScript it
drops only whole-line ``//`` comments and leading indentation, which is safe
because our modules have no multi-line strings or template literals (a test
runs ``node --check`` on every minified module to keep it honest). In CSS it
also drops ``/* ... */`` comments, which never occur inside our strings.
"""

from __future__ import annotations

import re

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def minify_js(source: str) -> str:
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def minify_css(source: str) -> str:
    without_comments = _CSS_COMMENT.sub("", source)
    lines = (line.strip() for line in without_comments.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def minify(name: str, source: str) -> str:
    """Minify by file type; other files pass through unchanged."""
    if name.endswith((".js", ".mjs")):
        return minify_js(source)
    if name.endswith(".css"):
        return minify_css(source)
    return source
