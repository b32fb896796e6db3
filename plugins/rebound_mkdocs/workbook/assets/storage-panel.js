// The storage panel of the workbook page: everything the guide keeps in this
// browser, in plain words, each with a way to delete it.
//
// It lives on the workbook page, not the privacy page: that page already
// loads the storage code and holds the export and delete tools, so a reader
// who sees what is stored can export it before deleting it; the privacy page
// links here.
//
// It is written over keys, not over a fixed layout: every localStorage key
// with this deployment's prefix (namespace.js: `rebound:` for a site at the
// origin's root) is listed with its size; keys of other deployments on the
// same origin are never listed or deleted here; a value that
// is an envelope with a string `worksheet` is shown as that worksheet's
// answers, with its `saved_at`. Each key can be deleted, and when several
// keys belong to one worksheet (rounds, kept-aside copies) they can be
// deleted together. Keys are grouped as storage.js names them (schema 2):
// one group per round, labelled from the rounds index, with "Delete this
// round's answers" (storage.deleteRound: its keys and its index entry); the
// entries shared by every round (`rebound:v2:search:`, the tracker); and
// the rest (the index, settings, old or unknown layouts).
// Sizes count UTF-16 code units of the key and the value,
// 2 bytes each, which is how browsers count localStorage against its quota.
// The Python memory snapshot (Cache Storage, see
// runtime/assets/worker/snapshot.mjs) is listed with its size and can be
// deleted; the service worker's copy of the site's files is described.
// The "forget after N days" setting (forget.js) is turned on and off here.
// Whether the browser keeps the site's storage for good
// (navigator.storage.persisted(), asked for by storage.js after the first
// save) is said in words: `.workbook__persist[data-persisted=true|false|unknown]`.
//
// Stored text is shown as text only, never put in an attribute: a key or an
// envelope may hold anything (another script on this origin, an old import).
//
// For tests: the root `.workbook__storage` has data-state loading | ready
// and data-updates (a count); each listed key is `li.workbook__stored-item`
// with data-bytes, its key the text of its `code`; a worksheet's delete-all
// button has data-worksheet when the id is a valid worksheet id; each group
// is `section.workbook__stored-group` with data-group = a round id, "search"
// or "other", and a round's delete button is `.workbook__stored-delete-round`
// with data-round; the snapshot line has data-snapshot-bytes (or "none").

import { cacheName } from "../layout.js";
import { button, el } from "./dom.js";
import { PREFIX } from "./namespace.js";
import { messages } from "./workbook-messages.js";
import * as forget from "./forget.js";
import * as storage from "./storage.js";
import * as snapshot from "../worker/snapshot.mjs";

// What each delete button stands for (a key, a round, a worksheet), kept
// out of the DOM: keys may hold anything, and never go into an attribute.
const focusIds = new WeakMap();

const TEXT = messages.storagePanel;

// A worksheet id as browser_py/core/spec.py allows it (so it holds no markup).
const WORKSHEET_ID = /^[a-z][a-z0-9_-]{0,39}$/;
// saved_at as the envelope writes it (ISO 8601 with a zone); Date.parse alone
// would accept far looser text.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

// What browsers count for a localStorage entry: UTF-16 code units, 2 bytes each.
export const entryBytes = (key, value) => 2 * (key.length + value.length);

function store() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// Which group a key belongs to: a round id, "search" (shared by every
// round) or "other". Kept-aside copies name their round after the prefix.
export function groupOf(key) {
  const parsed = storage.parseKey(key);
  if (parsed) return parsed.round ?? storage.SEARCH;
  if (key.startsWith(storage.CORRUPT_PREFIX)) {
    const owner = key.slice(storage.CORRUPT_PREFIX.length).split(":")[0];
    if (owner === storage.SEARCH || storage.ROUND_ID.test(owner)) return owner;
  }
  return "other";
}

