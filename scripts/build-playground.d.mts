// Types of build-playground.mjs for the tests that import it.
export const DEFAULT_OUT_DIR: string;
export function buildPlayground(options?: {
  outDir?: string;
  sourceDir?: string;
}): Promise<{ outDir: string; files: string[] }>;
