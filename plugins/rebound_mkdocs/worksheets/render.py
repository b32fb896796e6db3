"""Render a validated :class:`~browser_py.core.spec.Worksheet` as a plain HTML form.

The form is complete without JavaScript: every control has a visible label,
groups are ``fieldset``/``legend``, and help text is tied to its control with
``aria-describedby``. The runtime only enhances it (saving, results, adding
rows). The markup is the public DOM contract documented in the README:

* ``<form class="worksheet" data-worksheet="ID">``
* each control has ``name="FIELD"``; list rows use ``LIST.ROW.SUB`` (row from 0)
* ``[data-worksheet-result]`` (``aria-live="polite"``) and ``[data-worksheet-status]``
* ``data-worksheet-spec`` on the form: the normalised spec as JSON

Every author string passes through :func:`html.escape`; nothing here builds
markup from unescaped text. The form's own words ("Worksheet", "Your
summary"...) come from ``text``, the build's ``rebound-site`` catalogue
(:mod:`rebound_mkdocs.utilities.site_text`); without one they are English.
"""

from __future__ import annotations

import gettext
import json
from html import escape

from browser_py.core.spec import Field, Worksheet, control_name


def dom_id(worksheet_id: str, name: str, *suffix: str) -> str:
    """The element id of a control. ``.`` cannot occur in spec ids, so
    ``ws-WORKSHEET.NAME`` is unique on the page however fields are named."""
    return ".".join((f"ws-{worksheet_id}", name, *suffix))


def _attrs(**attributes: str | int | float | bool | None) -> str:
    """Attributes in a stable order; ``None``/``False`` omitted, ``True`` bare.
    A trailing underscore is dropped (``for_``) and ``_`` becomes ``-``."""
    parts = []
    for key, value in attributes.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{escape(str(value), quote=True)}"')
    return "".join(parts)


