/**
 * The findings tab's sentences (web/src/pages/release/evidence-text.ts) from evidence the real
 * matcher makes, in Japanese and English: nothing mamori decided is left in English in the
 * Japanese UI, and what exists only as English text is kept apart, never lost.
 */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FindingT } from '../../web/src/api/vulns.js';
import { emptyFindingsText, evidenceFacts, evidenceText, maliciousPackageText, unevaluatedText } from '../../web/src/pages/release/evidence-text.js';
import type { ComponentIdentity } from '../../src/core/vulns/finding.js';
import { memoryVulnDb } from '../../src/vulndb/memory-reader.js';
import { matchComponents } from '../../src/vulns/match.js';
import { freertosCve, lodashAdvisory, nvd, osv } from '../support/vulns.js';
import { webT } from '../support/web-i18n.js';

type Evidence = FindingT['evidence'][number];

const component = (key: string, fields: Partial<ComponentIdentity>): ComponentIdentity => ({
  key,
  bomRef: key,
  name: key,
  version: null,
  purl: null,
  cpe: null,
  cpeMatching: false,
  ...fields,
});

/** The evidence the matcher gives one component (exactly one piece expected). */
function evidenceOf(db: ReturnType<typeof memoryVulnDb>, c: ComponentIdentity): Evidence {
  const result = matchComponents(db, [c]);
  expect(result.findings).toHaveLength(1);
  expect(result.findings[0]!.evidence).toHaveLength(1);
  return result.findings[0]!.evidence[0] as unknown as Evidence;
}

let ja: TFunction;
let en: TFunction;
beforeAll(async () => {
  ja = await webT('ja');
  en = await webT('en');
});

