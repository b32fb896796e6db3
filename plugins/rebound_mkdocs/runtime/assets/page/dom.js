// Building DOM nodes: the one helper every page module uses. Text always goes
// in as text (textContent), never parsed as HTML.

// An element with a class and text; children are appended as they are.
export function el(tag, className = "", text = undefined, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  node.append(...children);
  return node;
}

// A button that never submits its form, styled as the worksheets' buttons.
export function button(text, className = "") {
  const node = el("button", `worksheet__button ${className}`.trim(), text);
  node.type = "button";
  return node;
}

// Offer `content` (text, or bytes as an ArrayBuffer) as a file download, made
// here from a Blob (same origin).
export function download(content, filename, mime) {
  const type = typeof content === "string" ? `${mime};charset=utf-8` : mime;
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Shown inside another page (a frame), tools that act on the reader's answers
// could be clicked through an overlay the reader cannot see (clickjacking):
// the round bar and the workbook's tools are not mounted there. Hosts that
// honour _headers stop framing with frame-ancestors; this covers the hosts
// that do not (see the README's "Publish").
export const framed = () => {
  try {
    return window.top !== window.self;
  } catch {
    return true; // a browser that will not even say: treat it as framed
  }
};
