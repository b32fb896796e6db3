"""Our scripts and styles ship without comments, and still parse."""

from __future__ import annotations

import subprocess
from pathlib import Path

from rebound_mkdocs.minify import minify, minify_css, minify_js


def test_js_drops_whole_line_comments_and_indentation_only() -> None:
    source = (
        '// header\nconst url = "http://x"; // trailing stays\n\n  if (a) {\n    // note\n  }\n'
    )
    assert minify_js(source) == 'const url = "http://x"; // trailing stays\nif (a) {\n}\n'


def test_css_drops_comments() -> None:
    assert minify_css("/* a\n b */\n.x {\n  color: red; /* c */\n}\n") == ".x {\ncolor: red;\n}\n"
    assert minify("x.txt", "  /* keep */ ") == "  /* keep */ "


def test_every_shipped_script_still_parses(built_site: Path) -> None:
    scripts = [*sorted((built_site / "assets" / "rebound").glob("*.*js")), built_site / "sw.js"]
    assert len(scripts) >= 7
    for script in scripts:
        text = script.read_text()
        assert "\n//" not in text, f"{script.name} still has comment lines"
        result = subprocess.run(
            ["node", "--input-type=module", "--check"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{script.name}: {result.stderr}"
