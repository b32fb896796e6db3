// Worksheets in the page: save answers on this device, and show the summary
// browser_py computes in the Python worker.
//
// Loaded by the entry, worksheets.js, once a worksheet is near (see there):
// it exports start(dirty), which the entry calls on each page it loads for.
// Each form loads, computes and saves the round the bar shows
// (storage.viewing()); a round other than the current one is read-only
// until the reader chooses to edit it. Material's instant navigation swaps pages without
// reloading this module, so forms are (re)scanned on each page, and the one
// worker in runtime.js lives for the whole visit.
//
// What the reader typed before this module arrived wins over saved answers:
// the entry passes the names it saw change (`dirty`, a Map from form to a
// Set of control names); those keep their values and are saved.
//
// For other features and for tests:
//   events on document: "rebound:runtime" {state, step, error},
//     "rebound:saved" {worksheet, round, values, savedAt}, "rebound:result" {worksheet, response},
//     "rebound:storage-space" {problem: "nearly-full" | "full", ratio} after a save
//   window.__rebound: {boots, state, step, error, bootStartedAt, readyAt,
//     bootMode ("cold" | "snapshot"), snapshot, boot(), retry(), consent(), call(request),
//     refresh(), storage, load()}
//   on each form: data-runtime="idle|asking|loading|ready|failed",
//     data-result-sequence (bumped each time a response is applied),
//     data-round (the round it shows) and data-readonly="true|false"; all
//     work as CSS selectors, which tests under a strict CSP need.
//   <html data-rebound-worksheets="ready"> once this module has set up the page.

// The entry imported forget-hook.js first: "forget after N days" has acted.
import { languageFiles, layout, siteUrl } from "../layout.js";
import * as storage from "./storage.js";
import * as runtime from "./runtime.js";
import { today } from "./runtime.js";
import { button, download, el } from "./dom.js";
import { applyStamps, enhanceLists, lists, readValues, setRowCount, writeValues } from "./form.js";
import { messages } from "./messages.js";
import { mountBar, offerRounds } from "./rounds.js";

const SAVE_DELAY_MS = 300;
const SAVED_NOTE_MS = 2500;

const TEXT = messages.worksheet;
const DOWNLOAD = messages.download;

const live = new Set(); // controllers of the forms in the current page

// The page's language's worksheet manifest (layout.js languageFiles), fetched
// once per language, sent with the other worksheets' answers: Python reads
// their specs, in that language's words, from it (browser_py.api, "compute").
const manifests = new Map(); // manifest path -> promise of it
const siteManifest = () => {
  const path = languageFiles().manifest;
  if (!manifests.has(path)) {
    manifests.set(
      path,
      fetch(siteUrl(path))
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null),
    );
  }
  return manifests.get(path);
};
let observer = null;

function emit(name, detail) {
  document.dispatchEvent(new CustomEvent(name, { detail }));
}

class Worksheet {
  // `dirty`: names of controls the reader changed before this module loaded.
  constructor(form, dirty = null) {
    this.form = form;
    this.id = form.dataset.worksheet;
    this.sequence = 0;
    this.saveTimer = 0;
    this.inFlight = false; // a compute call is waiting for Python
    this.dirty = false; // answers changed while it was
    this.noteTimer = 0;
    this.spec = this.readSpec();
    if (this.spec) storage.registerSpec(this.spec);
    this.search = storage.scopeOf(this.id) === storage.SEARCH;
    this.region = form.querySelector("[data-worksheet-result]");
    const title = form.querySelector(".worksheet__results-title");
    this.headingLevel = title ? Number(title.tagName.slice(1)) + 1 : 4;
    this.buildStatus();

    enhanceLists(form, (message) => {
      this.note(message);
      this.changed();
    });
    this.mergeNote = ""; // what the next save says instead of a plain "Saved"
    const typed = dirty?.size ? typedValues(form, dirty) : null;
    this.loadRound(typed);
    this.showRuntime(runtime.status());

    form.addEventListener("input", () => this.changed());
    form.addEventListener("change", (event) => {
      applyStamps(form, this.spec, event.target, today());
      this.changed();
    });
    // Never submit: answers must not end up in a URL or a server log.
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("focusin", () => runtime.boot());
    // Typed before the page's scripts arrived: it wins, and is saved.
    if (typed && !this.readOnly) this.changed();
  }

