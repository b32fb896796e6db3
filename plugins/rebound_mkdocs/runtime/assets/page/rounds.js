// The round bar: which round of the job search this page shows, a picker
// for the others, and starting, renaming or deleting a round. A round is
// one pass through the six steps for one rejection (storage.js keeps them).
//
// Shown only with JavaScript: the bar is built here, above the first
// worksheet of a step page and above the workbook. Without it the page
// works as before, with one set of answers.
//
// DOM contract (README): the picker is a labelled `select[data-round-picker]`
// whose values are round ids; any `[data-action="new-round"]` button opens
// the new-round form (prefilled from its data-company and data-role), so
// the tracker's "Start a round for this" uses the same path.
//
// Events on document: "rebound:round" {round, editable, deleted} when the round shown
// or its editability changes (worksheets.js reloads its forms);
// "rebound:storage-space" {problem: "nearly-full" | "full", ratio} is
// listened to here and offers export and archiving.

import { languageFiles, siteUrl } from "../layout.js";
import { button, download, el, framed } from "./dom.js";
import { messages } from "./messages.js";
import * as storage from "./storage.js";
import * as runtime from "./runtime.js";

const TEXT = messages.rounds;

let bar = null; // the bar on the page shown now

function emit(deleted = []) {
  document.dispatchEvent(
    new CustomEvent("rebound:round", {
      detail: { round: storage.viewing(), editable: storage.editable(), deleted },
    }),
  );
}

function labelOf(round, number) {
  return round?.label || TEXT.defaultLabel(number);
}

class RoundBar {
  constructor(anchor) {
    this.anchor = anchor;
    this.root = el("section", "rebound-rounds");
    this.root.setAttribute("aria-labelledby", "rebound-rounds-title");
    this.root.dataset.roundBar = "";
    this.build();
    anchor.before(this.root);
    this.render();
  }

  build() {
    const title = el("h2", "rebound-rounds__title", TEXT.barLabel);
    title.id = "rebound-rounds-title";
    this.where = el("p", "rebound-rounds__where");
    this.where.dataset.roundWhere = "";
    this.picker = el("select", "rebound-rounds__picker");
    this.picker.id = "rebound-round-picker";
    this.picker.dataset.roundPicker = "";
    const pickerLabel = el("label", "rebound-rounds__label", TEXT.picker);
    pickerLabel.htmlFor = this.picker.id;
    this.picker.addEventListener("change", () => this.choose(this.picker.value));

    this.newButton = button(TEXT.newRound, "rebound-rounds__new");
    this.newButton.dataset.action = "new-round";
    this.renameButton = button(TEXT.rename, "rebound-rounds__rename");
    this.renameButton.dataset.action = "rename-round";
    this.renameButton.addEventListener("click", () => this.openForm("rename"));
    this.deleteButton = button(TEXT.remove, "rebound-rounds__delete");
    this.deleteButton.dataset.action = "delete-round";
    this.deleteButton.addEventListener("click", () => this.confirmDelete());
    this.editButton = button(TEXT.edit, "rebound-rounds__edit");
    this.editButton.dataset.action = "edit-round";
    this.editButton.addEventListener("click", () => {
      storage.show(storage.viewing(), true);
      this.render();
      emit();
    });
    this.readOnly = el("p", "rebound-rounds__mode");
    this.readOnly.dataset.roundMode = "";

    this.form = this.buildForm();
    this.form.hidden = true;
    this.dialog = this.buildDialog();
    this.space = el("div", "rebound-rounds__space");
    this.space.hidden = true;
    this.status = el("p", "rebound-rounds__status");
    this.status.setAttribute("role", "status");
    // Another tab started a round: this tab stays where it is (storage.viewing
    // pins it) and offers the new one.
    this.elsewhere = el("p", "rebound-rounds__elsewhere");
    this.elsewhere.dataset.roundElsewhere = "";
    this.elsewhere.hidden = true;
    this.elsewhereText = el("span");
    this.elsewhereButton = button(TEXT.showNewRound, "rebound-rounds__show-new");
    this.elsewhereButton.addEventListener("click", () => {
      const { current } = storage.rounds();
      this.elsewhere.hidden = true;
      this.choose(current);
      this.picker.focus();
    });
    this.elsewhere.append(this.elsewhereText, " ", this.elsewhereButton);

    this.root.append(
      title,
      this.where,
      el("p", "rebound-rounds__pick", undefined, pickerLabel, " ", this.picker),
      el(
        "p",
        "rebound-rounds__actions",
        undefined,
        this.newButton,
        " ",
        this.renameButton,
        " ",
        this.deleteButton,
        " ",
        this.editButton,
      ),
      this.readOnly,
      this.elsewhere,
      this.form,
      this.space,
      this.status,
      this.dialog,
    );
  }

