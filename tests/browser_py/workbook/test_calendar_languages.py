"""Calendar UIDs do not depend on the page's language (browser_py.workbook.calendar_ics).

The committed export files (tests/fixtures/) give the same events, with the
same UIDs, whether the calendar is made in English, in the pseudo-locale
(every message translated), or from an index whose labels are translated
too, as the Chinese pages' index is; only the text differs.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import icalendar
import pytest

from browser_py import api
from browser_py.core import i18n
from tests.helpers.pseudo import PAGE_LANGUAGE, write_pseudo_locale
from tests.helpers.specs import real_index

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(autouse=True)
def pseudo_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", write_pseudo_locale(tmp_path))
    monkeypatch.setattr(i18n, "_loaded", {})
    previous = i18n.current()
    yield
    i18n.use(previous)


def _rounds(export: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``(round id, saved entries)`` of an export file of any version."""
    if "rounds" in export:
        found = [(item["id"], item["worksheets"]) for item in export["rounds"]]
        shared = export.get("search", {}).get("worksheets", {})
        found = [(round_id, {**shared, **sheets}) for round_id, sheets in found]
    else:
        found = [("r0", export["worksheets"])]
    return [
        (
            round_id,
            {
                worksheet_id: {
                    "schema": 1,
                    "worksheet": worksheet_id,
                    "saved_at": entry["saved_at"],
                    "values": entry["values"],
                }
                for worksheet_id, entry in sheets.items()
            },
        )
        for round_id, sheets in found
    ]


def _translated_index() -> dict[str, Any]:
    """The site's index with every title, label and help text changed, as a
    translated page's index would be (ids, kinds and values kept)."""
    index = copy.deepcopy(real_index())

    def change(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "label", "help", "intro", "item_label") and isinstance(
                    value, str
                ):
                    node[key] = f"Ж{value}Ж"
                else:
                    change(value)
        elif isinstance(node, list):
            for item in node:
                change(item)

    for item in index["worksheets"]:
        change(item["spec"])
        item["page_title"] = f"Ж{item['page_title']}"
    return index


def _events(index: dict[str, Any], saved: dict, round_id: str, language: str) -> list[Any]:
    request = {
        "action": "calendar",
        "index": index,
        "saved": saved,
        "round": round_id,
        "today": "2026-11-30",
        "language": language,
    }
    response = json.loads(api.handle(json.dumps(request)))
    assert response["ok"], response
    return list(icalendar.Calendar.from_ical(response["ics"]).walk("VEVENT"))


@pytest.mark.parametrize("fixture", ["v1", "v1-2eac259", "v2-d7f4e11"])
def test_an_events_uid_is_the_same_in_every_language(fixture: str) -> None:
    export = json.loads((FIXTURES / fixture / "export.json").read_text(encoding="utf-8"))
    checked = 0
    for round_id, saved in _rounds(export):
        english = _events(real_index(), saved, round_id, "en")
        pseudo = _events(real_index(), saved, round_id, PAGE_LANGUAGE)
        translated = _events(_translated_index(), saved, round_id, PAGE_LANGUAGE)
        uids = sorted(str(event["UID"]) for event in english)
        assert len(set(uids)) == len(uids)
        assert sorted(str(event["UID"]) for event in pseudo) == uids
        assert sorted(str(event["UID"]) for event in translated) == uids
        by_uid = {str(event["UID"]): event for event in pseudo}
        for event in english:
            other = by_uid[str(event["UID"])]
            assert other.decoded("DTSTART") == event.decoded("DTSTART")
            assert str(other["SUMMARY"]) != str(event["SUMMARY"])
            assert "[!! " in str(other["SUMMARY"])
        checked += len(uids)
    assert checked >= 3
