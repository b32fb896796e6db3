"""Progress across rounds: how the feelings, the ratings, the feedback and the search move.

A *round* is one pass through the steps for one rejection. This module
reads the saved data of every round, in the shape the page's
``storage.snapshot()`` gives (schema 2)::

    {"current": "r0",
     "rounds": [{"id": "r0", "label": "First round", "company": "", "role": "",
                 "date": "2026-11-20", "created": "2026-11-20T18:04:11.512Z",
                 "worksheets": {"feelings": {"saved_at": ISO, "values": {raw values}}}}],
     "worksheets": {"tracker": {"saved_at": ISO, "values": {raw values}}}}

Top-level ``worksheets`` are the search-scoped ones (one copy for the whole
job search, such as the tracker). No worksheet is named here: each
worksheet's module gives its round's plain data through its ``progress``
hook (see :mod:`browser_py.worksheets`), under these keys:

``feeling``
    ``{"start": int or None, "checkins": [{"date": ISO or "", "value": int}],
    "low": int, "high": int}``: the first rating and the later check-ins, in
    date order.
``ratings``
    ``[{"area": id, "label": str, "value": int, "low": int, "high": int}]``.
``feedback``
    ``{"texts": [str], "areas": [area ids]}``: the feedback in the reader's
    words and the areas they ticked, for :mod:`browser_py.core.themes`.
``applications``
    ``{"stages": [{"id", "label"}], "rows": [{"current": index or None,
    "closed": value or "", "closed_label": str, "dates": [ISO or "" per
    stage], "closed_on": ISO or "", "source": label or ""}]}``.

The rules, which the page states beside each result:

* **Settled.** A round's feeling has *settled* at its first rating, or
  first later check-in, at or below :data:`SETTLED_SHARE` of its scale
  (3 on a 0 to 10 scale). The days until it settled run from the round's
  date (the day the reader heard), or, with no date, from the day the
  round was created; a first rating already that low counts as 0 days.
* **Funnel.** An application reached a stage when it is at that stage or
  a later one now, or when it has a date for that stage. A row that was
  turned down or withdrawn reached the last stage it has a date for
  (applied when it has none: it was sent, at least). Where a stage was
  reached but no date records it (rows saved before the stage dates
  existed), the date counts as unknown, and the page says how many.
  Each stage's rate is the share of the previous stage's applications
  that reached it.
* **Themes.** See :mod:`browser_py.core.themes`.

Every function below runs once per round or per row, so the cost grows in
step with the number of rounds (no loop over pairs of rounds).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from browser_py import worksheets
from browser_py.core import blocks, charts, themes
from browser_py.core.answers import normalise
from browser_py.core.blocks import Block
from browser_py.core.dates import day_month, parse_iso, parse_timestamp
from browser_py.core.i18n import _, ngettext
from browser_py.core.manifest import Step, specs_of
from browser_py.core.request import RequestError
from browser_py.core.spec import Worksheet
from browser_py.core.wording import join_words, percent, round_label

#: A feeling has settled at or below this share of its scale (3 of 0..10).
SETTLED_SHARE = 0.3
#: Charts show at most this many rounds, the latest; the tables show all.
CHART_ROUNDS = 12
#: Line charts of the check-ins, one per round, for the latest few rounds.
FEELING_CHARTS = 3
#: Themes listed (and charted), most mentioned first.
TOP_THEMES = 5
#: How many themes feed the learning plan's suggested focus.
FOCUS_THEMES = 2
#: At most this many rounds are read (a saved-data size guard, not a goal).
MAX_ROUNDS = 500


@dataclass(slots=True)
class Round:
    """One round's identity and the data its worksheets gave."""

    id: str
    label: str
    start: date | None
    data: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------
# Reading the snapshot
# --------------------------------------------------------------------------


def _values(entry: object) -> dict[str, Any] | None:
    if isinstance(entry, Mapping) and isinstance(entry.get("values"), Mapping):
        return dict(entry["values"])
    return None


def _hooks(saved: object, specs: Mapping[str, Worksheet]) -> dict[str, Any]:
    """The merged ``progress`` data of the worksheets in ``saved`` (``specs``:
    only the worksheets that give any, so no round normalises the others)."""
    data: dict[str, Any] = {}
    if not isinstance(saved, Mapping):
        return data
    for worksheet_id, worksheet in specs.items():
        values = _values(saved.get(worksheet_id))
        if values is None:
            continue
        data.update(worksheets.progress_data(normalise(worksheet, values)))
    return data


