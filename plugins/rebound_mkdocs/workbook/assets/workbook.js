// The workbook page ("Your workbook"): progress over the six steps with a
// summary of each worksheet, export (JSON and Markdown), a calendar file,
// the PDF workbook filled in with the saved answers, import with a
// confirmation step, and deleting answers.
//
// Loaded on every page as an ES module; it does nothing on a page without a
// `[data-rebound-workbook]` container (content/workbook.md has the one).
// Python does the work: browser_py.workbook's actions (overview, export_json,
// export_markdown, plan_import, calendar, fill_pdf) run in the worker through
// runtime.js. The filled PDF needs pypdf, which the worker loads only when
// the button is pressed; the blank PDF comes from this site. This module reads and writes localStorage (storage.js), makes
// downloads from Blobs on this page (nothing is sent anywhere) and renders
// every string as text.
//
// For tests: the container's data-state is loading | ready | failed |
// unavailable, and data-updates counts the overviews shown; data-pdf is
// loading | filling | done | empty | failed while or after the filled PDF is
// made, with data-pdf-load-ms and data-pdf-fill-ms (how long each part took).

import { layout, siteUrl } from "../layout.js";
import * as storage from "./storage.js";
import * as runtime from "./runtime.js";

const INDEX_URL = siteUrl(layout.manifest);

// Files larger than this are refused without being read; browser_py.exchange
// refuses anything over 1 MB with the exact figure.
const MAX_READ_BYTES = 4 * 1024 * 1024;

const STATUS_TEXT = {
  empty: "not started",
  started: "started",
  complete: "complete",
};

let indexPromise = null;

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// An element with a class and text; children are appended as they are.
function el(tag, className = "", text = undefined, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  node.append(...children);
  return node;
}

function button(text, className = "") {
  const node = el("button", `worksheet__button ${className}`.trim(), text);
  node.type = "button";
  return node;
}

function loadIndex() {
  indexPromise ??= fetch(INDEX_URL, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`the list of worksheets did not load (${response.status})`);
    return response.json();
  });
  indexPromise.catch(() => {
    indexPromise = null; // try again next time
  });
  return indexPromise;
}

