/**
 * Model → format → model round trips. For every state × justification (and a spread of responses)
 * the decisions read back equal the originals, except exactly the documented losses
 * (docs/vex-mapping.md; lossyStates / lossyJustifications / lossyResponses in core/vex/mapping.ts).
 * Every written document is also validated against its schema / the CSAF mandatory tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lossyJustifications, lossyResponses, lossyStates } from '../core/vex/mapping.js';
import {
  vexJustifications,
  vexResponses,
  vexStates,
  type VexComponent,
  type VexDocument,
  type VexProduct,
  type VexStatement,
} from '../core/vex/model.js';
import {
  csafFileName,
  embedCycloneDxVex,
  readVex,
  validateCsaf,
  validateCycloneDxVex,
  validateOpenVex,
  writeCsaf,
  writeCycloneDxVex,
  writeOpenVex,
} from './index.js';

const sbom = { serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', version: 1 };
const product: VexProduct = {
  id: 'urn:mamori:release:0001',
  vendor: 'Example Medical K.K.',
  name: 'Infusion pump firmware',
  version: '2.1.0',
  purl: null,
  cpe: null,
  bomRef: 'device',
  sbom,
};

/** 6 states × (no justification + 9) = 60 statements, each on its own component. */
function matrix(): VexStatement[] {
  const out: VexStatement[] = [];
  let n = 0;
  for (const state of vexStates) {
    for (const justification of [null, ...vexJustifications]) {
      n += 1;
      const responses = vexResponses.filter((_, i) => (n >> i) % 2 === 1);
      const component: VexComponent = {
        bomRef: `c-${n}`,
        name: `lib${n}`,
        version: `1.${n}.0`,
        purl: n % 7 === 0 ? null : `pkg:npm/lib${n}@1.${n}.0`,
        cpe: n % 7 === 0 ? `cpe:2.3:a:example:lib${n}:1.${n}.0:*:*:*:*:*:*:*` : null,
      };
      out.push({
        vulnerability: {
          id: `CVE-2026-${String(1000 + n)}`,
          aliases: n % 3 === 0 ? [`GHSA-aaaa-bbbb-${String(1000 + n).slice(-4)}`] : [],
          description: n % 2 ? `Flaw ${n}` : null,
        },
        product,
        component,
        state,
        justification: state === 'not_affected' || state === 'false_positive' ? justification : null,
        responses,
        detail: n % 4 === 0 ? null : `Detail for ${n}: assessed by the security team.`,
        actionStatement: responses.length > 0 && n % 5 !== 0 ? `Do action ${n}` : null,
        firstIssued: n % 2 ? '2026-03-01T10:00:00Z' : null,
        lastUpdated: n % 3 ? null : '2026-03-05T10:00:00Z',
        origin: null,
      });
    }
  }
  return out;
}

const doc = (statements: VexStatement[]): VexDocument => ({
  title: 'Infusion pump firmware 2.1.0 VEX',
  author: { name: 'Example Medical K.K.', namespace: 'https://psirt.example.com' },
  timestamp: '2026-04-01T09:00:00Z',
  lastUpdated: null,
  version: 1,
  statements,
});

type Decision = Record<string, unknown>;
type Format = 'cyclonedx' | 'openvex' | 'csaf';

/** What each format carries (docs/vex-mapping.md "identity"), as a comparable record. */
function decision(s: VexStatement, format: Format): Decision {
  const c = s.component!;
  return {
    vulnerability: s.vulnerability.id,
    aliases: s.vulnerability.aliases,
    description: s.vulnerability.description,
    product: format === 'cyclonedx' ? null : s.product?.id,
    component:
      format === 'cyclonedx'
        ? c.bomRef
        : format === 'openvex'
          ? (c.purl ?? c.cpe)
          : [c.purl, c.cpe, c.bomRef],
    state: s.state,
    justification: s.justification,
    responses: s.responses,
    detail: s.detail,
    actionStatement: s.actionStatement,
    firstIssued: format === 'csaf' ? null : s.firstIssued,
    lastUpdated: format === 'csaf' ? null : s.lastUpdated,
  };
}

