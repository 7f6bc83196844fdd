/**
 * Dependency-Track's findings and metrics endpoints through inject(), as a CI plugin calls them after
 * an upload (the Jenkins plugin's synchronous publishing): a BOM uploaded with PUT /api/v1/bom, the
 * release analysed against a small vulnerability database, the project found by lookup, then
 * GET /api/v1/finding/project/{uuid} and GET /api/v1/metrics/project/{uuid}/current with X-Api-Key:
 * the Finding and ProjectMetrics shapes, suppression, the analysis states of triage decisions,
 * metrics that count the findings, and 404/400/401 as Dependency-Track answers them.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, tokenFor } from '../../test/support/app.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, smallSbom, type Tenant } from '../../test/support/fixtures.js';
import {
  lodashAdvisory,
  lodashKev,
  nvd,
  osv,
  requestsAdvisory,
  testVulnDb,
  V31_CRITICAL,
  V31_HIGH,
} from '../../test/support/vulns.js';
import { memoryVulnDb } from '../vulndb/memory-reader.js';

/** The small SBOM with two more components: a Maven one with a group, and an npm one. */
const sbom = (() => {
  const doc = JSON.parse(smallSbom.toString('utf8')) as { components: object[] };
  doc.components.push(
    {
      type: 'library',
      'bom-ref': 'widget',
      group: 'org.example',
      name: 'widget',
      version: '1.0.0',
      purl: 'pkg:maven/org.example/widget@1.0.0',
    },
    {
      type: 'library',
      'bom-ref': 'left-pad',
      name: 'left-pad',
      version: '1.0.0',
      purl: 'pkg:npm/left-pad@1.0.0',
    },
  );
  return Buffer.from(JSON.stringify(doc));
})();

const ecosystemBelow = (fixed: string) => [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }];

/**
 * lodash (critical, KEV, EPSS), requests (medium) and FreeRTOS by CPE (critical, CWE-787) as in the
 * findings tests; widget: a GitHub advisory alone (high, CWE-79); requests: an OSV record without a
 * score (unknown); left-pad: scored 0.0 (none).
 */
const reader = memoryVulnDb({
  advisories: [
    lodashAdvisory(),
    requestsAdvisory(),
    osv({
      id: 'GHSA-wdgt-wdgt-wdgt',
      summary: 'XSS in widget',
      severity: [{ type: 'CVSS_V3', score: V31_HIGH }],
      database_specific: { cwe_ids: ['CWE-79'] },
      affected: [
        { package: { ecosystem: 'Maven', name: 'org.example:widget' }, ranges: ecosystemBelow('1.1.0') },
      ],
    }),
    osv({
      id: 'PYSEC-2099-1',
      summary: 'An unscored requests bug',
      affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: ecosystemBelow('2.32.0') }],
    }),
    osv({
      id: 'OSV-2099-1',
      summary: 'A harmless left-pad note',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N' }],
      affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: ecosystemBelow('1.3.0') }],
    }),
  ],
  cves: [
    nvd({
      id: 'CVE-2021-31571',
      metrics: {
        cvssMetricV31: [
          {
            source: 'nvd@nist.gov',
            type: 'Primary',
            cvssData: { vectorString: V31_CRITICAL, baseScore: 9.8 },
          },
        ],
      },
      weaknesses: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          description: [
            { lang: 'en', value: 'CWE-787' },
            { lang: 'en', value: 'NVD-CWE-Other' },
          ],
        },
      ],
      configurations: [
        {
          nodes: [
            {
              operator: 'OR',
              negate: false,
              cpeMatch: [
                {
                  vulnerable: true,
                  criteria: 'cpe:2.3:o:amazon:freertos:*:*:*:*:*:*:*:*',
                  versionEndExcluding: '10.5.0',
                },
              ],
            },
          ],
        },
      ],
    }),
  ],
  kev: [lodashKev],
  epss: [{ cve: 'CVE-2021-23337', epss: 0.012, percentile: 0.85 }],
  epssDate: '2024-03-01',
});

interface DtFinding {
  component: Record<string, string>;
  vulnerability: {
    uuid: string;
    vulnId: string;
    source: string;
    severity: string;
    aliases: Record<string, string>[];
  } & Record<string, unknown>;
  analysis: { state: string; isSuppressed: boolean };
  attribution: { analyzerIdentity: string; attributedOn: number };
  matrix: string;
}
type Metrics = Record<string, number>;

const uuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeEachDialect('Dependency-Track findings and metrics API', (env) => {
  let app: FastifyInstance;
  let t: Tenant;
  let editorKey: string;
  let viewerKey: string;
  let outsiderKey: string;
  let project: string;
  let productName: string;

  const get = (url: string, key: string | null = viewerKey): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'GET', url, headers: key === null ? {} : { 'x-api-key': key } });
  const findings = async (query = '', key = viewerKey) => {
    const res = await get(`/api/v1/finding/project/${project}${query}`, key);
    expect(res.statusCode, res.body).toBe(200);
    return { list: res.json<DtFinding[]>(), total: res.headers['x-total-count'] };
  };
  const metrics = async () => {
    const res = await get(`/api/v1/metrics/project/${project}/current`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Metrics>();
  };
  const byVuln = (list: DtFinding[]) => Object.fromEntries(list.map((f) => [f.vulnerability.vulnId, f]));

  beforeAll(async () => {
    ({ app } = await testApp(env().ctx, { vulnDb: testVulnDb(reader) }));
    t = await seedTenant(env().ctx);
    const other = await seedTenant(env().ctx);
    editorKey = await tokenFor(env().ctx, t.editor);
    viewerKey = await tokenFor(env().ctx, t.viewer);
    outsiderKey = await tokenFor(env().ctx, other.admin);
    productName = productInput().name;
    // As the plugin does: upload with autoCreate, look the project up, then read (the analysis is
    // started here instead of by the findings monitor, which tests run without).
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/bom',
      headers: { 'x-api-key': editorKey },
      payload: {
        projectName: productName,
        projectVersion: '1.0.0',
        autoCreate: true,
        bom: sbom.toString('base64'),
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const lookup = await get(`/api/v1/project/lookup?name=${encodeURIComponent(productName)}&version=1.0.0`);
    project = lookup.json<{ uuid: string }>().uuid;
    const analysed = await app.inject({
      method: 'POST',
      url: `/api/v1/releases/${project}/analyze`,
      headers: { 'x-api-key': editorKey },
    });
    expect(analysed.statusCode, analysed.body).toBe(200);
    expect(analysed.json()).toMatchObject({ findings: 6 });
  });
  afterAll(async () => app.close());

  it('answers the release’s findings as Dependency-Track Findings', async () => {
    const own = (await get(`/api/v1/releases/${project}/findings`)).json<{
      items: { componentId: string; componentName: string; vulnerabilityId: string; firstSeenAt: string }[];
    }>().items;
    const mamori = Object.fromEntries(own.map((f) => [f.vulnerabilityId, f]));
    const { list, total } = await findings();
    expect(total).toBe('6');
    const f = byVuln(list);
    expect(Object.keys(f).sort()).toEqual([
      'CVE-2021-23337',
      'CVE-2021-31571',
      'CVE-2024-35195',
      'GHSA-wdgt-wdgt-wdgt',
      'OSV-2099-1',
      'PYSEC-2099-1',
    ]);

    const lodash = f['CVE-2021-23337']!;
    const componentUuid = mamori['CVE-2021-23337']!.componentId;
    expect(lodash).toEqual({
      component: {
        uuid: componentUuid,
        name: 'lodash',
        version: '4.17.20',
        purl: 'pkg:npm/lodash@4.17.20',
        project,
      },
      vulnerability: {
        uuid: expect.stringMatching(uuidV5) as unknown,
        vulnId: 'CVE-2021-23337',
        source: 'NVD',
        title: 'Command Injection in lodash',
        severity: 'CRITICAL',
        severityRank: 0,
        cvssV3BaseScore: 9.8,
        cvssV3Vector: V31_CRITICAL,
        epssScore: 0.012,
        epssPercentile: 0.85,
        aliases: [{ cveId: 'CVE-2021-23337', ghsaId: 'GHSA-35jh-r3h4-6jhm' }],
      },
      analysis: { state: 'NOT_SET', isSuppressed: false },
      attribution: {
        analyzerIdentity: 'INTERNAL_ANALYZER',
        attributedOn: Date.parse(mamori['CVE-2021-23337']!.firstSeenAt),
      },
      matrix: `${project}:${componentUuid}:${lodash.vulnerability.uuid}`,
    });
    // A group; a GitHub advisory with its CWE; NVD by CPE: the description, the CPE, the weakness.
    expect(f['GHSA-wdgt-wdgt-wdgt']).toMatchObject({
      component: {
        name: 'widget',
        group: 'org.example',
        version: '1.0.0',
        purl: 'pkg:maven/org.example/widget@1.0.0',
      },
      vulnerability: {
        source: 'GITHUB',
        severity: 'HIGH',
        severityRank: 1,
        title: 'XSS in widget',
        cweId: 79,
        cwes: [{ cweId: 79 }],
        aliases: [],
      },
    });
    expect(f['CVE-2021-31571']).toMatchObject({
      component: { name: 'FreeRTOS', cpe: 'cpe:2.3:o:amazon:freertos:10.4.3:*:*:*:*:*:*:*' },
      vulnerability: {
        source: 'NVD',
        severity: 'CRITICAL',
        description: 'CVE-2021-31571 description',
        cweId: 787,
        cwes: [{ cweId: 787 }],
      },
    });
    expect(f['CVE-2021-31571']!.vulnerability).not.toHaveProperty('title');
    expect(f['PYSEC-2099-1']!.vulnerability).toMatchObject({
      source: 'OSV',
      severity: 'UNASSIGNED',
      severityRank: 5,
    });
    expect(f['PYSEC-2099-1']!.vulnerability).not.toHaveProperty('cvssV3BaseScore');
    expect(f['OSV-2099-1']!.vulnerability).toMatchObject({
      source: 'OSV',
      severity: 'INFO',
      severityRank: 4,
      cvssV3BaseScore: 0,
    });
    // Each matrix once (the Jenkins plugin drops repeats); a vulnerability's uuid the same in every answer.
    expect(new Set(list.map((x) => x.matrix)).size).toBe(6);
    expect(byVuln((await findings()).list)['CVE-2021-23337']!.vulnerability.uuid).toBe(
      lodash.vulnerability.uuid,
    );
    // DT's source filter.
    expect((await findings('?source=GITHUB')).list.map((x) => x.vulnerability.vulnId)).toEqual([
      'GHSA-wdgt-wdgt-wdgt',
    ]);
  });

  it('answers the metrics of the findings as Dependency-Track ProjectMetrics', async () => {
    const before = Date.now();
    const m = await metrics();
    const after = Date.now();
    expect(m).toMatchObject({
      critical: 2,
      high: 1,
      medium: 1,
      low: 1, // INFO counts as low, as in Dependency-Track
      unassigned: 1,
      vulnerabilities: 6,
      vulnerableComponents: 5,
      components: 7,
      suppressed: 0,
      findingsTotal: 6,
      findingsAudited: 0,
      findingsUnaudited: 6,
      inheritedRiskScore: 2 * 10 + 5 + 3 + 1 + 5,
      policyViolationsTotal: 0,
      policyViolationsFail: 0,
      policyViolationsWarn: 0,
      policyViolationsInfo: 0,
    });
    // Measured when asked; the numbers hold since the analysis made the findings.
    const own = (await get(`/api/v1/releases/${project}/findings`)).json<{ items: { changedAt: string }[] }>()
      .items;
    expect(m.firstOccurrence).toBe(Math.max(...own.map((f) => Date.parse(f.changedAt))));
    expect(m.lastOccurrence).toBeGreaterThanOrEqual(before);
    expect(m.lastOccurrence).toBeLessThanOrEqual(after);
  });

  it('maps triage decisions to analysis states, leaves suppressed findings out unless asked, and counts them', async () => {
    const own = (await get(`/api/v1/releases/${project}/findings`)).json<{
      items: { id: string; vulnerabilityId: string }[];
    }>().items;
    const id = (vuln: string) => own.find((f) => f.vulnerabilityId === vuln)!.id;
    const decide = async (vuln: string, body: object) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/findings/${id(vuln)}/triage`,
        headers: { 'x-api-key': editorKey },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await decide('CVE-2021-23337', { state: 'not_affected', justification: 'code_not_reachable' });
    await decide('CVE-2024-35195', { state: 'exploitable', detail: 'reachable from the network' });
    await decide('CVE-2021-31571', { state: 'in_triage' });
    await decide('GHSA-wdgt-wdgt-wdgt', { state: 'resolved_with_pedigree', detail: 'patched in our fork' });
    await decide('PYSEC-2099-1', { state: 'false_positive', justification: 'code_not_present' });
    await decide('PYSEC-2099-1', { state: 'in_triage' }); // the newest decision is the one that applies

    const unsuppressed = await findings();
    expect(unsuppressed.total).toBe('4');
    expect(Object.fromEntries(unsuppressed.list.map((f) => [f.vulnerability.vulnId, f.analysis]))).toEqual({
      'CVE-2024-35195': { state: 'EXPLOITABLE', isSuppressed: false },
      'CVE-2021-31571': { state: 'IN_TRIAGE', isSuppressed: false },
      'PYSEC-2099-1': { state: 'IN_TRIAGE', isSuppressed: false },
      'OSV-2099-1': { state: 'NOT_SET', isSuppressed: false },
    });
    expect((await findings('?suppressed=false')).list).toEqual(unsuppressed.list);
    // Parameters of other DT versions and clients are accepted and ignored, as on the other DT routes.
    expect((await findings('?suppressed=false&pageSize=100&showInactive=true')).total).toBe('4');
    const all = await findings('?suppressed=true');
    expect(all.total).toBe('6');
    expect(byVuln(all.list)['CVE-2021-23337']!.analysis).toEqual({
      state: 'NOT_AFFECTED',
      isSuppressed: true,
    });
    expect(byVuln(all.list)['GHSA-wdgt-wdgt-wdgt']!.analysis).toEqual({
      state: 'RESOLVED',
      isSuppressed: true,
    });
    // Read as Java reads a boolean parameter, as DT does.
    expect((await findings('?suppressed=TRUE')).total).toBe('6');
    expect((await findings('?suppressed=yes')).total).toBe('4');

    const m = await metrics();
    expect(m).toMatchObject({
      critical: 1,
      high: 0,
      medium: 1,
      low: 1,
      unassigned: 1,
      vulnerabilities: 4,
      vulnerableComponents: 3,
      components: 7,
      suppressed: 2,
      findingsTotal: 4,
      findingsAudited: 1,
      findingsUnaudited: 3,
      inheritedRiskScore: 10 + 3 + 1 + 5,
    });
    // The metrics are the findings counted: severities of the unsuppressed, the suppressed ones.
    const open = all.list.filter((f) => !f.analysis.isSuppressed);
    const count = (...severities: string[]) =>
      open.filter((f) => severities.includes(f.vulnerability.severity)).length;
    expect([m.critical, m.high, m.medium, m.low, m.unassigned, m.vulnerabilities, m.suppressed]).toEqual([
      count('CRITICAL'),
      count('HIGH'),
      count('MEDIUM'),
      count('LOW', 'INFO'),
      count('UNASSIGNED'),
      open.length,
      all.list.length - open.length,
    ]);
    expect(m.vulnerableComponents).toBe(new Set(open.map((f) => f.component.uuid)).size);
    // The numbers hold since the last decision.
    const decided = (await get(`/api/v1/releases/${project}/findings`)).json<{
      items: { decision: { createdAt: string } | null }[];
    }>().items;
    expect(m.firstOccurrence).toBe(
      Math.max(...decided.map((f) => (f.decision ? Date.parse(f.decision.createdAt) : 0))),
    );
  });

  it('keeps organisations apart and answers unknown projects, malformed uuids and missing keys as Dependency-Track does', async () => {
    for (const url of [`/api/v1/finding/project/${project}`, `/api/v1/metrics/project/${project}/current`]) {
      const foreign = await get(url, outsiderKey);
      expect([foreign.statusCode, foreign.json()], url).toEqual([
        404,
        expect.objectContaining({ code: 'release.not_found', detail: 'The project could not be found.' }),
      ]);
      expect((await get(url, null)).statusCode, url).toBe(401);
    }
    const unknown = '0190f0a0-0000-7000-8000-000000000001';
    expect((await get(`/api/v1/finding/project/${unknown}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/metrics/project/${unknown}/current`)).statusCode).toBe(404);
    for (const url of ['/api/v1/finding/project/not-a-uuid', '/api/v1/metrics/project/not-a-uuid/current']) {
      const bad = await get(url);
      expect([bad.statusCode, bad.json()], url).toEqual([
        400,
        expect.objectContaining({ code: 'request.invalid' }),
      ]);
    }
    // A uuid in capitals names the same project.
    expect((await get(`/api/v1/finding/project/${project.toUpperCase()}`)).statusCode).toBe(200);
  });
});
