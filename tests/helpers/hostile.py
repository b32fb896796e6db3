"""A shared corpus of hostile text, and what a browser control does to it.

Every string here is something a reader could paste (or a crafted saved
entry or import file could carry) that would do harm if any layer treated
it as code or markup: HTML and SVG that runs script, ``javascript:`` links,
Markdown that becomes headings, tables or raw HTML, spreadsheet formulas,
template syntax, calendar line injection, and text that is merely awkward
(direction overrides, zero-width and joiner characters, NUL, lone
surrogates, far too long). The CPython tests and the browser tests use the
same strings, so a payload added here is tried everywhere.

Every payload that would run script sets ``window.__pwned``: a test only
has to check that it is still undefined.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from browser_py.core.spec import Worksheet, iter_controls
from tests.helpers.build import ROOT

#: The drawing elements the result renderer lets through, read from its own
#: list (``SVG_ELEMENTS`` in render.js), so the tests check against what the
#: page really allows.
SVG_ELEMENTS = frozenset(
    re.findall(
        r'"([a-z]+)"',
        re.search(  # type: ignore[union-attr]
            r"const SVG_ELEMENTS = new Set\(\[(.*?)\]\)",
            (ROOT / "plugins/rebound_mkdocs/runtime/assets/page/render.js").read_text("utf-8"),
            re.S,
        ).group(1),
    )
)

#: The one side effect every script payload has.
PWNED = "window.__pwned=1"

SCRIPT = f"<script>{PWNED}</script>"
IMG_ONERROR = f'<img src=x onerror="{PWNED}">'
SVG_ONLOAD = f'"><svg onload={PWNED}>'
JS_URL = f"javascript:{PWNED}"
MD_JS_LINK = f"[click](javascript:{PWNED})"
TEXTAREA_BREAKOUT = f"</textarea><script>{PWNED}</script>"
TITLE_BREAKOUT = f"</title><script>{PWNED}</script>"
IFRAME = f'<iframe srcdoc="<script>parent.{PWNED}</script>"></iframe>'
ANCHOR = f'<a href="javascript:{PWNED}">click me</a>'
ENTITIES = "&lt;script&gt;window.__pwned=1&lt;/script&gt; &#60;b&#62;x&#60;/b&#62; &amp;"
CDATA_END = "]]><!-- --><![CDATA[x"
MUSTACHE = "{{7*7}}"
JS_TEMPLATE = "${7*7}"
PERCENT = "%s%n%x {0} {name!r}"
SQL = "Robert'; DROP TABLE answers; --"

RLO = "\u202eexe.txt\u202c file"
ZERO_WIDTH = "zero\u200bwidth\u200djoin\ufeffbom\u2060word"
EMOJI = (
    "\U0001f469\U0001f3fd\u200d\U0001f4bb \U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1 "
    "\U0001f44d\U0001f3ff \U0001f3f3\ufe0f\u200d\U0001f308 \U0001f1f3\U0001f1f1"
)
NUL = "before\x00after"
LONE_SURROGATES = "high\ud800 low\udfff end"
CONTROLS = "bell\x07 escape\x1b[31m red\x7f del"
LINE_SEPARATORS = "line\u2028separator\u2029paragraph"

MD_HEADING = "# heading"
MD_BOLD = "**bold** _em_ ~~strike~~ `code`"
MD_TABLE = "| a | b |\n|---|---|\n| c | d |"
MD_RULE = "---"
MD_DETAILS = "<details open><summary>open me</summary>hidden</details>"
MD_IMAGE = "![x](http://example.invalid/x.png)"
MD_AUTOLINK = "<javascript:window.__pwned=1>"
MD_LIST = "1. one\n2) two\n- three\n+ four\n> quote"
MD_SETEXT = "title\n==="
MD_INDENTED = "    indented code"
MD_REFERENCE = "[x]: javascript:window.__pwned=1"

FORMULAS = ('=HYPERLINK("http://example.invalid","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)")

ICS_INJECTION = "a\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT"
ICS_FOLD = "b\nEND:VCALENDAR\nBEGIN:VCALENDAR; x,y\\z"

#: Longer than any field's ``max_length`` (the longest is 4000): a script
#: payload repeated, ASCII only so its truncation is simple to predict.
LONG = (SCRIPT + " ") * 400

#: name -> payload; each is put into some field of every worksheet.
CORPUS: dict[str, str] = {
    "script": SCRIPT,
    "img_onerror": IMG_ONERROR,
    "svg_onload": SVG_ONLOAD,
    "js_url": JS_URL,
    "md_js_link": MD_JS_LINK,
    "textarea_breakout": TEXTAREA_BREAKOUT,
    "title_breakout": TITLE_BREAKOUT,
    "iframe": IFRAME,
    "anchor": ANCHOR,
    "entities": ENTITIES,
    "cdata_end": CDATA_END,
    "mustache": MUSTACHE,
    "js_template": JS_TEMPLATE,
    "percent": PERCENT,
    "sql": SQL,
    "rlo": RLO,
    "zero_width": ZERO_WIDTH,
    "emoji": EMOJI,
    "nul": NUL,
    "lone_surrogates": LONE_SURROGATES,
    "controls": CONTROLS,
    "line_separators": LINE_SEPARATORS,
    "md_heading": MD_HEADING,
    "md_bold": MD_BOLD,
    "md_table": MD_TABLE,
    "md_rule": MD_RULE,
    "md_details": MD_DETAILS,
    "md_image": MD_IMAGE,
    "md_autolink": MD_AUTOLINK,
    "md_list": MD_LIST,
    "md_setext": MD_SETEXT,
    "md_indented": MD_INDENTED,
    "md_reference": MD_REFERENCE,
    "formula_hyperlink": FORMULAS[0],
    "formula_plus": FORMULAS[1],
    "formula_minus": FORMULAS[2],
    "formula_at": FORMULAS[3],
    "ics_injection": ICS_INJECTION,
    "ics_fold": ICS_FOLD,
    "long": LONG,
}

#: Payloads a browser text control cannot receive by typing: set through
#: the DOM (``value`` plus an ``input`` event) instead.
NEEDS_SCRIPT = frozenset({"nul", "lone_surrogates", "controls"})

#: Every payload on its own line: one textarea gets the whole corpus (the
#: long one left out; it has a field of its own).
ALL_IN_ONE = "\n".join(
    value for name, value in CORPUS.items() if name not in ("long", *NEEDS_SCRIPT)
)

#: Text no keyboard produces (NUL, lone surrogates, C0 controls) with a
#: script payload: set through the DOM.
SCRIPTED = f"{NUL} {LONE_SURROGATES} {CONTROLS} {SCRIPT}"

#: Values for ``date`` and ``number`` controls that a browser refuses (its
#: value sanitisation turns them into ""), or that only look valid.
BAD_DATES = (
    "<script>window.__pwned=1</script>",
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "275760-09-14",
    "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0662\u0660",
    "2026-11-20\r\nBEGIN:VEVENT",
    "2026-11-20T10:00",
    "=1+1",
)
BAD_NUMBERS = (
    "<img src=x onerror=window.__pwned=1>",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "0x10",
    "=1+1",
    "@SUM(1)",
    "1" * 400,
    "\u0661\u0662",
    "2,5,5",
)

#: What a browser keeps of a date or number answer it accepts at the edges.
EDGE_DATES = ("0001-01-01", "9999-12-31", "275760-09-13")
EDGE_NUMBERS = ("1e308", "-0", "0.000000000001", "4.9e-324", "999999999999999999999")

# -- answers ------------------------------------------------------------------------


def rows_of(worksheet: Worksheet, rows: int) -> dict[str, int]:
    """``rows`` rows for each list field (for ``iter_controls``)."""
    return {spec.id: rows for spec in worksheet.fields if spec.kind == "list"}


def form_values(
    worksheet: Worksheet, text: dict[str, str] | str, *, rows: int = 3
) -> dict[str, Any]:
    """Answers a real form could hold, with ``text`` (one payload, or one per
    control name) in the text controls: the dates, numbers and choices valid,
    so every part of a result (and of the exports) is produced."""
    values: dict[str, Any] = {}
    for index, control in enumerate(iter_controls(worksheet, rows_of(worksheet, rows))):
        spec = control.field
        if spec.kind in ("text", "textarea"):
            chosen = text if isinstance(text, str) else text.get(control.name)
            if chosen:
                values[control.name] = chosen
        elif spec.kind == "date":
            values[control.name] = ("2026-11-18", "2026-11-24", "2026-11-30")[index % 3]
        elif spec.kind == "number":
            low = spec.min if spec.min is not None else 1
            values[control.name] = str(int(low) + 1)
        elif spec.kind == "scale":
            values[control.name] = str(int(spec.max or 0) - index % 3)
        elif spec.kind == "choice":
            values[control.name] = spec.options[0].value
        elif spec.kind == "multi":
            assert control.option is not None
            if control.option in spec.options[:2]:
                values.setdefault(control.name, []).append(control.option.value)
    return values


# -- what a control holds -------------------------------------------------------------


def utf16_length(text: str) -> int:
    """Length as JavaScript and ``maxlength`` count it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def input_value(text: str, max_length: int | None = None) -> str:
    """What ``<input type=text>`` holds after ``text`` is typed or pasted:
    Chromium drops one trailing line break, turns every other one (CR LF, CR
    or LF) into a space, and cuts the text at ``maxlength`` UTF-16 code units
    (never inside a surrogate pair)."""
    for end in ("\r\n", "\n", "\r"):
        if text.endswith(end):
            text = text[: -len(end)]
            break
    return cut(re.sub(r"\r\n|\r|\n", " ", text), max_length)


