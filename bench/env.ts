// Where a benchmark ran: Node version, CPU model and count, OS, date. Printed and written into
// BENCHMARKS.md beside the numbers, since numbers without a machine are meaningless.
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
  };
}