describe('evidenceText', () => {
  const lodash = component('lodash', { version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' });

  it('says in Japanese which range of which record holds the version, with its events and scheme', () => {
    const e = evidenceOf(memoryVulnDb({ advisories: [lodashAdvisory()] }), lodash);
    expect(e.explanation).toMatch(/^4\.17\.20 is inside the SEMVER range/);
    expect(evidenceText(e, ja)).toEqual({
      sentence:
        'このバージョンは GHSA-35jh-r3h4-6jhm の SEMVER 範囲（導入 0、修正 4.17.21）に含まれています。バージョンは semver 方式で比較しました。',
      notes: [],
      original: null,
    });
    expect(evidenceText(e, en).sentence).toBe(
      'The version is inside the SEMVER range of GHSA-35jh-r3h4-6jhm (introduced 0, fixed 4.17.21). Versions were ordered by the semver scheme.',
    );
  });

  it('names the versions list when the record enumerates the version', () => {
    const listed = osv({
      id: 'GHSA-list-0001',
      affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, versions: ['4.17.19', '4.17.20'] }],
    });
    const e = evidenceOf(memoryVulnDb({ advisories: [listed] }), lodash);
    expect(e.rule).toBe('versions-list');
    expect(evidenceText(e, ja)).toEqual({
      sentence: 'このバージョンは GHSA-list-0001 の影響バージョン一覧に含まれています。',
      notes: [],
      original: null,
    });
  });

  it('translates every event kind, and keeps notes the matcher appends in English apart', () => {
    const lastAffected = osv({
      id: 'GHSA-last-0001',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '4.0.0' }, { last_affected: '4.17.20' }] }],
        },
      ],
    });
    const e = evidenceOf(memoryVulnDb({ advisories: [lastAffected] }), lodash);
    expect(evidenceText(e, ja).sentence).toBe(
      'このバージョンは GHSA-last-0001 の SEMVER 範囲（導入 4.0.0、最終影響 4.17.20）に含まれています。バージョンは semver 方式で比較しました。',
    );
    expect(evidenceText(e, en).sentence).toMatch(/\(introduced 4\.0\.0, last affected 4\.17\.20\)/);
    // Notes follow the sentence after "; " (osv-range.ts notes, e.g. why a fallback scheme ordered the versions).
    const noted = {
      ...e,
      fallback: true,
      explanation: `${e.explanation}; the OSV ecosystem "X" has no version scheme in mamori; versions are ordered by the generic scheme`,
    };
    expect(evidenceText(noted, ja)).toEqual({
      sentence:
        'このバージョンは GHSA-last-0001 の SEMVER 範囲（導入 4.0.0、最終影響 4.17.20）に含まれています。バージョンは semver 方式で比較しました。汎用の比較規則による判定のため、推定を含みます。',
      notes: [
        'the OSV ecosystem "X" has no version scheme in mamori',
        'versions are ordered by the generic scheme',
      ],
      original: null,
    });
  });

  it('renders a CPE match in Japanese and keeps the criteria and reason in the English original', () => {
    const rtos = component('rtos', {
      version: '10.4.0',
      cpe: 'cpe:2.3:o:amazon:freertos:10.4.0:*:*:*:*:*:*:*',
      cpeMatching: true,
    });
    const e = evidenceOf(memoryVulnDb({ cves: [freertosCve] }), rtos);
    const text = evidenceText(e, ja);
    expect(text.sentence).toBe(
      'cpe:2.3:o:amazon:freertos:10.4.0:*:*:*:*:*:*:* が CVE-2021-31571 の NVD 構成に一致しました。バージョンは generic 方式で比較しました。汎用の比較規則による判定のため、推定を含みます。',
    );
    expect(text.original).toBe(e.explanation);
    expect(text.notes).toEqual([]);
  });

  it('says when an AND configuration needs products mamori cannot check', () => {
    const withPlatform = nvd({
      id: 'CVE-2024-0001',
      configurations: [
        {
          operator: 'AND',
          nodes: [
            {
              operator: 'OR',
              negate: false,
              cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:o:amazon:freertos:10.4.0:*:*:*:*:*:*:*' }],
            },
            {
              operator: 'OR',
              negate: false,
              cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:h:acme:board:-:*:*:*:*:*:*:*' }],
            },
          ],
        },
      ],
    });
    const rtos = component('rtos', {
      version: '10.4.0',
      cpe: 'cpe:2.3:o:amazon:freertos:10.4.0:*:*:*:*:*:*:*',
      cpeMatching: true,
    });
    const e = evidenceOf(memoryVulnDb({ cves: [withPlatform] }), rtos);
    expect(e.rule).toBe('cpe-exact');
    expect(evidenceText(e, ja).sentence).toBe(
      'cpe:2.3:o:amazon:freertos:10.4.0:*:*:*:*:*:*:* が CVE-2024-0001 の NVD 構成に一致しました。バージョンが完全に一致しています。この構成は他の製品（プラットフォーム等）も条件としており、このコンポーネントだけでは確認できないため確度を下げています。',
    );
  });

  it('keeps the original sentence for a rule it does not know', () => {
    const e = {
      ...evidenceOf(memoryVulnDb({ advisories: [lodashAdvisory()] }), lodash),
      rule: 'future-rule',
    };
    expect(evidenceText(e, ja)).toEqual({ sentence: e.explanation, notes: [], original: null });
  });
});