def _number_text(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


class FormRenderer:
    """Builds the form for one worksheet. ``heading_level`` is the level of the
    worksheet's title, so the page's outline stays correct."""

    def __init__(
        self,
        worksheet: Worksheet,
        *,
        heading_level: int = 2,
        text: gettext.NullTranslations | None = None,
    ) -> None:
        self.worksheet = worksheet
        self.heading_level = heading_level
        self.text = text or gettext.NullTranslations()

    def render(self) -> str:
        _ = self.text.gettext
        ws = self.worksheet
        title_id = f"worksheet-{ws.id}-title"
        level = self.heading_level
        sub_level = min(level + 1, 6)
        intro = f'<p class="worksheet__intro">{escape(ws.intro)}</p>' if ws.intro else ""
        fields = "".join(self._field(f) for f in ws.fields)
        # The spec travels as an attribute, not a JSON <script>: Material's
        # instant navigation re-creates scripts without their type, which would
        # run the JSON as JavaScript.
        noscript = _(
            "Saving and the summary need JavaScript. You can still fill this in and print the page."
        )
        empty = _("Your summary appears here as you fill in the worksheet.")
        spec_json = json.dumps(ws.to_dict(), ensure_ascii=False, separators=(",", ":"))
        return (
            f'<form class="worksheet"{_attrs(id=f"worksheet-{ws.id}", data_worksheet=ws.id)}'
            f' aria-labelledby="{title_id}" autocomplete="off" novalidate'
            f"{_attrs(data_worksheet_spec=spec_json)}>"
            f'<div class="worksheet__header">'
            f'<p class="worksheet__eyebrow" aria-hidden="true">{escape(_("Worksheet"))}</p>'
            f'<h{level} class="worksheet__title" id="{title_id}">{escape(ws.title)}</h{level}>'
            f"{intro}"
            f'<p class="worksheet__privacy">{escape(_("Your answers stay in this browser."))}</p>'
            f"</div>"
            f'<div class="worksheet__fields">{fields}</div>'
            f'<p class="worksheet__status" data-worksheet-status role="status"></p>'
            f'<noscript><p class="worksheet__status">{escape(noscript)}</p></noscript>'
            f'<section class="worksheet__results" aria-labelledby="{title_id}-result">'
            f'<h{sub_level} class="worksheet__results-title" id="{title_id}-result">'
            f"{escape(_('Your summary'))}</h{sub_level}>"
            f'<div class="worksheet__result" data-worksheet-result aria-live="polite">'
            f'<p class="worksheet__result-empty">{escape(empty)}</p></div></section>'
            f"</form>"
        )

    # -- one field ---------------------------------------------------------

    def _field(self, spec: Field) -> str:
        if spec.kind == "list":
            return self._list(spec)
        if spec.kind in ("scale", "choice", "multi"):
            return self._group(spec, spec.id)
        return self._single(spec, spec.id)

    def _help(self, spec: Field, control_id: str) -> tuple[str, str | None]:
        if not spec.help:
            return "", None
        help_id = f"{control_id}.help"
        return f'<p class="worksheet__help" id="{help_id}">{escape(spec.help)}</p>', help_id

    def _label_text(self, spec: Field) -> str:
        required = escape(self.text.gettext("(required)"))
        marker = f' <span class="worksheet__required">{required}</span>' if spec.required else ""
        return f"{escape(spec.label)}{marker}"

    def _single(self, spec: Field, name: str) -> str:
        control_id = dom_id(self.worksheet.id, name)
        help_html, help_id = self._help(spec, control_id)
        described = [help_id] if help_id else []
        unit_html = ""
        if spec.kind == "number" and spec.unit:
            unit_id = f"{control_id}.unit"
            unit_html = f'<span class="worksheet__unit" id="{unit_id}">{escape(spec.unit)}</span>'
            described.append(unit_id)
        common = {
            "id": control_id,
            "name": name,
            "aria_describedby": " ".join(described) or None,
            "aria_required": "true" if spec.required else None,
        }
        if spec.kind == "textarea":
            attrs = _attrs(
                **common,
                rows=spec.rows,
                maxlength=spec.max_length,
                placeholder=spec.placeholder or None,
            )
            control = f"<textarea{attrs}></textarea>"
        elif spec.kind == "text":
            attrs = _attrs(
                **common, maxlength=spec.max_length, placeholder=spec.placeholder or None
            )
            control = f'<input type="text"{attrs}>'
        elif spec.kind == "date":
            control = f'<input type="date"{_attrs(**common)}>'
        else:  # number
            attrs = _attrs(
                **common,
                inputmode="decimal",
                min=_number_text(spec.min),
                max=_number_text(spec.max),
                step=_number_text(spec.step) or "any",
            )
            control = f'<input type="number"{attrs}>'
        return (
            f'<div class="worksheet__field"{_attrs(data_field=name, data_kind=spec.kind)}>'
            f'<label for="{escape(control_id)}">{self._label_text(spec)}</label>'
            f'{help_html}<div class="worksheet__control">{control}{unit_html}</div></div>'
        )

    def _group(self, spec: Field, name: str) -> str:
        """Scales, single and multiple choices: a fieldset of radios or boxes."""
        group_id = dom_id(self.worksheet.id, name)
        help_html, help_id = self._help(spec, group_id)
        input_type = "checkbox" if spec.kind == "multi" else "radio"
        items = []
        if spec.kind == "scale":
            values = spec.scale_values()
            for value in values:
                anchor = ""
                if value == values[0]:
                    anchor = spec.min_label
                elif value == values[-1]:
                    anchor = spec.max_label
                option_id = dom_id(self.worksheet.id, name, str(value))
                anchor_html = (
                    f'<span class="worksheet__anchor">{escape(anchor)}</span>' if anchor else ""
                )
                items.append(
                    f'<label class="worksheet__point" for="{escape(option_id)}">'
                    f'<input type="radio"{_attrs(id=option_id, name=name, value=value)}>'
                    f'<span class="worksheet__point-value">{value}</span>{anchor_html}</label>'
                )
            layout = "worksheet__scale"
        else:
            for option in spec.options:
                option_id = dom_id(self.worksheet.id, name, option.value)
                items.append(
                    f'<label class="worksheet__option" for="{escape(option_id)}">'
                    f'<input type="{input_type}"'
                    f"{_attrs(id=option_id, name=name, value=option.value)}>"
                    f"<span>{escape(option.label)}</span></label>"
                )
            layout = "worksheet__options"
        attrs = _attrs(id=group_id, data_field=name, data_kind=spec.kind, aria_describedby=help_id)
        return (
            f'<fieldset class="worksheet__field worksheet__group"{attrs}>'
            f"<legend>{self._label_text(spec)}</legend>{help_html}"
            f'<div class="{layout}">{"".join(items)}</div></fieldset>'
        )

    def _list(self, spec: Field) -> str:
        """A repeatable list: as many rows as ``min_rows`` (at least one) in
        plain HTML, plus an inert ``<template>`` the runtime clones to add rows
        (``{row}`` and ``{number}`` are replaced there)."""
        list_id = dom_id(self.worksheet.id, spec.id)
        help_html, help_id = self._help(spec, list_id)
        rows = "".join(self._row(spec, row) for row in range(max(spec.min_rows, 1)))
        template = self._row(spec, None)
        attrs = _attrs(
            id=list_id,
            data_field=spec.id,
            data_kind="list",
            data_min_rows=spec.min_rows,
            data_max_rows=spec.max_rows,
            data_item_label=spec.item_label,
            data_add_label=spec.add_label,
            aria_describedby=help_id,
        )
        return (
            f'<fieldset class="worksheet__field worksheet__list"{attrs}>'
            f"<legend>{self._label_text(spec)}</legend>{help_html}"
            f'<ol class="worksheet__rows">{rows}</ol>'
            f'<template class="worksheet__row-template">{template}</template>'
            f"</fieldset>"
        )

    def _row(self, spec: Field, row: int | None) -> str:
        """One row of a list; ``row=None`` renders the template row."""
        index = "{row}" if row is None else str(row)
        number = "{number}" if row is None else str(row + 1)
        # TRANSLATORS: a list row's heading, "Application 2"; {number} is
        # also the runtime's placeholder in the row template.
        pattern = self.text.gettext("{item_label} {number}")
        legend = pattern.format(item_label=escape(spec.item_label), number=number)
        cells = []
        for sub in spec.fields:
            name = (
                f"{spec.id}.{index}.{sub.id}" if row is None else control_name(spec.id, row, sub.id)
            )
            if sub.kind in ("scale", "choice", "multi"):
                cells.append(self._group(sub, name))
            else:
                cells.append(self._single(sub, name))
        return (
            f'<li class="worksheet__row" data-row="{index}">'
            f'<fieldset class="worksheet__row-fields"><legend class="worksheet__row-legend">'
            f"{legend}</legend>{''.join(cells)}</fieldset></li>"
        )