// Every key the site owns: [{key, bytes, worksheet, savedAt, group}], sorted by key.
export function stored() {
  const storage = store();
  if (!storage) return [];
  const found = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (!key?.startsWith(PREFIX)) continue;
    const value = storage.getItem(key) ?? "";
    let worksheet = null;
    let savedAt = null;
    try {
      const data = JSON.parse(value);
      if (typeof data?.worksheet === "string") worksheet = data.worksheet;
      if (
        typeof data?.saved_at === "string" &&
        ISO_TIME.test(data.saved_at) &&
        !Number.isNaN(Date.parse(data.saved_at))
      )
        savedAt = data.saved_at;
    } catch {
      // Not JSON (a kept-aside copy, say): listed with its size only.
    }
    found.push({ key, bytes: entryBytes(key, value), worksheet, savedAt, group: groupOf(key) });
  }
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const formatTime = (iso) =>
  new Date(iso).toLocaleString(document.documentElement.lang || undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });

export class StoragePanel {
  // `titles()` gives worksheet titles by id; `changed()` is called after a delete.
  constructor({ titles = () => new Map(), changed = () => {} } = {}) {
    this.titles = titles;
    this.changed = changed;
    this.updates = 0;
    this.node = el("div", "workbook__storage");
    this.node.dataset.state = "loading";
    this.list = el("div", "workbook__stored-groups-list");
    this.total = el("p", "workbook__stored-total");
    this.groups = el("p", "workbook__stored-groups");
    this.snapshotText = el("p", "workbook__snapshot");
    this.snapshotButton = button(TEXT.deleteSnapshot, "workbook__snapshot-delete");
    this.snapshotButton.hidden = true;
    this.snapshotButton.addEventListener("click", () =>
      this.confirm(TEXT.snapshotHeading, this.snapshotButton, () => this.deleteSnapshot()),
    );
    this.siteFiles = el("p", "workbook__site-files");
    this.persist = el("p", "workbook__persist");
    this.status = el("p", "workbook__storage-status");
    this.status.setAttribute("role", "status");
    this.dialog = this.buildDialog();
    this.node.append(
      el("h3", "workbook__heading", TEXT.heading),
      el("p", "", TEXT.intro),
      this.list,
      this.total,
      this.groups,
      el("h4", "", TEXT.persistHeading),
      this.persist,
      el("h4", "", TEXT.snapshotHeading),
      this.snapshotText,
      el("p", "", undefined, this.snapshotButton),
      this.siteFiles,
      this.buildForget(),
      this.status,
      this.dialog,
    );
  }

  buildDialog() {
    const dialog = el("dialog", "workbook__storage-dialog");
    dialog.setAttribute("aria-labelledby", "rebound-storage-confirm-title");
    const title = el("h3", "", TEXT.confirmTitle);
    title.id = "rebound-storage-confirm-title";
    this.dialogText = el("p");
    const yes = button(messages.workbook.confirmDelete, "workbook__storage-confirm");
    const no = button(messages.workbook.cancel, "workbook__storage-cancel");
    no.autofocus = true;
    yes.addEventListener("click", () => dialog.close("confirm"));
    no.addEventListener("click", () => dialog.close("cancel"));
    dialog.append(title, this.dialogText, el("p", "", undefined, yes, " ", no));
    return dialog;
  }

  confirm(what, opener, action) {
    this.dialogText.textContent = TEXT.confirm(what);
    this.dialog.returnValue = "";
    this.dialog.addEventListener(
      "close",
      async () => {
        if (this.dialog.returnValue !== "confirm") {
          this.status.textContent = messages.workbook.nothingDeleted;
          this.refocus(opener);
          return;
        }
        await action();
        this.refocus(opener);
      },
      { once: true },
    );
    this.dialog.showModal();
  }

