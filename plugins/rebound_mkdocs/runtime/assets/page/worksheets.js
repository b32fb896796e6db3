// Worksheets in the page: save answers on this device, and show the summary
// browser_py computes in the Python worker.
//
// Loaded on every page as an ES module; it does nothing on a page without a
// `form.worksheet`. Material's instant navigation swaps pages without
// reloading this module, so forms are (re)scanned on each `document$`
// emission and the one worker in runtime.js lives for the whole visit.
//
// For other features and for tests:
//   events on document: "rebound:runtime" {state, step, error},
//     "rebound:saved" {worksheet, values, savedAt}, "rebound:result" {worksheet, response}
//   window.__rebound: {boots, state, step, error, bootStartedAt, readyAt,
//     bootMode ("cold" | "snapshot"), snapshot, boot(), retry(), call(request),
//     refresh(), storage}
//   on each form: data-runtime="idle|loading|ready|failed", and
//     data-result-sequence (bumped each time a response is applied); both
//     work as CSS selectors, which tests under a strict CSP need.

import { layout, siteUrl } from "../layout.js";
import * as storage from "./storage.js";
import * as runtime from "./runtime.js";
import { today } from "./runtime.js";
import { button, el } from "./dom.js";
import { applyStamps, enhanceLists, readValues, writeValues } from "./form.js";
import { messages } from "./messages.js";

const SAVE_DELAY_MS = 300;
const SAVED_NOTE_MS = 2500;

const TEXT = messages.worksheet;

const live = new Set(); // controllers of the forms in the current page

// The site's worksheet manifest, fetched once, sent with the other worksheets'
// answers: Python reads their specs from it (browser_py.api, "compute").
let manifest = null;
const siteManifest = () =>
  (manifest ??= fetch(siteUrl(layout.manifest))
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null));
let observer = null;

function emit(name, detail) {
  document.dispatchEvent(new CustomEvent(name, { detail }));
}

class Worksheet {
  constructor(form) {
    this.form = form;
    this.id = form.dataset.worksheet;
    this.sequence = 0;
    this.saveTimer = 0;
    this.inFlight = false; // a compute call is waiting for Python
    this.dirty = false; // answers changed while it was
    this.noteTimer = 0;
    this.spec = this.readSpec();
    this.region = form.querySelector("[data-worksheet-result]");
    const title = form.querySelector(".worksheet__results-title");
    this.headingLevel = title ? Number(title.tagName.slice(1)) + 1 : 4;
    this.buildStatus();

    enhanceLists(form, (message) => {
      this.note(message);
      this.changed();
    });
    const loaded = storage.load(this.id);
    const { problem, savedAt } = loaded;
    // Answers under a renamed field's earlier id show in the renamed field.
    const values = loaded.values && storage.renameValues(loaded.values, this.spec);
    if (values) writeValues(form, values);
    // What this tab last read or wrote: the base for merging another tab's answers.
    this.base = values ?? {};
    this.savedAt = savedAt ?? null;
    this.mergeNote = ""; // what the next save says instead of a plain "Saved"
    this.problem = storage.describe(problem) || (this.spec ? "" : TEXT.specMissing);
    this.showRuntime(runtime.status());

    form.addEventListener("input", () => this.changed());
    form.addEventListener("change", (event) => {
      applyStamps(form, this.spec, event.target, today());
      this.changed();
    });
    // Never submit: answers must not end up in a URL or a server log.
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("focusin", () => runtime.boot());
  }

  // The normalised spec, from the form's data-worksheet-spec attribute (null
  // if it is missing or describes another worksheet).
  readSpec() {
    try {
      const spec = JSON.parse(this.form.dataset.worksheetSpec || "null");
      return spec?.id === this.id ? spec : null;
    } catch {
      return null;
    }
  }

  buildStatus() {
    const status = this.form.querySelector("[data-worksheet-status]");
    this.saveNote = el("span", "worksheet__status-save");
    this.runtimeNote = el("span", "worksheet__status-runtime");
    this.retryButton = button(TEXT.retry, "worksheet__retry");
    this.retryButton.hidden = true;
    this.retryButton.addEventListener("click", () => runtime.retry());
    status?.replaceChildren(this.runtimeNote, this.retryButton, this.saveNote);
  }

  // Show a short message (saved, row added) for a moment.
  note(text) {
    clearTimeout(this.noteTimer);
    if (this.saveNote.textContent !== text) this.saveNote.textContent = text;
    this.noteTimer = setTimeout(() => {
      this.saveNote.textContent = this.problem;
    }, SAVED_NOTE_MS);
  }

  showRuntime({ state, step, error }) {
    const text =
      {
        idle: "",
        loading: TEXT.loading[step] ?? TEXT.loading.download,
        ready: "",
        failed: TEXT.runtimeFailed(error),
      }[state] ?? "";
    if (this.runtimeNote.textContent !== text) this.runtimeNote.textContent = text;
    this.retryButton.hidden = state !== "failed";
    this.form.dataset.runtime = state;
    if (!this.saveNote.textContent && this.problem) this.saveNote.textContent = this.problem;
  }

