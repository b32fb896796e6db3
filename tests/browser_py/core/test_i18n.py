"""Reader-facing text ready for translation (browser_py.core.i18n, messages.pot).

- ``messages.pot`` is what ``make messages`` makes from the current sources;
- every message has named placeholders only, and ``.format`` fills them;
- the pseudo-locale (every message of the template accented and wrapped,
  ``[!! Ŝàvéd !!]``, compiled to a ``.mo`` as the build does and activated
  through :func:`browser_py.core.i18n.activate`) reaches every reader-visible
  text Python produces (the six worksheets' results, problems and calendar
  events, saved-data notes, dates, the API's request errors, and the
  workbook's overview, exports, import refusals, calendar and PDF notes), so
  no English sentence escapes ``_()``: what is
  left in ASCII letters must come from the spec (labels, options), the site's
  page titles, the reader's own answers or a technical detail quoted as such.

The English output itself is pinned by the rest of the suite.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from browser_py import api, worksheets
from browser_py.core import dates, i18n, storage, wording
from browser_py.core.answers import normalise
from browser_py.core.spec import Field, Worksheet, iter_controls
from browser_py.core.storage import kept_values
from browser_py.workbook import pdf_fill
from browser_py.workbook.exchange import FORMAT, escape_markdown_line, kept_text
from browser_py.worksheets import resilience
from rebound_mkdocs.runtime import catalogs
from rebound_mkdocs.runtime.catalogs import pseudo
from rebound_mkdocs.runtime.wheel import wheel_files
from tests.helpers.build import ROOT
from tests.helpers.catalogs import extract, messages
from tests.helpers.pseudo import write_pseudo_locale
from tests.helpers.responses import SVG_NS, TODAY
from tests.helpers.specs import real_index, real_specs

POT = ROOT / "browser_py" / "locale" / "messages.pot"

#: Every worksheet of the site: all their modules are converted.
CONVERTED = sorted(real_specs())

_ASCII_LETTER = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def pseudo_locale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A locale folder holding the pseudo-locale compiled from the template,
    as the build writes it into the wheel."""
    folder = tmp_path_factory.mktemp("locale")
    for name, data in catalogs.compiled(POT.parent, with_pseudo=True):
        if f"/{i18n.PSEUDO}/" in name:
            target = folder / name.split("/locale/", 1)[1]
            target.parent.mkdir(parents=True)
            target.write_bytes(data)
    return folder


@pytest.fixture
def pseudo_translated(pseudo_locale: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "LOCALE_DIR", pseudo_locale)
    monkeypatch.setattr(i18n, "_loaded", {})
    previous = i18n.activate("qps-ploc")
    assert i18n.language() == i18n.PSEUDO
    try:
        yield
    finally:
        i18n.use(previous)


# ---------------------------------------------------------------------------
# The template
# ---------------------------------------------------------------------------


def test_messages_pot_is_up_to_date(tmp_path: Path) -> None:
    fresh = extract("PYBABEL_EXTRACT", "browser_py", tmp_path / "messages.pot")
    assert messages(fresh) == messages(POT), "run `make messages` and commit the result"


def test_the_template_has_no_creation_date_and_no_locations() -> None:
    text = POT.read_text(encoding="utf-8")
    assert "POT-Creation-Date" not in text
    assert "\n#: " not in text


def _all_ids() -> list[tuple[str, ...]]:
    with POT.open("rb") as handle:
        catalog = read_po(handle)
    return [
        message.id if isinstance(message.id, tuple) else (message.id,)
        for message in catalog
        if message.id
    ]


def _fields(message: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(message) if name is not None]


def test_every_placeholder_is_named_and_formats() -> None:
    ids = _all_ids()
    assert len(ids) > 200
    for forms in ids:
        for message in forms:
            assert "%s" not in message and "%(" not in message, message
            names = _fields(message)
            for name in names:
                assert name.isidentifier(), f"{message!r}: placeholder {{{name}}}"
            for _, _, spec, conversion in string.Formatter().parse(message):
                assert not spec and not conversion, message
            filled = message.format(**dict.fromkeys(names, "X"))
            assert "{" not in filled and "}" not in filled, message
        if len(forms) == 2:
            singular, plural = forms
            assert set(_fields(singular)) <= set(_fields(plural)), forms


