// Does detaching one ArrayBuffer slow down every typed-array loop in the process? V8 keeps a
// process-wide "array buffer detaching" protector; the first detach invalidates it, and optimized
// code from then on checks for detached buffers on typed-array accesses. Each event runs in a
// fresh process (the effect is global and permanent), timing the same loop before and after it.
//   npx tsx bench/micro/detach.ts            all events, one child process each
//   npx tsx bench/micro/detach.ts <event>    one event in this process
// Events: none · transfer (structuredClone with transfer; ArrayBuffer.prototype.transfer when the
// engine has it) · grow (non-shared WebAssembly.Memory.grow) · new-memory (a second Memory
// whose buffer receives the old one's bytes, no grow) · shared-grow (shared Memory.grow). Not a test.
import { spawnSync } from "node:child_process";

const EVENTS = ["none", "transfer", "grow", "new-memory", "shared-grow"] as const;
type Event = (typeof EVENTS)[number];

/** A W1-sized step: small Float32Arrays allocated, filled and reduced (like tiny tensor ops). */
function work(src: Float32Array, rounds: number): number {
  let acc = 0;
  for (let r = 0; r < rounds; r++) {
    const out = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[i] * 0.5 + r * 1e-6;
    let s = 0;
    for (let i = 0; i < out.length; i++) s += out[i];
    acc += s;
  }
  return acc;
}

/** ns per round, the fastest of 9 rounds of `rounds` iterations. */
function timeLoop(src: Float32Array): number {
  const rounds = 200_000;
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    sink += work(src, rounds);
    best = Math.min(best, performance.now() - t0);
  }
  if (sink === 42) console.log("");
  return (best * 1e6) / rounds;
}

function fire(event: Event): string {
  switch (event) {
    case "none":
      return "nothing";
    case "transfer": {
      const buf = new ArrayBuffer(8);
      const withTransfer = buf as ArrayBuffer & { transfer?: () => ArrayBuffer };
      if (typeof withTransfer.transfer === "function") withTransfer.transfer();
      else structuredClone(buf, { transfer: [buf] });
      return `8-byte buffer transferred (byteLength now ${buf.byteLength})`;
    }
    case "grow": {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const before = memory.buffer;
      memory.grow(1);
      return `non-shared memory.grow(1) (old buffer byteLength now ${before.byteLength})`;
    }
    case "new-memory": {
      const first = new WebAssembly.Memory({ initial: 1 });
      const old = first.buffer;
      const second = new WebAssembly.Memory({ initial: 2 });
      new Uint8Array(second.buffer).set(new Uint8Array(old));
      return `replaced by a new 2-page Memory (old buffer byteLength still ${old.byteLength})`;
    }
    case "shared-grow": {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
      const before = memory.buffer;
      memory.grow(1);
      return `shared memory.grow(1) (old buffer byteLength still ${before.byteLength})`;
    }
  }
}

function runOne(event: Event): void {
  const src = new Float32Array(16).map((_, i) => i / 16 - 0.5);
  const before = timeLoop(src);
  const what = fire(event);
  const after = timeLoop(src);
  console.log(
    `${event.padEnd(11)} before ${before.toFixed(1).padStart(6)} ns/iter · after ` +
      `${after.toFixed(1).padStart(6)} ns/iter · ×${(after / before).toFixed(2)}   (${what})`,
  );
}

function main(): void {
  const arg = process.argv[2] as Event | undefined;
  if (arg !== undefined) {
    if (!EVENTS.includes(arg)) throw new Error(`detach.ts: unknown event ${arg}`);
    runOne(arg);
    return;
  }
  console.log(`node ${process.version}, V8 ${process.versions.v8}`);
  for (const event of EVENTS) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], event], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.stdout.write(child.stdout);
  }
}

main();
