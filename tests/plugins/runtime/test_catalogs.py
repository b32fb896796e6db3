"""The Python catalogues (rebound_mkdocs.runtime.catalogs): compiled with
Babel into the wheel, complete, and the pseudo-locale made from the template."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest

from rebound_mkdocs.runtime import catalogs
from tests.helpers.build import ROOT

LOCALE = ROOT / "browser_py" / "locale"
TEMPLATE = LOCALE / "messages.pot"

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)
POT = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "Saved."\nmsgstr ""\n\n'
    'msgctxt "month"\nmsgid "May"\nmsgstr ""\n\n'
    'msgid "{count} day"\nmsgid_plural "{count} days"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
    'msgid "On {date}."\nmsgstr ""\n'
)
COMPLETE = (
    'msgid "Saved."\nmsgstr "已保存。"\n\n'
    'msgctxt "month"\nmsgid "May"\nmsgstr "五月"\n\n'
    'msgid "{count} day"\nmsgid_plural "{count} days"\nmsgstr[0] "{count}天"\n\n'
    'msgid "On {date}."\nmsgstr "{date}。"\n'
)


def _locale(tmp_path: Path, body: str) -> Path:
    (tmp_path / "messages.pot").write_text(POT, encoding="utf-8")
    po = tmp_path / "zh_Hans" / "LC_MESSAGES" / "rebound.po"
    po.parent.mkdir(parents=True)
    po.write_text(HEADER + body, encoding="utf-8")
    return po


def test_a_complete_catalogue_has_no_problems_and_compiles(tmp_path: Path) -> None:
    po = _locale(tmp_path, COMPLETE)
    assert catalogs.problems(po, tmp_path / "messages.pot") == []
    [(name, data)] = catalogs.compiled(tmp_path)
    # The wheel names the folder's parent as the package (browser_py/locale/...).
    assert name == f"{tmp_path.parent.name}/locale/zh_Hans/LC_MESSAGES/rebound.mo"
    translations = gettext.GNUTranslations(io.BytesIO(data))
    assert translations.gettext("Saved.") == "已保存。"
    assert translations.pgettext("month", "May") == "五月"
    assert translations.ngettext("{count} day", "{count} days", 5) == "{count}天"
    assert catalogs.compiled(tmp_path) == catalogs.compiled(tmp_path)  # reproducible


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (COMPLETE.replace('msgid "Saved."\nmsgstr "已保存。"\n\n', ""), "'Saved.' is missing"),
        (COMPLETE.replace('msgstr "已保存。"', 'msgstr ""'), "'Saved.' is not translated"),
        (
            COMPLETE.replace('msgid "Saved."', '#, fuzzy\nmsgid "Saved."'),
            "'Saved.' is fuzzy",
        ),
        (COMPLETE.replace('msgstr "五月"', 'msgstr ""'), "(context 'month') is not translated"),
        (
            COMPLETE.replace('msgstr "{date}。"', 'msgstr "{day}。"'),
            "placeholders it lacks: day",
        ),
        (COMPLETE.replace('msgstr "{date}。"', 'msgstr "{date。"'), "placeholders it lacks: {"),
    ],
)
def test_a_missing_fuzzy_or_broken_entry_is_a_problem(
    tmp_path: Path, body: str, problem: str
) -> None:
    po = _locale(tmp_path, body)
    found = catalogs.problems(po, tmp_path / "messages.pot")
    assert len(found) == 1 and problem in found[0], found


def test_a_fuzzy_entry_is_not_compiled(tmp_path: Path) -> None:
    _locale(tmp_path, COMPLETE.replace('msgid "Saved."', '#, fuzzy\nmsgid "Saved."'))
    [(_name, data)] = catalogs.compiled(tmp_path)
    assert gettext.GNUTranslations(io.BytesIO(data)).gettext("Saved.") == "Saved."


def test_an_unreadable_catalogue_says_which_file(tmp_path: Path) -> None:
    po = _locale(tmp_path, 'msgid "Saved."\n已保存。\n')
    with pytest.raises(catalogs.CatalogError, match=re.escape(str(po))):
        catalogs.compiled(tmp_path)


def test_every_catalogue_of_the_site_is_complete() -> None:
    """Every message of ``messages.pot`` translated, none fuzzy, in every
    language (``make messages`` merges new messages in; a translator then
    fills them in)."""
    assert "zh_Hans" in catalogs.languages(LOCALE)
    found = [
        problem
        for language in catalogs.languages(LOCALE)
        for problem in catalogs.problems(LOCALE / language / "LC_MESSAGES" / "rebound.po", TEMPLATE)
    ]
    assert found == [], "\n".join(found[:40])


def test_the_pseudo_locale_wraps_and_accents_every_message() -> None:
    assert catalogs.pseudo("Saved.") == "[!! Šàṽéđ. !!]"
    assert catalogs.pseudo("On {date}, {count} left") == "[!! Óñ {date}, {count} ĺéƒŧ !!]"
    assert catalogs.pseudo("") == ""
    catalog = catalogs.pseudo_catalog(TEMPLATE)
    messages = [message for message in catalog if message.id]
    assert len(messages) > 200
    for message in messages:
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            assert form.startswith("[!! ") and form.endswith(" !!]"), form
            outside = re.sub(r"\{[^{}]*\}", "", form)
            assert not re.search(r"[A-Za-z]", outside), form
    data = catalogs.mo_bytes(catalog)
    assert data == catalogs.mo_bytes(catalogs.pseudo_catalog(TEMPLATE))  # reproducible
    translations = gettext.GNUTranslations(io.BytesIO(data))
    assert translations.pgettext("month", "May") == "[!! Ṁàý !!]"
    assert (
        translations.ngettext("in {count} day", "in {count} days", 2) == "[!! íñ {count} đàýš !!]"
    )