  // Focus goes back to the button that opened the dialog. The panel may have
  // been redrawn meanwhile (an import or another tab), so a button drawn for
  // the same thing stands in for it; when its row is gone, focus stays in the
  // panel.
  refocus(opener) {
    const id = focusIds.get(opener);
    const same = opener?.isConnected
      ? opener
      : [...this.node.querySelectorAll("button")].find(
          (candidate) => id !== undefined && focusIds.get(candidate) === id,
        );
    if (same) {
      same.focus();
      return;
    }
    this.total.tabIndex = -1;
    this.total.focus();
  }

  // What an entry is, in words. An id this site does not know is quoted
  // only where it is shown as text (`quote`), never in an accessible name.
  describe(entry, quote = true) {
    if (entry.key === forget.KEY) return TEXT.setting;
    if (entry.worksheet) {
      const title = this.titles().get(entry.worksheet);
      if (title) return TEXT.answers(title);
      return quote ? TEXT.answersUnknown(entry.worksheet) : TEXT.answersUnknown();
    }
    return TEXT.other;
  }

  deleteKeys(keys, what) {
    try {
      for (const key of keys) store()?.removeItem(key);
    } catch {
      this.status.textContent = TEXT.notDeleted;
      return;
    }
    this.status.textContent = TEXT.deleted(what);
    this.update();
    this.changed();
  }

  async deleteSnapshot() {
    try {
      await snapshot.forget();
      this.status.textContent = TEXT.snapshotDeleted;
    } catch {
      this.status.textContent = TEXT.notDeleted;
    }
    await this.update();
  }

  // One listed key, with its own delete button (numbered `number` in the panel).
  renderItem(entry, number) {
    const what = this.describe(entry);
    const item = el("li", "workbook__stored-item");
    item.dataset.bytes = String(entry.bytes);
    const time = entry.savedAt ? el("time", "", formatTime(entry.savedAt)) : null;
    if (time) time.dateTime = entry.savedAt;
    const remove = button(TEXT.deleteKey, "workbook__stored-delete");
    focusIds.set(remove, `key:${entry.key}`);
    // Numbered, so each button's name is unique without quoting the key.
    remove.setAttribute("aria-label", TEXT.deleteKeyLabel(number, this.describe(entry, false)));
    remove.addEventListener("click", () =>
      this.confirm(what, remove, () => this.deleteKeys([entry.key], what)),
    );
    item.append(
      el("strong", "", what),
      el("br"),
      el("span", "", `${TEXT.name}: `, el("code", "", entry.key)),
      el("br"),
      el("span", "workbook__stored-size", `${TEXT.sizeLabel}: ${TEXT.size(entry.bytes)}`),
      el("br"),
      el("span", "", `${TEXT.savedLabel}: `, time ?? TEXT.unknownTime),
      el("br"),
      remove,
    );
    return item;
  }

  // The groups, in order: each round of the index (then rounds that have
  // keys but no index entry), the shared entries, then the rest.
  groupsOf(entries) {
    const { rounds } = storage.rounds();
    const order = rounds.map((round, index) => ({
      id: round.id,
      label: round.label || messages.rounds.defaultLabel(index + 1),
    }));
    const known = new Set(order.map((round) => round.id));
    for (const entry of entries) {
      if (entry.group === storage.SEARCH || entry.group === "other" || known.has(entry.group))
        continue;
      known.add(entry.group);
      order.push({ id: entry.group, label: TEXT.roundNotIndexed });
    }
    return [
      ...order.map((round) => ({ ...round, heading: TEXT.roundGroup(round.label) })),
      { id: storage.SEARCH, heading: TEXT.searchGroup },
      { id: "other", heading: TEXT.otherGroup },
    ].map((group) => ({ ...group, entries: entries.filter((entry) => entry.group === group.id) }));
  }

