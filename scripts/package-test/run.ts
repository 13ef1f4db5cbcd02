// npm run test:package — the package as a user receives it (issue 15). Packs the repo's built
// dist/ (run `npm run build` first), checks the tarball's contents and size budget, runs publint
// and attw on it, installs it into a fresh project outside the repo and there: type-checks a
// strict program (nodenext and bundler), runs it (train, save, load), runs the `myelin` bin,
// bundles a page with esbuild and with Vite and opens both in Chromium to see the wasm kernels
// used. Prints a summary; exit 1 on the first failure. `--keep` keeps the temporary folders.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isCi } from "../../test/support/system-package.js";
import { consumerEnv, pinnedTools, writeConsumerProject } from "./consumer-project.js";
import { run, runAsync, StepFailed } from "./shell.js";
import {
  forbiddenFiles,
  missingEntryFiles,
  sizeByFolder,
  UNPACKED_BUDGET_BYTES,
  type EntryFields,
  type PackedFile,
} from "./tarball-rules.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const CHROMIUM = process.env.MYELIN_CHROMIUM ?? "/usr/bin/chromium";
const keep = process.argv.includes("--keep");
const bin = (name: string) => join(repo, "node_modules", ".bin", name);

interface Step {
  name: string;
  seconds: number;
  note: string;
}
const done: Step[] = [];

/** Run one named step, print its outcome line and record it for the summary. */
async function step(name: string, body: () => string | Promise<string>): Promise<void> {
  const started = performance.now();
  process.stdout.write(`\n== ${name}\n`);
  const note = await body();
  const seconds = (performance.now() - started) / 1000;
  done.push({ name, seconds, note });
  console.log(`ok  ${name} (${seconds.toFixed(1)} s): ${note}`);
}

/** Throw StepFailed(message) unless `condition`. */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StepFailed(message);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

