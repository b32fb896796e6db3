// The Python memory snapshot, kept on this device with the Cache API, so a
// repeat visit restores a Python that has already started and imported the
// worksheets' package instead of starting one (see boot.mjs).
//
// Privacy: a snapshot is the WebAssembly memory of a Python taken right after
// it imported browser_py.api and BEFORE its worker answers any call (or by a
// snapshot worker, which never gets one: worker.mjs), so no answer the reader
// typed has ever been in it. It is made in this browser
// and never crosses the network; like the answers, it stays on the device.
//
// Freshness: one entry, labelled with a key made from the exact runtime
// (Pyodide's version and the site's lock file, which names our wheel by a
// hash of its content and carries its sha256). A deploy that changes the
// runtime changes the key, so an old snapshot is never restored, and the next
// one replaces it (the service worker also drops it when the runtime's files
// change). The entry carries its own SHA-256, checked before use: a damaged
// entry is refused, not restored.

import { cacheName, layout } from "../layout.js";

// This deployment's own cache (its name carries the site's path), so another
// Rebound site on the same origin never restores, nor deletes, this one.
export const CACHE = cacheName(layout.snapshotCache);

// Bump when what goes into a snapshot changes (what boot.mjs does before
// taking it), so older snapshots stop matching.
const FORMAT = 1;

const DIGEST_HEADER = "x-rebound-sha256";
const KEY_HEADER = "x-rebound-runtime";

// The one entry is stored under a URL that is never fetched: a Cache key
// only. Fixed, so looking it up needs no key and starts with the worker.
const ENTRY = new URL("snapshots/python.bin", import.meta.url).href;

export class SnapshotError extends Error {}

export async function sha256(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// The key of a snapshot for this runtime: `parts` are everything it depends on.
export async function keyFor(...parts) {
  return sha256(new TextEncoder().encode([`format ${FORMAT}`, ...parts].join("\n")));
}

const available = () => typeof caches !== "undefined";

// The stored snapshot (a Response, unread), or null. Looked up without
// opening the cache: caches.open() would create it, and "Delete all my
// answers" must leave none behind (page/site-caches.js).
export async function find() {
  if (!available()) return null;
  return (await caches.match(ENTRY, { cacheName: CACHE })) ?? null;
}

// Whether a stored snapshot (from find()) was made for the runtime `key`.
export const isFor = (response, key) => response.headers.get(KEY_HEADER) === key;

// The bytes of a stored snapshot, checked against the digest saved with them.
export async function read(response) {
  const expected = response.headers.get(DIGEST_HEADER);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!expected || (await sha256(bytes)) !== expected) {
    throw new SnapshotError("the saved snapshot is damaged (its checksum does not match)");
  }
  return bytes;
}

// Store `bytes` as the snapshot for the runtime `key`, replacing any other.
export async function save(key, bytes) {
  if (!available()) return false;
  const digest = await sha256(bytes);
  const cache = await caches.open(CACHE);
  await cache.put(
    ENTRY,
    new Response(bytes, {
      headers: {
        "content-type": "application/octet-stream",
        [DIGEST_HEADER]: digest,
        [KEY_HEADER]: key,
      },
    }),
  );
  for (const request of await cache.keys()) {
    if (request.url !== ENTRY) await cache.delete(request); // from an older format
  }
  return true;
}

// Delete the snapshot, and its cache with it (never created to be emptied).
export async function forget() {
  if (available()) await caches.delete(CACHE);
}
