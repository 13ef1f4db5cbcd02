// The packaging test's tarball rules (scripts/package-test/tarball-rules.ts) on made-up file lists:
// each forbidden kind of file is caught and named, shipped kinds pass, and every entry point of
// package.json (main, types, bin, nested exports conditions) must be a file of the tarball.
// The real tarball is checked by `npm run test:package` (after the build, in .ci/run).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  forbiddenFiles,
  missingEntryFiles,
  sizeByFolder,
  UNPACKED_BUDGET_BYTES,
  type EntryFields,
  type PackedFile,
} from "../../scripts/package-test/tarball-rules.js";
import { consumerEnv, pinnedTools } from "../../scripts/package-test/consumer-project.js";

const files = (...paths: string[]): PackedFile[] => paths.map((path) => ({ path, size: 100 }));

test("shipped kinds of file pass the content rules", () => {
  const ok = files(
    "package.json",
    "README.md",
    "LICENSE",
    "browser/package.json",
    "dist/src/index.js",
    "dist/src/index.d.ts",
    "dist/src/io/onnx/generated/onnx.d.ts",
    "dist/src/cli/main.js",
  );
  assert.deepEqual(forbiddenFiles(ok), []);
});

test("each test-only or build-only kind of file is caught and named", () => {
  const cases: [string, RegExp][] = [
    ["dist/src/nn/linear.test.js", /a test file/],
    ["dist/src/nn/linear.test.d.ts", /a test file/],
    ["dist/test/cli/helpers.js", /the test folder/],
    ["test/fixtures/models/iris-v1.myelin", /the test folder/],
    ["dist/fixtures/x.json", /a test fixture/],
    ["dist/bench/run.js", /a benchmark/],
    ["scripts/run-tests.mjs", /a repo script/],
    ["examples/xor.ts", /an example/],
    ["dist/src/index.js.map", /a source map/],
    ["src/index.ts", /TypeScript source/],
    ["dist/src/model.myelin", /a model/],
  ];
  for (const [path, reason] of cases) {
    const found = forbiddenFiles(files("dist/src/index.js", path));
    assert.equal(found.length, 1, `${path} → ${found.join(", ")}`);
    assert.ok(found[0].startsWith(`${path}: `), found[0]);
    assert.match(found[0], reason);
  }
});

test("an entry point whose file is not packed is reported with its field", () => {
  const pkg: EntryFields = {
    main: "./dist/src/node/index.js",
    types: "./dist/src/node/index.d.ts",
    bin: { myelin: "./dist/src/cli/main.js" },
    exports: {
      ".": { types: "./dist/src/node/index.d.ts", default: "./dist/src/index.js" },
      "./browser": { types: "./dist/src/index.d.ts", default: "./dist/src/nope.js" },
    },
  };
  const packed = files(
    "dist/src/node/index.js",
    "dist/src/node/index.d.ts",
    "dist/src/index.js",
    "dist/src/index.d.ts",
  );
  assert.deepEqual(missingEntryFiles(pkg, packed), [
    "bin.myelin → ./dist/src/cli/main.js",
    'exports["./browser"]["default"] → ./dist/src/nope.js',
  ]);
  assert.deepEqual(
    missingEntryFiles(pkg, [...packed, ...files("dist/src/cli/main.js", "dist/src/nope.js")]),
    [],
  );
  assert.deepEqual(missingEntryFiles({ bin: "cli.js" }, []), ["bin → cli.js"]);
});

test("the repo's package.json names no entry file outside the built dist/src", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as EntryFields;
  // every entry point must be one of the paths tsc emits for src/ (so a typo is caught here too)
  const emitted = (p: string) => /^\.\/dist\/src\/[\w/-]+\.(js|d\.ts)$/.test(p);
  const missing = missingEntryFiles(pkg, []).map((line) => line.split(" → ")[1]);
  assert.ok(missing.length >= 5, `entry points found: ${missing.join(", ")}`);
  assert.deepEqual(
    missing.filter((p) => !emitted(p)),
    [],
  );
});

test("sizeByFolder groups by two levels under the root and sorts by bytes", () => {
  const listing: PackedFile[] = [
    { path: "README.md", size: 10 },
    { path: "dist/src/a.js", size: 5 },
    { path: "dist/src/nn/a.js", size: 7 },
    { path: "dist/src/nn/b/c.js", size: 8 },
    { path: "browser/package.json", size: 1 },
  ];
  assert.deepEqual(sizeByFolder(listing), [
    ["dist/src/nn", 2, 15],
    [".", 1, 10],
    ["dist/src/a.js", 1, 5],
    ["browser", 1, 1],
  ]);
  assert.ok(UNPACKED_BUDGET_BYTES > 1_000_000 && UNPACKED_BUDGET_BYTES < 10_000_000);
});

test("the consumer project pins the repo's tool versions and drops npm's parent settings", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const pins = pinnedTools(pkg.devDependencies);
  assert.ok(pins.includes(`typescript@${pkg.devDependencies.typescript}`));
  assert.ok(pins.includes(`vite@${pkg.devDependencies.vite}`));
  assert.throws(() => pinnedTools({}), /devDependencies lack typescript/);
  const env = consumerEnv({
    PATH: "/usr/bin",
    npm_config_local_prefix: "/work/main",
    npm_lifecycle_event: "test:package",
    npm_config_registry: "https://registry.npmjs.org/",
    INIT_CWD: "/work/main",
  });
  assert.deepEqual(env, { PATH: "/usr/bin", npm_config_registry: "https://registry.npmjs.org/" });
});