def test_the_wheel_carries_i18n_but_no_catalogue(tmp_path: Path) -> None:
    """The catalogues ship as files of their own (runtime/catalogs.py), each
    to go where :func:`i18n.activate` looks for it."""
    assert POT.parent == i18n.LOCALE_DIR
    names = [name for name, _ in wheel_files(ROOT / "browser_py")]
    assert "browser_py/core/i18n.py" in names
    assert not any(name.endswith((".pot", ".po", ".mo")) for name in names)
    languages = catalogs.languages(POT.parent)
    assert languages
    shipped = catalogs.prepare(POT.parent, tmp_path, with_pseudo=True)
    assert [item.language for item in shipped] == sorted([*languages, i18n.PSEUDO])
    for item in shipped:
        target = i18n.LOCALE_DIR / item.language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
        assert item.path == f"browser_py/{target.relative_to(ROOT / 'browser_py').as_posix()}"


# ---------------------------------------------------------------------------
# The hooks
# ---------------------------------------------------------------------------


def test_an_imported_underscore_follows_a_later_switch(pseudo_translated: None) -> None:
    assert wording.join_words(["a", "b"]) == pseudo("{head} and {last}").format(head="a", last="b")
    assert dates.relative(TODAY, TODAY) == pseudo("today")
    pattern = pseudo("{short_weekday} {day} {short_month}")
    assert dates.short_date(TODAY) == pattern.format(
        short_weekday=pseudo("Tue"), day=17, short_month=pseudo("Nov")
    )


def test_activate_english_or_an_uncatalogued_language_keeps_the_source() -> None:
    previous = i18n.current()
    try:
        for language in (None, "en", "en-GB", "fr", "de-DE", "<b>", "zh Hans", 7, "x" * 80):
            i18n.activate(language)  # type: ignore[arg-type]
            assert i18n.language() == "en"
            assert dates.long_date(date(2026, 11, 20)) == "Friday 20 November 2026"
            assert dates.relative(TODAY + timedelta(days=3), TODAY) == "in 3 days"
        assert i18n.use(None) is not previous
    finally:
        i18n.use(previous)
    assert i18n.current() is previous


def test_language_tags_become_catalogue_codes() -> None:
    assert i18n.code("zh-Hans") == "zh_Hans"
    assert i18n.code("zh_Hans") == "zh_Hans"
    assert i18n.code("ZH-Hans") == "zh_Hans"
    assert i18n.code("zh") == i18n.code("zh-CN") == "zh_Hans"
    assert i18n.code("zh-TW") == "zh_TW"  # not Simplified: no catalogue, English
    assert i18n.code("qps-ploc") == i18n.PSEUDO
    assert i18n.code("en-GB") == "en"
    assert i18n.code("../../etc") == "en"
    assert i18n.code(None) == "en"


def test_activate_reads_a_catalogue_once_and_switches_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = tmp_path / "zh_Hans" / "LC_MESSAGES" / "rebound.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "today"\nmsgstr "今天"\n\n'
        'msgid "in {count} day"\nmsgid_plural "in {count} days"\nmsgstr[0] "{count}天后"\n',
        encoding="utf-8",
    )
    for name, data in catalogs.compiled(tmp_path):
        (tmp_path / name.split("/locale/", 1)[1]).write_bytes(data)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_loaded", {})
    previous = i18n.activate("zh-Hans")
    try:
        assert i18n.language() == "zh_Hans"
        assert dates.relative(TODAY, TODAY) == "今天"
        assert dates.relative(TODAY + timedelta(days=3), TODAY) == "3天后"
        assert dates.long_date(date(2026, 12, 1)) == "2026年12月1日星期二"
        loaded = i18n.current()
        i18n.activate("en")
        assert dates.relative(TODAY, TODAY) == "today"
        assert dates.long_date(date(2026, 12, 1)) == "Tuesday 1 December 2026"
        i18n.activate("zh_Hans")
        assert i18n.current() is loaded  # read once, kept
    finally:
        i18n.use(previous)


# ---------------------------------------------------------------------------
# Pseudo-translation: nothing English escapes
# ---------------------------------------------------------------------------

#: Reader answers in Greek, so they never look like untranslated English.
GREEK = ("Ωμέγα", "Δέλτα λόγος", "Καλή μέρα")


def _spec_strings(worksheet: Worksheet) -> set[str]:
    out = {worksheet.title, worksheet.id}

    def walk(spec: Field) -> None:
        for item in dataclasses.fields(spec):
            value = getattr(spec, item.name)
            if item.name not in ("id", "kind") and isinstance(value, str) and value:
                out.add(value)
        for option in spec.options:
            out.add(option.label)
        for sub in spec.fields:
            walk(sub)

    for spec in worksheet.fields:
        walk(spec)
    return out | {wording.lower_first(text) for text in out} | {text.lower() for text in out}


def _leftover(text: str, allowed: set[str]) -> str:
    for known in sorted(allowed, key=len, reverse=True):
        text = text.replace(known, "")
    return text


