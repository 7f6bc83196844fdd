/** PostgreSQL housekeeping shared by the test databases and the benchmarks (no test framework here). */
import type pg from 'pg';

/**
 * `DROP DATABASE … WITH (FORCE)` ends the connections still open on the database, but it refuses
 * (42501, insufficient privilege) when one of them is an autovacuum worker, which a role that is not
 * a superuser may not signal: CI failed that way once after every test had passed. A plain DROP
 * asks autovacuum to stop and waits for it, but fails (55006) while a connection of ours lingers;
 * so the two are tried in turn, for up to about five seconds.
 */
export async function dropDatabase(c: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await c.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '42501' || attempt >= 50) throw e;
    }
    try {
      await c.query(`drop database if exists ${name}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006') throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