/** The documented losses applied to an original statement. */
function expected(s: VexStatement, format: Format): Decision {
  const d = decision(s, format);
  if (format === 'cyclonedx') return d;
  const state = lossyStates[s.state] ?? s.state;
  const justification =
    s.justification === null ? null : (lossyJustifications[s.justification] ?? s.justification);
  const responses =
    format === 'csaf'
      ? [...new Set(s.responses.map((r) => lossyResponses[r] ?? r))].sort(
          (a, b) => vexResponses.indexOf(a) - vexResponses.indexOf(b),
        )
      : s.responses;
  return { ...d, state, justification, responses };
}

function written(format: Format, statements: VexStatement[]): string {
  const r =
    format === 'cyclonedx'
      ? writeCycloneDxVex(doc(statements), {
          serialNumber: 'urn:uuid:0f4c5d1e-0000-4000-8000-000000000001',
          tool: { name: 'mamori', version: '0.1.0' },
        })
      : format === 'openvex'
        ? writeOpenVex(doc(statements), { id: 'https://psirt.example.com/vex/0001' })
        : writeCsaf(doc(statements), {
            category: 'csaf_vex',
            trackingId: 'EXM-VEX-2026-0001',
            generator: { name: 'mamori', version: '0.1.0' },
          });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function readBack(text: string, format: Format): Decision[] {
  const r = readVex(text);
  if (!r.ok) throw new Error(r.message);
  expect(r.format).toBe(format);
  expect(r.warnings).toEqual([]);
  return r.document.statements.map((s) => {
    const d = decision(s, format);
    // CycloneDX BOM-Links name the SBOM; the product identity is the SBOM link there.
    if (format === 'cyclonedx') expect(s.product?.sbom).toEqual(sbom);
    return d;
  });
}

const key = (d: Decision): string => `${String(d.vulnerability)} ${JSON.stringify(d.component)}`;
const byKey = (ds: Decision[]): Decision[] => [...ds].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe.each(['cyclonedx', 'openvex', 'csaf'] as const)('round trip through %s', (format) => {
  const statements = matrix();
  const text = written(format, statements);

  it('is valid', async () => {
    const json = JSON.parse(text) as unknown;
    if (format === 'cyclonedx') expect(validateCycloneDxVex(json)).toEqual([]);
    else if (format === 'openvex') expect(validateOpenVex(json)).toEqual([]);
    else
      expect(await validateCsaf(json, { strict: true })).toEqual({
        valid: true,
        failedTests: [],
        issues: [],
      });
  });

  it('reads back every decision, losing only what the mapping documents', () => {
    expect(byKey(readBack(text, format))).toEqual(byKey(statements.map((s) => expected(s, format))));
  });

  it('is lossless for the combinations the mapping calls lossless', () => {
    const lossless = statements.filter(
      (s) =>
        format === 'cyclonedx' ||
        (lossyStates[s.state] === undefined &&
          (s.justification === null || lossyJustifications[s.justification] === undefined) &&
          (format !== 'csaf' || s.responses.every((r) => lossyResponses[r] === undefined))),
    );
    expect(lossless.length).toBeGreaterThan(format === 'cyclonedx' ? 59 : 10);
    const back = new Map(readBack(text, format).map((d) => [key(d), d]));
    for (const s of lossless) expect(back.get(key(decision(s, format)))).toEqual(decision(s, format));
  });

  it('is deterministic: statement order does not change the bytes', () => {
    expect(written(format, [...statements].reverse())).toBe(text);
  });
});

describe('documented lossy cases', () => {
  const base = matrix()[0]!;
  const one = (s: Partial<VexStatement>): VexStatement => ({ ...base, ...s });

  it('CSAF: an action statement without any response travels as a remediation and reads back with its response', () => {
    const statements = [
      one({ state: 'exploitable', responses: [], actionStatement: 'Isolate the pump network' }),
      one({
        state: 'in_triage',
        responses: [],
        actionStatement: 'Disable remote access',
        component: { ...base.component!, purl: 'pkg:npm/other@1.0.0' },
      }),
    ];
    const r = readVex(written('csaf', statements));
    expect(r.ok && r.document.statements.map((s) => [s.state, s.responses, s.actionStatement])).toEqual([
      ['exploitable', ['can_not_fix'], 'Isolate the pump network'],
      ['in_triage', ['workaround_available'], 'Disable remote access'],
    ]);
  });

  it('OpenVEX and CSAF: a statement on the product itself reads back as a statement on that product identifier', () => {
    const s = one({ component: null, product: { ...product, purl: null } });
    const ovx = readVex(written('openvex', [s]));
    expect(ovx.ok && ovx.document.statements.map((x) => [x.product, x.component?.name])).toEqual([
      [null, product.id],
    ]);
    const csaf = readVex(written('csaf', [s]));
    expect(
      csaf.ok &&
        csaf.document.statements.map((x) => [
          x.product?.id,
          x.product?.vendor,
          x.product?.version,
          x.component,
        ]),
    ).toEqual([[product.id, product.vendor, product.version, null]]);
  });

  it('not_affected without justification or detail gets a fixed impact sentence that reads back as no detail', () => {
    const s = one({ state: 'not_affected', justification: null, detail: null });
    for (const f of ['openvex', 'csaf'] as const) {
      const text = written(f, [s]);
      expect(text).toContain('determined that the product is not affected');
      const r = readVex(text);
      expect(r.ok && r.document.statements[0]!.detail).toBeNull();
    }
  });

  it('a justification on a state other than not_affected / false_positive is not written', () => {
    const s = one({ state: 'exploitable', justification: 'code_not_present', responses: ['update'] });
    for (const f of ['openvex', 'csaf'] as const) {
      const r = readVex(written(f, [s]));
      expect(r.ok && r.document.statements[0]!.justification).toBeNull();
    }
  });
});

describe('writers refuse what they cannot express', () => {
  const s = matrix()[0]!;

  it('conflicting statements on the same vulnerability and subject', () => {
    const r = writeOpenVex(doc([s, { ...s, state: 'exploitable' }]), {
      id: 'https://psirt.example.com/vex/1',
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('vex.invalid');
  });

  it('CycloneDX standalone needs the SBOM serial number for BOM-Links', () => {
    const r = writeCycloneDxVex(doc([{ ...s, product: { ...product, sbom: null } }]), {
      serialNumber: 'urn:uuid:0f4c5d1e-0000-4000-8000-000000000001',
    });
    expect(!r.ok && r.error.issues?.[0]?.path).toBe('statements[0].product.sbom');
  });

  it('CSAF needs a publisher namespace and a matching revision history', () => {
    const noNs = writeCsaf(
      { ...doc([s]), author: { name: 'X', namespace: null } },
      { category: 'csaf_vex', trackingId: 'X-1' },
    );
    expect(!noNs.ok && noNs.error.issues?.map((i) => i.path)).toEqual(['author.namespace']);
    const withNs = writeCsaf(
      { ...doc([s]), author: { name: 'X', namespace: null } },
      { category: 'csaf_vex', trackingId: 'X-1', namespace: 'https://x.example' },
    );
    expect(withNs.ok).toBe(true);
    const badRev = writeCsaf(
      { ...doc([s]), version: 2 },
      {
        category: 'csaf_vex',
        trackingId: 'X-1',
        revisions: [{ number: '1', date: '2026-04-01T09:00:00Z', summary: 'x' }],
      },
    );
    expect(!badRev.ok && badRev.error.issues?.map((i) => i.path)).toEqual(['options.revisions']);
  });

  it('OpenVEX needs at least one statement and an IRI id', () => {
    const r = writeOpenVex(doc([]), { id: 'not an iri' });
    expect(!r.ok && r.error.issues?.map((i) => i.path)).toEqual(['statements', 'options.id']);
  });
});

describe('OpenVEX validation', () => {
  it('rejects repeated statements (uniqueItems, checked in linear time) and a missing action statement', () => {
    const r = writeOpenVex(doc(matrix().slice(0, 2)), { id: 'https://psirt.example.com/vex/1' });
    if (!r.ok) throw new Error(r.error.message);
    const json = JSON.parse(r.value) as { statements: Record<string, unknown>[] };
    expect(validateOpenVex(json)).toEqual([]);
    const repeated = { ...json, statements: [json.statements[0], json.statements[1], json.statements[0]] };
    expect(validateOpenVex(repeated).map((i) => i.path)).toEqual(['/statements']);
    const affected = {
      ...json,
      statements: [{ ...json.statements[0], status: 'affected', action_statement: undefined }],
    };
    expect(
      validateOpenVex(JSON.parse(JSON.stringify(affected))).some((i) =>
        i.message.includes('action_statement'),
      ),
    ).toBe(true);
  });
});

describe('CSAF documents', () => {
  it('a later version gets a contiguous revision history and passes the mandatory tests; security advisory too', async () => {
    const d = { ...doc(matrix().slice(0, 12)), version: 3, lastUpdated: '2026-05-01T00:00:00Z' };
    for (const category of ['csaf_vex', 'csaf_security_advisory'] as const) {
      const r = writeCsaf(d, { category, trackingId: 'EXM-SA-2026-0003', lang: 'ja', tlp: 'WHITE' });
      if (!r.ok) throw new Error(r.error.message);
      const json = JSON.parse(r.value) as {
        document: { tracking: { revision_history: { number: string }[] }; lang: string };
      };
      expect(json.document.tracking.revision_history.map((x) => x.number)).toEqual(['1', '2', '3']);
      expect(json.document.lang).toBe('ja');
      expect(await validateCsaf(json, { strict: true })).toEqual({
        valid: true,
        failedTests: [],
        issues: [],
      });
    }
  });

  it('file name follows the CSAF convention', () => {
    expect(csafFileName('Example Company - 2019-YH3234')).toBe('example_company_-_2019-yh3234.json');
  });
});

describe('CycloneDX VEX embedded in an SBOM', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sbomText = readFileSync(
    path.resolve(here, '..', '..', 'test', 'fixtures', 'sbom-small.cdx.json'),
    'utf8',
  );
  const base = matrix()[1]!;
  const lodash: VexComponent = {
    bomRef: 'pkg:npm/lodash@4.17.20',
    name: 'lodash',
    version: '4.17.20',
    purl: 'pkg:npm/lodash@4.17.20',
    cpe: null,
  };
  const tcp: VexComponent = {
    bomRef: 'rtos-tcp',
    name: 'FreeRTOS-Plus-TCP',
    version: '2.3.2',
    purl: null,
    cpe: null,
  };
  const statements: VexStatement[] = [
    {
      ...base,
      vulnerability: { id: 'CVE-2021-23337', aliases: ['GHSA-35jh-r3h4-6jhm'], description: null },
      component: lodash,
      state: 'not_affected',
      justification: 'code_not_reachable',
      responses: [],
    },
    {
      ...base,
      vulnerability: { id: 'CVE-2020-11896', aliases: [], description: 'Ripple20' },
      component: tcp,
      state: 'exploitable',
      justification: null,
      responses: ['update'],
    },
    {
      ...base,
      vulnerability: { id: 'CVE-2020-11896', aliases: [], description: 'Ripple20' },
      component: null,
      state: 'exploitable',
      justification: null,
      responses: ['update'],
    },
  ];

  it('adds valid vulnerabilities that resolve to the SBOM components and the product', () => {
    const r = embedCycloneDxVex(sbomText, doc(statements));
    if (!r.ok) throw new Error(r.error.message);
    const json = JSON.parse(r.value) as {
      components: unknown[];
      vulnerabilities: { affects: { ref: string }[] }[];
    };
    expect(validateCycloneDxVex(json)).toEqual([]);
    expect(json.components).toEqual((JSON.parse(sbomText) as { components: unknown[] }).components);
    // same vulnerability and analysis on the component and on the product: one entry, two affects
    expect(json.vulnerabilities.map((v) => v.affects.map((a) => a.ref))).toEqual([
      ['device', 'rtos-tcp'],
      ['pkg:npm/lodash@4.17.20'],
    ]);
    const back = readVex(r.value);
    if (!back.ok) throw new Error(back.message);
    expect(
      back.document.statements
        .map((s) => [
          s.vulnerability.id,
          s.product?.name,
          s.product?.version,
          s.component,
          s.state,
          s.justification,
          s.responses,
        ])
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    ).toEqual(
      [
        ['CVE-2020-11896', 'Infusion pump firmware', '2.1.0', null, 'exploitable', null, ['update']],
        ['CVE-2020-11896', 'Infusion pump firmware', '2.1.0', tcp, 'exploitable', null, ['update']],
        [
          'CVE-2021-23337',
          'Infusion pump firmware',
          '2.1.0',
          lodash,
          'not_affected',
          'code_not_reachable',
          [],
        ],
      ].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    );
  });

  it('refuses bom-refs the SBOM does not have', () => {
    const r = embedCycloneDxVex(
      sbomText,
      doc([{ ...statements[0]!, component: { ...lodash, bomRef: 'missing' } }]),
    );
    expect(!r.ok && r.error.issues?.[0]?.message).toContain('"missing" is not in the SBOM');
  });
});
