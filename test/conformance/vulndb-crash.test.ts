/**
 * Crash safety of the vulnerability database import (issue #4 item 4): a child process imports
 * and is killed with SIGKILL in the middle; the import is run again; the database must hold the
 * same content (contentDigest: records, indexes, related ids, enrichment, snapshots, change log without seq/time)
 * as one clean run. Both a JSON lines file and an all.zip snapshot are tested. The records are
 * generated (same shape as OSV records), so this test needs no ../shared data.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentDigest, openVulnDb } from '../../src/vulndb/database.js';
import { importPath } from '../../src/vulndb/import.js';
import { buildZip } from '../../src/vulndb/zip-writer.test-helper.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-vulndb-crash-'));

function record(i: number): Record<string, unknown> {
  return {
    id: `GHSA-${String(i).padStart(4, '0')}-test-case`,
    modified: '2025-01-01T00:00:00Z',
    aliases: [`CVE-2025-${10000 + i}`],
    summary: `generated advisory ${i}`,
    details: 'x'.repeat(500 + (i % 200)),
    affected: [
      {
        package: { ecosystem: 'npm', name: `pkg-${i % 300}` },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: `1.${i % 10}.0` }] }],
      },
      { package: { ecosystem: 'PyPI', name: `Py_Pkg.${i % 50}` }, versions: ['1.0', '1.1'] },
    ],
    ...(i % 97 === 0 ? { withdrawn: '2025-01-02T00:00:00Z' } : {}),
    // Some name several upstream CVEs: related ids (related_ids), not aliases.
    ...(i % 13 === 0 ? { upstream: [`CVE-2024-${10000 + i}`, `CVE-2024-${20000 + i}`] } : {}),
  };
}

const child = `
import { openVulnDb } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'src/vulndb/database.ts')).href)};
import { importPath } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'src/vulndb/import.ts')).href)};
const [dbFile, input] = process.argv.slice(2);
const db = openVulnDb(dbFile);
await importPath(db, input, { batchSize: 25, afterBatch: (n) => process.stdout.write('batch ' + n + '\\n') });
process.stdout.write('finished\\n');
`;
const childFile = path.join(dir, 'child.mts');
writeFileSync(childFile, child);

/** Runs the import in a child process and kills it with SIGKILL after `afterBatches` batches. */
function importAndKill(
  dbFile: string,
  input: string,
  afterBatches: number,
): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', childFile, dbFile, input], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let batches = 0;
    p.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      batches = (output.match(/batch /g) ?? []).length;
      if (batches >= afterBatches && !p.killed) p.kill('SIGKILL');
    });
    p.stderr.on('data', (d: Buffer) => (output += d.toString()));
    p.on('error', reject);
    p.on('exit', (_code, signal) => resolve({ signal, output }));
  });
}

async function cleanDigest(input: string, name: string): Promise<string> {
  const db = openVulnDb(path.join(dir, `${name}-clean.sqlite`));
  try {
    await importPath(db, input);
    return contentDigest(db);
  } finally {
    db.close();
  }
}

describe('vulnerability database import survives kill -9', () => {
  const count = 3000;
  const records = Array.from({ length: count }, (_, i) => record(i));

  for (const kind of ['jsonl', 'zip'] as const) {
    it(`${kind}: killed mid-import, run again, same content as a clean run`, async () => {
      const input = path.join(dir, kind === 'jsonl' ? 'records.jsonl' : 'all.zip');
      if (kind === 'jsonl') writeFileSync(input, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      else
        writeFileSync(
          input,
          buildZip(records.map((r) => ({ name: `${String(r.id)}.json`, data: JSON.stringify(r, null, 2) }))),
        );
      const dbFile = path.join(dir, `${kind}-crashed.sqlite`);
      const killed = await importAndKill(dbFile, input, 8);
      expect(killed.output).not.toContain('finished');
      expect(killed.signal).toBe('SIGKILL');

      const db = openVulnDb(dbFile);
      try {
        const partial = db.sqlite.prepare('SELECT COUNT(*) FROM records').pluck().get() as number;
        expect(partial).toBeGreaterThan(0);
        expect(partial).toBeLessThan(count);
        expect(db.status().lastImports[0]).toMatchObject({ status: 'running', finishedAt: null });
        const rerun = await importPath(db, input);
        expect(rerun.counts.unchanged).toBe(partial);
        expect(rerun.counts.new + rerun.counts.withdrawn).toBe(count - partial);
        expect(contentDigest(db)).toBe(await cleanDigest(input, kind));
      } finally {
        db.close();
      }
    }, 120_000);
  }
});
