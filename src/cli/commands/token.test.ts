/**
 * `mamori token list --all | --user EMAIL` and `mamori token revoke ID` (operator commands on the
 * local database, acting as admin): the list shows owner and status but never the secret; a revoked
 * token stops working at once and the revocation is audited; usage errors exit 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { authenticateToken } from '../../services/auth.js';
import { createServiceContext } from '../../services/context.js';
import { openStore } from '../../store/connect.js';

describe('mamori token list / revoke', () => {
  let dir: string;
  let env: Record<string, string>;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-token-'));
    env = { MAMORI_DATA_DIR: dir };
    expect((await runCli(['db', 'migrate'], { env })).code).toBe(0);
    expect((await runCli(['org', 'create', '--slug', 'acme', '--name', 'ACME Medical'], { env })).code).toBe(
      0,
    );
    for (const [email, role] of [
      ['ci@acme.example', 'editor'],
      ['qa@acme.example', 'viewer'],
    ] as const)
      expect((await runCli(['user', 'create', '--email', email, '--role', role], { env })).code).toBe(0);
    for (const [user, name] of [
      ['ci@acme.example', 'CI – firmware'],
      ['ci@acme.example', 'nightly'],
      ['qa@acme.example', 'report'],
    ] as const) {
      const created = await runCli(['token', 'create', '--user', user, '--name', name], { env });
      expect(created.code, created.stderr).toBe(0);
      secrets[name] = created.stdout.trim();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const works = async (secret: string) => {
    const store = openStore(`sqlite:${path.join(dir, 'mamori.db')}`);
    try {
      return (await authenticateToken(createServiceContext(store), secret)) !== null;
    } finally {
      await store.close();
    }
  };

  it('lists every token of the organisation with its owner, or one user’s, never the secret', async () => {
    const all = await runCli(['token', 'list', '--all'], { env });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/^ID\s+USER\s+NAME\s+PREFIX\s+CREATED\s+LAST USED\s+EXPIRES\s+STATUS/);
    expect(all.stdout.trim().split('\n')).toHaveLength(4);
    expect(all.stdout).toMatch(/ci@acme\.example\s+CI – firmware\s+mamori_\S{6}…/);
    for (const s of Object.values(secrets)) expect(all.stdout).not.toContain(s);

    const one = await runCli(['token', 'list', '--user', 'qa@acme.example', '--format', 'json'], { env });
    expect(one.code, one.stderr).toBe(0);
    const items = (
      JSON.parse(one.stdout) as { items: { name: string; userEmail: string; revokedAt: string | null }[] }
    ).items;
    expect(items).toMatchObject([{ name: 'report', userEmail: 'qa@acme.example', revokedAt: null }]);
    expect(one.stdout).not.toContain(secrets.report);
  });

  it('revokes a token by id: it stops working at once, and the audit log records it', async () => {
    const list = JSON.parse(
      (await runCli(['token', 'list', '--all', '--format', 'json'], { env })).stdout,
    ) as { items: { id: string; name: string }[] };
    const nightly = list.items.find((i) => i.name === 'nightly')!;
    expect(await works(secrets.nightly!)).toBe(true);
    const revoked = await runCli(['token', 'revoke', nightly.id], { env });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stderr).toMatch(/Token "nightly" \(mamori_\S{6}…\) of ci@acme\.example revoked at /);
    expect(await works(secrets.nightly!)).toBe(false);
    expect(await works(secrets['CI – firmware']!)).toBe(true);
    const after = await runCli(['token', 'list', '--user', 'ci@acme.example'], { env });
    expect(after.stdout).toMatch(/nightly .*revoked/);
    expect(after.stdout).toMatch(/CI – firmware .*active/);

    const store = openStore(`sqlite:${path.join(dir, 'mamori.db')}`);
    try {
      const entry = await store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'token.revoke')
        .executeTakeFirstOrThrow();
      expect(entry.entity_id).toBe(nightly.id);
      expect(entry.actor_name).toMatch(/^operator:/);
      expect(JSON.parse(entry.after_json!)).toMatchObject({ userEmail: 'ci@acme.example', name: 'nightly' });
    } finally {
      await store.close();
    }
  });

  it('usage errors exit 2: neither or both of --all / --user, an unknown token', async () => {
    for (const argv of [
      ['token', 'list'],
      ['token', 'list', '--all', '--user', 'ci@acme.example'],
      ['token', 'revoke', 'no-such-id'],
      ['token', 'revoke'],
    ]) {
      const res = await runCli(argv, { env });
      expect(res.code, argv.join(' ')).toBe(2);
    }
    expect((await runCli(['token', 'revoke', 'no-such-id'], { env })).stderr).toMatch(
      /No token with id no-such-id/,
    );
  });
});
