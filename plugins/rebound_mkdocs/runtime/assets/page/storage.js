// Everything the worksheets keep on this device, in one small module.
//
// One localStorage key per worksheet, `rebound:v1:<worksheet-id>`, holding a
// versioned envelope: {"schema":1,"worksheet":id,"saved_at":ISO,"values":{...}}.
// "values" are the raw form values: control name -> string, or a list of
// strings for a multi-choice field. The format, and the version 0 layout it
// replaced, are documented in browser_py/core/storage.py.
//
// Reading never throws: a missing, blocked or corrupt entry comes back as a
// `problem` the caller can show. Unreadable text is copied aside to
// `rebound:corrupt:<id>:<time>` before anything can overwrite it, and a
// version 0 entry (`rebound:<id>`, {"version":0,"answers":{...}}) is migrated
// to the current key on first read. Writing reports a full or blocked storage
// instead of throwing, so the form keeps working with its answers in memory.

import { messages } from "./messages.js";

export const PREFIX = "rebound:v1:";
export const LEGACY_PREFIX = "rebound:";
export const CORRUPT_PREFIX = "rebound:corrupt:";
export const SCHEMA = 1;

// Worksheet ids, as browser_py/core/spec.py allows them: never a ":".
const ID = /^[a-z][a-z0-9_-]{0,39}$/;

export const keyFor = (id) => PREFIX + id;
const legacyKeyFor = (id) => LEGACY_PREFIX + id;

function store() {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked by the browser's privacy settings
  }
}

const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);

// Keep the values we understand; `dropped` counts the ones we do not.
function cleanValues(values) {
  const clean = {};
  let dropped = 0;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "string") {
      clean[name] = value;
    } else if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      clean[name] = [...value];
    } else {
      dropped += 1;
    }
  }
  return { clean, dropped };
}

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
  return { schema: SCHEMA, worksheet: id, saved_at: savedAt, values };
}

// Parse one stored entry: {values, savedAt, problem, migrated?}.
export function parse(id, text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { values: null, problem: "unreadable" };
  }
  const old = migrateV0(id, data);
  if (old) {
    const { clean, dropped } = cleanValues(old.values);
    return {
      values: clean,
      savedAt: old.saved_at,
      problem: dropped ? "partial" : "migrated",
      migrated: { ...old, values: clean },
    };
  }
  if (!isPlainObject(data) || data.schema !== SCHEMA || !isPlainObject(data.values)) {
    return { values: null, problem: data?.schema > SCHEMA ? "newer" : "unreadable" };
  }
  if (data.worksheet !== id) return { values: null, problem: "unreadable" };
  const { clean, dropped } = cleanValues(data.values);
  return { values: clean, savedAt: data.saved_at ?? null, problem: dropped ? "partial" : null };
}

// The saved answers of worksheet `id`: {values, savedAt, problem}.
// problem: null | "unavailable" | "unreadable" | "newer" | "partial" | "migrated".
export function load(id) {
  const storage = store();
  if (!storage) return { values: null, problem: "unavailable" };
  let text;
  let legacy = false;
  try {
    text = storage.getItem(keyFor(id));
    if (text === null) {
      text = storage.getItem(legacyKeyFor(id));
      legacy = text !== null;
    }
  } catch {
    return { values: null, problem: "unavailable" };
  }
  if (text === null) return { values: null, problem: null };
  const result = parse(id, text);
  if (result.migrated) {
    // Move it to the current key; the old entry goes only once the new one is written.
    try {
      storage.setItem(keyFor(id), JSON.stringify(result.migrated));
      if (legacy) storage.removeItem(legacyKeyFor(id));
    } catch {
      // Full or blocked: the old entry stays, and is migrated again next time.
    }
  } else if (result.problem && result.problem !== "partial") {
    keepAside(storage, id, text);
  }
  return result;
}

// The saved_at and values stored for `id` now (another tab may have written
// them since this page read them), or null.
export function peek(id) {
  const storage = store();
  if (!storage) return null;
  try {
    const text = storage.getItem(keyFor(id));
    if (text === null) return null;
    const { values, savedAt } = parse(id, text);
    return values ? { values, savedAt } : null;
  } catch {
    return null;
  }
}

// Copy an entry we could not read to a key of its own, so a later save never
// destroys the only copy. The same text is kept once, however often it is read.
function keepAside(storage, id, text) {
  try {
    const prefix = `${CORRUPT_PREFIX}${id}:`;
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key?.startsWith(prefix) && storage.getItem(key) === text) return;
    }
    storage.setItem(prefix + new Date().toISOString(), text);
  } catch {
    // Full or blocked: the form still works; the caller shows the problem.
  }
}