async function main(): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as EntryFields & {
    version: string;
    devDependencies: Record<string, string>;
  };
  check(
    existsSync(join(repo, "dist/src/index.js")),
    "dist/src/index.js is missing: run `npm run build` first",
  );
  const work = realpathSync(mkdtempSync(join(tmpdir(), "myelin-package-test-")));
  check(
    !`${work}${sep}`.startsWith(`${repo}${sep}`),
    `temporary folder ${work} is inside the repo`,
  );
  const project = join(work, "project");
  let tarball = "";
  try {
    await step("npm pack", () => {
      const out = run(
        "npm",
        // --ignore-scripts: .ci/run has just built dist/ and the playground (prepack would rebuild)
        ["pack", "--json", "--ignore-scripts", "--pack-destination", work],
        repo,
        consumerEnv(process.env),
      );
      const [packed] = JSON.parse(out.stdout) as PackResult[];
      tarball = join(work, packed.filename);
      for (const f of [...packed.files].sort((a, b) => a.path.localeCompare(b.path)))
        console.log(`  ${String(f.size).padStart(8)}  ${f.path}`);
      console.log("  by folder:");
      for (const [folder, n, bytes] of sizeByFolder(packed.files))
        console.log(`  ${kb(bytes).padStart(10)}  ${String(n).padStart(4)} files  ${folder}`);
      const forbidden = forbiddenFiles(packed.files);
      check(forbidden.length === 0, `test-only files in the tarball:\n  ${forbidden.join("\n  ")}`);
      const missing = missingEntryFiles(pkg, packed.files);
      check(
        missing.length === 0,
        `package.json names files the tarball lacks:\n  ${missing.join("\n  ")}`,
      );
      check(
        packed.unpackedSize <= UNPACKED_BUDGET_BYTES,
        `unpacked size ${packed.unpackedSize} B exceeds the budget ${UNPACKED_BUDGET_BYTES} B (scripts/package-test/tarball-rules.ts)`,
      );
      const share = ((100 * packed.unpackedSize) / UNPACKED_BUDGET_BYTES).toFixed(0);
      return `${packed.files.length} files, ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked (${share} % of the ${kb(UNPACKED_BUDGET_BYTES)} budget), nothing test-only, every entry file present`;
    });

    await step("publint", () => {
      const out = run(bin("publint"), ["--strict", tarball], work);
      check(/All good/.test(out.stdout), `publint:\n${out.stdout}${out.stderr}`);
      return "all good (--strict: warnings fail too)";
    });

    await step("attw", () => {
      // ESM only, on purpose ("type": "module", Node ≥ 20): require("myelin") from CommonJS is
      // the one finding ignored; node10, node16 ESM and bundler resolution must all be clean.
      const args = [
        "--ignore-rules",
        "cjs-resolves-to-esm",
        "--format",
        "table",
        "--no-color",
        tarball,
      ];
      const out = run(bin("attw"), args, work);
      console.log(out.stdout.trim());
      return "no problems for node10, node16 (ESM) and bundler resolution of myelin and myelin/browser";
    });

    await step("install the tarball into a fresh project", () => {
      mkdirSync(project);
      writeConsumerProject(project, join(here, "consumer"));
      const tools = pinnedTools(pkg.devDependencies);
      const args = ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, ...tools];
      const out = run("npm", args, project, consumerEnv(process.env));
      const resolved = run(
        process.execPath,
        ["--input-type=module", "-e", 'console.log(import.meta.resolve("myelin"))'],
        project,
      );
      const entry = fileURLToPath(resolved.stdout.trim());
      check(
        entry.startsWith(join(project, "node_modules", "myelin") + sep),
        `"myelin" resolves to ${entry}, not to the installed copy`,
      );
      return `${tools.join(", ")} in ${out.seconds.toFixed(1)} s; "myelin" resolves to ${relative(project, entry)}`;
    });

    await step("type-check strict programs", async () => {
      const tsc = join(project, "node_modules/.bin/tsc");
      const configs = ["tsconfig.nodenext.json", "tsconfig.bundler.json", "tsconfig.browser.json"];
      await Promise.all(configs.map((config) => runAsync(tsc, ["-p", config], project)));
      return "node-program.ts under nodenext and bundler (with @types/node), browser-program.ts under bundler without Node types; skipLibCheck off";
    });

    await step("run the Node program", () => {
      const out = run(process.execPath, ["out/node-program.js"], project);
      const r = JSON.parse(out.stdout.trim().split("\n").at(-1) ?? "{}") as {
        firstLoss: number;
        lastLoss: number;
        testAccuracy: number;
        testRows: number;
        sameAfterLoad: boolean;
        labelNames: string[];
        xorPredicted: number[];
      };
      check(r.testAccuracy >= 0.9, `held-out accuracy ${r.testAccuracy} < 0.9 (chance 1/3)`);
      check(r.lastLoss < r.firstLoss / 2, `loss ${r.firstLoss} → ${r.lastLoss}: did not halve`);
      check(r.sameAfterLoad, "the loaded model predicts differently from the saved one");
      check(r.labelNames.join() === "a,b,c", `label names after load: ${r.labelNames.join()}`);
      check(r.xorPredicted.join() === "0,1,1,0", `XOR predicted ${r.xorPredicted.join()}`);
      return `3 blobs: loss ${r.firstLoss.toFixed(3)} → ${r.lastLoss.toFixed(4)}, held-out accuracy ${r.testAccuracy.toFixed(3)} on ${r.testRows} rows; save → load identical; XOR ${r.xorPredicted.join("")}`;
    });

    await step("run the myelin bin", () => {
      const myelin = join(project, "node_modules/.bin/myelin");
      const version = run(myelin, ["--version"], project).stdout.trim();
      check(version === `myelin ${pkg.version}`, `myelin --version printed "${version}"`);
      const args = [
        "train",
        "--data",
        "xor",
        "--epochs",
        "30",
        "--out",
        "xor.myelin",
        "--report",
        "none",
        "--json",
      ];
      const trained = JSON.parse(run(myelin, args, project).stdout) as {
        ok: boolean;
        test: { accuracy: number };
      };
      check(trained.ok, "myelin train --json: ok is not true");
      check(
        trained.test.accuracy >= 0.8,
        `myelin train: test accuracy ${trained.test.accuracy} < 0.8`,
      );
      const inspected = run(myelin, ["inspect", "xor.myelin"], project).stdout;
      check(/parameters/.test(inspected), `myelin inspect printed:\n${inspected}`);
      return `"${version}"; train xor 30 epochs: test accuracy ${trained.test.accuracy.toFixed(3)}; inspect reads the file`;
    });

    await step("bundle the page with esbuild and Vite", () => {
      const esbuildArgs = ["browser-program.ts", "--bundle", "--format=esm", "--platform=browser"];
      esbuildArgs.push("--target=es2022", "--outfile=site/esbuild/app.js", "--log-level=warning");
      run(join(project, "node_modules/.bin/esbuild"), esbuildArgs, project);
      const viteArgs = [
        "build",
        "vite-app",
        "--base",
        "./",
        "--outDir",
        "../site/vite",
        "--emptyOutDir",
        "--logLevel",
        "warn",
      ];
      const vite = run(join(project, "node_modules/.bin/vite"), viteArgs, project);
      check(
        !/externalized for browser/i.test(vite.stdout + vite.stderr),
        `vite externalized a Node module:\n${vite.stderr}`,
      );
      const esbuildSize = readFileSync(join(project, "site/esbuild/app.js")).length;
      const assets = join(project, "site/vite/assets");
      const viteFiles = readdirSync(assets).filter((f) => f.endsWith(".js"));
      check(viteFiles.length > 0, `vite wrote no script into ${assets}`);
      const viteSize = viteFiles.reduce((n, f) => n + readFileSync(join(assets, f)).length, 0);
      return `esbuild app.js ${kb(esbuildSize)}; vite ${viteFiles.join(", ")} ${kb(viteSize)}`;
    });

    await step("open both pages in Chromium", () => {
      if (!existsSync(CHROMIUM)) {
        check(
          !isCi(),
          `${CHROMIUM} is missing (CI=true): install it with \`apt-get install chromium\``,
        );
        return `SKIPPED: ${CHROMIUM} is missing; install it with \`apt-get install chromium\` (CI=true fails instead)`;
      }
      const out = run(
        process.execPath,
        ["browser-check.mjs", join(project, "site"), CHROMIUM],
        project,
      );
      const report = JSON.parse(out.stdout.trim()) as Record<
        string,
        { results: Record<string, unknown>; problems: string[] }
      >;
      const notes: string[] = [];
      for (const bundler of ["esbuild", "vite"]) {
        const { results: r, problems } = report[bundler];
        check(problems.length === 0, `${bundler} page: ${problems.join("; ")}`);
        check(!("error" in r), `${bundler} page threw: ${String(r.error)}`);
        check(r.hasWasmSimd === true, `${bundler} page: hasWasmSimd() is false in Chromium`);
        check(
          r.backendAfterMatmul === "wasm",
          `${bundler} page: backend after a 128³ matmul is ${String(r.backendAfterMatmul)}, not wasm (kernels not found)`,
        );
        // float32 sums of 128 products of N(0,1) values: |C| ≈ 11, rounding ≈ 1e-6 relative
        check(
          Number(r.relErrVsJs) <= 1e-4,
          `${bundler} page: wasm vs js relative error ${String(r.relErrVsJs)}`,
        );
        check(
          Number(r.relErrVsLoop) <= 1e-4,
          `${bundler} page: wasm vs loop relative error ${String(r.relErrVsLoop)}`,
        );
        notes.push(
          `${bundler}: ${String(r.backendAfterMatmul)}, vs js ${Number(r.relErrVsJs).toExponential(1)}`,
        );
      }
      return notes.join("; ");
    });
  } finally {
    if (keep) console.log(`\nkept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

const started = performance.now();
try {
  await main();
  console.log(`\n== summary (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  for (const s of done)
    console.log(`ok  ${s.name.padEnd(42)} ${s.seconds.toFixed(1).padStart(6)} s  ${s.note}`);
} catch (e) {
  console.error(
    `\nFAILED after ${done.length} passed step(s):\n${e instanceof Error ? e.message : String(e)}`,
  );
  process.exitCode = 1;
}
