// The entry script of every page. Small on purpose: most visits read an
// article and never reach its worksheet, so the worksheet machinery
// (worksheets-live.js, with storage.js, rounds.js, form.js, runtime.js and
// messages.js) loads only when a page needs it:
//   - at once on a page whose worksheet is in view or close below it, on the
//     workbook page, and when the address (#...) points into a worksheet;
//   - when the reader scrolls to within NEAR of a worksheet;
//   - when the reader focuses, types into or changes a worksheet's field
//     (keyboard, or a click before the page had scrolled there).
// A focus before the machinery arrives also starts Python's worker here, at
// once (startEarly); runtime.js adopts it.
// Without JavaScript, or before the machinery arrives, a worksheet is a
// plain form the reader can fill in and print. What they type meanwhile is
// never lost: the names of the fields they changed are handed over
// (worksheets-live.js keeps those values over saved answers, and saves them).
//
// One deploy at a time: the page's <meta name="rebound-build"> and layout.js's
// `build` must name the same deploy (offline/build_id.py). A page that only a
// newer deploy has, opened while an older version's service worker serves
// the scripts, would run new HTML with old scripts: there the machinery is
// never loaded, the article and its plain forms stay as they are, and the page
// offers the reload that brings page and scripts together (stale.js).
// <html data-rebound-worksheets="stale"> says so.
//
// window.__rebound exists from the start: before the machinery loads it says
// {boots: 0, state: "idle", ...}, and `load()` (also boot(), call(), ...)
// loads it and returns a promise; worksheets-live.js then fills in the rest.
// <html data-rebound-worksheets="ready"> once a page's worksheets are set up.

// First: "forget after N days" must act before any form restores answers.
import "./forget-hook.js";
import { build, layout } from "../layout.js";
import { PREFIX } from "./namespace.js";

// How far below the window a worksheet starts loading: about a screen or two
// of reading ahead, so it is ready before the reader gets there.
const NEAR = "0px 0px 1200px 0px";

const FORMS = "form.worksheet[data-worksheet]";
const WORKBOOK = "[data-rebound-workbook]";

const dirty = new Map(); // form -> Set of control names changed before the machinery ran
let loading = null; // promise of worksheets-live.js
let module = null; // worksheets-live.js, once loaded
let started = null; // promise of the current page's set-up
let observer = null;
let stale = false; // the page shown is from another deploy than these scripts

// The page shown names this deploy (no stamp on either side, under
// `mkdocs serve`, is the same deploy too).
const sameDeploy = () =>
  (document.querySelector(`meta[name="${layout.buildMeta}"]`)?.content ?? "") === build;

// Load the machinery (once) and set up the current page's worksheets (once).
function begin() {
  if (stale) {
    return Promise.reject(new Error("This page is from another version of the site: reload it."));
  }
  observer?.disconnect();
  observer = null;
  loading ??= import("./worksheets-live.js").then((loaded) => (module = loaded));
  started ??= loading.then((loaded) => loaded.start(dirty));
  return started;
}

// A new page (first load or instant navigation): set it up now if the
// machinery is here or the page calls for it, else wait for a trigger.
function page() {
  observer?.disconnect();
  observer = null;
  started = null;
  delete document.documentElement.dataset.reboundWorksheets;
  stale = !sameDeploy();
  if (stale) {
    document.documentElement.dataset.reboundWorksheets = "stale";
    import("./stale.js")
      .then((offer) => offer.offerReload())
      .catch((error) => console.info("Rebound: the reload offer could not load:", error?.message));
    return;
  }
  const forms = [...document.querySelectorAll(FORMS)];
  if (module || document.querySelector(WORKBOOK) || targeted()) {
    begin();
    return;
  }
  if (!forms.length) return; // an article without a worksheet: nothing to load
  if (!("IntersectionObserver" in window)) {
    begin();
    return;
  }
  observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) begin();
    },
    { rootMargin: NEAR },
  );
  for (const form of forms) observer.observe(form);
}

// The address points at a worksheet or something in it.
function targeted() {
  try {
    const id = decodeURIComponent(location.hash.slice(1));
    return Boolean(id && document.getElementById(id)?.closest(FORMS));
  } catch {
    return false; // a malformed address
  }
}