  buildForm() {
    const form = el("form", "rebound-rounds__form");
    form.noValidate = true;
    this.formTitle = el("h3", "rebound-rounds__form-title");
    this.formTitle.id = "rebound-round-form-title";
    this.formTitle.tabIndex = -1;
    form.setAttribute("aria-labelledby", this.formTitle.id);
    const input = (name, label, type = "text", help = "") => {
      const control = el("input", "rebound-rounds__input");
      control.type = type;
      // No `name`: the page's worksheets own the field names (company, role...).
      control.id = `rebound-round-${name}`;
      if (type === "text") control.maxLength = 120;
      control.autocomplete = "off";
      const tag = el("label", "rebound-rounds__label", label);
      tag.htmlFor = control.id;
      const row = el("p", "rebound-rounds__field", undefined, tag, el("br"), control);
      if (help) {
        const hint = el("span", "rebound-rounds__help", help);
        hint.id = `${control.id}-help`;
        control.setAttribute("aria-describedby", hint.id);
        row.append(el("br"), hint);
      }
      return { control, row };
    };
    const label = input("label", TEXT.label, "text", TEXT.labelHelp);
    const company = input("company", TEXT.company);
    const role = input("role", TEXT.role);
    const date = input("date", TEXT.date, "date");
    this.inputs = {
      label: label.control,
      company: company.control,
      role: role.control,
      date: date.control,
    };
    this.submit = el("button", "worksheet__button rebound-rounds__submit", TEXT.create);
    this.submit.type = "submit";
    const cancel = button(TEXT.cancel, "rebound-rounds__cancel");
    cancel.addEventListener("click", () => this.closeForm(true));
    this.formIntro = el("p", "rebound-rounds__intro", TEXT.formIntro);
    form.append(
      this.formTitle,
      this.formIntro,
      label.row,
      company.row,
      role.row,
      date.row,
      el("p", "", undefined, this.submit, " ", cancel),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submitForm();
    });
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.closeForm(true);
    });
    return form;
  }

  buildDialog() {
    const dialog = el("dialog", "rebound-rounds__dialog");
    dialog.setAttribute("aria-labelledby", "rebound-round-confirm-title");
    const title = el("h3", "", TEXT.confirmTitle);
    title.id = "rebound-round-confirm-title";
    this.dialogText = el("p");
    const confirm = button(TEXT.deleteButton, "rebound-rounds__confirm");
    const cancel = button(TEXT.cancel, "rebound-rounds__confirm-cancel");
    cancel.autofocus = true;
    cancel.addEventListener("click", () => dialog.close("cancel"));
    confirm.addEventListener("click", () => dialog.close("confirm"));
    dialog.append(title, this.dialogText, el("p", "", undefined, confirm, " ", cancel));
    return dialog;
  }

  say(text) {
    this.status.textContent = text;
  }

  // Show the rounds as they are stored now.
  render() {
    const { current, rounds } = storage.rounds();
    const shown = storage.viewing();
    const list = rounds.length ? rounds : [{ id: current, label: TEXT.firstRound }];
    const position = Math.max(
      0,
      list.findIndex((round) => round.id === shown),
    );
    const round = list[position];
    const label = labelOf(round, position + 1);
    this.where.textContent = TEXT.where(position + 1, list.length, label);
    const options = list.map((item, index) => {
      const option = el(
        "option",
        "",
        TEXT.pickerOption(index + 1, labelOf(item, index + 1), item.id === current),
      );
      option.value = item.id;
      option.selected = item.id === shown;
      return option;
    });
    this.picker.replaceChildren(...options);
    this.picker.value = round.id;
    const editable = storage.editable();
    const earlier = shown !== current;
    this.editButton.hidden = !earlier || editable;
    this.deleteButton.disabled = !rounds.length;
    this.renameButton.disabled = !rounds.length;
    this.readOnly.textContent = earlier ? (editable ? TEXT.editing : TEXT.readOnly) : "";
    this.readOnly.hidden = !earlier;
    this.root.dataset.round = round.id;
    this.root.dataset.editable = String(editable);
    if (shown === current) this.elsewhere.hidden = true;
    this.seenCurrent ??= current;
  }

  // The index changed in another tab: a new current round this tab does not
  // show is offered, never switched to.
  otherTab() {
    const { current, rounds } = storage.rounds();
    const before = this.seenCurrent;
    this.seenCurrent = current;
    this.render();
    if (current === before || current === storage.viewing()) return;
    const index = rounds.findIndex((round) => round.id === current);
    if (index < 0) return;
    this.elsewhereText.textContent = TEXT.startedElsewhere(labelOf(rounds[index], index + 1));
    this.elsewhere.hidden = false;
  }

  choose(id) {
    storage.show(id);
    this.render();
    const { rounds } = storage.rounds();
    const index = rounds.findIndex((round) => round.id === id);
    this.say(TEXT.switched(labelOf(rounds[index], index + 1)));
    emit();
  }

  // The new-round form (mode "new", prefilled from `fields`) or the rename form.
  openForm(mode, fields = {}) {
    this.mode = mode;
    const { rounds } = storage.rounds();
    const round = rounds.find((item) => item.id === storage.viewing());
    const values =
      mode === "rename"
        ? { label: round?.label, company: round?.company, role: round?.role, date: round?.date }
        : fields;
    for (const [name, control] of Object.entries(this.inputs)) control.value = values[name] ?? "";
    this.formTitle.textContent = mode === "rename" ? TEXT.renameHeading : TEXT.newHeading;
    this.submit.textContent = mode === "rename" ? TEXT.saveRename : TEXT.create;
    this.formIntro.hidden = mode === "rename";
    this.form.hidden = false;
    this.inputs.label.focus();
  }

  closeForm(cancelled) {
    this.form.hidden = true;
    if (cancelled) (this.mode === "rename" ? this.renameButton : this.newButton).focus();
  }

  submitForm() {
    const fields = Object.fromEntries(
      Object.entries(this.inputs).map(([name, control]) => [name, control.value.trim()]),
    );
    if (this.mode === "rename") {
      const result = storage.renameRound(storage.viewing(), fields);
      if (!result.ok) {
        this.say(TEXT.failed(storage.describe(result.problem)));
        return;
      }
      this.closeForm(false);
      this.render();
      this.renameButton.focus();
      this.say(TEXT.renamed(this.picker.selectedOptions[0]?.textContent ?? ""));
      return;
    }
    const result = storage.createRound(fields);
    if (!result.ok) {
      this.say(TEXT.failed(storage.describe(result.problem)));
      return;
    }
    this.closeForm(false);
    this.render();
    this.picker.focus();
    this.say(TEXT.created(result.round.label));
    emit();
  }

  confirmDelete() {
    const { rounds } = storage.rounds();
    const index = rounds.findIndex((round) => round.id === storage.viewing());
    if (index < 0) return;
    const label = labelOf(rounds[index], index + 1);
    this.dialogText.textContent = TEXT.confirmDelete(label);
    this.dialog.returnValue = "";
    this.dialog.addEventListener(
      "close",
      () => {
        this.deleteButton.focus();
        if (this.dialog.returnValue !== "confirm") {
          this.say(TEXT.notDeleted);
          return;
        }
        const result = storage.deleteRound(rounds[index].id);
        if (!result.ok) {
          this.say(TEXT.failed(storage.describe(result.problem)));
          return;
        }
        storage.show(storage.rounds().current);
        this.render();
        this.picker.focus();
        this.say(TEXT.deleted(label));
        emit([rounds[index].id]);
      },
      { once: true },
    );
    this.dialog.showModal();
  }

  // -- storage nearly full ---------------------------------------------------------

  warnSpace({ problem, ratio }) {
    const text =
      problem === "full" ? TEXT.full : TEXT.nearlyFull(Math.min(100, Math.round(ratio * 100)));
    const exportAll = button(TEXT.exportAll, "rebound-rounds__export");
    exportAll.dataset.action = "export-all";
    exportAll.addEventListener("click", () => this.exportRounds(null));
    const archive = button(TEXT.archive, "rebound-rounds__archive");
    archive.dataset.action = "archive-rounds";
    archive.addEventListener("click", () => this.archive());
    const note = el("p", "worksheet__notice worksheet__notice--warning", text);
    this.space.replaceChildren(note, el("p", "", undefined, exportAll, " ", archive));
    this.space.dataset.problem = problem;
    this.space.hidden = false;
    this.space.setAttribute("role", "alert");
  }

  // Download an export of the rounds `ids` (every round when null); the
  // filename, or null once the reader was told why not.
  async exportRounds(ids) {
    let response;
    try {
      const index = await fetch(siteUrl(languageFiles().manifest), {
        credentials: "same-origin",
      }).then((reply) =>
        reply.ok ? reply.json() : Promise.reject(new Error(String(reply.status))),
      );
      response = await runtime.call({
        action: "export_json",
        index,
        stored: storage.stored(),
        only_rounds: ids,
        now: new Date().toISOString(),
      });
    } catch (error) {
      response = { ok: false, error: error.message };
    }
    if (!response?.ok) {
      this.say(TEXT.notExported(response?.error ?? ""));
      return null;
    }
    download(response.text, response.filename, response.mime);
    if (ids === null) this.say(TEXT.exportedTo(response.filename));
    return response.filename;
  }

  // Save every round but the current one (and the one shown) to a file,
  // then remove them from this browser: only after the file was made.
  async archive() {
    const { current, rounds } = storage.rounds();
    const ids = rounds
      .map((round) => round.id)
      .filter((id) => id !== current && id !== storage.viewing());
    if (!ids.length) {
      this.say(TEXT.archiveNothing);
      return;
    }
    const filename = await this.exportRounds(ids);
    if (!filename) return;
    const result = storage.deleteRounds(ids);
    if (!result.ok) {
      this.say(TEXT.failed(storage.describe(result.problem)));
      return;
    }
    this.render();
    this.space.hidden = true;
    this.say(TEXT.archived(ids.length, filename));
    emit(ids);
  }
}

