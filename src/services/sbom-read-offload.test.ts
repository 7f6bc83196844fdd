import { afterEach, describe, expect, it } from 'vitest';
import { defaultSbomLimits, type SbomDiagnostic, type SbomLimits } from '../core/sbom/diagnostics.js';
import { readSbomStream, SbomRefused } from '../sbom/read/index.js';
import {
  flatStreamResult,
  readSbomOffThread,
  stopSbomReaderThread,
  type FlatSbomStreamResult,
} from './sbom-read-offload.js';

const enc = (s: string) => new TextEncoder().encode(s);
const cdx = (extra: Record<string, unknown>) =>
  enc(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...extra }));

/** 1,234 components (three batches of the reader thread), some nested, with licences, hashes and support data. */
function largeDocument(): Uint8Array {
  const components = Array.from({ length: 1200 }, (_, i) => ({
    type: 'library',
    'bom-ref': `pkg:npm/c${i}@1.0.${i}`,
    name: `c${i}`,
    version: `1.0.${i}`,
    purl: `pkg:npm/c${i}@1.0.${i}`,
    licenses: [{ license: { id: i % 2 === 0 ? 'MIT' : 'Apache-2.0' } }],
    hashes: [{ alg: 'SHA-256', content: i.toString(16).padStart(64, '0') }],
    ...(i % 100 === 0
      ? {
          properties: [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: '2030-12-31' }],
          components: Array.from({ length: 3 }, (_, j) => ({
            type: 'library',
            'bom-ref': `nested-${i}-${j}`,
            name: `n${i}-${j}`,
            version: '2',
            components: j === 0 ? [{ type: 'file', 'bom-ref': `deep-${i}`, name: `deep${i}` }] : [],
          })),
        }
      : {}),
  }));
  return cdx({
    metadata: {
      timestamp: '2026-11-30T00:00:00Z',
      component: { type: 'device', 'bom-ref': 'root', name: 'pump', version: '3' },
    },
    components,
    // One dangling ref: a warning that only the end of the document completes.
    dependencies: [
      ...components.slice(1).map((c, i) => ({ ref: c['bom-ref'], dependsOn: [components[i]!['bom-ref']] })),
      { ref: 'pkg:npm/c0@1.0.0', dependsOn: ['ghost'] },
    ],
  });
}

const spdx = enc(
  JSON.stringify({
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'pump-firmware',
    documentNamespace: 'https://example.com/spdx/pump-1.0',
    creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: syft-0.42.2'] },
    packages: [
      { SPDXID: 'SPDXRef-app', name: 'app', versionInfo: '1.0', downloadLocation: 'NOASSERTION' },
      {
        SPDXID: 'SPDXRef-lib',
        name: 'lib',
        versionInfo: '2.0',
        downloadLocation: 'NOASSERTION',
        validUntilDate: '2031-01-01T00:00:00Z',
      },
    ],
    relationships: [
      { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-lib' },
    ],
  }),
);

interface Drained {
  failure?: unknown;
  head?: unknown;
  components?: unknown[];
  refused?: unknown;
  graph?: unknown;
  finished?: unknown;
  diagnostics?: readonly SbomDiagnostic[];
}

/** Everything a reader hands over, in the order an upload asks for it. */
function drain(read: FlatSbomStreamResult): Drained {
  if (!read.ok) return { failure: read };
  const { stream } = read;
  const head = { head: stream.head, diagnostics: [...stream.diagnostics] };
  let components: unknown[] = [];
  try {
    components = [...stream.components()];
  } catch (e) {
    if (!(e instanceof SbomRefused)) throw e;
    return { ...head, components, refused: e.failure };
  }
  const graph = stream.dependencies();
  let finished: unknown = null;
  try {
    stream.finish();
  } catch (e) {
    if (!(e instanceof SbomRefused)) throw e;
    finished = e.failure;
  }
  return { ...head, components, graph, finished, diagnostics: [...stream.diagnostics] };
}

async function bothWays(bytes: Uint8Array, limits: SbomLimits = defaultSbomLimits) {
  const options = { limits, fileName: 'doc.json' };
  const offThread = await readSbomOffThread(bytes, options);
  if (offThread === null) throw new Error('the reader thread was busy');
  return { offThread: drain(offThread), here: drain(flatStreamResult(readSbomStream(bytes, options))) };
}

describe('reading an SBOM on the reader thread (ADR 0007 addendum 7)', () => {
  afterEach(() => stopSbomReaderThread());

  it('hands over what reading on this thread gives: components in order, graph, warnings', async () => {
    const { offThread, here } = await bothWays(largeDocument());
    expect(here.components).toHaveLength(1200 + 12 * 3 + 12);
    expect(here.diagnostics?.some((d) => d.severity === 'warning')).toBe(true);
    expect(here.finished).toBeNull();
    expect(offThread).toEqual(here);
  });

  it('gives the same refusals: at the head, while mapping is not reached, at the end', async () => {
    const cases: [string, Uint8Array, Partial<SbomLimits>?][] = [
      ['malformed JSON', enc('{"bomFormat": "CycloneDX",')],
      ['too large', largeDocument(), { maxBytes: 1000 }],
      [
        'duplicate bom-refs',
        cdx({
          components: [
            { type: 'library', name: 'a', 'bom-ref': 'x' },
            { type: 'library', name: 'b', 'bom-ref': 'x' },
          ],
        }),
      ],
      [
        'refused by the schema at the end',
        cdx({
          components: [
            { type: 'library', name: 'a' },
            { type: 'not-a-type', name: 'b' },
          ],
        }),
      ],
      ['not an SBOM', enc('{"hello": "world"}')],
    ];
    for (const [what, bytes, limits] of cases) {
      const { offThread, here } = await bothWays(bytes, { ...defaultSbomLimits, ...limits });
      expect(here.failure ?? here.finished ?? here.refused, what).toBeTruthy();
      expect(offThread, what).toEqual(here);
    }
  });

  it('reads SPDX (read whole there) the same way', async () => {
    const { offThread, here } = await bothWays(spdx);
    expect(here.components).toHaveLength(2);
    expect(offThread).toEqual(here);
  });

  it('is busy for a second read until the first ends; a read stopped early stops the thread, and the next one starts another', async () => {
    const options = { limits: defaultSbomLimits, fileName: 'doc.json' };
    const first = await readSbomOffThread(largeDocument(), options);
    if (!first?.ok) throw new Error('expected a stream');
    expect(await readSbomOffThread(spdx, options)).toBeNull();
    // The upload stops after a few components (say, the database refused a row).
    const it = first.stream.components()[Symbol.iterator]();
    it.next();
    first.stream.close();
    const again = await readSbomOffThread(largeDocument(), options);
    if (!again?.ok) throw new Error('expected a stream');
    expect(drain(again)).toEqual(drain(flatStreamResult(readSbomStream(largeDocument(), options))));
    // Ended: free again.
    const third = await readSbomOffThread(spdx, options);
    expect(third?.ok).toBe(true);
  });
});
