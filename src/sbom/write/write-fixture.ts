/**
 * Fixtures for the writer tests, built with `component()` from the model: nested components,
 * dependencies (with duplicates and a dangling ref), every hash algorithm, license expressions and
 * names, support fields, internal properties, and text that needs escaping.
 */
import {
  component,
  hashAlgorithms,
  type Component,
  type Hash,
  type HashAlgorithm,
  type SbomDocument,
} from '../../core/sbom/model.js';

const hexLength: Record<HashAlgorithm, number> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-384': 96,
  'SHA-512': 128,
  'SHA3-256': 64,
  'SHA3-384': 96,
  'SHA3-512': 128,
  'BLAKE2b-256': 64,
  'BLAKE2b-384': 96,
  'BLAKE2b-512': 128,
  BLAKE3: 64,
};

/** One hash per algorithm, lower-case hex of the right length, content derived from `seed`. */
export function everyHash(seed: string): Hash[] {
  return hashAlgorithms.map((alg, i) => {
    const unit = `${seed}${i.toString(16)}`.replace(/[^0-9a-f]/g, 'a');
    return { alg, content: unit.repeat(Math.ceil(hexLength[alg] / unit.length)).slice(0, hexLength[alg]) };
  });
}

/** Text with everything that needs escaping: markup characters, Japanese, emoji, controls. */
export const trickyText = `A<&"'>B 医療機器 🩺 tab\there\u0001ctl\u0008\u000b\u000c\u001f end\uD800\uFFFE\u{1F600}`;
/** trickyText as XML 1.0 can carry it: controls other than TAB, the lone surrogate and U+FFFE removed. */
export const trickyTextInXml = `A<&"'>B 医療機器 🩺 tab\therectl end\u{1F600}`;

export const product: Component = component({
  bomRef: 'pkg:generic/acme/infusion-pump@4.2.0',
  type: 'device',
  name: 'Infusion Pump IP-4',
  group: 'acme',
  version: '4.2.0',
  supplier: {
    name: 'ACME Medical K.K.',
    url: ['https://acme.example/'],
    contact: [{ name: '山田 花子', email: 'psirt@acme.example', phone: '+81-3-0000-0000' }],
  },
  author: 'ACME Medical K.K.',
  description: '輸液ポンプ (infusion pump)',
  licenses: [{ expression: null, name: 'ACME Proprietary License', acknowledgement: 'declared' }],
  properties: [
    { name: 'mamori:internal:ticket', value: 'SEC-1234' },
    { name: 'acme:classification', value: 'Class II' },
  ],
  supportLevel: 'actively maintained',
  endOfSupport: '2034-03-31',
  components: [
    component({
      bomRef: 'fw-main',
      type: 'firmware',
      name: 'main-firmware',
      version: '4.2.0',
      hashes: everyHash('f1'),
      licenses: [{ expression: null, name: 'ACME Proprietary License', acknowledgement: 'concluded' }],
      components: [
        component({ bomRef: 'fw-main/bootloader', type: 'firmware', name: 'bootloader', version: '1.0.3' }),
      ],
    }),
  ],
});

export function sampleComponents(): Component[] {
  return [
    component({
      bomRef: 'pkg:npm/lodash@4.17.21',
      name: 'lodash',
      version: '4.17.21',
      purl: 'pkg:npm/lodash@4.17.21',
      cpe: 'cpe:2.3:a:lodash:lodash:4.17.21:*:*:*:*:node.js:*:*',
      scope: 'required',
      hashes: everyHash('10da'),
      licenses: [
        { expression: 'MIT', name: null, acknowledgement: 'declared' },
        { expression: 'MIT', name: null, acknowledgement: 'concluded' },
      ],
      copyright: 'Copyright OpenJS Foundation and other contributors',
      externalReferences: [
        { type: 'website', url: 'https://lodash.com/', comment: null, hashes: [] },
        { type: 'vcs', url: 'https://github.com/lodash/lodash', comment: 'upstream', hashes: [] },
        {
          type: 'distribution',
          url: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz',
          comment: null,
          hashes: [
            { alg: 'SHA-512', content: 'b'.repeat(128) },
            { alg: 'SHA-1', content: 'a'.repeat(40) },
          ],
        },
        { type: 'advisories', url: 'https://github.com/advisories?query=lodash', comment: null, hashes: [] },
        { type: 'issue-tracker', url: 'https://github.com/lodash/lodash/issues', comment: null, hashes: [] },
      ],
      properties: [
        { name: 'internal:build-host', value: 'ci-07' },
        { name: 'cdx:npm:package:path', value: 'node_modules/lodash' },
        { name: 'acme:reviewed', value: 'yes' },
        { name: 'acme:reviewed', value: 'also' },
      ],
      supportLevel: 'actively maintained',
      endOfSupport: '2030-12-31',
    }),
    component({
      bomRef: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
      type: 'library',
      group: 'org.apache.logging.log4j',
      name: 'log4j-core',
      version: '2.17.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
      licenses: [{ expression: 'Apache-2.0 OR MIT', name: null, acknowledgement: 'concluded' }],
      supplier: { name: 'Apache Software Foundation', url: [], contact: [] },
      author: 'The Apache Software Foundation',
      publisher: 'Apache',
      swid: { tagId: 'swidgen-log4j-2.17.1', name: 'log4j-core', version: '2.17.1' },
      properties: [{ name: 'cdx:fda:level-of-support', value: 'no longer maintained' }],
      supportLevel: 'no longer maintained',
    }),
    component({
      bomRef: 'openssl',
      type: 'library',
      name: 'openssl',
      version: '3.0.13',
      cpe: 'cpe:/a:openssl:openssl:3.0.13',
      licenses: [
        { expression: 'Apache-2.0 WITH LLVM-exception', name: null, acknowledgement: 'declared' },
        { expression: null, name: 'OpenSSL License (legacy)', acknowledgement: null },
        { expression: 'LicenseRef-openssl-legacy', name: null, acknowledgement: 'concluded' },
      ],
      properties: [
        { name: 'cdx:lifecycle:milestone:endOfSupport', value: '2026-09-07' },
        { name: 'mamori:support:endOfSupport', value: '2026-09-07' },
        { name: 'cdx:fda:end-of-support-date', value: '2025-01-01' },
      ],
      endOfSupport: '2026-09-07',
      supportLevel: 'actively maintained',
    }),
    component({
      bomRef: 'escaping',
      type: 'data',
      name: trickyText,
      version: '1.0 "β"',
      description: `line 1\nline 2\r\nline 3 & <tag>`,
      licenses: [{ expression: null, name: `名前 <${'&'}> license`, acknowledgement: 'declared' }],
      properties: [{ name: 'acme:note', value: trickyText }],
    }),
    component({ bomRef: 'same name a', name: 'dup', version: '1' }),
    component({ bomRef: 'same name b', name: 'dup', version: '1', type: 'machine-learning-model' }),
    component({ bomRef: 'SPDXRef-Package-zlib', name: 'zlib', version: '1.3.1', type: 'library' }),
    component({ bomRef: 'weird ref/😀', name: 'weird', type: 'file' }),
  ];
}

