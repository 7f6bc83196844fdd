/** `mamori demo load` through run(): loads once into the only organisation, then changes nothing. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { seedTenant } from '../../../test/support/fixtures.js';

describe('demo load CLI', () => {
  let env: TestEnv & { close(): Promise<void> };
  let opts: { env: Record<string, string>; cwd: string };

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-demo-'));
    opts = { env: { MAMORI_DATABASE_URL: env.url, MAMORI_DATA_DIR: dir }, cwd: dir };
  });
  afterAll(async () => env.close());

  it('refuses when there is no organisation, loads into the only one, and changes nothing the second time', async () => {
    const none = await runCli(['demo', 'load'], opts);
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/no organisation yet/)]);

    await seedTenant(env.ctx);
    const first = await runCli(['demo', 'load', '--format', 'json'], opts);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as {
      loaded: boolean;
      feeds: string;
      triaged: number;
      products: { name: string; releases: { version: string; findings: number }[] }[];
    };
    expect(summary).toMatchObject({ loaded: true, feeds: 'imported', triaged: 3 });
    expect(summary.products.map((p) => p.releases.map((r) => `${r.version}:${r.findings}`))).toEqual([
      ['3.1.0:7', '3.2.0:1'],
      ['1.4.0:2'],
    ]);
    expect(first.stderr).toMatch(/Importing the demo vulnerability records/);
    expect(first.stderr).toMatch(/IP-200 infusion pump \(demo\): 3\.1\.0 \(\d+ components, 7 findings\)/);

    const again = await runCli(['demo', 'load'], opts);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already in .*: nothing changed/);

    const several = await seedTenant(env.ctx);
    const ambiguous = await runCli(['demo', 'load'], opts);
    expect([ambiguous.code, ambiguous.stderr]).toEqual([2, expect.stringMatching(/several organisations/)]);
    const chosen = await runCli(
      [
        'demo',
        'load',
        '--org',
        (
          await env.ctx.store.db
            .selectFrom('organizations')
            .select('slug')
            .where('id', '=', several.organizationId)
            .executeTakeFirstOrThrow()
        ).slug,
        '--format',
        'json',
      ],
      opts,
    );
    expect(chosen.code, chosen.stderr).toBe(0);
    // The vulnerability database holds the demo feeds now: they are not imported again.
    expect(JSON.parse(chosen.stdout)).toMatchObject({ loaded: true, feeds: 'kept-existing' });
  });
});
