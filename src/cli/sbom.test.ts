/**
 * `mamori sbom …` through run(): offline validate / inspect / quality / convert / diff / generate,
 * and the server-backed upload.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
    expect(ok.stderr).toMatch(/valid: CycloneDX 1\.6 JSON, 4 components/);
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
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, format: 'cyclonedx', specVersion: '1.6', componentCount: 4 });
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

  it('quality exits 1 when a required check fails and lists the fixes', async () => {
    const res = await runCli(['sbom', 'quality', 'bom.json', '--profile', 'ntia-2021'], opts());
    expect(res.stdout).toMatch(/NTIA/);
    expect([0, 1]).toContain(res.code);
    const fda = await runCli(['sbom', 'quality', 'bom.json', '--profile', 'fda', '--format', 'json'], opts());
    expect(fda.code).toBe(1);
    expect(JSON.parse(fda.stdout)).toMatchObject({ verdict: 'fail', profile: { id: 'fda' } });
    expect((await runCli(['sbom', 'quality', 'bom.json', '--profile', 'nope'], opts())).code).toBe(2);
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

  it('generate builds a CycloneDX 1.6 SBOM from a lockfile', async () => {
    const res = await runCli(['sbom', 'generate', 'package-lock.json', '--timestamp', '2026-01-01T00:00:00Z', '--out', 'gen.json'], opts());
    expect(res.code, res.stderr).toBe(0);
    const bom = JSON.parse(readFileSync(file('gen.json'), 'utf8')) as { specVersion: string; components: { purl: string }[] };
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.map((c) => c.purl)).toContain('pkg:npm/lodash@4.17.21');
    const again = await runCli(['sbom', 'generate', 'package-lock.json', '--timestamp', '2026-01-01T00:00:00Z'], opts());
    expect(again.stdout).toBe(readFileSync(file('gen.json'), 'utf8'));
    expect((await runCli(['sbom', 'generate', 'nowhere'], opts())).code).toBe(2);
    // mamori is listed once among the tools (not again with group "mamori").
    const tools = (JSON.parse(again.stdout) as { metadata: { tools: { components: { group?: string; name: string }[] } } }).metadata.tools.components;
    expect(tools.map((t) => [t.group ?? null, t.name])).toEqual([[null, 'mamori']]);
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
