// Register Rebound's service worker once the page has loaded and gone idle,
// so it never competes with reading the page. It caches site files only,
// never the reader's answers (those live in localStorage).
//
// The Python runtime is cached only once a worksheet has used it: when the
// runtime reports "ready", this asks the service worker to keep its files.
// window.__reboundOffline tells tests and the benchmark how far it got.
import { layout, siteUrl } from "../layout.js";

const worker = siteUrl(layout.serviceWorker);
const state = (window.__reboundOffline = { registered: false, runtimeCached: false });
let registration = null;

async function register() {
  try {
    registration = await navigator.serviceWorker.register(worker, {
      scope: new URL("./", worker).pathname,
    });
    state.registered = true;
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

if ("serviceWorker" in navigator && window.isSecureContext) {
  const later = () =>
    "requestIdleCallback" in window
      ? requestIdleCallback(register, { timeout: 5000 })
      : setTimeout(register, 2000);
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
  document.addEventListener("rebound:runtime", ({ detail }) => {
    if (detail?.state === "ready") keepRuntime();
  });
}
