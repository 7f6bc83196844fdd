/**
 * Model → format → model round trips. For every state × justification (and a spread of responses)
 * the decisions read back equal the originals, except exactly the documented losses
 * (docs/vex-mapping.md; lossyStates / lossyJustifications / lossyResponses in core/vex/mapping.ts).
 * Every written document is also validated against its schema / the CSAF mandatory tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
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
  type VexRating,
  type VexStatement,
} from '../core/vex/model.js';
import { scoreCvssVector } from '../vulns/cvss.js';
import {
  csafFileName,
  csafTestNames,
  embedCycloneDxVex,
  openVexProductId,
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

/** A rating scored by mamori's scorer (as the export service makes them), base metrics only. */
function rating(vector: string, source: string | null = null): VexRating {
  const r = scoreCvssVector(vector);
  if (!r.ok) throw new Error(r.error.message);
  return {
    version: r.value.version,
    vector: r.value.vectorString,
    baseScore: r.value.baseScore,
    severity: r.value.baseSeverity.toLowerCase() as VexRating['severity'],
    source,
  };
}
const v31Critical = rating('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'nvd@nist.gov'); // 9.8
const v31High = rating('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 'GHSA-aaaa-bbbb-cccc'); // 7.5
const v30Medium = rating('CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N'); // 4.2
const v2High = rating('AV:N/AC:L/Au:N/C:P/I:P/A:P', 'nvd@nist.gov'); // 7.5
const v4Critical = rating('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'); // 9.3

/** The ratings of statement n: none, 3.1 with 4.0, two 3.1 with 2.0, 3.0 alone, 4.0 alone. */
function ratingsOf(n: number): VexRating[] {
  switch (n % 5) {
    case 1:
      return [v31Critical, v4Critical];
    case 2:
      return [v31High, v2High, v31Critical];
    case 3:
      return [v30Medium];
    case 4:
      return [v4Critical];
    default:
      return [];
  }
}

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
          ratings: ratingsOf(n),
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
    // OpenVEX names the product by its BOM-Link (no purl here), CSAF by product.id.
    product:
      format === 'cyclonedx'
        ? null
        : format === 'openvex' && s.product
          ? openVexProductId(s.product)
          : s.product?.id,
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
    // Ratings are written, not read back (VexVulnerability.ratings).
    expect(s.vulnerability.ratings).toEqual([]);
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
      [null, `urn:cdx:${sbom.serialNumber.slice('urn:uuid:'.length)}/1#device`],
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

describe('OpenVEX names the device release', () => {
  const base = matrix()[0]!;
  const products = (text: string) =>
    (JSON.parse(text) as { statements: { products: Record<string, unknown>[] }[] }).statements.map(
      (x) => x.products,
    );

  it('by the BOM-Link of its SBOM element, with the component under subcomponents, and reads it back', () => {
    const text = written('openvex', [base]);
    const link = `urn:cdx:${sbom.serialNumber.slice('urn:uuid:'.length)}/1#device`;
    expect(products(text)).toEqual([
      [
        {
          '@id': link,
          subcomponents: [{ '@id': base.component!.purl, identifiers: { purl: base.component!.purl } }],
        },
      ],
    ]);
    expect(validateOpenVex(JSON.parse(text))).toEqual([]);
    const r = readVex(text);
    expect(r.ok && r.document.statements[0]!.product).toEqual({
      id: link,
      vendor: null,
      name: null,
      version: null,
      purl: null,
      cpe: null,
      bomRef: 'device',
      sbom,
    });
  });

  it('by its purl when it has one, else by product.id when no SBOM names it', () => {
    const purl = 'pkg:generic/example-medical/infusion-pump@2.1.0';
    const withPurl = written('openvex', [{ ...base, product: { ...product, purl } }]);
    expect(products(withPurl)[0]![0]).toMatchObject({ '@id': purl, identifiers: { purl } });
    const withoutSbom = written('openvex', [{ ...base, product: { ...product, sbom: null } }]);
    expect(products(withoutSbom)[0]![0]!['@id']).toBe(product.id);
    for (const text of [withPurl, withoutSbom]) expect(validateOpenVex(JSON.parse(text))).toEqual([]);
  });

  it("is valid against the OpenVEX 0.2.0 schema, which is the conformance suite's unchanged", (ctx) => {
    expect(validateOpenVex(JSON.parse(written('openvex', matrix())))).toEqual([]);
    const here = path.dirname(fileURLToPath(import.meta.url));
    const suite = path.resolve(
      here,
      '..',
      '..',
      '..',
      'shared',
      'conformance',
      'formats',
      'openvex',
      'schema',
      'openvex_json_schema.json',
    );
    if (!existsSync(suite)) {
      if (process.env.CI === 'true') throw new Error(`conformance data missing in CI: ${suite}`);
      console.warn(
        `skipping the comparison: ${suite} not found (run with ../shared present, or CI=true to fail)`,
      );
      ctx.skip();
    }
    const bundled = path.join(here, 'schemas', 'openvex_json_schema_0.2.0.json');
    expect(JSON.parse(readFileSync(suite, 'utf8'))).toEqual(JSON.parse(readFileSync(bundled, 'utf8')));
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

describe('CVSS ratings', () => {
  type Score = { products: string[]; cvss_v3?: Record<string, unknown>; cvss_v2?: Record<string, unknown> };
  type CsafVulnerability = {
    cve: string;
    notes: { category: string; title?: string; text: string }[];
    product_status: Record<string, string[]>;
    scores?: Score[];
  };
  type CsafJson = {
    product_tree: {
      branches: unknown[];
      full_product_names: { product_id: string }[];
      relationships: { full_product_name: { product_id: string } }[];
    };
    vulnerabilities: CsafVulnerability[];
  };
  const statements = matrix();
  const csaf = JSON.parse(written('csaf', statements)) as CsafJson;

  /** Every product id the product tree defines (branches, full product names, relationships). */
  function definedIds(tree: CsafJson['product_tree']): Set<string> {
    const ids = new Set<string>();
    const walk = (branches: unknown[]): void => {
      for (const b of branches as { product?: { product_id: string }; branches?: unknown[] }[]) {
        if (b.product) ids.add(b.product.product_id);
        if (b.branches) walk(b.branches);
      }
    };
    walk(tree.branches);
    for (const f of tree.full_product_names) ids.add(f.product_id);
    for (const r of tree.relationships) ids.add(r.full_product_name.product_id);
    return ids;
  }

  it('CSAF: each product gets its highest v3.x and v2 rating per CVSS version, fixed products none, v4.0 as a note', () => {
    const defined = definedIds(csaf.product_tree);
    let scored = 0;
    for (const s of statements) {
      // Every statement has its own vulnerability: its product is the one id of its product status.
      const v = csaf.vulnerabilities.find((x) => x.cve === s.vulnerability.id)!;
      const [pid, ...more] = Object.values(v.product_status).flat();
      expect(more).toEqual([]);
      const fixed = s.state === 'resolved' || s.state === 'resolved_with_pedigree';
      const best = (version: string) =>
        s.vulnerability.ratings
          .filter((r) => r.version === version)
          .sort((a, b) => b.baseScore - a.baseScore)[0];
      const want = fixed
        ? []
        : (['3.1', '3.0', '2.0'] as const).flatMap((version) => {
            const r = best(version);
            if (!r) return [];
            return [
              version === '2.0'
                ? { products: [pid], cvss_v2: { baseScore: r.baseScore, vectorString: r.vector, version } }
                : {
                    products: [pid],
                    cvss_v3: {
                      baseScore: r.baseScore,
                      baseSeverity: r.severity.toUpperCase(),
                      vectorString: r.vector,
                      version,
                    },
                  },
            ];
          });
      expect(v.scores ?? [], s.vulnerability.id).toEqual(want);
      for (const score of v.scores ?? []) for (const p of score.products) expect(defined.has(p)).toBe(true);
      scored += want.length;
      const v4 = best('4.0');
      expect(
        v.notes.filter((n) => n.title === 'CVSS v4.0').map((n) => [n.category, n.text]),
        s.vulnerability.id,
      ).toEqual(
        v4 && !fixed
          ? [
              [
                'other',
                `CVSS v4.0 base score 9.3 (CRITICAL), vector ${v4Critical.vector}. CSAF 2.0 scores hold CVSS v2 and v3 only, so this rating is given here.`,
              ],
            ]
          : [],
      );
    }
    expect(scored).toBeGreaterThan(30);
    // The highest of two 3.1 ratings, and a v2 rating beside it.
    expect(v31Critical.baseScore).toBe(9.8);
    expect([v31High.baseScore, v30Medium.baseScore, v2High.baseScore, v4Critical.baseScore]).toEqual([
      7.5, 4.2, 7.5, 9.3,
    ]);
  });

  it('CSAF: the scores are valid against the CVSS JSON schemas the CSAF schema references, and pass 6.1.7–6.1.10 and optional 6.2.19', async () => {
    // The FIRST CVSS schemas as @secvisogram/csaf-validator-lib bundles them (the CSAF schema's $refs).
    const lib = '@secvisogram/csaf-validator-lib';
    const load = async (specifier: string): Promise<Record<string, unknown>> =>
      ((await import(specifier)) as { default: Record<string, unknown> }).default;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const v2 = ajv.compile(await load(`${lib}/schemas/cvss-v2.0.js`));
    const v30 = ajv.compile(await load(`${lib}/schemas/cvss-v3.0.js`));
    const v31 = ajv.compile(await load(`${lib}/schemas/cvss-v3.1.js`));
    const scores = csaf.vulnerabilities.flatMap((v) => v.scores ?? []);
    expect(scores.filter((x) => x.cvss_v2).length).toBeGreaterThan(5);
    expect(scores.filter((x) => x.cvss_v3?.version === '3.0').length).toBeGreaterThan(5);
    for (const x of scores) {
      if (x.cvss_v2) expect(v2(x.cvss_v2), JSON.stringify(v2.errors)).toBe(true);
      else if (x.cvss_v3?.version === '3.0') expect(v30(x.cvss_v3), JSON.stringify(v30.errors)).toBe(true);
      else expect(v31(x.cvss_v3), JSON.stringify(v31.errors)).toBe(true);
    }
    const result = await validateCsaf(csaf, { strict: true });
    expect(result.failedTests).toEqual([]);
    expect(await csafTestNames({ strict: true })).toEqual(
      expect.arrayContaining([
        'mandatoryTest_6_1_7',
        'mandatoryTest_6_1_8',
        'mandatoryTest_6_1_9',
        'mandatoryTest_6_1_10',
      ]),
    );
    const test6219 = await load(`${lib}/lib/optionalTests/optionalTest_6_2_19.js`);
    expect((test6219 as unknown as (doc: unknown) => { warnings: unknown[] })(csaf).warnings).toEqual([]);
    // A score that disagrees with its vector fails 6.1.9: the check is real.
    const wrong = structuredClone(csaf);
    const first = wrong.vulnerabilities.find((v) => v.scores?.[0]?.cvss_v3)!.scores![0]!.cvss_v3!;
    first.baseScore = 5;
    expect((await validateCsaf(wrong, { strict: true })).failedTests).toContain('mandatoryTest_6_1_9');
  });

  it('CSAF: products with the same rating share one score; a product never has two scores of one version', () => {
    const s = matrix().find((x) => x.state === 'exploitable' && x.vulnerability.ratings.length === 3)!;
    const other = { ...s, component: { ...s.component!, purl: 'pkg:npm/other@1.0.0', bomRef: 'c-other' } };
    const third = {
      ...s,
      component: { ...s.component!, purl: 'pkg:npm/third@1.0.0', bomRef: 'c-third' },
      vulnerability: { ...s.vulnerability, ratings: [v31High] },
    };
    const json = JSON.parse(written('csaf', [s, other, third])) as CsafJson;
    const v = json.vulnerabilities[0]!;
    const ids = (v.product_status.known_affected ?? []).slice().sort();
    expect(ids).toHaveLength(3);
    const thirdId = ids.find((id) => !v.scores!.find((x) => x.cvss_v2)!.products.includes(id))!;
    const pair = ids.filter((id) => id !== thirdId);
    expect(v.scores!.map((x) => [x.cvss_v3?.baseScore ?? x.cvss_v2?.baseScore, x.products])).toEqual([
      [9.8, pair],
      [7.5, [thirdId]],
      [7.5, pair],
    ]);
    expect(v.scores!.map((x) => (x.cvss_v3 ? `v3 ${String(x.cvss_v3.version)}` : 'v2'))).toEqual([
      'v3 3.1',
      'v3 3.1',
      'v2',
    ]);
  });

  it('CycloneDX: ratings carry method, base vector, score, severity and source, newest CVSS version first, and are valid', () => {
    const text = written('cyclonedx', statements);
    const json = JSON.parse(text) as {
      vulnerabilities: { id: string; ratings?: Record<string, unknown>[] }[];
    };
    expect(validateCycloneDxVex(json)).toEqual([]);
    const ratingsOf2 = json.vulnerabilities.find((v) => v.id === statements[1]!.vulnerability.id)!.ratings;
    expect(ratingsOf2).toEqual([
      {
        source: { name: 'nvd@nist.gov' },
        score: 9.8,
        severity: 'critical',
        method: 'CVSSv31',
        vector: v31Critical.vector,
      },
      {
        source: { name: 'GHSA-aaaa-bbbb-cccc' },
        score: 7.5,
        severity: 'high',
        method: 'CVSSv31',
        vector: v31High.vector,
      },
      {
        source: { name: 'nvd@nist.gov' },
        score: 7.5,
        severity: 'high',
        method: 'CVSSv2',
        vector: v2High.vector,
      },
    ]);
    const methods = new Set(json.vulnerabilities.flatMap((v) => (v.ratings ?? []).map((r) => r.method)));
    expect([...methods].sort()).toEqual(['CVSSv2', 'CVSSv3', 'CVSSv31', 'CVSSv4']);
    // Statement 5 has no rating: no ratings key.
    expect(
      json.vulnerabilities.find((v) => v.id === statements[4]!.vulnerability.id)!.ratings,
    ).toBeUndefined();
    // Embedded in an SBOM, the same ratings.
    const here = path.dirname(fileURLToPath(import.meta.url));
    const sbomText = readFileSync(
      path.resolve(here, '..', '..', 'test', 'fixtures', 'sbom-small.cdx.json'),
      'utf8',
    );
    const lodash = {
      bomRef: 'pkg:npm/lodash@4.17.20',
      name: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
      cpe: null,
    };
    const embedded = embedCycloneDxVex(sbomText, doc([{ ...statements[1]!, component: lodash }]));
    if (!embedded.ok) throw new Error(embedded.error.message);
    const ej = JSON.parse(embedded.value) as { vulnerabilities: { ratings: unknown[] }[] };
    expect(validateCycloneDxVex(ej)).toEqual([]);
    expect(ej.vulnerabilities[0]!.ratings).toEqual(ratingsOf2);
  });

  it('OpenVEX has no place for a rating: the document is the same with and without ratings', () => {
    const bare = statements.map((s) => ({ ...s, vulnerability: { ...s.vulnerability, ratings: [] } }));
    expect(written('openvex', statements)).toBe(written('openvex', bare));
  });

  it('writers refuse a rating that is not a base vector with its own severity', () => {
    const s = {
      ...statements[1]!,
      vulnerability: {
        ...statements[1]!.vulnerability,
        ratings: [{ ...v31Critical, severity: 'high' as const }],
      },
    };
    for (const f of ['cyclonedx', 'openvex', 'csaf'] as const)
      expect(() => written(f, [s])).toThrow('ratings[0].severity');
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
      vulnerability: {
        id: 'CVE-2021-23337',
        aliases: ['GHSA-35jh-r3h4-6jhm'],
        description: null,
        ratings: [v31High],
      },
      component: lodash,
      state: 'not_affected',
      justification: 'code_not_reachable',
      responses: [],
    },
    {
      ...base,
      vulnerability: { id: 'CVE-2020-11896', aliases: [], description: 'Ripple20', ratings: [v31Critical] },
      component: tcp,
      state: 'exploitable',
      justification: null,
      responses: ['update'],
    },
    {
      ...base,
      vulnerability: { id: 'CVE-2020-11896', aliases: [], description: 'Ripple20', ratings: [v31Critical] },
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
