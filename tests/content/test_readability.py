"""Readable for a tired mind: every page of the guide scores Flesch reading
ease >= 70 and Flesch-Kincaid grade <= 7, measured on its prose.

English pages only: Flesch counts English syllables and means nothing for
Chinese (content/zh/), whose plainness is checked by the translation's
review, not by a formula.

What counts as prose here is what a reader reads as running text:

- paragraphs, list items, admonition and content-tab bodies, and quoted text
  (the email templates on Step 2 are read as prose, so they count);
- each list item, table-free line item and admonition body counts as its own
  sentence: a list item with no full stop of its own is given one, because
  that is how it is read (without it, textstat would run the items of a list
  together into one long "sentence" and make the page look harder than it is).

What does not count:

- the YAML front matter (metadata, not shown as text);
- fenced code blocks, the ```` ```worksheet ```` forms included: the forms'
  labels are measured with the worksheets, not here;
- HTML blocks (a line starting with ``<``, to the next blank line) and HTML
  tags; the text inside ``<cite>...</cite>`` is dropped too, because it is the
  title of someone else's paper or journal, quoted as published, not ours to
  simplify;
- tables (lines starting with ``|``);
- headings, admonition titles and content-tab labels: they are short labels,
  not sentences, and counting them as sentences would flatter the score;
- link URLs (the link text stays), bare URLs, Markdown markers (``*``, ``_``,
  backticks, ``>``, list markers, attribute lists such as ``{ .class }``);
- the full stop after an initial in a name ("Watkins, E. R."), which would
  otherwise cut a reference into tiny "sentences" and flatter the score.

The figures come from textstat (syllables from the CMU pronouncing dictionary
it bundles, falling back to Pyphen), and are printed per page on failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat

from tests.helpers.build import ROOT
from tests.helpers.languages import languages
from tests.helpers.languages import pages as language_pages

CONTENT = ROOT / "content"

MIN_READING_EASE = 70.0
MAX_GRADE = 7.0

FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,})")
HEADING = re.compile(r"^\s*#{1,6}\s")
CONTAINER = re.compile(r"^\s*(?:!!!\+?|\?\?\?\+?|===\+?)\s")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ATTR_LIST = re.compile(r"\{:?\s*[.#][^}]*\}")
CITE = re.compile(r"<cite>.*?</cite>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
URL = re.compile(r"https?://\S+|\S+@\S+\.\w+")
MARKERS = re.compile(r"[*_`]+")
#: An initial in a name ("Lieberman, M. D."): its full stop does not end a sentence.
INITIAL = re.compile(r"\b([A-Z])\.(?=[\s,])")
TERMINAL = re.compile(r"[.!?:;][\"')\u201d]*$")


def pages() -> list[Path]:
    """The English pages (the primary language's; see the module docstring)."""
    english = languages()[0]
    assert english.lang == "en" and english.docs == CONTENT.resolve()
    return [english.docs / page for page in language_pages(english)]


def strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


def blocks(text: str) -> list[str]:
    """The page as prose blocks (paragraphs and list items), with code
    fences, HTML blocks, tables, headings and container labels removed."""
    found: list[str] = []
    current: list[str] = []
    fence: str | None = None
    in_html = False

    def flush() -> None:
        if current:
            found.append(" ".join(current))
            current.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and set(stripped) <= set(fence[0]):
                fence = None
            continue
        match = FENCE.match(line)
        if match:
            flush()
            fence = match.group("mark")
            continue
        if in_html:
            if not stripped:
                in_html = False
            continue
        if not stripped:
            flush()
            continue
        if stripped.startswith("<") and not stripped.startswith("<cite>"):
            flush()
            in_html = True
            continue
        if stripped.startswith("|") or HEADING.match(line) or CONTAINER.match(line):
            flush()
            continue
        if re.fullmatch(r"-{3,}|\*{3,}|_{3,}", stripped) or ATTR_LIST.fullmatch(stripped):
            flush()
            continue
        stripped = re.sub(r"^(?:>\s*)+", "", stripped)
        if LIST_ITEM.match(stripped):
            flush()
            stripped = LIST_ITEM.sub("", stripped)
        current.append(stripped)
    flush()
    return found


def clean(block: str) -> str:
    block = CITE.sub("", block)
    block = TAG.sub("", block)
    block = IMAGE.sub(r"\1", block)
    block = LINK.sub(r"\1", block)
    block = REF_LINK.sub(r"\1", block)
    block = ATTR_LIST.sub("", block)
    block = URL.sub("", block)
    block = MARKERS.sub("", block)
    block = INITIAL.sub(r"\1", block)
    block = re.sub(r"\s+", " ", block).strip()
    if block and not TERMINAL.search(block):
        block += "."
    return block


def prose(path: Path) -> str:
    text = strip_front_matter(path.read_text(encoding="utf-8"))
    return "\n".join(filter(None, (clean(block) for block in blocks(text))))


def figures(text: str) -> tuple[float, float]:
    return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)


def test_the_extraction_drops_what_is_not_prose() -> None:
    page = (
        "---\ntitle: T\n---\n\n# A heading\n\n"
        '!!! tip "A label"\n    Body of the tip\n\n'
        "Some [linked words](https://example.org/x) and *stress*.\n{ .klass }\n\n"
        "- an item\n- another item.\n\n"
        "| a | b |\n|---|---|\n\n"
        "<div>html block</div>\n\n"
        "Read <cite>[A Long Academic Title](https://doi.org/1)</cite> today.\n\n"
        "Watkins, E. R. (2008) wrote it.\n\n"
        "```worksheet\nid: x\nlabel: Not prose\n```\n"
    )
    text = "\n".join(filter(None, (clean(b) for b in blocks(strip_front_matter(page)))))
    assert text.splitlines() == [
        "Body of the tip.",
        "Some linked words and stress.",
        "an item.",
        "another item.",
        "Read today.",
        "Watkins, E R (2008) wrote it.",
    ]


def test_every_content_page_is_measured() -> None:
    names = {path.name for path in pages()}
    assert {"index.md", "feel-it.md", "keep-going.md", "privacy.md"} <= names
    for path in pages():
        assert len(prose(path).split()) > 100, f"{path.name}: almost no prose found"


@pytest.mark.parametrize("path", pages(), ids=lambda path: path.name)
def test_page_is_easy_to_read(path: Path) -> None:
    ease, grade = figures(prose(path))
    assert ease >= MIN_READING_EASE and grade <= MAX_GRADE, (
        f"{path.name}: Flesch reading ease {ease:.1f} (needs >= {MIN_READING_EASE:.0f}), "
        f"Flesch-Kincaid grade {grade:.1f} (needs <= {MAX_GRADE:.0f})"
    )


def report() -> str:
    """One line per page: name, reading ease, grade, words (for the README)."""
    lines = []
    for path in pages():
        text = prose(path)
        ease, grade = figures(text)
        lines.append(
            f"{path.name:24} ease {ease:5.1f}  grade {grade:4.1f}  words {len(text.split())}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
