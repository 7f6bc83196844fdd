/** The reduced programs of `mamori scan`, `sbom`, `version`, `feeds`, `vuln` and `--version` behave as the full one for those commands. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import type { CliIo } from './io.js';
import { runLight } from './light.js';

function capture(dir: string) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    env: {},
    cwd: dir,
    readStdin: async () => '',
    fetch: () => Promise.reject(new Error('no network in tests')),
    takeStop: () => new AbortController().signal,
  };
  return { io, out };
}

describe('runLight', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-light-'));

  it('leaves every other command, and options before the command name, to the full program', async () => {
    const { io } = capture(dir);
    expect(await runLight(['product', 'list'], io)).toBeNull();
    expect(await runLight(['--data-dir', dir, 'scan', 'x.json'], io)).toBeNull();
    expect(await runLight([], io)).toBeNull();
  });

  it('prints the version as the full program does', async () => {
    const { io, out } = capture(dir);
    const full = await runCli(['--version'], { cwd: dir });
    expect(await runLight(['--version'], io)).toBe(0);
    expect(out.stdout).toBe(full.stdout);
  });

  it('runs sbom, version, feeds and vuln with the same output and exit code as the full program', async () => {
    const json = path.join(dir, 'light.cdx.json');
    writeFileSync(json, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'a', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0' }] }));
    const xml = path.join(dir, 'light.cdx.xml');
    writeFileSync(xml, '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components><component type="library"><name>b</name><version>2</version></component></components></bom>\n');
    const invalidXml = path.join(dir, 'invalid.cdx.xml');
    writeFileSync(invalidXml, '<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="nonsense"><name>b</name></component></components></bom>');
    const runs = [
      ['sbom', 'validate', json],
      ['sbom', 'validate', xml, '--format', 'json'],
      ['sbom', 'validate', invalidXml],
      ['sbom', 'validate', path.join(dir, 'missing.json')],
      ['sbom', 'inspect', xml, '--format', 'json'],
      ['sbom', 'quality', json, '--profile', 'ntia-2021'],
      ['sbom', 'convert', xml, '--to', 'spdx-2.3-json', '--serial-number', 'urn:uuid:00000000-0000-4000-8000-000000000000', '--timestamp', '2026-01-01T00:00:00Z'],
      ['sbom', 'diff', json, xml, '--format', 'json'],
      ['sbom', 'upload', '--product', 'P', '--release', '1', json],
      ['sbom', '--help'],
      ['version', 'compare', 'npm', '1.0.0', '1.0.1'],
      ['version', 'compare', 'Nope', '1', '2'],
      ['feeds', 'status', '--vuln-db', path.join(dir, 'missing.sqlite')],
      ['feeds', 'import', path.join(dir, 'missing.jsonl'), '--vuln-db', path.join(dir, 'feeds.sqlite')],
      ['feeds', '--help'],
      ['vuln', 'show', 'CVE-2021-23337', '--vuln-db', path.join(dir, 'missing.sqlite')],
      // The old name of --vuln-db, with its deprecation line.
      ['vuln', 'show', 'CVE-2021-23337', '--db', path.join(dir, 'missing.sqlite')],
      ['feeds', 'status', '--db', path.join(dir, 'missing.sqlite')],
      ['vuln', 'affected', 'CVE-2021-23337'],
      ['vuln', '--help'],
    ];
    for (const argv of runs) {
      const { io, out } = capture(dir);
      const full = await runCli(argv, { cwd: dir });
      expect(await runLight(argv, io), argv.join(' ')).toBe(full.code);
      expect(out.stdout, argv.join(' ')).toBe(full.stdout);
      expect(out.stderr, argv.join(' ')).toBe(full.stderr);
    }
    // Against a vulnerability database: imported by the full program, read by both.
    const osv = path.join(dir, 'osv.jsonl');
    writeFileSync(osv, `${JSON.stringify({ schema_version: '1.6.0', id: 'GHSA-light-0001', modified: '2026-01-01T00:00:00Z', aliases: ['CVE-2026-0001'], summary: 'light test', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }] })}\n`);
    const db = path.join(dir, 'vulndb.sqlite');
    expect((await runCli(['feeds', 'import', osv, '--vuln-db', db], { cwd: dir })).code).toBe(0);
    for (const argv of [['vuln', 'show', 'CVE-2026-0001', '--vuln-db', db], ['vuln', 'show', 'GHSA-light-0001', '--vuln-db', db, '--format', 'json'], ['feeds', 'status', '--vuln-db', db]]) {
      const { io, out } = capture(dir);
      const full = await runCli(argv, { cwd: dir });
      expect(full.stdout).toMatch(/GHSA-light-0001|osv/i);
      expect(await runLight(argv, io), argv.join(' ')).toBe(full.code);
      expect(out.stdout, argv.join(' ')).toBe(full.stdout);
    }

    // Sorting reads standard input.
    const { io, out } = capture(dir);
    const sortIo = { ...io, readStdin: async () => '1.0.0\n0.9.0\n1.0.0-rc.1\n' };
    expect(await runLight(['version', 'sort', 'npm'], sortIo)).toBe(0);
    expect(out.stdout).toBe('0.9.0\n1.0.0-rc.1\n1.0.0\n');
  });

  it('runs scan with the same output and exit code as the full program', async () => {
    const bom = path.join(dir, 'bom.json');
    writeFileSync(bom, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'a', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0' }] }));
    for (const argv of [['scan', bom, '--vuln-db', path.join(dir, 'missing.sqlite')], ['scan', '--help'], ['scan', bom, '--format', 'nonsense']]) {
      const { io, out } = capture(dir);
      const full = await runCli(argv, { cwd: dir });
      expect(await runLight(argv, io)).toBe(full.code);
      expect(out.stdout).toBe(full.stdout);
      expect(out.stderr).toBe(full.stderr);
    }
  });
});