describe('evidenceFacts', () => {
  /** The facts as the evidence line shows them: label, separator, value, joined by " · ". */
  const line = (e: Evidence, t: TFunction) =>
    evidenceFacts(e, t)
      .map((f) => `${f.label}${t('vulns.findings.factSeparator')}${f.value}`)
      .join(' · ');

  it('labels each fact label：value in Japanese and label: value in English', () => {
    const lodash = component('lodash', { version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' });
    const e = evidenceOf(memoryVulnDb({ advisories: [lodashAdvisory()] }), lodash);
    expect(line(e, ja)).toBe('範囲：SEMVER · 判定規則：範囲 · バージョン体系：semver');
    expect(line(e, en)).toBe('range: SEMVER · rule: range · version scheme: semver');
    expect(evidenceFacts(e, ja).map((f) => f.code)).toEqual([true, false, true]);
  });

  it('adds the confidence of a CPE match below 100%, and leaves out what the evidence lacks', () => {
    const rtos = component('rtos', {
      version: '10.4.0',
      cpe: 'cpe:2.3:o:amazon:freertos:10.4.0:*:*:*:*:*:*:*',
      cpeMatching: true,
    });
    const e = evidenceOf(memoryVulnDb({ cves: [freertosCve] }), rtos);
    expect(e.confidence).toBeLessThan(1);
    const percent = `${Math.round(e.confidence * 100)}%`;
    expect(line(e, ja)).toBe(`範囲：${e.range} · 判定規則：${ja(`vulns.rules.${e.rule}`)} · バージョン体系：generic · 確度：${percent}`);
    expect(line(e, en)).toMatch(new RegExp(`^range: cpe.* · rule: .* · version scheme: generic · confidence: ${percent}$`));
    const listed = osv({
      id: 'GHSA-list-0002',
      affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, versions: ['4.17.20'] }],
    });
    const byList = evidenceOf(memoryVulnDb({ advisories: [listed] }), component('lodash', { version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }));
    expect(line({ ...byList, range: null, scheme: null }, ja)).toBe('判定規則：バージョン一覧');
  });
});

describe('maliciousPackageText', () => {
  // Leitwacht npm feed, conformance/advisories/leitwacht-npm-malicious.jsonl.gz: LWA-2026-0053, alias MAL-2026-4496, no CVSS.
  const bandkit = osv({
    id: 'LWA-2026-0053',
    aliases: ['MAL-2026-4496'],
    summary: 'Malicious code in bandkit (npm)',
    affected: [{ package: { ecosystem: 'npm', name: 'bandkit', purl: 'pkg:npm/bandkit' }, versions: ['1.0.7'] }],
  });
  const bandkitComponent = component('bandkit', { version: '1.0.7', purl: 'pkg:npm/bandkit@1.0.7' });

  it('says in the UI language why a known malicious package is critical, instead of the English note', () => {
    const finding = matchComponents(memoryVulnDb({ advisories: [bandkit] }), [bandkitComponent]).findings[0]!;
    expect([finding.vulnerabilityId, finding.aliases, finding.severity]).toEqual(['LWA-2026-0053', ['MAL-2026-4496'], 'critical']);
    const e = finding.evidence[0] as unknown as Evidence;
    expect(e.explanation).toContain('; malicious package (MAL-2026-4496): severity critical, whatever a score says');
    expect(maliciousPackageText(finding, ja)).toBe(
      '既知の悪意あるパッケージです（MAL-2026-4496）。正当なコードの欠陥ではなく、害を与える目的で書かれたコードとして報告されているため、CVSS スコアの有無や値にかかわらず重大度を「緊急」として扱います。',
    );
    expect(maliciousPackageText(finding, en)).toBe(
      'A known malicious package (MAL-2026-4496): reported as code written to do harm, not as a flaw in legitimate code, so its severity is Critical whatever a CVSS score says.',
    );
    // The evidence sentence itself is the usual one, with no English leftover of the reason.
    expect(evidenceText(e, ja)).toEqual({ sentence: 'このバージョンは LWA-2026-0053 の影響バージョン一覧に含まれています。', notes: [], original: null });
  });

  it('names a MAL- id that is the canonical id, and nothing for other findings', () => {
    expect(maliciousPackageText({ vulnerabilityId: 'MAL-2025-1', aliases: [] }, en)).toMatch(/^A known malicious package \(MAL-2025-1\)/);
    expect(maliciousPackageText({ vulnerabilityId: 'CVE-2021-23337', aliases: ['GHSA-35jh-r3h4-6jhm'] }, ja)).toBeNull();
  });

  it('leaves the reason out of a CPE match’s English original too, keeping the rest', () => {
    const rtos = component('rtos', { version: '10.4.0', cpe: 'cpe:2.3:o:amazon:freertos:10.4.0:*:*:*:*:*:*:*', cpeMatching: true });
    const e = evidenceOf(memoryVulnDb({ cves: [freertosCve] }), rtos);
    const tagged = { ...e, explanation: `${e.explanation}; malicious package (MAL-2026-1): severity critical, whatever a score says` };
    expect(evidenceText(tagged, en).original).toBe(e.explanation);
  });
});

