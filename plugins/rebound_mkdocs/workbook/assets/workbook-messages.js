// Every sentence the workbook page's scripts show the reader (workbook.js,
// backup.js's page part backup-ui.js, storage-panel.js), ready for
// translation. Kept apart from page/messages.js, which every article page
// loads, so those pages do not carry the workbook's text. A function takes
// what the sentence is built around; nothing here touches the DOM.
//
// Errors the Python worker reports come from there; a sentence here may wrap
// one, as `error` or `reason`.

const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const english = {
  // The workbook page (workbook.js, shipped by the workbook plugin).
  workbook: {
    status: { empty: "not started", started: "started", complete: "complete" },
    indexFailed: (status) => `the list of worksheets did not load (${status})`,
    pdfElsewhere: "the PDF workbook is not on this site",
    pdfFailed: (status) => `the PDF workbook did not download (${status})`,
    loadingAnswers: "Loading your answers\u2026",
    exportJson: "Export answers (.json)",
    exportMarkdown: "Export as Markdown (.md)",
    calendar: "Download calendar (.ics)",
    filledPdf: "Download my filled workbook (PDF)",
    chooseFile: "Choose an exported file (.json)",
    deleteAllButton: "Delete all my answers",
    progressHeading: "Your progress",
    roundsHeading: "Progress across rounds",
    roundsIntro:
      "How the feeling, your ratings, the feedback and your applications change from one " +
      "round to the next. Each chart has its numbers in a table below it.",
    roundsLoading: "Working out your progress\u2026",
    roundsEmpty: "Nothing saved yet. Your progress across rounds appears here once you start.",
    roundsFailed: (error) => `Your progress could not be worked out: ${error}`,
    reminderLabel: "Reminders in the calendar file",
    reminders: {
      none: "No reminders",
      "at-time": "At the time",
      "1h": "1 hour before",
      "1d": "1 day before",
      "2d": "2 days before",
    },
    takeAwayHeading: "Take your answers with you",
    importHeading: "Import answers",
    importIntro:
      "Importing replaces the answers of each worksheet in the file. " +
      "You will see what changes before anything is replaced.",
    deleteHeading: "Delete answers",
    deleteIntro: "This removes your answers from this browser for good.",
    confirmTitle: "Delete answers?",
    confirmDelete: "Delete",
    cancel: "Cancel",
    overviewFailed: (error) =>
      "The overview needs the Python runtime, which did not load " +
      `(${error}). You can still delete your answers here.`,
    stepLink: (page, title) => `${page}: ${title}`,
    progressLabel: (title) => `Questions answered in ${title}`,
    deleteStep: "Delete these answers",
    deleteStepLabel: (title) => `Delete your answers to ${title}`,
    noOverview: "the overview could not be made",
    total: ({ started, complete, answered, total }, count) =>
      `${started} of ${count} worksheets started, ` +
      `${complete} complete; ${answered} of ${total} questions answered.`,
    progress: (answered, total) => `${answered} of ${total}`,
    stepProgress: (answered, total, status) =>
      `${answered} of ${total} questions answered (${status})`,
    nothingSaved:
      "No answers are saved in this browser yet. Start with the first " +
      "step, or import a file you exported before.",
    exportFailed: (reason) => `The export could not be made: ${reason}`,
    nothingToExport: "There are no answers to export yet.",
    exported: (filename) =>
      `Your answers were saved to the file ${filename} in your downloads. ` +
      "It holds your own words: keep it somewhere private.",
    lastExported: (date) => `Last exported on ${date}.`,
    neverExported: "You have not exported your answers from this browser yet.",
    remind: (days) =>
      `Your answers changed, and they were last exported more than ${days} days ago ` +
      "(or never). Browsers can delete what a site keeps, so an exported file is the " +
      "safe copy.",
    remindExport: "Export answers now (.json)",
    remindLater: "Not now",
    remindedLater: (days) => `The reminder comes back in ${days} days if your answers change.`,
    calendarFailed: (reason) => `The calendar file could not be made: ${reason}`,
    noDates:
      "There are no dates to add yet. Pick a check-in date, the date you heard " +
      "back, or a start date for your learning plan, and try again.",
    calendarSaved: (events, filename) =>
      `${plural(events, "date")} saved to ${filename}. ` +
      "Open it with your calendar app to add them.",
    nothingToFill:
      "There are no answers saved in this browser yet, so there is nothing to fill " +
      "in. The blank PDF workbook is linked on this page.",
    loadingPdfTools: "Loading the PDF tools (about 0.4 MB, once per visit)\u2026",
    pdfToolsFailed: (error) => `the PDF tools did not load (${error})`,
    filling: "Filling in your answers\u2026",
    notFilled: "the PDF could not be filled in",
    noPdf: "no PDF came back",
    filled: ({ filename, answers, worksheets, notes }) =>
      `Your filled workbook was saved as ${filename} in your downloads, ` +
      `with ${plural(answers, "answer")} from ` +
      `${plural(worksheets, "worksheet")}. It holds your own words: keep it ` +
      `somewhere private. ${(notes ?? []).join(" ")}`.trim(),
    filledPdfFailed: (error) =>
      `The filled PDF could not be made: ${error}. Your answers ` +
      "are still saved in this browser.",
    // The same sentence as Python's (browser_py.workbook.exchange.too_large).
    tooLarge: (megabytes, limit) =>
      `The file is too large (${megabytes} MB). Rebound imports files of up to ${limit} MB.`,
    exportLeftOut: (notes) =>
      `Some answers could not be read and were left out of the file: ${notes}`,
    framed:
      "The tools to export, import and delete your answers are not shown here, because this " +
      "page is shown inside another site's page. Open the guide in its own tab to use them.",
    checking: "Checking the file\u2026",
    notChecked: (reason) => `The file could not be checked: ${reason}`,
    unreadableFile: "The file could not be read.",
    notImported: (message) =>
      `This file was not imported. ${message} Your answers have not changed.`,
    checkHeading: "Check before importing",
    replaces: "replaces the answers you have now",
    newRound: (label) => `A new round, \u201c${label}\u201d:`,
    knownRound: (label) => `Your round \u201c${label}\u201d:`,
    sharedChanges: "Shared by every round:",
    isNew: "new: you have no answers here yet",
    change: (title, fields, what) => `${title}: ${plural(fields, "answered question")}, ${what}.`,
    previewItem: (label, text) => `${label}: ${text}`,
    migrated:
      "This file comes from an earlier version of the guide; its " +
      "answers have been brought up to date.",
    leftOut: "Some parts of the file will be left out:",
    replace: "Replace my answers with these",
    importThese: "Import these answers",
    importCancelled: "Import cancelled. Your answers have not changed.",
    canImport: (count) =>
      `The file can be imported: ${plural(count, "worksheet")}. ` + "Check the list and confirm.",
    notImportedStorage: (problem) => `Nothing was imported: ${problem}`,
    imported: (count) => `Imported ${plural(count, "worksheet")}.`,
    confirmDeleteAll:
      "This deletes every answer this guide saved in this browser, for every worksheet. " +
      "It cannot be undone; export your answers first if you may want them again.",
    confirmDeleteOne: (title) =>
      `This deletes your answers to \u201c${title}\u201d from this browser. It cannot be ` +
      "undone; export your answers first if you may want them again.",
    deleteAll: "Delete all answers",
    nothingDeleted: "Nothing was deleted.",
    notDeleted: (problem) => `Nothing was deleted: ${problem}`,
    deletedAll: "All your answers were deleted from this browser.",
    deletedOne: (title) => `Your answers to \u201c${title}\u201d were deleted.`,
  },
  // Passphrase-encrypted backups (workbook/assets/backup-ui.js).
  backup: {
    exportLabel: "Passphrase to lock the .json export (optional)",
    exportNote:
      "A locked file opens only with its passphrase. If you lose it, nobody can open " +
      "the file or recover it. Leave this empty for a plain file.",
    exported: (filename) =>
      `Your answers were saved, locked, to ${filename} in your downloads. ` +
      "You need the passphrase to import it.",
    encryptFailed: (reason) => `The locked file could not be made: ${reason}`,
    found: "This file is locked. Type its passphrase to open it.",
    promptHeading: "This file is locked",
    promptIntro:
      "Type the passphrase used when it was exported. It is opened here; nothing is sent.",
    promptLabel: "Passphrase",
    open: "Open the file",
    opening: "Opening the file\u2026",
    emptyPassphrase: "Type the passphrase first.",
    notOpened: (reason) => `The file was not opened. ${reason} Your answers have not changed.`,
    problems: {
      wrongOrChanged:
        "The passphrase is wrong, or the file was changed after it was exported. Try again.",
      damaged: "The file is incomplete or damaged. Try the file you first downloaded.",
      unsupported:
        "The file was made by a newer version of the guide, so it cannot be opened here.",
    },
  },

  // The storage panel on the workbook page (workbook/assets/storage-panel.js).
  storagePanel: {
    persistHeading: "Will this browser keep your answers?",
    persisted:
      "Yes: this browser agreed to keep what this guide stores until you delete it, " +
      "even when the device runs short of space.",
    notPersisted:
      "Not for sure: this browser may delete what this guide stores when the device runs " +
      "short of space, and some browsers (Safari) delete it after some days without a " +
      "visit. Export your answers now and then to keep a copy. A guide added to the home " +
      "screen is kept longer.",
    persistUnknown: "This browser does not say whether it keeps what this guide stores.",
    heading: "What is stored in this browser",
    intro:
      "All that this guide keeps in this browser. Sizes count 2 bytes for each " +
      "character of the name and the content (UTF-16), as browsers do.",
    name: "Name",
    sizeLabel: "Size",
    savedLabel: "Last saved",
    none: "Nothing is saved in this browser's local storage.",
    answers: (title) => `Answers to ${title}`,
    answersUnknown: (id) =>
      "Answers to a worksheet this guide does not have" + (id ? ` (${id})` : ""),
    setting: "Your setting for forgetting answers",
    other: "Kept by the guide",
    unknownTime: "not recorded",
    size: (bytes) => `${bytes.toLocaleString("en")} bytes`,
    total: (bytes, count) => `${plural(count, "entry", "entries")}, ${bytes} bytes in all.`,
    deleteKey: "Delete",
    deleteKeyLabel: (number, what) => `Delete item ${number}: ${what}`,
    deleteWorksheet: (title) => `Delete everything for ${title}`,
    roundGroup: (label) => `Round: ${label}`,
    roundNotIndexed: "a round missing from the list of rounds",
    roundAnswers: (label) => `the answers of the round ${label}`,
    deleteRound: "Delete this round's answers",
    searchGroup: "Shared by every round",
    searchNote:
      "The application tracker belongs to your whole job search, not to one round: " +
      "deleting a round leaves it here.",
    otherGroup: "Settings and other entries",
    snapshotHeading: "Python snapshot",
    snapshot: (size) =>
      `A copy of the started Python runtime, so summaries appear sooner (${size}, in ` +
      "Cache Storage). It was made before any answer was read, so it holds none.",
    noSnapshot: "There is no Python snapshot in this browser.",
    snapshotUnknown: "This browser does not say whether a Python snapshot is stored.",
    deleteSnapshot: "Delete the Python snapshot",
    snapshotDeleted: "The Python snapshot was deleted.",
    siteFiles: (count) =>
      `The service worker keeps ${plural(count, "file")} of the site for offline use; ` +
      "none holds your answers.",
    estimate: (megabytes) => `In all, this site uses about ${megabytes} MB here.`,
    confirm: (what) => `Delete \u201c${what}\u201d from this browser? This cannot be undone.`,
    confirmTitle: "Delete from this browser?",
    deleted: (what) => `Deleted: ${what}.`,
    notDeleted: "Nothing was deleted: this browser refused.",
    forgetHeading: "Forget my answers automatically",
    forgetLabel: "Forget my answers after this many days without a visit",
    forgetDays: "Days without a visit (1 to 365)",
    forgetHelp:
      "For a shared computer. A visit is opening any page of this guide here. A visit " +
      "in the last day before the deadline shows a warning; the first visit after it " +
      "deletes your answers.",
    forgetOn: (days, next) =>
      `On: after ${plural(days, "day")} without a visit. Open this guide here by ${next}, ` +
      "or your answers are deleted on the next visit.",
    forgetOff: "Off: your answers stay until you delete them.",
    forgetBadDays: "Type a whole number of days from 1 to 365.",
    forgetFailed: "The setting could not be saved: this browser refused it.",
  },
};

// ---- the language pick (a generated module copies only what is above) ----
// A page in another language (its <html lang>) gets that language's module,
// workbook-messages.<lang>.js, of the same shape (same keys, same functions and arities:
// tests/plugins/runtime/test_messages_languages.py); an English page never
// fetches one. qps-ploc is the pseudo-locale, built only for its check. A
// module that does not load leaves the English, rather than no words at all.
const LANGUAGES = ["zh-Hans", "qps-ploc"];

async function inPageLanguage() {
  const lang = globalThis.document?.documentElement.lang;
  if (!LANGUAGES.includes(lang)) return english;
  try {
    return (await import(`./workbook-messages.${lang}.js`)).messages;
  } catch (error) {
    console.info(`Rebound: the workbook messages for ${lang} did not load:`, error?.message);
    return english;
  }
}

export const messages = await inPageLanguage();
