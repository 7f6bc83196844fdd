/**
 * `mamori feeds import PATH`, `mamori feeds sync`, `mamori feeds status`: the local vulnerability
 * database (docs/adr/0010-vulnerability-database.md), offline, without a server.
 *
 * The database file is `--vuln-db FILE`, else `MAMORI_VULNDB`, else `<data dir>/vulndb.sqlite` (`--db` is
 * the deprecated old name of `--vuln-db`).
 * Exit codes: 0 done (invalid records are skipped and counted, records older than the stored ones
 * are not applied and counted); 1 an archive entry or a gzip file was refused (zip slip, zip bomb,
 * corrupt, damaged), a sync source failed, a synced KEV catalog or EPSS file was older than the
 * stored one (not applied: `stale`), or `feeds install` was given a file older than the installed
 * database (without --force; nothing changed); 2 the path or an option
 * is wrong, or nothing in the path was a feed mamori reads (everything was skipped); 130 / 143 stopped
 * by Ctrl-C (SIGINT) / SIGTERM at a safe point (committed batches and partial downloads are kept, and
 * one line on stderr says so and how to go on).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { osvEcosystemName, osvEcosystems } from '../../core/versions/registry.js';
import { defaultVulnDbFile, type ImportLogEntry, openVulnDb, type VulnDb, VulnDbError } from '../../vulndb/database.js';
import { defaultStaleDays, feedAge, type FeedState } from '../../vulndb/feed-states.js';
import type { FeedVersion } from '../../vulndb/feed-versions.js';
import { goingBackText } from '../../vulndb/data-dates.js';
import { type ImportCounts, importPath, printable, type ImportReport } from '../../vulndb/import.js';
import { whyNotWritable } from '../../vulndb/file-access.js';
import { installVulnDb } from '../../vulndb/install.js';
import { defaultOsvEcosystems, feedSources, syncFeeds, type FeedSource } from '../../vulndb/sync.js';
import { configFrom, type GlobalOptions } from '../config-from.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { CliFailure, exitCodes, stopName, stoppedExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { vulnDbFailure } from '../vulndb-failure.js';
import { renderRecord, renderTable } from '../output.js';

/** The vulnerability database file for a command: `--vuln-db`, `MAMORI_VULNDB`, `<data dir>/vulndb.sqlite`. */
export function vulnDbFile(io: CliIo, global: GlobalOptions, db: string | undefined): string {
  if (db) return path.resolve(io.cwd, db);
  const env = io.env.MAMORI_VULNDB;
  if (env) return path.resolve(io.cwd, env);
  return defaultVulnDbFile(configFrom(io, global).dataDir);
}

/** Opens the database for a command; a missing file (read-only) or a newer schema is a usage error. */
export function openVulnDbForCli(
  file: string,
  options: { readonly?: boolean; onMigrate?: (message: string) => void } = {},
): VulnDb {
  if (options.readonly && !existsSync(file))
    throw new CliFailure(
      `No vulnerability database at ${file}. Create it with "mamori feeds import PATH" or "mamori feeds sync" (or pass --vuln-db).`,
      exitCodes.usage,
    );
  try {
    return openVulnDb(file, options);
  } catch (e) {
    throw vulnDbFailure(e, file, options.readonly !== true);
  }
}

const feedsRead =
  'mamori reads OSV records (all.zip, a folder of .json files, .json, JSON lines .jsonl), NVD CVE API 2.0 JSON, the CISA KEV catalog (JSON or CSV), EPSS scores (.csv) and MyJVN (XML or JSON), each optionally gzipped (.gz).';

function countsLine(r: Pick<ImportReport, 'counts'>): string {
  const c = r.counts;
  // `removed` counts records; KEV entries no longer listed by a new catalog are counted with KEV.
  const kev = c.kev || c.kevRemoved ? `, KEV entries ${c.kev}${c.kevRemoved ? ` (${c.kevRemoved} removed)` : ''}` : '';
  // Records older than the stored versions (not applied) only when there are some; a note names one.
  const older = c.older ? `, older than stored ${c.older}` : '';
  return `new ${c.new}, changed ${c.changed}, withdrawn ${c.withdrawn}, removed ${c.removed}, unchanged ${c.unchanged}${older}, skipped ${c.skipped}, refused ${c.refused}${kev}${c.epss ? `, EPSS scores ${c.epss}` : ''}`;
}