// Offer `content` (text, or bytes as an ArrayBuffer) as a file download, made
// here from a Blob (same origin).
function download(content, filename, mime) {
  const type = typeof content === "string" ? `${mime};charset=utf-8` : mime;
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

// The blank workbook PDF: the page's own download link when there is one,
// else where the workbook plugin puts it. Only ever from this site.
async function fetchBlankPdf() {
  const link = document.querySelector(".rebound-workbook-download a[href]");
  const url = link ? new URL(link.href) : siteUrl(layout.workbookPdf);
  if (url.origin !== location.origin) throw new Error("the PDF workbook is not on this site");
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`the PDF workbook did not download (${response.status})`);
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
    this.total = el("p", "workbook__total", "Loading your answers\u2026");
    this.list = el("ol", "workbook__steps");

    this.exportJson = button("Export answers (.json)");
    this.exportMarkdown = button("Export as Markdown (.md)");
    this.calendar = button("Download calendar (.ics)");
    this.filledPdf = button("Download my filled workbook (PDF)", "workbook__filled-pdf");
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

    this.fileInput = el("input", "workbook__file");
    this.fileInput.type = "file";
    this.fileInput.id = "rebound-import-file";
    this.fileInput.accept = ".json,application/json";
    const fileLabel = el("label", "workbook__file-label", "Choose an exported file (.json)");
    fileLabel.htmlFor = this.fileInput.id;
    this.fileInput.addEventListener("change", () => this.chooseFile());
    this.planBox = el("div", "workbook__plan");
    this.planBox.hidden = true;

    this.deleteAll = button("Delete all my answers", "workbook__delete-all");
    this.deleteAll.addEventListener("click", () => this.confirmDelete(null, this.deleteAll));
    this.dialog = this.buildDialog();

    this.root.replaceChildren(
      heading("Your progress"),
      this.total,
      this.list,
      heading("Take your answers with you"),
      actions,
      heading("Import answers"),
      el(
        "p",
        "",
        "Importing replaces the answers of each worksheet in the file. " +
          "You will see what changes before anything is replaced.",
      ),
      el("p", "", undefined, fileLabel, el("br"), this.fileInput),
      this.planBox,
      heading("Delete answers"),
      el("p", "", "This removes your answers from this browser for good."),
      this.deleteAll,
      this.alert,
      this.status,
      this.dialog,
    );
  }

  buildDialog() {
    const dialog = el("dialog", "workbook__dialog");
    dialog.setAttribute("aria-labelledby", "rebound-confirm-title");
    const title = el("h3", "", "Delete answers?");
    title.id = "rebound-confirm-title";
    this.dialogText = el("p");
    this.confirmButton = button("Delete", "workbook__confirm");
    const cancel = button("Cancel", "workbook__cancel");
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
    if (storage.entries() === null) {
      this.setState("unavailable");
      this.total.textContent = storage.describe("unavailable");
      for (const node of [
        this.exportJson,
        this.exportMarkdown,
        this.calendar,
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
    this.renderSteps();
    await this.refresh();
  }

  failed(error) {
    this.setState("failed");
    this.total.textContent =
      "The overview needs the Python runtime, which did not load " +
      `(${error?.message || error}). You can still delete your answers here.`;
  }

  // The six steps with links, before Python has counted anything.
  renderSteps() {
    this.steps.clear();
    const items = [];
    const sorted = [...(this.index?.worksheets ?? [])].sort((a, b) =>
      String(a.page_title).localeCompare(String(b.page_title), "en", { numeric: true }),
    );
    for (const entry of sorted) {
      const id = entry.spec?.id;
      if (typeof id !== "string") continue;
      const item = el("li", "workbook__step");
      item.dataset.worksheet = id;
      // The list numbers the steps; the page title's own "1. " would repeat it.
      const page = String(entry.page_title).replace(/^\s*\d+[.)]\s+/, "");
      const link = el("a", "workbook__step-link", `${page}: ${entry.spec.title}`);
      link.href = siteUrl(String(entry.page)).href;
      const progress = el("progress", "workbook__progress");
      progress.max = Math.max(1, entry.spec.fields?.length ?? 1);
      progress.value = 0;
      progress.setAttribute("aria-label", `Questions answered in ${entry.spec.title}`);
      const text = el("span", "workbook__step-text");
      const summary = el("div", "workbook__summary");
      const remove = button("Delete these answers", "workbook__delete");
      remove.hidden = true;
      remove.setAttribute("aria-label", `Delete your answers to ${entry.spec.title}`);
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
        today: today(),
        ...extra,
      },
      data,
    );
  }

  async refresh() {
    if (!Object.keys(storage.entries() ?? {}).length) {
      this.showEmpty(); // nothing to count: no need to start Python
      return;
    }
    let response;
    try {
      response = await this.request("overview");
    } catch (error) {
      this.failed(error);
      return;
    }
    if (!response?.ok) {
      this.failed(new Error(response?.error || "the overview could not be made"));
      return;
    }
    this.showOverview(response);
    this.setState("ready");
  }

  showOverview(overview) {
    const count = overview.steps.length;
    this.total.textContent =
      `${overview.started} of ${count} worksheets started, ` +
      `${overview.complete} complete; ${overview.answered} of ${overview.total} questions answered.`;
    for (const row of overview.steps) {
      const step = this.steps.get(row.worksheet);
      if (!step) continue;
      step.progress.max = Math.max(1, row.total);
      step.progress.value = row.answered;
      step.progress.textContent = `${row.answered} of ${row.total}`;
      step.text.textContent =
        `${row.answered} of ${row.total} questions answered ` +
        `(${STATUS_TEXT[row.status] ?? row.status})`;
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
    this.total.textContent =
      "No answers are saved in this browser yet. Start with the first " +
      "step, or import a file you exported before.";
    for (const step of this.steps.values()) {
      step.progress.value = 0;
      step.progress.textContent = `0 of ${step.progress.max}`;
      step.text.textContent = `0 of ${step.progress.max} questions answered (not started)`;
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
    let response;
    try {
      response = await this.request(action, { now: new Date().toISOString() });
    } catch (error) {
      this.warn(`The export could not be made: ${error.message}`);
      return;
    }
    if (!response?.ok) {
      this.warn(`The export could not be made: ${response?.error}`);
      return;
    }
    if (action === "export_json" && response.worksheets === 0) {
      this.say("There are no answers to export yet.");
      return;
    }
    download(response.text, response.filename, response.mime);
    this.say(
      `Your answers were saved to the file ${response.filename} in your downloads. ` +
        "It holds your own words: keep it somewhere private.",
    );
  }

  async downloadCalendar() {
    this.warn("");
    let response;
    try {
      response = await this.request("calendar");
    } catch (error) {
      this.warn(`The calendar file could not be made: ${error.message}`);
      return;
    }
    if (!response?.ok) {
      this.warn(`The calendar file could not be made: ${response?.error}`);
      return;
    }
    if (!response.events) {
      this.say(
        "There are no dates to add yet. Pick a check-in date, the date you heard " +
          "back, or a start date for your learning plan, and try again.",
      );
      return;
    }
    download(response.ics, response.filename, "text/calendar");
    this.say(
      `${plural(response.events, "date")} saved to ${response.filename}. ` +
        "Open it with your calendar app to add them.",
    );
  }

  // The PDF workbook with the saved answers in its fields, made in the worker
  // from the blank PDF on this site: nothing is sent anywhere.
  async downloadFilledPdf() {
    if (this.pdfBusy) return; // a second press while the first is still working
    this.warn("");
    if (!Object.keys(storage.entries() ?? {}).length) {
      this.root.dataset.pdf = "empty";
      this.say(
        "There are no answers saved in this browser yet, so there is nothing to fill " +
          "in. The blank PDF workbook is linked on this page.",
      );
      return;
    }
    this.pdfBusy = true;
    this.filledPdf.setAttribute("aria-disabled", "true");
    this.root.dataset.pdf = "loading";
    const started = performance.now();
    try {
      this.say("Loading the PDF tools (about 0.4 MB, once per visit)\u2026");
      const [loaded, blank] = await Promise.all([runtime.load(["pypdf"]), fetchBlankPdf()]);
      if (!loaded?.ok) throw new Error(`the PDF tools did not load (${loaded?.error})`);
      if (!this.index) this.index = await loadIndex();
      const filling = performance.now();
      this.root.dataset.pdfLoadMs = String(Math.round(filling - started));
      this.root.dataset.pdf = "filling";
      this.say("Filling in your answers\u2026");
      const response = await this.request("fill_pdf", {}, blank);
      this.root.dataset.pdfFillMs = String(Math.round(performance.now() - filling));
      if (!response?.ok) throw new Error(response?.error || "the PDF could not be filled in");
      if (!(response.binary instanceof ArrayBuffer)) throw new Error("no PDF came back");
      download(response.binary, response.filename, response.mime);
      this.root.dataset.pdf = "done";
      this.say(
        `Your filled workbook was saved as ${response.filename} in your downloads, ` +
          `with ${plural(response.answers, "answer")} from ` +
          `${plural(response.worksheets, "worksheet")}. It holds your own words: keep it ` +
          `somewhere private. ${(response.notes ?? []).join(" ")}`.trim(),
      );
    } catch (error) {
      this.root.dataset.pdf = "failed";
      this.say("");
      this.warn(
        `The filled PDF could not be made: ${error?.message || error}. Your answers ` +
          "are still saved in this browser.",
      );
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
      this.refuse(
        `The file is too large (${(file.size / 1_048_576).toFixed(1)} MB). ` +
          "A Rebound export is far smaller; the limit is 1 MB.",
      );
      return;
    }
    this.say("Checking the file\u2026");
    let response;
    try {
      response = await this.request("plan_import", { file: await file.text() });
    } catch (error) {
      this.refuse(`The file could not be checked: ${error.message}`);
      return;
    }
    if (!response?.ok) {
      this.refuse(response?.error || "The file could not be read.");
      return;
    }
    this.showPlan(response);
  }

  refuse(message) {
    this.say("");
    this.warn(`This file was not imported. ${message} Your answers have not changed.`);
    this.fileInput.value = "";
  }

  showPlan(plan) {
    this.plan = plan;
    const heading = el("h4", "", "Check before importing");
    heading.tabIndex = -1;
    const list = el("ul", "workbook__changes");
    for (const change of plan.changes) {
      const what = change.replaces
        ? "replaces the answers you have now"
        : "new: you have no answers here yet";
      const count = plural(change.fields, "answered question");
      list.append(el("li", "", `${change.title}: ${count}, ${what}.`));
    }
    const nodes = [heading];
    if (plan.migrated) {
      nodes.push(
        el(
          "p",
          "",
          "This file comes from an earlier version of the guide; its " +
            "answers have been brought up to date.",
        ),
      );
    }
    nodes.push(list);
    if (plan.warnings?.length) {
      const warnings = el("ul", "workbook__warnings");
      for (const warning of plan.warnings) warnings.append(el("li", "", warning));
      nodes.push(el("p", "", "Some parts of the file will be left out:"), warnings);
    }
    const replacing = plan.changes.filter((change) => change.replaces).length;
    const apply = button(
      replacing ? "Replace my answers with these" : "Import these answers",
      "workbook__apply",
    );
    const cancel = button("Cancel", "workbook__cancel-import");
    apply.addEventListener("click", () => this.applyPlan());
    cancel.addEventListener("click", () => {
      this.closePlan();
      this.say("Import cancelled. Your answers have not changed.");
      this.fileInput.focus();
    });
    nodes.push(el("p", "", undefined, apply, " ", cancel));
    this.planBox.replaceChildren(...nodes);
    this.planBox.hidden = false;
    this.say(
      `The file can be imported: ${plural(plan.changes.length, "worksheet")}. ` +
        "Check the list and confirm.",
    );
    heading.focus();
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
      this.warn(`Nothing was imported: ${storage.describe(result.problem)}`);
      return;
    }
    this.say(`Imported ${plural(result.written, "worksheet")}.`);
    this.fileInput.focus();
    await this.refresh();
  }

  // -- delete -----------------------------------------------------------------------

  confirmDelete(id, opener) {
    const title = id === null ? null : (this.steps.get(id)?.title ?? id);
    this.dialogText.textContent =
      title === null
        ? "This deletes every answer this guide saved in this browser, for all six worksheets. " +
          "It cannot be undone; export your answers first if you may want them again."
        : `This deletes your answers to \u201c${title}\u201d from this browser. It cannot be ` +
          "undone; export your answers first if you may want them again.";
    this.confirmButton.textContent = title === null ? "Delete all answers" : "Delete these answers";
    this.dialog.returnValue = "";
    this.dialog.addEventListener(
      "close",
      () => {
        opener?.focus?.();
        if (this.dialog.returnValue === "confirm") this.delete(id, title);
        else this.say("Nothing was deleted.");
      },
      { once: true },
    );
    this.dialog.showModal();
  }

  async delete(id, title) {
    const result = storage.remove(id);
    if (!result.ok) {
      this.warn(`Nothing was deleted: ${storage.describe(result.problem)}`);
      return;
    }
    this.warn("");
    this.say(
      title === null
        ? "All your answers were deleted from this browser."
        : `Your answers to \u201c${title}\u201d were deleted.`,
    );
    await this.refresh();
    // The button that opened the dialog may be gone: put focus somewhere useful.
    if (id === null) this.deleteAll.focus();
    else this.steps.get(id)?.item.querySelector("a")?.focus();
  }
}

let current = null; // the workbook on the page shown now

function scan() {
  const root = document.querySelector("[data-rebound-workbook]");
  if (root && current?.root !== root) current = new Workbook(root);
  if (!root) current = null;
}

// Another tab saved, imported or deleted answers: show the new state.
storage.onChange(() => current?.refreshSoon());

if (window.document$?.subscribe) {
  window.document$.subscribe(() => scan());
} else {
  scan();
}
