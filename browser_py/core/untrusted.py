"""Text the guide did not write itself: saved entries, imported files, requests.

Three tools, used wherever Python reads such text.

**A JSON pre-check** (:func:`check_json`, :func:`loads`). Before
``json.loads`` sees text from ``localStorage`` or from a file, one pass
without recursion measures it: its size, how deeply its arrays and objects
nest, and how many values it holds. ``json.loads`` recurses once per level:
CPython raises ``RecursionError`` past about a thousand levels, but in
Pyodide a few thousand levels overflow the WebAssembly stack first, which
kills the Python runtime for the whole visit (a 10 kB ``[[[...]]]`` does
it). Text over a limit is refused with :class:`JsonLimitError`, which says
which limit and the figure found; the caller turns it into a sentence.

The measure skips strings (a ``"`` up to the next unescaped ``"``), then
counts what is left: depth is the running count of ``[``/``{`` less
``]``/``}``; values are the commas plus the opening brackets plus one (each
value but the first in an array or object follows a comma; keys are not values),
an upper bound that is exact for a document without empty ``[]`` or
``{}``. Invalid JSON is measured as far as it goes and left for
``json.loads`` to refuse; an unclosed string makes the measure count the
brackets after it, which can only refuse text the parser would refuse too.

**Echoes** (:func:`quote`, :func:`show`). A message that repeats a value
from such text repeats at most :data:`ECHO_CHARS` characters of it, quoted,
on one line, with broken and invisible characters removed: an import
refusal must not put 600,000 characters in an alert.

**Invisible controls** (:func:`strip_invisible`). Imported answers lose
the characters that change how text is shown without being seen, listed in
:data:`INVISIBLE`: the bidirectional embeddings, overrides and isolates
(U+202A to U+202E, U+2066 to U+2069), which can show text in another order
than it is stored ("exe.txt" for "txt.exe"); the zero-width space and word
joiner (U+200B, U+2060), the invisible mathematical operators (U+2061 to
U+2064), the deprecated format controls (U+206A to U+206F), the byte order
mark used as a zero-width no-break space (U+FEFF), and the interlinear
annotation marks (U+FFF9 to U+FFFB), all of which hide or glue characters.
Tag characters (U+E0000 to U+E007F) can spell text no one sees; they are
removed too, except in an emoji flag sequence (U+1F3F4, tags, U+E007F: the
flags of England, Scotland and Wales).

Kept, because readers need them to write their own language: the zero-width
joiner and non-joiner (U+200D, U+200C: emoji sequences such as
"woman technologist" and family emoji are joined by U+200D, and Persian
and Indic scripts need both), and the plain direction marks (U+200E, U+200F,
U+061C), which place punctuation beside right-to-left words and cannot
reorder letters. Variation selectors (U+FE0F: emoji style) are kept too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from browser_py.core.i18n import _

#: Longest echo of a value in a message, in characters (an ellipsis marks a cut).
ECHO_CHARS = 40


@dataclass(frozen=True, slots=True)
class JsonLimits:
    """What :func:`check_json` allows: UTF-8 bytes, nesting levels, values."""

    max_bytes: int
    max_depth: int
    max_values: int


class JsonLimitError(ValueError):
    """Text over one of its :class:`JsonLimits`: ``limit`` is ``"bytes"``,
    ``"depth"`` or ``"values"``; ``found`` is what the text has (for
    ``"bytes"`` and ``"values"``, at least that much), ``allowed`` the limit."""

    def __init__(self, limit: str, found: int, allowed: int) -> None:
        super().__init__(f"{limit}: {found} > {allowed}")
        self.limit = limit
        self.found = found
        self.allowed = allowed


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def utf8_size(text: str) -> int:
    """``text``'s size in UTF-8 bytes (a lone surrogate counted as 3)."""
    return len(text.encode("utf-8", "surrogatepass"))


def check_json(text: str, limits: JsonLimits) -> None:
    """Raise :class:`JsonLimitError` if ``text`` is over ``limits``.

    Works in a constant amount of stack, whatever ``text`` holds (see the
    module docstring for what is counted).
    """
    if len(text) > limits.max_bytes:
        raise JsonLimitError("bytes", len(text), limits.max_bytes)
    if len(text) * 3 > limits.max_bytes:
        size = utf8_size(text)
        if size > limits.max_bytes:
            raise JsonLimitError("bytes", size, limits.max_bytes)
    skeleton = _STRING.sub("", text)
    brackets = _NOT_BRACKET.sub("", skeleton)
    # A running sum over the brackets, in C (accumulate, map, max): no
    # recursion, and no Python-level step per character.
    depth = max(accumulate(map(_STEP.__getitem__, brackets)), default=0)
    if depth > limits.max_depth:
        raise JsonLimitError("depth", depth, limits.max_depth)
    values = skeleton.count(",") + brackets.count("[") + brackets.count("{") + 1
    if values > limits.max_values:
        raise JsonLimitError("values", values, limits.max_values)


def loads(text: str, limits: JsonLimits, **options: Any) -> Any:
    """``json.loads(text, **options)`` once :func:`check_json` passed it.

    Raises :class:`JsonLimitError`, or ``ValueError`` for text that is not
    JSON."""
    check_json(text, limits)
    return json.loads(text, **options)


# --------------------------------------------------------------------------
# Echoes
# --------------------------------------------------------------------------

_BROKEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_BREAKS = re.compile(r"\s+")


def shorten(text: str, limit: int = ECHO_CHARS) -> str:
    """``text`` on one line, without invisible or broken characters, cut to
    ``limit`` characters with an ellipsis (unquoted)."""
    # Cut first, so a huge value costs no more than a short one.
    head = text[: limit * 4]
    clean = _BREAKS.sub(" ", _BROKEN.sub("?", strip_invisible(head))).strip()
    if len(clean) > limit or len(text) > len(head):
        return clean[: limit - 1].rstrip() + "\u2026"
    return clean


def quote(text: str, limit: int = ECHO_CHARS) -> str:
    """``text`` shortened (:func:`shorten`) and in quotation marks: how a
    message repeats a value it was given."""
    return _("\u201c{text}\u201d").format(text=shorten(text, limit))


def describe_type(value: object) -> str:
    """How a JSON value is named in a message: "a number", "a list"."""
    if value is None:
        return _("empty (null)")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__


def show(value: object, limit: int = ECHO_CHARS) -> str:
    """Any value in a message: text quoted and shortened (:func:`quote`),
    anything else named by its type, never written out."""
    return quote(value, limit) if isinstance(value, str) else describe_type(value)


# --------------------------------------------------------------------------
# Invisible controls
# --------------------------------------------------------------------------

#: The characters :func:`strip_invisible` removes (see the module docstring).
INVISIBLE = "\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_FLAG_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def strip_invisible(text: str) -> str:
    """``text`` without the characters in :data:`INVISIBLE`; an emoji flag
    sequence keeps its tags."""
    if not _INVISIBLE.search(text):
        return text
    out: list[str] = []
    start = 0
    for flag in _FLAG_TAGS.finditer(text):
        out.append(_INVISIBLE.sub("", text[start : flag.start()]))
        out.append(flag[0])
        start = flag.end()
    out.append(_INVISIBLE.sub("", text[start:]))
    return "".join(out)
