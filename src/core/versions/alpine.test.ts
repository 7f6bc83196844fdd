import { describe, expect, it } from 'vitest';
import { alpine } from './alpine.js';

const scheme = alpine;

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


const osv = "osv-semantic alpine-versions.txt";
const spec = "apk-package(5) pkgver";
describe("apk", () => {
  check([
    ["1.2_alpha1", "<", "1.2_beta1", spec + " suffix order"],
    ["1.2_rc1", "<", "1.2", spec + " suffix order"],
    ["1.2", "<", "1.2_p1", spec + " suffix order"],
    ["1.2_cvs1", "<", "1.2_p1", spec + " suffix order"],
    ["1.2a", "<", "1.2b", spec + " letter"],
    ["1.0.4-r3", "<", "1.0.4-r4", spec + " -r build"],
    ["1-r1", "=", "1-r01", osv],
    ["1.06-r6", "<", "006", osv],
    ["0.8.21.r2", "<", "0.8.21r2", osv],
    ["1", ">", "1-ruff", osv + " (unparsed tail first)"],
    ["a", "<", "b", osv + " (two invalid versions compare as text)"],
    ["1.0~abc123", "=", "1.0", spec + " (~hash ignored)"],
  ]);
  rejects([["", "empty"]]);
});
