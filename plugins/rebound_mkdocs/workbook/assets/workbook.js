// The workbook page ("Your workbook"): progress over the steps with a
// summary of each worksheet, export (JSON and Markdown), a calendar file,
// the PDF workbook filled in with the saved answers, import with a
// confirmation step, and deleting answers.
//
// Loaded on every page as an ES module; it does nothing on a page without a
// `[data-rebound-workbook]` container (content/workbook.md has the one).
// Python does the work: browser_py.workbook's actions (overview, progress,
// export_json, export_markdown, plan_import, calendar, fill_pdf) run in the worker through
// runtime.js. The filled PDF needs pypdf, which the worker loads only when
// the button is pressed; the blank PDF comes from this site. This module reads and writes localStorage (storage.js), makes
// downloads from Blobs on this page (nothing is sent anywhere) and renders
// every string as text.
//
// Rounds: the overview, the calendar and the filled PDF use the round the
// round bar (page/rounds.js) shows, with the search-scoped worksheets; the
// exports carry every round, and an import merges rounds by id.
//
// For tests: the container's data-state is loading | ready | failed |
// unavailable | framed (shown in a frame: no tools, see framed()), and data-updates counts the overviews shown; data-pdf is
// loading | filling | done | empty | failed while or after the filled PDF is
// made, with data-pdf-load-ms and data-pdf-fill-ms (how long each part took);
// data-progress is loading | ready | empty | failed for the "Progress across
// rounds" section (the `progress` action over the snapshot of every round).

import { languageFiles, layout, siteUrl } from "../layout.js";
import { button, download, el, framed } from "./dom.js";
import { messages } from "./workbook-messages.js";
import * as storage from "./storage.js";
import * as backupUi from "./backup-ui.js";
import { sealedSize } from "./backup.js";
import { StoragePanel } from "./storage-panel.js";
import * as runtime from "./runtime.js";
import { today } from "./runtime.js";
import { forgetReaderCaches } from "./site-caches.js";

// The page's language's manifest and PDF: the worksheets' titles, labels and
// pages that Python words the overview, the exports and the calendar with.
const OWN = languageFiles();
const INDEX_URL = siteUrl(OWN.manifest);

// The import limit, stated once in browser_py/core/limits.py (layout.js
// carries it). A file larger than its encrypted backup could be is refused
// unread; Python checks the export's own text against the limit itself.
const MAX_IMPORT_BYTES = layout.maxImportBytes;
const MAX_READ_BYTES = sealedSize(MAX_IMPORT_BYTES);
const megabytes = (bytes) => (bytes / 1_048_576).toFixed(1);

const TEXT = messages.workbook;

// The calendar reminder chosen until the reader picks another
// (browser_py.workbook.calendar_ics.DEFAULT_REMINDER).
const DEFAULT_REMINDER = "1d";

let indexPromise = null;

function loadIndex() {
  indexPromise ??= fetch(INDEX_URL, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(TEXT.indexFailed(response.status));
    return response.json();
  });
  indexPromise.catch(() => {
    indexPromise = null; // try again next time
  });
  return indexPromise;
}

// The blank workbook PDF: the page's own download link when there is one,
// else where the workbook plugin puts it. Only ever from this site.
async function fetchBlankPdf() {
  const link = document.querySelector(".rebound-workbook-download a[href]");
  const url = link ? new URL(link.href) : siteUrl(OWN.workbookPdf);
  if (url.origin !== location.origin) throw new Error(TEXT.pdfElsewhere);
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(TEXT.pdfFailed(response.status));
  return response.arrayBuffer();
}

class Workbook {
  constructor(root) {
    this.root = root;
    this.index = null;
    this.steps = new Map(); // worksheet id -> {item, progress, text, summary, remove}
    this.plan = null;
    this.updates = 0;
    this.refreshTimer = 0;
    root.dataset.mounted = "true";
    this.build();
    this.start();
  }

