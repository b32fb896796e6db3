// What Cache Storage holds for this site that came from the reader, and the
// one call that deletes it: forgetReaderCaches(), run by "Delete all my
// answers" (workbook.js) and by "forget after N days" (forget.js).
//
// Two things there come from the reader, never their answers:
//   * the Python memory snapshot (worker/snapshot.mjs), made in this browser;
//   * a page URL with a query, which holds search terms (`?h=…`). The service
//     worker stores URLs without their query (offline/assets/sw.js), but
//     versions before it did, in caches without the site's path in their
//     name (layout.legacyCaches).
// Only this site's own entries are touched: caches named for its path
// (cacheName), and in the unscoped caches only URLs under the site's root,
// so another deployment on the same origin keeps its own.
//
// Nothing from before comes back: the snapshot cache is deleted, not
// emptied, and nothing reopens it (snapshot.mjs looks it up without opening
// it); a snapshot this page's worker took before the deletion, and stores
// once idle, is deleted as soon as it lands (afterPendingSnapshot).
import { cacheName, layout, siteUrl } from "../layout.js";

// How long a booted worker may take to store its snapshot (boot.mjs stores
// it within seconds of its first answer; a slow phone's boot comes first).
const PENDING_SNAPSHOT_MS = 120_000;

// This page's worker started Python before the deletion and has not stored
// its snapshot yet (window.__rebound.snapshot, from runtime.js): once it has,
// delete it again. The snapshot holds no answer, but it was made before.
async function afterPendingSnapshot(name) {
  const rebound = window.__rebound;
  if (!rebound?.boots || rebound.snapshot !== null) return;
  const deadline = Date.now() + PENDING_SNAPSHOT_MS;
  while (rebound.snapshot === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (rebound.snapshot === "saved") await caches.delete(name);
}

// Resolves to true once done, false without Cache Storage; never rejects.
export async function forgetReaderCaches() {
  if (typeof caches === "undefined") return false;
  try {
    const root = siteUrl("./").href;
    const own = cacheName("");
    const legacy = new RegExp(layout.legacyCaches);
    const snapshotCache = cacheName(layout.snapshotCache);
    await caches.delete(snapshotCache);
    afterPendingSnapshot(snapshotCache).catch(() => {});
    for (const name of await caches.keys()) {
      if (!name.startsWith(own) && !legacy.test(name)) continue;
      const cache = await caches.open(name);
      const snapshots = legacy.test(name) && name.endsWith(layout.snapshotCache);
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (url.href.startsWith(root) && (url.search || snapshots)) await cache.delete(request);
      }
    }
    return true;
  } catch (error) {
    console.warn("Rebound: could not clear the site's cached copies:", error);
    return false;
  }
}
