/**
 * CLI tests through run(): help for every command, exit codes, operator commands on a real SQLite
 * file, server-backed commands against the app in-process, and the audit tamper check.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectFetch, testApp } from '../../test/support/app.js';
import { runCli } from '../../test/support/cli.js';
import { createServiceContext } from '../services/context.js';
import { openStore, type Store } from '../store/connect.js';
import { buildProgram } from './run.js';
import type { Command } from 'commander';

function allCommands(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.flatMap((c) => {
    const here = [...prefix, c.name()];
    return [here, ...allCommands(c, here)];
  });
}

describe('mamori CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-'));
    env = { MAMORI_DATA_DIR: dir };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every command has complete --help and exits 0', async () => {
    const program = buildProgram({ stdout: () => {}, stderr: () => {}, env: {}, cwd: dir, readStdin: async () => '', fetch, takeStop: () => new AbortController().signal });
    const commands = allCommands(program).filter((c) => c[c.length - 1] !== 'help');
    expect(commands.map((c) => c.join(' '))).toEqual(
      expect.arrayContaining(['serve', 'db migrate', 'user create', 'token create', 'audit verify', 'product create', 'product list', 'product show', 'release create', 'release list']),
    );
    for (const command of commands) {
      const res = await runCli([...command, '--help'], { env });
      expect(res.code, command.join(' ')).toBe(0);
      expect(res.stdout, command.join(' ')).toMatch(/^Usage: mamori /);
      const leaf = !program.commands.find((c) => c.name() === command[0])?.commands.length || command.length > 1;
      // Data on stdout has --format; a command that writes a document names its format --to.
      if (leaf) expect(res.stdout, command.join(' ')).toMatch(/--format <format>|--to <format>/);
    }
    expect((await runCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on usage errors with a hint', async () => {
    const unknown = await runCli(['product', 'list', '--bogus'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/);
    const missing = await runCli(['user', 'create', '--email', 'a@b.c'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--role/);
    const noServer = await runCli(['product', 'list'], { env });
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toMatch(/--server URL and --token TOKEN/);
    const badEnv = await runCli(['db', 'migrate'], { env: { ...env, MAMORI_PORT: 'eighty', MAMORI_LOG_LEVEL: 'loud' } });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/port \(MAMORI_PORT\)/);
    expect(badEnv.stderr).toMatch(/logLevel \(MAMORI_LOG_LEVEL\)/);
  });

  it('db migrate creates the database and is idempotent', async () => {
    const first = await runCli(['db', 'migrate'], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/applied: 0001_foundation/);
    const second = await runCli(['db', 'migrate'], { env });
    expect(second.stderr).toMatch(/up to date/);
  });

  describe('operator and server-backed commands', () => {
    let store: Store;
    let app: FastifyInstance;
    let token: string;
    let server: Record<string, string>;

    beforeAll(async () => {
      expect((await runCli(['org', 'create', '--slug', 'acme', '--name', 'ACME Medical'], { env })).code).toBe(0);
      const user = await runCli(['user', 'create', '--email', 'qa@acme.example', '--role', 'editor', '--name', '品質 太郎'], { env });
      expect(user.code).toBe(0);
      expect(user.stderr).toMatch(/One-time password .*: \w{5}-\w{5}-\w{5}-\w{5}/);
      const tok = await runCli(['token', 'create', '--user', 'qa@acme.example', '--name', 'CI'], { env });
      expect(tok.code).toBe(0);
      token = tok.stdout.trim();
      expect(token).toMatch(/^mamori_[\w-]{43}$/);
      store = openStore(`sqlite:${path.join(dir, 'mamori.db')}`);
      ({ app } = await testApp(createServiceContext(store)));
      server = { ...env, MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: token };
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    it('user create refuses a duplicate and a weak password from stdin', async () => {
      const dup = await runCli(['user', 'create', '--email', 'QA@acme.example', '--role', 'viewer'], { env });
      expect(dup.code).toBe(2);
      expect(dup.stderr).toMatch(/already exists/);
      const weak = await runCli(['user', 'create', '--email', 'w@acme.example', '--role', 'viewer', '--password-stdin'], { env, stdin: 'short\n' });
      expect(weak.code).toBe(2);
      expect(weak.stderr).toMatch(/password: Use at least 12 characters/);
    });

    it('creates, lists, shows, updates and archives products and releases', async () => {
      const opts = { env: server, fetch: injectFetch(app) };
      const created = await runCli(
        ['product', 'create', '--name', '輸液ポンプ X', '--manufacturer', 'ACME', '--model', 'IP-1', '--model', 'IP-1B', '--class', 'III', '--environment', 'hospital', '--connectivity', 'wired_lan', '--format', 'json'],
        opts,
      );
      expect(created.code, created.stderr).toBe(0);
      const product = JSON.parse(created.stdout) as { id: string; modelNumbers: string[]; deviceClass: string };
      expect(product).toMatchObject({ modelNumbers: ['IP-1', 'IP-1B'], deviceClass: 'III' });

      const list = await runCli(['product', 'list'], opts);
      expect(list.stdout).toMatch(/^NAME\s+MODELS\s+CLASS/);
      expect(list.stdout).toContain('輸液ポンプ X');

      const show = await runCli(['product', 'show', '輸液ポンプ X'], opts);
      expect(show.stdout).toMatch(/models\s+IP-1, IP-1B/);
      // Named in another width or case (full-width Ｘ, as Japanese input methods often type it).
      const wide = await runCli(['product', 'show', '輸液ポンプ Ｘ'], opts);
      expect([wide.code, wide.stderr]).toEqual([0, '']);
      expect(wide.stdout).toMatch(/models\s+IP-1, IP-1B/);

      const updated = await runCli(['product', 'update', product.id, '--samd', '--format', 'json'], opts);
      expect(JSON.parse(updated.stdout)).toMatchObject({ isSamd: true });

      const rel = await runCli(['release', 'create', '--product', '輸液ポンプ X', '--version', '1.0.0', '--date', '2025-04-01', '--stage', 'support', '--eos', '2032-03-31'], opts);
      expect(rel.code, rel.stderr).toBe(0);
      const rels = await runCli(['release', 'list', '--product', product.id, '--format', 'json'], opts);
      expect(JSON.parse(rels.stdout)).toMatchObject({ total: 1, items: [{ version: '1.0.0', stage: 'support', endOfSupport: '2032-03-31' }] });

      const badRel = await runCli(['release', 'create', '--product', '輸液ポンプ X', '--version', '2.0', '--date', '2025-13-01'], opts);
      expect(badRel.code).toBe(2);
      expect(badRel.stderr).toMatch(/releaseDate/);

      expect((await runCli(['product', 'archive', '輸液ポンプ X'], opts)).code).toBe(0);
      const active = await runCli(['product', 'list', '--format', 'json'], opts);
      expect((JSON.parse(active.stdout) as { total: number }).total).toBe(0);
      const missing = await runCli(['product', 'show', 'No such pump'], opts);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/No product "No such pump"/);
    });

    it('sbom upload sends a file to a release on the server', async () => {
      const opts = { env: server, fetch: injectFetch(app) };
      expect((await runCli(['product', 'create', '--name', 'Monitor M', '--manufacturer', 'ACME'], opts)).code).toBe(0);
      expect((await runCli(['release', 'create', '--product', 'Monitor M', '--version', '1.0'], opts)).code).toBe(0);
      const bom = path.join(dir, 'bom.json');
      writeFileSync(bom, readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url)));
      const up = await runCli(['sbom', 'upload', bom, '--product', 'Monitor M', '--release', '1.0', '--format', 'json'], opts);
      expect(up.code, up.stderr).toBe(0);
      expect(JSON.parse(up.stdout)).toMatchObject({ componentCount: 5 });
      const missing = await runCli(['sbom', 'upload', bom, '--product', 'Monitor M', '--release', '9.9'], opts);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/no release "9.9"/);
      // A refused file exits as the user guide (9.8) says, like `sbom validate` (QA sbomra 6): 1 for a
      // file read but not valid or over MAMORI_SBOM_MAX_MB, 2 for one that is not a readable SBOM at all.
      const upload = (name: string, text: string, extra: Record<string, string> = {}) => {
        writeFileSync(path.join(dir, name), text);
        return runCli(['sbom', 'upload', path.join(dir, name), '--product', 'Monitor M', '--release', '1.0'], { ...opts, env: { ...server, ...extra } });
      };
      const component = { type: 'library', name: 'a', 'bom-ref': 'a' };
      const dupref = await upload('dupref.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [component, { ...component, name: 'b' }] }));
      expect([dupref.code, dupref.stderr]).toEqual([1, expect.stringContaining('used more than once')]);
      const cut = await upload('cut.json', '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[');
      expect([cut.code, cut.stderr]).toEqual([2, expect.stringContaining('Not well-formed JSON')]);
      const big = await upload('big.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, description: 'x'.repeat(1024 * 1024) }), { MAMORI_SBOM_MAX_MB: '1' });
      expect([big.code, big.stderr]).toEqual([1, expect.stringContaining('over the limit of 1048576')]);
    });

    it('user reset-password issues a new one-time password', async () => {
      const res = await runCli(['user', 'reset-password', '--user', 'qa@acme.example', '--format', 'json'], { env });
      expect(res.code).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ user: { email: 'qa@acme.example', mustChangePassword: true }, oneTimePassword: expect.stringMatching(/^\w{5}-/) as unknown });
      expect((await runCli(['user', 'reset-password', '--user', 'nobody@acme.example'], { env })).code).toBe(2);
    });

    it('a revoked or wrong token is an input error with the server’s reason', async () => {
      const res = await runCli(['product', 'list'], { env: { ...server, MAMORI_TOKEN: 'mamori_wrong' }, fetch: injectFetch(app) });
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/auth.token_invalid/);
    });

    it('audit verify exits 0 when intact and 1 naming the first bad entry after tampering', async () => {
      const intact = await runCli(['audit', 'verify', '--format', 'json'], { env });
      expect(intact.code).toBe(0);
      expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true });
      const head = (await runCli(['audit', 'head'], { env })).stdout.trim();
      expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
      expect((await runCli(['audit', 'verify', '--anchor', head], { env })).code).toBe(0);
      const forgedAnchor = head.replace(/:./, (m) => (m === ':0' ? ':1' : ':0'));
      const rewritten = await runCli(['audit', 'verify', '--anchor', forgedAnchor], { env });
      expect(rewritten.code).toBe(1);
      expect(rewritten.stderr).toMatch(/does not have the anchored hash/);
      await sql`drop trigger audit_log_no_update`.execute(store.db);
      await sql`update audit_log set after_json = '{"name":"forged"}' where seq = 2`.execute(store.db);
      const tampered = await runCli(['audit', 'verify'], { env });
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toMatch(/NOT intact: entry 2 was altered/);
    });
  });

  it('serve starts on the embedded defaults, prints the first admin’s one-time password, and stops', async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'mamori-serve-'));
    const stop = new AbortController();
    let output = '';
    let listening!: (url: string) => void;
    const address = new Promise<string>((resolve) => (listening = resolve));
    const running = runCli(['serve', '--port', '0'], {
      env: { MAMORI_DATA_DIR: data, MAMORI_LOG_LEVEL: 'silent' },
      stop: stop.signal,
      onStderr: (t) => {
        output += t;
        const m = /running at (http:\/\/[^\s]+)/.exec(output);
        if (m) listening(m[1]!);
      },
    });
    const url = await address;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toMatch(/One-time password:\s+\w{5}-\w{5}-\w{5}-\w{5}/);
    expect(output).toMatch(/admin@mamori\.local/);
    // The organisation every page names in its header, and how to rename it (QA jaui #8).
    expect(output).toMatch(/Organisation:\s+My organisation\n/);
    expect(output).toContain('Rename the organisation: mamori org rename --name "<name>"');
    expect(output).toContain('組織名の変更: mamori org rename --name "<組織名>"');
    const health = await fetch(`${url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    stop.abort('SIGTERM');
    expect((await running).code).toBe(0);
    rmSync(data, { recursive: true, force: true });
  });

  it('serve --org-name names the organisation of the first start; org rename renames it later (QA jaui #8)', async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'mamori-serve-'));
    const env = { MAMORI_DATA_DIR: data, MAMORI_LOG_LEVEL: 'silent' };
    const stop = new AbortController();
    let output = '';
    let listening!: () => void;
    const started = new Promise<void>((resolve) => (listening = resolve));
    const running = runCli(['serve', '--port', '0', '--org-name', 'さくら医療機器株式会社'], {
      env,
      stop: stop.signal,
      onStderr: (t) => {
        output += t;
        if (/running at /.test(output)) listening();
      },
    });
    await started;
    expect(output).toMatch(/Organisation:\s+さくら医療機器株式会社\n/);
    stop.abort('SIGTERM');
    expect((await running).code).toBe(0);
    try {
      const names = async () => (JSON.parse((await runCli(['org', 'list', '--format', 'json'], { env })).stdout) as { items: { slug: string; name: string }[] }).items.map((o) => [o.slug, o.name]);
      expect(await names()).toEqual([['default', 'さくら医療機器株式会社']]);
      // One organisation: no --org needed.
      const renamed = await runCli(['org', 'rename', '--name', '  Sakura Medical K.K. '], { env });
      expect([renamed.code, renamed.stderr]).toEqual([0, '']);
      expect(await names()).toEqual([['default', 'Sakura Medical K.K.']]);
      const blank = await runCli(['org', 'rename', '--org', 'default', '--name', ' '], { env });
      expect([blank.code, blank.stderr.trim()]).toEqual([2, 'The organisation name must have 1 to 200 characters.']);
      const unknown = await runCli(['org', 'rename', '--org', 'nope', '--name', 'X'], { env });
      expect([unknown.code, unknown.stderr.trim()]).toEqual([2, 'No organisation "nope". See `mamori org list`.']);
      // The rename is an audited change (organization.update by the operator); the chain stays intact.
      const audit = await runCli(['audit', 'verify'], { env });
      expect(audit.code, audit.stderr).toBe(0);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('serve --demo loads the demo content before it listens, once', async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'mamori-serve-demo-'));
    const env = { MAMORI_DATA_DIR: data, MAMORI_LOG_LEVEL: 'silent' };
    const start = async () => {
      const stop = new AbortController();
      let output = '';
      let listening!: (url: string) => void;
      const address = new Promise<string>((resolve) => (listening = resolve));
      const running = runCli(['serve', '--port', '0', '--demo'], {
        env,
        stop: stop.signal,
        onStderr: (t) => {
          output += t;
          const m = /running at (http:\/\/[^\s]+)/.exec(output);
          if (m) listening(m[1]!);
        },
      });
      const url = await address;
      return { url, output: () => output, stop: async () => (stop.abort('SIGTERM'), (await running).code) };
    };
    try {
      const first = await start();
      expect(first.output()).toMatch(/Demo content loaded into My organisation:\n {2}IP-200 infusion pump \(demo\): 3\.1\.0 \(\d+ components, 7 findings\)/);
      expect(await (await fetch(`${first.url}/api/v1/health`)).json()).toMatchObject({ status: 'ok' });
      expect(await first.stop()).toBe(0);
      const second = await start();
      expect(second.output()).toMatch(/The demo content is already in My organisation: nothing changed/);
      expect(await second.stop()).toBe(0);
      const audit = await runCli(['audit', 'verify'], { env });
      expect(audit.code, audit.stderr).toBe(0);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('a first start that cannot listen still shows the one-time password of the admin it created', async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'mamori-serve-'));
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const failed = await runCli(['serve', '--port', String(port)], { env: { MAMORI_DATA_DIR: data, MAMORI_LOG_LEVEL: 'silent' } });
      expect(failed.code).toBe(2);
      expect(failed.stderr).toMatch(/Cannot listen on 127\.0\.0\.1:\d+/);
      expect(failed.stderr).toMatch(/One-time password:\s+\w{5}-\w{5}-\w{5}-\w{5}/);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
      rmSync(data, { recursive: true, force: true });
    }
  });
});
