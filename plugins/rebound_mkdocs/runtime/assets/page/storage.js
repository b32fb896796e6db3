// Everything the worksheets keep on this device, in one small module.
//
// Saved-data schema 2 (the format reference is browser_py/core/storage.py):
// a *round* is one pass through the steps for one rejection. Every key
// starts with this deployment's prefix (namespace.js: "rebound:" for a
// site at "/", "rebound@/path/:" under a subpath), written `rebound:` here.
//   rebound:v2:rounds            the index: {"schema":2,"current":id,"rounds":[...]}
//   rebound:v2:<round>:<ws>      a round-scoped worksheet's envelope
//   rebound:v2:search:<ws>       a search-scoped worksheet's envelope (the tracker)
// An envelope is {"schema":2,"worksheet":ws,"round":id|null,"saved_at":ISO,
// "rev":N,"values":{...}}; "values" are the raw form values: control name ->
// string, or a list of strings for a multi-choice field.
//
// "rev" orders writes across tabs (never the wall clock, which may differ
// between tabs or jump): each save writes the revision stored at that moment
// plus one. It is a compatible field of schema 2, not a schema 3: an entry
// without it (every entry written before, or by an older Rebound tab still
// open) is revision 0, and an older tab reads and writes entries that have
// it. Because an older tab writes no "rev", a change another tab made to an
// entry without one is always taken as news (see worksheets.js).
// `saved_at` stays for display and export.
//
// An import (writeAll) is all or nothing, and no other tab ever sees a value
// that is then rolled back: every new value is first written under a
// temporary key (`rebound:pending:...`, which no tab reads), so a full
// storage fails there and only the temporary keys are removed; then each
// temporary key is swapped for its real one (removed first, so the swap
// needs no more space than the temporary copy held).
//
// Reading never throws: a missing, blocked or corrupt entry comes back as a
// `problem` the caller can show. Unreadable text is copied aside to
// `rebound:corrupt:<round|search>:<ws>:<time>` before anything can overwrite
// it. Schema 1 (`rebound:v1:<ws>`) and 0 (`rebound:<ws>`) entries are
// migrated into round r0 (or the search entry) by migrate(), which needs
// each worksheet's scope: worksheets.js and workbook.js register the scopes
// they know (registerScopes) before they read. Writing reports a full or
// blocked storage instead of throwing, so the form keeps working with its
// answers in memory.

import { english, messages } from "./messages.js";
import { PREFIX as NAMESPACE } from "./namespace.js";

export const PREFIX = `${NAMESPACE}v2:`;
export const V1_PREFIX = `${NAMESPACE}v1:`;
export const LEGACY_PREFIX = NAMESPACE;
export const CORRUPT_PREFIX = `${NAMESPACE}corrupt:`;
export const INDEX_KEY = `${NAMESPACE}v2:rounds`;
export const PENDING_PREFIX = `${NAMESPACE}pending:`;
const VIEW_KEY = `${NAMESPACE}viewing`;
export const SEARCH = "search";
export const SCHEMA = 2;
export const FIRST_ROUND = "r0";

// Worksheet ids, as browser_py/core/spec.py allows them: never a ":".
const ID = /^[a-z][a-z0-9_-]{0,39}$/;
export const ROUND_ID = /^r[0-9a-z]{1,23}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

// Roughly what browsers give one site in localStorage (5 MB of UTF-16 text);
// past NEARLY_FULL of it the reader is warned before a save fails.
export const QUOTA_CHARS = (5 * 1024 * 1024) / 2;
export const NEARLY_FULL = 0.8;

function store() {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked by the browser's privacy settings
  }
}

const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);

// -- scopes ------------------------------------------------------------------------

const scopes = new Map(); // worksheet id -> "round" | "search"

let allKnown = false; // the site's whole manifest was registered

// Tell the module each worksheet's scope ({id: "round"|"search"}). With
// `complete` (the site's manifest, or all that can be known), a worksheet
// it does not name is taken as round-scoped: the migration then never waits.
export function registerScopes(entries, complete = false) {
  for (const [id, scope] of Object.entries(entries))
    if (ID.test(id) && (scope === "round" || scope === SEARCH)) scopes.set(id, scope);
  if (complete) allKnown = true;
}

// The scopes in the site's worksheet manifest ({worksheets: [{spec}]}).
export function registerManifest(manifest) {
  const entries = {};
  for (const entry of manifest?.worksheets ?? [])
    if (typeof entry?.spec?.id === "string") entries[entry.spec.id] = entry.spec.scope ?? "round";
  registerScopes(entries, true);
}

export const scopesComplete = () => allKnown;

export function registerSpec(spec) {
  if (spec?.id) registerScopes({ [spec.id]: spec.scope ?? "round" });
}

export const scopeOf = (id) => scopes.get(id);
const isSearch = (id) => scopes.get(id) === SEARCH;

export const keyFor = (id, round = viewing()) =>
  isSearch(id) ? `${PREFIX}${SEARCH}:${id}` : `${PREFIX}${round}:${id}`;
const legacyKeyFor = (id) => LEGACY_PREFIX + id;

// `rebound:v2:<round|search>:<ws>` -> {round (null for search), worksheet}, or null.
export function parseKey(key) {
  if (typeof key !== "string" || !key.startsWith(PREFIX)) return null;
  const [owner, worksheet, ...rest] = key.slice(PREFIX.length).split(":");
  if (rest.length || !ID.test(worksheet ?? "")) return null;
  if (owner === SEARCH) return { round: null, worksheet };
  return ROUND_ID.test(owner) ? { round: owner, worksheet } : null;
}

// Split values into the ones a form can hold (`clean`) and the rest
// (`extra`: numbers, objects...), which no form shows but every save keeps;
// `dropped` counts the extra ones.
function cleanValues(values) {
  const clean = {};
  const extra = {};
  let dropped = 0;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "string") {
      clean[name] = value;
    } else if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      clean[name] = [...value];
    } else {
      extra[name] = value;
      dropped += 1;
    }
  }
  return { clean, extra, dropped };
}

// An entry's revision: a whole number >= 0; none (written before revisions,
// or by an older tab) is 0.
export const revOf = (data) => (Number.isSafeInteger(data?.rev) && data.rev >= 0 ? data.rev : 0);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

// A version 0 number as the form would have held it: 7.0 -> "7", 2.5 -> "2.5".
const numberText = (value) => String(value);