  renderKeys() {
    const entries = stored();
    const sections = [];
    const byWorksheet = new Map();
    let bytes = 0;
    let number = 0;
    for (const group of this.groupsOf(entries)) {
      if (!group.entries.length) continue;
      const section = el("section", "workbook__stored-group");
      section.dataset.group = group.id;
      const list = el("ul", "workbook__stored");
      for (const entry of group.entries) {
        bytes += entry.bytes;
        number += 1;
        list.append(this.renderItem(entry, number));
        if (entry.worksheet) {
          if (!byWorksheet.has(entry.worksheet)) byWorksheet.set(entry.worksheet, []);
          byWorksheet.get(entry.worksheet).push(entry.key);
        }
      }
      const heading = el("h4", "", group.heading);
      // Group ids are checked round ids, "search" or "other": safe in an id.
      heading.id = `rebound-stored-group-${group.id}`;
      section.append(heading);
      if (group.id === storage.SEARCH) section.append(el("p", "workbook__note", TEXT.searchNote));
      section.append(list);
      if (group.id !== storage.SEARCH && group.id !== "other") {
        const what = TEXT.roundAnswers(group.label);
        const all = button(TEXT.deleteRound, "workbook__stored-delete-round");
        focusIds.set(all, `round:${group.id}`);
        all.dataset.round = group.id;
        // The round's label is stored text: it names the button through its
        // heading, never inside an attribute.
        all.setAttribute("aria-describedby", heading.id);
        all.addEventListener("click", () =>
          this.confirm(what, all, () => this.deleteRound(group.id, what)),
        );
        section.append(el("p", "", undefined, all));
      }
      sections.push(section);
    }
    this.list.replaceChildren(...sections);
    this.list.hidden = !sections.length;
    this.total.textContent = number ? TEXT.total(bytes, number) : TEXT.none;
    // Worksheets with more than one key (rounds, copies) can go in one step.
    const groups = [];
    for (const [id, keys] of byWorksheet) {
      if (keys.length < 2) continue;
      const title = this.titles().get(id) ?? id;
      const all = button(TEXT.deleteWorksheet(title), "workbook__stored-delete-worksheet");
      focusIds.set(all, `worksheet:${id}`);
      if (WORKSHEET_ID.test(id)) all.dataset.worksheet = id;
      all.addEventListener("click", () =>
        this.confirm(TEXT.answers(title), all, () => this.deleteKeys(keys, TEXT.answers(title))),
      );
      groups.push(all, " ");
    }
    this.groups.replaceChildren(...groups);
    this.groups.hidden = !groups.length;
  }

  // A round's answers and its index entry go together, as the round bar
  // deletes them; the bar and the worksheets follow the event.
  deleteRound(id, what) {
    const result = storage.deleteRound(id);
    if (!result.ok) {
      this.status.textContent = TEXT.notDeleted;
      return;
    }
    this.status.textContent = TEXT.deleted(what);
    this.update();
    document.dispatchEvent(
      new CustomEvent("rebound:round", {
        detail: { round: storage.viewing(), editable: storage.editable(), deleted: [id] },
      }),
    );
    this.changed();
  }

  async renderCaches() {
    if (typeof caches === "undefined") {
      this.snapshotText.textContent = TEXT.snapshotUnknown;
      this.snapshotText.dataset.snapshotBytes = "none";
      this.snapshotButton.hidden = true;
      this.siteFiles.textContent = "";
      return;
    }
    try {
      const found = await snapshot.find();
      const size = found ? (await found.blob()).size : null;
      this.snapshotText.dataset.snapshotBytes = size === null ? "none" : String(size);
      this.snapshotText.textContent =
        size === null ? TEXT.noSnapshot : TEXT.snapshot(TEXT.size(size));
      this.snapshotButton.hidden = size === null;
      let files = 0;
      for (const name of await caches.keys()) {
        if (name.startsWith(cacheName("")) && name !== snapshot.CACHE)
          files += (await (await caches.open(name)).keys()).length;
      }
      const estimate = (await navigator.storage?.estimate?.())?.usage;
      this.siteFiles.textContent = [
        files ? TEXT.siteFiles(files) : "",
        estimate ? TEXT.estimate((estimate / 1_048_576).toFixed(1)) : "",
      ]
        .filter(Boolean)
        .join(" ");
    } catch {
      this.snapshotText.textContent = TEXT.snapshotUnknown;
      this.snapshotText.dataset.snapshotBytes = "none";
    }
  }

