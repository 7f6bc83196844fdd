import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { once } from 'node:events';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db, Dialect } from './database.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { searchFold } from '../core/search-fold.js';
import { versionSortKey } from '../core/sbom/version-sort-key.js';

export interface BulkColumn {
  readonly name: string;
  /** `json`: the value is JSON text, stored as text (documents what the column holds; stored like `text`). */
  readonly type: 'text' | 'integer' | 'json';
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction; on SQLite it takes the write lock up front (BEGIN IMMEDIATE). */
  transaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /**
   * Inserts many rows at once, inside the caller's transaction `trx`: on SQLite through one
   * prepared statement on the same connection, on PostgreSQL as one `COPY … FROM STDIN` (copyRows;
   * a `json` column's value must be the text of a JSON object or array). Tens of thousands of rows
   * cost milliseconds, not the seconds that query building per row would. `rows` may be a
   * generator: each row is used once, as it comes, so a caller need not hold every row in memory.
   * `whileStoring`, when given, runs once after the last row has been handed over, while the server
   * still stores the rows (PostgreSQL; on SQLite simply after them); if it throws, the insert fails
   * with its exception (the caller's transaction then rolls back).
   */
  bulkInsert(
    trx: Db,
    table: keyof Database,
    columns: readonly BulkColumn[],
    rows: Iterable<readonly unknown[]>,
    whileStoring?: () => void,
  ): Promise<void>;
  /**
   * Updates many rows inside the caller's transaction: each row is the values of `keys` (which
   * identify it) followed by the new values of `columns`. SQLite runs one prepared statement per
   * row; PostgreSQL one statement per 2,000 rows, joined to the rows passed as one JSON parameter.
   */
  bulkUpdate(trx: Db, table: keyof Database, keys: readonly string[], columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /**
   * The rows of a compiled select as arrays, in the order of its select list, on the caller's
   * connection. SQLite builds no object per row (better-sqlite3's raw mode): 100,000 findings of a
   * refresh took 1.7–2.4 s to read as objects and 0.9–1.2 s as arrays. PostgreSQL: the values of
   * the row objects.
   */
  selectArrays(trx: Db, query: CompiledQuery): Promise<unknown[][]>;
  close(): Promise<void>;
}

const identifier = /^[a-z_][a-z0-9_]*$/;
function checkIdentifiers(table: string, columns: readonly BulkColumn[]): void {
  checkNames(table, columns.map((c) => c.name));
}
function checkNames(table: string, columns: readonly string[]): void {
  for (const name of [table, ...columns]) if (!identifier.test(name)) throw new Error(`bulk statement: not a plain identifier: ${name}`);
}

/** A value in PostgreSQL's COPY text format: `\\N` for null; backslash, newline, carriage return and tab escaped. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return copySpecial.test(text) ? text.replace(copySpecialAll, (c) => copyEscapes[c]!) : text;
}
const copySpecial = /[\\\n\r\t]/;
const copySpecialAll = /[\\\n\r\t]/g;
const copyEscapes: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * PostgreSQL bulk insert: `COPY … FROM STDIN` in text format on the transaction's connection.
 *
 * Rows are written as they come, in pieces of 512 KiB, so the server stores rows while the
 * next ones are produced, and waits only when the socket is full. Measured on 50,000 SBOM
 * components (ADR 0007 addendum 2): building the COPY text takes about a third of the client time of
 * the JSON document `json_populate_recordset` needed, and the server stores the rows faster.
 *
 * The COPY runs on the transaction's own connection: Kysely hands a compiled query's `sql` to pg's
 * `client.query` unchanged, and pg runs any object with a `submit` method (here pg-copy-streams'
 * writable) as the query. If a row cannot be produced the COPY is cancelled (CopyFail) and the error
 * is rethrown, so the caller's transaction rolls back; a server error (a violated constraint) rejects
 * the same way.
 */
async function copyRows(trx: Db, table: string, columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>, whileStoring?: () => void): Promise<void> {
  checkIdentifiers(table, columns);
  const stream = copyFrom(`copy ${table} (${columns.map((c) => c.name).join(', ')}) from stdin`);
  const finished = once(stream, 'finish');
  finished.catch(() => undefined);
  await trx.executeQuery(CompiledQuery.raw(stream as unknown as string));
  // Values are encoded straight into pieces of 512 KiB (no row strings, no joined piece to encode
  // again): about 40 % less client time than building text and encoding it (ADR 0007 addendum 4).
  const pieceBytes = 1 << 19;
  let piece = Buffer.allocUnsafe(pieceBytes);
  let used = 0;
  const write = async (chunk: Buffer) => {
    if (stream.errored) throw stream.errored;
    // `finished` rejects as soon as the server reports an error, so a full socket never waits forever.
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), finished]);
  };
  try {
    for (const row of rows) {
      const last = row.length - 1;
      for (let i = 0; i <= last; i++) {
        const text = copyText(row[i]);
        // At most 3 bytes per UTF-16 code unit, and the separator.
        if (used + text.length * 3 + 1 > piece.length) {
          if (used > 0) await write(piece.subarray(0, used));
          piece = Buffer.allocUnsafe(Math.max(pieceBytes, text.length * 3 + 1));
          used = 0;
        }
        used += piece.write(text, used);
        piece[used++] = i === last ? 0x0a : 0x09;
      }
    }
    if (used > 0) await write(piece.subarray(0, used));
  } catch (e) {
    // Cancel the COPY and wait for the server to confirm, so the connection is free for the rollback.
    stream.destroy(e instanceof Error ? e : new Error(String(e)));
    await finished.catch(() => undefined);
    throw e;
  }
  stream.end();
  if (whileStoring) {
    // The server is storing the last rows and checking the statement (indexes, the ownership
    // trigger): work done here overlaps it. If it throws, the COPY still completes (the connection
    // must be free for the rollback) and the insert fails with its exception.
    try {
      whileStoring();
    } catch (e) {
      await finished.catch(() => undefined);
      throw e;
    }
  }
  await finished;
}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/**
 * Opens the store named by a database URL: `sqlite:<path>` / `sqlite::memory:` or `postgres://…`.
 * SQLite runs in WAL mode with foreign keys on and waits up to `busyTimeoutMs` for another process
 * holding the write lock, so concurrent writers queue instead of failing.
 */
