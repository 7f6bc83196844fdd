/**
 * Field issues in the UI language (web/src/components/issue-text.ts): the purl and CPE issues of
 * manual components (core/sbom/identifier-issues.ts) have a Japanese and an English text for every
 * code and variant, the English one the same as the server's message (QA sbomra 2: the form showed
 * the server's English on Japanese screens).
 */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpeIssue, cpeIssueCodes, purlIssue, purlIssueCodes } from '../../src/core/sbom/identifier-issues.js';
import type { Issue } from '../../src/core/result.js';
import { issuesToErrors, type Msg } from '../../web/src/components/fields.js';
import { issueMsg } from '../../web/src/components/issue-text.js';
import { webT } from '../support/web-i18n.js';

let ja: TFunction;
let en: TFunction;
beforeAll(async () => {
  ja = await webT('ja');
  en = await webT('en');
});

const shown = (issue: Issue, t: TFunction) => {
  const m = issueMsg(issue);
  return typeof m === 'string' ? m : t(m.key, m.values);
};

// One value for each code and variant the checks answer with.
const samples: Issue[] = [
  ...[
    'pkg:npm/%zz@1',
    'pkg:generic/murata/wifi fw@2.1 build 7',
    'npm/x',
    'pkg:1x/foo@1',
    'pkg:npm/',
    'pkg:maven/x@1',
    'pkg:npm/x@',
    'pkg:npm/x?a',
    `pkg:npm/${'x'.repeat(5000)}`,
  ].map((p) => purlIssue(p)!),
  ...[
    `cpe:2.3:${'a'.repeat(1100)}`,
    'windriver vxworks',
    'cpe:/x:vendor',
    'cpe:2.3:o:windriver:vxworks',
    'cpe:/a:v:p:1:u:e:l:extra',
    'cpe:2.3:x:v:p:1:*:*:*:*:*:*:*',
    'cpe:2.3:a::p:1:*:*:*:*:*:*:*',
    'cpe:2.3:a:v:p:1:*:*:*:*:*:*:x\\',
    'cpe:2.3:a:v:p*q:1:*:*:*:*:*:*:*',
    'cpe:2.3:a:v:p:1 2:*:*:*:*:*:*:*',
    'cpe:/a:v%zz',
    'cpe:/a:v:p:1:u:~a~b',
  ].map((c) => cpeIssue(c)!),
];

describe('issueMsg', () => {
  it('has the samples of every code and variant the checks answer with', () => {
    const codes = new Set(
      samples.map((i) => (i.args?.variant === undefined ? i.code : `${i.code}_${i.args.variant}`)),
    );
    expect([...codes].sort()).toEqual(
      [
        ...purlIssueCodes,
        ...Object.entries(cpeIssueCodes).flatMap(([code, variants]) => [
          ...(code === 'cpe.invalid_value' ? [] : [code]),
          ...variants.map((v) => `${code}_${v}`),
        ]),
      ].sort(),
    );
  });

  it('says every purl and CPE issue in Japanese on Japanese screens, and as the server says it in English', () => {
    for (const issue of samples) {
      expect(shown(issue, ja), issue.message).toMatch(/[ぁ-んァ-ヶ]/);
      expect(shown(issue, en)).toBe(issue.message);
    }
    expect(shown(cpeIssue('cpe:2.3:o:windriver:vxworks')!, ja)).toBe(
      'CPE 2.3 名は、コロンで区切った 13 個の欄からなります（cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other）。入力された値の欄は 5 個です。不明な欄には * を書き、欄の中のコロンは \\: と書いてください。',
    );
  });

  it("keeps the server's message for an issue without a code or with a code it has no text for", () => {
    expect(shown({ path: 'name', message: 'Name must not be empty.' }, ja)).toBe('Name must not be empty.');
    expect(shown({ path: 'x', code: 'purl.unheard_of', message: 'Something new.' }, ja)).toBe(
      'Something new.',
    );
  });

  it("the form shows the server's answer under the field in the UI language (issuesToErrors)", () => {
    // What POST …/components answers for the CPE of QA sbomra 2, as the problem's issues.
    const answer = [
      cpeIssue('cpe:2.3:o:windriver:vxworks')!,
      { path: 'name', message: 'Name must not be empty.' },
    ];
    const errors = issuesToErrors(answer, ['name', 'purl', 'cpe']);
    const text = (m: Msg | undefined, t: TFunction) =>
      m === undefined || typeof m === 'string' ? m : t(m.key, m.values);
    expect(text(errors.cpe, ja)).toMatch(/^CPE 2\.3 名は、.*入力された値の欄は 5 個です。/);
    expect(text(errors.cpe, en)).toBe(answer[0]!.message);
    expect(errors.name).toBe('Name must not be empty.');
  });
});
