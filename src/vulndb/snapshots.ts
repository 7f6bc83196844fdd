/**
 * Which snapshot an OSV archive is (docs/adr/0010-vulnerability-database.md, addendum 8). A snapshot
 * is the complete list of records of one feed: a record of an earlier import of the same snapshot
 * that the new one no longer holds is removed (src/vulndb/import.ts, table `origins`).
 *
 * An OSV `all.zip` is the snapshot of the ecosystem its records name: `osv:<Ecosystem>`, the name
 * `feeds sync` gives the download of `<Ecosystem>/all.zip`, wherever the file lies. The ecosystem is
 * the most specific one that every record naming a package names (`Debian` for Debian/all.zip, whose
 * records name `Debian:11`, `Debian:12`, …; `Debian:12` for Debian:12/all.zip; `PyPI` for PyPI/all.zip,
 * even when some records also name npm). An archive whose records name no single ecosystem (OSV's
 * all.zip of every ecosystem, or one put together by hand) is the snapshot of its file only:
 * `archive:<absolute path>`.
 *
 * While an archive is read, its origins are written under `zip:<absolute path>` (the key earlier
 * versions used for every archive), and moved to the snapshot's key once every record has been seen.
 * `zip:` keys found later (left by an older mamori, or by an import that was killed) are named the
 * same way from the stored records (`foldArchiveOrigins`).
 */
import type Database from 'better-sqlite3';

/** `Debian:12` → `Debian`, `Debian:12`: an ecosystem and every shorter name it is scoped under. */
export function ecosystemPrefixes(ecosystem: string): string[] {
  const out: string[] = [];
  let at = ecosystem.indexOf(':');
  while (at !== -1) {
    if (at > 0) out.push(ecosystem.slice(0, at));
    at = ecosystem.indexOf(':', at + 1);
  }
  if (ecosystem !== '') out.push(ecosystem);
  return out;
}

/** The ecosystems an OSV record names in `affected[].package.ecosystem`, read from its JSON as it is. */
export function namedEcosystems(record: unknown): string[] {
  const affected = typeof record === 'object' && record !== null ? (record as { affected?: unknown }).affected : undefined;
  if (!Array.isArray(affected)) return [];
  const out: string[] = [];
  for (const a of affected as unknown[]) {
    const pkg = typeof a === 'object' && a !== null ? (a as { package?: unknown }).package : undefined;
    const eco = typeof pkg === 'object' && pkg !== null ? (pkg as { ecosystem?: unknown }).ecosystem : undefined;
    if (typeof eco === 'string' && eco !== '') out.push(eco);
  }
  return out;
}

/**
 * The ecosystems (with their prefixes) that every record seen so far names, after one more record:
 * `common` is null before the first record naming a package; a record naming none changes nothing.
 */
export function narrowEcosystems(common: Set<string> | null, ecosystems: readonly string[]): Set<string> | null {
  if (ecosystems.length === 0) return common;
  const names = new Set(ecosystems.flatMap(ecosystemPrefixes));
  if (common === null) return names;
  for (const e of common) if (!names.has(e)) common.delete(e);
  return common;
}

/**
 * The one ecosystem a set of common names stands for: its most specific name, when the names are
 * that name and the names it is scoped under; null when there is none or several (`npm` and `PyPI`).
 */
export function snapshotEcosystem(common: ReadonlySet<string> | null): string | null {
  if (common === null || common.size === 0) return null;
  const names = [...common].sort((a, b) => b.length - a.length);
  const top = names[0]!;
  return names.every((e) => e === top || top.startsWith(`${e}:`)) ? top : null;
}

/** The snapshot key of an archive read whole: `osv:<Ecosystem>`, else `archive:<absolute path>`. */
export function archiveSnapshotKey(common: ReadonlySet<string> | null, absolutePath: string): string {
  const e = snapshotEcosystem(common);
  return e === null ? `archive:${absolutePath}` : `osv:${e}`;
}

/** The key origins are written under while the archive at this path is read. */
export function readingKey(absolutePath: string): string {
  return `zip:${absolutePath}`;
}

/** Moves every origin row of one key to another (rows already there are kept once). */
export function moveOrigins(db: Database.Database, from: string, to: string): void {
  if (from === to) return;
  db.prepare(`INSERT OR IGNORE INTO origins (origin, source, id) SELECT ?, source, id FROM origins WHERE origin = ?`).run(to, from);
  db.prepare(`DELETE FROM origins WHERE origin = ?`).run(from);
}

/**
 * Names the snapshots still keyed `zip:<path>` (an archive imported by an earlier version, or one
 * whose import was stopped before its end) by their ecosystem, from the records they hold, as an
 * import of the archive would now. One transaction per key; nothing to do (one index probe) when
 * none is left. Returns the keys given, `zip:<path>` → new key.
 */
export function foldArchiveOrigins(db: Database.Database, onProgress?: (line: string) => void): Map<string, string> {
  const done = new Map<string, string>();
  const keys = db.prepare(`SELECT DISTINCT origin FROM origins WHERE origin >= 'zip:' AND origin < 'zip;'`).pluck().all() as string[];
  if (keys.length === 0) return done;
  onProgress?.(`Naming ${keys.length} snapshot${keys.length === 1 ? '' : 's'} of archives imported earlier by their ecosystem (once)…`);
  const ecosystems = db.prepare(
    `SELECT o.source, o.id, json_extract(a.value, '$.package.ecosystem') FROM origins o JOIN records r ON r.source = o.source AND r.id = o.id, json_each(r.json, '$.affected') a WHERE o.origin = ?`,
  ).raw();
  for (const key of keys) {
    db.transaction(() => {
      const byRecord = new Map<string, string[]>();
      for (const [source, id, eco] of ecosystems.iterate(key) as Iterable<[string, string, unknown]>) {
        if (typeof eco !== 'string') continue;
        const k = `${source}\u0000${id}`;
        const l = byRecord.get(k);
        if (l) l.push(eco);
        else byRecord.set(k, [eco]);
      }
      let common: Set<string> | null = null;
      for (const l of byRecord.values()) common = narrowEcosystems(common, l);
      const to = archiveSnapshotKey(common, key.slice('zip:'.length));
      moveOrigins(db, key, to);
      done.set(key, to);
    })();
  }
  return done;
}
