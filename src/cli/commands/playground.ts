// `myelin playground [--port N] [--no-open] [--dir FOLDER]`: serve the built playground on
// 127.0.0.1 (static-server.ts: loopback only, Host checked, strict CSP), print its URL, open it in
// the browser unless --no-open, and run until Ctrl-C, which stops the server and exits 0.
// A taken port moves on to the next free one and says so (also for an explicit --port: a
// learner wants the page, not an error); --port 0 lets the system pick.
import { COMMON_FLAGS, defineFlags, helpText, parseArgs } from "../args.js";
import { openBrowser } from "../open-browser.js";
import { CliError, printJson, UsageError, type Io } from "../output.js";
import { checkSiteDir, defaultSiteDir } from "../playground-site.js";
import { PORT_ATTEMPTS, startStaticServer, type StaticServer } from "../static-server.js";
import { SIGINT_EXIT } from "../interrupt.js";
import { terminalSafe } from "../terminal-text.js";

/** The port tried first when --port is not given. */
export const DEFAULT_PORT = 5317;

const FLAGS = defineFlags({
  port: {
    type: "int",
    value: "N",
    default: DEFAULT_PORT,
    min: 0,
    max: 65535,
    help: `port on 127.0.0.1; taken → the next free one (up to ${PORT_ATTEMPTS} tried); 0: any`,
  },
  "no-open": { type: "boolean", help: "do not open a browser (just print the URL)" },
  dir: {
    type: "string",
    value: "FOLDER",
    help: "serve this built site instead of the package's dist/playground",
  },
  ...COMMON_FLAGS,
});

const PLAYGROUND_HELP = helpText(
  "myelin playground [--port N] [--no-open] [--dir FOLDER]",
  "Serve the playground (train a network in the browser and watch its boundary, gradients and losses) on http://127.0.0.1 only, and open it in the browser. Ctrl-C stops it.",
  FLAGS,
);

/**
 * Run until `stop` aborts; without one, until the first SIGINT (a second SIGINT exits at once
 * with 130).
 */
export async function runPlayground(
  argv: string[],
  stdio: Io,
  stop?: AbortSignal,
): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "playground");
  if (flags.help) {
    stdio.stdout(PLAYGROUND_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `unexpected argument ${terminalSafe(JSON.stringify(positionals[0]), 60)}; playground takes only options`,
      "playground",
    );
  }
  const site = checkSiteDir(flags.dir ?? defaultSiteDir(), stdio.cwd);
  const server = await listen(site, flags.port);
  if (flags.port !== 0 && server.port !== flags.port) {
    stdio.stderr(
      `myelin playground: port ${flags.port} is taken; serving on ${server.port} instead\n`,
    );
  }
  if (flags.json)
    printJson(stdio, { ok: true, command: "playground", url: server.url, port: server.port });
  else stdio.stdout(`Myelin playground: ${server.url}\n`);
  stdio.stderr("myelin playground: Ctrl-C stops the server\n");
  if (!flags["no-open"]) openBrowser(server.url);
  await stopped(stop);
  await server.close();
  stdio.stderr("myelin playground: stopped\n");
  return 0;
}

async function listen(site: string, port: number): Promise<StaticServer> {
  try {
    return await startStaticServer(site, port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new CliError(
        `${(e as Error).message}`,
        "pick another with --port N (0: any free port)",
      );
    }
    if (code === "EACCES") {
      throw new CliError(`port ${port} needs privileges`, "use a port ≥ 1024 with --port N");
    }
    throw e;
  }
}

/** Resolves when `stop` aborts, or on the first SIGINT when there is no `stop`. */
function stopped(stop: AbortSignal | undefined): Promise<void> {
  if (stop !== undefined) {
    return stop.aborted
      ? Promise.resolve()
      : new Promise((done) => stop.addEventListener("abort", () => done(), { once: true }));
  }
  return new Promise((done) => {
    process.once("SIGINT", () => {
      process.once("SIGINT", () => process.exit(SIGINT_EXIT));
      done();
    });
  });
}
