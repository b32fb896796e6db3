// Rebound's service worker. The build prepends `const REBOUND = {...}`:
// shell (URLs relative to this file), shellCache, runtime (the files a worksheet's
// boot needs), runtimePrefixes, runtimeCache, snapshotCache.
// Pages: network first, so a new deploy shows at once; the cache when offline.
// Everything else: cache first. The Python runtime is cached on first use only.
/* global REBOUND */
const SCOPE = new URL("./", self.location.href);
// The worker's Python memory snapshot (runtime/assets/worker/snapshot.mjs):
// kept across deploys, but dropped with the runtime files it was made from.
const SNAPSHOT_CACHE = REBOUND.snapshotCache;
const KNOWN = new Set([REBOUND.shellCache, REBOUND.runtimeCache, SNAPSHOT_CACHE]);

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

function isRuntime(url) {
  const path = url.pathname.slice(SCOPE.pathname.length);
  return REBOUND.runtimePrefixes.some((prefix) => path.startsWith(prefix));
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
    event.respondWith(cacheFirst(request, REBOUND.runtimeCache));
  } else if (isPage(request, url)) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request, REBOUND.shellCache));
  }
});

// A page whose worksheet booted asks to keep the runtime for next time. The
// files were just fetched, so this is served from the HTTP cache.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep-runtime") return;
  const reply = (ok) => event.ports[0]?.postMessage({ ok });
  event.waitUntil(
    (async () => {
      try {
        const cache = await caches.open(REBOUND.runtimeCache);
        for (const path of REBOUND.runtime) {
          const request = new Request(new URL(path, SCOPE));
          if (!(await cache.match(request))) await cache.add(request);
        }
        reply(true);
      } catch {
        reply(false);
      }
    })(),
  );
});
