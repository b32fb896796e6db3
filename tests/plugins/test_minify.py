"""Our scripts and styles ship minified by esbuild, and still parse as modules."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from rebound_mkdocs.minify import MinifyError, bundle, minify, minify_files
from rebound_mkdocs.utilities import layout


def test_js_is_minified_and_keeps_its_imports_and_exports() -> None:
    source = (
        "// header\n"
        'import { a } from "./a.js";\n'
        "const longName = a + 1; // trailing\n\n"
        "export function twice(value) {\n  // note\n  return value * 2 + longName;\n}\n"
    )
    out = minify("x.js", source)
    assert "//" not in out and "\n\n" not in out and "  " not in out
    assert 'from"./a.js"' in out and "export{" in out and "twice" in out
    assert "longName" not in out and len(out) < len(source) * 0.6


def test_css_is_minified_and_other_files_pass_through() -> None:
    assert minify("x.css", "/* a\n b */\n.x {\n  color: red; /* c */\n}\n") == ".x{color:red}\n"
    assert minify("x.txt", "  /* keep */ ") == "  /* keep */ "


def test_many_files_at_once_keep_their_names() -> None:
    sources = {"a.js": "export const a = 1;\n", "b.mjs": "export const b = 2;\n", "c.css": "a{}"}
    out = minify_files(sources)
    assert set(out) == set(sources)
    assert out["a.js"] != out["b.mjs"]


def test_every_shipped_script_still_parses(built_site: Path) -> None:
    scripts = [
        *sorted((built_site / layout.ASSETS).rglob("*.*js")),
        built_site / layout.SERVICE_WORKER,
    ]
    assert {script.parent.name for script in scripts} >= {"page", "worker"}
    assert len(scripts) >= 12
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


def test_a_bundle_inlines_relative_imports_and_keeps_computed_ones(tmp_path: Path) -> None:
    sources = {
        "lib/value.js": "export const base = 41;\n",
        "app/extra.mjs": 'export const label = "from-extra";\n',
        "app/entry.mjs": (
            'import { base } from "../lib/value.js";\n'
            'const far = () => import(new URL("far.mjs", import.meta.url).href);\n'
            "export const answer = base + 1;\n"
            'export const extra = () => import("./extra.mjs").then((m) => m.label);\n'
            "export { far };\n"
        ),
    }
    out = bundle(sources, "app/entry.mjs")
    assert "from-extra" in out
    assert not re.search(r"""(from|import)\s*\(?\s*["']\.""", out), out
    assert 'new URL("far.mjs",import.meta.url)' in out
    (tmp_path / "bundle.mjs").write_text(out)
    run = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            f"const m = await import({json.dumps((tmp_path / 'bundle.mjs').as_uri())});"
            "console.log(m.answer, await m.extra());",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["42", "from-extra"]
    assert bundle(sources, "app/entry.mjs") == out  # cached, the same


def test_a_bundle_that_cannot_resolve_an_import_says_so() -> None:
    with pytest.raises(MinifyError, match=r"missing\.js"):
        bundle(
            {"entry.mjs": 'import { x } from "./missing.js";\nexport const y = x;\n'}, "entry.mjs"
        )
