/** `mamori triage set/show` and `mamori vex export/import/proposals/review` through run(), on a local SQLite store. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../../test/support/fixtures.js';
import { vulnDbBefore } from '../../../test/support/vulns.js';
import { analyzeRelease, listReleaseFindings } from '../../services/findings.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { exportRelease } from '../../services/sbom-reports.js';
import { uploadSbom } from '../../services/sboms.js';
import { fixedVulnDbSource } from '../../services/vulndb-source.js';

const fixture = readFileSync(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url));

interface CsafHead {
  document: { category: string; tracking: { status: string }; publisher: { namespace: string } };
}

describe('triage / vex CLI', () => {
  let env: TestEnv & { close(): Promise<void> };
  let t: Tenant;
  let opts: { env: Record<string, string>; cwd: string };
  let dir: string;
  let ids: Record<string, string>;
  let releaseId: string;
  const productName = productInput().name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name: productName }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env.ctx, t.editor, p.value.id, { version: '2.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    releaseId = r.value.id;
    const u = await uploadSbom(env.ctx, t.editor, r.value.id, { bytes: fixture, fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error('setup');
    const a = await analyzeRelease(env.ctx, t.editor, fixedVulnDbSource(vulnDbBefore()), r.value.id);
    if (!a.ok) throw new Error('setup');
    const list = await listReleaseFindings(env.ctx, t.viewer, r.value.id, {}, { limit: 50, offset: 0 });
    if (!list.ok) throw new Error('setup');
    ids = Object.fromEntries(list.value.page.items.map((f) => [f.componentName, f.id]));
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-vex-'));
    opts = { env: { MAMORI_DATABASE_URL: env.url, MAMORI_DATA_DIR: dir }, cwd: dir };
  });
  afterAll(async () => env.close());

  it('sets and shows triage decisions; refuses bad input with exit 2', async () => {
    const set = await runCli(['triage', 'set', ids.lodash!, '--state', 'not_affected', '--justification', 'code_not_reachable', '--detail', 'template() unused'], opts);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toMatch(/Recorded not_affected on 1 finding/);
    // --response is repeated, so finding ids may follow it (QA: as a variadic option it took them as
    // responses: "FreeRTOS-id" is not one of the allowed choices).
    const bulk = await runCli(['triage', 'set', ids.requests!, '--state', 'exploitable', '--response', 'update', '--response', 'workaround_available', ids.FreeRTOS!], opts);
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stderr).toMatch(/on 2 finding/);
    // The variadic form is refused with the repeated one, before anything is recorded.
    const variadic = await runCli(['triage', 'set', ids.lodash!, '--state', 'exploitable', '--response', 'update', 'workaround_available'], opts);
    expect([variadic.code, variadic.stderr]).toEqual([2, expect.stringContaining('"workaround_available" is a response, not a finding id: repeat the option for each response (--response update --response workaround_available)')]);
    const badResponse = await runCli(['triage', 'set', ids.lodash!, '--state', 'exploitable', '--response', 'patch'], opts);
    expect([badResponse.code, badResponse.stderr]).toEqual([2, expect.stringMatching(/Allowed choices are can_not_fix, will_not_fix, update, rollback, workaround_available/)]);
    const show = await runCli(['triage', 'show', ids.lodash!], opts);
    expect(show.stdout).toMatch(/state\s+not_affected \(own\)/);
    expect(show.stdout).toMatch(/code_not_reachable/);
    const json = JSON.parse((await runCli(['triage', 'show', ids.requests!, '--format', 'json'], opts)).stdout) as { current: { decision: { responses: string[] } } };
    expect(json.current.decision.responses).toEqual(['update', 'workaround_available']);
    const noReason = await runCli(['triage', 'set', ids.lodash!, '--state', 'not_affected'], opts);
    expect([noReason.code, noReason.stderr]).toEqual([2, expect.stringMatching(/needs a justification/)]);
    const badState = await runCli(['triage', 'set', ids.lodash!, '--state', 'pwned'], opts);
    expect(badState.code).toBe(2);
    const missing = await runCli(['triage', 'set', 'no-such-finding', '--state', 'in_triage'], opts);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/No finding with id no-such-finding/)]);
  });

  it('exports every format, imports back into proposals, and reviews them', async () => {
    for (const format of ['cyclonedx', 'cyclonedx-embedded', 'openvex', 'csaf', 'csaf_security_advisory']) {
      const out = await runCli(['vex', 'export', '--product', productName, '--release', '2.0', '--to', format, '--out', `${format}.json`], opts);
      expect(out.code, `${format}: ${out.stderr}`).toBe(0);
      expect(out.stderr).toMatch(/3 statements/);
    }
    const csaf = JSON.parse(readFileSync(path.join(dir, 'csaf.json'), 'utf8')) as CsafHead;
    expect(csaf.document.category).toBe('csaf_vex');
    // Without the manufacturer's namespace the CSAF document is a draft, and the command says so.
    expect([csaf.document.tracking.status, csaf.document.publisher.namespace]).toEqual(['draft', 'https://mamori.invalid']);
    const published = await runCli(['vex', 'export', '--product', productName, '--release', '2.0', '--to', 'csaf', '--namespace', 'https://psirt.example.jp', '--out', 'csaf-final.json'], opts);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stderr).not.toMatch(/draft/);
    const final = JSON.parse(readFileSync(path.join(dir, 'csaf-final.json'), 'utf8')) as CsafHead;
    expect([final.document.tracking.status, final.document.publisher.namespace]).toEqual(['final', 'https://psirt.example.jp']);
    const draftNote = await runCli(['vex', 'export', '--product', productName, '--release', '2.0', '--to', 'csaf', '--out', 'csaf-draft.json'], opts);
    expect(draftNote.stderr).toMatch(/Without --namespace the CSAF document is a draft/);
    // --format was the old name of --to: it still works, with a deprecation line.
    const old = await runCli(['vex', 'export', '--product', productName, '--release', '2.0', '--format', 'openvex', '--out', 'openvex-old.json'], opts);
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toMatch(/^Warning: "mamori vex export --format" is deprecated; use --to/);
    expect(old.stderr).toMatch(/Wrote openvex-old\.json \(3 statements\)/);
    expect((JSON.parse(readFileSync(path.join(dir, 'openvex-old.json'), 'utf8')) as { statements: unknown[] }).statements).toHaveLength(3);
    const imported = await runCli(['vex', 'import', 'openvex.json', '--product', productName], opts);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/3 openvex statements into 3 proposed decisions .* \(0 match no finding\)/);
    // OpenVEX names the release by its IRI, which this product has.
    expect(imported.stderr).toMatch(/^Matched: 3 by release id\.$/m);
    const list = await runCli(['vex', 'proposals', '--product', productName, '--format', 'json'], opts);
    const proposals = JSON.parse(list.stdout) as { id: string; statement: { state: string }; findingIds: string[] }[];
    expect(proposals.map((p) => p.statement.state).sort()).toEqual(['exploitable', 'exploitable', 'not_affected']);
    const table = await runCli(['vex', 'proposals', '--product', productName], opts);
    expect(table.stdout).toMatch(/^ID\s+VULNERABILITY\s+STATE/);
    const first = proposals[0]!;
    const both = await runCli(['vex', 'review', first.id], opts);
    expect(both.code).toBe(2);
    const accepted = await runCli(['vex', 'review', first.id, '--accept', '--note', 'ok'], opts);
    expect([accepted.code, accepted.stderr]).toEqual([0, expect.stringMatching(/accepted; 1 decisions recorded/)]);
    const again = await runCli(['vex', 'review', first.id, '--reject'], opts);
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/already accepted/)]);
    writeFileSync(path.join(dir, 'junk.json'), '{"a": 1}');
    const junk = await runCli(['vex', 'import', 'junk.json', '--product', productName], opts);
    expect([junk.code, junk.stderr]).toEqual([2, expect.stringMatching(/not a CycloneDX BOM, an OpenVEX document or a CSAF document/)]);
    const nofile = await runCli(['vex', 'import', 'nope.json', '--product', productName], opts);
    expect([nofile.code, nofile.stderr]).toEqual([2, expect.stringMatching(/Cannot read nope.json/)]);
  });

  it('embeds into and links to the hospital SBOM export unless --variant full', async () => {
    const serial = async (variant: 'full' | 'hospital') => {
      const e = await exportRelease(env.ctx, t.viewer, releaseId, { target: 'cyclonedx-1.6-json', variant });
      if (!e.ok) throw new Error('export');
      return (JSON.parse(e.value.text) as { serialNumber: string }).serialNumber;
    };
    const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { serialNumber: string; vulnerabilities: { affects: { ref: string }[] }[] };
    for (const [args, variant] of [[[], 'hospital'], [['--variant', 'full'], 'full']] as const) {
      const embedded = await runCli(['vex', 'export', '--product', productName, '--release', '2.0', '--to', 'cyclonedx-embedded', ...args, '--out', `embedded-${variant}.json`], opts);
      expect(embedded.code, embedded.stderr).toBe(0);
      expect(read(`embedded-${variant}.json`).serialNumber).not.toBe(await serial(variant));
      const links = await runCli(['vex', 'export', '--product', productName, '--release', '2.0', '--to', 'cyclonedx', ...args, '--out', `links-${variant}.json`], opts);
      expect(links.code, links.stderr).toBe(0);
      const refs = read(`links-${variant}.json`).vulnerabilities.flatMap((v) => v.affects.map((a) => a.ref.split('#')[0]));
      expect(new Set(refs)).toEqual(new Set([`urn:cdx:${(await serial(variant)).slice('urn:uuid:'.length)}/1`]));
    }
    const bad = await runCli(['vex', 'export', '--product', productName, '--release', '2.0', '--to', 'cyclonedx', '--variant', 'internal'], opts);
    expect(bad.code).toBe(2);
  });
});
