// One deployment, one namespace: the prefix of every localStorage and
// sessionStorage key this copy of the guide owns.
//
// Several deployments can share an origin (GitHub Pages puts every project
// of `user.github.io` on one), and Web Storage is per origin, not per path.
// So each deployment keeps its keys under its own prefix, from the site's
// path as the page knows it (layout.js's root, the folder above
// assets/rebound/):
//   site at "/"      -> "rebound:"        (the keys every release before had)
//   site at "/a/"    -> "rebound@/a/:"    (":" in the path is written %3A)
// No prefix is the start of another: "rebound:" never starts "rebound@…",
// and a path always ends in "/" before the ":", so "/a/" never matches
// "/a/b/". Deleting, listing and forgetting only ever look under PREFIX.
//
// Keys from before this scoping (unscoped "rebound:…") were written by
// whichever deployment the reader used. Who claims them:
//   * a deployment at "/" owns them already: "rebound:" is its prefix. It
//     marks them `rebound-owner` = "/" so no subpath deployment takes them;
//   * otherwise the first deployment under a subpath that runs this code
//     and finds them with no owner writes `rebound-owner` = its path, reads
//     the mark back (two tabs racing: only one wins), and moves them: each
//     key is copied under its own prefix, then the old one is removed. It is
//     never copied to two deployments. A deployment whose path is not the
//     owner leaves them alone.
//   * An older Rebound tab still open after the move may write an unscoped
//     key again. The owner moves it in on its next page load; when its own
//     key already holds different text, the late copy is kept aside
//     (`<prefix>corrupt:legacy:<rest of key>:<time>`), never dropped.
// The mark is outside every prefix ("rebound-owner" starts neither
// "rebound:" nor "rebound@"): it holds no reader data, only a path, so no
// deployment lists, forgets or deletes it.
// claim() does this; forget-hook.js calls it first thing on every page.

import { siteUrl } from "../layout.js";

export const LEGACY = "rebound:";
export const OWNER_KEY = "rebound-owner";

export const prefixFor = (path) =>
  path === "/" ? LEGACY : `rebound@${path.replaceAll(":", "%3A")}:`;

// The site's path, "/" or "/sub/path/".
export const SITE_PATH = siteUrl("").pathname;
export const PREFIX = prefixFor(SITE_PATH);

// Keys of the guide's own layouts (schema 2, 1, 0, kept-aside copies, settings).
const ours = (rest) => /^(v2:|v1:|corrupt:|settings:|[a-z][a-z0-9_-]{0,39}$)/.test(rest);

function store() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// Claim the unscoped keys as described above. Returns how many moved.
export function claim(path = SITE_PATH, storage = store()) {
  if (!storage) return 0;
  const prefix = prefixFor(path);
  try {
    const legacy = [];
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index) ?? "";
      if (key.startsWith(LEGACY) && key !== OWNER_KEY && ours(key.slice(LEGACY.length)))
        legacy.push(key);
    }
    if (!legacy.length) return 0;
    const owner = storage.getItem(OWNER_KEY);
    if (path === "/") {
      if (owner === null) storage.setItem(OWNER_KEY, "/");
      return 0;
    }
    if (owner !== null && owner !== path) return 0;
    if (owner === null) {
      storage.setItem(OWNER_KEY, path);
      if (storage.getItem(OWNER_KEY) !== path) return 0;
    }
    let moved = 0;
    for (const key of legacy) {
      const rest = key.slice(LEGACY.length);
      const text = storage.getItem(key);
      if (text === null) continue;
      const mine = storage.getItem(prefix + rest);
      if (mine === null) storage.setItem(prefix + rest, text);
      else if (mine !== text)
        storage.setItem(`${prefix}corrupt:legacy:${rest}:${new Date().toISOString()}`, text);
      storage.removeItem(key);
      moved += 1;
    }
    return moved;
  } catch {
    // Full or blocked half-way: every key moved so far is in place, the rest
    // stay where they were, and the next page load goes on.
    return 0;
  }
}