export function openStore(url: string, options: { busyTimeoutMs?: number; poolSize?: number } = {}): Store {
  if (dialectOf(url) === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // A connection the server ends while it is idle in the pool (a restart, a failover,
    // pg_terminate_backend) reports its error on the pool, which has already dropped it; the next
    // query opens a new one. Without a listener that error event would end the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      transaction: (fn) => db.transaction().execute(fn),
      bulkInsert: (trx, table, columns, rows, whileStoring) => copyRows(trx, table, columns, rows, whileStoring),
      selectArrays: async (trx, query) => (await trx.executeQuery<Record<string, unknown>>(query)).rows.map((r) => Object.values(r)),
      bulkUpdate: async (trx, table, keys, columns, rows) => {
        checkNames(table, [...keys, ...columns]);
        const set = sql.join(columns.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`));
        const match = sql.join(
          keys.map((k) => sql`${sql.table(table)}.${sql.ref(k)} = v.${sql.ref(k)}`),
          sql` and `,
        );
        const names = [...keys, ...columns];
        for (let i = 0; i < rows.length; i += 2000) {
          const json = JSON.stringify(rows.slice(i, i + 2000).map((r) => Object.fromEntries(names.map((n, j) => [n, r[j]]))));
          await sql`update ${sql.table(table)} set ${set} from json_populate_recordset(null::${sql.table(table)}, ${json}::json) as v where ${match}`.execute(trx);
        }
      },
      close: () => db.destroy(),
    };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // Searches compare folded text (src/core/search-fold.ts; PostgreSQL: migration 0017).
  sqlite.function('mamori_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchFold(text) : text));
  // Migration 0018 fills components.version_key with it for rows stored before.
  sqlite.function('mamori_version_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? versionSortKey(text) : text));
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB page cache: bulk inserts into indexed tables (SBOM components) stay in memory.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const checkpointer = file === ':memory:' ? null : startCheckpointer(sqlite, file);
  return {
    db,
    dialect: 'sqlite',
    // Kysely's SQLite driver has a single connection guarded by a mutex: holding it for the whole
    // transaction serialises writers in this process; BEGIN IMMEDIATE does the same across processes.
    transaction: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          checkpointer?.afterCommit();
          return result;
        } catch (e) {
          await sql`rollback`.execute(conn);
          throw e;
        }
      }),
    // On the caller's transaction, as bulkInsert below.
    selectArrays: async (_trx, query) => sqlite.prepare(query.sql).raw().all(query.parameters) as unknown[][],
    bulkInsert: async (_trx, table, columns, rows, whileStoring) => {
      // The caller's transaction holds the only connection, which is this database handle.
      // (Multi-row VALUES statements were measured: no faster than one run per row.)
      checkIdentifiers(table, columns);
      const statement = sqlite.prepare(
        `insert into ${table} (${columns.map((c) => c.name).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      for (const row of rows) statement.run(row);
      whileStoring?.();
    },
    bulkUpdate: async (_trx, table, keys, columns, rows) => {
      // One prepared statement per row on the transaction's connection: measured against one
      // statement per chunk joined to json_each, which extracts every column from the row's JSON
      // text again (about 40 µs per finding row against a few).
      checkNames(table, [...keys, ...columns]);
      const statement = sqlite.prepare(
        `update ${table} set ${columns.map((c) => `${c} = ?`).join(', ')} where ${keys.map((k) => `${k} = ?`).join(' and ')}`,
      );
      const n = keys.length;
      for (const row of rows) statement.run([...row.slice(n), ...row.slice(0, n)]);
    },
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}

/** SQLite and PostgreSQL report a violated unique constraint differently. */
export function isUniqueViolation(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
