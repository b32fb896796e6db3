// A worksheet form's values, and its repeatable lists.
//
// Raw values are a flat object: control name -> string, or a list of strings
// for a multi-choice field. Blank answers are left out, so what is saved is
// exactly what the reader gave. Lists (`fieldset.worksheet__list`) get "Add"
// and "Remove" buttons here; without JavaScript their rendered rows still
// work as plain fields.

import { button as newButton, el } from "./dom.js";
import { messages } from "./messages.js";

const TEXT = messages.lists;

const ROW_NAME = /^([a-z][a-z0-9_-]*)\.(\d+)\.(.+)$/;

const controls = (form) =>
  [...form.elements].filter((node) => node.name && !node.closest("template"));

// Read every answer in the form.
export function readValues(form) {
  const values = {};
  for (const control of controls(form)) {
    const { name, type } = control;
    if (type === "checkbox") {
      if (control.checked) (values[name] ??= []).push(control.value);
    } else if (type === "radio") {
      if (control.checked) values[name] = control.value;
    } else if (typeof control.value === "string" && control.value !== "") {
      values[name] = control.value;
    }
  }
  return values;
}

// Put `values` back into the form, creating list rows the values need.
export function writeValues(form, values) {
  for (const list of lists(form)) {
    let needed = 0;
    for (const name of Object.keys(values)) {
      const match = ROW_NAME.exec(name);
      if (match && match[1] === list.dataset.field) needed = Math.max(needed, Number(match[2]) + 1);
    }
    if (needed > rowCount(list)) setRowCount(list, needed);
  }
  for (const control of controls(form)) {
    const value = values[control.name];
    if (control.type === "checkbox") {
      control.checked = Array.isArray(value)
        ? value.includes(control.value)
        : value === control.value;
    } else if (control.type === "radio") {
      control.checked = value === control.value;
    } else if (control.type !== "button" && control.type !== "submit") {
      control.value = typeof value === "string" ? value : "";
    }
  }
}

// -- lists ---------------------------------------------------------------------

export const lists = (form) => [...form.querySelectorAll("fieldset.worksheet__list[data-field]")];

const rowsOf = (list) => [...list.querySelector(".worksheet__rows").children];
const rowCount = (list) => rowsOf(list).length;
const limit = (list, name, fallback) => {
  const value = Number.parseInt(list.dataset[name] ?? "", 10);
  return Number.isFinite(value) ? value : fallback;
};
const minRows = (list) => Math.max(0, limit(list, "minRows", 0));
const maxRows = (list) => Math.max(1, limit(list, "maxRows", 100));

// A new row from the list's template: {row} and {number} filled in.
function newRow(list, index) {
  const template = list.querySelector("template.worksheet__row-template");
  const fragment = template.content.cloneNode(true);
  const fill = (text) =>
    text.replaceAll("{row}", String(index)).replaceAll("{number}", String(index + 1));
  const walker = document.createTreeWalker(
    fragment,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
  );
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.data.includes("{")) node.data = fill(node.data);
    } else {
      for (const attribute of node.attributes) {
        if (attribute.value.includes("{")) attribute.value = fill(attribute.value);
      }
    }
  }
  return fragment;
}

// Grow or shrink the list to `count` rows (within its limits).
export function setRowCount(list, count) {
  const target = Math.min(maxRows(list), Math.max(count, minRows(list)));
  const rows = list.querySelector(".worksheet__rows");
  while (rows.children.length > target) rows.lastElementChild.remove();
  while (rows.children.length < target) rows.append(newRow(list, rows.children.length));
  updateButtons(list);
}

function firstControl(container) {
  return container?.querySelector("input, textarea, select") ?? null;
}

function itemLabel(list) {
  return list.dataset.itemLabel || TEXT.defaultItem;
}

