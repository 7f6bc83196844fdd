/**
 * `mamori sbom …` through run(): offline validate / inspect / quality / convert / diff / generate,
 * and the server-backed upload.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8');

describe('mamori sbom', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-sbom-cli-'));
    writeFileSync(file('bom.json'), fixture);
    const newer = JSON.parse(fixture) as { components: { name: string; version: string; purl?: string; 'bom-ref': string }[] };
    newer.components[0]!.version = '4.17.21';
    newer.components[0]!.purl = 'pkg:npm/lodash@4.17.21';
    newer.components.pop();
    writeFileSync(file('bom-2.json'), JSON.stringify(newer));
    writeFileSync(file('invalid.json'), JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'spaceship', name: 'x' }] }));
    writeFileSync(file('notes.txt'), 'just some text');
    writeFileSync(file('package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, packages: { '': { name: 'app', version: '1.0.0' }, 'node_modules/lodash': { version: '4.17.21' } } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const opts = () => ({ cwd: dir, env: {} });

  it('validate: 0 valid, 1 invalid with errors listed, 2 unreadable or unsupported', async () => {
    const ok = await runCli(['sbom', 'validate', 'bom.json'], opts());
    expect(ok.code).toBe(0);
    // Counted as the server counts an upload of it (5 in findings.test.ts): the primary component too.
    expect(ok.stderr).toMatch(/valid: CycloneDX 1\.6 JSON, 5 components \(the primary component included, as the server counts them\), 0 error/);
    const bad = await runCli(['sbom', 'validate', 'invalid.json'], opts());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error/);
    expect((await runCli(['sbom', 'validate', 'notes.txt'], opts())).code).toBe(2);
    const missing = await runCli(['sbom', 'validate', 'missing.json'], opts());
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('Cannot read missing.json: no such file.')]);
    // A folder is a usage error with a message, not an internal error with a stack trace.
    for (const args of [['sbom', 'validate', '.'], ['sbom', 'inspect', '.'], ['scan', '.']]) {
      const folder = await runCli(args, opts());
      expect([folder.code, folder.stderr.trim()]).toEqual([2, 'Cannot read .: it is a folder, not a file.']);
    }
    const json = await runCli(['sbom', 'validate', 'bom.json', '--format', 'json'], opts());
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, format: 'cyclonedx', specVersion: '1.6', componentCount: 5 });
  });

  it('inspect --format json prints the normalised document', async () => {
    const res = await runCli(['sbom', 'inspect', 'bom.json', '--format', 'json'], opts());
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout) as { format: string; components: { name: string; components?: { name: string }[]; endOfSupport: string | null }[]; dependencies: { ref: string }[] };
    expect(doc.format).toBe('cyclonedx');
    expect(doc.components.find((c) => c.name === 'FreeRTOS')?.components?.[0]?.name).toBe('FreeRTOS-Plus-TCP');
    expect(doc.components.find((c) => c.name === 'lodash')?.endOfSupport).toBe('2030-12-31');
    expect(doc.dependencies.map((d) => d.ref)).toContain('rtos');
  });

  it('inspect (table) lists the primary component first, marked, and counts components as the server does (QA hospital L2)', async () => {
    const res = await runCli(['sbom', 'inspect', 'bom.json'], opts());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/^CycloneDX 1\.6 JSON, 5 components \(the primary component included, as the server counts them\), /);
    const rows = res.stdout.split('\n');
    expect(rows[1]).toMatch(/^Infusion pump firmware \(primary component\)\s+2\.1\.0\s+firmware\s/);
    expect(rows.filter((r) => r.trim() !== '')).toHaveLength(6); // header, primary and 4 components
    // SPDX: the described package is the primary component, and is counted.
    writeFileSync(
      file('described.spdx.json'),
      JSON.stringify({
        spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'fw', documentNamespace: 'https://example.com/spdx/fw-1',
        creationInfo: { created: '2024-01-01T00:00:00Z', creators: ['Tool: test'] },
        documentDescribes: ['SPDXRef-fw'],
        packages: [
          { SPDXID: 'SPDXRef-fw', name: 'pump-fw', versionInfo: '2.0', downloadLocation: 'NOASSERTION' },
          { SPDXID: 'SPDXRef-zlib', name: 'zlib', versionInfo: '1.3.1', downloadLocation: 'NOASSERTION' },
        ],
        relationships: [{ spdxElementId: 'SPDXRef-fw', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-zlib' }],
      }),
    );
    expect((await runCli(['sbom', 'validate', 'described.spdx.json'], opts())).stderr).toMatch(/SPDX 2\.3 JSON, 2 components \(the primary component included/);
    expect((await runCli(['sbom', 'inspect', 'described.spdx.json'], opts())).stdout).toMatch(/pump-fw \(primary component\)\s+2\.0/);
    // Without a primary component: nothing added, nothing said.
    writeFileSync(file('no-primary-2.json'), JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', 'bom-ref': 'a', name: 'a', version: '1' }] }));
    expect((await runCli(['sbom', 'validate', 'no-primary-2.json'], opts())).stderr).toMatch(/JSON, 1 component, 0 error/);
  });

  it('quality exits 1 when a required check fails and lists the fixes', async () => {
    const res = await runCli(['sbom', 'quality', 'bom.json', '--profile', 'ntia-2021'], opts());
    expect(res.stdout).toMatch(/NTIA/);
    expect([0, 1]).toContain(res.code);
    const fda = await runCli(['sbom', 'quality', 'bom.json', '--profile', 'fda', '--format', 'json'], opts());
    expect(fda.code).toBe(1);
    expect(JSON.parse(fda.stdout)).toMatchObject({ verdict: 'fail', profile: { id: 'fda' } });
    expect((await runCli(['sbom', 'quality', 'bom.json', '--profile', 'nope'], opts())).code).toBe(2);
  });

  it('quality names the components each fix applies to, the first ten then how many more (QA defect 12)', async () => {
    const lib = (i: number, extra: Record<string, unknown> = {}) => ({ type: 'library', 'bom-ref': `c${i}`, name: `lib-${i}`, version: `1.${i}.0`, purl: `pkg:npm/lib-${i}@1.${i}.0`, ...extra });
    const components = [
      ...Array.from({ length: 12 }, (_, i) => lib(i)),
      lib(12, { supplier: { name: 'Acme' }, version: undefined, purl: 'pkg:npm/lib-12' }),
    ];
    const bom = {
      bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
      metadata: { timestamp: '2026-04-01T09:00:00Z', authors: [{ name: 'Team' }], component: { type: 'application', 'bom-ref': 'app', name: 'app', version: '1' } },
      components,
      dependencies: [{ ref: 'app', dependsOn: components.map((c) => c['bom-ref']) }],
    };
    writeFileSync(file('many.json'), JSON.stringify(bom));
    const res = await runCli(['sbom', 'quality', 'many.json', '--profile', 'ntia-2021'], opts());
    expect(res.code).toBe(1);
    const fixes = res.stdout.slice(res.stdout.indexOf('Fix first:'));
    expect(res.stdout).toMatch(/\(14 components, the primary component included: 13 checked one by one, the primary component by the document checks; 13 failing a required check\)/);
    const lines = fixes.split('\n');
    const supplier = lines.findIndex((l) => /^1\. Name the organisation .* \(12 components\) \[needed to meet the profile; \+[0-9.]+ points\]$/.test(l));
    expect(supplier, fixes).toBeGreaterThan(0);
    expect(lines.slice(supplier + 1, supplier + 12)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `   - lib-${i}@1.${i}.0 (supplier)`),
      '   … and 2 more',
    ]);
    const version = lines.findIndex((l) => /^2\. Record the supplier's version string.* \(1 component\) \[needed to meet the profile; \+[0-9.]+ points\]$/.test(l));
    expect(lines[version + 1]).toBe('   - lib-12 (version)');
    expect(lines[version + 2]).toBe('');
    expect(res.stdout).not.toMatch(/\b1 components\b/);
  });

  it('quality names a component with its group, and a required fix worth under 0.05 points says what it is needed for (QA secops 6, 16)', async () => {
    const lib = (i: number) => ({ type: 'library', 'bom-ref': `c${i}`, supplier: { name: 'Acme' }, name: `lib-${i}`, version: '1.0.0', purl: `pkg:npm/lib-${i}@1.0.0` });
    const components = [...Array.from({ length: 3000 }, (_, i) => lib(i)), { type: 'library', 'bom-ref': 'babel-types', group: '@babel', name: 'types', version: '7.21.2', purl: 'pkg:npm/%40babel/types@7.21.2' }];
    const bom = {
      bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
      metadata: { timestamp: '2026-04-01T09:00:00Z', authors: [{ name: 'Team' }], component: { type: 'application', 'bom-ref': 'app', name: 'app', version: '1', supplier: { name: 'Acme' } } },
      components,
      dependencies: [{ ref: 'app', dependsOn: components.map((c) => c['bom-ref']) }],
    };
    writeFileSync(file('scoped.json'), JSON.stringify(bom));
    const res = await runCli(['sbom', 'quality', 'scoped.json', '--profile', 'ntia-2021'], opts());
    expect(res.code).toBe(1);
    const lines = res.stdout.slice(res.stdout.indexOf('Fix first:')).split('\n');
    const supplier = lines.findIndex((l) => /^1\. Name the organisation .* \(1 component\) \[needed to meet the profile; \+< 0\.1 points\]$/.test(l));
    expect(supplier, lines.join('\n')).toBeGreaterThan(0);
    expect(lines[supplier + 1]).toBe('   - @babel/types@7.21.2 (supplier)');
    const json = JSON.parse((await runCli(['sbom', 'quality', 'scoped.json', '--profile', 'ntia-2021', '--format', 'json'], opts())).stdout) as {
      checks: { failingComponents: { group: string | null; name: string }[] }[];
    };
    expect(json.checks.flatMap((c) => c.failingComponents)).toContainEqual(expect.objectContaining({ group: '@babel', name: 'types' }));
  });

  it('quality fails a timestamp in the future (QA defect 13)', async () => {
    const future = JSON.parse(fixture) as { metadata: { timestamp?: string } };
    future.metadata.timestamp = '2099-05-01T10:00:00Z';
    writeFileSync(file('future.json'), JSON.stringify(future));
    const res = await runCli(['sbom', 'quality', 'future.json', '--profile', 'ntia-2021', '--format', 'json'], opts());
    expect(res.code).toBe(1);
    const check = (JSON.parse(res.stdout) as { checks: { id: string; status: string; detail: string | null }[] }).checks.find((c) => c.id === 'document.timestamp');
    expect(check).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^2099-05-01T10:00:00Z > now \(20\d\d-/) as unknown });
    const past = await runCli(['sbom', 'quality', 'bom.json', '--profile', 'ntia-2021', '--format', 'json'], opts());
    expect((JSON.parse(past.stdout) as { checks: { id: string; status: string }[] }).checks.find((c) => c.id === 'document.timestamp')?.status).toBe('pass');
  });

  it('prints each read error once (validate, inspect, quality, convert, diff)', async () => {
    writeFileSync(file('spdx3.json'), JSON.stringify({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [] }));
    writeFileSync(file('truncated.json'), '{"bomFormat":"CycloneDX","specVersion":"1.6",');
    const commands = [
      ['sbom', 'validate'],
      ['sbom', 'inspect'],
      ['sbom', 'quality', '--profile', 'ntia-2021'],
      ['sbom', 'convert', '--to', 'spdx-2.3-json'],
    ];
    const count = (text: string, what: string) => text.split(what).length - 1;
    for (const command of commands) {
      const spdx3 = await runCli([...command, 'spdx3.json'], opts());
      expect([command.join(' '), spdx3.code, count(spdx3.stderr, 'unsupported document: it looks like SPDX 3 JSON-LD')]).toEqual([command.join(' '), 2, 1]);
      const truncated = await runCli([...command, 'truncated.json'], opts());
      expect([command.join(' '), count(truncated.stderr, 'Not well-formed JSON')]).toEqual([command.join(' '), 1]);
    }
    const diff = await runCli(['sbom', 'diff', 'spdx3.json', 'bom.json'], opts());
    expect([diff.code, count(diff.stderr, 'SPDX 3 JSON-LD')]).toEqual([2, 1]);
  });

  it('says where a read failure is once: in the message, or after it when the message does not say (QA sbomra 6)', async () => {
    writeFileSync(file('badutf8.json'), new Uint8Array([...new TextEncoder().encode('{"bomFormat":"CycloneDX","x":"'), 0xc3, 0x28, 0x22, 0x7d]));
    writeFileSync(file('cut.json'), '{"bomFormat":"CycloneDX",\n"specVersion":"1.6",');
    writeFileSync(file('deep.json'), `{"a":${'['.repeat(70)}${']'.repeat(70)}}`);
    writeFileSync(file('doctype.xml'), '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY x "y">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>');
    const stderr = async (name: string) => (await runCli(['sbom', 'validate', name], opts())).stderr.trim();
    expect(await stderr('badutf8.json')).toBe(
      'badutf8.json: document is not valid UTF-8 (invalid byte sequence at byte 30) [RFC 8259 §8.1 / XML 1.0 §4.3.3: SBOMs are exchanged as UTF-8]',
    );
    expect(await stderr('cut.json')).toMatch(/^cut\.json: Not well-formed JSON at line 2, column 21: [^(]*\[RFC 8259 \(JSON syntax\)\]$/);
    expect(await stderr('deep.json')).toBe(
      'deep.json: JSON nesting exceeds the limit of 64 levels (line 1, column 69) [mamori limit maxDepth = 64]',
    );
    // The DOCTYPE refusal does not say its line: it follows the message.
    expect(await stderr('doctype.xml')).toMatch(/^doctype\.xml: XML markup declaration <!DOCTYPE refused: .* \(at line 2\) \[mamori: entities/);
  });

  it('inspect, quality and convert show the read warnings; the output keeps no ref to a service or an impossible date', async () => {
    writeFileSync(
      file('services.json'),
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        version: 1,
        metadata: { component: { type: 'device', 'bom-ref': 'root', name: 'Pump', version: '2' } },
        components: [{ type: 'library', 'bom-ref': 'p', name: 'parent', version: '1', properties: [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: '2026-02-30' }] }],
        services: [{ 'bom-ref': 'svc', name: 'cloud-api' }],
        dependencies: [{ ref: 'root', dependsOn: ['p', 'svc'] }],
        compositions: [{ aggregate: 'complete' }],
      }),
    );
    const warnings = [
      'warning /services: 1 service (services[]) is not kept: mamori\'s inventory holds components, not services; removed from the dependency graph: "svc"',
      'warning /compositions: 1 composition (compositions[]) is not kept',
      'warning /components/0/properties/0/value: End-of-support date "2026-02-30" in cdx:lifecycle:milestone:endOfSupport of component "parent 1" is not a calendar date',
    ];
    for (const command of [['sbom', 'inspect', 'services.json'], ['sbom', 'inspect', 'services.json', '--format', 'json'], ['sbom', 'quality', 'services.json', '--profile', 'ntia-2021']]) {
      const res = await runCli(command, opts());
      for (const w of warnings) expect(res.stderr, command.join(' ')).toContain(w);
    }
    const inspect = await runCli(['sbom', 'inspect', 'services.json', '--format', 'json'], opts());
    const doc = JSON.parse(inspect.stdout) as { components: { endOfSupport: string | null }[]; dependencies: unknown[] };
    expect(doc.dependencies).toEqual([{ ref: 'root', dependsOn: ['p'] }]);
    expect(doc.components[0]?.endOfSupport).toBeNull();

    for (const to of ['cyclonedx-1.6-json', 'spdx-2.3-json']) {
      const converted = await runCli(['sbom', 'convert', 'services.json', '--to', to, '--out', `services-${to}`], opts());
      expect(converted.code, converted.stderr).toBe(0);
      for (const w of warnings) expect(converted.stderr, to).toContain(w);
      const text = readFileSync(file(`services-${to}`), 'utf8');
      expect(text, to).not.toContain('svc');
      expect(text, to).not.toContain('2026-02-30');
      // The output itself is clean: nothing dangles, nothing is left to warn about.
      const validated = await runCli(['sbom', 'validate', `services-${to}`], opts());
      expect([validated.code, validated.stderr.trim()], to).toEqual([0, expect.stringMatching(/, 0 error\(s\), 0 warning\(s\)$/)]);
    }
    const cdx = JSON.parse(readFileSync(file('services-cyclonedx-1.6-json'), 'utf8')) as { dependencies: unknown[] };
    expect(cdx.dependencies).toEqual([{ ref: 'root', dependsOn: ['p'] }]);
  });

  it('convert is reproducible and round-trips through validate', async () => {
    for (const to of ['cyclonedx-1.6-json', 'cyclonedx-1.6-xml', 'spdx-2.3-json']) {
      const a = await runCli(['sbom', 'convert', 'bom.json', '--to', to], opts());
      const b = await runCli(['sbom', 'convert', 'bom.json', '--to', to], opts());
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      const out = `out-${to}`;
      writeFileSync(file(out), a.stdout);
      const v = await runCli(['sbom', 'validate', out], opts());
      expect(v.code, `${to}: ${v.stderr}`).toBe(0);
    }
    const hospital = await runCli(['sbom', 'convert', 'bom.json', '--to', 'cyclonedx-1.6-json', '--variant', 'hospital', '--out', 'h.json'], opts());
    expect(hospital.code).toBe(0);
    expect(readFileSync(file('h.json'), 'utf8')).toMatch(/"specVersion": "1.6"/);
  });

  it("convert keeps the input's serial number only when it is a UUID URN, lower-cased; bad --serial-number and --timestamp are usage errors", async () => {
    const spdx = (namespace: string) =>
      JSON.stringify({
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: 'pump',
        documentNamespace: namespace,
        creationInfo: { created: '2026-04-01T09:30:00Z', creators: ['Tool: test'] },
        packages: [{ SPDXID: 'SPDXRef-zlib', name: 'zlib', versionInfo: '1.3.1', downloadLocation: 'NOASSERTION' }],
      });
    // Valid SPDX 2.3 (the namespace is any URI); the QA report's repro files.
    writeFileSync(file('spdx-upper.json'), spdx('urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79'));
    writeFileSync(file('spdx-bad.json'), spdx('urn:uuid:not-a-uuid'));
    writeFileSync(file('spdx-url.json'), spdx('https://example.com/spdx/pump-1'));
    const serialOf = (stdout: string) => (JSON.parse(stdout) as { serialNumber: string }).serialNumber;
    const upper = await runCli(['sbom', 'convert', 'spdx-upper.json', '--to', 'cyclonedx-1.6-json'], opts());
    expect([upper.code, upper.stderr]).toEqual([0, '']);
    expect(serialOf(upper.stdout)).toBe('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    for (const name of ['spdx-bad.json', 'spdx-url.json']) {
      const res = await runCli(['sbom', 'convert', name, '--to', 'cyclonedx-1.6-json'], opts());
      expect([name, res.code, res.stderr]).toEqual([name, 0, '']);
      // Derived from the input bytes, like any input without a usable serial number: reproducible.
      expect(serialOf(res.stdout)).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect((await runCli(['sbom', 'convert', name, '--to', 'cyclonedx-1.6-json'], opts())).stdout).toBe(res.stdout);
    }
    const spdxOut = await runCli(['sbom', 'convert', 'spdx-upper.json', '--to', 'spdx-2.3-json'], opts());
    expect(spdxOut.code, spdxOut.stderr).toBe(0);
    expect(spdxOut.stdout).toContain('"documentNamespace": "https://mamori.invalid/spdx/3e671687-395b-41f5-a30f-a58921a69b79"');

    for (const command of [['sbom', 'convert', 'bom.json', '--to', 'cyclonedx-1.6-json'], ['sbom', 'generate', '.']]) {
      for (const [flag, value] of [
        ['--serial-number', 'foo'],
        ['--serial-number', 'urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79'],
        ['--timestamp', '2026-02-30T00:00:00Z'],
        ['--timestamp', '2026-04-01'],
      ] as const) {
        const res = await runCli([...command, flag, value], opts());
        expect([command[1], flag, value, res.code, res.stdout]).toEqual([command[1], flag, value, 2, '']);
        expect(res.stderr).toContain(`${flag} must be`);
        expect(res.stderr).not.toMatch(/Internal error|RangeError|\n\s+at /);
      }
    }
    // What the export API accepts, the CLI accepts: a zone offset, fractions of a second.
    const offset = await runCli(['sbom', 'convert', 'bom.json', '--to', 'spdx-2.3-json', '--timestamp', '2026-04-01T18:30:00.5+09:00', '--serial-number', 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79'], opts());
    expect(offset.code, offset.stderr).toBe(0);
    expect(offset.stdout).toContain('"created": "2026-04-01T09:30:00Z"');
  });

  it('--out: a folder, a missing folder or a file that cannot be written is a usage error; a write replaces the file whole', async () => {
    const args = (out: string) => ['sbom', 'convert', 'bom.json', '--to', 'spdx-2.3-json', '--out', out];
    const folder = await runCli(args('.'), opts());
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^Cannot write \.: it is a folder; give the name of a file to write\.$/m);
    expect(folder.stderr).not.toMatch(/at |EISDIR/);
    const missing = await runCli(args('no-such-folder/out.json'), opts());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot write no-such-folder\/out\.json: the folder .*no-such-folder does not exist\./);
    writeFileSync(file('old.json'), 'an older export');
    const replaced = await runCli(args('old.json'), opts());
    expect(replaced.code).toBe(0);
    expect(readFileSync(file('old.json'), 'utf8')).toMatch(/"spdxVersion": "SPDX-2.3"/);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // A link is written through, not replaced by a file.
    symlinkSync(file('old.json'), file('link.json'));
    expect((await runCli(args('link.json'), opts())).code).toBe(0);
    expect(lstatSync(file('link.json')).isSymbolicLink()).toBe(true);
    const generate = await runCli(['sbom', 'generate', 'no-such-folder'], opts());
    expect(generate.code).toBe(2);
    expect(generate.stderr).toMatch(/no-such-folder: no such file or folder/);
  });

  it('diff reports upgrades and removals', async () => {
    const res = await runCli(['sbom', 'diff', 'bom.json', 'bom-2.json', '--format', 'json'], opts());
    expect(res.code).toBe(0);
    const diff = JSON.parse(res.stdout) as { summary: { upgraded: number; removed: number } };
    expect(diff.summary).toMatchObject({ upgraded: 1, removed: 1 });
    const table = await runCli(['sbom', 'diff', 'bom.json', 'bom-2.json'], opts());
    expect(table.stdout).toMatch(/lodash 4\.17\.20 → 4\.17\.21/);
  });

  it('a component with several licences keeps them through convert to SPDX and back; diff sees no licence change (QA secops 8)', async () => {
    const bom = JSON.parse(fixture) as { components: Record<string, unknown>[] };
    bom.components[0] = { ...bom.components[0], licenses: [{ license: { id: 'MIT' } }, { license: { id: 'Apache-2.0' } }] };
    writeFileSync(file('two-licences.json'), JSON.stringify(bom));
    const converted = await runCli(['sbom', 'convert', 'two-licences.json', '--to', 'spdx-2.3-json', '--out', 'two-licences.spdx.json'], opts());
    expect(converted.code, converted.stderr).toBe(0);
    const spdx = JSON.parse(readFileSync(file('two-licences.spdx.json'), 'utf8')) as { packages: { name: string; licenseDeclared: string }[] };
    expect(spdx.packages.find((p) => p.name === 'lodash')?.licenseDeclared).toBe('Apache-2.0 AND MIT');
    const inspect = JSON.parse((await runCli(['sbom', 'inspect', 'two-licences.spdx.json', '--format', 'json'], opts())).stdout) as { components: { name: string; licenses: unknown[] }[] };
    // Two licences, not one `Apache-2.0 AND MIT`.
    expect(inspect.components.find((c) => c.name === 'lodash')?.licenses).toEqual(['Apache-2.0', 'MIT']);
    const diff = await runCli(['sbom', 'diff', 'two-licences.json', 'two-licences.spdx.json', '--format', 'json'], opts());
    expect(diff.code, diff.stderr).toBe(0);
    expect((JSON.parse(diff.stdout) as { summary: { licenseChanges: number } }).summary.licenseChanges).toBe(0);
  });

  it('diff pairs two copies of a package closest first, as the release diff does (QA jaui #7)', async () => {
    // lodash 4.17.20 before; after, 4.17.21 and an old transitive 2.4.2: an upgrade and an addition,
    // not a downgrade to 2.4.2 (src/server/sboms.test.ts checks the same on stored releases).
    const two = JSON.parse(fixture) as { components: Record<string, unknown>[] };
    two.components[0] = { ...two.components[0], version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21' };
    two.components.push({ type: 'library', 'bom-ref': 'lodash-old', name: 'lodash', version: '2.4.2', purl: 'pkg:npm/lodash@2.4.2' });
    writeFileSync(file('two-lodash.json'), JSON.stringify(two));
    const res = await runCli(['sbom', 'diff', 'bom.json', 'two-lodash.json', '--format', 'json'], opts());
    expect(res.code).toBe(0);
    type Ref = { name: string; version: string };
    const diff = JSON.parse(res.stdout) as { added: Ref[]; upgraded: { old: Ref; new: Ref }[]; downgraded: unknown[] };
    expect(diff.upgraded.map((c) => [c.new.name, c.old.version, c.new.version])).toEqual([['lodash', '4.17.20', '4.17.21']]);
    expect(diff.added.map((c) => [c.name, c.version])).toEqual([['lodash', '2.4.2']]);
    expect(diff.downgraded).toEqual([]);
  });

  it('diff shows the primary component first, with its changes, and as `primary` in JSON', async () => {
    type Bom = { metadata: { component?: Record<string, unknown> }; components: { name: string }[] };
    const variant = (name: string, edit: (bom: Bom) => void) => {
      const bom = JSON.parse(fixture) as Bom;
      edit(bom);
      writeFileSync(file(name), JSON.stringify(bom));
    };
    // The firmware 2.1.0 → 2.2.0 with another supplier, and a component nested in it (compared like a listed one).
    variant('fw-2.2.json', (bom) => {
      bom.metadata.component = {
        ...bom.metadata.component,
        version: '2.2.0',
        supplier: { name: 'Example Medical K.K.' },
        components: [{ type: 'library', 'bom-ref': 'boot', name: 'bootloader', version: '1.0' }],
      };
    });
    // The same product renamed: its purl stays.
    variant('purl-2.1.json', (bom) => {
      bom.metadata.component = { ...bom.metadata.component, purl: 'pkg:generic/example/pump-fw@2.1.0' };
    });
    variant('renamed.json', (bom) => {
      bom.metadata.component = { ...bom.metadata.component, name: 'Infusion pump firmware X', version: '3.0.0', purl: 'pkg:generic/example/pump-fw@3.0.0' };
    });
    // Another product (QA hospital M3): an image with a lower version that now holds the firmware.
    variant('image.json', (bom) => {
      const firmware = bom.metadata.component!;
      bom.metadata.component = { type: 'device', 'bom-ref': 'image', name: 'pump-image', version: '1.0.0', purl: 'pkg:generic/example/pump-image@1.0.0', components: [{ ...firmware, 'bom-ref': 'fw-in-image' }] };
    });
    variant('no-primary.json', (bom) => {
      delete bom.metadata.component;
    });

    const table = await runCli(['sbom', 'diff', 'bom.json', 'fw-2.2.json'], opts());
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      'Primary component: Infusion pump firmware 2.1.0 → 2.2.0 (upgraded)',
      '  supplier: - → Example Medical K.K.',
      '5 → 6 components: 1 added, 0 removed, 0 upgraded, 0 downgraded, 0 changed, 0 modified, 4 unchanged',
    ]);
    expect(table.stdout).toMatch(/added +bootloader@1\.0/);
    expect(table.stdout).not.toMatch(/Infusion pump firmware@/);

    const json = await runCli(['sbom', 'diff', 'bom.json', 'fw-2.2.json', '--format', 'json'], opts());
    const diff = JSON.parse(json.stdout) as { primary: unknown; added: { name: string; parents: string[] }[] };
    expect(diff.primary).toMatchObject({
      change: 'changed',
      old: { name: 'Infusion pump firmware', version: '2.1.0', bomRef: 'device' },
      new: { name: 'Infusion pump firmware', version: '2.2.0', bomRef: 'device' },
      versionChange: 'upgraded',
      renamed: false,
      fieldChanges: [{ field: 'supplier', old: null, new: 'Example Medical K.K.' }],
    });
    expect(diff.added.map((c) => [c.name, c.parents])).toEqual([['bootloader', ['device']]]);

    const renamed = await runCli(['sbom', 'diff', 'purl-2.1.json', 'renamed.json'], opts());
    expect(renamed.stdout.split('\n')[0]).toBe('Primary component: Infusion pump firmware 2.1.0 → Infusion pump firmware X 3.0.0 (renamed, upgraded)');
    expect(renamed.stdout).toMatch(/0 added, 0 removed/);
    // Another product: replaced, no version order (1.0.0 is not a downgrade of 2.1.0), and the old
    // primary component found again inside the new one is unchanged, not added.
    const replaced = await runCli(['sbom', 'diff', 'bom.json', 'image.json'], opts());
    expect(replaced.stdout.split('\n').slice(0, 2)).toEqual([
      'Primary component: Infusion pump firmware 2.1.0 → pump-image 1.0.0 (replaced: another product, versions not compared; both are compared as components below)',
      '5 → 6 components: 1 added, 0 removed, 0 upgraded, 0 downgraded, 0 changed, 0 modified, 5 unchanged',
    ]);
    expect(replaced.stdout).toMatch(/added +pump-image@1\.0\.0/);
    expect(replaced.stdout).not.toMatch(/DOWNGRADED|Infusion pump firmware@/);
    const replacedJson = JSON.parse((await runCli(['sbom', 'diff', 'bom.json', 'image.json', '--format', 'json'], opts())).stdout) as { primary: unknown; added: { name: string }[] };
    expect(replacedJson.primary).toMatchObject({ change: 'replaced', versionChange: null, renamed: true, old: { name: 'Infusion pump firmware' }, new: { name: 'pump-image' } });
    expect(replacedJson.added.map((c) => c.name)).toEqual(['pump-image']);
    const same = await runCli(['sbom', 'diff', 'bom.json', 'bom.json'], opts());
    expect(same.stdout.split('\n')[0]).toBe('Primary component: Infusion pump firmware 2.1.0 (unchanged)');
    const removed = await runCli(['sbom', 'diff', 'bom.json', 'no-primary.json'], opts());
    expect(removed.stdout.split('\n')[0]).toBe('Primary component: removed Infusion pump firmware 2.1.0 (the new SBOM has none)');
    const added = await runCli(['sbom', 'diff', 'no-primary.json', 'bom.json', '--format', 'json'], opts());
    expect((JSON.parse(added.stdout) as { primary: unknown }).primary).toMatchObject({ change: 'added', old: null, new: { version: '2.1.0' } });
    const neither = await runCli(['sbom', 'diff', 'no-primary.json', 'no-primary.json'], opts());
    expect(neither.stdout.split('\n')[0]).toBe('Primary component: none in either SBOM');
    const help = await runCli(['sbom', 'diff', '--help'], opts());
    expect(help.stdout).toMatch(/as `primary`/);
  });

  it('generate builds a CycloneDX 1.6 SBOM from a lockfile', async () => {
    const res = await runCli(['sbom', 'generate', 'package-lock.json', '--timestamp', '2026-01-01T00:00:00Z', '--out', 'gen.json'], opts());
    expect(res.code, res.stderr).toBe(0);
    const bom = JSON.parse(readFileSync(file('gen.json'), 'utf8')) as { specVersion: string; components: { purl: string }[] };
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.map((c) => c.purl)).toContain('pkg:npm/lodash@4.17.21');
    const again = await runCli(['sbom', 'generate', 'package-lock.json', '--timestamp', '2026-01-01T00:00:00Z'], opts());
    expect(again.stdout).toBe(readFileSync(file('gen.json'), 'utf8'));
    expect((await runCli(['sbom', 'generate', 'nowhere'], opts())).code).toBe(2);
    // A folder with only a manifest: the warning names it, the error says no lockfile was found, and
    // no component count precedes the error.
    mkdirSync(file('manifest-only'), { recursive: true });
    writeFileSync(file('manifest-only/package.json'), '{"name":"x","dependencies":{"lodash":"^4"}}');
    const manifestOnly = await runCli(['sbom', 'generate', 'manifest-only'], opts());
    expect(manifestOnly.code).toBe(2);
    expect(manifestOnly.stderr).toContain('package.json has no lockfile beside it (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml)');
    expect(manifestOnly.stderr).toContain('only manifests without their lockfiles (see the warnings above)');
    expect(manifestOnly.stderr).not.toContain('components from');
    // mamori is listed once among the tools (not again with group "mamori").
    const tools = (JSON.parse(again.stdout) as { metadata: { tools: { components: { group?: string; name: string }[] } } }).metadata.tools.components;
    expect(tools.map((t) => [t.group ?? null, t.name])).toEqual([[null, 'mamori']]);
  });

  it('generate: npm workspaces get their edges; every project of a folder with several is a component, with a warning', async () => {
    const put = (rel: string, value: unknown) => {
      mkdirSync(path.dirname(file(rel)), { recursive: true });
      writeFileSync(file(rel), JSON.stringify(value));
    };
    type Bom = { metadata: { component: { 'bom-ref': string; name: string } }; components: { 'bom-ref': string; type: string }[]; dependencies: { ref: string; dependsOn?: string[] }[] };
    const deps = (bom: Bom) => Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    // The QA repro: an npm 10 workspace lockfile.
    put('ws/package.json', { name: 'pump-mono', version: '0.1.0', private: true, workspaces: ['packages/*'] });
    put('ws/packages/a/package.json', { name: '@pump/a', version: '1.0.0', dependencies: { '@pump/b': '1.0.0' } });
    put('ws/packages/b/package.json', { name: '@pump/b', version: '1.0.0' });
    put('ws/package-lock.json', {
      name: 'pump-mono',
      version: '0.1.0',
      lockfileVersion: 3,
      packages: {
        '': { name: 'pump-mono', version: '0.1.0', workspaces: ['packages/*'] },
        'node_modules/@pump/a': { resolved: 'packages/a', link: true },
        'node_modules/@pump/b': { resolved: 'packages/b', link: true },
        'packages/a': { name: '@pump/a', version: '1.0.0', dependencies: { '@pump/b': '1.0.0' } },
        'packages/b': { name: '@pump/b', version: '1.0.0' },
      },
    });
    const ws = await runCli(['sbom', 'generate', 'ws', '--timestamp', '2026-01-01T00:00:00Z'], opts());
    expect(ws.code, ws.stderr).toBe(0);
    expect(deps(JSON.parse(ws.stdout) as Bom)).toMatchObject({
      'project:pump-mono@0.1.0': ['pkg:npm/%40pump/a@1.0.0', 'pkg:npm/%40pump/b@1.0.0'],
      'pkg:npm/%40pump/a@1.0.0': ['pkg:npm/%40pump/b@1.0.0'],
    });
    // Two independent projects in one folder.
    for (const [name, lodash] of [['svc-a', '4.17.4'], ['svc-b', '4.17.21']] as const)
      put(`mono2/${name}/package-lock.json`, { name, version: '1.0.0', lockfileVersion: 3, packages: { '': { name, version: '1.0.0', dependencies: { lodash } }, 'node_modules/lodash': { version: lodash } } });
    const mono = await runCli(['sbom', 'generate', 'mono2', '--timestamp', '2026-01-01T00:00:00Z'], opts());
    expect(mono.code, mono.stderr).toBe(0);
    expect(mono.stderr).toContain('warning svc-a/package-lock.json: 2 projects found: svc-a 1.0.0 (svc-a/package-lock.json), svc-b 1.0.0 (svc-b/package-lock.json). The SBOM describes "mono2"');
    const bom = JSON.parse(mono.stdout) as Bom;
    expect(bom.metadata.component['bom-ref']).toBe('project:mono2');
    expect(deps(bom)).toMatchObject({
      'project:mono2': ['project:svc-a@1.0.0', 'project:svc-b@1.0.0'],
      'project:svc-a@1.0.0': ['pkg:npm/lodash@4.17.4'],
      'project:svc-b@1.0.0': ['pkg:npm/lodash@4.17.21'],
    });
    const named = await runCli(['sbom', 'generate', 'mono2', '--name', 'Infusion Pump X'], opts());
    expect((JSON.parse(named.stdout) as Bom).metadata.component).toMatchObject({ 'bom-ref': 'project:Infusion Pump X', name: 'Infusion Pump X' });
    expect(named.stderr).not.toContain('name the product with --name');
    // yarn.lock with its package.json: a package only the devDependencies need is excluded.
    put('yarnapp/package.json', { name: 'pump-yarn', version: '1.0.0', dependencies: { lodash: '^4.17.21' }, devDependencies: { typescript: '^5.4.0' } });
    writeFileSync(file('yarnapp/yarn.lock'), '# yarn lockfile v1\n\n\nlodash@^4.17.21:\n  version "4.17.21"\n\ntypescript@^5.4.0:\n  version "5.4.5"\n');
    const yarn = await runCli(['sbom', 'generate', 'yarnapp'], opts());
    expect(yarn.code, yarn.stderr).toBe(0);
    expect((JSON.parse(yarn.stdout) as { components: { name: string; scope?: string }[] }).components.map((c) => [c.name, c.scope])).toEqual([
      ['lodash', 'required'],
      ['typescript', 'excluded'],
    ]);
  });

  it('generate: exit 2 for a lockfile that cannot be parsed, naming the file and the problem, nothing written', async () => {
    writeFileSync(file('Cargo.lock'), 'this is [not toml\n');
    const broken = await runCli(['sbom', 'generate', 'Cargo.lock', '--out', 'broken.json'], opts());
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${file('Cargo.lock')} cannot be parsed: could not read Cargo.lock: not valid TOML`);
    expect(readdirSync(dir)).not.toContain('broken.json');
    // A valid lockfile without packages: generated, with a warning.
    writeFileSync(file('Cargo.lock'), 'version = 3\n');
    const empty = await runCli(['sbom', 'generate', 'Cargo.lock', '--out', 'empty.json'], opts());
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('Cargo.lock lists no packages');
    // A file of no supported kind: the accepted names are listed.
    const other = await runCli(['sbom', 'generate', 'notes.txt'], opts());
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/notes\.txt is not a supported lockfile; mamori reads package-lock\.json, .*Cargo\.lock, go\.mod/);
  });
});
