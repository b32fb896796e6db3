// Rebound's service worker. The build prepends `const REBOUND = {...}`:
// shell (URLs relative to this file), shellCache, runtime (the files a worksheet's
// boot needs), runtimePrefixes, runtimeCache, snapshotCache, and expected
// ({path: {size, sha256}} for every runtime file); then the runtime's
// download checks, worker/download.mjs (its `export`s dropped: this is a
// classic script), which give `download`, `check`, `REFETCH_CACHE`.
// Pages: network first, so a new deploy shows at once; the cache when offline.
// Everything else: cache first. The Python runtime is cached on first use
// only, and only a copy that passed check(): a damaged download reaches the
// worker (which says so) but never the cache. A request that asks to skip
// caches (the worker's retry, `cache: "reload"`) goes to the network.
/* global REBOUND, check, REFETCH_CACHE */
const SCOPE = new URL("./", self.location.href);
// The worker's Python memory snapshot (runtime/assets/worker/snapshot.mjs):
// kept across deploys, but dropped with the runtime files it was made from.
const SNAPSHOT_CACHE = REBOUND.snapshotCache;
const KNOWN = new Set([REBOUND.shellCache, REBOUND.runtimeCache, SNAPSHOT_CACHE, REFETCH_CACHE]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(REBOUND.shellCache);
      await cache.addAll(
        REBOUND.shell.map((path) => new Request(new URL(path, SCOPE), { cache: "no-cache" })),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      let runtimeChanged = false;
      for (const name of await caches.keys()) {
        if (name.startsWith("rebound-") && !KNOWN.has(name)) {
          runtimeChanged ||= name.startsWith("rebound-runtime-");
          await caches.delete(name);
        }
      }
      if (runtimeChanged) await caches.delete(SNAPSHOT_CACHE);
      await self.clients.claim();
    })(),
  );
});

const sitePath = (url) => url.pathname.slice(SCOPE.pathname.length);

function isRuntime(url) {
  const path = sitePath(url);
  return REBOUND.runtimePrefixes.some((prefix) => path.startsWith(prefix));
}

const skipsCaches = (request) =>
  ["reload", "no-store", "no-cache"].includes(request.cache) ||
  /no-cache/.test(request.headers.get("cache-control") ?? "");

// A runtime file from the network. Returned at once (the worker reads it as
// it arrives, and checks it too); stored, once the whole body is in, only if
// it is exactly the build's. `kept` settles when that is decided.
async function fetchRuntime(request, cache) {
  const response = await fetch(request);
  const expected = REBOUND.expected[sitePath(new URL(request.url))];
  if (response.status !== 200 || !expected) return { response, kept: Promise.resolve(false) };
  const copy = response.clone();
  const kept = (async () => {
    try {
      const bytes = new Uint8Array(await copy.arrayBuffer());
      await check(bytes, expected, request.url);
      await cache.put(request, new Response(bytes, { headers: copy.headers }));
      return true;
    } catch {
      return false; // a broken body, or not the build's bytes: not kept
    }
  })();
  return { response, kept };
}

async function runtimeFirst(event) {
  const request = event.request;
  const cache = await caches.open(REBOUND.runtimeCache);
  if (!skipsCaches(request)) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
  }
  const { response, kept } = await fetchRuntime(request, cache);
  event.waitUntil(kept);
  return response;
}

function isPage(request, url) {
  return (
    request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html")
  );
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.status === 200) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(REBOUND.shellCache);
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (request.headers.has("range")) return;
  if (isRuntime(url)) {
    event.respondWith(runtimeFirst(event));
  } else if (isPage(request, url)) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request, REBOUND.shellCache));
  }
});

// A page whose worksheet booted asks to keep the runtime for next time. The
// files were just fetched, so this is served from the HTTP cache (and
// checked again before it is kept).
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep-runtime") return;
  const reply = (ok) => event.ports[0]?.postMessage({ ok });
  event.waitUntil(
    (async () => {
      try {
        const cache = await caches.open(REBOUND.runtimeCache);
        let all = true;
        for (const path of REBOUND.runtime) {
          const request = new Request(new URL(path, SCOPE));
          if (await cache.match(request)) continue;
          all = (await (await fetchRuntime(request, cache)).kept) && all;
        }
        reply(all);
      } catch {
        reply(false);
      }
    })(),
  );
});
