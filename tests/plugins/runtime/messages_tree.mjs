// For tests/plugins/runtime/test_messages_languages.py: print, as JSON, the
// shape of each messages module given (a URL or path): every key path with
// "string", "function/<arity>", ... so two languages can be compared; or,
// with --strings, every string literal outside import specifiers of each
// script given, with its line, the tokens before it and, when it is inside
// a call's arguments, that call (`call`: the innermost call or `new` whose
// arguments hold it, by its callee's name, and its first argument if that is
// a string: a failure's code).
/* global process, console */
import * as espree from "espree";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

function shape(value, path, out, texts) {
  if (typeof value === "function") out[path] = `function/${value.length}`;
  else if (Array.isArray(value)) {
    value.forEach((item, index) => shape(item, `${path}[${index}]`, out, texts));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      shape(item, path ? `${path}.${key}` : key, out, texts);
    }
  } else {
    out[path] = typeof value;
    if (typeof value === "string") texts[path] = value;
  }
  return out;
}

// [{start, end, callee, code}] for every call and `new` in the AST: the
// source range of its arguments.
function calls(node, out) {
  if (!node || typeof node.type !== "string") return out;
  if ((node.type === "CallExpression" || node.type === "NewExpression") && node.arguments.length) {
    const callee = node.callee.type === "MemberExpression" ? node.callee.property : node.callee;
    const first = node.arguments[0];
    out.push({
      start: first.range[0],
      end: node.arguments.at(-1).range[1],
      callee: callee.name ?? null,
      code: first.type === "Literal" && typeof first.value === "string" ? first.value : null,
    });
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent" || key === "loc" || key === "range") continue;
    if (Array.isArray(value)) value.forEach((item) => calls(item, out));
    else if (value && typeof value === "object") calls(value, out);
  }
  return out;
}

function innermostCall(found, token) {
  let best = null;
  for (const call of found) {
    if (call.start <= token.range[0] && token.range[1] <= call.end) {
      if (!best || call.end - call.start < best.end - best.start) best = call;
    }
  }
  return best && { callee: best.callee, code: best.code };
}

const [mode, ...files] = process.argv.slice(2);
const result = {};
for (const file of files) {
  if (mode === "--shape") {
    const { messages } = await import(pathToFileURL(file).href);
    const texts = {};
    result[file] = { shape: shape(messages, "", {}, texts), texts };
  } else {
    const source = readFileSync(file, "utf8");
    const options = { ecmaVersion: "latest", sourceType: "module", loc: true, range: true };
    const tokens = espree.tokenize(source, options);
    const found = calls(espree.parse(source, options), []);
    result[file] = tokens
      .map((token, index) => ({ token, before: tokens.slice(Math.max(0, index - 4), index) }))
      .filter(({ token }) => token.type === "String" || token.type === "Template")
      .map(({ token, before }) => ({
        line: token.loc.start.line,
        value: token.value,
        before: before.map((item) => item.value),
        call: innermostCall(found, token),
      }));
  }
}
console.log(JSON.stringify(result));