def _texts(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, bool]]:
    """Every reader-visible text of ``blocks``, and whether it may be cut short
    (an SVG label shortened with an ellipsis)."""
    for block in blocks:
        for key in ("text", "label", "caption"):
            if key in block:
                yield block[key], False
        yield from ((item, False) for item in block.get("items", []) if isinstance(item, str))
        for item in block.get("items", []):
            if isinstance(item, dict):
                yield item["label"], False
                yield item["value"], False
        if block["type"] == "figure":
            root = ET.fromstring(block["svg"])
            for tag in ("title", "desc"):
                yield root.find(f"{SVG_NS}{tag}").text or "", False
            for node in root.iter(f"{SVG_NS}text"):
                yield node.text or "", True


def assert_translated(texts: Any, allowed: set[str], where: str) -> int:
    count = 0
    for text, may_be_cut in texts:
        count += 1
        left = _leftover(text, allowed)
        if (
            may_be_cut
            and text.endswith("\u2026")
            and any(known.startswith(text[:-1]) for known in allowed)
        ):
            continue
        # A summary line cut at its length limit may end inside an author's
        # label or a reader's answer: that tail must be the start of one.
        tail = _CUT_TAIL.search(left)
        if tail and any(known.startswith(tail.group(1)) for known in allowed):
            left = left[: tail.start()]
        assert not _ASCII_LETTER.search(left), f"{where}: English escaped _() in {text!r}"
    return count


_CUT_TAIL = re.compile(r"([A-Za-z][A-Za-z ,'-]*)\u2026$")


def _random_value(rng: random.Random, spec: Field, today: date) -> object:
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.25:
        return rng.choice(["Ξ", "-5", "999", "2026-13-40", "1e400", "3,5", ["Ξ"]])
    if spec.kind in ("text", "textarea"):
        return rng.choice(GREEK)
    if spec.kind == "scale":
        return str(rng.randint(int(spec.min or 0), int(spec.max or 10)))
    if spec.kind == "choice":
        return rng.choice([option.value for option in spec.options])
    if spec.kind == "multi":
        values = [option.value for option in spec.options]
        return rng.sample(values, rng.randint(0, len(values)))
    if spec.kind == "date":
        return (today + timedelta(days=rng.randint(-40, 40))).isoformat()
    if spec.kind == "number":
        return rng.choice(["0", "1", "2", "3", "2.5", "7"])
    return None


def _random_values(rng: random.Random, worksheet: Worksheet, today: date) -> dict[str, object]:
    values: dict[str, object] = {}
    for spec in worksheet.fields:
        if spec.kind == "list":
            for row in range(rng.randint(0, min(spec.max_rows + 2, 12))):
                for sub in spec.fields:
                    value = _random_value(rng, sub, today)
                    if value is not None:
                        values[f"{spec.id}.{row}.{sub.id}"] = value
        else:
            value = _random_value(rng, spec, today)
            if value is not None:
                values[spec.id] = value
    return values


THOUGHT = "I always freeze, and nobody will ever hire me. Everything is ruined."