// Save `values` for worksheet `id`: {ok, savedAt, problem}.
export function save(id, values) {
  const storage = store();
  if (!storage) return { ok: false, problem: "unavailable" };
  const savedAt = new Date().toISOString();
  const envelope = { schema: SCHEMA, worksheet: id, saved_at: savedAt, values };
  try {
    storage.setItem(keyFor(id), JSON.stringify(envelope));
    return { ok: true, savedAt, problem: null };
  } catch (error) {
    return { ok: false, problem: isQuota(error) ? "full" : "unavailable" };
  }
}

const isQuota = (error) =>
  error?.name === "QuotaExceededError" ||
  error?.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
  error?.code === 22;

// Every other worksheet's readable saved values: {id: values}.
export function others(exceptId) {
  const storage = store();
  const result = {};
  if (!storage) return result;
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (!key?.startsWith(PREFIX)) continue;
      const id = key.slice(PREFIX.length);
      if (id === exceptId) continue;
      const { values } = parse(id, storage.getItem(key));
      if (values) result[id] = values;
    }
  } catch {
    // Blocked half-way: use what was readable.
  }
  return result;
}

// -- the workbook page -----------------------------------------------------------

// Every saved entry as it is stored, for browser_py to check: {id: parsed JSON,
// or the raw text when it is not JSON}. Version 0 entries are included under
// their id when there is no current one. null when storage is unavailable.
export function entries() {
  const storage = store();
  if (!storage) return null;
  const found = {};
  const legacy = {};
  try {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (!key) continue;
      const current = key.startsWith(PREFIX);
      const id = current ? key.slice(PREFIX.length) : key.slice(LEGACY_PREFIX.length);
      if (!key.startsWith(LEGACY_PREFIX) || !ID.test(id)) continue;
      const text = storage.getItem(key);
      let value;
      try {
        value = JSON.parse(text);
      } catch {
        value = text;
      }
      (current ? found : legacy)[id] = value;
    }
  } catch {
    return null;
  }
  for (const [id, value] of Object.entries(legacy)) if (!(id in found)) found[id] = value;
  return found;
}

// Write the envelopes of an import the reader confirmed ({id: envelope}),
// all or nothing: if one write fails, the entries written so far are put
// back as they were. Each gets the import's time as its saved_at, so a tab
// that has the worksheet open takes the imported answers as the newest.
// {ok, written, problem}.
export function writeAll(data) {
  const storage = store();
  if (!storage) return { ok: false, written: 0, problem: "unavailable" };
  const before = new Map();
  const savedAt = new Date().toISOString();
  try {
    for (const [id, envelope] of Object.entries(data)) {
      if (
        !ID.test(id) ||
        !isPlainObject(envelope) ||
        envelope.worksheet !== id ||
        !isPlainObject(envelope.values)
      ) {
        throw Object.assign(new Error(`unexpected worksheet ${id}`), { name: "DataError" });
      }
      const key = keyFor(id);
      before.set(key, storage.getItem(key));
      storage.setItem(
        key,
        JSON.stringify({
          schema: SCHEMA,
          worksheet: id,
          saved_at: savedAt,
          values: envelope.values,
        }),
      );
    }
    return { ok: true, written: before.size, problem: null };
  } catch (error) {
    for (const [key, text] of before) {
      try {
        if (text === null) storage.removeItem(key);
        else storage.setItem(key, text);
      } catch {
        // Putting back a value we just read cannot need more space; if the
        // browser refuses anyway there is nothing more we can do here.
      }
    }
    return { ok: false, written: 0, problem: isQuota(error) ? "full" : "unavailable" };
  }
}

// Delete one worksheet's answers (current, old and kept-aside copies), or
// every answer the guide stored when `id` is null. {ok, removed, problem}.
export function remove(id = null) {
  const storage = store();
  if (!storage) return { ok: false, removed: 0, problem: "unavailable" };
  try {
    const keys = [];
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (!key?.startsWith(LEGACY_PREFIX)) continue;
      if (
        id === null ||
        key === keyFor(id) ||
        key === legacyKeyFor(id) ||
        key.startsWith(`${CORRUPT_PREFIX}${id}:`)
      )
        keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
    return { ok: true, removed: keys.length, problem: null };
  } catch {
    return { ok: false, removed: 0, problem: "unavailable" };
  }
}

// -- other tabs --------------------------------------------------------------------

// Call `callback({worksheet, values, savedAt})` when another tab saves or
// deletes a worksheet's answers (values {} and savedAt null for a delete;
// worksheet null when the other tab cleared everything). The browser fires
// `storage` only in the other tabs, never in the one that wrote.
export function onChange(callback) {
  addEventListener("storage", (event) => {
    if (event.key === null) {
      callback({ worksheet: null, values: {}, savedAt: null });
      return;
    }
    if (!event.key.startsWith(PREFIX)) return;
    const id = event.key.slice(PREFIX.length);
    if (event.newValue === null) {
      callback({ worksheet: id, values: {}, savedAt: null });
      return;
    }
    const { values, savedAt } = parse(id, event.newValue);
    if (values) callback({ worksheet: id, values, savedAt });
  });
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
