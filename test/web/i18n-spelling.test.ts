/**
 * One spelling in the English UI (QA secops #20: "Organisation records" in the navigation, "your
 * organization" on the Products page). The English messages use British spelling ("organisation",
 * "unauthorised"): no message of web/src/i18n/*.en.json and en.json may use the American one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function strings(value: unknown, at: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([at, value]);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) strings(v, at ? `${at}.${k}` : k, out);
  return out;
}

describe('English UI spelling', () => {
  it('uses British spelling in every English message', () => {
    const dir = path.join(repoRoot, 'web', 'src', 'i18n');
    const files = readdirSync(dir).filter((f) => f === 'en.json' || f.endsWith('.en.json'));
    expect(files.length).toBeGreaterThan(5);
    const american: string[] = [];
    for (const f of files)
      for (const [key, text] of strings(JSON.parse(readFileSync(path.join(dir, f), 'utf8')), '', []))
        if (/organiz|authoriz/i.test(text)) american.push(`${f} ${key}: ${text}`);
    expect(american).toEqual([]);
  });
});
