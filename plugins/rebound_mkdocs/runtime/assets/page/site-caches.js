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
import { cacheName, layout, siteUrl } from "../layout.js";

// Resolves to true once done, false without Cache Storage; never rejects.
export async function forgetReaderCaches() {
  if (typeof caches === "undefined") return false;
  try {
    const root = siteUrl("./").href;
    const own = cacheName("");
    const legacy = new RegExp(layout.legacyCaches);
    await caches.delete(cacheName(layout.snapshotCache));
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
