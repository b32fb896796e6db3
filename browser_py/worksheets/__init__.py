"""The worksheets, one module each, found by id: ``learning-plan`` is ``worksheets.learning_plan``.

A worksheet's module is its logic; its spec (the fence on its page) is its
form. The module provides:

* ``compute(answers, context, today) -> Outcome`` (required): the result
  blocks, the fields still ``missing``, any ``extra`` response keys, and the
  worksheet's dated ``events`` (see :class:`browser_py.core.blocks.Outcome`);
* ``CONTEXT`` (optional): ids of other worksheets whose shared data it
  reads, as ``context[id]``;
* ``share(answers)`` (optional): the data this worksheet gives the
  worksheets that name it in their ``CONTEXT`` or ``ROUNDS_CONTEXT``,
  worked out with its own spec, so no other module needs to know its fields.
* ``ROUNDS_CONTEXT`` (optional): ids of other worksheets whose shared data
  it reads from every round, as ``context[ROUNDS_CONTEXT_KEY][id]``, a list
  with one share per round, in the rounds' order
  (:data:`browser_py.core.blocks.ROUNDS_CONTEXT_KEY`). The page sends those
  rounds' answers once Python's response names them (see :mod:`browser_py.api`).
* ``progress(answers)`` (optional): one round's plain data for the progress
  across rounds (:mod:`browser_py.workbook.progress`), under the keys that
  module reads: ``feeling`` (a rating and its later check-ins), ``ratings``
  (rated areas), ``feedback`` (texts and ticked areas for the recurring
  themes) and ``applications`` (a funnel's stages and rows). The module
  documents each shape; a worksheet gives any of them, or none.
* ``progress_reads(field) -> bool`` (optional, with ``progress``): whether
  the hook reads that top-level field; a round then normalises only those
  (:func:`progress_spec`), since the progress reads every round at once.

A module is imported on its worksheet's first use, not with this package:
a first result then waits for one worksheet's module to compile, not all.
Worksheet modules never import each other.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Mapping, Sequence
from datetime import date
from types import ModuleType
from typing import Any

from browser_py.core.answers import Answers, normalise
from browser_py.core.blocks import ROUNDS_CONTEXT_KEY, Outcome
from browser_py.core.spec import ID_PATTERN, Worksheet

#: Other worksheets' saved answers: ``{id: (its spec, its raw values)}``.
Others = Mapping[str, tuple[Worksheet, Mapping[str, Any]]]

#: Other worksheets' saved answers in every round:
#: ``{id: (its spec, [its raw values in each round])}``.
AcrossRounds = Mapping[str, tuple[Worksheet, Sequence[Mapping[str, Any]]]]

#: At most this many shares are kept (one per round and worksheet read
#: across rounds): every keystroke sends every round again, and only the
#: round being typed in changes.
_SHARE_CACHE_SIZE = 512
_share_cache: dict[tuple[str, int, str], tuple[Worksheet, Any]] = {}


def module_name(worksheet_id: str) -> str:
    """The module that holds ``worksheet_id``'s logic (``-`` becomes ``_``)."""
    return f"{__name__}.{worksheet_id.replace('-', '_')}"


def module_for(worksheet_id: str) -> ModuleType | None:
    """The module of ``worksheet_id``, imported now if it was not yet, or
    ``None`` when no worksheet of that id has one."""
    if not isinstance(worksheet_id, str) or not ID_PATTERN.match(worksheet_id):
        return None
    name = module_name(worksheet_id)
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            return None
        raise
    return module if callable(getattr(module, "compute", None)) else None


def known_ids() -> list[str]:
    """The ids of every worksheet with a module here (without importing them)."""
    import pkgutil  # only the error messages list the ids; not needed at boot

    return sorted(info.name.replace("_", "-") for info in pkgutil.iter_modules(__path__))


def context_ids(worksheet_id: str) -> tuple[str, ...]:
    """The other worksheets whose shared data ``worksheet_id`` reads."""
    module = module_for(worksheet_id)
    return tuple(getattr(module, "CONTEXT", ())) if module is not None else ()


def rounds_context_ids(worksheet_id: str) -> tuple[str, ...]:
    """The other worksheets whose shared data ``worksheet_id`` reads from every round."""
    module = module_for(worksheet_id)
    return tuple(getattr(module, "ROUNDS_CONTEXT", ())) if module is not None else ()


