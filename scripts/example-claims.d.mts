// Types of example-claims.mjs for the tests that import it.
export type ExampleResult = Record<string, unknown>;
export interface Example {
  name: string;
  file: string;
  browser?: boolean;
  needs?: { path: string; pkg: string };
  claims: [claim: string, holds: (result: ExampleResult) => boolean][];
}
export const EXAMPLES: Example[];
export function parseResult(stdout: string): { value?: ExampleResult; error?: string };
export function checkClaims(
  example: Example,
  result: ExampleResult,
): { claim: string; ok: boolean }[];
