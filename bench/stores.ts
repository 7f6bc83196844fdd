import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../src/store/connect.js';
import type { Dialect } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { dropDatabase } from '../test/support/pg-admin.js';

/** Benchmark databases older than this were left by an interrupted run (a running one is younger). */
const staleAfterMs = 6 * 60 * 60 * 1000;

/** Drops the `mamori_bench_<time>` databases an interrupted run left behind. */
async function dropStaleBenchDatabases(c: pg.Client): Promise<void> {
  const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname ~ '^mamori_bench_[0-9]+$'`);
  const stale = rows.map((r) => r.datname).filter((n) => Date.now() - Number(n.slice('mamori_bench_'.length)) > staleAfterMs);
  for (const n of stale) await dropDatabase(c, n);
  if (stale.length > 0) console.log(`(dropped ${stale.length} benchmark database(s) left by interrupted runs)`);
}

/** A fresh migrated database for one benchmark run (PostgreSQL via MAMORI_TEST_DATABASE_URL). */
export async function openBenchStore(dialect: Dialect): Promise<{ store: Store; close(): Promise<void> } | null> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-bench-'));
    const store = openStore(`sqlite:${path.join(dir, 'bench.db')}`);
    await migrateToLatest(store.db, 'sqlite');
    return { store, close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const admin = process.env.MAMORI_TEST_DATABASE_URL;
  if (!admin) {
    console.log('(PostgreSQL skipped: set MAMORI_TEST_DATABASE_URL)');
    return null;
  }
  const name = `mamori_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await dropStaleBenchDatabases(c);
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const store = openStore(url.toString());
  await migrateToLatest(store.db, 'postgres');
  return {
    store,
    close: async () => {
      await store.close();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      // Retried as the tests do: a lingering autovacuum worker makes FORCE fail for a role that is not a superuser.
      await dropDatabase(d, name);
      await d.end();
    },
  };
}