  // Show the answers of the round the bar shows (a search-scoped worksheet
  // has one copy for every round), read-only when that round is not editable.
  // `typed` (values by name) is kept over the saved answers.
  loadRound(typed = null) {
    this.round = storage.viewing();
    const loaded = storage.load(this.id, this.round);
    const { problem, savedAt } = loaded;
    // Answers under a renamed field's earlier id show in the renamed field.
    const values = loaded.values && storage.renameValues(loaded.values, this.spec);
    for (const list of lists(this.form)) setRowCount(list, 0);
    writeValues(this.form, typed ? { ...values, ...typed } : (values ?? {}));
    // What this tab last read or wrote: the base for merging another tab's
    // answers, and its revision, which orders this tab's saves and theirs.
    this.base = values ?? {};
    this.rev = loaded.rev ?? 0;
    this.extra = loaded.extra ?? {};
    this.savedAt = savedAt ?? null;
    this.showKept();
    this.showStuck(problem === "stuck" ? loaded.raw : null);
    this.problem = storage.describe(problem) || (this.spec ? "" : TEXT.specMissing);
    if (this.problem) this.saveNote.textContent = this.problem;
    this.form.dataset.round = this.search ? storage.SEARCH : this.round;
    this.setReadOnly(!this.search && !storage.editable());
    offerRounds(this.form);
  }

  // An earlier round is shown as it is: nothing can be changed or saved
  // until the reader chooses "Edit this round".
  setReadOnly(readOnly) {
    this.readOnly = readOnly;
    this.form.dataset.readonly = String(readOnly);
    for (const control of this.form.querySelectorAll("input, textarea, select, button")) {
      // The summary's copy buttons and the status line's retry stay usable.
      if (control.closest("template, [data-worksheet-result], [data-worksheet-status]")) continue;
      const choice = control.type === "radio" || control.type === "checkbox";
      if (control.tagName === "BUTTON" || control.tagName === "SELECT" || choice) {
        if (readOnly) {
          if (!control.disabled) control.dataset.roundDisabled = "";
          control.disabled = true;
        } else if ("roundDisabled" in control.dataset) {
          control.disabled = false;
          delete control.dataset.roundDisabled;
        }
      } else {
        control.readOnly = readOnly;
      }
    }
    // The lists decide again which of their buttons apply.
    if (!readOnly) for (const list of lists(this.form)) setRowCount(list, rowsIn(list));
  }

  // The round shown changed (the bar, or another tab): save what waits, then
  // show the other round.
  switchRound(deleted = []) {
    if (deleted.includes(this.round)) clearTimeout(this.saveTimer);
    else this.flush();
    this.saveTimer = 0;
    this.loadRound();
    this.rendered = null;
    this.scheduleCompute();
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
    this.agreeButton = button(DOWNLOAD.agree(null), "worksheet__retry");
    this.agreeButton.hidden = true;
    this.agreeButton.addEventListener("click", () => runtime.consent());
    this.keptNote = el("span", "worksheet__status-kept");
    status?.replaceChildren(
      this.runtimeNote,
      this.retryButton,
      this.agreeButton,
      this.saveNote,
      this.keptNote,
    );
  }

  // Saved answers this form cannot show (removed or renamed fields, rows past
  // its limit, values that are not text) are kept by every save: say so.
  showKept() {
    this.kept = storage.unowned(this.base, this.spec);
    const count = Object.keys(this.kept).length + Object.keys(this.extra).length;
    const text = count ? TEXT.kept(count) : "";
    if (this.keptNote.textContent !== text) this.keptNote.textContent = text;
  }

  // Saved text that cannot be read, with no room to keep a copy aside:
  // nothing is saved over it until the reader downloads or discards it.
  showStuck(raw) {
    this.stuck = raw;
    this.stuckBox?.remove();
    this.stuckBox = null;
    if (raw === null || raw === undefined) return;
    const box = el("div", "worksheet__notice worksheet__stuck");
    box.setAttribute("role", "alert");
    const save = button(TEXT.stuckDownload, "worksheet__stuck-download");
    save.addEventListener("click", () =>
      download(raw, `rebound-unreadable-${this.id}.txt`, "text/plain"),
    );
    const drop = button(TEXT.stuckDiscard, "worksheet__stuck-discard");
    drop.addEventListener("click", () => {
      const result = storage.discard(this.id, this.round);
      if (!result.ok) {
        this.saveNote.textContent = storage.describe(result.problem);
        return;
      }
      this.showStuck(null);
      this.problem = "";
      this.saveNote.textContent = TEXT.stuckDiscarded;
      this.saveNote.tabIndex = -1;
      this.saveNote.focus();
      this.changed();
    });
    box.append(el("p", "", TEXT.stuck), el("p", "", undefined, save, " ", drop));
    this.form.querySelector("[data-worksheet-status]")?.before(box);
    this.stuckBox = box;
  }

