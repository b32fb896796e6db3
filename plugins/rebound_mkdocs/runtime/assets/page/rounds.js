// Rounds, read only: a stand-in for the rounds core (issue 12).
//
// The rounds core (schema 2) gives `rounds()` and `snapshot()` from
// storage.js; when it lands, this file goes and workbook.js imports them from
// there. Until then these read, without writing anything: the schema 2 keys
// when an index is there (`rebound:v2:rounds`, `rebound:v2:<round>:<id>`,
// `rebound:v2:search:<id>`, as the rounds design card lays them out), else
// today's version 1 keys as one round, "r0". Only the workbook page loads it,
// so the article pages carry none of it. The shapes are the design card's;
// see browser_py/workbook/progress.py for `snapshot()`.

import { messages } from "./messages.js";
import { entries } from "./storage.js";

// Search-scoped worksheets (one copy for the whole search), for version 1
// data; the rounds core reads this from the manifest's `scope`.
const SEARCH_SCOPED = new Set(["tracker"]);
const ROUND_ID = /^r[0-9a-z]{1,23}$/;
const WORKSHEET_ID = /^[a-z][a-z0-9_-]{0,39}$/;
const V2_INDEX = "rebound:v2:rounds";
const EMPTY = { current: "r0", rounds: [], worksheets: {} };

const isPlainObject = (value) =>
  value !== null && typeof value === "object" && !Array.isArray(value);

// {saved_at, values} of a version 1 or 2 envelope, or null. Python checks the values.
function readable(data) {
  if (!isPlainObject(data) || !isPlainObject(data.values)) return null;
  if (data.schema !== 1 && data.schema !== 2) return null;
  return { saved_at: data.saved_at ?? null, values: data.values };
}

function readJson(storage, key) {
  try {
    return JSON.parse(storage.getItem(key));
  } catch {
    return null;
  }
}

// The schema 2 data, or null when there is no readable index.
function readV2(storage) {
  const index = readJson(storage, V2_INDEX);
  if (!isPlainObject(index) || index.schema !== 2 || !Array.isArray(index.rounds)) return null;
  const rounds = index.rounds
    .filter((round) => isPlainObject(round) && ROUND_ID.test(round.id))
    .map((round) => ({ ...round, worksheets: {} }));
  const byId = new Map(rounds.map((round) => [round.id, round]));
  const search = {};
  for (let position = 0; position < storage.length; position += 1) {
    const key = storage.key(position);
    const parts = key?.startsWith("rebound:v2:") ? key.split(":") : [];
    if (parts.length !== 4 || !WORKSHEET_ID.test(parts[3])) continue;
    const entry = readable(readJson(storage, key));
    const round = byId.get(parts[2]);
    if (!entry) continue;
    if (parts[2] === "search") search[parts[3]] = entry;
    else if (round) round.worksheets[parts[3]] = entry;
  }
  const current = byId.has(index.current) ? index.current : (rounds[0]?.id ?? "r0");
  return { current, rounds, worksheets: search };
}

// Version 1 entries as round r0, created when the first of them was saved.
function readV1() {
  const perRound = {};
  const search = {};
  for (const [id, data] of Object.entries(entries() ?? {})) {
    const entry = readable(data);
    if (entry) (SEARCH_SCOPED.has(id) ? search : perRound)[id] = entry;
  }
  const times = [...Object.values(perRound), ...Object.values(search)]
    .map((entry) => entry.saved_at)
    .filter((time) => typeof time === "string")
    .sort();
  const round = {
    id: "r0",
    label: messages.rounds.first,
    company: "",
    role: "",
    date: "",
    created: times[0] ?? new Date().toISOString(),
    worksheets: perRound,
  };
  return { current: "r0", rounds: [round], worksheets: search };
}

// {current, rounds: [{id, label, company, role, date, created,
//  worksheets: {id: {saved_at, values}}}], worksheets: {search-scoped id: {saved_at, values}}}
export function snapshot() {
  try {
    return readV2(window.localStorage) ?? readV1();
  } catch {
    return EMPTY; // storage blocked: nothing to read
  }
}

// {current, rounds: [{id, label, company, role, date, created}]}
export function rounds() {
  const { current, rounds: found } = snapshot();
  return {
    current,
    rounds: found.map(({ id, label, company, role, date, created }) => ({
      id,
      label,
      company,
      role,
      date,
      created,
    })),
  };
}
