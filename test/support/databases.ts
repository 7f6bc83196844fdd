/**
 * Test databases on both dialects. Every store-level test runs once on SQLite (a temporary file, so
 * WAL and locking are real) and once on PostgreSQL (a fresh database per suite, created through
 * MAMORI_TEST_DATABASE_URL and dropped afterwards). Without PostgreSQL the PostgreSQL half is skipped
 * with a printed reason, except under CI=true, where it fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll as afterAllAsync, beforeAll as beforeAllAsync, describe, it } from 'vitest';
import { createServiceContext, type ServiceContext } from '../../src/services/context.js';
import { openStore, type Store } from '../../src/store/connect.js';
import type { Dialect } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { dropDatabase } from './pg-admin.js';

export const postgresAdminUrl = process.env.MAMORI_TEST_DATABASE_URL;
export const inCi = process.env.CI === 'true';

let warned = false;
function warnNoPostgres() {
  if (warned) return;
  warned = true;
  console.warn('PostgreSQL tests skipped: set MAMORI_TEST_DATABASE_URL=postgres://user:pass@host/db (a role that may create databases).');
}

export interface TestDatabase {
  readonly dialect: Dialect;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database of the given dialect. On PostgreSQL `encoding` creates it with another
 * server encoding than the cluster's default (from template0, with the C locale), as some sites do.
 */
export async function createTestDatabase(dialect: Dialect, options: { encoding?: 'SQL_ASCII' | 'LATIN1' } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-test-'));
    return {
      dialect,
      url: `sqlite:${path.join(dir, 'mamori.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresAdminUrl) throw new Error('MAMORI_TEST_DATABASE_URL is not set');
  const name = `mamori_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(
    options.encoding
      ? `create database ${name} encoding '${options.encoding}' lc_collate 'C' lc_ctype 'C' template template0`
      : `create database ${name}`,
  );
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresAdminUrl });
      await c.connect();
      try {
        await dropDatabase(c, name);
      } finally {
        await c.end();
      }
    },
  };
}


export interface TestEnv {
  readonly dialect: Dialect;
  readonly url: string;
  readonly store: Store;
  readonly ctx: ServiceContext;
}

/** A migrated store plus a service context; call `close()` when done. */
export async function openTestEnv(dialect: Dialect): Promise<TestEnv & { close(): Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const store = openStore(database.url);
  await migrateToLatest(store.db, store.dialect);
  return {
    dialect,
    url: database.url,
    store,
    ctx: createServiceContext(store),
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

export const dialects: readonly Dialect[] = ['sqlite', 'postgres'];

/**
 * `describe` once per dialect. The body receives a getter for the suite's environment, which is
 * opened before the suite's tests and closed after them.
 */
export function describeEachDialect(title: string, body: (env: () => TestEnv, dialect: Dialect) => void): void {
  for (const dialect of dialects) {
    const unavailable = dialect === 'postgres' && !postgresAdminUrl;
    if (unavailable && !inCi) {
      warnNoPostgres();
      describe.skip(`${title} [${dialect}]`, () => body(() => undefined as never, dialect));
      continue;
    }
    describe(`${title} [${dialect}]`, () => {
      if (unavailable) {
        it('needs PostgreSQL (CI=true)', () => {
          throw new Error('CI=true but MAMORI_TEST_DATABASE_URL is not set: PostgreSQL tests cannot run.');
        });
        return;
      }
      let env: (TestEnv & { close(): Promise<void> }) | undefined;
      beforeAllAsync(async () => {
        env = await openTestEnv(dialect);
      });
      afterAllAsync(async () => {
        await env?.close();
      });
      body(() => {
        if (!env) throw new Error('test environment not open');
        return env;
      }, dialect);
    });
  }
}

