/**
 * The audit log is append-only and hash-chained: each entry's hash covers its content and the hash
 * of the entry before it, so altering or removing any row breaks every hash after it. A separate
 * head record (last sequence number and hash) catches removal of the newest rows.
 */
import { canonicalJson } from '../canonical-json.js';

export interface AuditEntry {
  /** 1, 2, 3 … without gaps across the whole installation. */
  readonly seq: number;
  readonly id: string;
  readonly at: string;
  readonly organizationId: string | null;
  readonly actorUserId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditContent = Omit<AuditEntry, 'hash'>;

/** The hash of the first entry's predecessor. */
export const genesisHash = '0'.repeat(64);

export type Sha256Hex = (text: string) => string;

export function auditHashInput(entry: AuditContent): string {
  return canonicalJson({
    seq: entry.seq,
    id: entry.id,
    at: entry.at,
    organizationId: entry.organizationId,
    actorUserId: entry.actorUserId,
    actorName: entry.actorName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    prevHash: entry.prevHash,
  });
}

export function sealAuditEntry(content: AuditContent, sha256: Sha256Hex): AuditEntry {
  return { ...content, hash: sha256(auditHashInput(content)) };
}

export type AuditProblem =
  | { readonly kind: 'gap'; readonly seq: number; readonly expectedSeq: number }
  | { readonly kind: 'prev_hash_mismatch'; readonly seq: number }
  | { readonly kind: 'hash_mismatch'; readonly seq: number }
  | { readonly kind: 'head_mismatch'; readonly seq: number; readonly headSeq: number };

export interface AuditVerification {
  readonly checked: number;
  /** The first problem found, or null when the chain is intact. */
  readonly problem: AuditProblem | null;
}

/**
 * Verifies entries given in ascending `seq` order; stops at the first problem. `state` lets a caller
 * verify a long log in pages: pass the previous call's returned state.
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private prevHash = genesisHash;
  private checked = 0;
  private problem: AuditProblem | null = null;

  constructor(private readonly sha256: Sha256Hex) {}

  /** Returns false once a problem has been found (no need to feed more entries). */
  push(entry: AuditEntry): boolean {
    if (this.problem) return false;
    if (entry.seq !== this.expectedSeq) {
      this.problem = { kind: 'gap', seq: entry.seq, expectedSeq: this.expectedSeq };
      return false;
    }
    if (entry.prevHash !== this.prevHash) {
      this.problem = { kind: 'prev_hash_mismatch', seq: entry.seq };
      return false;
    }
    if (this.sha256(auditHashInput(entry)) !== entry.hash) {
      this.problem = { kind: 'hash_mismatch', seq: entry.seq };
      return false;
    }
    this.checked += 1;
    this.expectedSeq += 1;
    this.prevHash = entry.hash;
    return true;
  }

  /** Compares with the stored head: the newest entry must be the one the head names. */
  finish(head: { seq: number; hash: string } | null): AuditVerification {
    if (!this.problem && head) {
      const lastSeq = this.expectedSeq - 1;
      if (head.seq !== lastSeq || head.hash !== this.prevHash)
        this.problem = { kind: 'head_mismatch', seq: lastSeq + 1, headSeq: head.seq };
    }
    return { checked: this.checked, problem: this.problem };
  }
}

export function describeAuditProblem(p: AuditProblem): string {
  switch (p.kind) {
    case 'gap':
      return p.seq > p.expectedSeq
        ? `entry ${p.expectedSeq} is missing (found entry ${p.seq} where ${p.expectedSeq} should be)`
        : `entry ${p.seq} appears out of order (expected ${p.expectedSeq})`;
    case 'prev_hash_mismatch':
      return `entry ${p.seq} does not link to the entry before it (a preceding entry was altered or removed)`;
    case 'hash_mismatch':
      return `entry ${p.seq} was altered (its content does not match its hash)`;
    case 'head_mismatch':
      return `the log ends before entry ${p.headSeq} recorded as its newest; entries from ${p.seq} on were removed`;
  }
}
