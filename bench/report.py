"""The benchmark's Markdown table and its place in the README."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

#: key -> (what it measures, target text, check on the figure's median).
TARGETS: dict[str, tuple[str, str, Any]] = {
    "boot_ratio": (
        "boot trigger to first Python result ÷ bare loadPyodide + runPython",
        "≤ 1.10",
        lambda v: v <= 1.10,
    ),
    "interaction_p95_ms": (
        "input event to updated result on screen, p95 (ms)",
        "≤ 50",
        lambda v: v <= 50,
    ),
    "long_tasks_during_boot": (
        "main-thread long tasks (> 50 ms) during boot",
        "0",
        lambda v: v == 0,
    ),
    "article_extra_gzip_bytes": (
        "strategy page bytes (gzip) over a plain Material build",
        "≤ 15360",
        lambda v: v <= 15 * 1024,
    ),
    "article_first_party_gzip_bytes": (
        "strategy page bytes (gzip), before any interaction",
        "baseline + 15 KiB",
        None,
    ),
    "zh_article_extra_gzip_bytes": (
        "Chinese strategy page (zh/reflect/) bytes (gzip) over a plain Material build",
        "≤ 15360",
        lambda v: v <= 15 * 1024,
    ),
    "article_pyodide_bytes": (
        "Pyodide bytes on pages with no worksheet in view",
        "0",
        lambda v: v == 0,
    ),
    "repeat_visit_network_bytes": (
        "Pyodide bytes over the network on a repeat visit",
        "0",
        lambda v: v == 0,
    ),
    "warm_boot_ratio": (
        "repeat-visit boot ÷ cold bare boot",
        "≤ 0.8 (stretch ≤ 0.5)",
        lambda v: v <= 0.8,
    ),
    "cold_bytes_ratio": (
        "phone, first visit: bytes from first keystroke to first result ÷ bare boot's bytes",
        "≤ 0.70",
        lambda v: v <= 0.70,
    ),
    "phone_first_result_ratio": (
        "phone profile (9 Mbit/s, +85 ms, CPU ÷4): first result ÷ bare boot",
        "≤ 0.80",
        lambda v: v <= 0.80,
    ),
    "failure_report_ms": (
        "phone profile: failing wasm response (503) to the message on screen (ms)",
        "≤ 2000",
        lambda v: v <= 2000,
    ),
    "build_ratio": (
        "mkdocs build (both languages) ÷ the same site with our plugins disabled",
        "≤ 1.15",
        lambda v: v <= 1.15,
    ),
    "pdf_seconds": ("building the workbook PDF (cold, no cache), s", "≤ 3", lambda v: v <= 3),
    "zh_pdf_seconds": (
        "building the Chinese workbook PDF (cold, no cache, CJK font subset), s",
        "reported",
        None,
    ),
    "rounds_100_progress_p95_ms": (
        "progress, 100 rounds, page to worker to page: p95 of 40 calls, the first cold (ms)",
        "≤ 150",
        lambda v: v <= 150,
    ),
    "rounds_100_export_ms": (
        "JSON export of 100 rounds in the worker, one v2 export_json (ms)",
        "≤ 300",
        lambda v: v <= 300,
    ),
    "rounds_100_saved_bytes": (
        "saved data for 100 fully answered rounds (UTF-8 bytes)",
        "≤ 2097152",
        lambda v: v <= 2 * 1024 * 1024,
    ),
    "rounds_growth_10_to_100": (
        "progress time at 100 rounds ÷ at 10",
        "≤ 12",
        lambda v: v <= 12,
    ),
}


def _figure(value: Any) -> tuple[str, float | None]:
    if isinstance(value, dict):
        return (f"{value['min']} / {value['median']} / {value['max']}", value["median"])
    if isinstance(value, (int, float)):
        return str(value), float(value)
    return "missing", None


def markdown_table(results: dict[str, Any]) -> str:
    lines = [
        f"Measured {results.get('generated_at', '?')} on {results.get('machine', {})}, "
        f"{results.get('runs', '?')} runs per figure.",
        "",
        "| key | what | min / median / max | target | met |",
        "|---|---|---|---|---|",
    ]
    baseline = results.get("article_baseline_gzip_bytes")
    for key, (what, target, check) in TARGETS.items():
        shown, median = _figure(results.get(key))
        if key == "article_first_party_gzip_bytes" and isinstance(baseline, dict):
            target = f"baseline {baseline['median']} + 15360"
            met = "yes" if median is not None and median <= baseline["median"] + 15360 else "no"
        elif check is None or median is None:
            met = "n/a"
        else:
            met = "yes" if check(median) else "no"
        lines.append(f"| `{key}` | {what} | {shown} | {target} | {met} |")
    return "\n".join(lines) + "\n"


def update_readme(readme: Path, table: str) -> None:
    """Replace the table between the bench markers (left alone if absent)."""
    if not readme.exists():
        return
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- bench:start -->\n).*?(<!-- bench:end -->)", re.S)
    if pattern.search(text):
        readme.write_text(
            pattern.sub(lambda m: m.group(1) + table + m.group(2), text), encoding="utf-8"
        )
