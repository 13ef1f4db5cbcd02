// Types of skip-summary-reporter.mjs for the tests that import it.
export default function skipSummary(
  source: AsyncIterable<{ type: string; data: Record<string, unknown> }>,
): AsyncGenerator<string, void, unknown>;
