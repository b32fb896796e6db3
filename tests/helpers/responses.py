"""Shared helpers for the browser_py tests: a request builder for the real
specs (tests/helpers/specs.py) and a checker for the documented response shape.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

from browser_py.api import handle
from browser_py.core.spec import Worksheet
from tests.helpers.specs import real_index, real_specs

SVG_NS = "{http://www.w3.org/2000/svg}"

#: A Tuesday; every unit test computes "as of" this day.
TODAY = date(2026, 11, 17)

BLOCK_KEYS: dict[str, set[str]] = {
    "heading": {"type", "text"},
    "paragraph": {"type", "text"},
    "list": {"type", "ordered", "items"},
    "stats": {"type", "items"},
    "copy": {"type", "label", "text"},
    "notice": {"type", "tone", "text"},
    "figure": {"type", "svg", "caption"},
    "link": {"type", "text", "href"},
    "table": {"type", "caption", "head", "rows"},
}


def request(
    worksheet: str,
    values: object,
    *,
    context: object = None,
    today: date | None = TODAY,
    **extra: Any,
) -> str:
    body: dict[str, Any] = {
        "action": "compute",
        "worksheet": worksheet,
        "spec": real_specs()[worksheet].to_dict(),
        "values": values,
    }
    if context is not None:
        # As the page does: context comes with the site's manifest, where
        # Python finds the other worksheets' specs.
        body["context"] = context
        body["index"] = real_index()
    if today is not None:
        body["today"] = today.isoformat()
    body.update(extra)
    return json.dumps(body)


def compute(worksheet: str, values: object, **kwargs: Any) -> dict[str, Any]:
    """Run ``handle`` for one worksheet and check the response's shape."""
    response = json.loads(handle(request(worksheet, values, **kwargs)))
    assert response["ok"] is True, response
    check_response(response, real_specs()[worksheet])
    return response


def check_response(response: dict[str, Any], worksheet: Worksheet) -> None:
    """Assert the documented compute response shape, block by block."""
    assert response["worksheet"] == worksheet.id
    ids = [spec.id for spec in worksheet.fields]
    assert isinstance(response["missing"], list)
    assert all(isinstance(item, str) and item in ids for item in response["missing"])
    assert response["complete"] is (not response["missing"])
    assert isinstance(response["problems"], list)
    for problem in response["problems"]:
        assert set(problem) == {"name", "text"}
        assert isinstance(problem["name"], str) and isinstance(problem["text"], str)
    assert isinstance(response["blocks"], list) and response["blocks"]
    for block in response["blocks"]:
        check_block(block)
    if worksheet.id == "learning-plan":
        assert isinstance(response["sessions"], list)
    else:
        assert "sessions" not in response


def check_block(block: dict[str, Any]) -> None:
    kind = block.get("type")
    assert kind in BLOCK_KEYS, block
    assert set(block) == BLOCK_KEYS[kind], block
    for key in ("text", "label", "caption"):
        if key in block:
            assert isinstance(block[key], str)
            assert "\x00" not in block[key]
    if kind == "list":
        assert isinstance(block["ordered"], bool)
        assert all(isinstance(item, str) for item in block["items"])
    elif kind == "stats":
        for item in block["items"]:
            assert set(item) == {"label", "value"}
            assert isinstance(item["label"], str) and isinstance(item["value"], str)
    elif kind == "notice":
        assert block["tone"] in ("info", "warning", "success")
    elif kind == "figure":
        check_svg(block["svg"])
    elif kind == "table":
        assert block["caption"].strip() and block["head"]
        assert all(isinstance(cell, str) for cell in block["head"])
        for row in block["rows"]:
            assert len(row) == len(block["head"])
            assert all(isinstance(cell, str) for cell in row)


def check_svg(svg: str) -> ET.Element:
    """Parse an SVG and assert its accessibility contract; return the root."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    assert root.get("width") is None and root.get("height") is None
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()
    assert (root.get("aria-labelledby") or "").split() == [title.get("id"), desc.get("id")]
    for element in root.iter():
        for name, value in element.attrib.items():
            assert "href" not in name, "an SVG must not reference anything"
            assert "url(" not in value
    return root


def blocks_of(response: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [block for block in response["blocks"] if block["type"] == kind]


def all_text(response: dict[str, Any]) -> str:
    """Every reader-visible string of a response, joined, for searching."""
    parts: list[str] = []
    for block in response["blocks"]:
        for key in ("text", "label", "caption"):
            if key in block:
                parts.append(block[key])
        parts += block.get("items", []) if block["type"] == "list" else []
        if block["type"] == "stats":
            parts += [f"{item['label']}: {item['value']}" for item in block["items"]]
    return "\n".join(parts)
