// Lint: typescript-eslint recommended rules and the architecture's import boundaries (below);
// formatting is Prettier's job.
import tseslint from "typescript-eslint";

/** One no-restricted-imports rule from [regex, message] pairs (regexes match the import path). */
function forbid(...pairs) {
  return {
    "no-restricted-imports": [
      "error",
      { patterns: pairs.map(([regex, message]) => ({ regex, message })) },
    ],
  };
}

const BACKEND_INSIDE = [
  "(^|/)backend/(?!index\\.js$)",
  "Import the backend through its entry, backend/index.js (kernels.*, the registry, types).",
];
const BACKEND_ANY = [
  "(^|/)backend/",
  "Only ops/, tensor/, the public entries and the Node thread loader reach backend/; use an op (src/ops) instead.",
];
const NODE_OR_CLI = [
  "(^|/)(node|cli)/",
  "The core runs in browsers: it must not import src/node or src/cli.",
];
const NODE_BUILTIN = ["^node:", "The core runs in browsers: no Node built-in modules."];
const PLAYGROUND_ENTRY = [
  "(^|/)src/(?!index\\.js$)",
  "The playground uses the library as any page would: import only its browser entry, src/index.js.",
];
const OTHER_COMMAND = [
  "^\\./",
  "A CLI command must not import another command: move what they share into src/cli/.",
];

// Files that form the browser-safe core (tests, node/ and cli/ excluded).
const CORE = ["src/**/*.ts"];
const NOT_CORE = ["src/node/**", "src/cli/**", "src/**/*.test.ts", "src/backend/wasm/assembly/**"];

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "**/*.js",
      "**/*.mjs",
      "src/backend/wasm/generated/**",
      "src/io/onnx/generated/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // Import boundaries. ESLint applies the last matching block's options for a rule, so each
  // file group below lists every boundary that holds for it.
  {
    files: CORE,
    ignores: [...NOT_CORE, "src/backend/**", "src/ops/**", "src/tensor/**", "src/index.ts"],
    rules: forbid(BACKEND_ANY, NODE_OR_CLI, NODE_BUILTIN),
  },
  {
    files: ["src/ops/**/*.ts", "src/tensor/**/*.ts", "src/index.ts"],
    ignores: NOT_CORE,
    rules: forbid(BACKEND_INSIDE, NODE_OR_CLI, NODE_BUILTIN),
  },
  {
    files: ["src/backend/**/*.ts"],
    ignores: NOT_CORE,
    rules: forbid(NODE_OR_CLI, NODE_BUILTIN),
  },
  {
    files: ["src/node/**/*.ts"],
    ignores: ["src/**/*.test.ts", "src/node/threads.ts", "src/node/index.ts", "src/node/native/**"],
    rules: forbid(BACKEND_ANY, ["(^|/)cli/", "src/node must not import the CLI."]),
  },
  {
    // the native backend's loader and adapter (composes with the wasm kernels, as threads.ts)
    files: ["src/node/native/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    rules: forbid(
      ["(^|/)backend/js/", "backend/js is internal to backend/."],
      ["(^|/)cli/", "src/node must not import the CLI."],
    ),
  },
  {
    files: ["src/node/index.ts"],
    rules: forbid(BACKEND_INSIDE, ["(^|/)cli/", "src/node must not import the CLI."]),
  },
  {
    files: ["src/node/threads.ts"],
    rules: forbid(["(^|/)backend/js/", "backend/js is internal to backend/."]),
  },
  {
    files: ["src/cli/**/*.ts"],
    ignores: ["src/**/*.test.ts", "src/cli/commands/**"],
    rules: forbid(BACKEND_ANY),
  },
  {
    files: ["playground/**/*.ts"],
    rules: forbid(PLAYGROUND_ENTRY, NODE_BUILTIN),
  },
  {
    files: ["src/cli/commands/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    rules: forbid(BACKEND_ANY, OTHER_COMMAND),
  },
);
