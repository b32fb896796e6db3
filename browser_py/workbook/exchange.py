"""Export and import of the reader's answers: the backup file, the journal, the import checks.

A JSON backup file, a Markdown journal, and the checks an imported file
passes before anything is replaced.

Export file, version 2 (current): rounds
----------------------------------------

::

    {"format": "rebound-workbook",
     "version": 2,
     "exported_at": "2026-11-20T18:04:11.512Z",
     "current": "r0",
     "rounds": [
       {"id": "r0", "label": "First round", "company": "", "role": "",
        "date": "", "created": "2026-11-20T18:00:00.000Z",
        "worksheets": {
          "feelings": {"saved_at": "2026-11-20T18:01:00.000Z",
                       "values": {"emotions": ["sad"], "intensity": "7"}}}}],
     "worksheets": {
       "tracker": {"saved_at": "...", "values": {...}}}}

A worksheet may also hold ``"kept"``, beside ``values``: the stored answers
no form can show (:func:`browser_py.core.storage.kept_values`: values that
are not text, rows past a list's ``max_rows``), as stored. An import writes
them back unchecked, so it takes only such values from ``kept``.

``rounds`` are the reader's rounds in creation order, each with the keys of
its index entry (:mod:`browser_py.core.storage`; ``date`` is ``YYYY-MM-DD``
or ``""``, ``created`` ISO 8601 or ``""``) and its round-scoped worksheets;
a round with no answers is still listed. The top-level ``worksheets`` holds
the search-scoped ones (the tracker), once. ``current`` is the reader's
current round. An archive of old rounds (the "storage nearly full" offer)
is the same file with only those rounds and no ``worksheets``.

The Markdown journal (:func:`export_markdown`) has a heading per round
(``## Round 2: Acme, designer``) with its company, role and date, then its
worksheets one level down, and the search-scoped worksheets once, under
their own heading.

Importing merges by round id: a round the reader does not have is added
(with its label, company, role, date and created), a round they have gets
the file's worksheets in place of its own (its name stays the reader's),
and other rounds are untouched. The check before importing lists each
round's changes.

Export file, version 1 (before rounds)
--------------------------------------

A version 1 file reads as round ``r0`` (the round schema 1 saved data
migrates to, so an old backup lands on the same round) with its
round-scoped worksheets, plus its search-scoped worksheets::

    {"format": "rebound-workbook",
     "version": 1,
     "exported_at": "2026-11-20T18:04:11.512Z",
     "worksheets": {
       "feelings": {"saved_at": "2026-11-20T18:01:00.000Z",
                    "values": {"emotions": ["sad"], "intensity": "7"}}}}

``values`` are the raw values of :mod:`browser_py.core.storage`'s
envelope, so an import writes them back unchanged. Worksheets with no
answers are left out of an export.

Export file, version 0 (the first preview)
------------------------------------------

The first preview's export was a dump of its version 0 storage::

    {"format": "rebound-workbook", "version": 0,
     "exported": "2026-10-02T09:30:00Z",
     "answers": {"feelings": {"intensity": 7, "emotions": ["sad"]}}}

It is migrated on import as :func:`browser_py.core.storage.migrate_v0_values`
describes; each worksheet's ``saved_at`` becomes ``exported``. It is then
read as version 1 is.

What an import refuses
----------------------

:func:`plan_import` reads the whole file before anything changes and refuses
it, with a sentence naming the problem, when it is: larger than
:data:`MAX_IMPORT_BYTES`; empty; not JSON (or JSON with ``NaN``); nested more
than :data:`MAX_DEPTH` levels; holding a key twice in one object; holding a
key such as ``__proto__`` or ``constructor`` that could alter the page's
JavaScript objects; not an object; of another ``format``; of a ``version``
that is missing, not a whole number, or newer than this guide reads; missing
its ``worksheets`` (or ``answers``); with a time that is not ISO 8601; with
any answer that does not fit its field (wrong type, unknown choice, over the
field's ``max_length``, a list row past ``max_rows``, a bad date or number,
NUL or broken characters); or with no worksheet this guide has.

Worksheet ids this guide does not have are *skipped with a warning*, not
refused: a file from a later version of the guide may hold a worksheet this
one lacks, and the rest of it is still good. Field names a worksheet does not
have are skipped the same way. Keys this format does not define are ignored
with a warning.

Planning never touches the saved answers: it returns what would change, the
browser asks the reader to confirm, and only then writes ``data``, with the
time of the import as each worksheet's ``saved_at`` (a tab that has the
worksheet open then takes the imported answers as the newest).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from browser_py.core import limits
from browser_py.core.answers import is_blank
from browser_py.core.dates import long_date, parse_iso, parse_timestamp
from browser_py.core.i18n import _, ngettext, pgettext
from browser_py.core.spec import Field, Worksheet
from browser_py.core.storage import (
    FIRST_ROUND,
    MAX_ROUND_TEXT,
    ROUND_ID,
    SCHEMA,
    SEARCH,
    SavedDataError,
    answered_fields,
    iso_now,
    kept_values,
    list_rows,
    migrate,
    migrate_v0_values,
    read_entry,
    split_values,
)
from browser_py.core.untrusted import (
    JsonLimitError,
    JsonLimits,
    check_json,
    describe_type,
    quote,
    shorten,
    show,
    strip_invisible,
)
from browser_py.core.wording import round_label, sentences

#: The ``format`` of every export file.
FORMAT = "rebound-workbook"

#: The export version this guide writes, and the oldest it reads.
VERSION = 2
OLDEST_VERSION = 0

#: Most rounds one file may hold: far more job searches than a life holds.
MAX_ROUNDS = 500

#: Largest file an import reads (UTF-8 bytes), stated once in
#: :mod:`browser_py.core.limits`, which the page reads too.
MAX_IMPORT_BYTES = limits.MAX_IMPORT_BYTES

#: Deepest nesting of objects and lists an export can have: 12. Answers sit
#: at level 7 (file, rounds, a round, its worksheets, a worksheet, values or
#: kept); a kept value (:func:`browser_py.core.storage.kept_values`) nests as
#: deep as its saved entry lets it (storage.ENTRY_LIMITS: 8 levels with the
#: entry and its values, so 6 for the value). Anything deeper is not an export.
MAX_DEPTH = 12

#: Most values a file may hold: an export of 500 rounds, every worksheet
#: fully answered, holds about 81,000.
MAX_IMPORT_VALUES = 1_000_000

#: The checks :func:`parse_file` makes before parsing (see
#: :mod:`browser_py.core.untrusted`).
IMPORT_LIMITS = JsonLimits(
    max_bytes=MAX_IMPORT_BYTES, max_depth=MAX_DEPTH, max_values=MAX_IMPORT_VALUES
)

#: Answers shown per worksheet in the check before an import, and the
#: length each is cut to.
PREVIEW_ANSWERS = 3
PREVIEW_CHARS = 60

#: Keys that, applied in JavaScript, reach an object's prototype.
FORBIDDEN_KEYS = frozenset({"__proto__", "constructor", "prototype"})

_V1_KEYS = frozenset({"format", "version", "exported_at", "worksheets"})
_V2_KEYS = frozenset({"format", "version", "exported_at", "current", "rounds", "worksheets"})
_ROUND_KEYS = frozenset({"id", "label", "company", "role", "date", "created", "worksheets"})
_V1_ENTRY_KEYS = frozenset({"saved_at", "values", "kept"})
_V0_KEYS = frozenset({"format", "version", "exported", "answers"})

Specs = Mapping[str, Worksheet]

#: A worksheet as a file holds it: ``(saved_at, values, kept)``.
Entry = tuple[str, object, dict[str, Any]]


class ImportRefused(ValueError):
    """An import file that cannot be used; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------
