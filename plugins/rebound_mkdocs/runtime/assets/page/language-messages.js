// The words of the language offer (language.js): "This page is also in
// English", shown on a page in another language to a reader who prefers
// English. So they are written in the language they offer, and language.js
// reads them from that language's module (`english` here, or
// language-messages.<lang>.js), not from the page's.
//
// Kept apart from messages.js so that the offer, which may show on any page
// at load, costs a few hundred bytes rather than every sentence of the page's
// scripts in two languages.

const english = {
  language: {
    region: "This page in English",
    offer: "This page is also in English.",
    open: "Read it in English",
    dismiss: "No thanks",
  },
};

// ---- the language pick (a generated module copies only what is above) ----
// A page in another language (its <html lang>) gets that language's module,
// language-messages.<lang>.js, of the same shape (same keys:
// tests/plugins/runtime/test_messages_languages.py). qps-ploc is the
// pseudo-locale, built only for its check. A module that does not load
// leaves the English, rather than no words at all.
const LANGUAGES = ["zh-Hans", "qps-ploc"];

async function inPageLanguage() {
  const lang = globalThis.document?.documentElement.lang;
  if (!LANGUAGES.includes(lang)) return english;
  try {
    return (await import(`./language-messages.${lang}.js`)).messages;
  } catch (error) {
    console.info(`Rebound: the offer's messages for ${lang} did not load:`, error?.message);
    return english;
  }
}

export const messages = await inPageLanguage();
// The English words whatever the page's language (the offer of English).
export { english };
