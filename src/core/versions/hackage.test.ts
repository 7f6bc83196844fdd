import { describe, expect, it } from 'vitest';
import { hackage } from './hackage.js';

const scheme = hackage;

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


const osv = "osv-semantic hackage-versions.txt";
describe("pvp", () => {
  check([
    ["1.0.0", ">", "1.0", osv],
    ["1.1", ">", "1.0.0", osv],
    ["2.0", ">", "1", osv],
    ["0.1.0.0", "=", "0.1.0.0", osv],
    ["1.0.0.0", ">", "0.11.3.0", osv],
  ]);
  rejects([["", "empty"], ["1.0-rc1", "not PVP"]]);
});
