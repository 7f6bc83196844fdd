/**
 * A large import copies its WAL into the database on a worker thread as it goes (importPath), so the
 * WAL stays short: reads of the alias-group refresh slow down with every frame the WAL holds, and one
 * checkpoint of the whole import at the end took 5.6 s of a 33 s import at 200,000 records.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckpointResult } from '../store/sqlite-checkpointer.js';
import { importPath } from './import.js';
import { tempVulnDbs } from './temp-db.test-helper.js';

const t = tempVulnDbs('mamori-import-checkpoint-');

/** OSV records of realistic size (a few KiB each with their enumerated versions). */
function corpus(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      JSON.stringify({
        schema_version: '1.6.0',
        id: `GHSA-test-${String(i).padStart(5, '0')}`,
        modified: '2026-01-01T00:00:00Z',
        aliases: [`CVE-2026-${10000 + i}`],
        summary: `advisory ${i}`,
        details: 'x'.repeat(600),
        affected: [
          {
            package: { ecosystem: 'PyPI', name: `package-${i % 700}` },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `${i % 9}.1.0` }] }],
            versions: Array.from({ length: 60 }, (_, v) => `0.${v}.${i % 13}`),
          },
        ],
      }),
    );
  return `${lines.join('\n')}\n`;
}

describe('import checkpoints', () => {
  it('copies the WAL into the database in the background while batches are committed', async () => {
    const db = t.freshDb();
    const checkpoints: CheckpointResult[] = [];
    const report = await importPath(db, t.file('osv.jsonl', corpus(6000)), {
      batchSize: 500,
      onCheckpoint: (r) => checkpoints.push(r),
    });
    expect(report.counts.new).toBe(6000);
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints.every((c) => c.checkpointed > 0 && c.checkpointed <= c.log)).toBe(true);
    // The database file holds the records once the import returns (the last frames are copied then).
    expect(statSync(db.file).size).toBeGreaterThan(6000 * 1024);
    expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
