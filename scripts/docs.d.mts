// Types of docs.mjs for the tests that import it.
export function treeDifferences(old: string, fresh: string): string[];
