/**
 * Opening the vulnerability database (QA report "air-gapped operations", sections 5, 8 and 9): two
 * processes creating or upgrading one file at once; a database in a folder or file this process cannot
 * write (a read-only share or mount, a file of mode 444) read by `scan` / `vuln show`, refused with a
 * message that says what to fix by `feeds import` / `feeds status`, never an internal error.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { unprivilegedCli } from '../../test/support/unprivileged.js';
import { CliFailure } from '../cli/exit-codes.js';
import { vulnDbFailure } from '../cli/vulndb-failure.js';
import { cvssScorerId } from '../vulns/cvss.js';
import { storedCvssScorer } from './alias-groups.js';
import { openVulnDb, vulnDbSchemaVersion } from './database.js';
import { describeFileFailure, readAsSnapshot, readSnapshot, SnapshotRefused } from './file-access.js';
import { importPath } from './import.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-vulndb-open-'));
// Other users (the unprivileged child process) go through it to the folders the tests make.
chmodSync(dir, 0o755);
afterAll(() => {
  // Folders made read-only are made writable again so the temporary folder can be removed.
  for (const name of readdirSync(dir)) if (!name.includes('.')) chmodSync(path.join(dir, name), 0o755);
});

const holder = fileURLToPath(new URL('../../test/support/vulndb-lock-holder.ts', import.meta.url));
const kev = JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2025.01.01',
  dateReleased: '2025-01-01T00:00:00.000Z',
  count: 1,
  vulnerabilities: [
    {
      cveID: 'CVE-2021-44228',
      vendorProject: 'Apache',
      product: 'Log4j2',
      vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
      dateAdded: '2021-12-10',
      shortDescription: 'Apache Log4j2 contains a vulnerability.',
      requiredAction: 'Apply updates per vendor instructions.',
      dueDate: '2021-12-24',
      knownRansomwareCampaignUse: 'Known',
      notes: '',
    },
  ],
});
const kevFile = path.join(dir, 'kev.json');
writeFileSync(kevFile, kev);

const osvFile = path.join(dir, 'osv.jsonl');
writeFileSync(
  osvFile,
  `${JSON.stringify({
    id: 'GHSA-0001',
    modified: '2024-01-01T00:00:00Z',
    aliases: ['CVE-2024-0001'],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'thing' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }] }],
      },
    ],
  })}\n`,
);

/** A database with one OSV record and the KEV entry, written and closed (WAL mode, no log left). */
async function filledDb(name: string): Promise<string> {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  const file = path.join(folder, 'v.sqlite');
  const db = openVulnDb(file);
  await importPath(db, osvFile);
  await importPath(db, kevFile);
  db.close();
  return file;
}

type Outcome = { code: number | null; stdout: string; stderr: string };

/** Starts the lock holder on `file`; resolves once it holds the write lock, with its outcome to await. */
async function holdLock(file: string, ms: number): Promise<{ done: Promise<Outcome> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, file, String(ms)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const done = new Promise<Outcome>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('locked\n')) resolve();
    });
    child.on('close', () => reject(new Error(`the lock holder ended early: ${stderr}`)));
  });
  // In an object: a promise returned by an async function would be waited for.
  return { done };
}

const version1Tables: Readonly<Record<string, readonly string[]>> = {
  records: ['source', 'id', 'modified', 'withdrawn', 'json'],
  packages: ['ecosystem', 'name', 'source', 'id'],
  cpe_products: ['vendor', 'product', 'id'],
  aliases: ['source', 'id', 'alias'],
  kev: ['cve', 'date_added', 'due_date', 'ransomware', 'json'],
  epss: ['cve', 'score', 'percentile', 'date'],
  origins: ['origin', 'source', 'id'],
  changes: ['seq', 'record_id', 'kind', 'ecosystem', 'name', 'cpe_product', 'at'],
  imports: [
    'id',
    'source',
    'location',
    'format',
    'started_at',
    'finished_at',
    'status',
    'counts_json',
    'first_seq',
    'last_seq',
  ],
  sources: ['source', 'last_import_at', 'cursor', 'detail_json'],
};