# Rounds, as the page sends them
# --------------------------------------------------------------------------


@dataclass(slots=True)
class SavedRound:
    """One round as the page sends it: its index entry and its saved
    entries as they are stored (``{worksheet id: entry}``)."""

    id: str
    label: str = ""
    company: str = ""
    role: str = ""
    date: str = ""
    created: str = ""
    saved: dict[str, object] = field(default_factory=dict)

    def meta(self) -> dict[str, str]:
        return {
            "id": self.id,
            "label": self.label,
            "company": self.company,
            "role": self.role,
            "date": self.date,
            "created": self.created,
        }


@dataclass(slots=True)
class SavedData:
    """Everything saved: the current round's id, the rounds in creation
    order, and the search-scoped entries."""

    current: str
    rounds: list[SavedRound]
    search: dict[str, object]


def first_round_label() -> str:
    """The first round's label as stored: in English whatever the page's
    language, so the same answers read the same in every language
    (:func:`browser_py.core.wording.round_label` shows it translated)."""
    return "First round"


def is_search(worksheet: Worksheet) -> bool:
    return worksheet.scope == SEARCH


def saved_data(saved: Mapping[str, object], specs: Specs) -> SavedData:
    """The page's saved data as :class:`SavedData`.

    ``saved`` is either what ``storage.js``'s ``stored()`` gives (``{"current",
    "rounds": [{"id", "label", ..., "saved": {ws: entry}}], "search": {ws:
    entry}}``) or a flat ``{worksheet id: entry}`` (one round, as before
    rounds), whose round-scoped entries are read as round ``r0``.
    """
    rounds_raw = saved.get("rounds") if isinstance(saved, Mapping) else None
    if isinstance(rounds_raw, list) and isinstance(saved.get("search", {}), Mapping):
        rounds: list[SavedRound] = []
        seen: set[str] = set()
        for item in rounds_raw:
            if not isinstance(item, Mapping):
                continue
            round_id = item.get("id")
            if not isinstance(round_id, str) or not ROUND_ID.match(round_id) or round_id in seen:
                continue
            seen.add(round_id)
            entries = item.get("saved")
            rounds.append(
                SavedRound(
                    id=round_id,
                    label=_text_of(item.get("label")),
                    company=_text_of(item.get("company")),
                    role=_text_of(item.get("role")),
                    date=_text_of(item.get("date")),
                    created=_text_of(item.get("created")),
                    saved=dict(entries) if isinstance(entries, Mapping) else {},
                )
            )
        current = saved.get("current")
        if current not in seen:
            current = rounds[-1].id if rounds else FIRST_ROUND
        return SavedData(str(current), rounds, dict(saved.get("search") or {}))
    flat = dict(saved) if isinstance(saved, Mapping) else {}
    search = {ws: entry for ws, entry in flat.items() if ws in specs and is_search(specs[ws])}
    in_round = {ws: entry for ws, entry in flat.items() if ws not in search}
    rounds = (
        [SavedRound(FIRST_ROUND, label=first_round_label(), saved=in_round)] if in_round else []
    )
    return SavedData(FIRST_ROUND, rounds, search)


def _text_of(value: object) -> str:
    return value[:MAX_ROUND_TEXT] if isinstance(value, str) else ""


def _scoped(specs: Specs, *, search: bool) -> dict[str, Worksheet]:
    return {ws: spec for ws, spec in specs.items() if is_search(spec) == search}


def round_heading(saved_round: SavedRound, number: int) -> str:
    """``Round 2: Acme, designer`` (plain text): how a round is named in the journal."""
    return _("Round {number}: {label}").format(
        number=number,
        label=round_label(saved_round.label) or _("Round {number}").format(number=number),
    )


# --------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------


