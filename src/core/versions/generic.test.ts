import { describe, expect, it } from 'vitest';
import { generic } from './generic.js';

const scheme = generic;

function check(rows: readonly (readonly [string, "<" | "=" | ">", string, string])[]) {
  it.each(rows)("%s %s %s  (%s)", (a, op, b) => {
    const pa = scheme.parse(a);
    const pb = scheme.parse(b);
    if (!pa.ok || !pb.ok) throw new Error(`invalid: ${JSON.stringify(!pa.ok ? pa.error : pb)}`);
    const want = op === "<" ? -1 : op === "=" ? 0 : 1;
    expect(scheme.compare(pa.value, pb.value)).toBe(want);
    expect(scheme.compare(pb.value, pa.value)).toBe(-want || 0);
  });
}
function rejects(rows: readonly (readonly [string, string])[]) {
  it.each(rows)("rejects %j (%s)", (v) => {
    const r = scheme.parse(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).not.toBe("");
  });
}


const doc = "src/core/versions/generic.ts (fallback rules)";
describe("generic", () => {
  check([
    ["1.0", "<", "1.0.1", doc],
    ["1.0-rc1", "<", "1.0", doc],
    ["1.0.rc1", "<", "1.0.1", doc],
    ["1.9", "<", "1.10", doc],
    ["1.0", "=", "1-0", doc],
    ["1.0-RC1", "=", "1.0-rc1", doc],
    ["2.0b3", "<", "2.0", doc],
    ["1.0a1", "<", "1.0b1", doc],
    ["1.0rc", "<", "1.0", doc],
    ["1.0-beta", "<", "1.0", doc],
    // Letter releases written straight after the number come after it: OpenSSL 1.1.1a … 1.1.1w
    // follow 1.1.1, and NVD ranges count on it (CVE-2022-0778: versionStartIncluding 1.1.1,
    // versionEndExcluding 1.1.1n).
    ["1.1.1k", ">", "1.1.1", doc],
    ["1.1.1k", "<", "1.1.1n", doc],
    ["1.1.1", "<", "1.1.1a", doc],
    ["1.0.2z", "<", "1.0.2za", doc],
    ["1.0.2zc", "<", "1.0.2zd", doc],
    ["1.1.1w", "<", "1.1.2", doc],
    ["1.0.2zd", "<", "1.1.0", doc],
    // Patch and update words: OpenSSH 8.4p1, NTP 4.2.8p15, BIND 9.11.3-P1, Java 7u51.
    ["8.4p1", ">", "8.4", doc],
    ["8.4p1", "<", "8.5", doc],
    ["4.2.8p9", "<", "4.2.8p15", doc],
    ["9.11.3-P1", ">", "9.11.3", doc],
    ["9.11.3-P1", "<", "9.11.4", doc],
    ["7u51", ">", "7", doc],
    ["7u51", "<", "7u60", doc],
    // At one position: pre-release word < end < post-release word < number.
    ["1.0.rc1", "<", "1.0", doc],
    ["1.0", "<", "1.0p1", doc],
    ["1.0p1", "<", "1.0.1", doc],
    ["1.0-rc1", "<", "1.0p1", doc],
  ]);
  rejects([["", "empty"], ["...", "no letters or digits"]]);
});
