/**
 * An import asked to stop (`ImportOptions.signal`: Ctrl-C in `feeds import`) ends between batches:
 * the batch being written is rolled back, the committed batches stay, the import log says
 * `interrupted`, a snapshot is not completed (nothing is removed), and running it again gives the
 * database one uninterrupted import gives. Archives are read synchronously, so the import gives the
 * event loop a turn after each batch: a signal that arrives as an event is seen there.
 */
import { describe, expect, it } from 'vitest';
import { contentDigest } from './database.js';
import { importPath } from './import.js';
import { tempVulnDbs } from './temp-db.test-helper.js';
import { buildZip } from './zip-writer.test-helper.js';

const t = tempVulnDbs('mamori-import-stop-');

function record(i: number, modified = '2026-01-01T00:00:00Z'): Record<string, unknown> {
  return {
    id: `GHSA-stop-${String(i).padStart(4, '0')}`,
    modified,
    aliases: [`CVE-2026-${20000 + i}`],
    summary: `advisory ${i}`,
    affected: [{ package: { ecosystem: 'npm', name: `pkg-${i % 7}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: `1.${i % 5}.0` }] }] }],
  };
}
const jsonLines = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => JSON.stringify(record(from + k))).join('\n') + '\n';
const zipOf = (ids: readonly number[], modified?: string) =>
  buildZip(ids.map((i) => ({ name: `${String(record(i).id)}.json`, data: JSON.stringify(record(i, modified)) })));

const recordCount = (db: ReturnType<typeof t.freshDb>) => db.sqlite.prepare('SELECT COUNT(*) FROM records').pluck().get() as number;
const lastImport = (db: ReturnType<typeof t.freshDb>) =>
  db.sqlite.prepare('SELECT status, finished_at, counts_json FROM imports ORDER BY id DESC LIMIT 1').get() as { status: string; finished_at: string | null; counts_json: string };

describe('stopping an import', () => {
  it('ends after the committed batches, logs the import as interrupted, and a second run finishes it', async () => {
    const input = t.file('osv.jsonl', jsonLines(0, 23));
    const db = t.freshDb();
    const stop = new AbortController();
    const report = await importPath(db, input, {
      batchSize: 5,
      signal: stop.signal,
      afterBatch: (n) => {
        if (n >= 10) stop.abort('SIGINT');
      },
    });
    expect(report.interrupted).toEqual({ committedRecords: 10 });
    // The counts are those of the committed batches (the records read after them were rolled back).
    expect(report.counts).toMatchObject({ new: 10, imported: 10 });
    expect(recordCount(db)).toBe(10);
    expect(lastImport(db)).toMatchObject({ status: 'interrupted' });
    expect(lastImport(db).finished_at).not.toBeNull();
    expect(JSON.parse(lastImport(db).counts_json)).toMatchObject({ new: 10 });

    const again = await importPath(db, input, { batchSize: 5 });
    expect(again.interrupted).toBeUndefined();
    expect(again.counts).toMatchObject({ new: 13, unchanged: 10 });
    expect(lastImport(db)).toMatchObject({ status: 'done' });
    const clean = t.freshDb();
    await importPath(clean, input);
    expect(contentDigest(db)).toBe(contentDigest(clean));
  });

  it('stops reading an all.zip when a signal arrives between two batches, and removes nothing from the snapshot', async () => {
    const db = t.freshDb();
    const first = await importPath(db, t.file('all.zip', zipOf(Array.from({ length: 40 }, (_, i) => i))), { snapshot: 'osv:npm' });
    expect(first.counts.new).toBe(40);
    // The next all.zip lacks records 30–39 and changes the others; it is stopped part-way. The
    // abort comes as an event after the first committed batch: the archive is read synchronously,
    // so the import must give the event loop a turn to see it.
    const next = zipOf(Array.from({ length: 30 }, (_, i) => i), '2026-02-01T00:00:00Z');
    const stop = new AbortController();
    const report = await importPath(db, t.file('all.zip', next), {
      snapshot: 'osv:npm',
      batchSize: 4,
      signal: stop.signal,
      afterBatch: () => setImmediate(() => stop.abort('SIGTERM')),
    });
    expect(report.interrupted?.committedRecords).toBeGreaterThanOrEqual(4);
    expect(report.interrupted?.committedRecords).toBeLessThan(30);
    expect(report.counts.removed).toBe(0);
    expect(recordCount(db)).toBe(40);
    expect(db.sqlite.prepare("SELECT COUNT(*) FROM changes WHERE kind = 'removed'").pluck().get()).toBe(0);
    expect(lastImport(db)).toMatchObject({ status: 'interrupted' });
  });

  it('does not start when asked to stop before it began', async () => {
    const db = t.freshDb();
    const stop = new AbortController();
    stop.abort('SIGINT');
    const report = await importPath(db, t.file('osv.jsonl', jsonLines(0, 3)), { signal: stop.signal });
    expect(report.interrupted).toEqual({ committedRecords: 0 });
    expect(recordCount(db)).toBe(0);
  });
});
