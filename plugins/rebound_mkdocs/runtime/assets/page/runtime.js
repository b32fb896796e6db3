// The Python runtime, seen from the page: one module worker for the whole visit.
//
// The worker (../worker/worker.mjs) loads Pyodide and the worksheet package; this module
// starts it on demand, tracks its state, times it out, and turns messages
// into promises. All Python runs in the worker: the page only posts messages.
//
// State changes are announced as a `rebound:runtime` event on `document`
// (detail: {state, step, error}); state is one of idle, loading, ready, failed.
// Material's instant navigation keeps this module alive between pages, so the
// worker (a module-level variable) survives too.

import { layout, siteUrl } from "../layout.js";
import { messages } from "./messages.js";

const TEXT = messages.runtime;

export const BOOT_TIMEOUT_MS = 60_000;

// Loading steps, in order, as the worker reports them.
export const STEPS = ["download", "start", "packages"];

let worker = null;
let timer = 0;
let current = { state: "idle", step: null, error: null };
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
  current = { state: next.state, step: next.step ?? null, error: next.error ?? null };
  document.dispatchEvent(new CustomEvent("rebound:runtime", { detail: status() }));
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
    announce({ state: "loading", step: data.step });
  } else if (data.type === "ready") {
    clearTimeout(timer);
    stats.readyAt = performance.now();
    stats.bootMode = data.mode === "snapshot" ? "snapshot" : "cold";
    announce({ state: "ready" });
    for (const call of waiting.splice(0)) send(call);
  } else if (data.type === "snapshot") {
    stats.snapshot = String(data.state);
  } else if (data.type === "failed") {
    fail(String(data.error || TEXT.stopped));
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
    // Bytes sent back beside the JSON (the filled PDF) become `binary`.
    if (data.data instanceof ArrayBuffer && response && typeof response === "object") {
      response.binary = data.data;
    }
    call.resolve(response);
  }
}

function send(call) {
  const id = nextId++;
  pending.set(id, call);
  if (call.packages) {
    worker.postMessage({ type: "load", id, packages: call.packages });
  } else if (call.data) {
    // The buffer is transferred, not copied: the caller's copy becomes empty.
    worker.postMessage(
      { type: "call", id, request: JSON.stringify(call.request), data: call.data },
      [call.data],
    );
  } else {
    worker.postMessage({ type: "call", id, request: JSON.stringify(call.request) });
  }
}

// Start the worker the first time. Safe to call often; after a failure only
// retry() starts it again (focusing a field must not loop on a blocked file).
export function boot() {
  if (current.state === "idle") start();
}

// Try again after a failure.
export function retry() {
  if (current.state === "failed") start();
}

function start() {
  stats.boots += 1;
  stats.bootStartedAt = performance.now();
  announce({ state: "loading", step: STEPS[0] });
  try {
    worker = new Worker(siteUrl(layout.workerScript), {
      type: "module",
      name: "rebound-python",
    });
  } catch (error) {
    fail(TEXT.noWorker(error?.message || error));
    return;
  }
  worker.addEventListener("message", onMessage);
  // The first result needs the module that renders it: fetch it meanwhile.
  import("./render.js").catch(() => {});
  worker.addEventListener("error", (event) => {
    event.preventDefault?.();
    fail(event.message || TEXT.scriptFailed);
  });
  worker.addEventListener("messageerror", () => fail(TEXT.unreadableMessage));
  timer = setTimeout(() => fail(TEXT.timeout), BOOT_TIMEOUT_MS);
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
    waiting.push(entry);
    boot();
  });
}