/** Takes a database back to schema version 1, as the first mamori with a vulnerability database left it. */
function backToVersion1(file: string): void {
  const db = new Database(file);
  for (const t of db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[]) {
    const keep = version1Tables[t];
    if (!keep) db.exec(`DROP TABLE ${t}`);
    else
      for (const c of db.pragma(`table_info(${t})`) as { name: string }[])
        if (!keep.includes(c.name)) db.exec(`ALTER TABLE ${t} DROP COLUMN ${c.name}`);
  }
  db.pragma('user_version = 1');
  db.close();
}

describe('two processes opening one vulnerability database at the same time', () => {
  it('a new file: the second waits for the first one’s schema instead of creating the tables again', async () => {
    const file = path.join(dir, 'new-race.sqlite');
    // The other process has marked the new file and holds the write lock; this one reads schema
    // version 0 meanwhile. Before the fix it then created the tables the other one had just made:
    // "table records already exists".
    const other = await holdLock(file, 700);
    const db = openVulnDb(file);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(vulnDbSchemaVersion);
    db.close();
    const o = await other.done;
    expect(o.code, o.stderr).toBe(0);
    expect(o.stdout).toContain('opened');
  }, 30_000);

  it('an older schema: each step is run once, by whichever process takes the write lock first', async () => {
    const file = await filledDb('upgrade-race');
    backToVersion1(file);
    const other = await holdLock(file, 700);
    const messages: string[] = [];
    const db = openVulnDb(file, { onMigrate: (m) => messages.push(m) });
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(vulnDbSchemaVersion);
    expect(db.packageRecords('PyPI', 'thing').map((r) => r.id)).toEqual(['GHSA-0001']);
    db.close();
    const o = await other.done;
    expect(o.code, o.stderr).toBe(0);
    // The match records were added once, by one of the two.
    expect(
      [...messages, ...o.stdout.split('\n')].filter((m) => m.includes('Adding match records')),
    ).toHaveLength(1);
  }, 30_000);

  it('a changed CVSS scorer: the alias groups are re-scored once', async () => {
    const file = await filledDb('rescore-race');
    const raw = new Database(file);
    raw.exec(`UPDATE derived SET value = 'an earlier scorer' WHERE name = 'cvss-scorer'`);
    raw.close();
    const other = await holdLock(file, 700);
    const messages: string[] = [];
    const db = openVulnDb(file, { onMigrate: (m) => messages.push(m) });
    expect(storedCvssScorer(db.sqlite)).toBe(cvssScorerId);
    db.close();
    const o = await other.done;
    expect(o.code, o.stderr).toBe(0);
    expect([...messages, ...o.stdout.split('\n')].filter((m) => m.includes('Re-scoring'))).toHaveLength(1);
  }, 30_000);
});

