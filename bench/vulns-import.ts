/**
 * `npm run bench -- vulns` (import part): import of 200,000 OSV records into the vulnerability
 * database, as a ratio to JSON.parse of the same bytes measured in the same run, plus peak RSS.
 * The records are the 30,667 real ones of ../shared/conformance/advisories plus generated copies of
 * the same shape (new ids, package names and aliases), written as JSON lines to a temporary file.
 * Target: ≤ 3× JSON.parse. Also measured: a second import of the same file (all unchanged).
 *
 * `BENCH_VULNS_RECORDS=N` changes the record count (for a quick run).
 */
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parseOsvRecord } from '../src/core/vulns/advisory.js';
import { openVulnDb } from '../src/vulndb/database.js';
import { importPath } from '../src/vulndb/import.js';
import { peakRssMiB, report } from './measure.js';

const advisoriesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'conformance',
  'advisories',
);

function realLines(): string[] {
  if (!existsSync(advisoriesDir)) return [];
  const out: string[] = [];
  for (const f of readdirSync(advisoriesDir)
    .filter((x) => x.endsWith('.jsonl.gz'))
    .sort()) {
    for (const line of gunzipSync(readFileSync(path.join(advisoriesDir, f)))
      .toString('utf8')
      .split('\n'))
      if (line.trim() !== '') out.push(line);
  }
  return out;
}

/** A copy of a real record under a new id, with renamed packages and aliases (same shape and size). */
function variant(line: string, k: number): string {
  const r = JSON.parse(line) as Record<string, unknown> & {
    id: string;
    aliases?: string[];
    affected?: { package?: { name: string; purl?: string } }[];
  };
  r.id = `${r.id}-G${k}`;
  if (Array.isArray(r.aliases)) r.aliases = r.aliases.map((a) => `${a}-G${k}`);
  for (const a of r.affected ?? []) {
    if (a.package) {
      a.package.name = `${a.package.name}-g${k % 5000}`;
      if (a.package.purl) a.package.purl = `${a.package.purl}-g${k % 5000}`;
    }
  }
  return JSON.stringify(r);
}

/** Writes `n` records as JSON lines; returns the file and its size. */
export async function writeOsvCorpus(file: string, n: number): Promise<{ records: number; bytes: number }> {
  const real = realLines();
  if (real.length === 0) throw new Error(`the vulns bench needs ${advisoriesDir}`);
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  for (let i = 0; i < n; i++) {
    const base = real[i % real.length]!;
    await write(`${i < real.length ? base : variant(base, Math.floor(i / real.length))}\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { records: n, bytes: statSync(file).size };
}

function parseBaseline(file: string): number {
  const bytes = readFileSync(file);
  const t = performance.now();
  let start = 0;
  let n = 0;
  for (;;) {
    const end = bytes.indexOf(10, start);
    if (end === -1) break;
    JSON.parse(bytes.toString('utf8', start, end));
    n++;
    start = end + 1;
  }
  if (n === 0) throw new Error('empty corpus');
  return performance.now() - t;
}

/**
 * The floor under any import that checks and keeps every record: each line parsed, checked with
 * `parseOsvRecord` (as the import does) and its text inserted into a table shaped like the
 * database's `records` (unique on source and id), with the vulnerability database's settings (WAL,
 * synchronous NORMAL, 64 MiB cache) and a commit every 10,000 records. No package index, match
 * records, aliases, alias groups or change log: nothing a scan or a re-analysis could use. Printed
 * beside the import so that the target can be read against what the machine allows (ADR 0010).
 */
function storeFloor(file: string, dbFile: string): number {
  const bytes = readFileSync(file);
  const db = new Database(dbFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.exec(
      'CREATE TABLE records (source TEXT NOT NULL, id TEXT NOT NULL, modified TEXT NOT NULL, withdrawn INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL); CREATE UNIQUE INDEX records_key ON records (source, id)',
    );
    const insert = db.prepare('INSERT INTO records (source, id, modified, withdrawn, json) VALUES (?, ?, ?, ?, ?)');
    const t = performance.now();
    let start = 0;
    let pending = 0;
    db.exec('BEGIN');
    for (;;) {
      const end = bytes.indexOf(10, start);
      if (end === -1) break;
      const text = bytes.toString('utf8', start, end);
      start = end + 1;
      const parsed = parseOsvRecord(JSON.parse(text) as unknown);
      if (!parsed.ok) continue;
      const a = parsed.advisory;
      insert.run('osv', a.id, a.modified, a.withdrawn === null ? 0 : 1, text);
      if (++pending === 10_000) {
        db.exec('COMMIT');
        db.exec('BEGIN');
        pending = 0;
      }
    }
    db.exec('COMMIT');
    return performance.now() - t;
  } finally {
    db.close();
  }
}

export async function runVulnsImportBench(): Promise<void> {
  if (!existsSync(advisoriesDir)) {
    console.log(`skipped: ${advisoriesDir} is absent`);
    return;
  }
  const n = Number(process.env.BENCH_VULNS_RECORDS ?? 200_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-bench-vulns-'));
  try {
    const corpus = path.join(dir, 'osv.jsonl');
    const { bytes } = await writeOsvCorpus(corpus, n);
    console.log(
      `OSV corpus: ${n} records (30,667 real + generated), ${(bytes / 1024 / 1024).toFixed(0)} MiB JSON lines`,
    );
    // The baseline is measured before and after the imports; the smaller (stricter) one is used, and
    // both are printed so that a machine busy with other work shows up as a spread between them.
    globalThis.gc?.();
    const parseBefore = parseBaseline(corpus);
    globalThis.gc?.();
    const db = openVulnDb(path.join(dir, 'vulndb.sqlite'));
    const t0 = performance.now();
    const first = await importPath(db, corpus);
    const importMs = performance.now() - t0;
    const t1 = performance.now();
    const second = await importPath(db, corpus);
    const againMs = performance.now() - t1;
    db.close();
    globalThis.gc?.();
    const floorMs = storeFloor(corpus, path.join(dir, 'floor.sqlite'));
    globalThis.gc?.();
    const parseAfter = parseBaseline(corpus);
    const parseMs = Math.min(parseBefore, parseAfter);
    console.log(
      `JSON.parse baseline: ${parseBefore.toFixed(0)} ms before, ${parseAfter.toFixed(0)} ms after the imports`,
    );
    if (first.counts.new + first.counts.withdrawn + first.counts.skipped !== n)
      throw new Error(`import counted ${JSON.stringify(first.counts)}`);
    if (second.counts.unchanged + second.counts.skipped !== n)
      throw new Error(`re-import counted ${JSON.stringify(second.counts)}`);
    report([
      {
        name: `import ${n} OSV records (new)`,
        ms: importMs,
        baselineMs: parseMs,
        note: `target ≤ 3×; ${(n / (importMs / 1000)).toFixed(0)} records/s`,
      },
      {
        name: `floor: parse + check + store the record text`,
        ms: floorMs,
        baselineMs: parseMs,
        note: 'no index, match records, aliases or change log: the least an import that keeps every record costs',
      },
      {
        name: `re-import, all unchanged`,
        ms: againMs,
        baselineMs: parseMs,
        note: `${(n / (againMs / 1000)).toFixed(0)} records/s`,
      },
    ]);
    console.log(
      `database ${(statSync(path.join(dir, 'vulndb.sqlite')).size / 1024 / 1024).toFixed(0)} MiB; peak RSS ${peakRssMiB().toFixed(0)} MiB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
