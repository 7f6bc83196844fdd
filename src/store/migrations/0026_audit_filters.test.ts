/**
 * Migration 0026 on both dialects: the audit log's actor and time filters are served by indexes led
 * by the organisation (`audit_log_actor`, `audit_log_at`); on SQLite, whose planner uses no
 * statistics here, the filtered list and its count read them rather than all of the organisation's
 * entries.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';

describeEachDialect('migration 0026 (audit log filter indexes)', (env, dialect) => {
  it('creates the indexes', async () => {
    const { store } = env();
    const rows =
      dialect === 'sqlite'
        ? await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = 'audit_log'`.execute(store.db)
        : await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = 'audit_log'`.execute(store.db);
    expect(rows.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['audit_log_actor', 'audit_log_at']));
  });

  it.runIf(dialect === 'sqlite')(
    'the actor and time filters search their index (SQLite query plan)',
    async () => {
      const { store } = env();
      const plan = async (where: string) =>
        (
          await sql
            .raw<{ detail: string }>(
              `explain query plan select * from audit_log where organization_id = 'o' and ${where} order by seq desc limit 50`,
            )
            .execute(store.db)
        ).rows
          .map((r) => r.detail)
          .join('\n');
      expect(await plan(`actor_user_id = 'u'`)).toMatch(/USING INDEX audit_log_actor/);
      expect(await plan(`at >= '2026-03-01T00:00:00.000Z' and at < '2026-04-01T00:00:00.000Z'`)).toMatch(
        /USING INDEX audit_log_at/,
      );
    },
  );
});