  // Show a short message (saved, row added) for a moment.
  note(text) {
    clearTimeout(this.noteTimer);
    if (this.saveNote.textContent !== text) this.saveNote.textContent = text;
    this.noteTimer = setTimeout(() => {
      this.saveNote.textContent = this.problem;
    }, SAVED_NOTE_MS);
  }

  showRuntime({ state, step, error, received, total }) {
    const downloading = state === "loading" && step === "download" && total;
    const text =
      {
        idle: "",
        asking: DOWNLOAD.ask(total),
        loading: downloading
          ? DOWNLOAD.progress(received, total)
          : (TEXT.loading[step] ?? TEXT.loading.download),
        ready: "",
        failed: TEXT.runtimeFailed(error),
      }[state] ?? "";
    if (this.runtimeNote.textContent !== text) this.runtimeNote.textContent = text;
    this.retryButton.hidden = state !== "failed";
    this.agreeButton.hidden = state !== "asking";
    const agree = DOWNLOAD.agree(total);
    if (this.agreeButton.textContent !== agree) this.agreeButton.textContent = agree;
    this.form.dataset.runtime = state;
    if (!this.saveNote.textContent && this.problem) this.saveNote.textContent = this.problem;
  }

  changed() {
    offerRounds(this.form);
    if (this.readOnly) return; // an earlier round: nothing is saved
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    this.scheduleCompute();
  }

  save() {
    clearTimeout(this.saveTimer);
    this.saveTimer = 0;
    // Answers this form cannot show are kept, not dropped.
    let values = { ...this.kept, ...readValues(this.form) };
    // A merge with another tab's answers is still news when its save lands
    // (SAVE_DELAY_MS later): say so again rather than a plain "Saved", which would
    // wipe the message before anyone could read it.
    let message = this.mergeNote || TEXT.saved;
    this.mergeNote = "";
    const stored = storage.peek(this.id, this.round);
    // Another tab saved since this one last read (a higher revision, or an
    // older guide's entry, which has none, with other answers): keep both
    // tabs' changes. Revisions, not clocks: a tab's clock may be off.
    const theirs = storage.renameValues(stored?.values ?? {}, this.spec);
    if (stored && (stored.rev > this.rev || (!stored.hasRev && !sameValues(theirs, this.base)))) {
      values = storage.merge(this.base, values, theirs).values;
      this.extra = stored.extra ?? {};
      writeValues(this.form, values);
      message = TEXT.savedWithOtherTab;
    }
    const result = storage.save(this.id, { ...values, ...this.extra }, this.round);
    if (result.ok) {
      this.base = values;
      this.rev = result.rev;
      this.savedAt = result.savedAt;
      this.showKept();
      this.problem = "";
      this.note(message);
      emit("rebound:saved", {
        worksheet: this.id,
        round: this.search ? null : this.round,
        values,
        savedAt: result.savedAt,
      });
      if (result.nearlyFull)
        emit("rebound:storage-space", { problem: "nearly-full", ratio: storage.usage().ratio });
    } else if (result.problem !== "deleted") {
      this.problem = storage.describe(result.problem);
      this.saveNote.textContent = this.problem;
      if (result.problem === "stuck") this.showStuck(result.raw);
      if (result.problem === "full")
        emit("rebound:storage-space", { problem: "full", ratio: storage.usage().ratio });
    }
  }

  // Save now if a save is waiting (before leaving the page).
  flush() {
    if (this.saveTimer && !this.readOnly) this.save();
  }

