// For tests/plugins/runtime/test_messages_languages.py: print, as JSON, the
// shape of each messages module given (a URL or path): every key path with
// "string", "function/<arity>", ... so two languages can be compared; or,
// with --strings, every string literal outside import specifiers of each
// script given, with its line and the tokens before it.
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

const [mode, ...files] = process.argv.slice(2);
const result = {};
for (const file of files) {
  if (mode === "--shape") {
    const { messages } = await import(pathToFileURL(file).href);
    const texts = {};
    result[file] = { shape: shape(messages, "", {}, texts), texts };
  } else {
    const source = readFileSync(file, "utf8");
    const tokens = espree.tokenize(source, { ecmaVersion: "latest", sourceType: "module", loc: true });
    result[file] = tokens
      .map((token, index) => ({ token, before: tokens.slice(Math.max(0, index - 4), index) }))
      .filter(({ token }) => token.type === "String" || token.type === "Template")
      .map(({ token, before }) => ({
        line: token.loc.start.line,
        value: token.value,
        before: before.map((item) => item.value),
      }));
  }
}
console.log(JSON.stringify(result));
