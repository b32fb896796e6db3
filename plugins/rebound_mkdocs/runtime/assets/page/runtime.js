// The Python runtime, seen from the page: one module worker for the whole visit.
//
// The worker (../worker/worker.mjs) loads Pyodide and the worksheet package; this module
// starts it on demand, tracks its state, times it out, and turns messages
// into promises. All Python runs in the worker: the page only posts messages.
//
// State changes are announced as a `rebound:runtime` event on `document`
// (detail: {state, step, error, received, total}); state is one of idle,
// asking (the browser asked to save data: nothing is downloaded until the
// reader agrees, with consent()), loading, ready, failed. While downloading,
// `received` and `total` count the runtime's bytes (announced at most once a
// second, for the status line's live region).
//
// A download the worker refused (an HTTP error, a broken connection, an
// incomplete or damaged file: worker/download.mjs) fails the boot at once,
// in words from messages.download. Any other failure the worker reports by
// a code and its parameters (worker.mjs), worded from messages.worker, its
// English detail kept for the console; a reply's {ok: false, code} gets its
// `error` worded the same way. retry() starts a new worker that
// downloads every file again, past every cache.
//
// At "ready" after a cold boot, if no call was sent or waits, the page tells
// the worker {type: "idle"}: it may take its memory snapshot at once (else a
// snapshot worker takes it after the first answer: worker.mjs).
//
// The entry (worksheets.js) may have started the worker before this module
// arrived; start() adopts it, replaying the events it sent meanwhile.
// Material's instant navigation keeps this module alive between pages, so the
// worker (a module-level variable) survives too.

import { layout, siteUrl } from "../layout.js";
import { messages } from "./messages.js";

const TEXT = messages.runtime;
const DOWNLOAD = messages.download;
const WORKER = messages.worker;

// How long the boot may go without any progress before it is given up.
export const BOOT_TIMEOUT_MS = 60_000;
const PROGRESS_ANNOUNCE_MS = 1_000;

// Loading steps, in order, as the worker reports them.
export const STEPS = ["download", "start", "packages"];

let worker = null;

// The entry (worksheets.js) may have started the worker already: it leaves it
// here, for start() to adopt. From now on this module starts it (null).
const EARLY = Symbol.for("rebound.earlyWorker");
globalThis[EARLY] ??= null;

// The entry's worker, if it runs `script`; null otherwise (and it is stopped).
function adoptEarly(script) {
  const early = globalThis[EARLY];
  globalThis[EARLY] = null;
  if (!early) return null;
  if (early.url !== script.href) {
    early.worker.terminate();
    return null;
  }
  return early;
}
let timer = 0;
let current = { state: "idle", step: null, error: null, received: null, total: null };
let announcedAt = 0;
let consented = false;
let nextId = 1;
const pending = new Map(); // call id -> {request, data?, packages?, resolve, reject}
const waiting = []; // calls made before the runtime was ready

// bootMode: "cold" or "snapshot" (restored from a memory snapshot this
// browser saved on an earlier visit); snapshot: what became of a new one
// ("saved", "kept", "none", "failed"; null until the worker says).
export const stats = {
  boots: 0,
  bootStartedAt: null,
  readyAt: null,
  bootMode: null,
  snapshot: null,
};

export const status = () => ({ ...current });

// The reader's local date, as Python expects it (YYYY-MM-DD).
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function announce(next) {
  current = {
    state: next.state,
    step: next.step ?? null,
    error: next.error ?? null,
    received: next.received ?? null,
    total: next.total ?? null,
  };
  announcedAt = performance.now();
  document.dispatchEvent(new CustomEvent("rebound:runtime", { detail: status() }));
}

// The reader's words for a download the worker refused (worker/download.mjs).
export function describeFault(fault) {
  if (fault.kind === "http") return DOWNLOAD.http(fault.status);
  if (fault.kind === "incomplete") return DOWNLOAD.incomplete(fault.received, fault.size);
  return DOWNLOAD[fault.kind] ?? DOWNLOAD.network;
}

