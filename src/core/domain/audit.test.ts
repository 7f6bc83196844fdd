import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditChainVerifier, describeAuditProblem, genesisHash, sealAuditEntry, type AuditEntry } from './audit.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = genesisHash;
  for (let i = 1; i <= n; i++) {
    const e = sealAuditEntry(
      { seq: i, id: `id-${i}`, at: `2026-01-0${i}T00:00:00.000Z`, organizationId: 'o', actorUserId: 'u', actorName: 'a@b', action: 'product.update', entityType: 'product', entityId: 'p', before: { n: i - 1 }, after: { n: i }, prevHash: prev },
      sha,
    );
    out.push(e);
    prev = e.hash;
  }
  return out;
}

function verify(entries: AuditEntry[], head: { seq: number; hash: string } | null) {
  const v = new AuditChainVerifier(sha);
  for (const e of entries) if (!v.push(e)) break;
  return v.finish(head);
}

describe('audit hash chain', () => {
  const entries = chain(5);
  const head = { seq: 5, hash: entries[4]!.hash };

  it('links each entry to the previous hash, starting from the genesis hash', () => {
    expect(entries[0]!.prevHash).toBe(genesisHash);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
  });

  it('accepts an intact chain', () => {
    expect(verify(entries, head)).toEqual({ checked: 5, problem: null });
  });

  it('names an altered entry (content no longer matches its hash)', () => {
    const altered = entries.map((e) => (e.seq === 3 ? { ...e, after: { n: 99 } } : e));
    expect(verify(altered, head).problem).toEqual({ kind: 'hash_mismatch', seq: 3 });
  });

  it('names a re-hashed entry by the break in the next link', () => {
    const forged = sealAuditEntry({ ...entries[2]!, after: { n: 99 } }, sha);
    const list = entries.map((e) => (e.seq === 3 ? forged : e));
    expect(verify(list, head).problem).toEqual({ kind: 'prev_hash_mismatch', seq: 4 });
  });

  it('names a removed entry', () => {
    const problem = verify(entries.filter((e) => e.seq !== 2), head).problem!;
    expect(problem).toEqual({ kind: 'gap', seq: 3, expectedSeq: 2 });
    expect(describeAuditProblem(problem)).toBe('entry 2 is missing (found entry 3 where 2 should be)');
  });

  it('catches removal of the newest entries through the head', () => {
    const problem = verify(entries.slice(0, 3), head).problem!;
    expect(problem).toEqual({ kind: 'head_mismatch', seq: 4, headSeq: 5 });
    expect(describeAuditProblem(problem)).toMatch(/entries from 4 on were removed/);
  });

  it('hashes key order independently (canonical JSON)', () => {
    const a = sealAuditEntry({ ...entries[0]!, after: { x: 1, y: 2 } }, sha);
    const b = sealAuditEntry({ ...entries[0]!, after: { y: 2, x: 1 } }, sha);
    expect(a.hash).toBe(b.hash);
  });
});