describe('a vulnerability database this process cannot write', () => {
  it('reads a database in WAL mode as a snapshot only when SQLite could not use its folder', () => {
    // What a read-only open in a folder it cannot write fails with: no -wal and a read-only folder
    // (measured with `setpriv --reuid=65534`), or a read-only file system / a -wal without -shm.
    expect(readAsSnapshot('SQLITE_READONLY_DIRECTORY', false)).toBe(true);
    expect(readAsSnapshot('SQLITE_CANTOPEN', false)).toBe(true);
    expect(readAsSnapshot('SQLITE_READONLY_CANTINIT', false)).toBe(true);
    // The folder can be written: the failure is something else, and is reported.
    expect(readAsSnapshot('SQLITE_READONLY_DIRECTORY', true)).toBe(false);
    expect(readAsSnapshot('SQLITE_CANTOPEN', true)).toBe(false);
    // Not a question of the folder.
    for (const code of ['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_BUSY', 'SQLITE_IOERR_READ', null])
      expect(readAsSnapshot(code, false)).toBe(false);
  });

  it('the snapshot holds what the file holds, cannot be written, and leaves the file and its folder as they were', async () => {
    const file = await filledDb('snapshot');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(readFileSync(file)[18]).toBe(2); // WAL
    const sqlite = readSnapshot(file);
    expect(sqlite.prepare('SELECT cve FROM kev').pluck().all()).toEqual(['CVE-2021-44228']);
    expect(sqlite.prepare(`SELECT id FROM records`).pluck().all()).toEqual(['GHSA-0001']);
    expect(() => sqlite.exec('DELETE FROM kev')).toThrow(/readonly/);
    sqlite.close();
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    expect(readdirSync(path.dirname(file))).toEqual(['v.sqlite']);
  });

  it('refuses a snapshot when a log beside the file holds changes it cannot read', async () => {
    const file = await filledDb('snapshot-log');
    const db = openVulnDb(file);
    db.sqlite.exec(`UPDATE kev SET due_date = '2021-12-25'`); // a committed change, still only in the log
    const copy = path.join(dir, 'snapshot-log-copy');
    mkdirSync(copy);
    copyFileSync(file, path.join(copy, 'v.sqlite'));
    copyFileSync(`${file}-wal`, path.join(copy, 'v.sqlite-wal'));
    db.close();
    expect(() => readSnapshot(path.join(copy, 'v.sqlite'))).toThrow(SnapshotRefused);
    expect(() => readSnapshot(path.join(copy, 'v.sqlite'))).toThrow(
      /v\.sqlite-wal beside it holds changes that may not be in the file yet/,
    );
  });

  it('says what is wrong with the file instead of "not an SQLite database" or an internal error', () => {
    const file = path.join(dir, 'any.sqlite');
    const err = (code: string, message: string) => new Database.SqliteError(message, code);
    expect(
      describeFileFailure(err('SQLITE_READONLY', 'attempt to write a readonly database'), file, true),
    ).toMatch(
      /attempt to write a readonly database; check the permissions and owner of the file and of its folder/,
    );
    expect(describeFileFailure(err('SQLITE_FULL', 'database or disk is full'), file, true)).toMatch(
      /the disk is full/,
    );
    expect(describeFileFailure(err('SQLITE_BUSY', 'database is locked'), file, true)).toMatch(
      /another program is writing it/,
    );
    expect(
      describeFileFailure(err('SQLITE_CORRUPT', 'database disk image is malformed'), file, false),
    ).toMatch(/the file is damaged/);
    expect(describeFileFailure(err('SQLITE_CONSTRAINT', 'UNIQUE constraint failed'), file, true)).toBeNull();
    expect(describeFileFailure(new Error('a bug'), file, true)).toBeNull();
    // The CLI: exit 2 with the file named; a bug stays a bug (internal error, exit 3).
    const failure = vulnDbFailure(err('SQLITE_READONLY', 'attempt to write a readonly database'), file, true);
    expect(failure).toBeInstanceOf(CliFailure);
    expect((failure as CliFailure).exitCode).toBe(2);
    expect((failure as CliFailure).message).toMatch(
      /^Cannot write the vulnerability database .*any\.sqlite: /,
    );
    const bug = new Error('a bug');
    expect(vulnDbFailure(bug, file, true)).toBe(bug);
  });

  it('feeds import and scan: an SQLite file SQLite cannot open is a usage error (exit 2) that names it, not an internal error', async () => {
    const file = await filledDb('wal-is-a-folder');
    // The log cannot be opened (here: a folder in its place), whoever runs the test.
    mkdirSync(`${file}-wal`);
    const imported = await runCli(['feeds', 'import', kevFile, '--vuln-db', file], { cwd: dir });
    expect(imported.code).toBe(2);
    expect(imported.stderr).not.toMatch(/Internal error|not an SQLite database|at /);
    expect(imported.stderr).toContain(
      `${file} cannot be opened for writing: unable to open database file; check the permissions and owner of the file and of its folder`,
    );
    const shown = await runCli(['vuln', 'show', 'CVE-2021-44228', '--vuln-db', file], { cwd: dir });
    expect(shown.code).toBe(2);
    expect(shown.stderr).toContain(
      `${file} cannot be read: unable to open database file; check the permissions`,
    );
  });

  const cli = unprivilegedCli();
  const skip = 'skip' in cli ? cli.skip : null;
  if (skip !== null) console.log(`Skipped the read-only folder and file tests: ${skip}.`);

  it.skipIf(skip !== null)(
    'a read-only folder (a share, a USB mount): scan, vuln show, feeds status and feeds install read it; feeds import says what to fix',
    async () => {
      if ('skip' in cli) return;
      const file = await filledDb('ro-folder');
      const folder = path.dirname(file);
      // The file is the user's own (as the tester's copy was), its folder is not writable.
      if (process.getuid?.() === 0) chownSync(file, 65534, 65534);
      chmodSync(file, 0o644);
      chmodSync(folder, 0o555);
      const shown = await cli.run(['vuln', 'show', 'CVE-2021-44228', '--vuln-db', file], dir);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/KEV\s+known exploited since 2021-12-10/);
      const bom = path.join(dir, 'bom.cdx.json');
      writeFileSync(
        bom,
        JSON.stringify({
          bomFormat: 'CycloneDX',
          specVersion: '1.5',
          version: 1,
          components: [
            { type: 'library', name: 'thing', version: '1.0', purl: 'pkg:pypi/thing@1.0', 'bom-ref': 't' },
          ],
        }),
      );
      chmodSync(bom, 0o644);
      const scanned = await cli.run(['scan', bom, '--vuln-db', file, '--format', 'json'], dir);
      expect(scanned.code, scanned.stderr).toBe(0);
      expect(scanned.stdout).toContain('GHSA-0001');
      // Installed from there (the copy on a USB stick) into a folder that can be written.
      const target = path.join(dir, 'installed');
      mkdirSync(target);
      chmodSync(target, 0o777);
      const installed = await cli.run(
        ['feeds', 'install', file, '--vuln-db', path.join(target, 'v.sqlite')],
        dir,
      );
      expect(installed.code, installed.stderr).toBe(0);
      expect(installed.stdout).toMatch(/KEV entries\s+1 /);
      const imported = await cli.run(['feeds', 'import', kevFile, '--vuln-db', file], dir);
      expect(imported.code).toBe(2);
      expect(imported.stderr).not.toMatch(/Internal error|not an SQLite database/);
      expect(imported.stderr).toMatch(
        new RegExp(
          `cannot be written: its folder ${folder.replace(/[/.]/g, '\\$&')} is read-only for (user|uid) \\S+ \\(mode 555, owner uid \\d+\\), and SQLite needs to create v\\.sqlite-wal and v\\.sqlite-shm beside the database; check the folder's permissions and owner`,
        ),
      );
      // feeds status only reads a file it cannot write: as scan does, from memory here.
      const status = await cli.run(['feeds', 'status', '--vuln-db', file], dir);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/KEV entries\s+1 /);
      expect(readdirSync(folder)).toEqual(['v.sqlite']);
      console.log(`read-only folder: ran as ${cli.how}`);
    },
    60_000,
  );

  it.skipIf(skip !== null)(
    'a read-only file (mode 444): feeds import exits 2 with what to fix; feeds status and scan read it and leave nothing beside it',
    async () => {
      if ('skip' in cli) return;
      const file = await filledDb('ro-file');
      const folder = path.dirname(file);
      chmodSync(folder, 0o777);
      chmodSync(file, 0o444);
      const epss = path.join(dir, 'epss.csv');
      writeFileSync(
        epss,
        '#model_version:v2025.03.14,score_date:2025-12-26T12:55:00Z\ncve,epss,percentile\nCVE-2021-44228,0.97,0.99\n',
      );
      chmodSync(epss, 0o644);
      const imported = await cli.run(['feeds', 'import', epss, '--vuln-db', file], dir);
      expect(imported.code).toBe(2);
      expect(imported.stderr).not.toMatch(/Internal error| {4}at /);
      expect(imported.stderr).toMatch(
        /v\.sqlite cannot be written: it is read-only for (user|uid) \S+ \(mode 444, owner uid \d+\); check its permissions and owner \(mamori writes to it\), or work on a copy you can write/,
      );
      // feeds status reads it (QA: it was refused, as it opened the file for writing); scan reads it
      // too. Neither leaves the -wal and -shm its read-only connection made in the writable folder
      // (they were left owned by the reader, with mode 444: the owner could not write the log).
      const status = await cli.run(['feeds', 'status', '--vuln-db', file], dir);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/KEV entries\s+1 /);
      expect(status.stdout).toMatch(/osv:PyPI\s+1\s/);
      expect(readdirSync(folder)).toEqual(['v.sqlite']);
      const json = await cli.run(['feeds', 'status', '--vuln-db', file, '--format', 'json'], dir);
      expect(json.code, json.stderr).toBe(0);
      expect((JSON.parse(json.stdout) as { schemaVersion: number }).schemaVersion).toBe(vulnDbSchemaVersion);
      const bom = path.join(dir, 'bom-ro-file.cdx.json');
      writeFileSync(
        bom,
        JSON.stringify({
          bomFormat: 'CycloneDX',
          specVersion: '1.5',
          version: 1,
          components: [
            { type: 'library', name: 'thing', version: '1.0', purl: 'pkg:pypi/thing@1.0', 'bom-ref': 't' },
          ],
        }),
      );
      chmodSync(bom, 0o644);
      const scanned = await cli.run(['scan', bom, '--vuln-db', file, '--format', 'json'], dir);
      expect(scanned.code, scanned.stderr).toBe(0);
      expect(scanned.stdout).toContain('GHSA-0001');
      expect(readdirSync(folder)).toEqual(['v.sqlite']);
      // A log another program left beside it is not this reader's: left as it was.
      const writer = new Database(file, { readonly: true });
      writer.pragma('schema_version');
      expect(existsSync(`${file}-wal`)).toBe(true);
      const again = await cli.run(['feeds', 'status', '--vuln-db', file], dir);
      writer.close();
      expect(again.code, again.stderr).toBe(0);
      expect(readdirSync(folder).sort()).toEqual(['v.sqlite', 'v.sqlite-shm', 'v.sqlite-wal']);
    },
    60_000,
  );

  it.skipIf(skip !== null)(
    'a read-only file with an older schema: feeds status says it cannot upgrade it there and how to, exit 2',
    async () => {
      if ('skip' in cli) return;
      const file = await filledDb('ro-old');
      backToVersion1(file);
      const folder = path.dirname(file);
      chmodSync(folder, 0o777);
      chmodSync(file, 0o444);
      const status = await cli.run(['feeds', 'status', '--vuln-db', file], dir);
      expect(status.code).toBe(2);
      expect(status.stderr).not.toMatch(/Internal error| {4}at /);
      expect(status.stderr).toMatch(
        new RegExp(
          `has vulnerability database schema 1, older than this mamori uses \\(${vulnDbSchemaVersion}\\); upgrading it writes to it, and it is read-only for (user|uid) \\S+ \\(mode 444, owner uid \\d+\\): make it writable and upgrade it once with \`mamori feeds status --vuln-db ${file.replace(/[/.]/g, '\\$&')}\``,
        ),
      );
      expect(readdirSync(folder)).toEqual(['v.sqlite']);
      // Made writable, the same command upgrades it.
      chmodSync(file, 0o666);
      const upgraded = await cli.run(['feeds', 'status', '--vuln-db', file], dir);
      expect(upgraded.code, upgraded.stderr).toBe(0);
      expect(upgraded.stdout).toMatch(new RegExp(`Schema\\s+${vulnDbSchemaVersion}`));
    },
    60_000,
  );
});