#: Hand-written answers for the branches random answers rarely reach.
REALISTIC: dict[str, list[dict[str, object]]] = {
    "feelings": [
        {
            "emotions": ["sad", "relieved"],
            "intensity": "9",
            "need": "Ωμέγα",
            "checkin_date": "2026-11-30",
            "checkins.0.date": "2026-11-18",
            "checkins.0.intensity": "6",
            "checkins.0.note": "Δέλτα",
            "checkins.1.intensity": "",
            "checkins.2.date": "2026-11-19",
            "checkins.2.intensity": "10",
        },
        {"emotions": ["tired"], "intensity": "1", "checkin_date": "2026-11-17"},
        {"checkin_date": "2026-11-10", "checkins.0.intensity": "4"},
    ],
    "feedback": [
        {
            "company": "Ωμέγα",
            "role": "Δέλτα",
            "interviewer": "Καλή",
            "interview_date": "2026-11-10",
            "decision_date": "2026-11-16",
            "learn": ["deciding-factor", "skills", "answers"],
            "tone": tone,
            "your_name": "Ξένια",
            "extra": "Καλή μέρα",
        }
        for tone in ("warm", "brief", "formal")
    ]
    + [
        {"learn": ["skills"], "decision_date": "2026-11-02", "interview_date": "2026-11-05"},
        {"tone": "formal", "learn": ["future"]},
    ],
    "resilience": [
        {
            "thought": THOUGHT,
            "belief_before": "8",
            "evidence_for": "Ωμέγα",
            "balanced": "This time it did not work out, but I never stop.",
            "belief_after": "5",
            "practices": ["gratitude", "exercise"],
        },
        {"thought": "Ωμέγα", "belief_before": "4", "belief_after": "6", "evidence_for": "Δέλτα"},
        {"thought": THOUGHT, "belief_before": "5", "belief_after": "5", "evidence_against": "Ξ"},
    ]
    + [
        # Every all-or-nothing word, six at a time (the most the result lists).
        {"thought": " ".join(item.word for item in resilience.ABSOLUTES[start : start + 6])}
        for start in range(0, len(resilience.ABSOLUTES), 6)
    ],
    "tracker": [
        {
            "weekly_target": "3",
            "since": "2026-10-26",
            "wins": "Ωμέγα",
            "applications.0.company": "Ωμέγα",
            "applications.0.stage": "applied",
            "applications.0.applied": "2026-11-02",
            "applications.1.company": "Δέλτα",
            "applications.1.stage": "interview",
            "applications.1.applied": "2026-11-03",
            "applications.1.last_contact": "2026-11-12",
            "applications.2.role": "Ξ",
            "applications.2.stage": "offer",
            "applications.2.applied": "2026-11-09",
            "applications.3.company": "Ψ",
            "applications.3.applied": "2026-11-16",
            "applications.4.company": "Φ",
            "applications.4.stage": "screening",
            "applications.5.company": "Σ",
            "applications.5.stage": "withdrawn",
        },
        {
            "weekly_target": "1",
            "since": "2026-12-01",
            "applications.0.company": "Ω",
            "applications.0.stage": "withdrawn",
        },
        {
            "weekly_target": "1",
            "applications.0.company": "Ω",
            "applications.0.stage": "screening",
            "applications.0.applied": "2026-11-10",
            "applications.1.company": "Ψ",
            "applications.1.applied": "2026-11-03",
        },
        {
            "weekly_target": "1",
            "since": "2026-11-09",
            "applications.0.company": "Ω",
            "applications.0.applied": "2026-11-10",
            "applications.1.company": "Ψ",
            "applications.1.applied": "2026-11-17",
        },
        {
            "weekly_target": "1",
            "since": "2026-11-10",
            "applications.0.company": "Ω",
            "applications.0.applied": "2026-11-16",
        },
    ],
    "reflection": [
        {
            "research": "5",
            "role_fit": "2",
            "stories": "1",
            "technical": "4",
            "questions": "3",
            "composure": "5",
            "feedback_areas": ["research", "stories"],
            "went_well": "Ωμέγα",
            "do_differently": "Δέλτα",
            "feedback_notes": "Καλή μέρα",
        },
        {"research": "5", "role_fit": "4", "stories": "5"},
        {"feedback_areas": ["composure"]},
        {"role_fit": "3"},
        {},
    ],
    "learning-plan": [
        {
            "focus": ["research", "role_fit", "stories", "technical", "questions", "composure"],
            "hours": "40",
            "start": "2026-11-10",
            "weeks": "3",
            "methods": ["mock", "stories", "research", "course", "reading", "group"],
        },
        {"focus": ["stories"], "hours": "1", "start": "2026-11-17", "weeks": "1"},
        {"hours": "2.5", "start": "9999-12-20", "weeks": "52", "methods": ["group"]},
        {},
    ],
}

#: Saved reflections the learning plan reads as context.
REFLECTIONS: list[dict[str, object]] = [
    {"research": "1", "role_fit": "2", "feedback_areas": ["technical"]},
    {"stories": "2"},
    {},
]


def _others(
    worksheet_id: str, rng: random.Random, today: date
) -> dict[str, tuple[Worksheet, object]]:
    """The context worksheets' saved answers, as the page sends them."""
    specs = real_specs()
    others: dict[str, tuple[Worksheet, object]] = {}
    for other in worksheets.context_ids(worksheet_id):
        pool = REFLECTIONS if other == "reflection" else [{}]
        values = rng.choice([*pool, _random_values(rng, specs[other], today)])
        others[other] = (specs[other], values)
    return others


def _event_texts(outcome: Any) -> Iterator[tuple[str, bool]]:
    """The calendar events' and the plan's sessions' texts."""
    for event in outcome.events:
        yield event["title"], False
        yield event.get("details", ""), False
    for session in outcome.extra.get("sessions", []):
        yield session["title"], False
        yield session["details"], False


def _allowed_for(worksheet: Worksheet, values: dict[str, object]) -> set[str]:
    allowed = _spec_strings(worksheet)
    for value in values.values():
        if isinstance(value, str) and value:
            allowed.add(value)
            allowed.add(" ".join(value.split()))
    # The thought record quotes the all-or-nothing words back, as written.
    for key in ("thought", "balanced"):
        text = values.get(key)
        if isinstance(text, str):
            allowed.update(hint.found for hint in resilience.find_absolutes(text))
    return allowed


