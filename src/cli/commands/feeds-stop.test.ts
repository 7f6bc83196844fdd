/**
 * Ctrl-C and SIGTERM stop `feeds import` and `feeds sync` at a safe point (QA report H5: the
 * signal used to be swallowed and the command ran to its end with exit 0): the committed batches of
 * an import stay and its log says `interrupted`, a download keeps its `.part` for the next sync to
 * resume, and the command exits 130 (SIGINT) or 143 (SIGTERM) with one line on stderr saying what
 * was kept and how to go on. Through `run()` with an injected stop signal, and once as a real
 * process that is sent SIGINT.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { buildZip } from '../../vulndb/zip-writer.test-helper.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-feeds-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` small OSV records as JSON lines: more than two batches of the import (10,000 records each). */
function jsonLines(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      JSON.stringify({
        id: `GHSA-sig-${String(i).padStart(6, '0')}`,
        modified: '2026-01-01T00:00:00Z',
        summary: `advisory ${i}`,
        affected: [{ package: { ecosystem: 'npm', name: `pkg-${i % 500}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }],
      }),
    );
  return `${lines.join('\n')}\n`;
}
const input = path.join(dir, 'big.jsonl');
writeFileSync(input, jsonLines(35_000));

/** Records in the database as another connection sees them (0 while it does not exist). */
function committedRecords(file: string): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM records').pluck().get() as number;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}
function importLog(file: string): { status: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT status FROM imports ORDER BY id').all() as { status: string }[];
  } finally {
    db.close();
  }
}

/** Resolves once `test()` holds, checked every 20 ms. */
function when(test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (test()) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
}

describe('stopping feeds commands', () => {
  it('feeds import: Ctrl-C keeps the committed batches, logs the import as interrupted, exits 130; running it again finishes', async () => {
    const db = path.join(dir, 'import.sqlite');
    const stop = new AbortController();
    void when(() => committedRecords(db) >= 10_000).then(() => stop.abort('SIGINT'));
    const r = await runCli(['feeds', 'import', input, '--vuln-db', db], { stop: stop.signal, cwd: dir });
    expect(r.code).toBe(130);
    const kept = committedRecords(db);
    expect(kept % 10_000).toBe(0);
    expect(kept).toBeGreaterThanOrEqual(10_000);
    expect(kept).toBeLessThan(35_000);
    const last = r.stderr.trimEnd().split('\n').at(-1);
    expect(last).toBe(
      `Stopped by Ctrl-C (SIGINT): the ${kept} records written before it are kept and the import is logged as interrupted; run the same command again to finish (records already imported are skipped as unchanged).`,
    );
    expect(r.stdout).toBe('');
    expect(importLog(db)).toEqual([{ status: 'interrupted' }]);

    const again = await runCli(['feeds', 'import', input, '--vuln-db', db, '--format', 'json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ counts: { new: 35_000 - kept, unchanged: kept } });
    expect(importLog(db)).toEqual([{ status: 'interrupted' }, { status: 'done' }]);
  }, 120_000);

  it('feeds sync: SIGTERM during a download keeps the .part, exits 143, and the next sync resumes it', async () => {
    const zip = buildZip(
      Array.from({ length: 400 }, (_, i) => ({
        name: `GHSA-zip-${i}.json`,
        data: JSON.stringify({ id: `GHSA-zip-${i}`, modified: '2026-01-01T00:00:00Z', details: `${i} ${'x'.repeat(4000)}`, affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }] }),
        method: 0,
      })),
    );
    const half = Math.floor(zip.length / 2);
    let stall = true;
    const ranges: (string | undefined)[] = [];
    const server: Server = createServer((req, res) => {
      if (req.url !== '/osv/npm/all.zip') return void res.writeHead(404).end();
      ranges.push(req.headers.range);
      // A resume is honoured only against the same file (If-Range with its ETag), as a mirror does.
      const sameFile = req.headers['if-range'] === '"zip-1"';
      const start = sameFile ? Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0) : 0;
      const headers = { 'content-type': 'application/zip', 'content-length': zip.length - start, etag: '"zip-1"' };
      if (start > 0) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${zip.length - 1}/${zip.length}` });
      else res.writeHead(200, headers);
      // The first time, half of the archive and then nothing more (a slow mirror).
      if (stall) res.write(zip.subarray(start, half));
      else res.end(zip.subarray(start));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const db = path.join(dir, 'sync', 'vulndb.sqlite');
    const part = path.join(dir, 'sync', 'feeds', 'osv', 'npm', 'all.zip.part');
    try {
      const stop = new AbortController();
      void when(() => existsSync(part) && statSync(part).size >= half).then(() => stop.abort('SIGTERM'));
      const sync = ['feeds', 'sync', '--vuln-db', db, '--mirror', base, '--source', 'osv', '--ecosystem', 'npm'];
      const r = await runCli(sync, { stop: stop.signal, cwd: dir, fetch: globalThis.fetch });
      expect(r.code).toBe(143);
      const kept = statSync(part).size;
      expect(kept).toBe(half);
      expect(r.stdout).toMatch(/^osv:npm +stopped +-$/m);
      expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
        `Stopped by SIGTERM during osv:npm: the download of ${base}/osv/npm/all.zip was stopped at ${(kept / 1024 / 1024).toFixed(1)} MiB; ${part} is kept and the next sync resumes it; run the same command again to go on.`,
      );
      expect(committedRecords(db)).toBe(0);

      stall = false;
      const again = await runCli(sync, { cwd: dir, fetch: globalThis.fetch });
      expect(again.code).toBe(0);
      expect(ranges).toEqual([undefined, `bytes=${kept}-`]);
      expect(committedRecords(db)).toBe(400);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);

  it('a real process: SIGINT stops `feeds import` after its committed batches with exit 130', async () => {
    const db = path.join(dir, 'process.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'feeds', 'import', input, '--vuln-db', db], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));
    await when(() => done || committedRecords(db) >= 10_000);
    expect(done).toBe(false);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const kept = committedRecords(db);
    expect(kept % 10_000).toBe(0);
    expect(kept).toBeLessThan(35_000);
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^Stopped by Ctrl-C \\(SIGINT\\): the ${kept} records written before it are kept`));
    expect(importLog(db)).toEqual([{ status: 'interrupted' }]);
  }, 120_000);
});
