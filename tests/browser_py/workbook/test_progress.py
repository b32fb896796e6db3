"""Progress across rounds (browser_py.workbook.progress and the ``progress`` action):
the settling rule, reflection ratings by round, recurring feedback themes, the
tracker's funnel with stage dates (and without, for rows saved before them),
and the response's blocks: accessible charts each with a data table."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from browser_py.api import handle
from browser_py.core.manifest import steps_from_index
from browser_py.workbook.progress import (
    build_progress,
    funnel,
    reached_stage,
    read_rounds,
    settled_at,
    settling,
)
from tests.helpers.responses import SVG_NS, check_block, check_svg
from tests.helpers.specs import real_index, real_specs

TODAY = date(2026, 12, 20)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "v1"


def entry(values: dict[str, Any]) -> dict[str, Any]:
    return {"saved_at": "2026-11-20T18:00:00.000Z", "values": values}


def a_round(round_id: str, label: str, day: str = "", **worksheets: dict) -> dict[str, Any]:
    return {
        "id": round_id,
        "label": label,
        "company": "",
        "role": "",
        "date": day,
        "created": "2026-11-01T09:00:00.000Z",
        "worksheets": {ws.replace("_", "-"): entry(values) for ws, values in worksheets.items()},
    }


def snapshot(*rounds: dict, tracker: dict | None = None) -> dict[str, Any]:
    return {
        "current": rounds[-1]["id"] if rounds else "r0",
        "rounds": list(rounds),
        "worksheets": {"tracker": entry(tracker)} if tracker is not None else {},
    }


def progress(snap: object, today: date = TODAY) -> dict[str, Any]:
    response = json.loads(
        handle(
            json.dumps(
                {
                    "action": "progress",
                    "index": real_index(),
                    "snapshot": snap,
                    "today": today.isoformat(),
                }
            )
        )
    )
    assert response["ok"] is True, response
    for block in response["blocks"]:
        check_block(block)
    return response


def tables(response: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block["caption"]: block for block in response["blocks"] if block["type"] == "table"}


def figures(response: dict[str, Any]) -> list[dict[str, Any]]:
    return [block for block in response["blocks"] if block["type"] == "figure"]


FEELINGS_1 = {
    "intensity": "8",
    "checkins.0.date": "2026-11-25",
    "checkins.0.intensity": "6",
    "checkins.1.date": "2026-11-23",
    "checkins.1.intensity": "7",
    "checkins.2.date": "2026-11-28",
    "checkins.2.intensity": "3",
    "checkins.3.date": "2026-12-01",
    "checkins.3.intensity": "2",
}
FEELINGS_2 = {"intensity": "5", "checkins.0.date": "2026-12-12", "checkins.0.intensity": "4"}


# --------------------------------------------------------------------------
# Feelings
# --------------------------------------------------------------------------


def test_settled_is_the_first_rating_at_or_below_three_tenths_of_the_scale() -> None:
    assert settled_at(0, 10) == 3
    assert settled_at(1, 5) == 2
    feeling = {
        "start": 8,
        "checkins": [
            {"date": "2026-11-23", "value": 7},
            {"date": "2026-11-28", "value": 3},
            {"date": "2026-12-01", "value": 2},
        ],
        "low": 0,
        "high": 10,
    }
    result = settling(feeling, date(2026, 11, 20))
    assert result.settled and result.settled_days == 8  # 28 Nov, not the lower 1 Dec
    assert [value for _label, value in result.points] == [8, 7, 3, 2]
    # Already low at the first rating: settled from the start.
    assert settling({**feeling, "start": 3}, date(2026, 11, 20)).settled_days == 0
    # No start date, or a check-in without a date: settled, days unknown.
    assert settling(feeling, None).settled_days is None
    undated = {**feeling, "checkins": [{"date": "", "value": 1}]}
    assert settling(undated, date(2026, 11, 20)).settled
    assert settling(undated, date(2026, 11, 20)).settled_days is None
    never = settling({**feeling, "checkins": [{"date": "2026-11-23", "value": 4}]}, None)
    assert not never.settled and never.settled_days is None


def test_feeling_table_orders_check_ins_by_date_and_counts_days_from_the_round_date() -> None:
    snap = snapshot(
        a_round("r0", "Acme", "2026-11-20", feelings=FEELINGS_1),
        a_round("r1", "Globex", "2026-12-10", feelings=FEELINGS_2),
    )
    response = progress(snap)
    table = tables(response)["The feeling in each round"]
    assert table["head"] == ["Round", "Ratings, first to last", "Settled"]
    assert table["rows"] == [
        ["Acme", "8, 7, 6, 3, 2", "after 8 days"],
        ["Globex", "5, 4", "not yet (10 days so far)"],
    ]
    text = " ".join(block.get("text", "") for block in response["blocks"])
    assert "settled at the first rating of 3 or lower" in text
    line_charts = [check_svg(block["svg"]) for block in figures(response)[:2]]
    titles = [root.find(f"{SVG_NS}title").text for root in line_charts]
    assert titles == ["Feeling in Acme", "Feeling in Globex"]
    assert "First: 8; 23 Nov: 7; 25 Nov: 6; 28 Nov: 3; 1 Dec: 2" in (
        line_charts[0].find(f"{SVG_NS}desc").text
    )


def test_days_until_settled_are_charted_once_two_rounds_have_them() -> None:
    snap = snapshot(
        a_round("r0", "Acme", "2026-11-20", feelings=FEELINGS_1),
        a_round(
            "r1",
            "Globex",
            "2026-12-10",
            feelings={
                "intensity": "6",
                "checkins.0.date": "2026-12-13",
                "checkins.0.intensity": "1",
            },
        ),
    )
    captions = [block["caption"] for block in figures(progress(snap))]
    assert "Days until the feeling settled, in each round." in captions
    chart = next(b for b in figures(progress(snap)) if b["caption"].startswith("Days until"))
    assert "Acme: 8; Globex: 3" in check_svg(chart["svg"]).find(f"{SVG_NS}desc").text


# --------------------------------------------------------------------------
# Reflection ratings and feedback themes
# --------------------------------------------------------------------------

REFLECTION_1 = {
    "research": "2",
    "role_fit": "3",
    "stories": "2",
    "technical": "4",
    "questions": "3",
    "composure": "2",
    "feedback_areas": ["stories"],
    "feedback_notes": "They wanted more concrete examples. I seemed nervous at the start.",
}
REFLECTION_2 = {
    "research": "4",
    "role_fit": "3",
    "stories": "3",
    "technical": "4",
    "questions": "4",
    "composure": "2",
    "feedback_notes": "Good STAR method answers, but a specific example of leading was missing.",
}


def test_ratings_table_has_a_row_per_round_and_a_column_per_area() -> None:
    snap = snapshot(
        a_round("r0", "Acme", reflection=REFLECTION_1),
        a_round("r1", "No reflection", feelings=FEELINGS_2),
        a_round("r2", "Globex", reflection=REFLECTION_2),
    )
    response = progress(snap)
    table = tables(response)["Ratings in each round, out of 5"]
    assert table["head"][0] == "Round"
    assert table["head"][1:] == [
        spec.label for spec in real_specs()["reflection"].fields if spec.kind == "scale"
    ]
    assert table["rows"] == [
        ["Acme", "2", "3", "2", "4", "3", "2"],
        ["Globex", "4", "3", "3", "4", "4", "2"],
    ]
    bars = next(b for b in figures(response) if b["caption"].startswith("Ratings in your latest"))
    desc = check_svg(bars["svg"]).find(f"{SVG_NS}desc").text
    assert "Knowing the company: 4 (+2)" in desc and "Nerves and composure: 2;" not in desc


def test_recurring_themes_count_notes_and_ticked_areas_across_rounds() -> None:
    snap = snapshot(
        a_round("r0", "Acme", reflection=REFLECTION_1),
        a_round("r2", "Globex", reflection=REFLECTION_2),
    )
    response = progress(snap)
    table = tables(response)["Feedback themes"]
    assert table["head"] == ["Theme", "Mentions", "Rounds"]
    # "Examples and stories": the first note, its ticked area and the second note.
    assert table["rows"][0] == ["Examples and stories", "3", "2"]
    assert ["Nerves and composure", "1", "1"] in table["rows"]
    # The top themes that are interview areas become the suggested focus.
    assert response["focus"] == ["stories", "composure"]
    notices = [b["text"] for b in response["blocks"] if b["type"] == "notice"]
    assert any("suggested focus for your learning plan: Examples and stories" in n for n in notices)


# --------------------------------------------------------------------------
# The funnel
# --------------------------------------------------------------------------

STAGES = [
    {"id": value, "label": label}
    for value, label in [
        ("applied", "Applied"),
        ("screening", "Replied"),
        ("interview", "Interview"),
        ("final", "Final round"),
        ("offer", "Offer"),
    ]
]


def row(current: int | None, dates: list[str], closed: str = "", source: str = "") -> dict:
    return {
        "current": current,
        "closed": closed,
        "closed_label": {"rejected": "Turned down", "withdrawn": "Withdrawn"}.get(closed, ""),
        "dates": dates + [""] * (5 - len(dates)),
        "closed_on": "",
        "source": source,
    }


def test_reached_stage_takes_the_further_of_the_current_stage_and_the_dates() -> None:
    assert reached_stage(row(2, [])) == 2
    assert reached_stage(row(1, ["2026-11-01", "", "", "2026-11-20"])) == 3
    assert reached_stage(row(None, ["2026-11-01", "2026-11-05"], "rejected")) == 1
    assert reached_stage(row(None, [], "withdrawn")) == 0


def test_funnel_counts_rates_drop_outs_and_sources() -> None:
    result = funnel(
        {
            "stages": STAGES,
            "rows": [
                row(0, ["2026-11-01"], source="Job board"),
                row(1, ["2026-11-01", "2026-11-04"], source="Job board"),
                row(4, ["2026-11-01", "2026-11-03", "2026-11-08", "2026-11-15", "2026-11-20"]),
                row(None, ["2026-11-01", "2026-11-03", "2026-11-09"], "rejected", "Referral"),
                row(None, ["2026-11-02"], "withdrawn", "Referral"),
                row(3, [], source="Referral"),  # saved before the stage dates: all unknown
                {"current": None, "closed": "", "dates": [], "source": ""},  # unknown stage
            ],
        }
    )
    assert result.stages == ["Applied", "Replied", "Interview", "Final round", "Offer"]
    assert result.reached == [6, 4, 3, 2, 1]
    assert result.rates() == ["", "67%", "75%", "67%", "50%"]
    assert result.unknown == [1, 1, 1, 1, 0]
    assert result.dropped == {"Turned down": [0, 0, 1, 0, 0], "Withdrawn": [1, 0, 0, 0, 0]}
    assert result.by_source == {
        "Job board": [2, 1, 0, 0, 0],
        "Not given": [1, 1, 1, 1, 1],
        "Referral": [3, 2, 2, 1, 0],
    }


def test_funnel_blocks_from_the_tracker_say_which_dates_are_unknown() -> None:
    tracker = {
        "applications.0.company": "Acme",
        "applications.0.stage": "final",
        "applications.0.applied": "2026-11-01",
        "applications.0.final_on": "2026-11-20",
        "applications.0.source": "referral",
        "applications.1.company": "Globex",
        "applications.1.stage": "rejected",
        "applications.1.applied": "2026-11-02",
        "applications.1.replied_on": "2026-11-06",
        "applications.1.closed_on": "2026-11-10",
        "applications.1.source": "job-board",
    }
    response = progress(snapshot(a_round("r0", "Acme"), tracker=tracker))
    table = tables(response)["Applications at each stage"]
    assert table["rows"] == [
        ["Applied", "2", "", "0"],
        ["Replied", "2", "100%", "1"],
        ["Interview", "1", "50%", "1"],
        ["Final round", "1", "100%", "0"],
        ["Offer", "0", "0%", "0"],
    ]
    stopped = tables(response)["Where applications stopped"]
    assert stopped["head"] == ["Last stage reached", "Turned down this time"]
    assert stopped["rows"][1] == ["Replied", "1"]
    by_source = tables(response)["Applications at each stage, by where you found them"]
    assert by_source["rows"] == [
        ["Someone I know referred me", "1", "1", "1", "1", "0"],
        ["A job board", "1", "1", "0", "0", "0"],
    ]
    notices = [b["text"] for b in response["blocks"] if b["type"] == "notice"]
    assert any(n.startswith("2 stage dates are unknown") for n in notices)
    funnel_chart = next(b for b in figures(response) if b["caption"].startswith("How many"))
    assert "Applied: 2; Replied: 2; Interview: 1; Final round: 1; Offer: 0" in (
        check_svg(funnel_chart["svg"]).find(f"{SVG_NS}desc").text
    )


def test_the_first_release_data_reads_as_round_r0() -> None:
    """tests/fixtures/v1 as the rounds adapter presents it: one round, the tracker on top."""
    raw = json.loads((FIXTURES / "localstorage.json").read_text(encoding="utf-8"))
    stored = {
        key.removeprefix("rebound:v1:"): json.loads(text)
        for key, text in raw.items()
        if key.startswith("rebound:v1:")
    }
    per_round = {ws: e for ws, e in stored.items() if ws != "tracker"}
    snap = {
        "current": "r0",
        "rounds": [
            {
                "id": "r0",
                "label": "First round",
                "company": "",
                "role": "",
                "date": "",
                "created": "2026-11-30T14:21:30.000Z",
                "worksheets": per_round,
            }
        ],
        "worksheets": {"tracker": stored["tracker"]},
    }
    response = progress(snap, date(2026, 12, 10))
    assert response["rounds"] == 1
    assert tables(response)["The feeling in each round"]["rows"] == [
        ["First round", "7, 7, 7", "not yet (10 days so far)"]
    ]
    # Both rows predate the stage dates: their stages are inferred, dates unknown.
    assert tables(response)["Applications at each stage"]["rows"][:3] == [
        ["Applied", "2", "", "0"],
        ["Replied", "2", "100%", "2"],
        ["Interview", "1", "50%", "1"],
    ]


# --------------------------------------------------------------------------
# Shape, errors, hostile text
# --------------------------------------------------------------------------


def test_nothing_saved_gives_sentences_not_charts() -> None:
    response = progress(snapshot())
    assert response["rounds"] == 0 and response["focus"] == []
    assert not figures(response) and not tables(response)
    assert [b["type"] for b in response["blocks"]] == ["paragraph"] * 5


@pytest.mark.parametrize(
    ("snap", "message"),
    [
        ("rounds", "'snapshot' must be the saved rounds"),
        ({"rounds": {"r0": {}}}, "'rounds' must be a list"),
        ({"rounds": [{}] * 501}, "more than 500 rounds"),
    ],
)
def test_a_bad_snapshot_gets_a_sentence(snap: object, message: str) -> None:
    response = json.loads(
        handle(json.dumps({"action": "progress", "index": real_index(), "snapshot": snap}))
    )
    assert response["ok"] is False and message in response["error"]


def test_junk_inside_rounds_is_skipped_not_fatal() -> None:
    snap = {
        "rounds": [
            "junk",
            {"id": "r1", "worksheets": {"feelings": "not an entry", "reflection": {"values": 3}}},
            a_round("r2", "", feelings={"intensity": "99", "checkins.0.intensity": "x"}),
        ],
        "worksheets": {"tracker": {"values": {"applications.0.stage": "nonsense"}}},
    }
    response = progress(snap)
    # Round 3 has answers, none of them usable (out of range, not a number).
    assert response["rounds"] == 1
    assert not figures(response) and not tables(response)
    rounds, _search = read_rounds(snap, {ws.id: ws for ws in real_specs().values()})
    assert [item.label for item in rounds] == ["Round 2", "Round 3"]


def test_hostile_text_stays_text_in_charts_and_tables() -> None:
    evil = '<script>alert(1)</script>"&\x00\ud800 ]]>'
    snap = snapshot(
        a_round("r0", evil, "2026-11-20", feelings=FEELINGS_1, reflection=REFLECTION_1),
        a_round(
            "r1",
            evil + "2",
            "2026-12-10",
            feelings=FEELINGS_2,
            reflection={**REFLECTION_2, "feedback_notes": evil + " examples"},
        ),
        tracker={"applications.0.company": evil, "applications.0.stage": "offer"},
    )
    response = progress(snap)
    text = json.dumps(response)
    assert "\\u0000" not in text and "\\ud800" not in text
    for block in figures(response):
        root = check_svg(block["svg"])  # well-formed XML: every text escaped
        assert [node.tag for node in root.iter() if "script" in node.tag] == []
    table = tables(response)["The feeling in each round"]
    assert table["rows"][0][0] == '<script>alert(1)</script>"& ]]>'


def test_the_action_reads_a_hundred_rounds_in_one_pass() -> None:
    """Cost grows with the rounds, one pass each: 100 rounds of feelings and
    reflections give 100 table rows (no timing is asserted here: see make bench)."""
    rounds = [
        a_round(f"r{n}", f"Round {n}", "2026-11-20", feelings=FEELINGS_1, reflection=REFLECTION_1)
        for n in range(100)
    ]
    response = build_progress(snapshot(*rounds), steps_from_index(real_index()), TODAY)
    assert response["rounds"] == 100
    ratings = next(
        b for b in response["blocks"] if b.get("caption", "").startswith("Ratings in each")
    )
    assert len(ratings["rows"]) == 100
    # Only the latest few rounds are charted; the tables hold them all.
    line_charts = [
        b for b in response["blocks"] if b.get("caption", "").startswith("The feeling at")
    ]
    assert len(line_charts) == 3