@pytest.mark.parametrize("worksheet_id", sorted(CONVERTED))
def test_pseudo_translation_reaches_every_result_text(
    worksheet_id: str, pseudo_translated: None
) -> None:
    worksheet = real_specs()[worksheet_id]
    rng = random.Random(worksheet_id)
    cases = [(values, TODAY) for values in REALISTIC[worksheet_id]]
    for _ in range(150):
        today = TODAY + timedelta(days=rng.randint(-30, 30))
        cases.append((_random_values(rng, worksheet, today), today))
    checked = events = 0
    for values, today in cases:
        answers = normalise(worksheet, values)
        allowed = _allowed_for(worksheet, values)
        outcome = worksheets.run(answers, _others(worksheet_id, rng, today), today)
        assert outcome is not None
        where = f"{worksheet_id} {values}"
        checked += assert_translated(_texts(list(outcome.blocks)), allowed, where)
        checked += assert_translated(
            ((problem.text, False) for problem in answers.problems), allowed, where
        )
        events += assert_translated(_event_texts(outcome), allowed, where)
    assert checked > 500
    if worksheet_id in ("feelings", "feedback", "learning-plan"):
        assert events > 50


def test_pseudo_translation_reaches_every_saved_data_message(pseudo_translated: None) -> None:
    checked = 0
    for worksheet in real_specs().values():
        allowed = _spec_strings(worksheet) | {"Ξ", "ξ"}
        bad: dict[str, object] = {"ξ": "Ξ", **{f"ξ{index}": "Ξ" for index in range(6)}}
        for spec in worksheet.fields:
            target = spec.fields[0] if spec.kind == "list" else spec
            name = f"{spec.id}.0.{target.id}" if spec.kind == "list" else spec.id
            for value in ("Ξ", ["Ξ"], 7, "Ξ" * 5000, "\x00", None, [7], [True], True, {}):
                bad_one = {name: value}
                if spec.kind == "list":
                    bad_one[f"{spec.id}.{spec.max_rows + 1}.{target.id}"] = "Ξ"
                for strict in (True, False):
                    try:
                        _, notes = storage.normalise_values(bad_one, worksheet, strict=strict)
                    except storage.SavedDataError as error:
                        notes = [error.message]
                    checked += assert_translated(
                        ((note, False) for note in notes), allowed, worksheet.id
                    )
        _, notes = storage.normalise_values(bad, worksheet, strict=False)
        checked += assert_translated(((note, False) for note in notes), allowed, worksheet.id)
        with pytest.raises(storage.SavedDataError) as caught:
            storage.normalise_values(["Ξ"], worksheet, strict=True)
        checked += assert_translated([(caught.value.message, False)], allowed, worksheet.id)
        problems = normalise(worksheet, ["Ξ"]).problems
        problems += normalise(worksheet, {spec.id: {} for spec in worksheet.fields}).problems
        checked += assert_translated(((p.text, False) for p in problems), allowed, worksheet.id)
        junk: list[object] = [
            [],
            {"schema": "Ξ"},
            {"schema": 9},
            {"schema": 0},
            {"schema": 1, "worksheet": "ξ"},
            {"schema": 1, "worksheet": worksheet.id},
            {"version": 0, "answers": {"ξ": True}},
            {"version": 0, "answers": []},
            {"Ξ": 1},
        ]
        for data in junk:
            with pytest.raises(storage.SavedDataError) as caught:
                storage.migrate(data, worksheet.id)
            checked += assert_translated([(caught.value.message, False)], allowed, worksheet.id)
    assert checked > 100


def test_pseudo_translation_reaches_every_date_word(pseudo_translated: None) -> None:
    for offset in [*range(-400, 400, 7), *range(-3, 4)]:
        day = TODAY + timedelta(days=offset)
        texts = [
            dates.long_date(day),
            dates.day_month_long(day),
            dates.short_date(day),
            dates.day_month(day),
            dates.relative(day, TODAY),
        ]
        assert_translated(((text, False) for text in texts), set(), str(day))


# ---------------------------------------------------------------------------
# Pseudo-translation: the API and the workbook
# ---------------------------------------------------------------------------

_ICS_TEXT = re.compile(r"^(SUMMARY|DESCRIPTION|X-WR-CALNAME):(.*)$")
_ICS_ESCAPE = re.compile(r"\\([\\;,nN])")


