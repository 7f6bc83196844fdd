/**
 * How SQLite runs the findings statements that pick findings by a list of ids. SQLite has no
 * statistics here: beside `organization_id = ?` it took the organisation's prefix of
 * `findings_identity` over the primary key once the list held about ten ids, and read every finding
 * of the organisation per statement (inOrganization). PostgreSQL plans by its own statistics.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../connect.js';
import { migrateToLatest } from '../migrate.js';
import {
  activeFindingsOfContents,
  findingPresenceEvents,
  inOrganization,
  newlyAffectedSince,
  setFindingsStatus,
  severityDeltas,
  touchContents,
} from './findings.js';

describe('findings picked by id on SQLite', () => {
  let dir: string;
  let file: string;
  let store: Store;
  const ids = Array.from({ length: 40 }, (_, i) => `finding-${i}`);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-plans-'));
    file = path.join(dir, 'plans.db');
    store = openStore(`sqlite:${file}`);
    await migrateToLatest(store.db, 'sqlite');
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The plan of every statement on `findings` with an id list that `run` prepares. */
  async function plans(
    run: () => Promise<unknown>,
    pick: (statement: string) => boolean = (s) =>
      /"finding_(rows|contents)"/.test(s) && /"(id|content_id)" in \(/.test(s),
  ): Promise<string[]> {
    const spy = vi.spyOn(Database.prototype, 'prepare');
    let prepared: string[];
    try {
      await run();
    } finally {
      // Restoring the method also forgets its calls.
      prepared = spy.mock.calls.map(([text]) => String(text));
      spy.mockRestore();
    }
    const statements = prepared.filter(pick);
    const db = new Database(file, { readonly: true });
    try {
      return statements.map((s) =>
        (
          db
            .prepare(`explain query plan ${s}`)
            .all(...Array.from({ length: (s.match(/\?/g) ?? []).length }, () => 'x')) as { detail: string }[]
        )
          .map((r) => r.detail)
          .join(' | '),
      );
    } finally {
      db.close();
    }
  }

  it('confirms contents and ends findings through the primary key, whatever the length of the list', async () => {
    const found = await plans(async () => {
      await store.transaction(async (trx) => {
        await touchContents(trx, 'org', ids, '2026-11-30T00:00:00.000Z', 7);
        await setFindingsStatus(trx, 'org', ids, {
          status: 'gone',
          at: '2026-11-30T00:00:00.000Z',
          seq: 7,
          clearComponent: true,
          endedId: 'ended',
        });
      });
    });
    expect(found).toEqual([
      'SEARCH finding_contents USING INDEX sqlite_autoindex_finding_contents_1 (id=?)',
      // Ending a finding reads its content's last confirmation, by the content's primary key too.
      expect.stringMatching(
        /^SEARCH finding_rows USING INDEX sqlite_autoindex_finding(s|_rows)_1 \(id=\?\)( \| CORRELATED SCALAR SUBQUERY \d \| SEARCH finding_contents USING INDEX sqlite_autoindex_finding_contents_1 \(id=\?\)){2}$/,
      ),
    ]);
  });

  it('counts the active findings of some contents through the content index', async () => {
    const found = await plans(() => activeFindingsOfContents(store.db, 'org', ids));
    expect(found).toEqual([
      'SEARCH finding_rows USING COVERING INDEX finding_rows_content (content_id=? AND status=?)',
    ]);
  });

  it('needs the guard: a plain organisation condition makes SQLite read the organisation prefix', async () => {
    const plain = await plans(() =>
      store.db
        .selectFrom('finding_rows')
        .select('id')
        .where('organization_id', '=', 'org')
        .where('id', 'in', ids)
        .execute(),
    );
    const guarded = await plans(() =>
      store.db
        .selectFrom('finding_rows')
        .select('id')
        .where(inOrganization('org'))
        .where('id', 'in', ids)
        .execute(),
    );
    expect(plain).toEqual(['SEARCH finding_rows USING INDEX findings_identity (organization_id=?)']);
    expect(guarded).toEqual([
      expect.stringMatching(
        /^SEARCH finding_rows USING INDEX sqlite_autoindex_finding(s|_rows)_1 \(id=\?\)$/,
      ),
    ]);
  });

  // Migration 0027: before it, the events of a finding were found by reading the organisation's or
  // the release's events for every finding ("newly affected since" ran over 300 s at 33,458 findings
  // on SQLite, and the synchronous driver stopped the server meanwhile).
  const onEvents = (s: string) => /"finding_events"/.test(s);

  it('reads the events of some findings through the finding index', async () => {
    const found = await plans(() => findingPresenceEvents(store.db, 'org', ids), onEvents);
    expect(found.length).toBeGreaterThan(0);
    for (const plan of found)
      expect(plan).toMatch(
        /SEARCH finding_events USING (COVERING )?INDEX finding_events_finding \(finding_id=\?/,
      );
  });

  it('answers "newly affected since" and the severity history without a scan of the events', async () => {
    const found = await plans(async () => {
      await newlyAffectedSince(store.db, 'org', '2020-01-01', { limit: 50, offset: 0 });
      await severityDeltas(store.db, 'org', null);
      await severityDeltas(store.db, 'org', 'release');
    }, onEvents);
    // The page and its count, and the organisation's and a release's history.
    expect(found).toHaveLength(4);
    for (const plan of found) {
      expect(plan).toMatch(/SEARCH finding_events USING (COVERING )?INDEX finding_events_/);
      expect(plan).not.toMatch(/SCAN finding_events/);
    }
  });
});
