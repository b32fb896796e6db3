"""Each language's Python catalogue ships as a runtime file of its own, not
inside the wheel every reader downloads (runtime/catalogs.py ``prepare``,
runtime_files.py ``catalogs``, the offline plugin's ``catalogs``)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from browser_py.core import i18n
from rebound_mkdocs.runtime import catalogs, runtime_files
from rebound_mkdocs.utilities import layout
from tests.helpers.build import ROOT

LOCALE = ROOT / "browser_py" / "locale"


def _sw_settings(site: Path) -> dict:
    first_line = (site / layout.SERVICE_WORKER).read_text().splitlines()[0]
    return json.loads(first_line.removeprefix("const REBOUND = ").removesuffix(";"))


def test_the_site_ships_each_catalogue_beside_a_wheel_without_one(built_site: Path) -> None:
    folder = built_site / layout.PYODIDE_DIR
    record = runtime_files.read(built_site)
    (wheel,) = (name for name in record["boot"] if name.endswith(".whl"))
    with zipfile.ZipFile(folder / wheel) as archive:
        assert not [name for name in archive.namelist() if name.endswith((".mo", ".po"))]

    compiled = dict(catalogs.compiled(LOCALE))
    languages = catalogs.languages(LOCALE)
    assert languages and set(record["catalogs"]) == set(languages)
    for language in languages:
        entry = record["catalogs"][language]
        path = f"browser_py/locale/{language}/LC_MESSAGES/{i18n.DOMAIN}.mo"
        assert entry["path"] == path
        data = (folder / entry["file"]).read_bytes()
        # The name carries the content's hash: a redeploy never meets a stale copy.
        digest = hashlib.sha256(data).hexdigest()
        assert entry["file"] == layout.catalog_file(language, digest)
        assert layout.CATALOG_FILE.match(entry["file"])["code"] == language
        assert record["files"][entry["file"]] == {"size": len(data), "sha256": digest}
        assert entry["file"] not in record["boot"]
        with zipfile.ZipFile(folder / entry["file"]) as archive:
            assert archive.namelist() == [path]
            assert archive.read(path) == compiled[path]
            assert archive.getinfo(path).compress_type == zipfile.ZIP_DEFLATED

    # The service worker checks it like every runtime file, and keeps it
    # with the runtime (a Chinese page then works offline after an English
    # visit, test_languages.py), though it is not downloaded at boot.
    settings = _sw_settings(built_site)
    for language in languages:
        site_path = f"{layout.PYODIDE_DIR}/{record['catalogs'][language]['file']}"
        assert site_path in settings["runtime"]
        assert (
            settings["expected"][site_path]["sha256"]
            == hashlib.sha256((built_site / site_path).read_bytes()).hexdigest()
        )


def test_the_worker_bundle_carries_the_catalogue_list(built_site: Path) -> None:
    record = runtime_files.read(built_site)
    bundle = (built_site / layout.WORKER_SCRIPT).read_text()
    for entry in record["catalogs"].values():
        assert entry["file"] in bundle


def test_prepare_is_reproducible_and_keeps_a_file_it_already_made(tmp_path: Path) -> None:
    one = catalogs.prepare(LOCALE, tmp_path / "one", with_pseudo=True)
    two = catalogs.prepare(LOCALE, tmp_path / "two", with_pseudo=True)
    assert [item.file.read_bytes() for item in one] == [item.file.read_bytes() for item in two]
    assert i18n.PSEUDO in [item.language for item in one]
    assert i18n.PSEUDO not in [item.language for item in catalogs.prepare(LOCALE, tmp_path / "x")]
    # Again into the same cache: the same file, untouched (the digest cache
    # and the site's hard link know it by its inode and time).
    before = {item.file: (item.file.stat().st_ino, item.file.stat().st_mtime_ns) for item in one}
    again = catalogs.prepare(LOCALE, tmp_path / "one", with_pseudo=True)
    assert {
        item.file: (item.file.stat().st_ino, item.file.stat().st_mtime_ns) for item in again
    } == before


def test_a_changed_catalogue_gets_a_new_name_and_the_old_one_goes(tmp_path: Path) -> None:
    locale = tmp_path / "pkg" / "locale"
    (locale / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True)
    po = locale / "zh_Hans" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Saved."\nmsgstr "已保存。"\n', encoding="utf-8")
    cache = tmp_path / "cache"
    (first,) = catalogs.prepare(locale, cache)
    assert first.path == "pkg/locale/zh_Hans/LC_MESSAGES/rebound.mo"
    other = cache / catalogs.CACHE / layout.catalog_file("ja", "0" * 64)
    other.write_bytes(b"another language's")
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Saved."\nmsgstr "保存了。"\n', encoding="utf-8")
    (second,) = catalogs.prepare(locale, cache)
    assert second.file.name != first.file.name
    assert not first.file.exists() and other.exists()


def test_the_record_refuses_a_catalogue_that_is_not_there(tmp_path: Path) -> None:
    (tmp_path / layout.PYODIDE_DIR).mkdir(parents=True)
    (tmp_path / layout.PYODIDE_DIR / "a.whl").write_bytes(b"x")
    with pytest.raises(ValueError, match="rebound-zh_Hans-"):
        runtime_files.write(
            tmp_path,
            boot=["a.whl"],
            catalogs={"zh_Hans": {"file": layout.catalog_file("zh_Hans", "ab" * 32), "path": "p"}},
        )