def _ics_texts(ics: str) -> Iterator[tuple[str, bool]]:
    """The calendar's texts a reader sees: its name, and each entry's
    summary and description (unfolded and unescaped)."""
    unfolded = ics.replace("\r\n ", "").split("\r\n")
    for line in unfolded:
        match = _ICS_TEXT.match(line)
        if match:
            text = _ICS_ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], match[2])
            yield text, False


def _workbook_allowed(saved: dict[str, object]) -> set[str]:
    # FORMAT and None are data the messages quote: the export format's name,
    # and the worksheet an unreadable saved entry names (none).
    allowed = {"Ξ", "ξ", FORMAT, "None"}
    for worksheet in real_specs().values():
        allowed |= _spec_strings(worksheet)
    # Page titles come from the author's nav, like the specs' own text.
    for item in real_index()["worksheets"]:
        allowed.add(item["page_title"])
        allowed.add(item["page_title"].split(". ", 1)[-1])
    for worksheet_id, entry in saved.items():
        values = entry.get("values", {}) if isinstance(entry, dict) else {}
        allowed |= _allowed_for(next(iter(real_specs().values())), dict(values))
        allowed |= {item for value in values.values() if isinstance(value, list) for item in value}
        # Answers no form can show are written as stored, under their stored names.
        if worksheet_id in real_specs() and isinstance(values, dict):
            for name, value in kept_values(values, real_specs()[worksheet_id]).items():
                allowed |= {name, kept_text(value)}
    return allowed | {escape_markdown_line(text) for text in allowed}


def _saved_workbooks() -> list[dict[str, object]]:
    """Saved answers of all six worksheets: realistic, random and broken."""
    specs = real_specs()
    rng = random.Random("workbook")
    out: list[dict[str, object]] = [{}]
    for index in range(12):
        saved: dict[str, object] = {}
        for worksheet_id, worksheet in specs.items():
            realistic = REALISTIC[worksheet_id]
            values = (
                realistic[index % len(realistic)]
                if index % 2
                else _random_values(rng, worksheet, TODAY)
            )
            saved[worksheet_id] = {
                "schema": 1,
                "worksheet": worksheet_id,
                "saved_at": "2026-11-16T18:00:00Z",
                "values": values,
            }
        out.append(saved)
    out.append({"feelings": "Ξ", "feedback": {"schema": 9}, "tracker": {"schema": 1}})
    return out


#: The pseudo-locale's tag as a page's ``<html lang>`` writes it: a request
#: names its language, as the page's requests do.
PAGE_LANGUAGE = "qps-ploc"


def _as_page(request: dict[str, Any]) -> str:
    return json.dumps({"language": PAGE_LANGUAGE, **request})


