// Register Rebound's service worker once the page has loaded and gone idle,
// so it never competes with reading the page. It caches site files only,
// never the reader's answers (those live in localStorage).
//
// The Python runtime is cached only once a worksheet has used it: when the
// runtime reports "ready", this asks the service worker to keep its files.
//
// A new deploy: its service worker stores the whole new version (checked)
// and then waits, so this page keeps running the version it started with.
// The page then says "A new version is ready" in a status region at the top
// of the article, with a real button; the button tells the waiting worker to
// take over and reloads the page once it has (other open tabs of the old
// version then show the same offer). A runtime that failed to load
// also asks for an update check (a deploy is the likely cause).
//
// window.__reboundOffline tells tests and the benchmark how far it got:
// {registered, runtimeCached, updateReady}.
import { layout, siteUrl } from "../layout.js";
import { button, el } from "./dom.js";

const worker = siteUrl(layout.serviceWorker);
const state = (window.__reboundOffline = {
  registered: false,
  runtimeCached: false,
  updateReady: false,
});
let registration = null;
let switching = false;

async function register() {
  try {
    registration = await navigator.serviceWorker.register(worker, {
      scope: new URL("./", worker).pathname,
    });
    state.registered = true;
    watchForUpdates();
    // Look for a new deploy on every page load (one small request), rather
    // than when the browser decides to.
    if (navigator.serviceWorker.controller) registration.update().catch(() => {});
    if (window.__rebound?.state === "ready") keepRuntime();
  } catch (error) {
    console.info("Rebound: offline support unavailable:", error.message);
  }
}

async function keepRuntime() {
  if (state.runtimeCached || !registration) return;
  const ready = await navigator.serviceWorker.ready;
  const channel = new MessageChannel();
  channel.port1.onmessage = ({ data }) => {
    state.runtimeCached = Boolean(data?.ok);
  };
  ready.active?.postMessage({ type: "keep-runtime" }, [channel.port2]);
}

// A new version waits only while a page of the old one is open (a first
// install takes over by itself). `switched`: the reader let it take over in
// another tab, so this page's next script would be the new version's: the
// same offer, and the button only reloads.
function offerUpdate(switched = false) {
  if (!switched && (!registration?.waiting || !navigator.serviceWorker.controller)) return;
  state.updateReady = true;
  if (document.querySelector(".rebound-update")) return;
  const region = el("div", "rebound-update worksheet__notice");
  region.setAttribute("role", "status");
  const place = document.querySelector("article") ?? document.querySelector("main");
  if (!place) return;
  place.prepend(region);
  // The words come only now (in the page's language): most visits never see
  // this offer, so an article page never fetches messages.js for it. Filled
  // once the empty region is in the page, so screen readers announce it.
  import("./messages.js").then(
    ({ messages }) => {
      const reload = button(messages.update.reload, "rebound-update__reload");
      reload.addEventListener("click", () => {
        switching = true;
        reload.disabled = true;
        const waiting = registration.waiting;
        if (waiting) waiting.postMessage({ type: "skip-waiting" });
        else window.location.reload(); // it took over meanwhile
      });
      region.append(el("p", "", messages.update.ready), el("p", "", undefined, reload));
    },
    () => region.remove(), // no words, no offer: the next page tries again
  );
}

function watchForUpdates() {
  const follow = (installing) =>
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed") offerUpdate();
    });
  offerUpdate();
  // The navigation's own update check may have found it already.
  follow(registration.installing);
  registration.addEventListener("updatefound", () => follow(registration.installing));
  // Instant navigation replaces the article: offer it again on the new one.
  window.document$?.subscribe?.(() => offerUpdate());
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  const later = () =>
    "requestIdleCallback" in window
      ? requestIdleCallback(register, { timeout: 5000 })
      : setTimeout(register, 2000);
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
  let controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (switching) window.location.reload();
    else if (controlled) offerUpdate(true);
    controlled = true;
  });
  document.addEventListener("rebound:runtime", ({ detail }) => {
    if (detail?.state === "ready") keepRuntime();
    if (detail?.state === "failed") registration?.update().catch(() => {});
  });
}