def read_rounds(snapshot: object, specs: Mapping[str, Worksheet]) -> tuple[list[Round], dict]:
    """``(rounds in creation order, the search-scoped data)`` from a snapshot."""
    # Only the worksheets that give progress data, cut to the fields their
    # hooks read: every round is normalised, so the rest would be wasted work.
    specs = {
        ws: worksheets.progress_spec(spec)
        for ws, spec in specs.items()
        if worksheets.has_progress(ws)
    }
    if not isinstance(snapshot, Mapping):
        raise RequestError(_("'snapshot' must be the saved rounds, as an object"))
    raw_rounds = snapshot.get("rounds", [])
    if not isinstance(raw_rounds, list):
        raise RequestError(_("'rounds' must be a list of rounds"))
    if len(raw_rounds) > MAX_ROUNDS:
        raise RequestError(
            _("there are more than {count} rounds; progress reads at most that many").format(
                count=MAX_ROUNDS
            )
        )
    rounds = []
    for position, item in enumerate(raw_rounds, start=1):
        if not isinstance(item, Mapping):
            continue
        label = round_label(str(item.get("label") or "").strip()) or _("Round {number}").format(
            number=position
        )
        start = parse_iso(str(item.get("date") or ""))
        if start is None:
            created = parse_timestamp(item.get("created"))
            start = created.date() if created is not None else None
        rounds.append(
            Round(str(item.get("id", "")), label, start, _hooks(item.get("worksheets"), specs))
        )
    return rounds, _hooks(snapshot.get("worksheets"), specs)


# --------------------------------------------------------------------------
# Feelings
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settling:
    """How one round's feeling went: its ratings in order, and when it settled."""

    points: list[tuple[str, int]]
    threshold: int
    settled_days: int | None
    settled: bool


def settled_at(low: int, high: int) -> int:
    """The highest rating that counts as settled on a ``low..high`` scale."""
    return int(low + (high - low) * SETTLED_SHARE)


def settling(feeling: Mapping[str, Any], start: date | None) -> Settling:
    """The points of a round's feeling and when it settled (see the module
    docstring for the rule). ``settled_days`` is ``None`` when it has not
    settled, or settled at a check-in without a date, or the round has no
    start date."""
    low, high = int(feeling.get("low", 0)), int(feeling.get("high", 10))
    threshold = settled_at(low, high)
    points: list[tuple[str, int]] = []
    first = feeling.get("start")
    settled, days = False, None
    if isinstance(first, int):
        # TRANSLATORS: a chart label, the first rating of a round.
        points.append((_("First"), first))
        if first <= threshold:
            settled, days = True, 0
    for number, item in enumerate(feeling.get("checkins", []), start=1):
        value = item.get("value")
        if not isinstance(value, int):
            continue
        day = parse_iso(str(item.get("date") or ""))
        points.append(
            (day_month(day) if day else _("Check-in {number}").format(number=number), value)
        )
        if not settled and value <= threshold:
            settled = True
            days = (day - start).days if day is not None and start is not None else None
            if days is not None and days < 0:
                days = None
    return Settling(points, threshold, days, settled)


