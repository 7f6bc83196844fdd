/**
 * `mamori feeds import` of a folder with nothing to read (QA pgadmin 10): an empty folder exits 2
 * with a message, like a folder of files that are no feeds; symbolic links to files are read as the
 * files, and links to folders or to nothing are reported as skipped, with the reason.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-feeds-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[]) =>
  runCli(argv, { env: { MAMORI_DATA_DIR: path.join(dir, 'data') }, cwd: dir, fetch: globalThis.fetch });

const record = (id: string) =>
  JSON.stringify({
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'left-pad' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }],
      },
    ],
  });

describe('feeds import of a folder', () => {
  it('exits 2 for an empty folder, and for one holding only hidden files', async () => {
    mkdirSync(path.join(dir, 'empty'));
    const r = await cli(['feeds', 'import', 'empty', '--vuln-db', 'empty.sqlite']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      'Nothing imported: empty holds no files (hidden files are not read). mamori reads OSV records',
    );
    writeFileSync(path.join(dir, 'empty', '.hidden.json'), record('GHSA-hidden'));
    expect((await cli(['feeds', 'import', 'empty', '--vuln-db', 'empty.sqlite'])).code).toBe(2);
  });

  it('reads symbolic links to files, and reports links to folders and broken links as skipped', async () => {
    const feeds = path.join(dir, 'downloads');
    mkdirSync(feeds);
    writeFileSync(path.join(feeds, 'one.json'), record('GHSA-link-0001'));
    const links = path.join(dir, 'links');
    mkdirSync(links);
    symlinkSync(path.join(feeds, 'one.json'), path.join(links, 'one.json'));
    symlinkSync(feeds, path.join(links, 'folder'));
    symlinkSync(path.join(feeds, 'gone.json'), path.join(links, 'gone.json'));
    const r = await cli(['feeds', 'import', 'links', '--vuln-db', 'links.sqlite', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      counts: { new: number; skipped: number };
      reasons: Record<string, number>;
    };
    expect(report.counts).toMatchObject({ new: 1, skipped: 2 });
    expect(report.reasons).toEqual({
      'skipped: a symbolic link to a folder: not followed (import the folder itself)': 1,
      'skipped: a symbolic link to nothing (broken link)': 1,
    });
    // Only links that lead nowhere usable: nothing imported, exit 2, with the reasons.
    rmSync(path.join(links, 'one.json'));
    const none = await cli(['feeds', 'import', 'links', '--vuln-db', 'links.sqlite']);
    expect(none.code).toBe(2);
    expect(none.stdout + none.stderr).toContain('a symbolic link to a folder: not followed');
    expect(none.stderr).toContain('Nothing imported: nothing in links is a feed mamori reads');
  });
});
