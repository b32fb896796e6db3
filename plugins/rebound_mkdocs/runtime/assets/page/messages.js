// Every sentence the page's scripts show the reader, in one place, ready for
// translation. A function takes what the sentence is built around; nothing
// here touches the DOM.
//
// Errors the Python worker reports (and Python's own messages) come from
// there; a sentence here may wrap one, as `error` or `reason`.

const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const megabytes = (bytes) => (bytes / 1_000_000).toFixed(1);

const english = {
  // A worksheet's status line (worksheets.js).
  worksheet: {
    loading: {
      download: "Loading the Python runtime (step 1 of 3: downloading)…",
      start: "Loading the Python runtime (step 2 of 3: starting Python)…",
      packages: "Loading the Python runtime (step 3 of 3: loading the worksheets)…",
    },
    runtimeFailed: (error) =>
      "Your summary needs the Python runtime, which did not load" +
      (error ? ` (${error})` : "") +
      ". Your answers are still saved on this device.",
    retry: "Retry",
    specMissing: "This worksheet's description is missing, so no summary can be made.",
    saved: "Saved on this device.",
    savedWithOtherTab: "Saved, together with the answers saved in another tab.",
    updatedFromOtherTab: (deleted, kept, saving) =>
      (deleted
        ? "The answers were deleted in another tab"
        : "Updated with the answers saved in another tab") +
      (kept ? `; your changes here were kept${saving ? " and saved" : ""}.` : "."),
    kept: (count) =>
      `${plural(count, "saved answer")} ${count === 1 ? "belongs" : "belong"} to ` +
      `questions this page no longer shows; ${count === 1 ? "it is" : "they are"} ` +
      "kept and exported.",
    stuck:
      "The answers saved for this worksheet could not be read, and this browser's storage " +
      "is too full to keep a copy of them. So nothing you type here is saved yet. " +
      "Download them to keep them, or discard them to start again.",
    stuckDownload: "Download the unreadable answers",
    stuckDiscard: "Discard them and start again",
    stuckDiscarded: "The unreadable answers were discarded. New answers are saved again.",
  },

  // Rounds: one pass through the steps for one rejection (rounds.js, storage.js).
  rounds: {
    firstRound: "First round",
    defaultLabel: (number) => `Round ${number}`,
    rejectedOn: (date) => `Turned down on ${date}`,
    where: (number, total, label) => `Round ${number} of ${total}: ${label}`,
    barLabel: "Your rounds",
    picker: "Round shown",
    pickerOption: (number, label, current) => `${number}. ${label}${current ? " (current)" : ""}`,
    newRound: "Start a new round",
    rename: "Rename this round",
    remove: "Delete this round",
    edit: "Edit this round",
    readOnly:
      "You are looking at an earlier round, so its answers are read-only. " +
      "Choose \u201cEdit this round\u201d to change them.",
    editing: "You are editing an earlier round. Your changes are saved to it.",
    sharedNote: "The application tracker is shared by every round.",
    newHeading: "Start a new round",
    renameHeading: "Rename this round",
    formIntro:
      "A round is one pass through the six steps for one rejection. Every box is optional. " +
      "The new round starts with empty worksheets; your application tracker stays as it is.",
    label: "Name for this round",
    labelHelp: "Leave it empty to use the company and role.",
    company: "Company",
    role: "Role",
    date: "Date you heard back",
    create: "Start the round",
    saveRename: "Save the new name",
    cancel: "Cancel",
    created: (label) => `Started a new round: ${label}. Its worksheets are empty.`,
    renamed: (label) => `The round is now called ${label}.`,
    switched: (label) => `Now showing the round ${label}.`,
    confirmTitle: "Delete this round?",
    confirmDelete: (label) =>
      `This deletes the round \u201c${label}\u201d and its answers from this browser. ` +
      "Your other rounds and the application tracker stay. It cannot be undone; " +
      "export your answers first if you may want them again.",
    deleteButton: "Delete the round",
    deleted: (label) => `The round \u201c${label}\u201d was deleted.`,
    notDeleted: "Nothing was deleted.",
    failed: (problem) => `That did not work: ${problem}`,
    startFromRow: "Start a round for this",
    startFromRowLabel: (company) =>
      company ? `Start a round for ${company}` : "Start a round for this application",
    updatedElsewhere: "The rounds were changed in another tab.",
    startedElsewhere: (label) =>
      `A new round was started in another tab: ${label}. This tab still shows the round ` +
      "you were working on.",
    showNewRound: "Show the new round",
    nearlyFull: (percent) =>
      `This browser's storage for the guide is ${percent}% full. ` +
      "Export your answers to keep a copy, or archive old rounds: " +
      "they are saved to a file, then removed from this browser.",
    full:
      "This browser's storage is full, so your latest answers are not saved yet. " +
      "Export your answers, or archive old rounds to make room.",
    exportAll: "Export all my answers (.json)",
    archive: "Archive old rounds",
    archiveNothing: "There are no old rounds to archive: only the current round is here.",
    archived: (count, filename) =>
      `${count === 1 ? "1 round was" : `${count} rounds were`} saved to ${filename} in your ` +
      "downloads and removed from this browser.",
    exportedTo: (filename) => `Your answers were saved to ${filename} in your downloads.`,
    notExported: (reason) => `The file could not be made (${reason}), so nothing was removed.`,
  },

  // Repeatable lists (form.js). `item` is the list's own label for a row.
  lists: {
    defaultItem: "item",
    add: (item) => `Add ${item.toLowerCase()}`,
    remove: "Remove",
    removeLabel: (item, number) => `Remove ${item.toLowerCase()} ${number}`,
    full: (max) => `You have reached the most rows this list holds (${max}).`,
    added: (item, number) => `${item} ${number} added.`,
    removed: (item, number) => `${item} ${number} removed.`,
  },

  // A worksheet's summary (render.js).
  results: {
    unsafeChart: "This chart could not be shown safely.",
    copyLabel: "Text to copy",
    copy: "Copy",
    copied: "Copied.",
    copyByHand: "Select the text and copy it with your keyboard.",
    failed: (message) => `Your summary could not be made: ${message}`,
    noSummary: "the worksheet could not be summarised",
    table: "Table",
  },

  // Why the Python runtime did not load (runtime.js); shown inside
  // `worksheet.runtimeFailed` and the workbook's messages.
  runtime: {
    stopped: "the Python runtime stopped",
    unreadableAnswer: "the Python runtime sent an unreadable answer",
    noWorker: (detail) => `this browser cannot start the worker (${detail})`,
    scriptFailed: "the Python runtime's script could not be loaded",
    unreadableMessage: "the Python runtime sent an unreadable message",
    timeout: "nothing more arrived for a minute",
  },

  // What the Python worker reports failing, by its code (worker/worker.mjs,
  // boot.mjs, unzip.mjs; runtime.js describeFailure), with its parameters in
  // order. Shown inside `worksheet.runtimeFailed`, `results.failed` and the
  // workbook's messages; the worker's English detail goes to the console.
  worker: {
    notReady: "the Python runtime is not ready",
    pythonFailed: (detail) => `Python stopped with an error: ${detail}`,
    notAPackage: (name) =>
      `the page asked for ${name}, which is not one of the site's own packages`,
    packageFailed: (name, detail) => `the package ${name} did not load (${detail})`,
    catalogFailed: (problem) =>
      `the translation into this page's language did not download (${problem}); ` +
      "it will be tried again next time",
    notInRuntime: (name) => `the file ${name} is not part of the site's runtime`,
    lockMismatch: (name, wheel) =>
      `the site's list of packages does not match its files (${name}, ${wheel}); ` +
      "the site may be half updated, so try again later",
    missingAfterRestore: (file) => `the saved copy of Python lacks the file ${file}`,
    zipListDamaged: "the worksheet package's list of files is damaged",
    zipUnsafeName: (path) => `the worksheet package holds a file with an unsafe name (${path})`,
    zipEncrypted: (path) => `the worksheet package holds an encrypted file (${path})`,
    zipNeedsZip64: (path) => `the worksheet package holds a file too large to read (${path})`,
    zipDamagedEntry: (path) => `the worksheet package holds a damaged file (${path})`,
    zipTruncatedEntry: (path) => `the worksheet package holds a file cut short (${path})`,
    notZip: "the worksheet package is not a zip archive",
    zipMethod: (path, method) =>
      `the worksheet package holds a file packed in a way this page cannot read ` +
      `(${path}, method ${method})`,
    zipWrongSize: (path) =>
      `the worksheet package holds a file that unpacked to the wrong size (${path})`,
  },

  // Downloading the Python runtime (runtime.js, worksheets.js): progress
  // (the files' own sizes, from the build's runtime-files.js),
  // the question asked when the browser wants to save data, and why a file
  // was refused (the kinds of worker/download.mjs), shown inside
  // `worksheet.runtimeFailed` and the workbook's messages.
  download: {
    progress: (received, total) =>
      "Loading the Python runtime (step 1 of 3: downloading, " +
      `${megabytes(received)} of ${megabytes(total)} MB)…`,
    ask: (total) =>
      "Your summary needs the Python runtime: " +
      (total
        ? `${megabytes(total)} MB to download, less if the site compresses it`
        : "a download of a few megabytes") +
      ". Your browser asked to save data, so nothing is downloaded until you choose. " +
      "Your answers are saved either way.",
    agree: (total) => (total ? `Download it (${megabytes(total)} MB)` : "Download it"),
    network: "the download was interrupted",
    http: (status) => `the server answered ${status}`,
    incomplete: (received, size) =>
      `the file arrived incomplete (${megabytes(received)} of ${megabytes(size)} MB)`,
    damaged: "the file arrived damaged",
  },

  // What went wrong with the answers saved in this browser (storage.js).
  storage: {
    unavailable:
      "This browser is not letting the page save, so answers cannot be kept here: " +
      "they will be lost when you leave. The worksheet still works.",
    full:
      "This browser's storage is full, so your latest answers are not saved. " +
      "They are still in the form; copy anything important before you leave.",
    unreadable:
      "Saved answers for this worksheet could not be read, so it starts empty. " +
      "A copy of them was kept on this device.",
    newer:
      "These answers were saved by a newer version of the guide and could not be read here. " +
      "A copy of them was kept on this device.",
    stuck: "Nothing is saved: the answers stored here could not be read or copied.",
    partial: "Some saved answers could not be read and were left out.",
    migrated: "Answers saved by an earlier version of the guide were brought up to date.",
  },

  // "Forget my answers after N days without a visit" (forget.js).
  forget: {
    forgot: (days, next) =>
      `As you asked, your answers were deleted: this guide was not opened here for ` +
      `${plural(days, "day")}. Forgetting stays on; the next deadline is ${next}.`,
    warned: (days, next) =>
      `Your answers are deleted after ${plural(days, "day")} without a visit, and this ` +
      `visit came less than a day before that. They are kept, and the clock starts ` +
      `again: the next deadline is ${next}.`,
    turnOff: "Keep my answers: turn forgetting off",
    turnedOff: "Forgetting is off. Your answers stay until you delete them.",
  },

  // A new version of the site is stored and waits for the reader (offline.js).
  update: {
    ready: "A new version of this guide is ready. Your answers are kept.",
    reload: "Reload to use it",
  },
};

// ---- the language pick (a generated module copies only what is above) ----
// A page in another language (its <html lang>) gets that language's module,
// messages.<lang>.js, of the same shape (same keys, same functions and arities:
// tests/plugins/runtime/test_messages_languages.py); an English page never
// fetches one. qps-ploc is the pseudo-locale, built only for its check. A
// module that does not load leaves the English, rather than no words at all.
const LANGUAGES = ["zh-Hans", "qps-ploc"];

async function inPageLanguage() {
  const lang = globalThis.document?.documentElement.lang;
  if (!LANGUAGES.includes(lang)) return english;
  try {
    return (await import(`./messages.${lang}.js`)).messages;
  } catch (error) {
    console.info(`Rebound: the page messages for ${lang} did not load:`, error?.message);
    return english;
  }
}

export const messages = await inPageLanguage();
// The English words whatever the page's language (storage.js: the labels
// stored for rounds are the English defaults, shown in the page's words).
export { english };