def scripted_input_value(text: str) -> str:
    """What ``<input type=text>`` holds after a script sets ``value``: line
    breaks removed (HTML's value sanitisation), ``maxlength`` not applied."""
    return text.replace("\r", "").replace("\n", "")


def textarea_value(text: str, max_length: int | None = None) -> str:
    """What ``<textarea>`` holds after ``text`` is typed or pasted: CR LF and
    lone CR become LF, then the ``maxlength`` cut."""
    value = text.replace("\r\n", "\n").replace("\r", "\n")
    return cut(value, max_length)


def cut(text: str, max_length: int | None) -> str:
    if max_length is None or utf16_length(text) <= max_length:
        return text
    units = 0
    out = []
    for char in text:
        width = 2 if ord(char) > 0xFFFF else 1
        if units + width > max_length:
            break
        out.append(char)
        units += width
    return "".join(out)


# -- what should survive -------------------------------------------------------------

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def without_broken(text: str) -> str:
    """``text`` without NUL and lone surrogates: what the workbook keeps of a
    saved answer (browser_py.core.storage repairs rather than drops it)."""
    return re.sub("[\x00\ud800-\udfff]", "", text)


def shown_text(text: str, *, one_line: bool) -> str:
    """How a worksheet echoes an answer in its result (browser_py.core.answers and
    blocks.clean): forbidden XML characters removed, line breaks unified, a
    one-line field's whitespace collapsed, a textarea's trimmed."""
    text = _INVALID_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return " ".join(text.split()) if one_line else text.strip()


