"""The six real worksheet specs, read from the content, for the data tests.

The specs come from the Markdown pages themselves (not a copy), so a test of
the saved-data schema fails when a page's worksheet changes in a way the
schema does not cover.
"""

from __future__ import annotations

import functools
import re

import yaml

from browser_py.core.spec import Worksheet, parse_worksheet
from tests.helpers.build import ROOT

CONTENT = ROOT / "content"

#: Pages in the order of the six steps.
STEP_PAGES = (
    "feel-it",
    "ask-for-feedback",
    "reflect",
    "build-resilience",
    "keep-learning",
    "keep-going",
)

_FENCE = re.compile(r"^```worksheet\n(.*?)^```$", re.S | re.M)


@functools.cache
def real_specs() -> dict[str, Worksheet]:
    """``{id: Worksheet}`` for the six steps, in step order."""
    out: dict[str, Worksheet] = {}
    for page in STEP_PAGES:
        text = (CONTENT / f"{page}.md").read_text(encoding="utf-8")
        match = _FENCE.search(text)
        assert match, f"no worksheet on {page}.md"
        worksheet = parse_worksheet(yaml.safe_load(match.group(1)))
        out[worksheet.id] = worksheet
    return out


@functools.cache
def real_index() -> dict:
    """A worksheets.json manifest like the build writes (schema 2), for the six steps."""
    return {
        "schema": 2,
        "worksheets": [
            {
                "step": number,
                "page": f"{page}/",
                "page_title": f"{number}. {title}",
                "spec": worksheet.to_dict(),
            }
            for number, (page, title, worksheet) in enumerate(
                zip(
                    STEP_PAGES,
                    (
                        "Feel it",
                        "Ask for feedback",
                        "Reflect",
                        "Build resilience",
                        "Keep learning",
                        "Keep going",
                    ),
                    real_specs().values(),
                    strict=True,
                ),
                start=1,
            )
        ],
    }


def envelope(worksheet: str, values: dict, saved_at: str = "2026-11-20T18:00:00.000Z") -> dict:
    return {"schema": 1, "worksheet": worksheet, "saved_at": saved_at, "values": values}
