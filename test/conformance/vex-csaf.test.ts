/**
 * CSAF 2.0 conformance (../shared/conformance/csaf): proves validateCsaf is wired to the schema and
 * every mandatory test of @secvisogram/csaf-validator-lib.
 *
 * - Every test document of the OASIS TC (csaf_2.0/test/validator/data, listed in testcases.json):
 *   a mandatory-group failure document must fail exactly the matching mandatory test
 *   (6.1.27.9 → mandatoryTest_6_1_27_9); a mandatory-group valid document, and every document of
 *   the optional and informative groups (they break only optional/informative rules), must pass the
 *   CSAF 2.0 schema and all mandatory tests.
 * - Where the library and the TC's test data disagree, the disagreement is listed in `knownDisagreements`
 *   with the reason, and the test asserts that exactly those documents disagree (a library update that
 *   fixes one makes the test fail, so the list stays true).
 * - Every official example (csaf_2.0/examples/csaf, including csaf_vex/) passes and imports into
 *   the VEX model; the VEX use-case examples yield statements.
 * - The CSAF 2.0 JSON schema inside the library equals the errata 01 schema staged in conformance.
 * - Every CVSS v2.0/v3.0/v3.1 reference vector (../shared/conformance/cvss), rated as a VEX export
 *   rates a finding's vectors (services/vex.ts vexRatings) and written by writeCsaf, is a score that
 *   the official FIRST CVSS schemas staged with CSAF 2.0 accept and that passes the mandatory tests,
 *   among them 6.1.9 (the score recomputed by the library's own calculators).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import type { VexRating, VexStatement } from '../../src/core/vex/model.js';
import { vexRatings } from '../../src/services/vex.js';
import { readCsaf, validateCsaf, writeCsaf } from '../../src/vex/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const csafRoot = path.resolve(repoRoot, '..', 'shared', 'conformance', 'csaf');
const data = path.join(csafRoot, 'csaf_2.0', 'test', 'validator', 'data');
const examples = path.join(csafRoot, 'csaf_2.0', 'examples', 'csaf');
const cvssVectors = path.resolve(repoRoot, '..', 'shared', 'conformance', 'cvss', 'redhat-cvss', 'tests');
const inCi = process.env.CI === 'true';

interface TestCase {
  readonly id: string;
  readonly group: 'mandatory' | 'optional' | 'informative';
  readonly failures?: readonly { readonly name: string }[];
  readonly valid?: readonly { readonly name: string }[];
}

/** Test documents whose verdict from csaf-validator-lib 2.0.10 differs from testcases.json, and why. */
const knownDisagreements: Readonly<Record<string, string>> = {
  'mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-26-04.json':
    'category "csafsecurityadvisory": the spec removes "_", "-" and spaces from both sides, so it equals csaf_security_advisory; the library compares only against the profile names without the csaf_ prefix and passes it',
  'mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-14-12.json':
    'valid; two revisions with the same date listed newest first: the library sorts by date only and then fails 6.1.21 ("does not start with 0 or 1")',
  'mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-16-16.json':
    'valid; same equal-date ordering as 6-1-14-12 (library fails 6.1.21)',
  'mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-16-17.json':
    'valid; same equal-date ordering as 6-1-14-12 (library fails 6.1.21)',
  'optional/oasis_csaf_tc-csaf_2_0-2021-6-2-08-02.json':
    'meant to break only optional 6.2.8, but uses md5 twice in one file_hashes, which mandatory 6.1.25 forbids; the library is right',
  'optional/oasis_csaf_tc-csaf_2_0-2021-6-2-09-02.json': 'as 6-2-08-02 with sha1 (mandatory 6.1.25)',
};

const load = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;