def _share_of(other_id: str, spec: Worksheet, values: Mapping[str, Any]) -> Any:
    """What ``other_id`` shares for ``values``, remembered: the same round's
    answers arrive with every keystroke in another worksheet."""
    key = (other_id, id(spec), json.dumps(values, sort_keys=True, ensure_ascii=False))
    cached = _share_cache.get(key)
    # Keyed by the spec object's id, and holding the spec, so the id cannot
    # be another spec's while the entry exists.
    if cached is not None and cached[0] is spec:
        return cached[1]
    share = getattr(module_for(other_id), "share", None)
    result = share(normalise(spec, values)) if callable(share) else None
    if len(_share_cache) >= _SHARE_CACHE_SIZE:
        _share_cache.clear()
    _share_cache[key] = (spec, result)
    return result


def shared_context(
    worksheet_id: str, others: Others, across: AcrossRounds | None = None
) -> dict[str, Any]:
    """``context`` for ``worksheet_id``: what each worksheet it names in its
    ``CONTEXT`` shares, from that worksheet's saved answers in ``others``,
    and, under :data:`~browser_py.core.blocks.ROUNDS_CONTEXT_KEY`, what each
    it names in ``ROUNDS_CONTEXT`` shares in every round of ``across``."""
    context: dict[str, Any] = {}
    for other_id in rounds_context_ids(worksheet_id) if across else ():
        found_rounds = across.get(other_id) if across else None
        if found_rounds is None or not callable(getattr(module_for(other_id), "share", None)):
            continue
        spec, per_round = found_rounds
        context.setdefault(ROUNDS_CONTEXT_KEY, {})[other_id] = [
            _share_of(other_id, spec, values) for values in per_round
        ]
    for other_id in context_ids(worksheet_id):
        found = others.get(other_id)
        producer = module_for(other_id) if found is not None else None
        share = getattr(producer, "share", None)
        if found is None or not callable(share):
            continue
        spec, values = found
        context[other_id] = share(normalise(spec, values))
    return context


_progress_specs: dict[int, tuple[Worksheet, Worksheet]] = {}


def progress_spec(worksheet: Worksheet) -> Worksheet:
    """``worksheet`` cut to the fields its ``progress`` hook reads (its
    ``progress_reads``; the whole spec without one), made once per spec."""
    cached = _progress_specs.get(id(worksheet))
    # Holding the spec keeps its id from being another spec's meanwhile.
    if cached is not None and cached[0] is worksheet:
        return cached[1]
    reads = getattr(module_for(worksheet.id), "progress_reads", None)
    part = (
        dataclasses.replace(worksheet, fields=tuple(f for f in worksheet.fields if reads(f)))
        if callable(reads)
        else worksheet
    )
    if len(_progress_specs) >= _SHARE_CACHE_SIZE:
        _progress_specs.clear()
    _progress_specs[id(worksheet)] = (worksheet, part)
    return part


def has_progress(worksheet_id: str) -> bool:
    """Whether ``worksheet_id``'s module gives data for the progress across rounds."""
    return callable(getattr(module_for(worksheet_id), "progress", None))


def progress_data(answers: Answers) -> dict[str, Any]:
    """What the worksheet's ``progress`` hook gives for these answers, or ``{}``."""
    module = module_for(answers.worksheet.id)
    hook = getattr(module, "progress", None)
    data = hook(answers) if callable(hook) else None
    return dict(data) if isinstance(data, Mapping) else {}


def run(
    answers: Answers, others: Others, today: date, across: AcrossRounds | None = None
) -> Outcome | None:
    """Run the worksheet's ``compute`` as every caller does: ``context`` from
    ``others`` (and ``across``, every round's), and ``missing`` kept to the
    spec's own fields, in the order the worksheet gave. ``None`` when the
    worksheet has no module."""
    worksheet = answers.worksheet
    module = module_for(worksheet.id)
    if module is None:
        return None
    outcome: Outcome = module.compute(answers, shared_context(worksheet.id, others, across), today)
    field_ids = {spec.id for spec in worksheet.fields}
    missing = [field_id for field_id in outcome.missing if field_id in field_ids]
    return dataclasses.replace(outcome, missing=missing)
