// Rebound's service worker. The build prepends `const REBOUND = {...}`:
// shell (URLs relative to this file), shellCache, runtime (the files a
// worksheet's boot needs), runtimePrefixes, runtimeCache, cachePrefix,
// snapshotCache, legacyCaches (a pattern), and expected ({url path: {size,
// sha256}} for every file of the site, pages as `dir/`, and a zstd frame's
// `decoded` too: utilities/file_entries.py); then the download
// checks, worker/download.mjs (its `export`s dropped: this is a classic
// script), which give `download`, `check`, `entryFor`, `REFETCH_CACHE`.
//
// One deploy at a time. Every file this stores is exactly the build's: it is
// fetched afresh (`cache: "reload"`, so a host's caching headers cannot hand
// over the previous deploy's copy) and checked against `expected` before it
// is stored. Install stores the whole shell, checked, or fails (and is tried
// again on a later visit). A new version then waits while a page of the old
// one is open: the page offers "A new version is ready" (offline.js), and
// the reader's Reload sends "skip-waiting". Pages and scripts come from the
// active version's cache, so a page never runs one deploy's HTML with
// another's scripts. A file missing from the cache is fetched, and served
// only if it is this version's (the runtime's files that the worker fetches
// itself are streamed to it, as the worker checks them too, and stored only
// if they pass).
//
// One deployment, one namespace. Cache names are cachePrefix + this worker's
// scope path + ":" + what they hold (utilities/layout.py, cache_name), so
// the site at /a/ never opens nor deletes the caches of the one at /b/ on
// the same origin. Clean-up deletes only this site's old caches, and the
// unscoped caches of versions before that (they may hold search URLs).
//
// Privacy: a URL is stored without its query, so the search terms of `?h=`
// links are never kept.
/* global REBOUND, download, check, entryFor */
const SCOPE = new URL("./", self.location.href);
const PREFIX = `${REBOUND.cachePrefix}${SCOPE.pathname}:`;
const SHELL_CACHE = PREFIX + REBOUND.shellCache;
const RUNTIME_CACHE = PREFIX + REBOUND.runtimeCache;
// The worker's Python memory snapshot (runtime/assets/worker/snapshot.mjs):
// kept across deploys, but dropped with the runtime files it was made from.
const SNAPSHOT_CACHE = PREFIX + REBOUND.snapshotCache;
const KNOWN = new Set([SHELL_CACHE, RUNTIME_CACHE, SNAPSHOT_CACHE]);
const LEGACY = new RegExp(REBOUND.legacyCaches);
const AT_ONCE = 6; // downloads in flight while the shell is stored

const ours = (url) => url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname);
const sitePath = (url) => url.pathname.slice(SCOPE.pathname.length) || "./";
const expectedFor = (url) =>
  ours(url) && Object.hasOwn(REBOUND.expected, sitePath(url))
    ? REBOUND.expected[sitePath(url)]
    : null;
const isRuntime = (url) =>
  REBOUND.runtimePrefixes.some((prefix) => sitePath(url).startsWith(prefix));

// The URL a file is stored under: never with a query (search terms).
function bare(url) {
  const plain = new URL(url);
  plain.search = "";
  plain.hash = "";
  return plain.href;
}

// The build's copy of `url`, ready to store: downloaded afresh and checked
// (download.mjs throws a DownloadError otherwise). `fromHttpCache` first
// tries the browser's HTTP cache: right after the worker downloaded a file,
// that copy is the same bytes, and the check refuses it if it is not.
async function fetchChecked(url, expected, { fromHttpCache = false } = {}) {
  let headers = null;
  const options = { onResponse: (response) => (headers = response.headers) };
  let bytes;
  try {
    bytes = await download(url, expected, { ...options, reload: !fromHttpCache });
  } catch (error) {
    if (!fromHttpCache || error?.kind === "network") throw error;
    bytes = await download(url, expected, { ...options, reload: true });
  }
  return new Response(bytes, { headers });
}

// A copy of `url` from an older cache of this site, if it is still the
// build's (most files do not change between deploys).
async function fromOlder(url, expected, older) {
  for (const cache of older) {
    const hit = await cache.match(url);
    if (!hit) continue;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    try {
      // (A stored copy keeps the headers that say whether it was decoded.)
      await check(bytes, entryFor(hit.headers, expected), url);
      return new Response(bytes, { headers: hit.headers });
    } catch {
      // Changed since: download it.
    }
  }
  return null;
}