// Version 0 {"version":0,"answers":{...},"updated"?} -> a version 1 envelope,
// or null when it is not that layout (the same steps as browser_py.core.storage.migrate).
export function migrateV0(id, data) {
  if (!isPlainObject(data) || data.version !== 0 || !isPlainObject(data.answers)) return null;
  const values = {};
  for (const [name, value] of Object.entries(data.answers)) {
    if (value === null || value === "" || (Array.isArray(value) && !value.length)) continue;
    if (typeof value === "boolean") return null; // no field ever stored true/false
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return null;
      values[name] = numberText(value);
    } else if (Array.isArray(value)) {
      values[name] = value.map((item) => (typeof item === "number" ? numberText(item) : item));
    } else {
      values[name] = value;
    }
  }
  const savedAt =
    typeof data.updated === "string" && ISO_TIME.test(data.updated)
      ? data.updated
      : new Date().toISOString();
  return { schema: 1, worksheet: id, saved_at: savedAt, values };
}

// Parse one stored schema-2 entry: {values, savedAt, problem}.
export function parse(id, text, round = undefined) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { values: null, problem: "unreadable" };
  }
  if (!isPlainObject(data) || data.schema !== SCHEMA || !isPlainObject(data.values)) {
    return { values: null, problem: data?.schema > SCHEMA ? "newer" : "unreadable" };
  }
  if (data.worksheet !== id) return { values: null, problem: "unreadable" };
  if (round !== undefined && (data.round ?? null) !== round) {
    return { values: null, problem: "unreadable" };
  }
  const { clean, extra, dropped } = cleanValues(data.values);
  return {
    values: clean,
    extra,
    rev: revOf(data),
    hasRev: Object.hasOwn(data, "rev"),
    savedAt: data.saved_at ?? null,
    problem: dropped ? "partial" : null,
  };
}

// -- the index of rounds ---------------------------------------------------------

const ROUND_TEXT_MAX = 200;
const text = (value) => (typeof value === "string" ? value.slice(0, ROUND_TEXT_MAX) : "");

// One round of the index, cleaned: null when it has no valid id.
function cleanRound(round) {
  if (!isPlainObject(round) || !ROUND_ID.test(round.id ?? "")) return null;
  const out = {
    id: round.id,
    label: text(round.label),
    company: text(round.company),
    role: text(round.role),
    date: DAY.test(round.date ?? "") ? round.date : "",
    created: ISO_TIME.test(round.created ?? "") ? round.created : "",
  };
  if (ISO_TIME.test(round.updated ?? "")) out.updated = round.updated;
  return out;
}

// The index as stored, cleaned: {schema, current, rounds, deleted}, or null
// when there is none. An unreadable index is kept aside and rebuilt from
// the round keys present.
function readIndex(storage) {
  let textValue;
  try {
    textValue = storage.getItem(INDEX_KEY);
  } catch {
    return null;
  }
  if (textValue === null) return null;
  let data;
  try {
    data = JSON.parse(textValue);
  } catch {
    data = null;
  }
  if (!isPlainObject(data) || data.schema !== SCHEMA || !Array.isArray(data.rounds)) {
    if (!(data?.schema > SCHEMA)) keepAside(storage, "index", "rounds", textValue);
    return rebuildIndex(storage, data?.schema > SCHEMA);
  }
  const seen = new Set();
  const rounds = [];
  for (const round of data.rounds.map(cleanRound)) {
    if (round && !seen.has(round.id)) {
      seen.add(round.id);
      rounds.push(round);
    }
  }
  const deleted = Array.isArray(data.deleted)
    ? data.deleted.filter((id) => typeof id === "string" && ROUND_ID.test(id) && !seen.has(id))
    : [];
  const current = seen.has(data.current) ? data.current : (rounds.at(-1)?.id ?? FIRST_ROUND);
  return { schema: SCHEMA, current, rounds, deleted };
}

// The rounds whose entries are in storage, for an index that was lost.
function rebuildIndex(storage, newer) {
  const ids = new Set();
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const parsed = parseKey(storage.key(index));
      if (parsed?.round) ids.add(parsed.round);
    }
  } catch {
    // Blocked half-way: rebuild from what was readable.
  }
  const rounds = [...ids].sort().map((id, number) => ({
    ...blankRound(id),
    label: english.rounds.defaultLabel(number + 1),
  }));
  return { schema: SCHEMA, current: rounds.at(-1)?.id ?? FIRST_ROUND, rounds, deleted: [], newer };
}

const blankRound = (id) => ({ id, label: "", company: "", role: "", date: "", created: "" });

function indexText({ schema, current, rounds, deleted }) {
  const out = { schema, current, rounds };
  if (deleted?.length) out.deleted = deleted.slice(-100);
  return JSON.stringify(out);
}

function writeIndex(storage, index) {
  const { current, rounds, deleted } = index;
  storage.setItem(INDEX_KEY, indexText(index));
  known = { current, rounds, deleted: deleted?.slice(-100) ?? [] };
}

// The rounds this tab last read or wrote: what another tab's index is merged with.
let known = null;

// Union by id of two indexes (renames by the later `updated`), less the rounds
// either deleted. Neither tab's round is ever lost this way.
export function mergeIndexes(mine, theirs) {
  const deleted = [...new Set([...(mine?.deleted ?? []), ...(theirs?.deleted ?? [])])];
  const gone = new Set(deleted);
  const byId = new Map();
  for (const round of [...(mine?.rounds ?? []), ...(theirs?.rounds ?? [])]) {
    if (gone.has(round.id)) continue;
    const seen = byId.get(round.id);
    const stamp = (r) => r.updated || r.created || "";
    if (!seen || stamp(round) > stamp(seen)) byId.set(round.id, round);
  }
  const rounds = [...byId.values()].sort(
    (a, b) => (a.created || "").localeCompare(b.created || "") || a.id.localeCompare(b.id),
  );
  const ids = new Set(rounds.map((round) => round.id));
  const current = ids.has(theirs?.current)
    ? theirs.current
    : ids.has(mine?.current)
      ? mine.current
      : (rounds.at(-1)?.id ?? FIRST_ROUND);
  return { schema: SCHEMA, current, rounds, deleted };
}

const sameRounds = (a, b) => JSON.stringify(a?.rounds ?? []) === JSON.stringify(b?.rounds ?? []);

// -- migration from schema 1 (and 0) ----------------------------------------------

