/**
 * Shared by the conformance tests (they read ../shared/conformance): a test that needs a data
 * folder runs when the folder is there, fails in CI (CI=true) when it is missing, and is skipped
 * with the reason printed elsewhere (a fresh clone has no ../shared).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';

const inCi = process.env.CI === 'true';

/** it() that fails in CI and skips elsewhere when its data folder is absent. */
export function itWithData(
  name: string,
  folder: string,
  body: () => void | Promise<void>,
  timeout = 30_000,
): void {
  if (existsSync(folder)) {
    it(name, body, timeout);
  } else if (inCi) {
    it(name, () => {
      throw new Error(`conformance data missing: ${folder}`);
    });
  } else {
    console.warn(`skipping "${name}": conformance data not found at ${folder}`);
    it.skip(name, body);
  }
}

/** Every file under `folder` (recursively) that `accept` takes, sorted. */
export function findFiles(folder: string, accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) out.push(...findFiles(full, accept));
    else if (accept(full)) out.push(full);
  }
  return out.sort();
}
