import { describe, expect, it } from 'vitest';
import { countComponents } from '../../core/sbom/model.js';
import { readSbom } from './read-sbom.js';

const enc = (s: string) => new TextEncoder().encode(s);
const cdx = (extra: Record<string, unknown>, specVersion = '1.6') => enc(JSON.stringify({ bomFormat: 'CycloneDX', specVersion, version: 1, ...extra }));
const xmlBom = (body: string, v = '1.6') => enc(`<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/${v}" version="1">${body}</bom>`);

describe('readSbom: hostile input never throws and fails with a stable code', () => {
  it('refuses documents over maxBytes before parsing', () => {
    const r = readSbom(cdx({ components: [] }), { limits: { maxBytes: 10 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('sbom.too_large');
      expect(r.diagnostics[0]?.code).toBe('size.limit');
    }
  });

  it('refuses JSON nested deeper than maxDepth (even when far too deep for recursion)', () => {
    const deep = '{"bomFormat":"CycloneDX","specVersion":"1.6","x":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}';
    const r = readSbom(enc(deep));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('sbom.too_deep');
    const shallow = readSbom(enc('{"a":' + '['.repeat(10) + ']'.repeat(10) + '}'), { limits: { maxDepth: 5 } });
    expect(shallow.ok ? null : shallow.code).toBe('sbom.too_deep');
  });

  it('refuses XML nested deeper than maxDepth', () => {
    const body = '<components>' + '<component type="library"><name>a</name><components>'.repeat(40) + '</components></component>'.repeat(40) + '</components>';
    const r = readSbom(xmlBom(body), { limits: { maxDepth: 20 } });
    expect(r.ok ? null : r.code).toBe('sbom.too_deep');
  });

  it('refuses DOCTYPE and ENTITY declarations (billion laughs, XXE) without expanding anything', () => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n' +
      ' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&lol2;</name></component></components></bom>';
    const xxe = '<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/passwd">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>';
    for (const doc of [laughs, xxe, '<!ENTITY x "y"><bom/>']) {
      const r = readSbom(enc(doc));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('sbom.invalid');
        expect(r.diagnostics.some((d) => d.code === 'xml.doctype')).toBe(true);
        // The rule explains itself: it cites no file users do not have.
        const rule = r.diagnostics.find((d) => d.code === 'xml.doctype')?.rule ?? '';
        expect(rule).toContain('never expanded');
        expect(rule).toContain('XXE');
        expect(rule).not.toContain('DESIGN.md');
      }
    }
    // Inside a comment or CDATA it is text, not a declaration.
    const commented = readSbom(xmlBom('<!-- <!DOCTYPE x> --><components><component type="library"><name><![CDATA[<!ENTITY>]]></name></component></components>'));
    expect(commented.ok).toBe(true);
  });

  it('refuses invalid UTF-8 and names the byte offset', () => {
    const bytes = new Uint8Array([...enc('{"bomFormat":"CycloneDX","x":"'), 0xc3, 0x28, ...enc('"}')]);
    const r = readSbom(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('sbom.unreadable');
      expect(r.diagnostics[0]).toMatchObject({ code: 'encoding.utf8', location: 'byte 30' });
    }
  });

  it('strips __proto__, constructor and prototype keys with a warning and never pollutes prototypes', () => {
    const text =
      '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"__proto__":{"polluted":true},' +
      '"components":[{"type":"library","name":"a","constructor":{"prototype":{"polluted":true}},"properties":[{"name":"p","value":"v","\\u005f_proto__":{"x":1}}]}]}';
    const r = readSbom(enc(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.ok).toBe(true);
    if (r.ok) {
      const locations = r.diagnostics.filter((d) => d.code === 'json.forbidden_key').map((d) => d.location);
      expect(locations.sort()).toEqual(['/__proto__', '/components/0/constructor', '/components/0/properties/0/__proto__']);
      const rule = r.diagnostics.find((d) => d.code === 'json.forbidden_key')?.rule ?? '';
      expect(rule).toContain('prototype pollution');
      expect(rule).not.toContain('DESIGN.md');
      expect(r.document.components[0]?.name).toBe('a');
    }
  });

  it('reports a key repeated in one object as a located warning, in CycloneDX JSON and SPDX JSON (QA sbomra 3)', () => {
    // JSON.parse keeps the last value; a tool that keeps the first would read "safe-lib".
    const text =
      '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,\n"components":[{"type":"library","name":"a"},\n  {"type":"library","name":"safe-lib","name":"evil-lib","version":"1"}]}';
    const r = readSbom(enc(text));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.document.components[1]?.name).toBe('evil-lib');
      const found = r.diagnostics.filter((d) => d.code === 'json.duplicate_key');
      expect(found).toEqual([
        expect.objectContaining({
          severity: 'warning',
          location: '/components/1/name',
          args: { key: 'name', line: 3, column: 39 },
          message: expect.stringMatching(/^Key "name" appears more than once in one object \(line 3, column 39\)/) as unknown,
          rule: expect.stringContaining('RFC 8259') as unknown,
        }),
      ]);
      expect(text.split('\n')[2]!.slice(38, 44)).toBe('"name"');
    }
    const spdx = JSON.stringify({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'doc',
      documentNamespace: 'https://example.com/spdx/doc',
      creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: x'] },
      packages: [{ SPDXID: 'SPDXRef-a', name: 'SAFE', downloadLocation: 'NOASSERTION' }],
    }).replace('"name":"SAFE"', '"name":"safe-lib","versionInfo":"1","name":"evil-lib"');
    const s = readSbom(enc(spdx));
    expect(s.ok).toBe(true);
    if (s.ok) {
      expect(s.document.components[0]?.name).toBe('evil-lib');
      expect(s.diagnostics.filter((d) => d.code === 'json.duplicate_key')).toEqual([
        expect.objectContaining({ location: '/packages/0/name', args: { key: 'name', line: 1, column: spdx.lastIndexOf('"name"') + 1 } }),
      ]);
    }
  });

  it('names each repeated key (escaped, nested, in keys with ~ and /) up to 100, then counts the rest (QA sbomra 3)', () => {
    const props = Array.from({ length: 103 }, (_, i) => `{"name":"p${i}","value":"1","value":"2"}`).join(',');
    const text =
      '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"metadata":{"component":{"type":"application","name":"x","n\\u0061me":"y"}},' +
      `"a/b~c":{"k":1,"k":2},"components":[{"type":"library","name":"a","properties":[${props}]}]}`;
    const r = readSbom(enc(text));
    const found = r.diagnostics.filter((d) => d.code === 'json.duplicate_key');
    expect(found).toHaveLength(101);
    expect(found[0]).toMatchObject({ location: '/metadata/component/name', args: { key: 'name' } });
    expect(found[1]).toMatchObject({ location: '/a~1b~0c/k' });
    expect(found[2]).toMatchObject({ location: '/components/0/properties/0/value' });
    expect(found[99]).toMatchObject({ location: '/components/0/properties/97/value' });
    // The repeated keys of the last five properties are counted, not named.
    expect(found[100]).toMatchObject({ location: '', args: { count: 5, variant: 'more' }, message: '5 more repeated keys not shown' });
  });

  it('enforces the component limit before schema validation (nested components count)', () => {
    const components = [{ type: 'library', name: 'a', components: [{ type: 'library', name: 'b' }, { type: 'library', name: 'c' }] }];
    const r = readSbom(cdx({ components }), { limits: { maxComponents: 2 } });
    expect(r.ok ? null : r.code).toBe('sbom.too_many_components');
    const x = readSbom(xmlBom('<components><component type="library"><name>a</name></component><component type="library"><name>b</name></component></components>'), {
      limits: { maxComponents: 1 },
    });
    expect(x.ok ? null : x.code).toBe('sbom.too_many_components');
  });

  it('reports duplicate bom-refs as errors (JSON: mamori check; XML: the XSD identity constraint)', () => {
    const r = readSbom(
      cdx({ components: [{ type: 'library', name: 'a', 'bom-ref': 'x' }, { type: 'library', name: 'b', components: [{ type: 'library', name: 'c', 'bom-ref': 'x' }] }] }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('sbom.invalid');
      expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'bomref.duplicate', location: '/components/1/components/0/bom-ref' }));
    }
    const x = readSbom(xmlBom('<components><component type="library" bom-ref="x"><name>a</name></component><component type="library" bom-ref="x"><name>b</name></component></components>'));
    expect(x.ok ? null : x.code).toBe('sbom.invalid');
  });

  it('keeps dangling dependencies as warnings with JSON pointer and XML path locations', () => {
    const r = readSbom(cdx({ components: [{ type: 'library', name: 'a', 'bom-ref': 'a' }], dependencies: [{ ref: 'a', dependsOn: ['ghost'] }, { ref: 'nobody' }] }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([
        ['dependency.dangling', 'warning', '/dependencies/0/dependsOn/0'],
        ['dependency.dangling', 'warning', '/dependencies/1/ref'],
      ]);
      expect(r.document.dependencies).toEqual([{ ref: 'a', dependsOn: ['ghost'] }, { ref: 'nobody', dependsOn: [] }]);
    }
    const x = readSbom(xmlBom('<components><component type="library" bom-ref="a"><name>a</name></component></components><dependencies><dependency ref="a"><dependency ref="ghost"/></dependency></dependencies>'));
    expect(x.ok).toBe(true);
    if (x.ok) expect(x.diagnostics[0]).toMatchObject({ code: 'dependency.dangling', location: '/bom/dependencies/dependency[1] (line 2)' });
  });

  it('names what an unsupported document looked like', () => {
    const cases: [string, RegExp][] = [
      ['spdxVersion: SPDX-2.3\nname: x\n', /SPDX YAML/],
      ['{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}', /SPDX 3/],
      ['{"spdxVersion":"SPDX-2.1"}', /SPDX-2\.1/],
      ['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"/>', /SPDX RDF/],
      ['<bom xmlns="http://cyclonedx.org/schema/bom/1.1"/>', /CycloneDX 1\.1 XML/],
      ['{"bomFormat":"CycloneDX","specVersion":"1.1"}', /1\.1/],
      ['{"document":{"csaf_version":"2.0"}}', /CSAF/],
      ['hello', /not JSON, XML or SPDX tag-value/],
    ];
    for (const [doc, re] of cases) {
      const r = readSbom(enc(doc));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('sbom.unsupported');
        expect(r.message).toMatch(re);
      }
    }
  });

  it('reports malformed JSON and XML as unreadable', () => {
    for (const doc of ['{"bomFormat":', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components></bom>']) {
      const r = readSbom(enc(doc));
      expect(r.ok ? null : r.code).toBe('sbom.unreadable');
    }
  });

  it('fails schema-invalid documents with schema diagnostics naming keyword and schema path', () => {
    const r = readSbom(cdx({ components: [{ type: 'not-a-type', name: 'a' }] }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('sbom.invalid');
      expect(r.diagnostics[0]).toMatchObject({ code: 'schema', location: '/components/0/type' });
      expect(r.diagnostics[0]?.rule).toMatch(/CycloneDX 1\.6 JSON schema .* enum #\//);
    }
  });
});

describe('readSbom: CycloneDX mapping', () => {
  it('generates deterministic bom-refs from the document path when absent', () => {
    const doc = cdx({
      metadata: { component: { type: 'application', name: 'device' } },
      components: [{ type: 'library', name: 'a', components: [{ type: 'library', name: 'b' }] }, { type: 'library', name: 'c', 'bom-ref': 'mamori-generated:/components/2' }, { type: 'library', name: 'd' }],
    });
    const one = readSbom(doc);
    const two = readSbom(doc);
    expect(one).toEqual(two);
    if (!one.ok) throw new Error(one.message);
    expect(one.document.metadata.component?.bomRef).toBe('mamori-generated:/metadata/component');
    // The explicit ref at index 1 already uses the string index 2 would get, so index 2 gets a suffix.
    expect(one.document.components.map((c) => c.bomRef)).toEqual(['mamori-generated:/components/0', 'mamori-generated:/components/2', 'mamori-generated:/components/2#2']);
    expect(one.document.components[0]?.components[0]?.bomRef).toBe('mamori-generated:/components/0/components/0');
    expect(countComponents(one.document)).toBe(4);
  });

  it('maps metadata, licenses, hashes, identifiers, references, properties and support fields', () => {
    const r = readSbom(
      cdx({
        serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
        version: 3,
        metadata: {
          timestamp: '2026-01-02T03:04:05Z',
          lifecycles: [{ phase: 'build' }, { name: 'custom', description: 'x' }],
          tools: { components: [{ type: 'application', group: 'acme', name: 'gen', version: '2' }], services: [{ name: 'svc', provider: { name: 'Prov' } }] },
          authors: [{ name: 'Jane', email: 'jane@example.com' }],
          manufacturer: { name: 'Maker', url: ['https://maker.example'] },
          component: { type: 'device', name: 'Pump', version: '1.0', 'bom-ref': 'pump' },
          properties: [{ name: 'k', value: 'v' }],
        },
        externalReferences: [
          { type: 'security-contact', url: 'mailto:psirt@maker.example' },
          { type: 'bom', url: 'https://maker.example/sbom/pump-1.0.cdx.json', comment: 'latest', hashes: [{ alg: 'SHA-256', content: 'CD'.repeat(32) }] },
        ],
        components: [
          {
            type: 'library',
            'bom-ref': 'lib',
            group: 'org.example',
            name: 'lib',
            version: '1.2.3',
            supplier: { name: 'Supplier', contact: [{ email: 's@example.com' }] },
            manufacturer: { name: 'Creator' },
            purl: 'pkg:maven/org.example/lib@1.2.3',
            cpe: 'cpe:2.3:a:example:lib:1.2.3:*:*:*:*:*:*:*',
            swid: { tagId: 'swidgen-1', name: 'lib', version: '1.2.3' },
            hashes: [{ alg: 'SHA-256', content: 'AB'.repeat(32) }],
            licenses: [{ license: { id: 'MIT', acknowledgement: 'declared' } }, { license: { name: 'Proprietary' } }],
            externalReferences: [{ type: 'vcs', url: 'https://github.com/example/lib', comment: 'src' }],
            properties: [
              { name: 'cdx:fda:level-of-support', value: 'actively maintained' },
              { name: 'cdx:lifecycle:milestone:endOfSupport', value: '2030-12-31T00:00:00Z' },
            ],
            scope: 'required',
            copyright: '(c) Example',
          },
          { type: 'library', name: 'expr', licenses: [{ expression: 'MIT OR Apache-2.0', acknowledgement: 'concluded' }] },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    const { metadata, components } = r.document;
    expect(metadata).toMatchObject({
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      version: 3,
      timestamp: '2026-01-02T03:04:05Z',
      name: 'Pump',
      lifecycles: ['build', 'custom'],
      tools: [
        { vendor: 'acme', name: 'gen', version: '2' },
        { vendor: 'Prov', name: 'svc', version: null },
      ],
      authors: [{ name: 'Jane', email: 'jane@example.com', phone: null }],
      supplier: { name: 'Maker', url: ['https://maker.example'], contact: [] },
      properties: [{ name: 'k', value: 'v' }],
      externalReferences: [
        { type: 'security-contact', url: 'mailto:psirt@maker.example', comment: null, hashes: [] },
        { type: 'bom', url: 'https://maker.example/sbom/pump-1.0.cdx.json', comment: 'latest', hashes: [{ alg: 'SHA-256', content: 'cd'.repeat(32) }] },
      ],
    });
    expect(components[0]).toMatchObject({
      bomRef: 'lib',
      group: 'org.example',
      author: 'Creator',
      supplier: { name: 'Supplier', url: [], contact: [{ name: null, email: 's@example.com', phone: null }] },
      swid: { tagId: 'swidgen-1', name: 'lib', version: '1.2.3' },
      hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }],
      licenses: [
        { expression: 'MIT', name: null, acknowledgement: 'declared' },
        { expression: null, name: 'Proprietary', acknowledgement: null },
      ],
      externalReferences: [{ type: 'vcs', url: 'https://github.com/example/lib', comment: 'src', hashes: [] }],
      supportLevel: 'actively maintained',
      endOfSupport: '2030-12-31',
      scope: 'required',
      copyright: '(c) Example',
    });
    expect(components[1]?.licenses).toEqual([{ expression: 'MIT OR Apache-2.0', name: null, acknowledgement: 'concluded' }]);
  });

  it('warns about services, compositions and pedigree, which are not kept, and removes dependency refs to services', () => {
    const lib = (ref: string, extra: Record<string, unknown> = {}) => ({ type: 'library', 'bom-ref': ref, name: ref, ...extra });
    const pedigree = { ancestors: [{ type: 'library', name: 'upstream', version: '1' }], notes: 'patched' };
    const r = readSbom(
      cdx({
        metadata: { component: { type: 'device', 'bom-ref': 'root', name: 'Pump', pedigree } },
        components: [lib('p', { components: [lib('c', { pedigree })] }), lib('q'), lib('only-svc')],
        services: [{ 'bom-ref': 'svc', name: 'cloud-api', services: [{ 'bom-ref': 'svc2', name: 'auth' }] }, { name: 'no-ref' }],
        dependencies: [
          { ref: 'root', dependsOn: ['p', 'svc', 'q'] },
          { ref: 'svc', dependsOn: ['q'] },
          { ref: 'only-svc', dependsOn: ['svc2'] },
          { ref: 'q', dependsOn: [] },
          { ref: 'p', dependsOn: ['ghost'] },
        ],
        compositions: [{ aggregate: 'complete', assemblies: ['root'] }, { aggregate: 'unknown' }],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    // No entry of a service, no ref to one; an entry that named only services is left out (an
    // empty dependsOn would say it depends on nothing); "known to have none" stays.
    expect(r.document.dependencies).toEqual([
      { ref: 'root', dependsOn: ['p', 'q'] },
      { ref: 'q', dependsOn: [] },
      { ref: 'p', dependsOn: ['ghost'] },
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.location, d.args])).toEqual([
      ['dependency.dangling', 'warning', '/dependencies/4/dependsOn/0', { ref: 'p', target: 'ghost', variant: 'dependsOn' }],
      ['services.not_kept', 'warning', '/services', { count: 3, refs: '"svc", "svc2"', variant: 'refs' }],
      ['compositions.not_kept', 'warning', '/compositions', { count: 2 }],
      ['pedigree.not_kept', 'warning', '/metadata/component/pedigree', { count: 2 }],
    ]);
    expect(r.diagnostics.slice(1).map((d) => d.message)).toEqual([
      '3 services (services[]) are not kept: mamori\'s inventory holds components, not services; removed from the dependency graph: "svc", "svc2"',
      '2 compositions (compositions[]) are not kept: mamori does not record how complete the inventory is',
      'The pedigree (ancestors, descendants, variants, commits, patches) of 2 components is not kept',
    ]);

    // Services nobody depends on: the warning has no list of removed refs.
    const alone = readSbom(cdx({ components: [lib('a')], services: [{ name: 'api' }] }));
    if (!alone.ok) throw new Error(alone.message);
    expect(alone.diagnostics.map((d) => [d.code, d.args, d.message])).toEqual([
      ['services.not_kept', { count: 1 }, "1 service (services[]) is not kept: mamori's inventory holds components, not services"],
    ]);
    // Nothing of the kind: no warning.
    const plain = readSbom(cdx({ components: [lib('a')], dependencies: [{ ref: 'a' }] }));
    expect(plain.ok ? plain.diagnostics : null).toEqual([]);
  });

  it('reports the same from XML, located at the XML elements', () => {
    const x = readSbom(
      xmlBom(
        '\n<components><component type="library" bom-ref="a"><name>a</name><pedigree><notes>patched</notes></pedigree></component></components>' +
          '\n<services><service bom-ref="svc"><name>cloud-api</name></service></services>' +
          '\n<dependencies><dependency ref="a"><dependency ref="svc"/></dependency></dependencies>' +
          '\n<compositions><composition><aggregate>complete</aggregate></composition></compositions>',
      ),
    );
    if (!x.ok) throw new Error(x.message);
    expect(x.document.dependencies).toEqual([]);
    expect(x.diagnostics.map((d) => [d.code, d.location, d.args])).toEqual([
      ['services.not_kept', '/bom/services (line 4)', { count: 1, refs: '"svc"', variant: 'refs' }],
      ['compositions.not_kept', '/bom/compositions (line 6)', { count: 1 }],
      ['pedigree.not_kept', '/bom/components/component[1]/pedigree (line 3)', { count: 1 }],
    ]);
  });

  it('warns once per kind about the other BOM-level elements, metadata organisations, provides and component fields it does not keep', () => {
    const signature = { algorithm: 'RS256', value: 'c2ln' };
    const r = readSbom(
      cdx(
        {
          metadata: {
            manufacturer: { name: 'Maker' },
            supplier: { name: 'Distributor' },
            component: { type: 'device', 'bom-ref': 'root', name: 'Pump', tags: ['infusion'] },
            distributionConstraints: { tlp: 'AMBER' },
          },
          components: [
            {
              type: 'library',
              'bom-ref': 'a',
              name: 'a',
              'mime-type': 'application/zip',
              author: 'Old',
              authors: [{ name: 'New' }],
              evidence: { identity: [{ field: 'purl', concludedValue: 'pkg:npm/a@1' }] },
              modified: false,
              isExternal: false,
              signature,
              components: [{ type: 'library', 'bom-ref': 'a1', name: 'a1', evidence: { copyright: [{ text: '(c) A' }] }, modified: true }],
            },
            {
              type: 'cryptographic-asset',
              'bom-ref': 'b',
              name: 'b',
              manufacturer: { name: 'Maker' },
              author: 'Someone',
              cryptoProperties: { assetType: 'algorithm' },
              omniborId: ['gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64'],
              swhid: ['swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2'],
              releaseNotes: { type: 'major' },
              modelCard: {},
              data: [{ type: 'dataset' }],
              versionRange: 'vers:npm/>=1',
              isExternal: true,
              patentAssertions: [{ assertionType: 'ownership', asserter: 'x' }],
            },
            { type: 'library', 'bom-ref': 'c', name: 'c', tags: [], omniborId: [] },
          ],
          dependencies: [{ ref: 'a', dependsOn: ['b'] }, { ref: 'b', provides: ['c'] }],
          vulnerabilities: [{ id: 'CVE-2024-0001' }, { id: 'CVE-2024-0002' }],
          annotations: [{ subjects: ['a'], annotator: { organization: { name: 'QA' } }, timestamp: '2026-01-01T00:00:00Z', text: 'reviewed' }],
          formulation: [{ 'bom-ref': 'f' }],
          declarations: { assessors: [] },
          definitions: { standards: [] },
          citations: [{ pointers: ['/components/0'], timestamp: '2026-01-01T00:00:00Z', attributedTo: 'a' }],
          properties: [{ name: 'internal:build', value: '42' }],
          signature,
        },
        '1.7',
      ),
    );
    if (!r.ok) throw new Error(`${r.message} ${JSON.stringify(r.diagnostics.slice(0, 3))}`);
    expect(r.diagnostics.map((d) => [d.code, d.location, d.args])).toEqual([
      ['vulnerabilities.not_kept', '/vulnerabilities', { count: 2 }],
      ['annotations.not_kept', '/annotations', { count: 1 }],
      ['formulation.not_kept', '/formulation', { count: 1 }],
      ['declarations.not_kept', '/declarations', {}],
      ['definitions.not_kept', '/definitions', {}],
      ['citations.not_kept', '/citations', { count: 1 }],
      ['properties.not_kept', '/properties', { count: 1 }],
      ['signature.not_kept', '/signature', {}],
      ['distribution_constraints.not_kept', '/metadata/distributionConstraints', {}],
      ['metadata_supplier.not_kept', '/metadata/supplier', { count: 1, fields: 'metadata.supplier', kept: 'metadata.manufacturer' }],
      ['provides.not_kept', '/dependencies/1/provides', { count: 1 }],
      ['mime_type.not_kept', '/components/0/mime-type', { count: 1 }],
      ['version_range.not_kept', '/components/1/versionRange', { count: 1 }],
      ['is_external.not_kept', '/components/1/isExternal', { count: 1 }],
      ['patent_assertions.not_kept', '/components/1/patentAssertions', { count: 1 }],
      ['omnibor_id.not_kept', '/components/1/omniborId', { count: 1 }],
      ['swhid.not_kept', '/components/1/swhid', { count: 1 }],
      ['modified.not_kept', '/components/0/components/0/modified', { count: 1 }],
      ['evidence.not_kept', '/components/0/evidence', { count: 2 }],
      ['release_notes.not_kept', '/components/1/releaseNotes', { count: 1 }],
      ['model_card.not_kept', '/components/1/modelCard', { count: 1 }],
      ['data.not_kept', '/components/1/data', { count: 1 }],
      ['crypto_properties.not_kept', '/components/1/cryptoProperties', { count: 1 }],
      ['tags.not_kept', '/metadata/component/tags', { count: 1 }],
      ['component_signature.not_kept', '/components/0/signature', { count: 1 }],
      ['authors.not_kept', '/components/0/authors', { count: 2 }],
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    const message = (code: string) => r.diagnostics.find((d) => d.code === code)?.message;
    expect(message('vulnerabilities.not_kept')).toBe(
      "2 vulnerabilities (vulnerabilities[]) are not kept: the inventory does not import vulnerability statements; VEX is done in mamori's triage (import the document as a supplier VEX to read them)",
    );
    expect(message('signature.not_kept')).toBe("The document's signature (signature) is not kept: mamori does not verify it, and an exported document is not signed");
    expect(message('evidence.not_kept')).toBe('The evidence (evidence: identity, occurrences, call stack, licences and copyright found by analysis) of 2 components is not kept');
    // What is kept stays as it was: the one author, the one organisation.
    expect(r.document.components.map((c) => c.author)).toEqual(['Old', 'Maker', null]);
    expect(r.document.metadata.supplier?.name).toBe('Maker');

    // The same organisation twice, or a deprecated manufacture equal to the one kept, loses nothing.
    const same = readSbom(cdx({ metadata: { manufacturer: { name: 'M' }, supplier: { name: 'M' } }, components: [] }));
    expect(same.ok ? same.diagnostics : null).toEqual([]);
    // The same name with more detail (a release export of an earlier mamori: the manufacturer by name,
    // the uploaded supplier with its URL) is the same organisation: the details are added, not lost.
    const detailed = readSbom(
      cdx({
        metadata: {
          manufacturer: { name: 'ACME Medical 株式会社' },
          supplier: { name: 'ACME Medical 株式会社', url: ['https://acme-medical.example.jp'], contact: [{ email: 'psirt@acme.example' }] },
        },
        components: [],
      }),
    );
    if (!detailed.ok) throw new Error(detailed.message);
    expect(detailed.diagnostics).toEqual([]);
    expect(detailed.document.metadata.supplier).toEqual({
      name: 'ACME Medical 株式会社',
      url: ['https://acme-medical.example.jp'],
      contact: [{ name: null, email: 'psirt@acme.example', phone: null }],
    });
  });

  it('reports the same kinds from XML, located at the XML elements (an XML signature is an enveloped ds:Signature)', () => {
    const dsig = '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>';
    const x = readSbom(
      xmlBom(
        '\n<metadata><manufacture><name>Old maker</name></manufacture><supplier><name>Distributor</name></supplier></metadata>' +
          '\n<components><component type="library" bom-ref="a" mime-type="application/zip"><name>a</name>' +
          '<omniborId>gitoid:blob:sha1:261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64</omniborId><modified>true</modified>' +
          '\n<evidence><copyright><text>(c) A</text></copyright></evidence><releaseNotes><type>major</type></releaseNotes><tags><tag>t</tag></tags>' +
          dsig +
          '</component></components>' +
          '\n<dependencies><dependency ref="a"><provides ref="a"/></dependency></dependencies>' +
          '\n<properties><property name="internal:build">42</property></properties>' +
          '\n<vulnerabilities><vulnerability><id>CVE-2024-0001</id></vulnerability></vulnerabilities>' +
          '\n<annotations><annotation><subjects><subject ref="a"/></subjects><annotator><organization><name>QA</name></organization></annotator><timestamp>2026-01-01T00:00:00Z</timestamp><text>ok</text></annotation></annotations>' +
          '\n' +
          dsig,
      ),
    );
    if (!x.ok) throw new Error(`${x.message} ${JSON.stringify(x.diagnostics.slice(0, 3))}`);
    expect(x.diagnostics.map((d) => [d.code, d.location, d.args])).toEqual([
      ['vulnerabilities.not_kept', '/bom/vulnerabilities (line 8)', { count: 1 }],
      ['annotations.not_kept', '/bom/annotations (line 9)', { count: 1 }],
      ['properties.not_kept', '/bom/properties (line 7)', { count: 1 }],
      ['signature.not_kept', '/bom/ds:Signature (line 10)', {}],
      ['metadata_supplier.not_kept', '/bom/metadata/manufacture (line 3)', { count: 1, fields: 'metadata.manufacture', kept: 'metadata.supplier' }],
      ['provides.not_kept', '/bom/dependencies/dependency[1]/provides[1] (line 6)', { count: 1 }],
      ['mime_type.not_kept', '/bom/components/component[1] (line 4)', { count: 1 }],
      ['omnibor_id.not_kept', '/bom/components/component[1]/omniborId (line 4)', { count: 1 }],
      ['modified.not_kept', '/bom/components/component[1] (line 4)', { count: 1 }],
      ['evidence.not_kept', '/bom/components/component[1]/evidence (line 5)', { count: 1 }],
      ['release_notes.not_kept', '/bom/components/component[1]/releaseNotes (line 5)', { count: 1 }],
      ['tags.not_kept', '/bom/components/component[1]/tags (line 5)', { count: 1 }],
      ['component_signature.not_kept', '/bom/components/component[1]/ds:Signature (line 5)', { count: 1 }],
    ]);
    // modified false (the default, written by old generators for every component) says nothing.
    const plain = readSbom(xmlBom('<components><component type="library"><name>a</name><modified>false</modified></component></components>'));
    expect(plain.ok ? plain.diagnostics : null).toEqual([]);
  });

  it('reads an end-of-support value that is not a calendar date as absent, with a warning naming the property and the component', () => {
    const eos = (value: string, name = 'cdx:lifecycle:milestone:endOfSupport') => ({ name, value });
    const r = readSbom(
      cdx({
        components: [
          { type: 'library', 'bom-ref': 'x1', name: 'badeos', version: '1', properties: [eos('2026-13-45')] },
          { type: 'library', 'bom-ref': 'x2', name: 'feb30', properties: [{ name: 'other', value: 'x' }, eos('2026-02-30T00:00:00Z', 'cdx:fda:end-of-support-date')] },
          // The canonical property is impossible; the alias holds a real date and is used.
          { type: 'library', 'bom-ref': 'x3', name: 'fallback', version: '2', properties: [eos('2027-04-31'), eos('2027-04-30', 'cdx:fda:end-of-support-date')] },
          { type: 'library', 'bom-ref': 'x4', name: 'leap', properties: [eos('2028-02-29'), eos('soon', 'mamori:support:endOfSupport')] },
          { type: 'library', 'bom-ref': 'x5', name: 'fine', properties: [eos('2027-01-01T00:00:00+09:00'), eos('  ')] },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.document.components.map((c) => [c.name, c.endOfSupport])).toEqual([
      ['badeos', null],
      ['feb30', null],
      ['fallback', '2027-04-30'],
      ['leap', '2028-02-29'],
      ['fine', '2027-01-01'],
    ]);
    // The impossible values are not kept as properties either (an export would carry them on).
    expect(r.document.components.map((c) => c.properties.map((p) => `${p.name}=${p.value}`))).toEqual([
      [],
      ['other=x'],
      ['cdx:fda:end-of-support-date=2027-04-30'],
      ['cdx:lifecycle:milestone:endOfSupport=2028-02-29'],
      ['cdx:lifecycle:milestone:endOfSupport=2027-01-01T00:00:00+09:00', 'cdx:lifecycle:milestone:endOfSupport=  '],
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.location, d.args])).toEqual([
      ['support.invalid_date', 'warning', '/components/0/properties/0/value', { property: 'cdx:lifecycle:milestone:endOfSupport', value: '2026-13-45', component: 'badeos 1' }],
      ['support.invalid_date', 'warning', '/components/1/properties/1/value', { property: 'cdx:fda:end-of-support-date', value: '2026-02-30T00:00:00Z', component: 'feb30' }],
      ['support.invalid_date', 'warning', '/components/2/properties/0/value', { property: 'cdx:lifecycle:milestone:endOfSupport', value: '2027-04-31', component: 'fallback 2' }],
      ['support.invalid_date', 'warning', '/components/3/properties/1/value', { property: 'mamori:support:endOfSupport', value: 'soon', component: 'leap' }],
    ]);
    expect(r.diagnostics[0]?.message).toBe(
      'End-of-support date "2026-13-45" in cdx:lifecycle:milestone:endOfSupport of component "badeos 1" is not a calendar date; it is read as no end-of-support date',
    );

    const xml = readSbom(
      xmlBom(
        '<components><component type="library" bom-ref="a"><name>a</name><properties><property name="cdx:lifecycle:milestone:endOfSupport">2026-13-45</property></properties></component></components>',
      ),
    );
    if (!xml.ok) throw new Error(xml.message);
    expect(xml.document.components[0]?.endOfSupport).toBeNull();
    expect(xml.diagnostics).toEqual([
      expect.objectContaining({ code: 'support.invalid_date', location: '/bom/components/component[1]/properties/property[1] (line 2)' }),
    ]);
  });

  it('reads legacy metadata.tools arrays and the same BOM from XML', () => {
    const json = readSbom(cdx({ metadata: { tools: [{ vendor: 'V', name: 'T', version: '1' }] }, components: [] }, '1.4'));
    if (!json.ok) throw new Error(json.message);
    expect(json.document.metadata.tools).toEqual([{ vendor: 'V', name: 'T', version: '1' }]);
    const xml = readSbom(
      xmlBom(
        '<metadata><tools><tool><vendor>V</vendor><name>T</name><version>1</version></tool></tools></metadata>' +
          '<components><component type="library" bom-ref="a"><name>a</name><hashes><hash alg="SHA-1">AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</hash></hashes>' +
          '<licenses><license><id>MIT</id></license></licenses><properties><property name="mamori:support:level">abandoned</property></properties></component></components>' +
          '<externalReferences><reference type="website"><url>https://maker.example</url></reference></externalReferences>',
        '1.4',
      ),
    );
    if (!xml.ok) throw new Error(xml.message);
    expect(xml.document).toMatchObject({ format: 'cyclonedx', specVersion: '1.4', encoding: 'xml' });
    expect(xml.document.metadata.tools).toEqual([{ vendor: 'V', name: 'T', version: '1' }]);
    expect(xml.document.metadata.externalReferences).toEqual([{ type: 'website', url: 'https://maker.example', comment: null, hashes: [] }]);
    expect(xml.document.components[0]).toMatchObject({
      bomRef: 'a',
      hashes: [{ alg: 'SHA-1', content: 'a'.repeat(40) }],
      licenses: [{ expression: 'MIT', name: null, acknowledgement: null }],
      supportLevel: 'abandoned',
    });
  });
});