  build() {
    const heading = (text) => el("h3", "workbook__heading", text);
    this.status = el("p", "workbook__status");
    this.status.setAttribute("role", "status");
    this.alert = el("p", "worksheet__notice worksheet__notice--warning workbook__alert");
    this.alert.setAttribute("role", "alert");
    this.alert.hidden = true;
    this.total = el("p", "workbook__total", TEXT.loadingAnswers);
    this.list = el("ol", "workbook__steps");

    this.exportJson = button(TEXT.exportJson);
    this.exportMarkdown = button(TEXT.exportMarkdown);
    this.calendar = button(TEXT.calendar);
    this.reminder = el("select", "workbook__reminder");
    this.reminder.id = "rebound-reminder";
    for (const [value, label] of Object.entries(TEXT.reminders)) {
      const option = el("option", "", label);
      option.value = value;
      option.selected = value === DEFAULT_REMINDER;
      this.reminder.append(option);
    }
    const reminderLabel = el("label", "workbook__reminder-label", TEXT.reminderLabel);
    reminderLabel.htmlFor = this.reminder.id;
    this.filledPdf = button(TEXT.filledPdf, "workbook__filled-pdf");
    this.exportJson.addEventListener("click", () => this.exportFile("export_json"));
    this.exportMarkdown.addEventListener("click", () => this.exportFile("export_markdown"));
    this.calendar.addEventListener("click", () => this.downloadCalendar());
    this.filledPdf.addEventListener("click", () => this.downloadFilledPdf());
    const actions = el(
      "div",
      "workbook__actions",
      undefined,
      this.exportJson,
      this.exportMarkdown,
      this.calendar,
      this.filledPdf,
    );
    const reminderRow = el(
      "p",
      "workbook__reminders",
      undefined,
      reminderLabel,
      " ",
      this.reminder,
    );

    // Progress across rounds: Python's blocks (charts with their tables).
    this.roundsBox = el("div", "workbook__rounds");
    this.roundsStatus = el("p", "workbook__rounds-status");

    this.backup = backupUi.exportField(); // optional passphrase for the .json export
    // When the answers were last exported, and a gentle reminder when that
    // is long ago and they changed since (storage.exportReminder).
    this.lastExported = el("p", "workbook__last-export");
    this.reminderBox = el("div", "worksheet__notice workbook__export-reminder");
    this.reminderBox.hidden = true;
    const remindNow = button(TEXT.remindExport, "workbook__remind-export");
    remindNow.addEventListener("click", () => this.exportFile("export_json"));
    const remindLater = button(TEXT.remindLater, "workbook__remind-later");
    remindLater.addEventListener("click", () => {
      storage.dismissReminder();
      this.showExported();
      this.say(TEXT.remindedLater(storage.EXPORT_REMINDER_DAYS));
      this.exportJson.focus();
    });
    this.reminderBox.append(
      el("p", "", TEXT.remind(storage.EXPORT_REMINDER_DAYS)),
      el("p", "", undefined, remindNow, " ", remindLater),
    );

    this.fileInput = el("input", "workbook__file");
    this.fileInput.type = "file";
    this.fileInput.id = "rebound-import-file";
    this.fileInput.accept = ".json,application/json";
    const fileLabel = el("label", "workbook__file-label", TEXT.chooseFile);
    fileLabel.htmlFor = this.fileInput.id;
    this.fileInput.addEventListener("change", () => this.chooseFile());
    this.planBox = el("div", "workbook__plan");
    this.planBox.hidden = true;

    this.deleteAll = button(TEXT.deleteAllButton, "workbook__delete-all");
    this.deleteAll.addEventListener("click", () => this.confirmDelete(null, this.deleteAll));
    this.dialog = this.buildDialog();
    this.panel = new StoragePanel({
      titles: () => new Map([...this.steps].map(([id, step]) => [id, step.title])),
      changed: () => this.refresh(),
    });

    this.root.replaceChildren(
      heading(TEXT.progressHeading),
      this.total,
      this.list,
      heading(TEXT.roundsHeading),
      el("p", "", TEXT.roundsIntro),
      this.roundsStatus,
      this.roundsBox,
      heading(TEXT.takeAwayHeading),
      this.reminderBox,
      reminderRow,
      actions,
      this.lastExported,
      this.backup.node,
      heading(TEXT.importHeading),
      el("p", "", TEXT.importIntro),
      el("p", "", undefined, fileLabel, el("br"), this.fileInput),
      this.planBox,
      heading(TEXT.deleteHeading),
      el("p", "", TEXT.deleteIntro),
      this.deleteAll,
      this.alert,
      this.status,
      this.panel.node,
      this.dialog,
    );
  }

