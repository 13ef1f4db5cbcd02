// Where a benchmark ran: Node version, CPU model and count, OS, date. Printed and written into
// BENCHMARKS.md beside the numbers, since numbers without a machine are meaningless.
import { spawnSync } from "node:child_process";
import os from "node:os";

export interface BenchEnv {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  os: string;
  memoryGiB: number;
  /** 1-minute load average when the run started: above the core count, other work competed. */
  load: number;
  /** The commit measured, with "+changes" when src/ differs from it (e.g. "3e30ea1+changes"). */
  commit: string;
}

function gitCommit(): string {
  const git = (...args: string[]) =>
    spawnSync("git", args, { encoding: "utf8" }).stdout?.trim() ?? "";
  const head = git("rev-parse", "--short", "HEAD");
  if (head === "") return "unknown";
  return git("status", "--porcelain", "--", "src", "bench") === "" ? head : `${head}+changes`;
}

export function benchEnv(): BenchEnv {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    load: Math.round(os.loadavg()[0] * 10) / 10,
    commit: gitCommit(),
  };
}