// Move every schema-1 (and schema-0) entry whose worksheet's scope is known
// into schema 2: round r0, or the search entry. The old key goes only once
// the new entry and the index are written. Entries that cannot be read are
// kept aside. {migrated, problem}.
export function migrate() {
  const storage = store();
  if (!storage) return { migrated: 0, problem: "unavailable" };
  const found = new Map(); // id -> {key, text, legacy}
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (!key?.startsWith(LEGACY_PREFIX)) continue;
      const v1 = key.startsWith(V1_PREFIX);
      const id = v1 ? key.slice(V1_PREFIX.length) : key.slice(LEGACY_PREFIX.length);
      if (!ID.test(id)) continue;
      // Without every scope a search-scoped entry could land in a round: wait.
      if (!scopes.has(id) && !allKnown) return { migrated: 0, problem: null, waiting: true };
      if (v1 || !found.has(id)) found.set(id, { key, text: storage.getItem(key), legacy: !v1 });
    }
  } catch {
    return { migrated: 0, problem: "unavailable" };
  }
  if (!found.size) return { migrated: 0, problem: null };
  const envelopes = new Map();
  let problem = null;
  for (const [id, { text: raw, legacy }] of found) {
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      data = undefined;
    }
    const envelope =
      migrateV0(id, data) ??
      (!legacy &&
      isPlainObject(data) &&
      data.schema === 1 &&
      data.worksheet === id &&
      isPlainObject(data.values)
        ? data
        : null);
    if (data?.schema > 1 && !legacy) {
      problem = "newer"; // written by a newer guide: never touched
      continue;
    }
    if (!envelope) {
      keepAside(storage, isSearch(id) ? SEARCH : FIRST_ROUND, id, raw);
      migrationNotes.set(id, "unreadable");
      problem ??= "unreadable";
      envelopes.set(id, null);
      continue;
    }
    // As browser_py.core.storage.migrate: a missing or bad time becomes now.
    const savedAt = ISO_TIME.test(String(envelope.saved_at))
      ? envelope.saved_at
      : new Date().toISOString();
    envelopes.set(id, { ...envelope, saved_at: savedAt });
  }
  try {
    const times = [...envelopes.values()]
      .filter((envelope) => envelope && !isSearch(envelope.worksheet))
      .map((envelope) => String(envelope.saved_at))
      .filter((time) => ISO_TIME.test(time))
      .sort();
    let index = readIndex(storage) ?? { schema: SCHEMA, current: FIRST_ROUND, rounds: [] };
    if (times.length && !index.rounds.some((round) => round.id === FIRST_ROUND)) {
      index = mergeIndexes(index, {
        current: index.rounds.length ? index.current : FIRST_ROUND,
        rounds: [
          {
            ...blankRound(FIRST_ROUND),
            label: english.rounds.firstRound,
            created: times[0],
          },
        ],
      });
      if (!index.rounds.some((round) => round.id !== FIRST_ROUND)) index.current = FIRST_ROUND;
    }
    for (const [id, envelope] of envelopes) {
      if (!envelope) continue;
      const round = isSearch(id) ? null : FIRST_ROUND;
      const key = isSearch(id) ? `${PREFIX}${SEARCH}:${id}` : `${PREFIX}${FIRST_ROUND}:${id}`;
      // An entry already in schema 2 (another tab migrated first) is the newer one.
      if (storage.getItem(key) === null) {
        storage.setItem(
          key,
          JSON.stringify({
            schema: SCHEMA,
            worksheet: id,
            round,
            saved_at: envelope.saved_at,
            values: envelope.values,
          }),
        );
      }
    }
    writeIndex(storage, index);
    for (const [id, { key, legacy }] of found) {
      if (!envelopes.has(id)) continue; // newer: left where it is
      storage.removeItem(key);
      if (!legacy) {
        const old = legacyKeyFor(id);
        if (storage.getItem(old) !== null && envelopes.get(id)) {
          // A version 0 entry beside a version 1 one was never read; keep it aside.
          keepAside(storage, isSearch(id) ? SEARCH : FIRST_ROUND, id, storage.getItem(old));
          storage.removeItem(old);
        }
      }
    }
  } catch (error) {
    // Full or blocked: the old entries stay, and are migrated again next time.
    return { migrated: 0, problem: isQuota(error) ? "full" : "unavailable" };
  }
  for (const [id, envelope] of envelopes) if (envelope) migrationNotes.set(id, "migrated");
  const migrated = [...envelopes.values()].filter(Boolean).length;
  return { migrated, problem: problem ?? (migrated ? "migrated" : null) };
}

// What the migration did to each worksheet ("migrated" | "unreadable"),
// told once, by the first load() of that worksheet in this page.
const migrationNotes = new Map();

// Whether any schema-1 or schema-0 entry is still waiting to be migrated.
export function pendingMigration() {
  const storage = store();
  if (!storage) return false;
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index) ?? "";
      if (key.startsWith(V1_PREFIX) && ID.test(key.slice(V1_PREFIX.length))) return true;
      if (key.startsWith(LEGACY_PREFIX) && ID.test(key.slice(LEGACY_PREFIX.length))) return true;
    }
  } catch {
    return false;
  }
  return false;
}

// -- rounds: the public API ---------------------------------------------------------

// The rounds, in creation order, and the current one. Before the first save
// there are none, and "r0" is the round that save will create.
export function rounds({ stored: raw = false } = {}) {
  const storage = store();
  const index = (storage && readIndex(storage)) ?? { current: FIRST_ROUND, rounds: [] };
  if (storage) known = mergeIndexes(known, index);
  return {
    current: index.current,
    rounds: index.rounds.map(({ id, label, company, role, date, created }) => ({
      id,
      // The export keeps the label as stored (see shownLabel).
      label: raw ? label : shownLabel(label),
      company,
      role,
      date,
      created,
    })),
  };
}

// The round this tab shows (it follows instant navigation; sessionStorage
// carries it over a reload), and whether the reader chose to edit it.
let view = null;
function readView() {
  if (view) return view;
  try {
    view = JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? "null");
  } catch {
    view = null;
  }
  if (!isPlainObject(view) || !ROUND_ID.test(view.round ?? "")) view = null;
  return view;
}

// The first time a tab asks, it is pinned to the current round (as one the
// reader edits), so a round another tab starts later never moves it; only
// the reader's own choice (show) does. A pinned round that was deleted
// gives way to the current one, pinned in its turn. Before the first save
// there is no round yet: the tab is pinned to the one that save will make.
export function viewing() {
  const { current, rounds: list } = rounds();
  const chosen = readView();
  if (chosen && list.some((round) => round.id === chosen.round)) return chosen.round;
  if (chosen && !list.length && chosen.round === current) return current;
  show(current, true);
  return current;
}

