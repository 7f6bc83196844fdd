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
  ]);
  rejects([["", "empty"], ["...", "no letters or digits"]]);
});