function printReport(io: CliIo, json: boolean, r: ImportReport): void {
  if (json) {
    io.stdout(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  io.stdout(
    renderRecord([
      ['Location', r.location],
      ['Formats', r.formats.join(', ') || '-'],
      ['Records', countsLine(r)],
      [
        'Change log',
        r.firstSeq === null ? `no changes (last seq ${r.lastSeq})` : `seq ${r.firstSeq}–${r.lastSeq}`,
      ],
      ['Time', `${(r.durationMs / 1000).toFixed(1)} s`],
      ...r.notes.map((n): [string, string] => ['Note', printable(n)]),
    ]),
  );
  const reasons = Object.entries(r.reasons);
  if (reasons.length > 0) {
    io.stdout('\nSkipped and refused:\n');
    io.stdout(
      renderTable(
        ['count', 'reason'],
        reasons.slice(0, 30).map(([reason, n]) => [String(n), reason]),
      ),
    );
    for (const p of r.problems.slice(0, 10)) io.stderr(`${p.kind}: ${printable(p.where)}: ${printable(p.reason)}\n`);
  }
}

/** ` (catalog 2025.08.25 of 2025-08-25T17:04:19.9796Z)` for `feeds status`. */
function feedVersionText(v: FeedVersion | null, versionWord: string): string {
  if (v === null) return '';
  const parts = [v.version ? `${versionWord} ${v.version}` : null, `of ${v.date ?? 'an unknown date'}`].filter((x) => x !== null);
  return ` (${parts.join(' ')})`;
}

// Every count of ImportCounts (a Record, so that a count added there cannot be left out here).
const countKeySet: Record<keyof ImportCounts, true> = { imported: true, new: true, changed: true, withdrawn: true, removed: true, unchanged: true, older: true, skipped: true, refused: true, kev: true, kevRemoved: true, epss: true };
const countKeys = Object.keys(countKeySet) as (keyof ImportCounts)[];

/** The counts of a logged import as the import printed them (KEV entries and EPSS scores too), or why it failed. */
function loggedCountsLine(i: ImportLogEntry): string {
  const c = i.counts;
  if (c === null) return '-';
  if (typeof c.error === 'string') return printable(c.error);
  const counts = Object.fromEntries(countKeys.map((k) => [k, typeof c[k] === 'number' ? c[k] : 0])) as unknown as ImportCounts;
  return countsLine({ counts });
}

/** The state column of `feeds status`: never imported, a failed sync, stale, undated, or ok. */
function feedStateText(f: FeedState, age: { ageDays: number | null; stale: boolean }): string {
  const parts: string[] = [];
  if (f.records === 0 && f.lastImportedAt === null) parts.push('never imported');
  else if (f.newest === null) parts.push('date unknown');
  else if (age.stale) parts.push(`stale (${age.ageDays} day${age.ageDays === 1 ? '' : 's'} old)`);
  if (f.implausibleDates)
    parts.push(
      `${f.implausibleDates} implausible date${f.implausibleDates === 1 ? '' : 's'} (before 1990 or in the future) ignored`,
    );
  if (f.lastFailure) parts.push(`sync failed ${f.lastFailure.at}: ${printable(f.lastFailure.error)}`);
  return parts.join('; ') || 'ok';
}

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  ];
}