// Whether the round shown may be changed: the current one always, an
// earlier one only after "Edit this round".
export function editable() {
  const shown = viewing();
  return shown === rounds().current || Boolean(readView()?.editing && readView().round === shown);
}

export function show(round, editing = false) {
  // The current round is editable; showing it pins it as such, so a round
  // another tab starts later does not lock it under the reader.
  view = { round, editing: Boolean(editing) || round === rounds().current };
  try {
    sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
  } catch {
    // Without sessionStorage the choice lasts as long as this page.
  }
}

const randomPart = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => (byte % 36).toString(36)).join(
    "",
  );

export const newRoundId = () => `r${Date.now().toString(36)}${randomPart()}`;

// The label a round gets when the reader gives none.
export function defaultLabel({ company, role, date }, number) {
  const parts = [company, role].map((part) => (part ?? "").trim()).filter(Boolean);
  if (parts.length) return parts.join(", ");
  if (date) return messages.rounds.rejectedOn(date);
  return english.rounds.defaultLabel(number);
}

// A round the reader did not name is stored with an English default label
// ("First round", "Round 3"), in every language and on older sites alike, so
// the same answers read the same everywhere; it is shown in the page's
// language. Python's browser_py.core.wording.round_label does the same for
// the journal. A label the reader typed is shown as it is.
const [ROUND_BEFORE, ROUND_AFTER] = english.rounds.defaultLabel(9_876_543).split("9876543");

export function shownLabel(label) {
  if (label === english.rounds.firstRound) return messages.rounds.firstRound;
  const middle = label.slice(ROUND_BEFORE.length, label.length - ROUND_AFTER.length);
  if (
    label.startsWith(ROUND_BEFORE) &&
    label.endsWith(ROUND_AFTER) &&
    /^[1-9][0-9]{0,3}$/.test(middle)
  ) {
    return messages.rounds.defaultLabel(Number(middle));
  }
  return label;
}

// Ensure the index exists (the first round is made lazily, by the first save).
function ensureIndex(storage) {
  const index = readIndex(storage);
  if (index?.rounds.length) return index;
  const now = new Date().toISOString();
  const made = {
    schema: SCHEMA,
    current: FIRST_ROUND,
    rounds: [
      { ...blankRound(FIRST_ROUND), label: english.rounds.firstRound, created: now, updated: now },
    ],
    deleted: (index?.deleted ?? []).filter((id) => id !== FIRST_ROUND),
  };
  writeIndex(storage, made);
  return made;
}

// Start a round ({label, company, role, date}, all optional) and make it
// current and shown. {ok, round, problem}.
export function createRound(fields = {}) {
  const storage = store();
  if (!storage) return { ok: false, problem: "unavailable" };
  try {
    const index = ensureIndex(storage);
    const now = new Date().toISOString();
    const details = cleanRound({ ...fields, id: newRoundId(), created: now, updated: now });
    details.label = text(fields.label).trim() || defaultLabel(details, index.rounds.length + 1);
    const next = {
      ...index,
      current: details.id,
      rounds: [...index.rounds, details],
    };
    writeIndex(storage, next);
    show(details.id);
    return { ok: true, round: { ...details, label: shownLabel(details.label) }, problem: null };
  } catch (error) {
    return { ok: false, problem: isQuota(error) ? "full" : "unavailable" };
  }
}

// Change a round's label, company, role or date. {ok, problem}.
export function renameRound(id, fields) {
  const storage = store();
  if (!storage) return { ok: false, problem: "unavailable" };
  try {
    const index = ensureIndex(storage);
    const rounds_ = index.rounds.map((round) => {
      if (round.id !== id) return round;
      const next = cleanRound({ ...round, ...fields, updated: new Date().toISOString() });
      next.label = next.label.trim() || round.label;
      // The default label, shown translated and saved back untouched, stays
      // the default (and so follows the page's language).
      if (next.label === shownLabel(round.label)) next.label = round.label;
      return next;
    });
    writeIndex(storage, { ...index, rounds: rounds_ });
    return { ok: true, problem: null };
  } catch (error) {
    return { ok: false, problem: isQuota(error) ? "full" : "unavailable" };
  }
}

// Make `id` the current round (where answers go by default).
export function setCurrent(id) {
  const storage = store();
  if (!storage) return { ok: false, problem: "unavailable" };
  try {
    const index = ensureIndex(storage);
    if (!index.rounds.some((round) => round.id === id)) return { ok: false, problem: "missing" };
    writeIndex(storage, { ...index, current: id });
    show(id);
    return { ok: true, problem: null };
  } catch {
    return { ok: false, problem: "unavailable" };
  }
}

// Every key that belongs to round `id` (its entries and kept-aside copies).
function roundKeys(storage, id) {
  const keys = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key?.startsWith(`${PREFIX}${id}:`) || key?.startsWith(`${CORRUPT_PREFIX}${id}:`))
      keys.push(key);
  }
  return keys;
}

// Delete rounds `ids` and only their keys. {ok, removed, problem}.
export function deleteRounds(ids) {
  const storage = store();
  if (!storage) return { ok: false, removed: 0, problem: "unavailable" };
  try {
    const gone = new Set(ids);
    const index = readIndex(storage) ?? { schema: SCHEMA, current: FIRST_ROUND, rounds: [] };
    const keys = [...gone].flatMap((id) => roundKeys(storage, id));
    const left = index.rounds.filter((round) => !gone.has(round.id));
    writeIndex(storage, {
      ...index,
      current: gone.has(index.current) ? (left.at(-1)?.id ?? FIRST_ROUND) : index.current,
      rounds: left,
      deleted: [...(index.deleted ?? []), ...gone],
    });
    for (const key of keys) storage.removeItem(key);
    if (view && gone.has(view.round)) show(rounds().current);
    return { ok: true, removed: keys.length, problem: null };
  } catch {
    return { ok: false, removed: 0, problem: "unavailable" };
  }
}

export const deleteRound = (id) => deleteRounds([id]);

// -- one worksheet's answers ----------------------------------------------------------

