/**
 * The Japanese and English UI resources must define exactly the same keys, every key the web app
 * uses, and a message for every error code the server (or the web client itself) can answer with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorKinds } from '../../src/core/errors.js';
import { loadWebResources, webI18nDir } from '../support/web-i18n.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const dir = webI18nDir;
const load = loadWebResources;

/** Every .ts / .tsx file under a folder. */
function sources(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  return files;
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('i18n resources', () => {
  const ja = keys(load('ja')).sort();
  const en = keys(load('en')).sort();

  it('ja.json and en.json have identical key sets', () => {
    expect(
      ja.filter((k) => !en.includes(k)),
      'keys only in ja.json',
    ).toEqual([]);
    expect(
      en.filter((k) => !ja.includes(k)),
      'keys only in en.json',
    ).toEqual([]);
  });

  it('has no empty translations', () => {
    for (const lang of ['ja', 'en']) {
      const data = load(lang);
      for (const key of keys(data)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], data);
        expect(typeof value === 'string' && value.length > 0, `${lang}: ${key}`).toBe(true);
      }
    }
  });

  it('uses the same interpolation variables in both languages', () => {
    const ja = load('ja');
    const en = load('en');
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(en)) {
      const get = (d: unknown) =>
        key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], d) as string;
      expect(vars(get(ja)), key).toEqual(vars(get(en)));
    }
  });

  it('defines every key the web app uses with a literal t("…")', () => {
    const known = new Set(en);
    const missing: string[] = [];
    for (const file of sources(path.resolve(dir, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        const key = m[1]!;
        // Plural keys are stored as key_one / key_other.
        if (!known.has(key) && !known.has(`${key}_other`)) missing.push(`${path.basename(file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has a message for every error code the server or the web client can answer with', () => {
    // The server's codes (src/core/errors.ts), and, in case a code slips past that list, every
    // literal code of err('…'), sendProblem(…, { code: '…' }) on the server and new ApiError(…, '…')
    // in the web client. Without a message the UI would show the server's English detail.
    const codes = new Set<string>(Object.keys(errorKinds));
    const patterns = [
      /\berr\(\s*'([a-z_]+\.[a-z_]+)'/g,
      /sendProblem\([^)]*?\bcode: '([a-z_]+\.[a-z_]+)'/g,
      /new ApiError\([^,]+,\s*'([a-z_]+\.[a-z_]+)'/g,
    ];
    const files = [...sources(path.join(repoRoot, 'src')), ...sources(path.resolve(dir, '..'))].filter(
      (f) => !f.endsWith('.test.ts'),
    );
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const m of text.matchAll(pattern)) codes.add(m[1]!);
    }
    expect(codes.has('vulnerability.not_found') && codes.has('network.unreachable')).toBe(true);
    for (const lang of ['en', 'ja']) {
      const errors = load(lang).errors as Record<string, Record<string, unknown>>;
      const missing = [...codes].sort().filter((code) => {
        const [group, name] = code.split('.') as [string, string];
        return typeof errors[group]?.[name] !== 'string';
      });
      expect(missing, `errors.* missing in ${lang}`).toEqual([]);
    }
  });
});