// The reader reached a worksheet before the machinery: remember what they
// changed, and load it now.
function touched(event) {
  const control = event.target;
  const form = control?.closest?.(FORMS);
  if (!form || stale) return;
  // A form the machinery runs handles its own events.
  if (form.dataset.runtime) return;
  if (event.type !== "focusin" && control.name) {
    if (!dirty.has(form)) dirty.set(form, new Set());
    dirty.get(form).add(control.name);
  }
  begin();
  // The reader is in a worksheet: start Python now, as focusing a form always
  // did, beside the rest of the machinery rather than after it.
  startEarly();
  import("./runtime.js").then(
    (runtime) => runtime.boot(),
    () => globalThis[EARLY]?.worker.terminate(), // nothing could ever use it
  );
}

// Python's worker, started here when the reader reaches a worksheet before
// the machinery: creating it waits for no module, so its downloads begin a
// few round trips sooner. runtime.js adopts it, with every event it sent
// meanwhile (kept in `events` until then). Not once runtime.js is here (it
// sets the slot to null: it starts its own), not twice, and not when the
// browser asks to save data (runtime.js asks the reader first).
const EARLY = Symbol.for("rebound.earlyWorker");
function startEarly() {
  if (globalThis[EARLY] !== undefined || navigator.connection?.saveData) return;
  globalThis[EARLY] = null;
  const url = new URL("../worker/worker.mjs", import.meta.url).href;
  let worker;
  try {
    worker = new Worker(url, { type: "module", name: "rebound-python" });
  } catch {
    return; // runtime.js tries again, and says why it failed
  }
  // Its language's catalogue downloads beside the boot's files (worker.mjs).
  worker.postMessage({ type: "language", lang: document.documentElement.lang });
  const early = { worker, url, at: performance.now(), events: [] };
  const keep = (event) => {
    if (!early.events) return;
    if (event.type === "error") event.preventDefault();
    early.events.push(event);
  };
  for (const type of ["message", "error", "messageerror"]) worker.addEventListener(type, keep);
  globalThis[EARLY] = early;
}
for (const type of ["focusin", "input", "change"]) {
  document.addEventListener(type, touched, true);
}

// Calls from other scripts (and tests) before the machinery arrives: load it,
// then pass the call on to what worksheets-live.js put here.
const later =
  (name) =>
  (...args) =>
    begin().then(() => window.__rebound[name](...args));
window.__rebound = {
  boots: 0,
  state: "idle",
  step: null,
  error: null,
  bootStartedAt: null,
  readyAt: null,
  bootMode: null,
  snapshot: null,
  load: begin,
  boot: later("boot"),
  retry: later("retry"),
  consent: later("consent"),
  call: later("call"),
  refresh: later("refresh"),
};

// The page in the reader's language (language.js, loaded only when this page
// has an alternate in a language the reader prefers or chose; it checks the
// rest). Following a link with hreflang, the header's language selector
// included, remembers the choice.
const primary = (tag) => String(tag).split("-")[0].toLowerCase();
function offerLanguage() {
  const own = primary(document.documentElement.lang);
  let chosen = null;
  try {
    chosen = localStorage.getItem(`${PREFIX}settings:language`);
  } catch {
    // storage blocked: the browser's preference alone
  }
  const wanted = chosen ? [chosen] : (navigator.languages ?? []);
  const other = [...document.querySelectorAll('link[rel="alternate"][hreflang]')].some(
    (link) =>
      primary(link.hreflang) !== own &&
      wanted.some((tag) => primary(tag) === primary(link.hreflang)),
  );
  if (other) import("./language.js").then((module) => module.offer()).catch(() => {});
}
document.addEventListener("click", (event) => {
  const link = event.target?.closest?.("a[hreflang]");
  if (!link) return;
  try {
    localStorage.setItem(`${PREFIX}settings:language`, link.hreflang);
  } catch {
    // storage blocked: the choice is not remembered
  }
});

function everyPage() {
  page();
  offerLanguage();
}
if (window.document$?.subscribe) {
  window.document$.subscribe(everyPage);
} else {
  everyPage();
}