// The saved answers of worksheet `id` in `round` (default: the round shown):
// {values, extra, rev, savedAt, problem}.
// problem: null | "unavailable" | "unreadable" | "newer" | "partial" | "migrated"
// | "stuck": the entry cannot be read and no copy of it could be kept aside
// (storage full), so saving is refused until the reader downloads or
// discards it; `raw` then holds its text.
export function load(id, round = viewing()) {
  const storage = store();
  if (!storage) return { values: null, problem: "unavailable" };
  if (pendingMigration()) migrate();
  // Answers from before rounds went to the first round (or the search).
  const owner = isSearch(id) ? null : round;
  const note = owner === null || owner === FIRST_ROUND ? migrationNotes.get(id) : undefined;
  migrationNotes.delete(id);
  let raw;
  try {
    raw = storage.getItem(keyFor(id, round));
  } catch {
    return { values: null, problem: "unavailable" };
  }
  if (raw === null) {
    const waiting = owner === null || owner === FIRST_ROUND ? unmigrated(storage, id) : null;
    if (waiting) return waiting;
    return { values: null, problem: note === "unreadable" ? note : null };
  }
  const result = parse(id, raw, owner);
  if (result.problem && result.problem !== "partial") {
    // A newer guide's entry is kept aside too: the next save replaces it.
    if (!keepAside(storage, owner ?? SEARCH, id, raw))
      return { values: null, problem: "stuck", raw };
  } else if (!result.problem && note) {
    result.problem = note;
  }
  return result;
}

// The answers of `id` still in schema 1 (or 0) because the migration waits
// for every worksheet's scope (the manifest could not be loaded): read as
// they are, never moved, so no worksheet lands in the wrong round for good.
// They are where the migration will put them: round r0, or the search.
// {values, savedAt, problem} or null.
function unmigrated(storage, id) {
  let data;
  try {
    const raw = storage.getItem(V1_PREFIX + id) ?? storage.getItem(legacyKeyFor(id));
    if (raw === null) return null;
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const envelope =
    migrateV0(id, data) ??
    (isPlainObject(data) && data.schema === 1 && data.worksheet === id ? data : null);
  if (!envelope || !isPlainObject(envelope.values)) return null;
  const { clean, dropped } = cleanValues(envelope.values);
  const savedAt = ISO_TIME.test(String(envelope.saved_at)) ? envelope.saved_at : null;
  return { values: clean, savedAt, problem: dropped ? "partial" : null };
}

// What is stored for `id` in `round` now (another tab may have written it
// since this page read it): {values, extra, rev, hasRev, savedAt}, or null.
export function peek(id, round = viewing()) {
  const storage = store();
  if (!storage) return null;
  try {
    const raw = storage.getItem(keyFor(id, round));
    if (raw === null) return null;
    const found = parse(id, raw, isSearch(id) ? null : round);
    return found.values ? found : null;
  } catch {
    return null;
  }
}

// Copy an entry we could not read to a key of its own, so a later save never
// destroys the only copy. The same text is kept once, however often it is
// read. Whether a copy is there now: false when storage refused (full).
function keepAside(storage, owner, id, raw) {
  try {
    const prefix = `${CORRUPT_PREFIX}${owner}:${id}:`;
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key?.startsWith(prefix) && storage.getItem(key) === raw) return true;
    }
    storage.setItem(prefix + new Date().toISOString(), raw);
    return true;
  } catch {
    return false;
  }
}

// The reader chose to drop an entry that cannot be read ("stuck"): remove
// it, so the worksheet can save again. {ok, problem}.
export function discard(id, round = viewing()) {
  const storage = store();
  if (!storage) return { ok: false, problem: "unavailable" };
  try {
    storage.removeItem(keyFor(id, round));
    return { ok: true, problem: null };
  } catch {
    return { ok: false, problem: "unavailable" };
  }
}

// Save `values` for worksheet `id` in `round` (default: the round shown):
// {ok, savedAt, rev, problem, nearlyFull}. The first save makes round r0.
// The revision is the stored one plus one. An entry in place that cannot be
// read is kept aside first; if that fails nothing is written ("stuck").
export function save(id, values, round = viewing()) {
  const storage = store();
  if (!storage) return { ok: false, problem: "unavailable" };
  const savedAt = new Date().toISOString();
  const owner = isSearch(id) ? null : round;
  const key = keyFor(id, round);
  try {
    const raw = storage.getItem(key);
    let rev = 1;
    if (raw !== null) {
      const found = parse(id, raw, owner);
      if (!found.values && !keepAside(storage, owner ?? SEARCH, id, raw))
        return { ok: false, problem: "stuck", raw };
      rev = (found.rev ?? 0) + 1;
    }
    const envelope = {
      schema: SCHEMA,
      worksheet: id,
      round: owner,
      saved_at: savedAt,
      rev,
      values,
    };
    // A save still waiting when its round was deleted (here or in another tab)
    // must not bring the round's answers back.
    if (owner !== null) {
      const index = readIndex(storage);
      const gone =
        index?.deleted?.includes(owner) && !index.rounds.some((item) => item.id === owner);
      if (gone && (owner !== FIRST_ROUND || index.rounds.length)) {
        return { ok: false, problem: "deleted" };
      }
      ensureIndex(storage);
    }
    storage.setItem(key, JSON.stringify(envelope));
    firstSave();
    return { ok: true, savedAt, rev, problem: null, nearlyFull: usage().ratio >= NEARLY_FULL };
  } catch (error) {
    return { ok: false, problem: isQuota(error) ? "full" : "unavailable" };
  }
}

// After the first save of this page, ask the browser once to keep the
// site's storage when space runs low (navigator.storage.persist()); the
// storage panel shows the answer. Browsers may say no, or ask the reader.
let persistAsked = null;
function firstSave() {
  persistAsked ??= (async () => {
    try {
      if (await navigator.storage?.persisted?.()) return true;
      return Boolean(await navigator.storage?.persist?.());
    } catch {
      return false;
    }
  })();
}

// Whether storage is persistent: true, false, or null when the browser
// cannot say. Asks nothing.
export async function persisted() {
  try {
    const answer = await navigator.storage?.persisted?.();
    return typeof answer === "boolean" ? answer : null;
  } catch {
    return null;
  }
}

// The answer to the request firstSave() made in this page, or null if none was made.
export const persistRequest = () => persistAsked;

const isQuota = (error) =>
  error?.name === "QuotaExceededError" ||
  error?.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
  error?.code === 22;

// How much of the site's storage is used: {chars, ratio} (keys and values in
// UTF-16 code units, against QUOTA_CHARS).
export function usage() {
  const storage = store();
  let chars = 0;
  try {
    for (let index = 0; index < (storage?.length ?? 0); index += 1) {
      const key = storage.key(index) ?? "";
      chars += key.length + (storage.getItem(key)?.length ?? 0);
    }
  } catch {
    // Blocked half-way: count what was readable.
  }
  return { chars, ratio: chars / QUOTA_CHARS };
}

