// "This page is also in <your language>": a small, dismissible offer, never a
// redirect. The entry script (worksheets.js) loads this module only when the
// page has an alternate (<link rel="alternate" hreflang>, which the site's
// build writes for every translated page) in a language the reader prefers
// over the page's own (navigator.languages, in order), or chose earlier.
//
// The offer is written in the language it offers (the reader may not read
// the page's), from that language's module: language-messages.js's English,
// or language-messages.<lang>.js (a few words, not the page's messages). It
// is a region at the top of the article with role="status" (announced,
// never focused), a real link to the same page in that language, and a
// "No thanks" button.
//
// Remembered in localStorage, under the site's namespace (namespace.js):
//   <PREFIX>settings:language        the language the reader chose last
//                                    (following any link with hreflang, the
//                                    header's language selector included;
//                                    the entry script records it, by this name);
//   <PREFIX>settings:language-offer  "dismissed": never offer again.
// A reader who chose the page's language is never offered another.

import { button, el } from "./dom.js";
import { PREFIX } from "./namespace.js";

export const CHOICE_KEY = `${PREFIX}settings:language`;
export const DISMISSED_KEY = `${PREFIX}settings:language-offer`;

const primary = (tag) =>
  String(tag || "")
    .split("-")[0]
    .toLowerCase();

function read(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage blocked: no memory, the offer still works
  }
}

function write(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // storage blocked or full: the choice is not remembered, nothing else breaks
  }
}

// The alternate this reader would rather read, or null.
export function wanted(doc = document, languages = navigator.languages ?? []) {
  const own = primary(doc.documentElement.lang);
  const alternates = [...doc.querySelectorAll('link[rel="alternate"][hreflang][href]')].filter(
    (link) =>
      primary(link.hreflang) && primary(link.hreflang) !== own && link.hreflang !== "x-default",
  );
  if (!alternates.length || read(DISMISSED_KEY) === "dismissed") return null;
  const chosen = read(CHOICE_KEY);
  const order = chosen ? [chosen] : [...languages];
  for (const tag of order) {
    if (primary(tag) === own) return null; // the reader's first choice is this page's
    const match = alternates.find((link) => primary(link.hreflang) === primary(tag));
    if (match) return match;
  }
  return null;
}

// The offered language's words, or null when it has no messages module.
async function wordsFor(tag) {
  try {
    if (primary(tag) === "en") return (await import("./language-messages.js")).english.language;
    return (await import(`./language-messages.${tag}.js`)).messages.language ?? null;
  } catch {
    return null;
  }
}

export async function offer(doc = document) {
  const link = wanted(doc);
  if (!link || doc.querySelector(".rebound-language")) return;
  const tag = link.hreflang;
  const words = await wordsFor(tag);
  const place = doc.querySelector("article") ?? doc.querySelector("main");
  if (!words || !place || doc.querySelector(".rebound-language")) return;
  const region = el("div", "rebound-language worksheet__notice");
  region.setAttribute("role", "status");
  region.setAttribute("aria-label", words.region);
  region.lang = tag;
  place.prepend(region);
  const open = el("a", "rebound-language__open", words.open);
  open.href = link.href;
  open.hreflang = tag;
  const dismiss = button(words.dismiss, "rebound-language__dismiss");
  dismiss.addEventListener("click", () => {
    write(DISMISSED_KEY, "dismissed");
    // Keep the keyboard in the article rather than lose it with the button.
    const heading = place.querySelector("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    region.remove();
  });
  // Filled once the empty region is in the page, so screen readers announce it.
  requestAnimationFrame(() =>
    region.append(el("p", "", `${words.offer} `, open), el("p", "", undefined, dismiss)),
  );
}
