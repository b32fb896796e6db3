// A page from another deploy than the scripts running it (see worksheets.js,
// which loads this module only then): the worksheet machinery stays off, the
// article and its plain forms work as they do without JavaScript, and this
// offers the reload that brings page and scripts together, in the same status
// region (and words) as offline.js's "A new version is ready".
//
// The reload first lets the newest service worker take over: the one that has
// this page's deploy is installing or waiting (the navigation's update check
// found it). Without a service worker it is a plain reload.
import { button, el } from "./dom.js";
import { messages } from "./messages.js";

const SETTLED = new Set(["installed", "activating", "activated", "redundant"]);
const SWITCH_WAIT_MS = 10_000;

// Resolves once `worker` finished installing (or failed to).
const installed = (worker) =>
  new Promise((resolve) => {
    if (SETTLED.has(worker.state)) return resolve();
    worker.addEventListener("statechange", () => SETTLED.has(worker.state) && resolve());
  });

async function takeNewest() {
  const workers = navigator.serviceWorker;
  if (!workers?.controller || !window.isSecureContext) return;
  const registration = await workers.getRegistration().catch(() => null);
  if (!registration) return;
  await registration.update().catch(() => {});
  const next = registration.installing ?? registration.waiting;
  if (!next) return; // nothing newer: the reload asks the server again
  await installed(next);
  const waiting = registration.waiting;
  if (!waiting) return; // it failed, or took over meanwhile
  const switched = new Promise((resolve) =>
    workers.addEventListener("controllerchange", resolve, { once: true }),
  );
  waiting.postMessage({ type: "skip-waiting" });
  await Promise.race([switched, new Promise((resolve) => setTimeout(resolve, SWITCH_WAIT_MS))]);
}

export function offerReload() {
  if (document.querySelector(".rebound-update")) return; // offline.js offers it already
  const place = document.querySelector("article") ?? document.querySelector("main");
  if (!place) return;
  const region = el("div", "rebound-update worksheet__notice");
  region.setAttribute("role", "status");
  place.prepend(region);
  const reload = button(messages.update.reload, "rebound-update__reload");
  reload.addEventListener("click", async () => {
    reload.disabled = true;
    try {
      await takeNewest();
    } finally {
      window.location.reload();
    }
  });
  // Filled once the empty region is in the page, so screen readers announce it.
  requestAnimationFrame(() =>
    region.append(el("p", "", messages.update.ready), el("p", "", undefined, reload)),
  );
}