// The reader's words for a failure the worker reports ({code, params, error}:
// worker.mjs). Its English `error` goes to the console, for developers. A
// failure without a code this page knows (one only Pyodide or the browser
// describes) keeps that detail. A download's problem (`fault`, as
// download.mjs describes it) is the one parameter, in the reader's words.
export function describeFailure({ code, params, error, fault }) {
  if (error) console.info("Rebound: the Python runtime reported:", String(error));
  const words = typeof code === "string" && Object.hasOwn(WORKER, code) ? WORKER[code] : null;
  if (words === null) return String(error || TEXT.stopped);
  if (typeof words !== "function") return words;
  if (fault?.kind) return words(describeFault(fault));
  return words(...(Array.isArray(params) ? params : []).map(String));
}

function stallTimer() {
  clearTimeout(timer);
  timer = setTimeout(() => fail(TEXT.timeout), BOOT_TIMEOUT_MS);
}

function fail(error) {
  clearTimeout(timer);
  worker?.terminate();
  worker = null;
  const failure = new Error(error);
  for (const call of [...pending.values(), ...waiting.splice(0)]) call.reject(failure);
  pending.clear();
  announce({ state: "failed", error });
}

function onMessage({ data }) {
  if (!data || typeof data !== "object") return;
  if (data.type === "progress" && current.state === "loading") {
    stallTimer();
    const { received, total } = data;
    const counted = Number.isFinite(received) && Number.isFinite(total) && total > 0;
    if (
      data.step !== current.step ||
      !counted ||
      received === total ||
      performance.now() - announcedAt >= PROGRESS_ANNOUNCE_MS
    ) {
      announce({
        state: "loading",
        step: data.step,
        received: counted ? received : null,
        total: counted ? total : null,
      });
    }
  } else if (data.type === "ready") {
    clearTimeout(timer);
    stats.readyAt = performance.now();
    stats.bootMode = data.mode === "snapshot" ? "snapshot" : "cold";
    announce({ state: "ready" }); // (worksheets compute: calls may be sent)
    // No call sent or waiting: the worker may take its memory snapshot now,
    // instead of after the first answer in a second worker (worker.mjs).
    if (!waiting.length && !pending.size) worker?.postMessage({ type: "idle" });
    for (const call of waiting.splice(0)) send(call);
  } else if (data.type === "snapshot") {
    stats.snapshot = String(data.state);
  } else if (data.type === "failed") {
    fail(data.fault?.kind ? describeFault(data.fault) : describeFailure(data));
  } else if (data.type === "reply") {
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    let response;
    try {
      response = JSON.parse(data.response);
    } catch {
      call.reject(new Error(TEXT.unreadableAnswer));
      return;
    }
    if (response?.ok === false && typeof response.code === "string") {
      response.error = describeFailure(response);
    }
    // Bytes sent back beside the JSON (the filled PDF) become `binary`.
    if (data.data instanceof ArrayBuffer && response && typeof response === "object") {
      response.binary = data.data;
    }
    call.resolve(response);
  }
}

// Python answers in the page's language (browser_py.api: "language"), read
// at each call: instant navigation may cross from one language to the other.
// The worker reads it beside the request too, to put that language's
// catalogue in place first (worker.mjs).
const pageLanguage = () => document.documentElement.lang || "en";
const withLanguage = (request, language) => JSON.stringify({ ...request, language });

function send(call) {
  const id = nextId++;
  pending.set(id, call);
  const language = pageLanguage();
  if (call.packages) {
    worker.postMessage({ type: "load", id, packages: call.packages });
  } else if (call.data) {
    const request = withLanguage(call.request, language);
    // The buffer is transferred, not copied: the caller's copy becomes empty.
    worker.postMessage({ type: "call", id, request, language, data: call.data }, [call.data]);
  } else {
    worker.postMessage({
      type: "call",
      id,
      request: withLanguage(call.request, language),
      language,
    });
  }
}