  buildDialog() {
    const dialog = el("dialog", "workbook__dialog");
    dialog.setAttribute("aria-labelledby", "rebound-confirm-title");
    const title = el("h3", "", TEXT.confirmTitle);
    title.id = "rebound-confirm-title";
    this.dialogText = el("p");
    this.confirmButton = button(TEXT.confirmDelete, "workbook__confirm");
    const cancel = button(TEXT.cancel, "workbook__cancel");
    cancel.autofocus = true;
    cancel.addEventListener("click", () => dialog.close("cancel"));
    this.confirmButton.addEventListener("click", () => dialog.close("confirm"));
    dialog.append(title, this.dialogText, el("p", "", undefined, this.confirmButton, cancel));
    return dialog;
  }

  say(text) {
    this.status.textContent = text;
  }

  warn(text) {
    this.alert.textContent = text;
    this.alert.hidden = !text;
  }

  setState(state) {
    this.root.dataset.state = state;
  }

  async start() {
    this.setState("loading");
    this.panel.update();
    if (storage.entries() === null) {
      this.setState("unavailable");
      this.total.textContent = storage.describe("unavailable");
      for (const node of [
        this.exportJson,
        this.exportMarkdown,
        this.calendar,
        this.reminder,
        this.filledPdf,
        this.fileInput,
        this.deleteAll,
      ])
        node.disabled = true;
      return;
    }
    try {
      this.index = await loadIndex();
    } catch (error) {
      this.failed(error);
      return;
    }
    this.useRounds();
    this.renderSteps();
    await this.refresh();
  }

  // Every worksheet's scope is known from the manifest: answers saved before
  // rounds can move into the first round now.
  useRounds() {
    storage.registerManifest(this.index);
    if (storage.pendingMigration()) storage.migrate();
  }

  failed(error) {
    this.setState("failed");
    this.total.textContent = TEXT.overviewFailed(error?.message || error);
  }

