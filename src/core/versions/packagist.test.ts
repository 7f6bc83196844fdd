import { describe, expect, it } from 'vitest';
import { packagist } from './packagist.js';

const scheme = packagist;

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


const php = "php-src ext/standard/tests/versioning/version_compare.phpt (via osv-semantic packagist-versions.txt)";
const osv = "osv-semantic packagist-versions.txt";
describe("packagist", () => {
  check([
    ["1.0-dev", "<", "1.0a1", php],
    ["1.0a1", "<", "1.0b1", php],
    ["1.0b1", "<", "1.0RC1", php],
    ["1.0RC1", "=", "1.0rc1", php],
    ["1.0rc1", "<", "1.0", php],
    ["1.0", "<", "1.0pl1", php],
    ["1.0", "<", "1.0.0", osv],
    ["v1.0pl1", ">", "1.0-dev", "ORACLES.md packagist one-liner"],
    ["1.25.0-beta2.1", "=", "1.25.0-b.2.1", osv + " (composer ComparatorTest)"],
    ["dev-foo", "<", "1.26.0", osv],
    ["1.2.3.#", "=", "1.2.3", osv + " (OSV keeps #)"],
    ["1.0-foo", "<", "1.0-dev", "php-src versioning.c: unknown forms below dev"],
    ["999999999999999999999999999991", "<", "999999999999999999999999999999", osv + " (no size limit)"],
  ]);
  rejects([["", "empty"], ["...", "no letters or digits"]]);
});