  // Another tab saved (or deleted) this worksheet's answers: show the newer
  // ones here, keeping any change made in this tab since it last saved.
  syncFrom({ round, values, extra = {}, rev = 0, hasRev = false, savedAt }) {
    if (round !== undefined && round !== null && round !== this.round) return; // another round
    values = storage.renameValues(values, this.spec);
    // This tab saved a later revision already: the event is stale. The same
    // revision with other answers means both tabs saved at once: merge. (An
    // entry without a revision comes from an older guide's tab, and is news.)
    if (savedAt && hasRev && rev < this.rev) return;
    if (savedAt && hasRev && rev === this.rev && sameValues(values, this.base)) return;
    const merged = storage.merge(this.base, { ...this.kept, ...readValues(this.form) }, values);
    writeValues(this.form, merged.values);
    this.base = values;
    this.rev = savedAt ? rev : 0;
    this.extra = extra;
    this.savedAt = savedAt;
    this.showKept();
    this.note(TEXT.updatedFromOtherTab(!savedAt, merged.kept, false));
    if (merged.kept && !this.readOnly) {
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
    const context = storage.others(this.id, this.round);
    // Worksheets read from every round, once Python has named them.
    const across = this.acrossRounds ? storage.acrossRounds(this.acrossRounds) : null;
    const request = {
      action: "compute",
      worksheet: this.id,
      spec: this.spec,
      values: readValues(this.form),
      context,
      ...(across ? { rounds: across } : {}),
      index: Object.keys(context).length || across ? await siteManifest() : null,
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
    // Python reads other worksheets from every round: ask again with them
    // before showing a result that lacks them.
    const wanted = response?.ok ? response.rounds_context : undefined;
    if (!this.acrossRounds && Array.isArray(wanted) && wanted.length) {
      this.acrossRounds = wanted.filter((id) => typeof id === "string");
      this.compute();
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

// The current values of the `names` the reader changed; a name with no value
// now (a cleared field, every box unticked) is "" so the saved one does not return.
function typedValues(form, names) {
  const values = readValues(form);
  return Object.fromEntries([...names].map((name) => [name, values[name] ?? ""]));
}

const sameValues = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
const sortKeys = (values) => Object.fromEntries(Object.entries(values).sort());

const rowsIn = (list) => list.querySelector(".worksheet__rows")?.children.length ?? 0;

// Answers saved before rounds (schema 1 or 0) move into the first round once
// every worksheet's scope is known: the page's own forms, then the manifest.
async function migrateFirst() {
  for (const form of document.querySelectorAll("form.worksheet[data-worksheet]")) {
    try {
      storage.registerSpec(JSON.parse(form.dataset.worksheetSpec || "null"));
    } catch {
      // A form without its spec saves as round-scoped.
    }
  }
  if (!storage.pendingMigration()) return;
  if (storage.migrate().waiting) {
    const index = await siteManifest();
    if (!index) {
      // Offline, say: guessing a scope could put the tracker into a round for
      // good. The old entries are read as they are (storage.load) until a
      // load that has the manifest migrates them.
      manifests.clear(); // the next load asks again
      return;
    }
    storage.registerManifest(index);
    storage.migrate();
  }
}

// Find the page's worksheets; boot Python when one is seen or focused.
async function scan(dirty) {
  await migrateFirst();
  mountBar();
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
  for (const form of forms) {
    live.add(new Worksheet(form, dirty?.get(form)));
    dirty?.delete(form);
  }
  if (!live.size) return;
  // A field has focus: the reader is already there (the entry loaded this
  // module for it), so start Python now rather than when it is seen.
  if (document.activeElement?.closest?.("form.worksheet") && runtime.status().state === "idle") {
    runtime.boot();
  }
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
  if (change.rounds) {
    // The round shown may be gone, or this tab may now show another.
    for (const sheet of live) if (storage.viewing() !== sheet.round) sheet.switchRound();
    return;
  }
  for (const sheet of live) {
    if (change.worksheet === null || change.worksheet === sheet.id) sheet.syncFrom(change);
  }
});

// The reader chose another round, started one, or unlocked an earlier one.
document.addEventListener("rebound:round", ({ detail }) => {
  for (const sheet of live) sheet.switchRound(detail?.deleted ?? []);
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

// Onto the entry's window.__rebound (it keeps its load()), replacing the
// placeholders it showed before this module arrived.
const api = {
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
  consent: runtime.consent,
  call: runtime.call,
  refresh: () => live.forEach((sheet) => sheet.compute()),
  storage,
};
window.__rebound ??= {};
Object.defineProperties(window.__rebound, Object.getOwnPropertyDescriptors(api));

// The workbook page's tools load only where they are used (they subscribe
// to document$ themselves, which replays the current page to them).
function scanWorkbook() {
  if (document.querySelector("[data-rebound-workbook]"))
    import(siteUrl(layout.workbookScript).href);
}

// Set up the page's worksheets (and the workbook's tools), once per page:
// the entry calls this for the page it loaded the module on, and again after
// each instant navigation. `dirty`: Map from form to the Set of control names
// the reader changed before this module loaded; taken over form by form.
// The workbook reads saved answers: it starts once they are migrated.
export function start(dirty = null) {
  return scan(dirty)
    .finally(scanWorkbook)
    .finally(() => {
      document.documentElement.dataset.reboundWorksheets = "ready";
    });
}
