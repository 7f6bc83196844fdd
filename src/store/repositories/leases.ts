/**
 * Leases (`monitor_leases`, ADR 0015): one holder at a time for an installation-wide task. Taking a
 * lease is one statement (an upsert that only overwrites a row of the same holder or a lapsed one),
 * so two processes that try at the same moment cannot both get it.
 */
import type { Db } from '../database.js';

/**
 * Takes or renews the lease `name` for `holder` until `until`; true when `holder` holds it now.
 * A lease held by someone else is taken only once its time (`expires_at`) is before `now`.
 */
export async function takeLease(db: Db, name: string, holder: string, now: string, until: string): Promise<boolean> {
  const result = await db
    .insertInto('monitor_leases')
    .values({ name, holder, expires_at: until })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: until })
        .where((eb) => eb.or([eb('monitor_leases.holder', '=', holder), eb('monitor_leases.expires_at', '<', now)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives the lease back (the next process to ask gets it at once); nothing when `holder` does not hold it. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom('monitor_leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Who holds the lease `name`, until when; null when nobody does. */
export async function leaseOf(db: Db, name: string): Promise<{ holder: string; expiresAt: string } | null> {
  const row = await db.selectFrom('monitor_leases').select(['holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
  return row ? { holder: row.holder, expiresAt: row.expires_at } : null;
}

/**
 * Takes the lease `name` from `from` (a holder known to be gone: a crashed process of this host)
 * for `holder` until `until`, before it lapses; true when taken. Nothing when someone else took it
 * meanwhile (one conditional statement, like `takeLease`).
 */
export async function takeOverLease(db: Db, name: string, from: string, holder: string, until: string): Promise<boolean> {
  const result = await db.updateTable('monitor_leases').set({ holder, expires_at: until }).where('name', '=', name).where('holder', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
