"""Turn a page's rendered HTML (``page.content``) into a chapter of the PDF.

The web page is made for Material's CSS and JavaScript; WeasyPrint sees none
of that. So each page is parsed (with tinyhtml5, WeasyPrint's own HTML parser)
and rewritten for paper:

* each worksheet form becomes a slot the print worksheet is put into later
  (the web form's controls, buttons and result regions are for the browser);
* Material-only chrome goes: headerlink anchors, edit buttons, scripts,
  content-tab radio buttons and labels (every tab is printed, under its title),
  and any stray ``input``/``select``/``textarea``/``button``, because every
  control WeasyPrint meets becomes a PDF form field;
* ``<details>`` becomes a plain box, so folded text is printed too;
* ids get a per-chapter prefix (each page has its own "why-it-matters"), and
  links are rewritten: to another chapter becomes an internal link, to the web
  becomes an absolute link, to a site page that is not in the PDF becomes
  plain text (a relative URL means nothing inside a PDF);
* images are resolved to local files; the build never fetches anything.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import tinyhtml5

#: Elements dropped with everything inside them.
_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "button",
        "input",
        "select",
        "textarea",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "link",
        "meta",
        "dialog",
    }
)

#: Classes whose elements are dropped: Material's buttons and permalinks.
_DROP_CLASSES = frozenset(
    {
        "headerlink",
        "md-content__button",
        "md-source-file",
        "md-clipboard",
        "md-annotation",
        "worksheet-error",
    }
)

_SLOT_PATTERN = re.compile(r'<div data-workbook-slot="([a-z][a-z0-9_-]*)"></div>')

_SCHEMES_KEPT = frozenset({"http", "https", "mailto"})


@dataclass(slots=True)
class Chapter:
    """One page made ready for paper."""

    anchor: str
    heading: str
    html: str
    worksheet_ids: list[str] = field(default_factory=list)


def _local(name: str) -> str:
    """``{namespace}tag`` -> ``tag``: inline SVG is written back as HTML."""
    return name.rsplit("}", 1)[-1]


def _classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _remove(parent: ET.Element, child: ET.Element, *, keep_content: bool = False) -> None:
    """Remove ``child``; with ``keep_content`` its text and children take its
    place (unwrap). The tail text always stays."""
    index = list(parent).index(child)
    kept_children = list(child) if keep_content else []
    leading = (child.text or "") if keep_content else ""
    if kept_children:
        kept_children[-1].tail = (kept_children[-1].tail or "") + (child.tail or "")
    else:
        leading += child.tail or ""
    if leading:
        if index == 0:
            parent.text = (parent.text or "") + leading
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + leading
    parent.remove(child)
    for offset, grandchild in enumerate(kept_children):
        parent.insert(index + offset, grandchild)


class ChapterBuilder:
    """Rewrites pages for the PDF. ``chapters`` maps each page URL that is in
    the PDF to its chapter anchor, so links between chapters stay links;
    ``image_path`` turns a site-relative URL into a local file (or ``None``);
    ``site_url`` makes links to other site pages absolute when it is set."""

    def __init__(
        self,
        chapters: Mapping[str, str],
        *,
        image_path: Callable[[str], str | None],
        site_url: str = "",
    ) -> None:
        self.chapters = dict(chapters)
        self.image_path = image_path
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        # Per page being built: elements removed, and elements to unwrap.
        self._dead: set[ET.Element] = set()
        self._unwrap: list[ET.Element] = []

    def build(self, html: str, *, page_url: str, title: str) -> Chapter:
        """Clean one page's HTML; ``title`` is used when the page has no H1."""
        anchor = self.chapters[page_url]
        body = tinyhtml5.parse(f"<!doctype html><body>{html}", namespace_html_elements=False)
        body = body.find("body")
        assert body is not None
        chapter = Chapter(anchor=anchor, heading="", html="")

        self._tabs(body)
        parents = {child: parent for parent in body.iter() for child in parent}
        self._dead, self._unwrap = set(), []
        for element in list(body.iter()):
            if element is not body and element not in self._dead:
                self._element(parents[element], element, chapter, page_url=page_url, anchor=anchor)
        # Unwrap last, innermost first, so every parent in the map is current.
        for element in reversed(self._unwrap):
            _remove(parents[element], element, keep_content=True)

        h1 = body.find(".//h1")
        if h1 is None:
            h1 = ET.Element("h1")
            h1.text = title
            body.insert(0, h1)
            body[0].tail, body.text = body.text, ""
        chapter.heading = _text(h1) or title
        h1.set("class", " ".join(filter(None, (h1.get("class"), "chapter__title"))))

        parts = [ET.tostring(child, encoding="unicode", method="html") for child in body]
        chapter.html = (body.text or "") + "".join(parts)
        return chapter

    # -- per element ------------------------------------------------------

    def _element(
        self,
        parent: ET.Element,
        element: ET.Element,
        chapter: Chapter,
        *,
        page_url: str,
        anchor: str,
    ) -> None:
        if not isinstance(element.tag, str):  # a comment or processing instruction
            self._drop(parent, element)
            return
        element.tag = _local(element.tag)
        for key in list(element.attrib):
            value = element.attrib.pop(key)
            local = _local(key)
            if key.startswith("{http://www.w3.org/2000/xmlns/}") or local.startswith("on"):
                continue
            if key.startswith("{http://www.w3.org/1999/xlink}"):
                local = f"xlink:{local}"
            element.set(local, value)
        tag = element.tag
        classes = _classes(element)

        if tag == "form" and "worksheet" in classes and element.get("data-worksheet"):
            worksheet_id = element.get("data-worksheet", "")
            slot = ET.Element("div", {"data-workbook-slot": worksheet_id})
            parent.insert(list(parent).index(element), slot)
            self._drop(parent, element)
            chapter.worksheet_ids.append(worksheet_id)
            return
        if tag in _DROP_TAGS or classes & _DROP_CLASSES:
            self._drop(parent, element)
            return
        if tag == "form":
            self._unwrap.append(element)
            return
        if tag == "details":
            element.tag = "div"
            element.set("class", " ".join(sorted(classes | {"admonition", "details"})))
            element.attrib.pop("open", None)
        elif tag == "summary":
            element.tag = "p"
            element.set("class", "admonition-title")

        if "id" in element.attrib:
            element.set("id", f"{anchor}--{element.get('id')}")
        for attribute in ("for", "aria-labelledby", "aria-describedby", "aria-controls"):
            if attribute in element.attrib:
                element.set(
                    attribute,
                    " ".join(f"{anchor}--{ref}" for ref in element.get(attribute, "").split()),
                )
        if tag == "a" and "href" in element.attrib:
            self._link(parent, element, page_url=page_url, anchor=anchor)
        elif tag == "img":
            self._image(parent, element, page_url=page_url)

    def _drop(self, parent: ET.Element, element: ET.Element) -> None:
        """Remove ``element`` and everything in it (its tail text stays)."""
        self._dead.update(element.iter())
        _remove(parent, element)

    def _link(self, parent: ET.Element, element: ET.Element, *, page_url: str, anchor: str) -> None:
        href = element.get("href", "")
        parts = urlsplit(href)
        if parts.scheme in _SCHEMES_KEPT:
            return
        if parts.scheme or parts.netloc:  # javascript:, data:, //host ...
            self._unwrap.append(element)
            return
        if not parts.path:  # "#anchor" on this page
            element.set("href", f"#{anchor}--{parts.fragment}" if parts.fragment else f"#{anchor}")
            return
        target = urlsplit(urljoin(f"/{page_url}", href)).path.lstrip("/")
        target = posixpath.normpath(target) + ("/" if target.endswith("/") else "")
        target = "" if target in (".", "./") else target
        for candidate in (target, target.removesuffix("index.html")):
            if candidate in self.chapters:
                chapter = self.chapters[candidate]
                element.set(
                    "href", f"#{chapter}--{parts.fragment}" if parts.fragment else f"#{chapter}"
                )
                return
        if self.site_url:
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            element.set("href", f"{self.site_url}{target}{fragment}")
            return
        self._unwrap.append(element)

    def _image(self, parent: ET.Element, element: ET.Element, *, page_url: str) -> None:
        src = element.get("src", "")
        parts = urlsplit(src)
        local = None
        if not parts.scheme and not parts.netloc and parts.path:
            target = urlsplit(urljoin(f"/{page_url}", src)).path.lstrip("/")
            local = self.image_path(posixpath.normpath(target))
        elif parts.scheme == "data":
            local = src
        if local is None:
            alt = ET.Element("span", {"class": "image-alt"})
            alt.text = element.get("alt", "")
            parent.insert(list(parent).index(element), alt)
            self._drop(parent, element)
            return
        element.set("src", local)
        element.attrib.pop("srcset", None)
        element.attrib.pop("loading", None)

    # -- content tabs -----------------------------------------------------

    @staticmethod
    def _tabs(body: ET.Element) -> None:
        """pymdownx.tabbed: print every tab's block under its label, and drop
        the radio buttons and the label strip."""
        for tab_set in body.iter():
            if "tabbed-set" not in _classes(tab_set):
                continue
            labels_box = next((c for c in tab_set if "tabbed-labels" in _classes(c)), None)
            content = next((c for c in tab_set if "tabbed-content" in _classes(c)), None)
            labels = (
                [] if labels_box is None else [_text(label) for label in labels_box.iter("label")]
            )
            if content is not None:
                blocks = [c for c in content if "tabbed-block" in _classes(c)]
                for label, block in zip(labels, blocks, strict=False):
                    title = ET.Element("p", {"class": "tabbed-title"})
                    title.text = label
                    title.tail = block.text
                    block.text = ""
                    block.insert(0, title)
            if labels_box is not None:
                _remove(tab_set, labels_box)


