// The first thing every page runs: "forget my answers after N days" (forget.js)
// acts before any form restores answers. The entry script imports this module
// first, and its top-level await holds the page's other modules back until
// forgetting has run. Only a reader who turned the setting on loads forget.js.
// Before that, this deployment claims the keys from before storage was
// scoped to the site's path (namespace.js), so the setting is found.

import { claim, PREFIX } from "./namespace.js";

claim();

let setting = null;
try {
  setting = window.localStorage.getItem(`${PREFIX}settings:forget`);
} catch {
  // Storage blocked: there is nothing to forget.
}
if (setting === null) {
  window.__reboundForget = { action: "off", removed: 0, deadline: null };
} else {
  try {
    (await import("./forget.js")).onVisit();
  } catch (error) {
    console.info("Rebound: forgetting could not run:", error?.message);
  }
}
