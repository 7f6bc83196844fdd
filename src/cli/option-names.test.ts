/**
 * One option name per concept (docs/user-guide, "Command-line conventions"), checked over every
 * command, and the renamed options through run(): the new names, and the old ones as hidden
 * deprecated aliases that still work and print one warning line on stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command, Option } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectFetch, testApp, tokenFor } from '../../test/support/app.js';
import { runCli } from '../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { buildProgram } from './run.js';

function leaves(cmd: Command, prefix: string[] = []): { path: string; command: Command }[] {
  return cmd.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => {
      const here = [...prefix, c.name()];
      return c.commands.length === 0 ? [{ path: here.join(' '), command: c }] : leaves(c, here);
    });
}

const visible = (c: Command): Option[] => c.options.filter((o) => !o.hidden);
const choicesOf = (o: Option): string[] => (o as Option & { argChoices?: string[] }).argChoices ?? [];

describe('option names', () => {
  const program = buildProgram({ stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd(), readStdin: async () => '', fetch, takeStop: () => new AbortController().signal });
  const all = leaves(program);

  it('--format is the format of data printed on stdout, on every command; a document format is --to', () => {
    const dataFormats = ['table', 'json', 'csv', 'sarif'];
    const wrong = all.flatMap(({ path, command }) =>
      visible(command)
        .filter((o) => o.long === '--format' && !choicesOf(o).every((c) => dataFormats.includes(c)))
        .map((o) => `${path} ${o.flags} ${choicesOf(o).join('|')}`),
    );
    expect(wrong).toEqual([]);
    const documents = all.filter(({ command }) => visible(command).some((o) => o.long === '--to')).map((x) => x.path);
    expect(documents.sort()).toEqual(['compliance export', 'release support-export', 'risk export', 'sbom convert', 'sbom generate', 'threat export', 'vex export']);
  });

  it('a command that writes a document refuses --format (it prints no data), naming --to and its choices', async () => {
    for (const argv of [
      ['sbom', 'generate', 'package-lock.json', '--format', 'json'],
      ['sbom', 'convert', 'bom.json', '--to', 'spdx-2.3-json', '--format', 'table'],
    ]) {
      const res = await runCli(argv);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toMatch(new RegExp(`^sbom ${argv[1]} writes a document and prints no data on stdout, so it does not take --format .*Choose the document's format with --to \\(cyclonedx-1\\.6-json, cyclonedx-1\\.6-xml, spdx-2\\.3-json\\)\\.\n$`));
    }
  });

  it('a release is selected with --release, a user with --user; --version and --email are values', () => {
    const versionOption = all.filter(({ command }) => visible(command).some((o) => o.long === '--version')).map((x) => x.path);
    expect(versionOption.sort()).toEqual(['release create', 'release update']);
    const emailOption = all.filter(({ command }) => visible(command).some((o) => o.long === '--email')).map((x) => x.path);
    expect(emailOption).toEqual(['user create']);
    for (const path of ['release show', 'release archive', 'release restore', 'release update', 'sbom upload', 'findings list', 'findings analyze', 'vex export'])
      expect(visible(all.find((x) => x.path === path)!.command).map((o) => o.long), path).toContain('--release');
    for (const path of ['token create', 'user reset-password'])
      expect(visible(all.find((x) => x.path === path)!.command).map((o) => o.long), path).toContain('--user');
  });

  it('the vulnerability database is --vuln-db (MAMORI_VULNDB) everywhere; --db names nothing', () => {
    const db = all.filter(({ command }) => visible(command).some((o) => o.long === '--db')).map((x) => x.path);
    expect(db).toEqual([]);
    const vulnDb = all.filter(({ command }) => visible(command).some((o) => o.long === '--vuln-db')).map((x) => x.path);
    expect(vulnDb.sort()).toEqual(['feeds import', 'feeds install', 'feeds status', 'feeds sync', 'scan', 'vuln show']);
  });

  it('every hidden option is a deprecated alias, and none shows in --help', async () => {
    const hidden = all.flatMap(({ path, command }) => command.options.filter((o) => o.hidden).map((o) => `${path} ${o.long} ${o.description}`));
    expect(hidden.sort()).toEqual(
      [
        'compliance export --format deprecated spelling of --to',
        'feeds import --db deprecated spelling of --vuln-db',
        'feeds install --db deprecated spelling of --vuln-db',
        'feeds status --db deprecated spelling of --vuln-db',
        'feeds sync --db deprecated spelling of --vuln-db',
        'release archive --version deprecated spelling of --release',
        'release restore --version deprecated spelling of --release',
        'release show --version deprecated spelling of --release',
        'risk export --format deprecated spelling of --to',
        'scan --db deprecated spelling of --vuln-db',
        'threat export --format deprecated spelling of --to',
        'user reset-password --email deprecated spelling of --user',
        'vex export --format deprecated spelling of --to',
        'vuln show --db deprecated spelling of --vuln-db',
      ].sort(),
    );
    const help = await runCli(['release', 'show', '--help']);
    expect(help.stdout).toMatch(/--release <version>/);
    expect(help.stdout).not.toMatch(/--version/);
    const exportHelp = await runCli(['vex', 'export', '--help']);
    expect(exportHelp.stdout).toMatch(/--to <format>/);
    expect(exportHelp.stdout).not.toMatch(/--format/);
  });
});

describe('renamed options through run()', () => {
  let env: TestEnv & { close(): Promise<void> };
  let t: Tenant;
  let app: FastifyInstance;
  let server: { env: Record<string, string>; fetch: typeof fetch };
  let local: { env: Record<string, string>; cwd: string };
  let dir: string;
  const productName = productInput().name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-names-'));
    local = { env: { MAMORI_DATABASE_URL: env.url, MAMORI_DATA_DIR: dir }, cwd: dir };
    t = await seedTenant(env.ctx);
    ({ app } = await testApp(env.ctx));
    server = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, t.editor) }, fetch: injectFetch(app) };
    expect((await runCli(['product', 'create', '--name', productName, '--manufacturer', 'ACME'], server)).code).toBe(0);
    for (const version of ['1.0', '2.0']) expect((await runCli(['release', 'create', '--product', productName, '--version', version], server)).code).toBe(0);
  });
  afterAll(async () => {
    await app.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('release show, archive and restore select the release with --release', async () => {
    const show = await runCli(['release', 'show', '--product', productName, '--release', '1.0', '--format', 'json'], server);
    expect([show.code, show.stderr]).toEqual([0, '']);
    expect(JSON.parse(show.stdout)).toMatchObject({ version: '1.0', archivedAt: null });
    const archived = await runCli(['release', 'archive', '--product', productName, '--release', '1.0', '--format', 'json'], server);
    expect([archived.code, archived.stderr]).toEqual([0, '']);
    expect(JSON.parse(archived.stdout)).toMatchObject({ version: '1.0', archivedAt: expect.any(String) as unknown });
    const restored = await runCli(['release', 'restore', '--product', productName, '--release', '1.0', '--format', 'json'], server);
    expect([restored.code, restored.stderr]).toEqual([0, '']);
    expect(JSON.parse(restored.stdout)).toMatchObject({ archivedAt: null });
    const missing = await runCli(['release', 'show', '--product', productName], server);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--release <version>' not specified/);
  });

  it('release show, archive and restore still take --version, with one deprecation line on stderr', async () => {
    const show = await runCli(['release', 'show', '--product', productName, '--version', '2.0', '--format', 'json'], server);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ version: '2.0' });
    expect(show.stderr).toBe('Warning: "mamori release show --version" is deprecated; use --release (the old name will be removed in a later version).\n');
    const archived = await runCli(['release', 'archive', '--product', productName, '--version', '2.0', '--format', 'json'], server);
    expect(archived.code).toBe(0);
    expect(JSON.parse(archived.stdout)).toMatchObject({ version: '2.0', archivedAt: expect.any(String) as unknown });
    expect(archived.stderr.split('\n').filter(Boolean)).toEqual(['Warning: "mamori release archive --version" is deprecated; use --release (the old name will be removed in a later version).']);
    const restored = await runCli(['release', 'restore', '--product', productName, '--version', '2.0'], server);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toMatch(/^Warning: "mamori release restore --version" is deprecated; use --release/);
  });

  it('giving the old and the new name together is a usage error', async () => {
    for (const argv of [
      ['release', 'show', '--product', productName, '--version', '1.0', '--release', '2.0'],
      ['release', 'show', '--product', productName, '--release', '2.0', '--version', '1.0'],
    ]) {
      const res = await runCli(argv, server);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toMatch(/--version is the old name of --release; give only --release/);
    }
  });

  it('the value of an old name goes through the new option: its choices apply', async () => {
    const res = await runCli(['vex', 'export', '--product', productName, '--format', 'docx'], local);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/option '--to <format>' argument 'docx' is invalid/);
  });

  it('user reset-password selects the account with --user, and still takes --email', async () => {
    const res = await runCli(['user', 'reset-password', '--user', t.emails.viewer, '--format', 'json'], local);
    expect([res.code, res.stderr]).toEqual([0, '']);
    expect(JSON.parse(res.stdout)).toMatchObject({ user: { email: t.emails.viewer, mustChangePassword: true } });
    const old = await runCli(['user', 'reset-password', '--email', t.emails.viewer, '--format', 'json'], local);
    expect(old.code).toBe(0);
    expect(JSON.parse(old.stdout)).toMatchObject({ user: { email: t.emails.viewer } });
    expect(old.stderr).toBe('Warning: "mamori user reset-password --email" is deprecated; use --user (the old name will be removed in a later version).\n');
    expect((await runCli(['user', 'reset-password', '--user', 'nobody@example.invalid'], local)).code).toBe(2);
  });
});
