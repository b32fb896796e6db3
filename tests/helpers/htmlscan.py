"""A tiny stdlib HTML scanner for tests: the forms on a page and their controls."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

CONTROL_TAGS = {"input", "textarea", "select"}


@dataclass
class Control:
    tag: str
    attrs: dict[str, str]
    in_label: bool
    fieldset_legends: int

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")


@dataclass
class Form:
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)
    label_for: set[str] = field(default_factory=set)
    ids_with_text: set[str] = field(default_factory=set)
    result_regions: list[dict[str, str]] = field(default_factory=list)
    status_regions: list[dict[str, str]] = field(default_factory=list)


class FormScanner(HTMLParser):
    """Collects ``form.worksheet`` elements, skipping inert ``<template>`` content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.all_ids: list[str] = []
        self._form: Form | None = None
        self._label_depth = 0
        self._template_depth = 0
        self._stack: list[str] = []
        self._fieldsets: list[bool] = []  # has a legend?

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag == "template":
            self._template_depth += 1
        if self._template_depth:
            return
        if "id" in attrs:
            self.all_ids.append(attrs["id"])
        if tag == "form" and "worksheet" in attrs.get("class", "").split():
            self._form = Form(attrs)
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "label":
            self._label_depth += 1
            if "for" in attrs:
                self._form.label_for.add(attrs["for"])
        elif tag == "fieldset":
            self._fieldsets.append(False)
        elif tag == "legend" and self._fieldsets:
            self._fieldsets[-1] = True
        elif tag in CONTROL_TAGS:
            self._form.controls.append(
                Control(tag, attrs, self._label_depth > 0, sum(self._fieldsets))
            )
        if "data-worksheet-result" in attrs:
            self._form.result_regions.append(attrs)
        if "data-worksheet-status" in attrs:
            self._form.status_regions.append(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._template_depth -= 1
            return
        if self._template_depth or self._form is None:
            return
        if tag == "label":
            self._label_depth -= 1
        elif tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        elif tag == "form":
            self._form = None


def scan(html: str) -> FormScanner:
    scanner = FormScanner()
    scanner.feed(html)
    scanner.close()
    return scanner
