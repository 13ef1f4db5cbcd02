// Opens a URL in the user's browser with the platform's opener (xdg-open, open, start), best
// effort: a missing opener or a failure is ignored, since the URL is printed anyway.
import { spawn } from "node:child_process";

/** The opener command and its arguments for `url` on `platform`. */
export function openerCommand(url: string, platform = process.platform): [string, string[]] {
  if (platform === "darwin") return ["open", [url]];
  // `start` is a cmd built-in; its first quoted argument is a window title
  if (platform === "win32") return ["cmd", ["/c", "start", '""', url]];
  return ["xdg-open", [url]];
}

/** Start the opener detached and forget it; never throws. */
export function openBrowser(url: string): void {
  const [command, args] = openerCommand(url);
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => {}); // no opener installed: the printed URL is enough
    child.unref();
  } catch {
    // spawn itself refused (e.g. a bad PATH): same as above
  }
}
