/**
 * Documents issued are traceable (QA auditor report 2): every export and download — SBOM export and
 * original, VEX / OpenVEX / CSAF, evidence files, compliance and security risk reports, threat model
 * exports, the traceability CSV — writes an `export.download` audit entry with who, what it is about,
 * the format and the SHA-256 of the bytes sent; ordinary reads write nothing, and the chain verifies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs, seedRelease, testApp, tokenFor, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, smallSbom, type Tenant } from '../../test/support/fixtures.js';
import { testVulnDb, vulnDbBefore } from '../../test/support/vulns.js';
import { verifyAuditChain } from '../services/audit.js';
const td = JSON.parse(
  readFileSync(new URL('../../test/fixtures/threat-dragon-pump.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

interface Entry {
  seq: number;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  after: Record<string, unknown>;
  subject: { productId: string | null; releaseId: string | null };
}

describeEachDialect('documents issued in the audit log', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let editor: BrowserSession;
  let admin: BrowserSession;
  let viewerToken: string;
  let productId: string;
  let releaseId: string;
  let sbomId: string;
  let evidenceId: string;
  let threatModelId: string;

  const audit = async (query = '') =>
    (await admin.request('GET', `/api/v1/audit?limit=500${query}`)).json<{ total: number; items: Entry[] }>();
  /** Downloads `url` as the viewer (API token); returns the response and the audit entries it added. */
  const download = async (url: string) => {
    const before = (await audit()).total;
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${viewerToken}` } });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    const page = await audit();
    return { res, added: page.items.slice(0, page.total - before) };
  };
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(vulnDbBefore()) }));
    t = await seedTenant(env().ctx);
    editor = await loginAs(app, t, 'editor');
    admin = await loginAs(app, t, 'admin');
    viewerToken = await tokenFor(env().ctx, t.viewer);
    const seeded = await seedRelease(app, editor, {
      release: { version: '1.0.0', releaseDate: '2026-04-01', stage: 'support' },
      sbom: smallSbom,
      fileName: 'pump.cdx.json',
      analyse: true,
    });
    ({ productId, releaseId } = seeded);
    sbomId = seeded.sbomId!;
    const ev = await app.inject({
      method: 'POST',
      url: `/api/v1/compliance/${productId}/evidence/iec-81001-5-1/8/file?fileName=plan.pdf`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4 test\n'),
    });
    expect(ev.statusCode, ev.body).toBe(201);
    evidenceId = ev.json<{ id: string }>().id;
    const imported = await editor.request('POST', `/api/v1/products/${productId}/threat-models/import`, td);
    expect(imported.statusCode, imported.body).toBe(201);
    threatModelId = imported.json<{ id: string }>().id;
  });
  afterAll(async () => app.close());

  it('an SBOM export: who, which release, which format and variant, and the hash of what was sent', async () => {
    const { res, added } = await download(
      `/api/v1/releases/${releaseId}/export?format=spdx-2.3-json&variant=hospital`,
    );
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      actorName: t.emails.viewer,
      action: 'export.download',
      entityType: 'release',
      entityId: releaseId,
      subject: { productId, releaseId },
      after: {
        document: 'sbom_export',
        format: 'spdx-2.3-json',
        options: { variant: 'hospital' },
        mediaType: 'application/spdx+json',
        size: res.rawPayload.length,
        sha256: sha256(res.rawPayload),
        via: 'token',
      },
    });
    expect(added[0]!.after.fileName).toMatch(/\.spdx\.json$/);
  });

  it('the original SBOM and an evidence file: their stored hash', async () => {
    const sbom = await download(`/api/v1/sboms/${sbomId}/original`);
    expect(sbom.added).toHaveLength(1);
    expect(sbom.added[0]).toMatchObject({
      entityType: 'sbom',
      entityId: sbomId,
      subject: { productId, releaseId },
      after: {
        document: 'sbom_original',
        format: null,
        fileName: 'pump.cdx.json',
        sha256: sha256(smallSbom),
      },
    });
    const evidence = await download(`/api/v1/evidence/${evidenceId}/file`);
    expect(evidence.added[0]).toMatchObject({
      entityType: 'compliance_evidence',
      entityId: evidenceId,
      subject: { productId },
      after: {
        document: 'evidence_file',
        fileName: 'plan.pdf',
        sha256: sha256(Buffer.from('%PDF-1.4 test\n')),
        options: { catalog: 'iec-81001-5-1@2021', entry: '8' },
      },
    });
  });

  it('VEX, OpenVEX and CSAF: the format, the release and the language', async () => {
    for (const format of ['cyclonedx', 'openvex', 'csaf_vex', 'csaf_security_advisory']) {
      const { res, added } = await download(
        `/api/v1/products/${productId}/vex?format=${format}&releaseId=${releaseId}&lang=ja`,
      );
      expect(added, format).toHaveLength(1);
      expect(added[0]).toMatchObject({
        actorName: t.emails.viewer,
        entityType: 'release',
        entityId: releaseId,
        subject: { productId, releaseId },
        after: {
          document: 'vex',
          format,
          options: { lang: 'ja' },
          productId,
          sha256: sha256(res.rawPayload),
        },
      });
    }
    const whole = await download(`/api/v1/products/${productId}/vex?format=openvex`);
    expect(whole.added[0]).toMatchObject({
      entityType: 'product',
      entityId: productId,
      after: { format: 'openvex' },
    });
  });

  it('compliance and security risk reports, threat model exports and the traceability CSV', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [
        `/api/v1/compliance/${productId}/export?format=csv&lang=en`,
        {
          entityType: 'product',
          entityId: productId,
          after: { document: 'compliance_report', format: 'csv', options: { lang: 'en', document: 'gap' } },
        },
      ],
      [
        '/api/v1/compliance/org/export?format=html&lang=ja',
        {
          entityType: 'organization',
          entityId: t.organizationId,
          after: { document: 'compliance_report', format: 'html' },
        },
      ],
      [
        `/api/v1/products/${productId}/threat-report?format=csv&lang=ja&part=trace`,
        {
          entityType: 'product',
          entityId: productId,
          after: { document: 'threat_report', format: 'csv', options: { lang: 'ja', part: 'trace' } },
        },
      ],
      [
        `/api/v1/threat-models/${threatModelId}/export?format=threat-dragon`,
        {
          entityType: 'threat_model',
          entityId: threatModelId,
          subject: { productId },
          after: { document: 'threat_model', format: 'threat-dragon' },
        },
      ],
      [
        `/api/v1/products/${productId}/traceability.csv`,
        {
          entityType: 'product',
          entityId: productId,
          after: { document: 'traceability_matrix', format: 'csv' },
        },
      ],
    ];
    for (const [url, expected] of cases) {
      const { res, added } = await download(url);
      expect(added, url).toHaveLength(1);
      expect(added[0], url).toMatchObject({
        actorName: t.emails.viewer,
        action: 'export.download',
        ...expected,
      });
      expect(added[0]!.after.sha256, url).toBe(sha256(res.rawPayload));
    }
  });

  it('ordinary reads write nothing; the exports are listed by action; the chain verifies', async () => {
    const before = (await audit()).total;
    for (const url of [
      `/api/v1/products/${productId}`,
      `/api/v1/releases/${releaseId}/findings`,
      `/api/v1/compliance/${productId}/gaps`,
      `/api/v1/products/${productId}/vex?format=openvex`,
    ]) {
      const res = await app.inject({
        method: url.includes('/vex') ? 'HEAD' : 'GET',
        url,
        headers: { authorization: `Bearer ${viewerToken}` },
      });
      expect(res.statusCode, url).toBe(200);
    }
    expect((await audit()).total).toBe(before);
    const exports = await audit('&action=export.download');
    expect(exports.total).toBeGreaterThanOrEqual(12);
    expect(exports.items.every((e) => e.action === 'export.download')).toBe(true);
    expect((await verifyAuditChain(env().ctx)).problem).toBeNull();
  });
});
