// A static file server for one folder (the built playground), for a learner's own machine:
// loopback only, GET/HEAD only, files inside the folder only, and a strict Content-Security-Policy.
// Not a general web server: no directory listings, no ranges, no compression, no CORS.
//
// What each request goes through, in order:
//   Host header  localhost or 127.0.0.1 (with or without this server's port), else 403 — a page
//                on another site that rebinds its DNS name to 127.0.0.1 sends its own name
//   method       GET or HEAD, else 405
//   path         percent-decoded; NUL, backslash, a `..` or dot-file segment → 403; resolved (and
//                realpath'd, so a symlink cannot lead out) inside the folder, else 403; no file → 404
import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, sep } from "node:path";

/**
 * Scripts from this origin only. 'wasm-unsafe-eval' lets WebAssembly.Module compile the
 * library's SIMD kernels (Chromium blocks wasm compilation under a CSP without it); it does not
 * allow eval() or new Function. Workers and styles come from this origin; canvases may be
 * exported as data:/blob: images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Sent with every response, errors included. No Access-Control-Allow-Origin, ever. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-cache",
};

/** Content-Type by file extension; anything else is served as application/octet-stream. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

const LOOPBACK = "127.0.0.1";
const ALLOWED_HOSTS = ["localhost", LOOPBACK];

/** True when the Host header names this machine: localhost or 127.0.0.1, bare or with `port`. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const value = host.toLowerCase();
  return ALLOWED_HOSTS.some((name) => value === name || value === `${name}:${port}`);
}

/**
 * The file a request path names inside `root` (a realpath), or a status: 403 for anything that
 * tries to leave the folder or is malformed, 404 for nothing there. `/` means index.html.
 */
export function resolveRequestPath(root: string, url: string): string | 403 | 404 {
  if (!url.startsWith("/")) return 403; // absolute-form (http://host/...) or `*`
  const rawPath = url.split(/[?#]/, 1)[0];
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 403; // malformed percent-encoding
  }
  if (path.includes("\0") || path.includes("\\")) return 403;
  const segments = path.split("/").filter((s) => s !== "");
  if (segments.some((s) => s.startsWith("."))) return 403; // `..`, `.`, dot-files
  if (segments.length === 0) segments.push("index.html");
  const candidate = join(root, ...segments);
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return 404;
  }
  if (!real.startsWith(root + sep)) return 403; // a symlink pointing out of the folder
  return statSync(real).isFile() ? real : 404;
}

/** An empty-bodied (HEAD) or short plain-text reply with the security headers. */
function replyStatus(res: ServerResponse, status: number, extra: Record<string, string> = {}) {
  const body = `${status} ${STATUS_TEXT[status] ?? ""}\n`;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": "text/plain; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    ...extra,
  });
  res.end(res.req.method === "HEAD" ? undefined : body);
}
const STATUS_TEXT: Record<number, string> = {
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
};

function handle(root: string, req: IncomingMessage, res: ServerResponse, port: number): void {
  if (!isAllowedHost(req.headers.host, port)) return replyStatus(res, 403);
  if (req.method !== "GET" && req.method !== "HEAD") {
    return replyStatus(res, 405, { allow: "GET, HEAD" });
  }
  const file = resolveRequestPath(root, req.url ?? "");
  if (typeof file === "number") return replyStatus(res, file);
  const size = statSync(file).size;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    "content-length": String(size),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

export interface StaticServer {
  server: Server;
  /** The port actually bound (differs from the one asked for when that was taken). */
  port: number;
  /** http://127.0.0.1:PORT/ */
  url: string;
  close(): Promise<void>;
}

/** Listen on 127.0.0.1:port; resolves false when the port is taken (EADDRINUSE). */
function tryListen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (e.code === "EADDRINUSE") resolve(false);
      else reject(e);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(true);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, LOOPBACK);
  });
}

/** How many ports after a taken one startStaticServer tries. */
export const PORT_ATTEMPTS = 20;

/**
 * Serve `root` (a folder) on 127.0.0.1. Port 0 lets the system choose; a taken port moves on to
 * the next one, up to PORT_ATTEMPTS ports, then throws an Error with code EADDRINUSE.
 */
export async function startStaticServer(rootDir: string, port: number): Promise<StaticServer> {
  const root = realpathSync(rootDir);
  let bound = 0;
  const server = createServer((req, res) => {
    try {
      handle(root, req, res, bound);
    } catch {
      if (!res.headersSent) replyStatus(res, 500);
      else res.destroy();
    }
  });
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const candidate = port === 0 ? 0 : port + attempt;
    if (candidate > 65535) break;
    if (await tryListen(server, candidate)) {
      bound = (server.address() as AddressInfo).port;
      return {
        server,
        port: bound,
        url: `http://${LOOPBACK}:${bound}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections(); // a browser's keep-alive sockets would hold close() open
          }),
      };
    }
  }
  const last = Math.min(port + PORT_ATTEMPTS - 1, 65535);
  throw Object.assign(new Error(`ports ${port}–${last} on ${LOOPBACK} are all taken`), {
    code: "EADDRINUSE",
  });
}
