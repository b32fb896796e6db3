// Turn browser_py's result blocks into DOM, as text only.
//
// Nothing here parses HTML: every string from Python (and so from the reader)
// goes in through textContent or a textarea's value. The one exception is a
// figure's SVG, which is parsed as XML, checked against a short list of
// drawing elements, and refused whole if anything could run code or fetch.

const SVG_NS = "http://www.w3.org/2000/svg";

// Drawing and text-alternative elements a chart needs; nothing that links,
// embeds, animates or styles.
const SVG_ELEMENTS = new Set([
  "svg",
  "g",
  "title",
  "desc",
  "defs",
  "rect",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "path",
  "text",
  "tspan",
  "lineargradient",
  "radialgradient",
  "stop",
  "clippath",
  "marker",
  "symbol",
  "pattern",
  "mask",
]);

let copies = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  return node;
}

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
  const node = element("figure", "worksheet__figure");
  const svg = safeSvg(block.svg);
  if (svg) {
    node.append(document.importNode(svg, true));
  } else {
    node.append(
      element(
        "p",
        "worksheet__notice worksheet__notice--warning",
        "This chart could not be shown safely.",
      ),
    );
  }
  if (block.caption) node.append(element("figcaption", "", block.caption));
  return node;
}

async function copyText(textarea, button, feedback) {
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
  feedback.textContent = done ? "Copied." : "Select the text and copy it with your keyboard.";
  if (!done) {
    textarea.focus();
    textarea.select();
  }
  button.dataset.copied = done ? "true" : "false";
}

function copyBlock(block) {
  copies += 1;
  const id = `rebound-copy-${copies}`;
  const node = element("div", "worksheet__copy");
  const label = element("label", "worksheet__copy-label", block.label || "Text to copy");
  label.htmlFor = id;
  const textarea = element("textarea", "worksheet__copy-text");
  textarea.id = id;
  textarea.readOnly = true;
  textarea.value = asText(block.text);
  textarea.rows = Math.min(16, Math.max(3, textarea.value.split("\n").length + 1));
  const actions = element("div", "worksheet__copy-actions");
  const button = element("button", "worksheet__button", "Copy");
  button.type = "button";
  const feedback = element("span", "worksheet__copy-feedback");
  feedback.setAttribute("role", "status");
  button.addEventListener("click", () => copyText(textarea, button, feedback));
  actions.append(button, feedback);
  node.append(label, textarea, actions);
  return node;
}

function block(item, headingLevel) {
  switch (item?.type) {
    case "heading":
      return element(`h${headingLevel}`, "worksheet__result-heading", asText(item.text));
    case "paragraph":
      return element("p", "", asText(item.text));
    case "list": {
      const list = element(item.ordered ? "ol" : "ul", "worksheet__result-list");
      for (const entry of item.items ?? []) list.append(element("li", "", asText(entry)));
      return list;
    }
    case "stats": {
      const list = element("dl", "worksheet__stats");
      for (const stat of item.items ?? []) {
        const pair = element("div", "worksheet__stat");
        pair.append(element("dt", "", asText(stat?.label)), element("dd", "", asText(stat?.value)));
        list.append(pair);
      }
      return list;
    }
    case "copy":
      return copyBlock(item);
    case "notice": {
      const tone = ["info", "warning", "success"].includes(item.tone) ? item.tone : "info";
      return element("p", `worksheet__notice worksheet__notice--${tone}`, asText(item.text));
    }
    case "figure":
      return figure(item);
    default:
      return null; // a block type this version does not know: leave it out
  }
}

// Replace the contents of `region` with the response's blocks, or its error.
export function renderResponse(region, response, headingLevel = 4) {
  const nodes = [];
  if (!response || response.ok !== true) {
    const message = asText(response?.error) || "the worksheet could not be summarised";
    nodes.push(
      element(
        "p",
        "worksheet__notice worksheet__notice--warning",
        `Your summary could not be made: ${message}`,
      ),
    );
  } else {
    for (const item of response.blocks ?? []) {
      const node = block(item, Math.min(6, headingLevel));
      if (node) nodes.push(node);
    }
  }
  region.replaceChildren(...nodes);
}