// A list row whose stage is "rejected" (the tracker's applications) offers
// to start a round for that rejection, with its company and role.
export function offerRounds(form) {
  if (framed()) return; // no round tools in a frame (dom.js)
  for (const row of form.querySelectorAll("li.worksheet__row")) {
    const stage = row.querySelector('input[type="radio"][name$=".stage"]:checked');
    let offer = row.querySelector(':scope > [data-action="new-round"]');
    if (stage?.value !== "rejected") {
      offer?.remove();
      continue;
    }
    const value = (sub) => row.querySelector(`input[name$=".${sub}"]`)?.value.trim() ?? "";
    if (!offer) {
      offer = button(TEXT.startFromRow, "rebound-rounds__from-row");
      offer.dataset.action = "new-round";
      row.append(offer);
    }
    offer.dataset.company = value("company");
    offer.dataset.role = value("role");
    offer.setAttribute("aria-label", TEXT.startFromRowLabel(offer.dataset.company));
  }
}

// Put the bar above the page's first worksheet or its workbook (once).
// Not in a frame: its buttons start and delete rounds (dom.js, framed()).
export function mountBar() {
  const anchor =
    document.querySelector("[data-rebound-workbook]") ??
    document.querySelector("form.worksheet[data-worksheet]");
  if (!anchor || framed()) {
    bar = null;
    return null;
  }
  if (bar?.root.isConnected && bar.anchor === anchor) {
    bar.render();
    return bar;
  }
  bar = new RoundBar(anchor);
  return bar;
}

export const currentBar = () => bar;

// Any [data-action="new-round"] opens the form, prefilled from the button.
document.addEventListener("click", (event) => {
  const opener = event.target.closest?.('[data-action="new-round"]');
  if (!opener || !bar) return;
  bar.openForm("new", { company: opener.dataset.company, role: opener.dataset.role });
});

document.addEventListener("rebound:storage-space", ({ detail }) => bar?.warnSpace(detail));

// This page deleted or imported rounds elsewhere (the storage panel, the
// workbook's import): show them as they are now.
document.addEventListener("rebound:round", ({ detail }) => {
  if (detail?.deleted?.length || detail?.imported) bar?.render();
});

// Another tab changed the rounds: show them as they are now.
storage.onChange((change) => {
  if (!change.rounds || !bar) return;
  bar.otherTab();
});