def _feeling_blocks(rounds: Sequence[Round], today: date) -> list[Block]:
    found = [
        (item, settling(item.data["feeling"], item.start))
        for item in rounds
        if "feeling" in item.data
    ]
    found = [(item, result) for item, result in found if result.points]
    if not found:
        return [
            blocks.paragraph(
                _("No feelings check-in yet. Rate the feeling in step 1 to see it change here.")
            )
        ]
    threshold = found[-1][1].threshold
    out: list[Block] = [
        blocks.heading(_("How the feeling settled")),
        blocks.paragraph(
            _(
                "A feeling counts as settled at the first rating of {threshold} or lower. "
                "Days are counted from the round's date, or from the day you started the "
                "round when it has none."
            ).format(threshold=threshold)
        ),
    ]
    for item, result in found[-FEELING_CHARTS:]:
        if len(result.points) < 2:
            continue
        described = "; ".join(f"{label}: {value}" for label, value in result.points)
        svg = charts.line_chart(
            f"progress-feeling-{item.id}",
            _("Feeling in {round}").format(round=item.label),
            _("How strong the feeling was at each check-in. {points}.").format(points=described),
            result.points,
            int(item.data["feeling"].get("low", 0)),
            int(item.data["feeling"].get("high", 10)),
        )
        out.append(
            blocks.figure(svg, _("The feeling at each check-in, {round}.").format(round=item.label))
        )
    rows = []
    for item, result in found:
        values = ", ".join(str(value) for _label, value in result.points)
        if not result.settled and item.start is not None and item.start <= today:
            so_far = (today - item.start).days
            settled = ngettext(
                "not yet ({count} day so far)", "not yet ({count} days so far)", so_far
            ).format(count=so_far)
        elif not result.settled:
            settled = _("not yet")
        elif result.settled_days is None:
            settled = _("yes, date unknown")
        else:
            settled = ngettext(
                "after {count} day", "after {count} days", result.settled_days
            ).format(count=result.settled_days)
        rows.append([item.label, values, settled])
    out.append(
        blocks.table(
            _("The feeling in each round"),
            [_("Round"), _("Ratings, first to last"), _("Settled")],
            rows,
        )
    )
    timed = [(item, result) for item, result in found if result.settled_days is not None]
    if len(timed) >= 2:
        columns = [(item.label, float(result.settled_days or 0)) for item, result in timed][
            -CHART_ROUNDS:
        ]
        svg = charts.column_chart(
            "progress-settled",
            _("Days until the feeling settled"),
            _("Days until the feeling settled, by round. {rounds}.").format(
                rounds="; ".join(f"{label}: {int(value)}" for label, value in columns)
            ),
            columns,
        )
        out.append(blocks.figure(svg, _("Days until the feeling settled, in each round.")))
    return out


# --------------------------------------------------------------------------
# Reflection ratings
# --------------------------------------------------------------------------


def ratings_by_round(
    rounds: Sequence[Round],
) -> tuple[list[tuple[str, str]], list[tuple[Round, dict[str, int]]]]:
    """``(areas as (id, label) in first-seen order, [(round, {area: rating})])``
    for the rounds with any rating."""
    areas: dict[str, str] = {}
    out = []
    for item in rounds:
        found = {}
        for rating in item.data.get("ratings", []):
            areas.setdefault(rating["area"], rating["label"])
            found[rating["area"]] = rating["value"]
        if found:
            out.append((item, found))
    return list(areas.items()), out


def _ratings_blocks(rounds: Sequence[Round]) -> list[Block]:
    areas, rated = ratings_by_round(rounds)
    if not rated:
        return [
            blocks.paragraph(
                _("No reflection ratings yet. Rate the areas in step 3 to compare rounds here.")
            )
        ]
    out: list[Block] = [blocks.heading(_("Your reflection ratings"))]
    high = max(
        (rating["high"] for item in rounds for rating in item.data.get("ratings", [])), default=5
    )
    latest_round, latest = rated[-1]
    previous = rated[-2][1] if len(rated) > 1 else {}
    bars = []
    for area, label in areas:
        value = latest.get(area)
        text = "" if value is None else str(value)
        if value is not None and area in previous:
            change = value - previous[area]
            text += f" ({change:+d})" if change else ""
        bars.append((label, float(value) if value is not None else None, text))
    svg = charts.bar_rows(
        "progress-ratings",
        _("Ratings in {round}").format(round=latest_round.label),
        _(
            "How prepared you felt in each area, out of {high}; in brackets, "
            "the change since the round before."
        ).format(high=high)
        + " "
        + "; ".join(f"{label}: {text or '-'}" for label, _value, text in bars),
        bars,
        high,
        marks=[area in previous and latest.get(area, 0) > previous[area] for area, _label in areas],
    )
    out.append(
        blocks.figure(
            svg,
            _(
                "Ratings in your latest rated round; highlighted bars went up "
                "since the round before."
            ),
        )
    )
    out.append(
        blocks.table(
            _("Ratings in each round, out of {high}").format(high=high),
            [_("Round"), *[label for _area, label in areas]],
            [
                [item.label, *[str(found[area]) if area in found else "" for area, _label in areas]]
                for item, found in rated
            ],
        )
    )
    return out


# --------------------------------------------------------------------------
# Recurring feedback themes
# --------------------------------------------------------------------------


