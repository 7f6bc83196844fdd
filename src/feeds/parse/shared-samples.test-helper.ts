/** Test helper: locate ../shared/conformance/formats; skip (warn) locally, fail in CI, when absent. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const formatsDir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'formats');

/** Returns the sample text, or undefined after skipping the test (throws when CI=true). */
export function readSample(relative: string, ctx: { skip: () => void }): string | undefined {
  if (!existsSync(formatsDir)) {
    // eslint-disable-next-line no-restricted-syntax -- test helper: CI decides skip vs fail
    if (process.env.CI === 'true') throw new Error(`conformance samples missing in CI: ${formatsDir}`);
    console.warn(`skipping: ${formatsDir} not found (run with ../shared present, or CI=true to fail)`);
    ctx.skip();
    return undefined;
  }
  return readFileSync(path.join(formatsDir, relative), 'utf8');
}
