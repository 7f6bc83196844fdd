#!/usr/bin/env node
// Checks a JSON export of the mamori audit log (GET /api/v1/audit/export?format=json, or Export → JSON
// on the Audit log page) without mamori: every entry's hash is recomputed from its content, and where
// two entries follow each other (seq N-1 and N), N must link to N-1's hash. Needs only Node.js.
// Usage: node check-audit-export.mjs audit-log-….json   (exit 0: intact, 1: a problem, 2: unreadable)
// The hash: SHA-256 (hex) of the canonical JSON (keys sorted, no whitespace) of {seq, id, at,
// organizationId, actorUserId, actorName, action, entityType, entityId, before, after, prevHash}.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const canonical = (v) =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v)
          .filter((k) => v[k] !== undefined)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
          .join(',')}}`;

let entries;
try {
  ({ entries } = JSON.parse(readFileSync(process.argv[2], 'utf8')));
  if (!Array.isArray(entries)) throw new Error('no "entries" list');
} catch (e) {
  console.error(`Cannot read ${process.argv[2]}: ${e.message}`);
  process.exit(2);
}
let problems = 0;
let links = 0;
let prev;
for (const e of entries) {
  const {
    seq,
    id,
    at,
    organizationId,
    actorUserId,
    actorName,
    action,
    entityType,
    entityId,
    before,
    after,
    prevHash,
  } = e;
  const content = {
    seq,
    id,
    at,
    organizationId,
    actorUserId,
    actorName,
    action,
    entityType,
    entityId,
    before: before ?? null,
    after: after ?? null,
    prevHash,
  };
  const hash = createHash('sha256').update(canonical(content), 'utf8').digest('hex');
  if (hash !== e.hash) {
    problems += 1;
    console.log(`entry ${seq}: its content does not match its hash (altered)`);
  }
  if (prev && prev.seq === seq - 1) {
    links += 1;
    if (prevHash !== prev.hash) {
      problems += 1;
      console.log(`entry ${seq}: does not link to entry ${prev.seq}`);
    }
  }
  prev = e;
}
const first = entries[0]?.seq;
const last = entries.at(-1)?.seq;
console.log(
  `${entries.length} entries (${first ?? '-'}…${last ?? '-'}), ${entries.length} hashes and ${links} links checked: ${problems === 0 ? 'intact' : `${problems} problem(s)`}`,
);
process.exitCode = problems === 0 ? 0 : 1;