function updateButtons(list) {
  const rows = rowsOf(list);
  const removable = rows.length > minRows(list);
  rows.forEach((row, index) => {
    let button = row.querySelector(":scope > .worksheet__row-remove");
    if (removable && !button) {
      button = newButton(TEXT.remove, "worksheet__row-remove");
      row.append(button);
    } else if (!removable && button) {
      button.remove();
      button = null;
    }
    if (button) {
      button.dataset.row = String(index);
      button.setAttribute("aria-label", TEXT.removeLabel(itemLabel(list), index + 1));
    }
  });
  const add = list.querySelector(":scope > .worksheet__list-add");
  if (add) {
    const full = rows.length >= maxRows(list);
    add.hidden = full;
    list.querySelector(":scope > .worksheet__list-full").hidden = !full;
  }
}

// Remove row `index`, moving the answers of the rows after it up by one.
function removeRow(form, list, index, onChange) {
  const prefix = `${list.dataset.field}.`;
  const values = readValues(form);
  const moved = {};
  for (const [name, value] of Object.entries(values)) {
    const match = ROW_NAME.exec(name);
    if (!match || `${match[1]}.` !== prefix) {
      moved[name] = value;
      continue;
    }
    const row = Number(match[2]);
    if (row === index) continue;
    moved[`${prefix}${row > index ? row - 1 : row}.${match[3]}`] = value;
  }
  setRowCount(list, rowCount(list) - 1);
  writeValues(form, moved);
  const rows = rowsOf(list);
  const next = rows[Math.min(index, rows.length - 1)];
  (firstControl(next) ?? list.querySelector(".worksheet__list-add"))?.focus();
  onChange(TEXT.removed(itemLabel(list), index + 1));
}

function addRow(list, onChange) {
  const count = rowCount(list);
  if (count >= maxRows(list)) return;
  setRowCount(list, count + 1);
  firstControl(rowsOf(list)[count])?.focus();
  onChange(TEXT.added(itemLabel(list), count + 1));
}

// Give every list in `form` its buttons. `onChange(message)` runs after a row
// is added or removed (the caller saves, recomputes and announces).
export function enhanceLists(form, onChange) {
  for (const list of lists(form)) {
    if (list.dataset.enhanced) continue;
    list.dataset.enhanced = "true";
    const add = newButton(
      list.dataset.addLabel || TEXT.add(itemLabel(list)),
      "worksheet__list-add",
    );
    const full = el("p", "worksheet__list-full", TEXT.full(maxRows(list)));
    full.hidden = true;
    list.append(add, full);
    add.addEventListener("click", () => addRow(list, onChange));
    list.querySelector(".worksheet__rows").addEventListener("click", (event) => {
      const button = event.target.closest(".worksheet__row-remove");
      if (button) removeRow(form, list, Number(button.dataset.row), onChange);
    });
    updateButtons(list);
  }
}

// -- stamps ----------------------------------------------------------------------

// A date field with `stamp: {when, is}` in the spec gets today's date when the
// single choice `when` beside it (in the same list row, or at the top level)
// is changed to one of the values in `is` and the date is still empty: the
// tracker then records the day an application reached each stage. The reader
// can change or clear the date; it is filled only while empty.
// Returns the names of the controls filled.
export function applyStamps(form, spec, changed, day) {
  if (!spec || changed?.type !== "radio" || !changed.checked) return [];
  const row = ROW_NAME.exec(changed.name);
  const fields = row
    ? spec.fields?.find((field) => field.id === row[1] && field.kind === "list")?.fields
    : spec.fields;
  const watched = row ? row[3] : changed.name;
  const filled = [];
  for (const field of fields ?? []) {
    const stamp = field.kind === "date" ? field.stamp : null;
    if (stamp?.when !== watched || !stamp.is?.includes(changed.value)) continue;
    const name = row ? `${row[1]}.${row[2]}.${field.id}` : field.id;
    const target = form.elements.namedItem(name);
    if (target instanceof HTMLInputElement && target.value === "") {
      target.value = day;
      filled.push(name);
    }
  }
  return filled;
}