async function inBatches(items, each) {
  const queue = [...items];
  const lane = async () => {
    while (queue.length) await each(queue.shift());
  };
  await Promise.all(Array.from({ length: AT_ONCE }, lane));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const older = names.filter(
        (name) => name.startsWith(`${PREFIX}shell-`) && name !== SHELL_CACHE,
      );
      // A first install, or one after a version from before scoped caches
      // (whose pages cannot offer the reload): take over at once, as that
      // version did. Otherwise wait for the reader.
      const takeOver =
        !self.registration.active ||
        !names.some((name) => name.startsWith(PREFIX) && name !== SHELL_CACHE);
      const cache = await caches.open(SHELL_CACHE);
      const olderCaches = await Promise.all(older.map((name) => caches.open(name)));
      await inBatches(REBOUND.shell, async (path) => {
        const url = new URL(path, SCOPE).href;
        if (await cache.match(url)) return; // a previous attempt stored it, checked
        const expected = REBOUND.expected[path];
        const copy =
          (await fromOlder(url, expected, olderCaches)) ?? (await fetchChecked(url, expected));
        await cache.put(url, copy);
      });
      if (takeOver) await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      let runtimeChanged = false;
      for (const name of await caches.keys()) {
        if ((name.startsWith(PREFIX) && !KNOWN.has(name)) || LEGACY.test(name)) {
          runtimeChanged ||= name.startsWith(`${PREFIX}runtime-`);
          await caches.delete(name);
        }
      }
      if (runtimeChanged) await caches.delete(SNAPSHOT_CACHE);
      await self.clients.claim();
    })(),
  );
});

const skipsCaches = (request) =>
  ["reload", "no-store", "no-cache"].includes(request.cache) ||
  /no-cache/.test(request.headers.get("cache-control") ?? "");

// Runtime files being stored: url -> promise of whether they were.
const storing = new Map();

// A runtime file the worker fetches itself: returned at once (the worker
// reads it as it arrives, and checks it), stored once the whole body is in,
// only if it is exactly the build's.
async function streamRuntime(event, cache, url, expected) {
  const response = await fetch(url, { cache: "reload" });
  if (response.status !== 200) return response;
  const copy = response.clone();
  const kept = (async () => {
    try {
      const bytes = new Uint8Array(await copy.arrayBuffer());
      await check(bytes, entryFor(copy.headers, expected), url);
      await cache.put(url, new Response(bytes, { headers: copy.headers }));
      return true;
    } catch {
      return false; // a broken body, or not the build's bytes: not kept
    } finally {
      storing.delete(url);
    }
  })();
  storing.set(url, kept);
  event.waitUntil(kept);
  return response;
}

// A file the browser runs or shows as it is (a page, a script, a style):
// served only once it passed the check, so it is this version's.
async function fetchForUse(request, cache, url, expected) {
  try {
    const copy = await fetchChecked(url, expected);
    await cache.put(url, copy.clone());
    return copy;
  } catch (error) {
    if (error?.kind === "network") throw error; // offline: the browser says so
    // The server holds another deploy: look for it, and do not mix.
    self.registration.update().catch(() => {});
    if (request.mode === "navigate") return fetch(request); // a page to read beats an error
    return new Response("", { status: 503, statusText: "Another version of the site" });
  }
}

async function respond(event, url, expected) {
  const request = event.request;
  const runtime = isRuntime(url);
  const cache = await caches.open(runtime ? RUNTIME_CACHE : SHELL_CACHE);
  const key = bare(url);
  if (!runtime || !skipsCaches(request)) {
    await storing.get(key);
    const hit = await cache.match(key);
    if (hit) return hit;
  }
  if (runtime && request.destination === "") {
    return streamRuntime(event, cache, key, expected);
  }
  return fetchForUse(request, cache, key, expected);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  const expected = expectedFor(url);
  // Not one of this version's files (another site on the origin, sw.js, a
  // page this version does not have): the network's, never stored.
  if (!expected) return;
  event.respondWith(respond(event, url, expected));
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skip-waiting") {
    // The reader chose to switch to this version (offline.js reloads).
    event.waitUntil(self.skipWaiting());
  } else if (event.data?.type === "keep-runtime") {
    event.waitUntil(keepRuntime(event.ports[0]));
  }
});

// A page whose worksheet booted asks to keep the runtime for next time. The
// files were just fetched, so they may come from the HTTP cache; they are
// checked again before they are kept.
async function keepRuntime(port) {
  const reply = (ok) => port?.postMessage({ ok });
  try {
    const cache = await caches.open(RUNTIME_CACHE);
    let all = true;
    for (const path of REBOUND.runtime) {
      const url = new URL(path, SCOPE).href;
      await storing.get(url);
      if (await cache.match(url)) continue;
      try {
        await cache.put(
          url,
          await fetchChecked(url, REBOUND.expected[path], { fromHttpCache: true }),
        );
      } catch {
        all = false;
      }
    }
    reply(all);
  } catch {
    reply(false);
  }
}