// Start the worker the first time. Safe to call often; after a failure only
// retry() starts it again (focusing a field must not loop on a blocked file).
// When the browser asks to save data, it asks the reader first (state
// "asking", with the download's size), and consent() starts it.
export function boot() {
  if (current.state !== "idle") return;
  if (navigator.connection?.saveData && !consented) {
    announce({ state: "asking" });
    import("../runtime-files.js").then(
      ({ runtimeFiles }) => {
        // What crosses the wire: a packed file's zstd frame (worker.mjs).
        const wire = (name) => runtimeFiles.packed?.[name]?.file ?? name;
        const total = runtimeFiles.boot.reduce(
          (sum, name) => sum + runtimeFiles.files[wire(name)].size,
          0,
        );
        if (current.state === "asking") announce({ state: "asking", total });
      },
      () => {}, // the question stands without its size
    );
    return;
  }
  start(false);
}

// The reader agreed to download the runtime (after "asking").
export function consent() {
  consented = true;
  if (current.state === "asking") start(false);
}

// Try again after a failure: every file is downloaded afresh.
export function retry() {
  if (current.state === "failed") start(true);
}

function start(reload) {
  const script = siteUrl(layout.workerScript);
  if (reload) script.search = "?retry";
  const early = adoptEarly(script);
  stats.boots += 1;
  stats.bootStartedAt = early?.at ?? performance.now();
  announce({ state: "loading", step: STEPS[0] });
  try {
    worker =
      early?.worker ??
      new Worker(script, {
        type: "module",
        name: "rebound-python",
      });
  } catch (error) {
    fail(TEXT.noWorker(error?.message || error));
    return;
  }
  const onError = (event) => {
    event.preventDefault?.();
    fail(event.message || TEXT.scriptFailed);
  };
  const onMessageError = () => fail(TEXT.unreadableMessage);
  // Its catalogue downloads beside the boot's files (the entry's worker was
  // told already; twice is harmless).
  worker.postMessage({ type: "language", lang: pageLanguage() });
  worker.addEventListener("message", onMessage);
  // The first result needs the module that renders it: fetch it meanwhile.
  import("./render.js").catch(() => {});
  worker.addEventListener("error", onError);
  worker.addEventListener("messageerror", onMessageError);
  stallTimer();
  // What the entry's worker said before this module was here, in order.
  const handlers = { message: onMessage, error: onError, messageerror: onMessageError };
  for (const event of early?.events.splice(0) ?? []) {
    if (worker) handlers[event.type](event);
  }
  if (early) early.events = null;
}

// Ask browser_py.api.handle something: resolves with its parsed response.
// Boots the runtime if needed; rejects if it fails to load. With `data` (an
// ArrayBuffer, transferred to the worker) browser_py.api.handle_with_data
// answers instead, and bytes it sends back are the response's `binary`.
export function call(request, data = undefined) {
  return enqueue({ request, data });
}

// Load packages the worker does not load at boot (the site's lock lists
// them; e.g. "pypdf" for the filled workbook): resolves with {ok, error?}.
export function load(packages) {
  return enqueue({ packages: [...packages] });
}

function enqueue(fields) {
  return new Promise((resolve, reject) => {
    const entry = { ...fields, resolve, reject };
    if (current.state === "ready") {
      send(entry);
      return;
    }
    if (current.state === "failed") {
      reject(new Error(current.error));
      return;
    }
    // Asking: the call waits for the reader's answer (consent()).
    waiting.push(entry);
    // Only a worksheet's status line can ask before downloading; elsewhere
    // (the workbook page) a call is the reader's own request for Python.
    if (!document.querySelector("form.worksheet[data-worksheet]")) consented = true;
    if (current.state === "asking" && consented) start(false);
    boot();
  });
}