_PREFIXED_ID = re.compile(r' id="(chapter-[a-z0-9-]+--[^"]*)"')
_LOCAL_HREF = re.compile(r'href="#([^"]+)"')
_ID_REFERENCES = re.compile(r'(?:for|aria-labelledby|aria-describedby|aria-controls)="([^"]+)"')


def prune_ids(parts: list[str]) -> list[str]:
    """Drop the (prefixed) page ids that no link in ``parts`` points to.

    WeasyPrint makes every id a named destination, which costs layout time;
    the PDF only needs the ones its own links (or ``for``/``aria-*``
    references) use. Chapter anchors are not prefixed, so they always stay."""
    wanted = {target for part in parts for target in _LOCAL_HREF.findall(part)}
    wanted |= {
        ref for part in parts for refs in _ID_REFERENCES.findall(part) for ref in refs.split()
    }

    def keep(match: re.Match[str]) -> str:
        return match.group(0) if match.group(1) in wanted else ""

    return [_PREFIXED_ID.sub(keep, part) for part in parts]


def fill_slots(html: str, render: Callable[[str], str]) -> tuple[str, list[str]]:
    """Replace each worksheet slot in ``html`` with ``render(worksheet_id)``;
    returns the new HTML and the ids filled, in order."""
    filled: list[str] = []

    def replace(match: re.Match[str]) -> str:
        filled.append(match.group(1))
        return render(match.group(1))

    return _SLOT_PATTERN.sub(replace, html), filled


__all__ = ["Chapter", "ChapterBuilder", "fill_slots", "prune_ids"]