export function registerFeeds(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const feeds = program
    .command('feeds')
    .description('Local vulnerability database: import and sync OSV, NVD, CISA KEV, EPSS and JVN (offline)');

  feeds
    .command('import')
    .description(
      'Import a feed file or folder: OSV all.zip / .json / JSON lines, NVD CVE 2.0 JSON, CISA KEV JSON or CSV, EPSS CSV (.gz), MyJVN XML/JSON',
    )
    .argument('<path>', 'file or folder (format detected from name and content)')
    .option('--vuln-db <file>', 'vulnerability database (MAMORI_VULNDB, default <data dir>/vulndb.sqlite)')
    .option(
      '--allow-undated',
      'let a KEV catalog or EPSS file without a date replace stored KEV or EPSS data that has one (refused otherwise)',
    )
    .action(async (location: string, opts: { vulnDb?: string; allowUndated?: boolean }) => {
      const full = path.resolve(io.cwd, location);
      if (!existsSync(full))
        throw new CliFailure(`Cannot read ${location}: no such file or folder.`, exitCodes.usage);
      const file = vulnDbFile(io, global(), opts.vulnDb);
      const stop = io.takeStop();
      const db = openVulnDbForCli(file, { onMigrate: (m) => io.stderr(`${m}\n`) });
      try {
        const report = await importPath(db, full, {
          onProgress: (line) => io.stderr(`${line}\n`),
          signal: stop,
          ...(opts.allowUndated ? { allowUndated: true } : {}),
        });
        if (report.interrupted)
          throw new CliFailure(
            `Stopped by ${stopName(stop.reason)}: the ${report.interrupted.committedRecords} records written before it are kept and the import is logged as interrupted; run the same command again to finish (records already imported are skipped as unchanged).`,
            stoppedExitCode(stop.reason),
          );
        printReport(io, global().format === 'json', report);
        if (report.counts.refused > 0)
          throw new CliFailure(
            `${report.counts.refused} input${report.counts.refused === 1 ? ' was' : 's were'} refused: archive entries or damaged files (see above).`,
            exitCodes.checkFailed,
          );
        const undated = report.undatedFeedFiles ?? [];
        if (undated.length > 0)
          throw new CliFailure(
            `Not applied: ${undated.map((u) => `${u.where} (${u.feed === 'kev' ? 'KEV catalog' : 'EPSS scores'} without a date; the stored ones are of ${u.storedDate})`).join(', ')}. A file without a date may be older than the dated data it would replace; check it, then run again with --allow-undated to replace them.`,
            exitCodes.checkFailed,
          );
        // Nothing recognised: exit 2, also for an empty folder (nothing to skip, nothing read).
        if (report.recognised === 0 && (report.counts.skipped > 0 || statSync(full).isDirectory()))
          throw new CliFailure(
            report.counts.skipped === 0
              ? `Nothing imported: ${location} holds no files (hidden files are not read). ${feedsRead}`
              : `Nothing imported: ${statSync(full).isDirectory() ? `nothing in ${location} is` : `${location} is not`} a feed mamori reads (see the reasons above). ${feedsRead}`,
            exitCodes.usage,
          );
      } catch (e) {
        throw vulnDbFailure(e, file, true);
      } finally {
        db.close();
      }
    });

  feeds
    .command('sync')
    .description(
      'Download the feeds from their official locations (or --mirror) and import them; resumes interrupted downloads',
    )
    .option('--vuln-db <file>', 'vulnerability database (MAMORI_VULNDB, default <data dir>/vulndb.sqlite)')
    .addOption(new Option('--source <source...>', 'sources to sync (default: all)').choices([...feedSources]))
    .option(
      '--ecosystem <ecosystem>',
      `OSV ecosystem (any letter case), repeatable or comma-separated (default: ${defaultOsvEcosystems.join(', ')})`,
      collect,
    )
    .option(
      '--mirror <base-url>',
      'mirror base URL for air-gapped sites (files: BASE/osv/<Ecosystem>/all.zip, BASE/kev/…, BASE/epss/…; APIs that must answer the official paging parameters: BASE/nvd/cves/2.0, BASE/jvn/myjvn; an internal CA: NODE_EXTRA_CA_CERTS=ca.pem)',
    )
    .action(async (opts: { vulnDb?: string; source?: FeedSource[]; ecosystem?: string[]; mirror?: string }) => {
      if (opts.mirror !== undefined && !/^https?:\/\/[^/]+/.test(opts.mirror))
        throw new CliFailure(`--mirror must be an http(s) URL, not "${opts.mirror}".`, exitCodes.usage);
      // OSV's locations are case-sensitive (PyPI/all.zip): a name in any case is the exact one.
      const ecosystems = (opts.ecosystem ?? []).map((given) => {
        const exact = osvEcosystemName(given);
        if (exact === null)
          throw new CliFailure(
            `Unknown ecosystem "${given}". Use an OSV ecosystem name, optionally with a suffix (e.g. "Debian:12"): ${osvEcosystems.join(', ')}`,
            exitCodes.usage,
          );
        return exact;
      });
      const g = global();
      const file = vulnDbFile(io, g, opts.vulnDb);
      const stop = io.takeStop();
      const db = openVulnDbForCli(file, { onMigrate: (m) => io.stderr(`${m}\n`) });
      try {
        const results = await syncFeeds(db, {
          signal: stop,
          sources: opts.source && opts.source.length > 0 ? [...new Set(opts.source)] : [...feedSources],
          ecosystems: [...new Set(ecosystems)],
          mirror: opts.mirror ?? null,
          downloadDir: path.join(path.dirname(file), 'feeds'),
          fetch: io.fetch,
          log: (line) => io.stderr(`${line}\n`),
          ...(io.env.NVD_API_KEY ? { nvdApiKey: io.env.NVD_API_KEY } : {}),
        });
        if (g.format === 'json') io.stdout(`${JSON.stringify({ database: file, results }, null, 2)}\n`);
        else
          io.stdout(
            renderTable(
              ['source', 'result', 'records'],
              results.map((r) => [
                r.source,
                r.interrupted
                  ? 'stopped'
                  : r.stale
                  ? `stale: ${r.error ?? ''}`
                  : !r.ok
                  ? `failed: ${r.error ?? ''}`
                  : (r.report?.counts.refused ?? 0) > 0
                    ? 'incomplete: input refused'
                    : 'ok',
                r.report ? countsLine(r.report) : '-',
              ]),
            ),
          );
        // What was skipped or refused, as `feeds import` lists it.
        for (const r of results) {
          for (const p of r.report?.problems.slice(0, 10) ?? [])
            io.stderr(`${r.source}: ${p.kind}: ${printable(p.where)}: ${printable(p.reason)}\n`);
          // What people should know about what was applied (a snapshot that removed nothing, a date).
          for (const n of r.report?.notes ?? []) io.stderr(`${r.source}: note: ${printable(n)}\n`);
        }
        if (stop.aborted) {
          const at = results.find((r) => r.interrupted);
          const done = results.filter((r) => r.ok).map((r) => r.source);
          throw new CliFailure(
            `Stopped by ${stopName(stop.reason)}${at ? ` during ${at.source}: ${at.error ?? ''}` : ''}${done.length > 0 ? `; ${done.join(', ')} finished before` : ''}; run the same command again to go on.`,
            stoppedExitCode(stop.reason),
          );
        }
        const stale = results.filter((r) => r.stale);
        const failed = results.filter((r) => !r.stale && (!r.ok || (r.report?.counts.refused ?? 0) > 0));
        if (failed.length > 0 || stale.length > 0)
          throw new CliFailure(
            [
              failed.length > 0 ? `Sync incomplete: ${failed.map((r) => r.source).join(', ')}.` : null,
              stale.length > 0
                ? `Not applied: the ${stale.map((r) => r.source).join(' and ')} file${stale.length === 1 ? ' is' : 's are'} older than the stored one${stale.length === 1 ? '' : 's'}${opts.mirror ? ' (the mirror was not refreshed)' : ''}; the stored data and its last import are kept.`
                : null,
            ]
              .filter((x) => x !== null)
              .join(' '),
            exitCodes.checkFailed,
          );
      } catch (e) {
        throw vulnDbFailure(e, file, true);
      } finally {
        db.close();
      }
    });

  feeds
    .command('install')
    .description(
      'Install a vulnerability database copied from another machine (its vulndb.sqlite) in place of this one, safely while a server reads it',
    )
    .argument('<file>', 'the vulnerability database file to install (it is copied; the file itself is not changed)')
    .option('--vuln-db <file>', 'vulnerability database to replace (MAMORI_VULNDB, default <data dir>/vulndb.sqlite)')
    .option('--force', 'install it even when it is older than the installed database (its KEV catalog, EPSS scores or newest record of a source)')
    .addHelpText(
      'after',
      '\nThe file is copied with SQLite\'s backup API next to the database, checked, and renamed over it with the old file\'s write-ahead log emptied first. A running server opens the new file at its next check and analyses every release again. Do not run feeds import or feeds sync on the same database meanwhile.\n\nWhat is replaced is shown on stderr (the KEV catalog, EPSS scores and newest record of each source, installed → new). A file older than the installed database in any of them is not installed (exit 1, nothing changed) unless --force is given.',
    )
    .action(async (source: string, opts: { vulnDb?: string; force?: boolean }) => {
      const from = path.resolve(io.cwd, source);
      const file = vulnDbFile(io, global(), opts.vulnDb);
      const stop = io.takeStop();
      let result: Awaited<ReturnType<typeof installVulnDb>>;
      try {
        result = await installVulnDb(from, file, { onProgress: (line) => io.stderr(`${line}\n`), signal: stop, force: opts.force === true });
      } catch (e) {
        if (e instanceof VulnDbError) throw new CliFailure(e.message, exitCodes.usage);
        throw e;
      }
      if (!result.ok && 'older' in result)
        throw new CliFailure(
          `Not installed: ${source} is older than the installed database ${file}: ${result.older.map(goingBackText).join('; ')}. Nothing was changed. Install a newer copy, or add --force to go back on purpose.`,
          exitCodes.checkFailed,
        );
      if (!result.ok)
        throw new CliFailure(
          `Stopped by ${stopName(stop.reason)} before ${file} was replaced: nothing was changed; run the same command again to install ${source}.`,
          stoppedExitCode(stop.reason),
        );
      const s = result.status;
      if (global().format === 'json') io.stdout(`${JSON.stringify({ installed: from, ...s, replaced: result.replaced }, null, 2)}\n`);
      else
        io.stdout(
          renderRecord([
            ['Database', s.file],
            ['Installed from', from],
            ['Schema', String(s.schemaVersion)],
            [
              'Records',
              Object.entries(s.records)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || '0',
            ],
            ['KEV entries', `${s.kev}${feedVersionText(s.kevCatalog, 'catalog')}`],
            ['EPSS scores', `${s.epss}${feedVersionText(s.epssScores, 'model')}`],
            ['Last change seq', String(s.lastSeq)],
          ]),
        );
    });

  feeds
    .command('status')
    .description(
      'Show the vulnerability database: how fresh each feed is, sources, last imports, counts, last change sequence number',
    )
    .option('--vuln-db <file>', 'vulnerability database (MAMORI_VULNDB, default <data dir>/vulndb.sqlite)')
    .option('--stale-days <days>', `flag a feed as stale when its newest data is older than this many days (default ${defaultStaleDays})`)
    .action((opts: { vulnDb?: string; staleDays?: string }) => {
      const staleDays = opts.staleDays === undefined ? defaultStaleDays : Number(opts.staleDays);
      if (opts.staleDays !== undefined && (!/^\d+$/.test(opts.staleDays.trim()) || !Number.isSafeInteger(staleDays)))
        throw new CliFailure(`--stale-days must be a whole number of days, not "${opts.staleDays}".`, exitCodes.usage);
      const file = vulnDbFile(io, global(), opts.vulnDb);
      // Read-write only to upgrade an older schema (the command named for that) or copy the log into
      // the file: a file or folder this process cannot write is read as `scan` reads it (a file of
      // mode 444, a read-only share), and an older schema there is refused with what to do.
      const db = openVulnDbForCli(file, {
        readonly: !existsSync(file) || whyNotWritable(file) !== null,
        onMigrate: (m) => io.stderr(`${m}\n`),
      });
      try {
        const s = db.status();
        const now = new Date();
        const feeds = s.feeds.map((f) => ({ ...f, ...feedAge(f, now, staleDays) }));
        if (global().format === 'json') {
          io.stdout(`${JSON.stringify({ ...s, staleDays, feeds }, null, 2)}\n`);
          return;
        }
        io.stdout(
          renderRecord([
            ['Database', s.file],
            ['Schema', String(s.schemaVersion)],
            [
              'Records',
              Object.entries(s.records)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || '0',
            ],
            ['Withdrawn', String(s.withdrawn)],
            ['Packages', String(s.packages)],
            ['CPE products', String(s.cpeProducts)],
            ['Aliases', String(s.aliases)],
            ['KEV entries', `${s.kev}${feedVersionText(s.kevCatalog, 'catalog')}`],
            ['EPSS scores', `${s.epss}${feedVersionText(s.epssScores, 'model')}`],
            ['Last change seq', String(s.lastSeq)],
          ]),
        );
        if (feeds.length > 0) {
          io.stdout(`\nFeeds (stale: newest data older than ${staleDays} days):\n`);
          io.stdout(
            renderTable(
              ['feed', 'records', 'newest data', 'last imported', 'state'],
              feeds.map((f) => [f.feed, String(f.records), f.newest ?? '-', f.lastImportedAt ?? '-', feedStateText(f, f)]),
            ),
          );
        }
        if (s.sources.length > 0) {
          io.stdout('\nSources:\n');
          io.stdout(
            renderTable(
              ['source', 'last import', 'cursor'],
              s.sources.map((x) => [x.source, x.lastImportAt ?? '-', x.cursor ?? '-']),
            ),
          );
        }
        if (s.lastImports.length > 0) {
          io.stdout('\nLast imports:\n');
          io.stdout(
            renderTable(
              ['id', 'status', 'started', 'location', 'counts'],
              s.lastImports.map((i) => [
                String(i.id),
                i.status === 'running' && i.finishedAt === null ? 'interrupted or running' : i.status,
                i.startedAt,
                i.location,
                loggedCountsLine(i),
              ]),
            ),
          );
        }
      } finally {
        db.close();
      }
    });

  // The vulnerability database is --vuln-db (MAMORI_VULNDB, config vulnDb); --db was its old name,
  // easily read as mamori's own database (`mamori db`, --database-url).
  for (const command of feeds.commands) deprecatedAlias(command, io, '--db <file>', '--vuln-db');
}