def _ask(request: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = json.loads(api.handle(_as_page(request)))
    return response


def test_pseudo_translation_reaches_every_workbook_text(pseudo_translated: None) -> None:
    index = real_index()
    checked = calendar_texts = 0
    for saved in _saved_workbooks():
        allowed = _workbook_allowed(saved)
        for today in ("2026-11-17", "2026-12-20"):
            base = {"index": index, "saved": saved, "today": today, "now": "2026-11-20T10:00:00Z"}
            overview = _ask({"action": "overview", **base})
            assert overview["ok"], overview
            texts = [line for step in overview["steps"] for line in step["summary"]]
            texts += overview["notes"]
            checked += assert_translated(((t, False) for t in texts), allowed, "overview")
            markdown = _ask({"action": "export_markdown", **base})
            checked += assert_translated(
                ((line, False) for line in markdown["text"].splitlines()), allowed, "markdown"
            )
            calendar = _ask({"action": "calendar", **base})
            calendar_texts += assert_translated(_ics_texts(calendar["ics"]), allowed, "calendar")
            exported = _ask({"action": "export_json", **base})
            assert exported["ok"], exported
    assert checked > 300
    assert calendar_texts > 50


#: Import files that must be refused or warned about, each with the technical
#: words its message may quote (the file's own keys, the parser's message).
BAD_FILES: list[tuple[str, set[str]]] = [
    ("", set()),
    ("   ", set()),
    ("\ufeff", set()),
    ("Ξ", {"Expecting value"}),
    (
        '{"format": "rebound-workbook", "version": 1,',
        {"Expecting property name enclosed in double quotes"},
    ),
    ('{"a": NaN}', {"NaN"}),
    ("[" * 40 + "]" * 40, set()),
    ('{"__proto__": 1}', {"__proto__"}),
    ('{"constructor": 1}', {"constructor"}),
    ('{"Ξ": 1, "Ξ": 2}', set()),
    ("[]", set()),
    ("7", set()),
    ('"Ξ"', set()),
    ("{}", set()),
    ('{"format": "Ξ"}', set()),
    ('{"format": 7}', set()),
    ('{"format": "rebound-workbook"}', {"rebound-workbook"}),
    ('{"format": "rebound-workbook", "version": "Ξ"}', {"rebound-workbook"}),
    ('{"format": "rebound-workbook", "version": 9}', {"rebound-workbook"}),
    ('{"format": "rebound-workbook", "version": -1}', {"rebound-workbook"}),
    ('{"format": "rebound-workbook", "version": 1}', {"rebound-workbook"}),
    ('{"format": "rebound-workbook", "version": 1, "exported_at": "Ξ"}', {"rebound-workbook"}),
]
_HEAD = '{"format": "rebound-workbook", "version": 1, "exported_at": "2026-11-20T10:00:00Z", '
BAD_FILES += [
    (_HEAD + body, {"rebound-workbook"} | words)
    for body, words in [
        ('"worksheets": 7}', set()),
        ('"worksheets": {}}', set()),
        ('"worksheets": {"ξ": 7}}', set()),
        ('"worksheets": {"ξ": {}}}', set()),
        ('"worksheets": {"ξ": {"saved_at": "2026-11-20T10:00:00Z"}}}', set()),
        ('"worksheets": {"ξ": {"saved_at": "2026-11-20T10:00:00Z", "values": {}}}}', set()),
        (
            '"worksheets": {"feelings": {"saved_at": "2026-11-20T10:00:00Z", "values": '
            '{"intensity": "Ξ"}}}}',
            set(),
        ),
        (
            '"worksheets": {"feelings": {"saved_at": "2026-11-20T10:00:00Z", "values": '
            '{"need": "Ξ", "ξ": "Ξ"}, "Ξ": 1}, "ξ": {}}, "Ξ": 1, "Ψ": 2}',
            set(),
        ),
    ]
]
BAD_FILES += [
    ('{"format": "rebound-workbook", "version": 0}', {"rebound-workbook"}),
    (
        '{"format": "rebound-workbook", "version": 0, "exported": "2026-11-20T10:00:00Z"}',
        {"rebound-workbook"},
    ),
    (
        '{"format": "rebound-workbook", "version": 0, "exported": "2026-11-20T10:00:00Z", '
        '"answers": {"feelings": 7}}',
        {"rebound-workbook"},
    ),
]


def test_pseudo_translation_reaches_every_import_message(pseudo_translated: None) -> None:
    allowed = _workbook_allowed({})
    index = real_index()
    checked = 0
    for file_text, words in BAD_FILES:
        response = _ask({"action": "plan_import", "index": index, "saved": {}, "file": file_text})
        texts = [response["error"]] if not response["ok"] else response["warnings"]
        assert texts, (file_text, response)
        checked += assert_translated(((t, False) for t in texts), allowed | words, file_text)
    big = _ask({"action": "plan_import", "index": index, "file": " " * 1_100_000})
    checked += assert_translated([(big["error"], False)], allowed, "a large file")
    assert checked >= len(BAD_FILES)


def _json_detail(text: str) -> str:
    try:
        json.loads(text)
    except ValueError as error:
        return str(error)
    return ""


def test_pseudo_translation_reaches_every_request_error(pseudo_translated: None) -> None:
    specs = real_specs()
    feelings_spec = specs["feelings"].to_dict()
    allowed = set(specs) | set(api.ACTIONS) | {"Ξ", "int", "str", "list", "NaN"}
    compute = {"action": "compute", "worksheet": "feelings", "spec": feelings_spec}
    requests: list[object] = [
        7,
        "[]",
        "{",
        '{"a": NaN}',
        " " * 3_100_000,
        _as_page({"action": 7}),
        _as_page({"action": "Ξ"}),
        _as_page({"action": "compute", "Ξ": "Ξ" * 1_100_000}),
        _as_page({"action": "compute"}),
        _as_page({"action": "compute", "worksheet": "Ξ"}),
        _as_page({"action": "compute", "worksheet": "feelings"}),
        _as_page({**compute, "spec": specs["feedback"].to_dict()}),
        _as_page({**compute, "values": ["Ξ"]}),
        _as_page({**compute, "context": ["Ξ"]}),
        _as_page({**compute, "today": "Ξ"}),
        _as_page({"action": "export_json", "index": real_index(), "now": "Ξ"}),
        _as_page({"action": "overview", "index": real_index(), "saved": ["Ξ"]}),
        _as_page({"action": "overview", "index": {"worksheets": 7}}),
        _as_page({"action": "overview", "index": {"worksheets": [7]}}),
        _as_page({"action": "plan_import", "index": real_index(), "file": 7}),
        _as_page({"action": "fill_pdf", "index": real_index()}),
    ]
    checked = 0
    for request in requests:
        text = api.handle(request)  # type: ignore[arg-type]
        response = json.loads(text)
        assert response["ok"] is False, request
        detail = _json_detail(request) if isinstance(request, str) else ""
        checked += assert_translated(
            [(response["error"], False)], allowed | {detail}, str(request)[:80]
        )
    for data in ("Ξ".encode(), 7):
        text, _bytes = api.handle_with_data(
            _as_page({"action": "fill_pdf", "index": real_index(), "saved": {}}), data
        )
        checked += assert_translated([(json.loads(text)["error"], False)], allowed, "fill_pdf")
    assert checked == len(requests) + 2


def test_pseudo_translation_reaches_every_pdf_note(pseudo_translated: None) -> None:
    specs = real_specs()
    values = {
        worksheet_id: dict(
            storage.normalise_values(REALISTIC[worksheet_id][0], worksheet, strict=False)[0]
        )
        for worksheet_id, worksheet in specs.items()
    }
    one_row = {
        control.pdf_name
        for worksheet in specs.values()
        for control in iter_controls(
            worksheet, {spec.id: 1 for spec in worksheet.fields if spec.kind == "list"}
        )
    }
    # A list's row name ("check-in") takes English's plural "s" in the PDF's
    # note until specs carry a plural label (see pdf_fill._placed_values).
    rows = {
        f"{(spec.item_label or 'row').lower()}s"
        for worksheet in specs.values()
        for spec in worksheet.fields
        if spec.kind == "list"
    }
    allowed = _workbook_allowed({}) | {text.lower() for text in _workbook_allowed({})} | rows
    checked = 0
    for names in (set(), one_row):
        _assignments, notes = pdf_fill.plan(values, specs, names)
        assert notes
        checked += assert_translated(((note, False) for note in notes), allowed, "pdf notes")
    assert checked > 5


def test_a_request_names_its_language_and_english_stays_exact(
    pseudo_locale: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", pseudo_locale)
    monkeypatch.setattr(i18n, "_loaded", {})
    base = {"index": real_index(), "saved": {}, "today": "2026-11-17"}
    english = api.handle(json.dumps({"action": "export_markdown", **base}))
    previous = i18n.current()
    try:
        pseudo_text = _ask({"action": "export_markdown", **base, "language": "qps-ploc"})["text"]
        assert pseudo_text != json.loads(english)["text"]
        assert "[!! " in pseudo_text
        # The next request without a language (or in English) is English again, byte for byte.
        assert api.handle(json.dumps({"action": "export_markdown", **base})) == english
        request = {"action": "export_markdown", **base, "language": "qps-ploc"}
        _ask(request)
        assert api.handle(json.dumps({**request, "language": "en"})) == english
        assert api.handle(json.dumps({**request, "language": "en-GB"})) == english
    finally:
        i18n.use(previous)


#: Names the Chinese edition keeps in Latin letters (the plan's glossary).
KEPT_IN_CHINESE = {
    "Rebound",
    "Python",
    "PDF",
    "JSON",
    "Markdown",
    "YYYY-MM-DD",
    "YYYY\\-MM\\-DD",
    "null",
}


def test_the_chinese_catalogue_reaches_every_workbook_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real zh_Hans catalogue, compiled as the wheel carries it: the
    workbook's overview, Markdown export and calendar hold no English of ours."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", write_pseudo_locale(tmp_path, every_language=True))
    monkeypatch.setattr(i18n, "_loaded", {})
    assert "zh_Hans" in catalogs.languages(POT.parent)
    index = real_index()
    previous = i18n.current()
    checked = 0
    try:
        for saved in _saved_workbooks():
            allowed = _workbook_allowed(saved) | KEPT_IN_CHINESE
            base = {"index": index, "saved": saved, "today": "2026-11-17", "language": "zh-Hans"}
            overview = json.loads(api.handle(json.dumps({"action": "overview", **base})))
            texts = [line for step in overview["steps"] for line in step["summary"]]
            checked += assert_translated(((t, False) for t in texts), allowed, "zh overview")
            markdown = json.loads(api.handle(json.dumps({"action": "export_markdown", **base})))
            lines = markdown["text"].splitlines()
            checked += assert_translated(((line, False) for line in lines), allowed, "zh markdown")
            calendar = json.loads(api.handle(json.dumps({"action": "calendar", **base})))
            checked += assert_translated(_ics_texts(calendar["ics"]), allowed, "zh calendar")
        # Dates in Chinese, too ("导出于2026年11月30日星期一").
        assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日星期[一二三四五六日]", markdown["text"])
    finally:
        i18n.use(previous)
    assert checked > 300