  // The steps with links, before Python has counted anything.
  renderSteps() {
    this.steps.clear();
    const items = [];
    // The manifest lists the worksheets in the site's nav order, numbered by the build.
    for (const entry of this.index?.worksheets ?? []) {
      const id = entry.spec?.id;
      if (typeof id !== "string") continue;
      const item = el("li", "workbook__step");
      item.dataset.worksheet = id;
      // The list numbers the steps; the page title's own "1. " would repeat it.
      const page = String(entry.page_title).replace(/^\s*\d+[.)]\s+/, "");
      const link = el("a", "workbook__step-link", TEXT.stepLink(page, entry.spec.title));
      link.href = siteUrl(String(entry.page)).href;
      const progress = el("progress", "workbook__progress");
      progress.max = Math.max(1, entry.spec.fields?.length ?? 1);
      progress.value = 0;
      progress.setAttribute("aria-label", TEXT.progressLabel(entry.spec.title));
      const text = el("span", "workbook__step-text");
      const summary = el("div", "workbook__summary");
      const remove = button(TEXT.deleteStep, "workbook__delete");
      remove.hidden = true;
      remove.setAttribute("aria-label", TEXT.deleteStepLabel(entry.spec.title));
      remove.addEventListener("click", () => this.confirmDelete(id, remove));
      item.append(link, el("br"), progress, " ", text, summary, remove);
      this.steps.set(id, { item, progress, text, summary, remove, title: entry.spec.title });
      items.push(item);
    }
    this.list.replaceChildren(...items);
    this.showStored();
  }

  // Which worksheets have something stored (known without Python).
  showStored() {
    const saved = storage.entries() ?? {};
    for (const [id, step] of this.steps) step.remove.hidden = !(id in saved);
  }

  request(action, extra = {}, data = undefined) {
    return runtime.call(
      {
        action,
        index: this.index,
        saved: storage.entries() ?? {},
        stored: storage.stored(),
        round: storage.viewing(),
        today: today(),
        ...extra,
      },
      data,
    );
  }

  // Ask Python for `action`: its response, or null once `fail(reason, error)`
  // has been told why (`error` is what was thrown, null when Python said no).
  // `extra` (the request's other fields) may be a promise.
  async ask(action, extra, fail) {
    let response;
    try {
      response = await this.request(action, await extra);
    } catch (error) {
      fail(error.message, error);
      return null;
    }
    if (!response?.ok) {
      fail(response?.error, null);
      return null;
    }
    return response;
  }

  // "Last exported on …", and the reminder when it is due.
  showExported() {
    const { due, lastExport } = storage.exportReminder();
    const text = lastExport
      ? TEXT.lastExported(
          new Date(lastExport.at).toLocaleString(document.documentElement.lang || undefined, {
            dateStyle: "long",
            timeStyle: "short",
          }),
        )
      : TEXT.neverExported;
    if (this.lastExported.textContent !== text) this.lastExported.textContent = text;
    if (lastExport) this.lastExported.dataset.exportedAt = lastExport.at;
    else delete this.lastExported.dataset.exportedAt;
    this.reminderBox.hidden = !due;
  }

  async refresh() {
    this.panel.update();
    this.showExported();
    // Every round's readable answers: the progress section reads them all,
    // so answers in another round are worth starting Python for.
    const snapshot = storage.snapshot();
    const inRounds =
      Object.keys(snapshot.worksheets).length ||
      snapshot.rounds.some((round) => Object.keys(round.worksheets).length);
    if (!inRounds) {
      this.showEmpty(); // nothing to count: no need to start Python
      return;
    }
    const response = await this.ask("overview", {}, (reason, error) =>
      this.failed(error ?? new Error(reason || TEXT.noOverview)),
    );
    if (!response) return;
    this.showOverview(response);
    await this.showProgress(snapshot);
    this.setState("ready");
  }

  // The progress across rounds, from every round's saved answers.
  async showProgress(snapshot) {
    this.root.dataset.progress = "loading";
    this.roundsStatus.textContent = TEXT.roundsLoading;
    const response = await this.ask("progress", { snapshot }, (reason) => {
      this.root.dataset.progress = "failed";
      this.roundsStatus.textContent = TEXT.roundsFailed(reason || TEXT.noOverview);
      this.roundsBox.replaceChildren();
    });
    if (!response) return;
    const { renderResponse } = await import("./render.js");
    renderResponse(this.roundsBox, response, 4);
    this.roundsStatus.textContent = "";
    this.root.dataset.progress = "ready";
  }

  showOverview(overview) {
    this.total.textContent = TEXT.total(overview, overview.steps.length);
    for (const row of overview.steps) {
      const step = this.steps.get(row.worksheet);
      if (!step) continue;
      step.progress.max = Math.max(1, row.total);
      step.progress.value = row.answered;
      step.progress.textContent = TEXT.progress(row.answered, row.total);
      step.text.textContent = TEXT.stepProgress(
        row.answered,
        row.total,
        TEXT.status[row.status] ?? row.status,
      );
      step.item.dataset.status = row.status;
      step.summary.replaceChildren(...row.summary.map((line) => el("p", "workbook__line", line)));
    }
    if (overview.notes?.length) {
      this.warn(overview.notes.join(" "));
    }
    this.showStored();
    this.updates += 1;
    this.root.dataset.updates = String(this.updates);
  }

  showEmpty() {
    this.total.textContent = TEXT.nothingSaved;
    this.roundsStatus.textContent = TEXT.roundsEmpty;
    this.roundsBox.replaceChildren();
    this.root.dataset.progress = "empty";
    for (const step of this.steps.values()) {
      step.progress.value = 0;
      step.progress.textContent = TEXT.progress(0, step.progress.max);
      step.text.textContent = TEXT.stepProgress(0, step.progress.max, TEXT.status.empty);
      step.item.dataset.status = "empty";
      step.summary.replaceChildren();
    }
    this.showStored();
    this.updates += 1;
    this.root.dataset.updates = String(this.updates);
    this.setState("ready");
  }

  // Another tab changed the answers: show the new state.
  refreshSoon() {
    clearTimeout(this.refreshTimer);
    if (!this.index) return;
    this.refreshTimer = setTimeout(() => this.refresh(), 200);
  }

  async exportFile(action) {
    this.warn("");
    const response = await this.ask(action, { now: new Date().toISOString() }, (reason) =>
      this.warn(TEXT.exportFailed(reason)),
    );
    if (!response) return;
    // Named rounds are worth a file even before they hold answers.
    if (action === "export_json" && response.worksheets === 0 && !response.rounds) {
      this.say(TEXT.nothingToExport);
      return;
    }
    let file = { text: response.text, filename: response.filename, encrypted: false };
    if (action === "export_json" && this.backup.active) {
      try {
        file = await this.backup.seal(response.text, response.filename);
      } catch (error) {
        this.warn(messages.backup.encryptFailed(error?.message || error));
        return;
      }
    }
    download(file.text, file.filename, response.mime);
    storage.recordExport(
      file.encrypted ? "encrypted" : action === "export_json" ? "json" : "markdown",
    );
    this.showExported();
    this.say((file.encrypted ? messages.backup.exported : TEXT.exported)(file.filename));
    // An entry that cannot be read is left out of the file; say which.
    if (response.notes?.length) this.warn(TEXT.exportLeftOut(response.notes.join(" ")));
  }

  async downloadCalendar() {
    this.warn("");
    // The round is the one the round bar shows (request() sends it).
    const extra = { reminder: this.reminder.value };
    const response = await this.ask("calendar", extra, (reason) =>
      this.warn(TEXT.calendarFailed(reason)),
    );
    if (!response) return;
    if (!response.events) {
      this.say(TEXT.noDates);
      return;
    }
    download(response.ics, response.filename, "text/calendar");
    this.say(TEXT.calendarSaved(response.events, response.filename));
  }

  // The PDF workbook with the saved answers in its fields, made in the worker
  // from the blank PDF on this site: nothing is sent anywhere.
  async downloadFilledPdf() {
    if (this.pdfBusy) return; // a second press while the first is still working
    this.warn("");
    if (!Object.keys(storage.entries() ?? {}).length) {
      this.root.dataset.pdf = "empty";
      this.say(TEXT.nothingToFill);
      return;
    }
    this.pdfBusy = true;
    this.filledPdf.setAttribute("aria-disabled", "true");
    this.root.dataset.pdf = "loading";
    const started = performance.now();
    try {
      this.say(TEXT.loadingPdfTools);
      const [loaded, blank] = await Promise.all([runtime.load(["pypdf"]), fetchBlankPdf()]);
      if (!loaded?.ok) throw new Error(TEXT.pdfToolsFailed(loaded?.error));
      if (!this.index) this.index = await loadIndex();
      const filling = performance.now();
      this.root.dataset.pdfLoadMs = String(Math.round(filling - started));
      this.root.dataset.pdf = "filling";
      this.say(TEXT.filling);
      const response = await this.request("fill_pdf", {}, blank);
      this.root.dataset.pdfFillMs = String(Math.round(performance.now() - filling));
      if (!response?.ok) throw new Error(response?.error || TEXT.notFilled);
      if (!(response.binary instanceof ArrayBuffer)) throw new Error(TEXT.noPdf);
      download(response.binary, response.filename, response.mime);
      this.root.dataset.pdf = "done";
      this.say(TEXT.filled(response));
    } catch (error) {
      this.root.dataset.pdf = "failed";
      this.say("");
      this.warn(TEXT.filledPdfFailed(error?.message || error));
    } finally {
      this.pdfBusy = false;
      this.filledPdf.removeAttribute("aria-disabled");
    }
  }

  // -- import ---------------------------------------------------------------------

  async chooseFile() {
    const file = this.fileInput.files?.[0];
    this.closePlan();
    this.warn("");
    if (!file) return;
    if (file.size > MAX_READ_BYTES) {
      this.refuse(TEXT.tooLarge(megabytes(file.size), (MAX_IMPORT_BYTES / 1_048_576).toFixed(0)));
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch {
      this.refuse(TEXT.unreadableFile);
      return;
    }
    // An encrypted backup is opened here first; the check below sees its JSON.
    if (backupUi.isEncrypted(text)) {
      const problem = backupUi.check(text);
      if (problem) {
        this.refuse(problem);
        return;
      }
      this.say(messages.backup.found);
      backupUi.askPassphrase(this.planBox, text, {
        unlocked: (plain) => this.checkFile(plain),
        cancelled: () => {
          this.closePlan();
          this.fileInput.value = "";
          this.say(TEXT.importCancelled);
          this.fileInput.focus();
        },
      });
      return;
    }
    await this.checkFile(text);
  }

  async checkFile(text) {
    this.say(TEXT.checking);
    const response = await this.ask("plan_import", { file: text }, (reason, error) =>
      this.refuse(error ? TEXT.notChecked(reason) : reason || TEXT.unreadableFile),
    );
    if (response) this.showPlan(response);
  }

  refuse(message) {
    this.say("");
    this.warn(TEXT.notImported(message));
    this.fileInput.value = "";
  }

  showPlan(plan) {
    this.plan = plan;
    const heading = el("h4", "", TEXT.checkHeading);
    heading.tabIndex = -1;
    const list = this.planList(plan);
    const nodes = [heading];
    if (plan.migrated) {
      nodes.push(el("p", "", TEXT.migrated));
    }
    nodes.push(list);
    if (plan.warnings?.length) {
      const warnings = el("ul", "workbook__warnings");
      for (const warning of plan.warnings) warnings.append(el("li", "", warning));
      nodes.push(el("p", "", TEXT.leftOut), warnings);
    }
    const replacing = plan.changes.filter((change) => change.replaces).length;
    const apply = button(replacing ? TEXT.replace : TEXT.importThese, "workbook__apply");
    const cancel = button(TEXT.cancel, "workbook__cancel-import");
    apply.addEventListener("click", () => this.applyPlan());
    cancel.addEventListener("click", () => {
      this.closePlan();
      this.say(TEXT.importCancelled);
      this.fileInput.focus();
    });
    nodes.push(el("p", "", undefined, apply, " ", cancel));
    this.planBox.replaceChildren(...nodes);
    this.planBox.hidden = false;
    this.say(TEXT.canImport(plan.changes.length));
    heading.focus();
  }

  // The changes, grouped by round: each round says whether it is new, and
  // lists the worksheets it gets (and whether they replace answers there).
  planList(plan) {
    const list = el("ul", "workbook__changes");
    const item = (change) => {
      const what = change.replaces ? TEXT.replaces : TEXT.isNew;
      const entry = el("li", "", TEXT.change(change.title, change.fields, what));
      // A few of the file's answers (Python cut each one short), as text.
      if (change.preview?.length) {
        const preview = el("ul", "workbook__preview");
        for (const answer of change.preview)
          preview.append(el("li", "", TEXT.previewItem(answer.label, answer.text)));
        entry.append(preview);
      }
      return entry;
    };
    for (const round of plan.rounds ?? []) {
      const inner = el("ul", "workbook__round-changes");
      inner.append(...round.changes.map(item));
      const head = round.new ? TEXT.newRound(round.label) : TEXT.knownRound(round.label);
      const entry = el("li", "workbook__round-change", head, inner);
      entry.dataset.round = round.id;
      list.append(entry);
    }
    const shared = plan.changes.filter((change) => change.round === null);
    if (shared.length) {
      const inner = el("ul", "workbook__round-changes");
      inner.append(...shared.map(item));
      list.append(el("li", "workbook__round-change", TEXT.sharedChanges, inner));
    }
    return list;
  }

  closePlan() {
    this.plan = null;
    this.planBox.hidden = true;
    this.planBox.replaceChildren();
  }

  async applyPlan() {
    const plan = this.plan;
    if (!plan) return;
    const result = storage.writeAll(plan.data);
    this.closePlan();
    this.fileInput.value = "";
    if (!result.ok) {
      this.warn(TEXT.notImportedStorage(storage.describe(result.problem)));
      return;
    }
    this.say(TEXT.imported(result.written));
    this.fileInput.focus();
    document.dispatchEvent(new CustomEvent("rebound:round", { detail: { imported: true } }));
    await this.refresh();
  }

  // -- delete -----------------------------------------------------------------------

  confirmDelete(id, opener) {
    const title = id === null ? null : (this.steps.get(id)?.title ?? id);
    this.dialogText.textContent =
      title === null ? TEXT.confirmDeleteAll : TEXT.confirmDeleteOne(title);
    this.confirmButton.textContent = title === null ? TEXT.deleteAll : TEXT.deleteStep;
    this.dialog.returnValue = "";
    this.dialog.addEventListener(
      "close",
      () => {
        opener?.focus?.();
        if (this.dialog.returnValue === "confirm") this.delete(id, title);
        else this.say(TEXT.nothingDeleted);
      },
      { once: true },
    );
    this.dialog.showModal();
  }

  async delete(id, title) {
    const result = storage.remove(id);
    if (!result.ok) {
      this.warn(TEXT.notDeleted(storage.describe(result.problem)));
      return;
    }
    this.warn("");
    if (id === null) await forgetReaderCaches(); // search URLs and the snapshot too
    this.say(title === null ? TEXT.deletedAll : TEXT.deletedOne(title));
    await this.refresh();
    // The button that opened the dialog may be gone: put focus somewhere useful.
    if (id === null) this.deleteAll.focus();
    else this.steps.get(id)?.item.querySelector("a")?.focus();
  }
}

let current = null; // the workbook on the page shown now

// Shown inside another page (dom.js, framed()): export, import, delete and
// the storage panel are not mounted, and the container says why.
function scan() {
  const root = document.querySelector("[data-rebound-workbook]");
  // A page of another deploy (the entry, worksheets.js): nothing mounts.
  if (document.documentElement.dataset.reboundWorksheets === "stale") {
    current = null;
    return;
  }
  if (root && framed()) {
    if (root.dataset.state !== "framed") {
      root.dataset.state = "framed";
      root.replaceChildren(el("p", "worksheet__notice workbook__framed", TEXT.framed));
    }
    current = null;
    return;
  }
  if (root && current?.root !== root) current = new Workbook(root);
  if (!root) current = null;
}

// Another tab saved, imported or deleted answers: show the new state.
storage.onChange(() => current?.refreshSoon());

// The round bar shows another round (or rounds were started, deleted,
// imported): the overview, calendar and filled PDF follow it.
document.addEventListener("rebound:round", () => current?.refreshSoon());

if (window.document$?.subscribe) {
  window.document$.subscribe(() => scan());
} else {
  scan();
}
