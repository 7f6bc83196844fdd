import { describe, expect, it } from 'vitest';
import { cpeIssue, cpeIssueCodes, purlIssue, purlIssueCodes } from './identifier-issues.js';
import { component } from './model.js';
import { evaluateQuality } from './quality/evaluate-quality.js';
import { compliantDocument } from './quality/quality-fixture.js';

const purls = [
  'pkg:npm/lodash@4.17.21',
  'pkg:npm/%40angular/core@17.0.0',
  'pkg:generic/murata/wifi%20fw@2.1',
  'pkg:maven/org.apache.commons/commons-lang3@3.12.0?type=jar',
  // QA sbomra defect 1 and 2: accepted by the form and the API, failed by the Quality tab.
  'pkg:npm/%zz@1',
  'pkg:generic/murata/wifi fw@2.1 build 7',
  'pkg:1x/foo@1',
  'npm/x',
  'pkg:npm/lodash@',
  'pkg:npm/a?k',
  'pkg:maven/commons-lang3@3',
];

const cpes = [
  'cpe:2.3:o:microsoft:windows_10_iot_enterprise_ltsc:2021:*:*:*:*:*:*:*',
  // QA sbomra defect 4: a colon inside a field is written \:.
  'cpe:2.3:a:qt:qt:5.15.2\\:lts:*:*:*:*:*:*:*',
  'cpe:2.3:o:windriver:vxworks:7.0:*:*:*:*:*:*:*',
  'cpe:/o:windriver:vxworks:7.0',
  'CPE:/o:windriver:vxworks:7.0',
  'cpe:/h:corega:cg-wgr1200',
  'cpe:2.3:o:windriver:vxworks',
  'cpe:2.3:a:qt:qt:5.15.2:lts:*:*:*:*:*:*:*',
  'cpe:2.3:x:vendor:product:1.0:*:*:*:*:*:*:*',
  'cpe:2.3:a::product:1.0:*:*:*:*:*:*:*',
  'cpe:2.3:a:vendor:pro*duct:1.0:*:*:*:*:*:*:*',
  'cpe:2.3:a:vendor:product:1.0 beta:*:*:*:*:*:*:*',
  'cpe:/a:foo%zzbar',
  'cpe:/a:v:p:1:u:e:l:extra',
  'cpe:/x:vendor',
  'windriver vxworks 7',
];

/** What the Quality tab says of a component with this purl or CPE ("purl and CPE are well-formed"). */
function qualityPasses(fields: { purl?: string; cpe?: string }): boolean {
  const doc = compliantDocument([component({ bomRef: 'x', name: 'x', version: '1', ...fields })]);
  const result = evaluateQuality(doc, 'ntia-2021').components[0]!.results.find(
    (r) => r.checkId === 'component.identifier.syntax',
  );
  return result!.status === 'pass';
}

describe('purlIssue / cpeIssue', () => {
  it('refuse exactly what the quality check fails: one rule for entry and the Quality tab', () => {
    for (const purl of purls)
      expect([purl, purlIssue(purl) === null]).toEqual([purl, qualityPasses({ purl })]);
    for (const cpe of cpes) expect([cpe, cpeIssue(cpe) === null]).toEqual([cpe, qualityPasses({ cpe })]);
  });

  it('say what is wrong with a stable code and the values of the message', () => {
    expect(purlIssue('pkg:npm/%zz@1')).toMatchObject({ path: 'purl', code: 'purl.escape' });
    expect(purlIssue('pkg:generic/murata/wifi fw@2.1 build 7')).toMatchObject({ code: 'purl.whitespace' });
    expect(purlIssue('pkg:1x/foo@1')).toMatchObject({ code: 'purl.type' });
    expect(cpeIssue('cpe:2.3:o:windriver:vxworks')).toEqual({
      path: 'cpe',
      code: 'cpe.field_count',
      args: { found: 5 },
      message: expect.stringContaining('this one has 5') as string,
    });
    expect(cpeIssue('cpe:/a:v:p:1:u:e:l:extra')).toMatchObject({
      code: 'cpe.field_count',
      args: { found: 8, variant: 'uri' },
    });
    expect(cpeIssue('cpe:2.3:a::product:1.0:*:*:*:*:*:*:*')).toMatchObject({
      code: 'cpe.invalid_value',
      args: { attribute: 'vendor', variant: 'empty' },
    });
    expect(cpeIssue('cpe:2.3:a:vendor:pro*duct:1.0:*:*:*:*:*:*:*')).toMatchObject({
      args: { attribute: 'product', variant: 'wildcard' },
    });
    expect(cpeIssue('cpe:2.3:a:vendor:product:1.0 beta:*:*:*:*:*:*:*')).toMatchObject({
      args: { attribute: 'version', variant: 'character' },
    });
    expect(cpeIssue('cpe:/a:foo%zzbar')).toMatchObject({ args: { attribute: 'vendor', variant: 'percent' } });
    expect(cpeIssue('cpe:2.3:x:vendor:product:1.0:*:*:*:*:*:*:*')).toMatchObject({
      code: 'cpe.invalid_part',
    });
    expect(cpeIssue('cpe:/x:vendor')).toMatchObject({ code: 'cpe.not_cpe22' });
    expect(cpeIssue('windriver vxworks 7')).toMatchObject({ code: 'cpe.not_cpe23' });
    expect(cpeIssue('cpe:2.3:a:qt:qt:5.15.2\\:lts:*:*:*:*:*:*:*')).toBeNull();
    expect(cpeIssue('cpe:/o:windriver:vxworks:7.0')).toBeNull();
  });

  it('answer only with the codes they list (the web has a text for each)', () => {
    const seen = new Set<string>();
    for (const purl of purls) {
      const issue = purlIssue(purl);
      if (issue) seen.add(issue.code!);
    }
    for (const cpe of cpes) {
      const issue = cpeIssue(cpe);
      if (issue)
        seen.add(issue.args?.variant === undefined ? issue.code! : `${issue.code!}_${issue.args.variant}`);
    }
    const listed = new Set([
      ...purlIssueCodes,
      ...Object.entries(cpeIssueCodes).flatMap(([code, variants]) => [
        code,
        ...variants.map((v) => `${code}_${v}`),
      ]),
    ]);
    expect([...seen].filter((code) => !listed.has(code))).toEqual([]);
  });
});
