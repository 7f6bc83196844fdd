/**
 * Store tests: repositories against a real database, on SQLite and on PostgreSQL.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDialect, openTestEnv } from '../../test/support/databases.js';
import type { Product } from '../core/domain/product.js';
import { appendAudit, auditHead } from './repositories/audit.js';
import { inOrganization } from './repositories/findings.js';
import { insertOrganization } from './repositories/organizations.js';
import { findProduct, findProductNamed, insertProduct, listProducts, likePattern } from './repositories/products.js';
import { migrateToLatest, migrationNames } from './migrate.js';
import { isUniqueViolation } from './connect.js';
import { sha256Hex } from '../services/context.js';
import { randomUUID } from 'node:crypto';

const at = '2026-01-01T00:00:00.000Z';

function product(organizationId: string, name: string, extra: Partial<Product> = {}): Product {
  return {
    id: randomUUID(),
    organizationId,
    name,
    modelNumbers: ['M-1', 'モデル-2'],
    manufacturer: 'Maker',
    deviceClass: 'II',
    isSamd: true,
    useEnvironments: ['hospital', 'home'],
    connectivity: ['wired_lan'],
    description: '説明',
    createdAt: at,
    updatedAt: at,
    archivedAt: null,
    ...extra,
  };
}

describe('likePattern', () => {
  it('escapes LIKE wildcards so a search for "50%" matches only that text', () => {
    expect(likePattern('50%_x\\')).toBe('%50\\%\\_x\\\\%');
  });
});

describeEachDialect('store', (env) => {
  async function org(): Promise<string> {
    const id = randomUUID();
    await insertOrganization(env().store.db, { id, slug: id.slice(0, 8), name: 'O', createdAt: at, updatedAt: at, archivedAt: null });
    return id;
  }

  it('migrations are idempotent: a second run applies nothing', async () => {
    const result = await migrateToLatest(env().store.db, env().dialect);
    expect(result.error).toBeUndefined();
    expect(result.results).toEqual([]);
    expect(migrationNames.length).toBeGreaterThan(0);
  });

  it('round-trips a product with lists, flags and Japanese text', async () => {
    const orgId = await org();
    const p = product(orgId, '輸液ポンプ');
    await insertProduct(env().store.db, p);
    expect(await findProduct(env().store.db, orgId, p.id)).toEqual(p);
  });

  it('never returns a product to another organisation', async () => {
    const a = await org();
    const b = await org();
    const p = product(a, 'Secret');
    await insertProduct(env().store.db, p);
    expect(await findProduct(env().store.db, b, p.id)).toBeUndefined();
    const listB = await listProducts(env().store.db, b, { archived: 'include' }, { limit: 10, offset: 0 });
    expect(listB.total).toBe(0);
  });

  it('enforces unique product names per organisation, not across them', async () => {
    const a = await org();
    const b = await org();
    await insertProduct(env().store.db, product(a, 'Same'));
    await insertProduct(env().store.db, product(b, 'Same'));
    const error = await insertProduct(env().store.db, product(a, 'Same')).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('paginates, counts, filters archived and searches case-insensitively with literal wildcards', async () => {
    const orgId = await org();
    for (let i = 0; i < 7; i++) await insertProduct(env().store.db, product(orgId, `Pump ${i}`));
    await insertProduct(env().store.db, product(orgId, 'Monitor 100%', { archivedAt: at }));
    const db = env().store.db;
    const page = await listProducts(db, orgId, { archived: 'exclude' }, { limit: 3, offset: 3 });
    expect(page.total).toBe(7);
    expect(page.items.map((p) => p.name)).toEqual(['Pump 3', 'Pump 4', 'Pump 5']);
    expect((await listProducts(db, orgId, { archived: 'only' }, { limit: 10, offset: 0 })).total).toBe(1);
    expect((await listProducts(db, orgId, { archived: 'include', q: 'PUMP' }, { limit: 10, offset: 0 })).total).toBe(7);
    expect((await listProducts(db, orgId, { archived: 'include', q: '100%' }, { limit: 10, offset: 0 })).total).toBe(1);
    expect((await listProducts(db, orgId, { archived: 'include', q: '1%0' }, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await listProducts(db, orgId, { archived: 'include', q: 'モデル' }, { limit: 10, offset: 0 })).total).toBe(8);
  });

  it('searches and names fold width and case, also beyond ASCII (full-width Ｘ, half-width kana)', async () => {
    const orgId = await org();
    const db = env().store.db;
    await insertProduct(db, product(orgId, '輸液ポンプ Ｘ型'));
    await insertProduct(db, product(orgId, 'Pump Ｘ'));
    await insertProduct(db, product(orgId, 'ｲﾝｽﾘﾝポンプ'));
    await insertProduct(db, product(orgId, 'Monitor'));
    const names = async (q: string) =>
      (await listProducts(db, orgId, { archived: 'include', q }, { limit: 10, offset: 0 })).items.map((p) => p.name).sort();
    expect(await names('Ｘ')).toEqual(['Pump Ｘ', '輸液ポンプ Ｘ型']);
    expect(await names('x型')).toEqual(['輸液ポンプ Ｘ型']);
    expect(await names('ｐｕｍｐ ｘ')).toEqual(['Pump Ｘ']);
    expect(await names('インスリン')).toEqual(['ｲﾝｽﾘﾝポンプ']);
    expect(await names('ＭＯＮＩＴＯＲ')).toEqual(['Monitor']);
    expect(await findProductNamed(db, orgId, 'Pump Ｘ')).toMatchObject({ name: 'Pump Ｘ' });
    expect(await findProductNamed(db, orgId, 'pump x')).toMatchObject({ name: 'Pump Ｘ' });
    expect(await findProductNamed(db, orgId, 'Pump')).toBeUndefined();
    await insertProduct(db, product(orgId, 'PUMP X'));
    expect(await findProductNamed(db, orgId, 'pump x')).toBe('several');
    expect(await findProductNamed(db, orgId, 'PUMP X')).toMatchObject({ name: 'PUMP X' });
  });

  it('the database itself refuses to update or delete audit entries', async () => {
    const { store } = env();
    await store.transaction((trx) =>
      appendAudit(
        trx,
        store.dialect,
        { id: randomUUID(), at, organizationId: null, actorUserId: null, actorName: 't', action: 'x', entityType: 't', entityId: null, before: null, after: { a: 1 } },
        sha256Hex,
      ),
    );
    await expect(sql`update audit_log set action = 'y'`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
  });

  it('concurrent transactions extend the audit chain one by one, without busy errors', async () => {
    const { store } = env();
    const before = (await auditHead(store.db))!.seq;
    const n = 40;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.transaction(async (trx) => {
          await appendAudit(
            trx,
            store.dialect,
            { id: randomUUID(), at, organizationId: null, actorUserId: null, actorName: 't', action: `c${i}`, entityType: 't', entityId: null, before: null, after: null },
            sha256Hex,
          );
        }),
      ),
    );
    expect((await auditHead(store.db))!.seq).toBe(before + n);
    const rows = await store.db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  describe('bulkInsert', () => {
    const columns = ['id', 'slug', 'name', 'created_at', 'updated_at', 'archived_at'].map((name) => ({ name, type: 'text' as const }));
    const orgRow = (slug: string, name: string, archivedAt: string | null = null) => [randomUUID(), slug, name, at, at, archivedAt];

    it('stores every row and every character: tabs, newlines, backslashes, \\N, Japanese, emoji and nulls', async () => {
      const { store } = env();
      const tricky = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N \\t', '\\N', '', '輸液ポンプ 🩺', ' leading and trailing '];
      const prefix = randomUUID().slice(0, 8);
      // Enough rows for several COPY pieces on PostgreSQL.
      const rows = Array.from({ length: 5000 }, (_, i) => orgRow(`${prefix}-${i}`, `${tricky[i % tricky.length]!} ${'x'.repeat(i % 200)}`, i % 3 === 0 ? null : at));
      // A value larger than a whole piece (up to 720,000 bytes of UTF-8), in the middle.
      rows.splice(2500, 0, orgRow(`${prefix}-large`, `輸液\tポンプ🩺${'輸液ポンプ🩺'.repeat(40_000)}`));
      await store.transaction((trx) => store.bulkInsert(trx, 'organizations', columns, rows));
      const stored = await store.db.selectFrom('organizations').select(['id', 'slug', 'name', 'archived_at']).where('slug', 'like', `${prefix}-%`).execute();
      expect(stored).toHaveLength(rows.length);
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const [id, slug, name, , , archivedAt] of rows) expect(byId.get(id as string)).toEqual({ id, slug, name, archived_at: archivedAt });
    });

    it('bulkUpdate changes exactly the rows its keys name, in chunks, keeping every character', async () => {
      const { store } = env();
      const prefix = randomUUID().slice(0, 8);
      const rows = Array.from({ length: 4500 }, (_, i) => orgRow(`${prefix}-${i}`, `before ${i}`));
      await store.transaction((trx) => store.bulkInsert(trx, 'organizations', columns, rows));
      // Every other row, with its keys; row 7 names the right id with a wrong slug and must stay as it was.
      const updates = rows
        .filter((_, i) => i % 2 === 1)
        .map((r, k) => [r[0], k === 3 ? 'wrong-slug' : r[1], `after\t"${k}"\n輸液 \\N`, k % 3 === 0 ? null : at]);
      await store.transaction((trx) => store.bulkUpdate(trx, 'organizations', ['id', 'slug'], ['name', 'archived_at'], updates));
      const stored = await store.db.selectFrom('organizations').select(['id', 'name', 'archived_at']).where('slug', 'like', `${prefix}-%`).execute();
      const byId = new Map(stored.map((r) => [r.id, r]));
      rows.forEach((r, i) => {
        const k = (i - 1) / 2;
        const expected = i % 2 === 0 || k === 3 ? { name: `before ${i}`, archived_at: null } : { name: `after\t"${k}"\n輸液 \\N`, archived_at: k % 3 === 0 ? null : at };
        expect(byId.get(r[0] as string)).toEqual({ id: r[0], ...expected });
      });
    });

    it('a violated constraint in the middle fails the insert and the transaction keeps nothing', async () => {
      const { store } = env();
      const prefix = randomUUID().slice(0, 8);
      const rows = Array.from({ length: 3000 }, (_, i) => orgRow(`${prefix}-${i === 2500 ? 7 : i}`, 'dup'));
      await expect(store.transaction((trx) => store.bulkInsert(trx, 'organizations', columns, rows))).rejects.toSatisfy(isUniqueViolation);
      const count = await store.db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).where('slug', 'like', `${prefix}-%`).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    });

    it('a row source that throws rolls the transaction back and the store stays usable', async () => {
      const { store } = env();
      const prefix = randomUUID().slice(0, 8);
      function* rows(): Generator<unknown[]> {
        for (let i = 0; i < 4000; i++) {
          if (i === 3500) throw new Error('mapper failed');
          yield orgRow(`${prefix}-${i}`, 'row');
        }
      }
      await expect(store.transaction((trx) => store.bulkInsert(trx, 'organizations', columns, rows()))).rejects.toThrow('mapper failed');
      const count = await store.db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).where('slug', 'like', `${prefix}-%`).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
      await store.transaction((trx) => store.bulkInsert(trx, 'organizations', columns, [orgRow(`${prefix}-after`, 'after')]));
      expect(await store.db.selectFrom('organizations').select('name').where('slug', '=', `${prefix}-after`).executeTakeFirst()).toEqual({ name: 'after' });
    });

    it('whileStoring runs once, after the last row has been taken, before the insert is done', async () => {
      const { store } = env();
      const prefix = randomUUID().slice(0, 8);
      const seen: string[] = [];
      function* rows(): Generator<unknown[]> {
        for (let i = 0; i < 3000; i++) yield orgRow(`${prefix}-${i}`, 'row');
        seen.push('last row taken');
      }
      await store.transaction(async (trx) => {
        await store.bulkInsert(trx, 'organizations', columns, rows(), () => seen.push('whileStoring'));
        seen.push('insert done');
      });
      expect(seen).toEqual(['last row taken', 'whileStoring', 'insert done']);
      const count = await store.db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).where('slug', 'like', `${prefix}-%`).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(3000);
    });

    it('whileStoring that throws fails the insert: the transaction keeps nothing and the store stays usable', async () => {
      const { store } = env();
      const prefix = randomUUID().slice(0, 8);
      const rows = Array.from({ length: 3000 }, (_, i) => orgRow(`${prefix}-${i}`, 'row'));
      const refuse = () => {
        throw new Error('refused at the end');
      };
      await expect(store.transaction((trx) => store.bulkInsert(trx, 'organizations', columns, rows, refuse))).rejects.toThrow('refused at the end');
      const count = await store.db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).where('slug', 'like', `${prefix}-%`).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
      await store.transaction((trx) => store.bulkInsert(trx, 'organizations', columns, [orgRow(`${prefix}-after`, 'after')]));
      expect(await store.db.selectFrom('organizations').select('name').where('slug', '=', `${prefix}-after`).executeTakeFirst()).toEqual({ name: 'after' });
    });
  });
});

describe('SQLite query plans (SQLite keeps no statistics, so the index is chosen by shape)', () => {
  it('findings of some releases use findings_identity, and components of some packages the package index', async () => {
    const env = await openTestEnv('sqlite');
    try {
      const db = env.store.db;
      const planOf = async (q: { compile(): { sql: string } }) =>
        (await sql.raw<{ detail: string }>(`explain query plan ${q.compile().sql.replace(/\?/g, "'z'")}`).execute(db)).rows.map((r) => r.detail).join('; ');
      for (const q of [
        db.selectFrom('findings').selectAll().where('organization_id', '=', 'o').where('release_id', '=', 'r'),
        db.selectFrom('findings').selectAll().where('organization_id', '=', 'o').where('release_id', 'in', ['a', 'b']).where('package_key', 'in', ['x', 'y']),
      ])
        expect(await planOf(q)).toMatch(/USING INDEX findings_identity \(organization_id=\? AND release_id=\?/);
      // A release's history: the content events of its findings' contents, by content.
      expect(await planOf(db.selectFrom('content_events').selectAll().where(inOrganization('o')).where('content_id', 'in', ['a', 'b']))).toMatch(/USING INDEX content_events_content \(content_id=\?\)/);
      // The organisation's history and the changed-findings count: findings by content.
      expect(await planOf(db.selectFrom('finding_rows').select(['id', 'release_id', 'content_id', 'ended_id']).where(inOrganization('o')).where('content_id', 'in', ['a', 'b']))).toMatch(
        /USING INDEX finding_rows_content \(content_id=\?\)/,
      );
      // KEV in the field starts from the organisation's known-exploited contents.
      expect(await planOf(db.selectFrom('findings').select('id').where('organization_id', '=', 'o').where('status', '=', 'active').where('content_id', 'in', (eb) => eb.selectFrom('finding_contents').select('finding_contents.id').where('finding_contents.organization_id', '=', 'o').where('finding_contents.kev', '=', 1)))).toMatch(
        /SEARCH f USING INDEX finding_rows_content \(content_id=\? AND status=\?/,
      );
      // The analysed components of some packages (refresh): the package index, not a scan.
      expect(await planOf(db.selectFrom('component_packages').selectAll().where('organization_id', '=', 'o').where('ecosystem', '=', 'npm').where('name', 'in', ['a', 'b']))).toMatch(
        /USING INDEX component_packages_package \(ecosystem=\? AND name=\?\)/,
      );
    } finally {
      await env.close();
    }
  });
});
