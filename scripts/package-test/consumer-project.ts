// The temporary project a user would have: outside the repo, with only the tarball and the tools
// a user installs (versions pinned to the repo's devDependencies), plus the consumer/ programs and
// the tsconfigs they are type-checked under. No path in it leads back to the repo's sources.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Tools the consumer programs need, at the versions the repo itself uses. */
export const CONSUMER_TOOLS = ["typescript", "esbuild", "vite", "playwright-core", "@types/node"];

/** `name@version` for each tool, from the repo's devDependencies; throws if one is missing. */
export function pinnedTools(devDependencies: Record<string, string>): string[] {
  return CONSUMER_TOOLS.map((name) => {
    const version = devDependencies[name];
    if (version === undefined) throw new Error(`package.json devDependencies lack ${name}`);
    return `${name}@${version}`;
  });
}

/** Strict settings every consumer tsconfig shares; skipLibCheck off, so the shipped .d.ts are checked too. */
const STRICT = {
  strict: true,
  target: "ES2022",
  skipLibCheck: false,
  noImplicitOverride: true,
  forceConsistentCasingInFileNames: true,
};

/** tsconfig name → contents: the Node program under nodenext (emits) and bundler; the page under bundler without Node types. */
export const TSCONFIGS: Record<string, object> = {
  "tsconfig.nodenext.json": {
    compilerOptions: {
      ...STRICT,
      module: "nodenext",
      moduleResolution: "nodenext",
      types: ["node"],
      outDir: "out",
    },
    files: ["node-program.ts"],
  },
  "tsconfig.bundler.json": {
    compilerOptions: {
      ...STRICT,
      module: "esnext",
      moduleResolution: "bundler",
      types: ["node"],
      noEmit: true,
    },
    files: ["node-program.ts"],
  },
  "tsconfig.browser.json": {
    compilerOptions: {
      ...STRICT,
      module: "esnext",
      moduleResolution: "bundler",
      lib: ["ES2022", "DOM"],
      types: [],
      noEmit: true,
    },
    files: ["browser-program.ts"],
  },
};

const PAGE = (script: string) =>
  `<!doctype html>\n<html><head><meta charset="utf-8"><title>myelin package test</title>` +
  `<link rel="icon" href="data:,"></head>\n<body><script type="module" src="${script}"></script></body></html>\n`;

/** Write package.json, the tsconfigs, the consumer programs and the two pages' HTML into `dir`. */
export function writeConsumerProject(dir: string, consumerSources: string): void {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(
    join(dir, "package.json"),
    json({ name: "myelin-consumer", version: "0.0.0", private: true, type: "module" }),
  );
  for (const [name, config] of Object.entries(TSCONFIGS))
    writeFileSync(join(dir, name), json(config));
  for (const file of ["node-program.ts", "browser-program.ts", "browser-check.mjs"])
    copyFileSync(join(consumerSources, file), join(dir, file));
  // Vite builds from its own root folder holding the page and its script
  mkdirSync(join(dir, "vite-app"));
  copyFileSync(join(consumerSources, "browser-program.ts"), join(dir, "vite-app", "main.ts"));
  writeFileSync(join(dir, "vite-app", "index.html"), PAGE("./main.ts"));
  mkdirSync(join(dir, "site", "esbuild"), { recursive: true });
  writeFileSync(join(dir, "site", "esbuild", "index.html"), PAGE("./app.js"));
}

/** The environment for npm in the project: npm's own npm_* variables from a parent `npm run` removed (npm_config_local_prefix would point the install at the repo), registry, cache and TLS settings kept. */
export function consumerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const keep =
    /^npm_config_(registry|cache|userconfig|globalconfig|cafile|proxy|https_proxy|noproxy|strict_ssl)$/i;
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env))
    if (!/^npm_/i.test(key) || keep.test(key)) out[key] = value;
  delete out.INIT_CWD;
  return out;
}