describe('CSAF 2.0 test documents and examples', () => {
  const present = existsSync(path.join(data, 'testcases.json')) && existsSync(examples);
  if (!present && !inCi) {
    console.warn(`skipping CSAF conformance: data not found at ${csafRoot}`);
    it.skip('needs ../shared/conformance/csaf', () => {});
    return;
  }
  const cases = present ? (load(path.join(data, 'testcases.json')) as { tests: TestCase[] }).tests : [];

  it('testcases.json lists every test document', () => {
    expect(present, `conformance data missing at ${csafRoot}`).toBe(true);
    const listed = new Set(
      cases.flatMap((t) => [...(t.failures ?? []), ...(t.valid ?? [])].map((f) => f.name)),
    );
    const files = ['mandatory', 'optional', 'informative'].flatMap((dir) =>
      readdirSync(path.join(data, dir))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `${dir}/${f}`),
    );
    expect(files.length).toBeGreaterThan(200);
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
  });

  it('each mandatory failure document fails its own mandatory test', { timeout: 600_000 }, async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const t of cases.filter((c) => c.group === 'mandatory')) {
      const test = `mandatoryTest_${t.id.replaceAll('.', '_')}`;
      for (const f of t.failures ?? []) {
        const r = await validateCsaf(load(path.join(data, f.name)));
        checked += 1;
        const agrees = !r.valid && r.failedTests.includes(test);
        if (agrees === f.name in knownDisagreements)
          problems.push(`${f.name}: expected ${test} to fail, failed: ${r.failedTests.join(', ') || 'none'}`);
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  });

  it(
    'every valid document (mandatory valid examples, optional and informative groups) passes',
    { timeout: 600_000 },
    async () => {
      const problems: string[] = [];
      let checked = 0;
      for (const t of cases) {
        const docs = t.group === 'mandatory' ? (t.valid ?? []) : [...(t.failures ?? []), ...(t.valid ?? [])];
        for (const f of docs) {
          const r = await validateCsaf(load(path.join(data, f.name)));
          checked += 1;
          if (r.valid === f.name in knownDisagreements)
            problems.push(
              `${f.name} (${t.group} ${t.id}): ${
                r.issues
                  .slice(0, 3)
                  .map((i) => `${i.rule} ${i.path} ${i.message}`)
                  .join('; ') || 'passes'
              }`,
            );
        }
      }
      expect(checked).toBeGreaterThan(100);
      expect(problems).toEqual([]);
    },
  );

  it(
    'the official examples pass and import; the VEX examples yield statements',
    { timeout: 600_000 },
    async () => {
      const files = [
        ...readdirSync(examples).filter((f) => f.endsWith('.json')),
        ...readdirSync(path.join(examples, 'csaf_vex'))
          .filter((f) => f.endsWith('.json'))
          .map((f) => `csaf_vex/${f}`),
      ];
      expect(files.length).toBeGreaterThan(15);
      const problems: string[] = [];
      for (const f of files) {
        const json = load(path.join(examples, f));
        const v = await validateCsaf(json);
        if (!v.valid) problems.push(`${f}: ${v.failedTests.join(', ')}`);
        const r = readCsaf(json);
        if (!r.ok) problems.push(`${f}: ${r.message}`);
        else if (
          Array.isArray((json as { vulnerabilities?: unknown }).vulnerabilities) &&
          r.document.statements.length === 0
        )
          problems.push(`${f}: no statements`);
        else if (
          f.startsWith('csaf_vex/') &&
          r.warnings.some((w) => !w.includes('product_status.recommended'))
        )
          problems.push(`${f}: ${r.warnings.join('; ')}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('reads the VEX use case "not affected" with its justification flag and impact statement', () => {
    const r = readCsaf(load(path.join(examples, 'csaf_vex', '2022-evd-uc-01-na-001.json')));
    if (!r.ok) throw new Error(r.message);
    expect(
      r.document.statements.map((s) => [
        s.vulnerability.id,
        s.product?.vendor,
        s.product?.name,
        s.product?.version,
        s.state,
        s.origin?.status,
      ]),
    ).toEqual([['CVE-2021-44228', 'Example Company', 'ABC', '4.2', 'not_affected', 'known_not_affected']]);
  });

  it(
    'every CVSS v2.0, v3.0 and v3.1 reference vector, as an export rates it, is a CSAF score the official FIRST schemas and mandatory tests 6.1.7–6.1.10 accept',
    { timeout: 600_000 },
    async () => {
      expect(existsSync(cvssVectors), `conformance data missing at ${cvssVectors}`).toBe(true);
      // Red Hat's reference vectors (test/conformance/cvss.test.ts reads the same files): `<vector> - (<base>, …)`.
      const ratings = new Map<string, VexRating>();
      const problems: string[] = [];
      for (const file of readdirSync(cvssVectors).filter(
        (f) => f.startsWith('vectors_') && !f.endsWith('4'),
      )) {
        for (const line of readFileSync(path.join(cvssVectors, file), 'utf8').split('\n')) {
          if (line.trim() === '') continue;
          const at = line.indexOf(' - ');
          const vector = line.slice(0, at).trim();
          const base = Number(
            line
              .slice(at + 3)
              .replace(/[()]/g, '')
              .split(',')[0],
          );
          const version = vector.startsWith('CVSS:3.1/')
            ? '3.1'
            : vector.startsWith('CVSS:3.0/')
              ? '3.0'
              : '2.0';
          // What the VEX export does with a finding's vector: base metrics only, scored.
          const rated = vexRatings([{ version, vector, baseScore: 0, severity: 'unknown', source: '' }]);
          if (rated.length !== 1 || rated[0]!.baseScore !== base)
            problems.push(`${file}: ${vector}: ${JSON.stringify(rated)}, reference base ${base}`);
          else ratings.set(rated[0]!.vector, rated[0]!);
        }
      }
      expect(problems).toEqual([]);
      const list = [...ratings.values()];
      // Every base vector of v2.0 (3^6) and of v3.0 and v3.1 (4·2·3·2·2·3^3).
      expect(list.filter((r) => r.version === '2.0')).toHaveLength(729);
      expect(list.filter((r) => r.version === '3.0')).toHaveLength(2592);
      expect(list.filter((r) => r.version === '3.1')).toHaveLength(2592);

      // The official FIRST schemas staged with CSAF 2.0 (draft-04 / draft-07; `$schema` and the draft-04 `id` dropped).
      const first = path.join(csafRoot, 'csaf_2.0', 'referenced_schema', 'first');
      const ajv = new Ajv({ strict: false, allErrors: true });
      const schema = (v: string) => {
        const {
          $schema: _s,
          id: _i,
          ...rest
        } = load(path.join(first, `cvss-v${v}.json`)) as Record<string, unknown>;
        return ajv.compile(rest);
      };
      const official = { '2.0': schema('2.0'), '3.0': schema('3.0'), '3.1': schema('3.1') } as const;

      const product = {
        id: 'urn:mamori:release:1',
        vendor: 'Example Medical',
        name: 'Pump',
        version: '1.0',
        purl: null,
        cpe: null,
        bomRef: null,
        sbom: null,
      };
      const component = { bomRef: null, name: 'lib', version: '1.0.0', purl: 'pkg:npm/lib@1.0.0', cpe: null };
      // One document per CVSS version; every vector is its own vulnerability (one score per version per product).
      for (const version of ['2.0', '3.0', '3.1'] as const) {
        const ofVersion = list.filter((r) => r.version === version);
        const statements: VexStatement[] = ofVersion.map((r, i) => ({
          vulnerability: {
            id: `CVE-2099-${String(100_000 + i)}`,
            aliases: [],
            description: null,
            ratings: [r],
          },
          product,
          component,
          state: 'exploitable',
          justification: null,
          responses: ['update'],
          detail: null,
          actionStatement: null,
          firstIssued: null,
          lastUpdated: null,
          origin: null,
        }));
        const written = writeCsaf(
          {
            title: 'CVSS',
            author: { name: 'Example Medical', namespace: 'https://psirt.example.com' },
            timestamp: '2026-04-01T09:00:00Z',
            lastUpdated: null,
            version: 1,
            statements,
          },
          { category: 'csaf_vex', trackingId: `CVSS-${version}` },
        );
        if (!written.ok) throw new Error(written.error.message);
        const json = JSON.parse(written.value) as {
          vulnerabilities: { scores: { products: string[]; cvss_v2?: unknown; cvss_v3?: unknown }[] }[];
        };
        const scores = json.vulnerabilities.map((v) => v.scores);
        expect(scores.every((x) => x.length === 1)).toBe(true);
        const invalid = scores
          .flat()
          .filter((x) => !official[version](version === '2.0' ? x.cvss_v2 : x.cvss_v3));
        expect(invalid.slice(0, 3), version).toEqual([]);
        const result = await validateCsaf(json, { strict: true });
        expect(result.failedTests, `${version}: ${JSON.stringify(result.issues.slice(0, 3))}`).toEqual([]);
      }
    },
  );

  it('the library schema is the CSAF 2.0 errata 01 schema (same rules; prose aside)', async () => {
    const rulesOnly = (x: unknown): unknown => {
      if (Array.isArray(x)) return x.map(rulesOnly);
      if (typeof x !== 'object' || x === null) return x;
      return Object.fromEntries(
        Object.entries(x)
          .filter(([k]) => !['description', 'title', 'examples', '$comment'].includes(k))
          .map(([k, v]) => [
            k,
            k === 'pattern' && typeof v === 'string' ? v.replaceAll('\\/', '/') : rulesOnly(v),
          ]),
      );
    };
    const staged = load(path.join(csafRoot, 'csaf_2.0_errata_01', 'csaf_json_schema.json'));
    const specifier: string = '@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0/schema.js';
    const lib = ((await import(specifier)) as { default: unknown }).default;
    // One difference: the library anchors both alternatives of the CPE pattern (`^(A|B)$`), the staged
    // errata 01 text reads `^A|B$`, which anchors A only at the start and B only at the end.
    type Schema = {
      $defs: {
        full_product_name_t: {
          properties: { product_identification_helper: { properties: { cpe: { pattern: string } } } };
        };
      };
    };
    const cpeOf = (x: unknown) =>
      (x as Schema).$defs.full_product_name_t.properties.product_identification_helper.properties.cpe;
    const stagedRules = rulesOnly(staged);
    const libRules = rulesOnly(lib);
    expect(cpeOf(libRules).pattern).toBe(`^(${cpeOf(stagedRules).pattern.slice(1, -1)})$`);
    cpeOf(libRules).pattern = cpeOf(stagedRules).pattern;
    expect(libRules).toEqual(stagedRules);
  });
});
