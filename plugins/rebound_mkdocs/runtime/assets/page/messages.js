// Every sentence the page's scripts show the reader, in one place, ready for
// translation. A function takes what the sentence is built around; nothing
// here touches the DOM.
//
// Errors the Python worker reports (and Python's own messages) come from
// there; a sentence here may wrap one, as `error` or `reason`.

const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const megabytes = (bytes) => (bytes / 1_000_000).toFixed(1);

export const messages = {
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
    newer: "These answers were saved by a newer version of the guide and could not be read here.",
    partial: "Some saved answers could not be read and were left out.",
    migrated: "Answers saved by an earlier version of the guide were brought up to date.",
  },

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
    tooLarge: (megabytes) =>
      `The file is too large (${megabytes} MB). ` +
      "A Rebound export is far smaller; the limit is 1 MB.",
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

  // The storage panel on the workbook page (workbook/assets/storage-panel.js).
  storagePanel: {
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