def without_controls(text: str) -> str:
    """``text`` without control characters, format characters that hide or
    reorder text, and line breaks as a calendar entry may show it."""
    return "".join(
        char
        for char in text
        if unicodedata.category(char) not in ("Cc", "Cs")
        and char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff"
    )


def js(value: object) -> str:
    """``value`` as ASCII JSON, to cross into the page without loss (lone
    surrogates do not survive the protocol as raw text; as ``\\ud800`` they do).
    The page side reads it with ``JSON.parse``."""
    return json.dumps(value, ensure_ascii=True)


# -- checks shared by the tests -----------------------------------------------------------


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_elements(html: str) -> tuple[list[tuple[str, dict[str, str]]], str]:
    """Every element of an HTML fragment as ``(tag, attributes)``, and its text
    with character references decoded."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements, "".join(parser.text)


#: PDF keys that run code, open something or send data when a viewer meets them.
PDF_ACTION_KEYS = frozenset(
    {
        "/JS",
        "/JavaScript",
        "/AA",
        "/OpenAction",
        "/URI",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",
        "/GoToE",
        "/RichMedia",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/XFA",
    }
)


def pdf_text_values(pdf: bytes) -> dict[str, str]:
    """Every text field's value (``/V``) by its full name, read with pypdf."""
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    return {
        name: str(field["/V"])
        for name, field in fields.items()
        if field.get("/FT") == "/Tx" and field.get("/V") is not None
    }


def pdf_action_keys(pdf: bytes) -> Counter[str]:
    """How often each of :data:`PDF_ACTION_KEYS` occurs as a dictionary key in
    the objects reachable from the document's trailer (strings, where a
    field's value lives, are not looked into)."""
    reader = PdfReader(io.BytesIO(pdf))
    found: Counter[str] = Counter()
    seen: set[int] = set()
    stack: list[Any] = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                if key in PDF_ACTION_KEYS:
                    found[key] += 1
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return found


def pdf_page_contents(pdf: bytes) -> list[bytes]:
    """Each page's own content (what is printed outside the form fields)."""
    return [
        page.get_contents().get_data() if page.get_contents() is not None else b""
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


#: A CommonMark renderer with GitHub's tables, as readers' Markdown apps render an export.
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def render_gfm(text: str) -> str:
    """``text`` as GitHub renders Markdown: cmark-gfm with its extensions,
    autolinks included (words such as ``www.x.org`` or ``me@x.org`` become
    links there without any Markdown syntax), raw HTML kept."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


#: What the Markdown journal itself is made of; anything else came in with
#: the reader's text.
JOURNAL_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",  # a worksheet under its round
        "h4",  # answers to questions no longer asked, under their worksheet
        "p",
        "strong",
        "em",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "br",
        "ul",
        "li",
        # A web or e-mail address the reader typed is code, so it never becomes a link.
        "code",
    }
)
