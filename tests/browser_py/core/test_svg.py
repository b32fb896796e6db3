"""Accessible inline SVG (browser_py.core.svg and browser_py.core.charts)."""

from __future__ import annotations

from browser_py.core import charts
from browser_py.core.svg import Chart, escape, safe_id
from tests.helpers.responses import SVG_NS, check_svg


def test_every_text_is_escaped() -> None:
    chart = Chart("tracker-x", 'T <script>alert("1")</script> & co', "D \x00 \ud800 'q'", 100, 50)
    chart.text(1, 2, "<b>bold</b> & \x07bell")
    svg = chart.render()
    root = check_svg(svg)
    assert "<script" not in svg and "<b>" not in svg
    assert root.find(f"{SVG_NS}title").text == 'T <script>alert("1")</script> & co'
    assert root.find(f"{SVG_NS}desc").text == "D   'q'"
    assert root.find(f"{SVG_NS}text").text == "<b>bold</b> & bell"


def test_escape_handles_quotes_for_attributes() -> None:
    assert escape("a\"b'c<d>&") == "a&quot;b&#39;c&lt;d&gt;&amp;"


def test_ids_are_prefixed_and_safe() -> None:
    assert safe_id("learning-plan", "Weeks <1>") == "rb-learning-plan-weeks-1"
    svg = Chart("feelings-intensity", "t", "d", 10, 10).render()
    root = check_svg(svg)
    assert root.get("aria-labelledby") == ("rb-feelings-intensity-title rb-feelings-intensity-desc")


def test_line_chart_draws_one_dot_per_point() -> None:
    svg = charts.line_chart(
        "k", "Title", "Desc", [("First", 7), ("20 Nov", 5), ("23 Nov", 3)], 0, 10
    )
    root = check_svg(svg)
    assert len(root.findall(f"{SVG_NS}circle")) == 3
    labels = [node.text for node in root.findall(f"{SVG_NS}text")]
    assert "First" in labels and "23 Nov" in labels


def test_bar_rows_scale_bars_to_the_value() -> None:
    svg = charts.bar_rows("k", "T", "D", [("A", 5, "5/5"), ("B", 2, "2/5"), ("C", None, "-")], 5)
    root = check_svg(svg)
    bars = [node for node in root.findall(f"{SVG_NS}rect") if node.get("class") == "rb-chart__bar"]
    widths = [float(node.get("width")) for node in bars]
    assert len(widths) == 2 and abs(widths[1] / widths[0] - 0.4) < 0.01


def test_column_chart_marks_the_target() -> None:
    svg = charts.column_chart(
        "k",
        "T",
        "D",
        [("This week", 2), ("Average", 3.5)],
        target=5,
        target_label="Target: 5 a week",
    )
    root = check_svg(svg)
    targets = [
        node for node in root.findall(f"{SVG_NS}line") if node.get("class") == "rb-chart__target"
    ]
    assert targets and targets[0].get("stroke-dasharray")
    assert "Target: 5 a week" in [node.text for node in root.findall(f"{SVG_NS}text")]
