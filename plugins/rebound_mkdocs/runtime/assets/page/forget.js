// "Forget my answers after N days without a visit": off unless the reader
// turns it on (the storage panel on the workbook page does).
//
// The setting lives in localStorage under `<prefix>settings:forget` (the
// deployment's prefix, namespace.js; `rebound:settings:forget` at "/"):
//   {"schema": 1, "days": N (1..365), "last_visit": ISO-8601 UTC}
// A visit is a page load of this site in this browser: forget-hook.js, which
// the entry script imports first, calls onVisit() before any form restores
// answers, and loads this module only when the setting exists (so readers
// who never turn this on download none of it). Instant navigation inside a
// visit is not a new visit.
//
// On each visit, with D = last_visit + N days (the deadline):
//   * now >= D: the visit is the first one after the deadline, so every key
//     this deployment owns (its prefix) is deleted except this setting, and
//     a notice says so. The setting stays on, with the clock restarted.
//   * D - 1 day <= now < D: the warning. The answers are kept (this visit
//     counts), and a notice says the reader nearly reached the deadline, when
//     the next one is, and offers to turn forgetting off.
//   * otherwise: nothing to show.
// In every case last_visit becomes now. Time comes from `Date`, so tests can
// move it with Playwright's page.clock.
//
// For tests: window.__reboundForget is {action: "off" | "none" | "warned" |
// "forgot", removed, deadline (ISO or null)}; the notice is
// `.rebound-forget-notice`.

import { PREFIX } from "./namespace.js";
import { button, el } from "./dom.js";
import { messages } from "./messages.js";
import { forgetReaderCaches } from "./site-caches.js";

export const KEY = `${PREFIX}settings:forget`;
export const SCHEMA = 1;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const WARN_MS = DAY_MS;
export const MIN_DAYS = 1;
export const MAX_DAYS = 365;

const TEXT = messages.forget;

function store() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const validDays = (days) => Number.isInteger(days) && days >= MIN_DAYS && days <= MAX_DAYS;

// The setting ({days, lastVisit: Date}), or null when it is off or unreadable.
export function read() {
  try {
    const data = JSON.parse(store()?.getItem(KEY) ?? "null");
    const lastVisit = new Date(data?.last_visit);
    if (data?.schema !== SCHEMA || !validDays(data.days) || Number.isNaN(lastVisit.getTime()))
      return null;
    return { days: data.days, lastVisit };
  } catch {
    return null;
  }
}

function write(days, lastVisit) {
  store()?.setItem(
    KEY,
    JSON.stringify({ schema: SCHEMA, days, last_visit: lastVisit.toISOString() }),
  );
}

// Turn forgetting on after `days` days (the clock starts now). Throws when
// storage refuses.
export function enable(days) {
  if (!validDays(days)) throw new RangeError(`days must be ${MIN_DAYS} to ${MAX_DAYS}`);
  write(days, new Date());
}

export function disable() {
  store()?.removeItem(KEY);
}

export const deadline = (setting) => new Date(setting.lastVisit.getTime() + setting.days * DAY_MS);

// Delete every key the site owns except this setting; how many went.
export function forgetAll() {
  const storage = store();
  if (!storage) return 0;
  const keys = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key?.startsWith(PREFIX) && key !== KEY) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
  forgetReaderCaches(); // search URLs and the snapshot too (never rejects)
  return keys.length;
}

// What this visit does (see the top of the file).
export function visit(now = new Date()) {
  const setting = read();
  if (!setting) return { action: "off", removed: 0, deadline: null };
  const due = deadline(setting);
  let action = "none";
  let removed = 0;
  try {
    if (now >= due) {
      removed = forgetAll();
      action = "forgot";
    } else if (now.getTime() >= due.getTime() - WARN_MS) {
      action = "warned";
    }
    write(setting.days, now);
  } catch {
    return { action: "none", removed, deadline: due.toISOString() };
  }
  const next = new Date(now.getTime() + setting.days * DAY_MS);
  return { action, removed, days: setting.days, deadline: next.toISOString() };
}

export const formatDate = (date) =>
  new Date(date).toLocaleDateString(document.documentElement.lang || undefined, {
    year: "numeric",
    month: "long",
    day: "numeric",
  });

// The notice at the top of the page's content for "warned" and "forgot".
function notice(result) {
  const next = formatDate(result.deadline);
  const text =
    result.action === "forgot" ? TEXT.forgot(result.days, next) : TEXT.warned(result.days, next);
  const node = el("div", "rebound-forget-notice worksheet__notice", undefined);
  node.setAttribute("role", "status");
  const message = el("p", "", text);
  node.append(message);
  const off = button(TEXT.turnOff, "rebound-forget-notice__off");
  off.addEventListener("click", () => {
    disable();
    window.__reboundForget.action = "off";
    message.textContent = TEXT.turnedOff;
    off.remove();
    message.tabIndex = -1;
    message.focus();
  });
  node.append(el("p", "", undefined, off));
  const place = document.querySelector("article") ?? document.querySelector("main");
  place?.prepend(node);
}

// Run on a page load (forget-hook.js): the visit, and its notice if any.
export function onVisit() {
  const result = visit();
  window.__reboundForget = result;
  if (result.action === "warned" || result.action === "forgot") notice(result);
}