def theme_counts(rounds: Sequence[Round]) -> tuple[dict[str, int], dict[str, int]]:
    """``(mentions by theme, rounds mentioning it)`` across every round."""
    counts: dict[str, int] = {}
    in_rounds: dict[str, int] = {}
    for item in rounds:
        feedback = item.data.get("feedback")
        if not isinstance(feedback, Mapping):
            continue
        found = themes.count_themes(feedback.get("texts", []), feedback.get("areas", []))
        for theme_id, count in found.items():
            counts[theme_id] = counts.get(theme_id, 0) + count
            in_rounds[theme_id] = in_rounds.get(theme_id, 0) + 1
    return counts, in_rounds


def suggested_focus(counts: Mapping[str, int], areas: Sequence[str]) -> list[str]:
    """The top recurring themes (``counts``: mentions by theme, from
    :func:`theme_counts`) that are also ``areas`` a learning plan can work
    on: at most :data:`FOCUS_THEMES`, most mentioned first."""
    return [theme for theme in themes.ranked(counts) if theme in areas][:FOCUS_THEMES]


def _theme_blocks(
    counts: dict[str, int], in_rounds: dict[str, int]
) -> tuple[list[Block], list[str]]:
    top = themes.ranked(counts)[:TOP_THEMES]
    if not top:
        return [
            blocks.paragraph(
                _(
                    "No feedback themes yet. Note the feedback in its own words in step 3, or "
                    "tick the areas it pointed to."
                )
            )
        ], []
    out: list[Block] = [
        blocks.heading(_("What the feedback keeps pointing to")),
        blocks.paragraph(
            _(
                "Themes are found by fixed keywords in the feedback you noted in step 3, plus "
                "the areas you ticked there. Each note counts once per theme."
            )
        ),
    ]
    labels = {theme: _(themes.label_of(theme)) for theme in top}
    rows = [(labels[theme], float(counts[theme]), str(counts[theme])) for theme in top]
    svg = charts.bar_rows(
        "progress-themes",
        _("Recurring feedback themes"),
        _("How often each theme came up. {themes}.").format(
            themes="; ".join(f"{label}: {text}" for label, _value, text in rows)
        ),
        rows,
        max(counts[theme] for theme in top),
    )
    out.append(blocks.figure(svg, _("The themes your feedback mentions most.")))
    out.append(
        blocks.table(
            _("Feedback themes"),
            [_("Theme"), _("Mentions"), _("Rounds")],
            [[labels[theme], str(counts[theme]), str(in_rounds[theme])] for theme in top],
        )
    )
    return out, top


# --------------------------------------------------------------------------
# The tracker's funnel
# --------------------------------------------------------------------------


@dataclass(slots=True)
class Funnel:
    """Counts per funnel stage (all lists are one entry per stage)."""

    stages: list[str]
    reached: list[int]
    unknown: list[int]
    dropped: dict[str, list[int]]
    by_source: dict[str, list[int]]

    def rates(self) -> list[str]:
        """Each stage's share of the previous stage's applications ("" first)."""
        return [""] + [
            percent(self.reached[index], self.reached[index - 1]) if self.reached[index - 1] else ""
            for index in range(1, len(self.reached))
        ]


def reached_stage(row: Mapping[str, Any]) -> int:
    """The index of the last funnel stage ``row`` reached (see the module docstring)."""
    dated = [index for index, day in enumerate(row.get("dates", [])) if day]
    current = row.get("current")
    last = max(dated, default=0)
    return max(current, last) if isinstance(current, int) else last


def funnel(applications: Mapping[str, Any]) -> Funnel:
    """The funnel of the tracker's rows."""
    stages = [str(stage.get("label", "")) for stage in applications.get("stages", [])]
    size = len(stages)
    reached, unknown = [0] * size, [0] * size
    dropped: dict[str, list[int]] = {}
    by_source: dict[str, list[int]] = {}
    for row in applications.get("rows", []):
        if row.get("current") is None and not row.get("closed"):
            continue  # a stage this version does not know
        last = min(reached_stage(row), size - 1)
        dates = row.get("dates", [])
        source = row.get("source") or _("Not given")
        counts = by_source.setdefault(source, [0] * size)
        for index in range(last + 1):
            reached[index] += 1
            counts[index] += 1
            if index >= len(dates) or not dates[index]:
                unknown[index] += 1
        if row.get("closed"):
            label = row.get("closed_label") or row["closed"]
            dropped.setdefault(label, [0] * size)[last] += 1
    return Funnel(stages, reached, unknown, dropped, by_source)


