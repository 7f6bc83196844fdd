import { describe, expect, it } from 'vitest';
import type { Component, SbomDocument } from '../model.js';
import { qualityProfileIds, type QualityContext } from './check.js';
import { evaluateQuality } from './evaluate-quality.js';
import { getProfile, isQualityProfileId, listProfiles } from './profiles.js';
import { compliantContext, compliantDocument } from './quality-fixture.js';

type Mutation = (doc: SbomDocument) => { doc: SbomDocument; context?: QualityContext };

const withComponents = (doc: SbomDocument, f: (c: Component) => Component): SbomDocument => ({
  ...doc,
  components: doc.components.map(f),
});
const doc = (d: SbomDocument) => ({ doc: d });
const comp =
  (patch: (c: Component) => Partial<Component>): Mutation =>
  (d) =>
    doc(withComponents(d, (c) => ({ ...c, ...patch(c) })));
const withoutProperty = (name: string) =>
  comp((c) => ({ properties: c.properties.filter((p) => p.name !== name) }));
const meta =
  (patch: Partial<SbomDocument['metadata']>): Mutation =>
  (d) =>
    doc({ ...d, metadata: { ...d.metadata, ...patch } });

/** One way to break each check: the field it looks for is removed or made invalid. */
const breakers: Record<string, Mutation> = {
  'document.author': meta({ authors: [], supplier: null }),
  'document.author.contact': meta({
    authors: [{ name: 'Team', email: null, phone: null }],
    supplier: { name: 'Maker', url: [], contact: [] },
  }),
  'document.timestamp': meta({ timestamp: null }),
  'document.tool.name': meta({ tools: [] }),
  'document.tool.version': meta({ tools: [{ vendor: null, name: 'gen', version: null }] }),
  'document.format': (d) => doc({ ...d, specVersion: '' }),
  'document.format.minimum': (d) => doc({ ...d, specVersion: '1.5' }),
  'document.identity': meta({ serialNumber: null }),
  'document.generation-context': meta({ lifecycles: [] }),
  'document.signature': (d) => ({ doc: d, context: { ...compliantContext, authorSignaturePresent: false } }),
  'document.primary-component': meta({ component: null }),
  'document.components': (d) =>
    doc({ ...d, components: [], dependencies: [{ ref: 'product', dependsOn: [] }] }),
  'document.dependencies': (d) => doc({ ...d, dependencies: [] }),
  'document.dependencies.resolve': (d) =>
    doc({ ...d, dependencies: [...d.dependencies, { ref: 'product', dependsOn: ['ghost'] }] }),
  'document.vulnerability-assessment': (d) => ({
    doc: d,
    context: { ...compliantContext, vulnerabilityAssessmentLinked: false },
  }),
  'component.supplier': comp(() => ({ supplier: null })),
  'component.producer': comp(() => ({ supplier: null, author: null })),
  'component.creator.contact': comp(() => ({
    author: 'Someone',
    supplier: { name: 'S', url: [], contact: [] },
  })),
  'component.name': comp(() => ({ name: '' })),
  'component.version': comp(() => ({ version: null })),
  'component.identifier': comp(() => ({ purl: null })),
  'component.identifier.syntax': comp(() => ({ purl: 'npm/no-scheme@1.0.0' })),
  'component.relationship': (d) =>
    doc({ ...d, dependencies: d.components.map((c) => ({ ref: c.bomRef, dependsOn: [] })) }),
  'component.dependencies.stated': (d) =>
    doc({ ...d, dependencies: d.dependencies.filter((x) => x.ref === 'product') }),
  'component.hash': comp(() => ({ hashes: [] })),
  'component.hash.sha512': comp(() => ({ hashes: [{ alg: 'SHA-256', content: 'b'.repeat(64) }] })),
  'component.hash.strong': comp(() => ({ hashes: [{ alg: 'MD5', content: 'b'.repeat(32) }] })),
  'component.license': comp(() => ({ licenses: [] })),
  'component.license.syntax': comp(() => ({
    licenses: [{ expression: 'MIT OR', name: null, acknowledgement: 'concluded' }],
  })),
  'component.license.current': comp(() => ({
    licenses: [{ expression: 'GPL-2.0', name: null, acknowledgement: 'concluded' }],
  })),
  'component.license.concluded': comp((c) => ({
    licenses: c.licenses.filter((l) => l.acknowledgement !== 'concluded'),
  })),
  'component.license.declared': comp((c) => ({
    licenses: c.licenses.filter((l) => l.acknowledgement !== 'declared'),
  })),
  'component.support-level': comp(() => ({ supportLevel: null })),
  'component.end-of-support': comp(() => ({ endOfSupport: null })),
  'component.bsi.component.executable': withoutProperty('bsi:component:executable'),
  'component.bsi.component.archive': withoutProperty('bsi:component:archive'),
  'component.bsi.component.structured': withoutProperty('bsi:component:structured'),
  'component.filename': withoutProperty('bsi:component:filename'),
  'component.source-uri': comp((c) => ({
    externalReferences: c.externalReferences.filter((r) => r.type !== 'vcs'),
  })),
  'component.deployable-uri': comp((c) => ({
    externalReferences: c.externalReferences.filter((r) => r.type !== 'distribution'),
  })),
};