def saved_entries(
    saved: Mapping[str, object], specs: Specs, *, now: datetime | None = None
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The readable saved entries, in the worksheets' order, as version 1
    envelopes checked leniently; entries that cannot be read become notes."""
    entries: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for worksheet_id, worksheet in specs.items():
        if worksheet_id not in saved:
            continue
        try:
            envelope, entry_notes = read_entry(saved[worksheet_id], worksheet, now=now)
        except SavedDataError as error:
            notes.append(
                _("\u201c{title}\u201d was left out: {reason}.").format(
                    title=worksheet.title, reason=error.message
                )
            )
            continue
        notes.extend(entry_notes)
        entries[worksheet_id] = envelope
    return entries, notes


def _has_any(envelope: Mapping[str, Any]) -> bool:
    return bool(envelope["values"] or envelope.get("retired") or envelope.get("kept"))


def _exported(entries: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for worksheet_id, envelope in entries.items():
        if not _has_any(envelope):
            continue
        # Answers to questions no longer asked go out as they are.
        item = {
            "saved_at": envelope["saved_at"],
            "values": {**envelope["values"], **envelope.get("retired", {})},
        }
        # What no form can show, as stored (apart: an import checks "values").
        if envelope.get("kept"):
            item["kept"] = envelope["kept"]
        out[worksheet_id] = item
    return out


def export_document(
    saved: Mapping[str, object],
    specs: Specs,
    now: datetime | None = None,
    *,
    only_rounds: Sequence[str] | None = None,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    """The export file (version 2) as data: every round (or only the rounds
    ``only_rounds``, then without the search-scoped worksheets). Entries
    that cannot be read are left out, each with a note appended to
    ``notes`` naming its round and worksheet; the others are all exported."""
    data = saved_data(saved, specs)
    round_specs = _scoped(specs, search=False)
    wanted = None if only_rounds is None else set(only_rounds)
    rounds = []
    found: list[str] = [] if notes is None else notes
    for number, saved_round in enumerate(data.rounds, start=1):
        if wanted is not None and saved_round.id not in wanted:
            continue
        entries, round_notes = saved_entries(saved_round.saved, round_specs, now=now)
        found.extend(in_round(saved_round, number, note) for note in round_notes)
        rounds.append({**saved_round.meta(), "worksheets": _exported(entries)})
    search: dict[str, dict[str, Any]] = {}
    if wanted is None:
        entries, search_notes = saved_entries(data.search, _scoped(specs, search=True), now=now)
        found.extend(search_notes)
        search = _exported(entries)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso_now(now),
        "current": data.current,
        "rounds": rounds,
        "worksheets": search,
    }


def in_round(saved_round: SavedRound, number: int, note: str) -> str:
    """A note about one of a round's worksheets, naming the round."""
    # TRANSLATORS: {label} is the round's name; {note} a whole sentence about one worksheet.
    return _("In round {number} ({label}): {note}").format(
        number=number,
        label=shorten(round_label(saved_round.label) or saved_round.id),
        note=note,
    )


def count_worksheets(document: Mapping[str, Any]) -> int:
    """How many worksheets with answers an export file holds, rounds included."""
    return len(document.get("worksheets", {})) + sum(
        len(item.get("worksheets", {})) for item in document.get("rounds", [])
    )


def export_json(
    saved: Mapping[str, object],
    specs: Specs,
    now: datetime | None = None,
    *,
    only_rounds: Sequence[str] | None = None,
    notes: list[str] | None = None,
) -> str:
    """The export file (version 2) of every round and every worksheet with
    answers (see :func:`export_document`, which appends to ``notes``).

    Indented and with non-ASCII text as it is, so a reader who opens the
    file in a text editor can read it.
    """
    document = export_document(saved, specs, now, only_rounds=only_rounds, notes=notes)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

# Characters with a meaning in Markdown (CommonMark, GitHub's tables and
# strikethrough, and the "$" of common math extensions). Each is
# backslash-escaped wherever it appears; CommonMark allows a backslash before
# any ASCII punctuation, so the escaped text reads the same once rendered.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>&~$])")

# What a line must not start with: digits then "." or ")" (an ordered list
# item), "=" (a setext heading underline, and a spreadsheet formula, as "@"
# is). "+" and "-" are escaped everywhere already.
_LEADING = re.compile(r"^(?:(\d+)([.)])|([=@]))")


def strip_controls(text: str) -> str:
    """``text`` without NUL, other control characters (tab and line feed
    kept; carriage returns become line feeds), and the bidirectional and
    invisible controls :func:`browser_py.core.untrusted.strip_invisible`
    removes (the joiners that emoji and several scripts need are kept);
    U+2028/U+2029 become line feeds."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = strip_invisible(text)
    return "".join(
        char for char in text if char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cs")
    )


# A word that GitHub-flavoured Markdown would turn into a link by itself
# (its "extended autolinks": www., a scheme such as https:// or mailto:, an
# e-mail address). Backslash escapes cannot stop them: GitHub's renderer finds
# them in the text after the escapes are gone. A code span can, so such a word
# is written as code, letter for letter.
_AUTOLINK_WORD = re.compile(r"\S*(?:://|@|(?i:www)\.|(?i:mailto|xmpp):)\S*")


def _code_span(word: str, *, cell: bool) -> str:
    """``word`` as an inline code span: fenced by more backticks than any run
    inside it, padded when it starts or ends with one, and with ``|``
    escaped in a table cell (where GitHub splits cells before reading code)."""
    longest = max((len(run) for run in re.findall(r"`+", word)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if word.startswith("`") or word.endswith("`") else ""
    if cell:
        word = word.replace("|", "\\|")
    return f"{fence}{pad}{word}{pad}{fence}"


def escape_markdown_line(text: str, *, cell: bool = False) -> str:
    """One line of reader's text, inert in Markdown.

    Every Markdown character is backslash-escaped, so no heading, link,
    image, HTML tag, table cell or emphasis can start inside it; a word that
    would become a link by itself (a web or e-mail address) is written as
    code; and a line that starts with ``=``, ``+``, ``-`` or ``@`` starts
    with a backslash, so a spreadsheet that imports the text does not run it
    as a formula.
    """
    text = strip_controls(text).replace("\t", " ").replace("\n", " ").strip()
    out: list[str] = []
    start = 0
    for word in _AUTOLINK_WORD.finditer(text):
        out.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[start : word.start()]))
        out.append(_code_span(word[0], cell=cell))
        start = word.end()
    out.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[start:]))
    escaped = "".join(out)
    return _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def escape_markdown_cell(text: str) -> str:
    """Text for a table cell: one line, every Markdown character escaped."""
    return escape_markdown_line(" ".join(strip_controls(text).split()), cell=True)


def escape_markdown_block(text: str) -> str:
    """Several lines of reader's text as inert Markdown paragraphs.

    Lines keep their breaks (a backslash at the end of a line is a hard
    break), blank lines separate paragraphs, and leading spaces are removed
    so no line turns into a code block.
    """
    paragraphs: list[list[str]] = [[]]
    for line in strip_controls(text).split("\n"):
        escaped = escape_markdown_line(line)
        if escaped:
            paragraphs[-1].append(escaped)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def _option_labels(spec: Field, values: object) -> str:
    picked = values if isinstance(values, list) else [values]
    labels = [option.label for option in spec.options if option.value in picked]
    return pgettext("list separator", ", ").join(labels)


def _plain_answer(spec: Field, value: object, *, short: bool = False) -> str:
    """A non-list answer as plain (unescaped) text for a reader; ``short``
    for a table cell."""
    if spec.kind in ("choice", "multi"):
        return _option_labels(spec, value)
    text = value if isinstance(value, str) else ""
    if spec.kind == "scale" and short:
        return _("{value} out of {max}").format(value=text, max=int(spec.max or 0))
    if spec.kind == "scale":
        # TRANSLATORS: a rating in the Markdown export; the labels are the
        # scale's ends as the worksheet names them, "7 on a scale from 0 (calm) to 10 (...)".
        return _("{value} on a scale from {min} ({min_label}) to {max} ({max_label})").format(
            value=text,
            min=int(spec.min or 0),
            min_label=spec.min_label,
            max=int(spec.max or 0),
            max_label=spec.max_label,
        )
    if spec.kind == "number" and spec.unit:
        # TRANSLATORS: a number and its unit as the worksheet names it, "3 hours a week".
        return _("{value} {unit}").format(value=text, unit=spec.unit)
    if spec.kind == "date":
        day = parse_iso(text)
        return long_date(day) if day else text
    return text


def _list_table(spec: Field, values: Mapping[str, object]) -> list[str]:
    rows = list_rows(values, spec)
    if not rows:
        return []
    # TRANSLATORS: the first column of a table in the Markdown export: the row's number.
    header = [spec.item_label or _("Row"), *(sub.label for sub in spec.fields)]
    lines = [
        "| " + " | ".join(escape_markdown_cell(cell) for cell in header) + " |",
        "| " + " | ".join("---" for _cell in header) + " |",
    ]
    for row in rows:
        cells = [str(row["row"] + 1)]
        for sub in spec.fields:
            value = row.get(sub.id)
            cells.append(_plain_answer(sub, value, short=True) if value is not None else "")
        lines.append("| " + " | ".join(escape_markdown_cell(cell) for cell in cells) + " |")
    return lines


def export_markdown(
    saved: Mapping[str, object],
    specs: Specs,
    summaries: Mapping[str, Sequence[str]] | None = None,
    now: datetime | None = None,
    *,
    round_summaries: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
) -> str:
    """A readable Markdown journal of every round and worksheet with answers.

    Each round gets a heading with its label, then its company, role and
    date; under it each worksheet gets its title, an optional summary
    (``round_summaries[round id]``, or ``summaries`` for every round: lines
    per worksheet id, as :mod:`browser_py.workbook.overview` writes them)
    and each answered field as ``**Label**: answer``; lists become tables.
    The search-scoped worksheets come once, after the rounds. Every text
    that comes from the reader is escaped, so the file cannot carry a link,
    an image, HTML or a formula in.
    """
    data = saved_data(saved, specs)
    stamp = iso_now(now)
    day = parse_iso(stamp[:10])
    out = [
        "# " + _("My Rebound workbook"),
        "",
        _("Exported on {date}. These are your own words; keep this file somewhere private.").format(
            date=long_date(day) if day else stamp[:10]
        ),
        "",
    ]
    notes: list[str] = []
    written = 0
    round_specs = _scoped(specs, search=False)
    for number, saved_round in enumerate(data.rounds, start=1):
        entries, round_notes = saved_entries(saved_round.saved, round_specs, now=now)
        notes.extend(in_round(saved_round, number, note) for note in round_notes)
        out += [f"## {escape_markdown_line(round_heading(saved_round, number))}", ""]
        details = _round_details(saved_round)
        if details:
            out += [escape_markdown_line(details), ""]
        lines = (round_summaries or {}).get(saved_round.id, summaries or {})
        count = _journal_worksheets(out, entries, round_specs, lines, level=3)
        if not count:
            out += [_("No answers in this round yet."), ""]
        written += count
    search_specs = _scoped(specs, search=True)
    entries, search_notes = saved_entries(data.search, search_specs, now=now)
    notes.extend(search_notes)
    if any(_has_any(envelope) for envelope in entries.values()):
        out += ["## " + _("Shared by every round"), ""]
        written += _journal_worksheets(out, entries, search_specs, summaries or {}, level=3)
    if not written:
        out += [_("No answers are saved in this browser yet."), ""]
    if notes:
        out += ["## " + _("Left out"), ""]
        out += [f"- {escape_markdown_line(note)}" for note in notes]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _round_details(saved_round: SavedRound) -> str:
    """ "Company: Acme. Role: designer. Turned down on 20 November 2026." (plain text)."""
    parts = []
    if saved_round.company:
        parts.append(_("Company: {company}.").format(company=saved_round.company))
    if saved_round.role:
        parts.append(_("Role: {role}.").format(role=saved_round.role))
    day = parse_iso(saved_round.date)
    if day is not None:
        parts.append(_("Turned down on {date}.").format(date=long_date(day)))
    return sentences(*parts)


def _journal_worksheets(
    out: list[str],
    entries: Mapping[str, Mapping[str, Any]],
    specs: Specs,
    summaries: Mapping[str, Sequence[str]],
    *,
    level: int,
) -> int:
    """Append each worksheet with answers to ``out``; how many were written."""
    written = 0
    for worksheet_id, envelope in entries.items():
        values = envelope["values"]
        retired = envelope.get("retired", {})
        kept = envelope.get("kept", {})
        if not _has_any(envelope):
            continue
        worksheet = specs[worksheet_id]
        written += 1
        out += [f"{'#' * level} {escape_markdown_line(worksheet.title)}", ""]
        saved_at = parse_timestamp(envelope["saved_at"])
        if saved_at is not None:
            last = _("Last saved on {date}.").format(date=long_date(saved_at.date()))
            out += [f"*{last}*", ""]
        for line in summaries.get(worksheet_id, ()):
            out += [f"> {escape_markdown_line(line)}", ">"]
        if out[-1] == ">":
            out[-1] = ""
        for spec in worksheet.fields:
            label = f"**{escape_markdown_line(spec.label)}**"
            if spec.kind == "list":
                table = _list_table(spec, values)
                if table:
                    out += [_label_alone(label), "", *table, ""]
                continue
            if spec.id not in values:
                continue
            answer = _plain_answer(spec, values[spec.id])
            if spec.kind == "textarea":
                out += [_label_alone(label), "", escape_markdown_block(answer), ""]
            else:
                value = escape_markdown_line(answer)
                out += [_("{label}: {value}").format(label=label, value=value), ""]
        if retired:
            heading = "#" * (level + 1)
            out += [f"{heading} " + _("Answers to questions this version no longer asks"), ""]
            for name, answer in retired.items():
                text = ", ".join(answer) if isinstance(answer, list) else answer
                label = f"**{escape_markdown_line(name)}**"
                out += [_label_alone(label), "", escape_markdown_block(text), ""]
        if kept:
            heading = "#" * (level + 1)
            out += [f"{heading} " + _("Saved answers this version cannot show"), ""]
            for name, answer in kept.items():
                label = f"**{escape_markdown_line(shorten(name))}**"
                out += [_label_alone(label), "", escape_markdown_block(kept_text(answer)), ""]
    return written


#: How much of a kept value the journal writes (the JSON file has it whole).
KEPT_ECHO_CHARS = 400


def kept_text(value: object) -> str:
    """A kept value (any JSON) as one line of text: as it is stored, cut to
    :data:`KEPT_ECHO_CHARS` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return shorten(text, KEPT_ECHO_CHARS)


def _label_alone(label: str) -> str:
    # TRANSLATORS: a question's label above its answer (a table or paragraphs).
    return _("{label}:").format(label=label)


# --------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build an object, refusing repeated and prototype-changing keys."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in FORBIDDEN_KEYS:
            raise ImportRefused(
                _(
                    "The file contains the key \u201c{key}\u201d, which a Rebound export never "
                    "uses and which could change how the page works, so it was not imported."
                ).format(key=key)
            )
        if key in out:
            raise ImportRefused(
                _(
                    "The file is damaged: the key {key} appears twice in the same "
                    "object, so it is unclear which answer to keep."
                ).format(key=quote(key))
            )
        out[key] = value
    return out


def _refuse_constant(name: str) -> None:
    raise ImportRefused(
        _("The file is not valid JSON: it contains {name}, which JSON does not allow.").format(
            name=name
        )
    )


def too_large(size: int) -> str:
    """The refusal of a file of ``size`` bytes (the page says the same)."""
    return _(
        "The file is too large ({size} MB). Rebound imports files of up to {limit} MB."
    ).format(size=f"{size / 1_048_576:.1f}", limit=f"{MAX_IMPORT_BYTES / 1_048_576:.0f}")


def parse_file(file_text: object) -> Any:
    """The file's JSON, or :class:`ImportRefused` saying why it is unreadable."""
    if not isinstance(file_text, str):
        raise ImportRefused(_("The file could not be read as text."))
    text = file_text.removeprefix("\ufeff")
    try:
        check_json(text, IMPORT_LIMITS)
    except JsonLimitError as error:
        if error.limit == "bytes":
            raise ImportRefused(too_large(error.found)) from None
        if error.limit == "depth":
            raise ImportRefused(
                _(
                    "The file nests its data more than {depth} levels deep, which a Rebound "
                    "export never does."
                ).format(depth=MAX_DEPTH)
            ) from None
        raise ImportRefused(
            _(
                "The file holds more than {count} values, far more than a Rebound export "
                "of 500 rounds."
            ).format(count=MAX_IMPORT_VALUES)
        ) from None
    if not text.strip():
        raise ImportRefused(_("The file is empty."))
    try:
        return json.loads(text, object_pairs_hook=_pairs_hook, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            # TRANSLATORS: {problem} is the JSON parser's own message, in English.
            _(
                "The file is not valid JSON ({problem} at line {line}, column {column}). "
                "Choose a file exported from Rebound's workbook page."
            ).format(problem=error.msg, line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise ImportRefused(
            _("The file nests its data too deeply to be a Rebound export.")
        ) from None


def _show(value: object) -> str:
    """A value from the file in a message: text quoted and shortened, other
    values by their type."""
    return show(value)


def _check_timestamp(value: object, what: str) -> str:
    if parse_timestamp(value) is None:
        raise ImportRefused(
            # TRANSLATORS: {what} is "The file's “exported_at”" or "The “saved_at” of
            # worksheet “feelings”".
            _(
                "{what} must be a date and time in ISO 8601 form, such as "
                "2026-11-20T18:00:00Z, not {value}."
            ).format(what=what, value=_show(value))
        )
    assert isinstance(value, str)
    return value


def _header(document: object) -> int:
    """Check ``format`` and ``version``; return the version."""
    if not isinstance(document, dict):
        raise ImportRefused(
            _(
                "The file holds {type}, not a Rebound export (an object "
                "with \u201cformat\u201d: \u201c{format}\u201d)."
            ).format(type=describe_type(document), format=FORMAT)
        )
    if "format" not in document:
        raise ImportRefused(
            _(
                "The file has no \u201cformat\u201d, so it is not a Rebound export "
                "(expected \u201cformat\u201d: \u201c{format}\u201d)."
            ).format(format=FORMAT)
        )
    if document["format"] != FORMAT:
        raise ImportRefused(
            _(
                "The file's format is {found}, not \u201c{format}\u201d, so it is not a "
                "Rebound export."
            ).format(found=_show(document["format"]), format=FORMAT)
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportRefused(
            _("The file's \u201cversion\u201d must be a whole number, not {found}.").format(
                found=_found(document, "version")
            )
        )
    if version > VERSION:
        raise ImportRefused(
            _(
                "The file was made by a newer version of Rebound (export version {version}); "
                "this guide reads versions {oldest} to {newest}. Update the page and try again."
            ).format(version=version, oldest=OLDEST_VERSION, newest=VERSION)
        )
    if version < OLDEST_VERSION:
        raise ImportRefused(
            _(
                "Export version {version} does not exist; this guide reads versions "
                "{oldest} to {newest}."
            ).format(version=version, oldest=OLDEST_VERSION, newest=VERSION)
        )
    return version


def _found(document: Mapping[str, Any], key: str) -> str:
    """What the file holds at ``key``, for "must be ..., not {found}"."""
    # TRANSLATORS: what a required key of the file holds when it is not there at all.
    return describe_type(document[key]) if key in document else _("missing")


def _where(worksheet_id: str) -> str:
    # TRANSLATORS: a place in the file, used inside other messages.
    return _("worksheet {id}").format(id=quote(worksheet_id))


def _read_v1(document: dict[str, Any], warnings: list[str]) -> dict[str, Entry]:
    """Version 1: ``{id: (saved_at, values, kept)}``."""
    _check_timestamp(document.get("exported_at"), _("The file's \u201cexported_at\u201d"))
    _ignore_extra(document, _V1_KEYS, _("the file"), warnings)
    sheets = document.get("worksheets")
    if not isinstance(sheets, dict):
        raise ImportRefused(
            _(
                "The file's \u201cworksheets\u201d must be an object of worksheets, not {found}."
            ).format(found=_found(document, "worksheets"))
        )
    out: dict[str, Entry] = {}
    for worksheet_id, entry in sheets.items():
        where = _where(worksheet_id)
        if not isinstance(entry, dict):
            raise ImportRefused(
                _(
                    "In the file, {where} must be an object with \u201csaved_at\u201d "
                    "and \u201cvalues\u201d, not {found}."
                ).format(where=where, found=describe_type(entry))
            )
        saved_at = _check_timestamp(
            entry.get("saved_at"), _("The \u201csaved_at\u201d of {where}").format(where=where)
        )
        if "values" not in entry:
            raise ImportRefused(
                _("In the file, {where} has no \u201cvalues\u201d.").format(where=where)
            )
        _ignore_extra(entry, _V1_ENTRY_KEYS, where, warnings)
        kept = entry.get("kept", {})
        if not isinstance(kept, dict):
            raise ImportRefused(
                _(
                    "In the file, the \u201ckept\u201d answers of {where} must be an object, "
                    "not {found}."
                ).format(where=where, found=describe_type(kept))
            )
        out[worksheet_id] = (saved_at, entry["values"], kept)
    return out


def _read_v0(document: dict[str, Any], warnings: list[str]) -> dict[str, Entry]:
    """Version 0: migrated to ``{id: (saved_at, values, {})}``."""
    exported = _check_timestamp(document.get("exported"), _("The file's \u201cexported\u201d"))
    _ignore_extra(document, _V0_KEYS, _("the file"), warnings)
    answers = document.get("answers")
    if not isinstance(answers, dict):
        raise ImportRefused(
            _(
                "The file's \u201canswers\u201d must be an object of worksheets, not {found}."
            ).format(found=_found(document, "answers"))
        )
    out: dict[str, Entry] = {}
    for worksheet_id, values in answers.items():
        try:
            out[worksheet_id] = (exported, migrate_v0_values(values), {})
        except SavedDataError as error:
            raise ImportRefused(
                _("In the file, {where}: {reason}.").format(
                    where=_where(worksheet_id), reason=error.message
                )
            ) from None
    return out


def _ignore_extra(
    mapping: Mapping[str, Any], allowed: frozenset[str], where: str, warnings: list[str]
) -> None:
    extra = [key for key in mapping if key not in allowed]
    if extra:
        shown = _quoted_list(extra)
        warnings.append(
            # TRANSLATORS: {keys} lists up to five of the file's keys, quoted;
            # {where} is "the file" or "worksheet “feelings”".
            ngettext(
                "Ignored {keys} in {where}: the export format does not use it.",
                "Ignored {keys} in {where}: the export format does not use them.",
                len(extra),
            ).format(keys=shown, where=where)
        )


def _quoted_list(names: Sequence[str]) -> str:
    """Up to five names from the file, quoted and shortened."""
    separator = pgettext("list separator", ", ")
    return separator.join(quote(name) for name in names[:5])


def _has_answers(entry: object, worksheet_id: str) -> bool:
    """Whether the reader's current entry holds any answer. An entry that
    cannot be read counts as holding some: the reader is told it will be
    replaced (the browser keeps a copy of unreadable entries aside)."""
    if entry is None:
        return False
    try:
        values = migrate(entry, worksheet_id)["values"]
    except SavedDataError:
        return True
    return any(not is_blank(value) for value in values.values())


def _read_v2(
    document: dict[str, Any], warnings: list[str]
) -> tuple[list[tuple[dict[str, str], dict[str, Entry]]], dict[str, Entry]]:
    """Version 2: ``([(round meta, {id: (saved_at, values)})], search entries)``."""
    _check_timestamp(document.get("exported_at"), _("The file's \u201cexported_at\u201d"))
    _ignore_extra(document, _V2_KEYS, _("the file"), warnings)
    rounds_raw = document.get("rounds")
    if not isinstance(rounds_raw, list):
        raise ImportRefused(
            _("The file's \u201crounds\u201d must be a list of rounds, not {found}.").format(
                found=_found(document, "rounds")
            )
        )
    if len(rounds_raw) > MAX_ROUNDS:
        raise ImportRefused(
            _("The file holds {count} rounds; a Rebound export holds at most {limit}.").format(
                count=len(rounds_raw), limit=MAX_ROUNDS
            )
        )
    rounds: list[tuple[dict[str, str], dict[str, Entry]]] = []
    seen: set[str] = set()
    for position, item in enumerate(rounds_raw, start=1):
        # TRANSLATORS: a place in the file, used inside other messages: "round 2".
        where = _("round {number}").format(number=position)
        if not isinstance(item, dict):
            raise ImportRefused(
                _("In the file, {where} must be an object, not {found}.").format(
                    where=where, found=describe_type(item)
                )
            )
        round_id = item.get("id")
        if not isinstance(round_id, str) or not ROUND_ID.match(round_id):
            raise ImportRefused(
                _(
                    "In the file, {where} has no valid \u201cid\u201d (found {found}); "
                    "a round id is \u201cr\u201d followed by up to 23 letters or digits."
                ).format(where=where, found=_show(round_id))
            )
        if round_id in seen:
            raise ImportRefused(
                _(
                    "The file is damaged: the round \u201c{id}\u201d appears twice, so it is "
                    "unclear which answers to keep."
                ).format(id=round_id)
            )
        seen.add(round_id)
        meta = {"id": round_id}
        for key in ("label", "company", "role"):
            value = item.get(key, "")
            if not isinstance(value, str) or len(value) > MAX_ROUND_TEXT:
                raise ImportRefused(
                    _(
                        "In the file, the \u201c{key}\u201d of {where} must be text of at most "
                        "{limit} characters, not {found}."
                    ).format(key=key, where=where, limit=MAX_ROUND_TEXT, found=_show(value))
                )
            meta[key] = strip_controls(value).replace("\n", " ").strip()
        day = item.get("date", "")
        if day != "" and (not isinstance(day, str) or parse_iso(day) is None):
            raise ImportRefused(
                _(
                    "In the file, the \u201cdate\u201d of {where} must be a date written "
                    "YYYY-MM-DD, or empty, not {found}."
                ).format(where=where, found=_show(day))
            )
        meta["date"] = day
        created = item.get("created", "")
        meta["created"] = (
            ""
            if created == ""
            else _check_timestamp(
                created, _("The \u201ccreated\u201d of {where}").format(where=where)
            )
        )
        _ignore_extra(item, _ROUND_KEYS, where, warnings)
        sheets = item.get("worksheets", {})
        rounds.append((meta, _read_worksheets(sheets, where, warnings)))
    top = {"exported_at": document["exported_at"], "worksheets": document.get("worksheets", {})}
    return rounds, _read_v1(top, warnings)


def _read_worksheets(sheets: object, where_all: str, warnings: list[str]) -> dict[str, Entry]:
    """A version 2 ``worksheets`` object: ``{id: (saved_at, values)}``."""
    if not isinstance(sheets, dict):
        raise ImportRefused(
            _(
                "In the file, the \u201cworksheets\u201d of {where} must be an object, not {found}."
            ).format(where=where_all, found=describe_type(sheets))
        )
    return _read_v1({"exported_at": "2000-01-01T00:00:00Z", "worksheets": sheets}, warnings)


def _as_rounds(
    entries: dict[str, Entry], specs: Specs
) -> tuple[list[tuple[dict[str, str], dict[str, Entry]]], dict[str, Entry]]:
    """A version 1 (or 0) file as round ``r0`` plus its search-scoped worksheets."""
    search = {ws: entry for ws, entry in entries.items() if ws in specs and is_search(specs[ws])}
    in_round = {ws: entry for ws, entry in entries.items() if ws not in search}
    created = min((entry[0] for entry in in_round.values()), default="")
    meta = {
        "id": FIRST_ROUND,
        "label": first_round_label(),
        "company": "",
        "role": "",
        "date": "",
        "created": created,
    }
    return ([(meta, in_round)] if in_round else []), search


def _without_invisible(values: Mapping[str, Any]) -> tuple[dict[str, Any], int]:
    """``values`` with :func:`strip_invisible` applied to every text, and how
    many characters it removed."""
    out: dict[str, Any] = {}
    removed = 0
    for name, value in values.items():
        if isinstance(value, str):
            clean = strip_invisible(value)
        elif isinstance(value, list):
            clean = [strip_invisible(item) if isinstance(item, str) else item for item in value]
        else:
            out[name] = value
            continue
        removed += _length(value) - _length(clean)
        out[name] = clean
    return out, removed


def _length(value: object) -> int:
    if isinstance(value, list):
        return sum(len(item) for item in value if isinstance(item, str))
    return len(value) if isinstance(value, str) else 0


def preview(values: Mapping[str, Any], worksheet: Worksheet) -> list[dict[str, str]]:
    """A few of a worksheet's answers, for the check before an import: up to
    :data:`PREVIEW_ANSWERS` ``{"label", "text"}`` in the worksheet's order,
    each answer on one line and cut to :data:`PREVIEW_CHARS` characters (a
    list shows its first row's first answer, and how many rows it has)."""
    out: list[dict[str, str]] = []
    for spec in worksheet.fields:
        if len(out) >= PREVIEW_ANSWERS:
            break
        if spec.kind == "list":
            rows = list_rows(values, spec)
            if not rows:
                continue
            first = next(
                (
                    _plain_answer(sub, rows[0][sub.id], short=True)
                    for sub in spec.fields
                    if sub.id in rows[0] and not is_blank(rows[0][sub.id])
                ),
                "",
            )
            text = ngettext(
                "{count} row: {first}", "{count} rows, the first: {first}", len(rows)
            ).format(count=len(rows), first=first)
        elif spec.id in values and not is_blank(values[spec.id]):
            text = _plain_answer(spec, values[spec.id], short=True)
        else:
            continue
        out.append({"label": shorten(spec.label, 80), "text": shorten(text, PREVIEW_CHARS)})
    return out


def invisible_removed(count: int) -> str:
    """The import plan's warning that ``count`` invisible formatting
    characters (:func:`~browser_py.core.untrusted.strip_invisible`) left the
    file's answers."""
    return ngettext(
        "Removed {count} invisible formatting character (a direction override or "
        "a zero-width space) from the answers: it can make text read differently "
        "from what it says.",
        "Removed {count} invisible formatting characters (direction overrides or "
        "zero-width spaces) from the answers: they can make text read differently "
        "from what it says.",
        count,
    ).format(count=count)


def plan_import(
    file_text: object,
    current_saved: Mapping[str, object],
    specs: Specs,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Check an export file completely and say what importing it would do.

    ``current_saved`` is what the reader has now, as :func:`saved_data`
    reads it. Returns ``{"ok": False, "error": sentence}`` or ``{"ok": True,
    "version", "migrated", "changes": [{"worksheet", "title", "replaces",
    "fields", "round", "preview"}], "rounds": [{"id", "label", "new", "changes"}],
    "warnings": [...], "data": {"current", "rounds": [{round's keys,
    "worksheets": {id: envelope}}], "worksheets": {id: envelope}}}``.
    ``replaces`` is true when the reader already has answers in that
    worksheet (of that round); ``fields`` counts the questions the file
    answers in it; ``round`` is the round's id, ``None`` for a
    search-scoped worksheet; ``preview`` is a few of its answers
    (:func:`preview`), so the reader can see what the file holds before
    confirming. Text answers lose the invisible controls
    :func:`browser_py.core.untrusted.strip_invisible` removes, with a
    warning that counts them. ``data`` is what ``storage.js``'s ``writeAll``
    writes. Nothing is written here.
    """
    warnings: list[str] = []
    try:
        document = parse_file(file_text)
        version = _header(document)
        if version == 2:
            file_rounds, file_search = _read_v2(document, warnings)
            file_current = document.get("current")
        else:
            entries = _read_v1(document, warnings) if version == 1 else _read_v0(document, warnings)
            file_rounds, file_search = _as_rounds(entries, specs)
            file_current = FIRST_ROUND
        mine = saved_data(current_saved, specs)
        my_rounds = {item.id: item for item in mine.rounds}
        unknown: list[str] = []
        misplaced: list[str] = []
        stripped = [0]  # invisible controls removed from the file's answers

        def check(
            sheets: dict[str, Entry], round_id: str | None, have: Mapping[str, object]
        ) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
            data: dict[str, dict[str, Any]] = {}
            changes: list[dict[str, Any]] = []
            for worksheet_id in sheets:
                if worksheet_id not in specs:
                    unknown.append(worksheet_id)
                elif is_search(specs[worksheet_id]) != (round_id is None):
                    misplaced.append(worksheet_id)
            for worksheet_id, worksheet in specs.items():
                if worksheet_id not in sheets or worksheet_id in misplaced:
                    continue
                if is_search(worksheet) != (round_id is None):
                    continue
                saved_at, raw_values, file_kept = sheets[worksheet_id]
                # Only what no form can show goes in unchecked (kept_values).
                kept = kept_values(file_kept, worksheet)
                if isinstance(raw_values, Mapping):
                    kept = {name: value for name, value in kept.items() if name not in raw_values}
                if len(kept) < len(file_kept):
                    warnings.append(
                        _(
                            "In {title}, the file keeps answers a form could show apart from "
                            "the others; they were not imported."
                        ).format(title=quote(worksheet.title))
                    )
                try:
                    values, retired, notes = split_values(raw_values, worksheet, strict=True)
                except SavedDataError as error:
                    raise ImportRefused(
                        # TRANSLATORS: {reason} is a whole sentence saying which answer is wrong.
                        _("{reason} Nothing was imported.").format(reason=error.message)
                    ) from None
                warnings.extend(notes)
                values, removed = _without_invisible(values)
                retired, removed_retired = _without_invisible(retired)
                stripped[0] += removed + removed_retired
                data[worksheet_id] = {
                    "schema": SCHEMA,
                    "worksheet": worksheet_id,
                    "round": round_id,
                    "saved_at": saved_at,
                    # Kept in the saved entry; the form shows only current fields.
                    "values": {**values, **retired, **kept},
                }
                changes.append(
                    {
                        "worksheet": worksheet_id,
                        "title": worksheet.title,
                        "replaces": _has_answers(have.get(worksheet_id), worksheet_id),
                        "fields": len(answered_fields(values, worksheet)),
                        "round": round_id,
                        "preview": preview(values, worksheet),
                    }
                )
            return data, changes

        out_rounds: list[dict[str, Any]] = []
        plan_rounds: list[dict[str, Any]] = []
        all_changes: list[dict[str, Any]] = []
        for meta, sheets in file_rounds:
            known = my_rounds.get(meta["id"])
            data, changes = check(sheets, meta["id"], known.saved if known else {})
            if known is not None and not data:
                continue
            out_rounds.append({**meta, "worksheets": data})
            plan_rounds.append(
                {
                    "id": meta["id"],
                    "label": (known.label if known else meta["label"]) or meta["id"],
                    "new": known is None,
                    "changes": changes,
                }
            )
            all_changes.extend(changes)
        search_data, search_changes = check(file_search, None, mine.search)
        all_changes.extend(search_changes)
        if unknown:
            warnings.append(
                _("Skipped {worksheets}: this guide has no such worksheet.").format(
                    worksheets=_quoted_list(list(dict.fromkeys(unknown)))
                )
            )
        if stripped[0]:
            warnings.append(invisible_removed(stripped[0]))
        if misplaced:
            warnings.append(
                _(
                    "Skipped {worksheets}: in this guide they are kept in another place "
                    "(a round, or shared by every round)."
                ).format(worksheets=_quoted_list(list(dict.fromkeys(misplaced))))
            )
        if not all_changes and not any(item["new"] for item in plan_rounds):
            if unknown:
                raise ImportRefused(
                    _(
                        "None of the worksheets in the file belong to this guide "
                        "({worksheets}), so there is nothing to import."
                    ).format(worksheets=_quoted_list(list(dict.fromkeys(unknown))))
                )
            raise ImportRefused(_("The file holds no worksheets, so there is nothing to import."))
    except ImportRefused as refused:
        return {"ok": False, "error": refused.message}
    ids = {item["id"] for item in out_rounds}
    return {
        "ok": True,
        "version": version,
        "migrated": version < VERSION,
        "changes": all_changes,
        "rounds": plan_rounds,
        "warnings": warnings,
        "data": {
            "current": file_current if file_current in ids else None,
            "rounds": out_rounds,
            "worksheets": search_data,
        },
    }
