import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database, Db, Dialect } from './database.js';
import { startCheckpointer } from './sqlite-checkpointer.js';

export interface BulkColumn {
  readonly name: string;
  /** `json`: the value is JSON text (stored as text); PostgreSQL receives it embedded, not re-escaped. */
  readonly type: 'text' | 'integer' | 'json';
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction; on SQLite it takes the write lock up front (BEGIN IMMEDIATE). */
  transaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /**
   * Inserts many rows at once, inside the caller's transaction `trx`: on SQLite through one
   * prepared statement on the same connection, on PostgreSQL as `insert … select from
   * json_populate_recordset(…)` with one JSON parameter per chunk of rows (a `json` column's value
   * must be the text of a JSON object or array). Tens of thousands of rows cost milliseconds, not the
   * seconds that query building per row would. `rows` may be a generator: each row is used once, as
   * it comes, so a caller need not hold every row in memory.
   */
  bulkInsert(trx: Db, table: keyof Database, columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>): Promise<void>;
  close(): Promise<void>;
}

const identifier = /^[a-z_][a-z0-9_]*$/;
function checkIdentifiers(table: string, columns: readonly BulkColumn[]): void {
  for (const name of [table, ...columns.map((c) => c.name)])
    if (!identifier.test(name)) throw new Error(`bulkInsert: not a plain identifier: ${name}`);
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
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      transaction: (fn) => db.transaction().execute(fn),
      bulkInsert: async (trx, table, columns, rows) => {
        checkIdentifiers(table, columns);
        // One JSON parameter per chunk, expanded server-side by json_populate_recordset: far cheaper
        // for the client than one escaped array literal per column. The parameter is written here
        // directly (no intermediate objects); a `json` column's text is embedded as a JSON value, so
        // it is neither escaped here nor unescaped by the server, and json_populate_recordset stores
        // that value's text in the text column.
        // Chunks are about 1 MiB (messages of several MiB were measured to cost far more per byte on
        // a loopback connection), and the next chunk is built while the server stores the previous
        // one, so client and server work overlap instead of taking turns.
        const chunkChars = 1 << 20;
        const names = sql.join(columns.map((c) => sql.ref(c.name)));
        const keys = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
        const raw = columns.map((c) => c.type === 'json');
        const send = (json: string) =>
          sql`insert into ${sql.table(table)} (${names}) select ${names} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(trx);
        let inFlight: Promise<unknown> = Promise.resolve();
        let parts: string[] = [];
        let size = 0;
        const flush = async () => {
          const json = `[${parts.join(',')}]`;
          parts = [];
          size = 0;
          await inFlight;
          inFlight = send(json);
          // A failure is reported by the final await; until then the next chunk is built.
          inFlight.catch(() => undefined);
        };
        for (const row of rows) {
          let o = '';
          for (let i = 0; i < keys.length; i++) {
            const v = row[i];
            o += keys[i]! + (v === null || v === undefined ? 'null' : raw[i] ? (v as string) : JSON.stringify(v));
          }
          parts.push(`${o}}`);
          size += o.length;
          if (size >= chunkChars) await flush();
        }
        if (parts.length > 0) await flush();
        await inFlight;
      },
      close: () => db.destroy(),
    };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
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
    bulkInsert: async (_trx, table, columns, rows) => {
      // The caller's transaction holds the only connection, which is this database handle.
      // (Multi-row VALUES statements were measured: no faster than one run per row.)
      checkIdentifiers(table, columns);
      const statement = sqlite.prepare(
        `insert into ${table} (${columns.map((c) => c.name).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      for (const row of rows) statement.run(row);
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