describe('unevaluatedText', () => {
  it('explains each reason the matcher gives, in both languages, keeping its English detail apart', () => {
    const result = matchComponents(memoryVulnDb({}), [
      component('none', { version: '1.0' }),
      component('rtos', { version: '10.4.0', cpe: 'cpe:2.3:o:amazon:freertos:10.4.0:*:*:*:*:*:*:*' }),
      component('bad', { version: '1', purl: 'pkg:npm' }),
      component('nover', { purl: 'pkg:npm/left-pad' }),
    ]);
    const byKey = new Map(result.unevaluated.map((u) => [u.componentKey, u]));
    const none = unevaluatedText(byKey.get('none')!, ja);
    expect(none).toEqual({
      sentence:
        'purl も CPE もないため照合できません。SBOM またはコンポーネントに purl か CPE を追加してください。',
      detail: null,
    });
    const rtos = byKey.get('rtos')!;
    expect(rtos.reason).toBe('cpe-matching-off');
    expect(unevaluatedText(rtos, ja).sentence).toMatch(/^識別子が CPE だけで/);
    expect(unevaluatedText(rtos, en).sentence).toMatch(/^Only a CPE identifies/);
    expect(rtos.detail).toContain('cpe:2.3:o:amazon:freertos:10.4.0');
    expect([unevaluatedText(rtos, ja).detail, unevaluatedText(rtos, en).detail]).toEqual([
      rtos.detail,
      rtos.detail,
    ]);
    for (const key of ['bad', 'nover']) {
      const u = byKey.get(key)!;
      expect(unevaluatedText(u, ja).sentence, u.reason).toMatch(/[ぁ-ん]/);
      expect(unevaluatedText(u, ja).detail).toBe(u.detail);
    }
  });

  it('shows the detail itself for a reason it has no explanation of', () => {
    expect(unevaluatedText({ reason: 'future-reason', detail: 'something new' }, ja)).toEqual({
      sentence: 'something new',
      detail: null,
    });
  });
});

describe('emptyFindingsText', () => {
  it('calls an empty list clean only for components that were compared', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const t = await webT(lang);
      const none = emptyFindingsText({ componentCount: 5, unevaluatedCount: 5 }, false, t);
      const partial = emptyFindingsText({ componentCount: 5, unevaluatedCount: 2 }, false, t);
      const clean = emptyFindingsText({ componentCount: 5, unevaluatedCount: 0 }, false, t);
      expect(none.title).toBe(lang === 'en' ? 'Nothing was compared' : '照合できたコンポーネントがありません');
      expect(none.body).toContain(lang === 'en' ? 'None of the 5 components could be evaluated' : '5 件のコンポーネントのいずれも評価できませんでした');
      expect(partial.title).toBe(t('vulns.findings.none'));
      expect(partial.body).toBe(
        lang === 'en'
          ? 'No advisory in the vulnerability database matches the 3 evaluated components. 2 could not be evaluated and are listed below.'
          : '評価した 3 件のコンポーネントに該当するアドバイザリは脆弱性データベースにありません。評価できなかった 2 件は下に一覧します。',
      );
      expect(clean.body).toBe(t('vulns.findings.noneBody'));
      expect(emptyFindingsText(null, false, t).title).toBe(t('vulns.findings.notAnalysedTitle'));
      expect(emptyFindingsText({ componentCount: 5, unevaluatedCount: 5 }, true, t)).toEqual({ title: t('vulns.findings.noMatch'), body: '' });
      // An empty release (no components) is not "nothing compared".
      expect(emptyFindingsText({ componentCount: 0, unevaluatedCount: 0 }, false, t).body).toBe(t('vulns.findings.noneBody'));
    }
  });
});