describe('quality profiles', () => {
  it('lists the five profiles in a fixed order with counts', () => {
    const list = listProfiles();
    expect(list.map((p) => p.id)).toEqual([...qualityProfileIds]);
    for (const p of list) {
      expect(p.requiredChecks).toBeGreaterThan(0);
      expect(p.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.title.ja).not.toBe('');
    }
    expect(isQualityProfileId('fda')).toBe(true);
    expect(isQualityProfileId('nope')).toBe(false);
  });

  it('names each source in both languages: the MHLW guidance by its issuer 厚生労働省 in Japanese (QA jaui #8)', () => {
    for (const p of listProfiles()) {
      expect(p.source.en.trim()).not.toBe('');
      expect(p.source.ja.trim()).not.toBe('');
    }
    const mhlw = getProfile('jp-mhlw');
    expect(mhlw.source).toEqual({
      en: 'MHLW, 医療機器のサイバーセキュリティ導入に関する手引書 第2版 (薬生機審発0331第11号・薬生安発0331第4号), 附属書A',
      ja: '厚生労働省 医療機器のサイバーセキュリティ導入に関する手引書 第2版（薬生機審発0331第11号・薬生安発0331第4号）附属書A',
    });
    for (const c of mhlw.checks) {
      expect(c.source.document.en).toMatch(/^MHLW /);
      expect(c.source.document.ja).toMatch(/^厚生労働省 /);
      expect(c.source.document.ja).not.toMatch(/MHLW/);
    }
    // The report carries both, for the UI to choose from.
    const report = evaluateQuality(compliantDocument(), 'jp-mhlw', compliantContext);
    expect(report.profile.source.ja).toMatch(/^厚生労働省 /);
    expect(report.checks[0]!.source.document).toEqual({
      en: 'MHLW 医療機器のサイバーセキュリティ導入に関する手引書 第2版 (2023)',
      ja: '厚生労働省 医療機器のサイバーセキュリティ導入に関する手引書 第2版 (2023)',
    });
    // Documents written in English keep their English title in both languages.
    expect(getProfile('ntia-2021').checks[0]!.source.document).toEqual({
      en: 'NTIA Minimum Elements (2021)',
      ja: 'NTIA Minimum Elements (2021)',
    });
  });

  it.each(qualityProfileIds)('%s: every check is fully described, ids unique', (id) => {
    const checks = getProfile(id).checks;
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
    for (const c of checks) {
      for (const t of [c.title, c.explanation, c.fix]) {
        expect(t.en.trim()).not.toBe('');
        expect(t.ja.trim()).not.toBe('');
      }
      expect(c.source.document.en).not.toBe('');
      expect(c.source.document.ja).not.toBe('');
      expect(c.source.section).not.toBe('');
    }
  });

  it.each(qualityProfileIds)('%s: a fully compliant document passes with score 100', (id) => {
    const report = evaluateQuality(compliantDocument(), id, compliantContext);
    const failing = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail ?? ''}`);
    expect(failing).toEqual([]);
    expect(report.verdict).toBe('pass');
    expect(report.score.overall).toBe(100);
    expect(report.fixes).toEqual([]);
  });

  const rows = qualityProfileIds.flatMap((id) =>
    getProfile(id).checks.map((check) => ({
      profile: id,
      check: check.id,
      severity: check.severity,
      cite: `${check.source.document.en} — ${check.source.section}`,
    })),
  );

  it.each(rows)(
    '$profile / $check ($severity) fails when its field is removed — $cite',
    ({ profile, check, severity }) => {
      const breaker = breakers[check];
      expect(breaker, `no breaker for ${check}`).toBeDefined();
      const { doc: broken, context } = breaker!(compliantDocument());
      const report = evaluateQuality(broken, profile, context ?? compliantContext);
      const result = report.checks.find((c) => c.id === check)!;
      expect(result.status).toBe('fail');
      if (result.level === 'component') expect(result.failed).toBeGreaterThan(0);
      if (severity === 'required') expect(report.verdict).toBe('fail');
      expect(report.score.overall).toBeLessThan(100);
      expect(report.fixes.map((f) => f.checkId)).toContain(check);
    },
  );

  it('context-dependent checks fail with detail context.missing when the caller says nothing', () => {
    const report = evaluateQuality(compliantDocument(), 'fda');
    const vuln = report.checks.find((c) => c.id === 'document.vulnerability-assessment')!;
    expect(vuln.status).toBe('fail');
    expect(vuln.detail).toBe('context.missing');
    expect(report.verdict).toBe('fail');
  });

  // Rows for value checks (not just presence): each cites why the value is wrong.
  it.each([
    {
      check: 'document.timestamp',
      profile: 'ntia-2021',
      cite: 'NTIA 2021 Timestamp; RFC 3339 date-time',
      mutate: meta({ timestamp: '2026-13-01T00:00:00Z' }),
    },
    {
      check: 'document.timestamp',
      profile: 'ntia-2021',
      cite: 'RFC 3339 needs a time zone',
      mutate: meta({ timestamp: '2026-04-01T09:30:00' }),
    },
    {
      check: 'document.identity',
      profile: 'cisa-2026',
      cite: 'CISA 2026 SBOM Version; CycloneDX serialNumber is urn:uuid',
      mutate: meta({ serialNumber: 'abc' }),
    },
    {
      check: 'document.identity',
      profile: 'bsi-tr-03183-2',
      cite: 'BSI §5.2.1 SBOM-URI needs a version',
      mutate: meta({ version: null }),
    },
    {
      check: 'component.end-of-support',
      profile: 'fda',
      cite: 'FDA §V.A.4(b) EOS date; YYYY-MM-DD',
      mutate: comp(() => ({ endOfSupport: '2030-02-30' })),
    },
    {
      check: 'component.supplier',
      profile: 'ntia-2021',
      cite: 'SPDX NOASSERTION is not a supplier',
      mutate: comp(() => ({ supplier: { name: 'NOASSERTION', url: [], contact: [] } })),
    },
    {
      check: 'component.license',
      profile: 'cisa-2026',
      cite: 'CISA 2026 Component License; NOASSERTION is no license',
      mutate: comp(() => ({ licenses: [{ expression: 'NOASSERTION', name: null, acknowledgement: null }] })),
    },
    {
      check: 'component.license.syntax',
      profile: 'bsi-tr-03183-2',
      cite: 'BSI §5.2.2 SPDX identifiers; SPDX 2.3 Annex D: a license id is on the SPDX License List',
      mutate: comp((c) => ({ licenses: c.licenses.map((l) => ({ ...l, expression: 'Proprietary' })) })),
    },
    {
      check: 'component.license.syntax',
      profile: 'cisa-2026',
      cite: 'CISA 2026 Component License identifiers; SPDX 2.3 Annex D: an exception id is on the SPDX exception list',
      mutate: comp((c) => ({ licenses: c.licenses.map((l) => ({ ...l, expression: 'GPL-2.0-only WITH Unknown-exception' })) })),
    },
    {
      check: 'component.bsi.component.executable',
      profile: 'bsi-tr-03183-2',
      cite: 'BSI taxonomy allowed values',
      mutate: comp((c) => ({
        properties: c.properties.map((p) =>
          p.name === 'bsi:component:executable' ? { ...p, value: 'yes' } : p,
        ),
      })),
    },
    {
      check: 'component.filename',
      profile: 'bsi-tr-03183-2',
      cite: 'BSI §5.2.2 filename without path',
      mutate: comp((c) => ({
        properties: c.properties.map((p) =>
          p.name === 'bsi:component:filename' ? { ...p, value: 'lib/x.tgz' } : p,
        ),
      })),
    },
    {
      check: 'document.format.minimum',
      profile: 'bsi-tr-03183-2',
      cite: 'BSI §4 SPDX ≥ 3.0.1',
      mutate: (d: SbomDocument) =>
        doc({
          ...d,
          format: 'spdx',
          specVersion: '2.3',
          metadata: { ...d.metadata, serialNumber: 'https://maker.example/spdx/1' },
        }),
    },
  ] as const)('$check rejects a bad value — $cite', ({ check, profile, mutate }) => {
    const { doc: broken } = mutate(compliantDocument());
    const result = evaluateQuality(broken, profile, compliantContext).checks.find((c) => c.id === check)!;
    expect(result.status).toBe('fail');
  });

  it.each(['cisa-2026', 'bsi-tr-03183-2'] as const)(
    '%s: a deprecated SPDX id is a valid id, flagged by the recommendation only (SPDX License List)',
    (profile) => {
      const deprecated = comp((c) => ({
        licenses: c.licenses.map((l) => ({ ...l, expression: 'gpl-2.0+ OR MIT' })),
      }))(compliantDocument()).doc;
      const report = evaluateQuality(deprecated, profile, compliantContext);
      const status = (id: string) => report.checks.find((c) => c.id === id);
      expect(status('component.license.syntax')!.status).toBe('pass');
      expect(status('component.license.current')!.status).toBe('fail');
      expect(status('component.license.current')!.failingComponents[0]!.detail).toBe('spdx.deprecated: GPL-2.0+');
      expect(report.verdict).toBe('pass');
      expect(report.fixes.map((f) => f.checkId)).toEqual(['component.license.current']);
    },
  );

  describe('hashes: what each source asks for (QA defect 8)', () => {
    const hashes = (...list: Component['hashes']) => comp(() => ({ hashes: list }));
    const statuses = (mutate: Mutation, profile: (typeof qualityProfileIds)[number]) => {
      const report = evaluateQuality(mutate(compliantDocument()).doc, profile, compliantContext);
      return Object.fromEntries(report.checks.filter((c) => c.id.startsWith('component.hash')).map((c) => [c.id, c.status]));
    };
    const md5 = { alg: 'MD5' as const, content: 'b'.repeat(32) };
    const sha1 = { alg: 'SHA-1' as const, content: 'c'.repeat(40) };
    const sha256 = { alg: 'SHA-256' as const, content: 'd'.repeat(64) };

    // CISA 2026 #12/#13 and FDA (NTIA Framing "Component Hash") ask for a hash and its algorithm
    // but name none: MD5 or SHA-1 alone meets the element and is flagged by the recommendation
    // (CSAF 2.0 §6.2.8/§6.2.9), so the verdict does not fail on it but the score and fix-it list show it.
    it.each(['cisa-2026', 'fda'] as const)('%s: MD5 or SHA-1 alone is a hash, flagged as weak', (profile) => {
      for (const only of [md5, sha1]) {
        expect(statuses(hashes(only), profile)).toEqual({ 'component.hash': 'pass', 'component.hash.strong': 'fail' });
        const report = evaluateQuality(hashes(only)(compliantDocument()).doc, profile, compliantContext);
        expect(report.verdict).toBe('pass');
        expect(report.fixes.map((f) => f.checkId)).toEqual(['component.hash.strong']);
        expect(report.checks.find((c) => c.id === 'component.hash.strong')!.failingComponents[0]!.detail).toBe(only.alg);
      }
      expect(statuses(hashes(md5, sha1), profile)['component.hash.strong']).toBe('fail');
      expect(statuses(hashes(md5, sha256), profile)).toEqual({ 'component.hash': 'pass', 'component.hash.strong': 'pass' });
    });

    it.each(['cisa-2026', 'fda', 'bsi-tr-03183-2'] as const)('%s: an empty or malformed value is no hash', (profile) => {
      for (const bad of [
        { alg: 'SHA-256' as const, content: '' },
        { alg: 'SHA-256' as const, content: 'not a digest' },
        { alg: 'SHA-256' as const, content: 'e'.repeat(40) },
        { alg: 'SHA-512' as const, content: 'z'.repeat(128) },
        { alg: 'MD5' as const, content: 'f'.repeat(64) },
      ]) {
        const result = statuses(hashes(bad), profile);
        if (profile === 'bsi-tr-03183-2') expect(result).toEqual({ 'component.hash.sha512': 'fail' });
        else expect(result).toEqual({ 'component.hash': 'fail', 'component.hash.strong': 'not-applicable' });
      }
      const detail = evaluateQuality(hashes({ alg: 'SHA-256', content: '' })(compliantDocument()).doc, 'cisa-2026', compliantContext).checks.find(
        (c) => c.id === 'component.hash',
      )!.failingComponents[0]!.detail;
      expect(detail).toBe('SHA-256 ""');
    });

    it('BSI TR-03183-2 §5.2.2 names SHA-512: MD5, SHA-1 or SHA-256 alone fail; NTIA 2021 and MHLW have no hash element', () => {
      for (const only of [md5, sha1, sha256]) expect(statuses(hashes(only), 'bsi-tr-03183-2')).toEqual({ 'component.hash.sha512': 'fail' });
      expect(statuses(hashes(md5), 'ntia-2021')).toEqual({});
      expect(statuses(hashes(md5), 'jp-mhlw')).toEqual({});
    });

    it('SHA-3, BLAKE2b and BLAKE3 are strong; BLAKE3 of 256 to 512 bits is well-formed', () => {
      for (const h of [
        { alg: 'SHA3-256' as const, content: 'a'.repeat(64) },
        { alg: 'BLAKE2b-512' as const, content: 'a'.repeat(128) },
        { alg: 'BLAKE3' as const, content: 'A'.repeat(64) },
        { alg: 'BLAKE3' as const, content: 'a'.repeat(128) },
      ])
        expect(statuses(hashes(h), 'cisa-2026')).toEqual({ 'component.hash': 'pass', 'component.hash.strong': 'pass' });
    });
  });

  describe('a timestamp in the future (QA defect 13)', () => {
    const timestamp = (value: string, now: string | undefined) => {
      const d = meta({ timestamp: value })(compliantDocument()).doc;
      const context = now === undefined ? compliantContext : { ...compliantContext, now };
      return evaluateQuality(d, 'ntia-2021', context).checks.find((c) => c.id === 'document.timestamp')!;
    };
    const now = '2026-12-01T12:00:00.000Z';

    // NTIA 2021 and CISA 2026 define the timestamp as when the SBOM data was assembled or last
    // updated: it cannot lie after the evaluation, beyond a day of clock difference.
    it.each(qualityProfileIds)('%s: fails a timestamp after now plus a day, with the time in the detail', (profile) => {
      const d = meta({ timestamp: '2099-05-01T10:00:00Z' })(compliantDocument()).doc;
      const report = evaluateQuality(d, profile, { ...compliantContext, now });
      const result = report.checks.find((c) => c.id === 'document.timestamp')!;
      expect([result.status, result.detail]).toEqual(['fail', `2099-05-01T10:00:00Z > now (${now})`]);
      expect(report.verdict).toBe('fail');
    });

    it('allows a day of clock difference, time zones included, and judges only the form without a clock', () => {
      expect(timestamp('2026-12-02T12:00:00Z', now).status).toBe('pass');
      expect(timestamp('2026-12-02T12:00:01Z', now).status).toBe('fail');
      expect(timestamp('2026-12-02T20:00:00+09:00', now).status).toBe('pass');
      expect(timestamp('2026-12-02T12:00:01-00:00', now).status).toBe('fail');
      expect(timestamp('2020-01-01T00:00:00Z', now).status).toBe('pass');
      expect(timestamp('2099-05-01T10:00:00Z', undefined).status).toBe('pass');
      expect(timestamp('2099-13-01T10:00:00Z', now).detail).toBe('2099-13-01T10:00:00Z');
    });
  });

  it('tells how to record support data in mamori for a supplier SBOM that cannot be changed, in every profile and both languages (QA sbomra 11)', () => {
    const route = {
      'component.end-of-support': {
        en: "in mamori (Components tab → the component's panel → End of support",
        ja: 'mamoriでサポート終了日を登録する（コンポーネントタブ → コンポーネントのパネル → サポート終了日',
        sbom: 'cdx:lifecycle:milestone:endOfSupport',
      },
      'component.support-level': {
        en: "in mamori (Components tab → the component's panel → Support level",
        ja: 'mamoriでサポートレベルを登録する（コンポーネントタブ → コンポーネントのパネル → サポートレベル',
        sbom: 'mamori:support:level',
      },
    } as const;
    const seen: string[] = [];
    for (const { id } of listProfiles()) {
      for (const check of getProfile(id).checks) {
        if (!Object.hasOwn(route, check.id)) continue;
        const want = route[check.id as keyof typeof route];
        seen.push(`${id} ${check.id}`);
        expect(check.fix.en).toContain(want.en);
        expect(check.fix.ja).toContain(want.ja);
        // The SBOM route stays, for whoever writes the SBOM.
        expect(check.fix.en).toContain(want.sbom);
        expect(check.fix.ja).toContain(want.sbom);
      }
    }
    expect(seen).toEqual(['fda component.support-level', 'fda component.end-of-support', 'jp-mhlw component.end-of-support']);
  });

  it('accepts CycloneDX 1.10 as newer than 1.6 (numeric, not text, comparison)', () => {
    const d = { ...compliantDocument(), specVersion: '1.10' };
    const result = evaluateQuality(d, 'bsi-tr-03183-2', compliantContext).checks.find(
      (c) => c.id === 'document.format.minimum',
    )!;
    expect(result.status).toBe('pass');
  });

  it('a nested component counts as related to its parent', () => {
    const base = compliantDocument();
    const [first, second] = base.components;
    const nested = { ...first!, components: [second!] };
    const d = {
      ...base,
      components: [nested],
      dependencies: [{ ref: 'product', dependsOn: [first!.bomRef] }],
    };
    const result = evaluateQuality(d, 'ntia-2021', compliantContext).checks.find(
      (c) => c.id === 'component.relationship',
    )!;
    expect(result).toMatchObject({ status: 'pass', evaluated: 2, passed: 2 });
  });
});
