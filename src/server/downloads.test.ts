/**
 * Every download the server offers names its file readably in the language its parts were typed in
 * (product, release and model names in Japanese), and sends Content-Disposition with an ASCII
 * `filename=` fallback and the full name as RFC 8187 `filename*=UTF-8''…` (RFC 6266): SBOM export
 * and original, VEX, OpenVEX and CSAF, evidence files, compliance documents, the security risk report,
 * threat model exports and the traceability CSV.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAs, seedRelease, testApp, type BrowserSession } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { seedTenant, smallSbom } from '../../test/support/fixtures.js';
import { testVulnDb, vulnDbBefore } from '../../test/support/vulns.js';
const td = JSON.parse(
  readFileSync(new URL('../../test/fixtures/threat-dragon-pump.json', import.meta.url), 'utf8'),
) as { summary: Record<string, unknown> };

/** RFC 6266 / RFC 8187: `attachment; filename="<quoted ASCII>"; filename*=UTF-8''<attr-char or %XX>`. */
const wellFormed =
  /^attachment; filename="[\x20-\x21\x23-\x24\x26-\x5b\x5d-\x7e]+"; filename\*=UTF-8''(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/;

/** The name a browser saves the download under (filename* wins over filename). */
function savedName(res: LightMyRequestResponse): string {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  const header = String(res.headers['content-disposition']);
  expect(header).toMatch(wellFormed);
  return decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(header)![1]!);
}

describeEachDialect('download file names', (env) => {
  let app: FastifyInstance;
  let editor: BrowserSession;
  let productId: string;
  let releaseId: string;
  // "プ" typed decomposed (フ + U+309A, as macOS gives it): the file name has it composed (NFC).
  const productName = '輸液ポン\u30d5\u309a IP-300 (国内)';
  const productPart = '輸液ポンプ IP-300 (国内)';

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(vulnDbBefore()) }));
    editor = await loginAs(app, await seedTenant(env().ctx), 'editor');
    ({ productId, releaseId } = await seedRelease(app, editor, {
      product: { name: productName },
      release: { version: '2.0 国内向け', releaseDate: '2026-04-01', stage: 'support' },
      sbom: smallSbom,
      fileName: '部品表 (最新).cdx.json',
      analyse: true,
    }));
  });
  afterAll(async () => app.close());

  it('VEX, OpenVEX and CSAF', async () => {
    const vex = (format: string) =>
      editor.request(
        'GET',
        `/api/v1/products/${productId}/vex?format=${format}&releaseId=${releaseId}&lang=ja`,
      );
    expect(savedName(await vex('cyclonedx'))).toBe(`vex-${productPart}-2.0 国内向け.cdx.json`);
    // The SBOM with VEX is the hospital export unless the full one is asked for, and is named like it.
    expect(savedName(await vex('cyclonedx-embedded'))).toBe(
      `vex-${productPart}-2.0 国内向け-hospital.sbom-vex.cdx.json`,
    );
    expect(savedName(await vex('cyclonedx-embedded&variant=full'))).toBe(
      `vex-${productPart}-2.0 国内向け.sbom-vex.cdx.json`,
    );
    expect(savedName(await vex('openvex'))).toBe(`vex-${productPart}-2.0 国内向け.openvex.json`);
    const one = await editor.request(
      'GET',
      `/api/v1/products/${productId}/vex?format=openvex&vulnerabilityId=CVE-2021-23337`,
    );
    expect(savedName(one)).toBe(`vex-${productPart}-2.0 国内向け-CVE-2021-23337.openvex.json`);
    // CSAF names its file after the tracking id (CSAF 2.0 §5.1), which is ASCII; the Japanese
    // document is another document than the English one, with its own id.
    expect(savedName(await vex('csaf_vex'))).toMatch(/^mamori-vex-[0-9a-f]{12}-ja\.json$/);
  });

  it('SBOM export and the original upload', async () => {
    const exported = await editor.request(
      'GET',
      `/api/v1/releases/${releaseId}/export?format=cyclonedx-1.6-json&variant=hospital`,
    );
    // The product name too: an RA person exporting several products gets files that tell them apart.
    expect(savedName(exported)).toBe(`sbom-${productPart}-2.0 国内向け-hospital.cdx.json`);
    expect(String(exported.headers['content-disposition'])).toContain('filename="sbom-_ IP-300 (_)-2.0 _-hospital.cdx.json"');
    const spdx = await editor.request('GET', `/api/v1/releases/${releaseId}/export?format=spdx-2.3-json`);
    expect(savedName(spdx)).toBe(`sbom-${productPart}-2.0 国内向け.spdx.json`);
    const sboms = (await editor.request('GET', `/api/v1/releases/${releaseId}/sboms`)).json<{
      items: { id: string }[];
    }>();
    const original = await editor.request('GET', `/api/v1/sboms/${sboms.items[0]!.id}/original`);
    expect(savedName(original)).toBe('部品表 (最新).cdx.json');
    // Nothing readable is left of it in ASCII: the fallback is a plain name with the extension.
    expect(String(original.headers['content-disposition'])).toContain('filename="download.cdx.json"');
  });

  it('evidence files and compliance documents', async () => {
    const up = await app.inject({
      method: 'POST',
      url: `/api/v1/compliance/${productId}/evidence/iec-81001-5-1/8/file?fileName=${encodeURIComponent('体制図 (第2版).pdf')}`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4 test\n'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const evidence = await editor.request('GET', `/api/v1/evidence/${up.json<{ id: string }>().id}/file`);
    expect(savedName(evidence)).toBe('体制図 (第2版).pdf');
    expect(
      savedName(await editor.request('GET', `/api/v1/compliance/${productId}/export?format=csv&lang=ja`)),
    ).toMatch(new RegExp(`^compliance-gap-${escape(productPart)}-\\d{4}-\\d{2}-\\d{2}\\.ja\\.csv$`));
    expect(
      savedName(await editor.request('GET', '/api/v1/compliance/org/export?format=html&lang=en')),
    ).toMatch(/^compliance-gap-organization-\d{4}-\d{2}-\d{2}\.en\.html$/);
  });

  it('threat model exports, the security risk report and the traceability CSV', async () => {
    const imported = await editor.request('POST', `/api/v1/products/${productId}/threat-models/import`, {
      ...td,
      summary: { ...td.summary, title: '輸液ポンプ 脅威モデル' },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const versionId = imported.json<{ id: string }>().id;
    expect(
      savedName(
        await editor.request('GET', `/api/v1/threat-models/${versionId}/export?format=threat-dragon`),
      ),
    ).toBe('輸液ポンプ 脅威モデル-v1.threat-dragon.json');
    expect(
      savedName(await editor.request('GET', `/api/v1/threat-models/${versionId}/export?format=json`)),
    ).toBe('輸液ポンプ 脅威モデル-v1.mamori-threat-model.json');
    expect(
      savedName(
        await editor.request('GET', `/api/v1/products/${productId}/threat-report?format=html&lang=ja`),
      ),
    ).toMatch(new RegExp(`^security-risk-report-${escape(productPart)}-\\d{4}-\\d{2}-\\d{2}\\.ja\\.html$`));
    expect(
      savedName(
        await editor.request(
          'GET',
          `/api/v1/products/${productId}/threat-report?format=csv&lang=ja&part=trace`,
        ),
      ),
    ).toMatch(new RegExp(`^traceability-${escape(productPart)}-\\d{4}-\\d{2}-\\d{2}\\.ja\\.csv$`));
    expect(savedName(await editor.request('GET', `/api/v1/products/${productId}/traceability.csv`))).toBe(
      `traceability-${productId}.csv`,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
