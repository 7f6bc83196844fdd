import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSbomFromPath } from './from-path.js';

let dir: string;
const fixed = { timestamp: '2026-01-01T00:00:00Z', serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000' };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mamori-from-path-'));
  await mkdir(path.join(dir, 'app', 'node_modules', 'x'), { recursive: true });
  await mkdir(path.join(dir, 'py'), { recursive: true });
  await mkdir(path.join(dir, '.git'), { recursive: true });
  await writeFile(path.join(dir, 'app', 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/a': { version: '1.0.0' } } }));
  await writeFile(path.join(dir, 'app', 'node_modules', 'x', 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/skipped': { version: '1.0.0' } } }));
  await writeFile(path.join(dir, '.git', 'yarn.lock'), 'skipped@^1:\n  version "1.0.0"\n');
  await writeFile(path.join(dir, 'py', 'requirements.txt'), '-r common.in\n-r ../../outside.txt\nrequests==2.31.0\n');
  await writeFile(path.join(dir, 'py', 'common.in'), 'urllib3==2.0.0\n');
  await writeFile(path.join(dir, 'status'), 'not a dpkg database');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generateSbomFromPath', () => {
  it('walks a directory, skipping node_modules and .git, following -r inside the root', async () => {
    const r = await generateSbomFromPath(dir, fixed);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.document.components.map((c) => c.purl)).toEqual(['pkg:npm/a@1.0.0', 'pkg:pypi/requests@2.31.0', 'pkg:pypi/urllib3@2.0.0']);
    expect(r.value.warnings.map((w) => w.code)).toContain('file.outside');
    expect(r.value.files.map((f) => f.name)).toEqual(['app/package-lock.json', 'py/requirements.txt']);
    expect(r.value.document.metadata.tools[0]?.version).not.toBeNull();
  });

  it('reads a single lockfile', async () => {
    const r = await generateSbomFromPath(path.join(dir, 'app', 'package-lock.json'), fixed);
    expect(r.ok && r.value.document.components.map((c) => c.purl)).toEqual(['pkg:npm/a@1.0.0']);
  });

  it('returns reasons: missing path, unsupported file, limits', async () => {
    expect(await generateSbomFromPath(path.join(dir, 'nope'))).toMatchObject({ ok: false, error: { code: 'lockfile.not_found' } });
    expect(await generateSbomFromPath(path.join(dir, 'status'))).toMatchObject({ ok: false, error: { code: 'lockfile.unsupported' } });
    expect(await generateSbomFromPath(path.join(dir, 'app', 'package-lock.json'), { maxBytes: 10 })).toMatchObject({
      ok: false,
      error: { code: 'lockfile.too_large' },
    });
    const limited = await generateSbomFromPath(dir, { ...fixed, maxFiles: 1 });
    expect(limited.ok && limited.value.warnings.map((w) => w.code)).toContain('limit.files');
  });
});
