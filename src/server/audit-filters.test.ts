/**
 * GET /audit filters by actor (user id or recorded name), action (one, or a prefix ending in a dot)
 * and time range, on top of the entity, with paging; GET /audit/export downloads the filtered log as
 * CSV (UTF-8 with a byte order mark) or JSON, oldest first, with each entry's hash, so the chain can
 * be checked offline. Another organisation's entries never show. On SQLite and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHashInput, type AuditEntry } from '../core/domain/audit.js';
import { createServiceContext, sha256Hex, type ServiceContext } from '../services/context.js';
import { createProduct, setProductArchived, updateProduct } from '../services/products.js';
import { tokenFor, testApp } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';

/** RFC 4180 CSV with every field quoted, as the exports write it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const re = /"((?:[^"]|"")*)"(,|\r\n)/g;
  let row: string[] = [];
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text)) !== null && m.index === end) {
    row.push(m[1]!.replace(/""/g, '"'));
    end = re.lastIndex;
    if (m[2] === '\r\n') {
      rows.push(row);
      row = [];
    }
  }
  expect(end).toBe(text.length);
  return rows;
}

interface Page {
  items: (AuditEntry & { subject: { label: string | null } })[];
  total: number;
  limit: number;
  offset: number;
}

describeEachDialect('audit log filters and export', (env) => {
  let now = new Date('2026-03-01T10:00:00.000Z');
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let t: Tenant;
  let other: Tenant;
  let viewerToken: string;
  let productId: string;

  const at = (iso: string) => {
    now = new Date(iso);
  };

  beforeAll(async () => {
    ctx = createServiceContext(env().store, { clock: () => now });
    ({ app } = await testApp(ctx));
    at('2026-02-27T12:00:00.000Z');
    t = await seedTenant(ctx);
    other = await seedTenant(ctx);
    viewerToken = await tokenFor(ctx, t.viewer);
    at('2026-03-01T10:00:00.000Z');
    const p = await createProduct(ctx, t.editor, productInput({ name: 'Pump A' }));
    if (!p.ok) throw new Error(p.error.message);
    productId = p.value.id;
    at('2026-03-14T15:30:00.000Z'); // 2026-03-15 00:30 in Japan
    expect((await updateProduct(ctx, t.admin, productId, { description: 'changed' })).ok).toBe(true);
    at('2026-03-31T23:00:00.000Z');
    expect((await setProductArchived(ctx, t.editor, productId, true)).ok).toBe(true);
    at('2026-04-02T09:00:00.000Z');
    expect((await createProduct(ctx, t.editor, productInput({ name: 'Pump B' }))).ok).toBe(true);
    // The other organisation: same actions, same days.
    expect((await createProduct(ctx, other.editor, productInput({ name: 'Other pump' }))).ok).toBe(true);
    at('2026-04-03T09:00:00.000Z');
  });
  afterAll(async () => app.close());

  async function list(query: string, token = viewerToken) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/audit?${query}`,
      headers: { authorization: `Bearer ${token}` },
    });
    return res;
  }
  async function page(query: string): Promise<Page> {
    const res = await list(query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  }

  it('filters by the acting user, newest first, paged with the filtered total', async () => {
    const all = await page(`actorUserId=${t.editor.userId}`);
    expect(all.items.map((e) => e.action)).toEqual(['product.create', 'product.archive', 'product.create']);
    expect(
      all.items.every((e) => e.actorUserId === t.editor.userId && e.organizationId === t.organizationId),
    ).toBe(true);
    expect(all.total).toBe(3);
    const second = await page(`actorUserId=${t.editor.userId}&limit=1&offset=1`);
    expect(second).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(second.items.map((e) => e.action)).toEqual(['product.archive']);
  });

  it('filters by the actor as recorded: an operator, or an email address', async () => {
    const byOperator = await page('actorName=operator:test');
    expect(byOperator.items.map((e) => e.action).sort()).toEqual([
      'organization.create',
      'user.create',
      'user.create',
      'user.create',
    ]);
    const byEmail = await page(`actorName=${encodeURIComponent(t.emails.admin)}`);
    expect(byEmail.items.map((e) => e.action)).toEqual(['product.update']);
  });

  it('filters by one action, or by every action under a prefix ending in a dot', async () => {
    expect((await page('action=product.create')).total).toBe(2);
    expect((await page('action=product.')).items.map((e) => e.action)).toEqual([
      'product.create',
      'product.archive',
      'product.update',
      'product.create',
    ]);
    // A prefix is a prefix, not a pattern, and it is case-sensitive on both dialects.
    expect((await page('action=product')).total).toBe(0);
    expect((await page('action=PRODUCT.')).total).toBe(0);
    expect((await page('action=user.create')).total).toBe(3);
    expect((await page('action=u_er.')).total).toBe(0);
  });

  it('filters by a time range: from inclusive, to exclusive; a date alone is midnight UTC, an offset is honoured', async () => {
    const march = await page('from=2026-03-01&to=2026-04-01');
    expect(march.items.map((e) => e.action)).toEqual(['product.archive', 'product.update', 'product.create']);
    // March in Japan (UTC+9) ends at 2026-03-31T15:00Z: the archive at 23:00Z is April there.
    const marchJst = await page(
      `from=${encodeURIComponent('2026-03-01T00:00:00+09:00')}&to=${encodeURIComponent('2026-04-01T00:00:00+09:00')}`,
    );
    expect(marchJst.items.map((e) => e.action)).toEqual(['product.update', 'product.create']);
    // Exactly at `from` is in, exactly at `to` is out.
    expect((await page(`from=${encodeURIComponent('2026-03-01T10:00:00Z')}&to=2026-03-02`)).total).toBe(1);
    expect((await page(`to=${encodeURIComponent('2026-03-01T10:00:00.000Z')}&action=product.`)).total).toBe(
      0,
    );
  });

  it('combines the filters: what did a user do in March', async () => {
    const res = await page(`actorUserId=${t.editor.userId}&from=2026-03-01&to=2026-04-01&action=product.`);
    expect(res.items.map((e) => [e.action, e.at])).toEqual([
      ['product.archive', '2026-03-31T23:00:00.000Z'],
      ['product.create', '2026-03-01T10:00:00.000Z'],
    ]);
    expect(res.items.map((e) => e.entityId)).toEqual([productId, productId]);
  });

  it("never shows another organisation's entries, even when filtered by its user", async () => {
    expect((await page(`actorUserId=${other.editor.userId}`)).total).toBe(0);
    const mine = await page('action=product.create&from=2026-04-02');
    expect(mine.items.map((e) => e.organizationId)).toEqual([t.organizationId]);
  });

  it('refuses an unreadable time bound and still refuses unknown parameters', async () => {
    for (const q of [
      'from=2026-13-01',
      'to=yesterday',
      `from=${encodeURIComponent('2026-03-01T10:00:00')}`,
      'actor=x',
    ]) {
      const res = await list(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('request.invalid');
    }
  });

  describe('export', () => {
    async function download(query: string, token = viewerToken) {
      return app.inject({
        method: 'GET',
        url: `/api/v1/audit/export?${query}`,
        headers: { authorization: `Bearer ${token}` },
      });
    }

    it('CSV: UTF-8 with a byte order mark, the filter applied, oldest first, every hash-input field and the hash', async () => {
      const res = await download(`format=csv&actorUserId=${t.editor.userId}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="audit-log-2026-04-03-090000\.csv"/,
      );
      const bytes = res.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n')[0]).toBe(
        '"seq","at","actorName","actorUserId","action","entityType","entityId","subject","subjectContext","before","after","id","organizationId","prevHash","hash"',
      );
      const rows = parseCsv(bytes.toString('utf8').slice(1)).slice(1);
      expect(rows.map((r) => r[4])).toEqual(['product.create', 'product.archive', 'product.create']);
      const listed = (await page(`actorUserId=${t.editor.userId}`)).items.reverse();
      expect(rows.map((r) => [Number(r[0]), r[14], r[13], r[7]])).toEqual(
        listed.map((e) => [e.seq, e.hash, e.prevHash, e.subject.label]),
      );
      expect(rows[0]![3]).toBe(t.editor.userId);
      // before/after are JSON text (an empty cell is null): the values the hash covers.
      expect(rows[0]![9]).toBe('');
      expect(JSON.parse(rows[0]![10]!)).toEqual(listed[0]!.after);
    });

    it('JSON: the entries as stored, whose hashes recompute from their content (offline check)', async () => {
      const res = await download('format=json');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/filename="audit-log-2026-04-03-090000\.json"/);
      const doc = res.json<{
        kind: string;
        organizationId: string;
        exportedAt: string;
        filter: object;
        entries: AuditEntry[];
      }>();
      expect(doc).toMatchObject({
        kind: 'mamori.audit-log',
        organizationId: t.organizationId,
        exportedAt: '2026-04-03T09:00:00.000Z',
        filter: {},
      });
      const total = (await page('limit=1')).total;
      expect(doc.entries).toHaveLength(total);
      const seqs = doc.entries.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      for (const e of doc.entries) {
        expect(e.organizationId).toBe(t.organizationId);
        expect(sha256Hex(auditHashInput(e)), `entry ${e.seq}`).toBe(e.hash);
      }
      // Where the organisation's entries follow each other, each links to the one before.
      const bySeq = new Map(doc.entries.map((e) => [e.seq, e]));
      let links = 0;
      for (const e of doc.entries) {
        const prev = bySeq.get(e.seq - 1);
        if (prev) {
          expect(e.prevHash).toBe(prev.hash);
          links += 1;
        }
      }
      expect(links).toBeGreaterThan(0);
    });

    it('the checker in the user guide (Node.js only) finds the export intact, and an altered entry', async () => {
      const res = await download('format=json');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-audit-export-'));
      const script = fileURLToPath(new URL('../../docs/user-guide/check-audit-export.mjs', import.meta.url));
      const check = (doc: string) => {
        const file = path.join(dir, 'export.json');
        writeFileSync(file, doc);
        try {
          return { code: 0, out: execFileSync(process.execPath, [script, file], { encoding: 'utf8' }) };
        } catch (e) {
          const failure = e as { status: number; stdout: string };
          return { code: failure.status, out: failure.stdout };
        }
      };
      try {
        const intact = check(res.body);
        expect(intact.code, intact.out).toBe(0);
        expect(intact.out).toMatch(/intact/);
        const doc = res.json<{ entries: { seq: number; actorName: string; after: unknown }[] }>();
        const victim = doc.entries.find((e) => e.after !== null)!;
        (victim.after as Record<string, unknown>).name = 'Pump Z';
        const altered = check(JSON.stringify(doc));
        expect(altered.code).toBe(1);
        expect(altered.out).toContain(`entry ${victim.seq}: its content does not match its hash`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('JSON keeps the filter it was made with; an empty result is still a document', async () => {
      const res = await download('format=json&action=sbom.&from=2026-03-01');
      expect(res.statusCode, res.body).toBe(200);
      const doc = res.json<{ filter: object; entries: unknown[] }>();
      expect(doc.filter).toEqual({ action: 'sbom.', from: '2026-03-01T00:00:00.000Z' });
      expect(doc.entries).toEqual([]);
    });

    it('CSV is the default format; the time bounds are checked; any role may export, not without a login', async () => {
      const editorToken = await tokenFor(ctx, t.editor);
      const res = await download('action=product.archive', editorToken);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.body.split('\r\n').filter((l) => l.includes('"product.archive"'))).toHaveLength(1);
      expect((await download('from=March')).statusCode).toBe(400);
      expect((await download('format=xlsx')).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: '/api/v1/audit/export' })).statusCode).toBe(401);
    });
  });
});
