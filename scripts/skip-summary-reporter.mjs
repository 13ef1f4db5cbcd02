// A node:test reporter that lists skipped tests, one line each with the reason (e.g. "install it
// with `apt-get install chromium`"), so a skip is read as "not run", never mistaken for a pass.
// run-tests.mjs adds it beside the usual reporter and prints its lines after the summary.

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* skipSummary(source) {
  const skipped = [];
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { skip, name, file } = event.data;
    if (skip === undefined || skip === false) continue;
    const where = file ? ` (${file.replace(/^.*?\/(src|test)\//, "$1/")})` : "";
    skipped.push(`  - ${name}${where}${typeof skip === "string" ? `: ${skip}` : ""}\n`);
  }
  if (skipped.length === 0) return;
  const tests = skipped.length === 1 ? "1 test was" : `${skipped.length} tests were`;
  yield `SKIPPED — ${tests} not run (not passed):\n${skipped.join("")}`;
}