export function sampleDocument(): SbomDocument {
  return {
    format: 'cyclonedx',
    specVersion: '1.6',
    encoding: 'json',
    metadata: {
      serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      version: 3,
      timestamp: '2020-01-01T00:00:00Z',
      name: 'Infusion Pump IP-4',
      authors: [
        { name: '佐藤 太郎', email: 'taro@acme.example', phone: null },
        { name: 'Jane Doe', email: null, phone: '+1-555-0100' },
      ],
      supplier: {
        name: 'ACME Medical K.K.',
        url: ['https://acme.example/'],
        contact: [{ name: null, email: 'sbom@acme.example', phone: null }],
      },
      tools: [{ vendor: 'CycloneDX', name: 'cdxgen', version: '10.9.0' }],
      lifecycles: ['build', 'post-build', 'integration testing'],
      component: product,
      licenses: [{ expression: 'CC0-1.0', name: null, acknowledgement: null }],
      properties: [
        { name: 'mamori:internal:release-id', value: 'rel_01' },
        { name: 'acme:regulatory:submission', value: 'K123456' },
        { name: 'internal:note', value: 'do not share' },
        { name: 'internalish', value: 'shared' },
        { name: 'acme:mamori:internal:not-a-prefix', value: 'shared' },
      ],
      externalReferences: [
        { type: 'security-contact', url: 'mailto:psirt@acme.example', comment: null, hashes: [] },
        {
          type: 'bom',
          url: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1',
          comment: 'The supplier SBOM of the RTOS',
          hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }],
        },
        { type: 'website', url: 'https://acme.example/ip-4', comment: null, hashes: [] },
      ],
    },
    components: sampleComponents(),
    dependencies: [
      {
        ref: 'pkg:generic/acme/infusion-pump@4.2.0',
        dependsOn: ['fw-main', 'pkg:npm/lodash@4.17.21', 'openssl'],
      },
      { ref: 'pkg:npm/lodash@4.17.21', dependsOn: [] },
      { ref: 'fw-main', dependsOn: ['openssl', 'fw-main/bootloader', 'openssl'] },
      { ref: 'fw-main', dependsOn: ['SPDXRef-Package-zlib'] },
      { ref: 'openssl', dependsOn: ['SPDXRef-Package-zlib', 'not-in-this-document'] },
      {
        ref: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
        dependsOn: ['same name a', 'same name b'],
      },
    ],
  };
}

/** Deterministic Fisher–Yates shuffle with a small LCG (tests must not use Math.random either). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** The same document with every order-free list shuffled, recursively. */
export function shuffledDocument(doc: SbomDocument, seed: number): SbomDocument {
  const shuffleComponent = (c: Component, k: number): Component => ({
    ...c,
    hashes: shuffled(c.hashes, seed + k),
    licenses: shuffled(c.licenses, seed + k + 1),
    properties: shuffled(c.properties, seed + k + 2),
    externalReferences: shuffled(
      c.externalReferences.map((r) => ({ ...r, hashes: shuffled(r.hashes, seed + k + 3) })),
      seed + k + 4,
    ),
    components: shuffled(
      c.components.map((x, i) => shuffleComponent(x, k + 10 * (i + 1))),
      seed + k + 5,
    ),
  });
  const m = doc.metadata;
  return {
    ...doc,
    metadata: {
      ...m,
      component: m.component === null ? null : shuffleComponent(m.component, 7),
      properties: shuffled(m.properties, seed + 1),
      licenses: shuffled(m.licenses, seed + 2),
      lifecycles: shuffled(m.lifecycles, seed + 3),
      tools: shuffled(m.tools, seed + 4),
      externalReferences: shuffled(m.externalReferences, seed + 8),
    },
    components: shuffled(
      doc.components.map((c, i) => shuffleComponent(c, 100 * (i + 1))),
      seed + 5,
    ),
    dependencies: shuffled(
      doc.dependencies.map((d) => ({ ...d, dependsOn: shuffled(d.dependsOn, seed + 6) })),
      seed + 7,
    ),
  };
}

export const baseOptions = {
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  timestamp: '2026-04-01T18:30:00.123+09:00',
  tool: { name: 'mamori', version: '0.1.0' },
} as const;