// The readable saved values of the worksheets in `round` and the search,
// except `exceptId`: {id: values} (a worksheet's context).
export function others(exceptId, round = viewing()) {
  const storage = store();
  const result = {};
  if (!storage) return result;
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const parsed = parseKey(storage.key(index));
      if (!parsed || parsed.worksheet === exceptId) continue;
      if (parsed.round !== null && parsed.round !== round) continue;
      const { values } = parse(parsed.worksheet, storage.getItem(storage.key(index)));
      if (values) result[parsed.worksheet] = values;
    }
    // Entries still waiting for their migration belong to r0 or the search.
    if (round === FIRST_ROUND) {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index) ?? "";
        if (!key.startsWith(LEGACY_PREFIX)) continue;
        const id = key.startsWith(V1_PREFIX)
          ? key.slice(V1_PREFIX.length)
          : key.slice(LEGACY_PREFIX.length);
        if (!ID.test(id) || id === exceptId || id in result) continue;
        const waiting = unmigrated(storage, id);
        if (waiting?.values) result[id] = waiting.values;
      }
    }
  } catch {
    // Blocked half-way: use what was readable.
  }
  return result;
}

// The readable saved values of the worksheets `ids` in every round, in the
// rounds' order (rounds without an entry left out): {id: [values, ...]}.
// What a worksheet that reads others from every round is sent (Python names
// them; see browser_py.api).
export function acrossRounds(ids) {
  const storage = store();
  const result = Object.fromEntries(ids.map((id) => [id, []]));
  if (!storage || !ids.length) return result;
  const order = new Map(rounds().rounds.map((round, index) => [round.id, index]));
  const found = Object.fromEntries(ids.map((id) => [id, []]));
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      const parsed = parseKey(key);
      if (!parsed || parsed.round === null || !(parsed.worksheet in found)) continue;
      const { values } = parse(parsed.worksheet, storage.getItem(key), parsed.round);
      const position = order.get(parsed.round) ?? order.size;
      if (values) found[parsed.worksheet].push([position, parsed.round, values]);
    }
  } catch {
    // Blocked half-way: use what was readable.
  }
  for (const id of ids) {
    found[id].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    result[id] = found[id].map(([, , values]) => values);
  }
  return result;
}

// -- the workbook page -----------------------------------------------------------

// Every saved entry of `round` and the search as it is stored, for
// browser_py to check: {id: the entry's text}. Each entry goes to Python as
// its own text, parsed there one by one after a depth and size check
// (browser_py.core.untrusted), so one bad entry (a 10 kB [[[...]]] would
// overflow Pyodide's stack inside the request's JSON) is reported for its
// worksheet and the others are still read. null when storage is unavailable.
export function entries(round = viewing()) {
  const all = stored();
  if (!all) return null;
  return { ...(all.rounds.find((r) => r.id === round)?.saved ?? {}), ...all.search };
}

// Everything saved, as stored, for the export: {current, rounds: [{id,
// label, company, role, date, created, saved: {ws: entry text}}], search:
// {ws: entry text}}; null when storage is unavailable.
export function stored() {
  const storage = store();
  if (!storage) return null;
  const { current, rounds: list } = rounds({ stored: true });
  const byRound = new Map(list.map((round) => [round.id, { ...round, saved: {} }]));
  const search = {};
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      const parsed = parseKey(key);
      if (!parsed) continue;
      const value = storage.getItem(key);
      // A round with answers but no index entry (the index was lost, or is
      // not written yet) is still exported, never left behind.
      if (parsed.round !== null && !byRound.has(parsed.round)) {
        const label =
          parsed.round === FIRST_ROUND
            ? english.rounds.firstRound
            : english.rounds.defaultLabel(byRound.size + 1);
        byRound.set(parsed.round, { ...blankRound(parsed.round), label, saved: {} });
      }
      if (parsed.round === null) search[parsed.worksheet] = value;
      else
        byRound.get(parsed.round)?.saved &&
          (byRound.get(parsed.round).saved[parsed.worksheet] = value);
    }
  } catch {
    return null;
  }
  return { current, rounds: [...byRound.values()], search };
}

// The readable saved data in the export v2 shape (without format, version
// and exported_at): {current, rounds: [{id, label, company, role, date,
// created, worksheets: {ws: {saved_at, values}}}], worksheets: {ws: ...}}.
export function snapshot() {
  const all = stored() ?? { current: FIRST_ROUND, rounds: [], search: {} };
  const readable = (saved, round) => {
    const out = {};
    for (const [id, entry] of Object.entries(saved)) {
      const { values, savedAt } = parse(id, entry, round);
      if (values) out[id] = { saved_at: savedAt, values };
    }
    return out;
  };
  return {
    current: all.current,
    rounds: all.rounds.map(({ saved, ...round }) => ({
      ...round,
      worksheets: readable(saved, round.id),
    })),
    worksheets: readable(all.search, null),
  };
}

