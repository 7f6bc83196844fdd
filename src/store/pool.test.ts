/**
 * PostgreSQL connections the server ends while they sit idle in the pool (a restart, a failover,
 * `pg_terminate_backend`, `DROP DATABASE … WITH (FORCE)`): the pool drops them and the store goes on
 * with new ones; the process does not end with an uncaught 'error' event.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDialect, postgresAdminUrl } from '../../test/support/databases.js';

describeEachDialect('store connections ended by the server', (env, dialect) => {
  if (dialect !== 'postgres') {
    it('does not apply to SQLite (no connections)', () => expect(env().store.dialect).toBe('sqlite'));
    return;
  }
  it('drops an idle connection the server ended and answers the next query on a new one', async () => {
    const { store, url } = env();
    // Two idle connections in the pool.
    await Promise.all([
      sql`select pg_sleep(0.05)`.execute(store.db),
      sql`select pg_sleep(0.05)`.execute(store.db),
    ]);
    const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    try {
      const database = new URL(url).pathname.slice(1);
      const ended = await admin.query<{ n: string }>(
        'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      expect(Number(ended.rows[0]!.n)).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.end();
    }
    // The ended connections report their error while idle; give them a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
    expect(after.rows[0]!.pid).not.toBe(before.rows[0]!.pid);
  });
});
