/** The reduced program of `mamori scan` / `mamori --version` behaves as the full one for those commands. */
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
    stopSignal: new Promise(() => {}),
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

  it('runs scan with the same output and exit code as the full program', async () => {
    const bom = path.join(dir, 'bom.json');
    writeFileSync(bom, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'a', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0' }] }));
    for (const argv of [['scan', bom, '--db', path.join(dir, 'missing.sqlite')], ['scan', '--help'], ['scan', bom, '--format', 'nonsense']]) {
      const { io, out } = capture(dir);
      const full = await runCli(argv, { cwd: dir });
      expect(await runLight(argv, io)).toBe(full.code);
      expect(out.stdout).toBe(full.stdout);
      expect(out.stderr).toBe(full.stderr);
    }
  });
});
