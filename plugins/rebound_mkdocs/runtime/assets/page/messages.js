// Every sentence the page's scripts show the reader, in one place, ready for
// translation. A function takes what the sentence is built around; nothing
// here touches the DOM.
//
// Errors the Python worker reports (and Python's own messages) come from
// there; a sentence here may wrap one, as `error` or `reason`.

const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

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
    timeout: "it took longer than a minute to load",
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

  // Rounds: one pass through the steps for one rejection (storage.js).
  rounds: {
    first: "First round",
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
};
