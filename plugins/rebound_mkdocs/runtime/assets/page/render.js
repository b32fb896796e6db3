// Turn browser_py's result blocks into DOM, as text only.
//
// Nothing here parses HTML: every string from Python (and so from the reader)
// goes in through textContent or a textarea's value. The one exception is a
// figure's SVG, which is parsed as XML, checked against a short list of
// drawing elements, and refused whole if anything could run code or fetch.
// A link block becomes a real <a href> only for a path of this site (the
// same pattern as browser_py.core.blocks.SITE_PATH), resolved against the
// site root; its text goes in as text.

const SVG_NS = "http://www.w3.org/2000/svg";

// Drawing and text-alternative elements a chart needs; nothing that links,
// embeds, animates or styles.
// prettier-ignore
const SVG_ELEMENTS = new Set([
  "svg", "g", "title", "desc", "defs", "rect", "circle", "ellipse", "line", "polyline",
  "polygon", "path", "text", "tspan", "lineargradient", "radialgradient", "stop",
  "clippath", "marker", "symbol", "pattern", "mask",
]);

import { siteUrl } from "../layout.js";
import { button, el } from "./dom.js";
import { messages } from "./messages.js";

// A page of this site relative to its root: no scheme, host, "..", or query.
const SITE_PATH = /^[a-z0-9][a-z0-9_-]*(?:\/[a-z0-9][a-z0-9_-]*)*\/?(?:#[a-z0-9_-]+)?$/;

const TEXT = messages.results;

let copies = 0;

const asText = (value) => (value === null || value === undefined ? "" : String(value));

// The parsed <svg>, or null if it is not a safe, self-contained drawing.
export function safeSvg(markup) {
  if (typeof markup !== "string" || !markup.trim()) return null;
  const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg") return null;
  if (doc.getElementsByTagName("parsererror").length) return null;
  for (const node of [root, ...root.querySelectorAll("*")]) {
    if (node.namespaceURI !== SVG_NS || !SVG_ELEMENTS.has(node.localName.toLowerCase())) {
      return null;
    }
    for (const attribute of node.attributes) {
      const name = attribute.name.toLowerCase();
      if (
        name.startsWith("on") ||
        name === "href" ||
        name.endsWith(":href") ||
        name === "src" ||
        name === "style"
      )
        return null;
      // url(#id) points inside the drawing; any other url() would fetch.
      if (/url\s*\(\s*['"]?\s*(?!#)/i.test(attribute.value)) return null;
    }
  }
  return root;
}

function figure(block) {
  const node = el("figure", "worksheet__figure");
  const svg = safeSvg(block.svg);
  if (svg) {
    node.append(document.importNode(svg, true));
  } else {
    node.append(el("p", "worksheet__notice worksheet__notice--warning", TEXT.unsafeChart));
  }
  if (block.caption) node.append(el("figcaption", "", block.caption));
  return node;
}

async function copyText(textarea, copyButton, feedback) {
  let done;
  try {
    await navigator.clipboard.writeText(textarea.value);
    done = true;
  } catch {
    // No clipboard API (or no permission): select and use the old command.
    textarea.focus();
    textarea.select();
    try {
      done = document.execCommand("copy");
    } catch {
      done = false;
    }
  }
  feedback.textContent = done ? TEXT.copied : TEXT.copyByHand;
  if (!done) {
    textarea.focus();
    textarea.select();
  }
  copyButton.dataset.copied = done ? "true" : "false";
}

// <p><a href="(site root)/support/">Get support now</a></p>, or null when the
// link is not a path of this site or has no text.
function link(block) {
  const href = asText(block.href);
  const text = asText(block.text);
  if (!SITE_PATH.test(href) || !text.trim()) return null;
  const anchor = el("a", "worksheet__link-anchor", text);
  anchor.href = siteUrl(href).href;
  return el("p", "worksheet__link", undefined, anchor);
}

// A data table: caption, column headers, and each row's first cell as its
// header. It scrolls sideways inside a focusable region on a narrow screen,
// so the page itself never does and a keyboard can still reach every cell.
function table(block) {
  const caption = asText(block.caption);
  const node = el("table", "worksheet__table");
  node.append(el("caption", "", caption));
  const headRow = el("tr");
  for (const cell of block.head ?? []) {
    const th = el("th", "", asText(cell));
    th.scope = "col";
    headRow.append(th);
  }
  node.append(el("thead", "", undefined, headRow));
  const body = el("tbody");
  for (const row of block.rows ?? []) {
    const tr = el("tr");
    (Array.isArray(row) ? row : []).forEach((cell, index) => {
      const td = el(index ? "td" : "th", "", asText(cell));
      if (!index) td.scope = "row";
      tr.append(td);
    });
    body.append(tr);
  }
  node.append(body);
  const wrap = el("div", "worksheet__table-wrap", undefined, node);
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", caption || TEXT.table);
  return wrap;
}

function copyBlock(block) {
  copies += 1;
  const id = `rebound-copy-${copies}`;
  const node = el("div", "worksheet__copy");
  const label = el("label", "worksheet__copy-label", block.label || TEXT.copyLabel);
  label.htmlFor = id;
  const textarea = el("textarea", "worksheet__copy-text");
  textarea.id = id;
  textarea.readOnly = true;
  textarea.value = asText(block.text);
  textarea.rows = Math.min(16, Math.max(3, textarea.value.split("\n").length + 1));
  const actions = el("div", "worksheet__copy-actions");
  const copyButton = button(TEXT.copy);
  const feedback = el("span", "worksheet__copy-feedback");
  feedback.setAttribute("role", "status");
  copyButton.addEventListener("click", () => copyText(textarea, copyButton, feedback));
  actions.append(copyButton, feedback);
  node.append(label, textarea, actions);
  return node;
}

function block(item, headingLevel) {
  switch (item?.type) {
    case "heading":
      return el(`h${headingLevel}`, "worksheet__result-heading", asText(item.text));
    case "paragraph":
      return el("p", "", asText(item.text));
    case "list": {
      const list = el(item.ordered ? "ol" : "ul", "worksheet__result-list");
      for (const entry of item.items ?? []) list.append(el("li", "", asText(entry)));
      return list;
    }
    case "stats": {
      const list = el("dl", "worksheet__stats");
      for (const stat of item.items ?? []) {
        const pair = el("div", "worksheet__stat");
        pair.append(el("dt", "", asText(stat?.label)), el("dd", "", asText(stat?.value)));
        list.append(pair);
      }
      return list;
    }
    case "copy":
      return copyBlock(item);
    case "notice": {
      const tone = ["info", "warning", "success"].includes(item.tone) ? item.tone : "info";
      return el("p", `worksheet__notice worksheet__notice--${tone}`, asText(item.text));
    }
    case "figure":
      return figure(item);
    case "link":
      return link(item);
    case "table":
      return table(item);
    default:
      return null; // a block type this version does not know: leave it out
  }
}

// Replace the contents of `region` with the response's blocks, or its error.
export function renderResponse(region, response, headingLevel = 4) {
  const nodes = [];
  if (!response || response.ok !== true) {
    const message = asText(response?.error) || TEXT.noSummary;
    nodes.push(el("p", "worksheet__notice worksheet__notice--warning", TEXT.failed(message)));
  } else {
    for (const item of response.blocks ?? []) {
      const node = block(item, Math.min(6, headingLevel));
      if (node) nodes.push(node);
    }
  }
  region.replaceChildren(...nodes);
}