  changed() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    this.scheduleCompute();
  }

  save() {
    clearTimeout(this.saveTimer);
    this.saveTimer = 0;
    // Answers to questions this version no longer asks are kept, not dropped.
    let values = { ...storage.retired(this.base, this.spec), ...readValues(this.form) };
    // A merge with another tab's answers is still news when its save lands
    // (SAVE_DELAY_MS later): say so again rather than a plain "Saved", which would
    // wipe the message before anyone could read it.
    let message = this.mergeNote || TEXT.saved;
    this.mergeNote = "";
    const stored = storage.peek(this.id);
    if (stored && storage.isNewer(stored.savedAt, this.savedAt)) {
      // Another tab saved since this one last read: keep both tabs' changes.
      values = storage.merge(this.base, values, stored.values).values;
      writeValues(this.form, values);
      message = TEXT.savedWithOtherTab;
    }
    const result = storage.save(this.id, values);
    if (result.ok) {
      this.base = values;
      this.savedAt = result.savedAt;
      this.problem = "";
      this.note(message);
      emit("rebound:saved", { worksheet: this.id, values, savedAt: result.savedAt });
    } else {
      this.problem = storage.describe(result.problem);
      this.saveNote.textContent = this.problem;
    }
  }

  // Save now if a save is waiting (before leaving the page).
  flush() {
    if (this.saveTimer) this.save();
  }

  // Another tab saved (or deleted) this worksheet's answers: show the newer
  // ones here, keeping any change made in this tab since it last saved.
  syncFrom({ values, savedAt }) {
    if (savedAt && !storage.isNewer(savedAt, this.savedAt)) return; // this tab's are newer
    const merged = storage.merge(this.base, readValues(this.form), values);
    writeValues(this.form, merged.values);
    this.base = values;
    this.savedAt = savedAt;
    this.note(TEXT.updatedFromOtherTab(!savedAt, merged.kept, false));
    if (merged.kept) {
      this.mergeNote = TEXT.updatedFromOtherTab(!savedAt, true, true);
      this.changed();
    } else {
      this.scheduleCompute();
    }
  }

  // Recompute at once when Python is idle. While a call is in flight, only
  // note that the answers changed, and recompute when it returns: each
  // keystroke is answered within about one call, and calls never pile up
  // behind fast typing.
  scheduleCompute() {
    if (this.inFlight) this.dirty = true;
    else this.compute();
  }

  async compute() {
    if (runtime.status().state !== "ready" || !this.spec || !this.region) return;
    if (this.inFlight) {
      this.dirty = true;
      return;
    }
    this.inFlight = true;
    this.dirty = false;
    const sequence = ++this.sequence;
    const context = storage.others(this.id);
    const request = {
      action: "compute",
      worksheet: this.id,
      spec: this.spec,
      values: readValues(this.form),
      context,
      index: Object.keys(context).length ? await siteManifest() : null,
      today: today(),
    };
    let response;
    try {
      response = await runtime.call(request);
    } catch (error) {
      response = { ok: false, error: error.message };
    } finally {
      this.inFlight = false;
    }
    if (this.dirty) {
      this.compute(); // the answers changed meanwhile: this result is already stale
      return;
    }
    if (sequence !== this.sequence || !this.form.isConnected) return;
    // Same summary as shown: leave it be, so the live region does not
    // re-announce it and a selection in a copy box survives.
    const rendered = JSON.stringify(response);
    if (rendered !== this.rendered) {
      this.rendered = rendered;
      const { renderResponse } = await import("./render.js");
      renderResponse(this.region, response, this.headingLevel);
    }
    this.form.dataset.resultSequence = String(sequence);
    emit("rebound:result", { worksheet: this.id, response });
  }
}

// Find the page's worksheets; boot Python when one is seen or focused.
function scan() {
  for (const sheet of live) {
    if (!sheet.form.isConnected) {
      sheet.flush();
      live.delete(sheet);
    }
  }
  observer?.disconnect();
  observer = null;
  const forms = [...document.querySelectorAll("form.worksheet[data-worksheet]")].filter(
    (form) => ![...live].some((sheet) => sheet.form === form),
  );
  for (const form of forms) live.add(new Worksheet(form));
  if (!live.size) return;
  if (runtime.status().state === "ready") {
    for (const sheet of live) sheet.compute();
  } else if (runtime.status().state === "idle" && "IntersectionObserver" in window) {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer?.disconnect();
        observer = null;
        runtime.boot();
      }
    });
    for (const sheet of live) observer.observe(sheet.form);
  } else if (runtime.status().state === "idle") {
    runtime.boot();
  }
}

// Another tab saved or deleted answers: bring this tab's forms up to date.
storage.onChange((change) => {
  for (const sheet of live) {
    if (change.worksheet === null || change.worksheet === sheet.id) sheet.syncFrom(change);
  }
});

document.addEventListener("rebound:runtime", ({ detail }) => {
  for (const sheet of live) sheet.showRuntime(detail);
  if (detail.state === "ready") for (const sheet of live) sheet.compute();
});

// Leaving or hiding the page: write any answer still waiting to be saved.
const flushAll = () => live.forEach((sheet) => sheet.flush());
addEventListener("pagehide", flushAll);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") flushAll();
});

window.__rebound = {
  get boots() {
    return runtime.stats.boots;
  },
  get state() {
    return runtime.status().state;
  },
  get step() {
    return runtime.status().step;
  },
  get error() {
    return runtime.status().error;
  },
  get bootStartedAt() {
    return runtime.stats.bootStartedAt;
  },
  get readyAt() {
    return runtime.stats.readyAt;
  },
  get bootMode() {
    return runtime.stats.bootMode;
  },
  get snapshot() {
    return runtime.stats.snapshot;
  },
  boot: runtime.boot,
  retry: runtime.retry,
  call: runtime.call,
  refresh: () => live.forEach((sheet) => sheet.compute()),
  storage,
};

// The workbook page's tools load only where they are used (they subscribe
// to document$ themselves, which replays the current page to them).
function scanWorkbook() {
  if (document.querySelector("[data-rebound-workbook]"))
    import(siteUrl(layout.workbookScript).href);
}

if (window.document$?.subscribe) {
  window.document$.subscribe(() => {
    scan();
    scanWorkbook();
  });
} else {
  scan();
  scanWorkbook();
}
