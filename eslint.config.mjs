// ESLint for Rebound's own JavaScript (`make lint`): the recommended rules,
// with the globals each kind of script really has.
import js from "@eslint/js";
import globals from "globals";

const ASSETS = "plugins/rebound_mkdocs/*/assets";

export default [
  { ignores: ["site/**", "node_modules/**", ".venv/**", "bench/**"] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: { ecmaVersion: 2024, sourceType: "module" },
  },
  {
    // Modules the page loads.
    files: [`${ASSETS}/page/**/*.js`, `${ASSETS}/*.js`],
    languageOptions: { globals: globals.browser },
  },
  {
    // The Python worker's modules.
    files: [`${ASSETS}/worker/**/*.mjs`],
    languageOptions: { globals: globals.worker },
  },
  {
    // The service worker: a classic script (the build prepends REBOUND).
    files: [`${ASSETS}/sw.js`],
    languageOptions: {
      sourceType: "script",
      globals: globals.serviceworker,
    },
  },
  {
    files: ["eslint.config.mjs"],
    languageOptions: { globals: globals.node },
  },
];