def _funnel_blocks(applications: Mapping[str, Any] | None) -> list[Block]:
    result = funnel(applications) if isinstance(applications, Mapping) else None
    if result is None or not result.reached or not result.reached[0]:
        return [
            blocks.paragraph(
                _(
                    "No applications logged yet. Log them in the tracker in step 6 "
                    "to see your funnel."
                )
            )
        ]
    out: list[Block] = [
        blocks.heading(_("Your application funnel")),
        blocks.paragraph(
            _(
                "An application counts at a stage when it is there now or went further, or "
                "has a date for it. One that was turned down or withdrawn counts up to the "
                "last stage it has a date for."
            )
        ),
    ]
    rates = result.rates()
    columns = list(zip(result.stages, [float(count) for count in result.reached], strict=True))
    svg = charts.column_chart(
        "progress-funnel",
        _("Applications at each stage"),
        _("How many applications reached each stage. {stages}.").format(
            stages="; ".join(f"{label}: {int(value)}" for label, value in columns)
        ),
        columns,
    )
    out.append(blocks.figure(svg, _("How many applications reached each stage.")))
    out.append(
        blocks.table(
            _("Applications at each stage"),
            [_("Stage"), _("Reached"), _("Of the stage before"), _("Date not recorded")],
            [
                [stage, str(result.reached[index]), rates[index], str(result.unknown[index])]
                for index, stage in enumerate(result.stages)
            ],
        )
    )
    missing = sum(result.unknown)
    if missing:
        out.append(
            blocks.notice(
                ngettext(
                    "{count} stage date is unknown: the application reached the stage, but "
                    "no date was recorded (rows saved before the stage dates existed have "
                    "none). Add it in the tracker if you know it.",
                    "{count} stage dates are unknown: the applications reached those stages, "
                    "but no date was recorded (rows saved before the stage dates existed have "
                    "none). Add them in the tracker if you know them.",
                    missing,
                ).format(count=missing)
            )
        )
    if result.dropped:
        out.append(
            blocks.table(
                _("Where applications stopped"),
                [_("Last stage reached"), *result.dropped],
                [
                    [stage, *[str(counts[index]) for counts in result.dropped.values()]]
                    for index, stage in enumerate(result.stages)
                ],
            )
        )
        stops = [
            (stage, sum(counts[index] for counts in result.dropped.values()))
            for index, stage in enumerate(result.stages)
        ]
        most = max(stops, key=lambda pair: pair[1])
        out.append(
            blocks.paragraph(
                _("Most applications that stopped got as far as: {stage}.").format(stage=most[0])
            )
        )
    out.append(
        blocks.table(
            _("Applications at each stage, by where you found them"),
            [_("Source"), *result.stages],
            [[source, *map(str, counts)] for source, counts in result.by_source.items()],
        )
    )
    return out


# --------------------------------------------------------------------------
# The action
# --------------------------------------------------------------------------


def build_progress(snapshot: object, steps: Sequence[Step], today: date) -> dict[str, Any]:
    """``{"ok": True, "rounds": count, "blocks": [...], "focus": [area ids]}``."""
    rounds, search = read_rounds(snapshot, specs_of(steps))
    with_data = [item for item in rounds if item.data]
    out: list[Block] = [
        blocks.paragraph(
            ngettext(
                "Across {count} round with answers.",
                "Across {count} rounds with answers.",
                len(with_data),
            ).format(count=len(with_data))
        )
    ]
    out += _feeling_blocks(rounds, today)
    out += _ratings_blocks(rounds)
    counts, in_rounds = theme_counts(rounds)  # once: it reads every note
    theme_blocks, _top = _theme_blocks(counts, in_rounds)
    out += theme_blocks
    focus = suggested_focus(counts, themes.area_ids())
    if focus:
        names = [_(themes.label_of(theme)) for theme in focus]
        out.append(
            blocks.notice(
                ngettext(
                    "A suggested focus for your learning plan: {areas}. Your feedback came "
                    "back to it most often.",
                    "A suggested focus for your learning plan: {areas}. Your feedback came "
                    "back to them most often.",
                    len(names),
                ).format(areas=join_words(names))
            )
        )
    applications = search.get("applications")
    if applications is None:  # a tracker kept per round: the latest round's
        applications = next(
            (item.data["applications"] for item in reversed(rounds) if "applications" in item.data),
            None,
        )
    out += _funnel_blocks(applications)
    return {"ok": True, "rounds": len(with_data), "blocks": out, "focus": focus}
