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
