// The workbook page's parts for encrypted backups (backup.js does the
// cryptography): the optional passphrase field next to the export buttons,
// and the inline prompt an import shows when it meets an encrypted file.
//
// For tests: the prompt is `form.workbook__unlock`; its data-state is
// asking | opening | refused while it is shown.

import { button, el } from "./dom.js";
import { messages } from "./workbook-messages.js";
import * as backup from "./backup.js";

const TEXT = messages.backup;

// The passphrase field of the export section. `node` goes on the page;
// `seal(text, filename)` encrypts an export when a passphrase was typed
// (and returns it unchanged when not).
export function exportField() {
  const input = el("input", "workbook__passphrase-input");
  input.type = "password";
  input.id = "rebound-export-passphrase";
  input.autocomplete = "new-password";
  input.spellcheck = false;
  const note = el("span", "workbook__note", TEXT.exportNote);
  note.id = "rebound-export-passphrase-note";
  input.setAttribute("aria-describedby", note.id);
  const label = el("label", "workbook__passphrase-label", TEXT.exportLabel);
  label.htmlFor = input.id;
  const node = el("p", "workbook__passphrase", undefined, label, el("br"), input, el("br"), note);
  return {
    node,
    input,
    get active() {
      return input.value !== "";
    },
    async seal(text, filename) {
      if (!input.value) return { text, filename, encrypted: false };
      return {
        text: await backup.encrypt(text, input.value),
        filename: filename.replace(/(\.json)?$/, ".encrypted.json"),
        encrypted: true,
      };
    },
  };
}

export const isEncrypted = backup.isEncrypted;

// Why `error` (from backup.js) stopped an encrypted file, as a sentence.
export function reason(error) {
  return TEXT.problems[error?.reason] ?? TEXT.problems.damaged;
}

// Check the encrypted file `text` before asking for anything: null when it
// can be opened with a passphrase, else the sentence saying why not.
export function check(text) {
  try {
    backup.inspect(text);
    return null;
  } catch (error) {
    return reason(error);
  }
}

// Ask for the passphrase of the encrypted file `text` inside `box`, inline.
// `unlocked(exportText)` gets the decrypted text; `cancelled()` is called if
// the reader gives up. A wrong passphrase leaves the prompt open to try again.
export function askPassphrase(box, text, { unlocked, cancelled }) {
  const form = el("form", "workbook__unlock");
  form.noValidate = true;
  form.dataset.state = "asking";
  const heading = el("h4", "", TEXT.promptHeading);
  heading.tabIndex = -1;
  const input = el("input", "workbook__unlock-input");
  input.type = "password";
  input.id = "rebound-import-passphrase";
  input.autocomplete = "current-password";
  input.spellcheck = false;
  const label = el("label", "", TEXT.promptLabel);
  label.htmlFor = input.id;
  const error = el("p", "worksheet__notice worksheet__notice--warning workbook__unlock-error");
  error.id = "rebound-import-passphrase-error";
  error.setAttribute("role", "alert");
  error.hidden = true;
  const open = button(TEXT.open, "workbook__unlock-open");
  open.type = "submit";
  const cancel = button(messages.workbook.cancel, "workbook__unlock-cancel");
  cancel.addEventListener("click", () => cancelled());
  const refuse = (message) => {
    form.dataset.state = "refused";
    error.textContent = message;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", error.id);
    input.select();
    input.focus();
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault(); // nothing is ever sent: the form only unlocks here
    if (form.dataset.state === "opening") return;
    if (!input.value) {
      refuse(TEXT.emptyPassphrase);
      return;
    }
    form.dataset.state = "opening";
    open.setAttribute("aria-disabled", "true");
    error.hidden = true;
    error.textContent = TEXT.opening;
    let plain;
    try {
      plain = await backup.decrypt(text, input.value);
    } catch (failure) {
      open.removeAttribute("aria-disabled");
      refuse(TEXT.notOpened(reason(failure)));
      return;
    }
    unlocked(plain);
  });
  form.append(
    heading,
    el("p", "", TEXT.promptIntro),
    el("p", "", undefined, label, el("br"), input),
    error,
    el("p", "", undefined, open, " ", cancel),
  );
  box.replaceChildren(form);
  box.hidden = false;
  input.focus();
}