  // -- forget after N days ------------------------------------------------------

  buildForget() {
    const box = el("div", "workbook__forget");
    this.forgetToggle = el("input", "workbook__forget-toggle");
    this.forgetToggle.type = "checkbox";
    this.forgetToggle.id = "rebound-forget-on";
    const toggleLabel = el("label", "", TEXT.forgetLabel);
    toggleLabel.htmlFor = this.forgetToggle.id;
    this.forgetDays = el("input", "workbook__forget-days");
    this.forgetDays.type = "number";
    this.forgetDays.id = "rebound-forget-days";
    this.forgetDays.min = String(forget.MIN_DAYS);
    this.forgetDays.max = String(forget.MAX_DAYS);
    this.forgetDays.step = "1";
    this.forgetDays.inputMode = "numeric";
    this.forgetDays.value = "30";
    const daysLabel = el("label", "", TEXT.forgetDays);
    daysLabel.htmlFor = this.forgetDays.id;
    const help = el("p", "workbook__note", TEXT.forgetHelp);
    help.id = "rebound-forget-help";
    this.forgetToggle.setAttribute("aria-describedby", help.id);
    this.forgetState = el("p", "workbook__forget-state");
    this.forgetState.setAttribute("role", "status");
    this.forgetToggle.addEventListener("change", () => this.saveForget());
    this.forgetDays.addEventListener("change", () => {
      if (this.forgetToggle.checked) this.saveForget();
    });
    box.append(
      el("h4", "", TEXT.forgetHeading),
      el("p", "", undefined, this.forgetToggle, " ", toggleLabel),
      el("p", "", undefined, daysLabel, el("br"), this.forgetDays),
      help,
      this.forgetState,
    );
    return box;
  }

  saveForget() {
    try {
      if (!this.forgetToggle.checked) {
        forget.disable();
      } else {
        const days = Number(this.forgetDays.value);
        if (!Number.isInteger(days) || days < forget.MIN_DAYS || days > forget.MAX_DAYS) {
          this.forgetToggle.checked = false;
          this.forgetDays.setAttribute("aria-invalid", "true");
          this.forgetState.textContent = TEXT.forgetBadDays;
          this.forgetDays.focus();
          return;
        }
        this.forgetDays.removeAttribute("aria-invalid");
        forget.enable(days);
      }
    } catch {
      this.forgetState.textContent = TEXT.forgetFailed;
      return;
    }
    this.showForget();
    this.renderKeys();
  }

  showForget() {
    const setting = forget.read();
    this.forgetToggle.checked = Boolean(setting);
    if (setting) this.forgetDays.value = String(setting.days);
    this.forgetState.textContent = setting
      ? TEXT.forgetOn(setting.days, forget.formatDate(forget.deadline(setting)))
      : TEXT.forgetOff;
  }

  async showPersisted() {
    // The request made after the first save in this page, if any, else the state.
    const asked = storage.persistRequest();
    const answer = asked ? await asked : await storage.persisted();
    this.persist.dataset.persisted = answer === null ? "unknown" : String(answer);
    this.persist.textContent =
      answer === null ? TEXT.persistUnknown : answer ? TEXT.persisted : TEXT.notPersisted;
  }

  async update() {
    this.node.dataset.state = "loading";
    this.renderKeys();
    this.showForget();
    await this.showPersisted();
    await this.renderCaches();
    this.updates += 1;
    this.node.dataset.updates = String(this.updates);
    this.node.dataset.state = "ready";
  }
}