// Write an import the reader confirmed, all or nothing: {rounds: [{id,
// label, company, role, date, created, worksheets: {ws: envelope}}],
// worksheets: {ws: envelope}} (the search-scoped ones). Each entry gets the
// import's time as its saved_at and the stored revision plus one, so a tab
// that has the worksheet open takes the imported answers as the newest; new
// rounds join the index. Every value goes to a temporary key first (see the
// top of this file): when storage is full, nothing real was touched and no
// other tab saw anything. {ok, written, problem}.
export function writeAll(data) {
  const storage = store();
  if (!storage) return { ok: false, written: 0, problem: "unavailable" };
  const savedAt = new Date().toISOString();
  const planned = new Map(); // real key -> new text
  const entry = (id, envelope, round) => {
    if (!ID.test(id) || !isPlainObject(envelope) || !isPlainObject(envelope.values)) {
      throw Object.assign(new Error(`unexpected worksheet ${id}`), { name: "DataError" });
    }
    const key = round === null ? `${PREFIX}${SEARCH}:${id}` : `${PREFIX}${round}:${id}`;
    let rev = 1;
    try {
      rev = revOf(JSON.parse(storage.getItem(key) ?? "null")) + 1;
    } catch {
      // Unreadable in place: it is kept aside below, and this is revision 1.
    }
    planned.set(
      key,
      JSON.stringify({
        schema: SCHEMA,
        worksheet: id,
        round,
        saved_at: savedAt,
        rev,
        values: envelope.values,
      }),
    );
  };
  let written = 0;
  const temporary = [];
  let index;
  let merged;
  try {
    clearPending(storage);
    index = readIndex(storage) ?? { schema: SCHEMA, current: FIRST_ROUND, rounds: [] };
    const incoming = [];
    for (const round of data?.rounds ?? []) {
      const clean = cleanRound(round);
      if (!clean) throw Object.assign(new Error("unexpected round"), { name: "DataError" });
      incoming.push(clean);
      for (const [id, envelope] of Object.entries(round.worksheets ?? {})) {
        entry(id, envelope, clean.id);
        written += 1;
      }
    }
    for (const [id, envelope] of Object.entries(data?.worksheets ?? {})) {
      entry(id, envelope, null);
      written += 1;
    }
    const have = new Set(index.rounds.map((round) => round.id));
    const added = incoming.filter((round) => !have.has(round.id));
    merged = {
      ...index,
      rounds: [...index.rounds, ...added],
      deleted: (index.deleted ?? []).filter((id) => !incoming.some((round) => round.id === id)),
      current: index.rounds.length ? index.current : (data?.current ?? added.at(-1)?.id),
    };
    if (!merged.rounds.some((round) => round.id === merged.current))
      merged.current = merged.rounds.at(-1)?.id ?? FIRST_ROUND;
    planned.set(INDEX_KEY, indexText(merged));
    // Entries in place that cannot be read are kept aside before they are replaced.
    for (const key of planned.keys()) {
      const parsed = parseKey(key);
      const raw = parsed && storage.getItem(key);
      if (raw && !parse(parsed.worksheet, raw, parsed.round).values) {
        if (!keepAside(storage, parsed.round ?? SEARCH, parsed.worksheet, raw)) {
          throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
        }
      }
    }
    // Phase 1: the space. Only temporary keys, which no tab reads.
    for (const [key, value] of planned) {
      const pending = PENDING_PREFIX + key.slice(NAMESPACE.length);
      temporary.push(pending);
      storage.setItem(pending, value);
    }
  } catch (error) {
    for (const pending of temporary) {
      try {
        storage.removeItem(pending);
      } catch {
        // Blocked: clearPending() removes it on the next import.
      }
    }
    return { ok: false, written: 0, problem: isQuota(error) ? "full" : "unavailable" };
  }
  // Phase 2: the swap. Removing the temporary copy first frees at least the
  // room its real key needs, so this cannot run out of space.
  const before = new Map();
  try {
    for (const [key, value] of planned) {
      before.set(key, storage.getItem(key));
      storage.removeItem(PENDING_PREFIX + key.slice(NAMESPACE.length));
      storage.setItem(key, value);
    }
    known = { current: merged.current, rounds: merged.rounds, deleted: merged.deleted ?? [] };
    // A tab pinned to a round that did not exist yet (nothing was saved
    // here before) shows the file's current round, as the index does.
    if (!index.rounds.some((round) => round.id === readView()?.round)) show(merged.current);
    return { ok: true, written, problem: null };
  } catch (error) {
    // Only if another tab filled the space in between: put back what was there.
    for (const [key, value] of before) {
      try {
        if (value === null) storage.removeItem(key);
        else storage.setItem(key, value);
      } catch {
        // Putting back a value we just read cannot need more space.
      }
    }
    clearPending(storage);
    known = null;
    return { ok: false, written: 0, problem: isQuota(error) ? "full" : "unavailable" };
  }
}

// Remove temporary keys an interrupted import left behind.
function clearPending(storage) {
  const keys = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key?.startsWith(PENDING_PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}

// -- exports: when, and a reminder ---------------------------------------------

// `rebound:settings:exported`: {"schema": 1, "at": ISO, "kind": "json" |
// "markdown" | "encrypted", "dismissed": ISO (optional)}: the last export
// that reached the download, and when the reader last put the reminder off.
export const EXPORTED_KEY = `${NAMESPACE}settings:exported`;
// The reader is reminded to export once answers changed since the last
// export (or none was made) and that export (or the first answer) is at
// least this old; "Not now" puts it off for as long again.
export const EXPORT_REMINDER_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export function lastExport() {
  try {
    const data = JSON.parse(store()?.getItem(EXPORTED_KEY) ?? "null");
    if (data?.schema !== 1 || !ISO_TIME.test(data.at ?? "")) return null;
    const dismissed = ISO_TIME.test(data.dismissed ?? "") ? data.dismissed : null;
    return { at: data.at, kind: String(data.kind ?? ""), dismissed };
  } catch {
    return null;
  }
}

function writeExported(data) {
  try {
    store()?.setItem(EXPORTED_KEY, JSON.stringify({ schema: 1, ...data }));
    return true;
  } catch {
    return false; // full or blocked: the export itself still happened
  }
}

export const recordExport = (kind, now = new Date()) =>
  writeExported({ at: now.toISOString(), kind });

// Put the reminder off (the reader chose "Not now").
export function dismissReminder(now = new Date()) {
  const last = lastExport();
  const data = last ? { at: last.at, kind: last.kind } : { at: null };
  if (!last) {
    // No export yet: keep only the dismissal, under the same key.
    try {
      store()?.setItem(
        EXPORTED_KEY,
        JSON.stringify({ schema: 1, at: null, dismissed: now.toISOString() }),
      );
    } catch {
      // The reminder then shows again next time; nothing is lost.
    }
    return;
  }
  writeExported({ ...data, dismissed: now.toISOString() });
}

// Whether to remind the reader to export now: {due, lastExport, changedAt}.
export function exportReminder(now = new Date()) {
  const last = lastExport();
  let dismissed = last?.dismissed ?? null;
  if (!last) {
    try {
      const data = JSON.parse(store()?.getItem(EXPORTED_KEY) ?? "null");
      if (ISO_TIME.test(data?.dismissed ?? "")) dismissed = data.dismissed;
    } catch {
      // No dismissal.
    }
  }
  const times = [];
  const all = snapshot();
  for (const round of all.rounds)
    for (const entry of Object.values(round.worksheets)) times.push(entry.saved_at);
  for (const entry of Object.values(all.worksheets)) times.push(entry.saved_at);
  const valid = times.filter((time) => ISO_TIME.test(time ?? "")).map((time) => Date.parse(time));
  if (!valid.length) return { due: false, lastExport: last, changedAt: null };
  const changed = Math.max(...valid);
  const since = last ? Date.parse(last.at) : Math.min(...valid);
  const wait = EXPORT_REMINDER_DAYS * DAY_MS;
  const due =
    (!last || changed > Date.parse(last.at)) &&
    now.getTime() - since >= wait &&
    (!dismissed || now.getTime() - Date.parse(dismissed) >= wait);
  return { due, lastExport: last, changedAt: new Date(changed).toISOString() };
}

// Delete one worksheet's answers in `round` (its entry and kept-aside
// copies; for a search-scoped worksheet, the search entry), or every answer
// the guide stored when `id` is null. {ok, removed, problem}.
export function remove(id = null, round = viewing()) {
  const storage = store();
  if (!storage) return { ok: false, removed: 0, problem: "unavailable" };
  try {
    const keys = [];
    const owner = id && isSearch(id) ? SEARCH : round;
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (!key?.startsWith(LEGACY_PREFIX)) continue;
      if (
        id === null ||
        key === keyFor(id, round) ||
        key.startsWith(`${CORRUPT_PREFIX}${owner}:${id}:`) ||
        // Copies kept aside before rounds belong to what became the first round.
        ((owner === FIRST_ROUND || owner === SEARCH) && key.startsWith(`${CORRUPT_PREFIX}${id}:`))
      )
        keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
    if (id === null) known = null;
    return { ok: true, removed: keys.length, problem: null };
  } catch {
    return { ok: false, removed: 0, problem: "unavailable" };
  }
}

// -- other tabs --------------------------------------------------------------------

// Call `callback({worksheet, round, values, extra, rev, hasRev, savedAt})`
// when another tab saves or deletes a worksheet's answers (hasRev false when
// an older guide wrote it; values {} and savedAt null for a delete;
// worksheet null when the other tab cleared everything), and
// `callback({rounds: true})` when it changed the rounds. Another tab's index
// is merged with the rounds this tab knows, so neither loses a round. The
// browser fires `storage` only in the other tabs, never in the one that wrote.
export function onChange(callback) {
  addEventListener("storage", (event) => {
    if (event.key === null) {
      known = null;
      callback({ worksheet: null, round: null, values: {}, savedAt: null });
      return;
    }
    if (event.key === INDEX_KEY) {
      callback({ rounds: true });
      return;
    }
    const parsed = parseKey(event.key);
    if (!parsed) return;
    const { worksheet: id, round } = parsed;
    if (event.newValue === null) {
      callback({ worksheet: id, round, values: {}, savedAt: null });
      return;
    }
    const { values, extra, rev, hasRev, savedAt } = parse(id, event.newValue);
    if (values) callback({ worksheet: id, round, values, extra, rev, hasRev, savedAt });
  });
}

// Another tab wrote the index: keep every round either tab knows of. This
// listener is added when the module loads, before any onChange callback.
addEventListener("storage", (event) => {
  if (event.key === INDEX_KEY) mergeOtherTab(event.newValue);
});

function mergeOtherTab(newValue) {
  const storage = store();
  if (!storage || newValue === null || !known) {
    if (storage) known = readIndex(storage);
    return;
  }
  const theirs = readIndex(storage);
  if (!theirs) return;
  const merged = mergeIndexes(known, theirs);
  if (!sameRounds(merged, theirs)) {
    try {
      writeIndex(storage, { ...merged, current: theirs.current });
    } catch {
      // Full or blocked: this tab still shows the rounds it knows.
    }
  } else {
    known = theirs;
  }
}

// Renamed and removed fields (README, "Renaming or removing a field"), as
// browser_py/core/storage.py's rename_values and split_values handle them.
const ROW = /^([a-z][a-z0-9_-]*)\.(0|[1-9]\d{0,5})\.([a-z][a-z0-9_-]*)$/;
const byId = (fields, id) => fields?.find((field) => field.id === id);
const byWas = (fields, id) => fields?.find((field) => field.was?.includes(id));

// The name an answer saved under `name` has in `spec` now, or null.
function currentName(spec, name) {
  const row = ROW.exec(name);
  if (row) {
    const list = byId(spec.fields, row[1]) ?? byWas(spec.fields, row[1]);
    if (list?.kind !== "list") return null;
    const sub = byId(list.fields, row[3]) ?? byWas(list.fields, row[3]);
    return sub ? `${list.id}.${row[2]}.${sub.id}` : null;
  }
  const field = byId(spec.fields, name) ?? byWas(spec.fields, name);
  return field && field.kind !== "list" ? field.id : null;
}

const blank = (value) => value === undefined || value === "" || value?.length === 0;

// `values` with answers under a field's earlier id (its spec's `was`) moved
// to the current name; an answer already under the new name wins, and the
// old one then stays where it is.
export function renameValues(values, spec) {
  if (!spec) return values;
  const out = {};
  const moved = {};
  for (const [name, value] of Object.entries(values)) {
    const now = currentName(spec, name);
    if (now && now !== name && !blank(value) && blank(values[now])) moved[now] ??= value;
    else out[name] = value;
  }
  return { ...out, ...moved };
}

// The answers in `values` to questions `spec` no longer asks: the form does
// not show them, and every save keeps them.
export function retired(values, spec) {
  if (!spec) return {};
  return Object.fromEntries(
    Object.entries(values).filter(([name]) => currentName(spec, name) !== name),
  );
}

// Every answer in `values` the form of `spec` cannot show: the retired ones,
// and list rows at or past the list's max_rows (a spec that lowered it).
// Every save keeps them; the page names how many.
export function unowned(values, spec) {
  if (!spec) return {};
  const out = retired(values, spec);
  for (const [name, value] of Object.entries(values)) {
    const row = ROW.exec(name);
    if (!row || name in out) continue;
    const list = byId(spec.fields, row[1]);
    if (list?.kind === "list" && Number(row[2]) >= (list.max_rows ?? 20)) out[name] = value;
  }
  return out;
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// Three-way merge: `incoming` (saved by another tab) plus every answer this
// tab changed since `base` (what it last loaded or saved). {values, kept}:
// `kept` counts this tab's changes that were laid over the other tab's answers.
export function merge(base, local, incoming) {
  const values = { ...incoming };
  let kept = 0;
  for (const name of new Set([...Object.keys(base), ...Object.keys(local)])) {
    if (same(base[name], local[name])) continue;
    kept += 1;
    if (local[name] === undefined) delete values[name];
    else values[name] = local[name];
  }
  return { values, kept };
}

// Whether `savedAt` (ISO, UTC) is later than `than`; a missing time is oldest.
export const isNewer = (savedAt, than) => Boolean(savedAt) && (!than || savedAt > than);

// What to tell the reader about a storage problem, or "".
export function describe(problem) {
  return Object.hasOwn(messages.storage, problem ?? "") ? messages.storage[problem] : "";
}
